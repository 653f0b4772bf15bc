/* test_sha256: the FIPS 180-4 test vectors through both compressions (the
 * SHA-NI one where the CPU has it, and the portable one), fed whole and in
 * awkward pieces. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/sha256.h"
#include "check.h"

static void digest(const char *data, size_t n, size_t piece, char out[65]) {
  hui_sha256 s;
  hui_sha256_init(&s);
  for (size_t i = 0; i < n; i += piece) hui_sha256_update(&s, data + i, n - i < piece ? n - i : piece);
  uint8_t d[32];
  hui_sha256_final(&s, d);
  hui_sha256_hex(d, out);
}

int main(void) {
  static const struct {
    const char *in;
    const char *want;
  } V[] = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
      {"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
       "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"},
  };
  char *million = hui_xmalloc(1000000);
  memset(million, 'a', 1000000);
  for (int portable = 0; portable <= 1; portable++) {
    hui_sha256_portable(portable);
    for (size_t i = 0; i < sizeof V / sizeof *V; i++) {
      size_t n = strlen(V[i].in);
      size_t pieces[] = {n ? n : 1, 1, 7, 63, 64, 65};
      for (size_t k = 0; k < sizeof pieces / sizeof *pieces; k++) {
        char out[65];
        digest(V[i].in, n, pieces[k], out);
        CHECK_STR(out, V[i].want);
      }
    }
    char out[65];
    digest(million, 1000000, 4096, out);
    CHECK_STR(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    digest(million, 1000000, 1000, out);
    CHECK_STR(out, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  }
  free(million);
  return CHECK_DONE();
}
