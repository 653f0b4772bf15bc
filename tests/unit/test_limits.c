#define _XOPEN_SOURCE 700
/* test_limits: every limit of hui_limits.h at the limit (accepted) and just
 * past it (its diagnostic). The inputs are made here at run time. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "hui_limits.h"
#include "image.h"
#include "load.h"

/* In memory when possible: the submission-count test makes 5,001 files. */
static char root_dir_shm[] = "/dev/shm/huibian-test-limits-XXXXXX";
static char root_dir_tmp[] = "/tmp/huibian-test-limits-XXXXXX";
static char *root_dir = root_dir_shm;

static const char *HEAD =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<article xmlns=\"http://docbook.org/ns/docbook\" version=\"5.0\" xml:id=\"s1\" xml:lang=\"zh-CN\">\n"
    "<info><title>题</title><author><personname>张三</personname><affiliation><orgname>镇</orgname>"
    "</affiliation></author><date>2020-06-15</date></info>\n";
static const char *TAIL = "</article>\n";

static size_t count_rule(const hui_diags *d, const char *rule) {
  size_t n = 0;
  for (size_t i = 0; i < hui_diags_len(d); i++) n += strcmp(hui_diags_at(d, i)->rule, rule) == 0;
  return n;
}

static const hui_diag *find_rule(const hui_diags *d, const char *rule) {
  for (size_t i = 0; i < hui_diags_len(d); i++)
    if (strcmp(hui_diags_at(d, i)->rule, rule) == 0) return hui_diags_at(d, i);
  return NULL;
}

/* Loads bytes as one submission; returns the findings (caller frees). */
static hui_diags *load_mem(const char *bytes, size_t len, bool *loaded) {
  hui_diags *d = hui_diags_new();
  hui_edition *e = hui_xcalloc(1, sizeof *e);
  e->subs = hui_xcalloc(1, sizeof *e->subs);
  e->nsubs = 1;
  hui_load_submission_memory("submissions/s1.xml", bytes, len, d, &e->subs[0]);
  if (loaded) *loaded = e->subs[0].loaded;
  hui_edition_free(e);
  return d;
}

static void put_file(const char *path, const char *bytes, size_t len) {
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(bytes, 1, len, f) != len || fclose(f) != 0) {
    perror(path);
    exit(2);
  }
}

/* An edition folder with the campaign of the sample edition. */
static char *edition(const char *name) {
  char *dir = hui_path_join(root_dir, name);
  mkdir(dir, 0700);
  char *sub = hui_path_join(dir, "submissions");
  mkdir(sub, 0700);
  free(sub);
  const char *src = getenv("HUIBIAN_SOURCE");
  char *cpath = hui_path_join(src ? src : HUIBIAN_DATADIR, "input/2020/campaign.xml");
  size_t len;
  char *camp = hui_read_file(cpath, HUI_MAX_XML_BYTES, &len);
  char *dst = hui_path_join(dir, "campaign.xml");
  put_file(dst, camp, len);
  free(dst);
  free(camp);
  free(cpath);
  return dir;
}

/* A submission file of exactly size bytes: padded with a comment. */
static void test_file_size(void) {
  char *dir = edition("size");
  for (int past = 0; past <= 1; past++) {
    size_t size = HUI_MAX_XML_BYTES + (size_t)past;
    hui_buf b = {0};
    hui_buf_puts(&b, HEAD);
    hui_buf_puts(&b, "<para>正文</para>\n<!--");
    size_t tail = strlen("-->\n") + strlen(TAIL);
    while (b.len + tail < size) hui_buf_putc(&b, 'x');
    hui_buf_puts(&b, "-->\n");
    hui_buf_puts(&b, TAIL);
    CHECK_INT(b.len, size);
    char *path = hui_path_join(dir, "submissions/s1.xml");
    put_file(path, b.data, b.len);
    free(path);
    hui_buf_free(&b);
    hui_diags *d = hui_diags_new();
    char *why = NULL;
    hui_edition *e = hui_load_edition(dir, d, &why);
    CHECK(e && e->nsubs == 1);
    CHECK_INT(count_rule(d, "file-too-large"), past);
    if (e && e->nsubs == 1) CHECK(e->subs[0].loaded == !past);
    if (past) {
      const hui_diag *x = find_rule(d, "file-too-large");
      CHECK(x && strstr(x->message, "larger than 4 MB"));
    }
    hui_edition_free(e);
    hui_diags_free(d);
    free(why);
  }
  free(dir);
}

