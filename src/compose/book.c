/* book: a composed book — freeing it, sending it to a backend — and the page
 * master of a template, which every compose file of pages starts from. */
#include "book.h"

#include <stdlib.h>
#include <string.h>

#include "../image.h"

hui_page_spec hui_book_page_spec(const hui_template *t) {
  return (hui_page_spec){
      .page_w = t->page_w,
      .page_h = t->page_h,
      .top = t->margin_top,
      .bottom = t->margin_bottom,
      .inner = t->margin_inner,
      .outer = t->margin_outer,
      .mirror = t->mirror,
      .grid_chars = t->grid_chars,
      .grid_lines = t->grid_lines,
      .body_pt = t->body_pt,
      .leading_pt = t->leading_pt,
      .running_heads = t->running_heads,
      .head_pt = t->head_pt,
      .folio_pt = t->folio_pt,
      /* any style but "plain" is the dashed one, as the template's default */
      .folio_plain = t->folio_style && strcmp(t->folio_style, "plain") == 0,
      .recto_start = t->recto_start,
  };
}

void hui_book_free(hui_book *b) {
  if (!b) return;
  for (size_t i = 0; i < b->npages; i++) hui_dpage_free(b->pages[i]);
  free(b->pages);
  for (size_t i = 0; i < b->noutlines; i++) free(b->outlines[i].title);
  free(b->outlines);
  free(b->toc);
  for (size_t i = 0; i < b->nimages; i++) hui_image_free(b->images[i]);
  free(b->images);
  free(b);
}

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
