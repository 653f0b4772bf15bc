/* archive: atomic writes, manifest.json and verify, archived editions and
 * their index (ARCHIVE/index.json). */
#define _GNU_SOURCE /* syncfs; mkstemp, fsync, fchmod */
#include "archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "base/i18n.h"
#include "base/json.h"
#include "base/sha256.h"
#include "diag.h"
#include "load.h"
#include "rules/rules.h"

bool hui_make_dirs(const char *path) {
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
  if (ok && stat(path, &st) == 0 && !S_ISDIR(st.st_mode)) {
    errno = ENOTDIR; /* a file of that name */
    ok = false;
  }
  ok = ok && stat(path, &st) == 0;
  if (ok) errno = 0;
  else if (!errno) errno = ENOTDIR;
  free(p);
  return ok;
}

/* Writes len bytes of text to a new temporary file beside path (its name in
 * *tmp, caller frees), synced when sync; *dev is its file system. Returns
 * false with errno set and no file left. */
static bool write_temp(const char *path, const char *text, size_t len, bool sync, char **tmp,
                       dev_t *dev) {
  *tmp = hui_xasprintf("%s.tmp-XXXXXX", path);
  int fd = mkstemp(*tmp);
  if (fd < 0) return false;
  /* mkstemp makes the file 0600; give it the mode a plain create would. */
  bool ok = fchmod(fd, 0666 & ~(mode_t)hui_umask()) == 0;
  struct stat st;
  ok = fstat(fd, &st) == 0 && ok;
  if (ok && dev) *dev = st.st_dev;
  FILE *f = fdopen(fd, "wb");
  ok = f && fwrite(text, 1, len, f) == len && ok;
  ok = f && fflush(f) == 0 && (!sync || fsync(fileno(f)) == 0) && ok;
  int saved = errno;
  ok = f && fclose(f) == 0 && ok;
  if (!f) close(fd);
  if (!ok) {
    if (!errno) errno = saved ? saved : EIO;
    saved = errno;
    unlink(*tmp);
    errno = saved;
  }
  return ok;
}

bool hui_write_atomic(const char *path, const char *text, size_t len) {
  char *tmp;
  bool ok = write_temp(path, text, len, true, &tmp, NULL);
  if (ok && rename(tmp, path) != 0) {
    int saved = errno;
    unlink(tmp);
    errno = saved;
    ok = false;
  }
  free(tmp);
  return ok;
}

typedef struct batch_file {
  char *path, *tmp;
  dev_t dev;
  size_t tag;
  bool renamed;
} batch_file;

struct hui_write_batch {
  batch_file *v;
  size_t n, cap;
};

hui_write_batch *hui_write_batch_new(void) { return hui_xcalloc(1, sizeof(hui_write_batch)); }

bool hui_write_batch_add(hui_write_batch *b, const char *path, const char *text, size_t len,
                         size_t tag) {
  char *tmp;
  dev_t dev = 0;
  if (!write_temp(path, text, len, false, &tmp, &dev)) {
    free(tmp);
    return false;
  }
  *HUI_PUSH(b->v, b->n, b->cap) = (batch_file){hui_xstrdup(path), tmp, dev, tag, false};
  return true;
}

/* Puts every temporary file of b on disk: one syncfs per file system (a
 * device cache flush each, where an fsync per file costs one per file), or
 * an fsync per file where syncfs fails. */
static bool batch_sync(const hui_write_batch *b) {
  bool synced = true;
  for (size_t i = 0; i < b->n && synced; i++) {
    bool seen = false;
    for (size_t k = 0; k < i && !seen; k++) seen = b->v[k].dev == b->v[i].dev;
    if (seen) continue;
    int fd = open(b->v[i].tmp, O_RDONLY | O_CLOEXEC);
    synced = fd >= 0 && syncfs(fd) == 0;
    if (fd >= 0) close(fd);
  }
  for (size_t i = 0; i < b->n && !synced; i++) {
    int fd = open(b->v[i].tmp, O_RDONLY | O_CLOEXEC);
    bool ok = fd >= 0 && fsync(fd) == 0;
    int saved = errno;
    if (fd >= 0) close(fd);
    if (!ok) {
      errno = saved;
      return false;
    }
  }
  return true;
}

bool hui_write_batch_commit(hui_write_batch *b, const char **failed) {
  *failed = NULL;
  if (!batch_sync(b)) {
    *failed = b->n ? b->v[0].path : NULL;
    return false;
  }
  for (size_t i = 0; i < b->n; i++) {
    if (rename(b->v[i].tmp, b->v[i].path) != 0) {
      *failed = b->v[i].path;
      return false;
    }
    b->v[i].renamed = true;
  }
  return true;
}

bool hui_write_batch_done(const hui_write_batch *b, size_t tag) {
  for (size_t i = 0; i < b->n; i++)
    if (b->v[i].tag == tag && !b->v[i].renamed) return false;
  return true;
}

