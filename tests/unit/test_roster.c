/* test_roster: CSV rosters (quoting, line ends, UTF-8 with and without BOM,
 * GB18030), the loose label matcher, a roster's entries, the 推荐表 form
 * matcher (merged labels, on hand-made grids and on the 推荐表 of
 * tests/data/import against their .fields.tsv) and import ids. The people
 * and units are made up (青山县). */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "load/docx.h"
#include "load/roster.h"

static hui_grid csv(const char *bytes, size_t len, bool *ok) {
  hui_grid g = {0};
  char *why = NULL;
  *ok = hui_csv_parse(bytes, len, &g, &why);
  if (!*ok) {
    fprintf(stderr, "csv: %s\n", why);
  }
  free(why);
  return g;
}

static void test_labels(void) {
  CHECK_INT(hui_roster_label("姓名"), HUI_RF_NAME);
  CHECK_INT(hui_roster_label("姓　　名："), HUI_RF_NAME);
  CHECK_INT(hui_roster_label(" 姓 名 :"), HUI_RF_NAME);
  CHECK_INT(hui_roster_label("名字"), HUI_RF_NAME);
  CHECK_INT(hui_roster_label("工作单位"), HUI_RF_UNIT);
  CHECK_INT(hui_roster_label("单位"), HUI_RF_UNIT);
  CHECK_INT(hui_roster_label("推荐单位"), HUI_RF_RECOMMENDER);
  CHECK_INT(hui_roster_label("职务／职称"), HUI_RF_TITLE);
  CHECK_INT(hui_roster_label("职称"), HUI_RF_TITLE);
  CHECK_INT(hui_roster_label("类　别"), HUI_RF_CATEGORY);
  CHECK_INT(hui_roster_label("序号"), HUI_RF_NUMBER);
  CHECK_INT(hui_roster_label("编号"), HUI_RF_NUMBER);
  CHECK_INT(hui_roster_label("主要事迹"), HUI_RF_DEEDS);
  CHECK_INT(hui_roster_label("出生年月"), HUI_RF_BIRTH);
  CHECK_INT(hui_roster_label("政治面貌"), HUI_RF_POLITICS);
  CHECK_INT(hui_roster_label("李秀兰"), HUI_RF_NONE);
  CHECK_INT(hui_roster_label("姓名不详"), HUI_RF_NONE);
  CHECK_INT(hui_roster_label(""), HUI_RF_NONE);
  CHECK_STR(hui_roster_field_name(HUI_RF_RECOMMENDER), "recommender");
}

static void test_csv_quoting(void) {
  const char *text = "序号,姓名,单位\r\n"
                     "1,李秀兰,\"青山县石桥镇\"\"卫生院\"\"\"\r\n"
                     "2,\"王, 建国\",\"青山县\r\n第二中学\"\r\n"
                     "3,,\r\n";
  bool ok;
  hui_grid g = csv(text, strlen(text), &ok);
  CHECK(ok);
  CHECK_INT(g.nrows, 4);
  CHECK_STR(hui_grid_cell(&g, 1, 2), "青山县石桥镇\"卫生院\"");
  CHECK_STR(hui_grid_cell(&g, 2, 1), "王, 建国");
  CHECK_STR(hui_grid_cell(&g, 2, 2), "青山县\r\n第二中学");
  CHECK_INT(g.rows[3].ncells, 3);
  CHECK_STR(hui_grid_cell(&g, 3, 2), "");
  CHECK(hui_grid_cell(&g, 0, 3) == NULL);
  hui_grid_clear(&g);

  const char *open = "姓名\n\"李秀兰\n";
  hui_grid h = {0};
  char *why = NULL;
  CHECK(!hui_csv_parse(open, strlen(open), &h, &why));
  CHECK(why && strstr(why, "2"));
  free(why);
  hui_grid_clear(&h);
}

