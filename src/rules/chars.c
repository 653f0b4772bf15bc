/* chars: control characters (C0 other than tab and newline, DEL, C1) and
 * invisible characters (bidi controls, zero-width characters, U+FEFF,
 * U+2028/2029, the soft hyphen…: hui_invisible_char in diag.c lists them and
 * says why) found in any text that is printed, of a submission or of
 * campaign.xml, at their line and column, naming the text they are in.
 * (Invalid UTF-8 never gets this far: the loader refuses the file, rule
 * invalid-utf8. Characters outside the BMP, rare Han characters of names
 * among them, are printed like any other when a font has them: no-glyph.) */
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

enum { MAX_PER_FILE = 20 };

bool hui_rule_control(uint32_t cp) {
  return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
}

/* Reports every control and invisible character in text, which is what
 * (e.g. "the name"). When exact, pos is where text starts in the source and
 * positions advance through it; otherwise every finding is reported at pos.
 * Returns the new number of findings for the file. */
static int scan(hui_diags *d, const char *file, const char *what, const char *text, hui_pos pos,
                bool exact, int found) {
  if (!text) return found;
  size_t len = strlen(text), i = 0;
  hui_pos p = pos;
  while (i < len) {
    uint32_t cp;
    size_t k = hui_utf8_decode(text + i, len - i, &cp);
    if (!k) {
      k = 1;
      cp = 0xFFFD;
    }
    const char *name = hui_invisible_char(cp);
    bool control = hui_rule_control(cp);
    if ((control || name) && found++ < MAX_PER_FILE) {
      if (control)
        hui_rule_report(d, "control-char", file, exact ? p : pos,
                        _("control character U+%04X in %s (invisible, cannot be printed); delete it — "
                        "it usually comes from copying out of another program"),
                        (unsigned)cp, _(what));
      else
        hui_rule_report(d, "control-char", file, exact ? p : pos,
                        _("invisible character U+%04X (%s) in %s; delete it — it usually comes from "
                        "copying out of a web page or another program"),
                        (unsigned)cp, _(name), _(what));
    }
    hui_rule_advance(&p, cp);
    i += k;
  }
  return found;
}

/* A field: exact positions when the loader recorded where its text starts. */
static int scan_field(hui_diags *d, const char *file, const char *what, const hui_field *f, int found) {
  bool exact = f->text_pos.line > 0;
  return scan(d, file, what, f->text, exact ? f->text_pos : f->pos, exact, found);
}

static int scan_tree(hui_diags *d, const char *file, const char *what, const hui_node *root, int found) {
  for (const hui_node *n = root; n; n = root ? hui_node_walk_next(root, n) : NULL)
    if (n->kind == HUI_N_TEXT) found = scan(d, file, what, n->text, n->pos, true, found);
  return found;
}

/* Every printed field of the table (model.h) in base (a submission or the
 * campaign), in its order. */
static int scan_fields(hui_diags *d, const char *file, const void *base, const hui_field_def *defs,
                       size_t n, int found) {
  for (size_t k = 0; k < n; k++)
    if (defs[k].use != HUI_FIELD_DATA)
      found = scan_field(d, file, defs[k].what, HUI_CFIELD_OF(base, &defs[k]), found);
  return found;
}

void hui_rules_chars(hui_edition *e, hui_diags *d) {
  size_t nsf, ncf;
  const hui_field_def *sf = hui_submission_fields(&nsf), *cf = hui_campaign_fields(&ncf);
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    int found = scan_fields(d, s->path, s, sf, nsf, 0);
    for (size_t k = 0; k < s->nothers; k++) found = scan_field(d, s->path, N_("the name"), &s->others[k], found);
    for (size_t k = 0; k < s->nhonors; k++) found = scan_field(d, s->path, N_("an honour"), &s->honors[k].text, found);
    scan_tree(d, s->path, N_("the text"), s->body, found);
  }
  hui_campaign *c = &e->campaign;
  if (!c->loaded) return;
  /* everything of campaign.xml that is printed: on the cover, in the
   * compendium and on the certificates (the year and the number too) */
  int found = scan_fields(d, c->path, c, cf, ncf, 0);
  for (size_t t = 0; t < c->ntiers; t++) {
    found = scan(d, c->path, N_("a tier name"), c->tiers[t].name, c->tiers[t].pos, false, found);
    found = scan(d, c->path, N_("a tier id"), c->tiers[t].id, c->tiers[t].pos, false, found);
    if (c->tiers[t].prize)
      found = scan(d, c->path, N_("a tier's prize"), c->tiers[t].prize, c->tiers[t].pos, false, found);
  }
  scan_tree(d, c->path, N_("the preface"), c->compendium.preface, found);
}
