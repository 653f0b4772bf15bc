/* load/csv: a roster saved as CSV into a grid of cell texts. RFC 4180
 * (quoted fields hold commas, line breaks and doubled quotes), any line end
 * (CRLF, LF, CR). The encoding is found, not asked: UTF-8 (a BOM is
 * dropped) when the bytes are valid UTF-8, else GB18030, which is what Excel
 * on Chinese Windows writes ("CSV (逗号分隔)"), converted with glibc's iconv. */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"
#include "hui_limits.h"
#include "load/roster.h"

/* The UTF-8 of GB18030 bytes, or NULL when they are not GB18030 (*bad: the
 * offset of the first byte that is not). Caller frees. */
static char *from_gb18030(const char *bytes, size_t len, size_t *out_len, size_t *bad) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1) {
    *bad = 0;
    return NULL;
  }
  size_t cap = len * 2 + 4; /* a GB18030 character of n bytes is at most 2n UTF-8 bytes */
  char *out = hui_xmalloc(cap);
  char *in = (char *)bytes, *o = out;
  size_t inleft = len, outleft = cap - 1;
  size_t r = iconv(cd, &in, &inleft, &o, &outleft);
  iconv_close(cd);
  if (r == (size_t)-1 || inleft != 0) {
    *bad = (size_t)(in - bytes);
    free(out);
    return NULL;
  }
  *o = '\0';
  *out_len = (size_t)(o - out);
  return out;
}

/* Splits UTF-8 text into g by RFC 4180. False with *why at an unclosed quote. */
static bool split(const char *s, size_t len, hui_grid *g, char **why) {
  hui_buf cell = {0};
  hui_grid_row *row = NULL;
  size_t i = 0, line = 1;
  while (i < len) {
    if (!row) {
      if (g->nrows >= HUI_MAX_ROSTER_ROWS) {
        *why = hui_xasprintf(_("the roster has more than %u rows; split it into smaller files"),
                             HUI_MAX_ROSTER_ROWS);
        hui_buf_free(&cell);
        return false;
      }
      row = hui_grid_add_row(g);
    }
    /* one field */
    cell.len = 0;
    if (s[i] == '"') {
      size_t open_line = line;
      i++;
      for (;;) {
        if (i >= len) {
          *why = hui_xasprintf(_("a quote (\") opened on line %zu of the roster is never closed; "
                                 "save the table from Excel again"),
                               open_line);
          hui_buf_free(&cell);
          return false;
        }
        if (s[i] == '"') {
          if (i + 1 < len && s[i + 1] == '"') {
            hui_buf_putc(&cell, '"');
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (s[i] == '\n') {
          line++;
        }
        hui_buf_putc(&cell, s[i++]);
      }
    }
    /* unquoted text, or what follows a closing quote (kept, as Excel does) */
    while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') {
      hui_buf_putc(&cell, s[i++]);
    }
    hui_grid_add_cell(row, cell.data ? cell.data : "", cell.len);
    if (i < len && s[i] == ',') {
      i++;
      if (i == len) {
        hui_grid_add_cell(row, "", 0); /* a comma at the very end: one more empty field */
      }
      continue;
    }
    /* the end of a row */
    if (i < len && s[i] == '\r') {
      i++;
    }
    if (i < len && s[i] == '\n') {
      i++;
    }
    line++;
    row = NULL;
  }
  hui_buf_free(&cell);
  return true;
}

bool hui_csv_parse(const char *bytes, size_t len, hui_grid *g, char **why) {
  *why = NULL;
  if (len > HUI_MAX_ROSTER_BYTES) {
    *why = hui_xasprintf(_("the roster is larger than %u MB; it cannot be a roster"),
                         HUI_MAX_ROSTER_BYTES / (1024u * 1024u));
    return false;
  }
  if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
    bytes += 3;
    len -= 3;
  }
  size_t bad = 0;
  if (hui_utf8_valid(bytes, len, &bad)) {
    return split(bytes, len, g, why);
  }
  size_t ulen = 0, gbad = 0;
  char *utf8 = from_gb18030(bytes, len, &ulen, &gbad);
  if (!utf8) {
    *why = hui_xasprintf(_("the roster is neither UTF-8 nor GB18030 text (byte %zu); save it "
                           "from Excel as \"CSV UTF-8\" or as .xlsx"),
                         gbad + 1);
    return false;
  }
  const char *text = utf8;
  if (ulen >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* GB18030's own BOM, converted */
    text += 3;
    ulen -= 3;
  }
  bool ok = split(text, ulen, g, why);
  free(utf8);
  return ok;
}
