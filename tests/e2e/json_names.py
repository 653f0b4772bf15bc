"""File names that are not UTF-8 in huibian's JSON (check --format=json,
report.json, manifest.json): always valid JSON in UTF-8, the name as text
with U+FFFD for each bad byte and, beside it, NAME_hex with the raw bytes;
verify finds such a file again by those bytes."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402
import subprocess  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-json-names")
EDITION = os.path.join(SRC, "tests", "data", "cert-edition")


def run(*args):
    return subprocess.run([os.fsencode(a) if isinstance(a, str) else a for a in (BIN,) + args],
                          capture_output=True, timeout=300)


def strict_json(data, what):
    """data parsed as JSON after a strict UTF-8 decode, or None."""
    try:
        return json.loads(data.decode("utf-8", errors="strict"))
    except (UnicodeDecodeError, ValueError) as e:
        check(False, "%s is valid JSON in UTF-8: %s" % (what, e))
        return None


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    ed = os.path.join(TMP, "edition")
    shutil.copytree(EDITION, ed)
    sub = os.path.join(ed, "submissions")
    raw_name = b"c04-\xff\xfe\xce.xml"  # \xce alone: cut off
    os.rename(os.path.join(sub, "c04.xml"), os.path.join(os.fsencode(sub), raw_name))
    rel = b"submissions/" + raw_name
    want_text = "submissions/c04-\ufffd\ufffd\ufffd.xml"
    # a half-width comma in it, so that the file has a finding
    path = os.path.join(os.fsencode(sub), raw_name)
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(data.replace("</para>".encode(), "他说,好。</para>".encode(), 1))

    r = run("check", ed, "--format=json")
    check(r.returncode in (0, 1), "check --format=json runs: %s" % r.stderr[-500:])
    rep = strict_json(r.stdout, "check --format=json")
    if rep:
        subs = [s for s in rep["submissions"] if s.get("file_hex")]
        check(len(subs) == 1 and subs[0]["file"] == want_text and bytes.fromhex(subs[0]["file_hex"]) == rel,
              "the submission's file is text with U+FFFD and file_hex the raw bytes: %s" % subs)
        check(all("file_hex" not in s for s in rep["submissions"] if s is not subs[0]),
              "UTF-8 names have no file_hex")
        diags = [d for d in rep["diagnostics"] if d.get("file_hex")]
        check(diags and all(bytes.fromhex(d["file_hex"]) == rel and d["file"] == want_text for d in diags),
              "its findings name it the same way: %s" % diags)

    out = os.path.join(TMP, "out")
    r = run("build", ed, "-o", out)
    check(r.returncode == 0, "build exits 0: %s" % r.stderr[-800:])
    with open(os.path.join(out, "report.json"), "rb") as f:
        rep = strict_json(f.read(), "report.json")
    if rep:
        check(any(s.get("file_hex") and bytes.fromhex(s["file_hex"]) == rel for s in rep["submissions"]),
              "report.json has the raw name")
    with open(os.path.join(out, "manifest.json"), "rb") as f:
        man = strict_json(f.read(), "manifest.json")
    if man:
        ins = [i for i in man["inputs"] if i.get("path_hex")]
        check(len(ins) == 1 and bytes.fromhex(ins[0]["path_hex"]) == rel and ins[0]["path"] == want_text,
              "manifest.json lists the input with path_hex: %s" % ins)
    r = run("verify", out)
    check(r.returncode == 0, "verify finds the file by its bytes: %s" % r.stderr[-800:])
    with open(path, "ab") as f:
        f.write(b"\n")
    r = run("verify", out)
    check(r.returncode == 1 and b"c04-" in r.stderr, "and sees it change: %s" % r.stderr[-800:])
    return summary()


if __name__ == "__main__":
    sys.exit(main())
