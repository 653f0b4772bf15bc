/* base: allocation, growable byte buffers, file reading, arenas. */
#define _GNU_SOURCE /* mkostemp */
#include "base.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static void oom(void) {
  fputs("huibian: out of memory\n", stderr);
  exit(2);
}

void *hui_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) oom();
  return p;
}

void *hui_xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p) oom();
  return p;
}

void *hui_xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (!q) oom();
  return q;
}

char *hui_xstrdup(const char *s) { return s ? hui_xstrndup(s, strlen(s)) : NULL; }

char *hui_xstrndup(const char *s, size_t n) {
  char *p = hui_xmalloc(n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *hui_xvasprintf(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) n = 0;
  char *p = hui_xmalloc((size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap);
  return p;
}

char *hui_xasprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = hui_xvasprintf(fmt, ap);
  va_end(ap);
  return p;
}

void hui_vec_grow(void *items_ptr, size_t *cap, size_t elem_size) {
  char **items = items_ptr;
  size_t nc = *cap ? *cap * 2 : 8;
  *items = hui_xrealloc(*items, nc * elem_size);
  *cap = nc;
}

static void buf_reserve(hui_buf *b, size_t extra) {
  if (b->len + extra + 1 <= b->cap) return;
  size_t nc = b->cap ? b->cap : 64;
  while (nc < b->len + extra + 1) nc *= 2;
  b->data = hui_xrealloc(b->data, nc);
  b->cap = nc;
}

void hui_buf_add(hui_buf *b, const void *p, size_t n) {
  buf_reserve(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void hui_buf_puts(hui_buf *b, const char *s) { hui_buf_add(b, s, strlen(s)); }
void hui_buf_putc(hui_buf *b, char c) { hui_buf_add(b, &c, 1); }

void hui_buf_printf(hui_buf *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *s = hui_xvasprintf(fmt, ap);
  va_end(ap);
  hui_buf_puts(b, s);
  free(s);
}

void hui_buf_utf8(hui_buf *b, uint32_t cp) {
  char tmp[4];
  hui_buf_add(b, tmp, hui_utf8_encode(cp, tmp));
}

void hui_buf_json_str(hui_buf *b, const char *s) {
  hui_buf_putc(b, '"');
  size_t len = s ? strlen(s) : 0;
  for (size_t i = 0; i < len;) {
    unsigned char c = (unsigned char)s[i];
    uint32_t cp;
    size_t k = c < 0x80 ? 1 : hui_utf8_decode(s + i, len - i, &cp);
    if (!k) {
      hui_buf_puts(b, "\\ufffd"); /* not UTF-8: JSON cannot hold the byte itself */
      i++;
      continue;
    }
    switch (c) {
    case '"': hui_buf_puts(b, "\\\""); break;
    case '\\': hui_buf_puts(b, "\\\\"); break;
    case '\n': hui_buf_puts(b, "\\n"); break;
    case '\r': hui_buf_puts(b, "\\r"); break;
    case '\t': hui_buf_puts(b, "\\t"); break;
    default:
      if (c < 0x20)
        hui_buf_printf(b, "\\u%04x", c);
      else
        hui_buf_add(b, s + i, k);
    }
    i += k;
  }
  hui_buf_putc(b, '"');
}

void hui_buf_json_name(hui_buf *b, const char *key, const char *s) {
  hui_buf_printf(b, "\"%s\": ", key);
  hui_buf_json_str(b, s);
  size_t bad;
  if (!s || hui_utf8_valid(s, strlen(s), &bad)) return;
  hui_buf_printf(b, ", \"%s_hex\": \"", key);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) hui_buf_printf(b, "%02x", *p);
  hui_buf_putc(b, '"');
}

void hui_buf_free(hui_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}

char *hui_buf_take(hui_buf *b) {
  char *s = b->data ? b->data : hui_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return s;
}

const char *hui_strerror(int err) {
  return err == HUI_ENOTREG ? "it is not a regular file (a pipe, socket or device)" : strerror(err);
}

static int not_regular(const struct stat *st) { return S_ISDIR(st->st_mode) ? EISDIR : HUI_ENOTREG; }

/* hui_open_regular, with what fstat said of the file opened in *st. */
static int open_regular(const char *path, struct stat *st) {
  if (stat(path, st) != 0) return -1;
  if (!S_ISREG(st->st_mode)) {
    errno = not_regular(st);
    return -1;
  }
  /* Non-blocking, so that a pipe put in its place since the stat cannot
   * hold the open; fstat then tells what was opened. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return -1;
  int err = fstat(fd, st) != 0 ? errno : S_ISREG(st->st_mode) ? 0 : not_regular(st);
  if (err) {
    close(fd);
    errno = err;
    return -1;
  }
  /* O_NONBLOCK is the only status flag set (O_RDONLY and O_NOCTTY are not
   * status flags): clearing them all clears it */
  fcntl(fd, F_SETFL, 0);
  return fd;
}

int hui_open_regular(const char *path) {
  struct stat st;
  return open_regular(path, &st);
}

char *hui_read_file(const char *path, size_t max_bytes, size_t *len) {
  struct stat st;
  int fd = open_regular(path, &st);
  if (fd < 0) return NULL;
  /* A regular file over the limit is refused by its size, without reading it. */
  if ((uintmax_t)st.st_size > max_bytes) {
    close(fd);
    errno = EFBIG;
    return NULL;
  }
  /* read to the end, which may lie past the size the file had when opened */
  size_t cap = (size_t)st.st_size + 1, n = 0;
  char *buf = hui_xmalloc(cap + 1);
  for (;;) {
    if (n == cap) {
      if (cap > max_bytes) {
        free(buf);
        close(fd);
        errno = EFBIG;
        return NULL;
      }
      cap = cap * 2 > max_bytes + 1 ? max_bytes + 1 : cap * 2;
      buf = hui_xrealloc(buf, cap + 1);
    }
    ssize_t r = read(fd, buf + n, cap - n);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      free(buf);
      close(fd);
      errno = EIO;
      return NULL;
    }
    if (r == 0) break;
    n += (size_t)r;
  }
  close(fd);
  if (n > max_bytes) {
    free(buf);
    errno = EFBIG;
    return NULL;
  }
  buf[n] = '\0';
  if (len) *len = n;
  return buf;
}

char *hui_path_join(const char *dir, const char *rel) {
  size_t dl = strlen(dir);
  while (dl > 1 && dir[dl - 1] == '/') dl--;
  return hui_xasprintf("%.*s/%s", (int)dl, dir, rel);
}

enum { SAFE_NAME_MAX = 255 };

static bool name_taken(const char *name, char *const *taken, size_t ntaken) {
  for (size_t i = 0; i < ntaken; i++)
    if (strcasecmp(name, taken[i]) == 0) return true;
  return false;
}

/* Windows refuses these names with any extension: CON, PRN, AUX, NUL,
 * COM1-9, LPT1-9. */
static bool windows_device(const char *s) {
  static const char *const DEV[] = {"CON", "PRN", "AUX", "NUL"};
  size_t n = strcspn(s, ".");
  for (size_t i = 0; i < sizeof DEV / sizeof *DEV; i++)
    if (n == 3 && strncasecmp(s, DEV[i], 3) == 0) return true;
  return n == 4 && (strncasecmp(s, "COM", 3) == 0 || strncasecmp(s, "LPT", 3) == 0) && s[3] >= '1' &&
         s[3] <= '9';
}

/* stem made safe (see hui_path_safe_name), at most max bytes. */
static void safe_stem(const char *stem, size_t max, hui_buf *out) {
  size_t n = strlen(stem);
  if (stem[0] != '.' && windows_device(stem)) hui_buf_putc(out, '_');
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = hui_utf8_decode(stem + i, n - i, &cp);
    bool bad = k == 0 || cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp < 0x80 && strchr("/\\:*?\"<>|", (int)cp));
    if (k == 0) k = 1;
    if (out->len + (bad ? 1 : k) > max) break;
    if (bad || (out->len == 0 && cp == '.')) hui_buf_putc(out, '_');
    else
      for (size_t j = 0; j < k; j++) hui_buf_putc(out, stem[i + j]);
    i += k;
  }
  while (out->len > 0 && (out->data[out->len - 1] == '.' || out->data[out->len - 1] == ' ')) out->len--;
  if (out->len == 0) hui_buf_putc(out, '_');
  out->data[out->len] = '\0';
}