void hui_write_batch_free(hui_write_batch *b) {
  if (!b) return;
  int saved = errno;
  for (size_t i = 0; i < b->n; i++) {
    if (!b->v[i].renamed) unlink(b->v[i].tmp);
    free(b->v[i].path);
    free(b->v[i].tmp);
  }
  free(b->v);
  free(b);
  errno = saved;
}

/* --- manifest.json ------------------------------------------------------ */

static const char *const from_names[] = {"edition", "huibian", "system", "output"};

typedef struct mentry {
  char *group, *path, *file;
  char *by; /* the command that wrote an output, when not the build: "certificates" */
  hui_from from;
  bool known; /* size and hex given by hui_manifest_known */
  uint64_t size;
  char hex[65];
} mentry;

struct hui_manifest {
  char *edition, *year, *supersedes, *edition_path;
  int revision; /* 0 = not archived */
  mentry *v;
  size_t n, cap;
  /* the real paths of the last edition and data folders asked about */
  char *ed_key, *dd_key, *ed_real, *dd_real;
  /* find_entry's index: per slot, an entry's index + 1 (0: empty); NULL
   * until a look-up makes it, dropped when the entries move */
  size_t *slot;
  size_t nslot;
};

hui_manifest *hui_manifest_new(const char *edition_name, const char *year) {
  hui_manifest *m = hui_xcalloc(1, sizeof *m);
  m->edition = hui_xstrdup(edition_name ? edition_name : "");
  m->year = hui_xstrdup(year ? year : "");
  return m;
}

void hui_manifest_free(hui_manifest *m) {
  if (!m) return;
  for (size_t i = 0; i < m->n; i++) {
    free(m->v[i].group);
    free(m->v[i].path);
    free(m->v[i].file);
    free(m->v[i].by);
  }
  free(m->v);
  free(m->slot);
  free(m->edition);
  free(m->year);
  free(m->supersedes);
  free(m->edition_path);
  free(m->ed_key);
  free(m->ed_real);
  free(m->dd_key);
  free(m->dd_real);
  free(m);
}

/* The entry of group, from and path, or NULL. */
static size_t entry_hash(const char *group, hui_from from, const char *path) {
  uint64_t h = 0xcbf29ce484222325ull ^ (uint64_t)from; /* FNV-1a */
  for (const char *p = group; *p; p++) h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
  h = (h ^ 0xFF) * 0x100000001b3ull;
  for (const char *p = path; *p; p++) h = (h ^ (unsigned char)*p) * 0x100000001b3ull;
  return (size_t)h;
}

static bool entry_is(const mentry *x, const char *group, hui_from from, const char *path) {
  return x->from == from && strcmp(x->group, group) == 0 && strcmp(x->path, path) == 0;
}

static void index_drop(hui_manifest *m) {
  free(m->slot);
  m->slot = NULL;
  m->nslot = 0;
}

/* Enters entry i in the index, when there is one with room (else it is
 * dropped, and made again at the next look-up). */
static void index_put(hui_manifest *m, size_t i) {
  if (!m->slot) return;
  if (4 * (m->n + 1) > 3 * m->nslot) {
    index_drop(m);
    return;
  }
  const mentry *x = &m->v[i];
  size_t at = entry_hash(x->group, x->from, x->path) & (m->nslot - 1);
  while (m->slot[at]) at = (at + 1) & (m->nslot - 1);
  m->slot[at] = i + 1;
}

/* The entry of path in group, or NULL: through a hash index, as a build
 * lists thousands of files, each looked up as it is added. */
static mentry *find_entry(hui_manifest *m, const char *group, hui_from from, const char *path) {
  if (!m->slot) {
    m->nslot = 64;
    while (m->nslot < 2 * m->n + 64) m->nslot *= 2;
    m->slot = hui_xcalloc(m->nslot, sizeof *m->slot);
    size_t n = m->n;
    for (size_t i = 0; i < n; i++) index_put(m, i);
  }
  for (size_t at = entry_hash(group, from, path) & (m->nslot - 1); m->slot[at];
       at = (at + 1) & (m->nslot - 1))
    if (entry_is(&m->v[m->slot[at] - 1], group, from, path)) return &m->v[m->slot[at] - 1];
  return NULL;
}

/* The entry of path in group: the one listed already, else a new one. */
static mentry *add_entry(hui_manifest *m, const char *group, hui_from from, const char *path,
                         const char *file) {
  mentry *x = find_entry(m, group, from, path);
  if (x) return x;
  x = HUI_PUSH(m->v, m->n, m->cap);
  x->group = hui_xstrdup(group);
  x->path = hui_xstrdup(path);
  x->file = hui_xstrdup(file);
  x->from = from;
  index_put(m, m->n - 1);
  return x;
}

void hui_manifest_add(hui_manifest *m, const char *group, hui_from from, const char *path,
                      const char *file) {
  add_entry(m, group, from, path, file);
}

void hui_manifest_add_output(hui_manifest *m, const char *path, const char *file, const char *by) {
  hui_manifest_add(m, "outputs", HUI_FROM_OUTPUT, path, file);
  mentry *x = find_entry(m, "outputs", HUI_FROM_OUTPUT, path);
  free(x->by);
  x->by = hui_xstrdup(by);
}

