/* load/docx: a Word package read into the plain document of docx.h.
 *
 * The package's relationships name the main part (it need not be
 * word/document.xml), the main part's its styles, numbering, footnotes,
 * endnotes and images. Every part is read through zipfile.h with a cap (one
 * part, and all parts together) and parsed with no DTD, no entities and no
 * network. Before anything is read, one pass over the body numbers its
 * paragraphs as Word does and looks for tracked changes, which are refused:
 * the text of a document with unaccepted revisions is not known.
 *
 * Reading order: body blocks as they come; a text box's paragraphs follow
 * the paragraph that anchors it (read once: of Word's two copies in
 * mc:AlternateContent only the Choice is read); floating images follow their
 * paragraph as image blocks; a nested table's cells are flattened into the
 * outer cell's text, one paragraph a line. */
#include "load/docx.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/base.h"
#include "base/i18n.h"
#include "hui_limits.h"
#include "load/ooxml.h"
#include "load/zipfile.h"

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_R_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships"
#define NS_MC "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_WP "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define NS_V "urn:schemas-microsoft-com:vml"
#define NS_M "http://schemas.openxmlformats.org/officeDocument/2006/math"

#define MAX_LEVELS 9
#define MAX_COLUMNS 512u      /* Word allows 63 columns; more is not a form */
#define MAX_FIELD_DEPTH 64    /* nested fields tracked; deeper ones count only */
#define MAX_CHAIN 16          /* basedOn and numStyleLink hops followed */
#define MAX_LVL_TEXT 255      /* a longer w:lvlText is no numbering Word made */
#define MAX_START 1000000000L /* w:start and startOverride kept within this */

/* ---- XML helpers ---- */

static bool ns_is(const xmlNs *ns, const char *a, const char *b) {
  return ns && ns->href &&
         (strcmp((const char *)ns->href, a) == 0 || (b && strcmp((const char *)ns->href, b) == 0));
}

static bool is_in(const xmlNode *n, const char *ns, const char *ns2, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
         ns_is(n->ns, ns, ns2);
}

/* A WordprocessingML element (transitional or strict namespace). */
static bool isw(const xmlNode *n, const char *name) { return is_in(n, NS_W, NS_W_STRICT, name); }

static const char *attr_in(const xmlNode *n, const char *ns, const char *ns2, const char *name) {
  for (const xmlAttr *a = n ? n->properties : NULL; a; a = a->next) {
    if (strcmp((const char *)a->name, name) == 0 && ns_is(a->ns, ns, ns2)) {
      return a->children && a->children->content ? (const char *)a->children->content : "";
    }
  }
  return NULL;
}

/* w:NAME of n, or NULL. The string lives in the tree. */
static const char *wattr(const xmlNode *n, const char *name) {
  return attr_in(n, NS_W, NS_W_STRICT, name);
}

static const char *rattr(const xmlNode *n, const char *name) {
  return attr_in(n, NS_R, NS_R_STRICT, name);
}

static const xmlNode *wchild(const xmlNode *n, const char *name) {
  for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
    if (isw(c, name)) {
      return c;
    }
  }
  return NULL;
}

/* w:VAL of n's child NAME, or NULL. */
static const char *wval(const xmlNode *n, const char *name) {
  return wattr(wchild(n, name), "val");
}

/* An on/off property (w:b, w:vanish): -1 absent, else 0 or 1. */
static int onoff(const xmlNode *e) {
  if (!e) {
    return -1;
  }
  const char *v = wattr(e, "val");
  return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0);
}

static long number(const char *s, long dflt) {
  if (!s || !*s) {
    return dflt;
  }
  char *end = NULL;
  long v = strtol(s, &end, 10);
  return end && !*end ? v : dflt;
}

/* ---- styles ---- */

typedef struct style {
  const char *id, *name, *based;
  char type;          /* 'p' paragraph, 'c' character, 'n' numbering, 't' table */
  int outline;        /* w:outlineLvl 0..9, or -1 */
  int bold, vanish;   /* on/off in the style's run properties, -1 unset */
  const char *num_id; /* w:numPr, or NULL */
  int ilvl;           /* its w:ilvl, or -1 */
  bool is_default;
} style;

/* ---- numbering ---- */

typedef struct level {
  bool set;
  const char *fmt, *text, *suff, *pstyle;
  long start;
  int restart; /* w:lvlRestart, -1 absent */
  bool legal;  /* w:isLgl */
} level;

typedef struct abstract {
  const char *id, *num_style_link;
  level lvl[MAX_LEVELS];
  long count[MAX_LEVELS];
  bool started[MAX_LEVELS];
} abstract;

typedef struct num {
  const char *id, *abstract_id;
  level over[MAX_LEVELS];
  long start_over[MAX_LEVELS]; /* -1: none */
  bool applied;
} num;

/* ---- the reader ---- */

enum {
  D_INDENT = 1 << 0,
  D_HIDDEN = 1 << 1,
  D_FIELD = 1 << 2,
  D_COMMENT = 1 << 3,
  D_PAGE = 1 << 4,
  D_COLUMN = 1 << 5,
  D_SECTION = 1 << 6,
  D_EMPTY = 1 << 7,
  D_LINKED = 1 << 8,
  D_UNPLACED = 1 << 9,
  D_MISSING = 1 << 10,
  D_RUBY = 1 << 11,
  D_TOC = 1 << 12,
  D_CHART = 1 << 13,
  D_NOTE_IMAGE = 1 << 14,
};

typedef struct note_entry {
  int kind; /* 0 footnote, 1 endnote */
  const char *id;
  const xmlNode *node;
  size_t index; /* in doc->notes, SIZE_MAX until referenced */
} note_entry;

typedef struct reader {
  hui_zip *z;
  hui_docx *doc;
  char **why;
  size_t budget;            /* bytes that may still be inflated */
  size_t text_bytes, cells; /* made so far, against HUI_MAX_DOCX_TEXT and _CELLS */
  size_t last_toc;          /* the last paragraph dropped as a contents entry */
  bool discarding;          /* reading a paragraph that is dropped whole */
  hui_buf dropcap;          /* a drop cap's text, waiting for the paragraph it begins */
  size_t dropcap_para;
  size_t nblocks_cap, nnotes_cap, nimages_cap, ndrops_cap;

  char *dir; /* the main part's folder */
  hui_ooxml_rels rels;
  xmlDoc *main, *styles_doc, *numbering_doc, *notes_doc[2];

  style *styles;
  size_t nstyles, styles_cap;
  const style *default_para;
  abstract *abstracts;
  size_t nabstracts, abstracts_cap;
  num *nums;
  size_t nnums, nums_cap;

  char **image_members; /* doc->images[i] came from image_members[i] */

  /* the Word notes (footnotes, then endnotes) sorted by kind and id, each
   * with its index in doc->notes once referenced */
  struct note_entry *note_index;
  size_t nnote_index, note_index_cap;

  bool fld_code[MAX_FIELD_DEPTH];
  int fld_depth;
  bool in_note;
  size_t tracked; /* the paragraph of the first tracked change, 0: none */
  bool tracked_notes;
} reader;

/* ---- parts ---- */

static xmlDoc *part(reader *r, const char *name, char **why) {
  size_t len = 0;
  size_t cap = r->budget < HUI_MAX_DOCX_PART_BYTES ? r->budget : HUI_MAX_DOCX_PART_BYTES;
  char *bytes = hui_zip_read(r->z, name, cap, &len, why);
  if (!bytes) {
    return NULL;
  }
  r->budget -= len;
  xmlDoc *doc = xmlReadMemory(bytes, (int)len, name, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  free(bytes);
  if (!doc || !xmlDocGetRootElement(doc)) {
    *why = hui_xasprintf(_("the part '%s' of the Word document is not well-formed XML; the file "
                           "is damaged: open it in Word or WPS and save it again"),
                         name);
    xmlFreeDoc(doc);
    return NULL;
  }
  if (doc->intSubset || doc->extSubset) {
    *why = hui_xasprintf(_("the part '%s' of the Word document declares a DOCTYPE, which Word "
                           "never writes; the file is not read"),
                         name);
    xmlFreeDoc(doc);
    return NULL;
  }
  return doc;
}

/* Reads the relationships part rels_name (targets from folder base) into
 * out. A missing part is no relationships; a target that climbs out of the
 * package is refused. */
static bool read_rels(reader *r, const char *rels_name, const char *base, hui_ooxml_rels *out) {
  if (!hui_zip_has(r->z, rels_name)) {
    return true;
  }
  xmlDoc *doc = part(r, rels_name, r->why);
  if (!doc) {
    return false;
  }
  bool ok = true;
  for (xmlNode *n = xmlDocGetRootElement(doc)->children; n && ok; n = n->next) {
    if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Relationship") != 0) {
      continue;
    }
    const char *id = NULL, *type = NULL, *target = NULL, *mode = NULL;
    for (const xmlAttr *a = n->properties; a; a = a->next) {
      const char *v = a->children && a->children->content ? (const char *)a->children->content : "";
      if (a->ns) {
        continue;
      }
      if (strcmp((const char *)a->name, "Id") == 0) {
        id = v;
      } else if (strcmp((const char *)a->name, "Type") == 0) {
        type = v;
      } else if (strcmp((const char *)a->name, "Target") == 0) {
        target = v;
      } else if (strcmp((const char *)a->name, "TargetMode") == 0) {
        mode = v;
      }
    }
    if (!target) {
      continue;
    }
    hui_ooxml_rel *rel = HUI_PUSH(out->rel, out->n, out->cap);
    rel->id = hui_xstrdup(id);
    rel->type = hui_xstrdup(type);
    rel->external = mode && strcmp(mode, "External") == 0;
    if (!rel->external) {
      rel->target = hui_ooxml_resolve(base, target);
      if (!rel->target) {
        *r->why = hui_xasprintf(_("the Word document names a part outside its package ('%s'); "
                                  "it is not read"),
                                target);
        ok = false;
      }
    }
  }
  xmlFreeDoc(doc);
  return ok;
}

