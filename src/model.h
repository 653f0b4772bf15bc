/* model: the document tree of an edition — campaign, submissions, templates.
 * Everything here is plain C data copied out of the XML; no libxml2 types. */
#ifndef HUI_MODEL_H
#define HUI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A position in a source file (1-based line and column; 0 = unknown). */
typedef struct hui_pos {
  int line, col;
} hui_pos;

/* A string taken from the XML, with where it starts. text is NULL when the
 * element was absent, "" when present but empty (after trimming white space). */
typedef struct hui_field {
  char *text;
  hui_pos pos;
  /* Where the text's first character is in the source, when the element holds
   * one plain text node (so positions inside text can be exact); {0,0} else. */
  hui_pos text_pos;
} hui_field;

/* Body content: a tree of blocks and inlines (a DocBook subset). */
typedef enum hui_node_kind {
  HUI_N_ROOT,       /* the body of an article, or a preface */
  HUI_N_PARA,
  HUI_N_SECTION,    /* children: one HUI_N_TITLE first (a second one flagged
                       HUI_NODE_SUBTITLE may follow), then blocks */
  HUI_N_TITLE,      /* inline content */
  HUI_N_ITEMIZED,   /* children: HUI_N_ITEM */
  HUI_N_ORDERED,    /* children: HUI_N_ITEM */
  HUI_N_ITEM,       /* children: blocks */
  HUI_N_BLOCKQUOTE, /* children: blocks */
  HUI_N_TEXT,       /* leaf: text */
  HUI_N_EMPHASIS,   /* inline; role="bold" sets HUI_NODE_BOLD */
  HUI_N_QUOTE,      /* inline; rendered with “ ” */
  HUI_N_PHRASE,     /* inline, no styling */
  /* The content real deeds carry (docs/edition-format.md, "Body content"). */
  HUI_N_TABLE,      /* table/informaltable: an optional HUI_N_TITLE first (a
                       <table>'s title), then HUI_N_COLSPEC leaves for the
                       columns with a colwidth, then HUI_N_ROW children; cols = the
                       number of grid columns (tgroup/@cols) */
  HUI_N_ROW,        /* children: HUI_N_CELL; HUI_NODE_HEAD when from <thead> */
  HUI_N_CELL,       /* entry: children are blocks (a cell's bare inline content
                       is wrapped in one HUI_N_PARA); cols/rows = how many grid
                       columns and rows it spans (1 and 1 unless merged) */
  HUI_N_FIGURE,     /* figure/informalfigure: one HUI_N_IMAGE, then an
                       optional HUI_N_CAPTION (the figure's title or the
                       mediaobject's caption) */
  HUI_N_IMAGE,      /* leaf: text = imagedata/@fileref as written (relative to
                       the edition folder, like the cover photo) */
  HUI_N_CAPTION,    /* inline content: 图为… */
  HUI_N_FOOTNOTE,   /* inline, inside a paragraph: its children are blocks
                       (HUI_N_PARA); numbered per article by the composer */
  HUI_N_EPIGRAPH,   /* epigraph (颁奖辞): children blocks, set apart */
  HUI_N_EDITOR_NOTE, /* note role="editor" (编者按): an optional HUI_N_TITLE
                       first, then blocks; set apart */
  HUI_N_COLSPEC     /* leaf of a HUI_N_TABLE, before its rows: a colspec's
                       colwidth as written (text, e.g. "2*" or "30mm") for
                       grid column cols (from 1) */
} hui_node_kind;

#define HUI_N_LAST HUI_N_COLSPEC

enum {
  HUI_NODE_BOLD = 1,      /* emphasis role="bold" */
  HUI_NODE_HEAD = 2,      /* a table row from <thead> */
  HUI_NODE_SIGNATURE = 4, /* para role="signature": the 落款, set right */
  HUI_NODE_DATE = 8,      /* para role="date": the date under the 落款 */
  HUI_NODE_SUBTITLE = 16  /* a HUI_N_TITLE from a section's <subtitle> */
};

typedef struct hui_node {
  hui_node_kind kind;
  int flags;
  hui_pos pos;
  char *text; /* HUI_N_TEXT, HUI_N_IMAGE and HUI_N_COLSPEC only: UTF-8, white space as in the source */
  int cols, rows; /* HUI_N_TABLE: cols = grid columns; HUI_N_CELL: the span (>= 1) */
  struct hui_node *parent, *first, *last, *next;
} hui_node;

