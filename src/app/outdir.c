/* outdir: where huibian may write (never into a sealed edition), and an
 * output folder replaced as a whole (see outdir.h). */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../archive.h"
#include "../base/base.h"
#include "../base/i18n.h"
#include "../base/json.h"

/* --- seals ---------------------------------------------------------------- */

/* The real path of path's nearest existing folder (path itself when it is
 * one), or NULL. Caller frees. */
static char *nearest_real(const char *path) {
  char *p = hui_xstrdup(*path ? path : ".");
  for (;;) {
    char *r = realpath(p, NULL);
    struct stat st;
    if (r && stat(r, &st) == 0 && S_ISDIR(st.st_mode)) {
      free(p);
      return r;
    }
    if (r) { /* a file: its folder */
      char *slash = strrchr(r, '/');
      if (slash) slash[slash == r ? 1 : 0] = '\0';
      free(p);
      return r;
    }
    char *slash = strrchr(p, '/');
    while (slash && slash > p && slash[1] == '\0') { /* trailing slashes */
      *slash = '\0';
      slash = strrchr(p, '/');
    }
    if (!slash) {
      free(p);
      return realpath(".", NULL);
    }
    slash[slash == p ? 1 : 0] = '\0';
  }
}

char *hui_seal_above(const char *path) {
  char *dir = nearest_real(path);
  if (!dir) return NULL;
  char *found = NULL;
  for (;;) {
    char *seal = hui_path_join(dir, "SEALED");
    struct stat st;
    if (lstat(seal, &st) == 0) {
      found = seal;
      break;
    }
    free(seal);
    char *slash = strrchr(dir, '/');
    if (!slash || strcmp(dir, "/") == 0) break;
    slash[slash == dir ? 1 : 0] = '\0';
  }
  free(dir);
  return found;
}

char *hui_seal_refusal(const char *path, const char *seal, const char *what) {
  return hui_xasprintf(_("%s %s is inside a sealed archive edition (%s): an archived edition is never "
                         "changed, and to correct one, 'huibian archive EDITION --into ARCHIVE "
                         "--supersede' files a new revision beside it"),
                       what, path, seal);
}

/* The first SEALED file below dir (a few levels down, a bounded number of
 * entries), or NULL. Caller frees. */
static char *seal_below(const char *dir, int depth, size_t *budget) {
  DIR *dh = depth < 6 ? opendir(dir) : NULL;
  char *found = NULL;
  for (struct dirent *de; dh && !found && *budget && (de = readdir(dh));) {
    (*budget)--;
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    char *p = hui_path_join(dir, de->d_name);
    struct stat st;
    if (strcmp(de->d_name, "SEALED") == 0) {
      found = p;
      p = NULL;
    } else if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
      found = seal_below(p, depth + 1, budget);
    }
    free(p);
  }
  if (dh) closedir(dh);
  return found;
}

/* --- the staging folder --------------------------------------------------- */

struct hui_outdir {
  char *target;  /* the output folder (links resolved when it exists) */
  char *home;    /* the folder that holds the staging folder: target's parent,
                    or target itself when it is a mount point (inside) */
  char *base;    /* target's name in its parent */
  char *prefix;  /* the staging folders' names: ".BASE.huibian-", or ".huibian-" inside */
  char *staging; /* home/PREFIX-XXXXXX */
  bool inside;
  int home_fd, staging_fd;
};

/* Removes the staging folders in home that no living run holds (their lock
 * is free). Called with home's lock held. */
static void remove_dead_staging(const hui_outdir *od) {
  size_t pl = strlen(od->prefix);
  DIR *dh = opendir(od->home);
  for (struct dirent *de; dh && (de = readdir(dh));) {
    if (strncmp(de->d_name, od->prefix, pl) != 0) continue;
    char *p = hui_path_join(od->home, de->d_name);
    int fd = open(p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0) hui_remove_tree(p);
    if (fd >= 0) close(fd);
    free(p);
  }
  if (dh) closedir(dh);
}

