/* rules_internal: what the rule family files share: reporting and the families. */
#ifndef HUI_RULES_INTERNAL_H
#define HUI_RULES_INTERNAL_H

#include "rules.h"

/* Adds a finding for rule id (its severity comes from the table). */
void hui_rule_report(hui_diags *d, const char *rule, const char *file, hui_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* True when s holds a real date written YYYY-MM-DD. */
bool hui_rule_iso_date(const char *s);

/* One function per family of rules; rules.c lists them in the order they run. */
void hui_rules_ids(hui_edition *e, hui_diags *d);
void hui_rules_meta(hui_edition *e, hui_diags *d);
void hui_rules_body(hui_edition *e, hui_diags *d);
void hui_rules_results(hui_edition *e, hui_diags *d);
void hui_rules_chars(hui_edition *e, hui_diags *d);

#endif
