/* pdf: the libharu backend — display-list pages, fonts, images, outlines, page
 * labels and document info written into a PDF file, atomically. libharu keeps
 * the document's structure; the text, the fonts (subset.c's programs, our
 * own Type0/CIDFontType2 objects) and the page contents are written here. */
#define _XOPEN_SOURCE 700 /* mkstemp, fsync, fchmod */
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <math.h>
#include <stddef.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/base.h"
#include "base/sha256.h"
#include "subset.h"

/* Gaps that differ by less than this (pt) share one character spacing. */
#define GAP_EPS 0.001
#define MAX_LEVELS 8

/* A face used in the document: its subset, and the Type0 font dictionary
 * pages name in their resources (filled in when the document is saved, when
 * the subset is complete) with its descendant CIDFontType2. */
typedef struct font_slot {
  hui_face *face; /* borrowed: the hui_fonts outlives the document */
  hui_subset *sub;
  HPDF_Dict font, cid;
  char name[16]; /* its name in the resources: F1, F2, ... */
  /* The font program, deflated (pack_fonts), with its length before and
   * its SHA-256; or why it could not be made. */
  unsigned char *z;
  size_t zlen, len;
  uint8_t digest[32];
  char *err;
} font_slot;

typedef struct img_entry {
  uint64_t serial;   /* the hui_image it was made from (a fast first test) */
  uint8_t digest[32]; /* SHA-256 of its kind, size and data */
  HPDF_Image im;
  char name[16];     /* its name in the resources: Im1, Im2, ... */
} img_entry;

typedef struct outline_req {
  int level, page;
  double y;
  char *title;
} outline_req;

typedef struct label_req {
  int from, first;
  hui_label_style style;
} label_req;

typedef struct file_source file_source; /* image bytes read back from a file */

struct hui_pdf {
  HPDF_Doc doc;
  /* One resource dictionary that every page shares (fonts and images by the
   * names above), and the page size the page tree gives every page that has
   * no size of its own: per page, libharu would repeat both. */
  HPDF_Dict resources, res_fonts, res_images;
  bool has_size;
  double width, height;
  /* Filled by the error handler (the user data of HPDF_NewEx). */
  HPDF_STATUS err, detail;
  bool broken, finished;
  HPDF_Page *pages;   /* in document order */
  double *heights;
  size_t nfront;      /* front-matter pages inserted before the first page added */
  size_t npages, cappages, capheights;
  font_slot *fonts;
  size_t nfonts, capfonts;
  outline_req *outlines;
  size_t noutlines, capoutlines;
  label_req *labels;
  size_t nlabels, caplabels;
  /* Images already embedded, by content: a seal on every certificate, or the
   * same photo file given by two submissions, is embedded once. */
  img_entry *imgs;
  size_t nimgs, capimgs;
  /* PDF/A-1b (see the section at the end): the info strings again, for the XMP. */
  bool pdfa;
  char *pdfa_info[6]; /* title, author, subject, keywords, creator, date */
  uint8_t **flat;     /* images flattened against white, freed with the document */
  size_t nflat, capflat;
  file_source **sources; /* images read from their files when saving */
  size_t nsources, capsources;
};

static bool pdfa_finish(hui_pdf *p, char **why);
static void source_free(file_source *f);
static const uint8_t *pdfa_flatten(hui_pdf *p, const hui_image *img);

/* libharu's lists grow by a fixed 20 items, copying the whole list each
 * time: quadratic in the length. A CID font's widths array (some 20,000
 * entries, made for every font of every document) and a long document's page
 * tree made this the largest cost after the glyph look-up above. This
 * definition takes the place of libharu's in the same way and doubles the
 * list instead; everything else about the list is as libharu leaves it. */
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

size_t hui_pdf_pages(const hui_pdf *p) { return p->npages; }

/* libharu calls this instead of failing hard; we only record the first error
 * and let the caller turn it into a message. Never longjmp, never exit. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user) {
  hui_pdf *p = user;
  if (!p->err) {
    p->err = error_no;
    p->detail = detail_no;
  }
}

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
static bool failed(hui_pdf *p, char **why, const char *doing) {
  if (!p->err) return false;
  *why = hui_xasprintf("PDF: %s while %s (libharu error 0x%04X, detail %u)", explain(p->err),
                       doing, (unsigned)p->err, (unsigned)p->detail);
  HPDF_ResetError(p->doc);
  p->err = p->detail = 0;
  p->broken = true;
  return true;
}

/* Like failed(), but always sets *why: for calls that can fail without
 * reporting through the handler (a NULL handle). */
static bool fail_lib(hui_pdf *p, char **why, const char *doing) {
  if (!failed(p, why, doing)) *why = hui_xasprintf("PDF: libharu failed while %s", doing);
  p->broken = true;
  return false;
}

static bool fail_msg(hui_pdf *p, char **why, char *msg) {
  *why = msg;
  p->broken = true;
  return false;
}

static bool parse_date(const char *s, HPDF_Date *d) {
  int y, mo, da, h, mi, se;
  char tail;
  if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &da, &h, &mi, &se, &tail) != 6) return false;
  if (y < 1 || mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59 || se > 59) return false;
  *d = (HPDF_Date){y, mo, da, h, mi, se, 'Z', 0, 0};
  return true;
}

hui_pdf *hui_pdf_new(const hui_doc_info *info, char **why) {
  hui_pdf *p = hui_xcalloc(1, sizeof *p);
  p->doc = HPDF_NewEx(on_error, haru_alloc, haru_free, 0, p);
  if (!p->doc) {
    *why = hui_xstrdup("PDF: cannot create a libharu document (out of memory?)");
    free(p);
    return NULL;
  }
  HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(p->doc);
  /* Info strings are then written as UTF-16BE with a byte-order mark. */
  HPDF_SetCurrentEncoder(p->doc, "UTF-8");
  /* Soft masks (image transparency) are PDF 1.4; libharu would say 1.3. */
  p->doc->pdf_version = HPDF_VER_14;
  p->resources = HPDF_Dict_New(p->doc->mmgr);
  if (p->resources && HPDF_Xref_Add(p->doc->xref, p->resources) != HPDF_OK) p->resources = NULL;
  p->res_fonts = p->resources ? HPDF_Dict_New(p->doc->mmgr) : NULL;
  p->res_images = p->res_fonts ? HPDF_Dict_New(p->doc->mmgr) : NULL;
  if (p->res_images) {
    HPDF_Dict_Add(p->resources, "Font", p->res_fonts);
    HPDF_Dict_Add(p->resources, "XObject", p->res_images);
  }
  if (failed(p, why, "setting up the document")) goto fail;
  if (!p->res_images) {
    *why = hui_xstrdup("PDF: cannot create a libharu document (out of memory?)");
    goto fail;
  }
  if (info) {
    const struct {
      HPDF_InfoType type;
      const char *value;
    } attrs[] = {{HPDF_INFO_TITLE, info->title},       {HPDF_INFO_AUTHOR, info->author},
                 {HPDF_INFO_SUBJECT, info->subject},   {HPDF_INFO_KEYWORDS, info->keywords},
                 {HPDF_INFO_CREATOR, info->creator}};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
      if (!attrs[i].value || !*attrs[i].value) continue;
      if (!hui_utf8_valid(attrs[i].value, strlen(attrs[i].value), NULL)) {
        *why = hui_xasprintf("PDF: document information is not valid UTF-8: %s", attrs[i].value);
        goto fail;
      }
      HPDF_SetInfoAttr(p->doc, attrs[i].type, attrs[i].value);
    }
    if (info->date) {
      HPDF_Date d;
      if (!parse_date(info->date, &d)) {
        *why = hui_xasprintf("PDF: the date \"%s\" is not YYYY-MM-DDTHH:MM:SS", info->date);
        goto fail;
      }
      /* PDF/A: "+00'00'" rather than libharu's "Z00'00'", which validators
       * read as a zone that does not match the XMP's +00:00 */
      if (info->pdfa) d.ind = '+';
      HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
      HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, d);
    }
    if (failed(p, why, "writing the document information")) goto fail;
    if (info->pdfa) {
      p->pdfa = true;
      const char *v[6] = {info->title, info->author, info->subject, info->keywords, info->creator,
                          info->date};
      for (int i = 0; i < 6; i++) p->pdfa_info[i] = hui_xstrdup(v[i]);
    }
  }
  return p;
