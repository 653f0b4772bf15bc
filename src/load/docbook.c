/* load: libxml2 → model. Reads files itself, parses from memory with DTDs and
 * entities refused, validates with the embedded RELAX NG schemas, explains schema
 * errors in plain words, and copies everything into the model. */
#define _XOPEN_SOURCE 700 /* lstat */
#include "load.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "base/base.h"

extern const char hui_schema_submission[];
extern const char hui_schema_campaign[];

#define DB_NS "http://docbook.org/ns/docbook"
#define XML_NS "http://www.w3.org/XML/1998/namespace"

/* Never NOENT, HUGE, DTDLOAD or DTDATTR. No NOBLANKS: blank text nodes stay in
 * the tree so the tree matches the source token by token (see scan_positions).
 * IGNORE_ENC with "UTF-8" forced: every input must be UTF-8 (checked first). */
#define PARSE_OPTS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_IGNORE_ENC)

enum { MAX_BODY_DEPTH = HUI_MAX_BODY_DEPTH, MAX_SCHEMA_DIAGS = 30, MAX_PARSE_DIAGS = 5 };

#if LIBXML_VERSION >= 21200
typedef const xmlError *hui_xml_error;
#else
typedef xmlErrorPtr hui_xml_error;
#endif

/* ---- per-file state ---------------------------------------------------- */

typedef struct raw_error {
  const xmlNode *node;
  int code, line;
  char *s1, *s2, *msg;
} raw_error;

typedef struct xsrc {
  const char *file; /* relative name used in diagnostics */
  hui_diags *d;
  char *buf;
  size_t len;
  hui_pos *pos; /* node->_private holds index + 1 */
  size_t npos, cappos;
  bool dtd;
  int nparse;
  raw_error *raw;
  size_t nraw, capraw;
  const xmlNode **bad; /* nodes the vocabulary walk reported */
  size_t nbad, capbad;
  int nschema;
  bool deep_reported;
} xsrc;

static void xsrc_free(xsrc *s) {
  free(s->buf);
  free(s->pos);
  for (size_t i = 0; i < s->nraw; i++) {
    free(s->raw[i].s1);
    free(s->raw[i].s2);
    free(s->raw[i].msg);
  }
  free(s->raw);
  free(s->bad);
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

static void schema_compile_error(void *data, hui_xml_error err) {
  (void)data;
  fprintf(stderr, "huibian: internal error: embedded schema: %s", err && err->message ? err->message : "?\n");
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

/* The compiled schemas, one per process (the only globals of this module). */
static xmlRelaxNGPtr schema_cache[2];

static xmlRelaxNGPtr get_schema(int which) {
  if (!schema_cache[which]) {
    const char *text = which ? hui_schema_campaign : hui_schema_submission;
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(text, (int)strlen(text));
    xmlRelaxNGSetParserStructuredErrors(pc, schema_compile_error, NULL);
    schema_cache[which] = xmlRelaxNGParse(pc);
    xmlRelaxNGFreeParserCtxt(pc);
  }
  return schema_cache[which];
}

/* ---- source positions --------------------------------------------------- */

/* Line and column (in characters) of byte offset off. */
static hui_pos offset_pos(const char *b, size_t off) {
  hui_pos p = {1, 1};
  size_t line_start = 0;
  if (off >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0) line_start = 3;
  for (size_t i = 0; i < off; i++)
    if (b[i] == '\n') {
      p.line++;
      line_start = i + 1;
    }
  p.col = (int)hui_utf8_count(b + line_start, off - line_start) + 1;
  return p;
}

typedef enum { T_END_OF_INPUT, T_START, T_END, T_TEXT, T_CDATA, T_COMMENT, T_PI, T_DECL } tok_kind;

typedef struct scanner {
  const char *b;
  size_t len, off;
  /* incremental line counting */
  size_t counted, line_start;
  int line;
  /* incremental column counting: col is the column of byte col_at (a long
   * line of many elements must not be counted again for each) */
  size_t col_at;
  int col;
} scanner;

static size_t find_str(const char *b, size_t len, size_t from, const char *pat) {
  size_t m = strlen(pat);
  for (size_t i = from; i + m <= len; i++)
    if (b[i] == pat[0] && memcmp(b + i, pat, m) == 0) return i;
  return len;
}

/* The next markup or text token: its kind and the offset where its content
 * (element: the '<'; text: the first character; CDATA: after "<![CDATA[") starts. */
static tok_kind next_token(scanner *sc, size_t *at) {
  const char *b = sc->b;
  size_t len = sc->len, o = sc->off;
  if (o >= len) return T_END_OF_INPUT;
  if (b[o] != '<') {
    *at = o;
    const char *lt = memchr(b + o, '<', len - o);
    sc->off = lt ? (size_t)(lt - b) : len;
    return T_TEXT;
  }
  *at = o;
  if (len - o >= 4 && memcmp(b + o, "<!--", 4) == 0) {
    size_t e = find_str(b, len, o + 4, "-->");
    sc->off = e + 3 > len ? len : e + 3;
    return T_COMMENT;
  }
  if (len - o >= 9 && memcmp(b + o, "<![CDATA[", 9) == 0) {
    *at = o + 9;
    size_t e = find_str(b, len, o + 9, "]]>");
    sc->off = e + 3 > len ? len : e + 3;
    return T_CDATA;
  }
  if (len - o >= 2 && b[o + 1] == '?') {
    size_t e = find_str(b, len, o + 2, "?>");
    sc->off = e + 2 > len ? len : e + 2;
    return T_PI;
  }
  tok_kind k = b[o + 1] == '/' ? T_END : b[o + 1] == '!' ? T_DECL : T_START;
  char quote = 0;
  size_t i = o + 1;
  for (; i < len; i++) {
    if (quote) {
      if (b[i] == quote) quote = 0;
    } else if (b[i] == '"' || b[i] == '\'') {
      quote = b[i];
    } else if (b[i] == '>') {
      break;
    }
  }
  sc->off = i < len ? i + 1 : len;
  return k;
}

static hui_pos scanner_pos(scanner *sc, size_t off) {
  for (; sc->counted < off; sc->counted++)
    if (sc->b[sc->counted] == '\n') {
      sc->line++;
      sc->line_start = sc->counted + 1;
    }
  if (sc->col_at < sc->line_start || sc->col_at > off || sc->col == 0) {
    sc->col_at = sc->line_start;
    sc->col = 1;
  }
  sc->col += (int)hui_utf8_count(sc->b + sc->col_at, off - sc->col_at);
  sc->col_at = off;
  hui_pos p = {sc->line, sc->col};
  return p;
}

static xmlNode *next_preorder(const xmlNode *root, xmlNode *n) {
  if (n->type == XML_ELEMENT_NODE && n->children) return n->children;
  while (n && n != root) {
    if (n->next) return n->next;
    n = n->parent;
  }
  return NULL;
}

static void set_pos(xsrc *s, xmlNode *n, hui_pos p) {
  hui_pos *slot = HUI_PUSH(s->pos, s->npos, s->cappos);
  *slot = p;
  n->_private = (void *)(uintptr_t)s->npos;
}

/* Start tags, text and CDATA appear in the source in the same order as a
 * pre-order walk of the tree meets them, so one pass over the bytes gives every
 * element and text node its line and column (libxml2 only records lines). */
static void scan_positions(xsrc *s, xmlNode *root) {
  scanner sc = {s->buf, s->len, 0, 0, 0, 1, 0, 0};
  if (s->len >= 3 && memcmp(s->buf, "\xEF\xBB\xBF", 3) == 0) sc.off = sc.counted = sc.line_start = 3;
  for (xmlNode *n = root; n; n = next_preorder(root, n)) {
    tok_kind want;
    switch (n->type) {
    case XML_ELEMENT_NODE: want = T_START; break;
    case XML_TEXT_NODE: want = T_TEXT; break;
    case XML_CDATA_SECTION_NODE: want = T_CDATA; break;
    case XML_COMMENT_NODE: want = T_COMMENT; break;
    case XML_PI_NODE: want = T_PI; break;
    default: continue;
    }
    for (;;) {
      scanner save = sc;
      size_t at = 0;
      tok_kind k = next_token(&sc, &at);
      if (k == T_END_OF_INPUT) return; /* out of step: the rest keeps libxml2's lines */
      if (k == want) {
        if (want == T_START || want == T_TEXT || want == T_CDATA) set_pos(s, n, scanner_pos(&sc, at));
        break;
      }
      if (k == T_END || want == T_START) continue;
      sc = save; /* out of step for this node only */
      break;
    }
  }
}

static hui_pos node_pos(const xsrc *s, const xmlNode *n) {
  uintptr_t i = (uintptr_t)n->_private;
  if (n->type != XML_DOCUMENT_NODE && i > 0 && i <= s->npos) return s->pos[i - 1];
  hui_pos p = {(int)xmlGetLineNo(n), 0};
  if (p.line < 0) p.line = 0;
  return p;
}

/* ---- parsing ------------------------------------------------------------ */

static void on_parse_error(void *data, hui_xml_error err) {
  xsrc *s = data;
  if (s->dtd || !err || err->level < XML_ERR_ERROR) return;
  /* Validity findings (e.g. an xml:id that is not an NCName) are left to the
   * rules; only well-formedness stops the file. */
  if (err->domain == XML_FROM_DTD || err->domain == XML_FROM_VALID) return;
  if (s->nparse++ >= MAX_PARSE_DIAGS) return;
  char *msg = hui_xstrdup(err->message ? err->message : "unknown error");
  size_t n = strlen(msg);
  while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  int line = err->line, col = err->int2;
  switch (err->code) {
  case XML_ERR_TAG_NAME_MISMATCH:
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed",
                 "the end tag </%s> does not match the start tag <%s> on line %d; the XML is not "
                 "well-formed",
                 err->str2 ? err->str2 : "?", err->str1 ? err->str1 : "?", err->int1);
    break;
  case XML_ERR_UNDECLARED_ENTITY:
  case XML_WAR_UNDECLARED_ENTITY:
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed",
                 "unknown entity &%s;: only &amp; &lt; &gt; &quot; &apos; and character "
                 "references like &#x4E00; may be used",
                 err->str1 ? err->str1 : "?");
    break;
  case XML_ERR_INTERNAL_ERROR:
    if (strstr(msg, "Excessive depth")) {
      hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "too-deep",
                   "elements are nested too deep (more than %d levels); the file is not read",
                   HUI_MAX_XML_DEPTH);
      break;
    }
    /* fall through */
  default:
    hui_diag_add(s->d, HUI_ERROR, s->file, line, col, "not-well-formed",
                 "the XML is not well-formed: %s", msg);
  }
  free(msg);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys) {
  (void)name;
  (void)ext;
  (void)sys;
  xmlParserCtxtPtr ctxt = ctx;
  xsrc *s = ctxt->_private;
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
      o = find_str(b, len, o + 4, "-->") + 3;
    } else if (len - o >= 2 && memcmp(b + o, "<?", 2) == 0) {
      o = find_str(b, len, o + 2, "?>") + 2;
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
static bool check_structure(xsrc *s, const char *b, size_t len) {
  scanner sc = {b, len, 0, 0, 0, 1, 0, 0};
  size_t n = 0, depth = 0, at = 0;
  for (tok_kind k; (k = next_token(&sc, &at)) != T_END_OF_INPUT;) {
    if (k == T_END && depth > 0) depth--;
    if (k != T_START) continue;
    if (++n > HUI_MAX_XML_ELEMENTS) {
      hui_pos p = offset_pos(b, at);
      hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "too-many-elements",
                   "the file has more than %u elements; huibian reads files of up to that many; "
                   "the file is not read",
                   HUI_MAX_XML_ELEMENTS);
      return false;
    }
    bool empty = sc.off >= 2 && b[sc.off - 1] == '>' && b[sc.off - 2] == '/';
    if (!empty && ++depth > HUI_MAX_XML_DEPTH) {
      hui_pos p = offset_pos(b, at);
      hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "too-deep",
                   "elements are nested too deep (more than %d levels); the file is not read",
                   HUI_MAX_XML_DEPTH);
      return false;
    }
  }
  return true;
}

