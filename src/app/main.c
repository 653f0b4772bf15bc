/* main: the program's entry — process-wide set-up, then the command line. */
#include <stdlib.h>

#include "../base/base.h"
#include "build.h"
#include "cli.h"
#include "errstream.h"

int main(int argc, char **argv) {
  hui_stderr_escaped();              /* file names in messages: no raw bytes */
  atexit(hui_thread_caches_release); /* break iterators, paragraph buffers, compressors */
  hui_umask();                       /* read while no other thread can create a file */
  return hui_cli_run(argc, argv);
}
