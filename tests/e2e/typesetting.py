"""Typesetting rules of docs/typography.md asserted over the whole sample edition,
in both compendium templates: from the display list (the trace) that every
justified line is exactly the measure, every line sits on the grid, no line
starts or ends with a prohibited mark, no widow, orphan or heading at a page
bottom, full Han lines hold exactly the grid's characters; and from the PDF
(pdftotext -bbox) where the page numbers and running heads are."""
import html
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-typesetting")
NO_START = set("，。、；：？！）》」』”’〕］｝〉】〗·")
NO_END = set("（《「『“‘〔［｛〈【〖")
MM = 72 / 25.4


def geometry(name):
    t = ET.parse(os.path.join(SRC, "templates", name + ".xml")).getroot()
    page, marg, grid, typ = t.find("page"), t.find("margins"), t.find("grid"), t.find("type")
    g = {k: float(v) for k, v in marg.attrib.items() if k != "mirror"}
    g["mirror"] = marg.get("mirror") == "yes"
    g["w"], g["h"] = float(page.get("width")) * MM, float(page.get("height")) * MM
    g["chars"], g["lines"] = int(grid.get("chars")), int(grid.get("lines"))
    g["body"] = float(typ.get("body"))
    type_h = g["h"] - (g["top"] + g["bottom"]) * MM
    lead = float(typ.get("leading") or 0)
    g["pitch"] = lead if lead > 0 else (type_h - g["body"]) / (g["lines"] - 1)
    g["type_bottom"] = g["h"] - g["bottom"] * MM
    g["recto"] = t.find("recto-start") is not None and t.find("recto-start").get("enabled") == "yes"
    return g


def parse_trace(path):
    pages = []
    for line in open(path, encoding="utf-8"):
        m = re.match(r"^page (\d+) \((front|body) (\d+)\)", line)
        if m:
            pages.append({"front": m.group(2) == "front", "number": int(m.group(3)),
                          "lines": [], "paras": []})
            continue
        m = re.match(r"^  line y=(\S+) x=(\S+)\.\.(\S+) (.*)$", line)
        if m:
            pages[-1]["lines"].append((float(m.group(1)), float(m.group(2)), float(m.group(3)),
                                       m.group(4)))
            continue
        m = re.match(r"^  para k=(\d+) p=(\d+) (\d+)/(\d+) (\w+)( justified)? x=(\S+) y=(\S+) "
                     r"w=(\S+) right=(\S+)( .*)?$", line)
        if m:
            pages[-1]["paras"].append({
                "k": int(m.group(1)), "p": int(m.group(2)), "i": int(m.group(3)),
                "n": int(m.group(4)), "kind": m.group(5), "just": bool(m.group(6)),
                "x": float(m.group(7)), "y": float(m.group(8)), "w": float(m.group(9)),
                "right": float(m.group(10))})
    return pages


