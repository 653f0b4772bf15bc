/* html: HTML escaping, base64 and web file names (html.h). */
#include "html.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

void hui_buf_html(hui_buf *b, const char *s) {
  size_t n = s ? strlen(s) : 0;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, n - i, &cp);
    if (k == 0 || (cp < 0x20 && cp != '\t' && cp != '\n') || cp == 0x7F) {
      hui_buf_puts(b, "\xEF\xBF\xBD");
      i += k ? k : 1;
      continue;
    }
    switch (cp) {
    case '&': hui_buf_puts(b, "&amp;"); break;
    case '<': hui_buf_puts(b, "&lt;"); break;
    case '>': hui_buf_puts(b, "&gt;"); break;
    case '"': hui_buf_puts(b, "&quot;"); break;
    case '\'': hui_buf_puts(b, "&#39;"); break;
    default: hui_buf_add(b, s + i, k);
    }
    i += k;
  }
}

void hui_buf_base64(hui_buf *b, const void *p, size_t len) {
  static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *s = p;
  for (size_t i = 0; i < len; i += 3) {
    uint32_t v = (uint32_t)s[i] << 16;
    if (i + 1 < len) v |= (uint32_t)s[i + 1] << 8;
    if (i + 2 < len) v |= s[i + 2];
    char q[4] = {digits[v >> 18 & 63], digits[v >> 12 & 63],
                 i + 1 < len ? digits[v >> 6 & 63] : '=', i + 2 < len ? digits[v & 63] : '='};
    hui_buf_add(b, q, 4);
  }
}

char *hui_html_file_name(const char *id, const char *ext, char *const *taken, size_t ntaken) {
  hui_buf b = {0};
  for (const char *p = id ? id : ""; *p && b.len < 100; p++) {
    char c = *p;
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    hui_buf_putc(&b, keep ? c : '_');
  }
  if (!b.len) hui_buf_putc(&b, '_');
  char *stem = hui_buf_take(&b);
  char *name = hui_path_safe_name(stem, ext, taken, ntaken);
  free(stem);
  return name;
}
