/* cross: originality against the other editions of a cross-county index
 * (check --against FILE; the index is written by 'huibian index', xindex.h).
 *
 * The edition's bodies are normalised, their set phrases marked and their
 * windows hashed as within the edition (shingle.h). The windows, sorted by
 * hash, are looked up in the mapped index in that order, so the index is
 * read front to back and the pages passed are given back: memory grows with
 * the edition and with what is found, not with the index. The index's
 * entries of this edition (by its name: the county and year) are left out.
 * A window in COMMON_DOCS documents or more — this edition's and the other
 * editions' together — is common phrasing and not compared, as within an
 * edition. The windows shared with other editions' documents are then
 * paired by original.c's walk under the campaign's bar, the other document
 * always the earlier one: every county finds a copied passage on its own
 * side (docs/rules.md). */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../xindex.h"
#include "rules_internal.h"
#include "shingle.h"

typedef struct qrec {
  uint64_t h;
  uint32_t doc, pos;
} qrec;

static int cmp_qrec(const void *a, const void *b) {
  const qrec *x = a, *y = b;
  if (x->h != y->h) return x->h < y->h ? -1 : 1;
  if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return (x > y) - (x < y);
}

static int cmp_passage(const void *a, const void *b) { /* longest first, then in text order */
  const hui_sh_passage *x = a, *y = b;
  if (x->cov != y->cov) return x->cov > y->cov ? -1 : 1;
  return (x->p > y->p) - (x->p < y->p);
}

/* The finding of pair a (t an index document: other[a->t - nsubs]), the
 * rank-th worst of n. */
static void report(const hui_edition *e, const hui_xindex *x, const uint32_t *other,
                   const uint32_t *lens, hui_diags *d, hui_sh_pair *a, size_t rank, size_t n) {
  const hui_submission *s = &e->subs[a->s];
  if (a->npv > 1) qsort(a->pv, a->npv, sizeof *a->pv, cmp_passage);
  hui_buf list = {0};
  hui_pos at = s->body ? s->body->pos : s->root_pos;
  for (size_t k = 0; k < a->npv && k < HUI_SH_LISTED; k++) {
    const hui_sh_passage *ps = &a->pv[k];
    char *mine;
    hui_pos p = hui_sh_locate(s, ps->p, ps->end - ps->p, &mine);
    if (k == 0) at = p;
    hui_buf_printf(&list, "%s%d:%d “%s” (%u)", k ? "; " : "", p.line, p.col, mine, ps->cov);
    free(mine);
  }
  const char *file, *ed;
  size_t flen, elen;
  uint32_t length;
  uint32_t edition = hui_xindex_doc(x, other[a->t - e->nsubs], &file, &flen, &length);
  ed = hui_xindex_edition(x, edition, &elen);
  char *where = hui_xasprintf(_("%.*s of the %.*s edition"), (int)flen, file, (int)elen, ed);
  uint32_t ls = lens[a->s], lt = lens[a->t];
  char *l = hui_buf_take(&list);
  hui_rule_report(
      d, "originality", s->path, at,
      _("%u characters of this body (%.0f%%) are also in %s (%.0f%% of that body); the longest "
        "shared passage has %u characters; pair %zu of %zu with other editions, the worst first; "
        "shared passages (%zu; line:column here, characters): %s; ask the unit whether the text "
        "is its own"),
      a->covered, ls ? 100.0 * a->covered / ls : 0, where, lt ? 100.0 * a->covered / lt : 0,
      a->longest, rank, n, a->npv, l);
  free(l);
  free(where);
}

