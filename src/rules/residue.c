/* residue: what a template, a redaction or a careless paste leaves in a text.
 *
 * placeholder: template residue and redactions: a run of '*' (not 3*4), of '×' (two or
 *   more, or one next to a Han character), XX / xx (two or more of the same
 *   letter, not inside a Latin word: "20XX年", "xx第二学校", but not "xxl" or
 *   "Maxx"), 某某, a run of two or more '_' ("20__年"), and a single X before
 *   年 月 日 号 ("X月X日"). An error in a name, unit or job title (the
 *   certificate would print it); a warning in the deeds title and the body.
 * pinyin-gloss: a Han character followed by a parenthesised pinyin syllable
 *   with a tone mark, half- or full-width: 學(xué), 学（xué）. The halfwidth-
 *   punct fix leaves such parentheses alone (hui_pinyin_gloss).
 * doubled-punct: two adjacent pause or stop marks (，、。；：) that never go
 *   together: ，， 。。 ，、 、、. …… —— ？！ are not of that class. huibian fix
 *   drops the second of two identical marks (hui_residue_fixits).
 * unpaired-bracket: an opening （【《〔「『“‘ without its closing mark in
 *   the same paragraph, or a closing one without its opening one, each kind
 *   counted on its own. A paragraph that opens with “ and leaves it open is
 *   the DocBook convention for a quotation continuing over paragraphs (each
 *   paragraph opens “, only the last closes ”): that opening “ is not reported.
 *   A paragraph is its run of text nodes under one block (emphasis, quote and
 *   phrase do not split it; a footnote does).
 *
 * traditional-chars: 繁體 text: a paragraph, title or name in which ICU's
 *   Hant-Hans transliterator changes at least two different characters. One
 *   is not enough: 乾 of a name (乾坤, 乾隆; ICU makes 乾隆 干隆) or one 後 is
 *   left to the writer. huibian fix converts the body and titles (never the
 *   names: a name may be written in its own characters on purpose).
 *
 * Looked at in the body's text, the deeds title and subtitle, and the
 * printed fields of a person (placeholder only). */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../text/text.h"
#include "rules_internal.h"

enum { MAX_SHOWN = 20 }; /* findings of one rule shown per file */

static uint32_t at(const uint32_t *cps, size_t n, size_t i, long delta) {
  if (delta < 0 && i < (size_t)-delta) return 0;
  size_t k = i + (size_t)delta;
  return k < n ? cps[k] : 0;
}

