/* poster: 光荣榜 sheets, their tiles, and 展板 panels (poster.h).
 *
 * The sheet: a ground, a red banner with the campaign title in gold, then
 * the tiers as bands in campaign order, each a red strip with the tier's
 * name and a grid of cells under it, and a foot with the organizer.
 * A cell holds the awardee's photo (the portrait when the submission gives
 * one), name, unit and honour; a first-tier cell spans several columns and
 * adds the short version (the abstract) beside the photo.
 *
 * Choosing the grid: every size in a cell follows its width w — the photo
 * fills it (less a margin) at the template's photo proportions, the name is
 * a fifth of w up to the template's size. For each column count C the cell is as
 * wide as C cells fit (up to the template's cell-max); the rows are then
 * paginated over sheets, a band header never alone at a sheet's foot. The
 * grid chosen is the one with the fewest sheets and, among those, the
 * widest cells; a band's rows are balanced (23 in 11 columns as 8, 8 and
 * 7). The narrowest cell allowed sets the names at the template's
 * minimum, and at least wide enough for a five-character name at that
 * size: when even that grid needs a second sheet, the poster runs onto it
 * and a note says so. Left-over height is spread between the rows and
 * bands (up to a third of a row each) and the rest split above and below,
 * so a sheet of five awardees is as full as one of 150.
 *
 * Photos keep their aspect: cropped to their frame (the face, at the
 * template's focus height, kept in view) or letterboxed. */
#include "poster.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../image.h"
#include "../layout/box.h"

#define NAME_K 0.2 /* the name's size as a share of the cell's width */
#define PAD_K 0.05 /* the cell's inner margin */
#define MAX_COLUMNS 60

static double mm(double v) { return v * 72.0 / 25.4; }

static hui_color cmyk(const float c[4]) { return hui_cmyk(c[0], c[1], c[2], c[3]); }

static const char *or_empty(const char *s) { return s ? s : ""; }

/* --- notes and photos ----------------------------------------------------- */

static void note(hui_poster *p, char *msg) { *HUI_PUSH(p->notes, p->nnotes, p->capnotes) = msg; }

/* The photo for an awardee: the portrait when given, else the photo; NULL
 * when there is none or it cannot be used (the check reported it). */
static const hui_image *photo_of(const hui_edition *e, const hui_submission *s, hui_book *b) {
  const char *rel = s->portrait.text && *s->portrait.text ? s->portrait.text : s->photo.text;
  if (!rel || !*rel) return NULL;
  char *path = hui_path_inside(e->dir, rel);
  char *why = NULL;
  hui_image *img = path ? hui_image_load_for_embedding(path, &why) : NULL;
  free(path);
  free(why);
  if (img) *HUI_PUSH(b->images, b->nimages, b->capimages) = img;
  return img;
}

/* Draws img into the frame (x, y, w, h) keeping its aspect: cropped (the
 * point at height focus of the photo held at the frame's middle as far as
 * the frame stays covered) or letterboxed on a light ground. Without a
 * photo, an empty frame. */
static void draw_photo(hui_dpage *pg, const hui_image *img, const hui_poster_layout *L, double x,
                       double y, double w, double h) {
  hui_dpage_fill(pg, x, y, w, h, cmyk(L->ground));
  if (img) {
    uint32_t iw, ih;
    hui_image_upright_size(img, &iw, &ih);
    if (iw && ih) {
      double sx = w / iw, sy = h / ih;
      double s = L->letterbox ? fmin(sx, sy) : fmax(sx, sy);
      double dw = iw * s, dh = ih * s;
      double dx = x + (w - dw) / 2, dy = y + (h - dh) / 2;
      if (L->letterbox) {
        hui_dpage_image(pg, img, dx, dy, dw, dh);
      } else {
        dy = y + h / 2 - L->focus * dh;
        if (dy > y) dy = y;
        if (dy + dh < y + h) dy = y + h - dh;
        hui_dpage_image_clipped(pg, img, dx, dy, dw, dh, x, y, w, h);
      }
    }
  }
  hui_box_frame(pg, x, y, w, h, 0.6, cmyk(L->gold));
}

/* --- text in boxes ---------------------------------------------------------- */

enum { BARE_NAMED = 5 }; /* names listed in the note on boards without a short version */

typedef struct pctx {
  const hui_edition *e;
  const hui_template *t;
  const hui_poster_layout *L;
  hui_fonts *fonts;
  hui_para *para;
  hui_poster *out;
  double ratio;   /* photo width / height */
  double longest; /* the longest name's width at the template's minimum, pt */
  size_t nbare;   /* boards without a short version, */
  hui_buf bare;   /* the first few of their names */
} pctx;

