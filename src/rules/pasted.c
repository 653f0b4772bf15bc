/* pasted: what text pasted from a web page or a word processor leaves in a
 * body (docs/rules.md).
 *
 * ideographic-indent: a paragraph whose text starts with U+3000. The layout
 *   indents every paragraph by 2 em itself; U+3000 is printed, so two of them
 *   make a 4-em indent. (Leading ASCII spaces and newlines are source
 *   formatting: the layout drops them.) `huibian fix` deletes them.
 * page-chrome: a paragraph that is web residue: an image placeholder
 *   (![](…), [图片]), a separator line (-----, =====, ***, ———), a URL or a
 *   site address alone, 点击查看原文 and its kin. Reported only: the writer
 *   deletes it. Table cells, the 落款 and its date are never looked at.
 * hyphen-range: - (or −, －, ‐, –, ―) between two numbers of a date range,
 *   2019-2021年, 1984年2月-2020年. GB/T 15834 joins the ends of a time span with
 *   the 一字线 —; `huibian fix` puts one. A number range with a unit (3-5人)
 *   is not looked at: 0571-8888转 is a telephone number.
 * dash-form: a dash written with the wrong characters next to Chinese: ――
 *   (U+2015), --, ---, －－, or a mix, where the 破折号 —— (two U+2014) is
 *   meant; `huibian fix` writes ——. A lone ― is reported only (which one was
 *   meant is a guess); a lone — is the 一字线 of ranges (北京—上海) and fine.
 * run-in-heading: a space or U+3000 inside a paragraph before 一、 （一） 一是
 *   1. — a lost paragraph break. Reported, never fixed; stray-space leaves
 *   such a space alone (and the one of a byline, 黄绍玲 文/图) so that `huibian
 *   fix` does not glue the heading to the sentence before it. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

static uint32_t at(const uint32_t *cps, size_t n, size_t i) { return i < n ? cps[i] : 0; }
static bool han(uint32_t c) { return c && hui_is_han(c); }
static bool chinese(uint32_t c) { return han(c) || (c && hui_is_fullwidth_punct(c)); }
static bool digit(uint32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }
static bool blank(uint32_t c) { return c == ' ' || c == '\t' || c == 0x3000; }
static bool white(uint32_t c) { return blank(c) || c == '\n' || c == '\r' || c == 0xA0; }
/* 一 … 十 (the numerals of headings) */
static bool numeral(uint32_t c) {
  static const uint32_t ns[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
  for (size_t i = 0; i < sizeof ns / sizeof *ns; i++)
    if (c == ns[i]) return true;
  return false;
}

/* Length of the heading marker at cps[j] (一、 十二、 一是 （一） (3) 1. 2、), or 0. */
static size_t heading_at(const uint32_t *cps, size_t n, size_t j) {
  size_t k = j;
  bool paren = at(cps, n, k) == 0xFF08 || at(cps, n, k) == '(';
  if (paren) k++;
  size_t s = k;
  bool arabic = digit(at(cps, n, k));
  while (k < n && k - s < 3 && (arabic ? digit(cps[k]) : numeral(cps[k]))) k++;
  if (k == s) return 0;
  uint32_t e = at(cps, n, k), f = at(cps, n, k + 1);
  if (numeral(f) || digit(f)) return 0; /* 一、二名: a list of numbers, no heading */
  if (paren) return e == 0xFF09 || e == ')' ? k + 1 - j : 0;
  if (e == 0x3001) return k + 1 - j;            /* 、 */
  if (!arabic && e == 0x662F) return k + 1 - j; /* 是 */
  if (arabic && (e == '.' || e == 0xFF0E) && !digit(at(cps, n, k + 1))) return k + 1 - j;
  return 0;
}

/* True when cps[j..] is the credit of a byline: 文/图, 图/文, 文, 摄, 摄影. */
static bool byline_at(const uint32_t *cps, size_t n, size_t j) {
  static const uint32_t wen = 0x6587, tu = 0x56FE, she = 0x6444, ying = 0x5F71;
  uint32_t a = at(cps, n, j), b = at(cps, n, j + 1), c = at(cps, n, j + 2);
  size_t len = 0;
  if ((a == wen || a == tu) && (b == '/' || b == 0xFF0F) && (c == wen || c == tu)) len = 3;
  else if (a == she && b == ying) len = 2;
  else if (a == wen || a == she) len = 1;
  uint32_t e = at(cps, n, j + len);
  return len && (e == 0 || white(e) || e == 0xFF09 || e == ')');
}

bool hui_pasted_space_kept(const uint32_t *cps, size_t n, size_t j) {
  return heading_at(cps, n, j) || byline_at(cps, n, j);
}

/* ---- hyphen-range and dash-form: fix-its ---------------------------------- */

static bool hyphen(uint32_t c) {
  return c == '-' || c == 0x2212 || c == 0xFF0D || c == 0x2010 || c == 0x2011 || c == 0x2013 ||
         c == 0x2015;
}
static bool dashy(uint32_t c) { return hyphen(c) || c == 0x2014; }
static bool date_unit(uint32_t c) {
  return c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == 0x53F7;
} /* 年月日号 */

/* True when the hyphen at i joins the two ends of a date range. */
static bool date_range(const uint32_t *cps, size_t n, size_t i) {
  if (i == 0) return false;
  uint32_t p = cps[i - 1];
  if (!digit(p) && !date_unit(p)) return false;
  size_t k = i + 1;
  if (!digit(at(cps, n, k))) return false;
  if (date_unit(p)) return true;
  while (k < n && digit(cps[k])) k++;
  return date_unit(at(cps, n, k));
}

static void push(hui_fixit **v, size_t *nv, size_t *cap, size_t i, size_t len, uint32_t repl,
                 bool safe, const char *rule) {
  hui_fixit *f = HUI_PUSH(*v, *nv, *cap);
  *f = (hui_fixit){.at = i, .len = len, .repl = repl, .safe = safe, .rule = rule};
}

void hui_pasted_fixits(const uint32_t *cps, size_t n, hui_fixit **v, size_t *nv, size_t *cap) {
  for (size_t i = 0; i < n; i++) {
    if (!dashy(cps[i])) continue;
    size_t j = i;
    while (j < n && dashy(cps[j])) j++;
    size_t len = j - i;
    uint32_t p = i ? cps[i - 1] : 0, x = at(cps, n, j);
    if (len == 1 && hyphen(cps[i]) && date_range(cps, n, i)) {
      push(v, nv, cap, i, 1, 0x2014, true, "hyphen-range");
    } else if (chinese(p) || chinese(x)) {
      bool right = len == 2 && cps[i] == 0x2014 && cps[i + 1] == 0x2014;
      if (len == 1 && cps[i] == 0x2015) {
        push(v, nv, cap, i, 1, 0, false, "dash-form");
      } else if (len >= 2 && !right) {
        /* one finding per dash: the other fix-its are its unreported parts */
        push(v, nv, cap, i, 1, 0x2014, true, "dash-form");
        push(v, nv, cap, i + 1, 1, 0x2014, true, "dash-form-part");
        if (len > 2) push(v, nv, cap, i + 2, len - 2, 0, true, "dash-form-part");
      }
    }
    i = j - 1;
  }
}

/* ---- reporting ------------------------------------------------------------ */

enum { MAX_SHOWN = 30 }; /* findings of one rule shown per file */

typedef struct counts {
  size_t indent, chrome, range, dash, heading;
} counts;

static int cmp_fixit(const void *a, const void *b) {
  const hui_fixit *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

static bool shown(size_t *k) { return ++*k <= MAX_SHOWN; }

/* The findings inside one text node of the body. */
static void check_text(hui_diags *d, const char *file, const hui_node *t, counts *k) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(t->text, strlen(t->text), &n);
  hui_fixit *v = NULL;
  size_t nv = 0, cap = 0;
  hui_pasted_fixits(cps, n, &v, &nv, &cap);
  /* run-in headings: a blank run after Chinese on one line, before a marker */
  for (size_t i = 1; i < n; i++) {
    if (!blank(cps[i]) || !chinese(cps[i - 1])) continue;
    size_t j = i;
    while (j < n && blank(cps[j])) j++;
    if (heading_at(cps, n, j)) push(&v, &nv, &cap, j, 0, 0, false, "run-in-heading");
    i = j - 1;
  }
  if (nv > 1) qsort(v, nv, sizeof *v, cmp_fixit);
  hui_pos p = t->pos;
  size_t walked = 0;
  for (size_t i = 0; i < nv; i++) {
    if (strcmp(v[i].rule, "dash-form-part") == 0) continue;
    for (; walked < v[i].at; walked++) hui_rule_advance(&p, cps[walked]);
    const char *r = v[i].rule;
    if (strcmp(r, "hyphen-range") == 0) {
      if (shown(&k->range))
        hui_rule_report(
            d, r, file, p,
            _("a hyphen between the ends of a date range; write '—' (U+2014): 2019—2021年"));
    } else if (strcmp(r, "dash-form") == 0) {
      if (shown(&k->dash))
        hui_rule_report(
            d, r, file, p,
            v[i].safe
                ? _("a dash made of the wrong characters; write '——' (two U+2014)")
                : _("'―' (U+2015) next to Chinese; write '——' (two U+2014) for a dash, '—' for "
                    "a range"));
    } else if (shown(&k->heading)) {
      hui_rule_report(
          d, r, file, p,
          _("a heading or list item run into the paragraph after a space; start a new <para> "
            "for it"));
    }
  }
  free(v);
  free(cps);
}

static bool source_white(const char *s) {
  for (; *s; s++)
    if (!strchr(" \t\n\r", *s)) return false;
  return true;
}

/* The first text node of paragraph para that is not only source formatting
 * (perhaps in an emphasis that starts it), or NULL. */
static const hui_node *first_text(const hui_node *para) {
  for (const hui_node *n = para->first; n; n = hui_node_walk_next(para, n))
    if (n->kind == HUI_N_TEXT && n->text && !source_white(n->text)) return n;
  return NULL;
}

static void check_indent(hui_diags *d, const char *file, const hui_node *para, counts *k) {
  const hui_node *t = first_text(para);
  if (!t || !t->text) return;
  hui_pos p = t->pos;
  /* only the text's start: white space, then perhaps U+3000 */
  const char *c = t->text;
  size_t len = strlen(c);
  uint32_t cp = 0;
  for (size_t m; (m = hui_utf8_decode(c, len, &cp)) && white(cp) && cp != 0x3000; c += m, len -= m)
    hui_rule_advance(&p, cp);
  if (len && cp == 0x3000 && shown(&k->indent))
    hui_rule_report(
        d, "ideographic-indent", file, p,
        _("the paragraph starts with ideographic spaces (U+3000); delete them (the layout indents "
          "paragraphs itself; 'huibian fix' removes them)"));
}

/* ---- page-chrome ---------------------------------------------------------- */

static bool starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool separator_line(const uint32_t *cps, size_t n) {
  static const uint32_t marks[] = {'-',    '=',    '*',    '_',    '~',    0x2014,
                                   0x2015, 0x2500, 0x2501, 0xFF0D, 0xFF1D, 0xFF0A,
                                   0xFF3F, 0xFF5E, 0x00B7, 0x2026, 0x25A0, 0x2605};
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    bool hit = false;
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++) hit |= cps[i] == marks[k];
    if (hit) m++;
    else if (!white(cps[i])) return false;
  }
  return m >= 3;
}

