/* test_gongwen: the GB/T 9704 layer (compose/gongwen.c) on the gongwen-a4
 * template, measured on the display list: the 版头 (red mark centred, the
 * 发文字号 two lines under it, the red separator 4 mm under the number across
 * the type area), the title in 2号 on the grid, the 主送机关 flush left,
 * headings numbered by level, the signature four cells in from the right
 * with the seal centred on the date, and the 版记 on the last page, an even
 * one, with blank pages unnumbered. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "compose/gongwen.h"
#include "fixture.h"
#include "load.h"

static double mm(double v) { return v * 72.0 / 25.4; }
static bool near(double a, double b, double eps) { return fabs(a - b) <= eps; }

/* The text of the runs of pg whose baseline is y (within 0.01 pt). */
static char *text_at(const hui_dpage *pg, double y) {
  hui_buf b = {0};
  for (size_t r = 0; r < pg->nruns; r++)
    if (fabs(pg->runs[r].y - y) < 0.01)
      for (size_t k = 0; k < pg->runs[r].count; k++)
        hui_buf_utf8(&b, pg->glyphs[pg->runs[r].first + k].cp);
  return b.data ? hui_buf_take(&b) : hui_xstrdup("");
}

/* The first run of pg whose first glyph is cp. */
static const hui_drun *run_from(const hui_dpage *pg, uint32_t cp) {
  for (size_t r = 0; r < pg->nruns; r++)
    if (pg->runs[r].count && pg->glyphs[pg->runs[r].first].cp == cp) return &pg->runs[r];
  return NULL;
}

/* The horizontal extent of the glyphs on r's baseline (every run on it). */
static void extent(const hui_dpage *pg, const hui_drun *r0, double *x0, double *x1) {
  *x0 = 1e9;
  *x1 = -1e9;
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    if (fabs(run->y - r0->y) >= 0.01) continue;
    for (size_t k = 0; k < run->count; k++) {
      const hui_dglyph *g = &pg->glyphs[run->first + k];
      double right = g->x + hui_face_advance(run->face, g->cp) * run->size;
      if (g->x < *x0) *x0 = g->x;
      if (right > *x1) *x1 = right;
    }
  }
}

static bool is_red(hui_color c) {
  return c.space == HUI_COLOR_RGB && c.c[0] > 0.8 && c.c[1] < 0.2 && c.c[2] < 0.2;
}

static bool has_folio(const hui_dpage *pg) {
  double fy = mm(37 + 225 + 7) + 0.3 * 14;
  char *t = text_at(pg, fy);
  bool has = strstr(t, "—") != NULL;
  free(t);
  return has;
}

static hui_gongwen *document(int paras, bool cc) {
  hui_gongwen *g = hui_gongwen_new();
  hui_gongwen_head(g, "青山县人民政府文件", "青政发〔2020〕12号");
  hui_gongwen_title(g, "青山县人民政府关于表彰2020年度全县见义勇为先进典型的决定");
  hui_gongwen_to(g, "各乡镇人民政府，县直各单位");
  hui_gongwen_heading(g, 1, "基本情况");
  for (int i = 0; i < paras; i++)
    hui_gongwen_para(g, "今年以来，全县各单位认真组织，广泛发动，涌现出一批群众身边的好人好事，"
                        "经过推荐、审核和公示，评出先进典型若干名。");
  hui_gongwen_heading(g, 2, "表彰名单");
  hui_gongwen_attachment(g, "2020年度全县见义勇为先进典型名单");
  hui_gongwen_sign(g, "青山县人民政府", "2020年12月8日", NULL);
  hui_gongwen_annex(g, "2020年度全县见义勇为先进典型名单");
  hui_gongwen_line(g, "陈　忠（女）　青山镇中心小学", 2, 2);
  hui_gongwen_imprint(g, cc ? "县委各部门，县人大常委会办公室，县政协办公室" : NULL,
                      "青山县人民政府办公室", "2020年12月8日");
  return g;
}

