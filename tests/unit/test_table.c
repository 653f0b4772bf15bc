/* test_table: a table on the grid (layout/table.c). On a small master of ten
 * 10 pt cells by eight lines: widths from shares and from the content, in
 * whole cells summing to the measure; the line breaker's rules inside a cell
 * (a full stop never starts a cell's line); a merged cell down two rows
 * making the second taller; the parts, the header repeated above a part that
 * starts a page; and each fault (crowded, overfull, narrow, an unbreakable
 * number, a part taller than a page); a set paragraph that keeps only what
 * drawing needs draws the same glyphs at the same places. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "layout/dlist.h"
#include "layout/flow.h"
#include "layout/page.h"
#include "layout/table.h"

static hui_master tiny(hui_fonts *fonts) {
  hui_page_spec spec = {.page_w = 70,
                        .page_h = 62.569,
                        .top = 10,
                        .bottom = 12,
                        .inner = 15,
                        .outer = 19.722,
                        .grid_chars = 10,
                        .grid_lines = 8,
                        .body_pt = 10,
                        .leading_pt = 15};
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  return m;
}

/* A cell at (row, col) holding text in the body role. */
static void cell(hui_table *t, int row, int col, int rows, int cols, const char *text) {
  CHECK(hui_table_cell(t, row, col, rows, cols));
  if (text) hui_para_add(hui_table_para(t), text, HUI_ROLE_BODY, 10, 0);
}

static size_t count(const hui_table_fault *f, size_t n, hui_table_fault_kind kind) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++) k += f[i].kind == kind;
  return k;
}

static void test_widths(hui_fonts *fonts) {
  hui_master m = tiny(fonts);
  /* shares 2* : 1* : (none = 1*) of ten cells: 5, 3, 2 → the largest
   * remainders: 10 * 2/4 = 5, 2.5 → 3 (leftmost on a tie), 2.5 → 2 */
  hui_table *t = hui_table_new(fonts, 3, 1);
  hui_table_col(t, 0, 0, 2);
  hui_table_col(t, 1, 0, 1);
  cell(t, 0, 0, 1, 1, "甲");
  cell(t, 0, 1, 1, 1, "乙");
  cell(t, 0, 2, 1, 1, "丙");
  const hui_table_fault *f;
  size_t nf = hui_table_layout(t, &m, false, &f);
  double w0, w1, w2;
  hui_table_col_x(t, 0, &w0);
  double x1 = hui_table_col_x(t, 1, &w1), x2 = hui_table_col_x(t, 2, &w2);
  CHECK(fabs(w0 - 50) < 0.01 && fabs(w1 - 30) < 0.01 && fabs(w2 - 20) < 0.01);
  CHECK(fabs(x1 - 50) < 0.01 && fabs(x2 - 80) < 0.01);
  CHECK_INT(count(f, nf, HUI_TABLE_NARROW), 1); /* the 2-cell column holds one character */
  hui_table_free(t);

  /* from the content: 一 (3 cells at least) and 四个字 (4 + 1) leave 2
   * cells, shared in proportion: 3 + 5 = 8, +1 each → 4, 6 */
  t = hui_table_new(fonts, 2, 1);
  cell(t, 0, 0, 1, 1, "一");
  cell(t, 0, 1, 1, 1, "四个字儿");
  nf = hui_table_layout(t, &m, false, &f);
  CHECK_INT(nf, 0);
  hui_table_col_x(t, 0, &w0);
  hui_table_col_x(t, 1, &w1);
  CHECK(fabs(w0 + w1 - 100) < 0.01);
  CHECK(fabs(fmod(w0, 10)) < 0.01 && w0 >= 30 && w1 >= 50);
  CHECK_INT(hui_table_lines(t), 1);
  hui_table_free(t);
}

/* A full stop never starts a line inside a cell: 三个字。 in a column of
 * three characters pushes a character down with it. */
