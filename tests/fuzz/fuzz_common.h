/* fuzz_common: what the fuzz targets share — the data folder, the sample
 * edition, the real fonts and templates, loaded once per process. */
#ifndef HUI_FUZZ_COMMON_H
#define HUI_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "base/base.h"
#include "fonts.h"
#include "load.h"

/* An invariant of the code under test: aborts (a crash for libFuzzer) in
 * every build type, unlike assert. */
#define FUZZ_CHECK(cond)                                                        \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                                  \
    }                                                                           \
  } while (0)

/* The project folder: $HUIBIAN_SOURCE, else the source tree built from. */
static inline const char *fuzz_source(void) {
  const char *s = getenv("HUIBIAN_SOURCE");
  return s && *s ? s : HUIBIAN_DATADIR;
}

static hui_fonts *fuzz_fonts_;
static inline void fuzz_fonts_free(void) { hui_fonts_free(fuzz_fonts_); }

/* The project's fonts (fonts/fonts.conf), opened once and freed at exit (so
 * LeakSanitizer sees only real leaks); exits when there are none. */
static inline hui_fonts *fuzz_fonts(void) {
  hui_fonts *fonts = fuzz_fonts_;
  if (!fonts) {
    char *dir = hui_path_join(fuzz_source(), "fonts"), *why = NULL;
    fonts = hui_fonts_open(dir, fuzz_source(), &why);
    if (!fonts) {
      fprintf(stderr, "fuzz: no fonts: %s\n", why ? why : "?");
      exit(2);
    }
    free(dir);
    fuzz_fonts_ = fonts;
    atexit(fuzz_fonts_free);
  }
  return fonts;
}

/* Template NAME from the project's templates/, loaded once per name slot. */
static inline hui_template *fuzz_template(const char *name) {
  char *dir = hui_path_join(fuzz_source(), "templates"), *why = NULL;
  hui_template *t = hui_load_template(NULL, dir, name, &why);
  if (!t) {
    fprintf(stderr, "fuzz: template %s: %s\n", name, why ? why : "?");
    exit(2);
  }
  free(dir);
  return t;
}

/* The sample edition folder (photos named by fuzzed input resolve there). */
static inline char *fuzz_sample_dir(void) { return hui_path_join(fuzz_source(), "input/2020"); }

#endif
