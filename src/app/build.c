/* build: the build pipeline — load and check, template and fonts, order,
 * compendium, certificates, PDFs, report — for the commands of main.c. */
#define _XOPEN_SOURCE 700
#include "build.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "../archive.h"
#include "../base/sha256.h"
#include "../base/base.h"
#include "../compose/book.h"
#include "../compose/certificate.h"
#include "../diag.h"
#include "../fonts.h"
#include "../load.h"
#include "../model.h"
#include "../text/order.h"
#include "outdir.h"
#include "outputs.h"
#include "../text/text.h"
#include "../pdf.h"
#include "../rules/rules.h"

/* Where templates/ and fonts/ live: $HUIBIAN_DATA, else the source tree the
 * binary was built from. */
const char *hui_build_data_dir(void) {
  const char *d = getenv("HUIBIAN_DATA");
  return d && *d ? d : HUIBIAN_DATADIR;
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
char *hui_build_report_json(const hui_edition *e, const hui_diags *d, const char *edition_name,
                            const hui_certs *certs) {
  /* each awardee's certificate number, when the build made certificates */
  const char **number = certs ? hui_xcalloc(e->nsubs ? e->nsubs : 1, sizeof *number) : NULL;
  for (size_t i = 0; certs && i < certs->n; i++)
    if (certs->subs[i] < e->nsubs) number[certs->subs[i]] = certs->numbers[i];
  hui_buf b = {0};
  hui_buf_puts(&b, "{\n  \"tool\": \"huibian " HUIBIAN_VERSION "\",\n  \"edition\": ");
  hui_buf_json_str(&b, edition_name ? edition_name : e->dir);
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
    hui_buf_puts(&b, ", \"title\": ");
    hui_buf_json_str(&b, s->title.text ? s->title.text : "");
    hui_buf_puts(&b, ", \"unit\": ");
    hui_buf_json_str(&b, s->unit.text ? s->unit.text : "");
    hui_buf_puts(&b, ", \"category\": ");
    hui_buf_json_str(&b, s->category.text ? s->category.text : "");
    hui_buf_printf(&b, ", \"chars\": %ld, \"tier\": ", s->charcount);
    if (s->tier >= 0) hui_buf_json_str(&b, e->campaign.tiers[s->tier].name);
    else hui_buf_puts(&b, "null");
    if (number) {
      hui_buf_puts(&b, ", \"certificate\": ");
      if (number[i]) hui_buf_json_str(&b, number[i]);
      else hui_buf_puts(&b, "null");
    }
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
  free(number);
  return hui_buf_take(&b);
}

/* With HUIBIAN_TIMES set, how long each stage of a build took (stderr), for
 * the benchmark (bench/README.md); nothing otherwise. */
static void stage_done(const char *name) {
  static int on = -1;
  static struct timespec last;
  if (on < 0) {
    on = getenv("HUIBIAN_TIMES") != NULL;
    clock_gettime(CLOCK_MONOTONIC, &last);
  }
  if (!on || !name) return;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  double ms = (double)(now.tv_sec - last.tv_sec) * 1e3 + (double)(now.tv_nsec - last.tv_nsec) / 1e6;
  fprintf(stderr, "huibian: time: %-12s %8.1f ms\n", name, ms);
  last = now;
}

/* The rules with what some of them need: the compendium template (the
 * photo's printed size), the fonts (glyph coverage; without them the no-glyph
 * rule is skipped, with a note) and the archive's memory. A build runs them
 * on a second thread while the compendium is set (everything they use is
 * theirs, the edition they only read, but for each body's 字数); a check runs
 * them in place. */
typedef struct rules_job {
  hui_edition *e;
  hui_archive_memory *memory;
  hui_template *tmpl;
  hui_fonts *fonts;
  hui_rules_env env;
  hui_diags *d;
  pthread_t thread;
  bool running;
  _Atomic bool failed; /* the rules found what stops the build (typesetting may stop) */
  /* A build's certificates (when cert_t is set), made on the same thread
   * once the rules have passed, with fonts of their own, into a document
   * that the main thread saves when everything else has passed too. */
  const hui_build_opts *o;
  const size_t *order;
  size_t norder;
  const hui_template *cert_t;
  bool load_failed; /* the loader's findings already stop the build */
  hui_fonts *cert_fonts;
  hui_diags *cd;
  hui_certs *certs;
  hui_backend *cert_doc;
  char *cert_why;
} rules_job;

static hui_backend *certs_document(const hui_build_opts *o, const hui_edition *e, const hui_certs *cs,
                               char **why);
static bool write_certs(const hui_build_opts *o, const char *dir, const hui_edition *e,
                        const hui_certs *cs, hui_backend *doc, hui_buf *said);

static void make_certificates(rules_job *j) {
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  j->cert_fonts = hui_fonts_open(fdir, j->e->dir, &j->cert_why);
  free(fdir);
  if (!j->cert_fonts) return;
  j->certs = hui_build_make_certs(j->o, j->e, j->order, j->norder, NULL, j->cert_t, j->cert_fonts,
                                  j->cd, &j->cert_why);
  if (j->certs) j->cert_doc = certs_document(j->o, j->e, j->certs, &j->cert_why);
}

static void rules_job_prepare(rules_job *j, hui_edition *e, hui_archive_memory *memory) {
  char *why = NULL;
  j->e = e;
  j->memory = memory;
  j->d = hui_diags_new();
  const char *tname = e->campaign.compendium_template.text ? e->campaign.compendium_template.text : "compendium-a4";
  char *tdir = hui_path_join(hui_build_data_dir(), "templates");
  j->tmpl = hui_load_template(e->dir, tdir, tname, &why);
  free(tdir);
  if (!j->tmpl) fprintf(stderr, "huibian: note: photo sizes not checked: %s\n", why ? why : "no template");
  free(why);
  why = NULL;
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  j->fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!j->fonts) fprintf(stderr, "huibian: note: characters not checked against the fonts: %s\n", why ? why : "no fonts");
  free(why);
  j->env = (hui_rules_env){.tmpl = j->tmpl, .fonts = j->fonts};
  hui_archive_memory_env(memory, &j->env);
}

