/* xindex: the cross-county originality index (huibian index EDITION... -o
 * FILE): the windows of many editions' submission bodies, hashed as the
 * originality rule hashes them (rules/shingle.h), sorted so that a check
 * looks each of its own windows up in the mapped file without reading it
 * whole. docs/rules.md describes the file; rules/cross.c uses it. */
#ifndef HUI_XINDEX_H
#define HUI_XINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The name that tells an edition from the others in an index: its campaign's
 * <area> (the county) and year as written, "青石县 2020"; without an area the
 * campaign's name, else the folder's name. Caller frees. */
char *hui_xindex_edition_name(const hui_edition *e);

/* --- writing -------------------------------------------------------------- */

typedef struct hui_xindex_builder hui_xindex_builder;
hui_xindex_builder *hui_xindex_builder_new(void);
/* Adds the windows of e's loaded bodies (e may be freed after). False with
 * *why (caller frees) when an edition of the same name is in already. */
bool hui_xindex_add(hui_xindex_builder *b, const hui_edition *e, char **why);
/* Writes the index to path (a temporary file beside it, then a rename): the
 * same editions in the same order give the same bytes. False with *why. */
bool hui_xindex_write(hui_xindex_builder *b, const char *path, char **why);
/* What was added: editions, documents, windows. */
void hui_xindex_builder_counts(const hui_xindex_builder *b, size_t *editions, size_t *docs,
                               uint64_t *windows);
void hui_xindex_builder_free(hui_xindex_builder *b);

/* --- reading -------------------------------------------------------------- */

typedef struct hui_xindex hui_xindex;
/* Maps the index at path and checks its header and tables (not the
 * windows: each is checked when looked up). NULL with *why (caller frees). */
hui_xindex *hui_xindex_open(const char *path, char **why);
/* The same over size bytes at data (kept by the caller while in use). */
hui_xindex *hui_xindex_open_mem(const void *data, size_t size, char **why);
void hui_xindex_close(hui_xindex *x); /* NULL-safe */

size_t hui_xindex_ndocs(const hui_xindex *x);
/* Document i: its edition's number, its file name (as the edition's check
 * names it, not NUL-terminated: *len bytes) and its normalised length. */
uint32_t hui_xindex_doc(const hui_xindex *x, uint32_t i, const char **name, size_t *len,
                        uint32_t *length);
/* Edition i's name (*len bytes); the number of the edition called name, or
 * UINT32_MAX when the index has none. */
const char *hui_xindex_edition(const hui_xindex *x, uint32_t i, size_t *len);
uint32_t hui_xindex_find_edition(const hui_xindex *x, const char *name);

/* The entries of the window hash h (hui_sh_mix of the rolling hash): from
 * *first, the count returned, each read with hui_xindex_entry, by document
 * then position. Lookups made in increasing h let the pages passed be
 * dropped (hui_xindex_release). */
size_t hui_xindex_find(const hui_xindex *x, uint64_t h, size_t *first);
/* Entry k: false (and the index counted damaged) when it names no document. */
bool hui_xindex_entry(const hui_xindex *x, size_t k, uint32_t *doc, uint32_t *pos);
/* Gives back the mapped pages of the directory and the entries before
 * those of hash h (a check looking up in increasing h keeps only a few
 * megabytes of the index in memory, whatever its size). */
void hui_xindex_release(const hui_xindex *x, uint64_t h);
/* Says how many lookups are coming (in increasing h): the file is then read
 * ahead, or not. */
void hui_xindex_expect(const hui_xindex *x, size_t lookups);
/* Whether a lookup met a damaged part (a directory out of order, an entry of
 * no document): those parts were left out. */
bool hui_xindex_damaged(const hui_xindex *x);

#endif
