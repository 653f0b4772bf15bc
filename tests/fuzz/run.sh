#!/bin/sh
# Runs one fuzz target for a given time:
#   tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]
# TARGET is fuzz_submission, fuzz_campaign, fuzz_para, fuzz_image or fuzz_subset. Builds
# build-fuzz/ with clang first if needed ($HUIBIAN_FUZZ_BUILD overrides the
# folder). New inputs go to BUILD/fuzz-work/TARGET (the committed seeds in
# corpus/TARGET are only read); crashes to BUILD/fuzz-artifacts/TARGET/.
# HUIBIAN_FUZZ_NOBUILD=1 runs the binary as it is. Exit status: 0 when
# nothing was found.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ $# -lt 2 ]; then
  echo "usage: tests/fuzz/run.sh TARGET SECONDS [libFuzzer options...]" >&2
  exit 2
fi
target=$1
secs=$2
shift 2
if [ ! -d "$here/corpus/$target" ]; then
  echo "run.sh: no target '$target' (have: $(ls "$here/corpus" | tr '\n' ' '))" >&2
  exit 2
fi
build=${HUIBIAN_FUZZ_BUILD:-$root/build-fuzz}
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=clang cmake -S "$root" -B "$build" -DHUIBIAN_FUZZ=ON >/dev/null
fi
if [ -z "${HUIBIAN_FUZZ_NOBUILD:-}" ]; then
  cmake --build "$build" --target "$target" -j "$(nproc 2>/dev/null || echo 2)" >/dev/null
fi
work=$build/fuzz-work/$target
artifacts=$build/fuzz-artifacts/$target
mkdir -p "$work" "$artifacts"
dict=
[ -f "$here/$target.dict" ] && dict="-dict=$here/$target.dict"
[ -z "$dict" ] && [ "$target" = fuzz_campaign ] && dict="-dict=$here/fuzz_submission.dict"
export HUIBIAN_SOURCE="$root"
# shellcheck disable=SC2086
exec "$build/tests/fuzz/$target" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 \
  -max_len=16384 -print_final_stats=1 -artifact_prefix="$artifacts/" $dict "$@" \
  "$work" "$here/corpus/$target"
