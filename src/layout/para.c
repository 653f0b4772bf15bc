/* para: Chinese paragraph setting — normalise white space, find break
 * opportunities, size every character's box, break lines, justify.
 *
 * Outline of hui_para_set:
 *   1. normalise: collapse white space; drop it between two CJK characters
 *      (source line breaks); a space between Han and Latin becomes the Han–Latin
 *      gap (D1); a space between Latin words stays a word space.
 *   2. breaks: hui_text_breaks (ICU + the Chinese tables).
 *   3. items: one box per character. A full-width mark gets a one-em cell with
 *      its glyph in the right corner (C1); adjacent marks are compressed as
 *      pairs (C3); each mark records what it can give up when a line is pushed
 *      in (C4) and what it loses at the end of a line (C2). Han–Latin gaps of
 *      a quarter em are inserted as glue (D1).
 *   4. lines: justified paragraphs by total fit — the breaks of the whole
 *      paragraph chosen together, minimising the sum of each line's demerits
 *      (dynamic programming over the break opportunities, each looking back
 *      one line's width): squeezing marks costs little (A6: push in first),
 *      spreading costs with the cube of the gap, and a loose line, a number
 *      cut from its unit (A5+), an operator starting a line or a one-character
 *      last line (B4) cost far more, so they are taken only when nothing else
 *      sets the paragraph; the line notes which rule gave way and what keeping
 *      it would have cost (for the trace). Titles and unjustified text: greedy,
 *      pushing in first — the longest line that fits once squeezed wins;
 *      otherwise the line ends earlier (A6), a number keeps its unit when a
 *      normal break is near (A5+), a one-character last line is avoided (B4).
 *   5. justify: spread the excess over the junctions around CJK characters
 *      and the glue, never inside a Latin word, —— or …… (B2, C4).
 */
#include "para.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../text/text.h"

typedef struct src_char {
  uint32_t cp;
  hui_role role;
  float size;
  hui_color color;
  float rise;  /* a reference mark's: raised by this many pt */
  bool mark;   /* part of a reference mark (hui_para_add_mark) */
  int mark_no; /* its first character: which mark, from 1; else 0 */
  bool glued;  /* no line break before it: inside a run added whole (hui_para_add_whole) */
} src_char;

typedef struct item {
  uint32_t cp; /* 0 for glue */
  hui_face *face;
  float size;
  hui_color color;
  double w;           /* natural width */
  double shrink;      /* how much narrower it may be set */
  double shrink_left; /* part of shrink taken from the left side (moves the glyph) */
  double cut_end;     /* width it loses when it ends a line (C2) */
  double stretch;     /* glue: how much wider it may be set before the junctions spread (C4) */
  double dx;          /* glyph offset inside its box */
  uint8_t brk;        /* break opportunity before this item */
  bool glue;
  bool junction;     /* the junction before this item may stretch */
  bool cjk;
  bool word;         /* a word starts here (ICU word segmentation), for titles */
  bool mark;         /* part of a reference mark: glued to what precedes it */
  float rise;
  int mark_no; /* the first item of mark mark_no (from 1); else 0 */
} item;

struct hui_para {
  hui_fonts *fonts;
  src_char *src;
  size_t nsrc, capsrc;
  item *items;
  size_t nitems, capitems;
  double *W, *S, *T; /* prefix sums of width, shrink and glue stretch */
  size_t *U, *G;     /* prefix counts of junctions that stretch and of glue */
  size_t cappre;
  hui_pline *lines;
  size_t nlines, caplines;
  hui_pglyph *glyphs;
  size_t nglyphs, capglyphs;
  bool words;               /* break between words only, when possible (titles) */
  bool segment;             /* words: ICU's words found (else every break is between words) */
  bool strict;              /* A4: no break before —— or …… */
  size_t forced;            /* lines the last setting ended inside a run that may not break */
  unsigned *gave, *instead; /* per line of the setting: HUI_GAVE_* (dlist.h) */
  size_t capgave;
  size_t nmarks;     /* reference marks added */
  size_t *mark_line; /* the line each is set on, after hui_para_set */
  size_t capmarks;
  src_char *norm; /* build_items: the source normalised, */
  size_t capnorm;
  uint32_t *cps;  /* its code points, */
  uint8_t *brk;   /* the break opportunities before them */
  uint8_t *wordb; /* and where words start */
  size_t capchars;
};

/* The buffers hui_para_set works in, which nothing after it needs (the
 * items, their sums, the setting's rules; the normalised text): one set per
 * thread, lent to the paragraph being set and taken back when it is, so
 * that they grow once a thread instead of from nothing each paragraph. */
static void work_free(hui_para *p) {
  free(p->items);
  free(p->W);
  free(p->S);
  free(p->U);
  free(p->T);
  free(p->G);
  free(p->gave);
  free(p->instead);
  free(p->norm);
  free(p->cps);
  free(p->brk);
  free(p->wordb);
}

static void work_clear(hui_para *p) {
  p->items = NULL;
  p->W = p->S = p->T = NULL;
  p->U = p->G = NULL;
  p->gave = p->instead = NULL;
  p->norm = NULL;
  p->cps = NULL;
  p->brk = p->wordb = NULL;
  p->nitems = p->capitems = p->cappre = p->capgave = p->capnorm = p->capchars = 0;
}

static void work_move(hui_para *to, hui_para *from) {
  to->items = from->items;
  to->W = from->W;
  to->S = from->S;
  to->T = from->T;
  to->U = from->U;
  to->G = from->G;
  to->gave = from->gave;
  to->instead = from->instead;
  to->norm = from->norm;
  to->cps = from->cps;
  to->brk = from->brk;
  to->wordb = from->wordb;
  to->capitems = from->capitems;
  to->cappre = from->cappre;
  to->capgave = from->capgave;
  to->capnorm = from->capnorm;
  to->capchars = from->capchars;
  work_clear(from);
}

