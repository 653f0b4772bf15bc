/* xmlscan: the bytes of an XML file as a sequence of tokens (start tags, end
 * tags, text, CDATA, comments, processing instructions, declarations) and the
 * line and column of any byte offset — without libxml2.
 *
 * libxml2 records only lines, so the loader finds the column of every element
 * and text node by walking these tokens beside the parsed tree (load/xml.c);
 * it also counts elements and depth with them before libxml2 builds anything.
 * `huibian fix` (fix.c) rewrites character data in place and walks the same
 * tokens, so the text it changes is exactly the text the loader read.
 *
 * The tokenizer is not a parser: it assumes nothing about well-formedness and
 * never reads past len. A token that is not closed runs to the end. */
#ifndef HUI_LOAD_XMLSCAN_H
#define HUI_LOAD_XMLSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h" /* hui_pos */

typedef enum hui_xt_kind {
  HUI_XT_END_OF_INPUT,
  HUI_XT_START,   /* <name ...> or <name .../> */
  HUI_XT_END,     /* </name> */
  HUI_XT_TEXT,    /* character data up to the next '<' (entities not decoded) */
  HUI_XT_CDATA,   /* <![CDATA[ ... ]]> */
  HUI_XT_COMMENT, /* <!-- ... --> */
  HUI_XT_PI,      /* <? ... ?>, the XML declaration too */
  HUI_XT_DECL     /* any other <! ... >, e.g. <!DOCTYPE ...> */
} hui_xt_kind;

/* One token: byte offsets into the scanned buffer. */
typedef struct hui_xt {
  hui_xt_kind kind;
  size_t at;  /* its first byte: the '<', or the first byte of text */
  size_t end; /* just after its last byte (len when it is not closed) */
  /* The character data it holds: text from at to end; CDATA between
   * "<![CDATA[" and "]]>" (to end when not closed). Unset for the others. */
  size_t content, content_end;
  bool empty; /* a start tag that ends with "/>" */
} hui_xt;

/* A scanner over b[0..len); set up with hui_xmlscan_init. */
typedef struct hui_xmlscan {
  const char *b;
  size_t len, off; /* off: where the next token starts */
  /* Positions are counted incrementally: lines up to byte counted, and col is
   * the column of byte col_at (a long line of many elements must not be
   * counted again for each). */
  size_t counted, line_start, col_at;
  int line, col;
} hui_xmlscan;

/* Starts scanning b (len bytes; b need not be NUL-terminated). Tokens start
 * at the first byte; a UTF-8 byte order mark at the start is a text token
 * (fix copies it) but takes no column in positions. */
void hui_xmlscan_init(hui_xmlscan *sc, const char *b, size_t len);

/* Starts scanning after the byte order mark, when there is one. */
void hui_xmlscan_skip_bom(hui_xmlscan *sc);

/* The next token into *t. Returns false (t->kind HUI_XT_END_OF_INPUT) at the
 * end of the input. */
bool hui_xmlscan_next(hui_xmlscan *sc, hui_xt *t);

/* Line and column (1-based; the column counts characters, not bytes) of byte
 * off, which must not be smaller than the off of the call before: a walk over
 * the tokens counts each line once. */
hui_pos hui_xmlscan_pos(hui_xmlscan *sc, size_t off);

/* Line and column of byte off of b, counted from the start (for a single
 * position; a walk uses hui_xmlscan_pos). */
hui_pos hui_xmlscan_offset_pos(const char *b, size_t off);

/* When b starts with an XML declaration whose encoding="…" names GB18030,
 * GBK or GB2312 (any case), and b is not valid UTF-8 (a file that is UTF-8
 * whatever it declares is read as UTF-8): returns true with the name's
 * offset and length in b. Such a file is converted from GB18030, which holds
 * the other two, on load, and written back as UTF-8 by fix. */
bool hui_xmlscan_gb_declared(const char *b, size_t len, size_t *name_at, size_t *name_len);

/* The value of encoding="…" in the XML declaration that b starts with: true
 * with its offset and length in b; false when there is none. */
bool hui_xmlscan_encoding(const char *b, size_t len, size_t *at, size_t *n);

/* The offset of the first pat in b[from..len), or len. */
size_t hui_xmlscan_find(const char *b, size_t len, size_t from, const char *pat);

#endif
