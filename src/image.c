/* image: PNG decoding (libpng, errors caught), JPEG marker validation and
 * decoding (libjpeg-turbo, errors and warnings caught), so only well-formed
 * pixels and JPEG streams ever reach the PDF backend. */
#include "image.h"

#include <errno.h>
#include <math.h>
#include <png.h>
#include <zlib.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

#include "base/base.h"
#include "base/i18n.h"

/* Photos are a few MB; anything far larger is a mistake, not a photo. */
#define MAX_FILE_BYTES HUI_MAX_IMAGE_BYTES

void hui_image_free(hui_image *img) {
  if (!img) return;
  free(img->pixels);
  free(img->alpha);
  free(img->jpeg);
  free(img->flate);
  free(img->source.path);
  free(img->source.pieces);
  free(img);
}

/* A new image with its serial number (threads may make images at once). */

/* Whether the last failure on this thread was a damaged or cut-short file
 * (hui_image_last_damaged): set by D_, which marks those messages, so the
 * rules can give the right advice in any language. */
static _Thread_local bool last_damaged;
static const char *D_(const char *msg) {
  last_damaged = true;
  return _(msg);
}

bool hui_image_last_damaged(void) { return last_damaged; }

static hui_image *new_image(hui_image_kind kind, uint32_t w, uint32_t h) {
  static _Atomic uint64_t serial;
  hui_image *img = hui_xcalloc(1, sizeof *img);
  img->serial = ++serial;
  img->kind = kind;
  img->width = w;
  img->height = h;
  img->orientation = 1;
  return img;
}

void hui_image_upright_size(const hui_image *img, uint32_t *w, uint32_t *h) {
  bool turned = img->orientation >= 5 && img->orientation <= 8;
  *w = turned ? img->height : img->width;
  *h = turned ? img->width : img->height;
}

static bool too_many_pixels(uint32_t w, uint32_t h) {
  return w == 0 || h == 0 || (uint64_t)w * h > HUI_IMAGE_MAX_PIXELS;
}

static char *size_message(uint32_t w, uint32_t h) {
  if (w == 0 || h == 0) return hui_xasprintf(_("the image has no pixels (%ux%u)"), w, h);
  return hui_xasprintf(_("the image is %ux%u pixels, more than the %u million allowed; "
                         "scale it down"),
                       w, h, HUI_IMAGE_MAX_PIXELS / 1000000u);
}

/* ---- PNG ---------------------------------------------------------------- */

/* Everything the libpng callbacks touch lives on the heap, so its values are
 * well defined after a longjmp. */
typedef struct png_state {
  const unsigned char *data;
  size_t len, pos;
  char msg[200];
  unsigned char *buf; /* decoded rows */
  png_bytep *rows;
  hui_image *img;
} png_state;

static void png_fail(png_structp png, png_const_charp msg) {
  png_state *st = png_get_error_ptr(png);
  snprintf(st->msg, sizeof st->msg, "%s", msg);
  png_longjmp(png, 1);
}

static void png_warn(png_structp png, png_const_charp msg) {
  (void)png;
  (void)msg; /* ancillary-chunk complaints do not matter for printing */
}

