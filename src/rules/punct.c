/* punct: half-width punctuation in Chinese text (halfwidth-punct) and stray
 * spaces between Chinese characters (stray-space), as fix-its that `huibian
 * fix` applies to the source.
 *
 * "Chinese" below means a Han character or a full-width/CJK punctuation mark.
 * Looked at one text at a time (a text node of the body; the deeds title and
 * subtitle), never across markup, so the checker and the fixer see the same.
 *
 * halfwidth-punct (GB/T 15834: Chinese text takes full-width marks):
 * - , ; : ? !  next to a Han character, or after a Chinese mark and not before
 *   a Latin letter or digit: "他说,我们" "2020年,全村". Not "3:30", "a,b".
 * - .  after a Chinese character and not before a Latin letter or another
 *   '.': "工作." → "工作。", "办好.2020年" → "办好。2020年". Not "3.5", "APP.",
 *   "www.gov.cn", "1.加强" (numbering), "……" written as "...".
 * - ( )  paired in the text; a pair is Chinese when it holds a Han character
 *   or touches a Chinese character outside: "会议(2020年)", "(1)加强".
 *   An unpaired one counts when a Han character is next to it.
 * - " '  paired in order (an apostrophe between letters is not a quote); a pair
 *   is Chinese like parentheses and becomes “ ” (‘ ’). An unpaired quote next to
 *   Chinese is reported without a fix: which way it faces is a guess.
 * stray-space: a run of U+0020, tab or U+3000 on one source line with Chinese
 *   characters on both sides. U+3000 counts too in the body: the layout indents
 *   paragraphs and spaces titles itself. A newline and indentation between two
 *   Han characters is source formatting (the layout joins the lines) and is
 *   never a stray space. The deeds title and subtitle (in <info>) are not
 *   checked for spaces: 扎根基层二十年　甘做群众贴心人 uses U+3000 on purpose. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

enum { MAX_SHOWN = 30 }; /* findings of one rule shown per file */

static uint32_t at(const uint32_t *cps, size_t n, size_t i, int delta) {
  if (delta < 0 && i < (size_t)-delta) return 0;
  size_t k = i + (size_t)(long)delta;
  return k < n ? cps[k] : 0;
}

static bool han(uint32_t c) { return c && hui_is_han(c); }
static bool cjk_punct(uint32_t c) { return c && hui_is_fullwidth_punct(c); }
static bool chinese(uint32_t c) { return han(c) || cjk_punct(c); }
static bool ld(uint32_t c) { return c && hui_is_latin_or_digit(c); }
static bool blank(uint32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }

static uint32_t fullwidth(uint32_t c) {
  switch (c) {
  case ',': return 0xFF0C;
  case '.': return 0x3002;
  case ';': return 0xFF1B;
  case ':': return 0xFF1A;
  case '?': return 0xFF1F;
  case '!': return 0xFF01;
  case '(': return 0xFF08;
  case ')': return 0xFF09;
  default: return 0;
  }
}

static void push(hui_fixit **v, size_t *n, size_t *cap, size_t i, size_t len, uint32_t repl, bool punct, bool safe) {
  hui_fixit *f = HUI_PUSH(*v, *n, *cap);
  f->at = i;
  f->len = len;
  f->repl = repl;
  f->punct = punct;
  f->safe = safe;
}

static bool has_han(const uint32_t *cps, size_t a, size_t b) {
  for (size_t k = a; k < b; k++)
    if (han(cps[k])) return true;
  return false;
}

/* Quotes of kind q (" or '): pairs in order; see the file comment. */
static void quotes(const uint32_t *cps, size_t n, uint32_t q, uint32_t open, uint32_t close, hui_fixit **v,
                   size_t *nv, size_t *cap) {
  size_t pending = (size_t)-1;
  for (size_t i = 0; i < n; i++) {
    if (cps[i] != q) continue;
    if (q == '\'' && ld(at(cps, n, i, -1)) && ld(at(cps, n, i, 1))) continue; /* don't, l'été */
    if (pending == (size_t)-1) {
      pending = i;
      continue;
    }
    size_t a = pending;
    pending = (size_t)-1;
    if (chinese(at(cps, n, a, -1)) || chinese(at(cps, n, i, 1)) || has_han(cps, a + 1, i)) {
      push(v, nv, cap, a, 1, open, true, true);
      push(v, nv, cap, i, 1, close, true, true);
    }
  }
  if (pending != (size_t)-1) {
    uint32_t p = at(cps, n, pending, -1), x = at(cps, n, pending, 1);
    if (han(p) || han(x) || cjk_punct(p)) push(v, nv, cap, pending, 1, 0, true, false);
  }
}

