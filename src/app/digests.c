/* digests: the SHA-256 of the font files, remembered between builds.
 *
 * Every build lists its fonts in manifest.json with their digests; the CJK
 * fonts are tens of megabytes each, and hashing them again on every build
 * cost more than a small edition's typesetting. The digests are kept in a
 * file of the user's cache folder ($XDG_CACHE_HOME/huibian/font-digests, or
 * ~/.cache/huibian/font-digests), one line per font file:
 *
 *     DEV INO SIZE MTIME_S MTIME_NS CTIME_S CTIME_NS HEX PATH
 *
 * A digest is used only when the file's device, inode, size, modification
 * and change times (hui_file_id) are all as they were when it was computed
 * (the way git's index trusts its stat data); anything else, and the file is
 * hashed again.
 * A cache that cannot be read or written is no cache: the build hashes. */
#define _XOPEN_SOURCE 700
#include "digests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/sha256.h"

enum { MAX_ENTRIES = 256, MAX_LINE = 4096 };

typedef struct entry {
  hui_file_id id;
  char hex[65];
  char *path;
} entry;

struct hui_digest_cache {
  char *file; /* NULL: no cache */
  entry *e;
  size_t n, cap;
  bool changed;
};

static bool hex64(const char *s) {
  if (strlen(s) != 64) return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return false;
  return true;
}

static void add(hui_digest_cache *c, const entry *e) {
  if (c->n == c->cap) {
    c->cap = c->cap ? 2 * c->cap : 16;
    c->e = hui_xrealloc(c->e, c->cap * sizeof *c->e);
  }
  c->e[c->n++] = *e;
}

static void load(hui_digest_cache *c) {
  FILE *f = fopen(c->file, "r");
  if (!f) return;
  char line[MAX_LINE];
  while (c->n < MAX_ENTRIES && fgets(line, sizeof line, f)) {
    entry e = {0};
    unsigned long long dev, ino, size;
    long long ms, mns, cs, cns;
    char hex[80];
    int off = 0;
    line[strcspn(line, "\n")] = '\0';
    if (sscanf(line, "%llu %llu %llu %lld %lld %lld %lld %79s %n", &dev, &ino, &size, &ms, &mns,
               &cs, &cns, hex, &off) != 8 ||
        !off || !hex64(hex) || line[off] != '/')
      continue; /* a damaged line is forgotten, not trusted */
    e.id = (hui_file_id){dev, ino, size, ms, mns, cs, cns};
    memcpy(e.hex, hex, 65);
    e.path = hui_xstrdup(line + off);
    add(c, &e);
  }
  fclose(f);
}

hui_digest_cache *hui_digest_cache_open(void) {
  hui_digest_cache *c = hui_xcalloc(1, sizeof *c);
  const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
  if (getenv("HUIBIAN_NO_DIGEST_CACHE")) return c;
  if (xdg && *xdg == '/') c->file = hui_xasprintf("%s/huibian/font-digests", xdg);
  else if (home && *home == '/') c->file = hui_xasprintf("%s/.cache/huibian/font-digests", home);
  if (c->file) load(c);
  return c;
}

static entry *find(hui_digest_cache *c, const char *path) {
  for (size_t i = 0; i < c->n; i++)
    if (strcmp(c->e[i].path, path) == 0) return &c->e[i];
  return NULL;
}

bool hui_digest_cache_file(hui_digest_cache *c, const char *path, uint64_t *size, char hex[65]) {
  entry now = {0};
  bool absolute = path[0] == '/' && !strchr(path, '\n');
  bool known = c->file && absolute && hui_file_id_of(path, &now.id);
  entry *old = known ? find(c, path) : NULL;
  if (old && hui_file_id_same(&old->id, &now.id)) {
    memcpy(hex, old->hex, 65);
    *size = now.id.size;
    return true;
  }
  if (!hui_sha256_file(path, size, hex)) return false;
  /* remembered only when the file did not change while it was read */
  hui_file_id after;
  if (known && hui_file_id_of(path, &after)) {
    if (hui_file_id_same(&after, &now.id) && after.size == *size) {
      if (old) {
        char *p = old->path;
        *old = now;
        old->path = p;
        memcpy(old->hex, hex, 65);
      } else if (c->n < MAX_ENTRIES) {
        memcpy(now.hex, hex, 65);
        now.path = hui_xstrdup(path);
        add(c, &now);
      }
      c->changed = true;
    }
  }
  return true;
}

void hui_digest_cache_close(hui_digest_cache *c) {
  if (!c) return;
  if (c->file && c->changed) {
    hui_buf b = {0};
    for (size_t i = 0; i < c->n; i++) {
      const entry *e = &c->e[i];
      const hui_file_id *d = &e->id;
      hui_buf_printf(&b, "%llu %llu %llu %lld %lld %lld %lld %s %s\n", (unsigned long long)d->dev,
                     (unsigned long long)d->ino, (unsigned long long)d->size, (long long)d->mtime_s,
                     (long long)d->mtime_ns, (long long)d->ctime_s, (long long)d->ctime_ns, e->hex,
                     e->path);
    }
    char *dir = hui_xstrdup(c->file);
    *strrchr(dir, '/') = '\0';
    /* best effort: a read-only home only costs the next build the hashing */
    if (hui_make_dirs(dir)) (void)hui_write_atomic(c->file, b.data ? b.data : "", b.len);
    free(dir);
    hui_buf_free(&b);
  }
  for (size_t i = 0; i < c->n; i++) free(c->e[i].path);
  free(c->e);
  free(c->file);
  free(c);
}
