/* flow: the vertical list of one article (or front-matter section) — lines on a
 * grid, blank grid lines, images and blocks its makers draw (tables) — and
 * its pagination with keeps, so that
 * no paragraph leaves one line alone at a page's top or bottom (B4), a heading
 * is never last on a page, and a photo stays with its title block. Footnotes
 * hang on the line that holds their reference mark; a page reserves whole
 * grid lines at its foot for the notes of its lines, so a note is always on
 * its reference's page. */
#ifndef HUI_FLOW_H
#define HUI_FLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "../image.h"
#include "para.h"

typedef enum { HUI_V_LINE, HUI_V_SPACE, HUI_V_IMAGE, HUI_V_BLOCK } hui_vkind;

struct hui_master;

/* A block its maker draws (a table's rows): told the master, the page and
 * its number, the grid line its part starts on, and whether nothing of the
 * block is above the part on this page (top). Part HUI_VBLOCK_REPEAT is what
 * the block repeats at the top of a page that one of its parts starts (a
 * table's header rows). */
#define HUI_VBLOCK_REPEAT (-1)
typedef void (*hui_vblock_draw)(void *block, int part, const struct hui_master *m, hui_dpage *pg,
                                int number, int grid, bool top);

typedef struct hui_vitem {
  hui_vkind kind;
  int lines;          /* grid lines it takes */
  bool keep;          /* keep with the next item */
  bool soft;          /* that keep gives way first when a chain is longer than a page */
  hui_para *para;     /* LINE: owned by the flow */
  size_t line;        /* LINE: line index in para */
  double x;           /* offset from the type area's left edge */
  char *tail;         /* LINE: text set flush right after dot leaders (TOC), owned */
  const hui_image *img; /* IMAGE: borrowed */
  double w, h;        /* IMAGE: size in pt */
  double dy;          /* IMAGE: its top below the top of its first grid line, pt */
  int tag;            /* LINE: a tag of the caller's (e.g. body, heading) */
  void *block;        /* BLOCK: owned by the flow (hui_flow_block) */
  hui_vblock_draw draw; /* BLOCK */
  int part;             /* BLOCK: which part of it */
  int repeat;           /* BLOCK: grid lines of the block's repeat, drawn first when
                           the part starts a page; 0 = none */
  size_t para_no;     /* LINE: paragraph number within the flow */
  int mark_level;     /* a bookmark anchored here: level, or -1 */
  char *mark_title;   /* owned */
} hui_vitem;

/* A footnote as set for the foot of the page. */
typedef struct hui_fnote {
  size_t item;    /* the line item holding its reference mark */
  hui_para *para; /* owned by the flow */
  double pitch;   /* its line pitch, pt */
} hui_fnote;

typedef struct hui_flow hui_flow;

hui_flow *hui_flow_new(void);
void hui_flow_free(hui_flow *f); /* NULL-safe; frees its paragraphs */
/* Empties the flow, freeing its paragraphs. */
void hui_flow_clear(hui_flow *f);

/* Adds every line of a set paragraph (the flow takes ownership of para).
 * Lines of a paragraph keep together as B4 needs; keep_all keeps every line
 * and the next item together (headings, titles). */
void hui_flow_para(hui_flow *f, hui_para *para, double x, bool keep_all);
/* The same, tagging the lines with a tag of the caller's. */
void hui_flow_para_tag(hui_flow *f, hui_para *para, double x, bool keep_all, int tag);
void hui_flow_space(hui_flow *f, int lines, bool keep);
/* Keeps the last line added (and any space after it) with the next item,
 * softly: when the chain of keeps is longer than a page, it gives way first. */
void hui_flow_keep_last(hui_flow *f);
void hui_flow_image(hui_flow *f, const hui_image *img, double x, double w, double h, int lines,
                    bool keep);
/* Gives the flow a block to free with free_fn when the flow is cleared; its
 * parts are added with hui_flow_block_part. */
void hui_flow_block(hui_flow *f, void *block, void (*free_fn)(void *));
/* A part of block taking lines grid lines, drawn by draw; repeat: the grid
 * lines of the block's repeat drawn above it when it starts a page. */
void hui_flow_block_part(hui_flow *f, void *block, hui_vblock_draw draw, int part, int lines,
                         int repeat, bool keep);

/* The footnote area: whole grid lines of grid_pitch pt are reserved for the
 * notes of a page plus sep pt (the room of the rule above them). Kept by
 * hui_flow_clear. Until it is set, notes take no room. */
void hui_flow_foot(hui_flow *f, double grid_pitch, double sep);
/* A footnote (set, taken over by the flow, lines pitch pt apart) whose mark
 * is on line `line` of the paragraph added last. */
void hui_flow_note(hui_flow *f, size_t line, hui_para *note, double pitch);
size_t hui_flow_nnotes(const hui_flow *f);
const hui_fnote *hui_flow_note_at(const hui_flow *f, size_t i);
/* The grid lines the footnote area takes for notes of height h (pt): 0 when
 * h is 0. */
int hui_flow_foot_lines(const hui_flow *f, double h);
/* The room above the notes for the rule, pt (as hui_flow_foot set it). */
double hui_flow_foot_sep(const hui_flow *f);

/* A bookmark at the next item added. */
void hui_flow_mark(hui_flow *f, int level, const char *title);
/* Sets the leader tail of the last line added. */
void hui_flow_tail(hui_flow *f, const char *tail);

size_t hui_flow_len(const hui_flow *f);
hui_vitem *hui_flow_at(hui_flow *f, size_t i);

/* Splits the items into pages of lines_per_page grid lines (a block's part
 * that starts a page takes its repeat's lines as well); fills a fresh
 * array (caller frees) with the index where each page starts; returns the
 * number of pages. Blank grid lines at the top of a page are dropped. The
 * footnote area of a page's lines counts against its grid lines: a line
 * whose notes do not fit below it goes to the next page with them (only the
 * first item of a page is placed whatever it needs: see
 * hui_flow_paginate_notes). */
size_t hui_flow_paginate(const hui_flow *f, int lines_per_page, size_t **starts);
/* The same, and with note_ends (when not NULL) a fresh array (caller frees)
 * of, for each page, how many footnote lines (the notes' lines in order) are
 * placed by the end of it. A page's notes all fit under its lines, except
 * when its first line brings more than a page can hold: then the lines that
 * do not fit continue at the foot of the next page (before that page's own
 * notes), and after the last line pages of notes alone follow if needed
 * (their start is hui_flow_len). */
size_t hui_flow_paginate_notes(const hui_flow *f, int lines_per_page, size_t **starts,
                               size_t **note_ends);

#endif
