#!/usr/bin/env python3
"""Writes the seed corpora of tests/fuzz/corpus/<target>/ from the sample edition,
the rule cases, the line-breaking spec and a few generated images (cjpeg, and
tests/tools/mkjpeg from a build). Run from anywhere; rewrites the folders. Keep them small: a few dozen files each."""
import hashlib
import glob
import os
import shutil
import struct
import subprocess
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, 'corpus')


def put(target, data, name=None):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = name or hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), 'wb') as f:
        f.write(data)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def submissions():
    sample = sorted(glob.glob(os.path.join(ROOT, 'input/2020/submissions/*.xml')))
    for p in sample[:8]:
        put('fuzz_submission', read(p), 'sample-' + os.path.basename(p))
    for p in sorted(glob.glob(os.path.join(ROOT, 'tests/rules/*/submissions/*.xml'))):
        case = p.split(os.sep)[-3]
        data = read(p)
        if len(data) <= 8192:
            put('fuzz_submission', data, 'rule-%s-%s' % (case, os.path.basename(p)))
    # footnotes, three heading levels, an epigraph and editor's notes
    for case in ['footnote', 'headings', 'apart']:
        put('fuzz_submission', read(os.path.join(ROOT, 'tests/golden', case, 'submissions/a1.xml')),
            'golden-%s.xml' % case)
    # two submissions at once (NUL-separated): duplicates and originality
    a, b = read(sample[0]), read(sample[1])
    put('fuzz_submission', a + b'\0' + a, 'two-same')
    put('fuzz_submission', a + b'\0' + b, 'two-different')


def campaigns():
    seen = set()
    paths = [os.path.join(ROOT, 'input/2020/campaign.xml')]
    paths += sorted(glob.glob(os.path.join(ROOT, 'tests/rules/*/campaign.xml')))
    paths += sorted(glob.glob(os.path.join(ROOT, 'tests/data/*/campaign.xml')))
    for p in paths:
        data = read(p)
        if data in seen or len(data) > 8192:
            continue
        seen.add(data)
        put('fuzz_campaign', data, 'campaign-' + p.split(os.sep)[-2])


def paras():
    spec = read(os.path.join(ROOT, 'tests/spec/linebreak.txt')).decode('utf-8')
    measure, n = 10, 0
    for line in spec.splitlines():
        if line.startswith('measure: '):
            measure = int(float(line[9:]))
        elif line.startswith('text: ') and n < 30:
            text = line[6:].encode('utf-8')
            # measure, indent 2 em, justified; one body run (role 0, 15.75 pt ~ size byte 0)
            put('fuzz_para', bytes([measure - 1, 2, 0]) + b'\x32' + text, 'spec-%02d' % n)
            n += 1
    mixed = '他说：“GB/T 15834—2011规定了标点符号的用法。”第3.5节、APP下载……'.encode('utf-8')
    put('fuzz_para', bytes([27, 2, 0]) + b'\x32' + mixed, 'mixed-justify')
    put('fuzz_para', bytes([20, 0, 4 | 1]) + b'\2' + '先进典型事迹汇编：扎根基层二十年的县委书记'.encode('utf-8'),
        'title-balance')
    put('fuzz_para', bytes([9, 0, 2]) + b'\3' + '一二三'.encode() + b'\1\4' + 'Latin words here'.encode(),
        'runs-center')
    # a reference mark (a run starting with 0x02) after 里 and before ，
    put('fuzz_para', bytes([9, 2, 0]) + b'\x32' + '渠长三里'.encode() + b'\1\x14\2' + '①'.encode() +
        b'\1\x32' + '，年年清淤。'.encode(), 'footnote-mark')


def png(w, h, depth=8, color=2, interlace=0, extra=b'', rows=None):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color]
    rowbytes = (w * channels * depth + 7) // 8
    if rows is None:
        rows = b''.join(b'\0' + bytes((x * 37 + y * 11) & 0xff for x in range(rowbytes)) for y in range(h))
    ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, color, 0, 0, interlace))
    return b'\x89PNG\r\n\x1a\n' + ihdr + extra + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b'')


