/* test_safename: hui_path_safe_name, the one function that turns a person's
 * or a unit's name into a file name (split certificates, check --by-unit):
 * what it replaces, how it cuts long names, and how it tells two names apart
 * that read the same on disk. */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"

static void expect(const char *stem, const char *ext, const char *want) {
  char *got = hui_path_safe_name(stem, ext, NULL, 0);
  CHECK_STR(got, want);
  free(got);
}

/* Every byte of name is UTF-8 and none is a control character or one a file
 * system refuses. */
static bool clean(const char *name) {
  if (!hui_utf8_valid(name, strlen(name), NULL) || name[0] == '.') return false;
  for (const char *p = name; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7F || strchr("/\\:*?\"<>|", *p)) return false;
  return true;
}

int main(void) {
  expect("2020-1-001-李青禾", ".pdf", "2020-1-001-李青禾.pdf");
  expect("青山县/林业局", ".txt", "青山县_林业局.txt");
  expect("a\\b:c*d?e\"f<g>h|i", ".txt", "a_b_c_d_e_f_g_h_i.txt");
  expect("青山\t县\n农\x7F机站", ".txt", "青山_县_农_机站.txt");
  expect("\xc2\x85下沟村", ".txt", "_下沟村.txt"); /* C1 control NEL */
  expect(".hidden", ".txt", "_hidden.txt");
  expect("..", ".txt", "_.txt");
  expect("青山县水利站. ", ".txt", "青山县水利站.txt"); /* Windows drops these */
  expect("", ".pdf", "_.pdf");
  expect("CON", ".txt", "_CON.txt");
  expect("lpt3", ".pdf", "_lpt3.pdf");
  expect("CONSOLE", ".txt", "CONSOLE.txt");
  expect("青山\xff\xfe县", ".txt", "青山__县.txt"); /* not UTF-8 */
  expect("ĀĮį", ".txt", "ĀĮį.txt"); /* U+012F's low byte is '/': kept */

  /* Long names: at most 255 bytes with the extension, cut between characters. */
  char longname[1024] = "";
  for (int i = 0; i < 200; i++) strcat(longname, "青"); /* 600 bytes */
  char *got = hui_path_safe_name(longname, ".pdf", NULL, 0);
  CHECK(strlen(got) <= 255);
  CHECK(strlen(got) >= 250);
  CHECK(clean(got));
  CHECK(strcmp(got + strlen(got) - 4, ".pdf") == 0);
  char *taken[3] = {got, NULL, NULL};
  char *second = hui_path_safe_name(longname, ".pdf", taken, 1);
  CHECK(strlen(second) <= 255);
  CHECK(strcmp(second, got) != 0);
  CHECK(strcmp(second + strlen(second) - 6, "-2.pdf") == 0);
  CHECK(clean(second));
  free(second);
  free(got);

  /* Duplicates: names that read the same on disk, also in another case. */
  char *a = hui_path_safe_name("青山县/农业局", ".txt", NULL, 0);
  taken[0] = a;
  char *b = hui_path_safe_name("青山县_农业局", ".txt", taken, 1);
  taken[1] = b;
  char *c = hui_path_safe_name("青山县:农业局", ".txt", taken, 2);
  CHECK_STR(a, "青山县_农业局.txt");
  CHECK_STR(b, "青山县_农业局-2.txt");
  CHECK_STR(c, "青山县_农业局-3.txt");
  free(a);
  free(b);
  free(c);
  char *upper = hui_xstrdup("ABC.txt");
  taken[0] = upper;
  char *lower = hui_path_safe_name("abc", ".txt", taken, 1);
  CHECK_STR(lower, "abc-2.txt");
  free(lower);
  free(upper);
  return CHECK_DONE();
}
