/* cff: the CFF program of an OpenType-CFF face's subset, made by HarfBuzz's
 * hb-subset (subroutines kept only where used) and read back for what the
 * PDF needs: the CID each kept glyph has in the program, and the font's
 * Registry-Ordering-Supplement. Internal to src/pdf/ (subset.c calls it). */
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
 * file cannot be read or HarfBuzz cannot subset it. Thread-safe; calls run
 * one at a time (each may take some 20 MB while it runs). */
bool hui_cff_subset(int fd, const hui_cff_table *dir, size_t ndir, const uint32_t *gids, size_t n,
                    hui_buf *out, uint16_t *cids, hui_cff_info *info, char **why);

#endif
