/* load/roster: grids of cell texts, the loose label matcher, a roster's
 * entries under its header row, the 推荐表 form matcher and import ids. */
#include "load/roster.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/i18n.h"

hui_grid_row *hui_grid_add_row(hui_grid *g) { return HUI_PUSH(g->rows, g->nrows, g->cap); }

void hui_grid_add_cell(hui_grid_row *r, const char *s, size_t n) {
  size_t cap = r->cap;
  char **slot = HUI_PUSH(r->cells, r->ncells, r->cap);
  *slot = hui_xstrndup(s, n);
  if (r->merge) { /* kept as long as the cells */
    if (r->cap != cap) {
      r->merge = hui_xrealloc(r->merge, r->cap);
    }
    r->merge[r->ncells - 1] = 0;
  }
}

void hui_grid_add_merged(hui_grid_row *r, const char *s, size_t n, unsigned merge) {
  if (!r->merge) {
    r->merge = hui_xcalloc(r->cap ? r->cap : 1, 1);
  }
  hui_grid_add_cell(r, s, n);
  r->merge[r->ncells - 1] = (unsigned char)merge;
}

const char *hui_grid_cell(const hui_grid *g, size_t i, size_t j) {
  if (i >= g->nrows || j >= g->rows[i].ncells) {
    return NULL;
  }
  return g->rows[i].cells[j];
}

void hui_grid_clear(hui_grid *g) {
  if (!g) {
    return;
  }
  for (size_t i = 0; i < g->nrows; i++) {
    for (size_t j = 0; j < g->rows[i].ncells; j++) {
      free(g->rows[i].cells[j]);
    }
    free(g->rows[i].cells);
    free(g->rows[i].merge);
  }
  free(g->rows);
  memset(g, 0, sizeof *g);
}

/* The labels of each field, as they read once white space and a trailing
 * colon are gone. */
static const struct {
  const char *label;
  hui_roster_field field;
} labels[] = {
    {"编号", HUI_RF_NUMBER},    {"序号", HUI_RF_NUMBER},          {"姓名", HUI_RF_NAME},
    {"名字", HUI_RF_NAME},      {"性别", HUI_RF_GENDER},          {"出生年月", HUI_RF_BIRTH},
    {"出生日期", HUI_RF_BIRTH}, {"政治面貌", HUI_RF_POLITICS},    {"工作单位", HUI_RF_UNIT},
    {"单位", HUI_RF_UNIT},      {"所在单位", HUI_RF_UNIT},        {"职务", HUI_RF_TITLE},
    {"职称", HUI_RF_TITLE},     {"职务/职称", HUI_RF_TITLE},      {"职务／职称", HUI_RF_TITLE},
    {"职务职称", HUI_RF_TITLE}, {"推荐单位", HUI_RF_RECOMMENDER}, {"类别", HUI_RF_CATEGORY},
    {"主要事迹", HUI_RF_DEEDS}, {"事迹", HUI_RF_DEEDS},           {"照片", HUI_RF_PHOTO},
    {"文件", HUI_RF_FILE},
};

static const char *const field_names[HUI_RF_COUNT] = {
    "number", "name",        "gender",   "birth", "politics", "unit",
    "title",  "recommender", "category", "deeds", "photo",    "file",
};

const char *hui_roster_field_name(hui_roster_field f) {
  return f > HUI_RF_NONE && f < HUI_RF_COUNT ? field_names[f] : "none";
}

/* s without white space anywhere and without trailing colons. Caller frees. */
static char *label_key(const char *s) {
  hui_buf b = {0};
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, len - i, &cp);
    if (k == 0) {
      k = 1;
      cp = 0xFFFD;
    }
    if (!hui_is_space(cp) && cp != 0xA0) {
      hui_buf_add(&b, s + i, k);
    }
    i += k;
  }
  char *key = hui_buf_take(&b);
  size_t n = strlen(key);
  for (;;) {
    if (n >= 1 && key[n - 1] == ':') {
      n -= 1;
    } else if (n >= 3 && memcmp(key + n - 3, "\xEF\xBC\x9A", 3) == 0) { /* ： */
      n -= 3;
    } else {
      break;
    }
  }
  key[n] = '\0';
  return key;
}

