/* load/campaign: campaign.xml (no namespace; docs/edition-format.md) into a
 * hui_campaign — the year, the window, the rules' settings, the tiers, the
 * results, the compendium's title and preface and the certificate's texts.
 * Values the schema cannot judge (a year of four digits, whole numbers,
 * percentages, tier ids used twice) are checked here, as `schema` findings. */
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"
#include "load.h"
#include "load/reader.h"
#include "load/xml.h"

extern const char hui_schema_campaign[];

/* ---- the vocabulary ----------------------------------------------------- */

#define CAMPAIGN_CHILDREN                                                                         \
  "name area organizer window rules originality tiers order results compendium certificate "    \
  "decision publicity outputs stats progress poster"
#define DOC_CHILDREN                                                                              \
  "mark docnumber title to para heading list attachment issuer date seal cc printer"
#define DOC_ONCE "mark docnumber title to list attachment issuer date seal cc printer period phone"
static const hui_vocab camp_vocab[] = {
    {"campaign", CAMPAIGN_CHILDREN, false, false, "!year xml:lang", "name area organizer window tiers compendium",
     CAMPAIGN_CHILDREN},
    {"name", "", true, false, "", "", ""},
    {"area", "", true, false, "", "", ""},
    {"organizer", "", true, false, "", "", ""},
    {"window", "", false, false, "!start !end", "", ""},
    {"rules", "limit", false, false,
     "max-chars photo=required|optional recommender=required|optional summary-chars "
     "summary=required|optional per-unit",
     "", ""},
    {"limit", "", false, false, "!field=category|jobtitle|unit|recommender !value !max-share", "", ""},
    {"tiers", "tier", false, false, "", "tier", ""},
    {"tier", "", false, false, "!id !name quota prize", "", ""},
    {"order", "", false, false, "!within-tier=stroke|pinyin|unit|date", "", ""},
    {"results", "award", false, false, "", "", ""},
    {"award", "", false, false, "!ref !tier withdrawn", "", ""},
    {"compendium", "title preface", false, false, "template candidates=yes|no", "title", "title preface"},
    {"title", "", true, false, "", "", ""},
    {"preface", "para", false, false, "", "para", ""},
    {"para", "emphasis", true, false, "", "", ""},
    {"emphasis", "", true, false, "role", "", ""},
    {"certificate", "title text text-collective issuer date seal number", false, false,
     "template per-person=yes|no",
     "title text issuer date", "title text text-collective issuer date seal number"},
    {"text", "", true, false, "", "", ""},
    {"text-collective", "", true, false, "", "", ""},
    {"issuer", "", true, false, "", "", ""},
    {"date", "", true, false, "", "", ""},
    {"seal", "", false, false, "!fileref", "", ""},
    {"number", "", false, false, "!format", "", ""},
    {"originality", "", false, false, "threshold min-run", "", ""},
    {"poster", "title", false, false, "template", "", "title"},
    {"outputs", "", true, false, "", "", ""},
    {"stats", "points group", false, false, "cap", "", ""},
    {"points", "", false, false, "!tier !value", "", ""},
    {"group", "unit", false, false, "!name", "unit", ""},
    {"unit", "", true, false, "", "", ""},
    {"decision", DOC_CHILDREN, false, false, "template", "title issuer date", DOC_ONCE},
    {"publicity", DOC_CHILDREN " period phone", false, false, "template", "title", DOC_ONCE},
    {"progress", "mark docnumber title to para heading table issuer date seal cc printer", false, false,
     "template", "title issuer date", "mark docnumber title to issuer date seal cc printer"},
    {"mark", "", true, false, "", "", ""},
    {"docnumber", "", false, false, "!prefix !seq", "", ""},
    {"to", "", true, false, "", "", ""},
    {"heading", "", true, false, "level=1|2|3|4", "", ""},
    {"table", "", false, false, "!of=units|groups", "", ""},
    {"list", "", false, false, "units=after|grouped", "", ""},
    {"attachment", "", true, false, "", "", ""},
    {"cc", "", true, false, "", "", ""},
    {"printer", "", true, false, "date", "", ""},
    {"period", "", false, false, "!start !end days", "", ""},
    {"phone", "", true, false, "", "", ""},
    {NULL, NULL, false, false, NULL, NULL, NULL}};