static void outdir_free(hui_outdir *od) {
  if (!od) return;
  if (od->staging_fd >= 0) close(od->staging_fd);
  if (od->home_fd >= 0) close(od->home_fd);
  free(od->target);
  free(od->home);
  free(od->base);
  free(od->prefix);
  free(od->staging);
  free(od);
}

/* True when inner is outer or lies below it (real paths). */
static bool same_or_below(const char *inner, const char *outer) {
  size_t n = strlen(outer);
  return strncmp(inner, outer, n) == 0 &&
         (inner[n] == '\0' || inner[n] == '/' || strcmp(outer, "/") == 0);
}

/* The output folder's real path when it exists (a link to a folder keeps
 * pointing at the new one), else the path as given, without trailing
 * slashes. Caller frees. */
static char *target_of(const char *out) {
  char *real = realpath(out, NULL);
  char *t = real ? real : hui_xstrdup(out);
  size_t tl = strlen(t);
  while (tl > 1 && t[tl - 1] == '/') t[--tl] = '\0';
  return t;
}

bool hui_outdir_check(const char *out, const char *edition, char **why) {
  struct stat st;
  bool exists = stat(out, &st) == 0;
  if (exists && !S_ISDIR(st.st_mode)) {
    *why = hui_xasprintf(_("%s is a file, not a folder: give -o the name of a folder (it is made "
                           "when it does not exist)"), out);
    return false;
  }
  char *seal = hui_seal_above(out);
  if (seal) {
    char *refusal = hui_seal_refusal(out, seal, _("the output folder"));
    *why = hui_xasprintf(_("%s. Write the outputs somewhere else, e.g. -o out/2020"), refusal);
    free(refusal);
    free(seal);
    return false;
  }
  size_t budget = 100000;
  seal = exists ? seal_below(out, 0, &budget) : NULL;
  if (seal) {
    *why = hui_xasprintf(_("the output folder %s holds a sealed archive edition (%s), and an output "
                           "folder is replaced as a whole: write the outputs into a folder of their "
                           "own, e.g. -o out/2020"), out, seal);
    free(seal);
    return false;
  }
  char *target = target_of(out);
  const char *base = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
  bool ok = *base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0;
  if (!ok)
    *why = hui_xasprintf(_("%s cannot be the output folder: name a folder of its own, e.g. -o out/2020"), out);
  char *ed_real = ok && exists && edition ? realpath(edition, NULL) : NULL;
  if (ed_real && same_or_below(ed_real, target)) {
    *why = hui_xasprintf(strcmp(ed_real, target) == 0
                             ? _("the output folder %s is the edition %s: its files would be replaced. "
                                 "Write the outputs into a folder of their own, e.g. -o out/2020")
                             : _("the output folder %s holds the edition %s: its files would be replaced. "
                                 "Write the outputs into a folder of their own, e.g. -o out/2020"),
                         out, edition);
    ok = false;
  }
  free(ed_real);
  free(target);
  return ok;
}

/* True when folder dir is a mount point (another file system, or a bind
 * mount of the same one) below parent. */
static bool mount_point(const char *dir, const char *parent) {
  struct statx a, b;
  if (statx(AT_FDCWD, dir, 0, STATX_MNT_ID, &a) != 0 || statx(AT_FDCWD, parent, 0, STATX_MNT_ID, &b) != 0)
    return false; /* dir does not exist yet */
  if ((a.stx_mask & b.stx_mask & STATX_MNT_ID) && a.stx_mnt_id != b.stx_mnt_id) return true;
  return a.stx_dev_major != b.stx_dev_major || a.stx_dev_minor != b.stx_dev_minor;
}

