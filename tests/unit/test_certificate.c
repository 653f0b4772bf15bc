/* test_certificate: certificate words (placeholders, numbers, Chinese-numeral
 * dates) and composition: one page per awardee in compendium order, and every
 * glyph of every field inside its template box — long collectives and long
 * unit names included — with the offset applied. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/base.h"
#include "certtext.h"
#include "check.h"
#include "compose/certificate.h"
#include "diag.h"
#include "fonts.h"
#include "load.h"
#include "rules/rules.h"
#include "text/order.h"

static void check_date(const char *iso, bool chinese, const char *want) {
  char *got = hui_cert_date(iso, chinese);
  if (want) {
    CHECK_STR(got, want);
  } else if (got) {
    fprintf(stderr, "date %s: got \"%s\", want NULL\n", iso, got);
    CHECK(got == NULL);
  } else {
    CHECK(got == NULL);
  }
  free(got);
}

static void test_dates(void) {
  check_date("2020-11-20", true, "二〇二〇年十一月二十日");
  check_date("2020-11-20", false, "2020年11月20日");
  check_date("2000-01-10", true, "二〇〇〇年一月十日");
  check_date("2010-10-31", true, "二〇一〇年十月三十一日");
  check_date("2020-12-11", true, "二〇二〇年十二月十一日");
  check_date("2021-03-21", true, "二〇二一年三月二十一日");
  check_date("2019-07-30", true, "二〇一九年七月三十日");
  check_date("2000-01-01", false, "2000年1月1日");
  check_date("2020-02-29", true, "二〇二〇年二月二十九日");
  check_date("2021-02-29", true, NULL); /* not a leap year */
  check_date("2020-13-01", true, NULL);
  check_date("2020-11-31", false, NULL);
  check_date("2020/11/20", false, NULL);
  check_date("", false, NULL);
  check_date(NULL, false, NULL);
}

static void test_expand(void) {
  hui_cert_var vars[] = {{"name", "张三"}, {"seq", "7"}, {"year", "2020"}};
  char *bad = NULL;
  char *s = hui_cert_expand("{year}-{seq:03}-{name}", vars, 3, &bad);
  CHECK_STR(s, "2020-007-张三");
  free(s);
  s = hui_cert_expand("{{literal}} {seq:1}", vars, 3, &bad);
  CHECK_STR(s, "{literal} 7");
  free(s);
  s = hui_cert_expand("{name}同志：{nme}", vars, 3, &bad);
  CHECK(s == NULL);
  CHECK_STR(bad, "{nme}");
  free(bad);
  s = hui_cert_expand("{name", vars, 3, &bad);
  CHECK(s == NULL && bad != NULL);
  free(bad);
  s = hui_cert_expand("{seq:x}", vars, 3, &bad);
  CHECK(s == NULL && bad != NULL);
  free(bad);
  char *unk = hui_cert_unknown(
      "{name}同志：在{area}{campaign}中荣获{tier}，{number}{date}{unit}{position}{year}",
      hui_cert_text_keys);
  CHECK(unk == NULL);
  unk = hui_cert_unknown("{name}{award}", hui_cert_text_keys);
  CHECK_STR(unk, "{award}");
  free(unk);
  unk = hui_cert_unknown("{year}-{tier-no}-{tier-id}-{seq:03}-{n}-{id}", hui_cert_number_keys);
  CHECK(unk == NULL);
}

static void test_collective_text(void) {
  hui_campaign c = {0};
  c.certificate.text.text = "{name}同志：在{area}荣获{tier}。";
  hui_submission person = {0}, group = {0};
  person.person.text = "张三";
  group.collective.text = "青石镇卫生院";
  char *p = hui_cert_text_pattern(&c, &person);
  CHECK_STR(p, "{name}同志：在{area}荣获{tier}。");
  free(p);
  p = hui_cert_text_pattern(&c, &group);
  CHECK_STR(p, "{name}：在{area}荣获{tier}。");
  free(p);
  c.certificate.text_collective.text = "授予{name}荣誉称号。";
  p = hui_cert_text_pattern(&c, &group);
  CHECK_STR(p, "授予{name}荣誉称号。");
  free(p);
}

