/* subset: TrueType subsetting for the PDF backend (see subset.h). All reads of
 * the face's tables are bounds-checked: a font file is input like any other. */
#define _XOPEN_SOURCE 700 /* O_CLOEXEC */
#include "subset.h"

#include "pdf/cff.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TAG(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (uint32_t)(d))
#define MAX_GLYPHS 65535u
#define MAX_DEPTH 16 /* nesting of composite glyphs (the spec's fonts use 1-2) */
#define PAGE 256     /* code points per page of the cp -> CID map */
#define NPAGES (0x110000 / PAGE)

/* Flags of a composite glyph's component record. */
#define ARG_WORDS 0x0001
#define HAVE_SCALE 0x0008
#define MORE_COMPONENTS 0x0020
#define HAVE_XY_SCALE 0x0040
#define HAVE_2X2 0x0080

typedef struct sglyph {
  uint32_t src;  /* glyph number in the face */
  uint32_t cp;   /* first code point asked for; 0 for .notdef and parts */
  size_t off;    /* its bytes in data (once read) */
  uint32_t len;  /* their length, padded to even */
  uint16_t adv;  /* advance in font units */
  int16_t lsb;
  bool has_lsb; /* lsb read (the advance came from the face: read with the others' later) */
} sglyph;

typedef struct sfnt_table {
  uint32_t off, len; /* in the file; len 0 = absent */
} sfnt_table;

/* The tables read from the file. */
enum { T_HEAD, T_HHEA, T_MAXP, T_HMTX, T_LOCA, T_GLYF, T_OS2, T_POST, T_CVT, T_FPGM, T_PREP, T_CFF, T_COUNT };
static const uint32_t table_tags[T_COUNT] = {
    TAG('h', 'e', 'a', 'd'), TAG('h', 'h', 'e', 'a'), TAG('m', 'a', 'x', 'p'), TAG('h', 'm', 't', 'x'),
    TAG('l', 'o', 'c', 'a'), TAG('g', 'l', 'y', 'f'), TAG('O', 'S', '/', '2'), TAG('p', 'o', 's', 't'),
    TAG('c', 'v', 't', ' '), TAG('f', 'p', 'g', 'm'), TAG('p', 'r', 'e', 'p'), TAG('C', 'F', 'F', ' ')};

struct hui_subset {
  hui_subset_source src; /* its strings copied */
  int fd;
  sfnt_table t[T_COUNT];
  unsigned upem, nsrc, nhmetrics;
  bool long_loca;
  bool cff;      /* CFF outlines (cff.c makes the program) */
  uint16_t *fcid; /* cff: per subset glyph, its CID in the program (once written) */
  hui_cff_info info;
  uint8_t *head, *hhea, *maxp, *os2, *post;
  uint16_t *newid; /* per face glyph: its CID, 0 = not in the subset (but glyph 0 is CID 0) */
  sglyph *g;
  size_t n, cap;
  size_t nread; /* glyphs 0 .. nread-1 have their bytes in data */
  bool written; /* the program was written (and data freed) */
  hui_buf data;
  uint16_t *cid_of[NPAGES]; /* per page of code points: CID, 0 = not asked for yet */
};

static unsigned u16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static int s16(const uint8_t *p) { return (int16_t)(uint16_t)u16(p); }
static uint32_t u32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static void put16(uint8_t *p, unsigned v) {
  p[0] = (uint8_t)(v >> 8);
  p[1] = (uint8_t)v;
}
static void put32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

/* n bytes of a table from off, read from the file; false past the table's
 * end. The tables read a glyph at a time ('hmtx', 'loca') are not held whole
 * (a quarter of a megabyte each in a face of 65,535 glyphs), nor is the
 * glyph data: read through the page cache with pread, the font file is never
 * mapped, so only what is kept counts against the process's memory. */
static bool table_at(const hui_subset *s, int which, size_t off, uint8_t *buf, size_t n) {
  const sfnt_table *t = &s->t[which];
  return off <= t->len && n <= t->len - off && hui_pread_all(s->fd, buf, n, (uint64_t)t->off + off);
}