char *hui_path_safe_name(const char *stem, const char *ext, char *const *taken, size_t ntaken) {
  assert(strlen(ext) < 32);
  for (unsigned dup = 1;; dup++) {
    char suffix[48];
    if (dup == 1) snprintf(suffix, sizeof suffix, "%s", ext);
    else snprintf(suffix, sizeof suffix, "-%u%s", dup, ext);
    hui_buf b = {0};
    safe_stem(stem, SAFE_NAME_MAX - strlen(suffix), &b);
    hui_buf_add(&b, suffix, strlen(suffix));
    char *name = hui_buf_take(&b);
    if (!name_taken(name, taken, ntaken)) return name;
    free(name);
  }
}

/* Arena: a chain of blocks; big requests get a block of their own. */
typedef struct arena_block {
  struct arena_block *next;
  size_t used, size;
  _Alignas(16) unsigned char data[];
} arena_block;

struct hui_arena {
  arena_block *head;
};

enum { ARENA_BLOCK = 256 * 1024 };

hui_arena *hui_arena_new(void) { return hui_xcalloc(1, sizeof(hui_arena)); }

void *hui_arena_alloc(hui_arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  arena_block *b = a->head;
  if (!b || b->used + n > b->size) {
    size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;
    b = hui_xmalloc(sizeof(arena_block) + size);
    b->used = 0;
    b->size = size;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += n;
  memset(p, 0, n);
  return p;
}

void hui_arena_reset(hui_arena *a) {
  if (!a || !a->head) return;
  arena_block *keep = a->head;
  arena_block *b = keep->next;
  while (b) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  keep->next = NULL;
  keep->used = 0;
}

void hui_arena_free(hui_arena *a) {
  if (!a) return;
  arena_block *b = a->head;
  while (b) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  free(a);
}

/* realpath(dir), remembered for the last dir asked about (threads share it):
 * a build asks about the same edition folder for every file it opens. */
static pthread_mutex_t real_dir_lock = PTHREAD_MUTEX_INITIALIZER;
static char *last_dir, *last_real;

static void forget_real_dir(void) {
  free(last_dir);
  free(last_real);
  last_dir = last_real = NULL;
}

static char *real_dir(const char *dir) {
  pthread_mutex_lock(&real_dir_lock);
  if (!last_dir || strcmp(last_dir, dir) != 0) {
    if (!last_dir) atexit(forget_real_dir);
    free(last_dir);
    free(last_real);
    last_dir = hui_xstrdup(dir);
    last_real = realpath(dir, NULL);
  }
  char *r = last_real ? hui_xstrdup(last_real) : NULL;
  pthread_mutex_unlock(&real_dir_lock);
  return r;
}

static void file_id_from(const struct stat *st, hui_file_id *id) {
  *id = (hui_file_id){(uint64_t)st->st_dev,          (uint64_t)st->st_ino,
                      (uint64_t)st->st_size,         (int64_t)st->st_mtim.tv_sec,
                      (int64_t)st->st_mtim.tv_nsec,  (int64_t)st->st_ctim.tv_sec,
                      (int64_t)st->st_ctim.tv_nsec};
}

bool hui_file_id_of(const char *path, hui_file_id *id) {
  struct stat st;
  if (stat(path, &st) != 0) return false;
  file_id_from(&st, id);
  return true;
}

bool hui_file_id_fd(int fd, hui_file_id *id) {
  struct stat st;
  if (fstat(fd, &st) != 0) return false;
  file_id_from(&st, id);
  return true;
}

bool hui_file_id_same(const hui_file_id *a, const hui_file_id *b) {
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size && a->mtime_s == b->mtime_s &&
         a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* The umask, read once: umask(2) can only be read by setting it, which
 * would briefly change it for every thread. */
static unsigned the_umask;
static void read_umask(void) {
  mode_t m = umask(0);
  umask(m);
  the_umask = (unsigned)m;
}

unsigned hui_umask(void) {
  static pthread_once_t once = PTHREAD_ONCE_INIT;
  pthread_once(&once, read_umask);
  return the_umask;
}

char *hui_path_inside(const char *dir, const char *rel) {
  if (!rel || !*rel || rel[0] == '/') return NULL;
  bool plain = true; /* no "." or empty components: REAL/REL is then canonical */
  for (const char *p = rel; *p;) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.') return NULL;
    if (n == 0 || (n == 1 && p[0] == '.')) plain = false;
    p += n + (slash ? 1 : 0);
    if (!slash) break;
  }
  char *realdir = real_dir(dir);
  if (!realdir) return NULL;
  /* The usual case, cheaply: each component of REL below the real folder
   * exists and is no symlink, so REAL/REL is the real path (one lstat per
   * component instead of realpath's readlink per component of the whole). */
  char *path = hui_path_join(realdir, rel);
  size_t dl = strlen(realdir), len = strlen(path);
  bool walked = plain;
  for (size_t i = dl + 1; walked && i <= len; i++) {
    if (path[i] != '/' && path[i] != '\0') continue;
    char c = path[i];
    path[i] = '\0';
    struct stat st;
    if (lstat(path, &st) != 0) {
      free(path);
      free(realdir);
      return NULL; /* does not exist (realpath would fail too) */
    }
    walked = !S_ISLNK(st.st_mode);
    path[i] = c;
  }
  if (walked) {
    free(realdir);
    return path;
  }
  free(path);
  /* A symlink (or "." components) on the way: resolve it all. */
  char *joined = hui_path_join(dir, rel);
  char *real = realpath(joined, NULL);
  free(joined);
  char *result = NULL;
  if (real) {
    if (strncmp(real, realdir, dl) == 0 && (real[dl] == '/' || strcmp(realdir, "/") == 0)) {
      result = real;
      real = NULL;
    }
  }
  free(real);
  free(realdir);
  return result;
}

const char *hui_scratch_dir(void) {
  const char *dir = getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

int hui_scratch_file(void) {
  char *templ = hui_path_join(hui_scratch_dir(), "huibian-XXXXXX");
  int fd = mkostemp(templ, O_CLOEXEC); /* no program huibian runs inherits it */
  int err = errno;
  if (fd >= 0) unlink(templ);
  free(templ);
  errno = err;
  return fd;
}

void hui_memory_release(void) {
#ifdef __GLIBC__
  malloc_trim(0);
#endif
}

bool hui_pread_all(int fd, void *p, size_t n, uint64_t off) {
  char *b = p;
  while (n) {
    ssize_t r = pread(fd, b, n, (off_t)off);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    b += r, n -= (size_t)r, off += (uint64_t)r;
  }
  return true;
}

bool hui_write_all(int fd, const void *p, size_t n) {
  const char *b = p;
  while (n) {
    ssize_t w = write(fd, b, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = ENOSPC;
      return false;
    }
    b += w, n -= (size_t)w;
  }
  return true;
}

static void insertion_u64(uint64_t *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint64_t v = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1] > v; j--) a[j] = a[j - 1];
    a[j] = v;
  }
}

