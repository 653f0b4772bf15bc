"""huibian import: Word files of our own (written here with zipfile) into an
edition. --dry-run prints the report and writes nothing; an import writes one
submission per Word file that loads and keeps every body paragraph in order
with its source map; the roster's 编号 gives ids and its fields win over the
document's; an existing id is refused without --replace; re-importing gives
the same ids (EDITION/import.json) and a new file the lowest free number;
other files are listed as skipped, hidden ones and Word's lock files not at
all; an .odt goes through LibreOffice when it is installed. The import
corpus and Word files of other makers import into submissions that check
without schema or unknown-role findings, with tables, figures, footnotes and
sections three deep as the schema's own elements, and a build prints an
imported table's cells, a figure's caption and a footnote. The people and
places are made up (青山县)."""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, check, snapshot, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-import')
W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
NS = ('xmlns:w="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"' % W)
IMAGE = ('<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="照片"/><a:graphic>'
         '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
         '<pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic>'
         '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def png(w, h, rgb):
    raw = b"".join(b"\0" + bytes(rgb) * w for _ in range(h))

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


PHOTO = png(30, 40, (200, 120, 80))

CAMPAIGN = '''<?xml version="1.0" encoding="UTF-8"?>
<campaign year="2026" xml:lang="zh-CN">
  <name>争先创优活动</name>
  <area>青山县</area>
  <organizer>青山县争先创优活动领导小组</organizer>
  <window start="2026-03-01" end="2026-10-31"/>
  <tiers><tier id="first" name="一等奖"/></tiers>
  <compendium><title>青山县争先创优先进典型事迹汇编</title></compendium>
</campaign>
'''


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def p(text, bold=None, outline=None):
    ppr = '<w:pPr><w:outlineLvl w:val="%d"/></w:pPr>' % outline if outline is not None else ''
    runs = '<w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r>' % esc(bold) if bold else ''
    if text:
        runs += '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(text)
    return '<w:p>%s%s</w:p>' % (ppr, runs)


def cell(text, span=1):
    pr = '<w:tcPr><w:gridSpan w:val="%d"/></w:tcPr>' % span if span > 1 else ''
    return '<w:tc>%s%s</w:tc>' % (pr, ''.join(p(t) for t in text.split('\n')))


def tbl(rows):
    return '<w:tbl><w:tblGrid>%s</w:tblGrid>%s</w:tbl>' % (
        '<w:gridCol w:w="2000"/>' * 4, ''.join('<w:tr>%s</w:tr>' % ''.join(r) for r in rows))


def docx(path, body, image=None):
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        if image:
            z.writestr('word/_rels/document.xml.rels',
                       '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                       'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdImg" '
                       'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" '
                       'Target="media/image1.png"/></Relationships>')
            z.writestr('word/media/image1.png', image)
        z.writestr('[Content_Types].xml',
                   '<?xml version="1.0" encoding="UTF-8"?>'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
                   'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
                   '<Default Extension="png" ContentType="image/png"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.'
                   'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr('_rels/.rels',
                   '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                   'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                   'officeDocument" Target="word/document.xml"/></Relationships>')
        z.writestr('word/document.xml', '<?xml version="1.0" encoding="UTF-8"?><w:document %s>'
                   '<w:body>%s</w:body></w:document>' % (NS, body))


def odt(path, title, text):
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:text><text:p>%s</text:p><text:p>%s</text:p>'
               '</office:text></office:body></office:document-content>' % (title, text))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                'opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, 'w') as z:
        z.writestr(zipfile.ZipInfo('mimetype'), 'application/vnd.oasis.opendocument.text')
        z.writestr('content.xml', content, zipfile.ZIP_DEFLATED)
        z.writestr('META-INF/manifest.xml', manifest, zipfile.ZIP_DEFLATED)


LIN_BODY = ['她在石桥镇中心小学任教十年。', '一、爱生如子', '她每天第一个到校,最后一个离开。',
            '二、甘于奉献', '她把工资的一部分用来给学生买书。']


def hb(*args, lang='en', path=None):
    # LibreOffice's first start takes long on a loaded machine: more than the 60 s default
    env = dict(os.environ, LANG='C.UTF-8', LC_ALL='C.UTF-8', HUIBIAN_CONVERT_TIMEOUT='200')
    if path is not None:
        env['PATH'] = path
    r = subprocess.run([BIN, '--lang', lang] + list(args), capture_output=True, timeout=240, env=env)
    return r.returncode, r.stdout.decode('utf-8', 'replace'), r.stderr.decode('utf-8', 'replace')