static double mm(double v) { return v * 72.0 / 25.4; }

/* Every glyph of every placed field lies inside the field's box (its ink
 * horizontally, its em box vertically); the boxes are the template's,
 * shifted by the offset; every glyph of the page belongs to a field. */
static void check_boxes(const hui_certs *cs, const hui_template *t, double ox, double oy) {
  const double eps = 0.02;
  size_t bad = 0, glyphs = 0;
  for (size_t pi = 0; pi < cs->n; pi++) {
    const hui_dpage *pg = cs->book->pages[pi];
    size_t owned = 0;
    for (size_t k = 0; k < cs->nplaces; k++) {
      const hui_cert_place *pl = &cs->places[k];
      if (pl->page != pi) continue;
      const hui_cbox *b = &t->cert.cbox[pl->field];
      CHECK(fabs(pl->x - mm(b->x + ox)) < 0.01 && fabs(pl->y - mm(b->y + oy)) < 0.01);
      owned += pl->count;
      for (size_t r = 0; r < pg->nruns; r++) {
        const hui_drun *run = &pg->runs[r];
        for (size_t g = run->first; g < run->first + run->count; g++) {
          if (g < pl->first || g >= pl->first + pl->count) continue;
          glyphs++;
          /* Horizontally the ink: a mark at a line's end is set half width
           * (docs/typography.md, C2), so its advance box reaches past the measure
           * while its ink, in the left half, does not. */
          double x0 = pg->glyphs[g].x, ink0, ink1;
          double x1 = x0 + hui_face_advance(run->face, pg->glyphs[g].cp) * run->size;
          if (hui_face_ink(run->face, pg->glyphs[g].cp, &ink0, &ink1)) {
            x1 = x0 + ink1 * run->size;
            x0 += ink0 * run->size;
          }
          double y0 = run->y - 0.88 * run->size, y1 = run->y + 0.12 * run->size;
          if (x0 < pl->x - eps || x1 > pl->x + pl->w + eps || y0 < pl->y - eps ||
              y1 > pl->y + pl->h + eps) {
            if (bad++ < 5)
              fprintf(
                  stderr,
                  "page %zu %s: U+%04X at (%.2f..%.2f, %.2f..%.2f) outside (%.2f, %.2f, %.2f, %.2f)\n",
                  pi + 1, hui_cbox_name(pl->field), (unsigned)pg->glyphs[g].cp, x0, x1, y0, y1,
                  pl->x, pl->y, pl->w, pl->h);
          }
        }
      }
    }
    CHECK_INT(owned, pg->nglyphs);
  }
  CHECK_INT(bad, 0);
  CHECK(glyphs > 100);
}

/* The text of a field on page pi, as UTF-8. */
static char *field_text(const hui_certs *cs, size_t pi, hui_cbox_field f) {
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  for (size_t k = 0; k < cs->nplaces; k++) {
    const hui_cert_place *pl = &cs->places[k];
    if (pl->page != pi || pl->field != f) continue;
    for (size_t g = pl->first; g < pl->first + pl->count; g++)
      hui_buf_utf8(&b, cs->book->pages[pi]->glyphs[g].cp);
  }
  return hui_buf_take(&b);
}

static const hui_cert_place *place(const hui_certs *cs, size_t pi, hui_cbox_field f) {
  for (size_t k = 0; k < cs->nplaces; k++)
    if (cs->places[k].page == pi && cs->places[k].field == f) return &cs->places[k];
  return NULL;
}

static size_t count_rule(const hui_diags *d, const char *rule, const char *file) {
  size_t n = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    n += strcmp(x->rule, rule) == 0 && (!file || strstr(x->file, file));
  }
  return n;
}

/* Per-person numbers: the awardee's number with -1, -2 after it; the rule
 * cert-number sees them, so number format {id} with ids a (two persons) and
 * a-1 gives "a-1" twice — and not when each awardee has one certificate. */
/* A backend that keeps what it was given of each page (its size and
 * glyphs), its bookmarks and labels. */
