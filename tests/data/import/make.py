#!/usr/bin/env python3
"""Writes the sources and the expected texts of huibian's import test documents.

Everything here is fiction written for these tests: 青禾县 and its towns, the
people and their deeds are made up.

Each document is described once, below, as a list of blocks. From that one
description this script writes
  src/NAME.fodt        the document as flat ODF, for LibreOffice to convert
                       (make.sh turns it into NAME.docx, and article.fodt also
                       into article.doc, article.odt and article.rtf);
  NAME.txt             the visible body text a reader must give (see README.md);
  NAME.blocks.tsv      the same, one block a line, with kind, level, label and
                       bold lead-in;
  NAME.notes.txt       the footnotes' text (documents with footnotes only);
  NAME.drops.tsv       what a reader must drop, by kind, with the text dropped;
  NAME.fields.tsv      the metadata a form or a header block gives;
word.docx and tracked.docx written here directly as WordprocessingML (as Word
on Chinese Windows writes them; tracked.refused.tsv for the latter), plus
photo.png (drawn here, no outside image), the rosters roster.csv
(GB18030), roster-utf8-bom.csv and roster.xlsx (written with zipfile), and
never reads a converted file back: the expectations come from the
descriptions, so a reader is compared with what was meant, not with what
LibreOffice happened to write.

Usage: make.py [OUTDIR]   (default: the folder of this script)
"""
import os
import struct
import sys
import zipfile
import zlib
import base64
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
IND = "\u3000\u3000"  # the two ideographic spaces a clerk types to indent

# ---------------------------------------------------------------------------
# the block model
#
#   ("title", text) ("subtitle", text) ("center", text)  centred header lines
#   ("p", runs)                  a body paragraph; runs are strings (plain) or
#                                 tuples: ("b", t) bold, ("hidden", t), ("note", t)
#                                 a footnote, ("comment", t), ("date", t) a date
#                                 field whose shown result is t
#   ("h", level, text)           a heading numbered by the outline (一、/（一）/1.)
#   ("list", style, [runs...])   a numbered list: style "paren" （1） or "circle" ①
#   ("empty",)                   an empty paragraph
#   ("pagebreak", runs)          a paragraph that starts a new page
#   ("section", runs)            a paragraph that starts a new section (page style)
#   ("table", rows, header)      rows of cells: (paras, colspan, rowspan) or None
#                                 for a cell covered by a merge; paras: list of runs
#   ("image",)                   photo.png alone in its paragraph
#   ("caption", text)            the caption under it (图为…)


def cn(n):
    """Word's taiwaneseCountingThousand / chineseCounting for 1..99."""
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def runs_of(x):
    return [x] if isinstance(x, (str, tuple)) else list(x)


# ---------------------------------------------------------------------------
# the documents

PHOTO_CAPTION = "图为陈国栋（左二）在青禾县麦岭镇示范田里查看稻瘟病防治效果。"

FORM_A = {
    "name": "林秀梅", "gender": "女", "birth": "1979.08", "politics": "中共党员",
    "unit": "青禾县柳塘镇中心卫生院", "title": "副院长、主治医师",
    "recommender": "青禾县卫生健康局", "category": "新典型",
    "deeds": [
        "林秀梅同志扎根柳塘镇中心卫生院十六年，牵头组建“背包医生”巡诊小组，每月两次翻山走进全镇九个偏远村组，为行动不便的老人上门量血压、送药品、建档案。",
        "2026年春季流感高发期间，她连续二十三天吃住在院，带领医护人员完成接诊四千一百余人次，未发生一起院内交叉感染。",
        "她坚持把家庭医生签约服务做细做实，全镇慢性病患者规范管理率由61%提高到89%，群众亲切地称她为“山里的贴心人”。",
    ],
}

FORM_B = {
    "name": "韩德顺", "gender": "男", "birth": "1968.11", "politics": "群众",
    "unit": "青禾县石板乡龙井村", "title": "村民小组长",
    "recommender": "中共青禾县石板乡委员会", "category": "老典型",
    "deeds": [
        "韩德顺同志担任龙井村三组组长二十年，带头捐出自家宅基边地，发动组里四十二户群众投工投劳，修通了三公里长的通组水泥路。",
        "他自费购买抽水设备，在2026年夏季旱情中义务为全组一百二十亩稻田抽水保苗，分文不取。",
    ],
}


def form_a():
    """推荐表, layout A: labels with ideographic spaces inside, 主要事迹 above the
    deeds cell (the label ends its row), a label merged over two columns."""
    f = FORM_A
    c = lambda t, cs=1, rs=1: ([[t]] if t else [], cs, rs)
    deeds = ([[IND + p] for p in f["deeds"]], 6, 1)
    rows = [
        [c("姓　名"), c(f["name"]), c("性　别"), c(f["gender"]), c("出生年月"), c(f["birth"])],
        [c("政治面貌"), c(f["politics"]), c("职务/职称"), c(f["title"], 3), None, None],
        [c("工作单位"), c(f["unit"], 5), None, None, None, None],
        [c("推荐单位", 2), None, c(f["recommender"], 2), None, c("类　别"), c(f["category"])],
        [c("主要事迹", 6), None, None, None, None, None],
        [deeds, None, None, None, None, None],
    ]
    return [
        ("title", "青禾县2026年度争当排头兵先进个人推荐表"),
        ("table", rows, False),
        ("p", ["填表日期：", ("date", "2026年9月20日")]),
    ]