/* Counts n bytes of text made; past the limit the read stops. */
static void spend(reader *r, size_t n) {
  r->text_bytes += n;
  if (r->text_bytes > HUI_MAX_DOCX_TEXT && !*r->why) {
    *r->why = hui_xasprintf(_("the Word document makes more than %u MB of text; it is not an "
                              "ordinary document"),
                            HUI_MAX_DOCX_TEXT / (1024u * 1024u));
  }
}

/* ---- the report ---- */

static void drop(reader *r, size_t para, char *what) {
  hui_docx_drop *d = HUI_PUSH(r->doc->drops, r->doc->ndrops, r->ndrops_cap);
  d->para = para;
  d->what = what;
}

static void drop_flags(reader *r, size_t para, unsigned flags, size_t indent) {
  if (flags & D_EMPTY) {
    drop(r, para, hui_xstrdup(_("empty paragraph dropped")));
  }
  if (flags & D_INDENT) {
    drop(r, para,
         hui_xasprintf(_("leading indent dropped (%zu spaces or ideographic spaces)"), indent));
  }
  if (flags & D_HIDDEN) {
    drop(r, para, hui_xstrdup(_("hidden text dropped")));
  }
  if (flags & D_FIELD) {
    drop(r, para, hui_xstrdup(_("field code dropped, its result kept")));
  }
  if (flags & D_COMMENT) {
    drop(r, para, hui_xstrdup(_("comment dropped")));
  }
  if (flags & D_PAGE) {
    drop(r, para, hui_xstrdup(_("page break dropped")));
  }
  if (flags & D_COLUMN) {
    drop(r, para, hui_xstrdup(_("column break dropped")));
  }
  if (flags & D_SECTION) {
    drop(r, para, hui_xstrdup(_("section break dropped")));
  }
  if (flags & D_LINKED) {
    drop(r, para,
         hui_xstrdup(_("linked image dropped: it is not in the file; insert the picture "
                       "itself")));
  }
  if (flags & D_MISSING) {
    drop(r, para, hui_xstrdup(_("image dropped: the package does not hold it")));
  }
  if (flags & D_UNPLACED) {
    drop(r, para,
         hui_xstrdup(_("a footnote mark or image inside a table cell or note is not "
                       "placed in the text (the footnote or image itself is kept)")));
  }
  if (flags & D_RUBY) {
    drop(r, para, hui_xstrdup(_("phonetic guide (ruby) text dropped, its base text kept")));
  }
  if (flags & D_NOTE_IMAGE) {
    drop(r, para, hui_xstrdup(_("image in a footnote dropped")));
  }
  if (flags & D_CHART) {
    drop(r, para,
         hui_xstrdup(_("chart or SmartArt diagram dropped: it is not a picture; paste "
                       "it into Word as a picture")));
  }
  if (flags & D_TOC) {
    drop(r, para, hui_xstrdup(_("table of contents dropped")));
  }
}

/* ---- styles ---- */

static int style_cmp(const void *a, const void *b);

static void read_styles(reader *r) {
  xmlNode *root = r->styles_doc ? xmlDocGetRootElement(r->styles_doc) : NULL;
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
    if (!isw(n, "style")) {
      continue;
    }
    style *s = HUI_PUSH(r->styles, r->nstyles, r->styles_cap);
    s->id = wattr(n, "styleId");
    const char *type = wattr(n, "type");
    s->type = type ? type[0] : 'p';
    s->name = wval(n, "name");
    s->based = wval(n, "basedOn");
    const char *dflt = wattr(n, "default");
    s->is_default = dflt && (strcmp(dflt, "1") == 0 || strcmp(dflt, "true") == 0);
    const xmlNode *ppr = wchild(n, "pPr"), *rpr = wchild(n, "rPr");
    s->outline = (int)number(wval(ppr, "outlineLvl"), -1);
    const xmlNode *numpr = wchild(ppr, "numPr");
    s->num_id = wval(numpr, "numId");
    s->ilvl = (int)number(wval(numpr, "ilvl"), -1);
    s->bold = onoff(wchild(rpr, "b"));
    s->vanish = onoff(wchild(rpr, "vanish"));
  }
  /* sorted for bsearch: a long document looks its styles up for every run */
  if (r->nstyles) {
    qsort(r->styles, r->nstyles, sizeof *r->styles, style_cmp);
  }
  for (size_t i = 0; i < r->nstyles; i++) {
    if (r->styles[i].is_default && r->styles[i].type == 'p' && !r->default_para) {
      r->default_para = &r->styles[i];
    }
  }
}

