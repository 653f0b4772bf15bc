/* test_utf8: hui_utf8_decode and hui_utf8_to_cps, with their inline fast
 * paths, give what decoding one sequence at a time with the checks written
 * out (hui_utf8_decode_rest) gives (U+FFFD for each byte that starts no
 * well-formed sequence), for every three-byte lead with every pair of next
 * bytes and for random bytes. */
#include <stdlib.h>

#include "base/base.h"
#include "check.h"

static uint32_t *slow(const char *s, size_t len, size_t *n) {
  uint32_t *out = hui_xmalloc((len + 1) * sizeof *out);
  size_t k = 0, i = 0;
  while (i < len) {
    uint32_t cp;
    size_t m = hui_utf8_decode_rest(s + i, len - i, &cp);
    if (m == 0) {
      cp = 0xFFFD;
      m = 1;
    }
    out[k++] = cp;
    i += m;
  }
  *n = k;
  return out;
}

static bool same(const char *s, size_t len) {
  uint32_t c1 = 0, c2 = 0;
  size_t m1 = hui_utf8_decode(s, len, &c1), m2 = hui_utf8_decode_rest(s, len, &c2);
  if (m1 != m2 || (m1 && c1 != c2)) return false;
  size_t n1, n2;
  uint32_t *a = hui_utf8_to_cps(s, len, &n1), *b = slow(s, len, &n2);
  bool ok = n1 == n2;
  for (size_t i = 0; ok && i < n1; i++) ok = a[i] == b[i];
  free(a);
  free(b);
  return ok;
}

int main(void) {
  size_t bad = 0;
  char s[4];
  for (unsigned a = 0xC0; a <= 0xFF; a++)
    for (unsigned b = 0; b <= 0xFF; b++)
      for (unsigned c = 0; c <= 0xFF; c += (a & 0xF0) == 0xE0 ? 1 : 17) {
        s[0] = (char)a;
        s[1] = (char)b;
        s[2] = (char)c;
        s[3] = 'x';
        for (size_t len = 1; len <= 4; len++) bad += !same(s, len);
      }
  CHECK_INT(bad, 0);
  srand(22);
  char r[64];
  bad = 0;
  for (int round = 0; round < 20000; round++) {
    size_t len = (size_t)(rand() % 64);
    for (size_t i = 0; i < len; i++) {
      int x = rand() % 4;
      r[i] = (char)(x == 0 ? rand() % 0x80 : x == 1 ? 0x80 + rand() % 0x40 : 0xC0 + rand() % 0x40);
    }
    bad += !same(r, len);
  }
  CHECK_INT(bad, 0);
  static const char mixed[] =
      "中文，ABC 123。𠀀\xED\xA0\x80\xE0\x80\xAF"; /* a surrogate, overlong */
  CHECK(same(mixed, sizeof mixed - 1));
  return CHECK_DONE();
}
