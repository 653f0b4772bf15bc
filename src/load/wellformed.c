/* load/wellformed: one finding in plain words for a file that is not
 * well-formed (see xml.h, hui_xml_explain).
 *
 * libxml2 reports the place where it noticed a mistake, which is often after
 * the mistake itself, in its own terms ("EntityRef: expecting ';'"), and then
 * what follows from it: a missing end tag gives a mismatch, another one, then
 * "premature end of data". Only its first error is explained here: the bytes
 * around it are looked at again (with the tokenizer of xmlscan.h, which
 * agrees with libxml2 on everything before the first error) to name the
 * mistake the author made, where it is, and what to type instead. */
#define _GNU_SOURCE /* memrchr */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"
#include "load/xml.h"
#include "load/xmlscan.h"

enum {
  AROUND = 4,   /* characters of context on each side of a mistake */
  MAX_AMPS = 20 /* the bare & reported in a file besides the first */
};

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The byte offset of line:col (col counting characters, as libxml2 does), or
 * len when the file has no such place. */
static size_t offset_of(const char *b, size_t len, int line, int col) {
  size_t o = len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  for (int l = 1; l < line; l++) {
    const char *nl = memchr(b + o, '\n', len - o);
    if (!nl) return len;
    o = (size_t)(nl - b) + 1;
  }
  for (int c = 1; c < col && o < len && b[o] != '\n'; c++) {
    uint32_t cp;
    size_t k = hui_utf8_decode(b + o, len - o, &cp);
    o += k ? k : 1;
  }
  return o;
}

/* The offset of the last byte c in b[from..to] on the line of to, or SIZE_MAX. */
static size_t back_to(const char *b, size_t from, size_t to, char c) {
  for (size_t i = to + 1; i-- > from;) {
    if (b[i] == c) return i;
    if (b[i] == '\n' && i != to) break;
  }
  return SIZE_MAX;
}

/* The text around b[at..at+n) on its line (at most AROUND characters each
 * side, never across a tag or a line end), with b[at..at+n) replaced by repl
 * when repl is not NULL. Caller frees. */
static char *around(const char *b, size_t len, size_t at, size_t n, const char *repl) {
  size_t a = at;
  for (int k = 0; k < AROUND && a > 0;) {
    char c = b[a - 1];
    if (c == '\n' || c == '\r' || c == '>' || c == '<' || c == '"') break;
    a--;
    if (((unsigned char)b[a] & 0xC0) != 0x80) k++;
  }
  size_t e = at + n;
  for (int k = 0; k < AROUND && e < len;) {
    char c = b[e];
    if (c == '\n' || c == '\r' || c == '<' || c == '>' || c == '"') break;
    uint32_t cp;
    size_t step = hui_utf8_decode(b + e, len - e, &cp);
    e += step ? step : 1;
    k++;
  }
  hui_buf out = {0};
  hui_buf_add(&out, b + a, at - a);
  if (repl) hui_buf_puts(&out, repl);
  else hui_buf_add(&out, b + at, n);
  hui_buf_add(&out, b + at + n, e - at - n);
  return hui_buf_take(&out);
}

static void add(hui_xml_src *s, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void add(hui_xml_src *s, size_t at, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = hui_xvasprintf(fmt, ap);
  va_end(ap);
  hui_pos p = hui_xmlscan_offset_pos(s->buf, at);
  hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "not-well-formed", "%s", msg);
  free(msg);
}

/* ---- & and < in text ---------------------------------------------------- */

static void one_amp(hui_xml_src *s, size_t amp) {
  char *was = around(s->buf, s->len, amp, 1, NULL);
  char *now = around(s->buf, s->len, amp, 1, "&amp;");
  add(s, amp, _("a bare & in “%s”: write &amp; instead: “%s”"), was, now);
  free(was);
  free(now);
}

/* True when b[i] (a '&') starts a reference: &name; or &#digits; or
 * &#xhex; (whether the name is known is libxml2's to say). */
static bool is_reference(const char *b, size_t len, size_t i) {
  size_t k = i + 1;
  bool num = k < len && b[k] == '#';
  if (num) k += k + 1 < len && b[k + 1] == 'x' ? 2 : 1;
  size_t from = k;
  for (; k < len && k - i < 64; k++) {
    unsigned char c = (unsigned char)b[k];
    bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (!num && (c == '_' || c == '-' || c == '.' || c == ':' || c >= 0x80));
    if (!ok) break;
  }
  return k > from && k < len && b[k] == ';';
}

/* A bare & (R&D, 张三&李四): libxml2 reads a reference up to the next
 * character that cannot be in a name, so it stops far after the & (Chinese
 * characters can be in a name). Each bare & is a mistake of its own and
 * none follows from another, so the others in the text of the file are
 * reported too, each where it is. */
