/* subset: the font program of a subset, read back with FreeType, draws every
 * glyph exactly as the original face does (same outline points, advance and
 * side bearing), composite glyphs included; CIDs are dense and stable. */
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_OUTLINE_H
#include FT_TRUETYPE_TABLES_H
#include <math.h>
#include <stdlib.h>

#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "fonts.h"
#include "pdf/subset.h"

static FT_Library lib;

/* True when glyph a of fa and glyph b of fb have the same unscaled outline,
 * advance and left side bearing. */
static bool same_glyph(FT_Face fa, unsigned a, FT_Face fb, unsigned b) {
  if (FT_Load_Glyph(fa, a, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0) return false;
  FT_Outline oa;
  if (FT_Outline_New(lib, (FT_UInt)fa->glyph->outline.n_points, fa->glyph->outline.n_contours, &oa))
    return false;
  FT_Outline_Copy(&fa->glyph->outline, &oa);
  FT_Glyph_Metrics ma = fa->glyph->metrics;
  bool ok = FT_Load_Glyph(fb, b, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0;
  const FT_Outline *ob = &fb->glyph->outline;
  ok = ok && oa.n_points == ob->n_points && oa.n_contours == ob->n_contours;
  for (int i = 0; ok && i < oa.n_points; i++)
    ok = oa.points[i].x == ob->points[i].x && oa.points[i].y == ob->points[i].y &&
         oa.tags[i] == ob->tags[i];
  for (int i = 0; ok && i < oa.n_contours; i++) ok = oa.contours[i] == ob->contours[i];
  ok = ok && ma.horiAdvance == fb->glyph->metrics.horiAdvance &&
       ma.horiBearingX == fb->glyph->metrics.horiBearingX;
  FT_Outline_Done(lib, &oa);
  return ok;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Subsets face with the characters of text, in order, and checks the result
 * against the face. Returns the number of glyphs in the subset. */
static size_t check_face(hui_face *face, const char *text, hui_buf *prog) {
  char *why = NULL;
  hui_subset *s = hui_subset_new(face, &why);
  CHECK(s != NULL);
  if (!s) {
    fprintf(stderr, "subset: %s\n", why);
    free(why);
    return 0;
  }
  CHECK_INT(hui_subset_count(s), 1); /* .notdef */
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
  unsigned *cids = hui_xmalloc(n * sizeof *cids);
  unsigned next = 1;
  for (size_t i = 0; i < n; i++) {
    cids[i] = hui_subset_cid(s, cps[i], &why);
    CHECK(cids[i] > 0);
    bool seen = false;
    for (size_t k = 0; k < i; k++)
      if (cps[k] == cps[i]) {
        seen = true;
        CHECK_INT(cids[i], cids[k]);
      }
    /* new characters are numbered densely in the order asked */
    if (!seen && cids[i] == next) next++;
    else if (!seen) CHECK_INT(cids[i], next);
    CHECK_INT(hui_subset_unicode(s, cids[i]), cps[i]);
    /* the width a PDF's W array gives is the advance layout measures */
    CHECK_INT(hui_subset_width(s, cids[i]), (int)lround(hui_face_advance(face, cps[i]) * 1000));
  }
  CHECK(hui_subset_program(s, prog, &why));
  size_t count = hui_subset_count(s);

  /* the whole file's checksum, adjusted through head, is 0xB1B0AFBA */
  uint32_t sum = 0;
  for (size_t i = 0; i + 4 <= prog->len; i += 4) sum += be32((unsigned char *)prog->data + i);
  CHECK(prog->len % 4 == 0);
  CHECK_INT(sum, 0xB1B0AFBAu);

  FT_Face orig = NULL, sub = NULL;
  CHECK(FT_New_Face(lib, hui_face_file(face), hui_face_index(face), &orig) == 0);
  CHECK(FT_New_Memory_Face(lib, (const FT_Byte *)prog->data, (FT_Long)prog->len, 0, &sub) == 0);
  if (orig && sub) {
    CHECK_INT(sub->num_glyphs, count);
    CHECK_INT(sub->units_per_EM, orig->units_per_EM);
    CHECK(same_glyph(orig, 0, sub, 0));
    for (size_t i = 0; i < n; i++) {
      unsigned gid = FT_Get_Char_Index(orig, cps[i]);
      CHECK(same_glyph(orig, gid, sub, cids[i]));
      if (!same_glyph(orig, gid, sub, cids[i]))
        fprintf(stderr, "  U+%04X: glyph %u of the face differs from CID %u\n", (unsigned)cps[i],
                gid, cids[i]);
    }
  }
  if (sub) FT_Done_Face(sub);
  if (orig) FT_Done_Face(orig);

  /* a character the face lacks: 0 and a message naming the font */
  CHECK_INT(hui_subset_cid(s, 0x10FFFD, &why), 0);
  CHECK(why && strstr(why, "no glyph for U+10FFFD"));
  free(why);
  free(cps);
  free(cids);
  hui_subset_free(s);
  return count;
}

/* A CFF face's subset: each character's code keeps its own number, and the
 * program draws, at the CID it names, the face's glyph with its outline and
 * width (FreeType reads a bare CID-keyed CFF by CID). */
static void check_cff(hui_face *face, const char *text) {
  char *why = NULL;
  hui_subset *s = hui_subset_new(face, &why);
  CHECK(s != NULL && hui_subset_is_cff(s));
  if (!s) return;
  uint32_t cps[128];
  unsigned cids[128];
  size_t n = 0, len = strlen(text);
  for (size_t i = 0; i < len && n < 128;) {
    size_t k = hui_utf8_decode(text + i, len - i, &cps[n]);
    i += k ? k : 1;
    cids[n] = hui_subset_cid(s, cps[n], &why);
    CHECK(cids[n] > 0);
    CHECK_INT(hui_subset_width(s, cids[n]), (int)lround(hui_face_advance(face, cps[n]) * 1000));
    n++;
  }
  hui_buf prog = {0};
  CHECK(hui_subset_program(s, &prog, &why));
  const char *reg, *ord;
  int supp;
  CHECK(hui_subset_ros(s, &reg, &ord, &supp) && strcmp(reg, "Adobe") == 0);
  FT_Face orig = NULL, sub = NULL;
  CHECK(FT_New_Face(lib, hui_face_file(face), hui_face_index(face), &orig) == 0);
  CHECK(FT_New_Memory_Face(lib, (const FT_Byte *)prog.data, (FT_Long)prog.len, 0, &sub) == 0);
  for (size_t i = 0; orig && sub && i < n; i++) {
    unsigned gid = FT_Get_Char_Index(orig, cps[i]);
    bool same = same_glyph(orig, gid, sub, hui_subset_program_cid(s, cids[i]));
    CHECK(same);
    if (!same)
      fprintf(stderr, "  U+%04X: glyph %u of the face differs from CID %u of the program\n",
              (unsigned)cps[i], gid, hui_subset_program_cid(s, cids[i]));
  }
  /* the program holds the glyphs asked for, not the face's 65,535 */
  CHECK(prog.len > 0 && prog.len < 200000);
  if (sub) FT_Done_Face(sub);
  if (orig) FT_Done_Face(orig);
  hui_buf_free(&prog);
  hui_subset_free(s);
  free(why);
}

static FT_Face micro;
static unsigned micro_glyph(void *ctx, uint32_t cp) {
  (void)ctx;
  return FT_Get_Char_Index(micro, cp);
}

/* WenQuanYi Micro Hei (fonts-wqy-microhei): most of its Han characters are
 * composite glyphs whose parts have glyph numbers above 32,767 (libharu 2.3
 * drew them blank): each glyph of the subset is the face's. */
static void check_microhei(const char *file) {
  if (FT_New_Face(lib, file, 0, &micro) != 0) {
    fprintf(stderr, "%s not installed: WenQuanYi Micro Hei not checked\n", file);
    return;
  }
  hui_subset_source src = {file, 0, "WenQuanYi Micro Hei", micro_glyph, NULL, NULL, NULL};
  char *why = NULL;
  hui_subset *s = hui_subset_open(&src, &why);
  CHECK(s != NULL);
  const char *text = "扎根基层二十年甘做群众贴心人鑫龘齉爨";
  uint32_t cps[32];
  unsigned cids[32];
  size_t n = 0, len = strlen(text);
  for (size_t i = 0; s && i < len && n < 32; n++) {
    size_t k = hui_utf8_decode(text + i, len - i, &cps[n]);
    i += k ? k : 1;
    cids[n] = hui_subset_cid(s, cps[n], &why);
  }
  hui_buf prog = {0};
  FT_Face sub = NULL;
  CHECK(s && hui_subset_program(s, &prog, &why));
  CHECK(FT_New_Memory_Face(lib, (const FT_Byte *)prog.data, (FT_Long)prog.len, 0, &sub) == 0);
  for (size_t i = 0; sub && i < n; i++) CHECK(same_glyph(micro, FT_Get_Char_Index(micro, cps[i]), sub, cids[i]));
  if (sub) FT_Done_Face(sub);
  FT_Done_Face(micro);
  hui_buf_free(&prog);
  hui_subset_free(s);
  free(why);
}

static unsigned shared_gid;
/* U+E000 and U+E001 are both the glyph shared_gid; nothing else maps. */
static unsigned shared_glyph(void *ctx, uint32_t cp) {
  (void)ctx;
  return cp == 0xE000 || cp == 0xE001 ? shared_gid : 0;
}

/* The glyphs around numberOfHMetrics: 'hmtx' is read a glyph at a time, and
 * past that number a glyph has the last advance and a bearing of its own.
 * U+E000 + k is glyph around[k]. */
static unsigned around[5];
static unsigned around_glyph(void *ctx, uint32_t cp) {
  (void)ctx;
  return cp >= 0xE000 && cp < 0xE005 ? around[cp - 0xE000] : 0;
}

static unsigned ft_glyph(void *face, uint32_t cp) { return FT_Get_Char_Index(face, cp); }
static int ft_advance(void *face, unsigned gid) {
  FT_Fixed adv = 0;
  return FT_Get_Advance(face, gid, FT_LOAD_NO_SCALE, &adv) == 0 ? (int)adv : -1;
}

/* A subset whose advances come from the face (its bearings and its glyphs'
 * places then read a window of the table at a time, in glyph order) has
 * the CIDs, widths and program of one that reads each glyph's from the file
 * as it is asked for. src has no advance; the face is ctx. */
static void check_same_program(hui_subset_source src, const uint32_t *cps, size_t n) {
  hui_subset_source with = src;
  with.advance = ft_advance;
  char *why = NULL;
  hui_subset *a = hui_subset_open(&src, &why), *b = hui_subset_open(&with, &why);
  CHECK(a && b);
  for (size_t i = 0; a && b && i < n; i++) {
    unsigned ca = hui_subset_cid(a, cps[i], &why), cb = hui_subset_cid(b, cps[i], &why);
    CHECK_INT(cb, ca);
    CHECK_INT(hui_subset_width(b, cb), hui_subset_width(a, ca));
  }
  hui_buf pa = {0}, pb = {0};
  CHECK(a && hui_subset_program(a, &pa, &why));
  CHECK(b && hui_subset_program(b, &pb, &why));
  CHECK(pa.len > 0 && pa.len == pb.len && memcmp(pa.data, pb.data, pa.len) == 0);
  hui_buf_free(&pa);
  hui_buf_free(&pb);
  hui_subset_free(a);
  hui_subset_free(b);
  free(why);
}

/* The same for the characters of text in face. */
static void check_same_program_text(hui_face *face, const char *text) {
  FT_Face ft = NULL;
  CHECK(FT_New_Face(lib, hui_face_file(face), hui_face_index(face), &ft) == 0);
  if (!ft) return;
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
  hui_subset_source src = {
      hui_face_file(face), hui_face_index(face), "same", ft_glyph, NULL, ft, NULL};
  check_same_program(src, cps, n);
  free(cps);
  FT_Done_Face(ft);
}

static void check_hmetrics(const char *file) {
  FT_Face orig = NULL;
  if (FT_New_Face(lib, file, 0, &orig) != 0) {
    fprintf(stderr, "%s not installed: the glyphs past numberOfHMetrics not checked\n", file);
    return;
  }
  const TT_HoriHeader *hh = FT_Get_Sfnt_Table(orig, FT_SFNT_HHEA);
  unsigned nhm = hh ? hh->number_Of_HMetrics : 0, n = (unsigned)orig->num_glyphs;
  CHECK(nhm > 1 && nhm < n); /* the case this checks */
  if (!(nhm > 1 && nhm < n)) {
    FT_Done_Face(orig);
    return;
  }
  unsigned pick[5] = {1, nhm - 1, nhm, nhm + (n - nhm) / 2, n - 1};
  memcpy(around, pick, sizeof around);
  hui_subset_source src = {file, 0, "around", around_glyph, NULL, NULL, NULL};
  char *why = NULL;
  hui_subset *s = hui_subset_open(&src, &why);
  CHECK(s != NULL);
  unsigned cids[5] = {0};
  for (int k = 0; s && k < 5; k++) {
    cids[k] = hui_subset_cid(s, 0xE000 + (uint32_t)k, &why);
    CHECK(cids[k] > 0);
    CHECK(FT_Load_Glyph(orig, around[k], FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0);
    CHECK_INT(hui_subset_width(s, cids[k]),
              (int)lround(orig->glyph->metrics.horiAdvance * 1000.0 / orig->units_per_EM));
  }
  hui_buf prog = {0};
  FT_Face sub = NULL;
  CHECK(s && hui_subset_program(s, &prog, &why));
  CHECK(FT_New_Memory_Face(lib, (const FT_Byte *)prog.data, (FT_Long)prog.len, 0, &sub) == 0);
  for (int k = 0; sub && k < 5; k++) CHECK(same_glyph(orig, around[k], sub, cids[k]));
  if (sub) FT_Done_Face(sub);
  hui_buf_free(&prog);
  hui_subset_free(s);
  free(why);
  /* the glyphs past numberOfHMetrics with their advances from the face */
  uint32_t pua[5] = {0xE000, 0xE001, 0xE002, 0xE003, 0xE004};
  hui_subset_source with_face = {file, 0, "around", around_glyph, NULL, orig, NULL};
  check_same_program(with_face, pua, 5);
  FT_Done_Face(orig);
}

int main(void) {
  hui_fonts *f = test_fonts();
  CHECK(FT_Init_FreeType(&lib) == 0);

  /* Latin with accented letters: their glyphs are composites in DejaVu and
   * the like, whose parts come into the subset too (more glyphs than the 11
   * characters plus .notdef; 𝔸, U+1D538, is past the BMP). */
  const char *latin = "Aéèêü Łñ2020 \U0001D538";
  hui_buf a = {0}, b = {0};
  hui_face *lf = hui_fonts_face_for(f, HUI_ROLE_LATIN, 'A');
  CHECK(lf != NULL);
  if (lf) {
    size_t count = check_face(lf, latin, &a);
    CHECK(count > 12);
    /* the same characters in the same order give the same bytes */
    check_face(lf, latin, &b);
    CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
    check_same_program_text(lf, latin);
  }
  hui_buf_free(&a);
  hui_buf_free(&b);

  /* Han characters, punctuation and digits from the body role's first
   * TrueType font (a face of a TrueType collection in Debian: AR PL UMing). */
  size_t nchain;
  hui_face *const *chain = hui_fonts_chain(f, HUI_ROLE_BODY, &nchain);
  hui_face *bf = NULL, *cf = NULL;
  for (size_t k = 0; k < nchain; k++) {
    if (!bf && !hui_face_cff(chain[k]) && hui_face_has(chain[k], 0x4E2D)) bf = chain[k];
    if (!cf && hui_face_cff(chain[k]) && hui_face_has(chain[k], 0x4E2D)) cf = chain[k];
  }
  CHECK(bf != NULL);
  if (bf) {
    check_face(bf, "扎根基层二十年，甘做群众贴心人。中国“先进”《汇编》2020年", &a);
    check_same_program_text(bf, "扎根基层二十年，甘做群众贴心人。中国“先进”《汇编》2020年");
    hui_buf_free(&a);
  }
  /* The same from an OpenType-CFF face (Noto Serif CJK SC, fonts-noto-cjk,
   * which scripts/install-deps.sh installs): its program is a CID-keyed
   * CFF whose CIDs (hui_subset_program_cid) draw the face's glyphs. */
  if (cf) check_cff(cf, "扎根基层二十年，甘做群众贴心人。中国“先进”——《汇编》2020年");
  if (cf) check_same_program_text(cf, "扎根基层二十年，甘做群众贴心人。中国“先进”——《汇编》2020年");
  else fprintf(stderr, "no OpenType-CFF font with Han characters: install fonts-noto-cjk\n");
  CHECK(cf != NULL);

  /* Two characters one glyph stands for (fonts share glyphs between look-alike
   * characters; here a source that maps U+E000 and U+E001 to the glyph of
   * 'A'): each gets a CID of its own, each CID its character, so that text
   * copied out of the PDF is right, and both draw the same outline. */
  if (lf) {
    shared_gid = hui_face_glyph(lf, 'A');
    hui_subset_source src = {
        hui_face_file(lf), hui_face_index(lf), "shared", shared_glyph, NULL, NULL, NULL};
    char *why = NULL;
    hui_subset *s = hui_subset_open(&src, &why);
    CHECK(s != NULL);
    unsigned c1 = s ? hui_subset_cid(s, 0xE000, &why) : 0, c2 = s ? hui_subset_cid(s, 0xE001, &why) : 0;
    CHECK(c1 && c2 && c1 != c2);
    CHECK_INT(s ? hui_subset_unicode(s, c1) : 0, 0xE000);
    CHECK_INT(s ? hui_subset_unicode(s, c2) : 0, 0xE001);
    CHECK_INT(s ? hui_subset_cid(s, 0xE001, &why) : 0, c2); /* asked again: the same */
    hui_buf prog = {0};
    CHECK(s && hui_subset_program(s, &prog, &why));
    FT_Face orig = NULL, sub = NULL;
    CHECK(FT_New_Face(lib, hui_face_file(lf), hui_face_index(lf), &orig) == 0);
    CHECK(FT_New_Memory_Face(lib, (const FT_Byte *)prog.data, (FT_Long)prog.len, 0, &sub) == 0);
    if (orig && sub) {
      CHECK(same_glyph(orig, shared_gid, sub, c1));
      CHECK(same_glyph(orig, shared_gid, sub, c2));
    }
    if (sub) FT_Done_Face(sub);
    if (orig) FT_Done_Face(orig);
    hui_buf_free(&prog);
    hui_subset_free(s);
    free(why);
  }

  check_microhei("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
  /* AR PL UKai (fonts-arphic-ukai): 2,407 glyphs past its 24,365 metrics */
  check_hmetrics("/usr/share/fonts/truetype/arphic/ukai.ttc");

  FT_Done_FreeType(lib);
  hui_fonts_free(f);
  return CHECK_DONE();
}