/* The first n bytes of a table, all of it when shorter (NULL when absent or
 * unreadable): of 'post' its header, not its glyph names (a megabyte in some
 * CJK faces). */
static uint8_t *read_head(const hui_subset *s, int which, size_t n) {
  size_t len = s->t[which].len;
  if (len == 0) return NULL;
  if (n > len) n = len;
  uint8_t *buf = hui_xmalloc(n);
  if (!table_at(s, which, 0, buf, n)) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* The whole table (NULL when absent, unreadable or over 16 MB). */
static uint8_t *read_table(const hui_subset *s, int which) {
  size_t len = s->t[which].len;
  return len > (16u << 20) ? NULL : read_head(s, which, len);
}

/* Glyph gid's advance and left side bearing from 'hmtx' (the last advance
 * repeats past numberOfHMetrics, with a bearing of its own). */
static bool metrics(const hui_subset *s, unsigned gid, sglyph *g) {
  uint8_t e[4];
  size_t nhm = s->nhmetrics;
  bool ok = gid < nhm ? table_at(s, T_HMTX, 4 * (size_t)gid, e, 4)
                      : table_at(s, T_HMTX, 4 * (nhm - 1), e, 2) &&
                            table_at(s, T_HMTX, 4 * nhm + 2 * (gid - nhm), e + 2, 2);
  if (!ok) return false;
  g->adv = (uint16_t)u16(e);
  g->lsb = (int16_t)s16(e + 2);
  g->has_lsb = true;
  return true;
}

/* Bytes of one table read through a window of it: a look-up outside the
 * window reads the next WINDOW bytes from there. Glyphs looked up in order
 * of their number read a table a window at a time, not a glyph at a time. */
enum { WINDOW = 16384 };
typedef struct window {
  int which;
  uint8_t *buf;
  size_t from, len; /* the bytes of the table held */
} window;

static bool window_at(const hui_subset *s, window *w, size_t off, size_t n, uint8_t *out) {
  if (off < w->from || off + n > w->from + w->len || !w->buf) {
    const sfnt_table *t = &s->t[w->which];
    if (off > t->len || n > t->len - off || n > WINDOW) return false;
    size_t len = t->len - off < WINDOW ? t->len - off : WINDOW;
    if (!w->buf) w->buf = hui_xmalloc(WINDOW);
    if (!hui_pread_all(s->fd, w->buf, len, (uint64_t)t->off + off)) {
      w->len = 0;
      return false;
    }
    w->from = off;
    w->len = len;
  }
  memcpy(out, w->buf + (off - w->from), n);
  return true;
}

/* A glyph's number and CID, to visit glyphs in the order of their numbers. */
typedef struct by_gid {
  uint32_t gid, cid;
} by_gid;

static int cmp_gid(const void *a, const void *b) {
  const by_gid *x = a, *y = b;
  return x->gid != y->gid ? (x->gid < y->gid ? -1 : 1) : (x->cid > y->cid) - (x->cid < y->cid);
}

/* CIDs from .. n-1 in the order of their glyph numbers (caller frees). */
static by_gid *sorted_by_gid(const hui_subset *s, size_t from, size_t n) {
  by_gid *v = hui_xmalloc((n - from + 1) * sizeof *v);
  for (size_t i = from; i < n; i++) v[i - from] = (by_gid){s->g[i].src, (uint32_t)i};
  qsort(v, n - from, sizeof *v, cmp_gid);
  return v;
}

/* The left side bearings of the glyphs whose advance came from the face,
 * read from 'hmtx' in the order of their numbers. */
static bool read_lsbs(hui_subset *s) {
  size_t need = 0;
  for (size_t i = 0; i < s->n; i++) need += !s->g[i].has_lsb;
  if (!need) return true;
  by_gid *v = sorted_by_gid(s, 0, s->n);
  window w = {.which = T_HMTX};
  size_t nhm = s->nhmetrics;
  bool ok = true;
  for (size_t k = 0; ok && k < s->n; k++) {
    sglyph *g = &s->g[v[k].cid];
    if (g->has_lsb) continue;
    uint8_t e[2];
    size_t gid = g->src;
    ok = window_at(s, &w, gid < nhm ? 4 * gid + 2 : 4 * nhm + 2 * (gid - nhm), 2, e);
    if (!ok) break;
    g->lsb = (int16_t)s16(e);
    g->has_lsb = true;
  }
  free(w.buf);
  free(v);
  return ok;
}

static void fail(char **why, const hui_subset *s, const char *what) {
  *why = hui_xasprintf("the font %s (face %d) %s", s->src.file, s->src.index, what);
}

void hui_subset_free(hui_subset *s) {
  if (!s) return;
  if (s->fd >= 0) close(s->fd);
  free(s->head);
  free(s->hhea);
  free(s->maxp);
  free(s->os2);
  free(s->post);
  free(s->newid);
  free(s->fcid);
  free(s->g);
  hui_buf_free(&s->data);
  for (size_t i = 0; i < NPAGES; i++) free(s->cid_of[i]);
  free((char *)s->src.file);
  free((char *)s->src.family);
  free(s);
}

/* Finds the face's table directory (in a collection, the face's entry of
 * the ttcf header) and records the tables we read. */
static const char *read_directory(hui_subset *s) {
  uint8_t hdr[12];
  uint64_t at = 0;
  if (!hui_pread_all(s->fd, hdr, 12, 0)) return "cannot be read";
  if (memcmp(hdr, "ttcf", 4) == 0) {
    unsigned index = (unsigned)s->src.index;
    if (index >= u32(hdr + 8)) return "has no such face";
    uint8_t o[4];
    if (!hui_pread_all(s->fd, o, 4, 12 + 4 * (uint64_t)index))
      return "has a truncated collection header";
    at = u32(o);
    if (!hui_pread_all(s->fd, hdr, 12, at)) return "has a truncated table directory";
  }
  unsigned nt = u16(hdr + 4);
  if (nt == 0 || nt > 1024) return "has a malformed table directory";
  uint8_t *dir = hui_xmalloc(16 * (size_t)nt);
  bool ok = hui_pread_all(s->fd, dir, 16 * (size_t)nt, at + 12);
  struct stat st;
  if (ok && fstat(s->fd, &st) != 0) ok = false;
  for (unsigned i = 0; ok && i < nt; i++) {
    const uint8_t *r = dir + 16 * i;
    for (int k = 0; k < T_COUNT; k++) {
      if (u32(r) != table_tags[k]) continue;
      uint64_t off = u32(r + 8), len = u32(r + 12);
      if (off + len > (uint64_t)st.st_size) ok = false;
      s->t[k] = (sfnt_table){(uint32_t)off, (uint32_t)len};
    }
  }
  free(dir);
  return ok ? NULL : "has a table outside the file";
}

static unsigned face_glyph(void *face, uint32_t cp) { return hui_face_glyph(face, cp); }
static bool face_same_file(void *face, int fd) { return hui_face_same_file(face, fd); }
static int face_advance(void *face, unsigned gid) { return hui_face_glyph_advance(face, gid); }

hui_subset *hui_subset_new(hui_face *face, char **why) {
  hui_subset_source src = {hui_face_file(face), hui_face_index(face), hui_face_family(face),
                           face_glyph,          face_same_file,       face,
                           face_advance};
  return hui_subset_open(&src, why);
}

hui_subset *hui_subset_open(const hui_subset_source *src, char **why) {
  hui_subset *s = hui_xcalloc(1, sizeof *s);
  s->src = *src;
  s->src.file = hui_xstrdup(src->file);
  s->src.family = hui_xstrdup(src->family ? src->family : src->file);
  s->fd = open(s->src.file, O_RDONLY | O_CLOEXEC);
  const char *bad = s->fd < 0 ? "cannot be opened any more (was it removed?)"
                    : src->same_file && !src->same_file(src->ctx, s->fd)
                        ? "was changed while huibian ran; run again"
                        : read_directory(s);
  if (!bad) {
    s->head = read_table(s, T_HEAD);
    s->hhea = read_table(s, T_HHEA);
    s->maxp = read_table(s, T_MAXP);
    if (!s->head || s->t[T_HEAD].len < 54 || u32(s->head + 12) != 0x5F0F3CF5u)
      bad = "has no valid 'head' table";
    else if (!s->hhea || s->t[T_HHEA].len < 36)
      bad = "has no valid 'hhea' table";
    else if (!s->maxp || s->t[T_MAXP].len < 6)
      bad = "has no valid 'maxp' table";
  }
  if (!bad) {
    s->upem = u16(s->head + 18);
    s->nsrc = u16(s->maxp + 4);
    s->nhmetrics = u16(s->hhea + 34);
    s->long_loca = s16(s->head + 50) == 1;
    if (s->upem < 16 || s->upem > 16384) bad = "has a 'head' table with a bad unitsPerEm";
    else if (s->nsrc == 0) bad = "has no glyphs";
    else if ((s->cff = s->t[T_CFF].len > 0 && s->t[T_GLYF].len == 0))
      bad = s->nhmetrics > 0 && s->nhmetrics <= s->nsrc &&
                    s->t[T_HMTX].len >=
                        (size_t)s->nhmetrics * 4 + (size_t)(s->nsrc - s->nhmetrics) * 2
                ? NULL
                : "has a malformed 'hmtx' table";
    else if (s->t[T_LOCA].len < (size_t)(s->nsrc + 1) * (s->long_loca ? 4 : 2))
      bad = "has a missing or short 'loca' table";
    else if (s->t[T_GLYF].len == 0) bad = "has no 'glyf' table";
    else if (s->nhmetrics == 0 || s->nhmetrics > s->nsrc ||
             s->t[T_HMTX].len < (size_t)s->nhmetrics * 4 + (size_t)(s->nsrc - s->nhmetrics) * 2)
      bad = "has a malformed 'hmtx' table";
  }
  if (bad) {
    fail(why, s, bad);
    hui_subset_free(s);
    return NULL;
  }
  s->os2 = read_table(s, T_OS2);
  s->post = read_head(s, T_POST, 32);
  s->newid = hui_xcalloc(s->nsrc, sizeof *s->newid);
  sglyph *g = HUI_PUSH(s->g, s->n, s->cap); /* .notdef */
  if (!metrics(s, 0, g)) {
    fail(why, s, "cannot be read (its 'hmtx' table)");
    hui_subset_free(s);
    return NULL;
  }
  return s;
}

/* Where glyph gid's data lies in glyf, read from 'loca' through w; false
 * when loca says nonsense. */
static bool glyph_range(const hui_subset *s, window *w, unsigned gid, size_t *off, size_t *len) {
  size_t a, b;
  uint8_t e[8];
  if (s->long_loca) {
    if (!window_at(s, w, 4 * (size_t)gid, 8, e)) return false;
    a = u32(e);
    b = u32(e + 4);
  } else {
    if (!window_at(s, w, 2 * (size_t)gid, 4, e)) return false;
    a = 2 * (size_t)u16(e);
    b = 2 * (size_t)u16(e + 2);
  }
  if (b < a || b > s->t[T_GLYF].len || b - a > 0xFFFF) return false;
  *off = a;
  *len = b - a;
  return true;
}

/* Numbers face glyph gid in the subset (its bytes are read later, when the
 * program is written) and returns its CID, or -1 with *why set. */
/* A new CID for face glyph gid (< nsrc), with its metrics; -1 with *why
 * set when the subset is full. */
static long new_cid(hui_subset *s, unsigned gid, char **why) {
  if (s->n >= MAX_GLYPHS) {
    *why = hui_xasprintf("the font %s (face %d) would need more than %u glyphs in one document",
                         s->src.file, s->src.index, MAX_GLYPHS);
    return -1;
  }
  long cid = (long)s->n;
  sglyph *g = HUI_PUSH(s->g, s->n, s->cap);
  *g = (sglyph){.src = gid};
  int adv = s->src.advance ? s->src.advance(s->src.ctx, gid) : -1;
  if (adv >= 0 && adv <= 0xFFFF)
    g->adv = (uint16_t)adv; /* its bearing read later with the others' (read_lsbs) */
  else if (!metrics(s, gid, g)) {
    s->n--;
    fail(why, s, "cannot be read (its 'hmtx' table)");
    return -1;
  }
  return cid;
}

static long add_glyph(hui_subset *s, unsigned gid, char **why) {
  if (gid >= s->nsrc) {
    fail(why, s, "has a glyph number outside the font");
    return -1;
  }
  if (gid == 0 || s->newid[gid]) return s->newid[gid];
  long cid = new_cid(s, gid, why);
  if (cid >= 0) s->newid[gid] = (uint16_t)cid;
  return cid;
}

unsigned hui_subset_cid(hui_subset *s, uint32_t cp, char **why) {
  if (cp >= 0x110000) {
    *why = hui_xasprintf("U+%X is not a Unicode code point", (unsigned)cp);
    return 0;
  }
  uint16_t *page = s->cid_of[cp / PAGE];
  if (page && page[cp % PAGE]) return page[cp % PAGE];
  unsigned gid = s->src.glyph(s->src.ctx, cp);
  if (gid == 0) {
    *why = hui_xasprintf("the font %s has no glyph for U+%04X", s->src.family,
                         (unsigned)cp);
    return 0;
  }
  long cid = add_glyph(s, gid, why);
  if (cid < 0) return 0;
  if (cid == 0) { /* a character mapped to .notdef itself */
    *why = hui_xasprintf("the font %s maps U+%04X to its .notdef glyph", s->src.family,
                         (unsigned)cp);
    return 0;
  }
  if (s->g[cid].cp && s->g[cid].cp != cp) {
    /* The glyph already stands for another character (fonts share glyphs,
     * e.g. U+3008 and U+2329): a copy of it under a CID of its own, so that the
     * ToUnicode map gives each its character back. */
    cid = new_cid(s, gid, why);
    if (cid < 0) return 0;
  }
  s->g[cid].cp = cp;
  if (!page) page = s->cid_of[cp / PAGE] = hui_xcalloc(PAGE, sizeof *page);
  page[cp % PAGE] = (uint16_t)cid;
  return (unsigned)cid;
}

size_t hui_subset_count(const hui_subset *s) { return s->n; }

int hui_subset_width(const hui_subset *s, unsigned cid) {
  if (cid >= s->n) return 0;
  return (int)((long)s->g[cid].adv * 1000 / (long)s->upem);
}

uint32_t hui_subset_unicode(const hui_subset *s, unsigned cid) {
  return cid < s->n ? s->g[cid].cp : 0;
}

/* --- writing the font program --- */

typedef struct want {
  size_t off, len; /* in glyf */
  size_t cid;
} want;

static int by_offset(const void *a, const void *b) {
  const want *x = a, *y = b;
  if (x->off != y->off) return x->off < y->off ? -1 : 1;
  return (x->cid > y->cid) - (x->cid < y->cid);
}

/* Reads the bytes of glyphs nread .. n-1 in file order, a few neighbours per
 * read; the parts of composite glyphs among them are numbered, so the caller
 * repeats until nothing is left unread. */
static bool read_glyphs(hui_subset *s, char **why) {
  size_t count = s->n - s->nread;
  want *w = hui_xmalloc(count * sizeof *w);
  /* their places from 'loca', in the order of their numbers */
  by_gid *v = sorted_by_gid(s, s->nread, s->n);
  window lw = {.which = T_LOCA};
  for (size_t i = 0; i < count; i++) {
    size_t cid = v[i].cid;
    w[i].cid = cid;
    if (!glyph_range(s, &lw, s->g[cid].src, &w[i].off, &w[i].len)) {
      free(lw.buf);
      free(v);
      free(w);
      fail(why, s, "has a malformed 'loca' table");
      return false;
    }
  }
  free(lw.buf);
  free(v);
  qsort(w, count, sizeof *w, by_offset);
  uint8_t *span = NULL;
  size_t capspan = 0;
  bool ok = true;
  for (size_t i = 0; ok && i < count;) {
    size_t j = i + 1, from = w[i].off, to = w[i].off + w[i].len;
    while (j < count && w[j].off <= to + 4096 && w[j].off + w[j].len - from <= (1u << 20)) {
      if (w[j].off + w[j].len > to) to = w[j].off + w[j].len;
      j++;
    }
    if (to - from > capspan) span = hui_xrealloc(span, capspan = to - from);
    if (to > from && !hui_pread_all(s->fd, span, to - from, (uint64_t)s->t[T_GLYF].off + from)) {
      fail(why, s, "cannot be read");
      ok = false;
      break;
    }
    for (size_t k = i; k < j; k++) {
      sglyph *g = &s->g[w[k].cid];
      g->off = s->data.len;
      g->len = (uint32_t)(w[k].len + (w[k].len & 1));
      if (w[k].len) hui_buf_add(&s->data, span + (w[k].off - from), w[k].len);
      if (w[k].len & 1) hui_buf_putc(&s->data, 0);
    }
    i = j;
  }
  free(span);
  free(w);
  if (!ok) return false;
  /* composites: number each part and write its new number in place */
  size_t upto = s->n;
  for (size_t cid = s->nread; cid < upto; cid++) {
    size_t at = s->g[cid].off, end = at + s->g[cid].len;
    if (s->g[cid].len < 10 || s16((uint8_t *)s->data.data + at) >= 0) continue;
    size_t p = at + 10;
    for (;;) {
      if (p + 4 > end) {
        fail(why, s, "has a truncated composite glyph");
        return false;
      }
      unsigned flags = u16((uint8_t *)s->data.data + p);
      long part = add_glyph(s, u16((uint8_t *)s->data.data + p + 2), why);
      if (part < 0) return false;
      put16((uint8_t *)s->data.data + p + 2, (unsigned)part);
      p += 4 + ((flags & ARG_WORDS) ? 4 : 2);
      p += (flags & HAVE_SCALE) ? 2 : (flags & HAVE_XY_SCALE) ? 4 : (flags & HAVE_2X2) ? 8 : 0;
      if (!(flags & MORE_COMPONENTS)) break;
    }
  }
  s->nread = upto;
  return true;
}

static int scale(const hui_subset *s, int v) {
  long x = (long)v * 1000;
  return (int)(x >= 0 ? x / (long)s->upem : -((-x + s->upem - 1) / (long)s->upem));
}

void hui_subset_get_metrics(const hui_subset *s, hui_subset_metrics *m) {
  memset(m, 0, sizeof *m);
  for (int i = 0; i < 4; i++) m->bbox[i] = scale(s, s16(s->head + 36 + 2 * i));
  int asc = s16(s->hhea + 4), desc = s16(s->hhea + 6), cap = 0;
  const uint8_t *os2 = s->os2;
  size_t os2_len = s->t[T_OS2].len;
  if (os2 && os2_len >= 72 && u16(os2) != 0xFFFF && s16(os2 + 68) > 0) {
    asc = s16(os2 + 68);
    desc = s16(os2 + 70);
  }
  if (os2 && os2_len >= 90 && u16(os2) >= 2) cap = s16(os2 + 88);
  m->ascent = scale(s, asc);
  m->descent = scale(s, desc);
  m->cap_height = cap > 0 ? scale(s, cap) : m->ascent;
  if (s->post && s->t[T_POST].len >= 16) {
    m->italic_angle = (int32_t)u32(s->post + 4) / 65536.0;
    m->fixed_pitch = u32(s->post + 12) != 0;
  }
  /* sFamilyClass 1-7 are the serif classes; 8 is sans serif */
  if (os2 && os2_len >= 32) {
    unsigned cls = u16(os2 + 30) >> 8;
    m->serif = cls >= 1 && cls <= 7;
  }
}

typedef struct table {
  uint32_t tag;
  const uint8_t *data;
  size_t len;
} table;

static uint32_t checksum(const uint8_t *p, size_t len) {
  uint32_t sum = 0;
  size_t i = 0;
  for (; i + 4 <= len; i += 4) sum += u32(p + i);
  if (i < len) {
    uint8_t last[4] = {0};
    memcpy(last, p + i, len - i);
    sum += u32(last);
  }
  return sum;
}

/* The program of a CFF face's subset: a CFF table (pdf/cff.c). */
static bool cff_program(hui_subset *s, hui_buf *out, char **why) {
  static const int used[] = {T_CFF, T_HEAD, T_HHEA, T_HMTX, T_MAXP};
  hui_cff_table dir[5];
  for (size_t i = 0; i < 5; i++)
    dir[i] = (hui_cff_table){table_tags[used[i]], s->t[used[i]].off, s->t[used[i]].len};
  uint32_t *gids = hui_xmalloc(s->n * sizeof *gids);
  for (size_t k = 0; k < s->n; k++) gids[k] = k ? s->g[k].src : 0;
  s->fcid = hui_xcalloc(s->n, sizeof *s->fcid);
  char *err = NULL;
  bool ok = hui_cff_subset(s->fd, dir, 5, gids, s->n, out, s->fcid, &s->info, &err);
  free(gids);
  if (!ok) {
    fail(why, s, err);
    free(err);
  }
  s->written = true;
  return ok;
}

bool hui_subset_is_cff(const hui_subset *s) { return s->cff; }

unsigned hui_subset_program_cid(const hui_subset *s, unsigned cid) {
  return s->fcid && cid < s->n ? s->fcid[cid] : cid;
}

bool hui_subset_ros(const hui_subset *s, const char **registry, const char **ordering,
                    int *supplement) {
  *registry = s->info.registry;
  *ordering = s->info.ordering;
  *supplement = s->info.supplement;
  return s->cff && s->info.cid_keyed;
}

bool hui_subset_program(hui_subset *s, hui_buf *out, char **why) {
  if (s->written) {
    *why = hui_xstrdup("a font subset's program can be written once");
    return false;
  }
  /* the glyphs are read now: the file must still be the one measured */
  if (s->src.same_file && !s->src.same_file(s->src.ctx, s->fd)) {
    fail(why, s, "was changed while huibian ran; run again");
    return false;
  }
  if (s->cff) return cff_program(s, out, why);
  while (s->nread < s->n)
    if (!read_glyphs(s, why)) return false;
  if (!read_lsbs(s)) {
    fail(why, s, "cannot be read (its 'hmtx' table)");
    return false;
  }
  size_t n = s->n;
  uint8_t head[54], hhea[36];
  memcpy(head, s->head, sizeof head);
  memcpy(hhea, s->hhea, sizeof hhea);
  put32(head + 8, 0);  /* checkSumAdjustment, set at the end */
  put16(head + 50, 1); /* long loca */
  put16(hhea + 34, (unsigned)n);
  size_t maxp_len = s->t[T_MAXP].len;
  uint8_t *maxp = hui_xmalloc(maxp_len);
  memcpy(maxp, s->maxp, maxp_len);
  put16(maxp + 4, (unsigned)n);
  uint8_t *hmtx = hui_xmalloc(4 * n), *loca = hui_xmalloc(4 * (n + 1));
  size_t glyf_len = 0;
  for (size_t i = 0; i < n; i++) {
    put16(hmtx + 4 * i, s->g[i].adv);
    put16(hmtx + 4 * i + 2, (uint16_t)s->g[i].lsb);
    put32(loca + 4 * i, (uint32_t)glyf_len);
    glyf_len += s->g[i].len;
  }
  put32(loca + 4 * n, (uint32_t)glyf_len);
  uint8_t post[32] = {0};
  if (s->post && s->t[T_POST].len >= 32) memcpy(post, s->post, 32);
  put32(post, 0x00030000u); /* version 3: no glyph names */
  uint8_t *cvt = read_table(s, T_CVT), *fpgm = read_table(s, T_FPGM), *prep = read_table(s, T_PREP);
  /* glyf (data NULL) is copied glyph by glyph in CID order straight into out */
  table all[] = {
      {TAG('O', 'S', '/', '2'), s->os2, s->t[T_OS2].len},
      {TAG('c', 'v', 't', ' '), cvt, s->t[T_CVT].len},
      {TAG('f', 'p', 'g', 'm'), fpgm, s->t[T_FPGM].len},
      {TAG('g', 'l', 'y', 'f'), NULL, glyf_len},
      {TAG('h', 'e', 'a', 'd'), head, sizeof head},
      {TAG('h', 'h', 'e', 'a'), hhea, sizeof hhea},
      {TAG('h', 'm', 't', 'x'), hmtx, 4 * n},
      {TAG('l', 'o', 'c', 'a'), loca, 4 * (n + 1)},
      {TAG('m', 'a', 'x', 'p'), maxp, maxp_len},
      {TAG('p', 'o', 's', 't'), post, sizeof post},
      {TAG('p', 'r', 'e', 'p'), prep, s->t[T_PREP].len},
  };
  table t[sizeof all / sizeof all[0]];
  unsigned nt = 0;
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
    if ((all[i].data || all[i].tag == TAG('g', 'l', 'y', 'f')) && all[i].len) t[nt++] = all[i];
  /* the offset table and directory (checksums filled in below), then each
   * table padded to 4 bytes; tags are listed above in ascending order */
  size_t start = out->len, off = 12 + 16 * (size_t)nt;
  unsigned pow2 = 1, log2 = 0;
  while (pow2 * 2 <= nt) pow2 *= 2, log2++;
  uint8_t hdr[12];
  put32(hdr, 0x00010000u);
  put16(hdr + 4, nt);
  put16(hdr + 6, pow2 * 16);
  put16(hdr + 8, log2);
  put16(hdr + 10, nt * 16 - pow2 * 16);
  hui_buf_add(out, hdr, sizeof hdr);
  size_t head_at = 0, offs[sizeof all / sizeof all[0]];
  for (unsigned i = 0; i < nt; i++) {
    uint8_t rec[16] = {0};
    put32(rec, t[i].tag);
    put32(rec + 8, (uint32_t)off);
    put32(rec + 12, (uint32_t)t[i].len);
    hui_buf_add(out, rec, sizeof rec);
    if (t[i].tag == TAG('h', 'e', 'a', 'd')) head_at = off;
    offs[i] = off;
    off += (t[i].len + 3) & ~(size_t)3;
  }
  static const uint8_t zero[3] = {0};
  for (unsigned i = 0; i < nt; i++) {
    if (t[i].data) {
      hui_buf_add(out, t[i].data, t[i].len);
    } else {
      for (size_t k = 0; k < n; k++)
        if (s->g[k].len) hui_buf_add(out, s->data.data + s->g[k].off, s->g[k].len);
    }
    hui_buf_add(out, zero, ((t[i].len + 3) & ~(size_t)3) - t[i].len);
  }
  uint8_t *font = (uint8_t *)out->data + start;
  for (unsigned i = 0; i < nt; i++)
    put32(font + 12 + 16 * (size_t)i + 4, checksum(font + offs[i], t[i].len));
  put32(font + head_at + 8, 0xB1B0AFBAu - checksum(font, out->len - start));
  free(maxp);
  free(hmtx);
  free(loca);
  free(cvt);
  free(fpgm);
  free(prep);
  /* the glyphs' bytes are in the program now */
  hui_buf_free(&s->data);
  s->written = true;
  return true;
}
