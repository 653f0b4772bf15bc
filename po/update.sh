#!/bin/sh
# Gathers every message of src/ into po/huibian.pot (xgettext) and merges it
# into each po/LANG.po (msgmerge): new messages arrive untranslated, for a
# translator to fill in; tests/check-po.sh then fails until they are.
set -eu
cd "$(dirname "$0")/.."
find src -name '*.c' | LC_ALL=C sort > po/POTFILES
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=D_ \
  --add-comments=TRANSLATORS: --package-name=huibian --msgid-bugs-address=huibian \
  --sort-by-file --files-from=po/POTFILES -o po/huibian.pot
for po in po/*.po; do
  msgmerge --quiet --update --no-fuzzy-matching --backup=none --sort-by-file "$po" po/huibian.pot
done
