/* cjk: the Chinese line-break and punctuation tables, each entry with the rule
 * of docs/typography.md and its source beside it. */
#include "text.h"

#include <pthread.h>
#include <stdbool.h>

#include "../base/base.h"

typedef struct punct_entry {
  uint32_t cp;
  hui_punct kind;
  bool no_start, no_end;
  bool squeeze; /* right (or left) half may be squeezed when pushing in */
} punct_entry;

/* Sorted by code point. Sources:
 * A1 no_start: GB/T 15834-2011 §5.1.1 (，。、；：), §5.1.2 (？！), §5.1.3 closing
 *    halves, §5.1.6 connectors, §5.1.7 interpunct, §5.1.9 solidus; clreq
 *    #prohibition_rules_for_line_start_end level "basic".
 * A2 no_end: §5.1.3 opening halves, §5.1.9 solidus (clreq level "GB").
 * C4 squeeze: clreq #procedures_for_inter-character_spacing_reduction — ，、；：
 *    and brackets may be squeezed to half; 。？！ are not (a style choice).
 * Nothing from U+3018 to U+FF00 (but U+30FB) and above U+FF5E: text.h answers
 * for those without asking (hui_text_tabled); an entry there needs its test
 * and slot_of changed. At most 255 entries (slots). */
static const punct_entry PUNCT[] = {
    {0x0021, HUI_P_NONE, true, false, false},   /* ! (half-width, still A1) */
    {0x0025, HUI_P_NONE, true, false, false},   /* % unit sign stays with number (A5) */
    {0x0029, HUI_P_NONE, true, false, false},   /* ) */
    {0x002C, HUI_P_NONE, true, false, false},   /* , */
    {0x002D, HUI_P_NONE, true, false, false},   /* - connector, §5.1.6 */
    {0x002E, HUI_P_NONE, true, false, false},   /* . */
    {0x002F, HUI_P_NONE, true, true, false},    /* / solidus §5.1.9 */
    {0x003A, HUI_P_NONE, true, false, false},   /* : */
    {0x003B, HUI_P_NONE, true, false, false},   /* ; */
    {0x003F, HUI_P_NONE, true, false, false},   /* ? */
    {0x005D, HUI_P_NONE, true, false, false},   /* ] */
    {0x007D, HUI_P_NONE, true, false, false},   /* } */
    {0x00B7, HUI_P_MIDDLE, true, false, true},  /* · interpunct §5.1.7 */
    {0x2014, HUI_P_DOUBLE, false, false, false}, /* — half of —— (A3; strict A4: layout/para.c) */
    {0x2018, HUI_P_OPEN, false, true, true},    /* ‘ §5.1.3 */
    {0x2019, HUI_P_CLOSE, true, false, true},   /* ’ */
    {0x201C, HUI_P_OPEN, false, true, true},    /* “ */
    {0x201D, HUI_P_CLOSE, true, false, true},   /* ” */
    {0x2026, HUI_P_DOUBLE, false, false, false}, /* … half of …… (A3) */
    {0x2103, HUI_P_NONE, true, false, false},   /* ℃ unit sign (A5) */
    {0x2236, HUI_P_CLOSE, true, false, true},   /* ∶ ratio colon */
    {0x3001, HUI_P_CLOSE, true, false, true},   /* 、 §5.1.1 */
    {0x3002, HUI_P_CLOSE, true, false, false},  /* 。 §5.1.1; not squeezed (C4 style) */
    {0x3008, HUI_P_OPEN, false, true, true},    /* 〈 §5.1.3 */
    {0x3009, HUI_P_CLOSE, true, false, true},   /* 〉 */
    {0x300A, HUI_P_OPEN, false, true, true},    /* 《 */
    {0x300B, HUI_P_CLOSE, true, false, true},   /* 》 */
    {0x300C, HUI_P_OPEN, false, true, true},    /* 「 */
    {0x300D, HUI_P_CLOSE, true, false, true},   /* 」 */
    {0x300E, HUI_P_OPEN, false, true, true},    /* 『 */
    {0x300F, HUI_P_CLOSE, true, false, true},   /* 』 */
    {0x3010, HUI_P_OPEN, false, true, true},    /* 【 */
    {0x3011, HUI_P_CLOSE, true, false, true},   /* 】 */
    {0x3014, HUI_P_OPEN, false, true, true},    /* 〔 */
    {0x3015, HUI_P_CLOSE, true, false, true},   /* 〕 */
    {0x3016, HUI_P_OPEN, false, true, true},    /* 〖 */
    {0x3017, HUI_P_CLOSE, true, false, true},   /* 〗 */
    {0x30FB, HUI_P_MIDDLE, true, false, true},  /* ・ interpunct */
    {0xFF01, HUI_P_CLOSE, true, false, false},  /* ！ §5.1.2; not squeezed */
    {0xFF08, HUI_P_OPEN, false, true, true},    /* （ §5.1.3 */
    {0xFF09, HUI_P_CLOSE, true, false, true},   /* ） */
    {0xFF0C, HUI_P_CLOSE, true, false, true},   /* ， §5.1.1 */
    {0xFF0E, HUI_P_CLOSE, true, false, false},  /* ． */
    {0xFF0F, HUI_P_SOLID, true, true, false},   /* ／ solidus §5.1.9 */
    {0xFF1A, HUI_P_CLOSE, true, false, true},   /* ： §5.1.1 */
    {0xFF1B, HUI_P_CLOSE, true, false, true},   /* ； §5.1.1 */
    {0xFF1F, HUI_P_CLOSE, true, false, false},  /* ？ §5.1.2; not squeezed */
    {0xFF3B, HUI_P_OPEN, false, true, true},    /* ［ */
    {0xFF3D, HUI_P_CLOSE, true, false, true},   /* ］ */
    {0xFF5B, HUI_P_OPEN, false, true, true},    /* ｛ */
    {0xFF5D, HUI_P_CLOSE, true, false, true},   /* ｝ */
    {0xFF5E, HUI_P_SOLID, true, false, false},  /* ～ connector §5.1.6 */
};
_Static_assert(sizeof PUNCT / sizeof *PUNCT < 256, "slots hold an entry's index in a byte");

