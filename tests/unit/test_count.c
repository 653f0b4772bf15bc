/* test_count: the 字数 rule (docs/rules.md; exact details in src/rules/count.c). */
#include "check.h"
#include "model.h"
#include "rules/rules.h"

static hui_node *para(hui_node *root, const char *text) {
  hui_pos p = {1, 1};
  hui_node *n = hui_node_new(HUI_N_PARA, NULL, p);
  hui_node_append(root, n);
  if (text) hui_node_append(n, hui_node_new(HUI_N_TEXT, text, p));
  return n;
}

int main(void) {
  static const struct {
    const char *text;
    long want;
  } cases[] = {
      {"", 0},
      {" \t\n\xE3\x80\x80 ", 0},             /* white space incl. U+3000 */
      {"扎根基层", 4},
      {"扎根基层，甘做群众贴心人。", 13},    /* Han and full-width punctuation */
      {"扎根基层　甘做群众贴心人", 11},      /* U+3000 counts 0 */
      {"2020年", 2},
      {"2020年6月15日", 6},
      {"COVID-19", 3},                       /* '-' splits the run and counts 1 */
      {"3.2万元", 3},                        /* 3.2 is one run */
      {"86.5%", 1},                          /* % belongs to the number */
      {"增长86.5%以上", 5},
      {"1,500字", 2},
      {"5G网络", 3},
      {"hello world", 2},
      {"Hello, world!", 4},                  /* half-width , and ! count 1 each */
      {"\xEF\xBC\xA1\xEF\xBD\x82\xEF\xBD\x83\xEF\xBC\x91\xEF\xBC\x92", 1}, /* Ａｂｃ１２: one full-width run */
      {"a.b", 3},                            /* '.' joins digits only */
      {"3.", 2},
      {"3.a", 3},
      {"“引号”", 4},
      {"——", 2},
      {"……", 2},
      {"50％", 2},                           /* full-width ％ counts on its own */
      {"café olé", 2},
      {"e\xCC\x81", 1},                      /* combining mark counts 0 */
      {"\xF0\xA0\xAE\x9F", 1},               /* U+20B9F, a Han ideograph outside the BMP */
      {"〇", 1},
      {"（一）", 3},
      {"(1)", 3},
      {"a\tb", 2},
      {"GDP增长", 3},
      {"Ω", 1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    long got = hui_count_text(cases[i].text);
    if (got != cases[i].want) fprintf(stderr, "case %zu \"%s\":\n", i, cases[i].text);
    CHECK_INT(got, cases[i].want);
  }
  CHECK_INT(hui_count_text(NULL), 0);

  /* Over a tree: runs break between blocks, not across inline markup. */
  hui_pos p = {1, 1};
  hui_node *root = hui_node_new(HUI_N_ROOT, NULL, p);
  CHECK_INT(hui_count_chars(root), 0);
  para(root, "ab");
  para(root, "cd");
  CHECK_INT(hui_count_chars(root), 2);
  hui_node *q = para(root, "ef");
  hui_node *em = hui_node_new(HUI_N_EMPHASIS, NULL, p);
  hui_node_append(q, em);
  hui_node_append(em, hui_node_new(HUI_N_TEXT, "gh", p));
  hui_node_append(q, hui_node_new(HUI_N_TEXT, "。", p));
  CHECK_INT(hui_count_chars(root), 4);
  hui_node *sec = hui_node_new(HUI_N_SECTION, NULL, p);
  hui_node_append(root, sec);
  hui_node *title = hui_node_new(HUI_N_TITLE, NULL, p);
  hui_node_append(sec, title);
  hui_node_append(title, hui_node_new(HUI_N_TEXT, "一、心系群众", p));
  para(sec, "正文");
  CHECK_INT(hui_count_chars(root), 4 + 6 + 2);
  hui_node_free(root);
  CHECK_INT(hui_count_chars(NULL), 0);

  /* Tables, captions and footnotes count as office software counts them by
   * default: cell text, table titles, captions and footnote text are body text;
   * each cell, caption and footnote is a block of its own; an image's file
   * name is not text. */
  root = hui_node_new(HUI_N_ROOT, NULL, p);
  hui_node *table = hui_node_new(HUI_N_TABLE, NULL, p);
  table->cols = 2;
  hui_node_append(root, table);
  hui_node *ttitle = hui_node_new(HUI_N_TITLE, NULL, p);
  hui_node_append(table, ttitle);
  hui_node_append(ttitle, hui_node_new(HUI_N_TEXT, "表1", p)); /* 2 */
  hui_node *row = hui_node_new(HUI_N_ROW, NULL, p);
  row->flags = HUI_NODE_HEAD;
  hui_node_append(table, row);
  for (int k = 0; k < 2; k++) {
    hui_node *cell = hui_node_new(HUI_N_CELL, NULL, p);
    cell->cols = cell->rows = 1;
    hui_node_append(row, cell);
    para(cell, k == 0 ? "2019" : "2020"); /* 1 each: no run across cells */
  }
  CHECK_INT(hui_count_chars(root), 2 + 2);
  hui_node *fig = hui_node_new(HUI_N_FIGURE, NULL, p);
  hui_node_append(root, fig);
  hui_node_append(fig, hui_node_new(HUI_N_IMAGE, "photos/qingshan-1.jpg", p));
  hui_node *cap = hui_node_new(HUI_N_CAPTION, NULL, p);
  hui_node_append(fig, cap);
  hui_node_append(cap, hui_node_new(HUI_N_TEXT, "图为王秀兰在田间", p)); /* 8 */
  CHECK_INT(hui_count_chars(root), 4 + 8);
  q = para(root, "ab"); /* ab | cd | ef: 3, the footnote breaks the run */
  hui_node *fn = hui_node_new(HUI_N_FOOTNOTE, NULL, p);
  hui_node_append(q, fn);
  para(fn, "cd");
  hui_node_append(q, hui_node_new(HUI_N_TEXT, "ef", p));
  CHECK_INT(hui_count_chars(root), 12 + 3);
  q = para(root, "12"); /* an empty footnote still breaks the run: 12 | 34 */
  hui_node_append(q, hui_node_new(HUI_N_FOOTNOTE, NULL, p));
  hui_node_append(q, hui_node_new(HUI_N_TEXT, "34", p));
  CHECK_INT(hui_count_chars(root), 15 + 2);
  hui_node_free(root);
  return CHECK_DONE();
}
