"""All the content of real deeds in one edition, read back from the PDFs
(issue 15's proof). A fictional edition of four submissions, each running
several pages, uses them together: an editor's note and an epigraph, three
heading levels, many footnotes, a table with a header row and merged cells
that breaks over a page inside a section three deep, a small table on the
page of a footnote, two figures with captions (one right after a heading),
two 落款 with their dates, a section's subtitle, a submission of two
persons, abstracts, and per-person certificates. It is built with each
compendium template, and:

- check finds nothing wrong in it;
- pdftotext -bbox with the --trace's image and rule positions: each caption
  on its photo's page, under it and centred on it; each footnote on its
  mark's page, below all the body text; each 落款 line's right edge four
  body cells in from the right margin, the date under the signature; every
  table cell inside its table's rules in reading order, the header row again
  on each page the table continues on; the contents entry of the two persons
  joined by one ideographic space;
- pdftohtml -xml: the three heading levels in three fonts; a section's subtitle
  in 楷体, on the line under its heading;
- the certificates: one page per person, the two persons' numbered -1 and
  -2, report.json listing both numbers, and certificates --only with their
  submission's id making both."""
import html
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, png, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-content-all")
MM = 72 / 25.4
CIRCLED = [chr(0x2460 + i) for i in range(20)]

CAMPAIGN = """<?xml version="1.0" encoding="UTF-8"?>
<campaign year="2022" xml:lang="zh-CN">
  <name>云岭乡村振兴先进典型评选</name>
  <area>云岭县</area>
  <organizer>云岭县评选活动领导小组</organizer>
  <window start="2022-01-01" end="2022-12-31"/>
  <rules max-chars="0" photo="optional" recommender="optional" summary-chars="300"/>
  <tiers><tier id="first" name="一等奖"/><tier id="second" name="二等奖"/></tiers>
  <order within-tier="date"/>
  <results>
    <award ref="c1" tier="first"/><award ref="c2" tier="first"/>
    <award ref="c3" tier="second"/><award ref="c4" tier="second"/>
  </results>
  <compendium template="TEMPLATE"><title>云岭山乡的带头人</title></compendium>
  <certificate template="certificate-a4-landscape" per-person="yes">
    <title>荣誉证书</title>
    <text>{name}同志：在{area}{campaign}中表现突出，荣获{tier}。特发此证，以资鼓励。</text>
    <issuer>中共云岭县委　云岭县人民政府</issuer>
    <date>2022-12-20</date>
    <number format="{year}-{tier-no}-{seq:03}"/>
  </certificate>
</campaign>
"""

# --- the made-up deeds ------------------------------------------------------
PLACES = ["石门村", "上坪组", "老鹰岩", "水碾坝", "青冈林", "下河湾", "茶山坡", "三岔口", "竹林沟"]
DEEDS = ["修通了引水渠", "清理了蓄水池", "教会了老人用手机缴费", "组织了护林队",
         "建起了茶叶加工坊", "补齐了路灯", "调解了两家的宅基地纠纷", "办起了夜校"]
notes = iter(f"第{k + 1}条注释：{text}" for k, text in enumerate(
    ["当地人对山间小块平地的叫法。", "村民小组的简称。", "每年农历三月前后。", "县水务局二〇一八年的项目。",
     "一种本地的高山绿茶。", "村里自己定的规矩。", "乡里的农技推广站。", "由返乡青年发起。",
     "村委会的会议记录。", "县里的一项补贴。", "当年的统计数字。", "邻村的一位老党员。",
     "县农商银行的小额贷款。", "云岭方言，意思是“能干”。", "二〇二〇年建成。", "村里的老井。",
     "每周三晚上。", "乡卫生院的巡诊日。", "山上的一条防火道。", "一种竹编的背篓。",
     "县文化馆的培训班。", "每户一张明白卡。", "镇上的集日。", "村里的第一台拖拉机。"] * 3))
NOTES = {}  # submission id -> its footnotes' texts, in order


