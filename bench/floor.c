/* floor.c: the libharu floor of issue 8's benchmark.
 *
 * Writes the same text as a generated edition's compendium through libharu,
 * pre-broken and with no layout at all: every article starts a page, every
 * paragraph is cut every 36 characters (code points), 36 lines a page, A4, 12 pt
 * on an 18 pt pitch, in the body font huibian uses by default (AR PL UMing, face 0
 * of uming.ttc, embedded, UTF-8 encoder, compressed streams). What huibian costs
 * above this is the cost of its checking, layout and typesetting.
 *
 *   huibian-floor TEXT OUT.pdf [FONTFILE [FACE]]
 *
 * TEXT is the bench-text.txt that bench/gen-edition.py writes: a line "=TITLE"
 * starts an article, every other line is a paragraph, heading or list item.
 * Prints "huibian-floor: wrote OUT.pdf (P pages, L lines, C characters)" on stderr.
 * Exit status: 0 written, 1 libharu failed, 2 usage or unreadable input. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <hpdf.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHARS_PER_LINE = 36, LINES_PER_PAGE = 36 };
static const float PT_PER_MM = 72.0f / 25.4f;
static const float FONT_SIZE = 12.0f, PITCH = 18.0f;
static const float LEFT_MM = 28.8f, TOP_MM = 34.0f;

static jmp_buf fail;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data) {
  (void)user_data;
  fprintf(stderr, "huibian-floor: libharu error 0x%04X (detail %u)\n", (unsigned)error_no, (unsigned)detail_no);
  longjmp(fail, 1);
}

typedef struct writer {
  HPDF_Doc doc;
  HPDF_Font font;
  HPDF_Page page; /* NULL between pages */
  int line;       /* lines set on the current page */
  long pages, lines, chars;
  float page_h;
} writer;

static void end_page(writer *w) {
  if (w->page) HPDF_Page_EndText(w->page);
  w->page = NULL;
}

static void new_page(writer *w) {
  end_page(w);
  w->page = HPDF_AddPage(w->doc);
  HPDF_Page_SetSize(w->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  w->page_h = HPDF_Page_GetHeight(w->page);
  HPDF_Page_BeginText(w->page);
  HPDF_Page_SetFontAndSize(w->page, w->font, FONT_SIZE);
  w->line = 0;
  w->pages++;
}

static void put_line(writer *w, const char *s, size_t n) {
  if (!w->page || w->line == LINES_PER_PAGE) new_page(w);
  char buf[CHARS_PER_LINE * 4 + 1];
  memcpy(buf, s, n);
  buf[n] = '\0';
  float x = LEFT_MM * PT_PER_MM;
  float y = w->page_h - TOP_MM * PT_PER_MM - FONT_SIZE - (float)w->line * PITCH;
  HPDF_Page_TextOut(w->page, x, y, buf);
  w->line++;
  w->lines++;
}

/* Cuts a paragraph (UTF-8) every CHARS_PER_LINE code points. */
static void put_para(writer *w, const char *s) {
  while (*s) {
    const char *p = s;
    int k = 0;
    while (*p && k < CHARS_PER_LINE) {
      p++;
      while ((*p & 0xC0) == 0x80) p++;
      k++;
    }
    w->chars += k;
    put_line(w, s, (size_t)(p - s));
    s = p;
  }
}

int main(int argc, char **argv) {
  if (argc < 3 || argc > 5) {
    fprintf(stderr, "usage: huibian-floor TEXT OUT.pdf [FONTFILE [FACE]]\n");
    return 2;
  }
  const char *font_file = argc > 3 ? argv[3] : "/usr/share/fonts/truetype/arphic/uming.ttc";
  unsigned face = argc > 4 ? (unsigned)strtoul(argv[4], NULL, 10) : 0;
  FILE *in = fopen(argv[1], "rb");
  if (!in) {
    perror(argv[1]);
    return 2;
  }
  writer w = {0};
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  w.doc = HPDF_New(on_error, NULL);
  if (!w.doc) {
    fprintf(stderr, "huibian-floor: HPDF_New failed\n");
    return 1;
  }
  if (setjmp(fail)) {
    HPDF_Free(w.doc);
    free(line);
    fclose(in);
    return 1;
  }
  HPDF_SetCompressionMode(w.doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(w.doc);
  HPDF_SetCurrentEncoder(w.doc, "UTF-8");
  const char *name = strstr(font_file, ".ttc") ? HPDF_LoadTTFontFromFile2(w.doc, font_file, face, HPDF_TRUE)
                                               : HPDF_LoadTTFontFromFile(w.doc, font_file, HPDF_TRUE);
  w.font = HPDF_GetFont(w.doc, name, "UTF-8");

  while ((len = getline(&line, &cap, in)) >= 0) {
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    if (line[0] == '=') {
      new_page(&w);
      put_para(&w, line + 1);
    } else if (len > 0) {
      put_para(&w, line);
    }
  }
  end_page(&w);
  if (w.pages == 0) { /* an empty text still gives a valid PDF */
    new_page(&w);
    end_page(&w);
  }
  HPDF_SaveToFile(w.doc, argv[2]);
  HPDF_Free(w.doc);
  free(line);
  fclose(in);
  fprintf(stderr, "huibian-floor: wrote %s (%ld pages, %ld lines, %ld characters)\n", argv[2], w.pages, w.lines,
          w.chars);
  return 0;
}
