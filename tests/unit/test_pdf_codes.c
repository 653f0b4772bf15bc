/* test_pdf_codes: the character codes the PDF backend writes — Identity-H,
 * the CID in two bytes, with a ToUnicode CMap of the same two-byte codespace
 * (tests/e2e/readers.py says why) — read back by poppler, including the codes
 * whose second byte a literal string must escape: ( ) \ and CR (CIDs 40, 41,
 * 92, 13). 400 distinct Han characters, drawn in first-use order, get CIDs
 * 1..400; every line of them must come back exactly, at its place. */
#define _XOPEN_SOURCE 700 /* mkdtemp, popen */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "fixture.h"
#include "fonts.h"
#include "layout/dlist.h"
#include "pdf.h"

enum { COUNT = 400, PER_LINE = 20 };

/* A command's output, NUL-terminated; *len (if not NULL) is its length, for
 * output with NULs in it (a PDF's two-byte codes). */
static char *slurp(const char *cmd, size_t *len) {
  FILE *fp = popen(cmd, "r");
  hui_buf b = {0};
  if (!fp) return NULL;
  char chunk[4096];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) hui_buf_add(&b, chunk, n);
  pclose(fp);
  if (len) *len = b.len;
  hui_buf_add(&b, "", 1);
  return hui_buf_take(&b);
}

/* How often needle occurs in the len bytes at hay. */
static size_t occurrences(const char *hay, size_t len, const char *needle) {
  size_t n = strlen(needle), count = 0;
  for (size_t i = 0; i + n <= len; i++) count += memcmp(hay + i, needle, n) == 0;
  return count;
}

int main(void) {
  hui_fonts *f = test_fonts();
  char *why = NULL;
  /* COUNT distinct characters the body font has, from U+4E00 on */
  uint32_t cps[COUNT];
  hui_face *face = NULL;
  size_t n = 0;
  for (uint32_t cp = 0x4E00; n < COUNT && cp < 0x9FFF; cp++) {
    hui_face *fc = hui_fonts_face_for(f, HUI_ROLE_BODY, cp);
    if (!fc || (face && fc != face)) continue;
    face = fc;
    cps[n++] = cp;
  }
  CHECK_INT(n, COUNT);

  hui_doc_info info = {.title = "codes", .date = "2020-11-20T00:00:00"};
  hui_pdf *pdf = hui_pdf_new(&info, &why);
  hui_dpage *pg = hui_dpage_new(595.276, 841.89);
  double size = 12;
  for (size_t i = 0; i < n; i++) {
    size_t line = i / PER_LINE, col = i % PER_LINE;
    hui_dpage_glyph(pg, face, size, hui_gray(0), 60 + col * 24.0, 60 + line * 36.0, cps[i]);
  }
  char dir[] = "/tmp/huibian-codes-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char *path = hui_path_join(dir, "codes.pdf");
  CHECK(pdf && hui_pdf_add_page(pdf, pg, &why) && hui_pdf_save(pdf, path, &why));
  if (why) fprintf(stderr, "pdf: %s\n", why);
  hui_pdf_free(pdf);
  hui_dpage_free(pg);

  /* each line of glyphs is one line of text, characters in order */
  char *cmd = hui_xasprintf("pdftotext -enc UTF-8 -layout %s -", path);
  char *text = slurp(cmd, NULL);
  CHECK(text != NULL);
  size_t lines = 0;
  for (const char *p = text; text && *p; lines++) {
    const char *end = strchr(p, '\n');
    if (!end) end = p + strlen(p);
    size_t m;
    char *one = hui_xstrndup(p, (size_t)(end - p));
    uint32_t *got = hui_utf8_to_cps(one, strlen(one), &m);
    /* the line's characters, spaces (from the 24 pt pitch) and the form feed
     * ending the page left out */
    size_t k = 0;
    for (size_t i = 0; i < m; i++)
      if (got[i] != ' ' && got[i] != '\f') got[k++] = got[i];
    if (k) {
      size_t first = (lines < COUNT / PER_LINE ? lines : 0) * PER_LINE;
      bool same = k == PER_LINE;
      for (size_t i = 0; same && i < k; i++) same = got[i] == cps[first + i];
      CHECK(same);
      if (!same) fprintf(stderr, "line %zu differs: %s\n", lines + 1, one);
    } else {
      lines--; /* an empty line between the text lines */
    }
    free(got);
    free(one);
    p = *end ? end + 1 : end;
  }
  CHECK_INT(lines, COUNT / PER_LINE);
  free(text);
  free(cmd);

  /* the font's encoding is Identity-H (or for a CFF font a CMap of two-byte
   * codes), and its ToUnicode CMap reads the same
   * codes: a codespace of two bytes, CID 1 and CID 400 as <0001> and <0190> */
  cmd = hui_xasprintf("qpdf --qdf --object-streams=disable %s -", path);
  size_t len = 0;
  text = slurp(cmd, &len);
  CHECK(text != NULL);
  if (text) {
    CHECK_INT(occurrences(text, len, "/Encoding"), 1);
    /* an OpenType-CFF body font (Noto Serif CJK) has an Encoding CMap of
     * its own instead, from the same two-byte codes to its program's CIDs */
    bool cff = face && hui_face_cff(face);
    CHECK_INT(occurrences(text, len, "/Encoding /Identity-H"), cff ? 0 : 1);
    CHECK_INT(occurrences(text, len, "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"),
              cff ? 2 : 1);
    CHECK_INT(occurrences(text, len, "/CMapName /Huibian-Codes def"), cff ? 1 : 0);
    char *first = hui_xasprintf("<0001> <%04X>\n", (unsigned)cps[0]);
    char *last = hui_xasprintf("<%04X> <%04X>\n", COUNT, (unsigned)cps[COUNT - 1]);
    CHECK_INT(occurrences(text, len, first), 1);
    CHECK_INT(occurrences(text, len, last), 1);
    free(first);
    free(last);
  }
  free(text);
  free(cmd);
  cmd = hui_xasprintf("qpdf --check %s >/dev/null 2>&1", path);
  CHECK_INT(system(cmd), 0);
  free(cmd);
  unlink(path);
  rmdir(dir);
  free(path);
  hui_fonts_free(f);
  return CHECK_DONE();
}
