/* load/xlsx: a roster saved by Excel or WPS as .xlsx into a grid of cell
 * texts: the package's relationships name the workbook, the workbook's the
 * first sheet and the shared strings; cells are placed by their references
 * (C7 is row 7, column 3), so rows and columns Excel leaves out are empty.
 * Every part is read through zipfile.h with a cap and parsed with no DTD, no
 * entities and no network. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"
#include "hui_limits.h"
#include "load/ooxml.h"
#include "load/roster.h"
#include "load/xml.h"
#include "load/zipfile.h"

#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_COLUMNS 256u /* a roster is narrow; a reference past IV is refused */

/* The part's parsed XML, or NULL with *why set. Caller frees with xmlFreeDoc. */
static xmlDoc *part(hui_zip *z, const char *name, char **why) {
  size_t len = 0;
  char *bytes = hui_zip_read(z, name, HUI_MAX_ROSTER_BYTES, &len, why);
  if (!bytes) {
    return NULL;
  }
  xmlDoc *doc = xmlReadMemory(bytes, (int)len, name, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  free(bytes);
  if (!doc || !xmlDocGetRootElement(doc)) {
    *why = hui_xasprintf(_("the part '%s' of the workbook is not well-formed XML"), name);
    xmlFreeDoc(doc);
    return NULL;
  }
  if (doc->intSubset || doc->extSubset) {
    *why = hui_xasprintf(_("the part '%s' of the workbook declares a DOCTYPE, which Excel "
                           "never writes; it is not read"),
                         name);
    xmlFreeDoc(doc);
    return NULL;
  }
  return doc;
}

static bool is(const xmlNode *n, const char *name) {
  return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *attr(const xmlNode *n, const char *name, const char *ns) {
  xmlChar *v = ns ? xmlGetNsProp(n, (const xmlChar *)name, (const xmlChar *)ns)
                  : xmlGetProp(n, (const xmlChar *)name);
  char *s = v ? hui_xstrdup((const char *)v) : NULL;
  xmlFree(v);
  return s;
}

/* The target of the relationship in rels part rels_name with the given id
 * (or, id NULL, whose Type ends with type_end), resolved from base. */
static char *rel_target(hui_zip *z, const char *rels_name, const char *base, const char *id,
                        const char *type_end, char **why) {
  xmlDoc *doc = part(z, rels_name, why);
  if (!doc) {
    return NULL;
  }
  char *found = NULL;
  for (xmlNode *n = xmlDocGetRootElement(doc)->children; n && !found; n = n->next) {
    if (!is(n, "Relationship")) {
      continue;
    }
    char *rid = attr(n, "Id", NULL), *type = attr(n, "Type", NULL),
         *target = attr(n, "Target", NULL);
    size_t tl = type ? strlen(type) : 0, el = type_end ? strlen(type_end) : 0;
    bool match = id ? rid && strcmp(rid, id) == 0
                    : type && tl >= el && strcmp(type + tl - el, type_end) == 0;
    if (match && target) {
      found = hui_ooxml_resolve(base, target);
      if (!found) {
        *why = hui_xasprintf(_("the workbook names a part outside its package ('%s'); it is "
                               "not read"),
                             target);
      }
    }
    free(rid);
    free(type);
    free(target);
    if (match) {
      break;
    }
  }
  xmlFreeDoc(doc);
  if (!found && !*why) {
    *why = hui_xasprintf(_("the workbook's part '%s' does not name its sheet"), rels_name);
  }
  return found;
}

/* The text of the <t> elements under n, phonetic runs (<rPh>) left out. */
static void text_of(const xmlNode *n, hui_buf *b) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (is(c, "t")) {
      xmlChar *t = xmlNodeGetContent(c);
      hui_buf_puts(b, t ? (const char *)t : "");
      xmlFree(t);
    } else if (is(c, "r")) {
      text_of(c, b);
    }
  }
}

typedef struct strings {
  char **s;
  size_t n, cap;
} strings;

static void read_shared(hui_zip *z, const char *name, strings *out, char **why) {
  xmlDoc *doc = part(z, name, why);
  if (!doc) {
    return;
  }
  for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
    if (is(n, "si")) {
      hui_buf b = {0};
      text_of(n, &b);
      char **slot = HUI_PUSH(out->s, out->n, out->cap);
      *slot = b.data ? hui_buf_take(&b) : hui_xstrdup("");
    }
  }
  xmlFreeDoc(doc);
}

/* Row and column (both 0-based) of a reference like "C7"; false when it is
 * not one or lies past the limits. */
static bool cell_ref(const char *ref, size_t *row, size_t *col) {
  size_t c = 0, r = 0, i = 0;
  for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
    c = c * 26 + (size_t)(ref[i] - 'A' + 1);
    if (c > MAX_COLUMNS) {
      return false;
    }
  }
  size_t digits = 0;
  for (; ref[i] >= '0' && ref[i] <= '9'; i++, digits++) {
    r = r * 10 + (size_t)(ref[i] - '0');
    if (r > HUI_MAX_ROSTER_ROWS) {
      return false;
    }
  }
  if (c == 0 || r == 0 || digits == 0 || ref[i]) {
    return false;
  }
  *row = r - 1;
  *col = c - 1;
  return true;
}