static xmlDoc *parse_bytes(xsrc *s, char *buf, size_t len);

/* Reads and parses path. Returns the document, or NULL after adding a
 * diagnostic. On success s->buf holds the bytes and positions are computed. */
static void too_large(xsrc *s) {
  hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-too-large",
               "the file is larger than %u MB; huibian reads XML files up to that size",
               HUI_MAX_XML_BYTES / (1024u * 1024u));
}

static xmlDoc *parse_file(xsrc *s, const char *path) {
  size_t len = 0;
  errno = 0;
  char *buf = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
  if (!buf) {
    if (errno == EFBIG)
      too_large(s);
    else if (errno == EISDIR)
      hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-unreadable",
                   "this is a folder, not a file: rename it, or move what it holds into place");
    else if (errno == HUI_ENOTREG)
      hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-unreadable",
                   "this is not an ordinary file (a pipe, socket or device), so it is not read: "
                   "replace it with the file itself");
    else
      hui_diag_add(s->d, HUI_ERROR, s->file, 0, 0, "file-unreadable", "cannot read the file: %s",
                   hui_strerror(errno ? errno : EIO));
    return NULL;
  }
  return parse_bytes(s, buf, len);
}

/* Parses a copy of bytes held by the caller (the fuzz targets' entry points),
 * with the same size limit as a file. */
static xmlDoc *parse_memory(xsrc *s, const char *bytes, size_t len) {
  if (len > HUI_MAX_XML_BYTES) {
    too_large(s);
    return NULL;
  }
  char *buf = hui_xmalloc(len + 1);
  if (len) memcpy(buf, bytes, len);
  buf[len] = '\0';
  return parse_bytes(s, buf, len);
}

/* Parses buf (len bytes, NUL-terminated; s takes it). Returns the document,
 * or NULL after adding a diagnostic. */
static xmlDoc *parse_bytes(xsrc *s, char *buf, size_t len) {
  xml_init();
  s->buf = buf;
  s->len = len;
  size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n')) i++;
  if (i == len) {
    hui_diag_add(s->d, HUI_ERROR, s->file, 1, 1, "file-empty",
                 "the file is empty; it must hold an XML document");
    return NULL;
  }
  size_t bad = 0;
  if (!hui_utf8_valid(buf, len, &bad)) {
    hui_pos p = offset_pos(buf, bad);
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "invalid-utf8",
                 "the file is not valid UTF-8 here (byte 0x%02X); save it with UTF-8 encoding",
                 (unsigned)(unsigned char)buf[bad]);
    return NULL;
  }
  size_t dt = prolog_doctype(buf, len);
  if (dt < len) {
    hui_pos p = offset_pos(buf, dt);
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "dtd-forbidden",
                 "a <!DOCTYPE> declaration is not allowed: huibian never reads DTDs or entity "
                 "declarations; remove it");
    return NULL;
  }
  if (!check_structure(s, buf, len)) return NULL;
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    fputs("huibian: out of memory\n", stderr);
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
                 "a <!DOCTYPE> declaration is not allowed: huibian never reads DTDs or entity "
                 "declarations; remove it");
    xmlFreeDoc(doc);
    return NULL;
  }
  if (!doc || !wf || s->nparse || !xmlDocGetRootElement(doc)) {
    if (!s->nparse)
      hui_diag_add(s->d, HUI_ERROR, s->file, line, 0, "not-well-formed", "the XML is not well-formed");
    xmlFreeDoc(doc);
    return NULL;
  }
  scan_positions(s, xmlDocGetRootElement(doc));
  return doc;
}

/* ---- vocabulary walk: clear schema messages ----------------------------- */

/* Which children and attributes each element may have, and whether it may hold
 * text. The walk over this table names every element, attribute or text that is
 * out of place at its own line; the RELAX NG schemas stay the authority, and
 * their findings that the walk does not explain are reported too.
 * Attribute lists: "name", "!name" (required), "name=a|b" (one of a, b). */
typedef struct vocab {
  const char *name;
  const char *children; /* allowed child elements */
  bool text;
  bool body;            /* part of the article body */
  const char *attrs;    /* allowed attributes besides the common ones */
  const char *required; /* children that must be present */
  const char *once;     /* children that may appear at most once */
} vocab;

