/* pdf/image: the document's images — each embedded once however often it is
 * drawn (known by its SHA-256), JPEGs and PNGs' IDAT pieces as they are, their
 * bytes read back from their files only when saving, other images as pixels;
 * and the matrix that draws a photo upright by its EXIF orientation. */
#define _XOPEN_SOURCE 700 /* pread, O_CLOEXEC */
#include "pdf/pdf_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "base/sha256.h"

/* --- image data read back from its file when saving --------------------
 * A photo's bytes (a PNG's IDAT pieces, a JPEG file) are embedded as they
 * are; rather than keeping a copy of every photo until the document is
 * saved, the image's stream reads them from the file then (a libharu
 * callback stream), after checking it is the file that was measured. */
struct file_source {
  hui_file_span span; /* copied from the image */
  int fd;
  size_t piece;        /* the piece being read */
  uint64_t done_in_piece, done, total;
  char *fail;          /* why reading failed, for hui_pdf_save's message */
};

void hui_pdf_source_free(file_source *f) {
  if (!f) return;
  if (f->fd >= 0) close(f->fd);
  free(f->span.path);
  free(f->span.pieces);
  free(f->fail);
  free(f);
}

static HPDF_STATUS source_fail(HPDF_Stream stream, file_source *f, const char *what) {
  if (!f->fail) f->fail = hui_xasprintf("%s %s while huibian ran; run again", f->span.path, what);
  if (f->fd >= 0) close(f->fd);
  f->fd = -1;
  return HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, 0);
}

static HPDF_STATUS source_read(HPDF_Stream stream, HPDF_BYTE *ptr, HPDF_UINT *siz) {
  file_source *f = stream->attr;
  HPDF_UINT want = *siz, got = 0;
  *siz = 0;
  if (f->fd < 0 && f->done < f->total) {
    f->fd = open(f->span.path, O_RDONLY | O_CLOEXEC);
    hui_file_id now;
    if (f->fd < 0) return source_fail(stream, f, "was removed");
    if (!hui_file_id_fd(f->fd, &now) || !hui_file_id_same(&now, &f->span.id))
      return source_fail(stream, f, "was changed");
  }
  while (got < want && f->piece < f->span.npieces / 2) {
    uint64_t off = f->span.pieces[2 * f->piece], len = f->span.pieces[2 * f->piece + 1];
    if (f->done_in_piece == len) {
      f->piece++;
      f->done_in_piece = 0;
      continue;
    }
    uint64_t n = len - f->done_in_piece;
    if (n > want - got) n = want - got;
    ssize_t r = pread(f->fd, ptr + got, (size_t)n, (off_t)(off + f->done_in_piece));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return source_fail(stream, f, "could not be read");
    if (r == 0) return source_fail(stream, f, "was cut short");
    got += (HPDF_UINT)r;
    f->done_in_piece += (uint64_t)r;
    f->done += (uint64_t)r;
  }
  *siz = got;
  if (f->done < f->total) return HPDF_OK;
  if (f->fd >= 0) close(f->fd); /* all read: one open file at a time */
  f->fd = -1;
  return HPDF_STREAM_EOF;
}

static HPDF_STATUS source_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  file_source *f = stream->attr;
  if (pos != 0 || mode != HPDF_SEEK_SET) return HPDF_SetError(stream->error, HPDF_INVALID_PARAMETER, 0);
  f->piece = 0;
  f->done_in_piece = f->done = 0;
  return HPDF_OK;
}

static HPDF_INT32 source_tell(HPDF_Stream stream) {
  return (HPDF_INT32)((file_source *)stream->attr)->done;
}

static HPDF_UINT32 source_size(HPDF_Stream stream) {
  return (HPDF_UINT32)((file_source *)stream->attr)->total;
}

/* Gives an image dictionary a stream that reads img's bytes from its file
 * when saved, in place of the copy in memory. False (the copy stays) when
 * the image has no such file. */
static bool stream_from_file(hui_pdf *p, HPDF_Dict im, const hui_image *img) {
  const hui_file_span *span = &img->source;
  if (!span->path || !span->npieces) return false;
  file_source *f = hui_xcalloc(1, sizeof *f);
  f->fd = -1;
  f->span = *span;
  f->span.path = hui_xstrdup(span->path);
  f->span.pieces = hui_xmalloc(span->npieces * sizeof *f->span.pieces);
  memcpy(f->span.pieces, span->pieces, span->npieces * sizeof *f->span.pieces);
  for (size_t i = 1; i < span->npieces; i += 2) f->total += span->pieces[i];
  HPDF_Stream st = HPDF_CallbackReader_New(p->doc->mmgr, source_read, source_seek, source_tell,
                                           source_size, f);
  if (!st || f->total > UINT32_MAX) {
    if (st) HPDF_Stream_Free(st);
    hui_pdf_source_free(f);
    return false;
  }
  HPDF_Stream_Free(im->stream);
  im->stream = st;
  *HUI_PUSH(p->sources, p->nsources, p->capsources) = f;
  return true;
}

