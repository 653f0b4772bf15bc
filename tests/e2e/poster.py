"""End to end: the 光荣榜 (poster) and 展板 (boards) of made-up editions of
5, 37 and 150 awardees, each with a small generated photo (upright,
landscape or square, so cropping shows), built with --trace --tile A4.

- The poster's layout trace is the golden one (tests/data/poster/
  expected-N.trace; HUIBIAN_REGEN=1 rewrites them — review the diff).
- Read back with pdftotext -bbox: every awardee's name exactly once, inside
  its cell (the cells are the trace's cell-coloured fills), set no smaller
  than the template's minimum; no text outside the sheet.
- pdfimages -list: one photo per awardee, each drawn at the same
  resolution across and down (its aspect kept).
- The tiles: their windows cover the sheet with the template's overlap, and
  every word a tile shows whole sits where the poster has it, moved by the
  tile's offset, within 0.1 mm.
- 150 awardees on an A3 sheet do not fit with legible names: two sheets and
  a note on stderr.
- boards.pdf: one panel per awardee, with its name and its short version."""
import os
import re
import shutil
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-poster")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
EXPECTED = os.path.join(SRC, "tests", "data", "poster")
MM = 72 / 25.4
NAME_MIN = 14  # poster-a1's name-min

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜"
GIVEN = ["建华", "秀英", "明", "桂兰", "志强", "海燕", "文", "春生", "玉梅", "国庆",
         "晓东", "丽", "德胜", "红霞", "永", "淑珍"]
UNITS = ["云岭镇人民政府", "云岭县人民医院", "云岭县第二中学", "溪口乡卫生院",
         "云岭县公安局交通警察大队", "石桥村党支部", "云岭县供电公司", "县应急管理局"]
TIERS = [("first", "一等奖"), ("second", "二等奖"), ("third", "三等奖")]


def png(path, w, h, seed):
    """A w x h RGB PNG: a plain ground with a light oval (a face) in the
    upper middle, colours from seed."""
    bg = (40 + seed * 37 % 150, 80 + seed * 53 % 120, 160 + seed * 11 % 90)
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            dx, dy = (x - w / 2) / (w * 0.22), (y - h * 0.38) / (h * 0.2)
            row += bytes((235, 200, 170) if dx * dx + dy * dy <= 1 else bg)
        rows.append(bytes(row))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))
    with open(path, "wb") as f:
        f.write(data)


def person(i):
    """The i-th made-up name: unique, and never part of another."""
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES) + i) % len(GIVEN)] + \
        ("" if i < len(SURNAMES) * len(GIVEN) else str(i))