#define INLINE "emphasis quote phrase"
#define BLOCKS "para itemizedlist orderedlist blockquote"
static const vocab sub_vocab[] = {
    {"article", "title subtitle info section " BLOCKS, false, true, "class status label", "", "title subtitle info"},
    {"info", "title subtitle author date cover subjectset bibliomisc abstract", false, false, "", "",
     "title subtitle author date cover abstract"},
    {"author", "personname orgname affiliation", false, false, "", "", "personname orgname"},
    {"affiliation", "jobtitle orgname", false, false, "", "", "orgname"},
    {"personname", "surname firstname givenname othername honorific lineage " INLINE, true, false, "", "", ""},
    {"cover", "mediaobject", false, false, "", "mediaobject", "mediaobject"},
    {"mediaobject", "imageobject", false, false, "", "imageobject", ""},
    {"imageobject", "imagedata", false, false, "", "imagedata", "imagedata"},
    {"imagedata", "", false, false,
     "!fileref format width depth contentwidth contentdepth scale scalefit=0|1 align valign", "", ""},
    {"subjectset", "subject", false, false, "!scheme=category", "subject", ""},
    {"subject", "subjectterm", false, false, "weight", "subjectterm", ""},
    {"subjectterm", "", true, false, "", "", ""},
    {"abstract", "title para", false, false, "", "para", "title"},
    {"section", "title section " BLOCKS, false, true, "", "title", "title"},
    {"itemizedlist", "listitem", false, true, "mark spacing=compact|normal", "listitem", ""},
    {"orderedlist", "listitem", false, true,
     "numeration=arabic|upperalpha|loweralpha|upperroman|lowerroman inheritnum=inherit|ignore "
     "continuation=continues|restarts startingnumber spacing=compact|normal",
     "listitem", ""},
    {"listitem", BLOCKS, false, true, "override", "", ""},
    {"blockquote", BLOCKS, false, true, "", "", ""},
    {"para", INLINE, true, true, "", "", ""},
    {"emphasis", INLINE, true, true, "", "", ""},
    {"quote", INLINE, true, true, "", "", ""},
    {"phrase", INLINE, true, true, "", "", ""},
    {"title", INLINE, true, false, "", "", ""},
    {"subtitle", INLINE, true, false, "", "", ""},
    {"date", INLINE, true, false, "", "", ""},
    {"orgname", INLINE, true, false, "class otherclass", "", ""},
    {"jobtitle", INLINE, true, false, "", "", ""},
    {"bibliomisc", INLINE, true, false, "!role=recommender|honor", "", ""},
    {"surname", INLINE, true, false, "", "", ""},
    {"firstname", INLINE, true, false, "", "", ""},
    {"givenname", INLINE, true, false, "", "", ""},
    {"othername", INLINE, true, false, "", "", ""},
    {"honorific", INLINE, true, false, "", "", ""},
    {"lineage", INLINE, true, false, "", "", ""},
    {NULL, NULL, false, false, NULL, NULL, NULL}};

#define CAMPAIGN_CHILDREN "name area organizer window rules originality tiers order results compendium certificate"
static const vocab camp_vocab[] = {
    {"campaign", CAMPAIGN_CHILDREN, false, false, "!year xml:lang", "name area organizer window tiers compendium",
     CAMPAIGN_CHILDREN},
    {"name", "", true, false, "", "", ""},
    {"area", "", true, false, "", "", ""},
    {"organizer", "", true, false, "", "", ""},
    {"window", "", false, false, "!start !end", "", ""},
    {"rules", "", false, false, "max-chars photo=required|optional recommender=required|optional", "", ""},
    {"tiers", "tier", false, false, "", "tier", ""},
    {"tier", "", false, false, "!id !name quota", "", ""},
    {"order", "", false, false, "!within-tier=stroke|pinyin|unit|date", "", ""},
    {"results", "award", false, false, "", "", ""},
    {"award", "", false, false, "!ref !tier", "", ""},
    {"compendium", "title preface", false, false, "template candidates=yes|no", "title", "title preface"},
    {"title", "", true, false, "", "", ""},
    {"preface", "para", false, false, "", "para", ""},
    {"para", "emphasis", true, false, "", "", ""},
    {"emphasis", "", true, false, "role", "", ""},
    {"certificate", "title text text-collective issuer date seal number", false, false, "template",
     "title text issuer date", "title text text-collective issuer date seal number"},
    {"text", "", true, false, "", "", ""},
    {"text-collective", "", true, false, "", "", ""},
    {"issuer", "", true, false, "", "", ""},
    {"date", "", true, false, "", "", ""},
    {"seal", "", false, false, "!fileref", "", ""},
    {"number", "", false, false, "!format", "", ""},
    {"originality", "", false, false, "threshold min-run", "", ""},
    {NULL, NULL, false, false, NULL, NULL, NULL}};

typedef struct doctype {
  const vocab *voc;
  const char *ns; /* NULL: no namespace */
  const char *root;
  const char *common_attrs; /* allowed on every element */
} doctype;

static const doctype SUBMISSION = {sub_vocab, DB_NS, "article",
                                   "xml:id xml:lang xml:base version remap xreflabel "
                                   "revisionflag=changed|added|deleted|off dir=ltr|rtl|lro|rlo "
                                   "arch audience condition conformance os revision security userlevel "
                                   "vendor wordsize annotations role"};
static const doctype CAMPAIGN = {camp_vocab, NULL, "campaign", ""};

static bool in_ns(const xmlNode *n, const char *ns) {
  const char *href = n->ns && n->ns->href ? (const char *)n->ns->href : NULL;
  if (!ns) return href == NULL;
  return href && strcmp(href, ns) == 0;
}

static bool is_el(const xmlNode *n, const doctype *dt, const char *name) {
  return n && n->type == XML_ELEMENT_NODE && in_ns(n, dt->ns) && strcmp((const char *)n->name, name) == 0;
}

static const vocab *vocab_find(const doctype *dt, const xmlNode *n) {
  if (!n || n->type != XML_ELEMENT_NODE || !in_ns(n, dt->ns)) return NULL;
  for (const vocab *v = dt->voc; v->name; v++)
    if (strcmp(v->name, (const char *)n->name) == 0) return v;
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

/* True when element c may appear inside its parent p. */
static bool allowed_child(const doctype *dt, const xmlNode *p, const xmlNode *c) {
  const vocab *pv = vocab_find(dt, p);
  return pv && vocab_find(dt, c) && word_in(pv->children, (const char *)c->name);
}

/* "<p:name>" as written in the source. */
static char *qname(const xmlNode *n) {
  if (n->ns && n->ns->prefix) return hui_xasprintf("%s:%s", n->ns->prefix, n->name);
  return hui_xstrdup((const char *)n->name);
}

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

static void schema_diag(xsrc *s, hui_pos p, const char *msg) {
  if (s->nschema == MAX_SCHEMA_DIAGS)
    hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                 "more schema errors in this file are not shown; fix these first");
  if (s->nschema++ >= MAX_SCHEMA_DIAGS) return;
  hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema", "%s", msg);
}

static void mark_bad(xsrc *s, const xmlNode *n) {
  const xmlNode **slot = HUI_PUSH(s->bad, s->nbad, s->capbad);
  *slot = n;
}

