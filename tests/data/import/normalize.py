#!/usr/bin/env python3
"""normalize.py IN OUT: copies a file LibreOffice wrote, made reproducible
and, for RTF, readable as Word writes it.

.docx, .odt  every zip member's time set to 2026-09-20 08:00, same order,
             same compression, contents untouched but for the random
             revision ids (Rsid, RsidRoot) of an .odt's settings.xml:
             converting the same source again gives the same bytes.
.rtf         LibreOffice writes the numbering labels' text (\\leveltext) in the
             ANSI code page, so 、 becomes ? and （） become (): the labels are
             written again as Word writes them, with \\uN escapes. Nothing
             else is changed.
"""
import re
import sys
import zipfile

# the characters of make.py's numbering labels that LibreOffice's RTF export
# narrows, as it narrows them
RTF_LABEL = {r"\'3f": "、", r"\'28": "（", r"\'29": "）"}


def rtf_u(ch):
    n = ord(ch)
    return r"\u%d ?" % (n - 65536 if n > 32767 else n)


def fix_leveltext(m):
    return re.sub(r"\\'(3f|28|29)", lambda x: rtf_u(RTF_LABEL[x.group(0)]), m.group(0))


def main():
    src, dst = sys.argv[1], sys.argv[2]
    if src.endswith(".rtf"):
        with open(src, "rb") as f:
            rtf = f.read().decode("latin-1")
        rtf = re.sub(r"\\leveltext [^;}]*;", fix_leveltext, rtf)
        with open(dst, "wb") as f:
            f.write(rtf.encode("latin-1"))
        return
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            out = zipfile.ZipInfo(info.filename, date_time=(2026, 9, 20, 8, 0, 0))
            out.compress_type = info.compress_type
            out.external_attr = 0o644 << 16
            data = zin.read(info.filename)
            if info.filename == "settings.xml":  # an .odt's random revision-save ids
                data = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)[0-9]+', rb"\g<1>1000000", data)
            zout.writestr(out, data)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b:
        if a.namelist() != b.namelist():
            sys.exit("normalize.py: %s lost members" % dst)


if __name__ == "__main__":
    main()
