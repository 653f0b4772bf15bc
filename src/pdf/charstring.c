/* charstring: subroutine closure of Type 2 charstrings (see charstring.h).
 * Every read is bounds-checked: the program comes from a font file. */
#include "pdf/charstring.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* The Type 2 limits: an argument stack of 48, calls nested 10 deep. */
#define STACK_MAX 48
#define DEPTH_MAX 10
/* Operators followed for one glyph, calls included: a real glyph needs a
 * few hundred; a hostile program whose subroutines each call the next many
 * times would otherwise take forever. */
#define STEPS_MAX 200000

static unsigned be_off(const uint8_t *p, unsigned n) {
  unsigned v = 0;
  for (unsigned j = 0; j < n; j++) v = v << 8 | p[j];
  return v;
}

bool hui_cff_items_read(const uint8_t *p, size_t n, hui_cff_items *x) {
  memset(x, 0, sizeof *x);
  if (n < 2) return false;
  x->p = p;
  x->count = (unsigned)p[0] << 8 | p[1];
  if (x->count == 0) return x->len = 2, true;
  if (n < 3 || p[2] < 1 || p[2] > 4) return false;
  x->offsize = p[2];
  size_t head = 3 + ((size_t)x->count + 1) * x->offsize;
  if (head > n) return false;
  unsigned first = be_off(p + 3, x->offsize),
           last = be_off(p + 3 + (size_t)x->count * x->offsize, x->offsize);
  if (first != 1 || last < 1 || last - 1 > n - head) return false;
  x->len = head + last - 1;
  return true;
}

bool hui_cff_item(const hui_cff_items *x, unsigned i, const uint8_t **b, size_t *n) {
  if (i >= x->count) return false;
  size_t head = 3 + ((size_t)x->count + 1) * x->offsize;
  unsigned a = be_off(x->p + 3 + (size_t)i * x->offsize, x->offsize),
           e = be_off(x->p + 3 + (size_t)(i + 1) * x->offsize, x->offsize);
  if (a < 1 || e < a || head + e - 1 > x->len) return false;
  *b = x->p + head + a - 1;
  *n = e - a;
  return true;
}

long hui_cs_bias(unsigned count) { return count < 1240 ? 107 : count < 33900 ? 1131 : 32768; }

typedef struct walk {
  const hui_cff_items *g, *l;
  uint8_t *gm, *lm;
  long stack[STACK_MAX];
  int sp;
  unsigned nstems;
  unsigned long steps;
  bool done; /* endchar reached */
  hui_cs_calls *calls;
  hui_buf *flat;   /* hui_cs_flatten's */
  size_t flat_num; /* the flat length before the last number */
} walk;