size_t hui_manifest_keep_others(hui_manifest *m, const hui_manifest *old, const char *dir) {
  size_t kept = 0;
  for (size_t i = 0; i < old->n; i++) {
    const mentry *o = &old->v[i];
    if (!o->by || o->from != HUI_FROM_OUTPUT || strcmp(o->group, "outputs") != 0 ||
        find_entry(m, o->group, o->from, o->path))
      continue;
    char *file = hui_path_join(dir, o->path);
    struct stat st;
    bool there = lstat(file, &st) == 0 && S_ISREG(st.st_mode);
    free(file);
    if (!there) continue;
    mentry *x = HUI_PUSH(m->v, m->n, m->cap);
    *x = *o;
    x->group = hui_xstrdup(o->group);
    x->path = hui_xstrdup(o->path);
    x->file = hui_xstrdup(o->file);
    x->by = hui_xstrdup(o->by);
    index_put(m, m->n - 1);
    kept++;
  }
  return kept;
}

/* The part of real path r below folder dir (both resolved), or NULL. */
static const char *below(const char *r, const char *dir_real) {
  size_t n = strlen(dir_real);
  return dir_real[0] && strncmp(r, dir_real, n) == 0 && r[n] == '/' ? r + n + 1 : NULL;
}

/* Lists file, whose real path is r (NULL: it has none), as
 * hui_manifest_add_found says. */
static mentry *add_real(hui_manifest *m, const char *group, const char *edition_dir,
                        const char *data_dir, const char *file, const char *r) {
  if (!r) return add_entry(m, group, HUI_FROM_SYSTEM, file, file);
  /* the folders are the same for every file of a build: resolved once */
  char ed[PATH_MAX], dd[PATH_MAX];
  if (!m->ed_key || strcmp(m->ed_key, edition_dir ? edition_dir : "") != 0) {
    free(m->ed_key);
    free(m->ed_real);
    m->ed_key = hui_xstrdup(edition_dir ? edition_dir : "");
    m->ed_real = hui_xstrdup(edition_dir && realpath(edition_dir, ed) ? ed : "");
  }
  if (!m->dd_key || strcmp(m->dd_key, data_dir ? data_dir : "") != 0) {
    free(m->dd_key);
    free(m->dd_real);
    m->dd_key = hui_xstrdup(data_dir ? data_dir : "");
    m->dd_real = hui_xstrdup(data_dir && realpath(data_dir, dd) ? dd : "");
  }
  const char *rel;
  if ((rel = below(r, m->ed_real))) return add_entry(m, group, HUI_FROM_EDITION, rel, file);
  if ((rel = below(r, m->dd_real))) return add_entry(m, group, HUI_FROM_HUIBIAN, rel, file);
  return add_entry(m, group, HUI_FROM_SYSTEM, file, file);
}

void hui_manifest_add_found(hui_manifest *m, const char *group, const char *edition_dir,
                            const char *data_dir, const char *file) {
  char r[PATH_MAX];
  add_real(m, group, edition_dir, data_dir, file, realpath(file, r) ? r : NULL);
}

void hui_manifest_add_resolved(hui_manifest *m, const char *group, const char *edition_dir,
                               const char *data_dir, const char *file, const char *real,
                               uint64_t size, const char *hex) {
  mentry *x = add_real(m, group, edition_dir, data_dir, file, real);
  if (!hex) return;
  x->known = true;
  x->size = size;
  memcpy(x->hex, hex, sizeof x->hex);
}

void hui_manifest_known(hui_manifest *m, const char *file, uint64_t size, const char hex[65]) {
  for (size_t i = 0; i < m->n; i++) {
    mentry *x = &m->v[i];
    if (strcmp(x->file, file) != 0) continue;
    x->known = true;
    x->size = size;
    memcpy(x->hex, hex, 65);
  }
}

void hui_manifest_set_edition_path(hui_manifest *m, const char *path) {
  free(m->edition_path);
  m->edition_path = hui_xstrdup(path);
}

