/* diag: the diagnostic sink, its ordering and its text form. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

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
  case HUI_NOTE: return "note";
  case HUI_WARNING: return "warning";
  default: return "error";
  }
}

void hui_diags_print(const hui_diags *d, FILE *out, const char *prefix) {
  for (size_t i = 0; i < d->n; i++) {
    const hui_diag *x = &d->items[i];
    if (prefix && *prefix) fprintf(out, "%s/", prefix);
    fputs(x->file, out);
    if (x->line > 0) {
      fprintf(out, ":%d", x->line);
      if (x->col > 0) fprintf(out, ":%d", x->col);
    }
    fprintf(out, ": %s: %s", hui_severity_name(x->severity), x->message);
    if (*x->rule) fprintf(out, " [%s]", x->rule);
    fputc('\n', out);
  }
}

static void plural(FILE *out, size_t n, const char *word) {
  fprintf(out, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

void hui_diags_print_summary(const hui_diags *d, FILE *out, size_t nsubmissions) {
  plural(out, hui_diags_count(d, HUI_ERROR), "error");
  fputs(", ", out);
  plural(out, hui_diags_count(d, HUI_WARNING), "warning");
  fputs(" in ", out);
  plural(out, nsubmissions, "submission");
  fputc('\n', out);
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
  for (size_t i = 0; i < nr; i++) fprintf(out, "%s%s: %zu", i ? ", " : "by rule: ", rules[i], counts[i]);
  if (nr) fputc('\n', out);
  free(rules);
  free(counts);
}
