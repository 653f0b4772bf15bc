"""Rare characters past the Basic Multilingual Plane (CJK Extension B, common
in names): printed like any other character when a font has them, reported
at their line and column (no-glyph) when none has.

𠮟 (U+20B9F) is in AR PL UMing and LXGW WenKai, Debian's defaults; 𠀀
(U+20000) is in none of the fonts the project installs."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-rare")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
SAMPLE = os.path.join(SRC, "input", "2020")
RARE = "\U00020B9F"      # 𠮟
NOWHERE = "\U00020000"   # 𠀀


def pdftext(pdf):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                          text=True).stdout


# 1. A name and a sentence with 𠮟: check is clean, the build prints both,
#    in the compendium (name, body) and on the certificate (name).
ed = os.path.join(TMP, "rare")
shutil.copytree(SAMPLE, ed)
sub = os.path.join(ed, "submissions", "s2020-001.xml")
replace_in(sub, "<personname>王秀英</personname>", "<personname>王%s英</personname>" % RARE)
replace_in(sub, "她心里很不是滋味。", "她从不%s责村民，心里却很不是滋味。" % RARE)
r = run(BIN, "check", ed)
check(r.returncode == 0, "check with U+20B9F exits 0 (%d)\n%s" % (r.returncode, r.stderr))
check("U+20B9F" not in r.stderr, "check reports U+20B9F\n" + r.stderr)
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out)
check(r.returncode == 0, "build with U+20B9F exits 0 (%d)\n%s" % (r.returncode, r.stderr))
comp = pdftext(os.path.join(out, "compendium.pdf"))
check(("王%s英" % RARE) in comp, "the compendium has the name with U+20B9F")
check(("从不%s责村民" % RARE) in comp.replace("\n", ""), "the compendium has the sentence with U+20B9F")
certs = pdftext(os.path.join(out, "certificates.pdf"))
check(("王%s英" % RARE) in certs, "a certificate has the name with U+20B9F")
fonts = subprocess.run(["pdffonts", os.path.join(out, "compendium.pdf")], capture_output=True,
                       text=True).stdout.splitlines()[2:]
check(fonts and all(" yes yes yes " in l for l in fonts), "every font embedded, subset, with ToUnicode\n" +
      "\n".join(fonts))
q = subprocess.run(["qpdf", "--check", os.path.join(out, "compendium.pdf")], capture_output=True, text=True)
check(q.returncode == 0, "qpdf --check: " + q.stdout[-300:])

# 2. A character no font has: no-glyph at its line and column, nothing built.
ed2 = os.path.join(TMP, "nowhere")
shutil.copytree(SAMPLE, ed2)
sub2 = os.path.join(ed2, "submissions", "s2020-001.xml")
replace_in(sub2, "她心里很不是滋味。", "她心里很不是滋%s。" % NOWHERE)
with open(sub2, encoding="utf-8") as f:
    lines = f.read().split("\n")
line = next(i for i, l in enumerate(lines) if NOWHERE in l) + 1
col = lines[line - 1].index(NOWHERE) + 1  # characters, as the diagnostics count
r = run(BIN, "check", ed2)
want = "submissions/s2020-001.xml:%d:%d: error: no font can draw U+20000" % (line, col)
check(r.returncode == 1 and want in r.stderr, "no-glyph for U+20000 at %d:%d\n%s" % (line, col, r.stderr))
r = run(BIN, "build", ed2, "-o", os.path.join(TMP, "out2"))
check(r.returncode == 1 and not os.path.exists(os.path.join(TMP, "out2")),
      "build with U+20000 exits 1 and writes nothing\n" + r.stderr)

sys.exit(summary())
