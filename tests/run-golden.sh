#!/bin/sh
# Builds one golden case (tests/golden/NAME: an edition with its own tiny
# template) with --trace and compares the layout with NAME/expected.trace.
# HUIBIAN_REGEN=1 (`make golden`) rewrites expected.trace instead; review the
# diff like code.
set -u
bin=$1
dir=$2
tmp=${HUIBIAN_TMP:-/tmp}/golden-$(basename "$dir")
rm -rf "$tmp"
if ! "$bin" build "$dir" -o "$tmp" --trace >"$tmp.log" 2>&1; then
  cat "$tmp.log"
  echo "0 passed, 1 failed"
  exit 1
fi
if [ "${HUIBIAN_REGEN:-}" = 1 ]; then
  cp "$tmp/compendium.trace" "$dir/expected.trace"
  echo "regenerated $dir/expected.trace"
fi
if diff -u "$dir/expected.trace" "$tmp/compendium.trace"; then
  echo "1 passed, 0 failed"
else
  echo "the layout differs from $dir/expected.trace (if the change is intended: make golden)"
  echo "0 passed, 1 failed"
  exit 1
fi
