/* mkjpeg: writes one of testjpeg.h's JPEGs to a file, for the end-to-end
 * tests (tests/e2e/photos.py finds it through HUIBIAN_MKJPEG).
 *   mkjpeg OUT KIND WIDTH HEIGHT [ORIENTATION [be|le [DPI [DAMAGE]]]]
 * KIND: rgb, gray, cmyk (plain), cmyk-adobe (inverted, APP14), ycck,
 * rgb-progressive.
 * WIDTH x HEIGHT is the upright size; ORIENTATION 0 writes no Exif segment;
 * DAMAGE (0..1) cuts the scan after that share of it and appends an EOI. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/testjpeg.h"

int main(int argc, char **argv) {
  static const char *kinds[] = {"rgb", "gray", "cmyk", "cmyk-adobe", "ycck", "rgb-progressive"};
  if (argc < 5) {
    fprintf(stderr, "usage: mkjpeg OUT KIND WIDTH HEIGHT [ORIENTATION [be|le [DPI [DAMAGE]]]]\n");
    return 2;
  }
  int kind = -1;
  for (int i = 0; i < 6; i++)
    if (strcmp(argv[2], kinds[i]) == 0) kind = i;
  unsigned w = (unsigned)atoi(argv[3]), h = (unsigned)atoi(argv[4]);
  int orientation = argc > 5 ? atoi(argv[5]) : 0;
  bool le = argc > 6 ? strcmp(argv[6], "le") == 0 : false;
  unsigned dpi = argc > 7 ? (unsigned)atoi(argv[7]) : 300;
  double damage = argc > 8 ? atof(argv[8]) : -1;
  if (kind < 0 || !w || !h || orientation < 0 || orientation > 8) {
    fprintf(stderr, "mkjpeg: bad arguments\n");
    return 2;
  }
  hui_buf b = tj_make((tj_kind)kind, w, h, orientation, le, dpi);
  if (damage >= 0) tj_damage(&b, damage);
  FILE *f = fopen(argv[1], "wb");
  if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0) {
    perror(argv[1]);
    return 1;
  }
  hui_buf_free(&b);
  return 0;
}