static int style_cmp(const void *a, const void *b) {
  const style *x = a, *y = b;
  if (x->type != y->type) {
    return x->type < y->type ? -1 : 1;
  }
  return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static const style *style_by_id(const reader *r, const char *id, char type) {
  if (!id || !r->nstyles) {
    return NULL;
  }
  style key = {.id = id, .type = type};
  return bsearch(&key, r->styles, r->nstyles, sizeof *r->styles, style_cmp);
}

static const style *based_on(const reader *r, const style *s) {
  return s->based ? style_by_id(r, s->based, s->type) : NULL;
}

/* The heading level a style's name gives ("heading 2", "标题 2": 2), or 0. */
static int name_heading(const char *name) {
  if (!name) {
    return 0;
  }
  const char *p = NULL;
  if (strncasecmp(name, "heading", 7) == 0) {
    p = name + 7;
  } else if (strncmp(name, "标题", strlen("标题")) == 0) {
    p = name + strlen("标题");
  } else {
    return 0;
  }
  while (*p == ' ') {
    p++;
  }
  return p[0] >= '1' && p[0] <= '9' && !p[1] ? p[0] - '0' : 0;
}

static bool name_starts(const char *name, const char *what) {
  return name && strncasecmp(name, what, strlen(what)) == 0;
}

/* An on/off run property along a style's basedOn chain. */
static int chain_prop(const reader *r, const style *s, bool bold) {
  for (int hops = 0; s && hops < MAX_CHAIN; hops++, s = based_on(r, s)) {
    int v = bold ? s->bold : s->vanish;
    if (v >= 0) {
      return v;
    }
  }
  return -1;
}

/* The outline level (0..8) of a paragraph style chain: w:outlineLvl, or a
 * heading style's name. -1: body text. */
static int chain_outline(const reader *r, const style *s) {
  for (int hops = 0; s && hops < MAX_CHAIN; hops++, s = based_on(r, s)) {
    if (s->outline >= 0) {
      return s->outline < MAX_LEVELS ? s->outline : -1;
    }
    int h = name_heading(s->name);
    if (h) {
      return h - 1;
    }
  }
  return -1;
}

static bool chain_named(const reader *r, const style *s, const char *a, const char *b) {
  for (int hops = 0; s && hops < MAX_CHAIN; hops++, s = based_on(r, s)) {
    if (name_starts(s->name, a) || (b && name_starts(s->name, b))) {
      return true;
    }
  }
  return false;
}

/* ---- numbering ---- */

static void read_level(const xmlNode *l, level *out) {
  out->set = true;
  out->fmt = wval(l, "numFmt");
  out->text = wval(l, "lvlText");
  out->suff = wval(l, "suff");
  out->pstyle = wval(l, "pStyle");
  out->start = number(wval(l, "start"), 1);
  out->start = out->start < 0 ? 0 : out->start > MAX_START ? MAX_START : out->start;
  out->restart = (int)number(wval(l, "lvlRestart"), -1);
  out->legal = onoff(wchild(l, "isLgl")) == 1;
}

static int num_cmp(const void *a, const void *b);
static int abstract_cmp(const void *a, const void *b);

static void read_numbering(reader *r) {
  xmlNode *root = r->numbering_doc ? xmlDocGetRootElement(r->numbering_doc) : NULL;
  for (xmlNode *n = root ? root->children : NULL; n; n = n->next) {
    if (isw(n, "abstractNum")) {
      abstract *a = HUI_PUSH(r->abstracts, r->nabstracts, r->abstracts_cap);
      a->id = wattr(n, "abstractNumId");
      a->num_style_link = wval(n, "numStyleLink");
      for (const xmlNode *l = n->children; l; l = l->next) {
        long i = isw(l, "lvl") ? number(wattr(l, "ilvl"), -1) : -1;
        if (i >= 0 && i < MAX_LEVELS) {
          read_level(l, &a->lvl[i]);
        }
      }
    } else if (isw(n, "num")) {
      num *m = HUI_PUSH(r->nums, r->nnums, r->nums_cap);
      m->id = wattr(n, "numId");
      m->abstract_id = wval(n, "abstractNumId");
      for (int i = 0; i < MAX_LEVELS; i++) {
        m->start_over[i] = -1;
      }
      for (const xmlNode *o = n->children; o; o = o->next) {
        long i = isw(o, "lvlOverride") ? number(wattr(o, "ilvl"), -1) : -1;
        if (i < 0 || i >= MAX_LEVELS) {
          continue;
        }
        long start = number(wval(o, "startOverride"), -1);
        m->start_over[i] = start > MAX_START ? MAX_START : start;
        const xmlNode *l = wchild(o, "lvl");
        if (l) {
          read_level(l, &m->over[i]);
          if (m->start_over[i] < 0 && wchild(l, "start")) {
            m->start_over[i] = m->over[i].start;
          }
        }
      }
    }
  }
  if (r->nnums) {
    qsort(r->nums, r->nnums, sizeof *r->nums, num_cmp);
  }
  if (r->nabstracts) {
    qsort(r->abstracts, r->nabstracts, sizeof *r->abstracts, abstract_cmp);
  }
}

static int num_cmp(const void *a, const void *b) {
  const num *x = a, *y = b;
  return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static int abstract_cmp(const void *a, const void *b) {
  const abstract *x = a, *y = b;
  return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

static num *num_by_id(reader *r, const char *id) {
  num key = {.id = id};
  return id && r->nnums ? bsearch(&key, r->nums, r->nnums, sizeof *r->nums, num_cmp) : NULL;
}

static abstract *abstract_by_id(reader *r, const char *id) {
  abstract key = {.id = id};
  return id && r->nabstracts
             ? bsearch(&key, r->abstracts, r->nabstracts, sizeof *r->abstracts, abstract_cmp)
             : NULL;
}

/* The abstract numbering a num uses, through a numbering style's link. */
static abstract *abstract_of(reader *r, const num *m) {
  abstract *a = abstract_by_id(r, m->abstract_id);
  for (int hops = 0; a && a->num_style_link && hops < MAX_CHAIN; hops++) {
    const style *s = style_by_id(r, a->num_style_link, 'n');
    const num *linked = s ? num_by_id(r, s->num_id) : NULL;
    abstract *next = linked ? abstract_by_id(r, linked->abstract_id) : NULL;
    if (!next || next == a) {
      break;
    }
    a = next;
  }
  return a;
}

static const level *level_of(const num *m, const abstract *a, int i) {
  return m->over[i].set ? &m->over[i] : &a->lvl[i];
}

static void roman(hui_buf *b, long n, bool upper) {
  static const struct {
    int v;
    const char *s;
  } t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
           {40, "xl"},  {10, "x"},   {9, "ix"},  {5, "v"},    {4, "iv"},  {1, "i"}};
  for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
    while (n >= t[i].v) {
      for (const char *p = t[i].s; *p; p++) {
        hui_buf_putc(b, upper ? (char)(*p - 'a' + 'A') : *p);
      }
      n -= t[i].v;
    }
  }
}

/* n (1..9999) in Chinese numerals with the given digits and units: 十一,
 * 一百零五, 两 never (Word writes 二). tens: 10..19 begin with 十 alone. */
static void chinese_under_10000(hui_buf *b, long n, const char *const digit[10],
                                const char *const unit[4], bool bare_ten) {
  bool zero = false, any = false;
  for (int p = 3; p >= 0; p--) {
    long d = n;
    for (int k = 0; k < p; k++) {
      d /= 10;
    }
    d %= 10;
    if (d == 0) {
      zero = any;
      continue;
    }
    if (zero) {
      hui_buf_puts(b, digit[0]);
      zero = false;
    }
    if (!(p == 1 && d == 1 && !any && bare_ten)) {
      hui_buf_puts(b, digit[d]);
    }
    if (p > 0) {
      hui_buf_puts(b, unit[p]);
    }
    any = true;
  }
}

static void chinese(hui_buf *b, long n, bool legal) {
  static const char *const plain[10] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char *const big[10] = {"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
  static const char *const plain_unit[4] = {"", "十", "百", "千"};
  static const char *const big_unit[4] = {"", "拾", "佰", "仟"};
  const char *const *digit = legal ? big : plain;
  const char *const *unit = legal ? big_unit : plain_unit;
  if (n <= 0) {
    hui_buf_puts(b, digit[0]);
    return;
  }
  if (n >= 10000) {
    chinese_under_10000(b, (n / 10000) % 10000, digit, unit, !legal);
    hui_buf_puts(b, legal ? "万" : "万");
    n %= 10000;
    if (n == 0) {
      return;
    }
    if (n < 1000) {
      hui_buf_puts(b, digit[0]);
    }
    chinese_under_10000(b, n, digit, unit, false);
    return;
  }
  chinese_under_10000(b, n, digit, unit, !legal);
}

/* n in the number format fmt, as Word shows it. */
static void format_number(hui_buf *b, const char *fmt, long n) {
  static const char *const gan[10] = {"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"};
  static const char *const zhi[12] = {"子", "丑", "寅", "卯", "辰", "巳",
                                      "午", "未", "申", "酉", "戌", "亥"};
  if (!fmt || strcmp(fmt, "decimal") == 0) {
    hui_buf_printf(b, "%ld", n);
  } else if (strcmp(fmt, "decimalZero") == 0) {
    hui_buf_printf(b, "%02ld", n);
  } else if (strcmp(fmt, "chineseCountingThousand") == 0 || strcmp(fmt, "japaneseCounting") == 0 ||
             strcmp(fmt, "taiwaneseCountingThousand") == 0) {
    chinese(b, n, false);
  } else if (strcmp(fmt, "chineseCounting") == 0 || strcmp(fmt, "taiwaneseCounting") == 0 ||
             strcmp(fmt, "ideographDigital") == 0) {
    /* Below 100 as 十 counts (十一, 二十); from 100 digit by digit (一〇五). */
    if (n > 0 && n < 100 && strcmp(fmt, "ideographDigital") != 0) {
      chinese(b, n, false);
    } else {
      static const char *const d[10] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
      char digits[32];
      snprintf(digits, sizeof digits, "%ld", n < 0 ? -n : n);
      for (const char *p = digits; *p; p++) {
        hui_buf_puts(b, d[*p - '0']);
      }
    }
  } else if (strcmp(fmt, "chineseLegalSimplified") == 0 ||
             strcmp(fmt, "ideographLegalTraditional") == 0) {
    chinese(b, n, true);
  } else if (strcmp(fmt, "ideographTraditional") == 0) {
    hui_buf_puts(b, gan[((n - 1) % 10 + 10) % 10]);
  } else if (strcmp(fmt, "ideographZodiac") == 0) {
    hui_buf_puts(b, zhi[((n - 1) % 12 + 12) % 12]);
  } else if (strcmp(fmt, "decimalEnclosedCircle") == 0 ||
             strcmp(fmt, "decimalEnclosedCircleChinese") == 0 ||
             strcmp(fmt, "ideographEnclosedCircle") == 0) {
    if (n >= 1 && n <= 20) {
      hui_buf_utf8(b, 0x2460u + (uint32_t)(n - 1));
    } else if (n >= 21 && n <= 35) {
      hui_buf_utf8(b, 0x3251u + (uint32_t)(n - 21));
    } else if (n >= 36 && n <= 50) {
      hui_buf_utf8(b, 0x32B1u + (uint32_t)(n - 36));
    } else {
      hui_buf_printf(b, "%ld", n);
    }
  } else if (strcmp(fmt, "decimalEnclosedFullstop") == 0 && n >= 1 && n <= 20) {
    hui_buf_utf8(b, 0x2488u + (uint32_t)(n - 1));
  } else if (strcmp(fmt, "decimalEnclosedParen") == 0 && n >= 1 && n <= 20) {
    hui_buf_utf8(b, 0x2474u + (uint32_t)(n - 1));
  } else if (strncmp(fmt, "decimalFullWidth", 16) == 0) {
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", n);
    for (const char *p = digits; *p; p++) {
      hui_buf_utf8(b, *p == '-' ? 0xFF0Du : 0xFF10u + (uint32_t)(*p - '0'));
    }
  } else if ((strcmp(fmt, "lowerLetter") == 0 || strcmp(fmt, "upperLetter") == 0) && n >= 1) {
    /* Word: a..z, then aa..zz, aaa..: the letter repeated. */
    char c = (char)((fmt[0] == 'l' ? 'a' : 'A') + (n - 1) % 26);
    for (long k = 0; k <= (n - 1) / 26 && k < 64; k++) {
      hui_buf_putc(b, c);
    }
  } else if ((strcmp(fmt, "lowerRoman") == 0 || strcmp(fmt, "upperRoman") == 0) && n >= 1 &&
             n < 4000) {
    roman(b, n, fmt[0] == 'u');
  } else if (strcmp(fmt, "none") == 0) {
    /* nothing */
  } else {
    hui_buf_printf(b, "%ld", n); /* ordinal, cardinalText and others: the number */
  }
}

/* A bullet as a character: Symbol and Wingdings bullets are code points in
 * the private use area that mean nothing in another font. */
static void bullet(hui_buf *b, const char *text) {
  uint32_t cp = 0;
  size_t n = text ? hui_utf8_decode(text, strlen(text), &cp) : 0;
  if (n == 0 || cp == ' ' || cp == 0x3000) {
    return;
  }
  if (cp >= 0xE000 && cp <= 0xF8FF) {
    hui_buf_puts(b, "•");
  } else {
    hui_buf_puts(b, text);
  }
}

/* The label Word shows for a paragraph numbered (num_id, ilvl), counting it. */
static char *number_label(reader *r, const char *num_id, int ilvl) {
  num *m = num_by_id(r, num_id);
  abstract *a = m ? abstract_of(r, m) : NULL;
  if (!a || ilvl < 0 || ilvl >= MAX_LEVELS) {
    return NULL;
  }
  if (!m->applied) { /* a list that restarts: its overrides apply from its first use */
    m->applied = true;
    for (int i = 0; i < MAX_LEVELS; i++) {
      if (m->start_over[i] >= 0) {
        a->started[i] = true;
        a->count[i] = m->start_over[i] - 1;
      }
    }
  }
  const level *lv = level_of(m, a, ilvl);
  if (!lv->set || (lv->text && strlen(lv->text) > MAX_LVL_TEXT)) {
    return NULL;
  }
  if (a->started[ilvl]) {
    a->count[ilvl]++;
  } else {
    a->started[ilvl] = true;
    a->count[ilvl] = lv->start;
  }
  for (int k = ilvl + 1; k < MAX_LEVELS; k++) {
    int restart = level_of(m, a, k)->restart;
    if (restart < 0 || (restart > 0 && ilvl < restart)) {
      a->started[k] = false;
    }
  }
  hui_buf b = {0};
  if (lv->fmt && strcmp(lv->fmt, "bullet") == 0) {
    bullet(&b, lv->text);
  } else {
    for (const char *p = lv->text ? lv->text : ""; *p; p++) {
      if (p[0] == '%' && p[1] >= '1' && p[1] <= '9') {
        int j = p[1] - '1';
        const level *lj = level_of(m, a, j);
        long v = a->started[j] ? a->count[j] : lj->start;
        format_number(&b, lv->legal ? "decimal" : lj->fmt, v);
        p++;
      } else {
        hui_buf_putc(&b, *p);
      }
    }
  }
  if (b.len && lv->suff && strcmp(lv->suff, "space") == 0) {
    hui_buf_putc(&b, ' ');
  }
  return b.data ? hui_buf_take(&b) : NULL;
}

/* ---- paragraphs ---- */

/* What one Word paragraph gives: its text (label first) and marks. */
typedef struct para {
  hui_buf text;
  hui_docx_span *bold;
  size_t nbold, bold_cap;
  hui_docx_mark *notes;
  size_t nnotes, notes_cap;
  hui_docx_mark *images;
  size_t nimages, images_cap;
  size_t *floats; /* anchored images, read as blocks after the paragraph */
  size_t nfloats, floats_cap;
  const xmlNode **boxes; /* text boxes, read as blocks after the paragraph */
  size_t nboxes, boxes_cap;
  unsigned flags;
  bool seq; /* a SEQ field: a caption */
  bool in_cell;
  const style *pstyle;
  size_t number;
} para;

static void para_free(para *p) {
  hui_buf_free(&p->text);
  free(p->bold);
  free(p->notes);
  free(p->images);
  free(p->floats);
  free(p->boxes);
}

static bool in_code(const reader *r) {
  for (int i = 0; i < r->fld_depth && i < MAX_FIELD_DEPTH; i++) {
    if (r->fld_code[i]) {
      return true;
    }
  }
  return false;
}

static void add_text(para *p, const char *s, size_t n, bool bold) {
  if (n == 0) {
    return;
  }
  size_t start = p->text.len;
  hui_buf_add(&p->text, s, n);
  if (!bold) {
    return;
  }
  if (p->nbold && p->bold[p->nbold - 1].end == start) {
    p->bold[p->nbold - 1].end = p->text.len;
  } else {
    hui_docx_span *sp = HUI_PUSH(p->bold, p->nbold, p->bold_cap);
    sp->start = start;
    sp->end = p->text.len;
  }
}

static void walk_blocks(reader *r, const xmlNode *parent, hui_buf *join, bool discard);

/* The index in doc->images of the member a relationship names, reading it
 * the first time; SIZE_MAX when it cannot be had. */
static size_t image_index(reader *r, const char *rid, para *p) {
  const hui_ooxml_rel *rel = hui_ooxml_rel_by_id(&r->rels, rid);
  const char *type = rel && rel->type ? strrchr(rel->type, '/') : NULL;
  if (!rel || !type || strcmp(type, "/image") != 0) {
    p->flags |= D_MISSING; /* no relationship, or one to a part that is no image */
    return SIZE_MAX;
  }
  if (rel->external) {
    p->flags |= D_LINKED;
    return SIZE_MAX;
  }
  for (size_t i = 0; i < r->doc->nimages; i++) {
    if (strcmp(r->image_members[i], rel->target) == 0) {
      return i;
    }
  }
  if (!hui_zip_has(r->z, rel->target)) {
    p->flags |= D_MISSING;
    return SIZE_MAX;
  }
  size_t len = 0;
  char *bytes = hui_zip_read(r->z, rel->target, r->budget, &len, r->why);
  if (!bytes) {
    return SIZE_MAX; /* *why set: a bomb or a damaged member stops the read */
  }
  r->budget -= len;
  size_t cap = r->nimages_cap;
  hui_docx_image *im = HUI_PUSH(r->doc->images, r->doc->nimages, r->nimages_cap);
  if (r->nimages_cap != cap) {
    r->image_members = hui_xrealloc(r->image_members, r->nimages_cap * sizeof *r->image_members);
  }
  r->image_members[r->doc->nimages - 1] = hui_xstrdup(rel->target);
  const char *slash = strrchr(rel->target, '/');
  im->name = hui_xstrdup(slash ? slash + 1 : rel->target);
  const char *dot = strrchr(im->name, '.');
  im->type = hui_xstrdup(dot ? dot + 1 : "");
  for (char *c = im->type; *c; c++) {
    *c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
  }
  if (strcmp(im->type, "jpg") == 0 || strcmp(im->type, "jpe") == 0) {
    free(im->type);
    im->type = hui_xstrdup("jpeg");
  }
  im->bytes = (unsigned char *)bytes;
  im->len = len;
  return r->doc->nimages - 1;
}

static void place_image(reader *r, para *p, const char *rid, bool floating) {
  if (r->discarding) {
    return;
  }
  if (r->in_note) { /* its r:embed names a relationship of the notes part */
    p->flags |= D_NOTE_IMAGE;
    return;
  }
  size_t i = image_index(r, rid, p);
  if (i == SIZE_MAX) {
    return;
  }
  if (p->in_cell) {
    p->flags |= D_UNPLACED;
  } else if (floating) {
    *HUI_PUSH(p->floats, p->nfloats, p->floats_cap) = i;
  } else {
    hui_docx_mark *m = HUI_PUSH(p->images, p->nimages, p->images_cap);
    m->at = p->text.len;
    m->what = i;
  }
}

/* The Choice of an mc:AlternateContent (Word's own encoding), or else its
 * Fallback: one of the two copies, never both. */
static const xmlNode *alternate(const xmlNode *ac) {
  const xmlNode *fallback = NULL;
  for (const xmlNode *c = ac->children; c; c = c->next) {
    if (is_in(c, NS_MC, NULL, "Choice")) {
      return c;
    }
    if (is_in(c, NS_MC, NULL, "Fallback")) {
      fallback = c;
    }
  }
  return fallback;
}

/* Whether an a:graphicData holds a chart or a SmartArt diagram, whose
 * content lives in parts of its own that the reader does not draw. */
static bool graphic_is_chart(const xmlNode *g) {
  for (const xmlAttr *a = g->properties; a; a = a->next) {
    const char *v = a->children && a->children->content ? (const char *)a->children->content : "";
    if (!a->ns && strcmp((const char *)a->name, "uri") == 0) {
      return strstr(v, "/chart") || strstr(v, "/diagram");
    }
  }
  return false;
}

/* Images and text boxes in a w:drawing, w:pict or w:object. A text box's
 * content is read after the paragraph; a picture inside it is read then. */
static void graphics(reader *r, para *p, const xmlNode *n, bool floating) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (isw(c, "txbxContent")) {
      *HUI_PUSH(p->boxes, p->nboxes, p->boxes_cap) = c;
    } else if (is_in(c, NS_MC, NULL, "AlternateContent")) {
      const xmlNode *alt = alternate(c);
      if (alt) {
        graphics(r, p, alt, floating);
      }
    } else if (is_in(c, NS_A, NULL, "blip")) {
      const char *embed = rattr(c, "embed"), *link = rattr(c, "link");
      if (embed && *embed) {
        place_image(r, p, embed, floating);
      } else if (link) {
        p->flags |= D_LINKED;
      }
    } else if (is_in(c, NS_A, NULL, "graphicData") && graphic_is_chart(c)) {
      p->flags |= D_CHART;
    } else if (is_in(c, NS_V, NULL, "imagedata")) {
      const char *id = rattr(c, "id");
      if (id && *id) {
        place_image(r, p, id, floating);
      }
    } else {
      graphics(r, p, c, floating || is_in(c, NS_WP, NULL, "anchor"));
    }
    if (*r->why) {
      return;
    }
  }
}

