#define _XOPEN_SOURCE 700
/* test_edition_check: hui_edition_check passes every edition of the
 * repository (the sample, every rule case with its errors, every golden
 * case) after the rules, and aborts, naming what is broken, on editions
 * broken by hand: tree links, node kinds and text, strings, tiers against
 * the awards. Each broken edition is checked in a child process and the
 * test expects SIGABRT. */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "child.h"
#include "load.h"
#include "rules/rules.h"

/* Runs fn(arg) in a child (child.h); true when it died of SIGABRT having
 * said that hui_edition_check found something containing want. */
static bool aborts(void (*fn)(const void *), const void *arg, const char *want) {
  return hui_test_child_aborts(fn, arg, "internal error: hui_edition_check", want);
}

static hui_node *add(hui_node *parent, hui_node_kind kind, const char *text) {
  hui_node *n = hui_node_new(kind, text, (hui_pos){10, 3});
  hui_node_append(parent, n);
  return n;
}

/* root → section(title(text), para(text, emphasis(text))), para(text) */
static hui_node *body(const char *words) {
  hui_node *root = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){10, 3});
  hui_node *sec = add(root, HUI_N_SECTION, NULL);
  add(add(sec, HUI_N_TITLE, NULL), HUI_N_TEXT, "小标题");
  hui_node *p = add(sec, HUI_N_PARA, NULL);
  add(p, HUI_N_TEXT, words);
  add(add(p, HUI_N_EMPHASIS, NULL), HUI_N_TEXT, "重点");
  add(add(root, HUI_N_PARA, NULL), HUI_N_TEXT, words);
  return root;
}

static void award(hui_campaign *c, const char *ref, const char *tier) {
  c->awards = hui_xrealloc(c->awards, (c->nawards + 1) * sizeof *c->awards);
  c->awards[c->nawards++] = (hui_award){{hui_xstrdup(ref), {13, 5}, {0, 0}},
                                        {hui_xstrdup(tier), {13, 5}, {0, 0}},
                                        {NULL, {0, 0}, {0, 0}}};
}

/* Three submissions (s1 first tier, s2 not awarded, s3 second tier), two
 * tiers, a preface: a valid edition with its tiers set. */
static hui_edition *edition(void) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup("input/test");
  hui_campaign *c = &e->campaign;
  c->path = hui_xstrdup("campaign.xml");
  c->loaded = true;
  c->ntiers = 2;
  c->tiers = hui_xcalloc(2, sizeof *c->tiers);
  c->tiers[0] = (hui_tier){hui_xstrdup("first"), hui_xstrdup("一等奖"), 1, {9, 5}, NULL};
  c->tiers[1] = (hui_tier){hui_xstrdup("second"), hui_xstrdup("二等奖"), -1, {10, 5}, NULL};
  award(c, "s1", "first");
  award(c, "s3", "second");
  c->compendium.preface = body("前言");
  e->nsubs = 3;
  e->subs = hui_xcalloc(3, sizeof *e->subs);
  const int tiers[] = {0, -1, 1};
  for (size_t i = 0; i < 3; i++) {
    hui_submission *s = &e->subs[i];
    s->path = hui_xasprintf("submissions/s%zu.xml", i + 1);
    s->id.text = hui_xasprintf("s%zu", i + 1);
    s->loaded = true;
    s->body = body("事迹");
    s->charcount = -1;
    s->tier = tiers[i];
  }
  e->subs[0].nhonors = 1;
  e->subs[0].honors = hui_xcalloc(1, sizeof *e->subs[0].honors);
  e->subs[0].honors[0].text.text = hui_xstrdup("2018年度市级优秀共产党员");
  return e;
}

static void test_valid(void) {
  hui_edition *e = edition();
  hui_edition_check(e); /* returns */
  /* a body dropped once a build no longer needs it: still complete */
  hui_submission_drop_body(&e->subs[1]);
  CHECK(e->subs[1].body == NULL && e->subs[1].body_dropped);
  hui_submission_drop_body(&e->subs[1]); /* twice: nothing more */
  hui_edition_check(e);
  /* errors of the input are no broken invariant: the same id twice (the
   * award goes to the first), an award twice, an unknown tier, no id */
  free(e->subs[2].id.text);
  e->subs[2].id.text = hui_xstrdup("s1");
  e->subs[2].tier = -1;
  award(&e->campaign, "s1", "second");
  award(&e->campaign, "s2", "third");
  award(&e->campaign, "s404", "first");
  free(e->subs[1].id.text);
  e->subs[1].id.text = NULL;
  hui_edition_check(e);
  hui_edition_free(e);
}

