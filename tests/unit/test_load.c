#define _XOPEN_SOURCE 700
/* test_load: the loader on small editions written to a temporary folder —
 * mapping, body trees, positions, refused DTDs and entities, malformed XML,
 * schema messages, hostile nesting, templates. */
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "base/sha256.h"
#include "check.h"
#include "load.h"

static char root_dir[] = "/tmp/huibian-test-load-XXXXXX";

static void put(const char *dir, const char *rel, const char *text) {
  char *path = hui_path_join(dir, rel);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    exit(2);
  }
  fputs(text, f);
  fclose(f);
  free(path);
}

/* A fresh edition folder NAME with campaign.xml and submissions/. */
static char *edition(const char *name) {
  char *dir = hui_path_join(root_dir, name);
  mkdir(dir, 0700);
  char *sub = hui_path_join(dir, "submissions");
  mkdir(sub, 0700);
  free(sub);
  put(dir, "campaign.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<campaign year=\"2020\" xml:lang=\"zh-CN\">\n"
      "  <name>竞赛活动</name>\n"
      "  <area>青石县</area>\n"
      "  <organizer>领导小组</organizer>\n"
      "  <window start=\"2020-03-01\" end=\"2020-10-31\"/>\n"
      "  <rules max-chars=\"1200\" photo=\"optional\" recommender=\"required\"/>\n"
      "  <tiers><tier id=\"first\" name=\"一等奖\" quota=\"2\"/><tier id=\"second\" name=\"二等奖\"/><tier id=\"third\" name=\"三等奖\" quota=\"0\"/></tiers>\n"
      "  <order within-tier=\"pinyin\"/>\n"
      "  <results><award ref=\"s1\" tier=\"first\"/></results>\n"
      "  <compendium template=\"compendium-16k\" candidates=\"yes\">\n"
      "    <title>事迹汇编</title>\n"
      "    <preface><para>前言<emphasis>一</emphasis>段</para><para>二</para></preface>\n"
      "  </compendium>\n"
      "  <certificate template=\"certificate-a4-landscape\">\n"
      "    <title>荣誉证书</title><text>{name}同志</text><issuer>县委</issuer><date>2020-11-20</date>\n"
      "    <seal fileref=\"images/seal.png\"/><number format=\"{year}-{seq:03}\"/>\n"
      "  </certificate>\n"
      "</campaign>\n");
  return dir;
}

static const char *GOOD =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\"\n"
    "         xml:id=\"s1\" xml:lang=\"zh-CN\">\n"
    "  <info>\n"
    "    <date>2020-06-15</date>\n"
    "    <title>扎根基层</title>\n"
    "    <subtitle>副题</subtitle>\n"
    "    <author>\n"
    "      <personname>张建国</personname>\n"
    "      <affiliation><jobtitle>书记</jobtitle><orgname> 青石镇 </orgname></affiliation>\n"
    "    </author>\n"
    "    <cover><mediaobject><imageobject><imagedata fileref=\"images/zhang.jpg\"/></imageobject></mediaobject></cover>\n"
    "    <subjectset scheme=\"category\"><subject><subjectterm>老典型</subjectterm></subject></subjectset>\n"
    "    <bibliomisc role=\"recommender\">镇党委</bibliomisc>\n"
    "    <bibliomisc role=\"honor\">2018年度优秀党员</bibliomisc>\n"
    "    <bibliomisc role=\"honor\">2019年度先进个人</bibliomisc>\n"
    "    <abstract><para>一句话</para></abstract>\n"
    "  </info>\n"
    "  <para>他说<emphasis role=\"bold\">重</emphasis>和<emphasis>轻</emphasis><quote>引</quote><phrase>短</phrase>。</para>\n"
    "  <section xml:lang=\"zh-CN\"><title>一、心系</title>\n"
    "    <para>甲</para>\n"
    "    <itemizedlist><listitem><para>乙</para></listitem></itemizedlist>\n"
    "  </section>\n"
    "  <orderedlist><listitem><para>丙</para></listitem></orderedlist>\n"
    "  <blockquote><para>丁</para></blockquote>\n"
    "</article>\n";

static bool has_diag(const hui_diags *d, const char *file, int line, int col, const char *rule) {
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->file, file) == 0 && x->line == line && (col < 0 || x->col == col) &&
        strcmp(x->rule, rule) == 0)
      return true;
  }
  return false;
}

static void dump(const hui_diags *d) { hui_diags_print(d, stderr, NULL); }

