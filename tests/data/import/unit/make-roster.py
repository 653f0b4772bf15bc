#!/usr/bin/env python3
"""Writes the fixtures of test_import (run it here; the outputs are committed,
so the tests need no Python). Made-up people of 青山县.

roster.xlsx   a minimal workbook, inline strings only: a title row, then
              编号 姓名 工作单位 职务 类别 推荐单位 文件, two candidates.
roster.csv    the same roster as Excel on Chinese Windows saves "CSV (逗号分隔)":
              GB18030, CRLF, a quoted field with a comma.
"""
import zipfile

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

ROWS = [
    ["青山县2026年度争先创优推荐汇总表"],
    ["编号", "姓名", "工作单位", "职务", "类别", "推荐单位", "文件"],
    ["3", "林晓燕", "青山县石桥镇中心小学", "教师", "新典型", "青山县教育局", "林晓燕事迹.docx"],
    ["s2026-020", "周大海", "青山县渔港社区", "党支部书记", "老典型", "青山县民政局, 渔港街道", ""],
]


def col(j):
    return chr(ord("A") + j)


def sheet():
    rows = []
    for i, row in enumerate(ROWS, 1):
        cells = "".join(f'<c r="{col(j)}{i}" t="inlineStr"><is><t>{v}</t></is></c>'
                        for j, v in enumerate(row))
        rows.append(f'<row r="{i}">{cells}</row>')
    return f'<worksheet xmlns="{MAIN}"><sheetData>{"".join(rows)}</sheetData></worksheet>'


def rels(target, kind):
    return (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
            f'<Relationship Id="rId1" Type="{R}/{kind}" Target="{target}"/></Relationships>')


with zipfile.ZipFile("roster.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("_rels/.rels", rels("xl/workbook.xml", "officeDocument"))
    z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{R}"><sheets>'
                                  f'<sheet name="汇总" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", rels("worksheets/sheet1.xml", "worksheet"))
    z.writestr("xl/worksheets/sheet1.xml", sheet())


def csv_field(v):
    return f'"{v}"' if "," in v else v


with open("roster.csv", "wb") as f:
    f.write("".join(",".join(csv_field(v) for v in row) + "\r\n" for row in ROWS).encode("gb18030"))
