/* fix: `huibian fix` — the safe fix-its applied to the source bytes.
 *
 * The loader's tokenizer (load/xmlscan.h) walks the raw XML (the loader has
 * already checked that it is well-formed), so fix reads the bytes exactly as
 * the loader did: markup, comments, PIs and CDATA delimiters are copied as
 * they are; each run of character data between two pieces of markup is one
 * text, exactly as libxml2 gives it to the rules as one text node. Entity and
 * character references are decoded for context but never rewritten. The run's
 * fix-its (rules/punct.c) are applied until none is left, so the file then
 * checks clean for halfwidth-punct and stray-space (and hyphen-range and
 * dash-form, whose fix-its rules/pasted.c adds); the U+3000 that start a
 * paragraph are deleted too (ideographic-indent). A repeated pause or stop
 * mark (doubled-punct: 。。) loses its second, and a run in traditional
 * characters (traditional-chars) is converted to simplified ones. */
#define _XOPEN_SOURCE 700
#include "fix.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "base/i18n.h"
#include "hui_limits.h"
#include "load/xmlscan.h"
#include "rules/rules.h"

enum { MAX_STACK = 64 };

typedef enum { R_NONE, R_TITLE, R_BODY } region;

/* One character of a run: its code point and the source bytes it came from
 * (len 0: inserted by a fix). */
typedef struct rchar {
  uint32_t cp;
  size_t off, len;
  bool ref; /* an entity or character reference: never changed */
} rchar;

typedef struct elname {
  const char *p;
  size_t n;
} elname;

static bool name_is(elname x, const char *s) { return x.n == strlen(s) && memcmp(x.p, s, x.n) == 0; }

/* The region of character data inside the open elements st[0..depth). */
static region region_of(const elname *st, size_t depth, size_t real_depth) {
  if (real_depth != depth || depth < 2 || !name_is(st[0], "article")) return R_NONE;
  for (size_t i = 1; i < depth; i++)
    if (name_is(st[i], "info")) {
      bool t = depth == i + 2 && (name_is(st[depth - 1], "title") || name_is(st[depth - 1], "subtitle"));
      return t ? R_TITLE : R_NONE;
    }
  if (depth == 2 && (name_is(st[1], "title") || name_is(st[1], "subtitle"))) return R_TITLE;
  return R_BODY;
}

