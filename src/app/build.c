/* build: the build pipeline — load and check (the rules on a thread of
 * their own), template and fonts, order, the compendium set while the rules
 * run, then the outputs of the registry (outputs.h) written into a folder
 * that takes OUT's place (outdir.h). certs.c, manifest.c, report.c and
 * archiving.c hold the rest of what build.h offers. */
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
#include "../base/base.h"
#include "../base/datadir.h"
#include "../base/i18n.h"
#include "../base/sha256.h"
#include "../compose/blocks.h"
#include "../compose/book.h"
#include "../compose/certificate.h"
#include "../diag.h"
#include "../fonts.h"
#include "../layout/para.h"
#include "../load.h"
#include "../model.h"
#include "../pdf.h"
#include "../rules/rules.h"
#include "../text/order.h"
#include "../text/text.h"
#include "../xindex.h"
#include "build_internal.h"
#include "outdir.h"
#include "outputs.h"

/* Where templates/ and fonts/ live (base/datadir.h). */
const char *hui_build_data_dir(void) { return hui_data_dir(); }

void hui_build_stage(const char *name) {
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
  hui_xindex *against; /* --against's index */
  const char *against_path;
  hui_template *tmpl;
  hui_fonts *fonts;
  hui_rules_env env;
  hui_diags *d;
  pthread_t thread;
  bool running;
  _Atomic bool failed; /* the rules found what stops the build (typesetting may stop) */
  /* A build's certificates (when cert_t is set), made on the same thread
   * once the rules have passed, with fonts of their own, into a document
   * that is written there into a scratch file (cert_spool) and put in its
   * place by the main thread when everything else has passed too. So its
   * pages, fonts and subsets leave memory before the compendium is saved,
   * and its writing is not the main thread's. With --trace the document is
   * kept (cert_doc), to be written beside its trace. */
  const hui_build_opts *o;
  const size_t *order;
  size_t norder;
  const hui_template *cert_t;
  bool load_failed; /* the loader's findings already stop the build */
  hui_fonts *cert_fonts;
  hui_diags *cd;
  hui_certs *certs;
  hui_backend *cert_doc;
  hui_spool *cert_spool;
  bool keep_cert_fonts; /* the manifest names them (a build without the compendium) */
  char *cert_why;
  /* Set once the rules and the tables' check have read every body: the
   * certificates need none, so from then on only the compendium (and the
   * web edition) do. */
  _Atomic bool bodies_read;
} rules_job;


static void make_certificates(rules_job *j) {
  if (!j->cert_fonts && !j->cert_why) { /* the rules had no fonts */
    char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
    j->cert_fonts = hui_fonts_open(fdir, j->e->dir, &j->cert_why);
    free(fdir);
  }
  if (!j->cert_fonts) return;
  /* each page goes into the document as it is made (not kept: a build has no --split) */
  j->certs = hui_build_make_certs(j->o, j->e, j->order, j->norder, NULL, j->cert_t, j->cert_fonts,
                                  j->cd, &j->cert_doc, &j->cert_why);
  if (!j->cert_doc || j->o->trace || !hui_backend_can_finish_fd(j->cert_doc)) return;
  j->cert_spool = hui_backend_spool(j->cert_doc, "certificates.pdf", &j->cert_why);
  hui_backend_free(j->cert_doc);
  j->cert_doc = NULL;
  if (!j->keep_cert_fonts) {
    hui_fonts_free(j->cert_fonts);
    j->cert_fonts = NULL;
  }
}

static void rules_job_prepare(rules_job *j, hui_edition *e, hui_archive_memory *memory,
                              hui_xindex *against, const char *against_path) {
  char *why = NULL;
  j->e = e;
  j->memory = memory;
  j->against = against;
  j->against_path = against_path;
  j->d = hui_diags_new();
  const char *tname = e->campaign.compendium.template_name.text ? e->campaign.compendium.template_name.text : "compendium-a4";
  char *tdir = hui_path_join(hui_build_data_dir(), "templates");
  j->tmpl = hui_load_template(e->dir, tdir, tname, &why);
  free(tdir);
  if (!j->tmpl) fprintf(stderr, _("huibian: note: photo sizes not checked: %s\n"), why ? why : _("no template"));
  free(why);
  why = NULL;
  char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
  j->fonts = hui_fonts_open(fdir, e->dir, &why);
  free(fdir);
  if (!j->fonts) fprintf(stderr, _("huibian: note: characters not checked against the fonts: %s\n"), why ? why : _("no fonts"));
  free(why);
  j->env = (hui_rules_env){.tmpl = j->tmpl, .fonts = j->fonts};
  if (j->tmpl) hui_figure_box(j->tmpl, &j->env.figure_w, &j->env.figure_h);
  hui_archive_memory_env(memory, &j->env);
  j->env.against = against;
}

