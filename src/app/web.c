/* web: the website edition as an output of the registry (outputs.h) —
 * the site composed by compose/web.c written into OUT/web/, and the same
 * files as OUT/web.zip for the county site's CMS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../compose/web.h"
#include "../load/zipfile.h"
#include "../text/order.h"
#include "build.h"

/* The stylesheet: templates/web.css of the data folder. */
static char *read_css(char **why) {
  char *path = hui_path_join(hui_build_data_dir(), "templates/web.css");
  size_t len;
  char *css = hui_read_file(path, 1024u * 1024u, &len);
  if (!css) *why = hui_xasprintf(_("cannot read %s: %s"), path, hui_strerror(errno));
  free(path);
  return css;
}

/* Every file of site under dir/web: written as one batch (hundreds of pages
 * and photos; an fsync each would cost a disk flush each), put on disk
 * together and renamed into place. */
static bool write_files(const hui_web_site *site, const char *dir, char **why) {
  hui_write_batch *batch = hui_write_batch_new();
  bool ok = true;
  char *made = NULL; /* the folder made last: the site's files come folder by folder */
  for (size_t i = 0; ok && i < site->n; i++) {
    const hui_web_file *f = &site->files[i];
    char *rel = hui_xasprintf("web/%s", f->path);
    char *path = hui_path_join(dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    if (!made || strcmp(made, path) != 0) {
      ok = hui_make_dirs(path);
      free(made);
      made = hui_xstrdup(path);
    }
    *slash = '/';
    ok = ok && hui_write_batch_add(batch, path, (const char *)f->bytes, f->len, i);
    if (!ok) *why = hui_xasprintf(_("cannot write %s: %s"), rel, strerror(errno));
    free(rel);
    free(path);
  }
  const char *failed = NULL;
  if (ok && !hui_write_batch_commit(batch, &failed)) {
    ok = false;
    size_t n = strlen(dir);
    const char *rel = failed && strncmp(failed, dir, n) == 0 && failed[n] == '/' ? failed + n + 1
                      : failed                                                   ? failed
                                                                                 : "web/";
    *why = hui_xasprintf(_("cannot write %s: %s"), rel, strerror(errno));
  }
  hui_write_batch_free(batch);
  free(made);
  return ok;
}

/* The site as web.zip, its members dated the documents' day. */
static bool write_zip(const hui_web_site *site, const hui_build_state *st, char **why) {
  hui_zip_member *m = hui_xcalloc(site->n ? site->n : 1, sizeof *m);
  for (size_t i = 0; i < site->n; i++)
    m[i] = (hui_zip_member){site->files[i].path, site->files[i].bytes, site->files[i].len,
                            site->files[i].compressed};
  char date[32];
  hui_build_doc_date(&st->e->campaign, date, sizeof date);
  int y = 1980, mo = 1, d = 1;
  if (sscanf(date, "%d-%d-%d", &y, &mo, &d) != 3) y = 1980, mo = 1, d = 1;
  char *path = hui_path_join(st->dir, "web.zip");
  bool ok = hui_zip_write(path, m, site->n, y, mo, d, why);
  free(path);
  free(m);
  return ok;
}

bool hui_write_web(hui_build_state *st) {
  char *why = NULL;
  char *css = read_css(&why);
  hui_web_site *site = NULL;
  if (css) {
    size_t norder;
    size_t *order = hui_order_awarded(st->e, &norder);
    site = hui_web_compose(st->e, order, norder, css, &why);
    free(order);
  }
  bool ok = site && write_files(site, st->dir, &why) && write_zip(site, st, &why);
  char *shown = hui_path_join(st->o->out, "web");
  if (!ok)
    fprintf(stderr, _("huibian: cannot make the web edition %s: %s\n"), shown, why ? why : "");
  else if (!st->o->quiet)
    hui_buf_printf(st->said, _("huibian: wrote %s/ (%zu files) and %s.zip\n"), shown, site->n,
                   shown);
  free(shown);
  free(why);
  free(css);
  hui_web_site_free(site);
  return ok;
}
