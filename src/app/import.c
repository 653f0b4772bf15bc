/* app/import: a Word document and its metadata into a DocBook submission
 * (see import.h). Knows DocBook as text: it writes the XML itself, escaped,
 * and the tests load what it writes with the DocBook reader. */
#define _GNU_SOURCE /* memmem */
#include "import.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"

#define NONE ((size_t)-1)

/* ---- notes -------------------------------------------------------------- */

void hui_import_note(hui_import_notes *notes, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char **slot = HUI_PUSH(notes->lines, notes->n, notes->cap);
  *slot = hui_xvasprintf(fmt, ap);
  va_end(ap);
}

void hui_import_notes_clear(hui_import_notes *notes) {
  if (!notes) {
    return;
  }
  for (size_t i = 0; i < notes->n; i++) {
    free(notes->lines[i]);
  }
  free(notes->lines);
  *notes = (hui_import_notes){0};
}

const char *hui_import_field_label(hui_roster_field f) {
  switch (f) {
  case HUI_RF_NUMBER: return _("number");
  case HUI_RF_NAME: return _("name");
  case HUI_RF_GENDER: return _("gender");
  case HUI_RF_BIRTH: return _("date of birth");
  case HUI_RF_POLITICS: return _("political status");
  case HUI_RF_UNIT: return _("unit");
  case HUI_RF_TITLE: return _("position");
  case HUI_RF_RECOMMENDER: return _("recommending unit");
  case HUI_RF_CATEGORY: return _("category");
  case HUI_RF_DEEDS: return _("deeds");
  case HUI_RF_PHOTO: return _("photo");
  case HUI_RF_FILE: return _("file");
  default: return "";
  }
}

/* ---- text helpers ------------------------------------------------------- */

static bool space_cp(uint32_t cp) { return hui_is_space(cp) || cp == 0xA0; }

/* s[0..n) trimmed of white space at both ends (U+3000 too). Caller frees. */
static char *trim_n(const char *s, size_t n) {
  size_t start = 0, end = 0;
  bool seen = false;
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, n - i, &cp);
    if (k == 0) {
      k = 1;
      cp = 0xFFFD;
    }
    if (!space_cp(cp)) {
      if (!seen) {
        start = i;
      }
      seen = true;
      end = i + k;
    }
    i += k;
  }
  return seen ? hui_xstrndup(s + start, end - start) : hui_xstrdup("");
}

/* The last character of s, or 0. */
static uint32_t last_cp(const char *s) {
  size_t n = strlen(s);
  while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80) {
    n--;
  }
  if (n == 0) {
    return 0;
  }
  uint32_t cp = 0;
  size_t len = strlen(s + n - 1);
  return hui_utf8_decode(s + n - 1, len, &cp) ? cp : 0;
}

static bool ends_sentence(const char *s) {
  static const uint32_t ends[] = {0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF0C, 0xFF1A,
                                  '.',    '!',    '?',    ';',    ',',    ':'};
  uint32_t cp = last_cp(s);
  for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
    if (cp == ends[i]) {
      return true;
    }
  }
  return false;
}

/* Bytes of the dash that starts s ("——", "――", "—", "--"), 0 when none. */
static size_t dash_len(const char *s) {
  size_t k = 0;
  for (;;) {
    uint32_t cp;
    size_t n = hui_utf8_decode(s + k, strlen(s + k), &cp);
    if (n == 0 || !(cp == 0x2014 || cp == 0x2015 || cp == 0x2500 || cp == '-')) {
      return k;
    }
    k += n;
  }
}

static bool is_han_numeral(uint32_t cp) {
  static const char *const digits = "一二三四五六七八九十百零〇";
  char buf[5];
  buf[hui_utf8_encode(cp, buf)] = '\0';
  return cp > 0x7F && strstr(digits, buf) != NULL;
}

/* Whether s starts with a 公文 number: 一、 （一） 1. 1、 (1) （1）. */
static bool numbered_start(const char *s) {
  size_t n = strlen(s), i = 0;
  uint32_t cp;
  size_t k = hui_utf8_decode(s, n, &cp);
  bool paren = k && (cp == 0xFF08 || cp == '(');
  if (paren) {
    i += k;
  }
  size_t digits = 0;
  while (i < n && (k = hui_utf8_decode(s + i, n - i, &cp)) &&
         (is_han_numeral(cp) || (cp < 0x80 && isdigit((int)cp)))) {
    i += k;
    digits++;
  }
  if (!digits || i >= n || !hui_utf8_decode(s + i, n - i, &cp)) {
    return false;
  }
  return paren ? cp == 0xFF09 || cp == ')' : cp == 0x3001 || cp == '.' || cp == 0xFF0E;
}

/* ---- label lines: "姓名：张三　单位：青石县第一中学" ------------------------ */

