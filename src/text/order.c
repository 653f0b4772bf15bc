/* order: the compendium order of awarded submissions — tiers in campaign order,
 * then stroke, pinyin, unit or date, ties by id. The only module using ICU
 * collation. Sorting uses precomputed ICU sort keys, so qsort needs no context
 * and each collator is opened once per call. */
#include "order.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "../base/base.h"

typedef struct item {
  size_t index;
  int tier;
  unsigned char *key; /* ICU sort key, or the raw string for date order */
  const char *id;
} item;

static UCollator *open_collator(hui_order_key key) {
  UErrorCode err = U_ZERO_ERROR;
  const char *loc = key == HUI_ORDER_STROKE ? "zh@collation=stroke" : "zh@collation=pinyin";
  UCollator *c = ucol_open(loc, &err);
  if (U_FAILURE(err)) {
    err = U_ZERO_ERROR;
    c = ucol_open("zh", &err); /* pinyin is zh's default */
    if (U_FAILURE(err)) c = NULL;
  }
  return c;
}

/* A sort key for s (UTF-8) under coll; a copy of s without a collator. */
static unsigned char *sort_key(UCollator *coll, const char *s) {
  if (!s) s = "";
  if (!coll) return (unsigned char *)hui_xstrdup(s);
  UErrorCode err = U_ZERO_ERROR;
  int32_t ulen = 0;
  u_strFromUTF8Lenient(NULL, 0, &ulen, s, -1, &err);
  err = U_ZERO_ERROR;
  UChar *u = hui_xmalloc(((size_t)ulen + 1) * sizeof *u);
  u_strFromUTF8Lenient(u, ulen + 1, NULL, s, -1, &err);
  if (U_FAILURE(err)) ulen = 0;
  int32_t klen = ucol_getSortKey(coll, u, ulen, NULL, 0);
  unsigned char *k = hui_xmalloc((size_t)klen + 1);
  ucol_getSortKey(coll, u, ulen, k, klen + 1);
  free(u);
  return k; /* NUL-terminated, so strcmp compares it */
}

static int cmp_items(const void *a, const void *b) {
  const item *x = a, *y = b;
  if (x->tier != y->tier) return x->tier < y->tier ? -1 : 1;
  int c = strcmp((const char *)x->key, (const char *)y->key);
  if (c) return c;
  c = strcmp(x->id ? x->id : "", y->id ? y->id : "");
  if (c) return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

static const char *key_text(const hui_submission *s, hui_order_key key) {
  switch (key) {
  case HUI_ORDER_UNIT: return s->unit.text ? s->unit.text : s->collective.text;
  case HUI_ORDER_DATE: return s->date.text;
  default: return hui_submission_name(s);
  }
}

/* Sorts the chosen submissions; all_loaded picks every loaded one (tier 0). */
static size_t *sorted(const hui_edition *e, hui_order_key key, bool all_loaded, size_t *n) {
  *n = 0;
  item *items = hui_xcalloc(e->nsubs ? e->nsubs : 1, sizeof *items);
  size_t k = 0;
  UCollator *coll = key == HUI_ORDER_DATE ? NULL : open_collator(key == HUI_ORDER_UNIT ? HUI_ORDER_PINYIN : key);
  for (size_t i = 0; i < e->nsubs; i++) {
    const hui_submission *s = &e->subs[i];
    if (!s->loaded || s->withdrawn || (!all_loaded && s->tier < 0)) continue;
    items[k].index = i;
    items[k].tier = all_loaded ? 0 : s->tier;
    items[k].key = sort_key(coll, key_text(s, key));
    items[k].id = s->id.text;
    k++;
  }
  if (coll) ucol_close(coll);
  if (k > 1) qsort(items, k, sizeof *items, cmp_items);
  size_t *out = NULL;
  if (k) {
    out = hui_xmalloc(k * sizeof *out);
    for (size_t i = 0; i < k; i++) out[i] = items[i].index;
  }
  for (size_t i = 0; i < k; i++) free(items[i].key);
  free(items);
  *n = k;
  return out;
}

size_t *hui_order_awarded(const hui_edition *e, size_t *n) {
  return sorted(e, e->campaign.order, false, n);
}

size_t *hui_order_all_by_name(const hui_edition *e, size_t *n) {
  return sorted(e, HUI_ORDER_STROKE, true, n);
}

int hui_order_compare(hui_order_key key, const char *a, const char *b) {
  if (key == HUI_ORDER_DATE) return strcmp(a ? a : "", b ? b : "");
  UCollator *coll = open_collator(key == HUI_ORDER_UNIT ? HUI_ORDER_PINYIN : key);
  unsigned char *ka = sort_key(coll, a), *kb = sort_key(coll, b);
  int c = strcmp((const char *)ka, (const char *)kb);
  free(ka);
  free(kb);
  if (coll) ucol_close(coll);
  return c < 0 ? -1 : c > 0;
}
