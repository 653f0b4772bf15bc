"""End to end: certificates (荣誉证书) of the hand-made edition
tests/data/cert-edition, read back with poppler-utils: one page per awardee in
compendium order, each page's text holding its name, tier and number; every
word inside a template box (pdftotext -bbox), long collectives and a long unit
included; --split, --only, --offset, --calibration, the pre-printed template;
fonts embedded once; byte-identical re-runs; an unknown placeholder is an
error. The sample edition only has to build."""
import json
import os
import sys
import re
import shutil
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-cert")
EDITION = os.path.join(SRC, "tests", "data", "cert-edition")
PT = 72 / 25.4


def squash(s):
    return re.sub(r"\s+", "", s)


def pages(pdf):
    out = run("pdfinfo", pdf).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else -1


def page_text(pdf, n):
    return run("pdftotext", "-f", str(n), "-l", str(n), pdf, "-").stdout


def bbox_words(pdf):
    """[(page, xMin, yMin, xMax, yMax, word)] in pt from the top-left."""
    html = run("pdftotext", "-bbox", pdf, "-").stdout
    words = []
    for i, pg in enumerate(html.split("<page ")[1:]):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', pg):
            words.append((i + 1, *map(float, m.groups()[:4]), m.group(5)))
    return words


def template_boxes(name):
    root = ET.parse(os.path.join(SRC, "templates", name + ".xml")).getroot()
    return {b.get("field"): tuple(float(b.get(k)) * PT for k in "xywh") for b in root.iter("box")}


def inside(word, box, dx=0.0, dy=0.0):
    """The word lies inside the box: horizontally exactly (its last character
    may be a mark set half width at the line end, whose advance reaches half
    an em past the measure), vertically by its middle (pdftotext's boxes use
    the font's ascent and descent, not the em box)."""
    _, x0, y0, x1, y1, _ = word
    bx, by, bw, bh = box
    bx += dx
    by += dy
    em = y1 - y0
    mid = (y0 + y1) / 2
    return x0 >= bx - 0.5 and x1 <= bx + bw + 0.5 * em + 0.5 and by <= mid <= by + bh


shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
out = os.path.join(TMP, "out")

r = run(BIN, "check", EDITION)
check(r.returncode == 0, "check exits 0: " + r.stderr[-800:])
check("[cert-shrunk]" in r.stderr and "c05.xml" in r.stderr and "c03.xml" in r.stderr,
      "check warns that the long collectives' name lines shrink: " + r.stderr[-800:])

r = run(BIN, "build", EDITION, "-o", out)
check(r.returncode == 0, "build exits 0: " + r.stderr[-800:])
pdf = os.path.join(out, "certificates.pdf")
check(os.path.exists(pdf) and "wrote " + pdf in r.stderr, "build writes certificates.pdf and says so")
check(os.path.exists(os.path.join(out, "compendium.pdf")), "build still writes the compendium")
report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
order = report["compendium_order"]
check(len(order) == 6, "six awardees")
check(pages(pdf) == len(order), "one page per awardee: %d" % pages(pdf))

# What each page must say, from the submissions and campaign as written.
campaign = ET.parse(os.path.join(EDITION, "campaign.xml")).getroot()
tiers = [t.get("id") for t in campaign.find("tiers")]
tier_names = {t.get("id"): t.get("name") for t in campaign.find("tiers")}
award = {a.get("ref"): a.get("tier") for a in campaign.find("results")}
DB = "{http://docbook.org/ns/docbook}"
names = {}
for f in os.listdir(os.path.join(EDITION, "submissions")):
    a = ET.parse(os.path.join(EDITION, "submissions", f)).getroot()
    au = a.find(DB + "info/" + DB + "author")
    p = au.find(DB + "personname")
    names[a.get("{http://www.w3.org/XML/1998/namespace}id")] = (p if p is not None else au.find(DB + "orgname")).text
numbers = {}
seq = {}
for sid in order:
    t = award[sid]
    seq[t] = seq.get(t, 0) + 1
    numbers[sid] = "QS2020-%d-%03d" % (tiers.index(t) + 1, seq[t])
check(len(set(numbers.values())) == len(order), "numbers unique")
# report.json gives each awardee's certificate number (null for the others).
in_report = {x["id"]: x.get("certificate", "missing") for x in report["submissions"]}
check(all(in_report[sid] == numbers[sid] for sid in order),
      "report.json has each awardee's certificate number: %s" % in_report)
check(all(v is None for k, v in in_report.items() if k not in numbers),
      "report.json has no number for those without a certificate: %s" % in_report)

