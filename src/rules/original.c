/* original: originality (原创性) — passages that two submissions share.
 *
 * Outline:
 * 1. Normalise each body: keep Han characters, Latin letters and digits;
 *    fold 繁體 to 简体 (ICU's Hant-Hans, one character at a time, through
 *    the text module) and full-width forms to ASCII, letters to lower case;
 *    drop punctuation and white space. "男，漢族，１９６５年出生" becomes
 *    男汉族1965年出生. Folding maps one character to one, so a position in
 *    the normalised text is still a count of kept characters of the source.
 * 2. Mark the set phrases (套话) of the built-in list (stock.c) in it: no
 *    window that touches one is compared.
 * 3. Hash every other window of K normalised characters (a shingle) with a
 *    rolling hash: one 8-byte entry per window, the hash in its high bits and
 *    the window's place (over all texts, in order) in the low ones.
 * 4. Sort the entries by hash (radix sort, linear): equal shingles sit
 *    together, the index hash → (document, position). No two texts are ever
 *    compared directly: the cost grows with the total text. The entries are
 *    made and sorted in 15 parts by the top bits of the hash, one part at a
 *    time: equal shingles fall in the same part, so the groups are those of
 *    one sort of all entries, and the index's memory at its peak is a
 *    fifteenth of the entries (the texts are kept meanwhile, 2 bytes a
 *    character; the marks are bits).
 * 5. A shingle found in COMMON_DOCS documents or more (submissions and
 *    archived bodies) is common phrasing of the genre: it is marked like a
 *    set phrase and not compared. The bar is a number of documents, not a
 *    share of the edition, so a passage two submissions share counts the
 *    same whatever else the edition holds (docs/rules.md says why). Only the
 *    shingles of two to four documents stay in the index; common ones are
 *    marked once every part is done, so that no part changes which windows
 *    another hashes.
 * 6. Walking each submission's shingles in order and visiting the members of
 *    each shared group that came earlier gives per pair the characters
 *    shared and the passages: runs of shared shingles, continued over a gap
 *    of marked (set or common) phrasing.
 * 7. A pair is reported when the shared characters reach the campaign's
 *    threshold (default 15%) of either body, or a passage reaches min-run
 *    shared characters (default 50): one finding per pair, on the later
 *    submission (by date, then file name; an archived body is always the
 *    earlier), at its longest passage, naming the other and the passages;
 *    the worst pairs first.
 * With check --archive the archived bodies of earlier years join the index
 * as further documents; two archived bodies are never paired. With check
 * --against the windows other editions share (rules/cross.c looks them up in
 * the cross-county index) are paired by the same walk under the same bar. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../text/text.h"
#include "rules_internal.h"
#include "shingle.h"

/* Steps 1 and 2's pieces, the hash and the source positions are in
 * shingle.c, shared with the cross-county index (xindex.c). */
enum {
  K = HUI_SH_K,
  COMMON_DOCS = HUI_SH_COMMON_DOCS,
  BRIDGE = 40, /* a passage goes on over at most this many marked characters */
  LISTED = HUI_SH_LISTED
};

#define NONE UINT32_MAX

/* An entry: hash << place bits | place (step 3). */
typedef uint64_t entry;

/* The normalised body, in *v (a buffer used again for each body). */
static void normalise(const hui_node *body, uint32_t **v, size_t *len, size_t *cap) {
  *len = 0;
  for (const hui_node *x = body; x; x = hui_node_walk_next(body, x))
    if (x->kind == HUI_N_TEXT && x->text) hui_sh_normalise_text(x->text, v, len, cap);
}

/* The documents compared: the edition's submissions, then the archived bodies. */
typedef struct docs {
  const hui_edition *e;
  const hui_archived_body **arch; /* those of earlier years */
  size_t narch;
  uint32_t *lens; /* normalised characters per document */
} docs;

/* Document i when it is an archived body, else NULL. */
static const hui_archived_body *doc_arch(const docs *D, uint32_t i) {
  if (i < D->e->nsubs || !D->arch || i - D->e->nsubs >= D->narch) return NULL;
  return D->arch[i - D->e->nsubs];
}

static const hui_submission *doc_sub(const docs *D, uint32_t i) {
  if (i < D->e->nsubs) return &D->e->subs[i];
  const hui_archived_body *ab = doc_arch(D, i);
  assert(ab);
  return ab ? ab->sub : NULL;
}

/* The normalised texts of all documents, kept while the index is built: a
 * character in 16 bits while every one is in the Basic Multilingual Plane
 * (the edition's Han characters nearly always are), in 32 bits from the
 * first one that is not. Once every place has its part (build_index), they
 * go to a scratch file when they are more than hui_originality_texts_keep
 * bytes (texts_spill: 5 MB for 2,000 bodies, which the parts would
 * otherwise hold beside their entries) and each part reads them back in
 * order, a block at a time (texts_doc). */
