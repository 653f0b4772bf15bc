/* text: Chinese character classes and line-break opportunities (ICU UAX #14,
 * refined by the prohibition rules of GB/T 15834 and clreq). The only module
 * that uses ICU's break iterator. */
#ifndef HUI_TEXT_H
#define HUI_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* How a full-width mark sits in its one-em cell (Simplified Chinese practice:
 * clreq #punctuation_width_adjustment). */
typedef enum hui_punct {
  HUI_P_NONE,    /* not a full-width mark */
  HUI_P_CLOSE,   /* glyph in the left half, blank right half: ，。、；：？！ ）》” … */
  HUI_P_OPEN,    /* glyph in the right half, blank left half: （《“ … */
  HUI_P_MIDDLE,  /* glyph centred, a quarter blank each side: · */
  HUI_P_DOUBLE,  /* —— and ……: two cells, never split, never squeezed */
  HUI_P_SOLID    /* full-width but not compressible (e.g. ～) */
} hui_punct;

/* Break opportunity before a character. */
enum {
  HUI_BRK_NO = 0,         /* never break here */
  HUI_BRK_YES = 1,        /* a normal opportunity */
  HUI_BRK_DISCOURAGED = 2, /* allowed, but only if nothing better fits (number + unit) */
  HUI_BRK_OPERATOR = 3     /* allowed, but discouraged: an operator would start a line (`+就业`) */
};

/* False for the code points that no entry of the mark tables (cjk.c) has:
 * the Han characters and kana asked about for every character of a text are
 * answered here, without a call. An entry outside these ranges needs this
 * test changed. */
static inline int hui_text_tabled(uint32_t cp) {
  return !((cp > 0x3017 && cp < 0xFF01 && cp != 0x30FB) || cp > 0xFF5E);
}
hui_punct hui_text_punct_tabled(uint32_t cp);
int hui_text_no_start_tabled(uint32_t cp);
int hui_text_no_end_tabled(uint32_t cp);
int hui_text_squeezable_tabled(uint32_t cp);

static inline hui_punct hui_text_punct(uint32_t cp) {
  return hui_text_tabled(cp) ? hui_text_punct_tabled(cp) : HUI_P_NONE;
}
/* True for marks that may not start a line (docs/typography.md, A1). */
static inline int hui_text_no_start(uint32_t cp) {
  return hui_text_tabled(cp) && hui_text_no_start_tabled(cp);
}
/* True for marks that may not end a line (docs/typography.md, A2). */
static inline int hui_text_no_end(uint32_t cp) {
  return hui_text_tabled(cp) && hui_text_no_end_tabled(cp);
}
/* True for a measure word or unit that should stay with a number before it. */
int hui_text_is_unit(uint32_t cp);
/* True for marks whose right half may be squeezed (C4: ，、；：); 。？！ are not
 * squeezed except at line end. */
static inline int hui_text_squeezable(uint32_t cp) {
  return hui_text_tabled(cp) && hui_text_squeezable_tabled(cp);
}

/* Fills brk[i] (i in 0..n-1) with the opportunity to break before cps[i];
 * brk[0] is HUI_BRK_NO. */
void hui_text_breaks(const uint32_t *cps, size_t n, uint8_t *brk);

/* Marks in brk[i] (i in 1..n-1) whether a word starts at cps[i], by ICU's
 * dictionary-based word segmentation (for titles: E6 keeps words whole). */
void hui_text_words(const uint32_t *cps, size_t n, uint8_t *word_start);

/* Frees what the break functions keep between calls (at the end of a run). */
void hui_text_release(void);

/* cp in simplified characters when ICU's Hant-Hans makes it exactly one
 * other code point, else cp. Safe to call from any thread. */
uint32_t hui_text_hans(uint32_t cp);

#endif