fail:
  hui_pdf_free(p);
  return NULL;
}

void hui_pdf_free(hui_pdf *p) {
  if (!p) return;
  if (p->doc) HPDF_Free(p->doc);
  for (size_t i = 0; i < p->nfonts; i++) {
    hui_subset_free(p->fonts[i].sub);
    free(p->fonts[i].z);
    free(p->fonts[i].err);
  }
  for (int i = 0; i < 6; i++) free(p->pdfa_info[i]);
  for (size_t i = 0; i < p->nflat; i++) free(p->flat[i]);
  for (size_t i = 0; i < p->nsources; i++) source_free(p->sources[i]);
  free(p->sources);
  free(p->flat);
  free(p->fonts);
  for (size_t i = 0; i < p->noutlines; i++) free(p->outlines[i].title);
  free(p->outlines);
  free(p->labels);
  free(p->imgs);
  free(p->pages);
  free(p->heights);
  free(p);
}

/* libharu copies a stream whose filter is NONE as it is, and drops any
 * /Filter entry; this write_fn puts it back, for data we deflated. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream) {
  (void)dict;
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

/* A stream object holding len bytes of data, deflated when saved. */
static HPDF_Dict flate_stream(hui_pdf *p, const void *data, size_t len) {
  HPDF_Dict st = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);
  if (!st) return NULL;
  HPDF_Stream_Write(st->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
  st->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  return st;
}

/* << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>: the character
 * collection of the fonts' CIDs. */
static HPDF_Dict identity_system_info(HPDF_MMgr mm) {
  HPDF_Dict info = HPDF_Dict_New(mm);
  if (info) {
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
    HPDF_Dict_AddNumber(info, "Supplement", 0);
  }
  return info;
}

/* The document's font for a face: its subset and dictionaries, made on first
 * use; the dictionaries are filled by write_font when the document is saved. */
static font_slot *get_font(hui_pdf *p, hui_face *face, char **why) {
  for (size_t i = 0; i < p->nfonts; i++)
    if (p->fonts[i].face == face) return &p->fonts[i];
  char *err = NULL;
  hui_subset *sub = hui_subset_new(face, &err);
  if (!sub) {
    fail_msg(p, why, hui_xasprintf("PDF: %s", err));
    free(err);
    return NULL;
  }
  HPDF_Dict font = HPDF_Dict_New(p->doc->mmgr);
  if (font && HPDF_Xref_Add(p->doc->xref, font) != HPDF_OK) font = NULL; /* freed by libharu */
  HPDF_Dict cid = font ? HPDF_Dict_New(p->doc->mmgr) : NULL;
  if (cid && HPDF_Xref_Add(p->doc->xref, cid) != HPDF_OK) cid = NULL;
  if (!cid) {
    hui_subset_free(sub);
    fail_lib(p, why, "making a font");
    return NULL;
  }
  font_slot *s = HUI_PUSH(p->fonts, p->nfonts, p->capfonts);
  s->face = face;
  s->sub = sub;
  s->font = font;
  s->cid = cid;
  snprintf(s->name, sizeof s->name, "F%zu", p->nfonts);
  if (HPDF_Dict_Add(p->res_fonts, s->name, font) != HPDF_OK) {
    fail_lib(p, why, "adding a font to the resources");
    return NULL;
  }
  return s;
}

/* A PDF name from a PostScript name: printable ASCII without delimiters. */
static void put_psname(hui_buf *b, const char *ps) {
  size_t start = b->len;
  for (; *ps && b->len - start < 100; ps++)
    if (*ps > ' ' && *ps < 0x7F && !strchr("()<>[]{}/%#", *ps)) hui_buf_putc(b, *ps);
  if (b->len == start) hui_buf_puts(b, "Font");
}

/* The ToUnicode CMap of a subset: each CID (its Identity-H code, two bytes)
 * to the character it was drawn for (UTF-16BE, so characters past the BMP
 * too), in blocks of at most 100. */