void hui_manifest_set_archive(hui_manifest *m, int revision, const char *supersedes) {
  m->revision = revision;
  free(m->supersedes);
  m->supersedes = hui_xstrdup(supersedes);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

char **hui_manifest_edition_files(const hui_manifest *m, size_t *n) {
  char **v = hui_xcalloc(m->n + 1, sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < m->n; i++)
    if (m->v[i].from == HUI_FROM_EDITION) v[k++] = m->v[i].path;
  if (k > 1) qsort(v, k, sizeof *v, cmp_str);
  size_t u = 0; /* a path in two groups, once */
  for (size_t i = 0; i < k; i++)
    if (u == 0 || strcmp(v[u - 1], v[i]) != 0) v[u++] = v[i];
  for (size_t i = 0; i < k; i++) v[i] = i < u ? hui_xstrdup(v[i]) : NULL;
  *n = u;
  return v;
}

static int cmp_entry(const void *a, const void *b) {
  const mentry *x = a, *y = b;
  if (x->from != y->from) return x->from < y->from ? -1 : 1;
  return strcmp(x->path, y->path);
}

bool hui_manifest_write(hui_manifest *m, const char *dir, char **why) {
  static const char *const groups[] = {"inputs", "templates", "fonts", "outputs"};
  if (m->n > 1) qsort(m->v, m->n, sizeof *m->v, cmp_entry);
  index_drop(m);
  hui_buf b = {0};
  hui_buf_puts(&b, "{\n  \"tool\": \"huibian " HUIBIAN_VERSION "\",\n  ");
  hui_buf_json_name(&b, "edition", m->edition);
  if (m->edition_path) {
    hui_buf_puts(&b, ",\n  ");
    hui_buf_json_name(&b, "edition_path", m->edition_path);
  }
  hui_buf_puts(&b, ",\n  \"year\": ");
  hui_buf_json_str(&b, m->year);
  if (m->revision) {
    hui_buf_printf(&b, ",\n  \"sealed\": true,\n  \"revision\": %d,\n  \"supersedes\": ", m->revision);
    if (m->supersedes) hui_buf_json_str(&b, m->supersedes);
    else hui_buf_puts(&b, "null");
  }
  bool ok = true;
  for (size_t g = 0; g < sizeof groups / sizeof *groups && ok; g++) {
    hui_buf_printf(&b, ",\n  \"%s\": [", groups[g]);
    size_t k = 0;
    for (size_t i = 0; i < m->n && ok; i++) {
      const mentry *x = &m->v[i];
      if (strcmp(x->group, groups[g]) != 0) continue;
      uint64_t size = x->size;
      char hex[65];
      memcpy(hex, x->hex, sizeof hex);
      if (!x->known && !hui_sha256_file(x->file, &size, hex)) {
        *why = hui_xasprintf(_("cannot read %s for the manifest: %s"), x->file, hui_strerror(errno));
        ok = false;
        break;
      }
      hui_buf_puts(&b, k++ ? ",\n    {" : "\n    {");
      hui_buf_printf(&b, "\"from\": \"%s\", ", from_names[x->from]);
      hui_buf_json_name(&b, "path", x->path);
      hui_buf_printf(&b, ", \"size\": %llu, \"sha256\": \"%s\"", (unsigned long long)size, hex);
      if (x->by) {
        hui_buf_puts(&b, ", \"by\": ");
        hui_buf_json_str(&b, x->by);
      }
      hui_buf_puts(&b, "}");
    }
    hui_buf_puts(&b, k ? "\n  ]" : "]");
  }
  hui_buf_puts(&b, "\n}\n");
  char *path = hui_path_join(dir, "manifest.json");
  if (ok && !hui_write_atomic(path, b.data, b.len)) {
    *why = hui_xasprintf(_("cannot write %s: %s"), path, strerror(errno));
    ok = false;
  }
  free(path);
  hui_buf_free(&b);
  return ok;
}

static hui_json *read_json(const char *path, char **why);

static bool hex_digest(const char *s) {
  if (!s || strlen(s) != 64) return false;
  for (const char *p = s; *p; p++)
    if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return false;
  return true;
}

/* One entry of a manifest read back, known by the size and digest it
 * records; false when it lacks one of them. */
static bool read_entry(hui_manifest *m, const char *group, const hui_json *x) {
  const char *from = hui_json_get_str(x, "from"), *sha = hui_json_get_str(x, "sha256");
  const hui_json *size = hui_json_get(x, "size");
  if (!from || !hex_digest(sha) || !size || size->kind != HUI_JSON_NUMBER || size->num < 0) return false;
  size_t f = 0;
  while (f < sizeof from_names / sizeof *from_names && strcmp(from_names[f], from) != 0) f++;
  char *path = hui_json_get_name(x, "path");
  if (f == sizeof from_names / sizeof *from_names || !path) {
    free(path);
    return false;
  }
  mentry *e = HUI_PUSH(m->v, m->n, m->cap);
  e->group = hui_xstrdup(group);
  e->path = path;
  e->file = hui_xstrdup(path);
  e->from = (hui_from)f;
  e->known = true;
  e->by = hui_xstrdup(hui_json_get_str(x, "by"));
  e->size = (uint64_t)size->num;
  memcpy(e->hex, sha, 65);
  index_put(m, m->n - 1);
  return true;
}

hui_manifest *hui_manifest_read(const char *dir, char **why) {
  char *mpath = hui_path_join(dir, "manifest.json");
  hui_json *man = read_json(mpath, why);
  hui_manifest *m = NULL;
  char *edition = man ? hui_json_get_name(man, "edition") : NULL;
  if (man && man->kind == HUI_JSON_OBJECT && edition) {
    m = hui_manifest_new(edition, hui_json_get_str(man, "year"));
    char *ed_path = hui_json_get_name(man, "edition_path");
    hui_manifest_set_edition_path(m, ed_path);
    free(ed_path);
    const hui_json *rev = hui_json_get(man, "revision");
    if (rev && rev->kind == HUI_JSON_NUMBER && rev->num >= 1 && rev->num < 1e6)
      hui_manifest_set_archive(m, (int)rev->num, hui_json_get_str(man, "supersedes"));
    static const char *const groups[] = {"inputs", "templates", "fonts", "outputs"};
    for (size_t g = 0; m && g < sizeof groups / sizeof *groups; g++) {
      const hui_json *arr = hui_json_get(man, groups[g]);
      for (size_t i = 0; m && arr && arr->kind == HUI_JSON_ARRAY && i < arr->n; i++)
        if (!read_entry(m, groups[g], &arr->items[i])) {
          *why = hui_xasprintf(_("entry %zu of \"%s\" in %s is incomplete"), i + 1, groups[g], mpath);
          hui_manifest_free(m);
          m = NULL;
        }
    }
  } else if (man) {
    *why = hui_xasprintf(_("%s is not a manifest written by huibian"), mpath);
  }
  free(edition);
  hui_json_free(man);
  free(mpath);
  return m;
}

void hui_manifest_remove(hui_manifest *m, const char *group, const char *path) {
  size_t n = strlen(path), k = 0;
  bool folder = n && path[n - 1] == '/';
  for (size_t i = 0; i < m->n; i++) {
    mentry *x = &m->v[i];
    bool gone = strcmp(x->group, group) == 0 &&
                (folder ? strncmp(x->path, path, n) == 0 : strcmp(x->path, path) == 0);
    if (gone) {
      free(x->group);
      free(x->path);
      free(x->file);
      free(x->by);
    } else {
      m->v[k++] = *x;
    }
  }
  m->n = k;
  index_drop(m);
}

/* --- verify ------------------------------------------------------------- */

static hui_json *read_json(const char *path, char **why) {
  size_t len;
  char *text = hui_read_file(path, 64u << 20, &len);
  if (!text) {
    *why = hui_xasprintf(_("cannot read %s: %s"), path, hui_strerror(errno));
    return NULL;
  }
  char *err = NULL;
  hui_json *v = hui_json_parse(text, len, &err);
  free(text);
  if (!v) {
    *why = hui_xasprintf(_("%s is %s"), path, err);
    free(err);
  }
  return v;
}

static bool is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static void list_files(const char *root, const char *rel, int depth, char ***v, size_t *n, size_t *cap) {
  char *path = rel ? hui_path_join(root, rel) : hui_xstrdup(root);
  DIR *d = depth < 16 ? opendir(path) : NULL;
  for (struct dirent *de; d && (de = readdir(d));) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    char *sub = rel ? hui_path_join(rel, de->d_name) : hui_xstrdup(de->d_name);
    char *full = hui_path_join(root, sub);
    struct stat st;
    if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
      list_files(root, sub, depth + 1, v, n, cap);
      free(sub);
    } else {
      *HUI_PUSH(*v, *n, *cap) = sub;
    }
    free(full);
  }
  if (d) closedir(d);
  free(path);
}

