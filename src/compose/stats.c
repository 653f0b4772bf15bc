/* stats: the appraisal figures as tables (see stats.h). */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "../base/base.h"

/* The figures of one row: a recommending unit, or a township/department. */
typedef struct counts {
  long subs, on_time, errors, old_ones, new_ones, points;
  long *tiers; /* awarded per tier, in campaign order */
} counts;

typedef struct unit {
  const char *name;
  long group; /* index into the groups */
  counts c;
} unit;

typedef struct group {
  const char *name;
  long nunits;
  counts c;
} group;

typedef struct tally {
  const hui_edition *e;
  unit *units;
  size_t nunits, ucap;
  group *groups;
  size_t ngroups, gcap;
} tally;

static void counts_init(counts *c, size_t ntiers) {
  *c = (counts){0};
  c->tiers = hui_xcalloc(ntiers ? ntiers : 1, sizeof *c->tiers);
}

static void counts_add(counts *to, const counts *c, size_t ntiers) {
  to->subs += c->subs;
  to->on_time += c->on_time;
  to->errors += c->errors;
  to->old_ones += c->old_ones;
  to->new_ones += c->new_ones;
  to->points += c->points;
  for (size_t t = 0; t < ntiers; t++) to->tiers[t] += c->tiers[t];
}

static long add_group(tally *y, const char *name) {
  group *g = HUI_PUSH(y->groups, y->ngroups, y->gcap);
  *g = (group){.name = name};
  counts_init(&g->c, y->e->campaign.ntiers);
  return (long)y->ngroups - 1;
}

/* The row of the recommending unit name, made (with its group) if new. */
static unit *find_unit(tally *y, const char *name, long group_index) {
  for (size_t i = 0; i < y->nunits; i++)
    if (strcmp(y->units[i].name, name) == 0) return &y->units[i];
  unit *u = HUI_PUSH(y->units, y->nunits, y->ucap);
  *u = (unit){.name = name, .group = group_index};
  counts_init(&u->c, y->e->campaign.ntiers);
  if (u->group < 0) u->group = add_group(y, name);
  y->groups[u->group].nunits++;
  return u;
}

/* The recommending unit of s: its recommender, else its unit. */
static const char *unit_of(const hui_submission *s) {
  if (s->recommender.text && *s->recommender.text) return s->recommender.text;
  if (s->unit.text && *s->unit.text) return s->unit.text;
  return "（未填）";
}

static bool on_time(const hui_campaign *c, const hui_submission *s) {
  const char *a = c->window_start.text, *b = c->window_end.text, *t = s->date.text;
  if (!t || !*t) return false;
  return (!a || strcmp(t, a) >= 0) && (!b || strcmp(t, b) <= 0);
}

/* For each submission, whether d has an error on it and whether the archive
 * found its person awarded before at its unit. */
static void scan_findings(const hui_edition *e, const hui_diags *d, bool *errors, bool *old_ones) {
  for (size_t i = 0; d && i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    bool err = x->severity == HUI_ERROR,
         old = x->rule && strcmp(x->rule, "old-exemplar-mislabelled") == 0;
    if (!err && !old) continue;
    for (size_t k = 0; k < e->nsubs; k++) {
      if (!x->file || strcmp(x->file, e->subs[k].path) != 0) continue;
      errors[k] |= err;
      old_ones[k] |= old;
    }
  }
}

static long tier_points(const hui_stats_config *k, const hui_tier *t) {
  for (size_t i = 0; i < k->npoints; i++)
    if (strcmp(k->points[i].tier, t->id) == 0) return k->points[i].value;
  return 0;
}

static void count_submission(tally *y, size_t i, bool error, bool old) {
  const hui_campaign *c = &y->e->campaign;
  const hui_submission *s = &y->e->subs[i];
  counts *u = &find_unit(y, unit_of(s), -1)->c;
  u->subs++;
  u->on_time += on_time(c, s);
  u->errors += error;
  if (s->tier < 0 || (size_t)s->tier >= c->ntiers) return;
  u->tiers[s->tier]++;
  bool is_old = old || (s->category.text && strcmp(s->category.text, "老典型") == 0);
  u->old_ones += is_old;
  u->new_ones += !is_old;
  u->points += tier_points(&c->stats, &c->tiers[s->tier]);
}

