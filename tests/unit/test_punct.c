/* test_punct: the fix-its of halfwidth-punct and stray-space (what fires and
 * what must not), their fixpoint, and `huibian fix` on raw XML bytes: only
 * character data of the body and the deeds title changes, never markup,
 * attributes, comments, references or text in <info>. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "fix.h"
#include "rules/rules.h"

/* The text after every safe fix-it, as UTF-8. Caller frees. */
static char *fixed(const char *s, bool spaces) {
  size_t n, m, changes;
  uint32_t *cps = hui_utf8_to_cps(s, strlen(s), &n);
  uint32_t *out = hui_fixits_apply(cps, n, spaces, &m, &changes);
  hui_buf b = {0};
  for (size_t i = 0; i < m; i++) hui_buf_utf8(&b, out[i]);
  free(cps);
  free(out);
  return hui_buf_take(&b);
}

static size_t count(const char *s, bool spaces) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(s, strlen(s), &n);
  hui_fixit *v;
  size_t nv = hui_fixits_find(cps, n, spaces, &v);
  free(v);
  free(cps);
  return nv;
}

#define FIXES(in, want)                 \
  do {                                  \
    char *got_ = fixed(in, true);       \
    CHECK_STR(got_, want);              \
    free(got_);                         \
  } while (0)

static void test_fires(void) {
  FIXES("他说,我们", "他说，我们");
  FIXES("工作.", "工作。");
  FIXES("工作;生活:学习?好!", "工作；生活：学习？好！");
  FIXES("2020年,全村", "2020年，全村");
  FIXES("5G,中国", "5G，中国");
  FIXES("会议(2020年)召开", "会议（2020年）召开");
  FIXES("(1)加强学习", "（1）加强学习");
  FIXES("GDP(国内生产总值)", "GDP（国内生产总值）");
  FIXES("叫\"致富伞\"的", "叫“致富伞”的");
  FIXES("叫'小伞'的", "叫‘小伞’的");
  FIXES("好!!", "好！！");
  /* the comma first, then the space it leaves between Chinese characters */
  FIXES("他说, 我们", "他说，我们");
  FIXES("扎根 基层", "扎根基层");
  FIXES("扎根\u3000\u3000基层", "扎根基层");
  FIXES("一、 心系群众", "一、心系群众");
  FIXES("“好” “坏”", "“好”“坏”");
}

static void test_quiet(void) {
  const char *quiet[] = {
      "增长3.5%",         "APP.和",        "www.qsx.gov.cn", "http://qsx.gov.cn/a,b", "下午3:30",
      "1,500人",          "第1.2节",       "1.加强学习",     "他说……",              "工作...",
      "f(x)=1",           "Windows,Linux", "don't",          "扎根\n    基层",        "扎根 Linux",
      "OK 好",            "他，我",        "a \"b\" c",       "“好”。",               "3 个",
  };
  for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++) {
    size_t n = count(quiet[i], true);
    if (n) fprintf(stderr, "unexpected fix-it in \"%s\"\n", quiet[i]);
    CHECK_INT(n, 0);
  }
  /* titles: spaces are not looked at, punctuation is */
  CHECK_INT(count("扎根基层二十年\u3000甘做群众贴心人", false), 0);
  CHECK_INT(count("扎根基层二十年;甘做群众贴心人", false), 1);
}

static void test_unpaired_quote(void) {
  size_t n;
  uint32_t *cps = hui_utf8_to_cps("他说:\"好", strlen("他说:\"好"), &n);
  hui_fixit *v;
  size_t nv = hui_fixits_find(cps, n, true, &v);
  CHECK_INT(nv, 2);
  if (nv == 2) {
    CHECK(v[0].safe && v[0].repl == 0xFF1A);
    CHECK(!v[1].safe); /* which way it faces is a guess */
  }
  free(v);
  free(cps);
  char *f = fixed("他说:\"好", true);
  CHECK_STR(f, "他说：\"好");
  free(f);
}

