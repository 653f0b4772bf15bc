"""Faults of the machine during `huibian build`: each gives a clear message and
leaves the earlier outputs byte for byte as they were (no half-written file under
a final name). Runs as root (the CI does), because two faults need mounts:

- output folder not writable: a path under a regular file (ENOTDIR, which root
  cannot override), and a read-only bind mount of an output folder that holds
  earlier outputs (EROFS: root cannot write there either);
- disk full: a tmpfs of a few MB (mount -t tmpfs -o size=...), filled by the
  earlier outputs, so the new PDF cannot be written (ENOSPC, honestly);
- the temporary file of the pages' contents (in TMPDIR): in a missing folder,
  and on a full tmpfs;
- the certificates written ahead into a scratch file in TMPDIR: nothing left
  there, the same bytes as a build that keeps them in memory (--trace);
- a truncated font: a cut-short copy of a licensed font in EDITION/fonts;
- a photo deleted between check and build: an LD_PRELOAD shim built here, which
  deletes the photo the moment the build opens it (to read it whole) once more
  than `huibian check` does (that is, when the compendium is typeset);
- a font removed, or replaced by another, while the build runs: the same shim
  acts when the PDF writer opens the font file to read its glyphs (the only
  open of it with O_CLOEXEC), after freetype measured it;
- a photo removed, or replaced, before the compendium is saved: the PDF writer
  reads the photos' bytes from their files when it saves (the only open of
  them with O_CLOEXEC), after the typesetting measured them;
- a process killed mid-build: kill -9 at several moments of a build over earlier
  outputs; every output is then either the earlier one or the complete new one.
"""
import filecmp
import os
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, snapshot, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-faults')
SAMPLE = os.path.join(SRC, 'input', '2020')
PHOTO = 'images/s2020-001.png'


def build(ed, out, env=None):
    e = dict(os.environ)
    e.update(env or {})
    r = subprocess.run([BIN, 'build', ed, '-o', out], capture_output=True, env=e, timeout=600)
    return r.returncode, r.stderr.decode('utf-8', 'replace')


def final_names(files):
    return {k: v for k, v in files.items() if '.tmp-' not in k}


def intact(name, out, before, allow_tmp=False):
    now = snapshot(out)
    if not allow_tmp:
        check(not [k for k in now if '.tmp-' in k], name + ': temporary files left behind: %s' %
              [k for k in now if '.tmp-' in k])
    check(final_names(now) == before, name + ': the earlier outputs changed: %s' %
          sorted(k for k in set(now) | set(before) if now.get(k) != before.get(k)))


def mount(*args):
    r = subprocess.run(['mount'] + list(args), capture_output=True)
    if r.returncode != 0:
        print('FAILED: mount %s: %s (this test needs root with mount permission; the CI '
              'runs as root)' % (' '.join(args), r.stderr.decode().strip()))
        sys.exit(1)


def umount(path):
    subprocess.run(['umount', path], capture_output=True)


def edition(name, change=False):
    ed = os.path.join(TMP, name)
    shutil.copytree(SAMPLE, ed, symlinks=True)
    if change:
        # one character of the preface: a different compendium
        p = os.path.join(ed, 'campaign.xml')
        with open(p, encoding='utf-8') as f:
            text = f.read()
        i = text.index('<para>', text.index('<preface>')) + len('<para>')
        with open(p, 'w', encoding='utf-8') as f:
            f.write(text[:i] + '又' + text[i + 1:])
    return ed


SHIM = r'''
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>
/* open(2) wrapper, two faults:
 * - the first open with O_CLOEXEC of a file whose name ends in $FAULT_OPEN
 *   (the PDF writer reading a font's glyphs or a photo's bytes) first renames
 *   $FAULT_OPEN_WITH over it, or deletes it;
 * - opens without O_CLOEXEC (huibian reading a whole file) of a file whose
 *   name ends in $FAULT_VANISH are counted; the open after the first
 *   $FAULT_AFTER ones deletes the file first. With $FAULT_LOG set, one line
 *   per such open is appended to that file. */
static int font_done, opens;
static int ends_with(const char *path, const char *v) {
  size_t lp = strlen(path), lv = v ? strlen(v) : 0;
  return lv && lp >= lv && strcmp(path + lp - lv, v) == 0;
}
static int wrap_open(int (*real)(const char *, int, ...), const char *path, int flags, mode_t mode) {
  if (ends_with(path, getenv("FAULT_OPEN")) && (flags & O_CLOEXEC) &&
      !__sync_lock_test_and_set(&font_done, 1)) {
    const char *with = getenv("FAULT_OPEN_WITH");
    if (with && *with) rename(with, path);
    else unlink(path);
  }
  if (ends_with(path, getenv("FAULT_VANISH")) && !(flags & O_CLOEXEC)) {
    const char *after = getenv("FAULT_AFTER"), *log = getenv("FAULT_LOG");
    if (after && __sync_fetch_and_add(&opens, 1) == atoi(after)) unlink(path);
    if (log) {
      FILE *f = fopen(log, "a");
      if (f) { fprintf(f, "%s\n", path); fclose(f); }
    }
  }
  return real(path, flags, mode);
}
int open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
  va_end(ap);
  return wrap_open((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open"), path, flags, mode);
}
int open64(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
  va_end(ap);
  return wrap_open((int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open64"), path, flags, mode);
}
'''