static void to_unicode_cmap(const hui_subset *sub, hui_buf *b) {
  hui_buf_puts(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                  "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                  "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                  "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
  size_t n = hui_subset_count(sub), cid = 1;
  while (cid < n) {
    size_t block = 0, from = cid;
    for (size_t c = cid; c < n && block < 100; c++) block += hui_subset_unicode(sub, (unsigned)c) != 0;
    if (block == 0) break;
    hui_buf_printf(b, "%zu beginbfchar\n", block);
    for (size_t k = 0; k < block; from++) {
      uint32_t u = hui_subset_unicode(sub, (unsigned)from);
      if (!u) continue;
      if (u < 0x10000) {
        hui_buf_printf(b, "<%04zX> <%04X>\n", from, (unsigned)u);
      } else {
        u -= 0x10000;
        hui_buf_printf(b, "<%04zX> <%04X%04X>\n", from, 0xD800u + (unsigned)(u >> 10),
                       0xDC00u + (unsigned)(u & 0x3FF));
      }
      k++;
    }
    hui_buf_puts(b, "endbfchar\n");
    cid = from;
  }
  hui_buf_puts(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* DW, the commonest width of the subset's glyphs, and W, every other width:
 * [c [w ...] ...] for runs of consecutive CIDs. */
static HPDF_Array widths(hui_pdf *p, const hui_subset *sub, int *dw) {
  size_t n = hui_subset_count(sub);
  int best = 1000;
  size_t best_count = 0;
  int *w = hui_xmalloc((n ? n : 1) * sizeof *w);
  for (size_t i = 0; i < n; i++) w[i] = hui_subset_width(sub, (unsigned)i);
  /* the commonest value: few distinct widths, so a short table suffices */
  int vals[64];
  size_t counts[64], nv = 0;
  for (size_t i = 1; i < n; i++) {
    size_t k = 0;
    while (k < nv && vals[k] != w[i]) k++;
    if (k == nv) {
      if (nv == 64) continue;
      vals[nv] = w[i];
      counts[nv++] = 0;
    }
    if (++counts[k] > best_count) best_count = counts[k], best = vals[k];
  }
  *dw = best;
  HPDF_Array arr = HPDF_Array_New(p->doc->mmgr);
  for (size_t i = 0; arr && i < n;) {
    if (w[i] == best) {
      i++;
      continue;
    }
    HPDF_Array run = HPDF_Array_New(p->doc->mmgr);
    if (!run) break;
    HPDF_Array_AddNumber(arr, (HPDF_INT32)i);
    HPDF_Array_Add(arr, run);
    for (size_t k = 0; i < n && w[i] != best && k < 1000; i++, k++)
      HPDF_Array_AddNumber(run, w[i]);
  }
  free(w);
  return arr;
}

/* Makes a font's program, its digest and its deflated bytes: no libharu
 * here, so the fonts of a document are packed on two threads (pack_fonts). */
static void pack_program(font_slot *s) {
  hui_buf prog = {0};
  if (!hui_subset_program(s->sub, &prog, &s->err)) {
    hui_buf_free(&prog);
    return;
  }
  hui_sha256 h;
  hui_sha256_init(&h);
  hui_sha256_update(&h, prog.data, prog.len);
  hui_sha256_final(&h, s->digest);
  uLongf zlen = compressBound((uLong)prog.len);
  s->z = hui_xmalloc(zlen);
  if (compress2(s->z, &zlen, (const Bytef *)prog.data, (uLong)prog.len, Z_DEFAULT_COMPRESSION) != Z_OK) {
    free(s->z);
    s->z = NULL;
    s->err = hui_xstrdup("cannot compress a font program");
  }
  s->zlen = zlen;
  s->len = prog.len;
  hui_buf_free(&prog);
}

typedef struct pack_queue {
  font_slot *slots;
  size_t n;
  _Atomic size_t next;
} pack_queue;

static void *pack_worker(void *arg) {
  pack_queue *q = arg;
  for (size_t i; (i = q->next++) < q->n;) pack_program(&q->slots[i]);
  return NULL;
}

/* Packs every font's program, this thread and one more taking the next
 * font in turn (reading the glyphs and deflating them is most of saving). */
static void pack_fonts(hui_pdf *p) {
  pack_queue q = {p->fonts, p->nfonts, 0};
  pthread_t th;
  bool two = p->nfonts > 1 && pthread_create(&th, NULL, pack_worker, &q) == 0;
  pack_worker(&q);
  if (two) pthread_join(th, NULL);
}

/* Fills a font's dictionaries and writes its program (packed by
 * pack_fonts), now that the subset is complete: Type0 (Identity-H) over a
 * CIDFontType2 whose CIDs are the subset's glyph numbers; the
 * descriptor, ToUnicode CMap and, for PDF/A, the CIDSet. The subset's name
 * prefix is made from its program, so the same glyphs give the same name. */
static bool write_font(hui_pdf *p, font_slot *s, char **why) {
  HPDF_MMgr mm = p->doc->mmgr;
  if (!s->z) {
    fail_msg(p, why, hui_xasprintf("PDF: %s", s->err ? s->err : "cannot make a font program"));
    return false;
  }
  hui_buf name = {0};
  for (int i = 0; i < 6; i++) hui_buf_putc(&name, (char)('A' + s->digest[i] % 26));
  hui_buf_putc(&name, '+');
  put_psname(&name, hui_face_psname(s->face));

  HPDF_Dict file = HPDF_DictStream_New(mm, p->doc->xref);
  HPDF_Dict desc = HPDF_Dict_New(mm);
  if (desc && HPDF_Xref_Add(p->doc->xref, desc) != HPDF_OK) desc = NULL;
  if (!file || !desc) {
    hui_buf_free(&name);
    return fail_lib(p, why, "embedding a font");
  }
  /* deflated already (libharu would keep the program whole until saving) */
  HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)s->len);
  HPDF_Stream_Write(file->stream, s->z, (HPDF_UINT)s->zlen);
  free(s->z);
  s->z = NULL;
  file->filter = HPDF_STREAM_FILTER_NONE;
  file->write_fn = write_flate_filter;

  hui_subset_metrics m;
  hui_subset_get_metrics(s->sub, &m);
  HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
  HPDF_Dict_AddName(desc, "FontName", name.data);
  /* symbolic (4): the glyphs are reached by CID, not a standard encoding */
  HPDF_Dict_AddNumber(desc, "Flags", 4 | (m.fixed_pitch ? 1 : 0) | (m.serif ? 2 : 0));
  HPDF_Array bbox = HPDF_Array_New(mm);
  for (int i = 0; bbox && i < 4; i++) HPDF_Array_AddNumber(bbox, m.bbox[i]);
  HPDF_Dict_Add(desc, "FontBBox", bbox);
  HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)m.italic_angle);
  HPDF_Dict_AddNumber(desc, "Ascent", m.ascent);
  HPDF_Dict_AddNumber(desc, "Descent", m.descent);
  HPDF_Dict_AddNumber(desc, "CapHeight", m.cap_height);
  HPDF_Dict_AddNumber(desc, "StemV", 80);
  HPDF_Dict_Add(desc, "FontFile2", file);
  if (p->pdfa) {
    /* every CID of the subset is in its program */
    size_t n = hui_subset_count(s->sub), nbytes = (n + 7) / 8;
    uint8_t *bits = hui_xmalloc(nbytes);
    memset(bits, 0xFF, nbytes);
    if (n % 8) bits[nbytes - 1] = (uint8_t)(0xFF << (8 - n % 8));
    HPDF_Dict cidset = flate_stream(p, bits, nbytes);
    if (cidset) HPDF_Dict_Add(desc, "CIDSet", cidset);
    free(bits);
  }

  HPDF_Dict info = identity_system_info(mm);
  int dw;
  HPDF_Array w = widths(p, s->sub, &dw);
  HPDF_Dict_AddName(s->cid, "Type", "Font");
  HPDF_Dict_AddName(s->cid, "Subtype", "CIDFontType2");
  HPDF_Dict_AddName(s->cid, "BaseFont", name.data);
  HPDF_Dict_Add(s->cid, "CIDSystemInfo", info);
  HPDF_Dict_Add(s->cid, "FontDescriptor", desc);
  HPDF_Dict_AddNumber(s->cid, "DW", dw);
  HPDF_Dict_Add(s->cid, "W", w);
  HPDF_Dict_AddName(s->cid, "CIDToGIDMap", "Identity");

  hui_buf tu = {0};
  to_unicode_cmap(s->sub, &tu);
  HPDF_Dict cmap = flate_stream(p, tu.data, tu.len);
  hui_buf_free(&tu);
  HPDF_Array desc_fonts = HPDF_Array_New(mm);
  if (desc_fonts) HPDF_Array_Add(desc_fonts, s->cid);
  HPDF_Dict_AddName(s->font, "Type", "Font");
  HPDF_Dict_AddName(s->font, "Subtype", "Type0");
  HPDF_Dict_AddName(s->font, "BaseFont", name.data);
  HPDF_Dict_AddName(s->font, "Encoding", "Identity-H");
  HPDF_Dict_Add(s->font, "DescendantFonts", desc_fonts);
  HPDF_Dict_Add(s->font, "ToUnicode", cmap);
  hui_buf_free(&name);
  if (!info || !w || !cmap || !desc_fonts) return fail_lib(p, why, "embedding a font");
  return !failed(p, why, "embedding a font");
}

static bool check_cp(hui_pdf *p, const hui_drun *run, uint32_t cp, char **why) {
  if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
    return fail_msg(p, why, hui_xasprintf("PDF: U+%04X cannot be drawn as text", (unsigned)cp));
  if (!hui_face_has(run->face, cp))
    return fail_msg(p, why, hui_xasprintf("PDF: the font %s has no glyph for U+%04X",
                                          hui_face_family(run->face), (unsigned)cp));
  return true;
}

/* A number in a content stream: at most 4 decimals, no trailing zeros, no
 * exponent (PDF has none), no "-0". */
static void put_num(hui_buf *b, double v) {
  long long x = llround(v * 10000.0);
  char tmp[32];
  size_t n = sizeof tmp;
  bool neg = x < 0;
  unsigned long long a = neg ? (unsigned long long)-x : (unsigned long long)x;
  unsigned frac = (unsigned)(a % 10000);
  a /= 10000;
  if (frac) {
    int digits = 4;
    while (frac % 10 == 0) frac /= 10, digits--;
    for (int i = 0; i < digits; i++) tmp[--n] = (char)('0' + frac % 10), frac /= 10;
    tmp[--n] = '.';
  }
  do tmp[--n] = (char)('0' + a % 10), a /= 10;
  while (a);
  if (neg) tmp[--n] = '-';
  hui_buf_add(b, tmp + n, sizeof tmp - n);
}

