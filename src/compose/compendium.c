/* compendium: the bound volume — cover, 前言, 目录, a part per tier with its
 * articles, the closing list of candidates — as display-list pages.
 *
 * Outline:
 *   1. The page master from the template (layout/page.c): the type area as
 *      a grid of lines, running heads, folios, right-hand starts.
 *   2. The body is composed first (parts and articles, each article a flow
 *      set on the master's pages on its own), so every article's page
 *      number is known.
 *   3. The front matter (cover, preface, contents with those numbers) is
 *      composed after it and put in front; the body is numbered from 1, the
 *      front matter i, ii, … so the body's numbers never depend on the length
 *      of the contents.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../layout/box.h"
#include "../layout/flow.h"
#include "../layout/page.h"
#include "../layout/para.h"
#include "../layout/table.h"
#include "../text/order.h"
#include "blocks.h"
#include "book.h"

/* A list of pages being built (front matter or body), numbered by the page
 * master. Finished pages are handed to the sink after each article, so only
 * one article's pages are in memory at a time. */
typedef struct plist {
  hui_pages pages;   /* made but not yet handed on; numbered i, ii… or 1, 2… */
  hui_outline *marks;
  size_t nmarks, capmarks;
} plist;

typedef struct ctx {
  const hui_edition *e;
  const hui_template *t;
  hui_fonts *fonts;
  hui_diags *d;
  hui_master m;     /* the template's page master (layout/page.h) */
  hui_book *book;
  hui_flow *flow;
  size_t para_base; /* paragraph numbers of earlier flows */
  hui_backend *out; /* where pages go, or NULL */
  const char *file; /* the file of the body being set, for findings */
  char *why;        /* the backend's failure, which stops composing */
  int note_no;      /* the article's footnotes so far (numbered per article) */
} ctx;

static double mm(double v) { return v * 72.0 / 25.4; }

static double size_or(double v, double fallback) { return v > 0 ? v : fallback; }

static hui_para *para_text(ctx *c, const char *text, hui_role role, double size, hui_align align,
                           double indent, bool balance, double measure) {
  hui_para *p = hui_para_new(c->fonts);
  hui_para_add(p, text, role, size, 0);
  hui_para_spec spec = {measure > 0 ? measure : c->m.measure, indent, 0, align, balance,
                        c->t->strict_breaks, false};
  hui_para_set(p, &spec);
  return p;
}

/* Draws text on one line at x (its left edge, centre or right edge by align),
 * baseline y, in black. */
static double draw_text(ctx *c, hui_dpage *page, const char *text, hui_role role, double size,
                        double x, double y, hui_align align) {
  return hui_text_line(c->fonts, page, text, role, size, hui_gray(0), x, y, align);
}

/* A new page of l; with a running head and a folio unless blank. Running
 * heads: the volume's title on left pages, the section (tier) on right
 * pages (docs/typography.md, E8); head NULL: none. */
static hui_dpage *new_page(ctx *c, plist *l, const char *head, bool folio) {
  hui_heads heads = {c->e->campaign.compendium.title.text, head};
  return hui_master_page(&c->m, &l->pages, head ? &heads : NULL, folio);
}

/* The grid's left edge on the last page of l. */
static double left_of(const ctx *c, const plist *l) {
  return hui_master_left(&c->m, (int)l->pages.count);
}

/* A bookmark on page (an index into l's pages). */
static void add_mark(void *list, size_t page, int level, const char *title, double y) {
  plist *l = list;
  hui_outline *o = HUI_PUSH(l->marks, l->nmarks, l->capmarks);
  *o = (hui_outline){level, hui_xstrdup(title), page, y};
}

/* Sets the flow on new pages of l (layout/page.c), under running head head. */
static void emit_flow(ctx *c, plist *l, const char *head) {
  hui_heads heads = {c->e->campaign.compendium.title.text, head};
  size_t n = hui_flow_len(c->flow);
  hui_master_flow(&c->m, &l->pages, c->flow, &heads, c->para_base, add_mark, l);
  c->para_base += n + 1;
}

/* --- Body content: DocBook blocks and inlines -------------------------- */

static bool is_block(const hui_node *n) {
  switch (n->kind) {
  case HUI_N_PARA: case HUI_N_SECTION: case HUI_N_TITLE: case HUI_N_ITEMIZED:
  case HUI_N_ORDERED: case HUI_N_ITEM: case HUI_N_BLOCKQUOTE: case HUI_N_ROOT:
    return true;
  default:
    return false;
  }
}

/* The role of inline text: emphasis in 楷体, bold emphasis in 黑体. */
static hui_role inline_role(const hui_node *n, const hui_node *top, hui_role base) {
  for (; n && n != top; n = n->parent)
    if (n->kind == HUI_N_EMPHASIS) return n->flags & HUI_NODE_BOLD ? HUI_ROLE_HEADING : HUI_ROLE_KAI;
  return base;
}

