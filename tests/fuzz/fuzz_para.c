/* fuzz_para: the paragraph builder and line breaker with the real fonts. The
 * input: byte 0 the measure (1–64 em of the body size), byte 1 the first-line
 * indent (0–7 em, may exceed the measure), byte 2 alignment and balance, then
 * runs of text separated by 0x01, each run's first byte choosing its role and
 * size; a run whose text starts with 0x02 is a reference mark (a footnote's
 * ①, hui_para_add_mark). The text may be any bytes (invalid UTF-8 included).
 * Checks that every glyph lands in exactly one line, in order, and that every
 * mark's line is a line of the paragraph. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "layout/para.h"

static hui_para *para;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  para = hui_para_new(fuzz_fonts());
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 3) return 0;
  const double body = 15.75;
  hui_para_spec spec = {0};
  spec.measure = (1 + data[0] % 64) * body;
  spec.indent_first = (data[1] & 7) * body;
  spec.indent_rest = (data[1] >> 3 & 3) * body;
  spec.align = (hui_align)(data[2] & 3);
  spec.balance = data[2] & 4;
  hui_para_clear(para);
  size_t marks = 0;
  const char *p = (const char *)data + 3, *end = (const char *)data + size;
  while (p < end) {
    const char *stop = memchr(p, 0x01, (size_t)(end - p));
    if (!stop) stop = end;
    if (stop > p) {
      unsigned sel = (unsigned char)*p;
      hui_role role = (hui_role)(sel % HUI_ROLE_COUNT);
      double sz = 6 + (sel / HUI_ROLE_COUNT) % 30;
      /* hui_para_add takes a C string: NUL ends the run early, as it would. */
      char *run = hui_xstrndup(p + 1, (size_t)(stop - p - 1));
      if (run[0] == 0x02) {
        marks += run[1] != '\0'; /* an empty mark is no mark */
        hui_para_add_mark(para, run + 1, role, sz, 0.3 * sz);
      } else {
        hui_para_add(para, run, role, sz, (sel & 0x80) ? 0.5 : 0);
      }
      free(run);
    }
    p = stop + (stop < end);
  }
  size_t n = hui_para_set(para, &spec);
  FUZZ_CHECK(n == hui_para_nlines(para));
  for (size_t k = 0; k < marks; k++) FUZZ_CHECK(hui_para_mark_line(para, k) < (n ? n : 1));
  size_t next = 0;
  for (size_t i = 0; i < n; i++) {
    const hui_pline *ln = hui_para_line(para, i);
    FUZZ_CHECK(ln->first == next);
    FUZZ_CHECK(ln->last == (i + 1 == n));
    next += ln->count;
    const hui_pglyph *g = hui_para_glyphs(para) + ln->first;
    for (size_t k = 0; k < ln->count; k++) FUZZ_CHECK(g[k].face != NULL && g[k].x == g[k].x);
  }
  hui_dpage *page = hui_dpage_new(595, 842);
  for (size_t i = 0; i < n; i++) hui_para_draw_line(para, i, page, 72, 72 + 20.0 * (double)i);
  hui_dpage_free(page);
  (void)hui_para_natural_width(para);
  return 0;
}