static void png_read_mem(png_structp png, png_bytep out, size_t n) {
  png_state *st = png_get_io_ptr(png);
  if (n > st->len - st->pos) png_error(png, D_("the file is truncated"));
  memcpy(out, st->data + st->pos, n);
  st->pos += n;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The concatenated IDAT chunks of a PNG file (already validated by libpng),
 * or NULL. Caller frees. */
static unsigned char *png_idat(const unsigned char *data, size_t len, size_t *out_len) {
  hui_buf b = {0};
  size_t pos = 8;
  while (pos + 12 <= len) {
    uint32_t n = be32(data + pos);
    if (n > len - pos - 12) break;
    if (memcmp(data + pos + 4, "IDAT", 4) == 0) hui_buf_add(&b, data + pos + 8, n);
    if (memcmp(data + pos + 4, "IEND", 4) == 0) break;
    pos += 12 + (size_t)n;
  }
  if (!b.len) {
    hui_buf_free(&b);
    return NULL;
  }
  *out_len = b.len;
  return (unsigned char *)hui_buf_take(&b);
}

/* Decodes a PNG in full (every row inflated and unfiltered, so a damaged file
 * is found here and not in libharu). With probe, the rows go through one row
 * buffer and the image keeps no pixels: the checker's validation. */
static hui_image *png_decode(const unsigned char *data, size_t len, bool probe, char **why) {
  /* The size check comes first, from the IHDR bytes themselves: libpng
   * would read on to the next chunks (and a bomb's first IDAT) before
   * png_read_info returned. */
  if (len >= 24 && memcmp(data + 12, "IHDR", 4) == 0 &&
      too_many_pixels(be32(data + 16), be32(data + 20))) {
    *why = size_message(be32(data + 16), be32(data + 20));
    return NULL;
  }
  png_state *st = hui_xcalloc(1, sizeof *st);
  st->data = data;
  st->len = len;
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, st, png_fail, png_warn);
  png_infop info = png ? png_create_info_struct(png) : NULL;
  hui_image *result = NULL;
  if (!png || !info) {
    *why = hui_xstrdup(_("cannot initialise libpng"));
    goto done;
  }
  if (setjmp(png_jmpbuf(png))) {
    *why =
        hui_xasprintf(D_("the PNG file is damaged: %s"), st->msg[0] ? st->msg : _("unknown error"));
    hui_image_free(st->img);
    st->img = NULL;
    goto done;
  }
  png_set_read_fn(png, st, png_read_mem);
#ifdef PNG_IGNORE_ADLER32
  /* Every chunk's CRC already covers the compressed bytes; zlib's second
   * checksum over the inflated rows was a tenth of a check's time. */
  png_set_option(png, PNG_IGNORE_ADLER32, PNG_OPTION_ON);
#endif
  png_set_user_limits(png, 1000000, 1000000);
  png_set_chunk_malloc_max(png, 16u * 1024u * 1024u);
  png_read_info(png, info);

  png_uint_32 w, h;
  int depth, color, interlace;
  png_get_IHDR(png, info, &w, &h, &depth, &color, &interlace, NULL, NULL);
  /* Refuse before allocating anything the header asks for. */
  if (too_many_pixels(w, h)) {
    *why = size_message(w, h);
    goto done;
  }
  if (depth == 16) {
#ifdef PNG_READ_SCALE_16_TO_8_SUPPORTED
    png_set_scale_16(png);
#else
    png_set_strip_16(png);
#endif
  }
  if (color == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
  if (color == PNG_COLOR_TYPE_GRAY && depth < 8) png_set_expand_gray_1_2_4_to_8(png);
  if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);

  int channels = png_get_channels(png, info);
  size_t rowbytes = png_get_rowbytes(png, info);
  if (channels < 1 || channels > 4 || png_get_bit_depth(png, info) != 8 ||
      rowbytes != (size_t)w * (size_t)channels) {
    *why = hui_xstrdup(_("the PNG file uses a pixel format that cannot be converted"));
    goto done;
  }
  probe = probe && interlace == PNG_INTERLACE_NONE;
  if (probe) {
    st->buf = hui_xmalloc(rowbytes);
    for (png_uint_32 y = 0; y < h; y++) png_read_row(png, st->buf, NULL);
  } else {
    st->buf = hui_xmalloc(rowbytes * h);
    st->rows = hui_xmalloc(h * sizeof *st->rows);
    for (png_uint_32 y = 0; y < h; y++) st->rows[y] = st->buf + (size_t)y * rowbytes;
    png_read_image(png, st->rows);
  }
  png_read_end(png, NULL); /* also checks that the file is complete */

  hui_image *img = st->img = new_image(HUI_IMAGE_PNG, w, h);
  png_uint_32 rx, ry;
  int unit;
  if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER) {
    img->dpi_x = rx * 0.0254;
    img->dpi_y = ry * 0.0254;
  }
  bool has_alpha = channels == 2 || channels == 4;
  int comps = has_alpha ? channels - 1 : channels;
  img->components = comps;
  if (probe) {
    result = img;
    st->img = NULL;
    goto done;
  }
  /* 8-bit gray or RGB, not interlaced, no transparency: the IDAT data is a
   * zlib stream PDF's FlateDecode with PNG predictors reads as it is. */
  if (depth == 8 && interlace == PNG_INTERLACE_NONE && !has_alpha &&
      (color == PNG_COLOR_TYPE_RGB || color == PNG_COLOR_TYPE_GRAY))
    img->flate = png_idat(data, len, &img->flate_len);
  size_t npix = (size_t)w * h;
  if (!has_alpha) {
    img->pixels = st->buf;
    st->buf = NULL;
  } else {
    img->pixels = hui_xmalloc(npix * (size_t)comps);
    img->alpha = hui_xmalloc(npix);
    bool opaque = true;
    const unsigned char *src = st->buf;
    unsigned char *dst = img->pixels;
    for (size_t i = 0; i < npix; i++) {
      for (int c = 0; c < comps; c++) *dst++ = *src++;
      img->alpha[i] = *src;
      opaque &= *src++ == 255;
    }
    if (opaque) { /* an alpha channel that is all 255 is no mask at all */
      free(img->alpha);
      img->alpha = NULL;
    }
  }
  result = img;
  st->img = NULL;

done:
  png_destroy_read_struct(png ? &png : NULL, info ? &info : NULL, NULL);
  hui_image_free(st->img);
  free(st->buf);
  free(st->rows);
  free(st);
  return result;
}

/* ---- JPEG --------------------------------------------------------------- */

static unsigned be16(const unsigned char *p) { return (unsigned)p[0] << 8 | p[1]; }

static unsigned tiff16(const unsigned char *p, bool le) {
  return le ? (unsigned)p[1] << 8 | p[0] : be16(p);
}

static uint32_t tiff32(const unsigned char *p, bool le) {
  return le ? (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0] : be32(p);
}

/* The Orientation (tag 0x0112, one SHORT) in the first IFD of an Exif APP1
 * payload of n bytes ("Exif\0\0", then a TIFF header in either byte order):
 * 1 to 8, or 1 when there is none or anything about it is malformed. The
 * bytes come from the photo: every offset is checked against n, and the walk
 * is one IFD of at most 65535 entries. */
static int exif_orientation(const unsigned char *p, size_t n) {
  if (n < 6 + 8 || memcmp(p, "Exif\0\0", 6) != 0) return 1;
  p += 6;
  n -= 6;
  bool le;
  if (memcmp(p, "II*\0", 4) == 0) le = true;
  else if (memcmp(p, "MM\0*", 4) == 0) le = false;
  else return 1;
  uint32_t ifd = tiff32(p + 4, le);
  if (ifd < 8 || ifd > n - 2) return 1;
  unsigned count = tiff16(p + ifd, le);
  for (unsigned i = 0; i < count; i++) {
    size_t e = ifd + 2 + (size_t)i * 12;
    if (e + 12 > n) return 1;
    if (tiff16(p + e, le) != 0x0112) continue;
    if (tiff16(p + e + 2, le) != 3 || tiff32(p + e + 4, le) != 1) return 1;
    unsigned v = tiff16(p + e + 8, le); /* a SHORT sits at the start of the value field */
    return v >= 1 && v <= 8 ? (int)v : 1;
  }
  return 1;
}

