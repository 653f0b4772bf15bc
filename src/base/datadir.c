/* datadir: where huibian's own files are (see datadir.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "datadir.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base.h"

/* What CMake compiles in (src/CMakeLists.txt): the install layout, and
 * the build tree unless HUIBIAN_BUILD_TREE_DATA is off. */
#if !defined(HUIBIAN_REL_DATADIR) || !defined(HUIBIAN_REL_LOCALEDIR) || \
    !defined(HUIBIAN_INSTALL_DATADIR) || !defined(HUIBIAN_INSTALL_LOCALEDIR)
#error "build with CMake: it says where huibian is installed (src/CMakeLists.txt)"
#endif

static pthread_once_t found_once = PTHREAD_ONCE_INIT;
static char *data_dir; /* never freed: the process's answer */
static char *locale_dir;

static bool is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running executable, symbolic links resolved (so a
 * link in /usr/local/bin to an installed tree elsewhere finds that tree);
 * NULL when the system does not say (no /proc). */
static char *exe_dir(void) {
  char *exe = realpath("/proc/self/exe", NULL);
  if (!exe) return NULL;
  char *slash = strrchr(exe, '/');
  if (slash) slash[slash == exe ? 1 : 0] = '\0';
  return exe;
}

#ifdef HUIBIAN_BUILD_DIR
/* Whether the resolved path is folder dir or inside it. */
static bool inside(const char *path, const char *dir) {
  char *real = realpath(dir, NULL);
  if (!real) return false;
  size_t n = strlen(real);
  bool in = strncmp(path, real, n) == 0 && (path[n] == '\0' || path[n] == '/' || n == 1);
  free(real);
  return in;
}
#endif

/* dir/rel resolved when it exists, else as joined. */
static char *resolved(const char *dir, const char *rel) {
  char *joined = hui_path_join(dir, rel);
  char *real = realpath(joined, NULL);
  if (!real) return joined;
  free(joined);
  return real;
}

static void find_dirs(void) {
  char *bin = exe_dir();
  char *installed = bin ? resolved(bin, HUIBIAN_REL_DATADIR) : NULL;
  char *templates = installed ? hui_path_join(installed, "templates") : NULL;
  if (templates && is_dir(templates)) {
    data_dir = installed;
    locale_dir = resolved(bin, HUIBIAN_REL_LOCALEDIR);
#ifdef HUIBIAN_BUILD_DIR
  } else if (bin && inside(bin, HUIBIAN_BUILD_DIR)) {
    free(installed);
    data_dir = hui_xstrdup(HUIBIAN_SOURCE_DATADIR);
    locale_dir = hui_xstrdup(HUIBIAN_BUILD_LOCALEDIR);
#endif
  } else {
    free(installed);
    data_dir = hui_xstrdup(HUIBIAN_INSTALL_DATADIR);
    locale_dir = hui_xstrdup(HUIBIAN_INSTALL_LOCALEDIR);
  }
  free(templates);
  free(bin);
}

static const char *env_or(const char *name, char **found) {
  const char *v = getenv(name);
  if (v && *v) return v;
  pthread_once(&found_once, find_dirs);
  return *found;
}

const char *hui_data_dir(void) { return env_or("HUIBIAN_DATA", &data_dir); }

const char *hui_locale_dir(void) { return env_or("HUIBIAN_LOCALEDIR", &locale_dir); }
