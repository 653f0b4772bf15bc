/* rules: the registry of rule ids and the driver that runs every family. */
#include "rules_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"

/* Every rule id any stage reports. Ids are stable: never rename one. */
static const hui_rule rules[] = {
    /* the loader (load.c) */
    {"file-unreadable", HUI_ERROR, "a file of the edition cannot be read"},
    {"file-too-large", HUI_ERROR, "an XML file is larger than the 4 MB limit"},
    {"file-empty", HUI_ERROR, "an XML file is empty"},
    {"invalid-utf8", HUI_ERROR, "a file is not valid UTF-8"},
    {"not-well-formed", HUI_ERROR, "the XML is not well-formed"},
    {"dtd-forbidden", HUI_ERROR, "a DOCTYPE, DTD or entity declaration (never read, for safety)"},
    {"schema", HUI_ERROR, "an element, attribute or text not allowed by the schema"},
    {"too-deep", HUI_ERROR, "elements nested too deep"},
    /* ids */
    {"id-missing", HUI_ERROR, "article has no xml:id"},
    {"id-malformed", HUI_ERROR, "id has characters other than letters, digits, '-' and '_'"},
    {"id-duplicate", HUI_ERROR, "two submissions use the same id"},
    /* metadata */
    {"title-missing", HUI_ERROR, "deeds title missing or empty"},
    {"name-missing", HUI_ERROR, "neither a person nor a collective is named"},
    {"unit-missing", HUI_ERROR, "a person's unit (affiliation/orgname) is missing"},
    {"date-missing", HUI_ERROR, "submission date missing"},
    {"date-invalid", HUI_ERROR, "date not written YYYY-MM-DD or not a real date"},
    {"date-outside-window", HUI_ERROR, "submission date outside the campaign window"},
    {"category-missing", HUI_ERROR, "category (新典型/老典型) missing"},
    {"category-invalid", HUI_ERROR, "category other than 新典型 or 老典型"},
    {"photo-missing", HUI_ERROR, "photo required by the campaign but missing"},
    {"recommender-missing", HUI_ERROR, "recommending body required by the campaign but missing"},
    {"honor-missing", HUI_ERROR, "老典型 without an earlier honour"},
    {"honor-no-year", HUI_ERROR, "an honour that does not start with a four-digit year"},
    /* body */
    {"body-empty", HUI_ERROR, "the body has no text"},
    {"too-long", HUI_ERROR, "the body has more characters (字数) than max-chars"},
    {"unencodable-char", HUI_ERROR, "a character outside the BMP, which the PDF backend cannot encode yet"},
    /* results */
    {"award-unknown-id", HUI_ERROR, "an award names a submission id that does not exist"},
    {"award-unknown-tier", HUI_ERROR, "an award names a tier that does not exist"},
    {"award-duplicate", HUI_ERROR, "a submission is awarded twice"},
    {"tier-over-quota", HUI_ERROR, "a tier has more awards than its quota"},
};

/* The families, in the order they run (results before body: tiers first). */
static void (*const families[])(hui_edition *, hui_diags *) = {
    hui_rules_ids, hui_rules_meta, hui_rules_results, hui_rules_body, hui_rules_chars,
};

const hui_rule *hui_rules_table(size_t *n) {
  *n = sizeof rules / sizeof *rules;
  return rules;
}

void hui_rule_report(hui_diags *d, const char *rule, const char *file, hui_pos pos, const char *fmt, ...) {
  hui_severity sev = HUI_ERROR;
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strcmp(rules[i].id, rule) == 0) sev = rules[i].severity;
  va_list ap;
  va_start(ap, fmt);
  char *msg = hui_xvasprintf(fmt, ap);
  va_end(ap);
  hui_diag_add(d, sev, file, pos.line, pos.col, rule, "%s", msg);
  free(msg);
}

bool hui_rule_iso_date(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
  int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || dd < 1) return false;
  int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  return dd <= max;
}

void hui_rules_run(hui_edition *e, hui_diags *d) {
  for (size_t i = 0; i < e->nsubs; i++) {
    e->subs[i].charcount = -1;
    e->subs[i].tier = -1;
  }
  for (size_t i = 0; i < sizeof families / sizeof *families; i++) families[i](e, d);
}
