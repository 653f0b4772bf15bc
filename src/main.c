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

#include "base/base.h"
#include "compose/book.h"
#include "compose/certificate.h"
#include "diag.h"
#include "fix.h"
#include "fonts.h"
#include "load.h"
#include "model.h"
#include "order.h"
#include "rules/rules.h"

enum { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

static const char USAGE[] =
    "usage: huibian COMMAND EDITION [options]\n"
    "\n"
    "huibian compiles a campaign edition — a folder with campaign.xml and\n"
    "submissions/*.xml — into a checked, typeset compendium.\n"
    "\n"
    "commands:\n"
    "  check EDITION [--format=json] [--werror]\n"
    "        check every submission against the campaign's rules; prints\n"
    "        file:line:col: severity: message [rule] for each finding\n"
    "  fix EDITION [--dry-run]\n"
    "        apply the safe fixes (half-width punctuation in Chinese text, stray\n"
    "        spaces between Chinese characters) to the submission files, keeping\n"
    "        a backup FILE.orig; --dry-run prints the changes as a diff instead\n"
    "  build EDITION -o OUT [--trace]\n"
    "        check, then write OUT/compendium.pdf, OUT/certificates.pdf and\n"
    "        OUT/report.json; refuses to build while the edition has errors\n"
    "        --trace also writes OUT/compendium.trace, the layout as text\n"
    "  certificates EDITION -o OUT [--only ID,...] [--split] [--offset X,Y]\n"
    "               [--template NAME] [--calibration]\n"
    "        write OUT/certificates.pdf, one 荣誉证书 per awardee in compendium\n"
    "        order; --only makes just these awardees' (numbers unchanged);\n"
    "        --split also writes OUT/certificates/<number>-<name>.pdf for each;\n"
    "        --offset shifts everything X mm right and Y mm down (printer\n"
    "        correction); --template uses another certificate template, e.g.\n"
    "        certificate-preprinted; --calibration writes only\n"
    "        OUT/calibration.pdf, a mm grid with the template's boxes\n"
    "  fonts EDITION\n"
    "        show which font file each role (body, heading, title, kai, latin)\n"
    "        uses; drop licensed fonts into fonts/ or EDITION/fonts to use them\n"
    "  rules\n"
    "        list every rule id with its severity and what it checks\n"
    "  --help, --version\n"
    "\n"
    "exit status: 0 success, 1 the edition has errors, 2 usage or environment\n"
    "failure (no font, unwritable output).\n"
    "\n"
    "Not in this version yet: archive, verify.\n"
    "Example: huibian build input/2020 -o out/2020\n";

static int usage_error(const char *fmt, const char *arg) {
  fputs("huibian: ", stderr);
  fprintf(stderr, fmt, arg);
  fputs("\nRun 'huibian --help' for the commands and options.\n", stderr);
  return EXIT_USAGE;
}

/* Where templates/ and fonts/ live: $HUIBIAN_DATA, else the source tree the
 * binary was built from. */
static const char *data_dir(void) {
  const char *d = getenv("HUIBIAN_DATA");
  return d && *d ? d : HUIBIAN_DATADIR;
}

typedef struct options {
  const char *command;
  const char *edition;
  const char *out;
  bool json, werror, trace;
  /* certificates */
  const char *only, *cert_template;
  bool split, calibration;
  double offset_x, offset_y;
} options;

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
    else if (strcmp(a, "--only") == 0 || strcmp(a, "--offset") == 0 || strcmp(a, "--template") == 0) {
      if (i + 1 >= argc) return usage_error("%s needs a value", a);
      if (!cert_option(o, a, argv[++i])) return EXIT_USAGE;
    } else if (strncmp(a, "--only=", 7) == 0 || strncmp(a, "--offset=", 9) == 0 ||
               strncmp(a, "--template=", 11) == 0) {
      char *name = hui_xstrndup(a, strcspn(a, "="));
      bool ok = cert_option(o, name, strchr(a, '=') + 1);
      free(name);
      if (!ok) return EXIT_USAGE;
    }
    else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
      if (i + 1 >= argc) return usage_error("%s needs a folder", a);
      o->out = argv[++i];
    } else if (strncmp(a, "-o", 2) == 0 && a[2]) o->out = a + 2;
    else if (a[0] == '-' && a[1]) return usage_error("unknown option '%s'", a);
    else if (!o->edition) o->edition = a;
    else return usage_error("unexpected argument '%s'", a);
  }
  return EXIT_OK;
}