typedef struct texts {
  void **v; /* in memory: document i's characters; NULL once spilled */
  bool wide;
  int fd;            /* spilled: the file, the documents one after another; -1 else */
  const size_t *off; /* document i is characters [off[i], off[i+1]) */
  size_t ndocs;
  const docs *D; /* to normalise a document again that cannot be read back */
  uint8_t *buf;  /* spilled: characters [lo, hi) of the file */
  size_t cap, lo, hi;
  uint32_t *again; /* a document normalised again */
  size_t capagain;
  void *narrow; /* ... in 16 bits */
} texts;

enum { TEXTS_BLOCK = 32 * 1024 }; /* characters read back at a time */
size_t hui_originality_texts_keep = 2 << 20;

static size_t texts_width(const texts *T) { return T->wide ? 4 : 2; }

static uint32_t char_at(const texts *T, const void *doc, uint32_t p) {
  return T->wide ? ((const uint32_t *)doc)[p] : ((const uint16_t *)doc)[p];
}

/* Keeps v[0..n) as document i's text; documents 0..i-1, of lens[j]
 * characters, are kept already. */
static void texts_keep(texts *T, size_t i, const uint32_t *v, size_t n, const uint32_t *lens) {
  bool wide = T->wide;
  for (size_t p = 0; p < n && !wide; p++) wide = v[p] > 0xFFFF;
  if (wide && !T->wide) { /* the first character past 16 bits: widen the texts kept so far */
    for (size_t j = 0; j < i; j++) {
      const uint16_t *o = T->v[j];
      uint32_t *w = hui_xmalloc((lens[j] ? lens[j] : 1) * sizeof *w);
      for (size_t p = 0; p < lens[j]; p++) w[p] = o[p];
      free(T->v[j]);
      T->v[j] = w;
    }
    T->wide = true;
  }
  if (T->wide) {
    uint32_t *w = hui_xmalloc((n ? n : 1) * sizeof *w);
    if (n) memcpy(w, v, n * sizeof *w);
    T->v[i] = w;
  } else {
    uint16_t *w = hui_xmalloc((n ? n : 1) * sizeof *w);
    for (size_t p = 0; p < n; p++) w[p] = (uint16_t)v[p];
    T->v[i] = w;
  }
}

/* Writes the texts to a scratch file and frees them; when there is no
 * scratch file, or it cannot take them all, they stay in memory. */
static void texts_spill(texts *T) {
  /* an edition's worth of a few hundred bodies stays: read back by every
   * part, it would cost more than it frees */
  if (T->off[T->ndocs] * texts_width(T) <= hui_originality_texts_keep) return;
  T->fd = hui_scratch_file();
  if (T->fd < 0) return;
  size_t w = texts_width(T), cap = TEXTS_BLOCK * w, used = 0;
  uint8_t *b = hui_xmalloc(cap);
  bool ok = true;
  for (size_t i = 0; i < T->ndocs && ok; i++) {
    size_t n = (T->off[i + 1] - T->off[i]) * w;
    const uint8_t *src = T->v[i];
    while (n && ok) {
      size_t k = n < cap - used ? n : cap - used;
      memcpy(b + used, src, k);
      used += k, src += k, n -= k;
      if (used == cap) ok = hui_write_all(T->fd, b, used), used = 0;
    }
  }
  if (ok && used) ok = hui_write_all(T->fd, b, used);
  if (!ok) {
    free(b);
    close(T->fd);
    T->fd = -1;
    return;
  }
  for (size_t i = 0; i < T->ndocs; i++) free(T->v[i]);
  free(T->v);
  T->v = NULL;
  T->buf = b;
  T->cap = cap;
  T->lo = T->hi = 0;
}

/* Document i's characters (valid until the next call). */
static const void *texts_doc(texts *T, size_t i) {
  if (T->fd < 0) return T->v[i];
  size_t from = T->off[i], to = T->off[i + 1], w = texts_width(T);
  if (from >= T->lo && to <= T->hi) return T->buf + (from - T->lo) * w;
  /* the next block from this document on (a longer document whole) */
  size_t end = T->off[T->ndocs], hi = from + TEXTS_BLOCK > to ? from + TEXTS_BLOCK : to;
  if (hi > end) hi = end;
  if ((hi - from) * w > T->cap) {
    T->cap = (hi - from) * w;
    T->buf = hui_xrealloc(T->buf, T->cap);
  }
  if (hui_pread_all(T->fd, T->buf, (hi - from) * w, (uint64_t)from * w)) {
    T->lo = from;
    T->hi = hi;
    return T->buf;
  }
  /* the file failed us: this document from its body again (the same
   * characters: normalising is a function of the body) */
  T->lo = T->hi = 0;
  const hui_submission *s = doc_sub(T->D, (uint32_t)i);
  size_t len = 0;
  if (s && s->loaded && s->body) normalise(s->body, &T->again, &len, &T->capagain);
  assert(len == to - from);
  if (T->wide) return T->again;
  T->narrow = hui_xrealloc(T->narrow, (len ? len : 1) * sizeof(uint16_t));
  for (size_t p = 0; p < len; p++) ((uint16_t *)T->narrow)[p] = (uint16_t)T->again[p];
  return T->narrow;
}

