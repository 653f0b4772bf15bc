/* test_archive: SHA-256 against the FIPS 180-4 / NIST vectors, the JSON
 * reader, archive edition names, the originality rule against an archived
 * body, and batches of atomic writes. */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "archive.h"
#include "base/base.h"
#include "base/json.h"
#include "base/sha256.h"
#include "check.h"
#include "rules/rules_internal.h"

static void hex_of(const void *data, size_t n, char out[65]) {
  hui_sha256 s;
  uint8_t d[32];
  hui_sha256_init(&s);
  hui_sha256_update(&s, data, n);
  hui_sha256_final(&s, d);
  hui_sha256_hex(d, out);
}

static void test_sha256(void) {
  char hex[65];
  hex_of("", 0, hex);
  CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  hex_of("abc", 3, hex);
  CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
  hex_of(m448, strlen(m448), hex);
  CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  const char *m896 = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                     "klmnopqrlmnopqrsmnopqrstnopqrstu";
  hex_of(m896, strlen(m896), hex);
  CHECK_STR(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  /* a million 'a', fed in uneven pieces to exercise the block buffer */
  char *a = hui_xmalloc(1000000);
  memset(a, 'a', 1000000);
  hui_sha256 s;
  uint8_t d[32];
  hui_sha256_init(&s);
  for (size_t off = 0, step = 1; off < 1000000; off += step, step = step % 97 + 1)
    hui_sha256_update(&s, a + off, off + step > 1000000 ? 1000000 - off : step);
  hui_sha256_final(&s, d);
  hui_sha256_hex(d, hex);
  CHECK_STR(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  free(a);
}

static void test_json(void) {
  char *why = NULL;
  const char *t = "{\"a\": [1, -2.5e1, true, false, null], \"s\": \"x\\u4e2d\\ud83d\\ude00\\n\\\"\", "
                  "\"o\": {\"k\": \"v\"}}";
  hui_json *v = hui_json_parse(t, strlen(t), &why);
  CHECK(v != NULL);
  if (v) {
    const hui_json *arr = hui_json_get(v, "a");
    CHECK(arr && arr->kind == HUI_JSON_ARRAY && arr->n == 5);
    if (arr && arr->n == 5) {
      CHECK(arr->items[1].num == -25);
      CHECK(arr->items[2].kind == HUI_JSON_BOOL && arr->items[2].b);
      CHECK(arr->items[4].kind == HUI_JSON_NULL);
    }
    CHECK_STR(hui_json_get_str(v, "s"), "x中\xF0\x9F\x98\x80\n\"");
    CHECK_STR(hui_json_get_str(hui_json_get(v, "o"), "k"), "v");
    CHECK(hui_json_get(v, "missing") == NULL);
  }
  hui_json_free(v);
  const char *bad[] = {"", "{", "[1,]", "{\"a\" 1}", "\"\x01\"", "[1] 2", "\"\xC3\x28\"", "tru"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    why = NULL;
    hui_json *x = hui_json_parse(bad[i], strlen(bad[i]), &why);
    CHECK(x == NULL && why != NULL);
    hui_json_free(x);
    free(why);
  }
  /* nesting is bounded, not a stack overflow */
  char *deep = hui_xmalloc(200001);
  memset(deep, '[', 200000);
  deep[200000] = '\0';
  why = NULL;
  CHECK(hui_json_parse(deep, 200000, &why) == NULL);
  free(why);
  free(deep);
}

static void test_names(void) {
  int y = 0, r = 0;
  CHECK(hui_archive_is_edition_name("2020", &y, &r) && y == 2020 && r == 1);
  CHECK(hui_archive_is_edition_name("2020-r2", &y, &r) && r == 2);
  CHECK(!hui_archive_is_edition_name("2020-r1", NULL, NULL));
  CHECK(!hui_archive_is_edition_name("2020-r02", NULL, NULL));
  CHECK(!hui_archive_is_edition_name(".tmp-1-abc", NULL, NULL));
  CHECK(!hui_archive_is_edition_name("20x0", NULL, NULL));
  CHECK(!hui_archive_is_edition_name("index.json", NULL, NULL));
}

static hui_submission *sub_with(hui_submission *s, const char *path, const char *text) {
  s->path = hui_xstrdup(path);
  s->loaded = true;
  s->body = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){10, 3});
  hui_node *p = hui_node_new(HUI_N_PARA, NULL, (hui_pos){10, 3});
  hui_node_append(s->body, p);
  hui_node_append(p, hui_node_new(HUI_N_TEXT, text, (hui_pos){10, 9}));
  return s;
}

