/* sha256: SHA-256 (FIPS 180-4), for manifest.json and content-derived PDF ids. */
#ifndef HUI_SHA256_H
#define HUI_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct hui_sha256 {
  uint32_t h[8];
  uint64_t len; /* bytes hashed so far */
  uint8_t block[64];
  size_t used;
} hui_sha256;

void hui_sha256_init(hui_sha256 *s);
void hui_sha256_update(hui_sha256 *s, const void *data, size_t n);
void hui_sha256_final(hui_sha256 *s, uint8_t out[32]);
/* The digest as 64 lower-case hex digits plus NUL. */
void hui_sha256_hex(const uint8_t digest[32], char out[65]);
/* Hashes the file at path: its size in *size and its hex digest in out.
 * Returns false with errno set when it cannot be read. */
bool hui_sha256_file(const char *path, uint64_t *size, char out[65]);

/* For tests: use the portable code even where the CPU has SHA instructions. */
void hui_sha256_portable(bool on);

#endif
