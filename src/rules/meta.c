/* meta: the exemplar's metadata in <info> — title, person, unit, date,
 * category, photo, recommender, honours. */
#include <string.h>

#include "../base/i18n.h"
#include "rules_internal.h"

static bool empty(const hui_field *f) { return !f->text || !*f->text; }

/* Where to report a field: the field itself when present, else the article. */
static hui_pos at(const hui_submission *s, const hui_field *f) { return f->text ? f->pos : s->root_pos; }

/* The campaign window when both ends are real dates and the start is not
 * after the end; a reversed window is reported once on campaign.xml
 * (window-reversed), and no submission's date is measured against it. */
static bool window_usable(const hui_campaign *c) {
  const char *a = c->window_start.text, *b = c->window_end.text;
  return a && b && hui_rule_iso_date(a) && hui_rule_iso_date(b) && strcmp(a, b) <= 0;
}

static void check_date(hui_edition *e, hui_submission *s, hui_diags *d) {
  const hui_campaign *c = &e->campaign;
  if (empty(&s->date)) {
    hui_rule_report(d, "date-missing", s->path, at(s, &s->date),
                    _("the submission date is missing: add <date>YYYY-MM-DD</date> inside <info>"));
    return;
  }
  if (!hui_rule_iso_date(s->date.text)) {
    hui_rule_report(d, "date-invalid", s->path, s->date.pos,
                    _("date '%s' is not a real date written YYYY-MM-DD, e.g. 2020-06-15"), s->date.text);
    return;
  }
  const char *a = c->window_start.text, *b = c->window_end.text;
  if (window_usable(c) && (strcmp(s->date.text, a) < 0 || strcmp(s->date.text, b) > 0))
    hui_rule_report(d, "date-outside-window", s->path, s->date.pos,
                    _("date %s is outside the campaign window %s to %s"), s->date.text, a, b);
}

static void check_category(hui_edition *e, hui_submission *s, hui_diags *d) {
  (void)e;
  if (empty(&s->category)) {
    hui_rule_report(d, "category-missing", s->path, at(s, &s->category),
                    _("the category is missing: add <subjectset scheme=\"category\"><subject><subjectterm>"
                    "新典型</subjectterm></subject></subjectset> (or 老典型) inside <info>"));
    return;
  }
  bool old = strcmp(s->category.text, "老典型") == 0;
  if (!old && strcmp(s->category.text, "新典型") != 0) {
    hui_rule_report(d, "category-invalid", s->path, s->category.pos,
                    _("category '%s' is not valid: write 新典型 or 老典型"), s->category.text);
    return;
  }
  if (old && s->nhonors == 0)
    hui_rule_report(d, "honor-missing", s->path, s->category.pos,
                    _("a 老典型 must list at least one earlier honour: add <bibliomisc role=\"honor\">"
                    "2018年度...</bibliomisc> inside <info>"));
}

static void check_honors(hui_submission *s, hui_diags *d) {
  for (size_t i = 0; i < s->nhonors; i++) {
    const hui_field *h = &s->honors[i].text;
    const char *t = h->text ? h->text : "";
    bool year = strlen(t) >= 4;
    for (int k = 0; k < 4 && year; k++) year = t[k] >= '0' && t[k] <= '9';
    if (year && t[4] >= '0' && t[4] <= '9') year = false;
    if (!year)
      hui_rule_report(d, "honor-no-year", s->path, h->pos,
                      _("honour '%s' does not start with its year: write it like 2018年度市级优秀共产党员"), t);
  }
}

void hui_rules_meta(hui_edition *e, hui_diags *d) {
  const hui_campaign *c = &e->campaign;
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    if (empty(&s->title))
      hui_rule_report(d, "title-missing", s->path, at(s, &s->title),
                      s->title.text ? _("the title is empty") : _("the deeds title is missing: add <title> inside <info>"));
    if (empty(&s->person) && s->person.text && s->nothers) {
      /* the first of several persons is the one without a name */
      hui_rule_report(d, "name-missing", s->path, s->person.pos,
                      _("this <author>'s <personname> is empty: write the person's name, or delete "
                        "the <author>"));
    } else if (empty(&s->person) && empty(&s->collective)) {
      hui_rule_report(d, "name-missing", s->path, s->person.text ? s->person.pos : at(s, &s->collective),
                      _("no person or collective is named: add <author><personname>...</personname></author> "
                      "inside <info> (<orgname> instead of <personname> for a collective)"));
    } else if (!empty(&s->person) && empty(&s->unit)) {
      hui_rule_report(d, "unit-missing", s->path, s->unit.text ? s->unit.pos : s->person.pos,
                      _("the unit of %s is missing: add <affiliation><orgname>...</orgname></affiliation> "
                      "inside <author>"), hui_submission_name(s));
    }
    for (size_t k = 0; k < s->nothers; k++)
      if (empty(&s->others[k]))
        hui_rule_report(d, "name-missing", s->path, s->others[k].pos,
                        _("this <author>'s <personname> is empty: write the person's name, or delete "
                          "the <author>"));
    check_date(e, s, d);
    check_category(e, s, d);
    check_honors(s, d);
    if (!c->loaded) continue; /* the campaign's own rules are unknown */
    if (c->rules.photo_required && empty(&s->photo))
      hui_rule_report(d, "photo-missing", s->path, at(s, &s->photo),
                      _("the photo is missing and the campaign requires one: add <cover><mediaobject>"
                      "<imageobject><imagedata fileref=\"images/...\"/></imageobject></mediaobject></cover> "
                      "inside <info>"));
    if (c->rules.summary_required && empty(&s->abstract))
      hui_rule_report(d, "summary-missing", s->path, at(s, &s->abstract),
                      _("the abstract (事迹简介) is missing and the campaign requires one: add "
                        "<abstract><para>...</para></abstract> inside <info>"));
    if (c->rules.recommender_required && empty(&s->recommender))
      hui_rule_report(d, "recommender-missing", s->path, at(s, &s->recommender),
                      _("the recommending body is missing and the campaign requires it: add "
                      "<bibliomisc role=\"recommender\">...</bibliomisc> inside <info>"));
  }
  /* The campaign window itself. */
  const hui_field *w[2] = {&c->window_start, &c->window_end};
  for (int k = 0; k < 2; k++)
    if (c->loaded && w[k]->text && !hui_rule_iso_date(w[k]->text))
      hui_rule_report(d, "date-invalid", c->path, w[k]->pos,
                      k ? _("window end '%s' is not a real date written YYYY-MM-DD")
                        : _("window start '%s' is not a real date written YYYY-MM-DD"),
                      w[k]->text);
  if (c->loaded && hui_rule_iso_date(w[0]->text) && hui_rule_iso_date(w[1]->text) && !window_usable(c))
    hui_rule_report(d, "window-reversed", c->path, w[0]->pos,
                    _("the campaign window ends (%s) before it starts (%s): swap start and end in "
                    "<window>; until then no submission's date is checked against the window"),
                    w[1]->text, w[0]->text);
}