# each submission's own wording, so that no two bodies share passages (originality)
SAYS = {
    "c1": ("那一年，{who}带着大家{d}，从早忙到晚，一分钱补贴也不要。乡亲们起初不信，后来都跟着干，"
           "说{who}办事实在、说到做到。到了年底，{p}的面貌变了样，家家户户都说日子有了奔头。"),
    "c2": ("{who}天不亮就上山，先看茶树的长势，再{d}。山路陡，雨天更滑，背篓压得肩膀生疼，"
           "可{who}从没叫过一声苦。村里的年轻人看在眼里，一个接一个留了下来，{p}渐渐热闹起来。"),
    "c3": ("为了这件事，{who}翻过两道山梁去找人商量，终于{d}。孩子们放学后围着{who}问这问那，"
           "家长们也常常送来自家种的菜。{who}总说，{p}的娃娃和城里的一样聪明，只是缺一个机会。"),
    "c4": ("合作社开会时，{who}把账本摊在桌上，一笔一笔讲清楚，随后{d}。社员们心里有了底，"
           "干劲也足了。{p}的茶叶从前论斤卖给贩子，如今贴上自己的牌子，价钱翻了几倍。"),
}


def para(sid, i, who, note=False):
    """A paragraph of made-up deeds; with a footnote after its place name."""
    p, d = PLACES[i % len(PLACES)], DEEDS[(3 * i + 1) % len(DEEDS)]
    mark = ""
    if note:
        text = next(notes)
        NOTES.setdefault(sid, []).append(text)
        mark = f"<footnote><para>{text}</para></footnote>"
    return f"<para>第{i + 1}件事发生在{p}{mark}。" + SAYS[sid].format(who=who, d=d, p=p) + "</para>"


def paras(sid, start, n, who, every=3):
    return [para(sid, start + i, who, (start + i) % every == 0) for i in range(n)]


def figure(fileref, caption):
    return (f"<figure><title>{caption}</title><mediaobject><imageobject>"
            f"<imagedata fileref=\"images/{fileref}\"/></imageobject></mediaobject></figure>")


def table(title, head, body_rows):
    """A CALS table: head is the header row's texts, body_rows rows of
    entry markup."""
    cols = len(head)
    return (f"<table><title>{title}</title><tgroup cols=\"{cols}\">"
            + "".join(f"<colspec colname=\"c{k + 1}\"/>" for k in range(cols))
            + "<thead><row>" + "".join(f"<entry>{h}</entry>" for h in head) + "</row></thead><tbody>"
            + "".join(f"<row>{r}</row>" for r in body_rows) + "</tbody></tgroup></table>")


# the long table (c1): a row spanning two columns and a cell spanning two rows
HEAD1 = ["年份", "工程", "受益户"]
YEARS = ["二〇%s年" % "一二三四五六七八九"[i % 9] + "第%d段" % (i + 1) for i in range(26)]
ROWS1 = (['<entry morerows="1">起步</entry><entry namest="c2" nameend="c3">成立用水协会</entry>',
          "<entry>水渠</entry><entry>9户</entry>"]
         + [f"<entry>{y}</entry><entry>渠道{i + 2}百米</entry><entry>{20 + i}户</entry>"
            for i, y in enumerate(YEARS)])
WANT1 = HEAD1 + ["起步", "成立用水协会", "水渠", "9户"]
for i, y in enumerate(YEARS):
    WANT1 += [y, f"渠道{i + 2}百米", f"{20 + i}户"]
# the small table (c3), on the page of a footnote
HEAD3 = ["学期", "学生", "课时"]
ROWS3 = [f"<entry>第{k + 1}学期</entry><entry>{30 + k}人</entry><entry>{60 + 4 * k}节</entry>" for k in range(4)]
WANT3 = HEAD3 + sum(([f"第{k + 1}学期", f"{30 + k}人", f"{60 + 4 * k}节"] for k in range(4)), [])

