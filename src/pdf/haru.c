/* pdf/haru: what the PDF backend does to libharu itself — its lists grown by
 * doubling (HPDF_List_Add replaced in the executable), its memory counted per
 * thread, its errors recorded instead of acted on and turned into messages,
 * and the streams of data huibian deflates itself. Everything here depends on
 * libharu's internals (pdf_internal.h says which version). */
#include "pdf/pdf_internal.h"

#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

/* libharu's lists grow by a fixed 20 items, copying the whole list each
 * time: quadratic in the length. A CID font's widths array (some 20,000
 * entries, made for every font of every document) and a long document's page
 * tree made this the largest cost after looking up glyphs. This definition
 * takes the place of libharu's (libharu calls it through the dynamic linker,
 * which finds the program's first) and doubles the list instead; everything
 * else about the list is as libharu leaves it. It is in the program because
 * this file is: doc.c calls hui_pdf_haru_new below. */
HPDF_STATUS HPDF_List_Add(HPDF_List list, void *item) {
  if (list->count >= list->block_siz) {
    HPDF_UINT size = list->block_siz + list->items_per_block;
    if (size < list->block_siz * 2) size = list->block_siz * 2;
    void **obj = HPDF_GetMem(list->mmgr, (HPDF_UINT)sizeof(void *) * size);
    if (!obj) return HPDF_Error_GetCode(list->error);
    if (list->obj) {
      memcpy(obj, list->obj, sizeof(void *) * list->count);
      HPDF_FreeMem(list->mmgr, list->obj);
    }
    list->obj = obj;
    list->block_siz = size;
  }
  list->obj[list->count++] = item;
  return HPDF_OK;
}

/* A list that will not grow for a while gives back the room it does not
 * use: a page's dictionary holds four entries and its contents' one, in
 * blocks of the 20 libharu makes room for, every page until saving. Should
 * the list grow after all, HPDF_List_Add above makes room again. */
void hui_pdf_list_trim(HPDF_List list) {
  if (!list || list->count >= list->block_siz) return;
  void **obj = NULL;
  if (list->count) {
    obj = HPDF_GetMem(list->mmgr, (HPDF_UINT)sizeof(void *) * list->count);
    if (!obj) return; /* out of memory: libharu has recorded it */
    memcpy(obj, list->obj, sizeof(void *) * list->count);
  }
  HPDF_FreeMem(list->mmgr, list->obj);
  list->obj = obj;
  list->block_siz = list->count;
}

/* libharu's memory, counted per thread (a document is built on one thread):
 * what it holds of a document before saving is the part of a build's memory
 * that grows with the pages (HUIBIAN_TIMES prints it per page). Each block
 * carries its size in front. */
static _Thread_local size_t haru_live;

static void *haru_alloc(HPDF_UINT size) {
  size_t *b = malloc(sizeof(max_align_t) + size);
  if (!b) return NULL;
  *b = size;
  haru_live += size;
  return (char *)b + sizeof(max_align_t);
}

static void haru_free(void *ptr) {
  if (!ptr) return;
  size_t *b = (size_t *)(void *)((char *)ptr - sizeof(max_align_t));
  haru_live -= *b;
  free(b);
}

size_t hui_pdf_thread_heap(void) { return haru_live; }

/* libharu calls this instead of failing hard; we only record the first error
 * and let the caller turn it into a message. Never longjmp, never exit. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user) {
  hui_pdf *p = user;
  if (!p->err) {
    p->err = error_no;
    p->detail = detail_no;
  }
}

HPDF_Doc hui_pdf_haru_new(hui_pdf *p) { return HPDF_NewEx(on_error, haru_alloc, haru_free, 0, p); }

static const char *explain(HPDF_STATUS e) {
  switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM:
      return "out of memory";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
      return "cannot read or write a file";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT:
      return "the font's licence does not allow embedding it";
    case HPDF_TTF_INVALID_CMAP:
      return "the font has no usable Unicode character map";
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE:
    case HPDF_INVALID_TTC_FILE:
    case HPDF_INVALID_TTC_INDEX:
      return "the font file is not a TrueType font libharu can read";
    case HPDF_INVALID_JPEG_DATA:
    case HPDF_UNSUPPORTED_JPEG_FORMAT:
      return "libharu cannot embed this JPEG";
    case HPDF_PAGE_INVALID_SIZE:
      return "the page size is out of range (3 to 14400 pt)";
    case HPDF_PAGE_OUT_OF_RANGE:
    case HPDF_PAGE_INVALID_PARAM_COUNT:
    case HPDF_INVALID_PARAMETER:
    case HPDF_PAGE_INVALID_FONT_SIZE:
      return "a value is out of the range libharu accepts";
    default:
      return "libharu reported an error";
  }
}

/* Turns the recorded libharu error (if any) into *why; the document is then
 * abandoned: libharu errors are sticky and its state may be half-updated. */
