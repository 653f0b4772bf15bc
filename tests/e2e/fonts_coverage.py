"""`huibian fonts EDITION`: each role's fonts, then how the edition's own text is
covered — a character the role's first font lacks is named with the fallback font
that draws it, and one that no font has is counted."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-fonts")


shutil.rmtree(TMP, ignore_errors=True)
ed = os.path.join(TMP, "edition")
shutil.copytree(os.path.join(SRC, "input", "2020"), ed)
sub = os.path.join(ed, "submissions", "s2020-008.xml")
text = open(sub, encoding="utf-8").read()
# U+3400 is in WenQuanYi Zen Hei but not in LXGW WenKai (the kai role's first
# font, which sets units); U+0378 (unassigned, set in the latin role) is in no font.
text = text.replace("<orgname>青石县乡村振兴局</orgname>", "<orgname>青石县乡村振兴局\u3400\u0378</orgname>")
open(sub, "w", encoding="utf-8").write(text)

r = subprocess.run([BIN, "fonts", ed], capture_output=True, text=True)
check(r.returncode == 0, "fonts exits 0: " + r.stderr)
out = r.stdout
check(re.search(r"^body:\n  1\. Noto Serif CJK SC  \S+NotoSerifCJK-Regular\.ttc", out, re.M),
      "body role's first font")
m = re.search(r"^kai: (\d+) characters, (\d+) in LXGW WenKai, (\d+) from fallback fonts, (\d+) that no font has$",
              out, re.M)
check(m is not None, "a coverage line for the kai role:\n" + out)
if m:
    total, first, fallback, missing = map(int, m.groups())
    check(total == first + fallback + missing, "the counts add up")
    # U+3400, and the quotes: LXGW WenKai's are narrow Western ones, so the
    # full-width quotes of the next kai font stand in (docs/typography.md, C1)
    check(fallback == 3 and missing == 0, "three characters from fallback fonts:\n" + out)
    check("\u201c U+201C (AR PL UKai CN), \u201d U+201D (AR PL UKai CN)" in out,
          "the quotes come from a font with full-width ones")
check(re.search(r"^latin: \d+ characters, \d+ in DejaVu Serif, 0 from fallback fonts, 1 that no font has$",
                out, re.M), "the unassigned character is counted as in no font:\n" + out)
check("\u3400 U+3400 (WenQuanYi Zen Hei)" in out, "the fallback character is named with its font")
# the body text is in the body font but for the em dash: Noto's is a Western
# one (0.89 em, low), so a full-width one stands in (docs/typography.md, C1)
check(re.search(r"^body: \d+ characters, \d+ in Noto Serif CJK SC, 1 from fallback fonts, 0 that no font has\n"
                r"  from fallback fonts: \u2014 U\+2014 \(AR PL UMing CN\)$", out, re.M),
      "the body text is in the body font, the em dash full-width from the next:\n" + out)

r = subprocess.run([BIN, "fonts", os.path.join(TMP, "no-such-folder")], capture_output=True, text=True)
check(r.returncode == 0 and "coverage" not in r.stdout and "body:" in r.stdout,
      "without an edition only the roles are listed")
sys.exit(summary())