CAPTIONS = {"qudao.png": "图为赵德明在水碾坝查看新修的水渠", "ketang.png": "图为刘春燕在教学点给孩子们上课"}
SIGNS = {"c1": ("中共云岭县石门乡委员会", "2022年6月18日"), "c4": ("云岭县竹林沟村党支部", "2022年7月2日")}
FATHER, DAUGHTER = "陈守田", "陈小满"
SECTION_SUB = "——记教学点的毕业生们"


def article(sid, title, persons, unit, date, body, abstract):
    authors = "".join(
        f"<author><personname>{p}</personname>"
        + (f"<affiliation><orgname>{unit}</orgname></affiliation>" if k == 0 else "") + "</author>"
        for k, p in enumerate(persons))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="{sid}" xml:lang="zh-CN">
  <info>
    <title>{title}</title>
    {authors}
    <date>{date}</date>
    <subjectset scheme="category"><subject><subjectterm>新典型</subjectterm></subject></subjectset>
    <abstract><para>{abstract}</para></abstract>
  </info>
{body}
</article>
"""


def signature(sid):
    sign, date = SIGNS[sid]
    return f'<para role="signature">{sign}</para><para role="date">{date}</para>'


W1 = "赵德明"
body1 = "\n".join([
    '<note role="editor"><title>编者按</title><para>石门村缺水多年。本文记述一位老支书带领乡亲引水修渠的经过。</para></note>',
    "<epigraph><para>他把一条水渠修进了山里，也修进了乡亲们的心里。</para></epigraph>",
    *paras("c1", 0, 2, W1),
    "<section><title>一、山里缺水的日子</title>", *paras("c1", 2, 6, W1),
    "<section><title>（一）用水协会的成立</title>", *paras("c1", 8, 5, W1),
    "<section><title>1.一段一段地修</title>", *paras("c1", 13, 3, W1),
    table("石门村引水工程", HEAD1, ROWS1), *paras("c1", 16, 3, W1),
    "</section></section>",
    "<section><title>（二）水到了家门口</title>", *paras("c1", 19, 5, W1),
    "</section></section>",
    signature("c1"),
])
body2 = "\n".join([
    *paras("c2", 0, 3, FATHER, every=2),
    "<section><title>一、父亲的茶园</title>", *paras("c2", 3, 6, FATHER, every=2), "</section>",
    "<section><title>二、女儿回来了</title>", *paras("c2", 9, 7, DAUGHTER, every=2), "</section>",
])
W3 = "刘春燕"
body3 = "\n".join([
    *paras("c3", 0, 2, W3),
    "<section><title>一、流动的课堂</title>",
    figure("ketang.png", CAPTIONS["ketang.png"]),
    *paras("c3", 2, 5, W3),
    "<section><title>（一）一学期一学期地教</title>",
    para("c3", 7, W3, True),
    table("教学点的课时", HEAD3, ROWS3),
    *paras("c3", 8, 6, W3),
    "</section></section>",
    f"<section><title>二、孩子们走出了大山</title><subtitle>{SECTION_SUB}</subtitle>", *paras("c3", 14, 6, W3), "</section>",
])
W4 = "周建华"
body4 = "\n".join([
    *paras("c4", 0, 2, W4),
    "<section><title>一、茶叶合作社</title>", *paras("c4", 2, 6, W4),
    figure("qudao.png", CAPTIONS["qudao.png"]),
    *paras("c4", 8, 4, W4), "</section>",
    "<section><title>二、竹林沟的新路</title>",
    "<section><title>（一）修路</title>", *paras("c4", 12, 4, W4), "</section>",
    "<section><title>（二）办厂</title>", *paras("c4", 16, 4, W4), "</section>",
    "</section>",
    signature("c4"),
])
SUBS = {
    "c1": article("c1", "石门村的守水人", [W1], "云岭县石门村村民委员会", "2022-06-18", body1,
                  "带领乡亲用六年修通十二公里引水渠，让石门村告别了缺水的日子。"),
    "c2": article("c2", "父女接力守茶山", [FATHER, DAUGHTER], "云岭县上坪茶场", "2022-06-20", body2,
                  "父亲守了三十年茶山，女儿大学毕业回乡，把茶叶卖到了山外。"),
    "c3": article("c3", "山路上的流动课堂", [W3], "云岭县老鹰岩教学点", "2022-06-25", body3,
                  "在没有学校的山村教了十五年书，送四十多个孩子走出大山。"),
    "c4": article("c4", "竹林沟的茶香", [W4], "云岭县竹林沟茶叶专业合作社", "2022-07-02", body4,
                  "办起茶叶合作社，修通竹林沟的产业路，全村人均收入翻了一番。"),
}
HEADINGS = ["一、山里缺水的日子", "（一）用水协会的成立", "1.一段一段地修"]


def make_edition(template):
    ed = os.path.join(TMP, template, "edition")
    os.makedirs(os.path.join(ed, "submissions"))
    os.makedirs(os.path.join(ed, "images"))
    with open(os.path.join(ed, "campaign.xml"), "w", encoding="utf-8") as f:
        f.write(CAMPAIGN.replace("TEMPLATE", template))
    for sid, text in SUBS.items():
        with open(os.path.join(ed, "submissions", sid + ".xml"), "w", encoding="utf-8") as f:
            f.write(text)
    png(os.path.join(ed, "images", "qudao.png"), 2000, 1200)  # 300 dpi and more on either measure
    png(os.path.join(ed, "images", "ketang.png"), 2100, 1575)
    return ed


# --- reading the PDFs back --------------------------------------------------
def words_of(pdf):
    """Per page, its words (xMin, yMin, xMax, yMax, text)."""
    r = run("pdftotext", "-bbox", pdf, "-")
    return [[(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
              html.unescape(m.group(5)))
             for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                                  r'yMax="([\d.]+)">([^<]*)</word>', part)]
            for part in r.stdout.split("<page ")[1:]]


def lines_of(words):
    """Words joined into lines [x0, y0, x1, y1, text], top to bottom: Han and
    digits sit a little apart vertically, so a word within 4 pt of a line's
    top joins it."""
    groups = []
    for w in sorted(words, key=lambda w: (w[1], w[0])):
        g = next((g for g in groups if abs(g[0][1] - w[1]) < 4), None)
        if g:
            g.append(w)
        else:
            groups.append([w])
    return [[min(w[0] for w in g), min(w[1] for w in g), max(w[2] for w in g), max(w[3] for w in g),
             "".join(w[4] for w in sorted(g))] for g in groups]


def trace_of(path):
    """Per page number (from 1): its images (x, y, w, h) and its hairline
    rules (x0, y0, x1, y1), in the PDF's coordinates."""
    images, rules = {}, {}
    with open(path, encoding="utf-8") as f:
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
    return images, rules


