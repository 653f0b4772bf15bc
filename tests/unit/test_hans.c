/* test_hans: hui_text_hans answers from the table made when huibian was
 * built exactly as ICU's Hant-Hans answers now, for every character the
 * table covers, and a few characters by name. */
#include <stdio.h>

#include "check.h"
#include "text/hans_icu.h"
#include "text/text.h"

int main(void) {
  CHECK(hui_hans_icu_available());
  size_t differ = 0, changed = 0;
  for (uint32_t cp = HUI_HANS_TABLE_LO; cp < HUI_HANS_TABLE_HI; cp++) {
    uint32_t t = hui_text_hans(cp), icu = hui_hans_icu(cp);
    if (t != cp) changed++;
    if (t != icu && differ++ < 5)
      fprintf(stderr, "U+%04X: the table says U+%04X, ICU U+%04X\n", (unsigned)cp, (unsigned)t,
              (unsigned)icu);
  }
  CHECK_INT(differ, 0);
  CHECK(changed > 2000);                    /* the table is not empty */
  CHECK_INT(hui_text_hans(0x570B), 0x56FD); /* 國 国 */
  CHECK_INT(hui_text_hans(0x9AD4), 0x4F53); /* 體 体 */
  CHECK_INT(hui_text_hans(0x4E2D), 0x4E2D); /* 中 stays */
  CHECK_INT(hui_text_hans('A'), 'A');       /* outside the table: ICU, unchanged */
  CHECK_INT(hui_text_hans(0x20000), hui_hans_icu(0x20000));
  return CHECK_DONE();
}
