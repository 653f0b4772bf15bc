/* commands: what each command of the command line does, once cli.c has
 * parsed its arguments (see cli.c for the table of commands and options). */
#define _XOPEN_SOURCE 700
#include "commands.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../compose/book.h"
#include "../compose/certificate.h"
#include "../diag.h"
#include "../fix.h"
#include "../fonts.h"
#include "../load.h"
#include "../model.h"
#include "../text/order.h"
#include "../pdf.h"
#include "../rules/rules.h"
#include "build.h"
#include "import.h"
#include "outdir.h"

/* The recommending unit a submission that could not be read as XML names in
 * its text (<bibliomisc role="recommender">UNIT<), or NULL: its findings
 * then still go to the unit that has to mend it. Only UTF-8 text without
 * markup or references counts. */
static char *unit_from_text(const char *edition, const char *path) {
  char *file = hui_path_join(edition, path);
  size_t len = 0;
  char *text = hui_read_file(file, 4u << 20, &len);
  free(file);
  if (!text) return NULL;
  char *unit = NULL;
  const char *p = strstr(text, "role=\"recommender\"");
  if (!p) p = strstr(text, "role='recommender'");
  const char *open = p ? strchr(p, '>') : NULL;
  const char *close = open ? strchr(open + 1, '<') : NULL;
  if (close) {
    const char *a = open + 1, *b = close;
    while (a < b && strchr(" \t\r\n", *a)) a++;
    while (b > a && strchr(" \t\r\n", b[-1])) b--;
    size_t bad;
    if (b > a && !memchr(a, '&', (size_t)(b - a)) && !memchr(a, '>', (size_t)(b - a)) &&
        hui_utf8_valid(a, (size_t)(b - a), &bad))
      unit = hui_xstrndup(a, (size_t)(b - a));
  }
  free(text);
  return unit;
}

/* check --by-unit DIR: one plain-text file per recommending unit (the
 * submission's recommender, else its unit), in the messages' language, with
 * a header naming the campaign and the unit and the findings of its
 * submissions, ready to send; campaign.xml's own findings in a file of
 * their own. Returns false after saying why. */
