/* compose/web: the website edition (web.h). One walker turns a body tree
 * into HTML for both kinds of page: the site's, whose elements carry class
 * names for style.css, and the 公众号 copy's, whose elements carry the same
 * look as inline styles (an editor keeps those and drops the rest). */
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/html.h"
#include "../base/i18n.h"
#include "../hui_limits.h"
#include "../image.h"

/* The look of each role: its class on the site, its inline style in the
 * 公众号 copy. Colours meet WCAG 2.1 AA on white (4.5:1 and more). */
typedef struct role_style {
  const char *role, *style;
} role_style;

static const role_style STYLES[] = {
    {"page",
     "max-width:677px;margin:0 auto;padding:0 8px;color:#1f1f1f;font-size:17px;line-height:1.9;"
     "word-wrap:break-word;overflow-wrap:break-word"},
    {"p", "margin:0 0 1em;text-indent:2em;text-align:justify;line-break:strict"},
    {"plain", "margin:0 0 .5em;text-indent:0;text-align:left"},
    {"signature", "margin:0;text-indent:0;text-align:right"},
    {"date", "margin:0 0 1em;text-indent:0;text-align:right"},
    {"h1", "margin:.5em 0;font-size:24px;line-height:1.4;text-align:center;color:#8a1c1c"},
    {"h2", "margin:1.5em 0 .6em;font-size:20px;line-height:1.5;color:#8a1c1c"},
    {"h3", "margin:1.2em 0 .5em;font-size:18px;line-height:1.5;color:#1f1f1f"},
    {"h4", "margin:1em 0 .4em;font-size:17px;line-height:1.5;color:#1f1f1f"},
    {"h5", "margin:1em 0 .4em;font-size:17px;line-height:1.5;color:#1f1f1f"},
    {"h6", "margin:1em 0 .4em;font-size:17px;line-height:1.5;color:#1f1f1f"},
    {"name", "font-weight:bold;color:#1f1f1f"},
    {"unit", "color:#4a4a4a"},
    {"subtitle", "margin:0 0 .8em;text-align:center;text-indent:0;color:#4a4a4a"},
    {"byline", "margin:0 0 1em;text-align:center;text-indent:0;color:#4a4a4a;font-size:15px"},
    {"section-subtitle", "margin:0 0 .8em;text-indent:0;color:#4a4a4a"},
    {"editor-note",
     "margin:0 0 1.5em;padding:.6em 1em;border-left:4px solid #8a1c1c;background:#f6f1ea;"
     "font-family:KaiTi,STKaiti,serif"},
    {"note-title", "margin:0 0 .3em;text-indent:0;font-weight:bold;color:#8a1c1c"},
    {"epigraph", "margin:0 0 1.5em;padding:0 2em;font-family:KaiTi,STKaiti,serif;color:#333"},
    {"blockquote", "margin:0 0 1em;padding:0 0 0 1em;border-left:3px solid #c9b8a6;color:#333"},
    {"portrait", "margin:0 auto 1.2em;text-align:center"},
    {"figure", "margin:1em 0;text-align:center"},
    {"img", "max-width:100%;height:auto"},
    {"figcaption",
     "margin:.3em 0 0;font-size:14px;line-height:1.6;text-align:center;text-indent:0;color:#4a4a4a"},
    {"table-wrap", "margin:1em 0;overflow-x:auto"},
    {"table", "border-collapse:collapse;width:100%;font-size:15px;line-height:1.6"},
    {"caption", "margin:0 0 .3em;font-weight:bold;text-align:center"},
    {"th", "border:1px solid #8c8c8c;padding:.3em .5em;background:#f2ece4;vertical-align:top"},
    {"td", "border:1px solid #8c8c8c;padding:.3em .5em;vertical-align:top"},
    {"ul", "margin:0 0 1em;padding-left:2em"},
    {"ol", "margin:0 0 1em;padding-left:2em"},
    {"li", "margin:0"},
    {"em", "font-style:normal;font-family:KaiTi,STKaiti,serif"},
    {"strong", "font-weight:bold"},
    {"noteref", "font-size:.75em;line-height:0;vertical-align:super"},
    {"notes",
     "margin:2em 0 0;padding:.5em 0 0;border-top:1px solid #8c8c8c;font-size:14px;color:#333"},
};

