/* cff: the program hui_cff_subset makes of a CID-keyed face (a compact
 * copy of the kept glyphs with only the subroutines they call) draws every
 * glyph as the one hb-subset makes of the whole face, with the same CIDs,
 * and is within 1 % of its size (and a kilobyte); of a name-keyed CFF font,
 * or a CID-keyed one with a glyph the walk does not follow, it is byte
 * for byte hb-subset's; a table lying past the end of its file is an error,
 * not a crash. */
#define _XOPEN_SOURCE 700 /* pread */
#include <fcntl.h>
#include <hb-subset.h>
#include <hb.h>
#include <stdlib.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "pdf/cff.h"

static uint32_t u32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The face's CFF, head, hhea, hmtx and maxp entries (what subset.c gives
 * hui_cff_subset); false when the file is not there or not such a face. */
static bool read_dir(int fd, unsigned index, hui_cff_table dir[5]) {
  static const char *tags[5] = {"CFF ", "head", "hhea", "hmtx", "maxp"};
  uint8_t h[12];
  uint32_t at = 0;
  if (pread(fd, h, 12, 0) != 12) return false;
  if (memcmp(h, "ttcf", 4) == 0) {
    uint8_t o[4];
    if (index >= u32(h + 8) || pread(fd, o, 4, 12 + 4 * index) != 4) return false;
    at = u32(o);
    if (pread(fd, h, 12, at) != 12) return false;
  }
  unsigned nt = (unsigned)h[4] << 8 | h[5], found = 0;
  for (unsigned i = 0; i < nt; i++) {
    uint8_t r[16];
    if (pread(fd, r, 16, at + 12 + 16 * i) != 16) return false;
    for (int k = 0; k < 5; k++)
      if (memcmp(r, tags[k], 4) == 0) {
        dir[k] = (hui_cff_table){u32(r), u32(r + 8), u32(r + 12)};
        found++;
      }
  }
  return found == 5;
}

/* hb-subset's program of the glyphs gids of the whole face, every table
 * but those five dropped. */
static hb_blob_t *whole(const char *file, unsigned index, const uint32_t *gids, size_t n) {
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);
  hb_face_t *face = hb_face_create(blob, index);
  hb_subset_input_t *in = hb_subset_input_create_or_fail();
  for (size_t k = 0; k < n; k++) hb_set_add(hb_subset_input_glyph_set(in), gids[k]);
  hb_tag_t tags[64];
  unsigned nt = 64;
  hb_face_get_table_tags(face, 0, &nt, tags);
  for (unsigned i = 0; i < nt; i++)
    if (tags[i] != HB_TAG('C', 'F', 'F', ' ') && tags[i] != HB_TAG('h', 'e', 'a', 'd') &&
        tags[i] != HB_TAG('h', 'h', 'e', 'a') && tags[i] != HB_TAG('h', 'm', 't', 'x') &&
        tags[i] != HB_TAG('m', 'a', 'x', 'p'))
      hb_set_add(hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG), tags[i]);
  hb_face_t *sub = hb_subset_or_fail(face, in);
  hb_blob_t *prog =
      sub ? hb_face_reference_table(sub, HB_TAG('C', 'F', 'F', ' ')) : hb_blob_get_empty();
  hb_face_destroy(sub);
  hb_subset_input_destroy(in);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return prog;
}

/* Some glyphs of a face of nglyphs: .notdef first, the last, every
 * step-th glyph below it (none when step is 0), a run of neighbours, one
 * twice, not in order. */
static size_t pick(uint32_t *gids, unsigned nglyphs, unsigned step) {
  size_t n = 0;
  gids[n++] = 0;
  gids[n++] = nglyphs - 1;
  for (unsigned g = nglyphs - 1; step && g > 2 * step; g -= step) gids[n++] = g - step;
  for (unsigned g = 20; g < 60 && g < nglyphs; g++) gids[n++] = g;
  gids[n++] = nglyphs - 1;
  gids[n++] = 25 % nglyphs;
  return n;
}

/* hb: the program must be hb-subset's byte for byte (a face huibian hands
 * to hb-subset); else, for a CID-keyed face, one that draws the same. */
