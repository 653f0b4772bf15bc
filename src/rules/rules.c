/* rules: the registry of rule ids and the driver that runs every family. */
#include "rules_internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"

/* Every rule id any stage reports. Ids are stable: never rename one. */
static const hui_rule rules[] = {
    /* the loader (load.c) */
    {"file-unreadable", HUI_ERROR, N_("a file of the edition cannot be read")},
    {"file-outside", HUI_ERROR, N_("a submission file is a link that leads outside the edition folder")},
    {"file-too-large", HUI_ERROR, N_("an XML file is larger than the 4 MB limit")},
    {"file-empty", HUI_ERROR, N_("an XML file is empty")},
    {"invalid-utf8", HUI_ERROR, N_("a file is not valid UTF-8")},
    {"invalid-encoding", HUI_ERROR, N_("a file that declares GB18030, GBK or GB2312 is not valid in it")},
    {"not-well-formed", HUI_ERROR, N_("the XML is not well-formed")},
    {"dtd-forbidden", HUI_ERROR, N_("a DOCTYPE, DTD or entity declaration (never read, for safety)")},
    {"schema", HUI_ERROR, N_("an element, attribute or text not allowed by the schema")},
    {"too-deep", HUI_ERROR, N_("elements nested too deep")},
    {"too-many-elements", HUI_ERROR, N_("an XML file has more elements than the limit (hui_limits.h)")},
    {"text-too-long", HUI_ERROR, N_("a paragraph or title longer than the limit (hui_limits.h)")},
    {"too-many-submissions", HUI_ERROR, N_("the edition has more submissions than the limit (hui_limits.h)")},
    {"table-span", HUI_ERROR, N_("a table entry's namest, nameend or morerows does not fit the table's grid")},
    /* tables and figures as the compendium sets them (compose/table.c, which
     * needs the template and the fonts) */
    {"table-too-wide", HUI_ERROR, N_("a table's columns, or a cell's text, do not fit the measure")},
    {"table-row-too-tall", HUI_ERROR, N_("a table row (with the rows its cells span) is taller than a page")},
    {"table-colwidth", HUI_WARNING, N_("a colspec's colwidth is neither a share (2*) nor a length (30mm)")},
    {"unknown-role", HUI_WARNING, N_("a role attribute with a value huibian does not know (the text prints plainly)")},
    /* ids */
    {"id-missing", HUI_ERROR, N_("article has no xml:id")},
    {"id-malformed", HUI_ERROR, N_("id has characters other than letters, digits, '-' and '_'")},
    {"id-duplicate", HUI_ERROR, N_("two submissions use the same id")},
    /* metadata */
    {"title-missing", HUI_ERROR, N_("deeds title missing or empty")},
    {"name-missing", HUI_ERROR, N_("neither a person nor a collective is named")},
    {"unit-missing", HUI_ERROR, N_("a person's unit (affiliation/orgname) is missing")},
    {"date-missing", HUI_ERROR, N_("submission date missing")},
    {"date-invalid", HUI_ERROR, N_("date not written YYYY-MM-DD or not a real date")},
    {"date-outside-window", HUI_ERROR, N_("submission date outside the campaign window")},
    {"window-reversed", HUI_ERROR, N_("the campaign window in campaign.xml ends before it starts")},
    {"category-missing", HUI_ERROR, N_("category (新典型/老典型) missing")},
    {"category-invalid", HUI_ERROR, N_("category other than 新典型 or 老典型")},
    {"photo-missing", HUI_ERROR, N_("photo required by the campaign but missing")},
    {"photo-not-found", HUI_ERROR, N_("the photo file named by fileref does not exist")},
    {"photo-outside", HUI_ERROR, N_("the photo path leaves the edition folder (.., absolute path, symlink)")},
    {"photo-unreadable", HUI_ERROR, N_("the photo is not a PNG or JPEG file, or cannot be decoded")},
    {"photo-low-dpi", HUI_WARNING, N_("the photo has less than 300 dpi at its printed size")},
    {"person-duplicate", HUI_ERROR, N_("the same person (name + unit) is submitted twice")},
    {"several-names", HUI_ERROR, N_("one personname holds the names of several persons")},
    {"recommender-missing", HUI_ERROR, N_("recommending body required by the campaign but missing")},
    {"honor-missing", HUI_ERROR, N_("老典型 without an earlier honour")},
    {"honor-no-year", HUI_ERROR, N_("an honour that does not start with a four-digit year")},
    /* body */
    {"body-empty", HUI_ERROR, N_("the body has no text")},
    {"too-long", HUI_ERROR, N_("the body has more characters (字数) than max-chars")},
    {"summary-too-long", HUI_WARNING, N_("the abstract (事迹简介) has more characters (字数) than summary-chars")},
    {"summary-missing", HUI_WARNING, N_("abstract (事迹简介) required by the campaign but missing")},
    {"control-char", HUI_ERROR, N_("a control character (but tab and newline) or an invisible one (bidi control, zero-width…) in a printed text")},
    {"no-glyph", HUI_ERROR, N_("a character that no font of its role (nor any fallback) can draw")},
    {"halfwidth-punct", HUI_WARNING, N_("half-width punctuation in Chinese text (huibian fix replaces it)")},
    {"stray-space", HUI_WARNING, N_("a space between Chinese characters in the body (huibian fix removes it)")},
    /* what a paste from a web page or a word processor leaves (rules/pasted.c) */
    {"ideographic-indent", HUI_WARNING, N_("a paragraph starts with U+3000 (the layout indents paragraphs itself; huibian fix removes them)")},
    {"page-chrome", HUI_WARNING, N_("a paragraph that is web page residue: an image placeholder, a separator line, a URL alone, 点击查看原文")},
    {"hyphen-range", HUI_WARNING, N_("a hyphen between the ends of a date range, 2019-2021年 (huibian fix writes —)")},
    {"dash-form", HUI_WARNING, N_("a dash written ――, --, －－ where —— is meant (huibian fix writes ——)")},
    {"run-in-heading", HUI_WARNING, N_("a space before 一、 （一） 一是 1. inside a paragraph: a lost paragraph break")},
    /* template residue and careless pastes (rules/residue.c) */
    {"placeholder", HUI_ERROR, N_("template residue or a redaction (*, ×××, XX, 某某, 20__) in a name, unit or job title; a warning in the text")},
    {"pinyin-gloss", HUI_WARNING, N_("a pinyin gloss after a Han character: 学(xué)")},
    {"doubled-punct", HUI_WARNING, N_("two pause or stop marks side by side: ，， 。。 ，、 (huibian fix drops a repeated one)")},
    {"unpaired-bracket", HUI_WARNING, N_("a bracket, book-title mark or quotation mark without its partner in the paragraph")},
    {"traditional-chars", HUI_WARNING, N_("a text in traditional characters (繁体; huibian fix converts the text and titles)")},
    {"originality", HUI_WARNING, N_("a passage shared with another submission or an archived edition (原创性)")},
    /* the memory of earlier editions (check --archive; rules/past.c) */
    {"old-exemplar", HUI_NOTE, N_("the person was awarded in an earlier archived edition (老典型)")},
    {"old-exemplar-mislabelled", HUI_WARNING, N_("claims 新典型 but was awarded in an earlier archived edition")},
    /* results */
    {"award-unknown-id", HUI_ERROR, N_("an award names a submission id that does not exist")},
    {"award-unknown-tier", HUI_ERROR, N_("an award names a tier that does not exist")},
    {"award-duplicate", HUI_ERROR, N_("a submission is awarded twice")},
    {"tier-over-quota", HUI_ERROR, N_("a tier has more awards than its quota")},
    /* quotas of the campaign (rules/quota.c) */
    {"unit-quota", HUI_ERROR, N_("a recommending unit sends more submissions than <rules per-unit> allows")},
    {"share-limit", HUI_ERROR, N_("more of the awarded have a category, job title or unit than <limit max-share> allows")},
    /* certificates (rules/certificate.c; cert-seal, cert-shrunk and cert-overflow from
     * compose/certificate.c, which needs the fonts) */
    {"cert-placeholder", HUI_ERROR, N_("an unknown {placeholder} in the certificate text or number format")},
    {"cert-date", HUI_ERROR, N_("the certificate date is not a real date written YYYY-MM-DD")},
    {"cert-number", HUI_ERROR, N_("the number format gives two certificates the same number")},
    {"cert-seal", HUI_WARNING, N_("the seal image cannot be used; certificates are printed without it")},
    {"cert-shrunk", HUI_WARNING, N_("a certificate line was set smaller (or wrapped) to fit its box")},
    {"cert-overflow", HUI_ERROR, N_("a certificate text does not fit its box even at the smallest size")},
    /* official documents (compose/decision.c, when decision or publicity is built) */
    {"doc-placeholder", HUI_ERROR, N_("an unknown {placeholder} in <decision> or <publicity>")},
    {"doc-date", HUI_ERROR, N_("a date of <decision> or <publicity> is not a real date written YYYY-MM-DD")},
    {"doc-seal", HUI_WARNING, N_("the document's seal image cannot be used; it is printed without it")},
};

