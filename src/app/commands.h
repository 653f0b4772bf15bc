/* commands: the commands of the command line, each given its parsed
 * options (cli.c checked that the ones it needs are there). Each returns
 * the exit status after reporting to stderr (build.h: 0, 1, 2). */
#ifndef HUI_COMMANDS_H
#define HUI_COMMANDS_H

#include "build.h"

int hui_cmd_check(const hui_build_opts *o);
int hui_cmd_fix(const hui_build_opts *o);
int hui_cmd_build(const hui_build_opts *o);
int hui_cmd_certificates(const hui_build_opts *o);
int hui_cmd_archive(const hui_build_opts *o);
int hui_cmd_verify(const hui_build_opts *o);
int hui_cmd_fonts(const hui_build_opts *o);
int hui_cmd_rules(const hui_build_opts *o);
int hui_cmd_import(const hui_build_opts *o); /* importing.c */
int hui_cmd_index(const hui_build_opts *o);  /* indexing.c */

#endif