static void check_face(const char *file, unsigned index, unsigned step, bool hb) {
  int fd = open(file, O_RDONLY);
  hui_cff_table dir[5];
  if (fd < 0 || !read_dir(fd, index, dir)) {
    fprintf(stderr, "%s (face %u) not installed: not checked\n", file, index);
    if (fd >= 0) close(fd);
    return;
  }
  uint8_t m[6];
  CHECK(pread(fd, m, 6, dir[4].off) == 6);
  unsigned nglyphs = (unsigned)m[4] << 8 | m[5];
  uint32_t *gids = hui_xmalloc((nglyphs / (step ? step : nglyphs) + 64) * sizeof *gids);
  size_t n = pick(gids, nglyphs, step);
  uint16_t *cids = hui_xcalloc(n, sizeof *cids);
  hui_buf prog = {0};
  hui_cff_info info;
  char *why = NULL;
  CHECK(hui_cff_subset(fd, dir, 5, gids, n, &prog, cids, &info, &why));
  hb_blob_t *want = whole(file, index, gids, n);
  unsigned wlen = 0;
  const char *wdata = hb_blob_get_data(want, &wlen);
  if (info.cid_keyed && !hb) {
    hui_buf mine = {0}, theirs = {0};
    CHECK(hui_cff_drawing((const uint8_t *)prog.data, prog.len, &mine));
    CHECK(hui_cff_drawing((const uint8_t *)wdata, wlen, &theirs));
    CHECK(mine.len > 20 * n && mine.len == theirs.len &&
          memcmp(mine.data, theirs.data, mine.len) == 0);
    /* within 1 %, and a kilobyte: the String INDEX is kept whole, and the
     * charset written glyph by glyph */
    CHECK(wlen > 0 && prog.len <= wlen + wlen / 100 + 1024);
    /* the same CIDs: hb-subset's program read back the same way */
    hui_buf again = {0};
    uint16_t *cids2 = hui_xcalloc(n, sizeof *cids2);
    hui_cff_info info2;
    hui_buf_add(&again, wdata, wlen);
    CHECK(hui_cff_cids((const uint8_t *)again.data, again.len, gids, n, cids2, &info2));
    CHECK(memcmp(cids, cids2, n * sizeof *cids) == 0);
    free(cids2);
    hui_buf_free(&again);
    hui_buf_free(&mine);
    hui_buf_free(&theirs);
  } else {
    CHECK(wlen > 0 && prog.len == wlen && memcmp(prog.data, wdata, wlen) == 0);
  }
  if (prog.len != wlen) fprintf(stderr, "  %s: %zu bytes, hb-subset %u\n", file, prog.len, wlen);
  /* .notdef is CID 0; a glyph asked for twice has one CID; different
   * glyphs have different CIDs */
  size_t run = n - 2 - 40;
  CHECK_INT(cids[0], 0);
  CHECK_INT(cids[n - 2], cids[1]);
  CHECK_INT(cids[n - 1], cids[run + 5]);
  for (size_t k = run + 1; k < run + 40; k++) CHECK(cids[k] != cids[k - 1] && cids[k] != 0);
  hb_blob_destroy(want);
  hui_buf_free(&prog);
  free(why);

  /* the CFF table said to lie at the file's end, most of it past it */
  dir[0].off = (uint32_t)lseek(fd, 0, SEEK_END) - 16;
  why = NULL;
  CHECK(!hui_cff_subset(fd, dir, 5, gids, n, &prog, cids, &info, &why));
  CHECK_STR(why, "cannot be read");
  free(why);
  hui_buf_free(&prog);
  free(cids);
  free(gids);
  close(fd);
}

int main(void) {
  /* Noto Serif CJK SC (fonts-noto-cjk): CID-keyed, 65,535 glyphs */
  check_face("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2, 97, false);
  /* a few Latin glyphs: most Font DICTs unused (their Subrs left out) */
  check_face("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2, 0, false);
  /* our own CID-keyed font (tests/fuzz/make-corpus.py): two Font DICTs,
   * nested global subroutines, local ones, hintmasks */
  const char *src = getenv("HUIBIAN_SOURCE");
  char *tiny = hui_path_join(src ? src : ".", "tests/data/fonts/tiny-cid.otf");
  CHECK(access(tiny, R_OK) == 0);
  check_face(tiny, 0, 7, false);
  free(tiny);
  /* the same with 50 numbers on the stack in glyph 40, more than the walk
   * keeps to (Type 2's 48): hb-subset makes the subset, of the compact
   * program */
  tiny = hui_path_join(src ? src : ".", "tests/data/fonts/tiny-cid-deep.otf");
  CHECK(access(tiny, R_OK) == 0);
  check_face(tiny, 0, 7, true);
  free(tiny);
  /* Nimbus Roman (fonts-urw-base35): a name-keyed CFF, given whole */
  check_face("/usr/share/fonts/opentype/urw-base35/NimbusRoman-Regular.otf", 0, 7, true);
  return CHECK_DONE();
}
