/* page: the page master (page.h) — geometry from a spec, numbered pages with
 * running heads and folios, right-hand starts, leaders. */
#include "page.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "box.h"

static double mm(double v) { return v * 72.0 / 25.4; }

static double size_or(double v, double fallback) { return v > 0 ? v : fallback; }

void hui_master_init(hui_master *m, const hui_page_spec *spec, hui_fonts *fonts) {
  *m = (hui_master){.spec = *spec, .fonts = fonts};
  m->pw = mm(spec->page_w);
  m->ph = mm(spec->page_h);
  m->top = mm(spec->top);
  m->inner = mm(spec->inner);
  m->outer = mm(spec->outer);
  m->type_w = m->pw - m->inner - m->outer;
  m->type_h = m->ph - m->top - mm(spec->bottom);
  int chars = spec->grid_chars;
  m->body = spec->body_pt;
  if (m->body <= 0) m->body = chars > 0 ? m->type_w / chars : 12;
  if (chars <= 0) chars = (int)floor(m->type_w / m->body + 1e-6);
  m->measure = chars * m->body;
  /* B3: whole cells; a grid that does not fit loses characters, not size */
  if (m->measure > m->type_w + 0.01) {
    chars = (int)floor(m->type_w / m->body);
    m->measure = chars * m->body;
  }
  m->chars = chars;
  m->lines = spec->grid_lines;
  m->pitch = spec->leading_pt;
  /* E5: with no pitch given, the grid's lines fill the type area exactly */
  if (m->lines > 1 && m->pitch <= 0) m->pitch = (m->type_h - m->body) / (m->lines - 1);
  if (m->pitch <= 0) m->pitch = m->body * 1.75;
  if (m->lines <= 0) m->lines = (int)floor((m->type_h - m->body) / m->pitch + 1e-6) + 1;
}

double hui_master_left(const hui_master *m, int number) {
  double left = m->spec.mirror && number % 2 == 0 ? m->outer : m->inner;
  return left + (m->type_w - m->measure) / 2;
}

double hui_master_cell_x(const hui_master *m, int number, int col) {
  return hui_master_left(m, number) + col * m->body;
}

double hui_master_line_top(const hui_master *m, double k) { return m->top + k * m->pitch; }

double hui_master_baseline(const hui_master *m, double k, double s) {
  return m->top + k * m->pitch + 0.5 * m->body + 0.38 * s;
}

/* --- Numbered pages ------------------------------------------------------------- */

void hui_page_number(int n, hui_numbering style, char *out, size_t cap) {
  static const struct {
    int v;
    const char *s;
  } R[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
           {40, "xl"},  {10, "x"},   {9, "ix"},   {5, "v"},    {4, "iv"},  {1, "i"}};
  if (style != HUI_NUMBERS_ROMAN || n <= 0 || n >= 4000) {
    snprintf(out, cap, "%d", n);
    return;
  }
  size_t len = 0;
  out[0] = '\0';
  for (size_t i = 0; i < sizeof R / sizeof *R; i++)
    for (; n >= R[i].v; n -= R[i].v) {
      size_t k = strlen(R[i].s);
      if (len + k >= cap) return;
      memcpy(out + len, R[i].s, k + 1);
      len += k;
    }
}

void hui_pages_free(hui_pages *s) {
  for (size_t i = 0; i < s->n; i++) hui_dpage_free(s->pages[i]);
  free(s->pages);
  s->pages = NULL;
  s->n = s->cap = 0;
}