/* The footnotes met while a paragraph's inlines are added: each one's mark
 * is put into the text and the node kept for its note. */
typedef struct note_list {
  ctx *c;
  const hui_node **nodes;
  size_t n, cap;
} note_list;

static void add_note_mark(hui_para *p, note_list *nl, const hui_node *fn, double size);
static void add_notes(ctx *c, const hui_para *text, const note_list *nl);

/* Adds the inline content of a block node (para, title) to p, without
 * recursion: enter/leave events over the subtree. A footnote adds its mark
 * (when notes is not NULL) and nothing of its text. */
static void add_inlines_notes(hui_para *p, const hui_node *top, hui_role base, double size,
                              note_list *notes) {
  const hui_node *n = top->first;
  while (n) {
    if (n->kind == HUI_N_TEXT && n->text)
      hui_para_add(p, n->text, inline_role(n, top, base), size, 0);
    else if (n->kind == HUI_N_QUOTE)
      hui_para_add(p, "\xE2\x80\x9C", inline_role(n, top, base), size, 0); /* “ */
    else if (n->kind == HUI_N_FOOTNOTE && notes) add_note_mark(p, notes, n, size);
    if (n->first && !is_block(n) && n->kind != HUI_N_FOOTNOTE) {
      n = n->first;
      continue;
    }
    while (n && n != top && !n->next) {
      n = n->parent;
      if (n && n != top && n->kind == HUI_N_QUOTE)
        hui_para_add(p, "\xE2\x80\x9D", inline_role(n, top, base), size, 0); /* ” */
    }
    if (!n || n == top) break;
    n = n->next;
  }
}

static void add_inlines(hui_para *p, const hui_node *top, hui_role base, double size) {
  add_inlines_notes(p, top, base, size, NULL);
}

typedef struct block_state {
  int section_depth;
  int quote_depth;
  int list_number; /* next number of the innermost ordered list, 0 = itemized */
} block_state;

static int section_depth(const hui_node *n) {
  int d = 0;
  for (; n; n = n->parent) d += n->kind == HUI_N_SECTION;
  return d;
}

static bool in_quote(const hui_node *n) {
  for (; n; n = n->parent)
    if (n->kind == HUI_N_BLOCKQUOTE) return true;
  return false;
}

/* The label of a list item's first paragraph: "1." or "●". */
static void item_label(const hui_node *para, char *out, size_t cap) {
  out[0] = '\0';
  const hui_node *item = para->parent;
  if (!item || item->kind != HUI_N_ITEM || item->first != para) return;
  const hui_node *list = item->parent;
  if (list && list->kind == HUI_N_ORDERED) {
    int k = 1;
    for (const hui_node *s = list->first; s && s != item; s = s->next) k++;
    snprintf(out, cap, "%d.", k);
  } else {
    snprintf(out, cap, "\xE2\x97\x8F"); /* ● */
  }
}

static void add_para_node(ctx *c, const hui_node *n) {
  double em = c->m.body;
  hui_role role = in_quote(n) ? HUI_ROLE_KAI : HUI_ROLE_BODY;
  hui_para *p = hui_para_new(c->fonts);
  char label[32];
  item_label(n, label, sizeof label);
  if (*label) hui_para_add(p, label, HUI_ROLE_BODY, em, 0);
  note_list notes = {.c = c};
  add_inlines_notes(p, n, role, em, &notes);
  hui_para_spec spec = {c->m.measure, 2 * em, 0, HUI_ALIGN_JUSTIFY, false, c->t->strict_breaks,
                        true};
  /* The 落款 and its date (GB/T 9704 §7.3.5, TYPOGRAPHY E9): no indent, set
   * right with the right edge four cells in; the signature keeps with the
   * date that follows it, so the two never part across a page. */
  bool signature = n->flags & HUI_NODE_SIGNATURE;
  if (signature || (n->flags & HUI_NODE_DATE)) {
    spec.measure -= 4 * em;
    spec.indent_first = 0;
    spec.align = HUI_ALIGN_RIGHT;
  }
  hui_para_set(p, &spec);
  if (hui_para_nlines(p)) {
    /* G8: the 落款 never stands on a page without the body's last line */
    if (signature) hui_flow_keep_last(c->flow);
    hui_flow_para_tag(c->flow, p, 0, signature, HUI_DL_BODY);
    add_notes(c, p, &notes);
  } else {
    hui_para_free(p);
  }
  free(notes.nodes);
}

/* --- Footnotes ------------------------------------------------------------ */

/* Footnote k (from 1) as its mark reads: ① … ⑳ (then [21] …), or [1] [2]
 * when the template asks for arabic numbers. */