static void test_good(void) {
  char *dir = edition("good");
  put(dir, "submissions/s1.xml", GOOD);
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK_INT(hui_diags_len(d), 0);
  if (hui_diags_len(d)) dump(d);
  const hui_campaign *c = &e->campaign;
  CHECK(c->loaded);
  CHECK_STR(c->year.text, "2020");
  CHECK_INT(c->year_num, 2020);
  CHECK_STR(c->name.text, "竞赛活动");
  CHECK_INT(c->name.pos.line, 3);
  CHECK_INT(c->name.pos.col, 3);
  CHECK_STR(c->window_start.text, "2020-03-01");
  CHECK_STR(c->window_end.text, "2020-10-31");
  CHECK_INT(c->rules.max_chars, 1200);
  CHECK(!c->rules.photo_required);
  CHECK(c->rules.recommender_required);
  CHECK_INT(c->ntiers, 3);
  CHECK_STR(c->tiers[0].name, "一等奖");
  CHECK_INT(c->tiers[0].quota, 2);
  CHECK_INT(c->tiers[1].quota, -1); /* no quota: no limit */
  CHECK_INT(c->tiers[2].quota, 0);  /* quota="0": no award allowed */
  CHECK_INT(c->order, HUI_ORDER_PINYIN);
  CHECK_INT(c->nawards, 1);
  CHECK_STR(c->awards[0].ref.text, "s1");
  CHECK_INT(c->awards[0].ref.pos.line, 10);
  CHECK_STR(c->compendium.template_name.text, "compendium-16k");
  CHECK(c->compendium.list_candidates);
  /* the digest of the bytes read, which the manifest records */
  {
    char *path = hui_path_join(dir, "submissions/s1.xml"), hex[65];
    uint64_t size = 0;
    CHECK(hui_sha256_file(path, &size, hex));
    CHECK_STR(e->subs[0].sha256, hex);
    CHECK_INT(e->subs[0].size, strlen(GOOD));
    CHECK_INT(size, strlen(GOOD));
    free(path);
  }
  CHECK_STR(c->compendium.title.text, "事迹汇编");
  CHECK(c->compendium.preface && c->compendium.preface->kind == HUI_N_ROOT);
  CHECK(c->compendium.preface->first && c->compendium.preface->first->kind == HUI_N_PARA);
  CHECK(c->compendium.preface->first->next && c->compendium.preface->first->next->kind == HUI_N_PARA);
  CHECK(c->compendium.preface->first->first->next->kind == HUI_N_EMPHASIS);
  CHECK_STR(c->certificate.template_name.text, "certificate-a4-landscape");
  CHECK_STR(c->certificate.text.text, "{name}同志");
  CHECK_STR(c->certificate.seal.text, "images/seal.png");
  CHECK_STR(c->certificate.number_format.text, "{year}-{seq:03}");
  CHECK(c->certificate.text_collective.text == NULL);

  CHECK_INT(e->nsubs, 1);
  const hui_submission *s = &e->subs[0];
  CHECK_STR(s->path, "submissions/s1.xml");
  CHECK(s->loaded);
  CHECK_INT(s->root_pos.line, 2);
  CHECK_INT(s->root_pos.col, 1);
  CHECK_STR(s->id.text, "s1");
  CHECK_STR(s->title.text, "扎根基层");
  CHECK_INT(s->title.pos.line, 6);
  CHECK_INT(s->title.pos.col, 5);
  CHECK_STR(s->subtitle.text, "副题");
  CHECK_STR(s->person.text, "张建国");
  CHECK(s->collective.text == NULL);
  CHECK_STR(s->unit.text, "青石镇");
  CHECK_INT(s->unit.pos.line, 10);
  CHECK_INT(s->unit.pos.col, 43); /* counted in characters, not bytes */
  CHECK_STR(s->position.text, "书记");
  CHECK_STR(s->date.text, "2020-06-15");
  CHECK_STR(s->photo.text, "images/zhang.jpg");
  CHECK_STR(s->category.text, "老典型");
  CHECK_STR(s->recommender.text, "镇党委");
  CHECK_INT(s->nhonors, 2);
  CHECK_STR(s->honors[1].text.text, "2019年度先进个人");
  CHECK_STR(s->abstract.text, "一句话");
  CHECK_STR(hui_submission_name(s), "张建国");

  /* body: para, section(title, para, itemized(item(para))), ordered, blockquote */
  const hui_node *b = s->body;
  CHECK(b && b->kind == HUI_N_ROOT);
  const hui_node *p = b->first;
  CHECK(p && p->kind == HUI_N_PARA);
  CHECK_INT(p->pos.line, 19);
  CHECK_INT(p->pos.col, 3);
  const hui_node *t = p->first;
  CHECK(t && t->kind == HUI_N_TEXT);
  CHECK_STR(t->text, "他说");
  CHECK_INT(t->pos.col, 9);
  CHECK(t->next->kind == HUI_N_EMPHASIS && (t->next->flags & HUI_NODE_BOLD));
  CHECK_STR(t->next->first->text, "重");
  CHECK(t->next->next->kind == HUI_N_TEXT);
  const hui_node *em2 = t->next->next->next;
  CHECK(em2->kind == HUI_N_EMPHASIS && !(em2->flags & HUI_NODE_BOLD));
  CHECK(em2->next->kind == HUI_N_QUOTE);
  CHECK(em2->next->next->kind == HUI_N_PHRASE);
  const hui_node *sec = p->next;
  CHECK(sec && sec->kind == HUI_N_SECTION);
  CHECK(sec->first->kind == HUI_N_TITLE);
  CHECK_STR(sec->first->first->text, "一、心系");
  CHECK(sec->first->next->kind == HUI_N_PARA);
  const hui_node *il = sec->first->next->next;
  CHECK(il->kind == HUI_N_ITEMIZED);
  CHECK(il->first->kind == HUI_N_ITEM && il->first->first->kind == HUI_N_PARA);
  CHECK(il->next == NULL);
  CHECK(sec->next->kind == HUI_N_ORDERED);
  CHECK(sec->next->next->kind == HUI_N_BLOCKQUOTE);
  CHECK(sec->next->next->next == NULL);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* Valid DocBook 5.0 forms inside the subset: title before info, info in any
 * order, a collective author, CDATA, comments and PIs. */
static void test_docbook_variants(void) {
  char *dir = edition("variants");
  put(dir, "submissions/a.xml",
      "<?xml version=\"1.0\"?>\n"
      "<!-- a comment before the root -->\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"a_1\">\n"
      "  <title xml:lang=\"zh-CN\">集体</title>\n"
      "  <info><bibliomisc role=\"recommender\">县委</bibliomisc><author><orgname>突击队</orgname></author>"
      "<date>2020-05-01</date></info>\n"
      "  <para><![CDATA[a<b]]>文<?pi x?><!-- c -->字</para>\n"
      "</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK_INT(hui_diags_len(d), 0);
  if (hui_diags_len(d)) dump(d);
  const hui_submission *s = &e->subs[0];
  CHECK_STR(s->title.text, "集体");
  CHECK_STR(s->collective.text, "突击队");
  CHECK(s->person.text == NULL);
  CHECK_STR(hui_submission_name(s), "突击队");
  const hui_node *p = s->body->first;
  CHECK(p && p->kind == HUI_N_PARA);
  CHECK_INT(p->pos.line, 6);
  CHECK_STR(p->first->text, "a<b");
  CHECK_INT(p->first->pos.col, 18);
  CHECK_STR(p->first->next->text, "文");
  CHECK_STR(p->last->text, "字");
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* Several persons: one <author> each, the unit on the first; the names
 * joined by U+3000. A later author with a unit, and a person after a
 * collective, are schema findings at their lines. */
static void test_persons(void) {
  char *dir = edition("persons");
  put(dir, "submissions/a.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"a\">\n"
      "  <info><title>父女</title>\n"
      "    <author><personname>林守山</personname><affiliation><orgname>林场</orgname>"
      "<jobtitle>护林员</jobtitle></affiliation></author>\n"
      "    <author><personname>林晓禾</personname></author>\n"
      "    <author><personname> 林小穗 </personname></author>\n"
      "    <bibliomisc role=\"recommender\">县委</bibliomisc><date>2020-05-01</date>\n"
      "    <abstract><para>两代</para><para>接力</para></abstract></info>\n"
      "  <para>文</para>\n"
      "</article>\n");
  put(dir, "submissions/b.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"b\">\n"
      "  <info><title>队</title>\n"
      "    <author><orgname>突击队</orgname></author>\n"
      "    <author><personname>郑冬生</personname></author>\n"
      "    <bibliomisc role=\"recommender\">县委</bibliomisc><date>2020-05-01</date></info>\n"
      "  <para>文</para>\n"
      "</article>\n");
  put(dir, "submissions/c.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"c\">\n"
      "  <info><title>兄弟</title>\n"
      "    <author><personname>周大河</personname><affiliation><orgname>村</orgname></affiliation></author>\n"
      "    <author><personname>周小河</personname><affiliation><orgname>镇</orgname></affiliation></author>\n"
      "    <bibliomisc role=\"recommender\">县委</bibliomisc><date>2020-05-01</date></info>\n"
      "  <para>文</para>\n"
      "</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL && e->nsubs == 3);
  const hui_submission *a = &e->subs[0], *b = &e->subs[1], *c = &e->subs[2];
  CHECK_STR(a->person.text, "林守山");
  CHECK_INT(a->nothers, 2);
  CHECK_STR(a->others[0].text, "林晓禾");
  CHECK_INT(a->others[0].pos.line, 5);
  CHECK_STR(a->others[1].text, "林小穗");
  CHECK_STR(a->joined_name, "林守山　林晓禾　林小穗");
  CHECK_STR(hui_submission_name(a), "林守山　林晓禾　林小穗");
  CHECK_STR(a->unit.text, "林场");
  CHECK_STR(a->position.text, "护林员");
  CHECK_STR(a->abstract.text, "两代\n接力");
  /* b: the collective stays alone; the person after it is a finding */
  CHECK_STR(b->collective.text, "突击队");
  CHECK(b->person.text == NULL && b->nothers == 0 && b->joined_name == NULL);
  /* c: the second unit is a finding and is not read */
  CHECK_STR(c->unit.text, "村");
  CHECK_STR(hui_submission_name(c), "周大河　周小河");
  size_t n = hui_diags_len(d), found_b = 0, found_c = 0;
  for (size_t i = 0; i < n; i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->rule, "schema") != 0) continue;
    if (strstr(x->file, "b.xml") && x->line == 5) found_b++;
    if (strstr(x->file, "c.xml") && x->line == 5) found_c++;
  }
  CHECK_INT(found_b, 1);
  CHECK_INT(found_c, 1);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* campaign.xml's settings for several persons and the abstract. */
static void test_campaign_persons(void) {
  hui_diags *d = hui_diags_new();
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  hui_campaign *c = &e->campaign;
  static const char xml[] =
      "<campaign year=\"2020\"><name>n</name><area>a</area><organizer>o</organizer>"
      "<window start=\"2020-01-01\" end=\"2020-12-31\"/>"
      "<rules summary-chars=\"300\" summary=\"required\" per-unit=\"2\">"
      "<limit field=\"jobtitle\" value=\"村党支部书记\" max-share=\"20%\"/>"
      "<limit field=\"category\" value=\"老典型\" max-share=\"12.5\"/></rules>"
      "<tiers><tier id=\"t\" name=\"一等奖\"/></tiers><compendium><title>t</title></compendium>"
      "<certificate per-person=\"yes\"><title>t</title><text>{name}</text><issuer>i</issuer>"
      "<date>2020-11-20</date></certificate></campaign>";
  hui_load_campaign_memory(xml, sizeof xml - 1, d, c);
  CHECK_INT(hui_diags_len(d), 0);
  if (hui_diags_len(d)) dump(d);
  CHECK_INT(c->rules.summary_chars, 300);
  CHECK(c->rules.summary_required);
  CHECK_INT(c->rules.per_unit, 2);
  CHECK_INT(c->rules.nlimits, 2);
  if (c->rules.nlimits == 2) {
    CHECK(c->rules.limits[0].field == HUI_LIMIT_JOBTITLE);
    CHECK_STR(c->rules.limits[0].value, "村党支部书记");
    CHECK(c->rules.limits[0].max_share == 20.0);
    CHECK(c->rules.limits[1].field == HUI_LIMIT_CATEGORY);
    CHECK(c->rules.limits[1].max_share == 12.5);
  }
  CHECK(c->certificate.per_person);
  hui_edition_free(e);
  hui_diags_free(d);
}

/* A <limit> whose share is not a percentage, or whose field is not one a
 * submission has, is a schema error and no limit; per-unit must be whole. */
static void test_campaign_limit_bad(void) {
  hui_diags *d = hui_diags_new();
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  hui_campaign *c = &e->campaign;
  static const char xml[] =
      "<campaign year=\"2020\"><name>n</name><area>a</area><organizer>o</organizer>"
      "<window start=\"2020-01-01\" end=\"2020-12-31\"/>"
      "<rules per-unit=\"two\"><limit field=\"unit\" value=\"甲\" max-share=\"120%\"/>"
      "<limit field=\"rank\" value=\"县处级\" max-share=\"20%\"/></rules>"
      "<tiers><tier id=\"t\" name=\"一等奖\"/></tiers><compendium><title>t</title></compendium></campaign>";
  hui_load_campaign_memory(xml, sizeof xml - 1, d, c);
  CHECK_INT(c->rules.nlimits, 0);
  CHECK_INT(c->rules.per_unit, 0);
  bool share = false, rank = false, per = false;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *g = hui_diags_at(d, i);
    CHECK_STR(g->rule, "schema");
    share |= strstr(g->message, "max-share=\"120%\"") != NULL;
    rank |= strstr(g->message, "rank") != NULL;
    per |= strstr(g->message, "per-unit=\"two\"") != NULL;
  }
  CHECK(share);
  CHECK(rank);
  CHECK(per);
  hui_edition_free(e);
  hui_diags_free(d);
}

/* A CALS table: title, a colspec's width, header row, a cell merged across
 * two columns by colspec names and one merged down two rows, an entry whose
 * namest skips two columns (they get empty cells); bare entry text becomes
 * one paragraph, paragraphs stay paragraphs. */
static void test_table(void) {
  char *dir = edition("table");
  put(dir, "submissions/t.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"t1\">\n"
      "  <title>修渠记</title>\n"
      "  <table frame=\"all\"><title>青山县三年修渠<emphasis>里程</emphasis></title>\n"
      "    <tgroup cols=\"3\"><colspec colname=\"c1\" colwidth=\"2*\"/><colspec colname=\"c2\"/><colspec colname=\"c3\"/>\n"
      "      <thead><row><entry>年份</entry><entry namest=\"c2\" nameend=\"c3\">里程</entry></row></thead>\n"
      "      <tbody><row><entry morerows=\"1\">二〇一八</entry><entry>东渠</entry><entry>3公里</entry></row>\n"
      "        <row><entry><para>西渠</para><para>南段</para></entry><entry>2公里</entry></row>\n"
      "        <row><entry namest=\"c3\">5公里</entry></row></tbody>\n"
      "    </tgroup></table>\n"
      "  <informaltable><tgroup cols=\"1\"><tbody><row><entry/></row></tbody></tgroup></informaltable>\n"
      "</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK_INT(hui_diags_len(d), 0);
  if (hui_diags_len(d)) dump(d);
  const hui_node *t = e->subs[0].body->first;
  CHECK(t && t->kind == HUI_N_TABLE);
  CHECK_INT(t->cols, 3);
  CHECK_INT(t->pos.line, 4);
  const hui_node *title = t->first;
  CHECK(title->kind == HUI_N_TITLE);
  CHECK_STR(title->first->text, "青山县三年修渠");
  CHECK(title->last->kind == HUI_N_EMPHASIS);
  const hui_node *spec = title->next;
  CHECK(spec->kind == HUI_N_COLSPEC && spec->cols == 1);
  CHECK_STR(spec->text, "2*");
  const hui_node *head = spec->next;
  CHECK(head->kind == HUI_N_ROW && (head->flags & HUI_NODE_HEAD));
  CHECK(head->first->kind == HUI_N_CELL && head->first->cols == 1 && head->first->rows == 1);
  CHECK(head->first->first->kind == HUI_N_PARA);
  CHECK_STR(head->first->first->first->text, "年份");
  CHECK_INT(head->last->cols, 2);
  const hui_node *r1 = head->next, *r2 = r1->next;
  CHECK(!(r1->flags & HUI_NODE_HEAD));
  CHECK_INT(r1->first->rows, 2);
  CHECK_INT(r1->first->cols, 1);
  CHECK_INT(r2->pos.line, 8);
  const hui_node *two = r2->first;
  CHECK(two->first->kind == HUI_N_PARA && two->first->next && two->first->next->kind == HUI_N_PARA);
  CHECK_STR(two->first->next->first->text, "南段");
  CHECK(two->first->next->next == NULL);
  const hui_node *r3 = r2->next;
  CHECK(r3 && r3->first->kind == HUI_N_CELL && r3->first->first == NULL);
  CHECK(r3 && r3->first->next->first == NULL && r3->last->first->kind == HUI_N_PARA);
  CHECK(r3 && r3->first->next->next == r3->last && r3->next == NULL);
  const hui_node *inf = t->next;
  CHECK(inf && inf->kind == HUI_N_TABLE && inf->cols == 1);
  CHECK(inf->first->kind == HUI_N_ROW && inf->first->first->first->kind == HUI_N_PARA);
  CHECK(inf->first->first->first->first == NULL);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* Figures: the image's fileref and line, the caption from the title or
 * else from the mediaobject's caption. */
static void test_figure(void) {
  char *dir = edition("figure");
  put(dir, "submissions/f.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"f1\">\n"
      "  <title>护林记</title>\n"
      "  <figure><title>图为李青山在<emphasis>巡山</emphasis></title>\n"
      "    <mediaobject><imageobject><imagedata fileref=\"images/xunshan.jpg\"/></imageobject></mediaobject></figure>\n"
      "  <informalfigure><mediaobject><imageobject>\n"
      "    <imagedata fileref=\"images/linchang.png\"/></imageobject>\n"
      "    <caption><para>图为青山林场</para></caption></mediaobject></informalfigure>\n"
      "</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK_INT(hui_diags_len(d), 0);
  if (hui_diags_len(d)) dump(d);
  const hui_node *f = e->subs[0].body->first;
  CHECK(f && f->kind == HUI_N_FIGURE);
  CHECK(f->first->kind == HUI_N_IMAGE);
  CHECK_STR(f->first->text, "images/xunshan.jpg");
  CHECK_INT(f->first->pos.line, 5);
  const hui_node *cap = f->first->next;
  CHECK(cap && cap->kind == HUI_N_CAPTION && cap->next == NULL);
  CHECK_STR(cap->first->text, "图为李青山在");
  CHECK(cap->last->kind == HUI_N_EMPHASIS);
  const hui_node *g = f->next;
  CHECK(g && g->kind == HUI_N_FIGURE);
  CHECK_STR(g->first->text, "images/linchang.png");
  CHECK_INT(g->first->pos.line, 7);
  CHECK(g->last->kind == HUI_N_CAPTION);
  CHECK_STR(g->last->first->text, "图为青山林场");
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* Footnotes inside a paragraph, sections three deep, an epigraph and an
 * editor's note with its title; a fourth level, a footnote in a footnote and
 * a note of another role are schema errors at their lines. */
static void test_notes(void) {
  char *dir = edition("notes");
  put(dir, "submissions/n.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"n1\">\n"
      "  <title>守渠记</title>\n"
      "  <note role=\"editor\"><title>编者按</title><para>按语</para></note>\n"
      "  <epigraph><para>颁奖辞</para></epigraph>\n"
      "  <para>渠长三里<footnote><para>一里为五百米。</para></footnote>，年年清淤。</para>\n"
      "  <section><title>一、甲</title>\n"
      "    <section><title>（一）乙</title>\n"
      "      <section><title>1.丙</title><para>丁</para></section>\n"
      "    </section>\n"
      "  </section>\n"
      "</article>\n");
  put(dir, "submissions/m.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"n2\">\n"
      "  <title>护林记</title>\n"
      "  <section><title>一</title><section><title>二</title><section><title>三</title>\n"
      "    <section><title>四</title><para>深</para></section>\n"
      "  </section></section></section>\n"
      "  <para>甲<footnote><para>乙<footnote><para>丙</para></footnote></para></footnote></para>\n"
      "  <note role=\"tip\"><para>提示</para></note>\n"
      "</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  const hui_submission *s = NULL;
  for (size_t i = 0; i < e->nsubs; i++)
    if (strcmp(e->subs[i].path, "submissions/n.xml") == 0) s = &e->subs[i];
  CHECK(s != NULL);
  for (size_t i = 0; i < hui_diags_len(d); i++)
    CHECK(strcmp(hui_diags_at(d, i)->file, "submissions/n.xml") != 0);
  const hui_node *note = s->body->first;
  CHECK(note && note->kind == HUI_N_EDITOR_NOTE);
  CHECK(note->first->kind == HUI_N_TITLE);
  CHECK_STR(note->first->first->text, "编者按");
  CHECK(note->last->kind == HUI_N_PARA);
  const hui_node *epi = note->next;
  CHECK(epi && epi->kind == HUI_N_EPIGRAPH && epi->first->kind == HUI_N_PARA);
  CHECK_STR(epi->first->first->text, "颁奖辞");
  const hui_node *para = epi->next;
  CHECK(para && para->kind == HUI_N_PARA);
  const hui_node *fn = para->first->next;
  CHECK(fn && fn->kind == HUI_N_FOOTNOTE);
  CHECK_INT(fn->pos.line, 6);
  CHECK(fn->first->kind == HUI_N_PARA);
  CHECK_STR(fn->first->first->text, "一里为五百米。");
  CHECK_STR(fn->next->text, "，年年清淤。");
  const hui_node *s1 = para->next, *s2 = s1->last, *s3 = s2->last;
  CHECK(s1->kind == HUI_N_SECTION && s2->kind == HUI_N_SECTION && s3->kind == HUI_N_SECTION);
  CHECK_STR(s3->first->first->text, "1.丙");
  CHECK(has_diag(d, "submissions/m.xml", 5, -1, "schema"));
  CHECK(has_diag(d, "submissions/m.xml", 7, -1, "schema"));
  CHECK(has_diag(d, "submissions/m.xml", 8, -1, "schema"));
  if (!has_diag(d, "submissions/m.xml", 5, -1, "schema")) dump(d);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* The external entity must never be read: the DOCTYPE alone refuses the file. */
static void test_dtd_refused(void) {
  char *dir = edition("dtd");
  put(dir, "submissions/x.xml",
      "<?xml version=\"1.0\"?>\n"
      "<!-- before -->\n"
      "<!DOCTYPE article [\n"
      "  <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n"
      "]>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" xml:id=\"x\"><para>&xxe;</para></article>\n");
  put(dir, "submissions/y.xml",
      "<?xml version=\"1.0\"?>\n"
      "<!DOCTYPE article SYSTEM \"file:///etc/passwd\">\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" xml:id=\"y\"><para>a</para></article>\n");
  /* An entity reference without any DTD is a plain well-formedness error. */
  put(dir, "submissions/z.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" xml:id=\"z\">\n<para>&xxe;</para></article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK(has_diag(d, "submissions/x.xml", 3, 1, "dtd-forbidden"));
  CHECK(has_diag(d, "submissions/y.xml", 2, 1, "dtd-forbidden"));
  CHECK(has_diag(d, "submissions/z.xml", 3, -1, "not-well-formed"));
  CHECK(!e->subs[0].loaded && !e->subs[1].loaded && !e->subs[2].loaded);
  for (size_t i = 0; i < e->nsubs; i++) CHECK(e->subs[i].body == NULL);
  for (size_t i = 0; i < hui_diags_len(d); i++) CHECK(strstr(hui_diags_at(d, i)->message, "root:") == NULL);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

static void test_broken_files(void) {
  char *dir = edition("broken");
  put(dir, "submissions/a.xml",
      "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\">\n"
      "  <para>一二</sect>\n</article>\n");
  put(dir, "submissions/b.xml", "");
  put(dir, "submissions/c.xml", "<?xml version=\"1.0\"?>\n<article>\n  <para>ab\xff</para></article>\n");
  put(dir, "submissions/d.xml", "<?xml version=\"1.0\"?>\n<article><para>x</para></article>\n");
  put(dir, "submissions/e.xml", "<?xml version=\"1.0\"?>\n<doc xmlns=\"http://docbook.org/ns/docbook\"/>\n");
  /* 5 MB: over the limit */
  char *big = hui_xmalloc(5u * 1024u * 1024u + 1);
  memset(big, ' ', 5u * 1024u * 1024u);
  big[5u * 1024u * 1024u] = '\0';
  put(dir, "submissions/f.xml", big);
  free(big);
  put(dir, "submissions/notxml.txt", "ignored");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK_INT(e->nsubs, 6);
  CHECK(has_diag(d, "submissions/a.xml", 3, -1, "not-well-formed"));
  CHECK(has_diag(d, "submissions/b.xml", 1, 1, "file-empty"));
  CHECK(has_diag(d, "submissions/c.xml", 3, 11, "invalid-utf8"));
  CHECK(has_diag(d, "submissions/d.xml", 2, 1, "schema"));
  CHECK(has_diag(d, "submissions/e.xml", 2, 1, "schema"));
  CHECK(has_diag(d, "submissions/f.xml", 0, 0, "file-too-large"));
  for (size_t i = 0; i < e->nsubs; i++) CHECK(!e->subs[i].loaded);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

static void test_schema_messages(void) {
  char *dir = edition("schema");
  put(dir, "submissions/a.xml",
      "<?xml version=\"1.0\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"a\">\n"
      "  <info><title>题</title></info>\n"
      "  <para>前</para>\n"
      "  <section><title>一</title>\n"
      "    <para>说 <sidebar>旁注里的字</sidebar> 后</para>\n"
      "  </section>\n"
      "  <para bogus=\"1\">x</para>\n"
      "  <section><para>没有标题</para></section>\n"
      "  裸字\n"
      "</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  CHECK(has_diag(d, "submissions/a.xml", 6, 13, "schema"));
  CHECK(has_diag(d, "submissions/a.xml", 8, 3, "schema"));
  CHECK(has_diag(d, "submissions/a.xml", 9, 3, "schema"));
  CHECK(has_diag(d, "submissions/a.xml", 10, 3, "schema"));
  bool named = false;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (x->line == 6)
      named = strstr(x->message, "element <sidebar> is not allowed here; a submission body may contain para") != NULL;
  }
  CHECK(named);
  /* mapped best-effort so the rules can go on */
  CHECK(e->subs[0].loaded);
  CHECK_STR(e->subs[0].title.text, "题");
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* Hostile nesting: a diagnostic, never a crash. */
static void test_deep(void) {
  char *dir = edition("deep");
  hui_buf b = {0};
  hui_buf_puts(&b, "<article xmlns=\"http://docbook.org/ns/docbook\" xml:id=\"d\"><para>");
  for (int i = 0; i < 10000; i++) hui_buf_puts(&b, "<phrase>");
  hui_buf_puts(&b, "x");
  for (int i = 0; i < 10000; i++) hui_buf_puts(&b, "</phrase>");
  hui_buf_puts(&b, "</para></article>\n");
  put(dir, "submissions/a.xml", b.data);
  hui_buf_free(&b);
  hui_buf_puts(&b, "<article xmlns=\"http://docbook.org/ns/docbook\" xml:id=\"e\"><para>");
  for (int i = 0; i < 200; i++) hui_buf_puts(&b, "<phrase>");
  hui_buf_puts(&b, "x");
  for (int i = 0; i < 200; i++) hui_buf_puts(&b, "</phrase>");
  hui_buf_puts(&b, "</para></article>\n");
  put(dir, "submissions/b.xml", b.data);
  hui_buf_free(&b);
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  bool a = false, bb = false;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->rule, "too-deep") == 0) {
      a |= strcmp(x->file, "submissions/a.xml") == 0;
      bb |= strcmp(x->file, "submissions/b.xml") == 0;
    }
  }
  CHECK(a);
  CHECK(bb);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

static void test_folder(void) {
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  char *dir = hui_path_join(root_dir, "nothing");
  mkdir(dir, 0700);
  CHECK(hui_load_edition(dir, d, &why) == NULL);
  CHECK(why && strstr(why, "campaign.xml is missing"));
  free(why);
  why = NULL;
  put(dir, "campaign.xml", "<campaign/>");
  CHECK(hui_load_edition(dir, d, &why) == NULL);
  CHECK(why && strstr(why, "submissions/"));
  free(why);
  why = NULL;
  CHECK(hui_load_edition("/nonexistent/huibian", d, &why) == NULL);
  CHECK(why != NULL);
  free(why);
  CHECK_INT(hui_diags_len(d), 0);
  free(dir);

  /* files are read in byte order of their names */
  dir = edition("sorted");
  put(dir, "submissions/b.xml", GOOD);
  put(dir, "submissions/B.xml", GOOD);
  put(dir, "submissions/a-1.xml", GOOD);
  why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e && e->nsubs == 3);
  CHECK_STR(e->subs[0].path, "submissions/B.xml");
  CHECK_STR(e->subs[1].path, "submissions/a-1.xml");
  CHECK_STR(e->subs[2].path, "submissions/b.xml");
  hui_edition_free(e);
  free(dir);

  /* a submission is every file a reader takes, by its extension in any case;
   * hidden files and other names are not read */
  dir = edition("names");
  put(dir, "submissions/c.XML", GOOD);
  put(dir, "submissions/.c.xml", GOOD);
  put(dir, "submissions/c.xml.bak", GOOD);
  put(dir, "submissions/notes.txt", "notes");
  why = NULL;
  e = hui_load_edition(dir, d, &why);
  CHECK(e && e->nsubs == 1);
  if (e && e->nsubs == 1) {
    CHECK_STR(e->subs[0].path, "submissions/c.XML");
    CHECK(e->subs[0].loaded);
  }
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

static void test_template(void) {
  char *dir = edition("tpl");
  char *tdir = hui_path_join(dir, "templates");
  mkdir(tdir, 0700);
  put(tdir, "mine.xml",
      "<template kind=\"compendium\">\n"
      "  <page width=\"185\" height=\"260\"/>\n"
      "  <margins top=\"30\" bottom=\"28\" inner=\"25\" outer=\"20\" mirror=\"yes\"/>\n"
      "  <grid chars=\"26\" lines=\"20\"/>\n"
      "  <type body=\"14\" leading=\"0\" title=\"20\"/>\n"
      "  <folio style=\"plain\"/>\n"
      "  <recto-start enabled=\"yes\"/>\n"
      "  <linebreak level=\"strict\"/>\n"
      "  <footnotes numbers=\"arabic\" size=\"9\"/>\n"
      "  <apart role=\"body\"/>\n"
      "</template>\n");
  put(tdir, "badnotes.xml",
      "<template kind=\"compendium\"><page width=\"1\" height=\"1\"/>"
      "<footnotes numbers=\"roman\"/></template>");
  put(tdir, "badapart.xml",
      "<template kind=\"compendium\"><page width=\"1\" height=\"1\"/>"
      "<apart role=\"song\"/></template>");
  put(tdir, "bad.xml", "<template kind=\"compendium\"><page width=\"x\" height=\"1\"/></template>");
  put(tdir, "badlevel.xml", "<template kind=\"compendium\"><page width=\"1\" height=\"1\"/>"
                            "<linebreak level=\"loose\"/></template>");
  put(tdir, "dtd.xml", "<!DOCTYPE t SYSTEM \"/etc/passwd\"><template kind=\"compendium\"/>");
  put(tdir, "cert.xml", "<template kind=\"certificate\"><page width=\"297\" height=\"210\"/>"
                        "<box field=\"name\" x=\"10\" y=\"20\" w=\"100\" h=\"12\"/></template>");
  char *why = NULL;
  hui_template *t = hui_load_template(dir, NULL, "mine", &why);
  CHECK(t != NULL);
  if (t) {
    CHECK(t->page_w == 185 && t->page_h == 260);
    CHECK(t->margin_inner == 25 && t->mirror);
    CHECK_INT(t->grid_chars, 26);
    CHECK_INT(t->grid_lines, 20);
    CHECK(t->body_pt == 14 && t->title_pt == 20 && t->leading_pt == 0);
    CHECK_STR(t->folio_style, "plain");
    CHECK(t->recto_start && t->running_heads && t->strict_breaks);
    CHECK(t->photo_w == 30 && t->photo_h == 40);
    CHECK_STR(t->name, "mine");
    CHECK(t->note_arabic && t->note_pt == 9);
    CHECK_INT(t->apart_role, 0); /* body */
  }
  hui_template_free(t);
  t = hui_load_template(dir, NULL, "bad", &why);
  CHECK(t == NULL && why && strstr(why, "templates/bad.xml:1"));
  free(why);
  t = hui_load_template(dir, NULL, "badlevel", &why);
  CHECK(t == NULL && why && strstr(why, "<linebreak level=\"loose\">: expected basic or strict"));
  free(why);
  t = hui_load_template(dir, NULL, "badnotes", &why);
  CHECK(t == NULL && why &&
        strstr(why, "<footnotes numbers=\"roman\">: expected one of circled, arabic"));
  free(why);
  t = hui_load_template(dir, NULL, "badapart", &why);
  CHECK(t == NULL && why && strstr(why, "<apart role=\"song\">: expected one of body, heading"));
  free(why);
  t = hui_load_template(dir, NULL, "dtd", &why);
  CHECK(t == NULL && why && strstr(why, "DOCTYPE"));
  free(why);
  t = hui_load_template(dir, NULL, "../tpl/templates/mine", &why);
  CHECK(t == NULL && why);
  free(why);
  t = hui_load_template(dir, NULL, "missing", &why);
  CHECK(t == NULL && why && strstr(why, "not found"));
  free(why);
  t = hui_load_template(dir, NULL, "cert", &why);
  CHECK(t != NULL && !t->note_arabic && t->note_pt == 0 && t->apart_role == 3);
  CHECK(t != NULL && t->kind == HUI_TEMPLATE_CERTIFICATE && t->cert.cbox[HUI_CBOX_NAME].set && t->cert.cbox[HUI_CBOX_NAME].w == 100);
  hui_template_free(t);
  /* the project's templates folder is the fallback */
  t = hui_load_template("/nonexistent", tdir, "mine", &why);
  CHECK(t != NULL);
  hui_template_free(t);
  free(tdir);
  free(dir);
}

/* One article in UTF-8 with the declaration's encoding as ENC; a four-byte
 * GB18030 character (U+20000) comes before an element on the same line. */
static char *gb_doc(const char *enc) {
  return hui_xasprintf(
      "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
      "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"s1\" xml:lang=\"zh-CN\">\n"
      "  <info>\n"
      "    <title>扎根基层</title>\n"
      "    <author><personname>张建国</personname>\n"
      "      <affiliation><orgname>青石镇</orgname></affiliation></author>\n"
      "    <date>2020-06-15</date>\n"
      "    <subjectset scheme=\"category\"><subject><subjectterm>老典型</subjectterm></subject></subjectset>\n"
      "  </info>\n"
      "  <para>他说\xF0\xA0\x80\x80，<emphasis>重</emphasis>和“轻”。</para>\n"
      "  <section><title>一、心系</title><para>甲乙</para></section>\n"
      "</article>\n",
      enc);
}

/* utf8 encoded as GB18030 with iconv (the test's own converter: the loader
 * goes the other way). Caller frees. */
static char *to_gb18030(const char *utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  CHECK(cd != (iconv_t)-1);
  size_t il = strlen(utf8), ol = il * 2 + 1;
  char *out = hui_xcalloc(ol + 1, 1), *ip = (char *)utf8, *op = out;
  CHECK(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1 && il == 0);
  iconv_close(cd);
  return out;
}

static bool same_pos(hui_pos a, hui_pos b) { return a.line == b.line && a.col == b.col; }

/* A file that declares GB18030, GBK or GB2312 is converted on load: the same
 * text at the same lines and columns as its UTF-8 twin. */
static void test_gb_encodings(void) {
  char *utf8 = gb_doc("UTF-8");
  const char *names[] = {"GB18030", "gbk", "Gb2312"};
  for (size_t k = 0; k < 3; k++) {
    char *dir = edition(k == 0 ? "gb0" : k == 1 ? "gb1" : "gb2");
    char *doc = gb_doc(names[k]);
    char *gb = to_gb18030(doc);
    size_t bad;
    CHECK(!hui_utf8_valid(gb, strlen(gb), &bad)); /* really not UTF-8 */
    put(dir, "submissions/s1.xml", gb);
    put(dir, "submissions/s2.xml", utf8);
    hui_diags *d = hui_diags_new();
    char *why = NULL;
    hui_edition *e = hui_load_edition(dir, d, &why);
    CHECK(e != NULL && e->nsubs == 2);
    CHECK(e->subs[0].loaded && e->subs[1].loaded);
    const hui_submission *g = &e->subs[0], *u = &e->subs[1];
    CHECK_STR(g->title.text, "扎根基层");
    CHECK_STR(g->person.text, "张建国");
    CHECK_STR(g->unit.text, "青石镇");
    CHECK(same_pos(g->person.pos, u->person.pos) && same_pos(g->person.text_pos, u->person.text_pos));
    CHECK(same_pos(g->title.text_pos, u->title.text_pos));
    const hui_node *a = g->body, *b = u->body;
    size_t nodes = 0;
    for (; a && b; a = hui_node_walk_next(g->body, a), b = hui_node_walk_next(u->body, b), nodes++) {
      CHECK(a->kind == b->kind);
      CHECK(same_pos(a->pos, b->pos));
      CHECK((!a->text && !b->text) || (a->text && b->text && strcmp(a->text, b->text) == 0));
    }
    CHECK(!a && !b && nodes > 8);
    for (const hui_node *n = g->body; n; n = hui_node_walk_next(g->body, n))
      if (n->kind == HUI_N_EMPHASIS) CHECK(n->pos.line == 10 && n->pos.col == 13); /* after 他说𠀀， */
    /* the only findings: the duplicate id of the twin, nothing about the encoding */
    for (size_t i = 0; i < hui_diags_len(d); i++) CHECK_STR(hui_diags_at(d, i)->rule, "id-duplicate");
    hui_edition_free(e);
    hui_diags_free(d);
    free(gb);
    free(doc);
    free(dir);
  }

  /* UTF-8 bytes that say GBK are read as UTF-8; bytes that are not GB18030
   * (here a character cut off at the end) are invalid-encoding where they
   * start; no declaration and not UTF-8 stays invalid-utf8. */
  char *dir = edition("gbbad");
  char *doc = gb_doc("GBK");
  put(dir, "submissions/a.xml", doc);
  char *gb = to_gb18030(doc);
  char *cut = hui_xasprintf("%s\xD5", gb);
  put(dir, "submissions/b.xml", cut);
  put(dir, "submissions/c.xml", strchr(gb, '\n') + 1);
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL && e->nsubs == 3);
  CHECK(e->subs[0].loaded && !e->subs[1].loaded && !e->subs[2].loaded);
  CHECK(has_diag(d, "submissions/b.xml", 13, 1, "invalid-encoding"));
  CHECK(has_diag(d, "submissions/c.xml", 3, 12, "invalid-utf8"));
  CHECK_INT(hui_diags_len(d), 2);
  if (hui_diags_len(d) != 2) dump(d);
  hui_edition_free(e);
  hui_diags_free(d);
  free(cut);
  free(gb);
  free(doc);
  free(dir);
  free(utf8);
}

/* Every bare & is its own finding (up to a limit, then one for the rest);
 * a missing end tag is one finding, not libxml2's cascade. */
static void test_wellformed(void) {
  char *dir = edition("wf");
  hui_buf b = {0};
  hui_buf_puts(&b, "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\">\n");
  for (int i = 0; i < 25; i++) hui_buf_puts(&b, "  <para>甲&乙 &amp; &#x4E00;</para>\n");
  hui_buf_puts(&b, "</article>\n");
  put(dir, "submissions/a.xml", b.data);
  hui_buf_free(&b);
  put(dir, "submissions/b.xml",
      "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\">\n"
      "  <section><title>一</title>\n    <para>甲<emphasis>乙</para>\n  </section>\n</article>\n");
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  size_t na = 0, nb = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    CHECK_STR(x->rule, "not-well-formed");
    if (strcmp(x->file, "submissions/a.xml") == 0) na++;
    if (strcmp(x->file, "submissions/b.xml") == 0) nb++;
  }
  CHECK_INT(na, 22); /* the first, 20 more, and one for the last 4 */
  for (int line = 3; line <= 23; line++) CHECK(has_diag(d, "submissions/a.xml", line, 10, "not-well-formed"));
  CHECK_INT(nb, 1);
  CHECK(has_diag(d, "submissions/b.xml", 4, 12, "not-well-formed")); /* the <emphasis> */
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

/* The mistake's words for a file with an attribute given twice, a blank
 * line before <?xml?>, a control character in the text: what to do, not
 * libxml2's English. */
static void test_wellformed_words(void) {
  static const struct {
    const char *file, *text;
    int line, col;
    const char *says;
  } cases[] = {
      {"submissions/a.xml",
       "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" version=\"5.0\">\n"
       "  <para>甲</para>\n</article>\n",
       2, 62, "the attribute version is given twice in this tag: keep one"},
      {"submissions/b.xml",
       "\n<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\">\n  <para>甲</para>\n</article>\n",
       2, 6, "must be the very first thing in the file"},
      {"submissions/d.xml",
       "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\" xml:id=\"a\"\n  xml:id=\"b\">\n"
       "  <para>甲</para>\n</article>\n",
       3, 3, "the attribute xml:id is given twice"},
      {"submissions/c.xml",
       "<?xml version=\"1.0\"?>\n<article xmlns=\"http://docbook.org/ns/docbook\">\n  <para>甲\x01乙</para>\n</article>\n",
       3, 10, "an invisible control character (U+0001)"},
  };
  char *dir = edition("wfwords");
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) put(dir, cases[i].file, cases[i].text);
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    bool found = false;
    for (size_t k = 0; k < hui_diags_len(d); k++) {
      const hui_diag *x = hui_diags_at(d, k);
      if (strcmp(x->file, cases[i].file) == 0 && x->line == cases[i].line && x->col == cases[i].col &&
          strcmp(x->rule, "not-well-formed") == 0 && strstr(x->message, cases[i].says))
        found = true;
    }
    CHECK(found);
    if (!found) dump(d);
  }
  CHECK_INT(hui_diags_len(d), 4);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
}

int main(void) {
  if (!mkdtemp(root_dir)) {
    perror("mkdtemp");
    return 2;
  }
  test_good();
  test_docbook_variants();
  test_persons();
  test_campaign_persons();
  test_campaign_limit_bad();
  test_table();
  test_figure();
  test_notes();
  test_dtd_refused();
  test_broken_files();
  test_schema_messages();
  test_deep();
  test_folder();
  test_template();
  test_gb_encodings();
  test_wellformed();
  test_wellformed_words();
  char *cmd = hui_xasprintf("rm -rf '%s'", root_dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", root_dir);
  free(cmd);
  return CHECK_DONE();
}
