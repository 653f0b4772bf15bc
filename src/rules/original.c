/* original: originality (原创性) — passages that two submissions share.
 *
 * Outline:
 * 1. Normalise each body: keep Han characters, Latin letters and digits
 *    (full-width folded to ASCII, letters lower-cased); drop punctuation and
 *    white space. "男，汉族，1965年出生" becomes 男汉族1965年出生.
 * 2. Hash every window of K normalised characters (a shingle) with a rolling
 *    hash: one 8-byte entry per position, the hash in its high bits and the
 *    shingle's place (over all texts, in order) in the low ones; the texts'
 *    normalised copies are let go as soon as they are hashed.
 * 3. Sort the entries by hash (radix sort, linear) so equal shingles sit
 *    together: that is the index hash → (submission, position). No two texts
 *    are ever compared directly, so the cost grows with the total text, not
 *    with the number of pairs; the index takes about 18 bytes per character
 *    at its peak.
 * 4. Every group of equal hashes from different submissions is a shared
 *    shingle; a shingle found in more than MAX_SPREAD submissions is common
 *    phrasing (or a circular everyone quotes) and is skipped. Each shingle's
 *    place in its text records where its group starts in the index.
 * 5. Walking each submission's shingles in order and visiting the other
 *    members of each shared group gives per pair: how much of the body the
 *    shared shingles cover, the first shared passage and the longest shared
 *    run — without ever listing all matches (memory stays at the index).
 * 6. A pair is reported — on both files — when the share of either body
 *    reaches the campaign's threshold (default 15%) or a shared run reaches
 *    min-run characters (default 50).
 * 7. With check --archive the archived bodies of earlier years join the index
 *    as further documents: a pair of a submission and an archived body is
 *    reported on the submission only (naming the year and the archived file);
 *    two archived bodies are never paired.
 * Short stock phrases (中共党员, 男，汉族，19xx年出生) are shorter than K or
 * cover far less than the threshold, so they never trigger on their own. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

enum {
  K = 12,          /* shingle length in normalised characters */
  MAX_SPREAD = 50, /* a shingle in more submissions than this is common phrasing */
  SHOWN = 30       /* characters of a passage shown in the message */
};

#define NONE UINT32_MAX

/* An entry: hash << place bits | place (see hui_rules_originality_env). */
typedef uint64_t entry;

typedef struct pair {
  uint32_t s, t;
  uint32_t covered, first_p, first_q, first_len, longest;
} pair;

/* The normalised form of cp, or 0 when it is left out. */
static uint32_t norm_cp(uint32_t cp) {
  if (cp >= 0xFF10 && cp <= 0xFF19) cp = cp - 0xFF10 + '0';
  else if (cp >= 0xFF21 && cp <= 0xFF3A) cp = cp - 0xFF21 + 'a';
  else if (cp >= 0xFF41 && cp <= 0xFF5A) cp = cp - 0xFF41 + 'a';
  if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
  return hui_is_han(cp) || hui_is_latin_or_digit(cp) ? cp : 0;
}

/* The normalised body of s. Caller frees. */
static uint32_t *normalise(const hui_node *body, size_t *len) {
  uint32_t *v = NULL;
  size_t n = 0, cap = 0;
  for (const hui_node *x = body; x; x = hui_node_walk_next(body, x)) {
    if (x->kind != HUI_N_TEXT || !x->text) continue;
    const char *t = x->text;
    size_t tl = strlen(t), i = 0;
    while (i < tl) {
      uint32_t cp;
      size_t k = hui_utf8_decode(t + i, tl - i, &cp);
      if (!k) k = 1, cp = 0;
      uint32_t c = cp ? norm_cp(cp) : 0;
      if (c) *HUI_PUSH(v, n, cap) = c;
      i += k;
    }
  }
  *len = n;
  return v;
}

