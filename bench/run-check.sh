#!/usr/bin/env bash
# bench/run-check.sh: does `huibian check` stay linear in the edition's size?
# (issue 17: the originality rule discounts phrasing by a number of documents,
# and its index must not grow faster than the text.)
#
# usage: bench/run-check.sh [--repeat R] [SMALL LARGE]      (default: 500 2000)
#
# Generates (once, cached in bench/out/, shared with run.sh) the synthetic
# editions of SMALL and LARGE submissions with bench/gen-edition.py, runs
# `huibian check EDITION` on each R times (default 3) under /usr/bin/time -v
# when it is installed, and prints for the fastest run: wall s, CPU s, peak MiB
# and the originality findings; then the ratio LARGE/SMALL of wall and CPU
# time beside the linear ratio (LARGE/SMALL; 4.0 for the defaults). The goal
# of issue 17 is a time ratio of at most 4.2 for 2000/500.
#
# Environment: HUIBIAN (a huibian binary; default: built as Release in
# BUILD_DIR, default <repo>/build-bench), SEED (generator seed, default 1),
# OUT_DIR (default bench/out). Timings only: nothing here is a test.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out=${OUT_DIR:-$here/out}
build=${BUILD_DIR:-$root/build-bench}
seed=${SEED:-1}
quotas=10,20,30
repeat=3
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --repeat) repeat=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) sizes+=("$1") ;;
    *) echo "run-check.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#sizes[@]} -eq 0 ] && sizes=(500 2000)
[ ${#sizes[@]} -eq 2 ] || { echo "run-check.sh: give two sizes, SMALL and LARGE" >&2; exit 2; }
mkdir -p "$out"

if [ -z "${HUIBIAN:-}" ]; then
  echo "run-check.sh: building huibian (Release) in $build" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" --target huibian >/dev/null
fi
huibian=${HUIBIAN:-$build/huibian}
[ -x "$huibian" ] || { echo "run-check.sh: $huibian is missing or not executable" >&2; exit 2; }
timer=/usr/bin/time
[ -x "$timer" ] || timer=

# the same cache key as run.sh: an edition is made again only when the
# generator, its phrase bank, the seed or the quotas change
genkey=$(cat "$here/gen-edition.py" "$here/phrases.txt" | sha256sum | cut -c1-12)
edition() {
  local n=$1 dir="$out/ed-$1-s$seed-q${quotas//,/-}-$genkey"
  if [ ! -f "$dir/bench-text.txt" ]; then
    rm -rf "$dir" "$dir.tmp"
    python3 "$here/gen-edition.py" -n "$n" --seed "$seed" --quotas "$quotas" -o "$dir.tmp" >&2
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# one N: the fastest of $repeat runs; sets WALL CPU RSS FOUND
measure() {
  local ed=$1 log=$out/check-$2 best='' i w c r
  for ((i = 0; i < repeat; i++)); do
    if [ -n "$timer" ]; then
      "$timer" -v -o "$log.time" "$huibian" check "$ed" >"$log.out" 2>&1 || true
      w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
             for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.3f", s}' "$log.time")
      c=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$log.time")
      r=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log.time")
    else
      local TIMEFORMAT='%R %U %S' t u s
      t=$( { time "$huibian" check "$ed" >"$log.out" 2>&1 || true; } 2>&1 )
      read -r w u s <<<"$t"
      c=$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')
      r=n/a
    fi
    if [ -z "$best" ] || awk -v a="$w" -v b="$best" 'BEGIN {exit !(a < b)}'; then
      best=$w WALL=$w CPU=$c RSS=$r
    fi
  done
  FOUND=$(grep -c '\[originality\]$' "$log.out" || true)
}

printf '%6s %8s %8s %9s %12s\n' N 'wall s' 'CPU s' 'peak MiB' originality
declare -A W C
for n in "${sizes[@]}"; do
  ed=$(edition "$n")
  measure "$ed" "$n"
  W[$n]=$WALL C[$n]=$CPU
  printf '%6s %8.3f %8.2f %9s %12s\n' "$n" "$WALL" "$CPU" "$RSS" "$FOUND"
done
a=${sizes[0]} b=${sizes[1]}
awk -v a="$a" -v b="$b" -v wa="${W[$a]}" -v wb="${W[$b]}" -v ca="${C[$a]}" -v cb="${C[$b]}" 'BEGIN {
  printf "%s/%s check: wall ratio %.2f, CPU ratio %.2f (linear: %.2f; the goal: at most %.2f)\n",
         b, a, (wa > 0 ? wb / wa : 0), (ca > 0 ? cb / ca : 0), b / a, 1.05 * b / a}'