static void texts_free(texts *T) {
  for (size_t i = 0; T->v && i < T->ndocs; i++) free(T->v[i]);
  free(T->v);
  T->v = NULL;
  if (T->fd >= 0) close(T->fd);
  T->fd = -1;
  free(T->buf);
  free(T->again);
  free(T->narrow);
  T->buf = NULL;
  T->again = NULL;
  T->narrow = NULL;
}

/* Bit sets: the marks (one bit per normalised character of all documents). */
static bool bit_get(const uint8_t *b, size_t k) { return b[k >> 3] >> (k & 7) & 1; }

static void bits_set(uint8_t *b, size_t from, size_t n) {
  for (size_t k = from; k < from + n; k++) b[k >> 3] |= (uint8_t)(1u << (k & 7));
}

/* Marks every set phrase in v[0..n): mark's bits from `at` on. */
static void stock_mark(const hui_sh_stock *S, const uint32_t *v, size_t n, uint8_t *mark,
                       size_t at) {
  for (size_t p = 0; p + 1 < n; p++) {
    size_t len = hui_sh_stock_at(S, v, n, p);
    if (len) bits_set(mark, at + p, len);
  }
}

typedef hui_sh_passage passage;
typedef hui_sh_pair pair;

/* The state of one pair while the later document's shingles are walked. */
typedef struct pstate {
  uint32_t t, covered, longest, end, prev, qlast;
  passage cur;
  bool started;
  passage *pv; /* when collecting */
  size_t npv, cappv;
} pstate;

/* The index, and the state of the pairs of one document being walked. */
typedef struct walker {
  const entry *ent; /* doc << 32 | position, group after group (see oindex) */
  size_t nent;
  const entry *at;      /* place << 32 | its group's start in ent, by place */
  const size_t *first;  /* a document's first element of at */
  const size_t *base;   /* a document's first place */
  const uint8_t *mark;  /* one bit per character: a set phrase or common phrasing */
  const size_t *off;    /* a document's first character in mark */
  const uint32_t *rank; /* later documents rank higher; archived ones 0 */
  int32_t *slot;        /* per other document: its index in st, or -1 */
  pstate *st;
  size_t nst, capst;
} walker;

/* True when the characters [from, to) of document sd are all marked and few
 * enough for a passage to go on over them. */
static bool bridged(const walker *w, uint32_t sd, uint32_t from, uint32_t to) {
  if (to - from > BRIDGE) return false;
  for (uint32_t k = from; k < to; k++)
    if (!bit_get(w->mark, w->off[sd] + k)) return false;
  return true;
}

static void close_passage(pstate *ps, bool collect) {
  if (ps->cur.cov > ps->longest) ps->longest = ps->cur.cov;
  if (collect) *HUI_PUSH(ps->pv, ps->npv, ps->cappv) = ps->cur;
}

/* One shingle at p of the walked document, shared with t at q. A passage
 * goes on while both texts go on together: the shingle overlaps the passage
 * and has moved by the same step in both texts, or it follows the passage
 * after a gap of marked characters only, with steps in the two texts that
 * differ by less than BRIDGE (a set phrase written a little differently). */
static void extend(const walker *w, uint32_t sd, pstate *ps, uint32_t p, uint32_t q, bool collect) {
  if (ps->started && p == ps->prev) return; /* the same position against another place */
  bool goes_on = false;
  if (ps->started && q > ps->qlast) {
    uint32_t dp = p - ps->prev, dq = q - ps->qlast;
    if (p <= ps->end) goes_on = dp == dq;
    else goes_on = bridged(w, sd, ps->end, p) && (dp > dq ? dp - dq : dq - dp) < BRIDGE;
  }
  if (!goes_on && ps->started && p <= ps->end && ps->cur.p == ps->prev && q >= p - ps->cur.p) {
    /* the passage's one shingle so far was matched to another place of t
     * (t has it twice): anchor the passage where this one is */
    ps->cur.q = q - (p - ps->cur.p);
    goes_on = true;
  }
  if (!goes_on) {
    if (ps->started) close_passage(ps, collect);
    ps->cur = (passage){p, p + K, q, 0};
    ps->started = true;
  }
  uint32_t add = p >= ps->end ? K : p + K - ps->end;
  ps->covered += add;
  ps->cur.cov += add;
  ps->end = ps->cur.end = p + K;
  ps->prev = p;
  ps->qlast = q;
}

/* Walks document sd's shingles in order and, for each earlier document t
 * sharing one (only those with want[t], when want is given), extends t's
 * shared characters and passages (kept in pv when collect). Leaves the pairs
 * in w->st; the caller resets w->slot for them. */
