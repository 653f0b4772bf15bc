/* decision: the 表彰决定 and the 公示 (see decision.h). */
#include "decision.h"

#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../certtext.h"
#include "../image.h"
#include "../layout/table.h"
#include "../text/order.h"
#include "gongwen.h"

const char *const hui_doc_keys[] = {
    "year",        "campaign", "area",   "organizer", "count", "count:ID", "tier:ID", "tiers",
    "number",      "date",     "start",  "end",       "days",  "phone",    "units",   "groups",
    "submissions", "on-time",  "errors", "awarded",   "old",   "new",      "points",  NULL};

const hui_doc_config *hui_doc_config_of(const hui_edition *e, hui_doc_kind kind) {
  if (kind == HUI_DOC_PROGRESS) return &e->campaign.progress;
  return kind == HUI_DOC_DECISION ? &e->campaign.decision : &e->campaign.publicity;
}

static const char *or_empty(const char *s) { return s ? s : ""; }

char *hui_doc_padded_name(const char *name) {
  if (!name) return hui_xstrdup("");
  size_t len = strlen(name);
  uint32_t a, b;
  size_t la = hui_utf8_decode(name, len, &a);
  size_t lb = la ? hui_utf8_decode(name + la, len - la, &b) : 0;
  bool han = la && lb && la + lb == len && a >= 0x3400 && b >= 0x3400 && a != 0x3000 && b != 0x3000;
  if (!han) return hui_xstrdup(name);
  return hui_xasprintf("%.*s\u3000%s", (int)la, name, name + la);
}

/* --- The list's order ------------------------------------------------------------ */

static const char *list_name(const hui_submission *s) { return or_empty(hui_submission_name(s)); }

/* before: whether awardee a comes before b in the list. */
static bool before(const hui_edition *e, size_t a, size_t b) {
  const hui_submission *x = &e->subs[a], *y = &e->subs[b];
  if (x->tier != y->tier) return x->tier < y->tier;
  int c = hui_order_compare(HUI_ORDER_STROKE, list_name(x), list_name(y));
  if (c) return c < 0;
  return strcmp(or_empty(x->id.text), or_empty(y->id.text)) < 0;
}

size_t *hui_doc_list_order(const hui_edition *e, size_t *n) {
  size_t *o = hui_order_awarded(e, n);
  /* insertion sort: the lists are short and the order must not depend on
   * the library's sort */
  for (size_t i = 1; o && i < *n; i++) {
    size_t v = o[i], j = i;
    for (; j > 0 && before(e, v, o[j - 1]); j--) o[j] = o[j - 1];
    o[j] = v;
  }
  return o;
}

/* --- Placeholders ------------------------------------------------------------------ */

typedef struct var {
  char *key, *value;
} var;

typedef struct vars {
  var *v;
  size_t n, cap;
} vars;

static void put(vars *vs, char *key, char *value) {
  *HUI_PUSH(vs->v, vs->n, vs->cap) = (var){key, value};
}

static void vars_free(vars *vs) {
  for (size_t i = 0; i < vs->n; i++) {
    free(vs->v[i].key);
    free(vs->v[i].value);
  }
  free(vs->v);
}

static const char *lookup(const vars *vs, const char *key, size_t len) {
  for (size_t i = 0; i < vs->n; i++)
    if (strlen(vs->v[i].key) == len && strncmp(vs->v[i].key, key, len) == 0) return vs->v[i].value;
  return NULL;
}

/* Expands {key} in pattern; NULL with *bad (caller frees) the first unknown
 * or unclosed placeholder. "{{" and "}}" are braces. */
static char *expand(const vars *vs, const char *pattern, char **bad) {
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  for (const char *p = pattern; *p; p++) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      hui_buf_add(&b, p, 1);
      p++;
      continue;
    }
    if (*p != '{') {
      hui_buf_add(&b, p, 1);
      continue;
    }
    const char *end = strchr(p, '}');
    const char *v = end ? lookup(vs, p + 1, (size_t)(end - p - 1)) : NULL;
    if (!v) {
      *bad = end ? hui_xstrndup(p, (size_t)(end - p + 1)) : hui_xstrdup(p);
      hui_buf_free(&b);
      return NULL;
    }
    hui_buf_puts(&b, v);
    p = end;
  }
  return hui_buf_take(&b);
}

