#!/bin/sh
# Every submission of the sample edition is valid DocBook 5.0 against the
# official RELAX NG schema (Debian's docbook5-xml, installed by
# scripts/install-deps.sh), so it opens in any DocBook tool.
set -u
rng=/usr/share/xml/docbook/schema/rng/5.0/docbook.rng
if [ ! -f "$rng" ]; then
  echo "missing $rng: run scripts/install-deps.sh (package docbook5-xml)"
  exit 1
fi
passed=0
failed=0
for f in "$HUIBIAN_SOURCE"/input/*/submissions/*.xml; do
  if xmllint --noout --nonet --relaxng "$rng" "$f" 2>/tmp/docbook-valid.$$; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    cat /tmp/docbook-valid.$$
  fi
done
rm -f /tmp/docbook-valid.$$
[ $passed -ge 24 ] || { echo "expected at least 24 submissions, found $passed"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ $failed = 0 ]
