/* test_import: a Word document as the reader gives it (load/docx.h, built by
 * hand here) turned into a DocBook submission (app/import.c): the header
 * block, sections from heading levels, bold lead-ins, tables, images and
 * footnotes as the schema allows, the source map, every character of the
 * body kept in order, and what the written file loads as; metadata taken
 * from the roster, then a 推荐表, then the header; rosters (a GB18030 CSV and
 * an .xlsx, tests/data/import/unit/) matched to files and their 编号 as ids. The
 * people and places are made up (青山县). */
#include <stdlib.h>
#include <string.h>

#include "app/import.h"
#include "base/base.h"
#include "check.h"
#include "diag.h"
#include "load.h"
#include "load/docx.h"
#include "load/roster.h"
#include "model.h"

static hui_docx_block blk(hui_docx_kind kind, int level, const char *text, size_t para) {
  return (hui_docx_block){.kind = kind, .level = level, .text = (char *)text, .para = para};
}

/* A table of rows x cols texts (NULL: covered by the cell to its left). */
static hui_docx_table *table(size_t rows, size_t cols, const char *const *texts) {
  hui_docx_table *t = hui_xcalloc(1, sizeof *t);
  t->nrows = rows;
  t->ncols = cols;
  t->cells = hui_xcalloc(rows * cols, sizeof *t->cells);
  for (size_t i = 0; i < rows; i++) {
    hui_grid_row *row = hui_grid_add_row(&t->grid);
    const char *last = "";
    for (size_t j = 0; j < cols; j++) {
      const char *s = texts[i * cols + j];
      hui_docx_cell *c = &t->cells[i * cols + j];
      if (s) {
        c->text = (char *)s;
        c->colspan = c->rowspan = 1;
        last = s;
      } else {
        c->colspan = 0;
        t->cells[i * cols + j - 1].colspan++;
      }
      hui_grid_add_cell(row, s ? s : last, strlen(s ? s : last));
    }
  }
  return t;
}

static void table_free(hui_docx_table *t) {
  hui_grid_clear(&t->grid);
  free(t->cells);
  free(t);
}

/* Loads xml as a submission: its findings into d, the edition returned. */
static hui_edition *load(const char *xml, hui_diags *d) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->subs = hui_xcalloc(1, sizeof *e->subs);
  e->nsubs = 1;
  hui_load_submission_memory("submissions/s2026-001.xml", xml, strlen(xml), d, &e->subs[0]);
  return e;
}

static void print_diags(const hui_diags *d) {
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    fprintf(stderr, "  %d:%d %s %s\n", x->line, x->col, x->rule, x->message);
  }
}

static bool has_note(const hui_import_notes *n, const char *part) {
  for (size_t i = 0; i < n->n; i++) {
    if (strstr(n->lines[i], part)) {
      return true;
    }
  }
  fprintf(stderr, "no note with \"%s\"; the notes:\n", part);
  for (size_t i = 0; i < n->n; i++) {
    fprintf(stderr, "  %s\n", n->lines[i]);
  }
  return false;
}

/* The text of the XML after </info>, tags left out, entities read, the
 * U+3000 put between table cells left out. */
static char *body_text(const char *xml) {
  const char *p = strstr(xml, "</info>");
  p = p ? p + 7 : xml;
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  while (*p) {
    if (*p == '<') {
      p = strchr(p, '>');
      if (!p) {
        break;
      }
      p++;
    } else if (*p == '&') {
      static const char *const ents[][2] = {
          {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}};
      size_t k = 0;
      while (k < 4 && strncmp(p, ents[k][0], strlen(ents[k][0])) != 0) {
        k++;
      }
      CHECK(k < 4);
      hui_buf_puts(&b, k < 4 ? ents[k][1] : "?");
      p += k < 4 ? strlen(ents[k][0]) : 1;
    } else if (strncmp(p, "\xE3\x80\x80", 3) == 0) {
      p += 3;
    } else if (*p == '\n' || *p == ' ') {
      p++;
    } else {
      hui_buf_putc(&b, *p++);
    }
  }
  return hui_buf_take(&b);
}

/* The Word place of the first what in xml, found by its line and column. */
static bool place_of(const char *xml, const char *what, hui_import_place *p) {
  const char *at = strstr(xml, what);
  if (!at) {
    return false;
  }
  int line = 1;
  const char *line_start = xml;
  for (const char *q = xml; q < at; q++) {
    if (*q == '\n') {
      line++;
      line_start = q + 1;
    }
  }
  int col = (int)hui_utf8_count(line_start, (size_t)(at - line_start)) + 1;
  return hui_import_place_of(xml, strlen(xml), line, col, p);
}

/* A deeds document with every kind of block: its header block, sections,
 * source map, and what loads. */