/* --- colour ---------------------------------------------------------------
 * A display-list colour (dlist.h) is written in its own space: gray as g/G
 * (so pages without colour have the bytes they always had), RGB as rg/RG,
 * CMYK as k/K. PDF/A-1 allows a device colour space only when the output
 * intent has it (ISO 19005-1, 6.2.3.3): the archive's intent is sRGB, so
 * DeviceGray and DeviceRGB may be used there but DeviceCMYK may not, and a
 * PDF/A gets every CMYK colour as RGB, converted the naive way, without a
 * profile, as image.c converts CMYK photos:
 *   R = (1 - C)(1 - K),  G = (1 - M)(1 - K),  B = (1 - Y)(1 - K).
 * It prints lighter and less saturated than a press's CMYK would; a colour
 * that matters should be given in RGB to begin with. */

/* The colour as this document writes it. */
static hui_color device_color(const hui_pdf *p, hui_color c) {
  if (c.space != HUI_COLOR_CMYK || !p->pdfa) return c;
  double k = 1.0 - c.c[3];
  return hui_rgb((1.0 - c.c[0]) * k, (1.0 - c.c[1]) * k, (1.0 - c.c[2]) * k);
}

/* The operator that sets c (a device colour) for filling (g, rg, k) or, with
 * stroke, for stroking (G, RG, K), as content-stream text. */
static void put_color(hui_buf *out, hui_color c, bool stroke) {
  static const char *const OPS[3][2] = {{"g", "G"}, {"rg", "RG"}, {"k", "K"}};
  int n = c.space == HUI_COLOR_GRAY ? 1 : c.space == HUI_COLOR_RGB ? 3 : 4;
  for (int i = 0; i < n; i++) {
    put_num(out, c.c[i]);
    hui_buf_putc(out, ' ');
  }
  hui_buf_puts(out, OPS[c.space][stroke]);
  hui_buf_putc(out, '\n');
}

/* The text state of the page being written, to skip redundant operators. */
typedef struct text_state {
  size_t font; /* index into the fonts (the array may move as fonts are added); SIZE_MAX: none */
  double size, tc;
  hui_color color; /* the fill colour, as written (device_color) */
  bool placed;  /* a text line origin is set: (lx, ly) */
  double lx, ly;
} text_state;

/* Appends one CID to a literal string as its Identity-H code, two bytes:
 * binary, with the three characters a literal string escapes, and CR (which
 * a reader would take for an end of line). Shorter codes under an encoding
 * CMap of our own (one byte for a subset's first 127 glyphs) made a
 * compendium of 500 3 % smaller and the sample one 0.4 %, but MuPDF (1.21,
 * Debian 12's) checks the ToUnicode CMap, once re-keyed by CID, against the
 * encoding's codespace, and so lost the text of every glyph whose CID was not
 * also its code; Identity-H is read alike by every reader (tests/e2e/readers.py). */
static void put_cid(hui_buf *b, unsigned cid) {
  unsigned char c[2] = {(unsigned char)(cid >> 8), (unsigned char)cid};
  for (int k = 0; k < 2; k++) {
    if (c[k] == '(' || c[k] == ')' || c[k] == '\\') {
      hui_buf_putc(b, '\\');
      hui_buf_putc(b, (char)c[k]);
    } else if (c[k] == '\r') {
      hui_buf_puts(b, "\\r");
    } else {
      hui_buf_putc(b, (char)c[k]);
    }
  }
}

/* Writes one run into the page's text object as one TJ: the character
 * spacing (Tc) is the commonest gap between its glyphs (position minus
 * advance: justification, Han–Latin spacing), and each glyph whose gap
 * differs (a squeezed or pushed punctuation mark) gets a kern in the array.
 * The run is placed by a Td from the line's start, tracked as the reader
 * computes it from the numbers written, so rounding never accumulates. */
static bool draw_run(hui_pdf *p, double page_h, const hui_dpage *dp,
                     const hui_drun *run, text_state *ts, hui_buf *out, char **why) {
  font_slot *s = get_font(p, run->face, why);
  if (!s) return false;
  if (run->count == 0) return true;
  const hui_dglyph *g = dp->glyphs + run->first;
  unsigned *cid = hui_xmalloc(run->count * sizeof *cid);
  double *adv = hui_xmalloc(run->count * sizeof *adv);
  for (size_t i = 0; i < run->count; i++) {
    char *err = NULL;
    if (!check_cp(p, run, g[i].cp, why) || !(cid[i] = hui_subset_cid(s->sub, g[i].cp, &err))) {
      if (err) fail_msg(p, why, hui_xasprintf("PDF: %s", err));
      free(err);
      free(cid);
      free(adv);
      return false;
    }
    adv[i] = hui_subset_width(s->sub, cid[i]) * run->size / 1000.0;
  }
  size_t fi = (size_t)(s - p->fonts);
  if (fi != ts->font || run->size != ts->size) {
    hui_buf_putc(out, '/');
    hui_buf_puts(out, s->name);
    hui_buf_putc(out, ' ');
    put_num(out, run->size);
    hui_buf_puts(out, " Tf\n");
    ts->font = fi;
    ts->size = run->size;
  }
  hui_color color = device_color(p, run->color);
  if (!hui_color_eq(color, ts->color)) {
    put_color(out, color, false);
    ts->color = color;
  }
  /* Tc: the commonest gap, found among the first few distinct ones (a run
   * is one line's glyphs of one font); the current Tc wins ties. */
  double tc = ts->tc;
  size_t best = 0;
  for (size_t i = 0; i + 1 < run->count; i++)
    if (fabs(g[i + 1].x - g[i].x - adv[i] - ts->tc) <= GAP_EPS) best++;
  for (size_t i = 0, tried = 0; i + 1 < run->count && tried < 8 && best * 2 < run->count - 1; i++) {
    double gap = g[i + 1].x - g[i].x - adv[i];
    if (fabs(gap - tc) <= GAP_EPS) continue;
    tried++;
    size_t c = 0;
    for (size_t k = 0; k + 1 < run->count; k++)
      if (fabs(g[k + 1].x - g[k].x - adv[k] - gap) <= GAP_EPS) c++;
    if (c > best) best = c, tc = gap;
  }
  tc = round(tc * 1e4) / 1e4; /* as written */
  if (tc != ts->tc) {
    put_num(out, tc);
    hui_buf_puts(out, " Tc\n");
    ts->tc = tc;
  }
  /* the run's start: Td from the line's start, to 0.01 pt, as the reader
   * computes it from the numbers written (the kerns below make up for it) */
  double y = page_h - run->y;
  if (ts->placed) {
    double dx = round((g[0].x - ts->lx) * 100) / 100, dy = round((y - ts->ly) * 100) / 100;
    put_num(out, dx);
    hui_buf_putc(out, ' ');
    put_num(out, dy);
    hui_buf_puts(out, " Td\n");
    ts->lx += dx;
    ts->ly += dy;
  } else {
    double x0 = round(g[0].x * 100) / 100, y0 = round(y * 100) / 100;
    hui_buf_puts(out, "1 0 0 1 ");
    put_num(out, x0);
    hui_buf_putc(out, ' ');
    put_num(out, y0);
    hui_buf_puts(out, " Tm\n");
    ts->lx = x0;
    ts->ly = y0;
    ts->placed = true;
  }
  /* The glyphs: where the reader's pen (from the advance and Tc) would put
   * a glyph elsewhere than layout did, a kern in thousandths of an em. The
   * pen is followed as the reader computes it, kerns rounded as written. */
  hui_buf_puts(out, "[(");
  double pen = ts->lx;
  for (size_t i = 0; i < run->count; i++) {
    double off = g[i].x - pen;
    if (i > 0) {
      /* whole thousandths of an em: within 0.006 pt at 12 pt */
      double k = round(-off * 1000.0 / run->size);
      if (k != 0) {
        hui_buf_putc(out, ')');
        put_num(out, k);
        hui_buf_putc(out, '(');
        pen -= k * run->size / 1000.0;
      }
    }
    put_cid(out, cid[i]);
    pen += adv[i] + tc;
  }
  hui_buf_puts(out, ")]TJ\n");
  free(cid);
  free(adv);
  return true;
}