static void tally_run(tally *y, const hui_diags *d) {
  const hui_edition *e = y->e;
  const hui_stats_config *k = &e->campaign.stats;
  /* the listed units first, in their groups' order, even those that sent nothing */
  for (size_t g = 0; g < k->ngroups; g++) {
    long gi = add_group(y, k->groups[g].name);
    for (size_t u = 0; u < k->groups[g].nunits; u++) find_unit(y, k->groups[g].units[u], gi);
  }
  size_t n = e->nsubs ? e->nsubs : 1;
  bool *errors = hui_xcalloc(n, sizeof *errors), *old_ones = hui_xcalloc(n, sizeof *old_ones);
  scan_findings(e, d, errors, old_ones);
  for (size_t i = 0; i < e->nsubs; i++) count_submission(y, i, errors[i], old_ones[i]);
  free(errors);
  free(old_ones);
  for (size_t i = 0; i < y->nunits; i++) {
    counts *c = &y->units[i].c;
    if (k->cap > 0 && c->points > k->cap) c->points = k->cap;
    counts_add(&y->groups[y->units[i].group].c, c, e->campaign.ntiers);
  }
}

/* ---- the tables --------------------------------------------------------- */

/* The columns after the name(s): the same in both tables. */
static size_t figure_cols(const hui_campaign *c) { return 5 + c->ntiers + 1; }

static void table_init(hui_stats_table *t, const char *id, const char *title, size_t ncols,
                       size_t nrows) {
  *t = (hui_stats_table){
      .id = hui_xstrdup(id), .title = hui_xstrdup(title), .ncols = ncols, .nrows = nrows};
  t->head = hui_xcalloc(ncols, sizeof *t->head);
  t->numeric = hui_xcalloc(ncols, sizeof *t->numeric);
  t->width = hui_xcalloc(ncols, sizeof *t->width);
  t->cells = hui_xcalloc(ncols * (nrows ? nrows : 1), sizeof *t->cells);
}

/* The header cells of the figures from column col on. */
static void figure_head(hui_stats_table *t, size_t col, const hui_campaign *c) {
  static const char *const before[] = {"报送", "按时报送", "有错误"};
  for (size_t i = 0; i < 3; i++) t->head[col++] = hui_xstrdup(before[i]);
  for (size_t i = 0; i < c->ntiers; i++) t->head[col++] = hui_xstrdup(c->tiers[i].name);
  t->head[col++] = hui_xstrdup("老典型");
  t->head[col++] = hui_xstrdup("新典型");
  t->head[col] = hui_xstrdup("得分");
}

static char *num(long v) { return hui_xasprintf("%ld", v); }

/* Row r's figures from column col on. */
static void figure_row(hui_stats_table *t, size_t r, size_t col, const counts *x, size_t ntiers) {
  char **row = &t->cells[r * t->ncols];
  row[col++] = num(x->subs);
  row[col++] = num(x->on_time);
  row[col++] = num(x->errors);
  for (size_t i = 0; i < ntiers; i++) row[col++] = num(x->tiers[i]);
  row[col++] = num(x->old_ones);
  row[col++] = num(x->new_ones);
  row[col] = num(x->points);
}

/* Display width of UTF-8 text, a CJK character counting two. */
static double text_width(const char *s) {
  double w = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++)
    if ((*p & 0xC0) != 0x80) w += *p >= 0xE0 ? 2 : 1;
  return w;
}

/* Column widths from the widest cell, numbers flagged, empty cells "". */
static void table_finish(hui_stats_table *t) {
  for (size_t c = 0; c < t->ncols; c++) {
    double w = text_width(t->head[c]);
    for (size_t r = 0; r < t->nrows; r++) {
      char **cell = &t->cells[r * t->ncols + c];
      if (!*cell) *cell = hui_xstrdup("");
      double cw = text_width(*cell);
      if (cw > w) w = cw;
    }
    w += 2;
    t->width[c] = w < 8 ? 8 : w > 60 ? 60 : w;
  }
}

static void units_table(hui_stats_table *t, const tally *y) {
  const hui_campaign *c = &y->e->campaign;
  table_init(t, "units", "按推荐单位", 2 + figure_cols(c), y->nunits + 1);
  t->head[0] = hui_xstrdup("推荐单位");
  t->head[1] = hui_xstrdup("乡镇（部门）");
  figure_head(t, 2, c);
  counts total;
  counts_init(&total, c->ntiers);
  for (size_t i = 0; i < y->nunits; i++) {
    t->cells[i * t->ncols] = hui_xstrdup(y->units[i].name);
    t->cells[i * t->ncols + 1] = hui_xstrdup(y->groups[y->units[i].group].name);
    figure_row(t, i, 2, &y->units[i].c, c->ntiers);
    counts_add(&total, &y->units[i].c, c->ntiers);
  }
  t->cells[y->nunits * t->ncols] = hui_xstrdup("合计");
  figure_row(t, y->nunits, 2, &total, c->ntiers);
  free(total.tiers);
  t->total = true;
  for (size_t i = 2; i < t->ncols; i++) t->numeric[i] = true;
  table_finish(t);
}