static void test_csv_encodings(void) {
  /* UTF-8 with a BOM and LF line ends */
  const char *bom = "\xEF\xBB\xBF姓名,类别\n赵春梅,个人\n";
  bool ok;
  hui_grid g = csv(bom, strlen(bom), &ok);
  CHECK(ok);
  CHECK_STR(hui_grid_cell(&g, 0, 0), "姓名");
  CHECK_STR(hui_grid_cell(&g, 1, 0), "赵春梅");
  hui_grid_clear(&g);

  /* GB18030 bytes as Excel on Chinese Windows saves them, no BOM:
   * "姓名,单位\r\n张三,青山县\r\n" */
  const char gb[] = "\xD0\xD5\xC3\xFB,\xB5\xA5\xCE\xBB\r\n"
                    "\xD5\xC5\xC8\xFD,\xC7\xE0\xC9\xBD\xCF\xD8\r\n";
  g = csv(gb, sizeof gb - 1, &ok);
  CHECK(ok);
  CHECK_INT(g.nrows, 2);
  CHECK_STR(hui_grid_cell(&g, 0, 0), "姓名");
  CHECK_STR(hui_grid_cell(&g, 0, 1), "单位");
  CHECK_STR(hui_grid_cell(&g, 1, 0), "张三");
  CHECK_STR(hui_grid_cell(&g, 1, 1), "青山县");
  hui_grid_clear(&g);

  /* a four-byte GB18030 sequence (U+20000 𠀀) */
  const char gb4[] = "\xD0\xD5\xC3\xFB\n\x95\x32\x82\x36\n";
  g = csv(gb4, sizeof gb4 - 1, &ok);
  CHECK(ok);
  CHECK_STR(hui_grid_cell(&g, 1, 0), "\xF0\xA0\x80\x80");
  hui_grid_clear(&g);

  /* neither UTF-8 nor GB18030: a lone lead byte at the end */
  const char bad[] = "\xD0\xD5\xC3";
  hui_grid h = {0};
  char *why = NULL;
  CHECK(!hui_csv_parse(bad, sizeof bad - 1, &h, &why));
  CHECK(why != NULL);
  free(why);
  hui_grid_clear(&h);
}

static void test_roster_entries(void) {
  const char *text = "青山县2026年度先进个人推荐汇总表,,,,\r\n"
                     "序 号,名字,工作单位：,职务/职称,推荐单位\r\n"
                     "1, 李秀兰 ,青山县石桥镇卫生院,护士长,石桥镇人民政府\r\n"
                     ",,,,\r\n"
                     "2,王建国,青山县第二中学,教师\r\n";
  bool ok;
  hui_grid g = csv(text, strlen(text), &ok);
  CHECK(ok);
  hui_roster r = {0};
  char *why = NULL;
  CHECK(hui_roster_from_grid(&g, &r, &why));
  CHECK_INT(r.n, 2);
  if (r.n == 2) {
    CHECK_STR(r.entries[0].field[HUI_RF_NAME], "李秀兰");
    CHECK_STR(r.entries[0].field[HUI_RF_NUMBER], "1");
    CHECK_STR(r.entries[0].field[HUI_RF_UNIT], "青山县石桥镇卫生院");
    CHECK_STR(r.entries[0].field[HUI_RF_TITLE], "护士长");
    CHECK_STR(r.entries[0].field[HUI_RF_RECOMMENDER], "石桥镇人民政府");
    CHECK_STR(r.entries[0].field[HUI_RF_CATEGORY], "");
    CHECK_INT(r.entries[0].row, 3);
    CHECK_STR(r.entries[1].field[HUI_RF_NAME], "王建国");
    CHECK_STR(r.entries[1].field[HUI_RF_RECOMMENDER], ""); /* a short row */
    CHECK_INT(r.entries[1].row, 5);
  }
  hui_roster_clear(&r);
  hui_grid_clear(&g);

  const char *nohead = "序号,单位\n1,青山县林业局\n";
  g = csv(nohead, strlen(nohead), &ok);
  CHECK(!hui_roster_from_grid(&g, &r, &why));
  CHECK(why && strstr(why, "姓名"));
  free(why);
  hui_roster_clear(&r);
  hui_grid_clear(&g);
}

