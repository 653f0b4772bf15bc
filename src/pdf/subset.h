/* subset: the TrueType font program a PDF embeds for one face — only the glyphs
 * drawn, renumbered from 0 in the order they were first asked for, so that a
 * glyph's number in the subset is its CID (CIDToGIDMap /Identity).
 *
 * libharu embeds a TrueType font with every table it read — hmtx, loca and
 * cmap for all of the font's glyphs, its glyph names ('post'), a 128 KB
 * CIDToGIDMap and a width for every BMP code point — and only empties the
 * glyphs not drawn: for a CJK font that was more than half of what it wrote.
 * It also misreads composite glyphs whose parts have glyph numbers above
 * 32,767. This module writes the font program instead, reading the face's
 * file itself (pread, so the file is never mapped into memory); pdf.c writes
 * the PDF objects around it. The advances the widths need as glyphs are
 * drawn come from the face (which has them); the rest of 'hmtx' and 'loca'
 * is read when the program is written, in glyph order, a window at a time.
 *
 * The program has head, hhea, maxp, hmtx, loca (long offsets) and glyf for
 * the subset's glyphs, and the face's OS/2, cvt, fpgm and prep as they are
 * and a 'post' of version 3 (no glyph names); no cmap, which a CID-keyed
 * TrueType font does not use. Composite glyphs bring their parts, renumbered. */
#ifndef HUI_SUBSET_H
#define HUI_SUBSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "fonts.h"

typedef struct hui_subset hui_subset;

/* A subset of face holding only .notdef (CID 0). Returns NULL with *why set
 * (caller frees) when the face's file is gone or changed since the fonts were
 * opened, or its head, hhea, maxp, hmtx, loca or glyf table is missing or
 * malformed. Free with hui_subset_free (NULL-safe). */
hui_subset *hui_subset_new(hui_face *face, char **why);

/* What hui_subset_new takes from a face, for a subset of any TrueType file
 * (the fuzz target's): the file and face index, the family for messages, a
 * code point's glyph, and whether an open file is still the one measured
 * (NULL: not checked). The strings are copied. */
typedef struct hui_subset_source {
  const char *file;
  int index;
  const char *family;
  unsigned (*glyph)(void *ctx, uint32_t cp);
  bool (*same_file)(void *ctx, int fd);
  void *ctx;
  /* The advance of a glyph in font units, as the face's 'hmtx' table gives
   * it (-1: not known), read where the face already has it; NULL: read from
   * the file, a read a glyph. */
  int (*advance)(void *ctx, unsigned gid);
} hui_subset_source;
hui_subset *hui_subset_open(const hui_subset_source *src, char **why);
void hui_subset_free(hui_subset *s);

/* The CID of cp's glyph, added to the subset (with its parts) on first use.
 * Returns 0 with *why set (caller frees) when the face has no glyph for cp,
 * its glyph data is malformed, or the subset is full (65,535 glyphs). */
unsigned hui_subset_cid(hui_subset *s, uint32_t cp, char **why);

/* Number of glyphs in the subset (CIDs 0 .. count-1). */
size_t hui_subset_count(const hui_subset *s);
/* The advance of a CID in 1/1000 em, rounded down (as layout measures). */
int hui_subset_width(const hui_subset *s, unsigned cid);
/* The code point a CID was first asked for; 0 for .notdef and parts of
 * composite glyphs. */
uint32_t hui_subset_unicode(const hui_subset *s, unsigned cid);

/* What a PDF font descriptor needs, in 1/1000 em. */
typedef struct hui_subset_metrics {
  int bbox[4]; /* xMin yMin xMax yMax of the face (head) */
  int ascent, descent, cap_height;
  double italic_angle;
  bool fixed_pitch, serif;
} hui_subset_metrics;
void hui_subset_get_metrics(const hui_subset *s, hui_subset_metrics *m);

/* Appends the font program of the glyphs added so far to out, reading their
 * outlines from the font file now (and numbering the parts of composite
 * glyphs: call hui_subset_count after this). Once per subset: the glyphs'
 * bytes are let go. Returns false with *why set (caller frees) when the file
 * cannot be read or its glyphs are malformed, or on a second call. */
bool hui_subset_program(hui_subset *s, hui_buf *out, char **why);

/* OpenType-CFF faces: the program is a bare CFF (pdf/cff.c: of a
 * CID-keyed face made by huibian, of another by hb-subset), embedded as
 * FontFile3 /CIDFontType0C under a CIDFontType0. A
 * subset's CIDs stay its own dense numbers (the content's codes: two
 * characters drawn by one glyph keep two codes, for ToUnicode); the
 * Encoding CMap maps each code to the CID the program has for its glyph,
 * hui_subset_program_cid (after hui_subset_program; a TrueType subset's
 * codes are its CIDs). hui_subset_ros gives the program's Registry,
 * Ordering and Supplement and is true when the CFF is CID-keyed. */
bool hui_subset_is_cff(const hui_subset *s);
unsigned hui_subset_program_cid(const hui_subset *s, unsigned cid);
bool hui_subset_ros(const hui_subset *s, const char **registry, const char **ordering,
                    int *supplement);

#endif
