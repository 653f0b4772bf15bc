/* pdf: the libharu backend — writes display-list pages into a PDF file. The only
 * module that sees libharu; its files are in src/pdf/ (pdf/pdf_internal.h says
 * which holds what). */
#ifndef HUI_PDF_H
#define HUI_PDF_H

#include <stdbool.h>

#include "backend/backend.h"
#include "layout/dlist.h"

/* Document-level data written besides the pages. */
typedef struct hui_doc_info {
  const char *title, *author, *subject, *keywords, *creator;
  /* Creation date as "YYYY-MM-DDTHH:MM:SS" (UTC) or NULL. */
  const char *date;
  /* Write PDF/A-1b (the archived copies): XMP, an sRGB output intent, no
   * transparency, a content-derived /ID (see pdf/pdfa.c). */
  bool pdfa;
} hui_doc_info;

/* The PDF backend (backend.h): a new document written through libharu.
 * Returns NULL with *why set (caller frees) on failure. */
hui_backend *hui_pdf_backend(const hui_doc_info *info, char **why);

typedef struct hui_pdf hui_pdf;

/* A new document. Returns NULL with *why set (caller frees) on failure. */
hui_pdf *hui_pdf_new(const hui_doc_info *info, char **why);
/* Writes one page (pages are numbered from 0 in the order added). The page can
 * be freed afterwards. Returns false with *why set on failure (the document is
 * then unusable). Fonts are loaded once per file and face index. */
bool hui_pdf_add_page(hui_pdf *pdf, const hui_dpage *page, char **why);
/* Writes a front-matter page: the first call's page goes before every page
 * added so far, the next after it, and so on (the front matter is composed
 * after the body, whose page numbers it shows). */
bool hui_pdf_add_front_page(hui_pdf *pdf, const hui_dpage *page, char **why);
/* A bookmark at level (0 = top) pointing to page index at y (top-down pt).
 * Levels nest under the last bookmark of the level above. */
bool hui_pdf_outline(hui_pdf *pdf, int level, const char *title, int page, double y, char **why);
/* Pages from page index `from` on are labelled in style, starting at first. */
bool hui_pdf_page_label(hui_pdf *pdf, int from, hui_label_style style, int first, char **why);
/* Writes the file to a temporary name beside path and renames it into place.
 * Returns false with *why set on failure (the reason, without the path: the
 * caller names the file); path is then untouched. */
bool hui_pdf_save(hui_pdf *pdf, const char *path, char **why);
/* Writes the file into fd, a file of the caller's open for writing (from
 * where it is; not synced, not closed); name names it in messages. False
 * with *why set on failure. Either save is done once. */
bool hui_pdf_save_fd(hui_pdf *pdf, int fd, const char *name, char **why);
/* Bytes libharu holds that were allocated on the calling thread (for the
 * benchmark's account of memory per page). */
size_t hui_pdf_thread_heap(void);
/* Pages added so far. */
size_t hui_pdf_pages(const hui_pdf *pdf);
void hui_pdf_free(hui_pdf *pdf); /* NULL-safe */
/* Frees the calling thread's deflate compressors, kept between pages. */
void hui_pdf_release(void);

#endif
