"""The official documents read back from their PDFs (GB/T 9704-2012): the
sample edition, with two awardees marked female and the compendium ordered
by pinyin, built with --only decision,publicity. pdftotext -bbox gives the
words' boxes in pt and mutool's trace device the colours, rules, glyph
sizes and the seal image; every length is checked in mm within the
standard's tolerances (type area 156 x 225 mm at 37 mm from the top and
28 mm from the left, 1 mm either way): the red 发文机关标志 centred on the
type area, the 发文字号 two lines under it, the red separator line 4 mm
under the number across the type area, the title in 22 pt centred and
balanced, the 主送机关 flush left with a full-width colon, the 成文日期 four
cells in from the right with the seal centred on it, page numbers 7 mm
under the type area (odd right, even left, one cell in), the 版记 on the last
page only, an even one, between thick rules; the list by tier in stroke
order whatever the compendium's order, two-character names padded to three
cells, （女） after the names marked female."""
import html
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-gongwen")
MM = 72 / 25.4
H = 297 * MM
CELL = 15.75
TOP, LEFT, TW, TH = 37 * MM, 28 * MM, 156 * MM, 225 * MM
GRID_L = LEFT + (TW - 28 * CELL) / 2  # the 28 cells centred in the type area
GRID_R = GRID_L + 28 * CELL
TOL = 1 * MM

shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
ed = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "input", "2020"), ed)
sub = os.path.join(ed, "submissions")
for sid in ("s2020-001", "s2020-008"):
    replace_in(os.path.join(sub, sid + ".xml"), "<author>", '<author role="female">')
replace_in(os.path.join(ed, "campaign.xml"), 'within-tier="stroke"', 'within-tier="pinyin"')
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out, "--only", "decision,publicity")
check(r.returncode == 0, f"build --only decision,publicity: {r.stdout}{r.stderr}")
check(sorted(f for f in os.listdir(out) if f.endswith(".pdf")) == ["decision.pdf", "publicity.pdf"],
      f"only the two documents: {os.listdir(out)}")
PDF = os.path.join(out, "decision.pdf")


def words(pdf):
    """Per page: [(xMin, yMin, xMax, yMax, text)]."""
    r = run("pdftotext", "-bbox", pdf, "-")
    pages = []
    for part in r.stdout.split("<page ")[1:]:
        ws = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', part):
            ws.append((*map(float, m.groups()[:4]), html.unescape(m.group(5))))
        pages.append(ws)
    return pages


def lines(ws):
    """Words grouped into lines (tops within 4 pt), each [top, bottom, left,
    right, text, [words]] in reading order."""
    out = []
    for w in sorted(ws, key=lambda w: (w[1], w[0])):
        ln = next((ln for ln in out if abs(ln[0] - w[1]) < 4), None)
        if ln:
            ln[5].append(w)
        else:
            out.append([w[1], w[3], w[0], w[2], "", [w]])
    for ln in out:
        ln[5].sort()
        ln[2], ln[3] = ln[5][0][0], max(w[2] for w in ln[5])
        ln[1] = max(w[3] for w in ln[5])
        ln[4] = "".join(w[4] for w in ln[5])
    return sorted(out)


def trace(pdf, page):
    """mutool's trace of one page (from 1)."""
    return run("mutool", "draw", "-F", "trace", "-o", "-", pdf, str(page)).stdout


def rgb_red(color):
    c = [float(x) for x in color.split()]
    return len(c) == 3 and c[0] > 0.8 and c[1] < 0.2 and c[2] < 0.2


def glyph_runs(tr):
    """[(colour, size, [(char, x, y_from_top)])] of the page's text."""
    runs = []
    for ft in re.finditer(r'<fill_text colorspace="(\w+)" color="([^"]*)".*?</fill_text>', tr, re.S):
        for sp in re.finditer(r'<span [^>]*trm="([\d.]+) [^"]*">(.*?)</span>', ft.group(0), re.S):
            gs = [(html.unescape(m.group(1)), float(m.group(2)), H - float(m.group(3)))
                  for m in re.finditer(r'<g unicode="([^"]*)" [^>]*x="([\d.-]+)" y="([\d.-]+)"',
                                       sp.group(2))]
            runs.append((ft.group(2), float(sp.group(1)), gs))
    return runs