char **hui_list_files(const char *root, size_t *n) {
  char **v = NULL;
  size_t cap = 0;
  *n = 0;
  list_files(root, NULL, 0, &v, n, &cap);
  return v;
}

static int cmp_cstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int hui_verify(const char *dir, const char *data_dir, bool quiet) {
  char *why = NULL;
  char *mpath = hui_path_join(dir, "manifest.json");
  hui_json *man = read_json(mpath, &why);
  if (!man || man->kind != HUI_JSON_OBJECT) {
    fprintf(stderr, _("huibian: verify: %s; is %s a folder written by huibian build or archive?\n"),
            why ? why : _("manifest.json is not a JSON object"), dir);
    free(why);
    free(mpath);
    hui_json_free(man);
    return 2;
  }
  char *edition = hui_json_get_name(man, "edition");
  char *ed_path = hui_json_get_name(man, "edition_path");
  const hui_json *sealed = hui_json_get(man, "sealed");
  bool is_sealed = sealed && sealed->kind == HUI_JSON_BOOL && sealed->b;
  /* a sealed edition's inputs are its own copy, DIR/<edition>; a build's
   * are where its edition is (never DIR/<edition>: "." would be DIR) */
  char *ed_in = is_sealed && edition && *edition ? hui_path_join(dir, edition) : NULL;
  const char *ed_dir = ed_in && is_dir(ed_in) ? ed_in : ed_path && is_dir(ed_path) ? ed_path : edition;
  static const char *const groups[] = {"inputs", "templates", "fonts", "outputs"};
  static const char *const words[] = {N_("input"), N_("template"), N_("font"), N_("output")};
  size_t total = 0, bad = 0;
  /* the files the manifest accounts for inside dir, relative to it */
  char **known = NULL;
  size_t nknown = 0, capknown = 0;
  *HUI_PUSH(known, nknown, capknown) = hui_xstrdup("manifest.json");
  *HUI_PUSH(known, nknown, capknown) = hui_xstrdup("SEALED");
  for (size_t g = 0; g < 4; g++) {
    const hui_json *arr = hui_json_get(man, groups[g]);
    if (!arr) continue;
    for (size_t i = 0; arr->kind == HUI_JSON_ARRAY && i < arr->n; i++) {
      const hui_json *x = &arr->items[i];
      const char *from = hui_json_get_str(x, "from"), *sha = hui_json_get_str(x, "sha256");
      char *path = hui_json_get_name(x, "path");
      const hui_json *size = hui_json_get(x, "size");
      if (!from || !path || !sha || !size || size->kind != HUI_JSON_NUMBER) {
        fprintf(stderr, _("huibian: verify: entry %zu of \"%s\" in %s is incomplete\n"), i + 1,
                groups[g], mpath);
        bad++;
        free(path);
        continue;
      }
      total++;
      /* Paths from the manifest must not climb out of their folder. */
      bool rel_ok = path[0] != '/' && strstr(path, "..") == NULL;
      char *file = NULL;
      if (strcmp(from, "output") == 0 && rel_ok) file = hui_path_join(dir, path);
      else if (strcmp(from, "edition") == 0 && rel_ok && ed_dir) file = hui_path_join(ed_dir, path);
      if (rel_ok && strcmp(from, "output") == 0) *HUI_PUSH(known, nknown, capknown) = hui_xstrdup(path);
      if (rel_ok && strcmp(from, "edition") == 0 && ed_in && ed_dir == ed_in)
        *HUI_PUSH(known, nknown, capknown) = hui_path_join(edition, path);
      else if (strcmp(from, "huibian") == 0 && rel_ok) file = hui_path_join(data_dir, path);
      else if (strcmp(from, "system") == 0) file = hui_xstrdup(path);
      const char *shown = strcmp(from, "output") == 0 ? path : file ? file : path;
      uint64_t n;
      char hex[65];
      if (!file) {
        fprintf(stderr, _("huibian: verify: %s %s: cannot tell where it is (from \"%s\")\n"), _(words[g]),
                path, from);
        bad++;
      } else if (!hui_sha256_file(file, &n, hex)) {
        fprintf(stderr, _("huibian: verify: %s %s is missing (%s)\n"), _(words[g]), shown, hui_strerror(errno));
        bad++;
      } else if ((double)n != size->num || strcmp(hex, sha) != 0) {
        if ((double)n != size->num)
          fprintf(stderr, _("huibian: verify: %s %s has changed: %llu bytes now, %.0f when built\n"),
                  _(words[g]), shown, (unsigned long long)n, size->num);
        else
          fprintf(stderr, _("huibian: verify: %s %s has changed: same size, different content "
                            "(SHA-256 differs)\n"), _(words[g]), shown);
        bad++;
      }
      free(file);
      free(path);
    }
  }
  /* Files in the folder that the manifest does not list: in a sealed
   * archive edition something was added after sealing (an error); in a
   * build's output folder they are only noted (an office may keep its own
   * files there). */
  size_t nfound, extra = 0;
  char **found = hui_list_files(dir, &nfound);
  if (nknown > 1) qsort(known, nknown, sizeof *known, cmp_cstr);
  if (nfound > 1) qsort(found, nfound, sizeof *found, cmp_cstr);
  for (size_t i = 0; i < nfound; i++) {
    if (bsearch(&found[i], known, nknown, sizeof *known, cmp_cstr)) continue;
    if (extra++ < 20)
      fprintf(stderr,
              is_sealed ? _("huibian: verify: %s is in the folder but not in the manifest (added after the edition "
                            "was sealed)\n")
                        : _("huibian: verify: %s is in the folder but not in the manifest\n"),
              found[i]);
  }
  if (extra > 20) fprintf(stderr, _("huibian: verify: ... and %zu more files not in the manifest\n"), extra - 20);
  if (is_sealed) bad += extra;
  for (size_t i = 0; i < nfound; i++) free(found[i]);
  free(found);
  for (size_t i = 0; i < nknown; i++) free(known[i]);
  free(known);
  if (bad)
    fprintf(stderr,
            P_("huibian: verify: %zu of %zu file differ from %s: the folder is not as it was built\n",
               "huibian: verify: %zu of %zu files differ from %s: the folder is not as it was built\n", total),
            bad, total + (is_sealed ? extra : 0), mpath);
  else if (!quiet)
    fprintf(stderr, _("huibian: verify: all %zu files match %s\n"), total, mpath);
  free(ed_in);
  free(edition);
  free(ed_path);
  free(mpath);
  hui_json_free(man);
  return bad ? 1 : 0;
}

