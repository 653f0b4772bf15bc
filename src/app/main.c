/* main: the command line — parses arguments, wires the stages, sets exit codes. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../archive.h"
#include "../base/base.h"
#include "build.h"
#include "../compose/book.h"
#include "../compose/certificate.h"
#include "../diag.h"
#include "../fix.h"
#include "../fonts.h"
#include "../load.h"
#include "../model.h"
#include "../order.h"
#include "outdir.h"
#include "../pdf.h"
#include "../rules/rules.h"
#include "../text/text.h"

static const char USAGE[] =
    "usage: huibian COMMAND EDITION [options]\n"
    "\n"
    "huibian compiles a campaign edition — a folder with campaign.xml and\n"
    "submissions/*.xml — into a checked, typeset compendium.\n"
    "\n"
    "commands:\n"
    "  check EDITION [--format=json] [--werror] [--archive ARCHIVE]\n"
    "        check every submission against the campaign's rules; prints\n"
    "        file:line:col: severity: message [rule] for each finding;\n"
    "        --archive also recognises earlier awardees (老典型) and compares\n"
    "        the bodies with the archived editions\n"
    "  fix EDITION [--dry-run]\n"
    "        apply the safe fixes (half-width punctuation in Chinese text, stray\n"
    "        spaces between Chinese characters) to the submission files, keeping\n"
    "        a backup FILE.orig; --dry-run prints the changes as a diff instead\n"
    "  build EDITION -o OUT [--trace] [--archive ARCHIVE] [--pdfa]\n"
    "        check, then write OUT/compendium.pdf, OUT/certificates.pdf,\n"
    "        OUT/report.json and OUT/manifest.json (every file with its SHA-256);\n"
    "        refuses to build while the edition has errors\n"
    "        --trace also writes OUT/compendium.trace, the layout as text\n"
    "        --pdfa writes the PDFs as PDF/A-1b (for archiving)\n"
    "  certificates EDITION -o OUT [--only ID,...] [--split] [--offset X,Y]\n"
    "               [--template NAME] [--calibration]\n"
    "        write OUT/certificates.pdf, one 荣誉证书 per awardee in compendium\n"
    "        order; --only makes just these awardees' (numbers unchanged);\n"
    "        --split also writes OUT/certificates/<number>-<name>.pdf for each\n"
    "        (the folder is replaced, so no earlier run's file stays; with\n"
    "        --only, just those files are replaced);\n"
    "        --offset shifts everything X mm right and Y mm down (printer\n"
    "        correction); --template uses another certificate template, e.g.\n"
    "        certificate-preprinted; --calibration writes only\n"
    "        OUT/calibration.pdf, a mm grid with the template's boxes\n"
    "  archive EDITION --into ARCHIVE [--supersede]\n"
    "        check and build the edition as PDF/A and file it, with a copy of\n"
    "        its inputs, sealed, under ARCHIVE/<year>/; a sealed year is never\n"
    "        changed: --supersede files a corrected one beside it as\n"
    "        ARCHIVE/<year>-r2 (-r3, ...); ARCHIVE/index.json lists every awardee\n"
    "  verify OUT\n"
    "        recompute the SHA-256 of every file OUT/manifest.json lists and\n"
    "        name each one that changed or is missing (exit 1); files in OUT\n"
    "        the manifest does not list are named too (an error in a sealed\n"
    "        archive edition, a note elsewhere)\n"
    "  fonts EDITION\n"
    "        show which font file each role (body, heading, title, kai, latin)\n"
    "        uses, and which of the edition's characters need a fallback font\n"
    "        or have none; drop licensed fonts into fonts/ or EDITION/fonts\n"
    "        to use them\n"
    "  rules\n"
    "        list every rule id with its severity and what it checks\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 success, 1 the edition has errors, 2 usage or environment\n"
    "failure (no font, unwritable output).\n"
    "\n"
    "Example: huibian build input/2020 -o out/2020\n";

static int usage_error(const char *fmt, const char *arg) {
  fputs("huibian: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nRun 'huibian --help' for the commands and options.\n", stderr);
  return HUI_EXIT_USAGE;
}

typedef hui_build_opts options;

/* --only ID,…, --offset X,Y (mm), --template NAME of the certificates command. */
static bool cert_option(options *o, const char *opt, const char *v) {
  if (strcmp(opt, "--only") == 0) {
    o->only = v;
    return true;
  }
  if (strcmp(opt, "--template") == 0) {
    o->cert_template = v;
    return true;
  }
  char *end;
  o->offset_x = strtod(v, &end);
  if (end != v && *end == ',') {
    const char *y = end + 1;
    o->offset_y = strtod(y, &end);
    if (end != y && !*end && fabs(o->offset_x) <= 50 && fabs(o->offset_y) <= 50) return true;
  }
  usage_error("--offset needs X,Y in millimetres (each between -50 and 50), e.g. --offset 1.5,-2 "
              "(not '%s')", v);
  return false;
}