/* A white-space character ends at byte i of s (or i is 0). */
static bool after_space(const char *s, size_t i) {
  if (i == 0) {
    return true;
  }
  size_t j = i - 1;
  while (j > 0 && ((unsigned char)s[j] & 0xC0) == 0x80) {
    j--;
  }
  uint32_t cp;
  return hui_utf8_decode(s + j, i - j, &cp) == i - j && space_cp(cp);
}

/* The colon (： or :) at byte i of s: its length, else 0. */
static size_t colon_at(const char *s, size_t i) {
  if (s[i] == ':') {
    return 1;
  }
  return strncmp(s + i, "\xEF\xBC\x9A", 3) == 0 ? 3 : 0; /* ： */
}

/* The label that ends just before the colon at c, starting at a white-space
 * boundary at or after from: its start, or NONE; *f its field. */
static size_t label_before(const char *s, size_t from, size_t c, hui_roster_field *f) {
  for (size_t st = from; st < c; st++) {
    if (((unsigned char)s[st] & 0xC0) == 0x80 || !after_space(s, st) || (st > from && st == from)) {
      continue;
    }
    char *cand = hui_xstrndup(s + st, c - st);
    *f = hui_roster_label(cand);
    free(cand);
    if (*f != HUI_RF_NONE) {
      return st;
    }
  }
  return NONE;
}

/* Reads text as label lines into vals (each NULL or a fresh value). Returns
 * how many labels it has; 0 when the line does not start with a label. */
static size_t label_line(const char *text, char *vals[HUI_RF_COUNT]) {
  size_t n = strlen(text), found = 0;
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    vals[f] = NULL;
  }
  size_t from = 0, value = NONE;
  hui_roster_field cur = HUI_RF_NONE;
  /* skip leading white space */
  while (from < n) {
    uint32_t cp;
    size_t k = hui_utf8_decode(text + from, n - from, &cp);
    if (!k || !space_cp(cp)) {
      break;
    }
    from += k;
  }
  size_t first = from;
  for (size_t i = from; i < n; i++) {
    size_t k = colon_at(text, i);
    if (!k) {
      continue;
    }
    hui_roster_field f;
    size_t st = label_before(text, value == NONE ? from : value, i, &f);
    if (st == NONE || (found == 0 && st != first)) {
      if (found == 0) {
        return 0;
      }
      continue; /* a colon inside a value (10:30) */
    }
    if (cur != HUI_RF_NONE && !vals[cur]) {
      vals[cur] = trim_n(text + value, st - value);
    }
    cur = f;
    found++;
    value = i + k;
    i += k - 1;
  }
  if (cur != HUI_RF_NONE && !vals[cur]) {
    vals[cur] = trim_n(text + value, n - value);
  }
  return found;
}

/* ---- metadata ------------------------------------------------------------ */

/* v trimmed, its lines joined (a form's cell wraps 青山县 / 河口镇): nothing
 * between Chinese characters, a space between others. Caller frees. */
static char *join_lines(const char *v) {
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  const char *p = v;
  while (*p) {
    size_t len = strcspn(p, "\n");
    char *line = trim_n(p, len);
    if (*line) {
      if (b.len && !((unsigned char)b.data[b.len - 1] >= 0x80 && (unsigned char)line[0] >= 0x80)) {
        hui_buf_putc(&b, ' ');
      }
      hui_buf_puts(&b, line);
    }
    free(line);
    p += len + (p[len] != '\0');
  }
  return hui_buf_take(&b);
}

static void set_field(hui_import_meta *m, hui_roster_field f, const char *v, hui_meta_from from) {
  if (f == HUI_RF_NONE || !v || (f == HUI_RF_PHOTO && from != HUI_META_ROSTER)) {
    return; /* a form's 照片 cell holds the picture, not a file name */
  }
  char *t = f == HUI_RF_DEEDS ? trim_n(v, strlen(v))
                              : join_lines(v); /* the deeds keep their paragraphs */
  if (!*t) {
    free(t);
    return;
  }
  if (!m->field[f]) {
    m->field[f] = t;
    m->from[f] = from;
    return;
  }
  /* set by an earlier source: a different value is worth a line */
  char *a = hui_strip_spaces(m->field[f]), *b = hui_strip_spaces(t);
  if (strcmp(a, b) != 0 && !m->other[f] && f != HUI_RF_DEEDS) {
    m->other[f] = t;
    m->other_from[f] = from;
    t = NULL;
  }
  free(a);
  free(b);
  free(t);
}