static void note_ref(reader *r, para *p, const xmlNode *ref, int kind);

/* The text of a w:t, w:delText or m:t. */
static void text_node(para *p, const xmlNode *t, bool bold) {
  for (const xmlNode *c = t->children; c; c = c->next) {
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      add_text(p, (const char *)c->content, strlen((const char *)c->content), bold);
    }
  }
}

static void field_char(reader *r, const xmlNode *c) {
  const char *type = wattr(c, "fldCharType");
  if (!type) {
    return;
  }
  if (strcmp(type, "begin") == 0) {
    if (r->fld_depth < MAX_FIELD_DEPTH) {
      r->fld_code[r->fld_depth] = true;
    }
    r->fld_depth++;
  } else if (strcmp(type, "separate") == 0 && r->fld_depth > 0) {
    if (r->fld_depth <= MAX_FIELD_DEPTH) {
      r->fld_code[r->fld_depth - 1] = false;
    }
  } else if (strcmp(type, "end") == 0 && r->fld_depth > 0) {
    r->fld_depth--;
  }
}

/* A run's content. hidden: the run is hidden text (only its field marks
 * count). */
static void run_content(reader *r, para *p, const xmlNode *run, bool bold, bool hidden) {
  for (const xmlNode *c = run->children; c && !*r->why; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (isw(c, "fldChar")) {
      field_char(r, c);
      continue;
    }
    if (isw(c, "instrText")) {
      p->flags |= D_FIELD;
      xmlChar *s = xmlNodeGetContent(c);
      if (s && strstr((const char *)s, "SEQ ")) {
        p->seq = true;
      }
      xmlFree(s);
      continue;
    }
    bool visible = !hidden && !in_code(r);
    if (!visible) {
      if (hidden && (isw(c, "t") || isw(c, "tab") || is_in(c, NS_M, NULL, "t"))) {
        p->flags |= D_HIDDEN;
      }
      if (in_code(r) && isw(c, "t")) {
        p->flags |= D_FIELD;
      }
      continue;
    }
    if (isw(c, "t") || is_in(c, NS_M, NULL, "t")) {
      text_node(p, c, bold);
    } else if (isw(c, "tab") || isw(c, "ptab")) {
      add_text(p, "\t", 1, bold);
    } else if (isw(c, "br")) {
      const char *type = wattr(c, "type");
      if (type && strcmp(type, "page") == 0) {
        p->flags |= D_PAGE;
      } else if (type && strcmp(type, "column") == 0) {
        p->flags |= D_COLUMN;
      } else {
        add_text(p, "\n", 1, bold);
      }
    } else if (isw(c, "cr")) {
      add_text(p, "\n", 1, bold);
    } else if (isw(c, "noBreakHyphen")) {
      add_text(p, "\xe2\x80\x91", 3, bold); /* U+2011 */
    } else if (isw(c, "sym")) {
      unsigned long cp = strtoul(wattr(c, "char") ? wattr(c, "char") : "", NULL, 16);
      if (cp >= 0xF020 && cp <= 0xF0FF) {
        cp -= 0xF000; /* a symbol font's character given in its private-use form */
      }
      if (cp > 0 && cp < 0x110000 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        char u[4];
        add_text(p, u, hui_utf8_encode((uint32_t)cp, u), bold);
      }
    } else if (isw(c, "footnoteReference")) {
      note_ref(r, p, c, 0);
    } else if (isw(c, "endnoteReference")) {
      note_ref(r, p, c, 1);
    } else if (isw(c, "commentReference") || isw(c, "annotationRef")) {
      p->flags |= D_COMMENT;
    } else if (isw(c, "drawing")) {
      graphics(r, p, c, false);
    } else if (isw(c, "pict") || isw(c, "object")) {
      graphics(r, p, c, false);
    } else if (is_in(c, NS_MC, NULL, "AlternateContent")) {
      const xmlNode *alt = alternate(c);
      if (alt) {
        run_content(r, p, alt, bold, hidden);
      }
    } else if (isw(c, "ruby")) {
      const xmlNode *base = wchild(c, "rubyBase");
      if (base) {
        for (const xmlNode *rr = base->children; rr; rr = rr->next) {
          if (isw(rr, "r")) {
            run_content(r, p, rr, bold, hidden);
          }
        }
      }
      p->flags |= D_RUBY;
    }
    /* w:footnoteRef (the note's own number), w:separator, w:softHyphen,
     * w:lastRenderedPageBreak and the like show no text. */
  }
}