def note_mark(text):
    """The mark a footnote line starts with (①), and the rest, or None."""
    m = re.match(r"([\u2460-\u2473])[\u3000 ]*(第\d+条注释：.+)", text)
    return (m.group(1), m.group(2)) if m else None


def ideographic_gaps(pages, first, second):
    """On which pages the word first is followed on its line by second, with
    the gap over the width of one of first's characters (an ideographic
    space is one character wide; pdftotext gives it as a space)."""
    found = []
    for page, words in enumerate(pages):
        for x0, y0, x1, _, t in words:
            after = [w[0] for w in words if w[4].startswith(second) and abs(w[1] - y0) < 2 and w[0] >= x1]
            if t == first and after:
                found.append((page, (min(after) - x1) / ((x1 - x0) / len(first))))
    return found


def check_captions(label, pages, images):
    for caption in CAPTIONS.values():
        cap = [(i + 1, ln) for i, ws in enumerate(pages) for ln in lines_of(ws) if ln[4] == caption]
        if not check(len(cap) == 1, f"{label}: the caption {caption} once: {cap}"):
            continue
        pno, (x0, y0, x1, _, _) = cap[0]
        above = [im for im in images.get(pno, []) if im[1] + im[3] < y0]
        if not check(above, f"{label}: a photo above the caption on its page {pno}: {images.get(pno)}"):
            continue
        ix, iy, iw, ih = max(above, key=lambda im: im[1] + im[3])
        check(y0 - (iy + ih) < 30, f"{label}: {caption} right under its photo: {y0 - (iy + ih):.1f} pt")
        check(abs((x0 + x1) / 2 - (ix + iw / 2)) < 2,
              f"{label}: {caption} centred on its photo: {(x0 + x1) / 2:.1f} vs {ix + iw / 2:.1f}")