static void test_kinsoku(hui_fonts *fonts) {
  hui_master m = tiny(fonts);
  hui_table *t = hui_table_new(fonts, 2, 1);
  hui_table_col(t, 0, 40, 0);
  hui_table_col(t, 1, 60, 0);
  CHECK(hui_table_cell(t, 0, 0, 1, 1));
  hui_para *p = hui_table_para(t);
  hui_para_add(p, "三个字。", HUI_ROLE_BODY, 10, 0);
  cell(t, 0, 1, 1, 1, "右");
  const hui_table_fault *f;
  CHECK_INT(hui_table_layout(t, &m, false, &f), 0);
  CHECK_INT(hui_para_nlines(p), 2);
  const hui_pline *second = hui_para_line(p, 1);
  CHECK(second->count >= 2 && hui_para_glyphs(p)[second->first].cp != 0x3002);
  CHECK_INT(hui_table_lines(t), 2);
  hui_table_free(t);
}

/* Header, a cell merged down two rows with three lines of text, the parts,
 * and the header drawn again above a part that starts a page. */
static void test_parts(hui_fonts *fonts) {
  hui_master m = tiny(fonts);
  hui_table *t = hui_table_new(fonts, 2, 4);
  hui_table_head(t, 1);
  hui_table_col(t, 0, 0, 1);
  hui_table_col(t, 1, 0, 1);
  cell(t, 0, 0, 1, 2, "头");
  cell(t, 1, 0, 2, 1, "一二三四五六七八九");
  cell(t, 1, 1, 1, 1, "甲");
  cell(t, 2, 1, 1, 1, "乙");
  cell(t, 3, 0, 1, 1, "末");
  /* (3, 1) stays empty: the table fills it */
  const hui_table_fault *f;
  CHECK_INT(hui_table_layout(t, &m, false, &f), 0);
  /* 1 (head) + 3 (rows 1-2: the merged cell's three lines) + 1 */
  CHECK_INT(hui_table_lines(t), 5);
  hui_flow *fl = hui_flow_new();
  /* a paragraph of four lines first: the head and rows 1-2 fill the page */
  hui_para *para = hui_para_new(fonts);
  hui_para_add(para,
               "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十",
               HUI_ROLE_BODY, 10, 0);
  hui_para_spec spec = {m.measure, 0, 0, HUI_ALIGN_JUSTIFY, false, false, false};
  CHECK_INT(hui_para_set(para, &spec), 4);
  hui_flow_para(fl, para, 0, false);
  hui_table_flow(t, fl, false);
  CHECK_INT(hui_flow_len(fl), 7); /* four lines, head, rows 1-2, row 3 */
  CHECK(hui_flow_at(fl, 4)->keep && hui_flow_at(fl, 4)->repeat == 0);
  CHECK_INT(hui_flow_at(fl, 5)->lines, 3);
  CHECK_INT(hui_flow_at(fl, 5)->repeat, 1);
  hui_pages s = {0};
  size_t np = hui_master_flow(&m, &s, fl, NULL, 0, NULL, NULL);
  CHECK_INT(np, 2);
  if (np != 2) return;
  /* page 2: row 3 under the head drawn again */
  const hui_dpage *pg = s.pages[1];
  size_t heads = 0;
  for (size_t r = 0; r < pg->nruns; r++)
    for (size_t k = 0; k < pg->runs[r].count; k++)
      heads += pg->glyphs[pg->runs[r].first + k].cp == 0x5934;
  CHECK_INT(heads, 1);
  CHECK(pg->nrules > 0);
  hui_pages_free(&s);
  hui_flow_free(fl);
}

