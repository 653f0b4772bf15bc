"""verify after `certificates --split` and `--calibration` into a build's
folder: the files huibian wrote there are listed in the folder's manifest
(with their SHA-256), so verify finds nothing to report; the build's own
entries keep the digests they were built with (a file changed before the
certificates run is still found); a file nobody wrote is still named; the
old manifest file is never written through (it may be a hard link)."""
import hashlib
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-verify-certs")
EDITION = os.path.join(SRC, "tests", "data", "cert-edition")


def outputs(out):
    with open(os.path.join(out, "manifest.json"), encoding="utf-8") as f:
        return {o["path"]: o for o in json.load(f)["outputs"]}


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def verify_clean(out, what):
    r = run(BIN, "verify", out)
    check(r.returncode == 0 and "not in the manifest" not in r.stderr and "all " in r.stderr,
          "verify after %s reports nothing: %s" % (what, r.stderr[-1500:]))


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    out = os.path.join(TMP, "out")
    r = run(BIN, "build", EDITION, "-o", out)
    check(r.returncode == 0, "build exits 0: " + r.stderr[-800:])
    verify_clean(out, "the build")
    built = outputs(out)

    # --split: every file it wrote is in the manifest, with its digest
    saved = os.path.join(TMP, "manifest-link")
    os.link(os.path.join(out, "manifest.json"), saved)
    with open(saved, "rb") as f:
        before = f.read()
    r = run(BIN, "certificates", EDITION, "-o", out, "--split")
    check(r.returncode == 0, "certificates --split exits 0: " + r.stderr[-800:])
    verify_clean(out, "certificates --split")
    listed = outputs(out)
    split = sorted(os.listdir(os.path.join(out, "certificates")))
    check(len(split) >= 4, "--split wrote its files: %s" % split)
    for name in split:
        rel = "certificates/" + name
        check(rel in listed and listed[rel]["sha256"] == sha(os.path.join(out, rel))
              and listed[rel]["size"] == os.path.getsize(os.path.join(out, rel)),
              "%s is in the manifest with its size and SHA-256" % rel)
    for path, entry in built.items():
        check(listed.get(path) == entry or path == "certificates.pdf",
              "the build's entry for %s is kept as it was" % path)
    with open(saved, "rb") as f:
        check(f.read() == before, "the old manifest file was not written through")

    # --calibration
    r = run(BIN, "certificates", EDITION, "-o", out, "--calibration")
    check(r.returncode == 0, "certificates --calibration exits 0: " + r.stderr[-800:])
    verify_clean(out, "certificates --calibration")
    check("calibration.pdf" in outputs(out), "calibration.pdf is in the manifest")
    check(all("certificates/" + n in outputs(out) for n in split), "the split files stay listed")

    # --split --only: the other awardees' files keep their entries
    r = run(BIN, "certificates", EDITION, "-o", out, "--split", "--only", "c01")
    check(r.returncode == 0, "certificates --split --only exits 0: " + r.stderr[-800:])
    verify_clean(out, "certificates --split --only")

    # a file changed before a certificates run is still found: its digest is
    # the one the build recorded, not read again
    comp = os.path.join(out, "compendium.pdf")
    with open(comp, "ab") as f:
        f.write(b"%tampered\n")
    run(BIN, "certificates", EDITION, "-o", out, "--split")
    r = run(BIN, "verify", out)
    check(r.returncode == 1 and "compendium.pdf has changed" in r.stderr,
          "verify still finds the changed compendium: " + r.stderr[-800:])

    # a build keeps the certificates command's files, and their entries
    os.unlink(os.path.join(out, "calibration.pdf"))
    r = run(BIN, "build", EDITION, "-o", out)
    check(r.returncode == 0, "build again exits 0: " + r.stderr[-800:])
    check(all(os.path.exists(os.path.join(out, "certificates", n)) for n in split),
          "the build keeps the split certificates")
    check(all(outputs(out)["certificates/" + n].get("by") == "certificates" for n in split),
          "the build's manifest keeps listing them, as the certificates command's")
    check("calibration.pdf" not in outputs(out), "a file gone is no longer listed")
    verify_clean(out, "a build after certificates --split")

    # a file huibian did not write is named
    with open(os.path.join(out, "certificates", "extra.pdf"), "wb") as f:
        f.write(b"%PDF-1.4\n")
    r = run(BIN, "verify", out)
    check("certificates/extra.pdf is in the folder but not in the manifest" in r.stderr,
          "an unknown file is still named: " + r.stderr[-800:])

    # into a folder without a manifest, none is made
    out2 = os.path.join(TMP, "out2")
    r = run(BIN, "certificates", EDITION, "-o", out2, "--split")
    check(r.returncode == 0 and not os.path.exists(os.path.join(out2, "manifest.json")),
          "certificates alone writes no manifest: " + r.stderr[-800:])
    return summary()


if __name__ == "__main__":
    sys.exit(main())