def make_shim():
    src = os.path.join(TMP, 'vanish.c')
    lib = os.path.join(TMP, 'vanish.so')
    with open(src, 'w') as f:
        f.write(SHIM)
    cc = shutil.which('cc') or shutil.which('gcc') or 'clang'
    subprocess.run([cc, '-shared', '-fPIC', '-o', lib, src, '-ldl'], check=True)
    return lib


def swap_at_open(name, shim, ed, target, replacement, env, out, before, want):
    """Builds ed over a copy of the earlier outputs (out) while the open(2)
    shim removes target, or renames replacement over it, when the PDF writer
    opens it; then exit status 2, want in the message, the outputs intact."""
    env = dict(env, LD_PRELOAD=shim, FAULT_OPEN=target,
               ASAN_OPTIONS=os.environ.get('ASAN_OPTIONS', '') + ':verify_asan_link_order=0')
    if replacement:
        env['FAULT_OPEN_WITH'] = os.path.join(TMP, 'replacement')
        shutil.copyfile(replacement, env['FAULT_OPEN_WITH'])
    outx = os.path.join(TMP, 'out-' + name.replace(' ', '-'))
    shutil.copytree(out, outx)
    rc, err = build(ed, outx, env)
    acted = not os.path.exists(env['FAULT_OPEN_WITH'] if replacement else target)
    check(acted, '%s: the shim did not act' % name)
    check(rc == 2, '%s: exit status %d, want 2\n%s' % (name, rc, err))
    check(want in err, '%s: message\n%s' % (name, err))
    intact(name, outx, before)