/* Half-width opening brackets may not end a line either (A2, by analogy). */
static bool ascii_open(uint32_t cp) { return cp == '(' || cp == '[' || cp == '{'; }

/* Where each code point of the tabled ranges has its entry: 1 + its index
 * in PUNCT, or 0. U+0000..U+3017 at their code point, U+30FB after them,
 * then U+FF01..U+FF5E; made once. */
enum { SLOT_30FB = 0x3018, SLOT_FF01 = 0x3019, NSLOTS = SLOT_FF01 + 0xFF5E - 0xFF01 + 1 };
static uint8_t slots[NSLOTS];
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static size_t slot_of(uint32_t cp) {
  return cp <= 0x3017 ? cp : cp == 0x30FB ? SLOT_30FB : SLOT_FF01 + (cp - 0xFF01);
}

static void slots_init(void) {
  for (size_t i = 0; i < sizeof PUNCT / sizeof *PUNCT; i++)
    slots[slot_of(PUNCT[i].cp)] = (uint8_t)(i + 1);
}

static const punct_entry *find(uint32_t cp) {
  if (!hui_text_tabled(cp)) return NULL;
  pthread_once(&slots_once, slots_init);
  uint8_t k = slots[slot_of(cp)];
  return k ? &PUNCT[k - 1] : NULL;
}

hui_punct hui_text_punct_tabled(uint32_t cp) {
  const punct_entry *e = find(cp);
  return e ? e->kind : HUI_P_NONE;
}

int hui_text_no_start_tabled(uint32_t cp) {
  const punct_entry *e = find(cp);
  return e && e->no_start;
}

int hui_text_no_end_tabled(uint32_t cp) {
  const punct_entry *e = find(cp);
  return (e && e->no_end) || ascii_open(cp);
}

int hui_text_squeezable_tabled(uint32_t cp) {
  const punct_entry *e = find(cp);
  return e && e->squeeze;
}

/* Measure words and units kept with a preceding number (issue: do not split
 * `4月10|日` or `2524|个`). UAX #14 LB25 covers % and ℃; these extend it. */
static const char UNITS[] =
    "年月日时分秒号个人元角万亿千百岁名户家次项条件座所台辆吨亩米斤公里克升度倍届期批天周页篇处位只张把块场本册套株棵头份笔间层栋";

/* UNITS as a bit per code point of the BMP (all of them are there), made
 * once. */
static uint8_t unit_bits[65536 / 8];
static pthread_once_t units_once = PTHREAD_ONCE_INIT;

static void units_init(void) {
  size_t len = sizeof UNITS - 1, i = 0;
  while (i < len) {
    uint32_t u;
    size_t n = hui_utf8_decode(UNITS + i, len - i, &u);
    if (!n) break;
    if (u < 65536) unit_bits[u >> 3] |= (uint8_t)(1u << (u & 7));
    i += n;
  }
}

int hui_text_is_unit(uint32_t cp) {
  if (cp == '%' || cp == 0x2103 || cp == 0xFF05 || cp == 0x2030) return 1;
  if (cp < 0x3000 || cp >= 65536) return 0;
  pthread_once(&units_once, units_init);
  return unit_bits[cp >> 3] >> (cp & 7) & 1;
}
