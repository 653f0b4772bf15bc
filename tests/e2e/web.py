"""The website edition without a browser (docs/outputs.md, "web"): build
--only web writes web/ and web.zip and nothing else; a second build gives
the same bytes; the manifest lists every file; web.zip holds exactly the
files of web/; every page parses as HTML5 without an error (html5lib, the
WHATWG parsing algorithm); one h1 a page, lang="zh-CN", no script, nothing
fetched from outside the site; a title with markup stays text; photos are
JPEGs without EXIF at most 1200 px (thumbnails 400 px) on their long edge, a
photo stored turned comes out upright; the 公众号 copies have inline styles
only and their pictures inside."""
import hashlib
import json
import os
import re
import shutil
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, check, run, summary, tmp  # noqa: E402
import webedition  # noqa: E402

try:
    import html5lib  # noqa: E402
except ImportError:  # Debian's python3-html5lib, under another python3 on PATH
    sys.path.append("/usr/lib/python3/dist-packages")
    import html5lib  # noqa: E402

TMP = tmp("/tmp/huibian-web")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
ed = webedition.make(TMP)


def build(name, only="web,report"):
    out = os.path.join(TMP, name)
    r = run(BIN, "build", ed, "-o", out, "--only", only)
    check(r.returncode == 0, f"build --only {only}: {r.stdout}{r.stderr}")
    return out


def files_under(folder):
    got = {}
    for root, _, names in os.walk(folder):
        for n in names:
            p = os.path.join(root, n)
            with open(p, "rb") as f:
                got[os.path.relpath(p, folder)] = f.read()
    return got


def jpeg_info(data):
    """(width, height, markers) of a JPEG: the segment markers before its scan."""
    assert data[:2] == b"\xff\xd8"
    pos, markers, size = 2, [], None
    while pos < len(data):
        assert data[pos] == 0xFF
        m = data[pos + 1]
        markers.append(m)
        if m == 0xDA:
            break
        n = int.from_bytes(data[pos + 2:pos + 4], "big")
        if 0xC0 <= m <= 0xC3:
            h = int.from_bytes(data[pos + 5:pos + 7], "big")
            w = int.from_bytes(data[pos + 7:pos + 9], "big")
            size = (w, h)
        pos += 2 + n
    return size[0], size[1], markers


out = build("out")
web = os.path.join(out, "web")
check(sorted(os.listdir(out)) == ["manifest.json", "report.json", "web", "web.zip"],
      f"only web/, web.zip, the report and the manifest: {sorted(os.listdir(out))}")
site = files_under(web)
with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
    order = json.load(f)["compendium_order"]
pages = ["index.html"] + [i + ".html" for i in order]
check(all(p in site for p in pages), "an index and a page per awarded article")
check(all("wechat/" + i + ".html" in site for i in order), "a 公众号 copy per awarded article")
check(len([p for p in site if p.endswith(".html") and "/" not in p]) == len(order) + 1,
      "no page for a submission that was not awarded")

# the same bytes again
out2 = build("out2")
check(files_under(out2) == files_under(out), "a second build writes the same bytes (web.zip included)")

# the manifest lists every file, with its hash
with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
    manifest = json.load(f)
listed = {o["path"]: o["sha256"] for o in manifest["outputs"]}
for rel, data in files_under(out).items():
    if rel != "manifest.json":
        check(listed.get(rel) == hashlib.sha256(data).hexdigest(), f"manifest lists {rel} with its hash")
check(any(t["path"].endswith("web.css") for t in manifest.get("templates", [])),
      "the manifest lists the stylesheet it was made from")

# web.zip: the files of web/, nothing else, dated the documents' day
with zipfile.ZipFile(os.path.join(out, "web.zip")) as z:
    names = z.namelist()
    check(sorted(names) == sorted(site), "web.zip holds exactly the files of web/")
    check(names[0] == "index.html", f"web.zip begins with index.html: {names[:3]}")
    check(all(z.read(n) == site[n] for n in names), "web.zip's members are the files' bytes")
    check(len({i.date_time for i in z.infolist()}) == 1, "every member of web.zip has the same date")
    check(z.testzip() is None, "web.zip's CRCs are right")