def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    ed = edition('ed')
    ed_new = edition('ed-new', change=True)

    # Earlier outputs, and the complete new ones for the killed builds.
    out = os.path.join(TMP, 'out')
    rc, err = build(ed, out)
    check(rc == 0, 'the first build fails: ' + err)
    before = snapshot(out)
    check({'compendium.pdf', 'certificates.pdf', 'report.json'} <= set(before),
          'the first build wrote %s' % sorted(before))
    ref = os.path.join(TMP, 'ref')
    t0 = time.monotonic()
    rc, err = build(ed_new, ref)
    took = time.monotonic() - t0
    check(rc == 0, 'the reference build fails: ' + err)
    after = snapshot(ref)
    check(after['compendium.pdf'] != before['compendium.pdf'], 'the changed edition gives the same PDF')

    # 1a. The output folder lies under a regular file: no one can create it.
    plain = os.path.join(TMP, 'plain-file')
    with open(plain, 'w') as f:
        f.write('not a folder\n')
    rc, err = build(ed, os.path.join(plain, 'out'))
    check(rc == 2, 'output under a file: exit status %d, want 2\n%s' % (rc, err))
    check('cannot create the output folder %s/out: Not a directory' % plain in err,
          'output under a file: message\n' + err)

    # 1b. A read-only output folder with earlier outputs (root cannot write it either).
    ro = os.path.join(TMP, 'ro')
    shutil.copytree(out, ro)
    mount('--bind', ro, ro)
    try:
        mount('-o', 'remount,bind,ro', ro)
        rc, err = build(ed_new, ro)
        check(rc == 2, 'read-only output: exit status %d, want 2\n%s' % (rc, err))
        check('cannot write into the output folder %s: Read-only file system' % ro in err,
              'read-only output: message\n' + err)
        intact('read-only output', ro, before)
    finally:
        umount(ro)

    # 2. Disk full: a small tmpfs holding the earlier outputs, shrunk to leave
    #    100 kB free; the new compendium needs far more.
    full = os.path.join(TMP, 'full')
    os.makedirs(full)
    mount('-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', full)
    try:
        rc, err = build(ed, full)
        check(rc == 0, 'build into the tmpfs fails: ' + err)
        before_full = snapshot(full)
        used = sum(len(v) for v in before_full.values())
        mount('-o', 'remount,size=%dk' % ((used + 4096 * len(before_full)) // 1024 + 100), full)
        rc, err = build(ed_new, full)
        check(rc == 2, 'disk full: exit status %d, want 2\n%s' % (rc, err))
        check('No space left on device' in err and '%s/' % full in err, 'disk full: message\n' + err)
        # one line says it, naming the file once (no staging folder's name)
        said = [l for l in err.splitlines() if 'No space left on device' in l]
        check(len(said) == 1 and said[0].count(full) == 1 and '.huibian-' not in said[0],
              'disk full: the message names the file once\n' + err)
        intact('disk full', full, before_full)
    finally:
        umount(full)

    # 2b. The pages' contents wait in a temporary file in TMPDIR until the
    #     PDF is saved: a TMPDIR that does not exist, or is full, stops the
    #     build with a message saying so; the earlier outputs stay.
    outt = os.path.join(TMP, 'out-tmpdir')
    shutil.copytree(out, outt)
    nowhere = os.path.join(TMP, 'no-such-folder')
    rc, err = build(ed_new, outt, {'TMPDIR': nowhere})
    check(rc == 2, 'missing TMPDIR: exit status %d, want 2\n%s' % (rc, err))
    check(('cannot create a temporary file in %s' % nowhere) in err and
          'No such file or directory' in err, 'missing TMPDIR: message\n' + err)
    intact('missing TMPDIR', outt, before)
    tfull = os.path.join(TMP, 'tmp-full')
    os.makedirs(tfull)
    mount('-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tfull)
    try:
        fd = os.open(os.path.join(tfull, 'filler'), os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            while os.write(fd, b'\0' * 4096) > 0:
                pass
        except OSError:
            pass
        os.close(fd)
        rc, err = build(ed_new, outt, {'TMPDIR': tfull})
        check(rc == 2, 'full TMPDIR: exit status %d, want 2\n%s' % (rc, err))
        check(('to a temporary file in %s: No space left on device' % tfull) in err,
              'full TMPDIR: message\n' + err)
        check(os.listdir(tfull) == ['filler'], 'full TMPDIR: files left there: %s' % os.listdir(tfull))
        intact('full TMPDIR', outt, before)
    finally:
        umount(tfull)

    # 2c. The certificates are written ahead into a scratch file in TMPDIR
    #     (on the rules' thread) and copied into place: a build leaves
    #     nothing in TMPDIR, and writes the same certificates.pdf as a build
    #     with --trace, which keeps the document and writes it at the end.
    tclean = os.path.join(TMP, 'tmp-clean')
    os.makedirs(tclean)
    outs = os.path.join(TMP, 'out-spool')
    rc, err = build(ed_new, outs, {'TMPDIR': tclean})
    check(rc == 0, 'spooled certificates: exit status %d\n%s' % (rc, err))
    check(os.listdir(tclean) == [], 'spooled certificates: files left in TMPDIR: %s' %
          os.listdir(tclean))
    outr = os.path.join(TMP, 'out-trace')
    r = subprocess.run([BIN, 'build', ed_new, '-o', outr, '--trace'], capture_output=True,
                       env=dict(os.environ, TMPDIR=tclean), timeout=600)
    check(r.returncode == 0, 'traced build: %s' % r.stderr.decode('utf-8', 'replace'))
    check(os.path.exists(os.path.join(outr, 'certificates.trace')),
          'traced build: no certificates.trace')
    check(filecmp.cmp(os.path.join(outs, 'certificates.pdf'),
                      os.path.join(outr, 'certificates.pdf'), shallow=False),
          'spooled certificates: not the bytes the traced build writes')

    # 3. A truncated licensed font in the edition's fonts/.
    ed_font = edition('ed-font')
    os.makedirs(os.path.join(ed_font, 'fonts'))
    src_font = '/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf'
    with open(src_font, 'rb') as f:
        data = f.read()
    cut = os.path.join(ed_font, 'fonts', 'LXGWWenKai-Regular.ttf')
    with open(cut, 'wb') as f:
        f.write(data[:len(data) * 6 // 10])
    outf = os.path.join(TMP, 'out-font')
    shutil.copytree(out, outf)
    rc, err = build(ed_font, outf)
    check(rc == 2, 'truncated font: exit status %d, want 2\n%s' % (rc, err))
    check(('the font file %s is cut short' % cut) in err, 'truncated font: message\n' + err)
    intact('truncated font', outf, before)

    # 3b. A font removed, or replaced by another font, while the build runs
    #     (after freetype measured it, before its glyphs are read): a clear
    #     message, exit 2, the earlier outputs as they were. The font is a
    #     copy of DejaVu Sans under a family name of its own ("HuiTest Fnt",
    #     the same length), first in the latin role of a data folder of the
    #     test's (HUIBIAN_DATA), so the build uses this very file.
    shim = make_shim()
    for what in ('removed', 'replaced'):
        data = os.path.join(TMP, 'data-' + what)
        os.makedirs(os.path.join(data, 'fonts'))
        os.symlink(os.path.join(SRC, 'templates'), os.path.join(data, 'templates'))
        with open(os.path.join(SRC, 'fonts', 'fonts.conf'), encoding='utf-8') as f:
            conf = f.read()
        conf = conf.replace('<family>huibian-latin</family>\n    <prefer>',
                            '<family>huibian-latin</family>\n    <prefer>\n      <family>HuiTest Fnt</family>', 1)
        with open(os.path.join(data, 'fonts', 'fonts.conf'), 'w', encoding='utf-8') as f:
            f.write(conf)
        with open('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'rb') as f:
            ttf = f.read()
        for enc in ('latin-1', 'utf-16-be'):
            ttf = ttf.replace('DejaVu Sans'.encode(enc), 'HuiTest Fnt'.encode(enc))
        font = os.path.join(data, 'fonts', 'HuiTestFnt.ttf')
        with open(font, 'wb') as f:
            f.write(ttf)
        env = {'HUIBIAN_DATA': data}
        r = subprocess.run([BIN, 'fonts', ed], capture_output=True, text=True, env=dict(os.environ, **env))
        check(('latin:\n  1. HuiTest Fnt  ' + font) in r.stdout, 'font %s: the test font is not used\n%s' %
              (what, r.stdout))
        swap_at_open('font ' + what, shim, ed, font,
                     '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf' if what == 'replaced' else None,
                     env, out, before,
                     font + ' (face 0) ' + ('cannot be opened any more' if what == 'removed'
                                            else 'was changed while huibian ran'))

    # 3c. A photo removed, or replaced by another, after it was typeset and
    #     before the compendium is saved (its bytes are read from the file
    #     then): a clear message, exit 2, the earlier outputs as they were.
    for what in ('removed', 'replaced'):
        ed_p = edition('ed-photo-' + what)
        photo = os.path.join(ed_p, PHOTO)
        swap_at_open('photo %s before saving' % what, shim, ed_p, photo,
                     os.path.join(SAMPLE, 'images', 's2020-004.png') if what == 'replaced' else None,
                     {}, out, before,
                     'the image file %s %s while huibian ran' %
                     (photo, 'was removed' if what == 'removed' else 'was changed'))

    # 4. A photo deleted between check and build: count how often `check` opens
    #    it, then delete it at the next open of `build` (its check or typesetting).
    ed_photo = edition('ed-photo')
    log = os.path.join(TMP, 'opens.log')
    env = {'LD_PRELOAD': shim, 'FAULT_VANISH': PHOTO, 'FAULT_LOG': log,
           'ASAN_OPTIONS': os.environ.get('ASAN_OPTIONS', '') + ':verify_asan_link_order=0'}
    subprocess.run([BIN, 'check', ed_photo], capture_output=True, env=dict(os.environ, **env))
    with open(log) as f:
        k = len(f.read().splitlines())
    check(k >= 1, 'check never opened the photo (the shim does not work)')
    outp = os.path.join(TMP, 'out-photo')
    shutil.copytree(out, outp)
    env['FAULT_AFTER'] = str(k)
    rc, err = build(ed_photo, outp, env)
    check(not os.path.exists(os.path.join(ed_photo, PHOTO)), 'the shim did not delete the photo')
    check(rc == 1, 'photo deleted: exit status %d, want 1\n%s' % (rc, err))
    # The build checks on a second thread while it typesets: whichever reads
    # the photo after it is gone reports it, the check (before anything is
    # written) or the typesetting; either way nothing is written.
    check(('photo-unreadable' in err and 'nothing written' in err) or
          (('photo-not-found' in err or 'photo-unreadable' in err) and 'not building' in err),
          'photo deleted: message\n' + err)
    intact('photo deleted', outp, before)

    # 5. kill -9 at several moments of a build over the earlier outputs: each
    #    final name holds the earlier bytes or the complete new ones.
    outk = os.path.join(TMP, 'out-kill')
    killed = 0
    for frac in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95):
        shutil.rmtree(outk, ignore_errors=True)
        shutil.copytree(out, outk)
        p = subprocess.Popen([BIN, 'build', ed_new, '-o', outk], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        time.sleep(took * frac)
        p.kill()
        killed += p.wait() == -9
        now = final_names(snapshot(outk))
        for name, data in now.items():
            ok = data == before.get(name) or data == after.get(name)
            check(ok, 'killed at %.0f%%: %s is neither the earlier nor the new file' % (frac * 100, name))
        check(set(before) <= set(now), 'killed at %.0f%%: an earlier output is gone' % (frac * 100))
    check(killed >= 3, 'only %d of 7 kills landed during the build' % killed)

    return summary()


if __name__ == '__main__':
    sys.exit(main())
