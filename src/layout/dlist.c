/* dlist: building display-list pages (positioned glyph runs, rules, fills,
 * images) and their colours. */
#include "dlist.h"

#include <math.h>
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

void hui_dpage_glyph(hui_dpage *p, hui_face *face, double size, hui_color color, double x,
                     double y, uint32_t cp) {
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
  hui_dimage *d = HUI_PUSH(p->images, p->nimages, p->capimages);
  int o = img->orientation >= 1 && img->orientation <= 8 ? img->orientation : 1;
  *d = (hui_dimage){img, x, y, w, h, o};
}

void hui_dpage_note_line(hui_dpage *p, const hui_dline *line) {
  *HUI_PUSH(p->lines, p->nlines, p->caplines) = *line;
}
