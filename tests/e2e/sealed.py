"""Sealed means sealed, and an output folder is replaced as a whole.

- No command writes into a sealed archive edition, below one, or over a folder
  that holds one (build, certificates, fix, archive --into); the edition stays
  byte for byte as it was and `verify` still passes.
- -o naming a file, the edition itself or a folder that holds the edition is
  refused with a message that says what to do.
- A build replaces the output folder's contents as a whole: what the office
  put there stays, an earlier build's output this build does not make goes,
  other commands' outputs stay; the certificates command keeps the build's
  files.
- Two builds of different editions into one folder at once, and builds killed
  (kill -9) at random moments, always leave either the old or the new folder,
  whole, which `verify` passes; staging folders of killed runs are removed by
  the next run, those of a living run are not.
- `verify` works from any current folder.

HUIBIAN_KILLS sets how many random kills (default 6). The slow-labelled
e2e.sealed_kills (HUIBIAN_SLOW=1) runs only the kills, HUIBIAN_SLOW_KILLS of
them (default 300)."""
import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, replace_in, snapshot, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-sealed')
SAMPLE = os.path.join(SRC, 'input', '2020')
SLOW = os.environ.get('HUIBIAN_SLOW') == '1'
KILLS = int(os.environ.get('HUIBIAN_SLOW_KILLS', '300') if SLOW else os.environ.get('HUIBIAN_KILLS', '6'))


def hb(*args, cwd=None):
    r = subprocess.run([BIN] + list(args), capture_output=True, cwd=cwd, timeout=300)
    return r.returncode, r.stderr.decode('utf-8', 'replace')


def staging_left(parent):
    return [n for n in os.listdir(parent) if '.huibian-' in n]


def sealed_cases():
    arch = os.path.join(TMP, 'archive')
    st, err = hb('archive', SAMPLE, '--into', arch)
    check(st == 0, 'archive the sample: %s\n%s' % (st, err))
    ed = os.path.join(arch, '2020')
    before = snapshot(ed)
    attempts = [
        ('build -o ARCHIVE/2020', ['build', SAMPLE, '-o', ed]),
        ('build -o ARCHIVE/2020/sub', ['build', SAMPLE, '-o', os.path.join(ed, 'sub')]),
        ('build -o ARCHIVE (holds a sealed edition)', ['build', SAMPLE, '-o', arch]),
        ('certificates --split -o ARCHIVE/2020', ['certificates', SAMPLE, '-o', ed, '--split']),
        ('certificates --calibration -o ARCHIVE/2020', ['certificates', SAMPLE, '-o', ed, '--calibration']),
        ('fix ARCHIVE/2020/input', ['fix', os.path.join(ed, 'input')]),
        ('archive --into ARCHIVE/2020', ['archive', SAMPLE, '--into', ed]),
    ]
    for what, args in attempts:
        st, err = hb(*args)
        check(st == 2, '%s: exit status %s, want 2\n%s' % (what, st, err))
        check('sealed' in err and 'SEALED' in err, '%s: the message does not name the seal\n%s' % (what, err))
        check(snapshot(ed) == before, '%s: the sealed edition changed' % what)
    # through a link to the sealed folder, too
    link = os.path.join(TMP, 'link-to-sealed')
    os.symlink(ed, link)
    st, err = hb('build', SAMPLE, '-o', link)
    check(st == 2 and 'SEALED' in err, 'build -o LINK-TO-SEALED: %s\n%s' % (st, err))
    check(snapshot(ed) == before, 'build through a link: the sealed edition changed')
    check(not staging_left(arch), 'staging folders left in the archive: %s' % staging_left(arch))
    st, err = hb('verify', ed)
    check(st == 0, 'verify of the sealed edition after the refusals: %s\n%s' % (st, err))
    # a dry run of fix writes nothing and may look
    st, err = hb('fix', os.path.join(ed, 'input'), '--dry-run')
    check(st in (0, 1) and 'sealed' not in err, 'fix --dry-run on a sealed edition: %s\n%s' % (st, err))


