"""End to end: a campaign with five tiers (一等奖 … 三等奖, then 优秀奖 and
鼓励奖) builds, and every output carries the fourth and fifth: the
compendium's contents and body list them in <tiers> order with their
awardees under them, each certificate names its tier and numbers it by the
tier's place ({tier-no} 4 and 5), report.json gives the tier, and the
edition is archived and verified. Made at run time from the hand-made
certificate edition, with two of its awards moved to the new tiers."""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-tiers-five")
shutil.rmtree(TMP, ignore_errors=True)
ED = os.path.join(TMP, "edition")
OUT = os.path.join(TMP, "out")
shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ED)
CAMPAIGN = os.path.join(ED, "campaign.xml")
replace_in(CAMPAIGN, '<tier id="third" name="三等奖"/>',
           '<tier id="third" name="三等奖"/>\n    <tier id="merit" name="优秀奖"/>\n'
           '    <tier id="encourage" name="鼓励奖"/>')
replace_in(CAMPAIGN, '<award ref="c04" tier="second"/>', '<award ref="c04" tier="merit"/>')
replace_in(CAMPAIGN, '<award ref="c06" tier="third"/>', '<award ref="c06" tier="encourage"/>')

r = run(BIN, "build", ED, "-o", OUT)
check(r.returncode == 0, "build of five tiers: status %d\n%s" % (r.returncode, r.stderr))
TIERS = ["一等奖", "二等奖", "三等奖", "优秀奖", "鼓励奖"]


def pages(pdf):
    """Each page's text, in reading order as laid out (-layout: a contents line
    that wraps keeps its page number after its name)."""
    out = run("pdftotext", "-layout", pdf, "-").stdout
    return out.split("\f")[:-1]


comp = pages(os.path.join(OUT, "compendium.pdf"))
check(len(comp) > 0, "the compendium has pages")
# The contents: the five tier headings in <tiers> order, 王小明 under
# 优秀奖 and 欧阳晓峰 under 鼓励奖.
toc_page = next((i for i, p in enumerate(comp) if "优秀奖" in p and "鼓励奖" in p and "一等奖" in p), -1)
check(toc_page >= 0, "a contents page lists all five tiers")
if toc_page >= 0:
    t = re.sub(r"\s+", "", comp[toc_page])
    at = [t.find(n) for n in TIERS]
    check(all(a >= 0 for a in at) and at == sorted(at), "the contents list the tiers in order: %s" % at)
    check(at[3] < t.find("王小明") < at[4], "the contents put 王小明 under 优秀奖")
    check(at[4] < t.find("欧阳晓峰"), "the contents put 欧阳晓峰 under 鼓励奖")
# The body: each tier heading on a page of its own after the contents, in
# order, and each awardee's article after its tier's heading and before the next.
body = comp[toc_page + 1:] if toc_page >= 0 else comp
first = {}
for i, p in enumerate(body):
    for n in TIERS + ["王小明", "欧阳晓峰"]:
        if n in p and n not in first:
            first[n] = i
check(all(n in first for n in TIERS), "the body heads every tier: %s" % first)
if all(n in first for n in TIERS + ["王小明", "欧阳晓峰"]):
    check([first[n] for n in TIERS] == sorted(first[n] for n in TIERS), "the body's tiers come in order: %s" % first)
    check(first["优秀奖"] <= first["王小明"] < first["鼓励奖"], "王小明's article is in the 优秀奖 part")
    check(first["鼓励奖"] <= first["欧阳晓峰"], "欧阳晓峰's article is in the 鼓励奖 part")

# The certificates: one page per awardee; the fourth and fifth tiers named
# in the citation and numbered by the tier's place.
certs = pages(os.path.join(OUT, "certificates.pdf"))
check(len(certs) == 6, "six certificates, got %d" % len(certs))
for name, tier, number in (("王小明", "优秀奖", "QS2020-4-001"), ("欧阳晓峰", "鼓励奖", "QS2020-5-001")):
    page = [re.sub(r"\s+", "", p) for p in certs if name in re.sub(r"\s+", "", p)]
    check(len(page) == 1, "one certificate names %s" % name)
    if page:
        check(tier in page[0], "%s's certificate says %s" % (name, tier))
        check(number in page[0], "%s's certificate is numbered %s" % (name, number))

with open(os.path.join(OUT, "report.json"), encoding="utf-8") as f:
    report = json.load(f)
tiers = {s["id"]: s.get("tier") for s in report["submissions"]}
check(tiers.get("c04") == "优秀奖" and tiers.get("c06") == "鼓励奖", "report.json gives the tiers: %s" % tiers)

ARCHIVE = os.path.join(TMP, "archive")
r = run(BIN, "archive", ED, "--into", ARCHIVE)
check(r.returncode == 0, "archive of five tiers: status %d\n%s" % (r.returncode, r.stderr))
filed = [os.path.join(dp, d) for dp, ds, _ in os.walk(ARCHIVE) for d in ds if os.path.exists(os.path.join(dp, d, "manifest.json"))]
check(len(filed) == 1, "the archive holds the edition: %s" % filed)
if filed:
    r = run(BIN, "verify", filed[0])
    check(r.returncode == 0, "the archived edition verifies: %s" % r.stderr)

sys.exit(summary())