static void walk(walker *w, uint32_t sd, const uint8_t *want, bool collect) {
  w->nst = 0;
  for (size_t i = w->first[sd]; i < w->first[sd + 1]; i++) {
    uint32_t p = (uint32_t)((w->at[i] >> 32) - w->base[sd]), a = (uint32_t)w->at[i], end = a + 1;
    while (end < w->nent && !(w->ent[end] & HUI_SH_GROUP)) end++;
    for (uint32_t x = a, y; x < end; x = y) {
      uint32_t t = hui_sh_ent_doc(w->ent[x]);
      for (y = x + 1; y < end && hui_sh_ent_doc(w->ent[y]) == t; y++) {
      }
      if (w->rank[t] >= w->rank[sd] || (want && !want[t])) continue;
      if (w->slot[t] < 0) {
        w->slot[t] = (int32_t)w->nst;
        *HUI_PUSH(w->st, w->nst, w->capst) = (pstate){.t = t};
      }
      pstate *ps = &w->st[w->slot[t]];
      /* t has the shingle at [x, y): the place that continues the passage,
       * if one does, else the first */
      uint32_t q = (uint32_t)w->ent[x];
      if (ps->started && y - x > 1)
        for (uint32_t z = x; z < y; z++)
          if ((uint32_t)w->ent[z] == ps->qlast + (p - ps->prev)) q = (uint32_t)w->ent[z];
      extend(w, sd, ps, p, q, collect);
    }
  }
  for (size_t k = 0; k < w->nst; k++)
    if (w->st[k].started) close_passage(&w->st[k], collect);
}

static int cmp_worst(const void *a, const void *b) {
  const pair *x = a, *y = b;
  if (x->worst != y->worst) return x->worst > y->worst ? -1 : 1;
  if (x->longest != y->longest) return x->longest > y->longest ? -1 : 1;
  if (x->s != y->s) return x->s < y->s ? -1 : 1;
  return (x->t > y->t) - (x->t < y->t);
}

static int cmp_passage(const void *a, const void *b) { /* longest first, then in text order */
  const passage *x = a, *y = b;
  if (x->cov != y->cov) return x->cov > y->cov ? -1 : 1;
  return (x->p > y->p) - (x->p < y->p);
}

/* The finding of pair a, the rank-th worst of n. */
static void report(const docs *D, hui_diags *d, pair *a, size_t rank, size_t n) {
  const hui_submission *s = doc_sub(D, a->s), *t = doc_sub(D, a->t);
  if (a->npv > 1) qsort(a->pv, a->npv, sizeof *a->pv, cmp_passage);
  hui_buf list = {0};
  hui_pos at = s->body ? s->body->pos : s->root_pos;
  for (size_t k = 0; k < a->npv && k < LISTED; k++) {
    const passage *ps = &a->pv[k];
    char *mine, *theirs;
    hui_pos p = hui_sh_locate(s, ps->p, ps->end - ps->p, &mine);
    hui_pos q = hui_sh_locate(t, ps->q, ps->end - ps->p, &theirs);
    if (k == 0) at = p;
    hui_buf_printf(&list, "%s%d:%d ← %d:%d “%s” (%u)", k ? "; " : "", p.line, p.col, q.line, q.col,
                   mine, ps->cov);
    free(mine);
    free(theirs);
  }
  const hui_archived_body *ta = doc_arch(D, a->t);
  char *other = ta ? hui_xasprintf(_("the archived %s edition, %s"), ta->year, ta->file)
                   : hui_xstrdup(t->path);
  uint32_t ls = D->lens[a->s], lt = D->lens[a->t];
  char *l = hui_buf_take(&list);
  hui_rule_report(
      d, "originality", s->path, at,
      _("%u characters of this body (%.0f%%) are also in %s (%.0f%% of that body); the longest shared "
        "passage has %u characters; pair %zu of %zu, the worst first; shared passages (%zu; line:column "
        "here ← there, characters): %s; ask the unit whether the text is its own"),
      a->covered, ls ? 100.0 * a->covered / ls : 0, other, lt ? 100.0 * a->covered / lt : 0,
      a->longest, rank, n, a->npv, l);
  free(l);
  free(other);
}

/* A submission's place in time: its date written YYYY-MM-DD ("" without
 * one), then its file order. */
typedef struct when {
  const char *date;
  uint32_t i;
} when;

