/* base: allocation, growable byte buffers, UTF-8, file reading, arenas. */
#ifndef HUI_BASE_H
#define HUI_BASE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Allocation that never returns NULL: on exhaustion it prints a message and
 * exits with status 2. Free with free(). */
void *hui_xmalloc(size_t n);
void *hui_xcalloc(size_t count, size_t size);
void *hui_xrealloc(void *p, size_t n);
/* Copies s (NULL gives NULL). Caller frees. */
char *hui_xstrdup(const char *s);
char *hui_xstrndup(const char *s, size_t n);
/* printf into a fresh string. Caller frees. */
char *hui_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *hui_xvasprintf(const char *fmt, va_list ap);

/* Grows a vector (pointer *items, count *n, capacity *cap) to hold one more
 * element of elem_size bytes; returns a pointer to the new zeroed slot.
 * Inline, as it runs for every character set: hui_vec_grow reallocates. */
void hui_vec_grow(void *items_ptr, size_t *cap, size_t elem_size);
static inline void *hui_vec_push(void *items_ptr, size_t *n, size_t *cap, size_t elem_size) {
  if (*n == *cap) hui_vec_grow(items_ptr, cap, elem_size);
  char *slot = *(char **)items_ptr + *n * elem_size;
  memset(slot, 0, elem_size);
  (*n)++;
  return slot;
}
#define HUI_PUSH(vec, n, cap) ((__typeof__(vec))hui_vec_push(&(vec), &(n), &(cap), sizeof *(vec)))

