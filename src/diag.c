/* diag: the diagnostic sink, its ordering and its text form. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"

struct hui_diags {
  hui_diag *items;
  size_t n, cap;
};

hui_diags *hui_diags_new(void) { return hui_xcalloc(1, sizeof(hui_diags)); }

void hui_diags_free(hui_diags *d) {
  if (!d) return;
  for (size_t i = 0; i < d->n; i++) {
    free(d->items[i].file);
    free(d->items[i].message);
    free(d->items[i].rule);
  }
  free(d->items);
  free(d);
}

void hui_diag_add(hui_diags *d, hui_severity sev, const char *file, int line, int col,
                  const char *rule, const char *fmt, ...) {
  hui_diag *x = HUI_PUSH(d->items, d->n, d->cap);
  x->severity = sev;
  x->file = hui_xstrdup(file ? file : "");
  x->line = line;
  x->col = col;
  x->rule = hui_xstrdup(rule ? rule : "");
  x->seq = d->n;
  va_list ap;
  va_start(ap, fmt);
  x->message = hui_xvasprintf(fmt, ap);
  va_end(ap);
}

void hui_diags_append(hui_diags *d, hui_diags *from) {
  for (size_t i = 0; i < from->n; i++) {
    hui_diag *x = HUI_PUSH(d->items, d->n, d->cap);
    *x = from->items[i];
    x->seq = d->n;
  }
  from->n = 0;
}

static int cmp_diag(const void *a, const void *b) {
  const hui_diag *x = a, *y = b;
  int c = strcmp(x->file, y->file);
  if (c) return c;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->col != y->col) return x->col < y->col ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void hui_diags_sort(hui_diags *d) {
  if (d->n > 1) qsort(d->items, d->n, sizeof *d->items, cmp_diag);
}

size_t hui_diags_len(const hui_diags *d) { return d->n; }
const hui_diag *hui_diags_at(const hui_diags *d, size_t i) { return i < d->n ? &d->items[i] : NULL; }

size_t hui_diags_count(const hui_diags *d, hui_severity sev) {
  size_t c = 0;
  for (size_t i = 0; i < d->n; i++) c += d->items[i].severity == sev;
  return c;
}

bool hui_diags_failed(const hui_diags *d, bool werror) {
  return hui_diags_count(d, HUI_ERROR) > 0 || (werror && hui_diags_count(d, HUI_WARNING) > 0);
}

const char *hui_severity_name(hui_severity sev) {
  switch (sev) {
  case HUI_NOTE: return N_("note");
  case HUI_WARNING: return N_("warning");
  default: return N_("error");
  }
}

/* The invisible characters (hui_invisible_char), and why each is one:
 * - bidi controls: U+061C, U+200E/200F, U+202A–202E, U+2066–2069 reorder the
 *   text around them on screen (the file name "s1" U+202E "lmx.exe" shows as
 *   "s1exe.xml") and print as nothing or a box;
 * - zero-width characters: U+200B–200D, U+2060 (word joiner), U+FEFF (a byte
 *   order mark inside text) print as nothing, but make two equal-looking names
 *   different and stop the rules that compare text;
 * - U+2028/2029 (line and paragraph separator) look like a line break in an
 *   editor but are none in print: a new paragraph is a new <para>;
 * - U+00AD (soft hyphen): huibian never hyphenates, so it prints as nothing
 *   or as a stray hyphen in mid-word, depending on the font; it comes from web
 *   pages (&shy;);
 * - the invisible mathematical operators U+2061–2064, the deprecated format
 *   characters U+206A–206F, the interlinear annotation marks U+FFF9–FFFB and
 *   the tag characters U+E0001, U+E0020–E007F: invisible, of no use here.
 * Not invisible in this sense: the variation selectors (U+FE00–FE0F,
 * U+E0100–E01EF) choose the form of the Han character before them, which a
 * name may need; U+180E belongs to Mongolian writing; U+00A0 and U+3000 print
 * as spaces (stray-space looks at those). */