static void test_head(hui_book *b, const hui_template *t) {
  hui_dpage *p1 = b->pages[0];
  double left = mm(28), right = mm(28 + 156);
  /* the mark: red, in the title role, centred on the type area */
  const hui_drun *mark = run_from(p1, 0x9752); /* 青 */
  CHECK(mark != NULL);
  if (!mark) return;
  CHECK(is_red(mark->color));
  double x0, x1;
  extent(p1, mark, &x0, &x1);
  CHECK(near((x0 + x1) / 2, (left + right) / 2, 0.5));
  CHECK(x1 - x0 <= mm(156) + 0.01);
  /* its em box's top 35 mm under the type area's top */
  CHECK(near(mark->y - 0.88 * mark->size, mm(37 + t->gw.mark_drop), 0.01));
  /* the number: black, centred, its line two blank lines under the mark */
  const hui_drun *num = NULL;
  for (size_t r = 0; r < p1->nruns; r++)
    if (p1->runs[r].size == 15.75 && p1->runs[r].y > mark->y && (!num || p1->runs[r].y < num->y))
      num = &p1->runs[r];
  CHECK(num != NULL);
  if (!num) return;
  char *nt = text_at(p1, num->y);
  CHECK_STR(nt, "青政发〔2020〕12号");
  free(nt);
  CHECK(hui_color_is_black(num->color));
  extent(p1, num, &x0, &x1);
  CHECK(near((x0 + x1) / 2, (left + right) / 2, 0.5));
  double mark_bottom = mark->y - 0.88 * mark->size + mark->size;
  double num_top = num->y - 0.88 * num->size;
  double pitch = (mm(225) - 15.75) / 21;
  CHECK(num_top - mark_bottom >= 2 * pitch - 15.75 - 0.01);
  CHECK(num_top - mark_bottom <= 3 * pitch);
  /* the separator: red, the type area's width, 4 mm under the number */
  CHECK(p1->nrules >= 1);
  const hui_drule *sep = &p1->rules[0];
  CHECK(is_red(sep->color));
  CHECK(near(sep->x0, left, 0.01) && near(sep->x1, right, 0.01));
  CHECK(near(sep->y0, num_top + 15.75 + mm(4), 0.01));
  /* the title, 22 pt, on the third grid line under the separator */
  const hui_drun *title = NULL;
  for (size_t r = 0; r < p1->nruns; r++)
    if (p1->runs[r].size == 22) {
      title = &p1->runs[r];
      break;
    }
  CHECK(title != NULL);
  if (title) {
    CHECK(title->y > sep->y0 + 2 * pitch);
    CHECK(title->y < sep->y0 + 3 * pitch + 22);
  }
}

/* The 版记's thick rule on the type area's bottom edge. */
static bool imprint_on(const hui_dpage *pg) {
  double bottom = mm(37 + 225);
  for (size_t i = 0; i < pg->nrules; i++)
    if (fabs(pg->rules[i].y0 + pg->rules[i].width / 2 - bottom) < 0.01 &&
        near(pg->rules[i].width, 0.99, 0.01))
      return true;
  return false;
}

static void test_parity(hui_fonts *fonts, const hui_template *t) {
  /* whatever the length, the 版记 is on the last page, an even one, and
   * nowhere else; a page without a number is a blank one or the 版记's */
  int seen_blank = 0;
  for (int n = 0; n <= 40; n += 4) {
    hui_gongwen *g = document(n, n % 8 == 0);
    hui_book *b = hui_gongwen_compose(g, t, fonts);
    CHECK(b->npages % 2 == 0);
    for (size_t i = 0; i + 1 < b->npages; i++) CHECK(!imprint_on(b->pages[i]));
    CHECK(imprint_on(b->pages[b->npages - 1]));
    for (size_t i = 0; i < b->npages; i++) {
      if (has_folio(b->pages[i])) continue;
      CHECK(i + 2 >= b->npages); /* only the last two */
      if (i + 2 == b->npages) {
        CHECK(b->pages[i]->nruns == 0 && b->pages[i]->nrules == 0);
        CHECK(!has_folio(b->pages[i + 1]));
        seen_blank++;
      }
    }
    hui_book_free(b);
    hui_gongwen_free(g);
  }
  (void)seen_blank;
}

