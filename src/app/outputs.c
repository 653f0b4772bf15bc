/* outputs: the registry of output kinds (see outputs.h). */
#include "outputs.h"

#include <stdlib.h>
#include <string.h>

#include "../base/base.h"
#include "../base/i18n.h"
#include "../diag.h"
#include "../model.h"
#include "build.h"

static const hui_output_kind KINDS[] = {
    {"compendium", N_("compendium.pdf: the bound compendium of the deeds (汇编成册)"), true, true,
     hui_write_compendium},
    {"certificates", N_("certificates.pdf (and with the certificates command, one file each): 荣誉证书"),
     true, true, hui_write_certificates},
    {"report", N_("report.json: every submission with its 字数, tier, certificate number and findings"),
     false, true, hui_write_report},
    {"decision", N_("decision.pdf: the 表彰决定 in GB/T 9704 format, the awardee list as its 附件 (from <decision>)"),
     true, false, hui_write_decision},
    {"publicity", N_("publicity.pdf: the 公示 of the awardees in GB/T 9704 format (from <publicity>)"),
     true, false, hui_write_publicity},
    {"web", N_("web/ and web.zip: the county website edition (专题专栏, a page per article, 公众号 copies)"),
     false, false, hui_write_web},
    {"stats", N_("stats.xlsx and stats.csv: per recommending unit and township, the figures for the annual "
                 "appraisal (年度工作考核)"),
     false, false, hui_write_stats},
    {"progress", N_("progress.pdf: the 进展通报 in GB/T 9704 format with the stats tables (from <progress>)"),
     true, false, hui_write_progress},
    {"poster", N_("poster.pdf: the 光荣榜 in colour on one large sheet (with --tile, also "
                  "poster-tiles.pdf on office paper)"),
     true, false, hui_write_poster},
    {"boards", N_("boards.pdf: one 展板 panel per awardee with photo and short version"), true, false,
     hui_write_boards},
};
enum { NKINDS = sizeof KINDS / sizeof *KINDS };

const hui_output_kind *hui_outputs(size_t *n) {
  *n = NKINDS;
  return KINDS;
}

static int find(const char *name, size_t len) {
  for (int i = 0; i < NKINDS; i++)
    if (strlen(KINDS[i].name) == len && strncmp(KINDS[i].name, name, len) == 0) return i;
  return -1;
}

bool hui_outputs_parse(const char *list, hui_output_set *set, char **bad) {
  set->given = true;
  set->bits = 0;
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    int k = find(p, len);
    if (k < 0 && len) {
      *bad = hui_xstrndup(p, len);
      return false;
    }
    if (k >= 0) set->bits |= 1u << k;
    p += len + (p[len] == ',');
  }
  if (!set->bits) {
    *bad = hui_xstrdup(list);
    return false;
  }
  return true;
}

bool hui_outputs_want(const hui_output_set *set, const char *name) {
  int k = find(name, strlen(name));
  if (k < 0) return false;
  return set->given ? (set->bits >> k) & 1u : KINDS[k].by_default;
}

char *hui_outputs_names(void) {
  hui_buf b = {0};
  for (int i = 0; i < NKINDS; i++) {
    if (i) hui_buf_puts(&b, ", ");
    hui_buf_puts(&b, KINDS[i].name);
  }
  return hui_buf_take(&b);
}

void hui_outputs_add(hui_output_set *set, const char *name) {
  if (!set->given) {
    set->bits = 0;
    for (int i = 0; i < NKINDS; i++)
      if (KINDS[i].by_default) set->bits |= 1u << i;
    set->given = true;
  }
  int k = find(name, strlen(name));
  if (k >= 0) set->bits |= 1u << k;
}

void hui_outputs_resolve(const hui_output_set *only, const hui_campaign *c, hui_output_set *set, hui_diags *d) {
  const hui_field *f = &c->outputs.list;
  if (only->given || !f->text) {
    *set = *only;
    return;
  }
  *set = (hui_output_set){.given = true};
  static const char SEP[] = " ,\t\n\r";
  for (const char *p = f->text + strspn(f->text, SEP); *p; p += strspn(p, SEP)) {
    size_t len = strcspn(p, SEP);
    int k = find(p, len);
    if (k >= 0) {
      set->bits |= 1u << k;
    } else if (d) {
      char *names = hui_outputs_names();
      hui_diag_add(d, HUI_ERROR, c->path, f->pos.line, f->pos.col, "schema",
                   _("<outputs> names '%.*s', which huibian cannot write; the outputs are: %s"), (int)len, p,
                   names);
      free(names);
    }
    p += len;
  }
}

void hui_outputs_free(hui_output_set *set) { (void)set; }
