/* load/schema: the schema check of an XML file and its plain-language
 * messages (see xml.h). The compiled RELAX NG schema is the authority; a walk
 * over the vocabulary table (the reader's hui_doctype) finds the same faults
 * first and names each at its own line in words a clerk can act on. libxml2's
 * own findings are shown only when the walk does not explain them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>

#include "base/base.h"
#include "base/i18n.h"
#include "load/xml.h"

enum { MAX_SCHEMA_DIAGS = 30, MAX_SCHEMAS = 4 };

/* ---- the compiled schemas ------------------------------------------------ */

static void schema_compile_error(void *data, hui_xml_error err) {
  (void)data;
  fprintf(stderr, _("huibian: internal error: embedded schema: %s"),
          err && err->message ? err->message : "?\n");
}

/* The compiled schemas, one per schema text and process (the only globals of
 * the loader). */
static struct {
  const char *text;
  xmlRelaxNGPtr rng;
} schema_cache[MAX_SCHEMAS];

static xmlRelaxNGPtr get_schema(const char *text) {
  size_t i = 0;
  while (i < MAX_SCHEMAS && schema_cache[i].text && schema_cache[i].text != text) i++;
  if (i == MAX_SCHEMAS) return NULL; /* more vocabularies than slots: raise MAX_SCHEMAS */
  if (!schema_cache[i].text) {
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(text, (int)strlen(text));
    xmlRelaxNGSetParserStructuredErrors(pc, schema_compile_error, NULL);
    schema_cache[i].rng = xmlRelaxNGParse(pc);
    if (schema_cache[i].rng) schema_cache[i].text = text; /* a failure is tried (and told) again */
    xmlRelaxNGFreeParserCtxt(pc);
  }
  return schema_cache[i].rng;
}

/* ---- the vocabulary ------------------------------------------------------ */

bool hui_xml_is(const xmlNode *n, const hui_doctype *dt, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && hui_xml_in_ns(n, dt->ns) && strcmp((const char *)n->name, name) == 0;
}

const hui_vocab *hui_xml_vocab(const hui_doctype *dt, const xmlNode *n) {
  if (!n || n->type != XML_ELEMENT_NODE || !hui_xml_in_ns(n, dt->ns)) return NULL;
  const char *name = (const char *)n->name;
  /* asked several times for every element: the first letter sorts out most */
  for (const hui_vocab *v = dt->voc; v->name; v++)
    if (v->name[0] == name[0] && strcmp(v->name, name) == 0) return v;
  return NULL;
}

/* Finds word w in a space-separated list of specs "[!]name[=a|b]". On a match
 * *required tells about '!' and *values points at "a|b" (NULL without '='). */
static bool spec_find(const char *list, const char *w, bool *required, const char **values) {
  size_t wl = strlen(w);
  for (const char *p = list; p && *p;) {
    while (*p == ' ') p++;
    const char *e = p;
    while (*e && *e != ' ') e++;
    bool req = *p == '!';
    const char *name = p + req, *eq = name;
    while (eq < e && *eq != '=') eq++;
    if ((size_t)(eq - name) == wl && memcmp(name, w, wl) == 0) {
      if (required) *required = req;
      if (values) *values = eq < e ? eq + 1 : NULL;
      return true;
    }
    p = e;
  }
  return false;
}

static bool word_in(const char *list, const char *w) { return spec_find(list, w, NULL, NULL); }

/* True when v is one of the '|'-separated values that end at a space or NUL. */
static bool value_in(const char *values, const char *v) {
  size_t vl = strlen(v);
  for (const char *p = values; *p && *p != ' ';) {
    const char *e = p;
    while (*e && *e != ' ' && *e != '|') e++;
    if ((size_t)(e - p) == vl && memcmp(p, v, vl) == 0) return true;
    p = *e == '|' ? e + 1 : e;
  }
  return false;
}

/* The rules of the element with vocabulary entry v, or NULL. */
static const hui_vocab_rule *rules_of(const hui_doctype *dt, const hui_vocab *v) {
  for (const hui_vocab_rule *r = dt->rules; v && r && r->name; r++)
    if (r->name[0] == v->name[0] && strcmp(r->name, v->name) == 0) return r;
  return NULL;
}

