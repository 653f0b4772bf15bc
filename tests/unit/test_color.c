/* test_color: colour in the display list and its backends. Text runs, rules
 * and filled rectangles in gray, RGB and CMYK written to a PDF: the content
 * stream (uncompressed by qpdf) has g/G, rg/RG and k/K, fills inside q … Q
 * so the text starts black, and pdftoppm renders each fill in its colour.
 * The same page as PDF/A-1b has no k or K: CMYK comes out as RGB by
 * R = (1 - C)(1 - K), … (pdf/content.c), and PDFBox Preflight passes it when Java is
 * there. Black stays as it was: no colour operator for gray 0 text. The trace
 * names a colour only when it is not black. */
#define _XOPEN_SOURCE 700 /* mkdtemp, popen */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "ppm.h"
#include "fixture.h"
#include "layout/dlist.h"
#include "layout/para.h"
#include "pdf.h"

/* The output of a shell command (NULL when it fails), *len its length. */
static char *slurp(const char *cmd, size_t *len) {
  FILE *fp = popen(cmd, "r");
  if (!fp) return NULL;
  hui_buf b = {0};
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) hui_buf_add(&b, chunk, n);
  int st = pclose(fp);
  *len = b.len;
  hui_buf_putc(&b, '\0');
  char *s = hui_buf_take(&b);
  if (st != 0) {
    free(s);
    return NULL;
  }
  return s;
}

static size_t occurrences(const char *hay, size_t len, const char *needle) {
  size_t n = 0, k = strlen(needle);
  for (size_t i = 0; i + k <= len; i++)
    if (memcmp(hay + i, needle, k) == 0) n++;
  return n;
}

static bool has(const char *hay, size_t len, const char *needle) {
  return occurrences(hay, len, needle) > 0;
}

static bool close_to(const double got[3], double r, double g, double b) {
  bool ok = fabs(got[0] - r) < 12 && fabs(got[1] - g) < 12 && fabs(got[2] - b) < 12;
  if (!ok) fprintf(stderr, "colour %.0f %.0f %.0f, want %.0f %.0f %.0f\n", got[0], got[1], got[2], r, g, b);
  return ok;
}

/* Draws text on one line from (x, y) in a colour. */
static void line(hui_fonts *fonts, hui_dpage *pg, const char *text, hui_color color, double x,
                 double y) {
  hui_para *p = hui_para_new(fonts);
  hui_para_add_color(p, text, HUI_ROLE_BODY, 20, color);
  hui_para_spec spec = {1000, 0, 0, HUI_ALIGN_LEFT, false, false, false};
  if (hui_para_set(p, &spec)) hui_para_draw_line(p, 0, pg, x, y);
  hui_para_free(p);
}

/* The test page, 300 x 200 pt: three fills (RGB red, CMYK 0.2/0.4/0.6/0.1,
 * gray 0.5), rules in each space and a black one after them, and lines of text in black, RGB blue,
 * CMYK red and black again. */
static hui_dpage *make_page(hui_fonts *fonts) {
  hui_dpage *pg = hui_dpage_new(300, 200);
  hui_dpage_fill(pg, 10, 10, 80, 60, hui_rgb(1, 0, 0));
  hui_dpage_fill(pg, 110, 10, 80, 60, hui_cmyk(0.2, 0.4, 0.6, 0.1));
  hui_dpage_fill(pg, 210, 10, 80, 60, hui_gray(0.5));
  hui_dpage_rule(pg, 10, 90, 290, 90, 2, hui_gray(0.25));
  hui_dpage_rule(pg, 10, 100, 290, 100, 2, hui_rgb(0, 0.5, 0));
  hui_dpage_rule(pg, 10, 110, 290, 110, 2, hui_cmyk(1, 0, 0, 0));
  hui_dpage_rule(pg, 10, 80, 290, 80, 2, hui_gray(0));
  line(fonts, pg, "汇编", hui_gray(0), 10, 130);
  line(fonts, pg, "事迹", hui_rgb(0, 0, 1), 110, 150);
  line(fonts, pg, "先进", hui_cmyk(0, 1, 1, 0), 210, 170);
  line(fonts, pg, "汇编", hui_gray(0), 10, 190);
  return pg;
}

/* Writes the test page to dir/name.pdf; returns the path (caller frees). */
static char *write_pdf(hui_fonts *fonts, const char *dir, const char *name, bool pdfa) {
  char *why = NULL;
  hui_doc_info info = {.title = "colour", .date = "2020-11-20T00:00:00", .pdfa = pdfa};
  hui_pdf *pdf = hui_pdf_new(&info, &why);
  hui_dpage *pg = make_page(fonts);
  char *path = hui_xasprintf("%s/%s.pdf", dir, name);
  CHECK(pdf && hui_pdf_add_page(pdf, pg, &why) && hui_pdf_save(pdf, path, &why));
  if (why) fprintf(stderr, "%s\n", why);
  free(why);
  hui_pdf_free(pdf);
  hui_dpage_free(pg);
  return path;
}

