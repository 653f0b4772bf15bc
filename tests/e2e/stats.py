"""End to end: the stats output and the campaign's <outputs>.

The sample edition (input/2020) lists stats in <outputs>: a plain build
writes stats.xlsx, stats.csv and stats-groups.csv beside the compendium, and
the manifest lists them. Their figures are recomputed here from the edition's
own XML (recommender or unit, date against the window, tier of each award,
category, <points>, the cap, the groups) and must agree cell for cell; the
xlsx's parts say what a spreadsheet needs (a frozen header row, column
widths, numbers as numbers, one sheet per table); a second build gives the
same bytes. An edge edition made from the certificate edition: only stats in
<outputs>, a tier without points, no cap, a group whose unit sent nothing, a
unit name with a comma and quotes (CSV quoting). --only overrides <outputs>;
an unknown name in <outputs> stops the build with a finding at its line.
check --stats writes the figures of an edition with errors, counting them."""
import csv
import io
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-stats")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
DB = "{http://docbook.org/ns/docbook}"


def expected(edition):
    """The two tables as the edition's XML says, computed independently:
    (header, rows) per table, rows as lists of strings."""
    camp = ET.parse(os.path.join(edition, "campaign.xml")).getroot()
    tiers = [(t.get("id"), t.get("name")) for t in camp.find("tiers")]
    award = {a.get("ref"): a.get("tier") for a in camp.iter("award")}
    win = camp.find("window")
    stats = camp.find("stats")
    points = {p.get("tier"): int(p.get("value")) for p in stats.iter("points")} if stats is not None else {}
    cap = int(stats.get("cap", "0")) if stats is not None else 0
    groups = [(g.get("name"), [u.text.strip() for u in g.iter("unit")])
              for g in (stats.iter("group") if stats is not None else [])]
    group_of = {u: name for name, units in groups for u in units}
    units = [u for _, us in groups for u in us]
    rows = {u: [0] * (6 + len(tiers)) for u in units}
    sub_dir = os.path.join(edition, "submissions")
    for f in sorted(os.listdir(sub_dir)):
        art = ET.parse(os.path.join(sub_dir, f)).getroot()
        info = art.find(DB + "info")
        rec = [b.text.strip() for b in info.iter(DB + "bibliomisc") if b.get("role") == "recommender"]
        org = [o.text.strip() for o in info.iter(DB + "orgname")]
        unit = rec[0] if rec and rec[0] else org[0]
        if unit not in rows:
            units.append(unit)
            rows[unit] = [0] * (6 + len(tiers))
        r = rows[unit]
        date = info.find(DB + "date").text.strip()
        r[0] += 1
        r[1] += win.get("start") <= date <= win.get("end")
        sid = art.get("{http://www.w3.org/XML/1998/namespace}id")
        if sid in award:
            r[3 + [t for t, _ in tiers].index(award[sid])] += 1
            cat = "".join(t.text or "" for t in info.iter(DB + "subjectterm"))
            r[3 + len(tiers)] += cat == "老典型"
            r[4 + len(tiers)] += cat != "老典型"
            r[5 + len(tiers)] += points.get(award[sid], 0)
    for r in rows.values():
        if cap:
            r[-1] = min(r[-1], cap)
    head = ["报送", "按时报送", "有错误"] + [n for _, n in tiers] + ["老典型", "新典型", "得分"]
    total = [sum(c) for c in zip(*rows.values())]
    unit_rows = [[u, group_of.get(u, u)] + [str(v) for v in rows[u]] for u in units]
    unit_rows.append(["合计", ""] + [str(v) for v in total])
    gnames = [g for g, _ in groups] + [u for u in units if u not in group_of]
    grows = []
    for g in gnames:
        members = [u for u in units if group_of.get(u, u) == g]
        sums = [sum(c) for c in zip(*[rows[u] for u in members])]
        grows.append([g, str(len(members))] + [str(v) for v in sums])
    grows.append(["合计", str(len(units))] + [str(v) for v in total])
    return [(["推荐单位", "乡镇（部门）"] + head, unit_rows), (["乡镇（部门）", "推荐单位数"] + head, grows)]