static bool han(uint32_t c) { return c && hui_is_han(c); }
static bool latin(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* ---- pinyin glosses -------------------------------------------------------- */

static bool toned(uint32_t c) {
  /* āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ */
  static const uint32_t marks[] = {0x101, 0xE1,  0x1CE, 0xE0,  0x113, 0xE9,  0x11B,
                                   0xE8,  0x12B, 0xED,  0x1D0, 0xEC,  0x14D, 0xF3,
                                   0x1D2, 0xF2,  0x16B, 0xFA,  0x1D4, 0xF9,  0x1D6,
                                   0x1D8, 0x1DA, 0x1DC, 0x144, 0x148, 0x1F9, 0x1E3F};
  for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
    if (marks[i] == c) return true;
  return false;
}

static bool pinyin_letter(uint32_t c) { return (c >= 'a' && c <= 'z') || c == 0xFC || toned(c); }

size_t hui_pinyin_gloss(const uint32_t *cps, size_t n, size_t i) {
  if (i >= n || (cps[i] != '(' && cps[i] != 0xFF08) || !han(at(cps, n, i, -1))) return 0;
  size_t k = i + 1, marks = 0;
  while (k < n && k - i <= 7 && pinyin_letter(cps[k])) marks += toned(cps[k++]);
  if (k == i + 1 || k - i > 7 || marks != 1 || k >= n) return 0;
  if (cps[k] != ')' && cps[k] != 0xFF09) return 0;
  return k - i + 1;
}

/* ---- doubled marks ------------------------------------------------------- */

static bool pause(uint32_t c) {
  return c == 0xFF0C || c == 0x3001 || c == 0x3002 || c == 0xFF1B || c == 0xFF1A;
}

size_t hui_residue_fixits(const uint32_t *cps, size_t n, hui_fixit **out) {
  hui_fixit *v = NULL;
  size_t nv = 0, cap = 0;
  for (size_t i = 1; i < n; i++)
    if (pause(cps[i]) && cps[i] == cps[i - 1]) {
      hui_fixit *f = HUI_PUSH(v, nv, cap);
      *f = (hui_fixit){.at = i, .len = 1, .repl = 0, .punct = true, .safe = true};
    }
  *out = v;
  return nv;
}

/* ---- traditional characters ------------------------------------------------ */

uint32_t *hui_hans(const uint32_t *cps, size_t n, size_t *changed, size_t *first) {
  uint32_t *out = hui_xmalloc((n ? n : 1) * sizeof *out);
  uint32_t seen[2] = {0, 0};
  size_t distinct = 0;
  *changed = 0;
  *first = n;
  for (size_t i = 0; i < n; i++) {
    out[i] = han(cps[i]) ? hui_text_hans(cps[i]) : cps[i];
    if (out[i] == cps[i]) continue;
    if (!(*changed)++) *first = i;
    if (distinct < 2 && seen[0] != cps[i]) seen[distinct++] = cps[i];
  }
  if (distinct < 2) {
    free(out);
    return NULL;
  }
  return out;
}

/* ---- placeholders -------------------------------------------------------- */

/* The length of the placeholder starting at cps[i], or 0. */
static size_t placeholder_at(const uint32_t *cps, size_t n, size_t i) {
  uint32_t c = cps[i], p = at(cps, n, i, -1);
  size_t k = i;
  if (c == '*' && p != '*') {
    while (k < n && cps[k] == '*') k++;
    bool times =
        k - i == 1 && hui_is_latin_or_digit(p) && hui_is_latin_or_digit(at(cps, n, k, 0)); /* 3*4 */
    return times ? 0 : k - i;
  }
  if (c == 0xD7 && p != 0xD7) {
    while (k < n && cps[k] == 0xD7) k++;
    return k - i >= 2 || han(p) || han(at(cps, n, k, 0)) ? k - i : 0;
  }
  if (c == '_' && p != '_') {
    while (k < n && cps[k] == '_') k++;
    return k - i >= 2 ? k - i : 0;
  }
  if (c == 0x67D0 && at(cps, n, i, 1) == 0x67D0 && p != 0x67D0) return 2; /* 某某 */
  if ((c == 'X' || c == 'x' || c == 0xFF38 || c == 0xFF58) && !latin(p)) {
    while (k < n && cps[k] == c) k++;
    uint32_t x = at(cps, n, k, 0);
    if (latin(x)) return 0;
    if (k - i >= 2) return k - i;
    if (x == 0x5E74 || x == 0x6708 || x == 0x65E5 || x == 0x53F7) return 1; /* X年 X月 X日 X号 */
  }
  return 0;
}

/* At most 8 of the len characters of cps[0..n) from a, never past n. */
static char *excerpt(const uint32_t *cps, size_t n, size_t a, size_t len) {
  hui_buf b = {0};
  for (size_t i = a; i < n && i < a + len && i < a + 8; i++) hui_buf_utf8(&b, cps[i]);
  if (!b.data) hui_buf_puts(&b, "");
  return b.data;
}

/* ---- the texts ----------------------------------------------------------- */

/* One text: its code points and where each is in the source. */
typedef struct unit {
  uint32_t *cps;
  hui_pos *pos;
  size_t n, cap;
} unit;

typedef struct ctx {
  hui_diags *d;
  const char *file;
  size_t
      shown[5]; /* placeholder, pinyin-gloss, doubled-punct, unpaired-bracket, traditional-chars */
} ctx;

static bool counted(ctx *c, int rule) { return ++c->shown[rule] <= MAX_SHOWN; }

static void unit_add(unit *u, const char *text, hui_pos pos, bool exact) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
  hui_pos p = pos;
  for (size_t i = 0; i < n; i++) {
    size_t k = u->n, cap = u->cap;
    *HUI_PUSH(u->cps, k, u->cap) = cps[i];
    if (u->cap != cap) u->pos = hui_xrealloc(u->pos, u->cap * sizeof *u->pos);
    u->pos[u->n++] = p;
    if (exact) hui_rule_advance(&p, cps[i]);
  }
  free(cps);
}

