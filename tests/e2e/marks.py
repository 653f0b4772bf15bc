"""破折号, 省略号 and quotes read back from the PDF of tests/golden/dashes
(docs/typography.md, "Dashes, ellipses and quotes"):

- pdftotext: the two halves of `——` and `――` and the six dots of `……`
  read back as the characters written (the rule drawn over a dash adds no
  text);
- mutool's structured text (which names each character's font and gives its
  box): every quote (‘’“”) is a full cell wide, in the headings too — a font
  that has only narrow Western quotes (WenQuanYi Zen Hei) gives way to the
  next font of the role that has full-width ones."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-marks")
EDITION = os.path.join(SRC, "tests", "golden", "dashes")
out = os.path.join(TMP, "out")
r = run(BIN, "build", EDITION, "-o", out)
check(r.returncode == 0, "the build succeeds: " + r.stderr)
pdf = os.path.join(out, "compendium.pdf")

text = run("pdftotext", pdf, "-").stdout
for want in ["——记东坪村", "――\n是大事", "是大事……不能再拖", "一、“桥‘不’能"]:
    check(want in text, f"pdftotext reads {want}")

stext = run("mutool", "draw", "-q", "-F", "stext", "-o", "-", pdf).stdout
quotes = 0
size = None
for line in stext.splitlines():
    m = re.search(r'<font name="[^"]*" size="([0-9.]+)"', line)
    if m:
        size = float(m.group(1))
    m = re.search(r'<char quad="([-0-9. ]+)".* c="&#x(201[89cd]);"', line)
    if not m or size is None:
        continue
    q = [float(v) for v in m.group(1).split()]
    quotes += 1
    check(q[2] - q[0] > 0.9 * size,
          f"the quote U+{m.group(2).upper()} is a full cell wide ({q[2] - q[0]:.2f} pt at {size} pt)")
check(quotes == 6, f"the quotes of the heading and the body are read back ({quotes})")
sys.exit(summary())