/* One MSD pass over the keys' own range: a bucket per 2^s values from the
 * smallest, a bucket for every one or two keys (at most 2^14), each bucket
 * then sorted the same way or, when small, by insertion. A bucket spans at
 * most a sixteenth of the range, so the passes are at most sixteen deep.
 * Keys that crowd a few values of a wide range (the hashes of one part of
 * the originality index, hashes equal but for their low bits) are spread by
 * the range they span, not by fixed bytes of which most are the same. */
void hui_sort_u64(uint64_t *a, size_t n) {
  if (n <= 32) {
    insertion_u64(a, n);
    return;
  }
  uint64_t lo = a[0], hi = a[0];
  for (size_t i = 1; i < n; i++) {
    if (a[i] < lo) lo = a[i];
    if (a[i] > hi) hi = a[i];
  }
  if (lo == hi) return;
  int bits = 1;
  while (bits < 14 && (size_t)1 << (bits + 1) <= n) bits++;
  size_t nb = (size_t)1 << bits;
  int s = 0;
  while ((hi - lo) >> s >= nb) s++;
  size_t small[2 * 256], *next = nb <= 256 ? small : hui_xmalloc(2 * nb * sizeof *next);
  size_t *end = next + nb;
  memset(next, 0, nb * sizeof *next);
  for (size_t i = 0; i < n; i++) next[(a[i] - lo) >> s]++;
  size_t sum = 0;
  for (size_t d = 0; d < nb; d++) {
    size_t c = next[d];
    next[d] = sum;
    sum += c;
    end[d] = sum;
  }
  for (size_t d = 0; d < nb; d++)
    while (next[d] < end[d]) { /* put a[next[d]] where it goes until one belongs here */
      uint64_t v = a[next[d]];
      size_t k = (size_t)((v - lo) >> s);
      while (k != d) {
        uint64_t w = a[next[k]];
        a[next[k]++] = v;
        v = w;
        k = (size_t)((v - lo) >> s);
      }
      a[next[d]++] = v;
    }
  for (size_t d = 0, from = 0; d < nb; from = end[d], d++)
    if (end[d] - from > 1) hui_sort_u64(a + from, end[d] - from);
  if (next != small) free(next);
}