/* A new node (text copied if non-NULL). Free a tree with hui_node_free. */
hui_node *hui_node_new(hui_node_kind kind, const char *text, hui_pos pos);
void hui_node_append(hui_node *parent, hui_node *child);
/* Frees a node and its whole subtree, without recursion. NULL-safe. */
void hui_node_free(hui_node *n);
/* Next node in document order below root (pre-order), or NULL. */
hui_node *hui_node_walk_next(const hui_node *root, const hui_node *n);

typedef struct hui_honor {
  hui_field text; /* e.g. 2018年度市级优秀共产党员 */
} hui_honor;

typedef struct hui_submission {
  char *path;       /* relative to the edition folder, e.g. submissions/s007.xml */
  bool loaded;      /* false when the file could not be parsed or validated */
  hui_pos root_pos; /* the <article> element */
  hui_field id;
  hui_field title, subtitle;
  hui_field person;     /* the first author's personname, or NULL text for a collective */
  hui_field *others;    /* the personnames of further <author>s (a father and daughter, a team) */
  size_t nothers;
  char *joined_name;    /* every person's name joined by U+3000 (高青旺　高红) when
                           there are others; NULL else */
  hui_field collective; /* author/orgname */
  hui_field unit;       /* affiliation/orgname */
  hui_field position;   /* affiliation/jobtitle */
  hui_field date;
  hui_field photo;      /* cover imagedata/@fileref */
  hui_field portrait;   /* a second cover photo marked role="portrait" (a 证件照 for the
                           光荣榜 and 展板); NULL text when there is none */
  hui_field category;   /* 新典型 | 老典型 */
  bool female;          /* the first <author role="female">: （女） after the name in lists */
  hui_field recommender;
  hui_honor *honors;
  size_t nhonors;
  hui_field abstract;
  hui_node *body;    /* HUI_N_ROOT; NULL once dropped (hui_submission_drop_body) */
  bool body_dropped; /* the body was freed when nothing needed it any more */
  /* The SHA-256 (hex) and size of the bytes the reader read, "" when they
   * were not read from a file: what the manifest records for the file, so
   * it names what was built even if the file changes meanwhile. */
  char sha256[65];
  uint64_t size;
  /* Filled in by the rules stage. */
  long charcount;   /* 字数 of the body, -1 until counted */
  int tier;         /* index into campaign tiers, -1 when not awarded */
  /* The award naming it when that award is withdrawn (campaign-owned), else
   * NULL; tier is then -1: out of every output, kept in the report. */
  const struct hui_award *withdrawn;
} hui_submission;

typedef struct hui_tier {
  char *id, *name;
  int quota; /* the most awards allowed (0: none); -1 = no limit (no quota attribute) */
  hui_pos pos;
  char *prize; /* <tier prize>: what a certificate's {prize} says was won; NULL: the name */
} hui_tier;

typedef struct hui_award {
  hui_field ref, tier;
  /* withdrawn="reason": the awardee dropped out after the 公示; the award
   * stays in the record (report.json) and out of every output. text NULL:
   * not withdrawn. */
  hui_field withdrawn;
} hui_award;

typedef enum { HUI_ORDER_STROKE, HUI_ORDER_PINYIN, HUI_ORDER_UNIT, HUI_ORDER_DATE } hui_order_key;

/* The configuration campaign.xml gives each consumer of the edition, one
 * typed struct per kind, so that an output reads its own settings and a new
 * output adds its own struct instead of fields in the campaign's content. */

/* The submission fields a <rules><limit> may name. */
typedef enum { HUI_LIMIT_CATEGORY, HUI_LIMIT_JOBTITLE, HUI_LIMIT_UNIT, HUI_LIMIT_RECOMMENDER } hui_limit_field;

/* <limit field="jobtitle" value="..." max-share="20%"/>: at most this share of
 * the awarded submissions may have this value in this field (share-limit). */
typedef struct hui_share_limit {
  hui_limit_field field;
  char *field_name; /* as written: category, jobtitle, unit, recommender */
  char *value;
  double max_share; /* percent */
  hui_pos pos;
} hui_share_limit;

/* What the rules check (<rules>, <originality>). */
typedef struct hui_rules_config {
  long max_chars;          /* 0 = no limit */
  bool photo_required, recommender_required;
  /* <originality threshold="15%" min-run="50"/>: warn when a share of a body
   * (percent) or a run of normalised characters is shared with another. */
  double originality_threshold; /* percent, default 15 */
  long originality_min_run;     /* characters, default 50 */
  long summary_chars;           /* <rules summary-chars>: the abstract's limit; 0 = none */
  bool summary_required;        /* <rules summary="required">: a missing abstract is a warning */
  long per_unit;                /* <rules per-unit>: submissions per recommending unit; 0 = no limit */
  hui_share_limit *limits;      /* <rules><limit>: share limits over the awarded */
  size_t nlimits;
} hui_rules_config;

