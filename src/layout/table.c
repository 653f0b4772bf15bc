/* table: a grid of cells in a flow (table.h).
 *
 * Outline:
 *   1. Grid positions no cell takes become empty cells.
 *   2. Column widths in whole cells of the grid: from the colspecs (fixed
 *      widths first, the rest shared out by their stars), or from the
 *      content (each column its widest text, narrowed evenly from the widest
 *      when they do not all fit, widened in proportion when they leave room).
 *   3. Every paragraph set at its cell's width less half a cell each side;
 *      a body cell's one-line paragraph is centred, a longer one justified
 *      (flush left in a column of fewer than six characters).
 *   4. Rows in whole grid lines: the tallest cell of the row, and a cell
 *      that spans rows makes the last of them taller when it needs to.
 *   5. Parts: the header rows, then each run of rows tied by merged cells. */
#include "table.h"

#include <math.h>
#include <stdlib.h>

#include "../base/base.h"

typedef struct tcell {
  int row, col, rows, cols;
  hui_para **paras;
  size_t n, cap;
  int lines;      /* grid lines its text takes */
  double natural; /* the width of its widest paragraph on one line, pt */
} tcell;

typedef struct tpart {
  int first, count; /* rows */
  int lines;
} tpart;

struct hui_table {
  hui_fonts *fonts;
  int cols, rows, head;
  double *fixed, *star;
  tcell *cells;
  size_t ncells, capcells;
  int *owner;    /* rows x cols: the index + 1 of the cell there, 0 = none */
  int *width;    /* per column, in cells */
  double *col_x; /* cols + 1 edges from the measure's left edge, pt */
  double em;
  int *row_lines; /* per row */
  int *row_at;    /* per row: its first grid line within its part */
  tpart *parts;
  size_t nparts, capparts;
  hui_table_fault *faults;
  size_t nfaults, capfaults;
};

hui_table *hui_table_new(hui_fonts *fonts, int cols, int rows) {
  hui_table *t = hui_xcalloc(1, sizeof *t);
  t->fonts = fonts;
  t->cols = cols < 1 ? 1 : cols;
  t->rows = rows < 1 ? 1 : rows;
  t->fixed = hui_xcalloc((size_t)t->cols, sizeof *t->fixed);
  t->star = hui_xcalloc((size_t)t->cols, sizeof *t->star);
  t->owner = hui_xcalloc((size_t)t->cols * (size_t)t->rows, sizeof *t->owner);
  t->width = hui_xcalloc((size_t)t->cols, sizeof *t->width);
  t->col_x = hui_xcalloc((size_t)t->cols + 1, sizeof *t->col_x);
  t->row_lines = hui_xcalloc((size_t)t->rows, sizeof *t->row_lines);
  t->row_at = hui_xcalloc((size_t)t->rows, sizeof *t->row_at);
  return t;
}

void hui_table_free(hui_table *t) {
  if (!t) return;
  for (size_t i = 0; i < t->ncells; i++) {
    for (size_t k = 0; k < t->cells[i].n; k++) hui_para_free(t->cells[i].paras[k]);
    free(t->cells[i].paras);
  }
  free(t->cells);
  free(t->fixed);
  free(t->star);
  free(t->owner);
  free(t->width);
  free(t->col_x);
  free(t->row_lines);
  free(t->row_at);
  free(t->parts);
  free(t->faults);
  free(t);
}

void hui_table_col(hui_table *t, int col, double fixed, double star) {
  if (col < 0 || col >= t->cols) return;
  t->fixed[col] = fixed > 0 ? fixed : 0;
  t->star[col] = fixed > 0 ? 0 : star > 0 ? star : 0;
}

void hui_table_head(hui_table *t, int n) { t->head = n < 0 ? 0 : n > t->rows ? t->rows : n; }

bool hui_table_cell(hui_table *t, int row, int col, int rows, int cols) {
  if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > t->rows || col + cols > t->cols)
    return false;
  for (int r = row; r < row + rows; r++)
    for (int c = col; c < col + cols; c++)
      if (t->owner[r * t->cols + c]) return false;
  tcell *cell = HUI_PUSH(t->cells, t->ncells, t->capcells);
  *cell = (tcell){.row = row, .col = col, .rows = rows, .cols = cols};
  for (int r = row; r < row + rows; r++)
    for (int c = col; c < col + cols; c++) t->owner[r * t->cols + c] = (int)t->ncells;
  return true;
}

hui_para *hui_table_para(hui_table *t) {
  if (!t->ncells) return NULL;
  tcell *cell = &t->cells[t->ncells - 1];
  hui_para *p = hui_para_new(t->fonts);
  *HUI_PUSH(cell->paras, cell->n, cell->cap) = p;
  return p;
}

