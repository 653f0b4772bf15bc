/* photo: the photo a submission names — inside the edition folder, present, a
 * PNG or JPEG that the project's own decoder accepts (image.c; every row of
 * a PNG and every scan of a JPEG decoded, so a file cut short is found here
 * and not printed half grey), and sharp enough: at least 300 dpi at the size
 * the compendium template prints it.
 *
 * The printed size is the template's photo box (<photo width height> in mm)
 * with the upright photo's aspect ratio (its EXIF orientation applied) kept
 * inside it, as compose/compendium.c places it. Without a template
 * (env->tmpl NULL) the dpi is not checked.
 *
 * The photos of the body's figures are checked the same way, each at the
 * size compose/blocks.c prints it: fitted into the figure box (the measure
 * wide, env->figure_w x figure_h). */
#define _XOPEN_SOURCE 700
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/base.h"
#include "../image.h"
#include "../base/i18n.h"
#include "rules_internal.h"

#define MIN_DPI 300.0

/* True when rel is absolute or has a ".." component. */
static bool escapes(const char *rel) {
  if (rel[0] == '/' || rel[0] == '\\') return true;
  for (const char *p = rel; *p;) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.') return true;
    if (!slash) break;
    p = slash + 1;
  }
  return false;
}

/* An image a submission names: the photo, or a figure's in the body. */
typedef struct named_image {
  const char *rel; /* as written */
  hui_pos pos;
  double bw, bh; /* the box it is printed in, mm; 0 = the dpi is not checked */
} named_image;

/* Measured on the photo as printed: upright (a phone photo's EXIF
 * orientation applied), fitted into its box, as compose/ places it. */
static void check_dpi(const hui_submission *s, const named_image *ni, uint32_t iw, uint32_t ih,
                      hui_diags *d) {
  if (!(ni->bw > 0) || !(ni->bh > 0) || !iw || !ih) return;
  double w = ni->bw, h = ni->bh, ar = (double)iw / ih;
  if (w / h > ar) w = h * ar;
  else h = w / ar;
  double dpi_x = iw / (w / 25.4), dpi_y = ih / (h / 25.4);
  double dpi = dpi_x < dpi_y ? dpi_x : dpi_y;
  if (dpi + 1e-9 >= MIN_DPI) return;
  unsigned need_w = (unsigned)(w / 25.4 * MIN_DPI + 0.999), need_h = (unsigned)(h / 25.4 * MIN_DPI + 0.999);
  hui_rule_report(
      d, "photo-low-dpi", s->path, ni->pos,
      _("photo '%s' has %ux%u pixels: printed %.0fx%.0f mm that is %.0f dpi, below 300 dpi, and will "
        "look blurred; ask the unit for a photo of at least %ux%u pixels"),
      ni->rel, (unsigned)iw, (unsigned)ih, w, h, dpi, need_w, need_h);
}

/* What reading one image file gave: its upright size, or why it cannot be
 * used. An edition may name one file many times (a unit's photo for several
 * entries, a figure again as the photo; the generated benchmark editions
 * share six): it is decoded once per thread while the file stays as it was. */
typedef struct seen_image {
  char *real;
  struct stat st;
  bool ok, damaged;
  uint32_t iw, ih;
  char *why;
} seen_image;

typedef struct seen_images {
  seen_image *v;
  size_t n, cap;
} seen_images;

