/* build_internal: what the files of the build share (build.c, certs.c,
 * manifest.c, report.c, archiving.c); not for other modules. */
#ifndef HUI_BUILD_INTERNAL_H
#define HUI_BUILD_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "../backend/backend.h"
#include "../fonts.h"
#include "build.h"

/* With HUIBIAN_TIMES set, how long each stage of a build took (stderr), for
 * the benchmark (bench/README.md); nothing otherwise. NULL starts the clock. */
void hui_build_stage(const char *name);

/* The font files are most of what the manifest hashes (tens of megabytes)
 * and are not written by a build: a second thread hashes them while the
 * compendium is set (manifest.c). */
typedef struct hui_file_digest {
  const char *file; /* borrowed from the hui_fonts */
  bool ok;
  uint64_t size;
  char hex[65];
} hui_file_digest;

typedef struct hui_font_hasher {
  hui_file_digest *d;
  size_t n;
  pthread_t thread;
  bool running;
} hui_font_hasher;

void hui_font_hasher_start(hui_font_hasher *h, const hui_fonts *fonts);
/* Waits for the hashes; call before the fonts are freed. */
void hui_font_hasher_join(hui_font_hasher *h);

/* OUT/manifest.json written into dir: every input, template and font file
 * and every file the outputs wrote, with its size and SHA-256. Returns the
 * exit status after reporting; res (may be NULL) gets the inputs. */
int hui_build_write_manifest(const hui_build_opts *o, const char *dir, const hui_edition *e,
                             const hui_template *t, const hui_template *cert_t,
                             const hui_fonts *fonts, const hui_font_hasher *hasher,
                             hui_build_result *res);

#endif