def body_text(xml):
    """The text after </info>, tags left out (the cells' U+3000 too)."""
    body = xml.split('</info>', 1)[-1]
    body = re.sub(r'<[^>]*>', '', body).replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>')
    return re.sub(r'[\s\u3000]', '', body)


def read(path):
    with open(path, encoding='utf-8') as f:
        return f.read()


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    ed = os.path.join(TMP, '2026')
    inbox = os.path.join(TMP, 'incoming')
    os.makedirs(os.path.join(ed, 'submissions'))
    os.makedirs(os.path.join(inbox, 'sub'))
    with open(os.path.join(ed, 'campaign.xml'), 'w', encoding='utf-8') as f:
        f.write(CAMPAIGN)
    # a deeds document with a header block, bold lead-in, headings, an empty paragraph
    docx(os.path.join(inbox, '林晓燕事迹.docx'),
         p('石桥镇的“小太阳”') + p('——记青山县石桥镇中心小学教师林晓燕') + p('姓名：林晓燕　职务：教师')
         + p(LIN_BODY[0], bold='扎根乡村。') + p('') + p(LIN_BODY[1], outline=0) + p(LIN_BODY[2])
         + IMAGE + p(LIN_BODY[3], outline=0) + p(LIN_BODY[4]), image=PHOTO)
    # a 推荐表 whose 主要事迹 cell is the whole body
    docx(os.path.join(inbox, 'sub', '周大海推荐表.docx'),
         tbl([[cell('姓名'), cell('周大海'), cell('性别'), cell('男')],
              [cell('工作单位'), cell('青山县渔港社区'), cell('职务'), cell('党支部书记')],
              [cell('主要事迹', 4)],
              [cell('他带领渔民转产养殖。\n社区面貌焕然一新。', 4)]]))
    with open(os.path.join(inbox, '说明.txt'), 'w', encoding='utf-8') as f:
        f.write('附件说明')
    docx(os.path.join(inbox, '.隐藏.docx'), p('不该导入'))
    docx(os.path.join(inbox, '~$林晓燕事迹.docx'), p('锁文件'))
    soffice = shutil.which('soffice')
    old = os.path.join(TMP, 'old')  # converted once: LibreOffice takes seconds a file
    os.makedirs(old)
    odt(os.path.join(old, '王芳事迹.odt'), '海岛上的守望者', '王芳在渔港社区卫生室工作二十年。')
    roster = os.path.join(TMP, 'roster.csv')
    with open(roster, 'wb') as f:
        f.write(('编号,姓名,工作单位,类别,推荐单位,照片,文件\r\n'
                 '3,林晓燕,青山县石桥镇中心小学,新典型,青山县教育局,照片/林晓燕.png,林晓燕事迹.docx\r\n'
                 ',赵六,青山县某单位,新典型,青山县农业局,,\r\n').encode('gb18030'))
    os.makedirs(os.path.join(TMP, '照片'))
    with open(os.path.join(TMP, '照片', '林晓燕.png'), 'wb') as f:
        f.write(PHOTO)

    # a 200 MB file is refused by its size, named, before it is read
    big = os.path.join(TMP, 'big', '巨大.docx')
    os.makedirs(os.path.dirname(big))
    with open(big, 'wb') as f:
        f.truncate(200 * 1024 * 1024)
    before = snapshot(ed)
    st, out, err = hb('import', ed, big, '--dry-run')
    check(st == 1 and '巨大.docx: NOT imported: the Word document is larger than 128 MB' in out + err,
          'a 200 MB file: refused by its size\n%s%s' % (out, err))
    check(snapshot(ed) == before, 'a refused 200 MB file changed the edition')
    shutil.rmtree(os.path.dirname(big))

    # --dry-run: the report, nothing written
    before = snapshot(ed)
    st, out, err = hb('import', ed, inbox, '--roster', roster, '--dry-run')
    check(st == 0, 'dry run: status %s\n%s%s' % (st, out, err))
    check('林晓燕事迹.docx → s2026-003' in out, 'dry run: the roster number is the id\n' + out)
    check('sub/周大海推荐表.docx → s2026-001' in out, 'dry run: the form file gets s2026-001\n' + out)
    check('说明.txt: skipped' in out, 'dry run: the .txt is skipped\n' + out)
    check('隐藏' not in out and '~$' not in out, 'dry run: hidden and lock files are not listed\n' + out)
    check('unit: 青山县石桥镇中心小学 (roster row 2)' in out, 'dry run: the roster\'s unit\n' + out)
    check('position: 教师 (the document\'s header)' in out, 'dry run: the header\'s position\n' + out)
    check('name: 周大海 (the 推荐表 in the document)' in out, 'dry run: the form\'s name\n' + out)
    check('roster row 3 (赵六): no file for it' in out, 'dry run: the roster row without a file\n' + out)
    check('dry run: nothing was written' in out, 'dry run says so\n' + out)
    check(snapshot(ed) == before, 'dry run wrote into the edition')
    check('paragraph 8' not in out, 'dry run: the image is placed, nothing to say about it\n' + out)

    # the import
    inbox_before = snapshot(inbox)
    st, out, err = hb('import', ed, inbox, '--roster', roster)
    check(st == 0, 'import: status %s\n%s%s' % (st, out, err))
    check(snapshot(inbox) == inbox_before, 'import wrote beside the Word files')
    lin = os.path.join(ed, 'submissions', 's2026-003.xml')
    zhou = os.path.join(ed, 'submissions', 's2026-001.xml')
    check(os.path.exists(lin) and os.path.exists(zhou), 'the submissions are written: %s' % os.listdir(
        os.path.join(ed, 'submissions')))
    if os.path.exists(lin):
        xml = read(lin)
        check('<?huibian-source file="林晓燕事迹.docx"?>' in xml, 'the source file is named\n' + xml)
        check('<title remap="p1">石桥镇的“小太阳”</title>' in xml, 'the title\n' + xml)
        check('<orgname>青山县石桥镇中心小学</orgname>' in xml and '<jobtitle>教师</jobtitle>' in xml,
              'unit from the roster, position from the header\n' + xml)
        check('<bibliomisc role="recommender">青山县教育局</bibliomisc>' in xml, 'the recommender\n' + xml)
        check('<para remap="p4"><emphasis role="bold">扎根乡村。</emphasis>' in xml, 'the bold lead-in\n' + xml)
        check(re.search(r'<section remap="p6">\s*<title remap="p6">一、爱生如子</title>', xml), 'a heading is a section\n' + xml)
        check(body_text(xml) == '扎根乡村。' + ''.join(LIN_BODY), 'every body character in order\n' + xml)
        check('<imagedata fileref="images/s2026-003.png"/>' in xml, 'the roster\'s photo is the cover\n' + xml)
        check(re.search(r'<informalfigure remap="p8">\s*<mediaobject remap="p8"><imageobject>'
                        r'<imagedata fileref="images/s2026-003-1.png"/>', xml),
              'the image alone in its paragraph is a figure in its place\n' + xml)
    for image in ('s2026-003.png', 's2026-003-1.png'):
        path = os.path.join(ed, 'images', image)
        check(os.path.exists(path) and open(path, 'rb').read() == PHOTO, 'images/%s is written' % image)
    if os.path.exists(zhou):
        xml = read(zhou)
        check(body_text(xml) == '他带领渔民转产养殖。社区面貌焕然一新。', 'the form\'s deeds are the body\n' + xml)
        check('<personname>周大海</personname>' in xml, 'the form\'s name\n' + xml)
    record = json.loads(read(os.path.join(ed, 'import.json')))
    ids = {x['file']: x['id'] for x in record['files']}
    check(ids.get('林晓燕事迹.docx') == 's2026-003' and ids.get('sub/周大海推荐表.docx') == 's2026-001',
          'the import record: %s' % ids)
    st, out2, err2 = hb('check', ed)
    check('[schema]' not in err2 and '[unknown-role]' not in err2 and 'file-unreadable' not in err2,
          'check loads the imported files\n' + err2)
    # a finding in an imported paragraph names the Word file's paragraph and character
    check(re.search(r'submissions/s2026-003\.xml:\d+:\d+: .*\(林晓燕事迹\.docx: paragraph 7, character 9\) '
                    r'\[halfwidth-punct\]', err2), 'check names the place in the Word file\n' + err2)
    st, out2, err2 = hb('check', ed, lang='zh_CN')
    check('（林晓燕事迹.docx：第7段第9字） [halfwidth-punct]' in err2, 'the place in Chinese\n' + err2)

    # again: refused without --replace, nothing changed
    before = snapshot(ed)
    st, out, err = hb('import', ed, inbox, '--roster', roster)
    check(st == 1 and 's2026-003 already exists (submissions/s2026-003.xml): add --replace' in out,
          'existing ids refused: %s\n%s%s' % (st, out, err))
    check(snapshot(ed) == before, 'a refused import changed the edition')
    # with --replace and without the roster: the same ids (the record keeps them)
    st, out, err = hb('import', ed, inbox, '--replace')
    check(st == 0 and '林晓燕事迹.docx → s2026-003 (submissions/s2026-003.xml, replaced)' in out,
          're-import keeps the ids: %s\n%s%s' % (st, out, err))
    after = snapshot(ed)
    check(sorted(k for k in after if k.startswith('submissions')) ==
          sorted(k for k in before if k.startswith('submissions')), 'no new submission on re-import')
    check(after.get('submissions/s2026-001.xml') == before.get('submissions/s2026-001.xml'),
          'the same file imported again is the same submission')
    # a new file takes the lowest free number
    new = os.path.join(TMP, '李强事迹.docx')
    docx(new, p('田野里的守望者') + p('李强是青山县农技站的农技员。'))
    st, out, err = hb('import', ed, new)
    check(st == 0 and '李强事迹.docx → s2026-002' in out, 'a new file: %s\n%s%s' % (st, out, err))
    # an older format, through LibreOffice when it is installed
    st, out, err = hb('import', ed, old)
    wang = os.path.join(ed, 'submissions', 's2026-004.xml')
    if soffice:
        check(st == 0 and '王芳事迹.odt → s2026-004' in out and os.path.exists(wang)
              and '王芳在渔港社区卫生室工作二十年。' in read(wang), 'the .odt: %s\n%s%s' % (st, out, err))
    else:
        check(st == 1 and re.search(r'王芳事迹\.odt: NOT imported: .*libreoffice', out, re.I),
              'no soffice: %s\n%s%s' % (st, out, err))
    # a roster 编号 that is another file's id: refused even with --replace
    roster2 = os.path.join(TMP, 'roster2.csv')
    with open(roster2, 'w', encoding='utf-8') as f:
        f.write('编号,姓名\n3,李强\n')
    st, out, err = hb('import', ed, new, '--roster', roster2, '--replace')
    check(st == 1 and 's2026-003 is the id of 林晓燕事迹.docx, imported before' in out
          and 'not used' not in out, 'another file\'s id: %s\n%s%s' % (st, out, err))
    check(read(lin).count('林晓燕') > 0, 'the other file\'s submission stays')
    # without LibreOffice on PATH: not imported, and the message says what to do
    st, out, err = hb('import', ed, old, '--dry-run', path=TMP)
    check(st == 1 and re.search(r'王芳事迹\.odt: NOT imported: .*libreoffice', out, re.I),
          'soffice not on PATH: %s\n%s%s' % (st, out, err))
    record = json.loads(read(os.path.join(ed, 'import.json')))
    check(len(record['files']) == (4 if soffice else 3), 'the record keeps the earlier files: %s' % record)

    # the report in Chinese
    st, out, err = hb('import', ed, new, '--dry-run', lang='zh_CN')
    check(st == 1 and '--replace' in out and '未导入' in out, 'the report in Chinese: %s\n%s%s' % (st, out, err))
    # usage and environment
    st, out, err = hb('import', ed)
    check(st == 2 and 'Word files' in err, 'no files: %s %s' % (st, err))
    st, out, err = hb('import', os.path.join(TMP, 'nowhere'), new)
    check(st == 2 and 'not a folder' in err, 'no edition: %s %s' % (st, err))
    st, out, err = hb('import', ed, os.path.join(TMP, 'missing.docx'))
    check(st == 2 and 'missing.docx' in err, 'a missing file: %s %s' % (st, err))
    st, out, err = hb('import', ed, new, '--roster', os.path.join(TMP, 'roster.txt'))
    check(st == 2 and '.csv or .xlsx' in err, 'a roster of another kind: %s %s' % (st, err))
    for lang, word in (('en', 'Word files'), ('zh_CN', 'Word')):
        st, out, err = hb('import', '--help', lang=lang)
        check(st == 0 and out.startswith('usage: huibian import' if lang == 'en' else '用法') and '--roster' in out
              and '--replace' in out and word in out, 'import --help (%s)\n%s' % (lang, out))
    corpus()
    typeset()
    return summary()


