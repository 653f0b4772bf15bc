/* glyphs: characters no font can draw (no-glyph) — 生僻字 in names above all.
 *
 * Each character gets the role the layout sets it in (compose/compendium.c):
 * deeds title → title; subtitle → kai; name → heading; unit and position →
 * kai; body → body, blockquote → kai, section titles → heading (kai below the
 * first level), emphasis → kai, bold emphasis → heading; anything below U+2000
 * that is not a CJK mark → latin. The layout falls back across all roles
 * (layout/para.c face_for), so a character is drawable when any role's chain
 * has it; the role only names the font in the message. Characters past the BMP
 * (Extension B names) are checked like the rest; control characters and the
 * invisible ones (hui_invisible_char) are left to control-char. */
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "rules_internal.h"

enum { MAX_PER_FILE = 20, MAX_CP = 0x10FFFF };

static hui_role role_of_char(uint32_t cp, hui_role role) {
  return cp < 0x2000 && !hui_is_fullwidth_punct(cp) ? HUI_ROLE_LATIN : role;
}

/* Not looked at: white space, and what control-char reports. */
static bool skipped(uint32_t cp) { return hui_is_space(cp) || hui_rule_control(cp) || hui_invisible_char(cp); }

static bool drawable(hui_fonts *f, hui_role role, uint32_t cp) {
  if (hui_fonts_face_for(f, role, cp)) return true;
  for (int r = 0; r < HUI_ROLE_COUNT; r++)
    if ((hui_role)r != role && hui_fonts_face_for(f, (hui_role)r, cp)) return true;
  return false;
}

/* With `huibian fonts`, the same walk tallies which face draws each distinct
 * character of each role instead of reporting. */
typedef struct coverage {
  uint8_t seen[HUI_ROLE_COUNT][(MAX_CP + 1) / 8]; /* every plane: 136 KB a role */
  size_t distinct[HUI_ROLE_COUNT], primary[HUI_ROLE_COUNT], fallback[HUI_ROLE_COUNT],
      missing[HUI_ROLE_COUNT];
  hui_buf examples[HUI_ROLE_COUNT]; /* a few characters set by a fallback face */
  size_t nexamples[HUI_ROLE_COUNT];
} coverage;

static coverage *cover; /* set only while hui_rules_font_coverage runs */

static void tally(hui_fonts *f, hui_role r, uint32_t cp) {
  if (cp > MAX_CP) return; /* not a character (the decoder never gives one) */
  uint8_t *bit = &cover->seen[r][cp >> 3];
  if (*bit & (1u << (cp & 7))) return;
  *bit |= (uint8_t)(1u << (cp & 7));
  cover->distinct[r]++;
  size_t n;
  hui_face *const *chain = hui_fonts_chain(f, r, &n);
  hui_face *face = hui_fonts_face_for(f, r, cp);
  if (face && n && face == chain[0]) {
    cover->primary[r]++;
  } else if (drawable(f, r, cp)) {
    cover->fallback[r]++;
    if (cover->nexamples[r]++ < 8) {
      hui_buf_printf(&cover->examples[r], "%s", cover->examples[r].len ? ", " : "");
      hui_buf_utf8(&cover->examples[r], cp);
      hui_buf_printf(&cover->examples[r], " U+%04X (%s)", (unsigned)cp,
                     face ? hui_face_family(face) : _("another role's font"));
    }
  } else {
    cover->missing[r]++;
  }
}

/* In a certificate pattern, the placeholders ({name}, {seq:03}) are not
 * printed as written: they become spaces here (positions stay right); "{{"
 * and "}}" print one brace. */
static void blank_placeholders(uint32_t *cps, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if ((cps[i] == '{' || cps[i] == '}') && i + 1 < n && cps[i + 1] == cps[i]) {
      i++;
      continue;
    }
    if (cps[i] != '{') continue;
    size_t j = i + 1;
    while (j < n && cps[j] != '}' && cps[j] != '{') j++;
    if (j == n || cps[j] != '}') continue; /* not a placeholder: cert-placeholder reports it */
    for (; i <= j; i++) cps[i] = ' ';
    i = j;
  }
}

static int check(hui_fonts *f, hui_diags *d, const char *file, const char *text, hui_pos pos,
                 const hui_field *field, hui_role role, bool pattern, int found) {
  if (!text) return found;
  if (cover) {
    size_t n;
    uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
    if (pattern) blank_placeholders(cps, n);
    for (size_t i = 0; i < n; i++) {
      uint32_t cp = cps[i];
      if (!skipped(cp)) tally(f, role_of_char(cp, role), cp);
    }
    free(cps);
    return found;
  }
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
  if (pattern) blank_placeholders(cps, n);
  hui_pos p = pos;
  for (size_t i = 0; i < n; i++) {
    uint32_t cp = cps[i];
    hui_role r = role_of_char(cp, role);
    if (!skipped(cp) && !drawable(f, r, cp) && found++ < MAX_PER_FILE) {
      size_t nf;
      hui_face *const *chain = hui_fonts_chain(f, r, &nf);
      char ch[8] = {0};
      hui_utf8_encode(cp, ch);
      hui_rule_report(d, "no-glyph", file, field ? hui_rule_field_pos(field, cps, i) : p,
                      _("no font can draw U+%04X '%s' (it is set in the %s role, font %s, and no fallback "
                      "font has it either); put a font that has it into fonts/ or EDITION/fonts, or ask "
                      "the unit whether another character is meant"),
                      (unsigned)cp, ch, hui_role_name(r), nf ? hui_face_family(chain[0]) : _("none"));
    }
    hui_rule_advance(&p, cp);
  }
  free(cps);
  return found;
}

