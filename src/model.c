/* model: constructors, destructors and look-ups of the edition tree. */
#include "model.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"

hui_node *hui_node_new(hui_node_kind kind, const char *text, hui_pos pos) {
  assert((unsigned)kind <= HUI_N_LAST);
  /* only text and image nodes have text */
  assert((kind == HUI_N_TEXT || kind == HUI_N_IMAGE || kind == HUI_N_COLSPEC) == (text != NULL));
  hui_node *n = hui_xcalloc(1, sizeof *n);
  n->kind = kind;
  n->pos = pos;
  n->text = hui_xstrdup(text);
  n->cols = n->rows = 1;
  return n;
}

void hui_node_append(hui_node *parent, hui_node *child) {
  assert(parent && child && parent != child);
  assert(!child->parent && child->kind != HUI_N_ROOT); /* a new node, not yet in a tree */
  assert(parent->kind != HUI_N_TEXT);
  child->parent = parent;
  child->next = NULL;
  if (parent->last) parent->last->next = child;
  else parent->first = child;
  parent->last = child;
}

/* Frees without recursion: splice each node's children in front of its
 * siblings so the list stays flat (cmark's S_free_nodes). */
void hui_node_free(hui_node *n) {
  if (!n) return;
  n->next = NULL;
  while (n) {
    if (n->first) {
      n->last->next = n->next;
      n->next = n->first;
    }
    hui_node *next = n->next;
    free(n->text);
    free(n);
    n = next;
  }
}