def form_b():
    """推荐表, layout B: labels with full-width colons and ASCII spaces, 主要事迹
    merged down two rows on the left with the deeds to its right, a 照片 cell
    merged down three rows left empty."""
    f = FORM_B
    c = lambda t, cs=1, rs=1: ([[t]] if t else [], cs, rs)
    rows = [
        [c("姓名："), c(f["name"]), c("性别："), c(f["gender"]), c("照片", 1, 3)],
        [c("出生年月："), c(f["birth"]), c("政治面貌："), c(f["politics"]), None],
        [c("类  别："), c(f["category"]), c("职务："), c(f["title"]), None],
        [c("工作单位："), c(f["unit"], 4), None, None, None],
        [c("推荐单位："), c(f["recommender"], 4), None, None, None],
        [c("主要事迹", 1, 2), ([[IND + f["deeds"][0]]], 4, 1), None, None, None],
        [None, ([[IND + f["deeds"][1]]], 4, 1), None, None, None],
    ]
    return [
        ("title", "先进典型推荐表"),
        ("empty",),
        ("table", rows, False),
    ]


ARTICLE_HEAD = {
    "title": "扎根山乡写忠诚",
    "subtitle": "——记青禾县石门镇党委书记周立群",
    "name": "周立群",
    "unit": "青禾县石门镇人民政府",
}


def article():
    h = ARTICLE_HEAD
    return [
        ("title", h["title"]),
        ("subtitle", h["subtitle"]),
        ("center", h["name"]),
        ("center", h["unit"]),
        ("p", IND + "周立群，男，1976年5月生，中共党员，2019年起任青禾县石门镇党委书记。七年来，他走遍全镇十四个村的山山岭岭，把一个交通闭塞、产业单一的山区镇，带成了全县乡村振兴的示范镇。"),
        ("h", 1, "抓班子带队伍，把基层堡垒建强"),
        ("h", 2, "选好带头人"),
        ("p", IND + "到任第一年，周立群逐村召开党员大会和村民代表会，摸清每个村“两委”班子的底数，把三十一名外出返乡的年轻人纳入村级后备力量。"),
        ("h", 3, "建立一村一册"),
        ("p", [IND, ("b", "坚持一村一册。"), "镇党委为每个村建立发展台账，写明产业底子、集体收入和群众急难愁盼，每季度对账销号。"]),
        ("h", 3, "推行周例会"),
        ("p", [IND, ("b", "坚持周例会制度。"), "每周一早上，镇村干部集中研判一周工作，当场分解任务、明确时限。"]),
        ("h", 2, "管好党员队伍"),
        ("p", IND + "他推行党员积分管理，把志愿服务、带头致富、矛盾调解都纳入积分，积分结果与评先评优挂钩。"),
        ("list", "paren", [
            [("b", "设岗定责。"), "全镇设立政策宣传、环境整治、邻里调解等党员责任岗五类。"],
            [("b", "亮牌服务。"), "党员家庭统一挂牌，群众有事可以直接上门找。"],
            "定期评议，每半年由群众对党员履职情况打分一次。",
        ]),
        ("h", 1, "兴产业促增收，让群众腰包鼓起来"),
        ("h", 2, "培育特色产业"),
        ("p", IND + "石门镇山多地少，周立群带着技术员反复试种，最终选定高山茶和中药材两条路子。"),
        ("h", 3, "茶园提质"),
        ("p", IND + "全镇新建标准化茶园三千二百亩，引进加工企业两家，带动茶农户均年增收八千余元。"),
        ("h", 3, "药材扩面"),
        ("p", IND + "在海拔较高的五个村推广黄精、白及种植，采取“企业+合作社+农户”模式保底收购。"),
        ("list", "circle", [
            "统一供种，由合作社向农户赊销种苗；",
            "统一技术，镇农技站全程跟踪指导；",
            "统一收购，企业按不低于市场价收购。",
        ]),
        ("h", 2, "壮大集体经济"),
        ("p", IND + "通过盘活闲置校舍、入股光伏电站等办法，全镇村级集体经济收入全部超过十万元。"),
        ("list", "paren", [
            "盘活闲置资产十二处；",
            "发展物业经济项目四个。",
        ]),
        ("h", 1, "办实事解难题，把民生答卷写好"),
        ("p", IND + "周立群常说：“群众的事再小也是大事。”他带头包联最偏远的青岩村，三年间协调资金修通通村公路，解决了二百多户群众的出行难题。"),
        ("p", IND + "他先后获得青禾县优秀共产党员、全县乡村振兴工作先进个人等荣誉。"),
    ]


def drops():
    """Every case a reader drops or keeps a result of, in one document."""
    return [
        ("title", "社区是我家"),
        ("subtitle", "——记青禾县城关街道桂花社区党委书记吴春燕"),
        ("empty",),
        ("p", IND + "吴春燕在社区工作十二年，熟悉辖区一千八百户居民的情况，大家都叫她“燕子书记”。"),
        ("empty",),
        ("empty",),
        ("p", "\u3000\u3000\u3000" + "她把社区划成十六个网格，每个网格配一名专职网格员和三名楼栋长。"),
        ("p", "  " + "每月最后一个周六，她都组织“居民议事会”，由居民自己商量小区里的大事小情。"),
        ("p", ["截至", ("date", "2026年9月30日"), "，议事会共解决加装电梯、停车难等问题四十七件。"]),
        ("p", [IND, "社区建起了“四点半课堂”，", ("hidden", "（此句暂不对外）"), "由退休教师义务辅导放学后的孩子。"]),
        ("p", [IND, "她牵头成立的“桂花志愿队”已有队员二百余人。", ("comment", "请核实队员人数。")]),
        ("pagebreak", IND + "疫情防控期间，她带领社区干部逐户排查，连续四十多天没有休息。"),
        ("section", "附：社区工作台账摘要"),
        ("p", IND + "全年走访居民四千余人次，化解矛盾纠纷六十三起，帮助就业困难人员再就业四十一人。"),
        ("empty",),
    ]


