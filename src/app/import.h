/* app/import: one Word document (load/docx.h) and the metadata found for it
 * turned into one DocBook 5.0 submission (docs/intake.md). The metadata
 * comes, field by field, from a roster row first, then a 推荐表 form in the
 * document, then the header block at the document's top; the body keeps
 * every paragraph in order, each naming the Word paragraph it came from (the
 * source map). What the submission format cannot hold (a fourth heading
 * level, a footnote in a table cell) is kept otherwise and said in the
 * report's notes. The command itself (walking folders,
 * reading and converting files, ids, writing) is app/importing.c. */
#ifndef HUI_APP_IMPORT_H
#define HUI_APP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "../load/docx.h"
#include "../load/roster.h"

/* Where a metadata field was found. */
typedef enum hui_meta_from {
  HUI_META_NOWHERE,
  HUI_META_ROSTER, /* the --roster row */
  HUI_META_FORM,   /* a 推荐表 table in the document */
  HUI_META_HEADER, /* the header block at the top of the document */
} hui_meta_from;

/* The field's name for the clerk, translated: "name", "unit", ... */
const char *hui_import_field_label(hui_roster_field f);

/* The lines of the report for one file, already translated. */
typedef struct hui_import_notes {
  char **lines;
  size_t n, cap;
} hui_import_notes;

/* Appends a line (printf format). */
void hui_import_note(hui_import_notes *notes, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Frees the lines and zeroes notes (NULL-safe). */
void hui_import_notes_clear(hui_import_notes *notes);

/* The metadata of one document and which of its blocks it took. */
typedef struct hui_import_meta {
  char *field[HUI_RF_COUNT]; /* NULL: not found */
  hui_meta_from from[HUI_RF_COUNT];
  /* The first other value a later source gives for a field that is set
   * (the 推荐表 names another unit than the roster), for the report. */
  char *other[HUI_RF_COUNT];
  hui_meta_from other_from[HUI_RF_COUNT];
  char *title, *subtitle;             /* from the header block; NULL: none */
  size_t title_block, subtitle_block; /* their blocks, (size_t)-1 when none */
  bool *taken;                        /* per block: metadata, not body (header lines, the form) */
  size_t nblocks;
  size_t form;         /* the block of the 推荐表, (size_t)-1 when none */
  size_t form_heading; /* the form's own heading (推荐表) above it, (size_t)-1 when none */
  bool deeds_used;     /* the form's 主要事迹 cell is the body (the document has no other) */
} hui_import_meta;

/* Finds doc's metadata into m (zeroed by the caller): each field of the
 * roster row entry (may be NULL) that is not empty, then a 推荐表 (the first
 * table whose grid names a 姓名 or at least three fields), then the header
 * block (a title line, a "——记…" subtitle, "姓名：…" lines). Free with
 * hui_import_meta_clear. */
void hui_import_meta_find(const hui_docx *doc, const hui_roster_entry *entry, hui_import_meta *m);
void hui_import_meta_clear(hui_import_meta *m);

/* The roster row for the file named file (its name inside the folder
 * imported): the row whose 文件 is that name (with or without extension),
 * else the one row whose 姓名 appears in it (the longest when names nest, as
 * 王芳 in 王芳芳). -1 when none, or when two rows fit equally. */
long hui_import_roster_match(const hui_roster *r, const char *file);
/* The one roster row whose 姓名 is name (white space not counted); -1. */
long hui_import_roster_by_name(const hui_roster *r, const char *name);

/* The id a roster's 编号 gives: digits alone become s<year>-NNN (7 and 007
 * both s2024-007); an id of letters, digits, '-' and '_' that starts with a
 * letter stays as it is. NULL when the number is empty or neither. */
char *hui_import_roster_id(int year, const char *number);

/* What the DocBook writer needs besides the document and its metadata. */
typedef struct hui_import_target {
  const char *id;     /* xml:id */
  const char *source; /* the Word file's name, for the source map */
  const char *photo;  /* the cover's fileref relative to the edition, or NULL */
  /* Where each of doc's images was saved (relative to the edition), or
   * NULL for one not saved; NULL for none. */
  char *const *image_files;
} hui_import_target;

/* The DocBook 5.0 submission (valid against src/schemas/submission.rng,
 * with no role the reader does not read): <info> from m, then the body:
 * headings as sections (the document's three highest levels; a deeper
 * heading a bold paragraph), bold runs as <emphasis role="bold">, list
 * items as paragraphs (the numbering label kept as Word shows it),
 * footnotes as <footnote> where their marks stand (one marked where a
 * footnote cannot stand, as in a table cell or a heading, as paragraphs
 * after that block), tables as CALS informaltable (a table with the caption
 * above or under it as its title), an image with a caption under it as a
 * figure, one without and one inside a paragraph's text as an
 * informalfigure (after that paragraph). Each paragraph, title, section,
 * table, tgroup, figure and mediaobject carries remap="pN" (Word paragraph
 * N) or "pN+K" (K characters dropped at its start), a footnote's paragraphs
 * "fnN"; the Word file is named by <?huibian-source file="…"?> before the
 * root. Appends to notes what was dropped or is kept otherwise. Caller
 * frees. */
char *hui_import_docbook(const hui_docx *doc, const hui_import_meta *m, const hui_import_target *t,
                         hui_import_notes *notes);

/* Where a place of an imported submission came from in its Word file. */
typedef struct hui_import_place {
  char *file;      /* the Word file's name (caller frees) */
  size_t para;     /* Word's paragraph, 1-based; 0 for a footnote */
  size_t footnote; /* the footnote's number, or 0 */
  size_t chr;      /* the character in the paragraph, 1-based; 0: the paragraph as a whole */
} hui_import_place;

/* The Word place of line:col (1-based, col in characters) of the submission
 * xml written by import: the huibian-source file and the remap of the
 * paragraph, title or section that holds the place (text after a footnote
 * counted without the note's; a place in a table's cells or on a figure's
 * image is the table's or image's paragraph alone). False (p untouched)
 * when xml was not written by import or the place is in no mapped
 * element (the <info> lines other than the title). */
bool hui_import_place_of(const char *xml, size_t len, int line, int col, hui_import_place *p);

/* The findings d (on the files of the edition folder edition) with, after
 * the message of each finding in a submission written by import, the Word
 * file and place it came from: "(张三事迹.docx: 第3段第12字)". Caller frees
 * (importing.c). */
struct hui_diags;
struct hui_diags *hui_import_diags_placed(const char *edition, const struct hui_diags *d);

#endif
