/* documents: the outputs decision (decision.pdf, the 表彰决定), publicity
 * (publicity.pdf, the 公示) and progress (progress.pdf, the 进展通报 with the
 * stats tables) — official documents in GB/T 9704 composed by
 * compose/decision.c on a gongwen-kind template, with fonts of their own;
 * with --trace their layout as text beside them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../backend/backend.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../compose/decision.h"
#include "../load.h"
#include "../pdf.h"
#include "build.h"

/* The document's template: the section's template attribute, else
 * gongwen-a4, from the edition's templates/ or the program's. NULL after
 * printing why. */
static hui_template *doc_template(const hui_build_state *st, const hui_doc_config *k) {
  const char *name =
      k->template_name.text && *k->template_name.text ? k->template_name.text : "gongwen-a4";
  char *why = NULL;
  char *tdir = hui_path_join(hui_build_data_dir(), "templates");
  hui_template *t = hui_load_template(st->e->dir, tdir, name, &why);
  free(tdir);
  if (t && t->kind != HUI_TEMPLATE_GONGWEN) {
    why = hui_xasprintf(_("template '%s' is not a gongwen template: use one whose root is "
                          "<template kind=\"gongwen\">, e.g. gongwen-a4"),
                        name);
    hui_template_free(t);
    t = NULL;
  }
  if (!t) fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot load the template"));
  free(why);
  return t;
}

static bool write_doc(hui_build_state *st, hui_doc_kind kind, const char *file, const char *trace,
                      const char *what) {
  const hui_edition *e = st->e;
  const hui_doc_config *k = hui_doc_config_of(e, kind);
  const char *section = kind == HUI_DOC_DECISION    ? "<decision>"
                        : kind == HUI_DOC_PUBLICITY ? "<publicity>"
                                                    : "<progress>";
  if (!k->present) {
    fprintf(stderr,
            _("huibian: cannot write %s/%s: campaign.xml has no %s section; add one "
              "(see docs/edition-format.md)\n"),
            st->o->out, file, section);
    return false;
  }
  hui_template *t = doc_template(st, k);
  if (!t) return false;
  char *why = NULL;
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  hui_fonts *fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  bool ok = fonts != NULL;
  hui_diags *d = hui_diags_new();
  /* the progress report's figures: the stats with the gate's findings */
  hui_stats *stats = kind == HUI_DOC_PROGRESS ? hui_stats_compute(e, st->d) : NULL;
  hui_book *book = ok ? hui_doc_compose_stats(e, kind, t, fonts, d, stats) : NULL;
  hui_stats_free(stats);
  hui_diags_sort(d);
  hui_diags_print(d, stderr, hui_build_prefix(e->dir));
  if (ok && !book)
    fprintf(stderr, _("huibian: %s/%s not written: fix the findings above in campaign.xml\n"),
            st->o->out, file);
  ok = book != NULL;
  char *path = hui_path_join(st->dir, file);
  if (ok) {
    const hui_campaign *c = &e->campaign;
    char date[32];
    hui_build_doc_date(c, date, sizeof date);
    hui_doc_info info = {what, c->organizer.text, c->name.text, what, "huibian " HUIBIAN_VERSION,
                         date, st->o->pdfa};
    hui_backend *doc = hui_pdf_backend(&info, &why);
    if (doc && st->o->trace) doc = hui_backend_tee(doc, hui_trace_backend(), trace);
    ok = doc && hui_book_send(book, doc, &why) && hui_backend_finish(doc, path, &why);
    hui_backend_free(doc);
  }
  if (book && !ok)
    fprintf(stderr, _("huibian: cannot write %s/%s: %s\n"), st->o->out, file,
            why ? why : _("unknown error"));
  else if (!fonts)
    fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot set up templates or fonts"));
  if (ok && !st->o->quiet)
    hui_buf_printf(
        st->said,
        P_("huibian: wrote %s/%s (%zu page)\n", "huibian: wrote %s/%s (%zu pages)\n", book->npages),
        st->o->out, file, book->npages);
  free(path);
  free(why);
  hui_book_free(book);
  hui_diags_free(d);
  hui_fonts_free(fonts);
  hui_template_free(t);
  return ok;
}

bool hui_write_decision(hui_build_state *st) {
  return write_doc(st, HUI_DOC_DECISION, "decision.pdf", "decision.trace", "表彰决定");
}

bool hui_write_progress(hui_build_state *st) {
  return write_doc(st, HUI_DOC_PROGRESS, "progress.pdf", "progress.trace", "进展通报");
}

bool hui_write_publicity(hui_build_state *st) {
  return write_doc(st, HUI_DOC_PUBLICITY, "publicity.pdf", "publicity.trace", "公示");
}
