/* check.h: a minimal test harness. CHECK records a failure and goes on;
 * CHECK_DONE() prints "N passed, N failed" and gives the exit status. */
#ifndef HUI_CHECK_H
#define HUI_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                         \
  do {                                                                      \
    if (cond) {                                                             \
      check_passed++;                                                       \
    } else {                                                                \
      check_failed++;                                                       \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
    }                                                                       \
  } while (0)

#define CHECK_STR(got, want)                                                \
  do {                                                                      \
    const char *g_ = (got), *w_ = (want);                                   \
    if (g_ && w_ && strcmp(g_, w_) == 0) {                                  \
      check_passed++;                                                       \
    } else {                                                                \
      check_failed++;                                                       \
      fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, \
              g_ ? g_ : "(null)", w_ ? w_ : "(null)");                      \
    }                                                                       \
  } while (0)

#define CHECK_INT(got, want)                                                \
  do {                                                                      \
    long long g_ = (long long)(got), w_ = (long long)(want);                \
    if (g_ == w_) {                                                         \
      check_passed++;                                                       \
    } else {                                                                \
      check_failed++;                                                       \
      fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); \
    }                                                                       \
  } while (0)

#define CHECK_DONE()                                                        \
  (printf("%d passed, %d failed\n", check_passed, check_failed), check_failed ? 1 : 0)

#endif
