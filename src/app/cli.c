/* cli: the command line — a table of commands, each with its usage, its
 * help and the options it takes; parsing checks each option against the
 * command, and `huibian COMMAND --help` prints that command's help, made
 * from the same table. */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "build.h"
#include "commands.h"
#include "outputs.h"

enum {
  C_CHECK = 1u << 0,
  C_FIX = 1u << 1,
  C_BUILD = 1u << 2,
  C_CERTS = 1u << 3,
  C_ARCHIVE = 1u << 4,
  C_VERIFY = 1u << 5,
  C_FONTS = 1u << 6,
  C_RULES = 1u << 7,
  C_IMPORT = 1u << 8,
  C_INDEX = 1u << 9,
};

typedef struct command {
  const char *name;
  unsigned bit;
  const char *args;    /* what follows the name in the usage line */
  const char *summary; /* one line, for `huibian --help` */
  const char *help;    /* what it does, for `huibian NAME --help` */
  enum { NEEDS_NOTHING, NEEDS_EDITION, NEEDS_OUTPUT_FOLDER } needs;
  bool needs_out;      /* -o OUT */
  bool needs_archive;  /* --into ARCHIVE */
  bool files;          /* more arguments after EDITION: files and folders (import) */
  int (*run)(const hui_build_opts *o);
} command;

