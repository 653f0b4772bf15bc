#!/usr/bin/env python3
"""gen-import.py: N Word documents and a roster, for `huibian import`'s benchmark.

usage: bench/gen-import.py -n N -o DIR [--seed S] [--year Y]

Writes:
  DIR/edition/              an edition with no submissions yet: campaign.xml
                            (window, rules, tiers, no results), the bench
                            template and the seal (as bench/gen-edition.py writes
                            them), for `huibian import` to fill
  DIR/docs/NNNN-姓名.docx   N WordprocessingML packages written directly (zipfile,
                            no LibreOffice), about 1,400 字 each: the people and
                            the prose of bench/gen-edition.py (same seed, same
                            people), laid out as a unit's clerk lays out Word:
                            a title, a ——记… subtitle, name and unit lines, body
                            paragraphs indented by two U+3000 or by a first-line
                            indent, headings in Heading 1 with automatic
                            numbering 一、, some with （一） subheadings (Heading 2,
                            numbered too), numbered lists （1） and ①, bold
                            lead-ins, a table with a merged header cell, runs
                            split as Word splits them, a footer with a PAGE field
  DIR/roster.xlsx           the 推荐汇总表 of the N documents (序号, 姓名, 性别,
                            工作单位, 职务, 类别, 推荐单位, 照片, 文件), a title row
                            above the header, shared strings
  DIR/roster.csv            the same rows in GB18030, as Excel on Chinese Windows
                            saves "CSV (逗号分隔)"
  DIR/expected.txt          for each document, a line "=FILE" then its visible body
                            text, one block per line, numbering labels as Word shows
                            them (the header block and table cells included, the
                            indents left out)

Deterministic: the same -n, --seed and --year give the same bytes (fixed zip
times). Python 3 standard library only.
"""
import argparse
import importlib.util
import os
import random
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_edition", os.path.join(HERE, "gen-edition.py"))
ge = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ge)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
ZIPTIME = (2020, 11, 1, 9, 0, 0)

# numbering: 1 = headings (一、 / （一）), 2.. = lists, one w:num per list so each
# starts at 1, as Word does when a clerk starts a new list
NUM_HEAD = 1


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def lvl(ilvl, fmt, text, style=None, ind=0):
    return ('<w:lvl w:ilvl="%d"><w:start w:val="1"/>%s<w:numFmt w:val="%s"/><w:suff w:val="nothing"/>'
            '<w:lvlText w:val="%s"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="%d" w:firstLine="0"/></w:pPr>'
            '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl>'
            % (ilvl, '<w:pStyle w:val="%s"/>' % style if style else "", fmt, text, ind))


def numbering_xml(lists):
    """lists: the kinds of the document's lists in order ("paren" or "circle")."""
    heads = ('<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
             + lvl(0, "chineseCounting", "%1、", "1") + lvl(1, "chineseCounting", "（%2）", "2")
             + lvl(2, "decimal", "%3.", "3") + "</w:abstractNum>")
    paren = ('<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>'
             + lvl(0, "decimal", "（%1）", ind=0) + "</w:abstractNum>")
    circle = ('<w:abstractNum w:abstractNumId="2"><w:multiLevelType w:val="singleLevel"/>'
              + lvl(0, "decimalEnclosedCircle", "%1", ind=0) + "</w:abstractNum>")
    nums = ['<w:num w:numId="%d"><w:abstractNumId w:val="0"/></w:num>' % NUM_HEAD]
    for k, kind in enumerate(lists):
        nums.append('<w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
                    % (k + 2, 1 if kind == "paren" else 2))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="%s">%s%s</w:numbering>'
            % (W, heads + paren + circle, "".join(nums)))


STYLES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="%s">'
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" '
          'w:hAnsi="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
          '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>'
          '<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/>'
          '<w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
          '<w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>'
          '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/>'
          '<w:next w:val="a"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="1"/></w:pPr>'
          '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/><w:basedOn w:val="a"/>'
          '<w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="方正小标宋简体"/>'
          '<w:sz w:val="44"/></w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="a4"><w:name w:val="Subtitle"/><w:basedOn w:val="a"/>'
          '<w:qFormat/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/>'
          '</w:rPr></w:style>'
          '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="footer"/><w:basedOn w:val="a"/></w:style>'
          '<w:style w:type="table" w:default="1" w:styleId="a6"><w:name w:val="Normal Table"/></w:style>'
          '</w:styles>' % W)