static bool same_file(const struct stat *a, const struct stat *b) {
  return a->st_dev == b->st_dev && a->st_ino == b->st_ino && a->st_size == b->st_size &&
         a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
         a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* The file real (stat st) read and decoded, or as it was the last time. */
static const seen_image *read_image(seen_images *seen, const char *real, const struct stat *st) {
  for (size_t i = 0; i < seen->n; i++)
    if (same_file(&seen->v[i].st, st) && strcmp(seen->v[i].real, real) == 0) return &seen->v[i];
  seen_image *r = HUI_PUSH(seen->v, seen->n, seen->cap);
  r->real = hui_xstrdup(real);
  r->st = *st;
  hui_image *img = hui_image_probe(real, &r->why);
  r->damaged = !img && hui_image_last_damaged();
  if (img) {
    r->ok = true;
    hui_image_upright_size(img, &r->iw, &r->ih);
    hui_image_free(img);
    free(r->why);
    r->why = NULL;
  }
  return r;
}

static void seen_free(seen_images *seen) {
  for (size_t i = 0; i < seen->n; i++) {
    free(seen->v[i].real);
    free(seen->v[i].why);
  }
  free(seen->v);
}

/* The findings on one image of submission s, into d. */
static void check_image(const hui_edition *e, const hui_submission *s, const named_image *ni,
                        seen_images *seen, hui_diags *d) {
  const char *rel = ni->rel;
  hui_pos pos = ni->pos;
  if (escapes(rel)) {
    hui_rule_report(d, "photo-outside", s->path, pos,
                    _("photo '%s' is outside the edition folder; copy it into images/ and write "
                      "fileref=\"images/NAME\" (no '..', no absolute path)"),
                    rel);
    return;
  }
  char *real = hui_path_inside(e->dir, rel);
  if (!real) {
    char *joined = hui_path_join(e->dir, rel);
    struct stat st;
    bool exists = lstat(joined, &st) == 0;
    bool link = exists && S_ISLNK(st.st_mode);
    free(joined);
    if (link)
      hui_rule_report(
          d, "photo-outside", s->path, pos,
          _("photo '%s' is a link that leads outside the edition folder (or nowhere); copy the "
            "photo itself into images/"),
          rel);
    else if (exists)
      hui_rule_report(
          d, "photo-outside", s->path, pos,
          _("photo '%s' leads outside the edition folder through a linked folder; copy the photo "
            "itself into images/"),
          rel);
    else
      hui_rule_report(
          d, "photo-not-found", s->path, pos,
          _("photo '%s' does not exist in the edition folder; check the file name (capitals "
            "count) or add the photo"),
          rel);
    return;
  }
  struct stat st;
  if (stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
    hui_rule_report(d, "photo-unreadable", s->path, pos,
                    _("photo '%s' is not a file (a folder?); name a PNG or JPEG file"), rel);
    free(real);
    return;
  }
  const seen_image *img = read_image(seen, real, &st);
  if (!img->ok) {
    /* The reason may start with the full path: the message names rel already. */
    const char *reason = img->why ? img->why : _("it cannot be read");
    size_t rl = strlen(real);
    if (strncmp(reason, real, rl) == 0 && strncmp(reason + rl, ": ", 2) == 0) reason += rl + 2;
    /* Saving a cut or corrupt file again keeps the damage: only the sender
     * has the whole photo. */
    hui_rule_report(
        d, "photo-unreadable", s->path, pos, _("photo '%s' cannot be used: %s; %s"), rel, reason,
        img->damaged ? _("ask the unit to send it again: this copy is cut short or corrupt")
                     : _("save it again as PNG or JPEG"));
    free(real);
    return;
  }
  free(real);
  check_dpi(s, ni, img->iw, img->ih, d);
}

/* The findings on submission i's photo and its figures' photos, into d. */
static void check_photo(const hui_edition *e, const hui_rules_env *env, size_t i, seen_images *seen,
                        hui_diags *d) {
  const hui_submission *s = &e->subs[i];
  if (!s->loaded) return;
  if (s->photo.text && *s->photo.text) {
    named_image ni = {s->photo.text, s->photo.pos, 0, 0};
    if (env->tmpl) {
      ni.bw = env->tmpl->photo_w > 0 ? env->tmpl->photo_w : 30;
      ni.bh = env->tmpl->photo_h > 0 ? env->tmpl->photo_h : 40;
    }
    check_image(e, s, &ni, seen, d);
  }
  if (s->portrait.text && *s->portrait.text) {
    /* the poster's 证件照: found, inside, readable; its size is the poster's */
    named_image ni = {s->portrait.text, s->portrait.pos, 0, 0};
    check_image(e, s, &ni, seen, d);
  }
  for (const hui_node *n = s->body; n; n = hui_node_walk_next(s->body, n))
    if (n->kind == HUI_N_IMAGE && n->text && *n->text) {
      named_image ni = {n->text, n->pos, env->figure_w, env->figure_h};
      check_image(e, s, &ni, seen, d);
    }
}

void hui_photos_begin(hui_photo_work *w, const hui_edition *e, const hui_rules_env *env) {
  w->e = e;
  w->env = env;
  w->next = 0;
  w->per = hui_xcalloc(e->nsubs ? e->nsubs : 1, sizeof *w->per);
}

void hui_photos_work(hui_photo_work *w) {
  seen_images seen = {0};
  for (size_t i; (i = w->next++) < w->e->nsubs;) {
    w->per[i] = hui_diags_new();
    check_photo(w->e, w->env, i, &seen, w->per[i]);
  }
  seen_free(&seen);
}

void hui_photos_end(hui_photo_work *w, hui_diags *d) {
  for (size_t i = 0; i < w->e->nsubs; i++) {
    if (w->per[i]) hui_diags_append(d, w->per[i]);
    hui_diags_free(w->per[i]);
  }
  free(w->per);
  w->per = NULL;
}

void hui_rules_photos(hui_edition *e, const hui_rules_env *env, hui_diags *d) {
  hui_photo_work w;
  hui_photos_begin(&w, e, env);
  hui_photos_work(&w);
  hui_photos_end(&w, d);
}