static void fault(hui_table *t, hui_table_fault_kind kind, int row, int col, double have,
                  double need) {
  *HUI_PUSH(t->faults, t->nfaults, t->capfaults) = (hui_table_fault){kind, row, col, have, need};
}

/* Shares out total cells over n columns in proportion to weight[], whole
 * cells each, the remainders to the largest fractions (the leftmost first
 * on a tie); adds them to out[]. */
static void share(int total, const double *weight, int n, int *out) {
  double sum = 0;
  for (int c = 0; c < n; c++) sum += weight[c];
  if (total <= 0 || sum <= 0) return;
  int given = 0;
  double *frac = hui_xmalloc((size_t)n * sizeof *frac);
  for (int c = 0; c < n; c++) {
    double exact = total * weight[c] / sum;
    int whole = (int)floor(exact + 1e-9);
    out[c] += whole;
    given += whole;
    frac[c] = weight[c] > 0 ? exact - whole : -1;
  }
  for (; given < total; given++) {
    int best = -1;
    for (int c = 0; c < n; c++)
      if (frac[c] >= 0 && (best < 0 || frac[c] > frac[best] + 1e-9)) best = c;
    if (best < 0) break;
    out[best]++;
    frac[best] = -1;
  }
  free(frac);
}

/* Widths from the colspecs: fixed ones rounded to whole cells, the cells
 * left shared by the stars (a column without a width has a star of 1). */
static void widths_from_specs(hui_table *t, int measure) {
  int fixed = 0;
  double *star = hui_xcalloc((size_t)t->cols, sizeof *star);
  for (int c = 0; c < t->cols; c++) {
    if (t->fixed[c] > 0) {
      t->width[c] = (int)fmax(1, round(t->fixed[c] / t->em));
      fixed += t->width[c];
    } else {
      star[c] = t->star[c] > 0 ? t->star[c] : 1;
    }
  }
  if (fixed > measure) fault(t, HUI_TABLE_OVERFULL, -1, -1, measure * t->em, fixed * t->em);
  share(measure - fixed, star, t->cols, t->width);
  free(star);
}

/* Widths from the content: each column as wide as its widest one-column
 * cell's text (plus its padding, at least three cells); when they do not
 * fit, the widest are cut to one level; when they leave room, every column
 * is widened in proportion. */
static void widths_from_content(hui_table *t, int measure) {
  int *nat = hui_xcalloc((size_t)t->cols, sizeof *nat);
  for (int c = 0; c < t->cols; c++) nat[c] = 3;
  for (size_t i = 0; i < t->ncells; i++) {
    const tcell *cell = &t->cells[i];
    int need = (int)ceil(cell->natural / t->em - 0.01) + 1;
    if (cell->cols == 1 && need > nat[cell->col]) nat[cell->col] = need;
  }
  int sum = 0;
  for (int c = 0; c < t->cols; c++) sum += nat[c];
  if (sum <= measure) {
    double *w = hui_xmalloc((size_t)t->cols * sizeof *w);
    for (int c = 0; c < t->cols; c++) {
      t->width[c] = nat[c];
      w[c] = nat[c];
    }
    share(measure - sum, w, t->cols, t->width);
    free(w);
  } else if (3 * t->cols > measure) {
    /* too many columns for the measure: one fault for the table */
    fault(t, HUI_TABLE_CROWDED, -1, -1, floor(measure / 3.0), t->cols);
    for (int c = 0; c < t->cols; c++) t->width[c] = measure / t->cols + (c < measure % t->cols);
  } else {
    int level = 3;
    for (;;) {
      int used = 0;
      for (int c = 0; c < t->cols; c++) used += nat[c] < level + 1 ? nat[c] : level + 1;
      if (used > measure) break;
      level++;
    }
    int used = 0;
    for (int c = 0; c < t->cols; c++) used += t->width[c] = nat[c] < level ? nat[c] : level;
    /* the cells left go to the columns that were cut, the widest first */
    while (used < measure) {
      int best = -1;
      for (int c = 0; c < t->cols; c++)
        if (nat[c] > t->width[c] && t->width[c] == level && (best < 0 || nat[c] > nat[best]))
          best = c;
      if (best < 0) break;
      t->width[best]++;
      used++;
    }
  }
  free(nat);
}

