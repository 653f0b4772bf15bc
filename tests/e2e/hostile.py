"""Hostile input: every case gets its diagnostic and exit status, within a time
limit, and nothing outside the edition is read. One edition per case, made in
HUIBIAN_TMP at run time (the 50 MB file is never committed)."""
import os
import random
import shutil
import struct
import subprocess
import sys
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, check, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-hostile')


CAMPAIGN = '''<?xml version="1.0" encoding="UTF-8"?>
<campaign year="2020" xml:lang="zh-CN">
  <name>争当排头兵竞赛活动</name>
  <area>青石县</area>
  <organizer>青石县竞赛活动领导小组</organizer>
  <window start="2020-03-01" end="2020-10-31"/>
  <rules max-chars="1500" photo="optional" recommender="required"/>
  <tiers><tier id="first" name="一等奖"/></tiers>
  <compendium><title>先进典型事迹汇编</title></compendium>
</campaign>
'''


def article(body='  <para>他扎根基层二十年，甘做群众贴心人。</para>\n', photo=None):
    cover = ''
    if photo:
        cover = ('    <cover><mediaobject><imageobject><imagedata fileref="%s"/></imageobject>'
                 '</mediaobject></cover>\n' % photo)
    return ('''<?xml version="1.0" encoding="UTF-8"?>
<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="s1" xml:lang="zh-CN">
  <info>
    <title>扎根基层二十年</title>
    <author><personname>张建国</personname><affiliation><orgname>青石镇人民政府</orgname></affiliation></author>
    <date>2020-06-15</date>
%s    <subjectset scheme="category"><subject><subjectterm>新典型</subjectterm></subject></subjectset>
    <bibliomisc role="recommender">青石镇党委</bibliomisc>
  </info>
%s</article>
''' % (cover, body)).encode('utf-8')


def png(w, h, rows=True):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
    data = b''
    if rows:
        data = chunk(b'IDAT', zlib.compress(b''.join(b'\x00' + b'\x80' * 3 * w for _ in range(h))))
    return b'\x89PNG\r\n\x1a\n' + ihdr + data + chunk(b'IEND', b'')


def edition(name, sub_bytes, files=None):
    ed = os.path.join(TMP, name)
    os.makedirs(os.path.join(ed, 'submissions'))
    os.makedirs(os.path.join(ed, 'images'))
    with open(os.path.join(ed, 'campaign.xml'), 'w', encoding='utf-8') as f:
        f.write(CAMPAIGN)
    if sub_bytes is not None:
        with open(os.path.join(ed, 'submissions', 's1.xml'), 'wb') as f:
            f.write(sub_bytes)
    for rel, data in (files or {}).items():
        with open(os.path.join(ed, rel), 'wb') as f:
            f.write(data)
    return ed