/* --- the archive -------------------------------------------------------- */

bool hui_archive_is_edition_name(const char *name, int *year, int *revision) {
  if (strlen(name) < 4) return false;
  for (int i = 0; i < 4; i++)
    if (name[i] < '0' || name[i] > '9') return false;
  int rev = 1;
  if (name[4]) {
    if (name[4] != '-' || name[5] != 'r' || name[6] < '1' || name[6] > '9') return false;
    char *end;
    long r = strtol(name + 6, &end, 10);
    if (*end || r < 2 || r > 9999) return false;
    rev = (int)r;
  }
  if (year) *year = atoi(name);
  if (revision) *revision = rev;
  return true;
}

typedef struct edition_dir {
  char *name;
  int year, rev;
} edition_dir;

static int cmp_edition(const void *a, const void *b) {
  const edition_dir *x = a, *y = b;
  if (x->year != y->year) return x->year < y->year ? -1 : 1;
  return x->rev < y->rev ? -1 : x->rev > y->rev;
}

/* The newest revision of every archived year, by year. */
static edition_dir *latest_editions(const char *archive, size_t *n) {
  edition_dir *v = NULL;
  size_t nv = 0, cap = 0;
  DIR *dir = opendir(archive);
  struct dirent *de;
  while (dir && (de = readdir(dir))) {
    int y, r;
    if (!hui_archive_is_edition_name(de->d_name, &y, &r)) continue;
    char *p = hui_path_join(archive, de->d_name);
    bool ok = is_dir(p);
    free(p);
    if (!ok) continue;
    edition_dir *x = HUI_PUSH(v, nv, cap);
    *x = (edition_dir){hui_xstrdup(de->d_name), y, r};
  }
  if (dir) closedir(dir);
  if (nv > 1) qsort(v, nv, sizeof *v, cmp_edition);
  size_t k = 0;
  for (size_t i = 0; i < nv; i++) {
    if (i + 1 < nv && v[i + 1].year == v[i].year) {
      free(v[i].name);
      continue;
    }
    v[k++] = v[i];
  }
  *n = k;
  return v;
}

