/* cli: the command line (see cli.c). */
#ifndef HUI_CLI_H
#define HUI_CLI_H

/* Parses the arguments, runs the command and returns the exit status
 * (build.h: 0 success, 1 the edition has errors, 2 usage or environment). */
int hui_cli_run(int argc, char **argv);

#endif
