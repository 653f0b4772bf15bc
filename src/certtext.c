/* certtext: certificate placeholders, numbers and dates. */
#include "certtext.h"

#include <stdlib.h>
#include <string.h>

#include "base/base.h"

const char *const hui_cert_text_keys[] = {"name", "unit", "position", "area", "campaign",
                                          "tier", "prize", "year", "number", "date", NULL};
const char *const hui_cert_number_keys[] = {"year", "tier-no", "tier-id", "seq", "n", "id", NULL};

/* Scans one placeholder starting at p (just after '{'). Returns the length of
 * the key and sets *width (0 = none) and *end (just after '}'); returns 0 when
 * malformed. */
static size_t scan(const char *p, int *width, const char **end) {
  size_t k = strcspn(p, "{}:");
  *width = 0;
  if (k == 0) return 0;
  const char *q = p + k;
  if (*q == ':') {
    q++;
    if (*q < '0' || *q > '9') return 0;
    int w = 0;
    while (*q >= '0' && *q <= '9' && w < 100) w = w * 10 + (*q++ - '0');
    *width = w;
  }
  if (*q != '}') return 0;
  *end = q + 1;
  return k;
}

/* The placeholder at p ('{' …) as written, up to its '}' or 20 bytes. */
static char *as_written(const char *p) {
  size_t n = strcspn(p + 1, "{}");
  if (p[1 + n] == '}') n++;
  if (n > 40) n = 40;
  while (n > 0 && ((unsigned char)p[n + 1] & 0xC0) == 0x80) n--; /* whole characters */
  return hui_xstrndup(p, n + 1);
}

char *hui_cert_expand(const char *pattern, const hui_cert_var *vars, size_t nvars, char **bad) {
  *bad = NULL;
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  for (const char *p = pattern; p && *p;) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      hui_buf_putc(&b, p[0]);
      p += 2;
      continue;
    }
    if (*p == '}') {
      *bad = hui_xstrdup("}");
      hui_buf_free(&b);
      return NULL;
    }
    if (*p != '{') {
      hui_buf_putc(&b, *p++);
      continue;
    }
    int width;
    const char *end = NULL;
    size_t k = scan(p + 1, &width, &end);
    const hui_cert_var *v = NULL;
    for (size_t i = 0; k && i < nvars; i++)
      if (strlen(vars[i].key) == k && strncmp(vars[i].key, p + 1, k) == 0) v = &vars[i];
    if (!v) {
      *bad = as_written(p);
      hui_buf_free(&b);
      return NULL;
    }
    const char *val = v->value ? v->value : "";
    for (int pad = width - (int)hui_utf8_count(val, strlen(val)); pad > 0; pad--)
      hui_buf_putc(&b, '0');
    hui_buf_puts(&b, val);
    p = end;
  }
  return hui_buf_take(&b);
}

char *hui_cert_unknown(const char *pattern, const char *const *known) {
  hui_cert_var vars[32];
  size_t n = 0;
  for (; n < 32 && known[n]; n++) vars[n] = (hui_cert_var){known[n], ""};
  char *bad = NULL;
  free(hui_cert_expand(pattern, vars, n, &bad));
  return bad;
}

static bool doc_key(const hui_campaign *c, const char *k, size_t len,
                    const char *const *known) {
  for (size_t i = 0; known[i]; i++)
    if (strlen(known[i]) == len && strncmp(known[i], k, len) == 0) return true;
  for (size_t t = 0; t < c->ntiers; t++)
    for (int w = 0; w < 2; w++) {
      const char *pre = w ? "tier:" : "count:";
      size_t pl = strlen(pre), il = strlen(c->tiers[t].id);
      if (len == pl + il && strncmp(k, pre, pl) == 0 && strncmp(k + pl, c->tiers[t].id, il) == 0)
        return true;
    }
  return false;
}

char *hui_doc_unknown(const hui_campaign *c, const char *pattern, const char *const *known) {
  for (const char *p = pattern; p && *p; p++) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      p++;
      continue;
    }
    if (*p != '{') continue;
    const char *end = strchr(p, '}');
    if (!end) return hui_xstrdup(p);
    if (!doc_key(c, p + 1, (size_t)(end - p - 1), known)) return hui_xstrndup(p, (size_t)(end - p + 1));
    p = end;
  }
  return NULL;
}

