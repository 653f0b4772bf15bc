/* json: a small JSON reader for huibian's own files (manifest.json, report.json,
 * index.json). Nesting is bounded; input is never trusted. */
#ifndef HUI_JSON_H
#define HUI_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { HUI_JSON_NULL, HUI_JSON_BOOL, HUI_JSON_NUMBER, HUI_JSON_STRING, HUI_JSON_ARRAY,
               HUI_JSON_OBJECT } hui_json_kind;

typedef struct hui_json {
  hui_json_kind kind;
  bool b;
  double num;
  char *str;              /* STRING: UTF-8, NUL-terminated (no embedded NULs kept) */
  struct hui_json *items; /* ARRAY and OBJECT: the values */
  char **keys;            /* OBJECT: the keys, one per item */
  size_t n;
} hui_json;

/* Parses text (len bytes). Returns NULL with *why set (caller frees) when it
 * is not JSON, nests deeper than 64 or is not UTF-8. Free with hui_json_free. */
hui_json *hui_json_parse(const char *text, size_t len, char **why);
void hui_json_free(hui_json *v); /* NULL-safe */

/* The value of key in an object; NULL when v is not an object or lacks it. */
const hui_json *hui_json_get(const hui_json *v, const char *key);
/* The string of v (or of v's key), or NULL when it is not a string. */
const char *hui_json_str(const hui_json *v);
const char *hui_json_get_str(const hui_json *v, const char *key);
/* The bytes of a name field written by hui_buf_json_name: key_hex decoded
 * when v has it (and it is hex for bytes without a NUL), else key's string.
 * NULL when there is neither; otherwise caller frees. */
char *hui_json_get_name(const hui_json *v, const char *key);

#endif