static void run(reader *r, para *p, const xmlNode *rn) {
  const xmlNode *rpr = wchild(rn, "rPr");
  const style *rs = style_by_id(r, wval(rpr, "rStyle"), 'c');
  int bold = onoff(wchild(rpr, "b"));
  if (bold < 0) {
    bold = chain_prop(r, rs, true);
  }
  if (bold < 0) {
    bold = chain_prop(r, p->pstyle, true);
  }
  int hidden = onoff(wchild(rpr, "vanish"));
  if (hidden < 0) {
    hidden = onoff(wchild(rpr, "specVanish"));
  }
  if (hidden < 0) {
    hidden = chain_prop(r, rs, false);
  }
  if (hidden < 0) {
    hidden = chain_prop(r, p->pstyle, false);
  }
  run_content(r, p, rn, bold == 1, hidden == 1);
}

/* The runs of a paragraph and what holds them (hyperlinks, content
 * controls, smart tags, simple fields). */
static void inlines(reader *r, para *p, const xmlNode *parent) {
  for (const xmlNode *c = parent->children; c && !*r->why; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (isw(c, "r")) {
      run(r, p, c);
    } else if (is_in(c, NS_M, NULL, "r")) {
      run_content(r, p, c, false, false);
    } else if (isw(c, "fldSimple")) {
      p->flags |= D_FIELD;
      const char *instr = wattr(c, "instr");
      if (instr && strstr(instr, "SEQ ")) {
        p->seq = true;
      }
      inlines(r, p, c);
    } else if (isw(c, "sdt")) {
      const xmlNode *content = wchild(c, "sdtContent");
      if (content) {
        inlines(r, p, content);
      }
    } else if (is_in(c, NS_MC, NULL, "AlternateContent")) {
      const xmlNode *alt = alternate(c);
      if (alt) {
        inlines(r, p, alt);
      }
    } else if (isw(c, "commentRangeStart")) {
      p->flags |= D_COMMENT;
    } else if (isw(c, "hyperlink") || isw(c, "smartTag") || isw(c, "customXml") || isw(c, "bdo") ||
               isw(c, "dir") || c->ns == NULL || ns_is(c->ns, NS_M, NULL)) {
      inlines(r, p, c); /* m:oMath and its parts hold m:r runs */
    }
  }
}

/* Moves marks and spans of p by delta after cutting cut bytes at its start. */
static void shift(para *p, size_t cut, size_t add) {
  size_t k = 0;
  for (size_t i = 0; i < p->nbold; i++) {
    hui_docx_span s = p->bold[i];
    if (s.end <= cut) {
      continue;
    }
    s.start = (s.start < cut ? cut : s.start) - cut + add;
    s.end = s.end - cut + add;
    p->bold[k++] = s;
  }
  p->nbold = k;
  for (size_t i = 0; i < p->nnotes; i++) {
    p->notes[i].at = (p->notes[i].at < cut ? cut : p->notes[i].at) - cut + add;
  }
  for (size_t i = 0; i < p->nimages; i++) {
    p->images[i].at = (p->images[i].at < cut ? cut : p->images[i].at) - cut + add;
  }
}

/* The leading white space of s (spaces, ideographic spaces, tabs, no-break
 * spaces): its bytes, with *chars its characters. */
static size_t leading_space(const char *s, size_t len, size_t *chars) {
  size_t i = 0;
  *chars = 0;
  while (i < len) {
    uint32_t cp = 0;
    size_t n = hui_utf8_decode(s + i, len - i, &cp);
    if (n == 0 || !(cp == ' ' || cp == 0x3000 || cp == '\t' || cp == 0xA0)) {
      break;
    }
    i += n;
    (*chars)++;
  }
  return i;
}

static bool all_space(const char *s, size_t len) {
  size_t chars = 0;
  return leading_space(s, len, &chars) == len;
}

/* Reads paragraph pn into p (zeroed): runs, then the leading indent cut and
 * the numbering label put first. Returns the label's bytes. */
static size_t read_para(reader *r, const xmlNode *pn, para *p, int *outline, const char **num_id,
                        int *ilvl, size_t *indent) {
  p->number = (size_t)(uintptr_t)pn->_private;
  const xmlNode *ppr = wchild(pn, "pPr");
  p->pstyle = style_by_id(r, wval(ppr, "pStyle"), 'p');
  if (!p->pstyle) {
    p->pstyle = r->default_para;
  }
  if (wchild(ppr, "sectPr")) {
    p->flags |= D_SECTION;
  }
  /* outline level: the paragraph's own, else its style chain's */
  long own = number(wval(ppr, "outlineLvl"), -1);
  *outline = own >= 0 ? (own < MAX_LEVELS ? (int)own : -1) : chain_outline(r, p->pstyle);
  /* numbering: the paragraph's numPr, else its style chain's */
  const xmlNode *numpr = wchild(ppr, "numPr");
  *num_id = wval(numpr, "numId");
  *ilvl = (int)number(wval(numpr, "ilvl"), -1);
  const style *from = NULL;
  const style *s = p->pstyle;
  for (int hops = 0; !*num_id && s && hops < MAX_CHAIN; hops++, s = based_on(r, s)) {
    if (s->num_id) {
      *num_id = s->num_id;
      if (*ilvl < 0) {
        *ilvl = s->ilvl;
      }
      from = s;
      break;
    }
  }
  if (*ilvl < 0 && from) { /* the level whose w:pStyle is the style */
    num *m = num_by_id(r, *num_id);
    abstract *a = m ? abstract_of(r, m) : NULL;
    for (int i = 0; a && i < MAX_LEVELS; i++) {
      if (a->lvl[i].pstyle && from->id && strcmp(a->lvl[i].pstyle, from->id) == 0) {
        *ilvl = i;
      }
    }
  }
  if (*ilvl < 0) {
    *ilvl = 0;
  }
  inlines(r, p, pn);
  if (r->dropcap.len && !p->in_cell && !r->in_note) {
    /* a drop cap (a frame paragraph of its own) begins this paragraph */
    hui_buf joined = {0};
    hui_buf_add(&joined, r->dropcap.data, r->dropcap.len);
    hui_buf_add(&joined, p->text.data ? p->text.data : "", p->text.len);
    shift(p, 0, r->dropcap.len);
    hui_buf_free(&p->text);
    p->text = joined;
    hui_buf_free(&r->dropcap);
  }
  char *label = *num_id && strcmp(*num_id, "0") != 0 ? number_label(r, *num_id, *ilvl) : NULL;
  size_t chars = 0, cut = leading_space(p->text.data ? p->text.data : "", p->text.len, &chars);
  *indent = chars;
  if (cut && cut < p->text.len && !r->in_note) {
    p->flags |= D_INDENT;
  }
  size_t label_len = label ? strlen(label) : 0;
  hui_buf text = {0};
  hui_buf_add(&text, label ? label : "", label_len);
  hui_buf_add(&text, p->text.data ? p->text.data + cut : "", p->text.len - cut);
  shift(p, cut, label_len);
  hui_buf_free(&p->text);
  p->text = text;
  free(label);
  return label_len;
}

