/* test_image: PNG decoding to 8-bit pixels + alpha, JPEG marker checks, and
 * refusal of damaged, oversized and foreign files without crashing; JPEGs
 * made with libjpeg (testjpeg.h): EXIF orientation in both byte orders and
 * malformed, CMYK, Adobe's inverted CMYK and YCCK converted to RGB, and a
 * scan cut short found by the checker's decode. */
#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "image.h"
#include "testjpeg.h"

static void write_mem(png_structp png, png_bytep data, size_t n) {
  hui_buf_add(png_get_io_ptr(png), data, n);
}

static void flush_mem(png_structp png) { (void)png; }

/* Encodes a w×h PNG whose raw rows (already in the file's format) are in
 * rows; palette/trns optional; ppm > 0 writes pHYs. */
static hui_buf encode(uint32_t w, uint32_t h, int color, int depth, const unsigned char *rows,
                      size_t rowbytes, const png_color *palette, int npalette,
                      const unsigned char *trns, int ntrns, unsigned ppm) {
  hui_buf out = {0};
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
  png_infop info = png_create_info_struct(png);
  if (setjmp(png_jmpbuf(png))) abort();
  png_set_write_fn(png, &out, write_mem, flush_mem);
  png_set_IHDR(png, info, w, h, depth, color, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  if (palette) png_set_PLTE(png, info, palette, npalette);
  if (trns) png_set_tRNS(png, info, trns, ntrns, NULL);
  if (ppm) png_set_pHYs(png, info, ppm, ppm, PNG_RESOLUTION_METER);
  png_write_info(png, info);
  for (uint32_t y = 0; y < h; y++) png_write_row(png, rows + y * rowbytes);
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

static hui_image *decode(const hui_buf *b, char **why) {
  *why = NULL;
  return hui_image_from_memory((const unsigned char *)b->data, b->len, why);
}

static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
  }
  return c ^ 0xFFFFFFFFu;
}

static void be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* JPEG pieces: SOI, JFIF at 300 dpi, a baseline frame of 3×2 with three
 * components, a scan with stuffed bytes and a restart marker, EOI. */
static const unsigned char jfif[] = {0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 1,
                                     1,    0x2C, 1, 0x2C, 0, 0};
static const unsigned char sof0[] = {0xFF, 0xC0, 0, 17, 8, 0, 2, 0, 3, 3,
                                     1,    0x22, 0, 2, 0x11, 1, 3, 0x11, 1};
static const unsigned char sos[] = {0xFF, 0xDA, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0,
                                    0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56};

static hui_buf jpeg(const unsigned char *frame, size_t framelen, bool eoi) {
  hui_buf b = {0};
  hui_buf_add(&b, "\xFF\xD8", 2);
  hui_buf_add(&b, jfif, sizeof jfif);
  hui_buf_add(&b, frame, framelen);
  hui_buf_add(&b, sos, sizeof sos);
  if (eoi) hui_buf_add(&b, "\xFF\xD9", 2);
  return b;
}

/* The JPEG in (len bytes) decoded to RGB with libjpeg: *w x *h pixels,
 * caller frees. */
static unsigned char *decode_rgb(const unsigned char *in, size_t len, unsigned *w, unsigned *h,
                                 int *file_components) {
  struct jpeg_decompress_struct c;
  struct jpeg_error_mgr err;
  c.err = jpeg_std_error(&err);
  jpeg_create_decompress(&c);
  jpeg_mem_src(&c, in, (unsigned long)len);
  jpeg_read_header(&c, TRUE);
  *file_components = c.num_components;
  c.out_color_space = JCS_RGB;
  jpeg_start_decompress(&c);
  *w = c.output_width;
  *h = c.output_height;
  unsigned char *px = hui_xmalloc((size_t)*w * *h * 3);
  while (c.output_scanline < c.output_height) {
    JSAMPROW row = px + (size_t)c.output_scanline * *w * 3;
    jpeg_read_scanlines(&c, &row, 1);
  }
  jpeg_finish_decompress(&c);
  jpeg_destroy_decompress(&c);
  return px;
}

