/* main: the command line — parses arguments, wires the stages, sets exit codes. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "compose/book.h"
#include "diag.h"
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
    "  build EDITION -o OUT [--trace]\n"
    "        check, then write OUT/compendium.pdf and OUT/report.json;\n"
    "        refuses to build while the edition has errors\n"
    "        --trace also writes OUT/compendium.trace, the layout as text\n"
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
    "Not in this version yet: fix, certificates, archive, verify.\n"
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
} options;

static int parse(int argc, char **argv, options *o) {
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--format=json") == 0) o->json = true;
    else if (strcmp(a, "--format=text") == 0) o->json = false;
    else if (strcmp(a, "--werror") == 0) o->werror = true;
    else if (strcmp(a, "--trace") == 0) o->trace = true;
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
    hui_buf_printf(&b, ", \"errors\": %zu, \"warnings\": %zu}", nerr, nwarn);
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
  hui_rules_run(e, d);
  hui_diags_sort(d);
  *status = EXIT_OK;
  return e;
}

/* The edition folder as a prefix for printed paths ("" for "."). */
static const char *print_prefix(const char *dir) {
  return strcmp(dir, ".") == 0 || strcmp(dir, "./") == 0 ? NULL : dir;
}

static int cmd_check(const options *o) {
  hui_diags *d = hui_diags_new();
  int status;
  hui_edition *e = load_and_check(o, d, &status);
  if (!e) {
    hui_diags_free(d);
    return status;
  }
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
  hui_book_free(book);
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
  options o = {.command = cmd};
  int status = parse(argc, argv, &o);
  if (status != EXIT_OK) return status;
  bool known = strcmp(cmd, "check") == 0 || strcmp(cmd, "build") == 0 || strcmp(cmd, "fonts") == 0;
  if (!known) {
    if (strcmp(cmd, "fix") == 0 || strcmp(cmd, "certificates") == 0 ||
        strcmp(cmd, "archive") == 0 || strcmp(cmd, "verify") == 0)
      return usage_error("'%s' is not available in this version of huibian yet", cmd);
    return usage_error("unknown command '%s'", cmd);
  }
  if (!o.edition) return usage_error("%s needs an edition folder, e.g. input/2020", cmd);
  if (strcmp(cmd, "check") == 0) return cmd_check(&o);
  if (strcmp(cmd, "build") == 0) return cmd_build(&o);
  return cmd_fonts(&o);
}
