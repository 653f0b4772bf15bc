/* child: running a piece of a test in a child process that must abort —
 * for the structure checkers, which print what is broken and abort. */
#ifndef HUI_TEST_CHILD_H
#define HUI_TEST_CHILD_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/base.h"

/* Runs fn(arg) in a child with its stderr captured; true when the child
 * died of SIGABRT having said something containing both checker (e.g.
 * "internal error: hui_dpage_check") and want. What the child builds is
 * never freed (_exit: no leak report). */
static inline bool hui_test_child_aborts(void (*fn)(const void *), const void *arg,
                                         const char *checker, const char *want) {
  int fd[2];
  if (pipe(fd) != 0) return false;
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    close(fd[0]);
    dup2(fd[1], 2);
    fn(arg);
    _exit(0); /* it passed */
  }
  close(fd[1]);
  hui_buf said = {0};
  char buf[512];
  ssize_t n;
  while ((n = read(fd[0], buf, sizeof buf)) > 0) hui_buf_add(&said, buf, (size_t)n);
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  bool ok = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT && said.data &&
            strstr(said.data, checker) && strstr(said.data, want);
  if (!ok)
    fprintf(stderr, "want an abort saying \"%s\"; the child %s %d and said: %s", want,
            WIFSIGNALED(status) ? "died of signal" : "exited with",
            WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status),
            said.data ? said.data : "(nothing)\n");
  hui_buf_free(&said);
  return ok;
}

#endif
