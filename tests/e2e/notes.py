"""Footnotes, heading levels and text set apart, read back from the PDF of a
small fictional edition in the compendium-a4 template.

- pdftotext -bbox: every footnote's text is on the page of its reference
  mark, below all the body text of that page, and smaller; the marks are
  numbered per article (the second article starts again at ①); with the
  template's <footnotes numbers="arabic"/> (the edition's own copy of
  compendium-a4) they read [1] [2] ….
- pdftohtml -xml (which names each text's font): the three heading levels
  are set in three different fonts, the third in the body's; the epigraph
  and the editor's note in the second level's 楷体 (docs/typography.md, E7,
  H1, H2)."""
import html
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-notes")
CIRCLED = [chr(0x2460 + i) for i in range(20)]

CAMPAIGN = """<?xml version="1.0" encoding="UTF-8"?>
<campaign year="2021" xml:lang="zh-CN">
  <name>白鹭河两岸先进事迹评选</name>
  <area>白鹭县</area>
  <organizer>白鹭县评选活动领导小组</organizer>
  <window start="2021-01-01" end="2021-12-31"/>
  <rules max-chars="20000" photo="optional" recommender="optional"/>
  <tiers><tier id="first" name="一等奖"/></tiers>
  <results><award ref="n1" tier="first"/><award ref="n2" tier="first"/></results>
  <compendium template="compendium-a4" candidates="no"><title>白鹭河畔</title></compendium>
</campaign>
"""

PLACES = ["东滩", "柳湾", "石桥", "芦苇荡", "北闸", "老渡口", "南堤", "杏花洲"]
DEEDS = ["清点鸟巢", "修补护栏", "劝走偷钓的人", "记下水位", "救起受伤的白鹭",
         "捡拾河面垃圾", "给学生讲湿地", "巡查夜间灯光"]
NOTES = ["当地人对河边浅滩的叫法。", "县湿地保护站的简称。", "每年三月至五月。",
         "一种常见的涉禽。", "二〇一九年县里修建的木栈道。", "村里的老规矩。",
         "河道管理员的巡查日志。", "由志愿者自发组成。"]


def para(i, note):
    """A paragraph of made-up deeds; with a footnote after its first place
    name when note is not None."""
    p, d = PLACES[i % len(PLACES)], DEEDS[(3 * i + 1) % len(DEEDS)]
    mark = f"<footnote><para>{note}</para></footnote>" if note else ""
    return (f"<para>第{i + 1}天清晨，孙晓燕沿着白鹭河走到{p}{mark}，先{d}，"
            f"再把看到的情况一笔一笔写进本子里。她说，河是大家的，"
            f"每个人多看一眼，白鹭就多一分安稳。中午她在{p}的树荫下吃几口干粮，"
            f"下午接着往下游走，直到太阳落山才回到站里。</para>")