static _Thread_local hui_para work; /* only its work buffers */

void hui_para_release(void) {
  work_free(&work);
  work_clear(&work);
}

hui_para *hui_para_new(hui_fonts *fonts) {
  hui_para *p = hui_xcalloc(1, sizeof *p);
  p->fonts = fonts;
  return p;
}

void hui_para_free(hui_para *p) {
  if (!p) return;
  free(p->src);
  free(p->lines);
  free(p->glyphs);
  free(p->mark_line);
  free(p);
}

void hui_para_keep_drawing(hui_para *p) {
  free(p->src);
  p->src = NULL;
  p->nsrc = p->capsrc = 0;
  if (p->nlines && p->caplines > p->nlines) {
    p->lines = hui_xrealloc(p->lines, p->nlines * sizeof *p->lines);
    p->caplines = p->nlines;
  }
  if (p->nglyphs && p->capglyphs > p->nglyphs) {
    p->glyphs = hui_xrealloc(p->glyphs, p->nglyphs * sizeof *p->glyphs);
    p->capglyphs = p->nglyphs;
  }
}

void hui_para_clear(hui_para *p) { p->nsrc = p->nitems = p->nlines = p->nglyphs = p->nmarks = 0; }

void hui_para_add(hui_para *p, const char *utf8, hui_role role, double size, double gray) {
  hui_para_add_color(p, utf8, role, size, hui_gray(gray));
}

/* Room for n more source characters, grown once for a whole text. */
static void reserve_src(hui_para *p, size_t n) {
  if (p->nsrc + n <= p->capsrc) return;
  p->capsrc = p->nsrc + n > 2 * p->capsrc ? p->nsrc + n : 2 * p->capsrc;
  p->src = hui_xrealloc(p->src, p->capsrc * sizeof *p->src);
}

void hui_para_add_color(hui_para *p, const char *utf8, hui_role role, double size,
                        hui_color color) {
  size_t len = strlen(utf8), i = 0, chars = 0;
  for (size_t k = 0; k < len; k++) chars += ((unsigned char)utf8[k] & 0xC0) != 0x80;
  reserve_src(p, chars);
  while (i < len) {
    uint32_t cp;
    size_t n = hui_utf8_decode(utf8 + i, len - i, &cp);
    if (!n) {
      cp = 0xFFFD;
      n = 1;
    }
    i += n;
    if (cp == 0xFEFF || cp == 0x200B) continue; /* invisible: never drawn */
    src_char *c = HUI_PUSH(p->src, p->nsrc, p->capsrc);
    *c = (src_char){cp, role, (float)size, color, 0, false, 0, false};
  }
}

void hui_para_add_mark(hui_para *p, const char *utf8, hui_role role, double size, double rise) {
  size_t from = p->nsrc;
  hui_para_add_color(p, utf8, role, size, hui_gray(0));
  if (from == p->nsrc) return;
  *HUI_PUSH(p->mark_line, p->nmarks, p->capmarks) = 0;
  p->src[from].mark_no = (int)p->nmarks;
  for (size_t i = from; i < p->nsrc; i++) {
    p->src[i].mark = true;
    p->src[i].rise = (float)rise;
  }
}

void hui_para_add_whole(hui_para *p, const char *utf8, hui_role role, double size) {
  size_t from = p->nsrc;
  hui_para_add_color(p, utf8, role, size, hui_gray(0));
  for (size_t i = from + 1; i < p->nsrc; i++) p->src[i].glued = true;
}

size_t hui_para_mark_line(const hui_para *p, size_t k) {
  return k < p->nmarks ? p->mark_line[k] : 0;
}

const hui_pline *hui_para_line(const hui_para *p, size_t i) { return &p->lines[i]; }
const hui_pglyph *hui_para_glyphs(const hui_para *p) { return p->glyphs; }
size_t hui_para_nlines(const hui_para *p) { return p->nlines; }
size_t hui_para_forced(const hui_para *p) { return p->forced; }

static bool is_cjk(uint32_t cp) {
  return hui_is_han(cp) || hui_text_punct(cp) != HUI_P_NONE || (cp >= 0x3000 && cp <= 0x30FF) ||
         (cp >= 0xFF00 && cp <= 0xFFEF);
}

/* Characters below U+2000 that are not CJK marks are set in the latin role. */
static hui_role role_for(uint32_t cp, hui_role role) {
  if (cp < 0x2000 && hui_text_punct(cp) == HUI_P_NONE) return HUI_ROLE_LATIN;
  return role;
}

static hui_face *face_for(hui_fonts *fonts, hui_role role, uint32_t cp) {
  hui_face *f = hui_fonts_face_for(fonts, role, cp);
  for (int r = 0; !f && r < HUI_ROLE_COUNT; r++) f = hui_fonts_face_for(fonts, (hui_role)r, cp);
  if (!f) {
    /* Nothing can draw it: the checker reports it; draw the role's .notdef. */
    size_t n;
    f = hui_fonts_chain(fonts, role, &n)[0];
  }
  return f;
}

/* Where to draw a full-width mark inside its one-em cell, in em: Simplified
 * Chinese puts a closing mark in the left half and an opening mark in the
 * right half (clreq #punctuation_width_adjustment). Fonts made for
 * Traditional Chinese centre 、。，; others have narrow Western quotes. So the
 * ink decides: a mark whose ink is not already in its half is moved there
 * (centred in it); the others keep the designer's placement. */