static const hui_doctype CAMPAIGN = {
    .voc = camp_vocab,
    .ns = NULL,
    .root = "campaign",
    .common_attrs = "",
    .schema = hui_schema_campaign,
    .roles = "emphasis=bold|strong"};

/* ---- mapping ------------------------------------------------------------ */

static bool parse_long(const char *t, long *out) {
  if (!t || !*t) return false;
  char *end;
  errno = 0;
  long v = strtol(t, &end, 10);
  if (errno || *end || v < 0 || (*t < '0' || *t > '9')) return false;
  *out = v;
  return true;
}

/* A percentage from 0 to 100, written 20% or 20. */
static bool parse_percent(const char *t, double *out) {
  if (!t || !*t) return false;
  char *end;
  errno = 0;
  double v = strtod(t, &end);
  if (end == t) return false;
  if (*end == '%') end++;
  if (*end || errno || v < 0 || v > 100) return false;
  *out = v;
  return true;
}

/* One reader per child of <campaign>: the edition's own elements fill the
 * campaign, and each consumer's element (<rules>, <originality>,
 * <compendium>, <certificate>) fills that consumer's typed configuration
 * (model.h), so a new output adds one function and one row. */
typedef void (*section_fn)(hui_xml_src *s, xmlNode *e, hui_campaign *c);

static void map_name(hui_xml_src *s, xmlNode *e, hui_campaign *c) { hui_xml_set_field(s, &c->name, e); }
static void map_area(hui_xml_src *s, xmlNode *e, hui_campaign *c) { hui_xml_set_field(s, &c->area, e); }
static void map_organizer(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_xml_set_field(s, &c->organizer, e);
}

static void map_window(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_xml_set_attr(s, &c->window_start, e, "start", true);
  hui_xml_set_attr(s, &c->window_end, e, "end", true);
}

/* The <limit> children of <rules>: one share limit each. */
static void map_limits(hui_xml_src *s, xmlNode *e, hui_rules_config *r) {
  static const char *const fields[] = {"category", "jobtitle", "unit", "recommender"};
  size_t cap = r->nlimits;
  for (xmlNode *n = e->children; n; n = n->next) {
    if (!hui_xml_is(n, &CAMPAIGN, "limit")) continue;
    hui_pos p = hui_xml_pos(s, n);
    char *f = hui_xml_attr(n, "field"), *v = hui_xml_attr(n, "value"), *m = hui_xml_attr(n, "max-share");
    int fi = -1;
    for (int i = 0; f && i < 4; i++)
      if (strcmp(f, fields[i]) == 0) fi = i;
    double share = 0;
    bool share_ok = parse_percent(m, &share);
    if (m && !share_ok)
      hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                   _("<limit max-share=\"%s\">: write a percentage from 0 to 100, like 20%%"), m);
    /* the schema reports a missing attribute or an unknown field */
    if (fi >= 0 && v && *v && share_ok) {
      hui_share_limit *l = HUI_PUSH(r->limits, r->nlimits, cap);
      *l = (hui_share_limit){(hui_limit_field)fi, f, v, share, p};
      f = v = NULL;
    }
    free(f);
    free(v);
    free(m);
  }
}

static void map_rules(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_rules_config *r = &c->rules;
  hui_pos p = hui_xml_pos(s, e);
  char *mc = hui_xml_attr(e, "max-chars"), *ph = hui_xml_attr(e, "photo"), *rc = hui_xml_attr(e, "recommender");
  char *sc = hui_xml_attr(e, "summary-chars"), *su = hui_xml_attr(e, "summary");
  char *pu = hui_xml_attr(e, "per-unit");
  if (mc && !parse_long(mc, &r->max_chars))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<rules max-chars=\"%s\">: max-chars must be a whole number like 1500 (0 = no limit)"), mc);
  if (sc && !parse_long(sc, &r->summary_chars))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<rules summary-chars=\"%s\">: summary-chars must be a whole number like 300 (0 = no "
                   "limit)"),
                 sc);
  if (pu && !parse_long(pu, &r->per_unit))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<rules per-unit=\"%s\">: per-unit must be a whole number of submissions like 1 (0 = no "
                   "limit)"),
                 pu);
  if (ph) r->photo_required = strcmp(ph, "optional") != 0;
  if (rc) r->recommender_required = strcmp(rc, "optional") != 0;
  if (su) r->summary_required = strcmp(su, "required") == 0;
  free(mc);
  free(ph);
  free(rc);
  free(sc);
  free(su);
  free(pu);
  map_limits(s, e, r);
}