/* Fits text into the box and draws it; returns the fit. */
static hui_fit put(pctx *c, hui_dpage *pg, const char *text, hui_role role, double x, double y,
                   double w, double h, double size, double min, hui_align align, hui_valign valign,
                   hui_color color, bool multiline) {
  hui_box b = {.x = x,
               .y = y,
               .w = w,
               .h = h,
               .role = role,
               .size = size,
               .min = min,
               .leading = 1.35,
               .align = align,
               .valign = valign,
               .color = color};
  hui_fit f = hui_box_fit(c->para, &b, text, multiline);
  hui_box_draw(c->para, &b, &f, pg);
  return f;
}

/* --- the grid --------------------------------------------------------------- */

/* A cell's parts at width w. */
typedef struct cellgeo {
  double w, pad, pw, ph; /* width, inner margin, photo frame */
  double ns, name_h, us, unit_h, hs, honour_h;
  double h; /* the whole cell */
} cellgeo;

static cellgeo geometry(const pctx *c, double w) {
  const hui_poster_layout *L = c->L;
  cellgeo g = {.w = w, .pad = w * PAD_K};
  g.pw = w - 2 * g.pad;
  g.ph = g.pw / c->ratio;
  g.ns = fmin(L->name_pt, w * NAME_K);
  /* room for a second line when the longest name does not fit one at the minimum */
  g.name_h = c->longest > g.pw ? fmax(1.35 * g.ns, 2.5 * L->name_min) : 1.35 * g.ns;
  g.us = fmax(0.55 * g.ns, 6);
  g.unit_h = 2 * 1.35 * g.us;
  g.hs = fmax(0.5 * g.ns, 6);
  g.honour_h = 1.5 * g.hs;
  g.h = g.pad + g.ph + 0.6 * g.pad + g.name_h + g.unit_h + g.honour_h + g.pad;
  return g;
}

/* The frame of the sheet: where the grid may go. */
typedef struct sheet {
  double w, h;        /* the sheet */
  double x, width;    /* the grid's area across */
  double top, bottom; /* and down */
  double head_h, band_h, gap;
} sheet;

static sheet sheet_of(const pctx *c) {
  const hui_poster_layout *L = c->L;
  sheet s = {.w = mm(c->t->page_w), .h = mm(c->t->page_h)};
  double m = mm(L->margin);
  s.gap = mm(L->gap);
  s.head_h = m + 1.9 * L->title_pt;
  s.band_h = 1.45 * L->band_pt;
  s.x = m;
  s.width = s.w - 2 * m;
  s.top = s.head_h + s.gap * 2;
  s.bottom = s.h - m - 1.8 * 0.45 * L->band_pt;
  return s;
}

/* A tier's awardees and how its rows are cut. */
typedef struct band {
  size_t tier, first, n; /* order[first .. first + n) */
  bool wide;             /* first-tier cells: photo and short version side by side */
  int per_row;
  double cell_w;
} band;

/* A block a sheet is filled with: a band's header, or one row of cells. */
typedef struct block {
  size_t band;
  bool header;
  size_t first, n; /* the row's cells: order positions */
  size_t sheet;
  double y;
} block;

typedef struct plan {
  int columns;
  cellgeo g;
  band *bands;
  size_t nbands;
  block *blocks;
  size_t nblocks, capblocks;
  size_t sheets;
} plan;

static void plan_free(plan *p) {
  free(p->bands);
  free(p->blocks);
}

/* The bands of the awardees in order (one per tier that has awardees). */
static band *bands_of(const hui_edition *e, const size_t *order, size_t norder, size_t *n) {
  band *b = hui_xcalloc(norder + 1, sizeof *b);
  *n = 0;
  for (size_t i = 0; i < norder; i++) {
    size_t tier = (size_t)e->subs[order[i]].tier;
    if (!*n || b[*n - 1].tier != tier) b[(*n)++] = (band){.tier = tier, .first = i};
    b[*n - 1].n++;
  }
  return b;
}

/* The blocks of plan p at C columns paginated onto sheets; returns the
 * number of sheets (SIZE_MAX when a row is taller than a sheet). */
