/* pdf/pdf_internal: what the files of src/pdf/ share — the document being
 * written (struct hui_pdf) and the calls one file makes into another. The
 * public interface is src/pdf.h.
 *
 * Only files under src/pdf/ include this header: it brings in libharu, as
 * only they may (tests/check-boundaries.sh), and not only libharu's API but
 * headers it installs without documenting (hpdf_doc.h, hpdf_objects.h,
 * hpdf_pages.h, hpdf_streams.h, hpdf_list.h, hpdf_mmgr.h), whose structures
 * these files read and change: libharu keeps the document's structure, and
 * huibian writes the fonts, the page contents and the PDF/A parts into it.
 *
 * The files, one concern each:
 *   doc.c      the document: made and freed, its information, its pages,
 *              bookmarks and page labels, saving; the backend interface
 *   haru.c     libharu itself: its list growth, its memory, its errors, and
 *              streams of data deflated by huibian
 *   font.c     the fonts: the cache of one font per face, subsets, widths,
 *              CIDSet, ToUnicode, the font programs packed one at a time
 *   content.c  a page's contents: text runs, rules, fills, colours
 *   image.c    images: embedded once each, their bytes read back from their
 *              files when saving, orientation matrices
 *   pdfa.c     PDF/A-1b: flattened images, XMP, the output intent, /ID
 *   spill.c    the pages' contents (and the font programs) kept in a
 *              temporary file until saving
 *   subset.c   TrueType subsetting (subset.h; no libharu there)
 *
 * A function here that takes char **why fails by returning false (or NULL)
 * with *why set (the caller frees it) and the document marked broken: it can
 * then only be freed. */
#ifndef HUI_PDF_INTERNAL_H
#define HUI_PDF_INTERNAL_H

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "layout/dlist.h"
#include "pdf.h"
#include "pdf/subset.h"

/* The libharu these files were written for: 2.3.0, Debian 12's libhpdf-dev.
 * They depend on more than its API, on things another version may change
 * without a word in its changelog:
 * - the fields of HPDF_Doc (mmgr, xref, catalog, root_pages, trailer,
 *   pdf_version, stream) and that HPDF_SaveToStream writes into doc->stream;
 * - the page tree: a page's own MediaBox and Resources entries, which doc.c
 *   removes so that the page inherits the tree's;
 * - a stream dictionary's fields (stream, filter, write_fn,
 *   header.obj_class) and that a stream whose filter is NONE is copied as it
 *   is, its /Filter dropped (hui_pdf_flate_filter puts it back);
 * - the dictionary HPDF_LoadJpegImageFromMem makes, whose stream image.c
 *   replaces with one reading the file;
 * - a page's HPDF_PageAttr (stream, contents), whose stream spill.c
 *   replaces with one reading the deflated contents back, and that libharu
 *   writes nothing more into a page's stream once it is drawn (the page is
 *   left outside a path or text object, its graphics states restored);
 * - callback streams (HPDF_CallbackReader_New, HPDF_CallbackWriter_New, their
 *   attr, error and free_fn) and what a read callback's HPDF_STREAM_EOF means;
 * - HPDF_List's fields, and that libharu calls HPDF_List_Add through the
 *   dynamic linker, so that haru.c's definition replaces its own, and grows
 *   a list only through it (hui_pdf_list_trim shrinks a page's lists);
 * - offsets written as 32-bit numbers (doc.c refuses a file past 2 GB).
 * Before allowing another version here (and in cmake/FindHaru.cmake, which
 * reads these three numbers): read its hpdf_doc.h, hpdf_objects.h,
 * hpdf_pages.h, hpdf_streams.h, hpdf_list.h and the source behind them
 * against this list; then build, check that the sample edition and a
 * generated one of 500 submissions (bench/gen-edition.py), with and without
 * --pdfa, give the same PDFs as with 2.3.0 (or know why not), and run every
 * test, tests/e2e/readers.py and the PDF/A validations (test_color,
 * e2e/archive.py, e2e/photos.py) included. */
#define HUI_HARU_MAJOR 2
#define HUI_HARU_MINOR 3
#define HUI_HARU_BUGFIX 0
#if !defined(HPDF_MAJOR_VERSION) || HPDF_MAJOR_VERSION != HUI_HARU_MAJOR || \
    HPDF_MINOR_VERSION != HUI_HARU_MINOR || HPDF_BUGFIX_VERSION != HUI_HARU_BUGFIX
#ifdef HPDF_VERSION_TEXT
#pragma message("libharu " HPDF_VERSION_TEXT " found (hpdf_version.h)")
#endif
#error "src/pdf/ was written for libharu 2.3.0 and uses its internals: before allowing the version found, check what src/pdf/pdf_internal.h lists"
#endif

/* A face used in the document: its subset, and the Type0 font dictionary
 * pages name in their resources (filled in when the document is saved, when
 * the subset is complete) with its descendant CIDFontType2. */
typedef struct font_slot {
  hui_face *face; /* borrowed: the hui_fonts outlives the document */
  hui_subset *sub;
  HPDF_Dict font, cid;
  char name[16]; /* its name in the resources: F1, F2, ... */
  /* The font program, deflated (while hui_pdf_font_write runs), with its
   * length before and its SHA-256; or why it could not be made. */
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
  /* When saving (doc.c, make_outlines): the item's dictionary, empty in
   * libharu's hands, whose entries its write_fn writes from these. */
  HPDF_Dict dict, parent, prev, next, first, last;
  HPDF_Page at;
  double top;
  int count; /* /Count, written when the item has children (first) */
} outline_req;

/* The bookmarks' root, written the same way. */
typedef struct outline_root {
  HPDF_Dict dict, first, last;
  int count;
} outline_root;