static void *rules_job_run(void *arg) {
  rules_job *j = arg;
  hui_rules_run_env(j->e, &j->env, j->d);
  if (j->o && (j->load_failed || hui_diags_failed(j->d, j->o->werror))) j->failed = true;
  if (j->cert_t && !j->failed) make_certificates(j);
  hui_text_release(); /* this thread's break iterators */
  return NULL;
}

/* Waits for the rules (if on a thread), moves their findings to d and frees
 * what they used (not the certificates). Safe to call twice. */
static void rules_job_finish(rules_job *j, hui_diags *d) {
  if (j->running) pthread_join(j->thread, NULL);
  j->running = false;
  if (j->d) hui_diags_append(d, j->d);
  hui_diags_free(j->d);
  j->d = NULL;
  hui_fonts_free(j->fonts);
  j->fonts = NULL;
  hui_template_free(j->tmpl);
  j->tmpl = NULL;
  hui_archive_memory_free(j->memory);
  j->memory = NULL;
}

/* Frees what the certificates' work left (after rules_job_finish). */
static void rules_job_free_certs(rules_job *j) {
  hui_backend_free(j->cert_doc); /* before its fonts */
  hui_certs_free(j->certs);
  hui_fonts_free(j->cert_fonts);
  hui_diags_free(j->cd);
  free(j->cert_why);
}

/* Loads the edition (and --archive's memory); NULL (after printing why) with
 * *status set. */
static hui_edition *load_edition(const hui_build_opts *o, hui_diags *d, int *status,
                                 hui_archive_memory **memory) {
  char *why = NULL;
  *memory = NULL;
  hui_edition *e = hui_load_edition(o->edition, d, &why);
  if (!e) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot read the edition folder");
    free(why);
    *status = HUI_EXIT_USAGE;
    return NULL;
  }
  if (o->archive) {
    *memory = hui_archive_memory_open(o->archive, &why);
    if (!*memory) {
      fprintf(stderr, "huibian: --archive: %s\n", why ? why : "cannot read the archive");
      free(why);
      hui_edition_free(e);
      *status = HUI_EXIT_USAGE;
      return NULL;
    }
  }
  *status = HUI_EXIT_OK;
  return e;
}

/* Loads and checks; returns the edition or NULL (after printing why) with
 * *status set. */
hui_edition *hui_build_load(const hui_build_opts *o, hui_diags *d, int *status) {
  hui_archive_memory *memory;
  hui_edition *e = load_edition(o, d, status, &memory);
  if (!e) return NULL;
  rules_job j = {0};
  rules_job_prepare(&j, e, memory);
  rules_job_run(&j);
  rules_job_finish(&j, d);
  hui_diags_sort(d);
  return e;
}

/* The edition folder as a prefix for printed paths ("" for "."). */
const char *hui_build_prefix(const char *dir) {
  return strcmp(dir, ".") == 0 || strcmp(dir, "./") == 0 ? NULL : dir;
}

/* The document's date: SOURCE_DATE_EPOCH, else the certificate date of
 * campaign.xml, else 1 January of the campaign year — never the clock. */
void hui_build_doc_date(const hui_campaign *c, char *out, size_t cap) {
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

static char *split_name(const char *number, const char *name);

/* An edition file (relative to the edition) in the manifest, when it is a
 * regular file inside the edition (a seal that is a pipe was not used). */
static void add_edition_file(hui_manifest *m, const hui_edition *e, const char *rel) {
  if (!rel || !*rel) return;
  char *real = hui_path_inside(e->dir, rel);
  struct stat st;
  bool regular = real && stat(real, &st) == 0 && S_ISREG(st.st_mode);
  free(real);
  if (!regular) return;
  char *file = hui_path_join(e->dir, rel);
  hui_manifest_add_found(m, "inputs", e->dir, hui_build_data_dir(), file);
  free(file);
}

/* Every file the outputs wrote under dir/rel (NULL: dir), as outputs: the
 * build's folder holds this build's outputs and nothing else until it
 * takes OUT's place (outdir.h), so whatever an output kind writes is
 * listed without each kind naming its files. */
static void add_outputs(hui_manifest *m, const char *dir, const char *rel, int depth) {
  char *path = rel ? hui_path_join(dir, rel) : hui_xstrdup(dir);
  DIR *dh = depth < 8 ? opendir(path) : NULL;
  for (struct dirent *de; dh && (de = readdir(dh));) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    if (!rel && strcmp(de->d_name, "manifest.json") == 0) continue;
    char *sub = rel ? hui_path_join(rel, de->d_name) : hui_xstrdup(de->d_name);
    char *file = hui_path_join(dir, sub);
    struct stat st;
    if (lstat(file, &st) == 0 && S_ISDIR(st.st_mode)) add_outputs(m, dir, sub, depth + 1);
    else if (S_ISREG(st.st_mode)) hui_manifest_add(m, "outputs", HUI_FROM_OUTPUT, sub, file);
    free(file);
    free(sub);
  }
  if (dh) closedir(dh);
  free(path);
}