static size_t paginate(const pctx *c, const sheet *s, plan *p, int C, double w) {
  p->columns = C;
  p->g = geometry(c, w);
  p->nblocks = 0;
  double room = s->bottom - s->top, used = 0;
  if (p->g.h > room - s->band_h - s->gap) return SIZE_MAX;
  size_t sheets = 1;
  int span = c->L->first_span < C ? c->L->first_span : C;
  for (size_t k = 0; k < p->nbands; k++) {
    band *b = &p->bands[k];
    b->wide = b->tier == 0 && span >= 2;
    b->per_row = b->wide ? C / span : C;
    b->cell_w = b->wide ? span * w + (span - 1) * s->gap : w;
    /* the rows balanced: 23 in 11 columns as 8, 8 and 7, not 11, 11 and 1 */
    size_t rows = (b->n + (size_t)b->per_row - 1) / (size_t)b->per_row;
    b->per_row = (int)((b->n + rows - 1) / rows);
    for (size_t i = 0; i < b->n; i += (size_t)b->per_row) {
      bool head = i == 0;
      double need = (head ? s->band_h + s->gap : 0) + p->g.h + (used > 0 ? 2 * s->gap : 0);
      if (used > 0 && used + need > room) {
        sheets++;
        used = 0;
        head = true; /* a band continued on a new sheet gets its header again */
      }
      if (head) {
        *HUI_PUSH(p->blocks, p->nblocks, p->capblocks) =
            (block){k, true, b->first + i, 0, sheets - 1, 0};
        used += (used > 0 ? 2 * s->gap : 0) + s->band_h;
      }
      size_t n = b->n - i < (size_t)b->per_row ? b->n - i : (size_t)b->per_row;
      *HUI_PUSH(p->blocks, p->nblocks, p->capblocks) =
          (block){k, false, b->first + i, n, sheets - 1, 0};
      used += s->gap + p->g.h;
    }
  }
  p->sheets = sheets;
  return sheets;
}

/* The narrowest cell allowed: names at the template's minimum size, and a
 * five-character name at that size on one line. */
static double narrowest(const pctx *c, const size_t *order, size_t norder) {
  double w = c->L->name_min / NAME_K;
  for (size_t i = 0; i < norder; i++) {
    const char *name = hui_submission_name(&c->e->subs[order[i]]);
    size_t len = strlen(name), k = 0, chars = 0;
    uint32_t cp;
    for (size_t step; k < len && chars < 5 && (step = hui_utf8_decode(name + k, len - k, &cp));
         k += step)
      chars++;
    char *head = hui_xstrndup(name, k < len ? k : len);
    double nw = hui_text_width(c->fonts, head, HUI_ROLE_HEADING, c->L->name_min);
    free(head);
    w = fmax(w, nw / (1 - 2 * PAD_K) + 1);
  }
  return w;
}

/* Chooses the grid (see the outline) and leaves it paginated in p. */
static void choose(const pctx *c, const sheet *s, plan *p, const size_t *order, size_t norder) {
  double wmin = narrowest(c, order, norder), wmax = mm(c->L->cell_max);
  int best = 0;
  size_t best_sheets = SIZE_MAX;
  for (int C = 1; C <= MAX_COLUMNS; C++) {
    double w = fmin(wmax, (s->width - (C - 1) * s->gap) / C);
    if (w < wmin - 1e-9) break;
    size_t n = paginate(c, s, p, C, w);
    if (n < best_sheets) {
      best_sheets = n;
      best = C;
    }
    if (n == 1) break; /* the widest cells that fit one sheet */
  }
  if (!best) best = 1; /* a sheet narrower than one legible cell: one column anyway */
  double w = fmin(wmax, (s->width - (best - 1) * s->gap) / best);
  /* a sheet lower than one legible row: rows made lower until one fits */
  while (paginate(c, s, p, best, w) == SIZE_MAX && w > 10) w *= 0.9;
}

/* Spreads each sheet's left-over height between its blocks (up to a third
 * of a row each) and centres the rest; sets every block's y. */
static void spread(const sheet *s, plan *p) {
  for (size_t sh = 0; sh < p->sheets; sh++) {
    double used = 0;
    size_t gaps = 0, first = SIZE_MAX;
    for (size_t i = 0; i < p->nblocks; i++) {
      const block *b = &p->blocks[i];
      if (b->sheet != sh) continue;
      if (first == SIZE_MAX) first = i;
      else used += b->header ? 2 * s->gap : s->gap, gaps++;
      used += b->header ? s->band_h : p->g.h;
    }
    if (first == SIZE_MAX) continue;
    double left = s->bottom - s->top - used;
    double extra = gaps ? fmin(left / (gaps + 2), p->g.h / 3) : 0;
    double y = s->top + (left - extra * gaps) / 2;
    bool started = false;
    for (size_t i = first; i < p->nblocks && p->blocks[i].sheet == sh; i++) {
      block *b = &p->blocks[i];
      if (started) y += (b->header ? 2 * s->gap : s->gap) + extra;
      started = true;
      b->y = y;
      y += b->header ? s->band_h : p->g.h;
    }
  }
}

