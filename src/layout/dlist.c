/* dlist: building display-list pages (positioned glyph runs, rules, images). */
#include "dlist.h"

#include <stdlib.h>

#include "../base/base.h"

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
  free(p->images);
  free(p->lines);
  free(p);
}

void hui_dpage_glyph(hui_dpage *p, hui_face *face, double size, double gray, double x, double y,
                     uint32_t cp) {
  hui_drun *last = p->nruns ? &p->runs[p->nruns - 1] : NULL;
  /* A run continues only if it is still the last thing added. */
  if (!last || last->face != face || last->size != size || last->y != y || last->gray != gray ||
      last->first + last->count != p->nglyphs) {
    last = HUI_PUSH(p->runs, p->nruns, p->capruns);
    last->face = face;
    last->size = size;
    last->y = y;
    last->gray = gray;
    last->first = p->nglyphs;
    last->count = 0;
  }
  hui_dglyph *g = HUI_PUSH(p->glyphs, p->nglyphs, p->capglyphs);
  g->cp = cp;
  g->x = x;
  last->count++;
}

void hui_dpage_rule(hui_dpage *p, double x0, double y0, double x1, double y1, double width,
                    double gray) {
  hui_drule *r = HUI_PUSH(p->rules, p->nrules, p->caprules);
  *r = (hui_drule){x0, y0, x1, y1, width, gray};
}

void hui_dpage_image(hui_dpage *p, const hui_image *img, double x, double y, double w, double h) {
  hui_dimage *d = HUI_PUSH(p->images, p->nimages, p->capimages);
  int o = img->orientation >= 1 && img->orientation <= 8 ? img->orientation : 1;
  *d = (hui_dimage){img, x, y, w, h, o};
}

void hui_dpage_note_line(hui_dpage *p, const hui_dline *line) {
  *HUI_PUSH(p->lines, p->nlines, p->caplines) = *line;
}