/* Sets cell's paragraphs at its width (pt, inside its padding). */
static void set_cell(hui_table *t, tcell *cell, double measure, bool head, bool strict) {
  cell->lines = 0;
  bool wide = false;
  for (size_t k = 0; k < cell->n; k++) {
    hui_para *p = cell->paras[k];
    /* a column of fewer than six characters is not justified: two or three
     * characters spread over its width read as separate words */
    hui_align wrapped = measure >= 6 * t->em - 0.01 ? HUI_ALIGN_JUSTIFY : HUI_ALIGN_LEFT;
    hui_para_spec spec = {measure, 0, 0, head ? HUI_ALIGN_CENTER : wrapped, false, strict, false};
    size_t n = hui_para_set(p, &spec);
    if (n == 1 && !head) {
      spec.align = HUI_ALIGN_CENTER;
      n = hui_para_set(p, &spec);
    }
    /* a run that may not break (a number, a word) wider than the column */
    if (!wide &&
        (hui_para_forced(p) > 0 || (n == 1 && hui_para_line(p, 0)->width > measure + 0.05))) {
      fault(t, HUI_TABLE_CELL_WIDE, cell->row, cell->col, measure, hui_para_natural_width(p));
      wide = true;
    }
    cell->lines += (int)n;
    hui_para_keep_drawing(p); /* every cell is set before the first is drawn */
  }
  if (!cell->lines) cell->lines = 1;
}

/* Cells spanning more rows after those spanning fewer (then in order). */
static int cmp_span(const void *a, const void *b) {
  const tcell *const *x = a, *const *y = b;
  if ((*x)->rows != (*y)->rows) return (*x)->rows < (*y)->rows ? -1 : 1;
  return (*x < *y) ? -1 : (*x > *y);
}

/* Row heights: the tallest one-row cell; a cell spanning rows adds what it
 * lacks to the last of them (the shorter spans first). */
static void row_heights(hui_table *t) {
  for (int r = 0; r < t->rows; r++) t->row_lines[r] = 1;
  tcell **spans = hui_xmalloc((t->ncells + 1) * sizeof *spans);
  size_t nspans = 0;
  for (size_t i = 0; i < t->ncells; i++) {
    tcell *cell = &t->cells[i];
    if (cell->rows > 1) spans[nspans++] = cell;
    else if (cell->lines > t->row_lines[cell->row]) t->row_lines[cell->row] = cell->lines;
  }
  qsort(spans, nspans, sizeof *spans, cmp_span);
  for (size_t i = 0; i < nspans; i++) {
    const tcell *cell = spans[i];
    int have = 0;
    for (int r = cell->row; r < cell->row + cell->rows; r++) have += t->row_lines[r];
    if (have < cell->lines) t->row_lines[cell->row + cell->rows - 1] += cell->lines - have;
  }
  free(spans);
}

/* The header as one part, then each run of rows that merged cells tie. */
static void make_parts(hui_table *t) {
  /* reach[r]: the last row a cell starting in row r covers */
  int *reach = hui_xmalloc((size_t)t->rows * sizeof *reach);
  for (int r = 0; r < t->rows; r++) reach[r] = r;
  for (size_t i = 0; i < t->ncells; i++) {
    const tcell *cell = &t->cells[i];
    int last = cell->row + cell->rows - 1;
    if (last > reach[cell->row]) reach[cell->row] = last;
  }
  int r = 0;
  while (r < t->rows) {
    int end = r < t->head ? t->head - 1 : r; /* the part's last row */
    for (int k = r; k <= end; k++)
      if (reach[k] > end) end = reach[k];
    tpart *p = HUI_PUSH(t->parts, t->nparts, t->capparts);
    *p = (tpart){r, end - r + 1, 0};
    for (int k = r; k <= end; k++) {
      t->row_at[k] = p->lines;
      p->lines += t->row_lines[k];
    }
    r = end + 1;
  }
  free(reach);
}

