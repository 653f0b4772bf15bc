/* certificate: 荣誉证书 pages — the campaign's <certificate> set into the boxes
 * of a certificate template — and the alignment sheet for pre-printed stock.
 *
 * Outline, per awardee (compendium order):
 *   1. Words: the text pattern for a person or a collective (certtext.c),
 *      split into the salutation ("{name}同志：") for the name box and the
 *      citation for the text box when the template has a name box; then the
 *      placeholders expanded, with the number and the date.
 *   2. Fitting, for every box (layout/box.c, hui_box_fit): a one-line field
 *      is set on one line, shrinking from the template's size down to its
 *      minimum; failing that it is wrapped, at the largest size whose lines
 *      fit the box. The text box is wrapped from the start. Below the
 *      minimum only as a last resort (warned); at the floor, lines that do
 *      not fit are left out (an error): nothing is ever drawn outside its
 *      box. A box that had to shrink or overflowed is fitted again with the
 *      campaign's words alone (no name, unit or position: base_fit) to tell
 *      whose the fault is (warn_fit): the words' (once, on campaign.xml) or
 *      the awardee's (on the file).
 *   3. Drawing: the border and its corner ornaments (hui_box_border), the
 *      seal (an image: the PDF backend draws images before text, so the date
 *      shows through it as through a stamp's ink), then the lines of every
 *      box (hui_box_draw).
 */
#include "certificate.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../certtext.h"
#include "../layout/box.h"
#include "../layout/para.h"

#define FLOOR_PT HUI_BOX_FLOOR_PT /* the smallest size anything is ever set at */

static const char *const BOX_NAMES[HUI_CBOX_COUNT] = {"title", "name", "text", "unit",
                                                      "issuer", "date", "number", "seal"};
/* How a warning speaks of a box's text. */
static const char *const BOX_WORDS[HUI_CBOX_COUNT] = {N_("title"),  N_("name line"), N_("text"),
                                                      N_("unit"),   N_("issuer"),    N_("date"),
                                                      N_("number"), N_("seal")};

const char *hui_cbox_name(hui_cbox_field f) {
  return f >= 0 && f < HUI_CBOX_COUNT ? BOX_NAMES[f] : "";
}

typedef struct cctx {
  const hui_edition *e;
  const hui_template *t;
  hui_fonts *fonts;
  hui_diags *d;
  double ox, oy; /* the offset, pt */
  hui_certs *out;
  hui_para *para;
  /* The campaign's words fitted without an awardee's (base_fit), by field
   * and expanded text. */
  struct base {
    hui_cbox_field field;
    char *text;
    hui_fit *f;
  } *bases;
  size_t nbases, capbases;
  size_t first_diag; /* the first finding of this composition in d */
  /* hui_cert_opts.out: where each page goes, the page being made, and why
   * the backend refused one */
  hui_backend *to;
  hui_dpage *page;
  char *why;
} cctx;

static double mm(double v) { return v * 72.0 / 25.4; }

static hui_role role_of(const hui_cbox *b) {
  for (int r = 0; r < HUI_ROLE_COUNT; r++)
    if (b->role && strcmp(b->role, hui_role_name((hui_role)r)) == 0) return (hui_role)r;
  return HUI_ROLE_KAI;
}

static hui_align para_align(hui_calign a) {
  switch (a) {
  case HUI_CALIGN_CENTER: return HUI_ALIGN_CENTER;
  case HUI_CALIGN_RIGHT: return HUI_ALIGN_RIGHT;
  case HUI_CALIGN_JUSTIFY: return HUI_ALIGN_JUSTIFY;
  default: return HUI_ALIGN_LEFT;
  }
}

/* The layout box (layout/box.h) of a template's box, in pt on the page with
 * the offset applied. */
static hui_box box_of(const cctx *c, const hui_cbox *b) {
  hui_valign v = b->valign == HUI_CVALIGN_MIDDLE   ? HUI_VALIGN_MIDDLE
                 : b->valign == HUI_CVALIGN_BOTTOM ? HUI_VALIGN_BOTTOM
                                                   : HUI_VALIGN_TOP;
  return (hui_box){.x = mm(b->x) + c->ox, .y = mm(b->y) + c->oy, .w = mm(b->w), .h = mm(b->h),
                   .role = role_of(b), .size = b->size, .min = b->min, .leading = b->leading,
                   .spacing = b->spacing, .indent = b->indent, .align = para_align(b->align),
                   .valign = v, .color = hui_gray(0)};
}

