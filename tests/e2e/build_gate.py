"""`huibian build` checks the edition on a second thread while it typesets.
Whatever the threads do, a build of an edition with errors must say what
`huibian check` says (the same findings, in the same order), exit 1, and
write nothing: no output folder is created, an earlier one is left as it was.
The same with --werror for an edition whose only findings are warnings (one
found by the rules, one found only when the certificates are composed), and
when the check fails and something else (the template) is wrong too."""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, run, summary, tmp  # noqa: E402

TMP = tmp("/tmp/huibian-e2e-gate")
shutil.rmtree(TMP, ignore_errors=True)
os.makedirs(TMP)
SAMPLE = os.path.join(SRC, "input", "2020")


def edition(name, edit):
    """A copy of the sample edition with edit(path) applied."""
    ed = os.path.join(TMP, name)
    shutil.copytree(SAMPLE, ed)
    edit(ed)
    return ed


def findings(stderr):
    """The diagnostic lines (file:line:col: severity: ...) in order."""
    return [l for l in stderr.splitlines() if ": error: " in l or ": warning: " in l or ": note: " in l]


def first_submission(ed):
    subs = sorted(os.listdir(os.path.join(ed, "submissions")))
    return os.path.join(ed, "submissions", subs[0])


# An error: an award naming a submission that does not exist.
def unknown_award(ed):
    replace_in(os.path.join(ed, "campaign.xml"), "</results>",
               '<award ref="s2020-999" tier="first"/></results>')


# Only a warning: a half-width comma in a body (halfwidth-punct warns).
def halfwidth_comma(ed):
    path = first_submission(ed)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    i = text.index("<para>", text.index("</info>")) + len("<para>")
    j = text.index("，", i)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:j] + "," + text[j + 1:])


for name, edit, args, want in [
    ("errors", unknown_award, [], "error"),
    ("warning-werror", halfwidth_comma, ["--werror"], "warning"),
]:
    ed = edition(name, edit)
    rc = run(BIN, "check", ed, *args)
    check(rc.returncode == 1, "%s: check exits 1 (%d)\n%s" % (name, rc.returncode, rc.stderr))
    want_lines = findings(rc.stderr)
    check(any((": %s: " % want) in l for l in want_lines), "%s: check reports the %s\n%s" % (name, want, rc.stderr))
    for attempt in range(3):  # the threads' timing differs from run to run
        out = os.path.join(TMP, "out-%s-%d" % (name, attempt))
        rb = run(BIN, "build", ed, "-o", out, *args)
        check(rb.returncode == 1, "%s: build exits 1 (%d)\n%s" % (name, rb.returncode, rb.stderr))
        check(findings(rb.stderr) == want_lines,
              "%s: build reports what check reports\ncheck:\n%s\nbuild:\n%s" %
              (name, "\n".join(want_lines), "\n".join(findings(rb.stderr))))
        check("not building" in rb.stderr, "%s: build says it is not building\n%s" % (name, rb.stderr))
        check(not os.path.exists(out), "%s: build created %s" % (name, out))

# Without --werror the warning does not stop the build.
ed = os.path.join(TMP, "warning-werror")
out = os.path.join(TMP, "out-warning")
rb = run(BIN, "build", ed, "-o", out)
check(rb.returncode == 0, "warning only: build exits 0 (%d)\n%s" % (rb.returncode, rb.stderr))
check(os.path.exists(os.path.join(out, "compendium.pdf")), "warning only: compendium.pdf written")

# An earlier output folder stays byte for byte as it was.
ed = os.path.join(TMP, "errors")
before = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out) if os.path.isfile(os.path.join(out, f))}
rb = run(BIN, "build", ed, "-o", out)
check(rb.returncode == 1, "errors over earlier outputs: exit 1 (%d)" % rb.returncode)
after = {f: open(os.path.join(out, f), "rb").read() for f in os.listdir(out) if os.path.isfile(os.path.join(out, f))}
check(before == after, "errors over earlier outputs: the earlier outputs changed")

# The check's errors come first even when the template is missing as well.
ed = edition("errors-and-template", unknown_award)
replace_in(os.path.join(ed, "campaign.xml"), 'template="compendium-a4"', 'template="no-such-template"')
rb = run(BIN, "build", ed, "-o", os.path.join(TMP, "out-template"))
check(rb.returncode == 1, "errors and a missing template: exit 1 (%d)\n%s" % (rb.returncode, rb.stderr))
check("award-unknown-id" in rb.stderr and "not building" in rb.stderr,
      "errors and a missing template: the check's findings\n" + rb.stderr)

# A certificate line set smaller (cert-shrunk, found when the certificates are
# composed) is a warning: check --werror fails on it, and so does build
# --werror, before writing anything.
ed = os.path.join(SRC, "tests", "rules", "cert-shrunk")
rc = run(BIN, "check", ed, "--werror")
check(rc.returncode == 1 and "[cert-shrunk]" in rc.stderr, "cert-shrunk: check --werror exits 1\n" + rc.stderr)
out = os.path.join(TMP, "out-shrunk")
rb = run(BIN, "build", ed, "-o", out, "--werror")
check(rb.returncode == 1, "cert-shrunk: build --werror exits 1 (%d)\n%s" % (rb.returncode, rb.stderr))
check(findings(rb.stderr) == findings(rc.stderr),
      "cert-shrunk: build reports what check reports\n" + rb.stderr)
check(not os.path.exists(out), "cert-shrunk: build --werror created " + out)
rb = run(BIN, "build", ed, "-o", out)
check(rb.returncode == 0 and os.path.exists(os.path.join(out, "certificates.pdf")),
      "cert-shrunk: without --werror the build writes the certificates\n" + rb.stderr)

sys.exit(summary())
