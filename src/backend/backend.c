/* backend: the calls every output makes, with their defaults, and the tee
 * that writes one composition to two backends. */
#include "backend.h"

#include <stdlib.h>
#include <string.h>

#include "../base/base.h"

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

static const hui_backend_ops NULL_OPS = {"null", NULL, NULL, NULL, null_finish, NULL};

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

static const hui_backend_ops TEE = {"tee", tee_page, tee_outline, tee_label, tee_finish, tee_free};

hui_backend *hui_backend_tee(hui_backend *a, hui_backend *b, const char *path_b) {
  tee *t = hui_xmalloc(sizeof *t);
  *t = (tee){a, b, hui_xstrdup(path_b)};
  return hui_backend_new(&TEE, t);
}