static bool write_by_unit(const hui_build_opts *o, const hui_edition *e, const hui_diags *d) {
  char *seal = hui_seal_above(o->by_unit);
  if (seal) {
    char *why = hui_seal_refusal(o->by_unit, seal, _("the folder"));
    fprintf(stderr, _("huibian: %s. Write the findings somewhere else, e.g. --by-unit findings\n"), why);
    free(why);
    free(seal);
    return false;
  }
  if (!hui_make_dirs(o->by_unit)) {
    fprintf(stderr, _("huibian: cannot create the folder %s: %s\n"), o->by_unit, strerror(errno));
    return false;
  }
  const hui_campaign *c = &e->campaign;
  /* the units, in first-seen order, each with its submissions */
  const char **units = hui_xcalloc(e->nsubs + 1, sizeof *units);
  size_t nunits = 0;
  const char **unit_of = hui_xcalloc(e->nsubs + 1, sizeof *unit_of);
  char **recovered = hui_xcalloc(e->nsubs + 1, sizeof *recovered);
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    const char *u = s->recommender.text && *s->recommender.text ? s->recommender.text
                    : s->unit.text && *s->unit.text            ? s->unit.text
                                                                : NULL;
    if (!u) u = recovered[i] = unit_from_text(o->edition, s->path);
    if (!u) u = _("(no recommending unit given)");
    unit_of[i] = u;
    bool seen = false;
    for (size_t k = 0; k < nunits && !seen; k++) seen = strcmp(units[k], u) == 0;
    if (!seen) units[nunits++] = u;
  }
  /* The files' names: names[0] for campaign.xml's findings, names[k + 1]
   * for units[k]; two units whose names read the same on disk get two. */
  char **names = hui_xcalloc(nunits + 1, sizeof *names);
  names[0] = hui_xstrdup("campaign.xml.txt");
  for (size_t k = 0; k < nunits; k++) names[k + 1] = hui_path_safe_name(units[k], ".txt", names, k + 1);
  bool ok = true;
  size_t written = 0;
  for (size_t k = 0; k <= nunits && ok; k++) {
    bool campaign = k == nunits; /* last: campaign.xml's own findings */
    hui_diags *mine = hui_diags_new();
    size_t nsubs = 0;
    for (size_t i = 0; !campaign && i < e->nsubs; i++) nsubs += strcmp(unit_of[i], units[k]) == 0;
    for (size_t j = 0; j < hui_diags_len(d); j++) {
      const hui_diag *x = hui_diags_at(d, j);
      bool take = false;
      if (campaign) {
        take = true;
        for (size_t i = 0; i < e->nsubs && take; i++) take = strcmp(x->file, e->subs[i].path) != 0;
      } else {
        for (size_t i = 0; i < e->nsubs && !take; i++)
          take = strcmp(unit_of[i], units[k]) == 0 && strcmp(x->file, e->subs[i].path) == 0;
      }
      if (take) hui_diag_add(mine, x->severity, x->file, x->line, x->col, x->rule, "%s", x->message);
    }
    if (campaign && !hui_diags_len(mine)) {
      hui_diags_free(mine);
      break;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fprintf(f, _("%s%s%s: findings of the check\n"), c->area.text ? c->area.text : "",
            c->name.text ? c->name.text : "", c->year.text ? c->year.text : "");
    if (campaign) fputs(_("Findings in campaign.xml, the campaign's own settings (for the office)\n"), f);
    else fprintf(f, _("Recommending unit: %s\n"), units[k]);
    size_t nerr = hui_diags_count(mine, HUI_ERROR), nwarn = hui_diags_count(mine, HUI_WARNING);
    if (!nerr && !nwarn)
      fputs(_("No problems were found. Thank you.\n"), f);
    else if (nerr)
      fputs(_("Please correct the errors below and send the corrected files again; the warnings are "
              "worth a look.\n"), f);
    else
      fputs(_("There are no errors; please look at the warnings below.\n"), f);
    fputc('\n', f);
    hui_diags_print(mine, f, NULL);
    hui_diags_print_summary(mine, f, campaign ? e->nsubs : nsubs); /* campaign.xml: the whole edition */
    fclose(f);
    const char *name = campaign ? names[0] : names[k + 1];
    char *path = hui_path_join(o->by_unit, name);
    if (!hui_write_atomic(path, buf, len)) {
      fprintf(stderr, _("huibian: cannot write %s: %s\n"), path, strerror(errno));
      ok = false;
    } else {
      written++;
    }
    free(path);
    free(buf);
    hui_diags_free(mine);
  }
  if (ok)
    fprintf(stderr, P_("huibian: wrote %zu file into %s, one per recommending unit\n",
                       "huibian: wrote %zu files into %s, one per recommending unit\n", written),
            written, o->by_unit);
  for (size_t k = 0; k <= nunits; k++) free(names[k]);
  free(names);
  for (size_t i = 0; i < e->nsubs; i++) free(recovered[i]);
  free(recovered);
  free(units);
  free(unit_of);
  return ok;
}

/* check --stats DIR: the appraisal figures with this check's findings (a
 * submission with errors counted as such), into DIR. */
static bool write_stats(const hui_build_opts *o, const hui_edition *e, const hui_diags *d) {
  char *seal = hui_seal_above(o->stats);
  if (seal) {
    char *why = hui_seal_refusal(o->stats, seal, _("the folder"));
    fprintf(stderr, _("huibian: %s. Write the figures somewhere else, e.g. --stats figures\n"), why);
    free(why);
    free(seal);
    return false;
  }
  if (!hui_make_dirs(o->stats)) {
    fprintf(stderr, _("huibian: cannot create the folder %s: %s\n"), o->stats, strerror(errno));
    return false;
  }
  return hui_stats_write_dir(o->stats, e, d);
}

