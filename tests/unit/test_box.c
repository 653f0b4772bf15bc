/* test_box: text fitted into boxes (layout/box.c) — kept at its size when it
 * fits, shrunk on one line, wrapped, below the minimum only as a last resort,
 * and at the floor cut to the lines that fit; never a glyph outside its box,
 * whatever the alignment; letter spacing; a line of text aligned at a point;
 * frames with closed corners, the certificate's border with its fret
 * corners, and panels, in colour. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "layout/box.h"

static bool near(double a, double b, double eps) { return fabs(a - b) <= eps; }

static hui_box box(double x, double y, double w, double h, double size, double min) {
  return (hui_box){.x = x, .y = y, .w = w, .h = h, .role = HUI_ROLE_BODY, .size = size, .min = min,
                   .leading = 1.5, .align = HUI_ALIGN_LEFT, .valign = HUI_VALIGN_TOP};
}

/* Every glyph drawn on pg lies inside b (its advance box horizontally, its
 * em box vertically); *x0, *x1 the extent of the ink boxes, *top, *bottom of
 * the em boxes. */
static bool inside(const hui_dpage *pg, const hui_box *b, double *x0, double *x1, double *top,
                   double *bottom) {
  bool ok = true;
  *x0 = *top = 1e9;
  *x1 = *bottom = -1e9;
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    for (size_t k = 0; k < run->count; k++) {
      const hui_dglyph *g = &pg->glyphs[run->first + k];
      double right = g->x + hui_face_advance(run->face, g->cp) * run->size;
      double t = run->y - 0.88 * run->size, bo = run->y + 0.12 * run->size;
      ok = ok && g->x >= b->x - 0.01 && right <= b->x + b->w + 0.01 && t >= b->y - 0.01 &&
           bo <= b->y + b->h + 0.01;
      *x0 = fmin(*x0, g->x);
      *x1 = fmax(*x1, right);
      *top = fmin(*top, t);
      *bottom = fmax(*bottom, bo);
    }
  }
  return ok;
}

static void test_fit(hui_fonts *fonts) {
  hui_para *para = hui_para_new(fonts);
  const char *ten = "争当排头兵先进典型事"; /* ten Han characters */
  double w10 = hui_text_width(fonts, ten, HUI_ROLE_BODY, 20);
  CHECK(w10 > 150);

  /* fits at its size */
  hui_box b = box(100, 100, w10 + 5, 30, 20, 12);
  hui_fit f = hui_box_fit(para, &b, ten, false);
  CHECK(f.size == 20 && f.one_line && f.lines == 1 && !f.below_min && !f.overflow);

  /* shrinks on one line, in half points, to the largest size that fits */
  b = box(100, 100, 150, 30, 20, 12);
  f = hui_box_fit(para, &b, ten, false);
  CHECK(f.one_line && !f.below_min && !f.overflow);
  CHECK(f.size < 20 && f.size >= 12 && fmod(f.size, 0.5) == 0);
  CHECK(hui_text_width(fonts, ten, HUI_ROLE_BODY, f.size) <= 150.01);
  CHECK(hui_text_width(fonts, ten, HUI_ROLE_BODY, f.size + 0.5) > 150.01);
  hui_dpage *pg = hui_dpage_new(595, 842);
  hui_box_draw(para, &b, &f, pg);
  double x0, x1, top, bottom;
  CHECK(inside(pg, &b, &x0, &x1, &top, &bottom));
  CHECK(near(top, 100, 0.01)); /* valign top */
  hui_dpage_free(pg);

  /* cannot keep one line above the minimum: wrapped, at the largest size
   * whose lines fit the box, and balanced */
  b = box(100, 100, 90, 60, 20, 18);
  f = hui_box_fit(para, &b, ten, false);
  CHECK(!f.one_line && f.lines >= 2 && f.lines == f.all_lines && !f.overflow);
  CHECK((f.lines - 1) * 1.5 * f.size + f.size <= 60.01);
  pg = hui_dpage_new(595, 842);
  b.valign = HUI_VALIGN_BOTTOM;
  hui_box_draw(para, &b, &f, pg);
  CHECK(inside(pg, &b, &x0, &x1, &top, &bottom));
  CHECK(near(top + (f.lines - 1) * 1.5 * f.size + f.size, 160, 0.01)); /* valign bottom */
  hui_dpage_free(pg);

  /* a multiline box wraps from the start, justified lines not balanced */
  b = box(100, 100, 100, 200, 20, 10);
  b.align = HUI_ALIGN_JUSTIFY;
  f = hui_box_fit(para, &b, ten, true);
  CHECK(!f.one_line && f.size == 20 && f.lines == 2);

  /* below the minimum only as a last resort, and said so */
  b = box(100, 100, 60, 60, 20, 16);
  f = hui_box_fit(para, &b, ten, false);
  CHECK(f.below_min && !f.overflow && f.size < 16);

  /* too long even at the floor: the lines that fit, and nothing outside */
  const char *long_text = "争当排头兵先进典型事迹汇编争当排头兵先进典型事迹汇编争当排头兵先进典型事迹汇编"
                          "争当排头兵先进典型事迹汇编争当排头兵先进典型事迹汇编";
  b = box(50, 50, 30, 12, 20, 10);
  f = hui_box_fit(para, &b, long_text, false);
  CHECK(f.overflow && f.below_min && f.size == HUI_BOX_FLOOR_PT);
  CHECK(f.lines >= 1 && f.lines < f.all_lines);
  pg = hui_dpage_new(595, 842);
  hui_box_draw(para, &b, &f, pg);
  CHECK(inside(pg, &b, &x0, &x1, &top, &bottom));
  hui_dpage_free(pg);

  /* a box lower than the floor takes no line at all */
  b = box(50, 50, 300, 4, 20, 10);
  f = hui_box_fit(para, &b, ten, false);
  CHECK(f.overflow && f.lines == 0);
  hui_para_free(para);
}