static const command COMMANDS[] = {
    {"check", C_CHECK, "EDITION", N_("check every submission against the campaign's rules"),
     N_("Checks every submission of EDITION (a folder with campaign.xml and\n"
     "submissions/*.xml) against the campaign's rules and prints each finding as\n"
     "file:line:col: severity: message [rule], then a summary. Exit status 0 when\n"
     "there are no errors, 1 when there are, 2 when the folder cannot be read.\n"),
     NEEDS_EDITION, false, false, false, hui_cmd_check},
    {"fix", C_FIX, "EDITION", N_("apply the safe fixes to the submission files"),
     N_("Applies the safe fixes (half-width punctuation in Chinese text, stray spaces\n"
     "between Chinese characters, U+3000 starting a paragraph, - in a date range,\n"
     "dashes written ―― or --) to the submission files, and saves files that\n"
     "declare GBK, GB2312 or GB18030 as UTF-8, keeping the first backup of each\n"
     "as FILE.orig. Refuses a sealed archive edition.\n"),
     NEEDS_EDITION, false, false, false, hui_cmd_fix},
    {"build", C_BUILD, "EDITION -o OUT", N_("check, then write the outputs into OUT"),
     N_("Checks the edition and, when it has no errors, writes its outputs into OUT,\n"
     "replacing the folder's contents as a whole (files of your own in OUT stay):\n"
     "by default the compendium, the certificates and report.json; always\n"
     "manifest.json, every input and output with its SHA-256 (see 'huibian\n"
     "verify'). Refuses to write into a sealed archive edition or over the\n"
     "edition itself.\n"),
     NEEDS_EDITION, true, false, false, hui_cmd_build},
    {"certificates", C_CERTS, "EDITION -o OUT", N_("write the 荣誉证书 into OUT"),
     N_("Writes OUT/certificates.pdf, one 荣誉证书 per awardee in compendium order,\n"
     "numbered; the other files in OUT stay.\n"),
     NEEDS_EDITION, true, false, false, hui_cmd_certificates},
    {"archive", C_ARCHIVE, "EDITION --into ARCHIVE", N_("file the edition, sealed, in the archive"),
     N_("Checks and builds the edition as PDF/A-1b and files it, with a copy of its\n"
     "inputs, sealed, under ARCHIVE/<year>/. A sealed year is never changed;\n"
     "ARCHIVE/index.json lists every awardee of every year.\n"),
     NEEDS_EDITION, false, true, false, hui_cmd_archive},
    {"verify", C_VERIFY, "OUT", N_("check a built or archived folder against its manifest"),
     N_("Recomputes the SHA-256 of every file OUT/manifest.json lists (inputs,\n"
     "templates, fonts, outputs) and names each one that changed or is missing.\n"
     "Files in OUT the manifest does not list are named too (an error in a sealed\n"
     "archive edition, a note elsewhere). Works from any folder. Exit status 0 when\n"
     "every file matches, 1 when one does not, 2 when OUT has no usable manifest.json.\n"),
     NEEDS_OUTPUT_FOLDER, false, false, false, hui_cmd_verify},
    {"fonts", C_FONTS, "EDITION", N_("show the font of each role and the edition's coverage"),
     N_("Shows which font file each role (body, heading, title, kai, latin) uses, and\n"
     "which of the edition's characters need a fallback font or have none. Drop\n"
     "licensed fonts into fonts/ or EDITION/fonts to use them.\n"),
     NEEDS_EDITION, false, false, false, hui_cmd_fonts},
    {"rules", C_RULES, "", N_("list every rule with its severity"),
     N_("Lists every rule id with its severity and what it checks.\n"), NEEDS_NOTHING, false, false, false,
     hui_cmd_rules},
    {"import", C_IMPORT, "EDITION FILE_OR_FOLDER...", N_("turn Word files into submissions of the edition"),
     N_("Reads the Word files given, and those in the folders given (hidden files\n"
     "left out), in the order of their names, and writes one submission per file\n"
     "into EDITION/submissions/ and its images into EDITION/images/. .docx is read\n"
     "directly; .doc, .wps, .odt and .rtf are converted first by LibreOffice when it\n"
     "is installed; other files are listed as skipped. The name, unit, position,\n"
     "category, recommending unit and photo come from the roster row of the file\n"
     "(--roster), else from a 推荐表 table in the document, else from the lines at\n"
     "its top (title, ——记… subtitle, 姓名：… lines); what is not found is left for\n"
     "'huibian check' to name. Ids: the roster's 编号, else s<year>-NNN, the same\n"
     "on every import of the same file (EDITION/import.json remembers them). The\n"
     "report says, per file, its id, where each field was found and what was\n"
     "dropped. Exit status 0 when every Word file was imported, 1 when one was not\n"
     "(unreadable, not converted, its id taken without --replace), 2 when the\n"
     "edition, the roster or a file given cannot be read or written.\n"),
     NEEDS_EDITION, false, false, true, hui_cmd_import},
    {"index", C_INDEX, "EDITION... -o FILE", N_("write the cross-county originality index of editions"),
     N_("Writes FILE, the originality index of the submissions of every EDITION\n"
     "given (a province's counties, one edition each): their bodies' windows of\n"
     "12 characters, normalised and hashed as the originality rule compares them,\n"
     "with each edition's name (its <area> and year) and file names. 'huibian\n"
     "check EDITION --against FILE' (or build) then compares the edition with\n"
     "every other edition of the index; the index may hold the edition itself,\n"
     "whose entries are left out. The same editions in the same order give the\n"
     "same bytes.\n"),
     NEEDS_EDITION, false, false, true, hui_cmd_index},
};
enum { NCOMMANDS = sizeof COMMANDS / sizeof *COMMANDS };

typedef struct option_def {
  const char *name;  /* "--trace", "-o" */
  const char *value; /* the value's name, or NULL for a flag */
  unsigned commands;
  const char *help;
  /* Stores the option; false after saying why (value is NULL for a flag). */
  bool (*set)(hui_build_opts *o, const char *value);
} option_def;

static bool say(const char *fmt, const char *arg) {
  fputs(_("huibian: "), stderr); /* as in every other message: "huibian：" in Chinese */
  fprintf(stderr, _(fmt), arg);
  fputc('\n', stderr);
  return false;
}

