/* breaks: line-break opportunities — ICU's UAX #14 line breaker for the text
 * as a whole, then the Chinese tables of cjk.c where they say more.
 *
 * Outline:
 *   1. Convert to UTF-16 and ask ICU (locale zh) for its break positions.
 *   2. For each pair (a, b) around a position, the table overrides ICU:
 *      - b may not start a line, or a may not end one        -> NO   (A1, A2)
 *      - a and b are both halves of —— or ……                 -> NO   (A3)
 *      - a space or Han character before an opening quote     -> YES  (UAX #14
 *        class QU forbids breaking around “ ” at all; in Chinese text they
 *        are opening/closing marks, GB/T 15834 §5.1.3)
 *      - closing quote before a Han character or opening mark -> YES
 *      - a digit before a unit or measure word                -> DISCOURAGED
 *   3. Inside a number with its unit (A5+): between the digits and a multiplier
 *      (十百千万亿), a compound unit (公里, 平方米, 个百分点) or a single unit
 *      (元), inside that unit, and around the dash of a range (3—5)
 *                                                             -> DISCOURAGED
 *   4. Before an operator between two words (互联网+就业)      -> OPERATOR
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "../base/base.h"
#include "text.h"

static int is_digit(uint32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

static int breakable_neighbour(uint32_t cp) {
  return hui_is_han(cp) || hui_text_punct(cp) != HUI_P_NONE || hui_is_space(cp);
}

/* One iterator of each kind per thread for the whole run: opening one builds
 * its rule tables, which cost more than breaking a paragraph; and the text
 * in UTF-16 for them. hui_text_release frees the calling thread's. */
static _Thread_local UBreakIterator *iterators[2];
static _Thread_local UChar *buf16;
static _Thread_local size_t *map16, cap16;

static UBreakIterator *iterator(UBreakIteratorType type) {
  int k = type == UBRK_WORD;
  if (!iterators[k]) {
    UErrorCode status = U_ZERO_ERROR;
    iterators[k] = ubrk_open(type, "zh", NULL, 0, &status);
    if (U_FAILURE(status)) {
      if (iterators[k]) ubrk_close(iterators[k]);
      iterators[k] = NULL;
    }
  }
  return iterators[k];
}

void hui_text_release(void) {
  for (int k = 0; k < 2; k++) {
    if (iterators[k]) ubrk_close(iterators[k]);
    iterators[k] = NULL;
  }
  free(buf16);
  free(map16);
  buf16 = NULL;
  map16 = NULL;
  cap16 = 0;
}

/* Runs an ICU break iterator of type over cps, setting out[i] = value at
 * every boundary strictly inside the text. Returns false without ICU data. */
static bool icu_boundaries(UBreakIteratorType type, const uint32_t *cps, size_t n, uint8_t *out,
                           uint8_t value) {
  /* UTF-16 copy with a map from UTF-16 index to code point index, in the
   * thread's buffers (kept with its iterators). */
  if (2 * n + 1 > cap16) {
    cap16 = 2 * n + 1;
    buf16 = hui_xrealloc(buf16, cap16 * sizeof *buf16);
    map16 = hui_xrealloc(map16, cap16 * sizeof *map16);
  }
  UChar *u16 = buf16;
  size_t *map = map16;
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = cps[i];
    map[k] = i;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      u16[k++] = (UChar)(0xD800 + (cp >> 10));
      map[k] = i;
      u16[k++] = (UChar)(0xDC00 + (cp & 0x3FF));
    } else {
      u16[k++] = (UChar)cp;
    }
  }
  map[k] = n;
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = iterator(type);
  if (bi) ubrk_setText(bi, u16, (int32_t)k, &status);
  bool ok = bi && U_SUCCESS(status);
  if (ok)
    for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi))
      if (p > 0 && (size_t)p < k) out[map[p]] = value;
  return ok;
}

static void icu_breaks(const uint32_t *cps, size_t n, uint8_t *brk) {
  if (!icu_boundaries(UBRK_LINE, cps, n, brk, HUI_BRK_YES))
    for (size_t i = 1; i < n; i++) brk[i] = HUI_BRK_YES; /* no ICU data: anywhere */
}

void hui_text_words(const uint32_t *cps, size_t n, uint8_t *word_start) {
  memset(word_start, 0, n);
  if (!icu_boundaries(UBRK_WORD, cps, n, word_start, 1)) memset(word_start, 1, n);
}

/* Units of more than one character kept whole after a number (A5+), of at
 * most COMPOUND_MAX characters each. */
static const char *const COMPOUND_UNITS[] = {
    "个百分点", "百分点", "平方公里", "平方千米", "平方米", "立方米", "公里", "公斤", "公顷",
    "千米",     "千克",   "千瓦时",   "千瓦",     "余人",   "多人",   "个月", "小时", "分钟",
};