DATA = os.path.join(os.environ.get('HUIBIAN_SOURCE', '.'), 'tests', 'data')
SAMPLES = ['footnotes.docx', 'table_merged_libre_office.docx', 'image_inline_and_anchor.docx',
           'nested_table.docx', 'outline_lvl.docx', 'numbering.docx', 'gongwen.docx',
           'qingshan-table.docx', 'grid_after.docx', 'textbox.docx']


def edition(name, awards=()):
    ed = os.path.join(TMP, name)
    os.makedirs(ed)
    results = ''.join('<award ref="%s" tier="first"/>' % a for a in awards)
    with open(os.path.join(ed, 'campaign.xml'), 'w', encoding='utf-8') as f:
        f.write(CAMPAIGN.replace('</tiers>', '</tiers>\n  <results>%s</results>' % results))
    return ed


def corpus():
    """The import corpus and Word files of other makers: every submission
    written checks without a schema or unknown-role finding, and tables,
    figures, footnotes and nested sections are the schema's own elements."""
    ed = edition('corpus')
    folder = os.path.join(DATA, 'import')
    files = [os.path.join(folder, f) for f in sorted(os.listdir(folder))
             if f.endswith('.docx') and f != 'tracked.docx']
    files += [os.path.join(DATA, 'docx', f) for f in SAMPLES]
    st, out, err = hb('import', ed, *files)
    check(st == 0 and '%d files imported, 0 not imported' % len(files) in out,
          'the corpus imports: %s\n%s%s' % (st, out, err))
    st, out, err = hb('check', ed)
    check('[schema]' not in err and '[unknown-role]' not in err and 'file-unreadable' not in err,
          'the imported corpus checks without schema or role findings\n' + err)
    xml = ''
    for f in sorted(os.listdir(os.path.join(ed, 'submissions'))):
        xml += read(os.path.join(ed, 'submissions', f))
    for old in ('table-row', 'role="cell"', 'role="caption"', 'role="footnote"', 'role="heading"'):
        check(old not in xml, 'no stand-in role %s is written' % old)
    check('<figure remap=' in xml and '<informalfigure remap=' in xml, 'figures with and without caption')
    check(re.search(r'<thead>\s*<row><entry>年度</entry>', xml), 'the header row is the table\'s thead')
    check('<entry morerows="1">2024</entry>' in xml, 'a cell merged down is morerows')
    check(re.search(r'<entry namest="c\d+" nameend="c\d+">', xml), 'a cell merged across is namest/nameend')
    check('<footnote><para remap="fn1">World</para></footnote>' in xml, 'a footnote where its mark stands')
    article = read(os.path.join(ed, 'submissions', 's2026-001.xml'))
    check(re.search(r'\n  <section remap="p6">\n    <title remap="p6">一、.*\n    <section remap="p7">\n'
                    r'      <title remap="p7">（一）选好带头人</title>\n.*\n      <section remap="p9">\n'
                    r'        <title remap="p9">1.建立一村一册</title>', article),
          'sections three deep')