/* A submission with exactly n start tags (HEAD and TAIL have some). */
static hui_buf with_elements(size_t n) {
  size_t base = 0;
  for (const char *p = HEAD; *p; p++) base += p[0] == '<' && p[1] != '/' && p[1] != '?';
  base += 1; /* the <para> */
  hui_buf b = {0};
  hui_buf_puts(&b, HEAD);
  hui_buf_puts(&b, "<para>");
  for (size_t i = base; i < n; i++) hui_buf_puts(&b, "<phrase/>");
  hui_buf_puts(&b, "字</para>\n");
  hui_buf_puts(&b, TAIL);
  return b;
}

static void test_element_count(void) {
  for (int past = 0; past <= 1; past++) {
    hui_buf b = with_elements(HUI_MAX_XML_ELEMENTS + (size_t)past);
    bool loaded = false;
    hui_diags *d = load_mem(b.data, b.len, &loaded);
    CHECK_INT(count_rule(d, "too-many-elements"), past);
    CHECK(loaded == !past);
    if (!past) CHECK_INT(hui_diags_count(d, HUI_ERROR), 0);
    const hui_diag *x = find_rule(d, "too-many-elements");
    if (past) CHECK(x && strstr(x->message, "more than 50000 elements"));
    hui_diags_free(d);
    hui_buf_free(&b);
  }
}

/* XML nesting: depth elements inside <article> (unknown ones: the schema
 * complains, but only libxml2's depth limit says too-deep). */
static hui_buf nested(const char *open, const char *close, size_t depth) {
  hui_buf b = {0};
  hui_buf_puts(&b, HEAD);
  for (size_t i = 0; i < depth; i++) hui_buf_puts(&b, open);
  hui_buf_puts(&b, "<para>字</para>");
  for (size_t i = 0; i < depth; i++) hui_buf_puts(&b, close);
  hui_buf_puts(&b, TAIL);
  return b;
}

static void test_xml_depth(void) {
  /* <article> is level 1 and <para> one more: depth-2 <x> elements reach
   * HUI_MAX_XML_DEPTH levels exactly. */
  for (int past = 0; past <= 1; past++) {
    hui_buf b = nested("<x>", "</x>", HUI_MAX_XML_DEPTH - 2 + (size_t)past);
    bool loaded = false;
    hui_diags *d = load_mem(b.data, b.len, &loaded);
    CHECK_INT(count_rule(d, "too-deep"), past);
    CHECK(loaded == !past);
    const hui_diag *x = find_rule(d, "too-deep");
    if (past) CHECK(x && strstr(x->message, "more than 256 levels"));
    hui_diags_free(d);
    hui_buf_free(&b);
  }
}

static void test_body_depth(void) {
  /* The body's blocks: HUI_MAX_BODY_DEPTH levels below the body are kept
   * (blockquotes and the para inside the last). */
  for (int past = 0; past <= 1; past++) {
    hui_buf b = nested("<blockquote>", "</blockquote>", HUI_MAX_BODY_DEPTH - 1 + (size_t)past);
    bool loaded = false;
    hui_diags *d = load_mem(b.data, b.len, &loaded);
    CHECK_INT(count_rule(d, "too-deep"), past);
    CHECK(loaded);
    if (!past) CHECK_INT(hui_diags_count(d, HUI_ERROR), 0);
    const hui_diag *x = find_rule(d, "too-deep");
    if (past) CHECK(x && strstr(x->message, "more than 32 levels"));
    hui_diags_free(d);
    hui_buf_free(&b);
  }
}

