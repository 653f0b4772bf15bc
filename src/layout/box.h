/* box: text and ornament in fixed boxes — what a page made of boxes rather
 * than a flowing grid needs (certificates, and later posters, exhibition
 * boards, table cells): a line of text at a point, aligned; text fitted into
 * a box, shrinking from its size towards a minimum and never drawn outside
 * it; frames, double borders with fret (回纹) corners; filled panels.
 * Units: points, from the page's top-left corner, y downwards. */
#ifndef HUI_BOX_H
#define HUI_BOX_H

#include <stdbool.h>
#include <stddef.h>

#include "../fonts.h"
#include "dlist.h"
#include "para.h"

/* The smallest size text is ever set at by hui_box_fit, pt. */
#define HUI_BOX_FLOOR_PT 5.0

/* --- One line of text ---------------------------------------------------- */

/* The width of text set on one line in role at size (pt). */
double hui_text_width(hui_fonts *fonts, const char *text, hui_role role, double size);
/* Draws text on one line, unbroken, with its baseline at y: starting at x
 * (HUI_ALIGN_LEFT or JUSTIFY), centred on x (CENTER) or ending at x (RIGHT).
 * Returns its width. */
double hui_text_line(hui_fonts *fonts, hui_dpage *pg, const char *text, hui_role role,
                     double size, hui_color color, double x, double y, hui_align align);

/* --- Text fitted into a box ---------------------------------------------- */

typedef enum { HUI_VALIGN_TOP, HUI_VALIGN_MIDDLE, HUI_VALIGN_BOTTOM } hui_valign;

typedef struct hui_box {
  double x, y, w, h;  /* pt, from the page's top-left corner */
  hui_role role;
  double size, min;   /* pt: the size, and the smallest it should shrink to */
  double leading;     /* line pitch as a multiple of the size */
  double spacing;     /* extra space after each character but the last, em (one line only) */
  double indent;      /* first-line indent, em */
  hui_align align;    /* wrapped text that is not justified is balanced (E6's way) */
  hui_valign valign;
  hui_color color;
} hui_box;

/* How a text was fitted. */
typedef struct hui_fit {
  double size;      /* pt */
  size_t lines;     /* lines to draw */
  size_t all_lines; /* lines the text needs (more than lines only on overflow) */
  bool one_line;    /* set on one line with the box's letter spacing */
  bool below_min;   /* smaller than the box's min: only as a last resort */
  bool overflow;    /* too long even at HUI_BOX_FLOOR_PT: lines were left out */
} hui_fit;

/* Fits text into b: a one-line fit (multiline false) is set on one line,
 * shrinking in half points from b->size down to b->min; failing that (or
 * from the start when multiline) it is wrapped at the largest size whose
 * lines fit the box — below b->min (below_min) and down to the floor only as
 * a last resort; at the floor only the lines that fit are kept (overflow).
 * Nothing is ever drawn outside the box. The setting is left in para (the
 * caller's, reused: it is cleared first) for hui_box_draw. */
hui_fit hui_box_fit(hui_para *para, const hui_box *b, const char *text, bool multiline);
/* Draws the setting that hui_box_fit left in para into b, aligned in the box
 * horizontally and vertically. */
void hui_box_draw(const hui_para *para, const hui_box *b, const hui_fit *f, hui_dpage *pg);

/* --- Frames, borders and panels ------------------------------------------ */

/* A rectangle of four rules of width lw centred on its edges, whose ends
 * overlap so the corners are closed. */
void hui_box_frame(hui_dpage *pg, double x, double y, double w, double h, double lw,
                   hui_color color);

/* A fret (回纹) ornament of size pt at the corner (cx, cy), drawn towards
 * the page's inside: sx and sy are +1 or -1 (the top-left corner is 1, 1;
 * the bottom-right -1, -1). */
void hui_box_fret(hui_dpage *pg, double cx, double cy, double sx, double sy, double size,
                  double lw, hui_color color);

/* A page border as certificates have it: an outer rule inset from the page's
 * edges, an inner rule gap further in, fret ornaments in the inner rule's
 * corners. Lengths in pt; a width or size of 0 leaves that part out. */
typedef struct hui_border {
  double inset;      /* from the page's edges to the outer rule; 0 = no border */
  double gap;        /* from the outer rule to the inner one */
  double outer_pt, inner_pt;
  double corner;     /* the ornaments' size */
  hui_color color;
} hui_border;

/* Draws b around page pg, shifted by (dx, dy) (a printer's correction). */
void hui_box_border(hui_dpage *pg, const hui_border *b, double dx, double dy);

/* A filled rectangle with a frame of width lw round it (none when lw is 0). */
void hui_box_panel(hui_dpage *pg, double x, double y, double w, double h, hui_color fill,
                   double lw, hui_color frame);

#endif