bool hui_archive_reindex(const char *archive, char **why) {
  size_t ne;
  edition_dir *eds = latest_editions(archive, &ne);
  hui_buf b = {0};
  hui_buf_puts(&b, "{\n  \"tool\": \"huibian " HUIBIAN_VERSION "\",\n  \"editions\": [");
  for (size_t i = 0; i < ne; i++) {
    hui_buf_printf(&b, "%s{\"year\": \"%04d\", \"folder\": ", i ? ",\n    " : "\n    ", eds[i].year);
    hui_buf_json_str(&b, eds[i].name);
    hui_buf_printf(&b, ", \"revision\": %d}", eds[i].rev);
  }
  hui_buf_puts(&b, ne ? "\n  ],\n  \"awardees\": [" : "],\n  \"awardees\": [");
  bool ok = true;
  size_t k = 0;
  for (size_t i = 0; i < ne && ok; i++) {
    char *rp = hui_path_join(archive, eds[i].name), *rpath = hui_path_join(rp, "report.json");
    free(rp);
    hui_json *rep = read_json(rpath, why);
    free(rpath);
    if (!rep) {
      ok = false;
      break;
    }
    const hui_json *order = hui_json_get(rep, "compendium_order"), *subs = hui_json_get(rep, "submissions");
    for (size_t o = 0; order && subs && o < order->n; o++) {
      const char *id = hui_json_str(&order->items[o]);
      const hui_json *s = NULL;
      for (size_t j = 0; id && j < subs->n && !s; j++)
        if (hui_json_get_str(&subs->items[j], "id") && strcmp(hui_json_get_str(&subs->items[j], "id"), id) == 0)
          s = &subs->items[j];
      if (!s) continue;
      static const char *const keys[] = {"name", "unit", "tier", "title", "category"};
      hui_buf_puts(&b, k++ ? ",\n    {" : "\n    {");
      hui_buf_printf(&b, "\"year\": \"%04d\", \"folder\": ", eds[i].year);
      hui_buf_json_str(&b, eds[i].name);
      hui_buf_puts(&b, ", \"id\": ");
      hui_buf_json_str(&b, id);
      for (size_t q = 0; q < sizeof keys / sizeof *keys; q++) {
        const char *val = hui_json_get_str(s, keys[q]);
        hui_buf_printf(&b, ", \"%s\": ", keys[q]);
        hui_buf_json_str(&b, val ? val : "");
      }
      char *file = hui_json_get_name(s, "file");
      char *body = hui_xasprintf("%s/input/%s", eds[i].name, file ? file : "");
      hui_buf_puts(&b, ", ");
      hui_buf_json_name(&b, "body", body);
      free(body);
      free(file);
      hui_buf_puts(&b, "}");
    }
    hui_json_free(rep);
  }
  hui_buf_puts(&b, k ? "\n  ]\n}\n" : "]\n}\n");
  char *ipath = hui_path_join(archive, "index.json");
  if (ok && !hui_write_atomic(ipath, b.data, b.len)) {
    *why = hui_xasprintf(_("cannot write %s: %s"), ipath, strerror(errno));
    ok = false;
  }
  free(ipath);
  hui_buf_free(&b);
  for (size_t i = 0; i < ne; i++) free(eds[i].name);
  free(eds);
  return ok;
}

struct hui_archive_memory {
  hui_json *index;
  hui_past_award *past;
  size_t npast;
  hui_archived_body *bodies;
  size_t nbodies;
  hui_edition **eds;
  char **folders;
  size_t neds;
  char **files; /* shown file names of the bodies */
};

