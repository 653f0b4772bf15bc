/* load/template: layout presets (templates/NAME.xml, docs/edition-format.md)
 * into a hui_template — a compendium's page, margins, grid and type sizes, or a
 * certificate's boxes, date style and border. A template is the office's own
 * file, not a clerk's: it has no schema check, and its first problem ends the
 * reading as one message with its line (the caller's *why), not as findings. */
#define _XOPEN_SOURCE 700 /* stat */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "base/i18n.h"
#include "load.h"
#include "load/xml.h"

static bool valid_template_name(const char *name) {
  if (!name || !*name) return false;
  for (const char *p = name; *p; p++)
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
          *p == '_' || *p == '-'))
      return false;
  return true;
}

/* Reads number attribute attr of n into *out (unchanged when absent). Returns
 * false with *why set when it is present but not a number >= min. */
static bool num_attr(const xmlNode *n, const char *attr, double min, double *out, const char *file,
                     int line, char **why) {
  char *v = hui_xml_attr(n, attr);
  if (!v) return true;
  char *end;
  errno = 0;
  double x = strtod(v, &end);
  bool ok = *v && !*end && !errno && x >= min && x < 10000;
  if (ok)
    *out = x;
  else
    *why = hui_xasprintf(_("%s:%d: <%s %s=\"%s\">: expected a number of at least %g"), file, line,
                         (const char *)n->name, attr, v, min);
  free(v);
  return ok;
}

static bool yes_attr(const xmlNode *n, const char *attr, bool *out, const char *file, int line,
                     char **why) {
  char *v = hui_xml_attr(n, attr);
  if (!v) return true;
  bool ok = strcmp(v, "yes") == 0 || strcmp(v, "no") == 0;
  if (ok)
    *out = strcmp(v, "yes") == 0;
  else
    *why = hui_xasprintf(_("%s:%d: <%s %s=\"%s\">: expected yes or no"), file, line,
                         (const char *)n->name, attr, v);
  free(v);
  return ok;
}

/* Reads a choice attribute: *out = the index of its value in names (a
 * NULL-terminated list), unchanged when absent. Returns false with *why set. */
static bool choice_attr(const xmlNode *n, const char *attr, const char *const *names, int *out,
                        const char *file, int line, char **why) {
  char *v = hui_xml_attr(n, attr);
  if (!v) return true;
  for (int i = 0; names[i]; i++)
    if (strcmp(v, names[i]) == 0) {
      *out = i;
      free(v);
      return true;
    }
  hui_buf all = {0};
  for (int i = 0; names[i]; i++) hui_buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
  *why = hui_xasprintf(_("%s:%d: <%s %s=\"%s\">: expected one of %s"), file, line,
                       (const char *)n->name, attr, v, all.data);
  hui_buf_free(&all);
  free(v);
  return false;
}

/* Certificate templates: <box field="name" x=… y=… w=… h=… (mm) role=… size=…
 * min=… (pt) leading=… spacing=… indent=… (em) align=… valign=… text=…/>,
 * <date style="arabic|chinese"/>, <border inset=… gap=… (mm) outer=… inner=…
 * (pt) corner=… (mm)/>. Returns false with *why set. */