enum { NCOMPOUND = sizeof COMPOUND_UNITS / sizeof *COMPOUND_UNITS, COMPOUND_MAX = 8 };

/* COMPOUND_UNITS in code points, made once. */
static uint32_t compound_cps[NCOMPOUND][COMPOUND_MAX];
static size_t compound_len[NCOMPOUND];
static pthread_once_t compound_once = PTHREAD_ONCE_INIT;

static void compound_init(void) {
  for (size_t k = 0; k < NCOMPOUND; k++) {
    const char *s = COMPOUND_UNITS[k];
    size_t len = strlen(s), off = 0;
    while (off < len && compound_len[k] < COMPOUND_MAX) {
      uint32_t u;
      size_t m = hui_utf8_decode(s + off, len - off, &u);
      if (!m) break;
      compound_cps[k][compound_len[k]++] = u;
      off += m;
    }
  }
}

/* Length in code points of the compound unit at cps[i] (0 if none). */
static size_t compound_at(const uint32_t *cps, size_t n, size_t i) {
  pthread_once(&compound_once, compound_init);
  size_t best = 0;
  for (size_t k = 0; k < NCOMPOUND; k++) {
    size_t len = compound_len[k], j = 0;
    while (j < len && i + j < n && cps[i + j] == compound_cps[k][j]) j++;
    if (j == len && len > best) best = len;
  }
  return best;
}

static bool is_multiplier(uint32_t cp) {
  return cp == 0x5341 || cp == 0x767E || cp == 0x5343 || cp == 0x4E07 || cp == 0x4EBF ||
         cp == 0x4F59 || cp == 0x591A; /* 十百千万亿余多 */
}

static bool is_range_dash(uint32_t cp) {
  return cp == 0x2014 || cp == 0x2013 || cp == '-' || cp == 0xFF5E || cp == '~' || cp == 0x2015;
}

static bool is_operator(uint32_t cp) {
  return cp == '+' || cp == 0xFF0B || cp == '=' || cp == 0xFF1D || cp == 0xD7 || cp == 0xF7;
}

static void discourage(uint8_t *brk, size_t i) {
  if (brk[i] != HUI_BRK_NO) brk[i] = HUI_BRK_DISCOURAGED;
}

/* Step 3: the number ending at cps[i - 1] keeps its multipliers and unit. */
static void keep_unit(const uint32_t *cps, size_t n, uint8_t *brk, size_t i) {
  size_t k = i;
  while (k < n && is_multiplier(cps[k])) k++;
  size_t c = k < n ? compound_at(cps, n, k) : 0;
  if (c) k += c;
  else if (k < n && hui_text_is_unit(cps[k])) k++;
  if (k == i) return;
  for (size_t j = i; j < k; j++) discourage(brk, j);
}

/* Steps 3 and 4 over the whole text. */
static void keep_numbers(const uint32_t *cps, size_t n, uint8_t *brk) {
  for (size_t i = 1; i < n; i++) {
    uint32_t a = cps[i - 1], b = cps[i];
    if (is_digit(a) && !is_digit(b) && b != '.' && b != ',') keep_unit(cps, n, brk, i);
    /* a range 3—5, 3～5, 2019-2020: the dash stays with both numbers */
    if (is_range_dash(b) && is_digit(a)) {
      size_t j = i;
      while (j < n && cps[j] == b) j++;
      if (j < n && is_digit(cps[j]))
        for (size_t t = i; t <= j; t++) discourage(brk, t);
    }
    if (is_operator(b) && i + 1 < n && !hui_is_space(a) && !hui_is_space(cps[i + 1]) &&
        (hui_is_han(a) || hui_is_han(cps[i + 1])) && brk[i] == HUI_BRK_YES)
      brk[i] = HUI_BRK_OPERATOR;
  }
}

void hui_text_breaks(const uint32_t *cps, size_t n, uint8_t *brk) {
  for (size_t i = 0; i < n; i++) brk[i] = HUI_BRK_NO;
  if (n < 2) return;
  icu_breaks(cps, n, brk);
  for (size_t i = 1; i < n; i++) {
    uint32_t a = cps[i - 1], b = cps[i];
    hui_punct pa = hui_text_punct(a), pb = hui_text_punct(b);
    if (pb == HUI_P_OPEN && breakable_neighbour(a) && pa != HUI_P_OPEN) brk[i] = HUI_BRK_YES;
    if (pa == HUI_P_CLOSE && (hui_is_han(b) || pb == HUI_P_OPEN)) brk[i] = HUI_BRK_YES;
    if (hui_text_no_start(b) || hui_text_no_end(a)) brk[i] = HUI_BRK_NO;
    if (pa == HUI_P_DOUBLE && a == b) brk[i] = HUI_BRK_NO;
    if (brk[i] == HUI_BRK_YES && is_digit(a) && hui_text_is_unit(b)) brk[i] = HUI_BRK_DISCOURAGED;
  }
  keep_numbers(cps, n, brk);
}