static void test_fix_text(void) {
  const char *in =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      "<!-- 注释,不改 -->\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"s1\">\n"
      "  <info><title>扎根基层;甘做贴心人</title><subtitle>记 张三</subtitle>"
      "<bibliomisc role=\"recommender\">青石镇,党委</bibliomisc>\n"
      "    <cover><mediaobject><imageobject><imagedata fileref=\"a,b.png\"/></imageobject></mediaobject></cover></info>\n"
      "  <para role=\"x,y\">他说, 我们&amp;,大家<emphasis>干</emphasis>,好.<?pi 中,文?></para>\r\n"
      "  <db:para xmlns:db=\"http://docbook.org/ns/docbook\">中&#x2C;文 <![CDATA[中,文]]></db:para>\n"
      "  <section><title>一、 心系群众</title><para>工作 学习</para></section>\n"
      "</article>\n";
  const char *want =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
      "<!-- 注释,不改 -->\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"s1\">\n"
      "  <info><title>扎根基层；甘做贴心人</title><subtitle>记 张三</subtitle>"
      "<bibliomisc role=\"recommender\">青石镇,党委</bibliomisc>\n"
      "    <cover><mediaobject><imageobject><imagedata fileref=\"a,b.png\"/></imageobject></mediaobject></cover></info>\n"
      "  <para role=\"x,y\">他说，我们&amp;，大家<emphasis>干</emphasis>，好。<?pi 中,文?></para>\r\n"
      "  <db:para xmlns:db=\"http://docbook.org/ns/docbook\">中&#x2C;文 <![CDATA[中，文]]></db:para>\n"
      "  <section><title>一、心系群众</title><para>工作学习</para></section>\n"
      "</article>\n";
  size_t len, changes;
  char *out = hui_fix_text(in, strlen(in), &len, &changes);
  CHECK_STR(out, want);
  CHECK_INT(len, strlen(want));
  CHECK_INT(changes, 9);
  free(out);
  /* nothing to fix: the same bytes */
  const char *clean = "<article><para>他说，我们</para></article>";
  out = hui_fix_text(clean, strlen(clean), &len, &changes);
  CHECK_STR(out, clean);
  CHECK_INT(changes, 0);
  free(out);
}

/* rules/pasted.c's fix-its, and the spaces stray-space must keep. */
static void test_pasted(void) {
  FIXES("他说――我们", "他说——我们");
  FIXES("他说---好，他说--好", "他说——好，他说——好");
  FIXES("他说－－好", "他说——好");
  FIXES("他2019-2021年获评", "他2019—2021年获评");
  FIXES("1984年2月-2020年", "1984年2月—2020年");
  FIXES("2020年3－5月", "2020年3—5月");
  /* left alone: a right dash, a range dash, a lone ― (a guess), no date */
  FIXES("他说——好，北京—上海", "他说——好，北京—上海");
  FIXES("他说―好", "他说―好");
  FIXES("电话0571-8861234，日期2020-06-15，3-5亩", "电话0571-8861234，日期2020-06-15，3-5亩");
  /* run-in headings and bylines keep their space; a list of numbers does not */
  FIXES("工作。 一、修路", "工作。 一、修路");
  FIXES("三件事。　（二）建桥", "三件事。　（二）建桥");
  FIXES("修路。 三是办学", "修路。 三是办学");
  FIXES("黄绍玲 文/图", "黄绍玲 文/图");
  FIXES("黄绍玲 摄", "黄绍玲 摄");
  FIXES("第 一、二名", "第一、二名");
  /* ideographic-indent: the U+3000 starting a <para> go, the source indentation stays */
  const char *in = "<article><para>\n    　　他说</para><para>　他<emphasis>好</emphasis>　　人</para>"
                   "<para>\n  <emphasis role=\"bold\">　　他</emphasis>好</para>"
                   "<section><title>　标题</title></section></article>";
  const char *want = "<article><para>\n    他说</para><para>他<emphasis>好</emphasis>　　人</para>"
                     "<para>\n  <emphasis role=\"bold\">他</emphasis>好</para>"
                     "<section><title>　标题</title></section></article>";
  size_t len, changes;
  char *out = hui_fix_text(in, strlen(in), &len, &changes);
  CHECK_STR(out, want);
  CHECK_INT(changes, 3);
  free(out);
}


/* A pinyin gloss keeps its half-width parentheses (rule pinyin-gloss says to
 * delete it, fix does not make it look Chinese); a repeated pause mark loses
 * its second (doubled-punct), two different ones are left to the writer. */
static void test_gloss_and_doubled(void) {
  FIXES("他叫老犟(jiàng),学(xué)得快", "他叫老犟(jiàng)，学(xué)得快");
  FIXES("会议(2020年)", "会议（2020年）");
  CHECK_INT(count("学(xué)", true), 0);
  const char *in = "<article><para>修路，，架桥、、办学，、好。。</para></article>";
  const char *want = "<article><para>修路，架桥、办学，、好。</para></article>";
  size_t len, changes;
  char *out = hui_fix_text(in, strlen(in), &len, &changes);
  CHECK_STR(out, want);
  CHECK_INT(changes, 3);
  free(out);
}


/* traditional-chars: a paragraph in 繁體 is converted by fix; one 乾 is not
 * enough to count, nor touched; a name in <info> is left as it is. */
static void test_traditional(void) {
  const char *in = "<article><info><author><personname>張國華</personname></author></info>"
                   "<para>他帶領鄉親們修路</para><para>乾隆年间</para></article>";
  const char *want = "<article><info><author><personname>張國華</personname></author></info>"
                     "<para>他带领乡亲们修路</para><para>乾隆年间</para></article>";
  size_t len, changes;
  char *out = hui_fix_text(in, strlen(in), &len, &changes);
  CHECK_STR(out, want);
  CHECK_INT(changes, 5);
  free(out);
}

int main(void) {
  test_pasted();
  test_traditional();
  test_gloss_and_doubled();
  test_fires();
  test_quiet();
  test_unpaired_quote();
  test_fix_text();
  return CHECK_DONE();
}
