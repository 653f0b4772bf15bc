/* test_glyphs: the coverage report of `huibian fonts EDITION` counts
 * characters of every plane: U+20000 and U+10FFFF were written past its
 * bitmap of the BMP (issue 12; AddressSanitizer and UBSan stop on it).
 * What no-glyph reports is in tests/rules/no-glyph. */
#define _XOPEN_SOURCE 700 /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "rules/rules.h"

static hui_field field(const char *text, int line, int col) {
  hui_field f = {hui_xstrdup(text), {line, col}, {line, col + 7}};
  return f;
}

static void test_coverage_all_planes(hui_fonts *fonts) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->subs = hui_xcalloc(1, sizeof *e->subs);
  e->nsubs = 1;
  hui_submission *s = &e->subs[0];
  s->path = hui_xstrdup("submissions/s1.xml");
  s->loaded = true;
  /* the last character of every plane there is, twice each: two distinct ones */
  s->title = field("\xF0\xA0\x80\x80\xF4\x8F\xBF\xBF\xF0\xA0\x80\x80\xF4\x8F\xBF\xBF", 4, 5);
  char *text = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&text, &len);
  hui_rules_font_coverage(e, fonts, out);
  fclose(out);
  const char *want = "\ntitle: 2 characters, 0 in ";
  const char *line = text ? strstr(text, "\ntitle: ") : NULL;
  bool ok = line && strncmp(line, want, strlen(want)) == 0 && strstr(line, ", 2 that no font has\n");
  CHECK(ok);
  if (!ok) fprintf(stderr, "%s", text ? text : "(nothing)\n");
  free(text);
  hui_edition_free(e);
}

int main(void) {
  hui_fonts *fonts = test_fonts();
  test_coverage_all_planes(fonts);
  hui_fonts_free(fonts);
  return CHECK_DONE();
}
