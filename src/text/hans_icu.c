/* hans_icu: ICU's Hant-Hans transliterator, one character at a time (for
 * text/hans.c, and at build time for the table it looks characters up in:
 * cmake/hans-table.c). */
#include <pthread.h>
#include <stdbool.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "hans_icu.h"

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

uint32_t hui_hans_icu(uint32_t cp) {
  pthread_mutex_lock(&hant_lock);
  uint32_t r = hans_locked(cp);
  pthread_mutex_unlock(&hant_lock);
  return r;
}

bool hui_hans_icu_available(void) {
  hui_hans_icu(0x4E00);
  return hant != NULL;
}
