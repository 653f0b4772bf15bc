/* pdf/content: a page's contents — the filled rectangles, the images (placed
 * by image.c), the rules and the text, each run of text one TJ in an Identity-H
 * font, in the display list's colours (CMYK as RGB in a PDF/A); the contents
 * are compressed as soon as the page is done and kept in a temporary file
 * until saving (spill.c). */
#include "pdf/pdf_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* Gaps that differ by less than this (pt) share one character spacing. */
#define GAP_EPS 0.001

static bool check_cp(hui_pdf *p, const hui_drun *run, uint32_t cp, char **why) {
  if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return hui_pdf_fail_msg(p, why,
                            hui_xasprintf("PDF: U+%04X cannot be drawn as text", (unsigned)cp));
  if (!hui_face_has(run->face, cp))
    return hui_pdf_fail_msg(p, why, hui_xasprintf("PDF: the font %s has no glyph for U+%04X",
                                                  hui_face_family(run->face), (unsigned)cp));
  return true;
}

/* A number in a content stream: at most 4 decimals, no trailing zeros, no
 * exponent (PDF has none), no "-0". */
void hui_pdf_put_num(hui_buf *b, double v) {
  long long x = llround(v * 10000.0);
  char tmp[32];
  size_t n = sizeof tmp;
  bool neg = x < 0;
  unsigned long long a = neg ? (unsigned long long)-x : (unsigned long long)x;
  unsigned frac = (unsigned)(a % 10000);
  a /= 10000;
  if (frac) {
    int digits = 4;
    while (frac % 10 == 0) frac /= 10, digits--;
    for (int i = 0; i < digits; i++) tmp[--n] = (char)('0' + frac % 10), frac /= 10;
    tmp[--n] = '.';
  }
  do tmp[--n] = (char)('0' + a % 10), a /= 10;
  while (a);
  if (neg) tmp[--n] = '-';
  hui_buf_add(b, tmp + n, sizeof tmp - n);
}

void hui_pdf_put_op(hui_buf *out, const double *v, int n, const char *op) {
  for (int i = 0; i < n; i++) {
    hui_pdf_put_num(out, v[i]);
    hui_buf_putc(out, ' ');
  }
  hui_buf_puts(out, op);
  hui_buf_putc(out, '\n');
}

/* --- colour ---------------------------------------------------------------
 * A display-list colour (dlist.h) is written in its own space: gray as g/G
 * (so pages without colour have the bytes they always had), RGB as rg/RG,
 * CMYK as k/K. PDF/A-1 allows a device colour space only when the output
 * intent has it (ISO 19005-1, 6.2.3.3): the archive's intent is sRGB, so
 * DeviceGray and DeviceRGB may be used there but DeviceCMYK may not, and a
 * PDF/A gets every CMYK colour as RGB, converted the naive way, without a
 * profile, as image.c converts CMYK photos:
 *   R = (1 - C)(1 - K),  G = (1 - M)(1 - K),  B = (1 - Y)(1 - K).
 * It prints lighter and less saturated than a press's CMYK would; a colour
 * that matters should be given in RGB to begin with. */

/* The colour as this document writes it. */
static hui_color device_color(const hui_pdf *p, hui_color c) {
  if (c.space != HUI_COLOR_CMYK || !p->pdfa) return c;
  double k = 1.0 - c.c[3];
  return hui_rgb((1.0 - c.c[0]) * k, (1.0 - c.c[1]) * k, (1.0 - c.c[2]) * k);
}

/* The operator that sets c (a device colour) for filling (g, rg, k) or, with
 * stroke, for stroking (G, RG, K), as content-stream text. */
static void put_color(hui_buf *out, hui_color c, bool stroke) {
  static const char *const OPS[3][2] = {{"g", "G"}, {"rg", "RG"}, {"k", "K"}};
  int n = c.space == HUI_COLOR_GRAY ? 1 : c.space == HUI_COLOR_RGB ? 3 : 4;
  double v[4] = {c.c[0], c.c[1], c.c[2], c.c[3]};
  hui_pdf_put_op(out, v, n, OPS[c.space][stroke]);
}