static bool map_cert_element(const xmlNode *e, hui_template *t, const char *shown, int line,
                             char **why) {
  static const char *const FIELDS[] = {"title", "name", "text", "unit", "issuer",
                                       "date", "number", "seal", NULL};
  static const char *const ROLES[] = {"body", "heading", "title", "kai", "latin", NULL};
  static const char *const ALIGN[] = {"left", "center", "right", "justify", NULL};
  static const char *const VALIGN[] = {"top", "middle", "bottom", NULL};
  static const char *const DATES[] = {"arabic", "chinese", NULL};
  const char *nm = (const char *)e->name;
  if (strcmp(nm, "box") == 0) {
    int f = -1;
    if (!choice_attr(e, "field", FIELDS, &f, shown, line, why)) return false;
    if (f < 0) {
      *why = hui_xasprintf(_("%s:%d: <box> needs field=\"…\" (title, name, text, unit, issuer, "
                             "date, number or seal)"),
                           shown, line);
      return false;
    }
    hui_cbox *b = &t->cert.cbox[f];
    if (b->set) {
      *why = hui_xasprintf(_("%s:%d: a second <box field=\"%s\">"), shown, line, FIELDS[f]);
      return false;
    }
    b->set = true;
    int role = f == HUI_CBOX_TITLE ? 2 : 3, align = (int)b->align, valign = (int)b->valign;
    b->size = 16;
    b->leading = 1.5;
    b->min = -1;
    bool ok = num_attr(e, "x", 0, &b->x, shown, line, why) && num_attr(e, "y", 0, &b->y, shown, line, why) &&
              num_attr(e, "w", 1, &b->w, shown, line, why) && num_attr(e, "h", 1, &b->h, shown, line, why) &&
              num_attr(e, "size", 4, &b->size, shown, line, why) &&
              num_attr(e, "min", 4, &b->min, shown, line, why) &&
              num_attr(e, "leading", 1, &b->leading, shown, line, why) &&
              num_attr(e, "spacing", 0, &b->spacing, shown, line, why) &&
              num_attr(e, "indent", 0, &b->indent, shown, line, why) &&
              choice_attr(e, "role", ROLES, &role, shown, line, why) &&
              choice_attr(e, "align", ALIGN, &align, shown, line, why) &&
              choice_attr(e, "valign", VALIGN, &valign, shown, line, why);
    if (!ok) return false;
    if (!xmlHasProp(e, (const xmlChar *)"w") || !xmlHasProp(e, (const xmlChar *)"h")) {
      *why = hui_xasprintf(_("%s:%d: <box field=\"%s\"> needs x, y, w and h (mm)"), shown, line,
                           FIELDS[f]);
      return false;
    }
    if (b->min < 0 || b->min > b->size) b->min = b->min < 0 ? 0.6 * b->size : b->size;
    b->role = hui_xstrdup(ROLES[role]);
    b->align = (hui_calign)align;
    b->valign = (hui_cvalign)valign;
    b->text = hui_xml_attr(e, "text");
    return true;
  }
  if (strcmp(nm, "date") == 0) {
    int st = t->cert.date_chinese;
    if (!choice_attr(e, "style", DATES, &st, shown, line, why)) return false;
    t->cert.date_chinese = st == 1;
    return true;
  }
  if (strcmp(nm, "border") == 0) {
    t->cert.border_gap = 2;
    t->cert.border_outer_pt = 2;
    t->cert.border_inner_pt = 0.75;
    return num_attr(e, "inset", 0, &t->cert.border_inset, shown, line, why) &&
           num_attr(e, "gap", 0, &t->cert.border_gap, shown, line, why) &&
           num_attr(e, "outer", 0, &t->cert.border_outer_pt, shown, line, why) &&
           num_attr(e, "inner", 0, &t->cert.border_inner_pt, shown, line, why) &&
           num_attr(e, "corner", 0, &t->cert.border_corner, shown, line, why);
  }
  *why = hui_xasprintf(_("%s:%d: element <%s> is not allowed in a certificate template; it may "
                         "contain page, box, date, border"),
                       shown, line, nm);
  return false;
}

/* A colour attribute of a poster template: four CMYK percentages, "0 100 100
 * 10", each 0..100, whose sum (the total ink) is at most 300 %, so it prints
 * on coated and uncoated stock alike. Unchanged when absent. */
