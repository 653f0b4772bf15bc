/* cff: OpenType-CFF subsets, of CID-keyed faces made here, of others
 * through hb-subset (see cff.h). Every read of a program is bounds-checked
 * like a font file's. */
#include "pdf/cff.h"

#include <hb-subset.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/charstring.h"

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

static void put32(uint8_t *p, uint32_t v) {
  for (int j = 0; j < 4; j++) p[j] = (uint8_t)(v >> (24 - 8 * j));
}

/* The start of an sfnt of ndir tables of these lengths, in this order,
 * each padded to 4 bytes; the table data is left zero, *size is the whole
 * sfnt's length. What hb-subset reads: a face of its own. */
static uint8_t *sfnt_new(const uint32_t *tags, const uint32_t *lens, size_t ndir, size_t *size) {
  size_t at = 12 + 16 * ndir;
  for (size_t i = 0; i < ndir; i++) at += (lens[i] + 3u) & ~(size_t)3;
  uint8_t *b = hui_xcalloc(1, at);
  *size = at;
  b[0] = 0x4F, b[1] = 0x54, b[2] = 0x54, b[3] = 0x4F, b[4] = (uint8_t)(ndir >> 8),
  b[5] = (uint8_t)ndir;
  at = 12 + 16 * ndir;
  for (size_t i = 0; i < ndir; i++) {
    put32(b + 12 + 16 * i, tags[i]);
    put32(b + 12 + 16 * i + 8, (uint32_t)at);
    put32(b + 12 + 16 * i + 12, lens[i]);
    at += (lens[i] + 3u) & ~(size_t)3;
  }
  return b;
}

/* Where table i of an sfnt_new lies, and its length. */
static uint8_t *sfnt_table(uint8_t *b, size_t i) {
  return b + ((uint32_t)b[12 + 16 * i + 8] << 24 | (uint32_t)b[12 + 16 * i + 9] << 16 |
              (uint32_t)b[12 + 16 * i + 10] << 8 | b[12 + 16 * i + 11]);
}

static unsigned sfnt_table_len(const uint8_t *b, size_t i) {
  return (uint32_t)b[12 + 16 * i + 12] << 24 | (uint32_t)b[12 + 16 * i + 13] << 16 |
         (uint32_t)b[12 + 16 * i + 14] << 8 | b[12 + 16 * i + 15];
}

/* An sfnt of the face's tables as they are (a face in a collection becomes
 * a font of its own). */
static uint8_t *make_sfnt(int fd, const hui_cff_table *dir, size_t ndir, size_t *size) {
  uint32_t tags[8] = {0}, lens[8] = {0};
  if (ndir > 8) return NULL;
  for (size_t i = 0; i < ndir; i++) tags[i] = dir[i].tag, lens[i] = dir[i].len;
  uint8_t *b = sfnt_new(tags, lens, ndir, size);
  for (size_t i = 0; i < ndir; i++)
    if (!hui_pread_all(fd, sfnt_table(b, i), dir[i].len, dir[i].off)) {
      free(b);
      return NULL;
    }
  return b;
}

/* --- reading the subset's CFF ------------------------------------------ */

typedef struct cff {
  const uint8_t *p;
  size_t len;
} cff;

/* An INDEX at *at: its count and the bounds of item i (i < count), or the
 * offset past it (i == count). False when it runs out of the data. */
static bool cff_index(const cff *c, size_t at, unsigned i, size_t *from, size_t *to,
                      unsigned *count, size_t *end) {
  if (at + 2 > c->len) return false;
  *count = be16(c->p + at);
  if (*count == 0) {
    *end = at + 2;
    return i == 0 && (*from = *to = at + 2, true);
  }
  if (at + 3 > c->len) return false;
  unsigned os = c->p[at + 2];
  if (os < 1 || os > 4) return false;
  size_t offs = at + 3, data = offs + (size_t)(*count + 1) * os - 1;
  if (data >= c->len) return false;
  size_t o[2];
  unsigned which[2] = {i < *count ? i : *count, *count};
  for (int k = 0; k < 2; k++) {
    size_t v = 0;
    for (unsigned j = 0; j < os; j++) v = v << 8 | c->p[offs + (size_t)which[k] * os + j];
    o[k] = data + v;
  }
  size_t last = o[1];
  if (last > c->len) return false;
  *end = last;
  if (i < *count) {
    size_t v = 0;
    for (unsigned j = 0; j < os; j++) v = v << 8 | c->p[offs + (size_t)(i + 1) * os + j];
    *from = o[0];
    *to = data + v;
    return *from <= *to && *to <= c->len;
  }
  return true;
}

/* One operator of a DICT and its operands (reals read as 0: no offset is
 * a real); from..to are its bytes, operands first. */
typedef struct dict_op {
  unsigned op; /* 12 x is 1200 + x */
  int nops;
  long ops[48];
  size_t from, to;
} dict_op;

/* The operator at *i: 1 and *i past it, 0 at the end, -1 when malformed. */
static int dict_next(const uint8_t *d, size_t n, size_t *i, dict_op *o) {
  o->nops = 0;
  o->from = *i;
  while (*i < n) {
    unsigned b = d[*i];
    long v = 0;
    if (b == 28 && *i + 3 <= n) {
      v = (int16_t)(d[*i + 1] << 8 | d[*i + 2]);
      *i += 3;
    } else if (b == 29 && *i + 5 <= n) {
      v = (int32_t)((uint32_t)d[*i + 1] << 24 | (uint32_t)d[*i + 2] << 16 |
                    (uint32_t)d[*i + 3] << 8 | d[*i + 4]);
      *i += 5;
    } else if (b == 30) { /* a real: skipped to its end nibble */
      for ((*i)++; *i < n && (d[*i] & 0x0F) != 0x0F && (d[*i] >> 4) != 0x0F; (*i)++) {
      }
      (*i)++;
    } else if (b >= 32 && b <= 246) {
      v = (long)b - 139;
      (*i)++;
    } else if (b >= 247 && b <= 250 && *i + 2 <= n) {
      v = ((long)b - 247) * 256 + d[*i + 1] + 108;
      *i += 2;
    } else if (b >= 251 && b <= 254 && *i + 2 <= n) {
      v = -((long)b - 251) * 256 - d[*i + 1] - 108;
      *i += 2;
    } else if (b <= 21) {
      o->op = b;
      if (b == 12) {
        if (*i + 2 > n) return -1;
        o->op = 1200 + d[*i + 1];
        (*i)++;
      }
      (*i)++;
      o->to = *i;
      return 1;
    } else {
      return -1;
    }
    if (o->nops < 48) o->ops[o->nops++] = v;
  }
  return 0; /* operands left without an operator are ignored */
}