/* An image XObject holding a PNG's IDAT stream as it is: FlateDecode with the
 * PNG predictors. libharu would store the decoded pixels and deflate them
 * again at the end — for photos most of a build's time and memory. Built the
 * way HPDF_LoadRawImageFromMem builds its dictionary, with libharu's own
 * compression switched off for this stream. */
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

static void source_free(file_source *f) {
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
    source_free(f);
    return false;
  }
  HPDF_Stream_Free(im->stream);
  im->stream = st;
  *HUI_PUSH(p->sources, p->nsources, p->capsources) = f;
  return true;
}

static HPDF_Image flate_image(hui_pdf *p, const hui_image *img) {
  HPDF_MMgr mmgr = p->doc->mmgr;
  HPDF_Dict im = HPDF_DictStream_New(mmgr, p->doc->xref);
  if (!im) return NULL;
  im->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
  HPDF_Dict parms = HPDF_Dict_New(mmgr);
  if (!parms) return NULL;
  HPDF_STATUS st = HPDF_Dict_AddName(im, "Type", "XObject");
  st += HPDF_Dict_AddName(im, "Subtype", "Image");
  st += HPDF_Dict_AddNumber(im, "Width", (HPDF_INT32)img->width);
  st += HPDF_Dict_AddNumber(im, "Height", (HPDF_INT32)img->height);
  st += HPDF_Dict_AddName(im, "ColorSpace", img->components == 1 ? "DeviceGray" : "DeviceRGB");
  st += HPDF_Dict_AddNumber(im, "BitsPerComponent", 8);
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
  im->write_fn = write_flate_filter;
  return st == HPDF_OK ? (HPDF_Image)im : NULL;
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
static bool place_image(hui_pdf *p, HPDF_Page page, double page_h, const hui_dimage *di,
                        HPDF_Image im, char **why) {
  const char *name = NULL;
  for (size_t i = 0; i < p->nimgs && !name; i++)
    if (p->imgs[i].im == im) name = p->imgs[i].name;
  if (!name) return fail_msg(p, why, hui_xstrdup("PDF: an image without a name"));
  double x = di->x, y = page_h - di->y - di->h, w = di->w, h = di->h; /* lower left, size */
  double m[6];
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
  hui_buf b = {0};
  hui_buf_puts(&b, "q\n");
  for (int i = 0; i < 6; i++) {
    if (i) hui_buf_putc(&b, ' ');
    put_num(&b, m[i]);
  }
  hui_buf_printf(&b, " cm\n/%s Do\nQ\n", name);
  HPDF_Stream_Write(((HPDF_PageAttr)page->attr)->stream, (const HPDF_BYTE *)b.data,
                    (HPDF_UINT)b.len);
  hui_buf_free(&b);
  return !failed(p, why, "drawing an image");
}

static bool draw_image(hui_pdf *p, HPDF_Page page, double page_h, const hui_dimage *di,
                       char **why) {
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
  if (im) return place_image(p, page, page_h, di, im, why);
  if (img->kind == HUI_IMAGE_JPEG) {
    im = HPDF_LoadJpegImageFromMem(p->doc, img->jpeg, (HPDF_UINT)img->jpeg_len);
    if (im) stream_from_file(p, im, img); /* the copy libharu made goes */
  } else if (img->flate) {
    im = flate_image(p, img);
  } else {
    if (img->components != 1 && img->components != 3)
      return fail_msg(p, why, hui_xasprintf("PDF: a PNG image with %d colour components",
                                            img->components));
    /* PDF/A-1 allows no transparency: the image flattened against white instead of a mask. */
    const uint8_t *pixels = p->pdfa && img->alpha ? pdfa_flatten(p, img) : img->pixels;
    im = HPDF_LoadRawImageFromMem(p->doc, pixels, img->width, img->height,
                                  img->components == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB,
                                  8);
    if (im && img->alpha && !p->pdfa) {
      HPDF_Image mask = HPDF_LoadRawImageFromMem(p->doc, img->alpha, img->width, img->height,
                                                 HPDF_CS_DEVICE_GRAY, 8);
      if (mask) HPDF_Image_AddSMask(im, mask);
    }
  }
  if (!im || p->err) return fail_lib(p, why, "embedding an image");
  img_entry *en = HUI_PUSH(p->imgs, p->nimgs, p->capimgs);
  en->serial = img->serial;
  memcpy(en->digest, digest, 32);
  en->im = im;
  snprintf(en->name, sizeof en->name, "Im%zu", p->nimgs);
  if (HPDF_Dict_Add(p->res_images, en->name, im) != HPDF_OK)
    return fail_lib(p, why, "adding an image to the resources");
  return place_image(p, page, page_h, di, im, why);
}

static bool put_page(hui_pdf *p, const hui_dpage *dp, size_t at, char **why);

/* Compresses a finished page's content stream at once, as libharu would only
 * when saving: libharu keeps the whole document in memory until then, and a
 * page's operators shrink to a fraction deflated (memory per page, not per
 * document, is what an edition of 2,000 articles needs). */
static bool pack_contents(hui_pdf *p, HPDF_Page page, char **why) {
  HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
  HPDF_Stream st = attr->stream;
  HPDF_UINT32 size = HPDF_Stream_Size(st);
  if (!size || !attr->contents) return true;
  unsigned char *raw = hui_xmalloc(size);
  HPDF_UINT n = size;
  bool ok = HPDF_Stream_Seek(st, 0, HPDF_SEEK_SET) == HPDF_OK;
  HPDF_STATUS rs = ok ? HPDF_Stream_Read(st, raw, &n) : HPDF_OK;
  ok = ok && (rs == HPDF_OK || rs == HPDF_STREAM_EOF) && n == size;
  uLongf zlen = compressBound(size);
  unsigned char *z = hui_xmalloc(zlen);
  ok = ok && compress2(z, &zlen, raw, size, Z_DEFAULT_COMPRESSION) == Z_OK;
  if (ok) {
    HPDF_MemStream_FreeData(st);
    /* one block of exactly the compressed size (libharu's blocks are 4 KB:
     * a page's 2 KB would waste the rest, for every page until saving) */
    HPDF_MemStreamAttr ma = (HPDF_MemStreamAttr)st->attr;
    ma->buf_siz = ma->w_pos = zlen ? (HPDF_UINT)zlen : 1;
    ok = HPDF_Stream_Write(st, z, (HPDF_UINT)zlen) == HPDF_OK;
    attr->contents->filter = HPDF_STREAM_FILTER_NONE;
    attr->contents->write_fn = write_flate_filter;
  }
  free(raw);
  free(z);
  if (p->err) HPDF_ResetError(p->doc), p->err = 0;
  return ok ? true : fail_msg(p, why, hui_xstrdup("PDF: cannot compress a page's contents"));
}

bool hui_pdf_add_page(hui_pdf *p, const hui_dpage *dp, char **why) {
  return put_page(p, dp, p->npages, why);
}

bool hui_pdf_add_front_page(hui_pdf *p, const hui_dpage *dp, char **why) {
  return put_page(p, dp, p->nfront++, why);
}

/* Sets the stroking (or filling) colour through libharu, which keeps its own
 * account of the graphics state: for a gray stroke "0 G" as before colour. */
static void set_color(HPDF_Page page, hui_color c, bool stroke) {
  HPDF_REAL a = c.c[0], b = c.c[1], d = c.c[2], k = c.c[3];
  switch (c.space) {
    case HUI_COLOR_RGB:
      stroke ? HPDF_Page_SetRGBStroke(page, a, b, d) : HPDF_Page_SetRGBFill(page, a, b, d);
      break;
    case HUI_COLOR_CMYK:
      stroke ? HPDF_Page_SetCMYKStroke(page, a, b, d, k) : HPDF_Page_SetCMYKFill(page, a, b, d, k);
      break;
    default:
      stroke ? HPDF_Page_SetGrayStroke(page, a) : HPDF_Page_SetGrayFill(page, a);
      break;
  }
}

/* The page's filled rectangles, under everything else, inside q … Q: the
 * fill colour they set must not leak into the text object, which starts
 * from black (draw_run's text_state). */
static bool draw_fills(hui_pdf *p, HPDF_Page page, const hui_dpage *dp, char **why) {
  HPDF_Page_GSave(page);
  hui_color last = hui_gray(0);
  for (size_t i = 0; i < dp->nfills; i++) {
    const hui_dfill *f = &dp->fills[i];
    hui_color c = device_color(p, f->color);
    if (i == 0 || !hui_color_eq(c, last)) set_color(page, c, false);
    last = c;
    HPDF_Page_Rectangle(page, (HPDF_REAL)f->x, (HPDF_REAL)(dp->height - f->y - f->h),
                        (HPDF_REAL)f->w, (HPDF_REAL)f->h);
    HPDF_Page_Fill(page);
  }
  HPDF_Page_GRestore(page);
  return !failed(p, why, "filling a rectangle");
}

/* Writes a page at index at: appended, or inserted before the page now there
 * (libharu's HPDF_InsertPage), shifting the later ones. */
static bool put_page(hui_pdf *p, const hui_dpage *dp, size_t at, char **why) {
  if (p->broken || p->finished)
    return fail_msg(p, why, hui_xstrdup("PDF: the document can no longer be written to "
                                        "(an earlier error, or it was saved)"));
  HPDF_Page page = at < p->npages ? HPDF_InsertPage(p->doc, p->pages[at]) : HPDF_AddPage(p->doc);
  if (!page || p->err) return fail_lib(p, why, "adding a page");
  HPDF_Page_SetWidth(page, (HPDF_REAL)dp->width);
  HPDF_Page_SetHeight(page, (HPDF_REAL)dp->height);
  if (failed(p, why, "setting the page size")) return false;
  /* The first page's size goes to the page tree; a page of that size then
   * inherits it. Every page names the shared resources. */
  if (!p->has_size) {
    HPDF_Array box = HPDF_Array_New(p->doc->mmgr);
    if (box) {
      HPDF_Array_AddNumber(box, 0);
      HPDF_Array_AddNumber(box, 0);
      HPDF_Array_AddReal(box, (HPDF_REAL)dp->width);
      HPDF_Array_AddReal(box, (HPDF_REAL)dp->height);
      HPDF_Dict_Add(p->doc->root_pages, "MediaBox", box);
    }
    p->has_size = true;
    p->width = dp->width;
    p->height = dp->height;
  }
  if (dp->width == p->width && dp->height == p->height) HPDF_Dict_RemoveElement(page, "MediaBox");
  HPDF_Dict_RemoveElement(page, "Resources");
  HPDF_Dict_Add(page, "Resources", p->resources);
  if (failed(p, why, "setting up a page")) return false;
  HUI_PUSH(p->pages, p->npages, p->cappages);
  size_t nh = p->npages - 1;
  HUI_PUSH(p->heights, nh, p->capheights);
  if (at + 1 < p->npages) {
    memmove(p->pages + at + 1, p->pages + at, (p->npages - 1 - at) * sizeof *p->pages);
    memmove(p->heights + at + 1, p->heights + at, (p->npages - 1 - at) * sizeof *p->heights);
  }
  p->pages[at] = page;
  p->heights[at] = dp->height;
  double h = dp->height;

  if (dp->nfills && !draw_fills(p, page, dp, why)) return false;

  for (size_t i = 0; i < dp->nimages; i++)
    if (!draw_image(p, page, h, &dp->images[i], why)) return false;

  if (dp->nrules) {
    HPDF_Page_SetLineCap(page, HPDF_BUTT_END);
    for (size_t i = 0; i < dp->nrules; i++) {
      const hui_drule *r = &dp->rules[i];
      HPDF_Page_SetLineWidth(page, (HPDF_REAL)r->width);
      set_color(page, device_color(p, r->color), true);
      HPDF_Page_MoveTo(page, (HPDF_REAL)r->x0, (HPDF_REAL)(h - r->y0));
      HPDF_Page_LineTo(page, (HPDF_REAL)r->x1, (HPDF_REAL)(h - r->y1));
      HPDF_Page_Stroke(page);
    }
    if (failed(p, why, "drawing a rule")) return false;
  }

  if (dp->nruns) {
    /* The text object is written here, not through libharu's text calls,
     * which would measure every string again in a font libharu no longer
     * loads. A page starts with no font, black fill and no character spacing. */
    text_state ts = {SIZE_MAX, 0, 0, hui_gray(0), false, 0, 0};
    hui_buf text = {0};
    hui_buf_puts(&text, "BT\n");
    for (size_t i = 0; i < dp->nruns; i++)
      if (!draw_run(p, h, dp, &dp->runs[i], &ts, &text, why)) {
        hui_buf_free(&text);
        return false;
      }
    hui_buf_puts(&text, "ET\n");
    HPDF_Stream_Write(((HPDF_PageAttr)page->attr)->stream, (const HPDF_BYTE *)text.data,
                      (HPDF_UINT)text.len);
    hui_buf_free(&text);
    if (failed(p, why, "writing text")) return false;
  }
  return pack_contents(p, page, why);
}

bool hui_pdf_outline(hui_pdf *p, int level, const char *title, int page, double y, char **why) {
  if (level < 0 || level >= MAX_LEVELS || page < 0 || !title ||
      !hui_utf8_valid(title, strlen(title), NULL)) {
    *why = hui_xasprintf("PDF: bad bookmark (level %d, page %d)", level, page);
    return false;
  }
  if (level > 0) {
    /* Nesting is checked now, while the caller still knows which one it was. */
    bool parent = false;
    for (size_t i = p->noutlines; i-- > 0 && !parent;) {
      if (p->outlines[i].level == level - 1) parent = true;
      if (p->outlines[i].level < level - 1) break;
    }
    if (!parent) {
      *why = hui_xasprintf("PDF: bookmark \"%s\" at level %d has no parent at level %d", title,
                           level, level - 1);
      return false;
    }
  }
  outline_req *o = HUI_PUSH(p->outlines, p->noutlines, p->capoutlines);
  o->level = level;
  o->page = page;
  o->y = y;
  o->title = hui_xstrdup(title);
  return true;
}

bool hui_pdf_page_label(hui_pdf *p, int from, hui_label_style style, int first, char **why) {
  if (from < 0 || first < 1 || (style != HUI_LABEL_DECIMAL && style != HUI_LABEL_ROMAN_LOWER)) {
    *why = hui_xasprintf("PDF: bad page label (from page %d, first number %d)", from, first);
    return false;
  }
  label_req *l = HUI_PUSH(p->labels, p->nlabels, p->caplabels);
  *l = (label_req){from, first, style};
  return true;
}

/* Outlines and labels are created at save time, when every page exists. */
static bool finish(hui_pdf *p, char **why) {
  if (p->finished) return true;
  p->finished = true;
  HPDF_Outline last[MAX_LEVELS] = {0};
  for (size_t i = 0; i < p->noutlines; i++) {
    const outline_req *o = &p->outlines[i];
    if ((size_t)o->page >= p->npages)
      return fail_msg(p, why, hui_xasprintf("PDF: bookmark \"%s\" points to page %d of %zu",
                                            o->title, o->page + 1, p->npages));
    HPDF_Outline parent = o->level ? last[o->level - 1] : NULL;
    HPDF_Outline ol =
        HPDF_CreateOutline(p->doc, parent, o->title, HPDF_GetEncoder(p->doc, "UTF-8"));
    if (!ol || p->err) return fail_lib(p, why, "creating a bookmark");
    last[o->level] = ol;
    for (int k = o->level + 1; k < MAX_LEVELS; k++) last[k] = NULL;
    HPDF_Outline_SetOpened(ol, o->level == 0);
    /* [page /XYZ null top null]: go to the place, keep the reader's zoom.
     * HPDF_Destination_SetXYZ insists on a zoom, so the array is built here. */
    HPDF_Page page = p->pages[o->page];
    /* A direct array (libharu's HPDF_Page_CreateDestination makes an indirect
     * one, which PDF/A validators refuse as an outline's /Dest). */
    HPDF_Array dst = HPDF_Array_New(p->doc->mmgr);
    if (dst) {
      double top = p->heights[o->page] - o->y;
      HPDF_Array_Add(dst, page);
      HPDF_Array_AddName(dst, "XYZ");
      HPDF_Array_Add(dst, HPDF_Null_New(p->doc->mmgr));
      HPDF_Array_AddReal(dst, (HPDF_REAL)(top < 0 ? 0 : top));
      HPDF_Array_Add(dst, HPDF_Null_New(p->doc->mmgr));
      HPDF_Dict_Add(ol, "Dest", dst);
    }
    if (!dst || p->err) return fail_lib(p, why, "pointing a bookmark at its page");
  }
  if (p->noutlines) HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
  for (size_t i = 0; i < p->nlabels; i++) {
    const label_req *l = &p->labels[i];
    if ((size_t)l->from >= p->npages)
      return fail_msg(p, why, hui_xasprintf("PDF: a page label starts at page %d of %zu",
                                            l->from + 1, p->npages));
    HPDF_AddPageLabel(p->doc, (HPDF_UINT)l->from,
                      l->style == HUI_LABEL_ROMAN_LOWER ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                                                        : HPDF_PAGE_NUM_STYLE_DECIMAL,
                      (HPDF_UINT)l->first, NULL);
  }
  return !failed(p, why, "writing bookmarks and page labels");
}

static bool write_all(int fd, const HPDF_BYTE *buf, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, buf, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    buf += w;
    n -= (size_t)w;
  }
  return true;
}

