"""End to end: reproducible outputs, manifest.json and verify, the archive
(sealing, --supersede, a run killed before it files the edition), the index
of awardees and check --archive (old exemplars, originality against archived
bodies), and PDF/A-1b: structural facts read with qpdf --json, and PDFBox
Preflight's verdict (Debian's libpdfbox2-java) when Java is installed."""
import hashlib
import json
import os
import sys
import re
import shutil
import signal
import subprocess
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-archive")
EDITION = os.path.join(SRC, "input", "2020")


def run(*args, env=None):
    e = dict(os.environ)
    e.pop("SOURCE_DATE_EPOCH", None)
    if env:
        e.update(env)
    return subprocess.run(args, capture_output=True, text=True, env=e)


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def tree(path):
    """Every file under path (dot-folders of killed runs left out) with its SHA-256."""
    out = {}
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(".tmp-")]
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, path)] = hashlib.sha256(read(p)).hexdigest()
    return out


shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)

# --- reproducible builds ----------------------------------------------------
a, b = os.path.join(TMP, "a"), os.path.join(TMP, "deeper", "folder", "b")
ra = run(BIN, "build", EDITION, "-o", a)
rb = run(BIN, "build", EDITION, "-o", b)
check(ra.returncode == 0 and rb.returncode == 0, "the sample edition builds: " + ra.stderr[-300:])
for f in ["compendium.pdf", "certificates.pdf", "report.json", "manifest.json"]:
    check(read(os.path.join(a, f)) == read(os.path.join(b, f)), f + " is byte-identical in two output folders")

sde = os.path.join(TMP, "sde")
r = run(BIN, "build", EDITION, "-o", sde, env={"SOURCE_DATE_EPOCH": "1700000000"})
check(r.returncode == 0, "build with SOURCE_DATE_EPOCH")
info = run("pdfinfo", "-isodates", os.path.join(sde, "compendium.pdf")).stdout
check(re.search(r"CreationDate:\s+2023-11-14T22:13:20", info) is not None,
      "SOURCE_DATE_EPOCH=1700000000 is the creation date: " + info)
info = run("pdfinfo", "-isodates", os.path.join(a, "compendium.pdf")).stdout
check(re.search(r"CreationDate:\s+2020-11-20T00:00:00", info) is not None,
      "without SOURCE_DATE_EPOCH the certificate date of campaign.xml is the date: " + info)

# --- manifest.json and verify -----------------------------------------------
man = json.loads(read(os.path.join(a, "manifest.json"), "r"))
check(man["tool"].startswith("huibian "), "the manifest names the tool and version")
paths = {g: [x["path"] for x in man[g]] for g in ("inputs", "templates", "fonts", "outputs")}
for g, v in paths.items():
    check(v == sorted(v) or g == "templates" or g == "fonts", g + " are sorted")
check("campaign.xml" in paths["inputs"], "campaign.xml is an input")
check(sum(p.startswith("submissions/") for p in paths["inputs"]) == 26, "every submission is an input")
check("images/seal.png" in paths["inputs"] and "images/s2020-001.png" in paths["inputs"],
      "the photos and the seal are inputs")
check("templates/compendium-a4.xml" in paths["templates"] and
      "templates/certificate-a4-landscape.xml" in paths["templates"], "the templates used")
check("fonts/fonts.conf" in paths["fonts"], "fonts.conf")
check(any(p.endswith((".ttf", ".ttc")) for p in paths["fonts"]), "the font files")
# the sample's <outputs>: compendium, certificates, report and stats
check(sorted(paths["outputs"]) == ["certificates.pdf", "compendium.pdf", "report.json", "stats-groups.csv",
                                   "stats.csv", "stats.xlsx"], "the outputs: %s" % paths["outputs"])
for g in ("inputs", "templates", "outputs"):
    for x in man[g]:
        check(not x["path"].startswith("/"), "relative path " + x["path"])
