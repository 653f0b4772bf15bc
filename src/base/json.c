/* json: a recursive-descent JSON reader with a depth bound. */
#include "json.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

enum { MAX_DEPTH = 64 };

typedef struct reader {
  const char *s, *end;
  char *why;
} reader;

static bool fail(reader *r, const char *what) {
  if (!r->why) r->why = hui_xstrdup(what);
  return false;
}

static void skip_ws(reader *r) {
  while (r->s < r->end && (*r->s == ' ' || *r->s == '\t' || *r->s == '\n' || *r->s == '\r')) r->s++;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool read_u4(reader *r, uint32_t *u) {
  if (r->end - r->s < 4) return fail(r, "truncated \\u escape");
  *u = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexval(r->s[i]);
    if (h < 0) return fail(r, "bad \\u escape");
    *u = *u << 4 | (uint32_t)h;
  }
  r->s += 4;
  return true;
}

static bool parse_string(reader *r, char **out) {
  r->s++; /* the opening quote */
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  while (r->s < r->end && *r->s != '"') {
    unsigned char c = (unsigned char)*r->s;
    if (c < 0x20) {
      hui_buf_free(&b);
      return fail(r, "control character in a string");
    }
    if (c != '\\') {
      uint32_t cp;
      size_t k = hui_utf8_decode(r->s, (size_t)(r->end - r->s), &cp);
      if (!k) {
        hui_buf_free(&b);
        return fail(r, "invalid UTF-8");
      }
      hui_buf_add(&b, r->s, k);
      r->s += k;
      continue;
    }
    if (++r->s >= r->end) break;
    char e = *r->s++;
    uint32_t u = 0;
    switch (e) {
      case '"': hui_buf_putc(&b, '"'); break;
      case '\\': hui_buf_putc(&b, '\\'); break;
      case '/': hui_buf_putc(&b, '/'); break;
      case 'b': hui_buf_putc(&b, '\b'); break;
      case 'f': hui_buf_putc(&b, '\f'); break;
      case 'n': hui_buf_putc(&b, '\n'); break;
      case 'r': hui_buf_putc(&b, '\r'); break;
      case 't': hui_buf_putc(&b, '\t'); break;
      case 'u':
        if (!read_u4(r, &u)) {
          hui_buf_free(&b);
          return false;
        }
        if (u >= 0xD800 && u <= 0xDBFF) {
          uint32_t lo;
          if (r->end - r->s < 6 || r->s[0] != '\\' || r->s[1] != 'u') u = 0xFFFD;
          else {
            r->s += 2;
            if (!read_u4(r, &lo)) {
              hui_buf_free(&b);
              return false;
            }
            u = lo >= 0xDC00 && lo <= 0xDFFF ? 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00) : 0xFFFD;
          }
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
          u = 0xFFFD;
        }
        if (u == 0) u = 0xFFFD; /* strings are NUL-terminated */
        hui_buf_utf8(&b, u);
        break;
      default:
        hui_buf_free(&b);
        return fail(r, "bad escape in a string");
    }
  }
  if (r->s >= r->end) {
    hui_buf_free(&b);
    return fail(r, "unterminated string");
  }
  r->s++;
  *out = hui_buf_take(&b);
  return true;
}

static bool parse_value(reader *r, hui_json *v, int depth);

static bool parse_container(reader *r, hui_json *v, int depth, bool object) {
  r->s++;
  size_t cap = 0, capk = 0;
  skip_ws(r);
  char close = object ? '}' : ']';
  if (r->s < r->end && *r->s == close) {
    r->s++;
    return true;
  }
  for (;;) {
    skip_ws(r);
    if (object) {
      if (r->s >= r->end || *r->s != '"') return fail(r, "expected a key");
      char *key;
      if (!parse_string(r, &key)) return false;
      size_t nk = v->n;
      *HUI_PUSH(v->keys, nk, capk) = key;
      skip_ws(r);
      if (r->s >= r->end || *r->s != ':') {
        hui_json *item = HUI_PUSH(v->items, v->n, cap);
        item->kind = HUI_JSON_NULL;
        return fail(r, "expected ':'");
      }
      r->s++;
    }
    hui_json *item = HUI_PUSH(v->items, v->n, cap);
    if (!parse_value(r, item, depth + 1)) return false;
    skip_ws(r);
    if (r->s < r->end && *r->s == ',') {
      r->s++;
      continue;
    }
    if (r->s < r->end && *r->s == close) {
      r->s++;
      return true;
    }
    return fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
  }
}

