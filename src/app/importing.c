/* importing: huibian import EDITION FILE_OR_FOLDER... — the Word files a unit
 * sent, one DocBook submission each (docs/intake.md). Three passes: read
 * every file (converted first when it is not .docx) and find its metadata;
 * give the ids (a roster's 编号, else the id the file had before, else the
 * lowest new number); then write every file to a temporary name, sync them
 * all at once and rename them into place (each atomically: a file is the old
 * one or the new one), and the import record (EDITION/import.json) that
 * keeps which file got which id. The report goes to stdout; nothing is
 * written with --dry-run. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../base/json.h"
#include "../diag.h"
#include "../load.h"
#include "../load/docx.h"
#include "../load/roster.h"
#include "../model.h"
#include "build.h"
#include "commands.h"
#include "convert.h"
#include "import.h"
#include "outdir.h"

/* The largest Word file read (its images are in it). */
/* A Word file larger than the reader takes is refused by its size, before a
 * byte of it is read (a 200 MB file costs no memory). */
#define MAX_WORD_BYTES HUI_MAX_DOCX_BYTES
/* The import record, in the edition folder. */
#define RECORD "import.json"

typedef enum { HOW_DOCX, HOW_CONVERT, HOW_SKIP } how;

/* One file given or found in a folder given. */
typedef struct item {
  char *name; /* its name inside the folder given (the file's own name when given alone) */
  char *path; /* where to read it */
  how how;
  bool read; /* read and turned into a document */
  char *why; /* why it was not imported, when it was not */
  hui_docx doc;
  long row;         /* its roster row, -1 */
  bool row_by_name; /* matched by the name in the document, not the file's name */
  hui_import_meta meta;
  char *id;
  bool id_from_roster;
  char *photo; /* the photo's path inside the edition, or NULL */
  char *photo_src;
  char *target; /* submissions/ID.xml, or the existing file of that id */
  bool exists;  /* a submission of that id exists */
  hui_import_notes notes;
} item;

typedef struct run {
  const hui_build_opts *o;
  int year;
  hui_roster roster;
  bool have_roster;
  char *roster_dir;
  item *items;
  size_t n, cap;
  /* the import record: file names and their ids */
  char **rec_names, **rec_ids;
  size_t nrec, caprec;
  /* the edition's submissions: ids and files */
  char **sub_ids, **sub_files;
  size_t nsubs, capsubs;
  char *tmp;              /* the converter's folder, made when needed */
  hui_write_batch *batch; /* what is written, renamed into place at the end */
} run;

/* ---- the files ---------------------------------------------------------- */

static bool hidden(const char *rel) {
  for (const char *p = rel; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL) {
    if (*p == '.' || strncmp(p, "~$", 2) == 0) {
      return true; /* a hidden file or folder, or Word's lock file ~$name.docx */
    }
  }
  return false;
}

static bool has_ext(const char *name, const char *ext) {
  size_t n = strlen(name), e = strlen(ext);
  return n > e && strcasecmp(name + n - e, ext) == 0;
}

static void add_item(run *r, const char *name, const char *path) {
  item *it = HUI_PUSH(r->items, r->n, r->cap);
  it->name = hui_xstrdup(name);
  it->path = hui_xstrdup(path);
  it->row = -1;
  it->how = has_ext(name, ".docx") ? HOW_DOCX : hui_convert_wanted(name) ? HOW_CONVERT : HOW_SKIP;
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const item *)a)->name, ((const item *)b)->name);
}

/* Collects the files of the arguments; false after saying why (a missing
 * argument). */
static bool collect(run *r) {
  for (size_t i = 0; i < r->o->nfiles; i++) {
    const char *arg = r->o->files[i];
    struct stat st;
    if (stat(arg, &st) != 0) {
      fprintf(stderr, _("huibian: cannot read %s: %s\n"), arg, strerror(errno));
      return false;
    }
    if (S_ISDIR(st.st_mode)) {
      size_t n;
      char **rel = hui_list_files(arg, &n);
      for (size_t k = 0; k < n; k++) {
        char *path = hui_path_join(arg, rel[k]);
        struct stat fst;
        if (!hidden(rel[k]) && stat(path, &fst) == 0 && S_ISREG(fst.st_mode)) {
          add_item(r, rel[k], path);
        }
        free(path);
        free(rel[k]);
      }
      free(rel);
    } else {
      const char *base = strrchr(arg, '/');
      base = base ? base + 1 : arg;
      if (!hidden(base)) {
        add_item(r, base, arg);
      }
    }
  }
  if (r->n > 1) {
    qsort(r->items, r->n, sizeof *r->items, by_name);
  }
  /* one name twice (two folders given with the same file): the first is read */
  for (size_t i = 1; i < r->n; i++) {
    if (strcmp(r->items[i].name, r->items[i - 1].name) == 0 && r->items[i].how != HOW_SKIP) {
      r->items[i].how = HOW_SKIP;
      free(r->items[i].why);
      r->items[i].why = hui_xasprintf(_("another file of the same name (%s) is imported instead"),
                                      r->items[i - 1].path);
    }
  }
  return true;
}