static void test_text_length(void) {
  for (int past = 0; past <= 1; past++) {
    hui_buf b = {0};
    hui_buf_puts(&b, HEAD);
    hui_buf_puts(&b, "<para>");
    size_t n = HUI_MAX_TEXT_CHARS + (size_t)past;
    /* split by inline elements: the paragraph counts, not the text node */
    for (size_t i = 0; i < n; i++) hui_buf_puts(&b, i == n / 2 ? "<emphasis>字</emphasis>" : "字");
    hui_buf_puts(&b, "</para>\n<para>短</para>\n");
    hui_buf_puts(&b, TAIL);
    hui_diags *d = load_mem(b.data, b.len, NULL);
    CHECK_INT(count_rule(d, "text-too-long"), past);
    const hui_diag *x = find_rule(d, "text-too-long");
    if (past) {
      CHECK(x && x->line == 4 && x->col == 1);
      CHECK(x && strstr(x->message, "100001 characters, more than the 100000"));
    }
    hui_diags_free(d);
    hui_buf_free(&b);
  }
}

/* A table of HUI_MAX_TABLE_COLS columns is read, every entry in its own
 * column; one more column is one table-span at the tgroup. */
static void test_table_cols(void) {
  for (int past = 0; past <= 1; past++) {
    hui_buf b = {0};
    hui_buf_puts(&b, HEAD);
    int cols = HUI_MAX_TABLE_COLS + past;
    hui_buf_printf(&b, "<informaltable>\n<tgroup cols=\"%d\"><tbody><row>", cols);
    for (int i = 0; i < HUI_MAX_TABLE_COLS; i++) hui_buf_puts(&b, "<entry>字</entry>");
    hui_buf_puts(&b, "</row></tbody></tgroup></informaltable>\n");
    hui_buf_puts(&b, TAIL);
    hui_diags *d = load_mem(b.data, b.len, NULL);
    CHECK_INT(count_rule(d, "table-span"), past);
    const hui_diag *x = find_rule(d, "table-span");
    if (past) CHECK(x && x->line == 5 && strstr(x->message, "65 columns"));
    hui_diags_free(d);
    hui_buf_free(&b);
  }
}

/* At the limit every submission is read (here: empty files, each its own
 * file-empty); past it none is, with one too-many-submissions. */
static void test_submission_count(void) {
  char *dir = edition("count");
  for (int past = 0; past <= 1; past++) {
    for (unsigned i = past ? HUI_MAX_SUBMISSIONS : 0; i < HUI_MAX_SUBMISSIONS + (unsigned)past; i++) {
      char rel[64];
      snprintf(rel, sizeof rel, "submissions/s%05u.xml", i);
      char *path = hui_path_join(dir, rel);
      put_file(path, "", 0);
      free(path);
    }
    hui_diags *d = hui_diags_new();
    char *why = NULL;
    hui_edition *e = hui_load_edition(dir, d, &why);
    CHECK(e != NULL);
    CHECK_INT(count_rule(d, "too-many-submissions"), past);
    CHECK_INT(count_rule(d, "file-empty"), past ? 0 : HUI_MAX_SUBMISSIONS);
    if (e) CHECK_INT(e->nsubs, past ? 0 : HUI_MAX_SUBMISSIONS);
    const hui_diag *x = find_rule(d, "too-many-submissions");
    if (past) CHECK(x && strstr(x->message, "5001 submissions, more than the 5000"));
    hui_edition_free(e);
    hui_diags_free(d);
    free(why);
  }
  free(dir);
}

static void be32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* A PNG signature and IHDR of w×h and nothing else: at the limit it is
 * refused as damaged (no pixels), past it for its size, before decoding. */
