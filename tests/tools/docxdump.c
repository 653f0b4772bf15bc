/* docxdump: prints what the Word reader (load/docx.h) makes of a .docx, for
 * tests/tools/docx_text.py and for looking at a file by hand.
 *   docxdump FILE          blocks, tables, notes, images and drops, one a line
 *   docxdump --text FILE   the visible text only, in reading order: each
 *                          block's text after its numbering label, each
 *                          table's cells (merged ones once), then the notes
 * A refused file prints "refused: WHY" and exits 1. Newlines and tabs inside
 * a text are written as \n and \t, except with --text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "load/docx.h"

static bool raw; /* --text: texts as they are */

static void put(const char *s) {
  if (raw) {
    fputs(s, stdout);
    return;
  }
  for (; *s; s++) {
    if (*s == '\n') {
      fputs("\\n", stdout);
    } else if (*s == '\t') {
      fputs("\\t", stdout);
    } else {
      putchar(*s);
    }
  }
}

static const char *kind_name(hui_docx_kind k) {
  static const char *const names[] = {"para", "heading", "item", "table", "image", "caption"};
  return (size_t)k < sizeof names / sizeof names[0] ? names[k] : "?";
}

static void dump(const hui_docx *d) {
  for (size_t i = 0; i < d->nblocks; i++) {
    const hui_docx_block *b = &d->blocks[i];
    printf("%s %d para=%zu label=%zu skipped=%zu", kind_name(b->kind), b->level, b->para,
           b->label_len, b->skipped);
    for (size_t k = 0; k < b->nbold; k++) {
      printf(" bold=%zu-%zu", b->bold[k].start, b->bold[k].end);
    }
    for (size_t k = 0; k < b->nnotes; k++) {
      printf(" note%zu@%zu", b->notes[k].what, b->notes[k].at);
    }
    for (size_t k = 0; k < b->nimages; k++) {
      printf(" image%zu@%zu", b->images[k].what, b->images[k].at);
    }
    if (b->kind == HUI_DOCX_IMAGE) {
      printf(" image=%zu", b->image);
    }
    if (b->style) {
      printf(" style=\"%s\"", b->style);
    }
    fputs(" | ", stdout);
    put(b->text);
    putchar('\n');
    if (b->table) {
      const hui_docx_table *t = b->table;
      printf("  table %zux%zu header=%d\n", t->nrows, t->ncols, t->header_row);
      for (size_t k = 0; k < t->nrows * t->ncols; k++) {
        const hui_docx_cell *c = &t->cells[k];
        if (c->colspan) {
          printf("  cell %zu,%zu %zux%zu | ", k / t->ncols, k % t->ncols, c->rowspan, c->colspan);
          put(c->text);
          putchar('\n');
        }
      }
    }
  }
  for (size_t i = 0; i < d->nnotes; i++) {
    printf("note %zu | ", i);
    put(d->notes[i].text);
    putchar('\n');
  }
  for (size_t i = 0; i < d->nimages; i++) {
    printf("image %zu %s %s %zu\n", i, d->images[i].name, d->images[i].type, d->images[i].len);
  }
  for (size_t i = 0; i < d->ndrops; i++) {
    printf("drop para=%zu %s\n", d->drops[i].para, d->drops[i].what);
  }
}

static void text(const hui_docx *d) {
  for (size_t i = 0; i < d->nblocks; i++) {
    const hui_docx_block *b = &d->blocks[i];
    if (b->table) {
      for (size_t k = 0; k < b->table->nrows * b->table->ncols; k++) {
        if (b->table->cells[k].colspan && *b->table->cells[k].text) {
          put(b->table->cells[k].text);
          putchar('\n');
        }
      }
    } else if (*b->text) {
      put(b->text + b->label_len);
      putchar('\n');
    }
  }
  for (size_t i = 0; i < d->nnotes; i++) {
    put(d->notes[i].text);
    putchar('\n');
  }
}

int main(int argc, char **argv) {
  bool only_text = argc == 3 && strcmp(argv[1], "--text") == 0;
  if (argc != 2 && !only_text) {
    fprintf(stderr, "usage: docxdump [--text] FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[argc - 1], "rb");
  if (!f) {
    perror(argv[argc - 1]);
    return 2;
  }
  hui_buf b = {0};
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    hui_buf_add(&b, chunk, n);
  }
  fclose(f);
  hui_docx d = {0};
  char *why = NULL;
  bool ok = hui_docx_read(b.data ? b.data : "", b.len, &d, &why);
  if (!ok) {
    printf("refused: %s\n", why);
  } else if (only_text) {
    raw = true;
    text(&d);
  } else {
    dump(&d);
  }
  free(why);
  hui_docx_clear(&d);
  hui_buf_free(&b);
  return ok ? 0 : 1;
}
