#define _XOPEN_SOURCE 700
/* test_dpage_check: hui_dpage_check passes a page made through the dlist
 * functions and aborts, naming what is broken, on pages broken by hand:
 * runs outside or not covering the glyph array, sizes and widths that are
 * not positive, boxes of images and fills, coordinates that are not finite,
 * colours, lines, a clip and a placed page's window. Each broken page is checked in a child process
 * and the test expects SIGABRT. */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "child.h"
#include "layout/dlist.h"

static char face_stub; /* hui_dpage_check only asks that a run has a face */
#define FACE ((hui_face *)(void *)&face_stub)
static hui_image image = {.width = 100, .height = 200, .orientation = 1};

/* A page with two runs of glyphs, a rule, a fill, an image and a line. */
static hui_dpage *page(void) {
  hui_dpage *p = hui_dpage_new(595, 842);
  for (int i = 0; i < 3; i++) hui_dpage_glyph(p, FACE, 16, hui_gray(0), 72 + 16 * i, 100, 0x4E00);
  for (int i = 0; i < 2; i++)
    hui_dpage_glyph(p, FACE, 12, hui_rgb(0.8, 0, 0), 72 + 12 * i, 130, 'A');
  hui_dpage_rule(p, 72, 140, 523, 140, 0.5, hui_cmyk(0, 0, 0, 1));
  hui_dpage_fill(p, 0, 0, 595, 50, hui_gray(0.9));
  hui_dpage_image(p, &image, 72, 200, 85, 113);
  hui_dpage_note_line(p,
                      &(hui_dline){0, 0, 0, 1, 72, 72, 100, 48, 451, HUI_DL_BODY, false, 0, 0, 0});
  return p;
}

/* A page broken by breaks, checked: in a child (child.h), which must abort. */
static void check_broken(const void *arg) {
  void (*breaks)(hui_dpage *);
  memcpy(&breaks, arg, sizeof breaks);
  hui_dpage *p = page();
  breaks(p);
  hui_dpage_check(p);
}

/* True when hui_dpage_check aborts on a page broken by breaks, saying want.
 * The broken page is never freed (its arrays may be anything). */
static bool aborts(void (*breaks)(hui_dpage *), const char *want) {
  return hui_test_child_aborts(check_broken, &breaks, "internal error: hui_dpage_check", want);
}

static void run_past_end(hui_dpage *p) { p->runs[1].count = 3; }
static void run_gap(hui_dpage *p) {
  p->runs[1].first = 4;
  p->runs[1].count = 1;
}
static void run_overlap(hui_dpage *p) { p->runs[1].first = 2; }
static void run_empty(hui_dpage *p) { p->runs[1].count = 0; }
static void glyph_outside_runs(hui_dpage *p) {
  hui_dpage_glyph(p, FACE, 12, hui_gray(0), 0, 0, 'B'); /* a third run */
  p->nruns = 2;
}
static void run_huge(hui_dpage *p) { p->runs[0].count = SIZE_MAX; }
static void run_without_face(hui_dpage *p) { p->runs[0].face = NULL; }
static void run_size_zero(hui_dpage *p) { p->runs[1].size = 0; }
static void run_size_nan(hui_dpage *p) { p->runs[0].size = NAN; }
static void run_y_inf(hui_dpage *p) { p->runs[0].y = INFINITY; }
static void glyph_x_nan(hui_dpage *p) { p->glyphs[4].x = NAN; }
static void color_space(hui_dpage *p) { p->runs[0].color.space = (hui_color_space)7; }
static void color_component(hui_dpage *p) { p->rules[0].color.c[3] = 1.5f; }
static void color_nan(hui_dpage *p) { p->fills[0].color.c[0] = NAN; }
static void rule_width_zero(hui_dpage *p) { p->rules[0].width = 0; }
static void rule_inf(hui_dpage *p) { p->rules[0].x1 = -INFINITY; }
static void fill_negative(hui_dpage *p) { p->fills[0].h = -1; }
static void image_zero_width(hui_dpage *p) { p->images[0].w = 0; }
static void image_nan(hui_dpage *p) { p->images[0].y = NAN; }
static void image_without_image(hui_dpage *p) { p->images[0].image = NULL; }
static void image_orientation(hui_dpage *p) { p->images[0].orientation = 9; }
static void line_index(hui_dpage *p) { p->lines[0].line = 1; }
static void line_nan(hui_dpage *p) { p->lines[0].measure = NAN; }
static void page_size(hui_dpage *p) { p->height = 0; }
static void image_clip_empty(hui_dpage *p) {
  hui_dpage_image_clipped(p, &image, 72, 200, 85, 113, 72, 200, 0, 100);
}
static const hui_dpage *under(void) {
  static hui_dpage u = {.width = 1000, .height = 1000};
  return &u;
}
static void place_self(hui_dpage *p) { p->place = (hui_dplace){p, 0, 0, 10, 10, 100, 100}; }
static void place_window_nan(hui_dpage *p) {
  hui_dpage_place(p, under(), -50, -60, 10, 10, NAN, 100);
}
static void count_past_capacity(hui_dpage *p) { p->nrules = p->caprules + 1; }

