"""End to end: `check` on the terminal shows the first 3 findings of each
file and one line counting the rest; --verbose shows them all; the summary,
the exit status, -o FILE, --by-unit files and the JSON always have them all,
in English and in Chinese. `build` prints its findings the same way (report.json
has them all). Made at run time from the hand-made certificate
edition: one submission gets ten half-width commas (ten findings), another
one finding."""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-check-verbose")
shutil.rmtree(TMP, ignore_errors=True)
ED = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ED)
C01 = os.path.join(ED, "submissions", "c01.xml")
with open(C01, encoding="utf-8") as f:
    body = f.read()
para = "<para>" + ",".join("一二三四五六七八九十十") + "。</para>\n</article>"
with open(C01, "w", encoding="utf-8") as f:
    f.write(body.replace("</article>", para))
replace_in(os.path.join(ED, "submissions", "c04.xml"), "</article>", "<para>他说,好。</para>\n</article>")
EN = {"LC_ALL": "C.UTF-8", "LANGUAGE": ""}


def env(extra):
    e = dict(os.environ)
    e.update(extra)
    return e


def lines_of(text, name):
    return [ln for ln in text.splitlines() if ln.startswith(name)]


C01_REL = "submissions/c01.xml"
full = run(BIN, "check", ED, "--verbose", env=env(EN))
capped = run(BIN, "check", ED, env=env(EN))
n_full = [ln for ln in lines_of(full.stderr, os.path.join(ED, C01_REL)) if "[halfwidth-punct]" in ln]
check(len(n_full) == 10, "--verbose prints all 10 findings of c01: %d\n%s" % (len(n_full), full.stderr))
c01 = lines_of(capped.stderr, os.path.join(ED, C01_REL))
check(len(c01) == 4, "without --verbose: 3 findings of c01 and one line: %s" % c01)
check(c01[:3] == n_full[:3], "the 3 shown are the first 3")
check(len(c01) == 4 and c01[3].endswith(": ... and 7 more findings in this file; use --verbose to see them all"),
      "the cap line counts the 7 others: %s" % c01[-1:])
c04 = lines_of(capped.stderr, os.path.join(ED, "submissions/c04.xml"))
check(len(c04) == 1 and "[halfwidth-punct]" in c04[0], "a file with one finding shows it, no cap line: %s" % c04)
summ = [ln for ln in capped.stderr.splitlines() if ln.startswith("by rule:")]
check(summ == [ln for ln in full.stderr.splitlines() if ln.startswith("by rule:")] and summ
      and "halfwidth-punct: 11" in summ[0], "the summary counts every finding: %s" % summ)
check(capped.returncode == full.returncode, "the exit status does not depend on --verbose")

# --werror: the 11 warnings fail, shown or not.
r1 = run(BIN, "check", ED, "--werror", env=env(EN))
r2 = run(BIN, "check", ED, "--werror", "--verbose", env=env(EN))
check(r1.returncode == r2.returncode == 1, "--werror fails the same way: %d %d" % (r1.returncode, r2.returncode))
check("(10 of them errors)" not in r1.stderr and "7 more findings" in r1.stderr, "the cap line with --werror")

# Chinese.
zh = run(BIN, "--lang", "zh_CN", "check", ED, env=env(EN))
cap_zh = lines_of(zh.stderr, os.path.join(ED, C01_REL))
check(len(cap_zh) == 4 and "还有 7 个问题没有列出" in cap_zh[-1] and "--verbose" in cap_zh[-1],
      "the cap line in Chinese: %s" % cap_zh[-1:])

# -o FILE: every finding, with or without --verbose.
OUT = os.path.join(TMP, "findings.txt")
run(BIN, "check", ED, "-o", OUT, env=env(EN))
with open(OUT, encoding="utf-8") as f:
    saved = f.read()
check(saved == full.stderr, "-o FILE holds every finding, as --verbose prints them")

# --by-unit: the unit's file has all ten.
UNITS = os.path.join(TMP, "units")
run(BIN, "check", ED, "--by-unit", UNITS, env=env(EN))
texts = ""
for n in sorted(os.listdir(UNITS)) if os.path.isdir(UNITS) else []:
    with open(os.path.join(UNITS, n), encoding="utf-8") as f:
        texts += f.read()
check(len(re.findall(r"c01\.xml:\d+:\d+: warning: .*\[halfwidth-punct\]", texts)) == 10,
      "the --by-unit files have all ten findings of c01")
check("use --verbose" not in texts, "the --by-unit files have no cap line")

# JSON: complete without --verbose.
js = run(BIN, "check", ED, "--format=json", env=env(EN))
try:
    doc = json.loads(js.stdout)
    subs = {s["id"]: s for s in doc["submissions"]}
    check(len(subs["c01"]["findings"]) == 10, "the JSON has c01's ten findings")
    check(len([d for d in doc["diagnostics"] if d["file"] == C01_REL]) == 10, "the JSON diagnostics have all ten")
except (ValueError, KeyError) as ex:
    check(False, "check --format=json: %s" % ex)

# build: the same cap on the terminal, all of them with --verbose and in report.json.
BOUT = os.path.join(TMP, "out")
b_capped = run(BIN, "build", ED, "-o", BOUT, env=env(EN))
b_c01 = lines_of(b_capped.stderr, os.path.join(ED, C01_REL))
check(b_capped.returncode == 0, "the build with warnings succeeds: %s" % b_capped.stderr[-300:])
check(len(b_c01) == 4 and b_c01[:3] == n_full[:3] and "7 more findings" in b_c01[3],
      "build without --verbose: the first 3 of c01 and the cap line: %s" % b_c01)
b_full = run(BIN, "build", ED, "-o", BOUT, "--verbose", env=env(EN))
b_all = [ln for ln in lines_of(b_full.stderr, os.path.join(ED, C01_REL)) if "[halfwidth-punct]" in ln]
check(b_all == n_full, "build --verbose prints all 10 findings of c01 as check does: %d" % len(b_all))
try:
    with open(os.path.join(BOUT, "report.json"), encoding="utf-8") as f:
        rep = json.load(f)
    rsubs = {s["id"]: s for s in rep["submissions"]}
    check(len(rsubs["c01"]["findings"]) == 10, "report.json has c01's ten findings")
except (OSError, ValueError, KeyError) as ex:
    check(False, "report.json: %s" % ex)

sys.exit(summary())
