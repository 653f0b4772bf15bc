/* cff: the CFF program of an OpenType-CFF face's subset, and what the PDF
 * needs of it: the CID each kept glyph has in the program, and the font's
 * Registry-Ordering-Supplement. A CID-keyed face (the CJK faces) is
 * subset here: the kept glyphs, with only the subroutines they call,
 * numbered again (charstring.h); another face, or a CID-keyed one whose
 * charstrings this cannot follow, through HarfBuzz's hb-subset. Internal
 * to src/pdf/ (subset.c calls it). */
#ifndef HUI_PDF_CFF_H
#define HUI_PDF_CFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"

/* A table of the face, where it lies in the file. */
typedef struct hui_cff_table {
  uint32_t tag, off, len;
} hui_cff_table;

/* What the program says of itself. */
typedef struct hui_cff_info {
  bool cid_keyed; /* a CID-keyed CFF (ROS in its Top DICT) */
  char registry[64], ordering[64];
  int supplement;
} hui_cff_info;

/* Appends to out the CFF program holding the face glyphs gids[0..n) (gids[0]
 * is .notdef) read from the tables in dir (the face's 'CFF ', head, hhea,
 * hmtx, maxp) of the open file fd, and sets cids[k] to the CID with which
 * the program draws gids[k]. False with *why set (caller frees) when the
 * file cannot be read or cannot be subset. Thread-safe; calls run one at
 * a time (through hb-subset each may take some 20 MB while it runs; a
 * CID-keyed face subset here takes a few times its program's size). */
bool hui_cff_subset(int fd, const hui_cff_table *dir, size_t ndir, const uint32_t *gids, size_t n,
                    hui_buf *out, uint16_t *cids, hui_cff_info *info, char **why);

/* The CIDs cids[k] that a subset program p[0..len) (of the glyphs gids,
 * in the order of their numbers in the face, as hui_cff_subset and
 * hb-subset write them) gives the face glyphs gids[k], and its info; false
 * when it cannot be read. For tests. */
bool hui_cff_cids(const uint8_t *p, size_t len, const uint32_t *gids, size_t n, uint16_t *cids,
                  hui_cff_info *info);

/* The glyphs of the CFF program p[0..len) as they draw, one line of text
 * each (charstring.h, hui_cs_flatten), for tests: two programs whose texts
 * are the same draw the same glyphs. False when one cannot be followed. */
bool hui_cff_drawing(const uint8_t *p, size_t len, hui_buf *out);

#endif