/* A URL or a site address (xinhuanet.com, www.qsx.gov.cn/a/b) with nothing else. */
static bool address(const char *s) {
  if (starts(s, "http://") || starts(s, "https://") || starts(s, "www."))
    return !strpbrk(s, " \t\n");
  bool dot = false, letter = false;
  for (const char *c = s; *c; c++) {
    if (*c == '.') dot = true;
    else if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')) letter = true;
    else if (!strchr("0123456789-/_:?=&%#", *c)) return false;
  }
  size_t len = strlen(s);
  return dot && letter && s[len - 1] != '.' && s[0] != '.' && len >= 5;
}

/* The residue of a page: what a paragraph that is nothing but it looks like. */
static const char *chrome_kind(const char *s, const uint32_t *cps, size_t n) {
  static const char *const placeholders[] = {"[图片]",  "【图片】", "[图]",  "【图】",
                                             "[image]", "[img]",    "[视频]"};
  for (size_t i = 0; i < sizeof placeholders / sizeof *placeholders; i++)
    if (strcmp(s, placeholders[i]) == 0) return "image";
  if (starts(s, "![") && strstr(s, "](") && s[strlen(s) - 1] == ')') return "image";
  static const char *const residue[] = {"点击查看原文", "阅读原文", "点击上方",   "长按识别",
                                        "长按二维码",   "扫码关注", "扫描二维码", "分享到"};
  for (size_t i = 0; i < sizeof residue / sizeof *residue; i++)
    if (starts(s, residue[i]) && n <= 30) return "residue";
  for (size_t i = 0; i < n; i++)
    if (han(cps[i])) return NULL;
  if (separator_line(cps, n)) return "separator";
  if (address(s)) return "address";
  return NULL;
}