/* A submission's findings as a JSON list "findings": [...]. */
static void json_findings(hui_buf *b, const hui_diags *d, const char *file) {
  hui_buf_puts(b, ", \"findings\": [");
  size_t k = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->file, file) != 0) continue;
    hui_buf_printf(b, "%s{\"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ", k++ ? ", " : "",
                   x->line, x->col, hui_severity_name(x->severity));
    hui_buf_json_str(b, x->rule);
    hui_buf_puts(b, ", \"message\": ");
    hui_buf_json_str(b, x->message);
    hui_buf_puts(b, "}");
  }
  hui_buf_puts(b, "]");
}

/* The report: every submission with its count, tier and findings, and the
 * compendium order of the awarded ones, as JSON. */
static char *report_json(const hui_edition *e, const hui_diags *d) {
  hui_buf b = {0};
  hui_buf_puts(&b, "{\n  \"tool\": \"huibian " HUIBIAN_VERSION "\",\n  \"edition\": ");
  hui_buf_json_str(&b, e->dir);
  hui_buf_printf(&b, ",\n  \"errors\": %zu,\n  \"warnings\": %zu,\n  \"submissions\": [",
                 hui_diags_count(d, HUI_ERROR), hui_diags_count(d, HUI_WARNING));
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    hui_buf_puts(&b, i ? ",\n    {" : "\n    {");
    hui_buf_puts(&b, "\"file\": ");
    hui_buf_json_str(&b, s->path);
    hui_buf_puts(&b, ", \"id\": ");
    hui_buf_json_str(&b, s->id.text ? s->id.text : "");
    hui_buf_puts(&b, ", \"name\": ");
    hui_buf_json_str(&b, hui_submission_name(s));
    hui_buf_puts(&b, ", \"unit\": ");
    hui_buf_json_str(&b, s->unit.text ? s->unit.text : "");
    hui_buf_puts(&b, ", \"category\": ");
    hui_buf_json_str(&b, s->category.text ? s->category.text : "");
    hui_buf_printf(&b, ", \"chars\": %ld, \"tier\": ", s->charcount);
    if (s->tier >= 0) hui_buf_json_str(&b, e->campaign.tiers[s->tier].name);
    else hui_buf_puts(&b, "null");
    size_t nerr = 0, nwarn = 0;
    for (size_t k = 0; k < hui_diags_len(d); k++) {
      const hui_diag *x = hui_diags_at(d, k);
      if (strcmp(x->file, s->path) != 0) continue;
      nerr += x->severity == HUI_ERROR;
      nwarn += x->severity == HUI_WARNING;
    }
    hui_buf_printf(&b, ", \"errors\": %zu, \"warnings\": %zu", nerr, nwarn);
    json_findings(&b, d, s->path);
    hui_buf_puts(&b, "}");
  }
  hui_buf_puts(&b, "\n  ],\n  \"compendium_order\": [");
  size_t norder;
  size_t *order = hui_order_awarded(e, &norder);
  for (size_t i = 0; i < norder; i++) {
    if (i) hui_buf_puts(&b, ", ");
    hui_buf_json_str(&b, e->subs[order[i]].id.text);
  }
  free(order);
  hui_buf_puts(&b, "],\n  \"diagnostics\": [");
  for (size_t k = 0; k < hui_diags_len(d); k++) {
    const hui_diag *x = hui_diags_at(d, k);
    hui_buf_puts(&b, k ? ",\n    {" : "\n    {");
    hui_buf_puts(&b, "\"file\": ");
    hui_buf_json_str(&b, x->file);
    hui_buf_printf(&b, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"rule\": ", x->line,
                   x->col, hui_severity_name(x->severity));
    hui_buf_json_str(&b, x->rule);
    hui_buf_puts(&b, ", \"message\": ");
    hui_buf_json_str(&b, x->message);
    hui_buf_puts(&b, "}");
  }
  hui_buf_puts(&b, "\n  ]\n}\n");
  return hui_buf_take(&b);
}