static const char *style_of(const char *role) {
  for (size_t i = 0; i < sizeof STYLES / sizeof *STYLES; i++)
    if (strcmp(STYLES[i].role, role) == 0) return STYLES[i].style;
  return NULL;
}

typedef struct ctx {
  const hui_edition *e;
  hui_web_site *site;
  hui_buf *b;
  bool inline_styles;     /* the 公众号 copy */
  int h_base;             /* the heading level of a top-level section */
  const char *stem;       /* the article's file stem, for its figures' names */
  int figures;            /* figures so far in this article */
  const hui_node **notes; /* the footnotes met, in order */
  size_t nnotes, capnotes;
  int group[HUI_MAX_BODY_DEPTH + 2]; /* per open table: 0, 1 in thead, 2 in tbody */
  int tables;
  char *why; /* the first photo that could not be read */
} ctx;

/* <tag class="role"> on the site (no class when role is the tag itself),
 * <tag style="…"> in the 公众号 copy; extra (may be NULL) goes after. */
static void open_tag(ctx *c, const char *tag, const char *role, const char *extra) {
  hui_buf_printf(c->b, "<%s", tag);
  if (c->inline_styles) {
    const char *st = style_of(role);
    if (st) hui_buf_printf(c->b, " style=\"%s\"", st);
  } else if (strcmp(tag, role) != 0) {
    hui_buf_printf(c->b, " class=\"%s\"", role);
  }
  if (extra) hui_buf_puts(c->b, extra);
  hui_buf_putc(c->b, '>');
}

static void close_tag(ctx *c, const char *tag) { hui_buf_printf(c->b, "</%s>", tag); }

/* Text as written, its white space folded: a run with a line break in it
 * (the source's indentation) goes, any other run becomes one space. */
static void put_text(hui_buf *b, const char *s) {
  hui_buf t = {0};
  for (const char *p = s; *p;) {
    size_t n = strspn(p, " \t\r\n");
    if (n) {
      if (!memchr(p, '\n', n) && t.len) hui_buf_putc(&t, ' ');
      p += n;
      continue;
    }
    size_t k = strcspn(p, " \t\r\n");
    hui_buf_add(&t, p, k);
    p += k;
  }
  if (t.data) hui_buf_html(b, t.data);
  hui_buf_free(&t);
}

/* The plain text of n's subtree (a caption's), folded as put_text. */
static char *plain_text(const hui_node *n) {
  hui_buf raw = {0};
  for (const hui_node *k = n; k; k = hui_node_walk_next(n, k))
    if (k->kind == HUI_N_TEXT && k->text) hui_buf_puts(&raw, k->text);
  hui_buf out = {0};
  if (raw.data) put_text(&out, raw.data);
  hui_buf_free(&raw);
  return out.data ? hui_buf_take(&out) : hui_xstrdup("");
}

/* How many sections n lies in. */
static int section_depth(const hui_node *n) {
  int d = 0;
  for (const hui_node *p = n->parent; p; p = p->parent) d += p->kind == HUI_N_SECTION;
  return d;
}

static bool inside(const hui_node *n, hui_node_kind kind) {
  for (const hui_node *p = n->parent; p; p = p->parent)
    if (p->kind == kind) return true;
  return false;
}

/* ---- Photos ----------------------------------------------------------- */

static void add_file(hui_web_site *s, char *path, unsigned char *bytes, size_t len,
                     bool compressed) {
  hui_web_file *f = HUI_PUSH(s->files, s->n, s->cap);
  f->path = path;
  f->bytes = bytes;
  f->len = len;
  f->compressed = compressed;
}

static const hui_web_file *find_file(const hui_web_site *s, const char *path) {
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->files[i].path, path) == 0) return &s->files[i];
  return NULL;
}

/* The photo rel (relative to the edition) as images/<stem>.jpg, and with
 * thumb also images/<stem>-thumb.jpg, unless made already. *w and *h: the
 * big one's size. False with c->why set when it cannot be read. */
