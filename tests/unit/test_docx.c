/* test_docx: the Word reader (load/docx.h) on the files of tests/data/docx:
 * real ones (docx-rs fixtures, a 公文 template's output) and made-up ones
 * (make-docx.py: 青山县). Headings and their levels, Word's numbering as
 * Word shows it, bold spans, tables on their grid, footnotes, images, text
 * boxes read once, the drop report, and the refusals. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "load/docx.h"

static char *slurp(const char *name, size_t *len) {
  const char *src = getenv("HUIBIAN_SOURCE");
  char *path = hui_xasprintf("%s/tests/data/docx/%s", src ? src : ".", name);
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    free(path);
    *len = 0;
    return hui_xstrdup("");
  }
  hui_buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    hui_buf_add(&b, chunk, n);
  }
  fclose(f);
  free(path);
  *len = b.len;
  return b.data ? hui_buf_take(&b) : hui_xstrdup("");
}

/* Reads a file that must be read. */
static bool load(const char *name, hui_docx *d) {
  size_t len = 0;
  char *bytes = slurp(name, &len);
  char *why = NULL;
  memset(d, 0, sizeof *d);
  bool ok = hui_docx_read(bytes, len, d, &why);
  if (!ok) {
    fprintf(stderr, "%s: %s\n", name, why);
  }
  free(why);
  free(bytes);
  return ok;
}

/* The refusal of a file that must be refused (caller frees), or NULL. */
static char *refusal(const char *name) {
  size_t len = 0;
  char *bytes = slurp(name, &len);
  char *why = NULL;
  hui_docx d = {0};
  bool ok = hui_docx_read(bytes, len, &d, &why);
  hui_docx_clear(&d);
  free(bytes);
  if (ok) {
    fprintf(stderr, "%s: read, not refused\n", name);
  }
  return why;
}

/* The first block whose text is text, or NULL. */
static const hui_docx_block *find(const hui_docx *d, const char *text) {
  for (size_t i = 0; i < d->nblocks; i++) {
    if (strcmp(d->blocks[i].text, text) == 0) {
      return &d->blocks[i];
    }
  }
  return NULL;
}

/* Whether the report has a line at para that contains what. */
static bool dropped(const hui_docx *d, size_t para, const char *what) {
  for (size_t i = 0; i < d->ndrops; i++) {
    if (d->drops[i].para == para && strstr(d->drops[i].what, what)) {
      return true;
    }
  }
  return false;
}

/* Checks that text is there with that kind, level and label length. */
static void check_block(const hui_docx *d, const char *text, hui_docx_kind kind, int level,
                        size_t label_len) {
  const hui_docx_block *b = find(d, text);
  CHECK(b != NULL);
  if (!b) {
    fprintf(stderr, "  no block \"%s\"\n", text);
    return;
  }
  CHECK_INT(b->kind, kind);
  CHECK_INT(b->level, level);
  CHECK_INT(b->label_len, label_len);
}

static void test_gongwen(void) {
  hui_docx d;
  CHECK(load("gongwen.docx", &d));
  /* style ids 2..5 are named heading 2..5; the title style is based on heading 1 */
  check_block(&d, "测试文段", HUI_DOCX_HEADING, 1, 0);
  check_block(&d, "一、一级标题a", HUI_DOCX_HEADING, 2, strlen("一、"));
  check_block(&d, "十、一级标题j", HUI_DOCX_HEADING, 2, strlen("十、"));
  check_block(&d, "十一、一级标题k", HUI_DOCX_HEADING, 2, strlen("十一、"));
  check_block(&d, "（十一）二级标题k", HUI_DOCX_HEADING, 3, strlen("（十一）"));
  check_block(&d, "10.三级标题j", HUI_DOCX_HEADING, 4, 3);
  check_block(&d, "（10）四级标题j", HUI_DOCX_HEADING, 5, strlen("（10）"));
  /* lower levels restart under a new higher one; the higher count goes on */
  check_block(&d, "1.三级标题1", HUI_DOCX_HEADING, 4, 2);
  check_block(&d, "十二、一级标题2", HUI_DOCX_HEADING, 2, strlen("十二、"));
  check_block(&d, "（一）二级标题3", HUI_DOCX_HEADING, 3, strlen("（一）"));
  check_block(&d, "这是一段不需要缩进的内容。", HUI_DOCX_PARA, 0, 0);
  /* the style's name as Word stores it, for the importer (a title, an author) */
  const hui_docx_block *title = find(&d, "测试文段");
  CHECK(title && title->style && strcmp(title->style, "Title") == 0);
  title = find(&d, "一、一级标题a");
  CHECK(title && title->style && strcmp(title->style, "heading 2") == 0);
  CHECK(dropped(&d, 0, "headers and footers"));
  size_t headings = 0;
  for (size_t i = 0; i < d.nblocks; i++) {
    headings += d.blocks[i].kind == HUI_DOCX_HEADING;
  }
  CHECK_INT(headings, 56); /* 54 styled 2..5, the title and the author line */
  hui_docx_clear(&d);
}

