/* test_fonts: font roles resolve to the Debian defaults, coverage and advances
 * are right, and an OpenType-CFF font in a font folder is refused by name. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "fonts.h"

static void put16(hui_buf *b, unsigned v) {
  unsigned char c[2] = {(unsigned char)(v >> 8), (unsigned char)v};
  hui_buf_add(b, c, 2);
}

static void put32(hui_buf *b, uint32_t v) {
  put16(b, v >> 16);
  put16(b, v & 0xFFFF);
}

/* A minimal but complete OpenType font with CFF outlines (one empty glyph):
 * sfnt 'OTTO' with CFF, head, hhea, hmtx and maxp tables. Enough for FreeType
 * and fontconfig to index it as format "CFF". */
static void make_cff_font(hui_buf *out) {
  hui_buf cff = {0};
  hui_buf_add(&cff, "\x01\x00\x04\x01", 4);             /* header, offSize 1 */
  hui_buf_add(&cff, "\x00\x01\x01\x01\x08", 5);         /* Name INDEX: 1 item, 7 bytes */
  hui_buf_add(&cff, "HuiTest", 7);                      /* ends at 16 */
  hui_buf_add(&cff, "\x00\x01\x01\x01\x12", 5);         /* Top DICT INDEX: 17 bytes */
  hui_buf_add(&cff, "\x1d\x00\x00\x00\x2a\x11", 6);     /* CharStrings at 42 */
  hui_buf_add(&cff, "\x1d\x00\x00\x00\x02", 5);         /* Private size 2 */
  hui_buf_add(&cff, "\x1d\x00\x00\x00\x30\x12", 6);     /* ... at 48; ends at 38 */
  hui_buf_add(&cff, "\x00\x00", 2);                     /* String INDEX: empty */
  hui_buf_add(&cff, "\x00\x00", 2);                     /* Global Subr INDEX: empty */
  hui_buf_add(&cff, "\x00\x01\x01\x01\x02\x0e", 6);     /* CharStrings: endchar */
  hui_buf_add(&cff, "\x8b\x14", 2);                     /* Private: defaultWidthX 0 */

  hui_buf head = {0};
  put32(&head, 0x00010000);
  put32(&head, 0x00010000);
  put32(&head, 0);
  put32(&head, 0x5F0F3CF5);
  put16(&head, 3);
  put16(&head, 1000);
  for (int i = 0; i < 4; i++) put32(&head, 0); /* created, modified */
  put16(&head, 0);
  put16(&head, 0);
  put16(&head, 500);
  put16(&head, 700);
  put16(&head, 0);
  put16(&head, 8);
  put16(&head, 2);
  put16(&head, 0);
  put16(&head, 0);

  hui_buf hhea = {0};
  put32(&hhea, 0x00010000);
  put16(&hhea, 700);
  put16(&hhea, 0xFF38); /* -200 */
  put16(&hhea, 0);
  put16(&hhea, 500);
  for (int i = 0; i < 2; i++) put16(&hhea, 0);
  put16(&hhea, 500);
  put16(&hhea, 1);
  for (int i = 0; i < 6; i++) put16(&hhea, 0);
  put16(&hhea, 0);
  put16(&hhea, 1);

  hui_buf hmtx = {0};
  put16(&hmtx, 500);
  put16(&hmtx, 0);

  hui_buf maxp = {0};
  put32(&maxp, 0x00005000);
  put16(&maxp, 1);

  struct {
    const char *tag;
    hui_buf *b;
  } t[] = {{"CFF ", &cff}, {"head", &head}, {"hhea", &hhea}, {"hmtx", &hmtx}, {"maxp", &maxp}};
  hui_buf_add(out, "OTTO", 4);
  put16(out, 5);
  put16(out, 64);
  put16(out, 2);
  put16(out, 16);
  uint32_t off = 12 + 16 * 5;
  for (int i = 0; i < 5; i++) {
    hui_buf_add(out, t[i].tag, 4);
    put32(out, 0); /* checksum: not verified by readers */
    put32(out, off);
    put32(out, (uint32_t)t[i].b->len);
    off += (uint32_t)((t[i].b->len + 3) & ~(size_t)3);
  }
  for (int i = 0; i < 5; i++) {
    hui_buf_add(out, t[i].b->data, t[i].b->len);
    while (out->len % 4) hui_buf_putc(out, '\0');
    hui_buf_free(t[i].b);
  }
}

static bool write_file(const char *path, const void *data, size_t len) {
  FILE *fp = fopen(path, "wb");
  if (!fp) return false;
  bool ok = fwrite(data, 1, len, fp) == len;
  return fclose(fp) == 0 && ok;
}

static const char *family(hui_fonts *f, hui_role r) {
  size_t n;
  hui_face *const *chain = hui_fonts_chain(f, r, &n);
  return n ? hui_face_family(chain[0]) : NULL;
}

static size_t count_of(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)) != NULL; p++) n++;
  return n;
}

