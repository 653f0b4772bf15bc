/* test_errstream: standard error after hui_stderr_escaped — bytes that are
 * not UTF-8 come out as \xHH, control and invisible characters escaped too,
 * a character cut between two writes comes out whole, and newlines, carriage
 * returns, tabs and the progress line's ESC [ K pass unchanged. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/errstream.h"
#include "base/base.h"
#include "check.h"

int main(void) {
  char path[] = "/tmp/huibian-test-errstream-XXXXXX";
  int fd = mkstemp(path);
  int saved = dup(STDERR_FILENO);
  CHECK(fd >= 0 && saved >= 0);
  dup2(fd, STDERR_FILENO);
  hui_stderr_escaped();
  fputs("huibian: cannot read no\xb0\xa1\xff.xml\n", stderr); /* GBK 啊, a stray byte */
  fputs("a\xe5\x95", stderr);                                 /* 啊 (e5 95 8a) cut in two */
  fputs("\x8a b\n", stderr);
  fputs("c\xe5", stderr); /* a start that nothing finishes */
  fputs("x\n", stderr);
  fprintf(stderr, "\r%s\033[K\n", "进度 3/21");
  fputs("\xed\xa0\x80\n", stderr); /* a surrogate is not UTF-8 either */
  fputs("no\033]0;x\a\x7f\xc2\x85\xe2\x80\xae.xml\t!\n", stderr); /* OSC, DEL, NEL, RLO */
  fflush(stderr);
  dup2(saved, STDERR_FILENO);
  size_t len = 0;
  char *got = hui_read_file(path, 1u << 16, &len);
  CHECK_STR(got, "huibian: cannot read no\\xb0\\xa1\\xff.xml\n"
                 "a啊 b\n"
                 "c\\xe5x\n"
                 "\r进度 3/21\033[K\n"
                 "\\xed\\xa0\\x80\n"
                 "no\\x1b]0;x\\x07\\x7f\\u0085\\u202e.xml\t!\n");
  free(got);
  unlink(path);
  return CHECK_DONE();
}
