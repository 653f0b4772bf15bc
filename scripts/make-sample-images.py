#!/usr/bin/env python3
"""Generate the stylised sample photos and the seal of input/2020/images/.

Python 3 standard library only.  PNG files are written with zlib + struct;
JPEG files are made by piping a PPM through `cjpeg` (Debian package
libjpeg-turbo-progs) when it is installed.  Output is deterministic: the same
script always writes the same bytes (no clock, no random seed from the OS).

Usage: scripts/make-sample-images.py [EDITION_DIR]     (default: input/2020)

Every submission in EDITION_DIR/submissions/*.xml gets the photo its
info/cover/.../imagedata/@fileref names (.png or .jpg); a portrait of one
person, or of a small group for a collective (author/orgname).  The seal is
written to images/seal.png: a red round official seal with a five-pointed
star, RGBA, transparent everywhere except the red marks.
"""
import hashlib
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

PHOTO_W, PHOTO_H = 360, 480          # 30.5 x 40.6 mm at 300 dpi: the templates' 30 x 40 mm photo box at >= 300 dpi
SEAL_SIZE = 400
DPI = 300
SS = 3                               # supersampling factor for smooth edges


# ---------------------------------------------------------------- PNG / JPEG

def png_bytes(width, height, rows, mode, dpi=DPI):
    """rows: list of bytes objects (one per row, no filter byte). mode 'RGB' or 'RGBA'."""
    def chunk(tag, data):
        c = struct.pack('>I', len(data)) + tag + data
        return c + struct.pack('>I', zlib.crc32(tag + data) & 0xffffffff)
    color_type = 2 if mode == 'RGB' else 6
    ihdr = struct.pack('>IIBBBBB', width, height, 8, color_type, 0, 0, 0)
    ppm = int(round(dpi / 0.0254))   # pixels per metre
    phys = struct.pack('>IIB', ppm, ppm, 1)
    raw = b''.join(b'\x00' + r for r in rows)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'pHYs', phys)
            + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))


def jpeg_bytes(width, height, rows, dpi=DPI):
    """Encode RGB rows with cjpeg; set the JFIF density to dpi."""
    cjpeg = shutil.which('cjpeg')
    if cjpeg is None:
        return None
    ppm = b'P6\n%d %d\n255\n' % (width, height) + b''.join(rows)
    out = subprocess.run([cjpeg, '-quality', '88', '-optimize'], input=ppm,
                         stdout=subprocess.PIPE, check=True).stdout
    # JFIF APP0: FFD8 FFE0 len(2) 'JFIF\0' ver(2) units(1) Xdens(2) Ydens(2)
    if out[2:4] == b'\xff\xe0' and out[6:11] == b'JFIF\x00':
        out = out[:13] + struct.pack('>BHH', 1, dpi, dpi) + out[18:]
    return out


# ---------------------------------------------------------------- drawing

def mix(a, b, t):
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(len(a)))


def hsv(h, s, v):
    i = int(h * 6) % 6
    f = h * 6 - int(h * 6)
    p, q, t = v * (1 - s), v * (1 - s * f), v * (1 - s * (1 - f))
    r, g, b = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)][i]
    return (int(r * 255), int(g * 255), int(b * 255))


def figure_coverage(x, y, cx, top, scale):
    """1 if (x, y) lies inside a head-and-shoulders silhouette, else 0.

    cx: centre x, top: y of the top of the head, scale: head radius."""
    r = scale
    hy = top + r * 1.15                          # head centre (slightly oval)
    dx, dy = (x - cx) / (r * 0.84), (y - hy) / (r * 1.08)
    if dx * dx + dy * dy <= 1.0:
        return 1
    # neck
    if abs(x - cx) <= r * 0.36 and hy < y <= hy + r * 1.4:
        return 1
    # torso: the top of a wide ellipse gives rounded shoulders
    sy = hy + r * 1.15
    ex, ey = (x - cx) / (r * 2.45), (y - (sy + r * 2.1)) / (r * 2.1)
    if y >= sy and ex * ex + ey * ey <= 1.0:
        return 1
    if y >= sy + r * 2.1 and abs(x - cx) <= r * 2.45:
        return 1
    return 0