/* True when the pixel at (x, y) of an RGB image w wide is within tol of rgb. */
static bool near_rgb(const unsigned char *px, unsigned w, unsigned x, unsigned y,
                     const unsigned char *rgb, int tol) {
  const unsigned char *p = px + ((size_t)y * w + x) * 3;
  for (int k = 0; k < 3; k++)
    if (abs((int)p[k] - (int)rgb[k]) > tol) return false;
  return true;
}

/* Every orientation in both byte orders is read, the size stays the stored
 * one and the upright size swaps for 5-8; the checker's probe agrees. A
 * malformed Exif segment (any byte changed, or cut anywhere) gives 1-8 and
 * never a crash. */
static void jpeg_orientation(void) {
  for (int le = 0; le <= 1; le++) {
    for (int o = 0; o <= 8; o++) {
      hui_buf b = tj_make(TJ_RGB, 40, 24, o, le, 300);
      char *why = NULL;
      hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
      CHECK(img != NULL);
      if (img) {
        bool turned = o >= 5;
        CHECK_INT(img->orientation, o ? o : 1);
        CHECK_INT(img->width, turned ? 24 : 40);
        CHECK_INT(img->height, turned ? 40 : 24);
        uint32_t w, h;
        hui_image_upright_size(img, &w, &h);
        CHECK_INT(w, 40);
        CHECK_INT(h, 24);
        CHECK(img->jpeg_len == b.len && memcmp(img->jpeg, b.data, b.len) == 0); /* RGB: as it is */
      }
      hui_image_free(img);
      img = hui_image_probe_memory((const unsigned char *)b.data, b.len, &why);
      CHECK(img != NULL && img->orientation == (o ? o : 1) && !img->jpeg);
      hui_image_free(img);
      hui_buf_free(&b);
    }
  }
  /* Malformed: every byte of the Exif segment flipped in turn, and the
   * segment's stated length kept while its IFD is cut short. */
  hui_buf b = tj_make(TJ_GRAY, 16, 16, 6, true, 0);
  const unsigned char *d = (const unsigned char *)b.data;
  size_t app1 = 2;
  while (!(d[app1] == 0xFF && d[app1 + 1] == 0xE1)) app1 += 2 + ((size_t)d[app1 + 2] << 8 | d[app1 + 3]);
  size_t seglen = (size_t)d[app1 + 2] << 8 | d[app1 + 3];
  int bad = 0;
  for (size_t i = app1 + 4 + 6; i < app1 + 2 + seglen; i++) {
    for (int flip = 1; flip < 256; flip <<= 1) {
      b.data[i] ^= (char)flip;
      char *why = NULL;
      hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
      if (!img || img->orientation < 1 || img->orientation > 8) bad++;
      hui_image_free(img);
      free(why);
      b.data[i] ^= (char)flip;
    }
  }
  CHECK_INT(bad, 0);
  /* the IFD's entry count says 2, but the segment ends inside the first entry */
  {
    hui_buf cut = {0};
    size_t keep = 6 + 8 + 2 + 6; /* Exif, TIFF header, count, half an entry */
    hui_buf_add(&cut, b.data, app1 + 2);
    unsigned char len2[2] = {(unsigned char)((keep + 2) >> 8), (unsigned char)(keep + 2)};
    hui_buf_add(&cut, len2, 2);
    hui_buf_add(&cut, b.data + app1 + 4, keep);
    hui_buf_add(&cut, b.data + app1 + 2 + seglen, b.len - (app1 + 2 + seglen));
    char *why = NULL;
    hui_image *img = hui_image_from_memory((const unsigned char *)cut.data, cut.len, &why);
    CHECK(img != NULL && img->orientation == 1);
    hui_image_free(img);
    free(why);
    hui_buf_free(&cut);
  }
  hui_buf_free(&b);
}

