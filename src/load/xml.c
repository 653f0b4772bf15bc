/* load/xml: libxml2 behind one door (see xml.h). Reads files itself, converts
 * those that declare GB18030/GBK/GB2312 to UTF-8, checks the bytes (size,
 * UTF-8, no DTD, element count and depth) before libxml2
 * sees them, parses from memory with DTDs and entities refused, gives every
 * element and text node its line and column, and copies text out. */
#define _XOPEN_SOURCE 700
#include "load/xml.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>

#include "base/base.h"
#include "base/i18n.h"
#include "base/sha256.h"
#include "hui_limits.h"
#include "load/xmlscan.h"

/* Never NOENT, HUGE, DTDLOAD or DTDATTR. No NOBLANKS: blank text nodes stay in
 * the tree so the tree matches the source token by token (see scan_positions).
 * IGNORE_ENC with "UTF-8" forced: every input is UTF-8 by then (converted from
 * GB18030 when it declares it, checked first). */
#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC)

enum { MAX_PARSE_DIAGS = 5 };

void hui_xml_src_free(hui_xml_src *s) {
  free(s->buf);
  free(s->pos);
  for (size_t i = 0; i < s->nraw; i++) {
    free(s->raw[i].s1);
    free(s->raw[i].s2);
    free(s->raw[i].msg);
  }
  free(s->raw);
  free(s->bad);
  free(s->first.msg);
  free(s->first.s1);
  free(s->first.s2);
}

/* ---- libxml2 set-up ----------------------------------------------------- */

static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

/* External entities and DTDs are never loaded, whatever asks. */
static xmlParserInputPtr deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt) {
  (void)url;
  (void)id;
  (void)ctxt;
  return NULL;
}

static void xml_init(void) {
  static bool done;
  if (done) return;
  done = true;
  xmlInitParser();
  /* check_structure refuses deeper files first; this is the second line. */
  xmlParserMaxDepth = HUI_MAX_XML_DEPTH;
  xmlSetExternalEntityLoader(deny_loader);
  xmlSetGenericErrorFunc(NULL, silent);
}

/* ---- source positions --------------------------------------------------- */

xmlNode *hui_xml_next_preorder(const xmlNode *root, xmlNode *n) {
  if (n->type == XML_ELEMENT_NODE && n->children) return n->children;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

static void set_pos(hui_xml_src *s, xmlNode *n, hui_pos p) {
  hui_pos *slot = HUI_PUSH(s->pos, s->npos, s->cappos);
  *slot = p;
  n->_private = (void *)(uintptr_t)s->npos;
}

/* Start tags, text and CDATA appear in the source in the same order as a
 * pre-order walk of the tree meets them, so one pass over the bytes gives every
 * element and text node its line and column (libxml2 only records lines). */
static void scan_positions(hui_xml_src *s, xmlNode *root) {
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, s->buf, s->len);
  hui_xmlscan_skip_bom(&sc);
  for (xmlNode *n = root; n; n = hui_xml_next_preorder(root, n)) {
    hui_xt_kind want;
    switch (n->type) {
    case XML_ELEMENT_NODE: want = HUI_XT_START; break;
    case XML_TEXT_NODE: want = HUI_XT_TEXT; break;
    case XML_CDATA_SECTION_NODE: want = HUI_XT_CDATA; break;
    case XML_COMMENT_NODE: want = HUI_XT_COMMENT; break;
    case XML_PI_NODE: want = HUI_XT_PI; break;
    default: continue;
    }
    for (;;) {
      hui_xmlscan save = sc;
      hui_xt t;
      if (!hui_xmlscan_next(&sc, &t)) return; /* out of step: the rest keeps libxml2's lines */
      if (t.kind == want) {
        if (want == HUI_XT_START) set_pos(s, n, hui_xmlscan_pos(&sc, t.at));
        else if (want == HUI_XT_TEXT || want == HUI_XT_CDATA) set_pos(s, n, hui_xmlscan_pos(&sc, t.content));
        break;
      }
      if (t.kind == HUI_XT_END || want == HUI_XT_START) continue;
      sc = save; /* out of step for this node only */
      break;
    }
  }
}

hui_pos hui_xml_pos(const hui_xml_src *s, const xmlNode *n) {
  uintptr_t i = (uintptr_t)n->_private;
  if (n->type != XML_DOCUMENT_NODE && i > 0 && i <= s->npos) return s->pos[i - 1];
  hui_pos p = {(int)xmlGetLineNo(n), 0};
  if (p.line < 0) p.line = 0;
  return p;
}