static void note_label(const ctx *c, int k, char *out, size_t cap) {
  if (!c->t->note_arabic && k >= 1 && k <= 20) {
    char u[8];
    size_t n = hui_utf8_encode(0x2460 + (uint32_t)(k - 1), u);
    snprintf(out, cap, "%.*s", (int)n, u);
  } else {
    snprintf(out, cap, "[%d]", k);
  }
}

static double note_size(const ctx *c) {
  return c->t->note_pt > 0 ? c->t->note_pt : 0.75 * c->m.body;
}

/* The mark in the text: smaller than the text and raised, its top about
 * level with the characters' (a superscript). */
static void add_note_mark(hui_para *p, note_list *nl, const hui_node *fn, double size) {
  char label[32];
  note_label(nl->c, ++nl->c->note_no, label, sizeof label);
  hui_para_add_mark(p, label, HUI_ROLE_BODY, 0.6 * size, 0.33 * size);
  *HUI_PUSH(nl->nodes, nl->n, nl->cap) = fn;
}

/* The notes of a paragraph just added to the flow, hung on the lines of
 * their marks: each of a footnote's paragraphs set at the note size over the
 * measure, the first starting with the number, the lines after it hanging
 * clear of the number. */
static void add_notes(ctx *c, const hui_para *text, const note_list *nl) {
  double fs = note_size(c), pitch = 1.4 * fs;
  int first = c->note_no - (int)nl->n + 1;
  for (size_t k = 0; k < nl->n; k++) {
    char label[32];
    note_label(c, first + (int)k, label, sizeof label);
    char *lead = hui_xasprintf("%s\xE3\x80\x80", label); /* ideographic space */
    double hang = hui_text_width(c->fonts, lead, HUI_ROLE_BODY, fs);
    size_t line = hui_para_mark_line(text, k);
    for (const hui_node *np = nl->nodes[k]->first; np; np = np->next) {
      if (np->kind != HUI_N_PARA) continue;
      hui_para *p = hui_para_new(c->fonts);
      if (np == nl->nodes[k]->first) hui_para_add(p, lead, HUI_ROLE_BODY, fs, 0);
      add_inlines(p, np, HUI_ROLE_BODY, fs);
      hui_para_spec spec = {.measure = c->m.measure,
                            .indent_first = np == nl->nodes[k]->first ? 0 : hang,
                            .indent_rest = hang,
                            .align = HUI_ALIGN_JUSTIFY,
                            .strict = c->t->strict_breaks,
                            .total_fit = true};
      hui_para_set(p, &spec);
      if (hui_para_nlines(p)) hui_flow_note(c->flow, line, p, pitch);
      else hui_para_free(p);
    }
    free(lead);
  }
}

/* --- Text set apart: epigraphs (颁奖辞) and editor's notes (编者按) -------- */

/* True when the text of title ends in a colon (：or :), white space aside. */
static bool ends_in_colon(const hui_node *title) {
  const char *last = NULL;
  for (const hui_node *n = title; n; n = hui_node_walk_next(title, n))
    if (n->kind == HUI_N_TEXT && n->text) {
      const char *t = n->text;
      while (*t && strchr(" \t\r\n", *t)) t++;
      if (*t) last = n->text;
    }
  if (!last) return false;
  size_t len = strlen(last);
  while (len && strchr(" \t\r\n", last[len - 1])) len--;
  return (len >= 1 && last[len - 1] == ':') ||
         (len >= 3 && memcmp(last + len - 3, "\xEF\xBC\x9A", 3) == 0);
}

/* An epigraph or an editor's note: a blank line above and below, its
 * paragraphs indented two cells on both sides, in the template's role for
 * them (楷体 by default). An editor's note starts with its title (编者按
 * when it has none) run in, in 黑体, with a colon (unless it has one). */
static void add_apart(ctx *c, const hui_node *n) {
  double em = c->m.body;
  hui_role role = (hui_role)c->t->apart_role;
  if (role < 0 || role >= HUI_ROLE_COUNT) role = HUI_ROLE_KAI;
  /* A blank line above, kept with the block (a heading before it stays
   * with it); none when the flow already ends in one (the title block). */
  size_t len = hui_flow_len(c->flow);
  if (!len || hui_flow_at(c->flow, len - 1)->kind != HUI_V_SPACE) hui_flow_space(c->flow, 1, true);
  bool first = true;
  for (const hui_node *b = n->first; b; b = b->next) {
    if (b->kind != HUI_N_PARA) continue;
    hui_para *p = hui_para_new(c->fonts);
    if (first && n->kind == HUI_N_EDITOR_NOTE) {
      const hui_node *title = n->first->kind == HUI_N_TITLE ? n->first : NULL;
      if (title) add_inlines(p, title, HUI_ROLE_HEADING, em);
      else hui_para_add(p, "编者按", HUI_ROLE_HEADING, em, 0);
      if (!title || !ends_in_colon(title))
        hui_para_add(p, "\xEF\xBC\x9A", HUI_ROLE_HEADING, em, 0); /* ： */
    }
    first = false;
    add_inlines(p, b, role, em);
    hui_para_spec spec = {.measure = c->m.measure - 4 * em,
                          .indent_first = 2 * em,
                          .align = HUI_ALIGN_JUSTIFY,
                          .strict = c->t->strict_breaks};
    hui_para_set(p, &spec);
    if (hui_para_nlines(p)) hui_flow_para_tag(c->flow, p, 2 * em, false, HUI_DL_OTHER);
    else hui_para_free(p);
  }
  hui_flow_space(c->flow, 1, false);
}

