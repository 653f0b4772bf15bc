/* test_page: the page master (layout/page.c). A GB/T 9704 公文 master built by
 * hand — A4, type area 156 × 225 mm at 37 mm from the top and 28 mm from the
 * left, 22 lines of 28 characters of 3号 (docs/typography.md, E1–E5), folio
 * "— 1 —" in 4号 below the type area, odd pages right and even pages left, one
 * cell in (E8) — has its grid and folios where the standard puts them; a
 * mirrored booklet master moves its grid with the binding side; right-hand
 * starts, running heads, roman numbers, contents leaders, and a flow set on
 * the master's pages. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "layout/page.h"

static double mm(double v) { return v * 72.0 / 25.4; }

static bool near(double a, double b, double eps) { return fabs(a - b) <= eps; }

/* The text of the glyphs of pg on baseline y (within 0.01 pt), in the order drawn. */
static char *text_at(const hui_dpage *pg, double y) {
  hui_buf b = {0};
  for (size_t r = 0; r < pg->nruns; r++)
    if (fabs(pg->runs[r].y - y) < 0.01)
      for (size_t k = 0; k < pg->runs[r].count; k++)
        hui_buf_utf8(&b, pg->glyphs[pg->runs[r].first + k].cp);
  return b.data ? hui_buf_take(&b) : hui_xstrdup("");
}

/* The horizontal extent of the glyphs on baseline y. */
static void extent_at(const hui_dpage *pg, double y, double *x0, double *x1) {
  *x0 = 1e9;
  *x1 = -1e9;
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    if (fabs(run->y - y) >= 0.01) continue;
    for (size_t k = 0; k < run->count; k++) {
      const hui_dglyph *g = &pg->glyphs[run->first + k];
      double right = g->x + hui_face_advance(run->face, g->cp) * run->size;
      if (g->x < *x0) *x0 = g->x;
      if (right > *x1) *x1 = right;
    }
  }
}

static hui_page_spec gongwen(void) {
  return (hui_page_spec){.page_w = 210, .page_h = 297, .top = 37, .bottom = 35, .inner = 28,
                         .outer = 26, .mirror = false, .grid_chars = 28, .grid_lines = 22,
                         .body_pt = 15.75, .leading_pt = 0, .running_heads = false,
                         .folio_pt = 14, .folio_plain = false, .recto_start = false};
}

