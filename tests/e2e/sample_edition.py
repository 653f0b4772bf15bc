"""End to end: check and build the sample edition input/2020, then assert
facts read back from the PDF (poppler-utils, qpdf): the table of contents
names the page each article starts on, tiers and the compendium order,
fonts embedded with ToUnicode, bookmarks and page labels, and no extracted
line starting with a mark that may not start a line."""
import html
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e")
EDITION = os.path.join(SRC, "input", "2020")
DB = "{http://docbook.org/ns/docbook}"
NO_START = set("，。、；：？！）》」』”’〕］｝〉】〗·")


def squash(s):
    return re.sub(r"\s+", "", s)


shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
out = os.path.join(TMP, "out")

r = run(BIN, "check", EDITION)
check(r.returncode == 0, "check exits 0 on the sample edition: " + r.stderr[-500:])
check("0 errors" in r.stderr, "check prints a summary with 0 errors")

r = run(BIN, "build", EDITION, "-o", out, "--trace")
check(r.returncode == 0, "build exits 0: " + r.stderr[-500:])
pdf = os.path.join(out, "compendium.pdf")
check("wrote " + pdf in r.stderr, "build says where it wrote the PDF")
report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))

# The submissions as written, to compare against.
campaign = ET.parse(os.path.join(EDITION, "campaign.xml")).getroot()
tiers = [(t.get("id"), t.get("name")) for t in campaign.find("tiers")]
subs = {}
for f in os.listdir(os.path.join(EDITION, "submissions")):
    root = ET.parse(os.path.join(EDITION, "submissions", f)).getroot()
    info = root.find(DB + "info")
    author = info.find(DB + "author")
    name = author.find(DB + "personname")
    if name is None:
        name = author.find(DB + "orgname")
    subs[root.get("{http://www.w3.org/XML/1998/namespace}id")] = (
        squash(info.find(DB + "title").text), squash(name.text))
awards = {a.get("ref"): a.get("tier") for a in campaign.find("results")}
order = report["compendium_order"]
check(sorted(order) == sorted(awards), "every awarded submission is in the compendium, once")
tier_rank = {tid: i for i, (tid, _) in enumerate(tiers)}
ranks = [tier_rank[awards[i]] for i in order]
check(ranks == sorted(ranks), "tiers in the order campaign.xml lists them")

info = run("pdfinfo", pdf).stdout
npages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
check(npages >= len(order) + len(tiers) + 3, "page count plausible (%d)" % npages)
check("Title:" in info and squash(campaign.find("compendium/title").text) in squash(info),
      "document info title")

fonts = run("pdffonts", pdf).stdout.splitlines()[2:]
check(len(fonts) >= 2, "at least two fonts")
for line in fonts:
    cols = line.split()
    check(cols[-5] == "yes" and cols[-3] == "yes", "font embedded with ToUnicode: " + line)

qj = json.loads(run("qpdf", "--json", "--json-key=pagelabels", "--json-key=outlines", pdf).stdout)
labels = qj["pagelabels"]
check(len(labels) == 2 and labels[0]["label"]["/S"] == "/r" and labels[1]["label"]["/S"] == "/D",
      "page labels: front matter roman, body decimal")
front = labels[1]["index"]
tops = [o["title"] for o in qj["outlines"]]
for _, tname in tiers:
    check(tname in tops, "a bookmark for tier " + tname)
kids = [k["title"] for o in qj["outlines"] for k in o["kids"]]
check([squash(k) for k in kids] == [subs[i][0] for i in order], "bookmarks tier → article, in order")

pages = []
for p in range(1, npages + 1):
    pages.append(run("pdftotext", "-f", str(p), "-l", str(p), "-layout", pdf, "-").stdout)

# The table of contents: from the page its bookmark points at to the body.
toc_start = [o["destpageposfrom1"] for o in qj["outlines"] if o["title"] == "目录"]
check(len(toc_start) == 1, "a bookmark for the contents")
toc_lines = []
for p in range(toc_start[0] - 1 if toc_start else 0, front):
    toc_lines += pages[p].splitlines()[1:]  # without the running head
tier_names = [n for _, n in tiers]
entries, pending, current_tier = [], "", None
for line in toc_lines:
    s = line.strip()
    if s in tier_names:
        current_tier = s
        continue
    m = re.match(r"^(.*?)\s*(?:\.\s*){3,}(\d+)$", s)
    if m:
        entries.append((current_tier, squash(pending + m.group(1)), int(m.group(2))))
        pending = ""
    elif s and not s.startswith("—") and squash(s) != "目录":
        pending += s
check(len(entries) == len(order), "one contents entry per awarded article (%d vs %d)"
      % (len(entries), len(order)))
for (tier, text, num), sid in zip(entries, order):
    title, name = subs[sid]
    check(text == title + name, "contents entry %s is '%s' + '%s'" % (text, title, name))
    check(tier == dict(tiers)[awards[sid]], "entry %s under its tier" % title)
    page = squash(pages[front + num - 1]) if front + num - 1 < npages else ""
    check(title in page, "'%s' is on the page its contents entry names (%d)" % (title, num))
    check(name in page, "the name %s is on that page" % name)

# No line of the PDF starts with a mark that may not start a line (A1). Lines
# are the words pdftotext -bbox finds on one baseline, in x order (its plain
# output puts a squeezed mark that overlaps its neighbour's box on a line of
# its own, so the boxes are the faithful reading).
bad = []
bbox = run("pdftotext", "-bbox", pdf, "-").stdout
for pno, page in enumerate(bbox.split("<page ")[1:], 1):
    words = [(float(a), float(b), html.unescape(w)) for a, b, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">(.*?)</word>', page)]
    lines = []
    for x, y, w in sorted(words, key=lambda t: t[1]):
        if lines and abs(lines[-1][0] - y) < 3:
            lines[-1][1].append((x, w))
        else:
            lines.append((y, [(x, w)]))
    for y, ws in lines:
        text = "".join(w for _, w in sorted(ws))
        if text and text[0] in NO_START:
            bad.append((pno, text[:20]))
check(not bad, "no line starts with a prohibited mark: %r" % bad[:5])

# Same from the display list: the trace has every line with its text.
trace = open(os.path.join(out, "compendium.trace"), encoding="utf-8").read()
tl = re.findall(r"^  line y=\S+ x=\S+ (.*)$", trace, re.M)
check(len(tl) > 500, "the trace lists the lines")
check(not [t for t in tl if t and t[0] in NO_START], "trace: no line starts with a prohibited mark")
check(not [t for t in tl if t and t[-1] in set("（《「『“‘〔［｛〈【〖")],
      "trace: no line ends with an opening mark")

sys.exit(summary())