static const struct {
  uint32_t lo, hi;
  const char *name;
} INVISIBLE[] = {
    {0x00AD, 0x00AD, N_("soft hyphen")},
    {0x061C, 0x061C, N_("Arabic letter mark, a right-to-left control")},
    {0x200B, 0x200B, N_("zero-width space")},
    {0x200C, 0x200C, N_("zero-width non-joiner")},
    {0x200D, 0x200D, N_("zero-width joiner")},
    {0x200E, 0x200E, N_("left-to-right mark")},
    {0x200F, 0x200F, N_("right-to-left mark")},
    {0x2028, 0x2028, N_("line separator")},
    {0x2029, 0x2029, N_("paragraph separator")},
    {0x202A, 0x202A, N_("left-to-right embedding")},
    {0x202B, 0x202B, N_("right-to-left embedding")},
    {0x202C, 0x202C, N_("pop directional formatting")},
    {0x202D, 0x202D, N_("left-to-right override")},
    {0x202E, 0x202E, N_("right-to-left override")},
    {0x2060, 0x2060, N_("word joiner")},
    {0x2061, 0x2064, N_("invisible mathematical operator")},
    {0x2066, 0x2066, N_("left-to-right isolate")},
    {0x2067, 0x2067, N_("right-to-left isolate")},
    {0x2068, 0x2068, N_("first strong isolate")},
    {0x2069, 0x2069, N_("pop directional isolate")},
    {0x206A, 0x206F, N_("deprecated formatting character")},
    {0xFEFF, 0xFEFF, N_("zero-width no-break space, or byte order mark")},
    {0xFFF9, 0xFFFB, N_("interlinear annotation mark")},
    {0xE0001, 0xE0001, N_("language tag")},
    {0xE0020, 0xE007F, N_("tag character")},
};

const char *hui_invisible_char(uint32_t cp) {
  /* most text (Han characters above all) is answered here, without the list */
  if (cp < 0xAD || (cp > 0x206F && cp < 0xFEFF) || (cp > 0xFFFB && cp < 0xE0001) || cp > 0xE007F)
    return NULL;
  for (size_t i = 0; i < sizeof INVISIBLE / sizeof *INVISIBLE; i++)
    if (cp >= INVISIBLE[i].lo && cp <= INVISIBLE[i].hi) return INVISIBLE[i].name;
  return NULL;
}

/* Writes s on one line, hiding nothing: control characters as \n, \r, \t or
 * \xHH (ASCII) and \uHHHH (C1), invisible characters as \uHHHH, bytes that
 * are not UTF-8 as \xHH; everything else as it is (a backslash too: the
 * escapes are for reading, so "file:line:col:" stays one line that can be
 * split at its colons, not for turning back into the name). */
static void put_visible(FILE *out, const char *s) {
  size_t len = strlen(s), i = 0;
  while (i < len) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, len - i, &cp);
    if (!k) {
      fprintf(out, "\\x%02x", (unsigned char)s[i]);
      i++;
      continue;
    }
    if (cp == '\n') fputs("\\n", out);
    else if (cp == '\r') fputs("\\r", out);
    else if (cp == '\t') fputs("\\t", out);
    else if (cp < 0x20 || cp == 0x7F) fprintf(out, "\\x%02x", (unsigned)cp);
    else if ((cp >= 0x80 && cp < 0xA0) || hui_invisible_char(cp))
      fprintf(out, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
    else fwrite(s + i, 1, k, out);
    i += k;
  }
}

/* "prefix/file" as a finding names it. */
static void put_file(FILE *out, const char *prefix, const char *file) {
  if (prefix && *prefix) {
    put_visible(out, prefix);
    fputc('/', out);
  }
  put_visible(out, file);
}

/* The line that stands for the findings of one file left out: how many, how
 * many of them errors, and how to see them. */