/* A block that holds text of the body (not a metadata line, not empty). */
static bool body_block(const hui_docx *doc, const hui_import_meta *m, size_t i) {
  const hui_docx_block *b = &doc->blocks[i];
  if (m->taken[i]) {
    return false;
  }
  if (b->kind == HUI_DOCX_TABLE) {
    return b->table && b->table->nrows > 0;
  }
  if (b->kind == HUI_DOCX_IMAGE) {
    return false;
  }
  return b->text && *b->text;
}

static void find_form(const hui_docx *doc, hui_import_meta *m) {
  for (size_t i = 0; i < doc->nblocks; i++) {
    const hui_docx_block *b = &doc->blocks[i];
    if (b->kind != HUI_DOCX_TABLE || !b->table) {
      continue;
    }
    char *out[HUI_RF_COUNT] = {0};
    size_t got = hui_form_match(&b->table->grid, out);
    bool form = out[HUI_RF_NAME] || got >= 3;
    if (form) {
      m->form = i;
      m->taken[i] = true;
      for (int f = 0; f < HUI_RF_COUNT; f++) {
        set_field(m, (hui_roster_field)f, out[f], HUI_META_FORM);
      }
    }
    for (int f = 0; f < HUI_RF_COUNT; f++) {
      free(out[f]);
    }
    if (form) {
      return;
    }
  }
}

/* A line that may be the title: short, not a sentence, not numbered. */
static bool title_like(const hui_docx_block *b) {
  if (!(b->kind == HUI_DOCX_PARA || (b->kind == HUI_DOCX_HEADING && b->level <= 1)) || !b->text) {
    return false;
  }
  size_t chars = hui_utf8_count(b->text, strlen(b->text));
  char *vals[HUI_RF_COUNT];
  size_t labels = label_line(b->text, vals);
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    free(vals[f]);
  }
  return chars >= 2 && chars <= 60 && b->label_len == 0 && !ends_sentence(b->text) && !labels &&
         !dash_len(b->text) && !numbered_start(b->text);
}

/* A form's own heading: it ends in 表 (推荐表, 先进事迹登记表). */
static bool form_heading(const char *text) { return last_cp(text) == 0x8868; /* 表 */ }

static void find_header(const hui_docx *doc, hui_import_meta *m) {
  bool first = true;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const hui_docx_block *b = &doc->blocks[i];
    if (m->taken[i]) {
      continue; /* the form may stand above the deeds */
    }
    if (!(b->kind == HUI_DOCX_PARA || b->kind == HUI_DOCX_HEADING) || !b->text || b->label_len) {
      return;
    }
    if (first && i + 1 < doc->nblocks && title_like(b) && m->form != NONE &&
        form_heading(b->text)) {
      m->form_heading = i; /* 推荐表, 事迹登记表: the form's own title */
    } else if (first && i + 1 < doc->nblocks && title_like(b)) {
      m->title = trim_n(b->text, strlen(b->text));
      m->title_block = i;
    } else if (m->subtitle_block == NONE && dash_len(b->text) &&
               hui_utf8_count(b->text, strlen(b->text)) <= 80 && !ends_sentence(b->text)) {
      m->subtitle = trim_n(b->text, strlen(b->text));
      m->subtitle_block = i;
    } else {
      char *vals[HUI_RF_COUNT];
      size_t labels =
          hui_utf8_count(b->text, strlen(b->text)) <= 80 ? label_line(b->text, vals) : 0;
      if (!labels) {
        return;
      }
      for (int f = 0; f < HUI_RF_COUNT; f++) {
        set_field(m, (hui_roster_field)f, vals[f], HUI_META_HEADER);
        free(vals[f]);
      }
    }
    m->taken[i] = true;
    first = false;
  }
}

void hui_import_meta_find(const hui_docx *doc, const hui_roster_entry *entry, hui_import_meta *m) {
  m->nblocks = doc->nblocks;
  m->taken = hui_xcalloc(doc->nblocks + 1, sizeof *m->taken);
  m->title_block = m->subtitle_block = m->form = m->form_heading = NONE;
  for (int f = 0; entry && f < HUI_RF_COUNT; f++) {
    set_field(m, (hui_roster_field)f, entry->field[f], HUI_META_ROSTER);
  }
  find_form(doc, m);
  find_header(doc, m);
  bool body = false;
  for (size_t i = 0; i < doc->nblocks && !body; i++) {
    body = body_block(doc, m, i);
  }
  m->deeds_used = !body && m->field[HUI_RF_DEEDS];
}

void hui_import_meta_clear(hui_import_meta *m) {
  if (!m) {
    return;
  }
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    free(m->field[f]);
    free(m->other[f]);
  }
  free(m->title);
  free(m->subtitle);
  free(m->taken);
  *m = (hui_import_meta){0};
}

/* ---- the roster ---------------------------------------------------------- */