static void test_originality_archived(void) {
  const char *shared = "王秀英上任第一天就挨家挨户走访，用了整整一个月时间，把全村四百三十六户的家底摸得清清楚楚，"
                       "记满了三个笔记本，发现杏林村山多林密，昼夜温差大，非常适合种植香菇。";
  char *now = hui_xasprintf("她是柳河镇的致富带头人。%s此后六年，她带领群众发展产业。", shared);
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(".");
  e->campaign.loaded = true;
  e->campaign.year_num = 2021;
  e->campaign.rules.originality_threshold = 15;
  e->campaign.rules.originality_min_run = 50;
  e->subs = hui_xcalloc(1, sizeof *e->subs);
  e->nsubs = 1;
  sub_with(&e->subs[0], "submissions/s1.xml", now);
  hui_submission old[2] = {{0}};
  sub_with(&old[0], "submissions/old.xml", shared);
  sub_with(&old[1], "submissions/same-year.xml", shared);
  hui_archived_body ab[2] = {{&old[0], "2020", "A/2020/input/submissions/old.xml"},
                             {&old[1], "2021", "A/2021/input/submissions/same-year.xml"}};
  hui_rules_env env = {.archived = ab, .narchived = 2};
  hui_diags *d = hui_diags_new();
  hui_rules_originality_env(e, &env, d);
  CHECK_INT(hui_diags_len(d), 1); /* the 2021 body is not "before"; archived bodies get none */
  if (hui_diags_len(d) == 1) {
    const hui_diag *x = hui_diags_at(d, 0);
    CHECK_STR(x->file, "submissions/s1.xml");
    CHECK(strstr(x->message, "archived 2020 edition, A/2020/input/submissions/old.xml (") != NULL);
  }
  hui_diags_free(d);
  for (int i = 0; i < 2; i++) {
    free(old[i].path);
    hui_node_free(old[i].body);
  }
  hui_edition_free(e);
  free(now);
}

/* How many entries dir holds (. and .. left out). */
static int entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
    n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
  }
  if (d) {
    closedir(d);
  }
  return n;
}

static void test_write_batch(void) {
  char dir[] = "/tmp/huibian-batch-XXXXXX";
  CHECK(mkdtemp(dir) != NULL);
  char *a = hui_xasprintf("%s/a.xml", dir), *b = hui_xasprintf("%s/b.xml", dir);
  char *c = hui_xasprintf("%s/c.xml", dir);
  hui_write_batch *w = hui_write_batch_new();
  CHECK(hui_write_batch_add(w, a, "<a/>", 4, 0));
  CHECK(hui_write_batch_add(w, b, "<b/>", 4, 1));
  struct stat st;
  CHECK(stat(a, &st) != 0); /* nothing in place before the commit */
  CHECK_INT(entries(dir), 2);
  const char *failed = "x";
  CHECK(hui_write_batch_commit(w, &failed));
  CHECK(failed == NULL);
  CHECK(stat(a, &st) == 0 && st.st_size == 4);
  CHECK(hui_write_batch_done(w, 0) && hui_write_batch_done(w, 1));
  hui_write_batch_free(w);
  CHECK_INT(entries(dir), 2);

  /* c cannot be renamed into place (a folder with a file is there): a and b
   * are replaced, c is not, and its temporary file goes */
  CHECK(mkdir(c, 0777) == 0);
  char *inside = hui_xasprintf("%s/keep", c);
  CHECK(hui_write_atomic(inside, "k", 1));
  w = hui_write_batch_new();
  CHECK(hui_write_batch_add(w, a, "<a2/>", 5, 0));
  CHECK(hui_write_batch_add(w, c, "<c/>", 4, 1));
  CHECK(hui_write_batch_add(w, b, "<b2/>", 5, 2));
  CHECK(!hui_write_batch_commit(w, &failed));
  CHECK_STR(failed, c);
  CHECK(hui_write_batch_done(w, 0));
  CHECK(!hui_write_batch_done(w, 1) && !hui_write_batch_done(w, 2));
  hui_write_batch_free(w);
  CHECK(stat(a, &st) == 0 && st.st_size == 5);
  CHECK(stat(b, &st) == 0 && st.st_size == 4); /* after the failure: not replaced */
  CHECK_INT(entries(dir), 3);                  /* no temporary file left */

  /* freed without a commit: nothing written, nothing left */
  char *d = hui_xasprintf("%s/d.xml", dir);
  w = hui_write_batch_new();
  CHECK(hui_write_batch_add(w, d, "<d/>", 4, 0));
  hui_write_batch_free(w);
  CHECK(stat(d, &st) != 0);
  CHECK_INT(entries(dir), 3);
  CHECK(hui_remove_tree(dir));
  free(a);
  free(b);
  free(c);
  free(d);
  free(inside);
}

int main(void) {
  test_sha256();
  test_write_batch();
  test_json();
  test_names();
  test_originality_archived();
  return CHECK_DONE();
}
