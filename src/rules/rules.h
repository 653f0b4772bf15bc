/* rules: the campaign's checks over a loaded edition, as a registry table. */
#ifndef HUI_RULES_H
#define HUI_RULES_H

#include <stdint.h>

#include <stdio.h>

#include "../diag.h"
#include "../fonts.h"
#include "../model.h"

typedef struct hui_rule {
  const char *id;        /* stable, e.g. "too-long" */
  hui_severity severity; /* default severity */
  const char *summary;   /* one line for --help and docs */
} hui_rule;

/* The table of all rules (ids reported by any stage, including the loader's). */
const hui_rule *hui_rules_table(size_t *n);

/* What some rules need besides the edition; any member may be NULL, which
 * skips the rules that need it. Not owned by the rules. */
/* An awardee of an earlier archived edition (ARCHIVE/index.json). */
typedef struct hui_past_award {
  const char *name, *unit, *year, *tier, *title, *id, *category;
} hui_past_award;

/* A body of an earlier archived edition, for the originality rule. */
typedef struct hui_archived_body {
  const hui_submission *sub; /* loaded from the archive; owned by the caller */
  const char *year;
  const char *file;          /* as shown in messages, e.g. archive/2019/input/submissions/s7.xml */
} hui_archived_body;

typedef struct hui_rules_env {
  const hui_template *tmpl; /* the compendium template: the photo's printed size (photo-low-dpi) */
  /* The box a figure's photo is fitted into, mm (compose/blocks.h,
   * hui_figure_box): the figures' printed size (photo-low-dpi); 0 = not
   * checked. */
  double figure_w, figure_h;
  hui_fonts *fonts;         /* the font roles: glyph coverage (no-glyph) */
  /* The memory of earlier editions (check --archive): awardees recognised
   * (old-exemplar, old-exemplar-mislabelled) and bodies compared
   * (originality). Entries of the edition's own year or later are ignored. */
  const hui_past_award *past;
  size_t npast;
  const hui_archived_body *archived;
  size_t narchived;
  /* The other editions' bodies (check --against: xindex.h), compared by
   * originality as well; the edition's own entries are left out. */
  const struct hui_xindex *against;
  /* The caller has run hui_rules_tiers: the rules then only read the tiers
   * (another thread may be reading them too). */
  bool tiers_set;
} hui_rules_env;

/* Sets each submission's tier from the campaign's awards (-1 when not
 * awarded, or when the award is faulty: the results rule reports those). */
void hui_rules_tiers(hui_edition *e);

/* Runs every rule over e, adding findings to d. Also fills each submission's
 * charcount and (unless env->tiers_set) tier. hui_rules_run is hui_rules_run_env without an env. */
void hui_rules_run(hui_edition *e, hui_diags *d);
void hui_rules_run_env(hui_edition *e, const hui_rules_env *env, hui_diags *d);

/* A safe fix-it inside a text of code points: replace len code points at
 * index at with repl (0 = delete them). */
typedef struct hui_fixit {
  size_t at, len;
  uint32_t repl;
  bool punct; /* halfwidth-punct; else stray-space */
  bool safe;  /* false: reported but not fixed automatically (e.g. an unpaired quote) */
  const char *rule; /* NULL: punct (above); else the rule of rules/pasted.c that reports it */
} hui_fixit;

/* The fix-its of halfwidth-punct and stray-space (and, in the body, of
 * hyphen-range and dash-form) in cps[0..n), in order.
 * Returns their number; *out (caller frees) holds them. When spaces is false
 * only punctuation is looked at (titles, where U+3000 is usual). */
size_t hui_fixits_find(const uint32_t *cps, size_t n, bool spaces, hui_fixit **out);
/* Applies every safe fix-it until none is left. Returns a fresh array (caller
 * frees) of *out_n code points, and the number of changes in *changes. */
/* The length of the pinyin gloss whose opening parenthesis is cps[i]
 * (学(xué): from '(' to ')'), or 0 (rules/residue.c, rule pinyin-gloss). */
size_t hui_pinyin_gloss(const uint32_t *cps, size_t n, size_t i);
/* The fix-its of doubled-punct in cps[0..n): the second of two identical
 * pause or stop marks is dropped. Returns their number; *out (caller frees). */
size_t hui_residue_fixits(const uint32_t *cps, size_t n, hui_fixit **out);
/* The text in Simplified characters (ICU's Hant-Hans, one character at a
 * time) when that changes at least two different characters (rule
 * traditional-chars), else NULL. *changed: how many characters change;
 * *first: the first that does. Caller frees. */
uint32_t *hui_hans(const uint32_t *cps, size_t n, size_t *changed, size_t *first);
uint32_t *hui_fixits_apply(const uint32_t *cps, size_t n, bool spaces, size_t *out_n, size_t *changes);

/* 字数 of a body (docs/rules.md): each Han character and each full-width punctuation
 * mark counts 1, each run of Latin letters or digits counts 1, white space 0. */
long hui_count_chars(const hui_node *body);
/* The same rule over a UTF-8 string. */
long hui_count_text(const char *s);

/* For `huibian fonts EDITION`: how many distinct characters of each role the
 * role's first font draws, how many come from fallback fonts (with examples)
 * and how many no font has. */
void hui_rules_font_coverage(hui_edition *e, hui_fonts *f, FILE *out);

#endif