/* Puts text at row, col of g, adding the empty rows and cells before it. */
static void place(hui_grid *g, size_t row, size_t col, const char *text) {
  while (g->nrows <= row) {
    hui_grid_add_row(g);
  }
  hui_grid_row *r = &g->rows[row];
  while (r->ncells < col) {
    hui_grid_add_cell(r, "", 0);
  }
  if (r->ncells == col) {
    hui_grid_add_cell(r, text, strlen(text));
  } else {
    free(r->cells[col]); /* a cell given twice: the last one counts */
    r->cells[col] = hui_xstrdup(text);
  }
}

static bool read_sheet(hui_zip *z, const char *name, const strings *shared, hui_grid *g,
                       char **why) {
  xmlDoc *doc = part(z, name, why);
  if (!doc) {
    return false;
  }
  const xmlNode *data = NULL;
  for (xmlNode *n = xmlDocGetRootElement(doc)->children; n; n = n->next) {
    if (is(n, "sheetData")) {
      data = n;
    }
  }
  size_t next_row = 0;
  bool ok = true;
  for (const xmlNode *rn = data ? data->children : NULL; rn && ok; rn = rn->next) {
    if (!is(rn, "row")) {
      continue;
    }
    size_t row = next_row, next_col = 0;
    char *r = attr(rn, "r", NULL);
    if (r) {
      char *end = NULL;
      unsigned long v = strtoul(r, &end, 10);
      if (v >= 1 && v <= HUI_MAX_ROSTER_ROWS && end && !*end) {
        row = v - 1;
      }
      free(r);
    }
    if (row >= HUI_MAX_ROSTER_ROWS) {
      *why = hui_xasprintf(_("the roster has more than %u rows; split it into smaller files"),
                           HUI_MAX_ROSTER_ROWS);
      ok = false;
      break;
    }
    for (const xmlNode *c = rn->children; c && ok; c = c->next) {
      if (!is(c, "c")) {
        continue;
      }
      size_t crow = row, col = next_col;
      char *ref = attr(c, "r", NULL);
      if (ref && !cell_ref(ref, &crow, &col)) {
        *why = hui_xasprintf(_("the roster's sheet has a cell '%s' beyond %u columns or %u rows"),
                             ref, MAX_COLUMNS, HUI_MAX_ROSTER_ROWS);
        ok = false;
      }
      free(ref);
      if (!ok) {
        break;
      }
      if (col >= MAX_COLUMNS) {
        continue;
      }
      char *type = attr(c, "t", NULL);
      hui_buf text = {0};
      for (const xmlNode *v = c->children; v; v = v->next) {
        if (is(v, "v")) {
          xmlChar *s = xmlNodeGetContent(v);
          const char *value = s ? (const char *)s : "";
          if (type && strcmp(type, "s") == 0) {
            char *end = NULL;
            unsigned long k = strtoul(value, &end, 10);
            if (end != value && !*end && k < shared->n) {
              hui_buf_puts(&text, shared->s[k]);
            }
          } else {
            hui_buf_puts(&text, value);
          }
          xmlFree(s);
        } else if (is(v, "is")) {
          text_of(v, &text);
        }
      }
      free(type);
      place(g, crow, col, text.data ? text.data : "");
      hui_buf_free(&text);
      next_col = col + 1;
    }
    next_row = row + 1;
  }
  xmlFreeDoc(doc);
  return ok;
}

bool hui_xlsx_parse(const char *bytes, size_t len, hui_grid *g, char **why) {
  *why = NULL;
  if (len > HUI_MAX_ROSTER_BYTES) {
    *why = hui_xasprintf(_("the roster is larger than %u MB; it cannot be a roster"),
                         HUI_MAX_ROSTER_BYTES / (1024u * 1024u));
    return false;
  }
  hui_zip *z = hui_zip_open_memory(bytes, len, why);
  if (!z) {
    return false;
  }
  strings shared = {0};
  bool ok = false;
  char *book = rel_target(z, "_rels/.rels", "", NULL, "/officeDocument", why);
  char *book_rels = NULL, *book_dir = NULL, *sheet = NULL, *sst = NULL, *sheet_id = NULL;
  xmlDoc *wb = book ? part(z, book, why) : NULL;
  if (wb) {
    const char *slash = strrchr(book, '/');
    book_dir = hui_xstrndup(book, slash ? (size_t)(slash - book + 1) : 0);
    book_rels = hui_xasprintf("%s_rels/%s.rels", book_dir, slash ? slash + 1 : book);
    for (xmlNode *n = xmlDocGetRootElement(wb)->children; n && !sheet_id; n = n->next) {
      if (is(n, "sheets")) {
        for (xmlNode *s = n->children; s && !sheet_id; s = s->next) {
          if (is(s, "sheet")) {
            sheet_id = attr(s, "id", NS_REL);
          }
        }
      }
    }
    xmlFreeDoc(wb);
    if (!sheet_id) {
      *why = hui_xstrdup(_("the workbook has no sheet"));
    }
  }
  if (sheet_id) {
    sheet = rel_target(z, book_rels, book_dir, sheet_id, NULL, why);
  }
  if (sheet) {
    char *ignored = NULL; /* a workbook of numbers only has no shared strings */
    sst = rel_target(z, book_rels, book_dir, NULL, "/sharedStrings", &ignored);
    free(ignored);
    if (sst) {
      read_shared(z, sst, &shared, why);
    }
    ok = !*why && read_sheet(z, sheet, &shared, g, why);
  }
  for (size_t i = 0; i < shared.n; i++) {
    free(shared.s[i]);
  }
  free(shared.s);
  free(book);
  free(book_rels);
  free(book_dir);
  free(sheet);
  free(sst);
  free(sheet_id);
  hui_zip_close(z);
  return ok;
}
