/* testjpeg.h: JPEG test files made at run time with libjpeg (the tests may
 * use it directly; the project reads JPEGs only in src/image.c). One picture
 * in every form: upright it has four quadrants, red top left, green top
 * right, blue bottom left, yellow bottom right, so a render shows whether a
 * photo stands upright and unmirrored. It can be stored turned for an EXIF
 * orientation (and carry that orientation), in RGB (baseline or
 * progressive), gray, plain CMYK, Adobe's inverted CMYK, or YCCK, and be
 * cut short with an end marker appended (a damaged file whose markers are
 * all sound).
 * Used by tests/unit/test_image.c, test_pdf_photo.c and tests/tools/mkjpeg.c. */
#ifndef HUI_TESTJPEG_H
#define HUI_TESTJPEG_H

#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "base/base.h"

typedef enum {
  TJ_RGB,
  TJ_GRAY,
  TJ_CMYK,       /* inks as they are (0 = no ink), no Adobe marker */
  TJ_CMYK_ADOBE, /* inks inverted (0 = full ink), Adobe APP14 marker: Photoshop's */
  TJ_YCCK,       /* Adobe's YCCK, inverted inks */
  TJ_RGB_PROG    /* RGB, progressive (libjpeg's simple progression: 10 scans) */
} tj_kind;

/* The quadrant colours, upright: red, green / blue, yellow. */
static const unsigned char TJ_RGB_OF[4][3] = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}};

/* Quadrant (0 red, 1 green, 2 blue, 3 yellow) of upright pixel (x, y). */
static inline int tj_quadrant(unsigned x, unsigned y, unsigned w, unsigned h) {
  return (y >= h / 2) * 2 + (x >= w / 2);
}

/* The upright position (*ux, *uy) of stored pixel (c, r) of a stored image
 * sw x sh with EXIF orientation o (0 or 1: as stored). */
static inline void tj_upright(int o, unsigned c, unsigned r, unsigned sw, unsigned sh, unsigned *ux,
                       unsigned *uy) {
  switch (o) {
    case 2: *ux = sw - 1 - c, *uy = r; break;
    case 3: *ux = sw - 1 - c, *uy = sh - 1 - r; break;
    case 4: *ux = c, *uy = sh - 1 - r; break;
    case 5: *ux = r, *uy = c; break;
    case 6: *ux = sh - 1 - r, *uy = c; break;
    case 7: *ux = sh - 1 - r, *uy = sw - 1 - c; break;
    case 8: *ux = r, *uy = sw - 1 - c; break;
    default: *ux = c, *uy = r; break;
  }
}

/* An Exif APP1 payload: a TIFF header in the byte order asked for and one
 * IFD with a Make (ASCII, its text after the IFD) before the Orientation. */
static inline size_t tj_exif(unsigned char *out, int orientation, bool little_endian) {
  size_t n = 0;
  memcpy(out, "Exif\0\0", 6);
  n = 6;
#define TJ16(v)                                                      \
  do {                                                               \
    unsigned v_ = (v);                                               \
    out[n++] = (unsigned char)(little_endian ? v_ & 0xFF : v_ >> 8); \
    out[n++] = (unsigned char)(little_endian ? v_ >> 8 : v_ & 0xFF); \
  } while (0)
#define TJ32(v)                                  \
  do {                                           \
    unsigned long w_ = (v);                      \
    if (little_endian) {                         \
      TJ16(w_ & 0xFFFF);                         \
      TJ16(w_ >> 16);                            \
    } else {                                     \
      TJ16(w_ >> 16);                            \
      TJ16(w_ & 0xFFFF);                         \
    }                                            \
  } while (0)
  memcpy(out + n, little_endian ? "II*\0" : "MM\0*", 4);
  n += 4;
  TJ32(8);          /* IFD0 right after the header */
  TJ16(2);          /* two entries */
  TJ16(0x010F);     /* Make */
  TJ16(2);          /* ASCII */
  TJ32(6);          /* "phone\0" */
  TJ32(8 + 2 + 24 + 4); /* after the IFD and its next-IFD offset */
  TJ16(0x0112);     /* Orientation */
  TJ16(3);          /* SHORT */
  TJ32(1);
  TJ16((unsigned)orientation);
  TJ16(0);
  TJ32(0); /* no next IFD */
  memcpy(out + n, "phone", 6);
  n += 6;
#undef TJ16
#undef TJ32
  return n;
}

/* libjpeg's destination: 4 KB chunks appended to a hui_buf. */
typedef struct tj_dest {
  struct jpeg_destination_mgr mgr; /* first: libjpeg's pointer is to it */
  hui_buf *out;
  unsigned char chunk[4096];
} tj_dest;

static inline void tj_dest_init(j_compress_ptr c) {
  tj_dest *d = (tj_dest *)c->dest;
  d->mgr.next_output_byte = d->chunk;
  d->mgr.free_in_buffer = sizeof d->chunk;
}
static inline boolean tj_dest_empty(j_compress_ptr c) {
  tj_dest *d = (tj_dest *)c->dest;
  hui_buf_add(d->out, d->chunk, sizeof d->chunk);
  tj_dest_init(c);
  return TRUE;
}
static inline void tj_dest_term(j_compress_ptr c) {
  tj_dest *d = (tj_dest *)c->dest;
  hui_buf_add(d->out, d->chunk, sizeof d->chunk - d->mgr.free_in_buffer);
}

