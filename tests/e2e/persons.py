"""Several persons read back from the PDFs: a submission of the sample edition
gets a second <author> (a father and daughter). After the build, pdftotext
shows the contents entry and the article's name line with both names joined by
an ideographic space; with <certificate per-person="yes"> each person gets a
certificate page of their own whose salutation names that person alone,
numbered with -1 and -2 after the submission's number, and certificates
--split writes one file per person; with per-person="no" one certificate names
them both."""
import html
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-persons")
FATHER, DAUGHTER = "王秀英", "王小禾"  # the sample's person, and a made-up daughter
NUMBER = "2020-1-001"  # s2020-001's certificate number in the sample

shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
ed = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "input", "2020"), ed)
sub = os.path.join(ed, "submissions", "s2020-001.xml")
replace_in(sub, "    </author>\n", f"    </author>\n    <author><personname>{DAUGHTER}</personname></author>\n")
campaign = os.path.join(ed, "campaign.xml")
replace_in(campaign, '<certificate template="certificate-a4-landscape">',
           '<certificate template="certificate-a4-landscape" per-person="yes">')


def pages_text(pdf):
    """The text of each page of pdf, white space as pdftotext gives it."""
    r = run("pdftotext", "-layout", pdf, "-")
    check(r.returncode == 0, f"pdftotext {pdf}: {r.stderr}")
    return r.stdout.split("\f")


def gaps(pdf, first, second):
    """On which pages of pdf the word first is followed on its line by the word
    second, and the gap between them over the width of one of first's characters:
    an ideographic space is one character wide. pdftotext gives U+3000 as a
    space, so the joining space is measured, not read."""
    r = run("pdftotext", "-bbox", pdf, "-")
    found = []
    for page, part in enumerate(r.stdout.split("<page ")[1:]):
        words = [(float(m.group(1)), float(m.group(2)), float(m.group(3)), html.unescape(m.group(4)))
                 for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                      r'yMax="[\d.]+">([^<]*)</word>', part)]
        for x0, y0, x1, t in words:
            after = [u0 for u0, v0, _, w in words if w.startswith(second) and abs(v0 - y0) < 2 and u0 >= x1]
            if t == first and after:
                found.append((page, (min(after) - x1) / ((x1 - x0) / len(first))))
    return found


def squeeze(text):
    """The text without ASCII white space (pdftotext's columns), U+3000 kept."""
    return re.sub(r"[ \t\r\n]+", "", text)


r = run(BIN, "check", ed)
check(r.returncode == 0 and "several-names" not in r.stderr, f"check: {r.stderr}")
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out)
check(r.returncode == 0, f"build: {r.stdout}{r.stderr}")

# the compendium: the contents entry and the name line carry both names,
# joined by U+3000 and not by 、
comp = [squeeze(p) for p in pages_text(os.path.join(out, "compendium.pdf"))]
toc = [i for i, p in enumerate(comp) if "目录" in p]
check(toc and any(FATHER + DAUGHTER in comp[i] for i in toc), f"contents entry with both names: {toc}")
check(not any(FATHER + "、" in p for p in comp), "no names joined by 、")
joined = gaps(os.path.join(out, "compendium.pdf"), FATHER, DAUGHTER)
check(any(p in toc for p, _ in joined), f"the contents entry joins the names: {joined}")
check(any(p not in toc for p, _ in joined), f"an article's name line joins the names: {joined}")
check(joined and all(abs(g - 1) < 0.15 for _, g in joined),
      f"joined by one ideographic space (a gap of one character): {joined}")

# per-person certificates: one page each, the salutation naming one person
certs = pages_text(os.path.join(out, "certificates.pdf"))
certs = [squeeze(p) for p in certs if p.strip()]
father = [i for i, p in enumerate(certs) if FATHER + "同志：" in p]
daughter = [i for i, p in enumerate(certs) if DAUGHTER + "同志：" in p]
check(len(father) == 1 and len(daughter) == 1, f"one certificate each: {father} {daughter}")
if len(father) == 1 and len(daughter) == 1:
    f, d = father[0], daughter[0]
    check(d == f + 1, f"the daughter's certificate follows the father's: pages {f + 1}, {d + 1}")
    check(DAUGHTER not in certs[f], "the father's certificate does not name the daughter")
    check(FATHER not in certs[d], "the daughter's certificate does not name the father")
    check(NUMBER + "-1" in certs[f] and NUMBER + "-2" in certs[d],
          f"numbers {NUMBER}-1 and {NUMBER}-2: {certs[f][-40:]} / {certs[d][-40:]}")
check(not any(FATHER + DAUGHTER in p for p in certs), "no certificate names both")

# certificates --split: a file per person, named by number and person
split = os.path.join(TMP, "split")
r = run(BIN, "certificates", ed, "-o", split, "--split")
check(r.returncode == 0, f"certificates --split: {r.stdout}{r.stderr}")
files = sorted(os.listdir(os.path.join(split, "certificates"))) if r.returncode == 0 else []
for k, name in ((1, FATHER), (2, DAUGHTER)):
    want = f"{NUMBER}-{k}-{name}.pdf"
    check(want in files, f"{want} among {files[:4]}")
    if want in files:
        one = squeeze(pages_text(os.path.join(split, "certificates", want))[0])
        check(name + "同志：" in one, f"{want} is {name}'s certificate")

# per-person="no": one certificate for the two, its salutation naming both
replace_in(campaign, 'per-person="yes"', 'per-person="no"')
out2 = os.path.join(TMP, "out2")
r = run(BIN, "build", ed, "-o", out2)
check(r.returncode == 0, f"build per-person=no: {r.stdout}{r.stderr}")
certs = [squeeze(p) for p in pages_text(os.path.join(out2, "certificates.pdf")) if p.strip()]
both = [i for i, p in enumerate(certs) if FATHER + DAUGHTER + "同志：" in p]
check(len(both) == 1, f"one certificate naming both: {both}")
joined = gaps(os.path.join(out2, "certificates.pdf"), FATHER, DAUGHTER)
check(len(joined) == 1 and abs(joined[0][1] - 1) < 0.15,
      f"its salutation joins them by an ideographic space: {joined}")
check(all(p.count(DAUGHTER + "同志：") == p.count(FATHER + DAUGHTER + "同志：") for p in certs),
      "no certificate of the daughter alone")
sys.exit(summary())