for i, sid in enumerate(order, 1):
    text = squash(page_text(pdf, i))
    check(squash(names[sid]) in text, "page %d holds the name %s" % (i, names[sid]))
    check(tier_names[award[sid]] in text, "page %d holds the tier %s" % (i, tier_names[award[sid]]))
    check(numbers[sid] in text, "page %d holds the number %s: %s" % (i, numbers[sid], text[:80]))
    check("二〇二〇年十一月二十日" in text, "page %d has the date in Chinese numerals" % i)
    if names[sid].startswith("青石县人民医院") or names[sid].startswith("青石县应急"):
        check("同志" not in text, "a collective is not addressed as 同志 (page %d)" % i)
    else:
        check(squash(names[sid]) + "同志：" in text, "a person is addressed as 同志 (page %d)" % i)

# Every word inside a box of the template; the long names inside the name box.
boxes = template_boxes("certificate-a4-landscape")
words = bbox_words(pdf)
check(len(words) > 50, "pdftotext -bbox finds the words")
outside = [w for w in words if not any(inside(w, b) for b in boxes.values())]
check(not outside, "every word lies inside a template box: %s" % outside[:3])
for i, sid in enumerate(order, 1):
    if len(names[sid]) < 30:
        continue
    name_words = [w for w in words if w[0] == i and inside(w, boxes["name"])]
    got = squash("".join(w[5] for w in name_words))
    check(got == names[sid] + "：", "page %d: the %d-character name is all inside the name box: %s"
          % (i, len(names[sid]), got))
long_unit = [s for s in order if len(names[s]) < 30 and "工作组" in page_text(pdf, order.index(s) + 1)]
check(len(long_unit) == 1, "the long unit name is printed")

# Fonts embedded once each, with ToUnicode; the seal embedded once.
fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
fnames = [l.split()[0] for l in fonts]
check(len(fnames) == len(set(fnames)) and fnames, "each font embedded once: %s" % fnames)
check(all(" yes yes yes " in l for l in fonts), "fonts embedded, subset, with ToUnicode")
imgs = run("pdfimages", "-list", pdf).stdout.splitlines()[2:]
check(len({l.split()[10] for l in imgs}) == 1 and len(imgs) == 2 * len(order),
      "the seal (and its soft mask) is one object drawn on every page")

# Same inputs, same bytes.
out2 = os.path.join(TMP, "out2")
r = run(BIN, "certificates", EDITION, "-o", out2)
check(r.returncode == 0, "certificates exits 0: " + r.stderr[-500:])
check(open(pdf, "rb").read() == open(os.path.join(out2, "certificates.pdf"), "rb").read(),
      "certificates are byte-identical across runs")

# --split: one file per awardee, named <number>-<name>.pdf.
r = run(BIN, "certificates", EDITION, "-o", out2, "--split")
check(r.returncode == 0, "--split exits 0")
split = sorted(os.listdir(os.path.join(out2, "certificates")))
want = sorted("%s-%s.pdf" % (numbers[s], names[s]) for s in order)
check(split == want, "--split names: %s" % split)
for s in order:
    f = os.path.join(out2, "certificates", "%s-%s.pdf" % (numbers[s], names[s]))
    if os.path.exists(f):
        check(pages(f) == 1 and squash(names[s]) in squash(page_text(f, 1)), "split file of %s" % s)

# --split again after an award is withdrawn: the folder holds this run's files
# only (the withdrawn awardee's certificate does not stay behind); with --only,
# the other files stay.
ed_less = os.path.join(TMP, "ed-less")
shutil.rmtree(ed_less, ignore_errors=True)
shutil.copytree(EDITION, ed_less)
gone = order[-1]
camp = os.path.join(ed_less, "campaign.xml")
with open(camp, encoding="utf-8") as f:
    text = f.read()
line = next(l for l in text.splitlines() if 'ref="%s"' % gone in l)
with open(camp, "w", encoding="utf-8") as f:
    f.write(text.replace(line + "\n", "", 1))
with open(os.path.join(out2, "certificates", "stray-from-an-old-run.pdf"), "wb") as f:
    f.write(b"%PDF-1.4 stray")
r = run(BIN, "certificates", ed_less, "-o", out2, "--split")
check(r.returncode == 0, "--split again exits 0\n" + r.stderr)
again = sorted(os.listdir(os.path.join(out2, "certificates")))
check(len(again) == len(order) - 1 and not any(names[gone] in f for f in again) and
      "stray-from-an-old-run.pdf" not in again, "--split again leaves only this run's files: %s" % again)
