/* past: the memory of earlier archived editions (check --archive). A person
 * awarded before is recognised by name and unit (white space ignored), the
 * key person-duplicate uses within an edition; a name alone with another unit
 * is only a note, since namesakes are common and people change units. Every
 * person of a submission of several is looked up, and the archive's joined
 * names are looked into. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

/* True when the archived name p (white space stripped in pname) names the
 * person name (stripped): the whole, or, for an archived submission of
 * several persons (高青旺　高红), one of its names of two or more characters
 * (a one-character part is a spaced-out name: 张　三). */
static bool past_names(const char *archived, const char *pname, const char *name) {
  if (strcmp(pname, name) == 0) return true;
  if (!archived || !strstr(archived, "\xE3\x80\x80")) return false;
  bool found = false;
  char *copy = hui_xstrdup(archived);
  for (char *part = copy, *next; part && !found; part = next) {
    next = strstr(part, "\xE3\x80\x80");
    if (next) {
      *next = '\0';
      next += 3;
    }
    char *stripped = hui_strip_spaces(part);
    found = hui_utf8_count(stripped, strlen(stripped)) >= 2 && strcmp(stripped, name) == 0;
    free(stripped);
  }
  free(copy);
  return found;
}

/* The findings of one person (or the collective) f of s. */
static void check_person(const hui_submission *s, const hui_field *f, bool person, int year,
                         const hui_rules_env *env, char **pname, char **punit, hui_diags *d) {
  if (!f->text || !*f->text) return;
  char *name = hui_strip_spaces(f->text), *unit = hui_strip_spaces(person ? s->unit.text : "");
  bool fresh = s->category.text && strcmp(s->category.text, "新典型") == 0;
  for (size_t k = 0; k < env->npast; k++) {
    const hui_past_award *p = &env->past[k];
    /* only earlier years: a superseded revision of this year is not "before" */
    if (year > 0 && p->year && atoi(p->year) >= year) continue;
    if (!past_names(p->name, pname[k], name)) continue;
    bool same_unit = strcmp(punit[k], unit) == 0;
    const char *tier = p->tier && *p->tier ? p->tier : _("an award");
    if (!same_unit) {
      hui_rule_report(d, "old-exemplar", s->path, f->pos,
                      person ? _("a person of the same name of %s was awarded %s in %s (%s, “%s”); if it "
                                 "is the same person, this is an old exemplar (老典型)")
                             : _("a collective of the same name of %s was awarded %s in %s (%s, “%s”); if "
                                 "it is the same person, this is an old exemplar (老典型)"),
                      p->unit && *p->unit ? p->unit : _("another unit"), tier, p->year ? p->year : "?",
                      p->id ? p->id : "?", p->title ? p->title : "");
      continue;
    }
    hui_rule_report(d, "old-exemplar", s->path, f->pos,
                    _("%s%s%s%s was awarded %s in %s (%s, “%s”): an old exemplar (老典型)"), f->text,
                    person ? " (" : "", person ? s->unit.text : "", person ? ")" : "", tier,
                    p->year ? p->year : "?", p->id ? p->id : "?", p->title ? p->title : "");
    if (fresh)
      hui_rule_report(d, "old-exemplar-mislabelled", s->path, s->category.pos,
                      _("the category is 新典型, but %s was awarded %s in %s: make it 老典型 and list "
                      "the earlier honour in <bibliomisc role=\"honor\">"),
                      f->text, tier, p->year ? p->year : "?");
  }
  free(name);
  free(unit);
}

void hui_rules_past(hui_edition *e, const hui_rules_env *env, hui_diags *d) {
  if (!env->npast) return;
  int year = e->campaign.year_num;
  char **pname = hui_xcalloc(env->npast, sizeof *pname), **punit = hui_xcalloc(env->npast, sizeof *punit);
  for (size_t k = 0; k < env->npast; k++) {
    pname[k] = hui_strip_spaces(env->past[k].name);
    punit[k] = hui_strip_spaces(env->past[k].unit);
  }
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    bool person = s->person.text && *s->person.text;
    check_person(s, person ? &s->person : &s->collective, person, year, env, pname, punit, d);
    for (size_t k = 0; k < s->nothers; k++) check_person(s, &s->others[k], true, year, env, pname, punit, d);
  }
  for (size_t k = 0; k < env->npast; k++) {
    free(pname[k]);
    free(punit[k]);
  }
  free(pname);
  free(punit);
}