/* --- drawing a sheet -------------------------------------------------------- */

static char *poster_title(const hui_campaign *cp) {
  if (cp->poster.title.text && *cp->poster.title.text) return hui_xstrdup(cp->poster.title.text);
  return hui_xasprintf("%s%s%s%s光荣榜", or_empty(cp->year.text), cp->year.text ? "年度" : "",
                       or_empty(cp->area.text), or_empty(cp->name.text));
}

static void draw_sheet_frame(pctx *c, const sheet *s, hui_dpage *pg, size_t sheet_no,
                             size_t sheets) {
  const hui_poster_layout *L = c->L;
  const hui_campaign *cp = &c->e->campaign;
  double m = mm(L->margin);
  hui_dpage_fill(pg, 0, 0, s->w, s->h, cmyk(L->ground));
  hui_dpage_fill(pg, 0, 0, s->w, s->head_h, cmyk(L->red));
  hui_dpage_rule(pg, 0, s->head_h + 0.4 * s->gap, s->w, s->head_h + 0.4 * s->gap, 2, cmyk(L->gold));
  char *title = poster_title(cp);
  put(c, pg, title, HUI_ROLE_TITLE, m, m * 0.6, s->w - 2 * m, s->head_h - m * 0.8, L->title_pt,
      L->title_pt / 2, HUI_ALIGN_CENTER, HUI_VALIGN_MIDDLE, cmyk(L->gold), false);
  free(title);
  double fs = 0.45 * L->band_pt, fy = s->bottom + 0.3 * fs;
  char *foot = sheets > 1 ? hui_xasprintf("%s　（第%zu张，共%zu张）", or_empty(cp->organizer.text),
                                          sheet_no + 1, sheets)
                          : hui_xstrdup(or_empty(cp->organizer.text));
  if (*foot)
    put(c, pg, foot, HUI_ROLE_KAI, m, fy, s->w - 2 * m, 1.3 * fs, fs, fs / 2, HUI_ALIGN_RIGHT,
        HUI_VALIGN_MIDDLE, cmyk(L->ink), false);
  free(foot);
  hui_dpage_rule(pg, m, s->h - m * 0.5, s->w - m, s->h - m * 0.5, 1.2, cmyk(L->gold));
}

static void draw_cell(pctx *c, hui_dpage *pg, size_t page, const cellgeo *g, const band *b,
                      size_t sub, double x, double y) {
  const hui_poster_layout *L = c->L;
  const hui_submission *s = &c->e->subs[sub];
  const hui_campaign *cp = &c->e->campaign;
  double w = b->cell_w, h = g->h, pad = g->pad;
  hui_box_panel(pg, x, y, w, h, cmyk(L->cell), 0.8, cmyk(L->gold));
  const hui_image *img = photo_of(c->e, s, c->out->book);
  draw_photo(pg, img, L, x + pad, y + pad, g->pw, g->ph);
  /* the text: under the photo, or beside it in a wide cell */
  double tx = x + pad, tw = g->pw, ty = y + pad + g->ph + 0.6 * pad;
  hui_align al = HUI_ALIGN_CENTER;
  if (b->wide) {
    tx = x + 2 * pad + g->pw;
    tw = w - g->pw - 3 * pad;
    ty = y + pad;
    al = HUI_ALIGN_LEFT;
  }
  const char *name = hui_submission_name(s);
  hui_fit f = put(c, pg, name, HUI_ROLE_HEADING, tx, ty, tw, g->name_h, g->ns, L->name_min, al,
                  HUI_VALIGN_MIDDLE, cmyk(L->ink), false);
  if (f.below_min || f.overflow)
    note(c->out, hui_xasprintf(_("the name of %s is set at %g pt on the poster, below the "
                                 "template's minimum of %g pt: it is too long for its cell"),
                               name, f.size, L->name_min));
  *HUI_PUSH(c->out->cells, c->out->ncells, c->out->capcells) =
      (hui_poster_cell){sub, page, x, y, w, h, f.size};
  ty += g->name_h;
  if (s->unit.text && *s->unit.text)
    put(c, pg, s->unit.text, HUI_ROLE_BODY, tx, ty, tw, g->unit_h, g->us, g->us * 0.7, al,
        HUI_VALIGN_TOP, cmyk(L->ink), false);
  ty += g->unit_h;
  const char *honour = s->tier >= 0 && (size_t)s->tier < cp->ntiers ? cp->tiers[s->tier].name : "";
  put(c, pg, honour, HUI_ROLE_KAI, tx, ty, tw, g->honour_h, g->hs, g->hs * 0.7, al,
      HUI_VALIGN_MIDDLE, cmyk(L->red), false);
  ty += g->honour_h;
  if (b->wide && s->abstract.text && *s->abstract.text) {
    double sh = y + h - pad - ty;
    if (sh > g->us) {
      hui_fit sf =
          put(c, pg, s->abstract.text, HUI_ROLE_KAI, tx, ty + 0.3 * pad, tw, sh - 0.3 * pad, g->us,
              HUI_BOX_FLOOR_PT, HUI_ALIGN_JUSTIFY, HUI_VALIGN_TOP, cmyk(L->ink), true);
      if (sf.overflow)
        note(c->out, hui_xasprintf(_("the short version of %s is cut on the poster: %zu of its %zu "
                                     "lines fit its cell; shorten the abstract"),
                                   name, sf.lines, sf.all_lines));
    }
  }
}