static void test_document(void) {
  const char *cells[] = {"年份", "获奖", "2024", "县优秀教师"};
  hui_docx_table *t = table(2, 2, cells);
  hui_docx_span bold[] = {{0, strlen("林晓燕")}};
  hui_docx_mark note[] = {{strlen("她每天6:30"), 0}};
  hui_docx_block b[] = {
      blk(HUI_DOCX_PARA, 0, "石桥镇的“小太阳”", 1),
      blk(HUI_DOCX_PARA, 0, "——记青山县石桥镇中心小学教师林晓燕", 2),
      blk(HUI_DOCX_PARA, 0, "姓　名：林晓燕　　职务：教师", 3),
      blk(HUI_DOCX_PARA, 0, "推荐单位：青山县教育局", 4),
      blk(HUI_DOCX_PARA, 0, "林晓燕，女，1990年出生。", 5),
      blk(HUI_DOCX_HEADING, 2, "一、扎根乡村", 6),
      blk(HUI_DOCX_PARA, 0, "她每天6:30到校。", 7),
      blk(HUI_DOCX_HEADING, 3, "（一）一间教室", 8),
      blk(HUI_DOCX_ITEM, 0, "1.每周家访", 9),
      blk(HUI_DOCX_HEADING, 4, "1.细节", 10),
      blk(HUI_DOCX_TABLE, 0, "", 11),
      blk(HUI_DOCX_IMAGE, 0, "", 15),
      blk(HUI_DOCX_CAPTION, 0, "图为林晓燕在上课", 16),
      blk(HUI_DOCX_HEADING, 2, "二、A&B<C>", 17),
      blk(HUI_DOCX_PARA, 0, "结尾。", 18),
  };
  b[4].bold = bold;
  b[4].nbold = 1;
  b[4].skipped = 2;
  b[6].notes = note;
  b[6].nnotes = 1;
  b[8].label_len = 2;
  b[10].table = t;
  b[11].image = 0;
  hui_docx_note notes[] = {{"6:30为夏令时间。"}};
  unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  hui_docx_image images[] = {{"image1.png", "png", png, sizeof png}};
  hui_docx_drop drops[] = {{5, "a comment was dropped"}};
  hui_docx doc = {b, sizeof b / sizeof b[0], notes, 1, images, 1, drops, 1};

  hui_import_meta m = {0};
  hui_import_meta_find(&doc, NULL, &m);
  CHECK_STR(m.title, "石桥镇的“小太阳”");
  CHECK_STR(m.subtitle, "——记青山县石桥镇中心小学教师林晓燕");
  CHECK_STR(m.field[HUI_RF_NAME], "林晓燕");
  CHECK_INT(m.from[HUI_RF_NAME], HUI_META_HEADER);
  CHECK_STR(m.field[HUI_RF_TITLE], "教师");
  CHECK_STR(m.field[HUI_RF_RECOMMENDER], "青山县教育局");
  CHECK(m.field[HUI_RF_UNIT] == NULL);
  CHECK(m.taken[0] && m.taken[1] && m.taken[2] && m.taken[3] && !m.taken[4]);
  CHECK(!m.deeds_used);

  char *saved[] = {"images/s2026-001-1.png"};
  hui_import_target target = {"s2026-001", "林晓燕事迹.docx", NULL, saved};
  hui_import_notes n = {0};
  char *xml = hui_import_docbook(&doc, &m, &target, &n);
  CHECK(strstr(xml, "<?huibian-source file=\"林晓燕事迹.docx\"?>\n<article") != NULL);
  CHECK(strstr(xml, "xml:id=\"s2026-001\"") != NULL);
  CHECK(strstr(xml, "<title remap=\"p1\">石桥镇的“小太阳”</title>") != NULL);
  CHECK(
      strstr(
          xml,
          "<para remap=\"p5+2\"><emphasis role=\"bold\">林晓燕</emphasis>，女，1990年出生。</para>") !=
      NULL);
  /* levels 2, 3 and 4 are the three section levels */
  CHECK(strstr(xml, "  <section remap=\"p6\">\n    <title remap=\"p6\">一、扎根乡村</title>\n") !=
        NULL);
  CHECK(strstr(xml,
               "    <section remap=\"p8\">\n      <title remap=\"p8\">（一）一间教室</title>\n") !=
        NULL);
  CHECK(
      strstr(xml, "      <section remap=\"p10\">\n        <title remap=\"p10\">1.细节</title>\n") !=
      NULL);
  CHECK(strstr(xml, "<para remap=\"p9\">1.每周家访</para>") != NULL);
  /* the footnote where its mark stands */
  CHECK(strstr(xml,
               "<para remap=\"p7\">她每天6:30<footnote><para remap=\"fn1\">6:30为夏令时间。</para>"
               "</footnote>到校。</para>") != NULL);
  CHECK(strstr(xml, "<informaltable remap=\"p11\">\n          <tgroup remap=\"p11\" cols=\"2\">") !=
        NULL);
  CHECK(strstr(xml, "<row><entry>年份</entry><entry>获奖</entry></row>") != NULL);
  CHECK(strstr(xml,
               "<figure remap=\"p15\">\n          <title remap=\"p16\">图为林晓燕在上课</title>\n"
               "          <mediaobject remap=\"p15\"><imageobject><imagedata "
               "fileref=\"images/s2026-001-1.png\"/></imageobject></mediaobject>\n") != NULL);
  CHECK(
      strstr(
          xml,
          "      </section>\n    </section>\n  </section>\n  <section remap=\"p17\">\n    <title remap=\"p17\">二、A&amp;B&lt;C&gt;</title>") !=
      NULL);
  CHECK(strstr(xml, "role=\"table-row\"") == NULL && strstr(xml, "role=\"cell\"") == NULL &&
        strstr(xml, "role=\"caption\"") == NULL && strstr(xml, "role=\"footnote\"") == NULL &&
        strstr(xml, "role=\"heading\"") == NULL);
  CHECK(has_note(&n, "paragraph 5: a comment was dropped"));

  /* every character of the body, in order */
  hui_buf want = {0};
  for (size_t i = 4; i < doc.nblocks; i++) {
    if (b[i].kind == HUI_DOCX_TABLE) {
      for (size_t k = 0; k < 4; k++) {
        hui_buf_puts(&want, cells[k]);
      }
    } else if (b[i].nnotes) {
      hui_buf_add(&want, b[i].text, note[0].at);
      hui_buf_puts(&want, notes[0].text);
      hui_buf_puts(&want, b[i].text + note[0].at);
    } else {
      hui_buf_puts(&want, b[i].text);
    }
  }
  char *got = body_text(xml);
  CHECK_STR(got, want.data);
  free(got);
  hui_buf_free(&want);

  /* the source map read back: line:col of the XML to the Word place */
  hui_import_place place = {0};
  CHECK(place_of(xml, "，女", &place));
  CHECK_STR(place.file, "林晓燕事迹.docx");
  CHECK_INT(place.para, 5);
  CHECK_INT(place.chr, 2 + 3 + 1); /* two characters of indent, 林晓燕, then the comma */
  free(place.file);
  place.file = NULL;
  CHECK(place_of(xml, "一间教室", &place)); /* a section's title */
  CHECK_INT(place.para, 8);
  CHECK_INT(place.chr, 4);
  free(place.file);
  place.file = NULL;
  CHECK(place_of(xml, "<section remap=\"p17\"", &place)); /* the element itself */
  CHECK_INT(place.para, 17);
  CHECK_INT(place.chr, 0);
  free(place.file);
  place.file = NULL;
  CHECK(place_of(xml, "为夏令", &place));
  CHECK_INT(place.footnote, 1);
  CHECK_INT(place.chr, 5);
  free(place.file);
  place.file = NULL;
  CHECK(!place_of(xml, "<personname>", &place));             /* not from a paragraph */
  CHECK(!place_of(strstr(xml, "<article"), "，女", &place)); /* not written by import */

  hui_diags *d = hui_diags_new();
  hui_edition *e = load(xml, d);
  CHECK_INT(hui_diags_len(d), 0);
  print_diags(d);
  const hui_submission *s = &e->subs[0];
  CHECK(s->loaded);
  CHECK_STR(s->id.text, "s2026-001");
  CHECK_STR(s->title.text, "石桥镇的“小太阳”");
  CHECK_STR(s->subtitle.text, "——记青山县石桥镇中心小学教师林晓燕");
  CHECK_STR(s->person.text, "林晓燕");
  CHECK_STR(s->position.text, "教师");
  CHECK_STR(s->recommender.text, "青山县教育局");
  CHECK(s->unit.text == NULL || !*s->unit.text);
  hui_edition_free(e);
  hui_diags_free(d);
  free(xml);
  hui_import_notes_clear(&n);
  hui_import_meta_clear(&m);
  table_free(t);
}

