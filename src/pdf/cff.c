/* cff: OpenType-CFF subsets through hb-subset (see cff.h). Every read of the
 * program HarfBuzz returns is bounds-checked like a font file's. */
#define _XOPEN_SOURCE 700 /* pread */
#include "pdf/cff.h"

#include <errno.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

static bool pread_all(int fd, uint8_t *b, size_t n, uint64_t off) {
  while (n) {
    ssize_t r = pread(fd, b, n, (off_t)off);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    b += r, n -= (size_t)r, off += (uint64_t)r;
  }
  return true;
}

/* An sfnt of the face's tables as they are (a face in a collection becomes
 * a font of its own): what hb-subset reads. */
static bool make_sfnt(int fd, const hui_cff_table *dir, size_t ndir, hui_buf *b) {
  size_t at = 12 + 16 * ndir;
  uint8_t hdr[12] = {0x4F, 0x54, 0x54, 0x4F, (uint8_t)(ndir >> 8), (uint8_t)ndir};
  hui_buf_add(b, hdr, sizeof hdr);
  for (size_t i = 0; i < ndir; i++) {
    uint8_t r[16] = {0};
    uint32_t v[4] = {dir[i].tag, 0, (uint32_t)at, dir[i].len};
    for (int k = 0; k < 4; k++)
      for (int j = 0; j < 4; j++) r[4 * k + j] = (uint8_t)(v[k] >> (24 - 8 * j));
    hui_buf_add(b, r, sizeof r);
    at += (dir[i].len + 3u) & ~3u;
  }
  for (size_t i = 0; i < ndir; i++) {
    size_t len = (dir[i].len + 3u) & ~3u, from = b->len;
    uint8_t *z = hui_xcalloc(1, len ? len : 1);
    bool ok = pread_all(fd, z, dir[i].len, dir[i].off);
    hui_buf_add(b, z, len);
    free(z);
    if (!ok) return false;
    (void)from;
  }
  return true;
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

/* The Top DICT's charset offset, CharStrings offset and ROS (SIDs). */
typedef struct top {
  long charset, charstrings, ros[3];
  bool has_ros;
} top;

static bool parse_top(const uint8_t *d, size_t n, top *t) {
  double ops[48];
  int nops = 0;
  for (size_t i = 0; i < n;) {
    unsigned b = d[i];
    if (b == 28 && i + 3 <= n) {
      if (nops < 48) ops[nops++] = (int16_t)(d[i + 1] << 8 | d[i + 2]);
      i += 3;
    } else if (b == 29 && i + 5 <= n) {
      if (nops < 48)
        ops[nops++] = (int32_t)((uint32_t)d[i + 1] << 24 | (uint32_t)d[i + 2] << 16 |
                                (uint32_t)d[i + 3] << 8 | d[i + 4]);
      i += 5;
    } else if (b == 30) { /* a real: skipped to its end nibble */
      for (i++; i < n && (d[i] & 0x0F) != 0x0F && (d[i] >> 4) != 0x0F; i++) {
      }
      i++;
      if (nops < 48) ops[nops++] = 0;
    } else if (b >= 32 && b <= 246) {
      if (nops < 48) ops[nops++] = (int)b - 139;
      i++;
    } else if (b >= 247 && b <= 250 && i + 2 <= n) {
      if (nops < 48) ops[nops++] = ((int)b - 247) * 256 + d[i + 1] + 108;
      i += 2;
    } else if (b >= 251 && b <= 254 && i + 2 <= n) {
      if (nops < 48) ops[nops++] = -((int)b - 251) * 256 - d[i + 1] - 108;
      i += 2;
    } else if (b <= 21) {
      unsigned op = b;
      if (b == 12) {
        if (i + 2 > n) return false;
        op = 1200 + d[i + 1];
        i++;
      }
      i++;
      if (op == 15 && nops >= 1) t->charset = (long)ops[nops - 1];
      if (op == 17 && nops >= 1) t->charstrings = (long)ops[nops - 1];
      if (op == 1230 && nops >= 3) {
        t->has_ros = true;
        for (int k = 0; k < 3; k++) t->ros[k] = (long)ops[k];
      }
      nops = 0;
    } else {
      return false;
    }
  }
  return true;
}

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
  top t = {-1, -1, {0, 0, 0}, false};
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

bool hui_cff_subset(int fd, const hui_cff_table *dir, size_t ndir, const uint32_t *gids, size_t n,
                    hui_buf *out, uint16_t *cids, hui_cff_info *info, char **why) {
  memset(info, 0, sizeof *info);
  hui_buf sfnt = {0};
  if (!make_sfnt(fd, dir, ndir, &sfnt)) {
    hui_buf_free(&sfnt);
    *why = hui_xstrdup("cannot be read");
    return false;
  }
  hb_blob_t *blob =
      hb_blob_create(sfnt.data, (unsigned)sfnt.len, HB_MEMORY_MODE_READONLY, NULL, NULL);
  hb_face_t *face = hb_face_create(blob, 0);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  hb_face_t *sub = NULL;
  if (in) {
    hb_set_t *keep = hb_subset_input_glyph_set(in);
    for (size_t k = 0; k < n; k++) hb_set_add(keep, gids[k]);
    sub = hb_subset_or_fail(face, in);
  }
  hb_blob_t *prog = sub ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : NULL;
  unsigned plen = 0;
  const char *pdata = prog ? hb_blob_get_data(prog, &plen) : NULL;
  const char *bad = !pdata || plen == 0 ? "could not be subset by HarfBuzz" : NULL;
  if (!bad) {
    /* hb-subset keeps the glyphs in the order of their old numbers */
    uint32_t *sorted = hui_xmalloc(n * sizeof *sorted);
    memcpy(sorted, gids, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, cmp_u32);
    size_t ng = 0;
    for (size_t k = 0; k < n; k++)
      if (k == 0 || sorted[k] != sorted[k - 1]) sorted[ng++] = sorted[k];
    uint16_t *cid_of_gid = hui_xmalloc((ng ? ng : 1) * sizeof *cid_of_gid);
    cff c = {(const uint8_t *)pdata, plen};
    bad = read_cff(&c, cid_of_gid, ng, info);
    for (size_t k = 0; !bad && k < n; k++) {
      uint32_t *hit = bsearch(&gids[k], sorted, ng, sizeof *sorted, cmp_u32);
      cids[k] = cid_of_gid[hit - sorted];
    }
    if (!bad) hui_buf_add(out, pdata, plen);
    free(cid_of_gid);
    free(sorted);
  }
  hb_blob_destroy(prog);
  hb_face_destroy(sub);
  hb_subset_input_destroy(in);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  hui_buf_free(&sfnt);
  if (bad) *why = hui_xasprintf("its CFF outlines %s", bad);
  return bad == NULL;
}