static bool cmyk_attr(const xmlNode *n, const char *attr, float out[4], const char *file, int line,
                      char **why) {
  char *v = hui_xml_attr(n, attr);
  if (!v) return true;
  double c[4], sum = 0;
  int used = 0;
  int got = sscanf(v, "%lf %lf %lf %lf %n", &c[0], &c[1], &c[2], &c[3], &used);
  bool ok = got == 4 && v[used] == '\0';
  for (int i = 0; ok && i < 4; i++) {
    ok = c[i] >= 0 && c[i] <= 100;
    sum += c[i];
  }
  if (ok && sum > 300) {
    *why = hui_xasprintf(_("%s:%d: <%s %s=\"%s\">: %g %% ink in all; keep the total of C, M, Y "
                           "and K at 300 %% or less, or it smears in print"),
                         file, line, (const char *)n->name, attr, v, sum);
    free(v);
    return false;
  }
  if (ok)
    for (int i = 0; i < 4; i++) out[i] = (float)(c[i] / 100.0);
  else
    *why = hui_xasprintf(_("%s:%d: <%s %s=\"%s\">: expected four CMYK percentages, e.g. \"0 100 "
                           "100 10\""),
                         file, line, (const char *)n->name, attr, v);
  free(v);
  return ok;
}

/* Poster templates: <poster margin=… gap=… cell-max=… (mm) title=… band=…
 * name=… name-min=… (pt) first-span=… photo="crop|letterbox" focus=…/>,
 * <board width=… height=…/>, <tile overlap=… margin=…/> (mm) and <colors
 * ground=… red=… gold=… ink=… cell=…/> (CMYK %). Returns false with *why. */
static bool map_poster_element(const xmlNode *e, hui_template *t, const char *shown, int line,
                               char **why) {
  static const char *const PHOTO[] = {"crop", "letterbox", NULL};
  hui_poster_layout *p = &t->poster;
  const char *nm = (const char *)e->name;
  if (strcmp(nm, "poster") == 0) {
    double span = p->first_span;
    int photo = p->letterbox;
    bool ok = num_attr(e, "margin", 0, &p->margin, shown, line, why) &&
              num_attr(e, "gap", 0, &p->gap, shown, line, why) &&
              num_attr(e, "cell-max", 20, &p->cell_max, shown, line, why) &&
              num_attr(e, "title", 8, &p->title_pt, shown, line, why) &&
              num_attr(e, "band", 6, &p->band_pt, shown, line, why) &&
              num_attr(e, "name", 6, &p->name_pt, shown, line, why) &&
              num_attr(e, "name-min", 6, &p->name_min, shown, line, why) &&
              num_attr(e, "first-span", 1, &span, shown, line, why) &&
              num_attr(e, "focus", 0, &p->focus, shown, line, why) &&
              choice_attr(e, "photo", PHOTO, &photo, shown, line, why);
    if (!ok) return false;
    p->first_span = span > 4 ? 4 : (int)span;
    p->letterbox = photo == 1;
    if (p->focus > 1) p->focus = 1;
    if (p->name_min > p->name_pt) p->name_min = p->name_pt;
    return true;
  }
  if (strcmp(nm, "board") == 0)
    return num_attr(e, "width", 50, &p->board_w, shown, line, why) &&
           num_attr(e, "height", 50, &p->board_h, shown, line, why);
  if (strcmp(nm, "tile") == 0)
    return num_attr(e, "overlap", 0, &p->tile_overlap, shown, line, why) &&
           num_attr(e, "margin", 5, &p->tile_margin, shown, line, why);
  if (strcmp(nm, "colors") == 0)
    return cmyk_attr(e, "ground", p->ground, shown, line, why) &&
           cmyk_attr(e, "red", p->red, shown, line, why) &&
           cmyk_attr(e, "gold", p->gold, shown, line, why) &&
           cmyk_attr(e, "ink", p->ink, shown, line, why) &&
           cmyk_attr(e, "cell", p->cell, shown, line, why);
  *why = hui_xasprintf(_("%s:%d: element <%s> is not allowed in a poster template; it may "
                         "contain page, photo, poster, board, tile, colors"),
                       shown, line, nm);
  return false;
}