FOOTER = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="%s"><w:p><w:pPr>'
          '<w:pStyle w:val="a5"/><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE   \\* MERGEFORMAT '
          '</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>' % W)


class Doc:
    """One document's body being written, and its expected text beside it."""

    def __init__(self, r, indent_chars):
        self.r = r
        self.xml = []
        self.text = []
        self.lo = []  # the same as LibreOffice's text export shows it (--verify)
        self.lists = []
        self.rsid = 0
        self.indent_chars = indent_chars  # True: two U+3000 typed; False: a first-line indent

    def runs(self, parts):
        """Runs as Word leaves them: split after some sentences (edits at other
        times), each with its run properties."""
        out = []
        for kind, t in parts:
            bold = "<w:b/><w:bCs/>" if kind == "bold" else ""
            pieces, cur = [], ""
            for ch in t:
                cur += ch
                if ch in "。；，" and self.r.random() < 0.3:
                    pieces.append(cur)
                    cur = ""
            if cur:
                pieces.append(cur)
            for p in pieces:
                out.append('<w:r><w:rPr><w:rFonts w:hint="eastAsia"/>%s</w:rPr><w:t>%s</w:t></w:r>' % (bold, esc(p)))
        return "".join(out)

    def para(self, parts, ppr="", label="", indent=True):
        text = "".join(t for _, t in parts)
        if indent and self.indent_chars:
            parts = [("text", "\u3000\u3000")] + list(parts)
        elif indent:
            ppr += '<w:ind w:firstLineChars="200" w:firstLine="640"/>'
        self.rsid += 1
        self.xml.append('<w:p w:rsidR="00%06X"><w:pPr>%s</w:pPr>%s</w:p>' % (0x3A1000 + self.rsid, ppr, self.runs(parts)))
        self.text.append(label + text)
        self.lo.append(label + (" " if label else "") + text)

    def center(self, text, style=None):
        ppr = ('<w:pStyle w:val="%s"/>' % style) if style else '<w:jc w:val="center"/>'
        self.para([("text", text)], ppr, indent=False)

    def heading(self, level, n, text):
        label = ge.HEAD_NUM[n - 1] + "、" if level == 1 else "（%s）" % ge.HEAD_NUM[n - 1]
        self.para([("text", text)], '<w:pStyle w:val="%d"/><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/>'
                  '</w:numPr>' % (level, level - 1, NUM_HEAD), label, indent=False)

    def items(self, kind, items):
        self.lists.append(kind)
        num = len(self.lists) + 1
        for k, it in enumerate(items, 1):
            label = "（%d）" % k if kind == "paren" else "①②③④⑤⑥⑦⑧⑨⑩"[k - 1]
            self.para([("text", it)], '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr>'
                      '<w:ind w:firstLineChars="200" w:firstLine="640"/>' % num, label, indent=False)

    def table(self, rows):
        """rows: cell texts; the first row is one header cell over every column."""
        ncols = len(rows[1])
        grid = "".join('<w:gridCol w:w="%d"/>' % (8800 // ncols) for _ in range(ncols))

        def cell(t, span=1):
            self.text.append(t)
            self.lo.append(t)
            return ('<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>%s<w:vAlign w:val="center"/></w:tcPr>'
                    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>%s</w:p></w:tc>'
                    % (8800 // ncols * span, '<w:gridSpan w:val="%d"/>' % span if span > 1 else "",
                       self.runs([("text", t)])))
        trs = ['<w:tr><w:trPr><w:tblHeader/></w:trPr>%s</w:tr>' % cell(rows[0][0], ncols)]
        for row in rows[1:]:
            trs.append("<w:tr>%s</w:tr>" % "".join(cell(t) for t in row))
        self.xml.append('<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/><w:tblBorders>'
                        + "".join('<w:%s w:val="single" w:sz="4" w:space="0" w:color="auto"/>' % b
                                  for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
                        + '</w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>'
                        % (grid, "".join(trs)))


def photo_paragraph(d, s, rid):
    """The portrait inline in its own centred paragraph, the caption under it."""
    cx, cy = 25 * 36000, 33 * 36000  # 25 x 33 mm in EMU
    d.rsid += 1
    d.xml.append(
        '<w:p w:rsidR="00%06X"><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="%d" cy="%d"/><wp:docPr id="1" '
        'name="图片 1"/><a:graphic xmlns:a="%s"><a:graphicData uri="%s"><pic:pic xmlns:pic="%s"><pic:nvPicPr>'
        '<pic:cNvPr id="1" name="photo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="%s"/>'
        '<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
        % (0x3A1000 + d.rsid, cx, cy, DML, PIC, PIC, rid, cx, cy))
    d.center("图为%s在%s工作。" % (s["name"], s["unit"]))


DML = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WPD = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


def table_rows(r, s):
    """A small table of the person's work, about 60 字 with the numbers."""
    y = int(s["date"][:4])
    what = r.choice([("走访农户（户）", "解决问题（件）", "受益群众（人）"),
                     ("服务群众（人次）", "办结事项（件）", "满意率（%）"),
                     ("新增面积（亩）", "带动农户（户）", "户均增收（元）")])
    rows = [["%s近三年主要工作指标" % s["name"]], ["年度", *what]]
    for k in range(3):
        rows.append(["%d年" % (y - 2 + k), str(r.randint(40, 900)), str(r.randint(12, 300)),
                     str(r.randint(85, 99)) if what[2].endswith("（%）") else str(r.randint(200, 9000))])
    return rows


def lead_in(parts, r):
    """Makes the first clause of a paragraph a bold lead-in, as 坚持…。 is often set."""
    if not parts or parts[0][0] != "text":
        return parts
    t = parts[0][1]
    cut = t.find("。")
    if 4 <= cut <= 24:
        return [("bold", t[:cut + 1]), ("text", t[cut + 1:])] + list(parts[1:])
    return parts


def document(s, idx, seed, photos):
    r = random.Random("import/%d/%d" % (seed, idx))
    photo = r.random() * 100 < photos
    d = Doc(r, indent_chars=r.random() < 0.6)
    d.center(s["title"], "a3")
    if s["subtitle"]:
        d.center(s["subtitle"], "a4")
    d.center(s["name"])
    if not s["collective"]:
        d.center(s["unit"])
    if photo:
        photo_paragraph(d, s, "rId10")
    body = s["body"]
    nsec = 0
    table_done = False
    for b in body:
        if b[0] == "para":
            d.para(b[1])
        elif b[0] == "bq":
            d.para([("text", b[1])], '<w:ind w:left="640" w:right="640"/>', indent=False)
        elif b[0] == "list":
            d.items("paren" if b[1] else "circle", b[2])
        elif b[0] == "section":
            nsec += 1
            title = b[1].split("、", 1)[1]  # the generator writes 一、 by hand; Word numbers it
            d.heading(1, nsec, title)
            blocks = b[2]
            # a subheading （一） over the second half of a longer section
            sub = len(blocks) >= 2 and r.random() < 0.5
            for k, x in enumerate(blocks):
                if sub and k in (0, len(blocks) // 2 + (len(blocks) % 2)):
                    head = x[1][0][1] if x[0] == "para" and x[1] else ""
                    cut = head.find("，")
                    d.heading(2, 1 if k == 0 else 2, head[:cut] if 4 <= cut <= 16 else "具体做法")
                if x[0] == "para":
                    d.para(lead_in(x[1], r) if k > 0 and r.random() < 0.4 else x[1])
                elif x[0] == "bq":
                    d.para([("text", x[1])], '<w:ind w:left="640" w:right="640"/>', indent=False)
                elif x[0] == "list":
                    d.items("paren" if x[1] else "circle", x[2])
            if nsec == 1 and not table_done:
                d.table(table_rows(r, s))
                table_done = True
    if not table_done:
        d.table(table_rows(r, s))
    sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rId9"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1418" '
            'w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>')
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="%s" xmlns:r="%s">'
           '<w:body>%s%s</w:body></w:document>' % (W, R, "".join(d.xml), sect))
    doc = doc.replace("<w:document ", '<w:document xmlns:wp="%s" ' % WPD, 1)
    files = [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="%s">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Default Extension="png" ContentType="image/png"/>'
         '<Override PartName="/word/document.xml" ContentType="%s.document.main+xml"/>'
         '<Override PartName="/word/styles.xml" ContentType="%s.styles+xml"/>'
         '<Override PartName="/word/numbering.xml" ContentType="%s.numbering+xml"/>'
         '<Override PartName="/word/footer1.xml" ContentType="%s.footer+xml"/>'
         '</Types>' % (CT, WML, WML, WML, WML)),
        ("_rels/.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/></Relationships>' % (PKG, R)),
        ("word/_rels/document.xml.rels",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/styles" Target="styles.xml"/>'
         '<Relationship Id="rId2" Type="%s/numbering" Target="numbering.xml"/>'
         '<Relationship Id="rId9" Type="%s/footer" Target="footer1.xml"/>%s</Relationships>'
         % (PKG, R, R, R, '<Relationship Id="rId10" Type="%s/image" Target="media/image1.png"/>' % R
            if photo else "")),
        ("word/document.xml", doc),
        ("word/styles.xml", STYLES),
        ("word/numbering.xml", numbering_xml(d.lists)),
        ("word/footer1.xml", FOOTER),
    ]
    if photo:
        files.append(("word/media/image1.png", PORTRAITS[idx % len(PORTRAITS)]))
    return files, d.text, d.lo, photo


PORTRAITS = []  # gen-edition's six portraits (300 x 400 PNG), when --photos


def write_zip(path, files):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=ZIPTIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def gender(s):
    if s["collective"]:
        return ""
    first = "".join(t for _, t in s["body"][0][1]) if s["body"][0][0] == "para" else ""
    return "女" if first.startswith(s["name"] + "，女") else "男" if first.startswith(s["name"] + "，男") else ""


HEAD = ["序号", "姓名", "性别", "工作单位", "职务", "类别", "推荐单位", "照片", "文件"]


def roster_rows(subs, names):
    return [[str(k), s["name"], gender(s), s["unit"], s["job"], s["category"], s["recommender"], "", names[k - 1]]
            for k, s in enumerate(subs, 1)]


def col(i):
    return chr(ord("A") + i)


def roster_xlsx(path, title, rows):
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    strings, index = [], {}

    def si(t):
        if t not in index:
            index[t] = len(strings)
            strings.append(t)
        return index[t]

    xr = ['<row r="1"><c r="A1" t="s"><v>%d</v></c></row>' % si(title)]
    for ri, cells in enumerate([HEAD] + rows, 2):
        cs = []
        for ci, v in enumerate(cells):
            if v == "":
                continue
            ref = "%s%d" % (col(ci), ri)
            if ci == 0 and ri > 2:
                cs.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                cs.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, si(v)))
        xr.append('<row r="%d">%s</row>' % (ri, "".join(cs)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="%s"><sheetData>%s'
             '</sheetData></worksheet>' % (main, "".join(xr)))
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">'
           '%s</sst>' % (main, len(strings), len(strings), "".join("<si><t>%s</t></si>" % esc(t) for t in strings)))
    sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    write_zip(path, [
        ("[Content_Types].xml",
         '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="%s">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="%s.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="%s.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="%s.sharedStrings+xml"/></Types>'
         % (CT, sml, sml, sml)),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="%s">'
         '<Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (PKG, R)),
        ("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="%s" '
         'xmlns:r="%s"><sheets><sheet name="汇总表" sheetId="1" r:id="rId1"/></sheets></workbook>' % (main, R)),
        ("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
         '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
         % (PKG, R, R)),
        ("xl/worksheets/sheet1.xml", sheet),
        ("xl/sharedStrings.xml", sst),
    ])


