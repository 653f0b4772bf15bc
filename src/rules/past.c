/* past: the memory of earlier archived editions (check --archive). A person
 * awarded before is recognised by name and unit (white space ignored), the
 * key person-duplicate uses within an edition; a name alone with another unit
 * is only a note, since namesakes are common and people change units. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

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
    const hui_field *f = person ? &s->person : &s->collective;
    if (!f->text || !*f->text) continue;
    char *name = hui_strip_spaces(f->text), *unit = hui_strip_spaces(person ? s->unit.text : "");
    bool fresh = s->category.text && strcmp(s->category.text, "新典型") == 0;
    for (size_t k = 0; k < env->npast; k++) {
      const hui_past_award *p = &env->past[k];
      /* only earlier years: a superseded revision of this year is not "before" */
      if (year > 0 && p->year && atoi(p->year) >= year) continue;
      if (strcmp(pname[k], name) != 0) continue;
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
  for (size_t k = 0; k < env->npast; k++) {
    free(pname[k]);
    free(punit[k]);
  }
  free(pname);
  free(punit);
}
