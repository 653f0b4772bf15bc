/* main: the command line — parses arguments, wires the stages, sets exit codes. */
#include <stdio.h>
int main(void) { return 0; }
