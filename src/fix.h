/* fix: applies the safe fix-its of halfwidth-punct and stray-space to a
 * submission file's own bytes — never re-serialising the XML. */
#ifndef HUI_FIX_H
#define HUI_FIX_H

#include <stdbool.h>
#include <stdio.h>

typedef struct hui_fix_result {
  size_t changes;   /* characters replaced plus space runs removed */
  bool backup_kept; /* PATH.orig existed already and was left as it was */
  /* The encoding the file declared when it was converted to UTF-8 ("GBK", as
   * written), or "" when it was UTF-8 already. */
  char converted[8];
} hui_fix_result;

/* True when the file at path declares GB18030, GBK or GB2312 and is not
 * UTF-8: fix converts it to UTF-8, whether or not it has anything else to
 * fix. */
bool hui_fix_wants_utf8(const char *path);

/* Fixes the submission file at path (named name in the diff). Only character
 * data is touched: of the article body (punctuation and spaces) and of the
 * deeds title and subtitle (punctuation only) — never markup, attributes,
 * comments, processing instructions or entity references; every other byte
 * stays as it was. A file that declares GB18030, GBK or GB2312 (and is not
 * UTF-8) is converted to UTF-8, its declaration then saying encoding="UTF-8";
 * the fixes and the diff are made on its text. With dry_run nothing is written and a unified diff goes to
 * diff (when there is a change). Otherwise, when there is a change, the
 * original is first copied to PATH.orig (an existing PATH.orig is kept: it is
 * the first backup) and the file is replaced atomically (temporary file +
 * rename). Returns false with *why (caller frees) on an I/O failure or when
 * path is not a regular file. */
bool hui_fix_file(const char *path, const char *name, bool dry_run, FILE *diff, hui_fix_result *res,
                  char **why);

/* The fixed text of an XML document in memory (see hui_fix_file). Returns a
 * fresh NUL-terminated buffer (caller frees) of *out_len bytes; *changes
 * counts the changes. */
char *hui_fix_text(const char *buf, size_t len, size_t *out_len, size_t *changes);

/* Writes a unified diff (3 lines of context) of a → b to out, with headers
 * naming name. Lines are compared one for one (fixes never add or remove a
 * line). */
void hui_fix_diff(const char *a, size_t alen, const char *b, size_t blen, const char *name, FILE *out);

#endif