/* Whether the findings d hold one of rule. */
static bool has_rule(const hui_diags *d, const char *rule) {
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    if (strcmp(hui_diags_at(d, i)->rule, rule) == 0) {
      return true;
    }
  }
  return false;
}

/* What the schema holds now: four heading levels (three sections, then a
 * bold paragraph), a table with a caption above, a header row and merged
 * cells, images with and without a caption and one inside the text,
 * footnotes where their marks stand (one inside a bold run) and those whose
 * marks stand where a footnote cannot (a heading, a table cell) after that
 * place. What is written loads without a finding. */
static void test_structures(void) {
  /* 年份 merged down the two header rows, 人数 across two columns */
  hui_docx_table t = {.nrows = 3, .ncols = 3, .header_row = true};
  hui_docx_cell cells[9] = {
      {"年份", 1, 2}, {"人数", 2, 1}, {NULL, 0, 0}, /* */
      {NULL, 0, 0},   {"男", 1, 1},   {"女", 1, 1}, /* */
      {"2025", 1, 1}, {"150", 1, 1},  {"160\n（春季）", 1, 1},
  };
  t.cells = cells;
  const char *lead = "学校建于1958年，现有学生三百人。";
  hui_docx_span bold[] = {{0, strlen("学校建于1958年")}};
  hui_docx_mark lead_note[] = {{strlen("学校建于"), 0}};
  hui_docx_mark lead_image[] = {{strlen("学校建于1958年，"), 2}};
  hui_docx_mark heading_note[] = {{strlen("（一）校舍"), 1}};
  hui_docx_mark last_note[] = {{strlen("学生们在新教室里读书。"), 3}};
  hui_docx_block b[] = {
      blk(HUI_DOCX_PARA, 0, "山村里的书声", 1),
      blk(HUI_DOCX_HEADING, 1, "一、办学", 2),
      blk(HUI_DOCX_PARA, 0, lead, 3),
      blk(HUI_DOCX_HEADING, 2, "（一）校舍", 4),
      blk(HUI_DOCX_HEADING, 3, "1.教室", 5),
      blk(HUI_DOCX_HEADING, 4, "（1）窗户", 6),
      blk(HUI_DOCX_CAPTION, 0, "表1 历年学生人数", 7),
      blk(HUI_DOCX_TABLE, 0, "", 8),
      blk(HUI_DOCX_IMAGE, 0, "", 12),
      blk(HUI_DOCX_CAPTION, 0, "图为校舍", 13),
      blk(HUI_DOCX_IMAGE, 0, "", 14),
      blk(HUI_DOCX_PARA, 0, "学生们在新教室里读书。", 15),
      blk(HUI_DOCX_IMAGE, 0, "", 16),
      blk(HUI_DOCX_CAPTION, 0, "图为旧校门", 17),
  };
  b[2].bold = bold;
  b[2].nbold = 1;
  b[2].notes = lead_note;
  b[2].nnotes = 1;
  b[2].images = lead_image;
  b[2].nimages = 1;
  b[3].notes = heading_note;
  b[3].nnotes = 1;
  b[7].table = &t;
  b[8].image = 0;
  b[10].image = 1;
  b[11].notes = last_note;
  b[11].nnotes = 1;
  b[12].image = 3;
  /* footnote 3 stood in a table cell: the reader keeps no mark for it */
  hui_docx_note notes[] = {
      {"该校原为私塾。"}, {"校舍于2020年翻新。"}, {"含转学生。"}, {"据县教育局统计。"}};
  unsigned char emf[] = {1, 0, 0, 0, 0x6C, 0, 0, 0}; /* an EMF header: no photo */
  unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  hui_docx_image images[] = {{"image1.png", "png", png, sizeof png},
                             {"image2.png", "png", png, sizeof png},
                             {"image3.png", "png", png, sizeof png},
                             {"image4.emf", "emf", emf, sizeof emf}};
  hui_docx doc = {b, sizeof b / sizeof b[0], notes, 4, images, 4, NULL, 0};
  hui_import_meta m = {0};
  hui_import_meta_find(&doc, NULL, &m);
  CHECK_STR(m.title, "山村里的书声");
  char *saved[] = {"images/s2026-009-1.png", "images/s2026-009-2.png", "images/s2026-009-3.png",
                   "images/s2026-009-4.emf"};
  hui_import_target target = {"s2026-009", "书声.docx", NULL, saved};
  hui_import_notes n = {0};
  char *xml = hui_import_docbook(&doc, &m, &target, &n);

  /* three section levels, the fourth a bold paragraph */
  CHECK(strstr(xml, "  <section remap=\"p2\">\n    <title remap=\"p2\">一、办学</title>\n") !=
        NULL);
  CHECK(strstr(xml, "    <section remap=\"p4\">\n      <title remap=\"p4\">（一）校舍</title>\n") !=
        NULL);
  CHECK(strstr(xml, "      <section remap=\"p5\">\n        <title remap=\"p5\">1.教室</title>\n") !=
        NULL);
  CHECK(
      strstr(xml,
             "        <para remap=\"p6\"><emphasis role=\"bold\">（1）窗户</emphasis></para>\n") !=
      NULL);
  CHECK(has_note(&n, "1 heading below the third level kept as a bold paragraph"));
  /* a footnote inside a bold run: the run closed around it */
  CHECK(strstr(xml, "<para remap=\"p3\"><emphasis role=\"bold\">学校建于</emphasis><footnote><para "
                    "remap=\"fn1\">该校原为私塾。</para></footnote><emphasis "
                    "role=\"bold\">1958年</emphasis>，现有学生三百人。</para>\n") != NULL);
  /* the image inside that paragraph: a figure after it */
  CHECK(strstr(xml,
               "现有学生三百人。</para>\n    <informalfigure remap=\"p3\">\n      <mediaobject "
               "remap=\"p3\"><imageobject><imagedata "
               "fileref=\"images/s2026-009-3.png\"/></imageobject></mediaobject>\n    "
               "</informalfigure>\n") != NULL);
  CHECK(has_note(&n, "paragraph 3: 1 image inside the text placed after the paragraph"));
  /* the heading's footnote: after the heading */
  CHECK(
      strstr(
          xml,
          "<title remap=\"p4\">（一）校舍</title>\n      <para remap=\"fn2\">校舍于2020年翻新。</para>\n") !=
      NULL);
  CHECK(has_note(&n, "footnote 2: its mark stands where a footnote cannot"));
  /* the table: its caption above is its title, the header row with the row
   * its merged cell reaches, spans by namest/nameend and morerows */
  CHECK(strstr(xml, "<table remap=\"p8\">\n          <title remap=\"p7\">表1 历年学生人数</title>\n"
                    "          <tgroup remap=\"p8\" cols=\"3\">\n") != NULL);
  CHECK(
      strstr(xml, "<colspec colname=\"c1\"/><colspec colname=\"c2\"/><colspec colname=\"c3\"/>") !=
      NULL);
  CHECK(strstr(xml,
               "<thead>\n              <row><entry morerows=\"1\">年份</entry><entry namest=\"c2\" "
               "nameend=\"c3\">人数</entry></row>\n              "
               "<row><entry>男</entry><entry>女</entry></row>\n            </thead>\n") != NULL);
  CHECK(
      strstr(
          xml,
          "<tbody>\n              <row><entry>2025</entry><entry>150</entry><entry><para>160</para>"
          "<para>（春季）</para></entry></row>\n            </tbody>\n") != NULL);
  /* the cell's footnote: after the table */
  CHECK(strstr(xml, "</table>\n        <para remap=\"fn3\">含转学生。</para>\n") != NULL);
  CHECK(has_note(&n, "footnote 3: its mark stands where a footnote cannot"));
  /* an image with its caption under it, and one without */
  CHECK(
      strstr(
          xml,
          "<figure remap=\"p12\">\n          <title remap=\"p13\">图为校舍</title>\n          "
          "<mediaobject remap=\"p12\"><imageobject><imagedata "
          "fileref=\"images/s2026-009-1.png\"/></imageobject></mediaobject>\n        </figure>\n") !=
      NULL);
  CHECK(
      strstr(
          xml,
          "<informalfigure remap=\"p14\">\n          <mediaobject remap=\"p14\"><imageobject><imagedata "
          "fileref=\"images/s2026-009-2.png\"/>") != NULL);
  CHECK(
      strstr(
          xml,
          "学生们在新教室里读书。<footnote><para remap=\"fn4\">据县教育局统计。</para></footnote></para>") !=
      NULL);
  CHECK(strstr(xml, "role=\"heading\"") == NULL && strstr(xml, "role=\"caption\"") == NULL);
  /* an image that is no PNG or JPEG: saved, not placed; its caption a paragraph */
  CHECK(strstr(xml, "s2026-009-4.emf") == NULL);
  CHECK(strstr(xml, "<para remap=\"p17\">图为旧校门</para>") != NULL);
  CHECK(
      has_note(&n, "paragraph 16: the image saved as images/s2026-009-4.emf is not a PNG or JPEG"));

  /* the source map: after a footnote, in a footnote, in a cell, on an image */
  hui_import_place place = {0};
  CHECK(place_of(xml, "，现有", &place));
  CHECK_INT(place.para, 3);
  CHECK_INT(place.footnote, 0);
  CHECK_INT(place.chr, 10); /* 学校建于1958年 then the comma: the footnote not counted */
  free(place.file);
  place = (hui_import_place){0};
  CHECK(place_of(xml, "原为私塾", &place));
  CHECK_INT(place.footnote, 1);
  CHECK_INT(place.chr, 3);
  free(place.file);
  place = (hui_import_place){0};
  CHECK(place_of(xml, "（春季）", &place));
  CHECK_INT(place.para, 8);
  CHECK_INT(place.chr, 0);
  free(place.file);
  place = (hui_import_place){0};
  CHECK(place_of(xml, "<imagedata fileref=\"images/s2026-009-1.png\"", &place));
  CHECK_INT(place.para, 12);
  CHECK_INT(place.chr, 0);
  free(place.file);
  place = (hui_import_place){0};
  CHECK(place_of(xml, "图为校舍", &place));
  CHECK_INT(place.para, 13);
  CHECK_INT(place.chr, 1);
  free(place.file);

  /* it loads: no schema finding, no unknown role, nothing at all */
  hui_diags *d = hui_diags_new();
  hui_edition *e = load(xml, d);
  CHECK(e->subs[0].loaded);
  CHECK(!has_rule(d, "schema"));
  CHECK(!has_rule(d, "unknown-role"));
  CHECK_INT(hui_diags_len(d), 0);
  print_diags(d);
  hui_edition_free(e);
  hui_diags_free(d);
  free(xml);
  hui_import_notes_clear(&n);
  hui_import_meta_clear(&m);
}