/* Fits text into box b (see the outline); leaves the setting in c->para. */
static hui_fit fit_box(cctx *c, const hui_cbox *b, const char *text, bool multiline) {
  hui_box box = box_of(c, b);
  return hui_box_fit(c->para, &box, text, multiline);
}

/* --- Drawing ------------------------------------------------------------ */

static void record(cctx *c, size_t page, hui_cbox_field field, size_t first, const hui_dpage *pg,
                   double x, double y, double w, double h, double size, size_t lines) {
  hui_certs *o = c->out;
  hui_cert_place *p = HUI_PUSH(o->places, o->nplaces, o->capplaces);
  *p = (hui_cert_place){page, field, first, pg->nglyphs - first, x, y, w, h, size, lines};
}

/* Draws the fitted setting in c->para into box b. */
static void draw_fit(cctx *c, hui_dpage *pg, size_t page, hui_cbox_field field, const hui_cbox *b,
                     const hui_fit *f) {
  hui_box box = box_of(c, b);
  size_t first = pg->nglyphs;
  hui_box_draw(c->para, &box, f, pg);
  record(c, page, field, first, pg, box.x, box.y, box.w, box.h, f->size, f->lines);
}

static void border(cctx *c, hui_dpage *pg) {
  const hui_template *t = c->t;
  hui_border b = {mm(t->cert.border_inset), mm(t->cert.border_gap), t->cert.border_outer_pt, t->cert.border_inner_pt,
                  mm(t->cert.border_corner), hui_gray(0)};
  hui_box_border(pg, &b, c->ox, c->oy);
}

/* --- Words -------------------------------------------------------------- */

/* Splits a text pattern at its salutation: "{name}同志：" (up to the first
 * full-width colon after {name}). Returns the length of the salutation, 0
 * when there is none. */
static size_t salutation_len(const char *pattern) {
  const char *name = strstr(pattern, "{name}");
  if (!name) return 0;
  const char *colon = strstr(name, "："); /* U+FF1A */
  if (!colon) return 0;
  /* A salutation is short: the name and a form of address, nothing more. */
  if (hui_utf8_count(name + 6, (size_t)(colon - name - 6)) > 6) return 0;
  return (size_t)(colon - pattern) + strlen("：");
}

static const char *or_empty(const char *s) { return s ? s : ""; }

/* Only white space (e.g. {unit} of a collective without one): nothing to set. */
static bool blank(const char *text) {
  size_t n = 0;
  uint32_t *cps = hui_utf8_to_cps(text, strlen(text), &n);
  bool r = true;
  for (size_t i = 0; i < n && r; i++) r = hui_is_space(cps[i]);
  free(cps);
  return r;
}

static char *expand(const char *pattern, const hui_cert_var *vars, size_t n) {
  char *bad = NULL;
  char *r = hui_cert_expand(pattern, vars, n, &bad);
  free(bad);
  return r ? r : hui_xstrdup(pattern); /* the rules have reported it */
}

/* Adds a finding, unless this composition has added the same one (file,
 * place, rule and message) already; when once, any finding of the rule at
 * that place is the same one (a campaign's words are reported once, whatever
 * the awardee they were found with). */
