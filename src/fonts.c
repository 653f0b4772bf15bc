/* fonts: font roles resolved through the project's fontconfig file; freetype
 * for outline format, coverage, advances and vertical metrics. */
#define _XOPEN_SOURCE 700 /* realpath */
#define _DEFAULT_SOURCE   /* madvise's MADV_DONTNEED */
#include "fonts.h"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_FONT_FORMATS_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_ADVANCES_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "base/i18n.h"

/* Longest fallback chain kept per role: enough for coverage, short enough that
 * a missing character fails fast. */
#define CHAIN_MAX 6
#define BMP 0x10000
#define ADV_PAGE 256

/* A font file mapped into memory, once in the process however many font
 * sets (hui_fonts_open) use it: a build has three open at once (the
 * rules', the compendium's and the certificates', each on its thread), and
 * a file mapped three times counted its pages three times in the resident
 * memory. FreeType reads the faces from the mapping (FT_New_Memory_Face),
 * as it read its own mapping of the file before. */
typedef struct font_map {
  char *file;
  hui_file_id id; /* the file mapped: a file changed since gets a new mapping */
  void *base;
  size_t size;
  unsigned refs;
  struct font_map *next;
} font_map;

static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;
static font_map *maps;

/* The mapping of file as it is now (a reference; map_put gives it back), or
 * NULL when it cannot be read. */
static font_map *map_get(const char *file) {
  /* (opened as freetype opened it, and closed at once; the PDF writer's
   * later opens, with O_CLOEXEC, are the ones tests/e2e/faults.py acts on) */
  int fd = open(file, O_RDONLY);
  if (fd < 0) return NULL;
  hui_file_id id;
  font_map *m = NULL;
  pthread_mutex_lock(&maps_lock);
  if (hui_file_id_fd(fd, &id)) {
    for (m = maps; m; m = m->next)
      if (strcmp(m->file, file) == 0 && hui_file_id_same(&m->id, &id)) break;
    if (m) {
      m->refs++;
    } else if (id.size > 0 && (uint64_t)id.size <= (uint64_t)LONG_MAX) {
      void *base = mmap(NULL, (size_t)id.size, PROT_READ, MAP_PRIVATE, fd, 0);
      if (base != MAP_FAILED) {
        m = hui_xcalloc(1, sizeof *m);
        *m = (font_map){hui_xstrdup(file), id, base, (size_t)id.size, 1, maps};
        maps = m;
      }
    }
  }
  pthread_mutex_unlock(&maps_lock);
  close(fd);
  return m;
}

static void map_put(font_map *m) {
  if (!m) return;
  pthread_mutex_lock(&maps_lock);
  if (--m->refs == 0) {
    font_map **at = &maps;
    while (*at != m) at = &(*at)->next;
    *at = m->next;
    munmap(m->base, m->size);
    free(m->file);
    free(m);
  }
  pthread_mutex_unlock(&maps_lock);
}

void hui_fonts_release_pages(void) {
  pthread_mutex_lock(&maps_lock);
  /* read-only private mappings of files never written through them: what is
   * read again comes from the page cache (or the file) as it was */
  for (font_map *m = maps; m; m = m->next) madvise(m->base, m->size, MADV_DONTNEED);
  pthread_mutex_unlock(&maps_lock);
}

struct hui_face {
  char *file;
  int index;
  font_map *map;  /* what freetype reads it from; its id: hui_face_same_file */
  char *family;
  FT_Face ft;
  double upem, ascent, descent;
  /* Advances of the BMP in em, filled lazily, in pages of ADV_PAGE code
   * points made when one of them is first asked for (a document asks for a
   * few blocks of a face, and three font sets are open in a build): NaN =
   * not looked up yet, negative = no glyph. */
  float *adv[BMP / ADV_PAGE];
  /* Ink extents of the few characters asked for (punctuation), cached. */
  struct ink {
    uint32_t cp;
    float xmin, xmax, ymin, ymax;
  } *ink;
  size_t nink, capink;
};

