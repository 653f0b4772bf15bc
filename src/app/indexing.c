/* indexing: huibian index EDITION... -o FILE — the cross-county originality
 * index of the editions given (xindex.h), for check --against FILE. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../diag.h"
#include "../load.h"
#include "../xindex.h"
#include "commands.h"

int hui_cmd_index(const hui_build_opts *o) {
  hui_xindex_builder *b = hui_xindex_builder_new();
  size_t n = 1 + o->nfiles;
  for (size_t i = 0; i < n; i++) {
    const char *dir = i ? o->files[i - 1] : o->edition;
    char *why = NULL;
    /* the loader's findings are the check's business: the index takes the bodies as they are */
    hui_diags *d = hui_diags_new();
    hui_edition *e = hui_load_edition(dir, d, &why);
    hui_diags_free(d);
    bool ok = e && hui_xindex_add(b, e, &why);
    if (!ok) {
      fprintf(stderr, _("huibian: %s\n"), why ? why : _("cannot read the edition folder"));
      free(why);
      hui_edition_free(e);
      hui_xindex_builder_free(b);
      return HUI_EXIT_USAGE;
    }
    hui_edition_free(e);
  }
  char *why = NULL;
  size_t ned, ndocs;
  uint64_t windows;
  hui_xindex_builder_counts(b, &ned, &ndocs, &windows);
  bool ok = hui_xindex_write(b, o->out, &why);
  hui_xindex_builder_free(b);
  if (!ok) {
    fprintf(stderr, _("huibian: %s\n"), why);
    free(why);
    return HUI_EXIT_USAGE;
  }
  struct stat st;
  long long bytes = stat(o->out, &st) == 0 ? (long long)st.st_size : 0;
  fprintf(stderr,
          _("huibian: wrote %s: %zu editions, %zu submissions, %llu windows (%lld bytes)\n"),
          o->out, ned, ndocs, (unsigned long long)windows, bytes);
  return HUI_EXIT_OK;
}