void hui_master_folio(const hui_master *m, hui_dpage *pg, int number, hui_numbering style) {
  double fs = size_or(m->spec.folio_pt, 14), left = hui_master_left(m, number);
  char num[32];
  hui_page_number(number, style, num, sizeof num);
  double y = m->top + m->type_h + mm(size_or(m->spec.folio_drop, 7)) + 0.3 * fs;
  /* "— 7 —": the dashes and the number as three pieces, a quarter em apart */
  const char *pieces[3] = {"\xE2\x80\x94", num, "\xE2\x80\x94"};
  const char **first = m->spec.folio_plain ? pieces + 1 : pieces;
  size_t np = m->spec.folio_plain ? 1 : 3;
  double widths[3], total = 0, gap = 0.25 * fs;
  for (size_t i = 0; i < np; i++)
    total += widths[i] = hui_text_width(m->fonts, first[i], HUI_ROLE_LATIN, fs);
  total += gap * (double)(np - 1);
  double x = number % 2 == 1 ? left + m->measure - fs - total : left + fs;
  for (size_t i = 0; i < np; i++) {
    hui_text_line(m->fonts, pg, first[i], HUI_ROLE_LATIN, fs, hui_gray(0), x, y, HUI_ALIGN_LEFT);
    x += widths[i] + gap;
  }
}

hui_dpage *hui_master_page(const hui_master *m, hui_pages *s, const hui_heads *heads, bool folio) {
  hui_dpage *pg = hui_dpage_new(m->pw, m->ph);
  *HUI_PUSH(s->pages, s->n, s->cap) = pg;
  int number = (int)++s->count;
  double left = hui_master_left(m, number);
  if (heads && m->spec.running_heads) {
    double hs = size_or(m->spec.head_pt, 10.5);
    const char *text = number % 2 == 0 ? heads->verso : heads->recto;
    double y = m->top - 0.9 * m->pitch;
    hui_text_line(m->fonts, pg, text ? text : "", HUI_ROLE_KAI, hs, hui_gray(0),
                  left + m->measure / 2, y, HUI_ALIGN_CENTER);
    hui_dpage_rule(pg, left, y + 0.35 * hs, left + m->measure, y + 0.35 * hs, 0.5, hui_gray(0));
  }
  if (folio) hui_master_folio(m, pg, number, s->numbering);
  return pg;
}

void hui_master_recto(const hui_master *m, hui_pages *s) {
  if (m->spec.recto_start && s->count % 2 == 1) hui_master_page(m, s, NULL, false);
}

/* --- Setting a flow on pages ------------------------------------------------------- */

/* Notes a placed line on its page, for the trace and the tests. */
static void note_line(const hui_master *m, hui_dpage *pg, const hui_vitem *v, size_t para_base,
                      int k, double left, double y, const hui_pline *ln) {
  hui_dline r = {
      .grid = k,
      .para = para_base + v->para_no,
      .line = v->line,
      .nlines = hui_para_nlines(v->para),
      .left = left,
      .x = left + v->x + ln->x,
      .y = y,
      .width = ln->width,
      .measure = m->measure,
      .kind = (hui_dline_kind)v->tag,
      .justified = v->tag == HUI_DL_BODY && !ln->last,
      .gap = ln->gap,
      .gave = ln->gave,
      .instead = ln->instead,
  };
  hui_dpage_note_line(pg, &r);
}

/* Footnote lines [from, to) of f (its notes' lines in order) at the foot of
 * page pg: stacked up from the grid's bottom edge, each em box centred in a
 * cell of its note's pitch, under a thin rule a quarter of the measure long,
 * sep/2 above them (the room the paginator reserved: hui_flow_foot_lines). */
static void draw_notes(const hui_master *m, hui_dpage *pg, const hui_flow *f, size_t from,
                       size_t to, double left) {
  if (from >= to) return;
  double h = 0;
  size_t k = 0;
  for (size_t i = 0; i < hui_flow_nnotes(f); i++) {
    const hui_fnote *n = hui_flow_note_at(f, i);
    for (size_t l = 0; l < hui_para_nlines(n->para); l++, k++)
      if (k >= from && k < to) h += n->pitch;
  }
  double bottom = hui_master_line_top(m, m->lines - 1) + m->body;
  double y = bottom - h; /* the top of the next note line's cell */
  double rule_y = y - hui_flow_foot_sep(f) / 2;
  hui_dpage_rule(pg, left, rule_y, left + m->measure / 4, rule_y, 0.5, hui_gray(0));
  k = 0;
  for (size_t i = 0; i < hui_flow_nnotes(f); i++) {
    const hui_fnote *n = hui_flow_note_at(f, i);
    for (size_t l = 0; l < hui_para_nlines(n->para); l++, k++) {
      if (k < from || k >= to) continue;
      const hui_pline *ln = hui_para_line(n->para, l);
      double size = ln->count ? hui_para_glyphs(n->para)[ln->first].size : m->body;
      hui_para_draw_line(n->para, l, pg, left, y + n->pitch / 2 + 0.38 * size);
      y += n->pitch;
    }
  }
}

