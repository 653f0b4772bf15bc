#define _XOPEN_SOURCE 700
/* test_pdf_photo: an opaque 8-bit PNG is embedded without decoding (its IDAT
 * stream with PNG predictors) and still renders as the picture it is: a dark
 * left half and a light right half, in gray and in RGB. JPEGs stored turned
 * for each EXIF orientation render upright and unmirrored; CMYK, Adobe's
 * inverted CMYK and YCCK JPEGs are embedded as RGB and render in their
 * colours, in a PDF/A too. */
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "ppm.h"
#include "image.h"
#include "pdf.h"
#include "testjpeg.h"

/* PNG bytes of a w x h image, left half `dark`, right half `light`. */
static unsigned char *make_png(int channels, int w, int h, int dark, int light, size_t *len) {
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  im.width = (png_uint_32)w;
  im.height = (png_uint_32)h;
  im.format = channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  unsigned char *px = hui_xmalloc((size_t)w * h * channels);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < channels; c++)
        px[((size_t)y * w + x) * channels + c] = (unsigned char)(x < w / 2 ? dark : light);
  png_alloc_size_t size = 0;
  png_image_write_to_memory(&im, NULL, &size, 0, px, 0, NULL);
  unsigned char *out = hui_xmalloc(size);
  CHECK(png_image_write_to_memory(&im, out, &size, 0, px, 0, NULL));
  free(px);
  *len = size;
  return out;
}

static double mean_gray(const char *pgm, double x0, double y0, double x1, double y1) {
  size_t len;
  char *data = hui_read_file(pgm, 64u << 20, &len);
  if (!data) return -1;
  int w, h, maxv, off = 0;
  if (sscanf(data, "P5 %d %d %d%n", &w, &h, &maxv, &off) != 3) return -1;
  const unsigned char *px = (const unsigned char *)data + off + 1;
  double sum = 0;
  int n = 0;
  for (int y = (int)y0; y < (int)y1 && y < h; y++)
    for (int x = (int)x0; x < (int)x1 && x < w; x++, n++) sum += px[(size_t)y * w + x];
  free(data);
  return n ? sum / n : -1;
}

/* Writes one page with each image of imgs (n of them, 80 x 60 pt upright,
 * in rows of four, 100 pt apart) to dir/name.pdf, renders it at 72 dpi
 * (1 px = 1 pt) and checks each image's four quadrants have their colours
 * where they stand upright. The pdfimages listing's colour column is in
 * *colours (caller frees). */
static void render_upright(const char *dir, const char *name, hui_image **imgs, int n, bool pdfa,
                           char **colours) {
  char *why = NULL;
  hui_doc_info info = {.title = "oriented", .date = "2020-11-20T00:00:00", .pdfa = pdfa};
  hui_pdf *pdf = hui_pdf_new(&info, &why);
  hui_dpage *pg = hui_dpage_new(420, 220);
  for (int i = 0; i < n; i++) {
    uint32_t w, h;
    hui_image_upright_size(imgs[i], &w, &h);
    CHECK(w == 80 && h == 60);
    hui_dpage_image(pg, imgs[i], 10 + (i % 4) * 100, 10 + (i / 4) * 100, w, h);
  }
  char *path = hui_xasprintf("%s/%s.pdf", dir, name);
  CHECK(pdf && hui_pdf_add_page(pdf, pg, &why) && hui_pdf_save(pdf, path, &why));
  if (why) fprintf(stderr, "%s\n", why);
  free(why);
  hui_pdf_free(pdf);
  hui_dpage_free(pg);
  char *cmd = hui_xasprintf("pdftoppm -r 72 -singlefile %s %s/%s", path, dir, name);
  CHECK_INT(system(cmd), 0);
  char *ppm = hui_xasprintf("%s/%s.ppm", dir, name);
  for (int i = 0; i < n; i++) {
    int bx = 10 + (i % 4) * 100, by = 10 + (i / 4) * 100;
    for (int q = 0; q < 4; q++) {
      int cx = bx + (q % 2) * 40 + 20, cy = by + (q / 2) * 30 + 15;
      double rgb[3] = {0};
      CHECK(hui_test_mean_rgb(ppm, cx - 8, cy - 6, cx + 8, cy + 6, rgb));
      bool ok = true;
      for (int k = 0; k < 3; k++) ok = ok && fabs(rgb[k] - TJ_RGB_OF[q][k]) < 40;
      if (!ok)
        fprintf(stderr, "%s: image %d quadrant %d is %.0f,%.0f,%.0f, want %d,%d,%d\n", name, i, q,
                rgb[0], rgb[1], rgb[2], TJ_RGB_OF[q][0], TJ_RGB_OF[q][1], TJ_RGB_OF[q][2]);
      CHECK(ok);
    }
  }
  free(cmd);
  cmd = hui_xasprintf("pdfimages -list %s | awk 'NR>2 {printf \"%%s \", $6}'", path);
  FILE *pp = popen(cmd, "r");
  hui_buf out = {0};
  char line[256];
  while (pp && fgets(line, sizeof line, pp)) hui_buf_puts(&out, line);
  if (pp) pclose(pp);
  *colours = hui_buf_take(&out);
  unlink(ppm);
  unlink(path);
  free(ppm);
  free(cmd);
  free(path);
}