bool hui_xml_allowed(const hui_doctype *dt, const xmlNode *p, const xmlNode *c) {
  const hui_vocab *pv = hui_xml_vocab(dt, p);
  return pv && hui_xml_vocab(dt, c) && word_in(pv->children, (const char *)c->name);
}

/* ---- the walk ------------------------------------------------------------ */

static void comma_list(hui_buf *b, const char *words) {
  bool first = true;
  for (const char *p = words; *p;) {
    while (*p == ' ') p++;
    const char *e = p;
    while (*e && *e != ' ') e++;
    if (e > p) {
      if (!first) hui_buf_puts(b, ", ");
      hui_buf_add(b, p, (size_t)(e - p));
      first = false;
    }
    p = e;
  }
}

static void schema_diag(hui_xml_src *s, hui_pos p, const char *msg) {
  if (s->nschema == MAX_SCHEMA_DIAGS)
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 _("more schema errors in this file are not shown; fix these first"));
  if (s->nschema++ >= MAX_SCHEMA_DIAGS) return;
  hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema", "%s", msg);
}

static void mark_bad(hui_xml_src *s, const xmlNode *n) {
  const xmlNode **slot = HUI_PUSH(s->bad, s->nbad, s->capbad);
  *slot = n;
}

/* How many elements named name enclose n, n included. */
static int nesting(const hui_doctype *dt, const xmlNode *n, const char *name) {
  int k = 0;
  for (; n; n = n->parent)
    if (hui_xml_is(n, dt, name)) k++;
  return k;
}

/* Writes the names of a spec list ("!a b=x|y" → "a, b") to b. */
static void spec_names(hui_buf *b, const char *list) {
  bool first = true;
  for (const char *p = list; *p;) {
    while (*p == ' ') p++;
    const char *e = p;
    while (*e && *e != ' ') e++;
    const char *name = p + (*p == '!'), *eq = name;
    while (eq < e && *eq != '=') eq++;
    if (eq > name) {
      if (!first) hui_buf_puts(b, ", ");
      hui_buf_add(b, name, (size_t)(eq - name));
      first = false;
    }
    p = e;
  }
}

/* Reports attributes that element n may not have, values not in their list and
 * required attributes that are missing. Returns true when all are fine. */
static bool check_attrs(hui_xml_src *s, const hui_doctype *dt, const xmlNode *n) {
  const hui_vocab *v = hui_xml_vocab(dt, n);
  if (!v) return true;
  bool ok = true;
  char *qn = hui_xml_qname(n);
  hui_pos pos = hui_xml_pos(s, n);
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    const char *href = a->ns && a->ns->href ? (const char *)a->ns->href : NULL;
    bool xml = href && strcmp(href, HUI_XML_NS) == 0;
    char *name = xml ? hui_xasprintf("xml:%s", a->name)
                 : a->ns && a->ns->prefix ? hui_xasprintf("%s:%s", a->ns->prefix, a->name)
                                          : hui_xstrdup((const char *)a->name);
    const char *values = NULL;
    bool known = (!href || xml) && (spec_find(v->attrs, name, NULL, &values) ||
                                    spec_find(dt->common_attrs, name, NULL, &values));
    hui_buf b = {0};
    if (!known) {
      hui_buf_printf(&b, _("attribute '%s' is not allowed on <%s>"), name, qn);
      if (*v->attrs) {
        hui_buf_printf(&b, _("; <%s> may have "), qn);
        spec_names(&b, v->attrs);
      }
    } else if (values) {
      xmlChar *val = xmlNodeGetContent((const xmlNode *)a);
      if (!value_in(values, val ? (const char *)val : "")) {
        size_t bars = 0, end = 0;
        for (; values[end] && values[end] != ' '; end++) bars += values[end] == '|';
        hui_buf_printf(&b, _("attribute %s=\"%s\" on <%s> is not allowed: use %s"), name,
                       val ? (const char *)val : "", qn, bars > 1 ? _("one of ") : "");
        for (size_t i = 0; i < end; i++)
          if (values[i] != '|') hui_buf_add(&b, values + i, 1);
          else hui_buf_puts(&b, bars > 1 ? ", " : _(" or "));
      }
      xmlFree(val);
    }
    if (b.data) {
      schema_diag(s, pos, b.data);
      ok = false;
    }
    hui_buf_free(&b);
    free(name);
  }
  /* required attributes */
  for (const char *p = v->attrs; *p;) {
    while (*p == ' ') p++;
    const char *e = p;
    while (*e && *e != ' ') e++;
    if (*p == '!') {
      const char *eq = p + 1;
      while (eq < e && *eq != '=') eq++;
      char *name = hui_xstrndup(p + 1, (size_t)(eq - p - 1));
      bool has = strncmp(name, "xml:", 4) == 0 ? xmlHasNsProp(n, (const xmlChar *)name + 4, (const xmlChar *)HUI_XML_NS) != NULL
                                               : xmlHasNsProp(n, (const xmlChar *)name, NULL) != NULL;
      if (!has) {
        char *msg = hui_xasprintf(_("<%s> needs the attribute %s"), qn, name);
        schema_diag(s, pos, msg);
        free(msg);
        ok = false;
      }
      free(name);
    }
    p = e;
  }
  free(qn);
  return ok;
}

