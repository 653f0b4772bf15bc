/* stats: the output of the appraisal figures (outputs.h) — stats.xlsx, one
 * sheet per table (sheet/sheet.h), and one CSV file per table: stats.csv
 * for the first (per recommending unit), stats-ID.csv for the others. The
 * figures come from compose/stats.h with the findings of the check gate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../compose/stats.h"
#include "../sheet/sheet.h"
#include "build.h"

/* The file name of table i's CSV. Caller frees. */
static char *csv_name(const hui_stats *s, size_t i) {
  return i ? hui_xasprintf("stats-%s.csv", s->tables[i].id) : hui_xstrdup("stats.csv");
}

static bool write_csvs(hui_build_state *st, const hui_stats *s) {
  bool ok = true;
  for (size_t i = 0; i < s->n && ok; i++) {
    size_t len;
    char *csv = hui_stats_csv(&s->tables[i], &len);
    char *name = csv_name(s, i);
    char *path = hui_path_join(st->dir, name);
    ok = hui_write_atomic(path, csv, len);
    if (!ok)
      fprintf(stderr, _("huibian: cannot write %s/%s: %s\n"), st->o->out, name, strerror(errno));
    else if (!st->o->quiet) hui_buf_printf(st->said, _("huibian: wrote %s/%s\n"), st->o->out, name);
    free(path);
    free(name);
    free(csv);
  }
  return ok;
}

bool hui_write_stats(hui_build_state *st) {
  const hui_campaign *c = &st->e->campaign;
  hui_stats *s = hui_stats_compute(st->e, st->d);
  char date[32];
  hui_build_doc_date(c, date, sizeof date);
  char *title = hui_xasprintf("%s%s%s", c->year.text ? c->year.text : "",
                              c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
  hui_sheet_info info = {title, c->organizer.text, "年度工作考核统计", date};
  char *path = hui_path_join(st->dir, "stats.xlsx");
  char *why = NULL;
  bool ok = hui_sheet_write(path, s->tables, s->n, &info, &why);
  if (!ok) fprintf(stderr, _("huibian: cannot write %s/stats.xlsx: %s\n"), st->o->out, why);
  else if (!st->o->quiet)
    hui_buf_printf(st->said, _("huibian: wrote %s/stats.xlsx (%zu recommending units)\n"),
                   st->o->out, s->tables[0].nrows - 1);
  ok = ok && write_csvs(st, s);
  free(why);
  free(path);
  free(title);
  hui_stats_free(s);
  return ok;
}
