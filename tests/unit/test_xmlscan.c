/* test_xmlscan: the tokenizer and positions the loader and `huibian fix`
 * share (load/xmlscan.h), and the choice of a reader by file name
 * (load/reader.h). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "fix.h"
#include "load/reader.h"
#include "load/xmlscan.h"

/* The kinds of every token of s, one letter each: S start, / end, T text,
 * C CDATA, M comment, P PI, D declaration; e for a start tag that is empty. */
static char *kinds(const char *s) {
  static char out[256];
  size_t n = 0;
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, s, strlen(s));
  for (hui_xt t; hui_xmlscan_next(&sc, &t) && n + 1 < sizeof out;) {
    static const char letter[] = {'?', 'S', '/', 'T', 'C', 'M', 'P', 'D'};
    out[n++] = t.kind == HUI_XT_START && t.empty ? 'e' : letter[t.kind];
  }
  out[n] = '\0';
  return out;
}

static void test_tokens(void) {
  CHECK_STR(kinds("<?xml version=\"1.0\"?>\n<a><b/>t<![CDATA[c]]><!--m--></a>"), "PTSeTCM/");
  CHECK_STR(kinds("<!DOCTYPE a><a/>"), "De");
  /* a '>' or "/>" inside a quoted value ends nothing */
  CHECK_STR(kinds("<a x='>' y=\"/>\">t</a>"), "ST/");
  /* a byte order mark is text before the first tag (fix copies it) */
  CHECK_STR(kinds("\xEF\xBB\xBF<a/>"), "Te");

  const char *s = "<a>x<![CDATA[y]]z]]>w</a>";
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, s, strlen(s));
  hui_xt t;
  CHECK(hui_xmlscan_next(&sc, &t) && t.kind == HUI_XT_START && t.at == 0 && t.end == 3 && !t.empty);
  CHECK(hui_xmlscan_next(&sc, &t) && t.kind == HUI_XT_TEXT && t.content == 3 && t.content_end == 4);
  CHECK(hui_xmlscan_next(&sc, &t) && t.kind == HUI_XT_CDATA);
  CHECK_INT(t.at, 4);
  CHECK_INT(t.content, 13);
  CHECK_INT(t.content_end, 17); /* "y]]z" */
  CHECK_INT(t.end, 20);
  CHECK(hui_xmlscan_next(&sc, &t) && t.kind == HUI_XT_TEXT && t.content == 20);
  CHECK(hui_xmlscan_next(&sc, &t) && t.kind == HUI_XT_END && t.end == strlen(s));
  CHECK(!hui_xmlscan_next(&sc, &t) && t.kind == HUI_XT_END_OF_INPUT);

  /* tokens that are not closed run to the end, and nothing reads past it */
  const char *open[] = {"<!-- x", "<![CDATA[x", "<a b='>", "<", "<?pi", "</a"};
  for (size_t i = 0; i < sizeof open / sizeof *open; i++) {
    size_t len = strlen(open[i]);
    char *copy = malloc(len); /* no NUL after it */
    memcpy(copy, open[i], len);
    hui_xmlscan_init(&sc, copy, len);
    CHECK(hui_xmlscan_next(&sc, &t) && t.at == 0 && t.end == len);
    CHECK(!hui_xmlscan_next(&sc, &t));
    if (t.kind == HUI_XT_CDATA) CHECK_INT(t.content_end, len);
    free(copy);
  }
}

static void test_positions(void) {
  /* columns count characters, not bytes; a byte order mark is no column */
  const char *s = "\xEF\xBB\xBF<a>\n  中文<b/>\n<c/></a>";
  size_t len = strlen(s);
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, s, len);
  const char *b = strstr(s, "<b/>"), *c = strstr(s, "<c/>");
  hui_pos p = hui_xmlscan_pos(&sc, 3);
  CHECK(p.line == 1 && p.col == 1);
  p = hui_xmlscan_pos(&sc, (size_t)(b - s));
  CHECK(p.line == 2 && p.col == 5);
  p = hui_xmlscan_pos(&sc, (size_t)(c - s));
  CHECK(p.line == 3 && p.col == 1);
  /* the walk and the one-off count agree at every offset */
  hui_xmlscan_init(&sc, s, len);
  int differ = 0;
  for (size_t off = 3; off <= len; off++) {
    hui_pos w = hui_xmlscan_pos(&sc, off), o = hui_xmlscan_offset_pos(s, off);
    differ += w.line != o.line || w.col != o.col;
  }
  CHECK_INT(differ, 0);
}

/* fix leaves markup, comments, CDATA delimiters and a byte order mark as
 * they are, and fixes the text the tokenizer gives it. */
static void test_fix_tokens(void) {
  const char *s = "\xEF\xBB\xBF<article x='>'><para>中文,中文<!-- a,b --><![CDATA[中,文]]></para></article>";
  size_t n = 0, changes = 0;
  char *out = hui_fix_text(s, strlen(s), &n, &changes);
  CHECK_STR(out, "\xEF\xBB\xBF<article x='>'><para>中文，中文<!-- a,b --><![CDATA[中，文]]></para></article>");
  CHECK_INT(changes, 2);
  free(out);
}

static void test_readers(void) {
  CHECK(hui_reader_for("s1.xml") != NULL);
  CHECK(hui_reader_for("submissions/S1.XML") == hui_reader_for("s1.xml")); /* any case */
  CHECK(hui_reader_for(".xml") == NULL); /* a name is more than its extension */
  CHECK(hui_reader_for("s1.xml.bak") == NULL);
  CHECK(hui_reader_for("s1.txt") == NULL);
  CHECK(hui_reader_for("s1") == NULL);
}

int main(void) {
  test_tokens();
  test_positions();
  test_fix_tokens();
  test_readers();
  return CHECK_DONE();
}