/* Runs the rules with what some of them need: the compendium template (the
 * photo's printed size) and the fonts (glyph coverage). Without fonts the
 * no-glyph rule is skipped, with a note; the other rules still run. */
static void run_rules(hui_edition *e, hui_diags *d) {
  char *why = NULL;
  const char *tname = e->campaign.compendium_template.text ? e->campaign.compendium_template.text : "compendium-a4";
  char *tdir = hui_path_join(data_dir(), "templates");
  hui_template *t = hui_load_template(e->dir, tdir, tname, &why);
  free(tdir);
  if (!t) fprintf(stderr, "huibian: note: photo sizes not checked: %s\n", why ? why : "no template");
  free(why);
  why = NULL;
  char *fdir = hui_path_join(data_dir(), "fonts");
  hui_fonts *fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!fonts) fprintf(stderr, "huibian: note: characters not checked against the fonts: %s\n", why ? why : "no fonts");
  free(why);
  hui_rules_env env = {t, fonts};
  hui_rules_run_env(e, &env, d);
  hui_fonts_free(fonts);
  hui_template_free(t);
}

/* Loads and checks; returns the edition or NULL (after printing why) with
 * *status set. */
static hui_edition *load_and_check(const options *o, hui_diags *d, int *status) {
  char *why = NULL;
  hui_edition *e = hui_load_edition(o->edition, d, &why);
  if (!e) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot read the edition folder");
    free(why);
    *status = EXIT_USAGE;
    return NULL;
  }
  run_rules(e, d);
  hui_diags_sort(d);
  *status = EXIT_OK;
  return e;
}

/* The edition folder as a prefix for printed paths ("" for "."). */
static const char *print_prefix(const char *dir) {
  return strcmp(dir, ".") == 0 || strcmp(dir, "./") == 0 ? NULL : dir;
}

/* The certificates (defined below cmd_build). */
static void check_certs(const options *o, const hui_edition *e, hui_diags *d);
static hui_template *cert_template(const options *o, const hui_edition *e, char **why);
static hui_certs *make_certs(const options *o, const hui_edition *e, const size_t *order,
                             size_t norder, const bool *keep, const hui_template *t,
                             hui_fonts *fonts, hui_diags *d, char **why);
static bool write_certs(const options *o, const hui_edition *e, const hui_certs *cs);

static int cmd_check(const options *o) {
  hui_diags *d = hui_diags_new();
  int status;
  hui_edition *e = load_and_check(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  check_certs(o, e, d);
  if (o->json) {
    char *json = report_json(e, d);
    fputs(json, stdout);
    free(json);
  } else {
    hui_diags_print(d, stderr, print_prefix(o->edition));
    hui_diags_print_summary(d, stderr, e->nsubs);
  }
  status = hui_diags_failed(d, o->werror) ? EXIT_ERRORS : EXIT_OK;
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

/* mkdir -p for the output folder. */
static bool make_dirs(const char *path) {
  char *p = hui_xstrdup(path);
  bool ok = true;
  for (char *s = p + 1; ok; s++) {
    if (*s == '/' || *s == '\0') {
      char saved = *s;
      *s = '\0';
      if (mkdir(p, 0777) != 0 && errno != EEXIST) ok = false;
      *s = saved;
      if (!saved) break;
    }
  }
  struct stat st;
  ok = ok && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
  free(p);
  return ok;
}

/* Writes text to path through a temporary file and a rename. */
static bool write_atomic(const char *path, const char *text, size_t len) {
  char *tmp = hui_xasprintf("%s.tmp-XXXXXX", path);
  int fd = mkstemp(tmp);
  bool ok = fd >= 0;
  if (ok) {
    FILE *f = fdopen(fd, "wb");
    ok = f && fwrite(text, 1, len, f) == len;
    ok = f && fclose(f) == 0 && ok;
    if (!f) close(fd);
    ok = ok && rename(tmp, path) == 0;
    if (!ok) unlink(tmp);
  }
  free(tmp);
  return ok;
}

/* The document's date: SOURCE_DATE_EPOCH, else the certificate date of
 * campaign.xml, else 1 January of the campaign year — never the clock. */
static void doc_date(const hui_campaign *c, char *out, size_t cap) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    char *end;
    long long v = strtoll(sde, &end, 10);
    if (!*end && v >= 0) {
      time_t t = (time_t)v;
      struct tm tm;
      gmtime_r(&t, &tm);
      strftime(out, cap, "%Y-%m-%dT%H:%M:%S", &tm);
      return;
    }
  }
  if (c->cert_date.text && strlen(c->cert_date.text) == 10)
    snprintf(out, cap, "%sT00:00:00", c->cert_date.text);
  else
    snprintf(out, cap, "%04d-01-01T00:00:00", c->year_num > 0 ? c->year_num : 2000);
}

