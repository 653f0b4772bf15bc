/* decision: the official documents of an edition — the 表彰决定 (<decision>)
 * and the 公示 (<publicity>) — composed through the GB/T 9704 layer
 * (gongwen.h) from campaign.xml's texts, their placeholders filled in from
 * the results, and the awardee list: by tier in the campaign's order, within
 * a tier 以姓氏笔画为序, two-character names padded to three cells with
 * U+3000, （女） after a woman's name, the unit after each name or the names
 * grouped by unit. In the decision the list is its 附件; in the 公示 it
 * stands where <list/> is (after the text when there is none). */
#ifndef HUI_DECISION_H
#define HUI_DECISION_H

#include <stddef.h>

#include "../diag.h"
#include "../fonts.h"
#include "../model.h"
#include "book.h"
#include "stats.h"

typedef enum { HUI_DOC_DECISION, HUI_DOC_PUBLICITY, HUI_DOC_PROGRESS } hui_doc_kind;

/* The placeholders of the documents' texts, NULL-terminated (a {count:ID}
 * and {tier:ID} name a tier by its id): year, campaign, area, organizer,
 * count, count:ID, tier:ID, tiers, number, date, start, end, days, phone;
 * in the progress report also units, groups, submissions, on-time, errors,
 * awarded, old, new, points. */
extern const char *const hui_doc_keys[];

/* The configuration of kind in e's campaign. */
const hui_doc_config *hui_doc_config_of(const hui_edition *e, hui_doc_kind kind);

/* A name as an office list prints it: a name of two characters with U+3000
 * between them (陈　忠), others as they are. Caller frees. */
char *hui_doc_padded_name(const char *name);

/* Fills a fresh array (caller frees) with the awarded submissions in list
 * order: tiers in the campaign's order, within a tier by the stroke order
 * of their names, ties by id; *n their count. */
size_t *hui_doc_list_order(const hui_edition *e, size_t *n);

/* The pages of document kind on template t (kind HUI_TEMPLATE_GONGWEN).
 * A seal that cannot be read is a warning in d; a placeholder that is not
 * one of hui_doc_keys, or a date that is not YYYY-MM-DD, is an error in d
 * (the document is then not composed: NULL). Caller frees. */
hui_book *hui_doc_compose(const hui_edition *e, hui_doc_kind kind, const hui_template *t,
                          hui_fonts *fonts, hui_diags *d);
/* The same with the appraisal figures (the progress report, 进展通报): its
 * text may also say {units} {groups} {submissions} {on-time} {errors}
 * {awarded} {old} {new} {points} (the totals of stats), and each <table
 * of="units|groups"/> is that table of stats set on the grid — the name,
 * 报送, 按时报送 when there is room, one column per tier, 得分 (three cells a
 * column at least: columns that do not fit the measure are left out, the
 * tiers last, as one column 获奖). */
hui_book *hui_doc_compose_stats(const hui_edition *e, hui_doc_kind kind, const hui_template *t,
                                hui_fonts *fonts, hui_diags *d, const hui_stats *stats);

#endif
