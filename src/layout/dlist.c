/* dlist: building display-list pages (positioned glyph runs, rules, fills,
 * images) and their colours. */
#include "dlist.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "../base/base.h"

static float unit(double v) { return isnan(v) || v <= 0 ? 0.0f : v >= 1 ? 1.0f : (float)v; }

hui_color hui_gray(double level) { return (hui_color){HUI_COLOR_GRAY, {unit(level), 0, 0, 0}}; }

hui_color hui_rgb(double r, double g, double b) {
  return (hui_color){HUI_COLOR_RGB, {unit(r), unit(g), unit(b), 0}};
}

hui_color hui_cmyk(double c, double m, double y, double k) {
  return (hui_color){HUI_COLOR_CMYK, {unit(c), unit(m), unit(y), unit(k)}};
}

bool hui_color_eq(hui_color a, hui_color b) {
  return a.space == b.space && a.c[0] == b.c[0] && a.c[1] == b.c[1] && a.c[2] == b.c[2] &&
         a.c[3] == b.c[3];
}

bool hui_color_is_black(hui_color a) { return hui_color_eq(a, hui_gray(0)); }

hui_dpage *hui_dpage_new(double width, double height) {
  assert(isfinite(width) && isfinite(height) && width > 0 && height > 0);
  hui_dpage *p = hui_xcalloc(1, sizeof *p);
  p->width = width;
  p->height = height;
  return p;
}

void hui_dpage_free(hui_dpage *p) {
  if (!p) return;
  free(p->glyphs);
  free(p->runs);
  free(p->rules);
  free(p->fills);
  free(p->images);
  free(p->lines);
  free(p);
}

/* 破折号 (docs/typography.md, "Dashes and ellipses"): the second of two dashes
 * (U+2014 or U+2015) drawn one after the other in a run, no more than a cell
 * and a half apart, gets a rule over both from the first's ink to the
 * second's, at the height and thickness of the glyph's own bar, so that no
 * font shows a gap between the halves; the glyphs stay (the text reads
 * back). A glyph that is no thin bar (taller than 0.15 em) is left alone. */
static void join_dash(hui_dpage *p, const hui_drun *run) {
  if (run->count < 2) return;
  size_t i = p->nglyphs - 1;
  const hui_dglyph *a = &p->glyphs[i - 1], *b = &p->glyphs[i];
  if ((b->cp != 0x2014 && b->cp != 0x2015) || a->cp != b->cp || p->dash_end == i) return;
  double gap = b->x - a->x, box[4];
  if (gap <= 0 || gap > 1.5 * run->size || !hui_face_ink_box(run->face, b->cp, box)) return;
  double thick = box[3] - box[1];
  if (thick > 0.15) return;
  double s = run->size;
  hui_dpage_rule(p, a->x + box[0] * s, run->y - (box[1] + box[3]) / 2 * s, b->x + box[2] * s,
                 run->y - (box[1] + box[3]) / 2 * s, thick * s, run->color);
  p->dash_end = i + 1;
}

void hui_dpage_glyph(hui_dpage *p, hui_face *face, double size, hui_color color, double x, double y,
                     uint32_t cp) {
  assert(p && face && isfinite(size) && size > 0 && isfinite(x) && isfinite(y));
  hui_drun *last = p->nruns ? &p->runs[p->nruns - 1] : NULL;
  /* A run continues only if it is still the last thing added. */
  if (!last || last->face != face || last->size != size || last->y != y ||
      !hui_color_eq(last->color, color) || last->first + last->count != p->nglyphs) {
    last = HUI_PUSH(p->runs, p->nruns, p->capruns);
    last->face = face;
    last->size = size;
    last->y = y;
    last->color = color;
    last->first = p->nglyphs;
    last->count = 0;
  }
  hui_dglyph *g = HUI_PUSH(p->glyphs, p->nglyphs, p->capglyphs);
  g->cp = cp;
  g->x = x;
  last->count++;
  join_dash(p, last);
}

void hui_dpage_rule(hui_dpage *p, double x0, double y0, double x1, double y1, double width,
                    hui_color color) {
  hui_drule *r = HUI_PUSH(p->rules, p->nrules, p->caprules);
  *r = (hui_drule){x0, y0, x1, y1, width, color};
}

void hui_dpage_fill(hui_dpage *p, double x, double y, double w, double h, hui_color color) {
  if (!(w > 0 && h > 0)) return;
  *HUI_PUSH(p->fills, p->nfills, p->capfills) = (hui_dfill){x, y, w, h, color};
}

void hui_dpage_image(hui_dpage *p, const hui_image *img, double x, double y, double w, double h) {
  assert(p && img);
  hui_dimage *d = HUI_PUSH(p->images, p->nimages, p->capimages);
  int o = img->orientation >= 1 && img->orientation <= 8 ? img->orientation : 1;
  *d = (hui_dimage){img, x, y, w, h, o, false, 0, 0, 0, 0};
}

void hui_dpage_image_clipped(hui_dpage *p, const hui_image *img, double x, double y, double w,
                             double h, double cx, double cy, double cw, double ch) {
  hui_dpage_image(p, img, x, y, w, h);
  hui_dimage *d = &p->images[p->nimages - 1];
  d->clip = true;
  d->cx = cx;
  d->cy = cy;
  d->cw = cw;
  d->ch = ch;
}

void hui_dpage_place(hui_dpage *p, const hui_dpage *under, double dx, double dy, double x, double y,
                     double w, double h) {
  assert(p && under && under != p);
  p->place = (hui_dplace){under, dx, dy, x, y, w, h};
}

