/* model: constructors, destructors and look-ups of the edition tree. */
#include "model.h"

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

static void submission_free(hui_submission *s) {
  free(s->path);
  hui_field *fields[] = {&s->id, &s->title, &s->subtitle, &s->person, &s->collective, &s->unit,
                         &s->position, &s->date, &s->photo, &s->category, &s->recommender,
                         &s->abstract};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) field_free(fields[i]);
  for (size_t i = 0; i < s->nhonors; i++) field_free(&s->honors[i].text);
  free(s->honors);
  hui_node_free(s->body);
}

static void campaign_free(hui_campaign *c) {
  free(c->path);
  hui_field *fields[] = {&c->year, &c->name, &c->area, &c->organizer, &c->window_start,
                         &c->window_end, &c->compendium_template, &c->compendium_title,
                         &c->cert_template, &c->cert_title, &c->cert_text,
                         &c->cert_text_collective, &c->cert_issuer, &c->cert_date,
                         &c->cert_seal, &c->cert_number_format};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) field_free(fields[i]);
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