static bool set_json(hui_build_opts *o, const char *v) {
  if (strcmp(v, "json") == 0 || strcmp(v, "text") == 0) {
    o->json = strcmp(v, "json") == 0;
    return true;
  }
  return say(N_("--format takes json or text, not '%s'"), v);
}
static bool set_werror(hui_build_opts *o, const char *v) { (void)v; return o->werror = true; }
static bool set_verbose(hui_build_opts *o, const char *v) { (void)v; return o->verbose = true; }
static bool set_trace(hui_build_opts *o, const char *v) { (void)v; return o->trace = true; }
static bool set_split(hui_build_opts *o, const char *v) { (void)v; return o->split = true; }
static bool set_calibration(hui_build_opts *o, const char *v) { (void)v; return o->calibration = true; }
static bool set_supersede(hui_build_opts *o, const char *v) { (void)v; return o->supersede = true; }
static bool set_pdfa(hui_build_opts *o, const char *v) { (void)v; return o->pdfa = true; }
static bool set_dry_run(hui_build_opts *o, const char *v) { (void)v; return o->dry_run = true; }
static bool set_replace(hui_build_opts *o, const char *v) { (void)v; return o->replace = true; }
static bool set_roster(hui_build_opts *o, const char *v) { o->roster = v; return true; }
static bool set_archive(hui_build_opts *o, const char *v) { o->archive = v; return true; }
static bool set_out(hui_build_opts *o, const char *v) { o->out = v; return true; }
static bool set_against(hui_build_opts *o, const char *v) { o->against = v; return true; }
static bool set_ids(hui_build_opts *o, const char *v) { o->only = v; return true; }
static bool set_by_unit(hui_build_opts *o, const char *v) { o->by_unit = v; return true; }
static bool set_stats(hui_build_opts *o, const char *v) {
  o->stats = v;
  return true;
}
static bool set_template(hui_build_opts *o, const char *v) { o->cert_template = v; return true; }

static bool set_outputs(hui_build_opts *o, const char *v) {
  char *bad = NULL;
  if (!hui_outputs_parse(v, &o->outputs, &bad)) {
    char *names = hui_outputs_names();
    fprintf(stderr, _("huibian: --only: there is no output '%s'; the outputs are: %s\n"), bad, names);
    free(names);
    free(bad);
    return false;
  }
  return true;
}

static bool set_tile(hui_build_opts *o, const char *v) {
  if (strcmp(v, "A4") == 0 || strcmp(v, "a4") == 0) {
    o->tile_w = 210;
    o->tile_h = 297;
    return true;
  }
  if (strcmp(v, "A3") == 0 || strcmp(v, "a3") == 0) {
    o->tile_w = 297;
    o->tile_h = 420;
    return true;
  }
  return say(N_("--tile takes A4 or A3, the office paper the poster is printed on (not '%s')"), v);
}

static bool set_offset(hui_build_opts *o, const char *v) {
  char *end;
  o->offset_x = strtod(v, &end);
  if (end != v && *end == ',') {
    const char *y = end + 1;
    o->offset_y = strtod(y, &end);
    if (end != y && !*end && fabs(o->offset_x) <= 50 && fabs(o->offset_y) <= 50) return true;
  }
  return say(N_("--offset needs X,Y in millimetres (each between -50 and 50), e.g. --offset 1.5,-2 "
             "(not '%s')"), v);
}