static double place_mark(hui_face *face, uint32_t cp, hui_punct k, double adv) {
  double lo, hi;
  if (!hui_face_ink(face, cp, &lo, &hi)) return k == HUI_P_OPEN ? 1 - adv : 0;
  double w = hi - lo;
  const double tol = 0.02;
  switch (k) {
  case HUI_P_CLOSE:
    if (hi <= 0.5 + tol || w > 0.5) return 0;
    return (0.5 - w) / 2 - lo;
  case HUI_P_OPEN:
    if (lo >= 0.5 - tol || w > 0.5) return adv < 1 && w > 0.5 ? 1 - adv : 0;
    return 0.5 + (0.5 - w) / 2 - lo;
  default:
    return (1 - adv) / 2; /* centred: · —— …… ～ */
  }
}

/* Step 1: normalise white space into a new source array. */
static src_char *normalise(hui_para *p, size_t *nout) {
  if (p->nsrc + 1 > p->capnorm) {
    p->capnorm = p->nsrc + 1;
    p->norm = hui_xrealloc(p->norm, p->capnorm * sizeof *p->norm);
  }
  src_char *out = p->norm;
  size_t n = 0;
  bool pending_space = false;
  for (size_t i = 0; i < p->nsrc; i++) {
    const src_char *c = &p->src[i];
    if (hui_is_space(c->cp) && c->cp != 0x3000 && !c->mark) {
      pending_space = n > 0;
      continue;
    }
    /* A reference mark clings to the text before it, and counts as CJK
     * for the space after it. */
    if (c->mark && !(n > 0 && out[n - 1].mark)) pending_space = false;
    if (pending_space) {
      uint32_t prev = out[n - 1].cp;
      bool cjk_prev = out[n - 1].mark || is_cjk(prev), cjk_next = is_cjk(c->cp);
      /* Between two CJK characters a space is a source line break: dropped.
       * Next to CJK punctuation no gap either (D1). */
      bool punct = hui_text_punct(prev) != HUI_P_NONE || hui_text_punct(c->cp) != HUI_P_NONE;
      if (!(cjk_prev && cjk_next) && !punct) {
        src_char sp = out[n - 1];
        sp.cp = ' ';
        sp.mark = false;
        sp.mark_no = 0;
        sp.rise = 0;
        sp.glued = c->glued; /* a space inside a whole run does not break it */
        out[n++] = sp;
      }
      pending_space = false;
    }
    out[n++] = *c;
  }
  *nout = n;
  return out;
}

static item *push_item(hui_para *p) { return HUI_PUSH(p->items, p->nitems, p->capitems); }

static void add_glue(hui_para *p, double w, double shrink, float size, uint8_t brk) {
  item *g = push_item(p);
  *g = (item){0};
  g->glue = true;
  g->w = w;
  g->shrink = shrink > 0 ? shrink : 0;
  g->stretch = w < 0.5 * size ? 0.5 * size - w : 0; /* C4: spaces stretch to half an em first */
  g->size = size;
  g->brk = brk;
}

/* Steps 2 and 3: breaks and boxes. */
static void build_items(hui_para *p) {
  size_t n;
  src_char *s = normalise(p, &n);
  if (n + 1 > p->capchars) {
    p->capchars = n + 1;
    p->cps = hui_xrealloc(p->cps, p->capchars * sizeof *p->cps);
    p->brk = hui_xrealloc(p->brk, p->capchars);
    p->wordb = hui_xrealloc(p->wordb, p->capchars);
  }
  uint32_t *cps = p->cps;
  uint8_t *brk = p->brk;
  for (size_t i = 0; i < n; i++) cps[i] = s[i].cp;
  hui_text_breaks(cps, n, brk);
  /* A4 (strict level): the first mark of —— or …… does not start a line
   * either (A3 already keeps the pair together). */
  for (size_t i = 1; p->strict && i < n; i++)
    if ((cps[i] == 0x2014 || cps[i] == 0x2026) && cps[i - 1] != cps[i]) brk[i] = HUI_BRK_NO;
  for (size_t i = 0; i < n; i++)
    if (s[i].glued) brk[i] = HUI_BRK_NO; /* inside a run added whole */
  uint8_t *words = NULL;
  if (p->words && p->segment) {
    words = p->wordb;
    hui_text_words(cps, n, words);
  }
  p->nitems = 0;
  for (size_t i = 0; i < n; i++) {
    const src_char *c = &s[i];
    double em = c->size;
    if (c->cp == ' ') {
      bool han_latin = i > 0 && i + 1 < n && (is_cjk(cps[i - 1]) != is_cjk(cps[i + 1]));
      if (han_latin) {
        add_glue(p, 0.25 * em, 0.125 * em, c->size, brk[i]);
      } else {
        hui_face *lf = face_for(p->fonts, HUI_ROLE_LATIN, ' ');
        double w = hui_face_advance(lf, ' ') * em;
        if (w <= 0) w = 0.3 * em;
        add_glue(p, w, w - 0.25 * em, c->size, brk[i]);
      }
      continue;
    }
    bool cjk = is_cjk(c->cp);
    /* A reference mark is never the start of a line. */
    if (c->mark && i > 0 && !s[i - 1].mark) brk[i] = HUI_BRK_NO;
    /* D1: a quarter em between Han and Latin when the text has no space
     * (none next to a reference mark). */
    if (i > 0 && !c->mark && !s[i - 1].mark && cps[i - 1] != ' ' && cjk != is_cjk(cps[i - 1]) &&
        hui_text_punct(c->cp) == HUI_P_NONE && hui_text_punct(cps[i - 1]) == HUI_P_NONE) {
      add_glue(p, 0.25 * em, 0.125 * em, c->size, brk[i]);
      brk[i] = HUI_BRK_NO;
    }
    item *it = push_item(p);
    it->cp = c->cp;
    it->size = c->size;
    it->color = c->color;
    it->cjk = cjk;
    it->brk = brk[i];
    it->word = words ? words[i] != 0 : true;
    it->mark = c->mark;
    it->rise = c->rise;
    it->mark_no = c->mark_no;
    it->face = face_for(p->fonts, role_for(c->cp, c->role), c->cp);
    double adv = hui_face_advance(it->face, c->cp) * em;
    hui_punct k = hui_text_punct(c->cp);
    if (k == HUI_P_NONE) {
      it->w = adv;
      continue;
    }
    /* C1: one cell; the glyph goes where Simplified Chinese puts it. */
    it->w = em;
    it->dx = place_mark(it->face, c->cp, k, adv / em) * em;
    bool sq = hui_text_squeezable(c->cp);
    if (k == HUI_P_CLOSE) {
      it->cut_end = 0.5 * em;
      if (sq) it->shrink = 0.5 * em;
    } else if (k == HUI_P_OPEN) {
      if (sq) it->shrink = it->shrink_left = 0.5 * em;
    } else if (k == HUI_P_MIDDLE) {
      it->shrink = 0.5 * em;
      it->shrink_left = 0.25 * em;
    }
  }
  /* C3: adjacent marks share a half cell. */
  for (size_t i = 1; i < p->nitems; i++) {
    item *a = &p->items[i - 1], *b = &p->items[i];
    if (a->glue || b->glue) continue;
    hui_punct ka = hui_text_punct(a->cp), kb = hui_text_punct(b->cp);
    if (ka == HUI_P_NONE || kb == HUI_P_NONE || ka == HUI_P_DOUBLE || kb == HUI_P_DOUBLE) continue;
    double half = 0.5 * a->size;
    if (ka == HUI_P_CLOSE && a->cut_end > 0) {
      a->w -= half; /* 。” ）、 ，“ : the first mark's blank half goes */
      a->cut_end = 0;
      a->shrink = 0;
    } else if (ka == HUI_P_OPEN && kb == HUI_P_OPEN && b->shrink_left > 0) {
      b->w -= half; /* （“ : the second mark's blank half goes */
      b->dx -= half;
      b->shrink = b->shrink_left = 0;
    }
  }
  /* Stretch units: junctions next to CJK characters, not inside Latin words,
   * not inside —— or ……; glue stretches as a unit of its own. */
  for (size_t i = 1; i < p->nitems; i++) {
    item *a = &p->items[i - 1], *b = &p->items[i];
    if (a->glue || b->glue) continue;
    if (!a->cjk && !b->cjk) continue;
    if (b->mark) continue; /* a mark is not spaced off its word */
    if (a->cp == b->cp && hui_text_punct(a->cp) == HUI_P_DOUBLE) continue;
    b->junction = true;
  }
}

