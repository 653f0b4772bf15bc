/* load/zipfile: reading members of a ZIP package (.xlsx, .docx) — libzip
 * behind one door, in zipfile.c alone (its own module in src/CMakeLists.txt).
 * Every read is capped by the bytes actually inflated, not by the sizes the
 * archive claims, so a zip bomb or lying header stops at the cap. */
#ifndef HUI_LOAD_ZIPFILE_H
#define HUI_LOAD_ZIPFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hui_zip hui_zip;

/* Opens the len bytes at bytes as a ZIP archive; the bytes must stay as they
 * are until hui_zip_close. Returns NULL with *why set (caller frees) when they
 * are not a readable ZIP archive. */
hui_zip *hui_zip_open_memory(const void *bytes, size_t len, char **why);

/* Whether the archive has a member of that exact name. */
bool hui_zip_has(hui_zip *z, const char *name);

/* The member's bytes, NUL-terminated, with *len their count (caller frees),
 * or NULL with *why set (caller frees) when it is missing, encrypted,
 * damaged, or inflates to more than cap bytes. */
char *hui_zip_read(hui_zip *z, const char *name, size_t cap, size_t *len, char **why);

/* Closes the archive (NULL-safe). */
void hui_zip_close(hui_zip *z);

#endif