static void add_heading_node(ctx *c, const hui_node *title) {
  double em = c->m.body;
  int depth = section_depth(title);
  /* GB/T 9704 §7.3.3: first level 黑体, second 楷体, third 仿宋 (the body's
   * role), all at body size, indented two characters like a paragraph. A
   * section's subtitle: the line under its heading, in 楷体 as the
   * article's subtitle, kept with the heading and what follows. */
  hui_role role = depth <= 1 ? HUI_ROLE_HEADING : depth == 2 ? HUI_ROLE_KAI : HUI_ROLE_BODY;
  if (title->flags & HUI_NODE_SUBTITLE) role = HUI_ROLE_KAI;
  hui_para *p = hui_para_new(c->fonts);
  add_inlines(p, title, role, size_or(c->t->heading_pt, em));
  hui_para_spec spec = {c->m.measure, 2 * em, 0, HUI_ALIGN_JUSTIFY, false, c->t->strict_breaks,
                        false};
  hui_para_set(p, &spec);
  if (hui_para_nlines(p))
    hui_flow_para_tag(c->flow, p, 0, true, HUI_DL_HEADING);
  else
    hui_para_free(p);
}

/* A table (compose/blocks.c): its title kept with it, then its parts, a
 * blank line before and after. Its findings were the check's
 * (hui_compendium_check). */
static void add_table_node(ctx *c, const hui_node *n) {
  hui_flow_space(c->flow, 1, true); /* kept with the table: a heading before it keeps with both */
  hui_para *title = hui_compose_table_title(n, &c->m, c->fonts, c->t->strict_breaks, add_inlines);
  if (title && hui_para_nlines(title)) hui_flow_para_tag(c->flow, title, 0, true, HUI_DL_HEADING);
  else hui_para_free(title);
  hui_table *t =
      hui_compose_table(n, &c->m, c->fonts, c->t->strict_breaks, add_inlines, NULL, NULL);
  hui_table_flow(t, c->flow, false);
  hui_flow_space(c->flow, 1, false);
}

static const hui_image *load_image(ctx *c, const char *file, const char *rel, hui_pos pos);

/* A figure: its photo and caption, kept on one page (compose/blocks.c),
 * and a blank line after them. */
static void add_figure_node(ctx *c, const hui_node *n) {
  const hui_node *image = n->first, *caption = NULL;
  for (const hui_node *k = n->first; k; k = k->next)
    if (k->kind == HUI_N_CAPTION) caption = k;
  const hui_image *img =
      image && image->kind == HUI_N_IMAGE ? load_image(c, c->file, image->text, image->pos) : NULL;
  hui_figure_flow(c->flow, &c->m, c->fonts, img, caption, c->t->strict_breaks, add_inlines);
  hui_flow_space(c->flow, 1, false);
}

/* Walks the block structure of a body without recursion. */
static void add_blocks(ctx *c, const hui_node *root) {
  const hui_node *n = root->first;
  while (n) {
    bool descend = false;
    switch (n->kind) {
    case HUI_N_PARA: add_para_node(c, n); break;
    case HUI_N_TITLE: add_heading_node(c, n); break;
    case HUI_N_TABLE: add_table_node(c, n); break;
    case HUI_N_FIGURE: add_figure_node(c, n); break;
    case HUI_N_EPIGRAPH:
    case HUI_N_EDITOR_NOTE: add_apart(c, n); break;
    case HUI_N_SECTION: case HUI_N_ITEMIZED: case HUI_N_ORDERED: case HUI_N_ITEM:
    case HUI_N_BLOCKQUOTE:
      descend = true;
      break;
    default:
      break; /* inline content is set by its paragraph */
    }
    if (descend && n->first) {
      n = n->first;
      continue;
    }
    while (n && n != root && !n->next) n = n->parent;
    if (!n || n == root) break;
    n = n->next;
  }
}

