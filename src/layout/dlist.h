/* dlist: the display list — pages of positioned glyphs, rules, filled
 * rectangles and images, the backend-independent result of layout. Units:
 * points; origin at the page's top-left corner, y grows downwards; a glyph's
 * y is its baseline. Every item but an image has a colour (hui_color). */
#ifndef HUI_DLIST_H
#define HUI_DLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../fonts.h"
#include "../image.h"

/* A colour: a gray level, RGB or CMYK, every component from 0 to 1 (gray
 * and RGB: 0 is no light, black; CMYK: 0 is no ink). The zero value is gray
 * 0, black: what everything is unless it is given another colour, and what
 * the backends write as before colour existed (a PDF's "0 g"). A backend
 * writes the colour in the space it is given, or converts it where the
 * document allows no such space (pdf.c: CMYK in a PDF/A). */
typedef enum { HUI_COLOR_GRAY, HUI_COLOR_RGB, HUI_COLOR_CMYK } hui_color_space;

typedef struct hui_color {
  hui_color_space space;
  float c[4]; /* gray: c[0]; RGB: c[0..2]; CMYK: c[0..3]; the others 0 */
} hui_color;

/* Colours with their components clamped to 0..1 (NaN to 0). */
hui_color hui_gray(double level);
hui_color hui_rgb(double r, double g, double b);
hui_color hui_cmyk(double c, double m, double y, double k);
/* The same space and components (gray 0 is not RGB 0,0,0: a backend writes
 * them differently). */
bool hui_color_eq(hui_color a, hui_color b);
/* Gray 0, the default. */
bool hui_color_is_black(hui_color a);

typedef struct hui_dglyph {
  uint32_t cp;
  double x; /* left edge of the glyph's advance box */
} hui_dglyph;

/* Consecutive glyphs of one face, size, colour and baseline. */
typedef struct hui_drun {
  hui_face *face;
  double size, y;
  hui_color color;
  size_t first, count; /* into hui_dpage.glyphs */
} hui_drun;

/* A straight line of a width, with butt ends. */
typedef struct hui_drule {
  double x0, y0, x1, y1, width;
  hui_color color;
} hui_drule;

/* A filled rectangle; y is its top edge. Backends draw the fills of a page
 * first, under its images, rules and text: a ground, a panel, a band. */
typedef struct hui_dfill {
  double x, y, w, h;
  hui_color color;
} hui_dfill;

typedef struct hui_dimage {
  const hui_image *image; /* borrowed: valid until the page is written */
  double x, y, w, h;      /* y = top edge; the box the upright photo fills */
  /* The image's EXIF orientation (1-8, hui_image.orientation): the backend
   * turns the stored pixels by it to fill the box upright. */
  int orientation;
  /* Only what falls inside this rectangle is shown (a photo cropped to its
   * frame); when clip is false, the whole box. */
  bool clip;
  double cx, cy, cw, ch;
} hui_dimage;

/* Another page drawn under this one's own content, moved by (dx, dy) and
 * showing only what falls inside the rectangle (x, y, w, h) of this page: a
 * tile of a poster, the poster placed so that its part shows in the tile's
 * window, with the tile's own crop marks outside it. */
typedef struct hui_dplace {
  const struct hui_dpage *page; /* borrowed: valid until this page is written */
  double dx, dy;
  double x, y, w, h;
} hui_dplace;

/* A line of a paragraph as placed, noted by the compose file so that the
 * trace and the tests can check justification, the grid and widows without
 * guessing from glyphs. Backends that print ignore it. */
typedef enum { HUI_DL_OTHER, HUI_DL_BODY, HUI_DL_HEADING, HUI_DL_TITLE } hui_dline_kind;

/* A rule of the paragraph breaker that a line breaks because no setting of
 * its paragraph keeps every rule (docs/typography.md, "Total fit"). */
