/* load/campaign: campaign.xml (no namespace; docs/edition-format.md) into a
 * hui_campaign — the year, the window, the rules' settings, the tiers, the
 * results, the compendium's title and preface and the certificate's texts.
 * Values the schema cannot judge (a year of four digits, whole numbers,
 * percentages, tier ids used twice) are checked here, as `schema` findings. */
#include <errno.h>
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

#define CAMPAIGN_CHILDREN "name area organizer window rules originality tiers order results compendium certificate"
static const hui_vocab camp_vocab[] = {
    {"campaign", CAMPAIGN_CHILDREN, false, false, "!year xml:lang", "name area organizer window tiers compendium",
     CAMPAIGN_CHILDREN},
    {"name", "", true, false, "", "", ""},
    {"area", "", true, false, "", "", ""},
    {"organizer", "", true, false, "", "", ""},
    {"window", "", false, false, "!start !end", "", ""},
    {"rules", "", false, false, "max-chars photo=required|optional recommender=required|optional", "", ""},
    {"tiers", "tier", false, false, "", "tier", ""},
    {"tier", "", false, false, "!id !name quota", "", ""},
    {"order", "", false, false, "!within-tier=stroke|pinyin|unit|date", "", ""},
    {"results", "award", false, false, "", "", ""},
    {"award", "", false, false, "!ref !tier", "", ""},
    {"compendium", "title preface", false, false, "template candidates=yes|no", "title", "title preface"},
    {"title", "", true, false, "", "", ""},
    {"preface", "para", false, false, "", "para", ""},
    {"para", "emphasis", true, false, "", "", ""},
    {"emphasis", "", true, false, "role", "", ""},
    {"certificate", "title text text-collective issuer date seal number", false, false, "template",
     "title text issuer date", "title text text-collective issuer date seal number"},
    {"text", "", true, false, "", "", ""},
    {"text-collective", "", true, false, "", "", ""},
    {"issuer", "", true, false, "", "", ""},
    {"date", "", true, false, "", "", ""},
    {"seal", "", false, false, "!fileref", "", ""},
    {"number", "", false, false, "!format", "", ""},
    {"originality", "", false, false, "threshold min-run", "", ""},
    {NULL, NULL, false, false, NULL, NULL, NULL}};

static const hui_doctype CAMPAIGN = {
    .voc = camp_vocab, .ns = NULL, .root = "campaign", .common_attrs = "", .schema = hui_schema_campaign};

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