typedef struct dctx {
  const hui_edition *e;
  const hui_doc_config *k;
  hui_diags *d;
  vars vs;
  bool failed;
  const hui_template *t;
  hui_fonts *fonts;
  const hui_stats *stats; /* the progress report's figures, or NULL */
} dctx;

/* field f expanded, or NULL (nothing, or an error reported) */
static char *text_of(dctx *c, const hui_field *f) {
  if (!f->text || !*f->text) return NULL;
  char *bad = NULL;
  char *s = expand(&c->vs, f->text, &bad);
  if (!s) {
    hui_buf known = {0};
    for (size_t i = 0; hui_doc_keys[i]; i++)
      hui_buf_printf(&known, "%s{%s}", i ? ", " : "", hui_doc_keys[i]);
    hui_diag_add(c->d, HUI_ERROR, c->e->campaign.path, f->pos.line, f->pos.col, "doc-placeholder",
                 _("unknown placeholder '%s'; use one of %s (ID: a tier's id)"), bad, known.data);
    hui_buf_free(&known);
    free(bad);
    c->failed = true;
  }
  return s;
}

/* An ISO date of field f as 2020年12月8日; NULL (an error when written but
 * not a date). */
static char *date_of(dctx *c, const hui_field *f) {
  if (!f->text || !*f->text) return NULL;
  char *s = hui_cert_date(f->text, false);
  if (!s) {
    hui_diag_add(c->d, HUI_ERROR, c->e->campaign.path, f->pos.line, f->pos.col, "doc-date",
                 _("'%s' is not a real date written YYYY-MM-DD, e.g. 2020-12-08"), f->text);
    c->failed = true;
  }
  return s;
}

static void make_vars(dctx *c, const size_t *order, size_t n, const char *number) {
  const hui_campaign *cp = &c->e->campaign;
  vars *vs = &c->vs;
  put(vs, hui_xstrdup("year"), hui_xstrdup(or_empty(cp->year.text)));
  put(vs, hui_xstrdup("campaign"), hui_xstrdup(or_empty(cp->name.text)));
  put(vs, hui_xstrdup("area"), hui_xstrdup(or_empty(cp->area.text)));
  put(vs, hui_xstrdup("organizer"), hui_xstrdup(or_empty(cp->organizer.text)));
  put(vs, hui_xstrdup("count"), hui_xasprintf("%zu", n));
  hui_buf tiers = {0};
  hui_buf_puts(&tiers, "");
  for (size_t t = 0; t < cp->ntiers; t++) {
    size_t k = 0;
    for (size_t i = 0; i < n; i++) k += c->e->subs[order[i]].tier == (int)t;
    put(vs, hui_xasprintf("count:%s", cp->tiers[t].id), hui_xasprintf("%zu", k));
    put(vs, hui_xasprintf("tier:%s", cp->tiers[t].id), hui_xstrdup(cp->tiers[t].name));
    if (k) hui_buf_printf(&tiers, "%s%s%zu名", tiers.len ? "、" : "", cp->tiers[t].name, k);
  }
  put(vs, hui_xstrdup("tiers"), hui_buf_take(&tiers));
  put(vs, hui_xstrdup("number"), hui_xstrdup(or_empty(number)));
  char *date = date_of(c, &c->k->date), *start = date_of(c, &c->k->start),
       *end = date_of(c, &c->k->end);
  put(vs, hui_xstrdup("date"), date ? date : hui_xstrdup(""));
  put(vs, hui_xstrdup("start"), start ? start : hui_xstrdup(""));
  put(vs, hui_xstrdup("end"), end ? end : hui_xstrdup(""));
  put(vs, hui_xstrdup("days"), hui_xstrdup(or_empty(c->k->days.text)));
  put(vs, hui_xstrdup("phone"), hui_xstrdup(or_empty(c->k->phone.text)));
  if (!c->stats) return;
  const hui_stats_totals *x = &c->stats->total;
  const struct {
    const char *key;
    long v;
  } figures[] = {{"units", x->units},     {"groups", x->groups}, {"submissions", x->subs},
                 {"on-time", x->on_time}, {"errors", x->errors}, {"awarded", x->awarded},
                 {"old", x->old_ones},    {"new", x->new_ones},  {"points", x->points}};
  for (size_t i = 0; i < sizeof figures / sizeof *figures; i++)
    put(vs, hui_xstrdup(figures[i].key), hui_xasprintf("%ld", figures[i].v));
}