/* Decodes &...; at b[i]; returns its length or 0 when it is not a reference. */
static size_t reference(const char *b, size_t len, size_t i, uint32_t *cp) {
  size_t e = i + 1;
  while (e < len && e - i < 12 && b[e] != ';') e++;
  if (e >= len || b[e] != ';') return 0;
  const char *s = b + i + 1;
  size_t n = e - i - 1;
  static const struct {
    const char *name;
    uint32_t cp;
  } pre[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
  for (size_t k = 0; k < 5; k++)
    if (strlen(pre[k].name) == n && memcmp(pre[k].name, s, n) == 0) {
      *cp = pre[k].cp;
      return n + 2;
    }
  if (n >= 2 && s[0] == '#') {
    bool hex = s[1] == 'x';
    uint32_t v = 0;
    size_t k = hex ? 2 : 1;
    if (k == n) return 0;
    for (; k < n; k++) {
      char c = s[k];
      int dgt = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                                              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (dgt < 0 || v > 0x10FFFF) return 0;
      v = v * (hex ? 16 : 10) + (uint32_t)dgt;
    }
    *cp = v;
    return n + 2;
  }
  return 0;
}

static int cmp_at(const void *a, const void *b) {
  const hui_fixit *x = a, *y = b;
  return x->at < y->at ? -1 : x->at > y->at;
}

/* Adds doubled-punct's fix-its to the nf of *f, in order. */
static size_t with_doubled(const uint32_t *cps, size_t n, hui_fixit **f, size_t nf) {
  hui_fixit *g;
  size_t ng = hui_residue_fixits(cps, n, &g);
  if (!ng) {
    free(g);
    return nf;
  }
  *f = hui_xrealloc(*f, (nf + ng) * sizeof **f);
  memcpy(*f + nf, g, ng * sizeof *g);
  free(g);
  qsort(*f, nf + ng, sizeof **f, cmp_at);
  return nf + ng;
}

/* A run in traditional characters (traditional-chars) in simplified ones;
 * references stay as written. */
static void to_simplified(rchar *v, size_t n, size_t *changes) {
  uint32_t *cps = hui_xmalloc((n ? n : 1) * sizeof *cps);
  for (size_t i = 0; i < n; i++) cps[i] = v[i].cp;
  size_t changed, first;
  uint32_t *hans = hui_hans(cps, n, &changed, &first);
  for (size_t i = 0; hans && i < n; i++)
    if (hans[i] != cps[i] && !v[i].ref) {
      v[i] = (rchar){hans[i], 0, 0, false};
      ++*changes;
    }
  free(hans);
  free(cps);
}

/* True when b[a..e) is only ASCII white space (source formatting). */
static bool source_white(const char *b, size_t a, size_t e) {
  for (size_t i = a; i < e; i++)
    if (b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r') return false;
  return true;
}

/* Deletes the U+3000 in the leading white space of a paragraph's first run
 * (ideographic-indent: the layout indents paragraphs itself); the ASCII white
 * space around them is source formatting and stays. */
static size_t drop_indent(rchar *v, size_t *n) {
  size_t w = 0, r = 0, dropped = 0;
  for (; r < *n; r++) {
    uint32_t c = v[r].cp;
    if (c == 0x3000 && !v[r].ref) {
      dropped++;
      continue;
    }
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
    v[w++] = v[r];
  }
  while (r < *n) v[w++] = v[r++];
  *n = w;
  return dropped ? 1 : 0;
}

/* Fixes one run b[a..e) of region r into out; para_start: the run is the
 * first text of a <para> (perhaps inside an emphasis, phrase or quote that
 * starts it). */
static void fix_run(const char *b, size_t a, size_t e, region r, bool cdata, bool para_start, hui_buf *out,
                    size_t *changes) {
  if (r == R_NONE) {
    hui_buf_add(out, b + a, e - a);
    return;
  }
  rchar *v = NULL;
  size_t n = 0, cap = 0;
  for (size_t i = a; i < e;) {
    rchar *c = HUI_PUSH(v, n, cap);
    c->off = i;
    size_t k = 0;
    if (!cdata && b[i] == '&' && (k = reference(b, e, i, &c->cp)) > 0) {
      c->ref = true;
    } else {
      k = hui_utf8_decode(b + i, e - i, &c->cp);
      if (!k) k = 1, c->cp = 0xFFFD;
    }
    c->len = k;
    i += k;
  }
  if (para_start && r == R_BODY) *changes += drop_indent(v, &n);
  uint32_t *cps = hui_xmalloc((n ? n : 1) * sizeof *cps);
  for (int round = 0; round < 8; round++) {
    for (size_t i = 0; i < n; i++) cps[i] = v[i].cp;
    hui_fixit *f;
    size_t nf = hui_fixits_find(cps, n, r == R_BODY, &f), done = 0;
    nf = with_doubled(cps, n, &f, nf);
    rchar *w = hui_xmalloc((n ? n : 1) * sizeof *w);
    size_t nw = 0, rd = 0;
    for (size_t k = 0; k < nf; k++) {
      if (!f[k].safe || f[k].at < rd) continue;
      bool refs = false;
      for (size_t j = 0; j < f[k].len; j++) refs |= v[f[k].at + j].ref;
      if (refs) continue;
      while (rd < f[k].at) w[nw++] = v[rd++];
      if (f[k].repl) w[nw++] = (rchar){f[k].repl, 0, 0, false};
      rd += f[k].len;
      done++;
    }
    while (rd < n) w[nw++] = v[rd++];
    free(f);
    free(v);
    v = w;
    n = nw;
    *changes += done;
    if (!done) break;
  }
  free(cps);
  to_simplified(v, n, changes);
  for (size_t i = 0; i < n; i++) {
    if (v[i].len) {
      hui_buf_add(out, b + v[i].off, v[i].len);
    } else {
      char enc[4];
      hui_buf_add(out, enc, hui_utf8_encode(v[i].cp, enc));
    }
  }
  free(v);
}

char *hui_fix_text(const char *b, size_t len, size_t *out_len, size_t *changes) {
  hui_buf out = {0};
  elname st[MAX_STACK];
  size_t depth = 0; /* real depth; names kept for the first MAX_STACK */
  *changes = 0;
  hui_xmlscan sc;
  hui_xmlscan_init(&sc, b, len);
  bool para_start = false; /* what came last opened a <para>, and nothing but inline starts and white space since */
  for (hui_xt t; hui_xmlscan_next(&sc, &t);) {
    size_t kept = depth < MAX_STACK ? depth : MAX_STACK;
    bool opened_para = false;
    switch (t.kind) {
    case HUI_XT_TEXT:
      /* the newline and indentation before an inline element that starts the paragraph */
      opened_para = para_start && source_white(b, t.content, t.content_end);
      fix_run(b, t.content, t.content_end, region_of(st, kept, depth), false, para_start, &out, changes);
      break;
    case HUI_XT_CDATA: /* the delimiters as they are, the content fixed */
      hui_buf_add(&out, b + t.at, t.content - t.at);
      fix_run(b, t.content, t.content_end, region_of(st, kept, depth), true, para_start, &out, changes);
      hui_buf_add(&out, b + t.content_end, t.end - t.content_end);
      break;
    case HUI_XT_END:
      if (depth) depth--;
      hui_buf_add(&out, b + t.at, t.end - t.at);
      break;
    case HUI_XT_START:
      if (!t.empty) {
        /* The local name: what follows a prefix, up to a space, '>' or '/'. */
        size_t s = t.at + 1, e = s;
        while (e < len && b[e] != ' ' && b[e] != '\t' && b[e] != '\n' && b[e] != '\r' && b[e] != '>' && b[e] != '/')
          e++;
        const char *colon = memchr(b + s, ':', e - s);
        if (colon) s = (size_t)(colon - b) + 1;
        if (depth < MAX_STACK) st[depth] = (elname){b + s, e - s};
        depth++;
        elname x = {b + s, e - s};
        opened_para = name_is(x, "para") ||
                      (para_start && (name_is(x, "emphasis") || name_is(x, "phrase") || name_is(x, "quote")));
      }
      hui_buf_add(&out, b + t.at, t.end - t.at);
      break;
    default: /* comments, PIs, declarations */
      hui_buf_add(&out, b + t.at, t.end - t.at);
    }
    para_start = opened_para;
  }
  *out_len = out.len;
  return hui_buf_take(&out);
}

/* ---- unified diff ------------------------------------------------------- */

typedef struct line {
  const char *p;
  size_t n; /* without the newline */
  bool nl;  /* ends with a newline */
} line;

static line *split(const char *s, size_t len, size_t *n) {
  line *v = NULL;
  size_t cap = 0;
  *n = 0;
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(s + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - s) : len;
    *HUI_PUSH(v, *n, cap) = (line){s + i, e - i, nl != NULL};
    i = nl ? e + 1 : len;
  }
  return v;
}

static void put_line(FILE *out, char mark, line l) {
  fputc(mark, out);
  fwrite(l.p, 1, l.n, out);
  fputc('\n', out);
  if (!l.nl) fputs("\\ No newline at end of file\n", out);
}

static bool same(line a, line b) { return a.n == b.n && a.nl == b.nl && memcmp(a.p, b.p, a.n) == 0; }

void hui_fix_diff(const char *a, size_t alen, const char *b, size_t blen, const char *name, FILE *out) {
  size_t na, nb;
  line *la = split(a, alen, &na), *lb = split(b, blen, &nb);
  fprintf(out, "--- a/%s\n+++ b/%s\n", name, name);
  if (na != nb) { /* never happens with huibian's fixes; still a correct diff */
    fprintf(out, "@@ -1,%zu +1,%zu @@\n", na, nb);
    for (size_t i = 0; i < na; i++) put_line(out, '-', la[i]);
    for (size_t i = 0; i < nb; i++) put_line(out, '+', lb[i]);
  } else {
    enum { CTX = 3 };
    size_t i = 0;
    while (i < na) {
      if (same(la[i], lb[i])) {
        i++;
        continue;
      }
      /* A hunk from the first change to the last one within 2*CTX lines. */
      size_t last = i;
      for (size_t k = i + 1; k < na && k <= last + 2 * CTX; k++)
        if (!same(la[k], lb[k])) last = k;
      size_t from = i >= CTX ? i - CTX : 0, to = last + CTX + 1 < na ? last + CTX + 1 : na;
      fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", from + 1, to - from, from + 1, to - from);
      for (size_t k = from; k < to;) {
        if (same(la[k], lb[k])) {
          put_line(out, ' ', la[k++]);
          continue;
        }
        size_t e = k;
        while (e < to && !same(la[e], lb[e])) e++;
        for (size_t j = k; j < e; j++) put_line(out, '-', la[j]);
        for (size_t j = k; j < e; j++) put_line(out, '+', lb[j]);
        k = e;
      }
      i = to;
    }
  }
  free(la);
  free(lb);
}

/* ---- files -------------------------------------------------------------- */

/* Writes data to path through a temporary file in the same folder, fsync and
 * rename, with the given mode. */
static bool replace_atomic(const char *path, const char *data, size_t len, mode_t mode) {
  char *tmp = hui_xasprintf("%s.fix-XXXXXX", path);
  int fd = mkstemp(tmp);
  bool ok = fd >= 0;
  if (ok) {
    ok = hui_write_all(fd, data, len) && fchmod(fd, mode & 07777) == 0 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok) {
      int saved = errno;
      unlink(tmp);
      errno = saved;
    }
  }
  free(tmp);
  return ok;
}

