/* certtext: the words of a certificate — placeholders, numbers, dates — shared
 * by the rules (which check them) and the certificate composer (which prints
 * them). Plain model-level text functions: no fonts, no layout. */
#ifndef HUI_CERTTEXT_H
#define HUI_CERTTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* A placeholder's name and its value. */
typedef struct hui_cert_var {
  const char *key, *value;
} hui_cert_var;

/* The placeholders of the certificate texts (title, text, text-collective,
 * issuer, and a template box's text), NULL-terminated: name, unit, position,
 * area, campaign, tier, prize (the tier's prize="…", else its name), year,
 * number, date. */
extern const char *const hui_cert_text_keys[];
/* The placeholders of number/@format, NULL-terminated: year, tier-no (1-based
 * tier index), tier-id, seq (1-based position within the tier in compendium
 * order), n (1-based position in the whole edition), id (submission id). */
extern const char *const hui_cert_number_keys[];

#define HUI_CERT_DEFAULT_NUMBER "{year}-{tier-no}-{seq:03}"

/* Expands {key} and {key:0N} (the value left-padded with zeros to N
 * characters) in pattern; "{{" and "}}" stand for braces. Returns a fresh
 * string (caller frees). On an unknown key or a malformed placeholder returns
 * NULL and sets *bad to the offending placeholder as written (caller frees). */
char *hui_cert_expand(const char *pattern, const hui_cert_var *vars, size_t nvars, char **bad);

/* The first placeholder of pattern that is not one of known (NULL-terminated),
 * as written (caller frees); NULL when all are known. */
char *hui_cert_unknown(const char *pattern, const char *const *known);

/* The first placeholder of an official document's text (<decision>,
 * <publicity>) that c does not fill, as written (caller frees); NULL when
 * all are known. Known: the fixed names of known (NULL-terminated), and
 * {count:ID} and {tier:ID} for the ids of c's tiers; "{{" and "}}" are
 * braces. An unclosed "{" is returned as it stands. */
char *hui_doc_unknown(const hui_campaign *c, const char *pattern, const char *const *known);

/* An ISO date (YYYY-MM-DD) written the Chinese way: 2020年11月20日, or in
 * Chinese numerals, 二〇二〇年十一月二十日. NULL when iso is not a real date.
 * Caller frees. */
char *hui_cert_date(const char *iso, bool chinese);

/* The certificate text pattern for an awardee: <text>, or for a collective
 * (no person) <text-collective>, else <text> with "{name}同志" made "{name}"
 * (a collective is not addressed as 同志). Caller frees; NULL if no text. */
char *hui_cert_text_pattern(const hui_campaign *c, const hui_submission *s);

/* How many certificates of their own the persons of awardee s get: with
 * <certificate per-person="yes">, one each for a submission of several
 * persons (1 + s->nothers); 0 when s gets one certificate naming everyone
 * (a single person, a collective, or per-person="no"). A person's
 * certificate number is the awardee's with -1, -2, … after it, in the order
 * of the <author>s. */
size_t hui_cert_persons(const hui_campaign *c, const hui_submission *s);
/* The number of person k (from 1) of an awardee numbered number:
 * "2021-1-003-2". Caller frees. */
char *hui_cert_person_number(const char *number, size_t k);

/* Numbers of the awardees order[0..n) (compendium order) by the campaign's
 * number/@format (HUI_CERT_DEFAULT_NUMBER when absent). A fresh array of n
 * fresh strings (free with hui_cert_numbers_free); a bad format gives "".
 * The same results always give the same numbers. */
char **hui_cert_numbers(const hui_edition *e, const size_t *order, size_t n);
void hui_cert_numbers_free(char **numbers, size_t n);

#endif