static const xmlNode *first_element(const xmlNode *n) {
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return c;
  return NULL;
}

/* Reports required children that are missing and children that may appear
 * only once but repeat. Returns true when all are fine. */
static bool check_children(hui_xml_src *s, const hui_doctype *dt, const xmlNode *n) {
  const hui_vocab *v = hui_xml_vocab(dt, n);
  if (!v) return true;
  bool ok = true;
  char *qn = hui_xml_qname(n);
  hui_pos pos = hui_xml_pos(s, n);
  const hui_vocab_rule *r = rules_of(dt, v);
  if (r && r->first) {
    const xmlNode *f = first_element(n);
    if (!hui_xml_is(f, dt, r->first)) {
      char *msg = hui_xasprintf(_("<%s> must start with a <%s>"), v->name, r->first);
      schema_diag(s, pos, msg);
      free(msg);
      ok = false;
    }
  } else {
    for (const char *p = v->required; *p;) {
      while (*p == ' ') p++;
      const char *e = p;
      while (*e && *e != ' ') e++;
      char *want = hui_xstrndup(p, (size_t)(e - p));
      bool found = false;
      for (const xmlNode *c = n->children; c && !found; c = c->next) found = hui_xml_is(c, dt, want);
      if (*want && !found) {
        char *msg = hui_xasprintf(_("<%s> needs a <%s> element"), qn, want);
        schema_diag(s, pos, msg);
        free(msg);
        ok = false;
      }
      free(want);
      p = e;
    }
  }
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !hui_xml_in_ns(c, dt->ns) || !word_in(v->once, (const char *)c->name))
      continue;
    for (const xmlNode *b = n->children; b != c; b = b->next)
      if (hui_xml_is(b, dt, (const char *)c->name)) {
        char *msg =
            hui_xasprintf(_("element <%s> may appear only once in <%s>; the first is on line %d"),
                          c->name, qn, hui_xml_pos(s, b).line);
        schema_diag(s, hui_xml_pos(s, c), msg);
        free(msg);
        mark_bad(s, c);
        ok = false;
        break;
      }
  }
  if (r && r->exclusive[0]) {
    bool one = false, other = false;
    for (const xmlNode *c = n->children; c; c = c->next) {
      one |= hui_xml_is(c, dt, r->exclusive[0]);
      other |= hui_xml_is(c, dt, r->exclusive[1]);
    }
    if (one && other) {
      schema_diag(s, pos, _(r->both));
      ok = false;
    }
  }
  free(qn);
  return ok;
}

/* The position of the first non-blank character of a text node. */
static hui_pos text_pos(const hui_xml_src *s, const xmlNode *n) {
  hui_pos p = hui_xml_pos(s, n);
  if (p.col == 0) return p;
  for (const xmlChar *c = n->content; c && *c; c++) {
    if (*c == '\n') {
      p.line++;
      p.col = 1;
    } else if (*c == ' ' || *c == '\t' || *c == '\r') {
      p.col++;
    } else {
      break;
    }
  }
  return p;
}