def edition(n, template=None):
    """An edition of n awardees: a tenth first tier, three tenths second."""
    ed = os.path.join(TMP, "ed%d%s" % (n, template or ""))
    os.makedirs(os.path.join(ed, "submissions"))
    os.makedirs(os.path.join(ed, "images"))
    names, tier_of = [], {}
    first, second = max(1, n // 10), max(1, 3 * n // 10)
    awards = []
    for i in range(n):
        sid = "p%03d" % (i + 1)
        name = person(i)
        names.append(name)
        tier = 0 if i < first else 1 if i < first + second else 2
        tier_of[name] = tier
        awards.append('    <award ref="%s" tier="%s"/>' % (sid, TIERS[tier][0]))
        size = [(72, 96), (96, 72), (80, 80)][i % 3]
        png(os.path.join(ed, "images", sid + ".png"), size[0], size[1], i)
        abstract = ("<abstract><para>%s同志扎根%s多年，带领群众修路引水、兴办合作社，"
                    "把一个落后村建成了远近闻名的示范村。他常说：群众的事再小也是大事。"
                    "多年来走访农户上千次，调解纠纷数百起，被群众亲切地称为“贴心人”。</para></abstract>"
                    % (name, UNITS[i % len(UNITS)]))
        with open(os.path.join(ed, "submissions", sid + ".xml"), "w", encoding="utf-8") as f:
            f.write("""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="%s" xml:lang="zh-CN">
  <info>
    <title>默默奉献的人</title>
    <author>
      <personname>%s</personname>
      <affiliation><jobtitle>干部</jobtitle><orgname>%s</orgname></affiliation>
    </author>
    <date>2021-05-10</date>
    <cover><mediaobject><imageobject><imagedata fileref="images/%s.png"/></imageobject></mediaobject></cover>
    <subjectset scheme="category"><subject><subjectterm>新典型</subjectterm></subject></subjectset>
    <bibliomisc role="recommender">云岭县委组织部</bibliomisc>
    %s
  </info>
  <para>扎根基层，服务群众。</para>
</article>
""" % (sid, name, UNITS[i % len(UNITS)], sid, abstract))
    poster = '<poster template="%s"/>' % template if template else ""
    with open(os.path.join(ed, "campaign.xml"), "w", encoding="utf-8") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<campaign year="2021" xml:lang="zh-CN">
  <name>最美基层干部评选活动</name>
  <area>云岭县</area>
  <organizer>云岭县评选活动领导小组</organizer>
  <window start="2021-03-01" end="2021-10-31"/>
  <rules max-chars="1500" photo="optional" recommender="required"/>
  <tiers>
    <tier id="first" name="一等奖"/>
    <tier id="second" name="二等奖"/>
    <tier id="third" name="三等奖"/>
  </tiers>
  <order within-tier="stroke"/>
  <results>
%s
  </results>
  <compendium><title>事迹汇编</title></compendium>
  %s
</campaign>
""" % ("\n".join(awards), poster))
    return ed, names, tier_of


def words(pdf):
    """Per page: (width, height, [(text, x0, y0, x1, y1)])."""
    html = run("pdftotext", "-bbox", pdf, "-").stdout
    pages = []
    for m in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        ws = [(w[4], float(w[0]), float(w[1]), float(w[2]), float(w[3])) for w in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            m.group(3))]
        pages.append((float(m.group(1)), float(m.group(2)), ws))
    return pages


def trace_pages(path):
    """The trace's pages as lists of lines."""
    pages = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("page "):
                pages.append([])
            elif pages:
                pages[-1].append(line.rstrip("\n"))
    return pages


def cells(page_lines):
    """The cells of a trace page: fills in the cell colour."""
    out = []
    for ln in page_lines:
        m = re.match(r"  fill x=([\d.]+) y=([\d.]+) w=([\d.]+) h=([\d.]+) color=cmyk\(0,0,0.03,0\)$", ln)
        if m:
            x, y, w, h = map(float, m.groups())
            out.append((x, y, x + w, y + h))
    return out


def golden(made, name):
    want = os.path.join(EXPECTED, name)
    if os.environ.get("HUIBIAN_REGEN") == "1":
        shutil.copy(made, want)
        print("regenerated", want)
    with open(made, encoding="utf-8") as f:
        got = f.read()
    ok = os.path.exists(want) and open(want, encoding="utf-8").read() == got
    if not ok:
        print(run("diff", "-u", want, made).stdout[:3000])
    check(ok, "%s matches the golden trace %s (if the change is intended: HUIBIAN_REGEN=1)" % (made, want))


def check_poster(out, names, tier_of, sheets_wanted):
    pdf = os.path.join(out, "poster.pdf")
    pages = words(pdf)
    tpages = trace_pages(os.path.join(out, "poster.trace"))
    check(len(pages) == sheets_wanted, "%d sheet(s), got %d" % (sheets_wanted, len(pages)))
    seen = {n: [] for n in names}
    for k, (W, H, ws) in enumerate(pages):
        cs = cells(tpages[k]) if k < len(tpages) else []
        outside = [w for w in ws if w[1] < -0.01 or w[2] < -0.01 or w[3] > W + 0.01 or w[4] > H + 0.01]
        check(not outside, "no text outside sheet %d: %s" % (k + 1, outside[:3]))
        for w in ws:
            if w[0] in seen:
                inside = any(c[0] <= w[1] and w[3] <= c[2] and c[1] <= w[2] and w[4] <= c[3] for c in cs)
                seen[w[0]].append((k, inside, w[4] - w[2]))
    once = [n for n in names if len(seen[n]) == 1]
    check(len(once) == len(names), "every name exactly once: %s" %
          [(n, len(seen[n])) for n in names if len(seen[n]) != 1][:5])
    check(all(seen[n][0][1] for n in once), "every name inside its cell: %s" %
          [n for n in once if not seen[n][0][1]][:5])
    # pdftotext's box is the font's height: about the size
    small = [(n, seen[n][0][2]) for n in once if seen[n][0][2] < NAME_MIN * 0.95]
    check(not small, "no name set below %g pt: %s" % (NAME_MIN, small[:5]))
    # the photos: one each, aspect kept (the same resolution across and down)
    lst = run("pdfimages", "-list", pdf).stdout.splitlines()[2:]
    check(len(lst) == len(names), "one photo per awardee: %d images for %d" % (len(lst), len(names)))
    skew = [ln for ln in lst if abs(int(ln.split()[12]) - int(ln.split()[13])) > 1]
    check(not skew, "every photo drawn with its aspect kept: %s" % skew[:3])
    return pages


def check_tiles(out, poster_pages):
    tiles = trace_pages(os.path.join(out, "poster-tiles.trace"))
    twords = words(os.path.join(out, "poster-tiles.pdf"))
    places = []
    sheet = -1  # each sheet's tiles follow its assembly map (a page placing nothing)
    for k, lines in enumerate(tiles):
        if not any(ln.startswith("  place ") for ln in lines):
            sheet += 1
        for ln in lines:
            m = re.match(r"  place ([\d.]+)x([\d.]+) dx=(-?[\d.]+) dy=(-?[\d.]+) window x=([\d.]+) "
                         r"y=([\d.]+) w=([\d.]+) h=([\d.]+)$", ln)
            if m:
                places.append((k, sheet, tuple(map(float, m.groups()))))
    check(len(places) >= 2, "the poster is tiled onto several sheets: %d" % len(places))
    if not places:
        return
    # each window shows the poster from (wx - dx, wy - dy); the windows cover
    # it, neighbours overlapping by the template's 10 mm
    shown = sorted((round(p[4] - p[2], 2), round(p[5] - p[3], 2), p[6], p[7]) for _, sh, p in places if sh == 0)
    xs = sorted({s[0] for s in shown})
    ys = sorted({s[1] for s in shown})
    PW, PH = places[0][2][0], places[0][2][1]
    check(xs[0] == 0 and ys[0] == 0, "the first tile starts at the poster's corner")
    for (x0, y0, w, h) in shown:
        nx = [x for x in xs if x > x0]
        if nx:
            check(abs(x0 + w - 10 * MM - nx[0]) < 0.1 * MM, "tiles overlap 10 mm across: %g + %g -> %g" % (x0, w, nx[0]))
        else:
            check(abs(x0 + w - PW) < 0.1 * MM, "the last column reaches the poster's edge")
        ny = [y for y in ys if y > y0]
        if ny:
            check(abs(y0 + h - 10 * MM - ny[0]) < 0.1 * MM, "tiles overlap 10 mm down")
        else:
            check(abs(y0 + h - PH) < 0.1 * MM, "the last row reaches the poster's foot")
    # every word a tile shows whole is where the poster has it, moved by the offset
    pwords = [{} for _ in poster_pages]
    for i, page in enumerate(poster_pages):
        for w in page[2]:
            pwords[i].setdefault(w[0], []).append(w[1:])
    matched = missed = 0
    for k, sh, (_, _, dx, dy, wx, wy, ww, wh) in places:
        for w in twords[k][2]:
            if not (wx <= w[1] and w[3] <= wx + ww and wy <= w[2] and w[4] <= wy + wh):
                continue
            want = (w[1] - dx, w[2] - dy, w[3] - dx, w[4] - dy)
            if any(all(abs(a - b) < 0.1 * MM for a, b in zip(want, p)) for p in pwords[sh].get(w[0], [])):
                matched += 1
            else:
                missed += 1
                if missed < 4:
                    print("tile %d word %s at %s not on the poster" % (k + 1, w[0], want))
    check(matched > 0 and missed == 0, "the tiles' words line up with the poster's within 0.1 mm: "
          "%d matched, %d not" % (matched, missed))


for n in (5, 37, 150):
    ed, names, tier_of = edition(n)
    out = os.path.join(TMP, "out%d" % n)
    # the boards for 5, the tiles for 5 and 37 (each tile draws the whole
    # sheet under its window: reading 150's back is slow and proves no more)
    args = ["--only", "poster,boards" if n == 5 else "poster", "--trace"] + (["--tile", "A4"] if n < 150 else [])
    r = run(BIN, "build", ed, "-o", out, *args)
    check(r.returncode == 0, "build of %d: status %d\n%s" % (n, r.returncode, r.stderr[-2000:]))
    if r.returncode != 0:
        continue
    check("runs onto" not in r.stderr, "%d awardees fit one A1 sheet" % n)
    golden(os.path.join(out, "poster.trace"), "expected-%d.trace" % n)
    pages = check_poster(out, names, tier_of, 1)
    if n < 150:
        check_tiles(out, pages)
    if n != 5:
        continue
    # the manifest holds what made the poster: its template, the fonts, the photos
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        manifest = f.read()
    check("poster-a1.xml" in manifest and "fonts.conf" in manifest and "images/p001.png" in manifest,
          "the manifest lists the poster template, the fonts and the photos")
    r = run(BIN, "verify", out)
    check(r.returncode == 0, "verify passes: %s" % r.stderr[-500:])
    boards = words(os.path.join(out, "boards.pdf"))
    check(len(boards) == n, "one board per awardee: %d" % len(boards))
    on_board = [[w[0] for w in b[2] if w[0] in names] for b in boards]
    check(all(len(b) == 1 for b in on_board) and sorted(sum(on_board, [])) == sorted(names),
          "each board names one awardee, each awardee on one board: %s" % on_board)
    text = run("pdftotext", os.path.join(out, "boards.pdf"), "-").stdout
    check("多年来走访农户" in re.sub(r"\s+", "", text), "the boards carry the short version")
    golden(os.path.join(out, "boards.trace"), "expected-boards-5.trace")

# Boards without a short version: one note for all of them, naming the first
# five, not a line per board (an edition of hundreds would bury the output).
ed, names, tier_of = edition(12)
for fn in os.listdir(os.path.join(ed, "submissions")):
    path = os.path.join(ed, "submissions", fn)
    with open(path, encoding="utf-8") as f:
        xml = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(re.sub(r"<abstract>.*?</abstract>", "", xml, flags=re.S))
r = run(BIN, "build", ed, "-o", os.path.join(TMP, "bare"), "--only", "boards")
notes = [l for l in r.stderr.splitlines() if "abstract" in l]
check(r.returncode == 0 and len(notes) == 1 and "12 boards show no short version" in notes[0]
      and notes[0].count("\u3001") == 4 and "\u2026" in notes[0],
      "one note for the boards without a short version: %s" % notes)

# A second photo marked role="portrait" is the one the poster shows; a
# letterbox template shows whole photos, unclipped; a colour over 300 % ink
# is refused with the template's line.
ed, names, tier_of = edition(5, "poster-lb")
png(os.path.join(ed, "images", "portrait.png"), 90, 120, 99)
sub = os.path.join(ed, "submissions", "p001.xml")
with open(sub, encoding="utf-8") as f:
    text = f.read()
with open(sub, "w", encoding="utf-8") as f:
    f.write(text.replace("</mediaobject></cover>", '</mediaobject><mediaobject role="portrait"><imageobject>'
                         '<imagedata fileref="images/portrait.png"/></imageobject></mediaobject></cover>'))
os.makedirs(os.path.join(ed, "templates"))
with open(os.path.join(SRC, "templates", "poster-a1.xml"), encoding="utf-8") as f:
    a1 = f.read()
with open(os.path.join(ed, "templates", "poster-lb.xml"), "w", encoding="utf-8") as f:
    f.write(a1.replace('photo="crop"', 'photo="letterbox"'))
out = os.path.join(TMP, "out-lb")
r = run(BIN, "build", ed, "-o", out, "--only", "poster", "--trace")
check(r.returncode == 0, "build with a portrait and letterboxed photos: %d\n%s" % (r.returncode, r.stderr[-1500:]))
if r.returncode == 0:
    sizes = [tuple(ln.split()[3:5]) for ln in run("pdfimages", "-list", os.path.join(out, "poster.pdf")).stdout.splitlines()[2:]]
    # p001 and p004 have 72 x 96 photos: only p004's is on the poster
    check(("90", "120") in sizes and sizes.count(("72", "96")) == 1,
          "the poster shows p001's portrait (90 x 120), not its photo (72 x 96): %s" % sizes)
    with open(os.path.join(out, "poster.trace"), encoding="utf-8") as f:
        imgs = [ln for ln in f if ln.startswith("  image ")]
    check(len(imgs) == 5 and not any("clip=" in ln for ln in imgs), "letterboxed photos are not clipped: %s" % imgs)
    check_poster(out, names, tier_of, 1)
with open(os.path.join(ed, "templates", "poster-lb.xml"), "w", encoding="utf-8") as f:
    f.write(a1.replace('ground="0 4 12 0"', 'ground="100 100 100 100"'))
r = run(BIN, "build", ed, "-o", os.path.join(TMP, "out-ink"), "--only", "poster")
check(r.returncode == 2 and "poster-lb.xml:" in r.stderr and "300" in r.stderr,
      "a colour of 400 %% ink is refused: %d\n%s" % (r.returncode, r.stderr[-800:]))

# 150 on an A3 sheet: the names would fall below 14 pt, so two sheets, said.
ed, names, tier_of = edition(150, "poster-a3")
with open(os.path.join(SRC, "templates", "poster-a1.xml"), encoding="utf-8") as f:
    a3 = f.read().replace('<page size="A1"/>', '<page size="A3"/>')
os.makedirs(os.path.join(ed, "templates"))
with open(os.path.join(ed, "templates", "poster-a3.xml"), "w", encoding="utf-8") as f:
    f.write(a3)
out = os.path.join(TMP, "out-a3")
r = run(BIN, "build", ed, "-o", out, "--only", "poster", "--trace")
check(r.returncode == 0, "build on A3: status %d\n%s" % (r.returncode, r.stderr[-2000:]))
if r.returncode == 0:
    check("runs onto" in r.stderr, "a note says the poster runs onto more sheets:\n%s" % r.stderr[-800:])
    sheets = len(words(os.path.join(out, "poster.pdf")))
    check(sheets >= 2, "150 awardees on A3 take more than one sheet: %d" % sheets)
    check_poster(out, names, tier_of, sheets)

sys.exit(summary())