static bool bare_amp(hui_xml_src *s, size_t off) {
  if (off == 0) return false;
  /* libxml2 stops after the name it read, never on the & itself. */
  size_t amp = back_to(s->buf, 0, (off < s->len ? off : s->len) - 1, '&');
  if (amp == SIZE_MAX || is_reference(s->buf, s->len, amp)) return false;
  one_amp(s, amp);
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, s->buf, s->len);
  hui_xmlscan_skip_bom(&sc);
  size_t more = 0;
  for (hui_xt t; hui_xmlscan_next(&sc, &t);) {
    if (t.kind != HUI_XT_TEXT) continue;
    for (size_t i = t.content; i < t.content_end; i++) {
      if (s->buf[i] != '&' || i == amp || is_reference(s->buf, s->len, i)) continue;
      if (more++ < MAX_AMPS) one_amp(s, i);
    }
  }
  if (more > MAX_AMPS)
    add(s, amp, _("and %zu more bare & in this file: write &amp; for each"), more - MAX_AMPS);
  return true;
}

/* A < that starts no tag (a<b, < 100, 甲<乙): libxml2 tries to read a tag
 * from it. In an attribute's value it is not allowed either. */
static void bare_lt(hui_xml_src *s, size_t lt, bool in_value) {
  char *was = around(s->buf, s->len, lt, 1, NULL);
  char *now = around(s->buf, s->len, lt, 1, "&lt;");
  if (in_value)
    add(s, lt, _("a < in the attribute value “%s”: write &lt; instead: “%s”"), was, now);
  else
    add(s, lt,
        _("a < in the text “%s” (XML reads it as the start of a tag): write &lt; instead: “%s”"),
        was, now);
  free(was);
  free(now);
}

/* ---- start tags --------------------------------------------------------- */

/* The attribute whose value starts with the quote at q: its name's offset
 * and length in b (n 0 when there is none). */
static size_t attr_name(const char *b, size_t from, size_t q, size_t *n) {
  size_t e = q;
  while (e > from && (is_space(b[e - 1]) || b[e - 1] == '=')) e--;
  size_t a = e;
  while (a > from && !is_space(b[a - 1]) && b[a - 1] != '<' && b[a - 1] != '"' && b[a - 1] != '\'')
    a--;
  *n = e - a;
  return a;
}

/* The opening quote of the value that is still open at off, in the tag that
 * starts at lt, or SIZE_MAX when every value is closed there. */
static size_t open_quote(const char *b, size_t lt, size_t off) {
  size_t q = SIZE_MAX;
  char quote = 0;
  for (size_t i = lt + 1; i < off; i++) {
    if (quote) {
      if (b[i] == quote) quote = 0, q = SIZE_MAX;
    } else if ((b[i] == '"' || b[i] == '\'') && i > lt + 1) {
      size_t k = i;
      while (k > lt && is_space(b[k - 1])) k--;
      if (b[k - 1] == '=') quote = b[i], q = i;
    }
  }
  return q;
}

/* The value of an attribute that is not closed runs on into the text, up to
 * a < (LT_IN_ATTRIBUTE) or the end of the file; the start tag is the last <
 * before off (the value holds none: libxml2 stops at its first). */
static bool unclosed_quote(hui_xml_src *s, size_t lt, size_t off) {
  const char *b = s->buf;
  size_t end = off < s->len ? off : s->len;
  size_t q = open_quote(b, lt, end);
  if (q == SIZE_MAX) return false;
  /* A value that holds no > and is closed before the next > is a value with
   * a < in it, not an open one. */
  if (!memchr(b + q, '>', end - q) && off < s->len) {
    const char *close = memchr(b + off, b[q], s->len - off);
    const char *next_gt = memchr(b + off, '>', s->len - off);
    if (close && (!next_gt || close < next_gt)) return false;
  }
  size_t n;
  size_t name = attr_name(b, lt, q, &n);
  char *attr = hui_xstrndup(b + name, n);
  add(s, q, _("the value of %s that starts here has no closing quote: add %c where the value ends"),
      attr, b[q]);
  free(attr);
  return true;
}

/* An attribute written without quotes: role=signature. */
static bool unquoted_value(hui_xml_src *s, size_t off) {
  const char *b = s->buf;
  if (off >= s->len || off == 0) return false;
  size_t eq = off;
  while (eq > 0 && is_space(b[eq - 1])) eq--;
  if (eq == 0 || b[eq - 1] != '=') return false;
  size_t n;
  size_t name = attr_name(b, 0, eq - 1, &n);
  size_t v = off, e = off;
  while (e < s->len && !is_space(b[e]) && b[e] != '>' && b[e] != '/' && b[e] != '<') e++;
  if (n == 0 || e == v) return false;
  char *attr = hui_xstrndup(b + name, n), *val = hui_xstrndup(b + v, e - v);
  add(s, name, _("the value of %s must be in quotes: write %s=\"%s\""), attr, attr, val);
  free(attr);
  free(val);
  return true;
}