/* name without its extension (after the last '/' and the last '.'). */
static char *stem(const char *name) {
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  const char *dot = strrchr(base, '.');
  return hui_xstrndup(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
}

long hui_import_roster_match(const hui_roster *r, const char *file) {
  if (!r) {
    return -1;
  }
  char *want = stem(file);
  long hit = -1;
  for (size_t i = 0; i < r->n && hit < 0; i++) {
    const char *f = r->entries[i].field[HUI_RF_FILE];
    if (f && *f) {
      char *s = stem(f);
      if (strcmp(s, want) == 0) {
        hit = (long)i;
      }
      free(s);
    }
  }
  if (hit >= 0) {
    free(want);
    return hit;
  }
  /* the name in the file name: the longest wins, two of one length none */
  size_t best = 0;
  bool tie = false;
  for (size_t i = 0; i < r->n; i++) {
    char *name = hui_strip_spaces(r->entries[i].field[HUI_RF_NAME]);
    size_t len = strlen(name);
    if (len && strstr(want, name)) {
      if (len > best) {
        best = len;
        hit = (long)i;
        tie = false;
      } else if (len == best && strcmp(name, r->entries[hit].field[HUI_RF_NAME]) != 0) {
        tie = true;
      } else if (len == best) {
        tie = true; /* one name twice in the roster */
      }
    }
    free(name);
  }
  free(want);
  return tie ? -1 : hit;
}

long hui_import_roster_by_name(const hui_roster *r, const char *name) {
  if (!r || !name) {
    return -1;
  }
  char *want = hui_strip_spaces(name);
  long hit = -1;
  bool twice = false;
  for (size_t i = 0; *want && i < r->n; i++) {
    char *got = hui_strip_spaces(r->entries[i].field[HUI_RF_NAME]);
    if (strcmp(got, want) == 0) {
      twice = hit >= 0;
      hit = (long)i;
    }
    free(got);
  }
  free(want);
  return twice ? -1 : hit;
}

char *hui_import_roster_id(int year, const char *number) {
  if (!number) {
    return NULL;
  }
  char *n = trim_n(number, strlen(number));
  size_t len = strlen(n);
  bool digits = len > 0, word = len > 0 && isalpha((unsigned char)n[0]);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)n[i];
    digits = digits && isdigit(c);
    word = word && (isalnum(c) || c == '-' || c == '_') && c < 0x80;
  }
  char *id = NULL;
  if (digits && len <= 9) {
    id = hui_xasprintf("s%d-%03ld", year, strtol(n, NULL, 10));
  } else if (word) {
    id = hui_xstrdup(n);
  }
  free(n);
  return id;
}

/* ---- writing DocBook ----------------------------------------------------- */

/* Appends s[0..n) escaped for XML text or an attribute value; characters
 * XML 1.0 cannot hold (control characters) are left out. */
static void xml_text(hui_buf *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '&') {
      hui_buf_puts(b, "&amp;");
    } else if (c == '<') {
      hui_buf_puts(b, "&lt;");
    } else if (c == '>') {
      hui_buf_puts(b, "&gt;");
    } else if (c == '"') {
      hui_buf_puts(b, "&quot;");
    } else if (c == '\n') {
      /* a line break inside a paragraph or cell (the schema has none): joined
       * between Chinese characters, a space between others */
      bool cjk =
          i > 0 && (unsigned char)s[i - 1] >= 0x80 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80;
      if (!cjk) {
        hui_buf_putc(b, ' ');
      }
    } else if (c < 0x20 && c != '\t') {
      continue;
    } else {
      hui_buf_putc(b, (char)c);
    }
  }
}

static void xml_str(hui_buf *b, const char *s) { xml_text(b, s, strlen(s)); }

/* Valid UTF-8 only (a bad byte becomes U+FFFD): libxml2 refuses the rest. */
static char *valid_utf8(const char *s, size_t n) {
  hui_buf b = {0};
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, n - i, &cp);
    if (k == 0 || cp == 0xFFFE || cp == 0xFFFF) {
      hui_buf_utf8(&b, 0xFFFD);
      i += k ? k : 1;
    } else {
      hui_buf_add(&b, s + i, k);
      i += k;
    }
  }
  if (!b.data) {
    hui_buf_puts(&b, "");
  }
  return hui_buf_take(&b);
}

static void remap(hui_buf *b, const hui_docx_block *blk) {
  if (!blk || !blk->para) {
    return;
  }
  if (blk->skipped) {
    hui_buf_printf(b, " remap=\"p%zu+%zu\"", blk->para, blk->skipped);
  } else {
    hui_buf_printf(b, " remap=\"p%zu\"", blk->para);
  }
}

