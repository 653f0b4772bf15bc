/* backend: the calls every output makes, with their defaults, the tee
 * that writes one composition to two backends, and documents written ahead
 * into scratch files (spools). */
#define _XOPEN_SOURCE 700 /* pread, fchmod, mkstemp */
#include "backend.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/base.h"
#include "../base/i18n.h"

hui_backend *hui_backend_new(const hui_backend_ops *ops, void *self) {
  hui_backend *b = hui_xmalloc(sizeof *b);
  *b = (hui_backend){ops, self};
  return b;
}

bool hui_backend_page(hui_backend *b, const hui_dpage *page, bool front, char **why) {
  HUI_DPAGE_CHECK(page); /* every page of every output passes here: Debug builds check it */
  return !b->ops->page || b->ops->page(b->self, page, front, why);
}

bool hui_backend_outline(hui_backend *b, int level, const char *title, size_t page, double y,
                         char **why) {
  return !b->ops->outline || b->ops->outline(b->self, level, title, page, y, why);
}

bool hui_backend_label(hui_backend *b, size_t from, hui_label_style style, int first, char **why) {
  return !b->ops->label || b->ops->label(b->self, from, style, first, why);
}

bool hui_backend_finish(hui_backend *b, const char *path, char **why) {
  return b->ops->finish(b->self, path, why);
}

bool hui_backend_can_finish_fd(const hui_backend *b) { return b->ops->finish_fd != NULL; }

bool hui_backend_finish_fd(hui_backend *b, int fd, const char *name, char **why) {
  if (b->ops->finish_fd) return b->ops->finish_fd(b->self, fd, name, why);
  *why = hui_xasprintf("the %s backend writes only to a named file", b->ops->name);
  return false;
}

void hui_backend_free(hui_backend *b) {
  if (!b) return;
  if (b->ops->free) b->ops->free(b->self);
  free(b);
}

/* --- null --------------------------------------------------------------- */

static bool null_finish(void *self, const char *path, char **why) {
  (void)self;
  *why = hui_xasprintf("%s: the null backend writes no file", path);
  return false;
}

static const hui_backend_ops NULL_OPS = {"null", NULL, NULL, NULL, null_finish, NULL, NULL};

hui_backend *hui_null_backend(void) { return hui_backend_new(&NULL_OPS, NULL); }

/* --- tee ---------------------------------------------------------------- */

typedef struct tee {
  hui_backend *a, *b;
  char *path_b;
} tee;

static bool tee_page(void *self, const hui_dpage *page, bool front, char **why) {
  tee *t = self;
  return (!t->a || hui_backend_page(t->a, page, front, why)) &&
         (!t->b || hui_backend_page(t->b, page, front, why));
}

static bool tee_outline(void *self, int level, const char *title, size_t page, double y,
                        char **why) {
  tee *t = self;
  return (!t->a || hui_backend_outline(t->a, level, title, page, y, why)) &&
         (!t->b || hui_backend_outline(t->b, level, title, page, y, why));
}

static bool tee_label(void *self, size_t from, hui_label_style style, int first, char **why) {
  tee *t = self;
  return (!t->a || hui_backend_label(t->a, from, style, first, why)) &&
         (!t->b || hui_backend_label(t->b, from, style, first, why));
}

static bool tee_finish(void *self, const char *path, char **why) {
  tee *t = self;
  if (t->a && !hui_backend_finish(t->a, path, why)) return false;
  if (!t->b) return true;
  /* b's file goes into the folder of a's */
  const char *slash = strrchr(path, '/');
  char *dir = slash ? hui_xstrndup(path, (size_t)(slash - path)) : hui_xstrdup(".");
  char *pb = hui_path_join(dir, t->path_b);
  bool ok = hui_backend_finish(t->b, pb, why);
  free(pb);
  free(dir);
  return ok;
}

static void tee_free(void *self) {
  tee *t = self;
  hui_backend_free(t->a);
  hui_backend_free(t->b);
  free(t->path_b);
  free(t);
}

static const hui_backend_ops TEE = {"tee",      tee_page, tee_outline, tee_label,
                                    tee_finish, tee_free, NULL};

hui_backend *hui_backend_tee(hui_backend *a, hui_backend *b, const char *path_b) {
  tee *t = hui_xmalloc(sizeof *t);
  *t = (tee){a, b, hui_xstrdup(path_b)};
  return hui_backend_new(&TEE, t);
}

/* --- spools -------------------------------------------------------------- */

struct hui_spool {
  int fd;
};

hui_spool *hui_backend_spool(hui_backend *b, const char *name, char **why) {
  const char *dir = hui_scratch_dir();
  int fd = hui_scratch_file();
  if (fd < 0) {
    int err = errno;
    *why = hui_xasprintf(_("cannot create a temporary file in %s for %s: %s "
                           "(set TMPDIR to a folder with room)"),
                         dir, name, strerror(err));
    return NULL;
  }
  char *failed = NULL;
  if (!hui_backend_finish_fd(b, fd, name, &failed)) {
    *why = hui_xasprintf(_("%s (while writing it into a temporary file in %s; set TMPDIR to a "
                           "folder with room if that is full)"),
                         failed ? failed : _("unknown error"), dir);
    free(failed);
    close(fd);
    return NULL;
  }
  hui_spool *s = hui_xmalloc(sizeof *s);
  s->fd = fd;
  return s;
}

/* Copies the whole of fd into out; 0 or an errno. */
static int copy_all(int fd, int out) {
  static const size_t chunk = 1 << 16;
  char *buf = hui_xmalloc(chunk);
  int err = 0;
  for (off_t at = 0;;) {
    ssize_t r = pread(fd, buf, chunk, at);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) err = errno;
    if (r <= 0) break;
    if (!hui_write_all(out, buf, (size_t)r)) {
      err = errno;
      break;
    }
    at += r;
  }
  free(buf);
  return err;
}

bool hui_spool_place(const hui_spool *s, const char *path, char **why) {
  char *tmp = hui_xasprintf("%s.tmp-XXXXXX", path);
  int out = mkstemp(tmp);
  int err = out < 0 ? errno : 0;
  /* mkstemp makes the file 0600; give it the mode a plain create would */
  if (!err && fchmod(out, 0666 & ~(mode_t)hui_umask()) != 0) err = errno;
  if (!err) err = copy_all(s->fd, out);
  if (!err && fsync(out) != 0) err = errno;
  if (out >= 0 && close(out) != 0 && !err) err = errno;
  if (!err && rename(tmp, path) != 0) err = errno;
  if (err) {
    if (out >= 0) unlink(tmp);
    *why = hui_xstrdup(strerror(err)); /* the caller names the file */
  }
  free(tmp);
  return !err;
}

void hui_spool_free(hui_spool *s) {
  if (!s) return;
  close(s->fd);
  free(s);
}