/* ---- parsing ------------------------------------------------------------ */

/* libxml2's message without its line end, or "unknown error". Caller frees. */
static char *error_text(hui_xml_error err) {
  char *msg = hui_xstrdup(err->message ? err->message : _("unknown error"));
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  return msg;
}

static void on_parse_error(void *data, hui_xml_error err) {
  hui_xml_src *s = data;
  if (s->dtd || !err || err->level < XML_ERR_ERROR) return;
  /* Validity findings (e.g. an xml:id that is not an NCName) are left to the
   * rules; only well-formedness stops the file. */
  if (err->domain == XML_FROM_DTD || err->domain == XML_FROM_VALID) return;
  s->nparse++;
  int line = err->line, col = err->int2;
  if (err->code == XML_ERR_INTERNAL_ERROR && err->message && strstr(err->message, "Excessive depth")) {
    if (s->deep_reported) return;
    s->deep_reported = true;
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "too-deep",
                 _("elements are nested too deep (more than %d levels); the file is not read"), HUI_MAX_XML_DEPTH);
    return;
  }
  if (err->code == XML_ERR_UNDECLARED_ENTITY || err->code == XML_WAR_UNDECLARED_ENTITY) {
    /* Each one is its own mistake: none follows from another. */
    hui_pos at = hui_xml_amp_before(s, line, col);
    if (s->nentity++ < MAX_PARSE_DIAGS)
      hui_diag_add(s->d, HUI_ERROR, s->file, at.line, at.col, "not-well-formed",
                   _("unknown entity &%s;: only &amp; &lt; &gt; &quot; &apos; and character "
                     "references like &#x4E00; may be used"),
                   err->str1 ? err->str1 : "?");
    return;
  }
  if (s->first.msg) return; /* what follows from the first mistake */
  s->first.code = err->code;
  s->first.line = line;
  s->first.col = col;
  s->first.int1 = err->int1;
  s->first.msg = error_text(err);
  s->first.s1 = hui_xstrdup(err->str1);
  s->first.s2 = hui_xstrdup(err->str2);
}

/* The first well-formedness error, in plain words when hui_xml_explain knows
 * it, else in libxml2's. */
static void report_first(hui_xml_src *s) {
  if (hui_xml_explain(s, s->first.code, s->first.line, s->first.col, s->first.msg)) return;
  int line = s->first.line, col = s->first.col;
  if (s->first.code == XML_ERR_RESERVED_XML_NAME)
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed",
                 _("<?xml ...?> must be the very first thing in the file: delete the blank lines, spaces or "
                   "text before it"));
  else if (s->first.code == XML_ERR_INVALID_CHAR && s->first.int1 > 0 && s->first.int1 < 0x20)
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed",
                 _("an invisible control character (U+%04X) is here, which XML does not allow (it often "
                   "comes with text copied from another program): delete it"),
                 (unsigned)s->first.int1);
  else if (s->first.code == XML_ERR_TAG_NAME_MISMATCH)
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed",
                 _("the end tag </%s> does not match the start tag <%s> on line %d; the XML is not "
                   "well-formed"),
                 s->first.s2 ? s->first.s2 : "?", s->first.s1 ? s->first.s1 : "?", s->first.int1);
  else
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed", _("the XML is not well-formed: %s"),
                 s->first.msg);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys) {
  (void)name;
  (void)ext;
  (void)sys;
  xmlParserCtxtPtr ctxt = ctx;
  hui_xml_src *s = ctxt->_private;
  s->dtd = true;
  xmlStopParser(ctxt);
}

/* Offset of a <!DOCTYPE in the prolog, or len. Comments, PIs and white space may
 * come before it. */
static size_t prolog_doctype(const char *b, size_t len) {
  size_t o = len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (o < len) {
    char c = b[o];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      o++;
    } else if (len - o >= 4 && memcmp(b + o, "<!--", 4) == 0) {
      o = hui_xmlscan_find(b, len, o + 4, "-->") + 3;
    } else if (len - o >= 2 && memcmp(b + o, "<?", 2) == 0) {
      o = hui_xmlscan_find(b, len, o + 2, "?>") + 2;
    } else if (len - o >= 9 && memcmp(b + o, "<!DOCTYPE", 9) == 0) {
      return o;
    } else {
      return len;
    }
  }
  return len;
}