/* One band header: a red strip across the grid with the tier's name. */
static void band_header(pctx *c, const sheet *s, hui_dpage *pg, const band *b, bool cont,
                        double y) {
  const hui_poster_layout *L = c->L;
  const hui_campaign *cp = &c->e->campaign;
  const char *tier = b->tier < cp->ntiers ? cp->tiers[b->tier].name : "";
  char *text = cont ? hui_xasprintf("%s（续）", tier) : hui_xstrdup(tier);
  hui_dpage_fill(pg, s->x, y, s->width, s->band_h, cmyk(L->red));
  hui_dpage_rule(pg, s->x, y + s->band_h - 1, s->x + s->width, y + s->band_h - 1, 2, cmyk(L->gold));
  put(c, pg, text, HUI_ROLE_HEADING, s->x, y, s->width, s->band_h, L->band_pt, L->band_pt / 2,
      HUI_ALIGN_CENTER, HUI_VALIGN_MIDDLE, cmyk(L->gold), false);
  free(text);
}

static pctx context(const hui_edition *e, const hui_template *t, hui_fonts *fonts,
                    hui_poster *out) {
  double r = t->photo_w > 0 && t->photo_h > 0 ? t->photo_w / t->photo_h : 0.75;
  return (pctx){e, t, &t->poster, fonts, hui_para_new(fonts), out, r, 0, 0, {0}};
}

static hui_poster *new_poster(void) {
  hui_poster *p = hui_xcalloc(1, sizeof *p);
  p->book = hui_xcalloc(1, sizeof *p->book);
  return p;
}

static bool poster_template(const hui_template *t, char **why) {
  if (t->kind == HUI_TEMPLATE_POSTER) return true;
  *why = hui_xasprintf(_("template '%s' is not a poster template (kind=\"poster\")"), t->name);
  return false;
}

hui_poster *hui_poster_compose(const hui_edition *e, const size_t *order, size_t norder,
                               const hui_template *t, hui_fonts *fonts, char **why) {
  *why = NULL;
  if (!poster_template(t, why)) return NULL;
  hui_poster *out = new_poster();
  pctx c = context(e, t, fonts, out);
  sheet s = sheet_of(&c);
  for (size_t i = 0; i < norder; i++)
    c.longest = fmax(c.longest, hui_text_width(fonts, hui_submission_name(&e->subs[order[i]]),
                                               HUI_ROLE_HEADING, t->poster.name_min));
  plan p = {0};
  p.bands = bands_of(e, order, norder, &p.nbands);
  choose(&c, &s, &p, order, norder);
  spread(&s, &p);
  out->columns = p.columns;
  out->cell_w = p.g.w;
  hui_book *book = out->book;
  for (size_t sh = 0; sh < p.sheets; sh++) {
    hui_dpage *pg = hui_dpage_new(s.w, s.h);
    *HUI_PUSH(book->pages, book->npages, book->cap) = pg;
    draw_sheet_frame(&c, &s, pg, sh, p.sheets);
  }
  if (p.sheets > 1)
    note(out, hui_xasprintf(_("the %zu awardees do not fit on one %g × %g mm sheet with their "
                              "names at %g pt or larger: the poster runs onto %zu sheets (use a "
                              "larger sheet in the poster template to have one)"),
                            norder, t->page_w, t->page_h, t->poster.name_min, p.sheets));
  for (size_t i = 0; i < p.nblocks; i++) {
    const block *bl = &p.blocks[i];
    const band *b = &p.bands[bl->band];
    hui_dpage *pg = book->pages[bl->sheet];
    if (bl->header) {
      band_header(&c, &s, pg, b, bl->first != b->first, bl->y);
      continue;
    }
    double row_w = (double)bl->n * b->cell_w + (double)(bl->n - 1) * s.gap;
    double x = s.x + (s.width - row_w) / 2;
    for (size_t k = 0; k < bl->n; k++)
      draw_cell(&c, pg, bl->sheet, &p.g, b, order[bl->first + k],
                x + (double)k * (b->cell_w + s.gap), bl->y);
  }
  for (size_t sh = 0; sh < p.sheets; sh++) {
    hui_outline *o = HUI_PUSH(book->outlines, book->noutlines, book->capoutlines);
    o->title = p.sheets > 1 ? hui_xasprintf("光荣榜（第%zu张）", sh + 1) : hui_xstrdup("光荣榜");
    o->page = sh;
  }
  plan_free(&p);
  hui_para_free(c.para);
  return out;
}

