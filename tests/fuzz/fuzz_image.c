/* fuzz_image: PNG decoding and JPEG validation from memory. A decoded image
 * must hold as many pixel bytes as it claims. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *why = NULL;
  hui_image *img = hui_image_from_memory(data, size, &why);
  if (img) {
    FUZZ_CHECK(img->width > 0 && img->height > 0);
    FUZZ_CHECK((uint64_t)img->width * img->height <= HUI_MAX_IMAGE_PIXELS);
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
    } else {
      FUZZ_CHECK(img->jpeg && img->jpeg_len == size && memcmp(img->jpeg, data, size) == 0);
    }
  } else {
    FUZZ_CHECK(why && *why);
  }
  hui_image_free(img);
  free(why);
  return 0;
}