typedef struct seen {
  hui_buf pages;
  size_t npages, noutlines, nlabels;
} seen;

static bool seen_page(void *self, const hui_dpage *pg, bool front, char **why) {
  (void)why;
  seen *s = self;
  hui_buf_printf(&s->pages, "%d %.2f %.2f %zu %zu %zu %zu:", front, pg->width, pg->height,
                 pg->nglyphs, pg->nruns, pg->nrules, pg->nimages);
  for (size_t i = 0; i < pg->nglyphs; i++)
    hui_buf_printf(&s->pages, " %X@%.2f", (unsigned)pg->glyphs[i].cp, pg->glyphs[i].x);
  for (size_t i = 0; i < pg->nruns; i++)
    hui_buf_printf(&s->pages, " run %.2f %.2f %zu", pg->runs[i].size, pg->runs[i].y,
                   pg->runs[i].count);
  hui_buf_putc(&s->pages, '\n');
  s->npages++;
  return true;
}

static bool seen_outline(void *self, int level, const char *title, size_t page, double y,
                         char **why) {
  (void)level, (void)title, (void)page, (void)y, (void)why;
  ((seen *)self)->noutlines++;
  return true;
}

static bool seen_label(void *self, size_t from, hui_label_style style, int first, char **why) {
  (void)from, (void)style, (void)first, (void)why;
  ((seen *)self)->nlabels++;
  return true;
}

static bool seen_finish(void *self, const char *path, char **why) {
  (void)self, (void)path, (void)why;
  return true;
}

static void seen_free(void *self) { (void)self; }

static const hui_backend_ops SEEN = {"seen",      seen_page, seen_outline, seen_label,
                                     seen_finish, seen_free, NULL};

static void test_person_numbers(void) {
  for (int per_person = 0; per_person < 2; per_person++) {
    hui_edition *e = hui_xcalloc(1, sizeof *e);
    e->dir = hui_xstrdup(".");
    hui_campaign *c = &e->campaign;
    c->path = hui_xstrdup("campaign.xml");
    c->loaded = true;
    c->certificate.text.text = hui_xstrdup("{name}同志：");
    c->certificate.number_format.text = hui_xstrdup("{id}");
    c->certificate.per_person = per_person;
    c->ntiers = 1;
    c->tiers = hui_xcalloc(1, sizeof *c->tiers);
    c->tiers[0] = (hui_tier){hui_xstrdup("t"), hui_xstrdup("一等奖"), -1, {1, 1}, NULL};
    c->nawards = 2;
    c->awards = hui_xcalloc(2, sizeof *c->awards);
    e->nsubs = 2;
    e->subs = hui_xcalloc(2, sizeof *e->subs);
    static const char *const ids[] = {"a", "a-1"}, *const names[] = {"林守山", "周满仓"};
    for (size_t i = 0; i < 2; i++) {
      hui_submission *s = &e->subs[i];
      s->path = hui_xasprintf("submissions/%s.xml", ids[i]);
      s->loaded = true;
      s->id.text = hui_xstrdup(ids[i]);
      s->person.text = hui_xstrdup(names[i]);
      s->body = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){1, 1});
      c->awards[i].ref.text = hui_xstrdup(ids[i]);
      c->awards[i].tier.text = hui_xstrdup("t");
    }
    hui_submission *a = &e->subs[0];
    a->nothers = 1;
    a->others = hui_xcalloc(1, sizeof *a->others);
    a->others[0].text = hui_xstrdup("林晓禾");
    a->joined_name = hui_xstrdup("林守山　林晓禾");
    CHECK_INT(hui_cert_persons(c, a), per_person ? 2 : 0);
    CHECK_INT(hui_cert_persons(c, &e->subs[1]), 0);
    hui_diags *d = hui_diags_new();
    hui_rules_run(e, d);
    CHECK_INT(count_rule(d, "cert-number", NULL), per_person ? 1 : 0);
    for (size_t i = 0; i < hui_diags_len(d); i++)
      if (strcmp(hui_diags_at(d, i)->rule, "cert-number") == 0)
        CHECK(strstr(hui_diags_at(d, i)->message, "'a-1' to both a and a-1") != NULL);
    hui_diags_free(d);
    hui_edition_free(e);
  }
  char *n = hui_cert_person_number("2021-1-003", 2);
  CHECK_STR(n, "2021-1-003-2");
  free(n);
}

