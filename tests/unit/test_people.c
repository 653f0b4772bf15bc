/* test_people: the rules that look at the persons of a submission, on
 * editions made in memory — several names in one personname (which forms
 * fire and which are one name spaced out), and the memory of earlier
 * editions for every person of a submission of several, also inside an
 * archived submission of several. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "diag.h"
#include "model.h"
#include "rules/rules.h"

/* An edition of n submissions, the i-th naming the persons names[i] (joined
 * as the loader joins them), all of unit. */
static hui_edition *edition(const char *const *const *names, size_t n, const char *unit) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(".");
  e->campaign.path = hui_xstrdup("campaign.xml");
  e->campaign.loaded = true;
  e->campaign.year_num = 2021;
  e->nsubs = n;
  e->subs = hui_xcalloc(n, sizeof *e->subs);
  for (size_t i = 0; i < n; i++) {
    hui_submission *s = &e->subs[i];
    s->path = hui_xasprintf("submissions/s%zu.xml", i + 1);
    s->loaded = true;
    s->id.text = hui_xasprintf("s%zu", i + 1);
    s->unit.text = hui_xstrdup(unit);
    s->person.text = hui_xstrdup(names[i][0]);
    s->person.pos = (hui_pos){5, 7};
    hui_buf joined = {0};
    hui_buf_puts(&joined, names[i][0]);
    for (size_t k = 1; names[i][k]; k++) {
      size_t cap = s->nothers;
      hui_field *f = HUI_PUSH(s->others, s->nothers, cap);
      *f = (hui_field){.text = hui_xstrdup(names[i][k]), .pos = {5 + (int)k, 7}};
      hui_buf_puts(&joined, "\xE3\x80\x80");
      hui_buf_puts(&joined, names[i][k]);
    }
    if (s->nothers) s->joined_name = hui_buf_take(&joined);
    hui_buf_free(&joined);
    s->body = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){1, 1});
  }
  return e;
}

/* The findings of rule in d, as "file:line" strings joined by spaces. */
static char *where(const hui_diags *d, const char *rule) {
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->rule, rule) == 0)
      hui_buf_printf(&b, "%s%s:%d", b.len ? " " : "", x->file, x->line);
  }
  return hui_buf_take(&b);
}

static void test_several_names(void) {
  static const char *const fire[][2] = {{"高青旺、高红", NULL}, {"高青旺，高红", NULL},
                                        {"高青旺,高红", NULL},  {"高青旺；高红", NULL},
                                        {"高青旺/高红", NULL},  {"高青旺 高红", NULL},
                                        {"张三　李四", NULL},   {"高青旺　高红　高山", NULL},
                                        {"高青旺&高红", NULL},  {"司马 青旺 高红", NULL}};
  static const char *const quiet[][2] = {
      {"张　三", NULL},   {"张 建国", NULL},    {"欧阳 秀云", NULL}, {"阿依古丽·买买提", NULL},
      {"高青旺、", NULL}, {"John Smith", NULL}, {"、高红", NULL},    {"王小明 Tom", NULL}};
  size_t nf = sizeof fire / sizeof *fire, nq = sizeof quiet / sizeof *quiet;
  const char *const *names[32];
  for (size_t i = 0; i < nf; i++) names[i] = fire[i];
  for (size_t i = 0; i < nq; i++) names[nf + i] = quiet[i];
  hui_edition *e = edition(names, nf + nq, "青石县林场");
  hui_diags *d = hui_diags_new();
  hui_rules_run(e, d);
  hui_buf want = {0};
  hui_buf_puts(&want, "");
  for (size_t i = 0; i < nf; i++)
    hui_buf_printf(&want, "%ssubmissions/s%zu.xml:5", i ? " " : "", i + 1);
  char *got = where(d, "several-names");
  CHECK_STR(got, want.data);
  free(got);
  hui_buf_free(&want);
  hui_diags_free(d);
  hui_edition_free(e);
}

/* old-exemplar for every person: the second person of a submission of
 * several was awarded before on her own, and a person on his own now was
 * awarded before as one of a submission of several (index.json keeps the
 * joined name). One character of a spaced-out name is no person. */
static void test_past(void) {
  static const char *const s1[] = {"周满仓", "林晓禾", NULL}, *const s2[] = {"林守山", NULL},
                           *const s3[] = {"三", NULL};
  const char *const *names[] = {s1, s2, s3};
  hui_edition *e = edition(names, 3, "青石县林场");
  static const hui_past_award past[] = {
      {"林晓禾", "青石县林场", "2019", "一等奖", "巡山", "s2019-004", "新典型"},
      {"林守山　林小穗", "青石县林场", "2018", "二等奖", "父女", "s2018-002", "新典型"},
      {"张　三", "青石县林场", "2017", "三等奖", "哨所", "s2017-001", "新典型"},
  };
  hui_rules_env env = {.past = past, .npast = sizeof past / sizeof *past};
  hui_diags *d = hui_diags_new();
  hui_rules_run_env(e, &env, d);
  char *got = where(d, "old-exemplar");
  CHECK_STR(got, "submissions/s1.xml:6 submissions/s2.xml:5");
  free(got);
  hui_diags_free(d);
  hui_edition_free(e);
}

int main(void) {
  test_several_names();
  test_past();
  return CHECK_DONE();
}
