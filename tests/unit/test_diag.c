/* test_diag: a finding is printed as one line that hides nothing, whatever
 * its file name or message holds (a newline, a bidi control, a byte that is
 * not UTF-8), and the invisible characters have their names (issue 12). */
#define _XOPEN_SOURCE 700 /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "diag.h"

/* What hui_diags_print writes for d (caller frees). */
static char *printed(const hui_diags *d, const char *prefix) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  hui_diags_print(d, f, prefix);
  fclose(f);
  return text;
}

static size_t lines(const char *s) {
  size_t n = 0;
  for (; *s; s++) n += *s == '\n';
  return n;
}

static void test_one_line(void) {
  hui_diags *d = hui_diags_new();
  hui_diag_add(d, HUI_ERROR, "submissions/a\nb.xml", 3, 5, "id-duplicate",
               "id 's1' is already used by submissions/c\r\nd.xml:2");
  hui_diag_add(d, HUI_WARNING, "submissions/s1\xE2\x80\xAElmx.exe", 1, 0, "x",
               "the name '\xE5\xBC\xA0\xE2\x80\x8B\xE4\xB8\x89' has a tab\there and \x1b[31m colour");
  hui_diag_add(d, HUI_NOTE, "submissions/c\xff.xml", 0, 0, "", "C1 \xC2\x85, tag \xF3\xA0\x80\x81, DEL \x7f");
  char *text = printed(d, NULL);
  CHECK_INT(lines(text), 3);
  CHECK_STR(text,
            "submissions/a\\nb.xml:3:5: error: id 's1' is already used by submissions/c\\r\\nd.xml:2 "
            "[id-duplicate]\n"
            "submissions/s1\\u202elmx.exe:1: warning: the name '张\\u200b三' has a tab\\there and "
            "\\x1b[31m colour [x]\n"
            "submissions/c\\xff.xml: note: C1 \\u0085, tag \\U000e0001, DEL \\x7f\n");
  free(text);
  /* the edition folder given on the command line is printed the same way */
  text = printed(d, "in\nput");
  CHECK_INT(lines(text), 3);
  CHECK(text && strncmp(text, "in\\nput/submissions/a\\nb.xml:3:5: ", 34) == 0);
  free(text);
  hui_diags_free(d);
}

/* --format=json: the string escaping keeps a newline in a file name inside
 * its string. */
static void test_json(void) {
  hui_buf b = {0};
  hui_buf_json_str(&b, "submissions/a\nb\t\x01.xml");
  CHECK_STR(b.data, "\"submissions/a\\nb\\t\\u0001.xml\"");
  hui_buf_free(&b);
}

static void test_names(void) {
  CHECK_STR(hui_invisible_char(0x202E), "right-to-left override");
  CHECK_STR(hui_invisible_char(0x200B), "zero-width space");
  CHECK_STR(hui_invisible_char(0x2069), "pop directional isolate");
  CHECK(hui_invisible_char(0x00AD) != NULL);
  CHECK(hui_invisible_char(0x061C) != NULL);
  CHECK(hui_invisible_char(0x2028) != NULL && hui_invisible_char(0x2029) != NULL);
  CHECK(hui_invisible_char(0xFEFF) != NULL);
  CHECK(hui_invisible_char(0xE007F) != NULL);
  /* printed characters, and the variation selectors a Han name may need */
  static const uint32_t visible[] = {'a', 0xA0, 0x3000, 0x5F20, 0x2014, 0x2030, 0x2065,
                                     0xFE00, 0xFE0F, 0xE0100, 0x20000, 0x10FFFF};
  for (size_t i = 0; i < sizeof visible / sizeof *visible; i++) CHECK(hui_invisible_char(visible[i]) == NULL);
}

int main(void) {
  test_one_line();
  test_json();
  test_names();
  return CHECK_DONE();
}
