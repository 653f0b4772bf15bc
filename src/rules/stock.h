/* stock: the built-in list of set phrases (套话) of exemplar write-ups. */
#ifndef HUI_RULES_STOCK_H
#define HUI_RULES_STOCK_H

#include <stddef.h>

/* The phrases, as written (UTF-8, simplified characters, with punctuation);
 * *n is set to their number. */
const char *const *hui_stock_phrases(size_t *n);

#endif