def expect(name, ed, rule, status=1, contains=None, limit=10.0):
    """huibian check ED finishes within limit seconds with status and a finding of rule."""
    t0 = time.monotonic()
    try:
        r = subprocess.run([BIN, 'check', ed], capture_output=True, timeout=60)
    except subprocess.TimeoutExpired:
        check(False, name + ': check hangs')
        return ''
    took = time.monotonic() - t0
    out = r.stderr.decode('utf-8', 'replace')
    check(r.returncode == status, '%s: exit status %d, want %d\n%s' % (name, r.returncode, status, out))
    check(r.returncode >= 0, name + ': killed by signal %d' % -r.returncode)
    check(('[%s]' % rule) in out, '%s: no [%s] finding\n%s' % (name, rule, out))
    if contains:
        check(contains in out, '%s: message lacks %r\n%s' % (name, contains, out))
    check(took < limit, '%s: took %.1f s (limit %.0f s)' % (name, took, limit))
    check('root:' not in out and 'root:x' not in r.stdout.decode('utf-8', 'replace'),
          name + ': the output shows a file from outside the edition')
    return out


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)

    # DTDs and entities: an external entity to /etc/passwd, a billion-laughs bomb
    xxe = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
           b'<!DOCTYPE article [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n' +
           article(body='  <para>&xxe;</para>\n').split(b'\n', 1)[1])
    expect('external entity', edition('xxe', xxe), 'dtd-forbidden', contains='2:1:')
    lol = ['<!ENTITY lol "lol">'] + ['<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % (i - 1 if i > 1 else '')) * 10)
                                      for i in range(1, 10)]
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n%s\n]>\n<lolz>&lol9;</lolz>\n' % '\n'.join(lol)).encode()
    expect('billion laughs', edition('bomb', bomb), 'dtd-forbidden', limit=5)
    # an internal-subset entity smuggled after the prolog is still refused
    late = article(body='  <para>&lol;</para>\n')
    expect('undeclared entity', edition('entity', late), 'not-well-formed')

    # invalid UTF-8, an empty file, random bytes
    bad = article(body='  <para>他扎根@基层</para>\n').replace(b'@', b'\xff')
    expect('invalid UTF-8', edition('utf8', bad), 'invalid-utf8', contains='s1.xml:10:12:')
    expect('empty file', edition('empty', b''), 'file-empty')
    rnd = random.Random(4)
    expect('binary file', edition('binary', bytes(rnd.randrange(256) for _ in range(4096))), 'invalid-utf8')
    expect('binary file, valid UTF-8', edition('binary2', bytes(rnd.randrange(1, 128) for _ in range(4096))),
           'not-well-formed')

    # 50 MB: refused by its size, quickly
    ed = edition('big', None)
    with open(os.path.join(ed, 'submissions', 's1.xml'), 'wb') as f:
        chunk = b'<para>' + '他扎根基层二十年。'.encode() * 1000 + b'</para>\n'
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    expect('50 MB file', ed, 'file-too-large', limit=3)

    # 10,000-deep nesting
    deep = (b'<?xml version="1.0"?>\n<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="s1">' +
            b'<blockquote>' * 10000 + b'<para>x</para>' + b'</blockquote>' * 10000 + b'</article>\n')
    expect('10,000-deep nesting', edition('deep', deep), 'too-deep', limit=5)

    # photos: truncated and corrupt PNG, a header claiming 100000x100000 pixels,
    # a JPEG that is not one
    good = png(40, 40)
    expect('truncated PNG', edition('png-trunc', article(photo='images/p.png'), {'images/p.png': good[:60]}),
           'photo-unreadable')
    corrupt = bytearray(good)
    idat = corrupt.find(b'IDAT')
    for k in range(idat + 6, idat + 30):
        corrupt[k] ^= 0x5A
    expect('corrupt PNG', edition('png-corrupt', article(photo='images/p.png'), {'images/p.png': bytes(corrupt)}),
           'photo-unreadable')
    huge = png(100000, 100000, rows=False)
    expect('PNG of 100000x100000 pixels', edition('png-huge', article(photo='images/p.png'), {'images/p.png': huge}),
           'photo-unreadable', contains='100000', limit=5)
    expect('JPEG that is not one', edition('jpeg-fake', article(photo='images/p.jpg'),
                                           {'images/p.jpg': b'GIF89a this is no JPEG at all'}), 'photo-unreadable')

    # links out of the edition: a photo to /etc/passwd, a photo to a real PNG
    # outside, an images folder outside, a submission file to /etc/passwd
    ed = edition('link-passwd', article(photo='images/p.png'))
    os.symlink('/etc/passwd', os.path.join(ed, 'images', 'p.png'))
    expect('photo link to /etc/passwd', ed, 'photo-outside')
    with open(os.path.join(TMP, 'outside.png'), 'wb') as f:
        f.write(good)
    ed = edition('link-out', article(photo='images/p.png'))
    os.symlink(os.path.join(TMP, 'outside.png'), os.path.join(ed, 'images', 'p.png'))
    expect('photo link to a PNG outside', ed, 'photo-outside')
    ed = edition('link-dir', article(photo='pics/outside.png'))
    os.symlink(TMP, os.path.join(ed, 'pics'))
    expect('photo through a linked folder', ed, 'photo-outside')
    ed = edition('dotdot', article(photo='../outside.png'))
    expect('photo path with ..', ed, 'photo-outside')
    ed = edition('sub-link', None)
    os.symlink('/etc/passwd', os.path.join(ed, 'submissions', 's1.xml'))
    expect('submission link to /etc/passwd', ed, 'file-outside')

    return summary()


if __name__ == '__main__':
    sys.exit(main())
