#!/usr/bin/env python3
"""Checks the converted test documents against what make.py meant.

1. Text: each .docx (and article.doc, .odt, .rtf) is converted by LibreOffice
   to plain text and compared, line by line, with the expected text in the
   form LibreOffice's text export shows it (make.expect(..., lo=True)): that
   export keeps leading indents, empty paragraphs, hidden text, footnote
   citation numbers and puts a space (and, in lists, an indent) around
   numbering labels; leading white space and empty lines are left out before
   comparing, the rest is compared as it is. See README.md.
2. The converter path: article.doc, .odt and .rtf converted to .docx by
   LibreOffice, as huibian import does, give the article's paragraphs with
   the labels left to Word's numbering (not typed into the text) and the
   numbering's label texts.
3. Features: each .docx holds the WordprocessingML the document is meant to
   exercise (numbering levels, w:vanish, a comment, headers, fields, merged
   cells, an image, a footnote...), so a LibreOffice that wrote something
   else would not silently leave a case uncovered.

Usage: verify.py   (run in this folder; needs soffice; exit 1 on a difference)
"""
import os
import re
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make  # noqa: E402

FEATURES = {
    "form-a": [("word/document.xml", r'<w:gridSpan w:val="6"/>'), ("word/document.xml", r'<w:gridSpan w:val="2"/>'),
               ("word/document.xml", "姓　名"), ("word/document.xml", r"职务(</w:t>.*?<w:t>)?/(</w:t>.*?<w:t>)?职称<")],
    "form-b": [("word/document.xml", r'<w:vMerge w:val="restart"/>'), ("word/document.xml", r'<w:vMerge w:val="continue"/>'),
               ("word/document.xml", "姓名："), ("word/document.xml", r"类  别：")],
    "article": [("word/numbering.xml", r'<w:numFmt w:val="taiwaneseCountingThousand"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/>'),
                ("word/numbering.xml", r'<w:lvlText w:val="（%2）"/>'),
                ("word/numbering.xml", r'<w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%3."/>'),
                ("word/numbering.xml", r'<w:lvlText w:val="（%1）"/>'),
                ("word/numbering.xml", r'<w:numFmt w:val="decimalEnclosedCircle"/>'),
                ("word/styles.xml", r'<w:style w:type="paragraph" w:styleId="Heading1">'),
                ("word/document.xml", r"<w:b/>")],
    "drops": [("word/document.xml", r"<w:vanish/>"), ("word/document.xml", r"<w:commentReference "),
              ("word/comments.xml", "请核实队员人数"), ("word/document.xml", r'<w:br w:type="page"/>'),
              ("word/document.xml", r"<w:pPr><w:sectPr>"), ("word/document.xml", r"DATE \\@"),
              ("word/header1.xml", make.DROPS_HEADER), ("word/header2.xml", make.DROPS_HEADER2),
              ("word/footer1.xml", r" PAGE "), ("word/document.xml", "<w:t>　　　她")],
    "tables": [("word/document.xml", r'<w:tblHeader w:val="true"/>'), ("word/document.xml", r'<w:vMerge w:val="restart"/>'),
               ("word/document.xml", r'<w:gridSpan w:val="2"/>'), ("word/document.xml", r"<w:footnoteReference "),
               ("word/footnotes.xml", "数据来源"), ("word/document.xml", r"<wp:inline "),
               ("word/media/image1.png", None)],
}


def lo_text(path, tmp):
    subprocess.run(["soffice", "--headless", "--norestore", "--nologo", "--nolockcheck",
                    "-env:UserInstallation=file://%s/profile" % tmp,
                    "--convert-to", "txt:Text (encoded):UTF8", "--outdir", tmp, path],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    base = os.path.splitext(os.path.basename(path))[0]
    if not os.path.exists(os.path.join(tmp, base + ".txt")):
        sys.exit("verify: soffice wrote no text for %s (run again; is another LibreOffice starting?)" % path)
    with open(os.path.join(tmp, base + ".txt"), encoding="utf-8-sig") as f:
        text = f.read()
    os.remove(os.path.join(tmp, base + ".txt"))
    return [l.lstrip("\u3000 \t") for l in text.splitlines() if l.strip("\u3000 \t")]


def main():
    bad = 0
    docs = {name: make_ for name, make_, _ in make.DOCS}
    files = [(n + ".docx", n) for n in list(docs) + ["word"]] + [("article." + x, "article")
                                                                   for x in ("doc", "odt", "rtf")]
    with tempfile.TemporaryDirectory() as tmp:
        for fname, name in files:
            if name == "word":
                want = make.wml_expect(make.word_doc(), lo=True).lines
            else:
                want = make.expect(docs[name](), lo=True).lines
            got = lo_text(os.path.join(HERE, fname), tmp)
            if got == want:
                print("verify: %s: text as expected (%d lines)" % (fname, len(want)))
                continue
            bad += 1
            print("verify: %s: text differs" % fname)
            for k in range(max(len(got), len(want))):
                g = got[k] if k < len(got) else "(none)"
                w = want[k] if k < len(want) else "(none)"
                if g != w:
                    print("  line %d\n    got:  %s\n    want: %s" % (k + 1, g, w))
        want = [b[4][len(b[2]):] for b in make.expect(make.article()).blocks if b[0] != "image"]
        for ext in ("doc", "odt", "rtf"):
            out = os.path.join(tmp, ext)
            subprocess.run(["soffice", "--headless", "--norestore", "--nologo", "--nolockcheck",
                            "-env:UserInstallation=file://%s/profile" % tmp, "--convert-to", "docx", "--outdir", out,
                            os.path.join(HERE, "article." + ext)],
                           stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            with zipfile.ZipFile(os.path.join(out, "article.docx")) as z:
                got = [p.lstrip("\u3000 \t") for p in make.docx_paragraphs(z.read("word/document.xml"))]
                numbering = z.read("word/numbering.xml").decode("utf-8")
            got = [p for p in got if p]
            labels = ["%1、", "（%2）", "%3.", "（%1）"]
            missing = [x for x in labels if '<w:lvlText w:val="%s"/>' % x not in numbering]
            if "decimalEnclosedCircle" not in numbering:
                missing.append("decimalEnclosedCircle")
            if got == want and not missing:
                print("verify: article.%s -> .docx: paragraphs and numbering as expected" % ext)
            else:
                bad += 1
                print("verify: article.%s -> .docx: numbering lacks %s; first different paragraph: %s" % (
                    ext, missing, next(((g, w) for g, w in zip(got, want) if g != w), (len(got), len(want)))))
    for name, checks in FEATURES.items():
        with zipfile.ZipFile(os.path.join(HERE, name + ".docx")) as z:
            members = set(z.namelist())
            for part, pattern in checks:
                if part not in members:
                    print("verify: %s.docx: no part %s" % (name, part))
                    bad += 1
                elif pattern is not None and not re.search(pattern, z.read(part).decode("utf-8")):
                    print("verify: %s.docx: %s lacks %s" % (name, part, pattern))
                    bad += 1
        print("verify: %s.docx: %d features present" % (name, len(checks)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
