/* shingle: what the originality rule (original.c) and the cross-county
 * originality index (xindex.c) share — the normalised text, the set phrases
 * marked in it, the hash of a window of K normalised characters, where a
 * normalised position is in the source, and the pairs found. Both sides of
 * a comparison must hash the same way: this is the one place that says how. */
#ifndef HUI_RULES_SHINGLE_H
#define HUI_RULES_SHINGLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model.h"

enum {
  HUI_SH_K = 12,          /* shingle length in normalised characters */
  HUI_SH_COMMON_DOCS = 5, /* a shingle in this many documents is common phrasing */
  HUI_SH_SHOWN = 30,      /* characters of a passage shown in a message */
  HUI_SH_LISTED = 3       /* passages named in one finding */
};

/* What a normalised character is marked with: not compared (a window
 * touching a set phrase is not hashed; a passage goes on over both). */
enum { HUI_SH_MARK_STOCK = 1, HUI_SH_MARK_COMMON = 2 };

/* cp with full-width ASCII forms made ASCII, letters lower case; 0 when it
 * is left out of the comparison (punctuation, white space, symbols). */
uint32_t hui_sh_kept(uint32_t cp);

/* The normalised text of a UTF-8 string, appended to *v (*n used, *cap
 * allocated). */
void hui_sh_normalise_text(const char *t, uint32_t **v, size_t *n, size_t *cap);

/* The normalised text of a body (its text nodes in order). Caller frees. */
uint32_t *hui_sh_normalise(const hui_node *body, size_t *len);

/* The set phrases, normalised, sorted by their first two characters. */
typedef struct hui_sh_stock {
  uint32_t **ph;
  size_t *len;
  uint64_t *key; /* first << 32 | second */
  size_t n;
  uint8_t first[65536 / 8]; /* a filter: the first characters' low 16 bits */
  uint8_t two[65536 / 8];   /* and one of the first two characters' 16-bit hashes */
} hui_sh_stock;

void hui_sh_stock_init(hui_sh_stock *S);
void hui_sh_stock_free(hui_sh_stock *S);
/* The length of the longest set phrase at v[p] (of v[0..n)), or 0. */
size_t hui_sh_stock_at(const hui_sh_stock *S, const uint32_t *v, size_t n, size_t p);
/* Marks HUI_SH_MARK_STOCK over every set phrase in v[0..n), a byte per
 * character (original.c marks bits, with hui_sh_stock_at). */
void hui_sh_stock_mark(const hui_sh_stock *S, const uint32_t *v, size_t n, uint8_t *mark);

/* The rolling hash of a window: h = h * B + c over its K characters (the
 * character K places back taken out with TOP = B^(K-1)), then mixed. */
#define HUI_SH_B 0x100000001B3ull
uint64_t hui_sh_top(void);
static inline uint64_t hui_sh_mix(uint64_t x) { /* splitmix64's finaliser: spreads the bits */
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/* The source position of normalised character k of s's body, and up to
 * HUI_SH_SHOWN characters of the original text from there (len normalised
 * characters at most; white space dropped), with … when shortened. Caller
 * frees *text. */
hui_pos hui_sh_locate(const hui_submission *s, uint32_t k, uint32_t len, char **text);

/* A shared passage: [p, end) in the later document, starting at q in the
 * other; cov of its characters are shared (the marked ones it spans are not). */
typedef struct hui_sh_passage {
  uint32_t p, end, q, cov;
} hui_sh_passage;

/* A pair: s the later document (the finding goes on it), t the other. */
typedef struct hui_sh_pair {
  uint32_t s, t;
  uint32_t covered, longest;
  double worst; /* the larger of the two shares, percent */
  hui_sh_passage *pv;
  size_t npv;
} hui_sh_pair;

/* An index entry: document << 32 | position, groups of the places of one
 * shingle one after another, each group's first entry flagged HUI_SH_GROUP
 * (documents are numbered below 2^31). */
#define HUI_SH_GROUP (UINT64_C(1) << 63)
static inline uint32_t hui_sh_ent_doc(uint64_t ent) { return (uint32_t)(ent >> 32) & 0x7FFFFFFFu; }

/* Shared windows found outside the edition (xindex.c), for original.c to
 * pair like its own: documents 0..nsubs are the edition's submissions, the
 * others (up to ndocs) documents of other editions, all earlier than every
 * submission. Per window place of a submission (base[doc] + position),
 * grp[place] is the start of its group in ent or UINT32_MAX; ent[k] = other
 * document << 32 | its position (with HUI_SH_GROUP at a group's start),
 * grouped by document; nent entries. mark: a byte per normalised character
 * of the submissions, non-zero where marked; off[doc] its first character. */
typedef struct hui_sh_hits {
  const uint64_t *ent;
  size_t nent;
  const uint32_t *grp;
  const size_t *base;
  const uint8_t *mark;
  const size_t *off;
  const uint32_t *lens; /* normalised characters per document, ndocs */
  size_t nsubs, ndocs;
} hui_sh_hits;

/* The pairs of h over the campaign's bar (the same rule as within the
 * edition), the worst first, each with its passages. Caller frees each pv
 * and the array. */
hui_sh_pair *hui_orig_pairs_outside(const hui_sh_hits *h, double threshold, long min_run,
                                    size_t *np);

#endif
