/* archive: atomic writes, manifest.json and verify, archived editions and
 * their index (ARCHIVE/index.json) — the memory across years. */
#ifndef HUI_ARCHIVE_H
#define HUI_ARCHIVE_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

/* mkdir -p. Returns false with errno set when path is not a folder after. */
bool hui_make_dirs(const char *path);

/* Writes len bytes of text to path through a temporary file beside it
 * (mode as a plain create would give, synced) and a rename. Returns false
 * with errno set; path is then untouched. */
bool hui_write_atomic(const char *path, const char *text, size_t len);

/* Many files written atomically at once, for a command that writes hundreds
 * (import): each is written to its temporary file beside its path, then
 * commit puts them all on disk together (an fsync per file costs a disk
 * flush each: seconds for 500 files) and renames them in the order added.
 * Until commit no path is touched; what free finds not renamed is removed. */
typedef struct hui_write_batch hui_write_batch;
hui_write_batch *hui_write_batch_new(void);
/* Writes the temporary file of path, to be renamed at commit; tag is the
 * caller's (which item the file belongs to). Returns false with errno set,
 * nothing left behind. */
bool hui_write_batch_add(hui_write_batch *b, const char *path, const char *text, size_t len,
                         size_t tag);
/* Syncs and renames every file added. Returns false with errno set and
 * *failed the path that could not be written; the files renamed before it
 * stay (hui_write_batch_done tells which tags are complete). */
bool hui_write_batch_commit(hui_write_batch *b, const char **failed);
/* Whether every file added with tag has been renamed into place. */
bool hui_write_batch_done(const hui_write_batch *b, size_t tag);
/* Removes the temporary files not renamed and frees b (NULL-safe; keeps errno). */
void hui_write_batch_free(hui_write_batch *b);

/* --- manifest.json ------------------------------------------------------ */

/* Where a file listed in a manifest lives: relative to the edition folder,
 * to huibian's data folder (templates/, fonts/), or an absolute path. */
typedef enum { HUI_FROM_EDITION, HUI_FROM_HUIBIAN, HUI_FROM_SYSTEM, HUI_FROM_OUTPUT } hui_from;

typedef struct hui_manifest hui_manifest;

/* A manifest for an edition named edition_name (as report.json names it).
 * Free with hui_manifest_free (NULL-safe). */
hui_manifest *hui_manifest_new(const char *edition_name, const char *year);
void hui_manifest_free(hui_manifest *m);
/* Lists the file at file (hashed when written) in group ("inputs",
 * "templates", "fonts" or "outputs"), recorded as path relative to from. A
 * path listed twice in a group is kept once. */
void hui_manifest_add(hui_manifest *m, const char *group, hui_from from, const char *path,
                      const char *file);
/* Lists file as output path (relative to the output folder), written by the
 * command by ("certificates"; NULL: the build), which the manifest records:
 * a build replaces its own earlier outputs, never another command's. */
void hui_manifest_add_output(hui_manifest *m, const char *path, const char *file, const char *by);
/* Adds the outputs of old that another command wrote (by) and that are
 * files under dir now, unless m lists them already, with the size and digest
 * old records. Returns how many. */
size_t hui_manifest_keep_others(hui_manifest *m, const hui_manifest *old, const char *dir);
/* Lists file (a path as the tool opened it), deciding from by where it lies:
 * inside edition_dir, inside data_dir, else the system (path kept as given). */
void hui_manifest_add_found(hui_manifest *m, const char *group, const char *edition_dir,
                            const char *data_dir, const char *file);
/* The same for a file whose real path is known already (real, e.g. from
 * hui_path_inside; NULL: it has none), with the size and SHA-256 (hex) of
 * the bytes the build read when known (hex NULL: hashed when written). */
void hui_manifest_add_resolved(hui_manifest *m, const char *group, const char *edition_dir,
                               const char *data_dir, const char *file, const char *real,
                               uint64_t size, const char *hex);
