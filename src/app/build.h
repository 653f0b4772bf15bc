/* build: the build pipeline — load and check, template and fonts, order,
 * compendium, certificates, PDFs, report, manifest — shared by the commands
 * check, build, certificates and archive. Reports to stderr. */
#ifndef HUI_BUILD_H
#define HUI_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "../base/base.h"
#include "../compose/certificate.h"
#include "../diag.h"
#include "../model.h"
#include "outputs.h"

/* Frees the calling thread's caches kept between paragraphs and pages: the
 * break iterators, the paragraph buffers and the deflate compressors. Every
 * thread that sets text or writes PDFs calls it when it ends (main at exit). */
void hui_thread_caches_release(void);

/* Exit statuses of every command (docs/rules.md, "Exit status"). */
enum { HUI_EXIT_OK = 0, HUI_EXIT_ERRORS = 1, HUI_EXIT_USAGE = 2 };

/* The command line's options; each command reads the ones it knows. */
typedef struct hui_build_opts {
  const char *command;
  const char *edition;
  const char *out;
  /* import: the files and folders after EDITION, and --roster FILE */
  const char **files;
  size_t nfiles;
  const char *roster;
  bool json, werror, trace;
  bool verbose; /* check/build --verbose: every finding on the terminal, not the first few per file */
  /* build --only: the outputs to write (outputs.h; the default ones when not given) */
  hui_output_set outputs;
  /* fix --dry-run, import --dry-run; import --replace */
  bool dry_run, replace;
  /* check --by-unit DIR (check -o FILE uses out); check --stats DIR */
  const char *by_unit, *stats;
  /* certificates: --only ID,... and --template */
  const char *only, *cert_template;
  bool split, calibration;
  double offset_x, offset_y;
  /* archive: --archive ARCHIVE (check, build), --into ARCHIVE (archive) */
  const char *archive;
  /* check, build --against FILE: the cross-county originality index
   * (huibian index); index -o FILE uses out */
  const char *against;
  bool supersede;
  bool pdfa; /* write PDF/A-1b (build --pdfa; archive always) */
  /* build --tile A4|A3: the poster also tiled onto sheets of this size, mm (0: not) */
  double tile_w, tile_h;
  /* The edition as report.json and manifest.json name it; NULL = edition.
   * The archive says "input", so its files do not depend on where the
   * clerk's edition folder was. */
  const char *edition_name;
  /* Set by the archive command: the manifest then says sealed, with this
   * revision (1, 2, …) and the folder it supersedes (NULL for the first). */
  int revision;
  const char *supersedes;
  /* No "wrote FILE" lines (the archive builds in a temporary folder and says
   * where the edition was filed instead). */
  bool quiet;
  /* out is a fresh folder of this run's own (the archive's temporary one):
   * written into directly, not replaced as a whole (outdir.h). */
  bool out_private;
} hui_build_opts;

/* What a successful build wrote. Free with hui_build_result_free. */
typedef struct hui_build_result {
  char *year;       /* the campaign year as written in campaign.xml ("" if none) */
  char **inputs;    /* the edition's input files, relative to the edition, sorted */
  size_t ninputs;
  size_t pages, articles, certificates;
} hui_build_result;
void hui_build_result_free(hui_build_result *r); /* frees the members; NULL-safe */

/* Where templates/ and fonts/ live: $HUIBIAN_DATA, else next to an installed
 * executable, else the source tree (base/datadir.h). */
const char *hui_build_data_dir(void);

/* The edition folder as a prefix for printed paths (NULL for "."). */
const char *hui_build_prefix(const char *dir);

/* The findings on the terminal as check and build print them: all with
 * --verbose, else the first HUI_FINDINGS_SHOWN of each file and a line
 * counting the rest (report.json, check -o and --by-unit have them all). */
#define HUI_FINDINGS_SHOWN 3
struct hui_diags;
void hui_build_print_findings(const struct hui_diags *d, const hui_build_opts *o, FILE *out);

/* Loads o->edition and runs every rule (with o->archive's memory when set).
 * Returns the edition, or NULL after printing why with *status set (2).
 * Caller frees with hui_edition_free. */
hui_edition *hui_build_load(const hui_build_opts *o, hui_diags *d, int *status);

/* report.json: every submission with its count, tier and findings, and the
 * compendium order; with certs (a build's), each submission's certificate
 * number (null for those without one). Caller frees. */
char *hui_build_report_json(const hui_edition *e, const hui_diags *d, const char *edition_name,
                            const hui_certs *certs);

