/* ids: every submission has an xml:id, well formed and unique in the edition. */
#include <string.h>

#include "../base/i18n.h"
#include "rules_internal.h"

static bool id_chars_ok(const char *id) {
  for (const char *p = id; *p; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
          *p == '_'))
      return false;
  return true;
}

void hui_rules_ids(hui_edition *e, hui_diags *d) {
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    const char *id = s->id.text;
    if (!id || !*id) {
      hui_rule_report(d, "id-missing", s->path, s->root_pos,
                      _("the submission has no id: add xml:id=\"...\" to <article> (letters, digits, '-' and '_')"));
      continue;
    }
    if (!id_chars_ok(id)) {
      hui_rule_report(d, "id-malformed", s->path, s->id.pos,
                      _("id '%s' is not valid: use only letters, digits, '-' and '_'"), id);
      continue;
    }
    for (size_t j = 0; j < i; j++) {
      const hui_submission *t = &e->subs[j];
      if (t->loaded && t->id.text && strcmp(t->id.text, id) == 0) {
        hui_rule_report(d, "id-duplicate", s->path, s->id.pos, _("id '%s' is already used by %s:%d"), id,
                        t->path, t->id.pos.line);
        break;
      }
    }
  }
}