struct hui_fonts {
  FcConfig *config;
  FT_Library ft;
  hui_face **faces; /* every face opened, owned here */
  size_t nfaces, capfaces;
  hui_face *chain[HUI_ROLE_COUNT][CHAIN_MAX];
  size_t nchain[HUI_ROLE_COUNT];
  /* Per role, per BMP code point: 0 = not looked up, k+1 = chain[k], NONE. */
  unsigned char *pick[HUI_ROLE_COUNT];
  const char **files;
  size_t nfiles;
};

#define PICK_NONE 0xFF

static const char *const role_names[HUI_ROLE_COUNT] = {"body", "heading", "title", "kai",
                                                       "latin"};

/* What to install (or drop into fonts/) when a role has no usable face. */
static const char *const role_package[HUI_ROLE_COUNT] = {
    "fonts-noto-cjk", "fonts-noto-cjk", "fonts-wqy-zenhei", "fonts-lxgw-wenkai",
    "fonts-dejavu-core"};

/* The free family each role is meant to find (scripts/install-deps.sh
 * installs role_package): a role without it falls back to a later family of
 * its list, and the same edition is set differently on another machine. A
 * licensed family earlier in the list wins over it without a word. */
static const char *const role_default[HUI_ROLE_COUNT] = {
    "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "LXGW WenKai", "DejaVu Serif"};

const char *hui_role_name(hui_role r) {
  return (unsigned)r < HUI_ROLE_COUNT ? role_names[r] : "?";
}

static void face_free(hui_face *face) {
  if (!face) return;
  if (face->ft) FT_Done_Face(face->ft);
  map_put(face->map);
  free(face->file);
  free(face->family);
  for (size_t i = 0; i < BMP / ADV_PAGE; i++) free(face->adv[i]);
  free(face->ink);
  free(face);
}

void hui_fonts_free(hui_fonts *f) {
  if (!f) return;
  for (size_t i = 0; i < f->nfaces; i++) face_free(f->faces[i]);
  free(f->faces);
  for (int r = 0; r < HUI_ROLE_COUNT; r++) free(f->pick[r]);
  free(f->files);
  if (f->ft) FT_Done_FreeType(f->ft);
  if (f->config) FcConfigDestroy(f->config);
  free(f);
}

/* True when the PDF writer can embed the face: TrueType (glyf) outlines
 * (pdf/subset.c) or OpenType-CFF ones (a 'CFF ' table, pdf/cff.c);
 * FT_Get_Font_Format says "TrueType" for the first and "CFF" for the
 * second. CFF2 (variable) outlines, Type 1 and bitmap fonts are not. */
static bool ft_is_embeddable(FT_Face ft) {
  const char *fmt = FT_Get_Font_Format(ft);
  FT_ULong len = 0;
  if (fmt && strcmp(fmt, "TrueType") == 0)
    return FT_Load_Sfnt_Table(ft, TTAG_glyf, 0, NULL, &len) == 0 && len > 0;
  FT_ULong hmtx = 0; /* (a length asked for must start at 0) */
  if (fmt && strcmp(fmt, "CFF") == 0)
    return FT_Load_Sfnt_Table(ft, TTAG_CFF, 0, NULL, &len) == 0 && len > 0 &&
           FT_Load_Sfnt_Table(ft, TTAG_hmtx, 0, NULL, &hmtx) == 0 && hmtx > 0;
  return false;
}

static hui_face *face_open(hui_fonts *f, const char *file, int index, const char *family) {
  for (size_t i = 0; i < f->nfaces; i++)
    if (f->faces[i]->index == index && strcmp(f->faces[i]->file, file) == 0) return f->faces[i];
  FT_Face ft = NULL;
  font_map *map = map_get(file);
  if (!map) return NULL;
  if (FT_New_Memory_Face(f->ft, map->base, (FT_Long)map->size, index, &ft) != 0) {
    map_put(map);
    return NULL;
  }
  if (!ft_is_embeddable(ft) || !FT_IS_SCALABLE(ft) || ft->units_per_EM == 0 ||
      FT_Select_Charmap(ft, FT_ENCODING_UNICODE) != 0) {
    FT_Done_Face(ft);
    map_put(map);
    return NULL;
  }
  hui_face *face = hui_xcalloc(1, sizeof *face);
  face->file = hui_xstrdup(file);
  face->index = index;
  face->map = map;
  face->family = hui_xstrdup(family ? family : (ft->family_name ? ft->family_name : "?"));
  face->ft = ft;
  face->upem = ft->units_per_EM;
  /* Typographic metrics when the OS/2 table has them, else hhea. */
  const TT_OS2 *os2 = FT_Get_Sfnt_Table(ft, FT_SFNT_OS2);
  if (os2 && os2->version != 0xFFFF && os2->sTypoAscender > 0) {
    face->ascent = os2->sTypoAscender / face->upem;
    face->descent = os2->sTypoDescender / face->upem;
  } else {
    face->ascent = ft->ascender / face->upem;
    face->descent = ft->descender / face->upem;
  }
  *HUI_PUSH(f->faces, f->nfaces, f->capfaces) = face;
  return face;
}

/* Real path of dir with a trailing '/', or NULL when it does not exist. */
static char *dir_prefix(const char *dir) {
  char buf[PATH_MAX];
  if (!dir || !realpath(dir, buf)) return NULL;
  return hui_xasprintf("%s/", buf);
}

/* Refuses a non-TrueType font lying in one of our own font folders: the
 * office put it there meaning it to be used, so silently skipping it would
 * hide the problem. Looks at every font fontconfig indexed; reports the first
 * offender in file-name order so the message is stable. */
static bool check_own_folders(hui_fonts *f, const char *const dirs[2], char **why) {
  char *prefix[2] = {dir_prefix(dirs[0]), dir_prefix(dirs[1])};
  char *worst = NULL, *worst_fmt = NULL;
  FcSetName sets[2] = {FcSetSystem, FcSetApplication};
  for (int s = 0; s < 2; s++) {
    FcFontSet *fs = FcConfigGetFonts(f->config, sets[s]);
    for (int i = 0; fs && i < fs->nfont; i++) {
      FcChar8 *file = NULL, *fmt = NULL;
      if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
      if (FcPatternGetString(fs->fonts[i], FC_FONTFORMAT, 0, &fmt) != FcResultMatch) fmt = NULL;
      if (fmt && (strcmp((const char *)fmt, "TrueType") == 0 || strcmp((const char *)fmt, "CFF") == 0))
        continue;
      /* Our folders are added as application fonts: those paths are
       * resolved; a system font is only compared as it is named (resolving
       * every system font's path cost a build hundreds of readlink calls). */
      char real[PATH_MAX];
      if (sets[s] == FcSetApplication) {
        if (!realpath((const char *)file, real)) continue;
      } else if (snprintf(real, sizeof real, "%s", (const char *)file) >= (int)sizeof real) {
        continue;
      }
      for (size_t d = 0; d < 2; d++) {
        if (!prefix[d] || strncmp(real, prefix[d], strlen(prefix[d])) != 0) continue;
        char *shown = hui_path_join(dirs[d], real + strlen(prefix[d]));
        if (!worst || strcmp(shown, worst) < 0) {
          free(worst);
          free(worst_fmt);
          worst = shown;
          worst_fmt = hui_xstrdup(fmt ? (const char *)fmt : "unknown");
        } else {
          free(shown);
        }
        break;
      }
    }
  }
  bool ok = worst == NULL;
  if (!ok) {
*why = hui_xasprintf(_("%s is a %s font; huibian can only embed TrueType or OpenType-CFF "
                           "outlines (.ttf, .ttc, .otf, .otc). Convert it or remove it."),
                         worst, worst_fmt);
  }
  free(worst);
  free(worst_fmt);
  free(prefix[0]);
  free(prefix[1]);
  return ok;
}

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Why the font file at path is damaged (caller frees), or NULL: every table
 * of every face must lie inside the file. A truncated copy keeps its header,
 * so fontconfig still indexes it (under a made-up family) and it would be
 * skipped without a word. */
static char *font_damage(const char *path) {
  int fd = hui_open_regular(path);
  FILE *fp = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!fp) {
    if (fd >= 0) close(fd);
    return hui_xasprintf(_("cannot be read: %s"), hui_strerror(errno));
  }
  unsigned char h[65536];
  size_t n = fread(h, 1, sizeof h, fp);
  struct stat st;
  uint64_t size = fstat(fileno(fp), &st) == 0 ? (uint64_t)st.st_size : n;
  fclose(fp);
  uint32_t offs[64], nfaces = 1;
  offs[0] = 0;
  if (n >= 12 && memcmp(h, "ttcf", 4) == 0) {
    nfaces = be32(h + 8);
    if (nfaces == 0 || nfaces > 64 || 12 + 4 * (size_t)nfaces > n)
      return hui_xstrdup(_("is not a font file"));
    for (uint32_t i = 0; i < nfaces; i++) offs[i] = be32(h + 12 + 4 * i);
  }
  for (uint32_t i = 0; i < nfaces; i++) {
    size_t o = offs[i];
    if (o + 12 > n) return hui_xstrdup(_("is not a font file, or is cut short"));
    unsigned ntables = (unsigned)h[o + 4] << 8 | h[o + 5];
    if (o + 12 + 16 * (size_t)ntables > n)
      return hui_xstrdup(_("is cut short (its table directory is incomplete)"));
    for (unsigned t = 0; t < ntables; t++) {
      const unsigned char *r = h + o + 12 + 16 * t;
      if ((uint64_t)be32(r + 8) + be32(r + 12) > size)
        return hui_xasprintf(_("is cut short: its '%.4s' table runs past the end of the file "
                               "(%llu bytes)"),
                             (const char *)r, (unsigned long long)size);
    }
  }
  return NULL;
}

