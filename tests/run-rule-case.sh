#!/bin/sh
# Runs `huibian check --verbose .` (every finding, not the first few per
# file) inside one rule case and compares what it prints
# with the case's expectation (tests/rules/README.md):
#   expected  the whole of stderr, exactly: every diagnostic line in the
#             order huibian prints them, then the summary lines;
#   status    optional: the expected exit status (default 1).
# stdout must be empty (check prints its findings on stderr), and the
# summary's "by rule:" line must name the case's rule (its folder's name)
# and no other.
# HUIBIAN_REGEN=1 rewrites `expected` from the output instead; review the
# diff like code (is every line right, does the case still fire its rule and
# nothing else?).
set -u
bin=$1
dir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rule-case.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
# the messages as written, whatever the caller's locale and LANGUAGE
(cd "$dir" && LC_ALL=C.UTF-8 LANGUAGE= "$bin" check --verbose .) >"$tmp/stdout" 2>"$tmp/stderr"
status=$?
want=1
[ -f "$dir/status" ] && want=$(cat "$dir/status")
if [ "${HUIBIAN_REGEN:-}" = 1 ]; then
  cp "$tmp/stderr" "$dir/expected"
  echo "regenerated $dir/expected"
fi
fail=0
if [ "$status" != "$want" ]; then
  echo "exit status $status, want $want"
  fail=1
fi
if [ -s "$tmp/stdout" ]; then
  echo "check printed on stdout (it prints only on stderr):"
  cat "$tmp/stdout"
  fail=1
fi
name=$(basename "$dir")
byrule=$(grep '^by rule: ' "$tmp/stderr")
if ! printf '%s\n' "$byrule" | grep -qxE "by rule: $name: [0-9]+"; then
  echo "the case must fire its rule $name and no other; the summary says: $byrule"
  fail=1
fi
if ! diff -u "$dir/expected" "$tmp/stderr" >"$tmp/diff"; then
  echo "stderr differs from $dir/expected (- expected, + printed):"
  cat "$tmp/diff"
  fail=1
fi
if [ $fail != 0 ]; then
  echo "0 passed, 1 failed"
  exit 1
fi
echo "1 passed, 0 failed"