static void test_numbering(void) {
  hui_docx d;
  CHECK(load("qingshan-numbering.docx", &d));
  check_block(&d, "青山县第三届道德模范推荐材料", HUI_DOCX_HEADING, 1, 0);
  /* numbered by its style's numPr (heading 3 by the style's name) */
  check_block(&d, "一、总体情况", HUI_DOCX_HEADING, 3, strlen("一、"));
  check_block(&d, "（一）基本事迹", HUI_DOCX_HEADING, 3, strlen("（一）"));
  /* the empty paragraph counted (二) and was dropped */
  check_block(&d, "（三）带头修路", HUI_DOCX_ITEM, 1, strlen("（三）"));
  CHECK(dropped(&d, 7, "empty paragraph"));
  /* three contents paragraphs: left out, one line in the report */
  CHECK(find(&d, "目录一") == NULL);
  CHECK_INT(d.nimages, 0); /* the picture in a contents entry is not read */
  CHECK(dropped(&d, 1, "table of contents") && !dropped(&d, 2, "table of contents"));
  check_block(&d, "1.第一段", HUI_DOCX_ITEM, 2, 2);
  check_block(&d, "2.第二段", HUI_DOCX_ITEM, 2, 2);
  check_block(&d, "（1）细节", HUI_DOCX_ITEM, 3, strlen("（1）"));
  check_block(&d, "①更细", HUI_DOCX_ITEM, 4, strlen("①"));
  check_block(&d, "3.又一段", HUI_DOCX_ITEM, 2, 2);
  check_block(&d, "（1）再细", HUI_DOCX_ITEM, 3, strlen("（1）"));
  /* a custom style based on 标题 2; a paragraph's own outline level */
  check_block(&d, "二号标题", HUI_DOCX_HEADING, 2, 0);
  check_block(&d, "直接大纲", HUI_DOCX_HEADING, 3, 0);
  /* ideographTraditional, lowerLetter, upperRoman with a space after it,
   * %1.%4 across formats */
  check_block(&d, "甲．甲项", HUI_DOCX_ITEM, 0, strlen("甲．"));
  check_block(&d, "a)子项", HUI_DOCX_ITEM, 1, 2);
  check_block(&d, "I. 罗马", HUI_DOCX_ITEM, 2, 3);
  check_block(&d, "甲.i合成", HUI_DOCX_ITEM, 3, strlen("甲.i"));
  check_block(&d, "乙．乙项", HUI_DOCX_ITEM, 0, strlen("乙．"));
  /* another num over the same abstract with startOverride 5 */
  check_block(&d, "戊．重新开始", HUI_DOCX_ITEM, 0, strlen("戊．"));
  /* Symbol's private-use bullet shown as a bullet; w:start 3 */
  check_block(&d, "•要点", HUI_DOCX_ITEM, 0, strlen("•"));
  check_block(&d, "第3条条文", HUI_DOCX_ITEM, 0, strlen("第3条"));
  /* Chinese numbers past ten: 零 for a gap, 十 after a digit from 110 on;
   * chineseCounting digit by digit from 100 */
  check_block(&d, "九十九、千位甲", HUI_DOCX_ITEM, 0, strlen("九十九、"));
  check_block(&d, "一百、千位乙", HUI_DOCX_ITEM, 0, strlen("一百、"));
  check_block(&d, "一百零一、千位丙", HUI_DOCX_ITEM, 0, strlen("一百零一、"));
  check_block(&d, "一千零九、千位丁", HUI_DOCX_ITEM, 0, strlen("一千零九、"));
  check_block(&d, "一千零一十、千位戊", HUI_DOCX_ITEM, 0, strlen("一千零一十、"));
  check_block(&d, "一千零一十一、千位己", HUI_DOCX_ITEM, 0, strlen("一千零一十一、"));
  check_block(&d, "九十九、计数甲", HUI_DOCX_ITEM, 0, strlen("九十九、"));
  check_block(&d, "一〇〇、计数乙", HUI_DOCX_ITEM, 0, strlen("一〇〇、"));
  check_block(&d, "一〇一、计数丙", HUI_DOCX_ITEM, 0, strlen("一〇一、"));
  check_block(&d, "一万零一十、万位", HUI_DOCX_ITEM, 0, strlen("一万零一十、"));

  /* bold: a direct w:b run, a bold character style, a bold paragraph style */
  const hui_docx_block *b = find(&d, "李青山，男，青山县人。");
  CHECK(b && b->nbold == 1 && b->bold[0].start == strlen("李青山，") &&
        b->bold[0].end == strlen("李青山，男"));
  CHECK(b && b->skipped == 2);
  CHECK(dropped(&d, b ? b->para : 0, "leading indent dropped (2"));
  b = find(&d, "山村好人事迹如下。");
  CHECK(b && b->nbold == 1 && b->bold[0].start == 0 && b->bold[0].end == strlen("山村好人"));
  b = find(&d, "全段加粗");
  CHECK(b && b->nbold == 1 && b->bold[0].end == strlen("全段加粗"));
  /* hidden by a character style; w:vanish w:val="0" is visible */
  b = find(&d, "看得见的字");
  CHECK(b != NULL);
  CHECK(dropped(&d, b ? b->para : 0, "hidden text"));
  /* a page break dropped, a line break kept */
  b = find(&d, "前后\n换行");
  CHECK(b != NULL);
  CHECK(dropped(&d, b ? b->para : 0, "page break"));
  /* fields: the result kept, the code dropped */
  b = find(&d, "页码7页");
  CHECK(b != NULL);
  CHECK(dropped(&d, b ? b->para : 0, "field code"));
  CHECK(find(&d, "2026年5月1日") != NULL);
  /* a drop cap's letter begins the next paragraph */
  b = find(&d, "青山县的故事从这里开始。");
  CHECK(b && b->kind == HUI_DOCX_PARA);
  CHECK(find(&d, "青") == NULL);
  b = find(&d, "最后一段");
  CHECK(dropped(&d, b ? b->para : 0, "section break"));
  /* a paragraph of spaces only is empty */
  CHECK(dropped(&d, 30, "empty paragraph"));
  hui_docx_clear(&d);
}