static int cmp_fixit(const void *a, const void *b) {
  const hui_fixit *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

size_t hui_fixits_find(const uint32_t *cps, size_t n, bool spaces, hui_fixit **out) {
  hui_fixit *v = NULL;
  size_t nv = 0, cap = 0;
  /* Parentheses: match them first. */
  size_t *match = NULL, *stack = NULL, depth = 0;
  for (size_t i = 0; i < n; i++)
    if (cps[i] == '(' || cps[i] == ')') {
      if (!match) {
        match = hui_xmalloc(n * sizeof *match);
        stack = hui_xmalloc(n * sizeof *stack);
        for (size_t k = 0; k < n; k++) match[k] = (size_t)-1;
      }
      if (cps[i] == '(') {
        stack[depth++] = i;
      } else if (depth) {
        size_t o = stack[--depth];
        match[o] = i;
        match[i] = o;
      }
    }
  for (size_t i = 0; i < n; i++) {
    uint32_t c = cps[i], p = at(cps, n, i, -1), x = at(cps, n, i, 1);
    bool fire = false;
    switch (c) {
    case ',': case ';': case ':': case '?': case '!':
      fire = han(p) || han(x) || (cjk_punct(p) && !ld(x));
      break;
    case '.':
      fire = chinese(p) && (!ld(x) || (x >= '0' && x <= '9')) && x != '.';
      break;
    case '(':
    case ')':
      if (c == '(' && hui_pinyin_gloss(cps, n, i)) {
        /* 学(xué): a gloss (rule pinyin-gloss), not Chinese parentheses */
        size_t g = hui_pinyin_gloss(cps, n, i);
        i += g - 1;
        continue;
      }
      if (match[i] == (size_t)-1) {
        fire = han(p) || han(x);
      } else {
        size_t o = c == '(' ? i : match[i], e = c == '(' ? match[i] : i;
        fire = chinese(at(cps, n, o, -1)) || chinese(at(cps, n, e, 1)) || has_han(cps, o + 1, e);
      }
      break;
    default:
      break;
    }
    if (fire) push(&v, &nv, &cap, i, 1, fullwidth(c), true, true);
    if (spaces && blank(c) && chinese(p)) {
      size_t j = i;
      while (j < n && blank(cps[j])) j++;
      if (chinese(at(cps, n, j, 0)) && !hui_pasted_space_kept(cps, n, j)) push(&v, &nv, &cap, i, j - i, 0, false, true);
      i = j - 1;
    }
  }
  if (spaces) hui_pasted_fixits(cps, n, &v, &nv, &cap);
  quotes(cps, n, '"', 0x201C, 0x201D, &v, &nv, &cap);
  quotes(cps, n, '\'', 0x2018, 0x2019, &v, &nv, &cap);
  free(match);
  free(stack);
  if (nv > 1) qsort(v, nv, sizeof *v, cmp_fixit);
  *out = v;
  return nv;
}

uint32_t *hui_fixits_apply(const uint32_t *cps, size_t n, bool spaces, size_t *out_n, size_t *changes) {
  uint32_t *cur = hui_xmalloc((n ? n : 1) * sizeof *cur);
  if (n) memcpy(cur, cps, n * sizeof *cur);
  size_t len = n;
  *changes = 0;
  /* Each round can enable another ("他说, 我们": the comma first, then the
   * space); a handful of rounds always reaches the end. */
  for (int round = 0; round < 8; round++) {
    hui_fixit *v;
    size_t nv = hui_fixits_find(cur, len, spaces, &v), w = 0, done = 0;
    uint32_t *next = hui_xmalloc((len ? len : 1) * sizeof *next);
    size_t r = 0;
    for (size_t k = 0; k < nv; k++) {
      if (!v[k].safe || v[k].at < r) continue;
      while (r < v[k].at) next[w++] = cur[r++];
      if (v[k].repl) next[w++] = v[k].repl;
      r += v[k].len;
      done++;
    }
    while (r < len) next[w++] = cur[r++];
    free(v);
    free(cur);
    cur = next;
    len = w;
    *changes += done;
    if (!done) break;
  }
  *out_n = len;
  return cur;
}

/* ---- the rules ----------------------------------------------------------- */

typedef struct counts {
  size_t punct, space; /* findings so far in this file */
} counts;

static void report(hui_diags *d, const char *file, hui_pos pos, const uint32_t *cps, const hui_fixit *f, counts *k) {
  if (f->punct) {
    if (++k->punct > MAX_SHOWN) return;
    uint32_t c = cps[f->at];
    char to[8] = {0}, to2[8] = {0};
    if (f->safe) {
      hui_utf8_encode(f->repl, to);
      hui_rule_report(d, "halfwidth-punct", file, pos, _("half-width '%c' in Chinese text; use '%s' (U+%04X)"),
                      (char)c, to, (unsigned)f->repl);
    } else {
      uint32_t a = c == '"' ? 0x201C : 0x2018, b = c == '"' ? 0x201D : 0x2019;
      hui_utf8_encode(a, to);
      hui_utf8_encode(b, to2);
      hui_rule_report(d, "halfwidth-punct", file, pos,
                      _("half-width '%c' in Chinese text; use '%s' (U+%04X) or '%s' (U+%04X), whichever it is "
                      "(huibian fix leaves an unpaired quote alone)"),
                      (char)c, to, (unsigned)a, to2, (unsigned)b);
    }
  } else {
    if (++k->space > MAX_SHOWN) return;
    bool ideo = false;
    for (size_t i = 0; i < f->len; i++) ideo |= cps[f->at + i] == 0x3000;
    if (ideo)
      hui_rule_report(d, "stray-space", file, pos,
                      _("stray full-width space (U+3000) between Chinese characters; delete it (the layout "
                      "indents paragraphs and spaces titles itself)"));
    else
      hui_rule_report(d, "stray-space", file, pos, _("stray space between Chinese characters; delete it"));
  }
}

/* Checks one text whose first code point is at pos (exact) or, when field is
 * non-NULL, the text of a field. */
static void check_text(hui_diags *d, const char *file, const char *text, hui_pos pos, const hui_field *field,
                       bool spaces, counts *k) {
  if (!text) return;
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
  hui_fixit *v;
  size_t nv = hui_fixits_find(cps, n, spaces, &v);
  hui_pos p = pos;
  size_t walked = 0;
  for (size_t i = 0; i < nv; i++) {
    if (v[i].rule) continue; /* rules/pasted.c reports its own */
    hui_pos q;
    if (field) {
      q = hui_rule_field_pos(field, cps, v[i].at);
    } else {
      for (; walked < v[i].at; walked++) hui_rule_advance(&p, cps[walked]);
      q = p;
    }
    report(d, file, q, cps, &v[i], k);
  }
  free(v);
  free(cps);
}

void hui_rules_punct(hui_edition *e, hui_diags *d) {
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    counts k = {0, 0};
    check_text(d, s->path, s->title.text, s->title.pos, &s->title, false, &k);
    check_text(d, s->path, s->subtitle.text, s->subtitle.pos, &s->subtitle, false, &k);
    for (const hui_node *n = s->body; n; n = hui_node_walk_next(s->body, n))
      if (n->kind == HUI_N_TEXT) check_text(d, s->path, n->text, n->pos, NULL, true, &k);
    hui_pos at_body = s->body ? s->body->pos : s->root_pos;
    if (k.punct > MAX_SHOWN)
      hui_rule_report(d, "halfwidth-punct", s->path, at_body,
                      _("%zu more half-width punctuation marks in Chinese text are not shown; 'huibian fix' "
                      "replaces them all"),
                      k.punct - MAX_SHOWN);
    if (k.space > MAX_SHOWN)
      hui_rule_report(d, "stray-space", s->path, at_body,
                      _("%zu more stray spaces between Chinese characters are not shown; 'huibian fix' "
                      "removes them all"),
                      k.space - MAX_SHOWN);
  }
}