static void prefix_sums(hui_para *p) {
  size_t n = p->nitems;
  if (n + 1 > p->cappre) {
    p->cappre = n + 1;
    p->W = hui_xrealloc(p->W, p->cappre * sizeof *p->W);
    p->S = hui_xrealloc(p->S, p->cappre * sizeof *p->S);
    p->U = hui_xrealloc(p->U, p->cappre * sizeof *p->U);
    p->T = hui_xrealloc(p->T, p->cappre * sizeof *p->T);
    p->G = hui_xrealloc(p->G, p->cappre * sizeof *p->G);
  }
  p->W[0] = p->S[0] = 0;
  p->U[0] = p->G[0] = 0;
  p->T[0] = 0;
  for (size_t i = 0; i < n; i++) {
    const item *it = &p->items[i];
    p->W[i + 1] = p->W[i] + it->w;
    p->S[i + 1] = p->S[i] + it->shrink;
    p->U[i + 1] = p->U[i] + (!it->glue && it->junction);
    p->G[i + 1] = p->G[i] + it->glue;
    p->T[i + 1] = p->T[i] + it->stretch;
  }
}

/* A line [a, b) without glue at either end. */
typedef struct span {
  size_t a, b;
  double natural, shrink;
  size_t units;   /* junctions that stretch */
  size_t glues;   /* glue inside the line */
  double stretch; /* what the glue may take before the junctions spread */
} span;

static span measure(const hui_para *p, size_t a, size_t b) {
  span s = {a, b, 0, 0, 0, 0, 0};
  while (s.a < s.b && p->items[s.a].glue) s.a++;
  while (s.b > s.a && p->items[s.b - 1].glue) s.b--;
  if (s.a == s.b) return s;
  s.natural = p->W[s.b] - p->W[s.a];
  s.shrink = p->S[s.b] - p->S[s.a];
  const item *last = &p->items[s.b - 1];
  if (last->cut_end > 0) {
    s.natural -= last->cut_end; /* C2: a mark at line end is half width */
    s.shrink -= last->shrink;
  }
  /* The first item's junction and any glue at the ends do not stretch. */
  s.units = p->U[s.b] - p->U[s.a + 1];
  s.glues = p->G[s.b] - p->G[s.a];
  s.stretch = p->T[s.b] - p->T[s.a];
  return s;
}

static bool fits(const span *s, double m) { return s->natural - s->shrink <= m + 0.01; }

/* How a line short of its measure by excess is spread (C4, clreq's order):
 * the glue first, each up to half an em, in proportion to what it may take;
 * then every junction by the same gap; glue alone when there is no junction. */
typedef struct spread {
  double glue_f;    /* fraction of each glue's stretch taken */
  double gap;       /* added at each junction */
  double glue_more; /* added to each glue beyond its stretch (no junctions) */
} spread;

static spread spread_line(const span *s, double excess) {
  spread r = {0, 0, 0};
  if (excess <= 0) return r;
  if (s->stretch > 0) {
    double take = excess < s->stretch ? excess : s->stretch; /* fmin, inlined */
    r.glue_f = take / s->stretch;
    excess -= take;
  }
  if (s->units > 0) r.gap = excess / (double)s->units;
  else if (s->glues > 0) r.glue_more = excess / (double)s->glues;
  return r;
}

/* The best break after start for a line of measure m, below limit. Returns
 * the item index where the next line starts. */
