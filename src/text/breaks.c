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
 */
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
 * its rule tables, which cost more than breaking a paragraph. hui_text_release
 * frees the calling thread's. */
static _Thread_local UBreakIterator *iterators[2];

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
}

/* Runs an ICU break iterator of type over cps, setting out[i] = value at
 * every boundary strictly inside the text. Returns false without ICU data. */
static bool icu_boundaries(UBreakIteratorType type, const uint32_t *cps, size_t n, uint8_t *out,
                           uint8_t value) {
  /* UTF-16 copy with a map from UTF-16 index to code point index. */
  UChar *u16 = hui_xmalloc((2 * n + 1) * sizeof *u16);
  size_t *map = hui_xmalloc((2 * n + 1) * sizeof *map);
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
  free(u16);
  free(map);
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
}