size_t hui_master_flow(const hui_master *m, hui_pages *s, hui_flow *f, const hui_heads *heads,
                       size_t para_base, hui_mark_fn mark, void *ctx) {
  size_t *starts, *note_ends;
  size_t np = hui_flow_paginate_notes(f, m->lines, &starts, &note_ends);
  for (size_t p = 0; p < np; p++) {
    size_t end = p + 1 < np ? starts[p + 1] : hui_flow_len(f);
    hui_dpage *pg = hui_master_page(m, s, heads, true);
    int number = (int)s->count;
    double left = hui_master_left(m, number);
    int k = 0;
    for (size_t i = starts[p]; i < end; i++) {
      hui_vitem *v = hui_flow_at(f, i);
      if (v->mark_title && mark)
        mark(ctx, s->count - 1, v->mark_level, v->mark_title, hui_master_line_top(m, k));
      if (v->kind == HUI_V_SPACE && k == 0) continue;
      if (v->kind == HUI_V_LINE) {
        const hui_pline *ln = hui_para_line(v->para, v->line);
        double size = ln->count ? hui_para_glyphs(v->para)[ln->first].size : m->body;
        double y = hui_master_baseline(m, k, size);
        hui_para_draw_line(v->para, v->line, pg, left + v->x, y);
        if (v->tail) hui_master_leaders(m, pg, number, left + v->x + ln->x + ln->width, y, v->tail);
        note_line(m, pg, v, para_base, k, left, y, ln);
      } else if (v->kind == HUI_V_IMAGE) {
        hui_dpage_image(pg, v->img, left + v->x, hui_master_line_top(m, k) + v->dy, v->w, v->h);
      } else if (v->kind == HUI_V_BLOCK) {
        bool top = k == 0;
        if (top && v->repeat > 0) {
          v->draw(v->block, HUI_VBLOCK_REPEAT, m, pg, number, k, true);
          k += v->repeat;
          top = false;
        }
        v->draw(v->block, v->part, m, pg, number, k, top);
      }
      k += v->lines;
    }
    draw_notes(m, pg, f, p > 0 ? note_ends[p - 1] : 0, note_ends[p], left);
  }
  free(starts);
  free(note_ends);
  hui_flow_clear(f);
  return np;
}

/* --- Leaders -------------------------------------------------------------------------- */

void hui_master_leaders(const hui_master *m, hui_dpage *pg, int number, double text_end, double y,
                        const char *tail) {
  double size = m->body, left = hui_master_left(m, number);
  double right = left + m->measure;
  double tw = hui_text_line(m->fonts, pg, tail, HUI_ROLE_LATIN, size, hui_gray(0), right, y,
                            HUI_ALIGN_RIGHT);
  double from = text_end + 0.5 * size;
  double to = right - tw - 0.5 * size;
  double pitch = 0.5 * size;
  size_t n;
  hui_face *face = hui_fonts_chain(m->fonts, HUI_ROLE_LATIN, &n)[0];
  double dot = hui_face_advance(face, '.') * size;
  /* dots on a fixed pitch from the grid's left edge, so they line up */
  for (double x = left + ceil((from - left) / pitch) * pitch; x + dot <= to + 0.01; x += pitch)
    hui_dpage_glyph(pg, face, size, hui_gray(0), x, y, '.');
}