static bool blank_text(const xmlNode *n) {
  for (const xmlChar *p = n->content; p && *p; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n') return false;
  return true;
}

static int section_depth(const doctype *dt, const xmlNode *n) {
  int k = 0;
  for (; n; n = n->parent)
    if (is_el(n, dt, "section")) k++;
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
static bool check_attrs(xsrc *s, const doctype *dt, const xmlNode *n) {
  const vocab *v = vocab_find(dt, n);
  if (!v) return true;
  bool ok = true;
  char *qn = qname(n);
  hui_pos pos = node_pos(s, n);
  for (const xmlAttr *a = n->properties; a; a = a->next) {
    const char *href = a->ns && a->ns->href ? (const char *)a->ns->href : NULL;
    bool xml = href && strcmp(href, XML_NS) == 0;
    char *name = xml ? hui_xasprintf("xml:%s", a->name)
                 : a->ns && a->ns->prefix ? hui_xasprintf("%s:%s", a->ns->prefix, a->name)
                                          : hui_xstrdup((const char *)a->name);
    const char *values = NULL;
    bool known = (!href || xml) && (spec_find(v->attrs, name, NULL, &values) ||
                                    spec_find(dt->common_attrs, name, NULL, &values));
    hui_buf b = {0};
    if (!known) {
      hui_buf_printf(&b, "attribute '%s' is not allowed on <%s>", name, qn);
      if (*v->attrs) {
        hui_buf_printf(&b, "; <%s> may have ", qn);
        spec_names(&b, v->attrs);
      }
    } else if (values) {
      xmlChar *val = xmlNodeGetContent((const xmlNode *)a);
      if (!value_in(values, val ? (const char *)val : "")) {
        size_t bars = 0, end = 0;
        for (; values[end] && values[end] != ' '; end++) bars += values[end] == '|';
        hui_buf_printf(&b, "attribute %s=\"%s\" on <%s> is not allowed: use %s", name,
                       val ? (const char *)val : "", qn, bars > 1 ? "one of " : "");
        for (size_t i = 0; i < end; i++)
          if (values[i] != '|') hui_buf_add(&b, values + i, 1);
          else hui_buf_puts(&b, bars > 1 ? ", " : " or ");
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
      bool has = strncmp(name, "xml:", 4) == 0 ? xmlHasNsProp(n, (const xmlChar *)name + 4, (const xmlChar *)XML_NS) != NULL
                                               : xmlHasNsProp(n, (const xmlChar *)name, NULL) != NULL;
      if (!has) {
        char *msg = hui_xasprintf("<%s> needs the attribute %s", qn, name);
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
static bool check_children(xsrc *s, const doctype *dt, const xmlNode *n) {
  const vocab *v = vocab_find(dt, n);
  if (!v) return true;
  bool ok = true;
  char *qn = qname(n);
  hui_pos pos = node_pos(s, n);
  if (is_el(n, dt, "section")) {
    const xmlNode *f = first_element(n);
    if (!is_el(f, dt, "title")) {
      schema_diag(s, pos, "<section> must start with a <title>");
      ok = false;
    }
  } else {
    for (const char *p = v->required; *p;) {
      while (*p == ' ') p++;
      const char *e = p;
      while (*e && *e != ' ') e++;
      char *want = hui_xstrndup(p, (size_t)(e - p));
      bool found = false;
      for (const xmlNode *c = n->children; c && !found; c = c->next) found = is_el(c, dt, want);
      if (*want && !found) {
        char *msg = hui_xasprintf("<%s> needs a <%s> element", qn, want);
        schema_diag(s, pos, msg);
        free(msg);
        ok = false;
      }
      free(want);
      p = e;
    }
  }
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || !in_ns(c, dt->ns) || !word_in(v->once, (const char *)c->name)) continue;
    for (const xmlNode *b = n->children; b != c; b = b->next)
      if (is_el(b, dt, (const char *)c->name)) {
        char *msg = hui_xasprintf("element <%s> may appear only once in <%s>; the first is on line %d", c->name,
                                  qn, node_pos(s, b).line);
        schema_diag(s, node_pos(s, c), msg);
        free(msg);
        mark_bad(s, c);
        ok = false;
        break;
      }
  }
  if (is_el(n, dt, "author")) {
    bool person = false, org = false;
    for (const xmlNode *c = n->children; c; c = c->next) {
      person |= is_el(c, dt, "personname");
      org |= is_el(c, dt, "orgname");
    }
    if (person && org) {
      schema_diag(s, pos, "<author> holds a <personname> (a person) or an <orgname> (a collective), not both");
      ok = false;
    }
  }
  free(qn);
  return ok;
}

/* The position of the first non-blank character of a text node. */
static hui_pos text_pos(const xsrc *s, const xmlNode *n) {
  hui_pos p = node_pos(s, n);
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

static const char *BODY_LIST = "para, section, itemizedlist, orderedlist, listitem, blockquote, "
                               "emphasis, quote, phrase";

/* Reports every element and every piece of text that is out of place. */
static void vocab_walk(xsrc *s, const doctype *dt, xmlNode *root) {
  xmlNode *n = root;
  bool ra = check_attrs(s, dt, root), rc = check_children(s, dt, root);
  if (!ra || !rc) mark_bad(s, root);
  while (n) {
    xmlNode *p = n->parent;
    bool skip = false;
    if (n != root && n->type == XML_ELEMENT_NODE) {
      if (!allowed_child(dt, p, n)) {
        const vocab *pv = vocab_find(dt, p);
        char *qn = qname(n), *pn = qname(p);
        hui_buf b = {0};
        if (!vocab_find(dt, n) && dt->ns && !in_ns(n, dt->ns) &&
            vocab_find(&(doctype){dt->voc, NULL, NULL, NULL}, n) && !n->ns) {
          hui_buf_printf(&b, "element <%s> is not in the DocBook namespace; declare "
                             "xmlns=\"" DB_NS "\" on <article> and do not reset it", qn);
        } else if (!vocab_find(dt, n) && pv && pv->body) {
          hui_buf_printf(&b, "element <%s> is not allowed here; a submission body may contain %s", qn,
                         BODY_LIST);
        } else if (pv && !*pv->children) {
          hui_buf_printf(&b, "element <%s> is not allowed inside <%s>; <%s> may contain %s", qn, pn,
                         pn, pv->text ? "only text" : "nothing (it must be empty)");
        } else if (pv) {
          hui_buf_printf(&b, "element <%s> is not allowed inside <%s>; <%s> may contain ", qn, pn, pn);
          comma_list(&b, pv->children);
          if (pv->text) hui_buf_puts(&b, " and text");
        } else {
          hui_buf_printf(&b, "element <%s> is not allowed here", qn);
        }
        schema_diag(s, node_pos(s, n), b.data);
        hui_buf_free(&b);
        free(qn);
        free(pn);
        mark_bad(s, n);
        skip = true;
      } else if (is_el(n, dt, "section") && section_depth(dt, n) > 2) {
        schema_diag(s, node_pos(s, n),
                    "<section> is nested too deep: sections may be nested at most two deep");
        mark_bad(s, n);
        skip = true;
      } else {
        bool a = check_attrs(s, dt, n), c = check_children(s, dt, n);
        if (!a || !c) mark_bad(s, n);
      }
    } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && !blank_text(n)) {
      const vocab *pv = vocab_find(dt, p);
      if (pv && !pv->text) {
        char *pn = qname(p);
        char *msg = pv->body || strcmp(pn, "article") == 0
                        ? hui_xasprintf("text directly inside <%s> is not allowed; put it in a <para>", pn)
                        : hui_xasprintf("text is not allowed directly inside <%s>", pn);
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
      n = next_preorder(root, n);
    }
  }
}

/* ---- RELAX NG validation ------------------------------------------------ */

static void on_rng_error(void *data, hui_xml_error err) {
  xsrc *s = data;
  if (!err || err->level < XML_ERR_ERROR) return;
  raw_error *r = HUI_PUSH(s->raw, s->nraw, s->capraw);
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
static bool explained(const xsrc *s, const xmlNode *x) {
  if (!x) return s->nbad > 0;
  for (size_t i = 0; i < s->nbad; i++)
    if (ancestor_or_self(x, s->bad[i]) || ancestor_or_self(s->bad[i], x)) return true;
  return false;
}

/* A plain-language version of one libxml2 RELAX NG message, or NULL to drop. */
static char *rng_message(const raw_error *r, const char *elem, bool others) {
  const char *a = r->s1 ? r->s1 : "?", *b = r->s2 ? r->s2 : "?";
  switch (r->code) {
  case XML_RELAXNG_ERR_INVALIDATTR:
    return hui_xasprintf("attribute '%s' is not allowed on <%s>, or its value is not", a, b);
  case XML_RELAXNG_ERR_NOELEM:
    return hui_xasprintf("element <%s> is missing inside <%s>", a, elem);
  case XML_RELAXNG_ERR_ELEMNOTEMPTY:
    return hui_xasprintf("<%s> must be empty", elem);
  case XML_RELAXNG_ERR_ELEMNAME:
    return hui_xasprintf("element <%s> is not allowed here; <%s> was expected", b, a);
  case XML_RELAXNG_ERR_INTEREXTRA:
  case XML_RELAXNG_ERR_ELEMWRONG:
  case XML_RELAXNG_ERR_EXTRACONTENT:
    return hui_xasprintf("element <%s> is not allowed here or appears more than once",
                         r->code == XML_RELAXNG_ERR_EXTRACONTENT ? b : a);
  case XML_RELAXNG_ERR_TYPEVAL:
  case XML_RELAXNG_ERR_VALUE:
  case XML_RELAXNG_ERR_DATATYPE:
  case XML_RELAXNG_ERR_VALELEM:
  case XML_RELAXNG_ERR_DATAELEM:
  case XML_RELAXNG_ERR_LIST:
  case XML_RELAXNG_ERR_LISTELEM:
    return hui_xasprintf("<%s> has an attribute value that is not allowed (%s)", elem, r->msg);
  case XML_RELAXNG_ERR_ATTRVALID:
    return others ? NULL
                  : hui_xasprintf("<%s> lacks a required attribute or has a value that is not "
                                  "allowed",
                                  elem);
  case XML_RELAXNG_ERR_CONTENTVALID:
  case XML_RELAXNG_ERR_INTERSEQ:
  case XML_RELAXNG_ERR_INTERNODATA:
  case XML_RELAXNG_ERR_NOSTATE:
  case XML_RELAXNG_ERR_NOGRAMMAR:
    return others ? NULL
                  : hui_xasprintf("the content of <%s> is not valid: an element is missing or out "
                                  "of order",
                                  elem);
  default:
    return hui_xasprintf("<%s> is not valid here: %s", elem, r->msg);
  }
}

/* Validates doc; reports every finding as a `schema` diagnostic. Returns true
 * when the document is valid. */
static bool validate(xsrc *s, xmlDoc *doc, const doctype *dt, int which) {
  xmlNode *root = xmlDocGetRootElement(doc);
  xmlRelaxNGPtr schema = get_schema(which);
  int rc = -1;
  if (schema) {
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(schema);
    xmlRelaxNGSetValidStructuredErrors(v, on_rng_error, s);
    rc = xmlRelaxNGValidateDoc(v, doc);
    xmlRelaxNGFreeValidCtxt(v);
  }
  vocab_walk(s, dt, root);
  if (rc == 0 && s->nbad == 0) return true;
  /* First the specific messages libxml2 gives, then the vague ones only when
   * nothing else explains the failure. */
  int before = s->nschema;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; i < s->nraw; i++) {
      raw_error *r = &s->raw[i];
      bool vague = r->code == XML_RELAXNG_ERR_ATTRVALID || r->code == XML_RELAXNG_ERR_CONTENTVALID ||
                   r->code == XML_RELAXNG_ERR_INTERSEQ || r->code == XML_RELAXNG_ERR_INTERNODATA ||
                   r->code == XML_RELAXNG_ERR_NOSTATE || r->code == XML_RELAXNG_ERR_NOGRAMMAR;
      if (vague != (pass == 1)) continue;
      if (explained(s, r->node)) continue;
      bool others = s->nschema > before || s->nbad > 0;
      const xmlNode *n = r->node;
      char *elem = n && n->type == XML_ELEMENT_NODE ? qname(n) : hui_xstrdup("?");
      char *msg = rng_message(r, elem, others);
      if (msg) {
        hui_pos p = n ? node_pos(s, n) : (hui_pos){r->line, 0};
        schema_diag(s, p, msg);
      }
      free(msg);
      free(elem);
    }
  }
  if (s->nschema == before && s->nbad == 0)
    schema_diag(s, node_pos(s, root), schema ? "the file does not match the schema" : "the schema could not be compiled (internal error)");
  return false;
}

/* ---- copying text out --------------------------------------------------- */

/* Trims white space (ASCII and Unicode, incl. U+3000) at both ends. Frees s. */
static char *trim_take(char *s) {
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

static char *content_of(const xmlNode *n) {
  xmlChar *c = xmlNodeGetContent(n);
  char *r = hui_xstrdup(c ? (const char *)c : "");
  xmlFree(c);
  return trim_take(r);
}

/* Where the trimmed text of n starts, when n holds exactly one text node. */
static hui_pos field_text_pos(const xsrc *s, const xmlNode *n) {
  hui_pos none = {0, 0};
  const xmlNode *t = n->children;
  if (!t || t->next || t->type != XML_TEXT_NODE || !t->content) return none;
  hui_pos p = node_pos(s, t);
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

static void set_field(const xsrc *s, hui_field *f, const xmlNode *n) {
  if (f->text) return; /* the first one wins; the schema reports the others */
  f->text = content_of(n);
  f->pos = node_pos(s, n);
  f->text_pos = field_text_pos(s, n);
}

static void set_attr(const xsrc *s, hui_field *f, const xmlNode *n, const char *attr, bool trim) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  if (!v) return;
  free(f->text);
  f->text = hui_xstrdup((const char *)v);
  if (trim) f->text = trim_take(f->text);
  f->pos = node_pos(s, n);
  xmlFree(v);
}

static char *attr_dup(const xmlNode *n, const char *attr) {
  xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)attr);
  char *r = v ? trim_take(hui_xstrdup((const char *)v)) : NULL;
  xmlFree(v);
  return r;
}

/* ---- body trees --------------------------------------------------------- */

static int node_kind(const char *name, const char *parent) {
  static const struct {
    const char *name;
    hui_node_kind kind;
  } map[] = {{"para", HUI_N_PARA},         {"section", HUI_N_SECTION},
             {"itemizedlist", HUI_N_ITEMIZED}, {"orderedlist", HUI_N_ORDERED},
             {"listitem", HUI_N_ITEM},     {"blockquote", HUI_N_BLOCKQUOTE},
             {"emphasis", HUI_N_EMPHASIS}, {"quote", HUI_N_QUOTE},
             {"phrase", HUI_N_PHRASE}};
  if (strcmp(name, "title") == 0) return strcmp(parent, "section") == 0 ? (int)HUI_N_TITLE : -1;
  for (size_t i = 0; i < sizeof map / sizeof *map; i++)
    if (strcmp(map[i].name, name) == 0) return (int)map[i].kind;
  return -1;
}

static bool inline_kind(hui_node_kind k) {
  return k == HUI_N_PARA || k == HUI_N_TITLE || k == HUI_N_EMPHASIS || k == HUI_N_QUOTE ||
         k == HUI_N_PHRASE;
}

typedef struct frame {
  xmlNode *next; /* next child to map */
  hui_node *h;
} frame;

/* Maps the children of x into h, without recursion. Elements that the
 * vocabulary does not allow were reported by the walk and are left out. */
static void map_tree(xsrc *s, const doctype *dt, xmlNode *x, hui_node *h) {
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
        hui_node_append(hp, hui_node_new(HUI_N_TEXT, (const char *)c->content, node_pos(s, c)));
      continue;
    }
    if (c->type != XML_ELEMENT_NODE || !allowed_child(dt, c->parent, c)) continue;
    int k = node_kind((const char *)c->name, (const char *)c->parent->name);
    if (k < 0) continue;
    if (n > MAX_BODY_DEPTH) {
      if (!s->deep_reported) {
        hui_pos p = node_pos(s, c);
        hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "too-deep",
                     "content is nested more than %d levels deep here; simplify the structure",
                     MAX_BODY_DEPTH);
        s->deep_reported = true;
      }
      continue;
    }
    hui_node *child = hui_node_new((hui_node_kind)k, NULL, node_pos(s, c));
    if (k == HUI_N_EMPHASIS) {
      char *role = attr_dup(c, "role");
      if (role && (strcmp(role, "bold") == 0 || strcmp(role, "strong") == 0)) child->flags |= HUI_NODE_BOLD;
      free(role);
    }
    hui_node_append(hp, child);
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

/* ---- submissions -------------------------------------------------------- */

static void map_info(xsrc *s, const doctype *dt, xmlNode *info, hui_submission *sub) {
  for (xmlNode *c = info->children; c; c = c->next) {
    if (!allowed_child(dt, info, c)) continue;
    const char *nm = (const char *)c->name;
    if (strcmp(nm, "title") == 0) {
      set_field(s, &sub->title, c);
    } else if (strcmp(nm, "subtitle") == 0) {
      set_field(s, &sub->subtitle, c);
    } else if (strcmp(nm, "date") == 0) {
      set_field(s, &sub->date, c);
    } else if (strcmp(nm, "author") == 0) {
      for (xmlNode *a = c->children; a; a = a->next) {
        if (is_el(a, dt, "personname")) set_field(s, &sub->person, a);
        if (is_el(a, dt, "orgname")) set_field(s, &sub->collective, a);
        if (!is_el(a, dt, "affiliation")) continue;
        for (xmlNode *f = a->children; f; f = f->next) {
          if (is_el(f, dt, "orgname")) set_field(s, &sub->unit, f);
          if (is_el(f, dt, "jobtitle")) set_field(s, &sub->position, f);
        }
      }
    } else if (strcmp(nm, "cover") == 0) {
      for (xmlNode *m = c->children; m; m = m->next)
        for (xmlNode *io = is_el(m, dt, "mediaobject") ? m->children : NULL; io; io = io->next)
          for (xmlNode *id = is_el(io, dt, "imageobject") ? io->children : NULL; id; id = id->next)
            if (is_el(id, dt, "imagedata") && !sub->photo.text) set_attr(s, &sub->photo, id, "fileref", true);
    } else if (strcmp(nm, "subjectset") == 0) {
      char *scheme = attr_dup(c, "scheme");
      if (scheme && strcmp(scheme, "category") == 0)
        for (xmlNode *sj = c->children; sj; sj = sj->next)
          for (xmlNode *t = is_el(sj, dt, "subject") ? sj->children : NULL; t; t = t->next)
            if (is_el(t, dt, "subjectterm")) set_field(s, &sub->category, t);
      free(scheme);
    } else if (strcmp(nm, "bibliomisc") == 0) {
      char *role = attr_dup(c, "role");
      if (role && strcmp(role, "recommender") == 0) {
        set_field(s, &sub->recommender, c);
      } else if (role && strcmp(role, "honor") == 0) {
        size_t cap = sub->nhonors;
        hui_honor *h = HUI_PUSH(sub->honors, sub->nhonors, cap);
        set_field(s, &h->text, c);
      }
      free(role);
    } else if (strcmp(nm, "abstract") == 0) {
      hui_buf b = {0};
      for (xmlNode *p = c->children; p; p = p->next)
        if (is_el(p, dt, "para")) {
          char *t = content_of(p);
          if (b.len && *t) hui_buf_putc(&b, '\n');
          hui_buf_puts(&b, t);
          free(t);
        }
      if (!sub->abstract.text) {
        sub->abstract.text = hui_buf_take(&b);
        sub->abstract.pos = node_pos(s, c);
      }
      hui_buf_free(&b);
    }
  }
}

static void map_submission(xsrc *s, xmlNode *root, hui_submission *sub) {
  const doctype *dt = &SUBMISSION;
  sub->root_pos = node_pos(s, root);
  xmlChar *id = xmlGetNsProp(root, (const xmlChar *)"id", (const xmlChar *)XML_NS);
  if (id) {
    sub->id.text = hui_xstrdup((const char *)id);
    sub->id.pos = sub->root_pos;
    xmlFree(id);
  }
  hui_pos body_pos = sub->root_pos;
  for (xmlNode *c = root->children; c; c = c->next) {
    if (is_el(c, dt, "title")) set_field(s, &sub->title, c);
    else if (is_el(c, dt, "subtitle")) set_field(s, &sub->subtitle, c);
    else if (is_el(c, dt, "info")) map_info(s, dt, c, sub);
    else if (c->type == XML_ELEMENT_NODE && body_pos.line == sub->root_pos.line &&
             body_pos.col == sub->root_pos.col && allowed_child(dt, root, c))
      body_pos = node_pos(s, c);
  }
  sub->body = hui_node_new(HUI_N_ROOT, NULL, body_pos);
  map_tree(s, dt, root, sub->body);
}

/* Reports every paragraph, title or other text block of body with more than
 * HUI_MAX_TEXT_CHARS characters (text-too-long). */
static void check_text_length(const xsrc *s, const hui_node *body) {
  if (!body) return;
  for (const hui_node *n = body; n; n = hui_node_walk_next(body, n)) {
    if (n->kind != HUI_N_PARA && n->kind != HUI_N_TITLE) continue;
    size_t chars = 0;
    for (const hui_node *t = n->first ? n->first : NULL; t; t = hui_node_walk_next(n, t))
      if (t->kind == HUI_N_TEXT && t->text) chars += hui_utf8_count(t->text, strlen(t->text));
    if (chars > HUI_MAX_TEXT_CHARS)
      hui_diag_add(s->d, HUI_ERROR, s->file, n->pos.line, n->pos.col, "text-too-long",
                   "this %s has %zu characters, more than the %u huibian sets as one block; split it",
                   n->kind == HUI_N_PARA ? "paragraph" : "title", chars, HUI_MAX_TEXT_CHARS);
  }
}

static void map_submission_doc(xsrc *s, xmlDoc *doc, hui_submission *sub);

/* Loads one submission file into sub (path relative to dir). */
/* Why the entry rel of the edition cannot be read as a submission, when it
 * is a link to nothing or a link loop (caller frees); NULL otherwise. */
static char *unreadable_entry(const char *dir, const char *rel) {
  char *full = hui_path_join(dir, rel);
  struct stat st;
  char *why = NULL;
  if (lstat(full, &st) == 0 && S_ISLNK(st.st_mode) && stat(full, &st) != 0) {
    if (errno == ELOOP)
      why = hui_xstrdup("the file is a link that leads round in a circle (a link loop); replace it "
                        "with the submission file itself");
    else
      why = hui_xstrdup("the file is a link to a file that does not exist (any more); replace it "
                        "with the submission file itself");
  }
  free(full);
  return why;
}

static void load_submission(const char *dir, const char *rel, hui_diags *d, hui_submission *sub) {
  sub->path = hui_xstrdup(rel);
  sub->charcount = -1;
  sub->tier = -1;
  xsrc s = {.file = rel, .d = d};
  xmlDoc *doc = NULL;
  char *path = hui_path_inside(dir, rel);
  char *odd = path ? NULL : unreadable_entry(dir, rel);
  if (odd)
    hui_diag_add(d, HUI_ERROR, rel, 0, 0, "file-unreadable", "%s", odd);
  else if (!path) /* a link that leads out of the edition folder is never read */
    hui_diag_add(d, HUI_ERROR, rel, 0, 0, "file-outside",
                 "the file is a link that leads outside the edition folder; it is not read: put the "
                 "submission itself into submissions/");
  else
    doc = parse_file(&s, path);
  free(odd);
  free(path);
  map_submission_doc(&s, doc, sub);
  xsrc_free(&s);
}

void hui_load_submission_memory(const char *rel, const char *bytes, size_t len, hui_diags *d,
                                hui_submission *sub) {
  sub->path = hui_xstrdup(rel);
  sub->charcount = -1;
  sub->tier = -1;
  xsrc s = {.file = rel, .d = d};
  map_submission_doc(&s, parse_memory(&s, bytes, len), sub);
  xsrc_free(&s);
}

/* Maps a parsed submission (doc may be NULL: nothing to map) and frees doc. */
static void map_submission_doc(xsrc *s, xmlDoc *doc, hui_submission *sub) {
  hui_diags *d = s->d;
  const char *rel = s->file;
  if (doc) {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!is_el(root, &SUBMISSION, "article")) {
      char *qn = qname(root);
      hui_pos p = node_pos(s, root);
      hui_diag_add(d, HUI_ERROR, rel, p.line, p.col, "schema",
                   "the root element is <%s>%s; a submission must be a DocBook 5.0 <article "
                   "xmlns=\"" DB_NS "\" version=\"5.0\">",
                   qn, strcmp(qn, "article") == 0 ? " without the DocBook namespace" : "");
      free(qn);
    } else {
      validate(s, doc, &SUBMISSION, 0);
      map_submission(s, root, sub);
      check_text_length(s, sub->body);
      /* Schema-invalid files are still mapped so the rules can report more;
       * the schema errors keep the edition from being built. */
      sub->loaded = true;
    }
    xmlFreeDoc(doc);
  }
}

/* ---- campaign ----------------------------------------------------------- */

static bool parse_long(const char *t, long *out) {
  if (!t || !*t) return false;
  char *end;
  errno = 0;
  long v = strtol(t, &end, 10);
  if (errno || *end || v < 0 || (*t < '0' || *t > '9')) return false;
  *out = v;
  return true;
}

static void map_campaign(xsrc *s, xmlNode *root, hui_campaign *c) {
  const doctype *dt = &CAMPAIGN;
  set_attr(s, &c->year, root, "year", true);
  long y;
  if (c->year.text && strlen(c->year.text) == 4 && parse_long(c->year.text, &y)) {
    c->year_num = (int)y;
  } else if (c->year.text) {
    hui_diag_add(s->d, HUI_ERROR, s->file, c->year.pos.line, c->year.pos.col, "schema",
                 "<campaign year=\"%s\">: the year must be four digits, like 2020", c->year.text);
  }
  for (xmlNode *e = root->children; e; e = e->next) {
    if (!allowed_child(dt, root, e)) continue;
    const char *nm = (const char *)e->name;
    hui_pos p = node_pos(s, e);
    if (strcmp(nm, "name") == 0) set_field(s, &c->name, e);
    else if (strcmp(nm, "area") == 0) set_field(s, &c->area, e);
    else if (strcmp(nm, "organizer") == 0) set_field(s, &c->organizer, e);
    else if (strcmp(nm, "window") == 0) {
      set_attr(s, &c->window_start, e, "start", true);
      set_attr(s, &c->window_end, e, "end", true);
    } else if (strcmp(nm, "rules") == 0) {
      char *mc = attr_dup(e, "max-chars"), *ph = attr_dup(e, "photo"), *rc = attr_dup(e, "recommender");
      if (mc && !parse_long(mc, &c->max_chars))
        hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                     "<rules max-chars=\"%s\">: max-chars must be a whole number like 1500 (0 = no limit)", mc);
      if (ph) c->photo_required = strcmp(ph, "optional") != 0;
      if (rc) c->recommender_required = strcmp(rc, "optional") != 0;
      free(mc);
      free(ph);
      free(rc);
    } else if (strcmp(nm, "tiers") == 0) {
      size_t cap = c->ntiers;
      for (xmlNode *t = e->children; t; t = t->next) {
        if (!is_el(t, dt, "tier")) continue;
        hui_tier *tier = HUI_PUSH(c->tiers, c->ntiers, cap);
        tier->pos = node_pos(s, t);
        tier->id = attr_dup(t, "id");
        tier->name = attr_dup(t, "name");
        if (!tier->id) tier->id = hui_xstrdup("");
        if (!tier->name) tier->name = hui_xstrdup("");
        /* quota="0" allows no award; only a missing quota means no limit */
        char *q = attr_dup(t, "quota");
        long qv = -1;
        if (q && !parse_long(q, &qv))
          hui_diag_add(s->d, HUI_ERROR, s->file, tier->pos.line, tier->pos.col, "schema",
                       "<tier quota=\"%s\">: the quota must be a whole number (leave it out for no limit)", q);
        tier->quota = qv > INT_MAX ? INT_MAX : (int)qv;
        free(q);
        for (size_t i = 0; i + 1 < c->ntiers; i++)
          if (strcmp(c->tiers[i].id, tier->id) == 0)
            hui_diag_add(s->d, HUI_ERROR, s->file, tier->pos.line, tier->pos.col, "schema",
                         "tier id '%s' is used twice (first on line %d)", tier->id, c->tiers[i].pos.line);
      }
    } else if (strcmp(nm, "originality") == 0) {
      char *th = attr_dup(e, "threshold"), *mr = attr_dup(e, "min-run");
      if (th) {
        char *end;
        errno = 0;
        double v = strtod(th, &end);
        if (*end == '%') end++;
        if (!*th || *end || errno || v < 0 || v > 100)
          hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                       "<originality threshold=\"%s\">: write a percentage from 0 to 100, like 15%%", th);
        else
          c->originality_threshold = v;
      }
      if (mr && !parse_long(mr, &c->originality_min_run))
        hui_diag_add(s->d, HUI_ERROR, s->file, p.line, p.col, "schema",
                     "<originality min-run=\"%s\">: write a whole number of characters, like 50", mr);
      free(th);
      free(mr);
    } else if (strcmp(nm, "order") == 0) {
      char *o = attr_dup(e, "within-tier");
      if (o && strcmp(o, "pinyin") == 0) c->order = HUI_ORDER_PINYIN;
      else if (o && strcmp(o, "unit") == 0) c->order = HUI_ORDER_UNIT;
      else if (o && strcmp(o, "date") == 0) c->order = HUI_ORDER_DATE;
      else c->order = HUI_ORDER_STROKE;
      free(o);
    } else if (strcmp(nm, "results") == 0) {
      size_t cap = c->nawards;
      for (xmlNode *a = e->children; a; a = a->next) {
        if (!is_el(a, dt, "award")) continue;
        hui_award *aw = HUI_PUSH(c->awards, c->nawards, cap);
        set_attr(s, &aw->ref, a, "ref", true);
        set_attr(s, &aw->tier, a, "tier", true);
      }
    } else if (strcmp(nm, "compendium") == 0) {
      set_attr(s, &c->compendium_template, e, "template", true);
      char *cand = attr_dup(e, "candidates");
      if (cand) c->list_candidates = strcmp(cand, "yes") == 0;
      free(cand);
      for (xmlNode *k = e->children; k; k = k->next) {
        if (is_el(k, dt, "title")) set_field(s, &c->compendium_title, k);
        if (is_el(k, dt, "preface") && !c->preface) {
          c->preface = hui_node_new(HUI_N_ROOT, NULL, node_pos(s, k));
          map_tree(s, dt, k, c->preface);
        }
      }
    } else if (strcmp(nm, "certificate") == 0) {
      set_attr(s, &c->cert_template, e, "template", true);
      for (xmlNode *k = e->children; k; k = k->next) {
        if (is_el(k, dt, "title")) set_field(s, &c->cert_title, k);
        else if (is_el(k, dt, "text")) set_field(s, &c->cert_text, k);
        else if (is_el(k, dt, "text-collective")) set_field(s, &c->cert_text_collective, k);
        else if (is_el(k, dt, "issuer")) set_field(s, &c->cert_issuer, k);
        else if (is_el(k, dt, "date")) set_field(s, &c->cert_date, k);
        else if (is_el(k, dt, "seal")) set_attr(s, &c->cert_seal, k, "fileref", true);
        else if (is_el(k, dt, "number")) set_attr(s, &c->cert_number_format, k, "format", false);
      }
    }
  }
  if (!c->compendium_template.text || !*c->compendium_template.text) {
    free(c->compendium_template.text);
    c->compendium_template.text = hui_xstrdup("compendium-a4");
  }
}