/* ---- encodings ---------------------------------------------------------- */

/* When buf declares GB18030, GBK or GB2312 (and is not UTF-8), converts it:
 * *text gets the UTF-8 text (its declaration unchanged; caller frees) and
 * res->converted the declared name. Returns false when the bytes are not
 * GB18030 (res->converted set). Otherwise *text stays buf. */
static bool to_utf8(const char *buf, size_t len, char **text, size_t *text_len, hui_fix_result *res) {
  size_t at, n, bad;
  if (!hui_xmlscan_gb_declared(buf, len, &at, &n)) return true;
  memcpy(res->converted, buf + at, n < sizeof res->converted ? n : sizeof res->converted - 1);
  char *out;
  if (!hui_gb18030_to_utf8(buf, len, &out, text_len, &bad)) {
    free(out);
    return false;
  }
  *text = out;
  return true;
}

/* text (UTF-8) with its declaration's encoding="…" saying UTF-8; a fresh
 * buffer of *out_len bytes. */
static char *utf8_declared(const char *text, size_t len, size_t *out_len) {
  hui_buf b = {0};
  size_t at, n;
  if (hui_xmlscan_encoding(text, len, &at, &n)) {
    hui_buf_add(&b, text, at);
    hui_buf_puts(&b, "UTF-8");
    hui_buf_add(&b, text + at + n, len - at - n);
  } else {
    hui_buf_add(&b, text, len);
  }
  *out_len = b.len;
  return hui_buf_take(&b);
}