static void add_row(hui_grid *g, const char *const *cells, size_t n) {
  hui_grid_row *r = hui_grid_add_row(g);
  for (size_t i = 0; i < n; i++) {
    hui_grid_add_cell(r, cells[i], strlen(cells[i]));
  }
}

static void test_form(void) {
  hui_grid g = {0};
  /* a 推荐表 as Word tables come: merged label cells repeat their text,
   * empty cells, a missing value, the deeds in the cell below their label */
  const char *r1[] = {"姓　名", "周海燕", "性别", "女", "出生年月", "1979.03", "照片"};
  const char *r2[] = {"政治面貌", "中共党员", "工作单位：", "工作单位：", "青山县城关小学", "", ""};
  const char *r3[] = {"职务／职称", "", "类  别", "个人"};
  const char *r4[] = {"推荐单位", "青山县教育局"};
  const char *r5[] = {"主要事迹"};
  const char *r6[] = {"周海燕同志扎根山区小学二十年……"};
  add_row(&g, r1, 7);
  add_row(&g, r2, 7);
  add_row(&g, r3, 4);
  add_row(&g, r4, 2);
  add_row(&g, r5, 1);
  add_row(&g, r6, 1);
  char *out[HUI_RF_COUNT];
  size_t n = hui_form_match(&g, out);
  CHECK_STR(out[HUI_RF_NAME], "周海燕");
  CHECK_STR(out[HUI_RF_GENDER], "女");
  CHECK_STR(out[HUI_RF_BIRTH], "1979.03");
  CHECK_STR(out[HUI_RF_POLITICS], "中共党员");
  CHECK_STR(out[HUI_RF_UNIT], "青山县城关小学");
  CHECK(out[HUI_RF_TITLE] == NULL); /* empty, and the next cell is a label */
  CHECK_STR(out[HUI_RF_CATEGORY], "个人");
  CHECK_STR(out[HUI_RF_RECOMMENDER], "青山县教育局");
  CHECK_STR(out[HUI_RF_DEEDS], "周海燕同志扎根山区小学二十年……");
  CHECK(out[HUI_RF_PHOTO] == NULL);
  CHECK_INT(n, 8);
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    free(out[f]);
  }
  hui_grid_clear(&g);
}

/* Adds a row whose cells carry merge marks (as the Word reader gives them). */
static void add_merged(hui_grid *g, const char *const *cells, const unsigned *merge, size_t n) {
  hui_grid_row *r = hui_grid_add_row(g);
  for (size_t i = 0; i < n; i++) {
    hui_grid_add_merged(r, cells[i], strlen(cells[i]), merge[i]);
  }
}

static void free_fields(char *out[HUI_RF_COUNT]) {
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    free(out[f]);
  }
}

enum { L = HUI_GRID_LEFT, U = HUI_GRID_UP };