static void test_gongwen(hui_fonts *fonts) {
  hui_page_spec spec = gongwen();
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  /* E2: the type area */
  CHECK(near(m.type_w, mm(156), 0.01));
  CHECK(near(m.type_h, mm(225), 0.01));
  CHECK(near(m.top, mm(37), 1e-9));
  /* E4, E5: 28 cells of 15.75 pt centred in the 156 mm; 22 lines filling 225 mm */
  CHECK_INT(m.chars, 28);
  CHECK_INT(m.lines, 22);
  CHECK(near(m.measure, 441, 1e-9));
  CHECK(near(m.pitch, (mm(225) - 15.75) / 21, 0.001));
  CHECK(near(m.pitch, 29.62, 0.005));
  double left = mm(28) + (mm(156) - 441) / 2;
  CHECK(near(hui_master_left(&m, 1), left, 1e-9));
  CHECK(near(hui_master_left(&m, 2), left, 1e-9)); /* 9704 does not mirror */
  CHECK(hui_master_left(&m, 1) >= mm(28));
  CHECK(hui_master_cell_x(&m, 1, 28) <= mm(28 + 156) + 1e-9);
  CHECK(near(hui_master_cell_x(&m, 1, 27) - hui_master_cell_x(&m, 1, 0), 27 * 15.75, 1e-9));
  CHECK(near(hui_master_line_top(&m, 0), mm(37), 1e-9));
  /* the last line's cell ends at the type area's bottom edge */
  CHECK(near(hui_master_line_top(&m, 21) + m.body, mm(37 + 225), 0.01));
  /* the body's baseline: its em box at the top of the line's cell */
  CHECK(near(hui_master_baseline(&m, 3, 15.75), mm(37) + 3 * m.pitch + 0.88 * 15.75, 1e-9));

  /* E8: "— 1 —" in 14 pt, the dashes 7 mm below the type area (the
   * baseline 0.3 em lower), odd pages one 14 pt cell in from the right edge
   * of the grid, even pages one cell in from the left */
  hui_pages seq = {0};
  hui_dpage *p1 = hui_master_page(&m, &seq, NULL, true);
  hui_dpage *p2 = hui_master_page(&m, &seq, NULL, true);
  CHECK_INT(seq.count, 2);
  CHECK_INT(seq.n, 2);
  CHECK(near(p1->width, mm(210), 1e-9) && near(p1->height, mm(297), 1e-9));
  double fy = mm(37 + 225 + 7) + 0.3 * 14;
  char *t1 = text_at(p1, fy), *t2 = text_at(p2, fy);
  CHECK_STR(t1, "—1—");
  CHECK_STR(t2, "—2—");
  free(t1);
  free(t2);
  CHECK(p1->nruns > 0 && p1->runs[0].size == 14);
  CHECK(p1->nrules == 0); /* no running heads in a 公文 */
  double x0, x1;
  extent_at(p1, fy, &x0, &x1);
  CHECK(near(x1, left + 441 - 14, 0.01));
  CHECK(x0 > left + 441 / 2);
  extent_at(p2, fy, &x0, &x1);
  CHECK(near(x0, left + 14, 0.01));
  CHECK(x1 < left + 441 / 2);
  /* the pieces a quarter em apart: the dash ends 3.5 pt before the digit */
  const hui_drun *r = &p1->runs[0];
  double dash_end = p1->glyphs[r->first].x + hui_face_advance(r->face, 0x2014) * 14;
  CHECK(p1->glyphs[r->first].cp == 0x2014);
  CHECK(near(p1->glyphs[r->first + 1].x - dash_end, 3.5, 0.01));
  hui_pages_free(&seq);
  CHECK(seq.n == 0 && seq.pages == NULL);

  /* a folio as plain as "7", and without a folio nothing at all */
  spec.folio_plain = true;
  spec.folio_drop = 10;
  hui_master_init(&m, &spec, fonts);
  hui_pages s2 = {.count = 6};
  hui_dpage *p7 = hui_master_page(&m, &s2, NULL, true);
  hui_dpage *p8 = hui_master_page(&m, &s2, NULL, false);
  char *t7 = text_at(p7, mm(37 + 225 + 10) + 0.3 * 14);
  CHECK_STR(t7, "7");
  free(t7);
  CHECK_INT(p8->nglyphs, 0);
  hui_pages_free(&s2);
}

/* A mirrored booklet: the grid moves with the binding side; right-hand
 * starts add a blank page; running heads; roman folios. */
static void test_booklet(hui_fonts *fonts) {
  hui_page_spec spec = {.page_w = 185, .page_h = 260, .top = 22, .bottom = 22, .inner = 22,
                        .outer = 18, .mirror = true, .grid_chars = 34, .grid_lines = 29,
                        .body_pt = 12, .leading_pt = 21, .running_heads = true, .head_pt = 9,
                        .folio_pt = 10.5, .recto_start = true};
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  CHECK_INT(m.lines, 29);
  CHECK(near(m.pitch, 21, 1e-9));
  double spare = (m.type_w - m.measure) / 2;
  CHECK(near(hui_master_left(&m, 1), mm(22) + spare, 1e-9)); /* binding on the left */
  CHECK(near(hui_master_left(&m, 2), mm(18) + spare, 1e-9)); /* and on the right */
  CHECK(near(hui_master_left(&m, 3), hui_master_left(&m, 1), 1e-9));

  hui_pages seq = {.numbering = HUI_NUMBERS_ROMAN};
  hui_heads heads = {"先进典型事迹汇编", "一等奖"};
  hui_master_recto(&m, &seq); /* nothing yet: page 1 is a right-hand page */
  CHECK_INT(seq.count, 0);
  hui_dpage *p1 = hui_master_page(&m, &seq, &heads, true);
  hui_master_recto(&m, &seq); /* page 2 would be a left one: a blank first */
  CHECK_INT(seq.count, 2);
  CHECK(seq.pages[1]->nglyphs == 0 && seq.pages[1]->nrules == 0);
  hui_dpage *p3 = hui_master_page(&m, &seq, &heads, true);
  hui_dpage *p4 = hui_master_page(&m, &seq, &heads, true);
  hui_master_recto(&m, &seq); /* page 5 is a right-hand one already */
  CHECK_INT(seq.count, 4);
  double hy = m.top - 0.9 * m.pitch;
  char *h1 = text_at(p1, hy), *h4 = text_at(p4, hy);
  CHECK_STR(h1, "一等奖");  /* the section on right-hand pages */
  CHECK_STR(h4, "先进典型事迹汇编"); /* the volume on left-hand ones */
  free(h1);
  free(h4);
  CHECK_INT(p1->nrules, 1);
  CHECK(near(p1->rules[0].x0, hui_master_left(&m, 1), 1e-9));
  CHECK(near(p4->rules[0].x0, hui_master_left(&m, 4), 1e-9));
  double x0, x1;
  extent_at(p1, hy, &x0, &x1);
  CHECK(near((x0 + x1) / 2, hui_master_left(&m, 1) + m.measure / 2, 0.01)); /* centred */
  double fy = m.top + m.type_h + mm(7) + 0.3 * 10.5;
  char *f3 = text_at(p3, fy), *f4 = text_at(p4, fy);
  CHECK_STR(f3, "—iii—");
  CHECK_STR(f4, "—iv—");
  free(f3);
  free(f4);
  extent_at(p4, fy, &x0, &x1);
  CHECK(near(x0, hui_master_left(&m, 4) + 10.5, 0.01));
  hui_pages_free(&seq);
}