/* Errors inside what libxml2 took for a start tag: an open quote, a value
 * without quotes, or a < that was never meant to start a tag. */
static bool start_tag(hui_xml_src *s, int code, size_t off) {
  if (code == XML_ERR_ATTRIBUTE_NOT_STARTED && unquoted_value(s, off)) return true;
  /* The < that libxml2 took for a tag's start: the last before where it
   * stopped (which may be a < itself). */
  const char *lt = off ? memrchr(s->buf, '<', off < s->len ? off : s->len) : NULL;
  if (!lt) return false;
  if (unclosed_quote(s, (size_t)(lt - s->buf), off)) return true;
  if (code == XML_ERR_LT_IN_ATTRIBUTE) {
    if (off >= s->len || s->buf[off] != '<') return false;
    bare_lt(s, off, true);
    return true;
  }
  bare_lt(s, (size_t)(lt - s->buf), false);
  return true;
}

/* ---- tags that do not match --------------------------------------------- */

typedef struct open_el {
  size_t at, name, n; /* the '<', the name's offset and length */
} open_el;

/* The tags of the file matched up, until the first end tag that does not
 * close the innermost open element (mismatch, at end_at) or the end. */
typedef struct tagwalk {
  open_el *st; /* the elements open at that point */
  size_t n, cap;
  bool mismatch;
  size_t end_at, end_name, end_n;
  size_t root_end; /* just after the root's end tag; 0 while it is open */
} tagwalk;

static size_t name_len(const char *b, size_t len, size_t from) {
  size_t e = from;
  while (e < len && !is_space(b[e]) && b[e] != '>' && b[e] != '/') e++;
  return e - from;
}

static void walk_tags(const char *b, size_t len, tagwalk *w) {
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, b, len);
  hui_xmlscan_skip_bom(&sc);
  for (hui_xt t; hui_xmlscan_next(&sc, &t);) {
    if (t.kind == HUI_XT_START && !t.empty) {
      open_el *e = HUI_PUSH(w->st, w->n, w->cap);
      *e = (open_el){t.at, t.at + 1, name_len(b, len, t.at + 1)};
    } else if (t.kind == HUI_XT_END) {
      size_t name = t.at + 2, n = name_len(b, len, name);
      const open_el *top = w->n ? &w->st[w->n - 1] : NULL;
      if (top && top->n == n && memcmp(b + top->name, b + name, n) == 0) {
        if (--w->n == 0 && !w->root_end) w->root_end = t.end;
        continue;
      }
      w->mismatch = true;
      w->end_at = t.at;
      w->end_name = name;
      w->end_n = n;
      return;
    }
  }
}

static bool ascii(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((unsigned char)p[i] >= 0x80) return false;
  return true;
}

/* The element el is never closed. */
static void not_closed(hui_xml_src *s, const open_el *el, const tagwalk *w) {
  char *name = hui_xstrndup(s->buf + el->name, el->n);
  if (!ascii(name, el->n)) {
    /* <十年> is no element anyone meant: a < and > used in the text. */
    add(s, el->at,
        _("“<%s>” is read as a tag that is never closed: if the < and > are meant as text, write &lt;%s&gt; "
          "(or, around a title, 《%s》)"),
        name, name, name);
  } else if (w->mismatch) {
    char *end = hui_xstrndup(s->buf + w->end_name, w->end_n);
    hui_pos p = hui_xmlscan_offset_pos(s->buf, w->end_at);
    add(s, el->at,
        _("<%s> is not closed: add </%s> where its content ends (before </%s> on line %d)"), name,
        name, end, p.line);
    free(end);
  } else {
    add(s, el->at,
        _("<%s> is not closed: add </%s> where its content ends (at the latest at the end of the file)"),
        name, name);
  }
  free(name);
}

/* An end tag that does not match (TAG_NAME_MISMATCH), or the end of the file
 * with elements open (TAG_NOT_FINISHED). */
static bool tags(hui_xml_src *s) {
  tagwalk w = {0};
  walk_tags(s->buf, s->len, &w);
  bool told = true;
  if (w.mismatch && w.n) {
    /* Is the end tag's element open further out? Then the ones inside it
     * were not closed; otherwise the end tag closes nothing. */
    size_t k = w.n - 1;
    while (k-- > 0)
      if (w.st[k].n == w.end_n && memcmp(s->buf + w.st[k].name, s->buf + w.end_name, w.end_n) == 0)
        break;
    const open_el *top = &w.st[w.n - 1];
    if (k != SIZE_MAX) {
      not_closed(s, top, &w);
    } else {
      char *end = hui_xstrndup(s->buf + w.end_name, w.end_n);
      char *open = hui_xstrndup(s->buf + top->name, top->n);
      hui_pos p = hui_xmlscan_offset_pos(s->buf, top->at);
      add(s, w.end_at,
          _("</%s> closes nothing: the element open here is <%s> from line %d; write </%s> instead, or delete "
            "</%s>"),
          end, open, p.line, open, end);
      free(end);
      free(open);
    }
  } else if (!w.mismatch && w.n) {
    not_closed(s, &w.st[w.n - 1], &w);
  } else {
    told = false;
  }
  free(w.st);
  return told;
}

