/* outputs: the registry of what a build can write. Each output kind is one
 * row — its name (for `build --only`), what it is, whether it is paged
 * (composed into pages and written through a backend) or flowing (a file
 * written straight), whether a build writes it by default, and the function
 * that writes it into the build's folder. A new output is a file of its own
 * with that function, and one row in outputs.c. */
#ifndef HUI_OUTPUTS_H
#define HUI_OUTPUTS_H

#include <stdbool.h>
#include <stddef.h>

struct hui_build_state; /* build.h: what a build has made so far */

typedef struct hui_output_kind {
  const char *name;
  const char *summary;
  bool paged;
  bool by_default;
  /* Writes the output into state->dir; false after printing why. */
  bool (*write)(struct hui_build_state *state);
} hui_output_kind;

/* The registry, in the order a build writes. */
const hui_output_kind *hui_outputs(size_t *n);

/* A choice of outputs: the default ones unless `given`. */
typedef struct hui_output_set {
  bool given;
  unsigned bits; /* bit i: row i of the registry */
} hui_output_set;

/* Parses "compendium,report" into *set. False with *bad (caller frees) the
 * first name the registry does not have. */
bool hui_outputs_parse(const char *list, hui_output_set *set, char **bad);
/* Whether set asks for the output named name. */
bool hui_outputs_want(const hui_output_set *set, const char *name);
/* Adds the output named name to set (to the default ones when set was not
 * given): the archive files the web edition with the others. */
void hui_outputs_add(hui_output_set *set, const char *name);
/* The names of the registry, comma-separated. Caller frees. */
char *hui_outputs_names(void);
struct hui_campaign;
struct hui_diags;
/* The outputs a build writes: only when --only gave it, else the campaign's
 * <outputs> list, else the registry's default ones. A name in <outputs> that
 * the registry lacks is an error finding (rule "schema") at <outputs> in d,
 * and is left out (d NULL: no finding). */
void hui_outputs_resolve(const hui_output_set *only, const struct hui_campaign *c,
                         hui_output_set *set, struct hui_diags *d);
/* Nothing to free today; kept so a set may grow options per kind. */
void hui_outputs_free(hui_output_set *set);

#endif