/* The paper sizes a <page size="…"> may name, portrait, mm. */
static bool paper_size(const char *name, double *w, double *h) {
  static const struct { const char *name; double w, h; } SIZES[] = {
      {"A0", 841, 1189}, {"A1", 594, 841}, {"A2", 420, 594}, {"A3", 297, 420}, {"A4", 210, 297}};
  for (size_t i = 0; i < sizeof SIZES / sizeof *SIZES; i++)
    if (strcmp(name, SIZES[i].name) == 0) {
      *w = SIZES[i].w;
      *h = SIZES[i].h;
      return true;
    }
  return false;
}

/* <page size="A1" orientation="landscape"/> or <page width=… height=…/>. */
static bool map_page(const xmlNode *e, hui_template *t, const char *shown, int line, char **why) {
  static const char *const ORIENT[] = {"portrait", "landscape", NULL};
  char *size = hui_xml_attr(e, "size");
  int orient = 0;
  bool ok = true;
  if (size && !paper_size(size, &t->page_w, &t->page_h)) {
    *why = hui_xasprintf(_("%s:%d: <page size=\"%s\">: expected A0, A1, A2, A3 or A4 (or give "
                           "width and height in mm)"),
                         shown, line, size);
    ok = false;
  }
  free(size);
  ok = ok && num_attr(e, "width", 1, &t->page_w, shown, line, why) &&
       num_attr(e, "height", 1, &t->page_h, shown, line, why) &&
       choice_attr(e, "orientation", ORIENT, &orient, shown, line, why);
  if (ok && orient == 1 && t->page_w < t->page_h) {
    double w = t->page_w;
    t->page_w = t->page_h;
    t->page_h = w;
  }
  return ok;
}

/* Reads a colour "#RRGGBB" into rgb (unchanged when absent). Returns false
 * with *why set. */
