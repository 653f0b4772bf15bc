/* fuzz_campaign: campaign.xml from memory with the sample submissions (loaded
 * once, from disk): every rule, the compendium order, and — when the edition
 * has no errors, as in `huibian check` — the certificates composed with the
 * real fonts (placeholders, number formats, fitting). */
#include <stdint.h>
#include <string.h>

#include "compose/certificate.h"
#include "diag.h"
#include "fuzz_common.h"
#include "text/order.h"
#include "rules/rules.h"

static hui_edition *sample;
static hui_rules_env env;
static hui_fonts *fonts;
static hui_template *cert_tmpl;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  char *dir = fuzz_sample_dir(), *why = NULL;
  hui_diags *d = hui_diags_new();
  sample = hui_load_edition(dir, d, &why);
  if (!sample) {
    fprintf(stderr, "fuzz: %s\n", why ? why : "no sample edition");
    exit(2);
  }
  hui_diags_free(d);
  free(dir);
  /* The photo and glyph rules look only at the fixed submissions: left out
   * (env empty) to fuzz faster. The fonts still set the certificates. */
  fonts = fuzz_fonts();
  cert_tmpl = fuzz_template("certificate-a4-landscape");
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(sample->dir);
  e->subs = sample->subs; /* borrowed: detached again before the free */
  e->nsubs = sample->nsubs;
  hui_diags *d = hui_diags_new();
  hui_load_campaign_memory((const char *)data, size, d, &e->campaign);
  hui_rules_run_env(e, &env, d);
  size_t n;
  size_t *order = hui_order_awarded(e, &n);
  if (e->campaign.loaded && e->campaign.certificate.text.text && !hui_diags_count(d, HUI_ERROR)) {
    char *why = NULL;
    hui_cert_opts opts = {0, 0, NULL, NULL};
    hui_certs *cs = hui_certificates_compose(e, order, n, cert_tmpl, fonts, &opts, d, &why);
    hui_certs_free(cs);
    free(why);
  }
  free(order);
  hui_diags_free(d);
  e->subs = NULL;
  e->nsubs = 0;
  hui_edition_free(e);
  return 0;
}