typedef struct label_req {
  int from, first;
  hui_label_style style;
} label_req;

typedef struct file_source file_source; /* image bytes read back from a file */
typedef struct page_spill page_spill;   /* the pages' contents' temporary file */

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
  outline_root outline_root;
  label_req *labels;
  size_t nlabels, caplabels;
  /* Images already embedded, by content: a seal on every certificate, or the
   * same photo file given by two submissions, is embedded once. */
  img_entry *imgs;
  size_t nimgs, capimgs;
  /* PDF/A-1b (pdfa.c): the info strings again, for the XMP. */
  bool pdfa;
  char *pdfa_info[6]; /* title, author, subject, keywords, creator, date */
  uint8_t **flat;     /* images flattened against white, freed with the document */
  size_t nflat, capflat;
  file_source **sources; /* images read from their files when saving */
  size_t nsources, capsources;
  page_spill *spill; /* the pages' contents until saving (spill.c); NULL before the first */
};

/* --- haru.c ------------------------------------------------------------- */

/* A libharu document for p: its memory counted on the calling thread
 * (hui_pdf_thread_heap), its errors recorded in p->err and p->detail instead
 * of ending the process. NULL when out of memory; freed with HPDF_Free. */
HPDF_Doc hui_pdf_haru_new(hui_pdf *p);
/* When libharu has recorded an error: sets *why to it (saying what was being
 * done), marks the document broken and returns true; else false. */
bool hui_pdf_failed(hui_pdf *p, char **why, const char *doing);
/* Always sets *why (libharu's error, or that it failed while doing) and
 * returns false: for calls that fail without telling the handler. */
bool hui_pdf_fail_lib(hui_pdf *p, char **why, const char *doing);
/* Sets *why to msg (which it takes over), marks the document broken and
 * returns false. */
bool hui_pdf_fail_msg(hui_pdf *p, char **why, char *msg);

/* Frees the room a list (a dictionary's entries) holds beyond what it
 * uses, for a list done growing (it may still grow). */
void hui_pdf_list_trim(HPDF_List list);
/* len bytes deflated in the zlib format (a PDF FlateDecode stream), in a new
 * block of *zlen bytes; NULL when the compressor fails. Thread-safe. */
unsigned char *hui_pdf_deflate(const void *data, size_t len, size_t *zlen);
/* The same at the fastest level, for a page's contents and a CFF program
 * (haru.c says why). */
unsigned char *hui_pdf_deflate_fast(const void *data, size_t len, size_t *zlen);
/* A write_fn for a stream huibian deflated itself (filter NONE, so that
 * libharu copies it as it is): puts /Filter /FlateDecode back. */
HPDF_STATUS hui_pdf_flate_filter(HPDF_Dict dict, HPDF_Stream stream);
/* A new stream object (in the document's cross-reference table, freed with
 * it) holding len bytes of data deflated (by hui_pdf_deflate, at once);
 * NULL when libharu fails. */
HPDF_Dict hui_pdf_flate_stream(hui_pdf *p, const void *data, size_t len);

/* --- font.c ------------------------------------------------------------- */

/* The document's font for face, made on first use (face is borrowed and must
 * outlive the document; the slot is the document's, and may move when another
 * font is added). NULL on failure. */
font_slot *hui_pdf_font_get(hui_pdf *p, hui_face *face, char **why);
/* Makes a font's program and fills its dictionaries: when saving, one font
 * after the other (the program goes to spill.c's file). */
bool hui_pdf_font_write(hui_pdf *p, font_slot *s, char **why);

/* --- content.c ---------------------------------------------------------- */

/* Draws dp into page, a new libharu page of dp's size, and compresses the
 * page's contents. The page dp is only read. */
bool hui_pdf_draw_page(hui_pdf *p, HPDF_Page page, const hui_dpage *dp, char **why);
/* Appends v as a content-stream number: at most 4 decimals, no exponent. */
void hui_pdf_put_num(hui_buf *b, double v);
/* n numbers, each followed by a space, then the operator op and a newline. */
void hui_pdf_put_op(hui_buf *out, const double *v, int n, const char *op);

/* --- image.c ------------------------------------------------------------ */

/* Draws di's image into out, the contents of a page of height page_h,
 * embedding the image the first time it is drawn. */
bool hui_pdf_image_draw(hui_pdf *p, hui_buf *out, double page_h, const hui_dimage *di, char **why);
/* Why reading an image's bytes back from its file failed while saving (the
 * file's name and what happened to it; owned by the document), or NULL. */
const char *hui_pdf_image_failure(const hui_pdf *p);
/* Frees a file source (NULL-safe), closing its file. */
void hui_pdf_source_free(file_source *f);

/* --- spill.c ------------------------------------------------------------ */

/* Appends a page's deflated contents (zlen bytes at z) to the document's
 * temporary file (made on first use) and gives contents, the page's content
 * stream, a stream that reads them back from there when the document is
 * saved, in place of the one it had (freed). */
bool hui_pdf_spill_contents(hui_pdf *p, HPDF_Dict contents, const void *z, size_t zlen, char **why);
/* Why reading the pages' contents back failed while saving (owned by the
 * document), or NULL. */
const char *hui_pdf_spill_failure(const hui_pdf *p);
/* Closes the temporary file (NULL-safe): after the document is freed. */
void hui_pdf_spill_free(page_spill *sp);

/* --- pdfa.c ------------------------------------------------------------- */

/* img's pixels flattened against white (PDF/A-1 allows no soft mask); the
 * document owns them and frees them with itself. */
const uint8_t *hui_pdfa_flatten(hui_pdf *p, const hui_image *img);
/* Adds the output intent, the XMP metadata and the /ID: when saving, after the
 * fonts are written. */
bool hui_pdfa_finish(hui_pdf *p, char **why);

#endif
