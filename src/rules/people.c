/* people: the same person (name + unit), or the same collective, submitted
 * twice in one edition. Keys ignore white space ("张 建国" is 张建国). */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

typedef struct entry {
  char *key;
  size_t sub;
} entry;

static int cmp_entry(const void *a, const void *b) {
  const entry *x = a, *y = b;
  int c = strcmp(x->key, y->key);
  if (c) return c;
  return x->sub < y->sub ? -1 : x->sub > y->sub;
}

void hui_rules_people(hui_edition *e, hui_diags *d) {
  entry *v = e->nsubs ? hui_xcalloc(e->nsubs, sizeof *v) : NULL;
  size_t n = 0;
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    bool person = s->person.text && *s->person.text;
    const char *name = person ? s->person.text : s->collective.text;
    if (!name || !*name) continue;
    char *nm = hui_strip_spaces(name), *unit = hui_strip_spaces(person && s->unit.text ? s->unit.text : "");
    /* \x1F keeps "AB"+"C" apart from "A"+"BC"; 'P'/'C' keeps people apart from collectives. */
    v[n].key = hui_xasprintf("%c%s\x1F%s", person ? 'P' : 'C', nm, unit);
    v[n].sub = i;
    n++;
    free(nm);
    free(unit);
  }
  if (n > 1) qsort(v, n, sizeof *v, cmp_entry);
  size_t first = 0;
  for (size_t i = 1; i < n; i++) {
    if (strcmp(v[first].key, v[i].key) != 0) first = i;
    if (first == i) continue;
    const hui_submission *s = &e->subs[v[i].sub], *t = &e->subs[v[first].sub];
    bool person = s->person.text && *s->person.text;
    const hui_field *f = person ? &s->person : &s->collective;
    const hui_field *g = person ? &t->person : &t->collective;
    if (person)
      hui_rule_report(d, "person-duplicate", s->path, f->pos,
                      _("%s (%s) is already submitted in %s:%d; a person may be recommended only once: "
                      "withdraw one of the two submissions or merge them"),
                      s->person.text, s->unit.text ? s->unit.text : "", t->path, g->pos.line);
    else
      hui_rule_report(d, "person-duplicate", s->path, f->pos,
                      _("the collective %s is already submitted in %s:%d; it may be recommended only once: "
                      "withdraw one of the two submissions or merge them"),
                      s->collective.text, t->path, g->pos.line);
  }
  for (size_t i = 0; i < n; i++) free(v[i].key);
  free(v);
}