DROPS_HEADER = "青禾县先进典型推荐材料"
DROPS_HEADER2 = "附件"
DROPS_FOOTER = "青禾县委组织部制表　第{page}页"  # {page}: a PAGE field
DROPS_FOOTER_TEXT = "青禾县委组织部制表"  # what of it is not the field (its result is the page's)


def tables():
    """A table with merged cells and a header row, a photo with its caption, a
    footnote."""
    c = lambda t, cs=1, rs=1: ([[t]] if t else [], cs, rs)
    rows = [
        [c("年度"), c("推广品种"), c("示范面积（亩）"), c("亩均增产（公斤）")],
        [c("2024", 1, 2), c("禾优9号"), c("1200"), c("46")],
        [None, c("青香糯2号"), c("800"), c("38")],
        [c("2025"), c("禾优9号"), c("2600"), c("52")],
        [c("合计"), c("两个品种", 1, 1), c("4600", 2), None],
    ]
    return [
        ("title", "把论文写在稻田里"),
        ("subtitle", "——记青禾县农业农村局高级农艺师陈国栋"),
        ("p", IND + "陈国栋从事水稻技术推广二十六年，常年蹲守在全县各个示范点上。"),
        ("image",),
        ("caption", PHOTO_CAPTION),
        ("p", [IND + "近三年，他主持推广的优质稻品种累计示范四千六百亩", ("note", "数据来源：青禾县农业农村局2025年度农技推广统计。"), "，各年度情况见下表。"]),
        ("table", rows, True),
        ("p", IND + "他编写的《稻田病虫害识别手册》发到了全县每一个种粮大户手中。"),
    ]


DOCS = [
    ("form-a", form_a, "推荐表 A: loose labels, merged label cells, deeds under 主要事迹"),
    ("form-b", form_b, "推荐表 B: colons, 主要事迹 merged down, empty 照片 cell"),
    ("article", article, "article: header block, three outline levels, （1） and ① lists, bold lead-ins"),
    ("drops", drops, "every drop case"),
    ("tables", tables, "merged table, photo and caption, footnote"),
]

# roster rows: 序号, 姓名, 性别, 工作单位, 职务, 类别, 推荐单位, 照片, 文件
ROSTER_HEAD = ["序号", "姓　名", "性别", "工作单位", "职务", "类别", "推荐单位", "照片", "文件"]
ROSTER = [
    ["1", FORM_A["name"], FORM_A["gender"], FORM_A["unit"], FORM_A["title"], FORM_A["category"],
     FORM_A["recommender"], "", "form-a.docx"],
    ["2", FORM_B["name"], FORM_B["gender"], FORM_B["unit"], FORM_B["title"], FORM_B["category"],
     FORM_B["recommender"], "", "form-b.docx"],
    ["3", "周立群", "男", "青禾县石门镇人民政府", "党委书记", "新典型", "中共青禾县委组织部", "", "article.docx"],
    ["4", "吴春燕", "女", "青禾县城关街道桂花社区", "党委书记", "新典型", "中共青禾县城关街道工作委员会", "",
     "drops.docx"],
    ["5", "陈国栋", "男", "青禾县农业农村局", "高级农艺师", "老典型", "青禾县农业农村局", "photo.png",
     "tables.docx"],
    ["6", "赵丽萍", "女", "青禾县民政局", "社会救助股股长", "新典型", "青禾县民政局", "", "word.docx"],
]
ROSTER_TITLE = "青禾县2026年度争当排头兵先进典型推荐汇总表"


# ---------------------------------------------------------------------------
# the expected text, from the blocks


def leading_indent(s):
    """The leading white space a reader drops (U+3000, spaces, tabs)."""
    n = 0
    while n < len(s) and s[n] in "\u3000 \t":
        n += 1
    return s[:n]


class Expect:
    """The expected text of a document. With lo=True, what LibreOffice's own
    text export shows instead (verify.py): hidden text kept, footnote
    citations as their number, a space after each numbering label."""

    def __init__(self, lo=False):
        self.lo = lo
        self.lines = []   # NAME.txt
        self.blocks = []  # NAME.blocks.tsv rows
        self.notes = []
        self.drops = []

    def para(self, kind, level, label, runs):
        runs = runs_of(runs)
        text, bold = "", ""
        for r in runs:
            if isinstance(r, str):
                text += r
            elif r[0] == "b":
                if text.strip("\u3000 ") == "" and not bold:
                    bold = r[1]
                text += r[1]
            elif r[0] == "date":
                text += r[1]
                self.drops.append(("field-code", "DATE"))
            elif r[0] == "note":
                self.notes.append(r[1])
                if self.lo:
                    text += "%d" % len(self.notes)
            elif r[0] == "hidden":
                self.drops.append(("hidden", r[1]))
                if self.lo:
                    text += r[1]
            elif r[0] == "comment":
                self.drops.append(("comment", r[1]))
        ind = leading_indent(text)
        if ind:
            self.drops.append(("indent", "%d" % len(ind)))
            text = text[len(ind):]
        if not text and kind != "image":
            self.drops.append(("empty", ""))
            return
        full = label + (" " if label and self.lo else "") + text
        if kind != "image":
            self.lines.append(full)
        self.blocks.append((kind, level, label, bold, full))


