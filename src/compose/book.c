/* book: freeing a composed book and handing it to the PDF backend. */
#include "book.h"

#include <stdlib.h>

#include "../pdf.h"

static bool pdf_page(void *ctx, hui_dpage *page, bool front, char **why) {
  hui_pdf *pdf = ctx;
  return front ? hui_pdf_add_front_page(pdf, page, why) : hui_pdf_add_page(pdf, page, why);
}

hui_sink hui_pdf_sink(hui_pdf *pdf) { return (hui_sink){pdf, pdf_page}; }

hui_pdf *hui_book_pdf(const hui_book *b, const hui_doc_info *info, char **why) {
  hui_pdf *pdf = hui_pdf_new(info, why);
  for (size_t i = 0; pdf && i < b->npages; i++)
    if (!hui_pdf_add_page(pdf, b->pages[i], why)) {
      hui_pdf_free(pdf);
      pdf = NULL;
    }
  return pdf;
}

bool hui_book_write_pdf(const hui_book *b, const hui_doc_info *info, const char *path,
                        char **why) {
  hui_pdf *pdf = hui_book_pdf(b, info, why);
  bool ok = pdf && hui_book_finish_pdf(b, pdf, path, why);
  hui_pdf_free(pdf);
  return ok;
}

bool hui_book_finish_pdf(const hui_book *b, hui_pdf *pdf, const char *path, char **why) {
  bool ok = true;
  for (size_t i = 0; ok && i < b->noutlines; i++) {
    const hui_outline *o = &b->outlines[i];
    ok = hui_pdf_outline(pdf, o->level, o->title, (int)o->page, o->y, why);
  }
  if (ok && b->front > 0) ok = hui_pdf_page_label(pdf, 0, HUI_LABEL_ROMAN_LOWER, 1, why);
  size_t total = b->total > b->npages ? b->total : b->npages;
  if (ok && b->front < total)
    ok = hui_pdf_page_label(pdf, (int)b->front, HUI_LABEL_DECIMAL, 1, why);
  if (ok) ok = hui_pdf_save(pdf, path, why);
  return ok;
}
