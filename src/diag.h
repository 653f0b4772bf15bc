/* diag: source locations and the diagnostic sink every stage reports into. */
#ifndef HUI_DIAG_H
#define HUI_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum { HUI_NOTE, HUI_WARNING, HUI_ERROR } hui_severity;

/* One finding. file is relative to the edition folder; line/col are 1-based
 * (0 = unknown); col counts characters, not bytes. */
typedef struct hui_diag {
  hui_severity severity;
  char *file;
  int line, col;
  char *message;
  char *rule; /* stable rule id, e.g. "too-long" */
  size_t seq; /* insertion order, keeps the sort stable */
} hui_diag;

typedef struct hui_diags hui_diags;

/* A new empty sink. Free with hui_diags_free (NULL-safe). */
hui_diags *hui_diags_new(void);
void hui_diags_free(hui_diags *d);

/* Records a finding; all strings are copied. */
void hui_diag_add(hui_diags *d, hui_severity sev, const char *file, int line, int col,
                  const char *rule, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/* Moves every finding of from to the end of d, as if added there now (from
 * is left empty). */
void hui_diags_append(hui_diags *d, hui_diags *from);
/* Sorts by file, line, column, then insertion order. */
void hui_diags_sort(hui_diags *d);
size_t hui_diags_len(const hui_diags *d);
const hui_diag *hui_diags_at(const hui_diags *d, size_t i);
size_t hui_diags_count(const hui_diags *d, hui_severity sev);
/* Errors, plus warnings when werror. */
bool hui_diags_failed(const hui_diags *d, bool werror);

/* `file:line:col: severity: message [rule]`, one per line (paths prefixed with
 * prefix/ when prefix is non-NULL), then nothing else. A finding is always
 * one line that hides nothing: in the file name and the message, control
 * characters, the invisible characters of hui_invisible_char and bytes that
 * are not UTF-8 are written as escapes (\n, \t, \r, \x1b, \xff, \u202e). */
void hui_diags_print(const hui_diags *d, FILE *out, const char *prefix);
/* As hui_diags_print, but at most per_file findings of each file (0: all),
 * in their order; the rest of a file's findings are one line after them:
 * "file: ... and 7 more findings in this file (2 of them errors); use
 * --verbose to see them all". The findings must be sorted (by file). */
void hui_diags_print_capped(const hui_diags *d, FILE *out, const char *prefix, size_t per_file);
/* The summary line, e.g. "3 errors, 1 warning in 26 submissions", then (when
 * there are findings) their counts per rule, most frequent first:
 * "by rule: halfwidth-punct: 5, too-long: 2". */
void hui_diags_print_summary(const hui_diags *d, FILE *out, size_t nsubmissions);
const char *hui_severity_name(hui_severity sev);

/* What an invisible character is called ("right-to-left override"), or NULL
 * for any other character. Invisible: a character that prints as nothing or
 * as a box, or silently reorders the text around it — the bidi controls, the
 * zero-width characters, U+FEFF, U+2028/2029, the soft hyphen and a few more
 * (diag.c lists them and says why). Control characters (C0, DEL, C1) are not
 * among them: they are invisible too, but have no names here. The
 * control-char rule reports both in text; diagnostics escape both. */
const char *hui_invisible_char(uint32_t cp);

#endif