def expect(blocks, lo=False):
    e = Expect(lo)
    outline = [0, 0, 0]
    for b in blocks:
        t = b[0]
        if t in ("title", "subtitle", "center"):
            e.para("para", 0, "", b[1])
        elif t == "p":
            e.para("para", 0, "", b[1])
        elif t == "h":
            lv = b[1]
            outline[lv - 1] += 1
            for k in range(lv, 3):
                outline[k] = 0
            n = outline[lv - 1]
            label = {1: cn(n) + "、", 2: "（" + cn(n) + "）", 3: "%d." % n}[lv]
            e.para("heading", lv, label, b[2])
        elif t == "list":
            for k, item in enumerate(b[2], 1):
                label = "（%d）" % k if b[1] == "paren" else CIRCLED[k - 1]
                e.para("item", 0, label, item)
        elif t == "empty":
            e.drops.append(("empty", ""))
        elif t == "pagebreak":
            e.drops.append(("page-break", ""))
            e.para("para", 0, "", b[1])
        elif t == "section":
            e.drops.append(("section-break", ""))
            e.para("para", 0, "", b[1])
        elif t == "table":
            for ri, row in enumerate(b[1]):
                for ci, cell in enumerate(row):
                    if cell is None:
                        continue
                    paras, cs, rs = cell
                    for p in paras:
                        e.para("cell", "%d,%d" % (ri + 1, ci + 1), "", p)
        elif t == "image":
            e.para("image", 0, "", "")
        elif t == "caption":
            e.para("caption", 0, "", b[1])
    return e


# ---------------------------------------------------------------------------
# flat ODF

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:xlink="http://www.w3.org/1999/xlink" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text"')

ALIGN = ('<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
         '<style:list-level-label-alignment text:label-followed-by="nothing"/></style:list-level-properties>')

STYLES = """<office:font-face-decls>
 <style:font-face style:name="AR PL UMing CN" svg:font-family="'AR PL UMing CN'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:text-properties style:font-name-asian="AR PL UMing CN" fo:font-size="14pt" style:font-size-asian="14pt"
   fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="22pt" style:font-size-asian="22pt" fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Subtitle" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/>
 </style:style>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="1">
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/>
 </style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="2"/>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
  style:parent-style-name="Standard" style:default-outline-level="3"/>
 <style:style style:name="Header" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Footer" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Footnote" style:family="paragraph" style:parent-style-name="Standard"/>
 <number:date-style style:name="CNDate"><number:year number:style="long"/><number:text>年</number:text>
  <number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、">%(a)s</text:outline-level-style>
  <text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）">%(a)s</text:outline-level-style>
  <text:outline-level-style text:level="3" style:num-format="1" style:num-suffix=".">%(a)s</text:outline-level-style>
 </text:outline-style>
%(lists)s</office:styles>
<office:automatic-styles>
 <style:style style:name="B" style:family="text">
  <style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
 <style:style style:name="Hidden" style:family="text"><style:text-properties text:display="none"/></style:style>
 <style:style style:name="Center" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="center"/></style:style>
 <style:style style:name="PageBreak" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:break-before="page"/></style:style>
 <style:style style:name="NewSection" style:family="paragraph" style:parent-style-name="Standard"
  style:master-page-name="Annex"/>
 <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="16cm"/></style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/></style:style>
 <style:style style:name="Photo" style:family="graphic"/>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
  fo:margin-top="2.5cm" fo:margin-bottom="2.5cm" fo:margin-left="2.8cm" fo:margin-right="2.6cm"/>
  <style:header-style/><style:footer-style/></style:page-layout>
</office:automatic-styles>
""" % {"a": ALIGN, "lists": "".join(
    ' <text:list-style style:name="Paren%d">\n  <text:list-level-style-number text:level="1" style:num-format="1"'
    ' style:num-prefix="（" style:num-suffix="）">%s</text:list-level-style-number>\n </text:list-style>\n'
    ' <text:list-style style:name="Circle%d">\n  <text:list-level-style-number text:level="1"'
    ' style:num-format="①, ②, ③, ...">%s</text:list-level-style-number>\n </text:list-style>\n'
    % (k, ALIGN, k, ALIGN) for k in (1, 2, 3))}


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def text_xml(s):
    """Text with runs of spaces kept (text:s) and tabs as text:tab."""
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        if ch == " ":
            j = i
            while j < len(s) and s[j] == " ":
                j += 1
            n = j - i
            # ODF collapses leading and repeated spaces: keep them as text:s
            out.append(" " if n == 1 and i > 0 else '<text:s text:c="%d"/>' % n)
            i = j
            continue
        out.append(esc(ch))
        i += 1
    return "".join(out)


