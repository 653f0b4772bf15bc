/* load/reader: the readers by extension, and what every reader's result goes
 * through (see reader.h). */
#define _XOPEN_SOURCE 700 /* strcasecmp */
#include "load/reader.h"

#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "base/i18n.h"
#include "hui_limits.h"
#include "load.h"

/* The readers by extension. A new format is one more row here and its reader
 * a file beside docbook.c; every file in submissions/ that a row takes is a
 * submission (edition.c). The first row also reads the bytes of
 * hui_load_submission_memory when no row takes their name. */
static const hui_reader READERS[] = {
    {".xml", hui_read_docbook},
};

const hui_reader *hui_reader_for(const char *name) {
  size_t len = strlen(name);
  for (size_t i = 0; i < sizeof READERS / sizeof *READERS; i++) {
    size_t ext = strlen(READERS[i].ext);
    if (len > ext && strcasecmp(name + len - ext, READERS[i].ext) == 0) return &READERS[i];
  }
  return NULL;
}

void hui_reader_init(hui_submission *sub, const char *rel) {
  sub->path = hui_xstrdup(rel);
  sub->charcount = -1;
  sub->tier = -1;
}

void hui_reader_run(const hui_reader *r, const hui_source *src, hui_diags *d, hui_submission *sub) {
  hui_reader_init(sub, src->rel);
  r->read(src, d, sub);
  hui_reader_check_lengths(d, src->rel, sub->body);
}

void hui_reader_check_lengths(hui_diags *d, const char *file, const hui_node *body) {
  if (!body) return;
  for (const hui_node *n = body; n; n = hui_node_walk_next(body, n)) {
    if (n->kind != HUI_N_PARA && n->kind != HUI_N_TITLE) continue;
    size_t chars = 0;
    for (const hui_node *t = n->first ? n->first : NULL; t; t = hui_node_walk_next(n, t))
      if (t->kind == HUI_N_TEXT && t->text) chars += hui_utf8_count(t->text, strlen(t->text));
    if (chars > HUI_MAX_TEXT_CHARS)
      hui_diag_add(
          d, HUI_ERROR, file, n->pos.line, n->pos.col, "text-too-long",
          _("this %s has %zu characters, more than the %u huibian sets as one block; split it"),
          n->kind == HUI_N_PARA ? _("paragraph") : _("title"), chars, HUI_MAX_TEXT_CHARS);
  }
}

void hui_load_submission_memory(const char *rel, const char *bytes, size_t len, hui_diags *d,
                                hui_submission *sub) {
  const hui_reader *r = hui_reader_for(rel);
  hui_source src = {.rel = rel, .bytes = bytes, .len = len};
  hui_reader_run(r ? r : &READERS[0], &src, d, sub);
}
