/* fonts: font roles (fontconfig) → font files, and what freetype says of them:
 * outline format, glyph coverage, advances, vertical metrics. The only module
 * that sees fontconfig and freetype. */
#ifndef HUI_FONTS_H
#define HUI_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum hui_role {
  HUI_ROLE_BODY,
  HUI_ROLE_HEADING,
  HUI_ROLE_TITLE,
  HUI_ROLE_KAI,
  HUI_ROLE_LATIN,
  HUI_ROLE_COUNT
} hui_role;

/* "body", "heading", "title", "kai", "latin". */
const char *hui_role_name(hui_role r);

typedef struct hui_fonts hui_fonts;
/* One face of one font file; owned by its hui_fonts. */
typedef struct hui_face hui_face;

/* Resolves every role through the fontconfig file FONTS_DIR/fonts.conf (which
 * also makes FONTS_DIR and EDITION_DIR/fonts, if it exists, font folders that win
 * over the system's). Each role gets its fallback chain of usable faces:
 * TrueType outlines only; a CFF/OpenType-CFF font in the project or edition font
 * folder is refused. Returns NULL with *why set (caller frees) when a role has
 * no usable face at all. Free with hui_fonts_free (NULL-safe). */
hui_fonts *hui_fonts_open(const char *fonts_dir, const char *edition_dir, char **why);
/* Another hui_fonts with the faces model resolved, role by role, without
 * asking fontconfig again (most of what an opening costs): for another
 * thread, which may not use model's faces, or another output of the same
 * build, which then sets its text in the very same fonts. model is only read
 * (by any thread, while nothing frees it). Returns NULL with *why set (caller
 * frees) when one of the faces' files cannot be opened any more. */
hui_fonts *hui_fonts_open_like(const hui_fonts *model, char **why);
void hui_fonts_free(hui_fonts *f);
/* The font files are mapped into memory once per process and read where
 * they are: every page read stays in the resident set, most of them read
 * once when a face is opened (its tables) or its subset is made. This gives
 * those pages back (they stay in the system's page cache, where a later
 * read finds them); any thread may call it at any time. */
void hui_fonts_release_pages(void);

/* The fallback chain of a role, best first (n >= 1). */
hui_face *const *hui_fonts_chain(const hui_fonts *f, hui_role r, size_t *n);

/* The first face in the role's chain that has a glyph for cp; NULL when none
 * has. Fast (cached) — called for every character laid out. */
hui_face *hui_fonts_face_for(hui_fonts *f, hui_role r, uint32_t cp);

/* Advance width of cp in em (1.0 = the font size); 0 if the face lacks it. */
double hui_face_advance(hui_face *face, uint32_t cp);
bool hui_face_has(hui_face *face, uint32_t cp);
/* The horizontal extent of cp's ink in em (from the glyph's outline). Returns
 * false when the face has no glyph or the glyph is blank. */
bool hui_face_ink(hui_face *face, uint32_t cp, double *xmin, double *xmax);
/* The whole ink box of cp in em: xmin, ymin, xmax, ymax, y upwards from the
 * baseline. False when the face has no glyph or the glyph is blank. */
bool hui_face_ink_box(hui_face *face, uint32_t cp, double box[4]);
/* Typographic ascender and descender in em (descender negative). */
double hui_face_ascent(const hui_face *face);
double hui_face_descent(const hui_face *face);
/* The face's glyph index for cp; 0 when it has none. */
unsigned hui_face_glyph(hui_face *face, uint32_t cp);
/* Glyph gid's advance in font units as the face's 'hmtx' table has it (the
 * last advance for a glyph past numberOfHMetrics); -1 when it cannot be read. */
int hui_face_glyph_advance(hui_face *face, unsigned gid);
/* True when the open file fd is the face's file as it was when the fonts
 * were opened (same file, size, modification and change times): a font replaced or
 * rewritten during a run must not be read for glyphs measured in the old. */
bool hui_face_same_file(const hui_face *face, int fd);
/* The face's PostScript name ("" when it has none); owned by the face. */
const char *hui_face_psname(hui_face *face);
/* The file and the face index inside it (for .ttc). */
const char *hui_face_file(const hui_face *face);
int hui_face_index(const hui_face *face);
const char *hui_face_family(const hui_face *face);
/* True when the face has OpenType-CFF outlines (else TrueType ones). */
bool hui_face_cff(const hui_face *face);

/* Every distinct face file used by any role (for the manifest), in role order. */
size_t hui_fonts_files(const hui_fonts *f, const char ***files);

/* The family a role is meant to use (the free font scripts/install-deps.sh
 * installs) when no face of its chain is of it: the role falls back, and
 * pages differ from a machine that has it. NULL when the role has it. */
const char *hui_fonts_fallback(const hui_fonts *f, hui_role r);

/* Prints each role and its fallback chain (family, file, face index) to out,
 * for `huibian fonts EDITION`. */
void hui_fonts_describe(const hui_fonts *f, FILE *out);

#endif