class Odf:
    def __init__(self):
        self.notes = 0
        self.comments = 0
        self.lists = {}

    def runs(self, runs):
        out = []
        for r in runs_of(runs):
            if isinstance(r, str):
                out.append(text_xml(r))
            elif r[0] == "b":
                out.append('<text:span text:style-name="B">%s</text:span>' % text_xml(r[1]))
            elif r[0] == "hidden":
                out.append('<text:span text:style-name="Hidden">%s</text:span>' % text_xml(r[1]))
            elif r[0] == "date":
                y, rest = r[1].split("年")
                m, rest = rest.split("月")
                d = rest.rstrip("日")
                out.append('<text:date style:data-style-name="CNDate" text:fixed="true" '
                           'text:date-value="%s-%02d-%02d">%s</text:date>' % (y, int(m), int(d), esc(r[1])))
            elif r[0] == "note":
                self.notes += 1
                out.append('<text:note text:id="ftn%d" text:note-class="footnote"><text:note-citation>%d'
                           '</text:note-citation><text:note-body><text:p text:style-name="Footnote">%s</text:p>'
                           '</text:note-body></text:note>' % (self.notes, self.notes, esc(r[1])))
            elif r[0] == "comment":
                self.comments += 1
                out.append('<office:annotation><dc:creator>县委组织部</dc:creator>'
                           '<dc:date>2026-09-21T10:00:00</dc:date><text:p>%s</text:p></office:annotation>' % esc(r[1]))
        return "".join(out)

    def p(self, runs, style="Standard"):
        return '<text:p text:style-name="%s">%s</text:p>' % (style, self.runs(runs))

    def table(self, rows, header):
        out = ['<table:table table:style-name="Tbl">',
               '<table:table-column table:number-columns-repeated="%d"/>' % len(rows[0])]
        for ri, row in enumerate(rows):
            if header and ri == 0:
                out.append("<table:table-header-rows>")
            out.append("<table:table-row>")
            for cell in row:
                if cell is None:
                    out.append("<table:covered-table-cell/>")
                    continue
                paras, cs, rs = cell
                attrs = ""
                if cs > 1:
                    attrs += ' table:number-columns-spanned="%d"' % cs
                if rs > 1:
                    attrs += ' table:number-rows-spanned="%d"' % rs
                body = "".join(self.p(p) for p in paras) or '<text:p text:style-name="Standard"/>'
                out.append('<table:table-cell table:style-name="Cell" office:value-type="string"%s>%s'
                           '</table:table-cell>' % (attrs, body))
            out.append("</table:table-row>")
            if header and ri == 0:
                out.append("</table:table-header-rows>")
        out.append("</table:table>")
        return "".join(out)

    def image(self, png_bytes):
        data = base64.b64encode(png_bytes).decode("ascii")
        return ('<text:p text:style-name="Center"><draw:frame draw:style-name="Photo" draw:name="照片1" '
                'text:anchor-type="as-char" svg:width="3cm" svg:height="4cm" draw:z-index="0">'
                '<draw:image><office:binary-data>%s</office:binary-data></draw:image></draw:frame></text:p>' % data)

    def body(self, blocks, png_bytes):
        out = []
        for b in blocks:
            t = b[0]
            if t == "title":
                out.append(self.p(b[1], "Title"))
            elif t == "subtitle":
                out.append(self.p(b[1], "Subtitle"))
            elif t == "center":
                out.append(self.p(b[1], "Center"))
            elif t == "p":
                out.append(self.p(b[1]))
            elif t == "h":
                out.append('<text:h text:style-name="Heading_20_%d" text:outline-level="%d">%s</text:h>'
                           % (b[1], b[1], self.runs(b[2])))
            elif t == "list":
                # each list has a list style of its own, so each starts at 1
                # in every format: LibreOffice's .doc export continues the
                # numbering of an earlier list of the same style
                self.lists[b[1]] = self.lists.get(b[1], 0) + 1
                style = "%s%d" % ({"paren": "Paren", "circle": "Circle"}[b[1]], self.lists[b[1]])
                out.append('<text:list text:style-name="%s">' % style)
                for item in b[2]:
                    out.append("<text:list-item>%s</text:list-item>" % self.p(item))
                out.append("</text:list>")
            elif t == "empty":
                out.append('<text:p text:style-name="Standard"/>')
            elif t == "pagebreak":
                out.append(self.p(b[1], "PageBreak"))
            elif t == "section":
                out.append(self.p(b[1], "NewSection"))
            elif t == "table":
                out.append(self.table(b[1], b[2]))
            elif t == "image":
                out.append(self.image(png_bytes))
            elif t == "caption":
                out.append(self.p(b[1], "Center"))
        return "\n".join(out)


def master_pages(name):
    if name != "drops":
        return ('<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/>'
                '</office:master-styles>')
    head, foot = DROPS_FOOTER.split("{page}")
    return ('<office:master-styles>'
            '<style:master-page style:name="Standard" style:page-layout-name="A4">'
            '<style:header><text:p text:style-name="Header">%s</text:p></style:header>'
            '<style:footer><text:p text:style-name="Footer">%s<text:page-number text:select-page="current">1'
            '</text:page-number>%s</text:p></style:footer></style:master-page>'
            '<style:master-page style:name="Annex" style:page-layout-name="A4">'
            '<style:header><text:p text:style-name="Header">%s</text:p></style:header></style:master-page>'
            '</office:master-styles>' % (DROPS_HEADER, head, foot, DROPS_HEADER2))


def fodt(name, blocks, png_bytes):
    o = Odf()
    body = o.body(blocks, png_bytes)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document %s>\n'
            '<office:meta><dc:title>%s</dc:title><meta:creation-date>2026-09-20T08:00:00</meta:creation-date>'
            '<dc:date>2026-09-20T08:00:00</dc:date></office:meta>\n%s%s\n'
            '<office:body><office:text>\n%s\n</office:text></office:body></office:document>\n'
            % (NS, name, STYLES, master_pages(name), body))


# ---------------------------------------------------------------------------
# the photo: a 120 x 160 portrait-shaped PNG drawn here


def photo_png(w=120, h=160):
    rows = []
    for y in range(h):
        row = bytearray([0])
        for x in range(w):
            # sky, a field, and a figure: enough to be a picture, tiny to store
            if (x - 60) ** 2 + (y - 62) ** 2 < 16 ** 2:
                px = (222, 184, 150)
            elif 44 <= x <= 76 and 78 <= y <= 140:
                px = (40, 90, 150)
            elif y > 110:
                px = (60 + (x * 3 + y) % 40, 140 + (y % 7) * 6, 50)
            else:
                px = (150 + y // 3, 190 + y // 5, 235)
            row += bytes(px)
        rows.append(bytes(row))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    ppm = int(150 / 0.0254)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"pHYs", struct.pack(">IIB", ppm, ppm, 1))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


# ---------------------------------------------------------------------------
# rosters


def csv_line(cells):
    out = []
    for c in cells:
        if any(ch in c for ch in ',"\r\n'):
            c = '"' + c.replace('"', '""') + '"'
        out.append(c)
    return ",".join(out) + "\r\n"