hui_roster_field hui_roster_label(const char *label) {
  if (!label) {
    return HUI_RF_NONE;
  }
  char *key = label_key(label);
  hui_roster_field f = HUI_RF_NONE;
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
    if (strcmp(key, labels[i].label) == 0) {
      f = labels[i].field;
      break;
    }
  }
  free(key);
  return f;
}

/* s trimmed of white space at both ends (U+3000 too). Caller frees. */
static char *trimmed(const char *s) {
  size_t len = strlen(s), start = 0;
  while (start < len) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + start, len - start, &cp);
    if (k == 0 || (!hui_is_space(cp) && cp != 0xA0)) {
      break;
    }
    start += k;
  }
  /* from the end: find the last character that is not a space */
  size_t last_end = start;
  for (size_t i = start; i < len;) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, len - i, &cp);
    if (k == 0) {
      k = 1;
      cp = 0xFFFD;
    }
    i += k;
    if (!hui_is_space(cp) && cp != 0xA0) {
      last_end = i;
    }
  }
  return hui_xstrndup(s + start, last_end - start);
}

static bool blank(const char *s) {
  char *t = trimmed(s);
  bool empty = *t == '\0';
  free(t);
  return empty;
}

bool hui_roster_from_grid(const hui_grid *g, hui_roster *r, char **why) {
  size_t header = g->nrows;
  int column[HUI_RF_COUNT];
  for (size_t i = 0; i < g->nrows && header == g->nrows; i++) {
    for (int f = 0; f < HUI_RF_COUNT; f++) {
      column[f] = -1;
    }
    for (size_t j = 0; j < g->rows[i].ncells; j++) {
      hui_roster_field f = hui_roster_label(g->rows[i].cells[j]);
      if (f != HUI_RF_NONE && column[f] < 0) {
        column[f] = (int)j;
      }
    }
    if (column[HUI_RF_NAME] >= 0) {
      header = i;
    }
  }
  if (header == g->nrows) {
    *why = hui_xstrdup(_("the roster has no header row with a 姓名 column: put the column "
                         "names (序号, 姓名, 单位, 职务, 类别, 推荐单位) in its first row"));
    return false;
  }
  size_t cap = 0;
  for (size_t i = header + 1; i < g->nrows; i++) {
    const char *name = hui_grid_cell(g, i, (size_t)column[HUI_RF_NAME]);
    if (!name || blank(name)) {
      continue;
    }
    hui_roster_entry *e = HUI_PUSH(r->entries, r->n, cap);
    e->row = i + 1;
    for (int f = 0; f < HUI_RF_COUNT; f++) {
      const char *cell = column[f] >= 0 ? hui_grid_cell(g, i, (size_t)column[f]) : NULL;
      e->field[f] = trimmed(cell ? cell : "");
    }
  }
  return true;
}

void hui_roster_clear(hui_roster *r) {
  if (!r) {
    return;
  }
  for (size_t i = 0; i < r->n; i++) {
    for (int f = 0; f < HUI_RF_COUNT; f++) {
      free(r->entries[i].field[f]);
    }
  }
  free(r->entries);
  memset(r, 0, sizeof *r);
}

/* Whether cell (i, j) repeats the merged cell on its left (dir
 * HUI_GRID_LEFT) or above (HUI_GRID_UP): as the source said, or else by its
 * text. */
static bool repeats(const hui_grid *g, size_t i, size_t j, unsigned dir) {
  if (i >= g->nrows || j >= g->rows[i].ncells) {
    return false;
  }
  const hui_grid_row *row = &g->rows[i];
  if (row->merge) {
    return (row->merge[j] & dir) != 0;
  }
  const char *near = NULL;
  if (dir == HUI_GRID_LEFT && j > 0) {
    near = row->cells[j - 1];
  } else if (dir == HUI_GRID_UP && i > 0) {
    near = hui_grid_cell(g, i - 1, j);
  }
  return near && strcmp(near, row->cells[j]) == 0 && !blank(near);
}

/* Moves (*i, *j) to the top-left cell of the merged cell that covers it. */
static void merge_origin(const hui_grid *g, size_t *i, size_t *j) {
  for (;;) {
    if (repeats(g, *i, *j, HUI_GRID_LEFT)) {
      *j -= 1;
    } else if (repeats(g, *i, *j, HUI_GRID_UP)) {
      *i -= 1;
    } else {
      return;
    }
  }
}

/* The value the label in row i right of column last takes in that row (the
 * next non-empty cell that is not a label), its top-left cell in *vi, *vj;
 * NULL when another label comes first or the row ends. */
