#!/bin/sh
# Runs `huibian check` on one rule case and compares with its expectation.
# A case folder holds an edition (campaign.xml, submissions/…) and `expected`:
# lines that must each appear in the diagnostics output (exact lines), and an
# optional `status` file with the expected exit status (default 1).
set -u
bin=$1
dir=$2
out=$(cd "$dir" && "$bin" check . 2>&1)
status=$?
want=1
[ -f "$dir/status" ] && want=$(cat "$dir/status")
fail=0
if [ "$status" != "$want" ]; then
  echo "exit status $status, want $want"
  fail=1
fi
while IFS= read -r line; do
  [ -z "$line" ] && continue
  if ! printf '%s\n' "$out" | grep -qxF -- "$line"; then
    echo "missing diagnostic: $line"
    fail=1
  fi
done < "$dir/expected"
if [ $fail != 0 ]; then
  echo "--- output was:"
  printf '%s\n' "$out"
  exit 1
fi
echo "1 passed, 0 failed"