def strokes(tr):
    """[(width, colour, x0, y0, x1, y1)] of the page's stroked lines (y from the top)."""
    out = []
    for m in re.finditer(r'<stroke_path linewidth="([\d.]+)"[^>]*color="([^"]*)"[^>]*>\s*'
                         r'<moveto x="([\d.]+)" y="([\d.]+)"/>\s*<lineto x="([\d.]+)" y="([\d.]+)"/>',
                         tr):
        w, col, x0, y0, x1, y1 = m.groups()
        out.append((float(w), col, float(x0), H - float(y0), float(x1), H - float(y1)))
    return out


pages = words(PDF)
n = len(pages)
check(n >= 2, f"the decision has its pages: {n}")

# --- page 1: the 版头 ---------------------------------------------------------
tr1 = trace(PDF, 1)
runs1 = glyph_runs(tr1)
red = [g for col, size, gs in runs1 if rgb_red(col) for g in gs]
mark = "".join(g[0] for g in red)
check(mark == "中共青石县委员会文件", f"the mark in red: {mark!r}")
mark_size = next((size for col, size, gs in runs1 if rgb_red(col)), 0)
if red:
    x0, x1 = red[0][1], red[-1][1] + mark_size
    check(abs((x0 + x1) / 2 - (LEFT + TW / 2)) < TOL, f"mark centred: {x0:.1f}..{x1:.1f}")
    check(x1 - x0 <= TW + 0.5, f"mark within the type area: {(x1 - x0) / MM:.1f} mm")
    mark_top = red[0][2] - 0.88 * mark_size
    check(abs(mark_top - (TOP + 35 * MM)) < TOL, f"mark 35 mm under the type area: {mark_top / MM:.1f} mm")
p1 = lines(pages[0])
num = next((ln for ln in p1 if ln[4] == "青发〔2020〕12号"), None)
check(num is not None, f"the 发文字号 with 六角括号 and no leading zero: {[ln[4] for ln in p1]}")
num_glyphs = [g for col, size, gs in runs1 if not rgb_red(col) and size == CELL for g in gs
              if num and abs(g[2] - num[1]) < 10]
if num and red:
    check(abs((num[2] + num[3]) / 2 - (LEFT + TW / 2)) < TOL, "发文字号 centred")
    num_top = num_glyphs[0][2] - 0.88 * CELL if num_glyphs else num[0]
    pitch = (TH - CELL) / 21
    gap = num_top - (mark_top + mark_size)
    check(2 * pitch - CELL - 0.5 <= gap <= 3 * pitch, f"two blank lines under the mark: {gap:.1f} pt")
    seps = [s for s in strokes(tr1) if rgb_red(s[1])]
    check(len(seps) == 1, f"one red separator: {seps}")
    if seps:
        w, col, sx0, sy0, sx1, sy1 = seps[0]
        check(abs(sx0 - LEFT) < 0.5 and abs(sx1 - (LEFT + TW)) < 0.5 and abs(sy0 - sy1) < 0.01,
              f"separator across the type area: {sx0 / MM:.1f}..{sx1 / MM:.1f} mm")
        check(abs(sy0 - (num_top + CELL + 4 * MM)) < 0.5 * MM,
              f"separator 4 mm under the number: {(sy0 - num_top - CELL) / MM:.2f} mm")
titles = [ln for ln in p1 if any(size == 22 for col, size, gs in runs1
                                 for g in gs if abs(g[2] - ln[1]) < 12 and g[0] == ln[4][0])]
check(len(titles) >= 2, f"a title of several lines in 22 pt: {[t[4] for t in titles]}")
if titles:
    for t in titles:
        check(abs((t[2] + t[3]) / 2 - (LEFT + TW / 2)) < TOL, f"title line centred: {t[4]}")
    widths = [t[3] - t[2] for t in titles]
    check(max(widths) - min(widths) < 0.35 * max(widths), f"title lines balanced: {widths}")