/* The families, in the order they run (results before body: tiers first). */
static void (*const families[])(hui_edition *, hui_diags *) = {
    hui_rules_ids,  hui_rules_meta,  hui_rules_people, hui_rules_results, hui_rules_quota,
    hui_rules_body, hui_rules_chars, hui_rules_punct,  hui_rules_pasted,  hui_rules_residue,
    hui_rules_originality,
    hui_rules_certificate,
};

/* The families that need the env, run after the others. The photos (each
 * file decoded in full: a third of a check) are validated on a second thread
 * from the start, joined by this one when its families are done; their
 * findings are put in their place afterwards. */
static void (*const env_families[])(hui_edition *, const hui_rules_env *, hui_diags *) = {
    hui_rules_glyphs,
    hui_rules_past,
};

static void *photo_run(void *arg) {
  hui_photos_work(arg);
  return NULL;
}

const hui_rule *hui_rules_table(size_t *n) {
  *n = sizeof rules / sizeof *rules;
  return rules;
}

void hui_rule_report(hui_diags *d, const char *rule, const char *file, hui_pos pos, const char *fmt, ...) {
  hui_severity sev = HUI_ERROR;
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strcmp(rules[i].id, rule) == 0) sev = rules[i].severity;
  va_list ap;
  va_start(ap, fmt);
  char *msg = hui_xvasprintf(fmt, ap);
  va_end(ap);
  hui_diag_add(d, sev, file, pos.line, pos.col, rule, "%s", msg);
  free(msg);
}