/* Checks the element count and nesting depth of b against the limits before
 * libxml2 builds anything. Returns false after adding a diagnostic. */
static bool check_structure(hui_xml_src *s, const char *b, size_t len) {
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, b, len);
  size_t n = 0, depth = 0;
  for (hui_xt t; hui_xmlscan_next(&sc, &t);) {
    if (t.kind == HUI_XT_END && depth > 0) depth--;
    if (t.kind != HUI_XT_START) continue;
    if (++n > HUI_MAX_XML_ELEMENTS) {
      hui_pos p = hui_xmlscan_offset_pos(b, t.at);
      hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "too-many-elements",
                   _("the file has more than %u elements; huibian reads files of up to that many; "
                     "the file is not read"),
                   HUI_MAX_XML_ELEMENTS);
      return false;
    }
    if (!t.empty && ++depth > HUI_MAX_XML_DEPTH) {
      hui_pos p = hui_xmlscan_offset_pos(b, t.at);
      hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "too-deep",
                   _("elements are nested too deep (more than %d levels); the file is not read"),
                   HUI_MAX_XML_DEPTH);
      return false;
    }
  }
  return true;
}

static void too_large(hui_xml_src *s) {
  hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-too-large",
               _("the file is larger than %u MB; huibian reads XML files up to that size"),
               HUI_MAX_XML_BYTES / (1024u * 1024u));
}

/* A file whose XML declaration names GB18030, GBK or GB2312 (and that is not
 * UTF-8 anyway) is converted to UTF-8 before anything else reads it; s->buf
 * is replaced. Lines and characters are the same in both encodings, so every
 * line and column counted on the converted bytes is where the author finds
 * it in the file. The declaration (name at s->buf[at..at+n)) is left as it
 * is: libxml2 is told the bytes are UTF-8. Returns false after adding a
 * diagnostic when the bytes are not GB18030. */
static bool convert_gb(hui_xml_src *s, size_t at, size_t n) {
  char *out;
  size_t out_len, bad;
  bool ok = hui_gb18030_to_utf8(s->buf, s->len, &out, &out_len, &bad);
  if (!ok) {
    /* out holds the bytes before the bad one: its end is the bad byte's place. */
    hui_pos p = hui_xmlscan_offset_pos(out, out_len);
    char *name = hui_xstrndup(s->buf + at, n);
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "invalid-encoding",
                 _("the file says it is in %s (encoding=\"%s\"), but the bytes here are not %s (byte "
                   "0x%02X): it may be damaged or saved in another encoding; save it again with UTF-8 "
                   "encoding"),
                 name, name, name, bad < s->len ? (unsigned)(unsigned char)s->buf[bad] : 0u);
    free(name);
    free(out);
    return false;
  }
  free(s->buf);
  s->buf = out;
  s->len = out_len;
  return true;
}

/* Parses buf (len bytes, NUL-terminated; s takes it). Returns the document,
 * or NULL after adding a diagnostic. */
static xmlDoc *parse_bytes(hui_xml_src *s, char *buf, size_t len) {
  xml_init();
  s->buf = buf;
  s->len = len;
  size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n')) i++;
  if (i == len) {
    hui_diag_add(s->d, HUI_ERROR, s->file, 1, 1, "file-empty",
                 _("the file is empty; it must hold an XML document"));
    return NULL;
  }
  size_t at, n;
  if (hui_xmlscan_gb_declared(buf, len, &at, &n) && !convert_gb(s, at, n)) return NULL;
  buf = s->buf;
  len = s->len;
  size_t bad = 0;
  if (!hui_utf8_valid(buf, len, &bad)) {
    hui_pos p = hui_xmlscan_offset_pos(buf, bad);
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "invalid-utf8",
                 _("the file is not valid UTF-8 here (byte 0x%02X); save it with UTF-8 encoding"),
                 (unsigned)(unsigned char)buf[bad]);
    return NULL;
  }
  size_t dt = prolog_doctype(buf, len);
  if (dt < len) {
    hui_pos p = hui_xmlscan_offset_pos(buf, dt);
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "dtd-forbidden",
                 _("a <!DOCTYPE> declaration is not allowed: huibian never reads DTDs or entity "
                   "declarations; remove it"));
    return NULL;
  }
  if (!check_structure(s, buf, len)) return NULL;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    fputs(_("huibian: out of memory\n"), stderr);
    exit(2);
  }
  ctxt->_private = s;
  ctxt->sax->internalSubset = on_internal_subset; /* second line of defence */
  xmlSetStructuredErrorFunc(s, on_parse_error);
  xmlDoc *doc = xmlCtxtReadMemory(ctxt, buf, (int)len, s->file, "UTF-8", PARSE_OPTS);
  xmlSetStructuredErrorFunc(NULL, NULL);
  bool wf = ctxt->wellFormed;
  int line = ctxt->input ? ctxt->input->line : 0;
  xmlFreeParserCtxt(ctxt);
  if (s->dtd) {
    hui_diag_add(s->d, HUI_ERROR, s->file, line, 0, "dtd-forbidden",
                 _("a <!DOCTYPE> declaration is not allowed: huibian never reads DTDs or entity "
                   "declarations; remove it"));
    xmlFreeDoc(doc);
    return NULL;
  }
  if (s->first.msg) report_first(s);
  if (!doc || !wf || s->nparse || !xmlDocGetRootElement(doc)) {
    if (!s->nparse)
      hui_diag_add(s->d, HUI_ERROR, s->file, line, 0, "not-well-formed",
                   _("the XML is not well-formed"));
    xmlFreeDoc(doc);
    return NULL;
  }
  scan_positions(s, xmlDocGetRootElement(doc));
  return doc;
}