static size_t choose_break(const hui_para *p, size_t start, double m, size_t limit,
                           size_t *forced) {
  size_t n = p->nitems;
  size_t best_yes = 0, best_any = 0, best_word = 0, best_loose = 0;
  for (size_t i = start + 1; i <= n && i <= limit; i++) {
    bool end = i == n;
    /* Past this point no line can fit, squeezed, even without the glue and the
     * line-end half em trimmed off its ends (at most 1.5 em): stop, so a long
     * run without break opportunities is not scanned to its end per line. */
    if (p->W[i] - p->W[start] - (p->S[i] - p->S[start]) > m + 2 * p->items[i - 1].size) break;
    if (!end && p->items[i].brk == HUI_BRK_NO) continue;
    span s = measure(p, start, i);
    if (s.a == s.b) continue;
    if (!fits(&s, m)) {
      /* Nothing further can fit once even the squeezed width is too long. */
      if (p->W[i] - p->W[start] - p->S[i] + p->S[start] - 0.5 * p->items[i - 1].size > m) break;
      continue;
    }
    if (end || p->items[i].brk == HUI_BRK_YES) {
      best_yes = i;
      if (s.natural <= m + 0.01) best_loose = i;
    }
    if (end || (p->items[i].brk == HUI_BRK_YES && p->items[i].word)) best_word = i;
    best_any = i;
  }
  if (best_any == 0) {
    /* No opportunity fits (a very long word): break where the text overflows. */
    size_t i = start + 1;
    while (i < n && i < limit && p->W[i + 1] - p->W[start] <= m + 0.01) i++;
    if (i < n && forced) ++*forced;
    return i;
  }
  /* A6: push in first — but squeezing more than half an em out of a line
   * (two or more marks) looks cramped, so then push out instead. */
  if (best_yes > start && best_loose > start && best_loose < best_yes) {
    span sq = measure(p, start, best_yes);
    if (sq.natural - m > 0.5 * p->items[best_yes - 1].size + 0.01) best_yes = best_loose;
    if (best_any > best_yes && best_any - best_yes > 4) best_any = best_yes;
  }
  /* E6: a title breaks between words when any word boundary fits. */
  if (p->words && best_word > start) return best_word;
  /* A5+: keep a number with its unit unless no normal break is near. */
  if (best_any != best_yes && best_yes > start && best_any - best_yes <= 4) return best_yes;
  return best_any;
}

static double line_measure(const hui_para_spec *spec, size_t line) {
  return spec->measure - (line == 0 ? spec->indent_first : spec->indent_rest);
}

static void break_lines(hui_para *p, const hui_para_spec *spec, double m0, size_t **breaks,
                        size_t *nb) {
  size_t n = p->nitems, cap = 0;
  *nb = 0;
  p->forced = 0;
  size_t start = 0;
  while (start < n) {
    while (start < n && p->items[start].glue) start++;
    if (start >= n) break;
    double m = line_measure(spec, *nb) - (spec->measure - m0);
    size_t next = choose_break(p, start, m, n, &p->forced);
    *HUI_PUSH(*breaks, *nb, cap) = next;
    start = next;
  }
  /* B4: avoid a last line with a single character (plus punctuation). */
  if (*nb >= 2 && spec->align == HUI_ALIGN_JUSTIFY) {
    size_t a = (*breaks)[*nb - 2];
    size_t chars = 0;
    for (size_t i = a; i < n; i++)
      if (!p->items[i].glue && hui_text_punct(p->items[i].cp) == HUI_P_NONE) chars++;
    if (chars <= 1) {
      size_t prev_start = *nb >= 3 ? (*breaks)[*nb - 3] : 0;
      double m = line_measure(spec, *nb - 2) - (spec->measure - m0);
      size_t alt = choose_break(p, prev_start, m, a - 1, NULL);
      span rest = measure(p, alt, n);
      if (alt > prev_start && alt < a && fits(&rest, line_measure(spec, *nb - 1)) &&
          m - measure(p, prev_start, alt).natural < 3 * p->items[alt].size)
        (*breaks)[*nb - 2] = alt;
    }
  }
}

/* --- Total fit (justified paragraphs) ------------------------------------------- */

/* Parameters of the total fit (docs/typography.md, "Total fit"). */
enum { KP_LINE = 10 };                /* demerits of a line, so fewer lines win ties */
static const double KP_LOOSE = 0.10;  /* em a junction: above it a line is loose */
static const double KP_MAX = 0.25;    /* em a junction: above it a line is overstretched */
static const double KP_SQUEEZE = 0.5; /* em a line squeezed: above it the line looks cramped */
static const double P_LOOSE = 1e6;    /* a loose line, at 0.10 em (times the cube of gap/0.10) */
static const double P_RULE = 1e7;     /* a number cut from its unit, an operator or 孤字 */
static const double P_OVER = 1e8;     /* overstretched, or spread where nothing can stretch */

typedef struct kp_cost {
  double d;     /* demerits */
  unsigned why; /* HUI_GAVE_* */
} kp_cost;

/* Non-punctuation characters of [a, b), counting no further than two. */
static size_t chars_in(const hui_para *p, size_t a, size_t b) {
  size_t chars = 0;
  for (size_t i = a; i < b && chars < 2; i++)
    if (!p->items[i].glue && hui_text_punct(p->items[i].cp) == HUI_P_NONE) chars++;
  return chars;
}