static void test_numbers(void) {
  char b[32];
  hui_page_number(12, HUI_NUMBERS_DECIMAL, b, sizeof b);
  CHECK_STR(b, "12");
  hui_page_number(4, HUI_NUMBERS_ROMAN, b, sizeof b);
  CHECK_STR(b, "iv");
  hui_page_number(1994, HUI_NUMBERS_ROMAN, b, sizeof b);
  CHECK_STR(b, "mcmxciv");
  hui_page_number(3888, HUI_NUMBERS_ROMAN, b, sizeof b); /* the longest: 15 letters */
  CHECK_STR(b, "mmmdccclxxxviii");
  hui_page_number(0, HUI_NUMBERS_ROMAN, b, sizeof b); /* none in roman */
  CHECK_STR(b, "0");
  hui_page_number(3888, HUI_NUMBERS_ROMAN, b, 8); /* cut short, never past cap */
  CHECK(strlen(b) < 8);
}

/* Contents leaders: the page number flush right, dots on a half-em pitch
 * counted from the grid's left edge, half an em clear of text and number. */
static void test_leaders(hui_fonts *fonts) {
  hui_page_spec spec = gongwen();
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  hui_dpage *pg = hui_dpage_new(m.pw, m.ph);
  double left = hui_master_left(&m, 1), y = hui_master_baseline(&m, 0, m.body);
  double text_end = left + 10.3 * m.body;
  hui_master_leaders(&m, pg, 1, text_end, y, "128");
  size_t dots = 0;
  double first = 1e9, last = -1e9, num_x0 = 1e9, num_x1 = -1e9;
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    for (size_t k = 0; k < run->count; k++) {
      const hui_dglyph *g = &pg->glyphs[run->first + k];
      double right = g->x + hui_face_advance(run->face, g->cp) * run->size;
      if (g->cp == '.') {
        dots++;
        CHECK(near(fmod(g->x - left, m.body / 2), 0, 1e-6) ||
              near(fmod(g->x - left, m.body / 2), m.body / 2, 1e-6));
        if (g->x < first) first = g->x;
        if (right > last) last = right;
      } else {
        if (g->x < num_x0) num_x0 = g->x;
        if (right > num_x1) num_x1 = right;
      }
    }
  }
  CHECK(near(num_x1, left + m.measure, 0.01));
  CHECK(dots > 20);
  CHECK(first >= text_end + m.body / 2 - 1e-6 && first < text_end + m.body);
  CHECK(last <= num_x0 - m.body / 2 + 0.01);
  hui_dpage_free(pg);
}

typedef struct marks {
  size_t n, page;
  double y;
} marks;

static void on_mark(void *ctx, size_t page, int level, const char *title, double y) {
  marks *m = ctx;
  CHECK(level == 1 && strcmp(title, "一、") == 0);
  m->n++;
  m->page = page;
  m->y = y;
}

/* A flow on the 公文 master: one page per 22 lines, every line noted at its
 * grid line's baseline, folios on every page, bookmarks reported. */
