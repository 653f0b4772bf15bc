/* stats: the figures for the annual appraisal (年度工作考核) — per
 * recommending unit and per township or department: submissions, on time,
 * with errors, awarded per tier, 老典型 and 新典型, and points — as generic
 * tables (a title, header cells, rows of cells, a numeric flag per column)
 * that any output sets: a spreadsheet, a CSV file, a table in a document.
 *
 * What each figure counts (docs/outputs.md, "stats"):
 * - the recommending unit of a submission is its recommender, else its unit;
 *   its township or department is the <stats><group> listing it, else the
 *   unit itself;
 * - on time: the submission's date lies in the campaign window (the dates
 *   compared as written, YYYY-MM-DD);
 * - with errors: the submission has at least one finding of error severity
 *   among the findings given (those of the check gate);
 * - 老典型: an awarded submission whose category is 老典型, or whose person
 *   the archive's memory knows as awarded before at the same unit (the
 *   finding old-exemplar-mislabelled); every other awarded one is 新典型;
 * - points: the <points> of the tier of each awarded submission, summed per
 *   recommending unit and cut to <stats cap>; a group's points are its
 *   units' points added up. */
#ifndef HUI_STATS_H
#define HUI_STATS_H

#include <stdbool.h>
#include <stddef.h>

#include "../diag.h"
#include "../model.h"

/* A table of text cells: row r, column c is cells[r * ncols + c]. A numeric
 * column holds whole numbers written in decimal (or "" for none). The last
 * row is the total (合计) when total is set. */
typedef struct hui_stats_table {
  char *id;    /* short ASCII name: "units", "groups" (file names) */
  char *title; /* what the table is, in Chinese (a sheet's name) */
  size_t ncols, nrows;
  char **head;   /* ncols header cells */
  bool *numeric; /* ncols flags */
  double *width; /* ncols widths in characters (a spreadsheet's columns) */
  char **cells;  /* nrows * ncols */
  bool total;
} hui_stats_table;

/* The edition's totals, for a document's text ({submissions}, …). */
typedef struct hui_stats_totals {
  long units, groups, subs, on_time, errors, awarded, old_ones, new_ones, points;
  long *tiers; /* awarded per tier, in campaign order */
} hui_stats_totals;

typedef struct hui_stats {
  hui_stats_table *tables;
  size_t n;
  hui_stats_totals total;
} hui_stats;

/* The table of s with this id ("units", "groups"), or NULL. */
const hui_stats_table *hui_stats_table_of(const hui_stats *s, const char *id);

/* The tables of edition e (tiers set) with the findings d (NULL: none):
 * per recommending unit, then per township or department. Free with
 * hui_stats_free. */
hui_stats *hui_stats_compute(const hui_edition *e, const hui_diags *d);
void hui_stats_free(hui_stats *s); /* NULL-safe */

/* Table t as CSV (RFC 4180: fields with a comma, quote or line break
 * quoted, quotes doubled, CRLF line ends), UTF-8 with a byte-order mark so
 * that spreadsheet programs read it as UTF-8. Caller frees; *len set. */
char *hui_stats_csv(const hui_stats_table *t, size_t *len);

#endif