/* What the Top DICT says of the program's parts (offsets from the table's
 * start; -1 when absent). */
typedef struct top {
  long charset, charstrings, fdarray, fdselect, encoding, private_size, private_at, ros[3];
  bool has_ros;
} top;

static bool parse_top(const uint8_t *d, size_t n, top *t) {
  dict_op o;
  int r;
  for (size_t i = 0; (r = dict_next(d, n, &i, &o)) == 1;) {
    long last = o.nops ? o.ops[o.nops - 1] : -1;
    if (o.op == 15 && o.nops >= 1) t->charset = last;
    if (o.op == 16 && o.nops >= 1) t->encoding = last;
    if (o.op == 17 && o.nops >= 1) t->charstrings = last;
    if (o.op == 1236 && o.nops >= 1) t->fdarray = last;
    if (o.op == 1237 && o.nops >= 1) t->fdselect = last;
    if (o.op == 18 && o.nops >= 2) t->private_size = o.ops[o.nops - 2], t->private_at = last;
    if (o.op == 1230 && o.nops >= 3) {
      t->has_ros = true;
      for (int k = 0; k < 3; k++) t->ros[k] = o.ops[k];
    }
  }
  return r == 0;
}

#define TOP_NONE \
  { -1, -1, -1, -1, -1, -1, -1, {0, 0, 0}, false }

/* String sid of the String INDEX at at (custom strings only: a ROS names
 * them); "" when out of range. */
static void cff_string(const cff *c, size_t at, long sid, char *out, size_t size) {
  out[0] = '\0';
  size_t from, to, end;
  unsigned count;
  if (sid < 391 || !cff_index(c, at, (unsigned)(sid - 391), &from, &to, &count, &end) ||
      (unsigned)(sid - 391) >= count)
    return;
  size_t n = to - from < size - 1 ? to - from : size - 1;
  memcpy(out, c->p + from, n);
  out[n] = '\0';
}

/* Reads the program: glyph count, and per glyph its CID (the charset of a
 * CID-keyed font; the glyph number otherwise). */
static const char *read_cff(const cff *c, uint16_t *cid_of_gid, size_t ngid, hui_cff_info *info) {
  if (c->len < 4) return "is empty";
  size_t at = c->p[2], from, to, end;
  unsigned count;
  if (!cff_index(c, at, 0, &from, &to, &count, &end)) return "has a bad Name INDEX";
  size_t top_at = end;
  if (!cff_index(c, top_at, 0, &from, &to, &count, &end) || count < 1)
    return "has a bad Top DICT INDEX";
  size_t strings_at = end;
  top t = TOP_NONE;
  if (!parse_top(c->p + from, to - from, &t)) return "has a malformed Top DICT";
  unsigned nglyphs;
  size_t e;
  if (t.charstrings <= 0 || !cff_index(c, (size_t)t.charstrings, 0, &from, &to, &nglyphs, &e))
    return "has no CharStrings";
  if (nglyphs != ngid) return "has not the glyphs asked for";
  for (size_t g = 0; g < ngid; g++) cid_of_gid[g] = (uint16_t)g;
  info->cid_keyed = t.has_ros;
  if (!t.has_ros) return NULL;
  cff_string(c, strings_at, t.ros[0], info->registry, sizeof info->registry);
  cff_string(c, strings_at, t.ros[1], info->ordering, sizeof info->ordering);
  info->supplement = (int)t.ros[2];
  if (t.charset <= 2 || (size_t)t.charset >= c->len) return "has no charset";
  size_t p = (size_t)t.charset + 1;
  unsigned fmt = c->p[(size_t)t.charset];
  for (size_t g = 1; g < ngid;) {
    if (fmt == 0) {
      if (p + 2 > c->len) return "has a short charset";
      cid_of_gid[g++] = (uint16_t)be16(c->p + p);
      p += 2;
    } else if (fmt == 1 || fmt == 2) {
      size_t rec = fmt == 1 ? 3 : 4;
      if (p + rec > c->len) return "has a short charset";
      unsigned first = be16(c->p + p), left = fmt == 1 ? c->p[p + 2] : be16(c->p + p + 2);
      for (unsigned k = 0; k <= left && g < ngid; k++) cid_of_gid[g++] = (uint16_t)(first + k);
      p += rec;
    } else {
      return "has a charset of an unknown format";
    }
  }
  return NULL;
}

