/* ppm: reading back pages rendered by pdftoppm (binary PPM), for tests
 * that check what a PDF shows. */
#ifndef HUI_TEST_PPM_H
#define HUI_TEST_PPM_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/base.h"

/* The mean colour of the box (x0, y0)-(x1, y1) of a binary PPM, in rgb
 * (0-255 each); false when the file cannot be read or the box is not in it. */
static inline bool hui_test_mean_rgb(const char *ppm, int x0, int y0, int x1, int y1, double rgb[3]) {
  size_t len;
  char *data = hui_read_file(ppm, 64u << 20, &len);
  if (!data) return false;
  int w, h, maxv, off = 0;
  bool ok = sscanf(data, "P6 %d %d %d%n", &w, &h, &maxv, &off) == 3 && x1 <= w && y1 <= h;
  const unsigned char *px = (const unsigned char *)data + off + 1;
  double sum[3] = {0, 0, 0};
  int n = 0;
  for (int y = y0; ok && y < y1; y++)
    for (int x = x0; x < x1; x++, n++)
      for (int k = 0; k < 3; k++) sum[k] += px[((size_t)y * w + x) * 3 + k];
  for (int k = 0; k < 3; k++) rgb[k] = n ? sum[k] / n : -1;
  free(data);
  return ok && n;
}

#endif
