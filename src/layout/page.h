/* page: the page master — the geometry every page of a paged output shares
 * and the furniture it carries: paper and margins (inner on the binding
 * side, mirrored or not), the type area as a grid of lines × characters of
 * equal pitch (docs/typography.md, B3 and E1–E5), running heads, folios
 * ("— 7 —" at the outside corner, E8) in roman or decimal numbers, right-hand
 * starts with blank pages, and the dot leaders of a contents line.
 *
 * A compose file fills a hui_page_spec (from a template: compose/book.h's
 * hui_book_page_spec, or by hand), makes a master from it, and asks it for
 * numbered pages of a hui_pages sequence and for positions on the grid.
 * Units: the spec in mm and pt as templates give them, everything else in
 * pt from the page's top-left corner, y downwards. */
#ifndef HUI_PAGE_H
#define HUI_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "../fonts.h"
#include "dlist.h"
#include "flow.h"

typedef struct hui_page_spec {
  double page_w, page_h;            /* mm */
  double top, bottom, inner, outer; /* margins, mm; inner is the binding side */
  bool mirror;                      /* inner and outer swap on even (left-hand) pages */
  int grid_chars, grid_lines;       /* the type area as a grid; 0 = from the sizes */
  double body_pt;                   /* a cell; 0 = the type area's width / grid_chars */
  double leading_pt;                /* the line pitch; 0 = the grid's lines fill the type area */
  bool running_heads;
  double head_pt;                   /* 0 = 10.5 (五号) */
  double folio_pt;                  /* 0 = 14 (4号) */
  bool folio_plain;                 /* "7" rather than "— 7 —" */
  double folio_drop;                /* mm from the type area's bottom edge to the folio; 0 = 7 (E8) */
  bool recto_start;                 /* hui_master_recto adds blank pages */
} hui_page_spec;

/* A master: the spec and what follows from it. Plain data, nothing to free. */
typedef struct hui_master {
  hui_page_spec spec;
  hui_fonts *fonts;             /* borrowed: for heads, folios and leaders */
  double pw, ph;                /* the paper */
  double top, inner, outer;     /* margins */
  double type_w, type_h;        /* the type area */
  double body, pitch, measure;  /* a cell, the line pitch, the measure (chars whole cells) */
  int chars, lines;             /* the grid */
} hui_master;

/* Makes the master of spec (copied). The measure is a whole number of cells,
 * centred in the type area (B3); a grid wider than the type area loses the
 * characters that do not fit. */
void hui_master_init(hui_master *m, const hui_page_spec *spec, hui_fonts *fonts);

/* The grid's left edge on page `number` (from 1: odd numbers are right-hand
 * pages, whose binding side is on the left). */
double hui_master_left(const hui_master *m, int number);
/* The left edge of cell col (from 0) of the grid on page number. */
double hui_master_cell_x(const hui_master *m, int number, int col);
/* The top of grid line k (from 0): the top of its body-size cell. */
double hui_master_line_top(const hui_master *m, double k);
/* The baseline of text of size s on grid line k: its em box centred on the
 * body's, which sits at the top of the line's cell. */
double hui_master_baseline(const hui_master *m, double k, double s);

/* --- Numbered pages ----------------------------------------------------------- */

typedef enum { HUI_NUMBERS_DECIMAL, HUI_NUMBERS_ROMAN } hui_numbering;

/* Page number n as printed: "7", or lower-case roman "vii" (front matter),
 * into out (at least 32 bytes). */
void hui_page_number(int n, hui_numbering style, char *out, size_t cap);

/* A sequence of pages numbered from 1 in one style (the front matter, the
 * body). Pages stay in it until the caller takes them (sets pages[i] to NULL
 * or frees them and sets n to 0); hui_pages_free frees the rest. */
typedef struct hui_pages {
  hui_dpage **pages;  /* made and not yet taken */
  size_t n, cap;
  size_t count;       /* pages made so far: the last one's number */
  hui_numbering numbering;
} hui_pages;

void hui_pages_free(hui_pages *s); /* frees the pages left and the array, not s */

/* Running heads: the text of left-hand (even) and right-hand (odd) pages,
 * e.g. the volume's title and the section's; NULL prints nothing. */
typedef struct hui_heads {
  const char *verso, *recto;
} hui_heads;

/* A new page, the next of s: with its running head (centred over the grid
 * above a thin rule, in 楷体) when heads is not NULL and the spec has them,
 * and its folio when folio is true. */
hui_dpage *hui_master_page(const hui_master *m, hui_pages *s, const hui_heads *heads, bool folio);
/* A right-hand start: when the spec asks for it and the next page of s would
 * be a left-hand one, a blank page (no head, no folio) first. */
void hui_master_recto(const hui_master *m, hui_pages *s);
/* Draws the folio of page number on pg: below the type area, folio_drop
 * under its bottom edge, one folio-size cell in from the grid's outside edge
 * (right on odd pages, left on even ones); "— 7 —" is three pieces a
 * quarter em apart (E8). */
void hui_master_folio(const hui_master *m, hui_dpage *pg, int number, hui_numbering style);

/* --- Setting a flow on pages ---------------------------------------------------- */

/* Told of a bookmark a flow's item carries (hui_flow_mark) as its page is
 * made: the page's index in its sequence (from 0), the level and title, and
 * y, the top of the item's grid line. */
typedef void (*hui_mark_fn)(void *ctx, size_t page, int level, const char *title, double y);

/* Sets flow f on new pages of s: paginated on the master's grid with the
 * flow's keeps (hui_flow_paginate), every page with heads (as
 * hui_master_page) and a folio; each line at its grid line's baseline, its
 * leader tail drawn (hui_master_leaders) and the line noted on its page
 * (hui_dline, paragraphs numbered from para_base, for the trace and tests);
 * images at the top of their grid lines (lowered by their dy); blocks
 * drawn by their makers, a block's repeat first when its part starts a page
 * (a table's header); blank lines at a page's top dropped. mark (may be NULL) hears of the
 * bookmarks. Empties f; returns the number of pages made. */
size_t hui_master_flow(const hui_master *m, hui_pages *s, hui_flow *f, const hui_heads *heads,
                       size_t para_base, hui_mark_fn mark, void *ctx);

/* --- Leaders --------------------------------------------------------------------- */

/* A contents line's end on page number at baseline y: tail (a page number)
 * flush with the grid's right edge, and dots on a half-em pitch counted from
 * the grid's left edge (so they line up from line to line) from text_end
 * (where the entry's text ends) to the tail, half an em clear of both, in
 * the latin role at the body size. */
void hui_master_leaders(const hui_master *m, hui_dpage *pg, int number, double text_end, double y,
                        const char *tail);

#endif