/* A JPEG of the four-quadrant picture, w x h upright, stored turned for
 * orientation (1-8; 0 writes no Exif segment), of the kind asked for, at
 * quality 90 with the given dpi (0: none). The test's libjpeg errors abort:
 * these inputs are the test's own. Caller frees with hui_buf_free. */
static inline hui_buf tj_make(tj_kind kind, unsigned w, unsigned h, int orientation, bool little_endian,
                       unsigned dpi) {
  bool turned = orientation >= 5 && orientation <= 8;
  unsigned sw = turned ? h : w, sh = turned ? w : h;
  hui_buf out = {0};
  struct jpeg_compress_struct c;
  struct jpeg_error_mgr err;
  static tj_dest dest; /* 4 KB: not on the stack */
  c.err = jpeg_std_error(&err);
  jpeg_create_compress(&c);
  dest.out = &out;
  dest.mgr.init_destination = tj_dest_init;
  dest.mgr.empty_output_buffer = tj_dest_empty;
  dest.mgr.term_destination = tj_dest_term;
  c.dest = &dest.mgr;
  c.image_width = sw;
  c.image_height = sh;
  bool is_rgb = kind == TJ_RGB || kind == TJ_RGB_PROG;
  int comps = is_rgb ? 3 : kind == TJ_GRAY ? 1 : 4;
  c.input_components = comps;
  c.in_color_space = is_rgb ? JCS_RGB : kind == TJ_GRAY ? JCS_GRAYSCALE : JCS_CMYK;
  jpeg_set_defaults(&c);
  if (kind == TJ_RGB_PROG) jpeg_simple_progression(&c);
  if (kind == TJ_YCCK) jpeg_set_colorspace(&c, JCS_YCCK);
  if (kind == TJ_CMYK) c.write_Adobe_marker = FALSE;
  jpeg_set_quality(&c, 90, TRUE);
  if (dpi) {
    c.density_unit = 1;
    c.X_density = c.Y_density = (UINT16)dpi;
  }
  jpeg_start_compress(&c, TRUE);
  if (orientation) {
    unsigned char exif[128];
    size_t n = tj_exif(exif, orientation, little_endian);
    jpeg_write_marker(&c, JPEG_APP0 + 1, exif, (unsigned)n);
  }
  unsigned char *row = hui_xmalloc((size_t)sw * (size_t)comps);
  while (c.next_scanline < sh) {
    unsigned r = c.next_scanline;
    for (unsigned x = 0; x < sw; x++) {
      unsigned ux, uy;
      tj_upright(orientation, x, r, sw, sh, &ux, &uy);
      const unsigned char *rgb = TJ_RGB_OF[tj_quadrant(ux, uy, w, h)];
      unsigned char *px = row + (size_t)x * comps;
      if (comps == 3) {
        memcpy(px, rgb, 3);
      } else if (comps == 1) {
        px[0] = (unsigned char)((rgb[0] * 3 + rgb[1] * 6 + rgb[2]) / 10);
      } else {
        for (int k = 0; k < 3; k++) px[k] = (unsigned char)(255 - rgb[k]); /* inks */
        px[3] = 0;
        if (kind != TJ_CMYK)
          for (int k = 0; k < 4; k++) px[k] = (unsigned char)(255 - px[k]);
      }
    }
    JSAMPROW rows[1] = {row};
    jpeg_write_scanlines(&c, rows, 1);
  }
  jpeg_finish_compress(&c);
  jpeg_destroy_compress(&c);
  free(row);
  return out;
}

/* The offset of the n-th (from 0) SOS marker of the JPEG in b, or 0. */
static inline size_t tj_scan_at(const hui_buf *b, int n) {
  const unsigned char *d = (const unsigned char *)b->data;
  for (size_t pos = 2; pos + 1 < b->len; pos++)
    if (d[pos] == 0xFF && d[pos + 1] == 0xDA && n-- == 0) return pos;
  return 0;
}

/* Cuts the JPEG in b at offset at and appends an end marker. */
static inline void tj_cut(hui_buf *b, size_t at) {
  b->len = at;
  hui_buf_add(b, "\xFF\xD9", 2);
}

/* Cuts the first scan's data of the JPEG in b after keep (0..1) of it and
 * appends an end marker: every marker is still sound, the picture is not. */
static inline void tj_damage(hui_buf *b, double keep) {
  const unsigned char *d = (const unsigned char *)b->data;
  size_t pos = 2;
  while (pos + 4 <= b->len && d[pos] == 0xFF && d[pos + 1] != 0xDA)
    pos += 2 + ((size_t)d[pos + 2] << 8 | d[pos + 3]);
  if (pos + 4 > b->len) abort();
  size_t start = pos + 2 + ((size_t)d[pos + 2] << 8 | d[pos + 3]);
  size_t end = b->len - 2; /* a single-scan file: its data runs to the EOI */
  size_t cut = start + (size_t)((double)(end - start) * keep);
  if (cut > start && d[cut - 1] == 0xFF) cut--; /* not inside a stuffed FF 00 */
  tj_cut(b, cut);
}

#endif