def read_csv(path):
    with open(path, "rb") as f:
        data = f.read()
    check(data.startswith(b"\xef\xbb\xbf"), "%s starts with a UTF-8 byte-order mark" % path)
    check(b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b""), "%s has CRLF line ends" % path)
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def check_tables(out, edition, what):
    want = expected(edition)
    for (head, rows), name in zip(want, ["stats.csv", "stats-groups.csv"]):
        got = read_csv(os.path.join(out, name))
        check(got and got[0] == head, "%s: %s header %s, want %s" % (what, name, got[:1], head))
        check(got[1:] == rows, "%s: %s rows\n got %s\nwant %s" % (what, name, got[1:], rows))
    return want


def unzip(path, part):
    return run("unzip", "-p", path, part).stdout


def check_xlsx(path, want, what):
    names = run("unzip", "-Z1", path).stdout.split()
    sheets = sorted(n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
    check(len(sheets) == len(want), "%s: %d sheets, want one per table (%d)" % (what, len(sheets), len(want)))
    shared = re.findall(r"<si><t[^>]*>([^<]*)</t></si>", unzip(path, "xl/sharedStrings.xml"))
    for k, (sheet, (head, rows)) in enumerate(zip(sheets, want)):
        first_numeric = 2 if k == 0 else 1
        x = unzip(path, sheet)
        check(re.search(r'<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>', x),
              "%s: %s freezes the header row" % (what, sheet))
        widths = re.findall(r'<col min="\d+" max="\d+" width="([\d.]+)" customWidth="1"/>', x)
        check(len(widths) == len(head), "%s: %s sets the width of every column (%d)" % (what, sheet, len(widths)))
        # every cell: a shared string (t="s") or a number (no t, or t="n")
        grid = {}
        for ref, attrs, value in re.findall(r'<c r="([A-Z]+\d+)"([^>]*)><v>([^<]*)</v></c>', x):
            kind = re.search(r't="(\w+)"', attrs)
            grid[ref] = shared[int(value)] if kind and kind.group(1) == "s" else ("n", value)
        for r, row in enumerate([head] + rows):
            for c, v in enumerate(row):
                ref = "%s%d" % (chr(ord("A") + c), r + 1)
                if v == "":
                    check(ref not in grid, "%s: %s %s is empty" % (what, sheet, ref))
                elif r > 0 and c >= first_numeric:
                    check(grid.get(ref) == ("n", v),
                          "%s: %s %s holds %r, want the number %s" % (what, sheet, ref, grid.get(ref), v))
                else:
                    check(grid.get(ref) == v, "%s: %s %s holds %r, want %r" % (what, sheet, ref, grid.get(ref), v))


# --- the sample edition: <outputs> lists stats -----------------------------
SAMPLE = os.path.join(SRC, "input", "2020")
OUT = os.path.join(TMP, "sample")
r = run(BIN, "build", SAMPLE, "-o", OUT)
check(r.returncode == 0, "sample build: status %d\n%s" % (r.returncode, r.stderr))
for f in ["compendium.pdf", "certificates.pdf", "report.json", "stats.xlsx", "stats.csv", "stats-groups.csv"]:
    check(os.path.exists(os.path.join(OUT, f)), "the sample build wrote %s (its <outputs>)" % f)
want = check_tables(OUT, SAMPLE, "sample")
check(len(want[0][1]) > 20 and any(int(row[-1]) for row in want[0][1]), "the sample's figures are not all zero")
check_xlsx(os.path.join(OUT, "stats.xlsx"), want, "sample")
with open(os.path.join(OUT, "manifest.json"), encoding="utf-8") as f:
    listed = {e["path"] for e in json.load(f)["outputs"]}
check({"stats.xlsx", "stats.csv", "stats-groups.csv"} <= listed, "the manifest lists the stats files: %s" % listed)

# the same inputs, the same bytes
OUT2 = os.path.join(TMP, "sample2")
r = run(BIN, "build", SAMPLE, "-o", OUT2, "--only", "stats")
check(r.returncode == 0, "second build: status %d\n%s" % (r.returncode, r.stderr))
for f in ["stats.xlsx", "stats.csv", "stats-groups.csv"]:
    with open(os.path.join(OUT, f), "rb") as a, open(os.path.join(OUT2, f), "rb") as b:
        check(a.read() == b.read(), "%s is byte-identical in a second build" % f)
check(not os.path.exists(os.path.join(OUT2, "compendium.pdf")), "--only stats overrides <outputs>")

# --- an edge edition --------------------------------------------------------
ED = os.path.join(TMP, "edge")
shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ED)
CAMPAIGN = os.path.join(ED, "campaign.xml")
replace_in(CAMPAIGN, "<compendium>", """<outputs>stats</outputs>
  <stats>
    <points tier="first" value="7"/>
    <points tier="third" value="1"/>
    <group name="青石镇"><unit>青石县委组织部</unit><unit>青石镇卫生院</unit></group>
  </stats>
  <compendium>""")
