/* blocks: the body's tables and figures as the compendium sets them
 * (docs/typography.md, G1 and G2): a model table into a laid-out
 * layout/table.h table with its findings, and a figure's photo and caption
 * into a flow. */
#ifndef HUI_BLOCKS_H
#define HUI_BLOCKS_H

#include <stdbool.h>

#include "../diag.h"
#include "../fonts.h"
#include "../image.h"
#include "../layout/flow.h"
#include "../layout/page.h"
#include "../layout/para.h"
#include "../layout/table.h"
#include "../model.h"

/* Fills p with the inline content of block (a para, title or caption) in
 * role base at size: the compendium's own way with emphasis and quotes. */
typedef void (*hui_inlines_fn)(hui_para *p, const hui_node *block, hui_role base, double size);

/* The laid-out table of node (a HUI_N_TABLE) on master m's grid, its cells
 * filled by inlines: header rows in the heading role, the others in the body
 * role. When d is not NULL, what does not fit (table-too-wide,
 * table-row-too-tall) and a colwidth not understood (table-colwidth) are
 * findings in file. Caller frees with hui_table_free, or hands it to a flow. */
hui_table *hui_compose_table(const hui_node *node, const hui_master *m, hui_fonts *fonts,
                             bool strict, hui_inlines_fn inlines, const char *file, hui_diags *d);

/* A table's title, centred above it in the heading role (NULL when node has
 * none). */
hui_para *hui_compose_table_title(const hui_node *node, const hui_master *m, hui_fonts *fonts,
                                  bool strict, hui_inlines_fn inlines);

/* The box a figure's photo is fitted into, in mm: the measure's width, and
 * two thirds of the type area's grid lines high (docs/typography.md, G2).
 * The rules measure a figure's dpi in the same box. */
void hui_figure_box(const hui_template *t, double *w_mm, double *h_mm);

/* The size (pt) of img fitted into a box of bw x bh pt, upright and keeping
 * its aspect ratio. */
void hui_figure_fit(const hui_image *img, double bw, double bh, double *w, double *h);

/* Puts a figure into flow f: img (borrowed, or NULL for none) fitted into
 * the figure box (hui_figure_box) and centred on the measure, then caption (a
 * HUI_N_CAPTION or NULL) centred under it in 楷体 a size smaller than the
 * body; the photo keeps with its caption, so the two move to the next page
 * together. */
void hui_figure_flow(hui_flow *f, const hui_master *m, hui_fonts *fonts, const hui_image *img,
                     const hui_node *caption, bool strict, hui_inlines_fn inlines);

#endif