/* Labels merged down several rows, with the merges marked. */
static void test_form_vertical(void) {
  hui_grid g = {0};
  /* 照片 merged down three rows at the right edge, no value; the unit's value
   * merged across to the right edge under it; 主要事迹 merged down two rows
   * with a paragraph of deeds in each; 备注 is no label */
  const char *r1[] = {"姓名：", "郑小川", "性别：", "男", "照片"};
  const char *r2[] = {"出生年月：", "1971.06", "政治面貌：", "群众", "照片"};
  const char *r3[] = {"类别：", "老典型", "职务：", "护林员", "照片"};
  const char *r4[] = {"工作单位：", "青山县松岭林场", "青山县松岭林场", "青山县松岭林场",
                      "青山县松岭林场"};
  const char *r5[] = {"主要事迹", "他巡山三十年。", "他巡山三十年。", "他巡山三十年。",
                      "他巡山三十年。"};
  const char *r6[] = {"主要事迹", "他带出了五名徒弟。", "他带出了五名徒弟。", "他带出了五名徒弟。",
                      "他带出了五名徒弟。"};
  const unsigned m1[] = {0, 0, 0, 0, 0}, m2[] = {0, 0, 0, 0, U}, m4[] = {0, 0, L, L, L},
                 m5[] = {0, 0, L, L, L}, m6[] = {U, 0, L, L, L};
  add_merged(&g, r1, m1, 5);
  add_merged(&g, r2, m2, 5);
  add_merged(&g, r3, m2, 5);
  add_merged(&g, r4, m4, 5);
  add_merged(&g, r5, m5, 5);
  add_merged(&g, r6, m6, 5);
  char *out[HUI_RF_COUNT];
  size_t n = hui_form_match(&g, out);
  CHECK(out[HUI_RF_PHOTO] == NULL); /* not the unit under the box */
  CHECK_STR(out[HUI_RF_UNIT], "青山县松岭林场");
  CHECK_STR(out[HUI_RF_TITLE], "护林员");
  CHECK_STR(out[HUI_RF_DEEDS], "他巡山三十年。\n他带出了五名徒弟。");
  CHECK_INT(n, 8);
  free_fields(out);
  hui_grid_clear(&g);

  /* the same merges told by the repeated text alone (a grid without marks) */
  add_row(&g, r1, 5);
  add_row(&g, r2, 5);
  add_row(&g, r3, 5);
  add_row(&g, r4, 5);
  add_row(&g, r5, 5);
  add_row(&g, r6, 5);
  n = hui_form_match(&g, out);
  CHECK(out[HUI_RF_PHOTO] == NULL);
  CHECK_STR(out[HUI_RF_UNIT], "青山县松岭林场");
  CHECK_STR(out[HUI_RF_DEEDS], "他巡山三十年。\n他带出了五名徒弟。");
  CHECK_INT(n, 8);
  free_fields(out);
  hui_grid_clear(&g);

  /* a value merged down beside a label merged down: once; a photo box whose
   * cell below starts under it: that cell is its value */
  const char *s1[] = {"主要事迹", "她办起了夜校。", "照片"};
  const char *s2[] = {"主要事迹", "她办起了夜校。", "照片"};
  const char *s3[] = {"推荐单位", "青山县妇联", "郑小川.jpg"};
  const unsigned n1[] = {0, 0, 0}, n2[] = {U, U, U}, n3[] = {0, 0, 0};
  add_merged(&g, s1, n1, 3);
  add_merged(&g, s2, n2, 3);
  add_merged(&g, s3, n3, 3);
  n = hui_form_match(&g, out);
  CHECK_STR(out[HUI_RF_DEEDS], "她办起了夜校。");
  CHECK_STR(out[HUI_RF_PHOTO], "郑小川.jpg");
  CHECK_STR(out[HUI_RF_RECOMMENDER], "青山县妇联");
  CHECK_INT(n, 3);
  free_fields(out);
  hui_grid_clear(&g);

  /* two cells of the same text that the source says are not merged: both
   * labels' values are read */
  const char *t1[] = {"单位", "青山县一中"};
  const char *t2[] = {"单位", "青山县二中"};
  const unsigned z[] = {0, 0};
  add_merged(&g, t1, z, 2);
  add_merged(&g, t2, z, 2);
  n = hui_form_match(&g, out);
  CHECK_STR(out[HUI_RF_UNIT], "青山县一中"); /* the first found, not both joined */
  CHECK_INT(n, 1);
  free_fields(out);
  hui_grid_clear(&g);
}

/* Reads tests/data/import/NAME, or NULL. */
static char *import_data(const char *name, size_t *len) {
  const char *src = getenv("HUIBIAN_SOURCE");
  char *path = hui_xasprintf("%s/tests/data/import/%s", src ? src : ".", name);
  char *bytes = hui_read_file(path, 1 << 24, len);
  if (!bytes) {
    fprintf(stderr, "cannot read %s\n", path);
  }
  free(path);
  return bytes;
}

/* The 推荐表 of tests/data/import/NAME.docx gives the fields of NAME.fields.tsv
 * (deeds' paragraphs with \n between them; a field it does not list, or
 * lists empty, must not be found). */
