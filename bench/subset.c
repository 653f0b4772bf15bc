/* bench_subset: the font program of one face's subset made two ways — by
 * huibian's own TrueType subsetter (src/pdf/subset.c) and by HarfBuzz's
 * hb-subset — for the distinct characters of a text file: size and time.
 * Only measures (issue 18: whether hb-subset should replace the subsetter).
 *   build/bench/bench_subset FONTFILE FACE TEXTFILE [ROUNDS] */
#define _POSIX_C_SOURCE 200809L
#include <hb-subset.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "pdf/subset.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned glyph(void *font, uint32_t cp) {
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(font, cp, &g) ? g : 0;
}

int main(int argc, char **argv) {
  if (argc < 4) {
    fprintf(stderr, "usage: %s FONTFILE FACE TEXTFILE [ROUNDS]\n", argv[0]);
    return 2;
  }
  int index = atoi(argv[2]), rounds = argc > 4 ? atoi(argv[4]) : 5;
  size_t len = 0;
  char *text = hui_read_file(argv[3], 64u << 20, &len);
  if (!text) return 2;
  hb_blob_t *blob = hb_blob_create_from_file_or_fail(argv[1]);
  if (!blob) return 2;
  hb_face_t *face = hb_face_create(blob, (unsigned)index);
  hb_font_t *font = hb_font_create(face);
  size_t n;
  uint32_t *cps = hui_utf8_to_cps(text, len, &n);
  size_t kept = 0, own_len = 0, hb_len = 0;
  double own_t = 1e9, hb_t = 1e9;
  for (int r = 0; r < rounds; r++) {
    double t0 = now();
    hui_subset_source src = {argv[1], index, "bench", glyph, NULL, font, NULL};
    char *why = NULL;
    hui_subset *s = hui_subset_open(&src, &why);
    for (size_t i = 0; s && i < n; i++) {
      if (!glyph(font, cps[i])) continue;
      hui_subset_cid(s, cps[i], &why);
      free(why);
      why = NULL;
    }
    hui_buf prog = {0};
    if (!s || !hui_subset_program(s, &prog, &why)) {
      fprintf(stderr, "own subsetter: %s\n", why ? why : "failed");
      return 1;
    }
    kept = hui_subset_count(s);
    own_len = prog.len;
    hui_buf_free(&prog);
    hui_subset_free(s);
    double t1 = now();
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t i = 0; i < n; i++) hb_set_add(unicodes, cps[i]);
    hb_face_t *sub = hb_subset_or_fail(face, in);
    hb_blob_t *out = sub ? hb_face_reference_blob(sub) : NULL;
    hb_len = out ? hb_blob_get_length(out) : 0;
    hb_blob_destroy(out);
    hb_face_destroy(sub);
    hb_subset_input_destroy(in);
    double t2 = now();
    if (t1 - t0 < own_t) own_t = t1 - t0;
    if (t2 - t1 < hb_t) hb_t = t2 - t1;
  }
  printf("%s face %d: %zu glyphs\n", argv[1], index, kept);
  printf("  own subsetter: %8zu bytes  %7.1f ms\n", own_len, own_t * 1000);
  printf("  hb-subset:     %8zu bytes  %7.1f ms\n", hb_len, hb_t * 1000);
  free(cps);
  free(text);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return 0;
}
