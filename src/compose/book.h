/* book: a composed document — display-list pages, bookmarks, page labels —
 * produced by a compose file and consumed by a backend (pdf or trace). */
#ifndef HUI_BOOK_H
#define HUI_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../diag.h"
#include "../fonts.h"
#include "../layout/dlist.h"
#include "../model.h"

typedef struct hui_outline {
  int level;
  char *title;
  size_t page; /* index into pages */
  double y;
} hui_outline;

/* A table-of-contents entry as typeset: which submission starts on which page. */
typedef struct hui_toc_entry {
  size_t sub;      /* index into the edition's submissions */
  size_t page;     /* index into pages of the article's first page */
  int number;      /* printed page number */
} hui_toc_entry;

typedef struct hui_book {
  hui_dpage **pages;
  size_t npages, cap;
  size_t front;    /* pages before the body: labelled i, ii, …; the body 1, 2, … */
  hui_outline *outlines;
  size_t noutlines, capoutlines;
  hui_toc_entry *toc;
  size_t ntoc, captoc;
  hui_image **images; /* photos and other images the pages borrow */
  size_t nimages, capimages;
} hui_book;

void hui_book_free(hui_book *b); /* NULL-safe */

/* Composes the compendium of edition e: order holds the awarded submissions in
 * compendium order. Problems with photos are warnings in d. Returns NULL with
 * *why set (caller frees) on failure. Caller frees with hui_book_free. */
hui_book *hui_compendium_compose(const hui_edition *e, const size_t *order, size_t norder,
                                 const hui_template *t, hui_fonts *fonts, hui_diags *d,
                                 char **why);

/* Writes the book as PDF to path (atomically). Returns false with *why set. */
bool hui_book_write_pdf(const hui_book *b, const hui_doc_info *info, const char *path,
                        char **why);

/* Writes the book as text (see trace.c): one block per page, one line per
 * line of glyphs with its position, width and text. */
void hui_trace_write(const hui_book *b, FILE *out);

#endif
