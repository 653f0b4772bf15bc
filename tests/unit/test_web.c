/* test_web: the pieces of the website edition below the pages — HTML
 * escaping, base64, web file names from ids (never a path out of the
 * site), and the web photos: every EXIF orientation turned upright, a
 * uniform picture scaled to the same colour, a one-pixel checkerboard
 * scaled to grey (a filter, not nearest-neighbour), never enlarged, and the
 * JPEG written with nothing of the source's metadata. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "base/html.h"
#include "check.h"
#include "image.h"
#include "testjpeg.h"

static void expect_html(const char *in, const char *want) {
  hui_buf b = {0};
  hui_buf_html(&b, in);
  CHECK_STR(b.data ? b.data : "", want);
  hui_buf_free(&b);
}

static void expect_b64(const char *in, const char *want) {
  hui_buf b = {0};
  hui_buf_base64(&b, in, strlen(in));
  CHECK_STR(b.data ? b.data : "", want);
  hui_buf_free(&b);
}

static void expect_name(const char *id, const char *want) {
  char *got = hui_html_file_name(id, ".html", NULL, 0);
  CHECK_STR(got, want);
  free(got);
}

static hui_image_rgb *solid(uint32_t w, uint32_t h, const unsigned char rgb[3]) {
  hui_image_rgb *p = calloc(1, sizeof *p);
  p->w = w;
  p->h = h;
  p->px = malloc((size_t)w * h * 3);
  for (size_t i = 0; i < (size_t)w * h; i++) memcpy(p->px + i * 3, rgb, 3);
  return p;
}

static const unsigned char *at(const hui_image_rgb *p, uint32_t x, uint32_t y) {
  return p->px + ((size_t)y * p->w + x) * 3;
}

static bool near(const unsigned char *got, const unsigned char *want, int tol) {
  for (int c = 0; c < 3; c++)
    if (abs(got[c] - want[c]) > tol) return false;
  return true;
}

static void orientations(void) {
  char path[] = "/tmp/test_web_XXXXXX";
  int fd = mkstemp(path);
  CHECK(fd >= 0);
  close(fd);
  for (int o = 1; o <= 8; o++) {
    hui_buf b = tj_make(TJ_RGB, 40, 24, o, o % 2 == 0, 300);
    FILE *f = fopen(path, "wb");
    fwrite(b.data, 1, b.len, f);
    fclose(f);
    hui_buf_free(&b);
    char *why = NULL;
    hui_image_rgb *p = hui_image_rgb_load(path, &why);
    CHECK(p != NULL);
    if (!p) continue;
    CHECK_INT(p->w, 40);
    CHECK_INT(p->h, 24);
    /* red, green / blue, yellow at the quadrants' middles */
    for (int q = 0; q < 4; q++) {
      uint32_t x = q % 2 ? 30 : 10, y = q / 2 ? 18 : 6;
      if (!near(at(p, x, y), TJ_RGB_OF[q], 40)) {
        fprintf(stderr, "orientation %d: quadrant %d is %d,%d,%d\n", o, q, at(p, x, y)[0],
                at(p, x, y)[1], at(p, x, y)[2]);
        CHECK(false);
      }
    }
    hui_image_rgb_free(p);
    free(why);
  }
  unlink(path);
}

static void scaling(void) {
  static const unsigned char teal[3] = {37, 120, 200};
  hui_image_rgb *p = solid(2000, 1000, teal);
  hui_image_rgb *s = hui_image_rgb_scale(p, 1200);
  CHECK_INT(s->w, 1200);
  CHECK_INT(s->h, 600);
  bool same = true;
  for (size_t i = 0; i < (size_t)s->w * s->h; i++) same &= near(s->px + i * 3, teal, 1);
  CHECK(same);
  hui_image_rgb_free(s);
  hui_image_rgb_free(p);

  p = solid(300, 200, teal);
  s = hui_image_rgb_scale(p, 1200); /* never enlarged */
  CHECK_INT(s->w, 300);
  CHECK_INT(s->h, 200);
  hui_image_rgb_free(s);
  hui_image_rgb_free(p);

  /* a checkerboard of single pixels averages to grey when scaled down */
  static const unsigned char black[3] = {0, 0, 0};
  p = solid(999, 1500, black);
  for (uint32_t y = 0; y < p->h; y++)
    for (uint32_t x = (y % 2); x < p->w; x += 2) memset(p->px + ((size_t)y * p->w + x) * 3, 255, 3);
  s = hui_image_rgb_scale(p, 400);
  CHECK_INT(s->h, 400);
  CHECK_INT(s->w, 266);
  static const unsigned char grey[3] = {128, 128, 128};
  bool grey_all = true;
  for (uint32_t y = 2; y + 2 < s->h; y++)
    for (uint32_t x = 2; x + 2 < s->w; x++) grey_all &= near(at(s, x, y), grey, 12);
  CHECK(grey_all);

  /* the JPEG: SOI, JFIF, and no APP1 (EXIF/XMP), APP13 or comment */
  size_t len;
  unsigned char *j = hui_image_rgb_jpeg(s, 85, &len);
  CHECK(len > 100 && j[0] == 0xFF && j[1] == 0xD8 && j[2] == 0xFF && j[3] == 0xE0);
  bool clean = true;
  for (size_t i = 2; i + 3 < len;) {
    if (j[i] != 0xFF) break;
    unsigned m = j[i + 1];
    if (m == 0xDA) break;
    clean &= m != 0xE1 && m != 0xED && m != 0xFE;
    i += 2 + ((size_t)j[i + 2] << 8 | j[i + 3]);
  }
  CHECK(clean);
  size_t len2;
  unsigned char *j2 = hui_image_rgb_jpeg(s, 85, &len2);
  CHECK(len2 == len && memcmp(j, j2, len) == 0); /* the same bytes again */
  free(j);
  free(j2);
  hui_image_rgb_free(s);
  hui_image_rgb_free(p);
}

int main(void) {
  expect_html("<script>alert('x') & \"y\"</script>",
              "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
  expect_html("王秀英\x01\xff", "王秀英\xEF\xBF\xBD\xEF\xBF\xBD");
  expect_b64("Man", "TWFu");
  expect_b64("Ma", "TWE=");
  expect_b64("M", "TQ==");
  expect_name("s2020-001", "s2020-001.html");
  expect_name("../../etc/passwd", "______etc_passwd.html");
  expect_name("..", "__.html");
  expect_name("a b?c#d%e", "a_b_c_d_e.html");
  expect_name("", "_.html");
  char *taken[] = {"a_b.html"};
  char *got = hui_html_file_name("a/b", ".html", taken, 1);
  CHECK_STR(got, "a_b-2.html");
  free(got);
  orientations();
  scaling();
  return CHECK_DONE();
}