static void placeholders(ctx *c, const unit *u, hui_severity sev, const char *what) {
  for (size_t i = 0; i < u->n; i++) {
    size_t len = placeholder_at(u->cps, u->n, i);
    if (!len) continue;
    if (counted(c, 0)) {
      char *s = excerpt(u->cps, u->n, i, len);
      const char *why =
          sev == HUI_ERROR ? _("the certificate would print it") : _("it would be printed");
      hui_diag_add(
          c->d, sev, c->file, u->pos[i].line, u->pos[i].col, "placeholder",
          _("'%s' in %s looks like a template placeholder or a redaction (%s); write the real text"),
          s, _(what), why);
      free(s);
    }
    i += len - 1;
  }
}

static void glosses_and_marks(ctx *c, const unit *u) {
  for (size_t i = 0; i < u->n; i++) {
    uint32_t x = u->cps[i];
    if (x < 0x3001 && x != '(') continue; /* neither a gloss's bracket nor a pause */
    size_t len = x == '(' || x == 0xFF08 ? hui_pinyin_gloss(u->cps, u->n, i) : 0;
    if (len && counted(c, 1)) {
      char *s = excerpt(u->cps, u->n, i - 1, len + 1);
      hui_rule_report(c->d, "pinyin-gloss", c->file, u->pos[i],
                      _("pinyin gloss '%s' in the text; delete it"), s);
      free(s);
    }
    if (i && pause(u->cps[i]) && pause(u->cps[i - 1]) && counted(c, 2)) {
      char *s = excerpt(u->cps, u->n, i - 1, 2);
      hui_rule_report(
          c->d, "doubled-punct", c->file, u->pos[i - 1],
          _("'%s': two punctuation marks that never go together; keep only the one that is meant"),
          s);
      free(s);
    }
  }
}

static const uint32_t pairs[][2] = {{0xFF08, 0xFF09}, {0x3010, 0x3011}, {0x300A, 0x300B},
                                    {0x3014, 0x3015}, {0x300C, 0x300D}, {0x300E, 0x300F},
                                    {0x201C, 0x201D}, {0x2018, 0x2019}};

static bool bracket(uint32_t x) {
  for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
    if (x == pairs[k][0] || x == pairs[k][1]) return true;
  return false;
}

static void brackets(ctx *c, const unit *u) {
  /* the places of the marks, then each kind over them alone */
  size_t *at_mark = hui_xmalloc((u->n ? u->n : 1) * sizeof *at_mark), nmarks = 0;
  for (size_t i = 0; i < u->n; i++)
    if (u->cps[i] >= 0x2018 && bracket(u->cps[i])) at_mark[nmarks++] = i;
  size_t *open = hui_xmalloc((nmarks ? nmarks : 1) * sizeof *open);
  for (size_t k = 0; nmarks && k < sizeof pairs / sizeof *pairs; k++) {
    size_t depth = 0;
    char o[8] = {0}, e[8] = {0};
    hui_utf8_encode(pairs[k][0], o);
    hui_utf8_encode(pairs[k][1], e);
    for (size_t m = 0; m < nmarks; m++) {
      size_t i = at_mark[m];
      uint32_t x = u->cps[i];
      if (x == 0x2019 && latin(at(u->cps, u->n, i, -1)) && latin(at(u->cps, u->n, i, 1)))
        continue; /* it’s */
      if (x == pairs[k][0]) {
        open[depth++] = i;
      } else if (x == pairs[k][1]) {
        if (depth) depth--;
        else if (counted(c, 3))
          hui_rule_report(
              c->d, "unpaired-bracket", c->file, u->pos[i],
              _("'%s' without its '%s' before it in the paragraph; add the missing mark or delete this one"),
              e, o);
      }
    }
    for (size_t j = 0; j < depth; j++) {
      if (pairs[k][0] == 0x201C && open[j] == 0)
        continue; /* a quotation going on into the next paragraph */
      if (counted(c, 3))
        hui_rule_report(
            c->d, "unpaired-bracket", c->file, u->pos[open[j]],
            _("'%s' without its '%s' after it in the paragraph; add the missing mark or delete this one"),
            o, e);
    }
  }
  free(open);
  free(at_mark);
}