static int cmp_when(const void *a, const void *b) {
  const when *x = a, *y = b;
  int c = strcmp(x->date, y->date);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Ranks: a later submission ranks higher; archived bodies rank 0, below
 * every submission. Caller frees. */
static uint32_t *ranks(const hui_edition *e, size_t ndocs) {
  when *v = hui_xmalloc((e->nsubs ? e->nsubs : 1) * sizeof *v);
  for (uint32_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    v[i].date = s->loaded && s->date.text && hui_rule_iso_date(s->date.text) ? s->date.text : "";
    v[i].i = i;
  }
  if (e->nsubs > 1) qsort(v, e->nsubs, sizeof *v, cmp_when);
  uint32_t *rank = hui_xcalloc(ndocs, sizeof *rank);
  for (uint32_t k = 0; k < e->nsubs; k++) rank[v[k].i] = k + 1;
  free(v);
  return rank;
}

/* The index of steps 3–5: only the places whose shingle is shared by two to
 * COMMON_DOCS - 1 documents, the only ones the walk looks up. */
typedef struct oindex {
  entry *ent;    /* doc << 32 | position of those places, group after group, each in
                    place order; a group's first has HUI_SH_GROUP */
  entry *at;     /* per such place: place << 32 | its group's start in ent, by place */
  size_t *first; /* per document: its first element of at */
  size_t *base;  /* per document: its first place */
  size_t nent;
} oindex;

/* Where the places are: per document its first place (base), and per block
 * of 64 places the document that holds the block's first place. */
typedef struct places {
  const size_t *base;
  uint32_t *block;
  size_t ndocs;
} places;

static void places_init(places *P, const size_t *base, size_t ndocs) {
  size_t nb = base[ndocs] / 64 + 2;
  P->base = base;
  P->ndocs = ndocs;
  P->block = hui_xmalloc(nb * sizeof *P->block);
  for (size_t j = 0, d = 0; j < nb; j++) {
    while (d + 1 < ndocs && base[d + 1] <= j * 64) d++;
    P->block[j] = (uint32_t)d;
  }
}

/* The document of a place: the last one whose first place is not after it
 * (documents without a place share their first place with the next one). */
static uint32_t doc_of(const places *P, size_t place) {
  /* between the documents of this block's first place and the next one's */
  size_t lo = P->block[place / 64], hi = (size_t)P->block[place / 64 + 1] + 1;
  if (hi > P->ndocs) hi = P->ndocs;
  const size_t *base = P->base;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (base[mid] <= place) lo = mid;
    else hi = mid;
  }
  return (uint32_t)lo;
}

/* The hash of the K characters of document i from p (step 3). */
static uint64_t shingle(const texts *T, const void *doc, uint32_t p) {
  uint64_t h = 0;
  for (uint32_t k = p; k < p + K; k++) h = h * HUI_SH_B + char_at(T, doc, k);
  return h;
}

/* The number of places before `place` whose bit is set in has, given that
 * number per 64-bit word (before). */
static size_t rank_of(const uint64_t *has, const uint32_t *before, size_t place) {
  uint64_t below = ((uint64_t)1 << (place & 63)) - 1;
  return before[place >> 6] + (size_t)__builtin_popcountll(has[place >> 6] & below);
}

/* The places that have an entry, in place order, each with its group's
 * start (X->at), and each document's first of them (X->first). A place has
 * at most one entry, so a place's index in X->at is the number of places
 * with an entry before it: counted in a bit set, no sort needed. */
static void index_places(oindex *X, size_t total, size_t ndocs) {
  size_t nw = total / 64 + 1;
  uint64_t *has = hui_xcalloc(nw, sizeof *has);
  for (size_t k = 0; k < X->nent; k++) {
    size_t place = X->base[hui_sh_ent_doc(X->ent[k])] + (uint32_t)X->ent[k];
    has[place >> 6] |= (uint64_t)1 << (place & 63);
  }
  uint32_t *before =
      hui_xmalloc(nw * sizeof *before); /* per word: places with an entry before it */
  for (size_t w = 0, n = 0; w < nw; w++) {
    before[w] = (uint32_t)n;
    n += (size_t)__builtin_popcountll(has[w]);
  }
  X->at = hui_xmalloc((X->nent ? X->nent : 1) * sizeof *X->at);
  for (size_t a = 0, k = 0; k < X->nent; k++) {
    if (X->ent[k] & HUI_SH_GROUP) a = k;
    size_t place = X->base[hui_sh_ent_doc(X->ent[k])] + (uint32_t)X->ent[k];
    X->at[rank_of(has, before, place)] = (uint64_t)place << 32 | a;
  }
  X->first = hui_xcalloc(ndocs + 1, sizeof *X->first);
  for (size_t i = 0; i < ndocs; i++) X->first[i] = rank_of(has, before, X->base[i]);
  X->first[ndocs] = X->nent;
  free(before);
  free(has);
}

/* Keeps in chunk[0..n) only the entries whose hash another entry may have
 * too, in their order, and returns how many: most shingles are in one place
 * only, and a group of one is skipped after sorting anyway, so they need not
 * be sorted. seen holds two bits a slot for 2^logs slots (cleared here), a
 * slot per hash: seen once, seen again. A hash alone in its slot is dropped;
 * one sharing a slot by chance is kept, and makes its group of one as before. */
static size_t shared_slot(uint64_t e, uint64_t mask, int logs) {
  return (size_t)(((e & ~mask) * 0x9E3779B97F4A7C15ull) >> (64 - logs));
}

