"""Files that are not what they seem: pipes (FIFOs), folders, dangling links,
link loops and upper-case names, as submissions, photos, the seal and fonts.
Nothing blocks (each command finishes within a time limit), nothing vanishes
(every *.xml is counted and gets a finding when it cannot be read), and each
message says what the thing is."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-odd')
SAMPLE = os.path.join(SRC, 'input', '2020')


def run(args, limit=60):
    """huibian ARGS; (status, stderr), or (None, '') when it hangs past limit."""
    try:
        r = subprocess.run([BIN] + args, capture_output=True, timeout=limit, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None, ''
    return r.returncode, r.stderr.decode('utf-8', 'replace')


def copy_sample(name):
    ed = os.path.join(TMP, name)
    shutil.copytree(SAMPLE, ed)
    return ed


def count_line(err):
    """The summary's number of submissions ('... in N submissions')."""
    m = re.search(r'in (\d+) submissions?', err)
    return int(m.group(1)) if m else -1


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    n_sample = len([n for n in os.listdir(os.path.join(SAMPLE, 'submissions')) if n.endswith('.xml')])

    # Submissions that cannot be read: each is a finding, and the count holds them.
    ed = copy_sample('subs')
    sd = os.path.join(ed, 'submissions')
    os.mkfifo(os.path.join(sd, 'pipe.xml'))
    os.mkdir(os.path.join(sd, 'folder.xml'))
    os.symlink('nowhere.xml', os.path.join(sd, 'dangling.xml'))
    os.symlink('loop-b.xml', os.path.join(sd, 'loop-a.xml'))
    os.symlink('loop-a.xml', os.path.join(sd, 'loop-b.xml'))
    # an upper-case name is read like any other: rename one sample file
    first = sorted(n for n in os.listdir(sd) if n.startswith('s2020'))[0]
    os.rename(os.path.join(sd, first), os.path.join(sd, first[:-4] + '.XML'))
    st, err = run(['check', ed])
    check(st is not None, 'check with a pipe among the submissions hangs')
    check(st == 1, 'odd submissions: exit status %s, want 1\n%s' % (st, err))
    for name, words in (('pipe.xml', 'not an ordinary file'), ('folder.xml', 'is a folder'),
                        ('dangling.xml', 'does not exist'), ('loop-a.xml', 'link loop'),
                        ('loop-b.xml', 'link loop')):
        line = [l for l in err.splitlines() if '/submissions/%s:' % name in l]
        check(line and '[file-unreadable]' in line[0] and words in line[0],
              '%s: want a file-unreadable finding saying %r, got %s' % (name, words, line))
    check(not any(first[:-4] + '.XML' in l and 'file-unreadable' in l for l in err.splitlines()),
          'the upper-case .XML file was not read\n' + err)
    check(count_line(err) == n_sample + 5, 'the summary counts %d submissions, want %d\n%s'
          % (count_line(err), n_sample + 5, err))
    # build stops on them too, without hanging
    st, err = run(['build', ed, '-o', os.path.join(TMP, 'out-subs')])
    check(st == 1 and 'not building' in err, 'build over odd submissions: %s\n%s' % (st, err))

    # A photo that is a pipe, and one that is a folder.
    ed = copy_sample('photo')
    photo = os.path.join(ed, 'images', 's2020-001.png')
    os.unlink(photo)
    os.mkfifo(photo)
    st, err = run(['check', ed], limit=30)
    check(st is not None, 'check with a pipe as a photo hangs')
    check(st == 1 and 'photo-unreadable' in err,
          'photo pipe: status %s\n%s' % (st, err))
    st, err = run(['build', ed, '-o', os.path.join(TMP, 'out-photo')], limit=30)
    check(st == 1, 'build with a pipe as a photo: status %s\n%s' % (st, err))

    # The seal as a pipe.
    ed = copy_sample('seal')
    seal = os.path.join(ed, 'images', 'seal.png')
    os.unlink(seal)
    os.mkfifo(seal)
    st, err = run(['check', ed], limit=30)
    check(st is not None, 'check with a pipe as the seal hangs')
    # (a seal that cannot be read is a warning: the certificates are stamped by hand)
    check(st == 0 and '[cert-seal]' in err and 'not a regular file' in err,
          'seal pipe: status %s\n%s' % (st, err))
    st, err = run(['build', ed, '-o', os.path.join(TMP, 'out-seal')], limit=60)
    check(st == 0 and '[cert-seal]' in err, 'build with a pipe as the seal: status %s\n%s' % (st, err))

    # A pipe named like a font in the edition's fonts/: refused by name (the
    # office meant it to be used), never opened; a dangling link likewise.
    for what, make in (('pipe', os.mkfifo), ('dangling link', lambda p: os.symlink('gone.ttf', p))):
        ed = copy_sample('fonts-' + what.replace(' ', '-'))
        fd = os.path.join(ed, 'fonts')
        os.mkdir(fd)
        make(os.path.join(fd, 'odd.ttf'))
        for args in (['build', ed, '-o', os.path.join(TMP, 'out-fonts')], ['fonts', ed], ['check', ed]):
            st, err = run(args, limit=120)
            check(st is not None, '%s with a %s in fonts/ hangs' % (args[0], what))
            if args[0] == 'check':
                check('odd.ttf' in err, 'check with a %s in fonts/ does not name it\n%s' % (what, err))
            else:
                check(st == 2 and 'odd.ttf cannot be read' in err and 'remove it' in err,
                      '%s with a %s in fonts/: status %s\n%s' % (args[0], what, st, err))

    # verify over a folder where an output was replaced by a pipe
    v = os.path.join(TMP, 'out-ok')
    st, err = run(['build', SAMPLE, '-o', v], limit=120)
    check(st == 0, 'sample build: status %s\n%s' % (st, err))
    os.unlink(os.path.join(v, 'report.json'))
    os.mkfifo(os.path.join(v, 'report.json'))
    st, err = run(['verify', v], limit=30)
    check(st == 1 and 'report.json is missing' in err and 'not a regular file' in err,
          'verify over a pipe: status %s\n%s' % (st, err))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
