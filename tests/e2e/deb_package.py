"""The Debian package: scripts/deb/build.sh packages the build tree under
test (--prebuilt; `make deb` does the hardened build and runs lintian), the
same bytes each time; the package holds what the program needs, with the
permissions and owners Debian wants; and the program unpacked from it
(dpkg -x, under a root that is neither /usr nor the build tree) builds the
sample edition from a folder outside the source tree with its own
templates, fonts.conf and Chinese catalog: the messages name the unpacked
data folder, and the help turns English when the unpacked catalog is taken
away."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, run, summary  # noqa: E402

BUILD = os.path.dirname(os.path.abspath(BIN))  # huibian is built at the build tree's top
HAN = re.compile('[\u4e00-\u9fff]')

# Each path the package must hold, with its mode.
WANTED = {
    './usr/bin/huibian': '-rwxr-xr-x',
    './usr/share/huibian/templates/compendium-a4.xml': '-rw-r--r--',
    './usr/share/huibian/templates/certificate-a4-landscape.xml': '-rw-r--r--',
    './usr/share/huibian/fonts/fonts.conf': '-rw-r--r--',
    './usr/share/locale/zh_CN/LC_MESSAGES/huibian.mo': '-rw-r--r--',
    './usr/share/man/man1/huibian.1.gz': '-rw-r--r--',
    './usr/share/man/zh_CN/man1/huibian.1.gz': '-rw-r--r--',
    './usr/share/doc/huibian/README.md': '-rw-r--r--',
    './usr/share/doc/huibian/copyright': '-rw-r--r--',
    './usr/share/doc/huibian/changelog.Debian.gz': '-rw-r--r--',
}


def env_without_overrides(lang):
    """The environment with the locale set to lang and without the
    variables that would point huibian elsewhere than its own files."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith('LC_') and k not in ('LANG', 'LANGUAGE', 'HUIBIAN_DATA', 'HUIBIAN_LOCALEDIR')}
    env['LANG'] = lang
    return env


def hb(exe, args, cwd, lang='C.UTF-8'):
    return subprocess.run([exe] + args, capture_output=True, text=True, cwd=cwd,
                          env=env_without_overrides(lang), timeout=300)


def head(path, n=5):
    """The first n bytes of the file at path (all with n None; b'' when
    there is no file)."""
    if not os.path.exists(path):
        return b''
    with open(path, 'rb') as f:
        return f.read(n)


