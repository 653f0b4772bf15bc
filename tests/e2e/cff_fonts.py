"""The sample edition set in OpenType-CFF fonts (Noto Serif CJK SC for the
body, Noto Sans CJK SC for headings; fonts-noto-cjk, which
scripts/install-deps.sh installs), read back:

- `huibian fonts` names them first for the body and heading roles and says
  no role falls back;
- pdffonts: each is embedded as a subset (a six-letter tag before its name)
  of type CID Type 0C (a CIDFontType0 over a FontFile3 /CIDFontType0C),
  with a ToUnicode map;
- pdftotext gives headings with quotes as written; qpdf --check finds no
  error; Ghostscript renders every page without a word on stderr.
(e2e.readers compares the text of five readers page by page.)"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-cff")
EDITION = os.path.join(SRC, "input", "2020")

r = run(BIN, "fonts", EDITION, env=dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8"))
check(r.returncode == 0, "huibian fonts succeeds: " + r.stderr)
check(re.search(r"^body:\n  1\. Noto Serif CJK SC  ", r.stdout, re.M),
      "the body role's first font is Noto Serif CJK SC:\n" + r.stdout)
check(re.search(r"^heading:\n  1\. Noto Sans CJK SC  ", r.stdout, re.M),
      "the heading role's first font is Noto Sans CJK SC")
check("falls back" not in r.stdout, "no role falls back")

out = os.path.join(TMP, "out")
r = run(BIN, "build", EDITION, "-o", out)
check(r.returncode == 0, "the sample builds: " + r.stderr)
pdf = os.path.join(out, "compendium.pdf")

fonts = run("pdffonts", pdf)
check(fonts.returncode == 0 and "Warning" not in fonts.stderr, "pdffonts reads the fonts")
for name in ["NotoSerifCJKsc-Regular", "NotoSansCJKsc-Regular"]:
    line = next((l for l in fonts.stdout.splitlines() if name in l), "")
    check(re.match(r"[A-Z]{6}\+" + name + r"\s+CID Type 0C\s+\S+\s+yes yes yes", line),
          f"{name} is an embedded CIDFontType0C subset with a ToUnicode map: {line!r}")

text = run("pdftotext", pdf, "-").stdout
for want in ["把香菇种成“致富伞”", "一、放下“小家生意”，挑起“大家担子”", "二、小小香菇撑起致富“大伞”"]:
    check(want in text, f"pdftotext reads {want}")

q = run("qpdf", "--check", pdf)
check(q.returncode == 0, "qpdf --check: " + q.stdout[-300:] + q.stderr)
gs = run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", pdf)
check(gs.returncode == 0 and gs.stdout.strip() == "" and gs.stderr.strip() == "",
      "Ghostscript renders every page quietly: " + gs.stdout[-300:] + gs.stderr[-300:])
sys.exit(summary())
