#!/usr/bin/env python3
"""Writes the made-up Word files of tests/data/docx/ (qingshan-*.docx) and
the files the reader must refuse (refuse/*). The county, people and deeds are
fiction (青山县). Run from anywhere; the files land beside this script.

    python3 make-docx.py
"""
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
TYPES = ('<?xml version="1.0" encoding="UTF-8"?>'
         '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Default Extension="png" ContentType="image/png"/></Types>')


def png(w, h, rgb):
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def put(z, name, data):
    """A member with a fixed date, so that the files are the same each run."""
    info = zipfile.ZipInfo(name, date_time=(2026, 5, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    z.writestr(info, data, compresslevel=9)


def rels(items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>'
           '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for rid, kind, target in items:
        out.append(f'<Relationship Id="{rid}" Type="{REL}{kind}" Target="{target}"/>')
    out.append("</Relationships>")
    return "".join(out)


def package(path, parts, main="word/document.xml", main_rels=()):
    """parts: member name -> str or bytes. The package rels name main."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml", TYPES)
        put(z, "_rels/.rels", rels([("rId1", "officeDocument", main)]))
        folder, base = os.path.split(main)
        if main_rels:
            put(z, f"{folder}/_rels/{base}.rels", rels(main_rels))
        for name, data in parts.items():
            put(z, name, data)


def document(body):
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>'


def p(text="", style=None, num=None, ppr="", runs=None):
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    props += ppr
    content = runs if runs is not None else (r(text) if text else "")
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


def r(text, rpr=""):
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


STYLES = f'''<?xml version="1.0" encoding="UTF-8"?><w:styles {NS}>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="biaoti2"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="MyHeading"><w:name w:val="青山标题"/><w:basedOn w:val="biaoti2"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Lead"><w:name w:val="Lead"/><w:basedOn w:val="a"/>
  <w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="ad"><w:name w:val="caption"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Secret"><w:name w:val="Secret"/><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>'''


def lvl(i, fmt, text, start=1, restart=None, suff=None):
    extra = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    extra += f'<w:suff w:val="{suff}"/>' if suff else ""
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


BULLET = "\uf0b7"  # Symbol's bullet, as Word writes it
NUMBERING = f'''<?xml version="1.0" encoding="UTF-8"?><w:numbering {NS}>
<w:abstractNum w:abstractNumId="0">
{lvl(0, "chineseCountingThousand", "%1、")}{lvl(1, "chineseCounting", "（%2）")}
{lvl(2, "decimal", "%3.")}{lvl(3, "decimal", "（%4）")}{lvl(4, "decimalEnclosedCircleChinese", "%5")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
{lvl(0, "ideographTraditional", "%1．")}{lvl(1, "lowerLetter", "%2)")}{lvl(2, "upperRoman", "%3.", suff="space")}
{lvl(3, "lowerRoman", "%1.%4")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="2">{lvl(0, "bullet", BULLET)}</w:abstractNum>
<w:abstractNum w:abstractNumId="3">{lvl(0, "decimal", "第%1条", start=3)}</w:abstractNum>
<w:abstractNum w:abstractNumId="4">{lvl(0, "chineseCountingThousand", "%1、", start=99)}</w:abstractNum>
<w:abstractNum w:abstractNumId="5">{lvl(0, "chineseCountingThousand", "%1、", start=1009)}</w:abstractNum>
<w:abstractNum w:abstractNumId="6">{lvl(0, "chineseCounting", "%1、", start=99)}</w:abstractNum>
<w:abstractNum w:abstractNumId="7">{lvl(0, "chineseCountingThousand", "%1、", start=10010)}</w:abstractNum>
<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="5"/></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="6"/></w:num>
<w:num w:numId="9"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>'''


def numbering_doc():
    """Headings, Word's numbering, bold, hidden text, indents, breaks."""
    body = [
        p("目录一", style="TOC1"), p(style="TOC1", runs=r("目录二") + inline_image("rIdImg1")), p("目录三", style="TOC1"),
        p("青山县第三届道德模范推荐材料", style="1"),
        p("总体情况", style="Heading3"),                             # 一、 (numbered by its style)
        p("基本事迹", style="Heading3", num=(1, 1)),                 # （一）
        p("", num=(1, 1)),                                           # （二） counted, dropped empty
        p("带头修路", num=(1, 1)),                                   # （三）
        p("第一段", num=(1, 2)),                                     # 1.
        p("第二段", num=(1, 2)),                                     # 2.
        p("细节", num=(1, 3)),                                       # （1）
        p("更细", num=(1, 4)),                                       # ①
        p("又一段", num=(1, 2)),                                     # 3.
        p("再细", num=(1, 3)),                                       # （1） restarted
        p("二号标题", style="MyHeading"),                            # heading 2 through basedOn 标题 2
        p("直接大纲", ppr='<w:outlineLvl w:val="2"/>'),              # heading 3 by its own outline level
        p("甲项", num=(2, 0)), p("子项", num=(2, 1)), p("罗马", num=(2, 2)), p("合成", num=(2, 3)),
        p("乙项", num=(2, 0)),
        p("重新开始", num=(3, 0)),                                   # 戊 (startOverride 5, same abstract)
        p("要点", num=(4, 0)),                                       # bullet
        p("条文", num=(5, 0)),                                       # 第3条
        p(runs=r("　　李青山，") + r("男", "<w:b/>") + r("，青山县人。")),
        p(runs=r("山村好人", '<w:rStyle w:val="Strong"/>') + r("事迹如下。")),
        p("全段加粗", style="Lead"),
        p(runs=r("看得见") + r("看不见", '<w:rStyle w:val="Secret"/>') + r("的字", "<w:vanish w:val='0'/>")),
        p(runs=r("前") + '<w:r><w:br w:type="page"/></w:r>' + r("后") +
          '<w:r><w:br/></w:r>' + r("换行")),
        p(runs="<w:r><w:t>  </w:t></w:r>"),
        p(runs='<w:r><w:t xml:space="preserve">\u3000\u3000</w:t></w:r>' + r("缩进的段落")),
        p(runs=r("页码") + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
          '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("7") +
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>' + r("页")),
        p(runs='<w:fldSimple w:instr=" DATE "><w:r><w:t>2026年5月1日</w:t></w:r></w:fldSimple>'),
        p("千位甲", num=(6, 0)), p("千位乙", num=(6, 0)), p("千位丙", num=(6, 0)),
        p("千位丁", num=(7, 0)), p("千位戊", num=(7, 0)), p("千位己", num=(7, 0)),
        p("计数甲", num=(8, 0)), p("计数乙", num=(8, 0)), p("计数丙", num=(8, 0)),
        p("万位", num=(9, 0)),
        p(runs=r("青"), ppr='<w:framePr w:dropCap="drop" w:lines="2"/>'),  # a drop cap
        p("山县的故事从这里开始。"),
        p("最后一段", ppr='<w:sectPr/>'),
    ]
    package(os.path.join(HERE, "qingshan-numbering.docx"), {
        "word/document.xml": document("".join(body)),
        "word/styles.xml": STYLES,
        "word/numbering.xml": NUMBERING,
        "word/media/photo.png": png(4, 3, (200, 30, 30)),
    }, main_rels=[("rId1", "styles", "styles.xml"), ("rId2", "numbering", "numbering.xml"),
                  ("rIdImg1", "image", "media/photo.png")])


def inline_image(rid, anchor=False):
    kind = "anchor" if anchor else "inline"
    return (f'<w:r><w:drawing><wp:{kind}><wp:docPr id="1" name="照片"/><a:graphic>'
            f'<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic>'
            f'</a:graphicData></a:graphic></wp:{kind}></w:drawing></w:r>')


def textbox(text):
    box = f'<w:txbxContent>{p(text)}</w:txbxContent>'
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
            f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>'
            '</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def cell(text, span=1, vmerge=None):
    pr = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge:
        pr += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{pr}</w:tcPr>{p(text)}</w:tc>"


def table_doc():
    """A 推荐表 with spans, a nested table, images, footnotes, a text box."""
    grid = "<w:tblGrid>" + "<w:gridCol/>" * 4 + "</w:tblGrid>"
    nested = (f'<w:tc><w:tcPr/><w:tbl>{"<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"}'
              f'<w:tr>{cell("内一")}{cell("内二")}</w:tr></w:tbl>{p("")}</w:tc>')
    table = (f"<w:tbl>{grid}"
             f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{cell("青山县道德模范推荐表", span=4)}</w:tr>'
             f'<w:tr>{cell("姓名")}{cell("王秀英")}{cell("照片", vmerge="restart")}{cell("")}</w:tr>'
             f'<w:tr>{cell("单位")}{cell("青山县河口镇")}{cell("", vmerge="continue")}{nested}</w:tr>'
             f'<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>{cell("事迹", span=2)}</w:tr>'
             "</w:tbl>")
    body = [
        p("推荐表"),
        table,
        p(runs=r("王秀英照顾邻居二十年") +
          '<w:r><w:footnoteReference w:id="1"/></w:r>' + r("，获评好人") +
          '<w:r><w:footnoteReference w:id="2"/></w:r>' + r("。")),
        p(runs=inline_image("rIdImg1")),
        p("图为王秀英在河口镇敬老院"),
        p(runs=r("文中有") + inline_image("rIdImg2") + r("小图")),
        p(runs=r("浮动图片旁的文字") + inline_image("rIdImg1", anchor=True)),
        p("题注段落", style="ad"),
        p(runs=r("文本框前") + textbox("文本框里的话") + r("文本框后")),
        p(runs=r("批注前") + '<w:commentRangeStart w:id="0"/>' + r("批注中") +
          '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'),
        p(runs=r("再次引用") + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    ]
    notes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}>'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
             '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>' + r(" 自2006年起。") + "</w:p></w:footnote>"
             '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>' + r(" 2025年青山好人。") + inline_image("rId1") + "</w:p></w:footnote>"
             "</w:footnotes>")
    comments = (f'<?xml version="1.0" encoding="UTF-8"?><w:comments {NS}><w:comment w:id="0">'
                f'{p("批注内容不进正文")}</w:comment></w:comments>')
    package(os.path.join(HERE, "qingshan-table.docx"), {
        "word/document.xml": document("".join(body)),
        "word/styles.xml": STYLES,
        "word/footnotes.xml": notes,
        "word/comments.xml": comments,
        "word/media/photo.png": png(4, 3, (200, 30, 30)),
        "word/media/icon.png": png(2, 2, (30, 30, 200)),
    }, main_rels=[("rId1", "styles", "styles.xml"), ("rId2", "footnotes", "footnotes.xml"),
                  ("rId3", "comments", "comments.xml"), ("rIdImg1", "image", "media/photo.png"),
                  ("rIdImg2", "image", "/word/media/icon.png")])


def stale_doc():
    """The main part is word/main.xml; a stale word/document.xml beside it
    must not be read. Also a chart (dropped with a line in the report)."""
    chart = ('<w:r><w:drawing><wp:inline><a:graphic><a:graphicData '
             'uri="http://schemas.openxmlformats.org/drawingml/2006/chart"/></a:graphic>'
             '</wp:inline></w:drawing></w:r>')
    package(os.path.join(HERE, "qingshan-main-part.docx"), {
        "word/main.xml": document(p("真正的正文") + p(runs=r("图表") + chart)),
        "word/document.xml": document(p("旧的正文，不应读到")),
    }, main="word/main.xml")


def refusals():
    out = os.path.join(HERE, "refuse")
    os.makedirs(out, exist_ok=True)
    ok_body = p("第一段") + p("第二段")
    # tracked changes: an insertion in the third paragraph
    tracked = (ok_body + '<w:p><w:ins w:id="1" w:author="李明" w:date="2026-05-01T00:00:00Z">' +
               r("补上的话") + "</w:ins></w:p>")
    package(os.path.join(out, "tracked.docx"), {"word/document.xml": document(tracked)})
    # a deletion in the second paragraph, inside a table cell
    deleted = (p("表前") + "<w:tbl><w:tr><w:tc><w:p><w:del w:id=\"2\" w:author=\"李明\">"
               "<w:r><w:delText>删掉的话</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>")
    package(os.path.join(out, "deleted-in-cell.docx"), {"word/document.xml": document(deleted)})
    # a tracked insertion inside a footnote
    notes = (f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {NS}><w:footnote w:id="1">'
             '<w:p><w:ins w:id="3" w:author="李明">' + r("补注") + "</w:ins></w:p></w:footnote>"
             "</w:footnotes>")
    package(os.path.join(out, "tracked-note.docx"), {
        "word/document.xml": document(p(runs=r("正文") + '<w:r><w:footnoteReference w:id="1"/></w:r>')),
        "word/footnotes.xml": notes}, main_rels=[("rId1", "footnotes", "footnotes.xml")])
    # a DOCTYPE with an entity in the main part
    package(os.path.join(out, "doctype.docx"), {"word/document.xml":
            '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "青山">]>' +
            document(p("&x;"))[len('<?xml version="1.0" encoding="UTF-8"?>'):]})
    # a relationship that climbs out of the package
    package(os.path.join(out, "climb.docx"), {"word/document.xml": document(ok_body)},
            main_rels=[("rId1", "image", "../../etc/passwd")])
    # a main part that inflates past the cap: 40 MB of spaces in a few KB
    with zipfile.ZipFile(os.path.join(out, "bomb.docx"), "w", zipfile.ZIP_DEFLATED,
                         compresslevel=9) as z:
        put(z, "[Content_Types].xml", TYPES)
        put(z, "_rels/.rels", rels([("rId1", "officeDocument", "word/document.xml")]))
        put(z, "word/document.xml", document(p("炸弹")) + " " * (40 * 1024 * 1024))
    # a table of more than a million cells: 2,000 empty rows on a grid of 512 columns
    grid = "<w:tblGrid>" + "<w:gridCol/>" * 512 + "</w:tblGrid>"
    package(os.path.join(out, "cells.docx"), {"word/document.xml":
            document(f"<w:tbl>{grid}" + "<w:tr/>" * 2000 + "</w:tbl>")})
    # a cell of 100 KB merged over 512 columns and 1,500 rows: the grid
    # would repeat it 768,000 times
    merged = '<w:tc><w:tcPr><w:gridSpan w:val="512"/><w:vMerge/></w:tcPr></w:tc>'
    first = ('<w:tc><w:tcPr><w:gridSpan w:val="512"/><w:vMerge w:val="restart"/></w:tcPr>' +
             p("青" * 34000) + "</w:tc>")
    package(os.path.join(out, "merged-text.docx"), {"word/document.xml":
            document(f"<w:tbl><w:tr>{first}</w:tr>" + f"<w:tr>{merged}</w:tr>" * 1500 +
                     "</w:tbl>")})
    # a workbook, not a document
    package(os.path.join(out, "workbook.docx"), {"xl/workbook.xml":
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main"><sheets/></workbook>'}, main="xl/workbook.xml")
    # a ZIP without a main document
    with zipfile.ZipFile(os.path.join(out, "plain.zip.docx"), "w") as z:
        put(z, "readme.txt", "青山县")
    # an OLE compound file with an EncryptionInfo stream (an encrypted .docx),
    # and one without (an old .doc): the header and a directory name suffice
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    with open(os.path.join(out, "encrypted.docx"), "wb") as f:
        f.write(ole + "EncryptionInfo".encode("utf-16-le") + bytes(64))
    with open(os.path.join(out, "old.doc.docx"), "wb") as f:
        f.write(ole + "WordDocument".encode("utf-16-le") + bytes(64))
    # not a ZIP at all, and a ZIP cut short
    with open(os.path.join(out, "text.docx"), "wb") as f:
        f.write("青山县道德模范推荐材料\n".encode("utf-8"))
    whole = open(os.path.join(HERE, "qingshan-numbering.docx"), "rb").read()
    with open(os.path.join(out, "truncated.docx"), "wb") as f:
        f.write(whole[:len(whole) * 2 // 3])


def fuzz_corpus():
    """Seeds for tests/fuzz/fuzz_docx.c: whole packages (first byte 0) and
    parts packed by the target (first byte 1: document, styles, numbering,
    footnotes separated by NUL bytes)."""
    out = os.path.join(HERE, "..", "..", "fuzz", "corpus", "fuzz_docx")
    os.makedirs(out, exist_ok=True)
    whole = ["qingshan-numbering.docx", "qingshan-table.docx", "textbox.docx", "footnotes.docx",
             "table_merged_libre_office.docx", "refuse/tracked.docx", "refuse/doctype.docx",
             "refuse/climb.docx"]
    for name in whole:
        data = open(os.path.join(HERE, name), "rb").read()
        with open(os.path.join(out, "package-" + os.path.basename(name)), "wb") as f:
            f.write(b"\0" + data)
    for name in ["qingshan-numbering.docx", "qingshan-table.docx", "gongwen.docx"]:
        z = zipfile.ZipFile(os.path.join(HERE, name))
        parts = []
        for part in ["document", "styles", "numbering", "footnotes"]:
            member = f"word/{part}.xml"
            parts.append(z.read(member) if member in z.namelist() else b"")
        if name == "gongwen.docx":  # its body cut short: the seeds stay small
            doc = parts[0]
            cut = doc.find(b"</w:p>", 12000)
            parts[0] = doc[:cut + 6] + b"</w:body></w:document>"
        with open(os.path.join(out, "parts-" + name.replace(".docx", "")), "wb") as f:
            f.write(b"\1" + b"\0".join(parts))


numbering_doc()
table_doc()
stale_doc()
refusals()
fuzz_corpus()