hui_outdir *hui_outdir_begin(const char *out, const char *edition, char **why) {
  if (!hui_outdir_check(out, edition, why)) return NULL;
  hui_outdir *od = hui_xcalloc(1, sizeof *od);
  od->home_fd = od->staging_fd = -1;
  od->target = target_of(out);
  char *slash = strrchr(od->target, '/');
  char *parent = slash ? hui_xstrndup(od->target, slash == od->target ? 1 : (size_t)(slash - od->target))
                       : hui_xstrdup(".");
  od->base = hui_xstrdup(slash ? slash + 1 : od->target);
  /* A folder that is a mount point (a USB stick's, a tmpfs) cannot be
   * renamed: the staging folder goes inside it, and the commit moves the
   * files in one by one (manifest.json last). */
  od->inside = mount_point(od->target, parent);
  od->home = od->inside ? hui_xstrdup(od->target) : parent;
  if (od->inside) free(parent);
  od->prefix = od->inside ? hui_xstrdup(".huibian-") : hui_xasprintf(".%s.huibian-", od->base);
  if (!hui_make_dirs(od->home)) {
    *why = hui_xasprintf(_("cannot create the output folder %s: %s"), out, strerror(errno));
    outdir_free(od);
    return NULL;
  }
  od->home_fd = open(od->home, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (od->home_fd < 0) {
    *why = hui_xasprintf(_("cannot open the folder %s: %s"), od->home, strerror(errno));
    outdir_free(od);
    return NULL;
  }
  /* home's lock keeps another run from taking this staging folder for a
   * dead one between its making and its lock. */
  flock(od->home_fd, LOCK_EX);
  remove_dead_staging(od);
  char *name = hui_xasprintf("%s/%sXXXXXX", od->home, od->prefix);
  if (mkdtemp(name)) {
    od->staging = name;
    od->staging_fd = open(name, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (od->staging_fd >= 0) flock(od->staging_fd, LOCK_EX);
  } else {
    free(name);
  }
  int err = errno;
  flock(od->home_fd, LOCK_UN);
  if (!od->staging || od->staging_fd < 0) {
    *why = hui_xasprintf(_("cannot write into the output folder %s: %s"), out, strerror(err));
    hui_outdir_abort(od);
    return NULL;
  }
  return od;
}

const char *hui_outdir_path(const hui_outdir *od) { return od->staging; }

void hui_outdir_abort(hui_outdir *od) {
  if (!od) return;
  if (od->staging) hui_remove_tree(od->staging);
  outdir_free(od);
}

/* --- commit --------------------------------------------------------------- */

/* The relative paths the old folder's manifest lists as outputs, and the
 * manifest itself, into *v. */
static void earlier_outputs(const char *dir, char ***v, size_t *n, size_t *cap) {
  char *mpath = hui_path_join(dir, "manifest.json");
  size_t len;
  char *text = hui_read_file(mpath, 64u << 20, &len);
  free(mpath);
  if (!text) return;
  *HUI_PUSH(*v, *n, *cap) = hui_xstrdup("manifest.json");
  char *err = NULL;
  hui_json *man = hui_json_parse(text, len, &err);
  free(err); /* a damaged manifest lists nothing: the old files are kept */
  free(text);
  const hui_json *arr = man ? hui_json_get(man, "outputs") : NULL;
  for (size_t i = 0; arr && arr->kind == HUI_JSON_ARRAY && i < arr->n; i++) {
    char *path = hui_json_get_name(&arr->items[i], "path");
    /* another command's outputs (certificates --split) stay */
    if (path && !hui_json_get(&arr->items[i], "by")) *HUI_PUSH(*v, *n, *cap) = path;
    else free(path);
  }
  hui_json_free(man);
}

/* A temporary file or folder of an earlier, killed run (hui_write_atomic's
 * NAME.tmp-XXXXXX, the certificates' old staging folders): never kept. */
static bool leftover_name(const char *name) {
  const char *t = strstr(name, ".tmp-");
  return (t && strlen(t) == 11) || strncmp(name, ".certificates.tmp-", 18) == 0 ||
         strncmp(name, ".certificates.old-", 18) == 0;
}

typedef struct carry_job {
  const char *from, *to;      /* the old folder, the new one */
  const char *skip;           /* the staging folders' names (inside a mount point) */
  char **drop;                /* what the run replaces */
  size_t ndrop;
  char *why;
} carry_job;

static bool dropped(const carry_job *j, const char *rel) {
  for (size_t i = 0; i < j->ndrop; i++) {
    const char *d = j->drop[i];
    size_t n = strlen(d);
    if (n && d[n - 1] == '/' ? strncmp(rel, d, n - 1) == 0 && (rel[n - 1] == '/' || !rel[n - 1])
                             : strcmp(rel, d) == 0)
      return true;
  }
  return false;
}

/* Carries what the old folder holds under rel (NULL: all) into the new one:
 * files as hard links (copies where links cannot be made), links as links,
 * folders merged; what the new folder already has wins. */
static bool carry(carry_job *j, const char *rel, int depth) {
  char *src_dir = rel ? hui_path_join(j->from, rel) : hui_xstrdup(j->from);
  DIR *dh = opendir(src_dir);
  bool ok = true;
  if (!dh || depth > 32) {
    j->why = hui_xasprintf(_("cannot read %s: %s"), src_dir, dh ? _("folders nested too deep") : strerror(errno));
    ok = false;
  }
  for (struct dirent *de; ok && (de = readdir(dh));) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 || leftover_name(de->d_name) ||
        (!rel && strncmp(de->d_name, j->skip, strlen(j->skip)) == 0))
      continue;
    char *r = rel ? hui_path_join(rel, de->d_name) : hui_xstrdup(de->d_name);
    char *src = hui_path_join(j->from, r), *dst = hui_path_join(j->to, r);
    struct stat s, t;
    bool have = lstat(dst, &t) == 0;
    if (dropped(j, r) || lstat(src, &s) != 0) {
      /* replaced by this run, or gone meanwhile */
    } else if (S_ISDIR(s.st_mode)) {
      if (!have && mkdir(dst, s.st_mode & 07777) != 0) {
        j->why = hui_xasprintf(_("cannot create %s: %s"), dst, strerror(errno));
        ok = false;
      } else if (!have || S_ISDIR(t.st_mode)) {
        ok = carry(j, r, depth + 1);
      }
    } else if (have) {
      /* the new file of that name wins */
    } else if (S_ISREG(s.st_mode)) {
      if (link(src, dst) != 0) ok = hui_copy_file(src, dst, &j->why);
    } else if (S_ISLNK(s.st_mode)) {
      char target[PATH_MAX];
      ssize_t n = readlink(src, target, sizeof target - 1);
      if (n >= 0) target[n] = '\0';
      if (n < 0 || symlink(target, dst) != 0) {
        j->why = hui_xasprintf(_("cannot keep the link %s: %s"), src, strerror(errno));
        ok = false;
      }
    } else {
      fprintf(stderr, _("huibian: note: %s is not an ordinary file (a pipe, socket or device) and "
                        "is not kept in the new output folder\n"), src);
    }
    free(src);
    free(dst);
    free(r);
  }
  if (dh) closedir(dh);
  free(src_dir);
  return ok;
}

