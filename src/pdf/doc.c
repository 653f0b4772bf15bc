/* pdf/doc: the document — made and freed, its information, its pages
 * (front-matter pages inserted before the body, each page's contents drawn
 * by content.c), bookmarks and page labels, and saving: fonts and PDF/A
 * parts finished, then the file written atomically through a temporary name.
 * The backend interface (backend.h) is at the end. */
#define _XOPEN_SOURCE 700 /* mkstemp, fsync, fchmod */
#include "pdf/pdf_internal.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"

#define MAX_LEVELS 8

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
  p->doc = hui_pdf_haru_new(p);
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
  if (hui_pdf_failed(p, why, "setting up the document")) goto fail;
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
    if (hui_pdf_failed(p, why, "writing the document information")) goto fail;
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
  for (size_t i = 0; i < p->nsources; i++) hui_pdf_source_free(p->sources[i]);
  free(p->sources);
  hui_pdf_spill_free(p->spill);
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

size_t hui_pdf_pages(const hui_pdf *p) { return p->npages; }

/* Writes a page at index at: appended, or inserted before the page now there
 * (libharu's HPDF_InsertPage), shifting the later ones. */
static bool put_page(hui_pdf *p, const hui_dpage *dp, size_t at, char **why) {
  if (p->broken || p->finished)
    return hui_pdf_fail_msg(p, why, hui_xstrdup("PDF: the document can no longer be written to "
                                                "(an earlier error, or it was saved)"));
  HPDF_Page page = at < p->npages ? HPDF_InsertPage(p->doc, p->pages[at]) : HPDF_AddPage(p->doc);
  if (!page || p->err) return hui_pdf_fail_lib(p, why, "adding a page");
  HPDF_Page_SetWidth(page, (HPDF_REAL)dp->width);
  HPDF_Page_SetHeight(page, (HPDF_REAL)dp->height);
  if (hui_pdf_failed(p, why, "setting the page size")) return false;
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
  if (hui_pdf_failed(p, why, "setting up a page")) return false;
  HUI_PUSH(p->pages, p->npages, p->cappages);
  size_t nh = p->npages - 1;
  HUI_PUSH(p->heights, nh, p->capheights);
  if (at + 1 < p->npages) {
    memmove(p->pages + at + 1, p->pages + at, (p->npages - 1 - at) * sizeof *p->pages);
    memmove(p->heights + at + 1, p->heights + at, (p->npages - 1 - at) * sizeof *p->heights);
  }
  p->pages[at] = page;
  p->heights[at] = dp->height;
  return hui_pdf_draw_page(p, page, dp, why);
}

bool hui_pdf_add_page(hui_pdf *p, const hui_dpage *dp, char **why) {
  return put_page(p, dp, p->npages, why);
}

