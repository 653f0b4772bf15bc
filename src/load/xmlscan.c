/* xmlscan: XML bytes as tokens, and byte offsets as line:col (see xmlscan.h).
 * Shared by the loader (load/xml.c) and `huibian fix` (fix.c). */
#define _XOPEN_SOURCE 700 /* strncasecmp */
#include "load/xmlscan.h"

#include <string.h>
#include <strings.h>

#include "base/base.h"

static bool has_bom(const char *b, size_t len) { return len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0; }

void hui_xmlscan_init(hui_xmlscan *sc, const char *b, size_t len) {
  memset(sc, 0, sizeof *sc);
  sc->b = b;
  sc->len = len;
  sc->line = 1;
  /* The byte order mark is no character of the first line. */
  if (has_bom(b, len)) sc->counted = sc->line_start = 3;
}

void hui_xmlscan_skip_bom(hui_xmlscan *sc) {
  if (sc->off == 0 && has_bom(sc->b, sc->len)) sc->off = 3;
}

size_t hui_xmlscan_find(const char *b, size_t len, size_t from, const char *pat) {
  size_t m = strlen(pat);
  for (size_t i = from; i + m <= len; i++)
    if (b[i] == pat[0] && memcmp(b + i, pat, m) == 0) return i;
  return len;
}

/* The end of a token whose closing pat starts at e (len: not closed). */
static size_t after(size_t e, size_t m, size_t len) { return e + m > len ? len : e + m; }

bool hui_xmlscan_next(hui_xmlscan *sc, hui_xt *t) {
  const char *b = sc->b;
  size_t len = sc->len, o = sc->off;
  memset(t, 0, sizeof *t);
  t->at = o;
  if (o >= len) {
    t->kind = HUI_XT_END_OF_INPUT;
    t->at = t->end = len;
    return false;
  }
  if (b[o] != '<') {
    const char *lt = memchr(b + o, '<', len - o);
    t->kind = HUI_XT_TEXT;
    t->content = o;
    t->content_end = t->end = lt ? (size_t)(lt - b) : len;
  } else if (len - o >= 4 && memcmp(b + o, "<!--", 4) == 0) {
    t->kind = HUI_XT_COMMENT;
    t->end = after(hui_xmlscan_find(b, len, o + 4, "-->"), 3, len);
  } else if (len - o >= 9 && memcmp(b + o, "<![CDATA[", 9) == 0) {
    size_t e = hui_xmlscan_find(b, len, o + 9, "]]>");
    t->kind = HUI_XT_CDATA;
    t->content = o + 9;
    t->content_end = e;
    t->end = after(e, 3, len);
  } else if (len - o >= 2 && b[o + 1] == '?') {
    t->kind = HUI_XT_PI;
    t->end = after(hui_xmlscan_find(b, len, o + 2, "?>"), 2, len);
  } else {
    char c = o + 1 < len ? b[o + 1] : '\0';
    t->kind = c == '/' ? HUI_XT_END : c == '!' ? HUI_XT_DECL : HUI_XT_START;
    /* A '>' inside a quoted attribute value does not end the tag. */
    char quote = 0;
    size_t i = o + 1;
    for (; i < len; i++) {
      if (quote) {
        if (b[i] == quote) quote = 0;
      } else if (b[i] == '"' || b[i] == '\'') {
        quote = b[i];
      } else if (b[i] == '>') {
        break;
      }
    }
    t->end = i < len ? i + 1 : len;
    t->empty = t->kind == HUI_XT_START && t->end >= 2 && b[t->end - 1] == '>' && b[t->end - 2] == '/';
  }
  sc->off = t->end;
  return true;
}

hui_pos hui_xmlscan_pos(hui_xmlscan *sc, size_t off) {
  /* the newlines between where counting stopped and off */
  for (const char *nl;
       sc->counted < off && (nl = memchr(sc->b + sc->counted, '\n', off - sc->counted));) {
    sc->line++;
    sc->line_start = (size_t)(nl - sc->b) + 1;
    sc->counted = sc->line_start;
  }
  if (sc->counted < off) sc->counted = off;
  if (sc->col_at < sc->line_start || sc->col_at > off || sc->col == 0) {
    sc->col_at = sc->line_start;
    sc->col = 1;
  }
  sc->col += (int)hui_utf8_count(sc->b + sc->col_at, off - sc->col_at);
  sc->col_at = off;
  hui_pos p = {sc->line, sc->col};
  return p;
}

hui_pos hui_xmlscan_offset_pos(const char *b, size_t off) {
  hui_pos p = {1, 1};
  size_t line_start = 0;
  if (off >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) line_start = 3;
  for (size_t i = 0; i < off; i++)
    if (b[i] == '\n') {
      p.line++;
      line_start = i + 1;
    }
  p.col = (int)hui_utf8_count(b + line_start, off - line_start) + 1;
  return p;
}

/* The value of pseudo-attribute name in the XML declaration b[0..end), or
 * false. */
static bool decl_value(const char *b, size_t end, const char *name, size_t *at, size_t *n) {
  size_t m = strlen(name);
  for (size_t i = 5; i + m < end; i++) {
    if (memcmp(b + i, name, m) != 0 || (b[i - 1] != ' ' && b[i - 1] != '\t' && b[i - 1] != '\r' && b[i - 1] != '\n'))
      continue;
    size_t k = i + m;
    while (k < end && (b[k] == ' ' || b[k] == '\t' || b[k] == '\r' || b[k] == '\n')) k++;
    if (k >= end || b[k] != '=') continue;
    k++;
    while (k < end && (b[k] == ' ' || b[k] == '\t' || b[k] == '\r' || b[k] == '\n')) k++;
    if (k >= end || (b[k] != '"' && b[k] != '\'')) continue;
    const char *q = memchr(b + k + 1, b[k], end - k - 1);
    if (!q) return false;
    *at = k + 1;
    *n = (size_t)(q - b) - *at;
    return true;
  }
  return false;
}

bool hui_xmlscan_encoding(const char *b, size_t len, size_t *at, size_t *n) {
  if (len < 6 || memcmp(b, "<?xml", 5) != 0) return false;
  if (b[5] != ' ' && b[5] != '\t' && b[5] != '\r' && b[5] != '\n') return false;
  size_t end = hui_xmlscan_find(b, len, 5, "?>");
  return end < len && decl_value(b, end, "encoding", at, n);
}

bool hui_xmlscan_gb_declared(const char *b, size_t len, size_t *name_at, size_t *name_len) {
  size_t at, n;
  if (!hui_xmlscan_encoding(b, len, &at, &n)) return false;
  static const char *const gb[] = {"GB18030", "GBK", "GB2312"};
  bool named = false;
  for (size_t i = 0; i < sizeof gb / sizeof *gb && !named; i++)
    named = n == strlen(gb[i]) && strncasecmp(b + at, gb[i], n) == 0;
  size_t bad;
  if (!named || hui_utf8_valid(b, len, &bad)) return false;
  *name_at = at;
  *name_len = n;
  return true;
}
