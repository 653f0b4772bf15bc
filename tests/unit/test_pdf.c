/* test_pdf: the libharu backend, checked through poppler-utils and qpdf:
 * embedded fonts with ToUnicode, text back on the right page, exact glyph
 * positions, drawn (not blank) glyphs, transparency, bookmarks, labels, info,
 * byte-for-byte reproducibility and atomic saving; the pages' contents'
 * temporary file that cannot be made or written; a document spooled into a
 * scratch file and placed later. */
#define _XOPEN_SOURCE 700 /* mkdtemp, popen, setenv */
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend/backend.h"
#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "fonts.h"
#include "layout/dlist.h"
#include "pdf.h"

/* Runs a shell command; returns its exit status and its stdout in *out. */
static int run(const char *cmd, char **out) {
  FILE *fp = popen(cmd, "r");
  hui_buf b = {0};
  if (!fp) return -1;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) hui_buf_add(&b, chunk, n);
  int st = pclose(fp);
  hui_buf_putc(&b, '\0');
  b.len--;
  *out = hui_buf_take(&b);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The value of "Name:   value" in pdfinfo's output (a static buffer). */
static const char *field(const char *out, const char *name) {
  static char value[512];
  size_t n = strlen(name);
  for (const char *p = out; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
    if (strncmp(p, name, n) != 0 || p[n] != ':') continue;
    p += n + 1;
    while (*p == ' ') p++;
    size_t len = strcspn(p, "\n");
    if (len >= sizeof value) len = sizeof value - 1;
    memcpy(value, p, len);
    value[len] = '\0';
    return value;
  }
  return NULL;
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle)) n++;
  return n;
}

/* Every glyph drawn on page 1, to look for its ink in the rendering. */
typedef struct gbox {
  double x0, x1, y, size;
  uint32_t cp;
} gbox;
static gbox boxes[128];
static size_t nboxes;
static bool recording;

/* Lays out a UTF-8 string at (x, y) with extra spacing after each glyph, the
 * way layout does: absolute positions from the face's advances. Returns the
 * x after the last glyph. */
static double text(hui_dpage *pg, hui_fonts *f, hui_role role, double size, double gray, double x,
                   double y, double extra, const char *s) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(s, strlen(s), &n);
  for (size_t i = 0; i < n; i++) {
    hui_face *face = hui_fonts_face_for(f, role, cps[i]);
    if (!face) continue;
    hui_dpage_glyph(pg, face, size, hui_gray(gray), x, y, cps[i]);
    double adv = hui_face_advance(face, cps[i]) * size;
    if (recording && cps[i] != ' ' && nboxes < sizeof boxes / sizeof boxes[0])
      boxes[nboxes++] = (gbox){x, x + adv, y, size, cps[i]};
    x += adv + extra;
  }
  free(cps);
  return x;
}

/* A 100x50 image: left half opaque red, right half fully transparent. */
static hui_image *make_image(void) {
  hui_image *img = hui_xcalloc(1, sizeof *img);
  img->kind = HUI_IMAGE_PNG;
  img->width = 100;
  img->height = 50;
  img->components = 3;
  img->pixels = hui_xcalloc(100 * 50, 3);
  img->alpha = hui_xcalloc(100 * 50, 1);
  for (int y = 0; y < 50; y++)
    for (int x = 0; x < 100; x++) {
      img->pixels[(y * 100 + x) * 3] = 255;
      img->alpha[y * 100 + x] = x < 50 ? 255 : 0;
    }
  return img;
}

typedef struct line {
  double x0, x1, y, size;
} line;
static line lines[8];
static size_t nlines;

static void mark(double x0, double x1, double y, double size) {
  lines[nlines++] = (line){x0, x1, y, size};
}