def images():
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    put('fuzz_image', png(4, 3), 'rgb8.png')
    put('fuzz_image', png(5, 2, depth=16, color=2), 'rgb16.png')
    put('fuzz_image', png(7, 3, depth=1, color=0), 'gray1.png')
    put('fuzz_image', png(3, 3, depth=8, color=4), 'gray-alpha.png')
    put('fuzz_image', png(3, 2, depth=8, color=6), 'rgba.png')
    put('fuzz_image', png(8, 8, interlace=1), 'interlaced.png')
    pal = chunk(b'PLTE', bytes(range(12))) + chunk(b'tRNS', b'\x00\x80')
    put('fuzz_image', png(4, 2, depth=2, color=3, extra=pal), 'palette-trns.png')
    phys = chunk(b'pHYs', struct.pack('>IIB', 11811, 11811, 1))
    put('fuzz_image', png(3, 4, extra=phys), 'phys-300dpi.png')
    low = os.path.join(ROOT, 'tests/rules/photo-low-dpi/images')
    for p in sorted(glob.glob(os.path.join(low, '*')))[:1]:
        put('fuzz_image', read(p), 'low-dpi' + os.path.splitext(p)[1])
    with tempfile.TemporaryDirectory() as t:
        ppm = os.path.join(t, 'a.ppm')
        with open(ppm, 'wb') as f:
            f.write(b'P6 16 8 255\n' + bytes((i * 7) & 0xff for i in range(16 * 8 * 3)))
        pgm = os.path.join(t, 'a.pgm')
        with open(pgm, 'wb') as f:
            f.write(b'P5 8 8 255\n' + bytes((i * 5) & 0xff for i in range(64)))
        for name, args, src in [('baseline.jpg', [], ppm), ('progressive.jpg', ['-progressive'], ppm),
                                ('gray.jpg', [], pgm), ('restart.jpg', ['-restart', '1'], ppm),
                                ('dpi.jpg', ['-density', '300'], ppm)]:
            args = [a for a in args if a != '-density' and a != '300']
            out = subprocess.run(['cjpeg', '-quality', '50'] + args + [src], capture_output=True, check=True)
            put('fuzz_image', out.stdout, name)
    # CMYK (plain, Adobe's inverted, YCCK), EXIF orientations in both byte
    # orders, scans cut short with an end marker: tests/tools/mkjpeg (built
    # with the tests; HUIBIAN_MKJPEG names another build's)
    mk = os.environ.get('HUIBIAN_MKJPEG') or os.path.join(ROOT, 'build', 'tests', 'mkjpeg')
    with tempfile.TemporaryDirectory() as t:
        for name, args in [('cmyk.jpg', ['cmyk', '16', '8']), ('cmyk-adobe.jpg', ['cmyk-adobe', '16', '8']),
                           ('ycck-exif5.jpg', ['ycck', '8', '8', '5']),
                           ('exif6-be.jpg', ['rgb', '16', '8', '6', 'be']),
                           ('exif8-le.jpg', ['gray', '8', '16', '8', 'le']),
                           ('exif3-le.jpg', ['rgb', '8', '8', '3', 'le']),
                           ('damaged.jpg', ['rgb', '32', '16', '0', 'be', '300', '0.5']),
                           ('progressive-exif6.jpg', ['rgb-progressive', '16', '16', '6'])]:
            out = os.path.join(t, name)
            subprocess.run([mk, out] + args, check=True)
            put('fuzz_image', read(out), name)
    put('fuzz_image', b'\xff\xd8\xff\xd9', 'jpeg-empty')
    put('fuzz_image', b'GIF89a', 'not-an-image')


def sfnt(tables, version=0x00010000):
    """A TrueType file from {tag: bytes}: directory, tables padded to 4 bytes
    (version 'OTTO', 0x4F54544F, for CFF outlines)."""
    tags = sorted(tables)
    out = struct.pack('>IHHHH', version, len(tags), 16, 0, len(tags) * 16 - 16)
    off = 12 + 16 * len(tags)
    body = b''
    for t in tags:
        data = tables[t]
        out += struct.pack('>4sIII', t.encode('latin-1'), 0, off + len(body), len(data))
        body += data + b'\0' * (-len(data) % 4)
    return out + body


