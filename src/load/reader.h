/* load/reader: what a reader of submission files is, and the table that picks
 * one by the file name's extension (reader.c). A reader turns one file into a
 * hui_submission; everything after it — rules, order, composition, layout —
 * works on the model alone, whatever format the file was. docbook.c reads
 * DocBook 5.0 (.xml); a Word reader (docx.c) is one more row in the table.
 * No libxml2 here: a reader of another format need not see it.
 *
 * What a reader is given: src (the file's name for findings, and its path or
 * its bytes), the sink d, and sub with path = src->rel, charcount = -1 and
 * tier = -1, everything else zero. The caller owns sub (it is freed with the
 * edition, hui_edition_free), so whatever the reader puts in it is allocated
 * with the hui_x* functions and handed over.
 *
 * What it must produce:
 *  - the fields (hui_field: text trimmed of white space; pos where the element
 *    or paragraph starts; text_pos where the text's first character is, or
 *    {0,0}), sub->root_pos, and sub->body: a HUI_N_ROOT tree whose sections
 *    start with a HUI_N_TITLE, every node with its position;
 *  - sub->loaded = true once the file's content could be mapped, even when
 *    findings were made (the findings keep the build from starting); false
 *    when the file could not be read at all, its fields then left empty;
 *  - nothing dropped in silence: what the model cannot hold is a finding;
 *  - the limits of hui_limits.h on what it reads (size, element count,
 *    depth). Text too long for one block is checked by the caller on the body
 *    (hui_reader_check_lengths), for every format alike.
 *
 * How it reports: every problem of the file is a diagnostic in d
 * (hui_diag_add), never a message on stderr and never the end of the whole
 * edition, with
 *  - file = src->rel;
 *  - the rule id from the registry (rules/rules.c, docs/rules.md):
 *    file-unreadable, file-too-large, not-well-formed, schema, too-deep, ...
 *    A new id goes into both;
 *  - line and col where the author finds the fault, 1-based, col counting
 *    characters (not bytes); 0:0 for the file as a whole (it cannot be read),
 *    col 0 when only the line is known.
 * A format without lines (a Word document) still gives a line and column the
 * author can find, and says in its reader's header comment what they count:
 * line = the paragraph's number in reading order (1-based) and col = the
 * character in that paragraph. The nodes and fields carry those positions too,
 * so that the rules' findings on its text point into it the same way. */
#ifndef HUI_LOAD_READER_H
#define HUI_LOAD_READER_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

/* The file a reader reads: on disk, or bytes in memory (tests, fuzzers). */
typedef struct hui_source {
  const char *rel;   /* its name in findings, relative to the edition: "submissions/s1.xml" */
  const char *path;  /* the file to read (inside the edition folder), or NULL: */
  const char *bytes; /* its len bytes, when path is NULL (not copied beyond the call) */
  size_t len;
} hui_source;

/* Reads one submission (see above). */
typedef void hui_reader_fn(const hui_source *src, hui_diags *d, hui_submission *sub);

typedef struct hui_reader {
  const char *ext; /* the file name's ending, matched in any case: ".xml" */
  hui_reader_fn *read;
} hui_reader;

/* The reader for a file name by its extension (any case; the name must have
 * more than the extension), or NULL when no reader takes it. */
const hui_reader *hui_reader_for(const char *name);

/* Sets sub up as a reader is given it: path = rel (copied), charcount and
 * tier -1. */
void hui_reader_init(hui_submission *sub, const char *rel);

/* Reads src into sub with reader r: hui_reader_init, the reader, then the
 * body's blocks against HUI_MAX_TEXT_CHARS. */
void hui_reader_run(const hui_reader *r, const hui_source *src, hui_diags *d, hui_submission *sub);

/* Reports every paragraph or title of body (NULL: none) with more than
 * HUI_MAX_TEXT_CHARS characters (text-too-long) on file. */
void hui_reader_check_lengths(hui_diags *d, const char *file, const hui_node *body);

/* The readers. */
void hui_read_docbook(const hui_source *src, hui_diags *d, hui_submission *sub); /* docbook.c */

/* campaign.xml, read the same way into c (campaign.c): c zeroed by the
 * caller; findings on "campaign.xml". */
void hui_read_campaign(const hui_source *src, hui_diags *d, hui_campaign *c);

#endif