static void map_tiers(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  size_t cap = c->ntiers;
  for (xmlNode *t = e->children; t; t = t->next) {
    if (!hui_xml_is(t, &CAMPAIGN, "tier")) continue;
    hui_tier *tier = HUI_PUSH(c->tiers, c->ntiers, cap);
    tier->pos = hui_xml_pos(s, t);
    tier->id = hui_xml_attr(t, "id");
    tier->name = hui_xml_attr(t, "name");
    if (!tier->id) tier->id = hui_xstrdup("");
    if (!tier->name) tier->name = hui_xstrdup("");
    tier->prize = hui_xml_attr(t, "prize");
    /* quota="0" allows no award; only a missing quota means no limit */
    char *q = hui_xml_attr(t, "quota");
    long qv = -1;
    if (q && !parse_long(q, &qv))
      hui_diag_add(s->d, HUI_ERROR, s->file, tier->pos.line, tier->pos.col, "schema",
                   _("<tier quota=\"%s\">: the quota must be a whole number (leave it out for no limit)"), q);
    tier->quota = qv > INT_MAX ? INT_MAX : (int)qv;
    free(q);
    for (size_t i = 0; i + 1 < c->ntiers; i++)
      if (strcmp(c->tiers[i].id, tier->id) == 0)
        hui_diag_add(s->d, HUI_ERROR, s->file, tier->pos.line, tier->pos.col, "schema",
                     _("tier id '%s' is used twice (first on line %d)"), tier->id, c->tiers[i].pos.line);
  }
}

static void map_originality(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_rules_config *r = &c->rules;
  hui_pos p = hui_xml_pos(s, e);
  char *th = hui_xml_attr(e, "threshold"), *mr = hui_xml_attr(e, "min-run");
  if (th && !parse_percent(th, &r->originality_threshold))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<originality threshold=\"%s\">: write a percentage from 0 to 100, like 15%%"), th);
  if (mr && !parse_long(mr, &r->originality_min_run))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<originality min-run=\"%s\">: write a whole number of characters, like 50"), mr);
  free(th);
  free(mr);
}

static void map_order(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  (void)s;
  char *o = hui_xml_attr(e, "within-tier");
  if (o && strcmp(o, "pinyin") == 0) c->order = HUI_ORDER_PINYIN;
  else if (o && strcmp(o, "unit") == 0) c->order = HUI_ORDER_UNIT;
  else if (o && strcmp(o, "date") == 0) c->order = HUI_ORDER_DATE;
  else c->order = HUI_ORDER_STROKE;
  free(o);
}

static void map_results(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  size_t cap = c->nawards;
  for (xmlNode *a = e->children; a; a = a->next) {
    if (!hui_xml_is(a, &CAMPAIGN, "award")) continue;
    hui_award *aw = HUI_PUSH(c->awards, c->nawards, cap);
    hui_xml_set_attr(s, &aw->ref, a, "ref", true);
    hui_xml_set_attr(s, &aw->tier, a, "tier", true);
    hui_xml_set_attr(s, &aw->withdrawn, a, "withdrawn", true);
    if (aw->withdrawn.text && !*aw->withdrawn.text)
      hui_diag_add(s->d, HUI_ERROR, s->file, aw->withdrawn.pos.line, aw->withdrawn.pos.col, "schema",
                   _("<award withdrawn=\"\">: say why the award is withdrawn, e.g. withdrawn=\"本人申请退出\""));
  }
}

static void map_compendium(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_compendium_config *k = &c->compendium;
  hui_xml_set_attr(s, &k->template_name, e, "template", true);
  char *cand = hui_xml_attr(e, "candidates");
  if (cand) k->list_candidates = strcmp(cand, "yes") == 0;
  free(cand);
  for (xmlNode *n = e->children; n; n = n->next) {
    if (hui_xml_is(n, &CAMPAIGN, "title")) hui_xml_set_field(s, &k->title, n);
    if (hui_xml_is(n, &CAMPAIGN, "preface") && !k->preface) {
      k->preface = hui_node_new(HUI_N_ROOT, NULL, hui_xml_pos(s, n));
      hui_xml_map_body(s, &CAMPAIGN, n, k->preface);
    }
  }
}