/* Something after the root's end tag: text, or a second root. */
static bool after_root(hui_xml_src *s) {
  tagwalk w = {0};
  walk_tags(s->buf, s->len, &w);
  free(w.st);
  if (!w.root_end) return false;
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, s->buf, s->len);
  sc.off = w.root_end;
  for (hui_xt t; hui_xmlscan_next(&sc, &t);) {
    if (t.kind == HUI_XT_COMMENT || t.kind == HUI_XT_PI) continue;
    size_t at = t.at;
    if (t.kind == HUI_XT_TEXT) {
      while (at < t.end && is_space(s->buf[at])) at++;
      if (at == t.end) continue;
    }
    /* The root's name, from its end tag. */
    size_t e = w.root_end - 1, a = e;
    while (a > 0 && s->buf[a - 1] != '/') a--;
    char *root = hui_xstrndup(s->buf + a, e - a);
    add(s, at,
        _("there is more after </%s>, the end of the document: everything must be inside <%s>…</%s>; move it in "
          "or delete it"),
        root, root, root);
    free(root);
    return true;
  }
  return false;
}

/* An attribute given twice in one tag (libxml2 names it, and points at the
 * tag's end): reported at its second time. */
static bool attribute_twice(hui_xml_src *s, size_t off) {
  if (!s->first.s1 || !*s->first.s1 || off == 0) return false;
  const char *lt = memrchr(s->buf, '<', off < s->len ? off : s->len);
  if (!lt) return false;
  /* libxml2 gives a prefixed name (xml:id) as the prefix and the local name */
  char *name = s->first.s2 && *s->first.s2 ? hui_xasprintf("%s:%s", s->first.s1, s->first.s2)
                                           : hui_xstrdup(s->first.s1);
  bool told = false;
  size_t n = strlen(name), seen = 0;
  for (size_t i = (size_t)(lt - s->buf) + 1; i + n < s->len && i < off; i++) {
    if (!is_space(s->buf[i - 1]) || memcmp(s->buf + i, name, n) != 0) continue;
    size_t e = i + n;
    while (e < s->len && is_space(s->buf[e])) e++;
    if (e < s->len && s->buf[e] == '=' && ++seen == 2) {
      add(s, i, _("the attribute %s is given twice in this tag: keep one and delete the other"),
          name);
      told = true;
      break;
    }
  }
  free(name);
  return told;
}

/* ---- the first error ---------------------------------------------------- */

bool hui_xml_explain(hui_xml_src *s, int code, int line, int col, const char *msg) {
  if (s->len == 0 || line <= 0) return false;
  size_t off = offset_of(s->buf, s->len, line, col);
  switch (code) {
  case XML_ERR_ENTITYREF_SEMICOL_MISSING:
  case XML_ERR_ENTITYREF_NO_NAME: return bare_amp(s, off);
  case XML_ERR_NAME_REQUIRED: /* after a & ("xmlParseEntityRef: no name") or a < */
    if (msg && strstr(msg, "EntityRef")) return bare_amp(s, off);
    return start_tag(s, code, off);
  case XML_ERR_LT_IN_ATTRIBUTE:
  case XML_ERR_ATTRIBUTE_NOT_STARTED:
  case XML_ERR_ATTRIBUTE_NOT_FINISHED:
  case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
  case XML_ERR_GT_REQUIRED:
  case XML_ERR_SPACE_REQUIRED: return start_tag(s, code, off);
  case XML_ERR_TAG_NAME_MISMATCH:
  case XML_ERR_TAG_NOT_FINISHED: return tags(s);
  case XML_ERR_DOCUMENT_END: return after_root(s);
  case XML_ERR_ATTRIBUTE_REDEFINED: return attribute_twice(s, off);
  default: return false;
  }
}

hui_pos hui_xml_amp_before(const hui_xml_src *s, int line, int col) {
  hui_pos p = {line, col};
  size_t off = s->len ? offset_of(s->buf, s->len, line, col) : 0;
  if (off == 0) return p;
  size_t amp = back_to(s->buf, 0, (off < s->len ? off : s->len) - 1, '&');
  return amp == SIZE_MAX ? p : hui_xmlscan_offset_pos(s->buf, amp);
}