static size_t keep_shared(uint64_t *chunk, size_t n, uint64_t mask, uint64_t *seen, int logs) {
  size_t words = ((size_t)1 << logs) / 64;
  uint64_t *once = seen, *twice = seen + words;
  memset(seen, 0, 2 * words * sizeof *seen);
  for (size_t i = 0; i < n; i++) {
    size_t slot = shared_slot(chunk[i], mask, logs);
    uint64_t bit = (uint64_t)1 << (slot & 63);
    twice[slot / 64] |= once[slot / 64] & bit;
    once[slot / 64] |= bit;
  }
  size_t kept = 0;
  for (size_t i = 0; i < n; i++) {
    size_t slot = shared_slot(chunk[i], mask, logs);
    if (twice[slot / 64] >> (slot & 63) & 1) chunk[kept++] = chunk[i];
  }
  return kept;
}

/* Steps 3–5 over the normalised texts (freed here): marks common phrasing
 * in mark, which holds the set phrases' marks on entry. The entries are made
 * and sorted in PARTS parts, by the top bits of their hash: one part's
 * entries hold every place of its shingles, so each part groups on its own,
 * and only one part's entries are held at a time. A first walk over the texts
 * notes each place's part in half a byte; each part then hashes its places
 * again. */
static void build_index(oindex *X, texts *T, const uint32_t *lens, size_t ndocs, uint8_t *mark,
                        const size_t *off) {
  enum { PARTS = 15 }; /* a place's half byte: 0 (no entry) or 1 + its part */
  memset(X, 0, sizeof *X);
  X->base = hui_xcalloc(ndocs + 1, sizeof *X->base);
  for (size_t i = 0; i < ndocs; i++)
    X->base[i + 1] = X->base[i] + (lens[i] >= K ? lens[i] - K + 1 : 0);
  size_t total = X->base[ndocs];
  /* the place in the low bits, enough for every place; the hash in the rest
   * (at least 32 bits: a few chance collisions in a huge edition would add a
   * stray 12 characters) */
  int bits = 1;
  while (bits < 32 && ((size_t)1 << bits) < total) bits++;
  const uint64_t mask = ((uint64_t)1 << bits) - 1;
  const uint64_t top = hui_sh_top(), B = HUI_SH_B;
  /* half bytes in 64-bit words, 16 places a word */
  uint64_t *part = hui_xcalloc(total / 16 + 1, sizeof *part);
  size_t count[PARTS] = {0};
  for (size_t i = 0; i < ndocs; i++) {
    uint64_t h = 0;
    uint32_t clean = 0; /* unmarked characters in a row up to p */
    const void *doc = texts_doc(T, i);
    for (uint32_t p = 0; p < lens[i]; p++) {
      if (p >= K) h -= char_at(T, doc, p - K) * top;
      h = h * B + char_at(T, doc, p);
      clean = bit_get(mark, off[i] + p) ? 0 : clean + 1;
      if (p + 1 >= K && clean >= K) {
        size_t place = X->base[i] + p + 1 - K;
        /* from the hash's top 32 bits, above the place's */
        uint32_t k = (uint32_t)(((hui_sh_mix(h) >> 32) * PARTS) >> 32);
        part[place >> 4] |= (uint64_t)(k + 1) << (place & 15) * 4;
        count[k]++;
      }
    }
  }
  size_t capc = 1;
  for (int k = 0; k < PARTS; k++)
    if (count[k] > capc) capc = count[k];
  /* common phrasing found in one part must not change which windows the
   * next parts hash: its marks wait here until every part is done */
  size_t nchars = off[ndocs];
  uint8_t *common = hui_xcalloc(nchars / 8 + 1, 1);
  /* the texts were needed in memory for the first walk only */
  texts_spill(T);
  size_t capent = 0;
  places P;
  places_init(&P, X->base, ndocs);
  entry *chunk = hui_xmalloc(capc * sizeof *chunk);
  int logs = 12; /* four slots an entry or more */
  while (logs < 40 && ((size_t)1 << logs) < 4 * capc) logs++;
  uint64_t *seen = hui_xmalloc(((size_t)1 << logs) / 32 * sizeof *seen);
  for (uint32_t pk = 1; pk <= PARTS; pk++) {
    size_t ne = 0, i = 0;
    const void *doc = ndocs ? texts_doc(T, 0) : NULL;
    const uint64_t ones = 0x1111111111111111ull, low3 = 0x7777777777777777ull;
    for (size_t wd = 0; wd < total / 16 + 1; wd++) {
      /* the half bytes equal to pk: the top bit of each of them in z */
      uint64_t x = part[wd] ^ (pk * ones);
      uint64_t z = ~(((x & low3) + low3) | x) & (ones << 3);
      for (; z; z &= z - 1) {
        size_t place = wd * 16 + (size_t)__builtin_ctzll(z) / 4;
        if (X->base[i + 1] <= place) {
          while (X->base[i + 1] <= place) i++;
          doc = texts_doc(T, i);
        }
        chunk[ne++] = (hui_sh_mix(shingle(T, doc, (uint32_t)(place - X->base[i]))) & ~mask) | place;
      }
    }
    /* by hash, and in place order within a hash: an entry is its hash above
     * its place and no two have the same place, so sorting the whole entry
     * is a stable sort by hash of entries made in place order */
    ne = keep_shared(chunk, ne, mask, seen, logs);
    hui_sort_u64(chunk, ne);
    for (size_t a = 0; a < ne;) {
      size_t b = a + 1;
      while (b < ne && (chunk[b] & ~mask) == (chunk[a] & ~mask)) b++;
      if (b == a + 1) { /* a shingle no other place has (most of them): nothing to look up */
        a = b;
        continue;
      }
      /* distinct documents in the group (a document's places are adjacent) */
      size_t spread = 1;
      uint32_t prev = doc_of(&P, (size_t)(chunk[a] & mask));
      for (size_t k = a + 1; k < b; k++) {
        uint32_t dk = doc_of(&P, (size_t)(chunk[k] & mask));
        spread += dk != prev;
        prev = dk;
      }
      if (spread < COMMON_DOCS && X->nent + (b - a) > capent) {
        /* a quarter more, not twice: what the index holds at its peak */
        capent = (X->nent + (b - a)) + (X->nent + (b - a)) / 4 + 1024;
        X->ent = hui_xrealloc(X->ent, capent * sizeof *X->ent);
      }
      for (size_t k = a; k < b; k++) {
        size_t place = (size_t)(chunk[k] & mask);
        uint32_t dk = doc_of(&P, place), pos = (uint32_t)(place - X->base[dk]);
        if (spread >= COMMON_DOCS) bits_set(common, off[dk] + pos, K);
        else X->ent[X->nent++] = (k == a ? HUI_SH_GROUP : 0) | (uint64_t)dk << 32 | pos;
      }
      a = b;
    }
  }
  free(chunk);
  free(seen);
  free(part);
  free(P.block);
  texts_free(T);
  for (size_t k = 0; k < nchars / 8 + 1; k++) mark[k] |= common[k];
  free(common);
  if (X->nent) /* give back what the growth left over */
    X->ent = hui_xrealloc(X->ent, X->nent * sizeof *X->ent);
  index_places(X, total, ndocs);
}