/* CMYK, Adobe's inverted CMYK and YCCK become RGB JPEGs with the same
 * colours (the naive conversion gives the pure colours back), the same
 * bytes every time; the probe reports the file's 4 components. */
static void jpeg_cmyk(void) {
  const tj_kind kinds[] = {TJ_CMYK, TJ_CMYK_ADOBE, TJ_YCCK};
  for (size_t k = 0; k < 3; k++) {
    hui_buf b = tj_make(kinds[k], 64, 48, 8, false, 300);
    char *why = NULL;
    hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    hui_image *again = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img != NULL && again != NULL);
    if (img && again) {
      CHECK_INT(img->components, 3);
      CHECK_INT(img->orientation, 8);
      CHECK_INT(img->width, 48);
      CHECK_INT(img->height, 64);
      CHECK(img->jpeg_len == again->jpeg_len && memcmp(img->jpeg, again->jpeg, img->jpeg_len) == 0);
      unsigned w, h;
      int comps = 0;
      unsigned char *px = decode_rgb(img->jpeg, img->jpeg_len, &w, &h, &comps);
      CHECK_INT(comps, 3);
      CHECK(w == 48 && h == 64);
      /* stored for orientation 8: each stored quadrant's centre is the
       * upright quadrant tj_upright says */
      for (unsigned qy = 0; qy < 2; qy++)
        for (unsigned qx = 0; qx < 2; qx++) {
          unsigned x = w / 4 + qx * w / 2, y = h / 4 + qy * h / 2, ux, uy;
          tj_upright(8, x, y, w, h, &ux, &uy);
          CHECK(near_rgb(px, w, x, y, TJ_RGB_OF[tj_quadrant(ux, uy, 64, 48)], 12));
        }
      free(px);
    }
    hui_image_free(img);
    hui_image_free(again);
    img = hui_image_probe_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img != NULL && img->components == 4);
    hui_image_free(img);
    hui_buf_free(&b);
  }
}

/* A scan cut short with an end marker appended: every marker sound, so the
 * marker walk passes it (a build embeds what the check accepted), but the
 * checker's decode at 1/8 scale finds it, even when only the last bytes of
 * the scan are missing; a CMYK file's conversion refuses it too. libjpeg's
 * errors (no Huffman table) are messages too, never an exit. */