/* --- 展板: one panel per awardee --------------------------------------------- */

static void board(pctx *c, size_t sub) {
  const hui_poster_layout *L = c->L;
  const hui_submission *s = &c->e->subs[sub];
  const hui_campaign *cp = &c->e->campaign;
  double W = mm(L->board_w), H = mm(L->board_h), m = fmin(W, H) * 0.06;
  hui_book *book = c->out->book;
  hui_dpage *pg = hui_dpage_new(W, H);
  size_t page = book->npages;
  *HUI_PUSH(book->pages, book->npages, book->cap) = pg;
  hui_dpage_fill(pg, 0, 0, W, H, cmyk(L->ground));
  /* the banner: the campaign, and the honour large */
  double bh = H * 0.16;
  hui_dpage_fill(pg, 0, 0, W, bh, cmyk(L->red));
  hui_dpage_rule(pg, 0, bh + 3, W, bh + 3, 3, cmyk(L->gold));
  char *title = poster_title(cp);
  put(c, pg, title, HUI_ROLE_TITLE, m, m * 0.5, W - 2 * m, bh * 0.42, W / 22, W / 60,
      HUI_ALIGN_CENTER, HUI_VALIGN_MIDDLE, cmyk(L->gold), false);
  free(title);
  const char *honour = s->tier >= 0 && (size_t)s->tier < cp->ntiers ? cp->tiers[s->tier].name : "";
  put(c, pg, honour, HUI_ROLE_HEADING, m, bh * 0.5, W - 2 * m, bh * 0.45, W / 14, W / 40,
      HUI_ALIGN_CENTER, HUI_VALIGN_MIDDLE, cmyk(L->gold), false);
  /* the photo, then the name and unit */
  double pw = W * 0.5, ph = pw / c->ratio, py = bh + 2 * m;
  if (py + ph > H * 0.6) {
    ph = H * 0.6 - py;
    pw = ph * c->ratio;
  }
  draw_photo(pg, photo_of(c->e, s, book), L, (W - pw) / 2, py, pw, ph);
  double y = py + ph + m * 0.6, ns = W / 16;
  const char *name = hui_submission_name(s);
  hui_fit f = put(c, pg, name, HUI_ROLE_HEADING, m, y, W - 2 * m, ns * 1.4, ns, L->name_min,
                  HUI_ALIGN_CENTER, HUI_VALIGN_MIDDLE, cmyk(L->red), false);
  *HUI_PUSH(c->out->cells, c->out->ncells, c->out->capcells) =
      (hui_poster_cell){sub, page, 0, 0, W, H, f.size};
  y += ns * 1.4;
  double us = ns * 0.5;
  if (s->unit.text && *s->unit.text)
    put(c, pg, s->unit.text, HUI_ROLE_BODY, m, y, W - 2 * m, us * 1.5, us, us / 2, HUI_ALIGN_CENTER,
        HUI_VALIGN_MIDDLE, cmyk(L->ink), false);
  y += us * 1.5 + m * 0.5;
  hui_dpage_rule(pg, W * 0.3, y, W * 0.7, y, 1.5, cmyk(L->gold));
  y += m * 0.5;
  /* the short version fills the rest, shrinking to fit */
  double foot = H - m * 1.2;
  if (s->abstract.text && *s->abstract.text) {
    hui_fit sf =
        put(c, pg, s->abstract.text, HUI_ROLE_KAI, m * 1.5, y, W - 3 * m, foot - y - m * 0.5,
            ns * 0.7, HUI_BOX_FLOOR_PT, HUI_ALIGN_JUSTIFY, HUI_VALIGN_TOP, cmyk(L->ink), true);
    if (sf.overflow)
      note(c->out, hui_xasprintf(_("the short version of %s is cut on its board: %zu of its %zu "
                                   "lines fit; shorten the abstract"),
                                 name, sf.lines, sf.all_lines));
  } else if (c->nbare++ < BARE_NAMED) {
    if (c->bare.len) hui_buf_puts(&c->bare, "\xE3\x80\x81"); /* 、 */
    hui_buf_puts(&c->bare, name);
  }
  if (cp->organizer.text && *cp->organizer.text)
    put(c, pg, cp->organizer.text, HUI_ROLE_KAI, m, foot, W - 2 * m, m * 0.8, us * 0.7, us * 0.4,
        HUI_ALIGN_RIGHT, HUI_VALIGN_MIDDLE, cmyk(L->ink), false);
  hui_outline *o = HUI_PUSH(book->outlines, book->noutlines, book->capoutlines);
  o->title = hui_xasprintf("%s　%s", honour, name);
  o->page = page;
}