static int by_start(const void *a, const void *b) {
  const hui_docx_span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* The block's text with its bold runs as <emphasis role="bold">. */
static void inline_text(hui_buf *b, const hui_docx_block *blk, bool bold) {
  const char *t = blk->text ? blk->text : "";
  size_t n = strlen(t);
  char *text = valid_utf8(t, n);
  n = strlen(text);
  hui_docx_span *spans = NULL;
  size_t nspans = bold && text == NULL ? 0 : (bold ? blk->nbold : 0);
  if (nspans) {
    spans = hui_xmalloc(nspans * sizeof *spans);
    memcpy(spans, blk->bold, nspans * sizeof *spans);
    qsort(spans, nspans, sizeof *spans, by_start);
  }
  size_t at = 0;
  for (size_t i = 0; i < nspans; i++) {
    size_t s = spans[i].start < at ? at : spans[i].start, e = spans[i].end > n ? n : spans[i].end;
    if (s >= e) {
      continue;
    }
    xml_text(b, text + at, s - at);
    hui_buf_puts(b, "<emphasis role=\"bold\">");
    xml_text(b, text + s, e - s);
    hui_buf_puts(b, "</emphasis>");
    at = e;
  }
  xml_text(b, text + at, n - at);
  free(spans);
  free(text);
}

typedef struct writer {
  hui_buf b;
  const hui_docx *doc;
  const hui_import_meta *m;
  int depth;     /* sections open: 0, 1 or 2 */
  int levels[2]; /* the heading levels that are sections, -1 unused */
  size_t deep_headings, tables, images;
  hui_import_notes *notes;
} writer;

static void indent(writer *w) {
  for (int i = 0; i <= w->depth; i++) {
    hui_buf_puts(&w->b, "  ");
  }
}

static void close_to(writer *w, int depth) {
  while (w->depth > depth) {
    w->depth--;
    indent(w);
    hui_buf_puts(&w->b, "</section>\n");
  }
}

static void para(writer *w, const hui_docx_block *blk, const char *role) {
  indent(w);
  hui_buf_puts(&w->b, "<para");
  remap(&w->b, blk);
  if (role) {
    hui_buf_printf(&w->b, " role=\"%s\"", role);
  }
  hui_buf_putc(&w->b, '>');
  inline_text(&w->b, blk, true);
  hui_buf_puts(&w->b, "</para>\n");
}

static void heading(writer *w, const hui_docx_block *blk) {
  int rank = blk->level == w->levels[0] ? 1 : blk->level == w->levels[1] ? 2 : 3;
  if (rank == 3) {
    para(w, blk, "heading");
    w->deep_headings++;
    return;
  }
  if (rank == 2 && w->depth == 0) {
    rank = 1; /* a second-level heading before any first-level one */
  }
  close_to(w, rank - 1);
  indent(w);
  hui_buf_puts(&w->b, "<section");
  remap(&w->b, blk);
  hui_buf_puts(&w->b, ">\n");
  w->depth = rank;
  indent(w);
  hui_buf_puts(&w->b, "<title");
  remap(&w->b, blk);
  hui_buf_putc(&w->b, '>');
  inline_text(&w->b, blk, false);
  hui_buf_puts(&w->b, "</title>\n");
}

static void table(writer *w, const hui_docx_block *blk) {
  const hui_docx_table *t = blk->table;
  size_t rows = 0;
  for (size_t r = 0; t && r < t->nrows; r++) {
    hui_buf row = {0};
    bool any = false;
    for (size_t c = 0; c < t->ncols; c++) {
      const hui_docx_cell *cell = &t->cells[r * t->ncols + c];
      if (cell->colspan == 0 || !cell->text) {
        continue; /* covered by a merged cell */
      }
      char *text = trim_n(cell->text, strlen(cell->text));
      char *clean = valid_utf8(text, strlen(text));
      if (any) {
        hui_buf_puts(&row, "\xE3\x80\x80"); /* U+3000 between cells */
      }
      hui_buf_puts(&row, "<phrase role=\"cell\">");
      for (char *p = clean; *p; p++) {
        if (*p == '\n') {
          hui_buf_puts(&row, "\xE3\x80\x80");
        } else {
          xml_text(&row, p, 1);
        }
      }
      hui_buf_puts(&row, "</phrase>");
      any = any || *clean;
      free(clean);
      free(text);
    }
    if (any) {
      indent(w);
      hui_buf_puts(&w->b, "<para");
      remap(&w->b, blk);
      hui_buf_puts(&w->b, " role=\"table-row\">");
      hui_buf_puts(&w->b, row.data);
      hui_buf_puts(&w->b, "</para>\n");
      rows++;
    }
    hui_buf_free(&row);
  }
  if (!rows) {
    hui_import_note(w->notes, _("paragraph %zu: an empty table dropped"), blk->para);
    return;
  }
  hui_import_note(
      w->notes,
      P_("paragraph %zu: a table kept as %zu paragraph, one per row (submissions cannot hold tables yet)",
         "paragraph %zu: a table kept as %zu paragraphs, one per row (submissions cannot hold tables yet)",
         rows),
      blk->para, rows);
}

/* The paragraphs of a text that holds several (the form's 主要事迹 cell). */
static void text_paras(writer *w, const char *text, size_t para_no) {
  const char *p = text;
  hui_docx_block blk = {.para = para_no};
  while (*p) {
    size_t len = strcspn(p, "\n");
    char *line = trim_n(p, len);
    if (*line) {
      blk.text = line;
      para(w, &blk, NULL);
    }
    free(line);
    p += len;
    if (*p) {
      p++;
    }
  }
}

static int by_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return x < y ? -1 : x > y;
}