static void check_form_file(const char *name) {
  char *file = hui_xasprintf("%s.docx", name);
  size_t len = 0;
  char *bytes = import_data(file, &len);
  hui_docx doc = {0};
  char *why = NULL;
  bool read = bytes && hui_docx_read(bytes, len, &doc, &why);
  CHECK(read);
  const hui_docx_table *table = NULL;
  for (size_t i = 0; read && i < doc.nblocks && !table; i++) {
    table = doc.blocks[i].kind == HUI_DOCX_TABLE ? doc.blocks[i].table : NULL;
  }
  CHECK(table != NULL);
  char *want[HUI_RF_COUNT] = {0};
  free(file);
  file = hui_xasprintf("%s.fields.tsv", name);
  char *tsv = import_data(file, &len);
  CHECK(tsv != NULL);
  for (char *line = tsv ? strtok(tsv, "\n") : NULL; line; line = strtok(NULL, "\n")) {
    char *tab = strchr(line, '\t');
    if (!tab || strncmp(line, "field\t", 6) == 0) {
      continue;
    }
    *tab = '\0';
    hui_buf v = {0};
    for (const char *s = tab + 1; *s; s++) { /* \n in the file: a line break */
      if (s[0] == '\\' && s[1] == 'n') {
        hui_buf_putc(&v, '\n');
        s++;
      } else {
        hui_buf_putc(&v, *s);
      }
    }
    for (int f = 0; f < HUI_RF_COUNT; f++) {
      if (strcmp(line, hui_roster_field_name((hui_roster_field)f)) == 0 && v.len) {
        want[f] = hui_xstrdup(v.data);
      }
    }
    hui_buf_free(&v);
  }
  char *out[HUI_RF_COUNT] = {0};
  if (table) {
    hui_form_match(&table->grid, out);
  }
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    if (want[f] || out[f]) {
      if (!want[f] || !out[f] || strcmp(want[f], out[f]) != 0) {
        fprintf(stderr, "%s: %s\n", name, hui_roster_field_name((hui_roster_field)f));
      }
      CHECK_STR(out[f], want[f] ? want[f] : "(not found)");
    }
  }
  free_fields(out);
  free_fields(want);
  free(tsv);
  free(file);
  free(why);
  free(bytes);
  hui_docx_clear(&doc);
}

static void test_form_files(void) {
  check_form_file("form-a");
  check_form_file("form-b");
}

static void test_ids(void) {
  const char *names[] = {"王建国事迹.docx", "李秀兰事迹.docx", "赵春梅事迹.docx"};
  char *ids[3];
  hui_import_ids(2026, names, NULL, 3, NULL, 0, ids);
  /* byte order of the names: 李 E6 9D 8E < 王 E7 8E 8B < 赵 E8 B5 B5 */
  CHECK_STR(ids[1], "s2026-001");
  CHECK_STR(ids[0], "s2026-002");
  CHECK_STR(ids[2], "s2026-003");

  /* again, in another order: the same ids */
  const char *again[] = {"赵春梅事迹.docx", "李秀兰事迹.docx", "王建国事迹.docx"};
  char *ids2[3];
  hui_import_ids(2026, again, NULL, 3, NULL, 0, ids2);
  CHECK_STR(ids2[0], "s2026-003");
  CHECK_STR(ids2[1], "s2026-001");
  CHECK_STR(ids2[2], "s2026-002");

  /* a new file sorting first keeps the others' ids (known from the first
   * import) and takes the lowest free number; taken ids are skipped */
  const char *more[] = {"李秀兰事迹.docx", "王建国事迹.docx", "赵春梅事迹.docx", "丁一事迹.docx",
                        "孙二事迹.docx"};
  const char *known[] = {ids[1], ids[0], ids[2], NULL, NULL};
  const char *taken[] = {"s2026-004"};
  char *ids3[5];
  hui_import_ids(2026, more, known, 5, taken, 1, ids3);
  CHECK_STR(ids3[0], "s2026-001");
  CHECK_STR(ids3[1], "s2026-002");
  CHECK_STR(ids3[2], "s2026-003");
  CHECK_STR(ids3[3], "s2026-005"); /* 丁 E4 B8 81 sorts before 孙 E5 AD 99 */
  CHECK_STR(ids3[4], "s2026-006");
  for (int i = 0; i < 3; i++) {
    free(ids[i]);
    free(ids2[i]);
  }
  for (int i = 0; i < 5; i++) {
    free(ids3[i]);
  }
}

