/* sha256: SHA-256 (FIPS 180-4), written out plainly: no new library for one hash. */
#define _XOPEN_SOURCE 700 /* fdopen */
#include "sha256.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

static void compress(hui_sha256 *s, const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
           p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3], e = s->h[4], f = s->h[5],
           g = s->h[6], h = s->h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  s->h[0] += a, s->h[1] += b, s->h[2] += c, s->h[3] += d;
  s->h[4] += e, s->h[5] += f, s->h[6] += g, s->h[7] += h;
}

/* The same compression with the x86 SHA extensions (SHA-NI), several times
 * faster: manifests hash every font file of a build, tens of megabytes.
 * Chosen at run time; other machines use compress() above. */
#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1

/* CPUID: SHA (leaf 7, EBX bit 29), SSSE3 and SSE4.1 (leaf 1, ECX bits 9, 19).
 * Asked directly: clang 14 knows no "sha" for __builtin_cpu_supports. */
static int cpu_has_sha(void) {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 9)) || !(c & (1u << 19))) return 0;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
  return (b >> 29) & 1;
}

__attribute__((target("sha,sse4.1,ssse3"))) static void compress_ni(uint32_t h[8],
                                                                    const uint8_t *p,
                                                                    size_t nblocks) {
  const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1); /* CDAB */
  __m128i st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B); /* EFGH */
  __m128i st0 = _mm_alignr_epi8(tmp, st1, 8);    /* ABEF */
  st1 = _mm_blend_epi16(st1, tmp, 0xF0);         /* CDGH */
  for (; nblocks; nblocks--, p += 64) {
    __m128i save0 = st0, save1 = st1, w[4];
    for (int k = 0; k < 16; k++) {
      __m128i m;
      if (k < 4) {
        m = w[k] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * k)), bswap);
      } else {
        /* W[k] from W[k-4..k-1], four words at a time. */
        __m128i t = _mm_sha256msg1_epu32(w[k & 3], w[(k + 1) & 3]);
        t = _mm_add_epi32(t, _mm_alignr_epi8(w[(k + 3) & 3], w[(k + 2) & 3], 4));
        m = w[k & 3] = _mm_sha256msg2_epu32(t, w[(k + 3) & 3]);
      }
      m = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&K[4 * k]));
      st1 = _mm_sha256rnds2_epu32(st1, st0, m);
      st0 = _mm_sha256rnds2_epu32(st0, st1, _mm_shuffle_epi32(m, 0x0E));
    }
    st0 = _mm_add_epi32(st0, save0);
    st1 = _mm_add_epi32(st1, save1);
  }
  tmp = _mm_shuffle_epi32(st0, 0x1B);            /* FEBA */
  st1 = _mm_shuffle_epi32(st1, 0xB1);            /* DCHG */
  _mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(tmp, st1, 0xF0)); /* DCBA */
  _mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(st1, tmp, 8));    /* HGFE */
}
#endif

static bool portable_only;

void hui_sha256_portable(bool on) { portable_only = on; }

/* Compresses n whole blocks at p. */
static void blocks(hui_sha256 *s, const uint8_t *p, size_t n) {
#ifdef HAVE_SHA_NI
  static _Atomic int ni = -1; /* threads may ask at once; all find the same */
  if (ni < 0) ni = cpu_has_sha();
  if (ni && !portable_only) {
    compress_ni(s->h, p, n);
    return;
  }
#endif
  for (; n; n--, p += 64) compress(s, p);
}

void hui_sha256_init(hui_sha256 *s) {
  static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  memcpy(s->h, h0, sizeof h0);
  s->len = 0;
  s->used = 0;
}

void hui_sha256_update(hui_sha256 *s, const void *data, size_t n) {
  const uint8_t *p = data;
  s->len += n;
  if (s->used) {
    size_t k = 64 - s->used < n ? 64 - s->used : n;
    memcpy(s->block + s->used, p, k);
    s->used += k, p += k, n -= k;
    if (s->used < 64) return;
    blocks(s, s->block, 1);
    s->used = 0;
  }
  blocks(s, p, n / 64);
  p += n / 64 * 64;
  n %= 64;
  memcpy(s->block, p, n);
  s->used = n;
}

void hui_sha256_final(hui_sha256 *s, uint8_t out[32]) {
  uint64_t bits = s->len * 8;
  static const uint8_t pad[64] = {0x80};
  size_t padlen = s->used < 56 ? 56 - s->used : 120 - s->used;
  hui_sha256_update(s, pad, padlen);
  uint8_t lenbuf[8];
  for (int i = 0; i < 8; i++) lenbuf[i] = (uint8_t)(bits >> (56 - 8 * i));
  hui_sha256_update(s, lenbuf, 8);
  for (int i = 0; i < 8; i++)
    for (int k = 0; k < 4; k++) out[4 * i + k] = (uint8_t)(s->h[i] >> (24 - 8 * k));
}

void hui_sha256_hex(const uint8_t digest[32], char out[65]) {
  static const char hex[] = "0123456789abcdef";
  for (int i = 0; i < 32; i++) {
    out[2 * i] = hex[digest[i] >> 4];
    out[2 * i + 1] = hex[digest[i] & 15];
  }
  out[64] = '\0';
}

bool hui_sha256_file(const char *path, uint64_t *size, char out[65]) {
  int fd = hui_open_regular(path);
  FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!f) {
    if (fd >= 0) close(fd);
    return false;
  }
  hui_sha256 s;
  hui_sha256_init(&s);
  unsigned char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) hui_sha256_update(&s, buf, n);
  bool ok = !ferror(f);
  int saved = errno;
  fclose(f);
  if (!ok) {
    errno = saved ? saved : EIO;
    return false;
  }
  uint8_t d[32];
  *size = s.len;
  hui_sha256_final(&s, d);
  hui_sha256_hex(d, out);
  return true;
}
