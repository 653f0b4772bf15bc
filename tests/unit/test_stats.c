/* test_stats: the appraisal figures (compose/stats.h) of an edition made in
 * memory — which unit and group a submission counts for, on time by the
 * window, errors from the findings given, tiers in campaign order, 老典型 by
 * category or by the archive's finding, points capped per unit and added up
 * per group, units listed that sent nothing; the CSV's quoting; and what the
 * loader says of a wrong <stats>. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "compose/stats.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "rules/rules.h"

static const char CAMPAIGN[] =
    "<campaign year=\"2021\"><name>N</name><area>A</area><organizer>O</organizer>"
    "<window start=\"2021-03-01\" end=\"2021-10-31\"/>"
    "<tiers><tier id=\"gold\" name=\"金奖\"/><tier id=\"silver\" name=\"银奖\"/>"
    "<tier id=\"bronze\" name=\"铜奖\"/></tiers>"
    "<results><award ref=\"s1\" tier=\"gold\"/><award ref=\"s2\" tier=\"gold\"/>"
    "<award ref=\"s3\" tier=\"silver\"/><award ref=\"s5\" tier=\"bronze\"/></results>"
    "<compendium><title>T</title></compendium>"
    "<stats cap=\"6\"><points tier=\"gold\" value=\"5\"/><points tier=\"silver\" value=\"2\"/>"
    "<group name=\"甲镇\"><unit>甲镇党委</unit><unit>甲镇政府</unit></group></stats>"
    "</campaign>";

typedef struct sub {
  const char *recommender, *unit, *date, *category;
} sub;

static const sub SUBS[] = {
    {"甲镇党委", "x", "2021-05-01", "新典型"}, {"甲镇党委", "y", "2021-06-01", "老典型"},
    {"", "乙局", "2021-11-02", "新典型"}, /* no recommender: its unit; late */
    {"", "乙局", "2021-03-01", "新典型"}, /* not awarded, an error */
    {"", "乙局", "2021-10-31", "新典型"}, /* the archive knows the person: 老典型 */
};
enum { NSUBS = sizeof SUBS / sizeof *SUBS };

static hui_edition *edition(hui_diags *d) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(".");
  hui_load_campaign_memory(CAMPAIGN, sizeof CAMPAIGN - 1, d, &e->campaign);
  e->nsubs = NSUBS;
  e->subs = hui_xcalloc(NSUBS, sizeof *e->subs);
  for (size_t i = 0; i < NSUBS; i++) {
    hui_submission *s = &e->subs[i];
    s->path = hui_xasprintf("submissions/s%zu.xml", i + 1);
    s->loaded = true;
    s->id.text = hui_xasprintf("s%zu", i + 1);
    s->person.text = hui_xasprintf("人%zu", i + 1);
    s->recommender.text = hui_xstrdup(SUBS[i].recommender);
    s->unit.text = hui_xstrdup(SUBS[i].unit);
    s->date.text = hui_xstrdup(SUBS[i].date);
    s->category.text = hui_xstrdup(SUBS[i].category);
    s->charcount = -1;
  }
  hui_rules_tiers(e);
  return e;
}

static const char *cell(const hui_stats_table *t, size_t r, size_t c) {
  return t->cells[r * t->ncols + c];
}

/* The row of t whose first cell is name, or -1. */
static long row_of(const hui_stats_table *t, const char *name) {
  for (size_t r = 0; r < t->nrows; r++)
    if (strcmp(cell(t, r, 0), name) == 0) return (long)r;
  return -1;
}