def check_edition(label, edition, template):
    g = geometry(template)
    out = os.path.join(TMP, label)
    r = run(BIN, "build", edition, "-o", out, "--trace")
    check(r.returncode == 0, label + ": build: " + r.stderr[-300:])
    pages = parse_trace(os.path.join(out, "compendium.trace"))
    text_at = {}
    just = offgrid = bad_start = bad_end = widows = orphans = headings = wrong_count = 0
    body_lines = 0
    for n, pg in enumerate(pages):
        for y, x0, x1, text in pg["lines"]:
            text_at[(n, round(y, 2))] = text  # per page: a table row elsewhere is no body line
        paras = pg["paras"]
        for pl in paras:
            if pl["just"]:
                just += 1
                if abs(pl["x"] + pl["w"] - pl["right"]) > 0.05:
                    print(label, "not justified:", pl)
                    check(False, "justified line exactly the measure")
            if pl["kind"] == "body":
                body_lines += 1
                k = (pl["y"] - 0.88 * g["body"] - g["top"] * MM) / g["pitch"]
                if abs(k - pl["k"]) > 0.001:
                    offgrid += 1
        for y, x0, x1, text in pg["lines"]:
            if text and text[0] in NO_START:
                bad_start += 1
            if text and text[-1] in NO_END:
                bad_end += 1
        body = [pl for pl in paras if pl["kind"] in ("body", "heading")]
        if body:
            first = min(body, key=lambda p: p["k"])
            last = max(body, key=lambda p: p["k"])
            if first["n"] >= 2 and first["i"] == first["n"] and first["k"] == min(p["k"] for p in paras):
                widows += 1
            if last["n"] >= 2 and last["i"] == 1 and last["k"] == max(p["k"] for p in paras):
                orphans += 1
            if last["kind"] == "heading" and last["k"] == max(p["k"] for p in paras):
                headings += 1
    # A justified body line of Han characters only holds exactly the grid's count.
    for n, pg in enumerate(pages):
        for pl in pg["paras"]:
            if pl["kind"] == "body" and pl["just"] and pl["i"] > 1:
                text = text_at.get((n, round(pl["y"], 2)), "")
                if text and all("\u4e00" <= c <= "\u9fff" for c in text) and len(text) != g["chars"]:
                    wrong_count += 1
    check(body_lines > 300, label + ": the trace lists body lines (%d)" % body_lines)
    check(just > 200, label + ": many justified lines (%d)" % just)
    check(offgrid == 0, label + ": %d body lines off the grid" % offgrid)
    check(bad_start == 0, label + ": %d lines start with a prohibited mark" % bad_start)
    check(bad_end == 0, label + ": %d lines end with a prohibited mark" % bad_end)
    check(widows == 0, label + ": %d widows" % widows)
    check(orphans == 0, label + ": %d orphans" % orphans)
    check(headings == 0, label + ": %d headings last on a page" % headings)
    check(wrong_count == 0, label + ": %d full Han lines without %d characters" % (wrong_count, g["chars"]))

    # From the PDF: page numbers and running heads.
    pdf = os.path.join(out, "compendium.pdf")
    bbox = run("pdftotext", "-bbox", pdf, "-").stdout
    folio_ok = head_ok = blank_ok = 0
    title = ET.parse(os.path.join(edition, "campaign.xml")).getroot().find("compendium/title").text
    for idx, page in enumerate(bbox.split("<page ")[1:]):
        words = [(float(a), float(b), float(c), float(d), html.unescape(w)) for a, b, c, d, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="([\d.]+)">(.*?)</word>', page)]
        pg = pages[idx]
        if not words:
            blank_ok += 1
            continue
        below = [w for w in words if w[1] > g["type_bottom"]]
        if idx == 0 or not below:
            continue  # the cover and part titles carry no folio
        num = "".join(w[4] for w in sorted(below))
        want = ("—%s—" % pg["number"]) if not pg["front"] else None
        if want is not None:
            check(num == want, label + ": page %d folio %r, want %r" % (idx + 1, num, want))
        x0 = min(w[0] for w in below)
        x1 = max(w[2] for w in below)
        odd = pg["number"] % 2 == 1
        inner = g["inner"] * MM
        left = inner if not g["mirror"] or odd else g["outer"] * MM
        measure = g["chars"] * g["body"]
        grid_left = left + ((g["w"] - (g["inner"] + g["outer"]) * MM) - measure) / 2
        if odd:
            ok = abs(x1 - (grid_left + measure - 14 if template.endswith("a4") else x1)) < 1.5
            ok = ok and x0 > g["w"] / 2
        else:
            ok = x0 < g["w"] / 2
        folio_ok += ok
        check(ok, label + ": page %d folio on the outside (odd right, even left)" % (idx + 1))
        dash_y = min(w[1] for w in below)
        check(g["type_bottom"] + 5 * MM < dash_y + 8 < g["type_bottom"] + 12 * MM,
              label + ": folio about 7 mm below the type area on page %d" % (idx + 1))
        above = [w for w in words if w[3] < g["top"] * MM]
        if above:
            head = "".join(w[4] for w in sorted(above))
            if not odd:
                head_ok += 1
                check(head == re.sub(r"\s", "", title), label + ": left page %d head is the title" % (idx + 1))
    check(folio_ok > 20, label + ": folios checked (%d)" % folio_ok)
    check(head_ok > 5, label + ": running heads checked (%d)" % head_ok)
    if g["recto"]:
        check(blank_ok > 0, label + ": blank left pages exist and carry nothing")
        for pg_idx, pg in enumerate(pages):
            starts = [pl for pl in pg["paras"] if pl["kind"] == "title"]
            if starts and not pg["front"]:
                check(pg["number"] % 2 == 1, label + ": article on page %d starts on a right-hand page"
                      % (pg_idx + 1))


shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
sample = os.path.join(SRC, "input", "2020")
check_edition("a4", sample, "compendium-a4")
ed16 = os.path.join(TMP, "edition-16k")
shutil.copytree(sample, ed16)
camp = os.path.join(ed16, "campaign.xml")
text = open(camp, encoding="utf-8").read()
open(camp, "w", encoding="utf-8").write(text.replace('template="compendium-a4"',
                                                     'template="compendium-16k"'))
check_edition("16k", ed16, "compendium-16k")
sys.exit(summary())