int hui_cmd_check(const hui_build_opts *o) {
  hui_diags *d = hui_diags_new();
  int status;
  hui_edition *e = hui_build_load(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  hui_build_check_certs(o, e, d);
  /* findings in files made by import also name the Word file's place */
  hui_diags *placed = hui_import_diags_placed(o->edition, d);
  hui_diags_free(d);
  d = placed;
  /* every finding, for -o FILE (and for the terminal with --verbose or JSON) */
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  if (o->json) {
    char *json = hui_build_report_json(e, d, o->edition_name, NULL);
    fputs(json, out);
    free(json);
  } else {
    hui_diags_print(d, out, hui_build_prefix(o->edition));
    hui_diags_print_summary(d, out, e->nsubs);
  }
  fclose(out);
  if (o->json || o->verbose) {
    fwrite(buf, 1, len, o->json ? stdout : stderr);
  } else { /* the terminal: the first few findings of each file, the summary counts them all */
    hui_build_print_findings(d, o, stderr);
    hui_diags_print_summary(d, stderr, e->nsubs);
  }
  status = hui_diags_failed(d, o->werror) ? HUI_EXIT_ERRORS : HUI_EXIT_OK;
  if (o->out && !hui_write_atomic(o->out, buf, len)) {
    fprintf(stderr, _("huibian: cannot write %s: %s\n"), o->out, strerror(errno));
    status = HUI_EXIT_USAGE;
  }
  free(buf);
  if (o->by_unit && !write_by_unit(o, e, d)) status = HUI_EXIT_USAGE;
  if (o->stats && !write_stats(o, e, d)) status = HUI_EXIT_USAGE;
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

/* Marks the awardees of --only (a comma-separated list of ids) in keep, per
 * position of order. Returns false after printing the bad id. */
static bool only_filter(const hui_build_opts *o, const hui_edition *e, const size_t *order, size_t n,
                        bool *keep) {
  for (size_t i = 0; i < n; i++) keep[i] = o->only == NULL;
  if (!o->only) return true;
  bool ok = true;
  for (const char *p = o->only; ok && *p;) {
    size_t len = strcspn(p, ",");
    char *id = hui_xstrndup(p, len);
    bool found = false;
    for (size_t i = 0; i < n; i++)
      if (e->subs[order[i]].id.text && strcmp(e->subs[order[i]].id.text, id) == 0)
        found = keep[i] = true;
    if (!found && *id) {
      long k = hui_edition_find(e, id);
      fprintf(stderr, _("huibian: --only: %s '%s'; give the ids of awarded submissions, e.g. "
                        "--only s2020-007,s2020-012\n"),
              k < 0                  ? _("no submission has the id")
              : e->subs[k].withdrawn ? _("no certificate for the submission (its award is withdrawn)")
                                     : _("no certificate for the submission (it has no award)"),
              id);
      ok = false;
    }
    free(id);
    p += len;
    if (*p == ',') p++;
  }
  return ok;
}

/* Refuses (false, after saying why) an output folder that must not be
 * written: a file, a sealed edition, the edition itself (outdir.h). */
static bool output_allowed(const hui_build_opts *o) {
  char *why = NULL;
  bool ok = hui_outdir_check(o->out, o->edition, &why);
  if (!ok) fprintf(stderr, _("huibian: %s\n"), why);
  free(why);
  return ok;
}

int hui_cmd_certificates(const hui_build_opts *o) {
  if (!output_allowed(o)) return HUI_EXIT_USAGE;
  hui_diags *d = hui_diags_new();
  hui_outdir *od = NULL;
  hui_buf said = {0};
  int status;
  hui_edition *e = hui_build_load(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  const char *prefix = hui_build_prefix(o->edition);
  hui_template *t = NULL;
  hui_fonts *fonts = NULL;
  hui_certs *cs = NULL;
  hui_book *cal = NULL;
  size_t *order = NULL, norder = 0;
  bool *keep = NULL;
  char *why = NULL;
  if (!o->calibration && hui_diags_failed(d, o->werror)) {
    hui_diags_print(d, stderr, prefix);
    hui_diags_print_summary(d, stderr, e->nsubs);
    fprintf(stderr, _("huibian: not making certificates: the edition has errors. Fix the findings "
                      "above and run again.\n"));
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  if (!o->calibration && !e->campaign.certificate.text.text) {
    fprintf(stderr, _("huibian: campaign.xml has no <certificate> with a <text>: add one (see "
                      "input/2020/campaign.xml) to make certificates\n"));
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  t = hui_build_cert_template(o, e, &why);
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  if (t) fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!t || !fonts) {
    fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot set up templates or fonts"));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* written into a new folder that takes OUT's place as a whole (outdir.h),
   * keeping what else OUT holds (a build's compendium, say) */
  if (!(od = hui_outdir_begin(o->out, o->edition, &why))) {
    fprintf(stderr, _("huibian: %s\n"), why);
    status = HUI_EXIT_USAGE;
    goto done;
  }
  const char *dir = hui_outdir_path(od);
  if (o->calibration) {
    hui_cert_opts opts = {o->offset_x, o->offset_y, NULL, NULL};
    cal = hui_certificates_calibration(t, fonts, &opts);
    char date[32];
    hui_build_doc_date(&e->campaign, date, sizeof date);
    hui_doc_info info = {"荣誉证书校准页", e->campaign.organizer.text, t->name, "荣誉证书,校准",
                         "huibian " HUIBIAN_VERSION, date, false};
    char *path = hui_path_join(dir, "calibration.pdf");
    char *shown = hui_path_join(o->out, "calibration.pdf");
    hui_backend *pdf = hui_pdf_backend(&info, &why);
    bool ok = pdf && hui_book_send(cal, pdf, &why) && hui_backend_finish(pdf, path, &why);
    hui_backend_free(pdf);
    if (ok) {
      hui_buf_printf(&said, _("huibian: wrote %s (template %s)\n"), shown, t->name);
    } else {
      fprintf(stderr, _("huibian: cannot write %s: %s\n"), shown, why ? why : _("unknown error"));
      status = HUI_EXIT_USAGE;
    }
    free(path);
    free(shown);
    goto done;
  }
  order = hui_order_awarded(e, &norder);
  keep = hui_xcalloc(norder + 1, sizeof *keep);
  if (!only_filter(o, e, order, norder, keep)) {
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* without --split, each page goes into the document as it is made */
  hui_backend *doc = NULL;
  cs = hui_build_make_certs(o, e, order, norder, keep, t, fonts, d, o->split ? NULL : &doc, &why);
  if (!cs) {
    fprintf(stderr, _("huibian: cannot make the certificates: %s\n"), why ? why : _("unknown error"));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  hui_diags_sort(d);
  hui_diags_print(d, stderr, prefix);
  hui_diags_print_summary(d, stderr, e->nsubs);
  if (hui_diags_failed(d, o->werror)) {
    fprintf(stderr, _("huibian: certificates not written: fix the findings above and run again.\n"));
    hui_backend_free(doc);
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  if (!hui_build_write_certs(o, dir, e, cs, doc, &said)) status = HUI_EXIT_USAGE;
done:
  if (od && status == HUI_EXIT_OK) {
    /* what this run makes anew; with --only the other awardees' files stay */
    const char *paths[] = {o->calibration ? "calibration.pdf" : "certificates.pdf", "certificates/"};
    hui_outdir_replace replace = {false, paths, o->split && !o->only && !o->calibration ? 2 : 1, "certificates"};
    char *err = NULL;
    if (hui_outdir_commit(od, &replace, &err)) {
      fputs(said.data ? said.data : "", stderr);
    } else {
      fprintf(stderr, _("huibian: %s\n"), err);
      status = HUI_EXIT_USAGE;
    }
    free(err);
    od = NULL;
  }
  hui_outdir_abort(od);
  hui_buf_free(&said);
  free(why);
  free(keep);
  free(order);
  hui_certs_free(cs);
  hui_book_free(cal);
  hui_fonts_free(fonts);
  hui_template_free(t);
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

int hui_cmd_fonts(const hui_build_opts *o) {
  char *why = NULL;
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  hui_fonts *fonts = hui_fonts_open(fdir, o->edition, &why);
  free(fdir);
  if (!fonts) {
    fprintf(stderr, _("huibian: %s\n"), why ? why : _("no usable fonts"));
    free(why);
    return HUI_EXIT_USAGE;
  }
  hui_fonts_describe(fonts, stdout);
  /* Then what the edition's own text needs of them (when it is one). */
  hui_diags *d = hui_diags_new();
  hui_edition *e = hui_load_edition(o->edition, d, &why);
  if (e) hui_rules_font_coverage(e, fonts, stdout);
  free(why);
  hui_edition_free(e);
  hui_diags_free(d);
  hui_fonts_free(fonts);
  return HUI_EXIT_OK;
}

int hui_cmd_rules(const hui_build_opts *o) {
  (void)o;
  size_t n;
  const hui_rule *r = hui_rules_table(&n);
  for (size_t i = 0; i < n; i++)
    printf("%-24s %-8s %s\n", r[i].id, _(hui_severity_name(r[i].severity)), _(r[i].summary));
  return HUI_EXIT_OK;
}

/* huibian fix EDITION [--dry-run]: the safe fix-its of halfwidth-punct,
 * stray-space, ideographic-indent, hyphen-range, dash-form, doubled-punct and
 * traditional-chars, applied to the files that have them (see fix.h). */
int hui_cmd_fix(const hui_build_opts *o) {
  const char *dir = o->edition;
  bool dry = o->dry_run;
  char *seal = dry ? NULL : hui_seal_above(dir);
  if (seal) {
    char *why = hui_seal_refusal(dir, seal, _("the edition"));
    fprintf(stderr, _("huibian: %s. To work on its files, copy the edition out first, e.g. cp -r %s "
                      "input/NEW\n"), why, dir);
    free(why);
    free(seal);
    return HUI_EXIT_USAGE;
  }
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  if (!e) {
    fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot read the edition folder"));
    free(why);
    hui_diags_free(d);
    return HUI_EXIT_USAGE;
  }
  hui_rules_run(e, d);
  HUI_EDITION_CHECK(e);
  const char *prefix = hui_build_prefix(dir);
  int status = HUI_EXIT_OK;
  size_t nfiles = 0, nchanges = 0;
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    bool fixable = false;
    for (size_t k = 0; k < hui_diags_len(d) && !fixable; k++) {
      const hui_diag *x = hui_diags_at(d, k);
      fixable = strcmp(x->file, s->path) == 0 &&
                (strcmp(x->rule, "halfwidth-punct") == 0 || strcmp(x->rule, "stray-space") == 0 ||
                 strcmp(x->rule, "ideographic-indent") == 0 || strcmp(x->rule, "hyphen-range") == 0 ||
                 strcmp(x->rule, "dash-form") == 0 || strcmp(x->rule, "doubled-punct") == 0 ||
                 strcmp(x->rule, "traditional-chars") == 0);
    }
    char *path = hui_path_join(dir, s->path);
    if (!fixable && !(s->loaded && hui_fix_wants_utf8(path))) {
      free(path);
      continue;
    }
    char *shown = prefix ? hui_path_join(prefix, s->path) : hui_xstrdup(s->path);
    hui_fix_result r;
    char *err = NULL;
    if (!hui_fix_file(path, shown, dry, stdout, &r, &err)) {
      fprintf(stderr, _("huibian: %s\n"), err ? err : _("cannot fix the file"));
      status = HUI_EXIT_USAGE;
    } else if (r.changes || r.converted[0]) {
      nfiles++;
      nchanges += r.changes + (r.converted[0] ? 1 : 0); /* the conversion is one change */
      const char *backup = r.backup_kept ? _("the first backup is kept in") : _("backup in");
      if (r.converted[0])
        fprintf(stderr,
                dry ? _("huibian: %s is saved in %s: it would be converted to UTF-8, its declaration then saying "
                        "encoding=\"UTF-8\"\n")
                    : _("huibian: converted %s from %s to UTF-8; its declaration now says encoding=\"UTF-8\"\n"),
                shown, r.converted);
      if (!dry && r.changes)
        fprintf(stderr, P_("huibian: fixed %s: %zu change (%s %s.orig)\n", "huibian: fixed %s: %zu changes (%s %s.orig)\n",
                           r.changes),
                shown, r.changes, backup, shown);
      else if (!dry)
        fprintf(stderr, _("huibian: %s %s.orig\n"), backup, shown);
    }
    free(err);
    free(path);
    free(shown);
  }
  if (dry)
    fprintf(stderr,
            nchanges == 1 && nfiles == 1 ? _("huibian: dry run: %zu change in %zu file would be made; nothing was written\n")
            : nchanges == 1 ? _("huibian: dry run: %zu change in %zu files would be made; nothing was written\n")
            : nfiles == 1 ? _("huibian: dry run: %zu changes in %zu file would be made; nothing was written\n")
                          : _("huibian: dry run: %zu changes in %zu files would be made; nothing was written\n"),
            nchanges, nfiles);
  else if (!nfiles)
    fputs(_("huibian: nothing to fix\n"), stderr);
  size_t nerr = hui_diags_count(d, HUI_ERROR);
  if (status == HUI_EXIT_OK && nerr) {
    fprintf(stderr,
            P_("huibian: the edition has %zu error that need a person, not a fix: run 'huibian check %s'\n",
               "huibian: the edition has %zu errors that need a person, not a fix: run 'huibian check %s'\n", nerr),
            nerr, dir);
    status = HUI_EXIT_ERRORS;
  }
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}


int hui_cmd_build(const hui_build_opts *o) {
  if (!output_allowed(o)) return HUI_EXIT_USAGE;
  return hui_build_edition(o, NULL);
}

int hui_cmd_archive(const hui_build_opts *o) {
  char *seal = hui_seal_above(o->archive);
  if (seal) {
    char *why = hui_seal_refusal(o->archive, seal, _("the archive folder"));
    fprintf(stderr, _("huibian: %s. Give --into the archive folder itself, e.g. --into archive\n"), why);
    free(why);
    free(seal);
    return HUI_EXIT_USAGE;
  }
  return hui_build_archive(o);
}

int hui_cmd_verify(const hui_build_opts *o) { return hui_verify(o->edition, hui_build_data_dir(), false); }