static int cmp_u32(const void *a, const void *b) {
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

/* --- a compact program for hb-subset ---------------------------------- */

/* A CID-keyed program is subset as a smaller program of the same font:
 * the glyphs kept, in their order, with their CIDs and Font DICTs, and
 * every other part (the Name and String INDEXes, each Font DICT and
 * Private DICT) copied as it is, only the offsets between the parts
 * rewritten (and the Subrs of Font DICTs no kept glyph uses left out: a
 * Noto CJK face has 18, a document uses 3). Of the subroutines (Global
 * Subrs, each Font DICT's Subrs) only those the kept glyphs call are kept,
 * numbered again in their order, and every call is rewritten with its new
 * number (charstring.h): the glyphs draw as in the face, and the program is
 * within a fraction of a percent of hb-subset's. hb-subset parsed every
 * charstring and subroutine into structures some ten times their size (20
 * MB for a document's 4,000 CJK glyphs); this holds the program's bytes a
 * few times over. When a charstring cannot be followed (an arithmetic
 * operator, a subroutine number not written just before its call, one
 * call shared by two Font DICTs) the subroutines all stay, and hb-subset
 * makes the subset of this compact program, as it makes of the whole face.
 * Only the kept glyphs are read: a CJK face's CFF table is over 20 MB,
 * nearly all of it glyphs no document uses. The file is read with pread,
 * never mapped: a file truncated while mapped raises SIGBUS, and the pages
 * mapped around each glyph read would count against the process as much
 * as a copy of the table. */

typedef struct src {
  int fd;
  uint64_t base, len; /* the CFF table in the file */
} src;

static bool src_read(const src *r, void *b, size_t n, uint64_t off) {
  if (off > r->len || n > r->len - off) return false;
  return hui_pread_all(r->fd, b, n, r->base + off);
}

static uint32_t be_n(const uint8_t *p, unsigned n) {
  uint32_t v = 0;
  for (unsigned j = 0; j < n; j++) v = v << 8 | p[j];
  return v;
}

/* The end of the INDEX at at (offsets from the table's start). */
static bool index_end(const src *r, uint64_t at, uint64_t *end) {
  uint8_t h[3], o[4];
  if (!src_read(r, h, 2, at)) return false;
  unsigned count = be16(h);
  if (count == 0) return *end = at + 2, true;
  if (!src_read(r, h + 2, 1, at + 2) || h[2] < 1 || h[2] > 4) return false;
  unsigned os = h[2];
  if (!src_read(r, o, os, at + 3 + (uint64_t)count * os)) return false;
  *end = at + 2 + (uint64_t)(count + 1) * os + be_n(o, os);
  return be_n(o, os) >= 1 && *end <= r->len;
}

/* Bytes [from, to) of the table, read whole (NULL when they cannot be). */
static uint8_t *src_bytes(const src *r, uint64_t from, uint64_t to) {
  if (to < from || to - from > r->len) return NULL;
  uint8_t *b = hui_xmalloc(to - from ? (size_t)(to - from) : 1);
  if (!src_read(r, b, (size_t)(to - from), from)) {
    free(b);
    return NULL;
  }
  return b;
}

/* Writes DICT d[0..n) to w (when not NULL) with the operands of each
 * ops[k] (a Private's two, any other's one) replaced by vals[2k], vals[2k+1]
 * (the first only for the others) as 5-byte integers, or with those
 * operators left out when vals is NULL; returns the length written. */
static size_t dict_with(const uint8_t *d, size_t n, const unsigned *ops, const long *vals,
                        size_t nk, uint8_t *w) {
  size_t len = 0, i = 0, done = 0;
  dict_op o;
  while (dict_next(d, n, &i, &o) == 1) {
    size_t k = 0;
    while (k < nk && ops[k] != o.op) k++;
    if (k == nk) continue;
    if (w) memcpy(w + len, d + done, o.from - done);
    len += o.from - done;
    done = o.to;
    if (!vals) continue;
    for (int j = 0; j < (o.op == 18 ? 2 : 1); j++, len += 5)
      if (w) w[len] = 29, put32(w + len + 1, (uint32_t)vals[2 * k + (size_t)j]);
    size_t opn = o.op >= 1200 ? 2 : 1;
    if (w) memcpy(w + len, d + o.to - opn, opn);
    len += opn;
  }
  if (w) memcpy(w + len, d + done, n - done);
  return len + n - done;
}

/* An INDEX of count items of offset size 4 at w: the header and offsets
 * for items of these lengths; returns the length of the header. */
static size_t index_head(uint8_t *w, size_t count, const uint32_t *lens) {
  w[0] = (uint8_t)(count >> 8), w[1] = (uint8_t)count, w[2] = 4;
  uint32_t off = 1;
  put32(w + 3, off);
  for (size_t k = 0; k < count; k++) put32(w + 3 + 4 * (k + 1), off += lens[k]);
  return 3 + 4 * (count + 1);
}

typedef struct fdict {
  uint8_t *dict, *priv; /* the Font DICT and its Private DICT */
  uint32_t len, priv_len, dict_out, priv_out;
  uint64_t subrs_at, subrs_end; /* its Subrs INDEX in the table, if any */
  bool used;                    /* a kept glyph's */
  uint8_t *subrs;               /* that INDEX read (a used Font DICT's) */
  hui_cff_items lx;
  uint8_t *lmark;   /* which of its Subrs the kept glyphs call */
  size_t subrs_out; /* its length as written */
  bool out;         /* written (a subset keeps only the used Font DICTs) */
} fdict;

/* Marks the subroutines the kept glyphs (glen[k] bytes each, one after the
 * other in glyphs) call, in gmark and their Font DICTs' lmark: false when a
 * glyph cannot be followed (charstring.h). */
static bool mark_subrs(const uint8_t *glyphs, const uint32_t *glen, size_t ng, const uint8_t *fd_of,
                       fdict *fds, const hui_cff_items *gx, uint8_t *gmark, hui_cs_calls *calls) {
  for (size_t k = 0, at = 0; k < ng; at += glen[k++]) {
    fdict *f = &fds[fd_of[k]];
    if (!hui_cs_mark_subrs(glyphs + at, glen[k], gx, gmark, f->subrs ? &f->lx : NULL, f->lmark,
                           calls))
      return false;
  }
  return true;
}

/* How a subset's subroutines are written: all as they are (for hb-subset to
 * choose from), those no kept glyph calls made one byte each, or only the
 * called ones, numbered again. */
typedef enum { SUBRS_ALL, SUBRS_STUBBED, SUBRS_RENUMBERED } subrs_how;

/* Writes the subroutine INDEX x (with its marks, and the calls renumbered)
 * to w as how says (w NULL: its length only); returns the length. */
static size_t subrs_write(subrs_how how, const hui_cff_items *x, const uint8_t *mark,
                          const hui_cs_calls *calls, uint8_t *w) {
  if (how == SUBRS_RENUMBERED) return hui_cff_items_kept(x, mark, calls, w);
  if (how == SUBRS_STUBBED) return hui_cff_items_pruned(x, mark, w);
  if (w) memcpy(w, x->p, x->len);
  return x->len;
}

/* Gives each settled call the number its subroutine has among the kept. */
static void renumber_calls(hui_cs_calls *calls, const hui_cff_items *gx, const uint8_t *gmark,
                           const fdict *fds, unsigned nfd) {
  const hui_cff_items **xs = hui_xmalloc((nfd + 1) * sizeof *xs);
  const uint8_t **marks = hui_xmalloc((nfd + 1) * sizeof *marks);
  size_t nx = 0;
  xs[nx] = gx, marks[nx++] = gmark;
  for (unsigned i = 0; i < nfd; i++)
    if (fds[i].subrs) xs[nx] = &fds[i].lx, marks[nx++] = fds[i].lmark;
  hui_cs_calls_renumber(calls, xs, marks, nx);
  free(xs);
  free(marks);
}

/* The compact program of the glyphs sorted[0..ng) (ascending, sorted[0] ==
 * 0) with a maxp saying ng glyphs, as an sfnt; NULL when the program is not
 * CID-keyed or cannot be read this way (the whole table is given then).
 * *pruned: the subroutines no kept glyph calls were made one byte each
 * (charstring.h), so the program is a subset as it is; otherwise every
 * subroutine is there, for hb-subset to choose from. */
static uint8_t *compact_sfnt(int fd, const hui_cff_table *cfft, const hui_cff_table *maxpt,
                             const uint32_t *sorted, size_t ng, size_t *size, bool *pruned) {
  src r = {fd, cfft->off, cfft->len};
  uint8_t h[4], *pre = NULL, *csoffs = NULL, *charset = NULL, *fdsel = NULL, *fda = NULL,
                *maxp = NULL, *out = NULL, *gsrc = NULL, *gmark = NULL, *glyphs = NULL;
  hui_cs_calls calls = {0};
  uint32_t *glen_out = NULL;
  *pruned = false;
  uint16_t *cid = NULL;
  uint8_t *fd_of = NULL;
  fdict *fds = NULL;
  unsigned nfd = 0;
  uint64_t name_end, top_end, str_end, gs_end, fda_end;
  if (ng == 0 || ng > 65535 || sorted[0] != 0 || maxpt->len < 6 || maxpt->len > 64 ||
      !src_read(&r, h, 4, 0) || !index_end(&r, h[2], &name_end) ||
      !index_end(&r, name_end, &top_end) || !index_end(&r, top_end, &str_end) ||
      !index_end(&r, str_end, &gs_end) || !(pre = src_bytes(&r, 0, top_end)))
    goto fail;
  /* the Top DICT: a CID-keyed program's parts */
  cff c = {pre, (size_t)top_end};
  size_t from, to, end;
  unsigned count;
  top t = TOP_NONE;
  if (!cff_index(&c, (size_t)name_end, 0, &from, &to, &count, &end) || count != 1 ||
      !parse_top(pre + from, to - from, &t) || !t.has_ros || t.charstrings <= 0 || t.charset <= 2 ||
      t.fdarray <= 0 || t.fdselect <= 0 || t.encoding > 0 || t.private_at >= 0)
    goto fail;
  const uint8_t *topd = pre + from;
  size_t topn = to - from;
  /* the CharStrings INDEX's offsets */
  uint8_t ch[3];
  if (!src_read(&r, ch, 3, (uint64_t)t.charstrings)) goto fail;
  unsigned nglyphs = be16(ch), os = ch[2];
  if (nglyphs == 0 || os < 1 || os > 4 || sorted[ng - 1] >= nglyphs) goto fail;
  uint64_t cs_data = (uint64_t)t.charstrings + 2 + (uint64_t)(nglyphs + 1) * os;
  if (!(csoffs = src_bytes(&r, (uint64_t)t.charstrings + 3, cs_data + 1))) goto fail;
  uint32_t *glen = hui_xmalloc(ng * sizeof *glen);
  uint64_t glyphs_len = 0;
  for (size_t k = 0; k < ng; k++) {
    uint32_t a = be_n(csoffs + (size_t)sorted[k] * os, os),
             b = be_n(csoffs + (size_t)(sorted[k] + 1) * os, os);
    if (a < 1 || b < a || cs_data + b > r.len) {
      free(glen);
      goto fail;
    }
    glen[k] = b - a;
    glyphs_len += glen[k];
  }
  /* each kept glyph's CID (charset) and Font DICT (FDSelect) */
  uint64_t cs_max = 1 + 4 * (uint64_t)nglyphs;
  if ((uint64_t)t.charset + cs_max > r.len) cs_max = r.len - (uint64_t)t.charset;
  cid = hui_xmalloc(ng * sizeof *cid);
  fd_of = hui_xmalloc(ng);
  bool ok = (charset = src_bytes(&r, (uint64_t)t.charset, (uint64_t)t.charset + cs_max)) != NULL;
  size_t k = 1, p = 1;
  cid[0] = 0;
  for (unsigned g = 1; ok && g < nglyphs && k < ng;) {
    unsigned first, left;
    if (charset[0] == 0 && p + 2 <= cs_max) {
      first = be16(charset + p), left = 0, p += 2;
    } else if (charset[0] == 1 && p + 3 <= cs_max) {
      first = be16(charset + p), left = charset[p + 2], p += 3;
    } else if (charset[0] == 2 && p + 4 <= cs_max) {
      first = be16(charset + p), left = be16(charset + p + 2), p += 4;
    } else {
      ok = false;
      break;
    }
    for (unsigned j = 0; j <= left && g < nglyphs; j++, g++)
      if (k < ng && sorted[k] == g) cid[k++] = (uint16_t)(first + j);
  }
  ok = ok && k == ng;
  uint8_t fh[3];
  ok = ok && src_read(&r, fh, 3, (uint64_t)t.fdselect);
  if (ok && fh[0] == 0) {
    ok = (fdsel = src_bytes(&r, (uint64_t)t.fdselect + 1, (uint64_t)t.fdselect + 1 + nglyphs)) !=
         NULL;
    for (k = 0; ok && k < ng; k++) fd_of[k] = fdsel[sorted[k]];
  } else if (ok && fh[0] == 3) {
    unsigned nr = be16(fh + 1);
    uint64_t at = (uint64_t)t.fdselect + 3;
    ok = nr > 0 && (fdsel = src_bytes(&r, at, at + 3 * (uint64_t)nr + 2)) != NULL;
    size_t ri = 0;
    for (k = 0; ok && k < ng; k++) {
      while (ri + 1 < nr && be16(fdsel + 3 * (ri + 1)) <= sorted[k]) ri++;
      ok = be16(fdsel + 3 * ri) <= sorted[k] && sorted[k] < be16(fdsel + 3 * nr);
      if (ok) fd_of[k] = fdsel[3 * ri + 2];
    }
  } else {
    ok = false;
  }
  /* the Font DICTs, their Private DICTs and Subrs */
  ok = ok && index_end(&r, (uint64_t)t.fdarray, &fda_end) &&
       (fda = src_bytes(&r, (uint64_t)t.fdarray, fda_end)) != NULL;
  cff fc = {fda, ok ? (size_t)(fda_end - (uint64_t)t.fdarray) : 0};
  if (ok && cff_index(&fc, 0, 0, &from, &to, &nfd, &end) && nfd > 0) {
    fds = hui_xcalloc(nfd, sizeof *fds);
    for (k = 0; ok && k < ng; k++)
      if ((ok = fd_of[k] < nfd)) fds[fd_of[k]].used = true;
    for (unsigned i = 0; ok && i < nfd; i++) {
      fdict *f = &fds[i];
      top ft = TOP_NONE;
      ok = cff_index(&fc, 0, i, &from, &to, &count, &end) && parse_top(fda + from, to - from, &ft);
      if (!ok) break;
      f->dict = fda + from;
      f->len = (uint32_t)(to - from);
      static const unsigned priv_op[] = {18};
      const long zero[2] = {0, 0};
      f->dict_out = (uint32_t)dict_with(f->dict, f->len, priv_op, zero, 1, NULL);
      if (ft.private_at < 0) continue;
      if (ft.private_size < 0 ||
          !(f->priv = src_bytes(&r, (uint64_t)ft.private_at,
                                (uint64_t)ft.private_at + (uint64_t)ft.private_size))) {
        ok = false;
        break;
      }
      f->priv_len = (uint32_t)ft.private_size;
      long subrs = -1;
      dict_op o;
      size_t i2 = 0;
      int rr;
      while ((rr = dict_next(f->priv, f->priv_len, &i2, &o)) == 1)
        if (o.op == 19 && o.nops >= 1) subrs = o.ops[o.nops - 1];
      ok = rr == 0;
      /* the Subrs of a Font DICT no kept glyph uses are left out: hb-subset
       * does not write that Font DICT */
      static const unsigned subrs_op[] = {19};
      f->priv_out =
          (uint32_t)dict_with(f->priv, f->priv_len, subrs_op, f->used ? zero : NULL, 1, NULL);
      if (ok && subrs > 0 && f->used) {
        f->subrs_at = (uint64_t)ft.private_at + (uint64_t)subrs;
        ok = index_end(&r, f->subrs_at, &f->subrs_end);
      }
    }
  } else {
    ok = false;
  }
  /* the kept glyphs' charstrings, the Global Subrs and the used Font
   * DICTs' Subrs, and which subroutines the glyphs call */
  hui_cff_items gx;
  ok = ok && (gsrc = src_bytes(&r, str_end, gs_end)) != NULL &&
       hui_cff_items_read(gsrc, (size_t)(gs_end - str_end), &gx) && gx.len == gs_end - str_end;
  for (unsigned i = 0; ok && i < nfd; i++) {
    fdict *f = &fds[i];
    if (!f->priv) continue;
    f->subrs_out = (size_t)(f->subrs_end - f->subrs_at);
    if (f->subrs_end == f->subrs_at) continue;
    ok = (f->subrs = src_bytes(&r, f->subrs_at, f->subrs_end)) != NULL &&
         hui_cff_items_read(f->subrs, f->subrs_out, &f->lx) && f->lx.len == f->subrs_out;
    if (ok) f->lmark = hui_xcalloc(f->lx.count ? f->lx.count : 1, 1);
  }
  if (ok) glyphs = hui_xmalloc(glyphs_len ? (size_t)glyphs_len : 1);
  /* the glyphs in file order, neighbours up to 4 KB apart in one read of
   * at most 1 MB (the charstrings of the Han characters an edition uses lie
   * a few kilobytes apart): a read a glyph cost more than the bytes between */
  uint8_t *span = NULL;
  size_t capspan = 0;
  k = 0;
  for (size_t g = 0; ok && k < ng;) {
    uint64_t lo = cs_data + be_n(csoffs + (size_t)sorted[k] * os, os), hi = lo + glen[k];
    size_t e = k + 1;
    while (e < ng) {
      uint64_t at = cs_data + be_n(csoffs + (size_t)sorted[e] * os, os);
      if (at < hi || at > hi + 4096 || at + glen[e] - lo > (1u << 20)) break;
      hi = at + glen[e++];
    }
    if (e == k + 1) { /* alone: straight into place */
      ok = src_read(&r, glyphs + g, glen[k], lo);
      g += glen[k++];
      continue;
    }
    if (hi - lo > capspan) span = hui_xrealloc(span, capspan = (size_t)(hi - lo));
    ok = src_read(&r, span, (size_t)(hi - lo), lo);
    for (; ok && k < e; k++) {
      uint64_t at = cs_data + be_n(csoffs + (size_t)sorted[k] * os, os);
      memcpy(glyphs + g, span + (at - lo), glen[k]);
      g += glen[k];
    }
  }
  free(span);
  /* Kept subroutines are numbered again, one after the other, and every
   * call written with its new number; when a call cannot be rewritten (its
   * number is not written just before it, or one place calls two
   * subroutines) the numbers stay and the others become one byte each. */
  subrs_how how = SUBRS_ALL;
  size_t gs_out = 0;
  uint64_t glyphs_out = glyphs_len;
  if (ok) {
    gmark = hui_xcalloc(gx.count ? gx.count : 1, 1);
    *pruned = mark_subrs(glyphs, glen, ng, fd_of, fds, &gx, gmark, &calls);
    if (*pruned)
      how = !calls.loose && hui_cs_calls_settle(&calls) ? SUBRS_RENUMBERED : SUBRS_STUBBED;
    for (unsigned i = 0; i < nfd; i++) fds[i].out = true;
  }
  bool renumbered = how == SUBRS_RENUMBERED;
  if (renumbered) {
    renumber_calls(&calls, &gx, gmark, fds, nfd);
    /* a Font DICT no kept glyph uses is left out, and Subrs none calls */
    static const unsigned subrs_op[] = {19};
    for (unsigned i = 0; i < nfd; i++) {
      fdict *f = &fds[i];
      f->out = f->used;
      bool any = false;
      for (unsigned j = 0; f->subrs && !any && j < f->lx.count; j++) any = f->lmark[j] != 0;
      if (f->subrs && !any) {
        free(f->subrs);
        f->subrs = NULL;
        f->subrs_out = 0;
        f->priv_out = (uint32_t)dict_with(f->priv, f->priv_len, subrs_op, NULL, 1, NULL);
      }
    }
    glen_out = hui_xmalloc(ng * sizeof *glen_out);
    glyphs_out = 0;
    for (size_t g = 0, at = 0; g < ng; at += glen[g++])
      glyphs_out += glen_out[g] = (uint32_t)hui_cs_rewrite(glyphs + at, glen[g], &calls, NULL);
  }
  if (ok) {
    gs_out = subrs_write(how, &gx, gmark, &calls, NULL);
    for (unsigned i = 0; i < nfd; i++)
      if (fds[i].subrs) fds[i].subrs_out = subrs_write(how, &fds[i].lx, fds[i].lmark, &calls, NULL);
  }
  if (!ok) {
    free(glen);
    goto fail;
  }
  /* the layout: header and Name INDEX, Top DICT INDEX, String and Global
   * Subrs INDEXes, charset (format 0), FDSelect (format 0), CharStrings,
   * FDArray, then each Private DICT followed by its Subrs */
  static const unsigned top_ops[] = {15, 17, 1236, 1237};
  long tv[8] = {0};
  size_t top_len = dict_with(topd, topn, top_ops, tv, 4, NULL);
  uint64_t at = name_end + 3 + 8 + top_len + (str_end - top_end) + gs_out;
  uint64_t charset_at = at, fdsel_at = at += 1 + 2 * (uint64_t)(ng - 1);
  uint64_t cs_at = at += 1 + ng, fda_at = at += 3 + 4 * ((uint64_t)ng + 1) + glyphs_out;
  unsigned nfd_out = 0;
  uint8_t *fd_new = hui_xmalloc(nfd); /* the Font DICTs' numbers as written */
  for (unsigned i = 0; i < nfd; i++)
    if (fds[i].out) fd_new[i] = (uint8_t)nfd_out++;
  at += 3 + 4 * ((uint64_t)nfd_out + 1);
  for (unsigned i = 0; i < nfd; i++)
    if (fds[i].out) at += fds[i].dict_out;
  uint64_t *priv_at = hui_xmalloc(nfd * sizeof *priv_at);
  for (unsigned i = 0; i < nfd; i++) {
    priv_at[i] = at;
    if (fds[i].out && fds[i].priv) at += fds[i].priv_out + fds[i].subrs_out;
  }
  uint32_t maxp_len = maxpt->len;
  if (at > 0x7FFFFFFFu || !(maxp = hui_xmalloc(maxp_len)) ||
      !hui_pread_all(fd, maxp, maxp_len, maxpt->off)) {
    free(glen);
    free(priv_at);
    free(fd_new);
    goto fail;
  }
  uint32_t tags[2] = {cfft->tag, maxpt->tag}, lens[2] = {(uint32_t)at, maxp_len};
  out = sfnt_new(tags, lens, 2, size);
  uint8_t *w = sfnt_table(out, 0);
  memcpy(sfnt_table(out, 1), maxp, maxp_len);
  sfnt_table(out, 1)[4] = (uint8_t)(ng >> 8), sfnt_table(out, 1)[5] = (uint8_t)ng;
  memcpy(w, pre, (size_t)name_end);
  w[3] = 4; /* offSize: every offset fits in 4 bytes */
  uint8_t *q = w + name_end;
  uint32_t tl = (uint32_t)top_len;
  q += index_head(q, 1, &tl);
  tv[0] = (long)charset_at, tv[2] = (long)cs_at, tv[4] = (long)fda_at, tv[6] = (long)fdsel_at;
  q += dict_with(topd, topn, top_ops, tv, 4, q);
  ok = src_read(&r, q, (size_t)(str_end - top_end), top_end);
  q += str_end - top_end;
  q += subrs_write(how, &gx, gmark, &calls, q);
  *q++ = 0;
  for (k = 1; k < ng; k++) *q++ = (uint8_t)(cid[k] >> 8), *q++ = (uint8_t)cid[k];
  *q++ = 0;
  for (k = 0; k < ng; k++) *q++ = fd_new[fd_of[k]];
  q += index_head(q, ng, renumbered ? glen_out : glen);
  if (renumbered)
    for (size_t g = 0, gat = 0; g < ng; gat += glen[g++])
      q += hui_cs_rewrite(glyphs + gat, glen[g], &calls, q);
  else memcpy(q, glyphs, (size_t)glyphs_len), q += glyphs_len;
  uint32_t *dl = hui_xmalloc(nfd * sizeof *dl);
  for (unsigned i = 0, j = 0; i < nfd; i++)
    if (fds[i].out) dl[j++] = fds[i].dict_out;
  q += index_head(q, nfd_out, dl);
  free(dl);
  for (unsigned i = 0; i < nfd; i++) {
    if (!fds[i].out) continue;
    static const unsigned priv_op[] = {18};
    const long pv[2] = {(long)fds[i].priv_out, (long)priv_at[i]};
    q += dict_with(fds[i].dict, fds[i].len, priv_op, pv, fds[i].priv ? 1 : 0, q);
  }
  for (unsigned i = 0; ok && i < nfd; i++) {
    if (!fds[i].out || !fds[i].priv) continue;
    static const unsigned subrs_op[] = {19};
    const long sv[2] = {(long)fds[i].priv_out, 0};
    q += dict_with(fds[i].priv, fds[i].priv_len, subrs_op,
                   fds[i].used && (fds[i].subrs || !renumbered) ? sv : NULL, 1, q);
    if (fds[i].subrs) q += subrs_write(how, &fds[i].lx, fds[i].lmark, &calls, q);
  }
  free(glen);
  free(priv_at);
  free(fd_new);
  if (!ok || q != w + at) {
    free(out);
    out = NULL;
  }
fail:
  if (fds)
    for (unsigned i = 0; i < nfd; i++) {
      free(fds[i].priv);
      free(fds[i].subrs);
      free(fds[i].lmark);
    }
  free(gsrc);
  free(gmark);
  free(glyphs);
  free(calls.v);
  free(glen_out);
  free(fds);
  free(pre);
  free(csoffs);
  free(charset);
  free(fdsel);
  free(fda);
  free(maxp);
  free(cid);
  free(fd_of);
  return out;
}

/* Sorts gids[0..n) into sorted without repeats; returns their count. */
static size_t sort_gids(const uint32_t *gids, size_t n, uint32_t *sorted) {
  memcpy(sorted, gids, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, cmp_u32);
  size_t ng = 0;
  for (size_t k = 0; k < n; k++)
    if (k == 0 || sorted[k] != sorted[k - 1]) sorted[ng++] = sorted[k];
  return ng;
}

/* The CIDs the program p[0..len) of the glyphs sorted[0..ng) gives the
 * glyphs gids[0..n) (each one of them), and its info; NULL, or what is
 * wrong with it. */
static const char *cids_of(const uint8_t *p, size_t len, const uint32_t *sorted, size_t ng,
                           const uint32_t *gids, size_t n, uint16_t *cids, hui_cff_info *info) {
  uint16_t *cid_of_gid = hui_xmalloc((ng ? ng : 1) * sizeof *cid_of_gid);
  cff c = {p, len};
  const char *bad = read_cff(&c, cid_of_gid, ng, info);
  for (size_t k = 0; !bad && k < n; k++) {
    uint32_t *hit = bsearch(&gids[k], sorted, ng, sizeof *sorted, cmp_u32);
    cids[k] = cid_of_gid[hit - sorted];
  }
  free(cid_of_gid);
  return bad;
}

bool hui_cff_cids(const uint8_t *p, size_t len, const uint32_t *gids, size_t n, uint16_t *cids,
                  hui_cff_info *info) {
  memset(info, 0, sizeof *info);
  uint32_t *sorted = hui_xmalloc((n ? n : 1) * sizeof *sorted);
  size_t ng = sort_gids(gids, n, sorted);
  const char *bad = cids_of(p, len, sorted, ng, gids, n, cids, info);
  free(sorted);
  return bad == NULL;
}

static bool cff_subset(int fd, const hui_cff_table *dir, size_t ndir, const uint32_t *gids,
                       size_t n, hui_buf *out, uint16_t *cids, hui_cff_info *info, char **why) {
  memset(info, 0, sizeof *info);
  /* hb-subset keeps the glyphs in the order of their old numbers */
  uint32_t *sorted = hui_xmalloc((n ? n : 1) * sizeof *sorted);
  size_t ng = sort_gids(gids, n, sorted);
  const hui_cff_table *cfft = NULL, *maxpt = NULL;
  for (size_t i = 0; i < ndir; i++) {
    if (dir[i].tag == HB_TAG('C', 'F', 'F', ' ')) cfft = &dir[i];
    if (dir[i].tag == HB_TAG('m', 'a', 'x', 'p')) maxpt = &dir[i];
  }
  size_t size = 0;
  bool pruned = false;
  uint8_t *sfnt = cfft && maxpt ? compact_sfnt(fd, cfft, maxpt, sorted, ng, &size, &pruned) : NULL;
  bool compact = sfnt != NULL;
  if (!sfnt && !(sfnt = make_sfnt(fd, dir, ndir, &size))) {
    free(sorted);
    *why = hui_xstrdup("cannot be read");
    return false;
  }
  /* A pruned compact program is the subset; otherwise hb-subset makes it. */
  hb_blob_t *blob =
      compact && pruned
          ? hb_blob_create((const char *)sfnt_table(sfnt, 0), sfnt_table_len(sfnt, 0),
                           HB_MEMORY_MODE_READONLY, NULL, NULL)
          : hb_blob_create((const char *)sfnt, (unsigned)size, HB_MEMORY_MODE_READONLY, NULL, NULL);
  hb_face_t *face = compact && pruned ? NULL : hb_face_create(blob, 0);
  hb_subset_input_t *in = face ? hb_subset_input_create_or_fail() : NULL;
  hb_face_t *sub = NULL;
  if (in) {
    hb_set_t *keep = hb_subset_input_glyph_set(in);
    /* the compact program has the kept glyphs only */
    if (compact) hb_set_add_range(keep, 0, (hb_codepoint_t)ng - 1);
    else
      for (size_t k = 0; k < ng; k++) hb_set_add(keep, sorted[k]);
    sub = hb_subset_or_fail(face, in);
  }
  hb_blob_t *prog = sub     ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' '))
                    : !face ? hb_blob_reference(blob)
                            : NULL;
  unsigned plen = 0;
  const char *pdata = prog ? hb_blob_get_data(prog, &plen) : NULL;
  const char *bad = !pdata || plen == 0 ? "could not be subset by HarfBuzz" : NULL;
  if (!bad) bad = cids_of((const uint8_t *)pdata, plen, sorted, ng, gids, n, cids, info);
  if (!bad) hui_buf_add(out, pdata, plen);
  free(sorted);
  hb_blob_destroy(prog);
  hb_face_destroy(sub);
  hb_subset_input_destroy(in);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  free(sfnt);
  if (bad) *why = hui_xasprintf("its CFF outlines %s", bad);
  return bad == NULL;
}

