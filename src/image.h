/* image: PNG and JPEG photos decoded and validated by the project, so nothing
 * malformed ever reaches libharu (whose libpng aborts the process on corrupt
 * data, and which garbles 16-bit PNGs). JPEGs are read with libjpeg-turbo
 * here and nowhere else: the checker decodes every scan (a damaged file is
 * found, not printed grey), a CMYK JPEG becomes RGB (PDF/A with an sRGB
 * output intent allows no DeviceCMYK), and a camera's EXIF orientation is
 * kept for the layout and the PDF writer to turn the photo upright. */
#ifndef HUI_IMAGE_H
#define HUI_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "hui_limits.h"

typedef enum { HUI_IMAGE_PNG, HUI_IMAGE_JPEG } hui_image_kind;

#define HUI_IMAGE_MAX_PIXELS HUI_MAX_IMAGE_PIXELS /* see hui_limits.h */

/* Pieces of a file (see hui_image.source); path NULL when there is none. */
typedef struct hui_file_span {
  char *path;
  uint64_t *pieces; /* offset, length, offset, length, ... */
  size_t npieces;
  hui_file_id id; /* the file when its pieces were found */
} hui_file_span;

typedef struct hui_image {
  hui_image_kind kind;
  uint32_t width, height;  /* pixels */
  double dpi_x, dpi_y;     /* from the file, 0 when unknown */
  /* 1 gray or 3 RGB. A CMYK (or YCCK) JPEG is converted to RGB when it is
   * loaded; only hui_image_probe, which converts nothing, reports 4. */
  int components;
  /* EXIF orientation (1-8) of a JPEG: how the stored pixels are turned to
   * stand upright (6: a quarter turn clockwise, 8: anticlockwise, 3: a half
   * turn; 2, 4, 5, 7 mirror too). 1 (as stored) for PNGs and JPEGs without
   * one. width and height stay the stored ones: hui_image_upright_size gives
   * the size the photo is seen and printed at. */
  int orientation;
  /* PNG: 8-bit pixels, rows top to bottom, components per pixel; alpha separate. */
  unsigned char *pixels;
  unsigned char *alpha;    /* width*height bytes, NULL when opaque */
  /* JPEG: the file's bytes, embedded as they are (DCT); for a CMYK file,
   * the RGB JPEG made from it. */
  unsigned char *jpeg;
  size_t jpeg_len;
  /* PNG, when it can be embedded without decoding (8-bit gray or RGB, not
   * interlaced, opaque): the zlib stream of its IDAT chunks, whose rows carry
   * PNG filter bytes (PDF: FlateDecode, /Predictor 15). NULL otherwise. */
  unsigned char *flate;
  size_t flate_len;
  /* Unique in the process: lets a backend cache what it made of an image
   * without mistaking a later image at a reused address for it. */
  uint64_t serial;
  /* When the bytes a backend embeds (flate, or jpeg) are in a file as they
   * are (hui_image_load_for_embedding): the file, the (offset, length) of
   * each piece in order, and the file's identity then, so a backend can read
   * them back when it writes instead of keeping them (photos are most of a
   * compendium's bytes) and notice if the file changed meanwhile. */
  hui_file_span source;
} hui_image;

/* Reads and validates the file at path (PNG decoded to 8 bits; JPEG markers
 * checked, a CMYK JPEG decoded in full and encoded again as RGB). Returns
 * NULL with *why (caller frees) in plain words, e.g. "not a PNG or JPEG
 * file". Caller frees with hui_image_free (NULL-safe). */
hui_image *hui_image_load(const char *path, char **why);
/* The same over bytes in memory (copied: data stays the caller's). */
hui_image *hui_image_from_memory(const unsigned char *data, size_t len, char **why);
/* For embedding a photo the checker has already validated: an 8-bit gray or
 * RGB PNG with sound chunk CRCs is not decoded (pixels stays NULL, flate is
 * set); anything else is loaded as by hui_image_load. */
hui_image *hui_image_load_for_embedding(const char *path, char **why);
/* Validates the file in full but keeps no pixels: size, dpi, components and
 * orientation only. For the checker. A PNG is decoded as by hui_image_load;
 * a JPEG has every scan decoded (at 1/8 scale, which still reads every
 * coded block), and any complaint of libjpeg's ("Premature end of JPEG
 * file", "Corrupt JPEG data: ...") refuses it. Returns NULL with *why
 * (caller frees); caller frees the image with hui_image_free. */
hui_image *hui_image_probe(const char *path, char **why);
/* After hui_image_probe failed: true when the file is a PNG or JPEG that is
 * damaged or cut short (only the sender has the whole photo), false when it
 * is not one the program can use (save it again). */
bool hui_image_last_damaged(void);
/* The same over bytes in memory (data stays the caller's). */
hui_image *hui_image_probe_memory(const unsigned char *data, size_t len, char **why);
void hui_image_free(hui_image *img);

/* The photo's size in pixels as it is seen, upright: width and height
 * swapped when its orientation turns it a quarter (EXIF 5-8). What layout
 * sizes the photo by and the dpi check measures. */
void hui_image_upright_size(const hui_image *img, uint32_t *w, uint32_t *h);

/* Photos for the web (the web output): 8-bit RGB pixels, rows top to
 * bottom, upright. */
typedef struct hui_image_rgb {
  uint32_t w, h;
  unsigned char *px; /* w * h * 3 */
} hui_image_rgb;

/* The PNG or JPEG at path decoded in full, turned upright by its EXIF
 * orientation, transparency laid over white. NULL with *why (caller frees)
 * as hui_image_load. Free with hui_image_rgb_free. */
hui_image_rgb *hui_image_rgb_load(const char *path, char **why);
/* A copy scaled so that its long edge is at most long_edge pixels (never
 * enlarged), with a Lanczos-3 filter, separable, in floating point: the same
 * pixels on every run. */
hui_image_rgb *hui_image_rgb_scale(const hui_image_rgb *p, uint32_t long_edge);
/* p as a baseline JPEG (quality 1-100, optimised Huffman tables, a JFIF
 * header and nothing else: no EXIF, no comment), *len bytes. Caller frees. */
unsigned char *hui_image_rgb_jpeg(const hui_image_rgb *p, int quality, size_t *len);
void hui_image_rgb_free(hui_image_rgb *p); /* NULL-safe */

#endif
