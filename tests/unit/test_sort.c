/* test_sort: hui_sort_u64 sorts like qsort for keys spread over the whole
 * range, keys crowded into a narrow band of it (as one part of the
 * originality index is), keys equal but for their low bits, many equal keys,
 * keys that are powers of two (the deepest splits) and the extremes 0 and
 * UINT64_MAX, at sizes around each threshold. */
#include <stdint.h>
#include <stdlib.h>

#include "base/base.h"
#include "check.h"

static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next_random(void) { /* splitmix64 */
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static int cmp(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

enum { RANDOM, BAND, LOW_BITS, FEW, POWERS, EXTREMES, SORTED, REVERSED, KINDS };

static uint64_t key(int kind, size_t i, size_t n) {
  uint64_t r = next_random();
  switch (kind) {
  case RANDOM: return r;
  case BAND: return 0x7000000000000000ull + (r >> 8) % 0x0111111111111111ull;
  case LOW_BITS: return 0xABCDEF0000000000ull | (r % 7) << 20 | (r >> 40 & 0xFFFFF);
  case FEW: return r % 3 * 0x5555555555555555ull;
  case POWERS: return (uint64_t)1 << (r % 64);
  case EXTREMES: return r & 1 ? UINT64_MAX : r % 5;
  case SORTED: return (uint64_t)i * 1000;
  default: return (uint64_t)(n - i) << 40;
  }
}

static bool sorts(int kind, size_t n) {
  uint64_t *a = hui_xmalloc((n + 1) * sizeof *a), *b = hui_xmalloc((n + 1) * sizeof *b);
  for (size_t i = 0; i < n; i++) a[i] = b[i] = key(kind, i, n);
  hui_sort_u64(a, n);
  qsort(b, n, sizeof *b, cmp);
  bool ok = true;
  for (size_t i = 0; ok && i < n; i++) ok = a[i] == b[i];
  if (!ok) fprintf(stderr, "kind %d, %zu keys: not sorted as qsort sorts them\n", kind, n);
  free(a);
  free(b);
  return ok;
}

int main(void) {
  static const size_t sizes[] = {0,   1,   2,   31,   32,   33,    64,    100,
                                 255, 256, 257, 1000, 5000, 40000, 200000};
  for (int kind = 0; kind < KINDS; kind++)
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) CHECK(sorts(kind, sizes[s]));
  return CHECK_DONE();
}
