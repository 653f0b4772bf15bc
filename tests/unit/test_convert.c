/* test_convert: old Word formats through LibreOffice (app/convert.c): a flat
 * ODT of our own becomes a .docx; a stuck converter (a fake soffice on PATH
 * that sleeps) is stopped at the time limit with its children; without
 * soffice the message says how to install it or to save as .docx. */
#define _POSIX_C_SOURCE 200809L /* setenv, mkdtemp, kill, clock_gettime */
#define _DEFAULT_SOURCE         /* usleep */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "app/convert.h"
#include "base/base.h"
#include "check.h"

static void write_file(const char *path, const char *text, mode_t mode) {
  FILE *f = fopen(path, "w");
  CHECK(f != NULL);
  if (f) {
    fputs(text, f);
    fclose(f);
  }
  chmod(path, mode);
}

/* Whether process pid runs (a zombie, killed but not yet reaped by init, does not). */
static bool running(int pid) {
  char path[64];
  snprintf(path, sizeof path, "/proc/%d/stat", pid);
  size_t len = 0;
  char *stat = hui_read_file(path, 4096, &len);
  if (!stat) {
    return false;
  }
  const char *paren = strrchr(stat, ')');
  bool alive = paren && paren[1] == ' ' && paren[2] != 'Z' && paren[2] != 'X';
  free(stat);
  return alive;
}

static const char fodt[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"\n"
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"\n"
    " office:version=\"1.2\" office:mimetype=\"application/vnd.oasis.opendocument.text\">\n"
    "<office:body><office:text>\n"
    "<text:h text:outline-level=\"1\">扎根山乡的赤脚医生</text:h>\n"
    "<text:p>青山县石桥镇卫生院护士长李秀兰，三十年如一日守护山乡群众健康。</text:p>\n"
    "</office:text></office:body></office:document>\n";

static void test_wanted(void) {
  CHECK(hui_convert_wanted("张三事迹.doc"));
  CHECK(hui_convert_wanted("张三事迹.WPS"));
  CHECK(hui_convert_wanted("a.odt"));
  CHECK(hui_convert_wanted("a.rtf"));
  CHECK(!hui_convert_wanted("a.docx"));
  CHECK(!hui_convert_wanted(".doc"));
}

static void test_missing(const char *dir) {
  char *empty = hui_xasprintf("%s/empty", dir);
  mkdir(empty, 0700);
  setenv("PATH", empty, 1);
  char *why = NULL;
  CHECK(hui_convert_to_docx("/nowhere/事迹.doc", dir, &why) == NULL);
  CHECK(why && strstr(why, "libreoffice-writer-nogui") && strstr(why, ".docx"));
  free(why);
  free(empty);
}

static void test_stuck(const char *dir, const char *path) {
  char *bin = hui_xasprintf("%s/bin", dir), *fake = hui_xasprintf("%s/bin/soffice", dir);
  char *pidfile = hui_xasprintf("%s/sleeper.pid", dir);
  mkdir(bin, 0700);
  /* a converter that never finishes, with a child of its own */
  char *script = hui_xasprintf("#!/bin/sh\nsleep 300 &\necho $! > '%s'\nwait\n", pidfile);
  write_file(fake, script, 0700);
  char *with_fake = hui_xasprintf("%s:%s", bin, path); /* first on PATH, sleep found after it */
  setenv("PATH", with_fake, 1);
  free(with_fake);
  setenv("HUIBIAN_CONVERT_TIMEOUT", "1", 1);
  CHECK_INT(hui_convert_timeout(), 1);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  char *why = NULL;
  CHECK(hui_convert_to_docx("/nowhere/事迹.wps", dir, &why) == NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  CHECK(took >= 0.9 && took < 10);
  CHECK(why && strstr(why, "1 seconds"));
  if (why && !strstr(why, "1 seconds")) {
    fprintf(stderr, "stuck: %s\n", why);
  }
  free(why);
  /* the sleeping child went with it */
  size_t len = 0;
  char *pid = hui_read_file(pidfile, 64, &len);
  CHECK(pid != NULL);
  if (pid) {
    usleep(100 * 1000);
    CHECK(!running(atoi(pid)));
  }
  free(pid);
  unsetenv("HUIBIAN_CONVERT_TIMEOUT");
  free(script);
  free(pidfile);
  free(fake);
  free(bin);
}

static void test_real(const char *dir, const char *path) {
  setenv("PATH", path, 1);
  char *in = hui_xasprintf("%s/李秀兰事迹.fodt", dir);
  write_file(in, fodt, 0600);
  char *why = NULL;
  char *out = hui_convert_to_docx(in, dir, &why);
  if (!out) {
    fprintf(stderr, "convert: %s\n", why ? why : "(no reason)");
  }
  CHECK(out != NULL);
  if (out) {
    CHECK(strstr(out, "/李秀兰事迹.docx") != NULL);
    size_t len = 0;
    char *bytes = hui_read_file(out, 10u * 1024u * 1024u, &len);
    CHECK(bytes && len > 4 && memcmp(bytes, "PK\x03\x04", 4) == 0);
    free(bytes);
  }
  free(out);
  free(why);
  free(in);
}

int main(void) {
  char tmpl[] = "/tmp/huibian-convert-XXXXXX";
  const char *dir = mkdtemp(tmpl);
  CHECK(dir != NULL);
  if (!dir) {
    return CHECK_DONE();
  }
  char *path = hui_xstrdup(getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
  test_wanted();
  test_real(dir, path);
  test_missing(dir);
  test_stuck(dir, path);
  setenv("PATH", path, 1);
  free(path);
  char *rm = hui_xasprintf("rm -rf '%s'", dir);
  CHECK(system(rm) == 0);
  free(rm);
  return CHECK_DONE();
}