static void test_pdf(hui_fonts *fonts, const char *dir) {
  char *path = write_pdf(fonts, dir, "colour", false);
  char *cmd = hui_xasprintf("qpdf --qdf --object-streams=disable %s -", path);
  size_t len = 0;
  char *pdf = slurp(cmd, &len);
  free(cmd);
  CHECK(pdf != NULL);
  if (pdf) {
    /* fills: under q … Q, each colour set once, rectangles filled */
    CHECK(has(pdf, len, "q\n1 0 0 rg\n"));
    CHECK(has(pdf, len, "0.2 0.4 0.6 0.1 k\n"));
    CHECK(has(pdf, len, "0.5 g\n"));
    CHECK_INT(occurrences(pdf, len, " re f\n"), 3);
    CHECK(has(pdf, len, "re f\nQ\n"));
    /* rules: the stroke colour in each space, black again after them; the
     * width, the same for all, written once */
    CHECK(has(pdf, len, "0.25 G\n"));
    CHECK(has(pdf, len, "0 0.5 0 RG\n"));
    CHECK(has(pdf, len, "1 0 0 0 K\n"));
    CHECK(has(pdf, len, "l S\n0 G\n"));
    CHECK_INT(occurrences(pdf, len, "2 w\n"), 1);
    /* text: black needs no operator (the text object starts black), the
     * others theirs, and black again after them */
    CHECK(has(pdf, len, "0 0 1 rg\n"));
    CHECK(has(pdf, len, "0 1 1 0 k\n"));
    CHECK(has(pdf, len, "0 g\n"));
    CHECK(!has(pdf, len, "BT\n0 g"));
  }
  free(pdf);
  cmd = hui_xasprintf("qpdf --check %s >/dev/null 2>&1", path);
  CHECK_INT(system(cmd), 0);
  free(cmd);
  /* rendered: each fill in its colour (poppler's CMYK is the naive one too) */
  cmd = hui_xasprintf("pdftoppm -r 72 -singlefile %s %s/colour", path, dir);
  CHECK_INT(system(cmd), 0);
  free(cmd);
  char *ppm = hui_xasprintf("%s/colour.ppm", dir);
  double rgb[3];
  CHECK(hui_test_mean_rgb(ppm, 20, 20, 80, 60, rgb) && close_to(rgb, 255, 0, 0));
  CHECK(hui_test_mean_rgb(ppm, 120, 20, 180, 60, rgb) && close_to(rgb, 184, 138, 92));
  CHECK(hui_test_mean_rgb(ppm, 220, 20, 280, 60, rgb) && close_to(rgb, 128, 128, 128));
  unlink(ppm);
  free(ppm);
  unlink(path);
  free(path);
}

static void test_pdfa(hui_fonts *fonts, const char *dir) {
  char *path = write_pdf(fonts, dir, "colour-a", true);
  char *cmd = hui_xasprintf("qpdf --qdf --object-streams=disable %s -", path);
  size_t len = 0;
  char *pdf = slurp(cmd, &len);
  free(cmd);
  CHECK(pdf != NULL);
  if (pdf) {
    /* no DeviceCMYK beside the sRGB output intent: (1 - C)(1 - K) … */
    CHECK(!has(pdf, len, " k\n") && !has(pdf, len, " K\n"));
    CHECK(has(pdf, len, "0.72 0.54 0.36 rg\n")); /* the CMYK fill */
    CHECK(has(pdf, len, "0 1 1 RG\n"));          /* the CMYK rule: cyan */
    CHECK(has(pdf, len, "1 0 0 rg\n"));          /* the CMYK text: red, like the RGB fill */
    CHECK(has(pdf, len, "0 0 1 rg\n") && has(pdf, len, "0.5 g\n") && has(pdf, len, "0.25 G\n"));
    CHECK(has(pdf, len, "/GTS_PDFA1"));
  }
  free(pdf);
  cmd = hui_xasprintf("pdftoppm -r 72 -singlefile %s %s/colour-a", path, dir);
  CHECK_INT(system(cmd), 0);
  free(cmd);
  char *ppm = hui_xasprintf("%s/colour-a.ppm", dir);
  double rgb[3];
  CHECK(hui_test_mean_rgb(ppm, 120, 20, 180, 60, rgb) && close_to(rgb, 184, 138, 92));
  unlink(ppm);
  free(ppm);
  /* PDFBox Preflight, as tests/e2e/archive.py runs it, when it is installed */
  if (system("command -v java >/dev/null 2>&1") == 0 &&
      access("/usr/share/java/preflight.jar", R_OK) == 0) {
    const char *jars[] = {"preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging",
                          "javax.activation", "jaxb-api"};
    hui_buf cp = {0};
    for (size_t i = 0; i < sizeof jars / sizeof *jars; i++)
      hui_buf_printf(&cp, "%s/usr/share/java/%s.jar", i ? ":" : "", jars[i]);
    cmd = hui_xasprintf("java -cp %s org.apache.pdfbox.preflight.Validator_A1b %s 2>&1", cp.data,
                        path);
    char *out = slurp(cmd, &len);
    CHECK(out && strstr(out, "is a valid PDF/A-1b file"));
    if (out && !strstr(out, "is a valid PDF/A-1b file")) fprintf(stderr, "%s\n", out);
    free(out);
    free(cmd);
    hui_buf_free(&cp);
  }
  unlink(path);
  free(path);
}

