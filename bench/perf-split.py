#!/usr/bin/env python3
"""perf-split.py: where a `huibian build` spends its CPU time, by part of the
program, from `perf script` output of a call-graph recording (issue 22).

    perf record --call-graph dwarf,32768 -F 2000 -o perf.data \\
        taskset -c 0 BUILD/huibian build EDITION -o OUT
    perf script -i perf.data -F tid,ip,sym > build.script
    bench/perf-split.py build.script [MORE.script ...]

Each sample goes to the first part below one of whose functions is on its
stack (so the page contents' deflate counts as deflate, not as drawing); the
threads (rules, font packing, font hashing) count like the main one, as they
do on one core. Several files are added up, and the shares printed with the
milliseconds a run (samples / files / frequency, -F; 2,000 unless --hz).
Build huibian with -g (Release plus -g: CMAKE_C_FLAGS=-g) so that inlined
functions keep their names. Python 3 standard library only.
"""
import collections
import sys

PARTS = [
    ("font subsets (CFF through hb-subset, TrueType, packing)",
     ["pack_worker", "hui_subset_program", "hui_cff_subset", "hui_pdf_fonts_pack", "hb_subset"]),
    ("deflate of the page contents", ["hui_pdf_deflate", "libdeflate"]),
    ("libharu writing (saving, objects)",
     ["HPDF_", "hui_pdf_save", "hui_write_compendium", "hui_write_certificates"]),
    ("layout: total fit (line breaking)", ["total_fit"]),
    ("layout: items (ICU line breaks, faces, widths)", ["build_items"]),
    ("layout: the rest (paragraphs, flow, pages, drawing)",
     ["hui_para_set", "hui_compendium_stream", "hui_pdf_draw_page", "hui_certificates_compose",
      "hui_build_certs_document", "hui_build_make_certs", "hui_book_send", "hui_master"]),
    ("rules: originality index", ["hui_rules_originality_env"]),
    ("rules: photos (decoding the images)", ["hui_photos_work", "photo_run"]),
    ("rules: traditional characters (Hant-Hans)", ["hui_text_hans", "hui_hans"]),
    ("rules: the others", ["hui_rules_run_env", "rules_job", "hui_rules_"]),
    ("load: XML parsing and RELAX NG", ["hui_load_edition", "load_edition"]),
    ("fonts: fontconfig and FreeType", ["hui_fonts_open"]),
    ("manifest (hashes, paths)", ["hui_build_write_manifest", "hui_sha256", "hui_manifest"]),
]
OTHER = "other (start-up, libc, kernel without a caller)"


def split(path):
    counts = collections.Counter()
    total = 0
    with open(path, encoding="utf-8", errors="replace") as f:
        for sample in f.read().split("\n\n"):
            lines = sample.strip().split("\n")
            if not lines or not lines[0].strip():
                continue
            total += 1
            syms = [l.strip().split(None, 1)[1] for l in lines[1:] if len(l.strip().split(None, 1)) > 1]
            part = OTHER
            for name, keys in PARTS:
                if any(s.startswith(k) for s in syms for k in keys):
                    part = name
                    break
            counts[part] += 1
    return total, counts


def main(argv):
    hz = 2000.0
    if len(argv) > 2 and argv[1] == "--hz":
        hz = float(argv[2])
        argv = argv[:1] + argv[3:]
    files = argv[1:]
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    total, counts = 0, collections.Counter()
    for path in files:
        t, c = split(path)
        total += t
        counts.update(c)
    if not total:
        print("perf-split: no samples", file=sys.stderr)
        return 1
    for name in [n for n, _ in PARTS] + [OTHER]:
        print("%6.1f %%  %5.0f ms  %s" % (100.0 * counts[name] / total,
                                          counts[name] / len(files) / hz * 1000, name))
    print("%6.1f %%  %5.0f ms  all (%d samples)" % (100.0, total / len(files) / hz * 1000, total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