static bool font_name(const char *nm) {
  size_t l = strlen(nm);
  static const char *const ext[] = {".ttf", ".ttc", ".otf", ".otc"};
  for (size_t i = 0; i < 4; i++)
    if (l > 4 && nm[0] != '.' && strcasecmp(nm + l - 4, ext[i]) == 0) return true;
  return false;
}

/* Refuses a damaged font file in one of our own font folders (top level), for
 * the reason check_own_folders gives; reports the first in name order. */
static bool check_own_files(const char *const dirs[2], char **why) {
  char *worst = NULL, *worst_why = NULL;
  for (int d = 0; d < 2; d++) {
    DIR *dh = dirs[d] ? opendir(dirs[d]) : NULL;
    if (!dh) continue;
    for (struct dirent *de; (de = readdir(dh)) != NULL;) {
      if (!font_name(de->d_name)) continue;
      char *path = hui_path_join(dirs[d], de->d_name);
      char *bad = font_damage(path);
      if (bad && (!worst || strcmp(path, worst) < 0)) {
        free(worst);
        free(worst_why);
        worst = path;
        worst_why = bad;
      } else {
        free(path);
        free(bad);
      }
    }
    closedir(dh);
  }
  if (worst)
    *why = hui_xasprintf(_("the font file %s %s; copy it again from its source, or remove it"),
                         worst, worst_why);
  free(worst);
  free(worst_why);
  return worst == NULL;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Adds the fonts of a folder of ours (and its subfolders, as fontconfig's
 * own folder scan would) as application fonts. Only regular files are
 * given to fontconfig: it opens whatever it is given, and a pipe dropped
 * into the folder would hold the run for ever. False with errno set when
 * the folder cannot be read. */
static bool add_font_folder(FcConfig *config, const char *dir, int depth) {
  DIR *dh = opendir(dir);
  if (!dh) return false;
  char **names = NULL;
  size_t n = 0, cap = 0;
  for (struct dirent *de; (de = readdir(dh)) != NULL;)
    if (de->d_name[0] != '.') *HUI_PUSH(names, n, cap) = hui_xstrdup(de->d_name);
  closedir(dh);
  if (n > 1) qsort(names, n, sizeof *names, cmp_str); /* the same order on every file system */
  for (size_t i = 0; i < n; i++) {
    char *path = hui_path_join(dir, names[i]);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
      if (depth < 8) add_font_folder(config, path, depth + 1);
    } else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
      FcConfigAppFontAddFile(config, (const FcChar8 *)path); /* not a font: nothing added */
    } /* else a pipe, device or link to nothing: check_own_files names it when it has a font's name */
    free(path);
    free(names[i]);
  }
  free(names);
  return true;
}

