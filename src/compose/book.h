/* book: a composed document — display-list pages, bookmarks, page labels —
 * produced by a compose file and consumed by a backend (pdf or trace). */
#ifndef HUI_BOOK_H
#define HUI_BOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../diag.h"
#include "../fonts.h"
#include "../backend/backend.h"
#include "../layout/dlist.h"
#include "../layout/page.h"
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
  hui_dpage **pages; /* kept when composed as a whole (certificates), not when streamed */
  size_t npages, cap;
  size_t total;    /* pages made */
  size_t front;    /* pages before the body: labelled i, ii, …; the body 1, 2, … */
  hui_outline *outlines;
  size_t noutlines, capoutlines;
  hui_toc_entry *toc;
  size_t ntoc, captoc;
  hui_image **images; /* photos and other images the pages borrow */
  size_t nimages, capimages;
} hui_book;

void hui_book_free(hui_book *b); /* NULL-safe */

/* The page master's spec (layout/page.h) of a compendium-kind template: its
 * paper, margins, grid, sizes, folio style, running heads and right-hand
 * starts. */
hui_page_spec hui_book_page_spec(const hui_template *t);

/* Told after each article: done of total. Returns false to stop composing
 * (hui_compendium_stream then returns NULL, *why saying it was stopped). */
typedef bool (*hui_progress_fn)(void *ctx, size_t done, size_t total);

/* Composes the compendium of edition e: order holds the awarded submissions in
 * compendium order. Problems with photos are warnings in d. Every page goes
 * to out (backend.h) as soon as its article is done and is freed then, so
 * memory holds one article's pages at a time and the book has only
 * bookmarks and contents. progress may be NULL. Returns NULL with *why set
 * (caller frees) on failure. Caller frees with hui_book_free. */
hui_book *hui_compendium_stream(const hui_edition *e, const size_t *order, size_t norder,
                                const hui_template *t, hui_fonts *fonts, hui_diags *d,
                                hui_backend *out, hui_progress_fn progress, void *progress_ctx,
                                char **why);

/* What only setting the compendium finds, for the check: every table of
 * every loaded body and of the preface laid out on template t's grid
 * (table-too-wide, table-row-too-tall, table-colwidth), into d. */
void hui_compendium_check(const hui_edition *e, const hui_template *t, hui_fonts *fonts,
                          hui_diags *d);

/* Sends the book's bookmarks and page labels to out (its pages went there
 * as they were made, or go with hui_book_send). */
bool hui_book_marks(const hui_book *b, hui_backend *out, char **why);
/* Sends the pages the book keeps, then its bookmarks and labels, to out. */
bool hui_book_send(const hui_book *b, hui_backend *out, char **why);

#endif
