"""End to end: the sample edition's PDFs as five independent readers extract
their text — poppler (pdftotext), MuPDF (mutool), Ghostscript (txtwrite),
pdf.js (npm's pdfjs-dist, on Node) and PDFBox — for the compendium, the
certificates and both again as archived (PDF/A-1b). Every reader must give
every page the same text, with no U+FFFD (a glyph it could not map back to a
character) and nothing on its stderr (no warning, no error); and the text must
be the edition's: its title on the cover, each article's title and byline on
its first page, in compendium order, each certificate's awardee and number on
its sheet.

Why five: a reader can mishandle what others accept. MuPDF 1.21 lost the text
of every glyph past a font's 127th when the fonts had one-byte codes under an
encoding CMap of their own, where poppler and Ghostscript read them; pdf.c
writes Identity-H since.

What is compared, per page: the characters in content-stream order with every
whitespace character left out (Python's str.isspace: ASCII spaces and line
ends, the form feed, U+3000 IDEOGRAPHIC SPACE and the other Unicode spaces).
Readers make spaces of their own from the gaps between glyphs (justified
lines, Han-Latin spacing, letter-spaced headings), break lines in their own
places, and some give U+3000 as an ASCII space; nothing else is normalised.
Content-stream order, because each reader that sorts by position has its own
layout analysis (a page number before or after the body): pdftotext -raw and
Ghostscript's TextFormat=0 give the content order like the other three.

A reader that is not installed fails the test, naming what to install;
scripts/install-deps.sh --test (run by make test) installs them all."""
import html
import json
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-readers")
CLASSES = os.path.join(TMP, "classes")  # lib/PdfboxText.java, compiled once
EDITION = os.path.join(SRC, "input", "2020")
LIB = os.path.join(SRC, "tests", "e2e", "lib")
# where scripts/install-deps.sh --test installs pdf.js (the version pinned in lib/package.json)
PDFJS = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "huibian", "pdfjs")
PDFBOX_CP = ":".join("/usr/share/java/%s.jar" % j for j in ["pdfbox2", "fontbox2", "commons-logging"])
INSTALL = "run scripts/install-deps.sh --test"

# pdf.js on Node without the optional canvas package says so when it loads;
# only drawing pages needs what it misses, and this test does not draw.
PDFJS_NODE_NOTES = {"Warning: Cannot polyfill `DOMMatrix`, rendering may be broken.",
                    "Warning: Cannot polyfill `Path2D`, rendering may be broken."}
# Ghostscript's banner and progress lines: without -q it also says what it
# repaired or ignored in a file, which -q would hide.
GS_PROGRESS = re.compile(r"GPL Ghostscript .*|Copyright \(C\) .*|This software is supplied under .*|"
                         r"see the file COPYING for details\.|Processing pages \d+ through \d+\.|Page \d+")


def form_feed_pages(text):
    """Pages of a text each of whose pages ends with a form feed."""
    return text.split("\f")[:-1]


def poppler(pdf):
    r = run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-")
    return r, form_feed_pages(r.stdout), r.stderr


def mupdf(pdf):
    # -N: no colour management (Debian's mutool has none and warns about it
    # otherwise; text needs none)
    r = run("mutool", "draw", "-q", "-N", "-F", "txt", "-o", "-", pdf)
    return r, form_feed_pages(r.stdout), r.stderr


def ghostscript(pdf):
    # TextFormat=0: each page's characters in content order, as XML; its
    # messages go to stderr, so that stdout is only the text
    r = run("gs", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sstdout=%stderr", "-sDEVICE=txtwrite",
            "-dTextFormat=0", "-sOutputFile=-", pdf)
    pages = ["".join(html.unescape(c) for c in re.findall(r'<char [^>]*\bc="([^"]*)"', p))
             for p in r.stdout.split("</page>")[:-1]]
    err = "\n".join(l for l in r.stderr.splitlines() if l.strip() and not GS_PROGRESS.fullmatch(l))
    return r, pages, err


def pdfjs(pdf):
    r = run("node", os.path.join(LIB, "pdfjs-text.mjs"), os.path.join(PDFJS, "node_modules", "pdfjs-dist"), pdf)
    err = "\n".join(l for l in r.stderr.splitlines() if l not in PDFJS_NODE_NOTES)
    return r, form_feed_pages(r.stdout), err


def pdfbox(pdf):
    r = run("java", "-cp", CLASSES + ":" + PDFBOX_CP, "PdfboxText", pdf)
    return r, form_feed_pages(r.stdout), r.stderr


READERS = [("poppler", poppler), ("MuPDF", mupdf), ("Ghostscript", ghostscript),
           ("pdf.js", pdfjs), ("PDFBox", pdfbox)]


def missing_readers():
    """Why each absent reader is absent, with what installs it."""
    why = []
    for cmd, pkg in [("pdftotext", "poppler-utils"), ("mutool", "mupdf-tools"), ("gs", "ghostscript"),
                     ("node", "nodejs"), ("java", "default-jre-headless")]:
        if not shutil.which(cmd):
            why.append("%s is missing (Debian package %s)" % (cmd, pkg))
    for jar in PDFBOX_CP.split(":"):
        if not os.path.isfile(jar):
            why.append("%s is missing (Debian package libpdfbox2-java)" % jar)
    pin = os.path.join(LIB, "package.json")
    installed = os.path.join(PDFJS, "node_modules", "pdfjs-dist", "package.json")
    want = json.load(open(pin, encoding="utf-8"))["dependencies"]["pdfjs-dist"]
    have = json.load(open(installed, encoding="utf-8"))["version"] if os.path.isfile(installed) else None
    if have != want:
        why.append("pdf.js (npm package pdfjs-dist %s) is not in %s%s" %
                   (want, PDFJS, " (%s is)" % have if have else ""))
    return why


