/* sheet: tables written as an .xlsx workbook (libxlsxwriter behind one
 * door). One worksheet per table, named by its title: the header row in
 * bold and frozen, the columns as wide as the table says, numeric columns
 * written as numbers. The same tables and date give the same bytes: the
 * workbook's creation date (its document properties, and the times of the
 * zip entries) is the date given, never the clock. */
#ifndef HUI_SHEET_H
#define HUI_SHEET_H

#include <stdbool.h>
#include <stddef.h>

#include "../compose/stats.h"

/* The workbook's document properties. */
typedef struct hui_sheet_info {
  const char *title, *author, *subject;
  const char *date; /* "YYYY-MM-DDTHH:MM:SS", UTC */
} hui_sheet_info;

/* Writes tables[0..n) into the workbook path. False with *why (caller
 * frees) when it cannot. */
bool hui_sheet_write(const char *path, const hui_stats_table *tables, size_t n,
                     const hui_sheet_info *info, char **why);

#endif