static bool literal(reader *r, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(r->end - r->s) < n || memcmp(r->s, word, n) != 0) return fail(r, "unexpected text");
  r->s += n;
  return true;
}

static bool parse_value(reader *r, hui_json *v, int depth) {
  if (depth > MAX_DEPTH) return fail(r, "nested too deep");
  skip_ws(r);
  if (r->s >= r->end) return fail(r, "unexpected end");
  char c = *r->s;
  if (c == '{') {
    v->kind = HUI_JSON_OBJECT;
    return parse_container(r, v, depth, true);
  }
  if (c == '[') {
    v->kind = HUI_JSON_ARRAY;
    return parse_container(r, v, depth, false);
  }
  if (c == '"') {
    v->kind = HUI_JSON_STRING;
    return parse_string(r, &v->str);
  }
  if (c == 't') return v->kind = HUI_JSON_BOOL, v->b = true, literal(r, "true");
  if (c == 'f') return v->kind = HUI_JSON_BOOL, literal(r, "false");
  if (c == 'n') return literal(r, "null");
  if (c == '-' || (c >= '0' && c <= '9')) {
    char buf[64];
    size_t k = 0;
    while (r->s + k < r->end && k < sizeof buf - 1 && strchr("+-0123456789.eE", r->s[k])) k++;
    memcpy(buf, r->s, k);
    buf[k] = '\0';
    char *end;
    v->kind = HUI_JSON_NUMBER;
    v->num = strtod(buf, &end);
    if (end != buf + k || k == 0) return fail(r, "bad number");
    r->s += k;
    return true;
  }
  return fail(r, "unexpected character");
}

static void free_members(hui_json *v) {
  for (size_t i = 0; i < v->n; i++) {
    free_members(&v->items[i]);
    if (v->keys) free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->str);
}

hui_json *hui_json_parse(const char *text, size_t len, char **why) {
  reader r = {text, text + len, NULL};
  hui_json *v = hui_xcalloc(1, sizeof *v);
  const char *start = text;
  bool ok = parse_value(&r, v, 0);
  if (ok) {
    skip_ws(&r);
    if (r.s != r.end) ok = fail(&r, "text after the value");
  }
  if (!ok) {
    *why = hui_xasprintf("not valid JSON: %s (at byte %td)", r.why ? r.why : "error", r.s - start);
    free(r.why);
    hui_json_free(v);
    return NULL;
  }
  return v;
}

void hui_json_free(hui_json *v) {
  if (!v) return;
  free_members(v);
  free(v);
}

const hui_json *hui_json_get(const hui_json *v, const char *key) {
  if (!v || v->kind != HUI_JSON_OBJECT) return NULL;
  for (size_t i = 0; i < v->n; i++)
    if (v->keys[i] && strcmp(v->keys[i], key) == 0) return &v->items[i];
  return NULL;
}

const char *hui_json_str(const hui_json *v) { return v && v->kind == HUI_JSON_STRING ? v->str : NULL; }

const char *hui_json_get_str(const hui_json *v, const char *key) { return hui_json_str(hui_json_get(v, key)); }

char *hui_json_get_name(const hui_json *v, const char *key) {
  char *hex_key = hui_xasprintf("%s_hex", key);
  const char *hex = hui_json_get_str(v, hex_key);
  free(hex_key);
  size_t n = hex ? strlen(hex) : 0;
  if (hex && n > 0 && n % 2 == 0) {
    char *out = hui_xmalloc(n / 2 + 1);
    size_t k = 0;
    for (; k < n / 2; k++) {
      int hi = hexval(hex[2 * k]), lo = hexval(hex[2 * k + 1]);
      if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) break;
      out[k] = (char)(hi << 4 | lo);
    }
    out[k] = '\0';
    if (k == n / 2) return out;
    free(out);
  }
  return hui_xstrdup(hui_json_get_str(v, key));
}
