/* stats: the output of the appraisal figures (outputs.h) — stats.xlsx, one
 * sheet per table (sheet/sheet.h), and one CSV file per table: stats.csv
 * for the first (per recommending unit), stats-ID.csv for the others. The
 * figures come from compose/stats.h with the findings of the check gate;
 * check --stats DIR writes the same files from the check's findings, errors
 * included. */
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

/* Where the files go: dir, named in messages as shown; "wrote" lines into
 * said unless NULL. */
typedef struct target {
  const char *dir, *shown;
  hui_buf *said;
} target;

static bool write_csvs(const target *to, const hui_stats *s) {
  bool ok = true;
  for (size_t i = 0; i < s->n && ok; i++) {
    size_t len;
    char *csv = hui_stats_csv(&s->tables[i], &len);
    char *name = csv_name(s, i);
    char *path = hui_path_join(to->dir, name);
    ok = hui_write_atomic(path, csv, len);
    if (!ok)
      fprintf(stderr, _("huibian: cannot write %s/%s: %s\n"), to->shown, name, strerror(errno));
    else if (to->said) hui_buf_printf(to->said, _("huibian: wrote %s/%s\n"), to->shown, name);
    free(path);
    free(name);
    free(csv);
  }
  return ok;
}

/* stats.xlsx and the CSV files of e with the findings d into to. */
static bool write_all(const target *to, const hui_edition *e, const hui_diags *d) {
  const hui_campaign *c = &e->campaign;
  hui_stats *s = hui_stats_compute(e, d);
  char date[32];
  hui_build_doc_date(c, date, sizeof date);
  char *title = hui_xasprintf("%s%s%s", c->year.text ? c->year.text : "",
                              c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
  hui_sheet_info info = {title, c->organizer.text, "年度工作考核统计", date};
  /* written under another name and renamed, so that the file is whole or absent */
  char *path = hui_path_join(to->dir, "stats.xlsx"),
       *part = hui_path_join(to->dir, ".stats.xlsx.part");
  char *why = NULL;
  bool ok = hui_sheet_write(part, s->tables, s->n, &info, &why);
  if (ok && rename(part, path) != 0) {
    ok = false;
    why = hui_xstrdup(strerror(errno));
  }
  if (!ok) {
    fprintf(stderr, _("huibian: cannot write %s/stats.xlsx: %s\n"), to->shown, why);
    remove(part);
  } else if (to->said) {
    hui_buf_printf(to->said, _("huibian: wrote %s/stats.xlsx (%zu recommending units)\n"),
                   to->shown, s->tables[0].nrows - 1);
  }
  ok = ok && write_csvs(to, s);
  free(why);
  free(path);
  free(part);
  free(title);
  hui_stats_free(s);
  return ok;
}

bool hui_write_stats(hui_build_state *st) {
  target to = {st->dir, st->o->out, st->o->quiet ? NULL : st->said};
  return write_all(&to, st->e, st->d);
}

bool hui_stats_write_dir(const char *dir, const hui_edition *e, const hui_diags *d) {
  hui_buf said = {0};
  target to = {dir, dir, &said};
  bool ok = write_all(&to, e, d);
  if (ok) fputs(said.data ? said.data : "", stderr);
  hui_buf_free(&said);
  return ok;
}