static void test_sign(hui_fonts *fonts, const hui_template *t) {
  char *src = getenv("HUIBIAN_SOURCE");
  char *path = hui_path_join(src ? src : ".", "tests/data/cert-edition/images/seal.png");
  char *why = NULL;
  hui_image *seal = hui_image_load(path, &why);
  free(path);
  CHECK(seal != NULL);
  hui_gongwen *g = document(2, true);
  hui_gongwen_sign(g, "青山县人民政府", "2020年12月8日", seal);
  hui_book *b = hui_gongwen_compose(g, t, fonts);
  hui_dpage *p = b->pages[0];
  for (size_t i = 0; i < b->npages; i++)
    if (b->pages[i]->nimages) p = b->pages[i];
  const hui_drun *date = NULL;
  for (size_t r = 0; r < p->nruns; r++)
    if (p->runs[r].count && p->glyphs[p->runs[r].first].cp == '2' && p->runs[r].size == 15.75)
      date = &p->runs[r];
  CHECK(date != NULL);
  CHECK(p->nimages == 1);
  if (date && p->nimages == 1) {
    double x0, x1;
    extent(p, date, &x0, &x1);
    double grid_right = mm(28) + (mm(156) - 441) / 2 + 441;
    CHECK(near(x1, grid_right - 4 * 15.75, 0.5));
    const hui_dimage *im = &p->images[0];
    CHECK(near(im->x + im->w / 2, (x0 + x1) / 2, 0.5));
    /* the seal covers the issuer's line and the date's */
    CHECK(im->y < date->y - 29.6 - 12 && im->y + im->h > date->y);
    CHECK(im->w <= mm(42) + 0.01 && im->h <= mm(42) + 0.01);
  }
  hui_book_free(b);
  hui_gongwen_free(g);
  hui_image_free(seal);
}

/* A table goes through the layer as a body block (what the progress 通报
 * needs): its cells' text on the page, its thin rules inside the grid. */
static void test_table(hui_fonts *fonts, const hui_template *t) {
  hui_gongwen *g = hui_gongwen_new();
  hui_gongwen_title(g, "关于全县推荐工作进展情况的通报");
  hui_gongwen_para(g, "各单位推荐情况如下。");
  hui_table *tb = hui_table_new(fonts, 3, 3);
  hui_table_head(tb, 1);
  const char *cells[3][3] = {
      {"单位", "推荐", "获奖"}, {"青山镇", "3", "1"}, {"县林业局", "2", "2"}};
  for (int r = 0; r < 3; r++)
    for (int c = 0; c < 3; c++) {
      CHECK(hui_table_cell(tb, r, c, 1, 1));
      hui_para_add(hui_table_para(tb), cells[r][c], HUI_ROLE_BODY, 15.75, 0);
    }
  hui_gongwen_table(g, tb);
  hui_gongwen_para(g, "特此通报。");
  hui_book *b = hui_gongwen_compose(g, t, fonts);
  CHECK(b->npages == 1);
  const hui_dpage *p = b->pages[0];
  CHECK(run_from(p, 0x53bf) != NULL); /* 县林业局 */
  size_t thin = 0;
  double grid_l = mm(28) + (mm(156) - 441) / 2;
  for (size_t i = 0; i < p->nrules; i++)
    if (p->rules[i].width < 1 && p->rules[i].x0 >= grid_l - 0.01 &&
        p->rules[i].x1 <= grid_l + 441.01)
      thin++;
  CHECK(thin >= 4);
  hui_book_free(b);
  hui_gongwen_free(g);
}

int main(void) {
  hui_fonts *fonts = test_fonts();
  char *src = getenv("HUIBIAN_SOURCE");
  char *dir = hui_path_join(src ? src : ".", "templates");
  char *why = NULL;
  hui_template *t = hui_load_template(NULL, dir, "gongwen-a4", &why);
  free(dir);
  if (!t) {
    fprintf(stderr, "%s\n", why);
    return 1;
  }
  CHECK(t->kind == HUI_TEMPLATE_GONGWEN);
  char *no = hui_gongwen_number("青发", 2020, 12);
  CHECK_STR(no, "青发〔2020〕12号");
  free(no);
  char h[32];
  hui_gongwen_heading_number(1, 12, h, sizeof h);
  CHECK_STR(h, "十二、");
  hui_gongwen_heading_number(2, 3, h, sizeof h);
  CHECK_STR(h, "（三）");
  hui_gongwen_heading_number(3, 1, h, sizeof h);
  CHECK_STR(h, "1.");

  hui_gongwen *g = document(1, true);
  hui_book *b = hui_gongwen_compose(g, t, fonts);
  CHECK(b->npages >= 2);
  test_head(b, t);
  hui_book_free(b);
  hui_gongwen_free(g);
  test_parity(fonts, t);
  test_sign(fonts, t);
  test_table(fonts, t);
  hui_template_free(t);
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