/* The font files are most of what the manifest hashes (tens of megabytes)
 * and are not written by a build: a second thread hashes them while the
 * compendium is set. */
typedef struct file_digest {
  const char *file; /* borrowed from the hui_fonts */
  bool ok;
  uint64_t size;
  char hex[65];
} file_digest;

typedef struct font_hasher {
  file_digest *d;
  size_t n;
  pthread_t thread;
  bool running;
} font_hasher;

static void *hash_fonts(void *arg) {
  font_hasher *h = arg;
  for (size_t i = 0; i < h->n; i++) h->d[i].ok = hui_sha256_file(h->d[i].file, &h->d[i].size, h->d[i].hex);
  return NULL;
}

static void font_hasher_start(font_hasher *h, const hui_fonts *fonts) {
  const char **files;
  h->n = hui_fonts_files(fonts, &files);
  h->d = hui_xcalloc(h->n ? h->n : 1, sizeof *h->d);
  for (size_t i = 0; i < h->n; i++) h->d[i].file = files[i];
  /* without a thread, the manifest hashes them itself */
  h->running = pthread_create(&h->thread, NULL, hash_fonts, h) == 0;
}

/* Waits for the hashes; call before the fonts are freed. */
static void font_hasher_join(font_hasher *h) {
  if (h->running) pthread_join(h->thread, NULL);
  h->running = false;
}

/* OUT/manifest.json: every input, template and font file and every output
 * with its size and SHA-256. Returns the exit status after reporting. */
static int write_manifest(const hui_build_opts *o, const char *dir, const hui_edition *e,
                          const hui_template *t, const hui_template *cert_t, const hui_fonts *fonts,
                          const font_hasher *hasher, hui_build_result *res) {
  const hui_campaign *c = &e->campaign;
  const char *dd = hui_build_data_dir();
  hui_manifest *m = hui_manifest_new(o->edition_name ? o->edition_name : o->edition,
                                     c->year.text ? c->year.text : "");
  if (o->revision) hui_manifest_set_archive(m, o->revision, o->supersedes);
  /* Where the edition is, so verify finds the inputs from any current
   * folder (an archive holds its own copy of them). */
  char *ed_real = o->revision ? NULL : realpath(e->dir, NULL);
  hui_manifest_set_edition_path(m, ed_real);
  free(ed_real);
  add_edition_file(m, e, c->path ? c->path : "campaign.xml");
  for (size_t i = 0; i < e->nsubs; i++) {
    add_edition_file(m, e, e->subs[i].path);
    if (e->subs[i].loaded) add_edition_file(m, e, e->subs[i].photo.text);
  }
  if (cert_t) add_edition_file(m, e, c->cert_seal.text);
  const hui_template *ts[2] = {t, cert_t};
  for (int i = 0; i < 2; i++)
    if (ts[i] && ts[i]->path) hui_manifest_add_found(m, "templates", e->dir, dd, ts[i]->path);
  const char **files = NULL;
  size_t nfiles = fonts ? hui_fonts_files(fonts, &files) : 0; /* none when nothing was set */
  char *conf = fonts ? hui_path_join(dd, "fonts/fonts.conf") : NULL;
  if (conf) hui_manifest_add_found(m, "fonts", e->dir, dd, conf);
  free(conf);
  for (size_t i = 0; i < nfiles; i++) hui_manifest_add_found(m, "fonts", e->dir, dd, files[i]);
  for (size_t i = 0; hasher && i < hasher->n; i++)
    if (hasher->d[i].ok) hui_manifest_known(m, hasher->d[i].file, hasher->d[i].size, hasher->d[i].hex);
  add_outputs(m, dir, NULL, 0);
  char *why = NULL;
  int status = HUI_EXIT_OK;
  if (!hui_manifest_write(m, dir, &why)) {
    fprintf(stderr, "huibian: %s\n", why ? why : "cannot write the manifest");
    status = HUI_EXIT_USAGE;
  } else if (res) {
    res->inputs = hui_manifest_edition_files(m, &res->ninputs);
    res->year = hui_xstrdup(c->year.text ? c->year.text : "");
  }
  free(why);
  hui_manifest_free(m);
  return status;
}

/* Progress on a terminal: one line rewritten in place, so a long run shows
 * it is alive; nothing when stderr is a file or under CI. */
typedef struct progress {
  bool on;
  const char *what;
  bool shown;
  const _Atomic bool *stop; /* set when the check on the other thread failed */
} progress;

