"""The import test documents (tests/data/import) are what their generator
says they are: make.py, run again, writes the committed sources and expected
files byte for byte; each committed .docx holds the expected paragraphs
(read here with a plain WordprocessingML walk, independent of huibian's
reader: visible runs only, numbering labels left to Word, so the label is
not in the paragraph's text); the dropped things are really there to be
dropped; the rosters are in the encodings they claim and name the documents."""
import csv
import io
import os
import re
import subprocess
import sys
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import SRC, check, summary, tmp  # noqa: E402

DATA = os.path.join(SRC, "tests", "data", "import")
sys.path.insert(0, DATA)
from make import docx_paragraphs as paragraphs  # noqa: E402
TMP = tmp("/tmp/huibian-e2e-import-data")
DOCS = ["form-a", "form-b", "article", "drops", "tables"]  # converted by LibreOffice, in the rosters
WORD = ["word"]  # written as WordprocessingML by make.py


def regenerated():
    """make.py into a scratch folder; every file it writes equals the committed one."""
    out = os.path.join(TMP, "gen")
    os.makedirs(out, exist_ok=True)
    r = subprocess.run([sys.executable, os.path.join(DATA, "make.py"), out], capture_output=True, text=True)
    check(r.returncode == 0, "make.py runs: %s" % r.stderr)
    n = 0
    for root, _, names in os.walk(out):
        for name in names:
            p = os.path.join(root, name)
            rel = os.path.relpath(p, out)
            with open(p, "rb") as f:
                made = f.read()
            committed = os.path.join(DATA, rel)
            same = os.path.exists(committed) and open(committed, "rb").read() == made
            check(same, "%s is what make.py writes (run tests/data/import/make.sh)" % rel)
            n += 1
    want = {"photo.png", "roster.csv", "roster-utf8-bom.csv", "roster.xlsx", "tables.notes.txt"}
    for d in DOCS:
        want |= {"src/%s.fodt" % d, d + ".txt", d + ".blocks.tsv", d + ".drops.tsv"}
    want |= {"word.docx", "word.txt", "word.blocks.tsv", "tracked.docx", "tracked.refused.tsv"}
    check(n >= len(want) and all(os.path.exists(os.path.join(out, w)) for w in want),
          "make.py wrote the sources, expectations, photo and rosters (%d files)" % n)