/* Alignment and letter spacing of a one-line fit. */
static void test_align(hui_fonts *fonts) {
  hui_para *para = hui_para_new(fonts);
  const char *title = "荣誉证书";
  double w = hui_text_width(fonts, title, HUI_ROLE_BODY, 20);
  for (int a = 0; a < 3; a++) {
    hui_box b = box(100, 100, 300, 40, 20, 10);
    b.align = a == 0 ? HUI_ALIGN_LEFT : a == 1 ? HUI_ALIGN_CENTER : HUI_ALIGN_RIGHT;
    b.valign = HUI_VALIGN_MIDDLE;
    hui_fit f = hui_box_fit(para, &b, title, false);
    hui_dpage *pg = hui_dpage_new(595, 842);
    hui_box_draw(para, &b, &f, pg);
    double x0, x1, top, bottom;
    CHECK(inside(pg, &b, &x0, &x1, &top, &bottom));
    CHECK(near(x1 - x0, w, 0.01));
    if (a == 0) CHECK(near(x0, 100, 0.01));
    if (a == 1) CHECK(near(x0 - 100, 400 - x1, 0.01));
    if (a == 2) CHECK(near(x1, 400, 0.01));
    CHECK(near(top - 100, 140 - (top + 20), 0.01)); /* valign middle */
    hui_dpage_free(pg);
  }
  /* one em after each character but the last */
  hui_box b = box(100, 100, 300, 40, 20, 10);
  b.spacing = 1;
  hui_fit f = hui_box_fit(para, &b, title, false);
  CHECK(f.one_line && f.size == 20);
  hui_dpage *pg = hui_dpage_new(595, 842);
  hui_box_draw(para, &b, &f, pg);
  CHECK_INT(pg->nglyphs, 4);
  for (size_t k = 1; k < pg->nglyphs; k++)
    CHECK(near(pg->glyphs[k].x - pg->glyphs[k - 1].x, 40, 0.01));
  hui_dpage_free(pg);
  /* letter spacing counts when fitting: 4 characters and 3 ems do not fit 120 pt at 20 */
  b.w = 120;
  f = hui_box_fit(para, &b, title, false);
  CHECK(f.one_line && f.size < 20 && 7 * f.size <= 120.01);
  hui_para_free(para);
}

static void test_line(hui_fonts *fonts) {
  hui_dpage *pg = hui_dpage_new(595, 842);
  double w = hui_text_line(fonts, pg, "汇编 2020", HUI_ROLE_BODY, 12, hui_rgb(1, 0, 0), 300, 400,
                           HUI_ALIGN_CENTER);
  CHECK(near(w, hui_text_width(fonts, "汇编 2020", HUI_ROLE_BODY, 12), 1e-9));
  CHECK(pg->nglyphs == 6 && near(pg->glyphs[0].x, 300 - w / 2, 1e-9));
  for (size_t r = 0; r < pg->nruns; r++) CHECK(hui_color_eq(pg->runs[r].color, hui_rgb(1, 0, 0)));
  hui_text_line(fonts, pg, "7", HUI_ROLE_LATIN, 12, hui_gray(0), 300, 500, HUI_ALIGN_RIGHT);
  const hui_drun *last = &pg->runs[pg->nruns - 1];
  CHECK(near(pg->glyphs[last->first].x + hui_face_advance(last->face, '7') * 12, 300, 1e-9));
  hui_dpage_free(pg);
}