bool hui_rule_iso_date(const char *s) {
  if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
  int y = atoi(s), m = atoi(s + 5), dd = atoi(s + 8);
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || dd < 1) return false;
  int max = days[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
  return dd <= max;
}

void hui_rule_advance(hui_pos *pos, uint32_t cp) {
  if (pos->line <= 0) return;
  if (cp == '\n') {
    pos->line++;
    pos->col = 1;
  } else if (pos->col > 0) {
    pos->col++;
  }
}

hui_pos hui_rule_field_pos(const hui_field *f, const uint32_t *cps, size_t k) {
  if (f->text_pos.line <= 0) return f->pos;
  hui_pos p = f->text_pos;
  for (size_t i = 0; i < k; i++) hui_rule_advance(&p, cps[i]);
  return p;
}

void hui_rules_run_env(hui_edition *e, const hui_rules_env *env, hui_diags *d) {
  static const hui_rules_env none = {0};
  if (!env) env = &none;
  for (size_t i = 0; i < e->nsubs; i++) e->subs[i].charcount = -1;
  if (!env->tiers_set) hui_rules_tiers(e);
  /* the photo rule reads only the photos' paths and files (nothing the
   * other families write) */
  hui_photo_work pw;
  hui_photos_begin(&pw, e, env);
  pthread_t th;
  bool threaded = pthread_create(&th, NULL, photo_run, &pw) == 0;
  for (size_t i = 0; i < sizeof families / sizeof *families; i++) {
    /* originality in its place, but with the archive's bodies when there
     * are any, then against the other editions of --against's index */
    if (families[i] == hui_rules_originality) {
      hui_rules_originality_env(e, env, d);
      if (env->against) hui_rules_originality_against(e, env->against, d);
    } else {
      families[i](e, d);
    }
  }
  hui_photos_work(&pw); /* this thread takes the photos left, then waits */
  if (threaded) pthread_join(th, NULL);
  hui_photos_end(&pw, d);
  for (size_t i = 0; i < sizeof env_families / sizeof *env_families; i++) env_families[i](e, env, d);
}

void hui_rules_run(hui_edition *e, hui_diags *d) { hui_rules_run_env(e, NULL, d); }