def blocks(name):
    with open(os.path.join(DATA, name + ".blocks.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    return [dict(zip(("kind", "level", "label", "bold", "text"), r)) for r in rows]


def docx_holds_expected(name):
    with zipfile.ZipFile(os.path.join(DATA, name + ".docx")) as z:
        paras = paragraphs(z.read("word/document.xml"))
    got = [p.lstrip("\u3000 \t") for p in paras]
    got = [p for p in got if p]
    want = [b["text"][len(b["label"]):] for b in blocks(name) if b["kind"] != "image"]
    check(got == want, "%s.docx: its visible paragraphs, labels left to Word, are %s.txt's lines "
          "(got %d, want %d; first difference: %s)" % (
              name, name, len(got), len(want),
              next(((g, w) for g, w in zip(got + [""] * 99, want + [""] * 99) if g != w), None)))
    with open(os.path.join(DATA, name + ".txt"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    check(lines == [b["text"] for b in blocks(name) if b["kind"] != "image"],
          "%s.txt and %s.blocks.tsv say the same" % (name, name))


def part(name, member):
    with zipfile.ZipFile(os.path.join(DATA, name + ".docx")) as z:
        return z.read(member).decode("utf-8") if member in z.namelist() else ""


def drops_are_there():
    with open(os.path.join(DATA, "drops.drops.tsv"), encoding="utf-8") as f:
        drops = [line.rstrip("\n").split("\t") for line in f][1:]
    doc = part("drops", "word/document.xml")
    text = open(os.path.join(DATA, "drops.txt"), encoding="utf-8").read()
    kinds = {k for k, _ in drops}
    check(kinds >= {"empty", "indent", "page-break", "section-break", "header", "footer", "field-code",
                    "hidden", "comment"}, "drops.drops.tsv lists every kind of drop: %s" % sorted(kinds))
    for kind, what in drops:
        if kind == "hidden":
            check(re.search(r"<w:vanish/></w:rPr><w:t>%s<" % re.escape(what), doc),
                  "the hidden text %s is a hidden run of drops.docx" % what)
            check(what not in text, "the hidden text is not in drops.txt")
        elif kind == "comment":
            check(what in part("drops", "word/comments.xml") and what not in doc and what not in text,
                  "the comment %s is in comments.xml only" % what)
        elif kind in ("header", "footer"):
            parts = "".join(part("drops", "word/%s%d.xml" % (kind, k)) for k in (1, 2))
            plain = re.sub(r"<w:instrText[^>]*>[^<]*</w:instrText>", "", parts)
            plain = re.sub(r"<[^>]+>", "", plain)
            check(what in plain and what not in text, "the %s %s is in a %s part only" % (kind, what, kind))
        elif kind == "field-code" and what == "DATE":
            check(" DATE " in doc and "2026年9月30日" in text, "the DATE field's result stays, its code goes")
    check(doc.count('<w:br w:type="page"/>') == 1, "drops.docx has a page break")
    check(re.search(r"<w:pPr><w:sectPr>", doc), "drops.docx has a section break inside the body")
    notes = open(os.path.join(DATA, "tables.notes.txt"), encoding="utf-8").read().splitlines()
    foot = re.sub(r"<[^>]+>", "", part("tables", "word/footnotes.xml"))
    check(all(n in foot for n in notes) and notes, "tables.docx's footnote is tables.notes.txt")
    with zipfile.ZipFile(os.path.join(DATA, "tables.docx")) as z, open(os.path.join(DATA, "photo.png"), "rb") as f:
        check(z.read("word/media/image1.png") == f.read(), "tables.docx carries photo.png as it is")


def tracked():
    """tracked.docx has the unaccepted changes tracked.refused.tsv names, in
    those paragraphs and no others (counted over the body's w:p)."""
    with open(os.path.join(DATA, "tracked.refused.tsv"), encoding="utf-8") as f:
        want = sorted((int(a), b) for a, b in (line.rstrip("\n").split("\t") for line in list(f)[1:]))
    doc = part("tracked", "word/document.xml")
    got = []
    for k, p in enumerate(re.findall(r"<w:p[ >].*?</w:p>", doc), 1):
        got += [(k, "insertion")] * p.count("<w:ins ") + [(k, "deletion")] * p.count("<w:del ")
    check(sorted(got) == want and want, "tracked.docx's changes are where tracked.refused.tsv says: %s" % got)


def rosters():
    raw = open(os.path.join(DATA, "roster.csv"), "rb").read()
    try:
        raw.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError:
        utf8 = False
    check(not utf8, "roster.csv is not valid UTF-8 (it is GB18030)")
    gb = list(csv.reader(io.StringIO(raw.decode("gb18030"), newline="")))
    bom = open(os.path.join(DATA, "roster-utf8-bom.csv"), "rb").read()
    check(bom.startswith(b"\xef\xbb\xbf"), "roster-utf8-bom.csv starts with a BOM")
    u8 = list(csv.reader(io.StringIO(bom[3:].decode("utf-8"), newline="")))
    check(gb == u8, "the two CSV rosters hold the same rows")
    head = gb[1]
    files = [row[head.index("文件")] for row in gb[2:]]
    check(files == [d + ".docx" for d in DOCS + WORD], "the roster's 文件 column names the documents: %s" % files)
    with zipfile.ZipFile(os.path.join(DATA, "roster.xlsx")) as z:
        sst = z.read("xl/sharedStrings.xml").decode("utf-8")
    check(all(row[1] in sst and row[-1] in sst for row in gb[2:]), "roster.xlsx has every name and file")
    names = {}
    for d in ("form-a", "form-b"):
        with open(os.path.join(DATA, d + ".fields.tsv"), encoding="utf-8") as f:
            names[d + ".docx"] = dict(line.rstrip("\n").split("\t", 1) for line in f)["name"]
    for row in gb[2:]:
        if row[-1] in names:
            check(row[1] == names[row[-1]], "the roster's 姓名 of %s is its form's" % row[-1])


def main():
    os.makedirs(TMP, exist_ok=True)
    regenerated()
    for name in DOCS + WORD:
        docx_holds_expected(name)
    tracked()
    drops_are_there()
    rosters()
    return summary()


if __name__ == "__main__":
    sys.exit(main())