def refused_outputs():
    plain = os.path.join(TMP, 'a-file')
    with open(plain, 'w') as f:
        f.write('keep me\n')
    st, err = hb('build', SAMPLE, '-o', plain)
    check(st == 2 and 'is a file, not a folder' in err and 'File exists' not in err,
          '-o a file: %s\n%s' % (st, err))
    with open(plain) as f:
        check(f.read() == 'keep me\n', '-o a file: the file changed')
    ed = os.path.join(TMP, 'self', 'ed')
    shutil.copytree(SAMPLE, ed)
    before = snapshot(ed)
    for out, word in ((ed, 'is the edition'), (os.path.dirname(ed), 'holds the edition')):
        st, err = hb('build', ed, '-o', out)
        check(st == 2 and word in err, '-o %s: %s\n%s' % (word, st, err))
    st, err = hb('certificates', ed, '-o', ed)
    check(st == 2 and 'is the edition' in err, 'certificates -o EDITION: %s\n%s' % (st, err))
    check(snapshot(ed) == before, '-o the edition: the edition changed')


def whole_folder():
    out = os.path.join(TMP, 'whole', 'out')
    st, err = hb('build', SAMPLE, '-o', out, '--trace')
    check(st == 0, 'first build: %s\n%s' % (st, err))
    check('wrote %s/compendium.pdf' % out in err, 'build says where it wrote, under OUT\n' + err)
    check('.huibian-' not in err, 'a message names the staging folder\n' + err)
    with open(os.path.join(out, 'notes.txt'), 'w') as f:
        f.write('the office keeps its own notes here\n')
    os.makedirs(os.path.join(out, 'office'))
    with open(os.path.join(out, 'office', 'letter.txt'), 'w') as f:
        f.write('a letter\n')
    st, err = hb('certificates', SAMPLE, '-o', out, '--split')
    check(st == 0, 'certificates --split into the build folder: %s\n%s' % (st, err))
    for name in ('compendium.pdf', 'compendium.trace', 'manifest.json', 'notes.txt', 'office/letter.txt'):
        check(os.path.exists(os.path.join(out, name)), 'certificates removed %s' % name)
    split = sorted(os.listdir(os.path.join(out, 'certificates')))
    check(len(split) > 2, 'certificates --split wrote %d files' % len(split))
    # --only --split keeps the other awardees' files
    one = split[0]
    os.unlink(os.path.join(out, 'certificates', split[1]))
    with open(os.path.join(out, 'report.json'), encoding='utf-8') as f:
        import json
        first = json.load(f)['compendium_order'][0]
    st, err = hb('certificates', SAMPLE, '-o', out, '--split', '--only', first)
    check(st == 0, 'certificates --only: %s\n%s' % (st, err))
    now = sorted(os.listdir(os.path.join(out, 'certificates')))
    check(one in now and len(now) == len(split) - 1, '--only --split: the other files did not stay: %s' % now)
    # a build without --trace: the old trace goes, the office's files stay, the
    # split certificates (an earlier certificates run's) stay
    st, err = hb('build', SAMPLE, '-o', out)
    check(st == 0, 'second build: %s\n%s' % (st, err))
    check(not os.path.exists(os.path.join(out, 'compendium.trace')), 'the earlier build\'s trace stayed')
    for name in ('notes.txt', 'office/letter.txt', 'certificates/' + one):
        check(os.path.exists(os.path.join(out, name)), 'the build removed %s' % name)
    st, err = hb('verify', out)
    check(st == 0 and 'not in the manifest' in err, 'verify after the second build: %s\n%s' % (st, err))
    # staging folders: a dead run's goes, a living run's (locked) stays
    parent = os.path.dirname(out)
    dead = os.path.join(parent, '.out.huibian-DEAD01')
    live = os.path.join(parent, '.out.huibian-LIVE01')
    for d in (dead, live):
        os.makedirs(os.path.join(d, 'half'))
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    st, err = hb('build', SAMPLE, '-o', out)
    check(st == 0, 'build beside staging folders: %s\n%s' % (st, err))
    check(not os.path.exists(dead), 'a dead run\'s staging folder stayed')
    check(os.path.exists(live), 'a living run\'s staging folder was removed')
    os.close(fd)
    shutil.rmtree(live)


