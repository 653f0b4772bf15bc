/* fuzz_csv: a roster CSV from memory (hui_csv_parse: quoting, line ends,
 * UTF-8 or GB18030), then the roster under its header row
 * (hui_roster_from_grid) and the 推荐表 form matcher (hui_form_match) on the
 * same grid. Every cell must be valid UTF-8, every entry must have a name,
 * and a failure must say why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "fuzz_common.h"
#include "load/roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hui_grid g = {0};
  char *why = NULL;
  bool ok = hui_csv_parse((const char *)data, size, &g, &why);
  FUZZ_CHECK(ok == (why == NULL));
  FUZZ_CHECK(ok || *why);
  free(why);
  why = NULL;
  for (size_t i = 0; i < g.nrows; i++) {
    for (size_t j = 0; j < g.rows[i].ncells; j++) {
      const char *c = g.rows[i].cells[j];
      FUZZ_CHECK(hui_utf8_valid(c, strlen(c), NULL));
    }
  }
  hui_roster r = {0};
  if (hui_roster_from_grid(&g, &r, &why)) {
    for (size_t k = 0; k < r.n; k++) {
      FUZZ_CHECK(*r.entries[k].field[HUI_RF_NAME]);
      FUZZ_CHECK(r.entries[k].row >= 2 && r.entries[k].row <= g.nrows);
    }
  } else {
    FUZZ_CHECK(why && *why && r.n == 0);
  }
  free(why);
  char *form[HUI_RF_COUNT];
  size_t found = hui_form_match(&g, form);
  size_t filled = 0;
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    filled += form[f] != NULL;
    FUZZ_CHECK(!form[f] || *form[f]);
    free(form[f]);
  }
  FUZZ_CHECK(found == filled);
  hui_roster_clear(&r);
  hui_grid_clear(&g);
  return 0;
}