static void test_frames(void) {
  hui_dpage *pg = hui_dpage_new(842, 595);
  hui_box_frame(pg, 10, 20, 100, 50, 2, hui_gray(0));
  CHECK_INT(pg->nrules, 4);
  /* the horizontal rules reach over the vertical ones: closed corners */
  CHECK(near(pg->rules[0].x0, 9, 1e-9) && near(pg->rules[0].x1, 111, 1e-9));
  CHECK(near(pg->rules[1].y0, 70, 1e-9));
  CHECK(near(pg->rules[3].x0, 110, 1e-9) && near(pg->rules[3].y1, 70, 1e-9));
  hui_dpage_free(pg);

  /* the certificate's border: two frames and a fret in each inner corner,
   * all in the border's colour and inside the page */
  pg = hui_dpage_new(842, 595);
  hui_color red = hui_cmyk(0, 1, 1, 0.1);
  hui_border b = {.inset = 20, .gap = 6, .outer_pt = 3, .inner_pt = 1, .corner = 30, .color = red};
  hui_box_border(pg, &b, 0, 0);
  size_t fret = (pg->nrules - 8) / 4;
  CHECK(pg->nrules > 8 && (pg->nrules - 8) % 4 == 0 && fret > 4);
  for (size_t i = 0; i < pg->nrules; i++) {
    const hui_drule *r = &pg->rules[i];
    CHECK(hui_color_eq(r->color, red));
    CHECK(fmin(r->x0, r->x1) >= 20 - 1.5 - 1e-9 && fmax(r->x0, r->x1) <= 822 + 1.5 + 1e-9);
    CHECK(fmin(r->y0, r->y1) >= 20 - 1.5 - 1e-9 && fmax(r->y0, r->y1) <= 575 + 1.5 + 1e-9);
  }
  CHECK(near(pg->rules[4].y0, 26, 1e-9) && near(pg->rules[4].width, 1, 1e-9)); /* inner frame */
  /* the first fret starts at the inner corner's hook, 30 pt along the top */
  CHECK(near(pg->rules[8].x0, 26 + 30, 1e-9) && near(pg->rules[8].y0, 26 + 0.16 * 30, 1e-9));
  CHECK(near(pg->rules[8].width, 1, 1e-9));
  /* the bottom-right fret mirrors the top-left one about the page's centre */
  const hui_drule *tl = &pg->rules[8], *br = &pg->rules[8 + 3 * fret];
  CHECK(near(tl->x0 + br->x0, 842, 1e-9) && near(tl->y0 + br->y0, 595, 1e-9));
  hui_dpage_free(pg);

  /* no inset, no border; a gap of 0, no inner frame; a printer's offset moves it all */
  pg = hui_dpage_new(842, 595);
  hui_box_border(pg, &(hui_border){.inset = 0, .outer_pt = 3}, 0, 0);
  CHECK_INT(pg->nrules, 0);
  hui_box_border(pg, &(hui_border){.inset = 20, .outer_pt = 3, .inner_pt = 1}, 5, -2);
  CHECK_INT(pg->nrules, 4);
  CHECK(near(pg->rules[0].y0, 18, 1e-9) && near(pg->rules[2].x0, 25, 1e-9));
  hui_dpage_free(pg);

  /* a panel: a fill under a frame; an empty fill is nothing */
  pg = hui_dpage_new(842, 595);
  hui_box_panel(pg, 100, 100, 200, 80, hui_rgb(1, 0.9, 0.6), 0.5, hui_rgb(0.6, 0, 0));
  hui_box_panel(pg, 100, 300, 0, 80, hui_gray(0.5), 0, hui_gray(0));
  CHECK_INT(pg->nfills, 1);
  CHECK_INT(pg->nrules, 4);
  CHECK(near(pg->fills[0].w, 200, 1e-9) && near(pg->fills[0].h, 80, 1e-9));
  CHECK(hui_color_eq(pg->fills[0].color, hui_rgb(1, 0.9, 0.6)));
  CHECK(hui_color_eq(pg->rules[0].color, hui_rgb(0.6, 0, 0)));
  hui_dpage_free(pg);
}

int main(void) {
  hui_fonts *fonts = test_fonts();
  test_fit(fonts);
  test_align(fonts);
  test_line(fonts);
  test_frames();
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