static void index_free(oindex *X) {
  free(X->ent);
  free(X->at);
  free(X->first);
  free(X->base);
}

/* Step 6: the pairs over the bar (share of either body, or a passage's length). */
static pair *find_pairs(walker *w, const docs *D, double threshold, long min_run, size_t *np) {
  pair *pairs = NULL;
  size_t n = 0, cap = 0;
  for (uint32_t sd = 0; sd < D->e->nsubs; sd++) {
    walk(w, sd, NULL, false);
    for (size_t k = 0; k < w->nst; k++) {
      const pstate *ps = &w->st[k];
      w->slot[ps->t] = -1;
      double ss = D->lens[sd] ? 100.0 * ps->covered / D->lens[sd] : 0;
      double st = D->lens[ps->t] ? 100.0 * ps->covered / D->lens[ps->t] : 0;
      double worst = ss > st ? ss : st;
      if (worst + 1e-9 >= threshold || (long)ps->longest >= min_run)
        *HUI_PUSH(pairs, n, cap) = (pair){sd, ps->t, ps->covered, ps->longest, worst, NULL, 0};
    }
  }
  *np = n;
  return pairs;
}

/* The passages of every pair: one more walk of each later document. */
static void find_passages(walker *w, pair *pairs, size_t np, size_t ndocs) {
  uint32_t *by = hui_xmalloc((np ? np : 1) * sizeof *by); /* pairs are made in order of s */
  for (size_t i = 0; i < np; i++) by[i] = (uint32_t)i;
  uint8_t *want = hui_xcalloc(ndocs, 1);
  uint32_t *which = hui_xcalloc(ndocs, sizeof *which);
  for (size_t a = 0; a < np;) {
    size_t b = a;
    for (; b < np && pairs[by[b]].s == pairs[by[a]].s; b++) {
      want[pairs[by[b]].t] = 1;
      which[pairs[by[b]].t] = by[b];
    }
    walk(w, pairs[by[a]].s, want, true);
    for (size_t k = 0; k < w->nst; k++) {
      pstate *ps = &w->st[k];
      w->slot[ps->t] = -1;
      pairs[which[ps->t]].pv = ps->pv;
      pairs[which[ps->t]].npv = ps->npv;
    }
    for (size_t k = a; k < b; k++) want[pairs[by[k]].t] = 0;
    a = b;
  }
  free(which);
  free(want);
  free(by);
}

void hui_rules_originality(hui_edition *e, hui_diags *d) { hui_rules_originality_env(e, NULL, d); }

