/* book: freeing a composed book and sending it to a backend. */
#include "book.h"

#include <stdlib.h>

bool hui_book_marks(const hui_book *b, hui_backend *out, char **why) {
  bool ok = true;
  for (size_t i = 0; ok && i < b->noutlines; i++) {
    const hui_outline *o = &b->outlines[i];
    ok = hui_backend_outline(out, o->level, o->title, o->page, o->y, why);
  }
  if (ok && b->front > 0) ok = hui_backend_label(out, 0, HUI_LABEL_ROMAN_LOWER, 1, why);
  size_t total = b->total > b->npages ? b->total : b->npages;
  if (ok && b->front < total) ok = hui_backend_label(out, b->front, HUI_LABEL_DECIMAL, 1, why);
  return ok;
}

bool hui_book_send(const hui_book *b, hui_backend *out, char **why) {
  bool ok = true;
  for (size_t i = 0; ok && i < b->npages; i++) ok = hui_backend_page(out, b->pages[i], false, why);
  return ok && hui_book_marks(b, out, why);
}