/* The documents' date "YYYY-MM-DDTHH:MM:SS": SOURCE_DATE_EPOCH, else the
 * certificate date of campaign.xml, else 1 January of the campaign year —
 * never the clock. */
void hui_build_doc_date(const hui_campaign *c, char *out, size_t cap);

/* The certificate template: --template, else the campaign's, else the full
 * design. Returns NULL with *why set (caller frees). */
hui_template *hui_build_cert_template(const hui_build_opts *o, const hui_edition *e, char **why);
/* Composes the certificates of order[0..norder) (keep: see hui_cert_opts).
 * With doc: into *doc, a new document with every page, bookmark and label
 * in it, not yet written (with --trace, their layout as text beside it),
 * each page freed once it is in (the book keeps none: no --split then).
 * Returns NULL with *why set (caller frees). */
hui_certs *hui_build_make_certs(const hui_build_opts *o, const hui_edition *e, const size_t *order,
                                size_t norder, const bool *keep, const hui_template *t,
                                hui_fonts *fonts, hui_diags *d, hui_backend **doc, char **why);
/* Writes certificates.pdf (from doc, which it frees, when made by
 * hui_build_make_certs; else from cs's pages) and, with --split (cs's
 * pages), certificates/<number>-<name>.pdf into dir (the folder that will
 * become o->out: messages name o->out); appends the "wrote" lines to said.
 * Returns false after printing why. */
bool hui_build_write_certs(const hui_build_opts *o, const char *dir, const hui_edition *e,
                           const hui_certs *cs, hui_backend *doc, hui_buf *said);
/* check: the certificate lines that would shrink (cert-shrunk) into d. */
void hui_build_check_certs(const hui_build_opts *o, const hui_edition *e, hui_diags *d);

/* What a build has made when it writes its outputs (outputs.h): the
 * edition and its findings, the folder to write into (messages name o->out
 * instead), the "wrote" lines so far, and the composed documents an output
 * finishes (it frees and clears the backend it writes). */
typedef struct hui_build_state {
  const hui_build_opts *o;
  const hui_edition *e;
  const hui_diags *d;
  const char *dir;
  hui_buf *said;
  const struct hui_book *book;      /* the compendium as composed, or NULL */
  struct hui_backend *compendium;   /* its document, pages in, not yet written */
  const hui_certs *certs;           /* the certificates, or NULL */
  struct hui_backend *cert_doc;     /* their document, not yet written, or */
  const struct hui_spool *cert_spool; /* it written already, to be put in place */
} hui_build_state;

/* The outputs of the registry that a build makes (outputs.c). */
bool hui_write_compendium(hui_build_state *st);
bool hui_write_certificates(hui_build_state *st);
bool hui_write_report(hui_build_state *st);
/* decision.pdf and publicity.pdf (app/documents.c). */
bool hui_write_decision(hui_build_state *st);
bool hui_write_publicity(hui_build_state *st);
bool hui_write_web(hui_build_state *st); /* web.c */
bool hui_write_progress(hui_build_state *st); /* progress.pdf, the 进展通报 */
bool hui_write_stats(hui_build_state *st); /* stats.c: stats.xlsx and stats.csv */
/* check --stats DIR: the same files into the folder dir (which exists) from
 * the check's findings d, errors included; says what it wrote. False after
 * saying why it could not. */
bool hui_stats_write_dir(const char *dir, const hui_edition *e, const hui_diags *d);
/* posters.c: poster.pdf (and poster-tiles.pdf with --tile); boards.pdf */
bool hui_write_poster(hui_build_state *st);
bool hui_write_boards(hui_build_state *st);

/* huibian build: check, then compendium, certificates, report and manifest
 * into o->out. Returns the exit status, after reporting to stderr; res (may
 * be NULL) is filled on success. */
int hui_build_edition(const hui_build_opts *o, hui_build_result *res);

/* huibian archive EDITION --into ARCHIVE [--supersede]: checks and builds
 * (PDF/A) into a temporary folder inside ARCHIVE, copies the inputs into its
 * input/, verifies it, seals it and renames it to ARCHIVE/<year> (or, with
 * --supersede, ARCHIVE/<year>-r<N> beside the sealed one), then rewrites
 * ARCHIVE/index.json. A run killed at any moment leaves the archive's
 * editions as they were. Returns the exit status after reporting. */
int hui_build_archive(const hui_build_opts *o);

#endif
