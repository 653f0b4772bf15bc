"""Whole-paragraph line breaking (docs/typography.md, "Total fit") asserted
over a generated edition of 100 submissions (bench/gen-edition.py, every one
typeset) and over the sample edition input/2020: from the trace, by
tests/tools/linecheck.py — no number cut from its unit (10416|元, 399万|元,
9.3公|里, 3|个百分点, ranges), no one-character last line (元。), no line
starting with an operator inside a Han compound (+就业), and no loose line
(more than 0.10 em added at each junction) except where the trace shows that
no setting of the paragraph avoids one (gave=loose with what keeping it would
break), at most one such line in two hundred and none above 0.25 em."""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "tools"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402
import linecheck  # noqa: E402

TMP = tmp("/tmp/huibian-total-fit")


def assert_edition(label, edition):
    out = os.path.join(TMP, label + "-out")
    r = run(BIN, "build", edition, "-o", out, "--trace")
    if not check(r.returncode == 0, label + ": build: " + r.stderr[-300:]):
        return
    lines, found, explained = linecheck.check(os.path.join(out, "compendium.trace"))
    check(len(lines) > 500, "%s: %d body lines in the trace (the checker reads none?)"
          % (label, len(lines)))
    for kind in ("unit", "orphan", "operator"):
        bad = found[kind] + explained[kind]
        check(not bad, "%s: %d %s lines: %s" % (label, len(bad), kind, bad[:5]))
    check(not found["loose"], "%s: loose lines the trace does not explain: %s"
          % (label, found["loose"][:5]))
    check(len(explained["loose"]) * 200 <= len(lines),
          "%s: %d loose lines in %d, more than one in two hundred: %s"
          % (label, len(explained["loose"]), len(lines), explained["loose"][:5]))


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    edition = os.path.join(TMP, "ed100")
    r = run(sys.executable, os.path.join(SRC, "bench", "gen-edition.py"), "-n", "100",
            "--quotas", "20,30,50", "-o", edition)
    if check(r.returncode == 0, "gen-edition: " + r.stderr[-300:]):
        assert_edition("generated", edition)
    assert_edition("sample", os.path.join(SRC, "input", "2020"))
    # the checker itself: a trace with each fault is caught
    fake = os.path.join(TMP, "faults.trace")
    with open(fake, "w", encoding="utf-8") as f:
        f.write("page 1 (body 1) 100x100\n"
                "  line y=10.00 x=0..10 一二三四五六七10416\n"
                "  line y=20.00 x=0..10 元。互联网\n"
                "  line y=30.00 x=0..10 +就业。\n"
                "  line y=40.00 x=0..10 元。\n"
                "  para k=0 p=1 1/4 body justified x=0 y=10.00 w=1 right=1 gap=0.120\n"
                "  para k=1 p=1 2/4 body justified x=0 y=20.00 w=1 right=1\n"
                "  para k=2 p=1 3/4 body justified x=0 y=30.00 w=1 right=1\n"
                "  para k=3 p=1 4/4 body x=0 y=40.00 w=1 right=1\n")
    _, found, _ = linecheck.check(fake)
    check([len(found[k]) for k in ("loose", "unit", "operator", "orphan")] == [1, 1, 1, 1],
          "linecheck finds each fault once: %s" % found)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