static int parse(int argc, char **argv, options *o) {
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--format=json") == 0) o->json = true;
    else if (strcmp(a, "--format=text") == 0) o->json = false;
    else if (strcmp(a, "--werror") == 0) o->werror = true;
    else if (strcmp(a, "--trace") == 0) o->trace = true;
    else if (strcmp(a, "--split") == 0) o->split = true;
    else if (strcmp(a, "--calibration") == 0) o->calibration = true;
    else if (strcmp(a, "--supersede") == 0) o->supersede = true;
    else if (strcmp(a, "--pdfa") == 0) o->pdfa = true;
    else if (strcmp(a, "--archive") == 0 || strcmp(a, "--into") == 0) {
      if (i + 1 >= argc) return usage_error("%s needs the archive folder", a);
      o->archive = argv[++i];
    } else if (strncmp(a, "--archive=", 10) == 0) o->archive = a + 10;
    else if (strncmp(a, "--into=", 7) == 0) o->archive = a + 7;
    else if (strcmp(a, "--only") == 0 || strcmp(a, "--offset") == 0 || strcmp(a, "--template") == 0) {
      if (i + 1 >= argc) return usage_error("%s needs a value", a);
      if (!cert_option(o, a, argv[++i])) return HUI_EXIT_USAGE;
    } else if (strncmp(a, "--only=", 7) == 0 || strncmp(a, "--offset=", 9) == 0 ||
               strncmp(a, "--template=", 11) == 0) {
      char *name = hui_xstrndup(a, strcspn(a, "="));
      bool ok = cert_option(o, name, strchr(a, '=') + 1);
      free(name);
      if (!ok) return HUI_EXIT_USAGE;
    }
    else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (i + 1 >= argc) return usage_error("%s needs a folder", a);
      o->out = argv[++i];
    } else if (strncmp(a, "-o", 2) == 0 && a[2]) o->out = a + 2;
    else if (a[0] == '-' && a[1]) return usage_error("unknown option '%s'", a);
    else if (!o->edition) o->edition = a;
    else return usage_error("unexpected argument '%s'", a);
  }
  return HUI_EXIT_OK;
}