xmlDoc *hui_xml_parse_file(hui_xml_src *s, const char *path) {
  size_t len = 0;
  errno = 0;
  char *buf = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
  if (!buf) {
    if (errno == EFBIG)
      too_large(s);
    else if (errno == EISDIR)
      hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-unreadable",
                   _("this is a folder, not a file: rename it, or move what it holds into place"));
    else if (errno == HUI_ENOTREG)
      hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-unreadable",
                   _("this is not an ordinary file (a pipe, socket or device), so it is not read: "
                     "replace it with the file itself"));
    else
      hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-unreadable", _("cannot read the file: %s"),
                   hui_strerror(errno ? errno : EIO));
    return NULL;
  }
  uint8_t digest[32];
  hui_sha256 h;
  hui_sha256_init(&h);
  hui_sha256_update(&h, buf, len);
  hui_sha256_final(&h, digest);
  hui_sha256_hex(digest, s->sha256);
  s->file_size = len;
  return parse_bytes(s, buf, len);
}

/* Bytes held by the caller (the fuzz targets' entry points) get the same size
 * limit as a file. */
xmlDoc *hui_xml_parse_memory(hui_xml_src *s, const char *bytes, size_t len) {
  if (len > HUI_MAX_XML_BYTES) {
    too_large(s);
    return NULL;
  }
  char *buf = hui_xmalloc(len + 1);
  if (len) memcpy(buf, bytes, len);
  buf[len] = '\0';
  return parse_bytes(s, buf, len);
}

/* ---- nodes -------------------------------------------------------------- */

bool hui_xml_in_ns(const xmlNode *n, const char *ns) {
  const char *href = n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
  if (!ns) return href == NULL;
  return href && strcmp(href, ns) == 0;
}

char *hui_xml_qname(const xmlNode *n) {
  if (n->ns && n->ns->prefix) return hui_xasprintf("%s:%s", n->ns->prefix, n->name);
  return hui_xstrdup((const char *)n->name);
}

bool hui_xml_blank(const xmlNode *n) {
  for (const xmlChar *p = n->content; p && *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') return false;
  return true;
}

/* ---- copying text out --------------------------------------------------- */

char *hui_xml_trim_take(char *s) {
  size_t len = strlen(s), a = 0, b = len;
  while (a < b) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + a, b - a, &cp);
    if (!k || !hui_is_space(cp)) break;
    a += k;
  }
  while (b > a) {
    size_t k = 1;
    while (k < 4 && b - k > a && ((unsigned char)s[b - k] & 0xC0) == 0x80) k++;
    uint32_t cp;
    if (hui_utf8_decode(s + b - k, k, &cp) != k || !hui_is_space(cp)) break;
    b -= k;
  }
  char *r = hui_xstrndup(s + a, b - a);
  free(s);
  return r;
}

char *hui_xml_content(const xmlNode *n) {
  xmlChar *c = xmlNodeGetContent(n);
  char *r = hui_xstrdup(c ? (const char *)c : "");
  xmlFree(c);
  return hui_xml_trim_take(r);
}