def squeeze(page):
    """A page's text without its whitespace (see the top of this file)."""
    return "".join(c for c in page if not c.isspace())


def where(a, b):
    """Where two texts first differ, with some context of each."""
    i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return "at character %d: %r against %r" % (i, a[max(0, i - 12):i + 12], b[max(0, i - 12):i + 12])


def read_all(pdf, name):
    """Every reader's squeezed pages of pdf, once the readers agree on them
    (checked here); None when they do not."""
    npages = int(run("qpdf", "--show-npages", pdf).stdout.strip() or 0)
    texts = {}
    for reader, extract in READERS:
        r, pages, err = extract(pdf)
        check(r.returncode == 0, "%s: %s exits 0 (%d): %s" % (name, reader, r.returncode, r.stderr[-300:]))
        check(err == "", "%s: %s says nothing on stderr: %s" % (name, reader, err[:600]))
        check(len(pages) == npages, "%s: %s reads %d pages of %d" % (name, reader, len(pages), npages))
        bad = [i + 1 for i, p in enumerate(pages) if "\ufffd" in p]
        check(not bad, "%s: %s gives no U+FFFD (it does on pages %s)" % (name, reader, bad[:10]))
        texts[reader] = [squeeze(p) for p in pages]
    ref_name, ref = READERS[0][0], texts[READERS[0][0]]
    check(sum(map(len, ref)) > 0, "%s: %s finds text" % (name, ref_name))
    same = True
    for reader, pages in list(texts.items())[1:]:
        diff = [i for i in range(min(len(ref), len(pages))) if ref[i] != pages[i]]
        for i in diff[:3]:
            print("%s page %d: %s differs from %s %s" % (name, i + 1, reader, ref_name, where(ref[i], pages[i])))
        same = check(not diff and len(pages) == len(ref),
                     "%s: %s reads every page as %s does (%d pages differ)" %
                     (name, reader, ref_name, len(diff))) and same
    return ref if same else None


shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)

absent = missing_readers()
for why in absent:
    check(False, "a reader is missing: %s; %s" % (why, INSTALL))
if absent:
    sys.exit(summary())

r = run("java", "-m", "jdk.compiler/com.sun.tools.javac.Main", "-cp", PDFBOX_CP, "-d", CLASSES,
        os.path.join(LIB, "PdfboxText.java"))
check(r.returncode == 0 and r.stderr == "", "lib/PdfboxText.java compiles: " + r.stdout + r.stderr)

out, archive = os.path.join(TMP, "out"), os.path.join(TMP, "archive")
r = run(BIN, "build", EDITION, "-o", out)
check(r.returncode == 0, "the sample edition builds: " + r.stderr[-300:])
r = run(BIN, "archive", EDITION, "--into", archive)
check(r.returncode == 0, "the sample edition is archived: " + r.stderr[-300:])
report = json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
people = {s["id"]: s for s in report["submissions"]}
awardees = [people[i] for i in report["compendium_order"]]

pdfs = {}
for folder, label in [(out, "built"), (os.path.join(archive, "2020"), "archived")]:
    for f in ["compendium.pdf", "certificates.pdf"]:
        pdfs[label + " " + f] = read_all(os.path.join(folder, f), label + " " + f)

for label in ["built", "archived"]:
    book = pdfs[label + " compendium.pdf"]
    if book:
        check(book[0].startswith("青石县争当排头兵竞赛活动先进典型事迹汇编"),
              label + " compendium: the cover has the title: " + book[0][:40])
        check("前言" in book[1], label + " compendium: 前言 on page 2")
        # each article's first page: its title, and the byline (the name, then
        # the unit: the 目录 gives the name and a page number), in compendium order
        last = 0
        for a in awardees:
            title, byline = squeeze(a["title"]), squeeze(a["name"] + a["unit"])
            page = next((i for i in range(last + 1, len(book)) if title in book[i] and byline in book[i]), None)
            check(page is not None, "%s compendium: the article of %s (%s) after page %d" %
                  (label, a["name"], a["title"], last + 1))
            last = page if page is not None else last
    sheets = pdfs[label + " certificates.pdf"]
    if sheets:
        check(len(sheets) == len(awardees), "%s certificates: one sheet per awardee" % label)
        for a, sheet in zip(awardees, sheets):
            check(squeeze(a["name"]) in sheet and "编号：" + a["certificate"] in sheet,
                  "%s certificates: %s and %s on the sheet: %s" % (label, a["name"], a["certificate"], sheet[:60]))
for f in ["compendium.pdf", "certificates.pdf"]:
    if pdfs["built " + f] and pdfs["archived " + f]:
        check(pdfs["built " + f] == pdfs["archived " + f], f + ": the archived PDF/A has the text of the built one")

sys.exit(summary())