def roster_csv():
    return csv_line([ROSTER_TITLE] + [""] * (len(ROSTER_HEAD) - 1)) + csv_line(ROSTER_HEAD) + "".join(
        csv_line(r) for r in ROSTER)


def col(i):
    return chr(ord("A") + i)


def roster_xlsx(path):
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    strings, index = [], {}

    def s(t):
        if t not in index:
            index[t] = len(strings)
            strings.append(t)
        return index[t]

    rows = ['<row r="1"><c r="A1" t="s"><v>%d</v></c></row>' % s(ROSTER_TITLE)]
    for ri, cells in enumerate([ROSTER_HEAD] + ROSTER, 2):
        cs = []
        for ci, v in enumerate(cells):
            ref = "%s%d" % (col(ci), ri)
            if v == "":
                continue
            if v.isdigit() and ri > 2:
                cs.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                cs.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, s(v)))
        rows.append('<row r="%d">%s</row>' % (ri, "".join(cs)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s"><sheetData>%s'
             '</sheetData><mergeCells count="1"><mergeCell ref="A1:%s1"/></mergeCells></worksheet>'
             % (main, "".join(rows), col(len(ROSTER_HEAD) - 1)))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>'
           % (main, len(strings), len(strings), "".join("<si><t>%s</t></si>" % esc(t) for t in strings)))
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
         '</Types>'),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (pkg, rel)),
        ("xl/workbook.xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="%s" xmlns:r="%s">'
         '<sheets><sheet name="推荐汇总" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main, rel)),
        ("xl/_rels/workbook.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
         '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
         % (pkg, rel, rel)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", sst),
    ]
    write_zip(path, files)


def write_zip(path, files):
    """A zip whose bytes depend only on its contents (fixed times, fixed order)."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 9, 20, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# documents written directly as WordprocessingML, the way Word on Chinese
# Windows writes them (LibreOffice never writes these): style ids "1", "2",
# "a3" for heading 1, heading 2, Title; list labels followed by a tab; text
# inside hyperlinks, smart tags, content controls and simple fields; proofing
# marks, bookmarks and rendered page breaks between runs; typed (not automatic)
# labels; an outline level set on a paragraph directly; tracked changes.
#
# A paragraph: (kind, level, numbering, runs, ppr) with numbering None or
# (numId, ilvl); runs: ("t", text) ("b", text) ("link", text) ("smart", text)
# ("sdt", text) ("fld", instr, result) ("proof",) ("bm",) ("lrpb",)
# ("ins", text) ("del", text).

WORD_NUMS = {  # numId: (abstractNumId, {ilvl: (numFmt, lvlText, suffix)})
    1: (0, {0: ("chineseCounting", "%1、", "nothing"), 1: ("chineseCounting", "（%2）", "nothing"),
            2: ("decimal", "%3.", "nothing")}),
    2: (1, {0: ("decimal", "%1.", "tab")}),
}


def word_doc():
    h1 = lambda t: ("heading", 1, (1, 0), [("t", t)], '<w:pStyle w:val="1"/>')
    h2 = lambda t: ("heading", 2, (1, 1), [("t", t)], '<w:pStyle w:val="2"/>')
    p = lambda *runs: ("para", 0, None, list(runs), '<w:ind w:firstLineChars="200" w:firstLine="640"/>')
    item = lambda t: ("item", 0, (2, 0), [("t", t)], '<w:pStyle w:val="a5"/>')
    return [
        ("para", 0, None, [("t", "情系百姓暖人心")], '<w:pStyle w:val="a3"/>'),
        ("para", 0, None, [("t", "——记青禾县民政局社会救助股股长赵丽萍")], '<w:jc w:val="center"/>'),
        p(("bm",), ("t", "赵丽萍从事社会救助工作十一年，"), ("proof",), ("t", "经手办理救助申请"),
          ("proof",), ("t", "六千余件，从未出过一件差错。")),
        h1("把政策送到群众家门口"),
        p(("t", "她牵头开通了“青禾救助”服务热线，群众也可以在"), ("link", "县政府网站"),
          ("t", "上在线申请。")),
        h2("建立主动发现机制"),
        p(("t", "全县"), ("smart", "十二"), ("t", "个乡镇都设立了救助服务站，"), ("sdt", "每周三为集中受理日"),
          ("t", "。")),
        p(("t", "截至"), ("fld", ' DATE \\@ "yyyy年M月d日" ', "2026年9月18日"), ("lrpb",),
          ("t", "，她带队入户核查困难家庭一千三百余户。")),
        item("入户核查，摸清家庭收入和财产状况；"),
        item("民主评议，由村民代表逐户评议；"),
        item("张榜公示，公示期满无异议后审批。"),
        h2("推行一次办结"),
        p(("b", "（一）特困供养。"), ("t", "对符合条件的特困人员当场受理、限时办结。")),
        p(("t", "（二）临时救助。对遭遇急难的家庭先行救助，再补齐手续。")),
        h1("把难事办到群众心坎上"),
        ("heading", 2, None, [("t", "群众满意是最高标准")], '<w:outlineLvl w:val="1"/>'),
        p(("t", "她先后被评为青禾县“最美民政人”、全县优秀共产党员。")),
        ("para", 0, None, [("bm",)], ""),
    ]


def tracked_doc():
    p = lambda *runs: ("para", 0, None, list(runs), "")
    return [
        p(("t", "青禾县柳塘镇敬老院院长孙桂芝事迹")),
        p(("t", "孙桂芝在敬老院工作"), ("del", "十五"), ("ins", "十六"), ("t", "年，照顾过的老人有三百多位。")),
        p(("t", "她自学护理知识，带出了一支六个人的护理队伍。")),
        p(("t", "院里的老人都说，"), ("ins", "有孙院长在，"), ("t", "这里就是家。")),
    ]


def wml_runs(runs):
    out = []
    rpr = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
    tr = lambda t, extra="": '<w:r>%s<w:t>%s</w:t></w:r>' % (
        '<w:rPr><w:rFonts w:hint="eastAsia"/>%s</w:rPr>' % extra, esc(t))
    for k, r in enumerate(runs):
        kind = r[0]
        if kind == "t":
            out.append(tr(r[1]))
        elif kind == "b":
            out.append(tr(r[1], "<w:b/><w:bCs/>"))
        elif kind == "link":
            out.append('<w:hyperlink r:id="rId8" w:history="1"><w:r><w:rPr><w:rStyle w:val="a6"/></w:rPr>'
                       '<w:t>%s</w:t></w:r></w:hyperlink>' % esc(r[1]))
        elif kind == "smart":
            out.append('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chmetcnv">'
                       '<w:smartTagPr><w:attr w:name="UnitName" w:val="个"/></w:smartTagPr>%s</w:smartTag>' % tr(r[1]))
        elif kind == "sdt":
            out.append('<w:sdt><w:sdtPr><w:alias w:val="受理日"/><w:id w:val="-1203"/><w:text/></w:sdtPr>'
                       '<w:sdtContent>%s</w:sdtContent></w:sdt>' % tr(r[1]))
        elif kind == "fld":
            out.append('<w:fldSimple w:instr="%s" w:fldLock="true">%s</w:fldSimple>' % (esc(r[1]), tr(r[2])))
        elif kind == "proof":
            out.append('<w:proofErr w:type="spellStart"/>' if k % 2 else '<w:proofErr w:type="gramStart"/>')
        elif kind == "bm":
            out.append('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>')
        elif kind == "lrpb":
            out.append('<w:r>%s<w:lastRenderedPageBreak/></w:r>' % rpr)
        elif kind == "ins":
            out.append('<w:ins w:id="%d" w:author="县委组织部" w:date="2026-09-19T10:00:00Z">%s</w:ins>'
                       % (10 + k, tr(r[1])))
        elif kind == "del":
            out.append('<w:del w:id="%d" w:author="县委组织部" w:date="2026-09-19T10:00:00Z"><w:r>%s'
                       '<w:delText>%s</w:delText></w:r></w:del>' % (10 + k, rpr, esc(r[1])))
    return "".join(out)


def wml_package(paras):
    body = []
    for k, (kind, level, num, runs, ppr) in enumerate(paras):
        numpr = ('<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])) if num else ""
        # Word writes a heading style's numbering in the style; the list's in the paragraph
        if kind == "heading" and num:
            numpr = ""
        body.append('<w:p w:rsidR="00%06X" w:rsidRDefault="00%06X"><w:pPr>%s%s</w:pPr>%s</w:p>'
                    % (0x4B2000 + k, 0x4B2000, ppr, numpr, wml_runs(runs)))
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<w:document xmlns:w="%s" xmlns:r="%s"><w:body>%s<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1418" '
           'w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>'
           '</w:body></w:document>' % (WNS, RNS, "".join(body)))
    lvls = {}
    for num, (absid, levels) in WORD_NUMS.items():
        x = []
        for ilvl, (fmt, text, suff) in sorted(levels.items()):
            style = '<w:pStyle w:val="%d"/>' % (ilvl + 1) if absid == 0 and ilvl < 2 else ""
            x.append('<w:lvl w:ilvl="%d" w:tplc="04090019"><w:start w:val="1"/>%s<w:numFmt w:val="%s"/>%s'
                     '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="420" w:hanging="420"/>'
                     '</w:pPr></w:lvl>' % (ilvl, style, fmt, '<w:suff w:val="%s"/>' % suff if suff != "tab" else "",
                                            text))
        lvls[absid] = '<w:abstractNum w:abstractNumId="%d"><w:multiLevelType w:val="%s"/>%s</w:abstractNum>' % (
            absid, "multilevel" if len(levels) > 1 else "hybridMultilevel", "".join(x))
    numbering = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:numbering xmlns:w="%s">%s%s'
                 '</w:numbering>' % (WNS, "".join(lvls[k] for k in sorted(lvls)),
                                     "".join('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (n, a)
                                             for n, (a, _) in sorted(WORD_NUMS.items()))))
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:styles xmlns:w="%s">'
              '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" '
              'w:hAnsi="Times New Roman"/><w:sz w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'
              '</w:rPrDefault></w:docDefaults>'
              '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/></w:style>'
              '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
              '<w:next w:val="a"/><w:link w:val="10"/><w:qFormat/><w:pPr><w:keepNext/><w:numPr><w:numId w:val="1"/>'
              '</w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>'
              '<w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/>'
              '</w:numPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/><w:qFormat/>'
              '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/>'
              '<w:qFormat/><w:pPr><w:ind w:firstLineChars="200" w:firstLine="420"/></w:pPr></w:style>'
              '<w:style w:type="character" w:styleId="a6"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/>'
              '<w:u w:val="single"/></w:rPr></w:style>'
              '</w:styles>' % WNS)
    ctype = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    return [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/'
         'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
         'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="%s.document.main+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="%s.styles+xml"/>'
         '<Override PartName="/word/numbering.xml" ContentType="%s.numbering+xml"/></Types>' % (ctype, ctype, ctype)),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="%s"><Relationship Id="rId1" '
         'Type="%s/officeDocument" Target="word/document.xml"/></Relationships>' % (PNS, RNS)),
        ("word/_rels/document.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/styles" Target="styles.xml"/>'
         '<Relationship Id="rId2" Type="%s/numbering" Target="numbering.xml"/>'
         '<Relationship Id="rId8" Type="%s/hyperlink" Target="https://qinghe.example/jiuzhu" TargetMode="External"/>'
         '</Relationships>' % (PNS, RNS, RNS, RNS)),
        ("word/document.xml", doc),
        ("word/styles.xml", styles),
        ("word/numbering.xml", numbering),
    ]


WNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNS = "http://schemas.openxmlformats.org/package/2006/relationships"


def wml_expect(paras, lo=False):
    """The expected lines of a directly written document (see Expect)."""
    e = Expect(lo)
    counters = {}
    for kind, level, num, runs, ppr in paras:
        label = ""
        if num:
            numid, ilvl = num
            c = counters.setdefault(numid, [0] * 9)
            c[ilvl] += 1
            for k in range(ilvl + 1, 9):
                c[k] = 0
            fmt, text, _ = WORD_NUMS[numid][1][ilvl]
            for k in range(ilvl + 1):
                n = c[k]
                shown = cn(n) if WORD_NUMS[numid][1].get(k, ("decimal",))[0] == "chineseCounting" else str(n)
                text = text.replace("%%%d" % (k + 1), shown)
            label = text
        plain = []
        for r in runs:
            if r[0] in ("t", "link", "smart", "sdt", "ins"):
                plain.append(r[1])
            elif r[0] == "b":
                plain.append(("b", r[1]))
            elif r[0] == "fld":
                plain.append(r[2])
                e.drops.append(("field-code", r[1].split()[0]))
        e.para(kind, level, label, plain)
    return e


W_ = "{%s}" % WNS
MC_ = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def docx_paragraphs(xml):
    """The text of each w:p in document order: w:t of runs that are not
    hidden, not inside mc:Fallback (the same content again) and not field
    codes (w:instrText is not w:t)."""
    root = ET.fromstring(xml)
    out = []

    def walk(el, acc):
        for child in el:
            if child.tag == MC_ + "Fallback":
                continue
            if child.tag == W_ + "p":
                texts = []
                walk(child, texts)
                out.append("".join(texts))
                continue
            if child.tag == W_ + "r":
                rpr = child.find(W_ + "rPr")
                if rpr is not None and rpr.find(W_ + "vanish") is not None:
                    continue
            if child.tag == W_ + "t" and acc is not None:
                acc.append(child.text or "")
            walk(child, acc)

    walk(root, None)
    return out


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def tsv(cells):
    return "\t".join(str(c).replace("\t", " ") for c in cells) + "\n"


def fields_of(name):
    keys = ["name", "gender", "birth", "politics", "unit", "title", "recommender", "category"]
    if name in ("form-a", "form-b"):
        f = FORM_A if name == "form-a" else FORM_B
        rows = [(k, f[k]) for k in keys] + [("deeds", "\\n".join(f["deeds"]))]
        if name == "form-b":
            rows.append(("photo", ""))  # the 照片 box is a label merged down, with no value
    elif name == "article":
        rows = [(k, ARTICLE_HEAD[k]) for k in ("title", "subtitle", "name", "unit")]
    else:
        return None
    return "".join(tsv(r) for r in rows)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(os.path.join(out, "src"), exist_ok=True)
    png = photo_png()
    write(os.path.join(out, "photo.png"), png)
    for name, make, _ in DOCS:
        blocks = make()
        write(os.path.join(out, "src", name + ".fodt"), fodt(name, blocks, png))
        e = expect(blocks)
        if name == "drops":
            e.drops += [("header", DROPS_HEADER), ("header", DROPS_HEADER2),
                        ("footer", DROPS_FOOTER_TEXT), ("field-code", "PAGE")]
        write(os.path.join(out, name + ".txt"), "".join(l + "\n" for l in e.lines))
        write(os.path.join(out, name + ".blocks.tsv"),
              tsv(["kind", "level", "label", "bold", "text"]) + "".join(tsv(b) for b in e.blocks))
        write(os.path.join(out, name + ".drops.tsv"), tsv(["kind", "what"]) + "".join(tsv(d) for d in e.drops))
        if e.notes:
            write(os.path.join(out, name + ".notes.txt"), "".join(n + "\n" for n in e.notes))
        f = fields_of(name)
        if f:
            write(os.path.join(out, name + ".fields.tsv"), tsv(["field", "value"]) + f)
    for name, make_ in (("word", word_doc), ("tracked", tracked_doc)):
        paras = make_()
        write_zip(os.path.join(out, name + ".docx"), wml_package(paras))
        if name == "tracked":
            refused = [(k + 1, r[0]) for k, p in enumerate(paras) for r in p[3] if r[0] in ("ins", "del")]
            write(os.path.join(out, "tracked.refused.tsv"), tsv(["para", "change"]) + "".join(
                tsv([k, {"ins": "insertion", "del": "deletion"}[c]]) for k, c in refused))
            continue
        e = wml_expect(paras)
        write(os.path.join(out, name + ".txt"), "".join(l + "\n" for l in e.lines))
        write(os.path.join(out, name + ".blocks.tsv"),
              tsv(["kind", "level", "label", "bold", "text"]) + "".join(tsv(b) for b in e.blocks))
        write(os.path.join(out, name + ".drops.tsv"), tsv(["kind", "what"]) + "".join(tsv(d) for d in e.drops))
    csv = roster_csv()
    write(os.path.join(out, "roster.csv"), csv.encode("gb18030"))
    write(os.path.join(out, "roster-utf8-bom.csv"), b"\xef\xbb\xbf" + csv.encode("utf-8"))
    roster_xlsx(os.path.join(out, "roster.xlsx"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