x = [x for x in man["outputs"] if x["path"] == "compendium.pdf"][0]
pdf = read(os.path.join(a, "compendium.pdf"))
check(x["size"] == len(pdf) and x["sha256"] == hashlib.sha256(pdf).hexdigest(), "size and SHA-256 are right")

r = run(BIN, "verify", a)
check(r.returncode == 0 and re.search(r"all \d+ files match", r.stderr), "verify: all match: " + r.stderr)
# a file of the office's own in a build's folder is noted, not an error
with open(os.path.join(a, "notes.txt"), "w") as f:
    f.write("printed 2 copies\n")
r = run(BIN, "verify", a)
check(r.returncode == 0 and "notes.txt is in the folder but not in the manifest" in r.stderr,
      "verify notes a file the manifest does not list: " + r.stderr)
os.remove(os.path.join(a, "notes.txt"))
with open(os.path.join(a, "report.json"), "ab") as f:
    f.write(b" ")
os.remove(os.path.join(a, "certificates.pdf"))
r = run(BIN, "verify", a)
check(r.returncode == 1, "verify finds differences (exit 1)")
check("output report.json has changed" in r.stderr, "verify names the changed file: " + r.stderr)
check("output certificates.pdf is missing" in r.stderr, "verify names the missing file: " + r.stderr)
r = run(BIN, "verify", os.path.join(TMP, "nowhere"))
check(r.returncode == 2, "verify without a manifest is exit 2")

# --- the archive ----------------------------------------------------------------
ARCH = os.path.join(TMP, "archive")
r = run(BIN, "archive", EDITION, "--into", ARCH)
check(r.returncode == 0, "archive: " + r.stderr[-400:])
ed = os.path.join(ARCH, "2020")
for f in ["SEALED", "manifest.json", "report.json", "compendium.pdf", "certificates.pdf",
          "input/campaign.xml", "input/submissions/s2020-001.xml", "input/images/seal.png",
          "web/index.html", "web/s2020-001.html", "web/images/s2020-001.jpg", "web.zip"]:
    check(os.path.isfile(os.path.join(ed, f)), "archived " + f)
man = json.loads(read(os.path.join(ed, "manifest.json"), "r"))
check(any(x["path"] == "web/index.html" for x in man["outputs"]) and
      any(x["path"] == "web.zip" for x in man["outputs"]), "the website edition is in the archive's manifest")
check(man.get("sealed") is True and man.get("revision") == 1, "the manifest says sealed, revision 1")
check(man["edition"] == "input", "the archived manifest points at its own input copy")
r = run(BIN, "verify", ed)
check(r.returncode == 0, "verify of the archived edition: " + r.stderr)
# a file added to a sealed edition afterwards is an error
added = [os.path.join(ed, "input", "submissions", "s2020-999.xml"), os.path.join(ed, "extra.pdf")]
for f in added:
    with open(f, "w") as fh:
        fh.write("added later\n")
r = run(BIN, "verify", ed)
check(r.returncode == 1 and "input/submissions/s2020-999.xml is in the folder but not in the manifest "
      "(added after the edition was sealed)" in r.stderr and "extra.pdf is in the folder" in r.stderr,
      "verify of a sealed edition with added files fails and names them: " + r.stderr)
for f in added:
    os.remove(f)
# the archived copy rebuilds byte for byte from its own inputs (PDF/A as archived)
rebuilt = os.path.join(TMP, "rebuilt")
r = run(BIN, "build", os.path.join(ed, "input"), "-o", rebuilt, "--pdfa")
for f in ["compendium.pdf", "certificates.pdf"]:
    check(r.returncode == 0 and read(os.path.join(rebuilt, f)) == read(os.path.join(ed, f)),
          f + " rebuilds from the archived inputs byte for byte")

index = json.loads(read(os.path.join(ARCH, "index.json"), "r"))
check(len(index["awardees"]) == 21, "index.json lists the 21 awardees")
first = index["awardees"][0]
check(all(k in first for k in ("name", "unit", "year", "tier", "title", "id", "body")), "index entry fields")
check(first["year"] == "2020" and os.path.isfile(os.path.join(ARCH, first["body"])), "the body path resolves")