def verify_anywhere():
    ed = os.path.join(TMP, 'anywhere', 'ed')
    shutil.copytree(SAMPLE, ed)
    st, err = hb('build', '.', '-o', '../out', cwd=ed)
    check(st == 0, 'build . -o ../out: %s\n%s' % (st, err))
    for cwd in (ed, os.path.dirname(ed), '/'):
        st, err = hb('verify', os.path.join(os.path.dirname(ed), 'out'), cwd=cwd)
        check(st == 0, 'verify run from %s: %s\n%s' % (cwd, st, err))
    replace_in(os.path.join(ed, 'campaign.xml'), '<name>', '<name>新')
    st, err = hb('verify', os.path.join(os.path.dirname(ed), 'out'), cwd='/')
    check(st == 1 and 'campaign.xml' in err, 'verify sees a changed input from /: %s\n%s' % (st, err))


def two_editions():
    """Editions A (the sample) and B (another preface), each built alone."""
    b = os.path.join(TMP, 'ed-b')
    shutil.copytree(SAMPLE, b)
    replace_in(os.path.join(b, 'campaign.xml'), '<para>2020年是', '<para>2020年又是')
    snaps = []
    for ed, name in ((SAMPLE, 'ref-a'), (b, 'ref-b')):
        ref = os.path.join(TMP, name)
        st, err = hb('build', ed, '-o', ref)
        check(st == 0, 'reference build %s: %s\n%s' % (name, st, err))
        snaps.append(snapshot(ref))
    check(snaps[0]['compendium.pdf'] != snaps[1]['compendium.pdf'], 'editions A and B give the same PDF')
    return b, snaps


def whole(out, snaps, what):
    now = snapshot(out)
    check(now in snaps, '%s: the folder is a mix: %s' % (
        what, sorted(k for k in now if all(s.get(k) != now[k] for s in snaps))))
    st, err = hb('verify', out)
    check(st == 0, '%s: verify: %s\n%s' % (what, st, err))


def concurrent(b, snaps):
    for i in range(3):
        out = os.path.join(TMP, 'conc-%d' % i, 'out')
        procs = [subprocess.Popen([BIN, 'build', ed, '-o', out], stderr=subprocess.PIPE)
                 for ed in (SAMPLE, b)]
        rcs = [p.wait(timeout=300) for p in procs]
        for p in procs:
            p.stderr.close()
        check(rcs == [0, 0], 'two builds at once: exit statuses %s' % rcs)
        whole(out, snaps, 'two builds at once (%d)' % i)
        check(not staging_left(os.path.dirname(out)), 'two builds left staging folders')


def kills(b, snaps):
    rnd = random.Random(int(os.environ.get('HUIBIAN_KILL_SEED', '12')))
    out = os.path.join(TMP, 'kills', 'out')
    st, err = hb('build', SAMPLE, '-o', out)
    check(st == 0, 'build before the kills: %s\n%s' % (st, err))
    t0 = time.monotonic()
    st, err = hb('build', b, '-o', os.path.join(TMP, 'kills', 'timing'))
    took = time.monotonic() - t0
    eds = [SAMPLE, b]
    for i in range(KILLS):
        p = subprocess.Popen([BIN, 'build', eds[(i + 1) % 2], '-o', out],
                             stderr=subprocess.DEVNULL)
        time.sleep(rnd.uniform(0, took * 1.1))
        p.send_signal(signal.SIGKILL)
        p.wait()
        whole(out, snaps, 'kill -9 #%d' % i)
    st, err = hb('build', SAMPLE, '-o', out)
    check(st == 0, 'build after the kills: %s\n%s' % (st, err))
    whole(out, snaps[:1], 'after the kills')
    check(not staging_left(os.path.dirname(out)), 'staging folders of killed runs stayed: %s'
          % staging_left(os.path.dirname(out)))


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    if SLOW:  # only the kills, many of them
        b, snaps = two_editions()
        kills(b, snaps)
        return summary()
    sealed_cases()
    refused_outputs()
    whole_folder()
    verify_anywhere()
    b, snaps = two_editions()
    concurrent(b, snaps)
    kills(b, snaps)
    return summary()


if __name__ == '__main__':
    sys.exit(main())