static hui_docx_block *new_block(reader *r, hui_docx_kind kind, size_t number) {
  hui_docx_block *b = HUI_PUSH(r->doc->blocks, r->doc->nblocks, r->nblocks_cap);
  b->kind = kind;
  b->para = number;
  b->image = SIZE_MAX;
  return b;
}

static void image_block(reader *r, size_t image, size_t number) {
  hui_docx_block *b = new_block(r, HUI_DOCX_IMAGE, number);
  b->text = hui_xstrdup("");
  b->image = image;
}

static bool starts(const char *s, const char *prefix) {
  return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A body paragraph: a block (or image blocks, or a drop), then its floating
 * images and text boxes. join: the paragraph is part of a cell or note and
 * its text goes there. */
static bool is_dropcap(const xmlNode *pn) {
  const char *dc = wattr(wchild(wchild(pn, "pPr"), "framePr"), "dropCap");
  return dc && (strcmp(dc, "drop") == 0 || strcmp(dc, "margin") == 0);
}

static void paragraph(reader *r, const xmlNode *pn, hui_buf *join, bool discard) {
  para p = {0};
  p.in_cell = join != NULL;
  int outline = -1, ilvl = 0;
  const char *num_id = NULL;
  size_t indent = 0;
  const style *ps = style_by_id(r, wval(wchild(pn, "pPr"), "pStyle"), 'p');
  bool toc = chain_named(r, ps ? ps : r->default_para, "toc ", "目录 ");
  bool was_discarding = r->discarding;              /* a note read from inside a paragraph nests */
  r->discarding = was_discarding || discard || toc; /* its pictures are not read */
  size_t label_len = read_para(r, pn, &p, &outline, &num_id, &ilvl, &indent);
  r->discarding = was_discarding;
  if (*r->why) {
    para_free(&p);
    return;
  }
  size_t number = p.number;
  if (!join && !discard && is_dropcap(pn)) {
    hui_buf_add(&r->dropcap, p.text.data ? p.text.data : "", p.text.len);
    r->dropcap_para = number;
    drop_flags(r, number, p.flags & ~(unsigned)D_INDENT, 0);
    para_free(&p);
    return;
  }
  spend(r, p.text.len);
  bool empty = all_space(p.text.data ? p.text.data + label_len : "", p.text.len - label_len) &&
               p.nnotes == 0;
  if (discard || toc) {
    /* one line for a run of contents paragraphs */
    p.flags = toc && !discard && (!r->last_toc || number != r->last_toc + 1) ? D_TOC : 0;
    r->last_toc = toc ? number : r->last_toc;
  } else if (join) {
    if (!empty) {
      if (join->len) {
        hui_buf_putc(join, '\n');
      }
      hui_buf_add(join, p.text.data, p.text.len);
    }
    if (p.nnotes) {
      p.flags |= D_UNPLACED;
    }
  } else if (empty && p.nimages == 0) {
    if (p.nfloats == 0 && p.nboxes == 0) {
      p.flags |= D_EMPTY;
    }
  } else if (empty) {
    for (size_t i = 0; i < p.nimages; i++) {
      image_block(r, p.images[i].what, number);
    }
  } else {
    hui_docx_kind kind = HUI_DOCX_PARA;
    int depth = 0;
    const hui_docx_block *prev = r->doc->nblocks ? &r->doc->blocks[r->doc->nblocks - 1] : NULL;
    const char *body = p.text.data ? p.text.data + label_len : "";
    if (outline >= 0) {
      kind = HUI_DOCX_HEADING;
      depth = outline + 1;
    } else if (p.seq || chain_named(r, p.pstyle, "caption", "题注") ||
               (prev && prev->kind == HUI_DOCX_IMAGE &&
                (starts(body, "图为") || starts(body, "（图为") || starts(body, "(图为")))) {
      kind = HUI_DOCX_CAPTION;
    } else if (num_id && strcmp(num_id, "0") != 0 && label_len) {
      kind = HUI_DOCX_ITEM;
      depth = ilvl;
    }
    hui_docx_block *b = new_block(r, kind, number);
    b->level = depth;
    b->style = p.pstyle && p.pstyle->name ? hui_xstrdup(p.pstyle->name) : NULL;
    b->label_len = label_len;
    b->skipped = indent;
    b->text = hui_buf_take(&p.text);
    b->bold = p.bold;
    b->nbold = p.nbold;
    b->notes = p.notes;
    b->nnotes = p.nnotes;
    b->images = p.images;
    b->nimages = p.nimages;
    p.bold = NULL;
    p.notes = NULL;
    p.images = NULL;
  }
  if (!discard) {
    drop_flags(r, number, p.flags, indent);
  }
  for (size_t i = 0; i < p.nfloats && !join && !discard && !toc; i++) {
    image_block(r, p.floats[i], number);
  }
  for (size_t i = 0; i < p.nboxes && !*r->why; i++) {
    walk_blocks(r, p.boxes[i], join, discard || toc);
  }
  para_free(&p);
}

/* ---- tables ---- */

typedef struct tcell {
  size_t col, span;
  int vmerge; /* 0 none, 1 restart, 2 continue */
  char *text;
} tcell;

typedef struct trow {
  tcell *cells;
  size_t n, cap;
  bool header;
} trow;

static void table_cells(reader *r, const xmlNode *parent, trow *row, size_t *col, bool discard) {
  for (const xmlNode *c = parent->children; c && !*r->why; c = c->next) {
    if (isw(c, "sdt") || isw(c, "customXml")) {
      const xmlNode *content = isw(c, "sdt") ? wchild(c, "sdtContent") : c;
      if (content) {
        table_cells(r, content, row, col, discard);
      }
      continue;
    }
    if (!isw(c, "tc")) {
      continue;
    }
    const xmlNode *tcpr = wchild(c, "tcPr");
    long span = number(wval(tcpr, "gridSpan"), 1);
    span = span < 1 ? 1 : span > (long)MAX_COLUMNS ? (long)MAX_COLUMNS : span;
    const xmlNode *vm = wchild(tcpr, "vMerge");
    const char *vmv = vm ? wattr(vm, "val") : NULL;
    const char *hm = wval(tcpr, "hMerge");
    hui_buf text = {0};
    walk_blocks(r, c, &text, discard);
    if (hm && strcmp(hm, "continue") == 0 && row->n) { /* the old way to merge across */
      tcell *prev = &row->cells[row->n - 1];
      prev->span += (size_t)span;
      if (text.len) {
        char *joined = hui_xasprintf("%s%s%s", prev->text, *prev->text ? "\n" : "", text.data);
        free(prev->text);
        prev->text = joined;
      }
      hui_buf_free(&text);
      *col += (size_t)span;
      continue;
    }
    tcell *tc = HUI_PUSH(row->cells, row->n, row->cap);
    tc->col = *col;
    tc->span = (size_t)span;
    tc->vmerge = !vm ? 0 : vmv && strcmp(vmv, "restart") == 0 ? 1 : 2;
    tc->text = text.data ? hui_buf_take(&text) : hui_xstrdup("");
    *col += (size_t)span;
  }
}

static void table_rows(reader *r, const xmlNode *parent, trow **rows, size_t *n, size_t *cap,
                       bool discard) {
  for (const xmlNode *c = parent->children; c && !*r->why; c = c->next) {
    if (isw(c, "sdt") || isw(c, "customXml")) {
      const xmlNode *content = isw(c, "sdt") ? wchild(c, "sdtContent") : c;
      if (content) {
        table_rows(r, content, rows, n, cap, discard);
      }
      continue;
    }
    if (!isw(c, "tr")) {
      continue;
    }
    trow *row = HUI_PUSH(*rows, *n, *cap);
    const xmlNode *trpr = wchild(c, "trPr");
    long before = number(wval(trpr, "gridBefore"), 0);
    size_t col = before > 0 && before < (long)MAX_COLUMNS ? (size_t)before : 0;
    row->header = onoff(wchild(trpr, "tblHeader")) == 1;
    table_cells(r, c, row, &col, discard);
  }
}

/* Lays out the rows' cells on the grid: spans, vertical merges, gaps. */
static hui_docx_table *lay_out(reader *r, trow *rows, size_t nrows, size_t grid_cols,
                               size_t number) {
  size_t ncols = grid_cols;
  bool wide = false;
  for (size_t i = 0; i < nrows; i++) {
    for (size_t j = 0; j < rows[i].n; j++) {
      size_t end = rows[i].cells[j].col + rows[i].cells[j].span;
      ncols = end > ncols ? end : ncols;
    }
  }
  if (ncols > MAX_COLUMNS) {
    ncols = MAX_COLUMNS;
    wide = true;
  }
  if (nrows * ncols > HUI_MAX_DOCX_CELLS - r->cells) {
    *r->why = hui_xasprintf(_("the Word document's tables have more than %u cells; it is not an "
                              "ordinary document"),
                            HUI_MAX_DOCX_CELLS);
    return NULL;
  }
  r->cells += nrows * ncols;
  hui_docx_table *t = hui_xcalloc(1, sizeof *t);
  t->nrows = nrows;
  t->ncols = ncols;
  t->header_row = nrows && rows[0].header;
  size_t total = nrows * ncols;
  t->cells = hui_xcalloc(total ? total : 1, sizeof *t->cells);
  size_t *owner = hui_xmalloc((total ? total : 1) * sizeof *owner);
  for (size_t k = 0; k < total; k++) {
    owner[k] = SIZE_MAX;
  }
  for (size_t i = 0; i < nrows; i++) {
    for (size_t j = 0; j < rows[i].n; j++) {
      tcell *tc = &rows[i].cells[j];
      if (tc->col >= ncols) {
        wide = true;
        continue;
      }
      size_t span = tc->col + tc->span > ncols ? ncols - tc->col : tc->span;
      size_t here = i * ncols + tc->col;
      size_t above = i ? owner[here - ncols] : SIZE_MAX;
      if (tc->vmerge == 2 && above != SIZE_MAX && above / ncols + t->cells[above].rowspan == i) {
        hui_docx_cell *o = &t->cells[above];
        o->rowspan++;
        if (*tc->text) {
          char *joined = hui_xasprintf("%s%s%s", o->text, *o->text ? "\n" : "", tc->text);
          free(o->text);
          o->text = joined;
        }
        for (size_t k = 0; k < span && k < o->colspan; k++) {
          owner[here + k] = above;
          t->cells[here + k].text = hui_xstrdup("");
        }
        continue;
      }
      hui_docx_cell *cell = &t->cells[here];
      free(cell->text);
      cell->text = tc->text;
      tc->text = NULL;
      cell->colspan = span;
      cell->rowspan = 1;
      owner[here] = here;
      for (size_t k = 1; k < span; k++) {
        free(t->cells[here + k].text);
        t->cells[here + k].text = hui_xstrdup("");
        t->cells[here + k].colspan = 0;
        owner[here + k] = here;
      }
    }
  }
  for (size_t k = 0; k < total; k++) {
    if (!t->cells[k].text) { /* a gap: gridBefore, gridAfter, a short row */
      t->cells[k].text = hui_xstrdup("");
      t->cells[k].colspan = 1;
      t->cells[k].rowspan = 1;
      owner[k] = k;
    }
  }
  for (size_t i = 0; i < nrows; i++) {
    hui_grid_row *gr = hui_grid_add_row(&t->grid);
    for (size_t j = 0; j < ncols; j++) {
      size_t o = owner[i * ncols + j];
      const char *s = o != SIZE_MAX && !*r->why ? t->cells[o].text : "";
      unsigned merge = 0;
      if (o != SIZE_MAX) {
        merge = (o % ncols < j ? HUI_GRID_LEFT : 0) | (o / ncols < i ? HUI_GRID_UP : 0);
      }
      spend(r, strlen(s));
      hui_grid_add_merged(gr, s, strlen(s), merge);
    }
  }
  free(owner);
  if (wide) {
    drop(r, number,
         hui_xasprintf(_("table cells beyond %u columns dropped"), (unsigned)MAX_COLUMNS));
  }
  return t;
}

static size_t first_para(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (isw(c, "p")) {
      return (size_t)(uintptr_t)c->_private;
    }
    size_t k = c->type == XML_ELEMENT_NODE ? first_para(c) : 0;
    if (k) {
      return k;
    }
  }
  return 0;
}