/* Each case breaks a fresh valid edition in one way. */
typedef struct broken_case {
  const char *name, *want;
  void (*breaks)(hui_edition *e);
} broken_case;

static hui_node *sec_of(hui_edition *e) { return e->subs[1].body->first; }

static void wrong_parent(hui_edition *e) { sec_of(e)->last->parent = e->subs[1].body; }
static void last_not_at_end(hui_edition *e) { sec_of(e)->last = sec_of(e)->first; }
static void first_without_last(hui_edition *e) {
  hui_node *p = e->subs[1].body->last;
  p->last = NULL;
}
static void sibling_cycle(hui_edition *e) {
  hui_node *title = sec_of(e)->first;
  title->next->next = title; /* para → title again */
}
static void self_cycle(hui_edition *e) {
  hui_node *p = e->subs[1].body->last;
  p->first->next = p->first;
}
static void root_parent(hui_edition *e) {
  e->campaign.compendium.preface->parent = e->campaign.compendium.preface->first;
}
static void root_kind(hui_edition *e) { e->subs[0].body->kind = HUI_N_PARA; }
static void root_inside(hui_edition *e) { e->subs[0].body->first->kind = HUI_N_ROOT; }
static void bad_kind(hui_edition *e) { sec_of(e)->last->kind = (hui_node_kind)99; }
static void text_without_text(hui_edition *e) {
  hui_node *t = e->subs[2].body->last->first;
  free(t->text);
  t->text = NULL;
}
static void para_with_text(hui_edition *e) { e->subs[2].body->last->text = hui_xstrdup("x"); }
static void text_with_child(hui_edition *e) {
  hui_node *t = e->subs[2].body->last->first;
  hui_node *x = hui_node_new(HUI_N_PHRASE, NULL, (hui_pos){1, 1});
  x->parent = t;
  t->first = t->last = x;
}
static void section_without_title(hui_edition *e) { sec_of(e)->first->kind = HUI_N_PARA; }
static void tier_out_of_range(hui_edition *e) { e->subs[2].tier = 2; }
static void tier_below(hui_edition *e) { e->subs[1].tier = -2; }
static void tier_not_awarded(hui_edition *e) { e->subs[1].tier = 1; }
static void tier_wrong(hui_edition *e) { e->subs[0].tier = 1; }
static void tiers_not_set(hui_edition *e) {
  for (size_t i = 0; i < e->nsubs; i++) e->subs[i].tier = -1;
}
static void second_of_id_awarded(hui_edition *e) {
  free(e->subs[2].id.text);
  e->subs[2].id.text = hui_xstrdup("s1");
  e->subs[2].tier = 0; /* as well as s1.xml, the first with the id */
}
static void no_path(hui_edition *e) {
  free(e->subs[1].path);
  e->subs[1].path = NULL;
}
static void no_dir(hui_edition *e) {
  free(e->dir);
  e->dir = NULL;
}
static void tier_without_name(hui_edition *e) {
  free(e->campaign.tiers[1].name);
  e->campaign.tiers[1].name = NULL;
}
static void bad_quota(hui_edition *e) { e->campaign.tiers[0].quota = -5; }
static void honour_without_text(hui_edition *e) {
  free(e->subs[0].honors[0].text.text);
  e->subs[0].honors[0].text.text = NULL;
}
/* two persons whose names were never joined (the loader's join_names) */
static void persons_not_joined(hui_edition *e) {
  hui_submission *s = &e->subs[0];
  s->person.text = hui_xstrdup("林守山");
  s->nothers = 1;
  s->others = hui_xcalloc(1, sizeof *s->others);
  s->others[0].text = hui_xstrdup("林晓禾");
}
static void loaded_without_body(hui_edition *e) {
  hui_node_free(e->subs[1].body);
  e->subs[1].body = NULL;
}
static void bad_charcount(hui_edition *e) { e->subs[0].charcount = -7; }
static void dropped_with_body(hui_edition *e) { e->subs[1].body_dropped = true; }

