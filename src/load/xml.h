/* load/xml: what the XML readers under src/load/ share — libxml2 behind one
 * door. Reading a file's bytes, parsing them from memory with DTDs and
 * entities refused (xml.c), the line and column of every node, copying text
 * and attributes into the model's fields, and the schema check with its
 * plain-language messages (schema.c).
 *
 * Only files under src/load/ include this header, as only they include
 * libxml2's: no libxml2 type leaves the folder (load.h and reader.h have
 * none), and tests/check-boundaries.sh keeps it so. */
#ifndef HUI_LOAD_XML_H
#define HUI_LOAD_XML_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "diag.h"
#include "hui_limits.h"
#include "model.h"

#define HUI_XML_NS "http://www.w3.org/XML/1998/namespace"

#if LIBXML_VERSION >= 21200
typedef const xmlError *hui_xml_error;
#else
typedef xmlErrorPtr hui_xml_error;
#endif

/* One RELAX NG error as libxml2 reported it, kept until the vocabulary walk
 * has run (schema.c decides which of them to show). */
typedef struct hui_xml_raw_error {
  const xmlNode *node;
  int code, line;
  char *s1, *s2, *msg;
} hui_xml_raw_error;

/* One XML file being read: where its findings go, its bytes, the positions of
 * its nodes, and the state of its schema check. Start with
 * {.file = REL, .d = D} (all else zero); free with hui_xml_src_free, after the
 * document. */
typedef struct hui_xml_src {
  const char *file; /* relative name used in diagnostics (not owned) */
  hui_diags *d;
  char *buf; /* the file's bytes, NUL-terminated (owned) */
  size_t len;
  /* When hui_xml_parse_file read the file: the SHA-256 (hex) and number of
   * its bytes as read, before any conversion to UTF-8 ("" and 0 else). */
  char sha256[65];
  uint64_t file_size;
  hui_pos *pos; /* node->_private holds index + 1 */
  size_t npos, cappos;
  bool dtd;
  int nparse;  /* well-formedness errors libxml2 reported */
  int nentity; /* of them, unknown entities (each one reported) */
  /* The first other one: only it is explained (hui_xml_explain), as the
   * rest mostly follow from it. */
  struct {
    int code, line, col, int1;
    char *msg, *s1, *s2;
  } first;
  hui_xml_raw_error *raw;
  size_t nraw, capraw;
  const xmlNode **bad; /* nodes the vocabulary walk reported */
  size_t nbad, capbad;
  int nschema;
  bool deep_reported;
} hui_xml_src;

void hui_xml_src_free(hui_xml_src *s);

/* ---- reading and parsing (xml.c) ---------------------------------------- */

/* Reads the file at path (at most HUI_MAX_XML_BYTES) and parses it. Returns
 * the document (caller frees with xmlFreeDoc), or NULL after adding a
 * diagnostic on s->file. On success s->buf holds the bytes and every element
 * and text node has its position. */
xmlDoc *hui_xml_parse_file(hui_xml_src *s, const char *path);
/* The same for len bytes held by the caller (copied). */
xmlDoc *hui_xml_parse_memory(hui_xml_src *s, const char *bytes, size_t len);

/* ---- explaining well-formedness errors (wellformed.c) ------------------- */

/* Adds one not-well-formed finding on s for libxml2's first well-formedness
 * error (its code, line, column and message) in plain words: the mistake
 * (a bare &, a < in the text, an unclosed quote or element, an end tag that
 * closes nothing, text after the end of the document), where it is, and
 * what to type instead. Returns false, adding nothing, when the error is none
 * of these. */
bool hui_xml_explain(hui_xml_src *s, int code, int line, int col, const char *msg);
/* Where the reference that libxml2 reports at line:col (just after it)
 * starts: the & before it on its line. */
hui_pos hui_xml_amp_before(const hui_xml_src *s, int line, int col);

/* ---- nodes -------------------------------------------------------------- */

/* Where node n starts in the source: line and column of an element's '<' or a
 * text node's first character; {line, 0} when only libxml2's line is known. */
hui_pos hui_xml_pos(const hui_xml_src *s, const xmlNode *n);
/* The node after n in a pre-order walk of root's subtree, or NULL. */
xmlNode *hui_xml_next_preorder(const xmlNode *root, xmlNode *n);
/* True when n is in namespace ns (NULL: in no namespace). */
bool hui_xml_in_ns(const xmlNode *n, const char *ns);
/* "p:name" as written in the source (caller frees). */
char *hui_xml_qname(const xmlNode *n);
/* True when the text node n holds only ASCII white space. */
bool hui_xml_blank(const xmlNode *n);

