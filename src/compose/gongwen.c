/* gongwen: official documents in GB/T 9704-2012 (see gongwen.h). The 版头
 * and the signature are blocks of the flow that draw themselves on the
 * master's grid; the 版记 is drawn on the last page once the flows are set.
 * Clause numbers below are the standard's. */
#include "gongwen.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../layout/box.h"
#include "../layout/page.h"

typedef enum { GW_PARA, GW_HEADING, GW_LINE, GW_CENTER, GW_SPACE, GW_TABLE, GW_ANNEX } gw_kind;

typedef struct gw_block {
  gw_kind kind;
  int level; /* HEADING: 1-4; SPACE: lines; CENTER: the role */
  char *text;
  double indent, hang; /* LINE: cells */
  hui_table *table;    /* TABLE: until composed */
} gw_block;

struct hui_gongwen {
  char *mark, *number, *title, *to;
  gw_block *blocks;
  size_t n, cap;
  char **attach;
  size_t nattach, capattach;
  char *issuer, *date;
  const hui_image *seal;
  bool imprint;
  char *cc, *printer, *print_date;
  int numbers[4]; /* the last heading number of each level */
  bool composed;
};

static double mm(double v) { return v * 72.0 / 25.4; }

static char *dup_or_null(const char *s) { return s && *s ? hui_xstrdup(s) : NULL; }

hui_gongwen *hui_gongwen_new(void) { return hui_xcalloc(1, sizeof(hui_gongwen)); }

void hui_gongwen_free(hui_gongwen *g) {
  if (!g) return;
  free(g->mark);
  free(g->number);
  free(g->title);
  free(g->to);
  for (size_t i = 0; i < g->n; i++) {
    free(g->blocks[i].text);
    hui_table_free(g->blocks[i].table);
  }
  free(g->blocks);
  for (size_t i = 0; i < g->nattach; i++) free(g->attach[i]);
  free(g->attach);
  free(g->issuer);
  free(g->date);
  free(g->cc);
  free(g->printer);
  free(g->print_date);
  free(g);
}

void hui_gongwen_head(hui_gongwen *g, const char *mark, const char *number) {
  free(g->mark);
  free(g->number);
  g->mark = dup_or_null(mark);
  g->number = dup_or_null(number);
}

void hui_gongwen_title(hui_gongwen *g, const char *title) {
  free(g->title);
  g->title = dup_or_null(title);
}

static bool ends_with(const char *s, const char *tail) {
  size_t a = strlen(s), b = strlen(tail);
  return a >= b && strcmp(s + a - b, tail) == 0;
}

void hui_gongwen_to(hui_gongwen *g, const char *addressee) {
  free(g->to);
  g->to = NULL;
  if (!addressee || !*addressee) return;
  g->to = ends_with(addressee, "：") ? hui_xstrdup(addressee) : hui_xasprintf("%s：", addressee);
}

static gw_block *push(hui_gongwen *g, gw_kind kind, const char *text) {
  gw_block *b = HUI_PUSH(g->blocks, g->n, g->cap);
  *b = (gw_block){.kind = kind, .text = text ? hui_xstrdup(text) : NULL};
  return b;
}

void hui_gongwen_para(hui_gongwen *g, const char *text) { push(g, GW_PARA, text); }