static void jpeg_damaged(void) {
  const double keeps[] = {0.0, 0.5, 0.97};
  for (size_t i = 0; i < 3; i++) {
    hui_buf b = tj_make(TJ_RGB, 400, 300, 0, false, 300);
    tj_damage(&b, keeps[i]);
    char *why = NULL;
    hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img != NULL);
    hui_image_free(img);
    img = hui_image_probe_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "the JPEG file is damaged (Corrupt JPEG data: premature end of data segment)"));
    free(why);
    hui_buf_free(&b);
  }
  /* Progressive: whole, it passes; cut inside its last scan, libjpeg warns;
   * cut between two scans, every marker sound and libjpeg silent, the
   * missing passes are found. */
  {
    hui_buf b = tj_make(TJ_RGB_PROG, 200, 160, 0, false, 300);
    char *why = NULL;
    hui_image *img = hui_image_probe_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img != NULL && img->components == 3);
    hui_image_free(img);
    size_t last = tj_scan_at(&b, 9), fifth = tj_scan_at(&b, 5);
    CHECK(last > 0 && fifth > 0 && tj_scan_at(&b, 10) == 0);
    hui_buf cut = {0};
    hui_buf_add(&cut, b.data, b.len);
    tj_cut(&cut, last + (b.len - last) / 2);
    img = hui_image_probe_memory((const unsigned char *)cut.data, cut.len, &why);
    CHECK(img == NULL && why && strstr(why, "premature end of data segment"));
    free(why);
    why = NULL;
    cut.len = 0;
    hui_buf_add(&cut, b.data, b.len);
    tj_cut(&cut, fifth);
    img = hui_image_probe_memory((const unsigned char *)cut.data, cut.len, &why);
    CHECK(img == NULL && why && strstr(why, "last passes of its progressive image are missing"));
    free(why);
    hui_buf_free(&cut);
    hui_buf_free(&b);
  }
  {
    /* a sequential frame of three components whose only scan carries the
     * first (as a file of one scan per component cut after the first):
     * libjpeg would print the others as zeros without a word */
    hui_buf b = {0};
    static const unsigned char one[] = {0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12};
    hui_buf_add(&b, "\xFF\xD8", 2);
    hui_buf_add(&b, sof0, sizeof sof0);
    hui_buf_add(&b, one, sizeof one);
    hui_buf_add(&b, "\xFF\xD9", 2);
    char *why = NULL;
    hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img == NULL && why && strstr(why, "component 2 has no image data"));
    free(why);
    hui_buf_free(&b);
  }
  /* The file simply ends inside the scan: the marker walk says so. */
  {
    hui_buf b = tj_make(TJ_RGB, 400, 300, 0, false, 300);
    char *why = NULL;
    hui_image *img = hui_image_probe_memory((const unsigned char *)b.data, b.len - 100, &why);
    CHECK(img == NULL && why && strstr(why, "truncated"));
    free(why);
    hui_buf_free(&b);
  }
  {
    hui_buf b = tj_make(TJ_CMYK_ADOBE, 200, 100, 0, false, 300);
    tj_damage(&b, 0.6);
    char *why = NULL;
    hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img == NULL && why && strstr(why, "damaged"));
    free(why);
    hui_buf_free(&b);
  }
  {
    hui_buf b = jpeg(sof0, sizeof sof0, true); /* markers only: no Huffman tables */
    char *why = NULL;
    hui_image *img = hui_image_probe_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img == NULL && why && strstr(why, "the JPEG file is damaged ("));
    free(why);
    hui_buf_free(&b);
  }
}