/* ---- copying text out (xml.c) ------------------------------------------- */

/* Trims white space (ASCII and Unicode, incl. U+3000) at both ends. Frees s;
 * the caller frees the result. */
char *hui_xml_trim_take(char *s);
/* The trimmed text content of n (caller frees). */
char *hui_xml_content(const xmlNode *n);
/* Sets field f from the text of element n, unless f is set already (the
 * first one wins; the schema reports the others). */
void hui_xml_set_field(const hui_xml_src *s, hui_field *f, const xmlNode *n);
/* Sets field f from attribute attr of n, when present (trimmed when trim). */
void hui_xml_set_attr(const hui_xml_src *s, hui_field *f, const xmlNode *n, const char *attr, bool trim);
/* The trimmed value of attribute attr of n, or NULL (caller frees). */
char *hui_xml_attr(const xmlNode *n, const char *attr);

/* ---- the schema check (schema.c) ---------------------------------------- */

/* Which children and attributes an element may have, and whether it may hold
 * text. The walk over a table of these names every element, attribute or
 * text that is out of place at its own line; the RELAX NG schema stays the
 * authority, and its findings that the walk does not explain are reported
 * too. Lists are space-separated. Attribute lists: "name", "!name"
 * (required), "name=a|b" (one of a, b). */
typedef struct hui_vocab {
  const char *name;
  const char *children; /* allowed child elements */
  bool text;
  bool body;            /* part of the article body */
  const char *attrs;    /* allowed attributes besides the common ones */
  const char *required; /* children that must be present */
  const char *once;     /* children that may appear at most once */
} hui_vocab;

/* The rules of an element that its lists cannot say. */
typedef struct hui_vocab_rule {
  const char *name;
  const char *first;        /* the child that must come first (checked instead of required) */
  int max_nesting;          /* how deep the element may nest in itself (0: no limit) */
  const char *too_deep;     /* the message when it nests deeper */
  const char *exclusive[2]; /* two children that may not both appear */
  const char *both;         /* the message when they do */
} hui_vocab_rule;

/* An XML vocabulary: its tables, namespace, root and schema. */
typedef struct hui_doctype {
  const hui_vocab *voc;        /* ended by a NULL name */
  const hui_vocab_rule *rules; /* ended by a NULL name; NULL: none */
  const char *ns;              /* NULL: no namespace */
  const char *root;
  const char *common_attrs; /* allowed on every element */
  const char *schema;       /* the RELAX NG schema's text (embedded) */
  /* For the messages: what an element of the vocabulary written in no
   * namespace lacks ("is not in the DocBook namespace; declare ..."), and the
   * elements a body may hold. NULL when the vocabulary has neither. */
  const char *ns_advice;
  const char *body_list;
  /* The role values huibian reads, per element, as an attribute list:
   * "para=signature|date emphasis=bold|strong". A role on another element,
   * or another value, is an unknown-role warning (the text prints plainly);
   * roles the attribute lists enumerate are the schema's. NULL: none. */
  const char *roles;
} hui_doctype;

/* The entry for element n, or NULL when n is not in the vocabulary. */
const hui_vocab *hui_xml_vocab(const hui_doctype *dt, const xmlNode *n);
/* True when n is element name of dt's namespace. */
bool hui_xml_is(const xmlNode *n, const hui_doctype *dt, const char *name);
/* True when element c may appear inside its parent p. */
bool hui_xml_allowed(const hui_doctype *dt, const xmlNode *p, const xmlNode *c);

/* Checks doc against dt's schema and vocabulary; reports every finding as a
 * `schema` diagnostic (the first 30 in a file). Returns true when the
 * document is valid. */
bool hui_xml_validate(hui_xml_src *s, xmlDoc *doc, const hui_doctype *dt);

/* ---- body markup (xml.c) ------------------------------------------------ */

/* Maps the children of x into h, without recursion: the body markup that a
 * DocBook article and campaign.xml's preface share (para, section, title,
 * lists, blockquote, emphasis, quote, phrase). Elements dt does not allow
 * were reported by the schema check and are left out; nesting deeper than
 * HUI_MAX_BODY_DEPTH is one too-deep finding. Every section gets a title
 * (an empty one when it has none). */
void hui_xml_map_body(hui_xml_src *s, const hui_doctype *dt, xmlNode *x, hui_node *h);

#endif