check(not [f for f in os.listdir(out2) if f.startswith(".certificates")], "--split leaves no temporary folder")
r = run(BIN, "certificates", EDITION, "-o", out2, "--split", "--only", gone)
after_only = sorted(os.listdir(os.path.join(out2, "certificates")))
check(r.returncode == 0 and len(after_only) == len(order) and set(again) <= set(after_only),
      "--split --only adds its file and keeps the others: %s" % after_only)

# --only: just these, numbers unchanged.
out3 = os.path.join(TMP, "out3")
last = order[-1]
r = run(BIN, "certificates", EDITION, "-o", out3, "--only", last)
only = os.path.join(out3, "certificates.pdf")
check(r.returncode == 0 and pages(only) == 1, "--only makes one certificate")
check(numbers[last] in page_text(only, 1), "--only keeps the number")
r = run(BIN, "certificates", EDITION, "-o", out3, "--only", "nope")
check(r.returncode == 2 and "nope" in r.stderr, "--only with an unknown id is a usage error")

# --offset shifts everything.
r = run(BIN, "certificates", EDITION, "-o", out3, "--offset", "5,-3")
check(r.returncode == 0, "--offset exits 0")
moved = bbox_words(os.path.join(out3, "certificates.pdf"))
num0 = [w for w in words if w[0] == 1 and numbers[order[0]] in w[5]]
num1 = [w for w in moved if w[0] == 1 and numbers[order[0]] in w[5]]
check(num0 and num1 and abs(num1[0][1] - num0[0][1] - 5 * PT) < 0.05
      and abs(num1[0][2] - num0[0][2] + 3 * PT) < 0.05, "--offset 5,-3 moves the number 5 mm right, 3 mm up")
r = run(BIN, "certificates", EDITION, "-o", out3, "--offset", "five")
check(r.returncode == 2, "a bad --offset is a usage error")

# The pre-printed template: the variable text only, in its boxes.
r = run(BIN, "certificates", EDITION, "-o", out3, "--template", "certificate-preprinted")
pre = os.path.join(out3, "certificates.pdf")
check(r.returncode == 0 and pages(pre) == len(order), "pre-printed certificates")
pboxes = template_boxes("certificate-preprinted")
pw = bbox_words(pre)
check(all(any(inside(w, b) for b in pboxes.values()) for w in pw), "pre-printed: every word in a box")
check("荣誉证书" not in squash(run("pdftotext", pre, "-").stdout), "pre-printed: no title")
check(len(run("pdfimages", "-list", pre).stdout.splitlines()) == 2, "pre-printed: no seal")

# --calibration: a one-page alignment sheet.
r = run(BIN, "certificates", EDITION, "-o", out3, "--template", "certificate-preprinted", "--calibration")
cal = os.path.join(out3, "calibration.pdf")
check(r.returncode == 0 and pages(cal) == 1, "--calibration writes one page")
ct = run("pdftotext", cal, "-").stdout
check("name" in ct and "text" in ct and "date" in ct and "certificate-preprinted" in ct,
      "the alignment sheet names the boxes and the template")

# An unknown placeholder is an error that names it.
bad = os.path.join(TMP, "bad-edition")
shutil.copytree(EDITION, bad)
cp = os.path.join(bad, "campaign.xml")
text = open(cp, encoding="utf-8").read().replace("荣获{tier}。特发此证", "荣获{award}。特发此证", 1)
open(cp, "w", encoding="utf-8").write(text)
r = run(BIN, "check", bad)
check(r.returncode == 1 and "unknown placeholder '{award}'" in r.stderr and "[cert-placeholder]" in r.stderr,
      "unknown placeholder → check error: " + r.stderr[-500:])
r = run(BIN, "certificates", bad, "-o", os.path.join(TMP, "bad-out"))
check(r.returncode == 1 and not os.path.exists(os.path.join(TMP, "bad-out", "certificates.pdf")),
      "no certificates while the edition has errors")

# The sample edition builds its certificates too: one page per awardee.
r = run(BIN, "build", os.path.join(SRC, "input", "2020"), "-o", os.path.join(TMP, "sample"))
check(r.returncode == 0, "the sample edition builds: " + r.stderr[-300:])
srep = json.load(open(os.path.join(TMP, "sample", "report.json"), encoding="utf-8"))
check(pages(os.path.join(TMP, "sample", "certificates.pdf")) == len(srep["compendium_order"]),
      "sample: one certificate per awardee")

sys.exit(summary())
