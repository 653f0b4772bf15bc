"""End to end: a campaign with four tiers (一等奖, 二等奖, 三等奖, then 优秀奖
with prize="优秀奖及奖金五百元") and certificate texts written with {prize}.
Every output carries the fourth tier in campaign order: the compendium's
contents and its part pages, the 入选名单 at its end, the certificates (in
compendium order, numbered by the tier's place, {prize} filled with the
tier's prize, or with the tier's name where a tier has none) and
report.json. Made at run time from the hand-made certificate edition, with
two of its awards moved to the new tier."""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-tiers-prize")
shutil.rmtree(TMP, ignore_errors=True)
ED = os.path.join(TMP, "edition")
OUT = os.path.join(TMP, "out")
shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ED)
CAMPAIGN = os.path.join(ED, "campaign.xml")
PRIZE = "优秀奖及奖金五百元"
replace_in(CAMPAIGN, '<tier id="third" name="三等奖"/>',
           '<tier id="third" name="三等奖"/>\n    <tier id="merit" name="优秀奖" prize="%s"/>' % PRIZE)
replace_in(CAMPAIGN, '<award ref="c04" tier="second"/>', '<award ref="c04" tier="merit"/>')
replace_in(CAMPAIGN, '<award ref="c06" tier="third"/>', '<award ref="c06" tier="merit"/>')
replace_in(CAMPAIGN, "，荣获{tier}。", "，荣获{prize}。")
replace_in(CAMPAIGN, "，荣获{tier}。", "，荣获{prize}。")
replace_in(CAMPAIGN, "<compendium>", '<compendium candidates="yes">')

r = run(BIN, "build", ED, "-o", OUT)
check(r.returncode == 0, "build of four tiers: status %d\n%s" % (r.returncode, r.stderr))
TIERS = ["一等奖", "二等奖", "三等奖", "优秀奖"]


def pages(pdf):
    """Each page's text with white space taken out."""
    out = run("pdftotext", "-layout", pdf, "-").stdout
    return [re.sub(r"\s+", "", p) for p in out.split("\f")[:-1]]


def spaced(name):
    """A part page's title: the tier's name letter-spaced."""
    return "\u3000".join(name)


comp = pages(os.path.join(OUT, "compendium.pdf"))
toc = next((i for i, p in enumerate(comp) if all(t in p for t in TIERS)), -1)
check(toc >= 0, "a contents page lists all four tiers")
if toc >= 0:
    at = [comp[toc].find(t) for t in TIERS]
    check(at == sorted(at), "the contents list the tiers in campaign order: %s" % at)
    check(at[3] < comp[toc].find("王小明") and at[3] < comp[toc].find("欧阳晓峰"),
          "the contents put 王小明 and 欧阳晓峰 under 优秀奖")
# The part pages: a page whose whole text is the spaced tier name.
parts = {t: [i for i, p in enumerate(comp) if p == spaced(t).replace("\u3000", "") or p == spaced(t)]
         for t in TIERS}
check(all(len(parts[t]) == 1 for t in TIERS), "one part page per tier: %s" % parts)
if all(len(parts[t]) == 1 for t in TIERS):
    order = [parts[t][0] for t in TIERS]
    check(order == sorted(order) and order[0] > toc, "the parts come after the contents in campaign order: %s" % order)
    wang = next((i for i, p in enumerate(comp) if "王小明" in p and i > order[3]), -1)
    check(wang > order[3], "王小明's article is in the fourth part")
# The 入选名单: the last pages; the fourth tier's awardees listed with it.
lst = next((i for i, p in enumerate(comp) if p.startswith("入选名单")), -1)
check(lst >= 0, "the compendium ends with 入选名单")
if lst >= 0:
    tail = "".join(comp[lst:])
    for name in ("王小明", "欧阳晓峰"):
        at = tail.find(name)
        check(at >= 0 and "优秀奖" in tail[at:at + 80].split(name)[1][:60],
              "入选名单 gives %s the tier 优秀奖" % name)

# The certificates: in compendium order (tiers in campaign order), the
# fourth tier numbered 4, {prize} filled.
certs = pages(os.path.join(OUT, "certificates.pdf"))
check(len(certs) == 6, "six certificates, got %d" % len(certs))
nums = [re.search(r"QS2020-(\d)-(\d{3})", p) for p in certs]
check(all(nums), "every certificate has a number")
if all(nums):
    seq = [(int(m.group(1)), int(m.group(2))) for m in nums]
    check(seq == sorted(seq) and seq[-2:] == [(4, 1), (4, 2)],
          "the certificates come in campaign order, the fourth tier last: %s" % seq)
    check("王小明" in certs[4] and "欧阳晓峰" in certs[5], "the fourth tier's certificates in stroke order")
for p in certs[4:]:
    check("荣获" + PRIZE in p, "a fourth-tier certificate says the tier's prize: %s" % p[:80])
for p, tier in zip(certs[:4], ["一等奖", "一等奖", "二等奖", "三等奖"]):
    check("荣获" + tier in p, "a tier without prize= says its name for {prize}: %s" % tier)
check(not any("{" in p or "}" in p for p in certs), "no placeholder is left unfilled")

with open(os.path.join(OUT, "report.json"), encoding="utf-8") as f:
    report = json.load(f)
tiers = {s["id"]: s.get("tier") for s in report["submissions"]}
check(tiers.get("c04") == "优秀奖" and tiers.get("c06") == "优秀奖", "report.json gives the tiers: %s" % tiers)

sys.exit(summary())