/* A table wider than a submission's 64 columns: a paragraph per row, said;
 * an empty table: dropped, said. Both load without a finding. */
static void test_wide_table(void) {
  const char *texts[65];
  for (size_t i = 0; i < 65; i++) {
    texts[i] = i % 2 ? "乙" : "甲";
  }
  hui_docx_table *wide = table(1, 65, texts);
  const char *blank[] = {" ", ""};
  hui_docx_table *empty = table(1, 2, blank);
  hui_docx_block b[] = {blk(HUI_DOCX_PARA, 0, "她记下每一户的收成。", 1),
                        blk(HUI_DOCX_TABLE, 0, "", 2), blk(HUI_DOCX_TABLE, 0, "", 67)};
  b[1].table = wide;
  b[2].table = empty;
  hui_docx doc = {b, 3, NULL, 0, NULL, 0, NULL, 0};
  hui_import_meta m = {0};
  hui_import_meta_find(&doc, NULL, &m);
  hui_import_target target = {"s2026-010", "宽表.docx", NULL, NULL};
  hui_import_notes n = {0};
  char *xml = hui_import_docbook(&doc, &m, &target, &n);
  CHECK(strstr(xml, "table") == NULL);
  CHECK(strstr(xml, "<para remap=\"p2\">甲　乙　甲") != NULL);
  CHECK(has_note(&n, "paragraph 2: a table of more than 64 columns kept as 1 paragraph"));
  CHECK(has_note(&n, "paragraph 67: an empty table dropped"));
  hui_diags *d = hui_diags_new();
  hui_edition *e = load(xml, d);
  CHECK_INT(hui_diags_len(d), 0);
  print_diags(d);
  hui_edition_free(e);
  hui_diags_free(d);
  free(xml);
  hui_import_notes_clear(&n);
  hui_import_meta_clear(&m);
  table_free(wide);
  table_free(empty);
}

