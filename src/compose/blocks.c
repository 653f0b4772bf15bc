/* blocks: tables and figures of a body (blocks.h).
 *
 * A table: its cells placed on a grid as the loader left them (each row's
 * cells in the next free columns: the loader made the grid whole), its
 * colspecs' widths read, each cell's paragraphs filled by the caller's
 * inline function, then laid out by layout/table.c; what does not fit comes
 * back as faults, said here as findings.
 *
 * A figure: its photo scaled into the figure box (the measure wide) keeping
 * its aspect ratio, on whole grid lines, with its caption under it. */
#include "blocks.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "book.h"

/* --- Tables ----------------------------------------------------------------- */

/* colwidth as CALS writes it: "2*" or "*" (a share), or a length with its
 * unit (mm, cm, in, pt, pc, px; a bare number is points). Returns false
 * when the text is neither. */
static bool parse_colwidth(const char *s, double *fixed, double *star) {
  *fixed = *star = 0;
  char *end;
  double v = strtod(s, &end);
  if (end == s) v = 1; /* "*" alone */
  if (!(v > 0) || !isfinite(v)) return false;
  static const struct {
    const char *unit;
    double pt;
  } UNITS[] = {{"*", 0},          {"", 1},    {"pt", 1},  {"mm", 72 / 25.4},
               {"cm", 72 / 2.54}, {"in", 72}, {"pc", 12}, {"px", 0.75}};
  for (size_t i = 0; i < sizeof UNITS / sizeof *UNITS; i++)
    if (strcmp(end, UNITS[i].unit) == 0) {
      if (UNITS[i].pt > 0) *fixed = v * UNITS[i].pt;
      else *star = v;
      return true;
    }
  return false;
}

/* The table's colspec widths. */
static void table_widths(hui_table *t, const hui_node *node, const char *file, hui_diags *d) {
  for (const hui_node *n = node->first; n; n = n->next) {
    if (n->kind != HUI_N_COLSPEC) continue;
    double fixed, star;
    if (parse_colwidth(n->text, &fixed, &star)) {
      hui_table_col(t, n->cols - 1, fixed, star);
    } else if (d) {
      hui_diag_add(d, HUI_WARNING, file, n->pos.line, n->pos.col, "table-colwidth",
                   _("colwidth=\"%s\" is not understood; write a share such as 2* or a length such "
                     "as 30mm (the column takes a share of 1)"),
                   n->text);
    }
  }
}

/* The row (a HUI_N_ROW) of each index, and their number. */
static size_t table_rows(const hui_node *node, const hui_node ***rows) {
  size_t n = 0, cap = 0;
  *rows = NULL;
  for (const hui_node *r = node->first; r; r = r->next)
    if (r->kind == HUI_N_ROW) *HUI_PUSH(*rows, n, cap) = r;
  return n;
}

/* Places every cell, in the order CALS does: the next free column of its
 * row; taken (nrows x cols) notes the cell at each place. A cell that does
 * not fit (the loader reported it) is left out. */
static void table_cells(hui_table *t, const hui_node *const *rows, size_t nrows, int cols,
                        const hui_node **taken, double size, hui_inlines_fn inlines) {
  for (size_t r = 0; r < nrows; r++) {
    int col = 0;
    bool head = rows[r]->flags & HUI_NODE_HEAD;
    for (const hui_node *cell = rows[r]->first; cell; cell = cell->next) {
      if (cell->kind != HUI_N_CELL) continue;
      while (col < cols && taken[r * (size_t)cols + (size_t)col]) col++;
      if (!hui_table_cell(t, (int)r, col, cell->rows, cell->cols)) continue;
      for (size_t k = r; k < r + (size_t)cell->rows; k++)
        for (int c = col; c < col + cell->cols; c++) taken[k * (size_t)cols + (size_t)c] = cell;
      for (const hui_node *p = cell->first; p; p = p->next)
        if (p->kind == HUI_N_PARA)
          inlines(hui_table_para(t), p, head ? HUI_ROLE_HEADING : HUI_ROLE_BODY, size);
      col += cell->cols;
    }
  }
}

/* The faults of a laid-out table as findings at node (a table) or its
 * rows and cells. */
static void table_findings(const hui_table_fault *faults, size_t n, const hui_node *node,
                           const hui_node *const *rows, const hui_node *const *taken, int cols,
                           double em, const char *file, hui_diags *d) {
  for (size_t i = 0; i < n; i++) {
    const hui_table_fault *f = &faults[i];
    hui_pos at = f->row >= 0 ? rows[f->row]->pos : node->pos;
    switch (f->kind) {
    case HUI_TABLE_NARROW:
      hui_diag_add(d, HUI_ERROR, file, at.line, at.col, "table-too-wide",
                   _("column %d of the table leaves %.1f characters for its text, less than two; "
                     "give the table fewer columns, or the column a larger colwidth"),
                   f->col + 1, f->have / em);
      break;
    case HUI_TABLE_CROWDED:
      hui_diag_add(d, HUI_ERROR, file, at.line, at.col, "table-too-wide",
                   _("the table has %.0f columns; the page's measure holds at most %.0f columns of "
                     "two characters each; split the table or give it fewer columns"),
                   f->need, f->have);
      break;
    case HUI_TABLE_OVERFULL:
      hui_diag_add(d, HUI_ERROR, file, at.line, at.col, "table-too-wide",
                   _("the table's column widths add up to %.0f mm, wider than the %.0f mm of the "
                     "page's measure; make the colwidths smaller or use shares such as 2*"),
                   f->need * 25.4 / 72, f->have * 25.4 / 72);
      break;
    case HUI_TABLE_CELL_WIDE: {
      const hui_node *cell = taken[(size_t)f->row * (size_t)cols + (size_t)f->col];
      hui_pos cp = cell ? cell->pos : at;
      hui_diag_add(
          d, HUI_ERROR, file, cp.line, cp.col, "table-too-wide",
          _("a cell's text has a number or word that may not be broken and is wider than "
            "its column (%.1f characters); widen the column (colwidth) or shorten the text"),
          f->have / em);
      break;
    }
    case HUI_TABLE_TALL:
      hui_diag_add(
          d, HUI_ERROR, file, at.line, at.col, "table-row-too-tall",
          _("this row, with the rows its merged cells span and the header, takes %.0f "
            "lines, more than the %.0f lines of a page; shorten its cells or split the row"),
          f->need, f->have);
      break;
    }
  }
}