int main(void) {
  char *why = NULL;
  hui_image *img;

  /* RGB, 8-bit, 300 dpi. */
  {
    unsigned char rows[2 * 9] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    hui_buf b = encode(3, 2, PNG_COLOR_TYPE_RGB, 8, rows, 9, NULL, 0, NULL, 0, 11811);
    img = decode(&b, &why);
    CHECK(img != NULL);
    if (img) {
      CHECK_INT(img->kind, HUI_IMAGE_PNG);
      CHECK_INT(img->width, 3);
      CHECK_INT(img->height, 2);
      CHECK_INT(img->components, 3);
      CHECK(img->alpha == NULL);
      CHECK(memcmp(img->pixels, rows, sizeof rows) == 0);
      CHECK(img->dpi_x > 299.9 && img->dpi_x < 300.1);
      CHECK(img->dpi_y > 299.9 && img->dpi_y < 300.1);
    }
    hui_image_free(img);
    hui_buf_free(&b);
  }
  /* RGBA: alpha split off; all-opaque alpha dropped. */
  {
    unsigned char rows[2 * 8] = {10, 20, 30, 0, 40, 50, 60, 128, 70, 80, 90, 255, 1, 1, 1, 7};
    hui_buf b = encode(2, 2, PNG_COLOR_TYPE_RGB_ALPHA, 8, rows, 8, NULL, 0, NULL, 0, 0);
    img = decode(&b, &why);
    CHECK(img != NULL);
    if (img) {
      const unsigned char rgb[] = {10, 20, 30, 40, 50, 60, 70, 80, 90, 1, 1, 1};
      const unsigned char a[] = {0, 128, 255, 7};
      CHECK_INT(img->components, 3);
      CHECK(img->alpha != NULL && memcmp(img->alpha, a, 4) == 0);
      CHECK(memcmp(img->pixels, rgb, sizeof rgb) == 0);
      CHECK(img->dpi_x == 0);
    }
    hui_image_free(img);
    hui_buf_free(&b);
    memset(rows + 3, 255, 1);
    rows[7] = rows[11] = rows[15] = 255;
    b = encode(2, 2, PNG_COLOR_TYPE_RGB_ALPHA, 8, rows, 8, NULL, 0, NULL, 0, 0);
    img = decode(&b, &why);
    CHECK(img != NULL && img->alpha == NULL);
    hui_image_free(img);
    hui_buf_free(&b);
  }
  /* 16-bit RGB is scaled to 8 bits. */
  {
    unsigned char rows[12] = {0xFF, 0xFF, 0x80, 0x80, 0, 0, 0x12, 0x34, 0xAB, 0xCD, 0xFF, 0xFF};
    hui_buf b = encode(2, 1, PNG_COLOR_TYPE_RGB, 16, rows, 12, NULL, 0, NULL, 0, 0);
    img = decode(&b, &why);
    CHECK(img != NULL);
    if (img) {
      CHECK_INT(img->components, 3);
      CHECK_INT(img->pixels[0], 255);
      CHECK_INT(img->pixels[1], 128);
      CHECK_INT(img->pixels[2], 0);
      CHECK_INT(img->pixels[3], 0x12);
      CHECK_INT(img->pixels[5], 255);
    }
    hui_image_free(img);
    hui_buf_free(&b);
  }
  /* 2-bit palette with tRNS: expanded to RGB plus alpha. */
  {
    png_color pal[3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
    unsigned char trns[3] = {255, 0, 100};
    unsigned char rows[1] = {0x24}; /* indices 0,2,1,0 */
    hui_buf b = encode(4, 1, PNG_COLOR_TYPE_PALETTE, 2, rows, 1, pal, 3, trns, 3, 0);
    img = decode(&b, &why);
    CHECK(img != NULL);
    if (img) {
      const unsigned char rgb[] = {255, 0, 0, 0, 0, 255, 0, 255, 0, 255, 0, 0};
      const unsigned char a[] = {255, 100, 0, 255};
      CHECK_INT(img->components, 3);
      CHECK(memcmp(img->pixels, rgb, sizeof rgb) == 0);
      CHECK(img->alpha && memcmp(img->alpha, a, 4) == 0);
    }
    hui_image_free(img);
    hui_buf_free(&b);
  }
  /* 1-bit gray: one component, 0 or 255. */
  {
    unsigned char rows[1] = {0xA0}; /* 1,0,1 */
    hui_buf b = encode(3, 1, PNG_COLOR_TYPE_GRAY, 1, rows, 1, NULL, 0, NULL, 0, 0);
    img = decode(&b, &why);
    CHECK(img != NULL);
    if (img) {
      CHECK_INT(img->components, 1);
      CHECK_INT(img->pixels[0], 255);
      CHECK_INT(img->pixels[1], 0);
      CHECK_INT(img->pixels[2], 255);
      CHECK(img->alpha == NULL);
    }
    hui_image_free(img);
    hui_buf_free(&b);
  }
  /* Truncated PNG: every cut point gives NULL and a message, never a crash. */
  {
    unsigned char rows[64 * 3 * 64];
    for (size_t i = 0; i < sizeof rows; i++) rows[i] = (unsigned char)(i * 7);
    hui_buf b = encode(64, 64, PNG_COLOR_TYPE_RGB, 8, rows, 64 * 3, NULL, 0, NULL, 0, 0);
    int refused = 0, tried = 0;
    for (size_t cut = 8; cut < b.len; cut += 37, tried++) {
      img = hui_image_from_memory((const unsigned char *)b.data, cut, &why);
      if (!img && why) refused++;
      hui_image_free(img);
      free(why);
      why = NULL;
    }
    CHECK_INT(refused, tried);
    img = hui_image_from_memory((const unsigned char *)b.data, b.len / 2, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "damaged") != NULL);
    free(why);
    /* A flipped byte inside the image data: a CRC or zlib error. */
    b.data[b.len / 2] ^= 0x55;
    img = decode(&b, &why);
    CHECK(img == NULL && why != NULL);
    free(why);
    hui_buf_free(&b);
  }
  /* A header claiming 100000×100000 is refused before any allocation. */
  {
    unsigned char f[8 + 25];
    memcpy(f, "\x89PNG\r\n\x1a\n", 8);
    be32(f + 8, 13);
    memcpy(f + 12, "IHDR", 4);
    be32(f + 16, 100000);
    be32(f + 20, 100000);
    f[24] = 8, f[25] = 2, f[26] = 0, f[27] = 0, f[28] = 0;
    be32(f + 29, crc32_of(f + 12, 17));
    img = hui_image_from_memory(f, sizeof f, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "100000x100000") != NULL);
    free(why);
  }
  /* Garbage and empty input. */
  {
    img = hui_image_from_memory((const unsigned char *)"GIF89a garbage bytes", 20, &why);
    CHECK(img == NULL);
    CHECK_STR(why, "not a PNG or JPEG file");
    free(why);
    img = hui_image_from_memory(NULL, 0, &why);
    CHECK(img == NULL);
    CHECK_STR(why, "not a PNG or JPEG file");
    free(why);
  }
  /* JPEG: a valid minimal stream is kept byte for byte. */
  {
    hui_buf b = jpeg(sof0, sizeof sof0, true);
    img = decode(&b, &why);
    CHECK(img != NULL);
    if (img) {
      CHECK_INT(img->kind, HUI_IMAGE_JPEG);
      CHECK_INT(img->width, 3);
      CHECK_INT(img->height, 2);
      CHECK_INT(img->components, 3);
      CHECK(img->dpi_x == 300 && img->dpi_y == 300);
      CHECK(img->jpeg_len == b.len && memcmp(img->jpeg, b.data, b.len) == 0);
      CHECK(img->pixels == NULL);
    }
    hui_image_free(img);
    /* Truncated: no EOI, or cut inside a segment. */
    for (size_t cut = 3; cut < b.len - 1; cut++) {
      img = hui_image_from_memory((const unsigned char *)b.data, cut, &why);
      CHECK(img == NULL && why != NULL);
      hui_image_free(img);
      free(why);
      why = NULL;
    }
    hui_buf_free(&b);
    b = jpeg(sof0, sizeof sof0, false);
    img = decode(&b, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "truncated") != NULL);
    free(why);
    hui_buf_free(&b);
    /* Lossless (SOF3) is refused with advice. */
    unsigned char sof3[sizeof sof0];
    memcpy(sof3, sof0, sizeof sof0);
    sof3[1] = 0xC3;
    b = jpeg(sof3, sizeof sof3, true);
    img = decode(&b, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "baseline") != NULL);
    free(why);
    hui_buf_free(&b);
    /* 65535×65535 is over the pixel limit. */
    unsigned char big[sizeof sof0];
    memcpy(big, sof0, sizeof sof0);
    big[5] = big[6] = big[7] = big[8] = 0xFF;
    b = jpeg(big, sizeof big, true);
    img = decode(&b, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "65535x65535") != NULL);
    free(why);
    hui_buf_free(&b);
    /* No frame at all. */
    b = (hui_buf){0};
    hui_buf_add(&b, "\xFF\xD8", 2);
    hui_buf_add(&b, jfif, sizeof jfif);
    hui_buf_add(&b, "\xFF\xD9", 2);
    img = decode(&b, &why);
    CHECK(img == NULL);
    CHECK(why && strstr(why, "no image") != NULL);
    free(why);
    hui_buf_free(&b);
  }
  jpeg_orientation();
  jpeg_cmyk();
  jpeg_damaged();
  /* A missing file names the path. */
  img = hui_image_load("/nonexistent/photo.png", &why);
  CHECK(img == NULL);
  CHECK(why && strstr(why, "/nonexistent/photo.png") != NULL);
  free(why);
  return CHECK_DONE();
}
