"""Tables and figures read back from the PDF. A submission of the sample
edition gets a figure with a caption and a table long enough to break across
pages (a header row, a cell spanning two columns, one spanning two rows);
after the build (with --trace, whose image and rule positions are the PDF's),
pdftotext -bbox shows the caption on the photo's page, under it and centred
on it, and every cell's text inside the table's rules on its page, in reading
order, with the header row again at the top of the page the table continues
on (docs/typography.md, G1 and G2)."""
import html
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, png, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-tables-figures")
CAPTION = "图为王秀英在菌棒厂查看菌棒"
HEAD = ["年份", "户数", "收入"]
YEARS = ["二〇%s年" % "一二三四五六七八九"[i % 9] + "第%d批" % (i + 1) for i in range(24)]


shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
ed = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "input", "2020"), ed)
png(os.path.join(ed, "images", "junbang.png"), 2000, 1200)  # 300 dpi and more at 156 mm
rows = "".join(f"<row><entry>{y}</entry><entry>{12 + i}户</entry><entry>{3 + i}万元</entry></row>"
               for i, y in enumerate(YEARS))
table = ("<table><title>菌棒厂带动增收</title><tgroup cols=\"3\">"
         "<colspec colname=\"c1\" colwidth=\"2*\"/><colspec colname=\"c2\"/><colspec colname=\"c3\"/>"
         "<thead><row>" + "".join(f"<entry>{h}</entry>" for h in HEAD) + "</row></thead><tbody>"
         "<row><entry morerows=\"1\">起步</entry><entry namest=\"c2\" nameend=\"c3\">合作社成立</entry></row>"
         "<row><entry>5户</entry><entry>1万元</entry></row>" + rows + "</tbody></tgroup></table>")
figure = (f"<figure><title>{CAPTION}</title><mediaobject><imageobject>"
          "<imagedata fileref=\"images/junbang.png\"/></imageobject></mediaobject></figure>")
replace_in(os.path.join(ed, "submissions", "s2020-001.xml"), "  </section>\n</article>",
           figure + table + "  </section>\n</article>")
# the table's cells count in 字数 (docs/rules.md): room for them
replace_in(os.path.join(ed, "campaign.xml"), 'max-chars="1500"', 'max-chars="3000"')
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out, "--trace")
check(r.returncode == 0, f"build: {r.stdout}{r.stderr}")
r = run("pdftotext", "-bbox", os.path.join(out, "compendium.pdf"), "-")

# the words of each page: (xMin, yMin, xMax, yMax, text)
pages = []
for part in r.stdout.split("<page ")[1:]:
    pages.append([(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
                   html.unescape(m.group(5)))
                  for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                       r'yMax="([\d.]+)">([^<]*)</word>', part)])

# the trace: each page's images and rules (the same coordinates as the PDF's)
images, rules = {}, {}
with open(os.path.join(out, "compendium.trace"), encoding="utf-8") as f:
    page = 0
    for line in f:
        if line.startswith("page "):
            page = int(line.split()[1])
        m = re.match(r"  image x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+)", line)
        if m:
            images.setdefault(page, []).append(tuple(float(v) for v in m.groups()))
        m = re.match(r"  rule ([\d.]+),([\d.]+) ([\d.]+),([\d.]+) w=0.50", line)
        if m:
            rules.setdefault(page, []).append(tuple(float(v) for v in m.groups()))


def lines_of(words):
    """Words joined into lines, top to bottom, each line's words left to
    right: Han and digits sit a little apart vertically, so a word within
    4 pt of a line's top joins it."""
    groups = []
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        g = next((g for g in groups if abs(g[0][1] - w[1]) < 4), None)
        if g:
            g.append(w)
        else:
            groups.append([w])
    return [[min(w[0] for w in g), min(w[1] for w in g), max(w[2] for w in g), max(w[3] for w in g),
             "".join(w[4] for w in sorted(g))] for g in groups]


# the caption: on the page of the photo that is not the cover photo, under it, centred
cap = [(i + 1, ln) for i, ws in enumerate(pages) for ln in lines_of(ws) if ln[4] == CAPTION]
check(len(cap) == 1, f"the caption once: {cap}")
if len(cap) == 1:
    pno, (x0, y0, x1, y1, _) = cap[0]
    wide = [im for im in images.get(pno, []) if im[2] > 300]  # the figure, not the 30 mm photo
    check(len(wide) == 1, f"the figure's photo on the caption's page {pno}: {images.get(pno)}")
    if wide:
        ix, iy, iw, ih = wide[0]
        check(y0 > iy + ih, f"the caption under its photo: caption top {y0:.1f}, photo foot {iy + ih:.1f}")
        check(y0 - (iy + ih) < 30, f"the caption right under its photo: {y0 - (iy + ih):.1f} pt")
        check(abs((x0 + x1) / 2 - (ix + iw / 2)) < 2,
              f"the caption centred on the photo: {(x0 + x1) / 2:.1f} vs {ix + iw / 2:.1f}")
        check(abs(iw / ih - 2000 / 1200) < 0.01, f"the photo keeps its aspect: {iw:.1f}x{ih:.1f}")
        check(iw <= 442.3, f"the photo within the measure: {iw:.1f}")

# the table: the cells' texts in reading order, each inside the rules of its page
want = HEAD + ["起步", "合作社成立", "5户", "1万元"]
for i, y in enumerate(YEARS):
    want += [y, f"{12 + i}户", f"{3 + i}万元"]
tpages = [p for p in sorted(rules) if any(abs(r[1] - r[3]) < 0.01 and r[2] - r[0] > 100 for r in rules[p])
          and any(ln[4] == "".join(HEAD) for ln in lines_of(pages[p - 1]))]
check(len(tpages) >= 2, f"the table runs over two pages or more, a header on each: {tpages}")
got = []
for p in tpages:
    rs = rules[p]
    left = min(min(r[0], r[2]) for r in rs if abs(r[0] - r[2]) < 0.01)
    right = max(max(r[0], r[2]) for r in rs if abs(r[0] - r[2]) < 0.01)
    top = min(min(r[1], r[3]) for r in rs if abs(r[0] - r[2]) < 0.01)
    foot = max(max(r[1], r[3]) for r in rs if abs(r[0] - r[2]) < 0.01)
    cells = [w for w in pages[p - 1] if top - 1 < w[1] and w[3] < foot + 1]
    for x0, y0, x1, y1, t in cells:
        check(left < x0 and x1 < right and top < y0 and y1 < foot,
              f"page {p}: '{t}' inside the table's rules {left:.1f}..{right:.1f} x {top:.1f}..{foot:.1f}")
    text = [ln[4] for ln in lines_of(cells)]
    check(text[0] == "".join(HEAD), f"page {p}: the header row first: {text[:1]}")
    got += text
# the header's words again on every page after the first: drop the repeats
flat = "".join(got)
joined_head = "".join(HEAD)
check(flat.count(joined_head) == len(tpages), f"the header once per page: {flat.count(joined_head)}")
flat = joined_head + flat.replace(joined_head, "")
check(flat == "".join(want), f"every cell in order:\n got {flat}\nwant {''.join(want)}")
sys.exit(summary())
