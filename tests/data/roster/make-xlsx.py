#!/usr/bin/env python3
"""Writes the test workbooks of test_roster (run it here; the outputs are
committed, so the tests need no Python). Made-up people of 青山县.

roster.xlsx     a 推荐汇总表 as Excel lays it out: shared strings (one with
                rich-text runs and a phonetic run that is not text), an
                inline string, a number, a title row, cells left out (A1 then
                C1; row 4 missing), the workbook not at xl/workbook.xml.
climb.xlsx      the sheet's relationship climbs out of the package (../..).
doctype.xlsx    the sheet declares a DOCTYPE with an entity.
bomb.xlsx       the sheet inflates to 20 MB of spaces (past the roster cap).
"""
import zipfile

CT = ('<?xml version="1.0" encoding="UTF-8"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def rels(*items):
    body = "".join(f'<Relationship Id="{i}" Type="{R}/{t}" Target="{g}"/>' for i, t, g in items)
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">{body}</Relationships>'


def book(base, sheet_target, sheet_xml, shared=None):
    files = {
        "[Content_Types].xml": CT,
        "_rels/.rels": rels(("rId1", "officeDocument", f"{base}/book.xml")),
        f"{base}/book.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{R}"><sheets>'
                            f'<sheet name="汇总" sheetId="1" r:id="rId7"/>'
                            f'<sheet name="备用" sheetId="2" r:id="rId8"/></sheets></workbook>',
        f"{base}/_rels/book.xml.rels": rels(("rId7", "worksheet", sheet_target),
                                            ("rId8", "worksheet", "sheets/unused.xml"),
                                            *([("rId9", "sharedStrings", "strings.xml")]
                                              if shared is not None else [])),
        f"{base}/sheets/unused.xml": f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>',
    }
    if sheet_xml is not None:
        files[f"{base}/sheets/first.xml"] = sheet_xml
    if shared is not None:
        files[f"{base}/strings.xml"] = shared
    return files


def write(name, files):
    with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in files.items():
            z.writestr(k, v)


shared = (f'<sst xmlns="{MAIN}">'
          '<si><t>青山县2026年度先进个人推荐汇总表</t></si>'
          '<si><t>序号</t></si><si><t>姓 名</t></si><si><t>工作单位</t></si><si><t>类别</t></si>'
          '<si><r><t>李</t></r><r><rPr><b/></rPr><t>秀兰</t></r><rPh sb="0" eb="1"><t>リ</t></rPh></si>'
          '<si><t xml:space="preserve">青山县石桥镇卫生院 </t></si>'
          '<si><t>个人</t></si>'
          '</sst>')
sheet = (f'<worksheet xmlns="{MAIN}"><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c>'
         '<c r="C2" t="s"><v>3</v></c><c r="E2" t="s"><v>4</v></c></row>'
         '<row r="3"><c r="A3"><v>1</v></c><c r="B3" t="s"><v>5</v></c>'
         '<c r="C3" t="s"><v>6</v></c><c r="E3" t="s"><v>7</v></c></row>'
         '<row r="5"><c r="A5"><v>2</v></c><c r="B5" t="inlineStr"><is><t>王建国</t></is></c>'
         '<c r="C5" t="inlineStr"><is><t>青山县第二中学</t></is></c></row>'
         '<row><c t="inlineStr"><is><t>第六行</t></is></c><c><v>6</v></c></row>'
         '</sheetData></worksheet>')
write("roster.xlsx", book("office", "sheets/first.xml", sheet, shared))

write("climb.xlsx", book("xl", "../../etc/passwd", None))

doctype = ('<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "青山">]>'
           f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
           '<is><t>&x;</t></is></c></row></sheetData></worksheet>')
write("doctype.xlsx", book("xl", "sheets/first.xml", doctype))

bomb = f'<worksheet xmlns="{MAIN}"><sheetData>' + " " * (20 * 1024 * 1024) + "</sheetData></worksheet>"
write("bomb.xlsx", book("xl", "sheets/first.xml", bomb))