/* ---- the edition ---------------------------------------------------------- */

/* The campaign year: campaign.xml's, else the edition folder's name when it
 * is a year. 0 when neither. */
static int edition_year(const char *edition) {
  char *path = hui_path_join(edition, "campaign.xml");
  size_t len;
  char *bytes = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
  free(path);
  int year = 0;
  if (bytes) {
    hui_edition *e = hui_xcalloc(1, sizeof *e);
    hui_diags *d = hui_diags_new();
    hui_load_campaign_memory(bytes, len, d, &e->campaign);
    year = e->campaign.year_num;
    hui_diags_free(d);
    hui_edition_free(e);
    free(bytes);
  }
  if (year <= 0) {
    char *copy = hui_xstrdup(edition);
    size_t n = strlen(copy);
    while (n > 1 && copy[n - 1] == '/') {
      copy[--n] = '\0';
    }
    const char *base = strrchr(copy, '/');
    base = base ? base + 1 : copy;
    if (strlen(base) == 4 && strspn(base, "0123456789") == 4) {
      year = atoi(base);
    }
    free(copy);
  }
  return year;
}

/* The ids of the edition's submissions (the .xml files of submissions/). */
static void scan_submissions(run *r) {
  char *dir = hui_path_join(r->o->edition, "submissions");
  size_t n;
  char **rel = hui_list_files(dir, &n);
  for (size_t i = 0; i < n; i++) {
    if (!strchr(rel[i], '/') && !hidden(rel[i]) && has_ext(rel[i], ".xml")) {
      char *path = hui_path_join(dir, rel[i]);
      size_t len;
      char *bytes = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
      char *file = hui_path_join("submissions", rel[i]);
      if (bytes) {
        hui_edition *e = hui_xcalloc(1, sizeof *e);
        e->subs = hui_xcalloc(1, sizeof *e->subs);
        e->nsubs = 1;
        hui_diags *d = hui_diags_new();
        hui_load_submission_memory(file, bytes, len, d, &e->subs[0]);
        const char *id = e->subs[0].id.text;
        if (id && *id) {
          *HUI_PUSH(r->sub_ids, r->nsubs, r->capsubs) = hui_xstrdup(id);
          r->sub_files = hui_xrealloc(r->sub_files, r->capsubs * sizeof *r->sub_files);
          r->sub_files[r->nsubs - 1] = hui_xstrdup(file);
        }
        hui_diags_free(d);
        hui_edition_free(e);
      }
      free(bytes);
      free(file);
      free(path);
    }
    free(rel[i]);
  }
  free(rel);
  free(dir);
}

/* The file of the submission with this id, or NULL. */
static const char *sub_file(const run *r, const char *id) {
  for (size_t i = 0; i < r->nsubs; i++) {
    if (strcmp(r->sub_ids[i], id) == 0) {
      return r->sub_files[i];
    }
  }
  return NULL;
}

static void record_add(run *r, const char *name, const char *id) {
  for (size_t i = 0; i < r->nrec; i++) {
    if (strcmp(r->rec_names[i], name) == 0) {
      free(r->rec_ids[i]);
      r->rec_ids[i] = hui_xstrdup(id);
      return;
    }
  }
  *HUI_PUSH(r->rec_names, r->nrec, r->caprec) = hui_xstrdup(name);
  r->rec_ids = hui_xrealloc(r->rec_ids, r->caprec * sizeof *r->rec_ids);
  r->rec_ids[r->nrec - 1] = hui_xstrdup(id);
}

static const char *record_id(const run *r, const char *name) {
  for (size_t i = 0; i < r->nrec; i++) {
    if (strcmp(r->rec_names[i], name) == 0) {
      return r->rec_ids[i];
    }
  }
  return NULL;
}

