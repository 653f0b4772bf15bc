/* model: constructors, destructors and look-ups of the edition tree. */
#include "model.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

hui_node *hui_node_new(hui_node_kind kind, const char *text, hui_pos pos) {
  hui_node *n = hui_xcalloc(1, sizeof *n);
  n->kind = kind;
  n->pos = pos;
  n->text = hui_xstrdup(text);
  return n;
}

void hui_node_append(hui_node *parent, hui_node *child) {
  child->parent = parent;
  child->next = NULL;
  if (parent->last)
    parent->last->next = child;
  else
    parent->first = child;
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
    {SF(id), "the id", HUI_FIELD_DATA, NULL},
    {SF(title), "the title", HUI_FIELD_PRINTED, "title"},
    {SF(subtitle), "the subtitle", HUI_FIELD_PRINTED, "kai"},
    {SF(person), "the name", HUI_FIELD_PRINTED, "heading"},
    {SF(collective), "the name", HUI_FIELD_PRINTED, "heading"},
    {SF(unit), "the unit", HUI_FIELD_PRINTED, "kai"},
    {SF(position), "the job title", HUI_FIELD_PRINTED, "kai"},
    {SF(date), "the date", HUI_FIELD_PRINTED, NULL},
    {SF(photo), "the photo", HUI_FIELD_DATA, NULL},
    {SF(category), "the category", HUI_FIELD_PRINTED, NULL},
    {SF(recommender), "the recommending body", HUI_FIELD_PRINTED, "body"},
    {SF(abstract), "the abstract", HUI_FIELD_PRINTED, "body"},
};

#define CF(f) offsetof(hui_campaign, f)
static const hui_field_def CAMPAIGN_FIELDS[] = {
    {CF(year), "the year", HUI_FIELD_PRINTED, "kai"},
    {CF(name), "the campaign name", HUI_FIELD_PRINTED, "title"},
    {CF(area), "the area", HUI_FIELD_PRINTED, "body"},
    {CF(organizer), "the organizer", HUI_FIELD_PRINTED, "kai"},
    {CF(window_start), "the window's start", HUI_FIELD_DATA, NULL},
    {CF(window_end), "the window's end", HUI_FIELD_DATA, NULL},
    {CF(compendium_template), "the compendium template", HUI_FIELD_DATA, NULL},
    {CF(compendium_title), "the compendium title", HUI_FIELD_PRINTED, "title"},
    {CF(cert_template), "the certificate template", HUI_FIELD_DATA, NULL},
    {CF(cert_title), "the certificate title", HUI_FIELD_PATTERN, "title"},
    {CF(cert_text), "the certificate text", HUI_FIELD_PATTERN, "kai"},
    {CF(cert_text_collective), "the certificate text for collectives", HUI_FIELD_PATTERN, "kai"},
    {CF(cert_issuer), "the certificate issuer", HUI_FIELD_PATTERN, "kai"},
    {CF(cert_date), "the certificate date", HUI_FIELD_PRINTED, NULL},
    {CF(cert_seal), "the seal", HUI_FIELD_DATA, NULL},
    {CF(cert_number_format), "the certificate number format", HUI_FIELD_PATTERN, "kai"},
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
  for (size_t i = 0; i < s->nhonors; i++) field_free(&s->honors[i].text);
  free(s->honors);
  hui_node_free(s->body);
}

static void campaign_free(hui_campaign *c) {
  free(c->path);
  for (size_t i = 0; i < sizeof CAMPAIGN_FIELDS / sizeof *CAMPAIGN_FIELDS; i++)
    field_free(HUI_FIELD_OF(c, &CAMPAIGN_FIELDS[i]));
  for (size_t i = 0; i < c->ntiers; i++) {
    free(c->tiers[i].id);
    free(c->tiers[i].name);
  }
  free(c->tiers);
  for (size_t i = 0; i < c->nawards; i++) {
    field_free(&c->awards[i].ref);
    field_free(&c->awards[i].tier);
  }
  free(c->awards);
  hui_node_free(c->preface);
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
    free(t->cbox[i].role);
    free(t->cbox[i].text);
  }
  free(t);
}

const char *hui_submission_name(const hui_submission *s) {
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
  for (size_t i = 0; i < c->ntiers; i++)
    if (strcmp(c->tiers[i].id, id) == 0) return (int)i;
  return -1;
}
