/* poster: 光荣榜 and 展板 — the honour roll as one large sheet (or more, when
 * the names would otherwise fall below the template's legible minimum), the
 * same sheet tiled onto office paper with overlap, crop marks and an
 * assembly map, and one exhibition panel per awardee. Pages are made of
 * boxes (layout/box.h) from a poster template (kind="poster"). */
#ifndef HUI_POSTER_H
#define HUI_POSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"

/* Where an awardee was set on a sheet (for tests and the notes). */
typedef struct hui_poster_cell {
  size_t sub;        /* the submission's index */
  size_t page;       /* the sheet */
  double x, y, w, h; /* the cell, pt from the sheet's top-left corner */
  double name_pt;    /* the size the name was set at */
} hui_poster_cell;

typedef struct hui_poster {
  hui_book *book; /* one page per sheet (or per panel), kept */
  hui_poster_cell *cells;
  size_t ncells, capcells;
  /* What the clerk should know (a second sheet, a short version cut), in
   * plain words, for stderr. */
  char **notes;
  size_t nnotes, capnotes;
  int columns;   /* of the grid chosen */
  double cell_w; /* pt */
} hui_poster;

/* The honour roll of the awardees order[0..norder) (compendium order: tiers
 * in campaign order) on template t's sheet. NULL with *why (caller frees)
 * when t is not a poster template. */
hui_poster *hui_poster_compose(const hui_edition *e, const size_t *order, size_t norder,
                               const hui_template *t, hui_fonts *fonts, char **why);

/* The exhibition boards: one panel (t's board size) per awardee. */
hui_poster *hui_boards_compose(const hui_edition *e, const size_t *order, size_t norder,
                               const hui_template *t, hui_fonts *fonts, char **why);

/* The sheets of poster p tiled onto office paper of w x h mm (A4 or A3,
 * turned whichever way needs fewer sheets): an assembly map first, then one
 * page per tile that places its part of the sheet (hui_dplace) with the
 * template's overlap, crop marks and a label. The pages borrow p's pages:
 * send them before freeing p. Caller frees with hui_book_free. */
hui_book *hui_poster_tiles(const hui_poster *p, const hui_template *t, hui_fonts *fonts, double w,
                           double h);

void hui_poster_free(hui_poster *p); /* NULL-safe */

#endif