/* Where the trimmed text of n starts, when n holds exactly one text node. */
static hui_pos field_text_pos(const hui_xml_src *s, const xmlNode *n) {
  hui_pos none = {0, 0};
  const xmlNode *t = n->children;
  if (!t || t->next || t->type != XML_TEXT_NODE || !t->content) return none;
  hui_pos p = hui_xml_pos(s, t);
  if (p.col == 0) return none;
  const char *c = (const char *)t->content;
  size_t len = strlen(c), i = 0;
  while (i < len) {
    uint32_t cp;
    size_t k = hui_utf8_decode(c + i, len - i, &cp);
    if (!k || !hui_is_space(cp)) break;
    if (cp == '\n') {
      p.line++;
      p.col = 1;
    } else {
      p.col++;
    }
    i += k;
  }
  return p;
}

void hui_xml_set_field(const hui_xml_src *s, hui_field *f, const xmlNode *n) {
  if (f->text) return; /* the first one wins; the schema reports the others */
  f->text = hui_xml_content(n);
  f->pos = hui_xml_pos(s, n);
  f->text_pos = field_text_pos(s, n);
}

void hui_xml_set_attr(const hui_xml_src *s, hui_field *f, const xmlNode *n, const char *attr, bool trim) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  if (!v) return;
  free(f->text);
  f->text = hui_xstrdup((const char *)v);
  if (trim) f->text = hui_xml_trim_take(f->text);
  f->pos = hui_xml_pos(s, n);
  xmlFree(v);
}

char *hui_xml_attr(const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  char *r = v ? hui_xml_trim_take(hui_xstrdup((const char *)v)) : NULL;
  xmlFree(v);
  return r;
}

/* ---- body markup -------------------------------------------------------- */

static int node_kind(const char *name, const char *parent) {
  static const struct {
    const char *name;
    hui_node_kind kind;
  } map[] = {{"para", HUI_N_PARA},         {"section", HUI_N_SECTION},
             {"itemizedlist", HUI_N_ITEMIZED}, {"orderedlist", HUI_N_ORDERED},
             {"listitem", HUI_N_ITEM},     {"blockquote", HUI_N_BLOCKQUOTE},
             {"emphasis", HUI_N_EMPHASIS}, {"quote", HUI_N_QUOTE},
             {"phrase", HUI_N_PHRASE},     {"informaltable", HUI_N_TABLE},
             {"table", HUI_N_TABLE},       {"informalfigure", HUI_N_FIGURE},
             {"figure", HUI_N_FIGURE},     {"footnote", HUI_N_FOOTNOTE},
             {"epigraph", HUI_N_EPIGRAPH}, {"note", HUI_N_EDITOR_NOTE}};
  /* A section's title is its heading, an editor's note's its own (编者按);
   * a section's subtitle a second heading line. */
  if (strcmp(name, "title") == 0)
    return strcmp(parent, "section") == 0 || strcmp(parent, "note") == 0 ? (int)HUI_N_TITLE : -1;
  if (strcmp(name, "subtitle") == 0) return strcmp(parent, "section") == 0 ? (int)HUI_N_TITLE : -1;
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(map[i].name, name) == 0) return (int)map[i].kind;
  return -1;
}

static bool inline_kind(hui_node_kind k) {
  return k == HUI_N_PARA || k == HUI_N_TITLE || k == HUI_N_EMPHASIS || k == HUI_N_QUOTE ||
         k == HUI_N_PHRASE || k == HUI_N_CAPTION;
}

/* The grid column (1-based) of the colspec named NAME in TGROUP; 0 when none
 * is. A colspec without colnum follows the one before it. */
static int colspec_num(const hui_doctype *dt, const xmlNode *tgroup, const char *name) {
  int num = 0;
  for (const xmlNode *c = tgroup->children; c && name; c = c->next) {
    if (!hui_xml_is(c, dt, "colspec")) continue;
    char *colnum = hui_xml_attr(c, "colnum"), *colname = hui_xml_attr(c, "colname");
    num = colnum ? atoi(colnum) : num + 1;
    bool hit = colname && strcmp(colname, name) == 0;
    free(colnum);
    free(colname);
    if (hit) return num;
  }
  return 0;
}

/* Where the cells of one part of a table (thead or tbody) go on its grid,
 * as CALS places them: each entry in the next free column of its row, or at
 * its namest (the columns it skips stay empty); a column is taken by the
 * entries above it whose morerows reach down into the row. */
typedef struct table_grid {
  hui_xml_src *s;
  const hui_doctype *dt;
  const xmlNode *tgroup;
  int cols;      /* tgroup/@cols */
  int rows_left; /* rows of the part from the current one to its end */
  int *below;    /* per column: rows still taken by a morerows from above */
} table_grid;