static void test_image_pixels(void) {
  const uint32_t w = 8000, h = HUI_MAX_IMAGE_PIXELS / 8000;
  for (int past = 0; past <= 1; past++) {
    unsigned char png[33] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    be32(png + 16, w);
    be32(png + 20, h + (uint32_t)past);
    png[24] = 8;
    png[25] = 2;
    char *why = NULL;
    hui_image *img = hui_image_from_memory(png, sizeof png, &why);
    CHECK(img == NULL);
    CHECK(why && (strstr(why, "more than the 40 million") != NULL) == past);
    free(why);
    /* JPEG: SOI, a baseline frame of w×h, one component */
    unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 0, 0, 0, 1, 1, 0x11, 0, 0xFF, 0xD9};
    uint32_t jh = 5000 + (uint32_t)past; /* 8000 × 5000 = the limit */
    jpg[7] = (unsigned char)(jh >> 8);
    jpg[8] = (unsigned char)jh;
    jpg[9] = (unsigned char)(8000 >> 8);
    jpg[10] = (unsigned char)(8000 & 0xFF);
    why = NULL;
    img = hui_image_from_memory(jpg, sizeof jpg, &why);
    CHECK(img == NULL);
    CHECK(why && (strstr(why, "more than the 40 million") != NULL) == past);
    CHECK(why && (strstr(why, "no image in it") != NULL) == !past);
    free(why);
  }
}

/* JPEG scans: 100 scans pass the marker walk, 101 are refused by the walk,
 * before libjpeg decodes any (the checker's probe too). */
static void test_jpeg_scans(void) {
  for (int past = 0; past <= 1; past++) {
    hui_buf b = {0};
    static const unsigned char sof[] = {0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0};
    static const unsigned char sos[] = {0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12};
    hui_buf_add(&b, sof, sizeof sof);
    for (unsigned i = 0; i < HUI_MAX_JPEG_SCANS + (unsigned)past; i++) hui_buf_add(&b, sos, sizeof sos);
    hui_buf_add(&b, "\xFF\xD9", 2);
    char *why = NULL;
    hui_image *img = hui_image_from_memory((const unsigned char *)b.data, b.len, &why);
    CHECK((img != NULL) == !past);
    CHECK(past == (why && strstr(why, "more than 100 scans") != NULL));
    hui_image_free(img);
    free(why);
    why = NULL;
    img = hui_image_probe_memory((const unsigned char *)b.data, b.len, &why);
    CHECK(img == NULL); /* at the limit: libjpeg finds no Huffman table */
    CHECK(past == (why && strstr(why, "more than 100 scans") != NULL));
    free(why);
    hui_buf_free(&b);
  }
}

/* Image files: a sparse file of exactly the limit is read, one byte more is
 * refused by its size without reading it. */
static void test_image_bytes(void) {
  char *path = hui_path_join(root_dir, "big.png");
  for (int past = 0; past <= 1; past++) {
    put_file(path, "", 0);
    CHECK(truncate(path, (off_t)HUI_MAX_IMAGE_BYTES + past) == 0);
    char *why = NULL;
    hui_image *img = hui_image_load(path, &why);
    CHECK(img == NULL);
    CHECK(why && (strstr(why, "larger than 256 MB") != NULL) == past);
    CHECK(why && (strstr(why, "not a PNG or JPEG") != NULL) == !past);
    free(why);
  }
  unlink(path);
  free(path);
}

int main(void) {
  if (!mkdtemp(root_dir)) {
    root_dir = root_dir_tmp;
    if (!mkdtemp(root_dir)) {
      perror("mkdtemp");
      return 2;
    }
  }
  test_file_size();
  test_element_count();
  test_xml_depth();
  test_body_depth();
  test_text_length();
  test_table_cols();
  test_submission_count();
  test_image_pixels();
  test_image_bytes();
  test_jpeg_scans();
  char *cmd = hui_xasprintf("rm -rf '%s'", root_dir);
  if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", root_dir);
  free(cmd);
  return CHECK_DONE();
}