static void map_campaign_doc(xsrc *s, xmlDoc *doc, hui_campaign *c);

static void campaign_defaults(hui_campaign *c) {
  c->path = hui_xstrdup("campaign.xml");
  c->max_chars = 1500;
  c->originality_threshold = 15;
  c->originality_min_run = 50;
  c->photo_required = c->recommender_required = true;
  c->order = HUI_ORDER_STROKE;
}

static void load_campaign(const char *dir, hui_diags *d, hui_campaign *c) {
  campaign_defaults(c);
  xsrc s = {.file = "campaign.xml", .d = d};
  char *path = hui_path_join(dir, "campaign.xml");
  xmlDoc *doc = parse_file(&s, path);
  free(path);
  map_campaign_doc(&s, doc, c);
  xsrc_free(&s);
}

void hui_load_campaign_memory(const char *bytes, size_t len, hui_diags *d, hui_campaign *c) {
  campaign_defaults(c);
  xsrc s = {.file = "campaign.xml", .d = d};
  map_campaign_doc(&s, parse_memory(&s, bytes, len), c);
  xsrc_free(&s);
}

/* Maps a parsed campaign.xml (doc may be NULL) and frees doc. */
static void map_campaign_doc(xsrc *s, xmlDoc *doc, hui_campaign *c) {
  hui_diags *d = s->d;
  if (doc) {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!is_el(root, &CAMPAIGN, "campaign")) {
      char *qn = qname(root);
      hui_pos p = node_pos(s, root);
      hui_diag_add(d, HUI_ERROR, "campaign.xml", p.line, p.col, "schema",
                   "the root element is <%s>; campaign.xml must hold a <campaign> element (no namespace)", qn);
      free(qn);
    } else {
      validate(s, doc, &CAMPAIGN, 1);
      map_campaign(s, root, c);
      check_text_length(s, c->preface);
      c->loaded = true;
    }
    xmlFreeDoc(doc);
  }
  if (!c->compendium_template.text) c->compendium_template.text = hui_xstrdup("compendium-a4");
}