hui_table *hui_compose_table(const hui_node *node, const hui_master *m, hui_fonts *fonts,
                             bool strict, hui_inlines_fn inlines, const char *file, hui_diags *d) {
  const hui_node **rows;
  size_t nrows = table_rows(node, &rows);
  hui_table *t = hui_table_new(fonts, node->cols, (int)(nrows ? nrows : 1));
  table_widths(t, node, file, d);
  int head = 0;
  while ((size_t)head < nrows && rows[head]->flags & HUI_NODE_HEAD) head++;
  hui_table_head(t, head);
  const hui_node **taken = hui_xcalloc((nrows ? nrows : 1) * (size_t)node->cols, sizeof *taken);
  table_cells(t, rows, nrows, node->cols, taken, m->body, inlines);
  const hui_table_fault *faults;
  size_t nf = hui_table_layout(t, m, strict, &faults);
  if (d && nrows) table_findings(faults, nf, node, rows, taken, node->cols, m->body, file, d);
  free(taken);
  free(rows);
  return t;
}

hui_para *hui_compose_table_title(const hui_node *node, const hui_master *m, hui_fonts *fonts,
                                  bool strict, hui_inlines_fn inlines) {
  if (!node->first || node->first->kind != HUI_N_TITLE) return NULL;
  hui_para *p = hui_para_new(fonts);
  inlines(p, node->first, HUI_ROLE_HEADING, m->body);
  hui_para_spec spec = {m->measure, 0, 0, HUI_ALIGN_CENTER, true, strict, false};
  hui_para_set(p, &spec);
  return p;
}

/* --- Figures ---------------------------------------------------------------- */

/* The grid lines the photo box may take: two thirds of the page's. */
static int box_lines(const hui_master *m) {
  int n = m->lines * 2 / 3;
  return n < 1 ? 1 : n;
}

/* The height of k grid lines from the top of the first to the foot of the
 * last one's body cell, pt. */
static double lines_height(const hui_master *m, int k) { return (k - 1) * m->pitch + m->body; }

void hui_figure_box(const hui_template *t, double *w_mm, double *h_mm) {
  hui_page_spec spec = hui_book_page_spec(t);
  hui_master m;
  hui_master_init(&m, &spec, NULL);
  *w_mm = m.measure * 25.4 / 72;
  *h_mm = lines_height(&m, box_lines(&m)) * 25.4 / 72;
}

void hui_figure_fit(const hui_image *img, double bw, double bh, double *w, double *h) {
  uint32_t iw = 0, ih = 0;
  hui_image_upright_size(img, &iw, &ih);
  *w = bw;
  *h = bh;
  if (!iw || !ih) return;
  double ar = (double)iw / ih;
  if (bw / bh > ar) *w = bh * ar;
  else *h = bw / ar;
}

void hui_figure_flow(hui_flow *f, const hui_master *m, hui_fonts *fonts, const hui_image *img,
                     const hui_node *caption, bool strict, hui_inlines_fn inlines) {
  double size = round(m->body * 0.8 * 2) / 2; /* a size smaller: 3号 15.75 → 12.5 */
  double w = m->measure, h = 0;
  if (img) {
    hui_figure_fit(img, m->measure, lines_height(m, box_lines(m)), &w, &h);
    int lines = (int)ceil((h - m->body) / m->pitch - 0.01) + 1;
    if (lines < 1) lines = 1;
    hui_flow_image(f, img, (m->measure - w) / 2, w, h, lines, caption != NULL);
    /* its foot on the foot of its last line's cell, so the caption is as
     * far below every photo; what the grid leaves over goes above it */
    hui_flow_at(f, hui_flow_len(f) - 1)->dy = lines_height(m, lines) - h;
  }
  if (!caption || !caption->first) return;
  /* the caption as wide as the photo (at least eight of its characters) */
  double cm = floor(fmax(w, 8 * size) / size) * size;
  if (cm > m->measure) cm = m->measure;
  hui_para *p = hui_para_new(fonts);
  inlines(p, caption, HUI_ROLE_KAI, size);
  hui_para_spec spec = {cm, 0, 0, HUI_ALIGN_CENTER, true, strict, false};
  size_t n = hui_para_set(p, &spec);
  if (!n) {
    hui_para_free(p);
    return;
  }
  size_t first = hui_flow_len(f);
  hui_flow_para(f, p, (m->measure - cm) / 2, false);
  /* every line of the caption keeps with the next: the photo and all of its
   * caption share a page */
  for (size_t i = first; i + 1 < hui_flow_len(f); i++) hui_flow_at(f, i)->keep = true;
}