static const struct {
  void (*breaks)(hui_dpage *);
  const char *want;
} CASES[] = {
    {run_past_end, "run 1 holds glyphs 3+3"},
    {run_gap, "run 1 holds glyphs 4+1"},
    {run_overlap, "run 1 holds glyphs 2+2"},
    {run_empty, "run 1 holds glyphs 3+0"},
    {glyph_outside_runs, "the runs hold 5 of the 6 glyphs"},
    {run_huge, "run 0 holds glyphs 0+"},
    {run_without_face, "run 0 has no face"},
    {run_size_zero, "run 1 has size 0"},
    {run_size_nan, "run 0 has size nan"},
    {run_y_inf, "run 0 has baseline inf"},
    {glyph_x_nan, "glyph 4 is at x nan"},
    {color_space, "run 0 has colour space 7"},
    {color_component, "rule 0 has colour component 1.5"},
    {color_nan, "fill 0 has colour component nan"},
    {rule_width_zero, "rule 0 has width 0"},
    {rule_inf, "rule 0 has a coordinate that is not finite"},
    {fill_negative, "fill 0 is 595 x -1"},
    {image_zero_width, "image 0 is 0 x 113"},
    {image_nan, "image 0 is 85 x 113 at (72, nan)"},
    {image_without_image, "image 0 has no image"},
    {image_orientation, "image 0 has orientation 9"},
    {line_index, "line 0 is line 1 of 1"},
    {line_nan, "line 0 has a coordinate that is not finite"},
    {page_size, "the page is 595 x 0 pt"},
    {image_clip_empty, "image 1 is clipped to 0 x 100 at (72, 200)"},
    {place_self, "the placed page shows 100 x 100 at (10, 10)"},
    {place_window_nan, "the placed page shows nan x 100 at (10, 10), moved by (-50, -60)"},
    {count_past_capacity, "rules, capacity"},
};

int main(void) {
  hui_dpage *p = page();
  CHECK_INT(p->nruns, 2);
  hui_dpage_check(p); /* returns */
  hui_dpage_free(p);
  /* a cropped photo and a tile placing a sheet pass */
  hui_dpage *tile = page();
  hui_dpage_image_clipped(tile, &image, 72, 200, 85, 170, 72, 220, 85, 113);
  hui_dpage_place(tile, under(), -50, -60, 28, 28, 539, 786);
  hui_dpage_check(tile);
  CHECK(tile->images[1].clip && tile->place.page == under());
  hui_dpage_free(tile); /* the placed page is borrowed, not freed */
  hui_dpage *empty = hui_dpage_new(100, 100);
  hui_dpage_check(empty);
  hui_dpage_free(empty);
  for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++)
    CHECK(aborts(CASES[i].breaks, CASES[i].want));
  return CHECK_DONE();
}
