/* fuzz_xindex: a cross-county originality index from memory
 * (hui_xindex_open_mem: header, tables, sizes), then, when it is taken, every
 * name it holds and the check of the province's county b against it
 * (hui_rules_originality_against: a lookup of each of b's windows in the
 * directory and the entries). A refusal must say why; a damaged directory or
 * entry must be read around. */
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "fuzz_common.h"
#include "rules/rules_internal.h"
#include "xindex.h"

static hui_edition *county;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void county_free(void) { hui_edition_free(county); }

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  char *dir = hui_path_join(fuzz_source(), "tests/data/province/b"), *why = NULL;
  hui_diags *d = hui_diags_new();
  county = hui_load_edition(dir, d, &why);
  hui_diags_free(d);
  if (!county) {
    fprintf(stderr, "fuzz: %s\n", why ? why : "no edition");
    exit(2);
  }
  free(dir);
  atexit(county_free);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *why = NULL;
  hui_xindex *x = hui_xindex_open_mem(data, size, &why);
  FUZZ_CHECK(!x == (why != NULL));
  FUZZ_CHECK(x || *why);
  free(why);
  if (!x) return 0;
  size_t sum = 0;
  for (uint32_t i = 0; i < hui_xindex_ndocs(x); i++) {
    const char *name, *ed;
    size_t len, elen;
    uint32_t length;
    uint32_t e = hui_xindex_doc(x, i, &name, &len, &length);
    ed = hui_xindex_edition(x, e, &elen);
    FUZZ_CHECK((const uint8_t *)name >= data && (const uint8_t *)name + len <= data + size);
    FUZZ_CHECK((const uint8_t *)ed >= data && (const uint8_t *)ed + elen <= data + size);
    sum += len + elen;
  }
  hui_diags *d = hui_diags_new();
  hui_rules_originality_against(county, x, d);
  hui_diags_free(d);
  hui_xindex_close(x);
  return sum == SIZE_MAX;
}