/* Reads tests/data/roster/NAME into g; the parse's result, *why its reason. */
static bool xlsx(const char *name, hui_grid *g, char **why) {
  const char *src = getenv("HUIBIAN_SOURCE");
  char *path = hui_xasprintf("%s/tests/data/roster/%s", src ? src : HUIBIAN_DATADIR, name);
  size_t len = 0;
  char *bytes = hui_read_file(path, 64u * 1024u * 1024u, &len);
  free(path);
  CHECK(bytes != NULL);
  if (!bytes) {
    *why = hui_xstrdup("unreadable");
    return false;
  }
  bool ok = hui_xlsx_parse(bytes, len, g, why);
  free(bytes);
  return ok;
}

static void test_xlsx(void) {
  hui_grid g = {0};
  char *why = NULL;
  CHECK(xlsx("roster.xlsx", &g, &why));
  CHECK(why == NULL);
  CHECK_INT(g.nrows, 6);
  CHECK_STR(hui_grid_cell(&g, 0, 0), "青山县2026年度先进个人推荐汇总表");
  CHECK_STR(hui_grid_cell(&g, 1, 3), ""); /* D2 left out */
  CHECK_STR(hui_grid_cell(&g, 1, 4), "类别");
  CHECK_STR(hui_grid_cell(&g, 2, 1), "李秀兰"); /* runs joined, the phonetic run left out */
  CHECK_STR(hui_grid_cell(&g, 2, 0), "1");
  CHECK_INT(g.nrows > 3 ? g.rows[3].ncells : 99, 0); /* row 4 left out */
  CHECK_STR(hui_grid_cell(&g, 4, 1), "王建国");
  CHECK_STR(hui_grid_cell(&g, 5, 0), "第六行"); /* a row and cells without references */
  CHECK_STR(hui_grid_cell(&g, 5, 1), "6");
  hui_roster r = {0};
  CHECK(hui_roster_from_grid(&g, &r, &why));
  CHECK_INT(r.n, 3); /* the sixth row has "6" in the 姓名 column */
  if (r.n == 3) {
    CHECK_STR(r.entries[0].field[HUI_RF_NAME], "李秀兰");
    CHECK_STR(r.entries[0].field[HUI_RF_UNIT], "青山县石桥镇卫生院");
    CHECK_INT(r.entries[2].row, 6);
    CHECK_STR(r.entries[0].field[HUI_RF_CATEGORY], "个人");
    CHECK_STR(r.entries[1].field[HUI_RF_NUMBER], "2");
    CHECK_STR(r.entries[1].field[HUI_RF_UNIT], "青山县第二中学");
  }
  hui_roster_clear(&r);
  hui_grid_clear(&g);

  const char *bad[][2] = {
      {"climb.xlsx", "../../etc/passwd"}, {"doctype.xlsx", "DOCTYPE"}, {"bomb.xlsx", "more than"}};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    why = NULL;
    CHECK(!xlsx(bad[i][0], &g, &why));
    CHECK(why && strstr(why, bad[i][1]));
    if (why && !strstr(why, bad[i][1])) {
      fprintf(stderr, "%s: %s\n", bad[i][0], why);
    }
    free(why);
    hui_grid_clear(&g);
  }

  /* not a zip at all, and a zip cut short */
  why = NULL;
  CHECK(!hui_xlsx_parse("姓名,单位\n", strlen("姓名,单位\n"), &g, &why));
  CHECK(why && strstr(why, "ZIP"));
  free(why);
  hui_grid_clear(&g);
}

int main(void) {
  test_labels();
  test_csv_quoting();
  test_csv_encodings();
  test_roster_entries();
  test_form();
  test_form_vertical();
  test_form_files();
  test_ids();
  test_xlsx();
  return CHECK_DONE();
}
