/* main: the program's entry — process-wide set-up, then the command line. */
#include <stdlib.h>

#include "../base/base.h"
#include "../layout/para.h"
#include "../pdf.h"
#include "../text/text.h"
#include "cli.h"
#include "errstream.h"

int main(int argc, char **argv) {
  hui_stderr_escaped();      /* file names in messages: no raw bytes */
  atexit(hui_text_release); /* the break iterators kept between paragraphs */
  atexit(hui_para_release); /* and the buffers of setting one */
  atexit(hui_pdf_release);  /* and the deflate compressors kept between pages */
  hui_umask();               /* read while no other thread can create a file */
  return hui_cli_run(argc, argv);
}