/* The text state of the page being written, to skip redundant operators. */
typedef struct text_state {
  size_t font; /* index into the fonts (the array may move as fonts are added); SIZE_MAX: none */
  double size, tc;
  hui_color color; /* the fill colour, as written (device_color) */
  bool placed;  /* a text line origin is set: (lx, ly) */
  double lx, ly;
} text_state;

/* Appends one CID to a literal string as its Identity-H code, two bytes:
 * binary, with the three characters a literal string escapes, and CR (which
 * a reader would take for an end of line). Shorter codes under an encoding
 * CMap of our own (one byte for a subset's first 127 glyphs) made a
 * compendium of 500 3 % smaller and the sample one 0.4 %, but MuPDF (1.21,
 * Debian 12's) checks the ToUnicode CMap, once re-keyed by CID, against the
 * encoding's codespace, and so lost the text of every glyph whose CID was not
 * also its code; Identity-H is read alike by every reader (tests/e2e/readers.py). */
static void put_cid(hui_buf *b, unsigned cid) {
  unsigned char c[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
  for (int k = 0; k < 2; k++) {
    if (c[k] == '(' || c[k] == ')' || c[k] == '\\') {
      hui_buf_putc(b, '\\');
      hui_buf_putc(b, (char)c[k]);
    } else if (c[k] == '\r') {
      hui_buf_puts(b, "\\r");
    } else {
      hui_buf_putc(b, (char)c[k]);
    }
  }
}

/* Writes one run into the page's text object as one TJ: the character
 * spacing (Tc) is the commonest gap between its glyphs (position minus
 * advance: justification, Han–Latin spacing), and each glyph whose gap
 * differs (a squeezed or pushed punctuation mark) gets a kern in the array.
 * The run is placed by a Td from the line's start, tracked as the reader
 * computes it from the numbers written, so rounding never accumulates. */
static bool draw_run(hui_pdf *p, double page_h, const hui_dpage *dp,
                     const hui_drun *run, text_state *ts, hui_buf *out, char **why) {
  font_slot *s = hui_pdf_font_get(p, run->face, why);
  if (!s) return false;
  if (run->count == 0) return true;
  const hui_dglyph *g = dp->glyphs + run->first;
  /* a run is a line's glyphs of one font: on the stack unless it is long */
  enum { SHORT_RUN = 96 };
  unsigned cid_short[SHORT_RUN];
  double adv_short[SHORT_RUN];
  bool heap = run->count > SHORT_RUN;
  unsigned *cid = heap ? hui_xmalloc(run->count * sizeof *cid) : cid_short;
  double *adv = heap ? hui_xmalloc(run->count * sizeof *adv) : adv_short;
  for (size_t i = 0; i < run->count; i++) {
    char *err = NULL;
    if (!check_cp(p, run, g[i].cp, why) || !(cid[i] = hui_subset_cid(s->sub, g[i].cp, &err))) {
      if (err) hui_pdf_fail_msg(p, why, hui_xasprintf("PDF: %s", err));
      free(err);
      if (heap) {
        free(cid);
        free(adv);
      }
      return false;
    }
    adv[i] = hui_subset_width(s->sub, cid[i]) * run->size / 1000.0;
  }
  size_t fi = (size_t)(s - p->fonts);
  if (fi != ts->font || run->size != ts->size) {
    hui_buf_putc(out, '/');
    hui_buf_puts(out, s->name);
    hui_buf_putc(out, ' ');
    hui_pdf_put_num(out, run->size);
    hui_buf_puts(out, " Tf\n");
    ts->font = fi;
    ts->size = run->size;
  }
  hui_color color = device_color(p, run->color);
  if (!hui_color_eq(color, ts->color)) {
    put_color(out, color, false);
    ts->color = color;
  }
  /* Tc: the commonest gap, found among the first few distinct ones (a run
   * is one line's glyphs of one font); the current Tc wins ties. */
  double tc = ts->tc;
  size_t best = 0;
  for (size_t i = 0; i + 1 < run->count; i++)
    if (fabs(g[i + 1].x - g[i].x - adv[i] - ts->tc) <= GAP_EPS) best++;
  for (size_t i = 0, tried = 0; i + 1 < run->count && tried < 8 && best * 2 < run->count - 1; i++) {
    double gap = g[i + 1].x - g[i].x - adv[i];
    if (fabs(gap - tc) <= GAP_EPS) continue;
    tried++;
    size_t c = 0;
    for (size_t k = 0; k + 1 < run->count; k++)
      if (fabs(g[k + 1].x - g[k].x - adv[k] - gap) <= GAP_EPS) c++;
    if (c > best) best = c, tc = gap;
  }
  tc = round(tc * 1e4) / 1e4; /* as written */
  if (tc != ts->tc) {
    hui_pdf_put_op(out, &tc, 1, "Tc");
    ts->tc = tc;
  }
  /* the run's start: Td from the line's start, to 0.01 pt, as the reader
   * computes it from the numbers written (the kerns below make up for it) */
  double y = page_h - run->y;
  if (ts->placed) {
    double dx = round((g[0].x - ts->lx) * 100) / 100, dy = round((y - ts->ly) * 100) / 100;
    hui_pdf_put_op(out, (double[2]){dx, dy}, 2, "Td");
    ts->lx += dx;
    ts->ly += dy;
  } else {
    double x0 = round(g[0].x * 100) / 100, y0 = round(y * 100) / 100;
    hui_pdf_put_op(out, (double[6]){1, 0, 0, 1, x0, y0}, 6, "Tm");
    ts->lx = x0;
    ts->ly = y0;
    ts->placed = true;
  }
  /* The glyphs: where the reader's pen (from the advance and Tc) would put
   * a glyph elsewhere than layout did, a kern in thousandths of an em. The
   * pen is followed as the reader computes it, kerns rounded as written. */
  hui_buf_puts(out, "[(");
  double pen = ts->lx;
  for (size_t i = 0; i < run->count; i++) {
    double off = g[i].x - pen;
    if (i > 0) {
      /* whole thousandths of an em: within 0.006 pt at 12 pt */
      double k = round(-off * 1000.0 / run->size);
      if (k != 0) {
        hui_buf_putc(out, ')');
        hui_pdf_put_num(out, k);
        hui_buf_putc(out, '(');
        pen -= k * run->size / 1000.0;
      }
    }
    put_cid(out, cid[i]);
    pen += adv[i] + tc;
  }
  hui_buf_puts(out, ")]TJ\n");
  if (heap) {
    free(cid);
    free(adv);
  }
  return true;
}

/* Compresses a finished page's contents at once, as libharu would only
 * when saving, and moves them out of memory into the document's temporary
 * file (spill.c): libharu keeps the whole document in memory until then, and
 * a page's contents were most of what a page cost there (memory per page,
 * not per document, is what an edition of 2,000 articles needs). */
static bool pack_contents(hui_pdf *p, HPDF_Page page, const hui_buf *raw, char **why) {
  HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
  hui_pdf_list_trim(page->list); /* the page has all its entries now */
  if (!raw->len || !attr->contents) return true;
  size_t zlen = 0;
  unsigned char *z = hui_pdf_deflate_fast(raw->data, raw->len, &zlen);
  if (!z) return hui_pdf_fail_msg(p, why, hui_xstrdup("PDF: cannot compress a page's contents"));
  bool ok = hui_pdf_spill_contents(p, attr->contents, z, zlen, why);
  free(z);
  if (!ok) return false;
  attr->stream = attr->contents->stream;
  /* deflated already: copied as it is, its /Filter put back */
  attr->contents->filter = HPDF_STREAM_FILTER_NONE;
  attr->contents->write_fn = hui_pdf_flate_filter;
  hui_pdf_list_trim(attr->contents->list); /* and its contents too */
  return true;
}

/* The page's filled rectangles, under everything else, inside q … Q: the
 * fill colour they set must not leak into the text object, which starts
 * from black (draw_run's text_state). */
static void draw_fills(hui_pdf *p, const hui_dpage *dp, hui_buf *out) {
  hui_buf_puts(out, "q\n");
  hui_color last = hui_gray(0);
  for (size_t i = 0; i < dp->nfills; i++) {
    const hui_dfill *f = &dp->fills[i];
    hui_color c = device_color(p, f->color);
    if (i == 0 || !hui_color_eq(c, last)) put_color(out, c, false);
    last = c;
    double r[4] = {f->x, dp->height - f->y - f->h, f->w, f->h};
    hui_pdf_put_op(out, r, 4, "re f");
  }
  hui_buf_puts(out, "Q\n");
}

/* The page's rules: butt ends, the width and the stroking colour written
 * when they change. A page starts with a width of 1 and a black stroke. */
static void draw_rules(hui_pdf *p, const hui_dpage *dp, hui_buf *out) {
  double h = dp->height, width = 1;
  hui_color stroke = hui_gray(0);
  hui_buf_puts(out, "0 J\n");
  for (size_t i = 0; i < dp->nrules; i++) {
    const hui_drule *r = &dp->rules[i];
    double w = round(r->width * 1e4) / 1e4; /* as written */
    if (w != width) hui_pdf_put_op(out, &w, 1, "w");
    width = w;
    hui_color c = device_color(p, r->color);
    if (!hui_color_eq(c, stroke)) put_color(out, c, true);
    stroke = c;
    double from[2] = {r->x0, h - r->y0}, to[2] = {r->x1, h - r->y1};
    hui_pdf_put_op(out, from, 2, "m");
    hui_pdf_put_op(out, to, 2, "l S");
  }
}

static bool draw_content(hui_pdf *p, const hui_dpage *dp, hui_buf *out, char **why);

/* The page placed under dp (a poster under its tile): clipped to the
 * window, moved by (dx, dy) — in PDF's upward y, a translation by dx and
 * H - h - dy, where H is the tile's height and h the placed page's. */
static bool draw_placed(hui_pdf *p, const hui_dpage *dp, hui_buf *out, char **why) {
  const hui_dplace *pl = &dp->place;
  double clip[4] = {pl->x, dp->height - pl->y - pl->h, pl->w, pl->h};
  double cm[6] = {1, 0, 0, 1, pl->dx, dp->height - pl->page->height - pl->dy};
  hui_buf_puts(out, "q\n");
  hui_pdf_put_op(out, clip, 4, "re W n");
  hui_pdf_put_op(out, cm, 6, "cm");
  if (!draw_content(p, pl->page, out, why)) return false;
  hui_buf_puts(out, "Q\n");
  return true;
}

bool hui_pdf_draw_page(hui_pdf *p, HPDF_Page page, const hui_dpage *dp, char **why) {
  hui_buf out = {0};
  bool ok = (!dp->place.page || draw_placed(p, dp, &out, why)) && draw_content(p, dp, &out, why) &&
            pack_contents(p, page, &out, why);
  hui_buf_free(&out);
  return ok;
}

/* The page's fills, images, rules and text (not what is placed under it). */
static bool draw_content(hui_pdf *p, const hui_dpage *dp, hui_buf *out, char **why) {
  double h = dp->height;
  if (dp->nfills) draw_fills(p, dp, out);
  for (size_t i = 0; i < dp->nimages; i++)
    if (!hui_pdf_image_draw(p, out, h, &dp->images[i], why)) return false;
  if (dp->nrules) draw_rules(p, dp, out);
  if (dp->nruns) {
    /* A page starts with no font, black fill and no character spacing. */
    text_state ts = {SIZE_MAX, 0, 0, hui_gray(0), false, 0, 0};
    hui_buf_puts(out, "BT\n");
    for (size_t i = 0; i < dp->nruns; i++)
      if (!draw_run(p, h, dp, &dp->runs[i], &ts, out, why)) return false;
    hui_buf_puts(out, "ET\n");
  }
  return true;
}
