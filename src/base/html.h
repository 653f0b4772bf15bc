/* html: what every HTML writer needs and nothing of a page — text escaped
 * for HTML, bytes as base64 (a data: URL), and file names for the web made
 * from ids. */
#ifndef HUI_BASE_HTML_H
#define HUI_BASE_HTML_H

#include <stddef.h>

#include "base.h"

/* Appends s with & < > " ' escaped, so that any text is text in an
 * element's content or a quoted attribute value (a "<script>" in a title
 * stays the nine characters it is). Bytes that are not UTF-8 and control
 * characters other than tab and newline become U+FFFD. */
void hui_buf_html(hui_buf *b, const char *s);
/* Appends the len bytes at p as base64 (RFC 4648, with padding). */
void hui_buf_base64(hui_buf *b, const void *p, size_t len);
/* A file name for a web page or picture made from id (an article's id as
 * written) and ext (".html"): letters, digits, '-' and '_' of ASCII are
 * kept and every other character becomes '_', so the name is one path
 * component that needs no escaping in a URL, never "." or ".." and never
 * outside its folder; then made unique against taken[0..ntaken) as
 * hui_path_safe_name does ("-2", "-3"…). Caller frees. */
char *hui_html_file_name(const char *id, const char *ext, char *const *taken, size_t ntaken);

#endif