/* A span finding at ENTRY. */
#define span_finding(g, entry, ...)                                                               \
  do {                                                                                            \
    hui_pos p_ = hui_xml_pos((g)->s, (entry));                                                    \
    hui_diag_add((g)->s->d, HUI_ERROR, (g)->s->file, p_.line, p_.col, "table-span", __VA_ARGS__); \
  } while (0)

/* The column (from 0) named by ENTRY's attribute ATTR, -1 when absent, and
 * -2 (after a finding) when no colspec gives the name. */
static int entry_col(table_grid *g, const xmlNode *entry, const char *attr) {
  char *name = hui_xml_attr(entry, attr);
  if (!name) return -1;
  int num = colspec_num(g->dt, g->tgroup, name);
  if (num < 1 || num > g->cols) {
    span_finding(g, entry,
                 _("%s=\"%s\" names no column of the table; write one of the colname values of "
                   "the tgroup's colspecs"),
                 attr, name);
    free(name);
    return -2;
  }
  free(name);
  return num - 1;
}

/* The first free column of the row from col, or cols when none is. */
static int next_free(const table_grid *g, int col) {
  while (col < g->cols && g->below[col] > 0) col++;
  return col;
}

/* Places ENTRY of the current row, whose next free column is *col: sets
 * CELL's spans (namest..nameend, morerows + 1) and returns its column, or
 * -1 (after a finding) when the row has no room left for it. Columns the
 * entry's namest skips get empty cells in ROW. */
static int place_entry(table_grid *g, const xmlNode *entry, hui_node *row, hui_node *cell,
                       int *col) {
  int free_col = next_free(g, *col);
  int a = entry_col(g, entry, "namest"), b = entry_col(g, entry, "nameend");
  int at = free_col;
  if (a >= 0 && a > free_col) {
    for (int k = free_col; k < a; k = next_free(g, k + 1))
      hui_node_append(row, hui_node_new(HUI_N_CELL, NULL, cell->pos));
    at = a;
  } else if (a >= 0 && a < free_col) {
    span_finding(
        g, entry,
        _("namest names a column already taken in this row (by the entry before it or by a "
          "morerows from above); the entry is put in the next free column, column %d"),
        free_col + 1);
  }
  if (at >= g->cols) {
    span_finding(g, entry,
                 _("the row has more entries than the table's %d columns (tgroup cols); remove the "
                   "entry or raise cols"),
                 g->cols);
    return -1;
  }
  if (b >= 0 && b < at)
    span_finding(
        g, entry,
        _("nameend names a column before the entry's first; the entry is one column wide"));
  else if (b >= 0) cell->cols = b - at + 1;
  if (cell->cols < 1) cell->cols = 1;
  for (int k = at; k < at + cell->cols; k++)
    if (k >= g->cols || g->below[k] > 0) {
      span_finding(g, entry,
                   _("the entry spans into column %d, which is taken by a morerows from above; the "
                     "entry is made narrower"),
                   k + 1);
      cell->cols = k - at;
      break;
    }
  if (cell->cols < 1) cell->cols = 1;
  char *more = hui_xml_attr(entry, "morerows");
  long m = more ? strtol(more, NULL, 10) : 0;
  free(more);
  if (m < 0) m = 0;
  if (m >= g->rows_left) {
    span_finding(
        g, entry,
        _("morerows=\"%ld\" reaches past the last row of its thead or tbody; lower it (the "
          "entry stops at the last row)"),
        m);
    m = g->rows_left - 1;
  }
  if (m > 0) cell->rows = (int)m + 1;
  for (int k = at; k < at + cell->cols; k++) g->below[k] = cell->rows;
  *col = at + cell->cols;
  return at;
}

/* A cell's content: its paragraphs, or its bare inline content wrapped in
 * one paragraph. */
static void map_entry(hui_xml_src *s, const hui_doctype *dt, xmlNode *entry, hui_node *cell) {
  bool paras = false;
  for (const xmlNode *c = entry->children; c; c = c->next)
    if (hui_xml_is(c, dt, "para")) paras = true;
  hui_node *into = cell;
  if (!paras) {
    into = hui_node_new(HUI_N_PARA, NULL, cell->pos);
    hui_node_append(cell, into);
  }
  hui_xml_map_body(s, dt, entry, into);
}

