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
} hui_dpage;

hui_dpage *hui_dpage_new(double width, double height);
void hui_dpage_free(hui_dpage *p); /* NULL-safe */
/* Appends a glyph; continues the last run when face, size, y and gray match. */
void hui_dpage_glyph(hui_dpage *p, hui_face *face, double size, double gray, double x, double y,
                     uint32_t cp);
void hui_dpage_rule(hui_dpage *p, double x0, double y0, double x1, double y1, double width,
                    double gray);
/* Places img upright in the box (x, y, w, h): w and h follow its upright size
 * (hui_image_upright_size), and the orientation is taken from img. */
void hui_dpage_image(hui_dpage *p, const hui_image *img, double x, double y, double w, double h);

/* Document-level data the backends write besides pages. */
typedef struct hui_doc_info {
  const char *title, *author, *subject, *keywords, *creator;
  /* Creation date as "YYYY-MM-DDTHH:MM:SS" (UTC) or NULL. */
  const char *date;
  /* Write PDF/A-1b (the archived copies): XMP, an sRGB output intent, no
   * transparency, a content-derived /ID (see pdf.c). */
  bool pdfa;
} hui_doc_info;

typedef enum { HUI_LABEL_DECIMAL, HUI_LABEL_ROMAN_LOWER } hui_label_style;

#endif