/* The cost of the line [a, b), measured as s (it fits), set to measure m. */
static kp_cost line_cost(const hui_para *p, size_t a, size_t b, span s, double m) {
  kp_cost c = {0, 0};
  double em = p->items[s.a].size > 0 ? p->items[s.a].size : 1;
  bool last = b == p->nitems;
  double bad = 0, pen = 0;
  if (s.natural > m + 0.01) {
    double r = (s.natural - m) / s.shrink; /* fits: 0 < r <= 1 */
    bad = 50 * r * r * r + ((s.natural - m) / em > KP_SQUEEZE ? 100 : 0);
  } else if (!last && s.natural < m - 0.01) {
    spread r = spread_line(&s, m - s.natural);
    /* nothing to spread over: as if one junction took it all */
    bool stuck = s.units == 0 && (s.glues == 0 || r.glue_more > 0.5 * em);
    double gap = stuck ? (m - s.natural) / em : r.gap / em;
    double g3 = gap * gap * gap / (KP_LOOSE * KP_LOOSE * KP_LOOSE);
    bad = 100 * g3;
    if (gap > KP_LOOSE + 1e-6 || stuck) {
      /* a loose line costs more the looser it is: at 0.215 em as much as
       * cutting a number from its unit */
      pen += gap > KP_MAX || stuck ? P_OVER : P_LOOSE * g3;
      c.why |= HUI_GAVE_LOOSE;
    }
  }
  if (!last) {
    uint8_t brk = p->items[b].brk;
    if (brk == HUI_BRK_DISCOURAGED) c.why |= HUI_GAVE_UNIT;
    if (brk == HUI_BRK_OPERATOR) c.why |= HUI_GAVE_OPERATOR;
    if (brk == HUI_BRK_DISCOURAGED || brk == HUI_BRK_OPERATOR) pen += P_RULE;
  } else if (a > 0 && chars_in(p, a, b) <= 1) {
    c.why |= HUI_GAVE_ORPHAN;
    pen += P_RULE;
  }
  c.d = (KP_LINE + bad) * (KP_LINE + bad) + pen;
  return c;
}

/* Whether the line [a, b) is certainly spread by more than KP_MAX a junction
 * (from the prefix sums alone: its natural width is at most W[b] - W[a]). */
static bool overstretched(const hui_para *p, size_t a, size_t b, double m, double em) {
  double room = m - (p->W[b] - p->W[a]) - (p->T[b] - p->T[a]);
  size_t units = p->U[b] - p->U[a];
  return units > 0 && room > KP_MAX * em * (double)units;
}

/* Whether a line measured as s (it fits), not the last, certainly costs more
 * than P_LOOSE: it is not squeezed, and line_cost would find it spread by
 * more than KP_LOOSE (and its 1e-6) a junction: decided without its
 * divisions, with a margin over their rounding. */
static bool loose(const hui_para *p, const span *sp, double m) {
  span s = *sp;
  if (!(s.natural < m - 0.01) || s.units == 0) return false;
  double em = p->items[s.a].size > 0 ? p->items[s.a].size : 1;
  double excess = m - s.natural;
  if (s.stretch > 0) excess -= excess < s.stretch ? excess : s.stretch;
  return excess > (KP_LOOSE + 2e-6) * em * (double)s.units;
}

/* The first break a line ending at b may start from: the window of total
 * fit, lines [lo, b) no longer than the measure plus slack once squeezed,
 * mfirst for the first line, mrest for the others: the same lines the walk
 * back from b, one break at a time, would take. No item shrinks by more than
 * its width, so a line's width less its shrink only grows as it starts
 * earlier: the window begins where that first fits, found from *guess,
 * where the last window began (it moves with b, a few items at a time). */
static size_t window_start(const hui_para *p, size_t b, double mfirst, double mrest,
                           size_t *guess) {
#define TOO_LONG(j) (p->W[b] - p->W[j] - (p->S[b] - p->S[j]) > ((j) == 0 ? mfirst : mrest))
  if (TOO_LONG(b - 1)) return b;
  size_t j = *guess < 1 ? 1 : *guess > b - 1 ? b - 1 : *guess;
  if (TOO_LONG(j)) {
    while (TOO_LONG(j)) j++; /* stops at b - 1 at the latest */
  } else {
    while (j > 1 && !TOO_LONG(j - 1)) j--;
  }
  *guess = j;
  if (j == 1 && !TOO_LONG(0)) j = 0;
  return j;
#undef TOO_LONG
}

/* The best settings up to each break so far: demerits, the break the last
 * line starts from, the rules that line breaks. */
typedef struct kp_best {
  double *D;
  size_t *prev;
  unsigned *why;
} kp_best;

/* Whether a line from a to b costing at least lb (D[a] included) cannot
 * improve on the best to b: more than it, or as much but from a later break
 * (the earliest of equally good breaks wins, whatever the order they are
 * tried in, so the setting does not depend on that order). */
static bool beaten(const kp_best *k, size_t b, double lb, size_t a) {
  return k->D[b] < lb || (k->D[b] == lb && a >= k->prev[b]);
}

static void measure_line(const hui_para *p, kp_best *k, size_t a, size_t b, double m,
                         unsigned forbid, bool no_over);

/* Tries the line [a, b) of measure m, a break some setting reaches; over:
 * the line is certainly overstretched (overstretched()); with no_over, not
 * when it costs P_OVER or more. */
static inline void consider(const hui_para *p, kp_best *k, size_t a, size_t b, double m, bool over,
                            unsigned forbid, bool no_over) {
  double Da = k->D[a];
  /* every line costs at least KP_LINE squared, an overstretched one more
   * than P_OVER (most lines tried end here, without a call) */
  if (beaten(k, b, Da + KP_LINE * KP_LINE, a)) return;
  if (over && (no_over || k->D[b] <= Da + P_OVER)) return;
  measure_line(p, k, a, b, m, forbid, no_over);
}

/* consider's line measured and costed. */
static void measure_line(const hui_para *p, kp_best *k, size_t a, size_t b, double m,
                         unsigned forbid, bool no_over) {
  double Da = k->D[a];
  size_t n = p->nitems;
  span s = measure(p, a, b);
  if (s.a == s.b || !fits(&s, m)) return;
  /* a loose line costs more than P_LOOSE */
  if (b < n && k->D[b] <= Da + P_LOOSE && loose(p, &s, m)) return;
  kp_cost c = line_cost(p, a, b, s, m);
  if ((c.why & forbid) || (no_over && c.d >= P_OVER)) return;
  double total = Da + c.d;
  if (total < k->D[b] || (total == k->D[b] && a < k->prev[b])) {
    k->D[b] = total;
    k->prev[b] = a;
    k->why[b] = c.why;
  }
}