static bool show_progress(void *ctx, size_t done, size_t total) {
  progress *p = ctx;
  if (p->on) {
    fprintf(stderr, "\rhuibian: %s %zu/%zu articles", p->what, done, total);
    fflush(stderr);
    p->shown = true;
  }
  return !(p->stop && *p->stop);
}

static void end_progress(progress *p) {
  if (p->shown) fputs("\r\033[K", stderr);
}

/* Joins the rules (once) and, when they found errors (or warnings with
 * --werror), prints the findings and says nothing will be built: returns
 * true. Called before anything is written, and before any other failure is
 * reported, so a build says what a check would. */
static bool check_failed(rules_job *j, bool *joined, hui_diags *d, const hui_build_opts *o,
                         const hui_edition *e) {
  if (*joined) return false;
  rules_job_finish(j, d);
  *joined = true;
  hui_diags_sort(d);
  stage_done("check");
  if (!hui_diags_failed(d, o->werror)) return false;
  hui_diags_print(d, stderr, hui_build_prefix(o->edition));
  hui_diags_print_summary(d, stderr, e->nsubs);
  fprintf(stderr,
          "huibian: not building: the edition has errors. Fix the findings above "
          "(or send them back to the units) and run again.\n");
  return true;
}

/* --- the outputs (outputs.h): each writes what the build made ------------ */

bool hui_write_compendium(hui_build_state *st) {
  if (!st->book) return true;
  if (getenv("HUIBIAN_TIMES")) {
    size_t held = hui_pdf_thread_heap(), np = st->book->total;
    fprintf(stderr, "huibian: time: libharu holds %.1f MiB for %zu pages (%.0f bytes a page) before saving\n",
            held / 1048576.0, np, np ? (double)held / np : 0.0);
  }
  char *why = NULL;
  char *path = hui_path_join(st->dir, "compendium.pdf");
  char *shown = hui_path_join(st->o->out, "compendium.pdf");
  bool ok = hui_book_marks(st->book, st->compendium, &why) &&
            hui_backend_finish(st->compendium, path, &why);
  /* the document is written: its memory goes before the certificates' */
  hui_backend_free(st->compendium);
  st->compendium = NULL;
  if (!ok) fprintf(stderr, "huibian: cannot write %s: %s\n", shown, why ? why : "unknown error");
  else if (!st->o->quiet)
    hui_buf_printf(st->said, "huibian: wrote %s (%zu pages, %zu articles)\n", shown, st->book->total,
                   st->book->ntoc);
  free(why);
  free(path);
  free(shown);
  stage_done("pdf-save");
  return ok;
}

bool hui_write_certificates(hui_build_state *st) {
  if (!st->certs) return true;
  hui_backend *doc = st->cert_doc;
  st->cert_doc = NULL;
  bool ok = write_certs(st->o, st->dir, st->e, st->certs, doc, st->said);
  stage_done("certificates");
  return ok;
}

bool hui_write_report(hui_build_state *st) {
  char *report = hui_build_report_json(st->e, st->d, st->o->edition_name, st->certs);
  char *path = hui_path_join(st->dir, "report.json");
  bool ok = hui_write_atomic(path, report, strlen(report));
  if (!ok) fprintf(stderr, "huibian: cannot write %s/report.json: %s\n", st->o->out, strerror(errno));
  free(report);
  free(path);
  return ok;
}