/* The paths of the edition's own files listed (relative to the edition,
 * sorted): what an archive copies. *n of them; the array and strings are
 * fresh (caller frees each and the array). */
char **hui_manifest_edition_files(const hui_manifest *m, size_t *n);
/* The digest of file (as listed) computed earlier, e.g. on another thread
 * while the build ran: hui_manifest_write uses it instead of reading the
 * file again. */
void hui_manifest_known(hui_manifest *m, const char *file, uint64_t size, const char hex[65]);
/* The edition folder's absolute path, recorded so that verify finds the
 * inputs from any current folder; NULL records nothing. */
void hui_manifest_set_edition_path(hui_manifest *m, const char *path);
/* Archive fields: the revision (1, 2, …) and the folder it supersedes. */
void hui_manifest_set_archive(hui_manifest *m, int revision, const char *supersedes);
/* The manifest of folder dir (dir/manifest.json), to be changed and written
 * again: its entries keep the sizes and digests recorded in it (no file is
 * read again), so a file changed since stays found out by verify. NULL with
 * *why set (caller frees) when it cannot be read or is not a manifest. */
hui_manifest *hui_manifest_read(const char *dir, char **why);
/* Removes the entries of group whose path is path, or lies under it when
 * path ends in '/'. */
void hui_manifest_remove(hui_manifest *m, const char *group, const char *path);
/* Hashes every file and writes DIR/manifest.json (sorted, atomically).
 * Returns false with *why set (caller frees). */
bool hui_manifest_write(hui_manifest *m, const char *dir, char **why);

/* huibian verify DIR: recomputes every file of DIR/manifest.json and prints
 * each difference in plain words to stderr. Outputs are looked up in DIR;
 * inputs in DIR/<edition> (a sealed archive edition's copy), else at the
 * edition's absolute path the manifest records, else <edition> from the
 * current folder (manifests of earlier versions); huibian's files in data_dir. Returns 0 when all
 * match, 1 when any differs or is missing, 2 when the manifest is unusable.
 * quiet leaves out the closing line when all match. */
int hui_verify(const char *dir, const char *data_dir, bool quiet);

/* --- the archive -------------------------------------------------------- */

/* The memory of earlier editions for check --archive: every awardee of
 * ARCHIVE/index.json, and their bodies loaded from the archived inputs. */
typedef struct hui_archive_memory hui_archive_memory;
/* Returns NULL with *why set when ARCHIVE/index.json cannot be read. An
 * archive with no index yet (no edition archived) gives an empty memory.
 * Free with hui_archive_memory_free (NULL-safe). */
hui_archive_memory *hui_archive_memory_open(const char *archive, char **why);
void hui_archive_memory_free(hui_archive_memory *m);
/* Fills the env's past and archived members (borrowed from m). */
struct hui_rules_env;
void hui_archive_memory_env(const hui_archive_memory *m, struct hui_rules_env *env);

/* The archived edition folders of ARCHIVE: "2019", "2020", "2020-r2", … */
bool hui_archive_is_edition_name(const char *name, int *year, int *revision);
/* Rewrites ARCHIVE/index.json from the newest revision of every archived
 * year (its report.json). Returns false with *why set. */
bool hui_archive_reindex(const char *archive, char **why);
/* Removes the temporary folders (.tmp-*) that killed runs left in ARCHIVE,
 * those whose process is gone. */
void hui_archive_clean(const char *archive);
/* Every file (and link) below folder root, as paths relative to it, in no
 * particular order; folders are walked to a fixed depth. *n of them; the
 * array and strings are fresh (caller frees each and the array). */
char **hui_list_files(const char *root, size_t *n);
/* rm -rf of a folder huibian made (no symlinks followed). */
bool hui_remove_tree(const char *path);
/* Copies file src to dst (creating dst's folders), atomically. */
bool hui_copy_file(const char *src, const char *dst, char **why);

#endif