static bool resolve_role(hui_fonts *f, hui_role r) {
  char family[64];
  snprintf(family, sizeof family, "huibian-%s", role_names[r]);
  FcPattern *pat = FcPatternCreate();
  FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
  /* Fixed language and style so the result does not depend on the locale. */
  FcPatternAddString(pat, FC_LANG, (const FcChar8 *)(r == HUI_ROLE_LATIN ? "en" : "zh-cn"));
  FcPatternAddInteger(pat, FC_WEIGHT, FC_WEIGHT_REGULAR);
  FcPatternAddInteger(pat, FC_SLANT, FC_SLANT_ROMAN);
  FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
  FcConfigSubstitute(f->config, pat, FcMatchPattern);
  FcDefaultSubstitute(pat);
  FcResult res;
  FcFontSet *set = FcFontSort(f->config, pat, FcTrue, NULL, &res);
  FcPatternDestroy(pat);
  for (int i = 0; set && i < set->nfont && f->nchain[r] < CHAIN_MAX; i++) {
    FcPattern *p = set->fonts[i];
    FcChar8 *file = NULL, *fam = NULL, *fmt = NULL;
    int index = 0;
    FcBool outline = FcFalse;
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch) continue;
    if (FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) == FcResultMatch &&
        strcmp((const char *)fmt, "TrueType") != 0 && strcmp((const char *)fmt, "CFF") != 0)
      continue;
    if (FcPatternGetBool(p, FC_OUTLINE, 0, &outline) == FcResultMatch && !outline) continue;
    FcPatternGetInteger(p, FC_INDEX, 0, &index);
    if (FcPatternGetString(p, FC_FAMILY, 0, &fam) != FcResultMatch) fam = NULL;
    /* Variable-font instances share a file with index >> 16; the PDF writer
     * embeds a face's default outlines, never an instance. */
    if (index < 0 || index > 0xFFFF) continue;
    /* Fallbacks are for coverage, not style: an italic face never stands in,
     * and a family appears once (its best-matching, regular face). */
    int slant = FC_SLANT_ROMAN;
    if (FcPatternGetInteger(p, FC_SLANT, 0, &slant) == FcResultMatch && slant != FC_SLANT_ROMAN)
      continue;
    bool dup = false;
    for (size_t k = 0; k < f->nchain[r] && fam; k++)
      dup |= strcmp(f->chain[r][k]->family, (const char *)fam) == 0;
    if (dup) continue;
    hui_face *face = face_open(f, (const char *)file, index, (const char *)fam);
    if (!face) continue;
    for (size_t k = 0; k < f->nchain[r]; k++) dup |= f->chain[r][k] == face;
    if (!dup) f->chain[r][f->nchain[r]++] = face;
  }
  if (set) FcFontSetDestroy(set);
  return f->nchain[r] > 0;
}

