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

static int by_at(const void *a, const void *b) {
  const hui_docx_mark *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

/* A submission can hold a table of up to this many columns. */
#define MAX_TABLE_COLUMNS 64

typedef struct writer {
  hui_buf b;
  const hui_docx *doc;
  const hui_import_meta *m;
  const hui_import_target *t;
  int depth;     /* sections open: 0 to 3 */
  int levels[3]; /* the heading levels that are sections, -1 unused */
  size_t *title; /* per block: the caption block that is its figure's or table's title, NONE */
  bool *used;    /* per block: written as another block's title */
  bool *placed;  /* per footnote: its mark stands in a block written as a paragraph */
  bool *written; /* per footnote: written (at its mark, or as paragraphs) */
  bool *marked;  /* per footnote: some block has its mark */
  size_t deep_headings;
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

/* Whether s holds more than white space. */
static bool has_text(const char *s) {
  if (!s) {
    return false;
  }
  char *t = trim_n(s, strlen(s));
  bool any = *t != '\0';
  free(t);
  return any;
}

/* Where image k was saved (relative to the edition), or NULL. */
static const char *saved_image(const writer *w, size_t k) {
  return w->t->image_files && k < w->doc->nimages ? w->t->image_files[k] : NULL;
}

/* Where image k was saved when it can be placed in the body: a PNG or a
 * JPEG (check reads no other photo, and Word also holds EMF, WMF, GIF). */
static const char *placeable_image(const writer *w, size_t k) {
  const char *file = saved_image(w, k);
  const hui_docx_image *im = file ? &w->doc->images[k] : NULL;
  bool png = im && im->len >= 8 && memcmp(im->bytes, "\x89PNG\r\n\x1a\n", 8) == 0;
  bool jpeg =
      im && im->len >= 3 && im->bytes[0] == 0xFF && im->bytes[1] == 0xD8 && im->bytes[2] == 0xFF;
  return png || jpeg ? file : NULL;
}

/* The paragraphs of footnote k, each <para remap="fnK">: inside a footnote
 * element (in), else as paragraphs of the body. */
static void note_paras(writer *w, size_t k, bool in) {
  const char *p = w->doc->notes[k].text ? w->doc->notes[k].text : "";
  while (*p) {
    size_t len = strcspn(p, "\n");
    char *line = trim_n(p, len);
    if (*line) {
      char *clean = valid_utf8(line, strlen(line));
      if (!in) {
        indent(w);
      }
      hui_buf_printf(&w->b, "<para remap=\"fn%zu\">", k + 1);
      xml_str(&w->b, clean);
      hui_buf_puts(&w->b, in ? "</para>" : "</para>\n");
      free(clean);
    }
    free(line);
    p += len + (p[len] != '\0');
  }
  w->written[k] = true;
}

/* Appends text[from..to) with the parts of the bold spans (sorted) in it. */
static void bold_runs(hui_buf *b, const char *text, size_t from, size_t to,
                      const hui_docx_span *spans, size_t n) {
  size_t at = from;
  for (size_t i = 0; i < n; i++) {
    size_t s = spans[i].start < at ? at : spans[i].start, e = spans[i].end > to ? to : spans[i].end;
    if (s >= e) {
      continue;
    }
    xml_text(b, text + at, s - at);
    hui_buf_puts(b, "<emphasis role=\"bold\">");
    xml_text(b, text + s, e - s);
    hui_buf_puts(b, "</emphasis>");
    at = e;
  }
  xml_text(b, text + at, to - at);
}

/* The block's text with its bold runs as <emphasis role="bold"> and, when
 * notes, its footnotes as <footnote> where their marks stand (a bold run a
 * mark falls in is closed before it and opened again after). */
static void inline_text(writer *w, const hui_docx_block *blk, bool bold, bool notes) {
  const char *t = blk->text ? blk->text : "";
  char *text = valid_utf8(t, strlen(t));
  size_t n = strlen(text);
  size_t nspans = bold ? blk->nbold : 0, nmarks = notes ? blk->nnotes : 0;
  hui_docx_span *spans = NULL;
  hui_docx_mark *marks = NULL;
  if (nspans) {
    spans = hui_xmalloc(nspans * sizeof *spans);
    memcpy(spans, blk->bold, nspans * sizeof *spans);
    qsort(spans, nspans, sizeof *spans, by_start);
  }
  if (nmarks) {
    marks = hui_xmalloc(nmarks * sizeof *marks);
    memcpy(marks, blk->notes, nmarks * sizeof *marks);
    qsort(marks, nmarks, sizeof *marks, by_at);
  }
  size_t at = 0;
  for (size_t i = 0; i < nmarks; i++) {
    size_t k = marks[i].what;
    if (k >= w->doc->nnotes || !w->placed[k] || w->written[k]) {
      continue;
    }
    size_t to = marks[i].at > n ? n : marks[i].at < at ? at : marks[i].at;
    while (to < n && ((unsigned char)text[to] & 0xC0) == 0x80) {
      to++; /* never inside a character */
    }
    bold_runs(&w->b, text, at, to, spans, nspans);
    hui_buf_puts(&w->b, "<footnote>");
    note_paras(w, k, true);
    hui_buf_puts(&w->b, "</footnote>");
    at = to;
  }
  bold_runs(&w->b, text, at, n, spans, nspans);
  free(marks);
  free(spans);
  free(text);
}

/* The image k as a figure whose title is the caption block cap, or an
 * informalfigure when cap is NONE; at gives its source map. False when the
 * image was not saved. */
static bool figure(writer *w, const hui_docx_block *at, size_t k, size_t cap) {
  const char *file = placeable_image(w, k);
  if (!file) {
    const char *saved = saved_image(w, k);
    if (saved) {
      hui_import_note(
          w->notes,
          _("paragraph %zu: the image saved as %s is not a PNG or JPEG photo and is not "
            "placed: convert it to PNG or JPEG and place it by hand"),
          at->para, saved);
    } else {
      hui_import_note(w->notes, _("paragraph %zu: an image was left out"), at->para);
    }
    return false;
  }
  const char *el = cap != NONE ? "figure" : "informalfigure";
  indent(w);
  hui_buf_printf(&w->b, "<%s", el);
  remap(&w->b, at);
  hui_buf_puts(&w->b, ">\n");
  if (cap != NONE) {
    const hui_docx_block *c = &w->doc->blocks[cap];
    indent(w);
    hui_buf_puts(&w->b, "  <title");
    remap(&w->b, c);
    hui_buf_putc(&w->b, '>');
    inline_text(w, c, true, false);
    hui_buf_puts(&w->b, "</title>\n");
  }
  indent(w);
  hui_buf_puts(&w->b, "  <mediaobject");
  remap(&w->b, at);
  hui_buf_puts(&w->b, "><imageobject><imagedata fileref=\"");
  xml_str(&w->b, file);
  hui_buf_puts(&w->b, "\"/></imageobject></mediaobject>\n");
  indent(w);
  hui_buf_printf(&w->b, "</%s>\n", el);
  return true;
}

/* The images inside the block's text, each an informalfigure after it. */
static void inline_figures(writer *w, const hui_docx_block *blk) {
  size_t placed = 0;
  for (size_t i = 0; i < blk->nimages; i++) {
    placed += figure(w, blk, blk->images[i].what, NONE);
  }
  if (placed) {
    hui_import_note(w->notes,
                    P_("paragraph %zu: %zu image inside the text placed after the paragraph, as a "
                       "figure without caption",
                       "paragraph %zu: %zu images inside the text placed after the paragraph, as "
                       "figures without caption",
                       placed),
                    blk->para, placed);
  }
}

static void para(writer *w, const hui_docx_block *blk) {
  indent(w);
  hui_buf_puts(&w->b, "<para");
  remap(&w->b, blk);
  hui_buf_putc(&w->b, '>');
  inline_text(w, blk, true, true);
  hui_buf_puts(&w->b, "</para>\n");
  inline_figures(w, blk);
}

static void heading(writer *w, const hui_docx_block *blk) {
  int rank = 4;
  for (int k = 3; k-- > 0;) {
    rank = blk->level == w->levels[k] ? k + 1 : rank;
  }
  if (rank == 4) {
    /* below the third level: a bold paragraph (sections nest three deep) */
    indent(w);
    hui_buf_puts(&w->b, "<para");
    remap(&w->b, blk);
    hui_buf_puts(&w->b, "><emphasis role=\"bold\">");
    inline_text(w, blk, false, false);
    hui_buf_puts(&w->b, "</emphasis></para>\n");
    w->deep_headings++;
    inline_figures(w, blk);
    return;
  }
  if (rank > w->depth + 1) {
    rank = w->depth + 1; /* a second-level heading before any first-level one */
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
  inline_text(w, blk, true, false);
  hui_buf_puts(&w->b, "</title>\n");
  inline_figures(w, blk);
}

/* ---- tables ---- */

/* Whether any cell of t holds text. */
static bool table_text(const hui_docx_table *t) {
  for (size_t i = 0; t && i < t->nrows * t->ncols; i++) {
    if (t->cells[i].colspan && has_text(t->cells[i].text)) {
      return true;
    }
  }
  return false;
}

/* A cell's text: one paragraph as text, several as <para>s. */
static void cell_text(writer *w, const char *text) {
  char *clean = valid_utf8(text ? text : "", text ? strlen(text) : 0);
  size_t lines = 0;
  for (const char *p = clean; *p;) {
    size_t len = strcspn(p, "\n");
    char *line = trim_n(p, len);
    lines += *line != '\0';
    free(line);
    p += len + (p[len] != '\0');
  }
  for (const char *p = clean; *p;) {
    size_t len = strcspn(p, "\n");
    char *line = trim_n(p, len);
    if (*line) {
      hui_buf_puts(&w->b, lines > 1 ? "<para>" : "");
      xml_str(&w->b, line);
      hui_buf_puts(&w->b, lines > 1 ? "</para>" : "");
    }
    free(line);
    p += len + (p[len] != '\0');
  }
  free(clean);
}

/* Rows [from, to) of t as the table's part (thead or tbody). A row that
 * holds no cell of its own (all merged from above: own[r] false) is left
 * out, a CALS row needs an entry; morerows counts the rows kept. Each entry
 * goes where CALS puts it (the next column no span from above takes) unless
 * namest says otherwise. */
static void table_rows(writer *w, const hui_docx_table *t, const bool *own, size_t from, size_t to,
                       const char *part) {
  size_t nc = t->ncols;
  size_t *until = hui_xcalloc(nc + 1, sizeof *until); /* per column: first row below its span */
  indent(w);
  hui_buf_printf(&w->b, "    <%s>\n", part);
  for (size_t r = from; r < to; r++) {
    if (!own[r]) {
      continue;
    }
    indent(w);
    hui_buf_puts(&w->b, "      <row>");
    size_t next = 0;
    for (size_t c = 0; c < nc; c++) {
      const hui_docx_cell *cell = &t->cells[r * nc + c];
      if (!cell->colspan) {
        continue; /* covered by a merged cell */
      }
      size_t span = cell->colspan < nc - c ? cell->colspan : nc - c;
      size_t last = cell->rowspan > 1 ? r + cell->rowspan : r + 1;
      last = last < to ? last : to;
      size_t more = 0;
      for (size_t q = r + 1; q < last; q++) {
        more += own[q];
      }
      while (next < nc && until[next] > r) {
        next++;
      }
      hui_buf_puts(&w->b, "<entry");
      if (c != next || span > 1) {
        hui_buf_printf(&w->b, " namest=\"c%zu\"", c + 1);
      }
      if (span > 1) {
        hui_buf_printf(&w->b, " nameend=\"c%zu\"", c + span);
      }
      if (more) {
        hui_buf_printf(&w->b, " morerows=\"%zu\"", more);
      }
      hui_buf_putc(&w->b, '>');
      cell_text(w, cell->text);
      hui_buf_puts(&w->b, "</entry>");
      for (size_t k = c; k < c + span; k++) {
        until[k] = last;
      }
      next = c + span;
    }
    hui_buf_puts(&w->b, "</row>\n");
  }
  indent(w);
  hui_buf_printf(&w->b, "    </%s>\n", part);
  free(until);
}

/* A table wider than a submission holds: one paragraph per row, its cells
 * set apart by U+3000. */
static size_t table_paras(writer *w, const hui_docx_block *blk) {
  const hui_docx_table *t = blk->table;
  size_t rows = 0;
  for (size_t r = 0; r < t->nrows; r++) {
    hui_buf row = {0};
    hui_buf_puts(&row, "");
    for (size_t c = 0; c < t->ncols; c++) {
      const hui_docx_cell *cell = &t->cells[r * t->ncols + c];
      if (cell->colspan && has_text(cell->text)) {
        char *text = trim_n(cell->text, strlen(cell->text));
        char *clean = valid_utf8(text, strlen(text));
        hui_buf_puts(&row, row.len ? "\xE3\x80\x80" : "");
        hui_buf_puts(&row, clean);
        free(clean);
        free(text);
      }
    }
    if (row.len) {
      hui_docx_block line = {.text = row.data, .para = blk->para};
      para(w, &line);
      rows++;
    }
    hui_buf_free(&row);
  }
  return rows;
}

static void table(writer *w, const hui_docx_block *blk, size_t i) {
  const hui_docx_table *t = blk->table;
  if (!table_text(t)) {
    hui_import_note(w->notes, _("paragraph %zu: an empty table dropped"), blk->para);
    return;
  }
  if (t->ncols > MAX_TABLE_COLUMNS) {
    size_t rows = table_paras(w, blk);
    hui_import_note(w->notes,
                    P_("paragraph %zu: a table of more than %d columns kept as %zu paragraph, one "
                       "per row",
                       "paragraph %zu: a table of more than %d columns kept as %zu paragraphs, one "
                       "per row",
                       rows),
                    blk->para, MAX_TABLE_COLUMNS, rows);
    return;
  }
  size_t nr = t->nrows, nc = t->ncols;
  bool *own = hui_xcalloc(nr + 1, sizeof *own);
  for (size_t k = 0; k < nr * nc; k++) {
    own[k / nc] = own[k / nc] || t->cells[k].colspan;
  }
  /* the header: the first row and the rows its merged cells reach down to */
  size_t head = 0;
  if (t->header_row && own[0]) {
    head = 1;
    for (size_t c = 0; c < nc; c++) {
      const hui_docx_cell *cell = &t->cells[c];
      head = cell->colspan && cell->rowspan > head ? cell->rowspan : head;
    }
    head = head < nr ? head : nr;
    bool body = false;
    for (size_t r = head; r < nr; r++) {
      body = body || own[r];
    }
    head = body ? head : 0; /* a table of header rows only: all body */
  }
  size_t cap = w->title[i];
  const char *el = cap != NONE ? "table" : "informaltable";
  indent(w);
  hui_buf_printf(&w->b, "<%s", el);
  remap(&w->b, blk);
  hui_buf_puts(&w->b, ">\n");
  if (cap != NONE) {
    indent(w);
    hui_buf_puts(&w->b, "  <title");
    remap(&w->b, &w->doc->blocks[cap]);
    hui_buf_putc(&w->b, '>');
    inline_text(w, &w->doc->blocks[cap], true, false);
    hui_buf_puts(&w->b, "</title>\n");
  }
  indent(w);
  hui_buf_puts(&w->b, "  <tgroup");
  remap(&w->b, blk);
  hui_buf_printf(&w->b, " cols=\"%zu\">\n", nc);
  indent(w);
  hui_buf_puts(&w->b, "    ");
  for (size_t c = 0; c < nc; c++) {
    hui_buf_printf(&w->b, "<colspec colname=\"c%zu\"/>", c + 1);
  }
  hui_buf_putc(&w->b, '\n');
  if (head) {
    table_rows(w, t, own, 0, head, "thead");
  }
  table_rows(w, t, own, head, nr, "tbody");
  indent(w);
  hui_buf_puts(&w->b, "  </tgroup>\n");
  indent(w);
  hui_buf_printf(&w->b, "</%s>\n", el);
  free(own);
  if (cap != NONE) {
    inline_figures(w, &w->doc->blocks[cap]);
  }
}

/* ---- the body ---- */

/* The paragraphs of a text that holds several (the form's 主要事迹 cell). */
static void text_paras(writer *w, const char *text, size_t para_no) {
  const char *p = text;
  hui_docx_block blk = {.para = para_no};
  while (*p) {
    size_t len = strcspn(p, "\n");
    char *line = trim_n(p, len);
    if (*line) {
      blk.text = line;
      para(w, &blk);
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

/* The three highest heading levels of the body become sections. */
static void section_levels(writer *w) {
  int *levels = hui_xmalloc((w->doc->nblocks + 1) * sizeof *levels);
  size_t n = 0;
  for (size_t i = 0; i < w->doc->nblocks; i++) {
    if (w->doc->blocks[i].kind == HUI_DOCX_HEADING && !w->m->taken[i]) {
      levels[n++] = w->doc->blocks[i].level;
    }
  }
  qsort(levels, n, sizeof *levels, by_int);
  w->levels[0] = w->levels[1] = w->levels[2] = -1;
  size_t k = 0;
  for (size_t i = 0; i < n && k < 3; i++) {
    if (k == 0 || levels[i] != w->levels[k - 1]) {
      w->levels[k++] = levels[i];
    }
  }
  free(levels);
}

/* A caption block at i, not yet anyone's, with text: i, else NONE. */
static size_t free_caption(const writer *w, size_t i) {
  if (i >= w->doc->nblocks || w->m->taken[i] || w->used[i]) {
    return NONE;
  }
  const hui_docx_block *b = &w->doc->blocks[i];
  return b->kind == HUI_DOCX_CAPTION && has_text(b->text) ? i : NONE;
}

/* Which caption is whose title: an image's the caption right under it; a
 * table's the caption right above it (the Chinese way), else right under
 * it. Then which footnotes stand in a block written as a paragraph. */
static void plan(writer *w) {
  const hui_docx *doc = w->doc;
  for (size_t i = 0; i < doc->nblocks; i++) {
    const hui_docx_block *b = &doc->blocks[i];
    w->title[i] = NONE;
    if (w->m->taken[i] || w->used[i]) {
      continue;
    }
    if (b->kind == HUI_DOCX_IMAGE && placeable_image(w, b->image)) {
      w->title[i] = free_caption(w, i + 1);
    } else if (b->kind == HUI_DOCX_TABLE && table_text(b->table) &&
               b->table->ncols <= MAX_TABLE_COLUMNS) {
      w->title[i] = i > 0 ? free_caption(w, i - 1) : NONE;
      w->title[i] = w->title[i] != NONE ? w->title[i] : free_caption(w, i + 1);
    }
    if (w->title[i] != NONE) {
      w->used[w->title[i]] = true;
    }
  }
  for (size_t i = 0; i < doc->nblocks; i++) {
    const hui_docx_block *b = &doc->blocks[i];
    for (size_t k = 0; k < b->nnotes; k++) {
      if (b->notes[k].what < doc->nnotes) {
        w->marked[b->notes[k].what] = true;
      }
    }
    bool paragraph =
        b->kind == HUI_DOCX_PARA || b->kind == HUI_DOCX_ITEM || b->kind == HUI_DOCX_CAPTION;
    if (w->m->taken[i] || w->used[i] || !paragraph || !b->text || !*b->text) {
      continue;
    }
    for (size_t k = 0; k < b->nnotes; k++) {
      size_t f = b->notes[k].what;
      if (f < doc->nnotes && has_text(doc->notes[f].text)) {
        w->placed[f] = true;
      }
    }
  }
}

/* Footnote k as paragraphs here: its mark stood where a footnote cannot. */
static void moved_note(writer *w, size_t k) {
  if (k >= w->doc->nnotes || w->written[k] || w->placed[k] || !has_text(w->doc->notes[k].text)) {
    return;
  }
  note_paras(w, k, false);
  hui_import_note(w->notes,
                  _("footnote %zu: its mark stands where a footnote cannot (a table cell, a "
                    "heading or a caption): its text is kept as a paragraph after that place"),
                  k + 1);
}

/* The footnotes marked in blk that it could not hold (a heading, a caption
 * that is a title). */
static void block_notes(writer *w, const hui_docx_block *blk) {
  for (size_t k = 0; k < blk->nnotes; k++) {
    moved_note(w, blk->notes[k].what);
  }
}

/* The footnotes below limit (all: NONE) that no block marks (the reader
 * keeps no mark in a table cell): numbered in reading order, those before
 * the next marked one stood in the table just written. */
static void unmarked_notes(writer *w, size_t limit) {
  for (size_t k = 0; k < w->doc->nnotes && k < limit; k++) {
    if (!w->marked[k]) {
      moved_note(w, k);
    }
  }
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

static void body(writer *w) {
  const hui_docx *doc = w->doc;
  size_t n = doc->nblocks;
  /* per block: the lowest footnote marked in it or after it */
  size_t *next = hui_xmalloc((n + 1) * sizeof *next);
  next[n] = NONE;
  for (size_t i = n; i-- > 0;) {
    next[i] = next[i + 1];
    for (size_t k = 0; k < doc->blocks[i].nnotes; k++) {
      size_t f = doc->blocks[i].notes[k].what;
      next[i] = f < next[i] ? f : next[i];
    }
  }
  for (size_t i = 0; i < n; i++) {
    const hui_docx_block *blk = &doc->blocks[i];
    if (w->m->taken[i] || w->used[i]) {
      continue;
    }
    switch (blk->kind) {
    case HUI_DOCX_HEADING:
      if (blk->text && *blk->text) {
        heading(w, blk);
      }
      break;
    case HUI_DOCX_TABLE: table(w, blk, i); break;
    case HUI_DOCX_IMAGE:
      if (figure(w, blk, blk->image, w->title[i]) && w->title[i] != NONE) {
        inline_figures(w, &doc->blocks[w->title[i]]);
      }
      break;
    case HUI_DOCX_CAPTION:
    case HUI_DOCX_PARA:
    case HUI_DOCX_ITEM:
    default:
      if (blk->text && *blk->text) {
        para(w, blk);
      }
      break;
    }
    block_notes(w, blk);
    if (w->title[i] != NONE) {
      block_notes(w, &doc->blocks[w->title[i]]);
    }
    if (blk->kind == HUI_DOCX_TABLE) {
      unmarked_notes(w, next[i + 1]);
    }
  }
  if (w->m->deeds_used) {
    const hui_docx_block *form = w->m->form != NONE ? &doc->blocks[w->m->form] : NULL;
    text_paras(w, w->m->field[HUI_RF_DEEDS], form ? form->para : 0);
  }
  /* the rest: marks in the header or the form, or past the last table */
  for (size_t k = 0; k < doc->nnotes; k++) {
    moved_note(w, k);
  }
  close_to(w, 0);
  free(next);
}

char *hui_import_docbook(const hui_docx *doc, const hui_import_meta *m, const hui_import_target *t,
                         hui_import_notes *notes) {
  writer w = {.doc = doc, .m = m, .t = t, .notes = notes};
  w.title = hui_xcalloc(doc->nblocks + 1, sizeof *w.title);
  w.used = hui_xcalloc(doc->nblocks + 1, sizeof *w.used);
  w.placed = hui_xcalloc(doc->nnotes + 1, sizeof *w.placed);
  w.written = hui_xcalloc(doc->nnotes + 1, sizeof *w.written);
  w.marked = hui_xcalloc(doc->nnotes + 1, sizeof *w.marked);
  section_levels(&w);
  plan(&w);
  hui_buf_puts(&w.b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  source_pi(&w.b, t->source);
  hui_buf_puts(&w.b, "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"");
  xml_str(&w.b, t->id);
  hui_buf_puts(&w.b, "\" xml:lang=\"zh-CN\">\n");
  info(&w, t);
  body(&w);
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
    hui_import_note(notes,
                    P_("%zu heading below the third level kept as a bold paragraph (sections nest "
                       "three deep)",
                       "%zu headings below the third level kept as bold paragraphs (sections nest "
                       "three deep)",
                       w.deep_headings),
                    w.deep_headings);
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
  free(w.title);
  free(w.used);
  free(w.placed);
  free(w.written);
  free(w.marked);
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
  /* the last remap="…" before the place, those inside a footnote that
   * closes before it not counted (the text after a footnote is its
   * paragraph's) */
  static const char attr[] = " remap=\"";
  const char *last = NULL, *before_note = NULL;
  /* a place on a start tag (a finding on the element) looks at that tag too */
  const char *gt = xml[at] == '<' ? memchr(xml + at, '>', len - at) : NULL;
  const char *limit = gt ? gt : xml + at;
  for (const char *q = xml; q < limit && (q = memchr(q, '<', (size_t)(limit - q))) != NULL;) {
    const char *close = q[1] == '?' ? memmem(q, len - (size_t)(q - xml), "?>", 2)
                                    : memchr(q, '>', len - (size_t)(q - xml));
    if (!close) {
      break;
    }
    if (strncmp(q, "<footnote>", 10) == 0) {
      before_note = last;
    } else if (strncmp(q, "</footnote>", 11) == 0) {
      last = before_note;
    } else if (q[1] != '/' && q[1] != '?' && q[1] != '!') {
      const char *r = memmem(q, (size_t)(close - q), attr, sizeof attr - 1);
      last = r ? r : last;
    }
    q = close + 1;
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
  /* the place must lie inside that element's text: no paragraph or title
   * ends between; in a table's cells or on a figure's image it is the
   * table's or image's paragraph as a whole (cells carry no map) */
  const char *open = last;
  while (open > xml && *open != '<') {
    open--;
  }
  size_t count = 0;
  bool inside = xml + at >= tag_end && strncmp(open, "<tgroup ", 8) != 0 &&
                strncmp(open, "<mediaobject ", 13) != 0;
  for (const char *q = tag_end; inside && q < xml + at;) {
    if (strncmp(q, "<footnote>", 10) == 0) {
      const char *end_note = memmem(q, (size_t)(xml + at - q), "</footnote>", 11);
      q = end_note ? end_note + 11 : xml + at;
      continue;
    }
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
