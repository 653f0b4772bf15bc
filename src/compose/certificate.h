/* certificate: 荣誉证书 — one display-list page per awardee from the campaign's
 * <certificate> and a certificate template (full design or pre-printed
 * stock), and the alignment sheet for pre-printed stock. */
#ifndef HUI_CERTIFICATE_H
#define HUI_CERTIFICATE_H

#include <stdbool.h>
#include <stddef.h>

#include "book.h"

/* Where a field was set on a certificate (for tests and --trace). */
typedef struct hui_cert_place {
  size_t page;          /* index into the book's pages */
  hui_cbox_field field;
  size_t first, count;  /* the field's glyphs: a range of the page's glyphs */
  double x, y, w, h;    /* its box in pt from the page's top-left corner (offset applied) */
  double size;          /* the size it was set at, pt */
  size_t lines;         /* lines it took */
} hui_cert_place;

/* Composed certificates: the book has one page per certificate — one per
 * awardee, or, with <certificate per-person="yes">, one per person of an
 * awardee of several persons (hui_cert_persons). */
typedef struct hui_certs {
  hui_book *book;
  size_t n, cap;        /* certificates (= pages) */
  size_t *subs;         /* per page: the awardee's submission index */
  size_t *persons;      /* per page: 0 for the awardee as a whole, else which of
                           its persons (1: the person, 2: others[0], …) */
  char **numbers;       /* per page: the certificate number */
  char **names;         /* per page: the name it is made out to */
  hui_cert_place *places;
  size_t nplaces, capplaces;
} hui_certs;

typedef struct hui_cert_opts {
  double offset_x, offset_y; /* mm, shifts everything right and down (printer correction) */
  const bool *keep;          /* per position of order: make this one; NULL = all */
  /* When set, each page goes to out as soon as it is made and is freed: the
   * book keeps no pages then (its total counts them), only its bookmarks and
   * images, and the places name the pages as out numbers them. A page out
   * refuses ends the composition with out's reason. */
  hui_backend *out;
} hui_cert_opts;

/* Composes the certificates of the awardees order[0..norder) (compendium
 * order; numbers count over all of them, also those opts->keep leaves out, so
 * a reprint keeps its number). t must be a certificate template. Lines that
 * had to shrink are cert-shrunk warnings in d, an unusable seal cert-seal, a
 * text that fits nowhere cert-overflow: once on campaign.xml (at the words'
 * element) when the campaign's words do not fit by themselves, else on the
 * awardee's file, naming the awardee whose name, unit or position is too
 * long. A finding is never added twice. Returns NULL with *why set (caller
 * frees) when the template's box texts are bad. Free with hui_certs_free. */
hui_certs *hui_certificates_compose(const hui_edition *e, const size_t *order, size_t norder,
                                    const hui_template *t, hui_fonts *fonts,
                                    const hui_cert_opts *opts, hui_diags *d, char **why);
void hui_certs_free(hui_certs *c); /* NULL-safe */

/* The alignment sheet: one page the size of t's paper with a millimetre grid
 * (numbered every 10 mm) and the outline of every box, named, all shifted by
 * the offset. Caller frees with hui_book_free. */
hui_book *hui_certificates_calibration(const hui_template *t, hui_fonts *fonts,
                                       const hui_cert_opts *opts);

/* The name a box field has in templates ("title", "name", …). */
const char *hui_cbox_name(hui_cbox_field f);

#endif