static void map_certificate(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_certificate_config *k = &c->certificate;
  hui_xml_set_attr(s, &k->template_name, e, "template", true);
  char *pp = hui_xml_attr(e, "per-person");
  k->per_person = pp && strcmp(pp, "yes") == 0;
  free(pp);
  for (xmlNode *n = e->children; n; n = n->next) {
    if (hui_xml_is(n, &CAMPAIGN, "title")) hui_xml_set_field(s, &k->title, n);
    else if (hui_xml_is(n, &CAMPAIGN, "text")) hui_xml_set_field(s, &k->text, n);
    else if (hui_xml_is(n, &CAMPAIGN, "text-collective")) hui_xml_set_field(s, &k->text_collective, n);
    else if (hui_xml_is(n, &CAMPAIGN, "issuer")) hui_xml_set_field(s, &k->issuer, n);
    else if (hui_xml_is(n, &CAMPAIGN, "date")) hui_xml_set_field(s, &k->date, n);
    else if (hui_xml_is(n, &CAMPAIGN, "seal")) hui_xml_set_attr(s, &k->seal, n, "fileref", true);
    else if (hui_xml_is(n, &CAMPAIGN, "number")) hui_xml_set_attr(s, &k->number_format, n, "format", false);
  }
}

static void map_poster(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_poster_config *k = &c->poster;
  hui_xml_set_attr(s, &k->template_name, e, "template", true);
  for (xmlNode *n = e->children; n; n = n->next)
    if (hui_xml_is(n, &CAMPAIGN, "title")) hui_xml_set_field(s, &k->title, n);
}

static void map_outputs(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_xml_set_field(s, &c->outputs.list, e);
}

/* <points tier value/>: the tier is looked up once every section is read
 * (check_points), since <tiers> may come later. */
static void map_points(hui_xml_src *s, xmlNode *n, hui_stats_config *k, size_t *cap) {
  hui_pos p = hui_xml_pos(s, n);
  char *tier = hui_xml_attr(n, "tier"), *v = hui_xml_attr(n, "value");
  long value = 0;
  if (v && !parse_long(v, &value))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<points value=\"%s\">: the points must be a whole number like 5"), v);
  else if (tier) {
    *HUI_PUSH(k->points, k->npoints, *cap) = (hui_points){tier, value, p};
    tier = NULL;
  }
  free(tier);
  free(v);
}

/* <group name><unit>…</unit></group>: a township or department and its
 * recommending units. */
static void map_group(hui_xml_src *s, xmlNode *n, hui_stats_config *k, size_t *cap) {
  hui_stats_group *g = HUI_PUSH(k->groups, k->ngroups, *cap);
  *g = (hui_stats_group){.pos = hui_xml_pos(s, n), .name = hui_xml_attr(n, "name")};
  if (!g->name) g->name = hui_xstrdup("");
  size_t ucap = 0;
  for (xmlNode *u = n->children; u; u = u->next) {
    if (!hui_xml_is(u, &CAMPAIGN, "unit")) continue;
    char *t = hui_xml_content(u);
    if (t && *t) *HUI_PUSH(g->units, g->nunits, ucap) = t;
    else free(t);
  }
}

static void map_stats(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  hui_stats_config *k = &c->stats;
  hui_pos p = hui_xml_pos(s, e);
  char *cap = hui_xml_attr(e, "cap");
  if (cap && !parse_long(cap, &k->cap))
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("<stats cap=\"%s\">: the cap must be a whole number of points like 10 (0 = no cap)"), cap);
  free(cap);
  size_t pcap = k->npoints, gcap = k->ngroups;
  for (xmlNode *n = e->children; n; n = n->next) {
    if (hui_xml_is(n, &CAMPAIGN, "points")) map_points(s, n, k, &pcap);
    else if (hui_xml_is(n, &CAMPAIGN, "group")) map_group(s, n, k, &gcap);
  }
}