/* ---- the edition folder ------------------------------------------------- */

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

hui_edition *hui_load_edition(const char *dir, hui_diags *d, char **why) {
  *why = NULL;
  struct stat st;
  if (stat(dir, &st) != 0) {
    *why = hui_xasprintf("%s does not exist. Give the path of an edition folder (it holds "
                         "campaign.xml and submissions/*.xml; see README.md).", dir);
    return NULL;
  }
  if (!S_ISDIR(st.st_mode)) {
    *why = hui_xasprintf("%s is a file, not an edition folder. An edition folder holds campaign.xml "
                         "and submissions/*.xml; see README.md.", dir);
    return NULL;
  }
  char *cpath = hui_path_join(dir, "campaign.xml");
  bool has_campaign = stat(cpath, &st) == 0 && S_ISREG(st.st_mode);
  free(cpath);
  if (!has_campaign) {
    *why = hui_xasprintf("%s is not an edition folder: campaign.xml is missing. An edition folder "
                         "holds campaign.xml and submissions/*.xml; see README.md.", dir);
    return NULL;
  }
  char *sdir = hui_path_join(dir, "submissions");
  DIR *dh = is_dir(sdir) ? opendir(sdir) : NULL;
  if (!dh) {
    *why = hui_xasprintf("%s is not an edition folder: the submissions/ folder is %s. An edition "
                         "folder holds campaign.xml and submissions/*.xml; see README.md.",
                         dir, is_dir(sdir) ? "not readable" : "missing");
    free(sdir);
    return NULL;
  }
  char **names = NULL;
  size_t nnames = 0, cap = 0;
  struct dirent *de;
  while ((de = readdir(dh)) != NULL) {
    const char *nm = de->d_name;
    size_t l = strlen(nm);
    /* Every *.xml (any case) is a submission, whatever it turns out to be:
     * one that cannot be read is a finding of its own (load_submission),
     * so the count of submissions never shrinks without a word. */
    if (nm[0] == '.' || l < 5 || strcasecmp(nm + l - 4, ".xml") != 0) continue;
    char **slot = HUI_PUSH(names, nnames, cap);
    *slot = hui_xstrdup(nm);
  }
  closedir(dh);
  free(sdir);
  if (nnames > 1) qsort(names, nnames, sizeof *names, cmp_names);

  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(dir);
  load_campaign(dir, d, &e->campaign);
  if (nnames > HUI_MAX_SUBMISSIONS) {
    /* Past the limit none is read: reading the first ones would hide the rest. */
    hui_diag_add(d, HUI_ERROR, "submissions/", 0, 0, "too-many-submissions",
                 "the folder holds %zu submissions, more than the %u huibian reads in one edition; "
                 "none of them was read: split the edition",
                 nnames, HUI_MAX_SUBMISSIONS);
    for (size_t i = 0; i < nnames; i++) free(names[i]);
    nnames = 0;
  }
  e->subs = nnames ? hui_xcalloc(nnames, sizeof *e->subs) : NULL;
  for (size_t i = 0; i < nnames; i++) {
    char *rel = hui_xasprintf("submissions/%s", names[i]);
    load_submission(dir, rel, d, &e->subs[i]);
    e->nsubs++;
    free(rel);
    free(names[i]);
  }
  free(names);
  return e;
}