void hui_thread_caches_release(void) {
  hui_text_release();
  hui_para_release();
  hui_pdf_release();
}

static void *rules_job_run(void *arg) {
  rules_job *j = arg;
  hui_rules_run_env(j->e, &j->env, j->d);
  /* the tables as the compendium would set them (what does not fit) */
  if (j->tmpl && j->fonts) hui_compendium_check(j->e, j->tmpl, j->fonts, j->d);
  j->bodies_read = true;
  if (j->o && (j->load_failed || hui_diags_failed(j->d, j->o->werror))) j->failed = true;
  bool certs = j->cert_t && !j->failed;
  /* the certificates' fonts: the rules' faces again, without asking
   * fontconfig a second time; the rules' own are gone before the
   * certificates are made */
  if (certs && j->fonts) j->cert_fonts = hui_fonts_open_like(j->fonts, &j->cert_why);
  hui_fonts_free(j->fonts);
  j->fonts = NULL;
  j->env.fonts = NULL;
  if (certs) make_certificates(j);
  hui_thread_caches_release();
  hui_memory_release(); /* what the certificates held, before the compendium is saved */
  return NULL;
}

/* Waits for the rules (if on a thread), moves their findings to d and frees
 * what they used (not the certificates). Safe to call twice. */
static void rules_job_finish(rules_job *j, hui_diags *d) {
  if (j->running) pthread_join(j->thread, NULL);
  j->running = false;
  /* complete now (the rules thread wrote the 字数): Debug builds check it */
  if (j->e) HUI_EDITION_CHECK(j->e);
  if (j->d) hui_diags_append(d, j->d);
  hui_diags_free(j->d);
  j->d = NULL;
  hui_fonts_free(j->fonts);
  j->fonts = NULL;
  hui_template_free(j->tmpl);
  j->tmpl = NULL;
  hui_archive_memory_free(j->memory);
  j->memory = NULL;
  if (j->against && hui_xindex_damaged(j->against))
    fprintf(stderr, _("huibian: warning: --against %s: parts of the index are damaged and were left out; "
                      "write it again with 'huibian index'\n"), j->against_path);
  hui_xindex_close(j->against);
  j->against = NULL;
}

/* Frees what the certificates' work left (after rules_job_finish). */
static void rules_job_free_certs(rules_job *j) {
  hui_backend_free(j->cert_doc); /* before its fonts */
  hui_spool_free(j->cert_spool);
  hui_certs_free(j->certs);
  hui_fonts_free(j->cert_fonts);
  hui_diags_free(j->cd);
  free(j->cert_why);
}

/* Loads the edition (and --archive's memory); NULL (after printing why) with
 * *status set. */