/* The message for element n that may not appear inside its parent p. */
static void misplaced(hui_buf *b, const hui_doctype *dt, const xmlNode *p, const xmlNode *n) {
  const hui_vocab *pv = hui_xml_vocab(dt, p);
  char *qn = hui_xml_qname(n), *pn = hui_xml_qname(p);
  const hui_doctype bare = {.voc = dt->voc}; /* the same names in no namespace */
  if (!hui_xml_vocab(dt, n) && dt->ns && dt->ns_advice && !hui_xml_in_ns(n, dt->ns) &&
      hui_xml_vocab(&bare, n) && !n->ns) {
    hui_buf_printf(b, _("element <%s> %s"), qn, _(dt->ns_advice));
  } else if (!hui_xml_vocab(dt, n) && pv && pv->body && dt->body_list) {
    hui_buf_printf(b, _("element <%s> is not allowed here; a submission body may contain %s"), qn,
                   dt->body_list);
  } else if (pv && !*pv->children) {
    hui_buf_printf(b, _("element <%s> is not allowed inside <%s>; <%s> may contain %s"), qn, pn, pn,
                   pv->text ? _("only text") : _("nothing (it must be empty)"));
  } else if (pv) {
    hui_buf_printf(b, _("element <%s> is not allowed inside <%s>; <%s> may contain "), qn, pn, pn);
    comma_list(b, pv->children);
    if (pv->text) hui_buf_puts(b, _(" and text"));
  } else {
    hui_buf_printf(b, _("element <%s> is not allowed here"), qn);
  }
  free(qn);
  free(pn);
}