static uint64_t mix(uint64_t x) { /* splitmix64's finaliser: spreads bits for the radix sort */
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/* LSD radix sort by the bits from `from` up, 16 bits per pass (stable: the
 * entries, made in place order, stay in place order within a hash). */
static void sort_entries(entry *a, size_t n, int from) {
  entry *tmp = hui_xmalloc((n ? n : 1) * sizeof *tmp);
  size_t *count = hui_xmalloc(65536 * sizeof *count);
  entry *src = a, *dst = tmp;
  for (int shift = from; shift < 64; shift += 16) {
    memset(count, 0, 65536 * sizeof *count);
    for (size_t i = 0; i < n; i++) count[(src[i] >> shift) & 0xFFFF]++;
    size_t sum = 0;
    for (size_t b = 0; b < 65536; b++) {
      size_t c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (size_t i = 0; i < n; i++) dst[count[(src[i] >> shift) & 0xFFFF]++] = src[i];
    entry *t = src;
    src = dst;
    dst = t;
  }
  if (src != a) memcpy(a, src, n * sizeof *a);
  free(tmp);
  free(count);
}

/* The state of one pair while its first document's shingles are walked. */
typedef struct pstate {
  pair pr;
  uint32_t end, run, prev;
  bool first_run, started;
} pstate;

static int cmp_pair(const void *a, const void *b) {
  const pair *x = a, *y = b;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return (x->t > y->t) - (x->t < y->t);
}

/* The index, and the state of the pairs of one document being walked. */
typedef struct walker {
  const entry *ent;   /* by now doc << 32 | position (see step 4) */
  const uint32_t *grp, *gend;
  const size_t *base;
  size_t nsubs; /* the edition's submissions; documents past them are archived */
  int32_t *slot; /* per other document: its index in st, or -1 */
  pstate *st;
  size_t nst, capst;
} walker;

/* Walks document sd's shingles in order and, for each other document t
 * sharing one (only those with want[t], when want is given), extends t's
 * coverage, runs and first passage. Leaves the pairs in w->st (in the order
 * met: the caller sorts what it keeps) and resets nothing: the caller resets
 * w->slot for them. */
static void walk(walker *w, uint32_t sd, const uint8_t *want) {
  w->nst = 0;
  size_t n = w->base[sd + 1] - w->base[sd];
  for (uint32_t p = 0; p < n; p++) {
    uint32_t a = w->grp[w->base[sd] + p];
    if (a == NONE) continue;
    for (uint32_t x = a; x < w->gend[a]; x++) {
      uint32_t t = (uint32_t)(w->ent[x] >> 32);
      if (t == sd || (want && !want[t])) continue;
      if (sd >= w->nsubs && t >= w->nsubs) continue; /* two archived */
      if (w->slot[t] < 0) {
        w->slot[t] = (int32_t)w->nst;
        pstate *ps = HUI_PUSH(w->st, w->nst, w->capst);
        ps->pr.s = sd;
        ps->pr.t = t;
        ps->pr.first_p = p;
        ps->pr.first_q = (uint32_t)w->ent[x];
        ps->first_run = true;
        ps->started = false;
      }
      pstate *ps = &w->st[w->slot[t]];
      if (ps->started && p == ps->prev) continue; /* the same position against another place */
      ps->pr.covered += p >= ps->end ? K : p + K - ps->end;
      ps->end = p + K;
      if (ps->started && p == ps->prev + 1) {
        ps->run++;
      } else {
        if (ps->started) ps->first_run = false;
        ps->run = 1;
      }
      if (ps->first_run) ps->pr.first_len = ps->run + K - 1;
      if (ps->run + K - 1 > ps->pr.longest) ps->pr.longest = ps->run + K - 1;
      ps->prev = p;
      ps->started = true;
    }
  }
}

static const pair *find_pair(const pair *v, size_t n, uint32_t s, uint32_t t) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].s < s || (v[mid].s == s && v[mid].t < t)) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && v[lo].s == s && v[lo].t == t ? &v[lo] : NULL;
}