/* Reads EDITION/import.json; false after saying why when it exists but is
 * not a record. */
static bool read_record(run *r) {
  char *path = hui_path_join(r->o->edition, RECORD);
  size_t len;
  char *bytes = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
  if (!bytes) {
    bool ok = errno == ENOENT;
    if (!ok) {
      fprintf(stderr, _("huibian: cannot read %s: %s\n"), path, hui_strerror(errno));
    }
    free(path);
    return ok;
  }
  char *why = NULL;
  hui_json *j = hui_json_parse(bytes, len, &why);
  const hui_json *files = j ? hui_json_get(j, "files") : NULL;
  bool ok = files && files->kind == HUI_JSON_ARRAY;
  for (size_t i = 0; ok && i < files->n; i++) {
    const char *name = hui_json_get_str(&files->items[i], "file");
    const char *id = hui_json_get_str(&files->items[i], "id");
    if (name && id) {
      record_add(r, name, id);
    }
  }
  if (!ok) {
    fprintf(
        stderr,
        _("huibian: %s is not an import record (%s); move it away and import again: the files then "
          "get new ids\n"),
        path, why ? why : _("no \"files\" list"));
  }
  free(why);
  hui_json_free(j);
  free(bytes);
  free(path);
  return ok;
}

static bool write_record(const run *r) {
  hui_buf b = {0};
  hui_buf_puts(&b,
               "{\n  \"comment\": \"huibian import: which Word file became which submission id\",\n"
               "  \"files\": [");
  for (size_t i = 0; i < r->nrec; i++) {
    hui_buf_puts(&b, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
    hui_buf_json_str(&b, r->rec_names[i]);
    hui_buf_puts(&b, ", \"id\": ");
    hui_buf_json_str(&b, r->rec_ids[i]);
    hui_buf_puts(&b, "}");
  }
  hui_buf_puts(&b, r->nrec ? "\n  ]\n}\n" : "]\n}\n");
  char *path = hui_path_join(r->o->edition, RECORD);
  bool ok = hui_write_atomic(path, b.data, b.len);
  if (!ok) {
    fprintf(stderr, _("huibian: cannot write %s: %s\n"), path, strerror(errno));
  }
  free(path);
  hui_buf_free(&b);
  return ok;
}

/* ---- the roster --------------------------------------------------------- */

static bool read_roster(run *r) {
  const char *path = r->o->roster;
  bool csv = has_ext(path, ".csv"), xlsx = has_ext(path, ".xlsx");
  if (!csv && !xlsx) {
    fprintf(stderr, _("huibian: --roster takes a .csv or .xlsx file, not %s\n"), path);
    return false;
  }
  size_t len;
  char *bytes = hui_read_file(path, HUI_MAX_ROSTER_BYTES, &len);
  if (!bytes) {
    fprintf(stderr, _("huibian: cannot read %s: %s\n"), path, hui_strerror(errno));
    return false;
  }
  hui_grid g = {0};
  char *why = NULL;
  bool ok = csv ? hui_csv_parse(bytes, len, &g, &why) : hui_xlsx_parse(bytes, len, &g, &why);
  ok = ok && hui_roster_from_grid(&g, &r->roster, &why);
  if (!ok) {
    fprintf(stderr, _("huibian: %s: %s\n"), path, why);
  }
  free(why);
  hui_grid_clear(&g);
  free(bytes);
  r->have_roster = ok;
  const char *slash = strrchr(path, '/');
  r->roster_dir = slash ? hui_xstrndup(path, (size_t)(slash - path)) : hui_xstrdup(".");
  return ok;
}

/* ---- reading ------------------------------------------------------------ */

/* The .docx bytes of it (converted first when it is an older format). */
static char *word_bytes(run *r, item *it, size_t *len) {
  if (it->how == HOW_DOCX) {
    char *bytes = hui_read_file(it->path, MAX_WORD_BYTES, len);
    if (!bytes && errno == EFBIG) {
      it->why = hui_xasprintf(_("the Word document is larger than %u MB; make its pictures smaller "
                                "and save it again"),
                              HUI_MAX_DOCX_BYTES / (1024u * 1024u));
    } else if (!bytes) {
      it->why = hui_xasprintf(_("cannot read it: %s"), hui_strerror(errno));
    }
    return bytes;
  }
  if (!r->tmp) {
    const char *base = getenv("TMPDIR");
    char *templ = hui_path_join(base && *base ? base : "/tmp", "huibian-import-XXXXXX");
    r->tmp = mkdtemp(templ);
    if (!r->tmp) {
      it->why =
          hui_xasprintf(_("cannot make a temporary folder for the converter: %s"), strerror(errno));
      free(templ);
      return NULL;
    }
  }
  /* each file in a folder of its own: two files a.doc and a.wps must not meet */
  char *sub = hui_xasprintf("%s/%zu", r->tmp, (size_t)(it - r->items));
  char *docx = NULL;
  if (!hui_make_dirs(sub)) {
    it->why =
        hui_xasprintf(_("cannot make a temporary folder for the converter: %s"), strerror(errno));
  } else {
    char *why = NULL;
    char *in = it->path[0] == '/' ? hui_xstrdup(it->path) : realpath(it->path, NULL);
    docx = in ? hui_convert_to_docx(in, sub, &why) : NULL;
    if (!docx) {
      it->why = why ? why : hui_xasprintf(_("cannot read it: %s"), strerror(errno));
    }
    free(in);
  }
  char *bytes = NULL;
  if (docx) {
    bytes = hui_read_file(docx, MAX_WORD_BYTES, len);
    if (!bytes) {
      it->why = hui_xasprintf(_("cannot read the converted file: %s"), hui_strerror(errno));
    }
  }
  free(docx);
  free(sub);
  return bytes;
}

static void read_item(run *r, item *it) {
  size_t len = 0;
  char *bytes = word_bytes(r, it, &len);
  if (!bytes) {
    return;
  }
  char *why = NULL;
  if (!hui_docx_read(bytes, len, &it->doc, &why)) {
    it->why = why ? why : hui_xstrdup(_("not a readable Word document"));
    hui_docx_clear(&it->doc);
    free(bytes);
    return;
  }
  free(bytes);
  it->read = true;
  const hui_roster *ro = r->have_roster ? &r->roster : NULL;
  it->row = ro ? hui_import_roster_match(ro, it->name) : -1;
  hui_import_meta_find(&it->doc, ro && it->row >= 0 ? &ro->entries[it->row] : NULL, &it->meta);
  if (ro && it->row < 0) {
    /* the name the document gives, found in the roster */
    it->row = hui_import_roster_by_name(ro, it->meta.field[HUI_RF_NAME]);
    if (it->row >= 0) {
      it->row_by_name = true;
      hui_import_meta_clear(&it->meta);
      hui_import_meta_find(&it->doc, &ro->entries[it->row], &it->meta);
    }
  }
}

/* ---- ids ---------------------------------------------------------------- */

static bool in(char *const *list, size_t n, const char *s) {
  for (size_t i = 0; i < n; i++) {
    if (list[i] && strcmp(list[i], s) == 0) {
      return true;
    }
  }
  return false;
}

static void give_ids(run *r) {
  /* the roster's numbers first: they are the office's own */
  for (size_t i = 0; i < r->n; i++) {
    item *it = &r->items[i];
    if (!it->read || it->row < 0) {
      continue;
    }
    char *id = hui_import_roster_id(r->year, r->roster.entries[it->row].field[HUI_RF_NUMBER]);
    const char *number = r->roster.entries[it->row].field[HUI_RF_NUMBER];
    if (id) {
      for (size_t k = 0; k < i && id; k++) {
        if (r->items[k].id && strcmp(r->items[k].id, id) == 0) {
          it->why = hui_xasprintf(
              _("the roster gives it the number of %s (%s): correct the roster's 编号"),
              r->items[k].name, id);
          free(id);
          id = NULL;
        }
      }
      it->id = id;
      it->id_from_roster = id != NULL;
    } else if (number && *number) {
      hui_import_note(&it->notes,
                      _("the roster's 编号 '%s' cannot be an id (letters, digits, '-' and '_'); "
                        "a number is given instead"),
                      number);
    }
  }
  /* the others: the id they had, else the lowest number free */
  const char **names = hui_xcalloc(r->n + 1, sizeof *names);
  const char **known = hui_xcalloc(r->n + 1, sizeof *known);
  char **ids = hui_xcalloc(r->n + 1, sizeof *ids);
  size_t *which = hui_xcalloc(r->n + 1, sizeof *which);
  size_t m = 0;
  for (size_t i = 0; i < r->n; i++) {
    item *it = &r->items[i];
    if (it->read && !it->id && !it->why) {
      names[m] = it->name;
      known[m] = record_id(r, it->name);
      which[m++] = i;
    }
  }
  /* taken: the edition's submissions, the record's ids and the roster's
   * numbers given now — except the ids the files named above had */
  char **taken = hui_xcalloc(r->nsubs + r->nrec + r->n + 1, sizeof *taken);
  size_t ntaken = 0;
  char **all[2] = {r->sub_ids, r->rec_ids};
  size_t counts[2] = {r->nsubs, r->nrec};
  for (int a = 0; a < 2; a++) {
    for (size_t i = 0; i < counts[a]; i++) {
      if (!in((char *const *)known, m, all[a][i])) {
        taken[ntaken++] = all[a][i];
      }
    }
  }
  for (size_t i = 0; i < r->n; i++) {
    if (r->items[i].id) {
      taken[ntaken++] = r->items[i].id;
    }
  }
  hui_import_ids(r->year, names, known, m, (const char *const *)taken, ntaken, ids);
  for (size_t k = 0; k < m; k++) {
    r->items[which[k]].id = ids[k];
  }
  /* one id for two files (a roster 编号 that another file had before): the
   * first in name order keeps it */
  for (size_t i = 0; i < r->n; i++) {
    for (size_t k = 0; k < i && r->items[i].id && !r->items[i].why; k++) {
      if (r->items[k].id && !r->items[k].why && strcmp(r->items[k].id, r->items[i].id) == 0) {
        r->items[i].why =
            hui_xasprintf(_("it would get the id %s of %s: correct the roster's 编号"),
                          r->items[i].id, r->items[k].name);
      }
    }
  }
  free(taken);
  free(names);
  free(known);
  free(ids);
  free(which);
}

/* ---- writing ------------------------------------------------------------ */

static const char *image_ext(const char *type, const char *name) {
  if (type && (strcasecmp(type, "jpeg") == 0 || strcasecmp(type, "jpg") == 0)) {
    return "jpg";
  }
  if (type && *type && strspn(type, "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(type)) {
    return type;
  }
  const char *dot = name ? strrchr(name, '.') : NULL;
  return dot && dot[1] && strlen(dot + 1) <= 5 && !strchr(dot, '/') ? dot + 1 : "bin";
}

/* Writes path inside the edition (rel) unless dry, into the batch as item
 * tag's file: false after saying why. */
static bool put(const run *r, size_t tag, const char *rel, const char *bytes, size_t len) {
  if (r->o->dry_run) {
    return true;
  }
  char *path = hui_path_join(r->o->edition, rel);
  char *dir = hui_xstrdup(path);
  *strrchr(dir, '/') = '\0';
  bool ok = hui_make_dirs(dir) && hui_write_batch_add(r->batch, path, bytes, len, tag);
  if (!ok) {
    fprintf(stderr, _("huibian: cannot write %s: %s\n"), path, strerror(errno));
  }
  free(dir);
  free(path);
  return ok;
}

/* The roster's 照片: a .jpg or .png beside the roster (or a path from it). */
static void find_photo(run *r, item *it) {
  const char *photo = it->meta.field[HUI_RF_PHOTO];
  if (!photo || it->meta.from[HUI_RF_PHOTO] != HUI_META_ROSTER) {
    return;
  }
  bool jpg = has_ext(photo, ".jpg") || has_ext(photo, ".jpeg"), png = has_ext(photo, ".png");
  char *src = photo[0] == '/' ? hui_xstrdup(photo) : hui_path_join(r->roster_dir, photo);
  struct stat st;
  if ((jpg || png) && stat(src, &st) == 0 && S_ISREG(st.st_mode)) {
    it->photo_src = src;
    it->photo = hui_xasprintf("images/%s.%s", it->id, png ? "png" : "jpg");
    return;
  }
  hui_import_note(&it->notes,
                  _("the roster's photo %s was not found or is not a .jpg or .png: no photo"), src);
  free(src);
}

/* Writes the submission of it into the batch; false after saying why (into
 * it->why, or to stderr when the edition cannot be written: *fatal then). */
static bool write_item(run *r, item *it, bool *fatal) {
  size_t tag = (size_t)(it - r->items);
  const char *existing = sub_file(r, it->id);
  it->exists = existing != NULL;
  it->target = existing ? hui_xstrdup(existing) : hui_xasprintf("submissions/%s.xml", it->id);
  if (!it->exists) {
    char *path = hui_path_join(r->o->edition, it->target);
    struct stat st;
    it->exists = lstat(path, &st) == 0;
    free(path);
  }
  for (size_t i = 0; i < r->nrec; i++) {
    if (strcmp(r->rec_ids[i], it->id) == 0 && strcmp(r->rec_names[i], it->name) != 0) {
      it->why = hui_xasprintf(
          _("%s is the id of %s, imported before (import.json): correct the roster's 编号, "
            "or remove that file's entry from import.json"),
          it->id, r->rec_names[i]);
      return false;
    }
  }
  if (it->exists && !r->o->replace) {
    it->why =
        hui_xasprintf(_("%s already exists (%s): add --replace to overwrite it with this file"),
                      it->id, it->target);
    return false;
  }
  find_photo(r, it);
  char **images = hui_xcalloc(it->doc.nimages + 1, sizeof *images);
  for (size_t k = 0; k < it->doc.nimages && !*fatal; k++) {
    const hui_docx_image *im = &it->doc.images[k];
    images[k] = hui_xasprintf("images/%s-%zu.%s", it->id, k + 1, image_ext(im->type, im->name));
    *fatal = !put(r, tag, images[k], (const char *)im->bytes, im->len);
  }
  hui_import_target t = {it->id, it->name, it->photo, images};
  char *xml = hui_import_docbook(&it->doc, &it->meta, &t, &it->notes);
  /* what is written must load: a fault of ours is never left in the edition */
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->subs = hui_xcalloc(1, sizeof *e->subs);
  e->nsubs = 1;
  hui_diags *d = hui_diags_new();
  hui_load_submission_memory(it->target, xml, strlen(xml), d, &e->subs[0]);
  /* nor a schema warning or a role the loader does not read */
  const hui_diag *x = NULL;
  for (size_t i = 0; i < hui_diags_len(d) && !x; i++) {
    const hui_diag *y = hui_diags_at(d, i);
    if (y->severity == HUI_ERROR || strcmp(y->rule, "schema") == 0 ||
        strcmp(y->rule, "unknown-role") == 0) {
      x = y;
    }
  }
  bool valid = x == NULL;
  if (!valid) {
    it->why =
        hui_xasprintf(_("the submission made of it does not load (%s: %s); please report this"),
                      x->rule, x->message);
  }
  hui_diags_free(d);
  hui_edition_free(e);
  if (valid && !*fatal && it->photo) {
    size_t len;
    char *bytes = hui_read_file(it->photo_src, HUI_MAX_IMAGE_BYTES, &len);
    if (bytes) {
      *fatal = !put(r, tag, it->photo, bytes, len);
    } else {
      hui_import_note(&it->notes, _("cannot read the photo %s: %s"), it->photo_src,
                      hui_strerror(errno));
    }
    free(bytes);
  }
  if (valid && !*fatal) {
    *fatal = !put(r, tag, it->target, xml, strlen(xml));
  }
  for (size_t k = 0; k < it->doc.nimages; k++) {
    free(images[k]);
  }
  free(images);
  free(xml);
  return valid && !*fatal;
}

/* ---- the report --------------------------------------------------------- */

/* Where a field other than the roster's was found. */
static const char *from_label(hui_meta_from from) {
  return from == HUI_META_FORM ? _("the 推荐表 in the document") : _("the document's header");
}

static void report_item(const run *r, const item *it, bool wrote) {
  if (it->how == HOW_SKIP) {
    printf(_("%s: skipped (%s)\n"), it->name, it->why ? it->why : _("not a Word file"));
    return;
  }
  if (!wrote) {
    printf(_("%s: NOT imported: %s\n"), it->name, it->why ? it->why : "");
  } else {
    printf(it->exists ? _("%s → %s (%s, replaced)\n") : _("%s → %s (%s)\n"), it->name, it->id,
           it->target);
  }
  if (!it->read) {
    return;
  }
  const hui_import_meta *m = &it->meta;
  if (m->title) {
    printf(_("  title: %s\n"), m->title);
  }
  if (m->subtitle) {
    printf(_("  subtitle: %s\n"), m->subtitle);
  }
  static const hui_roster_field shown[] = {HUI_RF_NAME,     HUI_RF_UNIT,        HUI_RF_TITLE,
                                           HUI_RF_CATEGORY, HUI_RF_RECOMMENDER, HUI_RF_PHOTO};
  hui_buf missing = {0};
  for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
    hui_roster_field f = shown[i];
    if (!m->field[f]) {
      hui_buf_puts(&missing, missing.len ? _(", ") : "");
      hui_buf_puts(&missing, hui_import_field_label(f));
      continue;
    }
    char *where = m->from[f] == HUI_META_ROSTER
                      ? hui_xasprintf(it->row_by_name ? _("roster row %zu, found by the name")
                                                      : _("roster row %zu"),
                                      r->roster.entries[it->row].row)
                      : hui_xstrdup(from_label(m->from[f]));
    printf(_("  %s: %s (%s)\n"), hui_import_field_label(f), m->field[f], where);
    free(where);
    if (m->other[f]) {
      printf(_("    %s gives '%s' instead (not used)\n"), from_label(m->other_from[f]),
             m->other[f]);
    }
  }
  if (!m->title) {
    hui_buf_puts(&missing, missing.len ? _(", ") : "");
    hui_buf_puts(&missing, _("title"));
  }
  if (missing.len) {
    printf(_("  not found (check will ask for what is required): %s\n"), missing.data);
  }
  hui_buf_free(&missing);
  if (it->id_from_roster) {
    printf(_("  id from the roster's 编号\n"));
  }
  if (m->deeds_used) {
    printf(_("  the body is the form's 主要事迹 cell\n"));
  }
  for (size_t i = 0; i < it->notes.n; i++) {
    printf("  %s\n", it->notes.lines[i]);
  }
}

/* ---- places in the Word files, for check -------------------------------- */

hui_diags *hui_import_diags_placed(const char *edition, const hui_diags *d) {
  hui_diags *out = hui_diags_new();
  char *file = NULL, *bytes = NULL; /* the last file read */
  size_t len = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    char *where = NULL;
    if (x->file && strncmp(x->file, "submissions/", 12) == 0 && has_ext(x->file, ".xml") &&
        x->line > 0) {
      if (!file || strcmp(file, x->file) != 0) {
        free(file);
        free(bytes);
        file = hui_xstrdup(x->file);
        char *path = hui_path_join(edition ? edition : ".", x->file);
        bytes = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
        free(path);
      }
      hui_import_place place = {0};
      if (bytes && hui_import_place_of(bytes, len, x->line, x->col > 0 ? x->col : 1, &place)) {
        where = place.footnote ? hui_xasprintf(_("%s: footnote %zu"), place.file, place.footnote)
                : place.chr    ? hui_xasprintf(_("%s: paragraph %zu, character %zu"), place.file,
                                               place.para, place.chr)
                               : hui_xasprintf(_("%s: paragraph %zu"), place.file, place.para);
        free(place.file);
      }
    }
    if (where) {
      /* TRANSLATORS: a finding's message, then the place in the Word file */
      char *msg = hui_xasprintf(_("%s (%s)"), x->message, where);
      hui_diag_add(out, x->severity, x->file, x->line, x->col, x->rule, "%s", msg);
      free(msg);
    } else {
      hui_diag_add(out, x->severity, x->file, x->line, x->col, x->rule, "%s", x->message);
    }
    free(where);
  }
  free(file);
  free(bytes);
  return out;
}

