/* test_order: ICU stroke and pinyin collation, and the compendium order. */
#include <stdlib.h>

#include "base/base.h"
#include "check.h"
#include "text/order.h"

static void add(hui_edition *e, const char *id, const char *name, const char *unit, const char *date, int tier) {
  hui_submission *s = &e->subs[e->nsubs++];
  s->loaded = true;
  s->id.text = hui_xstrdup(id);
  s->person.text = hui_xstrdup(name);
  s->unit.text = hui_xstrdup(unit);
  s->date.text = hui_xstrdup(date);
  s->tier = tier;
  s->charcount = -1;
}

int main(void) {
  /* 丁 2 strokes < 王 4 < 李 7 < 赵 9 < 黎 15 */
  CHECK(hui_order_compare(HUI_ORDER_STROKE, "丁", "王") < 0);
  CHECK(hui_order_compare(HUI_ORDER_STROKE, "王", "李") < 0);
  CHECK(hui_order_compare(HUI_ORDER_STROKE, "李", "赵") < 0);
  CHECK(hui_order_compare(HUI_ORDER_STROKE, "赵", "黎") < 0);
  CHECK(hui_order_compare(HUI_ORDER_STROKE, "王秀英", "王秀英") == 0);
  CHECK(hui_order_compare(HUI_ORDER_STROKE, "王一", "王二") < 0); /* 一 1 stroke, 二 2 */
  /* pinyin: ding < li < wang < zhao */
  CHECK(hui_order_compare(HUI_ORDER_PINYIN, "丁", "李") < 0);
  CHECK(hui_order_compare(HUI_ORDER_PINYIN, "李", "王") < 0);
  CHECK(hui_order_compare(HUI_ORDER_PINYIN, "王", "赵") < 0);
  CHECK(hui_order_compare(HUI_ORDER_PINYIN, "赵", "丁") > 0);
  CHECK(hui_order_compare(HUI_ORDER_DATE, "2020-01-02", "2020-01-10") < 0);

  hui_edition e = {0};
  e.subs = hui_xcalloc(8, sizeof *e.subs);
  e.campaign.ntiers = 2;
  add(&e, "s5", "赵德明", "县医院", "2020-05-01", 1);
  add(&e, "s4", "李四", "乙镇", "2020-04-01", 0);
  add(&e, "s3", "王五", "甲镇", "2020-03-01", 0);
  add(&e, "s2", "丁一", "丙镇", "2020-06-01", 0);
  add(&e, "s1", "王五", "丁镇", "2020-02-01", 0); /* same name as s3: tie broken by id */
  add(&e, "s9", "陈九", "戊镇", "2020-01-01", -1); /* not awarded */
  e.campaign.order = HUI_ORDER_STROKE;
  size_t n = 0;
  size_t *o = hui_order_awarded(&e, &n);
  CHECK_INT(n, 5);
  if (n == 5) {
    CHECK_STR(e.subs[o[0]].id.text, "s2"); /* 丁 */
    CHECK_STR(e.subs[o[1]].id.text, "s1"); /* 王, id s1 < s3 */
    CHECK_STR(e.subs[o[2]].id.text, "s3");
    CHECK_STR(e.subs[o[3]].id.text, "s4"); /* 李 */
    CHECK_STR(e.subs[o[4]].id.text, "s5"); /* second tier */
  }
  free(o);
  e.campaign.order = HUI_ORDER_PINYIN;
  o = hui_order_awarded(&e, &n);
  CHECK_INT(n, 5);
  if (n == 5) {
    CHECK_STR(e.subs[o[0]].id.text, "s2"); /* ding */
    CHECK_STR(e.subs[o[1]].id.text, "s4"); /* li */
    CHECK_STR(e.subs[o[2]].id.text, "s1"); /* wang */
    CHECK_STR(e.subs[o[3]].id.text, "s3");
  }
  free(o);
  e.campaign.order = HUI_ORDER_UNIT; /* 丙 bing < 丁 ding < 甲 jia < 乙 yi */
  o = hui_order_awarded(&e, &n);
  if (n == 5) {
    CHECK_STR(e.subs[o[0]].id.text, "s2");
    CHECK_STR(e.subs[o[1]].id.text, "s1");
    CHECK_STR(e.subs[o[2]].id.text, "s3");
    CHECK_STR(e.subs[o[3]].id.text, "s4");
  }
  free(o);
  e.campaign.order = HUI_ORDER_DATE;
  o = hui_order_awarded(&e, &n);
  if (n == 5) {
    CHECK_STR(e.subs[o[0]].id.text, "s1");
    CHECK_STR(e.subs[o[1]].id.text, "s3");
    CHECK_STR(e.subs[o[2]].id.text, "s4");
    CHECK_STR(e.subs[o[3]].id.text, "s2");
  }
  free(o);
  o = hui_order_all_by_name(&e, &n);
  CHECK_INT(n, 6);
  if (n == 6) {
    CHECK_STR(e.subs[o[0]].id.text, "s2"); /* 丁 2 */
    CHECK_STR(e.subs[o[1]].id.text, "s1"); /* 王 4 */
    CHECK_STR(e.subs[o[2]].id.text, "s3");
    CHECK_STR(e.subs[o[3]].id.text, "s4"); /* 李 7 */
    CHECK_STR(e.subs[o[4]].id.text, "s9"); /* 陈 7: 李 before 陈 (横 before 竖) */
    CHECK_STR(e.subs[o[5]].id.text, "s5"); /* 赵 9 */
  }
  free(o);
  for (size_t i = 0; i < e.nsubs; i++) e.subs[i].loaded = false;
  o = hui_order_awarded(&e, &n);
  CHECK(o == NULL && n == 0);
  /* the model owns the strings: free the edition's parts by hand (stack object) */
  for (size_t i = 0; i < e.nsubs; i++) {
    free(e.subs[i].id.text);
    free(e.subs[i].person.text);
    free(e.subs[i].unit.text);
    free(e.subs[i].date.text);
  }
  free(e.subs);
  return CHECK_DONE();
}
