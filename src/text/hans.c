/* hans: a traditional character in its simplified form (ICU's Hant-Hans
 * transliterator), for rule traditional-chars and huibian fix. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "text.h"

/* One transliterator for the process, used under a lock (a UTransliterator
 * is not safe to share between threads). NULL when ICU lacks the data. */
static pthread_mutex_t hant_lock = PTHREAD_MUTEX_INITIALIZER;
static UTransliterator *hant;
static bool hant_tried;

/* cp in Simplified when ICU changes it to exactly one code point, else cp. */
static uint32_t hans_locked(uint32_t cp) {
  if (!hant_tried) {
    hant_tried = true;
    UErrorCode err = U_ZERO_ERROR;
    UChar id[16];
    u_uastrcpy(id, "Hant-Hans");
    hant = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
    if (U_FAILURE(err)) hant = NULL;
  }
  if (!hant) return cp;
  UChar buf[16];
  int32_t len = 0, limit;
  UErrorCode err = U_ZERO_ERROR;
  U16_APPEND_UNSAFE(buf, len, cp);
  limit = len;
  utrans_transUChars(hant, buf, &len, 16, 0, &limit, &err);
  if (U_FAILURE(err) || len < 1) return cp;
  UChar32 out;
  int32_t k = 0;
  U16_NEXT(buf, k, len, out);
  return k == len ? (uint32_t)out : cp;
}

/* What ICU said for the characters of CJK Ext. A and the URO, 0 until
 * asked: a memo of a pure function, so that the rules, which ask for every
 * character of every body, pay ICU once per distinct character and take no
 * lock after. Each entry is written whole (the same value by whoever
 * writes it), so relaxed atomics are enough. */
enum { MEMO_LO = 0x3400, MEMO_HI = 0xA000 };
static _Atomic uint32_t memo[MEMO_HI - MEMO_LO];

uint32_t hui_text_hans(uint32_t cp) {
  bool memoised = cp >= MEMO_LO && cp < MEMO_HI;
  if (memoised) {
    uint32_t r = atomic_load_explicit(&memo[cp - MEMO_LO], memory_order_relaxed);
    if (r) return r;
  }
  pthread_mutex_lock(&hant_lock);
  uint32_t r = hans_locked(cp);
  pthread_mutex_unlock(&hant_lock);
  if (memoised) atomic_store_explicit(&memo[cp - MEMO_LO], r, memory_order_relaxed);
  return r;
}
