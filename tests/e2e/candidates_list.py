"""End to end: the 入选名单 at the end of the compendium is a table of three
columns — the name, the unit and position, the tier — in which a long unit
wraps inside its own column and a position is never broken (党委书记 is
never 党委 | 书记), read back with pdftotext -bbox. Made at run time from
the hand-made certificate edition with thirteen more candidates whose
units grow two characters at a time, so that, without the rule, some
line would end inside 党委书记."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-candidates-list")
shutil.rmtree(TMP, ignore_errors=True)
ED = os.path.join(TMP, "edition")
OUT = os.path.join(TMP, "out")
shutil.copytree(os.path.join(SRC, "tests", "data", "cert-edition"), ED)
replace_in(os.path.join(ED, "campaign.xml"), "<compendium>", '<compendium candidates="yes">')

POOL = "青石县农业农村局驻青石镇石门村脱贫攻坚工作队暨乡村振兴驻村工作组综合办公室"
LONG = "青石县东岭乡人民政府驻省城农副产品展销中心联络办公室暨外出务工人员服务站"
NAMES = ["赵一明", "钱二华", "孙三立", "周五峰", "吴六平", "郑七星", "冯九成",
         "陈十全", "褚春来", "卫秋实", "蒋冬生", "沈夏禾"]
POSITION = "党委书记"
with open(os.path.join(ED, "submissions", "c01.xml"), encoding="utf-8") as f:
    TEMPLATE = f.read()


def candidate(no, name, unit, text):
    xml = (TEMPLATE.replace('xml:id="c01"', 'xml:id="k%02d"' % no)
           .replace("张建国", name).replace("青石镇人民政府", unit)
           .replace("扎根基层，甘做群众贴心人。", text))
    with open(os.path.join(ED, "submissions", "k%02d.xml" % no), "w", encoding="utf-8") as f:
        f.write(xml)


for i, name in enumerate(NAMES):
    candidate(i + 1, name, POOL[:14 + 2 * i], "第%d位候选人的事迹：%s同志勤恳工作。" % (i + 1, name))
candidate(len(NAMES) + 1, "韩远山", LONG, "韩远山同志常年在外联络，为乡亲们卖出了山货。")

r = run(BIN, "build", ED, "-o", OUT)
check(r.returncode == 0, "build: status %d\n%s" % (r.returncode, r.stderr))

WORD = re.compile(r'<page width|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
words, page = [], -1
for m in WORD.finditer(run("pdftotext", "-bbox", os.path.join(OUT, "compendium.pdf"), "-").stdout):
    if m.group(0).startswith("<page"):
        page += 1
        continue
    words.append((page, float(m.group(2)), float(m.group(1)), float(m.group(3)), m.group(4)))
start = min((w[0] for w in words if w[4] == "入选名单"), default=None)
check(start is not None, "the compendium has a 入选名单 page")
lst = [w for w in words if start is not None and w[0] >= start]

# Every position is set whole, on one line: 14 candidates say 党委书记 (c01
# and the thirteen), and no line ends or starts inside it.
whole = [w for w in lst if POSITION in w[4]]
check(len(whole) == len(NAMES) + 2, "党委书记 is whole %d times, want %d" % (len(whole), len(NAMES) + 2))
broken = [w[4] for w in lst if POSITION not in w[4] and
          (re.search("(党|党委|党委书)$", w[4]) or re.match("(委书记|书记|记)", w[4]))]
check(not broken, "no line breaks inside 党委书记: %s" % broken)

# The long unit wraps inside its column: its lines, in order, give the whole
# unit on two lines or more, each right of the names and left of the tiers.
parts = sorted((w for w in lst if len(w[4]) >= 3 and w[4] in LONG), key=lambda w: (w[0], w[1], w[2]))
check("".join(w[4] for w in parts) == LONG, "the long unit's lines give the unit: %s" % [w[4] for w in parts])
check(len({(w[0], round(w[1])) for w in parts}) >= 2, "the long unit takes two lines or more")
names_right = max((w[3] for w in lst if w[4] in NAMES + ["韩远山", "姓名"]), default=0)
tier_left = min((w[2] for w in lst if w[4] == "奖项"), default=0)
check(parts and all(w[2] > names_right and w[3] < tier_left for w in parts),
      "the unit's lines stay in their column (%.1f < x < %.1f): %s"
      % (names_right, tier_left, [(round(w[2]), round(w[3])) for w in parts]))
# Its position follows it, right of the names too.
han = [w for w in whole if w[0] == parts[-1][0] and abs(w[1] - parts[-1][1]) < 30] if parts else []
check(han and han[0][2] > names_right, "韩远山's position follows the unit in its column")

sys.exit(summary())