/* Follows p[0..n) at call depth depth: false when it cannot be followed. */
static bool follow(walk *w, const uint8_t *p, size_t n, int depth) {
  if (depth > DEPTH_MAX) return false;
  size_t num_at = 0, num_len = 0; /* the last token, when a number */
  for (size_t i = 0; i < n;) {
    if (++w->steps > STEPS_MAX) return false;
    unsigned b = p[i];
    size_t tok = i;
    if (b >= 32 || b == 28) { /* an operand */
      long v;
      if (b <= 246 && b != 28) {
        v = (long)b - 139, i += 1;
      } else if (b == 28) {
        if (n - i < 3) return false;
        v = (int16_t)(p[i + 1] << 8 | p[i + 2]), i += 3;
      } else if (b <= 250) {
        if (n - i < 2) return false;
        v = ((long)b - 247) * 256 + p[i + 1] + 108, i += 2;
      } else if (b <= 254) {
        if (n - i < 2) return false;
        v = -((long)b - 251) * 256 - p[i + 1] - 108, i += 2;
      } else { /* 16.16 fixed: its integer part */
        if (n - i < 5) return false;
        int32_t f = (int32_t)((uint32_t)p[i + 1] << 24 | (uint32_t)p[i + 2] << 16 |
                              (uint32_t)p[i + 3] << 8 | p[i + 4]);
        v = f / 65536, i += 5;
      }
      if (w->sp >= STACK_MAX) return false;
      w->stack[w->sp++] = v;
      num_at = tok, num_len = i - tok;
      if (w->flat) w->flat_num = w->flat->len, hui_buf_printf(w->flat, "%ld ", v);
      continue;
    }
    size_t arg_len = num_len && num_at + num_len == tok ? num_len : 0; /* the number before */
    bool after_number = arg_len != 0;
    num_len = 0;
    i++;
    if (w->flat && b != 10 && b != 29 && b != 11) {
      hui_buf_printf(w->flat, "op%u ", b);
      if (b == 12 && i < n) hui_buf_printf(w->flat, "x%u ", p[i]);
    }
    switch (b) {
    case 1:  /* hstem */
    case 3:  /* vstem */
    case 18: /* hstemhm */
    case 23: /* vstemhm */
      w->nstems += (unsigned)w->sp / 2;
      w->sp = 0;
      break;
    case 19: /* hintmask */
    case 20: /* cntrmask: operands before them are vstems */ {
      w->nstems += (unsigned)w->sp / 2;
      w->sp = 0;
      unsigned masklen = (w->nstems + 7) / 8;
      if (masklen > n - i) return false;
      if (w->calls && masklen) /* a mask: no call's number may lie there */
        *HUI_PUSH(w->calls->v, w->calls->n, w->calls->cap) =
            (hui_cs_call){p + i, NULL, 0, masklen, 0};
      for (unsigned j = 0; w->flat && j < masklen; j++) hui_buf_printf(w->flat, "m%02x ", p[i + j]);
      i += masklen;
      break;
    }
    case 10: /* callsubr */
    case 29: /* callgsubr */ {
      const hui_cff_items *x = b == 10 ? w->l : w->g;
      uint8_t *mark = b == 10 ? w->lm : w->gm;
      if (!x || w->sp == 0) return false;
      long k = w->stack[--w->sp] + hui_cs_bias(x->count);
      const uint8_t *sb;
      size_t sn;
      if (k < 0 || k >= (long)x->count || !hui_cff_item(x, (unsigned)k, &sb, &sn)) return false;
      mark[k] = 1;
      if (w->flat && after_number) w->flat->len = w->flat_num; /* the call leaves no trace */
      if (w->calls && !after_number) w->calls->loose = true;
      if (w->calls && after_number)
        *HUI_PUSH(w->calls->v, w->calls->n, w->calls->cap) =
            (hui_cs_call){p + num_at, x, (unsigned)k, (unsigned)arg_len, 0};
      if (!follow(w, sb, sn, depth + 1)) return false;
      if (w->done) return true;
      break;
    }
    case 11: /* return */ return true;
    case 14: /* endchar */ w->done = true; return true;
    case 12: /* escape: only the flexes (and the old dotsection) draw */
      if (i >= n) return false;
      b = p[i++];
      if (b != 0 && (b < 34 || b > 37)) return false;
      w->sp = 0;
      break;
    case 4:  /* vmoveto */
    case 5:  /* rlineto */
    case 6:  /* hlineto */
    case 7:  /* vlineto */
    case 8:  /* rrcurveto */
    case 21: /* rmoveto */
    case 22: /* hmoveto */
    case 24: /* rcurveline */
    case 25: /* rlinecurve */
    case 26: /* vvcurveto */
    case 27: /* hhcurveto */
    case 30: /* vhcurveto */
    case 31: /* hvcurveto */ w->sp = 0; break;
    default: /* reserved, or CFF2's blend and vsindex */ return false;
    }
  }
  return true;
}

bool hui_cs_mark_subrs(const uint8_t *cs, size_t n, const hui_cff_items *gsubrs, uint8_t *gmark,
                       const hui_cff_items *lsubrs, uint8_t *lmark, hui_cs_calls *calls) {
  walk w = {.g = gsubrs, .l = lsubrs, .gm = gmark, .lm = lmark, .calls = calls};
  return follow(&w, cs, n, 0);
}

