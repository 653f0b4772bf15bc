/* test_originality_size: the originality findings of a fixed pair of
 * submissions do not depend on the edition's size (issue 17). Two fixed
 * pairs — one sharing a passage (part of it copied into 繁體), one sharing
 * only set phrases (套话) — are checked alone and beside 10, 100 (and, with
 * the argument 1000, under the label slow) unrelated submissions made here
 * from a seeded generator of fiction: each its own text, recombined from a
 * pool of characters and a bank of genre clauses, like a real edition; each
 * edition also with the texts the index is built from read back from a
 * scratch file (as an edition of thousands has them): the same findings.
 * Usage: test_originality_size [N...] (default: 10 100). */
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "check.h"
#include "rules/rules_internal.h"

/* xorshift64*: the same editions on every run */
typedef struct rng {
  uint64_t s;
} rng;

static uint32_t next(rng *r) {
  r->s ^= r->s >> 12;
  r->s ^= r->s << 25;
  r->s ^= r->s >> 27;
  return (uint32_t)((r->s * 0x2545F4914F6CDD1Dull) >> 32);
}

static const char *POOL =
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说"
    "产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点"
    "从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原"
    "又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革"
    "位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强"
    "放决西被干做必战先回则任取据处府研村镇乡县河林田桥井院校医药路车粮菜果鸡鸭猪牛羊茶竹石";

static const char *SURNAMES =
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕";

/* Clauses of the genre: some are on the built-in list, most are not. */
static const char *CLAUSES[] = {
    "带领群众修通了进村的水泥路",   "把党员活动室建成了村民议事的好地方",
    "常常忙到深夜才回家",           "村里的老人都叫她好闺女",
    "把群众的事当成自家的事来办",   "挨家挨户宣传政策",
    "一年下来跑坏了两辆自行车",     "全心全意为人民服务",
    "兢兢业业、任劳任怨",           "在平凡的岗位上做出了不平凡的业绩",
    "赢得了群众的一致好评",         "多次被评为优秀共产党员",
    "带领群众走上了致富路",         "始终把群众的冷暖放在心上",
    "办起了合作社，注册了商标",     "组织党员志愿者开展义诊",
    "他说这是一个党员应该做的",     "乡亲们的腰包渐渐鼓了起来",
    "不忘初心、牢记使命",           "发展壮大村集体经济",
    "每天第一个到岗，最后一个离开", "手机里存着全村三百多户的电话",
    "把病人当成自己的亲人",         "把课堂搬到了田间地头",
};

/* The pools as code points. */
typedef struct pools {
  uint32_t *pool, *sur;
  size_t npool, nsur;
} pools;

static uint32_t *decode(const char *s, size_t *n) {
  uint32_t *v = NULL;
  size_t cap = 0, len = strlen(s), i = 0;
  *n = 0;
  while (i < len) {
    uint32_t cp;
    size_t k = hui_utf8_decode(s + i, len - i, &cp);
    *HUI_PUSH(v, *n, cap) = cp;
    i += k ? k : 1;
  }
  return v;
}

/* About chars characters of a body: sentences of the writer's own words (a
 * name, numbers, characters of the pool) and clauses of the genre. */
static char *fiction(const pools *P, uint64_t seed, size_t chars) {
  rng r = {seed * 0x9E3779B97F4A7C15ull + 1};
  hui_buf b = {0};
  size_t n = 0;
  while (n < chars) {
    size_t before = b.len;
    switch (next(&r) % 6) {
    case 0:
    case 1: {
      const char *c = CLAUSES[next(&r) % (sizeof CLAUSES / sizeof *CLAUSES)];
      hui_buf_puts(&b, c);
      break;
    }
    case 2:
      hui_buf_utf8(&b, P->sur[next(&r) % P->nsur]);
      for (int k = 0; k < 2; k++) hui_buf_utf8(&b, P->pool[next(&r) % P->npool]);
      hui_buf_printf(&b, "在%u年", 1990 + next(&r) % 30);
      /* fall through */
    default:
      for (uint32_t k = 0, len = 6 + next(&r) % 16; k < len; k++)
        hui_buf_utf8(&b, P->pool[next(&r) % P->npool]);
    }
    hui_buf_puts(&b, next(&r) % 3 ? "，" : "。");
    n += hui_utf8_count(b.data + before, b.len - before);
  }
  return hui_buf_take(&b);
}