/* Hands the finished pages of l on to the backend and frees them. */
static bool flush(ctx *c, plist *l) {
  bool front = l->pages.numbering == HUI_NUMBERS_ROMAN;
  for (size_t i = 0; i < l->pages.n; i++) {
    hui_dpage *page = l->pages.pages[i];
    l->pages.pages[i] = NULL;
    if (c->out && !c->why && !hui_backend_page(c->out, page, front, &c->why) && !c->why)
      c->why = hui_xstrdup(_("the output refused a page"));
    hui_dpage_free(page);
  }
  l->pages.n = 0;
  return !c->why;
}

/* Photos are freed once their pages are written. */
static void release_images(ctx *c) {
  for (size_t i = 0; i < c->book->nimages; i++) hui_image_free(c->book->images[i]);
  c->book->nimages = 0;
}

/* --- Articles ----------------------------------------------------------- */

/* The image rel (a photo or a figure's) named at pos in file, loaded for
 * the pages and freed with the article's pages; NULL (an error) when it
 * went away since the check found it fine. */
static const hui_image *load_image(ctx *c, const char *file, const char *rel, hui_pos pos) {
  if (!rel || !*rel) return NULL;
  char *path = hui_path_inside(c->e->dir, rel);
  if (!path) {
    /* The check found it: it went away since. An error, so nothing is written. */
    hui_diag_add(c->d, HUI_ERROR, file, pos.line, pos.col, "photo-unreadable",
                 _("photo '%s' is no longer inside the edition folder (it was when the edition was "
                   "checked)"),
                 rel);
    return NULL;
  }
  char *why = NULL;
  hui_image *img = hui_image_load_for_embedding(path, &why);
  free(path);
  if (!img) {
    hui_diag_add(
        c->d, HUI_ERROR, file, pos.line, pos.col, "photo-unreadable",
        _("photo '%s' cannot be read any more (%s); it could when the edition was checked"), rel,
        why ? why : _("unreadable"));
    free(why);
    return NULL;
  }
  *HUI_PUSH(c->book->images, c->book->nimages, c->book->capimages) = img;
  return img;
}

static const hui_image *load_photo(ctx *c, const hui_submission *s) {
  return load_image(c, s->path, s->photo.text, s->photo.pos);
}

static void article(ctx *c, plist *l, const hui_submission *s, const hui_tier *tier) {
  const hui_master *g = &c->m;
  double em = g->body;
  hui_flow *f = c->flow;
  c->note_no = 0;
  hui_flow_mark(f, 1, s->title.text ? s->title.text : s->id.text);
  /* Title block: kept together and with the first lines of the body. */
  hui_flow_para_tag(f, para_text(c, s->title.text ? s->title.text : "", HUI_ROLE_TITLE,
                                  size_or(c->t->title_pt, 22), HUI_ALIGN_CENTER, 0, true, 0),
                     0, true, HUI_DL_TITLE);
  if (s->subtitle.text && *s->subtitle.text) {
    /* A subtitle is introduced by a dash (——记…) unless it has one. */
    bool dashed = strncmp(s->subtitle.text, "\xE2\x80\x94", 3) == 0;
    char *sub = hui_xasprintf("%s%s", dashed ? "" : "\xE2\x80\x94\xE2\x80\x94", s->subtitle.text);
    hui_flow_para(f, para_text(c, sub, HUI_ROLE_KAI, size_or(c->t->subtitle_pt, em),
                               HUI_ALIGN_CENTER, 0, true, 0),
                  0, true);
    free(sub);
  }
  hui_flow_space(f, 1, true);
  hui_flow_para(f, para_text(c, hui_submission_name(s), HUI_ROLE_HEADING, em, HUI_ALIGN_CENTER, 0,
                             false, 0),
                0, true);
  hui_buf meta = {0};
  if (s->unit.text && *s->unit.text) hui_buf_puts(&meta, s->unit.text);
  if (s->position.text && *s->position.text) {
    if (meta.len) hui_buf_puts(&meta, "\xE3\x80\x80"); /* ideographic space */
    hui_buf_puts(&meta, s->position.text);
  }
  if (meta.len)
    hui_flow_para(f, para_text(c, meta.data, HUI_ROLE_KAI, size_or(c->t->meta_pt, em),
                               HUI_ALIGN_CENTER, 0, true, 0),
                  0, true);
  hui_buf_free(&meta);
  const hui_image *img = load_photo(c, s);
  if (img) {
    double w = mm(c->t->photo_w > 0 ? c->t->photo_w : 30);
    double h = mm(c->t->photo_h > 0 ? c->t->photo_h : 40);
    uint32_t iw, ih;
    hui_image_upright_size(img, &iw, &ih);
    if (iw && ih) {
      /* Keep the (upright) photo's aspect ratio inside the template's box. */
      double ar = (double)iw / ih;
      if (w / h > ar) w = h * ar;
      else h = w / ar;
    }
    int lines = (int)ceil(h / g->pitch - 0.05);
    if (lines >= g->lines - 4) lines = g->lines - 4;
    hui_flow_space(f, 1, true);
    hui_flow_image(f, img, (g->measure - w) / 2, w, h, lines, true);
  }
  hui_flow_space(f, 1, true);
  c->file = s->path;
  if (s->body) add_blocks(c, s->body);
  hui_master_recto(&c->m, &l->pages);
  size_t before = l->pages.count;
  emit_flow(c, l, tier->name);
  hui_toc_entry *te = HUI_PUSH(c->book->toc, c->book->ntoc, c->book->captoc);
  te->sub = (size_t)(s - c->e->subs);
  te->page = before; /* body index; shifted by the front matter later */
  te->number = (int)before + 1;
}

