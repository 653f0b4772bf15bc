/* gongwen: official documents (公文) in the format of GB/T 9704-2012 — the
 * layer every document output (decision, publicity, progress) composes
 * through. A document is built up in reading order and then composed on a
 * gongwen-kind template's page master (templates/gongwen-a4.xml):
 *
 *   版头    the 发文机关标志 (red, centred, shrunk to the type area's width),
 *           two blank lines, the 发文字号 centred, the red separator line
 *           across the type area a few mm under it (hui_gongwen_head);
 *   主体    the title two lines under the separator (2号 小标宋, centred,
 *           its lines balanced), a blank line, the 主送机关 flush left
 *           ending in a full-width colon, the body: paragraphs, headings
 *           numbered by level (一、 in 黑体, （一） in 楷体, 1. and （1） in
 *           仿宋), plain lines (lists), tables (layout/table.h), blank lines;
 *           the 附件说明 one blank line under the body; the issuer's name
 *           and the 成文日期 (the date's right edge a template's number of
 *           cells in from the right, the name centred over it) with the
 *           seal centred on them, pressing both; then each 附件 on pages of
 *           its own ("附件1" flush left on the first line, its title centred
 *           on the third);
 *   版记    抄送 and 印发机关 with 印发日期 between a thick rule on top, a thin
 *           one between them and a thick one on the type area's bottom
 *           edge, at the foot of the last page — an even page: when the
 *           document ends on an odd page the 版记 takes the next one, and
 *           when there is no room on an even last page a blank page and a
 *           page for the 版记 follow, both without a page number.
 *
 * Every page but those two carries its number "— 1 —" (the master's folio).
 * The strings given are copied; a table is taken over. */
#ifndef HUI_GONGWEN_H
#define HUI_GONGWEN_H

#include <stdbool.h>
#include <stddef.h>

#include "../fonts.h"
#include "../image.h"
#include "../layout/table.h"
#include "../model.h"
#include "book.h"

typedef struct hui_gongwen hui_gongwen;

hui_gongwen *hui_gongwen_new(void);
void hui_gongwen_free(hui_gongwen *g); /* NULL-safe; frees the tables not composed */

/* The 版头: mark (发文机关标志, e.g. "青山县人民政府文件") and number (发文字号,
 * e.g. from hui_gongwen_number); either may be NULL or empty. Without a
 * mark the document has no 版头 and starts with its title. */
void hui_gongwen_head(hui_gongwen *g, const char *mark, const char *number);
void hui_gongwen_title(hui_gongwen *g, const char *title);
/* The 主送机关; a full-width colon is added when it does not end in one. */
void hui_gongwen_to(hui_gongwen *g, const char *addressee);

/* --- The body (or, after hui_gongwen_annex, the 附件's) --------------------- */

/* A paragraph: two cells of indent, justified. */
void hui_gongwen_para(hui_gongwen *g, const char *text);
/* A heading of level 1-4, numbered in its level (一、 （一） 1. （1）; a
 * heading restarts the numbers of the levels below it) and indented two
 * cells. */
void hui_gongwen_heading(hui_gongwen *g, int level, const char *text);
/* A line of a list: indent cells from the left, not justified; a longer
 * text wraps with its continuation at hang cells. */
void hui_gongwen_line(hui_gongwen *g, const char *text, double indent, double hang);
/* A line centred on the measure (a list's tier, a 附件's subtitle). */
void hui_gongwen_center(hui_gongwen *g, const char *text, hui_role role);
void hui_gongwen_space(hui_gongwen *g, int lines);
/* A table made with hui_table_new on the fonts the document is composed
 * with; the document takes it over and lays it out on its grid. */
void hui_gongwen_table(hui_gongwen *g, hui_table *t);

/* --- After the body --------------------------------------------------------- */

/* A name in the 附件说明 ("附件：1．…"); the k-th hui_gongwen_annex is its
 * 附件. */
void hui_gongwen_attachment(hui_gongwen *g, const char *name);
/* The 发文机关署名, the 成文日期 (e.g. "2020年12月8日") and the seal (NULL:
 * none, the name two cells in from the right and the date under it). The
 * seal is borrowed and must live until the book is written. */
void hui_gongwen_sign(hui_gongwen *g, const char *issuer, const char *date, const hui_image *seal);
/* Starts a 附件 on a new page with its title: what is added next is its
 * body. */
void hui_gongwen_annex(hui_gongwen *g, const char *title);
/* The 版记: cc (抄送: the bodies, "。" added; may be NULL), the printer
 * (印发机关) and the print date ("2020年12月8日"; "印发" is added). */
void hui_gongwen_imprint(hui_gongwen *g, const char *cc, const char *printer, const char *date);

/* The pages of the document on template t (kind HUI_TEMPLATE_GONGWEN), drawn
 * with fonts. Composes once: the tables go to the book. Caller frees. */
hui_book *hui_gongwen_compose(hui_gongwen *g, const hui_template *t, hui_fonts *fonts);

/* A 发文字号: prefix, the year in 六角括号 and the number with no leading
 * zeros, "青发〔2020〕12号". Caller frees. */
char *hui_gongwen_number(const char *prefix, int year, int seq);

/* Heading number k (from 1) of level (1-4) as printed: "一、", "（一）",
 * "1.", "（1）", into out (at least 32 bytes). */
void hui_gongwen_heading_number(int level, int k, char *out, size_t cap);

#endif
