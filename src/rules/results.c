/* results: the review group's awards in campaign.xml — known ids and tiers, no
 * submission awarded twice, quotas kept (a withdrawn award counts for none:
 * it is out of the outputs); and each submission's tier (or its withdrawn
 * award), which
 * hui_rules_tiers sets before any rule runs (the build orders the compendium
 * by it while the rules run on another thread, so the rule only reads it). */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

/* The submissions with an id, sorted by id (then by place): an award is
 * found by binary search, not by scanning every submission (quadratic in a
 * large edition). */
typedef struct by_id {
  const char *id;
  size_t i;
} by_id;

static int cmp_by_id(const void *a, const void *b) {
  const by_id *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The first submission with id (as hui_edition_find), or -1. */
static long find(const by_id *ix, size_t n, const char *id) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(ix[mid].id, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && strcmp(ix[lo].id, id) == 0 ? (long)ix[lo].i : -1;
}

/* Walks the awards: reports into d (when not NULL), sets tiers when assign. */
static void walk(hui_edition *e, hui_diags *d, bool assign) {
  hui_campaign *c = &e->campaign;
  if (!c->loaded) return;
  bool unreadable = false;
  for (size_t i = 0; i < e->nsubs; i++) unreadable |= !e->subs[i].loaded;
  size_t *count = hui_xcalloc(c->ntiers ? c->ntiers : 1, sizeof *count);
  long *first_award = hui_xmalloc((e->nsubs ? e->nsubs : 1) * sizeof *first_award);
  for (size_t i = 0; i < e->nsubs; i++) first_award[i] = -1;
  by_id *ix = hui_xmalloc((e->nsubs ? e->nsubs : 1) * sizeof *ix);
  size_t nix = 0;
  for (size_t i = 0; i < e->nsubs; i++)
    if (e->subs[i].id.text) ix[nix++] = (by_id){e->subs[i].id.text, i};
  qsort(ix, nix, sizeof *ix, cmp_by_id);
  for (size_t a = 0; a < c->nawards; a++) {
    const hui_award *aw = &c->awards[a];
    const char *ref = aw->ref.text ? aw->ref.text : "";
    long si = aw->ref.text ? find(ix, nix, ref) : -1;
    int ti = hui_campaign_find_tier(c, aw->tier.text);
    bool ok = true;
    if (si < 0) {
      if (d)
        hui_rule_report(d, "award-unknown-id", c->path, aw->ref.pos,
                      _("award for '%s': no submission has this id%s"), ref,
                      unreadable ? _(" (or it is in a file that could not be read)") : "");
      ok = false;
    }
    if (ti < 0 && d) {
      hui_buf names = {0};
      for (size_t t = 0; t < c->ntiers; t++) hui_buf_printf(&names, "%s%s", t ? ", " : "", c->tiers[t].id);
      hui_rule_report(d, "award-unknown-tier", c->path, aw->tier.pos,
                      _("award for '%s' names tier '%s', which is not a tier of the campaign (%s)"), ref,
                      aw->tier.text ? aw->tier.text : "", names.data ? names.data : _("none"));
      hui_buf_free(&names);
    }
    if (ti < 0) ok = false;
    if (si >= 0 && first_award[si] >= 0) {
      if (d)
        hui_rule_report(d, "award-duplicate", c->path, aw->ref.pos, _("'%s' is awarded twice (first on line %d)"),
                      ref, c->awards[first_award[si]].ref.pos.line);
      continue;
    }
    if (si >= 0) first_award[si] = (long)a;
    if (ok && aw->withdrawn.text) {
      if (assign) e->subs[si].withdrawn = aw; /* out of the outputs and the quota */
    } else if (ok) {
      if (assign) e->subs[si].tier = ti;
      count[ti]++;
    }
  }
  /* quota="0" allows no award at all; a tier without a quota (-1) has no limit */
  for (size_t t = 0; d && t < c->ntiers; t++)
    if (c->tiers[t].quota >= 0 && count[t] > (size_t)c->tiers[t].quota)
      hui_rule_report(d, "tier-over-quota", c->path, c->tiers[t].pos,
                      P_("tier %s (%s) has %zu award, its quota is %d; take %zu of them out of "
                         "<results>, or correct quota=\"%d\" if the quota is wrong",
                         "tier %s (%s) has %zu awards, its quota is %d; take %zu of them out of "
                         "<results>, or correct quota=\"%d\" if the quota is wrong",
                         count[t]),
                      c->tiers[t].name, c->tiers[t].id, count[t],
                      c->tiers[t].quota, count[t] - (size_t)c->tiers[t].quota, c->tiers[t].quota);
  free(count);
  free(first_award);
  free(ix);
}

void hui_rules_tiers(hui_edition *e) {
  for (size_t i = 0; i < e->nsubs; i++) {
    e->subs[i].tier = -1;
    e->subs[i].withdrawn = NULL;
  }
  walk(e, NULL, true);
}

void hui_rules_results(hui_edition *e, hui_diags *d) { walk(e, d, false); }
