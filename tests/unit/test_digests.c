/* test_digests: the font digests remembered between builds (app/digests.c):
 * a digest is reused only while the file's stat data is unchanged, a file
 * rewritten with the same size is hashed again, a damaged cache line is not
 * trusted, and without a cache folder the digests are still right. */
#define _XOPEN_SOURCE 700 /* mkdtemp, setenv */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/digests.h"
#include "archive.h"
#include "base/base.h"
#include "base/sha256.h"
#include "check.h"

static const char *ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
static const char *ABD = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  fputs(text, f);
  fclose(f);
}

static char *read_all(const char *path) {
  size_t n;
  char *s = hui_read_file(path, 1 << 20, &n);
  return s ? s : hui_xstrdup("");
}

static void digest(const char *font, const char *want) {
  hui_digest_cache *c = hui_digest_cache_open();
  uint64_t size = 0;
  char hex[65] = "";
  CHECK(hui_digest_cache_file(c, font, &size, hex));
  CHECK_STR(hex, want);
  CHECK_INT((int)size, 3);
  hui_digest_cache_close(c);
}

int main(void) {
  char tmpl[] = "/tmp/hui-digests-XXXXXX";
  char *dir = mkdtemp(tmpl);
  CHECK(dir != NULL);
  setenv("XDG_CACHE_HOME", dir, 1);
  unsetenv("HUIBIAN_NO_DIGEST_CACHE");
  char *font = hui_xasprintf("%s/font.ttf", dir);
  char *cache = hui_xasprintf("%s/huibian/font-digests", dir);

  write_file(font, "abc");
  digest(font, ABC);
  char *text = read_all(cache);
  CHECK(strstr(text, ABC) != NULL);
  CHECK(strstr(text, font) != NULL);
  free(text);

  /* a second build reads the digest from the cache: proved by planting a
   * different digest for the same stat data, which is what gets used */
  text = read_all(cache);
  char *planted = hui_xstrdup(text);
  char *at = strstr(planted, ABC);
  CHECK(at != NULL);
  for (int i = 0; at && i < 64; i++) at[i] = ABD[i];
  CHECK(hui_write_atomic(cache, planted, strlen(planted)));
  digest(font, ABD);

  /* the file rewritten (same size, new content, new times): hashed again */
  struct timespec pause = {0, 20 * 1000 * 1000};
  nanosleep(&pause, NULL);
  write_file(font, "abc");
  digest(font, ABC);

  /* a damaged line is forgotten */
  CHECK(hui_write_atomic(cache, "garbage 1 2\n", 12));
  digest(font, ABC);
  free(text);
  text = read_all(cache);
  CHECK(strstr(text, "garbage") == NULL && strstr(text, ABC) != NULL);

  /* no cache: still the right digest, and no cache file written */
  setenv("HUIBIAN_NO_DIGEST_CACHE", "1", 1);
  CHECK(remove(cache) == 0);
  digest(font, ABC);
  struct stat st;
  CHECK(stat(cache, &st) != 0);

  /* a cache folder that cannot be made: the build still gets its digest */
  unsetenv("HUIBIAN_NO_DIGEST_CACHE");
  char *blocked = hui_xasprintf("%s/blocked", dir);
  write_file(blocked, "a file where the cache folder would be");
  setenv("XDG_CACHE_HOME", blocked, 1);
  digest(font, ABC);

  CHECK(hui_remove_tree(dir));
  free(text);
  free(planted);
  free(font);
  free(cache);
  free(blocked);
  return CHECK_DONE();
}
