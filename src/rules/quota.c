/* quota: the campaign's limits on how many — submissions per recommending
 * unit (unit-quota, <rules per-unit>) and the share of the awarded with a
 * given category, job title, unit or recommender (share-limit, <rules><limit>).
 * Runs after results: a submission's tier is set before any rule runs. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

/* The loaded submissions that name a recommender, sorted by it (then by
 * place, so each unit's submissions keep the edition's order): one sort,
 * not a scan per unit, for a large edition. */
typedef struct by_unit {
  const char *unit;
  size_t i;
} by_unit;

static int cmp_by_unit(const void *a, const void *b) {
  const by_unit *x = a, *y = b;
  int c = strcmp(x->unit, y->unit);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* One finding per unit over its limit, on its first submission past the
 * limit (the one to withdraw, in the edition's order), naming them all: a
 * finding on every extra submission would repeat the same list. */
static void report_unit(const hui_edition *e, hui_diags *d, const by_unit *g, size_t n,
                        long limit) {
  hui_buf ids = {0};
  for (size_t k = 0; k < n; k++) {
    const hui_submission *s = &e->subs[g[k].i];
    hui_buf_printf(&ids, "%s%s", k ? ", " : "", s->id.text && *s->id.text ? s->id.text : s->path);
  }
  const hui_submission *extra = &e->subs[g[limit].i];
  hui_rule_report(
      d, "unit-quota", extra->path, extra->recommender.pos,
      P_("recommending unit %s sends %zu submission (%s), the limit is %ld per unit; withdraw "
         "%zu of them, or correct <rules per-unit=\"%ld\"> in campaign.xml",
         "recommending unit %s sends %zu submissions (%s), the limit is %ld per unit; withdraw "
         "%zu of them, or correct <rules per-unit=\"%ld\"> in campaign.xml",
         n),
      g[0].unit, n, ids.data, limit, n - (size_t)limit, limit);
  hui_buf_free(&ids);
}

static void unit_quota(const hui_edition *e, hui_diags *d) {
  long limit = e->campaign.rules.per_unit;
  if (limit <= 0) return;
  by_unit *ix = hui_xmalloc((e->nsubs ? e->nsubs : 1) * sizeof *ix);
  size_t n = 0;
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_field *r = &e->subs[i].recommender;
    if (e->subs[i].loaded && r->text && *r->text) ix[n++] = (by_unit){r->text, i};
  }
  qsort(ix, n, sizeof *ix, cmp_by_unit);
  for (size_t a = 0, b; a < n; a = b) {
    for (b = a + 1; b < n && strcmp(ix[a].unit, ix[b].unit) == 0;) b++;
    if (b - a > (size_t)limit) report_unit(e, d, ix + a, b - a, limit);
  }
  free(ix);
}

static const hui_field *limit_field(const hui_submission *s, hui_limit_field f) {
  switch (f) {
  case HUI_LIMIT_CATEGORY: return &s->category;
  case HUI_LIMIT_JOBTITLE: return &s->position;
  case HUI_LIMIT_UNIT: return &s->unit;
  case HUI_LIMIT_RECOMMENDER: return &s->recommender;
  }
  return &s->category;
}

/* The share is over the awarded (the review group's <results>), as the
 * office counts it: before there are results there is nothing to count. */
static void share_limit(const hui_edition *e, const hui_share_limit *l, hui_diags *d) {
  size_t awarded = 0, match = 0;
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (s->tier < 0) continue;
    awarded++;
    const hui_field *f = limit_field(s, l->field);
    if (f->text && strcmp(f->text, l->value) == 0) match++;
  }
  /* the most allowed, rounded down: 20% of 12 awards allows 2, not 2.4 */
  size_t most = (size_t)(l->max_share * (double)awarded / 100.0 + 1e-9);
  if (awarded == 0 || match <= most) return;
  hui_rule_report(
      d, "share-limit", e->campaign.path, l->pos,
      P_("%zu of the %zu awarded submission have %s %s (%.1f%%), the limit is %g%% (at most %zu); "
         "take %zu of them out of <results>, or correct max-share=\"%g%%\" if the limit is wrong",
         "%zu of the %zu awarded submissions have %s %s (%.1f%%), the limit is %g%% (at most %zu); "
         "take %zu of them out of <results>, or correct max-share=\"%g%%\" if the limit is wrong",
         awarded),
      match, awarded, l->field_name, l->value, 100.0 * (double)match / (double)awarded,
      l->max_share, most, match - most, l->max_share);
}

void hui_rules_quota(hui_edition *e, hui_diags *d) {
  if (!e->campaign.loaded) return;
  unit_quota(e, d);
  for (size_t i = 0; i < e->campaign.rules.nlimits; i++)
    share_limit(e, &e->campaign.rules.limits[i], d);
}
