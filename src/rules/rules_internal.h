/* rules_internal: what the rule family files share: reporting and the families. */
#ifndef HUI_RULES_INTERNAL_H
#define HUI_RULES_INTERNAL_H

#include "rules.h"

/* Adds a finding for rule id (its severity comes from the table). */
void hui_rule_report(hui_diags *d, const char *rule, const char *file, hui_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* True for a control character that text may not hold: C0 but tab and
 * newline, DEL, C1 (control-char; hui_invisible_char names the others). */
bool hui_rule_control(uint32_t cp);

/* True when s holds a real date written YYYY-MM-DD. */
bool hui_rule_iso_date(const char *s);

/* One function per family of rules; rules.c lists them in the order they run. */
void hui_rules_ids(hui_edition *e, hui_diags *d);
void hui_rules_meta(hui_edition *e, hui_diags *d);
void hui_rules_body(hui_edition *e, hui_diags *d);
void hui_rules_results(hui_edition *e, hui_diags *d);
void hui_rules_quota(hui_edition *e, hui_diags *d);
void hui_rules_chars(hui_edition *e, hui_diags *d);
void hui_rules_people(hui_edition *e, hui_diags *d);
void hui_rules_punct(hui_edition *e, hui_diags *d);
void hui_rules_pasted(hui_edition *e, hui_diags *d);
/* rules/pasted.c for punct.c: appends the fix-its of hyphen-range and
 * dash-form (rule set) to *v; true when the blank run before cps[j] is kept
 * (a run-in heading, a byline's 文/图) and is no stray space. */
void hui_pasted_fixits(const uint32_t *cps, size_t n, hui_fixit **v, size_t *nv, size_t *cap);
bool hui_pasted_space_kept(const uint32_t *cps, size_t n, size_t j);
void hui_rules_residue(hui_edition *e, hui_diags *d);
void hui_rules_originality(hui_edition *e, hui_diags *d);
/* Originality also against the env's archived bodies (rules.c runs this one). */
void hui_rules_originality_env(hui_edition *e, const hui_rules_env *env, hui_diags *d);
/* Bytes of normalised texts the originality index keeps in memory while it
 * is built (2 MB, a few hundred bodies); more go to a scratch file and are
 * read back part by part. Tests set it to 0 to read every edition back. */
extern size_t hui_originality_texts_keep;
/* Originality against the other editions of a cross-county index (cross.c). */
void hui_rules_originality_against(hui_edition *e, const struct hui_xindex *x, hui_diags *d);
void hui_rules_certificate(hui_edition *e, hui_diags *d);
/* Families that need the env (photos, fonts). */
void hui_rules_photos(hui_edition *e, const hui_rules_env *env, hui_diags *d);
/* The photo rule shared between threads: begin, then hui_photos_work on any
 * number of threads at once (each takes the next submission), then end,
 * which adds the findings to d in submission order. */
typedef struct hui_photo_work {
  const hui_edition *e;
  const hui_rules_env *env;
  _Atomic size_t next;
  hui_diags **per; /* per submission: its findings */
} hui_photo_work;
void hui_photos_begin(hui_photo_work *w, const hui_edition *e, const hui_rules_env *env);
void hui_photos_work(hui_photo_work *w);
void hui_photos_end(hui_photo_work *w, hui_diags *d);
void hui_rules_glyphs(hui_edition *e, const hui_rules_env *env, hui_diags *d);
void hui_rules_past(hui_edition *e, const hui_rules_env *env, hui_diags *d);

/* Where the k-th code point of a field's text is: exact when the loader
 * recorded text_pos, else the field's element. */
hui_pos hui_rule_field_pos(const hui_field *f, const uint32_t *cps, size_t k);
/* Advances pos over code point cp (a newline starts a new line). */
void hui_rule_advance(hui_pos *pos, uint32_t cp);

#endif