/* The fixed pairs. A and B share a passage of their own and a paragraph that
 * B has in 繁體 with full-width digits; C and D share only set phrases. */
static const char *HANS =
    "2019年冬天，镇上流感暴发，李桂兰连续二十三天没有回家，带着七名护士挨村上门，为八百六十多位"
    "老人测体温、送药品，还自掏腰包买了两百斤小米熬粥。";
static const char *HANT =
    "２０１９年冬天，鎮上流感暴發，李桂蘭連續二十三天沒有回家，帶著七名護士挨村上門，為八百六十多位"
    "老人測體溫、送藥品，還自掏腰包買了兩百斤小米熬粥。";
static const char *CHAIN =
    "始终坚持全心全意为人民服务的宗旨，不忘初心、牢记使命，兢兢业业、任劳任怨、勤勤恳恳、踏踏实实、"
    "默默无闻、无怨无悔，在平凡的岗位上做出了不平凡的业绩，赢得了群众的一致好评。";

enum { FIXED = 4 };

/* The passage A and B share: a sentence of their own, then fiction. */
static char *copied(const pools *P) {
  char *f = fiction(P, 200, 240);
  char *r = hui_xasprintf("李桂兰的丈夫在县城开了一家修车铺，%s", f);
  free(f);
  return r;
}

static hui_edition *edition(char **bodies, size_t n) {
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->dir = hui_xstrdup(".");
  e->campaign.loaded = true;
  e->campaign.rules.originality_threshold = 15;
  e->campaign.rules.originality_min_run = 50;
  e->subs = hui_xcalloc(n, sizeof *e->subs);
  e->nsubs = n;
  for (size_t i = 0; i < n; i++) {
    hui_submission *s = &e->subs[i];
    s->path = hui_xasprintf("submissions/s%04zu.xml", i + 1);
    s->loaded = true;
    s->date.text = hui_xasprintf("2020-%02zu-%02zu", 3 + i % 7, 1 + i % 28);
    s->body = hui_node_new(HUI_N_ROOT, NULL, (hui_pos){10, 3});
    hui_node *p = hui_node_new(HUI_N_PARA, NULL, (hui_pos){10, 3});
    hui_node_append(s->body, p);
    hui_node_append(p, hui_node_new(HUI_N_TEXT, bodies[i], (hui_pos){10, 9}));
  }
  return e;
}

typedef struct result {
  size_t ab, cd, total;
  char *ab_message;
} result;

static result run(const pools *P, size_t extra) {
  char *own[8];
  for (int i = 0; i < 8; i++) own[i] = fiction(P, 100 + (uint64_t)i, 500);
  char *passage = copied(P);
  size_t n = FIXED + extra;
  char **bodies = hui_xcalloc(n, sizeof *bodies);
  bodies[0] = hui_xasprintf("%s%s%s%s", own[0], passage, HANS, own[1]);
  bodies[1] = hui_xasprintf("%s%s%s%s", own[2], HANT, passage, own[3]);
  bodies[2] = hui_xasprintf("%s%s%s", own[4], CHAIN, own[5]);
  bodies[3] = hui_xasprintf("%s%s%s", own[6], CHAIN, own[7]);
  for (size_t i = FIXED; i < n; i++) bodies[i] = fiction(P, 1000 + i, 1400);
  hui_edition *e = edition(bodies, n);
  hui_diags *d = hui_diags_new();
  hui_rules_originality(e, d);
  result r = {0, 0, 0, NULL};
  for (size_t i = 0; i < hui_diags_len(d); i++) {
    const hui_diag *x = hui_diags_at(d, i);
    if (strcmp(x->rule, "originality") != 0) continue;
    r.total++;
    bool ab = strcmp(x->file, "submissions/s0002.xml") == 0 &&
              strstr(x->message, "submissions/s0001.xml");
    bool cd = strcmp(x->file, "submissions/s0004.xml") == 0 &&
              strstr(x->message, "submissions/s0003.xml");
    r.ab += ab;
    r.cd += cd;
    if (ab && !r.ab_message) r.ab_message = hui_xstrdup(x->message);
    if (getenv("SHOW")) fprintf(stderr, "%s\n", x->message);
    if (!ab && !cd) fprintf(stderr, "unrelated finding: %s: %s\n", x->file, x->message);
  }
  hui_diags_free(d);
  hui_edition_free(e);
  for (size_t i = 0; i < n; i++) free(bodies[i]);
  free(bodies);
  for (int i = 0; i < 8; i++) free(own[i]);
  free(passage);
  return r;
}