/* The roster first, then the 推荐表, then the header, field by field. */
static void test_precedence(void) {
  const char *form[] = {"姓名",     "林小燕",   "性别", "女",     /* */
                        "工作单位", "别的学校", "职务", "班主任", /* */
                        "推荐单位", "石桥镇",   "类别", NULL};
  hui_docx_table *t = table(3, 4, form);
  hui_docx_block b[] = {
      blk(HUI_DOCX_PARA, 0, "讲台上的青春", 1),
      blk(HUI_DOCX_PARA, 0, "推荐单位：青山县教育局", 2),
      blk(HUI_DOCX_PARA, 0, "出生年月：1990.05 政治面貌：中共党员", 3),
      blk(HUI_DOCX_TABLE, 0, "", 4),
      blk(HUI_DOCX_PARA, 0, "她把青春献给了山里的孩子。", 17),
  };
  b[3].table = t;
  hui_docx doc = {b, 5, NULL, 0, NULL, 0, NULL, 0};
  hui_roster_entry entry = {{NULL}, 3};
  entry.field[HUI_RF_NAME] = "林晓燕";
  entry.field[HUI_RF_UNIT] = "青山县石桥镇中心小学";
  entry.field[HUI_RF_CATEGORY] = "新典型";
  entry.field[HUI_RF_TITLE] = ""; /* empty in the roster: the form's */
  hui_import_meta m = {0};
  hui_import_meta_find(&doc, &entry, &m);
  CHECK_STR(m.field[HUI_RF_NAME], "林晓燕");
  CHECK_INT(m.from[HUI_RF_NAME], HUI_META_ROSTER);
  CHECK_STR(m.field[HUI_RF_UNIT], "青山县石桥镇中心小学");
  CHECK_STR(m.field[HUI_RF_CATEGORY], "新典型");
  CHECK_INT(m.from[HUI_RF_CATEGORY], HUI_META_ROSTER);
  CHECK_STR(m.field[HUI_RF_TITLE], "班主任");
  CHECK_INT(m.from[HUI_RF_TITLE], HUI_META_FORM);
  CHECK_STR(m.field[HUI_RF_RECOMMENDER], "石桥镇");
  CHECK_INT(m.from[HUI_RF_RECOMMENDER], HUI_META_FORM);
  CHECK_STR(m.field[HUI_RF_GENDER], "女");
  CHECK_STR(m.field[HUI_RF_BIRTH], "1990.05");
  CHECK_INT(m.from[HUI_RF_BIRTH], HUI_META_HEADER);
  CHECK_STR(m.field[HUI_RF_POLITICS], "中共党员");
  CHECK_STR(m.title, "讲台上的青春");
  CHECK_INT(m.form, 3);
  /* what a later source says otherwise, kept for the report */
  CHECK_STR(m.other[HUI_RF_NAME], "林小燕");
  CHECK_INT(m.other_from[HUI_RF_NAME], HUI_META_FORM);
  CHECK_STR(m.other[HUI_RF_UNIT], "别的学校");
  CHECK_STR(m.other[HUI_RF_RECOMMENDER], "青山县教育局");
  CHECK_INT(m.other_from[HUI_RF_RECOMMENDER], HUI_META_HEADER);
  CHECK(m.other[HUI_RF_CATEGORY] == NULL);
  CHECK(m.taken[0] && m.taken[1] && m.taken[2] && m.taken[3] && !m.taken[4]);

  hui_import_target target = {"s2026-002", "form.docx", "images/s2026-002.jpg", NULL};
  hui_import_notes n = {0};
  char *xml = hui_import_docbook(&doc, &m, &target, &n);
  CHECK(strstr(xml, "<para remap=\"p17\">她把青春献给了山里的孩子。</para>") != NULL);
  CHECK(strstr(xml, "别的学校") == NULL); /* the form's unit lost to the roster's */
  CHECK(has_note(&n, "'1990.05' is not kept"));
  hui_diags *d = hui_diags_new();
  hui_edition *e = load(xml, d);
  CHECK_INT(hui_diags_len(d), 0);
  print_diags(d);
  CHECK_STR(e->subs[0].unit.text, "青山县石桥镇中心小学");
  CHECK_STR(e->subs[0].category.text, "新典型");
  CHECK_STR(e->subs[0].photo.text, "images/s2026-002.jpg");
  hui_edition_free(e);
  hui_diags_free(d);
  free(xml);
  hui_import_notes_clear(&n);
  hui_import_meta_clear(&m);
  table_free(t);
}