/* --- The stats tables (the progress report) ---------------------------------------- */

/* The columns of stats table st that the measure holds at three cells a
 * column (the first as wide as what is left, at least six): the name,
 * 报送, 按时报送, each tier, 得分; without room the tiers become one column of
 * all awards (获奖, the 老典型 and 新典型 added up) and 按时报送 goes. Returns
 * how many; cols[] their indices in st (-1: the awards added up). */
static int table_cols(const hui_stats_table *st, size_t ntiers, int measure, int *cols) {
  int fig = (int)st->ncols - (int)(6 + ntiers); /* the first figure's column */
  int room = (measure - 6) / 3, n = 0;
  bool tiers = 3 + (int)ntiers <= room, on_time = (tiers ? 3 + (int)ntiers : 3) + 1 <= room;
  cols[n++] = 0;
  cols[n++] = fig;
  if (on_time) cols[n++] = fig + 1;
  if (tiers)
    for (size_t t = 0; t < ntiers; t++) cols[n++] = fig + 3 + (int)t;
  else cols[n++] = -1;
  cols[n++] = (int)st->ncols - 1;
  return n;
}

static void cell(hui_table *tb, int row, int col, const char *text, double size) {
  hui_table_cell(tb, row, col, 1, 1);
  hui_para_add(hui_table_para(tb), text, HUI_ROLE_BODY, size, 0);
}

/* The awards of row r added up (its 老典型 and 新典型). */
static char *awards_of(const hui_stats_table *st, size_t r) {
  const char *const *row = (const char *const *)&st->cells[r * st->ncols];
  return hui_xasprintf("%ld", atol(row[st->ncols - 3]) + atol(row[st->ncols - 2]));
}

static void add_table(dctx *c, hui_gongwen *g, const hui_field *which) {
  const hui_stats_table *st = c->stats ? hui_stats_table_of(c->stats, which->text) : NULL;
  if (!st) return;
  int cols[64];
  int measure = c->t->grid_chars > 0 ? c->t->grid_chars : 28;
  int n = table_cols(st, c->e->campaign.ntiers, measure, cols);
  hui_table *tb = hui_table_new(c->fonts, n, (int)st->nrows + 1);
  hui_table_head(tb, 1);
  double size = c->t->body_pt > 0 ? c->t->body_pt : 16;
  for (int k = 0; k < n; k++) {
    hui_table_col(tb, k, 0, k ? 3 : measure - 3 * (n - 1));
    cell(tb, 0, k, cols[k] < 0 ? "获奖" : st->head[cols[k]], size);
  }
  for (size_t r = 0; r < st->nrows; r++)
    for (int k = 0; k < n; k++) {
      char *sum = cols[k] < 0 ? awards_of(st, r) : NULL;
      cell(tb, (int)r + 1, k, sum ? sum : st->cells[r * st->ncols + (size_t)cols[k]], size);
      free(sum);
    }
  hui_gongwen_table(g, tb);
}

/* --- The list --------------------------------------------------------------------- */

/* "陈　忠（女）" */
static char *entry_name(const hui_submission *s) {
  char *name = hui_doc_padded_name(list_name(s));
  if (!s->female) return name;
  char *out = hui_xasprintf("%s（女）", name);
  free(name);
  return out;
}

static bool grouped(const hui_doc_config *k, const hui_template *t) {
  if (k->units.text && *k->units.text) return strcmp(k->units.text, "grouped") == 0;
  return t->gw.by_unit;
}