static void free_table(hui_docx_table *t) {
  if (!t) {
    return;
  }
  for (size_t k = 0; k < t->nrows * t->ncols; k++) {
    free(t->cells[k].text);
  }
  free(t->cells);
  hui_grid_clear(&t->grid);
  free(t);
}

static void table(reader *r, const xmlNode *tbl, hui_buf *join, bool discard) {
  size_t grid_cols = 0;
  for (const xmlNode *g = wchild(tbl, "tblGrid"), *c = g ? g->children : NULL; c; c = c->next) {
    grid_cols += isw(c, "gridCol");
  }
  trow *rows = NULL;
  size_t nrows = 0, cap = 0;
  table_rows(r, tbl, &rows, &nrows, &cap, discard);
  size_t number = first_para(tbl);
  if (!*r->why && !discard) {
    hui_docx_table *t = lay_out(r, rows, nrows, grid_cols, number);
    if (!t) {
      /* refused: *why is set */
    } else if (join) { /* a nested table: its cells' texts, one a line, in reading order */
      for (size_t k = 0; k < t->nrows * t->ncols; k++) {
        if (t->cells[k].colspan && *t->cells[k].text) {
          if (join->len) {
            hui_buf_putc(join, '\n');
          }
          hui_buf_puts(join, t->cells[k].text);
        }
      }
      free_table(t);
    } else {
      hui_docx_block *b = new_block(r, HUI_DOCX_TABLE, number);
      b->text = hui_xstrdup("");
      b->table = t;
    }
  }
  for (size_t i = 0; i < nrows; i++) {
    for (size_t j = 0; j < rows[i].n; j++) {
      free(rows[i].cells[j].text);
    }
    free(rows[i].cells);
  }
  free(rows);
}

/* ---- notes ---- */

static int note_cmp(const void *a, const void *b) {
  const note_entry *x = a, *y = b;
  if (x->kind != y->kind) {
    return x->kind < y->kind ? -1 : 1;
  }
  return strcmp(x->id, y->id);
}

/* Indexes the notes that have text (not Word's separators). */
static void index_notes(reader *r) {
  for (int kind = 0; kind < 2; kind++) {
    xmlNode *root = r->notes_doc[kind] ? xmlDocGetRootElement(r->notes_doc[kind]) : NULL;
    for (const xmlNode *n = root ? root->children : NULL; n; n = n->next) {
      const char *id = (isw(n, "footnote") || isw(n, "endnote")) ? wattr(n, "id") : NULL;
      const char *type = id ? wattr(n, "type") : NULL;
      if (id && (!type || strcmp(type, "normal") == 0)) {
        note_entry *e = HUI_PUSH(r->note_index, r->nnote_index, r->note_index_cap);
        *e = (note_entry){kind, id, n, SIZE_MAX};
      }
    }
  }
  if (r->nnote_index) {
    qsort(r->note_index, r->nnote_index, sizeof *r->note_index, note_cmp);
  }
}

/* A footnote or endnote reference: the note read the first time (its text
 * into doc->notes), a mark where the reference stands. */
static void note_ref(reader *r, para *p, const xmlNode *ref, int kind) {
  const char *id = wattr(ref, "id");
  if (!id || r->in_note || !r->nnote_index) {
    return;
  }
  note_entry key = {.kind = kind, .id = id};
  note_entry *e = bsearch(&key, r->note_index, r->nnote_index, sizeof key, note_cmp);
  if (!e) {
    return;
  }
  if (e->index == SIZE_MAX) {
    /* The note's own fields are its own: the body's field state waits. */
    bool saved_code[MAX_FIELD_DEPTH];
    memcpy(saved_code, r->fld_code, sizeof saved_code);
    int saved_depth = r->fld_depth;
    r->fld_depth = 0;
    r->in_note = true;
    hui_buf text = {0};
    walk_blocks(r, e->node, &text, false);
    r->in_note = false;
    memcpy(r->fld_code, saved_code, sizeof saved_code);
    r->fld_depth = saved_depth;
    hui_docx_note *dn = HUI_PUSH(r->doc->notes, r->doc->nnotes, r->nnotes_cap);
    e->index = r->doc->nnotes - 1;
    size_t chars = 0, cut = leading_space(text.data ? text.data : "", text.len, &chars);
    dn->text = hui_xstrdup(text.data ? text.data + cut : "");
    hui_buf_free(&text);
  }
  if (p->in_cell) {
    p->flags |= D_UNPLACED;
    return;
  }
  hui_docx_mark *m = HUI_PUSH(p->notes, p->nnotes, p->notes_cap);
  m->at = p->text.len;
  m->what = e->index;
}

/* ---- the body ---- */

static bool is_toc(const xmlNode *sdt) {
  const xmlNode *pr = wchild(sdt, "sdtPr");
  const char *gallery = wval(wchild(pr, "docPartObj"), "docPartGallery");
  return gallery && strncmp(gallery, "Table of Contents", 17) == 0;
}

/* The blocks under parent (the body, a cell, a text box, a note). join: the
 * text goes there (cells, notes) instead of into blocks; discard: read for
 * the counters only (a table of contents). */
static void walk_blocks(reader *r, const xmlNode *parent, hui_buf *join, bool discard) {
  for (const xmlNode *c = parent->children; c && !*r->why; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) {
      continue;
    }
    if (isw(c, "p")) {
      paragraph(r, c, join, discard);
    } else if (isw(c, "tbl")) {
      table(r, c, join, discard);
    } else if (isw(c, "sdt")) {
      const xmlNode *content = wchild(c, "sdtContent");
      bool toc = is_toc(c);
      if (toc && !discard && content) {
        drop(r, first_para(content), hui_xstrdup(_("table of contents dropped")));
      }
      if (content) {
        walk_blocks(r, content, join, discard || toc);
      }
    } else if (isw(c, "customXml")) {
      walk_blocks(r, c, join, discard);
    } else if (is_in(c, NS_MC, NULL, "AlternateContent")) {
      const xmlNode *alt = alternate(c);
      if (alt) {
        walk_blocks(r, alt, join, discard);
      }
    }
  }
}