static void test_table(void) {
  hui_docx d;
  CHECK(load("qingshan-table.docx", &d));
  const hui_docx_block *tb = NULL;
  for (size_t i = 0; i < d.nblocks && !tb; i++) {
    tb = d.blocks[i].kind == HUI_DOCX_TABLE ? &d.blocks[i] : NULL;
  }
  CHECK(tb && tb->table && tb->para == 2);
  if (tb && tb->table) {
    const hui_docx_table *t = tb->table;
    CHECK_INT(t->nrows, 4);
    CHECK_INT(t->ncols, 4);
    CHECK(t->header_row);
    const hui_docx_cell *c = t->cells;
    CHECK_STR(c[0].text, "青山县道德模范推荐表");
    CHECK_INT(c[0].colspan, 4);
    CHECK_INT(c[1].colspan, 0); /* covered by the title */
    CHECK_STR(c[1 * 4 + 2].text, "照片");
    CHECK_INT(c[1 * 4 + 2].rowspan, 2); /* vMerge restart, continue */
    CHECK_INT(c[2 * 4 + 2].colspan, 0);
    CHECK_STR(c[2 * 4 + 3].text, "内一\n内二"); /* a nested table flattened */
    CHECK_STR(c[3 * 4 + 0].text, "");           /* gridBefore */
    CHECK_INT(c[3 * 4 + 0].colspan, 1);
    CHECK_STR(c[3 * 4 + 1].text, "事迹");
    CHECK_INT(c[3 * 4 + 1].colspan, 2);
    /* the grid repeats merged texts, and the form matcher reads it */
    CHECK_STR(hui_grid_cell(&t->grid, 2, 2), "照片");
    CHECK_STR(hui_grid_cell(&t->grid, 0, 3), "青山县道德模范推荐表");
    char *fields[HUI_RF_COUNT] = {0};
    hui_form_match(&t->grid, fields);
    CHECK_STR(fields[HUI_RF_NAME], "王秀英");
    CHECK_STR(fields[HUI_RF_UNIT], "青山县河口镇");
    for (int i = 0; i < HUI_RF_COUNT; i++) {
      free(fields[i]);
    }
  }
  /* footnotes: marks where the references were, separators skipped, a
   * second reference to the same note */
  CHECK_INT(d.nnotes, 2);
  CHECK(dropped(&d, 0, "image in a footnote"));
  if (d.nnotes == 2) {
    CHECK_STR(d.notes[0].text, "自2006年起。");
    CHECK_STR(d.notes[1].text, "2025年青山好人。");
  }
  const hui_docx_block *b = find(&d, "王秀英照顾邻居二十年，获评好人。");
  CHECK(b && b->nnotes == 2 && b->notes[0].what == 0 &&
        b->notes[0].at == strlen("王秀英照顾邻居二十年") && b->notes[1].what == 1 &&
        b->notes[1].at == strlen("王秀英照顾邻居二十年，获评好人"));
  b = find(&d, "再次引用");
  CHECK(b && b->nnotes == 1 && b->notes[0].what == 0);
  /* images: alone in a paragraph, its caption, inline in text, floating */
  CHECK_INT(d.nimages, 2);
  if (d.nimages == 2) {
    CHECK_STR(d.images[0].name, "photo.png");
    CHECK_STR(d.images[0].type, "png");
    CHECK(d.images[0].len > 8 && memcmp(d.images[0].bytes, "\x89PNG", 4) == 0);
    CHECK_STR(d.images[1].name, "icon.png");
  }
  size_t image_blocks = 0;
  for (size_t i = 0; i < d.nblocks; i++) {
    if (d.blocks[i].kind == HUI_DOCX_IMAGE) {
      image_blocks++;
      CHECK_INT(d.blocks[i].image, 0);
      if (i + 1 < d.nblocks && image_blocks == 1) {
        CHECK_INT(d.blocks[i + 1].kind, HUI_DOCX_CAPTION);
        CHECK_STR(d.blocks[i + 1].text, "图为王秀英在河口镇敬老院");
      }
    }
  }
  CHECK_INT(image_blocks, 2); /* the paragraph of its own and the floating one */
  b = find(&d, "文中有小图");
  CHECK(b && b->nimages == 1 && b->images[0].what == 1 && b->images[0].at == strlen("文中有"));
  b = find(&d, "浮动图片旁的文字");
  CHECK(b && b->nimages == 0 && b[1].kind == HUI_DOCX_IMAGE && b[1].para == b->para);
  check_block(&d, "题注段落", HUI_DOCX_CAPTION, 0, 0);
  /* a text box: once, after its paragraph */
  b = find(&d, "文本框前文本框后");
  CHECK(b && strcmp(b[1].text, "文本框里的话") == 0);
  size_t boxes = 0;
  for (size_t i = 0; i < d.nblocks; i++) {
    boxes += strstr(d.blocks[i].text, "文本框里的话") != NULL;
  }
  CHECK_INT(boxes, 1);
  /* a comment: its text never, a line in the report */
  b = find(&d, "批注前批注中");
  CHECK(b && dropped(&d, b->para, "comment"));
  for (size_t i = 0; i < d.nblocks; i++) {
    CHECK(strstr(d.blocks[i].text, "批注内容") == NULL);
  }
  hui_docx_clear(&d);
}