static void map_campaign(hui_xml_src *s, xmlNode *root, hui_campaign *c) {
  const hui_doctype *dt = &CAMPAIGN;
  hui_xml_set_attr(s, &c->year, root, "year", true);
  long y;
  if (c->year.text && strlen(c->year.text) == 4 && parse_long(c->year.text, &y)) {
    c->year_num = (int)y;
  } else if (c->year.text) {
    hui_diag_add(s->d, HUI_ERROR, s->file, c->year.pos.line, c->year.pos.col, "schema",
                 _("<campaign year=\"%s\">: the year must be four digits, like 2020"),
                 c->year.text);
  }
  for (xmlNode *e = root->children; e; e = e->next) {
    if (!hui_xml_allowed(dt, root, e)) continue;
    const char *nm = (const char *)e->name;
    hui_pos p = hui_xml_pos(s, e);
    if (strcmp(nm, "name") == 0) hui_xml_set_field(s, &c->name, e);
    else if (strcmp(nm, "area") == 0) hui_xml_set_field(s, &c->area, e);
    else if (strcmp(nm, "organizer") == 0) hui_xml_set_field(s, &c->organizer, e);
    else if (strcmp(nm, "window") == 0) {
      hui_xml_set_attr(s, &c->window_start, e, "start", true);
      hui_xml_set_attr(s, &c->window_end, e, "end", true);
    } else if (strcmp(nm, "rules") == 0) {
      char *mc = hui_xml_attr(e, "max-chars"), *ph = hui_xml_attr(e, "photo"), *rc = hui_xml_attr(e, "recommender");
      if (mc && !parse_long(mc, &c->max_chars))
        hui_diag_add(
            s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
            _("<rules max-chars=\"%s\">: max-chars must be a whole number like 1500 (0 = no limit)"),
            mc);
      if (ph) c->photo_required = strcmp(ph, "optional") != 0;
      if (rc) c->recommender_required = strcmp(rc, "optional") != 0;
      free(mc);
      free(ph);
      free(rc);
    } else if (strcmp(nm, "tiers") == 0) {
      size_t cap = c->ntiers;
      for (xmlNode *t = e->children; t; t = t->next) {
        if (!hui_xml_is(t, dt, "tier")) continue;
        hui_tier *tier = HUI_PUSH(c->tiers, c->ntiers, cap);
        tier->pos = hui_xml_pos(s, t);
        tier->id = hui_xml_attr(t, "id");
        tier->name = hui_xml_attr(t, "name");
        if (!tier->id) tier->id = hui_xstrdup("");
        if (!tier->name) tier->name = hui_xstrdup("");
        /* quota="0" allows no award; only a missing quota means no limit */
        char *q = hui_xml_attr(t, "quota");
        long qv = -1;
        if (q && !parse_long(q, &qv))
          hui_diag_add(
              s->d, HUI_ERROR, s->file, tier->pos.line, tier->pos.col, "schema",
              _("<tier quota=\"%s\">: the quota must be a whole number (leave it out for no limit)"),
              q);
        tier->quota = qv > INT_MAX ? INT_MAX : (int)qv;
        free(q);
        for (size_t i = 0; i + 1 < c->ntiers; i++)
          if (strcmp(c->tiers[i].id, tier->id) == 0)
            hui_diag_add(s->d, HUI_ERROR, s->file, tier->pos.line, tier->pos.col, "schema",
                         _("tier id '%s' is used twice (first on line %d)"), tier->id,
                         c->tiers[i].pos.line);
      }
    } else if (strcmp(nm, "originality") == 0) {
      char *th = hui_xml_attr(e, "threshold"), *mr = hui_xml_attr(e, "min-run");
      if (th) {
        char *end;
        errno = 0;
        double v = strtod(th, &end);
        if (*end == '%') end++;
        if (!*th || *end || errno || v < 0 || v > 100)
          hui_diag_add(
              s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
              _("<originality threshold=\"%s\">: write a percentage from 0 to 100, like 15%%"), th);
        else
          c->originality_threshold = v;
      }
      if (mr && !parse_long(mr, &c->originality_min_run))
        hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                     _("<originality min-run=\"%s\">: write a whole number of characters, like 50"),
                     mr);
      free(th);
      free(mr);
    } else if (strcmp(nm, "order") == 0) {
      char *o = hui_xml_attr(e, "within-tier");
      if (o && strcmp(o, "pinyin") == 0) c->order = HUI_ORDER_PINYIN;
      else if (o && strcmp(o, "unit") == 0) c->order = HUI_ORDER_UNIT;
      else if (o && strcmp(o, "date") == 0) c->order = HUI_ORDER_DATE;
      else c->order = HUI_ORDER_STROKE;
      free(o);
    } else if (strcmp(nm, "results") == 0) {
      size_t cap = c->nawards;
      for (xmlNode *a = e->children; a; a = a->next) {
        if (!hui_xml_is(a, dt, "award")) continue;
        hui_award *aw = HUI_PUSH(c->awards, c->nawards, cap);
        hui_xml_set_attr(s, &aw->ref, a, "ref", true);
        hui_xml_set_attr(s, &aw->tier, a, "tier", true);
      }
    } else if (strcmp(nm, "compendium") == 0) {
      hui_xml_set_attr(s, &c->compendium_template, e, "template", true);
      char *cand = hui_xml_attr(e, "candidates");
      if (cand) c->list_candidates = strcmp(cand, "yes") == 0;
      free(cand);
      for (xmlNode *k = e->children; k; k = k->next) {
        if (hui_xml_is(k, dt, "title")) hui_xml_set_field(s, &c->compendium_title, k);
        if (hui_xml_is(k, dt, "preface") && !c->preface) {
          c->preface = hui_node_new(HUI_N_ROOT, NULL, hui_xml_pos(s, k));
          hui_xml_map_body(s, dt, k, c->preface);
        }
      }
    } else if (strcmp(nm, "certificate") == 0) {
      hui_xml_set_attr(s, &c->cert_template, e, "template", true);
      for (xmlNode *k = e->children; k; k = k->next) {
        if (hui_xml_is(k, dt, "title")) hui_xml_set_field(s, &c->cert_title, k);
        else if (hui_xml_is(k, dt, "text")) hui_xml_set_field(s, &c->cert_text, k);
        else if (hui_xml_is(k, dt, "text-collective")) hui_xml_set_field(s, &c->cert_text_collective, k);
        else if (hui_xml_is(k, dt, "issuer")) hui_xml_set_field(s, &c->cert_issuer, k);
        else if (hui_xml_is(k, dt, "date")) hui_xml_set_field(s, &c->cert_date, k);
        else if (hui_xml_is(k, dt, "seal")) hui_xml_set_attr(s, &c->cert_seal, k, "fileref", true);
        else if (hui_xml_is(k, dt, "number")) hui_xml_set_attr(s, &c->cert_number_format, k, "format", false);
      }
    }
  }
  if (!c->compendium_template.text || !*c->compendium_template.text) {
    free(c->compendium_template.text);
    c->compendium_template.text = hui_xstrdup("compendium-a4");
  }
}

static void campaign_defaults(hui_campaign *c) {
  c->path = hui_xstrdup("campaign.xml");
  c->max_chars = 1500;
  c->originality_threshold = 15;
  c->originality_min_run = 50;
  c->photo_required = c->recommender_required = true;
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
      hui_reader_check_lengths(d, src->rel, c->preface);
      c->loaded = true;
    }
    xmlFreeDoc(doc);
  }
  if (!c->compendium_template.text) c->compendium_template.text = hui_xstrdup("compendium-a4");
  hui_xml_src_free(&s);
}

void hui_load_campaign_memory(const char *bytes, size_t len, hui_diags *d, hui_campaign *c) {
  hui_source src = {.rel = "campaign.xml", .bytes = bytes, .len = len};
  hui_read_campaign(&src, d, c);
}