int main(void) {
  const char *src = getenv("HUIBIAN_SOURCE");
  char *fonts_dir = hui_path_join(src ? src : ".", "fonts");
  char *why = NULL;
  hui_fonts *f = hui_fonts_open(fonts_dir, NULL, &why);
  CHECK(f != NULL);
  if (!f) {
    fprintf(stderr, "%s\n", why);
    return 1;
  }

  /* The free Debian defaults (scripts/install-deps.sh installs them). */
  CHECK_STR(family(f, HUI_ROLE_BODY), "Noto Serif CJK SC");
  CHECK_STR(family(f, HUI_ROLE_HEADING), "Noto Sans CJK SC");
  CHECK_STR(family(f, HUI_ROLE_TITLE), "WenQuanYi Zen Hei");
  CHECK_STR(family(f, HUI_ROLE_KAI), "LXGW WenKai");
  CHECK_STR(family(f, HUI_ROLE_LATIN), "DejaVu Serif");
  CHECK_STR(hui_role_name(HUI_ROLE_KAI), "kai");

  for (int r = 0; r < HUI_ROLE_COUNT; r++) {
    size_t n;
    hui_face *const *chain = hui_fonts_chain(f, (hui_role)r, &n);
    CHECK(n >= 2 && n <= 6);
    for (size_t i = 0; i < n; i++) {
      /* every face distinct within a chain */
      for (size_t j = 0; j < i; j++) CHECK(chain[i] != chain[j]);
    }
  }

  /* Coverage and advances. */
  size_t n;
  hui_face *body = hui_fonts_chain(f, HUI_ROLE_BODY, &n)[0];
  hui_face *latin = hui_fonts_chain(f, HUI_ROLE_LATIN, &n)[0];
  CHECK(hui_fonts_face_for(f, HUI_ROLE_BODY, 0x4E2D) == body); /* 中 */
  CHECK(hui_face_has(body, 0x4E2D));
  CHECK(fabs(hui_face_advance(body, 0x4E2D) - 1.0) < 1e-9);
  CHECK(fabs(hui_face_advance(hui_fonts_face_for(f, HUI_ROLE_HEADING, 0x4E2D), 0x4E2D) - 1.0) <
        1e-9);
  CHECK(fabs(hui_face_advance(hui_fonts_face_for(f, HUI_ROLE_KAI, 0x4E2D), 0x4E2D) - 1.0) < 1e-9);
  CHECK(hui_fonts_face_for(f, HUI_ROLE_LATIN, 'A') == latin);
  /* DejaVu Serif 'A' is 1479 units of 2048. */
  /* Thousandths of an em rounded down, as libharu writes PDF widths. */
  CHECK(fabs(hui_face_advance(latin, 'A') - floor(1479.0 * 1000 / 2048.0) / 1000) < 1e-6);
  /* A Han character in the Latin role falls back to a CJK face. */
  hui_face *fb = hui_fonts_face_for(f, HUI_ROLE_LATIN, 0x4E2D);
  CHECK(fb != NULL && fb != latin);
  CHECK(!hui_face_has(latin, 0x4E2D));
  CHECK(hui_face_advance(latin, 0x4E2D) == 0.0);
  /* Missing everywhere: a noncharacter, and one outside the BMP; twice, so
   * the cached answer is checked too. */
  for (int k = 0; k < 2; k++) {
    CHECK(hui_fonts_face_for(f, HUI_ROLE_BODY, 0xFFFF) == NULL);
    CHECK(hui_fonts_face_for(f, HUI_ROLE_BODY, 0x10FFFD) == NULL);
    CHECK(hui_fonts_face_for(f, HUI_ROLE_BODY, 0x4E2D) == body);
  }
  CHECK(hui_face_ascent(body) > 0.5 && hui_face_ascent(body) < 1.2);
  CHECK(hui_face_descent(body) < 0 && hui_face_descent(body) > -0.5);
  /* Noto Serif CJK SC (fonts-noto-cjk, OpenType-CFF), face 2 of its
   * collection */
  CHECK(strstr(hui_face_file(body), "NotoSerifCJK-Regular.ttc") != NULL);
  CHECK(hui_face_cff(body));
  CHECK_INT(hui_face_index(body), 2);

  const char **files;
  size_t nfiles = hui_fonts_files(f, &files);
  CHECK(nfiles >= 4);
  for (size_t i = 0; i < nfiles; i++)
    for (size_t j = 0; j < i; j++) CHECK(strcmp(files[i], files[j]) != 0);
  CHECK_STR(files[0], hui_face_file(body));

  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  hui_fonts_describe(f, mem);
  fclose(mem);
  CHECK(strstr(text, "body:\n  1. Noto Serif CJK SC  ") != NULL);
  CHECK(strstr(text, "latin:\n  1. DejaVu Serif  ") != NULL);
  free(text);

  /* Opened like f: every role's chain the same files, faces and families,
   * in faces of its own (another thread's), the same advances and files. */
  hui_fonts *like = hui_fonts_open_like(f, &why);
  CHECK(like != NULL);
  for (int r = 0; like && r < HUI_ROLE_COUNT; r++) {
    size_t na, nb;
    hui_face *const *a = hui_fonts_chain(f, (hui_role)r, &na);
    hui_face *const *b = hui_fonts_chain(like, (hui_role)r, &nb);
    CHECK_INT(nb, na);
    for (size_t i = 0; i < na && i < nb; i++) {
      CHECK(a[i] != b[i]);
      CHECK_STR(hui_face_file(b[i]), hui_face_file(a[i]));
      CHECK_INT(hui_face_index(b[i]), hui_face_index(a[i]));
      CHECK_STR(hui_face_family(b[i]), hui_face_family(a[i]));
    }
  }
  if (like) {
    hui_face *lbody = hui_fonts_chain(like, HUI_ROLE_BODY, &n)[0];
    CHECK(hui_fonts_face_for(like, HUI_ROLE_BODY, 0x4E2D) == lbody);
    CHECK(hui_face_advance(lbody, 'A') == hui_face_advance(body, 'A'));
    const char **lfiles;
    CHECK_INT(hui_fonts_files(like, &lfiles), nfiles);
    for (size_t i = 0; i < nfiles; i++) CHECK_STR(lfiles[i], files[i]);
  }
  /* still usable once the model is gone */
  hui_fonts_free(f);
  if (like) CHECK(hui_face_has(hui_fonts_chain(like, HUI_ROLE_KAI, &n)[0], 0x4E2D));
  hui_fonts_free(like);

  /* An OpenType-CFF font dropped into an edition's fonts/ folder. */
  char tmpl[] = "/tmp/huibian-fonts-XXXXXX";
  char *dir = mkdtemp(tmpl);
  CHECK(dir != NULL);
  char *edition_fonts = hui_path_join(dir, "fonts");
  char *otf = hui_path_join(edition_fonts, "Foo.otf");
  mkdir(edition_fonts, 0755);
  hui_buf font = {0};
  make_cff_font(&font);
  CHECK(write_file(otf, font.data, font.len));
  hui_buf_free(&font);
  /* accepted: huibian embeds CFF outlines (pdf/cff.c) */
  f = hui_fonts_open(fonts_dir, dir, &why);
  CHECK(f != NULL);
  CHECK(why == NULL);
  free(why);
  why = NULL;
  hui_fonts_free(f);

  /* The same font in the project's own fonts/ folder (fonts.conf beside it). */
  char *conf_src = hui_path_join(fonts_dir, "fonts.conf");
  char *conf_dst = hui_path_join(edition_fonts, "fonts.conf");
  size_t conf_len;
  char *conf = hui_read_file(conf_src, 1 << 20, &conf_len);
  CHECK(conf && write_file(conf_dst, conf, conf_len));
  free(conf);
  f = hui_fonts_open(edition_fonts, NULL, &why);
  CHECK(f != NULL);
  CHECK(why == NULL);
  free(why);
  why = NULL;
  hui_fonts_free(f);

  /* Without the CFF font the same folder works, and the edition's folder is
   * accepted when it holds only TrueType fonts (here: none). */
  unlink(otf);
  f = hui_fonts_open(fonts_dir, dir, &why);
  CHECK(f != NULL);
  hui_fonts_free(f);

  /* A machine without Noto Serif CJK (here: refused by the configuration):
   * the body role falls back, and `huibian fonts` says so with the package
   * to install; the kai role, which has its font, says nothing. */
  {
    size_t clen;
    char *c = hui_read_file(conf_src, 1 << 20, &clen);
    CHECK(c != NULL);
    char *at = c ? strstr(c, "<fontconfig>") : NULL;
    CHECK(at != NULL);
    if (at) {
      at += strlen("<fontconfig>");
      char *conf2 = hui_xasprintf(
          "%.*s<selectfont><rejectfont><glob>*/NotoSerifCJK*</glob></rejectfont></selectfont>%s",
          (int)(at - c), c, at);
      CHECK(write_file(conf_dst, conf2, strlen(conf2)));
      free(conf2);
    }
    free(c);
    f = hui_fonts_open(edition_fonts, NULL, &why);
    CHECK(f != NULL);
    if (f) {
      CHECK_STR(hui_fonts_fallback(f, HUI_ROLE_BODY), "Noto Serif CJK SC");
      CHECK(hui_fonts_fallback(f, HUI_ROLE_KAI) == NULL);
      char *txt = NULL;
      size_t tl = 0;
      FILE *m = open_memstream(&txt, &tl);
      hui_fonts_describe(f, m);
      fclose(m);
      CHECK(strstr(txt, "falls back: Noto Serif CJK SC, this role's font, is not installed") != NULL);
      CHECK(strstr(txt, "package fonts-noto-cjk") != NULL);
      CHECK(count_of(txt, "falls back") == 1);
      free(txt);
    }
    hui_fonts_free(f);
  }

  /* No fonts.conf: a clear message naming it. */
  f = hui_fonts_open(dir, NULL, &why);
  CHECK(f == NULL);
  CHECK(why && strstr(why, "fonts.conf") != NULL);
  free(why);

  unlink(conf_dst);
  rmdir(edition_fonts);
  rmdir(dir);
  free(conf_src);
  free(conf_dst);
  free(otf);
  free(edition_fonts);
  free(fonts_dir);
  return CHECK_DONE();
}