bool hui_cs_flatten(const uint8_t *cs, size_t n, const hui_cff_items *gsubrs,
                    const hui_cff_items *lsubrs, hui_buf *out) {
  uint8_t *gm = hui_xcalloc(gsubrs->count + 1, 1),
          *lm = hui_xcalloc(lsubrs ? lsubrs->count + 1 : 1, 1);
  walk w = {.g = gsubrs, .l = lsubrs, .gm = gm, .lm = lm, .flat = out};
  bool ok = follow(&w, cs, n, 0);
  free(gm);
  free(lm);
  return ok;
}

static int call_cmp(const void *a, const void *b) {
  uintptr_t x = (uintptr_t)((const hui_cs_call *)a)->at,
            y = (uintptr_t)((const hui_cs_call *)b)->at;
  return x < y ? -1 : x > y;
}

/* Sorts the calls by place: a radix sort of their offsets from the first
 * place, each above its index (a font's tens of thousands of calls and
 * masks, most of them met many times). */
static void sort_calls(hui_cs_calls *calls) {
  size_t n = calls->n;
  if (n < 2) return;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  for (size_t i = 0; i < n; i++) {
    uintptr_t at = (uintptr_t)calls->v[i].at;
    if (at < lo) lo = at;
    if (at > hi) hi = at;
  }
  int ib = 1;
  while (((size_t)1 << ib) < n) ib++;
  if (ib > 40 || (uint64_t)(hi - lo) >> (64 - ib)) { /* cannot happen in one font's data */
    qsort(calls->v, n, sizeof *calls->v, call_cmp);
    return;
  }
  uint64_t *key = hui_xmalloc(n * sizeof *key);
  for (size_t i = 0; i < n; i++) key[i] = (uint64_t)((uintptr_t)calls->v[i].at - lo) << ib | i;
  hui_sort_u64(key, n);
  hui_cs_call *v = hui_xmalloc(n * sizeof *v);
  for (size_t i = 0; i < n; i++) v[i] = calls->v[key[i] & (((uint64_t)1 << ib) - 1)];
  free(key);
  free(calls->v);
  calls->v = v;
  calls->cap = n;
}

bool hui_cs_calls_settle(hui_cs_calls *calls) {
  sort_calls(calls);
  /* the same place met again must be the same call (or mask); places
   * must not overlap (a number read as a mask's byte in another context) */
  size_t k = 0;
  for (size_t i = 0; i < calls->n; i++) {
    const hui_cs_call *c = &calls->v[i];
    if (k) {
      const hui_cs_call *prev = &calls->v[k - 1];
      if (prev->at == c->at && prev->x == c->x && prev->old == c->old && prev->len == c->len)
        continue;
      if ((uintptr_t)prev->at + prev->len > (uintptr_t)c->at) return false;
    }
    calls->v[k++] = *c;
  }
  /* the masks have been looked at: only the calls stay */
  size_t m = 0;
  for (size_t i = 0; i < k; i++)
    if (calls->v[i].x) calls->v[m++] = calls->v[i];
  calls->n = m;
  return true;
}

void hui_cs_calls_renumber(hui_cs_calls *calls, const hui_cff_items *const *xs,
                           const uint8_t *const *marks, size_t nx) {
  long **nv = hui_xcalloc(nx ? nx : 1, sizeof *nv);
  for (size_t j = 0; j < nx; j++) {
    const hui_cff_items *x = xs[j];
    nv[j] = hui_xmalloc((x->count ? x->count : 1) * sizeof **nv);
    unsigned kept = 0;
    for (unsigned i = 0; i < x->count; i++) kept += marks[j][i] != 0;
    long b = hui_cs_bias(kept), k = 0;
    for (unsigned i = 0; i < x->count; i++) nv[j][i] = marks[j][i] ? k++ - b : 0;
  }
  for (size_t c = 0; c < calls->n; c++) {
    hui_cs_call *call = &calls->v[c];
    for (size_t j = 0; j < nx; j++)
      if (call->x == xs[j] && call->old < xs[j]->count) call->nv = nv[j][call->old];
  }
  for (size_t j = 0; j < nx; j++) free(nv[j]);
  free(nv);
}