static void test_figures(void) {
  hui_diags *d = hui_diags_new();
  hui_edition *e = edition(d);
  CHECK_INT(hui_diags_len(d), 0);
  hui_diag_add(d, HUI_ERROR, "submissions/s4.xml", 3, 1, "date-outside-window", "late");
  hui_diag_add(d, HUI_WARNING, "submissions/s1.xml", 3, 1, "punct", "a warning is no error");
  hui_diag_add(d, HUI_NOTE, "submissions/s5.xml", 3, 1, "old-exemplar-mislabelled",
               "awarded before");
  hui_stats *s = hui_stats_compute(e, d);
  CHECK_INT(s->n, 2);
  const hui_stats_table *u = &s->tables[0], *g = &s->tables[1];
  /* name, group, 报送, 按时报送, 有错误, 金奖, 银奖, 铜奖, 老典型, 新典型, 得分 */
  CHECK_INT(u->ncols, 11);
  CHECK_STR(u->head[5], "金奖");
  CHECK_STR(u->head[7], "铜奖");
  CHECK_STR(u->head[10], "得分");
  CHECK(!u->numeric[1] && u->numeric[2] && u->numeric[10]);
  /* the listed units first (甲镇政府 sent nothing), then 乙局, then the total */
  CHECK_INT(u->nrows, 4);
  CHECK_STR(cell(u, 0, 0), "甲镇党委");
  CHECK_STR(cell(u, 1, 0), "甲镇政府");
  CHECK_STR(cell(u, 2, 0), "乙局");
  CHECK_STR(cell(u, 3, 0), "合计");
  static const char *const jia[] = {"甲镇党委", "甲镇", "2", "2", "0", "2",
                                    "0",        "0",    "1", "1", "6"};
  static const char *const zheng[] = {"甲镇政府", "甲镇", "0", "0", "0", "0",
                                      "0",        "0",    "0", "0", "0"};
  static const char *const yi[] = {"乙局", "乙局", "3", "2", "1", "0", "1", "1", "1", "1", "2"};
  static const char *const total[] = {"合计", "", "5", "4", "1", "2", "1", "1", "2", "2", "8"};
  for (size_t c = 0; c < 11; c++) {
    CHECK_STR(cell(u, 0, c), jia[c]); /* 10 points cut to the cap of 6 */
    CHECK_STR(cell(u, 1, c), zheng[c]);
    CHECK_STR(cell(u, 2, c), yi[c]); /* bronze has no points */
    CHECK_STR(cell(u, 3, c), total[c]);
  }
  /* groups: 甲镇 with its two units, 乙局 as its own */
  CHECK_INT(g->nrows, 3);
  long r = row_of(g, "甲镇");
  CHECK(r == 0);
  if (r == 0) {
    CHECK_STR(cell(g, 0, 1), "2");
    CHECK_STR(cell(g, 0, 2), "2");
    CHECK_STR(cell(g, 0, 10), "6");
  }
  CHECK(row_of(g, "乙局") == 1);
  CHECK_STR(cell(g, 2, 1), "3");
  CHECK_STR(cell(g, 2, 10), "8");
  hui_stats_free(s);
  /* without findings: no errors, and s5 is 新典型 */
  s = hui_stats_compute(e, NULL);
  CHECK_STR(cell(&s->tables[0], 2, 4), "0");
  CHECK_STR(cell(&s->tables[0], 2, 8), "0");
  CHECK_STR(cell(&s->tables[0], 2, 9), "2");
  hui_stats_free(s);
  hui_edition_free(e);
  hui_diags_free(d);
}

static void test_csv(void) {
  char *head[] = {"单位", "数"};
  char *cells[] = {"甲,乙", "1", "say \"hi\"", "2", "line\nbreak", ""};
  bool numeric[] = {false, true};
  double width[] = {8, 8};
  hui_stats_table t = {.id = "t",
                       .title = "t",
                       .ncols = 2,
                       .nrows = 3,
                       .head = head,
                       .numeric = numeric,
                       .width = width,
                       .cells = cells};
  size_t len;
  char *csv = hui_stats_csv(&t, &len);
  const char want[] =
      "\xEF\xBB\xBF单位,数\r\n\"甲,乙\",1\r\n\"say \"\"hi\"\"\",2\r\n\"line\nbreak\",\r\n";
  CHECK_INT(len, sizeof want - 1);
  CHECK_STR(csv, want);
  free(csv);
}

/* What the loader says of a wrong <stats>, and <outputs> kept as written. */
static void test_load(void) {
  static const char bad[] =
      "<campaign year=\"2021\"><name>N</name><area>A</area><organizer>O</organizer>"
      "<window start=\"2021-03-01\" end=\"2021-10-31\"/>"
      "<tiers><tier id=\"gold\" name=\"金奖\"/></tiers><compendium><title>T</title></compendium>"
      "<outputs>stats, compendium</outputs>"
      "<stats cap=\"many\"><points tier=\"tin\" value=\"1\"/><points tier=\"gold\" value=\"x\"/>"
      "<group name=\"甲\"><unit>U</unit></group><group name=\"乙\"><unit>U</unit></group></stats>"
      "</campaign>";
  hui_diags *d = hui_diags_new();
  hui_campaign c = {0};
  hui_load_campaign_memory(bad, sizeof bad - 1, d, &c);
  int cap = 0, tier = 0, value = 0, twice = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const char *m = hui_diags_at(d, i)->message;
    cap += strstr(m, "cap=\"many\"") != NULL;
    tier += strstr(m, "tier=\"tin\"") != NULL;
    value += strstr(m, "value=\"x\"") != NULL;
    twice += strstr(m, "the unit U is listed twice") != NULL;
  }
  CHECK(cap == 1 && tier == 1 && value == 1 && twice == 1);
  CHECK_INT(hui_diags_count(d, HUI_ERROR), 4);
  CHECK_STR(c.outputs.list.text, "stats, compendium");
  CHECK_INT(c.stats.npoints, 1);
  CHECK_INT(c.stats.ngroups, 2);
  hui_edition *owner = hui_xcalloc(1, sizeof *owner);
  owner->campaign = c;
  hui_edition_free(owner);
  hui_diags_free(d);
}

int main(void) {
  test_figures();
  test_csv();
  test_load();
  return CHECK_DONE();
}