hui_archive_memory *hui_archive_memory_open(const char *archive, char **why) {
  if (!is_dir(archive)) {
    *why = hui_xasprintf(_("the archive folder %s does not exist; make it with 'huibian archive EDITION "
                           "--into %s'"), archive, archive);
    return NULL;
  }
  hui_archive_memory *m = hui_xcalloc(1, sizeof *m);
  char *ipath = hui_path_join(archive, "index.json");
  if (access(ipath, F_OK) != 0) { /* nothing archived yet */
    free(ipath);
    return m;
  }
  m->index = read_json(ipath, why);
  free(ipath);
  const hui_json *aw = m->index ? hui_json_get(m->index, "awardees") : NULL;
  if (!aw || aw->kind != HUI_JSON_ARRAY) {
    if (m->index && !*why) *why = hui_xasprintf(_("%s/index.json has no list of awardees"), archive);
    hui_archive_memory_free(m);
    return NULL;
  }
  m->past = hui_xcalloc(aw->n + 1, sizeof *m->past);
  m->bodies = hui_xcalloc(aw->n + 1, sizeof *m->bodies);
  m->files = hui_xcalloc(aw->n + 1, sizeof *m->files);
  size_t cap = 0, capf = 0;
  for (size_t i = 0; i < aw->n; i++) {
    const hui_json *a = &aw->items[i];
    hui_past_award *p = &m->past[m->npast++];
    *p = (hui_past_award){hui_json_get_str(a, "name"), hui_json_get_str(a, "unit"),
                          hui_json_get_str(a, "year"), hui_json_get_str(a, "tier"),
                          hui_json_get_str(a, "title"), hui_json_get_str(a, "id"),
                          hui_json_get_str(a, "category")};
    const char *folder = hui_json_get_str(a, "folder");
    int y, r;
    if (!folder || !hui_archive_is_edition_name(folder, &y, &r) || !p->id) continue;
    /* The archived inputs, loaded once per edition; their findings are not ours. */
    hui_edition *e = NULL;
    for (size_t k = 0; k < m->neds && !e; k++)
      if (strcmp(m->folders[k], folder) == 0) e = m->eds[k];
    if (!e) {
      char *ef = hui_path_join(archive, folder), *in = hui_path_join(ef, "input");
      hui_diags *scratch = hui_diags_new();
      char *err = NULL;
      e = hui_load_edition(in, scratch, &err);
      free(err);
      hui_diags_free(scratch);
      free(ef);
      free(in);
      if (!e) continue;
      size_t nf = m->neds;
      *HUI_PUSH(m->eds, m->neds, cap) = e;
      *HUI_PUSH(m->folders, nf, capf) = hui_xstrdup(folder);
    }
    long k = hui_edition_find(e, p->id);
    if (k < 0) continue;
    char *ef = hui_path_join(archive, folder), *in = hui_path_join(ef, "input");
    m->files[m->nbodies] = hui_path_join(in, e->subs[k].path);
    free(ef);
    free(in);
    m->bodies[m->nbodies] = (hui_archived_body){&e->subs[k], p->year, m->files[m->nbodies]};
    m->nbodies++;
  }
  return m;
}

void hui_archive_memory_free(hui_archive_memory *m) {
  if (!m) return;
  for (size_t i = 0; i < m->neds; i++) {
    hui_edition_free(m->eds[i]);
    free(m->folders[i]);
  }
  for (size_t i = 0; i < m->nbodies; i++) free(m->files[i]);
  free(m->files);
  free(m->eds);
  free(m->folders);
  free(m->past);
  free(m->bodies);
  hui_json_free(m->index);
  free(m);
}

void hui_archive_memory_env(const hui_archive_memory *m, struct hui_rules_env *env) {
  env->past = m ? m->past : NULL;
  env->npast = m ? m->npast : 0;
  env->archived = m ? m->bodies : NULL;
  env->narchived = m ? m->nbodies : 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st, (void)flag, (void)ftw;
  return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

bool hui_remove_tree(const char *path) {
  return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) == 0;
}

void hui_archive_clean(const char *archive) {
  DIR *dir = opendir(archive);
  struct dirent *de;
  while (dir && (de = readdir(dir))) {
    /* .tmp-<pid>-XXXXXX: a run's temporary edition folder */
    if (strncmp(de->d_name, ".tmp-", 5) != 0) continue;
    char *end;
    long pid = strtol(de->d_name + 5, &end, 10);
    if (end == de->d_name + 5 || *end != '-' || pid <= 0) continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* still running */
    char *p = hui_path_join(archive, de->d_name);
    hui_remove_tree(p);
    free(p);
  }
  if (dir) closedir(dir);
}

bool hui_copy_file(const char *src, const char *dst, char **why) {
  size_t len;
  char *data = hui_read_file(src, 1u << 30, &len);
  if (!data) {
    *why = hui_xasprintf(_("cannot read %s: %s"), src, hui_strerror(errno));
    return false;
  }
  char *parent = hui_xstrdup(dst);
  char *slash = strrchr(parent, '/');
  if (slash) *slash = '\0';
  bool ok = !slash || hui_make_dirs(parent);
  if (ok) ok = hui_write_atomic(dst, data, len);
  if (!ok) *why = hui_xasprintf(_("cannot write %s: %s"), dst, strerror(errno));
  free(parent);
  free(data);
  return ok;
}
