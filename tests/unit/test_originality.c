#define _XOPEN_SOURCE 700
/* test_originality: shared passages are found on both files, stock phrases are
 * not, and campaign.xml's <originality threshold min-run> is read and obeyed.
 * Every case runs three times: with the normalised texts in a scratch file
 * read back a block at a time (the index's way), kept in memory (no scratch
 * folder), and normalised again from the bodies (the file cannot be read
 * back); the findings are the same. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "load.h"
#include "rules/rules_internal.h"

/* pread, wrapped (tests/CMakeLists.txt links this test with
 * -Wl,--wrap=pread): in these cases only the index reads its texts back
 * with it; counted, and failed when asked. */
ssize_t __real_pread(int fd, void *buf, size_t n, off_t off);
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off);
static int preads;
static bool preads_fail;
ssize_t __wrap_pread(int fd, void *buf, size_t n, off_t off) {
  preads++;
  if (preads_fail) {
    errno = EIO;
    return -1;
  }
  return __real_pread(fd, buf, n, off);
}

static const char *SHARED =
    "王秀英上任第一天就挨家挨户走访，用了整整一个月时间，把全村四百三十六户的家底摸得清清楚楚，"
    "记满了三个笔记本，发现杏林村山多林密，昼夜温差大，非常适合种植香菇。";

static hui_edition *edition(const char *const *bodies, size_t n) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(".");
  e->campaign.loaded = true;
  e->campaign.rules.originality_threshold = 15;
  e->campaign.rules.originality_min_run = 50;
  e->subs = hui_xcalloc(n, sizeof *e->subs);
  e->nsubs = n;
  for (size_t i = 0; i < n; i++) {
    hui_submission *s = &e->subs[i];
    s->path = hui_xasprintf("submissions/s%zu.xml", i + 1);
    s->loaded = true;
    s->body = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){10, 3});
    hui_node *p = hui_node_new(HUI_N_PARA, NULL, (hui_pos){10, 3});
    hui_node_append(s->body, p);
    hui_node_append(p, hui_node_new(HUI_N_TEXT, bodies[i], (hui_pos){10, 9}));
  }
  return e;
}

static size_t count(const hui_diags *d, const char *file) {
  size_t n = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    n += strcmp(x->rule, "originality") == 0 && (!file || strcmp(x->file, file) == 0);
  }
  return n;
}

static void test_shared(void) {
  char *a = hui_xasprintf("她是柳河镇的致富带头人。%s此后六年，她带领群众发展产业。", SHARED);
  char *b = hui_xasprintf("他是青石镇的好书记。%s群众都说他是贴心人。", SHARED);
  const char *bodies[] = {
      a, b, "张三，男，汉族，1968年出生，中共党员，全心全意为人民服务，是群众的贴心人。"};
  hui_edition *e = edition(bodies, 3);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  /* one finding for the pair, on the later submission (no dates: file order) */
  CHECK_INT(count(d, "submissions/s1.xml"), 0);
  CHECK_INT(count(d, "submissions/s2.xml"), 1);
  CHECK_INT(count(d, "submissions/s3.xml"), 0);
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    CHECK(x->severity == HUI_WARNING);
    CHECK(strstr(x->message, "also in submissions/s1.xml (") != NULL);
    /* the passage: here (s2) ← there (s1), shown once */
    CHECK(
        strstr(
            x->message,
            "10:19 ← 10:21 “王秀英上任第一天就挨家挨户走访，用了整整一个月时间，把全村四…” (72)") !=
        NULL);
    CHECK(strstr(x->message, "pair 1 of 1") != NULL);
    CHECK_INT(x->line, 10);
    CHECK_INT(x->col, 9 + 10); /* where the passage starts in s2 */
  }
  hui_diags_free(d);
  /* A later date makes s1 the later submission. */
  e->subs[0].date.text = hui_xstrdup("2020-07-01");
  e->subs[1].date.text = hui_xstrdup("2020-06-01");
  d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, "submissions/s1.xml"), 1);
  CHECK_INT(count(d, NULL), 1);
  hui_diags_free(d);
  /* A higher bar: nothing. */
  e->campaign.rules.originality_threshold = 90;
  e->campaign.rules.originality_min_run = 500;
  d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 0);
  hui_diags_free(d);
  hui_edition_free(e);
  free(a);
  free(b);
}

/* A 简体 report and its copy in 繁體 with full-width digits: every window of
 * twelve characters of the copy has a traditional character, so only folding
 * finds it. */