/* The role of a body text node. */
static hui_role node_role(const hui_node *n) {
  hui_role base = HUI_ROLE_BODY;
  int sections = 0;
  bool title = false, quote = false, note = false;
  for (const hui_node *a = n->parent; a; a = a->parent) {
    sections += a->kind == HUI_N_SECTION;
    title |= a->kind == HUI_N_TITLE;
    quote |= a->kind == HUI_N_BLOCKQUOTE;
    /* an editor's note's title is run in in 黑体: as a first-level heading */
    note |= a->kind == HUI_N_EDITOR_NOTE && !title;
    quote |= a->kind == HUI_N_EPIGRAPH;
  }
  /* heading levels: 黑体, 楷体, then the body's 仿宋 (compose/compendium.c) */
  if (title) base = sections <= 1 ? HUI_ROLE_HEADING : sections == 2 ? HUI_ROLE_KAI : HUI_ROLE_BODY;
  else if (quote || note) base = HUI_ROLE_KAI;
  for (const hui_node *a = n->parent; a; a = a->parent)
    if (a->kind == HUI_N_EMPHASIS) return a->flags & HUI_NODE_BOLD ? HUI_ROLE_HEADING : HUI_ROLE_KAI;
  return base;
}

static int check_field(hui_fonts *f, hui_diags *d, const char *file, const hui_field *x, hui_role role,
                       int found) {
  return check(f, d, file, x->text, x->pos, x, role, false, found);
}

/* A certificate text: its placeholders are left out. */
static int check_pattern(hui_fonts *f, hui_diags *d, const char *file, const hui_field *x,
                         hui_role role, int found) {
  return check(f, d, file, x->text, x->pos, x, role, true, found);
}

static int check_tree(hui_fonts *f, hui_diags *d, const char *file, const hui_node *root, int found) {
  for (const hui_node *n = root; n; n = hui_node_walk_next(root, n))
    if (n->kind == HUI_N_TEXT) found = check(f, d, file, n->text, n->pos, NULL, node_role(n), false, found);
  return found;
}

/* Every field of the table (model.h) in base that is drawn as written, in
 * the role the table gives it. */
static int check_fields(hui_fonts *f, hui_diags *d, const char *file, const void *base,
                        const hui_field_def *defs, size_t n, int found) {
  for (size_t k = 0; k < n; k++) {
    if (defs[k].use == HUI_FIELD_DATA || !defs[k].role) continue;
    hui_role role = HUI_ROLE_BODY;
    for (int r = 0; r < HUI_ROLE_COUNT; r++)
      if (strcmp(hui_role_name((hui_role)r), defs[k].role) == 0) role = (hui_role)r;
    const hui_field *x = HUI_CFIELD_OF(base, &defs[k]);
    found = defs[k].use == HUI_FIELD_PATTERN ? check_pattern(f, d, file, x, role, found)
                                             : check_field(f, d, file, x, role, found);
  }
  return found;
}

void hui_rules_glyphs(hui_edition *e, const hui_rules_env *env, hui_diags *d) {
  hui_fonts *f = env->fonts;
  if (!f) return;
  size_t nsf, ncf;
  const hui_field_def *sf = hui_submission_fields(&nsf), *cf = hui_campaign_fields(&ncf);
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!s->loaded) continue;
    int found = check_fields(f, d, s->path, s, sf, nsf, 0);
    /* further persons' names: drawn as the first person's (the table's "the name") */
    for (size_t k = 0; k < s->nothers; k++) found = check_field(f, d, s->path, &s->others[k], HUI_ROLE_HEADING, found);
    for (size_t k = 0; k < s->nhonors; k++) found = check_field(f, d, s->path, &s->honors[k].text, HUI_ROLE_BODY, found);
    check_tree(f, d, s->path, s->body, found);
  }
  /* campaign.xml: everything it prints, in the compendium (cover, part
   * titles, contents, preface) and on the certificates, in the roles of the
   * default certificate template (certificate-a4-landscape: the title in
   * title, the rest in kai); another template may set them in other roles,
   * but drawability does not depend on the role (see above). */
  const hui_campaign *c = &e->campaign;
  if (!c->loaded) return;
  int found = check_fields(f, d, c->path, c, cf, ncf, 0);
  for (size_t t = 0; t < c->ntiers; t++) {
    found = check(f, d, c->path, c->tiers[t].name, c->tiers[t].pos, NULL, HUI_ROLE_HEADING, false, found);
    if (c->tiers[t].prize)
      found = check(f, d, c->path, c->tiers[t].prize, c->tiers[t].pos, NULL, HUI_ROLE_KAI, false, found);
  }
  check_tree(f, d, c->path, c->compendium.preface, found);
}

void hui_rules_font_coverage(hui_edition *e, hui_fonts *f, FILE *out) {
  coverage *c = hui_xcalloc(1, sizeof *c);
  cover = c;
  hui_rules_env env = {0};
  env.fonts = f;
  hui_rules_glyphs(e, &env, NULL);
  cover = NULL;
  fprintf(out, _("\ncoverage of the edition's text (distinct characters per role):\n"));
  for (int r = 0; r < HUI_ROLE_COUNT; r++) {
    if (!c->distinct[r]) continue;
    size_t n;
    hui_face *const *chain = hui_fonts_chain(f, (hui_role)r, &n);
    fprintf(out, _("%s: %zu characters, %zu in %s, %zu from fallback fonts, %zu that no font has\n"),
            hui_role_name((hui_role)r), c->distinct[r], c->primary[r],
            n ? hui_face_family(chain[0]) : _("(none)"), c->fallback[r], c->missing[r]);
    if (c->examples[r].len)
      fprintf(out, _("  from fallback fonts: %s%s\n"), c->examples[r].data,
              c->nexamples[r] > 8 ? ", …" : "");
    hui_buf_free(&c->examples[r]);
  }
  free(c);
}