def collar_coverage(x, y, cx, top, scale):
    """A white shirt collar 'V' under the chin, for a little detail."""
    r = scale
    hy = top + r * 1.15
    sy = hy + r * 1.05
    if sy <= y <= sy + r * 1.1:
        t = (y - sy) / (r * 1.1)
        half = r * 0.55 * (1 - t)
        return 1 if abs(x - cx) <= half else 0
    return 0


def portrait(key, group=False):
    """Return RGB rows for a stylised portrait chosen by the string key."""
    h = hashlib.sha256(key.encode('utf-8')).digest()
    hue = h[0] / 255.0
    bg_top = hsv(hue, 0.28 + h[1] / 255 * 0.2, 0.92)
    bg_bot = hsv(hue, 0.45 + h[2] / 255 * 0.2, 0.70)
    cloths = [hsv((hue + 0.5 + h[3 + k] / 255 * 0.25) % 1.0, 0.35 + h[4 + k] / 255 * 0.3,
                  0.22 + h[5 + k] / 255 * 0.3) for k in range(3)]
    skin = mix((214, 176, 148), (236, 204, 178), h[6] / 255)
    hair = mix((20, 18, 18), (70, 52, 40), h[7] / 255)
    long_hair = (not group) and h[10] % 3 == 0
    W, H = PHOTO_W, PHOTO_H
    S = W / 300                       # figures were drawn for 300 px wide
    if group:
        figs = [(W * 0.25, H * 0.30, 38 * S), (W * 0.75, H * 0.30, 38 * S), (W * 0.5, H * 0.36, 44 * S)]
    else:
        off = (h[8] / 255 - 0.5) * 20 * S
        figs = [(W * 0.5 + off, H * 0.17, (68 + h[9] / 255 * 8) * S)]
    rows = []
    for py in range(H):
        row = bytearray()
        t = py / (H - 1)
        bg = mix(bg_top, bg_bot, t)
        for px in range(W):
            acc = [0, 0, 0]
            for sy in range(SS):
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS
                    y = py + (sy + 0.5) / SS
                    col = bg
                    for fi, (cx, top, r) in enumerate(figs):     # later figures are in front
                        cloth = cloths[fi]
                        if figure_coverage(x, y, cx, top, r):
                            hy = top + r * 1.15
                            if y < hy + r * 1.0 and abs(x - cx) <= r * 0.86 + 1 and y < top + r * 2.3:
                                # head: hair on the upper part, skin below
                                hair_line = top + r * (0.62 + 0.12 * math.cos((x - cx) / r * 1.6))
                                side = long_hair and abs(x - cx) > r * 0.62 and y < hy + r * 0.7
                                col = hair if (y < hair_line or side) else skin
                            elif y < hy + r * 1.15:
                                col = skin          # neck
                            else:
                                col = (236, 238, 240) if collar_coverage(x, y, cx, top, r) else cloth
                    acc[0] += col[0]; acc[1] += col[1]; acc[2] += col[2]
            n = SS * SS
            row += bytes((acc[0] // n, acc[1] // n, acc[2] // n))
        rows.append(bytes(row))
    return rows


def star_contains(x, y, cx, cy, R, r_in):
    """Point-in-polygon for an upright five-pointed star."""
    pts = []
    for k in range(10):
        ang = -math.pi / 2 + k * math.pi / 5
        rad = R if k % 2 == 0 else r_in
        pts.append((cx + rad * math.cos(ang), cy + rad * math.sin(ang)))
    inside = False
    j = len(pts) - 1
    for i in range(len(pts)):
        xi, yi = pts[i]
        xj, yj = pts[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def glyph_hit(k, u, v):
    """A blocky stand-in for the k-th character of the seal's legend.

    u runs along the arc (0..1), v outwards from the centre (0..1, 1 = top of
    the character). Each glyph is a few horizontal and vertical strokes."""
    g = hashlib.md5(b'seal-glyph-%d' % k).digest()
    w = 0.13                                     # stroke width in cell units
    strokes = []
    nh = 2 + g[0] % 3                            # horizontal strokes
    for i in range(nh):
        vv = 0.1 + 0.8 * (i + 0.5) / nh
        u0 = 0.05 + (g[1 + i] % 4) * 0.07
        u1 = 0.95 - (g[5 + i] % 4) * 0.07
        strokes.append((u0, u1, vv - w / 2, vv + w / 2))
    nv = 1 + g[9] % 2                            # vertical strokes
    for i in range(nv):
        uu = 0.5 if nv == 1 else (0.22 if i == 0 else 0.78)
        uu += ((g[10 + i] % 3) - 1) * 0.12
        v0 = 0.02 + (g[12 + i] % 3) * 0.12
        v1 = 0.98 - (g[14 + i] % 2) * 0.2
        strokes.append((uu - w / 2, uu + w / 2, v0, v1))
    if g[3] & 1:                                 # a left-falling stroke
        t = u - (1 - v)
        if abs(t + 0.1) < w / 2 and 0.05 < u < 0.6:
            return True
    for u0, u1, v0, v1 in strokes:
        if u0 <= u <= u1 and v0 <= v <= v1:
            return True
    return False


def seal_rows():
    """Red round seal: outer ring, star, and a band of stylised glyph marks."""
    S = SEAL_SIZE
    c = S / 2
    R_out, R_ring_in = S * 0.48, S * 0.445
    band_out, band_in = S * 0.40, S * 0.31          # where the seal's text would sit
    red = (212, 22, 28)
    n_glyphs = 13
    span = math.radians(250)                        # the text arc, open at the bottom
    rows = []
    for py in range(S):
        row = bytearray()
        for px in range(S):
            cov = 0
            for sy in range(SS):
                for sx in range(SS):
                    x = px + (sx + 0.5) / SS - c
                    y = py + (sy + 0.5) / SS - c
                    d = math.hypot(x, y)
                    hit = R_ring_in <= d <= R_out
                    if not hit and star_contains(x, y, 0, 0, S * 0.17, S * 0.067):
                        hit = True
                    if not hit and band_in <= d <= band_out:
                        # angle measured clockwise from the top
                        a = math.atan2(x, -y)
                        if abs(a) <= span / 2:
                            pos = (a + span / 2) / span * n_glyphs
                            k = int(pos)
                            f = pos - k
                            if 0.08 <= f <= 0.92 and k < n_glyphs:
                                # a blocky 'character': strokes as a small grid
                                u = (f - 0.08) / 0.84
                                v = (d - band_in) / (band_out - band_in)
                                hit = glyph_hit(k, u, v)
                    if not hit and abs(y - S * 0.26) <= S * 0.018 and abs(x) <= S * 0.16:
                        hit = True                  # the short horizontal line under the star
                    cov += hit
            a = int(round(235 * cov / (SS * SS)))
            row += bytes((red[0], red[1], red[2], a))
        rows.append(bytes(row))
    return rows


# ---------------------------------------------------------------- main

def photos_wanted(edition):
    """(fileref, submission id, collective?) for every submission."""
    out = []
    subdir = os.path.join(edition, 'submissions')
    for name in sorted(os.listdir(subdir)):
        if not name.endswith('.xml'):
            continue
        with open(os.path.join(subdir, name), encoding='utf-8') as f:
            text = f.read()
        m = re.search(r'<imagedata\b[^>]*\bfileref="([^"]+)"', text)
        i = re.search(r'xml:id="([^"]+)"', text)
        if not m or not i:
            continue
        collective = re.search(r'<author>\s*<orgname>', text) is not None
        out.append((m.group(1), i.group(1), collective))
    return out


def write(path, data):
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(data)
    os.replace(tmp, path)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    edition = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, '..', 'input', '2020')
    os.makedirs(os.path.join(edition, 'images'), exist_ok=True)
    status = 0
    for fileref, sid, collective in photos_wanted(edition):
        path = os.path.join(edition, fileref)
        rows = portrait(sid, group=collective)
        if fileref.lower().endswith(('.jpg', '.jpeg')):
            data = jpeg_bytes(PHOTO_W, PHOTO_H, rows)
            if data is None:
                print('make-sample-images: cjpeg not found (apt-get install libjpeg-turbo-progs); '
                      'skipped ' + fileref, file=sys.stderr)
                status = 1
                continue
        else:
            data = png_bytes(PHOTO_W, PHOTO_H, rows, 'RGB')
        write(path, data)
        print('%s  %d bytes' % (fileref, len(data)))
    seal = os.path.join(edition, 'images', 'seal.png')
    data = png_bytes(SEAL_SIZE, SEAL_SIZE, seal_rows(), 'RGBA')
    write(seal, data)
    print('images/seal.png  %d bytes' % len(data))
    return status


if __name__ == '__main__':
    sys.exit(main())