/* ---- the command -------------------------------------------------------- */

static void run_free(run *r) {
  for (size_t i = 0; i < r->n; i++) {
    item *it = &r->items[i];
    free(it->name);
    free(it->path);
    free(it->why);
    hui_docx_clear(&it->doc);
    hui_import_meta_clear(&it->meta);
    free(it->id);
    free(it->photo);
    free(it->photo_src);
    free(it->target);
    hui_import_notes_clear(&it->notes);
  }
  free(r->items);
  for (size_t i = 0; i < r->nrec; i++) {
    free(r->rec_names[i]);
    free(r->rec_ids[i]);
  }
  free(r->rec_names);
  free(r->rec_ids);
  for (size_t i = 0; i < r->nsubs; i++) {
    free(r->sub_ids[i]);
    free(r->sub_files[i]);
  }
  free(r->sub_ids);
  free(r->sub_files);
  hui_roster_clear(&r->roster);
  free(r->roster_dir);
  if (r->tmp) {
    hui_remove_tree(r->tmp);
    free(r->tmp);
  }
}

/* Refuses an edition that is not a folder or is sealed: false after saying why. */
static bool edition_ok(const hui_build_opts *o) {
  struct stat st;
  if (stat(o->edition, &st) != 0 || !S_ISDIR(st.st_mode)) {
    fprintf(
        stderr,
        _("huibian: %s is not a folder: import writes into an edition folder (make it first, with "
          "its campaign.xml)\n"),
        o->edition);
    return false;
  }
  char *seal = hui_seal_above(o->edition);
  if (seal) {
    char *why = hui_seal_refusal(o->edition, seal, _("the edition"));
    fprintf(stderr, _("huibian: %s. Import into the working edition instead\n"), why);
    free(why);
    free(seal);
    return false;
  }
  return true;
}