/* Distinct files in role order, for the manifest. */
static void list_files(hui_fonts *f) {
  f->files = hui_xcalloc(f->nfaces + 1, sizeof *f->files);
  for (int r = 0; r < HUI_ROLE_COUNT; r++) {
    for (size_t k = 0; k < f->nchain[r]; k++) {
      const char *file = f->chain[r][k]->file;
      bool seen = false;
      for (size_t j = 0; j < f->nfiles && !seen; j++) seen = strcmp(f->files[j], file) == 0;
      if (!seen) f->files[f->nfiles++] = file;
    }
  }
}

hui_fonts *hui_fonts_open(const char *fonts_dir, const char *edition_dir, char **why) {
  hui_fonts *f = hui_xcalloc(1, sizeof *f);
  char *conf = hui_path_join(fonts_dir, "fonts.conf");
  char *edition_fonts = edition_dir ? hui_path_join(edition_dir, "fonts") : NULL;
  struct stat st;
  if (edition_fonts && (stat(edition_fonts, &st) != 0 || !S_ISDIR(st.st_mode))) {
    free(edition_fonts);
    edition_fonts = NULL;
  }
  const char *dirs[2] = {fonts_dir, edition_fonts};

  if (FT_Init_FreeType(&f->ft) != 0) {
    f->ft = NULL;
    *why = hui_xstrdup(_("cannot initialise the FreeType library"));
    goto fail;
  }
  /* Our own configuration object: our fonts.conf includes the system one. */
  f->config = FcConfigCreate();
  if (!f->config) {
    *why = hui_xstrdup(_("cannot initialise fontconfig"));
    goto fail;
  }
  /* An absolute name: fontconfig looks a relative one up in /etc/fonts. */
  char conf_abs[PATH_MAX];
  if (access(conf, R_OK) != 0 || !realpath(conf, conf_abs)) {
    *why = hui_xasprintf(_("cannot read the font configuration %s: %s"), conf, strerror(errno));
    goto fail;
  }
  if (!FcConfigParseAndLoad(f->config, (const FcChar8 *)conf_abs, FcTrue)) {
    *why = hui_xasprintf(_("%s is not a valid fontconfig file (run 'fc-match' with "
                           "FONTCONFIG_FILE=%s to see why)"),
                         conf, conf);
    goto fail;
  }
  if (!FcConfigBuildFonts(f->config)) {
    *why = hui_xstrdup(_("fontconfig could not build its font list"));
    goto fail;
  }
  for (int d = 0; d < 2; d++) {
    if (dirs[d] && !add_font_folder(f->config, dirs[d], 0)) {
      *why = hui_xasprintf(_("cannot read the font folder %s: %s"), dirs[d], hui_strerror(errno));
      goto fail;
    }
  }
  if (!check_own_folders(f, dirs, why) || !check_own_files(dirs, why)) goto fail;

  for (int r = 0; r < HUI_ROLE_COUNT; r++) {
    if (!resolve_role(f, (hui_role)r)) {
      *why = hui_xasprintf(_("no usable font for the %s role: install the Debian package %s "
                             "(scripts/install-deps.sh does it), or put a .ttf/.ttc/.otf font "
                             "into %s/"),
                           role_names[r], role_package[r], fonts_dir);
      goto fail;
    }
  }
  list_files(f);
  free(conf);
  free(edition_fonts);
  return f;

fail:
  free(conf);
  free(edition_fonts);
  hui_fonts_free(f);
  return NULL;
}