/* ---- templates ---------------------------------------------------------- */

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
  char *v = attr_dup(n, attr);
  if (!v) return true;
  char *end;
  errno = 0;
  double x = strtod(v, &end);
  bool ok = *v && !*end && !errno && x >= min && x < 10000;
  if (ok)
    *out = x;
  else
    *why = hui_xasprintf("%s:%d: <%s %s=\"%s\">: expected a number of at least %g", file, line,
                         (const char *)n->name, attr, v, min);
  free(v);
  return ok;
}

static bool yes_attr(const xmlNode *n, const char *attr, bool *out, const char *file, int line,
                     char **why) {
  char *v = attr_dup(n, attr);
  if (!v) return true;
  bool ok = strcmp(v, "yes") == 0 || strcmp(v, "no") == 0;
  if (ok)
    *out = strcmp(v, "yes") == 0;
  else
    *why = hui_xasprintf("%s:%d: <%s %s=\"%s\">: expected yes or no", file, line,
                         (const char *)n->name, attr, v);
  free(v);
  return ok;
}

/* Reads a choice attribute: *out = the index of its value in names (a
 * NULL-terminated list), unchanged when absent. Returns false with *why set. */
static bool choice_attr(const xmlNode *n, const char *attr, const char *const *names, int *out,
                        const char *file, int line, char **why) {
  char *v = attr_dup(n, attr);
  if (!v) return true;
  for (int i = 0; names[i]; i++)
    if (strcmp(v, names[i]) == 0) {
      *out = i;
      free(v);
      return true;
    }
  hui_buf all = {0};
  for (int i = 0; names[i]; i++) hui_buf_printf(&all, "%s%s", i ? ", " : "", names[i]);
  *why = hui_xasprintf("%s:%d: <%s %s=\"%s\">: expected one of %s", file, line,
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
      *why = hui_xasprintf("%s:%d: <box> needs field=\"…\" (title, name, text, unit, issuer, "
                           "date, number or seal)", shown, line);
      return false;
    }
    hui_cbox *b = &t->cbox[f];
    if (b->set) {
      *why = hui_xasprintf("%s:%d: a second <box field=\"%s\">", shown, line, FIELDS[f]);
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
      *why = hui_xasprintf("%s:%d: <box field=\"%s\"> needs x, y, w and h (mm)", shown, line, FIELDS[f]);
      return false;
    }
    if (b->min < 0 || b->min > b->size) b->min = b->min < 0 ? 0.6 * b->size : b->size;
    b->role = hui_xstrdup(ROLES[role]);
    b->align = (hui_calign)align;
    b->valign = (hui_cvalign)valign;
    b->text = attr_dup(e, "text");
    return true;
  }
  if (strcmp(nm, "date") == 0) {
    int st = t->date_chinese;
    if (!choice_attr(e, "style", DATES, &st, shown, line, why)) return false;
    t->date_chinese = st == 1;
    return true;
  }
  if (strcmp(nm, "border") == 0) {
    t->border_gap = 2;
    t->border_outer_pt = 2;
    t->border_inner_pt = 0.75;
    return num_attr(e, "inset", 0, &t->border_inset, shown, line, why) &&
           num_attr(e, "gap", 0, &t->border_gap, shown, line, why) &&
           num_attr(e, "outer", 0, &t->border_outer_pt, shown, line, why) &&
           num_attr(e, "inner", 0, &t->border_inner_pt, shown, line, why) &&
           num_attr(e, "corner", 0, &t->border_corner, shown, line, why);
  }
  *why = hui_xasprintf("%s:%d: element <%s> is not allowed in a certificate template; it may "
                       "contain page, box, date, border", shown, line, nm);
  return false;
}