/* The source position of normalised character k of s's body, and up to SHOWN
 * characters of the original text from there (len normalised characters at
 * most; white space dropped), with … when shortened. Caller frees *text. */
static hui_pos locate(const hui_submission *s, uint32_t k, uint32_t len, char **text) {
  hui_pos where = s->body ? s->body->pos : s->root_pos;
  hui_buf b = {0};
  uint32_t seen = 0, taken = 0, shown = 0;
  bool started = false, cut = false;
  for (const hui_node *x = s->body; x && !cut; x = hui_node_walk_next(s->body, x)) {
    if (x->kind != HUI_N_TEXT || !x->text) continue;
    hui_pos p = x->pos;
    const char *t = x->text;
    size_t tl = strlen(t), i = 0;
    while (i < tl) {
      uint32_t cp;
      size_t n = hui_utf8_decode(t + i, tl - i, &cp);
      if (!n) n = 1, cp = 0xFFFD;
      bool counts = norm_cp(cp) != 0;
      if (!started && counts && seen == k) {
        started = true;
        where = p;
      }
      if (started) {
        if (counts && taken == len) {
          cut = true;
          break;
        }
        if (shown == SHOWN) {
          hui_buf_puts(&b, "\xE2\x80\xA6"); /* … */
          cut = true;
          break;
        }
        if (!hui_is_space(cp)) {
          hui_buf_add(&b, t + i, n);
          shown++;
        }
        taken += counts;
      }
      seen += counts;
      hui_rule_advance(&p, cp);
      i += n;
    }
  }
  *text = hui_buf_take(&b);
  return where;
}

/* The documents compared: the edition's submissions, then the archived bodies. */
typedef struct docs {
  const hui_edition *e;
  const hui_archived_body **arch; /* those of earlier years */
  size_t narch;
} docs;

static const hui_submission *doc_sub(const docs *D, uint32_t i) {
  return i < D->e->nsubs ? &D->e->subs[i] : D->arch[i - D->e->nsubs]->sub;
}

static void report(const docs *D, hui_diags *d, const pair *a, const uint32_t *lens) {
  const hui_submission *s = doc_sub(D, a->s), *t = doc_sub(D, a->t);
  char *mine, *theirs;
  hui_pos p = locate(s, a->first_p, a->first_len, &mine);
  hui_pos q = locate(t, a->first_q, a->first_len, &theirs);
  free(theirs);
  double share = lens[a->s] ? 100.0 * a->covered / lens[a->s] : 0;
  if (a->t >= D->e->nsubs) {
    const hui_archived_body *ab = D->arch[a->t - D->e->nsubs];
    hui_rule_report(d, "originality", s->path, p,
                    _("this passage is also in the archived %s edition, %s:%d:%d: “%s”; %.0f%% of this body "
                    "(%u of %u characters) is shared with it, the longest shared run has %u characters; ask "
                    "the unit whether the text is its own"),
                    ab->year, ab->file, q.line, q.col, mine, share, a->covered, lens[a->s], a->longest);
  } else {
    hui_rule_report(d, "originality", s->path, p,
                    _("this passage is also in %s:%d:%d: “%s”; %.0f%% of this body (%u of %u characters) is "
                    "shared with it, the longest shared run has %u characters; ask the unit whether the text "
                    "is its own"),
                    t->path, q.line, q.col, mine, share, a->covered, lens[a->s], a->longest);
  }
  free(mine);
}

void hui_rules_originality(hui_edition *e, hui_diags *d) { hui_rules_originality_env(e, NULL, d); }