/* The units of tier awardees o[0..n) in stroke order, each once. */
static size_t units_of(const hui_edition *e, const size_t *o, size_t n, const char **out) {
  size_t m = 0;
  for (size_t i = 0; i < n; i++) {
    const char *u = or_empty(e->subs[o[i]].unit.text);
    size_t j = 0;
    while (j < m && strcmp(out[j], u) != 0) j++;
    if (j < m) continue;
    for (j = m; j > 0 && hui_order_compare(HUI_ORDER_STROKE, u, out[j - 1]) < 0; j--)
      out[j] = out[j - 1];
    out[j] = u;
    m++;
  }
  return m;
}

static void add_tier_grouped(const hui_edition *e, hui_gongwen *g, const size_t *o, size_t n) {
  const char **units = hui_xcalloc(n + 1, sizeof *units);
  size_t m = units_of(e, o, n, units);
  for (size_t u = 0; u < m; u++) {
    if (!*units[u]) { /* collectives and names without a unit: a line each */
      for (size_t i = 0; i < n; i++)
        if (!*or_empty(e->subs[o[i]].unit.text)) {
          char *name = entry_name(&e->subs[o[i]]);
          hui_gongwen_line(g, name, 2, 4);
          free(name);
        }
      continue;
    }
    hui_buf b = {0};
    hui_buf_printf(&b, "%s：", units[u]);
    bool first = true;
    for (size_t i = 0; i < n; i++) {
      if (strcmp(or_empty(e->subs[o[i]].unit.text), units[u]) != 0) continue;
      char *name = entry_name(&e->subs[o[i]]);
      hui_buf_printf(&b, "%s%s", first ? "" : "\u3000\u3000", name);
      first = false;
      free(name);
    }
    double hang = 2 + (double)hui_utf8_count(units[u], strlen(units[u])) + 1;
    hui_gongwen_line(g, b.data, 2, hang > 12 ? 4 : hang);
    hui_buf_free(&b);
  }
  free(units);
}

/* The awardees by tier: the tier as a level-1 heading with its count, then
 * a line per awardee (name, unit) or per unit (unit: names). */
static void add_list(const hui_edition *e, const hui_template *t, const hui_doc_config *k,
                     hui_gongwen *g, const size_t *order, size_t n) {
  const hui_campaign *cp = &e->campaign;
  for (size_t tier = 0; tier < cp->ntiers; tier++) {
    size_t first = 0;
    while (first < n && e->subs[order[first]].tier != (int)tier) first++;
    size_t last = first;
    while (last < n && e->subs[order[last]].tier == (int)tier) last++;
    if (first == last) continue;
    char *h = hui_xasprintf("%s（%zu名）", cp->tiers[tier].name, last - first);
    hui_gongwen_heading(g, 1, h);
    free(h);
    if (grouped(k, t)) {
      add_tier_grouped(e, g, order + first, last - first);
      continue;
    }
    for (size_t i = first; i < last; i++) {
      const hui_submission *s = &e->subs[order[i]];
      char *name = entry_name(s);
      char *line = s->unit.text && *s->unit.text
                       ? hui_xasprintf("%s\u3000\u3000%s", name, s->unit.text)
                       : hui_xstrdup(name);
      hui_gongwen_line(g, line, 2, 2 + 7);
      free(line);
      free(name);
    }
  }
}

/* --- The document ------------------------------------------------------------------- */

static const hui_image *load_seal(dctx *c, hui_book *keep, const hui_field *f) {
  if (!f->text || !*f->text) return NULL;
  char *path = hui_path_inside(c->e->dir, f->text);
  char *why = NULL;
  hui_image *img = path ? hui_image_load(path, &why) : NULL;
  free(path);
  if (!img) {
    hui_diag_add(c->d, HUI_WARNING, c->e->campaign.path, f->pos.line, f->pos.col, "doc-seal",
                 _("the seal '%s' %s; the document is printed without it (stamp it by hand)"),
                 f->text, why ? why : _("was not found inside the edition folder"));
    free(why);
    return NULL;
  }
  *HUI_PUSH(keep->images, keep->nimages, keep->capimages) = img;
  return img;
}