static void test_compose(const char *src) {
  char *dir = hui_path_join(src, "tests/data/cert-edition");
  char *tdir = hui_path_join(src, "templates");
  char *fdir = hui_path_join(src, "fonts");
  char *why = NULL;
  hui_diags *d = hui_diags_new();
  hui_edition *e = hui_load_edition(dir, d, &why);
  CHECK(e != NULL);
  if (!e) return;
  hui_rules_run(e, d);
  CHECK_INT(hui_diags_count(d, HUI_ERROR), 0);
  hui_fonts *fonts = hui_fonts_open(fdir, dir, &why);
  CHECK(fonts != NULL);
  hui_template *t = hui_load_template(dir, tdir, "certificate-a4-landscape", &why);
  CHECK(t != NULL && t->kind == HUI_TEMPLATE_CERTIFICATE);
  if (!fonts || !t) return;
  CHECK(t->cert.date_chinese);
  CHECK(t->cert.cbox[HUI_CBOX_NAME].set && t->cert.cbox[HUI_CBOX_SEAL].set &&
        !t->cert.cbox[HUI_CBOX_UNIT].set);
  CHECK(fabs(t->cert.cbox[HUI_CBOX_NAME].min - 14) < 1e-9);

  size_t n;
  size_t *order = hui_order_awarded(e, &n);
  CHECK_INT(n, 6);
  hui_certs *cs = hui_certificates_compose(e, order, n, t, fonts, NULL, d, &why);
  CHECK(cs != NULL);
  if (!cs) return;
  CHECK_INT(cs->n, n);
  CHECK_INT(cs->book->npages, n);
  for (size_t i = 0; i < n; i++) CHECK_INT(cs->subs[i], order[i]);
  /* Numbers: QS{year}-{tier-no}-{seq:03}, seq counting within the tier. */
  CHECK_STR(cs->numbers[0], "QS2020-1-001");
  CHECK_STR(cs->numbers[1], "QS2020-1-002");
  CHECK_STR(cs->numbers[2], "QS2020-2-001");
  CHECK_STR(cs->numbers[5], "QS2020-3-002");
  check_boxes(cs, t, 0, 0);

  for (size_t i = 0; i < n; i++) {
    const hui_submission *s = &e->subs[order[i]];
    bool collective = !s->person.text;
    char *name = field_text(cs, i, HUI_CBOX_NAME);
    char *want = hui_xasprintf("%s%s：", hui_submission_name(s), collective ? "" : "同志");
    CHECK_STR(name, want);
    free(want);
    free(name);
    char *num = field_text(cs, i, HUI_CBOX_NUMBER);
    char *wnum = hui_xasprintf("编号：%s", cs->numbers[i]);
    CHECK_STR(num, wnum);
    free(num);
    free(wnum);
    char *date = field_text(cs, i, HUI_CBOX_DATE);
    CHECK_STR(date, "二〇二〇年十一月二十日");
    free(date);
    char *text = field_text(cs, i, HUI_CBOX_TEXT);
    CHECK(strstr(text, e->campaign.tiers[s->tier].name) != NULL);
    if (!collective) CHECK(strstr(text, s->unit.text) != NULL);
    free(text);
    const hui_cert_place *np = place(cs, i, HUI_CBOX_NAME);
    CHECK(np != NULL);
    /* Short names keep the template's size; the long collectives shrink
     * (c03, 39 characters, on one line) or wrap (c05, 51, on two). */
    if (np && strcmp(s->id.text, "c03") == 0)
      CHECK(np->size < 22 && np->size >= 14 && np->lines == 1);
    else if (np && strcmp(s->id.text, "c05") == 0) CHECK(np->size >= 14 && np->lines == 2);
    else if (np) CHECK(np->size == 22 && np->lines == 1);
    const hui_cert_place *sp = place(cs, i, HUI_CBOX_SEAL);
    CHECK(sp != NULL && cs->book->pages[i]->nimages == 1);
  }
  CHECK_INT(count_rule(d, "cert-shrunk", "c03.xml"), 1);
  CHECK_INT(count_rule(d, "cert-shrunk", "c05.xml"), 1);
  CHECK_INT(count_rule(d, "cert-shrunk", NULL), 2);
  CHECK_INT(cs->book->nimages, 1); /* the seal, loaded once */
  hui_certs_free(cs);

  /* A narrow unit box: the 32-character unit shrinks, then wraps, and stays
   * inside; the collectives (no unit) get nothing in it. Offset 3, -2 mm. */
  hui_cbox *u = &t->cert.cbox[HUI_CBOX_UNIT];
  *u = t->cert.cbox[HUI_CBOX_NUMBER];
  u->role = hui_xstrdup("kai");
  u->text = NULL;
  u->x = 20;
  u->y = 180;
  u->w = 60;
  u->h = 14;
  u->size = 14;
  u->min = 10;
  u->leading = 1.3;
  u->align = HUI_CALIGN_LEFT;
  hui_cert_opts opts = {3, -2, NULL, NULL};
  hui_diags *d2 = hui_diags_new();
  cs = hui_certificates_compose(e, order, n, t, fonts, &opts, d2, &why);
  CHECK(cs != NULL);
  if (cs) {
    check_boxes(cs, t, 3, -2);
    size_t wrapped = 0, empty = 0;
    for (size_t i = 0; i < n; i++) {
      const hui_submission *s = &e->subs[order[i]];
      const hui_cert_place *up = place(cs, i, HUI_CBOX_UNIT);
      if (!s->unit.text) {
        empty += up == NULL;
        continue;
      }
      CHECK(up != NULL);
      if (!up) continue;
      char *ut = field_text(cs, i, HUI_CBOX_UNIT);
      CHECK_STR(ut, s->unit.text);
      free(ut);
      if (strcmp(s->id.text, "c02") == 0) {
        CHECK(up->lines >= 2 && up->size < 14);
        wrapped++;
      }
    }
    CHECK_INT(wrapped, 1);
    CHECK_INT(empty, 2);
    CHECK(count_rule(d2, "cert-shrunk", "c02.xml") >= 1);
  }
  hui_certs_free(cs);
  hui_diags_free(d2);

  /* --only: the numbers stay those of the whole edition. */
  bool keep[6] = {false, false, false, false, false, true};
  hui_cert_opts only = {0, 0, keep, NULL};
  d2 = hui_diags_new();
  cs = hui_certificates_compose(e, order, n, t, fonts, &only, d2, &why);
  CHECK(cs && cs->n == 1 && cs->book->npages == 1);
  if (cs && cs->n == 1) {
    CHECK_STR(cs->numbers[0], "QS2020-3-002");
    CHECK_INT(cs->subs[0], order[5]);
  }
  hui_certs_free(cs);
  hui_diags_free(d2);

  /* Pages sent as they are made: the backend gets the same pages and
   * bookmarks as from the kept book; the book then keeps none. */
  {
    seen kept = {0}, sent = {0};
    hui_backend *bk = hui_backend_new(&SEEN, &kept), *bs = hui_backend_new(&SEEN, &sent);
    d2 = hui_diags_new();
    cs = hui_certificates_compose(e, order, n, t, fonts, &opts, d2, &why);
    CHECK(cs && hui_book_send(cs->book, bk, &why));
    size_t ncerts = cs ? cs->n : 0;
    hui_certs_free(cs);
    hui_diags_free(d2);
    d2 = hui_diags_new();
    hui_cert_opts streamed = opts;
    streamed.out = bs;
    cs = hui_certificates_compose(e, order, n, t, fonts, &streamed, d2, &why);
    CHECK(cs != NULL);
    if (cs) {
      CHECK_INT(cs->book->npages, 0);
      CHECK_INT(cs->n, ncerts);
      CHECK_INT(cs->book->total, ncerts);
      CHECK(cs->nplaces > 0 && cs->places[cs->nplaces - 1].page == ncerts - 1);
      CHECK(hui_book_marks(cs->book, bs, &why));
    }
    CHECK(kept.npages == ncerts && sent.npages == ncerts && ncerts > 0);
    CHECK_INT(sent.noutlines, kept.noutlines);
    CHECK_INT(sent.nlabels, kept.nlabels);
    CHECK(kept.pages.data && sent.pages.data && strcmp(kept.pages.data, sent.pages.data) == 0);
    hui_certs_free(cs);
    hui_diags_free(d2);
    hui_backend_free(bk);
    hui_backend_free(bs);
    hui_buf_free(&kept.pages);
    hui_buf_free(&sent.pages);
  }

  /* check's way: the pages dropped as they are made (the null backend), the
   * same cert-shrunk findings as with the pages kept; the null backend
   * writes no file and says so. */
  {
    hui_backend *none = hui_null_backend();
    hui_cert_opts dropped = opts;
    dropped.out = none;
    hui_diags *dk = hui_diags_new(), *dn = hui_diags_new();
    hui_certs *ck = hui_certificates_compose(e, order, n, t, fonts, &opts, dk, &why);
    cs = hui_certificates_compose(e, order, n, t, fonts, &dropped, dn, &why);
    CHECK(ck && cs);
    if (ck && cs) {
      CHECK_INT(cs->book->npages, 0);
      CHECK_INT(cs->book->total, ck->book->npages);
      CHECK(count_rule(dn, "cert-shrunk", "c02.xml") >= 1);
      CHECK_INT(hui_diags_len(dn), hui_diags_len(dk));
    }
    char *fail = NULL;
    CHECK(!hui_backend_finish(none, "x.pdf", &fail) && fail && strstr(fail, "writes no file"));
    free(fail);
    hui_certs_free(ck);
    hui_certs_free(cs);
    hui_diags_free(dk);
    hui_diags_free(dn);
    hui_backend_free(none);
  }

  /* The alignment sheet: one page, the grid, every box outlined. */
  hui_book *cal = hui_certificates_calibration(t, fonts, &opts);
  CHECK_INT(cal->npages, 1);
  CHECK(cal->pages[0]->nrules > 297 + 210);
  hui_book_free(cal);

  free(order);
  hui_template_free(t);
  hui_fonts_free(fonts);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
  free(tdir);
  free(fdir);
  free(why);
}