/* A number in the shortest Type 2 form; returns its length. */
static size_t put_number(long v, uint8_t *w) {
  if (v >= -107 && v <= 107) {
    if (w) w[0] = (uint8_t)(v + 139);
    return 1;
  }
  if (v >= 108 && v <= 1131) {
    if (w) w[0] = (uint8_t)((v - 108) / 256 + 247), w[1] = (uint8_t)((v - 108) % 256);
    return 2;
  }
  if (v <= -108 && v >= -1131) {
    if (w) w[0] = (uint8_t)((-v - 108) / 256 + 251), w[1] = (uint8_t)((-v - 108) % 256);
    return 2;
  }
  if (w) w[0] = 28, w[1] = (uint8_t)((uint16_t)v >> 8), w[2] = (uint8_t)v;
  return 3;
}

size_t hui_cs_rewrite(const uint8_t *cs, size_t n, const hui_cs_calls *calls, uint8_t *w) {
  /* the first call at or after cs */
  size_t lo = 0, hi = calls->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if ((uintptr_t)calls->v[mid].at < (uintptr_t)cs) lo = mid + 1;
    else hi = mid;
  }
  size_t len = 0, done = 0;
  for (size_t i = lo; i < calls->n && (uintptr_t)calls->v[i].at < (uintptr_t)(cs + n); i++) {
    const hui_cs_call *c = &calls->v[i];
    size_t at = (size_t)(c->at - cs);
    if (at < done || at + c->len > n) continue; /* (cannot be: settled calls do not overlap) */
    if (w) memcpy(w + len, cs + done, at - done);
    len += at - done;
    len += put_number(c->nv, w ? w + len : NULL);
    done = at + c->len;
  }
  if (w) memcpy(w + len, cs + done, n - done);
  return len + n - done;
}

/* Writes x again to w (when not NULL): each marked item rewritten
 * (hui_cs_rewrite, calls may be NULL: as it is), each other item left out
 * (drop) or made one byte, a return. Returns the INDEX's length. */
static size_t items_write(const hui_cff_items *x, const uint8_t *mark, const hui_cs_calls *calls,
                          bool drop, uint8_t *w) {
  static const hui_cs_calls none = {0};
  if (!calls) calls = &none;
  unsigned count = 0;
  size_t data = 0;
  for (unsigned i = 0; i < x->count; i++) {
    const uint8_t *b;
    size_t n;
    if (mark[i] && hui_cff_item(x, i, &b, &n)) data += hui_cs_rewrite(b, n, calls, NULL);
    else if (!drop) data += 1;
    else continue;
    count++;
  }
  if (count == 0) {
    if (w) w[0] = w[1] = 0;
    return 2;
  }
  unsigned os = data + 1 <= 0xFF ? 1 : data + 1 <= 0xFFFF ? 2 : data + 1 <= 0xFFFFFF ? 3 : 4;
  size_t head = 3 + ((size_t)count + 1) * os;
  if (!w) return head + data;
  w[0] = (uint8_t)(count >> 8), w[1] = (uint8_t)count, w[2] = (uint8_t)os;
  uint8_t *q = w + head;
  size_t off = 1, k = 0;
  for (unsigned i = 0;; i++) {
    const uint8_t *b = NULL;
    size_t n = 0;
    bool kept = i < x->count && mark[i] && hui_cff_item(x, i, &b, &n);
    if (i < x->count && !kept && drop) continue;
    for (unsigned j = 0; j < os; j++) w[3 + k * os + j] = (uint8_t)(off >> (8 * (os - 1 - j)));
    k++;
    if (i == x->count) break;
    if (kept) {
      n = hui_cs_rewrite(b, n, calls, q);
    } else {
      n = 1;
      *q = 11; /* return */
    }
    q += n, off += n;
  }
  return head + data;
}

size_t hui_cff_items_kept(const hui_cff_items *x, const uint8_t *mark, const hui_cs_calls *calls,
                          uint8_t *w) {
  return items_write(x, mark, calls, true, w);
}

size_t hui_cff_items_pruned(const hui_cff_items *x, const uint8_t *mark, uint8_t *w) {
  return items_write(x, mark, NULL, false, w);
}