static bool make_photo(ctx *c, const char *rel, const char *stem, bool thumb, uint32_t *w,
                       uint32_t *h) {
  char *path = hui_xasprintf("images/%s.jpg", stem);
  *w = *h = 0;
  if (find_file(c->site, path)) {
    free(path);
    return true;
  }
  char *real = hui_path_inside(c->e->dir, rel);
  char *why = NULL;
  hui_image_rgb *px = real ? hui_image_rgb_load(real, &why) : NULL;
  free(real);
  if (!px) {
    if (!c->why)
      c->why = why ? hui_xstrdup(why)
                   : hui_xasprintf(
                         _("photo '%s' is no longer inside the edition folder (it was when the "
                           "edition was checked)"),
                         rel);
    free(why);
    free(path);
    return false;
  }
  hui_image_rgb *big = hui_image_rgb_scale(px, HUI_WEB_PHOTO_EDGE);
  size_t len;
  unsigned char *jpeg = hui_image_rgb_jpeg(big, 85, &len);
  add_file(c->site, path, jpeg, len, true);
  c->site->files[c->site->n - 1].w = big->w;
  c->site->files[c->site->n - 1].h = big->h;
  *w = big->w;
  *h = big->h;
  if (thumb) {
    hui_image_rgb *small = hui_image_rgb_scale(px, HUI_WEB_THUMB_EDGE);
    unsigned char *tj = hui_image_rgb_jpeg(small, 82, &len);
    add_file(c->site, hui_xasprintf("images/%s-thumb.jpg", stem), tj, len, true);
    c->site->files[c->site->n - 1].w = small->w;
    c->site->files[c->site->n - 1].h = small->h;
    hui_image_rgb_free(small);
  }
  hui_image_rgb_free(big);
  hui_image_rgb_free(px);
  return true;
}

/* An <img> of the site's file path (relative to the site), with its alt
 * text and size: a relative URL on the site (from a page at depth 0), the
 * bytes as a data: URL in the 公众号 copy. */
static void put_img(ctx *c, const char *path, const char *alt, uint32_t w, uint32_t h,
                    const char *role) {
  hui_buf extra = {0};
  hui_buf_puts(&extra, " src=\"");
  const hui_web_file *f0 = find_file(c->site, path);
  const hui_web_file *f = c->inline_styles ? f0 : NULL;
  if (f) {
    hui_buf_puts(&extra, "data:image/jpeg;base64,");
    hui_buf_base64(&extra, f->bytes, f->len);
  } else {
    hui_buf_html(&extra, path);
  }
  hui_buf_puts(&extra, "\" alt=\"");
  hui_buf_html(&extra, alt);
  hui_buf_putc(&extra, '"');
  if (f0 && f0->w && f0->h) {
    w = f0->w;
    h = f0->h;
  }
  if (w && h) hui_buf_printf(&extra, " width=\"%u\" height=\"%u\"", (unsigned)w, (unsigned)h);
  open_tag(c, "img", role, extra.data);
  hui_buf_free(&extra);
}

/* ---- Body trees -------------------------------------------------------- */

static void open_para(ctx *c, const hui_node *n) {
  const char *role = "p";
  if (n->flags & HUI_NODE_SIGNATURE) role = "signature";
  else if (n->flags & HUI_NODE_DATE) role = "date";
  else if (inside(n, HUI_N_CELL) || inside(n, HUI_N_FOOTNOTE) || inside(n, HUI_N_ITEM))
    role = "plain";
  open_tag(c, "p", role, NULL);
}

static void open_title(ctx *c, const hui_node *n) {
  const hui_node *p = n->parent;
  if (p->kind == HUI_N_TABLE) open_tag(c, "caption", "caption", NULL);
  else if (p->kind == HUI_N_EDITOR_NOTE) open_tag(c, "p", "note-title", NULL);
  else if (n->flags & HUI_NODE_SUBTITLE) open_tag(c, "p", "section-subtitle", NULL);
  else {
    int level = c->h_base + section_depth(n) - 1;
    char tag[4];
    snprintf(tag, sizeof tag, "h%d", level < 2 ? 2 : level > 6 ? 6 : level);
    open_tag(c, tag, tag, NULL);
  }
}

static void close_title(ctx *c, const hui_node *n) {
  const hui_node *p = n->parent;
  if (p->kind == HUI_N_TABLE) close_tag(c, "caption");
  else if (p->kind == HUI_N_EDITOR_NOTE || (n->flags & HUI_NODE_SUBTITLE)) close_tag(c, "p");
  else {
    int level = c->h_base + section_depth(n) - 1;
    hui_buf_printf(c->b, "</h%d>", level < 2 ? 2 : level > 6 ? 6 : level);
  }
}

