/* main: the program's entry — process-wide set-up, then the command line. */
#include <stdlib.h>

#include "../base/base.h"
#include "../text/text.h"
#include "cli.h"

int main(int argc, char **argv) {
  atexit(hui_text_release); /* the break iterators kept between paragraphs */
  hui_umask();               /* read while no other thread can create a file */
  return hui_cli_run(argc, argv);
}