/* A document that is only a 推荐表: its 主要事迹 cell is the body. */
static void test_form_deeds(void) {
  const char *form[] = {"姓名",
                        "周大海",
                        "工作单位",
                        "青山县\n渔港社区",
                        "照片",
                        "（照片）",
                        "性别",
                        "男",
                        "主要事迹",
                        NULL,
                        NULL,
                        NULL,
                        "　　他带领渔民转产。\n\n　　社区面貌一新。",
                        NULL,
                        NULL,
                        NULL};
  hui_docx_table *t = table(4, 4, form);
  hui_docx_block b[] = {blk(HUI_DOCX_PARA, 0, "先进事迹推荐表", 1), blk(HUI_DOCX_TABLE, 0, "", 2)};
  b[1].table = t;
  hui_docx doc = {b, 2, NULL, 0, NULL, 0, NULL, 0};
  hui_import_meta m = {0};
  hui_import_meta_find(&doc, NULL, &m);
  CHECK_STR(m.field[HUI_RF_NAME], "周大海");
  CHECK_STR(m.field[HUI_RF_UNIT], "青山县渔港社区"); /* the cell's lines joined */
  CHECK(m.field[HUI_RF_PHOTO] == NULL);              /* a form's 照片 is a picture, not a file */
  CHECK(m.deeds_used);
  CHECK(m.title == NULL); /* the form's own heading is not the title */
  CHECK_INT(m.form_heading, 0);
  CHECK(m.taken[0] && m.taken[1]);
  hui_import_target target = {"s2026-003", "周大海.docx", NULL, NULL};
  hui_import_notes n = {0};
  char *xml = hui_import_docbook(&doc, &m, &target, &n);
  CHECK(
      strstr(
          xml,
          "  <para remap=\"p2\">他带领渔民转产。</para>\n  <para remap=\"p2\">社区面貌一新。</para>\n") !=
      NULL);
  CHECK(has_note(&n, "paragraph 1: the form's heading '先进事迹推荐表' left out"));
  hui_diags *d = hui_diags_new();
  hui_edition *e = load(xml, d);
  CHECK_INT(hui_diags_len(d), 0);
  CHECK_STR(e->subs[0].person.text, "周大海");
  CHECK(e->subs[0].title.text == NULL);
  hui_edition_free(e);
  hui_diags_free(d);
  free(xml);
  hui_import_notes_clear(&n);
  hui_import_meta_clear(&m);
  table_free(t);
}