static int cmd_check(const options *o) {
  hui_diags *d = hui_diags_new();
  int status;
  hui_edition *e = hui_build_load(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  hui_build_check_certs(o, e, d);
  if (o->json) {
    char *json = hui_build_report_json(e, d, o->edition_name, NULL);
    fputs(json, stdout);
    free(json);
  } else {
    hui_diags_print(d, stderr, hui_build_prefix(o->edition));
    hui_diags_print_summary(d, stderr, e->nsubs);
  }
  status = hui_diags_failed(d, o->werror) ? HUI_EXIT_ERRORS : HUI_EXIT_OK;
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

/* Marks the awardees of --only (a comma-separated list of ids) in keep, per
 * position of order. Returns false after printing the bad id. */
static bool only_filter(const options *o, const hui_edition *e, const size_t *order, size_t n,
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
      fprintf(stderr, "huibian: --only: %s '%s'; give the ids of awarded submissions, e.g. "
              "--only s2020-007,s2020-012\n",
              k >= 0 ? "no certificate for the submission (it has no award)" : "no submission has the id",
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
static bool output_allowed(const options *o) {
  char *why = NULL;
  bool ok = hui_outdir_check(o->out, o->edition, &why);
  if (!ok) fprintf(stderr, "huibian: %s\n", why);
  free(why);
  return ok;
}

static int cmd_certificates(const options *o) {
  if (!o->out) return usage_error("%s: certificates needs an output folder: -o OUT", o->edition);
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
    fprintf(stderr, "huibian: not making certificates: the edition has errors. Fix the findings "
                    "above and run again.\n");
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  if (!o->calibration && !e->campaign.cert_text.text) {
    fprintf(stderr, "huibian: campaign.xml has no <certificate> with a <text>: add one (see "
                    "input/2020/campaign.xml) to make certificates\n");
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  t = hui_build_cert_template(o, e, &why);
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  if (t) fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!t || !fonts) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot set up templates or fonts");
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* written into a new folder that takes OUT's place as a whole (outdir.h),
   * keeping what else OUT holds (a build's compendium, say) */
  if (!(od = hui_outdir_begin(o->out, o->edition, &why))) {
    fprintf(stderr, "huibian: %s\n", why);
    status = HUI_EXIT_USAGE;
    goto done;
  }
  const char *dir = hui_outdir_path(od);
  if (o->calibration) {
    hui_cert_opts opts = {o->offset_x, o->offset_y, NULL};
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
      hui_buf_printf(&said, "huibian: wrote %s (template %s)\n", shown, t->name);
    } else {
      fprintf(stderr, "huibian: cannot write %s: %s\n", shown, why ? why : "unknown error");
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
  cs = hui_build_make_certs(o, e, order, norder, keep, t, fonts, d, &why);
  if (!cs) {
    fprintf(stderr, "huibian: cannot make the certificates: %s\n", why ? why : "unknown error");
    status = HUI_EXIT_USAGE;
    goto done;
  }
  hui_diags_sort(d);
  hui_diags_print(d, stderr, prefix);
  hui_diags_print_summary(d, stderr, e->nsubs);
  if (hui_diags_failed(d, o->werror)) {
    fprintf(stderr, "huibian: certificates not written: fix the findings above and run again.\n");
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  if (!hui_build_write_certs(o, dir, e, cs, &said)) status = HUI_EXIT_USAGE;
done:
  if (od && status == HUI_EXIT_OK) {
    /* what this run makes anew; with --only the other awardees' files stay */
    const char *paths[] = {o->calibration ? "calibration.pdf" : "certificates.pdf", "certificates/"};
    hui_outdir_replace replace = {false, paths, o->split && !o->only && !o->calibration ? 2 : 1};
    char *err = NULL;
    if (hui_outdir_commit(od, &replace, &err)) {
      fputs(said.data ? said.data : "", stderr);
    } else {
      fprintf(stderr, "huibian: %s\n", err);
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

static int cmd_fonts(const options *o) {
  char *why = NULL;
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  hui_fonts *fonts = hui_fonts_open(fdir, o->edition, &why);
  free(fdir);
  if (!fonts) {
    fprintf(stderr, "huibian: %s\n", why ? why : "no usable fonts");
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

static int cmd_rules(void) {
  size_t n;
  const hui_rule *r = hui_rules_table(&n);
  for (size_t i = 0; i < n; i++)
    printf("%-24s %-8s %s\n", r[i].id, hui_severity_name(r[i].severity), r[i].summary);
  return HUI_EXIT_OK;
}

/* huibian fix EDITION [--dry-run]: the safe fix-its of halfwidth-punct and
 * stray-space, applied to the files that have them (see fix.h). */
static int cmd_fix(int argc, char **argv) {
  const char *dir = NULL;
  bool dry = false;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--dry-run") == 0) dry = true;
    else if (argv[i][0] == '-' && argv[i][1]) return usage_error("unknown option '%s' for fix", argv[i]);
    else if (!dir) dir = argv[i];
    else return usage_error("unexpected argument '%s'", argv[i]);
  }
  if (!dir) return usage_error("%s needs an edition folder, e.g. input/2020", "fix");
  char *seal = dry ? NULL : hui_seal_above(dir);
  if (seal) {
    char *why = hui_seal_refusal(dir, seal, "the edition");
    fprintf(stderr, "huibian: %s. To work on its files, copy the edition out first, e.g. cp -r %s "
                    "input/NEW\n", why, dir);
    free(why);
    free(seal);
    return HUI_EXIT_USAGE;
  }
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  if (!e) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot read the edition folder");
    free(why);
    hui_diags_free(d);
    return HUI_EXIT_USAGE;
  }
  hui_rules_run(e, d);
  const char *prefix = hui_build_prefix(dir);
  int status = HUI_EXIT_OK;
  size_t nfiles = 0, nchanges = 0;
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    bool fixable = false;
    for (size_t k = 0; k < hui_diags_len(d) && !fixable; k++) {
      const hui_diag *x = hui_diags_at(d, k);
      fixable = strcmp(x->file, s->path) == 0 &&
                (strcmp(x->rule, "halfwidth-punct") == 0 || strcmp(x->rule, "stray-space") == 0);
    }
    if (!fixable) continue;
    char *path = hui_path_join(dir, s->path);
    char *shown = prefix ? hui_path_join(prefix, s->path) : hui_xstrdup(s->path);
    hui_fix_result r;
    char *err = NULL;
    if (!hui_fix_file(path, shown, dry, stdout, &r, &err)) {
      fprintf(stderr, "huibian: %s\n", err ? err : "cannot fix the file");
      status = HUI_EXIT_USAGE;
    } else if (r.changes) {
      nfiles++;
      nchanges += r.changes;
      if (!dry)
        fprintf(stderr, "huibian: fixed %s: %zu change%s (%s %s.orig)\n", shown, r.changes,
                r.changes == 1 ? "" : "s", r.backup_kept ? "the first backup is kept in" : "backup in",
                shown);
    }
    free(err);
    free(path);
    free(shown);
  }
  if (dry)
    fprintf(stderr, "huibian: dry run: %zu change%s in %zu file%s would be made; nothing was written\n", nchanges,
            nchanges == 1 ? "" : "s", nfiles, nfiles == 1 ? "" : "s");
  else if (!nfiles)
    fputs("huibian: nothing to fix\n", stderr);
  size_t nerr = hui_diags_count(d, HUI_ERROR);
  if (status == HUI_EXIT_OK && nerr) {
    fprintf(stderr, "huibian: the edition has %zu error%s that need a person, not a fix: run 'huibian check %s'\n",
            nerr, nerr == 1 ? "" : "s", dir);
    status = HUI_EXIT_ERRORS;
  }
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

int main(int argc, char **argv) {
  atexit(hui_text_release); /* the break iterators kept between paragraphs */
  hui_umask();               /* read while no other thread can create a file */
  if (argc < 2) {
    fputs(USAGE, stderr);
    return HUI_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(USAGE, stdout);
    return HUI_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0) {
    puts("huibian " HUIBIAN_VERSION);
    return HUI_EXIT_OK;
  }
  if (strcmp(cmd, "rules") == 0) return cmd_rules();
  if (strcmp(cmd, "fix") == 0) return cmd_fix(argc, argv);
  options o = {.command = cmd};
  int status = parse(argc, argv, &o);
  if (status != HUI_EXIT_OK) return status;
  bool known = strcmp(cmd, "check") == 0 || strcmp(cmd, "build") == 0 || strcmp(cmd, "fonts") == 0 ||
               strcmp(cmd, "certificates") == 0 || strcmp(cmd, "archive") == 0 ||
               strcmp(cmd, "verify") == 0;
  if (!known) return usage_error("unknown command '%s'", cmd);
  if (strcmp(cmd, "verify") == 0) {
    if (!o.edition) return usage_error("%s needs a folder written by build or archive, e.g. out/2020", cmd);
    return hui_verify(o.edition, hui_build_data_dir(), false);
  }
  if (!o.edition) return usage_error("%s needs an edition folder, e.g. input/2020", cmd);
  if (strcmp(cmd, "check") == 0) return cmd_check(&o);
  if (strcmp(cmd, "build") == 0) {
    if (!o.out) return usage_error("%s: build needs an output folder: -o OUT", o.edition);
    if (!output_allowed(&o)) return HUI_EXIT_USAGE;
    return hui_build_edition(&o, NULL);
  }
  if (strcmp(cmd, "certificates") == 0) return cmd_certificates(&o);
  if (strcmp(cmd, "archive") == 0) {
    if (!o.archive) return usage_error("%s: archive needs the archive folder: --into ARCHIVE", o.edition);
    char *seal = hui_seal_above(o.archive);
    if (seal) {
      char *why = hui_seal_refusal(o.archive, seal, "the archive folder");
      fprintf(stderr, "huibian: %s. Give --into the archive folder itself, e.g. --into archive\n", why);
      free(why);
      free(seal);
      return HUI_EXIT_USAGE;
    }
    return hui_build_archive(&o);
  }
  return cmd_fonts(&o);
}