static const char *HANS =
    "2019年冬天，镇上流感暴发，李桂兰连续二十三天没有回家，带着七名护士挨村上门，为八百六十多位"
    "老人测体温、送药品，还自掏腰包买了两百斤小米熬粥。卫生院的门诊量翻了一番，她把值班表排到了"
    "深夜十二点，自己总是最后一个离开。";
static const char *HANT =
    "２０１９年冬天，鎮上流感暴發，李桂蘭連續二十三天沒有回家，帶著七名護士挨村上門，為八百六十多位"
    "老人測體溫、送藥品，還自掏腰包買了兩百斤小米熬粥。衛生院的門診量翻了一番，她把值班表排到了"
    "深夜十二點，自己總是最後一個離開。";

static void test_traditional_copy(void) {
  const char *bodies[] = {HANS, HANT};
  hui_edition *e = edition(bodies, 2);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, "submissions/s2.xml"), 1);
  CHECK_INT(count(d, NULL), 1);
  if (hui_diags_len(d) == 1) {
    const hui_diag *x = hui_diags_at(d, 0);
    CHECK(strstr(x->message, "99 characters of this body (100%)") != NULL);
    CHECK(strstr(x->message, "10:9 ← 10:9 “２０１９年冬天，鎮上流感暴發") !=
          NULL); /* shown as written */
  }
  hui_diags_free(d);
  hui_edition_free(e);
}

/* Two bodies sharing a chain of 77 characters of set phrases (more than
 * min-run), one in 繁體: no finding; the same length of other shared text is
 * one. */
static const char *CHAIN =
    "始终坚持全心全意为人民服务的宗旨，不忘初心、牢记使命，兢兢业业、任劳任怨、勤勤恳恳、踏踏实实、"
    "默默无闻、无怨无悔，在平凡的岗位上做出了不平凡的业绩，赢得了群众的一致好评。";
static const char *CHAIN_HANT =
    "始終堅持全心全意為人民服務的宗旨，不忘初心、牢記使命，兢兢業業、任勞任怨、勤勤懇懇、踏踏實實、"
    "默默無聞、無怨無悔，在平凡的崗位上做出了不平凡的業績，贏得了群眾的一致好評。";
/* n pseudo-random Han characters in sentences (a body's own text). */
static char *own_text(unsigned seed, size_t n) {
  hui_buf b = {0};
  for (size_t i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    hui_buf_utf8(&b, i % 17 == 16 ? 0xFF0C : 0x4E00 + (seed >> 8) % 3000);
  }
  return hui_buf_take(&b);
}

static void test_stock_phrases(void) {
  /* Every article opens the same way and uses the same set phrases; the rest
   * (articles have 640 to 1500 characters) is its own. */
  const char *open[] = {
      "张建国，男，汉族，1968年出生，中共党员，大学文化，2010年起任青石镇党委书记。",
      "李秀兰，女，汉族，1968年出生，中共党员，高中文化，2012年起任杏林村党支部书记。",
      "王明，男，汉族，1968年出生，中共党员，大专文化，2015年起任县医院院长。",
  };
  char *bodies[3];
  for (unsigned i = 0; i < 3; i++) {
    char *own = own_text(i + 1, 600);
    bodies[i] = hui_xasprintf("%s%s%s%s", open[i], own, i == 1 ? CHAIN_HANT : CHAIN, own);
    free(own);
  }
  hui_edition *e = edition((const char *const *)bodies, 3);
  for (int i = 0; i < 3; i++) free(bodies[i]);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 0);
  hui_diags_free(d);
  hui_edition_free(e);
  /* the control: 77 characters that are no set phrases */
  char *own1 = own_text(7, 600), *own2 = own_text(8, 600), *shared = own_text(9, 82);
  char *b1 = hui_xasprintf("%s%s", own1, shared), *b2 = hui_xasprintf("%s%s", shared, own2);
  const char *pair[] = {b1, b2};
  e = edition(pair, 2);
  d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 1);
  hui_diags_free(d);
  hui_edition_free(e);
  free(own1);
  free(own2);
  free(shared);
  free(b1);
  free(b2);
}