static void test_faults(hui_fonts *fonts) {
  hui_master m = tiny(fonts);
  const hui_table_fault *f;
  /* four columns of at least three cells do not fit ten */
  hui_table *t = hui_table_new(fonts, 4, 1);
  for (int c = 0; c < 4; c++) cell(t, 0, c, 1, 1, "字");
  size_t nf = hui_table_layout(t, &m, false, &f);
  CHECK_INT(nf, 1);
  CHECK(nf == 1 && f[0].kind == HUI_TABLE_CROWDED && f[0].need == 4 && f[0].have == 3);
  hui_table_free(t);
  /* fixed widths wider than the measure */
  t = hui_table_new(fonts, 2, 1);
  hui_table_col(t, 0, 60, 0);
  hui_table_col(t, 1, 60, 0);
  cell(t, 0, 0, 1, 1, "甲");
  cell(t, 0, 1, 1, 1, "乙");
  nf = hui_table_layout(t, &m, false, &f);
  CHECK_INT(count(f, nf, HUI_TABLE_OVERFULL), 1);
  hui_table_free(t);
  /* a number wider than its column */
  t = hui_table_new(fonts, 2, 1);
  hui_table_col(t, 0, 0, 1);
  hui_table_col(t, 1, 0, 1);
  cell(t, 0, 0, 1, 1, "甲");
  cell(t, 0, 1, 1, 1, "13800001234");
  nf = hui_table_layout(t, &m, false, &f);
  CHECK_INT(count(f, nf, HUI_TABLE_CELL_WIDE), 1);
  CHECK(nf == 1 && f[0].row == 0 && f[0].col == 1);
  hui_table_free(t);
  /* a row of eight lines below a header of one: taller than the page's eight */
  t = hui_table_new(fonts, 2, 2);
  hui_table_head(t, 1);
  hui_table_col(t, 0, 0, 1);
  hui_table_col(t, 1, 0, 1);
  cell(t, 0, 0, 1, 1, "头");
  cell(t, 0, 1, 1, 1, "头");
  cell(t, 1, 0, 1, 1, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二");
  cell(t, 1, 1, 1, 1, "乙");
  nf = hui_table_layout(t, &m, false, &f);
  CHECK_INT(count(f, nf, HUI_TABLE_TALL), 1);
  CHECK(nf == 1 && f[0].row == 1 && f[0].need == 9 && f[0].have == 8);
  hui_table_free(t);
}

static void test_keep_drawing(hui_fonts *fonts) {
  hui_para *p = hui_para_new(fonts);
  hui_para_add(p, "一二三四五六七八九十，甲乙丙丁。Word 2026年", HUI_ROLE_BODY, 10, 0);
  hui_para_spec spec = {60, 0, 0, HUI_ALIGN_JUSTIFY, false, false, false};
  size_t n = hui_para_set(p, &spec);
  CHECK(n > 1);
  hui_pline *lines = hui_xmalloc(n * sizeof *lines);
  memcpy(lines, hui_para_line(p, 0), n * sizeof *lines);
  size_t ng = lines[n - 1].first + lines[n - 1].count;
  hui_pglyph *glyphs = hui_xmalloc(ng * sizeof *glyphs);
  memcpy(glyphs, hui_para_glyphs(p), ng * sizeof *glyphs);
  hui_para_keep_drawing(p);
  CHECK_INT(hui_para_nlines(p), n);
  CHECK(memcmp(hui_para_line(p, 0), lines, n * sizeof *lines) == 0);
  CHECK(memcmp(hui_para_glyphs(p), glyphs, ng * sizeof *glyphs) == 0);
  hui_dpage *pg = hui_dpage_new(70, 80);
  for (size_t l = 0; l < n; l++) hui_para_draw_line(p, l, pg, 5, 10 + 12.0 * (double)l);
  size_t drawn = 0;
  for (size_t r = 0; r < pg->nruns; r++) drawn += pg->runs[r].count;
  CHECK_INT(drawn, ng);
  /* its text is gone: setting it again sets nothing */
  CHECK_INT(hui_para_set(p, &spec), 0);
  hui_dpage_free(pg);
  free(glyphs);
  free(lines);
  hui_para_free(p);
}

int main(void) {
  hui_fonts *fonts = test_fonts();
  test_widths(fonts);
  test_kinsoku(fonts);
  test_parts(fonts);
  test_faults(fonts);
  test_keep_drawing(fonts);
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