static hui_edition *load_edition(const hui_build_opts *o, hui_diags *d, int *status,
                                 hui_archive_memory **memory, hui_xindex **against) {
  char *why = NULL;
  *memory = NULL;
  *against = NULL;
  hui_edition *e = hui_load_edition(o->edition, d, &why);
  if (!e) {
    fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot read the edition folder"));
    free(why);
    *status = HUI_EXIT_USAGE;
    return NULL;
  }
  /* an unknown name in <outputs> is a finding of the check */
  hui_output_set outputs;
  hui_outputs_resolve(&o->outputs, &e->campaign, &outputs, d);
  if (o->archive) {
    *memory = hui_archive_memory_open(o->archive, &why);
    if (!*memory) {
      fprintf(stderr, _("huibian: --archive: %s\n"), why ? why : _("cannot read the archive"));
      free(why);
      hui_edition_free(e);
      *status = HUI_EXIT_USAGE;
      return NULL;
    }
  }
  if (o->against) {
    *against = hui_xindex_open(o->against, &why);
    if (!*against) {
      fprintf(stderr, _("huibian: --against: %s\n"), why);
      free(why);
      hui_archive_memory_free(*memory);
      *memory = NULL;
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
  hui_xindex *against;
  hui_edition *e = load_edition(o, d, status, &memory, &against);
  if (!e) return NULL;
  rules_job j = {0};
  rules_job_prepare(&j, e, memory, against, o->against);
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
  if (c->certificate.date.text && strlen(c->certificate.date.text) == 10)
    snprintf(out, cap, "%sT00:00:00", c->certificate.date.text);
  else
    snprintf(out, cap, "%04d-01-01T00:00:00", c->year_num > 0 ? c->year_num : 2000);
}

/* Progress on a terminal: one line rewritten in place, so a long run shows
 * it is alive; nothing when stderr is a file or under CI. */
typedef struct progress {
  bool on;
  const char *what;
  bool shown;
  const _Atomic bool *stop; /* set when the check on the other thread failed */
  /* With drop: the bodies of the articles set so far (order[0..dropped))
   * and of the submissions not set at all are freed as soon as the rules
   * thread has read every body (bodies_read): only the compendium and the
   * web edition read them after the rules, and drop is set when there is no
   * web edition to make. */
  bool drop;
  hui_edition *e;
  const size_t *order;
  size_t norder, dropped;
  bool others_dropped;
  const _Atomic bool *bodies_read;
} progress;

/* With drop, once the rules have read every body: the bodies of the
 * submissions the compendium does not set (not awarded) are freed at once. */
static void drop_others(progress *p) {
  bool *set = hui_xcalloc(p->e->nsubs ? p->e->nsubs : 1, sizeof *set);
  for (size_t k = 0; k < p->norder; k++) set[p->order[k]] = true;
  for (size_t i = 0; i < p->e->nsubs; i++)
    if (!set[i]) hui_submission_drop_body(&p->e->subs[i]);
  free(set);
  p->others_dropped = true;
}

static bool show_progress(void *ctx, size_t done, size_t total) {
  progress *p = ctx;
  if (p->drop && *p->bodies_read) {
    if (!p->others_dropped) drop_others(p);
    for (; p->dropped < done; p->dropped++)
      hui_submission_drop_body(&p->e->subs[p->order[p->dropped]]);
  }
  if (p->on) {
    fputc('\r', stderr);
    fprintf(stderr, _("huibian: %s %zu/%zu articles"), p->what, done, total);
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
  hui_memory_release(); /* the rules' fonts and memory, freed into their thread's arena */
  *joined = true;
  hui_diags_sort(d);
  hui_build_stage("check");
  if (!hui_diags_failed(d, o->werror)) return false;
  hui_build_print_findings(d, o, stderr);
  hui_diags_print_summary(d, stderr, e->nsubs);
  fprintf(stderr,
          _("huibian: not building: the edition has errors. Fix the findings above "
            "(or send them back to the units) and run again.\n"));
  return true;
}

void hui_build_print_findings(const hui_diags *d, const hui_build_opts *o, FILE *out) {
  const char *prefix = hui_build_prefix(o->edition);
  if (o->verbose) hui_diags_print(d, out, prefix);
  else hui_diags_print_capped(d, out, prefix, HUI_FINDINGS_SHOWN);
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
  if (!ok) fprintf(stderr, _("huibian: cannot write %s: %s\n"), shown, why ? why : _("unknown error"));
  else if (!st->o->quiet)
    hui_buf_printf(st->said, _("huibian: wrote %s (%zu pages, %zu articles)\n"), shown, st->book->total,
                   st->book->ntoc);
  free(why);
  free(path);
  free(shown);
  return ok;
}

int hui_build_edition(const hui_build_opts *o, hui_build_result *res) {
  hui_build_stage(NULL);
  hui_diags *d = hui_diags_new();
  int status;
  hui_archive_memory *memory;
  hui_xindex *against;
  hui_edition *e = load_edition(o, d, &status, &memory, &against);
  hui_build_stage("load");
  if (!e) {
    hui_diags_free(d);
    return status;
  }
  /* The rules run on a second thread while the compendium is set (into its
   * own findings, dts): the tiers, which order the compendium, are set first.
   * Nothing is written before the rules have passed. Only the outputs asked
   * for (outputs.h) are composed. */
  const hui_campaign *c = &e->campaign;
  hui_output_set outputs;
  hui_outputs_resolve(&o->outputs, c, &outputs, NULL);
  bool want_book = hui_outputs_want(&outputs, "compendium");
  if (o->tile_w > 0 && !hui_outputs_want(&outputs, "poster"))
    fprintf(stderr, _("huibian: note: --tile tiles the poster, which this build does not make: "
                      "add it with --only poster (and the other outputs you want)\n"));
  bool want_certs = hui_outputs_want(&outputs, "certificates") && c->certificate.text.text;
  /* The bodies: read by the rules, set by the compendium, and then only
   * needed by the web edition; without it they are freed as soon as they
   * are set (what a large edition's model holds is mostly its bodies). */
  bool drop_bodies = !hui_outputs_want(&outputs, "web");
  rules_job job = {0};
  bool joined = false;
  rules_job_prepare(&job, e, memory, against, o->against);
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
  job.keep_cert_fonts = !want_book;
  job.load_failed = hui_diags_failed(d, o->werror);
  job.cd = hui_diags_new();
  /* The compendium's fonts: the rules' faces again (fontconfig is asked once
   * a build, and every output sets its text in the fonts the rules checked),
   * opened before the rules' thread, which frees its own, starts. */
  hui_fonts *fonts = NULL;
  if (want_book && job.fonts) {
    char *like_why = NULL;
    fonts = hui_fonts_open_like(job.fonts, &like_why);
    free(like_why); /* then opened as ever below, which says why it cannot */
  }
  job.running = pthread_create(&job.thread, NULL, rules_job_run, &job) == 0;
  if (!job.running) rules_job_run(&job);
  hui_diags *dts = hui_diags_new();
  hui_template *t = NULL;
  hui_book *book = NULL;
  hui_backend *pdf = NULL;
  hui_certs *certs = NULL;
  hui_outdir *outdir = NULL;
  hui_buf said = {0};
  hui_font_hasher hasher = {0};
  if (want_book) {
    const char *tname = c->compendium.template_name.text ? c->compendium.template_name.text : "compendium-a4";
    char *tdir = hui_path_join(hui_build_data_dir(), "templates");
    t = hui_load_template(e->dir, tdir, tname, &why);
    free(tdir);
    char *fdir = hui_path_join(hui_build_data_dir(), "fonts");
    if (t && !fonts) fonts = hui_fonts_open(fdir, e->dir, &why);
    free(fdir);
    if (!t || !fonts) {
      status = check_failed(&job, &joined, d, o, e) ? HUI_EXIT_ERRORS : HUI_EXIT_USAGE;
      if (status == HUI_EXIT_USAGE)
        fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot set up templates or fonts"));
      goto done;
    }
    hui_font_hasher_start(&hasher, fonts);
    /* the pages of the font files opening the faces read (their tables) */
    hui_fonts_release_pages();
    hui_build_stage("fonts");
    char date[32];
    hui_build_doc_date(c, date, sizeof date);
    char *subject = hui_xasprintf("%s%s%s", c->year.text ? c->year.text : "",
                                  c->year.text ? "年度" : "", c->name.text ? c->name.text : "");
    char *keywords = hui_xasprintf("先进典型,事迹汇编,%s,%s", c->area.text ? c->area.text : "",
                                   c->year.text ? c->year.text : "");
    hui_doc_info info = {c->compendium.title.text, c->organizer.text, subject, keywords,
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
        fprintf(stderr, _("huibian: cannot start the PDF: %s\n"), why ? why : _("unknown error"));
      goto done;
    }
    progress pr = {.on = isatty(fileno(stderr)) && !getenv("CI"),
                   .what = _("typesetting"),
                   .stop = &job.failed,
                   .drop = drop_bodies,
                   .e = e,
                   .order = order,
                   .norder = norder,
                   .bodies_read = &job.bodies_read};
    book = hui_compendium_stream(e, order, norder, t, fonts, dts, pdf, show_progress, &pr, &why);
    end_progress(&pr);
    hui_build_stage("typesetting");
  }
  if (check_failed(&job, &joined, d, o, e)) {
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  /* the rules are done: what bodies are left go before the PDF is saved */
  for (size_t i = 0; drop_bodies && i < e->nsubs; i++) hui_submission_drop_body(&e->subs[i]);
  /* what the typesetting and the bodies left free goes back before saving,
   * and the font files' pages read so far */
  hui_memory_release();
  hui_fonts_release_pages();
  hui_diags_append(d, dts);
  if (want_book && !book) {
    fprintf(stderr, _("huibian: cannot typeset the compendium: %s\n"), why ? why : _("unknown error"));
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* the certificates' findings after the compendium's, as made */
  hui_diags_append(d, job.cd);
  if (want_certs) {
    certs = job.certs;
    job.certs = NULL;
    if (!certs || (!job.cert_doc && !job.cert_spool)) {
      const char *w = cert_t_why ? cert_t_why : job.cert_why;
      fprintf(stderr, _("huibian: cannot make the certificates: %s\n"), w ? w : _("unknown error"));
      status = HUI_EXIT_USAGE;
      goto done;
    }
  }
  hui_build_stage("cert-layout");
  hui_diags_sort(d);
  hui_build_print_findings(d, o, stderr);
  hui_diags_print_summary(d, stderr, e->nsubs);
  if (hui_diags_failed(d, o->werror)) {
    /* Errors found while typesetting (a photo gone since the check, a
     * certificate text that fits nowhere), or with --werror a warning (a
     * certificate line set smaller, as check --werror would stop on too):
     * the earlier outputs stay as they are. */
    fprintf(stderr, _("huibian: nothing written: typesetting found the %s above; %s is as it "
                      "was. Fix them and run again.\n"),
            hui_diags_count(d, HUI_ERROR) ? _("errors") : _("warnings (--werror)"), o->out);
    status = HUI_EXIT_ERRORS;
    goto done;
  }
  /* Everything is written into a new folder beside OUT that then takes its
   * place as a whole (outdir.h); the archive's folder is its own already. */
  if (!o->out_private && !(outdir = hui_outdir_begin(o->out, o->edition, &why))) {
    fprintf(stderr, _("huibian: %s\n"), why);
    status = HUI_EXIT_USAGE;
    goto done;
  }
  /* each output asked for, in the registry's order */
  hui_build_state st = {o,     e,      d, outdir ? hui_outdir_path(outdir) : o->out, &said, book, pdf,
                        certs, job.cert_doc, job.cert_spool};
  pdf = NULL;
  job.cert_doc = NULL;
  size_t nkinds;
  const hui_output_kind *kinds = hui_outputs(&nkinds);
  for (size_t i = 0; i < nkinds && status == HUI_EXIT_OK; i++) {
    if (!hui_outputs_want(&outputs, kinds[i].name)) continue;
    if (!kinds[i].write(&st)) status = HUI_EXIT_USAGE;
    hui_build_stage(kinds[i].name); /* HUIBIAN_TIMES: each output's own time */
  }
  hui_backend_free(st.compendium);
  hui_backend_free(st.cert_doc);
  hui_font_hasher_join(&hasher);
  if (status == HUI_EXIT_OK)
    status = hui_build_write_manifest(o, st.dir, e, t, cert_t, fonts ? fonts : job.cert_fonts, &hasher, res);
  hui_build_stage("manifest");
  if (status == HUI_EXIT_OK && outdir) {
    /* an earlier build's outputs go, but with --only those not asked for stay */
    hui_outdir_replace replace = {.earlier_outputs = !o->outputs.given};
    bool ok = hui_outdir_commit(outdir, &replace, &why);
    outdir = NULL;
    if (!ok) {
      fprintf(stderr, _("huibian: %s\n"), why);
      status = HUI_EXIT_USAGE;
    }
  }
  if (status == HUI_EXIT_OK) {
    fputs(said.data ? said.data : "", stderr);
  } else if (outdir) {
    fprintf(stderr, _("huibian: %s is as it was: nothing in it was replaced\n"), o->out);
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
  hui_font_hasher_join(&hasher);
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
  hui_build_stage("free");
  return status;
}

void hui_build_result_free(hui_build_result *r) {
  if (!r) return;
  free(r->year);
  for (size_t i = 0; i < r->ninputs; i++) free(r->inputs[i]);
  free(r->inputs);
  *r = (hui_build_result){0};
}