static void open_table(ctx *c, const hui_node *n) {
  const hui_node *title = n->first && n->first->kind == HUI_N_TITLE ? n->first : NULL;
  hui_buf extra = {0};
  hui_buf_puts(&extra, " role=\"region\" tabindex=\"0\" aria-label=\"");
  char *label = title ? plain_text(title) : hui_xstrdup("表格");
  hui_buf_puts(&extra, label); /* plain_text escaped it */
  free(label);
  hui_buf_putc(&extra, '"');
  open_tag(c, "div", "table-wrap", extra.data);
  hui_buf_free(&extra);
  open_tag(c, "table", "table", NULL);
  if (c->tables < HUI_MAX_BODY_DEPTH + 1) c->group[++c->tables] = 0;
}

static void close_row_group(ctx *c) {
  int *g = &c->group[c->tables];
  if (*g) close_tag(c, *g == 1 ? "thead" : "tbody");
  *g = 0;
}

static void open_row(ctx *c, const hui_node *n) {
  int want = n->flags & HUI_NODE_HEAD ? 1 : 2;
  if (c->group[c->tables] != want) {
    close_row_group(c);
    open_tag(c, want == 1 ? "thead" : "tbody", want == 1 ? "thead" : "tbody", NULL);
    c->group[c->tables] = want;
  }
  open_tag(c, "tr", "tr", NULL);
}

static const char *cell_tag(const hui_node *n) {
  return n->parent && (n->parent->flags & HUI_NODE_HEAD) ? "th" : "td";
}

static void open_cell(ctx *c, const hui_node *n) {
  char extra[64] = "";
  int k = 0;
  if (n->cols > 1) k += snprintf(extra + k, sizeof extra - (size_t)k, " colspan=\"%d\"", n->cols);
  if (n->rows > 1) snprintf(extra + k, sizeof extra - (size_t)k, " rowspan=\"%d\"", n->rows);
  open_tag(c, cell_tag(n), cell_tag(n), extra);
}

static void put_figure_image(ctx *c, const hui_node *img) {
  const hui_node *cap = img->next && img->next->kind == HUI_N_CAPTION ? img->next : NULL;
  char *alt = cap ? plain_text(cap) : hui_xstrdup("插图");
  char *stem = hui_xasprintf("%s-fig%d", c->stem, ++c->figures);
  uint32_t w = 0, h = 0;
  char *path = hui_xasprintf("images/%s.jpg", stem);
  if (make_photo(c, img->text, stem, false, &w, &h)) {
    /* alt is escaped already: put it as it is */
    hui_buf extra = {0};
    const hui_web_file *f = find_file(c->site, path);
    hui_buf_puts(&extra, " src=\"");
    if (c->inline_styles && f) {
      hui_buf_puts(&extra, "data:image/jpeg;base64,");
      hui_buf_base64(&extra, f->bytes, f->len);
    } else {
      hui_buf_puts(&extra, path);
    }
    hui_buf_printf(&extra, "\" alt=\"%s\"", alt);
    if (f && f->w && f->h) hui_buf_printf(&extra, " width=\"%u\" height=\"%u\"", f->w, f->h);
    open_tag(c, "img", "img", extra.data);
    hui_buf_free(&extra);
  }
  free(path);
  free(stem);
  free(alt);
}

static void put_noteref(ctx *c, const hui_node *fn) {
  *HUI_PUSH(c->notes, c->nnotes, c->capnotes) = fn;
  size_t k = c->nnotes;
  char extra[96];
  snprintf(extra, sizeof extra, " id=\"fnref-%zu\"", k);
  open_tag(c, "sup", "noteref", extra);
  hui_buf_printf(c->b, "<a href=\"#fn-%zu\" aria-label=\"注释%zu\">[%zu]</a></sup>", k, k, k);
}

/* Opens n's element; false when n's content was written here already (or
 * is not written) and its children are not to be walked. */