/* Three pairs that share less and less: one finding each, the worst first. */
static void test_worst_first(void) {
  char *p[3], *own[6], *bodies[6];
  for (unsigned i = 0; i < 3; i++) p[i] = own_text(20 + i, 60 + 40 * i); /* the third shares most */
  for (unsigned i = 0; i < 6; i++) own[i] = own_text(30 + i, 300);
  for (unsigned i = 0; i < 6; i++) bodies[i] = hui_xasprintf("%s%s", own[i], p[i / 2]);
  hui_edition *e = edition((const char *const *)bodies, 6);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 3);
  if (hui_diags_len(d) == 3) { /* in the order made: the worst first */
    CHECK_STR(hui_diags_at(d, 0)->file, "submissions/s6.xml");
    CHECK(strstr(hui_diags_at(d, 0)->message, "pair 1 of 3") != NULL);
    CHECK_STR(hui_diags_at(d, 1)->file, "submissions/s4.xml");
    CHECK_STR(hui_diags_at(d, 2)->file, "submissions/s2.xml");
    CHECK(strstr(hui_diags_at(d, 2)->message, "pair 3 of 3") != NULL);
  }
  hui_diags_free(d);
  hui_edition_free(e);
  for (unsigned i = 0; i < 6; i++) {
    free(own[i]);
    free(bodies[i]);
  }
  for (unsigned i = 0; i < 3; i++) free(p[i]);
}

/* The index groups equal shingles over many documents: two passages, one
 * in four documents (copying: every pair of the four is a finding) and one in
 * five (common phrasing: nothing), among 400 bodies of their own text, some
 * too short to have a shingle; one body has its shared passage three times. A
 * shingle put in the wrong group, or a place taken for another document's,
 * changes the findings. */
static void test_many_documents(void) {
  enum { N = 400 };
  char *bodies[N];
  char *four = own_text(41, 70), *five = own_text(42, 70), *thrice = own_text(43, 30);
  for (unsigned i = 0; i < N; i++) {
    char *own = own_text(100 + i, i % 7 == 3 ? 8 : 200 + i % 50);
    if (i % 50 == 10 && i / 50 < 4) /* s11, s61, s111, s161 */
      bodies[i] = hui_xasprintf("%s%s%s", own, four, own);
    else if (i % 50 == 20 && i / 50 < 5) /* s21, s71, s121, s171, s221 */
      bodies[i] = hui_xasprintf("%s%s", five, own);
    else if (i == 300) /* s301: the passage three times */
      bodies[i] = hui_xasprintf("%s%s%s%s%s", thrice, own, thrice, own, thrice);
    else if (i == 350) /* s351: it once, in a short body */
      bodies[i] = hui_xasprintf("甲乙丙丁戊己庚辛壬癸子丑寅卯%s", thrice);
    else bodies[i] = hui_xstrdup(own);
    free(own);
  }
  hui_edition *e = edition((const char *const *)bodies, N);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 7);
  CHECK_INT(count(d, "submissions/s11.xml"), 0);
  CHECK_INT(count(d, "submissions/s61.xml"), 1);
  CHECK_INT(count(d, "submissions/s111.xml"), 2);
  CHECK_INT(count(d, "submissions/s161.xml"), 3);
  CHECK_INT(count(d, "submissions/s351.xml"), 1);
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->file, "submissions/s351.xml") == 0) {
      CHECK(strstr(x->message,
                   "29 characters of this body (67%) are also in submissions/s301.xml") != NULL);
      CHECK(strstr(x->message, "shared passages (1;") != NULL);
    } else {
      CHECK(strstr(x->message, "the longest shared passage has 66 characters") != NULL);
    }
  }
  hui_diags_free(d);
  hui_edition_free(e);
  for (unsigned i = 0; i < N; i++) free(bodies[i]);
  free(four);
  free(five);
  free(thrice);
}

/* Characters past 16 bits (CJK extension B) after bodies without them: a copy
 * is found among either. */
static void test_wide_characters(void) {
  hui_buf wide = {0};
  for (uint32_t k = 0; k < 40; k++) hui_buf_utf8(&wide, 0x20000 + 37 * k);
  char *own[4], *bodies[4];
  for (unsigned i = 0; i < 4; i++) own[i] = own_text(60 + i, 100);
  bodies[0] = hui_xasprintf("%s%s", own[0], SHARED);
  bodies[1] = hui_xasprintf("%s%s", SHARED, own[1]);
  bodies[2] = hui_xasprintf("%s%s", own[2], wide.data);
  bodies[3] = hui_xasprintf("%s%s", wide.data, own[3]);
  hui_edition *e = edition((const char *const *)bodies, 4);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 2);
  CHECK_INT(count(d, "submissions/s2.xml"), 1);
  CHECK_INT(count(d, "submissions/s4.xml"), 1);
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->file, "submissions/s4.xml") == 0)
      CHECK(strstr(x->message, "the longest shared passage has 40 characters") != NULL);
    else CHECK(strstr(x->message, "the longest shared passage has 72 characters") != NULL);
  }
  hui_diags_free(d);
  hui_edition_free(e);
  for (unsigned i = 0; i < 4; i++) {
    free(own[i]);
    free(bodies[i]);
  }
  hui_buf_free(&wide);
}

