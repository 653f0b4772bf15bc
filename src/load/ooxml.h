/* load/ooxml: what the .xlsx and .docx readers share about an Office Open
 * XML package: a relationship's target resolved to a member name (refusing
 * one that climbs out of the package), and a part's relationships read into
 * a list. The readers parse parts themselves, so that their messages name
 * a workbook or a document. */
#ifndef HUI_LOAD_OOXML_H
#define HUI_LOAD_OOXML_H

#include <stdbool.h>
#include <stddef.h>

#include "load/zipfile.h"

/* The member a relationship's target names, read from the folder base ("",
 * "xl/", "word/") of the part that holds the relationship: "../" and "./"
 * segments folded, a leading "/" from the package's root. NULL when the
 * target climbs out of the package or names nothing. Caller frees. */
char *hui_ooxml_resolve(const char *base, const char *target);

/* The folder of a member ("word/" for "word/document.xml", "" at the root)
 * and the name of its relationships part ("word/_rels/document.xml.rels").
 * Caller frees both. */
void hui_ooxml_rels_name(const char *member, char **dir, char **rels);

typedef struct hui_ooxml_rel {
  char *id;
  char *type;   /* the Type URI */
  char *target; /* the resolved member, NULL when external or climbing out */
  bool external;
  bool climbs; /* the target climbs out of the package (../) */
} hui_ooxml_rel;

typedef struct hui_ooxml_rels {
  hui_ooxml_rel *rel;
  size_t n, cap;
} hui_ooxml_rels;

/* The relationship whose Id is id, or NULL. */
const hui_ooxml_rel *hui_ooxml_rel_by_id(const hui_ooxml_rels *r, const char *id);
/* The first relationship whose Type ends with type_end ("/styles"), or NULL. */
const hui_ooxml_rel *hui_ooxml_rel_by_type(const hui_ooxml_rels *r, const char *type_end);
/* Frees what r holds and zeroes it. */
void hui_ooxml_rels_clear(hui_ooxml_rels *r);

#endif
