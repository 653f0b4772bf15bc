/* posters: the outputs `poster` (poster.pdf: the 光荣榜 sheet, and with
 * --tile A4|A3 poster-tiles.pdf, the sheet on office paper) and `boards`
 * (boards.pdf: one 展板 panel per awardee), from the campaign's poster
 * template (<poster template="…">, default poster-a1). Each loads its own
 * template and fonts; what the clerk should know (a second sheet, a short
 * version cut) is printed as notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../compose/poster.h"
#include "../fonts.h"
#include "../load.h"
#include "../pdf.h"
#include "../text/order.h"
#include "build.h"
#include "build_internal.h"

/* What both outputs start from. */
typedef struct poster_job {
  hui_template *t;
  hui_fonts *fonts;
  size_t *order;
  size_t norder;
} poster_job;

static void job_free(poster_job *j) {
  free(j->order);
  hui_fonts_free(j->fonts);
  hui_template_free(j->t);
}

static bool job_start(hui_build_state *st, poster_job *j) {
  const hui_campaign *c = &st->e->campaign;
  const char *name = c->poster.template_name.text && *c->poster.template_name.text
                         ? c->poster.template_name.text
                         : "poster-a1";
  char *why = NULL;
  char *tdir = hui_path_join(hui_build_data_dir(), "templates");
  j->t = hui_load_template(st->e->dir, tdir, name, &why);
  free(tdir);
  if (j->t && j->t->kind != HUI_TEMPLATE_POSTER) {
    why = hui_xasprintf(_("template '%s' is not a poster template: use one whose root is "
                          "<template kind=\"poster\">, e.g. poster-a1"),
                        name);
    hui_template_free(j->t);
    j->t = NULL;
  }
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  if (j->t) j->fonts = hui_fonts_open(fdir, st->e->dir, &why);
  free(fdir);
  if (!j->fonts) {
    fprintf(stderr, _("huibian: cannot make the poster: %s\n"), why ? why : _("unknown error"));
    free(why);
    job_free(j);
    return false;
  }
  j->order = hui_order_awarded(st->e, &j->norder);
  return true;
}

/* What a written file holds, for the "wrote" line. */
typedef enum { SHEETS, PAGES, BOARDS } holds;

static void say_wrote(hui_buf *said, const char *shown, size_t n, holds what) {
  if (what == SHEETS)
    hui_buf_printf(said,
                   P_("huibian: wrote %s (%zu sheet)\n", "huibian: wrote %s (%zu sheets)\n", n),
                   shown, n);
  else if (what == PAGES)
    hui_buf_printf(said, P_("huibian: wrote %s (%zu page)\n", "huibian: wrote %s (%zu pages)\n", n),
                   shown, n);
  else
    hui_buf_printf(said,
                   P_("huibian: wrote %s (%zu board)\n", "huibian: wrote %s (%zu boards)\n", n),
                   shown, n);
}

/* Writes the pages of book into dir/file (and its trace with --trace). */
static bool write_book(hui_build_state *st, const hui_book *book, const char *file,
                       const char *title, holds what) {
  const hui_campaign *c = &st->e->campaign;
  char date[32];
  hui_build_doc_date(c, date, sizeof date);
  char *keywords = hui_xasprintf("光荣榜,先进典型,%s,%s", c->area.text ? c->area.text : "",
                                 c->year.text ? c->year.text : "");
  hui_doc_info info = {title, c->organizer.text, c->name.text, keywords, "huibian " HUIBIAN_VERSION,
                       date,  st->o->pdfa};
  char *why = NULL;
  hui_backend *doc = hui_pdf_backend(&info, &why);
  free(keywords);
  if (doc && st->o->trace) {
    char *stem = hui_xstrndup(file, strcspn(file, "."));
    char *trace = hui_xasprintf("%s.trace", stem);
    free(stem);
    doc = hui_backend_tee(doc, hui_trace_backend(), trace);
    free(trace);
  }
  char *path = hui_path_join(st->dir, file);
  char *shown = hui_path_join(st->o->out, file);
  bool ok = doc && hui_book_send(book, doc, &why) && hui_backend_finish(doc, path, &why);
  hui_backend_free(doc);
  if (!ok)
    fprintf(stderr, _("huibian: cannot write %s: %s\n"), shown, why ? why : _("unknown error"));
  else if (!st->o->quiet) say_wrote(st->said, shown, book->npages, what);
  free(why);
  free(path);
  free(shown);
  return ok;
}

static void print_notes(const hui_poster *p, const char *what) {
  for (size_t i = 0; i < p->nnotes; i++)
    fprintf(stderr, _("huibian: note: %s: %s\n"), what, p->notes[i]);
}

bool hui_write_poster(hui_build_state *st) {
  poster_job j = {0};
  if (!job_start(st, &j)) return false;
  char *why = NULL;
  hui_poster *p = hui_poster_compose(st->e, j.order, j.norder, j.t, j.fonts, &why);
  bool ok = p != NULL;
  if (!ok) fprintf(stderr, _("huibian: cannot make the poster: %s\n"), why);
  free(why);
  if (ok) {
    print_notes(p, "poster.pdf");
    char *title =
        hui_xasprintf("%s光荣榜", st->e->campaign.name.text ? st->e->campaign.name.text : "");
    ok = write_book(st, p->book, "poster.pdf", title, SHEETS);
    if (ok && st->o->tile_w > 0) {
      hui_book *tiles = hui_poster_tiles(p, j.t, j.fonts, st->o->tile_w, st->o->tile_h);
      ok = write_book(st, tiles, "poster-tiles.pdf", title, PAGES);
      hui_book_free(tiles);
    }
    free(title);
  }
  hui_poster_free(p);
  job_free(&j);
  return ok;
}

bool hui_write_boards(hui_build_state *st) {
  poster_job j = {0};
  if (!job_start(st, &j)) return false;
  char *why = NULL;
  hui_poster *p = hui_boards_compose(st->e, j.order, j.norder, j.t, j.fonts, &why);
  bool ok = p != NULL;
  if (!ok) fprintf(stderr, _("huibian: cannot make the boards: %s\n"), why);
  free(why);
  if (ok) {
    print_notes(p, "boards.pdf");
    char *title =
        hui_xasprintf("%s展板", st->e->campaign.name.text ? st->e->campaign.name.text : "");
    ok = write_book(st, p->book, "boards.pdf", title, BOARDS);
    free(title);
  }
  hui_poster_free(p);
  job_free(&j);
  return ok;
}