/* Appends the text of para (its inline descendants) to b. */
static void para_text(const hui_node *para, hui_buf *b) {
  for (const hui_node *n = para->first; n; n = hui_node_walk_next(para, n))
    if (n->kind == HUI_N_TEXT && n->text) hui_buf_add(b, n->text, strlen(n->text));
}

static void check_chrome(hui_diags *d, const char *file, const hui_node *para, counts *k) {
  hui_buf b = {0};
  para_text(para, &b);
  if (!b.len) return;
  char *s = hui_buf_take(&b);
  /* trimmed of white space, U+3000 too */
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(s, strlen(s), &n);
  size_t a = 0, e = n;
  while (a < e && white(cps[a])) a++;
  while (e > a && white(cps[e - 1])) e--;
  /* a long paragraph with a Chinese character (most of a body) is none of
   * them: chrome_kind looks further only at 30 characters or fewer, at an
   * image in Markdown, or at text without Chinese */
  bool plain = false;
  if (e - a > 30 && cps[a] != '!')
    for (size_t i = a; i < e && !plain; i++) plain = han(cps[i]);
  char *trim = NULL;
  if (!plain && e > a) {
    hui_buf t = {0};
    for (size_t i = a; i < e; i++) {
      char enc[4];
      hui_buf_add(&t, enc, hui_utf8_encode(cps[i], enc));
    }
    trim = hui_buf_take(&t);
  }
  const char *kind = trim ? chrome_kind(trim, cps + a, e - a) : NULL;
  if (kind && shown(&k->chrome)) {
    /* at the first character that is not white space */
    const hui_node *first = first_text(para);
    hui_pos p = first ? first->pos : para->pos;
    for (const char *c = first ? first->text : ""; *c && white((uint32_t)(unsigned char)*c); c++)
      hui_rule_advance(&p, (unsigned char)*c);
    if (strcmp(kind, "image") == 0)
      hui_rule_report(
          d, "page-chrome", file, p,
          _("an image placeholder left from a web page; delete the paragraph (a photo goes in a "
            "<figure>)"));
    else if (strcmp(kind, "separator") == 0)
      hui_rule_report(d, "page-chrome", file, p,
                      _("a separator line left from a web page; delete the paragraph"));
    else if (strcmp(kind, "address") == 0)
      hui_rule_report(d, "page-chrome", file, p,
                      _("a web address alone in a paragraph; delete the paragraph"));
    else
      hui_rule_report(d, "page-chrome", file, p,
                      _("a web page's link or button text (点击查看原文…); delete the paragraph"));
  }
  free(trim);
  free(cps);
  free(s);
}

static bool in_cell(const hui_node *n) {
  for (const hui_node *p = n->parent; p; p = p->parent)
    if (p->kind == HUI_N_CELL) return true;
  return false;
}

void hui_rules_pasted(hui_edition *e, hui_diags *d) {
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    counts k = {0};
    for (const hui_node *n = s->body; n; n = hui_node_walk_next(s->body, n)) {
      if (n->kind == HUI_N_TEXT && n->text) check_text(d, s->path, n, &k);
      if (n->kind != HUI_N_PARA) continue;
      check_indent(d, s->path, n, &k);
      if (!(n->flags & (HUI_NODE_SIGNATURE | HUI_NODE_DATE)) && !in_cell(n))
        check_chrome(d, s->path, n, &k);
    }
  }
}