/* Each <points> names a tier of <tiers>, once; a unit is in one group. */
static void check_stats(hui_xml_src *s, hui_campaign *c) {
  const hui_stats_config *k = &c->stats;
  for (size_t i = 0; i < k->npoints; i++) {
    const hui_points *pt = &k->points[i];
    if (hui_campaign_find_tier(c, pt->tier) < 0)
      hui_diag_add(s->d, HUI_ERROR, s->file, pt->pos.line, pt->pos.col, "schema",
                   _("<points tier=\"%s\">: there is no tier with this id in <tiers>"), pt->tier);
    for (size_t j = 0; j < i; j++)
      if (strcmp(k->points[j].tier, pt->tier) == 0)
        hui_diag_add(s->d, HUI_ERROR, s->file, pt->pos.line, pt->pos.col, "schema",
                     _("the points of tier '%s' are given twice (first on line %d)"), pt->tier,
                     k->points[j].pos.line);
  }
  for (size_t i = 0; i < k->ngroups; i++)
    for (size_t u = 0; u < k->groups[i].nunits; u++)
      for (size_t j = 0; j <= i; j++)
        for (size_t v = 0; v < (j < i ? k->groups[j].nunits : u); v++)
          if (strcmp(k->groups[j].units[v], k->groups[i].units[u]) == 0)
            hui_diag_add(s->d, HUI_ERROR, s->file, k->groups[i].pos.line, k->groups[i].pos.col, "schema",
                         _("the unit %s is listed twice in <stats> (first in the group %s on line %d); "
                           "list each recommending unit in one group"),
                         k->groups[i].units[u], k->groups[j].name, k->groups[j].pos.line);
}

/* <decision>, <publicity> and <progress>: an official document's texts, in
 * order (a <table of> only in <progress>: the vocabulary says where). */
static void map_doc_block(hui_xml_src *s, xmlNode *n, hui_doc_config *k, size_t *cap) {
  hui_doc_block *b = NULL;
  if (hui_xml_is(n, &CAMPAIGN, "para") || hui_xml_is(n, &CAMPAIGN, "heading") ||
      hui_xml_is(n, &CAMPAIGN, "list") || hui_xml_is(n, &CAMPAIGN, "table")) {
    b = HUI_PUSH(k->blocks, k->nblocks, *cap);
    *b = (hui_doc_block){0};
  }
  if (!b) return;
  if (hui_xml_is(n, &CAMPAIGN, "table")) {
    b->kind = HUI_DOC_TABLE;
    hui_xml_set_attr(s, &b->text, n, "of", true);
    return;
  }
  if (hui_xml_is(n, &CAMPAIGN, "list")) {
    b->kind = HUI_DOC_LIST;
    hui_xml_set_attr(s, &k->units, n, "units", true);
    return;
  }
  hui_xml_set_field(s, &b->text, n);
  b->kind = hui_xml_is(n, &CAMPAIGN, "para") ? HUI_DOC_PARA : HUI_DOC_HEADING;
  char *lv = hui_xml_attr(n, "level");
  b->level = lv ? atoi(lv) : 1;
  free(lv);
}

static void map_doc(hui_xml_src *s, xmlNode *e, hui_doc_config *k) {
  k->present = true;
  hui_xml_set_attr(s, &k->template_name, e, "template", true);
  size_t cap = 0;
  static const struct {
    const char *name;
    size_t off;
  } texts[] = {
      {"mark", offsetof(hui_doc_config, mark)},
      {"title", offsetof(hui_doc_config, title)},
      {"to", offsetof(hui_doc_config, to)},
      {"attachment", offsetof(hui_doc_config, attachment)},
      {"issuer", offsetof(hui_doc_config, issuer)},
      {"date", offsetof(hui_doc_config, date)},
      {"cc", offsetof(hui_doc_config, cc)},
      {"printer", offsetof(hui_doc_config, printer)},
      {"phone", offsetof(hui_doc_config, phone)},
  };
  for (xmlNode *n = e->children; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
      if (hui_xml_is(n, &CAMPAIGN, texts[i].name))
        hui_xml_set_field(s, (hui_field *)((char *)k + texts[i].off), n);
    if (hui_xml_is(n, &CAMPAIGN, "printer"))
      hui_xml_set_attr(s, &k->print_date, n, "date", true);
    if (hui_xml_is(n, &CAMPAIGN, "seal")) hui_xml_set_attr(s, &k->seal, n, "fileref", true);
    if (hui_xml_is(n, &CAMPAIGN, "docnumber")) {
      hui_xml_set_attr(s, &k->number_prefix, n, "prefix", true);
      hui_xml_set_attr(s, &k->number_seq, n, "seq", true);
    }
    if (hui_xml_is(n, &CAMPAIGN, "period")) {
      hui_xml_set_attr(s, &k->start, n, "start", true);
      hui_xml_set_attr(s, &k->end, n, "end", true);
      hui_xml_set_attr(s, &k->days, n, "days", true);
    }
    map_doc_block(s, n, k, &cap);
  }
}