int hui_build_edition(const hui_build_opts *o, hui_build_result *res) {
  stage_done(NULL);
  hui_diags *d = hui_diags_new();
  int status;
  hui_archive_memory *memory;
  hui_edition *e = load_edition(o, d, &status, &memory);
  stage_done("load");
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  /* The rules run on a second thread while the compendium is set (into its
   * own findings, dts): the tiers, which order the compendium, are set first.
   * Nothing is written before the rules have passed. Only the outputs asked
   * for (outputs.h) are composed. */
  const hui_campaign *c = &e->campaign;
  bool want_book = hui_outputs_want(&o->outputs, "compendium");
  bool want_certs = hui_outputs_want(&o->outputs, "certificates") && c->cert_text.text;
  rules_job job = {0};
  bool joined = false;
  rules_job_prepare(&job, e, memory);
  hui_rules_tiers(e);
  job.env.tiers_set = true;
  size_t norder;
  size_t *order = hui_order_awarded(e, &norder);
  char *why = NULL;
  hui_template *cert_t = NULL;
  char *cert_t_why = NULL;
  if (want_certs) cert_t = hui_build_cert_template(o, e, &cert_t_why);
  job.o = o;
  job.order = order;
  job.norder = norder;
  job.cert_t = cert_t;
  job.load_failed = hui_diags_failed(d, o->werror);
  job.cd = hui_diags_new();
  job.running = pthread_create(&job.thread, NULL, rules_job_run, &job) == 0;
  if (!job.running) rules_job_run(&job);
  hui_diags *dts = hui_diags_new();
  const char *prefix = hui_build_prefix(o->edition);
  hui_fonts *fonts = NULL;
  hui_template *t = NULL;
  hui_book *book = NULL;
  hui_backend *pdf = NULL;
  hui_certs *certs = NULL;
  hui_outdir *outdir = NULL;
  hui_buf said = {0};
  font_hasher hasher = {0};
  if (want_book) {
    const char *tname = c->compendium_template.text ? c->compendium_template.text : "compendium-a4";
    char *tdir = hui_path_join(hui_build_data_dir(), "templates");
    t = hui_load_template(e->dir, tdir, tname, &why);
    free(tdir);
    char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
    if (t) fonts = hui_fonts_open(fdir, e->dir, &why);
    free(fdir);
    if (!t || !fonts) {
      status = check_failed(&job, &joined, d, o, e) ? HUI_EXIT_ERRORS : HUI_EXIT_USAGE;
      if (status == HUI_EXIT_USAGE)
        fprintf(stderr, "huibian: %s\n", why ? why : "cannot set up templates or fonts");
      goto done;
    }
    font_hasher_start(&hasher, fonts);
    stage_done("fonts");
    char date[32];
    hui_build_doc_date(c, date, sizeof date);
    char *subject = hui_xasprintf("%s%s%s", c->year.text ? c->year.text : "",
                                  c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
    char *keywords = hui_xasprintf("先进典型,事迹汇编,%s,%s", c->area.text ? c->area.text : "",
                                   c->year.text ? c->year.text : "");
    hui_doc_info info = {c->compendium_title.text, c->organizer.text, subject, keywords,
                         "huibian " HUIBIAN_VERSION, date, o->pdfa};
    /* Pages go into the PDF document as each article is set (libharu holds
     * the document in memory; the file is written only at the end,
     * atomically); with --trace their layout as text beside it. */
    pdf = hui_pdf_backend(&info, &why);
    if (pdf && o->trace) pdf = hui_backend_tee(pdf, hui_trace_backend(), "compendium.trace");
    free(subject);
    free(keywords);
    if (!pdf) {
      status = check_failed(&job, &joined, d, o, e) ? HUI_EXIT_ERRORS : HUI_EXIT_USAGE;
      if (status == HUI_EXIT_USAGE)
        fprintf(stderr, "huibian: cannot start the PDF: %s\n", why ? why : "unknown error");
      goto done;
    }
    progress pr = {isatty(fileno(stderr)) && !getenv("CI"), "typesetting", false, &job.failed};
    book = hui_compendium_stream(e, order, norder, t, fonts, dts, pdf, show_progress, &pr, &why);
    end_progress(&pr);
    stage_done("typesetting");
  }
  if (check_failed(&job, &joined, d, o, e)) {
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  hui_diags_append(d, dts);
  if (want_book && !book) {
    fprintf(stderr, "huibian: cannot typeset the compendium: %s\n", why ? why : "unknown error");
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* the certificates' findings after the compendium's, as made */
  hui_diags_append(d, job.cd);
  if (want_certs) {
    certs = job.certs;
    job.certs = NULL;
    if (!certs || !job.cert_doc) {
      const char *w = cert_t_why ? cert_t_why : job.cert_why;
      fprintf(stderr, "huibian: cannot make the certificates: %s\n", w ? w : "unknown error");
      status = HUI_EXIT_USAGE;
      goto done;
    }
  }
  stage_done("cert-layout");
  hui_diags_sort(d);
  hui_diags_print(d, stderr, prefix);
  hui_diags_print_summary(d, stderr, e->nsubs);
  if (hui_diags_failed(d, o->werror)) {
    /* Errors found while typesetting (a photo gone since the check, a
     * certificate text that fits nowhere), or with --werror a warning (a
     * certificate line set smaller, as check --werror would stop on too):
     * the earlier outputs stay as they are. */
    fprintf(stderr, "huibian: nothing written: typesetting found the %s above; %s is as it "
                    "was. Fix them and run again.\n",
            hui_diags_count(d, HUI_ERROR) ? "errors" : "warnings (--werror)", o->out);
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  /* Everything is written into a new folder beside OUT that then takes its
   * place as a whole (outdir.h); the archive's folder is its own already. */
  if (!o->out_private && !(outdir = hui_outdir_begin(o->out, o->edition, &why))) {
    fprintf(stderr, "huibian: %s\n", why);
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* each output asked for, in the registry's order */
  hui_build_state st = {o, e, d, outdir ? hui_outdir_path(outdir) : o->out, &said, book, pdf,
                        certs, job.cert_doc};
  pdf = NULL;
  job.cert_doc = NULL;
  size_t nkinds;
  const hui_output_kind *kinds = hui_outputs(&nkinds);
  for (size_t i = 0; i < nkinds && status == HUI_EXIT_OK; i++)
    if (hui_outputs_want(&o->outputs, kinds[i].name) && !kinds[i].write(&st)) status = HUI_EXIT_USAGE;
  hui_backend_free(st.compendium);
  hui_backend_free(st.cert_doc);
  font_hasher_join(&hasher);
  if (status == HUI_EXIT_OK)
    status = write_manifest(o, st.dir, e, t, cert_t, fonts ? fonts : job.cert_fonts, &hasher, res);
  stage_done("manifest");
  if (status == HUI_EXIT_OK && outdir) {
    /* an earlier build's outputs go, but with --only those not asked for stay */
    hui_outdir_replace replace = {.earlier_outputs = !o->outputs.given};
    bool ok = hui_outdir_commit(outdir, &replace, &why);
    outdir = NULL;
    if (!ok) {
      fprintf(stderr, "huibian: %s\n", why);
      status = HUI_EXIT_USAGE;
    }
  }
  if (status == HUI_EXIT_OK) {
    fputs(said.data ? said.data : "", stderr);
  } else if (outdir) {
    fprintf(stderr, "huibian: %s is as it was: nothing in it was replaced\n", o->out);
  }
  if (status == HUI_EXIT_OK && res) {
    res->pages = book ? book->total : 0;
    res->articles = book ? book->ntoc : 0;
    res->certificates = certs ? certs->n : 0;
  }
done:
  hui_buf_free(&said);
  hui_outdir_abort(outdir);
  rules_job_finish(&job, d);
  rules_job_free_certs(&job);
  free(cert_t_why);
  hui_diags_free(dts);
  font_hasher_join(&hasher);
  free(hasher.d);
  free(why);
  free(order);
  hui_certs_free(certs);
  hui_template_free(cert_t);
  hui_backend_free(pdf);
  hui_book_free(book);
  hui_fonts_free(fonts);
  hui_template_free(t);
  hui_edition_free(e);
  hui_diags_free(d);
  stage_done("free");
  return status;
}

/* --- certificates ------------------------------------------------------ */

/* The certificate template: --template, else the campaign's, else the
 * full design. Returns NULL with *why set. */
hui_template *hui_build_cert_template(const hui_build_opts *o, const hui_edition *e, char **why) {
  const hui_campaign *c = &e->campaign;
  const char *name = o->cert_template ? o->cert_template
                     : c->cert_template.text && *c->cert_template.text ? c->cert_template.text
                                                                       : "certificate-a4-landscape";
  char *tdir = hui_path_join(hui_build_data_dir(), "templates");
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

/* Composes the certificates of the awardees (those of --only). Returns NULL
 * with *why set. */
hui_certs *hui_build_make_certs(const hui_build_opts *o, const hui_edition *e, const size_t *order,
                             size_t norder, const bool *keep, const hui_template *t,
                             hui_fonts *fonts, hui_diags *d, char **why) {
  hui_cert_opts opts = {o->offset_x, o->offset_y, keep};
  return hui_certificates_compose(e, order, norder, t, fonts, &opts, d, why);
}

/* The certificates' document information; cert_info_free frees its strings. */
typedef struct cert_info {
  char date[32];
  char *title, *subject, *keywords;
  hui_doc_info info; /* pointing at the above */
} cert_info;

static void cert_info_make(cert_info *ci, const hui_build_opts *o, const hui_campaign *c) {
  hui_build_doc_date(c, ci->date, sizeof ci->date);
  ci->title = hui_xasprintf("%s%s%s荣誉证书", c->year.text ? c->year.text : "",
                            c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
  ci->subject = hui_xasprintf("%s%s", c->area.text ? c->area.text : "", c->name.text ? c->name.text : "");
  ci->keywords = hui_xasprintf("荣誉证书,先进典型,%s,%s", c->area.text ? c->area.text : "",
                               c->year.text ? c->year.text : "");
  ci->info = (hui_doc_info){ci->title, c->organizer.text, ci->subject, ci->keywords,
                            "huibian " HUIBIAN_VERSION, ci->date, o->pdfa};
}

static void cert_info_free(cert_info *ci) {
  free(ci->title);
  free(ci->subject);
  free(ci->keywords);
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

/* The certificates' document with every page, bookmark and label in it,
 * not yet written (with --trace, their layout as text beside it); NULL with
 * *why set. */
static hui_backend *certs_document(const hui_build_opts *o, const hui_edition *e, const hui_certs *cs,
                                   char **why) {
  cert_info ci;
  cert_info_make(&ci, o, &e->campaign);
  hui_backend *doc = hui_pdf_backend(&ci.info, why);
  cert_info_free(&ci);
  if (doc && o->trace) doc = hui_backend_tee(doc, hui_trace_backend(), "certificates.trace");
  if (doc && !hui_book_send(cs->book, doc, why)) {
    hui_backend_free(doc);
    doc = NULL;
  }
  return doc;
}

/* Writes DIR/certificates.pdf (from doc when the caller made it with
 * certs_document, which it then frees) and, with --split,
 * DIR/certificates/<number>-<name>.pdf, into dir: a new folder that will
 * take OUT's place (outdir.h), so no certificate of an earlier run stays
 * unless it is kept on purpose (--only). Messages name the files as they
 * will be, under OUT; "wrote" lines go to said. Returns false after
 * printing why. */
static bool write_certs(const hui_build_opts *o, const char *dir, const hui_edition *e,
                        const hui_certs *cs, hui_backend *doc, hui_buf *said) {
  char *why = NULL;
  cert_info ci;
  cert_info_make(&ci, o, &e->campaign);
  char *path = hui_path_join(dir, "certificates.pdf");
  char *shown = hui_path_join(o->out, "certificates.pdf");
  if (!doc) doc = certs_document(o, e, cs, &why);
  bool ok = doc && hui_backend_finish(doc, path, &why);
  hui_backend_free(doc);
  if (!ok) fprintf(stderr, "huibian: cannot write %s: %s\n", shown, why ? why : "unknown error");
  else if (!o->quiet) hui_buf_printf(said, "huibian: wrote %s (%zu certificates)\n", shown, cs->n);
  free(path);
  free(shown);
  char *into = hui_path_join(dir, "certificates");
  char *shown_dir = hui_path_join(o->out, "certificates");
  if (ok && o->split && !hui_make_dirs(into)) {
    fprintf(stderr, "huibian: cannot create the folder %s: %s\n", shown_dir, strerror(errno));
    ok = false;
  }
  for (size_t i = 0; ok && o->split && i < cs->n; i++) {
    const char *name = hui_submission_name(&e->subs[cs->subs[i]]);
    hui_dpage *pages[1] = {cs->book->pages[i]};
    hui_outline mark = {0, hui_xasprintf("%s　%s", cs->numbers[i], name), 0, 0};
    hui_book one = {.pages = pages, .npages = 1, .cap = 1, .outlines = &mark, .noutlines = 1};
    char *file = split_name(cs->numbers[i], name);
    char *fpath = hui_path_join(into, file);
    hui_backend *pdf1 = hui_pdf_backend(&ci.info, &why);
    ok = pdf1 && hui_book_send(&one, pdf1, &why) && hui_backend_finish(pdf1, fpath, &why);
    hui_backend_free(pdf1);
    if (!ok)
      fprintf(stderr, "huibian: cannot write %s/%s: %s\n", shown_dir, file, why ? why : "unknown error");
    free(fpath);
    free(file);
    free(mark.title);
  }
  if (ok && o->split) hui_buf_printf(said, "huibian: wrote %zu files into %s\n", cs->n, shown_dir);
  free(into);
  free(shown_dir);
  free(why);
  cert_info_free(&ci);
  return ok;
}

bool hui_build_write_certs(const hui_build_opts *o, const char *dir, const hui_edition *e,
                           const hui_certs *cs, hui_buf *said) {
  return write_certs(o, dir, e, cs, NULL, said);
}

/* check: the lines that would have to shrink on the certificates
 * (cert-shrunk). Needs the fonts and the certificate template; without them
 * it is skipped quietly here, and the build reports what is missing. */
void hui_build_check_certs(const hui_build_opts *o, const hui_edition *e, hui_diags *d) {
  if (!e->campaign.loaded || !e->campaign.cert_text.text || hui_diags_count(d, HUI_ERROR)) return;
  char *why = NULL;
  hui_template *t = hui_build_cert_template(o, e, &why);
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  hui_fonts *fonts = t ? hui_fonts_open(fdir, e->dir, &why) : NULL;
  free(fdir);
  size_t norder = 0;
  size_t *order = fonts ? hui_order_awarded(e, &norder) : NULL;
  hui_certs *cs = fonts ? hui_build_make_certs(o, e, order, norder, NULL, t, fonts, d, &why) : NULL;
  hui_diags_sort(d);
  hui_certs_free(cs);
  free(order);
  free(why);
  hui_fonts_free(fonts);
  hui_template_free(t);
}


void hui_build_result_free(hui_build_result *r) {
  if (!r) return;
  free(r->year);
  for (size_t i = 0; i < r->ninputs; i++) free(r->inputs[i]);
  free(r->inputs);
  *r = (hui_build_result){0};
}

/* --- archive ----------------------------------------------------------- */

static const char SEALED_TEXT[] =
    "This edition was archived by huibian and is sealed: 'huibian archive' never\n"
    "changes it. manifest.json lists every input, template, font and output with\n"
    "its SHA-256; 'huibian verify FOLDER' checks them. To correct the edition, run\n"
    "'huibian archive EDITION --into ARCHIVE --supersede': it writes a new revision\n"
    "beside this one (YEAR-r2, YEAR-r3, ...) and the index then uses the newest.\n";

/* The folder name for year in archive: "<year>" when free; when taken and
 * supersede, "<year>-r<N+1>" with *previous the newest existing one.
 * Returns NULL after printing why (a sealed edition without --supersede). */
static char *archive_target(const char *archive, const char *year, bool supersede, int *revision,
                            char **previous) {
  int newest = 0;
  DIR *dir = opendir(archive);
  struct dirent *de;
  while (dir && (de = readdir(dir))) {
    int y, r;
    if (hui_archive_is_edition_name(de->d_name, &y, &r) && strncmp(de->d_name, year, 4) == 0 &&
        r > newest) {
      newest = r;
      free(*previous);
      *previous = hui_xstrdup(de->d_name);
    }
  }
  if (dir) closedir(dir);
  if (!newest) {
    *revision = 1;
    return hui_xstrdup(year);
  }
  if (!supersede) {
    char *shown = hui_path_join(archive, *previous);
    fprintf(stderr,
            "huibian: %s is sealed: the %s edition is already archived and an archived edition is "
            "never changed. To file a corrected edition beside it, run again with --supersede (it "
            "writes %s-r%d and keeps %s as it is).\n",
            shown, year, year, newest + 1, *previous);
    free(shown);
    return NULL;
  }
  *revision = newest + 1;
  return hui_xasprintf("%s-r%d", year, newest + 1);
}

/* The year of the edition (campaign.xml), as a folder name: four digits. */
static char *edition_year(const char *edition) {
  hui_diags *scratch = hui_diags_new();
  char *why = NULL;
  hui_edition *e = hui_load_edition(edition, scratch, &why);
  char *year = NULL;
  const char *y = e && e->campaign.year.text ? e->campaign.year.text : NULL;
  if (y && strlen(y) == 4 && strspn(y, "0123456789") == 4) year = hui_xstrdup(y);
  else if (e) year = hui_xstrdup("");
  else fprintf(stderr, "huibian: %s\n", why ? why : "cannot read the edition folder");
  free(why);
  hui_edition_free(e);
  hui_diags_free(scratch);
  return year;
}

static void sync_dir(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
}

int hui_build_archive(const hui_build_opts *o) {
  const char *archive = o->archive;
  char *year = edition_year(o->edition);
  if (!year) return HUI_EXIT_USAGE;
  if (!*year) {
    free(year);
    fprintf(stderr, "huibian: %s/campaign.xml has no four-digit year (<campaign year=\"2020\">): the "
                    "archive files each edition under its year. Run 'huibian check %s'.\n",
            o->edition, o->edition);
    return HUI_EXIT_ERRORS;
  }
  if (!hui_make_dirs(archive)) {
    fprintf(stderr, "huibian: cannot create the archive folder %s: %s\n", archive, strerror(errno));
    free(year);
    return HUI_EXIT_USAGE;
  }
  hui_archive_clean(archive);
  int revision = 0;
  char *previous = NULL;
  char *target = archive_target(archive, year, o->supersede, &revision, &previous);
  if (!target) {
    free(previous);
    free(year);
    return HUI_EXIT_USAGE;
  }
  char *tmpl = hui_xasprintf("%s/.tmp-%ld-XXXXXX", archive, (long)getpid());
  char *tmp = mkdtemp(tmpl);
  int status = HUI_EXIT_OK;
  char *why = NULL;
  hui_build_result res = {0};
  if (!tmp) {
    fprintf(stderr, "huibian: cannot write into the archive folder %s: %s\n", archive, strerror(errno));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  hui_build_opts b = *o;
  b.out = tmp;
  b.out_private = true;
  b.quiet = true;
  b.edition_name = "input";
  b.pdfa = true;
  b.revision = revision;
  b.supersedes = previous;
  status = hui_build_edition(&b, &res);
  if (status != HUI_EXIT_OK) goto done;
  /* The inputs, copied: the archive can be rebuilt and verified without the clerk's folder. */
  for (size_t i = 0; i < res.ninputs && status == HUI_EXIT_OK; i++) {
    char *src = hui_path_join(o->edition, res.inputs[i]);
    char *in = hui_path_join(tmp, "input"), *dst = hui_path_join(in, res.inputs[i]);
    if (!hui_copy_file(src, dst, &why)) {
      fprintf(stderr, "huibian: %s\n", why);
      status = HUI_EXIT_USAGE;
    }
    free(src);
    free(in);
    free(dst);
  }
  if (status != HUI_EXIT_OK) goto done;
  if (hui_verify(tmp, hui_build_data_dir(), true) != 0) {
    fprintf(stderr, "huibian: not archived: the files changed while they were archived; run again\n");
    status = HUI_EXIT_USAGE;
    goto done;
  }
  char *sealed = hui_path_join(tmp, "SEALED");
  bool ok = hui_write_atomic(sealed, SEALED_TEXT, strlen(SEALED_TEXT));
  free(sealed);
  if (!ok) {
    fprintf(stderr, "huibian: cannot write into %s: %s\n", archive, strerror(errno));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* mkdtemp made it 0700; give it the mode a plain mkdir would. */
  chmod(tmp, 0777 & ~(mode_t)hui_umask());
  sync_dir(tmp);
  /* For the tests: a pause before the one step that changes the archive. */
  const char *pause = getenv("HUIBIAN_TEST_PAUSE");
  if (pause && *pause) sleep((unsigned)atoi(pause));
  char *dest = hui_path_join(archive, target);
  if (rename(tmp, dest) != 0) {
    fprintf(stderr, "huibian: cannot file the edition as %s: %s (did another run archive it just now?)\n",
            dest, strerror(errno));
    status = HUI_EXIT_USAGE;
  } else {
    tmp = NULL;
    sync_dir(archive);
    if (!hui_archive_reindex(archive, &why)) {
      fprintf(stderr, "huibian: the edition is archived as %s, but %s/index.json could not be "
                      "updated: %s; the next archive run rebuilds it\n", dest, archive, why);
      status = HUI_EXIT_USAGE;
    } else {
      fprintf(stderr, "huibian: archived the %s edition as %s (sealed%s%s): %zu pages, %zu "
                      "certificates, PDF/A-1b; check it with 'huibian verify %s'\n",
              year, dest, previous ? "; supersedes " : "", previous ? previous : "", res.pages,
              res.certificates, dest);
    }
  }
  free(dest);
done:
  if (tmp) hui_remove_tree(tmp);
  free(tmpl);
  free(why);
  free(target);
  free(previous);
  free(year);
  hui_build_result_free(&res);
  return status;
}