/* Where HPDF_SaveToStream writes: a libharu callback stream into our
 * temporary file, buffered (libharu writes a token at a time), so the
 * composed file is never held in memory whole. */
typedef struct fd_sink {
  int fd, err;
  bool too_big; /* past what libharu's 32-bit offsets can address */
  uint64_t total;
  size_t used;
  unsigned char buf[1 << 16];
} fd_sink;

static bool sink_flush(fd_sink *s) {
  if (s->used && !s->err && !write_all(s->fd, s->buf, s->used)) s->err = errno ? errno : EIO;
  s->used = 0;
  return !s->err;
}

static HPDF_STATUS sink_write(HPDF_Stream stream, const HPDF_BYTE *ptr, HPDF_UINT siz) {
  fd_sink *s = stream->attr;
  /* libharu writes offsets (startxref, the xref table) as 32-bit numbers,
   * startxref even signed: a file past 2 GB would be written corrupt */
  s->total += siz;
  if (s->total > INT32_MAX && !s->err) {
    s->too_big = true;
    s->err = EFBIG;
  }
  while (siz && !s->err) {
    size_t n = sizeof s->buf - s->used;
    if (n > siz) n = siz;
    memcpy(s->buf + s->used, ptr, n);
    s->used += n;
    ptr += n;
    siz -= (HPDF_UINT)n;
    if (s->used == sizeof s->buf) sink_flush(s);
  }
  return s->err ? HPDF_SetError(stream->error, HPDF_FILE_IO_ERROR, (HPDF_STATUS)s->err) : HPDF_OK;
}