def main():
    scratch = tempfile.mkdtemp(prefix='huibian-deb-')
    try:
        return test(os.path.realpath(scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def test(scratch):
    r = run('sh', os.path.join(SRC, 'scripts', 'deb', 'build.sh'), '--prebuilt', BUILD, '--quick',
            os.path.join(scratch, 'deb'))
    if not check(r.returncode == 0, 'scripts/deb/build.sh packages the build tree\n' + r.stderr[-2000:]):
        return summary()
    deb = r.stdout.strip().splitlines()[-1]
    r = run('sh', os.path.join(SRC, 'scripts', 'deb', 'build.sh'), '--prebuilt', BUILD, '--quick',
            os.path.join(scratch, 'deb-again'))
    again = r.stdout.strip().splitlines()[-1] if r.returncode == 0 else None
    check(again and head(deb, None) == head(again, None), 'packaging the same build twice gives the same bytes')
    check(re.fullmatch(r'.*/huibian_[0-9.]+-[0-9]+_[a-z0-9]+\.deb', deb), 'the .deb is named huibian_VERSION_ARCH.deb: ' + deb)

    info = run('dpkg-deb', '-f', deb, 'Package', 'Version', 'Depends', 'Maintainer').stdout
    version = run(BIN, '--version').stdout.split()[-1]
    check(re.search(r'^Version: ' + re.escape(version) + r'-\d+$', info, re.M),
          'the package version is the program\'s (%s) with a Debian revision\n%s' % (version, info))
    for dep in ('libc6', 'libhpdf-2.3.0', 'libxml2', 'libfontconfig1', 'fonts-arphic-uming',
                'fonts-wqy-zenhei', 'icc-profiles-free'):
        check(re.search(r'^Depends:.*\b' + re.escape(dep) + r'\b', info, re.M), 'Depends names ' + dep + '\n' + info)

    listing = {}
    for line in run('dpkg-deb', '-c', deb).stdout.splitlines():
        cols = line.split()
        listing[cols[5]] = (cols[0], cols[1])
    for path, mode in WANTED.items():
        check(listing.get(path, ('missing',))[0] == mode, '%s in the package, mode %s: %s' % (path, mode, listing.get(path)))
    check(all(owner == 'root/root' for _, owner in listing.values()), 'every file belongs to root/root')
    check(not any(p.startswith('./usr/share/huibian/fonts/') and not p.endswith(('/', 'fonts.conf')) for p in listing),
          'no font file of the source tree\'s fonts/ is packaged')

    root = os.path.join(scratch, 'root')
    check(run('dpkg', '-x', deb, root).returncode == 0, 'dpkg -x unpacks the package')
    exe = os.path.join(root, 'usr', 'bin', 'huibian')
    sections = run('readelf', '-S', exe).stdout
    check('.text' in sections and '.symtab' not in sections, 'the packaged binary is stripped')

    # The sample edition, built from a working folder outside the source tree.
    work = os.path.join(scratch, 'work')
    shutil.copytree(os.path.join(SRC, 'input', '2020'), os.path.join(work, '2020'))
    r = hb(exe, ['build', '2020', '-o', 'out'], work)
    check(r.returncode == 0, 'the unpacked huibian builds the sample edition\n' + r.stderr[-2000:])
    for name in ('compendium.pdf', 'certificates.pdf'):
        check(head(os.path.join(work, 'out', name)) == b'%PDF-', name + ' written')
    text = run('pdftotext', '-l', '3', os.path.join(work, 'out', 'compendium.pdf'), '-').stdout
    check(HAN.search(text), 'the compendium has Chinese text (the fonts of the unpacked fonts.conf)')
    r = hb(exe, ['verify', 'out'], work)
    check(r.returncode == 0, 'verify finds the unpacked templates and fonts.conf as the build did\n' + r.stderr[-1000:])

    # Which data folder: a template that exists nowhere is looked for in the
    # unpacked one, not in the source tree.
    campaign = os.path.join(work, '2020', 'campaign.xml')
    with open(campaign, encoding='utf-8') as f:
        xml = f.read()
    with open(campaign, 'w', encoding='utf-8') as f:
        f.write(xml.replace('template="compendium-a4"', 'template="no-such-layout"', 1))
    r = hb(exe, ['build', '2020', '-o', 'out2'], work)
    data = os.path.join(root, 'usr', 'share', 'huibian', 'templates')
    check(r.returncode != 0 and data in r.stderr and os.path.join(SRC, 'templates') not in r.stderr,
          'a missing template is looked for in %s\n%s' % (data, r.stderr[-1000:]))

    # The Chinese catalog, from the unpacked tree: Chinese help by the locale
    # and by --lang, English once that catalog is gone.
    r = hb(exe, ['--help'], work, 'zh_CN.UTF-8')
    check(r.returncode == 0 and '用法' in r.stdout, 'LANG=zh_CN.UTF-8: Chinese help\n' + r.stdout[:300])
    r = hb(exe, ['--lang', 'zh_CN', 'build', '--help'], work, 'C')
    check(r.returncode == 0 and r.stdout.startswith('用法'), '--lang zh_CN: Chinese help\n' + r.stdout[:300])
    # man huibian: Chinese under zh_CN.UTF-8, English under C; both name import
    for lang, word in (('zh_CN.UTF-8', '用法'), ('C.UTF-8', 'SYNOPSIS')):
        # (MANPATH, not -M: man-db looks in the locale's folder on MANPATH only)
        env = dict(env_without_overrides(lang), MANWIDTH='80', MANPATH=os.path.join(root, 'usr', 'share', 'man'))
        r = subprocess.run(['man', 'huibian'],
                           capture_output=True, text=True, env=env, timeout=60)
        check(r.returncode == 0 and word in r.stdout and 'import' in r.stdout,
              'man huibian under %s from the unpacked tree\n%s%s' % (lang, r.stdout[:300], r.stderr[-300:]))
    mo = os.path.join(root, 'usr', 'share', 'locale', 'zh_CN', 'LC_MESSAGES', 'huibian.mo')
    os.rename(mo, mo + '.away')
    r = hb(exe, ['--help'], work, 'zh_CN.UTF-8')
    check(r.stdout.startswith('usage: huibian'), 'without the unpacked catalog the help is English\n' + r.stdout[:300])
    return summary()


sys.exit(main())
