/* certificate: the campaign's <certificate> — known placeholders, a real
 * date, a number format that gives every awardee a number of its own. (Whether
 * names fit their boxes needs fonts: the composer reports cert-shrunk.) */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../certtext.h"
#include "../base/i18n.h"
#include "rules_internal.h"

static void key_list(hui_buf *b, const char *const *keys) {
  for (size_t i = 0; keys[i]; i++) hui_buf_printf(b, "%s{%s}", i ? ", " : "", keys[i]);
}

static void placeholders(hui_campaign *c, hui_diags *d, const hui_field *f, const char *what,
                         const char *const *keys) {
  if (!f->text) return;
  char *bad = hui_cert_unknown(f->text, keys);
  if (!bad) return;
  hui_buf known = {0};
  key_list(&known, keys);
  hui_rule_report(d, "cert-placeholder", c->path, f->pos,
                  _("unknown placeholder '%s' in the certificate's %s; use one of %s"), bad, what,
                  known.data);
  hui_buf_free(&known);
  free(bad);
}

/* The fixed placeholders of the official documents (compose/decision.c's
 * hui_doc_keys without the per-tier ones). */
static const char *const DOC_KEYS[] = {"year",  "campaign", "area", "organizer", "count", "tiers",
                                       "number", "date",    "start", "end",      "days",  "phone",
                                       NULL};

static void doc_placeholder(hui_campaign *c, hui_diags *d, const hui_field *f) {
  if (!f->text) return;
  char *bad = hui_doc_unknown(c, f->text, DOC_KEYS);
  if (!bad) return;
  hui_buf known = {0};
  key_list(&known, DOC_KEYS);
  hui_rule_report(d, "doc-placeholder", c->path, f->pos,
                  _("unknown placeholder '%s'; use one of %s, {count:ID} or {tier:ID} (ID: a "
                    "tier's id)"),
                  bad, known.data);
  hui_buf_free(&known);
  free(bad);
}

static void doc_date(hui_campaign *c, hui_diags *d, const hui_field *f) {
  if (!f->text) return;
  char *date = hui_cert_date(f->text, false);
  if (!date)
    hui_rule_report(d, "doc-date", c->path, f->pos,
                    _("'%s' is not a real date written YYYY-MM-DD, e.g. 2020-12-08"), f->text);
  free(date);
}

/* <decision> and <publicity>: their placeholders and dates, checked before
 * anything is built (compose/decision.c fills them in). */
static void documents(hui_campaign *c, hui_diags *d) {
  const hui_doc_config *docs[] = {&c->decision, &c->publicity};
  for (size_t i = 0; i < 2; i++) {
    const hui_doc_config *k = docs[i];
    if (!k->present) continue;
    const hui_field *texts[] = {&k->mark,   &k->title, &k->to,      &k->attachment,
                                &k->issuer, &k->cc,    &k->printer, &k->phone};
    for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) doc_placeholder(c, d, texts[t]);
    for (size_t b = 0; b < k->nblocks; b++) doc_placeholder(c, d, &k->blocks[b].text);
    const hui_field *dates[] = {&k->date, &k->print_date, &k->start, &k->end};
    for (size_t t = 0; t < sizeof dates / sizeof *dates; t++) doc_date(c, d, dates[t]);
  }
}

void hui_rules_certificate(hui_edition *e, hui_diags *d) {
  if (e->campaign.loaded) documents(&e->campaign, d);
  hui_campaign *c = &e->campaign;
  if (!c->loaded || !c->certificate.text.text) return;
  placeholders(c, d, &c->certificate.title, "<title>", hui_cert_text_keys);
  placeholders(c, d, &c->certificate.text, "<text>", hui_cert_text_keys);
  placeholders(c, d, &c->certificate.text_collective, "<text-collective>", hui_cert_text_keys);
  placeholders(c, d, &c->certificate.issuer, "<issuer>", hui_cert_text_keys);
  placeholders(c, d, &c->certificate.number_format, _("number format"), hui_cert_number_keys);
  if (c->certificate.date.text) {
    char *date = hui_cert_date(c->certificate.date.text, false);
    if (!date)
      hui_rule_report(d, "cert-date", c->path, c->certificate.date.pos,
                      _("certificate date '%s' is not a real date written YYYY-MM-DD, e.g. %d-11-20"),
                      c->certificate.date.text, c->year_num > 0 ? c->year_num : 2020);
    free(date);
  }
  /* Uniqueness does not depend on the order inside a tier (seq and n run
   * over the same values), so awardees are taken by tier, then file. */
  char *bad = c->certificate.number_format.text ? hui_cert_unknown(c->certificate.number_format.text,
                                                            hui_cert_number_keys)
                                         : NULL;
  if (bad) {
    free(bad);
    return;
  }
  size_t n = 0;
  size_t *order = hui_xcalloc(e->nsubs + 1, sizeof *order);
  for (size_t t = 0; t < c->ntiers; t++)
    for (size_t i = 0; i < e->nsubs; i++)
      if (e->subs[i].tier == (int)t) order[n++] = i;
  char **numbers = hui_cert_numbers(e, order, n);
  /* every certificate's number: per-person ones add -1, -2, … (a format
   * like {id} could then meet another awardee's, as "a-1" does id a-1's) */
  size_t m = 0, cap = 0;
  char **all = NULL;
  size_t *owner = NULL, capo = 0, no = 0;
  for (size_t i = 0; i < n; i++) {
    size_t persons = hui_cert_persons(c, &e->subs[order[i]]);
    for (size_t k = persons ? 1 : 0; k <= persons; k++) {
      *HUI_PUSH(all, m, cap) = k ? hui_cert_person_number(numbers[i], k) : hui_xstrdup(numbers[i]);
      *HUI_PUSH(owner, no, capo) = order[i];
    }
  }
  for (size_t i = 1; i < m; i++) {
    size_t j = 0;
    while (j < i && strcmp(all[j], all[i]) != 0) j++;
    if (j == i) continue;
    hui_rule_report(d, "cert-number", c->path, c->certificate.number_format.pos,
                    _("the number format '%s' gives '%s' to both %s and %s; add {seq} or {n} so "
                    "that every certificate has a number of its own"),
                    c->certificate.number_format.text ? c->certificate.number_format.text : HUI_CERT_DEFAULT_NUMBER,
                    all[i], e->subs[owner[j]].id.text, e->subs[owner[i]].id.text);
    break;
  }
  hui_cert_numbers_free(all, m);
  free(owner);
  hui_cert_numbers_free(numbers, n);
  free(order);
}
