/* fuzz_image: PNG decoding, JPEG validation and CMYK conversion from memory
 * (hui_image_from_memory), and the checker's probe, which decodes a JPEG's
 * every scan with libjpeg (hui_image_probe_memory); the EXIF orientation on
 * the way. A decoded image must hold as many pixel bytes as it claims; a
 * JPEG is kept as it is unless it was CMYK, whose RGB JPEG must pass the
 * probe itself; libjpeg must never exit, print or leak (ASan's leak check
 * covers a jump out of it). */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *why = NULL;
  hui_image *probe = hui_image_probe_memory(data, size, &why);
  if (probe) {
    FUZZ_CHECK(probe->width > 0 && probe->height > 0 && !probe->pixels && !probe->jpeg);
    FUZZ_CHECK(probe->orientation >= 1 && probe->orientation <= 8);
  } else {
    FUZZ_CHECK(why && *why);
  }
  free(why);
  why = NULL;
  hui_image *img = hui_image_from_memory(data, size, &why);
  /* what the probe accepts, the loader accepts (a build embeds what the check passed) */
  FUZZ_CHECK(!probe || img);
  if (img) {
    FUZZ_CHECK(img->width > 0 && img->height > 0);
    FUZZ_CHECK((uint64_t)img->width * img->height <= HUI_MAX_IMAGE_PIXELS);
    FUZZ_CHECK(img->orientation >= 1 && img->orientation <= 8);
    uint32_t uw, uh;
    hui_image_upright_size(img, &uw, &uh);
    FUZZ_CHECK((uint64_t)uw * uh == (uint64_t)img->width * img->height);
    size_t npix = (size_t)img->width * img->height;
    if (img->kind == HUI_IMAGE_PNG) {
      FUZZ_CHECK(img->pixels && (img->components == 1 || img->components == 3));
      /* touch the first and last byte: ASan reports a short buffer */
      volatile unsigned char a = img->pixels[0], b = img->pixels[npix * (size_t)img->components - 1];
      (void)a;
      (void)b;
      if (img->alpha) {
        volatile unsigned char c = img->alpha[npix - 1];
        (void)c;
      }
    } else if (img->jpeg_len == size && memcmp(img->jpeg, data, size) == 0) {
      FUZZ_CHECK(img->components == 1 || img->components == 3);
    } else {
      /* made RGB from a CMYK file: a sound JPEG of the same size */
      FUZZ_CHECK(img->components == 3);
      char *inner = NULL;
      hui_image *rgb = hui_image_probe_memory(img->jpeg, img->jpeg_len, &inner);
      FUZZ_CHECK(rgb && rgb->components == 3 && rgb->width == img->width &&
                 rgb->height == img->height);
      hui_image_free(rgb);
      free(inner);
    }
  } else {
    FUZZ_CHECK(why && *why);
  }
  hui_image_free(probe);
  hui_image_free(img);
  free(why);
  return 0;
}