before = tree(ARCH)
r = run(BIN, "archive", EDITION, "--into", ARCH)
check(r.returncode == 2, "a sealed edition is refused (exit 2)")
check("sealed" in r.stderr and "--supersede" in r.stderr, "the refusal says sealed and --supersede: " + r.stderr)
check(tree(ARCH) == before, "a refused run changes nothing")

# killed before it files the edition: the archive stays as it was
p = subprocess.Popen([BIN, "archive", EDITION, "--into", ARCH, "--supersede"],
                     env=dict(os.environ, HUIBIAN_TEST_PAUSE="60"),
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 60
paused = False
while time.time() < deadline and not paused:
    time.sleep(0.2)
    paused = any(d.startswith(".tmp-") and os.path.isfile(os.path.join(ARCH, d, "SEALED"))
                 for d in os.listdir(ARCH))
check(paused, "the run reaches the pause before filing")
p.send_signal(signal.SIGKILL)
p.wait()
check(tree(ARCH) == before, "a run killed before filing leaves the archive as it was")
# ... and killed at an arbitrary moment early on
p = subprocess.Popen([BIN, "archive", EDITION, "--into", ARCH, "--supersede"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(0.3)
p.send_signal(signal.SIGKILL)
p.wait()
after = tree(ARCH)
check(after == before or (set(after) - set(before) and all(k.startswith("2020-r2/") for k in set(after) - set(before))),
      "a run killed at any moment leaves the sealed edition as it was")
if after != before:  # it got as far as filing 2020-r2: start again from that
    shutil.rmtree(os.path.join(ARCH, "2020-r2"))
    run(BIN, "archive", EDITION, "--into", ARCH, "--supersede")  # rebuild the index the way a clerk would
    shutil.rmtree(os.path.join(ARCH, "2020-r2"))

r = run(BIN, "archive", EDITION, "--into", ARCH, "--supersede")
check(r.returncode == 0, "--supersede after killed runs: " + r.stderr[-300:])
check(not any(d.startswith(".tmp-") for d in os.listdir(ARCH)), "leftovers of killed runs are cleaned up")
check(os.path.isfile(os.path.join(ARCH, "2020-r2", "SEALED")), "--supersede writes 2020-r2 beside it")
now = tree(ARCH)
check(all(now.get(k) == v for k, v in before.items() if k.startswith("2020/")), "2020 itself is untouched")
man2 = json.loads(read(os.path.join(ARCH, "2020-r2", "manifest.json"), "r"))
check(man2.get("revision") == 2 and man2.get("supersedes") == "2020", "revision 2 supersedes 2020")
index = json.loads(read(os.path.join(ARCH, "index.json"), "r"))
check({a["folder"] for a in index["awardees"]} == {"2020-r2"}, "the index uses the newest revision")

# --- check --archive: a later edition against the archive --------------------------
e2021 = os.path.join(TMP, "e2021")
shutil.copytree(EDITION, e2021)
camp = read(os.path.join(e2021, "campaign.xml"), "r").replace('year="2020"', 'year="2021"', 1)
with open(os.path.join(e2021, "campaign.xml"), "w") as f:
    f.write(camp)
r = run(BIN, "check", e2021, "--archive", ARCH, "--format=json")
check(r.returncode == 0, "check --archive: warnings only: " + r.stderr[-300:])
rep = json.loads(r.stdout)
diags = rep["diagnostics"]
old = [d for d in diags if d["rule"] == "old-exemplar"]
mis = [d for d in diags if d["rule"] == "old-exemplar-mislabelled"]
check(len(old) >= 21, "every earlier awardee is recognised (%d)" % len(old))
check(any("韩喆" in d["message"] and "2020" in d["message"] and "一等奖" in d["message"] for d in old),
      "the note names the year and tier")
check(all(d["severity"] == "note" for d in old) and all(d["severity"] == "warning" for d in mis),
      "old-exemplar is a note, old-exemplar-mislabelled a warning")
mis_files = {d["file"] for d in mis}
check("submissions/s2020-003.xml" in mis_files, "韩喆 claims 新典型 but was awarded: warned")
check("submissions/s2020-001.xml" not in mis_files, "王秀英 is already 老典型: no warning")
orig = [d for d in diags if d["rule"] == "originality" and "archived 2020 edition" in d["message"]]
check(len(orig) >= 21, "every awarded body matches its archived copy (%d)" % len(orig))
check(any("2020-r2/input/submissions/" in d["message"] for d in orig), "the warning names the archived file")
r = run(BIN, "check", EDITION, "--archive", ARCH)
check("old-exemplar" not in r.stderr and "archived" not in r.stderr,
      "an edition is not compared with its own year's archive")
r = run(BIN, "check", EDITION, "--archive", os.path.join(TMP, "no-archive"))
check(r.returncode == 2 and "does not exist" in r.stderr, "a missing archive is a clear error")

# --- PDF/A-1b ----------------------------------------------------------------
CP = ":".join("/usr/share/java/%s.jar" % j for j in
              ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"])
for name in ["compendium.pdf", "certificates.pdf"]:
    pdf = os.path.join(ARCH, "2020", name)
    check(read(pdf)[:8] == b"%PDF-1.4", name + " is PDF 1.4")
    r = run("qpdf", "--check", pdf)
    check(r.returncode == 0, name + ": qpdf --check: " + r.stdout[-200:])
    j = json.loads(run("qpdf", "--json", "--json-stream-data=none", pdf).stdout)
    objs = j["qpdf"][1]
    trailer = objs["trailer"]["value"]
    check("/ID" in trailer and len(trailer["/ID"]) == 2, name + ": /ID in the trailer")
    cat = objs[trailer["/Root"].replace(" R", "").join(["obj:", " R"])]["value"]
    meta = objs["obj:" + cat["/Metadata"]]["stream"]["dict"] if "/Metadata" in cat else {}
    check(meta.get("/Subtype") == "/XML" and "/Filter" not in meta, name + ": uncompressed XMP metadata")
    intents = cat.get("/OutputIntents", [])
    check(len(intents) == 1, name + ": one output intent")
    if intents:
        oi = objs["obj:" + intents[0]]["value"]
        check(oi.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in oi, name + ": GTS_PDFA1 with an ICC profile")
    smask = desc = cidset = capheight = 0
    for k, o in objs.items():
        d = o.get("value") or o.get("stream", {}).get("dict") or {}
        if not isinstance(d, dict):
            continue
        smask += "/SMask" in d
        if d.get("/Type") == "/FontDescriptor":
            desc += 1
            capheight += "/CapHeight" in d
            cidset += "/CIDSet" in d
    check(smask == 0, name + ": no soft mask (the seal is flattened)")
    check(desc > 0 and capheight == desc and cidset == desc, name + ": every font descriptor has CapHeight and CIDSet")
    xmp = run("qpdf", "--show-object=" + cat["/Metadata"].split()[0], "--raw-stream-data", pdf).stdout
    check("<pdfaid:part>1</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp,
          name + ": XMP says PDF/A-1b")
    if shutil.which("java") and os.path.exists("/usr/share/java/preflight.jar"):
        r = run("java", "-cp", CP, "org.apache.pdfbox.preflight.Validator_A1b", pdf)
        check("is a valid PDF/A-1b file" in r.stdout, name + ": PDFBox Preflight: " + r.stdout[-600:])

# the title in XMP is escaped and matches /Info
xmp_title = re.search(r"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">(.*?)</rdf:li>", xmp)
check(xmp_title is not None and xmp_title.group(1).endswith("荣誉证书"), "dc:title is the document title")

sys.exit(summary())