replace_in(os.path.join(ED, "submissions", "c02.xml"), 'role="recommender">', 'role="recommender">"星火",志愿者协会')
replace_in(os.path.join(ED, "submissions", "c04.xml"), "<subjectterm>新典型", "<subjectterm>老典型")
replace_in(os.path.join(ED, "submissions", "c04.xml"), "</info>",
           '<bibliomisc role="honor">2018年度县级优秀共产党员</bibliomisc></info>')
replace_in(os.path.join(ED, "submissions", "c05.xml"), 'role="recommender">青石县委组织部', 'role="recommender">青石县教育局')
r = run(BIN, "build", ED, "-o", os.path.join(TMP, "edge-out"))
check(r.returncode == 0, "edge build: status %d\n%s" % (r.returncode, r.stderr))
EOUT = os.path.join(TMP, "edge-out")
check(sorted(os.listdir(EOUT)) == ["manifest.json", "stats-groups.csv", "stats.csv", "stats.xlsx"],
      "<outputs>stats</outputs> writes stats alone: %s" % sorted(os.listdir(EOUT)))
want = check_tables(EOUT, ED, "edge")
check(any(row[0] == "青石镇卫生院" and row[2] == "0" for row in want[0][1]),
      "the edge edition lists a unit that sent nothing")
with open(os.path.join(EOUT, "stats.csv"), encoding="utf-8-sig") as f:
    check('"""星火"",志愿者协会' in f.read(), "a unit with quotes and a comma is quoted as RFC 4180 says")
check_xlsx(os.path.join(EOUT, "stats.xlsx"), want, "edge")

# --only still writes what it names
r = run(BIN, "build", ED, "-o", os.path.join(TMP, "edge-only"), "--only", "report")
check(r.returncode == 0 and os.listdir(os.path.join(TMP, "edge-only")) and
      not os.path.exists(os.path.join(TMP, "edge-only", "stats.csv")), "--only report writes no stats")

# check --stats: the same figures from a check of an edition with errors,
# whose submissions with errors are counted as such
shutil.copy(os.path.join(ED, "submissions", "c03.xml"), os.path.join(TMP, "c03.xml"))
replace_in(os.path.join(ED, "submissions", "c03.xml"), "<date>2020-06-15", "<date>2020-12-15")
r = run(BIN, "check", ED, "--stats", os.path.join(TMP, "check-stats"))
check(r.returncode == 1 and "date-outside-window" in r.stderr, "check: the late date is an error: %s" % r.stderr)
got = read_csv(os.path.join(TMP, "check-stats", "stats.csv"))
want = expected(ED)[0][1]
row = next((x for x in got if x[0] == "青石县委组织部"), None)
check(row is not None and row[2:5] == [str(int(want[0][2])), str(int(want[0][3])), "1"]
      and want[0][3] == str(int(want[0][2]) - 1),
      "check --stats counts the late submission: not on time, with errors: %s (want %s)" % (row, want[0]))
shutil.copy(os.path.join(TMP, "c03.xml"), os.path.join(ED, "submissions", "c03.xml"))

# an unknown output is a finding at <outputs>, and nothing is built
replace_in(CAMPAIGN, "<outputs>stats</outputs>", "<outputs>stats, posters</outputs>")
line = next(i + 1 for i, t in enumerate(open(CAMPAIGN, encoding="utf-8")) if "<outputs>" in t)
r = run(BIN, "build", ED, "-o", os.path.join(TMP, "edge-bad"))
check(r.returncode == 1, "an unknown output stops the build (status %d)" % r.returncode)
check("campaign.xml:%d:" % line in r.stderr and "'posters'" in r.stderr,
      "the finding names campaign.xml:%d and the name: %s" % (line, r.stderr))
check(not os.path.exists(os.path.join(TMP, "edge-bad")), "nothing written for an unknown output")
r = run(BIN, "check", ED)
check(r.returncode == 1 and "'posters'" in r.stderr, "check reports the unknown output too: %s" % r.stderr)

sys.exit(summary())