static void cn_number(hui_buf *b, int k) {
  static const char *const D[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (k <= 0 || k >= 100) {
    hui_buf_printf(b, "%d", k);
    return;
  }
  if (k >= 10) {
    if (k >= 20) hui_buf_puts(b, D[k / 10]);
    hui_buf_puts(b, "十");
  }
  hui_buf_puts(b, D[k % 10]);
}

void hui_gongwen_heading_number(int level, int k, char *out, size_t cap) {
  hui_buf b = {0};
  switch (level) {
  case 1:
    cn_number(&b, k);
    hui_buf_puts(&b, "、");
    break;
  case 2:
    hui_buf_puts(&b, "（");
    cn_number(&b, k);
    hui_buf_puts(&b, "）");
    break;
  case 3: hui_buf_printf(&b, "%d.", k); break;
  default: hui_buf_printf(&b, "（%d）", k); break;
  }
  snprintf(out, cap, "%s", b.data ? b.data : "");
  hui_buf_free(&b);
}

void hui_gongwen_heading(hui_gongwen *g, int level, const char *text) {
  if (level < 1) level = 1;
  if (level > 4) level = 4;
  g->numbers[level - 1]++;
  for (int l = level; l < 4; l++) g->numbers[l] = 0;
  char no[32];
  hui_gongwen_heading_number(level, g->numbers[level - 1], no, sizeof no);
  char *full = hui_xasprintf("%s%s", no, text ? text : "");
  gw_block *b = push(g, GW_HEADING, NULL);
  b->text = full;
  b->level = level;
}

void hui_gongwen_line(hui_gongwen *g, const char *text, double indent, double hang) {
  gw_block *b = push(g, GW_LINE, text);
  b->indent = indent;
  b->hang = hang;
}

void hui_gongwen_center(hui_gongwen *g, const char *text, hui_role role) {
  push(g, GW_CENTER, text)->level = (int)role;
}

void hui_gongwen_space(hui_gongwen *g, int lines) {
  if (lines > 0) push(g, GW_SPACE, NULL)->level = lines;
}

void hui_gongwen_table(hui_gongwen *g, hui_table *t) { push(g, GW_TABLE, NULL)->table = t; }

void hui_gongwen_attachment(hui_gongwen *g, const char *name) {
  *HUI_PUSH(g->attach, g->nattach, g->capattach) = hui_xstrdup(name ? name : "");
}

void hui_gongwen_sign(hui_gongwen *g, const char *issuer, const char *date, const hui_image *seal) {
  free(g->issuer);
  free(g->date);
  g->issuer = dup_or_null(issuer);
  g->date = dup_or_null(date);
  g->seal = seal;
}

void hui_gongwen_annex(hui_gongwen *g, const char *title) {
  push(g, GW_ANNEX, title);
  memset(g->numbers, 0, sizeof g->numbers); /* a 附件 numbers its headings afresh */
}

void hui_gongwen_imprint(hui_gongwen *g, const char *cc, const char *printer, const char *date) {
  free(g->cc);
  free(g->printer);
  free(g->print_date);
  g->imprint = true;
  g->cc = NULL;
  if (cc && *cc) g->cc = ends_with(cc, "。") ? hui_xstrdup(cc) : hui_xasprintf("%s。", cc);
  g->printer = hui_xstrdup(printer ? printer : "");
  g->print_date = date && *date ? hui_xasprintf("%s印发", date) : hui_xstrdup("");
}

char *hui_gongwen_number(const char *prefix, int year, int seq) {
  return hui_xasprintf("%s〔%d〕%d号", prefix ? prefix : "", year, seq);
}

/* --- Composing ---------------------------------------------------------------- */

typedef struct gctx {
  hui_gongwen *g;
  const hui_template *t;
  hui_fonts *fonts;
  hui_master m;
  hui_pages s;
  hui_flow *f;
  size_t paras, para_base; /* paragraphs added to the flow, and before it */
  int last_used;           /* grid lines used on the last page set */
  hui_color red;
} gctx;

static double type_left(const hui_master *m, int number) {
  return hui_master_left(m, number) - (m->type_w - m->measure) / 2;
}

/* The 版头 (§7.2): drawn by the flow on the first page's first lines. */
typedef struct gw_head {
  const char *mark, *number;
  double mark_pt, mark_top; /* the mark's size, and its top below the type area's top */
  int number_line;          /* the 发文字号's grid line */
  double rule_y;            /* the separator below the number line's top */
  double rule_pt;
  hui_color red;
} gw_head;

static void draw_head(void *block, int part, const hui_master *m, hui_dpage *pg, int number,
                      int grid, bool top) {
  (void)part;
  (void)top;
  const gw_head *h = block;
  double centre = hui_master_left(m, number) + m->measure / 2;
  double top0 = hui_master_line_top(m, grid);
  /* the mark's em box, its baseline where the master puts a body's */
  hui_text_line(m->fonts, pg, h->mark, HUI_ROLE_TITLE, h->mark_pt, h->red, centre,
                top0 + h->mark_top + 0.88 * h->mark_pt, HUI_ALIGN_CENTER);
  if (h->number)
    hui_text_line(m->fonts, pg, h->number, HUI_ROLE_BODY, m->body, hui_gray(0), centre,
                  hui_master_baseline(m, grid + h->number_line, m->body), HUI_ALIGN_CENTER);
  double y = hui_master_line_top(m, grid + h->number_line) + h->rule_y;
  double x0 = type_left(m, number);
  hui_dpage_rule(pg, x0, y, x0 + m->type_w, y, h->rule_pt, h->red);
}

/* §7.2.1-7.2.4: the mark mark_drop under the type area's top, two blank
 * lines, the number, the separator rule_drop under the number's em box, and
 * the title on the third line below the separator (two blank lines). */
static void add_head(gctx *c) {
  const hui_gw_layout *gw = &c->t->gw;
  const hui_master *m = &c->m;
  gw_head *h = hui_xcalloc(1, sizeof *h);
  h->mark = c->g->mark;
  h->number = c->g->number;
  double w1 = hui_text_width(c->fonts, h->mark, HUI_ROLE_TITLE, 1.0);
  h->mark_pt = gw->mark_pt;
  if (w1 > 0 && w1 * h->mark_pt > m->type_w) h->mark_pt = floor(m->type_w / w1 * 2) / 2;
  h->mark_top = mm(gw->mark_drop);
  double mark_bottom = h->mark_top + h->mark_pt;
  int first_free = (int)ceil(mark_bottom / m->pitch - 1e-9);
  h->number_line = first_free + 2;
  h->rule_y = m->body + mm(gw->rule_drop);
  h->rule_pt = gw->rule_pt;
  h->red = c->red;
  double rule_abs = h->number_line * m->pitch + h->rule_y;
  int below = (int)ceil(rule_abs / m->pitch - 1e-9);
  int lines = below + 2;
  hui_flow_block(c->f, h, free);
  hui_flow_block_part(c->f, h, draw_head, 0, lines, 0, true);
}

/* Paragraphs of the text (justified, indented) are broken as a whole
 * (total fit); titles, list lines and names line by line. */
static hui_para_spec spec_of(const gctx *c, double indent_first, double indent_rest,
                             hui_align align) {
  bool text = align == HUI_ALIGN_JUSTIFY && indent_first > 0;
  return (hui_para_spec){c->m.measure, indent_first,        indent_rest, align,
                         false,        c->t->strict_breaks, text};
}

/* Adds a set paragraph to the flow (or frees it when it has no lines). */
static void add_para(gctx *c, hui_para *p, bool keep, hui_dline_kind kind) {
  if (hui_para_nlines(p)) {
    hui_flow_para_tag(c->f, p, 0, keep, kind);
    c->paras++;
  } else {
    hui_para_free(p);
  }
}

static void add_text(gctx *c, const char *text, hui_role role, double size,
                     const hui_para_spec *spec, bool keep, hui_dline_kind kind) {
  hui_para *p = hui_para_new(c->fonts);
  hui_para_add(p, text, role, size, 0);
  hui_para_set(p, spec);
  add_para(c, p, keep, kind);
}

/* §7.3.1: 2号 小标宋, centred, lines of about equal length. */
static void add_title(gctx *c, const char *title) {
  hui_para_spec sp = spec_of(c, 0, 0, HUI_ALIGN_CENTER);
  sp.balance = true;
  add_text(c, title, HUI_ROLE_TITLE, c->t->title_pt > 0 ? c->t->title_pt : 22, &sp, true,
           HUI_DL_TITLE);
}

static void add_block(gctx *c, gw_block *b) {
  double em = c->m.body;
  hui_para_spec sp;
  switch (b->kind) {
  case GW_PARA:
    sp = spec_of(c, 2 * em, 0, HUI_ALIGN_JUSTIFY);
    add_text(c, b->text, HUI_ROLE_BODY, em, &sp, false, HUI_DL_BODY);
    break;
  case GW_HEADING: {
    /* §7.3.3: 黑体, 楷体, then 仿宋 */
    hui_role role = b->level == 1 ? HUI_ROLE_HEADING : b->level == 2 ? HUI_ROLE_KAI : HUI_ROLE_BODY;
    sp = spec_of(c, 2 * em, 0, HUI_ALIGN_JUSTIFY);
    add_text(c, b->text, role, em, &sp, true, HUI_DL_HEADING);
    break;
  }
  case GW_LINE:
    sp = spec_of(c, b->indent * em, b->hang * em, HUI_ALIGN_LEFT);
    add_text(c, b->text, HUI_ROLE_BODY, em, &sp, false, HUI_DL_OTHER);
    break;
  case GW_CENTER:
    sp = spec_of(c, 0, 0, HUI_ALIGN_CENTER);
    add_text(c, b->text, (hui_role)b->level, em, &sp, true, HUI_DL_HEADING);
    break;
  case GW_SPACE: hui_flow_space(c->f, b->level, false); break;
  case GW_TABLE: {
    const hui_table_fault *faults;
    hui_table_layout(b->table, &c->m, c->t->strict_breaks, &faults);
    hui_table_flow(b->table, c->f, false);
    b->table = NULL;
    break;
  }
  case GW_ANNEX: break;
  }
}

/* §7.3.4: one blank line under the body, "附件：" two cells in, the names
 * numbered when there are several, a name's second line under its first
 * character. */
static void add_attachments(gctx *c) {
  const hui_gongwen *g = c->g;
  if (!g->nattach) return;
  double em = c->m.body;
  hui_flow_space(c->f, 1, true);
  double label = hui_text_width(c->fonts, "附件：", HUI_ROLE_BODY, em);
  for (size_t i = 0; i < g->nattach; i++) {
    char no[32] = "";
    if (g->nattach > 1) snprintf(no, sizeof no, "%zu．", i + 1);
    double nw = hui_text_width(c->fonts, no, HUI_ROLE_BODY, em);
    char *text = hui_xasprintf("%s%s%s", i == 0 ? "附件：" : "", no, g->attach[i]);
    double first = 2 * em + (i == 0 ? 0 : label);
    hui_para_spec sp = spec_of(c, first, 0, HUI_ALIGN_LEFT);
    sp.indent_first = 0;
    sp.indent_rest = 2 * em + label + nw;
    hui_para *p = hui_para_new(c->fonts);
    hui_para_add(p, text, HUI_ROLE_BODY, em, 0);
    sp.measure = c->m.measure - first;
    sp.indent_rest -= first;
    hui_para_set(p, &sp);
    if (hui_para_nlines(p)) {
      hui_flow_para_tag(c->f, p, first, true, HUI_DL_OTHER);
      c->paras++;
    } else {
      hui_para_free(p);
    }
    free(text);
  }
}

/* §7.3.5.1: the 成文日期 cells in from the right, the issuer centred over
 * it; the seal centred on the date, its centre at the top of the issuer's
 * line so that both sit below its middle, its top within a line of the text
 * above. Without a seal (§7.3.5.3): the issuer two cells in from the right,
 * the date centred under it, one blank line above. */
typedef struct gw_sign {
  const char *issuer, *date;
  const hui_image *seal;
  double seal_w, seal_h;
  int cells, gap;
} gw_sign;

static void draw_sign(void *block, int part, const hui_master *m, hui_dpage *pg, int number,
                      int grid, bool top) {
  (void)part;
  (void)top;
  const gw_sign *s = block;
  double em = m->body;
  double right = hui_master_left(m, number) + m->measure - s->cells * em;
  double wi = s->issuer ? hui_text_width(m->fonts, s->issuer, HUI_ROLE_BODY, em) : 0;
  double wd = s->date ? hui_text_width(m->fonts, s->date, HUI_ROLE_BODY, em) : 0;
  double centre = s->seal || !s->issuer ? right - wd / 2 : right - wi / 2;
  double grid_right = hui_master_left(m, number) + m->measure;
  if (centre + wi / 2 > grid_right) centre = grid_right - wi / 2;
  int li = grid + s->gap;
  if (s->seal) {
    uint32_t sw, sh;
    hui_image_upright_size(s->seal, &sw, &sh);
    double w = mm(s->seal_w), h = mm(s->seal_h);
    if (sw && sh) {
      double ar = (double)sw / sh;
      if (w / h > ar) w = h * ar;
      else h = w / ar;
    }
    double cy = hui_master_line_top(m, li);
    hui_dpage_image(pg, s->seal, centre - w / 2, cy - h / 2, w, h);
  }
  if (s->issuer)
    hui_text_line(m->fonts, pg, s->issuer, HUI_ROLE_BODY, em, hui_gray(0), centre,
                  hui_master_baseline(m, li, em), HUI_ALIGN_CENTER);
  if (s->date)
    hui_text_line(m->fonts, pg, s->date, HUI_ROLE_BODY, em, hui_gray(0), centre,
                  hui_master_baseline(m, li + 1, em), HUI_ALIGN_CENTER);
}

static void add_sign(gctx *c) {
  const hui_gongwen *g = c->g;
  if (!g->issuer && !g->date) return;
  const hui_gw_layout *gw = &c->t->gw;
  gw_sign *s = hui_xcalloc(1, sizeof *s);
  *s = (gw_sign){g->issuer, g->date, g->seal, gw->seal_w, gw->seal_h, gw->sign_cells, 1};
  if (g->seal) {
    /* blank lines enough for the seal's upper half above the issuer's line */
    s->gap = (int)ceil(mm(gw->seal_h) / 2 / c->m.pitch - 1e-9);
    if (s->gap < 1) s->gap = 1;
  } else {
    s->cells = 2;
  }
  /* the signature never stands alone on a page: it keeps with the text */
  size_t n = hui_flow_len(c->f);
  if (n) hui_flow_at(c->f, n - 1)->keep = true;
  hui_flow_block(c->f, s, free);
  hui_flow_block_part(c->f, s, draw_sign, 0, s->gap + (g->issuer && g->date ? 2 : 1), 0, false);
}

/* Sets the flow on new pages, noting how many grid lines its last page
 * uses. */
static void flush(gctx *c) {
  size_t *starts = NULL;
  size_t np = hui_flow_paginate(c->f, c->m.lines, &starts);
  int used = 0;
  if (np) {
    size_t i = starts[np - 1];
    if (i < hui_flow_len(c->f) && hui_flow_at(c->f, i)->kind == HUI_V_BLOCK)
      used = hui_flow_at(c->f, i)->repeat;
    for (; i < hui_flow_len(c->f); i++) used += hui_flow_at(c->f, i)->lines;
    c->last_used = used;
  }
  free(starts);
  hui_master_flow(&c->m, &c->s, c->f, NULL, c->para_base, NULL, NULL);
  c->para_base += c->paras;
  c->paras = 0;
}

/* §7.4: "附件N" (3号 黑体) flush left on the first line, the title centred
 * on the third, the body after a blank line. */
static void start_annex(gctx *c, size_t k, const char *title) {
  flush(c);
  char *label = c->g->nattach > 1 ? hui_xasprintf("附件%zu", k + 1) : hui_xstrdup("附件");
  hui_para_spec sp = spec_of(c, 0, 0, HUI_ALIGN_LEFT);
  add_text(c, label, HUI_ROLE_HEADING, c->m.body, &sp, true, HUI_DL_HEADING);
  free(label);
  hui_flow_space(c->f, 1, true);
  if (title && *title) {
    add_title(c, title);
    hui_flow_space(c->f, 1, true);
  }
}

/* §7.5.1-7.5.3: the 版记 at the foot of pg: rows a line pitch tall upward
 * from the type area's bottom edge — 印发机关 (one 4号 cell in) and 印发日期
 * (one cell in from the right), above them 抄送 (one cell in on both sides,
 * a second line under the first name) — a thick rule on the bottom edge and
 * above the first row, a thin one between them. Returns the rows. */
static int imprint_rows(const gctx *c, hui_para **cc) {
  const hui_gongwen *g = c->g;
  double size = c->t->meta_pt > 0 ? c->t->meta_pt : 14;
  *cc = NULL;
  if (!g->cc) return 1;
  hui_para *p = hui_para_new(c->fonts);
  hui_para_add(p, "抄送：", HUI_ROLE_BODY, size, 0);
  hui_para_add(p, g->cc, HUI_ROLE_BODY, size, 0);
  double label = hui_text_width(c->fonts, "抄送：", HUI_ROLE_BODY, size);
  hui_para_spec sp = spec_of(c, 0, label, HUI_ALIGN_JUSTIFY);
  sp.measure = c->m.type_w - 2 * size;
  hui_para_set(p, &sp);
  *cc = p;
  return 1 + (int)hui_para_nlines(p);
}

static void draw_imprint(const gctx *c, hui_dpage *pg, int number) {
  const hui_gongwen *g = c->g;
  const hui_master *m = &c->m;
  double size = c->t->meta_pt > 0 ? c->t->meta_pt : 14;
  hui_para *cc;
  int rows = imprint_rows(c, &cc);
  double x0 = type_left(m, number), x1 = x0 + m->type_w;
  double bottom = m->top + m->type_h, band = m->pitch;
  double thick = c->t->gw.thick_pt, thin = c->t->gw.thin_pt;
  /* a row's text centred in its band: the em box's middle on the band's */
  double shift = (0.88 - 0.5) * size;
  double y = bottom - band / 2 + shift;
  hui_text_line(c->fonts, pg, g->printer, HUI_ROLE_BODY, size, hui_gray(0), x0 + size, y,
                HUI_ALIGN_LEFT);
  hui_text_line(c->fonts, pg, g->print_date, HUI_ROLE_BODY, size, hui_gray(0), x1 - size, y,
                HUI_ALIGN_RIGHT);
  hui_dpage_rule(pg, x0, bottom - thick / 2, x1, bottom - thick / 2, thick, hui_gray(0));
  double top = bottom - rows * band;
  if (cc) {
    double sep = bottom - band;
    hui_dpage_rule(pg, x0, sep, x1, sep, thin, hui_gray(0));
    size_t n = hui_para_nlines(cc);
    for (size_t i = 0; i < n; i++)
      hui_para_draw_line(cc, i, pg, x0 + size, top + (double)i * band + band / 2 + shift);
    hui_para_free(cc);
  }
  hui_dpage_rule(pg, x0, top + thick / 2, x1, top + thick / 2, thick, hui_gray(0));
}

/* §7.5: the 版记 on the last page, an even one; §7.5.1 and §7.5 of the page
 * numbers: no number on a blank page nor on the 版记's page after it. */
static void add_imprint(gctx *c) {
  if (!c->g->imprint) return;
  hui_para *cc;
  int rows = imprint_rows(c, &cc);
  hui_para_free(cc);
  size_t count = c->s.count;
  bool fits = count > 0 && c->last_used + 1 + rows <= c->m.lines;
  hui_dpage *pg;
  if (count > 0 && count % 2 == 0 && fits) {
    pg = c->s.pages[c->s.n - 1];
  } else if (count % 2 == 1) {
    pg = hui_master_page(&c->m, &c->s, NULL, true);
  } else {
    hui_master_page(&c->m, &c->s, NULL, false);
    pg = hui_master_page(&c->m, &c->s, NULL, false);
  }
  draw_imprint(c, pg, (int)c->s.count);
}

hui_book *hui_gongwen_compose(hui_gongwen *g, const hui_template *t, hui_fonts *fonts) {
  assert(!g->composed);
  g->composed = true;
  gctx c = {.g = g, .t = t, .fonts = fonts, .f = hui_flow_new()};
  hui_page_spec spec = hui_book_page_spec(t);
  spec.running_heads = false;
  hui_master_init(&c.m, &spec, fonts);
  c.red = hui_rgb(t->gw.red[0], t->gw.red[1], t->gw.red[2]);
  if (g->mark) add_head(&c);
  if (g->title) add_title(&c, g->title);
  if (g->title) hui_flow_space(c.f, 1, true); /* §7.3.2: a blank line under the title */
  if (g->to) {
    hui_para_spec sp = spec_of(&c, 0, 0, HUI_ALIGN_JUSTIFY);
    add_text(&c, g->to, HUI_ROLE_BODY, c.m.body, &sp, true, HUI_DL_BODY);
  }
  size_t i = 0;
  for (; i < g->n && g->blocks[i].kind != GW_ANNEX; i++) add_block(&c, &g->blocks[i]);
  add_attachments(&c);
  add_sign(&c);
  for (size_t k = 0; i < g->n; i++) {
    if (g->blocks[i].kind == GW_ANNEX) start_annex(&c, k++, g->blocks[i].text);
    else add_block(&c, &g->blocks[i]);
  }
  flush(&c);
  add_imprint(&c);
  hui_flow_free(c.f);
  hui_book *b = hui_xcalloc(1, sizeof *b);
  b->pages = c.s.pages;
  b->npages = b->cap = c.s.n;
  b->cap = c.s.cap;
  b->total = c.s.n;
  c.s.pages = NULL;
  c.s.n = c.s.cap = 0;
  hui_pages_free(&c.s);
  return b;
}