def csv_line(cells):
    return ",".join('"%s"' % c.replace('"', '""') if any(x in c for x in ',"\r\n') else c for c in cells) + "\r\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, required=True, help="number of documents")
    ap.add_argument("-o", required=True, help="folder to write (created; must be empty or absent)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--year", type=int, default=2020)
    ap.add_argument("--photos", type=float, default=0, metavar="PCT",
                    help="share of the documents with an inline photo and its caption, in percent (default 0)")
    ap.add_argument("--verify", type=int, default=0, metavar="K",
                    help="convert the first K documents to text with LibreOffice and compare")
    args = ap.parse_args()
    if args.n < 1:
        ap.error("-n must be at least 1")
    if os.path.exists(args.o) and os.listdir(args.o):
        ap.error("%s exists and is not empty" % args.o)
    # gen-edition's generator, with its own options' defaults
    args.quotas, args.template = "10,20,30", "bench-a4-12pt"
    g = ge.Gen(args)
    subs = [ge.make_submission(g, i + 1) for i in range(args.n)]

    ed = os.path.join(args.o, "edition")
    docs = os.path.join(args.o, "docs")
    for d in (ed, os.path.join(ed, "submissions"), os.path.join(ed, "images"), os.path.join(ed, "templates"), docs):
        os.makedirs(d, exist_ok=True)
    quotas = [max(1, round(args.n * p / 100)) for p in (10, 20, 30)]
    campaign = ge.campaign_xml(g, [], quotas, {t: [] for t, _ in ge.TIERS}, args.template)
    with open(os.path.join(ed, "campaign.xml"), "w", encoding="utf-8") as f:
        f.write(campaign)
    with open(os.path.join(ed, "templates", "bench-a4-12pt.xml"), "w", encoding="utf-8") as f:
        f.write(ge.TEMPLATE_12PT)
    with open(os.path.join(ed, "images", "seal.png"), "wb") as f:
        f.write(ge.seal())

    names, expected, sizes, chars, lo_lines = [], [], [], [], []
    nphotos = 0
    PORTRAITS[:] = [ge.portrait(k) for k in range(1, 7)] if args.photos else []
    for k, s in enumerate(subs, 1):
        name = "%04d-%s.docx" % (k, s["name"] if not s["collective"] else "集体")
        files, text, lo, has_photo = document(s, k, args.seed, args.photos)
        nphotos += has_photo
        lo_lines.append(lo)
        path = os.path.join(docs, name)
        write_zip(path, files)
        names.append(name)
        sizes.append(os.path.getsize(path))
        chars.append(sum(ge.count_block(t) for t in text))
        expected.append("=" + name)
        expected.extend(text)
    rows = roster_rows(subs, names)
    title = "%s%d年度争当排头兵竞赛活动推荐汇总表" % (ge.COUNTY, args.year)
    roster_xlsx(os.path.join(args.o, "roster.xlsx"), title, rows)
    with open(os.path.join(args.o, "roster.csv"), "wb") as f:
        f.write((csv_line([title] + [""] * (len(HEAD) - 1)) + csv_line(HEAD)
                 + "".join(csv_line(r) for r in rows)).encode("gb18030"))
    with open(os.path.join(args.o, "expected.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(expected) + "\n")
    print("gen-import: %s: %d .docx (%d–%d bytes, mean %d), %d with a photo, 字 per document %d–%d (mean %d, "
          "header block and table included), roster of %d rows" % (
              args.o, len(names), min(sizes), max(sizes), sum(sizes) // len(sizes), nphotos, min(chars), max(chars),
              sum(chars) // len(chars), len(rows)), file=sys.stderr)
    if args.verify:
        return verify(docs, names[:args.verify], lo_lines)
    return 0


def verify(docs, names, lo_lines):
    """LibreOffice's text export of the first documents against what was
    written. That export puts a space after each numbering label and keeps
    indents; leading white space and empty lines are left out before
    comparing."""
    import subprocess
    import tempfile
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["soffice", "--headless", "--norestore", "--nologo", "--nolockcheck",
                        "-env:UserInstallation=file://%s/profile" % tmp, "--convert-to", "txt:Text (encoded):UTF8",
                        "--outdir", tmp] + [os.path.join(docs, n) for n in names],
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        for k, n in enumerate(names):
            with open(os.path.join(tmp, n[:-5] + ".txt"), encoding="utf-8-sig") as f:
                got = [l.lstrip("\u3000 \t") for l in f.read().splitlines() if l.strip("\u3000 \t")]
            if got == lo_lines[k]:
                print("gen-import: %s: LibreOffice shows the text written (%d lines)" % (n, len(got)), file=sys.stderr)
                continue
            bad += 1
            for i in range(max(len(got), len(lo_lines[k]))):
                g = got[i] if i < len(got) else "(none)"
                w = lo_lines[k][i] if i < len(lo_lines[k]) else "(none)"
                if g != w:
                    print("gen-import: %s: line %d\n  got:  %s\n  want: %s" % (n, i + 1, g, w), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