def check_footnotes(label, pages, body_pt):
    """Each footnote on its mark's page, below the body, numbered per article;
    returns how many marks stand in the last three body lines of a page."""
    seen, near_foot = [], 0
    for pno, words in enumerate(pages):
        lines = lines_of(words)
        notes_here = [ln for ln in lines if note_mark(ln[4])]
        body = [ln for ln in lines if ln not in notes_here and not re.fullmatch(r"[—\d\s]+", ln[4])
                and not any(note_mark(n[4]) and n[1] < ln[1] for n in notes_here)]
        for ln in notes_here:
            mark, text = note_mark(ln[4])
            seen.append(text)
            refs = [k for k, b in enumerate(body) if mark in b[4]]
            check(len(refs) == 1, f"{label} page {pno + 1}: the mark {mark} of '{text}' on the note's page: "
                                  f"{[body[k][4][:12] for k in refs]}")
            check(all(b[3] <= ln[1] + 0.5 for b in body),
                  f"{label} page {pno + 1}: note {mark} below the body ({ln[1]:.1f} vs "
                  f"{max(b[3] for b in body):.1f})")
            check(ln[3] - ln[1] < body_pt, f"{label} page {pno + 1}: note {mark} smaller than the body")
            near_foot += bool(refs) and refs[0] >= len(body) - 3
    want = [t for sid in sorted(NOTES) for t in NOTES[sid]]
    check(sorted(seen) == sorted(want) and len(seen) == len(want),
          f"{label}: every footnote once: {len(seen)} of {len(want)}; missing "
          f"{sorted(set(want) - set(seen))[:3]}")
    return near_foot


def check_marks_per_article(label, pdf):
    """The marks restart at ① in each article: the notes' marks, in page
    order, are ①② … per submission."""
    pages = words_of(pdf)
    marks = [note_mark(ln[4]) for ws in pages for ln in lines_of(ws)]
    got = [m for m in marks if m]
    want = [(CIRCLED[k], t) for sid in sorted(NOTES, key=lambda s: order.index(s))
            for k, t in enumerate(NOTES[sid])]
    check(got == want, f"{label}: the notes numbered per article, in order: {got[:3]} ...")


def check_signatures(label, pages, page_w, margins, mirror, body_pt):
    for sid, (sign, date) in SIGNS.items():
        at = {}
        for text in (sign, date):
            at[text] = [(i, ln) for i, ws in enumerate(pages) for ln in lines_of(ws) if ln[4] == text]
        if not check(len(at[sign]) == 1 and len(at[date]) == 1, f"{label}: {sid}'s 落款 once: {at}"):
            continue
        (sp, s), (dp, d) = at[sign][0], at[date][0]
        check(sp == dp, f"{label}: {sid}'s signature and date on one page: {sp + 1} {dp + 1}")
        check(d[1] > s[3] - 1, f"{label}: {sid}'s date under the signature: {s[1]:.1f} {d[1]:.1f}")
        # the right margin: the page's full lines of body text end there (the
        # measure is the grid's width, centred between the template's margins)
        inner, outer = margins
        right = page_w - (outer if not mirror or sp % 2 == 0 else inner)  # pdf page sp + 1 odd: recto
        # (the most common end: a last line may end past it by the blank half of its 。)
        ends = [round(ln[2], 1) for ln in lines_of(pages[sp]) if len(ln[4]) > 12]
        full = max(set(ends), key=ends.count) if ends else 0
        if not check(abs(full - right) < 2, f"{label}: page {sp + 1}'s full lines end at its right margin "
                                             f"{right:.1f}: {full:.1f}"):
            continue
        for what, ln in (("signature", s), ("date", d)):
            check(abs(full - 4 * body_pt - ln[2]) < 1.0,
                  f"{label}: {sid}'s {what} right edge four cells in from {full:.2f}: {ln[2]:.2f}")


