/* flow: vertical lists and their pagination.
 *
 * Pagination is first-fit on the grid: fill a page line by line; when the next
 * item does not fit, back up over items marked keep-with-next so that the page
 * ends at a place where breaking is allowed. If backing up would empty the page
 * (a keep chain longer than a page), break where the page is full instead. */
#include "flow.h"

#include <math.h>
#include <stdlib.h>

#include "../base/base.h"

/* A block the flow frees when it is cleared (a table). */
typedef struct owned_block {
  void *block;
  void (*free_fn)(void *);
} owned_block;

struct hui_flow {
  hui_vitem *items;
  size_t n, cap;
  hui_para **paras;
  size_t nparas, capparas;
  owned_block *blocks;
  size_t nblocks, capblocks;
  int pending_level;
  char *pending_title;
  size_t last_para; /* the first item of the paragraph added last */
  hui_fnote *notes;
  size_t nnotes, capnotes;
  double grid_pitch, sep; /* the footnote area (hui_flow_foot) */
};

hui_flow *hui_flow_new(void) {
  hui_flow *f = hui_xcalloc(1, sizeof *f);
  f->pending_level = -1;
  return f;
}

void hui_flow_clear(hui_flow *f) {
  for (size_t i = 0; i < f->n; i++) {
    free(f->items[i].tail);
    free(f->items[i].mark_title);
  }
  for (size_t i = 0; i < f->nparas; i++) hui_para_free(f->paras[i]);
  for (size_t i = 0; i < f->nblocks; i++) f->blocks[i].free_fn(f->blocks[i].block);
  for (size_t i = 0; i < f->nnotes; i++) hui_para_free(f->notes[i].para);
  f->n = f->nparas = f->nblocks = f->nnotes = 0;
  free(f->pending_title);
  f->pending_title = NULL;
  f->pending_level = -1;
}

void hui_flow_free(hui_flow *f) {
  if (!f) return;
  hui_flow_clear(f);
  free(f->items);
  free(f->paras);
  free(f->blocks);
  free(f->notes);
  free(f);
}

static hui_vitem *push(hui_flow *f, hui_vkind kind, int lines, bool keep) {
  hui_vitem *v = HUI_PUSH(f->items, f->n, f->cap);
  v->kind = kind;
  v->lines = lines;
  v->keep = keep;
  v->mark_level = f->pending_level;
  v->mark_title = f->pending_title;
  f->pending_level = -1;
  f->pending_title = NULL;
  return v;
}

void hui_flow_para(hui_flow *f, hui_para *para, double x, bool keep_all) {
  hui_flow_para_tag(f, para, x, keep_all, 0);
}

void hui_flow_para_tag(hui_flow *f, hui_para *para, double x, bool keep_all, int tag) {
  *HUI_PUSH(f->paras, f->nparas, f->capparas) = para;
  f->last_para = f->n;
  size_t n = hui_para_nlines(para);
  for (size_t i = 0; i < n; i++) {
    /* B4: the first line never alone at a page bottom, the last never alone
     * at a page top. */
    bool keep = keep_all || (n >= 2 && (i == 0 || i + 2 == n));
    hui_vitem *v = push(f, HUI_V_LINE, 1, keep);
    v->para = para;
    v->line = i;
    v->x = x;
    v->tag = tag;
    v->para_no = f->nparas;
  }
}

void hui_flow_keep_last(hui_flow *f) {
  for (size_t i = f->n; i-- > 0;) {
    if (!f->items[i].keep) f->items[i].keep = f->items[i].soft = true;
    if (f->items[i].kind == HUI_V_LINE) break;
  }
}

void hui_flow_space(hui_flow *f, int lines, bool keep) {
  if (lines > 0) push(f, HUI_V_SPACE, lines, keep);
}

void hui_flow_image(hui_flow *f, const hui_image *img, double x, double w, double h, int lines,
                    bool keep) {
  hui_vitem *v = push(f, HUI_V_IMAGE, lines, keep);
  v->img = img;
  v->x = x;
  v->w = w;
  v->h = h;
}

void hui_flow_block(hui_flow *f, void *block, void (*free_fn)(void *)) {
  *HUI_PUSH(f->blocks, f->nblocks, f->capblocks) = (owned_block){block, free_fn};
}

void hui_flow_block_part(hui_flow *f, void *block, hui_vblock_draw draw, int part, int lines,
                         int repeat, bool keep) {
  hui_vitem *v = push(f, HUI_V_BLOCK, lines, keep);
  v->block = block;
  v->draw = draw;
  v->part = part;
  v->repeat = repeat;
}

void hui_flow_foot(hui_flow *f, double grid_pitch, double sep) {
  f->grid_pitch = grid_pitch;
  f->sep = sep;
}

void hui_flow_note(hui_flow *f, size_t line, hui_para *note, double pitch) {
  size_t item = f->last_para + line;
  if (item >= f->n || f->items[item].kind != HUI_V_LINE) item = f->n ? f->n - 1 : 0;
  *HUI_PUSH(f->notes, f->nnotes, f->capnotes) = (hui_fnote){item, note, pitch};
}

