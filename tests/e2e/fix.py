"""huibian fix: --dry-run prints a diff and changes nothing; fix writes FILE.orig
(the first backup is kept), the fixed file re-checks clean for halfwidth-punct
and stray-space, and every byte outside the fixed characters is unchanged."""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-fix')


def run(*args):
    return subprocess.run([BIN] + list(args), capture_output=True, text=True, timeout=60)


SUB = '''<?xml version="1.0" encoding="UTF-8"?>
<!-- 注释里的,逗号 不改 -->
<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="s1" xml:lang="zh-CN">
  <info>
    <title>扎根基层二十年;甘做群众贴心人</title>
    <author>
      <personname>张建国</personname>
      <affiliation><orgname>青石镇人民政府</orgname></affiliation>
    </author>
    <date>2020-06-15</date>
    <subjectset scheme="category"><subject><subjectterm>新典型</subjectterm></subject></subjectset>
    <bibliomisc role="recommender">青石镇党委, 青石镇政府</bibliomisc>
  </info>
  <para role="a,b">他说, 我们要把群众的事办好.2020年,全村人均收入增长3.5%，APP.和www.qsx.gov.cn照常使用。</para>
  <para>会议(2020年)通过了"三项制度",大家 一致同意&amp;拥护。</para>\r
  <section><title>一、　心系群众</title><para>他扎根基层 二十年，甘做群众　贴心人。他说， 我们
    一起干!</para></section>
</article>
'''

PUNCT = {',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）',
         '"': '“”', "'": '‘’'}


def only_fixes(old, new):
    """True when new is old with some half-width marks replaced by their
    full-width forms and some runs of spaces deleted, nothing else."""
    i = j = 0
    while i < len(old):
        if j < len(new) and old[i] == new[j]:
            i += 1
            j += 1
        elif old[i] in PUNCT and j < len(new) and new[j] in PUNCT[old[i]]:
            i += 1
            j += 1
        elif old[i] in ' \t\u3000':
            i += 1
        else:
            return False
    return j == len(new)


def findings(out, rules):
    return [l for l in out.splitlines() if any(l.endswith('[%s]' % r) for r in rules)]


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    ed = os.path.join(TMP, 'edition')
    os.makedirs(os.path.join(ed, 'submissions'))
    shutil.copy(os.path.join(SRC, 'tests/rules/halfwidth-punct/campaign.xml'), ed)
    path = os.path.join(ed, 'submissions', 's1.xml')
    original = SUB.encode('utf-8')
    with open(path, 'wb') as f:
        f.write(original)
    os.chmod(path, 0o640)

    r = run('check', '--verbose', ed)
    before = findings(r.stderr, ['halfwidth-punct', 'stray-space'])
    check(len(before) >= 10, 'check finds the half-width marks and stray spaces (%d)' % len(before))

    # --dry-run: a unified diff on stdout, nothing written
    r = run('fix', ed, '--dry-run')
    check(r.returncode == 0, 'fix --dry-run exits 0 (%d): %s' % (r.returncode, r.stderr))
    check(r.stdout.startswith('--- a/') and '\n+++ b/' in r.stdout and '\n@@ -' in r.stdout,
          'fix --dry-run prints a unified diff:\n' + r.stdout[:400])
    check('-  <para role="a,b">他说, 我们' in r.stdout and '+  <para role="a,b">他说，我们' in r.stdout,
          'the diff shows the changed line')
    with open(path, 'rb') as f:
        check(f.read() == original, '--dry-run leaves the file unchanged')
    check(not os.path.exists(path + '.orig'), '--dry-run writes no backup')
    check(sorted(os.listdir(os.path.join(ed, 'submissions'))) == ['s1.xml'], '--dry-run leaves no temporary file')

    # fix
    r = run('fix', ed)
    check(r.returncode == 0, 'fix exits 0 (%d): %s' % (r.returncode, r.stderr))
    check('s1.xml.orig' in r.stderr, 'fix names the backup: ' + r.stderr)
    with open(path + '.orig', 'rb') as f:
        check(f.read() == original, 'FILE.orig holds the original bytes')
    with open(path, 'rb') as f:
        fixed = f.read()
    check(fixed != original, 'the file changed')
    check(os.stat(path).st_mode & 0o777 == 0o640, 'the file keeps its permissions')
    check(fixed.count(b'\n') == original.count(b'\n') and fixed.count(b'\r') == original.count(b'\r'),
          'line ends are kept')
    check(only_fixes(original.decode('utf-8'), fixed.decode('utf-8')),
          'only the fixed characters changed:\n' + fixed.decode('utf-8'))
    for kept in ['<!-- 注释里的,逗号 不改 -->', 'role="a,b"', '青石镇党委, 青石镇政府', '3.5%', 'APP.和',
                 'www.qsx.gov.cn', '&amp;']:
        check(kept in fixed.decode('utf-8'), 'kept as it was: ' + kept)
    for want in ['扎根基层二十年；甘做群众贴心人', '他说，我们要把群众的事办好。2020年，全村', '会议（2020年）通过了“三项制度”，大家一致同意',
                 '一、心系群众', '他扎根基层二十年，甘做群众贴心人。他说，我们\n    一起干！']:
        check(want in fixed.decode('utf-8'), 'fixed: ' + want)
    r = run('check', '--verbose', ed)
    after = findings(r.stderr, ['halfwidth-punct', 'stray-space'])
    check(after == [], 're-checks clean for halfwidth-punct and stray-space: %s' % after)
    check(r.returncode == 0, 'the fixed edition checks with status 0: ' + r.stderr)

    # nothing left to fix
    r = run('fix', ed)
    check(r.returncode == 0 and 'nothing to fix' in r.stderr, 'a second fix has nothing to do: ' + r.stderr)

    # a new finding later: the first backup is kept
    with open(path, 'rb') as f:
        data = f.read()
    with open(path, 'wb') as f:
        f.write(data.replace('一起干！'.encode(), '一起干!'.encode()))
    r = run('fix', ed)
    check(r.returncode == 0 and 'first backup is kept' in r.stderr, 'fix says it keeps the first backup: ' + r.stderr)
    with open(path + '.orig', 'rb') as f:
        check(f.read() == original, 'FILE.orig still holds the very first original')
    with open(path, 'rb') as f:
        check(f.read() == fixed, 'fixed again to the same bytes')

    gbk_files()

    # usage
    r = run('fix')
    check(r.returncode == 2, 'fix without an edition is a usage error')
    r = run('fix', ed, '--bogus')
    check(r.returncode == 2, 'fix with an unknown option is a usage error')

    return summary()