size_t hui_table_layout(hui_table *t, const hui_master *m, bool strict,
                        const hui_table_fault **faults) {
  t->em = m->body;
  for (int r = 0; r < t->rows; r++)
    for (int c = 0; c < t->cols; c++)
      if (!t->owner[r * t->cols + c]) hui_table_cell(t, r, c, 1, 1);
  for (size_t i = 0; i < t->ncells; i++) {
    tcell *cell = &t->cells[i];
    for (size_t k = 0; k < cell->n; k++) {
      double w = hui_para_natural_width(cell->paras[k]);
      if (w > cell->natural) cell->natural = w;
    }
  }
  bool specs = false;
  for (int c = 0; c < t->cols; c++) specs = specs || t->fixed[c] > 0 || t->star[c] > 0;
  if (specs) widths_from_specs(t, m->chars);
  else widths_from_content(t, m->chars);
  bool crowded = t->nfaults > 0;
  for (int c = 0; c < t->cols; c++) {
    t->col_x[c + 1] = t->col_x[c] + t->width[c] * t->em;
    if (t->width[c] < 3 && !crowded)
      fault(t, HUI_TABLE_NARROW, -1, c, (t->width[c] - 1) * t->em, 2 * t->em);
  }
  for (size_t i = 0; i < t->ncells; i++) {
    tcell *cell = &t->cells[i];
    double w = t->col_x[cell->col + cell->cols] - t->col_x[cell->col] - t->em;
    set_cell(t, cell, w > t->em ? w : t->em, cell->row < t->head, strict);
  }
  row_heights(t);
  make_parts(t);
  int head = t->head > 0 ? t->parts[0].lines : 0;
  for (size_t p = t->head > 0 ? 1 : 0; p < t->nparts; p++)
    if (head + t->parts[p].lines > m->lines)
      fault(t, HUI_TABLE_TALL, t->parts[p].first, -1, m->lines, head + t->parts[p].lines);
  if (t->head > 0 && t->nparts == 1 && head > m->lines)
    fault(t, HUI_TABLE_TALL, 0, -1, m->lines, head);
  *faults = t->faults;
  return t->nfaults;
}

int hui_table_lines(const hui_table *t) {
  int n = 0;
  for (size_t p = 0; p < t->nparts; p++) n += t->parts[p].lines;
  return n;
}

double hui_table_col_x(const hui_table *t, int col, double *width) {
  if (col < 0 || col >= t->cols) return 0;
  if (width) *width = t->col_x[col + 1] - t->col_x[col];
  return t->col_x[col];
}

/* Draws part (an index into t->parts, or the header for HUI_VBLOCK_REPEAT)
 * with its first row on grid line grid: each cell's left rule and bottom
 * rule, the right rule of the last column, the top rule when nothing of the
 * table is above it on the page; its text on the grid lines, centred down
 * the cell by whole lines. */
static void draw_part(void *block, int part, const hui_master *m, hui_dpage *pg, int number,
                      int grid, bool top) {
  hui_table *t = block;
  if (part == HUI_VBLOCK_REPEAT) {
    part = 0;
    top = true;
  }
  if (part < 0 || (size_t)part >= t->nparts) return;
  const tpart *p = &t->parts[part];
  double left = hui_master_left(m, number), gap = m->pitch - m->body, lw = HUI_TABLE_RULE_PT;
  hui_color ink = hui_gray(0);
  for (size_t i = 0; i < t->ncells; i++) {
    const tcell *cell = &t->cells[i];
    if (cell->row < p->first || cell->row >= p->first + p->count) continue;
    int last = cell->row + cell->rows - 1, at = t->row_at[cell->row];
    int lines = t->row_at[last] + t->row_lines[last] - at;
    double y0 = hui_master_line_top(m, grid + at) - gap / 2;
    double y1 = hui_master_line_top(m, grid + at + lines) - gap / 2;
    double x0 = left + t->col_x[cell->col], x1 = left + t->col_x[cell->col + cell->cols];
    if (cell->row == p->first && (top || part == 0))
      hui_dpage_rule(pg, x0 - lw / 2, y0, x1 + lw / 2, y0, lw, ink);
    hui_dpage_rule(pg, x0 - lw / 2, y1, x1 + lw / 2, y1, lw, ink);
    hui_dpage_rule(pg, x0, y0, x0, y1, lw, ink);
    if (cell->col + cell->cols == t->cols) hui_dpage_rule(pg, x1, y0, x1, y1, lw, ink);
    int k = grid + at + (lines - cell->lines) / 2;
    for (size_t n = 0; n < cell->n; n++) {
      const hui_para *para = cell->paras[n];
      for (size_t l = 0; l < hui_para_nlines(para); l++, k++) {
        const hui_pline *ln = hui_para_line(para, l);
        double size = ln->count ? hui_para_glyphs(para)[ln->first].size : m->body;
        hui_para_draw_line(para, l, pg, x0 + t->em / 2, hui_master_baseline(m, k, size));
      }
    }
  }
}

static void free_table(void *t) { hui_table_free(t); }

void hui_table_flow(hui_table *t, hui_flow *f, bool keep_last) {
  hui_flow_block(f, t, free_table);
  int repeat = t->head > 0 ? t->parts[0].lines : 0;
  for (size_t p = 0; p < t->nparts; p++) {
    bool head = t->head > 0 && p == 0;
    bool keep = head || (keep_last && p + 1 == t->nparts);
    hui_flow_block_part(f, t, draw_part, (int)p, t->parts[p].lines, head ? 0 : repeat, keep);
  }
}
