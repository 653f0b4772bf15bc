"""End to end: an award withdrawn after the 公示 (<award … withdrawn="reason">).
The submission stays in the record — report.json gives its state, the tier it
was withdrawn from and the reason — and is out of every output: the
compendium (contents, part, article, 入选名单) and the certificates read
exactly as those of the same edition without that submission at all, so the
page numbers of the contents and the certificate numbers are derived again.
A withdrawn award counts for no quota, and withdrawn="" is refused. Made at
run time from the hand-made certificate edition."""
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-withdrawn")
shutil.rmtree(TMP, ignore_errors=True)
REASON = "公示期间本人申请退出"


def edition(name):
    ed = os.path.join(TMP, name)
    shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ed)
    replace_in(os.path.join(ed, "campaign.xml"), "<compendium>", '<compendium candidates="yes">')
    return ed


def text(pdf):
    """Each page's text with white space taken out."""
    out = run("pdftotext", "-layout", pdf, "-").stdout
    return [re.sub(r"\s+", "", p) for p in out.split("\f")[:-1]]


# 李红 (c02, first tier, stroke order after 张建国) withdrawn; the first
# tier's quota is 1, which the withdrawn award does not count against.
WD = edition("withdrawn")
replace_in(os.path.join(WD, "campaign.xml"), '<award ref="c02" tier="first"/>',
           '<award ref="c02" tier="first" withdrawn="%s"/>' % REASON)
replace_in(os.path.join(WD, "campaign.xml"), '<tier id="first" name="一等奖"/>',
           '<tier id="first" name="一等奖" quota="1"/>')
# The same edition without c02 at all.
NO = edition("without")
os.remove(os.path.join(NO, "submissions", "c02.xml"))
replace_in(os.path.join(NO, "campaign.xml"), '<award ref="c02" tier="first"/>', "")

for ed in (WD, NO):
    r = run(BIN, "build", ed, "-o", ed + "-out")
    check(r.returncode == 0, "build of %s: status %d\n%s" % (os.path.basename(ed), r.returncode, r.stderr))

comp = text(os.path.join(WD + "-out", "compendium.pdf"))
certs = text(os.path.join(WD + "-out", "certificates.pdf"))
check(comp and not any("李红" in p for p in comp), "李红 is nowhere in the compendium (contents, article, 入选名单)")
check(any(p.startswith("入选名单") for p in comp), "the compendium has its 入选名单")
check(len(certs) == 5 and not any("李红" in p for p in certs), "five certificates, none for 李红")
check(certs and "张建国" in certs[0] and "QS2020-1-001" in certs[0], "张建国 keeps QS2020-1-001")
check(not any("QS2020-1-002" in p for p in certs), "no second number of the first tier")
check(comp == text(os.path.join(NO + "-out", "compendium.pdf")),
      "the compendium reads as the edition's without the withdrawn submission (page numbers derived again)")
check(certs == text(os.path.join(NO + "-out", "certificates.pdf")),
      "the certificates read as the edition's without the withdrawn submission (numbers derived again)")

with open(os.path.join(WD + "-out", "report.json"), encoding="utf-8") as f:
    report = json.load(f)
subs = {s["id"]: s for s in report["submissions"]}
c02 = subs.get("c02", {})
check(c02.get("state") == "withdrawn" and c02.get("tier") is None, "report.json: c02 withdrawn, no tier: %s" % c02)
check(c02.get("withdrawn", {}).get("reason") == REASON and c02.get("withdrawn", {}).get("tier") == "一等奖",
      "report.json: the reason and the tier it was withdrawn from: %s" % c02.get("withdrawn"))
check(c02.get("certificate", "none") is None, "report.json: c02 has no certificate number")
check(subs.get("c01", {}).get("state") == "awarded", "report.json: c01 awarded")
check("c02" not in report["compendium_order"], "c02 is not in the compendium order")

# check --format=json gives the state too, and `check` passes the quota.
r = run(BIN, "check", WD, "--format=json")
check(r.returncode == 0, "check: the withdrawn award counts for no quota: %s" % r.stderr)
try:
    js = {s["id"]: s for s in json.loads(r.stdout)["submissions"]}
    check(js.get("c02", {}).get("state") == "withdrawn", "check --format=json: c02 withdrawn")
except ValueError:
    check(False, "check --format=json prints JSON")

# certificates --only a withdrawn id: refused, saying why.
r = run(BIN, "certificates", WD, "-o", os.path.join(TMP, "only"), "--only", "c02")
check(r.returncode == 2 and "withdrawn" in r.stderr, "certificates --only c02 says its award is withdrawn: %s" % r.stderr)

# withdrawn="" says nothing: refused, with its place.
replace_in(os.path.join(WD, "campaign.xml"), 'withdrawn="%s"' % REASON, 'withdrawn=""')
r = run(BIN, "check", WD)
check(r.returncode == 1 and re.search(r"campaign\.xml:\d+:\d+: error: .*withdrawn", r.stderr),
      "withdrawn=\"\" is an error at its place: %s" % r.stderr)

sys.exit(summary())
