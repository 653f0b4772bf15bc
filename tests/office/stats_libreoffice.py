"""stats.xlsx read by a second reader: LibreOffice Calc, headless, converts
every sheet of the sample edition's stats.xlsx to CSV, and each must give
the same cells as the stats CSV huibian wrote beside it (stats.csv for the
first sheet, stats-groups.csv for the second): the numbers are numbers
LibreOffice reads, the Chinese headers survive, nothing is lost or added.

LibreOffice's first start takes many seconds, so this test is labelled slow
(`make slow`); it is skipped (exit 77, which CTest shows as skipped) with the
reason when soffice or its Calc component is not installed
(apt-get install libreoffice-calc-nogui; scripts/install-deps.sh --test)."""
import csv
import glob
import io
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e", "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

SKIP = 77
soffice = shutil.which("soffice")
if not soffice:
    print("skipped: soffice is not installed (apt-get install libreoffice-calc-nogui)")
    sys.exit(SKIP)
calc = glob.glob("/usr/lib/libreoffice/program/libsclo.so") + glob.glob(
    os.path.join(os.path.dirname(os.path.realpath(soffice)), "libsclo.so"))
if not calc:
    print("skipped: LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui)")
    sys.exit(SKIP)

TMP = tmp("/tmp/huibian-office-stats")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
OUT = os.path.join(TMP, "out")
r = run(BIN, "build", os.path.join(SRC, "input", "2020"), "-o", OUT, "--only", "stats")
check(r.returncode == 0, "build --only stats: status %d\n%s" % (r.returncode, r.stderr))

# Every sheet to its own CSV (the 12th filter token, -1: all sheets), UTF-8
# (76), comma-separated, values as shown; a profile of the test's own.
conv = os.path.join(TMP, "calc")
r = run(soffice, "-env:UserInstallation=file://" + os.path.join(TMP, "profile"), "--headless",
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir", conv, os.path.join(OUT, "stats.xlsx"), timeout=300)
check(r.returncode == 0, "soffice converts stats.xlsx: status %d\n%s%s" % (r.returncode, r.stdout, r.stderr))


def rows(path, bom):
    with open(path, encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        return [row for row in csv.reader(io.StringIO(f.read())) if row]


for sheet, ours in [("按推荐单位", "stats.csv"), ("按乡镇（部门）", "stats-groups.csv")]:
    path = os.path.join(conv, "stats-%s.csv" % sheet)
    check(os.path.exists(path), "LibreOffice wrote the sheet %s: %s" % (sheet, os.listdir(conv) if
                                                                         os.path.isdir(conv) else "nothing"))
    if not os.path.exists(path):
        continue
    got, want = rows(path, False), rows(os.path.join(OUT, ours), True)
    check(len(got) == len(want) and len(want) > 2, "sheet %s: %d rows, %s has %d" % (sheet, len(got), ours,
                                                                                       len(want)))
    for g, w in zip(got, want):
        check(g == w, "sheet %s row %s: LibreOffice reads %s, %s says %s" % (sheet, w[0], g, ours, w))

sys.exit(summary())
