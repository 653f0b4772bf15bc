/* fuzz_submission: the submission loader and every rule. The input is one or
 * more submissions separated by NUL bytes (which XML cannot hold), loaded from
 * memory into an edition with the sample campaign, then checked by all rules
 * with the real fonts and template, ordered, and the findings printed. */
#include <stdint.h>
#include <string.h>

#include "diag.h"
#include "fuzz_common.h"
#include "text/order.h"
#include "rules/rules.h"

enum { MAX_SUBS = 4 };

static hui_campaign campaign;
static hui_rules_env env;
static char *sample_dir;
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  sample_dir = fuzz_sample_dir();
  char *path = hui_path_join(sample_dir, "campaign.xml");
  size_t len;
  char *bytes = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
  if (!bytes) {
    perror(path);
    exit(2);
  }
  hui_diags *d = hui_diags_new();
  hui_load_campaign_memory(bytes, len, d, &campaign);
  if (!campaign.loaded || hui_diags_count(d, HUI_ERROR)) {
    fprintf(stderr, "fuzz: the sample campaign.xml does not load\n");
    exit(2);
  }
  hui_diags_free(d);
  free(bytes);
  free(path);
  env.fonts = fuzz_fonts();
  env.tmpl = fuzz_template("compendium-a4");
  devnull = fopen("/dev/null", "w");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(sample_dir);
  e->campaign = campaign; /* borrowed: detached again before the free */
  e->subs = hui_xcalloc(MAX_SUBS, sizeof *e->subs);
  hui_diags *d = hui_diags_new();
  const char *p = (const char *)data, *end = p + size;
  while (e->nsubs < MAX_SUBS) {
    const char *nul = memchr(p, '\0', (size_t)(end - p));
    const char *stop = nul && e->nsubs + 1 < MAX_SUBS ? nul : end;
    char rel[64];
    snprintf(rel, sizeof rel, "submissions/f%zu.xml", e->nsubs);
    hui_load_submission_memory(rel, p, (size_t)(stop - p), d, &e->subs[e->nsubs++]);
    if (stop == end) break;
    p = stop + 1;
  }
  hui_rules_run_env(e, &env, d);
  hui_diags_sort(d);
  hui_diags_print(d, devnull, "edition");
  hui_diags_print_summary(d, devnull, e->nsubs);
  size_t n;
  free(hui_order_awarded(e, &n));
  free(hui_order_all_by_name(e, &n));
  hui_diags_free(d);
  memset(&e->campaign, 0, sizeof e->campaign);
  hui_edition_free(e);
  return 0;
}