static void test_flow(hui_fonts *fonts) {
  hui_page_spec spec = gongwen();
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  hui_flow *f = hui_flow_new();
  hui_flow_space(f, 1, false); /* dropped: a page does not start blank */
  hui_flow_mark(f, 1, "一、");
  for (int i = 0; i < 30; i++) {
    hui_para *p = hui_para_new(fonts);
    hui_para_add(p, "争当排头兵", HUI_ROLE_BODY, m.body, 0);
    hui_para_spec ps = {m.measure, 2 * m.body, 0, HUI_ALIGN_JUSTIFY, false, false, false};
    hui_para_set(p, &ps);
    hui_flow_para_tag(f, p, 0, false, HUI_DL_BODY);
  }
  hui_pages seq = {.count = 2}; /* the flow starts on page 3 */
  marks mk = {0};
  size_t np = hui_master_flow(&m, &seq, f, NULL, 100, on_mark, &mk);
  CHECK_INT(np, 2);
  CHECK_INT(seq.count, 4);
  CHECK_INT(hui_flow_len(f), 0);
  CHECK(mk.n == 1 && mk.page == 2 && near(mk.y, m.top, 1e-9));
  CHECK_INT(seq.pages[0]->nlines, 22);
  CHECK_INT(seq.pages[1]->nlines, 8);
  for (size_t p = 0; p < 2; p++) {
    const hui_dpage *pg = seq.pages[p];
    for (size_t i = 0; i < pg->nlines; i++) {
      const hui_dline *l = &pg->lines[i];
      CHECK(l->grid == (int)i && near(l->y, hui_master_baseline(&m, (double)i, m.body), 1e-9));
      CHECK(near(l->x, hui_master_left(&m, 3) + 2 * m.body, 1e-9) && l->kind == HUI_DL_BODY);
    }
    char *folio = text_at(pg, mm(37 + 225 + 7) + 0.3 * 14);
    CHECK_STR(folio, p == 0 ? "—3—" : "—4—");
    free(folio);
  }
  CHECK(seq.pages[0]->lines[0].para == 100 + 1); /* a flow counts its paragraphs from 1 */
  hui_pages_free(&seq);
  hui_flow_free(f);
}

/* Footnotes (docs/typography.md, H1): 22 one-line paragraphs on the 公文
 * master, one of them with a footnote of one 12 pt line, which needs one
 * grid line at the page's foot. On the 21st line the note fits under it:
 * the page holds 21 lines and the note. On the 22nd it does not: that line
 * goes to the next page with its note, the first page keeps no note. */
static size_t notes_case(hui_fonts *fonts, const hui_master *m, int with_note, hui_pages *seq) {
  hui_flow *f = hui_flow_new();
  hui_flow_foot(f, m->pitch, 12);
  for (int i = 0; i < 22; i++) {
    hui_para *p = hui_para_new(fonts);
    hui_para_add(p, "争当排头兵", HUI_ROLE_BODY, m->body, 0);
    if (i == with_note) hui_para_add_mark(p, "\xE2\x91\xA0", HUI_ROLE_BODY, 0.6 * m->body, 5);
    hui_para_spec ps = {m->measure, 2 * m->body, 0, HUI_ALIGN_JUSTIFY, false, false, false};
    hui_para_set(p, &ps);
    hui_flow_para_tag(f, p, 0, false, HUI_DL_BODY);
    if (i != with_note) continue;
    hui_para *n = hui_para_new(fonts);
    hui_para_add(n, "\xE2\x91\xA0\xE3\x80\x80注文", HUI_ROLE_BODY, 12, 0);
    hui_para_spec ns = {m->measure, 0, 0, HUI_ALIGN_JUSTIFY, false, false, false};
    hui_para_set(n, &ns);
    CHECK_INT(hui_para_mark_line(p, 0), 0);
    hui_flow_note(f, hui_para_mark_line(p, 0), n, 16.8);
  }
  size_t np = hui_master_flow(m, seq, f, NULL, 0, NULL, NULL);
  hui_flow_free(f);
  return np;
}

/* The baseline of the first run on pg whose text starts with the note's
 * "①　", or -1. */
static double note_y(const hui_dpage *pg) {
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    if (run->count >= 2 && pg->glyphs[run->first].cp == 0x2460 &&
        pg->glyphs[run->first + 1].cp == 0x3000)
      return run->y;
  }
  return -1;
}