static void map_decision(hui_xml_src *s, xmlNode *e, hui_campaign *c) { map_doc(s, e, &c->decision); }
static void map_publicity(hui_xml_src *s, xmlNode *e, hui_campaign *c) {
  map_doc(s, e, &c->publicity);
}

static void map_progress(hui_xml_src *s, xmlNode *e, hui_campaign *c) { map_doc(s, e, &c->progress); }
static const struct {
  const char *name;
  section_fn map;
} sections[] = {
    {"decision", map_decision}, {"publicity", map_publicity},
    {"name", map_name},         {"area", map_area},
    {"organizer", map_organizer}, {"window", map_window},
    {"rules", map_rules},       {"tiers", map_tiers},
    {"originality", map_originality}, {"order", map_order},
    {"results", map_results},   {"compendium", map_compendium},
    {"certificate", map_certificate}, {"outputs", map_outputs},
    {"stats", map_stats}, {"progress", map_progress},
    {"poster", map_poster},
};

static void map_campaign(hui_xml_src *s, xmlNode *root, hui_campaign *c) {
  hui_xml_set_attr(s, &c->year, root, "year", true);
  long y;
  if (c->year.text && strlen(c->year.text) == 4 && parse_long(c->year.text, &y)) {
    c->year_num = (int)y;
  } else if (c->year.text) {
    hui_diag_add(s->d, HUI_ERROR, s->file, c->year.pos.line, c->year.pos.col, "schema",
                 _("<campaign year=\"%s\">: the year must be four digits, like 2020"), c->year.text);
  }
  for (xmlNode *e = root->children; e; e = e->next) {
    if (!hui_xml_allowed(&CAMPAIGN, root, e)) continue;
    for (size_t i = 0; i < sizeof sections / sizeof *sections; i++)
      if (strcmp((const char *)e->name, sections[i].name) == 0) sections[i].map(s, e, c);
  }
  check_stats(s, c);
  hui_compendium_config *k = &c->compendium;
  if (!k->template_name.text || !*k->template_name.text) {
    free(k->template_name.text);
    k->template_name.text = hui_xstrdup("compendium-a4");
  }
}

static void campaign_defaults(hui_campaign *c) {
  c->path = hui_xstrdup("campaign.xml");
  c->rules.max_chars = 1500;
  c->rules.originality_threshold = 15;
  c->rules.originality_min_run = 50;
  c->rules.photo_required = c->rules.recommender_required = true;
  c->order = HUI_ORDER_STROKE;
}

void hui_read_campaign(const hui_source *src, hui_diags *d, hui_campaign *c) {
  campaign_defaults(c);
  hui_xml_src s = {.file = src->rel, .d = d};
  xmlDoc *doc = src->path ? hui_xml_parse_file(&s, src->path) : hui_xml_parse_memory(&s, src->bytes, src->len);
  if (doc) {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!hui_xml_is(root, &CAMPAIGN, "campaign")) {
      char *qn = hui_xml_qname(root);
      hui_pos p = hui_xml_pos(&s, root);
      hui_diag_add(
          d, HUI_ERROR, src->rel, p.line, p.col, "schema",
          _("the root element is <%s>; campaign.xml must hold a <campaign> element (no namespace)"),
          qn);
      free(qn);
    } else {
      hui_xml_validate(&s, doc, &CAMPAIGN);
      map_campaign(&s, root, c);
      hui_reader_check_lengths(d, src->rel, c->compendium.preface);
      c->loaded = true;
    }
    xmlFreeDoc(doc);
  }
  if (!c->compendium.template_name.text) c->compendium.template_name.text = hui_xstrdup("compendium-a4");
  hui_xml_src_free(&s);
}

void hui_load_campaign_memory(const char *bytes, size_t len, hui_diags *d, hui_campaign *c) {
  hui_source src = {.rel = "campaign.xml", .bytes = bytes, .len = len};
  hui_read_campaign(&src, d, c);
}