/* The colspecs of TGROUP with a colwidth, as HUI_N_COLSPEC leaves of TABLE. */
static void map_colspecs(hui_xml_src *s, const hui_doctype *dt, const xmlNode *tgroup,
                         hui_node *table) {
  int num = 0;
  for (const xmlNode *c = tgroup->children; c; c = c->next) {
    if (!hui_xml_is(c, dt, "colspec")) continue;
    char *colnum = hui_xml_attr(c, "colnum"), *width = hui_xml_attr(c, "colwidth");
    num = colnum ? atoi(colnum) : num + 1;
    if (width && num >= 1 && num <= table->cols) {
      hui_node *spec = hui_node_new(HUI_N_COLSPEC, width, hui_xml_pos(s, c));
      spec->cols = num;
      hui_node_append(table, spec);
    }
    free(colnum);
    free(width);
  }
}

/* One part (thead or tbody) of TGROUP into TABLE's rows. */
static void map_part(table_grid *g, xmlNode *part, bool head, hui_node *table) {
  int nrows = 0;
  for (xmlNode *r = part->children; r; r = r->next) nrows += hui_xml_is(r, g->dt, "row");
  for (int k = 0; k < g->cols; k++) g->below[k] = 0;
  g->rows_left = nrows;
  for (xmlNode *r = part->children; r; r = r->next) {
    if (!hui_xml_is(r, g->dt, "row")) continue;
    hui_node *row = hui_node_new(HUI_N_ROW, NULL, hui_xml_pos(g->s, r));
    if (head) row->flags |= HUI_NODE_HEAD;
    hui_node_append(table, row);
    int col = 0;
    for (xmlNode *e = r->children; e; e = e->next) {
      if (!hui_xml_is(e, g->dt, "entry")) continue;
      hui_node *cell = hui_node_new(HUI_N_CELL, NULL, hui_xml_pos(g->s, e));
      if (place_entry(g, e, row, cell, &col) < 0) {
        hui_node_free(cell);
        continue;
      }
      hui_node_append(row, cell);
      map_entry(g->s, g->dt, e, cell);
    }
    for (int k = 0; k < g->cols; k++)
      if (g->below[k] > 0) g->below[k]--;
    g->rows_left--;
  }
}

/* table/informaltable X into TABLE: its title, its colspecs' widths, then
 * one HUI_N_ROW per row of thead (marked HUI_NODE_HEAD) and tbody, one
 * HUI_N_CELL per entry, in the order CALS places them (docs/edition-format.md:
 * the columns an entry's namest skips get empty cells). Spans that do not fit
 * the grid are findings (table-span) and are cut to fit, so the model's
 * table is always a whole grid. */
static void map_table(hui_xml_src *s, const hui_doctype *dt, xmlNode *x, hui_node *table) {
  for (xmlNode *c = x->children; c; c = c->next) {
    if (hui_xml_is(c, dt, "title")) {
      hui_node *t = hui_node_new(HUI_N_TITLE, NULL, hui_xml_pos(s, c));
      hui_node_append(table, t);
      hui_xml_map_body(s, dt, c, t);
    }
    if (!hui_xml_is(c, dt, "tgroup")) continue;
    char *cols = hui_xml_attr(c, "cols");
    long ncols = cols ? strtol(cols, NULL, 10) : 0;
    if (ncols > HUI_MAX_TABLE_COLS) {
      hui_pos p = hui_xml_pos(s, c);
      hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "table-span",
                   _("the table has %ld columns (tgroup cols); a page holds at most %d"), ncols,
                   HUI_MAX_TABLE_COLS);
      free(cols);
      continue; /* its rows are not read */
    }
    if (ncols > 0) table->cols = (int)ncols;
    free(cols);
    map_colspecs(s, dt, c, table);
    table_grid g = {s, dt, c, table->cols, 0, hui_xcalloc((size_t)table->cols, sizeof(int))};
    for (xmlNode *part = c->children; part; part = part->next) {
      bool head = hui_xml_is(part, dt, "thead");
      if (head || hui_xml_is(part, dt, "tbody")) map_part(&g, part, head, table);
    }
    free(g.below);
  }
}

/* figure/informalfigure X into FIGURE: its image (the first imagedata's
 * fileref), then its caption, from the figure's title or else the
 * mediaobject's caption (its paragraphs joined). */
