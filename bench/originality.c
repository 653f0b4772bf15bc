/* bench/originality: times the originality rule over synthetic editions —
 * by default 2,000 bodies of about 1,400 characters, with stock phrases that
 * every article uses and 5% of the bodies copying a 200-character passage from
 * another (so the matching path is exercised, not only the index).
 * Usage: bench_originality [SUBMISSIONS [CHARS [print]]]; with "print", the
 * findings of the last run are printed too (to compare two versions). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/base.h"
#include "rules/rules_internal.h"

static uint64_t rng = 88172645463325252ull;
static uint32_t next(void) { /* xorshift64: the same editions on every run */
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)rng;
}

static const char *STOCK[] = {"中共党员", "男，汉族，1968年出生，", "全心全意为人民服务", "群众的贴心人",
                              "以习近平新时代中国特色社会主义思想为指导，"};

/* A body of about chars characters: random common Han characters in
 * sentences, stock phrases now and then. */
static char *body_text(size_t chars) {
  hui_buf b = {0};
  size_t n = 0;
  while (n < chars) {
    if (next() % 12 == 0) {
      const char *s = STOCK[next() % (sizeof STOCK / sizeof *STOCK)];
      hui_buf_puts(&b, s);
      n += hui_utf8_count(s, strlen(s));
      continue;
    }
    size_t len = 8 + next() % 20;
    for (size_t k = 0; k < len; k++) hui_buf_utf8(&b, 0x4E00 + next() % 3500);
    hui_buf_utf8(&b, next() % 3 ? 0xFF0C : 0x3002); /* ， 。 */
    n += len + 1;
  }
  return hui_buf_take(&b);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); /* CPU time: steadier than wall time on a shared machine */
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
  size_t nsubs = argc > 1 ? strtoul(argv[1], NULL, 10) : 2000;
  size_t chars = argc > 2 ? strtoul(argv[2], NULL, 10) : 1400;
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup("bench");
  e->campaign.loaded = true;
  e->campaign.rules.originality_threshold = 15;
  e->campaign.rules.originality_min_run = 50;
  e->subs = hui_xcalloc(nsubs, sizeof *e->subs);
  e->nsubs = nsubs;
  char **texts = hui_xcalloc(nsubs, sizeof *texts);
  size_t copies = 0;
  for (size_t i = 0; i < nsubs; i++) {
    texts[i] = body_text(chars);
    if (i > 0 && next() % 20 == 0) { /* copy 200 characters from an earlier body */
      const char *src = texts[next() % i];
      size_t a = 0, len = strlen(src);
      for (int k = 0; k < 300 && a < len; k++) a += (src[a] & 0x80) ? 3 : 1;
      size_t b = a;
      for (int k = 0; k < 200 && b < len; k++) b += (src[b] & 0x80) ? 3 : 1;
      char *t = hui_xasprintf("%.*s%s", (int)(b - a), src + a, texts[i]);
      free(texts[i]);
      texts[i] = t;
      copies++;
    }
    hui_submission *s = &e->subs[i];
    s->path = hui_xasprintf("submissions/b%04zu.xml", i);
    s->loaded = true;
    s->root_pos = (hui_pos){2, 1};
    s->body = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){12, 3});
    hui_node *para = hui_node_new(HUI_N_PARA, NULL, (hui_pos){12, 3});
    hui_node_append(s->body, para);
    hui_node_append(para, hui_node_new(HUI_N_TEXT, texts[i], (hui_pos){12, 9}));
  }
  enum { RUNS = 7 };
  double t[RUNS];
  size_t found = 0;
  for (int r = 0; r < RUNS; r++) {
    hui_diags *d = hui_diags_new();
    double t0 = now();
    hui_rules_originality(e, d);
    t[r] = now() - t0;
    found = hui_diags_len(d);
    if (r == RUNS - 1 && argc > 3 && strcmp(argv[3], "print") == 0) {
      hui_diags_sort(d);
      hui_diags_print(d, stdout, NULL);
    }
    hui_diags_free(d);
  }
  qsort(t, RUNS, sizeof *t, cmp_double);
  printf("originality: %zu submissions of ~%zu characters (%zu with a copied passage): "
         "median %.3f s, best %.3f s of CPU time over %d runs; %zu warnings\n",
         nsubs, chars, copies, t[RUNS / 2], t[0], RUNS, found);
  for (size_t i = 0; i < nsubs; i++) free(texts[i]);
  free(texts);
  hui_edition_free(e);
  return 0;
}