/* A part title page: the tier's name, letter-spaced, in the upper third. */
static void part_page(ctx *c, plist *l, const hui_tier *tier) {
  hui_master_recto(&c->m, &l->pages);
  hui_dpage *page = new_page(c, l, NULL, false);
  add_mark(l, l->pages.count - 1, 0, tier->name, 0);
  hui_buf spaced = {0};
  const char *s = tier->name;
  size_t len = strlen(s), i = 0;
  while (i < len) {
    uint32_t cp;
    size_t n = hui_utf8_decode(s + i, len - i, &cp);
    if (!n) break;
    if (i) hui_buf_puts(&spaced, "\xE3\x80\x80"); /* ideographic space */
    hui_buf_add(&spaced, s + i, n);
    i += n;
  }
  double size = size_or(c->t->part_title_pt, 26);
  draw_text(c, page, spaced.data ? spaced.data : "", HUI_ROLE_TITLE, size,
            left_of(c, l) + c->m.measure / 2, c->m.ph * 0.38, HUI_ALIGN_CENTER);
  hui_buf_free(&spaced);
}

/* The tier column of the candidates' list: as wide as the longest tier name
 * (or 入选), with its padding, in whole characters. */
static double tier_column(const ctx *c) {
  size_t most = 2; /* 入选 */
  const hui_campaign *cp = &c->e->campaign;
  for (size_t t = 0; t < cp->ntiers; t++) {
    size_t n = hui_utf8_count(cp->tiers[t].name, strlen(cp->tiers[t].name));
    if (n > most) most = n;
  }
  return (double)(most + 1) * c->m.body;
}

/* One cell of the candidates' table with its one paragraph: text (may be
 * NULL), then whole (a run no line breaks inside, may be NULL) after an
 * ideographic space. */
static void candidate_cell(ctx *c, hui_table *t, int row, int col, int cols, const char *text,
                           const char *whole, hui_role role) {
  hui_table_cell(t, row, col, 1, cols);
  hui_para *p = hui_table_para(t);
  double em = c->m.body;
  if (text && *text) hui_para_add(p, text, role, em, 0);
  if (whole && *whole) {
    if (text && *text) hui_para_add(p, "\xE3\x80\x80", role, em, 0);
    hui_para_add_whole(p, whole, role, em);
  }
}

/* 入选名单: every submission (awarded or not, the withdrawn left out) in
 * name order, as a table on the grid (layout/table.c): the name, the unit
 * and position (the unit wraps inside its column, the position is never
 * broken), the tier. The header row is repeated on a continued page. */
static void candidates(ctx *c, plist *l) {
  const hui_edition *e = c->e;
  size_t n;
  size_t *all = hui_order_all_by_name(e, &n);
  if (!n) {
    free(all);
    return;
  }
  hui_flow *f = c->flow;
  hui_flow_mark(f, 0, "入选名单");
  hui_flow_para(f, para_text(c, "入选名单", HUI_ROLE_TITLE, size_or(c->t->title_pt, 22),
                             HUI_ALIGN_CENTER, 0, false, 0),
                0, true);
  hui_flow_space(f, 1, true);
  hui_table *t = hui_table_new(c->fonts, 3, (int)n + 1);
  hui_table_col(t, 0, 0, 2);
  hui_table_col(t, 1, 0, 5);
  hui_table_col(t, 2, tier_column(c), 0);
  hui_table_head(t, 1);
  candidate_cell(c, t, 0, 0, 1, "姓名", NULL, HUI_ROLE_HEADING);
  candidate_cell(c, t, 0, 1, 1, "工作单位及职务", NULL, HUI_ROLE_HEADING);
  candidate_cell(c, t, 0, 2, 1, "奖项", NULL, HUI_ROLE_HEADING);
  for (size_t i = 0; i < n; i++) {
    const hui_submission *s = &e->subs[all[i]];
    int row = (int)i + 1;
    /* a collective without unit or position: its name takes both columns */
    bool alone = !(s->unit.text && *s->unit.text) && !(s->position.text && *s->position.text);
    candidate_cell(c, t, row, 0, alone ? 2 : 1, hui_submission_name(s), NULL, HUI_ROLE_BODY);
    if (!alone) candidate_cell(c, t, row, 1, 1, s->unit.text, s->position.text, HUI_ROLE_BODY);
    candidate_cell(c, t, row, 2, 1, s->tier >= 0 ? e->campaign.tiers[s->tier].name : "入选", NULL,
                   HUI_ROLE_BODY);
  }
  free(all);
  /* What does not fit (a position wider than its column) is broken where it
   * must; the text is the submissions', whose own rules report long fields. */
  const hui_table_fault *faults;
  (void)hui_table_layout(t, &c->m, c->t->strict_breaks, &faults);
  hui_table_flow(t, f, false);
  hui_master_recto(&c->m, &l->pages);
  emit_flow(c, l, "入选名单");
}