hui_poster *hui_boards_compose(const hui_edition *e, const size_t *order, size_t norder,
                               const hui_template *t, hui_fonts *fonts, char **why) {
  *why = NULL;
  if (!poster_template(t, why)) return NULL;
  hui_poster *out = new_poster();
  pctx c = context(e, t, fonts, out);
  for (size_t i = 0; i < norder; i++) board(&c, order[i]);
  /* one note for all boards without a short version, not one per board */
  if (c.nbare)
    note(out, hui_xasprintf(P_("%zu board shows no short version, as its submission has no "
                               "abstract: %s%s (give each such submission an <abstract>)",
                               "%zu boards show no short version, as their submissions have no "
                               "abstract: %s%s (give each such submission an <abstract>)",
                               c.nbare),
                            c.nbare, c.bare.data ? c.bare.data : "",
                            c.nbare > BARE_NAMED ? "\xE2\x80\xA6" : ""));
  hui_buf_free(&c.bare);
  hui_para_free(c.para);
  return out;
}

/* --- tiles ------------------------------------------------------------------ */

/* How many sheets of window `win` with overlap ov cover length len. */
static int tiles_along(double len, double win, double ov) {
  if (win >= len) return 1;
  return (int)ceil((len - ov) / (win - ov) - 1e-9);
}

/* Crop marks at the corners of the window (x, y, w, h), in the margin m
 * around it, and ticks where the next sheet's part starts (the glue line). */
static void crop_marks(hui_dpage *pg, double x, double y, double w, double h, double m) {
  hui_color k = hui_cmyk(0, 0, 0, 1);
  double off = 2, len = m * 0.7;
  double xs[2] = {x, x + w}, ys[2] = {y, y + h};
  for (int i = 0; i < 2; i++)
    for (int j = 0; j < 2; j++) {
      double sx = i ? 1 : -1, sy = j ? 1 : -1;
      hui_dpage_rule(pg, xs[i] + sx * off, ys[j], xs[i] + sx * (off + len), ys[j], 0.3, k);
      hui_dpage_rule(pg, xs[i], ys[j] + sy * off, xs[i], ys[j] + sy * (off + len), 0.3, k);
    }
}

/* The assembly map: the sheet outlined small, its tiles numbered. */
static void assembly_map(pctx *c, hui_book *book, double PW, double PH, double SW, double SH,
                         const double *xs, int nx, const double *ys, int ny, double ww, double wh,
                         size_t sheet_no) {
  hui_dpage *pg = hui_dpage_new(PW, PH);
  *HUI_PUSH(book->pages, book->npages, book->cap) = pg;
  double m = mm(15);
  char *head = hui_xasprintf("光荣榜拼贴示意图（第%zu张）：共%d行%d列，按编号由左上起拼贴，"
                             "沿裁切线裁去白边，重叠处对齐粘贴",
                             sheet_no + 1, ny, nx);
  put(c, pg, head, HUI_ROLE_BODY, m, m, PW - 2 * m, 40, 11, 7, HUI_ALIGN_LEFT, HUI_VALIGN_TOP,
      hui_gray(0), true);
  free(head);
  double k = fmin((PW - 2 * m) / SW, (PH - 3 * m - 40) / SH);
  double ox = (PW - SW * k) / 2, oy = m + 50;
  hui_box_panel(pg, ox, oy, SW * k, SH * k, cmyk(c->L->ground), 1, hui_gray(0));
  for (int r = 0; r < ny; r++)
    for (int q = 0; q < nx; q++) {
      double x = ox + xs[q] * k, y = oy + ys[r] * k;
      double w = fmin(ww, SW - xs[q]) * k, h = fmin(wh, SH - ys[r]) * k;
      hui_box_frame(pg, x, y, w, h, 0.5, hui_cmyk(0, 1, 1, 0.1));
      char label[32];
      snprintf(label, sizeof label, "%d-%d", r + 1, q + 1);
      put(c, pg, label, HUI_ROLE_LATIN, x + 2, y + 2, w - 4, fmin(h - 4, 14), 10, 5, HUI_ALIGN_LEFT,
          HUI_VALIGN_TOP, hui_gray(0), false);
    }
}

