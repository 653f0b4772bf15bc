#!/bin/sh
# Fails when a message of src/ has no translation in po/zh_CN.po (or one
# marked fuzzy): every message a clerk can see needs its Chinese. Gathers the
# messages afresh (xgettext), as po/update.sh does, into a scratch folder.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=${HUIBIAN_TMP:-/tmp}/check-po
rm -rf "$tmp" && mkdir -p "$tmp"
cd "$top"
find src -name '*.c' | LC_ALL=C sort > "$tmp/files"
xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=D_ \
  --files-from="$tmp/files" -o "$tmp/huibian.pot" || exit 1
msgmerge --quiet --no-fuzzy-matching "$top/po/zh_CN.po" "$tmp/huibian.pot" -o "$tmp/zh_CN.po" || exit 1
msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" > "$tmp/missing.po"
msgattrib --only-fuzzy --no-obsolete "$tmp/zh_CN.po" > "$tmp/fuzzy.po"
missing=$(grep -c '^msgid ' "$tmp/missing.po" || true)
fuzzy=$(grep -c '^msgid ' "$tmp/fuzzy.po" || true)
# msgattrib keeps the header entry (msgid "") in its output
[ "$missing" -gt 0 ] && missing=$((missing - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
total=$(grep -c '^msgid ' "$tmp/huibian.pot")
if [ "$missing" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "po/zh_CN.po lacks $missing translation(s) and has $fuzzy fuzzy one(s) of $((total - 1)) messages:"
  grep -A1 '^#:' "$tmp/missing.po" | head -60
  echo "run po/update.sh, translate the empty msgstr entries, and run again"
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