/* Puts staging in target's place: an exchange of the two in one step; where
 * the file system cannot exchange, the old folder is moved aside first (for
 * a moment there is no folder of that name, never a mix). */
static bool swap_in(hui_outdir *od, bool had, char **why) {
  const char *stage = strrchr(od->staging, '/') + 1;
  int fd = od->home_fd;
  if (!had) {
    if (renameat2(fd, stage, fd, od->base, RENAME_NOREPLACE) == 0) return true;
    if ((errno == EINVAL || errno == ENOSYS) && renameat(fd, stage, fd, od->base) == 0) return true;
  } else {
    if (renameat2(fd, stage, fd, od->base, RENAME_EXCHANGE) == 0) return true;
    if (errno == EINVAL || errno == ENOSYS) {
      char *aside = hui_xasprintf("%s/%sXXXXXX", od->home, od->prefix);
      bool ok = mkdtemp(aside) && renameat(fd, od->base, AT_FDCWD, aside) == 0;
      if (ok && renameat(fd, stage, fd, od->base) != 0) {
        int err = errno;
        renameat(AT_FDCWD, aside, fd, od->base); /* the old one back */
        errno = err;
        ok = false;
      }
      if (ok) rename(aside, od->staging); /* the staging name names the old folder, as after an exchange */
      else rmdir(aside);
      free(aside);
      if (ok) return true;
    }
  }
  *why = hui_xasprintf(_("cannot put the new folder in place of %s: %s"), od->target, strerror(errno));
  return false;
}