static void oriented_and_cmyk(const char *dir) {
  /* Orientations 1-8, RGB, either byte order: upright on the page. */
  hui_image *imgs[8];
  for (int o = 1; o <= 8; o++) {
    hui_buf b = tj_make(TJ_RGB, 80, 60, o, o % 2, 72);
    char *why = NULL;
    imgs[o - 1] = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(imgs[o - 1] && imgs[o - 1]->orientation == o);
    hui_buf_free(&b);
    if (!imgs[o - 1]) return;
  }
  char *colours = NULL;
  render_upright(dir, "oriented", imgs, 8, false, &colours);
  CHECK_STR(colours, "rgb rgb rgb rgb rgb rgb rgb rgb ");
  free(colours);
  for (int i = 0; i < 8; i++) hui_image_free(imgs[i]);
  /* CMYK, inverted CMYK, YCCK (turned a quarter, 6) and a gray one, in a
   * PDF/A: no DeviceCMYK image. */
  const tj_kind kinds[] = {TJ_CMYK, TJ_CMYK_ADOBE, TJ_YCCK};
  for (int i = 0; i < 3; i++) {
    hui_buf b = tj_make(kinds[i], 80, 60, 6, false, 72);
    char *why = NULL;
    imgs[i] = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(imgs[i] != NULL);
    hui_buf_free(&b);
    if (!imgs[i]) return;
  }
  for (int pdfa = 0; pdfa <= 1; pdfa++) {
    render_upright(dir, pdfa ? "cmyk-pdfa" : "cmyk", imgs, 3, pdfa, &colours);
    CHECK_STR(colours, "rgb rgb rgb ");
    free(colours);
  }
  for (int i = 0; i < 3; i++) hui_image_free(imgs[i]);
}