void hui_rules_originality_env(hui_edition *e, const hui_rules_env *env, hui_diags *d) {
  const hui_campaign *c = &e->campaign;
  docs D = {e, NULL, 0, NULL};
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
  size_t ndocs = e->nsubs + D.narch; /* documents: submissions, then archived bodies */
  if (ndocs < 2 || !e->nsubs) {
    free(D.arch);
    return;
  }
  /* 1, 2: the normalised texts and their marks */
  hui_sh_stock S;
  hui_sh_stock_init(&S);
  D.lens = hui_xcalloc(ndocs, sizeof *D.lens);
  size_t *off = hui_xcalloc(ndocs + 1, sizeof *off);
  texts T = {
      .v = hui_xcalloc(ndocs, sizeof(void *)), .fd = -1, .off = off, .ndocs = ndocs, .D = &D};
  size_t capm = 256, cap = 0;
  uint8_t *mark = hui_xcalloc(capm, 1); /* one bit per character, grown as the texts come */
  uint32_t *v = NULL;
  for (size_t i = 0; i < ndocs; i++) {
    const hui_submission *s = doc_sub(&D, (uint32_t)i);
    size_t len = 0;
    if (s->loaded && s->body) normalise(s->body, &v, &len, &cap);
    D.lens[i] = (uint32_t)len;
    off[i + 1] = off[i] + len;
    if (off[i + 1] / 8 + 1 > capm) {
      size_t nc = capm * 2 > off[i + 1] / 8 + 1 ? capm * 2 : off[i + 1] / 8 + 1;
      mark = hui_xrealloc(mark, nc);
      memset(mark + capm, 0, nc - capm);
      capm = nc;
    }
    stock_mark(&S, v, len, mark, off[i]);
    texts_keep(&T, i, v, len, D.lens);
  }
  free(v);
  hui_sh_stock_free(&S);
  /* 3–5 */
  oindex X;
  build_index(&X, &T, D.lens, ndocs, mark, off);
  /* 6 */
  uint32_t *rank = ranks(e, ndocs);
  walker w = {.ent = X.ent,
              .nent = X.nent,
              .at = X.at,
              .first = X.first,
              .base = X.base,
              .mark = mark,
              .off = off,
              .rank = rank,
              .slot = hui_xmalloc(ndocs * sizeof(int32_t))};
  for (size_t i = 0; i < ndocs; i++) w.slot[i] = -1;
  size_t np;
  pair *pairs = find_pairs(&w, &D, threshold, min_run, &np);
  find_passages(&w, pairs, np, ndocs);
  free(w.st);
  free(w.slot);
  free(rank);
  index_free(&X);
  free(mark);
  free(off);
  /* 7: the worst first */
  if (np > 1) qsort(pairs, np, sizeof *pairs, cmp_worst);
  for (size_t i = 0; i < np; i++) {
    report(&D, d, &pairs[i], i + 1, np);
    free(pairs[i].pv);
  }
  free(pairs);
  free(D.lens);
  free(D.arch);
}

/* Steps 6–7 over windows shared with other editions (cross.c finds them):
 * the same walk, the same bar. The other documents rank 0, below every
 * submission, like archived bodies. The walk wants the places that have a
 * group in place order and the marks as bits: they are made here from h. */
hui_sh_pair *hui_orig_pairs_outside(const hui_sh_hits *h, double threshold, long min_run,
                                    size_t *np) {
  size_t nat = 0, capat = 1;
  entry *at = hui_xmalloc(capat * sizeof *at);
  size_t *first = hui_xcalloc(h->ndocs + 1, sizeof *first);
  for (size_t sd = 0; sd < h->nsubs; sd++) {
    first[sd] = nat;
    for (size_t place = h->base[sd]; place < h->base[sd + 1]; place++)
      if (h->grp[place] != NONE) *HUI_PUSH(at, nat, capat) = (uint64_t)place << 32 | h->grp[place];
  }
  for (size_t sd = h->nsubs; sd <= h->ndocs; sd++) first[sd] = nat;
  size_t nchars = h->off[h->nsubs];
  uint8_t *bits = hui_xcalloc(nchars / 8 + 1, 1);
  for (size_t k = 0; k < nchars; k++)
    if (h->mark[k]) bits_set(bits, k, 1);
  hui_edition shape = {.nsubs = h->nsubs}; /* find_pairs needs only the count */
  docs D = {&shape, NULL, 0, (uint32_t *)h->lens};
  uint32_t *rank = hui_xcalloc(h->ndocs ? h->ndocs : 1, sizeof *rank);
  for (size_t i = 0; i < h->nsubs; i++) rank[i] = 1;
  walker w = {.ent = h->ent,
              .nent = h->nent,
              .at = at,
              .first = first,
              .base = h->base,
              .mark = bits,
              .off = h->off,
              .rank = rank,
              .slot = hui_xmalloc((h->ndocs ? h->ndocs : 1) * sizeof(int32_t))};
  for (size_t i = 0; i < h->ndocs; i++) w.slot[i] = -1;
  pair *pairs = find_pairs(&w, &D, threshold, min_run, np);
  find_passages(&w, pairs, *np, h->ndocs);
  free(w.st);
  free(w.slot);
  free(rank);
  free(bits);
  free(first);
  free(at);
  if (*np > 1) qsort(pairs, *np, sizeof *pairs, cmp_worst);
  return pairs;
}
