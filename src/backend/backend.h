/* backend: where composed pages go — the one interface every paged output
 * writes through (the PDF writer, the text trace, and any later one).
 *
 * A backend is one document being written. Pages arrive as a compose file
 * makes them: the body first, then the front matter (made last because the
 * contents show the body's page numbers), which belongs in front of the
 * body in its own order. Then come bookmarks and page labels, and finish
 * writes the file (atomically: a temporary name, then a rename). Every
 * operation but finish may be left out of a backend (NULL): it then does
 * nothing, as an output that has no bookmarks needs none. A page is only lent
 * for the call. */
#ifndef HUI_BACKEND_H
#define HUI_BACKEND_H

#include <stdbool.h>
#include <stddef.h>

#include "../layout/dlist.h"

typedef enum { HUI_LABEL_DECIMAL, HUI_LABEL_ROMAN_LOWER } hui_label_style;

typedef struct hui_backend_ops {
  const char *name; /* "pdf", "trace" */
  /* A page; front: a front-matter page (see above). */
  bool (*page)(void *self, const hui_dpage *page, bool front, char **why);
  /* A bookmark at level (0 = top) to page index page (in final order) at y
   * (top-down pt); levels nest under the last bookmark of the level above. */
  bool (*outline)(void *self, int level, const char *title, size_t page, double y, char **why);
  /* Pages from index from on are labelled in style, counting from first. */
  bool (*label)(void *self, size_t from, hui_label_style style, int first, char **why);
  /* Writes the document to path. */
  bool (*finish)(void *self, const char *path, char **why);
  /* Frees the document, written or not. */
  void (*free)(void *self);
  /* Writes the document into fd, an open file of the caller's (name names
   * it in messages); NULL in a backend that writes only to a path. */
  bool (*finish_fd)(void *self, int fd, const char *name, char **why);
} hui_backend_ops;

typedef struct hui_backend {
  const hui_backend_ops *ops;
  void *self;
} hui_backend;

/* Each returns false with *why set (caller frees) when the backend fails;
 * a backend without the operation succeeds. */
bool hui_backend_page(hui_backend *b, const hui_dpage *page, bool front, char **why);
bool hui_backend_outline(hui_backend *b, int level, const char *title, size_t page, double y,
                         char **why);
bool hui_backend_label(hui_backend *b, size_t from, hui_label_style style, int first, char **why);
bool hui_backend_finish(hui_backend *b, const char *path, char **why);
/* Whether b can finish into a file descriptor; hui_backend_finish_fd does
 * so (a backend that cannot fails). A document is finished once. */
bool hui_backend_can_finish_fd(const hui_backend *b);
bool hui_backend_finish_fd(hui_backend *b, int fd, const char *name, char **why);
/* Frees the backend and its document (NULL-safe). */
void hui_backend_free(hui_backend *b);

/* A new backend of ops over self (which it then owns). */
hui_backend *hui_backend_new(const hui_backend_ops *ops, void *self);

/* Sends every operation to both a and b (either may be NULL), which it
 * owns; finish writes a to path and b to the file named name_b in path's
 * folder. Used to write the PDF and the trace of one composition. */
hui_backend *hui_backend_tee(hui_backend *a, hui_backend *b, const char *name_b);

/* A backend that drops every page (a check that wants what composing finds,
 * not the pages: they are freed as they are made). Its finish writes nothing
 * and fails, so that no output can be lost to it unnoticed. */
hui_backend *hui_null_backend(void);

/* A document written ahead into a scratch file (hui_scratch_file), to be
 * put in its place later: what the document holds can leave memory as soon
 * as it is complete, before the folder it goes into exists. */
typedef struct hui_spool hui_spool;
/* Writes b's document (which must be able to, hui_backend_can_finish_fd)
 * into a new scratch file; b is finished but not freed. NULL with *why set
 * (caller frees; it names the scratch folder, name the document). */
hui_spool *hui_backend_spool(hui_backend *b, const char *name, char **why);
/* Writes the spooled file to path (through a temporary name beside it,
 * synced, then renamed: path is the old file or the new one, never a
 * part). False with *why set (the reason; the caller names path). May be
 * placed more than once. */
bool hui_spool_place(const hui_spool *s, const char *path, char **why);
void hui_spool_free(hui_spool *s); /* NULL-safe */

/* The trace backend (trace.c): the display list as text, one block per
 * page with its lines of glyphs, rules, images and the paragraph lines the
 * compose file noted, then the bookmarks; for golden tests and people. */
hui_backend *hui_trace_backend(void);

#endif
