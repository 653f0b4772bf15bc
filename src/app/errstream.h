/* errstream: what huibian writes to standard error is always UTF-8 text. */
#ifndef HUI_ERRSTREAM_H
#define HUI_ERRSTREAM_H

/* Replaces stderr by a stream that passes its text on to file descriptor 2
 * with every byte that is not part of a UTF-8 character written as \xHH, and
 * control and invisible characters as \xHH or \uHHHH, as the findings write
 * them (hui_diags_print). Messages name files, and a file name may be any
 * bytes (a GBK name copied from Windows, an escape sequence): raw, they show
 * as garbage or upset the clerk's terminal. Newlines, carriage returns, tabs
 * and the progress line's ESC [ K pass unchanged. Call once, first thing. */
void hui_stderr_escaped(void);

#endif