to = next((ln for ln in p1 if ln[4].startswith("各乡镇")), None)
check(to is not None and abs(to[2] - LEFT) < TOL, f"主送机关 flush left: {to}")
to_end = next((ln for ln in p1 if to and ln[0] >= to[0] and ln[4].endswith("：")), None)
check(to_end is not None, "主送机关 ends with a full-width colon")
body = [ln for ln in p1 if ln[0] > (to[0] if to else 0) and ln[0] < TOP + TH]
check(all(ln[2] >= LEFT - TOL and ln[3] <= LEFT + TW + TOL for ln in body), "body inside the type area")

# --- every page: the grid and the page numbers --------------------------------
for i, ws in enumerate(pages):
    lns = lines(ws)
    inside = [ln for ln in lns if ln[0] < TOP + TH]
    folio = [ln for ln in lns if ln[0] >= TOP + TH]
    if inside:
        check(min(ln[0] for ln in inside) >= TOP - TOL, f"page {i + 1}: nothing above the type area")
    if not folio:
        continue
    f = folio[0]
    check(f[4] == f"—{i + 1}—", f"page {i + 1}: its number {f[4]!r}")
    mid = (f[0] + f[1]) / 2
    check(abs(mid - (TOP + TH + 7 * MM)) < 1.5 * MM, f"page {i + 1}: number 7 mm under the type area: {mid / MM:.1f}")
    if (i + 1) % 2:
        check(abs(f[3] - (GRID_R - 14)) < TOL, f"odd page {i + 1}: number one cell in from the right: {f[3]:.1f}")
    else:
        check(abs(f[2] - (GRID_L + 14)) < TOL, f"even page {i + 1}: number one cell in from the left: {f[2]:.1f}")

# --- the signature and the seal -----------------------------------------------
sign = [(i, ln) for i, ws in enumerate(pages) for ln in lines(ws) if ln[4] == "2020年12月8日"]
check(len(sign) == 1, f"one 成文日期: {sign}")
if sign:
    i, date = sign[0]
    check(abs(date[3] - (GRID_R - 4 * CELL)) < TOL, f"成文日期 four cells in from the right: {date[3]:.1f}")
    issuer = next((ln for ln in lines(pages[i]) if ln[4] == "中共青石县委员会"), None)
    check(issuer is not None and issuer[0] < date[0], "the issuer above the date")
    if issuer:
        check(abs((issuer[2] + issuer[3]) / 2 - (date[2] + date[3]) / 2) < TOL, "issuer centred on the date")
    m = re.search(r'<fill_image [^>]*transform="([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+)"', trace(PDF, i + 1))
    check(m is not None, "the seal on the signature's page")
    if m and issuer:
        w, h, x, y = map(float, m.groups())
        top = y  # mutool gives the image in device space, y downwards
        check(abs(x + w / 2 - (date[2] + date[3]) / 2) < TOL, "seal centred on the date")
        check(top < issuer[0] and top + h > date[1], "seal pressing the issuer and the date")
        check(abs(w - 42 * MM) < 0.5 and abs(h - 42 * MM) < 0.5, f"seal 42 mm: {w / MM:.1f}")
        check("clip_image_mask" in trace(PDF, i + 1) or "smask" in trace(PDF, i + 1).lower(),
              "the seal keeps its transparency")

# --- the 版记 ------------------------------------------------------------------
cc = [i for i, ws in enumerate(pages) for ln in lines(ws) if ln[4].startswith("抄送：")]
check(cc == [n - 1], f"抄送 on the last page only: {cc} of {n}")
check(n % 2 == 0, f"the last page is an even page: {n}")
last = strokes(trace(PDF, n))
thick = [s for s in last if abs(s[0] - 0.99) < 0.02]
thin = [s for s in last if abs(s[0] - 0.71) < 0.02]
check(len(thick) == 2 and len(thin) == 1, f"two thick rules and a thin one: {last}")
if thick:
    bottom = max(s[3] + s[0] / 2 for s in thick)
    check(abs(bottom - (TOP + TH)) < 0.2 * MM, f"last rule on the type area's bottom edge: {bottom / MM:.2f}")
    check(all(abs(s[2] - LEFT) < 0.5 and abs(s[4] - LEFT - TW) < 0.5 for s in thick + thin),
          "版记 rules across the type area")
printed = next((ln for ln in lines(pages[n - 1]) if ln[4].endswith("印发")), None)
check(printed is not None and printed[4].startswith("中共青石县委办公室"), f"印发机关 and date: {printed}")