/* --- Front matter ------------------------------------------------------- */

static const char *CN_DIGITS[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* "二〇二〇年十一月" from an ISO date (or just the year). */
static char *chinese_month(const char *date, int year) {
  hui_buf b = {0};
  int y = year, m = 0;
  if (date && strlen(date) >= 7) {
    y = atoi(date);
    m = atoi(date + 5);
  }
  char digits[16];
  snprintf(digits, sizeof digits, "%d", y);
  for (char *p = digits; *p; p++)
    if (*p >= '0' && *p <= '9') hui_buf_puts(&b, CN_DIGITS[*p - '0']);
  hui_buf_puts(&b, "年");
  if (m >= 1 && m <= 12) {
    if (m >= 10) hui_buf_puts(&b, "十");
    if (m % 10 || m < 10) hui_buf_puts(&b, CN_DIGITS[m % 10]);
    hui_buf_puts(&b, "月");
  }
  return hui_buf_take(&b);
}

static void cover(ctx *c, plist *l) {
  const hui_campaign *cp = &c->e->campaign;
  const hui_master *g = &c->m;
  hui_dpage *page = new_page(c, l, NULL, false);
  double size = size_or(c->t->cover_title_pt, 26);
  hui_para *p = para_text(c, cp->compendium.title.text ? cp->compendium.title.text : "",
                          HUI_ROLE_TITLE, size, HUI_ALIGN_CENTER, 0, true, g->measure - 2 * size);
  double left = hui_master_left(g, 1);
  for (size_t i = 0; i < hui_para_nlines(p); i++)
    hui_para_draw_line(p, i, page, left + size, g->ph * 0.3 + i * size * 1.6);
  hui_para_free(p);
  double em = g->body;
  if (cp->organizer.text)
    draw_text(c, page, cp->organizer.text, HUI_ROLE_KAI, em, left + g->measure / 2, g->ph * 0.72,
              HUI_ALIGN_CENTER);
  char *date = chinese_month(cp->certificate.date.text, cp->year_num);
  draw_text(c, page, date, HUI_ROLE_KAI, em, left + g->measure / 2, g->ph * 0.72 + 2 * em,
            HUI_ALIGN_CENTER);
  free(date);
}

static void section_title(ctx *c, const char *title, const char *bookmark) {
  hui_flow_mark(c->flow, 0, bookmark);
  hui_flow_para(c->flow, para_text(c, title, HUI_ROLE_TITLE, size_or(c->t->title_pt, 22),
                                   HUI_ALIGN_CENTER, 0, false, 0),
                0, true);
  hui_flow_space(c->flow, 1, true);
}

static void preface(ctx *c, plist *l) {
  const hui_node *pre = c->e->campaign.compendium.preface;
  if (!pre || !pre->first) return;
  hui_master_recto(&c->m, &l->pages);
  section_title(c, "前　言", "前言");
  c->file = c->e->campaign.path;
  add_blocks(c, pre);
  emit_flow(c, l, "前言");
}

static void contents(ctx *c, plist *l, const hui_book *body) {
  const hui_edition *e = c->e;
  double em = c->m.body;
  hui_master_recto(&c->m, &l->pages);
  section_title(c, "目　录", "目录");
  int last_tier = -1;
  for (size_t i = 0; i < body->ntoc; i++) {
    const hui_toc_entry *te = &body->toc[i];
    const hui_submission *s = &e->subs[te->sub];
    if (s->tier != last_tier) {
      last_tier = s->tier;
      hui_flow_para(c->flow, para_text(c, e->campaign.tiers[s->tier].name, HUI_ROLE_HEADING, em,
                                       HUI_ALIGN_LEFT, 0, false, 0),
                    0, true);
    }
    char *text = hui_xasprintf("%s\xE3\x80\x80%s", s->title.text ? s->title.text : "",
                               hui_submission_name(s));
    hui_para *p = hui_para_new(c->fonts);
    hui_para_add(p, text, HUI_ROLE_BODY, em, 0);
    /* Wrapped entries hang one character in; the last line leaves room for
     * leaders and the page number. */
    hui_para_spec spec = {c->m.measure - 4 * em, em, 2 * em, HUI_ALIGN_JUSTIFY, false,
                          c->t->strict_breaks, false};
    hui_para_set(p, &spec);
    free(text);
    hui_flow_para(c->flow, p, 0, false);
    char num[24];
    snprintf(num, sizeof num, "%d", te->number);
    hui_flow_tail(c->flow, num);
  }
  emit_flow(c, l, "目录");
}

/* --- Assembly ----------------------------------------------------------- */

/* Frees what l still holds: pages not handed on, bookmarks not moved. */
static void plist_free(plist *l) {
  hui_pages_free(&l->pages);
  for (size_t i = 0; i < l->nmarks; i++) free(l->marks[i].title);
  free(l->marks);
}

/* Moves the bookmarks of l to the book, its pages starting at base. */
static void append_marks(hui_book *b, plist *l, size_t base) {
  for (size_t i = 0; i < l->nmarks; i++) {
    hui_outline *o = HUI_PUSH(b->outlines, b->noutlines, b->capoutlines);
    *o = l->marks[i];
    o->page += base;
  }
  free(l->marks);
  l->marks = NULL;
  l->nmarks = l->capmarks = 0;
}

hui_book *hui_compendium_stream(const hui_edition *e, const size_t *order, size_t norder,
                                const hui_template *t, hui_fonts *fonts, hui_diags *d,
                                hui_backend *out, hui_progress_fn progress, void *progress_ctx,
                                char **why) {
  hui_book *book = hui_xcalloc(1, sizeof *book);
  ctx c = {.e = e, .t = t, .fonts = fonts, .d = d, .book = book, .flow = hui_flow_new()};
  hui_page_spec spec = hui_book_page_spec(t);
  hui_master_init(&c.m, &spec, fonts);
  /* The footnote area: the rule's room above the notes, one note size. */
  hui_flow_foot(c.flow, c.m.pitch, note_size(&c));
  c.out = out;
  plist body = {0}, front = {0};
  front.pages.numbering = HUI_NUMBERS_ROMAN;
  int tier = -1;
  for (size_t i = 0; i < norder && !c.why; i++) {
    const hui_submission *s = &e->subs[order[i]];
    if (s->tier != tier) {
      tier = s->tier;
      part_page(&c, &body, &e->campaign.tiers[tier]);
    }
    article(&c, &body, s, &e->campaign.tiers[tier]);
    flush(&c, &body);
    release_images(&c);
    if (progress && !progress(progress_ctx, i + 1, norder) && !c.why)
      c.why = hui_xstrdup(_("stopped before the end (the edition's check failed)"));
  }
  if (e->campaign.compendium.list_candidates && !c.why) candidates(&c, &body);
  flush(&c, &body);
  if (!c.why) {
    cover(&c, &front);
    preface(&c, &front);
    contents(&c, &front, book);
    hui_master_recto(&c.m, &front.pages); /* the body starts on a right-hand page */
  }
  flush(&c, &front);
  book->front = front.pages.count;
  book->total = front.pages.count + body.pages.count;
  append_marks(book, &front, 0);
  append_marks(book, &body, book->front);
  for (size_t i = 0; i < book->ntoc; i++) book->toc[i].page += book->front;
  plist_free(&front);
  plist_free(&body);
  hui_flow_free(c.flow);
  if (c.why) {
    if (why) *why = c.why;
    else free(c.why);
    hui_book_free(book);
    return NULL;
  }
  return book;
}

/* The tables of every body (and of the preface) laid out on the template's
 * grid, for their findings: what does not fit the measure or a page. */
static void check_tables(const hui_node *root, const hui_master *m, hui_fonts *fonts, bool strict,
                         const char *file, hui_diags *d) {
  for (const hui_node *n = root; n; n = hui_node_walk_next(root, n))
    if (n->kind == HUI_N_TABLE)
      hui_table_free(hui_compose_table(n, m, fonts, strict, add_inlines, file, d));
}

void hui_compendium_check(const hui_edition *e, const hui_template *t, hui_fonts *fonts,
                          hui_diags *d) {
  hui_page_spec spec = hui_book_page_spec(t);
  hui_master m;
  hui_master_init(&m, &spec, fonts);
  const hui_node *pre = e->campaign.compendium.preface;
  if (pre) check_tables(pre, &m, fonts, t->strict_breaks, e->campaign.path, d);
  for (size_t i = 0; i < e->nsubs; i++)
    if (e->subs[i].loaded && e->subs[i].body)
      check_tables(e->subs[i].body, &m, fonts, t->strict_breaks, e->subs[i].path, d);
}