static size_t chars(const char *s) { return hui_utf8_count(s, strlen(s)); }

/* "here ← there" of the passage (listed first: the longer) and of the
 * 繁體 paragraph, as the finding lists them. */
static void passages(const pools *P, char **first, char **second) {
  char *own0 = fiction(P, 100, 500), *own2 = fiction(P, 102, 500), *passage = copied(P);
  *first = hui_xasprintf("; line:column here ← there, characters): 10:%zu ← 10:%zu “",
                         9 + chars(own2) + chars(HANT), 9 + chars(own0));
  *second = hui_xasprintf(
      "; 10:%zu ← 10:%zu “２０１９年冬天，鎮上流感暴發，李桂蘭連續二十三天沒有回家，帶…”",
      9 + chars(own2), 9 + chars(own0) + chars(passage));
  free(own0);
  free(own2);
  free(passage);
}

int main(int argc, char **argv) {
  pools P;
  P.pool = decode(POOL, &P.npool);
  P.sur = decode(SURNAMES, &P.nsur);
  result alone = run(&P, 0);
  CHECK_INT(alone.ab, 1); /* the copy, 繁體 and all, is found */
  CHECK_INT(alone.cd, 0); /* set phrases are no copy */
  CHECK_INT(alone.total, 1);
  /* the two passages: where each starts in B ← in A (B = own 2, 繁體,
   * passage, own 3; A = own 0, passage, 简体, own 1; all on line 10 from
   * column 9) */
  char *where, *where2;
  passages(&P, &where, &where2);
  CHECK(alone.ab_message && strstr(alone.ab_message, where) && strstr(alone.ab_message, where2));
  size_t sizes[8] = {10, 100}, ns = 2;
  if (argc > 1) {
    ns = 0;
    for (int i = 1; i < argc && ns < 8; i++) sizes[ns++] = strtoul(argv[i], NULL, 10);
  }
  for (size_t k = 0; k < ns; k++) {
    result r = run(&P, sizes[k]);
    fprintf(
        stderr,
        "%zu unrelated submissions: %zu finding(s) on the copied pair, %zu on the set-phrase pair, "
        "%zu in all\n",
        sizes[k], r.ab, r.cd, r.total);
    CHECK_INT(r.ab, alone.ab);
    CHECK_INT(r.cd, alone.cd);
    CHECK_INT(r.total, alone.total);
    /* the copied passage is found at the same places, whatever else the
     * edition holds (the genre clauses A and B also share count while fewer
     * than five documents have them: that part may change) */
    CHECK(r.ab_message && strstr(r.ab_message, where) && strstr(r.ab_message, where2));
    /* the same with the texts read back from the scratch file, as an
     * edition of thousands has them */
    size_t keep = hui_originality_texts_keep;
    hui_originality_texts_keep = 0;
    result s = run(&P, sizes[k]);
    hui_originality_texts_keep = keep;
    CHECK_INT(s.ab, r.ab);
    CHECK_INT(s.cd, r.cd);
    CHECK_INT(s.total, r.total);
    CHECK(s.ab_message && r.ab_message && strcmp(s.ab_message, r.ab_message) == 0);
    free(s.ab_message);
    free(r.ab_message);
  }
  free(alone.ab_message);
  free(where);
  free(where2);
  free(P.pool);
  free(P.sur);
  return CHECK_DONE();
}