static void groups_table(hui_stats_table *t, const tally *y) {
  const hui_campaign *c = &y->e->campaign;
  table_init(t, "groups", "按乡镇（部门）", 2 + figure_cols(c), y->ngroups + 1);
  t->head[0] = hui_xstrdup("乡镇（部门）");
  t->head[1] = hui_xstrdup("推荐单位数");
  figure_head(t, 2, c);
  counts total;
  counts_init(&total, c->ntiers);
  for (size_t i = 0; i < y->ngroups; i++) {
    t->cells[i * t->ncols] = hui_xstrdup(y->groups[i].name);
    t->cells[i * t->ncols + 1] = num(y->groups[i].nunits);
    figure_row(t, i, 2, &y->groups[i].c, c->ntiers);
    counts_add(&total, &y->groups[i].c, c->ntiers);
  }
  t->cells[y->ngroups * t->ncols] = hui_xstrdup("合计");
  t->cells[y->ngroups * t->ncols + 1] = num((long)y->nunits);
  figure_row(t, y->ngroups, 2, &total, c->ntiers);
  free(total.tiers);
  t->total = true;
  for (size_t i = 1; i < t->ncols; i++) t->numeric[i] = true;
  table_finish(t);
}

hui_stats *hui_stats_compute(const hui_edition *e, const hui_diags *d) {
  tally y = {.e = e};
  tally_run(&y, d);
  hui_stats *s = hui_xcalloc(1, sizeof *s);
  s->n = 2;
  s->tables = hui_xcalloc(s->n, sizeof *s->tables);
  units_table(&s->tables[0], &y);
  groups_table(&s->tables[1], &y);
  size_t ntiers = e->campaign.ntiers;
  counts all;
  counts_init(&all, ntiers);
  for (size_t i = 0; i < y.nunits; i++) counts_add(&all, &y.units[i].c, ntiers);
  s->total = (hui_stats_totals){(long)y.nunits, (long)y.ngroups, all.subs,
                                all.on_time,    all.errors,      all.old_ones + all.new_ones,
                                all.old_ones,   all.new_ones,    all.points,
                                all.tiers};
  for (size_t i = 0; i < y.nunits; i++) free(y.units[i].c.tiers);
  for (size_t i = 0; i < y.ngroups; i++) free(y.groups[i].c.tiers);
  free(y.units);
  free(y.groups);
  return s;
}

void hui_stats_free(hui_stats *s) {
  if (!s) return;
  for (size_t i = 0; i < s->n; i++) {
    hui_stats_table *t = &s->tables[i];
    for (size_t c = 0; c < t->ncols; c++) free(t->head[c]);
    for (size_t c = 0; c < t->ncols * t->nrows; c++) free(t->cells[c]);
    free(t->head);
    free(t->numeric);
    free(t->width);
    free(t->cells);
    free(t->id);
    free(t->title);
  }
  free(s->tables);
  free(s->total.tiers);
  free(s);
}

const hui_stats_table *hui_stats_table_of(const hui_stats *s, const char *id) {
  for (size_t i = 0; id && i < s->n; i++)
    if (strcmp(s->tables[i].id, id) == 0) return &s->tables[i];
  return NULL;
}

/* ---- CSV ----------------------------------------------------------------- */

static void csv_field(hui_buf *b, const char *s) {
  if (!s[strcspn(s, ",\"\r\n")]) {
    hui_buf_puts(b, s);
    return;
  }
  hui_buf_putc(b, '"');
  for (const char *p = s; *p; p++) {
    if (*p == '"') hui_buf_putc(b, '"');
    hui_buf_putc(b, *p);
  }
  hui_buf_putc(b, '"');
}

static void csv_row(hui_buf *b, char *const *cells, size_t n) {
  for (size_t c = 0; c < n; c++) {
    if (c) hui_buf_putc(b, ',');
    csv_field(b, cells[c]);
  }
  hui_buf_puts(b, "\r\n");
}

char *hui_stats_csv(const hui_stats_table *t, size_t *len) {
  hui_buf b = {0};
  hui_buf_puts(&b, "\xEF\xBB\xBF");
  csv_row(&b, t->head, t->ncols);
  for (size_t r = 0; r < t->nrows; r++) csv_row(&b, &t->cells[r * t->ncols], t->ncols);
  *len = b.len;
  return hui_buf_take(&b);
}
