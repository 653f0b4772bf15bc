/* fuzz_xlsx: a roster workbook from memory (hui_xlsx_parse: the ZIP package
 * through libzip with capped reads, the relationships, the workbook, shared
 * and inline strings, cell references), then the roster under its header row.
 * A failure must say why; every cell must be valid UTF-8; the grid stays
 * within the roster's row limit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "fuzz_common.h"
#include "hui_limits.h"
#include "load/roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hui_grid g = {0};
  char *why = NULL;
  bool ok = hui_xlsx_parse((const char *)data, size, &g, &why);
  FUZZ_CHECK(ok == (why == NULL));
  FUZZ_CHECK(ok || *why);
  free(why);
  why = NULL;
  FUZZ_CHECK(g.nrows <= HUI_MAX_ROSTER_ROWS);
  for (size_t i = 0; i < g.nrows; i++) {
    for (size_t j = 0; j < g.rows[i].ncells; j++) {
      const char *c = g.rows[i].cells[j];
      FUZZ_CHECK(hui_utf8_valid(c, strlen(c), NULL));
    }
  }
  hui_roster r = {0};
  if (!hui_roster_from_grid(&g, &r, &why)) {
    FUZZ_CHECK(why && *why);
  }
  free(why);
  hui_roster_clear(&r);
  hui_grid_clear(&g);
  return 0;
}