/* A growable byte buffer, always NUL-terminated. Zero-initialise to start. */
typedef struct hui_buf {
  char *data;
  size_t len, cap;
} hui_buf;
void hui_buf_add(hui_buf *b, const void *p, size_t n);
void hui_buf_puts(hui_buf *b, const char *s);
void hui_buf_putc(hui_buf *b, char c);
void hui_buf_printf(hui_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hui_buf_utf8(hui_buf *b, uint32_t cp);
/* Appends s as a JSON string literal with quotes. */
/* s as a JSON string, quotes included. The result is valid JSON whatever s
 * holds: a byte that is not UTF-8 becomes U+FFFD (\ufffd), control
 * characters are escaped. */
void hui_buf_json_str(hui_buf *b, const char *s);
/* A name field, "key": s (s may be NULL: ""), for names that can be any
 * bytes (file names). When s is not UTF-8 its text has U+FFFD for each bad
 * byte, and "key_hex" follows with all its bytes in hex, so nothing is lost:
 * "file": "s\ufffd.xml", "file_hex": "73ff2e786d6c". hui_json_get_name reads
 * it back. */
void hui_buf_json_name(hui_buf *b, const char *key, const char *s);
void hui_buf_free(hui_buf *b);
/* Gives the buffer's string to the caller (who frees it) and resets b. */
char *hui_buf_take(hui_buf *b);

/* UTF-8 decoding. Decodes one code point at s (len bytes available) into *cp and
 * returns its length in bytes; on invalid or truncated input returns 0.
 * ASCII and the three-byte sequences of Chinese text are answered inline;
 * the rest by hui_utf8_decode_rest. */
size_t hui_utf8_decode_rest(const char *s, size_t len, uint32_t *cp);
static inline size_t hui_utf8_decode(const char *s, size_t len, uint32_t *cp) {
  const unsigned char *u = (const unsigned char *)s;
  if (len && u[0] < 0x80) {
    *cp = u[0];
    return 1;
  }
  /* leads E1..EC and EE..EF: every pair of continuation bytes makes a code
   * point of U+1000..U+FFFF outside the surrogates (E0 and ED need more
   * checks) */
  if (len >= 3 && u[0] >= 0xE1 && u[0] != 0xED && u[0] <= 0xEF && (u[1] & 0xC0) == 0x80 &&
      (u[2] & 0xC0) == 0x80) {
    *cp = (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    return 3;
  }
  return hui_utf8_decode_rest(s, len, cp);
}
/* Encodes cp into out (at least 4 bytes); returns the length. */
size_t hui_utf8_encode(uint32_t cp, char *out);
/* True when the whole string is valid UTF-8; otherwise *bad_offset is the
 * byte offset of the first invalid sequence. */
bool hui_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* Converts len bytes of GB18030 (which holds GBK and GB2312) to UTF-8 with
 * iconv. *out gets a fresh NUL-terminated buffer of *out_len bytes (caller
 * frees). Returns false when the input is not GB18030: *bad is then the
 * offset of the first bad byte, and *out holds the conversion of the bytes
 * before it (so that its line and column can be counted). */
bool hui_gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len, size_t *bad);
/* Number of code points in the first n bytes of valid UTF-8. */
size_t hui_utf8_count(const char *s, size_t n);
/* Decodes a whole string into a fresh array of code points (*n of them);
 * invalid bytes become U+FFFD. Caller frees. */
uint32_t *hui_utf8_to_cps(const char *s, size_t len, size_t *n);

/* errno for a path that is not a regular file (a pipe, socket or device):
 * such a file could block a read for ever, so huibian never opens one for
 * reading. hui_strerror names it; strerror does not know it. */
#define HUI_ENOTREG 0x4855
/* strerror, with huibian's own HUI_ENOTREG. */
const char *hui_strerror(int err);
/* Opens path for reading when it is a regular file (links followed):
 * returns the descriptor, or -1 with errno set (EISDIR for
 * a folder, HUI_ENOTREG for a pipe, socket or device, which is never
 * opened for long enough to block). */
int hui_open_regular(const char *path);

/* Reads a whole file up to max_bytes (a regular file only, see
 * hui_open_regular). Returns a NUL-terminated buffer (caller
 * frees) and its length in *len. On failure returns NULL, sets errno; if the file
 * is larger than max_bytes errno is EFBIG. */
char *hui_read_file(const char *path, size_t max_bytes, size_t *len);

/* s with every white-space character removed (NULL gives ""), for comparing
 * names and units however they were spaced. Caller frees. */
char *hui_strip_spaces(const char *s);

/* Joins a directory and a relative path with one '/'. Caller frees. */
char *hui_path_join(const char *dir, const char *rel);

/* A file name that any file system takes, made of stem (a person's or a
 * unit's name, as written) and ext (".pdf"): '/', '\\', control characters,
 * bytes that are not UTF-8 and the characters Windows refuses (:*?"<>|)
 * become '_', a leading '.' and trailing dots and spaces too; a Windows
 * device name (CON, NUL, COM1…) gets a '_' in front; the whole name is at
 * most 255 bytes, cut between characters. When the name is one of
 * taken[0..ntaken) (ignoring ASCII case, as Windows and macOS do), "-2",
 * "-3"… goes before ext until it is none of them. Caller frees. */
char *hui_path_safe_name(const char *stem, const char *ext, char *const *taken, size_t ntaken);

/* Character classes used by several stages (counting, rules, layout). */
bool hui_is_han(uint32_t cp);           /* CJK ideographs incl. extensions, 〇 */
bool hui_is_fullwidth_punct(uint32_t cp); /* CJK and full-width punctuation */
bool hui_is_latin_or_digit(uint32_t cp); /* ASCII/Latin letters and digits, full-width too */
bool hui_is_space(uint32_t cp);         /* ASCII and Unicode white space, U+3000 */

/* An arena: many small allocations freed in one call. */
typedef struct hui_arena hui_arena;
hui_arena *hui_arena_new(void);
void *hui_arena_alloc(hui_arena *a, size_t n); /* zeroed, 16-byte aligned */
void hui_arena_reset(hui_arena *a);            /* frees everything but keeps one block */
void hui_arena_free(hui_arena *a);             /* NULL-safe */

/* The real path of DIR/REL when it exists and lies inside DIR (after
 * resolving symlinks); NULL otherwise (also for absolute REL or REL with
 * ".." components). Caller frees. */
char *hui_path_inside(const char *dir, const char *rel);

/* What tells a file's contents have changed without reading them: device,
 * inode, size, modification and change time (tools can set the modification
 * time back, not the change time). */
typedef struct hui_file_id {
  uint64_t dev, ino, size;
  int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
} hui_file_id;
/* The identity of the file at path / open as fd; false when it cannot be
 * had (the file is gone). */
bool hui_file_id_of(const char *path, hui_file_id *id);
bool hui_file_id_fd(int fd, hui_file_id *id);
bool hui_file_id_same(const hui_file_id *a, const hui_file_id *b);

/* The process's file mode creation mask, read once (main reads it before any
 * thread starts), for files made with mkstemp that get the mode a plain
 * create would have. */
unsigned hui_umask(void);

/* Gives the free memory of every malloc arena back to the system. A
 * thread's allocations come from an arena of its own, which glibc does not
 * shrink when they are freed, and the other threads do not reuse it: what a
 * finished piece of work on a thread held stays resident until this is
 * called. A few milliseconds. */
void hui_memory_release(void);

/* Writes all n bytes of p to fd, again after a signal or a short write;
 * false with errno set (ENOSPC when nothing more could be written). */
bool hui_write_all(int fd, const void *p, size_t n);
/* Reads all n bytes at offset off of fd into p, again after a signal or a
 * short read; false when it cannot (errno set on an error, not at the end
 * of the file). */
bool hui_pread_all(int fd, void *p, size_t n, uint64_t off);

/* Sorts a[0..n) in increasing order, in place, without comparisons: an MSD
 * radix sort (American flag sort) whose buckets split the range the keys
 * span, about two keys a bucket, small buckets by insertion. */
void hui_sort_u64(uint64_t *a, size_t n);

/* The folder for scratch files: $TMPDIR, else /tmp. */
const char *hui_scratch_dir(void);
/* A new unnamed file in hui_scratch_dir() (unlinked at once, so it goes
 * when closed or when the process ends, whatever happens; close-on-exec),
 * open for reading and writing: a descriptor, or -1 with errno set. */
int hui_scratch_file(void);

#endif
