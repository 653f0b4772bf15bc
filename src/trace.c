/* trace: the text backend — writes a book's display list as plain text so
 * layout can be tested with golden files and read by people.
 *
 *   page 3 (body 1) 595.28x841.89
 *     line y=141.73 x=79.97..520.97 扎根基层二十年…
 *     rule 79.97,110.20 520.97,110.20 w=0.50
 *     image x=… y=… w=… h=…
 *
 * A line is every glyph on one baseline, in x order; x1 is the right edge of
 * the last glyph's advance box. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "compose/book.h"

typedef struct tglyph {
  double y, x, right;
  uint32_t cp;
} tglyph;

static int cmp_glyph(const void *a, const void *b) {
  const tglyph *p = a, *q = b;
  if (p->y != q->y) return p->y < q->y ? -1 : 1;
  if (p->x != q->x) return p->x < q->x ? -1 : 1;
  return 0;
}

static void trace_page(const hui_dpage *pg, FILE *out) {
  tglyph *gs = hui_xmalloc((pg->nglyphs + 1) * sizeof *gs);
  size_t n = 0;
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    for (size_t k = 0; k < run->count; k++) {
      const hui_dglyph *g = &pg->glyphs[run->first + k];
      double adv = hui_face_advance(run->face, g->cp) * run->size;
      gs[n++] = (tglyph){run->y, g->x, g->x + adv, g->cp};
    }
  }
  qsort(gs, n, sizeof *gs, cmp_glyph);
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    hui_buf text = {0};
    double right = gs[i].right;
    while (j < n && gs[j].y - gs[i].y < 0.01) {
      hui_buf_utf8(&text, gs[j].cp);
      if (gs[j].right > right) right = gs[j].right;
      j++;
    }
    fprintf(out, "  line y=%.2f x=%.2f..%.2f %s\n", gs[i].y, gs[i].x, right, text.data);
    hui_buf_free(&text);
    i = j;
  }
  free(gs);
  for (size_t r = 0; r < pg->nrules; r++) {
    const hui_drule *ru = &pg->rules[r];
    fprintf(out, "  rule %.2f,%.2f %.2f,%.2f w=%.2f\n", ru->x0, ru->y0, ru->x1, ru->y1, ru->width);
  }
  for (size_t m = 0; m < pg->nimages; m++) {
    const hui_dimage *im = &pg->images[m];
    fprintf(out, "  image x=%.2f y=%.2f w=%.2f h=%.2f", im->x, im->y, im->w, im->h);
    if (im->orientation != 1) fprintf(out, " orientation=%d", im->orientation);
    fputc('\n', out);
  }
}

static const char *KINDS[] = {"other", "body", "heading", "title"};

void hui_trace_write(const hui_book *b, FILE *out) {
  size_t li = 0;
  for (size_t i = 0; i < b->npages; i++) {
    const hui_dpage *pg = b->pages[i];
    if (i < b->front)
      fprintf(out, "page %zu (front %zu) %.2fx%.2f\n", i + 1, i + 1, pg->width, pg->height);
    else
      fprintf(out, "page %zu (body %zu) %.2fx%.2f\n", i + 1, i + 1 - b->front, pg->width, pg->height);
    trace_page(pg, out);
    /* Paragraph lines as placed: grid line, paragraph, line of lines. */
    for (; li < b->nlines && b->lines[li].page <= i; li++) {
      const hui_bline *l = &b->lines[li];
      if (l->page != i) continue;
      fprintf(out, "  para k=%d p=%zu %zu/%zu %s%s x=%.2f y=%.2f w=%.2f right=%.2f\n", l->grid,
              l->para, l->line + 1, l->nlines, KINDS[l->kind], l->justified ? " justified" : "",
              l->x, l->y, l->width, l->left + l->measure);
    }
  }
  for (size_t i = 0; i < b->noutlines; i++) {
    const hui_outline *o = &b->outlines[i];
    fprintf(out, "outline %d page=%zu %s\n", o->level, o->page + 1, o->title);
  }
}