static const char *value_right(const hui_grid *g, size_t i, size_t last, hui_roster_field f,
                               size_t *vi, size_t *vj) {
  const hui_grid_row *row = &g->rows[i];
  for (size_t k = last + 1; k < row->ncells; k++) {
    const char *cell = row->cells[k];
    hui_roster_field other = hui_roster_label(cell);
    if (other == f || blank(cell)) {
      continue; /* the label once more; an empty cell may be a gap */
    }
    if (other != HUI_RF_NONE) {
      return NULL;
    }
    *vi = i;
    *vj = k;
    merge_origin(g, vi, vj);
    return cell;
  }
  return NULL;
}

/* The value of the label whose top-left cell is (i, j) (field f), or NULL.
 * Caller frees. */
static char *form_value(const hui_grid *g, size_t i, size_t j, hui_roster_field f) {
  size_t last_col = j, last_row = i;
  while (repeats(g, i, last_col + 1, HUI_GRID_LEFT)) {
    last_col++;
  }
  while (repeats(g, last_row + 1, j, HUI_GRID_UP)) {
    last_row++;
  }
  hui_buf b = {0};
  size_t prev_i = SIZE_MAX, prev_j = SIZE_MAX;
  for (size_t r = i; r <= last_row; r++) {
    size_t vi, vj;
    const char *v = value_right(g, r, last_col, f, &vi, &vj);
    if (!v || (vi == prev_i && vj == prev_j)) {
      continue; /* none in this row, or a value merged down beside the label */
    }
    char *t = trimmed(v);
    if (b.len) {
      hui_buf_putc(&b, '\n');
    }
    hui_buf_puts(&b, t);
    free(t);
    prev_i = vi;
    prev_j = vj;
  }
  if (prev_i != SIZE_MAX) {
    return hui_buf_take(&b);
  }
  free(b.data);
  /* none on the right: the cell below, unless it is the end of a cell that
   * starts further left (the value of the label on its left) */
  const char *below = hui_grid_cell(g, last_row + 1, j);
  if (below && hui_roster_label(below) == HUI_RF_NONE && !blank(below) &&
      !repeats(g, last_row + 1, j, HUI_GRID_LEFT)) {
    return trimmed(below);
  }
  return NULL;
}

size_t hui_form_match(const hui_grid *g, char *out[HUI_RF_COUNT]) {
  size_t found = 0;
  for (int f = 0; f < HUI_RF_COUNT; f++) {
    out[f] = NULL;
  }
  for (size_t i = 0; i < g->nrows; i++) {
    for (size_t j = 0; j < g->rows[i].ncells; j++) {
      if (repeats(g, i, j, HUI_GRID_LEFT) || repeats(g, i, j, HUI_GRID_UP)) {
        continue; /* a merged label counts once, at its top-left cell */
      }
      hui_roster_field f = hui_roster_label(g->rows[i].cells[j]);
      if (f == HUI_RF_NONE || out[f]) {
        continue;
      }
      out[f] = form_value(g, i, j, f);
      found += out[f] != NULL;
    }
  }
  return found;
}

typedef struct named {
  const char *name;
  size_t index;
} named;

static int by_name(const void *a, const void *b) {
  const named *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  return c ? c : (x->index > y->index) - (x->index < y->index);
}

static bool in_list(const char *id, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (list[i] && strcmp(list[i], id) == 0) {
      return true;
    }
  }
  return false;
}

void hui_import_ids(int year, const char *const *names, const char *const *known, size_t n,
                    const char *const *taken, size_t ntaken, char **ids) {
  named *order = hui_xmalloc((n ? n : 1) * sizeof *order);
  for (size_t i = 0; i < n; i++) {
    order[i] = (named){names[i], i};
    ids[i] = known && known[i] ? hui_xstrdup(known[i]) : NULL;
  }
  qsort(order, n, sizeof *order, by_name);
  unsigned next = 1;
  for (size_t k = 0; k < n; k++) {
    size_t i = order[k].index;
    if (ids[i]) {
      continue;
    }
    for (;; next++) {
      char *id = hui_xasprintf("s%d-%03u", year, next);
      if (!in_list(id, (const char *const *)ids, n) && !in_list(id, taken, ntaken)) {
        ids[i] = id;
        next++;
        break;
      }
      free(id);
    }
  }
  free(order);
}
