"""The command line: every command answers --help with its own usage and
options (and exit status 0), refuses options of other commands by name, and
`build --only` writes just the outputs asked for through the registry, the
others of an earlier build staying as they were."""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-cli')
SAMPLE = os.path.join(SRC, 'input', '2020')
COMMANDS = ['check', 'fix', 'build', 'certificates', 'archive', 'verify', 'fonts', 'rules', 'import']


def hb(*args):
    r = subprocess.run([BIN] + list(args), capture_output=True, timeout=300)
    return r.returncode, r.stdout.decode('utf-8', 'replace'), r.stderr.decode('utf-8', 'replace')


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    st, out, err = hb('--help')
    check(st == 0 and all(('  %s ' % c) in out for c in COMMANDS), 'huibian --help lists every command\n' + out)
    for c in COMMANDS:
        for flag in ('--help', '-h'):
            st, out, err = hb(c, flag)
            check(st == 0 and out.startswith('usage: huibian %s' % c),
                  '%s %s: status %s\n%s%s' % (c, flag, st, out, err))
    st, out, err = hb('help', 'biuld')
    check(st == 2 and not out and "unknown command 'biuld'" in err and "huibian --help" in err,
          'help of a command that does not exist: %s\n%s%s' % (st, out, err))
    st, out, _ = hb('build', '--help')
    for word in ('--only OUTPUT', 'compendium', 'certificates', 'report', '--trace', '--pdfa'):
        check(word in out, 'build --help lacks %r' % word)
    check('--split' not in out and '--dry-run' not in out, 'build --help shows other commands\' options')
    st, out, _ = hb('certificates', '--help')
    check('--only ID' in out and '--split' in out and '--calibration' in out, 'certificates --help\n' + out)
    # an option of another command, an unknown one, a missing value
    st, _, err = hb('check', SAMPLE, '--split')
    check(st == 2 and '--split is not an option of check' in err and 'huibian check --help' in err,
          'check --split: %s %s' % (st, err))
    st, _, err = hb('build', SAMPLE, '-o', os.path.join(TMP, 'x'), '--bogus')
    check(st == 2 and "unknown option '--bogus'" in err, 'build --bogus: %s %s' % (st, err))
    st, _, err = hb('build', SAMPLE, '-o')
    check(st == 2 and 'needs a value' in err, 'build -o without a folder: %s %s' % (st, err))
    st, _, err = hb('build', SAMPLE)
    check(st == 2 and 'needs an output folder' in err, 'build without -o: %s %s' % (st, err))
    st, _, err = hb('archive', SAMPLE)
    check(st == 2 and '--into ARCHIVE' in err, 'archive without --into: %s %s' % (st, err))
    st, _, err = hb('frobnicate')
    check(st == 2 and "unknown command 'frobnicate'" in err, 'unknown command: %s %s' % (st, err))
    st, _, err = hb('build', SAMPLE, '-o', os.path.join(TMP, 'x'), '--only', 'website')
    check(st == 2 and "no output 'website'" in err and
          all(k in err.split('are: ')[-1] for k in ('compendium', 'certificates', 'report', 'web')),
          '--only website: %s %s' % (st, err))

    # --only through the registry
    out = os.path.join(TMP, 'only')
    st, _, err = hb('build', SAMPLE, '-o', out)
    check(st == 0, 'full build: %s\n%s' % (st, err))
    with open(os.path.join(out, 'compendium.pdf'), 'rb') as f:
        compendium = f.read()
    st, _, err = hb('build', SAMPLE, '-o', out, '--only', 'report')
    check(st == 0, 'build --only report: %s\n%s' % (st, err))
    with open(os.path.join(out, 'manifest.json'), encoding='utf-8') as f:
        listed = sorted(x['path'] for x in json.load(f)['outputs'])
    check(listed == ['report.json'], 'build --only report lists %s' % listed)
    with open(os.path.join(out, 'compendium.pdf'), 'rb') as f:
        check(f.read() == compendium, 'the compendium of the earlier build did not stay')
    st, _, err = hb('verify', out)
    check(st == 0 and 'compendium.pdf is in the folder but not in the manifest' in err,
          'verify after --only: %s\n%s' % (st, err))
    fresh = os.path.join(TMP, 'fresh')
    st, _, err = hb('build', SAMPLE, '-o', fresh, '--only', 'certificates,report')
    check(st == 0 and sorted(os.listdir(fresh)) == ['certificates.pdf', 'manifest.json', 'report.json'],
          'build --only certificates,report into a new folder: %s %s\n%s'
          % (st, sorted(os.listdir(fresh)) if os.path.isdir(fresh) else None, err))
    # check -o FILE and --by-unit DIR: the findings to send
    ed = os.path.join(TMP, 'ed')
    shutil.copytree(SAMPLE, ed)
    subs = sorted(os.listdir(os.path.join(ed, 'submissions')))
    p = os.path.join(ed, 'submissions', subs[0])
    with open(p, encoding='utf-8') as f:
        text = f.read()
    i = text.index('，', text.index('</info>'))
    with open(p, 'w', encoding='utf-8') as f:
        f.write(text[:i] + ',' + text[i + 1:])
    unit = re.search(r'<bibliomisc role="recommender">([^<]+)<', text).group(1)
    findings, byunit = os.path.join(TMP, 'findings.txt'), os.path.join(TMP, 'by-unit')
    st, _, err = hb('check', ed, '-o', findings, '--by-unit', byunit)
    with open(findings, encoding='utf-8') as f:
        written = f.read()
    check(st == 0 and 'halfwidth-punct' in written and written in err,
          'check -o FILE writes the findings as printed: %s\n%s\n%s' % (st, written, err))
    files = sorted(os.listdir(byunit))
    check(unit + '.txt' in files, 'no file for the unit %s: %s' % (unit, files))
    for name in files:
        with open(os.path.join(byunit, name), encoding='utf-8') as f:
            body = f.read()
        mine = name == unit + '.txt'
        check(('halfwidth-punct' in body) == mine and ('Recommending unit: ' + name[:-4]) in body,
              '--by-unit: %s has the wrong findings\n%s' % (name, body))

    # A second unit's file that is not XML at all (a <para> left open): its
    # finding still goes to its unit, named in the text; in Chinese, under
    # a header naming the campaign and the unit.
    other = next(n for n in subs[1:] if re.search(r'role="recommender">(?!%s<)' % re.escape(unit),
                                                   open(os.path.join(ed, 'submissions', n), encoding='utf-8').read()))
    p = os.path.join(ed, 'submissions', other)
    with open(p, encoding='utf-8') as f:
        text = f.read()
    unit2 = re.search(r'<bibliomisc role="recommender">([^<]+)<', text).group(1)
    with open(p, 'w', encoding='utf-8') as f:
        f.write(text.replace('</para>', '', 1))
    shutil.rmtree(byunit)
    r = subprocess.run([BIN, '--lang', 'zh_CN', 'check', ed, '--by-unit', byunit], capture_output=True, timeout=300)
    check(r.returncode == 1, 'check of an edition with a broken file: %s' % r.returncode)
    # the broken file's award names an id no submission has: campaign.xml's
    # finding, for the office, counted against the whole edition
    path = os.path.join(byunit, 'campaign.xml.txt')
    body = open(path, encoding='utf-8').read() if os.path.exists(path) else ''
    check('[award-unknown-id]' in body and '（共 %d 份材料）' % len(subs) in body,
          '--by-unit: campaign.xml.txt\n' + body)
    for u, rule, sub in ((unit, 'halfwidth-punct', subs[0]), (unit2, 'not-well-formed', other)):
        path = os.path.join(byunit, u + '.txt')
        body = open(path, encoding='utf-8').read() if os.path.exists(path) else ''
        lines = body.split('\n')
        check(len(lines) > 3 and '2020' in lines[0] and '检查结果' in lines[0]
              and lines[1] == '推荐单位：' + u and ('submissions/%s:' % sub) in body
              and ('[%s]' % rule) in body and body.count('submissions/') == 1,
              '--by-unit in Chinese: %s lacks its header or its %s finding\n%s\n%s'
              % (u, rule, body, sorted(os.listdir(byunit))))

    # A folder name that is not UTF-8 (GBK 啊 and a stray byte) is written
    # in messages as the findings write it, \xHH, in both languages: raw,
    # it shows as garbage.
    raw = os.path.join(TMP, 'gbk').encode() + b'\xb0\xa1\xff'
    for lang in ('en', 'zh_CN'):
        r = subprocess.run([BIN.encode(), b'--lang', lang.encode(), b'check', raw], capture_output=True, timeout=60)
        check(r.returncode == 2 and b'gbk\\xb0\\xa1\\xff' in r.stderr and r.stderr.decode('utf-8', 'strict'),
              'a non-UTF-8 name on standard error (--lang %s)\n%r' % (lang, r.stderr))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