void hui_rules_originality_env(hui_edition *e, const hui_rules_env *env, hui_diags *d) {
  const hui_campaign *c = &e->campaign;
  docs D = {e, NULL, 0};
  size_t capa = 0;
  for (size_t i = 0; env && i < env->narchived; i++) {
    const hui_archived_body *ab = &env->archived[i];
    if (!ab->sub || !ab->sub->body || !ab->sub->loaded) continue;
    if (c->year_num > 0 && ab->year && atoi(ab->year) >= c->year_num) continue;
    *HUI_PUSH(D.arch, D.narch, capa) = ab;
  }
  /* campaign.xml's values (the loader sets the defaults 15% and 50). */
  double threshold = c->loaded ? c->rules.originality_threshold : 15;
  long min_run = c->loaded ? c->rules.originality_min_run : 50;
  size_t nsubs = e->nsubs + D.narch; /* documents: submissions, then archived bodies */
  if (nsubs < 2 || !e->nsubs) {
    free(D.arch);
    return;
  }
  uint32_t *lens = hui_xcalloc(nsubs, sizeof *lens);
  uint32_t **norms = hui_xcalloc(nsubs, sizeof *norms);
  size_t total = 0;
  for (size_t i = 0; i < nsubs; i++) {
    const hui_submission *s = doc_sub(&D, (uint32_t)i);
    if (!s->loaded || !s->body) continue;
    size_t len;
    norms[i] = normalise(s->body, &len);
    lens[i] = (uint32_t)len;
    if (len >= K) total += len - K + 1;
  }
  /* 2. shingles: the place (base[doc] + pos) in the low bits, enough for
   * every place; the hash in the rest (at least 32 bits: a few chance
   * collisions in a huge edition would add a stray 12 characters) */
  int bits = 1;
  while (bits < 32 && ((size_t)1 << bits) < total) bits++;
  const uint64_t mask = ((uint64_t)1 << bits) - 1;
  entry *ent = hui_xmalloc((total ? total : 1) * sizeof *ent);
  uint32_t *doc = hui_xmalloc((total ? total : 1) * sizeof *doc);
  size_t ne = 0;
  uint64_t top = 1; /* B^(K-1) */
  const uint64_t B = 0x100000001B3ull;
  for (int i = 1; i < K; i++) top *= B;
  for (size_t i = 0; i < nsubs; i++) {
    const uint32_t *v = norms[i];
    if (lens[i] >= K) {
      uint64_t h = 0;
      for (uint32_t p = 0; p < lens[i]; p++) {
        if (p >= K) h -= v[p - K] * top;
        h = h * B + v[p];
        if (p + 1 >= K) {
          ent[ne] = (mix(h) & ~mask) | ne;
          doc[ne] = (uint32_t)i;
          ne++;
        }
      }
    }
    free(norms[i]);
    norms[i] = NULL;
  }
  /* 3. the index */
  sort_entries(ent, ne, bits);
  /* 4. groups: for every shingle (by its place in the text), where its group
   * of equal shingles starts in the sorted index, or NONE when it is shared
   * with nobody or is common phrasing. A shingle's place is base[sub] + pos:
   * they were added in that order. */
  size_t *base = hui_xcalloc(nsubs + 1, sizeof *base);
  for (size_t i = 0; i < nsubs; i++) base[i + 1] = base[i] + (lens[i] >= K ? lens[i] - K + 1 : 0);
  uint32_t *grp = hui_xmalloc((ne ? ne : 1) * sizeof *grp);
  uint32_t *gend = hui_xmalloc((ne ? ne : 1) * sizeof *gend);
  for (size_t a = 0; a < ne;) {
    size_t b = a + 1;
    while (b < ne && (ent[b] & ~mask) == (ent[a] & ~mask)) b++;
    /* distinct submissions in the group (entries of one submission are adjacent
     * after a stable radix sort, as positions were added in order) */
    size_t spread = 1;
    for (size_t k = a + 1; k < b; k++) spread += doc[ent[k] & mask] != doc[ent[k - 1] & mask];
    bool shared = spread >= 2 && spread <= MAX_SPREAD;
    gend[a] = (uint32_t)b;
    for (size_t k = a; k < b; k++) grp[ent[k] & mask] = shared ? (uint32_t)a : NONE;
    /* the hash has done its work: each entry becomes doc << 32 | position,
     * what the walk reads, in the group's order */
    for (size_t k = a; k < b; k++) {
      size_t place = (size_t)(ent[k] & mask);
      ent[k] = (uint64_t)doc[place] << 32 | (uint64_t)(place - base[doc[place]]);
    }
    a = b;
  }
  free(doc);
  doc = NULL;
  /* 5. per pair (s, t), in two passes: the first keeps the pairs whose own
   * side reaches the threshold or the run length; the second computes the
   * other side of each of those where it fell short (a finding goes on both
   * files). The pairs that share a few stock phrases — nearly all of them —
   * are never stored. */
  walker w = {ent, grp, gend, base, e->nsubs, hui_xmalloc(nsubs * sizeof(int32_t)), NULL, 0, 0};
  for (size_t i = 0; i < nsubs; i++) w.slot[i] = -1;
  pair *pairs = NULL;
  size_t np = 0, capp = 0;
  for (uint32_t sd = 0; sd < nsubs; sd++) {
    walk(&w, sd, NULL);
    for (size_t k = 0; k < w.nst; k++) {
      const pair *pr = &w.st[k].pr;
      double share = lens[pr->s] ? 100.0 * pr->covered / lens[pr->s] : 0;
      if (share + 1e-9 >= threshold || (long)pr->longest >= min_run) *HUI_PUSH(pairs, np, capp) = *pr;
      w.slot[pr->t] = -1;
    }
  }
  if (np > 1) qsort(pairs, np, sizeof *pairs, cmp_pair); /* for find_pair */
  pair *need = NULL; /* (s, t) = the missing side, to compute */
  size_t nneed = 0, capneed = 0;
  for (size_t i = 0; i < np; i++)
    if (!find_pair(pairs, np, pairs[i].t, pairs[i].s))
      *HUI_PUSH(need, nneed, capneed) = (pair){.s = pairs[i].t, .t = pairs[i].s};
  if (nneed > 1) qsort(need, nneed, sizeof *need, cmp_pair);
  uint8_t *want = hui_xcalloc(nsubs, 1);
  for (size_t a = 0; a < nneed;) {
    size_t b = a;
    for (; b < nneed && need[b].s == need[a].s; b++) want[need[b].t] = 1;
    walk(&w, need[a].s, want);
    for (size_t k = 0; k < w.nst; k++) {
      *HUI_PUSH(pairs, np, capp) = w.st[k].pr;
      w.slot[w.st[k].pr.t] = -1;
    }
    for (size_t k = a; k < b; k++) want[need[k].t] = 0;
    a = b;
  }
  if (np > 1) qsort(pairs, np, sizeof *pairs, cmp_pair);
  free(want);
  free(need);
  free(w.st);
  free(w.slot);
  free(grp);
  free(gend);
  free(base);
  free(ent);
  free(doc);
  /* 6. report each pair once, on both files */
  for (size_t i = 0; i < np; i++) {
    const pair *a = &pairs[i];
    if (a->s > a->t) continue;
    const pair *b = find_pair(pairs, np, a->t, a->s);
    double sa = lens[a->s] ? 100.0 * a->covered / lens[a->s] : 0;
    double sb = b && lens[a->t] ? 100.0 * b->covered / lens[a->t] : 0;
    uint32_t bl = b ? b->longest : 0, longest = a->longest > bl ? a->longest : bl;
    if (sa + 1e-9 < threshold && sb + 1e-9 < threshold && (long)longest < min_run) continue;
    /* an archived body gets no finding: it is sealed */
    if (a->s < e->nsubs) report(&D, d, a, lens);
    if (b && a->t < e->nsubs) report(&D, d, b, lens);
  }
  free(pairs);
  for (size_t i = 0; i < nsubs; i++) free(norms[i]);
  free(norms);
  free(lens);
  free(D.arch);
}