/* The compendium (<compendium>). */
typedef struct hui_compendium_config {
  hui_field template_name; /* default "compendium-a4" */
  hui_field title;
  hui_node *preface;       /* HUI_N_ROOT or NULL */
  bool list_candidates;    /* closing 入选名单 */
} hui_compendium_config;

/* The certificates (<certificate>). Its date is the campaign's award date
 * and is read by the other outputs too. */
typedef struct hui_certificate_config {
  hui_field template_name, title, text, text_collective, issuer, date, seal, number_format;
  /* per-person="yes": a submission of several persons gives each person a
   * certificate of their own; else one certificate names them all. */
  bool per_person;
} hui_certificate_config;

/* The honour roll and exhibition boards (<poster>). */
typedef struct hui_poster_config {
  hui_field template_name; /* default "poster-a1" */
  hui_field title;         /* default: {year}年度{area}{name}光荣榜 */
} hui_poster_config;

/* The outputs the edition wants (<outputs>): the names of the output
 * registry as written, separated by spaces or commas; text NULL when absent
 * (a build then writes the default ones). */
typedef struct hui_outputs_config {
  hui_field list;
} hui_outputs_config;

/* <points tier="first" value="5"/>: what an award of a tier counts for a
 * recommending unit in the stats. */
typedef struct hui_points {
  char *tier; /* the tier's id */
  long value;
  hui_pos pos;
} hui_points;

/* <group name="龙潭镇"><unit>…</unit></group>: the township or department
 * (考核单位) that recommending units belong to in the stats. */
typedef struct hui_stats_group {
  char *name;
  char **units; /* the recommending units, as written */
  size_t nunits;
  hui_pos pos;
} hui_stats_group;

/* The figures for the annual appraisal (<stats>). */
typedef struct hui_stats_config {
  hui_points *points;
  size_t npoints;
  long cap; /* the most points one recommending unit gets; 0 = no cap */
  hui_stats_group *groups;
  size_t ngroups;
} hui_stats_config;

/* A block of an official document's text in campaign.xml: a paragraph, a
 * heading (level 1-4), where the awardee list goes (<list/>), or, in the
 * progress report, one of the stats tables (<table of="units|groups"/>). */
typedef enum { HUI_DOC_PARA, HUI_DOC_HEADING, HUI_DOC_LIST, HUI_DOC_TABLE } hui_doc_block_kind;

typedef struct hui_doc_block {
  hui_doc_block_kind kind;
  int level;      /* HEADING: 1-4 */
  hui_field text; /* PARA, HEADING: with placeholders; TABLE: the table's id */
} hui_doc_block;

/* An official document (<decision>, <publicity>, <progress>; compose/decision.c): what
 * its 版头, title, body, signature and 版记 say, with placeholders
 * (docs/edition-format.md). present: the section is in campaign.xml. */
typedef struct hui_doc_config {
  bool present;
  hui_field template_name; /* default "gongwen-a4" */
  hui_field units;         /* <list units="after|grouped">; empty: the template's */
  hui_field mark, number_prefix, number_seq, title, to, attachment, issuer, date, seal;
  hui_field cc, printer, print_date;
  hui_field start, end, days, phone; /* <publicity>: the period and the telephone */
  hui_doc_block *blocks;
  size_t nblocks;
} hui_doc_config;

/* The campaign: what the edition is (its name, year, window, tiers and
 * awards), then the configuration of each kind of consumer. */
typedef struct hui_campaign {
  char *path; /* "campaign.xml" */
  bool loaded;
  hui_field year; /* as written */
  int year_num;
  hui_field name, area, organizer;
  hui_field window_start, window_end;
  hui_tier *tiers;
  size_t ntiers;
  hui_order_key order;
  hui_award *awards;
  size_t nawards;
  hui_rules_config rules;
  hui_compendium_config compendium;
  hui_certificate_config certificate;
  hui_poster_config poster;
  hui_outputs_config outputs;
  hui_stats_config stats;
  hui_doc_config decision, publicity, progress;
} hui_campaign;

