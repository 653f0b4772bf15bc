/* trace: the text backend — writes the display list as plain text so layout
 * can be tested with golden files and read by people.
 *
 *   page 3 (body 1) 595.28x841.89
 *     line y=141.73 x=79.97..520.97 扎根基层二十年…
 *     rule 79.97,110.20 520.97,110.20 w=0.50
 *     fill x=… y=… w=… h=… color=rgb(0.8,0.1,0.1)
 *     image x=… y=… w=… h=… clip=x,y,w,h
 *     place 1683.78x2383.94 dx=… dy=… window x=… y=… w=… h=…
 *     para k=0 p=12 1/3 body justified x=… y=… w=… right=… gap=0.031
 *     para k=1 p=12 2/3 body justified x=… y=… w=… right=… gap=0.02 gave=unit instead=loose
 *   outline 0 page=3 一等奖
 *
 * A line is every glyph on one baseline, in x order; x1 is the right edge of
 * the last glyph's advance box. A "para" line is a paragraph line the compose
 * file noted (hui_dline), in grid order. A colour is named only when it is
 * not black (gray 0, dlist.h), so a trace of black pages reads as it did
 * before colour: gray(0.5), rgb(r,g,b) or cmyk(c,m,y,k); a line whose glyphs
 * differ in colour names each stretch, color=black*4,rgb(1,0,0)*2 (glyphs in
 * x order). A cropped image names its clip; a page placed under another (a
poster under its tile) is one "place" line with its size, its offset and
the window it shows, not its content again. Each page's text is made when the
 * page arrives (its display list is then freed by the caller); the file is
 * written at the end, front matter first, as the pages are numbered. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "backend.h"

typedef struct tglyph {
  double y, x, right;
  uint32_t cp;
  hui_color color;
} tglyph;

static int cmp_glyph(const void *a, const void *b) {
  const tglyph *p = a, *q = b;
  if (p->y != q->y) return p->y < q->y ? -1 : 1;
  if (p->x != q->x) return p->x < q->x ? -1 : 1;
  return 0;
}

static const char *KINDS[] = {"other", "body", "heading", "title"};

static void put_color(hui_buf *out, hui_color c) {
  if (hui_color_is_black(c)) {
    hui_buf_puts(out, "black");
    return;
  }
  static const char *const SPACES[] = {"gray", "rgb", "cmyk"};
  int n = c.space == HUI_COLOR_GRAY ? 1 : c.space == HUI_COLOR_RGB ? 3 : 4;
  hui_buf_printf(out, "%s(", SPACES[c.space]);
  for (int i = 0; i < n; i++) hui_buf_printf(out, "%s%g", i ? "," : "", (double)c.c[i]);
  hui_buf_putc(out, ')');
}

/* " color=…" after an item that is not black. */
static void put_item_color(hui_buf *out, hui_color c) {
  if (hui_color_is_black(c)) return;
  hui_buf_puts(out, " color=");
  put_color(out, c);
}

/* " color=…" after a line of glyphs gs[0..n) (in x order) with any glyph
 * that is not black: one colour, or each stretch of one with its length. */
static void put_line_color(hui_buf *out, const tglyph *gs, size_t n) {
  bool uniform = true, black = true;
  for (size_t i = 0; i < n; i++) {
    uniform = uniform && hui_color_eq(gs[i].color, gs[0].color);
    black = black && hui_color_is_black(gs[i].color);
  }
  if (black) return;
  hui_buf_puts(out, " color=");
  if (uniform) {
    put_color(out, gs[0].color);
    return;
  }
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && hui_color_eq(gs[j].color, gs[i].color)) j++;
    if (i) hui_buf_putc(out, ',');
    put_color(out, gs[i].color);
    hui_buf_printf(out, "*%zu", j - i);
    i = j;
  }
}

/* " gap=…" (the em added at each junction of a justified line, when any) and
 * " gave=… instead=…" (the rules the paragraph breaker let go on the line, and
 * what keeping them would have broken: docs/typography.md, "Total fit"). */
static void put_rules(hui_buf *out, const char *key, unsigned bits) {
  static const char *const NAMES[] = {"unit", "operator", "orphan", "loose", "forced", "none"};
  if (!bits) return;
  hui_buf_printf(out, " %s=", key);
  const char *sep = "";
  for (size_t i = 0; i < sizeof NAMES / sizeof *NAMES; i++)
    if (bits & (1u << i)) {
      hui_buf_printf(out, "%s%s", sep, NAMES[i]);
      sep = ",";
    }
}

static void put_para_line(hui_buf *out, const hui_dline *l) {
  hui_buf_printf(out, "  para k=%d p=%zu %zu/%zu %s%s x=%.2f y=%.2f w=%.2f right=%.2f", l->grid,
                 l->para, l->line + 1, l->nlines, KINDS[l->kind], l->justified ? " justified" : "",
                 l->x, l->y, l->width, l->left + l->measure);
  if (l->justified && l->gap >= 0.0005) hui_buf_printf(out, " gap=%.3f", l->gap);
  put_rules(out, "gave", l->gave);
  if (l->gave) put_rules(out, "instead", l->instead);
  hui_buf_putc(out, '\n');
}

