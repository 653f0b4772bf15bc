/* load/ooxml: relationship targets and lists (ooxml.h). The list itself is
 * filled by the reader that parsed the .rels part (docx.c), since parsing
 * stays with libxml2 in the load module's readers. */
#include "load/ooxml.h"

#include <stdlib.h>
#include <string.h>

#include "base/base.h"

char *hui_ooxml_resolve(const char *base, const char *target) {
  char *joined = target[0] == '/' ? hui_xstrdup(target + 1) : hui_xasprintf("%s%s", base, target);
  hui_buf out = {0};
  const char *p = joined;
  bool ok = true;
  while (*p) {
    const char *slash = strchr(p, '/');
    size_t n = slash ? (size_t)(slash - p) : strlen(p);
    if (n == 2 && p[0] == '.' && p[1] == '.') {
      if (out.len == 0) {
        ok = false;
        break;
      }
      char *last = strrchr(out.data, '/');
      out.len = last ? (size_t)(last - out.data) : 0;
      out.data[out.len] = '\0';
    } else if (n > 0 && !(n == 1 && p[0] == '.')) {
      if (out.len) {
        hui_buf_putc(&out, '/');
      }
      hui_buf_add(&out, p, n);
    }
    p += n + (slash ? 1 : 0);
  }
  free(joined);
  if (!ok || out.len == 0) {
    hui_buf_free(&out);
    return NULL;
  }
  return hui_buf_take(&out);
}

void hui_ooxml_rels_name(const char *member, char **dir, char **rels) {
  const char *slash = strrchr(member, '/');
  *dir = hui_xstrndup(member, slash ? (size_t)(slash - member + 1) : 0);
  *rels = hui_xasprintf("%s_rels/%s.rels", *dir, slash ? slash + 1 : member);
}

const hui_ooxml_rel *hui_ooxml_rel_by_id(const hui_ooxml_rels *r, const char *id) {
  for (size_t i = 0; id && i < r->n; i++) {
    if (r->rel[i].id && strcmp(r->rel[i].id, id) == 0) {
      return &r->rel[i];
    }
  }
  return NULL;
}

const hui_ooxml_rel *hui_ooxml_rel_by_type(const hui_ooxml_rels *r, const char *type_end) {
  size_t el = strlen(type_end);
  for (size_t i = 0; i < r->n; i++) {
    const char *t = r->rel[i].type;
    size_t tl = t ? strlen(t) : 0;
    if (t && tl >= el && strcmp(t + tl - el, type_end) == 0) {
      return &r->rel[i];
    }
  }
  return NULL;
}

void hui_ooxml_rels_clear(hui_ooxml_rels *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->rel[i].id);
    free(r->rel[i].type);
    free(r->rel[i].target);
  }
  free(r->rel);
  memset(r, 0, sizeof *r);
}