static void map_figure(hui_xml_src *s, const hui_doctype *dt, xmlNode *x, hui_node *figure) {
  xmlNode *title = NULL, *caption = NULL;
  for (xmlNode *c = x->children; c; c = c->next) {
    if (hui_xml_is(c, dt, "title") && !title) title = c;
    for (xmlNode *m = hui_xml_is(c, dt, "mediaobject") ? c->children : NULL; m; m = m->next) {
      if (hui_xml_is(m, dt, "caption") && !caption) caption = m;
      for (xmlNode *d = hui_xml_is(m, dt, "imageobject") ? m->children : NULL; d; d = d->next) {
        if (!hui_xml_is(d, dt, "imagedata") || figure->first) continue;
        hui_field ref = {0};
        hui_xml_set_attr(s, &ref, d, "fileref", true);
        hui_node_append(figure, hui_node_new(HUI_N_IMAGE, ref.text ? ref.text : "", ref.text ? ref.pos : hui_xml_pos(s, d)));
        free(ref.text);
      }
    }
  }
  if (title) {
    hui_node *cap = hui_node_new(HUI_N_CAPTION, NULL, hui_xml_pos(s, title));
    hui_node_append(figure, cap);
    hui_xml_map_body(s, dt, title, cap);
  } else if (caption) {
    hui_node *cap = hui_node_new(HUI_N_CAPTION, NULL, hui_xml_pos(s, caption));
    hui_node_append(figure, cap);
    for (xmlNode *p = caption->children; p; p = p->next)
      if (hui_xml_is(p, dt, "para")) hui_xml_map_body(s, dt, p, cap);
  }
}

typedef struct frame {
  xmlNode *next; /* next child to map */
  hui_node *h;
} frame;

void hui_xml_map_body(hui_xml_src *s, const hui_doctype *dt, xmlNode *x, hui_node *h) {
  frame *st = NULL;
  size_t n = 0, cap = 0;
  frame *f = HUI_PUSH(st, n, cap);
  f->next = x->children;
  f->h = h;
  while (n) {
    f = &st[n - 1];
    xmlNode *c = f->next;
    if (!c) {
      n--;
      continue;
    }
    f->next = c->next;
    hui_node *hp = f->h;
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (inline_kind(hp->kind) && c->content && *c->content)
        hui_node_append(hp, hui_node_new(HUI_N_TEXT, (const char *)c->content, hui_xml_pos(s, c)));
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || !hui_xml_allowed(dt, c->parent, c)) continue;
    int k = node_kind((const char *)c->name, (const char *)c->parent->name);
    if (k < 0) continue;
    if (n > HUI_MAX_BODY_DEPTH) {
      if (!s->deep_reported) {
        hui_pos p = hui_xml_pos(s, c);
        hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "too-deep",
                     _("content is nested more than %d levels deep here; simplify the structure"),
                     HUI_MAX_BODY_DEPTH);
        s->deep_reported = true;
      }
      continue;
    }
    hui_node *child = hui_node_new((hui_node_kind)k, NULL, hui_xml_pos(s, c));
    if (k == HUI_N_EMPHASIS) {
      char *role = hui_xml_attr(c, "role");
      if (role && (strcmp(role, "bold") == 0 || strcmp(role, "strong") == 0)) child->flags |= HUI_NODE_BOLD;
      free(role);
    } else if (k == HUI_N_PARA) {
      char *role = hui_xml_attr(c, "role");
      if (role && strcmp(role, "signature") == 0) child->flags |= HUI_NODE_SIGNATURE;
      if (role && strcmp(role, "date") == 0) child->flags |= HUI_NODE_DATE;
      free(role);
    } else if (k == HUI_N_TITLE && strcmp((const char *)c->name, "subtitle") == 0) {
      child->flags |= HUI_NODE_SUBTITLE;
    }
    hui_node_append(hp, child);
    if (k == HUI_N_TABLE || k == HUI_N_FIGURE) {
      (k == HUI_N_TABLE ? map_table : map_figure)(s, dt, c, child);
      continue;
    }
    frame *nf = HUI_PUSH(st, n, cap);
    nf->next = c->children;
    nf->h = child;
  }
  free(st);
  /* Keep the model's promise that a section starts with its title. */
  for (hui_node *m = h; m; m = hui_node_walk_next(h, m))
    if (m->kind == HUI_N_SECTION && (!m->first || m->first->kind != HUI_N_TITLE)) {
      hui_node *t = hui_node_new(HUI_N_TITLE, NULL, m->pos);
      t->parent = m;
      t->next = m->first;
      m->first = t;
      if (!m->last) m->last = t;
    }
}
