/* shingle: the normalised text, the set phrases, the window hash and the
 * source positions that originality and the cross-county index share
 * (shingle.h; original.c's header comment says what each step is for). */
#include "shingle.h"

#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../text/text.h"
#include "rules_internal.h"
#include "stock.h"

enum { STOCK_MIN = 4 }; /* a set phrase shorter than this is not marked */

uint32_t hui_sh_kept(uint32_t cp) {
  if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return hui_is_han(cp) || hui_is_latin_or_digit(cp) ? cp : 0;
}

/* The normalised form of cp, or 0. hui_text_hans remembers what ICU said,
 * so this costs ICU once per distinct character. */
static uint32_t fold(uint32_t cp) {
  cp = hui_sh_kept(cp);
  return cp && hui_is_han(cp) ? hui_text_hans(cp) : cp;
}

void hui_sh_normalise_text(const char *t, uint32_t **v, size_t *n, size_t *cap) {
  size_t tl = strlen(t), i = 0;
  while (i < tl) {
    uint32_t cp;
    size_t k = hui_utf8_decode(t + i, tl - i, &cp);
    if (!k) k = 1, cp = 0;
    uint32_t c = cp ? fold(cp) : 0;
    if (c) *HUI_PUSH(*v, *n, *cap) = c;
    i += k;
  }
}

uint32_t *hui_sh_normalise(const hui_node *body, size_t *len) {
  uint32_t *v = NULL;
  size_t n = 0, cap = 0;
  for (const hui_node *x = body; x; x = hui_node_walk_next(body, x))
    if (x->kind == HUI_N_TEXT && x->text) hui_sh_normalise_text(x->text, &v, &n, &cap);
  *len = n;
  return v;
}

static uint64_t key2(const uint32_t *v) { return (uint64_t)v[0] << 32 | v[1]; }
static unsigned hash16(uint64_t key) { return (unsigned)((key * 0x9E3779B97F4A7C15ull) >> 48); }

void hui_sh_stock_init(hui_sh_stock *S) {
  size_t n;
  const char *const *list = hui_stock_phrases(&n);
  memset(S, 0, sizeof *S);
  S->ph = hui_xcalloc(n, sizeof *S->ph);
  S->len = hui_xcalloc(n, sizeof *S->len);
  S->key = hui_xcalloc(n, sizeof *S->key);
  for (size_t i = 0; i < n; i++) {
    uint32_t *v = NULL;
    size_t len = 0, cap = 0;
    hui_sh_normalise_text(list[i], &v, &len, &cap);
    if (len < STOCK_MIN) {
      free(v);
      continue;
    }
    /* insertion by key keeps the table sorted (a few hundred phrases, once) */
    size_t k = S->n++;
    uint64_t key = key2(v);
    for (; k > 0 && S->key[k - 1] > key; k--) {
      S->ph[k] = S->ph[k - 1];
      S->len[k] = S->len[k - 1];
      S->key[k] = S->key[k - 1];
    }
    S->ph[k] = v;
    S->len[k] = len;
    S->key[k] = key;
    S->first[(v[0] & 0xFFFF) >> 3] |= (uint8_t)(1u << (v[0] & 7));
    unsigned h = hash16(key);
    S->two[h >> 3] |= (uint8_t)(1u << (h & 7));
  }
}

void hui_sh_stock_free(hui_sh_stock *S) {
  for (size_t i = 0; i < S->n; i++) free(S->ph[i]);
  free(S->ph);
  free(S->len);
  free(S->key);
}

size_t hui_sh_stock_at(const hui_sh_stock *S, const uint32_t *v, size_t n, size_t p) {
  if (p + 1 >= n || !(S->first[(v[p] & 0xFFFF) >> 3] & (1u << (v[p] & 7)))) return 0;
  uint64_t key = key2(v + p);
  unsigned h = hash16(key);
  if (!(S->two[h >> 3] & (1u << (h & 7)))) return 0;
  size_t lo = 0, hi = S->n, longest = 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (S->key[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  for (size_t k = lo; k < S->n && S->key[k] == key; k++)
    if (S->len[k] > longest && S->len[k] <= n - p &&
        memcmp(S->ph[k], v + p, S->len[k] * sizeof *v) == 0)
      longest = S->len[k];
  return longest;
}

void hui_sh_stock_mark(const hui_sh_stock *S, const uint32_t *v, size_t n, uint8_t *mark) {
  for (size_t p = 0; p + 1 < n; p++) {
    size_t len = hui_sh_stock_at(S, v, n, p);
    if (len) memset(mark + p, HUI_SH_MARK_STOCK, len);
  }
}

uint64_t hui_sh_top(void) {
  uint64_t top = 1;
  for (int i = 1; i < HUI_SH_K; i++) top *= HUI_SH_B;
  return top;
}

hui_pos hui_sh_locate(const hui_submission *s, uint32_t k, uint32_t len, char **text) {
  hui_pos where = s->body ? s->body->pos : s->root_pos;
  hui_buf b = {0};
  uint32_t seen = 0, taken = 0, shown = 0;
  bool started = false, cut = false;
  for (const hui_node *x = s->body; x && !cut; x = hui_node_walk_next(s->body, x)) {
    if (x->kind != HUI_N_TEXT || !x->text) continue;
    hui_pos p = x->pos;
    const char *t = x->text;
    size_t tl = strlen(t), i = 0;
    while (i < tl) {
      uint32_t cp;
      size_t n = hui_utf8_decode(t + i, tl - i, &cp);
      if (!n) n = 1, cp = 0xFFFD;
      bool counts = hui_sh_kept(cp) != 0;
      if (!started && counts && seen == k) {
        started = true;
        where = p;
      }
      if (started) {
        if (counts && taken == len) {
          cut = true;
          break;
        }
        if (shown == HUI_SH_SHOWN) {
          hui_buf_puts(&b, "\xE2\x80\xA6"); /* … */
          cut = true;
          break;
        }
        if (!hui_is_space(cp)) {
          hui_buf_add(&b, t + i, n);
          shown++;
        }
        taken += counts;
      }
      seen += counts;
      hui_rule_advance(&p, cp);
      i += n;
    }
  }
  *text = hui_buf_take(&b);
  return where;
}
