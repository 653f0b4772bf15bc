/* order: the order of awarded submissions (tiers, then stroke/pinyin/unit/date,
 * ties by id). The only module that uses ICU collation. */
#ifndef HUI_ORDER_H
#define HUI_ORDER_H

#include <stddef.h>

#include "../model.h"

/* Fills a fresh array (caller frees) with the indexes of the awarded
 * submissions (sub->tier >= 0) in compendium order; *n receives the count.
 * Returns NULL with *n = 0 when none is awarded. */
size_t *hui_order_awarded(const hui_edition *e, size_t *n);

/* Compares two UTF-8 strings by the given key's collation (stroke or pinyin);
 * for tests. Returns <0, 0, >0. */
int hui_order_compare(hui_order_key key, const char *a, const char *b);

/* Indexes of all loaded submissions but the withdrawn, sorted by name in
 * stroke order (for the closing list). Caller frees. */
size_t *hui_order_all_by_name(const hui_edition *e, size_t *n);

#endif