static int cmd_build(const options *o) {
  if (!o->out) return usage_error("%s: build needs an output folder: -o OUT", o->edition);
  hui_diags *d = hui_diags_new();
  int status;
  hui_edition *e = load_and_check(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  const char *prefix = print_prefix(o->edition);
  hui_fonts *fonts = NULL;
  hui_template *t = NULL;
  hui_book *book = NULL;
  size_t *order = NULL;
  char *why = NULL;
  hui_template *cert_t = NULL;
  hui_certs *certs = NULL;
  if (hui_diags_failed(d, o->werror)) {
    hui_diags_print(d, stderr, prefix);
    hui_diags_print_summary(d, stderr, e->nsubs);
    fprintf(stderr,
            "huibian: not building: the edition has errors. Fix the findings above "
            "(or send them back to the units) and run again.\n");
    status = EXIT_ERRORS;
    goto done;
  }
  const hui_campaign *c = &e->campaign;
  const char *tname = c->compendium_template.text ? c->compendium_template.text : "compendium-a4";
  char *tdir = hui_path_join(data_dir(), "templates");
  t = hui_load_template(e->dir, tdir, tname, &why);
  free(tdir);
  char *fdir = hui_path_join(data_dir(), "fonts");
  if (t) fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!t || !fonts) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot set up templates or fonts");
    status = EXIT_USAGE;
    goto done;
  }
  if (!make_dirs(o->out)) {
    fprintf(stderr, "huibian: cannot create the output folder %s: %s\n", o->out, strerror(errno));
    status = EXIT_USAGE;
    goto done;
  }
  size_t norder;
  order = hui_order_awarded(e, &norder);
  book = hui_compendium_compose(e, order, norder, t, fonts, d, &why);
  if (!book) {
    fprintf(stderr, "huibian: cannot typeset the compendium: %s\n", why ? why : "unknown error");
    status = EXIT_USAGE;
    goto done;
  }
  if (c->cert_text.text) {
    cert_t = cert_template(o, e, &why);
    certs = cert_t ? make_certs(o, e, order, norder, NULL, cert_t, fonts, d, &why) : NULL;
    if (!certs) {
      fprintf(stderr, "huibian: cannot make the certificates: %s\n", why ? why : "unknown error");
      status = EXIT_USAGE;
      goto done;
    }
  }
  hui_diags_sort(d);
  hui_diags_print(d, stderr, prefix);
  hui_diags_print_summary(d, stderr, e->nsubs);

  char date[32];
  doc_date(c, date, sizeof date);
  char *subject = hui_xasprintf("%s%s%s", c->year.text ? c->year.text : "",
                                c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
  char *keywords = hui_xasprintf("先进典型,事迹汇编,%s,%s", c->area.text ? c->area.text : "",
                                 c->year.text ? c->year.text : "");
  hui_doc_info info = {c->compendium_title.text, c->organizer.text, subject, keywords,
                       "huibian " HUIBIAN_VERSION, date};
  char *pdf_path = hui_path_join(o->out, "compendium.pdf");
  bool ok = hui_book_write_pdf(book, &info, pdf_path, &why);
  free(subject);
  free(keywords);
  if (!ok) {
    fprintf(stderr, "huibian: cannot write %s: %s\n", pdf_path, why ? why : "unknown error");
    free(pdf_path);
    status = EXIT_USAGE;
    goto done;
  }
  if (o->trace) {
    char *trace_path = hui_path_join(o->out, "compendium.trace");
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    hui_trace_write(book, mem);
    fclose(mem);
    if (!write_atomic(trace_path, buf, len)) {
      fprintf(stderr, "huibian: cannot write %s: %s\n", trace_path, strerror(errno));
      status = EXIT_USAGE;
    }
    free(buf);
    free(trace_path);
  }
  if (certs && status == EXIT_OK) {
    if (hui_diags_count(d, HUI_ERROR)) {
      fprintf(stderr, "huibian: certificates.pdf not written: fix the findings above.\n");
      status = EXIT_ERRORS;
    } else if (!write_certs(o, e, certs))
      status = EXIT_USAGE;
  }
  char *report = report_json(e, d);
  char *report_path = hui_path_join(o->out, "report.json");
  if (!write_atomic(report_path, report, strlen(report))) {
    fprintf(stderr, "huibian: cannot write %s: %s\n", report_path, strerror(errno));
    status = EXIT_USAGE;
  }
  free(report);
  free(report_path);
  if (status == EXIT_OK)
    fprintf(stderr, "huibian: wrote %s (%zu pages, %zu articles)\n", pdf_path, book->npages,
            book->ntoc);
  free(pdf_path);
done:
  free(why);
  free(order);
  hui_certs_free(certs);
  hui_template_free(cert_t);
  hui_book_free(book);
  hui_fonts_free(fonts);
  hui_template_free(t);
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

/* --- certificates ------------------------------------------------------ */

/* The certificate template: --template, else the campaign's, else the
 * full design. Returns NULL with *why set. */
static hui_template *cert_template(const options *o, const hui_edition *e, char **why) {
  const hui_campaign *c = &e->campaign;
  const char *name = o->cert_template ? o->cert_template
                     : c->cert_template.text && *c->cert_template.text ? c->cert_template.text
                                                                       : "certificate-a4-landscape";
  char *tdir = hui_path_join(data_dir(), "templates");
  hui_template *t = hui_load_template(e->dir, tdir, name, why);
  free(tdir);
  if (t && !t->certificate) {
    *why = hui_xasprintf("template '%s' is not a certificate template: use one whose root is "
                         "<template kind=\"certificate\">, e.g. certificate-a4-landscape", name);
    hui_template_free(t);
    t = NULL;
  }
  return t;
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

/* Composes the certificates of the awardees (those of --only). Returns NULL
 * with *why set. */
static hui_certs *make_certs(const options *o, const hui_edition *e, const size_t *order,
                             size_t norder, const bool *keep, const hui_template *t,
                             hui_fonts *fonts, hui_diags *d, char **why) {
  hui_cert_opts opts = {o->offset_x, o->offset_y, keep};
  return hui_certificates_compose(e, order, norder, t, fonts, &opts, d, why);
}

static void cert_info(const hui_campaign *c, char *date, size_t cap, char **title,
                      char **subject, char **keywords) {
  doc_date(c, date, cap);
  *title = hui_xasprintf("%s%s%s荣誉证书", c->year.text ? c->year.text : "",
                         c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
  *subject = hui_xasprintf("%s%s", c->area.text ? c->area.text : "", c->name.text ? c->name.text : "");
  *keywords = hui_xasprintf("荣誉证书,先进典型,%s,%s", c->area.text ? c->area.text : "",
                            c->year.text ? c->year.text : "");
}

/* A file name from a certificate number and a name: no '/', no control
 * characters, no leading dot. Caller frees. */
static char *split_name(const char *number, const char *name) {
  char *s = hui_xasprintf("%s-%s", number, name);
  for (char *p = s; *p; p++)
    if (*p == '/' || *p == '\\' || (unsigned char)*p < 0x20 || *p == ':' || *p == '*' ||
        *p == '?' || *p == '"' || *p == '<' || *p == '>' || *p == '|')
      *p = '_';
  if (*s == '.') *s = '_';
  if (strlen(s) > 200) {
    size_t n = 200;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--; /* whole characters */
    s[n] = '\0';
  }
  char *r = hui_xasprintf("%s.pdf", s);
  free(s);
  return r;
}

/* Writes OUT/certificates.pdf and, with --split, OUT/certificates/<number>-<name>.pdf.
 * Returns false after printing why. */
static bool write_certs(const options *o, const hui_edition *e, const hui_certs *cs) {
  char date[32], *title, *subject, *keywords, *why = NULL;
  cert_info(&e->campaign, date, sizeof date, &title, &subject, &keywords);
  hui_doc_info info = {title, e->campaign.organizer.text, subject, keywords,
                       "huibian " HUIBIAN_VERSION, date};
  char *path = hui_path_join(o->out, "certificates.pdf");
  bool ok = hui_book_write_pdf(cs->book, &info, path, &why);
  if (!ok) fprintf(stderr, "huibian: cannot write %s: %s\n", path, why ? why : "unknown error");
  else fprintf(stderr, "huibian: wrote %s (%zu certificates)\n", path, cs->n);
  free(path);
  char *dir = hui_path_join(o->out, "certificates");
  if (ok && o->split && !make_dirs(dir)) {
    fprintf(stderr, "huibian: cannot create the folder %s: %s\n", dir, strerror(errno));
    ok = false;
  }
  for (size_t i = 0; ok && o->split && i < cs->n; i++) {
    const char *name = hui_submission_name(&e->subs[cs->subs[i]]);
    hui_dpage *pages[1] = {cs->book->pages[i]};
    hui_outline mark = {0, hui_xasprintf("%s　%s", cs->numbers[i], name), 0, 0};
    hui_book one = {.pages = pages, .npages = 1, .cap = 1, .outlines = &mark, .noutlines = 1};
    char *file = split_name(cs->numbers[i], name);
    char *fpath = hui_path_join(dir, file);
    ok = hui_book_write_pdf(&one, &info, fpath, &why);
    if (!ok) fprintf(stderr, "huibian: cannot write %s: %s\n", fpath, why ? why : "unknown error");
    free(fpath);
    free(file);
    free(mark.title);
  }
  if (ok && o->split) fprintf(stderr, "huibian: wrote %zu files into %s\n", cs->n, dir);
  free(dir);
  free(why);
  free(title);
  free(subject);
  free(keywords);
  return ok;
}

/* check: the lines that would have to shrink on the certificates
 * (cert-shrunk). Needs the fonts and the certificate template; without them
 * it is skipped quietly here, and the build reports what is missing. */
static void check_certs(const options *o, const hui_edition *e, hui_diags *d) {
  if (!e->campaign.loaded || !e->campaign.cert_text.text || hui_diags_count(d, HUI_ERROR)) return;
  char *why = NULL;
  hui_template *t = cert_template(o, e, &why);
  char *fdir = hui_path_join(data_dir(), "fonts");
  hui_fonts *fonts = t ? hui_fonts_open(fdir, e->dir, &why) : NULL;
  free(fdir);
  size_t norder = 0;
  size_t *order = fonts ? hui_order_awarded(e, &norder) : NULL;
  hui_certs *cs = fonts ? make_certs(o, e, order, norder, NULL, t, fonts, d, &why) : NULL;
  hui_diags_sort(d);
  hui_certs_free(cs);
  free(order);
  free(why);
  hui_fonts_free(fonts);
  hui_template_free(t);
}

static int cmd_certificates(const options *o) {
  if (!o->out) return usage_error("%s: certificates needs an output folder: -o OUT", o->edition);
  hui_diags *d = hui_diags_new();
  int status;
  hui_edition *e = load_and_check(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  const char *prefix = print_prefix(o->edition);
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
    status = EXIT_ERRORS;
    goto done;
  }
  if (!o->calibration && !e->campaign.cert_text.text) {
    fprintf(stderr, "huibian: campaign.xml has no <certificate> with a <text>: add one (see "
                    "input/2020/campaign.xml) to make certificates\n");
    status = EXIT_ERRORS;
    goto done;
  }
  t = cert_template(o, e, &why);
  char *fdir = hui_path_join(data_dir(), "fonts");
  if (t) fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!t || !fonts) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot set up templates or fonts");
    status = EXIT_USAGE;
    goto done;
  }
  if (!make_dirs(o->out)) {
    fprintf(stderr, "huibian: cannot create the output folder %s: %s\n", o->out, strerror(errno));
    status = EXIT_USAGE;
    goto done;
  }
  if (o->calibration) {
    hui_cert_opts opts = {o->offset_x, o->offset_y, NULL};
    cal = hui_certificates_calibration(t, fonts, &opts);
    char date[32];
    doc_date(&e->campaign, date, sizeof date);
    hui_doc_info info = {"荣誉证书校准页", e->campaign.organizer.text, t->name, "荣誉证书,校准",
                         "huibian " HUIBIAN_VERSION, date};
    char *path = hui_path_join(o->out, "calibration.pdf");
    if (hui_book_write_pdf(cal, &info, path, &why)) {
      fprintf(stderr, "huibian: wrote %s (template %s)\n", path, t->name);
    } else {
      fprintf(stderr, "huibian: cannot write %s: %s\n", path, why ? why : "unknown error");
      status = EXIT_USAGE;
    }
    free(path);
    goto done;
  }
  order = hui_order_awarded(e, &norder);
  keep = hui_xcalloc(norder + 1, sizeof *keep);
  if (!only_filter(o, e, order, norder, keep)) {
    status = EXIT_USAGE;
    goto done;
  }
  cs = make_certs(o, e, order, norder, keep, t, fonts, d, &why);
  if (!cs) {
    fprintf(stderr, "huibian: cannot make the certificates: %s\n", why ? why : "unknown error");
    status = EXIT_USAGE;
    goto done;
  }
  hui_diags_sort(d);
  hui_diags_print(d, stderr, prefix);
  hui_diags_print_summary(d, stderr, e->nsubs);
  if (hui_diags_failed(d, o->werror)) {
    fprintf(stderr, "huibian: certificates not written: fix the findings above and run again.\n");
    status = EXIT_ERRORS;
    goto done;
  }
  if (!write_certs(o, e, cs)) status = EXIT_USAGE;
done:
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
  char *fdir = hui_path_join(data_dir(), "fonts");
  hui_fonts *fonts = hui_fonts_open(fdir, o->edition, &why);
  free(fdir);
  if (!fonts) {
    fprintf(stderr, "huibian: %s\n", why ? why : "no usable fonts");
    free(why);
    return EXIT_USAGE;
  }
  hui_fonts_describe(fonts, stdout);
  hui_fonts_free(fonts);
  return EXIT_OK;
}

static int cmd_rules(void) {
  size_t n;
  const hui_rule *r = hui_rules_table(&n);
  for (size_t i = 0; i < n; i++)
    printf("%-24s %-8s %s\n", r[i].id, hui_severity_name(r[i].severity), r[i].summary);
  return EXIT_OK;
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
  hui_diags *d = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(dir, d, &why);
  if (!e) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot read the edition folder");
    free(why);
    hui_diags_free(d);
    return EXIT_USAGE;
  }
  hui_rules_run(e, d);
  const char *prefix = print_prefix(dir);
  int status = EXIT_OK;
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
      status = EXIT_USAGE;
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
  if (status == EXIT_OK && nerr) {
    fprintf(stderr, "huibian: the edition has %zu error%s that need a person, not a fix: run 'huibian check %s'\n",
            nerr, nerr == 1 ? "" : "s", dir);
    status = EXIT_ERRORS;
  }
  hui_edition_free(e);
  hui_diags_free(d);
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(USAGE, stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    fputs(USAGE, stdout);
    return EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0) {
    puts("huibian " HUIBIAN_VERSION);
    return EXIT_OK;
  }
  if (strcmp(cmd, "rules") == 0) return cmd_rules();
  if (strcmp(cmd, "fix") == 0) return cmd_fix(argc, argv);
  options o = {.command = cmd};
  int status = parse(argc, argv, &o);
  if (status != EXIT_OK) return status;
  bool known = strcmp(cmd, "check") == 0 || strcmp(cmd, "build") == 0 || strcmp(cmd, "fonts") == 0 ||
               strcmp(cmd, "certificates") == 0;
  if (!known) {
    if (strcmp(cmd, "archive") == 0 || strcmp(cmd, "verify") == 0)
      return usage_error("'%s' is not available in this version of huibian yet", cmd);
    return usage_error("unknown command '%s'", cmd);
  }
  if (!o.edition) return usage_error("%s needs an edition folder, e.g. input/2020", cmd);
  if (strcmp(cmd, "check") == 0) return cmd_check(&o);
  if (strcmp(cmd, "build") == 0) return cmd_build(&o);
  if (strcmp(cmd, "certificates") == 0) return cmd_certificates(&o);
  return cmd_fonts(&o);
}