def check_table(label, pages, rules, head, want):
    joined_head = "".join(head)
    tpages = [p for p in sorted(rules)
              if any(abs(r[1] - r[3]) < 0.01 and r[2] - r[0] > 100 for r in rules[p])
              and any(ln[4] == joined_head for ln in lines_of(pages[p - 1]))]
    if not check(tpages, f"{label}: the table {joined_head} is found"):
        return tpages
    got = []
    for p in tpages:
        vert = [r for r in rules[p] if abs(r[0] - r[2]) < 0.01]
        left, right = min(r[0] for r in vert), max(r[0] for r in vert)
        top = min(min(r[1], r[3]) for r in vert)
        foot = max(max(r[1], r[3]) for r in vert)
        cells = [w for w in pages[p - 1] if top - 1 < w[1] and w[3] < foot + 1]
        for x0, y0, x1, y1, t in cells:
            check(left < x0 and x1 < right and top < y0 and y1 < foot,
                  f"{label} page {p}: '{t}' inside the table's rules")
        text = [ln[4] for ln in lines_of(cells)]
        check(text[:1] == [joined_head], f"{label} page {p}: the header row first: {text[:1]}")
        got += text
    flat = "".join(got)
    check(flat.count(joined_head) == len(tpages), f"{label}: the header once per page of the table")
    flat = joined_head + flat.replace(joined_head, "")
    check(flat == "".join(want), f"{label}: every cell in order:\n got {flat}\nwant {''.join(want)}")
    return tpages


def heading_fonts(label, pdf):
    r = run("pdftohtml", "-xml", "-i", "-stdout", pdf)
    fonts = dict(re.findall(r'<fontspec id="(\d+)" size="[\d.]+" family="([^"]+)"', r.stdout))
    texts = [(fonts[f].split("+")[-1], html.unescape(t))
             for f, t in re.findall(r'<text [^>]*font="(\d+)"[^>]*>([^<]*)</text>', r.stdout)]

    def font_of(text):
        hits = [f for f, t in texts if text in t]
        return hits[0] if hits else None

    got = [font_of(h[-5:]) for h in HEADINGS]
    check(None not in got and len(set(got)) == 3, f"{label}: three heading levels, three fonts: {got}")
    check(font_of("一分钱补贴也不要") == got[2], f"{label}: the third level in the body's font")
    check(font_of("修进了乡亲们的心里") == got[1], f"{label}: the epigraph in 楷体")
    check(font_of("教学点的毕业生们") == got[1], f"{label}: a section's subtitle in 楷体")