/* The same option may mean different things to different commands (--only). */
static const option_def OPTIONS[] = {
    {"-o", "OUT", C_BUILD | C_CERTS, N_("the output folder (made when missing)"), set_out},
    {"--output", "OUT", C_BUILD | C_CERTS, N_("the same as -o"), set_out},
    {"--format", "json|text", C_CHECK,
     N_("json: the findings and every submission's 字数, tier and category as JSON on standard output"),
     set_json},
    {"--verbose", NULL, C_CHECK | C_BUILD,
     N_("print every finding; without it, the first 3 of each file and a line counting the rest"),
     set_verbose},
    {"-o", "FILE", C_CHECK, N_("also write every finding into FILE (all of them, even without --verbose; JSON "
                               "with --format=json)"),
     set_out},
    {"--by-unit", "DIR", C_CHECK,
     N_("write each recommending unit's findings into DIR/UNIT.txt, all of them, ready to send"),
     set_by_unit},
    {"--stats", "DIR", C_CHECK,
     N_("write the figures per recommending unit and township (stats.xlsx, stats.csv) into DIR, "
        "submissions with errors counted"),
     set_stats},
    {"--werror", NULL, C_CHECK | C_BUILD | C_CERTS, N_("warnings fail too"), set_werror},
    {"--archive", "ARCHIVE", C_CHECK | C_BUILD,
     N_("recognise earlier awardees (老典型) and compare the bodies with the archived editions"),
     set_archive},
    {"--into", "ARCHIVE", C_ARCHIVE, N_("the archive folder"), set_archive},
    {"--against", "FILE", C_CHECK | C_BUILD,
     N_("compare the bodies with the other editions of a cross-county index (huibian index)"),
     set_against},
    {"-o", "FILE", C_INDEX, N_("the index file to write"), set_out},
    {"--supersede", NULL, C_ARCHIVE,
     N_("file a corrected edition beside a sealed year as ARCHIVE/<year>-r2 (-r3, ...)"),
     set_supersede},
    {"--dry-run", NULL, C_FIX, N_("print the changes as a diff and write nothing"), set_dry_run},
    {"--roster", "FILE", C_IMPORT,
     N_("the roster (推荐汇总表, .csv or .xlsx): one row per candidate, matched by its 文件 or 姓名"),
     set_roster},
    {"--dry-run", NULL, C_IMPORT, N_("print the report and write nothing"), set_dry_run},
    {"--replace", NULL, C_IMPORT, N_("overwrite a submission whose id exists already"), set_replace},
    {"--only", "OUTPUT,...", C_BUILD,
     N_("write only these outputs (see the list below); manifest.json always"), set_outputs},
    {"--trace", NULL, C_BUILD,
     N_("also write the layout as text: compendium.trace, certificates.trace, decision.trace, "
        "publicity.trace, poster.trace, …"),
     set_trace},
    {"--pdfa", NULL, C_BUILD, N_("write the PDFs as PDF/A-1b (for archiving)"), set_pdfa},
    {"--tile", "A4|A3", C_BUILD,
     N_("with the poster: also poster-tiles.pdf, the sheet on A4 or A3 paper with overlap, crop "
        "marks and an assembly map"),
     set_tile},
    {"--only", "ID,...", C_CERTS,
     N_("make just these awardees' certificates (numbers unchanged; the others' files stay)"),
     set_ids},
    {"--split", NULL, C_CERTS, N_("also write OUT/certificates/<number>-<name>.pdf for each"), set_split},
    {"--offset", "X,Y", C_CERTS, N_("shift everything X mm right and Y mm down (printer correction)"),
     set_offset},
    {"--template", "NAME", C_CERTS, N_("another certificate template, e.g. certificate-preprinted"),
     set_template},
    {"--calibration", NULL, C_CERTS,
     N_("write only OUT/calibration.pdf, a mm grid with the template's boxes"), set_calibration},
};
enum { NOPTIONS = sizeof OPTIONS / sizeof *OPTIONS };

static const char *const INTRO = N_(
    "huibian compiles a campaign edition — a folder with campaign.xml and\n"
    "submissions/*.xml — into a checked, typeset compendium, its certificates\n"
    "and an archive.\n");

static const char *const EXIT_STATUS = N_(
    "exit status: 0 success, 1 the edition has errors, 2 usage or environment\n"
    "failure (no font, unwritable output).\n");