hui_node *hui_node_walk_next(const hui_node *root, const hui_node *n) {
  assert(root && n);
  if (n->first) return n->first;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

static void field_free(hui_field *f) {
  free(f->text);
  f->text = NULL;
}

#define SF(f) offsetof(hui_submission, f)
static const hui_field_def SUBMISSION_FIELDS[] = {
    {SF(id), N_("the id"), HUI_FIELD_DATA, NULL},
    {SF(title), N_("the title"), HUI_FIELD_PRINTED, "title"},
    {SF(subtitle), N_("the subtitle"), HUI_FIELD_PRINTED, "kai"},
    {SF(person), N_("the name"), HUI_FIELD_PRINTED, "heading"},
    {SF(collective), N_("the name"), HUI_FIELD_PRINTED, "heading"},
    {SF(unit), N_("the unit"), HUI_FIELD_PRINTED, "kai"},
    {SF(position), N_("the job title"), HUI_FIELD_PRINTED, "kai"},
    {SF(date), N_("the date"), HUI_FIELD_PRINTED, NULL},
    {SF(photo), N_("the photo"), HUI_FIELD_DATA, NULL},
    {SF(portrait), N_("the portrait photo"), HUI_FIELD_DATA, NULL},
    {SF(category), N_("the category"), HUI_FIELD_PRINTED, NULL},
    {SF(recommender), N_("the recommending body"), HUI_FIELD_PRINTED, "body"},
    {SF(abstract), N_("the abstract"), HUI_FIELD_PRINTED, "body"},
};

#define CF(f) offsetof(hui_campaign, f)
static const hui_field_def CAMPAIGN_FIELDS[] = {
    {CF(year), N_("the year"), HUI_FIELD_PRINTED, "kai"},
    {CF(name), N_("the campaign name"), HUI_FIELD_PRINTED, "title"},
    {CF(area), N_("the area"), HUI_FIELD_PRINTED, "body"},
    {CF(organizer), N_("the organizer"), HUI_FIELD_PRINTED, "kai"},
    {CF(window_start), N_("the window's start"), HUI_FIELD_DATA, NULL},
    {CF(window_end), N_("the window's end"), HUI_FIELD_DATA, NULL},
    {CF(compendium.template_name), N_("the compendium template"), HUI_FIELD_DATA, NULL},
    {CF(compendium.title), N_("the compendium title"), HUI_FIELD_PRINTED, "title"},
    {CF(certificate.template_name), N_("the certificate template"), HUI_FIELD_DATA, NULL},
    {CF(certificate.title), N_("the certificate title"), HUI_FIELD_PATTERN, "title"},
    {CF(certificate.text), N_("the certificate text"), HUI_FIELD_PATTERN, "kai"},
    {CF(certificate.text_collective), N_("the certificate text for collectives"), HUI_FIELD_PATTERN,
     "kai"},
    {CF(certificate.issuer), N_("the certificate issuer"), HUI_FIELD_PATTERN, "kai"},
    {CF(certificate.date), N_("the certificate date"), HUI_FIELD_PRINTED, NULL},
    {CF(certificate.seal), N_("the seal"), HUI_FIELD_DATA, NULL},
    {CF(certificate.number_format), N_("the certificate number format"), HUI_FIELD_PATTERN, "kai"},
    {CF(outputs.list), N_("the list of outputs"), HUI_FIELD_DATA, NULL},
    {CF(decision.template_name), N_("the decision template"), HUI_FIELD_DATA, NULL},
    {CF(decision.units), N_("the decision list style"), HUI_FIELD_DATA, NULL},
    {CF(decision.mark), N_("the decision issuing-body mark"), HUI_FIELD_PATTERN, "title"},
    {CF(decision.number_prefix), N_("the decision number prefix"), HUI_FIELD_PATTERN, "body"},
    {CF(decision.number_seq), N_("the decision number"), HUI_FIELD_DATA, NULL},
    {CF(decision.title), N_("the decision title"), HUI_FIELD_PATTERN, "title"},
    {CF(decision.to), N_("the decision addressee"), HUI_FIELD_PATTERN, "body"},
    {CF(decision.attachment), N_("the decision attachment"), HUI_FIELD_PATTERN, "body"},
    {CF(decision.issuer), N_("the decision issuer"), HUI_FIELD_PATTERN, "body"},
    {CF(decision.date), N_("the decision date"), HUI_FIELD_DATA, NULL},
    {CF(decision.seal), N_("the decision seal"), HUI_FIELD_DATA, NULL},
    {CF(decision.cc), N_("the decision copies"), HUI_FIELD_PATTERN, "body"},
    {CF(decision.printer), N_("the decision printing office"), HUI_FIELD_PATTERN, "body"},
    {CF(decision.print_date), N_("the decision printing date"), HUI_FIELD_DATA, NULL},
    {CF(publicity.template_name), N_("the publicity template"), HUI_FIELD_DATA, NULL},
    {CF(publicity.units), N_("the publicity list style"), HUI_FIELD_DATA, NULL},
    {CF(publicity.mark), N_("the publicity issuing-body mark"), HUI_FIELD_PATTERN, "title"},
    {CF(publicity.number_prefix), N_("the publicity number prefix"), HUI_FIELD_PATTERN, "body"},
    {CF(publicity.number_seq), N_("the publicity number"), HUI_FIELD_DATA, NULL},
    {CF(publicity.title), N_("the publicity title"), HUI_FIELD_PATTERN, "title"},
    {CF(publicity.to), N_("the publicity addressee"), HUI_FIELD_PATTERN, "body"},
    {CF(publicity.attachment), N_("the publicity attachment"), HUI_FIELD_PATTERN, "body"},
    {CF(publicity.issuer), N_("the publicity issuer"), HUI_FIELD_PATTERN, "body"},
    {CF(publicity.date), N_("the publicity date"), HUI_FIELD_DATA, NULL},
    {CF(publicity.seal), N_("the publicity seal"), HUI_FIELD_DATA, NULL},
    {CF(publicity.cc), N_("the publicity copies"), HUI_FIELD_PATTERN, "body"},
    {CF(publicity.printer), N_("the publicity printing office"), HUI_FIELD_PATTERN, "body"},
    {CF(publicity.print_date), N_("the publicity printing date"), HUI_FIELD_DATA, NULL},
    {CF(publicity.start), N_("the publicity period start"), HUI_FIELD_DATA, NULL},
    {CF(publicity.end), N_("the publicity period end"), HUI_FIELD_DATA, NULL},
    {CF(publicity.days), N_("the publicity period in working days"), HUI_FIELD_DATA, NULL},
    {CF(publicity.phone), N_("the publicity telephone"), HUI_FIELD_PATTERN, "body"},
    {CF(progress.template_name), N_("the progress report template"), HUI_FIELD_DATA, NULL},
    {CF(progress.mark), N_("the progress report issuing-body mark"), HUI_FIELD_PATTERN, "title"},
    {CF(progress.number_prefix), N_("the progress report number prefix"), HUI_FIELD_PATTERN,
     "body"},
    {CF(progress.number_seq), N_("the progress report number"), HUI_FIELD_DATA, NULL},
    {CF(progress.title), N_("the progress report title"), HUI_FIELD_PATTERN, "title"},
    {CF(progress.to), N_("the progress report addressee"), HUI_FIELD_PATTERN, "body"},
    {CF(progress.issuer), N_("the progress report issuer"), HUI_FIELD_PATTERN, "body"},
    {CF(progress.date), N_("the progress report date"), HUI_FIELD_DATA, NULL},
    {CF(progress.seal), N_("the progress report seal"), HUI_FIELD_DATA, NULL},
    {CF(progress.cc), N_("the progress report copies"), HUI_FIELD_PATTERN, "body"},
    {CF(progress.printer), N_("the progress report printing office"), HUI_FIELD_PATTERN, "body"},
    {CF(progress.print_date), N_("the progress report printing date"), HUI_FIELD_DATA, NULL},
    {CF(poster.template_name), N_("the poster template"), HUI_FIELD_DATA, NULL},
    {CF(poster.title), N_("the poster title"), HUI_FIELD_PRINTED, "title"},
};

const hui_field_def *hui_submission_fields(size_t *n) {
  *n = sizeof SUBMISSION_FIELDS / sizeof *SUBMISSION_FIELDS;
  return SUBMISSION_FIELDS;
}

const hui_field_def *hui_campaign_fields(size_t *n) {
  *n = sizeof CAMPAIGN_FIELDS / sizeof *CAMPAIGN_FIELDS;
  return CAMPAIGN_FIELDS;
}

static void submission_free(hui_submission *s) {
  free(s->path);
  for (size_t i = 0; i < sizeof SUBMISSION_FIELDS / sizeof *SUBMISSION_FIELDS; i++)
    field_free(HUI_FIELD_OF(s, &SUBMISSION_FIELDS[i]));
  for (size_t i = 0; i < s->nothers; i++) field_free(&s->others[i]);
  free(s->others);
  free(s->joined_name);
  for (size_t i = 0; i < s->nhonors; i++) field_free(&s->honors[i].text);
  free(s->honors);
  hui_node_free(s->body);
}

void hui_submission_drop_body(hui_submission *s) {
  if (!s->body) return;
  hui_node_free(s->body);
  s->body = NULL;
  s->body_dropped = true;
}

static void campaign_free(hui_campaign *c) {
  free(c->path);
  for (size_t i = 0; i < sizeof CAMPAIGN_FIELDS / sizeof *CAMPAIGN_FIELDS; i++)
    field_free(HUI_FIELD_OF(c, &CAMPAIGN_FIELDS[i]));
  for (size_t i = 0; i < c->ntiers; i++) {
    free(c->tiers[i].id);
    free(c->tiers[i].name);
    free(c->tiers[i].prize);
  }
  free(c->tiers);
  for (size_t i = 0; i < c->nawards; i++) {
    field_free(&c->awards[i].ref);
    field_free(&c->awards[i].tier);
    field_free(&c->awards[i].withdrawn);
  }
  free(c->awards);
  hui_node_free(c->compendium.preface);
  hui_doc_config *docs[] = {&c->decision, &c->publicity, &c->progress};
  for (size_t d = 0; d < 3; d++) {
    for (size_t i = 0; i < docs[d]->nblocks; i++) field_free(&docs[d]->blocks[i].text);
    free(docs[d]->blocks);
  }
  for (size_t i = 0; i < c->rules.nlimits; i++) {
    free(c->rules.limits[i].field_name);
    free(c->rules.limits[i].value);
  }
  free(c->rules.limits);
  for (size_t i = 0; i < c->stats.npoints; i++) free(c->stats.points[i].tier);
  free(c->stats.points);
  for (size_t i = 0; i < c->stats.ngroups; i++) {
    free(c->stats.groups[i].name);
    for (size_t k = 0; k < c->stats.groups[i].nunits; k++) free(c->stats.groups[i].units[k]);
    free(c->stats.groups[i].units);
  }
  free(c->stats.groups);
}

void hui_edition_free(hui_edition *e) {
  if (!e) return;
  for (size_t i = 0; i < e->nsubs; i++) submission_free(&e->subs[i]);
  free(e->subs);
  campaign_free(&e->campaign);
  free(e->dir);
  free(e);
}

void hui_template_free(hui_template *t) {
  if (!t) return;
  free(t->name);
  free(t->path);
  free(t->folio_style);
  for (int i = 0; i < HUI_CBOX_COUNT; i++) {
    free(t->cert.cbox[i].role);
    free(t->cert.cbox[i].text);
  }
  free(t);
}

const char *hui_submission_name(const hui_submission *s) {
  if (s->joined_name) return s->joined_name;
  if (s->person.text && *s->person.text) return s->person.text;
  if (s->collective.text && *s->collective.text) return s->collective.text;
  return "";
}

long hui_edition_find(const hui_edition *e, const char *id) {
  if (!id) return -1;
  for (size_t i = 0; i < e->nsubs; i++)
    if (e->subs[i].id.text && strcmp(e->subs[i].id.text, id) == 0) return (long)i;
  return -1;
}

int hui_campaign_find_tier(const hui_campaign *c, const char *id) {
  if (!id) return -1;
  assert(c->ntiers <= (size_t)INT_MAX);
  for (size_t i = 0; i < c->ntiers; i++) {
    assert(c->tiers[i].id); /* the loader gives a tier without one "" */
    if (strcmp(c->tiers[i].id, id) == 0) return (int)i;
  }
  return -1;
}

/* --- Structure checks (model.h): hui_edition_check ------------------------ */

/* Prints which invariant is broken and aborts: a broken invariant is a bug in
 * huibian, never a problem of the input. */
__attribute__((format(printf, 1, 2))) _Noreturn static void broken(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("huibian: internal error: hui_edition_check: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

/* The child list of n: every child names n as its parent, and the list ends
 * at n->last without a cycle (Floyd: c runs two steps for each of slow's). */
static void check_children(const hui_node *n, const char *where) {
  if (!n->first != !n->last)
    broken("%s: a node has a first child and no last, or a last and no first", where);
  const hui_node *c = n->first, *slow = n->first;
  for (size_t step = 1; c; step++) {
    if (c->parent != n)
      broken("%s: a child's parent is not the node whose child list holds it", where);
    if (!c->next && c != n->last) broken("%s: a child list does not end at its node's last", where);
    c = c->next;
    if (step % 2 == 0) slow = slow->next;
    if (c && c == slow) broken("%s: a child list has a cycle", where);
  }
}

/* A document tree (a body or the preface), walked without recursion: every
 * node's links (checked before the walk follows them, so a broken tree
 * cannot send it astray), its kind, and the text only text nodes have. */
static void check_tree(const hui_node *root, const char *where) {
  if (root->kind != HUI_N_ROOT) broken("%s: the root is not a HUI_N_ROOT node", where);
  if (root->parent || root->next) broken("%s: the root has a parent or a sibling", where);
  const hui_node *n = root;
  while (n) {
    if ((unsigned)n->kind > HUI_N_LAST) broken("%s: a node has kind %d", where, (int)n->kind);
    if (n != root && n->kind == HUI_N_ROOT) broken("%s: a HUI_N_ROOT node inside the tree", where);
    bool leaf = n->kind == HUI_N_TEXT || n->kind == HUI_N_IMAGE || n->kind == HUI_N_COLSPEC;
    if (leaf != (n->text != NULL))
      broken("%s: %s", where,
             n->text ? "a node that is not text, an image or a colspec has text"
                     : "a text, image or colspec node without text");
    if (leaf && n->first) broken("%s: a text, image or colspec node has children", where);
    if (n->cols < 1 || n->rows < 1)
      broken("%s: a node spans %d columns and %d rows", where, n->cols, n->rows);
    if (n->kind == HUI_N_ROW && n->parent && n->parent->kind != HUI_N_TABLE)
      broken("%s: a table row outside a table", where);
    if (n->kind == HUI_N_CELL && n->parent && n->parent->kind != HUI_N_ROW)
      broken("%s: a table cell outside a row", where);
    if (n->kind == HUI_N_FIGURE && (!n->first || n->first->kind != HUI_N_IMAGE))
      broken("%s: a figure does not start with its image", where);
    if (n->kind == HUI_N_SECTION && (!n->first || n->first->kind != HUI_N_TITLE))
      broken("%s: a section does not start with its title", where);
    check_children(n, where);
    /* the next node in pre-order, over links already checked */
    if (n->first) {
      n = n->first;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    n = !n || n == root ? NULL : n->next;
  }
}

/* A submission index sorted by id, then by place: the first of equal ids is
 * the one hui_edition_find finds. */
typedef struct id_ix {
  const char *id;
  size_t i;
} id_ix;

static int cmp_id_ix(const void *a, const void *b) {
  const id_ix *x = a, *y = b;
  int c = strcmp(x->id, y->id);
  return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The first entry with id, or NULL. */
static const id_ix *find_id(const id_ix *ix, size_t n, const char *id) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(ix[mid].id, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo < n && strcmp(ix[lo].id, id) == 0 ? &ix[lo] : NULL;
}

/* The tiers against the awards, without quadratic look-ups: a submission's
 * tier is the tier of the first award that names its id, when that award's
 * tier exists, else -1; an award names the first submission with its id.
 * So the id of an awarded submission leads back to it (ids are unique where
 * the later stages look them up: duplicate ids are the input's error
 * id-duplicate, which check reports, and not an invariant). */
static void check_awards(const hui_edition *e) {
  const hui_campaign *c = &e->campaign;
  id_ix *ix = hui_xmalloc((e->nsubs ? e->nsubs : 1) * sizeof *ix);
  size_t nix = 0;
  for (size_t i = 0; i < e->nsubs; i++)
    if (e->subs[i].id.text) ix[nix++] = (id_ix){e->subs[i].id.text, i};
  qsort(ix, nix, sizeof *ix, cmp_id_ix);
  int *want = hui_xmalloc((e->nsubs ? e->nsubs : 1) * sizeof *want);
  bool *seen = hui_xcalloc(e->nsubs ? e->nsubs : 1, sizeof *seen);
  for (size_t i = 0; i < e->nsubs; i++) want[i] = -1;
  /* hui_rules_tiers gives no tiers from a campaign it could not load */
  for (size_t a = 0; c->loaded && a < c->nawards; a++) {
    const hui_award *aw = &c->awards[a];
    const id_ix *hit = aw->ref.text ? find_id(ix, nix, aw->ref.text) : NULL;
    if (!hit || seen[hit->i]) continue;
    seen[hit->i] = true;
    int t = hui_campaign_find_tier(c, aw->tier.text);
    want[hit->i] = aw->withdrawn.text ? -1 : t;
    const hui_award *w = aw->withdrawn.text && t >= 0 ? aw : NULL;
    if (e->subs[hit->i].withdrawn != w)
      broken("%s: withdrawn does not match its award on line %d", e->subs[hit->i].path,
             aw->ref.pos.line);
  }
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!seen[i] && s->withdrawn) broken("%s is withdrawn and no award names it", s->path);
    if (s->tier != want[i])
      broken("%s has tier %d, its award gives %d (an award names the first submission with its "
             "id; have the tiers been set? hui_rules_tiers)",
             s->path, s->tier, want[i]);
  }
  free(seen);
  free(want);
  free(ix);
}

void hui_edition_check(const hui_edition *e) {
  if (!e) broken("no edition");
  if (!e->dir) broken("the edition has no folder");
  if (e->nsubs && !e->subs) broken("%zu submissions and no array", e->nsubs);
  const hui_campaign *c = &e->campaign;
  if (c->loaded && !c->path) broken("the campaign is loaded and has no path");
  if (c->ntiers && !c->tiers) broken("%zu tiers and no array", c->ntiers);
  if (c->nawards && !c->awards) broken("%zu awards and no array", c->nawards);
  if (c->ntiers > (size_t)INT_MAX) broken("%zu tiers: more than a tier index holds", c->ntiers);
  for (size_t t = 0; t < c->ntiers; t++) {
    if (!c->tiers[t].id || !c->tiers[t].name) broken("tier %zu has no id or no name", t);
    if (c->tiers[t].quota < -1) broken("tier %s has quota %d", c->tiers[t].id, c->tiers[t].quota);
  }
  if (c->compendium.preface) check_tree(c->compendium.preface, "the campaign's preface");
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!s->path) broken("submission %zu has no path", i);
    if (s->tier < -1 || s->tier >= (int)c->ntiers)
      broken("%s has tier %d; the campaign has %zu tiers", s->path, s->tier, c->ntiers);
    if (s->charcount < -1) broken("%s has charcount %ld", s->path, s->charcount);
    if (s->nhonors && !s->honors) broken("%s: %zu honours and no array", s->path, s->nhonors);
    for (size_t h = 0; h < s->nhonors; h++)
      if (!s->honors[h].text.text) broken("%s: honour %zu has no text", s->path, h);
    if (s->nothers && !s->others)
      broken("%s: %zu further persons and no array", s->path, s->nothers);
    for (size_t k = 0; k < s->nothers; k++)
      if (!s->others[k].text) broken("%s: further person %zu has no name", s->path, k);
    /* the outputs name several persons by the joined name only */
    if (!s->joined_name != !(s->nothers && s->person.text))
      broken("%s: a joined name %s", s->path,
             s->joined_name ? "without several persons" : "missing for several persons");
    if (s->loaded && !s->body && !s->body_dropped) broken("%s is loaded and has no body", s->path);
    if (s->body && s->body_dropped)
      broken("%s has a body and was said to have dropped it", s->path);
    if (s->body) check_tree(s->body, s->path);
  }
  check_awards(e);
}