bool hui_pdf_save(hui_pdf *p, const char *path, char **why) {
  if (p->broken)
    return fail_msg(p, why, hui_xstrdup("PDF: the document cannot be saved after an error"));
  if (p->npages == 0)
    return fail_msg(p, why, hui_xstrdup("PDF: the document has no pages"));
  if (!finish(p, why)) return false;
  pack_fonts(p);
  for (size_t i = 0; i < p->nfonts; i++)
    if (!write_font(p, &p->fonts[i], why)) return false;
  if (p->pdfa && !pdfa_finish(p, why)) return false;
  char *tmp = hui_xasprintf("%s.tmp-XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    *why = hui_xstrdup(strerror(errno)); /* the caller names the file */
    free(tmp);
    return false;
  }
  /* mkstemp makes the file 0600; give it the mode a plain create would. */
  bool ok = fchmod(fd, 0666 & ~(mode_t)hui_umask()) == 0;
  int saved = ok ? 0 : errno;
  char *msg = NULL;
  fd_sink *sink = hui_xcalloc(1, sizeof *sink);
  sink->fd = fd;
  HPDF_Stream w = ok ? HPDF_CallbackWriter_New(p->doc->mmgr, sink_write, sink) : NULL;
  if (ok && !w) {
    ok = false;
    failed(p, &msg, "composing the file");
  }
  if (ok) {
    if (p->doc->stream) HPDF_Stream_Free(p->doc->stream);
    p->doc->stream = w; /* HPDF_SaveToStream writes into the stream it finds */
    bool saved_ok = HPDF_SaveToStream(p->doc) == HPDF_OK && !p->err && sink_flush(sink);
    p->doc->stream = NULL;
    HPDF_Stream_Free(w);
    if (!saved_ok) {
      ok = false;
      for (size_t i = 0; i < p->nsources && !msg; i++)
        if (p->sources[i]->fail) msg = hui_xasprintf("PDF: the image file %s", p->sources[i]->fail);
      if (sink->too_big && !msg)
        msg = hui_xasprintf("PDF: %s would be larger than 2 GB, more than the PDF writer (libharu) "
                            "can address; make the photos smaller (300 dpi at their printed size is "
                            "enough)", path);
      else if (sink->err) saved = sink->err;
      else if (!msg) failed(p, &msg, "composing the file");
      HPDF_ResetError(p->doc);
      p->err = 0;
      p->broken = true;
    }
  }
  free(sink);
  if (!ok && saved == 0 && !msg) saved = EIO;
  if (ok && fsync(fd) != 0) ok = false, saved = errno;
  if (close(fd) != 0 && ok) ok = false, saved = errno;
  if (ok && rename(tmp, path) != 0) ok = false, saved = errno;
  if (!ok) {
    unlink(tmp);
    *why = msg && !saved ? msg : hui_xstrdup(strerror(saved));
    if (*why != msg) free(msg);
  }
  free(tmp);
  return ok;
}

/* --- PDF/A-1b ------------------------------------------------------------
 * What ISO 19005-1 (level B) asks beyond what libharu 2.3 writes, added
 * through its object API just before saving:
 * - XMP metadata (uncompressed) that repeats the document info, escaped;
 * - an OutputIntent with the sRGB ICC profile (Debian's icc-profiles-free);
 * - per font a CIDSet in the descriptor (write_font);
 * - no soft masks: images with alpha are flattened against white (draw_image);
 * - a trailer /ID derived from the content: SHA-256 of the page content
 *   streams and the info, so the same inputs give the same bytes.
 * The version stays 1.4, which PDF/A-1 requires. */

#ifndef HUI_SRGB_ICC
#define HUI_SRGB_ICC "/usr/share/color/icc/sRGB.icc"
#endif

static const uint8_t *pdfa_flatten(hui_pdf *p, const hui_image *img) {
  size_t n = (size_t)img->width * img->height, c = (size_t)img->components;
  uint8_t *out = hui_xmalloc(n * c);
  for (size_t i = 0; i < n; i++) {
    unsigned a = img->alpha[i];
    for (size_t k = 0; k < c; k++)
      out[i * c + k] = (uint8_t)((img->pixels[i * c + k] * a + 255 * (255 - a) + 127) / 255);
  }
  *HUI_PUSH(p->flat, p->nflat, p->capflat) = out;
  return out;
}