static void print_usage(FILE *out) {
  fprintf(out, _("usage: huibian COMMAND ARGUMENTS [options]\n\n%s\ncommands:\n"), _(INTRO));
  for (size_t i = 0; i < NCOMMANDS; i++) {
    const command *c = &COMMANDS[i];
    char head[64];
    snprintf(head, sizeof head, "%s %s", c->name, c->args);
    fprintf(out, "  %-36s %s\n", head, _(c->summary));
  }
  fprintf(out, _("\n'huibian COMMAND --help' tells more of each; --version prints the version;\n"
                 "--lang zh_CN or --lang en before or after the command sets the language.\n\n%s"
                 "\nExample: huibian build input/2020 -o out/2020\n"),
          _(EXIT_STATUS));
}

static void print_help(const command *c, FILE *out) {
  bool options = false;
  for (size_t i = 0; i < NOPTIONS && !options; i++) options = OPTIONS[i].commands & c->bit;
  char *line = *c->args ? hui_xasprintf("%s %s", c->name, c->args) : hui_xstrdup(c->name);
  fprintf(out, options ? _("usage: huibian %s [options]\n\n%s") : _("usage: huibian %s\n\n%s"), line,
          _(c->help));
  free(line);
  bool any = false;
  for (size_t i = 0; i < NOPTIONS; i++) {
    const option_def *d = &OPTIONS[i];
    if (!(d->commands & c->bit)) continue;
    if (!any) fputs(_("\noptions:\n"), out);
    any = true;
    char head[64];
    snprintf(head, sizeof head, "%s%s%s", d->name, d->value ? " " : "", d->value ? d->value : "");
    fprintf(out, "  %-22s %s\n", head, _(d->help));
  }
  if (c->bit == C_BUILD) {
    fputs(_("\noutputs (--only):\n"), out);
    size_t n;
    const hui_output_kind *k = hui_outputs(&n);
    for (size_t i = 0; i < n; i++)
      fprintf(out, "  %-22s %s%s\n", k[i].name, _(k[i].summary), k[i].by_default ? "" : _(" (only when asked)"));
  }
  /* the general exit status, unless the command's help says its own */
  if (!strstr(c->help, "Exit status")) fprintf(out, "\n%s", _(EXIT_STATUS));
}

static int usage_error(const char *fmt, const char *arg, const command *c) {
  fputs(_("huibian: "), stderr); /* as in every other message: "huibian：" in Chinese */
  fprintf(stderr, _(fmt), arg);
  if (c) fprintf(stderr, _("\nRun 'huibian %s --help' for its arguments and options.\n"), c->name);
  else fputs(_("\nRun 'huibian --help' for the commands.\n"), stderr);
  return HUI_EXIT_USAGE;
}

/* The option named a (with its value after '=' or in the next argument)
 * for command c, or NULL. *known says whether some command has it. */
static const option_def *find_option(const command *c, const char *a, bool *known) {
  size_t len = strcspn(a, "=");
  *known = false;
  for (size_t i = 0; i < NOPTIONS; i++) {
    const option_def *d = &OPTIONS[i];
    bool same = strlen(d->name) == len && strncmp(d->name, a, len) == 0;
    /* -oOUT: the value joined to the short option */
    bool joined = strcmp(d->name, "-o") == 0 && strncmp(a, "-o", 2) == 0 && a[2] && a[1] != '-';
    if (!same && !joined) continue;
    *known = true;
    if (d->commands & c->bit) return d;
  }
  return NULL;
}