/* The two highest heading levels of the body become sections. */
static void section_levels(writer *w) {
  int *levels = hui_xmalloc((w->doc->nblocks + 1) * sizeof *levels);
  size_t n = 0;
  for (size_t i = 0; i < w->doc->nblocks; i++) {
    if (w->doc->blocks[i].kind == HUI_DOCX_HEADING && !w->m->taken[i]) {
      levels[n++] = w->doc->blocks[i].level;
    }
  }
  qsort(levels, n, sizeof *levels, by_int);
  w->levels[0] = w->levels[1] = -1;
  size_t k = 0;
  for (size_t i = 0; i < n && k < 2; i++) {
    if (k == 0 || levels[i] != w->levels[k - 1]) {
      w->levels[k++] = levels[i];
    }
  }
  free(levels);
}

static void info(writer *w, const hui_import_target *t) {
  const hui_import_meta *m = w->m;
  hui_buf *b = &w->b;
  hui_buf_puts(b, "  <info>\n");
  if (m->title) {
    hui_buf_puts(b, "    <title");
    remap(b, &w->doc->blocks[m->title_block]);
    hui_buf_putc(b, '>');
    xml_str(b, m->title);
    hui_buf_puts(b, "</title>\n");
  }
  if (m->subtitle) {
    hui_buf_puts(b, "    <subtitle");
    remap(b, &w->doc->blocks[m->subtitle_block]);
    hui_buf_putc(b, '>');
    xml_str(b, m->subtitle);
    hui_buf_puts(b, "</subtitle>\n");
  }
  const char *name = m->field[HUI_RF_NAME], *unit = m->field[HUI_RF_UNIT],
             *job = m->field[HUI_RF_TITLE];
  if (name || unit || job) {
    hui_buf_puts(b, "    <author>\n");
    if (name) {
      hui_buf_puts(b, "      <personname>");
      xml_str(b, name);
      hui_buf_puts(b, "</personname>\n");
    }
    if (unit || job) {
      hui_buf_puts(b, "      <affiliation>");
      if (job) {
        hui_buf_puts(b, "<jobtitle>");
        xml_str(b, job);
        hui_buf_puts(b, "</jobtitle>");
      }
      if (unit) {
        hui_buf_puts(b, "<orgname>");
        xml_str(b, unit);
        hui_buf_puts(b, "</orgname>");
      }
      hui_buf_puts(b, "</affiliation>\n");
    }
    hui_buf_puts(b, "    </author>\n");
  }
  if (t->photo) {
    hui_buf_puts(b, "    <cover><mediaobject><imageobject><imagedata fileref=\"");
    xml_str(b, t->photo);
    hui_buf_puts(b, "\"/></imageobject></mediaobject></cover>\n");
  }
  if (m->field[HUI_RF_CATEGORY]) {
    hui_buf_puts(b, "    <subjectset scheme=\"category\"><subject><subjectterm>");
    xml_str(b, m->field[HUI_RF_CATEGORY]);
    hui_buf_puts(b, "</subjectterm></subject></subjectset>\n");
  }
  if (m->field[HUI_RF_RECOMMENDER]) {
    hui_buf_puts(b, "    <bibliomisc role=\"recommender\">");
    xml_str(b, m->field[HUI_RF_RECOMMENDER]);
    hui_buf_puts(b, "</bibliomisc>\n");
  }
  hui_buf_puts(b, "  </info>\n");
}

/* The processing instruction naming the Word file: "?>" cannot be in it. */
static void source_pi(hui_buf *b, const char *source) {
  char *s = valid_utf8(source, strlen(source));
  hui_buf_puts(b, "<?huibian-source file=\"");
  for (const char *p = s; *p; p++) {
    if ((unsigned char)*p < 0x20) {
      continue;
    }
    if (*p == '"') {
      hui_buf_puts(b, "&quot;");
    } else if (*p == '&') {
      hui_buf_puts(b, "&amp;");
    } else if (*p == '>' && p > s && p[-1] == '?') {
      hui_buf_puts(b, "&gt;");
    } else {
      hui_buf_putc(b, *p);
    }
  }
  hui_buf_puts(b, "\"?>\n");
  free(s);
}