# --- the builds ---------------------------------------------------------------
shutil.rmtree(TMP, ignore_errors=True)
TEMPLATES = {  # name: page width, (inner, outer) margins, mirrored, body size (the templates' own)
    "compendium-a4": (210 * MM, (28 * MM, 26 * MM), False, 15.75),
    "compendium-16k": (185 * MM, (22 * MM, 18 * MM), True, 12.0),
}
order = ["c1", "c2", "c3", "c4"]  # tiers, then dates
for template, (page_w, margins, mirror, body_pt) in TEMPLATES.items():
    ed = make_edition(template)
    r = run(BIN, "check", ed)
    check(r.returncode == 0 and "0 errors, 0 warnings" in r.stdout + r.stderr,
          f"{template}: check finds nothing: {r.stdout}{r.stderr}")
    out = os.path.join(TMP, template, "out")
    r = run(BIN, "build", ed, "-o", out, "--trace")
    if not check(r.returncode == 0, f"{template}: build: {r.stdout}{r.stderr}"):
        continue
    pdf = os.path.join(out, "compendium.pdf")
    pages = words_of(pdf)
    images, rules = trace_of(os.path.join(out, "compendium.trace"))
    check(len(pages) >= 14, f"{template}: the articles run several pages each: {len(pages)} pages")
    check_captions(template, pages, images)
    near_foot = check_footnotes(template, pages, body_pt)
    check(near_foot >= 1, f"{template}: a footnote's mark among the last lines of a page: {near_foot}")
    check_marks_per_article(template, pdf)
    check_signatures(template, pages, page_w, margins, mirror, body_pt)
    long_pages = check_table(template, pages, rules, HEAD1, WANT1)
    check(len(long_pages) >= 2, f"{template}: the long table runs over two pages: {long_pages}")
    small = check_table(template, pages, rules, HEAD3, WANT3)
    check(len(small) == 1 and any(note_mark(ln[4]) for ln in lines_of(pages[small[0] - 1])),
          f"{template}: the small table on one page, with a footnote: {small}")
    heading_fonts(template, pdf)
    # a section's subtitle: on the line under its heading, as far in
    lines = [ln for ws in pages for ln in lines_of(ws)]
    at = [k for k, ln in enumerate(lines) if ln[4] == "二、孩子们走出了大山"]
    check(len(at) == 1 and lines[at[0] + 1][4] == SECTION_SUB and abs(lines[at[0] + 1][0] - lines[at[0]][0]) < 0.5,
          f"{template}: the section's subtitle under its heading: {[lines[k + 1] for k in at]}")
    # the two persons: their contents entry and name line joined by U+3000
    toc = [i for i, ws in enumerate(pages) if any(ln[4] == "目录" for ln in lines_of(ws))]
    joined = ideographic_gaps(pages, FATHER, DAUGHTER)
    check(any(p in toc for p, _ in joined), f"{template}: the contents entry names both: {joined} {toc}")
    check(joined and all(abs(g - 1) < 0.15 for _, g in joined),
          f"{template}: joined by one ideographic space: {joined}")
    check(not any(FATHER + "、" in w[4] for ws in pages for w in ws), f"{template}: no names joined by 、")

    # the certificates: a page per person, the two persons' -1 and -2
    r = run("pdftotext", "-layout", os.path.join(out, "certificates.pdf"), "-")
    certs = [re.sub(r"[ \t\r\n]+", "", p) for p in r.stdout.split("\f") if p.strip()]
    names = [W1, FATHER, DAUGHTER, W3, W4]
    got = [next((n for n in names if n + "同志：" in c), None) for c in certs]
    check(got == names, f"{template}: a certificate per person, in order: {got}")
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        report = {s["id"]: s for s in json.load(f)["submissions"]}
    c2 = report.get("c2", {})
    check(c2.get("certificates") == ["2022-1-002-1", "2022-1-002-2"],
          f"{template}: report.json lists both persons' numbers: {c2.get('certificates')}")
    check(c2.get("certificate") == "2022-1-002-1", f"{template}: the first as certificate: {c2.get('certificate')}")
    check(report.get("c1", {}).get("certificates") == ["2022-1-001"],
          f"{template}: one number for one person: {report.get('c1', {}).get('certificates')}")
    if len(certs) == 5:
        check("2022-1-002-1" in certs[1] and "2022-1-002-2" in certs[2], f"{template}: the numbers -1 and -2")
    # certificates --only with the two persons' submission: both of theirs
    only = os.path.join(TMP, template, "only")
    r = run(BIN, "certificates", ed, "-o", only, "--only", "c2")
    check(r.returncode == 0, f"{template}: certificates --only c2: {r.stdout}{r.stderr}")
    r = run("pdftotext", "-layout", os.path.join(only, "certificates.pdf"), "-")
    got = [next((n for n in names if n + "同志：" in re.sub(r"\s+", "", c)), None)
           for c in r.stdout.split("\f") if c.strip()]
    check(got == [FATHER, DAUGHTER], f"{template}: --only c2 makes both persons' certificates: {got}")
sys.exit(summary())