/* Inside a mount point: moves what the staging folder holds into target one
 * name at a time (files replaced by rename, folders exchanged), manifest.json
 * last, then removes what target holds that the new folder does not. A run
 * killed half-way leaves the old manifest beside some new files, which
 * verify then names; a mount point allows nothing better. */
static bool move_in(hui_outdir *od, char **why) {
  char **names = NULL;
  size_t n = 0, cap = 0;
  DIR *dh = opendir(od->staging);
  for (struct dirent *de; dh && (de = readdir(dh));)
    if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0 && strcmp(de->d_name, "manifest.json") != 0)
      *HUI_PUSH(names, n, cap) = hui_xstrdup(de->d_name);
  if (dh) closedir(dh);
  *HUI_PUSH(names, n, cap) = hui_xstrdup("manifest.json");
  bool ok = dh != NULL;
  for (size_t i = 0; ok && i < n; i++) {
    char *from = hui_path_join(od->staging, names[i]), *to = hui_path_join(od->target, names[i]);
    struct stat s, t;
    if (lstat(from, &s) != 0) {
      /* no manifest (the certificates command) */
    } else if (S_ISDIR(s.st_mode) && lstat(to, &t) == 0) {
      ok = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0;
    } else if (lstat(to, &t) == 0 && S_ISDIR(t.st_mode)) {
      ok = hui_remove_tree(to) && rename(from, to) == 0;
    } else {
      ok = rename(from, to) == 0;
    }
    if (!ok) *why = hui_xasprintf(_("cannot put the new %s into %s: %s"), names[i], od->target, strerror(errno));
    free(from);
    free(to);
  }
  /* what the new folder does not have goes (staging folders aside) */
  dh = ok ? opendir(od->target) : NULL;
  size_t pl = strlen(od->prefix);
  for (struct dirent *de; dh && (de = readdir(dh));) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0 ||
        strncmp(de->d_name, od->prefix, pl) == 0)
      continue;
    bool kept = false;
    for (size_t i = 0; i < n && !kept; i++) kept = strcmp(names[i], de->d_name) == 0;
    char *p = hui_path_join(od->target, de->d_name);
    if (!kept) hui_remove_tree(p);
    free(p);
  }
  if (dh) closedir(dh);
  for (size_t i = 0; i < n; i++) free(names[i]);
  free(names);
  return ok;
}

/* The manifest after the carry (mine: what this run wrote, listed before).
 * A run with a manifest of its own gets the old manifest's entries for other
 * commands' files that were carried. A run without one (r->by) has what it
 * wrote listed in the old manifest, carried into the staging folder, in
 * place of the entries for them and for the paths it replaces. Either way
 * the manifest is written anew (atomically, as a new file: the carried one
 * may be a hard link to the old folder's, which must stay as it was until
 * the exchange). */