hui_fonts *hui_fonts_open_like(const hui_fonts *model, char **why) {
  hui_fonts *f = hui_xcalloc(1, sizeof *f);
  if (FT_Init_FreeType(&f->ft) != 0) {
    f->ft = NULL;
    *why = hui_xstrdup(_("cannot initialise the FreeType library"));
    hui_fonts_free(f);
    return NULL;
  }
  for (int r = 0; r < HUI_ROLE_COUNT; r++)
    for (size_t k = 0; k < model->nchain[r]; k++) {
      const hui_face *m = model->chain[r][k];
      hui_face *face = face_open(f, m->file, m->index, m->family);
      if (!face) {
        *why = hui_xasprintf(_("the font file %s cannot be opened any more (was it removed or "
                               "changed while huibian ran?); run again"),
                             m->file);
        hui_fonts_free(f);
        return NULL;
      }
      f->chain[r][f->nchain[r]++] = face;
    }
  list_files(f);
  return f;
}

hui_face *const *hui_fonts_chain(const hui_fonts *f, hui_role r, size_t *n) {
  *n = f->nchain[r];
  return f->chain[r];
}

/* Looks up cp in the face (uncached): advance in em, or -1 when missing. */
static float lookup(hui_face *face, uint32_t cp) {
  FT_UInt gid = FT_Get_Char_Index(face->ft, cp);
  if (gid == 0) return -1.0f;
  FT_Fixed adv = 0;
  if (FT_Get_Advance(face->ft, gid, FT_LOAD_NO_SCALE, &adv) != 0) return -1.0f;
  /* Rounded down to thousandths of an em, as the PDF's widths are written
   * (hui_subset_width), so the positions layout computes are the ones a
   * reader uses. */
  return (float)(floor((double)adv * 1000.0 / face->upem) / 1000.0);
}

