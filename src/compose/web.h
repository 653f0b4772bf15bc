/* compose/web: the county website edition (县网站发布) as a site in memory —
 * the 专题专栏 index, a page per awarded article, the photos made for the
 * web, and each article again as one self-contained page with inline styles
 * for a 公众号 editor (wechat/<id>.html). A flowing output: no pages, no
 * layout engine; the model's body trees are walked into HTML. Nothing here
 * touches the disk but the photos it reads: the app writes the files
 * (app/web.c). */
#ifndef HUI_COMPOSE_WEB_H
#define HUI_COMPOSE_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "../model.h"

/* One file of the site: its path under the site's folder ("index.html",
 * "images/s1.jpg", "wechat/s1.html"), its bytes, and whether it is already
 * compressed (a JPEG). */
typedef struct hui_web_file {
  char *path;
  unsigned char *bytes;
  size_t len;
  bool compressed;
  unsigned w, h; /* a picture's size in pixels; 0 for a page */
} hui_web_file;

typedef struct hui_web_site {
  hui_web_file *files; /* the top folder's files first, then by path */
  size_t n, cap;
} hui_web_site;

/* The site of edition e: its awarded submissions in order[0..norder) (the
 * compendium's order), css the stylesheet (written as style.css). Returns
 * NULL with *why (caller frees) when a photo cannot be read any more.
 * Free with hui_web_site_free. */
hui_web_site *hui_web_compose(const hui_edition *e, const size_t *order, size_t norder,
                              const char *css, char **why);
void hui_web_site_free(hui_web_site *s); /* NULL-safe */

/* Long edges of the web photos and their thumbnails, pixels. */
enum { HUI_WEB_PHOTO_EDGE = 1200, HUI_WEB_THUMB_EDGE = 400 };

#endif
