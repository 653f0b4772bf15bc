/* app/convert: Word files huibian does not read itself (.doc, .wps, .odt,
 * .rtf) turned into .docx by LibreOffice in headless mode, when it is
 * installed. Never a hang: the converter runs in its own process group with
 * stdin from /dev/null, its own profile folder (no clash with a LibreOffice
 * the clerk has open), without a network when the system allows it, and is
 * killed with its children after a time limit. */
#ifndef HUI_APP_CONVERT_H
#define HUI_APP_CONVERT_H

#include <stdbool.h>

/* Whether a file of this name is converted first (.doc, .wps, .odt, .rtf in
 * any case). */
bool hui_convert_wanted(const char *name);

/* The time limit in seconds: $HUIBIAN_CONVERT_TIMEOUT when it is a positive
 * number, else 60. */
unsigned hui_convert_timeout(void);

/* Converts the file at in to .docx in the folder outdir (absolute, existing,
 * writable; the profile goes into outdir/profile). Returns the .docx's path
 * (caller frees), or NULL with *why set (caller frees): LibreOffice (soffice
 * on PATH) is not installed, the time limit passed, or it made no .docx. */
char *hui_convert_to_docx(const char *in, const char *outdir, char **why);

#endif