# --- the list -----------------------------------------------------------------
# 附件 pages: tiers in campaign order, names in stroke order of their first
# character (counts of the surnames in the sample edition), two-character
# names with one empty cell between the characters, （女） where marked
STROKES = {"丁": 2, "王": 4, "石": 5, "刘": 6, "何": 7, "杨": 7, "陈": 7, "周": 8, "欧": 8,
           "青": 8, "赵": 9, "曹": 11, "梁": 11, "韩": 12, "彭": 12, "谢": 12, "黎": 15,
           "潘": 15, "魏": 17}
annex = next((i for i, ws in enumerate(pages) for ln in lines(ws) if ln[4] == "附件"), None)
check(annex is not None, "the list as 附件 on a page of its own")
tiers, entries = [], []
for ws in pages[annex or 0:] if annex is not None else []:
    for ln in lines(ws):
        if re.match(r"^[一二三四五六七八九十]+、", ln[4]):
            tiers.append(ln[4])
            entries.append([])
        elif tiers and ln[2] > GRID_L + 2 * CELL - 1 and ln[2] < GRID_L + 2 * CELL + 1:
            first = ln[5][0]
            name = [first]
            for w in ln[5][1:]:
                if w[0] - name[-1][2] < 1.5 * CELL:
                    name.append(w)
                else:
                    break
            entries[-1].append(("".join(w[4] for w in name), name))
check([re.sub(r"^.+、", "", t) for t in tiers] == ["一等奖（4名）", "二等奖（7名）", "三等奖（10名）"],
      f"tiers in campaign order with their counts: {tiers}")
for t, es in zip(tiers, entries):
    counts = [STROKES.get(e[0][0]) for e in es]
    known = [c for c in counts if c is not None]
    check(known == sorted(known), f"{t}: stroke order {[e[0] for e in es]}")
check(any(e[0].startswith("王秀英（女）") for es in entries for e in es), "（女） after 王秀英")
two = [e for es in entries for e in es if len(e[0].replace("（女）", "")) == 2]
check(len(two) >= 3, f"two-character names in the list: {[e[0] for e in two]}")
for name, ws in two:
    glyphs = [(w[0], w[2]) for w in ws]
    x_first = glyphs[0][0]
    x_last_end = glyphs[-1][1] if "（女）" not in name else None
    if x_last_end is not None:
        check(abs(x_last_end - x_first - 3 * CELL) < 1, f"{name} padded to three cells: {x_last_end - x_first:.1f}")
female_two = [e for e in two if "（女）" in e[0]]
check(len(female_two) == 1, f"a two-character name marked female: {[e[0] for e in two]}")

# --- the 公示 -----------------------------------------------------------------
pub = words(os.path.join(out, "publicity.pdf"))
text = "".join(ln[4] for ws in pub for ln in lines(ws))
check("公示期为5个工作日（2020年11月23日至2020年11月27日）" in text, "the period filled in")
check("联系电话：0000-6120123" in text, "the telephone filled in")
check("一等奖4名、二等奖7名、三等奖10名" in text, "{tiers} filled in")
check("王秀英（女）" in text, "the list in the 公示")

# --- the same inputs give the same bytes --------------------------------------
r = run(BIN, "build", ed, "-o", os.path.join(TMP, "again"), "--only", "decision,publicity")
for f in ("decision.pdf", "publicity.pdf"):
    with open(os.path.join(out, f), "rb") as a, open(os.path.join(TMP, "again", f), "rb") as b:
        check(a.read() == b.read(), f"{f} byte-identical from the same inputs")

# --- a placeholder the program does not know stops the document -------------
replace_in(os.path.join(ed, "campaign.xml"), "对王秀英等{count}名", "对王秀英等{cuont}名")
r = run(BIN, "build", ed, "-o", os.path.join(TMP, "out2"), "--only", "decision")
check(r.returncode != 0 and "{cuont}" in r.stderr and "campaign.xml:" in r.stderr,
      f"unknown placeholder named with its line: {r.returncode} {r.stderr}")
check(not os.path.exists(os.path.join(TMP, "out2", "decision.pdf")), "nothing written")
sys.exit(summary())