/* An image XObject holding a PNG's IDAT stream as it is: FlateDecode with the
 * PNG predictors. libharu would store the decoded pixels and deflate them
 * again at the end — for photos most of a build's time and memory. Built the
 * way HPDF_LoadRawImageFromMem builds its dictionary, with libharu's own
 * compression switched off for this stream. */
/* Makes stream im an image XObject of img's size, with components 8-bit
 * channels (1: gray, else RGB). */
static HPDF_STATUS image_entries(HPDF_Dict im, const hui_image *img, int components) {
  im->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
  HPDF_STATUS st = HPDF_Dict_AddName(im, "Type", "XObject");
  st += HPDF_Dict_AddName(im, "Subtype", "Image");
  st += HPDF_Dict_AddNumber(im, "Width", (HPDF_INT32)img->width);
  st += HPDF_Dict_AddNumber(im, "Height", (HPDF_INT32)img->height);
  st += HPDF_Dict_AddName(im, "ColorSpace", components == 1 ? "DeviceGray" : "DeviceRGB");
  st += HPDF_Dict_AddNumber(im, "BitsPerComponent", 8);
  return st;
}

static HPDF_Image flate_image(hui_pdf *p, const hui_image *img) {
  HPDF_MMgr mmgr = p->doc->mmgr;
  HPDF_Dict im = HPDF_DictStream_New(mmgr, p->doc->xref);
  if (!im) return NULL;
  HPDF_Dict parms = HPDF_Dict_New(mmgr);
  if (!parms) return NULL;
  HPDF_STATUS st = image_entries(im, img, img->components);
  st += HPDF_Dict_AddNumber(parms, "Predictor", 15);
  st += HPDF_Dict_AddNumber(parms, "Colors", img->components);
  st += HPDF_Dict_AddNumber(parms, "BitsPerComponent", 8);
  st += HPDF_Dict_AddNumber(parms, "Columns", (HPDF_INT32)img->width);
  st += HPDF_Dict_Add(im, "DecodeParms", parms);
  if (!stream_from_file(p, im, img))
    st += HPDF_Stream_Write(im->stream, img->flate, (HPDF_UINT)img->flate_len);
  /* libharu copies a stream whose filter is NONE as it is, but then also
   * drops any /Filter entry; write_fn adds it back inside the dictionary. */
  im->filter = HPDF_STREAM_FILTER_NONE;
  im->write_fn = hui_pdf_flate_filter;
  return st == HPDF_OK ? (HPDF_Image)im : NULL;
}

/* An image XObject of 8-bit pixels (a PNG whose data cannot be kept as it
 * is: transparency, a palette, 16 bits, interlacing; or an alpha channel as
 * its soft mask), deflated at once by hui_pdf_flate_stream instead of by
 * libharu's zlib when saving. */
static HPDF_Image raw_image(hui_pdf *p, const uint8_t *px, const hui_image *img, int components) {
  size_t len = (size_t)img->width * img->height * (size_t)components;
  HPDF_Dict im = hui_pdf_flate_stream(p, px, len);
  if (!im) return NULL;
  return image_entries(im, img, components) == HPDF_OK ? (HPDF_Image)im : NULL;
}

/* What identifies an image's embedding: its kind, size and the data that
 * would be written. */
static void image_digest(const hui_image *img, uint8_t out[32]) {
  hui_sha256 h;
  hui_sha256_init(&h);
  uint32_t head[4] = {(uint32_t)img->kind, img->width, img->height, (uint32_t)img->components};
  hui_sha256_update(&h, head, sizeof head);
  size_t px = (size_t)img->width * img->height;
  if (img->kind == HUI_IMAGE_JPEG) {
    hui_sha256_update(&h, "J", 1);
    hui_sha256_update(&h, img->jpeg, img->jpeg_len);
  } else if (img->flate) {
    hui_sha256_update(&h, "F", 1);
    hui_sha256_update(&h, img->flate, img->flate_len);
  } else {
    hui_sha256_update(&h, "P", 1);
    if (img->pixels) hui_sha256_update(&h, img->pixels, px * (size_t)img->components);
    hui_sha256_update(&h, img->alpha ? "A" : "-", 1);
    if (img->alpha) hui_sha256_update(&h, img->alpha, px);
  }
  hui_sha256_final(&h, out);
}

/* Draws an embedded image into its box: q a b c d e f cm /ImN Do Q, the
 * matrix mapping the image's unit square (its first stored row at the top)
 * onto the box turned by the EXIF orientation, so the photo stands upright:
 * for 1, w 0 0 h x y; for 6 (stored a quarter turn anticlockwise),
 * 0 -h w 0 x y+h. The box (di->w x di->h) is the upright photo's. */