/* Certificate templates: each field a certificate prints sits in a box. */
typedef enum {
  HUI_CBOX_TITLE, HUI_CBOX_NAME, HUI_CBOX_TEXT, HUI_CBOX_UNIT, HUI_CBOX_ISSUER,
  HUI_CBOX_DATE, HUI_CBOX_NUMBER, HUI_CBOX_SEAL, HUI_CBOX_COUNT
} hui_cbox_field;

typedef enum { HUI_CALIGN_LEFT, HUI_CALIGN_CENTER, HUI_CALIGN_RIGHT, HUI_CALIGN_JUSTIFY } hui_calign;
typedef enum { HUI_CVALIGN_TOP, HUI_CVALIGN_MIDDLE, HUI_CVALIGN_BOTTOM } hui_cvalign;

typedef struct hui_cbox {
  bool set;          /* the template places this field */
  double x, y, w, h; /* mm from the page's top-left corner */
  char *role;        /* font role: body, heading, title, kai or latin */
  double size, min;  /* pt: the size, and the smallest it may shrink to */
  double leading;    /* line pitch as a multiple of the size */
  double spacing;    /* extra space after each character but the last, em */
  double indent;     /* first-line indent, em */
  hui_calign align;
  hui_cvalign valign;
  char *text;        /* what it prints, with placeholders; NULL = the field's default */
} hui_cbox;

/* What a certificate template adds to the page: a box per field, the date
 * style, the border. */
typedef struct hui_cert_layout {
  hui_cbox cbox[HUI_CBOX_COUNT]; /* indexed by hui_cbox_field */
  bool date_chinese;             /* 二〇二〇年十一月二十日 rather than 2020年11月20日 */
  double border_inset, border_gap; /* mm from the page edge, and between the two rules; 0 = none */
  double border_outer_pt, border_inner_pt; /* widths of the two rules */
  double border_corner;          /* size of the corner ornaments, mm; 0 = none */
} hui_cert_layout;

/* What a poster template adds (kind="poster"): the sheet's design for the
 * 光荣榜 and the 展板 panel. Lengths in mm, sizes in pt, colours CMYK. */
typedef struct hui_poster_layout {
  double margin;            /* around the sheet's content */
  double gap;               /* between cells */
  double title_pt, band_pt; /* the campaign title; a tier's band */
  double name_pt, name_min; /* a name's largest size, and the legible minimum */
  double cell_max;          /* the widest a cell grows, mm */
  int first_span;           /* columns a first-tier cell spans (photo + short version) */
  bool letterbox;           /* photos letterboxed in their frame instead of cropped */
  double focus;             /* cropping: the height of the face in a photo, 0 top .. 1 bottom */
  double board_w, board_h;  /* a 展板 panel */
  double tile_overlap, tile_margin; /* --tile: overlap between sheets; the marks' margin */
  float ground[4], red[4], gold[4], ink[4], cell[4]; /* CMYK, 0..1 each */
} hui_poster_layout;

/* What a gongwen (GB/T 9704 official document) template adds to the page
 * master: the red of the 发文机关标志 and the separator, the 版头's geometry,
 * the seal's size and the 版记's rules (docs/edition-format.md). */
typedef struct hui_gw_layout {
  double red[3];           /* RGB 0..1: the 发文机关标志, the separator line */
  double mark_pt;          /* the 发文机关标志's size; it shrinks to fit the type area's width */
  double mark_drop;        /* mm from the type area's top edge to the mark's top edge */
  double rule_drop;        /* mm from the 发文字号's bottom edge to the red separator */
  double rule_pt;          /* the separator's width */
  double seal_w, seal_h;   /* mm: the box the seal image fills, keeping its aspect */
  int sign_cells;          /* 成文日期's right edge: cells in from the grid's right edge */
  double thick_pt, thin_pt; /* the 版记's rules */
  bool by_unit;            /* awardee lists grouped by unit rather than the unit after each name */
} hui_gw_layout;

/* The kind of output a template lays out (its kind attribute). */
typedef enum { HUI_TEMPLATE_BOOK, HUI_TEMPLATE_CERTIFICATE, HUI_TEMPLATE_POSTER, HUI_TEMPLATE_GONGWEN } hui_template_kind;

/* A layout preset from templates/NAME.xml. Lengths in mm unless named _pt.
 * The page and type area are common to every kind; cert is read only for
 * kind HUI_TEMPLATE_CERTIFICATE. */
