#define _XOPEN_SOURCE 700
/* test_linebreak: runs the examples of tests/spec/linebreak.txt through the
 * paragraph setter with the real body font, and checks the invariants of
 * docs/typography.md, A1/A2/B2 on every line. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "fonts.h"
#include "layout/para.h"
#include "text/text.h"

static char *line_text(const hui_para *p, size_t i) {
  const hui_pline *ln = hui_para_line(p, i);
  hui_buf b = {0};
  for (size_t k = 0; k < ln->count; k++) hui_buf_utf8(&b, hui_para_glyphs(p)[ln->first + k].cp);
  return hui_buf_take(&b);
}

static void run_example(hui_fonts *fonts, const char *name, double measure_em, double indent_em,
                        bool strict, const char *text, const char *whole, char **want, size_t nwant) {
  const double size = 10;
  hui_para *p = hui_para_new(fonts);
  hui_para_add(p, text, HUI_ROLE_BODY, size, 0);
  if (*whole) hui_para_add_whole(p, whole, HUI_ROLE_BODY, size);
  hui_para_spec spec = {measure_em * size, indent_em * size, 0, HUI_ALIGN_JUSTIFY, false, strict, true};
  size_t n = hui_para_set(p, &spec);
  bool ok = n == nwant;
  for (size_t i = 0; i < n; i++) {
    char *got = line_text(p, i);
    if (i < nwant && strcmp(got, want[i]) != 0) ok = false;
    const hui_pline *ln = hui_para_line(p, i);
    double m = spec.measure - (i == 0 ? spec.indent_first : spec.indent_rest);
    if (!ln->last && fabs(ln->width - m) > 0.05) {
      fprintf(stderr, "%s: line %zu is %.3f pt wide, the measure is %.3f\n", name, i + 1,
              ln->width, m);
      ok = false;
    }
    const hui_pglyph *g = hui_para_glyphs(p);
    if (ln->count && hui_text_no_start(g[ln->first].cp) && i > 0) {
      fprintf(stderr, "%s: line %zu starts with a prohibited mark\n", name, i + 1);
      ok = false;
    }
    if (ln->count && hui_text_no_end(g[ln->first + ln->count - 1].cp) && !ln->last) {
      fprintf(stderr, "%s: line %zu ends with a prohibited mark\n", name, i + 1);
      ok = false;
    }
    free(got);
  }
  if (!ok) {
    fprintf(stderr, "example failed: %s\n  want:", name);
    for (size_t i = 0; i < nwant; i++) fprintf(stderr, " [%s]", want[i]);
    fprintf(stderr, "\n  got: ");
    for (size_t i = 0; i < n; i++) {
      char *got = line_text(p, i);
      fprintf(stderr, " [%s]", got);
      free(got);
    }
    fputc('\n', stderr);
  }
  CHECK(ok);
  hui_para_free(p);
}

int main(void) {
  const char *src = getenv("HUIBIAN_SOURCE");
  if (!src) src = HUIBIAN_DATADIR;
  char *fonts_dir = hui_path_join(src, "fonts");
  char *why = NULL;
  hui_fonts *fonts = hui_fonts_open(fonts_dir, src, &why);
  if (!fonts) {
    fprintf(stderr, "no fonts: %s\n", why);
    return 1;
  }
  char *spec_path = hui_path_join(src, "tests/spec/linebreak.txt");
  size_t len;
  char *spec = hui_read_file(spec_path, 1 << 20, &len);
  CHECK(spec != NULL);
  if (!spec) return 1;
  char name[256] = "", text[4096] = "", whole[256] = "";
  double measure = 10, indent = 0;
  bool strict = false;
  char *want[64];
  size_t nwant = 0;
  bool in_lines = false;
  int examples = 0;
  char *save = NULL;
  for (char *line = strtok_r(spec, "\n", &save);; line = strtok_r(NULL, "\n", &save)) {
    bool end = !line || strncmp(line, "example: ", 9) == 0;
    if (end && in_lines) {
      run_example(fonts, name, measure, indent, strict, text, whole, want, nwant);
      examples++;
      for (size_t i = 0; i < nwant; i++) free(want[i]);
      nwant = 0;
      in_lines = false;
      indent = 0;
      strict = false;
      whole[0] = '\0';
    }
    if (!line) break;
    if (line[0] == '#') continue;
    if (strncmp(line, "example: ", 9) == 0) snprintf(name, sizeof name, "%s", line + 9);
    else if (strncmp(line, "measure: ", 9) == 0) measure = atof(line + 9);
    else if (strncmp(line, "indent: ", 8) == 0) indent = atof(line + 8);
    else if (strcmp(line, "strict: yes") == 0) strict = true;
    else if (strncmp(line, "text: ", 6) == 0) snprintf(text, sizeof text, "%s", line + 6);
    else if (strncmp(line, "whole: ", 7) == 0) snprintf(whole, sizeof whole, "%s", line + 7);
    else if (strcmp(line, "lines:") == 0) in_lines = true;
    else if (in_lines && nwant < 64) want[nwant++] = hui_xstrdup(line);
  }
  CHECK(examples >= 10);
  free(spec);
  free(spec_path);
  free(fonts_dir);
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