int main(void) {
  char dir[] = "/tmp/huibian-photo-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  for (int channels = 1; channels <= 3; channels += 2) {
    size_t len;
    unsigned char *png = make_png(channels, 120, 80, 20, 230, &len);
    char *why = NULL;
    hui_image *img = hui_image_from_memory(png, len, &why);
    CHECK(img != NULL);
    if (!img) return CHECK_DONE();
    CHECK(img->flate != NULL && img->flate_len > 0);
    CHECK_INT(img->components, channels);
    hui_doc_info info = {.title = "photo", .date = "2020-11-20T00:00:00"};
    hui_pdf *pdf = hui_pdf_new(&info, &why);
    hui_dpage *pg = hui_dpage_new(200, 200);
    hui_dpage_image(pg, img, 40, 40, 120, 80); /* 1 pt per pixel */
    char *path = hui_xasprintf("%s/photo%d.pdf", dir, channels);
    CHECK(hui_pdf_add_page(pdf, pg, &why) && hui_pdf_save(pdf, path, &why));
    hui_pdf_free(pdf);
    hui_dpage_free(pg);
    char *cmd = hui_xasprintf("pdftoppm -r 72 -gray -singlefile %s %s/page%d", path, dir, channels);
    CHECK_INT(system(cmd), 0);
    char *pgm = hui_xasprintf("%s/page%d.pgm", dir, channels);
    double left = mean_gray(pgm, 45, 45, 95, 115), right = mean_gray(pgm, 105, 45, 155, 115);
    CHECK(left >= 0 && left < 40);   /* the dark half */
    CHECK(right > 210);              /* the light half */
    CHECK(mean_gray(pgm, 0, 0, 35, 35) > 250); /* the page around it */
    unlink(pgm);
    unlink(path);
    free(pgm);
    free(cmd);
    free(path);
    free(png);
    hui_image_free(img);
  }
  /* The same photo given twice (two files with the same bytes: two images)
   * is embedded once; a different photo is embedded on its own. */
  {
    size_t len, len2;
    unsigned char *png = make_png(3, 60, 40, 20, 230, &len);
    unsigned char *other = make_png(3, 60, 40, 40, 200, &len2);
    char *why = NULL;
    hui_image *a = hui_image_from_memory(png, len, &why), *b = hui_image_from_memory(png, len, &why),
              *c = hui_image_from_memory(other, len2, &why);
    CHECK(a && b && c && a->serial != b->serial);
    hui_doc_info info = {.title = "photos", .date = "2020-11-20T00:00:00"};
    hui_pdf *pdf = hui_pdf_new(&info, &why);
    char *path = hui_xasprintf("%s/same.pdf", dir);
    bool ok = true;
    const hui_image *per_page[3] = {a, b, c};
    for (int i = 0; i < 3 && a && b && c; i++) {
      hui_dpage *pg = hui_dpage_new(200, 200);
      hui_dpage_image(pg, per_page[i], 40, 40, 60, 40);
      hui_dpage_image(pg, per_page[i], 40, 100, 60, 40);
      ok = ok && hui_pdf_add_page(pdf, pg, &why);
      hui_dpage_free(pg);
    }
    CHECK(ok && hui_pdf_save(pdf, path, &why));
    hui_pdf_free(pdf);
    /* pdfimages -list: one line per image drawn; column 11 is its object */
    char *cmd = hui_xasprintf("pdfimages -list %s | awk 'NR>2 {print $11}' | sort -u | wc -l", path);
    FILE *pp = popen(cmd, "r");
    int distinct = -1;
    CHECK(pp && fscanf(pp, "%d", &distinct) == 1);
    if (pp) pclose(pp);
    CHECK_INT(distinct, 2);
    free(cmd);
    cmd = hui_xasprintf("pdfimages -list %s | awk 'NR>2' | wc -l", path);
    pp = popen(cmd, "r");
    int drawn = -1;
    CHECK(pp && fscanf(pp, "%d", &drawn) == 1);
    if (pp) pclose(pp);
    CHECK_INT(drawn, 6);
    unlink(path);
    free(cmd);
    free(path);
    free(png);
    free(other);
    hui_image_free(a);
    hui_image_free(b);
    hui_image_free(c);
  }
  /* Loading for embedding: not decoded when the chunks are sound; a damaged
   * chunk falls back to the full decoder, which refuses it. */
  {
    size_t len;
    unsigned char *png = make_png(3, 40, 30, 20, 230, &len);
    char *path = hui_xasprintf("%s/p.png", dir);
    FILE *f = fopen(path, "wb");
    CHECK(f && fwrite(png, 1, len, f) == len);
    if (f) fclose(f);
    char *why = NULL;
    hui_image *img = hui_image_load_for_embedding(path, &why);
    CHECK(img && !img->pixels && img->flate && img->width == 40 && img->height == 30);
    hui_image_free(img);
    /* The checker's probe decodes every row but keeps no pixels. */
    img = hui_image_probe(path, &why);
    CHECK(img && !img->pixels && img->width == 40 && img->height == 30 && img->components == 3);
    hui_image_free(img);
    png[len - 20] ^= 0xFF; /* inside the IDAT data: its CRC no longer matches */
    f = fopen(path, "wb");
    CHECK(f && fwrite(png, 1, len, f) == len);
    if (f) fclose(f);
    img = hui_image_load_for_embedding(path, &why);
    CHECK(img == NULL && why != NULL);
    free(why);
    why = NULL;
    img = hui_image_probe(path, &why);
    CHECK(img == NULL && why != NULL && strstr(why, "damaged") != NULL);
    free(why);
    hui_image_free(img);
    unlink(path);
    free(path);
    free(png);
  }
  oriented_and_cmyk(dir);
  rmdir(dir);
  return CHECK_DONE();
}