def typeset():
    """A document with a table, a captioned photo and a footnote imported with a
    roster that gives what check asks for, and its date added as a clerk would:
    the build typesets them."""
    ed = edition('typeset', awards=['s2026-005'])
    roster = os.path.join(TMP, 'typeset.csv')
    shutil.copy(os.path.join(DATA, 'import', 'photo.png'), os.path.join(TMP, 'typeset.png'))
    with open(roster, 'w', encoding='utf-8') as f:
        f.write('编号,姓名,工作单位,职务,类别,推荐单位,照片,文件\n'
                '5,陈国栋,青禾县农业农村局,高级农艺师,新典型,青禾县农业农村局,typeset.png,tables.docx\n')
    st, out, err = hb('import', ed, os.path.join(DATA, 'import', 'tables.docx'), '--roster', roster)
    check(st == 0, 'import tables.docx: %s\n%s%s' % (st, out, err))
    sub = os.path.join(ed, 'submissions', 's2026-005.xml')
    if not os.path.exists(sub):
        return
    xml = read(sub)
    with open(sub, 'w', encoding='utf-8') as f:
        f.write(xml.replace('  </info>', '    <date>2026-05-01</date>\n  </info>'))
    st, out, err = hb('check', ed)
    check(st == 0 and '[schema]' not in err and '[unknown-role]' not in err, 'check: %s\n%s' % (st, err))
    pdfdir = os.path.join(TMP, 'typeset-out')
    st, out, err = hb('build', ed, '-o', pdfdir)
    check(st == 0, 'build: %s\n%s%s' % (st, out, err))
    pdf = os.path.join(pdfdir, 'compendium.pdf')
    if not os.path.exists(pdf):
        return
    text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True).stdout.decode('utf-8')
    text = re.sub(r'\s', '', text)
    check('青香糯2号' in text and '亩均增产（公斤）' in text, 'a table cell\'s text is printed\n' + text)
    check('图为陈国栋（左二）' in text, 'the figure\'s caption is printed\n' + text)
    check('数据来源：青禾县农业农村局2025年度农技推广统计。' in text, 'the footnote is printed\n' + text)


if __name__ == '__main__':
    sys.exit(main())