/* Walks the marker segments: a frame header (baseline, extended or
 * progressive Huffman), one to HUI_MAX_JPEG_SCANS scans that between them
 * cover every component of the frame, and the end marker; reads the JFIF
 * density and the EXIF orientation on the way. (A file of several scans cut
 * between two, with an end marker, decodes without a word from libjpeg: the
 * missing colour is zeros.) The image it returns has no bytes yet
 * (jpeg_load and hui_image_probe_memory decide). */
static hui_image *jpeg_check(const unsigned char *d, size_t len, char **why) {
  size_t pos = 2;
  bool frame = false, exif = false;
  unsigned scans = 0;
  unsigned char ids[4]; /* the frame's component ids, and which have a scan */
  bool scanned[4] = {false, false, false, false};
  uint32_t w = 0, h = 0;
  int comps = 0, orientation = 1;
  double dpi_x = 0, dpi_y = 0;
  for (;;) {
    if (pos >= len) {
      *why = hui_xstrdup(D_("the JPEG file is truncated (no end marker)"));
      return NULL;
    }
    if (d[pos] != 0xFF) {
      *why = hui_xasprintf(D_("the JPEG file is damaged (no marker at byte %zu)"), pos);
      return NULL;
    }
    while (pos < len && d[pos] == 0xFF) pos++; /* fill bytes */
    if (pos >= len) continue;
    unsigned m = d[pos++];
    if (m == 0xD9) break; /* EOI */
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue; /* no length */
    if (m == 0x00 || m == 0xD8) {
      *why = hui_xasprintf(D_("the JPEG file is damaged (marker 0x%02X out of place)"), m);
      return NULL;
    }
    if (len - pos < 2 || be16(d + pos) < 2 || be16(d + pos) > len - pos) {
      *why = hui_xstrdup(D_("the JPEG file is truncated"));
      return NULL;
    }
    unsigned seglen = be16(d + pos);
    const unsigned char *seg = d + pos + 2;
    size_t n = seglen - 2;
    pos += seglen;
    if (m == 0xE0 && n >= 12 && memcmp(seg, "JFIF", 5) == 0) {
      unsigned unit = seg[7], xd = be16(seg + 8), yd = be16(seg + 10);
      if (unit == 1) {
        dpi_x = xd;
        dpi_y = yd;
      } else if (unit == 2) {
        dpi_x = xd * 2.54;
        dpi_y = yd * 2.54;
      }
    } else if (m == 0xE1 && !exif && n >= 6 && memcmp(seg, "Exif\0\0", 6) == 0) {
      exif = true; /* the first Exif segment is the camera's */
      orientation = exif_orientation(seg, n);
    } else if (m == 0xC0 || m == 0xC1 || m == 0xC2) {
      if (frame || n < 6) {
        *why = hui_xstrdup(D_("the JPEG file is damaged (bad frame header)"));
        return NULL;
      }
      h = be16(seg + 1);
      w = be16(seg + 3);
      comps = seg[5];
      if (seg[0] != 8 || (comps != 1 && comps != 3 && comps != 4) || n != 6 + 3u * comps) {
        *why = hui_xasprintf(_("the JPEG file has an unsupported frame (%u-bit, %d components)"),
                             seg[0], comps);
        return NULL;
      }
      if (too_many_pixels(w, h)) {
        *why = size_message(w, h);
        return NULL;
      }
      for (int c = 0; c < comps; c++) ids[c] = seg[6 + 3 * c];
      frame = true;
    } else if ((m >= 0xC3 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC) {
      *why = hui_xstrdup(_("the JPEG file uses a lossless, hierarchical or arithmetic-coded "
                           "format that PDF viewers do not all support; save it again as an "
                           "ordinary (baseline) JPEG"));
      return NULL;
    } else if (m == 0xDA) {
      if (!frame) {
        *why = hui_xstrdup(D_("the JPEG file is damaged (image data before the frame header)"));
        return NULL;
      }
      if (++scans > HUI_MAX_JPEG_SCANS) {
        *why = hui_xasprintf(_("the JPEG file has more than %u scans (passes of a progressive "
                               "JPEG); save it again as an ordinary (baseline) JPEG"),
                             HUI_MAX_JPEG_SCANS);
        return NULL;
      }
      if (n < 1 || n < 1 + 2u * seg[0] + 3) {
        *why = hui_xstrdup(D_("the JPEG file is damaged (bad scan header)"));
        return NULL;
      }
      for (unsigned i = 0; i < seg[0]; i++)
        for (int c = 0; c < comps; c++) scanned[c] |= seg[1 + 2 * i] == ids[c];
      /* Entropy-coded data runs to the next marker that is not a stuffed
       * zero or a restart marker. */
      while (pos + 1 < len &&
             !(d[pos] == 0xFF && d[pos + 1] != 0x00 && !(d[pos + 1] >= 0xD0 && d[pos + 1] <= 0xD7)))
        pos++;
      if (pos + 1 >= len) pos = len;
    }
  }
  if (!frame || !scans) {
    *why = hui_xstrdup(_("the JPEG file has no image in it"));
    return NULL;
  }
  for (int c = 0; c < comps; c++)
    if (!scanned[c]) {
      *why = hui_xasprintf(D_("the JPEG file is damaged (its component %d has no image data: the "
                             "file was cut short)"),
                           c + 1);
      return NULL;
    }
  hui_image *img = new_image(HUI_IMAGE_JPEG, w, h);
  img->components = comps;
  img->orientation = orientation;
  img->dpi_x = dpi_x;
  img->dpi_y = dpi_y;
  return img;
}

/* ---- libjpeg ------------------------------------------------------------
 * libjpeg's default error handler prints and calls exit(); its warnings
 * (a scan cut short, a bad Huffman code) are printed and the rest of the
 * picture decoded grey. Here an error, and a warning, jumps back to the
 * caller with libjpeg's message, and nothing is printed. What the callbacks
 * touch, and what must be freed after a jump, lives on the heap in one
 * jpeg_state (a local changed after setjmp would be indeterminate after the
 * jump); libjpeg's own allocations are in its pools, freed by jpeg_destroy
 * whichever way it ends. */
typedef struct jpeg_state {
  struct jpeg_error_mgr err; /* shared by in and out: one runs at a time */
  jmp_buf jump;
  char msg[JMSG_LENGTH_MAX];
  struct jpeg_decompress_struct in;
  struct jpeg_compress_struct out;
  struct jpeg_destination_mgr dest;
  hui_buf encoded; /* what out writes */
  unsigned char chunk[16384];
} jpeg_state;

static void jpeg_fail(j_common_ptr c) {
  jpeg_state *st = c->client_data;
  c->err->format_message(c, st->msg);
  longjmp(st->jump, 1);
}

/* Level -1 is a warning, about damaged data (premature end of data or of
 * the file, bad Huffman or arithmetic codes, bytes between markers, an
 * inconsistent progression, an unknown Adobe colour transform): an error
 * here. Two are about nothing that is printed and pass: an unknown JFIF
 * version and a bad ICC profile marker (the profile is not used). Levels 0
 * and up are trace messages. */
static void jpeg_note(j_common_ptr c, int level) {
  if (level >= 0) return;
  int code = c->err->msg_code;
  if (code == JWRN_JFIF_MAJOR || code == JWRN_BOGUS_ICC) return;
  jpeg_fail(c);
}

static void jpeg_quiet(j_common_ptr c) { (void)c; }

static jpeg_state *jpeg_state_new(void) {
  jpeg_state *st = hui_xcalloc(1, sizeof *st);
  jpeg_std_error(&st->err);
  st->err.error_exit = jpeg_fail;
  st->err.emit_message = jpeg_note;
  st->err.output_message = jpeg_quiet;
  /* jpeg_create_* keep err and client_data */
  st->in.err = &st->err;
  st->in.client_data = st;
  st->out.err = &st->err;
  st->out.client_data = st;
  return st;
}

static void jpeg_state_free(jpeg_state *st) {
  /* safe on a struct jpeg_create_* never finished: its mem is NULL */
  jpeg_destroy_decompress(&st->in);
  jpeg_destroy_compress(&st->out);
  hui_buf_free(&st->encoded);
  free(st);
}

/* The decompressor over d, its header read. Jumps on error. */
static void jpeg_begin(jpeg_state *st, const unsigned char *d, size_t len) {
  jpeg_create_decompress(&st->in);
  jpeg_mem_src(&st->in, d, (unsigned long)len);
  jpeg_read_header(&st->in, TRUE);
}

/* Decodes every scan of the JPEG d (len bytes, already through jpeg_check)
 * and throws the pixels away: true when libjpeg found nothing wrong, else
 * false with *why. At 1/8 scale, where libjpeg computes one value per 8x8
 * block: it still decodes every block's Huffman codes, each AC coefficient
 * included (it must, to find where the next block starts), and reads the
 * file to its end marker, so a cut or corrupt scan anywhere is found, for a
 * fraction of the cost of the pixels. A progressive file cut between two of
 * its passes (an end marker after it) is no warning to libjpeg, only a
 * blurred picture: every coefficient must have had all its bits. */
static bool jpeg_decode_all(const unsigned char *d, size_t len, char **why) {
  jpeg_state *st = jpeg_state_new();
  if (setjmp(st->jump)) {
    *why = hui_xasprintf(D_("the JPEG file is damaged (%s)"), st->msg);
    jpeg_state_free(st);
    return false;
  }
  jpeg_begin(st, d, len);
  st->in.scale_num = 1;
  st->in.scale_denom = 8;
  st->in.dct_method = JDCT_IFAST;
  st->in.do_fancy_upsampling = FALSE;
  jpeg_start_decompress(&st->in); /* a file of several scans is read to its end here */
  if (st->in.progressive_mode && st->in.coef_bits) {
    bool whole = true;
    for (int c = 0; c < st->in.num_components; c++)
      for (int k = 0; k < DCTSIZE2; k++) whole &= st->in.coef_bits[c][k] == 0;
    if (!whole) {
      *why = hui_xstrdup(D_("the JPEG file is damaged (the last passes of its progressive image are "
                           "missing: the file was cut short)"));
      jpeg_state_free(st);
      return false;
    }
  }
  JSAMPARRAY row = st->in.mem->alloc_sarray((j_common_ptr)&st->in, JPOOL_IMAGE,
                                            st->in.output_width * st->in.output_components, 1);
  while (st->in.output_scanline < st->in.output_height) jpeg_read_scanlines(&st->in, row, 1);
  jpeg_finish_decompress(&st->in);
  jpeg_state_free(st);
  return true;
}

static void dest_start(j_compress_ptr c) {
  jpeg_state *st = c->client_data;
  c->dest->next_output_byte = st->chunk;
  c->dest->free_in_buffer = sizeof st->chunk;
}

static boolean dest_full(j_compress_ptr c) {
  jpeg_state *st = c->client_data;
  hui_buf_add(&st->encoded, st->chunk, sizeof st->chunk);
  dest_start(c);
  return TRUE;
}

static void dest_end(j_compress_ptr c) {
  jpeg_state *st = c->client_data;
  hui_buf_add(&st->encoded, st->chunk, sizeof st->chunk - c->dest->free_in_buffer);
}

/* Sets st's compressor up to write a w × h RGB JPEG into memory at quality,
 * optimised Huffman tables and the accurate DCT. */
static void rgb_compressor(jpeg_state *st, JDIMENSION w, JDIMENSION h, int quality) {
  struct jpeg_compress_struct *out = &st->out;
  jpeg_create_compress(out);
  st->dest.init_destination = dest_start;
  st->dest.empty_output_buffer = dest_full;
  st->dest.term_destination = dest_end;
  out->dest = &st->dest;
  out->image_width = w;
  out->image_height = h;
  out->input_components = 3;
  out->in_color_space = JCS_RGB;
  jpeg_set_defaults(out);
  jpeg_set_quality(out, quality, TRUE);
  out->optimize_coding = TRUE;
  out->dct_method = JDCT_ISLOW;
}

/* The CMYK (or YCCK) JPEG d decoded in full and encoded again as an RGB
 * JPEG: *out_len bytes (caller frees), or NULL with *why. PDF/A-1 with an
 * sRGB output intent (the archive) allows no DeviceCMYK image, and libharu
 * marks every CMYK JPEG as Adobe's inverted kind; RGB prints the same in
 * either. Encoded again at quality 95 without chroma subsampling, where the
 * second generation's loss is far below what print shows, rather than kept
 * as deflated pixels, which would make one photo's share of the PDF (and of
 * the memory until it is saved) some ten times larger. libjpeg-turbo's
 * integer DCT gives the same bytes on every run.
 *
 * The conversion is the naive one, without a colour profile: R = (1 - C) *
 * (1 - K), G from M, B from Y. A file with Adobe's APP14 marker (Photoshop's,
 * and every YCCK file) stores the inks inverted (0 = full ink), as Adobe's
 * applications write them; one without it stores them as they are. */
static unsigned char *jpeg_cmyk_to_rgb(const unsigned char *d, size_t len, size_t *out_len,
                                       char **why) {
  jpeg_state *st = jpeg_state_new();
  if (setjmp(st->jump)) {
    *why = hui_xasprintf(D_("the JPEG file is damaged (%s)"), st->msg);
    jpeg_state_free(st);
    return NULL;
  }
  jpeg_begin(st, d, len);
  struct jpeg_decompress_struct *in = &st->in;
  struct jpeg_compress_struct *out = &st->out;
  if (in->num_components != 4) ERREXIT(in, JERR_CONVERSION_NOTIMPL);
  in->out_color_space = JCS_CMYK; /* YCCK too: libjpeg turns it back into CMYK */
  in->dct_method = JDCT_ISLOW;
  jpeg_start_decompress(in);
  bool inverted = in->saw_Adobe_marker;

  rgb_compressor(st, in->output_width, in->output_height, 95);
  for (int i = 0; i < out->num_components; i++)
    out->comp_info[i].h_samp_factor = out->comp_info[i].v_samp_factor = 1;
  out->density_unit = in->density_unit; /* the file's dpi, for anyone who reads it */
  out->X_density = in->X_density;
  out->Y_density = in->Y_density;
  jpeg_start_compress(out, TRUE);

  JDIMENSION w = in->output_width;
  JSAMPARRAY cmyk = in->mem->alloc_sarray((j_common_ptr)in, JPOOL_IMAGE, w * 4, 1);
  JSAMPARRAY rgb = out->mem->alloc_sarray((j_common_ptr)out, JPOOL_IMAGE, w * 3, 1);
  while (in->output_scanline < in->output_height) {
    jpeg_read_scanlines(in, cmyk, 1);
    const JSAMPLE *s = cmyk[0];
    JSAMPLE *t = rgb[0];
    for (JDIMENSION x = 0; x < w; x++, s += 4, t += 3) {
      unsigned k = inverted ? s[3] : 255u - s[3];
      for (int c = 0; c < 3; c++) {
        unsigned v = inverted ? s[c] : 255u - s[c];
        t[c] = (JSAMPLE)((v * k + 127) / 255);
      }
    }
    jpeg_write_scanlines(out, rgb, 1);
  }
  jpeg_finish_compress(out);
  jpeg_finish_decompress(in);
  *out_len = st->encoded.len;
  unsigned char *rgb_jpeg = (unsigned char *)hui_buf_take(&st->encoded);
  jpeg_state_free(st);
  return rgb_jpeg;
}

/* A JPEG for embedding: checked, with its bytes as they are, or for a CMYK
 * file the RGB JPEG made from it. */
static hui_image *jpeg_load(const unsigned char *d, size_t len, char **why) {
  hui_image *img = jpeg_check(d, len, why);
  if (!img) return NULL;
  if (img->components == 4) {
    img->jpeg = jpeg_cmyk_to_rgb(d, len, &img->jpeg_len, why);
    if (!img->jpeg) {
      hui_image_free(img);
      return NULL;
    }
    img->components = 3;
    return img;
  }
  img->jpeg = hui_xmalloc(len);
  memcpy(img->jpeg, d, len);
  img->jpeg_len = len;
  return img;
}

hui_image *hui_image_from_memory(const unsigned char *data, size_t len, char **why) {
  static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (data && len >= 8 && memcmp(data, png_sig, 8) == 0) return png_decode(data, len, false, why);
  if (data && len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
    return jpeg_load(data, len, why);
  *why = hui_xstrdup(_("not a PNG or JPEG file"));
  return NULL;
}

/* The PNG as its IDAT stream without decoding, when the format allows it
 * (8-bit gray or RGB, not interlaced, no tRNS) and every chunk's CRC is
 * right; NULL otherwise (the caller then decodes it in full). */
static hui_image *png_embed_only(const unsigned char *data, size_t len) {
  static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (len < 33 || memcmp(data, png_sig, 8) != 0 || memcmp(data + 12, "IHDR", 4) != 0) return NULL;
  uint32_t w = be32(data + 16), h = be32(data + 20);
  int depth = data[24], color = data[25], interlace = data[28];
  if (too_many_pixels(w, h) || depth != 8 || interlace != 0 || (color != 0 && color != 2))
    return NULL;
  double dpi_x = 0, dpi_y = 0;
  bool idat = false, end = false;
  for (size_t pos = 8; pos + 12 <= len && !end;) {
    uint32_t n = be32(data + pos);
    if (n > len - pos - 12) return NULL;
    const unsigned char *type = data + pos + 4;
    if (crc32(0L, type, n + 4) != be32(data + pos + 8 + n)) return NULL;
    if (memcmp(type, "tRNS", 4) == 0) return NULL;
    if (memcmp(type, "IDAT", 4) == 0) idat = true;
    if (memcmp(type, "IEND", 4) == 0) end = true;
    if (memcmp(type, "pHYs", 4) == 0 && n == 9 && type[12] == 1) {
      dpi_x = be32(type + 4) * 0.0254;
      dpi_y = be32(type + 8) * 0.0254;
    }
    pos += 12 + (size_t)n;
  }
  if (!idat || !end) return NULL;
  hui_image *img = new_image(HUI_IMAGE_PNG, w, h);
  img->dpi_x = dpi_x;
  img->dpi_y = dpi_y;
  img->components = color == 0 ? 1 : 3;
  img->flate = png_idat(data, len, &img->flate_len);
  if (!img->flate) {
    hui_image_free(img);
    return NULL;
  }
  return img;
}

/* Records where img's embedded bytes lie in the file at path (read as data,
 * len bytes, with id its identity): a PNG's IDAT payloads or a JPEG's whole
 * file. Nothing is recorded for an image whose bytes were made here. */
static void record_source(hui_image *img, const char *path, const unsigned char *data, size_t len,
                          const hui_file_id *id) {
  hui_file_span *f = &img->source;
  size_t cap = 0;
  /* (a CMYK JPEG's bytes were made here: they are not the file's) */
  if (img->kind == HUI_IMAGE_JPEG && img->jpeg && img->jpeg_len == len &&
      memcmp(img->jpeg, data, len) == 0) {
    *HUI_PUSH(f->pieces, f->npieces, cap) = 0;
    *HUI_PUSH(f->pieces, f->npieces, cap) = len;
  } else if (img->kind == HUI_IMAGE_PNG && img->flate && !img->pixels) {
    size_t total = 0;
    for (size_t pos = 8; pos + 12 <= len;) {
      uint32_t n = be32(data + pos);
      if (n > len - pos - 12) break;
      if (memcmp(data + pos + 4, "IDAT", 4) == 0 && n) {
        *HUI_PUSH(f->pieces, f->npieces, cap) = pos + 8;
        *HUI_PUSH(f->pieces, f->npieces, cap) = n;
        total += n;
      }
      if (memcmp(data + pos + 4, "IEND", 4) == 0) break;
      pos += 12 + (size_t)n;
    }
    if (total != img->flate_len) {
      free(f->pieces);
      f->pieces = NULL;
      f->npieces = 0;
      return;
    }
  } else {
    return;
  }
  f->path = hui_xstrdup(path);
  f->id = *id;
}

hui_image *hui_image_load_for_embedding(const char *path, char **why) {
  size_t len = 0;
  hui_file_id id;
  bool stated = hui_file_id_of(path, &id);
  char *data = hui_read_file(path, MAX_FILE_BYTES, &len);
  hui_image *img = data ? png_embed_only((const unsigned char *)data, len) : NULL;
  if (!img && data) {
    char *inner = NULL;
    img = hui_image_from_memory((const unsigned char *)data, len, &inner);
    if (!img) *why = hui_xasprintf("%s: %s", path, inner);
    free(inner);
  } else if (!data) {
    free(data);
    return hui_image_load(path, why); /* for its message */
  }
  /* the file read is the one identified (same size): its pieces can be read back */
  if (img && stated && id.size == len) record_source(img, path, (const unsigned char *)data, len, &id);
  free(data);
  return img;
}

hui_image *hui_image_probe_memory(const unsigned char *data, size_t len, char **why) {
  static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (data && len >= 8 && memcmp(data, png_sig, 8) == 0) return png_decode(data, len, true, why);
  if (data && len >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
    hui_image *img = jpeg_check(data, len, why);
    if (img && !jpeg_decode_all(data, len, why)) {
      hui_image_free(img);
      img = NULL;
    }
    return img;
  }
  *why = hui_xstrdup(_("not a PNG or JPEG file"));
  return NULL;
}

hui_image *hui_image_probe(const char *path, char **why) {
  last_damaged = false;
  size_t len = 0;
  char *data = hui_read_file(path, MAX_FILE_BYTES, &len);
  if (!data) return hui_image_load(path, why); /* for its message */
  char *inner = NULL;
  hui_image *img = hui_image_probe_memory((const unsigned char *)data, len, &inner);
  free(data);
  if (!img) {
    *why = hui_xasprintf("%s: %s", path, inner);
    free(inner);
  }
  return img;
}

hui_image *hui_image_load(const char *path, char **why) {
  size_t len = 0;
  char *data = hui_read_file(path, MAX_FILE_BYTES, &len);
  if (!data) {
    if (errno == EFBIG)
      *why = hui_xasprintf(_("%s is larger than %u MB; that is not a photo"), path,
                           MAX_FILE_BYTES / (1024u * 1024u));
    else *why = hui_xasprintf(_("cannot read %s: %s"), path, hui_strerror(errno));
    return NULL;
  }
  char *inner = NULL;
  hui_image *img = hui_image_from_memory((const unsigned char *)data, len, &inner);
  free(data);
  if (!img) {
    *why = hui_xasprintf("%s: %s", path, inner);
    free(inner);
  }
  return img;
}

/* ---- Photos for the web: decoded upright, scaled, encoded again ---- */

void hui_image_rgb_free(hui_image_rgb *p) {
  if (!p) return;
  free(p->px);
  free(p);
}

static hui_image_rgb *rgb_new(uint32_t w, uint32_t h) {
  hui_image_rgb *p = hui_xcalloc(1, sizeof *p);
  p->w = w;
  p->h = h;
  p->px = hui_xmalloc((size_t)w * h * 3);
  return p;
}

/* The RGB JPEG d decoded in full (a gray one expanded to RGB). */
static hui_image_rgb *jpeg_pixels(const unsigned char *d, size_t len, char **why) {
  jpeg_state *st = jpeg_state_new();
  hui_image_rgb *volatile p = NULL;
  if (setjmp(st->jump)) {
    *why = hui_xasprintf(D_("the JPEG file is damaged (%s)"), st->msg);
    hui_image_rgb_free(p);
    jpeg_state_free(st);
    return NULL;
  }
  jpeg_begin(st, d, len);
  st->in.out_color_space = JCS_RGB;
  st->in.dct_method = JDCT_ISLOW;
  jpeg_start_decompress(&st->in);
  p = rgb_new(st->in.output_width, st->in.output_height);
  while (st->in.output_scanline < st->in.output_height) {
    JSAMPROW row = p->px + (size_t)st->in.output_scanline * p->w * 3;
    jpeg_read_scanlines(&st->in, &row, 1);
  }
  jpeg_finish_decompress(&st->in);
  jpeg_state_free(st);
  return p;
}

/* A decoded PNG's pixels as RGB, its alpha laid over white. */
static hui_image_rgb *png_pixels(const hui_image *img) {
  hui_image_rgb *p = rgb_new(img->width, img->height);
  size_t n = (size_t)img->width * img->height;
  for (size_t i = 0; i < n; i++) {
    for (int c = 0; c < 3; c++) {
      unsigned v = img->pixels[i * (size_t)img->components + (img->components == 3 ? (size_t)c : 0)];
      if (img->alpha) v = (v * img->alpha[i] + 255u * (255u - img->alpha[i]) + 127u) / 255u;
      p->px[i * 3 + (size_t)c] = (unsigned char)v;
    }
  }
  return p;
}

/* p turned upright by EXIF orientation o (see hui_image.orientation). */
static hui_image_rgb *upright(hui_image_rgb *p, int o) {
  if (o < 2 || o > 8) return p;
  uint32_t W = p->w, H = p->h;
  bool turned = o >= 5;
  hui_image_rgb *q = rgb_new(turned ? H : W, turned ? W : H);
  for (uint32_t v = 0; v < q->h; v++)
    for (uint32_t u = 0; u < q->w; u++) {
      uint32_t x = u, y = v;
      switch (o) {
        case 2: x = W - 1 - u; break;
        case 3: x = W - 1 - u, y = H - 1 - v; break;
        case 4: y = H - 1 - v; break;
        case 5: x = v, y = u; break;
        case 6: x = v, y = H - 1 - u; break;
        case 7: x = W - 1 - v, y = H - 1 - u; break;
        default: x = W - 1 - v, y = u; break; /* 8 */
      }
      memcpy(q->px + ((size_t)v * q->w + u) * 3, p->px + ((size_t)y * W + x) * 3, 3);
    }
  hui_image_rgb_free(p);
  return q;
}

hui_image_rgb *hui_image_rgb_load(const char *path, char **why) {
  hui_image *img = hui_image_load(path, why);
  if (!img) return NULL;
  hui_image_rgb *p = NULL;
  if (img->kind == HUI_IMAGE_PNG) p = png_pixels(img);
  else {
    char *inner = NULL;
    p = jpeg_pixels(img->jpeg, img->jpeg_len, &inner);
    if (!p) *why = hui_xasprintf("%s: %s", path, inner);
    free(inner);
  }
  if (p) p = upright(p, img->orientation);
  hui_image_free(img);
  return p;
}

/* Lanczos-3 weights for n_out samples from n_in (n_out <= n_in): for each
 * output sample its first input sample, its tap count and its weights
 * (summing to 1), taps at most *ntaps each. */
typedef struct taps {
  int ntaps;
  int *first;
  float *w; /* n_out * ntaps */
} taps;

static double lanczos3(double x) {
  if (x < 0) x = -x;
  if (x < 1e-9) return 1.0;
  if (x >= 3.0) return 0.0;
  const double pi = 3.14159265358979323846;
  return 3.0 * sin(pi * x) * sin(pi * x / 3.0) / (pi * pi * x * x);
}

static taps make_taps(uint32_t n_in, uint32_t n_out) {
  double scale = (double)n_out / n_in; /* <= 1 */
  double support = 3.0 / scale;
  taps t = {(int)ceil(support) * 2 + 1, NULL, NULL};
  t.first = hui_xcalloc(n_out, sizeof *t.first);
  t.w = hui_xcalloc((size_t)n_out * (size_t)t.ntaps, sizeof *t.w);
  for (uint32_t i = 0; i < n_out; i++) {
    double center = (i + 0.5) / scale - 0.5;
    int lo = (int)floor(center - support) + 1;
    double sum = 0;
    float *w = t.w + (size_t)i * (size_t)t.ntaps;
    for (int k = 0; k < t.ntaps; k++) {
      int j = lo + k;
      double v = (j < 0 || j >= (int)n_in) ? 0.0 : lanczos3((j - center) * scale);
      w[k] = (float)v;
      sum += v;
    }
    for (int k = 0; k < t.ntaps; k++) w[k] = (float)(w[k] / sum);
    t.first[i] = lo;
  }
  return t;
}

static unsigned char clamp8(float v) { return v <= 0.f ? 0 : v >= 255.f ? 255 : (unsigned char)lroundf(v); }

hui_image_rgb *hui_image_rgb_scale(const hui_image_rgb *src, uint32_t long_edge) {
  uint32_t big = src->w > src->h ? src->w : src->h;
  if (big <= long_edge) {
    hui_image_rgb *c = rgb_new(src->w, src->h);
    memcpy(c->px, src->px, (size_t)src->w * src->h * 3);
    return c;
  }
  uint32_t w = src->w >= src->h ? long_edge : (uint32_t)((uint64_t)src->w * long_edge * 2 / src->h + 1) / 2;
  uint32_t h = src->h > src->w ? long_edge : (uint32_t)((uint64_t)src->h * long_edge * 2 / src->w + 1) / 2;
  if (w < 1) w = 1;
  if (h < 1) h = 1;
  /* across the rows first, into floats, then down the columns */
  taps tx = make_taps(src->w, w), ty = make_taps(src->h, h);
  float *mid = hui_xmalloc((size_t)w * src->h * 3 * sizeof *mid);
  for (uint32_t y = 0; y < src->h; y++) {
    const unsigned char *row = src->px + (size_t)y * src->w * 3;
    for (uint32_t x = 0; x < w; x++) {
      const float *wt = tx.w + (size_t)x * (size_t)tx.ntaps;
      float acc[3] = {0, 0, 0};
      for (int k = 0; k < tx.ntaps; k++) {
        int j = tx.first[x] + k;
        if (j < 0 || j >= (int)src->w || wt[k] == 0.f) continue;
        for (int c = 0; c < 3; c++) acc[c] += wt[k] * row[(size_t)j * 3 + (size_t)c];
      }
      memcpy(mid + ((size_t)y * w + x) * 3, acc, sizeof acc);
    }
  }
  hui_image_rgb *out = rgb_new(w, h);
  for (uint32_t y = 0; y < h; y++) {
    const float *wt = ty.w + (size_t)y * (size_t)ty.ntaps;
    for (uint32_t x = 0; x < w; x++) {
      float acc[3] = {0, 0, 0};
      for (int k = 0; k < ty.ntaps; k++) {
        int j = ty.first[y] + k;
        if (j < 0 || j >= (int)src->h || wt[k] == 0.f) continue;
        const float *m = mid + ((size_t)j * w + x) * 3;
        for (int c = 0; c < 3; c++) acc[c] += wt[k] * m[c];
      }
      for (int c = 0; c < 3; c++) out->px[((size_t)y * w + x) * 3 + (size_t)c] = clamp8(acc[c]);
    }
  }
  free(mid);
  free(tx.first);
  free(tx.w);
  free(ty.first);
  free(ty.w);
  return out;
}

unsigned char *hui_image_rgb_jpeg(const hui_image_rgb *p, int quality, size_t *len) {
  jpeg_state *st = jpeg_state_new();
  if (setjmp(st->jump)) {
    /* encoding pixels in memory fails only for want of memory */
    fprintf(stderr, "huibian: JPEG encoder: %s\n", st->msg);
    abort();
  }
  struct jpeg_compress_struct *out = &st->out;
  rgb_compressor(st, p->w, p->h, quality);
  /* a JFIF header and the pixels: no EXIF, no comment, nothing of the source's */
  jpeg_start_compress(out, TRUE);
  while (out->next_scanline < out->image_height) {
    JSAMPROW row = p->px + (size_t)out->next_scanline * p->w * 3;
    jpeg_write_scanlines(out, &row, 1);
  }
  jpeg_finish_compress(out);
  *len = st->encoded.len;
  unsigned char *bytes = (unsigned char *)hui_buf_take(&st->encoded);
  jpeg_state_free(st);
  return bytes;
}