enum {
  HUI_GAVE_UNIT = 1,     /* the line ends between a number and its unit (A5+) */
  HUI_GAVE_OPERATOR = 2, /* the next line starts with an operator (`+就业`) */
  HUI_GAVE_ORPHAN = 4,   /* the paragraph's last line holds one character (B4) */
  HUI_GAVE_LOOSE = 8,    /* the line is spread by more than 0.10 em a gap */
  HUI_GAVE_FORCED = 16,  /* nothing fits: the line is cut where it overflows (A5) */
  HUI_GAVE_NONE = 32     /* in `instead`: no setting keeps the rule at all */
};

typedef struct hui_dline {
  int grid;                    /* grid line on its page, from 0 */
  size_t para;                 /* paragraph number in the document */
  size_t line, nlines;         /* index of the line in its paragraph, and their count */
  double left;                 /* the grid's left edge on its page */
  double x, y, width, measure; /* the line starts at x; a justified one ends at left + measure */
  hui_dline_kind kind;
  bool justified;   /* set to the measure (every line of a body paragraph but its last) */
  double gap;       /* justification space added at each junction, in em */
  unsigned gave;    /* HUI_GAVE_* rules this line breaks */
  unsigned instead; /* what keeping them would break instead (HUI_GAVE_*) */
} hui_dline;

typedef struct hui_dpage {
  double width, height;
  hui_dglyph *glyphs;
  size_t nglyphs, capglyphs;
  hui_drun *runs;
  size_t nruns, capruns;
  hui_drule *rules;
  size_t nrules, caprules;
  hui_dfill *fills;
  size_t nfills, capfills;
  hui_dimage *images;
  size_t nimages, capimages;
  hui_dline *lines; /* in the order noted */
  size_t nlines, caplines;
  hui_dplace place; /* place.page NULL: none */
  size_t dash_end; /* 1 + the glyph that ended the last pair of dashes joined (dlist.c) */
} hui_dpage;

hui_dpage *hui_dpage_new(double width, double height);
void hui_dpage_free(hui_dpage *p); /* NULL-safe */
/* Appends a glyph; continues the last run when face, size, y and colour match. */
void hui_dpage_glyph(hui_dpage *p, hui_face *face, double size, hui_color color, double x,
                     double y, uint32_t cp);
void hui_dpage_rule(hui_dpage *p, double x0, double y0, double x1, double y1, double width,
                    hui_color color);
/* A filled rectangle (x, y) – (x + w, y + h); nothing when w or h is not
 * positive. */
void hui_dpage_fill(hui_dpage *p, double x, double y, double w, double h, hui_color color);
/* Notes a placed paragraph line (see hui_dline). */
void hui_dpage_note_line(hui_dpage *p, const hui_dline *line);
/* Places img upright in the box (x, y, w, h): w and h follow its upright size
 * (hui_image_upright_size), and the orientation is taken from img. */
void hui_dpage_image(hui_dpage *p, const hui_image *img, double x, double y, double w, double h);
/* The same, showing only what falls inside the rectangle (cx, cy, cw, ch). */
void hui_dpage_image_clipped(hui_dpage *p, const hui_image *img, double x, double y, double w,
                             double h, double cx, double cy, double cw, double ch);
/* Draws page `under` beneath p's own content (see hui_dplace). */
void hui_dpage_place(hui_dpage *p, const hui_dpage *under, double dx, double dy, double x, double y,
                     double w, double h);

/* Checks the invariants of a finished page and aborts, naming the first
 * broken one, when one does not hold: a positive finite page size; every
 * array within its capacity; the runs covering the glyph array in order,
 * each non-empty, with a face, a size > 0 and a finite baseline; finite
 * coordinates everywhere; rules of positive width; fills and images with
 * positive boxes, images with an image and an orientation 1-8 (and a
 * positive clip when clipped); a placed page with a positive window; colours in
 * their space with components in 0..1; noted lines with line < nlines. In
 * every build (the unit tests feed it broken pages); HUI_DPAGE_CHECK calls
 * it in Debug builds (HUI_DEBUG) only. */
void hui_dpage_check(const hui_dpage *p);
#ifdef HUI_DEBUG
#define HUI_DPAGE_CHECK(p) hui_dpage_check(p)
#else
#define HUI_DPAGE_CHECK(p) ((void)0)
#endif

#endif
