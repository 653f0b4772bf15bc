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
 * regular file inside the edition (a seal that is a pipe was not used). */
static void add_edition_file(hui_manifest *m, const hui_edition *e, const char *rel) {
  if (!rel || !*rel) return;
  char *real = hui_path_inside(e->dir, rel);
  struct stat st;
  bool regular = real && stat(real, &st) == 0 && S_ISREG(st.st_mode);
  free(real);
  if (!regular) return;
  char *file = hui_path_join(e->dir, rel);
  hui_manifest_add_found(m, "inputs", e->dir, hui_build_data_dir(), file);
  free(file);
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
  add_edition_file(m, e, c->path ? c->path : "campaign.xml");
  for (size_t i = 0; i < e->nsubs; i++) {
    add_edition_file(m, e, e->subs[i].path);
    if (e->subs[i].loaded) add_edition_file(m, e, e->subs[i].photo.text);
    if (e->subs[i].loaded) add_edition_file(m, e, e->subs[i].portrait.text);
  }
  if (cert_t) add_edition_file(m, e, c->certificate.seal.text);
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
