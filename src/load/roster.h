/* load/roster: the metadata a unit sends beside its Word files, as plain
 * tables of cell texts: a roster (推荐汇总表, one row per candidate under a
 * header row) read from CSV (csv.c), and a 推荐表 form (a table of labelled
 * cells) found in any table (roster.c). Both match labels loosely, by one
 * table of synonyms. Also the ids an import gives to files without a roster
 * number. No format's library here: a grid is our own type, so the form
 * matcher does not depend on the Word reader. */
#ifndef HUI_LOAD_ROSTER_H
#define HUI_LOAD_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

/* The fields a roster or form can fill. */
typedef enum hui_roster_field {
  HUI_RF_NONE = -1,
  HUI_RF_NUMBER,      /* 编号, 序号 */
  HUI_RF_NAME,        /* 姓名, 名字 */
  HUI_RF_GENDER,      /* 性别 */
  HUI_RF_BIRTH,       /* 出生年月 */
  HUI_RF_POLITICS,    /* 政治面貌 */
  HUI_RF_UNIT,        /* 工作单位, 单位 */
  HUI_RF_TITLE,       /* 职务, 职称, 职务/职称 */
  HUI_RF_RECOMMENDER, /* 推荐单位 */
  HUI_RF_CATEGORY,    /* 类别 */
  HUI_RF_DEEDS,       /* 主要事迹 */
  HUI_RF_PHOTO,       /* 照片 */
  HUI_RF_FILE,        /* 文件 */
  HUI_RF_COUNT
} hui_roster_field;

/* A table as rows of cell texts (UTF-8, NUL-terminated); rows may differ in
 * length. A merged cell's text is repeated over every cell it covers; merge,
 * when the source knew its merges (a Word table), says which cells are such
 * repeats: HUI_GRID_LEFT when the cell belongs to the merged cell on its
 * left, HUI_GRID_UP to the one above. Without it (CSV, a hand-made grid) a
 * non-empty cell whose text equals its neighbour's is taken for a repeat. */
enum { HUI_GRID_LEFT = 1, HUI_GRID_UP = 2 };

typedef struct hui_grid_row {
  char **cells;
  size_t ncells, cap;
  unsigned char *merge; /* NULL, or one byte per cell: HUI_GRID_LEFT | HUI_GRID_UP */
} hui_grid_row;

typedef struct hui_grid {
  hui_grid_row *rows;
  size_t nrows, cap;
} hui_grid;

/* Appends an empty row to g and returns it. */
hui_grid_row *hui_grid_add_row(hui_grid *g);
/* Appends a copy of the n bytes at s to row r. */
void hui_grid_add_cell(hui_grid_row *r, const char *s, size_t n);
/* The same, for a source that knows its merges: merge is the cell's
 * HUI_GRID_LEFT | HUI_GRID_UP (0 for a cell that starts its own). */
void hui_grid_add_merged(hui_grid_row *r, const char *s, size_t n, unsigned merge);
/* The text of row i, cell j, or NULL when there is no such cell. */
const char *hui_grid_cell(const hui_grid *g, size_t i, size_t j);
/* Frees what g holds and zeroes it (NULL-safe). */
void hui_grid_clear(hui_grid *g);

/* The field a label names, or HUI_RF_NONE. Loose: white space (U+3000 too)
 * anywhere in the label and a trailing colon (: or ：) do not count, and
 * synonyms match (姓名/名字, 工作单位/单位, 职务/职称, 编号/序号, ...). */
hui_roster_field hui_roster_label(const char *label);

/* The field's name in English, for reports and tests: "name", "unit", ... */
const char *hui_roster_field_name(hui_roster_field f);

/* Parses a CSV file's bytes into g (zeroed by the caller): RFC 4180 quoting
 * (quoted fields with commas, line breaks and doubled quotes), CRLF or LF,
 * UTF-8 with or without BOM, or GB18030 (what Excel on Chinese Windows
 * writes) when the bytes are not UTF-8. Returns false with *why set (a
 * message for the clerk, caller frees) when the bytes are neither or too
 * many; g then holds what was read (free it with hui_grid_clear). */
bool hui_csv_parse(const char *bytes, size_t len, hui_grid *g, char **why);

/* Parses an .xlsx workbook's bytes into g (zeroed by the caller): its first
 * sheet, cells placed by their references (gaps left empty), shared and
 * inline strings; numbers and dates as the sheet stores them (a date is
 * Excel's day number). Returns false with *why set (caller frees) when the
 * bytes are not a readable workbook; g then holds what was read. */
bool hui_xlsx_parse(const char *bytes, size_t len, hui_grid *g, char **why);

/* One candidate of a roster: the text of each field ("" when absent). */
typedef struct hui_roster_entry {
  char *field[HUI_RF_COUNT];
  size_t row; /* its row in the table, 1-based (the header is row 1) */
} hui_roster_entry;

typedef struct hui_roster {
  hui_roster_entry *entries;
  size_t n;
} hui_roster;

/* Reads a roster out of g: the first row whose cells name a 姓名 column is
 * the header; each later row with a name is an entry (blank rows and rows
 * without a name are skipped). Returns false with *why set (caller frees)
 * when no header row names a 姓名 column. r is zeroed by the caller. */
bool hui_roster_from_grid(const hui_grid *g, hui_roster *r, char **why);
/* Frees what r holds and zeroes it (NULL-safe). */
void hui_roster_clear(hui_roster *r);

/* The 推荐表 matcher: for each cell of g whose text is a label (a merged
 * label counted once, at its top-left), the value is, in each row the label
 * covers, the next non-empty cell to its right that is not a label itself;
 * a label merged down several rows with a value in each (主要事迹 over two
 * rows of deeds) takes them all, joined by '\n', a value merged down beside
 * it once. A label with no value on its right takes the cell below its last
 * row, when that cell starts at or right of the label's first column (the
 * cell under a 照片 box at the right edge is usually the end of the value on
 * its left, not the photo). Fills out[f] with a copy of the first value found
 * for each field (caller frees each; NULL when not found) and returns how
 * many fields were found. */
size_t hui_form_match(const hui_grid *g, char *out[HUI_RF_COUNT]);

/* The ids an import gives to n files without a roster number: names sorted
 * by their bytes (strcmp, not the directory's or the locale's order); a file
 * that had an id before (known[i] for names[i], NULL when new) keeps it; the
 * others take s<year>-NNN with the lowest numbers not in use by a known id
 * or in taken (ntaken ids of the edition's other submissions), in file-name
 * order. So re-importing the same files gives the same ids, and adding a file
 * leaves the others' ids as they were. Fills ids[i] for names[i] (caller
 * frees each). */
void hui_import_ids(int year, const char *const *names, const char *const *known, size_t n,
                    const char *const *taken, size_t ntaken, char **ids);

#endif
