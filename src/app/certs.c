/* certs: the certificates of a build and of the certificates command —
 * their template, composition, document, --split files, and the check of
 * the lines that would shrink. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../compose/book.h"
#include "../compose/certificate.h"
#include "../fonts.h"
#include "../load.h"
#include "../pdf.h"
#include "../text/order.h"
#include "build.h"
#include "build_internal.h"

/* The certificate template: --template, else the campaign's, else the
 * full design. Returns NULL with *why set. */
hui_template *hui_build_cert_template(const hui_build_opts *o, const hui_edition *e, char **why) {
  const hui_campaign *c = &e->campaign;
  const char *name = o->cert_template ? o->cert_template
                     : c->certificate.template_name.text && *c->certificate.template_name.text
                         ? c->certificate.template_name.text
                         : "certificate-a4-landscape";
  char *tdir = hui_path_join(hui_build_data_dir(), "templates");
  hui_template *t = hui_load_template(e->dir, tdir, name, why);
  free(tdir);
  if (t && t->kind != HUI_TEMPLATE_CERTIFICATE) {
    *why = hui_xasprintf(_("template '%s' is not a certificate template: use one whose root is "
                           "<template kind=\"certificate\">, e.g. certificate-a4-landscape"),
                         name);
    hui_template_free(t);
    t = NULL;
  }
  return t;
}

static hui_backend *certs_backend(const hui_build_opts *o, const hui_edition *e, char **why);

/* Composes the certificates of the awardees (those of --only). With doc,
 * into a new document (*doc) that takes each page as it is made, so that
 * the pages are not kept. Returns NULL with *why set. */
hui_certs *hui_build_make_certs(const hui_build_opts *o, const hui_edition *e, const size_t *order,
                                size_t norder, const bool *keep, const hui_template *t,
                                hui_fonts *fonts, hui_diags *d, hui_backend **doc, char **why) {
  hui_cert_opts opts = {o->offset_x, o->offset_y, keep, NULL};
  if (doc) {
    *doc = NULL;
    if (!(opts.out = certs_backend(o, e, why))) return NULL;
  }
  hui_certs *cs = hui_certificates_compose(e, order, norder, t, fonts, &opts, d, why);
  if (doc && cs && !hui_book_marks(cs->book, opts.out, why)) {
    hui_certs_free(cs);
    cs = NULL;
  }
  if (doc && cs) *doc = opts.out;
  else hui_backend_free(opts.out);
  return cs;
}

/* The certificates' document information; cert_info_free frees its strings. */
typedef struct cert_info {
  char date[32];
  char *title, *subject, *keywords;
  hui_doc_info info; /* pointing at the above */
} cert_info;