static void xml_escaped(hui_buf *b, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
      case '&': hui_buf_puts(b, "&amp;"); break;
      case '<': hui_buf_puts(b, "&lt;"); break;
      case '>': hui_buf_puts(b, "&gt;"); break;
      case '"': hui_buf_puts(b, "&quot;"); break;
      case '\'': hui_buf_puts(b, "&apos;"); break;
      default: hui_buf_putc(b, *s);
    }
  }
}

/* The XMP packet: dc, xmp, pdf and pdfaid, each value as in /Info. */
static char *pdfa_xmp(hui_pdf *p) {
  const char *title = p->pdfa_info[0], *author = p->pdfa_info[1], *subject = p->pdfa_info[2],
             *keywords = p->pdfa_info[3], *creator = p->pdfa_info[4], *date = p->pdfa_info[5];
  const char *producer = HPDF_GetInfoAttr(p->doc, HPDF_INFO_PRODUCER);
  hui_buf b = {0};
  hui_buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                   "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                   "<dc:format>application/pdf</dc:format>\n");
  if (title && *title) {
    hui_buf_puts(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&b, title);
    hui_buf_puts(&b, "</rdf:li></rdf:Alt></dc:title>\n");
  }
  if (author && *author) {
    hui_buf_puts(&b, "<dc:creator><rdf:Seq><rdf:li>");
    xml_escaped(&b, author);
    hui_buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n");
  }
  if (subject && *subject) {
    hui_buf_puts(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
    xml_escaped(&b, subject);
    hui_buf_puts(&b, "</rdf:li></rdf:Alt></dc:description>\n");
  }
  hui_buf_puts(&b, "</rdf:Description>\n"
                   "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
  if (creator && *creator) {
    hui_buf_puts(&b, "<xmp:CreatorTool>");
    xml_escaped(&b, creator);
    hui_buf_puts(&b, "</xmp:CreatorTool>\n");
  }
  if (date && *date) {
    hui_buf_printf(&b, "<xmp:CreateDate>%s+00:00</xmp:CreateDate>\n<xmp:ModifyDate>%s+00:00</xmp:ModifyDate>\n",
                   date, date);
  }
  hui_buf_puts(&b, "</rdf:Description>\n"
                   "<rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
  if (keywords && *keywords) {
    hui_buf_puts(&b, "<pdf:Keywords>");
    xml_escaped(&b, keywords);
    hui_buf_puts(&b, "</pdf:Keywords>\n");
  }
  if (producer && *producer) {
    hui_buf_puts(&b, "<pdf:Producer>");
    xml_escaped(&b, producer);
    hui_buf_puts(&b, "</pdf:Producer>\n");
  }
  hui_buf_puts(&b, "</rdf:Description>\n"
                   "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                   "<pdfaid:part>1</pdfaid:part>\n<pdfaid:conformance>B</pdfaid:conformance>\n"
                   "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
  return hui_buf_take(&b);
}

/* /ID: the first 16 bytes of SHA-256 over the page contents and the info. */
static void pdfa_id(hui_pdf *p) {
  hui_sha256 h;
  hui_sha256_init(&h);
  for (int i = 0; i < 6; i++)
    if (p->pdfa_info[i]) hui_sha256_update(&h, p->pdfa_info[i], strlen(p->pdfa_info[i]) + 1);
  for (size_t i = 0; i < p->npages; i++) {
    HPDF_PageAttr pa = (HPDF_PageAttr)p->pages[i]->attr;
    HPDF_Stream st = pa ? pa->stream : NULL;
    HPDF_UINT n = st ? HPDF_MemStream_GetBufCount(st) : 0;
    for (HPDF_UINT k = 0; k < n; k++) {
      HPDF_UINT len = 0;
      HPDF_BYTE *buf = HPDF_MemStream_GetBufPtr(st, k, &len);
      if (buf && len) hui_sha256_update(&h, buf, len);
    }
    hui_sha256_update(&h, &p->heights[i], sizeof p->heights[i]);
  }
  uint8_t d[32];
  hui_sha256_final(&h, d);
  HPDF_Array id = HPDF_Array_New(p->doc->mmgr);
  HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, d, 16));
  HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, d, 16));
  HPDF_Dict_Add(p->doc->trailer, "ID", id);
}

static bool pdfa_finish(hui_pdf *p, char **why) {
  const char *icc_path = getenv("HUIBIAN_ICC");
  if (!icc_path || !*icc_path) icc_path = HUI_SRGB_ICC;
  size_t icc_len;
  char *icc = hui_read_file(icc_path, 1u << 20, &icc_len);
  if (!icc)
    return fail_msg(p, why, hui_xasprintf("PDF/A needs the sRGB colour profile %s (Debian package "
                                          "icc-profiles-free): %s; install it (scripts/install-deps.sh)",
                                          icc_path, strerror(errno)));
  HPDF_MMgr mm = p->doc->mmgr;
  /* the output intent */
  HPDF_Dict profile = flate_stream(p, icc, icc_len);
  free(icc);
  HPDF_Dict intent = HPDF_Dict_New(mm);
  HPDF_Array intents = HPDF_Array_New(mm);
  if (!profile || !intent || !intents) return fail_lib(p, why, "writing the output intent");
  HPDF_Dict_AddNumber(profile, "N", 3);
  HPDF_Xref_Add(p->doc->xref, intent);
  HPDF_Dict_AddName(intent, "Type", "OutputIntent");
  HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
  HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
  HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
  HPDF_Dict_Add(intent, "DestOutputProfile", profile);
  HPDF_Array_Add(intents, intent);
  HPDF_Dict_Add(p->doc->catalog, "OutputIntents", intents);
  /* the metadata: never compressed, so any tool can read it */
  HPDF_Dict meta = HPDF_DictStream_New(mm, p->doc->xref);
  if (!meta) return fail_lib(p, why, "writing the XMP metadata");
  char *xmp = pdfa_xmp(p);
  HPDF_Dict_AddName(meta, "Type", "Metadata");
  HPDF_Dict_AddName(meta, "Subtype", "XML");
  HPDF_Stream_Write(meta->stream, (const HPDF_BYTE *)xmp, (HPDF_UINT)strlen(xmp));
  free(xmp);
  meta->filter = HPDF_STREAM_FILTER_NONE;
  HPDF_Dict_Add(p->doc->catalog, "Metadata", meta);
  pdfa_id(p);
  p->doc->pdf_version = HPDF_VER_14;
  return !failed(p, why, "writing the PDF/A parts");
}

/* --- the backend interface (backend.h) ------------------------------------ */

static bool backend_page(void *self, const hui_dpage *page, bool front, char **why) {
  return front ? hui_pdf_add_front_page(self, page, why) : hui_pdf_add_page(self, page, why);
}

static bool backend_outline(void *self, int level, const char *title, size_t page, double y,
                            char **why) {
  return hui_pdf_outline(self, level, title, (int)page, y, why);
}

static bool backend_label(void *self, size_t from, hui_label_style style, int first, char **why) {
  return hui_pdf_page_label(self, (int)from, style, first, why);
}

static bool backend_finish(void *self, const char *path, char **why) {
  return hui_pdf_save(self, path, why);
}

static void backend_free(void *self) { hui_pdf_free(self); }

static const hui_backend_ops PDF_BACKEND = {"pdf", backend_page, backend_outline, backend_label,
                                            backend_finish, backend_free};

hui_backend *hui_pdf_backend(const hui_doc_info *info, char **why) {
  hui_pdf *pdf = hui_pdf_new(info, why);
  return pdf ? hui_backend_new(&PDF_BACKEND, pdf) : NULL;
}