static bool enter(ctx *c, const hui_node *n) {
  switch (n->kind) {
  case HUI_N_PARA: open_para(c, n); return true;
  case HUI_N_SECTION: open_tag(c, "section", "section", NULL); return true;
  case HUI_N_TITLE: open_title(c, n); return true;
  case HUI_N_ITEMIZED: open_tag(c, "ul", "ul", NULL); return true;
  case HUI_N_ORDERED: open_tag(c, "ol", "ol", NULL); return true;
  case HUI_N_ITEM: open_tag(c, "li", "li", NULL); return true;
  case HUI_N_BLOCKQUOTE: open_tag(c, "blockquote", "blockquote", NULL); return true;
  case HUI_N_TEXT:
    if (n->text) put_text(c->b, n->text);
    return false;
  case HUI_N_EMPHASIS:
    if (n->flags & HUI_NODE_BOLD) open_tag(c, "strong", "strong", NULL);
    else open_tag(c, "em", "em", NULL);
    return true;
  case HUI_N_QUOTE: hui_buf_puts(c->b, "\xE2\x80\x9C"); return true;
  case HUI_N_PHRASE: return true;
  case HUI_N_TABLE: open_table(c, n); return true;
  case HUI_N_ROW: open_row(c, n); return true;
  case HUI_N_CELL: open_cell(c, n); return true;
  case HUI_N_FIGURE: open_tag(c, "figure", "figure", NULL); return true;
  case HUI_N_IMAGE: put_figure_image(c, n); return false;
  case HUI_N_CAPTION: open_tag(c, "figcaption", "figcaption", NULL); return true;
  case HUI_N_FOOTNOTE: put_noteref(c, n); return false;
  case HUI_N_EPIGRAPH: open_tag(c, "blockquote", "epigraph", NULL); return true;
  case HUI_N_EDITOR_NOTE:
    open_tag(c, "aside", "editor-note", " aria-label=\"编者按\"");
    if (!n->first || n->first->kind != HUI_N_TITLE) {
      open_tag(c, "p", "note-title", NULL);
      hui_buf_puts(c->b, "编者按</p>");
    }
    return true;
  case HUI_N_COLSPEC:
  case HUI_N_ROOT: return false;
  }
  return false;
}

/* Closes what enter opened for n. */
static void leave(ctx *c, const hui_node *n) {
  switch (n->kind) {
  case HUI_N_PARA: close_tag(c, "p"); break;
  case HUI_N_SECTION: close_tag(c, "section"); break;
  case HUI_N_TITLE: close_title(c, n); break;
  case HUI_N_ITEMIZED: close_tag(c, "ul"); break;
  case HUI_N_ORDERED: close_tag(c, "ol"); break;
  case HUI_N_ITEM: close_tag(c, "li"); break;
  case HUI_N_BLOCKQUOTE:
  case HUI_N_EPIGRAPH: close_tag(c, "blockquote"); break;
  case HUI_N_EMPHASIS: close_tag(c, n->flags & HUI_NODE_BOLD ? "strong" : "em"); break;
  case HUI_N_QUOTE: hui_buf_puts(c->b, "\xE2\x80\x9D"); break;
  case HUI_N_TABLE:
    close_row_group(c);
    if (c->tables > 0) c->tables--;
    hui_buf_puts(c->b, "</table></div>");
    break;
  case HUI_N_ROW: close_tag(c, "tr"); break;
  case HUI_N_CELL: close_tag(c, cell_tag(n)); break;
  case HUI_N_FIGURE: close_tag(c, "figure"); break;
  case HUI_N_CAPTION: close_tag(c, "figcaption"); break;
  case HUI_N_EDITOR_NOTE: close_tag(c, "aside"); break;
  default: break;
  }
  if (n->kind == HUI_N_PARA || n->kind == HUI_N_TITLE || n->kind == HUI_N_SECTION ||
      n->kind == HUI_N_ROW || n->kind == HUI_N_FIGURE || n->kind == HUI_N_TABLE)
    hui_buf_putc(c->b, '\n');
}

/* The children of root as HTML, in document order, without recursion. */
static void walk(ctx *c, const hui_node *root) {
  const hui_node *n = root ? root->first : NULL;
  while (n) {
    if (enter(c, n) && n->first) {
      n = n->first;
      continue;
    }
    leave(c, n);
    while (!n->next) {
      n = n->parent;
      if (n == root) return;
      leave(c, n);
    }
    n = n->next;
  }
}

