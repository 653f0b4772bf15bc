/* app/convert: soffice --headless --convert-to docx, bounded (convert.h). */
#define _GNU_SOURCE /* unshare, CLONE_NEWNET */
#include "app/convert.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/base.h"
#include "base/i18n.h"

bool hui_convert_wanted(const char *name) {
  static const char *const exts[] = {".doc", ".wps", ".odt", ".rtf"};
  size_t n = strlen(name);
  for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
    size_t e = strlen(exts[i]);
    if (n > e && strcasecmp(name + n - e, exts[i]) == 0) {
      return true;
    }
  }
  return false;
}

unsigned hui_convert_timeout(void) {
  const char *s = getenv("HUIBIAN_CONVERT_TIMEOUT");
  if (s && *s) {
    char *end = NULL;
    unsigned long v = strtoul(s, &end, 10);
    if (end && !*end && v > 0 && v < 86400) {
      return (unsigned)v;
    }
  }
  return 60;
}

/* The path of soffice on PATH, or NULL. Caller frees. */
static char *find_soffice(void) {
  const char *path = getenv("PATH");
  if (!path) {
    return NULL;
  }
  const char *p = path;
  for (;;) {
    const char *colon = strchr(p, ':');
    size_t n = colon ? (size_t)(colon - p) : strlen(p);
    char *cand = hui_xasprintf("%.*s/soffice", (int)n, n ? p : ".");
    if (access(cand, X_OK) == 0) {
      return cand;
    }
    free(cand);
    if (!colon) {
      return NULL;
    }
    p = colon + 1;
  }
}

/* The .docx LibreOffice writes for in: outdir/BASENAME.docx. Caller frees. */
static char *docx_name(const char *in, const char *outdir) {
  const char *base = strrchr(in, '/');
  base = base ? base + 1 : in;
  const char *dot = strrchr(base, '.');
  size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  return hui_xasprintf("%s/%.*s.docx", outdir, (int)n, base);
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In the child: a process group of its own, nothing to read, nothing
 * printed, no network when a network namespace can be had, then soffice. */
static void run_child(const char *soffice, const char *in, const char *outdir) {
  setpgid(0, 0);
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    if (null > 2) {
      close(null);
    }
  }
  if (unshare(CLONE_NEWNET) != 0) {
    (void)unshare(CLONE_NEWUSER | CLONE_NEWNET); /* without privileges; else the network stays */
  }
  char *profile = hui_xasprintf("-env:UserInstallation=file://%s/profile", outdir);
  char *argv[] = {(char *)soffice, "--headless",   "--norestore",  "--nologo",
                  "--nolockcheck", profile,        "--convert-to", "docx",
                  "--outdir",      (char *)outdir, (char *)in,     NULL};
  execv(soffice, argv);
  _exit(127);
}

char *hui_convert_to_docx(const char *in, const char *outdir, char **why) {
  *why = NULL;
  char *soffice = find_soffice();
  if (!soffice) {
    *why = hui_xasprintf(_("%s cannot be read: it is not a .docx file and LibreOffice is not "
                           "installed to convert it. Install it (Debian: apt install "
                           "libreoffice-writer-nogui), or open the file in Word or WPS and save "
                           "it as .docx (Word document)"),
                         in);
    return NULL;
  }
  unsigned limit = hui_convert_timeout();
  pid_t pid = fork();
  if (pid < 0) {
    *why = hui_xasprintf(_("%s: could not start LibreOffice to convert it (%s)"), in,
                         hui_strerror(errno));
    free(soffice);
    return NULL;
  }
  if (pid == 0) {
    run_child(soffice, in, outdir);
  }
  setpgid(pid, pid); /* also here, so the kill below finds the group whoever runs first */
  free(soffice);
  double deadline = now() + limit;
  int status = 0;
  bool done = false;
  while (!done) {
    pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) {
      done = true;
    } else if (now() >= deadline) {
      break;
    } else {
      struct timespec pause = {0, 50 * 1000 * 1000};
      nanosleep(&pause, NULL);
    }
  }
  kill(-pid, SIGKILL); /* what it left running (a helper, a hung child) goes too */
  if (!done) {
    waitpid(pid, &status, 0);
    *why = hui_xasprintf(_("%s: LibreOffice did not finish converting it within %u seconds and "
                           "was stopped; open the file in Word or WPS and save it as .docx"),
                         in, limit);
    return NULL;
  }
  char *out = docx_name(in, outdir);
  struct stat st;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || stat(out, &st) != 0 || st.st_size == 0) {
    *why = hui_xasprintf(_("%s: LibreOffice could not convert it to .docx (the file may be "
                           "damaged or have a password); open it in Word or WPS and save it as "
                           ".docx"),
                         in);
    free(out);
    return NULL;
  }
  return out;
}
