#!/usr/bin/env python3
"""Text fidelity of the Word reader: for every .docx in a folder, the visible
text of the Word body (read here with Python's standard library, not with the
reader's code) must reach the reader's blocks in order, character for
character, white space aside (leading indents, empty paragraphs and paragraph
breaks are the reader's listed drops). A document with unaccepted tracked
changes must be refused instead.

    docx_text.py DOCXDUMP FOLDER

What counts as visible here, written from the WordprocessingML rules:
- text of w:t (and m:t in equations), w:tab as a tab, a w:br that is not a
  page or column break, w:cr, w:noBreakHyphen, w:sym;
- not: runs hidden by w:vanish/w:specVanish (directly, or by their character
  or paragraph style's chain), field codes (between a field's begin and
  separate), w:instrText, w:delText, phonetic guide text (w:rt);
- of mc:AlternateContent only the first Choice (Word writes text boxes twice);
- a text box's paragraphs after the paragraph that anchors it;
- a table of contents (a w:sdt of the "Table of Contents" gallery, or a
  paragraph styled "toc N") is left out, as the reader leaves it out;
- footnotes and endnotes (not separators) after the body, in the order of
  their first reference.
"""
import os
import posixpath
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"

REVISIONS = {"ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
             "tblPrChange", "tblPrExChange", "tcPrChange", "trPrChange", "tblGridChange",
             "cellIns", "cellDel", "cellMerge", "numberingChange"}


def rels(z, name):
    folder = posixpath.dirname(name)
    rel_name = posixpath.join(folder, "_rels", posixpath.basename(name) + ".rels")
    out = {}
    if rel_name not in z.namelist():
        return out
    for r in ET.fromstring(z.read(rel_name)).iter(PKG + "Relationship"):
        if r.get("TargetMode") == "External":
            continue
        target = r.get("Target")
        path = target[1:] if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        out[r.get("Type").rsplit("/", 1)[-1]] = path
    return out


def on(e):
    return e is not None and e.get(W + "val") not in ("0", "false", "off")


