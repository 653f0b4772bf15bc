/* table: a grid of cells set in a flow on the page master's grid
 * (docs/typography.md, G1). The maker says how many columns and rows
 * the table has, how wide its columns are (fixed, proportional or from the
 * content), how many rows are its header, and fills each cell's paragraphs;
 * the table sets every paragraph with the paragraph engine at its column's
 * width (so the Chinese line-breaking rules hold inside cells), gives every
 * row a whole number of grid lines, and goes into the flow as parts: the
 * header rows as one part, then each group of rows that merged cells tie
 * together. A part is never split across pages; the header is drawn again
 * at the top of a page that a part of the table starts.
 *
 * Geometry: the table is as wide as the measure; column edges fall on the
 * grid's cells; the text of a cell stands half a cell in from its rules; a
 * horizontal rule runs through the middle of the gap between two grid
 * lines; every rule is a thin one (HUI_TABLE_RULE_PT). What does not fit is
 * a fault the maker reports, never clipped. */
#ifndef HUI_TABLE_H
#define HUI_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "../fonts.h"
#include "flow.h"
#include "page.h"
#include "para.h"

/* The width of every rule of a table, pt. */
#define HUI_TABLE_RULE_PT 0.5

typedef struct hui_table hui_table;

/* A table of cols grid columns and rows rows (both >= 1) drawing with
 * fonts (borrowed). */
hui_table *hui_table_new(hui_fonts *fonts, int cols, int rows);
void hui_table_free(hui_table *t); /* NULL-safe; frees its paragraphs */
/* Column col's width as its colspec gives it: fixed pt (> 0), or a share
 * (star > 0, as colwidth="2*"); columns given neither take a share of 1 when
 * any column has a width, and their content's width when none has. */
void hui_table_col(hui_table *t, int col, double fixed, double star);
/* The first n rows are the header: set in the heading role, centred, and
 * repeated at the top of a page that the table continues on. */
void hui_table_head(hui_table *t, int n);
/* Places a cell at (row, col) (from 0) spanning rows x cols, which must be
 * free and inside the grid (false otherwise, and nothing is placed); the
 * cell's paragraphs are added with hui_table_para. Grid positions no cell
 * takes are empty cells. */
bool hui_table_cell(hui_table *t, int row, int col, int rows, int cols);
/* A new paragraph at the end of the last cell placed, owned by the table:
 * fill it with hui_para_add; the table sets it. */
hui_para *hui_table_para(hui_table *t);

/* What does not fit. */
typedef enum {
  HUI_TABLE_NARROW,    /* a column is less than two cells wide inside its rules */
  HUI_TABLE_CROWDED,   /* more columns than the measure holds at two cells each (have,
                          need: columns) */
  HUI_TABLE_OVERFULL,  /* the columns' fixed widths are wider than the measure */
  HUI_TABLE_CELL_WIDE, /* a cell's text has a line wider than its column (an unbreakable run) */
  HUI_TABLE_TALL       /* a part (with the header above it) is taller than a page */
} hui_table_fault_kind;

typedef struct hui_table_fault {
  hui_table_fault_kind kind;
  int row, col;      /* where (the row a tall part starts on; col -1 when none) */
  double have, need; /* NARROW, OVERFULL, CELL_WIDE: pt; TALL: grid lines */
} hui_table_fault;

/* Lays the table out on master m's grid: column widths in whole cells,
 * every paragraph set (strict: docs/typography.md, A4), the rows' heights in
 * grid lines. Returns the number of faults; *faults (owned by the table)
 * lists them. */
size_t hui_table_layout(hui_table *t, const hui_master *m, bool strict,
                        const hui_table_fault **faults);
/* Grid lines the whole table takes. */
int hui_table_lines(const hui_table *t);
/* The left edge of column col from the measure's left edge, and its width,
 * in pt, after hui_table_layout. */
double hui_table_col_x(const hui_table *t, int col, double *width);
/* Hands the laid-out table to flow f (which frees it): its parts, the
 * header kept with the first part after it; keep_last: the last part keeps
 * with what follows. */
void hui_table_flow(hui_table *t, hui_flow *f, bool keep_last);

#endif