/* The best settings to every break, into k; with no_over, of lines that
 * cost less than P_OVER each. */
static void fit_pass(const hui_para *p, const hui_para_spec *spec, unsigned forbid, bool no_over,
                     kp_best *k) {
  size_t n = p->nitems;
  for (size_t i = 0; i <= n; i++) k->D[i] = INFINITY, k->prev[i] = SIZE_MAX;
  k->D[0] = 0;
  const double m0 = line_measure(spec, 0), m1 = line_measure(spec, 1);
  size_t guess = 1; /* where the last window began: the next begins near it */
  size_t hint = 0;  /* where the best line to the last break started */
  /* The breaks some setting reaches, in order: lines start only there. */
  size_t *reached = hui_xmalloc((n + 1) * sizeof *reached);
  size_t nreached = 0, first = 0; /* the first at or after the window's start */
  reached[nreached++] = 0;
  for (size_t b = 1; b <= n; b++) {
    if (b < n && p->items[b].brk == HUI_BRK_NO) continue;
    /* The window: further back every line is too long even squeezed and
     * trimmed. */
    double em = p->items[b - 1].size;
    size_t lo = window_start(p, b, m0 + 2 * em, m1 + 2 * em, &guess);
    while (first > 0 && reached[first - 1] >= lo) first--;
    while (first < nreached && reached[first] < lo) first++;
    /* First the lines from where the best line to the last break started
     * and the break after it: one of them is most often the best, and
     * knowing a good setting early rules most others out before they are
     * measured. Then all of them, from the longest line to the shortest. */
    for (size_t a = hint; a <= hint + 1; a++) {
      if (a < lo || a >= b || k->D[a] == INFINITY) continue;
      double m = a == 0 ? m0 : m1;
      consider(p, k, a, b, m, b < n && overstretched(p, a, b, m, em), forbid, no_over);
    }
    for (size_t r = first; r < nreached; r++) {
      size_t a = reached[r];
      double m = a == 0 ? m0 : m1;
      bool over = b < n && overstretched(p, a, b, m, em);
      /* this line and every shorter one costs more than P_OVER */
      if (over && k->D[b] <= P_OVER) break;
      consider(p, k, a, b, m, over, forbid, no_over);
    }
    if (k->prev[b] != SIZE_MAX) {
      hint = k->prev[b];
      reached[nreached++] = b;
    }
  }
  free(reached);
}

/* The best breaks of the paragraph that break none of the rules in forbid
 * (HUI_GAVE_*): the line ends into *breaks, the rules each line breaks into
 * p->gave. False when no setting fits (a run wider than the measure) or
 * every setting breaks a forbidden rule. */
static bool total_fit(hui_para *p, const hui_para_spec *spec, unsigned forbid, size_t **breaks,
                      size_t *nb) {
  size_t n = p->nitems;
  double *D = hui_xmalloc((n + 1) * sizeof *D);
  size_t *prev = hui_xmalloc((n + 1) * sizeof *prev);
  unsigned *why = hui_xmalloc((n + 1) * sizeof *why);
  kp_best best = {D, prev, why};
  /* Without the lines that cost P_OVER or more first: the positions such a
   * line alone reaches (those of the first line, short of a full one) are
   * then never tried again. When the best setting found costs less than
   * one such line, it is the best of all, and its ties broken alike. */
  fit_pass(p, spec, forbid, true, &best);
  if (!(D[n] < P_OVER)) fit_pass(p, spec, forbid, false, &best);
  bool ok = D[n] < INFINITY;
  if (ok) {
    size_t count = 0;
    for (size_t b = n; b > 0; b = prev[b]) count++;
    *breaks = hui_xrealloc(*breaks, count * sizeof **breaks);
    if (count > p->capgave) {
      p->capgave = count;
      p->gave = hui_xrealloc(p->gave, count * sizeof *p->gave);
      p->instead = hui_xrealloc(p->instead, count * sizeof *p->instead);
    }
    *nb = count;
    for (size_t b = n, k = count; b > 0; b = prev[b]) {
      (*breaks)[--k] = b;
      p->gave[k] = why[b];
      p->instead[k] = 0;
    }
  }
  free(D);
  free(prev);
  free(why);
  return ok;
}

/* Where the best setting breaks a rule, what the best setting keeping that
 * rule would break instead (HUI_GAVE_NONE: no setting keeps it), per line. */
static void explain(hui_para *p, const hui_para_spec *spec, size_t nb) {
  unsigned all = 0;
  for (size_t l = 0; l < nb; l++) all |= p->gave[l];
  if (!all) return;
  unsigned *gave = hui_xmalloc(nb * sizeof *gave);
  memcpy(gave, p->gave, nb * sizeof *gave);
  unsigned *instead = hui_xcalloc(nb, sizeof *instead);
  for (unsigned rule = HUI_GAVE_UNIT; rule <= HUI_GAVE_LOOSE; rule <<= 1) {
    if (!(all & rule)) continue;
    size_t *alt = NULL, na = 0;
    unsigned other = HUI_GAVE_NONE;
    if (total_fit(p, spec, rule, &alt, &na)) {
      other = 0;
      for (size_t l = 0; l < na; l++) other |= p->gave[l];
    }
    free(alt);
    for (size_t l = 0; l < nb; l++)
      if (gave[l] & rule) instead[l] |= other;
  }
  memcpy(p->gave, gave, nb * sizeof *gave);
  memcpy(p->instead, instead, nb * sizeof *instead);
  free(gave);
  free(instead);
}

