/* hans_icu: ICU's Hant-Hans transliterator, one character at a time. */
#ifndef HUI_HANS_ICU_H
#define HUI_HANS_ICU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* cp in simplified characters when ICU's Hant-Hans makes it exactly one
 * other code point, else cp (also when ICU lacks the transliterator's data).
 * Opening the transliterator costs about 35 ms, on the first call. Safe to
 * call from any thread (one at a time inside). */
uint32_t hui_hans_icu(uint32_t cp);
/* Whether ICU has the Hant-Hans transliterator. */
bool hui_hans_icu_available(void);

/* ICU's answers for every character of CJK Ext. A and the URO, made when
 * huibian is built (cmake/hans-table.c; the generated hans_table.c): the
 * pairs (traditional, simplified) where the character changes, by the
 * first. */
enum { HUI_HANS_TABLE_LO = 0x3400, HUI_HANS_TABLE_HI = 0xA000 };
extern const uint32_t hui_hans_table[][2];
extern const size_t hui_hans_table_n;
/* One bit per character of the range, from HUI_HANS_TABLE_LO: set when the
 * table has it. */
extern const unsigned char hui_hans_changed[];

#endif