static void print_left_out(FILE *out, const char *prefix, const char *file, size_t n, size_t nerr) {
  put_file(out, prefix, file);
  fputs(": ", out);
  fprintf(out, P_("... and %zu more finding in this file", "... and %zu more findings in this file", n), n);
  if (nerr) fprintf(out, P_(" (%zu of them an error)", " (%zu of them errors)", nerr), nerr);
  fputs(_("; use --verbose to see them all\n"), out);
}

void hui_diags_print(const hui_diags *d, FILE *out, const char *prefix) { hui_diags_print_capped(d, out, prefix, 0); }

void hui_diags_print_capped(const hui_diags *d, FILE *out, const char *prefix, size_t per_file) {
  size_t shown = 0, left = 0, left_err = 0;
  for (size_t i = 0; i < d->n; i++) {
    const hui_diag *x = &d->items[i];
    if (i && strcmp(x->file, d->items[i - 1].file) != 0) {
      if (left) print_left_out(out, prefix, d->items[i - 1].file, left, left_err);
      shown = left = left_err = 0;
    }
    if (per_file && shown >= per_file) {
      left++;
      left_err += x->severity == HUI_ERROR;
      continue;
    }
    shown++;
    put_file(out, prefix, x->file);
    if (x->line > 0) {
      fprintf(out, ":%d", x->line);
      if (x->col > 0) fprintf(out, ":%d", x->col);
    }
    fprintf(out, ": %s: ", _(hui_severity_name(x->severity)));
    put_visible(out, x->message);
    if (*x->rule) fprintf(out, " [%s]", x->rule);
    fputc('\n', out);
  }
  if (left) print_left_out(out, prefix, d->items[d->n - 1].file, left, left_err);
}

void hui_diags_print_summary(const hui_diags *d, FILE *out, size_t nsubmissions) {
  size_t ne = hui_diags_count(d, HUI_ERROR), nw = hui_diags_count(d, HUI_WARNING);
  char *errors = hui_xasprintf(P_("%zu error", "%zu errors", ne), ne);
  char *warnings = hui_xasprintf(P_("%zu warning", "%zu warnings", nw), nw);
  char *subs = hui_xasprintf(P_("%zu submission", "%zu submissions", nsubmissions), nsubmissions);
  /* TRANSLATORS: "3 errors, 1 warning in 12 submissions" */
  fprintf(out, _("%s, %s in %s\n"), errors, warnings, subs);
  free(errors);
  free(warnings);
  free(subs);
  /* Then the findings per rule, most frequent first: "too-long: 2, ..." */
  const char **rules = NULL;
  size_t *counts = NULL, nr = 0, cap = 0, capc = 0;
  for (size_t i = 0; i < d->n; i++) {
    if (d->items[i].severity == HUI_NOTE) continue;
    size_t k = 0;
    while (k < nr && strcmp(rules[k], d->items[i].rule) != 0) k++;
    if (k == nr) {
      *HUI_PUSH(rules, nr, cap) = d->items[i].rule;
      size_t nc = nr - 1;
      *HUI_PUSH(counts, nc, capc) = 0;
    }
    counts[k]++;
  }
  for (size_t i = 1; i < nr; i++) /* insertion sort: count down, then name */
    for (size_t j = i; j > 0 && (counts[j] > counts[j - 1] ||
                                 (counts[j] == counts[j - 1] && strcmp(rules[j], rules[j - 1]) < 0));
         j--) {
      const char *r = rules[j];
      rules[j] = rules[j - 1];
      rules[j - 1] = r;
      size_t c = counts[j];
      counts[j] = counts[j - 1];
      counts[j - 1] = c;
    }
  for (size_t i = 0; i < nr; i++) fprintf(out, "%s%s: %zu", i ? ", " : _("by rule: "), rules[i], counts[i]);
  if (nr) fputc('\n', out);
  free(rules);
  free(counts);
}