static void test_real_files(void) {
  hui_docx d;
  /* the main part found through _rels/.rels (word/document2.xml) */
  CHECK(load("bom.docx", &d));
  CHECK(d.nblocks == 1 && strcmp(d.blocks[0].text, "Hello") == 0);
  hui_docx_clear(&d);
  /* a text box stored twice, read once */
  CHECK(load("textbox.docx", &d));
  size_t hellos = 0;
  for (size_t i = 0; i < d.nblocks; i++) {
    for (const char *p = d.blocks[i].text; (p = strstr(p, "Hello")); p++) {
      hellos++;
    }
  }
  CHECK_INT(hellos, 1);
  hui_docx_clear(&d);
  CHECK(load("image_inline_and_anchor.docx", &d));
  CHECK_INT(d.nimages, 2);
  CHECK(d.nimages == 2 && strcmp(d.images[0].type, "jpeg") == 0 &&
        memcmp(d.images[0].bytes, "\xff\xd8", 2) == 0);
  hui_docx_clear(&d);
  CHECK(load("footnotes.docx", &d));
  CHECK(d.nnotes == 1 && strcmp(d.notes[0].text, "World") == 0);
  CHECK(d.nblocks == 1 && d.blocks[0].nnotes == 1 && d.blocks[0].notes[0].at == 5);
  hui_docx_clear(&d);
  CHECK(load("hidden.docx", &d));
  CHECK(d.nblocks == 1 && strcmp(d.blocks[0].text, "Hello World") == 0);
  CHECK(dropped(&d, 1, "hidden text"));
  hui_docx_clear(&d);
  /* headings by localized style ids, numbered 第１章; the TOC dropped */
  CHECK(load("toc1.docx", &d));
  check_block(&d, "第１章Hello", HUI_DOCX_HEADING, 1, strlen("第１章"));
  check_block(&d, "第１節World", HUI_DOCX_HEADING, 2, strlen("第１節"));
  CHECK(dropped(&d, 1, "table of contents"));
  hui_docx_clear(&d);
  CHECK(load("table_merged_libre_office.docx", &d));
  CHECK(d.nblocks >= 1 && d.blocks[0].table);
  if (d.nblocks >= 1 && d.blocks[0].table) {
    const hui_docx_table *t = d.blocks[0].table;
    CHECK(t->nrows == 3 && t->ncols == 3);
    CHECK(t->cells[0].colspan == 2 && t->cells[2].rowspan == 3 && t->cells[3].rowspan == 2);
  }
  hui_docx_clear(&d);
  /* the main part the relationships name, not a stale word/document.xml;
   * a chart has no picture: a line in the report */
  CHECK(load("qingshan-main-part.docx", &d));
  CHECK(d.nblocks == 2 && strcmp(d.blocks[0].text, "真正的正文") == 0);
  CHECK(dropped(&d, 2, "chart"));
  hui_docx_clear(&d);
  CHECK(load("numbering.docx", &d));
  check_block(&d, "①Hello", HUI_DOCX_ITEM, 0, strlen("①"));
  check_block(&d, "ii. World", HUI_DOCX_ITEM, 0, 4);
  hui_docx_clear(&d);
}