static const char *const CN_DIGIT[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

/* 1..99 in Chinese numerals: 十, 十一, 二十, 三十一. */
static void cn_number(hui_buf *b, int v) {
  if (v >= 10) {
    if (v >= 20) hui_buf_puts(b, CN_DIGIT[v / 10]);
    hui_buf_puts(b, "十");
    if (v % 10) hui_buf_puts(b, CN_DIGIT[v % 10]);
  } else {
    hui_buf_puts(b, CN_DIGIT[v]);
  }
}

char *hui_cert_date(const char *iso, bool chinese) {
  if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-') return NULL;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9')) return NULL;
  int y = atoi(iso), m = atoi(iso + 5), d = atoi(iso + 8);
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1) return NULL;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > days[m - 1] + (m == 2 && leap)) return NULL;
  if (!chinese) return hui_xasprintf("%d年%d月%d日", y, m, d);
  /* The year digit by digit with 〇 for zero (二〇二〇), month and day as
   * numbers (十一月, 二十日, 三十一日), as dates are read aloud. */
  hui_buf b = {0};
  for (int i = 0; i < 4; i++)
    if (i > 0 || iso[0] != '0') hui_buf_puts(&b, CN_DIGIT[iso[i] - '0']);
  hui_buf_puts(&b, "年");
  cn_number(&b, m);
  hui_buf_puts(&b, "月");
  cn_number(&b, d);
  hui_buf_puts(&b, "日");
  return hui_buf_take(&b);
}

char *hui_cert_text_pattern(const hui_campaign *c, const hui_submission *s) {
  bool collective = !(s->person.text && *s->person.text);
  if (collective && c->certificate.text_collective.text && *c->certificate.text_collective.text)
    return hui_xstrdup(c->certificate.text_collective.text);
  const char *text = c->certificate.text.text;
  if (!text) return NULL;
  if (!collective) return hui_xstrdup(text);
  hui_buf b = {0};
  hui_buf_puts(&b, "");
  static const char ADDR[] = "{name}同志";
  for (const char *p = text; *p;) {
    if (strncmp(p, ADDR, sizeof ADDR - 1) == 0) {
      hui_buf_puts(&b, "{name}");
      p += sizeof ADDR - 1;
    } else {
      hui_buf_putc(&b, *p++);
    }
  }
  return hui_buf_take(&b);
}

size_t hui_cert_persons(const hui_campaign *c, const hui_submission *s) {
  if (!c->certificate.per_person || !s->nothers || !(s->person.text && *s->person.text)) return 0;
  return 1 + s->nothers;
}

char *hui_cert_person_number(const char *number, size_t k) { return hui_xasprintf("%s-%zu", number, k); }

char **hui_cert_numbers(const hui_edition *e, const size_t *order, size_t n) {
  const hui_campaign *c = &e->campaign;
  const char *fmt = c->certificate.number_format.text && *c->certificate.number_format.text
                        ? c->certificate.number_format.text
                        : HUI_CERT_DEFAULT_NUMBER;
  char **out = hui_xcalloc(n ? n : 1, sizeof *out);
  int tier = -1;
  size_t seq = 0;
  for (size_t i = 0; i < n; i++) {
    const hui_submission *s = &e->subs[order[i]];
    if (s->tier != tier) {
      tier = s->tier;
      seq = 0;
    }
    seq++;
    char year[16], tier_no[16], seq_s[24], n_s[24];
    snprintf(year, sizeof year, "%d", c->year_num);
    snprintf(tier_no, sizeof tier_no, "%d", tier + 1);
    snprintf(seq_s, sizeof seq_s, "%zu", seq);
    snprintf(n_s, sizeof n_s, "%zu", i + 1);
    hui_cert_var vars[] = {{"year", year},
                           {"tier-no", tier_no},
                           {"tier-id", tier >= 0 && (size_t)tier < c->ntiers ? c->tiers[tier].id : ""},
                           {"seq", seq_s},
                           {"n", n_s},
                           {"id", s->id.text}};
    char *bad = NULL;
    out[i] = hui_cert_expand(fmt, vars, sizeof vars / sizeof *vars, &bad);
    if (!out[i]) out[i] = hui_xstrdup("");
    free(bad);
  }
  return out;
}

void hui_cert_numbers_free(char **numbers, size_t n) {
  if (!numbers) return;
  for (size_t i = 0; i < n; i++) free(numbers[i]);
  free(numbers);
}
