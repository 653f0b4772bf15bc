/* chars: control characters (C0 other than tab and newline, DEL, C1), found in
 * any text of a submission or of campaign.xml, at their line and column.
 * (Invalid UTF-8 never gets this far: the loader refuses the file, rule
 * invalid-utf8. Characters outside the BMP, rare Han characters of names
 * among them, are printed like any other when a font has them: no-glyph.) */
#include <string.h>

#include "../base/base.h"
#include "rules_internal.h"

enum { MAX_PER_FILE = 20 };

static bool control(uint32_t cp) { return (cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0); }

/* Reports every control character in text.
 * When exact, pos is where text starts in the source and positions advance
 * through it; otherwise every finding is reported at pos. Returns the new
 * number of findings for the file. */
static int scan(hui_diags *d, const char *file, const char *text, hui_pos pos, bool exact, int found) {
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
    if (control(cp) && found++ < MAX_PER_FILE)
      hui_rule_report(d, "control-char", file, exact ? p : pos,
                      "control character U+%04X in the text (invisible, cannot be printed); delete it — "
                      "it usually comes from copying out of another program",
                      (unsigned)cp);
    hui_rule_advance(&p, cp);
    i += k;
  }
  return found;
}

/* A field: exact positions when the loader recorded where its text starts. */
static int scan_field(hui_diags *d, const char *file, const hui_field *f, int found) {
  bool exact = f->text_pos.line > 0;
  return scan(d, file, f->text, exact ? f->text_pos : f->pos, exact, found);
}

static int scan_tree(hui_diags *d, const char *file, const hui_node *root, int found) {
  for (const hui_node *n = root; n; n = root ? hui_node_walk_next(root, n) : NULL)
    if (n->kind == HUI_N_TEXT) found = scan(d, file, n->text, n->pos, true, found);
  return found;
}

void hui_rules_chars(hui_edition *e, hui_diags *d) {
  for (size_t i = 0; i < e->nsubs; i++) {
    hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    const hui_field *f[] = {&s->title, &s->subtitle, &s->person, &s->collective, &s->unit, &s->position,
                            &s->date, &s->category, &s->recommender, &s->abstract};
    int found = 0;
    for (size_t k = 0; k < sizeof f / sizeof *f; k++) found = scan_field(d, s->path, f[k], found);
    for (size_t k = 0; k < s->nhonors; k++) found = scan_field(d, s->path, &s->honors[k].text, found);
    scan_tree(d, s->path, s->body, found);
  }
  hui_campaign *c = &e->campaign;
  if (!c->loaded) return;
  const hui_field *f[] = {&c->name, &c->area, &c->organizer, &c->compendium_title, &c->cert_title,
                          &c->cert_text, &c->cert_text_collective, &c->cert_issuer};
  int found = 0;
  for (size_t k = 0; k < sizeof f / sizeof *f; k++) found = scan_field(d, c->path, f[k], found);
  for (size_t t = 0; t < c->ntiers; t++) found = scan(d, c->path, c->tiers[t].name, c->tiers[t].pos, false, found);
  scan_tree(d, c->path, c->preface, found);
}