bool hui_pdf_failed(hui_pdf *p, char **why, const char *doing) {
  if (!p->err) return false;
  *why = hui_xasprintf("PDF: %s while %s (libharu error 0x%04X, detail %u)", explain(p->err),
                       doing, (unsigned)p->err, (unsigned)p->detail);
  HPDF_ResetError(p->doc);
  p->err = p->detail = 0;
  p->broken = true;
  return true;
}

/* Like hui_pdf_failed(), but always sets *why: for calls that can fail
 * without reporting through the handler (a NULL handle). */
bool hui_pdf_fail_lib(hui_pdf *p, char **why, const char *doing) {
  if (!hui_pdf_failed(p, why, doing)) *why = hui_xasprintf("PDF: libharu failed while %s", doing);
  p->broken = true;
  return false;
}

bool hui_pdf_fail_msg(hui_pdf *p, char **why, char *msg) {
  *why = msg;
  p->broken = true;
  return false;
}

/* libharu copies a stream whose filter is NONE as it is, and drops any
 * /Filter entry; this write_fn puts it back, for data we deflated. */
HPDF_STATUS hui_pdf_flate_filter(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* Deflates with libdeflate (zlib format). TrueType programs at level 4:
 * about the ratio of zlib's default level (6) in a fraction of its time
 * (0.1 % larger on the compendium of 500 generated submissions; libdeflate's
 * own level 6 would make them 0.4 % smaller in a third more time; at level
 * 1 they came out 7 % larger). CFF programs at level 1, libdeflate's
 * fastest: their charstrings are compact already and deflate takes off
 * only 10-15 % at any level; level 1 left them 1.2 % larger than 4 (the
 * compendium 0.4 % larger) in a fraction of its time, and made the build 2 %
 * faster. Page contents at level 1 too: on that compendium they
 * came out 1.2 % larger than at level 4 and 2.5 % larger than zlib's at 6
 * (the whole document 0.5 % larger) and the build took 3 % less time, which
 * the target of a build no slower than libharu alone (bench/README.md)
 * wanted more than the bytes. The other
 * streams (hui_pdf_flate_stream: the CMaps, CIDSets, the ICC profile, images
 * of raw pixels such as a seal with its mask) at level 6: at level 4 the
 * seal's image and mask came out 70 % larger than zlib's, at 6 the two
 * documents are as small as with zlib (0.1 % either way), at 9 it took
 * longer than zlib. One compressor a thread and a level, kept between calls
 * (making one clears its tables: a twelfth of compressing a page) and freed
 * by hui_pdf_release. */
enum { DEFLATE_LEVEL = 4, SMALL_LEVEL = 6, FAST_LEVEL = 1 };

static _Thread_local struct libdeflate_compressor *compressors[13]; /* by level */

void hui_pdf_release(void) {
  for (size_t i = 0; i < sizeof compressors / sizeof *compressors; i++) {
    if (compressors[i]) libdeflate_free_compressor(compressors[i]);
    compressors[i] = NULL;
  }
}

static unsigned char *deflate_at(const void *data, size_t len, int level, size_t *zlen) {
  if (!compressors[level]) compressors[level] = libdeflate_alloc_compressor(level);
  struct libdeflate_compressor *c = compressors[level];
  if (!c) return NULL;
  size_t cap = libdeflate_zlib_compress_bound(c, len);
  unsigned char *z = hui_xmalloc(cap ? cap : 1);
  *zlen = libdeflate_zlib_compress(c, data, len, z, cap);
  if (!*zlen) {
    free(z);
    return NULL;
  }
  return z;
}

unsigned char *hui_pdf_deflate(const void *data, size_t len, size_t *zlen) {
  return deflate_at(data, len, DEFLATE_LEVEL, zlen);
}

unsigned char *hui_pdf_deflate_fast(const void *data, size_t len, size_t *zlen) {
  return deflate_at(data, len, FAST_LEVEL, zlen);
}

/* A stream object holding len bytes of data, deflated at once (by libdeflate,
 * not by libharu's zlib when saving: several times faster, and the document
 * holds the smaller copy until then). */
HPDF_Dict hui_pdf_flate_stream(hui_pdf *p, const void *data, size_t len) {
  HPDF_Dict st = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
  if (!st) return NULL;
  size_t zlen = 0;
  unsigned char *z = deflate_at(data, len, SMALL_LEVEL, &zlen);
  if (z) {
    HPDF_Stream_Write(st->stream, z, (HPDF_UINT)zlen);
    st->filter = HPDF_STREAM_FILTER_NONE; /* copied as it is when saved */
    st->write_fn = hui_pdf_flate_filter;
    free(z);
  } else { /* libharu deflates it when saving */
    HPDF_Stream_Write(st->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
    st->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  }
  return st;
}