static void put(const char *dir, const char *rel, const char *text) {
  char *path = hui_path_join(dir, rel);
  FILE *f = fopen(path, "wb");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
  free(path);
}

static void test_campaign_xml(void) {
  char root[] = "/tmp/huibian-test-orig-XXXXXX";
  if (!mkdtemp(root)) return;
  char *sub = hui_path_join(root, "submissions");
  mkdir(sub, 0700);
  const char *fmt =
      "<campaign year=\"2020\"><name>活动</name><area>县</area><organizer>组</organizer>"
      "<window start=\"2020-03-01\" end=\"2020-10-31\"/>%s"
      "<tiers><tier id=\"first\" name=\"一等奖\"/></tiers><compendium><title>汇编</title></compendium>"
      "</campaign>\n";
  const char *variants[] = {"", "<originality threshold=\"20%\" min-run=\"60\"/>",
                            "<originality threshold=\"abc\"/>"};
  for (int v = 0; v < 3; v++) {
    char *text = hui_xasprintf(fmt, variants[v]);
    put(root, "campaign.xml", text);
    free(text);
    hui_diags *d = hui_diags_new();
    char *why = NULL;
    hui_edition *e = hui_load_edition(root, d, &why);
    CHECK(e != NULL);
    if (e) {
      CHECK(e->campaign.loaded);
      if (v == 0) {
        CHECK(e->campaign.rules.originality_threshold == 15 &&
              e->campaign.rules.originality_min_run == 50);
        CHECK_INT(hui_diags_len(d), 0);
      } else if (v == 1) {
        CHECK(e->campaign.rules.originality_threshold == 20 &&
              e->campaign.rules.originality_min_run == 60);
        CHECK_INT(hui_diags_len(d), 0);
      } else {
        CHECK_INT(hui_diags_count(d, HUI_ERROR), 1);
        CHECK(hui_diags_len(d) && strstr(hui_diags_at(d, 0)->message, "percentage"));
      }
    }
    free(why);
    hui_edition_free(e);
    hui_diags_free(d);
  }
  char *cpath = hui_path_join(root, "campaign.xml");
  unlink(cpath);
  free(cpath);
  rmdir(sub);
  free(sub);
  rmdir(root);
}

/* Two bodies far longer than a block of the texts read back (and than any
 * article), sharing a passage near their ends. */
static void test_long_bodies(void) {
  char *own[2], *bodies[2];
  for (unsigned i = 0; i < 2; i++) own[i] = own_text(70 + i, 50000);
  bodies[0] = hui_xasprintf("%s%s", own[0], SHARED);
  bodies[1] = hui_xasprintf("%s%s。", own[1], SHARED);
  hui_edition *e = edition((const char *const *)bodies, 2);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  CHECK_INT(count(d, NULL), 1);
  CHECK_INT(count(d, "submissions/s2.xml"), 1);
  CHECK(hui_diags_len(d) &&
        strstr(hui_diags_at(d, 0)->message, "the longest shared passage has 72 characters"));
  hui_diags_free(d);
  hui_edition_free(e);
  for (unsigned i = 0; i < 2; i++) {
    free(own[i]);
    free(bodies[i]);
  }
}

static void all_cases(void) {
  test_shared();
  test_traditional_copy();
  test_stock_phrases();
  test_worst_first();
  test_many_documents();
  test_wide_characters();
  test_long_bodies();
}

int main(void) {
  /* an edition of a few hundred bodies keeps its texts in memory */
  all_cases();
  CHECK_INT(preads, 0);
  /* the texts in a scratch file in $TMPDIR, read back (as an edition of
   * thousands has them) */
  hui_originality_texts_keep = 0;
  all_cases();
  CHECK(preads > 0);
  /* no folder for a scratch file: the texts stay in memory */
  char *tmpdir = getenv("TMPDIR") ? hui_xstrdup(getenv("TMPDIR")) : NULL;
  setenv("TMPDIR", "/nonexistent/huibian-test-originality", 1);
  preads = 0;
  all_cases();
  CHECK_INT(preads, 0);
  if (tmpdir) setenv("TMPDIR", tmpdir, 1);
  else unsetenv("TMPDIR");
  free(tmpdir);
  /* the file fails when read back: each document normalised again */
  preads = 0;
  preads_fail = true;
  all_cases();
  CHECK(preads > 0);
  preads_fail = false;
  test_campaign_xml();
  return CHECK_DONE();
}