static void traditional(ctx *c, const unit *u, const char *what) {
  if (!u->n || !u->pos) return;
  size_t changed, first;
  uint32_t *hans = hui_hans(u->cps, u->n, &changed, &first);
  if (!hans) return;
  if (counted(c, 4)) {
    char *s = excerpt(u->cps, u->n, first, 4), *t = excerpt(hans, u->n, first, 4);
    hui_rule_report(
        c->d, "traditional-chars", c->file, u->pos[first],
        _("%s is in traditional characters (%zu of them, '%s' is '%s'); write it in simplified "
          "characters"),
        _(what), changed, s, t);
    free(s);
    free(t);
  }
  free(hans);
}

static void unit_check(ctx *c, unit *u, bool body) {
  if (!u->n) return;
  traditional(c, u, body ? N_("the text") : N_("the title"));
  placeholders(c, u, HUI_WARNING, body ? N_("the text") : N_("the title"));
  glosses_and_marks(c, u);
  brackets(c, u);
  u->n = 0;
}

static void field(ctx *c, const hui_field *f, const char *what, hui_severity sev) {
  if (!f->text) return;
  unit u = {0};
  bool exact = f->text_pos.line > 0;
  unit_add(&u, f->text, exact ? f->text_pos : f->pos, exact);
  if (sev == HUI_ERROR) {
    placeholders(c, &u, sev, what);
    traditional(c, &u, what);
  } else {
    unit_check(c, &u, false);
  }
  free(u.cps);
  free(u.pos);
}

static bool inline_kind(hui_node_kind k) {
  return k == HUI_N_EMPHASIS || k == HUI_N_QUOTE || k == HUI_N_PHRASE || k == HUI_N_TEXT;
}

static const hui_node *block_of(const hui_node *n) {
  while (n->parent && inline_kind(n->kind)) n = n->parent;
  return n;
}

void hui_rules_residue(hui_edition *e, hui_diags *d) {
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    ctx c = {d, s->path, {0, 0, 0, 0, 0}};
    field(&c, &s->person, N_("the name"), HUI_ERROR);
    for (size_t k = 0; k < s->nothers; k++) field(&c, &s->others[k], N_("the name"), HUI_ERROR);
    field(&c, &s->collective, N_("the name"), HUI_ERROR);
    field(&c, &s->unit, N_("the unit"), HUI_ERROR);
    field(&c, &s->position, N_("the job title"), HUI_ERROR);
    field(&c, &s->title, N_("the title"), HUI_WARNING);
    field(&c, &s->subtitle, N_("the title"), HUI_WARNING);
    unit u = {0};
    const hui_node *block = NULL, *prev = NULL;
    for (const hui_node *n = s->body; n; n = hui_node_walk_next(s->body, n)) {
      if (n->kind != HUI_N_TEXT) continue;
      const hui_node *b = block_of(n);
      /* a paragraph is split where another block (a footnote) came between */
      bool same = b == block && prev && hui_node_walk_next(s->body, prev) && block_of(prev) == b;
      for (const hui_node *m = prev ? hui_node_walk_next(s->body, prev) : NULL; same && m != n;
           m = hui_node_walk_next(s->body, m))
        same = inline_kind(m->kind);
      if (!same) unit_check(&c, &u, true);
      unit_add(&u, n->text, n->pos, true);
      block = b;
      prev = n;
    }
    unit_check(&c, &u, true);
    free(u.cps);
    free(u.pos);
  }
}
