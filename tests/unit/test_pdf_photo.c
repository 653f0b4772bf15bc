#define _XOPEN_SOURCE 700
/* test_pdf_photo: an opaque 8-bit PNG is embedded without decoding (its IDAT
 * stream with PNG predictors) and still renders as the picture it is: a dark
 * left half and a light right half, in gray and in RGB. */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "image.h"
#include "pdf.h"

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
  rmdir(dir);
  return CHECK_DONE();
}
