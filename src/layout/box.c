/* box: lines of text at a point, text fitted into boxes, frames, borders,
 * fret ornaments and panels (box.h). The text goes through the paragraph
 * engine (para.c), so the Chinese rules hold in a box as on a page: line
 * breaking (docs/typography.md, A), punctuation widths (C) and Han–Latin
 * spacing (D1); a citation set justified follows B1 and B2 (F). */
#include "box.h"

#include <math.h>

#define STEP_PT 0.5  /* sizes are tried in half points */
#define ASCENT 0.88  /* the ideographic em box: its top is 0.88 em above the baseline */

/* --- One line of text ------------------------------------------------------ */

double hui_text_width(hui_fonts *fonts, const char *text, hui_role role, double size) {
  hui_para *p = hui_para_new(fonts);
  hui_para_add(p, text, role, size, 0);
  double w = hui_para_natural_width(p);
  hui_para_free(p);
  return w;
}

double hui_text_line(hui_fonts *fonts, hui_dpage *pg, const char *text, hui_role role,
                     double size, hui_color color, double x, double y, hui_align align) {
  hui_para *p = hui_para_new(fonts);
  hui_para_add_color(p, text, role, size, color);
  double w = hui_para_natural_width(p);
  /* a measure wider than the text: one line, nothing to justify */
  hui_para_spec spec = {w + 1000, 0, 0, HUI_ALIGN_LEFT, false, false, false};
  hui_para_set(p, &spec);
  if (align == HUI_ALIGN_CENTER) x -= w / 2;
  else if (align == HUI_ALIGN_RIGHT) x -= w;
  if (hui_para_nlines(p)) hui_para_draw_line(p, 0, pg, x, y);
  hui_para_free(p);
  return w;
}

/* --- Fitting ---------------------------------------------------------------- */

/* Sets text at size into para: on one unlimited line, or wrapped to the box.
 * Wrapped text that is not justified (a name, a unit) is balanced: about
 * equally long lines, like a wrapped title (E6); a justified citation is not. */
static size_t set_at(hui_para *para, const hui_box *b, const char *text, double size, bool one) {
  hui_para_clear(para);
  hui_para_add_color(para, text, b->role, size, b->color);
  hui_para_spec spec = {one ? 1e6 : b->w, one ? 0 : b->indent * size, 0,
                        one ? HUI_ALIGN_LEFT : b->align,
                        !one && b->align != HUI_ALIGN_JUSTIFY, false, false};
  return hui_para_set(para, &spec);
}

/* Width of the one-line setting in para, with indent and letter spacing. */
static double one_width(const hui_para *para, const hui_box *b, double size) {
  const hui_pline *ln = hui_para_line(para, 0);
  double track = ln->count > 1 ? (double)(ln->count - 1) * b->spacing * size : 0;
  return b->indent * size + ln->width + track;
}

static double block_height(const hui_box *b, double size, size_t lines) {
  return lines ? (double)(lines - 1) * b->leading * size + size : 0;
}

static bool lines_within(const hui_para *para, double w) {
  for (size_t i = 0; i < hui_para_nlines(para); i++) {
    const hui_pline *ln = hui_para_line(para, i);
    if (ln->x + ln->width > w + 0.01 || ln->x < -0.01) return false;
  }
  return true;
}

/* The k-th size tried from `from` down to `to` in half points, ending
 * exactly at `to`; false after that. */
static bool size_step(double from, double to, int k, double *s) {
  double v = from - k * STEP_PT;
  if (v < to - 1e-9) {
    if (v + STEP_PT <= to + 1e-9) return false;
    v = to;
  }
  *s = v;
  return true;
}

hui_fit hui_box_fit(hui_para *para, const hui_box *b, const char *text, bool multiline) {
  double W = b->w, H = b->h;
  double S = b->size, M = fmin(b->min, S);
  if (M < HUI_BOX_FLOOR_PT) M = HUI_BOX_FLOOR_PT;
  double s;
  if (!multiline)
    for (int k = 0; size_step(S, M, k, &s); k++) {
      if (set_at(para, b, text, s, true) != 1) break;
      if (one_width(para, b, s) <= W + 0.01 && s <= H + 0.01) return (hui_fit){s, 1, 1, true, false, false};
    }
  for (int k = 0; size_step(S, HUI_BOX_FLOOR_PT, k, &s); k++) {
    size_t n = set_at(para, b, text, s, false);
    if (block_height(b, s, n) <= H + 0.01 && lines_within(para, W))
      return (hui_fit){s, n, n, false, s < M - 1e-9, false};
  }
  /* Nothing fits: at the floor, only the lines that fit the box. */
  const double fl = HUI_BOX_FLOOR_PT;
  size_t n = set_at(para, b, text, fl, false);
  size_t k = H >= fl ? (size_t)floor((H - fl) / (b->leading * fl) + 1e-9) + 1 : 0;
  return (hui_fit){fl, k < n ? k : n, n, false, true, true};
}