size_t hui_flow_nnotes(const hui_flow *f) { return f->nnotes; }
const hui_fnote *hui_flow_note_at(const hui_flow *f, size_t i) { return &f->notes[i]; }
double hui_flow_foot_sep(const hui_flow *f) { return f->sep; }

int hui_flow_foot_lines(const hui_flow *f, double h) {
  if (h <= 0 || f->grid_pitch <= 0) return 0;
  return (int)ceil((h + f->sep) / f->grid_pitch - 1e-6);
}

void hui_flow_mark(hui_flow *f, int level, const char *title) {
  free(f->pending_title);
  f->pending_level = level;
  f->pending_title = hui_xstrdup(title);
}

void hui_flow_tail(hui_flow *f, const char *tail) {
  if (!f->n) return;
  free(f->items[f->n - 1].tail);
  f->items[f->n - 1].tail = hui_xstrdup(tail);
}

size_t hui_flow_len(const hui_flow *f) { return f->n; }
hui_vitem *hui_flow_at(hui_flow *f, size_t i) { return &f->items[i]; }

/* The footnote lines of f in order (the notes are added in item order), as
 * prefix sums of their heights, and for each item the number of note lines
 * referenced up to and including it. */
typedef struct note_lines {
  double *h;    /* h[k]: the height of the first k note lines */
  size_t total; /* note lines */
  size_t *upto; /* upto[i]: note lines referenced by items 0..i */
} note_lines;

static note_lines count_note_lines(const hui_flow *f) {
  note_lines nl = {0};
  for (size_t k = 0; k < f->nnotes; k++) nl.total += hui_para_nlines(f->notes[k].para);
  nl.h = hui_xmalloc((nl.total + 1) * sizeof *nl.h);
  nl.upto = hui_xmalloc((f->n + 1) * sizeof *nl.upto);
  nl.h[0] = 0;
  size_t line = 0, k = 0;
  for (size_t i = 0; i < f->n; i++) {
    for (; k < f->nnotes && f->notes[k].item <= i; k++)
      for (size_t l = 0; l < hui_para_nlines(f->notes[k].para); l++, line++)
        nl.h[line + 1] = nl.h[line] + f->notes[k].pitch;
    nl.upto[i] = line;
  }
  for (; k < f->nnotes; k++) /* notes hung past the last item: never, but kept */
    for (size_t l = 0; l < hui_para_nlines(f->notes[k].para); l++, line++)
      nl.h[line + 1] = nl.h[line] + f->notes[k].pitch;
  return nl;
}

size_t hui_flow_paginate(const hui_flow *f, int lines_per_page, size_t **starts) {
  return hui_flow_paginate_notes(f, lines_per_page, starts, NULL);
}

size_t hui_flow_paginate_notes(const hui_flow *f, int lines_per_page, size_t **starts,
                               size_t **note_ends) {
  size_t npages = 0, cap = 0, ncap = 0, nends = 0;
  *starts = NULL;
  if (note_ends) *note_ends = NULL;
  note_lines nl = count_note_lines(f);
  size_t i = 0, placed = 0; /* items paginated, note lines placed */
  while (i < f->n || placed < nl.total) {
    /* Blank lines do not start a page. */
    while (i < f->n && f->items[i].kind == HUI_V_SPACE && f->items[i].mark_level < 0) i++;
    if (i >= f->n && placed >= nl.total) break;
    *HUI_PUSH(*starts, npages, cap) = i;
    size_t start = i;
    int used = i < f->n && f->items[i].kind == HUI_V_BLOCK ? f->items[i].repeat : 0;
    /* The page's lines so far and the notes due: those of its lines and
     * those a page before could not hold. */
    while (i < f->n) {
      double with = nl.h[nl.upto[i]] - nl.h[placed];
      if (used + f->items[i].lines + hui_flow_foot_lines(f, with) > lines_per_page && i != start)
        break;
      used += f->items[i].lines;
      i++;
    }
    if (i < f->n) {
      size_t b = i;
      while (b > start + 1 && f->items[b - 1].keep) b--;
      if (b <= start + 1) { /* a chain longer than the page: soft keeps give way first */
        b = i;
        while (b > start + 1 && f->items[b - 1].keep && !f->items[b - 1].soft) b--;
      }
      if (b > start + 1) {
        for (size_t k = b; k < i; k++) used -= f->items[k].lines;
        i = b;
      }
    }
    /* The notes due, as many as fit under the page's lines: all of them
     * unless the page's first line came with more than a page holds; the
     * rest go to the foot of the next page. A page of notes alone (after the
     * last line) takes at least one, so the notes come to an end. */
    size_t due = i > 0 ? nl.upto[i - 1] : 0, take = placed;
    while (take < due &&
           hui_flow_foot_lines(f, nl.h[take + 1] - nl.h[placed]) <= lines_per_page - used)
      take++;
    if (take == placed && take < due && used == 0) take++;
    placed = take;
    if (note_ends) *HUI_PUSH(*note_ends, nends, ncap) = placed;
  }
  free(nl.h);
  free(nl.upto);
  return npages;
}
