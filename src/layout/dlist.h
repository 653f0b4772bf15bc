/* dlist: the display list — pages of positioned glyphs, rules and images, the
 * backend-independent result of layout. Units: points; origin at the page's
 * top-left corner, y grows downwards; a glyph's y is its baseline. */
#ifndef HUI_DLIST_H
#define HUI_DLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../fonts.h"
#include "../image.h"

typedef struct hui_dglyph {
  uint32_t cp;
  double x; /* left edge of the glyph's advance box */
} hui_dglyph;

/* Consecutive glyphs of one face, size and baseline. */
typedef struct hui_drun {
  hui_face *face;
  double size, y;
  double gray; /* 0 = black */
  size_t first, count; /* into hui_dpage.glyphs */
} hui_drun;

typedef struct hui_drule {
  double x0, y0, x1, y1, width, gray;
} hui_drule;

typedef struct hui_dimage {
  const hui_image *image; /* borrowed: valid until the page is written */
  double x, y, w, h;      /* y = top edge; the box the upright photo fills */
  /* The image's EXIF orientation (1-8, hui_image.orientation): the backend
   * turns the stored pixels by it to fill the box upright. */
  int orientation;
} hui_dimage;

/* A line of a paragraph as placed, noted by the compose file so that the
 * trace and the tests can check justification, the grid and widows without
 * guessing from glyphs. Backends that print ignore it. */
typedef enum { HUI_DL_OTHER, HUI_DL_BODY, HUI_DL_HEADING, HUI_DL_TITLE } hui_dline_kind;

typedef struct hui_dline {
  int grid;             /* grid line on its page, from 0 */
  size_t para;          /* paragraph number in the document */
  size_t line, nlines;  /* index of the line in its paragraph, and their count */
  double left;          /* the grid's left edge on its page */
  double x, y, width, measure; /* the line starts at x; a justified one ends at left + measure */
  hui_dline_kind kind;
  bool justified;       /* set to the measure (every line of a body paragraph but its last) */
} hui_dline;

typedef struct hui_dpage {
  double width, height;
  hui_dglyph *glyphs;
  size_t nglyphs, capglyphs;
  hui_drun *runs;
  size_t nruns, capruns;
  hui_drule *rules;
  size_t nrules, caprules;
  hui_dimage *images;
  size_t nimages, capimages;
  hui_dline *lines; /* in the order noted */
  size_t nlines, caplines;
} hui_dpage;

hui_dpage *hui_dpage_new(double width, double height);
void hui_dpage_free(hui_dpage *p); /* NULL-safe */
/* Appends a glyph; continues the last run when face, size, y and gray match. */
void hui_dpage_glyph(hui_dpage *p, hui_face *face, double size, double gray, double x, double y,
                     uint32_t cp);
void hui_dpage_rule(hui_dpage *p, double x0, double y0, double x1, double y1, double width,
                    double gray);
/* Notes a placed paragraph line (see hui_dline). */
void hui_dpage_note_line(hui_dpage *p, const hui_dline *line);
/* Places img upright in the box (x, y, w, h): w and h follow its upright size
 * (hui_image_upright_size), and the orientation is taken from img. */
void hui_dpage_image(hui_dpage *p, const hui_image *img, double x, double y, double w, double h);

#endif