/* Reports every element and every piece of text that is out of place. */
static void vocab_walk(hui_xml_src *s, const hui_doctype *dt, xmlNode *root) {
  xmlNode *n = root;
  bool ra = check_attrs(s, dt, root), rc = check_children(s, dt, root);
  if (!ra || !rc) mark_bad(s, root);
  while (n) {
    xmlNode *p = n->parent;
    bool skip = false;
    if (n != root && n->type == XML_ELEMENT_NODE) {
      const hui_vocab_rule *r = rules_of(dt, hui_xml_vocab(dt, n));
      if (!hui_xml_allowed(dt, p, n)) {
        hui_buf b = {0};
        misplaced(&b, dt, p, n);
        schema_diag(s, hui_xml_pos(s, n), b.data);
        hui_buf_free(&b);
        mark_bad(s, n);
        skip = true;
      } else if (r && r->max_nesting && nesting(dt, n, r->name) > r->max_nesting) {
        schema_diag(s, hui_xml_pos(s, n), _(r->too_deep));
        mark_bad(s, n);
        skip = true;
      } else {
        bool a = check_attrs(s, dt, n), c = check_children(s, dt, n);
        if (!a || !c) mark_bad(s, n);
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && !hui_xml_blank(n)) {
      const hui_vocab *pv = hui_xml_vocab(dt, p);
      if (pv && !pv->text) {
        char *pn = hui_xml_qname(p);
        /* Stray text in the body (the article is body too) belongs in a paragraph. */
        char *msg = pv->body
                        ? hui_xasprintf(
                              _("text directly inside <%s> is not allowed; put it in a <para>"), pn)
                        : hui_xasprintf(_("text is not allowed directly inside <%s>"), pn);
        schema_diag(s, text_pos(s, n), msg);
        free(msg);
        free(pn);
        mark_bad(s, n);
      }
    }
    if (skip) {
      while (n && n != root && !n->next) n = n->parent;
      n = n && n != root ? n->next : NULL;
    } else {
      n = hui_xml_next_preorder(root, n);
    }
  }
}

/* ---- RELAX NG validation ------------------------------------------------ */

static void on_rng_error(void *data, hui_xml_error err) {
  hui_xml_src *s = data;
  if (!err || err->level < XML_ERR_ERROR) return;
  hui_xml_raw_error *r = HUI_PUSH(s->raw, s->nraw, s->capraw);
  r->node = err->node;
  r->code = err->code;
  r->line = err->line;
  r->s1 = hui_xstrdup(err->str1);
  r->s2 = hui_xstrdup(err->str2);
  r->msg = hui_xstrdup(err->message ? err->message : "");
  size_t n = strlen(r->msg);
  while (n && (r->msg[n - 1] == '\n' || r->msg[n - 1] == ' ')) r->msg[--n] = '\0';
}

static bool ancestor_or_self(const xmlNode *a, const xmlNode *n) {
  for (; n; n = n->parent)
    if (n == a) return true;
  return false;
}

/* True when raw error node x is explained by a node the walk reported. */
static bool explained(const hui_xml_src *s, const xmlNode *x) {
  if (!x) return s->nbad > 0;
  for (size_t i = 0; i < s->nbad; i++)
    if (ancestor_or_self(x, s->bad[i]) || ancestor_or_self(s->bad[i], x)) return true;
  return false;
}

/* A plain-language version of one libxml2 RELAX NG message, or NULL to drop. */
static char *rng_message(const hui_xml_raw_error *r, const char *elem, bool others) {
  const char *a = r->s1 ? r->s1 : "?", *b = r->s2 ? r->s2 : "?";
  switch (r->code) {
  case XML_RELAXNG_ERR_INVALIDATTR:
    return hui_xasprintf(_("attribute '%s' is not allowed on <%s>, or its value is not"), a, b);
  case XML_RELAXNG_ERR_NOELEM:
    return hui_xasprintf(_("element <%s> is missing inside <%s>"), a, elem);
  case XML_RELAXNG_ERR_ELEMNOTEMPTY: return hui_xasprintf(_("<%s> must be empty"), elem);
  case XML_RELAXNG_ERR_ELEMNAME:
    return hui_xasprintf(_("element <%s> is not allowed here; <%s> was expected"), b, a);
  case XML_RELAXNG_ERR_INTEREXTRA:
  case XML_RELAXNG_ERR_ELEMWRONG:
  case XML_RELAXNG_ERR_EXTRACONTENT:
    return hui_xasprintf(_("element <%s> is not allowed here or appears more than once"),
                         r->code == XML_RELAXNG_ERR_EXTRACONTENT ? b : a);
  case XML_RELAXNG_ERR_TYPEVAL:
  case XML_RELAXNG_ERR_VALUE:
  case XML_RELAXNG_ERR_DATATYPE:
  case XML_RELAXNG_ERR_VALELEM:
  case XML_RELAXNG_ERR_DATAELEM:
  case XML_RELAXNG_ERR_LIST:
  case XML_RELAXNG_ERR_LISTELEM:
    return hui_xasprintf(_("<%s> has an attribute value that is not allowed (%s)"), elem, r->msg);
  case XML_RELAXNG_ERR_ATTRVALID:
    return others ? NULL
                  : hui_xasprintf(_("<%s> lacks a required attribute or has a value that is not "
                                    "allowed"),
                                  elem);
  case XML_RELAXNG_ERR_CONTENTVALID:
  case XML_RELAXNG_ERR_INTERSEQ:
  case XML_RELAXNG_ERR_INTERNODATA:
  case XML_RELAXNG_ERR_NOSTATE:
  case XML_RELAXNG_ERR_NOGRAMMAR:
    return others
               ? NULL
               : hui_xasprintf(_("the content of <%s> is not valid: an element is missing or out "
                                 "of order"),
                               elem);
  default: return hui_xasprintf(_("<%s> is not valid here: %s"), elem, r->msg);
  }
}

/* The roles of a roles list as the messages name them, written as the clerk
 * would write them: <para role="signature">, <para role="date">, …
 * (caller frees). */
static char *roles_known(const char *roles) {
  hui_buf b = {0};
  for (const char *p = roles; *p;) {
    while (*p == ' ') p++;
    const char *eq = strchr(p, '='), *e = eq ? strchr(eq, ' ') : NULL;
    if (!eq) break;
    if (!e) e = eq + strlen(eq);
    for (const char *v = eq + 1; v < e;) {
      const char *ve = v;
      while (ve < e && *ve != '|') ve++;
      hui_buf_printf(&b, "%s<%.*s role=\"%.*s\">", b.len ? ", " : "", (int)(eq - p), p,
                     (int)(ve - v), v);
      v = ve < e ? ve + 1 : e;
    }
    p = e;
  }
  return hui_buf_take(&b);
}

/* The element after n below root in document order (into n's children
 * when descend), or NULL. */
static xmlNode *next_element(xmlNode *root, xmlNode *n, bool descend) {
  for (;;) {
    if (descend && n->children) {
      n = n->children;
    } else {
      while (n != root && !n->next) n = n->parent;
      if (n == root) return NULL;
      n = n->next;
    }
    if (n->type == XML_ELEMENT_NODE) return n;
    descend = false;
  }
}

/* unknown-role: every role dt does not read (dt->roles), walked without
 * recursion. A role is free text in DocBook, so the schema takes any; a
 * mistyped one (role="signatrue") would otherwise print as a plain
 * paragraph without a word. */
static void check_roles(hui_xml_src *s, const hui_doctype *dt, xmlNode *root) {
  if (!dt->roles || !root) return;
  char *known = NULL;
  for (xmlNode *n = root; n;) {
    const hui_vocab *v = hui_xml_vocab(dt, n);
    const char *enumerated = NULL;
    char *role = v ? hui_xml_attr(n, "role") : NULL;
    bool schemas = v && spec_find(v->attrs, "role", NULL, &enumerated) && enumerated;
    const char *values = NULL;
    if (role && !schemas &&
        !(spec_find(dt->roles, (const char *)n->name, NULL, &values) && values && value_in(values, role))) {
      if (!known) known = roles_known(dt->roles);
      hui_pos p = hui_xml_pos(s, n);
      if (values) {
        /* this element's spec, "para=signature|date", starts at its name */
        const char *spec = values - strlen((const char *)n->name) - 1;
        char *one = hui_xstrndup(spec, strcspn(spec, " "));
        char *here = roles_known(one);
        free(one);
        hui_diag_add(s->d, HUI_WARNING, s->file, p.line, p.col, "unknown-role",
                     _("<%s role=\"%s\">: huibian does not know this role, so the text prints "
                       "plainly; it reads %s. Correct the role, or delete it"),
                     (const char *)n->name, role, here);
        free(here);
      } else {
        hui_diag_add(s->d, HUI_WARNING, s->file, p.line, p.col, "unknown-role",
                     _("<%s role=\"%s\">: huibian reads no role on <%s>, so it changes nothing "
                       "here; delete it (the roles it reads: %s)"),
                     (const char *)n->name, role, (const char *)n->name, known);
      }
    }
    free(role);
    n = next_element(root, n, v != NULL); /* an unknown element is the schema's */
  }
  free(known);
}

bool hui_xml_validate(hui_xml_src *s, xmlDoc *doc, const hui_doctype *dt) {
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlRelaxNGPtr schema = get_schema(dt->schema);
  int rc = -1;
  if (schema) {
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(v, on_rng_error, s);
    rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
  }
  vocab_walk(s, dt, root);
  check_roles(s, dt, root);
  if (rc == 0 && s->nbad == 0) return true;
  /* First the specific messages libxml2 gives, then the vague ones only when
   * nothing else explains the failure. */
  int before = s->nschema;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < s->nraw; i++) {
      hui_xml_raw_error *r = &s->raw[i];
      bool vague = r->code == XML_RELAXNG_ERR_ATTRVALID || r->code == XML_RELAXNG_ERR_CONTENTVALID ||
                   r->code == XML_RELAXNG_ERR_INTERSEQ || r->code == XML_RELAXNG_ERR_INTERNODATA ||
                   r->code == XML_RELAXNG_ERR_NOSTATE || r->code == XML_RELAXNG_ERR_NOGRAMMAR;
      if (vague != (pass == 1)) continue;
      if (explained(s, r->node)) continue;
      bool others = s->nschema > before || s->nbad > 0;
      const xmlNode *n = r->node;
      char *elem = n && n->type == XML_ELEMENT_NODE ? hui_xml_qname(n) : hui_xstrdup("?");
      char *msg = rng_message(r, elem, others);
      if (msg) {
        hui_pos p = n ? hui_xml_pos(s, n) : (hui_pos){r->line, 0};
        schema_diag(s, p, msg);
      }
      free(msg);
      free(elem);
    }
  }
  if (s->nschema == before && s->nbad == 0)
    schema_diag(s, hui_xml_pos(s, root),
                schema ? _("the file does not match the schema")
                       : _("the schema could not be compiled (internal error)"));
  return false;
}