# the HTML: well-formed HTML5, one h1, nothing outside the site, no script
parser = html5lib.HTMLParser(strict=True)
for rel, data in sorted(site.items()):
    if not rel.endswith(".html"):
        continue
    text = data.decode("utf-8")
    # (the copies are the site's markup with styles and pictures inline: one is parsed, for time)
    if not rel.startswith("wechat/") or rel == "wechat/s2020-001.html":
        try:
            parser.parse(text)
            ok = True
        except Exception as ex:  # html5lib's ParseError says where
            ok = False
            print(rel, ex)
        check(ok, f"{rel} parses as HTML5 without an error")
    check(text.startswith("<!DOCTYPE html>\n<html lang=\"zh-CN\">"), f"{rel}: doctype and lang=zh-CN")
    check(text.count("<h1") == 1, f"{rel}: one h1")
    check("<script" not in text.lower() and " on" not in re.sub(r">[^<]*<", "><", text),
          f"{rel}: no script, no event handler")
    refs = re.findall(r'(?:src|href)="([^"]*)"', text)
    outside = [u for u in refs if re.match(r"[a-z]+:", u) and not u.startswith("data:image/jpeg;base64,")]
    check(not outside, f"{rel}: nothing from outside the site: {outside[:3]}")
    for u in refs:
        if not u.startswith(("data:", "#")):
            target = os.path.normpath(os.path.join(os.path.dirname(rel), u))
            check(target in site, f"{rel}: the link {u} is a file of the site")
    for img in re.findall(r"<img [^>]*>", text):
        check(re.search(r' alt="[^"]+"', img), f"{rel}: an alt text on {img[:60]}")
        src = re.search(r' src="(images/[^"]+)"', img)
        size = re.search(r' width="(\d+)" height="(\d+)"', img)
        if src and src.group(1) in site:
            check(size and (int(size.group(1)), int(size.group(2))) == jpeg_info(site[src.group(1)])[:2],
                  f"{rel}: {src.group(1)} with its size in pixels")
    if rel.startswith("wechat/"):
        check("class=" not in text and "<link" not in text and "<style" not in text,
              f"{rel}: inline styles only")
        check(' style="' in text, f"{rel}: styled inline")

# a title with markup is text
two = site["s2020-002.html"].decode("utf-8")
check("&lt;script&gt;alert(1)&lt;/script&gt;" in two, "a <script> in a title is escaped as text")

# the photos
for rel, data in site.items():
    if rel.endswith(".jpg"):
        w, h, markers = jpeg_info(data)
        edge = 400 if rel.endswith("-thumb.jpg") else 1200
        check(max(w, h) <= edge, f"{rel}: long edge {max(w, h)} at most {edge}")
        check(0xE1 not in markers and 0xFE not in markers and 0xED not in markers,
              f"{rel}: no EXIF, XMP, IPTC or comment: markers {[hex(m) for m in markers]}")
check(jpeg_info(site["images/s2020-001-fig1.jpg"])[:2] == (1200, 720), "a 2000x1200 figure becomes 1200x720")
check(jpeg_info(site["images/%s.jpg" % webedition.TURNED_ID])[:2] == (675, 1200),
      "a photo stored turned (EXIF 6) is upright: 900x1600 becomes 675x1200")
check(jpeg_info(site["images/%s-thumb.jpg" % webedition.TURNED_ID])[:2] == (225, 400),
      "its thumbnail is 225x400")
wx = site["wechat/s2020-001.html"].decode("utf-8")
check(wx.count("data:image/jpeg;base64,") == 2, "the 公众号 copy carries its photo and figure inside")

# a build without --only web writes none of it
out3 = build("out3", "report")
check(not os.path.exists(os.path.join(out3, "web")), "web is not built unless asked for")
sys.exit(summary())