static void check_refused(const char *name, const char *what) {
  char *why = refusal(name);
  CHECK(why != NULL);
  if (why && !strstr(why, what)) {
    fprintf(stderr, "%s: refused with \"%s\", want \"%s\"\n", name, why, what);
    CHECK(false);
  }
  free(why);
}

static void test_refusals(void) {
  check_refused("refuse/tracked.docx", "tracked changes that are not accepted, the first in "
                                       "paragraph 3");
  check_refused("refuse/deleted-in-cell.docx", "paragraph 2");
  check_refused("refuse/tracked-note.docx", "tracked changes in its footnotes");
  check_refused("del_in_ins.docx", "tracked changes");
  check_refused("history_libre_office.docx", "tracked changes");
  check_refused("run_property_change.docx", "tracked changes");
  check_refused("paragraph_property_change.docx", "tracked changes");
  check_refused("refuse/doctype.docx", "DOCTYPE");
  check_refused("refuse/climb.docx", "outside its package ('../../etc/passwd')");
  check_refused("refuse/bomb.docx", "unpacks to more than");
  check_refused("refuse/cells.docx", "more than 1000000 cells");
  check_refused("refuse/merged-text.docx", "MB of text");
  check_refused("refuse/encrypted.docx", "encrypted");
  check_refused("refuse/old.doc.docx", "old Word .doc");
  check_refused("refuse/text.docx", "not a ZIP package");
  check_refused("refuse/truncated.docx", "not a readable Office file");
  check_refused("refuse/workbook.docx", "is <workbook>");
  check_refused("refuse/plain.zip.docx", "no main document part");
  hui_docx d = {0};
  char *why = NULL;
  CHECK(!hui_docx_read("", 0, &d, &why) && why && *why);
  free(why);
  hui_docx_clear(&d);
  hui_docx_clear(NULL);
}

int main(void) {
  test_gongwen();
  test_numbering();
  test_table();
  test_real_files();
  test_refusals();
  return CHECK_DONE();
}