/* The Subrs INDEX a Private DICT at [at, at + size) of c names, into *x
 * (count 0 when it names none); false when it is malformed. */
static bool private_subrs(const cff *c, long at, long size, hui_cff_items *x) {
  memset(x, 0, sizeof *x);
  if (at < 0 || size < 0 || (size_t)at > c->len || (size_t)size > c->len - (size_t)at) return false;
  dict_op o;
  int r;
  long subrs = -1;
  for (size_t i = 0; (r = dict_next(c->p + at, (size_t)size, &i, &o)) == 1;)
    if (o.op == 19 && o.nops >= 1) subrs = o.ops[o.nops - 1];
  if (r != 0) return false;
  if (subrs <= 0) return true;
  size_t from = (size_t)at + (size_t)subrs;
  return from < c->len && hui_cff_items_read(c->p + from, c->len - from, x);
}

bool hui_cff_drawing(const uint8_t *p, size_t len, hui_buf *out) {
  cff c = {p, len};
  size_t from, to, end, strings_end;
  unsigned count;
  if (len < 4 || !cff_index(&c, p[2], 0, &from, &to, &count, &end)) return false;
  size_t top_at = end;
  if (!cff_index(&c, top_at, 0, &from, &to, &count, &end) || count < 1) return false;
  top t = TOP_NONE;
  if (!parse_top(p + from, to - from, &t)) return false;
  hui_cff_items gx, cs, fdx;
  if (!cff_index(&c, end, 0, &from, &to, &count, &strings_end) ||
      !hui_cff_items_read(p + strings_end, len - strings_end, &gx) || t.charstrings <= 0 ||
      (size_t)t.charstrings >= len ||
      !hui_cff_items_read(p + t.charstrings, len - (size_t)t.charstrings, &cs))
    return false;
  /* the local Subrs of each Font DICT (one, the Top DICT's Private, when
   * the program is not CID-keyed) */
  unsigned nfd = 1;
  if (t.has_ros &&
      (t.fdarray <= 0 || (size_t)t.fdarray >= len ||
       !hui_cff_items_read(p + t.fdarray, len - (size_t)t.fdarray, &fdx) || (nfd = fdx.count) == 0))
    return false;
  hui_cff_items *lx = hui_xcalloc(nfd, sizeof *lx);
  bool ok = true;
  for (unsigned i = 0; ok && i < nfd; i++) {
    top ft = TOP_NONE;
    const uint8_t *d = NULL;
    size_t dn = 0;
    if (t.has_ros) ok = hui_cff_item(&fdx, i, &d, &dn) && parse_top(d, dn, &ft);
    else ft = t;
    ok = ok && (ft.private_at < 0 || private_subrs(&c, ft.private_at, ft.private_size, &lx[i]));
  }
  for (unsigned g = 0; ok && g < cs.count; g++) {
    unsigned fd = 0;
    if (t.has_ros) { /* FDSelect, format 0 or 3 */
      size_t at = (size_t)t.fdselect;
      ok = t.fdselect > 0 && at < len;
      if (ok && p[at] == 0) {
        ok = at + 1 + g < len;
        if (ok) fd = p[at + 1 + g];
      } else if (ok && p[at] == 3 && at + 3 <= len) {
        unsigned nr = be16(p + at + 1), r = 0;
        ok = at + 3 + 3 * (size_t)nr + 2 <= len && nr > 0;
        while (ok && r + 1 < nr && be16(p + at + 3 + 3 * (size_t)(r + 1)) <= g) r++;
        if (ok) fd = p[at + 3 + 3 * (size_t)r + 2];
      } else {
        ok = false;
      }
      ok = ok && fd < nfd;
    }
    const uint8_t *b;
    size_t n;
    ok = ok && hui_cff_item(&cs, g, &b, &n) &&
         hui_cs_flatten(b, n, &gx, lx[fd].count ? &lx[fd] : NULL, out);
    hui_buf_putc(out, '\n');
  }
  free(lx);
  return ok;
}

/* One subset at a time: hb-subset, when it is used, needs some 20 MB for a
 * CJK face's thousands of glyphs (its plan, the parsed charstrings and
 * subroutines, the program it writes), and a build saves the certificates
 * on a thread of their own (app/build.c) while the compendium may be
 * saving too. */
static pthread_mutex_t one_at_a_time = PTHREAD_MUTEX_INITIALIZER;

bool hui_cff_subset(int fd, const hui_cff_table *dir, size_t ndir, const uint32_t *gids, size_t n,
                    hui_buf *out, uint16_t *cids, hui_cff_info *info, char **why) {
  pthread_mutex_lock(&one_at_a_time);
  bool ok = cff_subset(fd, dir, ndir, gids, n, out, cids, info, why);
  pthread_mutex_unlock(&one_at_a_time);
  return ok;
}