/* Builds the test document; returns true when saved to path. */
static bool build(hui_fonts *f, const hui_image *img, const char *path, char **why) {
  hui_doc_info info = {.title = "青石县争当排头兵竞赛活动先进典型事迹汇编",
                       .author = "青石县争当排头兵竞赛活动领导小组",
                       .subject = "先进典型事迹",
                       .keywords = "排头兵, 先进典型",
                       .creator = "huibian test",
                       .date = "2020-11-20T08:00:00"};
  hui_pdf *pdf = hui_pdf_new(&info, why);
  if (!pdf) return false;
  nlines = 0;
  nboxes = 0;
  recording = true;
  hui_dpage *p1 = hui_dpage_new(595.276, 841.89);
  double x;
  x = text(p1, f, HUI_ROLE_TITLE, 22, 0, 72, 100, 0, "先进典型事迹汇编");
  mark(72, x, 100, 22);
  x = text(p1, f, HUI_ROLE_HEADING, 16, 0, 72, 140, 0, "一、心系群众");
  mark(72, x, 140, 16);
  /* Justified body text: 0.75 pt added after every glyph. */
  x = text(p1, f, HUI_ROLE_BODY, 14, 0, 72, 180, 0.75, "扎根基层二十年，甘做群众贴心人。");
  mark(72, x - 0.75, 180, 14);
  x = text(p1, f, HUI_ROLE_KAI, 14, 0, 72, 210, 0, "“张建国同志”《汇编》");
  mark(72, x, 210, 14);
  x = text(p1, f, HUI_ROLE_LATIN, 12, 0.4, 72, 240, 0, "Li Ming 2020");
  mark(72, x, 240, 12);
  hui_dpage_rule(p1, 72, 260, 523, 260, 1.0, hui_gray(0));
  hui_dpage_image(p1, img, 72, 300, 200, 100);
  bool ok = hui_pdf_add_page(pdf, p1, why);
  hui_dpage_free(p1);

  recording = false;
  hui_dpage *p2 = hui_dpage_new(595.276, 841.89);
  text(p2, f, HUI_ROLE_HEADING, 16, 0, 72, 100, 0, "第二页");
  text(p2, f, HUI_ROLE_BODY, 14, 0, 72, 140, 0, "二等奖获得者的事迹。");
  ok = ok && hui_pdf_add_page(pdf, p2, why);
  hui_dpage_free(p2);

  /* the bookmarks: the top level open, the rest closed; a title with a
   * character past 16 bits (written as a surrogate pair) */
  ok = ok && hui_pdf_outline(pdf, 0, "一等奖", 0, 100, why) &&
       hui_pdf_outline(pdf, 1, "张建国：扎根基层二十年", 0, 180, why) &&
       hui_pdf_outline(pdf, 2, "一、\xF0\xA0\xAE\xB7祥村的路", 0, 200, why) &&
       hui_pdf_outline(pdf, 1, "李明：守望", 0, 240, why) &&
       hui_pdf_outline(pdf, 0, "二等奖", 1, 100, why) &&
       hui_pdf_page_label(pdf, 0, HUI_LABEL_ROMAN_LOWER, 1, why) &&
       hui_pdf_page_label(pdf, 1, HUI_LABEL_DECIMAL, 1, why) && hui_pdf_save(pdf, path, why);
  hui_pdf_free(pdf);
  return ok;
}

/* A one-page document through the backend interface. */
static hui_backend *spool_doc(hui_fonts *f, char **why) {
  hui_doc_info info = {
      .title = "荣誉证书", .creator = "huibian test", .date = "2020-11-20T08:00:00"};
  hui_backend *b = hui_pdf_backend(&info, why);
  hui_dpage *pg = hui_dpage_new(300, 200);
  text(pg, f, HUI_ROLE_BODY, 14, 0, 20, 40, 0, "授予王秀兰同志“排头兵”称号。");
  bool ok = b && hui_backend_page(b, pg, false, why);
  hui_dpage_free(pg);
  if (!ok) {
    hui_backend_free(b);
    return NULL;
  }
  return b;
}

/* Reads a binary PGM (P5, 8-bit) as written by pdftoppm -gray. */
static unsigned char *read_pgm(const char *path, int *w, int *h) {
  size_t len;
  char *data = hui_read_file(path, 64u << 20, &len);
  if (!data) return NULL;
  int maxv, off = 0;
  if (sscanf(data, "P5 %d %d %d%n", w, h, &maxv, &off) != 3 || maxv != 255 ||
      (size_t)off + 1 + (size_t)*w * *h > len) {
    free(data);
    return NULL;
  }
  unsigned char *px = hui_xmalloc((size_t)*w * *h);
  memcpy(px, data + off + 1, (size_t)*w * *h);
  free(data);
  return px;
}

