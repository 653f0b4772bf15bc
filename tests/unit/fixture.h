/* fixture.h: what several unit tests set up the same way. */
#ifndef HUI_FIXTURE_H
#define HUI_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>

#include "base/base.h"
#include "fonts.h"

/* The project's font roles (HUIBIAN_SOURCE/fonts, as CTest sets it; "." else).
 * Exits the test with status 1, saying why, when they cannot be opened. Free
 * with hui_fonts_free. */
static inline hui_fonts *test_fonts(void) {
  const char *src = getenv("HUIBIAN_SOURCE");
  char *dir = hui_path_join(src ? src : ".", "fonts");
  char *why = NULL;
  hui_fonts *f = hui_fonts_open(dir, NULL, &why);
  free(dir);
  if (!f) {
    fprintf(stderr, "fonts: %s\n", why ? why : "cannot open the font roles");
    exit(1);
  }
  return f;
}

#endif
