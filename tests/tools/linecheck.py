#!/usr/bin/env python3
"""linecheck: counts, from a --trace of a built edition, the body lines that
break the paragraph rules of docs/typography.md ("Total fit"):

  loose     a justified line spread by more than 0.10 em at each junction
            (the trace's gap=, which para.c computes from the set widths)
  orphan    a paragraph's last line holding one character (plus punctuation)
  unit      a line ending inside a number with its unit: 10416|元, 399万|元,
            9.3公|里, 3|个百分点, 31.6|%, 3—|5年
  operator  a line starting with an operator inside a Han compound: +就业

The text of each line is read from the glyph lines of the trace (the line at the
y of each noted paragraph line), so the splits and orphans are judged on what
is printed, not on what the breaker thought.

A line the trace notes with gave=RULE (para.c found no setting of the
paragraph that keeps every rule, and says what keeping this one would have
broken: instead=...) is counted as explained; with --explained-ok only the
unexplained lines, and explained loose lines spread by more than 0.25 em,
make the exit status 1.

usage: linecheck.py TRACE [--quiet] [--explained-ok]
"""
import re
import sys

LOOSE = 0.10
DIGITS = "0-9０-９"
MULT = "十百千万亿余多"
UNITS = ("年月日时分秒号个人元角万亿千百岁名户家次项条件座所台辆吨亩米斤公里克升度倍届期批天周页篇"
         "处位只张把块场本册套株棵头份笔间层栋%％‰℃")
COMPOUNDS = ["个百分点", "百分点", "平方公里", "平方千米", "平方米", "立方米", "公里", "公斤", "公顷",
             "千米", "千克", "千瓦时", "千瓦", "余人", "多人", "个月", "小时", "分钟"]
UNIT_RE = "(?:" + "|".join(COMPOUNDS) + "|[" + UNITS + "])"
# a number with its unit, or a range of numbers: what no line may end inside
KEEP = re.compile(
    "[" + DIGITS + "]+(?:[.．][" + DIGITS + "]+)*"
    + "(?:(?:[—–~～\\-―]+[" + DIGITS + "]+(?:[.．][" + DIGITS + "]+)*)"
    + "|(?:[" + MULT + "]*" + UNIT_RE + ")|[" + MULT + "]+)"
)
PUNCT = set("，。、；：？！）》」』”’〕］｝〉】〗·（《「『“‘〔［｛〈【〖—…～／")
OPERATORS = set("+＋=＝×÷")


def is_han(ch):
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0x20000 <= o <= 0x3FFFF or ch == "〇"


def parse(path):
    """Body paragraph lines in document order: dicts with p, line, nlines,
    justified, gap, gave and text."""
    out = []
    glyphs = {}
    paras = []

    def flush():
        for q in paras:
            q["text"] = glyphs.get(round(q["y"], 2), "")
            out.append(q)
        glyphs.clear()
        paras.clear()

    for raw in open(path, encoding="utf-8"):
        if raw.startswith("page "):
            flush()
            continue
        m = re.match(r"^  line y=(\S+) x=\S+ (.*)$", raw.rstrip("\n"))
        if m:
            text = re.sub(r" color=\S+$", "", m.group(2))
            glyphs[round(float(m.group(1)), 2)] = text
            continue
        m = re.match(r"^  para k=\d+ p=(\d+) (\d+)/(\d+) (\w+)( justified)? x=\S+ y=(\S+)(.*)$",
                     raw.rstrip("\n"))
        if m and m.group(4) == "body":
            rest = m.group(7)
            gap = re.search(r" gap=(\S+)", rest)
            gave = re.search(r" gave=(\S+)", rest)
            instead = re.search(r" instead=(\S+)", rest)
            paras.append({"p": int(m.group(1)), "line": int(m.group(2)), "nlines": int(m.group(3)),
                          "justified": bool(m.group(5)), "y": float(m.group(6)),
                          "gap": float(gap.group(1)) if gap else 0.0,
                          "gave": gave.group(1) if gave else "",
                          "instead": instead.group(1) if instead else ""})
    flush()
    return out


def split_inside(prev, nxt):
    """True when the break between two lines falls inside a number and its unit."""
    tail, head = prev[-8:], nxt[:8]
    joined = tail + head
    cut = len(tail)
    for m in KEEP.finditer(joined):
        if m.start() < cut < m.end():
            return True
    return False


def check(path):
    lines = parse(path)
    found = {"loose": [], "orphan": [], "unit": [], "operator": []}
    explained = {k: [] for k in found}
    last = {}

    def add(kind, q, text):
        rule = q["gave"].split(",")
        ok = kind in rule and q["instead"] != ""
        if kind == "loose" and q["gap"] > 0.25:
            ok = False
        (explained if ok else found)[kind].append(text)

    for q in lines:
        where = "p=%d line %d/%d" % (q["p"], q["line"], q["nlines"])
        if q["justified"] and q["gap"] > LOOSE + 1e-9:
            add("loose", q, "%s gap=%.3f em: %s" % (where, q["gap"], q["text"]))
        if q["line"] == q["nlines"] and q["nlines"] > 1:
            chars = [c for c in q["text"] if c not in PUNCT and not c.isspace()]
            if len(chars) <= 1:
                add("orphan", q, "%s: %s" % (where, q["text"]))
        before = last.get(q["p"])
        if before is not None and before["line"] + 1 == q["line"]:
            if split_inside(before["text"], q["text"]):
                add("unit", before, "%s: %s|%s" % (where, before["text"][-6:], q["text"][:6]))
            if q["text"][:1] in OPERATORS and before["text"][-1:] and is_han(before["text"][-1]):
                add("operator", before,
                    "%s: %s|%s" % (where, before["text"][-6:], q["text"][:6]))
        last[q["p"]] = q
    return lines, found, explained


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip())
        return 2
    lines, found, explained = check(argv[1])
    quiet = "--quiet" in argv[2:]
    total = 0
    for kind, items in found.items():
        n = len(items) + len(explained[kind])
        total += len(items) if "--explained-ok" in argv[2:] else n
        print("%s: %d (%d explained in the trace)" % (kind, n, len(explained[kind])))
        for it in [] if quiet else items[:20]:
            print("  " + it)
        for it in [] if quiet else explained[kind][:20]:
            print("  explained: " + it)
    print("body lines: %d" % len(lines))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
