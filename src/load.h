/* load: the edition folder → model (src/load/). campaign.xml and the
 * templates are XML; each submission is read by the reader its file name's
 * extension selects (load/reader.h: today DocBook 5.0, *.xml). The only module
 * that sees libxml2: XML is parsed from memory with DTDs and entities refused
 * and validated against the RELAX NG schemas compiled in. */
#ifndef HUI_LOAD_H
#define HUI_LOAD_H

#include "diag.h"
#include "hui_limits.h" /* HUI_MAX_XML_BYTES and the other limits */
#include "model.h"

/* Loads the edition folder dir: campaign.xml and every file of submissions/
 * that a reader takes, *.xml in any case (sorted by file name). Problems in
 * the files are diagnostics in d (the edition is still returned, with
 * loaded=false on the broken parts). Returns NULL only when dir is not a
 * readable edition folder at all, after printing nothing; *why then holds a
 * message for the user (caller frees). Caller frees the result with
 * hui_edition_free. */
hui_edition *hui_load_edition(const char *dir, hui_diags *d, char **why);

/* Loads one submission from len bytes in memory, as if it were the file rel
 * (e.g. "submissions/s1.xml", used in diagnostics; its extension selects the
 * reader, DocBook when no reader takes it), into *sub (zeroed by the caller;
 * freed with the edition that holds it). Reads no file: for the fuzzers
 * and tests. Problems are diagnostics in d, as for a file. */
void hui_load_submission_memory(const char *rel, const char *bytes, size_t len, hui_diags *d,
                                hui_submission *sub);
/* The same for campaign.xml, into *c (zeroed by the caller). */
void hui_load_campaign_memory(const char *bytes, size_t len, hui_diags *d, hui_campaign *c);

/* Loads template NAME: EDITION/templates/NAME.xml first, then
 * TEMPLATE_DIR/NAME.xml. Returns NULL with *why set (caller frees) when neither
 * exists or the file is invalid. Caller frees with hui_template_free. */
hui_template *hui_load_template(const char *edition_dir, const char *template_dir,
                                const char *name, char **why);

#endif