int hui_cmd_import(const hui_build_opts *o) {
  if (!edition_ok(o)) {
    return HUI_EXIT_USAGE;
  }
  run r = {.o = o};
  int status = HUI_EXIT_OK;
  r.year = edition_year(o->edition);
  if (r.year <= 0) {
    fprintf(stderr,
            _("huibian: %s has no campaign year: give campaign.xml its year=\"...\" (the ids are "
              "s<year>-NNN)\n"),
            o->edition);
    return HUI_EXIT_USAGE;
  }
  if (!read_record(&r) || (o->roster && !read_roster(&r)) || !collect(&r)) {
    run_free(&r);
    return HUI_EXIT_USAGE;
  }
  scan_submissions(&r);
  bool tty = isatty(STDERR_FILENO);
  for (size_t i = 0; i < r.n; i++) {
    item *it = &r.items[i];
    if (it->how == HOW_SKIP) {
      continue;
    }
    if (tty) {
      char *msg = hui_xasprintf(_("reading %zu/%zu: %s"), i + 1, r.n, it->name);
      fprintf(stderr, "\r%s\033[K", msg);
      free(msg);
      fflush(stderr);
    }
    read_item(&r, it);
  }
  if (tty) {
    fputs("\r\033[K", stderr);
  }
  give_ids(&r);
  bool fatal = false;
  size_t imported = 0, skipped = 0, failed = 0;
  r.batch = hui_write_batch_new();
  bool *staged = hui_xcalloc(r.n + 1, sizeof *staged);
  for (size_t i = 0; i < r.n; i++) {
    item *it = &r.items[i];
    if (it->how != HOW_SKIP && it->read && it->id && !it->why && !fatal) {
      staged[i] = write_item(&r, it, &fatal);
    }
  }
  /* what was written before a fatal error stays, as it would file by file */
  const char *unwritten = NULL;
  bool committed = hui_write_batch_commit(r.batch, &unwritten);
  if (!committed) {
    fprintf(stderr, _("huibian: cannot write %s: %s\n"), unwritten ? unwritten : o->edition,
            strerror(errno));
    fatal = true;
  }
  for (size_t i = 0; i < r.n; i++) {
    item *it = &r.items[i];
    bool wrote = staged[i] && hui_write_batch_done(r.batch, i);
    if (staged[i] && !wrote) {
      it->why = hui_xstrdup(_("the edition could not be written (see the message above)"));
    }
    if (wrote) {
      record_add(&r, it->name, it->id);
    }
    if (it->how == HOW_SKIP) {
      skipped++;
    } else if (wrote) {
      imported++;
    } else {
      failed++;
    }
    report_item(&r, it, wrote);
  }
  free(staged);
  hui_write_batch_free(r.batch);
  r.batch = NULL;
  if (fatal) {
    status = HUI_EXIT_USAGE;
  } else if (!o->dry_run && imported && !write_record(&r)) {
    status = HUI_EXIT_USAGE;
  } else if (failed) {
    status = HUI_EXIT_ERRORS;
  }
  /* roster rows no file matched */
  for (size_t k = 0; r.have_roster && k < r.roster.n; k++) {
    bool used = false;
    for (size_t i = 0; i < r.n && !used; i++) {
      used = r.items[i].row == (long)k;
    }
    if (!used) {
      printf(_("roster row %zu (%s): no file for it\n"), r.roster.entries[k].row,
             r.roster.entries[k].field[HUI_RF_NAME]);
    }
  }
  printf(P_("%zu file imported", "%zu files imported", imported), imported);
  printf(P_(", %zu not imported", ", %zu not imported", failed), failed);
  printf(P_(", %zu skipped", ", %zu skipped", skipped), skipped);
  printf(o->dry_run ? _(" (dry run: nothing was written)\n") : "\n");
  run_free(&r);
  return status;
}
