/* fuzz_charstring: the subroutine closure of Type 2 charstrings
 * (src/pdf/charstring.c) over any bytes, with its own oracle. The input is
 * two counts (global and local subroutines), then each subroutine as a
 * length byte and its bytes, then the glyph's charstring. Nothing may crash
 * or read outside its INDEX; and when the glyph can be followed, the glyph
 * written again with only the subroutines it calls (renumbered when it can
 * be, else the others made one byte each) must draw exactly as before. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "pdf/charstring.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An INDEX (offSize 4) of count items taken from data at *at. */
static uint8_t *index_of(const uint8_t *data, size_t size, size_t *at, unsigned count,
                         size_t *len) {
  hui_buf items = {0};
  uint32_t *off = hui_xmalloc((count + 1) * sizeof *off);
  for (unsigned i = 0; i < count; i++) {
    off[i] = (uint32_t)items.len + 1;
    size_t n = *at < size ? data[(*at)++] : 0;
    if (n > size - *at) n = size - *at;
    hui_buf_add(&items, data + *at, n);
    *at += n;
  }
  off[count] = (uint32_t)items.len + 1;
  *len = 3 + 4 * ((size_t)count + 1) + items.len;
  uint8_t *p = hui_xmalloc(*len);
  p[0] = (uint8_t)(count >> 8), p[1] = (uint8_t)count, p[2] = 4;
  for (unsigned i = 0; i <= count; i++)
    for (unsigned j = 0; j < 4; j++) p[3 + 4 * i + j] = (uint8_t)(off[i] >> (24 - 8 * j));
  if (items.len) memcpy(p + 3 + 4 * ((size_t)count + 1), items.data, items.len);
  free(off);
  hui_buf_free(&items);
  return p;
}

/* Whether glyph a (with subroutines ga, la) and glyph b (gb, lb) draw the
 * same. */
static bool same(const uint8_t *a, size_t an, const hui_cff_items *ga, const hui_cff_items *la,
                 const uint8_t *b, size_t bn, const hui_cff_items *gb, const hui_cff_items *lb) {
  hui_buf x = {0}, y = {0};
  bool ok = hui_cs_flatten(a, an, ga, la, &x) && hui_cs_flatten(b, bn, gb, lb, &y) &&
            x.len == y.len && (x.len == 0 || memcmp(x.data, y.data, x.len) == 0);
  hui_buf_free(&x);
  hui_buf_free(&y);
  return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  size_t at = 2, glen, llen;
  uint8_t *gi = index_of(data, size, &at, data[0], &glen);
  uint8_t *li = index_of(data, size, &at, data[1], &llen);
  const uint8_t *cs = data + at;
  size_t n = size - at;
  hui_cff_items gx, lx;
  FUZZ_CHECK(hui_cff_items_read(gi, glen, &gx) && hui_cff_items_read(li, llen, &lx));
  uint8_t *gm = hui_xcalloc(gx.count + 1, 1), *lm = hui_xcalloc(lx.count + 1, 1);
  hui_cs_calls calls = {0};
  if (hui_cs_mark_subrs(cs, n, &gx, gm, &lx, lm, &calls)) {
    /* the others made one byte each */
    size_t pg = hui_cff_items_pruned(&gx, gm, NULL), pl = hui_cff_items_pruned(&lx, lm, NULL);
    uint8_t *pgi = hui_xmalloc(pg), *pli = hui_xmalloc(pl);
    FUZZ_CHECK(hui_cff_items_pruned(&gx, gm, pgi) == pg &&
               hui_cff_items_pruned(&lx, lm, pli) == pl);
    hui_cff_items pgx, plx;
    FUZZ_CHECK(hui_cff_items_read(pgi, pg, &pgx) && hui_cff_items_read(pli, pl, &plx));
    FUZZ_CHECK(same(cs, n, &gx, &lx, cs, n, &pgx, &plx));
    free(pgi);
    free(pli);
    /* renumbered */
    if (!calls.loose && hui_cs_calls_settle(&calls)) {
      const hui_cff_items *xs[2] = {&gx, &lx};
      const uint8_t *marks[2] = {gm, lm};
      hui_cs_calls_renumber(&calls, xs, marks, 2);
      size_t nn = hui_cs_rewrite(cs, n, &calls, NULL);
      size_t ng = hui_cff_items_kept(&gx, gm, &calls, NULL),
             nl = hui_cff_items_kept(&lx, lm, &calls, NULL);
      uint8_t *ncs = hui_xmalloc(nn + 1), *ngi = hui_xmalloc(ng), *nli = hui_xmalloc(nl);
      FUZZ_CHECK(hui_cs_rewrite(cs, n, &calls, ncs) == nn);
      FUZZ_CHECK(hui_cff_items_kept(&gx, gm, &calls, ngi) == ng &&
                 hui_cff_items_kept(&lx, lm, &calls, nli) == nl);
      hui_cff_items ngx, nlx;
      FUZZ_CHECK(hui_cff_items_read(ngi, ng, &ngx) && hui_cff_items_read(nli, nl, &nlx));
      FUZZ_CHECK(same(cs, n, &gx, &lx, ncs, nn, &ngx, &nlx));
      free(ncs);
      free(ngi);
      free(nli);
    }
  }
  free(calls.v);
  free(gm);
  free(lm);
  free(gi);
  free(li);
  return 0;
}