void hui_box_draw(const hui_para *para, const hui_box *b, const hui_fit *f, hui_dpage *pg) {
  double X = b->x, Y = b->y, W = b->w, H = b->h;
  double s = f->size, pitch = b->leading * s;
  double bh = block_height(b, s, f->lines);
  double y0 = Y;
  if (b->valign == HUI_VALIGN_MIDDLE) y0 = Y + (H - bh) / 2;
  else if (b->valign == HUI_VALIGN_BOTTOM) y0 = Y + H - bh;
  if (f->one_line) {
    /* glyph by glyph: the letter spacing is the box's, not the paragraph's */
    const hui_pline *ln = hui_para_line(para, 0);
    const hui_pglyph *g = hui_para_glyphs(para) + ln->first;
    double w = one_width(para, b, s), x = X + b->indent * s;
    if (b->align == HUI_ALIGN_CENTER) x += (W - w) / 2;
    else if (b->align == HUI_ALIGN_RIGHT) x += W - w;
    double track = b->spacing * s;
    for (size_t k = 0; k < ln->count; k++)
      hui_dpage_glyph(pg, g[k].face, g[k].size, g[k].color, x + g[k].x + (double)k * track,
                      y0 + ASCENT * s, g[k].cp);
  } else {
    for (size_t i = 0; i < f->lines; i++)
      hui_para_draw_line(para, i, pg, X, y0 + ASCENT * s + (double)i * pitch);
  }
}

/* --- Frames, borders and panels --------------------------------------------- */

void hui_box_frame(hui_dpage *pg, double x, double y, double w, double h, double lw,
                   hui_color color) {
  double e = lw / 2;
  hui_dpage_rule(pg, x - e, y, x + w + e, y, lw, color);
  hui_dpage_rule(pg, x - e, y + h, x + w + e, y + h, lw, color);
  hui_dpage_rule(pg, x, y, x, y + h, lw, color);
  hui_dpage_rule(pg, x + w, y, x + w, y + h, lw, color);
}

/* The fret in a unit square whose corner (0,0) is the border's corner, x and
 * y pointing into the page: a hook along both rules and a 回 of two squares.
 * Polylines, ended by a negative x. */
static const double FRET[][2] = {
    {1.00, 0.16}, {0.16, 0.16}, {0.16, 1.00}, {-1, 0},
    {0.16, 0.58}, {0.58, 0.58}, {0.58, 0.16}, {-1, 0},
    {0.30, 0.30}, {0.44, 0.30}, {0.44, 0.44}, {0.30, 0.44}, {0.30, 0.30}, {-1, 0},
    {0.72, 0.16}, {0.72, 0.72}, {0.16, 0.72}, {-1, 0},
};

void hui_box_fret(hui_dpage *pg, double cx, double cy, double sx, double sy, double size,
                  double lw, hui_color color) {
  size_t n = sizeof FRET / sizeof *FRET;
  for (size_t i = 0; i + 1 < n; i++) {
    if (FRET[i][0] < 0 || FRET[i + 1][0] < 0) continue;
    hui_dpage_rule(pg, cx + sx * FRET[i][0] * size, cy + sy * FRET[i][1] * size,
                   cx + sx * FRET[i + 1][0] * size, cy + sy * FRET[i + 1][1] * size, lw, color);
  }
}

void hui_box_border(hui_dpage *pg, const hui_border *b, double dx, double dy) {
  if (b->inset <= 0) return;
  double pw = pg->width, ph = pg->height, in = b->inset;
  if (b->outer_pt > 0)
    hui_box_frame(pg, in + dx, in + dy, pw - 2 * in, ph - 2 * in, b->outer_pt, b->color);
  double in2 = in + b->gap;
  if (b->inner_pt > 0 && b->gap > 0)
    hui_box_frame(pg, in2 + dx, in2 + dy, pw - 2 * in2, ph - 2 * in2, b->inner_pt, b->color);
  if (b->corner > 0) {
    /* at least 0.6 pt: a hairline fret disappears in print */
    double k = b->corner, lw = fmax(b->inner_pt, 0.6);
    hui_box_fret(pg, in2 + dx, in2 + dy, 1, 1, k, lw, b->color);
    hui_box_fret(pg, pw - in2 + dx, in2 + dy, -1, 1, k, lw, b->color);
    hui_box_fret(pg, in2 + dx, ph - in2 + dy, 1, -1, k, lw, b->color);
    hui_box_fret(pg, pw - in2 + dx, ph - in2 + dy, -1, -1, k, lw, b->color);
  }
}

void hui_box_panel(hui_dpage *pg, double x, double y, double w, double h, hui_color fill,
                   double lw, hui_color frame) {
  hui_dpage_fill(pg, x, y, w, h, fill);
  if (lw > 0) hui_box_frame(pg, x, y, w, h, lw, frame);
}
