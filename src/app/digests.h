/* digests: the SHA-256 of font files remembered between builds, in the
 * user's cache folder, trusted only while the file's stat data is unchanged
 * (digests.c says how). */
#ifndef HUI_DIGESTS_H
#define HUI_DIGESTS_H

#include <stdbool.h>
#include <stdint.h>

typedef struct hui_digest_cache hui_digest_cache;

/* Reads the cache (none when HUIBIAN_NO_DIGEST_CACHE is set, or when there
 * is no home or cache folder). Never fails. */
hui_digest_cache *hui_digest_cache_open(void);
/* The size and SHA-256 (64 hex digits) of the file at path: remembered when
 * its stat data is as it was, else read and hashed (and remembered).
 * Returns false when the file cannot be read. */
bool hui_digest_cache_file(hui_digest_cache *c, const char *path, uint64_t *size, char hex[65]);
/* Writes the cache back when it changed (atomically; failures are quiet:
 * the next build hashes again) and frees it. NULL-safe. */
void hui_digest_cache_close(hui_digest_cache *c);

#endif
