/* charstring: the subroutines a Type 2 charstring calls are found through
 * nested calls, whatever the INDEX's bias; a hintmask's mask bytes are not
 * read as operators; an arithmetic operator, a call nested too deep and a
 * malformed INDEX are refused; a call whose number was left by a
 * subroutine is said to be loose; and a glyph written again with only the
 * called subroutines, numbered again, draws as before. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "pdf/charstring.h"

/* An INDEX of count items with offSize 4; item i is item(i, ctx). */
typedef void (*item_fn)(unsigned i, hui_buf *b);

static uint8_t *make_index(unsigned count, item_fn item, size_t *len) {
  hui_buf data = {0};
  uint32_t *off = hui_xmalloc((count + 1) * sizeof *off);
  for (unsigned i = 0; i < count; i++) {
    off[i] = (uint32_t)data.len + 1;
    item(i, &data);
  }
  off[count] = (uint32_t)data.len + 1;
  *len = 3 + 4 * ((size_t)count + 1) + data.len;
  uint8_t *p = hui_xmalloc(*len);
  p[0] = (uint8_t)(count >> 8), p[1] = (uint8_t)count, p[2] = 4;
  for (unsigned i = 0; i <= count; i++)
    for (int j = 0; j < 4; j++) p[3 + 4 * i + (unsigned)j] = (uint8_t)(off[i] >> (24 - 8 * j));
  memcpy(p + 3 + 4 * ((size_t)count + 1), data.data, data.len);
  free(off);
  hui_buf_free(&data);
  return p;
}

/* A Type 2 number (the forms of -1131..1131 and shortint). */
static void num(hui_buf *b, long v) {
  uint8_t w[3];
  size_t n;
  if (v >= -107 && v <= 107) {
    w[0] = (uint8_t)(v + 139), n = 1;
  } else if (v >= 108 && v <= 1131) {
    w[0] = (uint8_t)((v - 108) / 256 + 247), w[1] = (uint8_t)((v - 108) % 256), n = 2;
  } else if (v <= -108 && v >= -1131) {
    w[0] = (uint8_t)((-v - 108) / 256 + 251), w[1] = (uint8_t)((-v - 108) % 256), n = 2;
  } else {
    w[0] = 28, w[1] = (uint8_t)((uint16_t)v >> 8), w[2] = (uint8_t)v, n = 3;
  }
  hui_buf_add(b, w, n);
}

static void op(hui_buf *b, unsigned o) { hui_buf_putc(b, (char)o); }

/* Global subroutine i of the first set: draws a line of its own, except
 * 250, which calls 7 first. */
static void global_item(unsigned i, hui_buf *b) {
  if (i == 250) num(b, 7 - 107), op(b, 29);
  num(b, (long)(i % 100) - 50), num(b, (long)(i / 100)), op(b, 5), op(b, 11);
}

/* Local subroutine i of a set of 2,000 (bias 1131). */
static void local_item(unsigned i, hui_buf *b) {
  num(b, (long)(i % 200) - 100), num(b, 3), op(b, 5), op(b, 11);
}

static uint8_t *g_mark, *l_mark;

static bool flat_same(const uint8_t *a, size_t an, const hui_cff_items *ga, const hui_cff_items *la,
                      const uint8_t *b, size_t bn, const hui_cff_items *gb,
                      const hui_cff_items *lb) {
  hui_buf x = {0}, y = {0};
  bool ok = hui_cs_flatten(a, an, ga, la, &x) && hui_cs_flatten(b, bn, gb, lb, &y) &&
            x.len == y.len && x.len > 0 && memcmp(x.data, y.data, x.len) == 0;
  if (!ok)
    fprintf(stderr, "  before: %.*s\n  after:  %.*s\n", (int)x.len, x.data, (int)y.len, y.data);
  hui_buf_free(&x);
  hui_buf_free(&y);
  return ok;
}

