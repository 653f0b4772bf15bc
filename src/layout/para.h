/* para: one paragraph — styled text in, justified lines of positioned glyphs
 * out, following the Chinese rules of docs/typography.md (A, B, C, D). */
#ifndef HUI_PARA_H
#define HUI_PARA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../fonts.h"
#include "dlist.h"

typedef enum { HUI_ALIGN_JUSTIFY, HUI_ALIGN_LEFT, HUI_ALIGN_CENTER, HUI_ALIGN_RIGHT } hui_align;

typedef struct hui_para_spec {
  double measure;      /* line length in pt */
  double indent_first; /* extra indent of the first line, pt (B1: 2 em) */
  double indent_rest;  /* indent of the other lines, pt */
  hui_align align;     /* for all lines but the last (justify) or all lines */
  bool balance;        /* titles: lines about equally long, broken between words (E6) */
  bool strict;         /* docs/typography.md, A4 (clreq's strict level): —— and …… start no line */
  bool total_fit;      /* justified text: choose the paragraph's breaks together (docs/typography.md,
                          "Total fit"); else line by line, as headings, lists of names and the
                          contents are set */
} hui_para_spec;

/* A glyph placed on a line; x is relative to the line's left edge. */
typedef struct hui_pglyph {
  uint32_t cp;
  hui_face *face;
  float size;
  hui_color color;
  double x;
  float rise; /* raised above the baseline by this many pt (a reference mark) */
} hui_pglyph;

typedef struct hui_pline {
  size_t first, count; /* into hui_para glyphs */
  double x;            /* offset of the line from the measure's left edge */
  double width;        /* set width (after justification) */
  double natural;      /* width before justification */
  bool last;           /* the paragraph's last line */
  double gap;          /* justification space at each junction, in em of the line's text */
  unsigned gave;       /* HUI_GAVE_* (dlist.h): rules this line breaks, none when 0 */
  unsigned instead;    /* with gave: what the best setting keeping them breaks */
} hui_pline;

typedef struct hui_para hui_para;

/* A new empty paragraph drawing with fonts (borrowed). Free with hui_para_free. */
hui_para *hui_para_new(hui_fonts *fonts);
void hui_para_free(hui_para *p); /* NULL-safe */
/* Frees the setting buffers the calling thread keeps for its next paragraph. */
void hui_para_release(void);
/* Empties the paragraph for reuse (keeps its buffers). */
void hui_para_clear(hui_para *p);
/* Appends UTF-8 text in a role, size (pt) and gray (0 = black); white space
 * is normalised when the paragraph is set. */
void hui_para_add(hui_para *p, const char *utf8, hui_role role, double size, double gray);
/* The same in any colour (dlist.h). */
void hui_para_add_color(hui_para *p, const char *utf8, hui_role role, double size,
                        hui_color color);
/* Appends a reference mark (a footnote's ① or 1): in black, at size, raised
 * by rise pt above the baseline, glued to the character before it (no line
 * starts with it, no Han–Latin gap or justification space comes between),
 * and white space before it dropped. */
void hui_para_add_mark(hui_para *p, const char *utf8, hui_role role, double size, double rise);
/* Appends text in black that no line breaks inside (a job title: 党委书记
 * is never 党委 | 书记); a line may still break before and after it. A run
 * wider than the measure is broken where it must, and counted by
 * hui_para_forced. */
void hui_para_add_whole(hui_para *p, const char *utf8, hui_role role, double size);
/* After hui_para_set: the line that holds reference mark k (from 0, in the
 * order they were added); 0 when there is no such mark. */
size_t hui_para_mark_line(const hui_para *p, size_t k);
/* Breaks the paragraph into lines. Returns the number of lines. */
size_t hui_para_set(hui_para *p, const hui_para_spec *spec);
const hui_pline *hui_para_line(const hui_para *p, size_t i);
const hui_pglyph *hui_para_glyphs(const hui_para *p);
size_t hui_para_nlines(const hui_para *p);
/* How many lines of the last setting end inside a run that may not be
 * broken (a long number or word wider than the measure): the text was
 * broken against the rules where it overflowed. */
size_t hui_para_forced(const hui_para *p);
/* Draws line i with its measure's left edge at x and its baseline at y. */
void hui_para_draw_line(const hui_para *p, size_t i, hui_dpage *page, double x, double y);
/* After hui_para_set, for a paragraph drawn later (a table's cells, all set
 * before the first is drawn): gives back what only setting needs (the text
 * added, the items, the sums), keeping the lines and glyphs. Its text is
 * gone: a later hui_para_set sets no line. */
void hui_para_keep_drawing(hui_para *p);
/* Width in pt of text set on one line with no breaking (for fitting). */
double hui_para_natural_width(hui_para *p);

#endif