static bool update_manifest(const hui_outdir *od, const hui_outdir_replace *r, char **mine, size_t nmine,
                            char **why) {
  bool own = false;
  for (size_t i = 0; i < nmine; i++) own |= strcmp(mine[i], "manifest.json") == 0;
  char *err = NULL;
  bool ok = true;
  if (own) {
    /* An old manifest that cannot be read has nothing to give. */
    hui_manifest *old = hui_manifest_read(od->target, &err);
    hui_manifest *m = old ? hui_manifest_read(od->staging, &err) : NULL;
    if (m && hui_manifest_keep_others(m, old, od->staging)) ok = hui_manifest_write(m, od->staging, why);
    hui_manifest_free(m);
    hui_manifest_free(old);
    free(err);
    return ok;
  }
  char *mpath = hui_path_join(od->staging, "manifest.json");
  struct stat st;
  bool have = lstat(mpath, &st) == 0 && S_ISREG(st.st_mode);
  free(mpath);
  if (!have || !r->by) return true;
  hui_manifest *m = hui_manifest_read(od->staging, &err);
  if (!m) {
    /* A damaged manifest is left as it is: verify names it. */
    fprintf(stderr, _("huibian: note: the files written are not listed in %s/manifest.json: %s\n"), od->target,
            err ? err : _("unknown error"));
  } else {
    for (size_t i = 0; i < r->npaths; i++) hui_manifest_remove(m, "outputs", r->paths[i]);
    for (size_t i = 0; i < nmine; i++) {
      char *file = hui_path_join(od->staging, mine[i]);
      hui_manifest_remove(m, "outputs", mine[i]);
      if (lstat(file, &st) == 0 && S_ISREG(st.st_mode)) hui_manifest_add_output(m, mine[i], file, r->by);
      free(file);
    }
    ok = hui_manifest_write(m, od->staging, why);
  }
  free(err);
  hui_manifest_free(m);
  return ok;
}

bool hui_outdir_commit(hui_outdir *od, const hui_outdir_replace *replace, char **why) {
  flock(od->home_fd, LOCK_EX);
  /* what this run wrote, before the old folder's files join it */
  size_t nmine = 0;
  char **mine = replace ? hui_list_files(od->staging, &nmine) : NULL;
  struct stat st;
  bool had = lstat(od->target, &st) == 0;
  bool ok = true;
  if (had && !S_ISDIR(st.st_mode)) {
    *why = hui_xasprintf(_("%s is no longer a folder: nothing was replaced"), od->target);
    ok = false;
  }
  if (ok && had) {
    carry_job j = {.from = od->target, .to = od->staging, .skip = od->prefix};
    size_t cap = 0;
    for (size_t i = 0; replace && i < replace->npaths; i++)
      *HUI_PUSH(j.drop, j.ndrop, cap) = hui_xstrdup(replace->paths[i]);
    if (replace && replace->earlier_outputs) earlier_outputs(od->target, &j.drop, &j.ndrop, &cap);
    ok = carry(&j, NULL, 0);
    if (!ok) *why = hui_xasprintf(_("cannot keep the other files of %s: %s"), od->target, j.why ? j.why : "");
    free(j.why);
    for (size_t i = 0; i < j.ndrop; i++) free(j.drop[i]);
    free(j.drop);
  }
  if (ok && had && mine) ok = update_manifest(od, replace, mine, nmine, why);
  for (size_t i = 0; mine && i < nmine; i++) free(mine[i]);
  free(mine);
  if (ok && !od->inside) {
    fchmod(od->staging_fd, had ? st.st_mode & 07777 : 0777 & ~(mode_t)hui_umask());
    fsync(od->staging_fd);
    ok = swap_in(od, had, why);
    if (ok && !had) { /* nothing is left under the staging name */
      free(od->staging);
      od->staging = NULL;
    }
  } else if (ok) {
    ok = move_in(od, why);
  }
  if (ok) fsync(od->home_fd);
  flock(od->home_fd, LOCK_UN);
  hui_outdir_abort(od); /* the staging name holds the old folder now, or what is left */
  return ok;
}