static const broken_case CASES[] = {
    {"a child's parent is wrong", "parent is not the node", wrong_parent},
    {"last is not the end of the list", "does not end at its node's last", last_not_at_end},
    {"first without last", "a first child and no last", first_without_last},
    {"a cycle in a child list", "has a cycle", sibling_cycle},
    {"a node that is its own next", "has a cycle", self_cycle},
    {"the preface's root has a parent", "the campaign's preface: the root has a parent",
     root_parent},
    {"a body's root is not ROOT", "the root is not a HUI_N_ROOT", root_kind},
    {"ROOT inside a tree", "HUI_N_ROOT node inside", root_inside},
    {"a kind out of range", "a node has kind 99", bad_kind},
    {"a text node without text", "a text, image or colspec node without text", text_without_text},
    {"a para with text", "a node that is not text, an image or a colspec has text", para_with_text},
    {"a text node with a child", "a text, image or colspec node has children", text_with_child},
    {"a section without its title", "a section does not start with its title",
     section_without_title},
    {"a tier index past the tiers", "has tier 2; the campaign has 2 tiers", tier_out_of_range},
    {"a tier index below -1", "has tier -2", tier_below},
    {"a tier without an award", "s2.xml has tier 1, its award gives -1", tier_not_awarded},
    {"a tier other than the award's", "s1.xml has tier 1, its award gives 0", tier_wrong},
    {"tiers not set", "have the tiers been set", tiers_not_set},
    {"the second submission of an id awarded", "s3.xml has tier 0, its award gives -1",
     second_of_id_awarded},
    {"a submission without a path", "submission 1 has no path", no_path},
    {"an edition without a folder", "no folder", no_dir},
    {"a tier without a name", "tier 1 has no id or no name", tier_without_name},
    {"a quota below -1", "quota -5", bad_quota},
    {"an honour without text", "honour 0 has no text", honour_without_text},
    {"two persons without their joined name", "a joined name missing for several persons",
     persons_not_joined},
    {"a loaded submission without a body", "is loaded and has no body", loaded_without_body},
    {"a charcount below -1", "charcount -7", bad_charcount},
    {"a body said to be dropped that is there", "said to have dropped it", dropped_with_body},
};

/* In the child: a broken edition is built, checked and never freed (its
 * links may be anything). */
static void break_and_check(const void *arg) {
  const broken_case *bc = arg;
  hui_edition *e = edition();
  bc->breaks(e);
  hui_edition_check(e);
}

static void test_broken(void) {
  for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
    bool ok = aborts(break_and_check, &CASES[i], CASES[i].want);
    if (!ok) fprintf(stderr, "  case: %s\n", CASES[i].name);
    CHECK(ok);
  }
}

/* Every edition of the repository, as loaded and after the rules. */
static void check_folder(const char *dir) {
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  if (e) {
    hui_rules_run(e, d);
    hui_edition_check(e); /* aborts the test when it fails */
  }
  free(why);
  hui_edition_free(e);
  hui_diags_free(d);
}

static void check_folders_under(const char *src, const char *under) {
  char *parent = hui_path_join(src, under);
  DIR *dp = opendir(parent);
  CHECK(dp != NULL);
  size_t n = 0;
  for (struct dirent *de; dp && (de = readdir(dp));) {
    if (de->d_name[0] == '.') continue;
    char *dir = hui_path_join(parent, de->d_name);
    char *campaign = hui_path_join(dir, "campaign.xml");
    if (access(campaign, F_OK) == 0) {
      check_folder(dir);
      n++;
    }
    free(campaign);
    free(dir);
  }
  if (dp) closedir(dp);
  CHECK(n > 0);
  free(parent);
}

int main(void) {
  const char *src = getenv("HUIBIAN_SOURCE");
  if (!src) src = ".";
  test_valid();
  test_broken();
  char *sample = hui_path_join(src, "input/2020");
  check_folder(sample);
  free(sample);
  check_folders_under(src, "tests/rules");
  check_folders_under(src, "tests/golden");
  return CHECK_DONE();
}