hui_book *hui_poster_tiles(const hui_poster *p, const hui_template *t, hui_fonts *fonts, double w,
                           double h) {
  const hui_poster_layout *L = &t->poster;
  hui_book *book = hui_xcalloc(1, sizeof *book);
  pctx c = {.t = t, .L = L, .fonts = fonts, .para = hui_para_new(fonts)};
  double m = mm(L->tile_margin), ov = mm(L->tile_overlap);
  for (size_t sh = 0; sh < p->book->npages; sh++) {
    const hui_dpage *poster = p->book->pages[sh];
    double SW = poster->width, SH = poster->height;
    /* the paper turned whichever way needs fewer sheets (upright on a tie) */
    double PW = mm(w), PH = mm(h);
    int n1 = tiles_along(SW, PW - 2 * m, ov) * tiles_along(SH, PH - 2 * m, ov);
    int n2 = tiles_along(SW, PH - 2 * m, ov) * tiles_along(SH, PW - 2 * m, ov);
    if (n2 < n1) {
      double x = PW;
      PW = PH;
      PH = x;
    }
    double ww = PW - 2 * m, wh = PH - 2 * m;
    int nx = tiles_along(SW, ww, ov), ny = tiles_along(SH, wh, ov);
    double *xs = hui_xmalloc((size_t)nx * sizeof *xs), *ys = hui_xmalloc((size_t)ny * sizeof *ys);
    for (int q = 0; q < nx; q++) xs[q] = q * (ww - ov);
    for (int r = 0; r < ny; r++) ys[r] = r * (wh - ov);
    size_t map = book->npages;
    assembly_map(&c, book, PW, PH, SW, SH, xs, nx, ys, ny, ww, wh, sh);
    hui_outline *o = HUI_PUSH(book->outlines, book->noutlines, book->capoutlines);
    o->title = hui_xasprintf("拼贴示意图（第%zu张）", sh + 1);
    o->page = map;
    for (int r = 0; r < ny; r++)
      for (int q = 0; q < nx; q++) {
        hui_dpage *pg = hui_dpage_new(PW, PH);
        *HUI_PUSH(book->pages, book->npages, book->cap) = pg;
        double vw = fmin(ww, SW - xs[q]), vh = fmin(wh, SH - ys[r]);
        hui_dpage_place(pg, poster, m - xs[q], m - ys[r], m, m, vw, vh);
        crop_marks(pg, m, m, vw, vh, m);
        /* the glue lines: where the next sheets' parts begin */
        hui_color k = hui_cmyk(0, 0, 0, 1);
        if (q + 1 < nx) hui_dpage_rule(pg, m + vw - ov, m - m * 0.6, m + vw - ov, m - 2, 0.3, k);
        if (r + 1 < ny) hui_dpage_rule(pg, m - m * 0.6, m + vh - ov, m - 2, m + vh - ov, 0.3, k);
        char *label = hui_xasprintf("光荣榜 第%zu张 %d-%d（第%d行第%d列，共%d行%d列） 重叠%g毫米",
                                    sh + 1, r + 1, q + 1, r + 1, q + 1, ny, nx, L->tile_overlap);
        put(&c, pg, label, HUI_ROLE_BODY, m, PH - m + 3, PW - 2 * m, m - 5, 7, 5, HUI_ALIGN_LEFT,
            HUI_VALIGN_TOP, hui_gray(0), false);
        free(label);
      }
    free(xs);
    free(ys);
  }
  hui_para_free(c.para);
  return book;
}

void hui_poster_free(hui_poster *p) {
  if (!p) return;
  hui_book_free(p->book);
  for (size_t i = 0; i < p->nnotes; i++) free(p->notes[i]);
  free(p->notes);
  free(p->cells);
  free(p);
}