def article(xml_id, title, name, body):
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="{xml_id}" xml:lang="zh-CN">
  <info>
    <title>{title}</title>
    <author><personname>{name}</personname><affiliation><orgname>白鹭县湿地保护站</orgname></affiliation></author>
    <date>2021-06-01</date>
    <subjectset scheme="category"><subject><subjectterm>新典型</subjectterm></subject></subjectset>
  </info>
{body}
</article>
"""


# article 1: an editor's note and an epigraph, then three heading levels and
# many paragraphs, every other one with a footnote, so that notes fall at
# every height of the page, page bottoms among them
paras1 = [para(i, NOTES[i // 2 % len(NOTES)] if i % 2 == 0 else None) for i in range(24)]
body1 = "\n".join([
    '<note role="editor"><title>编者按</title><para>白鹭河是县里的母亲河。本文记述一位普通巡河员的日常。</para></note>',
    "<epigraph><para>她把一条河走成了自己的家，把一群鸟当成了自己的孩子。</para></epigraph>",
    "<section><title>一、河边的脚印</title>",
    *paras1[:8],
    "<section><title>（一）春天的巡查</title>",
    *paras1[8:16],
    "<section><title>1.清晨出发</title>",
    *paras1[16:],
    "</section></section></section>",
])
body2 = "\n".join([para(i, "她的习惯。" if i == 1 else None) for i in range(3)])

shutil.rmtree(TMP, ignore_errors=True)
ed = os.path.join(TMP, "edition")
os.makedirs(os.path.join(ed, "submissions"))
with open(os.path.join(ed, "campaign.xml"), "w", encoding="utf-8") as f:
    f.write(CAMPAIGN)
with open(os.path.join(ed, "submissions", "n1.xml"), "w", encoding="utf-8") as f:
    f.write(article("n1", "白鹭守望者", "孙晓燕", body1))
with open(os.path.join(ed, "submissions", "n2.xml"), "w", encoding="utf-8") as f:
    f.write(article("n2", "河畔小记", "周明远", body2))
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out)
check(r.returncode == 0, f"build: {r.stdout}{r.stderr}")
pdf = os.path.join(out, "compendium.pdf")

# --- footnotes: pdftotext -bbox, words grouped into lines per page ----------
def page_lines(pdf):
    """Per page, its lines [top, bottom, text, height], top to bottom."""
    r = run("pdftotext", "-bbox", pdf, "-")
    pages = []
    for part in r.stdout.split("<page ")[1:]:
        lines = []
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', part):
            y0, y1, text = float(m.group(2)), float(m.group(4)), html.unescape(m.group(5))
            line = next((ln for ln in lines if abs(ln[0] - y0) < 3), None)
            if line:
                line[2] += text
                line[1] = max(line[1], y1)
            else:
                lines.append([y0, y1, text, y1 - y0])
        pages.append(sorted(lines))
    return pages


def note_mark(text):
    """The mark a note line starts with (① or [1]), or None."""
    m = re.match(r"(\[\d+\]|[\u2460-\u2473])[\u3000 ]*(.+)", text)
    return (m.group(1), m.group(2)) if m and len(m.group(2)) > 1 else None


pages = page_lines(pdf)
notes_seen = []  # (page, mark, text)
for pno, lines in enumerate(pages):
    note_lines = [ln for ln in lines if note_mark(ln[2])]
    body = [ln for ln in lines if ln not in note_lines and not re.fullmatch(r"[—\d\s]+", ln[2])]
    for ln in note_lines:
        mark, text = note_mark(ln[2])
        notes_seen.append((pno, mark, text))
        refs = [b for b in body if mark in b[2]]
        check(len(refs) == 1, f"page {pno + 1}: the reference {mark} of '{text}' on the note's page: {refs}")
        check(all(b[1] <= ln[0] + 0.5 for b in body),
              f"page {pno + 1}: note {mark} below the body text ({ln[0]:.1f} vs "
              f"{max(b[1] for b in body):.1f})")
        check(ln[3] < min(b[3] for b in body if len(b[2]) > 4) - 2,
              f"page {pno + 1}: note {mark} smaller than the text ({ln[3]:.1f})")
want1 = [(CIRCLED[k], NOTES[k % len(NOTES)]) for k in range(12)]
got = [(m, t) for _, m, t in notes_seen]
check(got == want1 + [(CIRCLED[0], "她的习惯。")],
      f"every note once, numbered per article: {got}")
check(len({p for p, _, _ in notes_seen}) >= 4, f"notes on several pages: {notes_seen}")

# --- the template's arabic numbers: the edition's own compendium-a4 ---------
with open(os.path.join(SRC, "templates", "compendium-a4.xml"), encoding="utf-8") as f:
    a4 = f.read()
check('numbers="circled"' in a4, "compendium-a4 has <footnotes numbers=...>")
os.makedirs(os.path.join(ed, "templates"))
with open(os.path.join(ed, "templates", "compendium-a4.xml"), "w", encoding="utf-8") as f:
    f.write(a4.replace('numbers="circled"', 'numbers="arabic"'))
out2 = os.path.join(TMP, "out-arabic")
r = run(BIN, "build", ed, "-o", out2)
check(r.returncode == 0, f"build with arabic numbers: {r.stdout}{r.stderr}")
seen2 = []
for pno, lines in enumerate(page_lines(os.path.join(out2, "compendium.pdf"))):
    for ln in lines:
        n = note_mark(ln[2])
        if n:
            seen2.append(n)
            check(any(n[0] in b[2] and b[0] < ln[0] for b in lines if b is not ln),
                  f"page {pno + 1}: the reference {n[0]} above its note")
check(seen2 == [(f"[{k + 1}]", t) for k, (_, t) in enumerate(want1)] + [("[1]", "她的习惯。")],
      f"arabic numbers, per article: {seen2}")

# --- fonts: pdftohtml -xml names the font of every text --------------------
r = run("pdftohtml", "-xml", "-i", "-stdout", pdf)
fonts = dict(re.findall(r'<fontspec id="(\d+)" size="[\d.]+" family="([^"]+)"', r.stdout))


def font_of(text):
    hits = [fonts[f].split("+")[-1] for f, t in
            re.findall(r'<text [^>]*font="(\d+)"[^>]*>([^<]*)</text>', r.stdout) if text in html.unescape(t)]
    return hits[0] if hits else None


h1, h2, h3 = font_of("河边的脚印"), font_of("春天的巡查"), font_of("清晨出发")
body_font = font_of("再把看到的情况")
check(None not in (h1, h2, h3, body_font), f"headings found: {h1} {h2} {h3} {body_font}")
check(len({h1, h2, h3}) == 3, f"three levels, three fonts: {h1} {h2} {h3}")
check(h3 == body_font, f"the third level in the body's font: {h3} {body_font}")
check(h1 != body_font, f"the first level not in the body's font: {h1}")
check(font_of("一群鸟当成了") == h2, f"the epigraph in 楷体, as the second level: {font_of('一群鸟当成了')}")
check(font_of("母亲河") == h2, f"the editor's note in 楷体: {font_of('母亲河')}")
check(font_of("编者按") == h1, f"编者按 in 黑体, as the first level: {font_of('编者按')}")
sys.exit(summary())
