"""End to end: the progress report (进展通报, output progress) of the sample
edition, read back from the PDF. Its text has the placeholders filled with
the same totals as the 合计 row of stats-groups.csv written by the same
build; its table of groups (<table of="groups"/>) lists every township and
department of that CSV in the same order with the same figures in the
columns it prints (报送, 按时报送, one per tier, 得分), its header repeated on
the next page; the 版头 carries the 发文字号 with 六角括号; a second build
gives the same bytes. A campaign without <progress> writes no progress.pdf
and says why."""
import csv
import io
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-progress")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
SAMPLE = os.path.join(SRC, "input", "2020")
OUT = os.path.join(TMP, "out")
r = run(BIN, "build", SAMPLE, "-o", OUT, "--only", "progress,stats")
check(r.returncode == 0, "build --only progress,stats: status %d\n%s" % (r.returncode, r.stderr))
pdf = os.path.join(OUT, "progress.pdf")
check(os.path.exists(pdf), "progress.pdf written")

with open(os.path.join(OUT, "stats-groups.csv"), encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(io.StringIO(f.read())))
head, body = rows[0], rows[1:]
col = {h: i for i, h in enumerate(head)}
total = body[-1]
check(total[0] == "合计", "the CSV ends with its total")

pages = run("pdftotext", "-layout", pdf, "-").stdout.split("\f")[:-1]
flat = [re.sub(r"\s+", "", p) for p in pages]
text = "".join(flat)
check("青争办〔2020〕3号" in flat[0], "the 发文字号 on the first page: %s" % flat[0][:80])
# the placeholders: the same totals as the CSV's 合计 row
units = sum(int(r[col["推荐单位数"]]) for r in body[:-1])
for phrase in ["全县%d个推荐单位" % units,
               "共报送先进典型事迹材料%s份" % total[col["报送"]],
               "其中按时报送%s份" % total[col["按时报送"]],
               "一等奖%s名" % total[col["一等奖"]],
               "新典型%s名" % total[col["新典型"]],
               "老典型%s名" % total[col["老典型"]],
               "合计得分%s分" % total[col["得分"]]]:
    check(phrase in text, "the text says %s" % phrase)
check("{" not in text, "no placeholder left")

# the table: each row of the CSV as a line of the PDF, in order
shown = ["报送", "按时报送", "一等奖", "二等奖", "三等奖", "得分"]
lines = [ln for p in pages for ln in p.splitlines()]
at = 0
for row in body:
    figures = [row[col[h]] for h in shown]
    want = re.compile(r"\s+".join(figures) + r"\s*$")
    hit = next((i for i in range(at, len(lines)) if want.search(lines[i]) and
                lines[i].strip().startswith(row[0][:4])), -1)
    check(hit >= 0, "the table has %s with %s after line %d" % (row[0], figures, at))
    if hit >= 0:
        at = hit + 1
heads = [i for i, p in enumerate(flat) if "乡镇（部门）报送按时" in p]
check(len(heads) >= 2, "the table's header is repeated on the page it continues on: pages %s" % heads)

# the same bytes again
OUT2 = os.path.join(TMP, "out2")
r = run(BIN, "build", SAMPLE, "-o", OUT2, "--only", "progress")
with open(pdf, "rb") as a, open(os.path.join(OUT2, "progress.pdf"), "rb") as b:
    check(r.returncode == 0 and a.read() == b.read(), "progress.pdf is byte-identical in a second build")

# no <progress>: not written, and said why
ED = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ED)
r = run(BIN, "build", ED, "-o", os.path.join(TMP, "none"), "--only", "progress")
check(r.returncode != 0 and "<progress>" in r.stderr, "without <progress>: %d %s" % (r.returncode, r.stderr))

# five tiers do not fit the measure at three cells a column: one column 获奖
CAMPAIGN = os.path.join(ED, "campaign.xml")
replace_in(CAMPAIGN, '<tier id="third" name="三等奖"/>',
           '<tier id="third" name="三等奖"/><tier id="merit" name="优秀奖"/><tier id="hope" name="鼓励奖"/>')
replace_in(CAMPAIGN, '<award ref="c06" tier="third"/>', '<award ref="c06" tier="hope"/>')
replace_in(CAMPAIGN, "<compendium>", """<progress>
    <title>关于{campaign}进展情况的通报</title>
    <para>共评出{awarded}名（个），{tier:hope}{count:hope}名。</para>
    <table of="units"/>
    <issuer>青石县竞赛活动领导小组办公室</issuer>
    <date>2020-11-25</date>
  </progress>
  <compendium>""")
r = run(BIN, "build", ED, "-o", os.path.join(TMP, "five"), "--only", "progress")
check(r.returncode == 0, "five tiers: status %d\n%s" % (r.returncode, r.stderr))
five = run("pdftotext", "-layout", os.path.join(TMP, "five", "progress.pdf"), "-").stdout
flat = re.sub(r"\s+", "", five)
check("共评出6名（个），鼓励奖1名" in flat, "the five tiers' totals in the text")
check("获奖" in flat and "优秀奖" not in flat, "the tiers as one column 获奖")
check(re.search(r"青石县委组织部\s+6\s+6\s+6\s+0\s*$", five, re.M),
      "the unit's row: 报送 6, 按时报送 6, 获奖 6, 得分 0 (no <points>)")
sys.exit(summary())