static void body(writer *w, const hui_import_target *t) {
  const hui_docx *doc = w->doc;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const hui_docx_block *blk = &doc->blocks[i];
    if (blk->nimages) {
      w->images += blk->nimages;
    }
    if (w->m->taken[i]) {
      continue;
    }
    switch (blk->kind) {
    case HUI_DOCX_HEADING:
      if (blk->text && *blk->text) {
        heading(w, blk);
      }
      break;
    case HUI_DOCX_TABLE: table(w, blk); break;
    case HUI_DOCX_IMAGE: {
      w->images++;
      const char *saved =
          t->image_files && blk->image < doc->nimages ? t->image_files[blk->image] : NULL;
      if (saved) {
        hui_import_note(
            w->notes,
            _("paragraph %zu: the image is saved as %s but not placed in the body (submissions "
              "cannot hold figures yet)"),
            blk->para, saved);
      } else {
        hui_import_note(w->notes, _("paragraph %zu: an image was left out"), blk->para);
      }
      break;
    }
    case HUI_DOCX_CAPTION:
      if (blk->text && *blk->text) {
        para(w, blk, "caption");
      }
      break;
    case HUI_DOCX_PARA:
    case HUI_DOCX_ITEM:
    default:
      if (blk->text && *blk->text) {
        para(w, blk, NULL);
      }
      break;
    }
  }
  if (w->m->deeds_used) {
    const hui_docx_block *form = w->m->form != NONE ? &doc->blocks[w->m->form] : NULL;
    text_paras(w, w->m->field[HUI_RF_DEEDS], form ? form->para : 0);
  }
  close_to(w, 0);
  /* footnotes, in their order, after the body */
  for (size_t k = 0; k < doc->nnotes; k++) {
    const char *p = doc->notes[k].text ? doc->notes[k].text : "";
    while (*p) {
      size_t len = strcspn(p, "\n");
      char *line = trim_n(p, len);
      if (*line) {
        hui_docx_block blk = {.text = line};
        hui_buf_printf(&w->b, "  <para remap=\"fn%zu\" role=\"footnote\">", k + 1);
        inline_text(&w->b, &blk, false);
        hui_buf_puts(&w->b, "</para>\n");
      }
      free(line);
      p += len + (p[len] != '\0');
    }
  }
}

