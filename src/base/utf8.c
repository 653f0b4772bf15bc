/* UTF-8 decoding and encoding, and the character classes shared by stages. */
#include "base.h"

#include "i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

size_t hui_utf8_decode_rest(const char *str, size_t len, uint32_t *cp) {
  const unsigned char *s = (const unsigned char *)str;
  if (len == 0) return 0;
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t n;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) {
    n = 2; v = c & 0x1F; min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3; v = c & 0x0F; min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4; v = c & 0x07; min = 0x10000;
  } else {
    return 0;
  }
  if (len < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = (v << 6) | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return n;
}

size_t hui_utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) {
    o[0] = (unsigned char)cp;
    return 1;
  }
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6));
    o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12));
    o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18));
  o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

bool hui_utf8_valid(const char *s, size_t len, size_t *bad_offset) {
  size_t i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = hui_utf8_decode(s + i, len - i, &cp);
    if (n == 0) {
      if (bad_offset) *bad_offset = i;
      return false;
    }
    i += n;
  }
  return true;
}

size_t hui_utf8_count(const char *s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) count++;
  return count;
}

uint32_t *hui_utf8_to_cps(const char *s, size_t len, size_t *n) {
  uint32_t *out = hui_xmalloc((len + 1) * sizeof *out);
  size_t k = 0, i = 0;
  while (i < len) {
    uint32_t cp;
    size_t m = hui_utf8_decode(s + i, len - i, &cp);
    if (m == 0) {
      cp = 0xFFFD; /* an invalid byte */
      m = 1;
    }
    out[k++] = cp;
    i += m;
  }
  *n = k;
  return out;
}

bool hui_is_han(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
         cp == 0x3007;
}

bool hui_is_fullwidth_punct(uint32_t cp) {
  if (cp >= 0x3001 && cp <= 0x303F && cp != 0x3007) return true; /* CJK symbols and punctuation */
  if (cp >= 0xFF01 && cp <= 0xFF0F) return true;                  /* ！＂＃…／ */
  if (cp >= 0xFF1A && cp <= 0xFF20) return true;                  /* ：；＜＝＞？＠ */
  if (cp >= 0xFF3B && cp <= 0xFF40) return true;
  if (cp >= 0xFF5B && cp <= 0xFF65) return true;
  switch (cp) {
  case 0x2014: case 0x2015: case 0x2026: /* — ― … */
  case 0x2018: case 0x2019: case 0x201C: case 0x201D: /* ‘ ’ “ ” */
  case 0x00B7: case 0x2022: case 0x2027: case 0x30FB: /* · • ‧ ・ */
  case 0xFE30: case 0xFE31: case 0xFE4F:
    return true;
  default:
    return false;
  }
}

bool hui_is_latin_or_digit(uint32_t cp) {
  if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z')) return true;
  if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) return true; /* Latin-1 and Extended */
  if (cp >= 0x370 && cp <= 0x3FF) return true;                             /* Greek */
  if (cp >= 0x400 && cp <= 0x4FF) return true;                             /* Cyrillic */
  if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A))
    return true; /* full-width letters and digits */
  return false;
}

bool hui_is_space(uint32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
         cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F ||
         cp == 0x205F || cp == 0xFEFF;
}

char *hui_strip_spaces(const char *s) {
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  size_t len = s ? strlen(s) : 0, i = 0;
  while (i < len) {
    uint32_t cp = 0;
    size_t k = hui_utf8_decode(s + i, len - i, &cp);
    if (!k) k = 1, cp = 0xFFFD; /* an invalid byte is kept as it is */
    else if (hui_is_space(cp)) cp = 0;
    if (cp) hui_buf_add(&b, s + i, k);
    i += k;
  }
  return hui_buf_take(&b);
}

bool hui_gb18030_to_utf8(const char *in, size_t len, char **out, size_t *out_len, size_t *bad) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1) {
    /* glibc always has GB18030; a C library without it cannot read these files at all. */
    fprintf(stderr, _("huibian: the system cannot convert GB18030 (iconv: %s)\n"), strerror(errno));
    exit(2);
  }
  /* Two GB18030 bytes give at most three UTF-8 bytes, four give four. */
  size_t cap = len / 2 * 3 + 4;
  char *buf = hui_xmalloc(cap + 1);
  char *ip = (char *)in, *op = buf; /* iconv's prototype is not const */
  size_t il = len, ol = cap;
  bool ok = iconv(cd, &ip, &il, &op, &ol) != (size_t)-1;
  /* Input cut inside a character: iconv reports it only on the flush. */
  if (ok) ok = iconv(cd, NULL, NULL, &op, &ol) != (size_t)-1 && il == 0;
  iconv_close(cd);
  *bad = (size_t)(ip - in);
  *out_len = (size_t)(op - buf);
  buf[*out_len] = '\0';
  *out = buf;
  return ok;
}
