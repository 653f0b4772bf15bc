/* manifest: OUT/manifest.json — every input, template and font file and
 * every output with its size and SHA-256, the font files hashed on a thread
 * of their own while the compendium is set. */
#define _XOPEN_SOURCE 700
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../base/sha256.h"
#include "../load.h"
#include "build.h"
#include "build_internal.h"
#include "digests.h"

/* An edition file (relative to the edition) in the manifest, when it is a
 * regular file inside the edition (a seal that is a pipe was not used);
 * read: the submission read from it, whose digest the load kept (NULL: the
 * file is hashed when the manifest is written). */
static void add_edition_file(hui_manifest *m, const hui_edition *e, const char *rel,
                             const hui_submission *read) {
  char *real = hui_path_inside(e->dir, rel);
  struct stat st;
  if (real && stat(real, &st) == 0 && S_ISREG(st.st_mode)) {
    char *file = hui_path_join(e->dir, rel);
    bool digested = read && read->sha256[0];
    hui_manifest_add_resolved(m, "inputs", e->dir, hui_build_data_dir(), file, real,
                              digested ? read->size : 0, digested ? read->sha256 : NULL);
    free(file);
  }
  free(real);
}

typedef struct edition_file {
  const char *rel;
  const hui_submission *read; /* as add_edition_file takes it */
} edition_file;

static int by_rel(const void *a, const void *b) {
  const edition_file *x = a, *y = b;
  int c = strcmp(x->rel, y->rel);
  return c ? c : (x->read == NULL) - (y->read == NULL);
}

static void push_file(edition_file **v, size_t *n, size_t *cap, const char *rel,
                      const hui_submission *read) {
  if (rel && *rel) *HUI_PUSH(*v, *n, *cap) = (edition_file){rel, read};
}

/* The campaign, every submission with its photos, and the seal: each file
 * once, however many submissions name it (a photo shared by a team's
 * entries is looked at once, not once per entry). */
static void add_edition_files(hui_manifest *m, const hui_edition *e, bool seal) {
  const hui_campaign *c = &e->campaign;
  edition_file *v = NULL;
  size_t n = 0, cap = 0;
  push_file(&v, &n, &cap, c->path ? c->path : "campaign.xml", NULL);
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *sub = &e->subs[i];
    push_file(&v, &n, &cap, sub->path, sub);
    if (sub->loaded) push_file(&v, &n, &cap, sub->photo.text, NULL);
    if (sub->loaded) push_file(&v, &n, &cap, sub->portrait.text, NULL);
  }
  if (seal) push_file(&v, &n, &cap, c->certificate.seal.text, NULL);
  if (n > 1) qsort(v, n, sizeof *v, by_rel);
  for (size_t i = 0; i < n; i++)
    if (i == 0 || strcmp(v[i].rel, v[i - 1].rel) != 0) add_edition_file(m, e, v[i].rel, v[i].read);
  free(v);
}

/* Every file the outputs wrote under dir/rel (NULL: dir), as outputs: the
 * build's folder holds this build's outputs and nothing else until it
 * takes OUT's place (outdir.h), so whatever an output kind writes is
 * listed without each kind naming its files. */
static void add_outputs(hui_manifest *m, const char *dir) {
  size_t n;
  char **rel = hui_list_files(dir, &n);
  for (size_t i = 0; i < n; i++) {
    char *file = hui_path_join(dir, rel[i]);
    struct stat st;
    if (strcmp(rel[i], "manifest.json") != 0 && lstat(file, &st) == 0 && S_ISREG(st.st_mode))
      hui_manifest_add(m, "outputs", HUI_FROM_OUTPUT, rel[i], file);
    free(file);
    free(rel[i]);
  }
  free(rel);
}

/* The font files' digests, from the cache of earlier builds where the
 * files are unchanged (digests.h). */
static void *hash_fonts(void *arg) {
  hui_font_hasher *h = arg;
  hui_digest_cache *cache = hui_digest_cache_open();
  for (size_t i = 0; i < h->n; i++)
    h->d[i].ok = hui_digest_cache_file(cache, h->d[i].file, &h->d[i].size, h->d[i].hex);
  hui_digest_cache_close(cache);
  return NULL;
}

