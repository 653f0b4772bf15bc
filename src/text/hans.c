/* hans: a traditional character in its simplified form (ICU's Hant-Hans
 * transliterator), for rule traditional-chars and huibian fix.
 *
 * The rules ask for every character of every body. For CJK Ext. A and the
 * URO, where nearly all of them are, ICU's answers were asked once, when
 * huibian was built (cmake/hans-table.c): a binary search here, without
 * opening the transliterator, which alone cost more than the rule's every
 * other step on an edition of 500 submissions. Other characters go to ICU
 * (hans_icu.c). */
#include "hans_icu.h"
#include "text.h"

uint32_t hui_text_hans(uint32_t cp) {
  if (cp < HUI_HANS_TABLE_LO || cp >= HUI_HANS_TABLE_HI) return hui_hans_icu(cp);
  uint32_t k = cp - HUI_HANS_TABLE_LO;
  if (!(hui_hans_changed[k / 8] >> (k % 8) & 1)) return cp; /* nearly every character */
  size_t lo = 0, hi = hui_hans_table_n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (hui_hans_table[mid][0] == cp) return hui_hans_table[mid][1];
    if (hui_hans_table[mid][0] < cp) lo = mid + 1;
    else hi = mid;
  }
  return cp;
}
