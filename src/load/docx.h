/* load/docx: a WordprocessingML package (.docx) read into a plain document
 * that `huibian import` turns into a DocBook submission: blocks of visible
 * text in reading order (headings with their level, paragraphs, list items,
 * tables, images, captions), the footnotes, the images' bytes, and where each
 * block came from (the Word paragraph's number, for the source map). What the
 * reader drops (empty paragraphs, leading indents, breaks, headers/footers,
 * field codes, hidden text, comments) is listed in the report, one line per
 * kind and place, so nothing is lost without a word.
 *
 * The reader knows Word; it knows nothing of DocBook, rosters or editions:
 * the 推荐表 form matcher (roster.h) reads a table through its grid. */
#ifndef HUI_LOAD_DOCX_H
#define HUI_LOAD_DOCX_H

#include <stdbool.h>
#include <stddef.h>

#include "load/roster.h"

typedef enum hui_docx_kind {
  HUI_DOCX_PARA,    /* a body paragraph */
  HUI_DOCX_HEADING, /* a heading: level 1.. by outline level or heading style */
  HUI_DOCX_ITEM,    /* an item of a list that is not a heading: level 0.. */
  HUI_DOCX_TABLE,   /* a table: see table */
  HUI_DOCX_IMAGE,   /* an image alone in its paragraph: see image */
  HUI_DOCX_CAPTION, /* a caption paragraph (Caption/题注 style, or 图为… under an image) */
} hui_docx_kind;

/* A range of bytes of a block's text. */
typedef struct hui_docx_span {
  size_t start, end;
} hui_docx_span;

/* A mark at a byte offset of a block's text: a footnote reference (what is
 * the footnote's index) or an inline image (what is the image's index). */
typedef struct hui_docx_mark {
  size_t at;
  size_t what;
} hui_docx_mark;

/* A table cell as the grid holds it: the top-left cell of a merged range
 * carries the text and the spans; the cells it covers have colspan == 0. */
typedef struct hui_docx_cell {
  char *text; /* the cell's paragraphs joined by '\n' */
  size_t colspan, rowspan;
} hui_docx_cell;

typedef struct hui_docx_table {
  size_t nrows, ncols;
  hui_docx_cell *cells; /* nrows * ncols, row-major */
  bool header_row;      /* the first row repeats as a header (w:tblHeader) */
  hui_grid grid;        /* the same texts as rows of cells, a merged cell's text
                           repeated over the cells it covers and the repeats marked
                           in its rows' merge (for hui_form_match) */
} hui_docx_table;

typedef struct hui_docx_block {
  hui_docx_kind kind;
  int level;
  char *text;          /* visible text, UTF-8, the numbering label first as Word shows it */
  size_t label_len;    /* bytes of that numbering label at the start of text (0: none) */
  hui_docx_span *bold; /* runs set in bold (a bold lead-in is one at offset 0) */
  size_t nbold;
  hui_docx_mark *notes; /* footnote references in text */
  size_t nnotes;
  hui_docx_mark *images; /* inline images in text */
  size_t nimages;
  size_t image;          /* HUI_DOCX_IMAGE: its index in images */
  hui_docx_table *table; /* HUI_DOCX_TABLE */
  size_t para;           /* the Word paragraph it came from, 1-based, counted over the
                            body's paragraphs as Word numbers them (table cells included) */
  size_t skipped;        /* characters dropped before text (a leading indent), for the
                            source map's character position */
  char *style;           /* the name of the paragraph's style as Word stores it ("Title",
                            "heading 2", "标题 1", a custom name), NULL when it has none or
                            the block is no paragraph (tables, images) */
} hui_docx_block;

typedef struct hui_docx_image {
  char *name; /* the member's base name in the package, e.g. "image1.png" */
  char *type; /* "png", "jpeg", or what the name says otherwise */
  unsigned char *bytes;
  size_t len;
} hui_docx_image;

typedef struct hui_docx_note {
  char *text; /* the footnote's paragraphs joined by '\n' */
} hui_docx_note;

/* One line of the import report: what was dropped or noticed, and where. */
typedef struct hui_docx_drop {
  size_t para; /* 0: not tied to a paragraph */
  char *what;  /* a message for the clerk, already translated */
} hui_docx_drop;

typedef struct hui_docx {
  hui_docx_block *blocks;
  size_t nblocks;
  hui_docx_note *notes;
  size_t nnotes;
  hui_docx_image *images;
  size_t nimages;
  hui_docx_drop *drops;
  size_t ndrops;
} hui_docx;

/* Reads the len bytes of a .docx package into doc (zeroed by the caller).
 * Returns false with *why set (a message for the clerk, caller frees) when
 * the file is not a readable Word document: not a zip, truncated, encrypted,
 * too large when inflated, a DOCTYPE in a part, a part path that climbs out,
 * unaccepted tracked changes (naming the paragraph), or no main document
 * part. doc then holds what was read (free it with hui_docx_clear). */
bool hui_docx_read(const char *bytes, size_t len, hui_docx *doc, char **why);

/* Frees what doc holds and zeroes it (NULL-safe). */
void hui_docx_clear(hui_docx *doc);

#endif
