"""End to end: the cross-county originality index. A fiction province of
three counties (tests/data/province: 柳河县 a, 石门县 b, 清水县 c, two
submissions each): b2 copied a passage of a1; a sentence stands in five of
the six bodies (common phrasing across the province). huibian index writes
the index; check/build --against it finds the copy on both sides, naming the
other county and file, and nothing else; the index's bytes are the same on
every run; a cut or damaged index is refused or read around, never a crash."""
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-province")
PROV = os.path.join(SRC, "tests", "data", "province")
A, B, C = (os.path.join(PROV, c) for c in "abc")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")
CROSS = "with other editions"

shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)


def hb(*args):
    return run(BIN, *args, env=ENV)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cross_lines(r):
    return [line for line in r.stderr.splitlines() if CROSS in line]


def findings(r):
    return [line for line in r.stderr.splitlines() if "[" in line and line.endswith("]")]


# --- writing the index ------------------------------------------------------
idx = os.path.join(TMP, "province.idx")
r = hb("index", A, B, C, "-o", idx)
check(r.returncode == 0 and os.path.getsize(idx) > 64, "index writes the index: " + r.stderr)
check("3 editions, 6 submissions" in r.stderr, "index says what it took: " + r.stderr)
again = os.path.join(TMP, "elsewhere", "again.idx")
os.makedirs(os.path.dirname(again))
r = hb("index", A, B, C, "-o", again)
check(r.returncode == 0 and read(again) == read(idx), "the same editions give the same bytes")
check(read(idx)[:8] == b"HUIBXIDX", "the index starts with its magic")
check(not [f for f in os.listdir(TMP) if ".tmp-" in f], "no temporary file is left beside the index")

r = hb("index", A, "-o")
check(r.returncode == 2 and "-o needs a value" in r.stderr, "index -o without a file is a usage error")
r = hb("index", A)
check(r.returncode == 2 and "index needs the index file to write: -o FILE" in r.stderr, "index needs -o FILE")
r = hb("index", A, A, "-o", os.path.join(TMP, "twice.idx"))
check(r.returncode == 2 and "called 柳河县 2020 too" in r.stderr, "an edition given twice is refused: " + r.stderr)
check(not os.path.exists(os.path.join(TMP, "twice.idx")), "nothing is written for a refused index")
r = hb("index", "--help")
check(r.returncode == 0 and "EDITION... -o FILE" in r.stdout, "index --help")
r = hb("check", "--help")
check("--against FILE" in r.stdout, "check --help names --against")

# --- checking against it ----------------------------------------------------
rb = hb("check", B, "--against", idx)
lines = cross_lines(rb)
check(len(lines) == 1, "b: one finding against the other counties: %r" % lines)
if lines:
    line = lines[0]
    check(line.startswith(os.path.join(B, "submissions", "b2.xml") + ":14:9: warning: "),
          "b: the finding is on the copy, where the passage starts: " + line)
    check("also in submissions/a1.xml of the 柳河县 2020 edition" in line, "b: it names the other county's file")
    check("“她上任后带领村民修通了十二公里的山路" in line and "(69)" in line, "b: it shows the passage, this side's text")
    check(line.endswith("[originality]"), "b: under the originality rule")

ra = hb("check", A, "--against", idx)
lines = cross_lines(ra)
check(len(lines) == 1 and os.path.join(A, "submissions", "a1.xml") + ":14:9:" in lines[0]
      and "also in submissions/b2.xml of the 石门县 2020 edition" in lines[0],
      "a: the same pair, reported on a's side too: %r" % lines)

rc = hb("check", C, "--against", idx)
check(cross_lines(rc) == [], "c: the sentence of five bodies is common phrasing, not a copy: %r" % cross_lines(rc))

# --against adds findings; the edition's own stay as they were
for ed, rr in ((A, ra), (B, rb), (C, rc)):
    plain = hb("check", ed)
    check(findings(plain) == [f for f in findings(rr) if CROSS not in f],
          "%s: the findings within the edition do not change" % os.path.basename(ed))

# the edition's own entries are left out: an index of b alone finds nothing,
# and one without b finds what the whole one does
only_b = os.path.join(TMP, "b.idx")
hb("index", B, "-o", only_b)
check(cross_lines(hb("check", B, "--against", only_b)) == [], "b against an index of b alone: nothing")
no_b = os.path.join(TMP, "ac.idx")
hb("index", A, C, "-o", no_b)
check(cross_lines(hb("check", B, "--against", no_b)) == cross_lines(rb), "b against a and c: the same finding")
# the same when checked from inside the folder (the edition known by its county, not its path)
r = run(BIN, "check", ".", "--against", idx, env=ENV, cwd=B)
check(len(cross_lines(r)) == 1 and cross_lines(r)[0].startswith("submissions/b2.xml:14:9:"),
      "check . inside the folder: the same finding")

# build --against: the warning, and the outputs written
out = os.path.join(TMP, "out-b")
r = hb("build", B, "-o", out, "--against", idx)
check(r.returncode == 0 and len(cross_lines(r)) == 1 and os.path.exists(os.path.join(out, "compendium.pdf")),
      "build --against warns and builds: " + r.stderr[-300:])

# --- a cut or damaged index ------------------------------------------------
data = read(idx)
cases = {"empty": b"", "header cut": data[:40], "half": data[:len(data) // 2],
         "one byte short": data[:-1], "one byte more": data + b"\0",
         "not an index": b"<?xml version=\"1.0\"?>" + b"\0" * 100}
for what, bytes_ in cases.items():
    bad = os.path.join(TMP, "bad.idx")
    with open(bad, "wb") as f:
        f.write(bytes_)
    r = hb("check", B, "--against", bad)
    check(r.returncode == 2 and r.stderr.startswith("huibian: --against: " + bad + ": ")
          and ("cut short" in r.stderr or "damaged" in r.stderr),
          "%s: refused with a message: %s" % (what, r.stderr.strip()))
r = hb("check", B, "--against", os.path.join(TMP, "missing.idx"))
check(r.returncode == 2 and "cannot read" in r.stderr, "a missing index is refused: " + r.stderr.strip())
r = hb("check", B, "--against", TMP)
check(r.returncode == 2 and "not a file" in r.stderr, "a folder is refused: " + r.stderr.strip())
r = hb("check", B, "--against", B + "/campaign.xml")
check(r.returncode == 2 and "not an originality index" in r.stderr, "another file is refused: " + r.stderr.strip())

# the directory and the entries are read only where a check looks: damage
# there is left out with a warning (every byte after the tables set to 0xFF)
ned, ndocs = struct.unpack_from("<II", data, 16)
strsize = struct.unpack_from("<Q", data, 32)[0]
tables = 64 + ned * 8 + ndocs * 16 + strsize + (4 - strsize % 4) % 4
bad = os.path.join(TMP, "damaged.idx")
with open(bad, "wb") as f:
    f.write(data[:tables] + b"\xff" * (len(data) - tables))
r = hb("check", B, "--against", bad)
check(r.returncode in (0, 1) and "parts of the index are damaged" in r.stderr,
      "a damaged directory: read around, with a warning: " + r.stderr[-300:])
with open(bad, "wb") as f:  # entries naming documents the index has not
    f.write(data[:tables] + bytes(b if (i % 12) not in (4, 5, 6, 7) else 0xEE
                                  for i, b in enumerate(data[tables:])))
r = hb("check", B, "--against", bad)
check(r.returncode in (0, 1) and "Segmentation" not in r.stderr, "damaged entries: no crash")

summary()