/* A line break inside a paragraph: joined between Chinese characters, a
 * space between others (the schema has no line break). */
static void test_line_breaks(void) {
  hui_docx_block b[] = {blk(HUI_DOCX_PARA, 0, "前后\n换行，Word\n2016。", 1)};
  hui_docx doc = {b, 1, NULL, 0, NULL, 0, NULL, 0};
  hui_import_meta m = {0};
  hui_import_meta_find(&doc, NULL, &m);
  hui_import_target target = {"s2026-004", "a.docx", NULL, NULL};
  hui_import_notes n = {0};
  char *xml = hui_import_docbook(&doc, &m, &target, &n);
  CHECK(strstr(xml, "<para remap=\"p1\">前后换行，Word 2016。</para>") != NULL);
  free(xml);
  hui_import_notes_clear(&n);
  hui_import_meta_clear(&m);
}

/* Lines that are not a header: a sentence first, a colon in a value. */
static void test_header_edges(void) {
  hui_docx_block b[] = {
      blk(HUI_DOCX_PARA, 0, "姓名：王芳　性别：女 单位：青山县 第二中学", 1),
      blk(HUI_DOCX_PARA, 0, "时间：10:30", 2),
      blk(HUI_DOCX_PARA, 0, "她是一名教师。", 3),
  };
  hui_docx doc = {b, 3, NULL, 0, NULL, 0, NULL, 0};
  hui_import_meta m = {0};
  hui_import_meta_find(&doc, NULL, &m);
  CHECK(m.title == NULL); /* a label line is no title */
  CHECK_STR(m.field[HUI_RF_NAME], "王芳");
  CHECK_STR(m.field[HUI_RF_GENDER], "女");
  CHECK_STR(m.field[HUI_RF_UNIT], "青山县 第二中学");
  CHECK(m.taken[0] && !m.taken[1] && !m.taken[2]);
  hui_import_meta_clear(&m);

  hui_docx_block c[] = {
      blk(HUI_DOCX_PARA, 0, "一、基本情况", 1),
      blk(HUI_DOCX_PARA, 0, "她是一名教师。", 2),
  };
  hui_docx one = {c, 2, NULL, 0, NULL, 0, NULL, 0};
  hui_import_meta_find(&one, NULL, &m);
  CHECK(m.title == NULL); /* numbered: a heading of the deeds, not the title */
  CHECK(!m.taken[0]);
  hui_import_meta_clear(&m);
}

