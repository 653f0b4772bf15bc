#define _XOPEN_SOURCE 700
/* test_manifest: what hui_manifest_write records. A digest given with the
 * file (the bytes the build read) is written as given, not the file's
 * content now; a file without one is hashed when written; a file listed
 * twice, in thousands, is listed once; hui_manifest_edition_files gives each
 * edition file once, sorted. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "base/base.h"
#include "base/sha256.h"
#include "check.h"

static char root[] = "/tmp/huibian-test-manifest-XXXXXX";

static char *put(const char *rel, const char *text) {
  char *path = hui_path_join(root, rel);
  FILE *f = fopen(path, "wb");
  fputs(text, f);
  fclose(f);
  return path;
}

static size_t count(const char *hay, const char *needle) {
  size_t n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
  return n;
}

int main(void) {
  if (!mkdtemp(root)) return 1;
  char *ed = hui_path_join(root, "ed"), *out = hui_path_join(root, "out");
  mkdir(ed, 0755);
  mkdir(out, 0755);
  char *sub = hui_path_join(ed, "submissions");
  mkdir(sub, 0755);
  free(sub);
  char *read_then = put("ed/submissions/a.xml", "<article>as read</article>");
  char *hashed = put("ed/campaign.xml", "<campaign/>");
  char *real_read = realpath(read_then, NULL), *real_hashed = realpath(hashed, NULL);
  char hex_then[65], hex_campaign[65];
  uint64_t n_then = 0, n_campaign = 0;
  CHECK(hui_sha256_file(read_then, &n_then, hex_then));
  CHECK(hui_sha256_file(hashed, &n_campaign, hex_campaign));
  /* the file changes after the build read it */
  free(put("ed/submissions/a.xml", "<article>changed since, and longer</article>"));

  hui_manifest *m = hui_manifest_new("ed", "2020");
  hui_manifest_add_resolved(m, "inputs", ed, NULL, read_then, real_read, n_then, hex_then);
  hui_manifest_add_resolved(m, "inputs", ed, NULL, hashed, real_hashed, 0, NULL);
  /* thousands of files, each added twice: listed once each */
  for (int round = 0; round < 2; round++)
    for (int i = 0; i < 3000; i++) {
      char rel[64];
      snprintf(rel, sizeof rel, "images/p%04d.png", i);
      hui_manifest_add(m, "inputs", HUI_FROM_EDITION, rel, read_then);
    }
  char *why = NULL;
  CHECK(hui_manifest_write(m, out, &why));
  size_t nfiles = 0;
  char **files = hui_manifest_edition_files(m, &nfiles);
  CHECK_INT(nfiles, 3002);
  CHECK_STR(files[0], "campaign.xml");
  CHECK_STR(files[1], "images/p0000.png");
  CHECK_STR(files[nfiles - 1], "submissions/a.xml");
  for (size_t i = 0; i < nfiles; i++) free(files[i]);
  free(files);
  hui_manifest_free(m);

  char *mpath = hui_path_join(out, "manifest.json");
  size_t len = 0;
  char *text = hui_read_file(mpath, 16u << 20, &len);
  CHECK(text != NULL);
  if (text) {
    char want[160];
    snprintf(want, sizeof want,
             "\"path\": \"submissions/a.xml\", \"size\": %llu, \"sha256\": \"%s\"",
             (unsigned long long)n_then, hex_then);
    CHECK(strstr(text, want) != NULL); /* as read, not as the file is now */
    snprintf(want, sizeof want, "\"path\": \"campaign.xml\", \"size\": %llu, \"sha256\": \"%s\"",
             (unsigned long long)n_campaign, hex_campaign);
    CHECK(strstr(text, want) != NULL);
    CHECK_INT(count(text, "\"path\": \"images/p0042.png\""), 1);
    CHECK_INT(count(text, "\"from\": \"edition\""), 3002);
  }
  free(text);
  free(mpath);
  free(real_read);
  free(real_hashed);
  free(read_then);
  free(hashed);
  free(why);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", root);
  free(ed);
  free(out);
  return CHECK_DONE();
}