static void report(cctx *c, hui_severity sev, const char *file, hui_pos pos, const char *rule,
                   bool once, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
static void report(cctx *c, hui_severity sev, const char *file, hui_pos pos, const char *rule,
                   bool once, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = hui_xvasprintf(fmt, ap);
  va_end(ap);
  for (size_t i = c->first_diag; i < hui_diags_len(c->d); i++) {
    const hui_diag *x = hui_diags_at(c->d, i);
    if (x->line == pos.line && x->col == pos.col && strcmp(x->rule, rule) == 0 &&
        strcmp(x->file, file) == 0 && (once || strcmp(x->message, msg) == 0)) {
      free(msg);
      return;
    }
  }
  hui_diag_add(c->d, sev, file, pos.line, pos.col, rule, "%s", msg);
  free(msg);
}

/* Whether a fit is worth a finding: set smaller, wrapped (but for the text
 * box, which is wrapped anyway) or overflowing. */
static bool fit_changed(hui_cbox_field field, const hui_cbox *b, const hui_fit *f) {
  bool smaller = f->size < b->size - 1e-9;
  if (f->overflow || smaller) return true;
  return f->lines > 1 && field != HUI_CBOX_TEXT;
}

/* How box b of field fits the campaign's words alone: pattern expanded as
 * for an awardee with no name, unit or position. Each text is fitted once
 * (cached); fitting sets c->para, so the caller sets its own text again. */
static hui_fit base_fit(cctx *c, hui_cbox_field field, const hui_cbox *b, const char *pattern,
                    const hui_cert_var *vars, size_t nv) {
  hui_cert_var *none = hui_xmalloc(nv * sizeof *none);
  for (size_t i = 0; i < nv; i++) {
    none[i] = vars[i];
    if (strcmp(vars[i].key, "name") == 0 || strcmp(vars[i].key, "unit") == 0 ||
        strcmp(vars[i].key, "position") == 0)
      none[i].value = "";
  }
  char *text = expand(pattern, none, nv);
  free(none);
  for (size_t i = 0; i < c->nbases; i++)
    if (c->bases[i].field == field && strcmp(c->bases[i].text, text) == 0) {
      free(text);
      return *c->bases[i].f;
    }
  hui_fit f = {b->size, 1, 1, true, false, false};
  if (!blank(text)) f = fit_box(c, b, text, field == HUI_CBOX_TEXT);
  struct base *x = HUI_PUSH(c->bases, c->nbases, c->capbases);
  x->field = field;
  x->text = text;
  x->f = hui_xmalloc(sizeof *x->f);
  *x->f = f;
  return f;
}

/* Where campaign.xml holds the words of a box. */
static hui_pos words_pos(const hui_campaign *cp, const hui_submission *s, hui_cbox_field field) {
  const hui_field *f = &cp->certificate.text;
  if (field == HUI_CBOX_TITLE) f = &cp->certificate.title;
  else if (field == HUI_CBOX_ISSUER) f = &cp->certificate.issuer;
  else if (field == HUI_CBOX_DATE) f = &cp->certificate.date;
  else if (field == HUI_CBOX_NUMBER) f = &cp->certificate.number_format;
  else if (!(s->person.text && *s->person.text) && cp->certificate.text_collective.text &&
           *cp->certificate.text_collective.text)
    f = &cp->certificate.text_collective; /* as hui_cert_text_pattern chooses */
  return f->text ? f->pos : cp->certificate.text.pos;
}

/* Reports a box that had to shrink, wrap or overflow. When the campaign's
 * words alone do the same (base_fit), the words are at fault: once, on
 * campaign.xml. Otherwise the awardee's own name, unit or position make the
 * difference: on the submission, saying whose. */
static void warn_fit(cctx *c, const hui_submission *s, const hui_field *person, const char *who,
                     const char *number, hui_cbox_field field,
                     const hui_cbox *b, const hui_fit *f, const char *pattern, const hui_cert_var *vars,
                     size_t nv) {
  if (!fit_changed(field, b, f)) return;
  const hui_campaign *cp = &c->e->campaign;
  bool own = field == HUI_CBOX_NAME || field == HUI_CBOX_TEXT || field == HUI_CBOX_UNIT;
  hui_fit base;
  if (own) {
    base = base_fit(c, field, b, pattern, vars, nv);
    if (f->overflow ? base.overflow : fit_changed(field, b, &base)) {
      own = false;
      f = &base;
    }
  }
  char wrapped[64] = "";
  if (f->lines > 1 && field != HUI_CBOX_TEXT)
    snprintf(wrapped, sizeof wrapped, _(" and wrapped onto %zu lines"), f->lines);
  char below[96] = "";
  if (f->below_min)
    snprintf(below, sizeof below, _("; that is below the template's minimum of %g pt"), b->min);
  if (!own) {
    hui_pos pos = words_pos(cp, s, field);
    if (f->overflow)
      report(
          c, HUI_ERROR, cp->path, pos, "cert-overflow", true,
          _("the certificate %s does not fit its box even at %g pt, on every certificate: only %zu "
            "of its %zu lines are printed. Shorten it, or give the template's %s box more room"),
          _(BOX_WORDS[field]), FLOOR_PT, f->lines, f->all_lines, BOX_NAMES[field]);
    else
      report(c, HUI_WARNING, cp->path, pos, "cert-shrunk", true,
             _("the certificate %s is set at %g pt%s instead of %g pt%s to fit its box%s, on every "
               "certificate; shorten it to have it at its full size"),
             _(BOX_WORDS[field]), f->size, field == HUI_CBOX_TEXT ? _(" or smaller") : "", b->size,
             wrapped, below);
    return;
  }
  hui_pos pos = field == HUI_CBOX_UNIT && s->unit.text ? s->unit.pos
                : person                            ? person->pos
                : s->person.text && *s->person.text ? s->person.pos
                                                    : s->collective.pos;
  if (f->overflow) {
    if (field == HUI_CBOX_TEXT)
      report(c, HUI_ERROR, s->path, pos, "cert-overflow", false,
             _("the certificate of %s (%s): with this awardee's name, unit and job title the text "
               "does not fit its box even at %g pt; only %zu of its %zu lines are printed. Use a "
               "shorter form of them in the submission, shorten the certificate text, or give the "
               "template's text box more room"),
             who, number, FLOOR_PT, f->lines, f->all_lines);
    else
      report(c, HUI_ERROR, s->path, pos, "cert-overflow", false,
             _("the certificate of %s (%s): the %s does not fit its box even at %g pt; only %zu of "
               "its %zu lines are printed. Shorten it, or give the template's %s box more room"),
             who, number, _(BOX_WORDS[field]), FLOOR_PT, f->lines, f->all_lines, BOX_NAMES[field]);
    return;
  }
  report(
      c, HUI_WARNING, s->path, pos, "cert-shrunk", false,
      _("the certificate of %s (%s): the %s is set at %g pt instead of %g pt%s to fit its box%s"),
      who, number, _(BOX_WORDS[field]), f->size, b->size, wrapped, below);
}

/* One certificate page, for the submission s as a whole (person NULL: who
 * is its name, the persons joined), or for one of its persons (who is that
 * person's name, from the field person). */
static void certificate(cctx *c, const hui_submission *s, const hui_field *person, const char *who,
                        const char *number, const char *date, const hui_image *seal) {
  const hui_edition *e = c->e;
  const hui_campaign *cp = &e->campaign;
  const hui_template *t = c->t;
  hui_book *book = c->out->book;
  hui_dpage *pg = hui_dpage_new(mm(t->page_w), mm(t->page_h));
  size_t page = c->out->n; /* one page a certificate, kept or not */
  if (c->to) c->page = pg;
  else *HUI_PUSH(book->pages, book->npages, book->cap) = pg;
  border(c, pg);

  const hui_tier *tr = s->tier >= 0 && (size_t)s->tier < cp->ntiers ? &cp->tiers[s->tier] : NULL;
  const char *tier = tr ? tr->name : "";
  const char *prize = tr && tr->prize && *tr->prize ? tr->prize : tier;
  hui_cert_var vars[] = {
      {"name", who}, {"unit", or_empty(s->unit.text)},
      {"position", or_empty(s->position.text)}, {"area", or_empty(cp->area.text)},
      {"campaign", or_empty(cp->name.text)}, {"tier", tier}, {"prize", prize},
      {"year", or_empty(cp->year.text)}, {"number", number}, {"date", date},
  };
  size_t nv = sizeof vars / sizeof *vars;

  char *pattern = hui_cert_text_pattern(cp, s);
  if (!pattern) pattern = hui_xstrdup("");
  size_t sal = t->cert.cbox[HUI_CBOX_NAME].set && !t->cert.cbox[HUI_CBOX_NAME].text ? salutation_len(pattern) : 0;
  char *sal_pattern = hui_xstrndup(pattern, sal);
  const char *rest = pattern + sal;
  while (*rest == ' ' || *rest == '\n' || *rest == '\t') rest++;

  const char *defaults[HUI_CBOX_COUNT] = {
      cp->certificate.title.text && *cp->certificate.title.text ? cp->certificate.title.text : "荣誉证书",
      sal_pattern, rest, "{unit}", or_empty(cp->certificate.issuer.text), "{date}", "{number}", NULL};

  if (seal && t->cert.cbox[HUI_CBOX_SEAL].set) {
    const hui_cbox *b = &t->cert.cbox[HUI_CBOX_SEAL];
    double w = mm(b->w), h = mm(b->h);
    uint32_t sw, sh;
    hui_image_upright_size(seal, &sw, &sh);
    if (sw && sh) {
      double ar = (double)sw / sh;
      if (w / h > ar) w = h * ar;
      else h = w / ar;
    }
    double x = mm(b->x) + c->ox + (mm(b->w) - w) / 2, y = mm(b->y) + c->oy + (mm(b->h) - h) / 2;
    hui_dpage_image(pg, seal, x, y, w, h);
    record(c, page, HUI_CBOX_SEAL, pg->nglyphs, pg, x, y, w, h, 0, 0);
  }
  for (int f = 0; f < HUI_CBOX_COUNT; f++) {
    const hui_cbox *b = &t->cert.cbox[f];
    if (!b->set || f == HUI_CBOX_SEAL) continue;
    const char *pat = b->text ? b->text : defaults[f];
    if (!pat || !*pat) continue;
    char *text = expand(pat, vars, nv);
    if (!blank(text)) {
      hui_fit fb = fit_box(c, b, text, f == HUI_CBOX_TEXT);
      if (fit_changed((hui_cbox_field)f, b, &fb)) {
        warn_fit(c, s, person, who, number, (hui_cbox_field)f, b, &fb, pat, vars, nv);
        fb = fit_box(c, b, text, f == HUI_CBOX_TEXT); /* set again: base_fit may have set another */
      }
      draw_fit(c, pg, page, (hui_cbox_field)f, b, &fb);
    }
    free(text);
  }
  free(sal_pattern);
  free(pattern);

  hui_outline *o = HUI_PUSH(book->outlines, book->noutlines, book->capoutlines);
  o->level = 0;
  o->title = hui_xasprintf("%s　%s", number, who);
  o->page = page;
  o->y = 0;
  hui_toc_entry *te = HUI_PUSH(book->toc, book->ntoc, book->captoc);
  te->sub = (size_t)(s - e->subs);
  te->page = page;
  te->number = (int)page + 1;
}

/* A certificate page and its place in the output's lists; takes number. */
static void page(cctx *c, const hui_submission *s, const hui_field *person, const char *who,
                 size_t sub, size_t k, char *number, const char *date, const hui_image *seal) {
  hui_certs *out = c->out;
  if (out->n == out->cap) {
    out->cap = out->cap ? 2 * out->cap : 16;
    out->subs = hui_xrealloc(out->subs, out->cap * sizeof *out->subs);
    out->persons = hui_xrealloc(out->persons, out->cap * sizeof *out->persons);
    out->numbers = hui_xrealloc(out->numbers, out->cap * sizeof *out->numbers);
    out->names = hui_xrealloc(out->names, out->cap * sizeof *out->names);
  }
  certificate(c, s, person, who, number, date, seal);
  if (c->to) {
    if (!c->why && !hui_backend_page(c->to, c->page, false, &c->why) && !c->why)
      c->why = hui_xstrdup(_("the output refused a page"));
    hui_dpage_free(c->page);
    c->page = NULL;
  }
  out->subs[out->n] = sub;
  out->persons[out->n] = k;
  out->numbers[out->n] = number;
  out->names[out->n] = hui_xstrdup(who);
  out->n++;
}

static const hui_image *load_seal(cctx *c) {
  const hui_campaign *cp = &c->e->campaign;
  if (!c->t->cert.cbox[HUI_CBOX_SEAL].set || !cp->certificate.seal.text || !*cp->certificate.seal.text) return NULL;
  char *path = hui_path_inside(c->e->dir, cp->certificate.seal.text);
  char *why = NULL;
  hui_image *img = path ? hui_image_load(path, &why) : NULL;
  free(path);
  if (!img) {
    report(c, HUI_WARNING, cp->path, cp->certificate.seal.pos, "cert-seal", false,
           _("the seal '%s' %s; the certificates are printed without it (stamp them by hand)"),
           cp->certificate.seal.text, why ? why : _("was not found inside the edition folder"));
    free(why);
    return NULL;
  }
  hui_book *b = c->out->book;
  *HUI_PUSH(b->images, b->nimages, b->capimages) = img;
  return img;
}

hui_certs *hui_certificates_compose(const hui_edition *e, const size_t *order, size_t norder,
                                    const hui_template *t, hui_fonts *fonts,
                                    const hui_cert_opts *opts, hui_diags *d, char **why) {
  *why = NULL;
  if (t->kind != HUI_TEMPLATE_CERTIFICATE) {
    *why = hui_xasprintf(_("template '%s' is not a certificate template (kind=\"certificate\")"),
                         t->name);
    return NULL;
  }
  for (int f = 0; f < HUI_CBOX_COUNT; f++) {
    char *bad = t->cert.cbox[f].text ? hui_cert_unknown(t->cert.cbox[f].text, hui_cert_text_keys) : NULL;
    if (bad) {
      *why = hui_xasprintf(_("%s: <box field=\"%s\" text=\"%s\">: unknown placeholder '%s'"),
                           t->path, BOX_NAMES[f], t->cert.cbox[f].text, bad);
      free(bad);
      return NULL;
    }
  }
  hui_certs *out = hui_xcalloc(1, sizeof *out);
  out->book = hui_xcalloc(1, sizeof *out->book);
  cctx c = {.e = e, .t = t, .fonts = fonts, .d = d, .out = out, .para = hui_para_new(fonts),
            .first_diag = hui_diags_len(d)};
  if (opts) {
    c.ox = mm(opts->offset_x);
    c.oy = mm(opts->offset_y);
    c.to = opts->out;
  }
  const hui_image *seal = load_seal(&c);
  char *date = hui_cert_date(e->campaign.certificate.date.text, t->cert.date_chinese);
  char **numbers = hui_cert_numbers(e, order, norder);
  for (size_t i = 0; i < norder && !c.why; i++) {
    if (opts && opts->keep && !opts->keep[i]) continue;
    const hui_submission *s = &e->subs[order[i]];
    size_t persons = hui_cert_persons(&e->campaign, s);
    if (!persons) {
      page(&c, s, NULL, hui_submission_name(s), order[i], 0, hui_xstrdup(numbers[i]),
           date ? date : "", seal);
      continue;
    }
    for (size_t k = 1; k <= persons; k++) {
      const hui_field *f = k == 1 ? &s->person : &s->others[k - 2];
      page(&c, s, f, f->text ? f->text : "", order[i], k, hui_cert_person_number(numbers[i], k),
           date ? date : "", seal);
    }
  }
  hui_cert_numbers_free(numbers, norder);
  free(date);
  for (size_t i = 0; i < c.nbases; i++) {
    free(c.bases[i].text);
    free(c.bases[i].f);
  }
  free(c.bases);
  hui_para_free(c.para);
  if (c.to) out->book->total = out->n;
  if (c.why) {
    *why = c.why;
    hui_certs_free(out);
    return NULL;
  }
  return out;
}

void hui_certs_free(hui_certs *c) {
  if (!c) return;
  hui_book_free(c->book);
  for (size_t i = 0; i < c->n; i++) {
    free(c->numbers[i]);
    free(c->names[i]);
  }
  free(c->numbers);
  free(c->names);
  free(c->persons);
  free(c->subs);
  free(c->places);
  free(c);
}

/* --- The alignment sheet ------------------------------------------------ */

/* One line of text at baseline y on a white ground, so the grid does not
 * run through it. */
static void label(hui_para *p, hui_dpage *pg, const char *text, hui_role role, double size,
                  double x, double y) {
  hui_para_clear(p);
  hui_para_add(p, text, role, size, 0);
  hui_para_spec spec = {1e6, 0, 0, HUI_ALIGN_LEFT, false, false, false};
  if (!hui_para_set(p, &spec)) return;
  double w = hui_para_line(p, 0)->width;
  hui_dpage_rule(pg, x - 1, y - 0.36 * size, x + w + 1, y - 0.36 * size, 1.1 * size, hui_gray(1));
  hui_para_draw_line(p, 0, pg, x, y);
}

hui_book *hui_certificates_calibration(const hui_template *t, hui_fonts *fonts,
                                       const hui_cert_opts *opts) {
  static const char *const CN[HUI_CBOX_COUNT] = {"标题", "称呼", "正文", "单位",
                                                 "落款", "日期", "编号", "印章"};
  hui_book *book = hui_xcalloc(1, sizeof *book);
  double pw = mm(t->page_w), ph = mm(t->page_h);
  double ox = opts ? mm(opts->offset_x) : 0, oy = opts ? mm(opts->offset_y) : 0;
  hui_dpage *pg = hui_dpage_new(pw, ph);
  *HUI_PUSH(book->pages, book->npages, book->cap) = pg;
  hui_para *p = hui_para_new(fonts);
  /* The grid: every millimetre, stronger every 5 and 10, numbered every 10
   * from the sheet's top-left corner (as the template's boxes are). */
  for (int x = 0; x <= (int)t->page_w; x++) {
    double lw = x % 10 == 0 ? 0.4 : x % 5 == 0 ? 0.25 : 0.1;
    double gray = x % 10 == 0 ? 0.35 : x % 5 == 0 ? 0.55 : 0.75;
    hui_dpage_rule(pg, mm(x) + ox, oy, mm(x) + ox, ph + oy, lw, hui_gray(gray));
  }
  for (int y = 0; y <= (int)t->page_h; y++) {
    double lw = y % 10 == 0 ? 0.4 : y % 5 == 0 ? 0.25 : 0.1;
    double gray = y % 10 == 0 ? 0.35 : y % 5 == 0 ? 0.55 : 0.75;
    hui_dpage_rule(pg, ox, mm(y) + oy, pw + ox, mm(y) + oy, lw, hui_gray(gray));
  }
  char num[16];
  for (int x = 10; x < (int)t->page_w; x += 10) {
    snprintf(num, sizeof num, "%d", x);
    label(p, pg, num, HUI_ROLE_LATIN, 6, mm(x) + ox + 1, mm(3) + oy);
  }
  for (int y = 10; y < (int)t->page_h; y += 10) {
    snprintf(num, sizeof num, "%d", y);
    label(p, pg, num, HUI_ROLE_LATIN, 6, mm(1) + ox, mm(y) + oy - 1);
  }
  for (int f = 0; f < HUI_CBOX_COUNT; f++) {
    const hui_cbox *b = &t->cert.cbox[f];
    if (!b->set) continue;
    double x = mm(b->x) + ox, y = mm(b->y) + oy;
    hui_box_frame(pg, x, y, mm(b->w), mm(b->h), 0.9, hui_gray(0));
    char *text = hui_xasprintf("%s %s  (%g, %g) %g × %g mm", CN[f], BOX_NAMES[f], b->x, b->y, b->w, b->h);
    label(p, pg, text, HUI_ROLE_BODY, 7, x + 2, y + 8);
    free(text);
  }
  char *head = hui_xasprintf("校准页 alignment sheet: template %s, offset %+.1f, %+.1f mm", t->name,
                             opts ? opts->offset_x : 0.0, opts ? opts->offset_y : 0.0);
  label(p, pg, head, HUI_ROLE_BODY, 9, mm(12) + ox, ph - mm(10) + oy);
  label(p, pg, "Print at 100% (no scaling) on the stock; the grid counts millimetres from the "
               "sheet's top-left corner, as the template's boxes do.",
        HUI_ROLE_BODY, 8, mm(12) + ox, ph - mm(5) + oy);
  free(head);
  hui_para_free(p);
  hui_outline *o = HUI_PUSH(book->outlines, book->noutlines, book->capoutlines);
  o->title = hui_xstrdup("校准页");
  return book;
}
