"""The 落款 read back from the PDF: a submission of the sample edition gets a
para role="signature" and a para role="date" at its end; after the build,
pdftotext -bbox shows both lines on one page, the date under the signature,
and each line's right edge four body cells in from the right margin
(docs/typography.md, E9)."""
import html
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-signature")
MM = 72 / 25.4
SIGN, DATE = "青山县杏林村村民委员会", "2020年9月8日"

shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
ed = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "input", "2020"), ed)
replace_in(os.path.join(ed, "submissions", "s2020-001.xml"), "</article>",
           f'<para role="signature">{SIGN}</para><para role="date">{DATE}</para></article>')
out = os.path.join(TMP, "out")
r = run(BIN, "build", ed, "-o", out)
check(r.returncode == 0, f"build: {r.stdout}{r.stderr}")
r = run("pdftotext", "-bbox", os.path.join(out, "compendium.pdf"), "-")

# the lines of each page: [top, text, right edge]; Han and digits sit a little
# apart vertically, so a word within 4 pt of a line's top belongs to it
pages = []
for part in r.stdout.split("<page ")[1:]:
    lines = []
    for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                         r'yMax="[\d.]+">([^<]*)</word>', part):
        y, right, text = float(m.group(2)), float(m.group(3)), html.unescape(m.group(4))
        line = next((ln for ln in lines if abs(ln[0] - y) < 4), None)
        if line:
            line[1] += text
            line[2] = max(line[2], right)
        else:
            lines.append([y, text, right])
    pages.append(lines)

def find(text):
    return [(i, y, right) for i, lines in enumerate(pages) for y, t, right in lines if t == text]


sign, date = find(SIGN), find(DATE)
check(len(sign) == 1 and len(date) == 1, f"one signature and one date line: {sign} {date}")
if len(sign) == 1 and len(date) == 1:
    (sp, sy, sr), (dp, dy, dr) = sign[0], date[0]
    want = (210 - 26) * MM - 4 * 15.75  # compendium-a4: outer margin 26 mm, 3号 body
    check(sp == dp, f"signature and date on one page: {sp} {dp}")
    check(dy > sy, f"the date under the signature: {sy} {dy}")
    check(abs(sr - want) < 1.0, f"signature's right edge four cells in: {sr:.2f}, want {want:.2f}")
    check(abs(dr - want) < 1.0, f"date's right edge four cells in: {dr:.2f}, want {want:.2f}")
sys.exit(summary())
