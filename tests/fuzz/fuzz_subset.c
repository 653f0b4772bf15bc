/* fuzz_subset: font subsetting (src/pdf/subset.c; for OpenType-CFF faces
 * src/pdf/cff.c and charstring.c) of any bytes. In a build it reads the
 * font files an office put into fonts/ after freetype accepted them; here
 * the file is anything. Nothing may crash or read outside the file; a
 * TrueType program written must be a well-formed table directory over its
 * own bytes, and a CFF program one that can be read back (its glyph count,
 * a CID for each glyph asked for). Each input is written to a file of this
 * process's, as the subsetter reads a file by path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "pdf/subset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Code point i is glyph i: the inputs have no cmap to speak of. */
static unsigned glyph(void *ctx, uint32_t cp) {
  (void)ctx;
  return cp;
}

static uint32_t be(const unsigned char *p, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; i++) v = v << 8 | p[i];
  return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char path[64];
  if (!path[0]) snprintf(path, sizeof path, "/tmp/huibian-fuzz-subset-%d.ttf", (int)getpid());
  FILE *f = fopen(path, "wb");
  if (!f) return 0;
  fwrite(data, 1, size, f);
  fclose(f);
  /* the last byte picks the face of a collection */
  hui_subset_source src = {path, size ? data[size - 1] % 3 : 0, "fuzz", glyph, NULL, NULL, NULL};
  char *why = NULL;
  hui_subset *s = hui_subset_open(&src, &why);
  if (!s) {
    FUZZ_CHECK(why && *why);
    free(why);
    return 0;
  }
  for (uint32_t cp = 1; cp < 48; cp += 1 + cp / 8) {
    char *w = NULL;
    unsigned cid = hui_subset_cid(s, cp, &w);
    FUZZ_CHECK(cid ? !w : w != NULL);
    if (cid) FUZZ_CHECK(hui_subset_unicode(s, cid) == cp && cid < hui_subset_count(s));
    free(w);
  }
  hui_subset_metrics m;
  hui_subset_get_metrics(s, &m);
  hui_buf prog = {0};
  if (!hui_subset_program(s, &prog, &why)) {
    FUZZ_CHECK(why && *why);
  } else if (hui_subset_is_cff(s)) {
    FUZZ_CHECK(prog.len >= 4);
    for (size_t cid = 0; cid < hui_subset_count(s); cid++) (void)hui_subset_width(s, (unsigned)cid);
  } else {
    const unsigned char *p = (const unsigned char *)prog.data;
    FUZZ_CHECK(prog.len >= 12 && prog.len % 4 == 0);
    uint32_t nt = be(p + 4, 2);
    FUZZ_CHECK(12 + 16 * (size_t)nt <= prog.len);
    for (uint32_t i = 0; i < nt; i++) {
      uint32_t off = be(p + 12 + 16 * i + 8, 4), len = be(p + 12 + 16 * i + 12, 4);
      FUZZ_CHECK((size_t)off + len <= prog.len);
    }
    for (size_t cid = 0; cid < hui_subset_count(s); cid++) (void)hui_subset_width(s, (unsigned)cid);
  }
  free(why);
  hui_buf_free(&prog);
  hui_subset_free(s);
  return 0;
}
