"""The clerk's language: under zh_CN.UTF-8 (or --lang zh_CN) huibian speaks
Chinese — help (of every command, -h and `help COMMAND` too), usage errors,
check's findings and summary, what build wrote or why it wrote nothing — and
under C (or --lang en) English; rule ids stay the same ASCII words in both.
The man pages (English and Chinese) name every command the help lists, with
all its options."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from huitest import BIN, SRC, check, summary, tmp  # noqa: E402

TMP = tmp('/tmp/huibian-e2e-language')
SAMPLE = os.path.join(SRC, 'input', '2020')
HAN = re.compile('[\u4e00-\u9fff]')


def hb(args, lang):
    env = {k: v for k, v in os.environ.items() if not k.startswith('LC_') and k not in ('LANG', 'LANGUAGE')}
    env['LANG'] = lang
    r = subprocess.run([BIN] + args, capture_output=True, env=env, timeout=300)
    return r.returncode, r.stdout.decode('utf-8', 'replace'), r.stderr.decode('utf-8', 'replace')


def han_outside_quotes(text):
    """Han characters outside the edition's own words (quoted or file names)."""
    text = re.sub(r'[‘“\'][^’”\']*[’”\']', '', text)
    return HAN.findall(text)


def main():
    shutil.rmtree(TMP, ignore_errors=True)
    os.makedirs(TMP)
    r = subprocess.run(['locale', '-a'], capture_output=True, text=True)
    check(re.search(r'^zh_CN\.utf-?8$', r.stdout, re.I | re.M),
          'the zh_CN.UTF-8 locale is missing: scripts/install-deps.sh generates it')

    st, out, _ = hb(['--help'], 'zh_CN.UTF-8')
    check(st == 0 and '用法' in out and '命令' in out, 'huibian --help in Chinese\n' + out)
    st, out, _ = hb(['--help'], 'C')
    check(st == 0 and out.startswith('usage: huibian') and not HAN.search(out.split('commands:')[0]),
          'huibian --help in English under C\n' + out)
    st, out, _ = hb(['build', '--help'], 'zh_CN.UTF-8')
    check('选项' in out and '--only' in out, 'build --help in Chinese, options as typed\n' + out)
    st, out, _ = hb(['--lang', 'en', 'build', '--help'], 'zh_CN.UTF-8')
    check(out.startswith('usage: huibian build'), '--lang en overrides the locale\n' + out)
    st, out, _ = hb(['build', '--help', '--lang', 'zh_CN'], 'C')
    check(out.startswith('用法'), '--lang zh_CN overrides the C locale\n' + out)
    st, _, err = hb(['check'], 'zh_CN.UTF-8')
    check(st == 2 and err.startswith('huibian：') and '需要指定材料文件夹' in err, 'a usage error in Chinese\n' + err)

    # A check with findings: the same rule ids in both languages, the
    # summary in each language.
    ed = os.path.join(TMP, 'ed')
    shutil.copytree(SAMPLE, ed)
    sub = sorted(os.listdir(os.path.join(ed, 'submissions')))[0]
    p = os.path.join(ed, 'submissions', sub)
    with open(p, encoding='utf-8') as f:
        text = f.read()
    i = text.index('，', text.index('</info>'))
    with open(p, 'w', encoding='utf-8') as f:
        f.write(text[:i] + ',' + text[i + 1:])
    st_zh, _, zh = hb(['check', ed], 'zh_CN.UTF-8')
    st_c, _, en = hb(['check', ed], 'C')
    ids = lambda s: re.findall(r'\[([a-z-]+)\]', s)
    check(st_zh == st_c and ids(zh) == ids(en) and 'halfwidth-punct' in ids(en),
          'the same findings and rule ids in both languages\n%s\n%s' % (zh, en))
    check('警告' in zh, 'the severity in Chinese\n' + zh)
    check(not han_outside_quotes(en.replace(ed, '')), 'English output has Chinese of its own\n' + en)

    # fonts: each role by its name, in Chinese also what it sets
    st_zh, zh, _ = hb(['fonts', SAMPLE], 'zh_CN.UTF-8')
    st_c, en, _ = hb(['fonts', SAMPLE], 'C')
    check(st_zh == st_c == 0 and re.search(r'^body（正文）：\n  1\. ', zh, re.M) and re.search(r'^kai（楷体）：$', zh, re.M)
          and re.search(r'^body:\n  1\. ', en, re.M) and not HAN.search(en.split('\n')[0]),
          'fonts names the roles in each language\n%s\n%s' % (zh[:300], en[:300]))

    # build: what it wrote, or why it wrote nothing, in each language
    for lang, wrote, refused in (('zh_CN.UTF-8', r'huibian：已写出 \S+/compendium\.pdf（\d+ 页，\d+ 篇）',
                                  '未生成成果'),
                                 ('C', r'huibian: wrote \S+/compendium\.pdf \(\d+ pages, \d+ articles\)',
                                  'not building')):
        st, _, err = hb(['build', SAMPLE, '-o', os.path.join(TMP, 'out-' + lang)], lang)
        check(st == 0 and re.search(wrote, err) and (lang != 'C' or not HAN.search(err)),
              'build under %s says what it wrote in its language\n%s' % (lang, err))
        bad = os.path.join(TMP, 'bad')
        shutil.copytree(ed, bad, dirs_exist_ok=True)
        with open(os.path.join(bad, 'submissions', sub), 'a', encoding='utf-8') as f:
            f.write('<para>')
        st, _, err = hb(['build', bad, '-o', os.path.join(TMP, 'bad-out')], lang)
        check(st == 1 and refused in err.split('\n')[-2] and '[not-well-formed]' in err,
              'a refused build under %s says why in its language\n%s' % (lang, err))

    # the man page names every command
    st, out, _ = hb(['--help'], 'C')
    help_en = out
    commands = re.findall(r'^  ([a-z]+) ', out, re.M)
    for page in (os.path.join('docs', 'man', 'huibian.1'), os.path.join('docs', 'man', 'zh_CN', 'huibian.1')):
        with open(os.path.join(SRC, page), encoding='utf-8') as f:
            man = f.read()
        missing = [c for c in commands if not re.search(r'^\.B[IR]? "?%s\b' % c, man, re.M)]
        check(commands and not missing, '%s lacks %s' % (page, missing))
        # ... and, in each command's entry, every option its --help lists
        for c in commands:
            m = re.search(r'^\.B[IR]? "?%s\b(.*?)(?=^\.TP|^\.SH)' % c, man, re.M | re.S)
            entry = m.group(1).replace('\\-', '-') if m else ''
            st, out, _ = hb([c, '--help'], 'C')
            options = re.findall(r'^  (-[-a-z]+)', out.split('\noptions:\n')[-1], re.M) if 'options:' in out else []
            lacking = [o for o in options if not re.search(r'(?<![-a-z])%s(?![-a-z])' % re.escape(o), entry)]
            check(not lacking, '%s: the entry of %s lacks %s' % (page, c, lacking))
    # help and -h for every command, in both languages; `huibian help COMMAND`
    for c in commands:
        for args in ([c, '-h'], ['help', c]):
            st_en, en, _ = hb(args, 'C')
            st_zh, zh, _ = hb(args, 'zh_CN.UTF-8')
            # "[options]" only when it has some
            usage = 'huibian %s%s\n' % (re.search(r'^  (%s(?: \S+)*)' % c, help_en, re.M).group(1),
                                        ' [options]' if '\noptions:\n' in en else '')
            check(st_en == st_zh == 0 and en.startswith('usage: ' + usage)
                  and zh.startswith('用法：' + usage.replace('[options]', '[选项]')) and '退出状态' in zh,
                  '%s: its help in both languages\n%s\n%s' % (' '.join(args), en, zh))
            check(en.lower().count('exit status') == 1 and zh.count('退出状态') == 1,
                  '%s: one exit status, its own or the general one\n%s\n%s' % (' '.join(args), en, zh))
    return summary()


if __name__ == '__main__':
    sys.exit(main())