/* The rendering is at 144 dpi: two pixels per point. */
static int dark_pixels(const unsigned char *px, int w, int h, double x0, double y0, double x1,
                       double y1) {
  int n = 0;
  for (int y = (int)(2 * y0); y < (int)(2 * y1) && y < h; y++)
    for (int x = (int)(2 * x0); x < (int)(2 * x1) && x < w; x++)
      if (y >= 0 && x >= 0 && px[y * w + x] < 160) n++;
  return n;
}

static double mean(const unsigned char *px, int w, double x0, double y0, double x1, double y1) {
  double sum = 0;
  int n = 0;
  for (int y = (int)(2 * y0); y < (int)(2 * y1); y++)
    for (int x = (int)(2 * x0); x < (int)(2 * x1); x++, n++) sum += px[y * w + x];
  return n ? sum / n : -1;
}

int main(void) {
  hui_fonts *f = test_fonts();
  char *why = NULL;
  char tmpl[] = "/tmp/huibian-pdf-XXXXXX";
  char *dir = mkdtemp(tmpl);
  CHECK(dir != NULL);
  char *path = hui_path_join(dir, "out.pdf");
  char *path2 = hui_path_join(dir, "again.pdf");
  hui_image *img = make_image();
  char *cmd, *out;

  CHECK(build(f, img, path, &why));
  if (why) fprintf(stderr, "build: %s\n", why);
  free(why);
  why = NULL;

  /* Fonts: all embedded, all with a ToUnicode map, and no broken CMap. */
  cmd = hui_xasprintf("pdffonts %s 2>&1", path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(count(out, "CID TrueType") >= 3);
  /* the body and heading roles' Noto CJK: CFF outlines, a CIDFontType0C */
  CHECK(count(out, "CID Type 0C") >= 1);
  CHECK_INT(count(out, "CID TrueType") + count(out, "CID Type 0C"), count(out, "yes yes yes"));
  CHECK(strstr(out, "NotoSerifCJK") != NULL);
  CHECK(strstr(out, "LXGWWenKai") != NULL);
  CHECK(strstr(out, "DejaVuSerif") != NULL);
  CHECK(strstr(out, "Warning") == NULL);
  free(cmd);
  free(out);

  /* Text comes back on its own page. */
  cmd = hui_xasprintf("pdftotext -enc UTF-8 -f 1 -l 1 %s - 2>&1", path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(strstr(out, "先进典型事迹汇编") != NULL);
  CHECK(strstr(out, "扎根基层二十年，甘做群众贴心人。") != NULL);
  CHECK(strstr(out, "“张建国同志”《汇编》") != NULL);
  CHECK(strstr(out, "Li Ming 2020") != NULL);
  CHECK(strstr(out, "第二页") == NULL);
  CHECK(strstr(out, "Warning") == NULL);
  free(cmd);
  free(out);
  cmd = hui_xasprintf("pdftotext -enc UTF-8 -f 2 -l 2 %s - 2>&1", path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(strstr(out, "二等奖获得者的事迹。") != NULL);
  CHECK(strstr(out, "扎根") == NULL);
  free(cmd);
  free(out);

  /* Glyph positions are exact: the justified line ends where layout put it. */
  cmd = hui_xasprintf("pdftotext -bbox -f 1 -l 1 %s - 2>/dev/null", path);
  CHECK_INT(run(cmd, &out), 0);
  {
    const char *w = strstr(out, "扎根基层");
    const char *open = w;
    while (open && open > out && *open != '<') open--;
    double x0 = 0, x1 = 0;
    CHECK(open && sscanf(open, "<word xMin=\"%lf\" yMin=\"%*f\" xMax=\"%lf\"", &x0, &x1) == 2);
    CHECK(fabs(x0 - lines[2].x0) < 0.05);
    CHECK(fabs(x1 - lines[2].x1) < 0.05);
    if (fabs(x1 - lines[2].x1) >= 0.05)
      fprintf(stderr, "line ends at %f, want %f\n", x1, lines[2].x1);
  }
  free(cmd);
  free(out);

  /* Document info, page count, bookmarks and labels. */
  cmd = hui_xasprintf("pdfinfo -enc UTF-8 %s 2>&1", path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK_STR(field(out, "Title"), "青石县争当排头兵竞赛活动先进典型事迹汇编");
  CHECK_STR(field(out, "Author"), "青石县争当排头兵竞赛活动领导小组");
  CHECK_STR(field(out, "Subject"), "先进典型事迹");
  CHECK_STR(field(out, "Keywords"), "排头兵, 先进典型");
  CHECK_STR(field(out, "Pages"), "2");
  CHECK_STR(field(out, "CreationDate"), "Fri Nov 20 08:00:00 2020 UTC");
  CHECK_STR(field(out, "ModDate"), "Fri Nov 20 08:00:00 2020 UTC");
  free(cmd);
  free(out);
  cmd = hui_xasprintf("qpdf --json=2 --json-key=outlines --json-key=pagelabels %s", path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(strstr(out, "\"title\": \"一等奖\"") != NULL);
  CHECK(strstr(out, "\"title\": \"张建国：扎根基层二十年\"") != NULL);
  CHECK(strstr(out, "\"title\": \"二等奖\"") != NULL);
  CHECK(strstr(out, "\"/S\": \"/r\"") != NULL);
  CHECK(strstr(out, "\"/S\": \"/D\"") != NULL);
  CHECK(strstr(out, "/XYZ") != NULL);
  CHECK(strstr(out, "\"title\": \"一、\xF0\xA0\xAE\xB7祥村的路\"") != NULL);
  free(cmd);
  free(out);
  /* the tree as a reader sees it: level, title, page, where (the top of the
   * page less the y given), open or not */
  cmd = hui_xasprintf(
      "qpdf --json=2 --json-key=outlines %s | python3 -c \"import json,sys\n"
      "def w(v,l):\n"
      "  for o in v:\n"
      "    print(l,o['title'],o['destpageposfrom1'],o['dest'][3],o['open'] if o['kids'] else '-')\n"
      "    w(o['kids'],l+1)\n"
      "w(json.load(sys.stdin)['outlines'],0)\"",
      path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK_STR(out, "0 一等奖 1 741.89 True\n"
                 "1 张建国：扎根基层二十年 1 661.89 False\n"
                 "2 一、\xF0\xA0\xAE\xB7祥村的路 1 641.89 -\n"
                 "1 李明：守望 1 601.89 -\n"
                 "0 二等奖 2 741.89 -\n");
  free(cmd);
  free(out);
  /* /Count: the visible items under the root and an open item, their
   * number negated for a closed one */
  static const char *const counts[][2] = {
      {"trailer/Root/Outlines/Count", "4"},
      {"trailer/Root/Outlines/First/Count", "2"},
      {"trailer/Root/Outlines/First/First/Count", "-1"},
      {"trailer/Root/Outlines/Last/Count", "null"},
      {"trailer/Root/Outlines/First/Last/Prev/Next/Title", "<FEFF674E660EFF1A5B88671B>"}};
  for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
    cmd = hui_xasprintf("mutool show %s %s", path, counts[i][0]);
    CHECK_INT(run(cmd, &out), 0);
    size_t n = strlen(out);
    while (n && (out[n - 1] == '\n' || out[n - 1] == ' ')) out[--n] = '\0';
    CHECK_STR(out, counts[i][1]);
    free(cmd);
    free(out);
  }
  cmd = hui_xasprintf("qpdf --check %s 2>&1", path);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(strstr(out, "No syntax or stream encoding errors") != NULL);
  CHECK(strstr(out, "WARNING") == NULL);
  free(cmd);
  free(out);

  /* Rendered: every glyph has ink (none blank, as WenQuanYi Micro Hei's are
   * under libharu), the opaque half of the image is red, the transparent
   * half shows the white page. */
  cmd = hui_xasprintf("pdftoppm -r 144 -gray -f 1 -l 1 -singlefile %s %s/page", path, dir);
  CHECK_INT(run(cmd, &out), 0);
  free(cmd);
  free(out);
  {
    char *pgm = hui_path_join(dir, "page.pgm");
    int w = 0, h = 0;
    unsigned char *px = read_pgm(pgm, &w, &h);
    CHECK(px != NULL);
    CHECK(nboxes > 40);
    for (size_t i = 0; px && i < nboxes; i++) {
      const gbox *b = &boxes[i];
      int ink = dark_pixels(px, w, h, b->x0, b->y - b->size, b->x1, b->y + b->size * 0.25);
      CHECK(ink >= 4);
      if (ink < 4)
        fprintf(stderr, "  U+%04X at %.1f,%.1f is blank\n", (unsigned)b->cp, b->x0, b->y);
    }
    if (px) {
      double left = mean(px, w, 80, 310, 160, 390), right = mean(px, w, 190, 310, 260, 390);
      CHECK(left > 40 && left < 120);                         /* red in gray */
      CHECK(right > 250);                                     /* transparent: white paper */
      CHECK(dark_pixels(px, w, h, 100, 259, 500, 261) > 300); /* the rule */
    }
    free(px);
    unlink(pgm);
    free(pgm);
  }

  /* Same inputs, same bytes. */
  CHECK(build(f, img, path2, &why));
  free(why);
  why = NULL;
  cmd = hui_xasprintf("cmp %s %s", path, path2);
  CHECK_INT(run(cmd, &out), 0);
  free(cmd);
  free(out);

  /* Saving into a missing folder fails cleanly and leaves nothing. */
  char *bad = hui_xasprintf("%s/missing/out.pdf", dir);
  CHECK(!build(f, img, bad, &why));
  /* the reason alone: the caller names the file (once) */
  CHECK(why != NULL && strstr(why, "No such file or directory") != NULL && !strstr(why, "out.pdf"));
  free(why);
  why = NULL;
  struct stat st;
  CHECK(stat(bad, &st) != 0);
  free(bad);
  /* No temporary file is left behind by any of the saves. */
  cmd = hui_xasprintf("ls -a %s", dir);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(strstr(out, ".tmp-") == NULL);
  free(cmd);
  free(out);

  /* A code point beyond the BMP is refused, not drawn blank. */
  {
    hui_pdf *pdf = hui_pdf_new(NULL, &why);
    hui_dpage *pg = hui_dpage_new(200, 200);
    hui_face *face = hui_fonts_face_for(f, HUI_ROLE_BODY, 0x4E2D);
    hui_dpage_glyph(pg, face, 12, hui_gray(0), 10, 20, 0x4E2D);
    hui_dpage_glyph(pg, face, 12, hui_gray(0), 22, 20, 0x20000);
    CHECK(!hui_pdf_add_page(pdf, pg, &why));
    CHECK(why && strstr(why, "U+20000") != NULL);
    free(why);
    why = NULL;
    /* The document is then unusable, and says so. */
    CHECK(!hui_pdf_save(pdf, path2, &why));
    CHECK(why != NULL);
    free(why);
    why = NULL;
    hui_dpage_free(pg);
    hui_pdf_free(pdf);
  }
  /* A bookmark to a page that never came is an error at save time. */
  {
    hui_pdf *pdf = hui_pdf_new(NULL, &why);
    hui_dpage *pg = hui_dpage_new(200, 200);
    CHECK(hui_pdf_add_page(pdf, pg, &why));
    CHECK(!hui_pdf_outline(pdf, 1, "orphan", 0, 0, &why)); /* no parent */
    free(why);
    why = NULL;
    CHECK(hui_pdf_outline(pdf, 0, "far", 5, 0, &why));
    CHECK(!hui_pdf_save(pdf, path2, &why));
    CHECK(why && strstr(why, "page 6") != NULL);
    free(why);
    why = NULL;
    hui_dpage_free(pg);
    hui_pdf_free(pdf);
  }

  /* The pages' contents go to a temporary file in TMPDIR: one that cannot
   * be made is a clear error, and nothing is saved. */
  {
    char *missing = hui_path_join(dir, "no-such-folder");
    unlink(path2);
    setenv("TMPDIR", missing, 1);
    CHECK(!build(f, img, path2, &why));
    CHECK(why && strstr(why, "temporary file") && strstr(why, missing) &&
          strstr(why, "No such file or directory"));
    if (why && !strstr(why, "temporary file")) fprintf(stderr, "no temporary file: %s\n", why);
    free(why);
    why = NULL;
    CHECK(stat(path2, &st) != 0);
    free(missing);
  }
  /* One that cannot be written (a full disk, here a file size limit of one
   * byte, EFBIG): the page is refused, the document is not saved. */
  {
    setenv("TMPDIR", dir, 1);
    struct rlimit was, small;
    CHECK(getrlimit(RLIMIT_FSIZE, &was) == 0);
    small = was;
    small.rlim_cur = 1;
    void (*old_xfsz)(int) = signal(SIGXFSZ, SIG_IGN);
    CHECK(setrlimit(RLIMIT_FSIZE, &small) == 0);
    hui_pdf *pdf = hui_pdf_new(NULL, &why);
    hui_dpage *pg = hui_dpage_new(200, 200);
    text(pg, f, HUI_ROLE_BODY, 12, 0, 10, 20, 0, "扎根基层二十年，甘做群众贴心人。");
    bool added = hui_pdf_add_page(pdf, pg, &why);
    CHECK(setrlimit(RLIMIT_FSIZE, &was) == 0);
    signal(SIGXFSZ, old_xfsz);
    CHECK(!added);
    CHECK(why && strstr(why, "cannot write the pages' contents to a temporary file") &&
          strstr(why, "File too large"));
    if (why && !strstr(why, "File too large")) fprintf(stderr, "not EFBIG: %s\n", why);
    free(why);
    why = NULL;
    CHECK(!hui_pdf_save(pdf, path2, &why));
    free(why);
    why = NULL;
    CHECK(stat(path2, &st) != 0);
    hui_dpage_free(pg);
    hui_pdf_free(pdf);
    unsetenv("TMPDIR");
  }
  /* A document spooled (written ahead into a scratch file in TMPDIR, its
   * memory freed) and placed later: the bytes a direct save writes, at each
   * place it is put; a scratch folder that is missing, and a place that
   * cannot be written, are said. */
  {
    setenv("TMPDIR", dir, 1);
    hui_backend *direct = spool_doc(f, &why);
    CHECK(direct && hui_backend_finish(direct, path2, &why));
    hui_backend_free(direct);
    size_t nd = 0, na = 0, nb = 0;
    char *want = hui_read_file(path2, 1 << 24, &nd);
    hui_backend *b = spool_doc(f, &why);
    CHECK(b && hui_backend_can_finish_fd(b));
    hui_spool *sp = hui_backend_spool(b, "certificates.pdf", &why);
    hui_backend_free(b);
    CHECK(sp != NULL);
    char *pa = hui_path_join(dir, "a.pdf"), *pb = hui_path_join(dir, "b.pdf");
    CHECK(hui_spool_place(sp, pa, &why) && hui_spool_place(sp, pb, &why));
    char *a = hui_read_file(pa, 1 << 24, &na), *bb = hui_read_file(pb, 1 << 24, &nb);
    CHECK(want && a && bb && nd > 1000 && na == nd && nb == nd && memcmp(a, want, nd) == 0 &&
          memcmp(bb, want, nd) == 0);
    CHECK(stat(pa, &st) == 0 && (st.st_mode & 0777) == (0666 & ~hui_umask()));
    char *nowhere = hui_path_join(dir, "no-such-folder/c.pdf");
    CHECK(!hui_spool_place(sp, nowhere, &why));
    CHECK(why && strstr(why, "No such file or directory"));
    free(why);
    why = NULL;
    hui_spool_free(sp);
    unlink(pa);
    unlink(pb);
    free(a);
    free(bb);
    free(want);
    free(pa);
    free(pb);
    free(nowhere);

    char *missing = hui_path_join(dir, "no-such-folder");
    b = spool_doc(f, &why);
    setenv("TMPDIR", missing, 1);
    CHECK(b && hui_backend_spool(b, "certificates.pdf", &why) == NULL);
    CHECK(why && strstr(why, missing) && strstr(why, "certificates.pdf") && strstr(why, "TMPDIR"));
    free(why);
    why = NULL;
    hui_backend_free(b);
    hui_backend *nul = hui_null_backend();
    CHECK(!hui_backend_can_finish_fd(nul));
    CHECK(!hui_backend_finish_fd(nul, 1, "x.pdf", &why) && why);
    free(why);
    why = NULL;
    hui_backend_free(nul);
    free(missing);
    unsetenv("TMPDIR");
  }
  /* The temporary files are unlinked as soon as made: none is left. */
  cmd = hui_xasprintf("ls -a %s", dir);
  CHECK_INT(run(cmd, &out), 0);
  CHECK(strstr(out, "huibian-") == NULL);
  free(cmd);
  free(out);

  unlink(path);
  unlink(path2);
  rmdir(dir);
  free(path);
  free(path2);
  hui_image_free(img);
  hui_fonts_free(f);
  return CHECK_DONE();
}