class Doc:
    def __init__(self, path):
        z = zipfile.ZipFile(path)
        pkg = ET.fromstring(z.read("_rels/.rels"))
        self.main = None
        for r in pkg.iter(PKG + "Relationship"):
            if r.get("Type").endswith("/officeDocument"):
                self.main = r.get("Target").lstrip("/")
        related = rels(z, self.main)
        self.body = ET.fromstring(z.read(self.main))
        self.styles = {}
        if "styles" in related:
            for s in ET.fromstring(z.read(related["styles"])).iter(W + "style"):
                name = s.find(W + "name")
                based = s.find(W + "basedOn")
                rpr = s.find(W + "rPr")
                vanish = None
                if rpr is not None and rpr.find(W + "vanish") is not None:
                    vanish = on(rpr.find(W + "vanish"))
                self.styles[(s.get(W + "type"), s.get(W + "styleId"))] = (
                    name.get(W + "val") if name is not None else "",
                    based.get(W + "val") if based is not None else None, vanish)
        self.default_para = None
        if "styles" in related:
            for s in ET.fromstring(z.read(related["styles"])).iter(W + "style"):
                if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true"):
                    self.default_para = self.default_para or s.get(W + "styleId")
        self.notes = {}
        for kind in ("footnotes", "endnotes"):
            if kind in related and related[kind] in z.namelist():
                root = ET.fromstring(z.read(related[kind]))
                for n in root:
                    if n.get(W + "type") in (None, "normal"):
                        self.notes[(kind, n.get(W + "id"))] = n
        self.revised = any(e.tag.startswith(W) and e.tag[len(W):] in REVISIONS
                           for root in [self.body] + list(self.notes.values())
                           for e in root.iter())
        self.code = []  # field stack: True while in a field's code
        self.seen_notes = []
        self.out = []

    def chain(self, kind, sid):
        hops = 0
        while sid and hops < 16:
            s = self.styles.get((kind, sid))
            if not s:
                return
            yield s
            sid = s[1]
            hops += 1

    def style_vanish(self, kind, sid):
        for _, _, v in self.chain(kind, sid):
            if v is not None:
                return v
        return False

    # -- paragraphs --
    def para(self, p, collect):
        ppr = p.find(W + "pPr")
        ps = ppr.find(W + "pStyle") if ppr is not None else None
        pstyle = ps.get(W + "val") if ps is not None else self.default_para
        toc = any(n.lower().startswith("toc ") or n.startswith("目录 ")
                  for n, _, _ in self.chain("paragraph", pstyle))
        text, boxes = [], []
        self.inline(p, pstyle, text, boxes, False)
        if not toc:
            collect.append("".join(text))
        for box in boxes:
            self.blocks(box, collect, toc)

    def inline(self, e, pstyle, text, boxes, hidden):
        for c in e:
            tag = c.tag
            if tag == MC + "AlternateContent":
                choice = c.find(MC + "Choice")
                if choice is None:
                    choice = c.find(MC + "Fallback")
                if choice is not None:
                    self.inline(choice, pstyle, text, boxes, hidden)
            elif tag == W + "r":
                rpr = c.find(W + "rPr")
                h = None
                if rpr is not None:
                    for k in ("vanish", "specVanish"):
                        if rpr.find(W + k) is not None and h is None:
                            h = on(rpr.find(W + k))
                    rs = rpr.find(W + "rStyle")
                    if h is None and rs is not None:
                        h = self.style_vanish("character", rs.get(W + "val"))
                if h is None:
                    h = self.style_vanish("paragraph", pstyle)
                self.inline(c, pstyle, text, boxes, h)
            elif tag == W + "fldChar":
                t = c.get(W + "fldCharType")
                if t == "begin":
                    self.code.append(True)
                elif t == "separate" and self.code:
                    self.code[-1] = False
                elif t == "end" and self.code:
                    self.code.pop()
            elif tag == W + "txbxContent":
                boxes.append(c)
            elif tag in (W + "rPr", W + "pPr", W + "instrText", W + "delText", W + "rt"):
                continue
            elif hidden or any(self.code):
                if tag in (W + "footnoteReference", W + "endnoteReference"):
                    continue
                self.inline(c, pstyle, [], boxes if not hidden else [], hidden)
            elif tag in (W + "t", M + "t"):
                text.append(c.text or "")
            elif tag in (W + "tab", W + "ptab"):
                text.append("\t")
            elif tag == W + "br":
                if c.get(W + "type") not in ("page", "column"):
                    text.append("\n")
            elif tag == W + "cr":
                text.append("\n")
            elif tag == W + "noBreakHyphen":
                text.append("\u2011")
            elif tag == W + "sym":
                cp = int(c.get(W + "char") or "0", 16)
                if 0xF020 <= cp <= 0xF0FF:
                    cp -= 0xF000
                if cp:
                    text.append(chr(cp))
            elif tag in (W + "footnoteReference", W + "endnoteReference"):
                kind = "footnotes" if tag == W + "footnoteReference" else "endnotes"
                key = (kind, c.get(W + "id"))
                if key in self.notes and key not in self.seen_notes:
                    self.seen_notes.append(key)
            else:
                self.inline(c, pstyle, text, boxes, hidden)

    # -- blocks --
    def blocks(self, parent, collect, skip=False):
        for c in parent:
            if c.tag == W + "p":
                self.para(c, [] if skip else collect)
            elif c.tag == W + "tbl":
                self.table(c, [] if skip else collect)
            elif c.tag == W + "sdt":
                pr = c.find(W + "sdtPr")
                gallery = pr.find(W + "docPartObj/" + W + "docPartGallery") if pr is not None else None
                toc = gallery is not None and (gallery.get(W + "val") or "").startswith(
                    "Table of Contents")
                content = c.find(W + "sdtContent")
                if content is not None:
                    self.blocks(content, [] if skip or toc else collect)
            elif c.tag == W + "customXml":
                self.blocks(c, [] if skip else collect)
            elif c.tag == MC + "AlternateContent":
                choice = c.find(MC + "Choice")
                if choice is None:
                    choice = c.find(MC + "Fallback")
                if choice is not None:
                    self.blocks(choice, [] if skip else collect)

    def table(self, tbl, collect):
        for c in tbl:
            if c.tag == W + "tr":
                for tc in c:
                    if tc.tag == W + "tc":
                        self.blocks(tc, collect)
                    elif tc.tag in (W + "sdt", W + "customXml"):
                        inner = tc.find(W + "sdtContent") if tc.tag == W + "sdt" else tc
                        for t2 in (inner if inner is not None else []):
                            if t2.tag == W + "tc":
                                self.blocks(t2, collect)
            elif c.tag in (W + "sdt", W + "customXml"):
                inner = c.find(W + "sdtContent") if c.tag == W + "sdt" else c
                if inner is not None:
                    self.table(inner, collect)

    def text(self):
        out = []
        self.blocks(self.body.find(W + "body"), out)
        i = 0
        while i < len(self.seen_notes):  # a note may reference another
            note = self.notes[self.seen_notes[i]]
            saved, self.code = self.code, []
            self.blocks(note, out)
            self.code = saved
            i += 1
        return "\n".join(out)


def squeeze(s):
    return "".join(ch for ch in s if not ch.isspace())


def main():
    dump, folder = sys.argv[1], sys.argv[2]
    files = sorted(f for f in os.listdir(folder) if f.endswith(".docx"))
    failed = 0
    checked = 0
    for name in files:
        path = os.path.join(folder, name)
        try:
            doc = Doc(path)
        except (KeyError, zipfile.BadZipFile, ET.ParseError):
            continue  # not a readable package: the unit test checks its refusal
        run = subprocess.run([dump, "--text", path], capture_output=True)
        got = run.stdout.decode("utf-8")
        if doc.revised:
            if run.returncode != 1 or "tracked changes" not in got:
                print(f"{name}: has tracked changes but was not refused: {got[:200]!r}")
                failed += 1
            checked += 1
            continue
        if run.returncode != 0:
            print(f"{name}: refused: {got.strip()}")
            failed += 1
            continue
        want = squeeze(doc.text())
        have = squeeze(got)
        checked += 1
        if want != have:
            i = next((k for k in range(min(len(want), len(have))) if want[k] != have[k]),
                     min(len(want), len(have)))
            print(f"{name}: text differs at character {i}:\n  Word:   {want[max(0, i - 20):i + 40]!r}"
                  f"\n  reader: {have[max(0, i - 20):i + 40]!r}")
            failed += 1
    print(f"{checked} documents checked, {failed} failed")
    return 1 if failed or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