static int parse(const command *c, int argc, char **argv, hui_build_opts *o) {
  for (int i = 2; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || !a[1]) {
      if (o->edition && c->files) {
        if (!o->files) o->files = hui_xcalloc((size_t)argc, sizeof *o->files);
        o->files[o->nfiles++] = a;
        continue;
      }
      if (o->edition) return usage_error(N_("unexpected argument '%s'"), a, c);
      o->edition = a;
      continue;
    }
    bool known;
    const option_def *d = find_option(c, a, &known);
    if (!d && known) {
      char *msg = hui_xasprintf(_("%%s is not an option of %s"), c->name);
      int r = usage_error(msg, a, c);
      free(msg);
      return r;
    }
    if (!d) return usage_error(N_("unknown option '%s'"), a, c);
    const char *value = NULL;
    if (d->value) {
      const char *eq = strchr(a, '=');
      if (eq) value = eq + 1;
      else if (strcmp(d->name, "-o") == 0 && a[2]) value = a + 2;
      else if (i + 1 < argc) value = argv[++i];
      else {
        char *msg = hui_xasprintf(_("%%s needs a value: %s %s"), d->name, d->value);
        int r = usage_error(msg, a, c);
        free(msg);
        return r;
      }
    } else if (strchr(a, '=')) {
      return usage_error(N_("%s takes no value"), a, c);
    }
    if (!d->set(o, value ? value : "")) return HUI_EXIT_USAGE;
  }
  if (c->needs == NEEDS_EDITION && !o->edition)
    return usage_error(N_("%s needs an edition folder, e.g. input/2020"), c->name, c);
  if (c->needs == NEEDS_OUTPUT_FOLDER && !o->edition)
    return usage_error(N_("%s needs a folder written by build or archive, e.g. out/2020"), c->name, c);
  if (c->needs == NEEDS_NOTHING && o->edition)
    return usage_error(N_("unexpected argument '%s'"), o->edition, c);
  if (c->bit == C_IMPORT && o->edition && !o->nfiles)
    return usage_error(N_("%s needs the Word files or folders to read after the edition"), c->name, c);
  if (c->bit == C_INDEX && !o->out)
    return usage_error(N_("%s needs the index file to write: -o FILE"), c->name, c);
  if (c->needs_out && !o->out)
    return usage_error(N_("%s needs an output folder: -o OUT"), c->name, c);
  if (c->needs_archive && !o->archive)
    return usage_error(N_("%s needs the archive folder: --into ARCHIVE"), c->name, c);
  return HUI_EXIT_OK;
}

/* --lang LANG (or --lang=LANG) anywhere on the line: taken out of argv
 * (whose count it returns) and used for the messages' language. */
static int take_lang(int argc, char **argv) {
  const char *lang = NULL;
  int k = 1;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) lang = argv[++i];
    else if (strncmp(argv[i], "--lang=", 7) == 0) lang = argv[i] + 7;
    else argv[k++] = argv[i];
  }
  argv[k] = NULL;
  hui_i18n_init(lang);
  return k;
}

int hui_cli_run(int argc, char **argv) {
  argc = take_lang(argc, argv);
  if (argc < 2) {
    print_usage(stderr);
    return HUI_EXIT_USAGE;
  }
  const char *name = argv[1];
  if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
    const command *c = NULL;
    for (size_t i = 0; argc > 2 && i < NCOMMANDS; i++)
      if (strcmp(COMMANDS[i].name, argv[2]) == 0) c = &COMMANDS[i];
    if (c) print_help(c, stdout);
    else if (argc > 2) return usage_error(N_("unknown command '%s'"), argv[2], NULL);
    else print_usage(stdout);
    return HUI_EXIT_OK;
  }
  if (strcmp(name, "--version") == 0) {
    puts("huibian " HUIBIAN_VERSION);
    return HUI_EXIT_OK;
  }
  const command *c = NULL;
  for (size_t i = 0; i < NCOMMANDS; i++)
    if (strcmp(COMMANDS[i].name, name) == 0) c = &COMMANDS[i];
  if (!c) return usage_error(N_("unknown command '%s'"), name, NULL);
  for (int i = 2; i < argc; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      print_help(c, stdout);
      return HUI_EXIT_OK;
    }
  hui_build_opts o = {.command = c->name};
  int status = parse(c, argc, argv, &o);
  if (status != HUI_EXIT_OK) return status;
  status = c->run(&o);
  hui_outputs_free(&o.outputs);
  free(o.files);
  return status;
}