/* The text in order; the list where <list/> is (or after the text) when
 * it is inline. */
static void set_text(dctx *c, hui_gongwen *g, bool inline_list, const hui_template *t,
                     const size_t *order, size_t n) {
  const hui_doc_config *k = c->k;
  bool list_done = false;
  for (size_t i = 0; i < k->nblocks; i++) {
    const hui_doc_block *b = &k->blocks[i];
    if (b->kind == HUI_DOC_LIST) {
      if (inline_list && !list_done) add_list(c->e, t, k, g, order, n);
      list_done = true;
      continue;
    }
    if (b->kind == HUI_DOC_TABLE) {
      add_table(c, g, &b->text);
      continue;
    }
    char *s = text_of(c, &b->text);
    if (s && b->kind == HUI_DOC_PARA) hui_gongwen_para(g, s);
    else if (s) hui_gongwen_heading(g, b->level, s);
    free(s);
  }
  if (inline_list && !list_done && c->k != &c->e->campaign.progress)
    add_list(c->e, t, k, g, order, n);
}

hui_book *hui_doc_compose(const hui_edition *e, hui_doc_kind kind, const hui_template *t,
                          hui_fonts *fonts, hui_diags *d) {
  return hui_doc_compose_stats(e, kind, t, fonts, d, NULL);
}

hui_book *hui_doc_compose_stats(const hui_edition *e, hui_doc_kind kind, const hui_template *t,
                                hui_fonts *fonts, hui_diags *d, const hui_stats *stats) {
  const hui_doc_config *k = hui_doc_config_of(e, kind);
  dctx c = {.e = e, .k = k, .d = d, .t = t, .fonts = fonts, .stats = stats};
  size_t n = 0;
  size_t *order = hui_doc_list_order(e, &n);
  char *number = NULL;
  if (k->number_prefix.text && k->number_seq.text)
    number =
        hui_gongwen_number(k->number_prefix.text, e->campaign.year_num, atoi(k->number_seq.text));
  make_vars(&c, order, n, number);
  hui_gongwen *g = hui_gongwen_new();
  char *mark = text_of(&c, &k->mark), *title = text_of(&c, &k->title), *to = text_of(&c, &k->to);
  hui_gongwen_head(g, mark, number);
  hui_gongwen_title(g, title);
  hui_gongwen_to(g, to);
  /* the decision's list is its 附件 when it names one */
  char *annex = kind == HUI_DOC_DECISION ? text_of(&c, &k->attachment) : NULL;
  set_text(&c, g, !annex, t, order, n);
  if (annex) hui_gongwen_attachment(g, annex);
  hui_book *keep = hui_xcalloc(1, sizeof *keep);
  const hui_image *seal = load_seal(&c, keep, &k->seal);
  char *issuer = text_of(&c, &k->issuer), *date = date_of(&c, &k->date);
  hui_gongwen_sign(g, issuer, date, seal);
  if (annex) {
    hui_gongwen_annex(g, annex);
    add_list(e, t, k, g, order, n);
  }
  char *cc = text_of(&c, &k->cc), *printer = text_of(&c, &k->printer),
       *pdate = date_of(&c, &k->print_date);
  if (printer || cc) hui_gongwen_imprint(g, cc, printer, pdate ? pdate : date);
  hui_book *book = NULL;
  if (!c.failed) {
    book = hui_gongwen_compose(g, t, fonts);
    book->images = keep->images;
    book->nimages = keep->nimages;
    book->capimages = keep->capimages;
    keep->images = NULL;
    keep->nimages = 0;
  }
  hui_book_free(keep);
  char *owned[] = {mark, title, to, annex, issuer, date, cc, printer, pdate, number};
  for (size_t i = 0; i < sizeof owned / sizeof *owned; i++) free(owned[i]);
  hui_gongwen_free(g);
  vars_free(&c.vs);
  free(order);
  return book;
}
