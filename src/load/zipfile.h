/* load/zipfile: reading members of a ZIP package (.xlsx, .docx), and
 * writing a ZIP archive (the web edition's web.zip) — libzip
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

/* One member of a ZIP archive to write: its name inside the archive, its
 * bytes (which stay the caller's), and whether to store it as it is (a
 * JPEG) rather than deflate it. */
typedef struct hui_zip_member {
  const char *name;
  const void *bytes;
  size_t len;
  bool store;
} hui_zip_member;

/* Writes members[0..n) in that order into a new ZIP archive at path (replaced
 * if it exists). Nothing in it depends on when or where it is written: every
 * member is dated year-month-day 00:00 (DOS time, no time zone), has the
 * permissions rw-r--r--, and no extra fields, so the same members give the
 * same bytes. False with *why (caller frees). */
bool hui_zip_write(const char *path, const hui_zip_member *members, size_t n, int year, int month,
                   int day, char **why);

#endif