/* Fills t from the <template> root. Returns false with *why set. */
static bool map_template(xsrc *s, xmlNode *root, hui_template *t, const char *shown, char **why) {
  static const doctype TEMPLATE = {NULL, NULL, "template", NULL};
  char *kind = attr_dup(root, "kind");
  bool cert = kind && strcmp(kind, "certificate") == 0;
  bool comp = kind && strcmp(kind, "compendium") == 0;
  if (!cert && !comp) {
    *why = hui_xasprintf("%s:%d: <template kind=\"%s\">: kind must be compendium or certificate", shown,
                         node_pos(s, root).line, kind ? kind : "");
    free(kind);
    return false;
  }
  free(kind);
  t->certificate = cert;
  bool seen_page = false, seen_margins = false, seen_type = false;
  for (xmlNode *e = root->children; e; e = e->next) {
    if (e->type == XML_TEXT_NODE && !blank_text(e)) {
      *why = hui_xasprintf("%s:%d: text is not allowed directly inside <template>", shown, node_pos(s, e).line);
      return false;
    }
    if (e->type != XML_ELEMENT_NODE) continue;
    int line = node_pos(s, e).line;
    bool ok = true;
    if (!in_ns(e, TEMPLATE.ns)) {
      ok = cert;
      if (!ok) *why = hui_xasprintf("%s:%d: element <%s> must not have a namespace", shown, line, e->name);
    } else if (strcmp((const char *)e->name, "page") == 0) {
      seen_page = true;
      ok = num_attr(e, "width", 1, &t->page_w, shown, line, why) &&
           num_attr(e, "height", 1, &t->page_h, shown, line, why);
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
      char *st = attr_dup(e, "style");
      if (st && strcmp(st, "dash") != 0 && strcmp(st, "plain") != 0) {
        *why = hui_xasprintf("%s:%d: <folio style=\"%s\">: expected dash or plain", shown, line, st);
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
      char *lv = attr_dup(e, "level");
      if (!lv || (strcmp(lv, "basic") != 0 && strcmp(lv, "strict") != 0)) {
        *why = hui_xasprintf("%s:%d: <linebreak level=\"%s\">: expected basic or strict", shown, line,
                             lv ? lv : "");
        ok = false;
      } else {
        t->strict_breaks = strcmp(lv, "strict") == 0;
      }
      free(lv);
    } else if (strcmp((const char *)e->name, "photo") == 0) {
      ok = num_attr(e, "width", 1, &t->photo_w, shown, line, why) &&
           num_attr(e, "height", 1, &t->photo_h, shown, line, why);
    } else if (cert) {
      ok = map_cert_element(e, t, shown, line, why);
    } else {
      *why = hui_xasprintf("%s:%d: element <%s> is not allowed in a compendium template; it may "
                           "contain page, margins, grid, type, folio, running-heads, recto-start, "
                           "linebreak, photo",
                           shown, line, e->name);
      ok = false;
    }
    if (!ok) return false;
  }
  if (!seen_page || (comp && (!seen_margins || !seen_type))) {
    *why = hui_xasprintf("%s: the template needs <page>%s", shown, comp ? ", <margins> and <type>" : "");
    return false;
  }
  return true;
}

hui_template *hui_load_template(const char *edition_dir, const char *template_dir, const char *name,
                                char **why) {
  *why = NULL;
  if (!valid_template_name(name)) {
    *why = hui_xasprintf("template name '%s' is not valid: use letters, digits, '-' and '_' only "
                         "(a name, not a path)", name ? name : "");
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
    *why = hui_xasprintf("template '%s' not found: looked for templates/%s in the edition folder%s%s",
                         name, file, template_dir ? " and in " : "", template_dir ? template_dir : "");
    free(file);
    return NULL;
  }
  free(file);
  hui_diags *d = hui_diags_new();
  xsrc s = {.file = shown, .d = d};
  xmlDoc *doc = parse_file(&s, path);
  hui_template *t = NULL;
  if (!doc) {
    const hui_diag *x = hui_diags_at(d, 0);
    *why = hui_xasprintf("%s:%d:%d: %s", shown, x ? x->line : 0, x ? x->col : 0,
                         x ? x->message : "cannot be read");
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
    t->folio_style = hui_xstrdup("dash");
    if (!root || root->ns || strcmp((const char *)root->name, "template") != 0) {
      *why = hui_xasprintf("%s: the root element must be <template> (no namespace)", shown);
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
  xsrc_free(&s);
  free(path);
  free(shown);
  return t;
}