/* The findings of rule in file (a part of its name; NULL: any) at line, or
 * anywhere when line is 0. */
static size_t count_at(const hui_diags *d, const char *rule, const char *file, int line) {
  size_t n = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    n += strcmp(x->rule, rule) == 0 && (!file || strstr(x->file, file)) &&
         (!line || x->line == line);
  }
  return n;
}

/* cert-overflow (issue 12): when the campaign's words alone do not fit the
 * text box, once on campaign.xml, at the <text> (persons) and the
 * <text-collective> (collectives) — not once per awardee; when they fit but
 * an awardee's long unit makes them overflow, on that awardee's file, naming
 * the awardee. */
static void test_overflow(const char *src) {
  char *dir = hui_path_join(src, "tests/data/cert-edition");
  char *tdir = hui_path_join(src, "templates");
  char *fdir = hui_path_join(src, "fonts");
  char *why = NULL;
  hui_diags *d = hui_diags_new();
  hui_edition *e = hui_load_edition(dir, d, &why);
  hui_fonts *fonts = e ? hui_fonts_open(fdir, dir, &why) : NULL;
  hui_template *t = fonts ? hui_load_template(dir, tdir, "certificate-a4-landscape", &why) : NULL;
  CHECK(t != NULL);
  if (t) {
    hui_rules_run(e, d);
    size_t n;
    size_t *order = hui_order_awarded(e, &n);
    /* At 5 pt, two lines of about 30 characters: the words alone (about 40
     * with the indent) fit, and so do short units; c02's unit of 31
     * characters does not. */
    hui_cbox *b = &t->cert.cbox[HUI_CBOX_TEXT];
    b->w = 53;
    b->h = 6;
    hui_diags *d1 = hui_diags_new();
    hui_certs *cs = hui_certificates_compose(e, order, n, t, fonts, NULL, d1, &why);
    CHECK(cs != NULL);
    CHECK_INT(count_at(d1, "cert-overflow", NULL, 0), 1);
    CHECK_INT(count_at(d1, "cert-overflow", "c02.xml", 0), 1);
    const hui_diag *x = hui_diags_len(d1) ? hui_diags_at(d1, 0) : NULL;
    for (size_t i = 0; i < hui_diags_len(d1); i++)
      if (strcmp(hui_diags_at(d1, i)->rule, "cert-overflow") == 0) x = hui_diags_at(d1, i);
    CHECK(x && strstr(x->message, "the certificate of 李红 (") &&
          strstr(x->message, "with this awardee's name, unit and job title"));
    hui_certs_free(cs);
    hui_diags_free(d1);
    /* One line of 30: the words alone overflow, for every awardee. */
    b->h = 2.5;
    d1 = hui_diags_new();
    cs = hui_certificates_compose(e, order, n, t, fonts, NULL, d1, &why);
    CHECK(cs != NULL && cs->n == 6);
    CHECK_INT(count_at(d1, "cert-overflow", NULL, 0), 2);
    CHECK_INT(count_at(d1, "cert-overflow", "campaign.xml", e->campaign.certificate.text.pos.line),
              1);
    CHECK_INT(count_at(d1, "cert-overflow", "campaign.xml",
                       e->campaign.certificate.text_collective.pos.line),
              1);
    if (count_at(d1, "cert-overflow", NULL, 0) != 2) hui_diags_print(d1, stderr, NULL);
    hui_certs_free(cs);
    hui_diags_free(d1);
    free(order);
  }
  hui_template_free(t);
  hui_fonts_free(fonts);
  hui_edition_free(e);
  hui_diags_free(d);
  free(dir);
  free(tdir);
  free(fdir);
  free(why);
}

