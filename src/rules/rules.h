/* rules: the campaign's checks over a loaded edition, as a registry table. */
#ifndef HUI_RULES_H
#define HUI_RULES_H

#include "../diag.h"
#include "../model.h"

typedef struct hui_rule {
  const char *id;        /* stable, e.g. "too-long" */
  hui_severity severity; /* default severity */
  const char *summary;   /* one line for --help and docs */
} hui_rule;

/* The table of all rules (ids reported by any stage, including the loader's). */
const hui_rule *hui_rules_table(size_t *n);

/* Runs every rule over e, adding findings to d. Also fills each submission's
 * charcount and tier. */
void hui_rules_run(hui_edition *e, hui_diags *d);

/* 字数 of a body (DESIGN.md): each Han character and each full-width punctuation
 * mark counts 1, each run of Latin letters or digits counts 1, white space 0. */
long hui_count_chars(const hui_node *body);
/* The same rule over a UTF-8 string. */
long hui_count_text(const char *s);

#endif