static void test_flow_notes(hui_fonts *fonts) {
  hui_page_spec spec = gongwen();
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  hui_pages a = {0}, b = {0};
  CHECK_INT(notes_case(fonts, &m, 20, &a), 2);
  CHECK_INT(a.pages[0]->nlines, 21);
  CHECK_INT(a.pages[1]->nlines, 1);
  double y = note_y(a.pages[0]);
  CHECK(y > a.pages[0]->lines[20].y + m.body);
  CHECK(y < hui_master_line_top(&m, 21) + m.body);
  CHECK(note_y(a.pages[1]) < 0);
  CHECK_INT(a.pages[0]->nrules, 1);
  CHECK(a.pages[0]->rules[0].y0 > a.pages[0]->lines[20].y && a.pages[0]->rules[0].y0 < y);
  /* the mark: smaller and raised above its line's baseline */
  bool raised = false;
  for (size_t r = 0; r < a.pages[0]->nruns; r++) {
    const hui_drun *run = &a.pages[0]->runs[r];
    if (a.pages[0]->glyphs[run->first].cp == 0x2460 && run->count == 1)
      raised =
          near(run->y, a.pages[0]->lines[20].y - 5, 1e-6) && near(run->size, 0.6 * m.body, 1e-4);
  }
  CHECK(raised);
  CHECK_INT(notes_case(fonts, &m, 21, &b), 2);
  CHECK_INT(b.pages[0]->nlines, 21);
  CHECK(note_y(b.pages[0]) < 0);
  CHECK_INT(b.pages[0]->nrules, 0);
  CHECK_INT(b.pages[1]->nlines, 1);
  CHECK(note_y(b.pages[1]) > hui_master_line_top(&m, 20));
  hui_pages_free(&a);
  hui_pages_free(&b);
}

/* A note longer than a page (H1): its line starts a page, the note fills
 * that page's foot under it and goes on at the foot of the next page, above
 * nothing and below that page's own lines; no note line is drawn outside
 * the type area. */
static void test_long_note(hui_fonts *fonts) {
  hui_page_spec spec = gongwen();
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  hui_flow *f = hui_flow_new();
  hui_flow_foot(f, m.pitch, 12);
  hui_para *note = hui_para_new(fonts);
  for (int i = 0; i < 1800; i++) hui_para_add(note, "注", HUI_ROLE_BODY, 12, 0);
  hui_para_spec ns = {m.measure, 0, 0, HUI_ALIGN_JUSTIFY, false, false, false};
  size_t note_lines = hui_para_set(note, &ns);
  CHECK(note_lines * 16.8 > 22 * m.pitch);
  for (int i = 0; i < 5; i++) {
    hui_para *p = hui_para_new(fonts);
    hui_para_add(p, "争当排头兵", HUI_ROLE_BODY, m.body, 0);
    if (i == 0) hui_para_add_mark(p, "\xE2\x91\xA0", HUI_ROLE_BODY, 0.6 * m.body, 5);
    hui_para_spec ps = {m.measure, 2 * m.body, 0, HUI_ALIGN_JUSTIFY, false, false, false};
    hui_para_set(p, &ps);
    hui_flow_para_tag(f, p, 0, false, HUI_DL_BODY);
    if (i == 0) hui_flow_note(f, 0, note, 16.8);
  }
  hui_pages seq = {0};
  CHECK_INT(hui_master_flow(&m, &seq, f, NULL, 0, NULL, NULL), 2);
  CHECK_INT(seq.pages[0]->nlines, 1);
  CHECK_INT(seq.pages[1]->nlines, 4);
  size_t drawn = 0;
  double bottom = hui_master_line_top(&m, 21) + m.body;
  for (size_t p = 0; p < 2; p++) {
    const hui_dpage *pg = seq.pages[p];
    double last_body = pg->lines[pg->nlines - 1].y;
    double prev = -1;
    for (size_t r = 0; r < pg->nruns; r++) {
      const hui_drun *run = &pg->runs[r];
      if (fabs(run->size - 12) > 1e-6 || run->y == prev) continue;
      prev = run->y;
      drawn++;
      CHECK(run->y > last_body + m.body && run->y < bottom);
    }
    CHECK_INT(pg->nrules, 1);
  }
  CHECK_INT(drawn, note_lines);
  hui_pages_free(&seq);
  hui_flow_free(f);
}

int main(void) {
  hui_fonts *fonts = test_fonts();
  test_gongwen(fonts);
  test_booklet(fonts);
  test_numbers();
  test_leaders(fonts);
  test_flow(fonts);
  test_flow_notes(fonts);
  test_long_note(fonts);
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