void hui_rules_originality_against(hui_edition *e, const hui_xindex *x, hui_diags *d) {
  const hui_campaign *c = &e->campaign;
  double threshold = c->loaded ? c->rules.originality_threshold : 15;
  long min_run = c->loaded ? c->rules.originality_min_run : 50;
  size_t nsubs = e->nsubs;
  if (!nsubs || !hui_xindex_ndocs(x)) return;
  char *self = hui_xindex_edition_name(e);
  uint32_t own = hui_xindex_find_edition(x, self);
  free(self);
  /* the bodies: normalised, set phrases marked, windows hashed */
  hui_sh_stock S;
  hui_sh_stock_init(&S);
  uint32_t **norms = hui_xcalloc(nsubs, sizeof *norms);
  uint32_t *lens = hui_xcalloc(nsubs, sizeof *lens);
  size_t *off = hui_xcalloc(nsubs + 1, sizeof *off), *base = hui_xcalloc(nsubs + 1, sizeof *base);
  for (size_t i = 0; i < nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    size_t len = 0;
    if (s->loaded && s->body) norms[i] = hui_sh_normalise(s->body, &len);
    if (len > UINT32_MAX) len = 0;
    lens[i] = (uint32_t)len;
    off[i + 1] = off[i] + len;
    base[i + 1] = base[i] + (len >= HUI_SH_K ? len - HUI_SH_K + 1 : 0);
  }
  uint8_t *mark = hui_xcalloc(off[nsubs] ? off[nsubs] : 1, 1);
  qrec *q = hui_xmalloc((base[nsubs] ? base[nsubs] : 1) * sizeof *q);
  size_t nq = 0;
  const uint64_t top = hui_sh_top(), B = HUI_SH_B;
  for (uint32_t i = 0; i < nsubs; i++) {
    const uint32_t *v = norms[i];
    uint8_t *m = mark + off[i];
    hui_sh_stock_mark(&S, v, lens[i], m);
    uint64_t h = 0;
    uint32_t clean = 0;
    for (uint32_t p = 0; p < lens[i]; p++) {
      if (p >= HUI_SH_K) h -= v[p - HUI_SH_K] * top;
      h = h * B + v[p];
      clean = m[p] ? 0 : clean + 1;
      if (p + 1 >= HUI_SH_K && clean >= HUI_SH_K)
        q[nq++] = (qrec){hui_sh_mix(h), i, p + 1 - HUI_SH_K};
    }
    free(norms[i]);
  }
  free(norms);
  hui_sh_stock_free(&S);
  qsort(q, nq, sizeof *q, cmp_qrec);
  hui_xindex_expect(x, nq);
  /* the lookups, in hash order */
  size_t nplaces = base[nsubs];
  uint32_t *grp = hui_xmalloc((nplaces ? nplaces : 1) * sizeof *grp);
  memset(grp, 0xFF, (nplaces ? nplaces : 1) * sizeof *grp);
  uint64_t *hits = NULL;
  size_t nhits = 0, caphits = 0;
  for (size_t a = 0, b; a < nq; a = b) {
    size_t local = 1;
    for (b = a + 1; b < nq && q[b].h == q[a].h; b++) local += q[b].doc != q[b - 1].doc;
    size_t first, cnt = hui_xindex_find(x, q[a].h, &first), others = 0;
    uint32_t last = UINT32_MAX, doc, pos;
    for (size_t k = first; k < first + cnt && local + others < HUI_SH_COMMON_DOCS; k++) {
      const char *name;
      size_t len;
      uint32_t length;
      if (!hui_xindex_entry(x, k, &doc, &pos) ||
          hui_xindex_doc(x, doc, &name, &len, &length) == own)
        continue;
      others += doc != last;
      last = doc;
    }
    if (local + others >= HUI_SH_COMMON_DOCS) {
      for (size_t k = a; k < b; k++)
        memset(mark + off[q[k].doc] + q[k].pos, HUI_SH_MARK_COMMON, HUI_SH_K);
    } else if (others) {
      size_t start = nhits;
      for (size_t k = first; k < first + cnt; k++) {
        const char *name;
        size_t len;
        uint32_t length;
        if (!hui_xindex_entry(x, k, &doc, &pos) ||
            hui_xindex_doc(x, doc, &name, &len, &length) == own)
          continue;
        *HUI_PUSH(hits, nhits, caphits) =
            (nhits == start ? HUI_SH_GROUP : 0) | (uint64_t)doc << 32 | pos;
      }
      for (size_t k = a; k < b; k++) grp[base[q[k].doc] + q[k].pos] = (uint32_t)start;
    }
    hui_xindex_release(x, q[a].h);
  }
  free(q);
  /* the other documents found, numbered after the submissions */
  uint32_t *other = hui_xmalloc((nhits ? nhits : 1) * sizeof *other);
  for (size_t k = 0; k < nhits; k++) other[k] = hui_sh_ent_doc(hits[k]);
  qsort(other, nhits, sizeof *other, cmp_u32);
  size_t m = 0;
  for (size_t k = 0; k < nhits; k++)
    if (!m || other[m - 1] != other[k]) other[m++] = other[k];
  lens = hui_xrealloc(lens, (nsubs + m) * sizeof *lens);
  for (size_t j = 0; j < m; j++) {
    const char *name;
    size_t len;
    hui_xindex_doc(x, other[j], &name, &len, &lens[nsubs + j]);
  }
  for (size_t k = 0; k < nhits; k++) {
    uint32_t g = hui_sh_ent_doc(hits[k]);
    const uint32_t *at = bsearch(&g, other, m, sizeof *other, cmp_u32);
    hits[k] = (hits[k] & HUI_SH_GROUP) | (uint64_t)(nsubs + (size_t)(at - other)) << 32 |
              (uint32_t)hits[k];
  }
  hui_sh_hits h = {hits, nhits, grp, base, mark, off, lens, nsubs, nsubs + m};
  size_t np = 0;
  hui_sh_pair *pairs = m ? hui_orig_pairs_outside(&h, threshold, min_run, &np) : NULL;
  for (size_t i = 0; i < np; i++) {
    report(e, x, other, lens, d, &pairs[i], i + 1, np);
    free(pairs[i].pv);
  }
  free(pairs);
  free(other);
  free(hits);
  free(grp);
  free(mark);
  free(off);
  free(base);
  free(lens);
}
