#!/bin/sh
# Builds one golden case (tests/golden/NAME: an edition with its own tiny
# template) with --trace and compares the layout with NAME/expected.trace,
# and the certificates' with NAME/expected-certificates.trace when the case
# has one.
# HUIBIAN_REGEN=1 (`make golden`) rewrites expected.trace instead; review the
# diff like code.
set -u
bin=$1
dir=$2
tmp=${HUIBIAN_TMP:-/tmp}/golden-$(basename "$dir")
rm -rf "$tmp"
# a case with a file "outputs" builds only those (build --only) and compares
# only the traces it has expected files for
only=""
[ -f "$dir/outputs" ] && only="--only $(cat "$dir/outputs")"
# shellcheck disable=SC2086
if ! "$bin" build "$dir" -o "$tmp" --trace $only >"$tmp.log" 2>&1; then
  cat "$tmp.log"
  echo "0 passed, 1 failed"
  exit 1
fi
status=0
for pair in compendium.trace:expected.trace certificates.trace:expected-certificates.trace \
  decision.trace:expected-decision.trace publicity.trace:expected-publicity.trace; do
  made=${pair%%:*}
  want=${pair#*:}
  # the certificates' trace is compared where the case has the file (a new
  # case opts in with an empty one, then runs make golden)
  { [ "$made" = compendium.trace ] && [ -z "$only" ]; } || [ -f "$dir/$want" ] || continue
  if [ "${HUIBIAN_REGEN:-}" = 1 ]; then
    cp "$tmp/$made" "$dir/$want"
    echo "regenerated $dir/$want"
  fi
  if ! diff -u "$dir/$want" "$tmp/$made"; then
    echo "the layout differs from $dir/$want (if the change is intended: make golden)"
    status=1
  fi
done
if [ $status = 0 ]; then
  echo "1 passed, 0 failed"
else
  echo "0 passed, 1 failed"
fi
exit $status