/* The footnotes met so far as a list of notes linked back to their marks. */
static void put_notes(ctx *c) {
  if (!c->nnotes) return;
  open_tag(c, "section", "notes", " aria-label=\"注释\"");
  hui_buf_puts(c->b, "\n<ol>\n");
  for (size_t i = 0; i < c->nnotes; i++) { /* a note's own notes are appended and listed too */
    hui_buf_printf(c->b, "<li id=\"fn-%zu\">", i + 1);
    walk(c, c->notes[i]);
    hui_buf_printf(c->b, "<a href=\"#fnref-%zu\" aria-label=\"返回正文\">↩</a></li>\n", i + 1);
  }
  hui_buf_puts(c->b, "</ol></section>\n");
  c->nnotes = 0;
}

/* ---- Pages ------------------------------------------------------------ */

static const char *or_empty(const char *s) { return s ? s : ""; }

static const char *campaign_title(const hui_campaign *cp) {
  if (cp->compendium.title.text && *cp->compendium.title.text) return cp->compendium.title.text;
  return or_empty(cp->name.text);
}

static void page_head(ctx *c, const char *title, const char *css_href) {
  hui_buf_puts(c->b,
               "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  hui_buf_html(c->b, title);
  hui_buf_puts(c->b, "</title>\n");
  if (css_href) hui_buf_printf(c->b, "<link rel=\"stylesheet\" href=\"%s\">\n", css_href);
  hui_buf_puts(c->b, "</head>\n");
}

static void site_top(ctx *c, bool home) {
  hui_buf_puts(c->b,
               "<body>\n<a class=\"skip\" href=\"#main\">跳到正文</a>\n<header class=\"site\">\n");
  const hui_campaign *cp = &c->e->campaign;
  if (home) hui_buf_puts(c->b, "<p class=\"site-name\">");
  else hui_buf_puts(c->b, "<p class=\"site-name\"><a href=\"index.html\">");
  hui_buf_html(c->b, campaign_title(cp));
  hui_buf_puts(c->b, home ? "</p>\n" : "</a></p>\n");
  hui_buf_puts(c->b, "</header>\n");
}

static void site_bottom(ctx *c) {
  const hui_campaign *cp = &c->e->campaign;
  hui_buf_puts(c->b, "<footer class=\"site\"><p>");
  hui_buf_html(c->b, or_empty(cp->organizer.text));
  if (cp->organizer.text && cp->year.text) hui_buf_puts(c->b, "　");
  if (cp->year.text) {
    hui_buf_html(c->b, cp->year.text);
    hui_buf_puts(c->b, "年");
  }
  hui_buf_puts(c->b, "</p></footer>\n</body>\n</html>\n");
}

/* name, unit and position of s as the byline. */
static void put_byline(ctx *c, const hui_submission *s) {
  open_tag(c, "p", "byline", NULL);
  open_tag(c, "span", "name", NULL);
  hui_buf_html(c->b, hui_submission_name(s));
  hui_buf_puts(c->b, "</span>");
  if (s->unit.text && *s->unit.text) {
    hui_buf_puts(c->b, "　");
    open_tag(c, "span", "unit", NULL);
    hui_buf_html(c->b, s->unit.text);
    if (s->position.text && *s->position.text) hui_buf_html(c->b, s->position.text);
    hui_buf_puts(c->b, "</span>");
  }
  hui_buf_puts(c->b, "</p>\n");
}

static void put_portrait(ctx *c, const hui_submission *s, const char *stem) {
  if (!s->photo.text || !*s->photo.text) return;
  char *path = hui_xasprintf("images/%s.jpg", stem);
  const hui_web_file *f = find_file(c->site, path);
  if (f) {
    open_tag(c, "figure", "portrait", NULL);
    put_img(c, path, hui_submission_name(s), 0, 0, "img");
    open_tag(c, "figcaption", "figcaption", NULL);
    hui_buf_html(c->b, hui_submission_name(s));
    if (s->position.text && *s->position.text) {
      hui_buf_puts(c->b, "（");
      hui_buf_html(c->b, s->position.text);
      hui_buf_puts(c->b, "）");
    }
    hui_buf_puts(c->b, "</figcaption></figure>\n");
  }
  free(path);
}

/* The article's content: header (title, subtitle, byline, photo), body,
 * notes. The same for both kinds of page. */
static void put_article(ctx *c, const hui_submission *s, const char *stem) {
  c->stem = stem;
  c->figures = 0;
  c->h_base = 2;
  open_tag(c, "article", "article", NULL);
  hui_buf_puts(c->b, "\n<header>\n");
  open_tag(c, "h1", "h1", NULL);
  hui_buf_html(c->b, or_empty(s->title.text));
  hui_buf_puts(c->b, "</h1>\n");
  if (s->subtitle.text && *s->subtitle.text) {
    open_tag(c, "p", "subtitle", NULL);
    hui_buf_html(c->b, s->subtitle.text);
    hui_buf_puts(c->b, "</p>\n");
  }
  put_byline(c, s);
  put_portrait(c, s, stem);
  hui_buf_puts(c->b, "</header>\n");
  walk(c, s->body);
  put_notes(c);
  hui_buf_puts(c->b, "</article>\n");
}

static void put_pager(ctx *c, const hui_submission *prev, const char *prev_file,
                      const hui_submission *next, const char *next_file) {
  hui_buf_puts(
      c->b, "<nav class=\"pager\" aria-label=\"翻页\">\n<a href=\"index.html\">返回专题首页</a>\n");
  const hui_submission *s[2] = {prev, next};
  const char *f[2] = {prev_file, next_file};
  for (int i = 0; i < 2; i++) {
    if (!s[i]) continue;
    hui_buf_printf(c->b, "<a rel=\"%s\" href=\"%s\">%s", i ? "next" : "prev", f[i],
                   i ? "下一篇：" : "上一篇：");
    hui_buf_html(c->b, or_empty(s[i]->title.text));
    hui_buf_puts(c->b, "</a>\n");
  }
  hui_buf_puts(c->b, "</nav>\n");
}

static void put_awardee(ctx *c, const hui_submission *s, const char *file, const char *stem) {
  hui_buf_printf(c->b, "<li><a href=\"%s\">", file);
  char *thumb = hui_xasprintf("images/%s-thumb.jpg", stem);
  if (find_file(c->site, thumb)) put_img(c, thumb, hui_submission_name(s), 0, 0, "thumb");
  free(thumb);
  hui_buf_puts(c->b, "<span class=\"title\">");
  hui_buf_html(c->b, or_empty(s->title.text));
  hui_buf_puts(c->b, "</span><span class=\"name\">");
  hui_buf_html(c->b, hui_submission_name(s));
  hui_buf_puts(c->b, "</span><span class=\"unit\">");
  hui_buf_html(c->b, or_empty(s->unit.text));
  hui_buf_puts(c->b, "</span></a></li>\n");
}

/* The 专题专栏: title, 前言, the awardees by tier in the compendium's order. */
static void put_index(ctx *c, const size_t *order, size_t norder, char **files, char **stems) {
  const hui_campaign *cp = &c->e->campaign;
  page_head(c, campaign_title(cp), "style.css");
  site_top(c, true);
  hui_buf_puts(c->b, "<main id=\"main\">\n<h1>");
  hui_buf_html(c->b, campaign_title(cp));
  hui_buf_puts(c->b, "</h1>\n");
  if (cp->compendium.preface && cp->compendium.preface->first) {
    hui_buf_puts(
        c->b,
        "<section class=\"preface\" aria-labelledby=\"preface\">\n<h2 id=\"preface\">前言</h2>\n");
    c->h_base = 3;
    c->stem = "preface";
    c->figures = 0;
    walk(c, cp->compendium.preface);
    put_notes(c);
    hui_buf_puts(c->b, "</section>\n");
  }
  int tier = -1, ntier = 0;
  for (size_t i = 0; i < norder; i++) {
    const hui_submission *s = &c->e->subs[order[i]];
    if (s->tier != tier) {
      if (tier >= 0) hui_buf_puts(c->b, "</ul>\n</section>\n");
      tier = s->tier;
      ntier++;
      hui_buf_printf(c->b,
                     "<section class=\"tier\" aria-labelledby=\"tier-%d\">\n<h2 id=\"tier-%d\">",
                     ntier, ntier);
      hui_buf_html(c->b, c->e->campaign.tiers[tier].name);
      hui_buf_puts(c->b, "</h2>\n<ul class=\"awardees\">\n");
    }
    put_awardee(c, s, files[i], stems[i]);
  }
  if (tier >= 0) hui_buf_puts(c->b, "</ul>\n</section>\n");
  hui_buf_puts(c->b, "</main>\n");
  site_bottom(c);
}

static void add_page(ctx *c, char *path, hui_buf *b) {
  size_t len = b->len;
  add_file(c->site, path, (unsigned char *)hui_buf_take(b), len, false);
}

/* The article page of order[i] on the site and its 公众号 copy. */
static void article_pages(ctx *c, const size_t *order, size_t norder, size_t i, char **files,
                          char **stems) {
  const hui_submission *s = &c->e->subs[order[i]];
  hui_buf page = {0};
  c->b = &page;
  c->inline_styles = false;
  page_head(c, or_empty(s->title.text), "style.css");
  site_top(c, false);
  hui_buf_puts(c->b, "<main id=\"main\">\n");
  put_article(c, s, stems[i]);
  put_pager(c, i ? &c->e->subs[order[i - 1]] : NULL, i ? files[i - 1] : NULL,
            i + 1 < norder ? &c->e->subs[order[i + 1]] : NULL,
            i + 1 < norder ? files[i + 1] : NULL);
  hui_buf_puts(c->b, "</main>\n");
  site_bottom(c);
  add_page(c, hui_xstrdup(files[i]), &page);

  hui_buf wx = {0};
  c->b = &wx;
  c->inline_styles = true;
  page_head(c, or_empty(s->title.text), NULL);
  hui_buf_puts(c->b, "<body>\n");
  open_tag(c, "section", "page", NULL);
  hui_buf_putc(c->b, '\n');
  put_article(c, s, stems[i]);
  hui_buf_puts(c->b, "</section>\n</body>\n</html>\n");
  add_page(c, hui_xasprintf("wechat/%s", files[i]), &wx);
  c->inline_styles = false;
}

/* Every awardee's photo and figures made before any page names them. */
static bool make_photos(ctx *c, const size_t *order, size_t norder, char **stems) {
  for (size_t i = 0; i < norder; i++) {
    const hui_submission *s = &c->e->subs[order[i]];
    uint32_t w, h;
    if (s->photo.text && *s->photo.text && !make_photo(c, s->photo.text, stems[i], true, &w, &h))
      return false;
  }
  return true;
}

/* Files in the folder's own order: the site's top folder first, then by path. */
static int file_cmp(const void *a, const void *b) {
  const hui_web_file *x = a, *y = b;
  bool dx = strchr(x->path, '/') != NULL, dy = strchr(y->path, '/') != NULL;
  if (dx != dy) return dx ? 1 : -1;
  return strcmp(x->path, y->path);
}

hui_web_site *hui_web_compose(const hui_edition *e, const size_t *order, size_t norder,
                              const char *css, char **why) {
  hui_web_site *site = hui_xcalloc(1, sizeof *site);
  ctx c = {.e = e, .site = site};
  /* file names: index and style are the site's own */
  enum { OWN = 3 };
  char **files = hui_xcalloc(norder + OWN, sizeof *files);
  char **stems = hui_xcalloc(norder + 1, sizeof *stems);
  files[0] = hui_xstrdup("index.html");
  files[1] = hui_xstrdup("style.html");
  files[2] = hui_xstrdup("preface.html");
  for (size_t i = 0; i < norder; i++) {
    files[i + OWN] = hui_html_file_name(e->subs[order[i]].id.text, ".html", files, i + OWN);
    stems[i] = hui_xstrndup(files[i + OWN], strlen(files[i + OWN]) - 5);
  }
  bool ok = make_photos(&c, order, norder, stems);
  if (ok) {
    hui_buf index = {0};
    c.b = &index;
    put_index(&c, order, norder, files + OWN, stems);
    add_page(&c, hui_xstrdup("index.html"), &index);
    add_file(site, hui_xstrdup("style.css"), (unsigned char *)hui_xstrdup(css), strlen(css), false);
    for (size_t i = 0; i < norder; i++) article_pages(&c, order, norder, i, files + OWN, stems);
    ok = !c.why;
    if (site->n) qsort(site->files, site->n, sizeof *site->files, file_cmp);
  }
  for (size_t i = 0; i < norder + OWN; i++) free(files[i]);
  for (size_t i = 0; i < norder; i++) free(stems[i]);
  free(files);
  free(stems);
  free(c.notes);
  if (!ok) {
    *why = c.why;
    hui_web_site_free(site);
    return NULL;
  }
  return site;
}

void hui_web_site_free(hui_web_site *s) {
  if (!s) return;
  for (size_t i = 0; i < s->n; i++) {
    free(s->files[i].path);
    free(s->files[i].bytes);
  }
  free(s->files);
  free(s);
}
