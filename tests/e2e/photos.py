"""Photos as phones and print shops send them, made at run time with
tests/tools/mkjpeg (HUIBIAN_MKJPEG) into copies of the sample edition:

- CMYK JPEGs (plain, Adobe's inverted CMYK, YCCK): the check passes them, the
  compendium embeds them as RGB (no DeviceCMYK image), in their colours, the
  same bytes on every run, and the archive's PDF/A-1b passes PDFBox Preflight;
- EXIF orientations 6, 8 and 3 (both byte orders): each photo prints upright
  (its four coloured quadrants where they belong, read from a 70 dpi render of
  its page), sized by its upright shape, and the 300 dpi check measures the
  upright photo;
- a JPEG whose scan is cut short with an end marker appended: an error at the
  submission's imagedata line, and no build."""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-photos")
MKJPEG = os.environ["HUIBIAN_MKJPEG"]
EDITION = os.path.join(SRC, "input", "2020")
# upright quadrants of mkjpeg's picture: red, green / blue, yellow
QUADRANTS = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
CP = ":".join("/usr/share/java/%s.jar" % j for j in
              ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"])


def edition(name, photos):
    """A copy of the sample edition where each submission id in photos gets
    images/ID.jpg made by mkjpeg with the given arguments (KIND W H [...])."""
    ed = os.path.join(TMP, name)
    shutil.copytree(EDITION, ed)
    for sid, args in photos.items():
        rel = "images/%s.jpg" % sid
        r = run(MKJPEG, os.path.join(ed, rel), *[str(a) for a in args])
        assert r.returncode == 0, r.stderr
        sub = os.path.join(ed, "submissions", sid + ".xml")
        text = open(sub, encoding="utf-8").read()
        old = re.search(r'fileref="([^"]*)"', text).group(1)
        if old != rel:
            replace_in(sub, 'fileref="%s"' % old, 'fileref="%s"' % rel)
    return ed


def title_of(ed, sid):
    text = open(os.path.join(ed, "submissions", sid + ".xml"), encoding="utf-8").read()
    return re.search(r"<title>([^<]*)</title>", text).group(1)


def photo_boxes(trace):
    """{article title: (page, x, y, w, h, orientation)} from a build's trace:
    the first image on the page each level-1 outline entry points at."""
    images, titles, page = {}, {}, 0
    for line in open(trace, encoding="utf-8"):
        m = re.match(r"^page (\d+) ", line)
        if m:
            page = int(m.group(1))
        m = re.match(r"^  image x=(\S+) y=(\S+) w=(\S+) h=(\S+)(?: orientation=(\d))?$", line)
        if m and page not in images:
            images[page] = tuple(float(m.group(i)) for i in range(1, 5)) + (int(m.group(5) or 1),)
        m = re.match(r"^outline 1 page=(\d+) (.*)$", line)
        if m:
            titles[m.group(2)] = int(m.group(1))
    out = {}
    for title, pg in titles.items():
        for p in (pg, pg + 1):  # the photo may follow the title onto the next page
            if p in images:
                out[title] = (p,) + images[p]
                break
    return out


def read_ppm(path):
    data = open(path, "rb").read()
    m = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    w, h = int(m.group(1)), int(m.group(2))
    return w, h, data[m.end():]


def quadrants_upright(label, pdf, box, dpi=70):
    """Renders the box's page at dpi and checks the mean colour around each
    quadrant's centre of the photo in box."""
    page, x, y, w, h, _ = box
    base = os.path.join(TMP, "render-%s-%d" % (label, page))
    r = run("pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", pdf, base)
    if not check(r.returncode == 0, label + ": pdftoppm: " + r.stderr):
        return
    pw, ph, px = read_ppm(base + ".ppm")
    k = dpi / 72.0
    for q, want in enumerate(QUADRANTS):
        cx, cy = (x + w * (0.25 + 0.5 * (q % 2))) * k, (y + h * (0.25 + 0.5 * (q // 2))) * k
        sums, n = [0, 0, 0], 0
        for yy in range(int(cy) - 4, int(cy) + 5):
            for xx in range(int(cx) - 4, int(cx) + 5):
                i = (yy * pw + xx) * 3
                for c in range(3):
                    sums[c] += px[i + c]
                n += 1
        got = tuple(round(s / n) for s in sums)
        check(all(abs(g - t) < 48 for g, t in zip(got, want)),
              "%s: quadrant %d of the photo on page %d is %s, want %s" % (label, q, page, got, want))
    os.unlink(base + ".ppm")


def image_colours(pdf):
    """The colour column of pdfimages -list, one entry per image drawn."""
    r = run("pdfimages", "-list", pdf)
    return [line.split()[5] for line in r.stdout.splitlines()[2:] if line.strip()]


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)

    # --- CMYK ----------------------------------------------------------------
    cmyk = {"s2020-003": ["cmyk-adobe", 360, 480], "s2020-010": ["cmyk", 360, 480],
            "s2020-001": ["ycck", 360, 480]}
    ed = edition("cmyk", cmyk)
    r = run(BIN, "check", ed)
    check(r.returncode == 0 and "photo-" not in r.stderr, "CMYK photos pass the check: " + r.stderr[-400:])
    outs = []
    for n in (1, 2):
        out = os.path.join(TMP, "cmyk-out%d" % n)
        r = run(BIN, "build", ed, "-o", out, "--trace")
        check(r.returncode == 0, "CMYK edition builds: " + r.stderr[-400:])
        outs.append(out)
    pdf = os.path.join(outs[0], "compendium.pdf")
    check(open(pdf, "rb").read() == open(os.path.join(outs[1], "compendium.pdf"), "rb").read(),
          "CMYK edition: compendium.pdf is the same bytes on two runs")
    colours = image_colours(pdf)
    check(colours and "cmyk" not in colours, "CMYK edition: no CMYK image in the compendium: %s" % colours)
    boxes = photo_boxes(os.path.join(outs[0], "compendium.trace"))
    for sid in cmyk:
        box = boxes.get(title_of(ed, sid))
        if check(box is not None, "CMYK edition: the photo of %s is in the trace" % sid):
            quadrants_upright("cmyk-" + sid, pdf, box)
    arch = os.path.join(TMP, "cmyk-archive")
    r = run(BIN, "archive", ed, "--into", arch)
    check(r.returncode == 0, "CMYK edition is archived: " + r.stderr[-400:])
    apdf = os.path.join(arch, "2020", "compendium.pdf")
    if os.path.exists(apdf):
        colours = image_colours(apdf)
        check(colours and "cmyk" not in colours, "CMYK archive: no CMYK image in the PDF/A: %s" % colours)
        raw = open(apdf, "rb").read()
        check(b"/DeviceCMYK" not in raw, "CMYK archive: the PDF/A names no DeviceCMYK")
        if shutil.which("java") and os.path.exists("/usr/share/java/preflight.jar"):
            r = run("java", "-cp", CP, "org.apache.pdfbox.preflight.Validator_A1b", apdf)
            check("is a valid PDF/A-1b file" in r.stdout, "CMYK archive: PDFBox Preflight: " + r.stdout[-600:])
        else:
            print("note: PDFBox Preflight is not installed; the PDF/A verdict was not asked")

    # --- EXIF orientation ----------------------------------------------------
    # 360x480 upright (3:4, the box's shape); s2020-006 is 200x400 upright,
    # stored 400x200: printed 20x40 mm that is 254 dpi, a warning, where the
    # stored shape (30x15 mm, 338 dpi) would have passed
    turned = {"s2020-003": ["rgb", 360, 480, 6, "be"], "s2020-010": ["rgb", 360, 480, 8, "le"],
              "s2020-001": ["rgb", 360, 480, 3, "le"], "s2020-006": ["rgb", 200, 400, 6, "le"]}
    ed = edition("turned", turned)
    r = run(BIN, "check", ed)
    low = [line for line in r.stderr.splitlines() if "[photo-low-dpi]" in line]
    check(len(low) == 1 and "s2020-006.xml" in low[0] and "has 200x400 pixels: printed 20x40 mm that is 254 dpi"
          in low[0], "the dpi check measures the upright photo:\n" + r.stderr[-600:])
    out = os.path.join(TMP, "turned-out")
    r = run(BIN, "build", ed, "-o", out, "--trace")
    check(r.returncode == 0, "the edition with turned photos builds: " + r.stderr[-400:])
    pdf = os.path.join(out, "compendium.pdf")
    boxes = photo_boxes(os.path.join(out, "compendium.trace"))
    for sid, args in turned.items():
        box = boxes.get(title_of(ed, sid))
        if not check(box is not None, "turned: the photo of %s is in the trace" % sid):
            continue
        w, h = box[3], box[4]
        check(box[5] == args[3], "turned: %s is placed with orientation %d (%d)" % (sid, args[3], box[5]))
        check(abs(w / h - args[1] / args[2]) < 0.01, "turned: %s's box has the upright shape (%.2f x %.2f)"
              % (sid, w, h))
        if sid != "s2020-006":
            quadrants_upright("turned-" + sid, pdf, box)
    # the page with orientation 6 for a person to look at
    box = boxes.get(title_of(ed, "s2020-003"))
    if box:
        run("pdftoppm", "-r", "70", "-png", "-f", str(box[0]), "-l", str(box[0]), "-singlefile", pdf,
            os.path.join(TMP, "turned-page"))

    # --- damaged -------------------------------------------------------------
    ed = edition("damaged", {"s2020-003": ["rgb", 360, 480, 0, "be", 300, 0.6]})
    sub = os.path.join(ed, "submissions", "s2020-003.xml")
    lines = open(sub, encoding="utf-8").read().split("\n")
    ln = next(i for i, line in enumerate(lines) if "<imagedata" in line)
    where = "submissions/s2020-003.xml:%d:%d:" % (ln + 1, lines[ln].index("<imagedata") + 1)
    r = run(BIN, "check", ".", cwd=ed)
    want = ("%s error: photo 'images/s2020-003.jpg' cannot be used: the JPEG file is damaged (Corrupt "
            "JPEG data: premature end of data segment); ask the unit to send it again: this copy is cut "
            "short or corrupt [photo-unreadable]" % where)
    check(r.returncode == 1 and want in r.stderr.splitlines(), "damaged JPEG: the finding\n%s\nwant %s"
          % (r.stderr[-600:], want))
    check("Corrupt JPEG" not in r.stdout and r.stderr.count("Corrupt JPEG") == 1,
          "damaged JPEG: libjpeg prints nothing of its own")
    out = os.path.join(TMP, "damaged-out")
    r = run(BIN, "build", ed, "-o", out)
    check(r.returncode != 0 and not os.path.exists(os.path.join(out, "compendium.pdf")),
          "damaged JPEG: no build: " + r.stderr[-300:])
    return summary()


if __name__ == "__main__":
    sys.exit(main())