bool hui_pdf_add_front_page(hui_pdf *p, const hui_dpage *dp, char **why) {
  return put_page(p, dp, p->nfront++, why);
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

/* An object reference: libharu's numbers, generation 0 (all it writes). */
static HPDF_STATUS write_ref(HPDF_Stream st, const char *key, HPDF_Dict d) {
  if (!d) return HPDF_OK;
  char b[64];
  snprintf(b, sizeof b, "/%s %u 0 R\012", key, (unsigned)(d->header.obj_id & 0x00FFFFFF));
  return HPDF_Stream_WriteStr(st, b);
}

/* A number as libharu writes a real: at most five decimals, no trailing zeros. */
static void real_text(double v, char *b, size_t cap) {
  snprintf(b, cap, "%.5f", v);
  char *dot = strchr(b, '.');
  if (!dot) return;
  char *end = b + strlen(b);
  while (end > dot + 1 && end[-1] == '0') *--end = '\0';
  if (end == dot + 1) *dot = '\0';
  if (strcmp(b, "-0") == 0) snprintf(b, cap, "0");
}

/* An item's entries (the write_fn of its dictionary): the title as UTF-16BE
 * with its byte order mark, the place it goes to ([page /XYZ null top null]:
 * keep the reader's zoom; a direct array, as PDF/A wants), its links. */
static HPDF_STATUS write_outline(HPDF_Dict dict, HPDF_Stream st) {
  const outline_req *o = dict->attr;
  hui_buf b = {0};
  hui_buf_puts(&b, "/Title <FEFF");
  const char *t = o->title;
  size_t n = strlen(t), i = 0;
  while (i < n) {
    uint32_t cp;
    size_t k = hui_utf8_decode(t + i, n - i, &cp);
    if (!k) k = 1, cp = 0xFFFD; /* checked when added: not reached */
    i += k;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      hui_buf_printf(&b, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
    } else {
      hui_buf_printf(&b, "%04X", cp);
    }
  }
  char top[48];
  real_text(o->top, top, sizeof top);
  hui_buf_printf(&b, ">\012/Dest [%u 0 R /XYZ null %s null]\012",
                 (unsigned)(o->at->header.obj_id & 0x00FFFFFF), top);
  if (o->first) hui_buf_printf(&b, "/Count %d\012", o->count);
  HPDF_STATUS r = HPDF_Stream_Write(st, (const HPDF_BYTE *)b.data, (HPDF_UINT)b.len);
  hui_buf_free(&b);
  if (r == HPDF_OK) r = write_ref(st, "Parent", o->parent);
  if (r == HPDF_OK) r = write_ref(st, "Prev", o->prev);
  if (r == HPDF_OK) r = write_ref(st, "Next", o->next);
  if (r == HPDF_OK) r = write_ref(st, "First", o->first);
  if (r == HPDF_OK) r = write_ref(st, "Last", o->last);
  return r;
}

static HPDF_STATUS write_outline_root(HPDF_Dict dict, HPDF_Stream st) {
  const outline_root *r = dict->attr;
  char b[48];
  snprintf(b, sizeof b, "/Type /Outlines\012/Count %d\012", r->count);
  HPDF_STATUS ret = HPDF_Stream_WriteStr(st, b);
  if (ret == HPDF_OK) ret = write_ref(st, "First", r->first);
  if (ret == HPDF_OK) ret = write_ref(st, "Last", r->last);
  return ret;
}

/* An empty dictionary in the document's cross-reference table, written by
 * write_fn from attr; NULL when libharu fails (it has recorded why). */
static HPDF_Dict written_dict(hui_pdf *p, HPDF_STATUS (*write_fn)(HPDF_Dict, HPDF_Stream),
                              void *attr) {
  HPDF_Dict d = HPDF_Dict_New(p->doc->mmgr);
  if (!d || HPDF_Xref_Add(p->doc->xref, d) != HPDF_OK) return NULL; /* libharu frees it */
  hui_pdf_list_trim(d->list);
  d->write_fn = write_fn;
  d->attr = attr;
  return d;
}

/* The bookmarks. libharu's outline objects cost some 2 KB each (each entry
 * of a dictionary keeps a 128-byte name, each value and reference is an
 * object of its own): at the end of a long compendium, and of a year's
 * certificates, megabytes. Here each is an empty dictionary libharu numbers
 * and writes, and its entries are written from p->outlines (write_outline).
 * The top level is open, the rest closed; /Count as the PDF reference says
 * (the visible descendants of an open item, their number negated for a
 * closed one). */
static bool make_outlines(hui_pdf *p, char **why) {
  outline_root *root = &p->outline_root;
  root->dict = written_dict(p, write_outline_root, root);
  if (!root->dict || HPDF_Dict_Add(p->doc->catalog, "Outlines", root->dict) != HPDF_OK || p->err)
    return hui_pdf_fail_lib(p, why, "creating the bookmarks");
  int *visible = hui_xcalloc(p->noutlines, sizeof *visible); /* with the item open */
  size_t parent_of[MAX_LEVELS] = {0};
  for (size_t i = 0; i < p->noutlines; i++) {
    outline_req *o = &p->outlines[i];
    if ((size_t)o->page >= p->npages) {
      free(visible);
      return hui_pdf_fail_msg(p, why,
                              hui_xasprintf("PDF: bookmark \"%s\" points to page %d of %zu",
                                            o->title, o->page + 1, p->npages));
    }
    o->dict = written_dict(p, write_outline, o);
    if (!o->dict) {
      free(visible);
      return hui_pdf_fail_lib(p, why, "creating a bookmark");
    }
    o->at = p->pages[o->page];
    double top = p->heights[o->page] - o->y;
    o->top = top < 0 ? 0 : top;
    o->prev = o->next = o->first = o->last = NULL;
    /* its parent: the last item one level up (hui_pdf_outline checked there is one) */
    outline_req *up = o->level ? &p->outlines[parent_of[o->level - 1]] : NULL;
    o->parent = up ? up->dict : root->dict;
    HPDF_Dict *last = up ? &up->last : &root->last, *first = up ? &up->first : &root->first;
    if (*last) o->prev = *last;
    else *first = o->dict;
    *last = o->dict;
    parent_of[o->level] = i;
  }
  /* the Next links: an item's previous sibling points at it */
  for (size_t i = 0; i < p->noutlines; i++) {
    outline_req *o = &p->outlines[i];
    if (o->prev) ((outline_req *)o->prev->attr)->next = o->dict;
  }
  /* the counts, children before their parents */
  int top_count = 0;
  for (size_t i = p->noutlines; i-- > 0;) {
    const outline_req *o = &p->outlines[i];
    int seen = 1 + (o->level == 0 ? visible[i] : 0);
    if (o->parent == root->dict) top_count += seen;
    else visible[(const outline_req *)o->parent->attr - p->outlines] += seen;
  }
  root->count = top_count;
  for (size_t i = 0; i < p->noutlines; i++) {
    outline_req *o = &p->outlines[i];
    o->count = o->level == 0 ? visible[i] : -visible[i];
  }
  free(visible);
  return !hui_pdf_failed(p, why, "creating the bookmarks");
}

/* Outlines and labels are created at save time, when every page exists. */
static bool finish(hui_pdf *p, char **why) {
  if (p->finished) return true;
  p->finished = true;
  if (p->noutlines && !make_outlines(p, why)) return false;
  if (p->noutlines) HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE);
  for (size_t i = 0; i < p->nlabels; i++) {
    const label_req *l = &p->labels[i];
    if ((size_t)l->from >= p->npages)
      return hui_pdf_fail_msg(p, why, hui_xasprintf("PDF: a page label starts at page %d of %zu",
                                                    l->from + 1, p->npages));
    HPDF_AddPageLabel(p->doc, (HPDF_UINT)l->from,
                      l->style == HUI_LABEL_ROMAN_LOWER ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                                                        : HPDF_PAGE_NUM_STYLE_DECIMAL,
                      (HPDF_UINT)l->first, NULL);
  }
  return !hui_pdf_failed(p, why, "writing bookmarks and page labels");
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
  if (s->used && !s->err && !hui_write_all(s->fd, s->buf, s->used)) s->err = errno;
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

/* Writes the finished document into fd (from where it is). False with
 * *saved (an errno) or *msg (caller frees) set; name names the file in the
 * messages. */
static bool save_into(hui_pdf *p, int fd, const char *name, int *saved, char **msg) {
  fd_sink *sink = hui_xcalloc(1, sizeof *sink);
  sink->fd = fd;
  HPDF_Stream w = HPDF_CallbackWriter_New(p->doc->mmgr, sink_write, sink);
  bool ok = w != NULL;
  if (!ok) hui_pdf_failed(p, msg, "composing the file");
  if (ok) {
    if (p->doc->stream) HPDF_Stream_Free(p->doc->stream);
    p->doc->stream = w; /* HPDF_SaveToStream writes into the stream it finds */
    bool saved_ok = HPDF_SaveToStream(p->doc) == HPDF_OK && !p->err && sink_flush(sink);
    p->doc->stream = NULL;
    HPDF_Stream_Free(w);
    if (!saved_ok) {
      ok = false;
      const char *lost = hui_pdf_image_failure(p);
      if (lost && !*msg) *msg = hui_xasprintf("PDF: the image file %s", lost);
      const char *spilt = hui_pdf_spill_failure(p);
      if (spilt && !*msg) *msg = hui_xstrdup(spilt);
      if (sink->too_big && !*msg)
        *msg = hui_xasprintf("PDF: %s would be larger than 2 GB, more than the PDF writer (libharu) "
                             "can address; make the photos smaller (300 dpi at their printed size is "
                             "enough)", name);
      else if (sink->err) *saved = sink->err;
      else if (!*msg) hui_pdf_failed(p, msg, "composing the file");
      HPDF_ResetError(p->doc);
      p->err = 0;
      p->broken = true;
    }
  }
  free(sink);
  if (!ok && *saved == 0 && !*msg) *saved = EIO;
  return ok;
}

/* What hui_pdf_save and hui_pdf_save_fd do first. */
static bool save_ready(hui_pdf *p, char **why) {
  if (p->broken)
    return hui_pdf_fail_msg(p, why,
                            hui_xstrdup("PDF: the document cannot be saved after an error"));
  if (p->npages == 0)
    return hui_pdf_fail_msg(p, why, hui_xstrdup("PDF: the document has no pages"));
  if (!finish(p, why)) return false;
  for (size_t i = 0; i < p->nfonts; i++)
    if (!hui_pdf_font_write(p, &p->fonts[i], why)) return false;
  return !p->pdfa || hui_pdfa_finish(p, why);
}

bool hui_pdf_save(hui_pdf *p, const char *path, char **why) {
  if (!save_ready(p, why)) return false;
  char *tmp = hui_xasprintf("%s.tmp-XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    *why = hui_xstrdup(strerror(errno)); /* the caller names the file */
    free(tmp);
    return false;
  }
  /* mkstemp makes the file 0600; give it the mode a plain create would. */
  int saved = 0;
  char *msg = NULL;
  bool ok = fchmod(fd, 0666 & ~(mode_t)hui_umask()) == 0;
  if (!ok) saved = errno;
  if (ok) ok = save_into(p, fd, path, &saved, &msg);
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

bool hui_pdf_save_fd(hui_pdf *p, int fd, const char *name, char **why) {
  if (!save_ready(p, why)) return false;
  int saved = 0;
  char *msg = NULL;
  if (save_into(p, fd, name, &saved, &msg)) return true;
  *why = msg && !saved ? msg : hui_xstrdup(strerror(saved));
  if (*why != msg) free(msg);
  return false;
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

static bool backend_finish_fd(void *self, int fd, const char *name, char **why) {
  return hui_pdf_save_fd(self, fd, name, why);
}

static void backend_free(void *self) { hui_pdf_free(self); }

static const hui_backend_ops PDF_BACKEND = {"pdf",          backend_page,   backend_outline,
                                            backend_label,  backend_finish, backend_free,
                                            backend_finish_fd};

hui_backend *hui_pdf_backend(const hui_doc_info *info, char **why) {
  hui_pdf *pdf = hui_pdf_new(info, why);
  return pdf ? hui_backend_new(&PDF_BACKEND, pdf) : NULL;
}
