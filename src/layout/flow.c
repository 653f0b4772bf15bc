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

struct hui_flow {
  hui_vitem *items;
  size_t n, cap;
  hui_para **paras;
  size_t nparas, capparas;
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
  for (size_t i = 0; i < f->nnotes; i++) hui_para_free(f->notes[i].para);
  f->n = f->nparas = f->nnotes = 0;
  free(f->pending_title);
  f->pending_title = NULL;
  f->pending_level = -1;
}

void hui_flow_free(hui_flow *f) {
  if (!f) return;
  hui_flow_clear(f);
  free(f->items);
  free(f->paras);
  free(f->notes);
  free(f);
}

static hui_vitem *push(hui_flow *f, hui_vkind kind, int lines, bool keep) {
  hui_vitem *v = HUI_PUSH(f->items, f->n, f->cap);
  v->kind = kind;
  v->lines = lines;
  v->keep = keep;
  v->foot = 0;
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

void hui_flow_foot(hui_flow *f, double grid_pitch, double sep) {
  f->grid_pitch = grid_pitch;
  f->sep = sep;
}

void hui_flow_note(hui_flow *f, size_t line, hui_para *note, double pitch) {
  size_t item = f->last_para + line;
  if (item >= f->n || f->items[item].kind != HUI_V_LINE) item = f->n ? f->n - 1 : 0;
  *HUI_PUSH(f->notes, f->nnotes, f->capnotes) = (hui_fnote){item, note, pitch};
  if (item < f->n) f->items[item].foot += (double)hui_para_nlines(note) * pitch;
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

size_t hui_flow_paginate(const hui_flow *f, int lines_per_page, size_t **starts) {
  size_t npages = 0, cap = 0;
  *starts = NULL;
  size_t i = 0;
  while (i < f->n) {
    /* Blank lines do not start a page. */
    while (i < f->n && f->items[i].kind == HUI_V_SPACE && f->items[i].mark_level < 0) i++;
    if (i >= f->n) break;
    *HUI_PUSH(*starts, npages, cap) = i;
    size_t start = i;
    int used = 0;
    double foot = 0; /* the notes of the page's lines so far */
    while (i < f->n) {
      double with = foot + f->items[i].foot;
      if (used + f->items[i].lines + hui_flow_foot_lines(f, with) > lines_per_page && i != start)
        break;
      used += f->items[i].lines;
      foot = with;
      i++;
    }
    if (i < f->n) {
      size_t b = i;
      while (b > start + 1 && f->items[b - 1].keep) b--;
      if (b > start + 1) i = b;
    }
  }
  return npages;
}
