/* report: report.json — every submission with its 字数, tier, certificate
 * number and findings, and the compendium order (an output of the
 * registry, outputs.h, and check --format=json). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../text/order.h"
#include "build.h"

/* A submission's findings as a JSON list "findings": [...]. */
static void json_findings(hui_buf *b, const hui_diags *d, const char *file) {
  hui_buf_puts(b, ", \"findings\": [");
  size_t k = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->file, file) != 0) continue;
    hui_buf_printf(b, "%s{\"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ", k++ ? ", " : "",
                   x->line, x->col, hui_severity_name(x->severity));
    hui_buf_json_str(b, x->rule);
    hui_buf_puts(b, ", \"message\": ");
    hui_buf_json_str(b, x->message);
    hui_buf_puts(b, "}");
  }
  hui_buf_puts(b, "]");
}

/* Every certificate number of submission sub, in the order of its persons,
 * as "certificates": [...]: one for a person or a collective, one per person
 * with per-person certificates, none when not awarded. */
static void json_numbers(hui_buf *b, const hui_certs *certs, size_t sub) {
  hui_buf_puts(b, ", \"certificates\": [");
  size_t k = 0;
  for (size_t i = 0; i < certs->n; i++) {
    if (certs->subs[i] != sub) continue;
    if (k++) hui_buf_puts(b, ", ");
    hui_buf_json_str(b, certs->numbers[i]);
  }
  hui_buf_puts(b, "]");
}

/* The submission's state: "awarded", "withdrawn" (with the tier it was
 * withdrawn from and the reason) or "candidate" (checked, not awarded). */
static void json_state(hui_buf *b, const hui_edition *e, const hui_submission *s) {
  const hui_award *w = s->withdrawn;
  hui_buf_printf(b, ", \"state\": \"%s\"", s->tier >= 0 ? "awarded" : w ? "withdrawn" : "candidate");
  if (!w) return;
  int t = hui_campaign_find_tier(&e->campaign, w->tier.text);
  hui_buf_puts(b, ", \"withdrawn\": {\"tier\": ");
  hui_buf_json_str(b, t >= 0 ? e->campaign.tiers[t].name : "");
  hui_buf_puts(b, ", \"reason\": ");
  hui_buf_json_str(b, w->withdrawn.text);
  hui_buf_printf(b, ", \"line\": %d}", w->withdrawn.pos.line);
}

/* The report: every submission with its count, tier and findings, and the
 * compendium order of the awarded ones, as JSON. */
char *hui_build_report_json(const hui_edition *e, const hui_diags *d, const char *edition_name,
                            const hui_certs *certs) {
  /* each awardee's certificate number, when the build made certificates (the
   * first person's, when its persons have one each) */
  const char **number = certs ? hui_xcalloc(e->nsubs ? e->nsubs : 1, sizeof *number) : NULL;
  for (size_t i = 0; certs && i < certs->n; i++)
    if (certs->subs[i] < e->nsubs && !number[certs->subs[i]]) number[certs->subs[i]] = certs->numbers[i];
  hui_buf b = {0};
  hui_buf_puts(&b, "{\n  \"tool\": \"huibian " HUIBIAN_VERSION "\",\n  ");
  hui_buf_json_name(&b, "edition", edition_name ? edition_name : e->dir);
  hui_buf_printf(&b, ",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"submissions\": [",
                 hui_diags_count(d, HUI_ERROR), hui_diags_count(d, HUI_WARNING));
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    hui_buf_puts(&b, i ? ",\n    {" : "\n    {");
    hui_buf_json_name(&b, "file", s->path);
    hui_buf_puts(&b, ", \"id\": ");
    hui_buf_json_str(&b, s->id.text ? s->id.text : "");
    hui_buf_puts(&b, ", \"name\": ");
    hui_buf_json_str(&b, hui_submission_name(s));
    hui_buf_puts(&b, ", \"title\": ");
    hui_buf_json_str(&b, s->title.text ? s->title.text : "");
    hui_buf_puts(&b, ", \"unit\": ");
    hui_buf_json_str(&b, s->unit.text ? s->unit.text : "");
    hui_buf_puts(&b, ", \"category\": ");
    hui_buf_json_str(&b, s->category.text ? s->category.text : "");
    hui_buf_printf(&b, ", \"chars\": %ld, \"tier\": ", s->charcount);
    if (s->tier >= 0) hui_buf_json_str(&b, e->campaign.tiers[s->tier].name);
    else hui_buf_puts(&b, "null");
    json_state(&b, e, s);
    if (number) {
      hui_buf_puts(&b, ", \"certificate\": ");
      if (number[i]) hui_buf_json_str(&b, number[i]);
      else hui_buf_puts(&b, "null");
      json_numbers(&b, certs, i);
    }
    size_t nerr = 0, nwarn = 0;
    for (size_t k = 0; k < hui_diags_len(d); k++) {
      const hui_diag *x = hui_diags_at(d, k);
      if (strcmp(x->file, s->path) != 0) continue;
      nerr += x->severity == HUI_ERROR;
      nwarn += x->severity == HUI_WARNING;
    }
    hui_buf_printf(&b, ", \"errors\": %zu, \"warnings\": %zu", nerr, nwarn);
    json_findings(&b, d, s->path);
    hui_buf_puts(&b, "}");
  }
  hui_buf_puts(&b, "\n  ],\n  \"compendium_order\": [");
  size_t norder;
  size_t *order = hui_order_awarded(e, &norder);
  for (size_t i = 0; i < norder; i++) {
    if (i) hui_buf_puts(&b, ", ");
    hui_buf_json_str(&b, e->subs[order[i]].id.text);
  }
  free(order);
  hui_buf_puts(&b, "],\n  \"diagnostics\": [");
  for (size_t k = 0; k < hui_diags_len(d); k++) {
    const hui_diag *x = hui_diags_at(d, k);
    hui_buf_puts(&b, k ? ",\n    {" : "\n    {");
    hui_buf_json_name(&b, "file", x->file);
    hui_buf_printf(&b, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ", x->line,
                   x->col, hui_severity_name(x->severity));
    hui_buf_json_str(&b, x->rule);
    hui_buf_puts(&b, ", \"message\": ");
    hui_buf_json_str(&b, x->message);
    hui_buf_puts(&b, "}");
  }
  hui_buf_puts(&b, "\n  ]\n}\n");
  free(number);
  return hui_buf_take(&b);
}

bool hui_write_report(hui_build_state *st) {
  char *report = hui_build_report_json(st->e, st->d, st->o->edition_name, st->certs);
  char *path = hui_path_join(st->dir, "report.json");
  bool ok = hui_write_atomic(path, report, strlen(report));
  if (!ok) fprintf(stderr, _("huibian: cannot write %s/report.json: %s\n"), st->o->out, strerror(errno));
  free(report);
  free(path);
  return ok;
}
