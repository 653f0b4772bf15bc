/* errstream: standard error with bytes that are not UTF-8 escaped (see
 * errstream.h). A glibc cookie stream: every write goes through
 * escape_write, which holds back the start of a character cut between two
 * writes until the rest comes. */
#define _GNU_SOURCE /* fopencookie */
#include "errstream.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../base/base.h"
#include "../diag.h"

/* The start of a character the previous write ended in (at most 3 bytes). */
static char held[4];
static size_t nheld;

static void put_all(const char *p, size_t n) {
  while (n) {
    ssize_t k = write(STDERR_FILENO, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return; /* nowhere to say it */
    p += k;
    n -= (size_t)k;
  }
}

/* The length of the UTF-8 character that starts with byte c, or 0 when c
 * cannot start one. */
static size_t lead_length(unsigned char c) {
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return 2;
  if (c >= 0xE0 && c <= 0xEF) return 3;
  if (c >= 0xF0 && c <= 0xF4) return 4;
  return 0;
}

/* Whether the character cp at s (n bytes left) is written as an escape,
 * which goes into esc, as the findings write it (diag.c): a control
 * character other than a line end or tab, DEL, a C1 control, an invisible
 * character. Only huibian's own progress sequence, ESC [ K (clear to the end
 * of the line), passes: from a file name, an escape sequence could repaint
 * the clerk's terminal. */
static bool escaped(uint32_t cp, const char *s, size_t n, char *esc, size_t size) {
  if (cp == '\n' || cp == '\r' || cp == '\t') return false;
  if (cp == 0x1B && n >= 3 && s[1] == '[' && s[2] == 'K') return false;
  if (cp < 0x20 || cp == 0x7F) snprintf(esc, size, "\\x%02x", (unsigned)cp);
  else if ((cp >= 0x80 && cp < 0xA0) || hui_invisible_char(cp))
    snprintf(esc, size, cp > 0xFFFF ? "\\U%08x" : "\\u%04x", (unsigned)cp);
  else return false;
  return true;
}

/* Writes s[0..n) with its bad bytes escaped; a character cut off at the end
 * is kept in held when more may come (more). */
static void put_escaped(const char *s, size_t n, int more) {
  size_t i = 0, from = 0;
  while (i < n) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, n - i, &cp);
    char esc[12];
    if (k && escaped(cp, s + i, n - i, esc, sizeof esc)) {
      put_all(s + from, i - from);
      put_all(esc, strlen(esc));
      from = i += k;
      continue;
    }
    if (k) {
      i += k;
      continue;
    }
    size_t want = lead_length((unsigned char)s[i]);
    if (more && want > n - i && n - i < sizeof held) {
      /* maybe cut: decode what there is with continuation bytes added */
      char probe[4] = {0};
      memcpy(probe, s + i, n - i);
      for (size_t j = n - i; j < want; j++) probe[j] = (char)0x80;
      if (hui_utf8_decode(probe, want, &cp)) {
        put_all(s + from, i - from);
        memcpy(held, s + i, n - i);
        nheld = n - i;
        return;
      }
    }
    put_all(s + from, i - from);
    snprintf(esc, sizeof esc, "\\x%02x", (unsigned char)s[i]);
    put_all(esc, 4);
    from = ++i;
  }
  put_all(s + from, i - from);
}

static ssize_t escape_write(void *cookie, const char *buf, size_t size) {
  (void)cookie;
  size_t written = size;
  if (nheld) {
    /* the held start and the new bytes, as far as they finish it */
    char joined[8];
    size_t take = size < 4 ? size : 4;
    memcpy(joined, held, nheld);
    memcpy(joined + nheld, buf, take);
    size_t n = nheld;
    nheld = 0;
    uint32_t cp;
    size_t k = hui_utf8_decode(joined, n + take, &cp);
    if (k > n) {
      put_escaped(joined, k, 0);
      buf += k - n;
      size -= k - n;
    } else {
      put_escaped(joined, n, 0);
    }
  }
  put_escaped(buf, size, 1);
  return (ssize_t)written;
}

static int escape_close(void *cookie) {
  (void)cookie;
  if (nheld) put_escaped(held, nheld, 0);
  nheld = 0;
  return 0;
}

void hui_stderr_escaped(void) {
  cookie_io_functions_t io = {.write = escape_write, .close = escape_close};
  FILE *f = fopencookie(NULL, "w", io);
  if (!f) return; /* the plain stderr, then */
  setvbuf(f, NULL, _IONBF, 0);
  stderr = f;
}