def tiny_font(long_loca=True, nested=True):
    """A TrueType font of our own: .notdef (empty), a square (simple glyph), a
    composite of two squares, and (nested) a composite of that composite."""
    square = struct.pack('>hhhhh', 1, 0, 0, 500, 500) + struct.pack('>H', 3) + \
        struct.pack('>H', 0) + bytes([1, 1, 1, 1]) + \
        struct.pack('>hhhh', 0, 500, 0, -500) + struct.pack('>hhhh', 0, 0, 500, 0)
    # flags 0x0001 words | 0x0002 xy values | 0x0020 more; glyph 1 twice
    pair = struct.pack('>hhhhh', -1, 0, 0, 1000, 500) + \
        struct.pack('>HHhh', 0x0023, 1, 0, 0) + struct.pack('>HHhh', 0x0003, 1, 500, 0)
    nest = struct.pack('>hhhhh', -1, 0, 0, 1000, 500) + struct.pack('>HHhh', 0x0003, 2, 0, 0)
    glyphs = [b'', square, pair] + ([nest] if nested else [])
    glyf, loca = b'', []
    for g in glyphs:
        loca.append(len(glyf))
        glyf += g + b'\0' * (len(g) % 2)
    loca.append(len(glyf))
    n = len(glyphs)
    head = struct.pack('>IIIIHHqqhhhhHHhhh', 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0, 1000,
                       0, 0, 0, 0, 1000, 500, 0, 8, 2, 1 if long_loca else 0, 0)
    hhea = struct.pack('>IhhhHhhhhhhhhhhhH', 0x00010000, 800, -200, 0, 1000, 0, 0, 1000,
                       1, 0, 0, 0, 0, 0, 0, 0, n)
    maxp = struct.pack('>IHHHHHHHHHHHHHH', 0x00010000, n, 4, 1, 8, 2, 2, 0, 0, 0, 0, 0, 0, 2, 2)
    hmtx = b''.join(struct.pack('>Hh', 1000 if i else 500, 0) for i in range(n))
    loca_b = b''.join(struct.pack('>I' if long_loca else '>H', o if long_loca else o // 2)
                      for o in loca)
    return sfnt({'head': head, 'hhea': hhea, 'maxp': maxp, 'hmtx': hmtx, 'loca': loca_b,
                 'glyf': glyf})


def cff_index(items):
    """A CFF INDEX of byte strings, offSize 4."""
    if not items:
        return struct.pack('>H', 0)
    offs, off = [], 1
    for it in items:
        offs.append(off)
        off += len(it)
    offs.append(off)
    return struct.pack('>HB', len(items), 4) + b''.join(struct.pack('>I', o) for o in offs) + \
        b''.join(items)


def dict_int(v):
    """A DICT integer in its 5-byte form, so that offsets can be filled in later."""
    return bytes([29]) + struct.pack('>i', v)


def tiny_cid_font(deep=False):
    """An OpenType font of our own with CID-keyed CFF outlines: 64 glyphs in
    two Font DICTs, each with local subroutines, global subroutines, stems
    and hintmasks; what the CJK faces are, small. Also tests/data/fonts/
    tiny-cid.otf (test_cff). With deep, glyph 40 draws a line of 25 steps,
    50 numbers on the stack, more than the 48 of Type 2 that huibian's
    subroutine walk keeps to but fewer than hb-subset's limit: hb-subset makes
    that font's subsets (tiny-cid-deep.otf)."""
    n = 64
    ret, endchar = bytes([11]), bytes([14])

    def box(i):
        return t2num(50 + i) + t2num(0) + bytes([21]) + t2num(400) + bytes([6]) + \
            t2num(300 + i) + bytes([7]) + t2num(-400) + bytes([6])
    gsubrs = [box(i) + ret for i in range(8)]
    gsubrs[5] = t2num(2 - 107) + bytes([29]) + ret       # nested: calls global 2
    lsubrs = [[t2num(10) + t2num(10 + i) + bytes([5]) + ret for i in range(6)],
              [t2num(-10 - i) + t2num(20) + bytes([5]) + ret for i in range(4)]]
    glyphs = [endchar]
    for g in range(1, n):
        fd = 0 if g < 32 else 1
        cs = t2num(0) + t2num(50) + t2num(100) + t2num(50) + bytes([18])   # two hstems
        if g % 3 == 0:
            cs += bytes([19, 0x80])                                           # hintmask
        cs += t2num(g % 8 - 107) + bytes([29])                               # global g % 8
        cs += t2num(g % len(lsubrs[fd]) - 107) + bytes([10])                 # local
        if deep and g == 40:
            cs += t2num(3) * 50 + bytes([5])                                 # rlineto
        glyphs.append(cs + endchar)
    strings = [b'Adobe', b'Identity']
    charset = bytes([0]) + b''.join(struct.pack('>H', 100 + g) for g in range(1, n))
    fdselect = bytes([3]) + struct.pack('>HHBHBH', 2, 0, 0, 32, 1, n)

    def private(fd, subrs_at):
        return dict_int(subrs_at) + bytes([19])
    priv_len = len(private(0, 0))

    def top(charset_at, fdselect_at, charstrings_at, fdarray_at):
        return (dict_int(391) + dict_int(392) + dict_int(0) + bytes([12, 30]) +
                dict_int(n) + bytes([12, 34]) + dict_int(charset_at) + bytes([15]) +
                dict_int(fdselect_at) + bytes([12, 37]) + dict_int(charstrings_at) +
                bytes([17]) + dict_int(fdarray_at) + bytes([12, 36]))
    header = bytes([1, 0, 4, 4])
    name = cff_index([b'TinyCID'])
    top_len = len(cff_index([top(0, 0, 0, 0)]))
    at = len(header) + len(name) + top_len + len(cff_index(strings)) + len(cff_index(gsubrs))
    charset_at = at
    fdselect_at = charset_at + len(charset)
    charstrings_at = fdselect_at + len(fdselect)
    fdarray_at = charstrings_at + len(cff_index(glyphs))
    fd_dict_len = len(dict_int(0) + dict_int(0) + bytes([18]))
    priv0_at = fdarray_at + len(cff_index([b'x' * fd_dict_len] * 2))
    priv1_at = priv0_at + priv_len + len(cff_index(lsubrs[0]))
    fds = [dict_int(priv_len) + dict_int(priv0_at) + bytes([18]),
           dict_int(priv_len) + dict_int(priv1_at) + bytes([18])]
    cff = (header + name + cff_index([top(charset_at, fdselect_at, charstrings_at, fdarray_at)]) +
           cff_index(strings) + cff_index(gsubrs) + charset + fdselect + cff_index(glyphs) +
           cff_index(fds) + private(0, priv_len) + cff_index(lsubrs[0]) +
           private(1, priv_len) + cff_index(lsubrs[1]))
    assert len(cff) == priv1_at + priv_len + len(cff_index(lsubrs[1]))
    head = struct.pack('>IIIIHHqqhhhhHHhhh', 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0, 1000,
                       0, 0, 0, 0, 1000, 500, 0, 8, 2, 0, 0)
    hhea = struct.pack('>IhhhHhhhhhhhhhhhH', 0x00010000, 800, -200, 0, 1000, 0, 0, 1000,
                       1, 0, 0, 0, 0, 0, 0, 0, n)
    maxp = struct.pack('>IH', 0x00005000, n)
    hmtx = b''.join(struct.pack('>Hh', 1000 if i else 500, 0) for i in range(n))
    return sfnt({'CFF ': cff, 'head': head, 'hhea': hhea, 'maxp': maxp, 'hmtx': hmtx},
                version=0x4F54544F)


def fonts():
    put('fuzz_subset', tiny_font(), 'tiny-long-loca.ttf')
    put('fuzz_subset', tiny_font(long_loca=False, nested=False), 'tiny-short-loca.ttf')
    one = tiny_font()
    ttc = b'ttcf' + struct.pack('>IIII', 0x00010000, 2, 20, 20)
    # a collection of the same face twice: offsets in the file point past the header
    shifted = bytearray(one)
    n = struct.unpack('>H', one[4:6])[0]
    for i in range(n):
        at = 12 + 16 * i + 8
        struct.pack_into('>I', shifted, at, struct.unpack('>I', one[at:at + 4])[0] + 20)
    put('fuzz_subset', ttc + bytes(shifted), 'tiny-collection.ttc')
    put('fuzz_subset', tiny_cid_font(), 'tiny-cid.otf')
    os.makedirs(os.path.join(ROOT, 'tests', 'data', 'fonts'), exist_ok=True)
    with open(os.path.join(ROOT, 'tests', 'data', 'fonts', 'tiny-cid.otf'), 'wb') as f:
        f.write(tiny_cid_font())
    with open(os.path.join(ROOT, 'tests', 'data', 'fonts', 'tiny-cid-deep.otf'), 'wb') as f:
        f.write(tiny_cid_font(deep=True))


def t2num(v):
    """A Type 2 charstring number."""
    if -107 <= v <= 107:
        return bytes([v + 139])
    if 108 <= v <= 1131:
        return bytes([(v - 108) // 256 + 247, (v - 108) % 256])
    if -1131 <= v <= -108:
        return bytes([(-v - 108) // 256 + 251, (-v - 108) % 256])
    return bytes([28]) + struct.pack('>h', v)


def charstring_input(gsubrs, lsubrs, glyph):
    """fuzz_charstring's input: the counts, each subroutine as a length byte
    and its bytes, then the glyph."""
    out = bytes([len(gsubrs), len(lsubrs)])
    for s in gsubrs + lsubrs:
        out += bytes([len(s)]) + s
    return out + glyph


def charstrings():
    ret, endchar = bytes([11]), bytes([14])
    line = lambda i: t2num(i % 40 - 20) + t2num(3) + bytes([5])
    # nested global and local calls, stems and a hintmask, flex
    g = [line(i) + ret for i in range(30)]
    g[7] = t2num(3 - 107) + bytes([29]) + line(7) + ret          # calls global 3
    g[9] = t2num(0 - 107) + bytes([10]) + ret                    # calls local 0
    loc = [line(i) + ret for i in range(12)]
    glyph = (t2num(0) + t2num(20) + t2num(40) + t2num(20) + bytes([18]) +
             bytes([19, 0xC0]) + t2num(10) + t2num(10) + bytes([21]) +
             t2num(7 - 107) + bytes([29]) + t2num(9 - 107) + bytes([29]) +
             t2num(11 - 107) + bytes([10]) +
             b''.join(t2num(v) for v in [10, 0, 10, 5, 10, 0, 10, 0, 10, -5, 10, 0, 50]) +
             bytes([12, 35]) + endchar)
    put('fuzz_charstring', charstring_input(g, loc, glyph), 'nested-calls')
    # a subroutine leaving a number for the next call (a loose call)
    g2 = [t2num(-107) + ret, line(1) + ret]
    put('fuzz_charstring', charstring_input(g2, [], t2num(-107) + bytes([29, 29]) + endchar),
        'loose-call')
    # a hintmask in a subroutine called with no stems and with nine
    g3 = [ret, bytes([19, 32, 29, 32, 29, 11])]
    nine = b''.join(t2num(10) + t2num(5) for _ in range(9)) + bytes([18])
    put('fuzz_charstring', charstring_input(
        g3, [], t2num(-106) + bytes([29]) + nine + t2num(-106) + bytes([29]) + endchar),
        'mask-in-subroutine')


def main():
    for t in ['fuzz_submission', 'fuzz_campaign', 'fuzz_para', 'fuzz_image', 'fuzz_subset',
              'fuzz_charstring']:
        shutil.rmtree(os.path.join(CORPUS, t), ignore_errors=True)
    submissions()
    campaigns()
    paras()
    images()
    fonts()
    charstrings()
    for t in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, t))
        size = sum(os.path.getsize(os.path.join(CORPUS, t, f)) for f in files)
        print('%s: %d files, %d bytes' % (t, len(files), size))


if __name__ == '__main__':
    main()