static float cached(hui_face *face, uint32_t cp) {
  if (cp >= BMP) return lookup(face, cp);
  float **page = &face->adv[cp / ADV_PAGE];
  if (!*page) {
    *page = hui_xmalloc(ADV_PAGE * sizeof **page);
    for (size_t i = 0; i < ADV_PAGE; i++) (*page)[i] = NAN;
  }
  float *a = &(*page)[cp % ADV_PAGE];
  if (isnan(*a)) *a = lookup(face, cp);
  return *a;
}

double hui_face_advance(hui_face *face, uint32_t cp) {
  float a = cached(face, cp);
  return a < 0 ? 0.0 : (double)a;
}

bool hui_face_has(hui_face *face, uint32_t cp) { return cached(face, cp) >= 0; }

/* The ink box of cp's glyph in em (xmin, ymin, xmax, ymax; y up), cached for
 * the few characters asked for; all 0 when the face has no glyph. */
static const struct ink *ink_of(hui_face *face, uint32_t cp, struct ink *tmp) {
  for (size_t i = 0; i < face->nink; i++)
    if (face->ink[i].cp == cp) return &face->ink[i];
  *tmp = (struct ink){cp, 0, 0, 0, 0};
  FT_UInt gid = FT_Get_Char_Index(face->ft, cp);
  if (gid && FT_Load_Glyph(face->ft, gid, FT_LOAD_NO_SCALE) == 0) {
    const FT_Glyph_Metrics *m = &face->ft->glyph->metrics;
    tmp->xmin = (float)(m->horiBearingX / face->upem);
    tmp->xmax = (float)((m->horiBearingX + m->width) / face->upem);
    tmp->ymax = (float)(m->horiBearingY / face->upem);
    tmp->ymin = (float)((m->horiBearingY - m->height) / face->upem);
  }
  if (face->nink >= 256) return tmp;
  struct ink *k = HUI_PUSH(face->ink, face->nink, face->capink);
  *k = *tmp;
  return k;
}

bool hui_face_ink(hui_face *face, uint32_t cp, double *xmin, double *xmax) {
  struct ink tmp;
  const struct ink *k = ink_of(face, cp, &tmp);
  *xmin = k->xmin;
  *xmax = k->xmax;
  return k->xmax > k->xmin;
}

bool hui_face_ink_box(hui_face *face, uint32_t cp, double box[4]) {
  struct ink tmp;
  const struct ink *k = ink_of(face, cp, &tmp);
  box[0] = k->xmin;
  box[1] = k->ymin;
  box[2] = k->xmax;
  box[3] = k->ymax;
  return k->xmax > k->xmin && k->ymax > k->ymin;
}

unsigned hui_face_glyph(hui_face *face, uint32_t cp) {
  return (unsigned)FT_Get_Char_Index(face->ft, cp);
}

int hui_face_glyph_advance(hui_face *face, unsigned gid) {
  FT_Fixed adv = 0;
  if (gid >= (unsigned)face->ft->num_glyphs ||
      FT_Get_Advance(face->ft, gid, FT_LOAD_NO_SCALE, &adv) != 0 || adv < 0 || adv > 0xFFFF)
    return -1;
  return (int)adv;
}

bool hui_face_same_file(const hui_face *face, int fd) {
  hui_file_id now;
  return hui_file_id_fd(fd, &now) && hui_file_id_same(&now, &face->map->id);
}

const char *hui_face_psname(hui_face *face) {
  const char *n = FT_Get_Postscript_Name(face->ft);
  return n ? n : "";
}

/* The marks Chinese text sets in a full cell though Western fonts have them
 * narrow (Unicode's East Asian Width "ambiguous"): quotes, dashes, the
 * ellipsis. */