/* Step 5: places the glyphs of line [a, b) into p->glyphs. */
static void place_line(hui_para *p, const hui_para_spec *spec, size_t a, size_t b, size_t index,
                       bool last) {
  double m = line_measure(spec, index);
  span s = measure(p, a, b);
  hui_pline *ln = HUI_PUSH(p->lines, p->nlines, p->caplines);
  ln->first = p->nglyphs;
  ln->last = last;
  ln->natural = s.natural;
  double f = 0;
  if (s.natural > m + 0.001 && s.shrink > 0) f = fmin(1.0, (s.natural - m) / s.shrink);
  double width = s.natural - f * s.shrink;
  spread r = {0, 0, 0};
  if (spec->align == HUI_ALIGN_JUSTIFY && !last && width < m - 0.001 &&
      (s.units > 0 || s.glues > 0)) {
    r = spread_line(&s, m - width);
    width = m;
  }
  double gap = r.gap;
  ln->gap = s.a < s.b && p->items[s.a].size > 0 ? gap / p->items[s.a].size : 0;
  ln->gave = ln->instead = 0;
  double x = 0;
  for (size_t i = a; i < b; i++)
    if (p->items[i].mark_no > 0) p->mark_line[p->items[i].mark_no - 1] = index;
  for (size_t i = s.a; i < s.b; i++) {
    const item *it = &p->items[i];
    if (i > s.a && it->junction) x += gap;
    double w = it->w - f * it->shrink;
    if (i == s.b - 1 && it->cut_end > 0) w = it->w - it->cut_end;
    if (it->glue) {
      x += w + r.glue_f * it->stretch + r.glue_more;
      continue;
    }
    hui_pglyph *g = HUI_PUSH(p->glyphs, p->nglyphs, p->capglyphs);
    *g = (hui_pglyph){.cp = it->cp,
                      .face = it->face,
                      .size = it->size,
                      .color = it->color,
                      .x = x + it->dx - f * it->shrink_left,
                      .rise = it->rise};
    x += w;
  }
  ln->count = p->nglyphs - ln->first;
  ln->width = x; /* as set, not as intended: tests compare it with the measure */
  double indent = index == 0 ? spec->indent_first : spec->indent_rest;
  ln->x = indent;
  if (spec->align == HUI_ALIGN_CENTER) ln->x = indent + (m - width) / 2;
  else if (spec->align == HUI_ALIGN_RIGHT) ln->x = indent + m - width;
}

/* The rules the greedy setting of breaks[0..nb) breaks: none but forced cuts. */
static void greedy_gave(hui_para *p, const size_t *breaks, size_t nb) {
  if (nb > p->capgave) {
    p->capgave = nb;
    p->gave = hui_xrealloc(p->gave, nb * sizeof *p->gave);
    p->instead = hui_xrealloc(p->instead, nb * sizeof *p->instead);
  }
  for (size_t l = 0; l < nb; l++) {
    size_t b = breaks[l];
    p->gave[l] = b < p->nitems && p->items[b].brk == HUI_BRK_NO ? HUI_GAVE_FORCED : 0;
    p->instead[l] = 0;
  }
}

size_t hui_para_set(hui_para *p, const hui_para_spec *spec) {
  work_move(p, &work);
  p->nlines = p->nglyphs = 0;
  p->words = spec->balance;
  p->segment = false;
  p->strict = spec->strict;
  build_items(p);
  prefix_sums(p);
  size_t *breaks = NULL, nb = 0;
  p->forced = 0;
  if (spec->total_fit && spec->align == HUI_ALIGN_JUSTIFY && !spec->balance &&
      total_fit(p, spec, 0, &breaks, &nb)) {
    explain(p, spec, nb);
  } else {
    break_lines(p, spec, spec->measure, &breaks, &nb);
    if (p->words && nb > 1) {
      /* E6 needs the words only when the title takes more than one line (on
       * one, the end is the one break, between words or not): found now. */
      p->segment = true;
      build_items(p);
      prefix_sums(p);
      free(breaks);
      breaks = NULL;
      break_lines(p, spec, spec->measure, &breaks, &nb);
    }
    if (spec->balance && nb > 1) {
      /* E6: shorten the measure while the line count stays, so lines balance. */
      double lo = spec->measure / (double)nb * 0.8, hi = spec->measure;
      for (int iter = 0; iter < 12; iter++) {
        double mid = (lo + hi) / 2;
        size_t *b2 = NULL, n2 = 0;
        break_lines(p, spec, mid, &b2, &n2);
        if (n2 <= nb) hi = mid;
        else lo = mid;
        free(b2);
      }
      free(breaks);
      breaks = NULL;
      break_lines(p, spec, hi, &breaks, &nb);
    }
    greedy_gave(p, breaks, nb);
  }
  size_t start = 0;
  for (size_t l = 0; l < nb; l++) {
    place_line(p, spec, start, breaks[l], l, l + 1 == nb);
    p->lines[p->nlines - 1].gave = p->gave[l];
    p->lines[p->nlines - 1].instead = p->instead[l];
    start = breaks[l];
  }
  free(breaks);
  work_move(&work, p);
  return p->nlines;
}

double hui_para_natural_width(hui_para *p) {
  work_move(p, &work);
  build_items(p);
  prefix_sums(p);
  span s = measure(p, 0, p->nitems);
  work_move(&work, p);
  return s.natural;
}

void hui_para_draw_line(const hui_para *p, size_t i, hui_dpage *page, double x, double y) {
  const hui_pline *ln = &p->lines[i];
  for (size_t k = 0; k < ln->count; k++) {
    const hui_pglyph *g = &p->glyphs[ln->first + k];
    hui_dpage_glyph(page, g->face, g->size, g->color, x + ln->x + g->x, y - g->rise, g->cp);
  }
}