void hui_font_hasher_start(hui_font_hasher *h, const hui_fonts *fonts) {
  const char **files;
  h->n = hui_fonts_files(fonts, &files);
  h->d = hui_xcalloc(h->n ? h->n : 1, sizeof *h->d);
  for (size_t i = 0; i < h->n; i++) h->d[i].file = files[i];
  /* without a thread, the manifest hashes them itself */
  h->running = pthread_create(&h->thread, NULL, hash_fonts, h) == 0;
}

void hui_font_hasher_join(hui_font_hasher *h) {
  if (h->running) pthread_join(h->thread, NULL);
  h->running = false;
}

int hui_build_write_manifest(const hui_build_opts *o, const char *dir, const hui_edition *e,
                             const hui_template *t, const hui_template *cert_t,
                             const hui_fonts *fonts, const hui_font_hasher *hasher,
                             hui_build_result *res) {
  const hui_campaign *c = &e->campaign;
  const char *dd = hui_build_data_dir();
  hui_manifest *m = hui_manifest_new(o->edition_name ? o->edition_name : o->edition,
                                     c->year.text ? c->year.text : "");
  if (o->revision) hui_manifest_set_archive(m, o->revision, o->supersedes);
  /* Where the edition is, so verify finds the inputs from any current
   * folder (an archive holds its own copy of them). */
  char *ed_real = o->revision ? NULL : realpath(e->dir, NULL);
  hui_manifest_set_edition_path(m, ed_real);
  free(ed_real);
  add_edition_files(m, e, cert_t != NULL);
  hui_output_set want; /* what the build wrote: --only, else <outputs>, else the defaults */
  hui_outputs_resolve(&o->outputs, c, &want, NULL);
  if (hui_outputs_want(&want, "web")) { /* the web edition's stylesheet */
    char *css = hui_path_join(dd, "templates/web.css");
    hui_manifest_add_found(m, "templates", e->dir, dd, css);
    free(css);
  }
  const hui_template *ts[2] = {t, cert_t};
  for (int i = 0; i < 2; i++)
    if (ts[i] && ts[i]->path) hui_manifest_add_found(m, "templates", e->dir, dd, ts[i]->path);
  hui_fonts *own_fonts = NULL;
  if (hui_outputs_want(&want, "poster") || hui_outputs_want(&want, "boards")) {
    /* a build of the poster alone set nothing else: the fonts it used */
    if (!fonts) {
      char *fdir = hui_path_join(dd, "fonts"), *fwhy = NULL;
      fonts = own_fonts = hui_fonts_open(fdir, e->dir, &fwhy);
      free(fwhy);
      free(fdir);
    }
    /* the poster template (posters.c loaded it; it loads again, or the build had stopped) */
    const char *pname = c->poster.template_name.text && *c->poster.template_name.text
                            ? c->poster.template_name.text
                            : "poster-a1";
    char *tdir = hui_path_join(dd, "templates"), *pwhy = NULL;
    hui_template *pt = hui_load_template(e->dir, tdir, pname, &pwhy);
    if (pt && pt->path) hui_manifest_add_found(m, "templates", e->dir, dd, pt->path);
    hui_template_free(pt);
    free(pwhy);
    free(tdir);
  }
  const char **files = NULL;
  size_t nfiles = fonts ? hui_fonts_files(fonts, &files) : 0; /* none when nothing was set */
  char *conf = fonts ? hui_path_join(dd, "fonts/fonts.conf") : NULL;
  if (conf) hui_manifest_add_found(m, "fonts", e->dir, dd, conf);
  free(conf);
  for (size_t i = 0; i < nfiles; i++) hui_manifest_add_found(m, "fonts", e->dir, dd, files[i]);
  for (size_t i = 0; hasher && i < hasher->n; i++)
    if (hasher->d[i].ok) hui_manifest_known(m, hasher->d[i].file, hasher->d[i].size, hasher->d[i].hex);
  add_outputs(m, dir);
  char *why = NULL;
  int status = HUI_EXIT_OK;
  if (!hui_manifest_write(m, dir, &why)) {
    fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot write the manifest"));
    status = HUI_EXIT_USAGE;
  } else if (res) {
    res->inputs = hui_manifest_edition_files(m, &res->ninputs);
    res->year = hui_xstrdup(c->year.text ? c->year.text : "");
  }
  free(why);
  hui_manifest_free(m);
  hui_fonts_free(own_fonts);
  return status;
}