char *hui_import_docbook(const hui_docx *doc, const hui_import_meta *m, const hui_import_target *t,
                         hui_import_notes *notes) {
  writer w = {.doc = doc, .m = m, .notes = notes};
  section_levels(&w);
  hui_buf_puts(&w.b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  source_pi(&w.b, t->source);
  hui_buf_puts(&w.b, "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"");
  xml_str(&w.b, t->id);
  hui_buf_puts(&w.b, "\" xml:lang=\"zh-CN\">\n");
  info(&w, t);
  body(&w, t);
  hui_buf_puts(&w.b, "</article>\n");
  for (size_t i = 0; i < doc->ndrops; i++) {
    const hui_docx_drop *d = &doc->drops[i];
    if (d->para) {
      hui_import_note(notes, _("paragraph %zu: %s"), d->para, d->what);
    } else {
      hui_import_note(notes, "%s", d->what);
    }
  }
  if (m->form_heading != NONE) {
    hui_import_note(
        notes, _("paragraph %zu: the form's heading '%s' left out (it is not the deeds' title)"),
        doc->blocks[m->form_heading].para, doc->blocks[m->form_heading].text);
  }
  if (w.deep_headings) {
    hui_import_note(
        notes,
        P_("%zu heading below the second level kept as a paragraph with role=\"heading\"",
           "%zu headings below the second level kept as paragraphs with role=\"heading\"",
           w.deep_headings),
        w.deep_headings);
  }
  if (doc->nnotes) {
    hui_import_note(
        notes,
        P_("%zu footnote kept as a paragraph at the end (submissions cannot hold footnotes yet)",
           "%zu footnotes kept as paragraphs at the end (submissions cannot hold footnotes yet)",
           doc->nnotes),
        doc->nnotes);
  }
  static const hui_roster_field unkept[] = {HUI_RF_GENDER, HUI_RF_BIRTH, HUI_RF_POLITICS};
  for (size_t i = 0; i < sizeof unkept / sizeof unkept[0]; i++) {
    if (m->field[unkept[i]]) {
      hui_import_note(notes, _("%s '%s' is not kept: a submission has no place for it"),
                      hui_import_field_label(unkept[i]), m->field[unkept[i]]);
    }
  }
  if (m->form != NONE && m->field[HUI_RF_DEEDS] && m->from[HUI_RF_DEEDS] == HUI_META_FORM &&
      !m->deeds_used) {
    hui_import_note(
        notes,
        _("paragraph %zu: the form's 主要事迹 cell is not used: the document has its own text"),
        doc->blocks[m->form].para);
  }
  return hui_buf_take(&w.b);
}

/* ---- the source map, read back ------------------------------------------- */

/* The byte offset of line:col in xml, or len when there is none. */
static size_t offset_of(const char *xml, size_t len, int line, int col) {
  size_t at = 0;
  for (int l = 1; l < line && at < len; l++) {
    const char *nl = memchr(xml + at, '\n', len - at);
    if (!nl) {
      return len;
    }
    at = (size_t)(nl - xml) + 1;
  }
  for (int c = 1; c < col && at < len && xml[at] != '\n'; c++) {
    at++;
    while (at < len && ((unsigned char)xml[at] & 0xC0) == 0x80) {
      at++;
    }
  }
  return at;
}

/* The Word file named by the huibian-source instruction, or NULL. */
static char *source_file(const char *xml, size_t len) {
  static const char mark[] = "<?huibian-source file=\"";
  size_t head = len < 4096 ? len : 4096;
  const char *pi = memmem(xml, head, mark, sizeof mark - 1);
  const char *root = memmem(xml, head, "<article", 8);
  if (!pi || (root && root < pi)) {
    return NULL;
  }
  const char *v = pi + sizeof mark - 1, *end = memchr(v, '"', (size_t)(xml + len - v));
  if (!end) {
    return NULL;
  }
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  for (const char *q = v; q < end; q++) {
    static const char *const ents[][2] = {
        {"&quot;", "\""}, {"&amp;", "&"}, {"&gt;", ">"}, {"&lt;", "<"}};
    size_t k = 0;
    while (k < 4 && strncmp(q, ents[k][0], strlen(ents[k][0])) != 0) {
      k++;
    }
    if (k < 4) {
      hui_buf_puts(&b, ents[k][1]);
      q += strlen(ents[k][0]) - 1;
    } else {
      hui_buf_putc(&b, *q);
    }
  }
  return hui_buf_take(&b);
}

bool hui_import_place_of(const char *xml, size_t len, int line, int col, hui_import_place *p) {
  size_t at = offset_of(xml, len, line, col);
  if (at >= len) {
    return false;
  }
  /* the last remap="…" before the place */
  static const char attr[] = " remap=\"";
  const char *last = NULL;
  /* a place on a start tag (a finding on the element) looks at that tag too */
  const char *gt = xml[at] == '<' ? memchr(xml + at, '>', len - at) : NULL;
  const char *limit = gt ? gt : xml + at;
  for (const char *q = xml; (q = memmem(q, (size_t)(limit - q), attr, sizeof attr - 1)) != NULL;
       q++) {
    last = q;
  }
  if (!last) {
    return false;
  }
  const char *v = last + sizeof attr - 1, *tag_end = memchr(v, '>', (size_t)(xml + len - v));
  if (!tag_end) {
    return false;
  }
  tag_end++;
  size_t para = 0, skipped = 0, footnote = 0;
  char *end;
  if (v[0] == 'p' && v[1] >= '0' && v[1] <= '9') {
    para = strtoul(v + 1, &end, 10);
    if (*end == '+') {
      skipped = strtoul(end + 1, &end, 10);
    }
  } else if (strncmp(v, "fn", 2) == 0 && v[2] >= '0' && v[2] <= '9') {
    footnote = strtoul(v + 2, &end, 10);
  } else {
    return false;
  }
  if (*end != '"') {
    return false;
  }
  /* the place must lie inside that element's text: no paragraph or title ends between */
  size_t count = 0;
  bool inside = xml + at >= tag_end;
  for (const char *q = tag_end; inside && q < xml + at;) {
    if (*q == '<') {
      if (strncmp(q, "</para>", 7) == 0 || strncmp(q, "</title>", 8) == 0 ||
          strncmp(q, "</subtitle>", 11) == 0) {
        return false;
      }
      const char *close = memchr(q, '>', (size_t)(xml + at - q));
      q = close ? close + 1 : xml + at;
      continue;
    }
    if (*q == '&') {
      const char *semi = memchr(q, ';', (size_t)(xml + at - q));
      q = semi ? semi + 1 : q + 1;
    } else {
      q++;
      while (q < xml + at && ((unsigned char)*q & 0xC0) == 0x80) {
        q++;
      }
    }
    count++;
  }
  char *file = source_file(xml, len);
  if (!file) {
    return false;
  }
  p->file = file;
  p->para = para;
  p->footnote = footnote;
  p->chr = inside ? skipped + count + 1 : 0;
  return true;
}