void hui_dpage_note_line(hui_dpage *p, const hui_dline *line) {
  *HUI_PUSH(p->lines, p->nlines, p->caplines) = *line;
}

/* --- hui_dpage_check (dlist.h) -------------------------------------------- */

__attribute__((format(printf, 1, 2))) _Noreturn static void broken(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("huibian: internal error: hui_dpage_check: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

/* An array of n items with capacity cap: NULL only when there is none. */
static void check_array(const void *items, size_t n, size_t cap, const char *what) {
  if (n > cap || (n && !items)) broken("%zu %s, capacity %zu, array %p", n, what, cap, items);
}

static void check_color(hui_color c, const char *what, size_t i) {
  if ((unsigned)c.space > HUI_COLOR_CMYK)
    broken("%s %zu has colour space %d", what, i, (int)c.space);
  for (int k = 0; k < 4; k++)
    if (!(c.c[k] >= 0 && c.c[k] <= 1))
      broken("%s %zu has colour component %g", what, i, (double)c.c[k]);
}

#define FINITE2(a, b) (isfinite(a) && isfinite(b))
#define FINITE4(a, b, c, d) (FINITE2(a, b) && FINITE2(c, d))

void hui_dpage_check(const hui_dpage *p) {
  if (!p) broken("no page");
  if (!(isfinite(p->width) && isfinite(p->height) && p->width > 0 && p->height > 0))
    broken("the page is %g x %g pt", p->width, p->height);
  check_array(p->glyphs, p->nglyphs, p->capglyphs, "glyphs");
  check_array(p->runs, p->nruns, p->capruns, "runs");
  check_array(p->rules, p->nrules, p->caprules, "rules");
  check_array(p->fills, p->nfills, p->capfills, "fills");
  check_array(p->images, p->nimages, p->capimages, "images");
  check_array(p->lines, p->nlines, p->caplines, "lines");
  /* The runs cover the glyph array in order, each glyph in exactly one run
   * (hui_dpage_glyph is the only way in). */
  size_t next = 0;
  for (size_t i = 0; i < p->nruns; i++) {
    const hui_drun *r = &p->runs[i];
    if (r->first != next || r->count == 0 || r->count > p->nglyphs - next)
      broken("run %zu holds glyphs %zu+%zu; the glyphs before it end at %zu, the array at %zu", i,
             r->first, r->count, next, p->nglyphs);
    next += r->count;
    if (!r->face) broken("run %zu has no face", i);
    if (!(isfinite(r->size) && r->size > 0)) broken("run %zu has size %g", i, r->size);
    if (!isfinite(r->y)) broken("run %zu has baseline %g", i, r->y);
    check_color(r->color, "run", i);
  }
  if (next != p->nglyphs) broken("the runs hold %zu of the %zu glyphs", next, p->nglyphs);
  for (size_t i = 0; i < p->nglyphs; i++)
    if (!isfinite(p->glyphs[i].x)) broken("glyph %zu is at x %g", i, p->glyphs[i].x);
  for (size_t i = 0; i < p->nrules; i++) {
    const hui_drule *r = &p->rules[i];
    if (!FINITE4(r->x0, r->y0, r->x1, r->y1))
      broken("rule %zu has a coordinate that is not finite", i);
    if (!(isfinite(r->width) && r->width > 0)) broken("rule %zu has width %g", i, r->width);
    check_color(r->color, "rule", i);
  }
  for (size_t i = 0; i < p->nfills; i++) {
    const hui_dfill *f = &p->fills[i];
    if (!FINITE4(f->x, f->y, f->w, f->h) || !(f->w > 0 && f->h > 0))
      broken("fill %zu is %g x %g at (%g, %g)", i, f->w, f->h, f->x, f->y);
    check_color(f->color, "fill", i);
  }
  for (size_t i = 0; i < p->nimages; i++) {
    const hui_dimage *m = &p->images[i];
    if (!m->image) broken("image %zu has no image", i);
    if (!FINITE4(m->x, m->y, m->w, m->h) || !(m->w > 0 && m->h > 0))
      broken("image %zu is %g x %g at (%g, %g)", i, m->w, m->h, m->x, m->y);
    if (m->orientation < 1 || m->orientation > 8)
      broken("image %zu has orientation %d", i, m->orientation);
    if (m->clip && (!FINITE4(m->cx, m->cy, m->cw, m->ch) || !(m->cw > 0 && m->ch > 0)))
      broken("image %zu is clipped to %g x %g at (%g, %g)", i, m->cw, m->ch, m->cx, m->cy);
  }
  const hui_dplace *pl = &p->place;
  if (pl->page && (pl->page == p || !FINITE4(pl->x, pl->y, pl->w, pl->h) ||
                   !FINITE2(pl->dx, pl->dy) || !(pl->w > 0 && pl->h > 0)))
    broken("the placed page shows %g x %g at (%g, %g), moved by (%g, %g)", pl->w, pl->h, pl->x,
           pl->y, pl->dx, pl->dy);
  for (size_t i = 0; i < p->nlines; i++) {
    const hui_dline *l = &p->lines[i];
    if (!FINITE4(l->left, l->x, l->y, l->width) || !isfinite(l->measure))
      broken("line %zu has a coordinate that is not finite", i);
    if (l->line >= l->nlines) broken("line %zu is line %zu of %zu", i, l->line, l->nlines);
    if ((unsigned)l->kind > HUI_DL_TITLE) broken("line %zu has kind %d", i, (int)l->kind);
  }
}
