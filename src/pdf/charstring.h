/* charstring: which subroutines the glyphs of a CFF program call, and its
 * INDEXes written again without the others. Type 2 charstrings (Adobe
 * Technical Note #5177) are followed through their calls as a rasteriser
 * would, counting stem hints (a hintmask's length depends on them) and
 * keeping the operand stack, but drawing nothing. Internal to src/pdf/
 * (cff.c makes subsets with it). */
#ifndef HUI_PDF_CHARSTRING_H
#define HUI_PDF_CHARSTRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

/* A CFF INDEX held in memory: count items, item i is bytes
 * [data + off(i), data + off(i + 1)), read from the offsets as needed. */
typedef struct hui_cff_items {
  const uint8_t *p; /* the INDEX, from its count */
  size_t len;       /* its whole length (header, offsets and data) */
  unsigned count, offsize;
} hui_cff_items;

/* Reads the INDEX at the start of p[0..n) (it may be followed by other
 * data): false when it is malformed or runs past n. */
bool hui_cff_items_read(const uint8_t *p, size_t n, hui_cff_items *x);

/* Item i: false when i is out of range or its offsets are out of order. */
bool hui_cff_item(const hui_cff_items *x, unsigned i, const uint8_t **b, size_t *n);

/* A call met on the way: the number before a callsubr or callgsubr, at
 * at[0..len) in the program's bytes, naming item old of the INDEX x. nv is
 * for the caller: the number it is to become. (Before hui_cs_calls_settle
 * the list also has the mask bytes of each hintmask, x NULL.) */
typedef struct hui_cs_call {
  const uint8_t *at;
  const hui_cff_items *x;
  unsigned old;
  unsigned len;
  long nv;
} hui_cs_call;

typedef struct hui_cs_calls {
  hui_cs_call *v;
  size_t n, cap;
  bool loose; /* a call whose number is not written just before it */
} hui_cs_calls;

/* Sets gmark[k] (lmark[k]) for each global (local) subroutine k that the
 * charstring cs[0..n) calls, directly or through other subroutines; lsubrs
 * may be NULL (a Font DICT without Subrs). Each call is added to calls
 * (when not NULL). False when the charstring cannot be followed:
 * malformed, nested deeper than the format allows, too long to follow, or
 * with an operator this walk does not know (the arithmetic operators, which
 * may compute a subroutine's number): the caller keeps every subroutine
 * then. */
bool hui_cs_mark_subrs(const uint8_t *cs, size_t n, const hui_cff_items *gsubrs, uint8_t *gmark,
                       const hui_cff_items *lsubrs, uint8_t *lmark, hui_cs_calls *calls);

/* The charstring cs[0..n) as it draws, its calls followed, written as
 * text to out (its operators with their numbers and a hintmask's mask
 * bytes; a call leaves no trace): two programs draw a glyph alike when
 * their texts are the same. False when it cannot be followed. For tests. */
bool hui_cs_flatten(const uint8_t *cs, size_t n, const hui_cff_items *gsubrs,
                    const hui_cff_items *lsubrs, hui_buf *out);

/* Sorts calls by place and drops repeats and masks; false when one place
 * was met naming two subroutines (a global subroutine that calls local
 * ones, used by glyphs of two Font DICTs), or a call's number was a mask's
 * byte when the same bytes were followed with another count of stems: the
 * numbers cannot be rewritten then. */
bool hui_cs_calls_settle(hui_cs_calls *calls);

/* Sets each call's nv: the number its subroutine is called by once only
 * the marked items of its INDEX are kept, one after the other (the bias of
 * their count taken off). xs[j] and marks[j] are the INDEXes the calls
 * name and their marks. */
void hui_cs_calls_renumber(hui_cs_calls *calls, const hui_cff_items *const *xs,
                           const uint8_t *const *marks, size_t nx);

/* The subroutine bias for an INDEX of count items. */
long hui_cs_bias(unsigned count);

/* Writes cs[0..n) to w (when not NULL) with the number of each of the
 * settled calls in it made its nv; returns the length written. */
size_t hui_cs_rewrite(const uint8_t *cs, size_t n, const hui_cs_calls *calls, uint8_t *w);

/* Writes the INDEX of the items of x whose mark is set, in their order,
 * each rewritten (hui_cs_rewrite), to w (when not NULL); returns its
 * length. */
size_t hui_cff_items_kept(const hui_cff_items *x, const uint8_t *mark, const hui_cs_calls *calls,
                          uint8_t *w);

/* Writes x again to w (when not NULL) with each item whose mark is 0 made
 * one byte, a return: the items keep their numbers, so no charstring that
 * calls them changes. Returns the length of the INDEX written. */
size_t hui_cff_items_pruned(const hui_cff_items *x, const uint8_t *mark, uint8_t *w);

#endif