/* Template format errors are reported with the file and line. */
static void test_template_errors(const char *src) {
  (void)src;
  char tmpl[] = "/tmp/huibian-cert-XXXXXX";
  char *dir = mkdtemp(tmpl);
  CHECK(dir != NULL);
  if (!dir) return;
  char *tdir = hui_path_join(dir, "templates");
  char *cmd = hui_xasprintf("mkdir -p %s", tdir);
  CHECK(system(cmd) == 0);
  free(cmd);
  static const struct {
    const char *body, *want;
  } cases[] = {
      {"<box field=\"name\" x=\"1\" y=\"1\" w=\"10\" h=\"10\" align=\"middle\"/>",
       "expected one of left"},
      {"<box field=\"nom\" x=\"1\" y=\"1\" w=\"10\" h=\"10\"/>", "expected one of title"},
      {"<box field=\"name\" x=\"1\" y=\"1\"/>", "needs x, y, w and h"},
      {"<frame/>", "not allowed in a certificate template"},
      {"<date style=\"roman\"/>", "expected one of arabic, chinese"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    char *path = hui_path_join(tdir, "bad.xml");
    FILE *f = fopen(path, "w");
    fprintf(
        f,
        "<template kind=\"certificate\">\n<page width=\"297\" height=\"210\"/>\n%s\n</template>\n",
        cases[i].body);
    fclose(f);
    char *why = NULL;
    hui_template *t = hui_load_template(dir, NULL, "bad", &why);
    CHECK(t == NULL && why && strstr(why, cases[i].want) && strstr(why, ":3:"));
    if (why && !strstr(why, cases[i].want)) fprintf(stderr, "got: %s\n", why);
    free(why);
    hui_template_free(t);
    remove(path);
    free(path);
  }
  rmdir(tdir);
  rmdir(dir);
  free(tdir);
}

int main(void) {
  const char *src = getenv("HUIBIAN_SOURCE");
  if (!src) src = ".";
  test_dates();
  test_expand();
  test_collective_text();
  test_person_numbers();
  test_compose(src);
  test_overflow(src);
  test_template_errors(src);
  return CHECK_DONE();
}