static hui_roster roster_of(const char *file, bool xlsx) {
  const char *src = getenv("HUIBIAN_SOURCE");
  char *path = hui_xasprintf("%s/tests/data/import/unit/%s", src ? src : ".", file);
  size_t len = 0;
  char *bytes = hui_read_file(path, 1 << 20, &len);
  CHECK(bytes != NULL);
  hui_grid g = {0};
  hui_roster r = {0};
  char *why = NULL;
  bool ok = bytes &&
            (xlsx ? hui_xlsx_parse(bytes, len, &g, &why) : hui_csv_parse(bytes, len, &g, &why)) &&
            hui_roster_from_grid(&g, &r, &why);
  CHECK(ok);
  if (!ok) {
    fprintf(stderr, "%s: %s\n", path, why ? why : "");
  }
  free(why);
  hui_grid_clear(&g);
  free(bytes);
  free(path);
  return r;
}

static void test_rosters(void) {
  for (int x = 0; x < 2; x++) {
    hui_roster r = roster_of(x ? "roster.xlsx" : "roster.csv", x);
    CHECK_INT(r.n, 2);
    if (r.n != 2) {
      hui_roster_clear(&r);
      continue;
    }
    CHECK_STR(r.entries[0].field[HUI_RF_NAME], "林晓燕");
    CHECK_STR(r.entries[1].field[HUI_RF_RECOMMENDER], "青山县民政局, 渔港街道");
    /* by 文件, with or without the extension it was sent with */
    CHECK_INT(hui_import_roster_match(&r, "林晓燕事迹.docx"), 0);
    CHECK_INT(hui_import_roster_match(&r, "材料/林晓燕事迹.doc"), 0);
    /* by the name in the file's name */
    CHECK_INT(hui_import_roster_match(&r, "02-周大海同志先进事迹.wps"), 1);
    CHECK_INT(hui_import_roster_match(&r, "王五.docx"), -1);
    CHECK_INT(hui_import_roster_by_name(&r, "周 大海"), 1);
    CHECK_INT(hui_import_roster_by_name(&r, "周大"), -1);
    char *id = hui_import_roster_id(2026, r.entries[0].field[HUI_RF_NUMBER]);
    CHECK_STR(id, "s2026-003");
    free(id);
    id = hui_import_roster_id(2026, r.entries[1].field[HUI_RF_NUMBER]);
    CHECK_STR(id, "s2026-020");
    free(id);
    hui_roster_clear(&r);
  }
  /* names that nest, and two that fit one file */
  hui_roster_entry e[3] = {{{NULL}, 2}, {{NULL}, 3}, {{NULL}, 4}};
  e[0].field[HUI_RF_NAME] = "王芳";
  e[1].field[HUI_RF_NAME] = "王芳芳";
  e[2].field[HUI_RF_NAME] = "李强";
  for (int i = 0; i < 3; i++) {
    for (int f = 0; f < HUI_RF_COUNT; f++) {
      if (!e[i].field[f]) {
        e[i].field[f] = "";
      }
    }
  }
  hui_roster r = {e, 3};
  CHECK_INT(hui_import_roster_match(&r, "王芳芳材料.docx"), 1);
  CHECK_INT(hui_import_roster_match(&r, "王芳材料.docx"), 0);
  CHECK_INT(hui_import_roster_match(&r, "李强王芳.docx"), -1);
  char *id = hui_import_roster_id(2026, "007");
  CHECK_STR(id, "s2026-007");
  free(id);
  CHECK(hui_import_roster_id(2026, "一") == NULL);
  CHECK(hui_import_roster_id(2026, "") == NULL);
  CHECK(hui_import_roster_id(2026, "7a") == NULL);
}

int main(void) {
  test_document();
  test_structures();
  test_wide_table();
  test_precedence();
  test_form_deeds();
  test_header_edges();
  test_line_breaks();
  test_rosters();
  return CHECK_DONE();
}