static bool color_attr(const xmlNode *n, const char *attr, double rgb[3], const char *file,
                       int line, char **why) {
  char *v = hui_xml_attr(n, attr);
  if (!v) return true;
  bool ok = strlen(v) == 7 && v[0] == '#';
  for (int i = 1; ok && i < 7; i++)
    ok = (v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f') ||
         (v[i] >= 'A' && v[i] <= 'F');
  if (ok) {
    unsigned long x = strtoul(v + 1, NULL, 16);
    for (int i = 0; i < 3; i++) rgb[i] = (double)((x >> (16 - 8 * i)) & 0xffu) / 255.0;
  } else {
    *why = hui_xasprintf(_("%s:%d: <%s %s=\"%s\">: expected a colour as #RRGGBB"), file, line,
                         (const char *)n->name, attr, v);
  }
  free(v);
  return ok;
}

/* Gongwen templates: <mark color=… size=… (pt) drop=… (mm)/>, <separator
 * drop=… (mm) width=… (pt)/>, <seal width=… height=… (mm)/>, <signature
 * cells=…/>, <imprint thick=… thin=… (pt)/>, <list units="after|grouped"/>.
 * Returns false with *why set. */
static bool map_gw_element(const xmlNode *e, hui_template *t, const char *shown, int line,
                           char **why) {
  hui_gw_layout *g = &t->gw;
  const char *nm = (const char *)e->name;
  if (strcmp(nm, "mark") == 0)
    return color_attr(e, "color", g->red, shown, line, why) &&
           num_attr(e, "size", 4, &g->mark_pt, shown, line, why) &&
           num_attr(e, "drop", 0, &g->mark_drop, shown, line, why);
  if (strcmp(nm, "separator") == 0)
    return num_attr(e, "drop", 0, &g->rule_drop, shown, line, why) &&
           num_attr(e, "width", 0.1, &g->rule_pt, shown, line, why);
  if (strcmp(nm, "seal") == 0)
    return num_attr(e, "width", 1, &g->seal_w, shown, line, why) &&
           num_attr(e, "height", 1, &g->seal_h, shown, line, why);
  if (strcmp(nm, "signature") == 0) {
    double cells = g->sign_cells;
    bool ok = num_attr(e, "cells", 0, &cells, shown, line, why);
    g->sign_cells = (int)cells;
    return ok;
  }
  if (strcmp(nm, "imprint") == 0)
    return num_attr(e, "thick", 0.1, &g->thick_pt, shown, line, why) &&
           num_attr(e, "thin", 0.1, &g->thin_pt, shown, line, why);
  if (strcmp(nm, "list") == 0) {
    static const char *const UNITS[] = {"after", "grouped", NULL};
    int u = g->by_unit;
    bool ok = choice_attr(e, "units", UNITS, &u, shown, line, why);
    g->by_unit = u == 1;
    return ok;
  }
  *why = hui_xasprintf(_("%s:%d: element <%s> is not allowed in a gongwen template; it may "
                         "contain page, margins, grid, type, folio, linebreak, mark, separator, "
                         "seal, signature, imprint, list"),
                       shown, line, nm);
  return false;
}

/* The defaults of a gongwen template: GB/T 9704-2012's figures. */
static void gw_defaults(hui_gw_layout *g) {
  g->red[0] = 230.0 / 255;
  g->red[1] = 0;
  g->red[2] = 18.0 / 255;
  g->mark_pt = 60;
  g->mark_drop = 35;
  g->rule_drop = 4;
  g->rule_pt = 1;
  g->seal_w = g->seal_h = 42;
  g->sign_cells = 4;
  g->thick_pt = 0.35 * 72 / 25.4;
  g->thin_pt = 0.25 * 72 / 25.4;
}

/* Fills t from the <template> root. Returns false with *why set. */
static bool map_template(hui_xml_src *s, xmlNode *root, hui_template *t, const char *shown, char **why) {
  char *kind = hui_xml_attr(root, "kind");
  bool cert = kind && strcmp(kind, "certificate") == 0;
  bool comp = kind && strcmp(kind, "compendium") == 0;
  bool poster = kind && strcmp(kind, "poster") == 0;
  bool gw = kind && strcmp(kind, "gongwen") == 0;
  if (!cert && !comp && !poster && !gw) {
    *why = hui_xasprintf(_("%s:%d: <template kind=\"%s\">: kind must be compendium, certificate, "
                           "poster or gongwen"),
                         shown, hui_xml_pos(s, root).line, kind ? kind : "");
    free(kind);
    return false;
  }
  free(kind);
  t->kind = cert     ? HUI_TEMPLATE_CERTIFICATE
            : poster ? HUI_TEMPLATE_POSTER
            : gw     ? HUI_TEMPLATE_GONGWEN
                     : HUI_TEMPLATE_BOOK;
  if (gw) {
    gw_defaults(&t->gw);
    t->running_heads = false;
  }
  bool seen_page = false, seen_margins = false, seen_type = false;
  for (xmlNode *e = root->children; e; e = e->next) {
    if (e->type == XML_TEXT_NODE && !hui_xml_blank(e)) {
      *why = hui_xasprintf(_("%s:%d: text is not allowed directly inside <template>"), shown,
                           hui_xml_pos(s, e).line);
      return false;
    }
    if (e->type != XML_ELEMENT_NODE) continue;
    int line = hui_xml_pos(s, e).line;
    bool ok = true;
    if (!hui_xml_in_ns(e, NULL)) {
      ok = cert;
      if (!ok)
        *why =
            hui_xasprintf(_("%s:%d: element <%s> must not have a namespace"), shown, line, e->name);
    } else if (strcmp((const char *)e->name, "page") == 0) {
      seen_page = true;
      ok = map_page(e, t, shown, line, why);
    } else if (strcmp((const char *)e->name, "margins") == 0) {
      seen_margins = true;
      ok = num_attr(e, "top", 0, &t->margin_top, shown, line, why) &&
           num_attr(e, "bottom", 0, &t->margin_bottom, shown, line, why) &&
           num_attr(e, "inner", 0, &t->margin_inner, shown, line, why) &&
           num_attr(e, "outer", 0, &t->margin_outer, shown, line, why) &&
           yes_attr(e, "mirror", &t->mirror, shown, line, why);
    } else if (strcmp((const char *)e->name, "grid") == 0) {
      double ch = 0, ln = 0;
      ok = num_attr(e, "chars", 1, &ch, shown, line, why) && num_attr(e, "lines", 1, &ln, shown, line, why);
      t->grid_chars = (int)ch;
      t->grid_lines = (int)ln;
    } else if (strcmp((const char *)e->name, "type") == 0) {
      seen_type = true;
      ok = num_attr(e, "body", 1, &t->body_pt, shown, line, why) &&
           num_attr(e, "leading", 0, &t->leading_pt, shown, line, why) &&
           num_attr(e, "title", 1, &t->title_pt, shown, line, why) &&
           num_attr(e, "subtitle", 1, &t->subtitle_pt, shown, line, why) &&
           num_attr(e, "heading", 1, &t->heading_pt, shown, line, why) &&
           num_attr(e, "meta", 1, &t->meta_pt, shown, line, why) &&
           num_attr(e, "head", 1, &t->head_pt, shown, line, why) &&
           num_attr(e, "folio", 1, &t->folio_pt, shown, line, why) &&
           num_attr(e, "cover-title", 1, &t->cover_title_pt, shown, line, why) &&
           num_attr(e, "part-title", 1, &t->part_title_pt, shown, line, why);
    } else if (strcmp((const char *)e->name, "folio") == 0) {
      char *st = hui_xml_attr(e, "style");
      if (st && strcmp(st, "dash") != 0 && strcmp(st, "plain") != 0) {
        *why = hui_xasprintf(_("%s:%d: <folio style=\"%s\">: expected dash or plain"), shown, line,
                             st);
        ok = false;
      } else if (st) {
        free(t->folio_style);
        t->folio_style = hui_xstrdup(st);
      }
      free(st);
    } else if (strcmp((const char *)e->name, "running-heads") == 0) {
      ok = yes_attr(e, "enabled", &t->running_heads, shown, line, why);
    } else if (strcmp((const char *)e->name, "recto-start") == 0) {
      ok = yes_attr(e, "enabled", &t->recto_start, shown, line, why);
    } else if (strcmp((const char *)e->name, "linebreak") == 0) {
      char *lv = hui_xml_attr(e, "level");
      if (!lv || (strcmp(lv, "basic") != 0 && strcmp(lv, "strict") != 0)) {
        *why = hui_xasprintf(_("%s:%d: <linebreak level=\"%s\">: expected basic or strict"), shown,
                             line, lv ? lv : "");
        ok = false;
      } else {
        t->strict_breaks = strcmp(lv, "strict") == 0;
      }
      free(lv);
    } else if (strcmp((const char *)e->name, "footnotes") == 0) {
      static const char *const NUMBERS[] = {"circled", "arabic", NULL};
      int numbers = t->note_arabic;
      ok = choice_attr(e, "numbers", NUMBERS, &numbers, shown, line, why) &&
           num_attr(e, "size", 4, &t->note_pt, shown, line, why);
      t->note_arabic = numbers == 1;
    } else if (strcmp((const char *)e->name, "apart") == 0) {
      static const char *const ROLES[] = {"body", "heading", "title", "kai", "latin", NULL};
      ok = choice_attr(e, "role", ROLES, &t->apart_role, shown, line, why);
    } else if (strcmp((const char *)e->name, "photo") == 0) {
      ok = num_attr(e, "width", 1, &t->photo_w, shown, line, why) &&
           num_attr(e, "height", 1, &t->photo_h, shown, line, why);
    } else if (cert) {
      ok = map_cert_element(e, t, shown, line, why);
    } else if (poster) {
      ok = map_poster_element(e, t, shown, line, why);
    } else if (gw) {
      ok = map_gw_element(e, t, shown, line, why);
    } else {
      *why =
          hui_xasprintf(_("%s:%d: element <%s> is not allowed in a compendium template; it may "
                          "contain page, margins, grid, type, folio, running-heads, recto-start, "
                          "linebreak, photo, footnotes, apart"),
                        shown, line, e->name);
      ok = false;
    }
    if (!ok) return false;
  }
  if (!seen_page || ((comp || gw) && (!seen_margins || !seen_type))) {
    *why = hui_xasprintf(_("%s: the template needs <page>%s"), shown,
                         comp || gw ? _(", <margins> and <type>") : "");
    return false;
  }
  return true;
}

hui_template *hui_load_template(const char *edition_dir, const char *template_dir, const char *name,
                                char **why) {
  *why = NULL;
  if (!valid_template_name(name)) {
    *why = hui_xasprintf(_("template name '%s' is not valid: use letters, digits, '-' and '_' only "
                           "(a name, not a path)"),
                         name ? name : "");
    return NULL;
  }
  char *file = hui_xasprintf("%s.xml", name);
  char *path = NULL, *shown = NULL;
  const char *dirs[2] = {edition_dir, template_dir};
  for (int i = 0; i < 2 && !path; i++) {
    if (!dirs[i]) continue;
    char *tdir = i == 0 ? hui_path_join(dirs[i], "templates") : hui_xstrdup(dirs[i]);
    char *p = hui_path_join(tdir, file);
    struct stat st;
    if (stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
      path = p;
      shown = i == 0 ? hui_xasprintf("templates/%s", file) : hui_xstrdup(p);
    } else {
      free(p);
    }
    free(tdir);
  }
  if (!path) {
    *why = hui_xasprintf(
        _("template '%s' not found: looked for templates/%s in the edition folder%s%s"), name, file,
        template_dir ? _(" and in ") : "", template_dir ? template_dir : "");
    free(file);
    return NULL;
  }
  free(file);
  hui_diags *d = hui_diags_new();
  hui_xml_src s = {.file = shown, .d = d};
  xmlDoc *doc = hui_xml_parse_file(&s, path);
  hui_template *t = NULL;
  if (!doc) {
    const hui_diag *x = hui_diags_at(d, 0);
    *why = hui_xasprintf("%s:%d:%d: %s", shown, x ? x->line : 0, x ? x->col : 0,
                         x ? x->message : _("cannot be read"));
  } else {
    xmlNode *root = xmlDocGetRootElement(doc);
    t = hui_xcalloc(1, sizeof *t);
    t->name = hui_xstrdup(name);
    t->path = hui_xstrdup(path);
    t->page_w = 210;
    t->page_h = 297;
    t->body_pt = 15.75;
    t->title_pt = 22;
    t->subtitle_pt = t->heading_pt = 15.75;
    t->meta_pt = t->folio_pt = 14;
    t->head_pt = 10.5;
    t->cover_title_pt = t->part_title_pt = 26;
    t->photo_w = 30;
    t->photo_h = 40;
    t->running_heads = true;
    t->apart_role = 3; /* kai */
    t->folio_style = hui_xstrdup("dash");
    t->poster = (hui_poster_layout){.margin = 15, .gap = 4, .title_pt = 72, .band_pt = 36,
                                    .name_pt = 28, .name_min = 14, .cell_max = 90,
                                    .first_span = 3, .focus = 0.35, .board_w = 600,
                                    .board_h = 900, .tile_overlap = 10, .tile_margin = 10,
                                    .ground = {0, 0.04, 0.12, 0},
                                    .red = {0, 1, 1, 0.1},
                                    .gold = {0, 0.25, 0.85, 0.05},
                                    .ink = {0, 0, 0, 0.9},
                                    .cell = {0, 0, 0.03, 0}};
    if (!root || root->ns || strcmp((const char *)root->name, "template") != 0) {
      *why = hui_xasprintf(_("%s: the root element must be <template> (no namespace)"), shown);
    } else {
      map_template(&s, root, t, shown, why);
    }
    if (*why) {
      hui_template_free(t);
      t = NULL;
    }
    xmlFreeDoc(doc);
  }
  hui_diags_free(d);
  hui_xml_src_free(&s);
  free(path);
  free(shown);
  return t;
}