bool hui_fix_wants_utf8(const char *path) {
  size_t len, at, n;
  char *buf = hui_read_file(path, HUI_MAX_XML_BYTES, &len);
  bool wants = buf && hui_xmlscan_gb_declared(buf, len, &at, &n);
  free(buf);
  return wants;
}

bool hui_fix_file(const char *path, const char *name, bool dry_run, FILE *diff, hui_fix_result *res, char **why) {
  *why = NULL;
  memset(res, 0, sizeof *res);
  struct stat st;
  if (lstat(path, &st) != 0) {
    *why = hui_xasprintf(_("cannot read %s: %s"), name, strerror(errno));
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *why = hui_xasprintf(_("%s is not a regular file (a link?); it was not changed"), name);
    return false;
  }
  size_t len;
  errno = 0;
  char *buf = hui_read_file(path, (size_t)st.st_size + 1, &len);
  if (!buf) {
    *why = hui_xasprintf(_("cannot read %s: %s"), name, hui_strerror(errno ? errno : EIO));
    return false;
  }
  /* text: what the fixes and the diff work on (the file's own bytes, or its
   * UTF-8 conversion); buf stays the file's bytes for the backup. */
  char *text = buf;
  size_t text_len = len;
  if (!to_utf8(buf, len, &text, &text_len, res)) {
    *why = hui_xasprintf(_("%s says it is in %s but is not: run 'huibian check' to see where; it was "
                           "not changed"),
                         name, res->converted);
    free(buf);
    return false;
  }
  size_t out_len;
  char *fixed;
  if (text == buf) {
    fixed = hui_fix_text(buf, len, &out_len, &res->changes);
  } else { /* the fixes run on the text that says UTF-8 already */
    size_t dlen;
    char *declared = utf8_declared(text, text_len, &dlen);
    fixed = hui_fix_text(declared, dlen, &out_len, &res->changes);
    free(declared);
  }
  bool changed = res->changes || res->converted[0];
  bool ok = true;
  if (changed && dry_run) {
    hui_fix_diff(text, text_len, fixed, out_len, name, diff);
  } else if (changed) {
    char *orig = hui_xasprintf("%s.orig", path);
    int fd = open(orig, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 0777);
    if (fd < 0 && errno == EEXIST) {
      res->backup_kept = true;
    } else if (fd < 0 || !hui_write_all(fd, buf, len) || fsync(fd) != 0) {
      *why = hui_xasprintf(_("cannot write the backup %s.orig: %s; %s was not changed"), name, strerror(errno), name);
      ok = false;
    }
    if (fd >= 0 && close(fd) != 0 && ok) {
      *why = hui_xasprintf(_("cannot write the backup %s.orig: %s; %s was not changed"), name, strerror(errno), name);
      ok = false;
    }
    if (!ok && fd >= 0) unlink(orig);
    if (ok && !replace_atomic(path, fixed, out_len, st.st_mode)) {
      *why = hui_xasprintf(_("cannot write %s: %s; it was not changed"), name, strerror(errno));
      ok = false;
    }
    free(orig);
  }
  if (text != buf) free(text);
  free(buf);
  free(fixed);
  return ok;
}
