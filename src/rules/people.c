/* people: the persons of a submission — several names written into one
 * <personname> (several-names), and the same person (name + unit), or the
 * same collective, submitted twice in one edition (person-duplicate). Every
 * person of a submission of several counts: 高红 of a father-and-daughter
 * submission is the same 高红 as in a submission of her own. Keys ignore
 * white space ("张 建国" is 张建国). */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

/* ---- several names in one personname ------------------------------------ */

/* Marks that never stand inside one name but do between two: 、，,；;／/ and
 * the full-width ＆ and ASCII &. The middle dot of 阿依古丽·买买提 is part of
 * a name and not among them. */
static bool name_separator(uint32_t cp) {
  return cp == 0x3001 || cp == 0xFF0C || cp == ',' || cp == 0xFF1B || cp == ';' || cp == 0xFF0F ||
         cp == '/' || cp == 0xFF06 || cp == '&';
}

static bool is_han(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x3FFFF) || (cp >= 0xF900 && cp <= 0xFAFF);
}

/* Two-character surnames: 欧阳 娜娜 is one person whose name was spaced out,
 * not two. */
static bool compound_surname(const uint32_t *cps, size_t n) {
  static const char *const SURNAMES[] = {
      "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐",
      "长孙", "宇文", "夏侯", "轩辕", "端木", "西门", "南宫", "独孤", "司徒", "司空",
      "呼延", "澹台", "公冶", "申屠", "太史", "钟离", "闻人", "万俟", "赫连", "拓跋"};
  if (n != 2) return false;
  for (size_t i = 0; i < sizeof SURNAMES / sizeof *SURNAMES; i++) {
    uint32_t a, b;
    size_t k = hui_utf8_decode(SURNAMES[i], strlen(SURNAMES[i]), &a);
    hui_utf8_decode(SURNAMES[i] + k, strlen(SURNAMES[i]) - k, &b);
    if (cps[0] == a && cps[1] == b) return true;
  }
  return false;
}

/* True when name holds more than one person's name: parts between
 * separator marks, or Han names of two or more characters each with white
 * space between them (高青旺 高红, 张三　李四). A one-character part (张 三,
 * a two-character name spaced to line up with three-character ones) and a
 * compound surname spaced from the given name (欧阳 娜娜) are one name. */
static bool several_names(const char *name) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(name, strlen(name), &n);
  bool several = false;
  size_t parts = 0, han_parts = 0, short_part = 0, first_len = 0, start = 0;
  const uint32_t *first = NULL;
  for (size_t i = 0; i <= n && !several; i++) {
    bool end = i == n || hui_is_space(cps[i]) || name_separator(cps[i]);
    if (i < n && name_separator(cps[i]) && i > 0) {
      /* text on both sides of the mark */
      bool before = false, after = false;
      for (size_t j = 0; j < i; j++) before |= !hui_is_space(cps[j]) && !name_separator(cps[j]);
      for (size_t j = i + 1; j < n; j++) after |= !hui_is_space(cps[j]) && !name_separator(cps[j]);
      several = before && after;
    }
    if (!end) continue;
    size_t len = i - start;
    if (len > 0) {
      bool han = true;
      for (size_t j = start; j < i; j++) han &= is_han(cps[j]);
      if (!parts) {
        first = cps + start;
        first_len = len;
      }
      parts++;
      han_parts += han;
      if (len < 2) short_part++;
    }
    start = i + 1;
  }
  if (!several && parts >= 2 && han_parts == parts && !short_part)
    several = !(parts == 2 && compound_surname(first, first_len));
  free(cps);
  return several;
}

static void check_names(const hui_submission *s, const hui_field *f, hui_diags *d) {
  if (!f->text || !several_names(f->text)) return;
  hui_rule_report(d, "several-names", s->path, f->pos,
                  _("<personname>%s</personname> holds the names of several persons: give each "
                    "person an <author> of their own, one <personname> each"),
                  f->text);
}

/* ---- the same person twice ---------------------------------------------- */

typedef struct entry {
  char *key;
  size_t sub;
  size_t who; /* 0: the person (or the collective); k: others[k - 1] */
} entry;

static int cmp_entry(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  if (x->sub != y->sub) return x->sub < y->sub ? -1 : 1;
  return x->who < y->who ? -1 : x->who > y->who;
}

/* The field of person who of s (0 the first, or the collective). */
static const hui_field *person_field(const hui_submission *s, size_t who) {
  if (who > 0) return &s->others[who - 1];
  return s->person.text && *s->person.text ? &s->person : &s->collective;
}

static void add_entry(entry **v, size_t *n, size_t *cap, const hui_submission *s, size_t i,
                      size_t who, bool person) {
  const hui_field *f = person_field(s, who);
  if (!f->text || !*f->text) return;
  char *nm = hui_strip_spaces(f->text), *unit = hui_strip_spaces(person && s->unit.text ? s->unit.text : "");
  entry *x = HUI_PUSH(*v, *n, *cap);
  /* \x1F keeps "AB"+"C" apart from "A"+"BC"; 'P'/'C' keeps people apart from collectives. */
  x->key = hui_xasprintf("%c%s\x1F%s", person ? 'P' : 'C', nm, unit);
  x->sub = i;
  x->who = who;
  free(nm);
  free(unit);
}

static void report_duplicate(const hui_edition *e, const entry *x, const entry *first, hui_diags *d) {
  const hui_submission *s = &e->subs[x->sub], *t = &e->subs[first->sub];
  const hui_field *f = person_field(s, x->who), *g = person_field(t, first->who);
  bool person = f != &s->collective;
  if (x->sub == first->sub)
    hui_rule_report(d, "person-duplicate", s->path, f->pos,
                    _("%s is named twice in this submission (first on line %d): delete the second "
                      "<author>"),
                    f->text, g->pos.line);
  else if (person)
    hui_rule_report(d, "person-duplicate", s->path, f->pos,
                    _("%s (%s) is already submitted in %s:%d; a person may be recommended only once: "
                      "withdraw one of the two submissions or merge them"),
                    f->text, s->unit.text ? s->unit.text : "", t->path, g->pos.line);
  else
    hui_rule_report(d, "person-duplicate", s->path, f->pos,
                    _("the collective %s is already submitted in %s:%d; it may be recommended only once: "
                      "withdraw one of the two submissions or merge them"),
                    f->text, t->path, g->pos.line);
}

void hui_rules_people(hui_edition *e, hui_diags *d) {
  entry *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    bool person = s->person.text && *s->person.text;
    check_names(s, &s->person, d);
    for (size_t k = 0; k < s->nothers; k++) check_names(s, &s->others[k], d);
    add_entry(&v, &n, &cap, s, i, 0, person);
    for (size_t k = 0; k < s->nothers; k++) add_entry(&v, &n, &cap, s, i, k + 1, true);
  }
  if (n > 1) qsort(v, n, sizeof *v, cmp_entry);
  size_t first = 0;
  for (size_t i = 1; i < n; i++) {
    if (strcmp(v[first].key, v[i].key) != 0) first = i;
    if (first != i) report_duplicate(e, &v[i], &v[first], d);
  }
  for (size_t i = 0; i < n; i++) free(v[i].key);
  free(v);
}