static void cert_info_make(cert_info *ci, const hui_build_opts *o, const hui_campaign *c) {
  hui_build_doc_date(c, ci->date, sizeof ci->date);
  ci->title = hui_xasprintf("%s%s%s荣誉证书", c->year.text ? c->year.text : "",
                            c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
  ci->subject =
      hui_xasprintf("%s%s", c->area.text ? c->area.text : "", c->name.text ? c->name.text : "");
  ci->keywords = hui_xasprintf("荣誉证书,先进典型,%s,%s", c->area.text ? c->area.text : "",
                               c->year.text ? c->year.text : "");
  ci->info = (hui_doc_info){ci->title,    c->organizer.text,          ci->subject,
                            ci->keywords, "huibian " HUIBIAN_VERSION, ci->date,
                            o->pdfa};
}

static void cert_info_free(cert_info *ci) {
  free(ci->title);
  free(ci->subject);
  free(ci->keywords);
}

/* The certificates' document, empty (with --trace, their layout as text
 * beside it); NULL with *why set. */
static hui_backend *certs_backend(const hui_build_opts *o, const hui_edition *e, char **why) {
  cert_info ci;
  cert_info_make(&ci, o, &e->campaign);
  hui_backend *doc = hui_pdf_backend(&ci.info, why);
  cert_info_free(&ci);
  if (doc && o->trace) doc = hui_backend_tee(doc, hui_trace_backend(), "certificates.trace");
  return doc;
}

/* The certificates' document with every page of cs, bookmark and label in
 * it, not yet written; NULL with *why set. */
static hui_backend *certs_document(const hui_build_opts *o, const hui_edition *e,
                                   const hui_certs *cs, char **why) {
  hui_backend *doc = certs_backend(o, e, why);
  if (doc && !hui_book_send(cs->book, doc, why)) {
    hui_backend_free(doc);
    doc = NULL;
  }
  return doc;
}

/* Writes DIR/certificates.pdf (from doc when the caller made it with
 * hui_build_make_certs, which it then frees) and, with --split,
 * DIR/certificates/<number>-<name>.pdf, into dir: a new folder that will
 * take OUT's place (outdir.h), so no certificate of an earlier run stays
 * unless it is kept on purpose (--only). Messages name the files as they
 * will be, under OUT; "wrote" lines go to said. Returns false after
 * printing why. */
static bool write_certs(const hui_build_opts *o, const char *dir, const hui_edition *e,
                        const hui_certs *cs, hui_backend *doc, const hui_spool *spool,
                        hui_buf *said) {
  char *why = NULL;
  cert_info ci;
  cert_info_make(&ci, o, &e->campaign);
  char *path = hui_path_join(dir, "certificates.pdf");
  char *shown = hui_path_join(o->out, "certificates.pdf");
  bool ok;
  if (spool) {
    ok = hui_spool_place(spool, path, &why);
  } else {
    if (!doc) doc = certs_document(o, e, cs, &why);
    ok = doc && hui_backend_finish(doc, path, &why);
  }
  hui_backend_free(doc);
  if (!ok)
    fprintf(stderr, _("huibian: cannot write %s: %s\n"), shown, why ? why : _("unknown error"));
  else if (!o->quiet)
    hui_buf_printf(said, _("huibian: wrote %s (%zu certificates)\n"), shown, cs->n);
  free(path);
  free(shown);
  char *into = hui_path_join(dir, "certificates");
  char *shown_dir = hui_path_join(o->out, "certificates");
  if (ok && o->split && !hui_make_dirs(into)) {
    fprintf(stderr, _("huibian: cannot create the folder %s: %s\n"), shown_dir, strerror(errno));
    ok = false;
  }
  char **files = hui_xcalloc(cs->n + 1, sizeof *files); /* the names so far */
  for (size_t i = 0; ok && o->split && i < cs->n; i++) {
    const char *name = cs->names[i]; /* one person's, with per-person certificates */
    hui_dpage *pages[1] = {cs->book->pages[i]};
    hui_outline mark = {0, hui_xasprintf("%s　%s", cs->numbers[i], name), 0, 0};
    hui_book one = {.pages = pages, .npages = 1, .cap = 1, .outlines = &mark, .noutlines = 1};
    char *stem = hui_xasprintf("%s-%s", cs->numbers[i], name);
    char *file = hui_path_safe_name(stem, ".pdf", files, i);
    files[i] = file;
    free(stem);
    char *fpath = hui_path_join(into, file);
    hui_backend *pdf1 = hui_pdf_backend(&ci.info, &why);
    ok = pdf1 && hui_book_send(&one, pdf1, &why) && hui_backend_finish(pdf1, fpath, &why);
    hui_backend_free(pdf1);
    if (!ok)
      fprintf(stderr, _("huibian: cannot write %s/%s: %s\n"), shown_dir, file,
              why ? why : _("unknown error"));
    free(fpath);
    free(mark.title);
  }
  for (size_t i = 0; i < cs->n; i++) free(files[i]);
  free(files);
  if (ok && o->split)
    hui_buf_printf(said, _("huibian: wrote %zu files into %s\n"), cs->n, shown_dir);
  free(into);
  free(shown_dir);
  free(why);
  cert_info_free(&ci);
  return ok;
}

bool hui_build_write_certs(const hui_build_opts *o, const char *dir, const hui_edition *e,
                           const hui_certs *cs, hui_backend *doc, hui_buf *said) {
  return write_certs(o, dir, e, cs, doc, NULL, said);
}

/* check: the lines that would have to shrink on the certificates
 * (cert-shrunk). Needs the fonts and the certificate template; without them
 * it is skipped quietly here, and the build reports what is missing. */
void hui_build_check_certs(const hui_build_opts *o, const hui_edition *e, hui_diags *d) {
  if (!e->campaign.loaded || !e->campaign.certificate.text.text || hui_diags_count(d, HUI_ERROR))
    return;
  char *why = NULL;
  hui_template *t = hui_build_cert_template(o, e, &why);
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  hui_fonts *fonts = t ? hui_fonts_open(fdir, e->dir, &why) : NULL;
  free(fdir);
  size_t norder = 0;
  size_t *order = fonts ? hui_order_awarded(e, &norder) : NULL;
  /* the pages are dropped as they are made (8 MB at 2,000 awardees) */
  hui_backend *none = hui_null_backend();
  hui_cert_opts opts = {o->offset_x, o->offset_y, NULL, none};
  hui_certs *cs =
      fonts ? hui_certificates_compose(e, order, norder, t, fonts, &opts, d, &why) : NULL;
  hui_backend_free(none);
  hui_diags_sort(d);
  hui_certs_free(cs);
  free(order);
  free(why);
  hui_fonts_free(fonts);
  hui_template_free(t);
}

bool hui_write_certificates(hui_build_state *st) {
  if (!st->certs) return true;
  hui_backend *doc = st->cert_doc;
  st->cert_doc = NULL;
  return write_certs(st->o, st->dir, st->e, st->certs, doc, st->cert_spool, st->said);
}