static bool wide_mark(uint32_t cp) {
  return (cp >= 0x2018 && cp <= 0x201D && cp != 0x201A && cp != 0x201B) || cp == 0x2014 ||
         cp == 0x2015 || cp == 0x2026;
}

hui_face *hui_fonts_face_for(hui_fonts *f, hui_role r, uint32_t cp) {
  if ((unsigned)r >= HUI_ROLE_COUNT) return NULL;
  if (cp >= BMP) {
    for (size_t k = 0; k < f->nchain[r]; k++)
      if (hui_face_has(f->chain[r][k], cp)) return f->chain[r][k];
    return NULL;
  }
  if (!f->pick[r]) f->pick[r] = hui_xcalloc(BMP, 1);
  unsigned char p = f->pick[r][cp];
  if (p == 0) {
    p = PICK_NONE;
    for (size_t k = 0; k < f->nchain[r]; k++) {
      if (hui_face_has(f->chain[r][k], cp)) {
        p = (unsigned char)(k + 1);
        break;
      }
    }
    /* A mark Chinese sets in a full cell takes the first face whose glyph
     * for it is full-width: a face that has only a narrow Western one (the
     * quotes of WenQuanYi Zen Hei) gives way to the next in the chain. So
     * does Noto CJK's em dash, 0.89 em and at the height of Latin dashes
     * (its full-width one is reached only through the font's 'locl'). */
    for (size_t k = p == PICK_NONE ? f->nchain[r] : p - 1u; wide_mark(cp) && k < f->nchain[r];
         k++) {
      if (hui_face_advance(f->chain[r][k], cp) >= 0.9) {
        p = (unsigned char)(k + 1);
        break;
      }
    }
    f->pick[r][cp] = p;
  }
  return p == PICK_NONE ? NULL : f->chain[r][p - 1];
}

double hui_face_ascent(const hui_face *face) { return face->ascent; }
double hui_face_descent(const hui_face *face) { return face->descent; }
const char *hui_face_file(const hui_face *face) { return face->file; }
int hui_face_index(const hui_face *face) { return face->index; }
const char *hui_face_family(const hui_face *face) { return face->family; }
bool hui_face_cff(const hui_face *face) {
  const char *fmt = FT_Get_Font_Format(face->ft);
  return fmt && strcmp(fmt, "CFF") == 0;
}

size_t hui_fonts_files(const hui_fonts *f, const char ***files) {
  *files = f->files;
  return f->nfiles;
}

/* The role's heading in `huibian fonts`: its name as typed in fonts.conf and
 * templates, and in Chinese also what it sets. */
static const char *const role_heads[HUI_ROLE_COUNT] = {
    /* TRANSLATORS: keep the role's name, add what it sets: "body（正文）：" */
    N_("body:"), N_("heading:"), N_("title:"), N_("kai:"), N_("latin:")};

const char *hui_fonts_fallback(const hui_fonts *f, hui_role r) {
  if ((unsigned)r >= HUI_ROLE_COUNT) return NULL;
  for (size_t k = 0; k < f->nchain[r]; k++)
    if (strcmp(f->chain[r][k]->family, role_default[r]) == 0) return NULL;
  return role_default[r];
}

void hui_fonts_describe(const hui_fonts *f, FILE *out) {
  for (int r = 0; r < HUI_ROLE_COUNT; r++) {
    fprintf(out, "%s\n", _(role_heads[r]));
    for (size_t k = 0; k < f->nchain[r]; k++) {
      const hui_face *face = f->chain[r][k];
      fprintf(out, "  %zu. %s  %s", k + 1, face->family, face->file);
      if (face->index) fprintf(out, _(" (face %d)"), face->index);
      fputc('\n', out);
    }
    const char *missing = hui_fonts_fallback(f, (hui_role)r);
    if (missing)
      fprintf(out,
              _("  falls back: %s, this role's font, is not installed, so %s stands in and "
                "another machine may set the same edition differently. Install the Debian "
                "package %s (scripts/install-deps.sh does it).\n"),
              missing, f->chain[r][0]->family, role_package[r]);
  }
}
