/* count: 字数, the character count office software shows, and the body rules
 * (too-long, body-empty) built on it.
 *
 * The counting rule (docs/rules.md, 字数), made exact:
 * - each Han character, each full-width punctuation mark and each other symbol
 *   (including half-width punctuation such as ',' '-' '(') counts 1;
 * - a run of Latin letters or digits (ASCII, Latin-1/Extended, Greek, Cyrillic,
 *   full-width) counts 1 in all: "COVID" 1, "2020年" 2, "5G" 1;
 * - inside a run, '.' or ',' between two digits keeps the run going, so "3.2",
 *   "1,500" and "86.5" are one; a '%' right after a digit belongs to the run, so
 *   "86.5%" counts 1 (a full-width '％' counts 1 on its own);
 *   other joiners split runs: "COVID-19" is COVID, '-', 19 = 3;
 * - white space (incl. U+3000) and control characters count 0; combining marks
 *   count 0;
 * - a run never continues across blocks (paragraphs, titles, list items, table
 *   cells, captions, footnotes) but does continue across inline markup:
 *   "<emphasis>ab</emphasis>c" is one run; a footnote inside a paragraph breaks
 *   the paragraph's run on both sides;
 * - table cells and titles, figure captions and footnotes count as body text
 *   (office software's default); an image's file name does not. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

typedef struct counter {
  long n;
  bool in_run;
  bool prev_digit; /* the last character of the run is a digit */
} counter;

static bool is_digit(uint32_t cp) { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

static void count_into(counter *c, const char *s) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(s, strlen(s), &n);
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = cps[i];
    if (hui_is_space(cp)) {
      c->in_run = false;
    } else if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || (cp >= 0x300 && cp <= 0x36F)) {
      /* control characters and combining marks: nothing */
    } else if (hui_is_latin_or_digit(cp)) {
      if (!c->in_run) c->n++;
      c->in_run = true;
      c->prev_digit = is_digit(cp);
    } else if (c->in_run && c->prev_digit && (cp == '.' || cp == ',') && i + 1 < n && is_digit(cps[i + 1])) {
      /* 3.2, 1,500: the run goes on */
    } else if (c->in_run && c->prev_digit && cp == '%') {
      c->in_run = false; /* 86.5%: part of the run, which ends here */
    } else {
      c->n++;
      c->in_run = false;
    }
  }
  free(cps);
}

long hui_count_text(const char *s) {
  counter c = {0, false, false};
  if (s) count_into(&c, s);
  return c.n;
}

static bool is_inline(hui_node_kind k) {
  return k == HUI_N_TEXT || k == HUI_N_EMPHASIS || k == HUI_N_QUOTE || k == HUI_N_PHRASE;
}

/* The block a text node belongs to: its nearest ancestor that is not inline
 * markup (a footnote is a block of its own). */
static const hui_node *block_of(const hui_node *n) {
  while (n->parent && is_inline(n->kind)) n = n->parent;
  return n;
}

long hui_count_chars(const hui_node *body) {
  if (!body) return 0;
  counter c = {0, false, false};
  const hui_node *run_block = NULL; /* the block of the last text counted */
  for (const hui_node *n = body; n; n = hui_node_walk_next(body, n)) {
    switch (n->kind) {
    case HUI_N_TEXT: {
      const hui_node *b = block_of(n);
      if (b != run_block) c.in_run = false; /* back in a paragraph after its footnote */
      run_block = b;
      if (n->text) count_into(&c, n->text);
      break;
    }
    case HUI_N_EMPHASIS:
    case HUI_N_QUOTE:
    case HUI_N_PHRASE:
      break;
    default:
      c.in_run = false; /* a new block */
    }
  }
  return c.n;
}

/* The abstract (事迹简介), counted as the body is. */
static void check_summary(const hui_submission *s, long max, hui_diags *d) {
  if (max <= 0 || !s->abstract.text) return;
  long n = hui_count_text(s->abstract.text);
  if (n > max)
    hui_rule_report(d, "summary-too-long", s->path, s->abstract.pos,
                    _("the abstract (事迹简介) has %ld characters, the limit is %ld: shorten it"), n,
                    max);
}

void hui_rules_body(hui_edition *e, hui_diags *d) {
  long max = e->campaign.rules.max_chars;
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded || !s->body) continue;
    check_summary(s, e->campaign.rules.summary_chars, d);
    s->charcount = hui_count_chars(s->body);
    if (s->charcount == 0)
      hui_rule_report(d, "body-empty", s->path, s->body->first ? s->body->pos : s->root_pos,
                      _("the body is empty: write the deeds in <para> elements after <info>"));
    else if (max > 0 && s->charcount > max)
      hui_rule_report(d, "too-long", s->path, s->body->pos, _("body has %ld characters, the limit is %ld"),
                      s->charcount, max);
  }
}