/* ---- the first pass: paragraph numbers and tracked changes ---- */

static bool is_revision(const xmlNode *n) {
  static const char *const names[] = {
      "ins",           "del",        "moveFrom",     "moveTo",
      "rPrChange",     "pPrChange",  "sectPrChange", "tblPrChange",
      "tblPrExChange", "tcPrChange", "trPrChange",   "tblGridChange",
      "cellIns",       "cellDel",    "cellMerge",    "numberingChange"};
  /* every element of the body comes here: most (p, r, t, rPr...) are told
   * apart by their first letter or their end before the list is looked at */
  const char *name = n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
  size_t len = strlen(name);
  if (len < 3 || (!strchr("cdim", name[0]) && (len < 9 || strcmp(name + len - 6, "Change") != 0))) {
    return false;
  }
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (isw(n, names[i])) {
      return true;
    }
  }
  return false;
}

/* Numbers the paragraphs under n (in n->_private) in reading order, the
 * Fallback copies of mc:AlternateContent left out as the reader leaves them,
 * and notes the first tracked change. */
static void first_pass(reader *r, xmlNode *n, size_t *count, bool in_para, bool number) {
  bool alt = is_in(n, NS_MC, NULL, "AlternateContent");
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || (alt && alternate(n) != c)) {
      continue;
    }
    bool p = isw(c, "p");
    if (p) {
      ++*count;
      if (number) {
        c->_private = (void *)(uintptr_t)*count;
      }
    }
    if (!r->tracked && is_revision(c)) {
      r->tracked = in_para || *count == 0 ? (*count ? *count : 1) : *count + 1;
    }
    first_pass(r, c, count, in_para || p, number);
  }
}

/* ---- the package ---- */

static bool has_utf16(const char *bytes, size_t len, const char *ascii) {
  size_t n = strlen(ascii);
  for (size_t i = 0; i + 2 * n <= len; i++) {
    size_t k = 0;
    while (k < n && bytes[i + 2 * k] == ascii[k] && bytes[i + 2 * k + 1] == '\0') {
      k++;
    }
    if (k == n) {
      return true;
    }
  }
  return false;
}

/* A refusal for bytes that are no ZIP package, naming what they look like. */
static char *not_zip(const char *bytes, size_t len) {
  static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  if (len >= 8 && memcmp(bytes, ole, 8) == 0) {
    if (has_utf16(bytes, len, "EncryptionInfo")) {
      return hui_xstrdup(_("the Word document is encrypted (it has a password to open); open it "
                           "in Word or WPS, remove the password, save it as .docx and import "
                           "again"));
    }
    return hui_xstrdup(_("the file is an old Word .doc (or a WPS .wps), not a .docx; save it "
                         "as .docx in Word or WPS, or install LibreOffice so that it is "
                         "converted"));
  }
  if (len >= 5 && memcmp(bytes, "{\\rtf", 5) == 0) {
    return hui_xstrdup(_("the file is an RTF document, not a .docx; save it as .docx in Word "
                         "or WPS"));
  }
  if (len >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0) {
    return NULL; /* a ZIP: libzip says what is wrong with it */
  }
  return hui_xstrdup(_("the file is not a Word document (.docx): it is not a ZIP package"));
}

static void free_reader(reader *r) {
  hui_ooxml_rels_clear(&r->rels);
  xmlFreeDoc(r->main);
  xmlFreeDoc(r->styles_doc);
  xmlFreeDoc(r->numbering_doc);
  xmlFreeDoc(r->notes_doc[0]);
  xmlFreeDoc(r->notes_doc[1]);
  free(r->styles);
  free(r->abstracts);
  free(r->nums);
  for (size_t i = 0; i < r->doc->nimages; i++) {
    free(r->image_members[i]);
  }
  free(r->image_members);
  free(r->note_index);
  hui_buf_free(&r->dropcap);
  free(r->dir);
  hui_zip_close(r->z);
}

/* An optional part the main part names by relationship type; NULL when
 * there is none (or *why set when it is there but unreadable). */
static xmlDoc *related(reader *r, const char *type_end) {
  const hui_ooxml_rel *rel = hui_ooxml_rel_by_type(&r->rels, type_end);
  if (!rel || rel->external || !rel->target || !hui_zip_has(r->z, rel->target)) {
    return NULL;
  }
  return part(r, rel->target, r->why);
}

static bool open_main(reader *r, const char *bytes, size_t len) {
  char *refusal = not_zip(bytes, len);
  if (refusal) {
    *r->why = refusal;
    return false;
  }
  r->z = hui_zip_open_memory(bytes, len, r->why);
  if (!r->z) {
    return false;
  }
  hui_ooxml_rels pkg = {0};
  if (!read_rels(r, "_rels/.rels", "", &pkg)) {
    hui_ooxml_rels_clear(&pkg);
    return false;
  }
  const hui_ooxml_rel *office = hui_ooxml_rel_by_type(&pkg, "/officeDocument");
  char *main_name = office && office->target ? hui_xstrdup(office->target) : NULL;
  hui_ooxml_rels_clear(&pkg);
  if (!main_name || !hui_zip_has(r->z, main_name)) {
    *r->why = hui_xstrdup(_("the file is a ZIP package but not a Word document: it has no main "
                            "document part"));
    free(main_name);
    return false;
  }
  r->main = part(r, main_name, r->why);
  xmlNode *root = r->main ? xmlDocGetRootElement(r->main) : NULL;
  if (root && !isw(root, "document")) {
    *r->why = hui_xasprintf(_("the file is not a Word document: its main part '%s' is <%s> "
                              "(an Excel or PowerPoint file?)"),
                            main_name, (const char *)root->name);
  }
  char *rels_name = NULL;
  hui_ooxml_rels_name(main_name, &r->dir, &rels_name);
  free(main_name);
  bool ok = !*r->why && read_rels(r, rels_name, r->dir, &r->rels);
  free(rels_name);
  return ok;
}

bool hui_docx_read(const char *bytes, size_t len, hui_docx *doc, char **why) {
  *why = NULL;
  if (len > HUI_MAX_DOCX_BYTES) {
    *why = hui_xasprintf(_("the Word document is larger than %u MB; make its pictures smaller "
                           "and save it again"),
                         HUI_MAX_DOCX_BYTES / (1024u * 1024u));
    return false;
  }
  reader r = {0};
  r.doc = doc;
  r.why = why;
  r.budget = HUI_MAX_DOCX_INFLATED;
  if (open_main(&r, bytes, len)) {
    r.styles_doc = *why ? NULL : related(&r, "/styles");
    r.numbering_doc = *why ? NULL : related(&r, "/numbering");
    r.notes_doc[0] = *why ? NULL : related(&r, "/footnotes");
    r.notes_doc[1] = *why ? NULL : related(&r, "/endnotes");
  }
  const xmlNode *body = r.main && !*why ? wchild(xmlDocGetRootElement(r.main), "body") : NULL;
  if (!*why) {
    size_t count = 0;
    first_pass(&r, xmlDocGetRootElement(r.main), &count, false, true);
    for (int k = 0; k < 2 && !r.tracked; k++) {
      size_t none = 0;
      if (r.notes_doc[k]) {
        first_pass(&r, xmlDocGetRootElement(r.notes_doc[k]), &none, false, false);
        r.tracked_notes = r.tracked != 0;
      }
    }
    if (r.tracked_notes) {
      *why = hui_xstrdup(_("the Word document has tracked changes in its footnotes that are not "
                           "accepted; in Word choose 审阅 → 接受 → 接受所有修订 (or reject "
                           "them), save, and import again"));
    } else if (r.tracked) {
      *why = hui_xasprintf(_("the Word document has tracked changes that are not accepted, the "
                             "first in paragraph %zu; in Word choose 审阅 → 接受 → 接受所有修订 "
                             "(or reject them), save, and import again"),
                           r.tracked);
    }
  }
  if (!*why) {
    read_styles(&r);
    read_numbering(&r);
    index_notes(&r);
    if (hui_ooxml_rel_by_type(&r.rels, "/header") || hui_ooxml_rel_by_type(&r.rels, "/footer")) {
      drop(&r, 0, hui_xstrdup(_("headers and footers are not read")));
    }
    if (body) {
      walk_blocks(&r, body, NULL, false);
    }
    if (r.dropcap.len) { /* a drop cap that began no paragraph */
      new_block(&r, HUI_DOCX_PARA, r.dropcap_para)->text = hui_buf_take(&r.dropcap);
    }
  }
  free_reader(&r);
  return *why == NULL;
}

void hui_docx_clear(hui_docx *doc) {
  if (!doc) {
    return;
  }
  for (size_t i = 0; i < doc->nblocks; i++) {
    hui_docx_block *b = &doc->blocks[i];
    free(b->text);
    free(b->style);
    free(b->bold);
    free(b->notes);
    free(b->images);
    free_table(b->table);
  }
  free(doc->blocks);
  for (size_t i = 0; i < doc->nnotes; i++) {
    free(doc->notes[i].text);
  }
  free(doc->notes);
  for (size_t i = 0; i < doc->nimages; i++) {
    free(doc->images[i].name);
    free(doc->images[i].type);
    free(doc->images[i].bytes);
  }
  free(doc->images);
  for (size_t i = 0; i < doc->ndrops; i++) {
    free(doc->drops[i].what);
  }
  free(doc->drops);
  memset(doc, 0, sizeof *doc);
}