int main(void) {
  size_t glen, llen;
  uint8_t *gidx = make_index(300, global_item, &glen);
  uint8_t *lidx = make_index(2000, local_item, &llen);
  hui_cff_items gx, lx;
  CHECK(hui_cff_items_read(gidx, glen, &gx) && gx.count == 300 && gx.len == glen);
  CHECK(hui_cff_items_read(lidx, llen, &lx) && lx.count == 2000);
  CHECK_INT(hui_cs_bias(300), 107);
  CHECK_INT(hui_cs_bias(2000), 1131);
  CHECK_INT(hui_cs_bias(40000), 32768);

  /* A glyph calling global 250 (which calls 7), global 5, local 1999 and
   * local 0: those five are marked, and the calls found are the five. */
  hui_buf gl = {0};
  num(&gl, 10), num(&gl, 20), op(&gl, 21);
  num(&gl, 250 - 107), op(&gl, 29);
  num(&gl, 5 - 107), op(&gl, 29);
  num(&gl, 1999 - 1131), op(&gl, 10);
  num(&gl, 0 - 1131), op(&gl, 10);
  op(&gl, 14);
  g_mark = hui_xcalloc(gx.count, 1);
  l_mark = hui_xcalloc(lx.count, 1);
  hui_cs_calls calls = {0};
  CHECK(hui_cs_mark_subrs((uint8_t *)gl.data, gl.len, &gx, g_mark, &lx, l_mark, &calls));
  unsigned ng = 0, nl = 0;
  for (unsigned i = 0; i < gx.count; i++) ng += g_mark[i];
  for (unsigned i = 0; i < lx.count; i++) nl += l_mark[i];
  CHECK_INT(ng, 3);
  CHECK(g_mark[250] && g_mark[7] && g_mark[5]);
  CHECK_INT(nl, 2);
  CHECK(l_mark[1999] && l_mark[0]);
  CHECK(!calls.loose);
  CHECK(hui_cs_calls_settle(&calls));
  CHECK_INT(calls.n, 5);

  /* Written again: 3 global and 2 local subroutines (bias 107 both), the
   * calls renumbered; the glyph draws as before and is shorter. */
  const hui_cff_items *xs[2] = {&gx, &lx};
  const uint8_t *marks[2] = {g_mark, l_mark};
  hui_cs_calls_renumber(&calls, xs, marks, 2);
  size_t nglen = hui_cs_rewrite((uint8_t *)gl.data, gl.len, &calls, NULL);
  uint8_t *ngl = hui_xmalloc(nglen);
  CHECK_INT(hui_cs_rewrite((uint8_t *)gl.data, gl.len, &calls, ngl), nglen);
  CHECK(nglen < gl.len);
  size_t ngn = hui_cff_items_kept(&gx, g_mark, &calls, NULL);
  size_t nln = hui_cff_items_kept(&lx, l_mark, &calls, NULL);
  uint8_t *ngi = hui_xmalloc(ngn), *nli = hui_xmalloc(nln);
  CHECK_INT(hui_cff_items_kept(&gx, g_mark, &calls, ngi), ngn);
  CHECK_INT(hui_cff_items_kept(&lx, l_mark, &calls, nli), nln);
  hui_cff_items ngx, nlx;
  CHECK(hui_cff_items_read(ngi, ngn, &ngx) && ngx.count == 3 && ngx.len == ngn);
  CHECK(hui_cff_items_read(nli, nln, &nlx) && nlx.count == 2);
  CHECK(flat_same((uint8_t *)gl.data, gl.len, &gx, &lx, ngl, nglen, &ngx, &nlx));
  /* the old numbers name other subroutines in the new INDEXes: a glyph not
   * written again does not draw the same */
  hui_buf x = {0};
  CHECK(!hui_cs_flatten((uint8_t *)gl.data, gl.len, &ngx, &nlx, &x));
  hui_buf_free(&x);
  /* the same, with the unused ones made one byte each */
  size_t pn = hui_cff_items_pruned(&gx, g_mark, NULL);
  uint8_t *pi = hui_xmalloc(pn);
  CHECK_INT(hui_cff_items_pruned(&gx, g_mark, pi), pn);
  hui_cff_items px;
  CHECK(hui_cff_items_read(pi, pn, &px) && px.count == 300 && pn < glen);
  CHECK(flat_same((uint8_t *)gl.data, gl.len, &gx, &lx, (uint8_t *)gl.data, gl.len, &px, &lx));
  free(pi);
  free(ngl);
  free(ngi);
  free(nli);
  free(calls.v);
  hui_buf_free(&gl);

  /* A hintmask after two stems has one mask byte, here 10 (callsubr):
   * skipped, not called. */
  memset(g_mark, 0, gx.count);
  hui_buf hm = {0};
  num(&hm, 0), num(&hm, 10), num(&hm, 20), num(&hm, 10), op(&hm, 1);
  op(&hm, 19), op(&hm, 10);
  num(&hm, 5), op(&hm, 22), op(&hm, 14);
  calls = (hui_cs_calls){0};
  CHECK(hui_cs_mark_subrs((uint8_t *)hm.data, hm.len, &gx, g_mark, NULL, NULL, &calls));
  CHECK(hui_cs_calls_settle(&calls));
  CHECK_INT(calls.n, 0);
  /* after a stem and eight more given to the hintmask itself (implicit
   * vstems), nine in all: two mask bytes */
  hui_buf hm2 = {0};
  num(&hm2, 0), num(&hm2, 10), op(&hm2, 18);
  for (int k = 0; k < 8; k++) num(&hm2, 5), num(&hm2, 5);
  op(&hm2, 19), op(&hm2, 10), op(&hm2, 10), op(&hm2, 14);
  CHECK(hui_cs_mark_subrs((uint8_t *)hm2.data, hm2.len, &gx, g_mark, NULL, NULL, &calls));
  CHECK(hui_cs_calls_settle(&calls));
  CHECK_INT(calls.n, 0);
  free(calls.v);
  hui_buf_free(&hm);
  hui_buf_free(&hm2);

  /* an arithmetic operator (add) is refused */
  hui_buf ar = {0};
  num(&ar, 1), num(&ar, 2), op(&ar, 12), op(&ar, 10), op(&ar, 14);
  CHECK(!hui_cs_mark_subrs((uint8_t *)ar.data, ar.len, &gx, g_mark, NULL, NULL, NULL));
  hui_buf_free(&ar);
  /* a local call without local subroutines is refused */
  hui_buf nl0 = {0};
  num(&nl0, 0), op(&nl0, 10), op(&nl0, 14);
  CHECK(!hui_cs_mark_subrs((uint8_t *)nl0.data, nl0.len, &gx, g_mark, NULL, NULL, NULL));
  hui_buf_free(&nl0);

  /* Global 0 pushes -107 and returns; the glyph then calls with it: the
   * second call is loose. Global 1 calls itself: too deep. */
  size_t tlen;
  uint8_t *tidx = NULL;
  {
    hui_buf d = {0};
    /* item 0: "-107 return"; item 1: "-106 callgsubr return" */
    uint8_t raw[] = {0, 2, 1, 1, 3, 6, 32, 11, 33, 29, 11};
    hui_buf_add(&d, raw, sizeof raw);
    tlen = d.len;
    tidx = (uint8_t *)hui_buf_take(&d);
  }
  hui_cff_items tx;
  CHECK(hui_cff_items_read(tidx, tlen, &tx) && tx.count == 2);
  uint8_t tm[2] = {0, 0};
  hui_buf lo = {0};
  num(&lo, -107), op(&lo, 29), op(&lo, 29), op(&lo, 14);
  calls = (hui_cs_calls){0};
  CHECK(hui_cs_mark_subrs((uint8_t *)lo.data, lo.len, &tx, tm, NULL, NULL, &calls));
  CHECK(calls.loose && tm[0] && !tm[1]);
  free(calls.v);
  hui_buf_free(&lo);
  hui_buf deep = {0};
  num(&deep, -106), op(&deep, 29), op(&deep, 14);
  CHECK(!hui_cs_mark_subrs((uint8_t *)deep.data, deep.len, &tx, tm, NULL, NULL, NULL));
  hui_buf_free(&deep);
  free(tidx);

  /* Global 1 holds a hintmask: called with no stems, its next bytes are
   * numbers and calls; called with nine, two of them are its mask. The
   * numbers cannot be rewritten then. */
  {
    static const uint8_t raw[] = {0, 2, 1, 1, 2, 8, 11, 19, 32, 29, 32, 29, 11};
    hui_cff_items mx;
    CHECK(hui_cff_items_read(raw, sizeof raw, &mx) && mx.count == 2);
    uint8_t mm[2] = {0, 0};
    hui_buf mg = {0};
    num(&mg, -106), op(&mg, 29);
    for (int k = 0; k < 9; k++) num(&mg, 10), num(&mg, 5);
    op(&mg, 18);
    num(&mg, -106), op(&mg, 29), op(&mg, 14);
    calls = (hui_cs_calls){0};
    CHECK(hui_cs_mark_subrs((uint8_t *)mg.data, mg.len, &mx, mm, NULL, NULL, &calls));
    CHECK(!calls.loose && mm[0] && mm[1]);
    CHECK(!hui_cs_calls_settle(&calls));
    free(calls.v);
    hui_buf_free(&mg);
  }

  /* One place naming two subroutines cannot be rewritten. */
  static const uint8_t place[1] = {32};
  hui_cs_calls two = {0};
  *HUI_PUSH(two.v, two.n, two.cap) = (hui_cs_call){place, &gx, 3, 1, 0};
  *HUI_PUSH(two.v, two.n, two.cap) = (hui_cs_call){place, &lx, 3, 1, 0};
  CHECK(!hui_cs_calls_settle(&two));
  free(two.v);

  /* Malformed INDEXes: the first offset not 1, items ending past the data
   * or before they start, data past the end. */
  static const uint8_t bad1[] = {0, 1, 1, 2, 3, 0};
  static const uint8_t bad2[] = {0, 2, 1, 1, 3, 2, 9, 9};
  static const uint8_t bad3[] = {0, 1, 1, 1, 9, 0};
  hui_cff_items bx;
  const uint8_t *ib;
  size_t in;
  CHECK(!hui_cff_items_read(bad1, sizeof bad1, &bx));
  CHECK(hui_cff_items_read(bad2, sizeof bad2, &bx) && !hui_cff_item(&bx, 0, &ib, &in) &&
        !hui_cff_item(&bx, 1, &ib, &in) && !hui_cff_item(&bx, 2, &ib, &in));
  CHECK(!hui_cff_items_read(bad3, sizeof bad3, &bx));

  free(g_mark);
  free(l_mark);
  free(gidx);
  free(lidx);
  return CHECK_DONE();
}