/* The display list: clamped components, runs split where the colour changes,
 * equality by space and components. */
static void test_dlist(hui_fonts *fonts) {
  hui_color c = hui_rgb(1.5, -0.2, NAN);
  CHECK(c.space == HUI_COLOR_RGB && c.c[0] == 1 && c.c[1] == 0 && c.c[2] == 0 && c.c[3] == 0);
  CHECK(hui_color_is_black(hui_gray(0)) && hui_color_is_black((hui_color){0}));
  CHECK(!hui_color_is_black(hui_rgb(0, 0, 0)) && !hui_color_is_black(hui_cmyk(0, 0, 0, 1)));
  CHECK(!hui_color_eq(hui_gray(0.5), hui_rgb(0.5, 0.5, 0.5)));
  size_t n;
  hui_face *face = hui_fonts_chain(fonts, HUI_ROLE_BODY, &n)[0];
  hui_dpage *pg = hui_dpage_new(100, 100);
  hui_dpage_glyph(pg, face, 12, hui_gray(0), 10, 20, 0x6C47);
  hui_dpage_glyph(pg, face, 12, hui_gray(0), 22, 20, 0x7F16);
  hui_dpage_glyph(pg, face, 12, hui_cmyk(0, 1, 1, 0), 34, 20, 0x4E8B);
  hui_dpage_glyph(pg, face, 12, hui_gray(0), 46, 20, 0x8FF9);
  CHECK_INT(pg->nruns, 3);
  CHECK_INT(pg->runs[0].count, 2);
  hui_dpage_fill(pg, 0, 0, -5, 10, hui_gray(0));
  hui_dpage_fill(pg, 0, 0, 5, 0, hui_gray(0));
  CHECK_INT(pg->nfills, 0);
  hui_dpage_free(pg);
}

/* The trace: a colour only when it is not black. */
static void test_trace(hui_fonts *fonts, const char *dir) {
  hui_backend *t = hui_trace_backend();
  hui_dpage *pg = make_page(fonts);
  size_t n;
  hui_face *face = hui_fonts_chain(fonts, HUI_ROLE_BODY, &n)[0];
  /* a line of two colours */
  hui_dpage_glyph(pg, face, 12, hui_gray(0), 10, 195, 0x6C47);
  hui_dpage_glyph(pg, face, 12, hui_gray(0), 22, 195, 0x7F16);
  hui_dpage_glyph(pg, face, 12, hui_rgb(1, 0, 0), 34, 195, 0x4E8B);
  char *why = NULL;
  char *path = hui_xasprintf("%s/colour.trace", dir);
  CHECK(hui_backend_page(t, pg, false, &why) && hui_backend_finish(t, path, &why));
  hui_backend_free(t);
  hui_dpage_free(pg);
  size_t len;
  char *text = hui_read_file(path, 1u << 20, &len);
  CHECK(text != NULL);
  if (text) {
    CHECK(has(text, len, "  fill x=10.00 y=10.00 w=80.00 h=60.00 color=rgb(1,0,0)\n"));
    CHECK(has(text, len, "  fill x=110.00 y=10.00 w=80.00 h=60.00 color=cmyk(0.2,0.4,0.6,0.1)\n"));
    CHECK(has(text, len, "  fill x=210.00 y=10.00 w=80.00 h=60.00 color=gray(0.5)\n"));
    CHECK(has(text, len, "  rule 10.00,90.00 290.00,90.00 w=2.00 color=gray(0.25)\n"));
    CHECK(has(text, len, " 事迹 color=rgb(0,0,1)\n"));
    CHECK(has(text, len, " 先进 color=cmyk(0,1,1,0)\n"));
    CHECK(has(text, len, " 汇编\n")); /* black: as before colour */
    CHECK(has(text, len, " 汇编事 color=black*2,rgb(1,0,0)*1\n"));
    CHECK_INT(occurrences(text, len, "color="), 9);
  }
  free(text);
  unlink(path);
  free(path);
}

int main(void) {
  hui_fonts *fonts = test_fonts();
  char dir[] = "/tmp/test_color-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  test_dlist(fonts);
  test_pdf(fonts, dir);
  test_pdfa(fonts, dir);
  test_trace(fonts, dir);
  rmdir(dir);
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