static bool place_image(hui_pdf *p, hui_buf *out, double page_h, const hui_dimage *di,
                        HPDF_Image im, char **why) {
  const char *name = NULL;
  for (size_t i = 0; i < p->nimgs && !name; i++)
    if (p->imgs[i].im == im) name = p->imgs[i].name;
  if (!name) return hui_pdf_fail_msg(p, why, hui_xstrdup("PDF: an image without a name"));
  double x = di->x, y = page_h - di->y - di->h, w = di->w, h = di->h; /* lower left, size */
  double m[6];
  /* clang-format off: one orientation a line */
  switch (di->orientation) {
    case 2: m[0] = -w, m[1] = 0, m[2] = 0, m[3] = h, m[4] = x + w, m[5] = y; break;  /* mirrored */
    case 3: m[0] = -w, m[1] = 0, m[2] = 0, m[3] = -h, m[4] = x + w, m[5] = y + h; break;
    case 4: m[0] = w, m[1] = 0, m[2] = 0, m[3] = -h, m[4] = x, m[5] = y + h; break;  /* flipped */
    case 5: m[0] = 0, m[1] = -h, m[2] = -w, m[3] = 0, m[4] = x + w, m[5] = y + h; break;
    case 6: m[0] = 0, m[1] = -h, m[2] = w, m[3] = 0, m[4] = x, m[5] = y + h; break;
    case 7: m[0] = 0, m[1] = h, m[2] = w, m[3] = 0, m[4] = x, m[5] = y; break;
    case 8: m[0] = 0, m[1] = h, m[2] = -w, m[3] = 0, m[4] = x + w, m[5] = y; break;
    default: m[0] = w, m[1] = 0, m[2] = 0, m[3] = h, m[4] = x, m[5] = y; break;
  }
  /* clang-format on */
  if (di->clip) { /* cropped to its frame: a clipping path round the image */
    double c[4] = {di->cx, page_h - di->cy - di->ch, di->cw, di->ch};
    hui_buf_puts(out, "q\n");
    hui_pdf_put_op(out, c, 4, "re W n");
  }
  hui_buf_puts(out, "q\n");
  hui_pdf_put_op(out, m, 6, "cm");
  hui_buf_printf(out, "/%s Do\nQ\n%s", name, di->clip ? "Q\n" : "");
  return true;
}

bool hui_pdf_image_draw(hui_pdf *p, hui_buf *out, double page_h, const hui_dimage *di, char **why) {
  const hui_image *img = di->image;
  HPDF_Image im = NULL;
  for (size_t i = 0; i < p->nimgs && !im; i++)
    if (p->imgs[i].serial == img->serial) im = p->imgs[i].im;
  uint8_t digest[32];
  if (!im) {
    image_digest(img, digest);
    for (size_t i = 0; i < p->nimgs && !im; i++)
      if (memcmp(p->imgs[i].digest, digest, 32) == 0) im = p->imgs[i].im;
  }
  if (im) return place_image(p, out, page_h, di, im, why);
  if (img->kind == HUI_IMAGE_JPEG) {
    im = HPDF_LoadJpegImageFromMem(p->doc, img->jpeg, (HPDF_UINT)img->jpeg_len);
    if (im) stream_from_file(p, im, img); /* the copy libharu made goes */
  } else if (img->flate) {
    im = flate_image(p, img);
  } else {
    if (img->components != 1 && img->components != 3)
      return hui_pdf_fail_msg(p, why, hui_xasprintf("PDF: a PNG image with %d colour components",
                                                    img->components));
    /* PDF/A-1 allows no transparency: the image flattened against white instead of a mask. */
    const uint8_t *pixels = p->pdfa && img->alpha ? hui_pdfa_flatten(p, img) : img->pixels;
    im = raw_image(p, pixels, img, img->components);
    if (im && img->alpha && !p->pdfa) {
      HPDF_Image mask = raw_image(p, img->alpha, img, 1);
      if (!mask || HPDF_Image_AddSMask(im, mask) != HPDF_OK) im = NULL;
    }
  }
  if (!im || p->err) return hui_pdf_fail_lib(p, why, "embedding an image");
  img_entry *en = HUI_PUSH(p->imgs, p->nimgs, p->capimgs);
  en->serial = img->serial;
  memcpy(en->digest, digest, 32);
  en->im = im;
  snprintf(en->name, sizeof en->name, "Im%zu", p->nimgs);
  if (HPDF_Dict_Add(p->res_images, en->name, im) != HPDF_OK)
    return hui_pdf_fail_lib(p, why, "adding an image to the resources");
  return place_image(p, out, page_h, di, im, why);
}

const char *hui_pdf_image_failure(const hui_pdf *p) {
  for (size_t i = 0; i < p->nsources; i++)
    if (p->sources[i]->fail) return p->sources[i]->fail;
  return NULL;
}
