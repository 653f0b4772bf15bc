/* outdir: where huibian may write, and an output folder replaced as a whole.
 *
 * A run that writes an output folder OUT writes everything into a private
 * staging folder beside it (OUT's parent, so the same file system), named
 * .OUT.huibian-XXXXXX and locked (flock) for as long as the run lives. When
 * all is written, hui_outdir_commit takes the parent's lock, carries into the
 * staging folder what the old OUT holds that this run does not replace (an
 * office's own files, other commands' outputs), and exchanges the two folders
 * in one rename (renameat2 RENAME_EXCHANGE). At every moment OUT is the old
 * folder or the new one, never a mix, whatever kills the run; two runs into
 * one OUT each commit whole, one after the other. Staging folders whose run
 * is gone (their lock is free) are removed by the next run.
 *
 * Nothing is ever written into a sealed archive edition (a folder holding
 * SEALED, which `huibian archive` writes) or anywhere below one. */
#ifndef HUI_OUTDIR_H
#define HUI_OUTDIR_H

#include <stdbool.h>
#include <stddef.h>

/* The SEALED file that seals path: in path itself or in a folder above it
 * (links resolved; path need not exist yet). NULL when none. Caller frees. */
char *hui_seal_above(const char *path);

/* The message for a command that refuses to write into path, which seal
 * seals (what: "the output folder", "the edition"); the caller adds what to
 * do instead. Caller frees. */
char *hui_seal_refusal(const char *path, const char *seal, const char *what);

typedef struct hui_outdir hui_outdir;

/* Whether out may be written as an output folder: false with *why set
 * (caller frees) when it is a file, is sealed or lies in a sealed folder,
 * holds a sealed edition, or is or holds the edition folder (edition may be
 * NULL). Changes nothing. */
bool hui_outdir_check(const char *out, const char *edition, char **why);

/* Starts writing the output folder out. Refuses (NULL with *why set, the
 * caller frees) what hui_outdir_check refuses; otherwise removes the staging folders of dead runs beside out and
 * makes a new one (out's parent folders are made when missing). Finish with
 * hui_outdir_commit or hui_outdir_abort. */
hui_outdir *hui_outdir_begin(const char *out, const char *edition, char **why);

/* The staging folder to write into. */
const char *hui_outdir_path(const hui_outdir *od);

/* What a run replaces in the old folder: these relative paths (a name
 * ending in '/' is a whole folder), and with earlier_outputs also every
 * output the old folder's manifest.json lists as the build's own (not those
 * another command wrote, see by), and the manifest itself.
 * Whatever else the old folder holds is kept (carried into the new one),
 * unless the new one has a file of the same name. */
typedef struct hui_outdir_replace {
  bool earlier_outputs;
  const char *const *paths;
  size_t npaths;
  /* A run that writes no manifest of its own names itself here
   * ("certificates"): what it wrote is listed in the manifest the old folder
   * holds (as written by it), in place of that manifest's entries for these
   * paths, so that verify knows the files. The other entries keep their
   * digests. Without a manifest there, none is made. A run that writes a
   * manifest (NULL here) gets the old manifest's entries for other commands'
   * files that stay in the folder. */
  const char *by;
} hui_outdir_replace;

/* Puts the staging folder in out's place (see above) and frees od. Returns
 * false with *why set (caller frees) when it cannot: out is then as it was
 * and the staging folder is removed. */
bool hui_outdir_commit(hui_outdir *od, const hui_outdir_replace *replace, char **why);

/* Removes the staging folder and frees od (NULL-safe): out is untouched. */
void hui_outdir_abort(hui_outdir *od);

#endif
