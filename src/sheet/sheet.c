/* sheet: .xlsx workbooks through libxlsxwriter (see sheet.h). */
#define _DEFAULT_SOURCE
#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#include "../base/base.h"

/* "YYYY-MM-DDTHH:MM:SS" as a time in UTC; 0 when it is not one. */
static time_t utc_time(const char *s) {
  struct tm tm = {0};
  if (!s || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                   &tm.tm_min, &tm.tm_sec) != 6)
    return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return timegm(&tm);
}

/* A worksheet's name: the title without the characters a sheet name may
 * not hold, at most 31 characters, and unique (a number appended). */
static char *sheet_name(const hui_stats_table *t, size_t index) {
  hui_buf b = {0};
  size_t chars = 0;
  for (const char *p = t->title; *p && chars < 28; p++) {
    if (strchr("[]:*?/\\'", *p)) continue;
    if ((*p & 0xC0) != 0x80) chars++;
    hui_buf_putc(&b, *p);
  }
  if (!b.len) hui_buf_printf(&b, "%zu", index + 1);
  return hui_buf_take(&b);
}

static lxw_error write_table(lxw_workbook *wb, const hui_stats_table *t, size_t index,
                             lxw_format *head) {
  char *name = sheet_name(t, index);
  lxw_worksheet *ws = workbook_add_worksheet(wb, name);
  free(name);
  if (!ws) return LXW_ERROR_MEMORY_MALLOC_FAILED;
  lxw_error err = LXW_NO_ERROR;
  for (size_t c = 0; c < t->ncols && !err; c++) {
    err = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, t->width[c], NULL);
    if (!err) err = worksheet_write_string(ws, 0, (lxw_col_t)c, t->head[c], head);
  }
  for (size_t r = 0; r < t->nrows && !err; r++)
    for (size_t c = 0; c < t->ncols && !err; c++) {
      const char *cell = t->cells[r * t->ncols + c];
      lxw_row_t row = (lxw_row_t)(r + 1);
      if (!*cell) continue;
      char *end;
      double v = strtod(cell, &end);
      if (t->numeric[c] && !*end) err = worksheet_write_number(ws, row, (lxw_col_t)c, v, NULL);
      else err = worksheet_write_string(ws, row, (lxw_col_t)c, cell, NULL);
    }
  worksheet_freeze_panes(ws, 1, 0);
  return err;
}

bool hui_sheet_write(const char *path, const hui_stats_table *tables, size_t n,
                     const hui_sheet_info *info, char **why) {
  lxw_workbook *wb = workbook_new(path);
  if (!wb) {
    *why = hui_xstrdup("cannot start the workbook");
    return false;
  }
  lxw_doc_properties props = {.title = (char *)info->title,
                              .author = (char *)info->author,
                              .subject = (char *)info->subject,
                              .created = utc_time(info->date)};
  lxw_error err = workbook_set_properties(wb, &props);
  lxw_format *head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_align(head, LXW_ALIGN_CENTER);
  for (size_t i = 0; i < n && !err; i++) err = write_table(wb, &tables[i], i, head);
  lxw_error closed = workbook_close(wb);
  if (!err) err = closed;
  if (err) *why = hui_xstrdup(lxw_strerror(err));
  return !err;
}