GB_SUB = '''<?xml version="1.0" encoding="%s"?>
<article xmlns="http://docbook.org/ns/docbook" version="5.0" xml:id="%s" xml:lang="zh-CN">
  <info>
    <title>%s</title>
    <author>
      <personname>%s</personname>
      <affiliation><orgname>白沙乡林业站</orgname></affiliation>
    </author>
    <date>2020-07-02</date>
    <subjectset scheme="category"><subject><subjectterm>新典型</subjectterm></subject></subjectset>
    <bibliomisc role="recommender">白沙乡党委</bibliomisc>
  </info>
  <para>%s</para>
</article>
'''


def gbk_files():
    """Files that declare GBK or GB2312 are written back as UTF-8, with or
    without other fixes; fix says so; FILE.orig keeps the GBK bytes."""
    ed = os.path.join(TMP, 'gbk')
    os.makedirs(os.path.join(ed, 'submissions'))
    shutil.copy(os.path.join(SRC, 'tests/rules/halfwidth-punct/campaign.xml'), ed)
    docs = {
        # a half-width comma to fix as well
        'g1.xml': GB_SUB % ('GBK', 'g1', '巡山护林二十年', '李秀兰', '巡山路上,她总是走在最前面。'),
        # nothing else to fix: only the encoding
        'g2.xml': GB_SUB % ('gb2312', 'g2', '一心为民的好支书', '王德明', '他把村里的路修到了每家门口。'),
    }
    raw = {}
    for name, text in docs.items():
        raw[name] = text.encode('gbk')
        with open(os.path.join(ed, 'submissions', name), 'wb') as f:
            f.write(raw[name])
    r = run('check', '--verbose', ed)
    check(r.returncode == 0 and 'submissions/g1.xml:13:13: warning: half-width' in r.stderr,
          'the GBK files are read, the finding at its line and column: ' + r.stderr)

    r = run('fix', ed, '--dry-run')
    check(r.returncode == 0, 'fix --dry-run exits 0: ' + r.stderr)
    check('-<?xml version="1.0" encoding="GBK"?>' in r.stdout and '+<?xml version="1.0" encoding="UTF-8"?>' in r.stdout
          and '+  <para>巡山路上，她总是' in r.stdout, 'the dry run diff is UTF-8 text:\n' + r.stdout)
    check('g2.xml is saved in gb2312' in r.stderr and 'would be converted to UTF-8' in r.stderr,
          'the dry run says what would be converted: ' + r.stderr)
    for name in docs:
        with open(os.path.join(ed, 'submissions', name), 'rb') as f:
            check(f.read() == raw[name], '--dry-run leaves %s as it was' % name)

    r = run('fix', ed)
    check(r.returncode == 0, 'fix exits 0: ' + r.stderr)
    for name, text in docs.items():
        path = os.path.join(ed, 'submissions', name)
        decl = text.split('"')[3]
        check('converted %s from %s to UTF-8' % (name, decl) in r.stderr.replace(ed + '/submissions/', ''),
              'fix says it converted %s: %s' % (name, r.stderr))
        with open(path + '.orig', 'rb') as f:
            check(f.read() == raw[name], '%s.orig holds the GBK bytes' % name)
        with open(path, 'rb') as f:
            data = f.read()
        try:
            now = data.decode('utf-8')
        except UnicodeDecodeError:
            now = ''
        want = text.replace('encoding="%s"' % decl, 'encoding="UTF-8"').replace('巡山路上,', '巡山路上，')
        check(now == want, '%s is the same text in UTF-8, its declaration says UTF-8:\n%s' % (name, now))
    r = run('check', '--verbose', ed)
    check(r.returncode == 0 and '0 errors, 0 warnings' in r.stderr, 'the converted files check clean: ' + r.stderr)
    r = run('fix', ed)
    check('nothing to fix' in r.stderr, 'a second fix has nothing to do: ' + r.stderr)


if __name__ == '__main__':
    sys.exit(main())