/* The page's lines, rules, images and noted paragraph lines, as text. */
static void trace_page(const hui_dpage *pg, hui_buf *out) {
  tglyph *gs = hui_xmalloc((pg->nglyphs + 1) * sizeof *gs);
  size_t n = 0;
  for (size_t r = 0; r < pg->nruns; r++) {
    const hui_drun *run = &pg->runs[r];
    for (size_t k = 0; k < run->count; k++) {
      const hui_dglyph *g = &pg->glyphs[run->first + k];
      double adv = hui_face_advance(run->face, g->cp) * run->size;
      gs[n++] = (tglyph){run->y, g->x, g->x + adv, g->cp, run->color};
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
    hui_buf_printf(out, "  line y=%.2f x=%.2f..%.2f %s", gs[i].y, gs[i].x, right,
                   text.data ? text.data : "");
    put_line_color(out, gs + i, j - i);
    hui_buf_putc(out, '\n');
    hui_buf_free(&text);
    i = j;
  }
  free(gs);
  for (size_t r = 0; r < pg->nrules; r++) {
    const hui_drule *ru = &pg->rules[r];
    hui_buf_printf(out, "  rule %.2f,%.2f %.2f,%.2f w=%.2f", ru->x0, ru->y0, ru->x1, ru->y1, ru->width);
    put_item_color(out, ru->color);
    hui_buf_putc(out, '\n');
  }
  for (size_t f = 0; f < pg->nfills; f++) {
    const hui_dfill *fi = &pg->fills[f];
    hui_buf_printf(out, "  fill x=%.2f y=%.2f w=%.2f h=%.2f", fi->x, fi->y, fi->w, fi->h);
    put_item_color(out, fi->color);
    hui_buf_putc(out, '\n');
  }
  for (size_t m = 0; m < pg->nimages; m++) {
    const hui_dimage *im = &pg->images[m];
    hui_buf_printf(out, "  image x=%.2f y=%.2f w=%.2f h=%.2f", im->x, im->y, im->w, im->h);
    if (im->orientation != 1) hui_buf_printf(out, " orientation=%d", im->orientation);
    if (im->clip) hui_buf_printf(out, " clip=%.2f,%.2f,%.2f,%.2f", im->cx, im->cy, im->cw, im->ch);
    hui_buf_putc(out, '\n');
  }
  const hui_dplace *pl = &pg->place;
  if (pl->page)
    hui_buf_printf(out, "  place %.2fx%.2f dx=%.3f dy=%.3f window x=%.2f y=%.2f w=%.2f h=%.2f\n",
                   pl->page->width, pl->page->height, pl->dx, pl->dy, pl->x, pl->y, pl->w, pl->h);
  /* noted lines in grid order (a stable insertion sort: few per page) */
  size_t nl = pg->nlines;
  const hui_dline **ls = hui_xmalloc((nl + 1) * sizeof *ls);
  for (size_t k = 0; k < nl; k++) {
    size_t at = k;
    while (at > 0 && ls[at - 1]->grid > pg->lines[k].grid) {
      ls[at] = ls[at - 1];
      at--;
    }
    ls[at] = &pg->lines[k];
  }
  for (size_t k = 0; k < nl; k++) put_para_line(out, ls[k]);
  free(ls);
}

typedef struct tpage {
  char *text;
  double width, height;
} tpage;

typedef struct trace {
  tpage *body, *front;
  size_t nbody, capbody, nfront, capfront;
  hui_buf outlines;
} trace;

static bool trace_page_op(void *self, const hui_dpage *page, bool front, char **why) {
  (void)why;
  trace *t = self;
  tpage *p = front ? HUI_PUSH(t->front, t->nfront, t->capfront) : HUI_PUSH(t->body, t->nbody, t->capbody);
  hui_buf b = {0};
  trace_page(page, &b);
  p->text = hui_buf_take(&b);
  p->width = page->width;
  p->height = page->height;
  return true;
}

static bool trace_outline(void *self, int level, const char *title, size_t page, double y, char **why) {
  (void)y, (void)why;
  trace *t = self;
  hui_buf_printf(&t->outlines, "outline %d page=%zu %s\n", level, page + 1, title);
  return true;
}

static bool trace_finish(void *self, const char *path, char **why) {
  trace *t = self;
  hui_buf b = {0};
  for (size_t i = 0; i < t->nfront + t->nbody; i++) {
    bool front = i < t->nfront;
    const tpage *p = front ? &t->front[i] : &t->body[i - t->nfront];
    hui_buf_printf(&b, "page %zu (%s %zu) %.2fx%.2f\n", i + 1, front ? "front" : "body",
                   front ? i + 1 : i + 1 - t->nfront, p->width, p->height);
    hui_buf_puts(&b, p->text);
  }
  if (t->outlines.len) hui_buf_puts(&b, t->outlines.data);
  bool ok = hui_write_atomic(path, b.data ? b.data : "", b.len);
  if (!ok) *why = hui_xasprintf("%s", strerror(errno));
  hui_buf_free(&b);
  return ok;
}

static void trace_free(void *self) {
  trace *t = self;
  for (size_t i = 0; i < t->nbody; i++) free(t->body[i].text);
  for (size_t i = 0; i < t->nfront; i++) free(t->front[i].text);
  free(t->body);
  free(t->front);
  hui_buf_free(&t->outlines);
  free(t);
}

static const hui_backend_ops TRACE = {"trace", trace_page_op, trace_outline, NULL, trace_finish,
                                      trace_free, NULL};

hui_backend *hui_trace_backend(void) { return hui_backend_new(&TRACE, hui_xcalloc(1, sizeof(trace))); }