typedef struct hui_template {
  char *name, *path;
  hui_template_kind kind;
  double page_w, page_h;
  double margin_top, margin_bottom, margin_inner, margin_outer;
  bool mirror;            /* inner/outer swap on left pages */
  int grid_chars, grid_lines; /* type area as a character grid; 0 = use sizes */
  double body_pt, leading_pt; /* body size and line pitch (derived from the grid when 0) */
  double title_pt, heading_pt, subtitle_pt, meta_pt, folio_pt, head_pt, cover_title_pt, part_title_pt;
  double photo_w, photo_h;    /* mm */
  bool recto_start;           /* parts and articles start on right-hand pages */
  bool strict_breaks;         /* <linebreak level="strict">: docs/typography.md, A4 */
  bool running_heads;
  char *folio_style;          /* "dash" (— 7 —) or "plain" */
  /* <footnotes numbers="circled|arabic" size="…"/>: footnote marks ① ② ③
   * (circled, the default) or 1 2 3, and the notes' size (pt; 0 = three
   * quarters of the body size). */
  bool note_arabic;
  double note_pt;
  /* <apart role="kai"/>: the font role of epigraphs and editor's notes, as
   * an index in hui_role's order (body, heading, title, kai, latin). */
  int apart_role;
  hui_cert_layout cert;
  hui_poster_layout poster;
  hui_gw_layout gw; /* kind HUI_TEMPLATE_GONGWEN only */
} hui_template;

typedef struct hui_edition {
  char *dir;      /* the edition folder as given */
  hui_campaign campaign;
  hui_submission *subs;
  size_t nsubs;
} hui_edition;

/* The field table: every text field of a submission and of the campaign,
 * with what the rest of the program needs to know of it, so that a field is
 * added in one row instead of in every rule that looks at text. The order
 * is the order findings in them are counted. */
typedef enum {
  HUI_FIELD_DATA,    /* not printed (an id, a file name, a template's name) */
  HUI_FIELD_PRINTED, /* printed as written */
  HUI_FIELD_PATTERN  /* printed with its {placeholders} filled in */
} hui_field_use;

typedef struct hui_field_def {
  size_t offset;     /* of the hui_field in hui_submission or hui_campaign */
  const char *what;  /* how a message names it: "the certificate issuer" */
  hui_field_use use;
  /* The font role that draws it as written ("body", "heading", "title",
   * "kai"; for the campaign's certificate texts, the role of the default
   * certificate template), or NULL when it is printed only reformatted
   * (a date) or not drawn from a font's text at all. */
  const char *role;
} hui_field_def;

const hui_field_def *hui_submission_fields(size_t *n);
const hui_field_def *hui_campaign_fields(size_t *n);
/* The field def describes in s (a hui_submission or hui_campaign). */
#define HUI_FIELD_OF(s, def) ((hui_field *)((char *)(s) + (def)->offset))
#define HUI_CFIELD_OF(s, def) ((const hui_field *)((const char *)(s) + (def)->offset))

/* Frees an edition and everything it owns. NULL-safe. */
void hui_edition_free(hui_edition *e);
/* Frees s's body, for a build once the rules, the compendium and every
 * output asked for are done with it (its 字数 stays in charcount): what a
 * large edition's model holds is mostly its bodies. */
void hui_submission_drop_body(hui_submission *s);
void hui_template_free(hui_template *t);

/* The display name of a submission: its persons (joined by U+3000 when
 * several), or the collective. */
const char *hui_submission_name(const hui_submission *s);
/* Index of the submission with this id, or -1. */
long hui_edition_find(const hui_edition *e, const char *id);
/* Index of the tier with this id, or -1. */
int hui_campaign_find_tier(const hui_campaign *c, const char *id);

/* Checks the invariants of a complete edition — loaded, and its tiers set
 * (hui_rules_tiers, which hui_rules_run calls) — and aborts, naming the
 * first broken one, when one does not hold: the links of every document tree
 * (walked without recursion), the kinds and text of its nodes, the strings
 * the later stages need, each submission's tier against the awards (the tier
 * of the first award naming its id, or -1; an award names the first
 * submission with the id). Findings in the input are no broken invariant: an
 * edition with every kind of error passes. Not while the rules run on
 * another thread: they write charcount. In every build (the unit tests feed
 * it broken editions); HUI_EDITION_CHECK calls it in Debug builds only. */
void hui_edition_check(const hui_edition *e);
#ifdef HUI_DEBUG
#define HUI_EDITION_CHECK(e) hui_edition_check(e)
#else
#define HUI_EDITION_CHECK(e) ((void)0)
#endif

#endif
