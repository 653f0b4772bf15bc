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

/* A line of a paragraph as placed on a page, for tests and the trace: lets
 * them check justification, the grid and widows without guessing. */
typedef enum { HUI_BL_OTHER, HUI_BL_BODY, HUI_BL_HEADING, HUI_BL_TITLE } hui_bline_kind;

typedef struct hui_bline {
  size_t page;      /* index into pages (body-relative until assembled) */
  int grid;         /* grid line on its page, from 0 */
  size_t para;      /* paragraph number in the book */
  size_t line, nlines; /* index of the line in its paragraph, and their count */
  double left;      /* the grid's left edge on its page */
  double x, y, width, measure; /* the line starts at x; a justified one ends at left + measure */
  hui_bline_kind kind;
  bool front;       /* in the front matter */
  bool justified;   /* set to the measure (every line of a body paragraph but its last) */
} hui_bline;

typedef struct hui_book {
  hui_dpage **pages; /* kept only when composed without a sink */
  size_t npages, cap;
  size_t total;    /* pages made */
  size_t front;    /* pages before the body: labelled i, ii, …; the body 1, 2, … */
  hui_outline *outlines;
  size_t noutlines, capoutlines;
  hui_toc_entry *toc;
  size_t ntoc, captoc;
  hui_bline *lines;
  size_t nlines, caplines;
  hui_image **images; /* photos and other images the pages borrow */
  size_t nimages, capimages;
} hui_book;

void hui_book_free(hui_book *b); /* NULL-safe */

/* Where a compose file sends finished pages, as it makes them. Body pages come
 * first, in order; the front-matter pages come after them (the contents need
 * the body's page numbers) but belong in front of the body, in their order.
 * The page is only lent for the call. Returns false (with *why set) to stop. */
typedef struct hui_sink {
  void *ctx;
  bool (*page)(void *ctx, hui_dpage *page, bool front, char **why);
} hui_sink;

/* Told after each article: done of total. Returns false to stop composing
 * (hui_compendium_stream then returns NULL, *why saying it was stopped). */
typedef bool (*hui_progress_fn)(void *ctx, size_t done, size_t total);

/* Composes the compendium of edition e: order holds the awarded submissions in
 * compendium order. Problems with photos are warnings in d. Every page goes
 * to sink (may be NULL) as soon as its article is done; with keep the book
 * also keeps the pages (for the trace), otherwise they are freed then, so
 * memory holds one article's pages at a time and the book has only
 * bookmarks, contents and line records. progress may be NULL. Returns NULL
 * with *why set (caller frees) on failure. Caller frees with hui_book_free. */
hui_book *hui_compendium_stream(const hui_edition *e, const size_t *order, size_t norder,
                                const hui_template *t, hui_fonts *fonts, hui_diags *d,
                                hui_sink *sink, bool keep, hui_progress_fn progress,
                                void *progress_ctx, char **why);

/* A sink writing into an open PDF document (see pdf.h). */
struct hui_pdf;
hui_sink hui_pdf_sink(struct hui_pdf *pdf);
/* Adds the book's bookmarks and page labels to pdf and saves it to path. */
bool hui_book_finish_pdf(const hui_book *b, struct hui_pdf *pdf, const char *path, char **why);

/* A new PDF document with every page of the book in it, not yet saved (for
 * hui_book_finish_pdf); NULL with *why set. Free with hui_pdf_free. */
struct hui_pdf *hui_book_pdf(const hui_book *b, const hui_doc_info *info, char **why);

/* Writes the book as PDF to path (atomically). Returns false with *why set. */
bool hui_book_write_pdf(const hui_book *b, const hui_doc_info *info, const char *path,
                        char **why);

/* Writes the book as text (see trace.c): one block per page, one line per
 * line of glyphs with its position, width and text. */
void hui_trace_write(const hui_book *b, FILE *out);

#endif
