#!/usr/bin/env bash
# bench/province.sh: a province on one machine (issue 22) — P counties of N
# submissions each, their cross-county originality index, and the P editions
# built (or checked) against it as parallel processes.
#
# usage: bench/province.sh [-p P] [-n N] [-j "J..."] [--check] [--keep]
#   -p P      counties (default 4)
#   -n N      submissions per county (default 50)
#   -j "J..." the parallel runs to time, processes at a time (default "2 P":
#             as many as there are cores, then all P at once)
#   --check   run `huibian check EDITION --against IDX` instead of
#             `huibian build EDITION -o OUT --against IDX`
#   --keep    keep the outputs of the last run (default: removed after each
#             run, only the logs stay)
#
# The counties are made with bench/gen-edition.py, county i with --seed
# SEED+i and --county 县NNN (cached in OUT_DIR/province-…; a county is made
# again only when the generator or its phrase bank change). The phrase bank
# makes the counties share phrasing: the index must not take that for
# copying. Then `huibian index` of all P (its wall and CPU time, peak memory
# and size), then for each J: the P processes through xargs -P J, each under
# /usr/bin/time; printed: the total wall time, the CPU time of all processes
# (user + sys), the peak resident memory per process (largest and median),
# the sum of the peaks (an upper bound of what J processes at a time hold),
# the machine's memory in use at its peak during the run above what it was
# before (sampled twice a second from /proc/meminfo: other work on the
# machine counts too), the originality findings against other counties, and
# the disk used.
# The full run of issue 22: bench/province.sh -p 100 -n 500.
#
# Environment: HUIBIAN (a huibian binary; default: built as Release in
# BUILD_DIR, default <repo>/build-bench), SEED (default 1000), OUT_DIR
# (default bench/out). Timings only: nothing here is a test.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out=${OUT_DIR:-$here/out}
build=${BUILD_DIR:-$root/build-bench}
seed=${SEED:-1000}
P=4 N=50 jobs='' cmd=build keep=0
while [ $# -gt 0 ]; do
  case $1 in
    -p) P=$2; shift ;;
    -n) N=$2; shift ;;
    -j) jobs=$2; shift ;;
    --check) cmd=check ;;
    --keep) keep=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "province.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$jobs" ] || jobs="2 $P"
timer=/usr/bin/time
[ -x "$timer" ] || { echo "province.sh: needs /usr/bin/time (Debian package time)" >&2; exit 2; }

if [ -z "${HUIBIAN:-}" ]; then
  echo "province.sh: building huibian (Release) in $build" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" --target huibian >/dev/null
fi
huibian=$(realpath "${HUIBIAN:-$build/huibian}")
[ -x "$huibian" ] || { echo "province.sh: $huibian is missing or not executable" >&2; exit 2; }

genkey=$(cat "$here/gen-edition.py" "$here/phrases.txt" | sha256sum | cut -c1-12)
prov=$out/province-n$N-s$seed-$genkey
mkdir -p "$prov"
counties=()
for ((i = 1; i <= P; i++)); do counties+=("$(printf 'c%03d' "$i")"); done

# the counties, two generators at a time
missing=()
for c in "${counties[@]}"; do [ -f "$prov/$c/campaign.xml" ] || missing+=("$c"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "province.sh: generating ${#missing[@]} counties of $N submissions in $prov" >&2
  printf '%s\n' "${missing[@]}" | xargs -P 2 -I{} sh -c '
    i=$(echo {} | sed "s/^c0*//"); rm -rf "$1/{}" "$1/{}.tmp"
    python3 "$2/gen-edition.py" -n "$3" --seed $(($4 + i)) --county "县$(echo {} | cut -c2-)" \
      -o "$1/{}.tmp" >/dev/null && mv "$1/{}.tmp" "$1/{}"' _ "$prov" "$here" "$N" "$seed"
fi
run=$out/province-run
rm -rf "$run"
mkdir -p "$run"
eds=()
for c in "${counties[@]}"; do eds+=("$prov/$c"); done

secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
  for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.2f", s}' "$1"; }
cpu() { awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$1"; }
used() { awk '/^MemTotal:/ {t = $2} /^MemAvailable:/ {a = $2} END {printf "%d", (t - a) / 1024}' /proc/meminfo; }

idx=$run/province.idx
"$timer" -v -o "$run/index.time" "$huibian" index "${eds[@]}" -o "$idx" 2>"$run/index.log"
printf 'province: %d counties x %d submissions (%s)\n' "$P" "$N" "$(du -sh "$prov" | cut -f1)"
printf 'index: %.1f MiB, wall %s s, CPU %s s, peak %s MiB; %s\n' \
  "$(awk -v b="$(stat -c %s "$idx")" 'BEGIN {print b / 1048576}')" "$(secs "$run/index.time")" \
  "$(cpu "$run/index.time")" "$(rss "$run/index.time")" "$(sed 's/^huibian: //' "$run/index.log")"

one() { # one county: $1 the county, $2 the run's folder
  local c=$1 dir=$2
  if [ "$cmd" = build ]; then
    "$timer" -v -o "$dir/$c.time" "$huibian" build "$prov/$c" -o "$dir/out/$c" --against "$idx" >"$dir/$c.log" 2>&1 || true
  else
    "$timer" -v -o "$dir/$c.time" "$huibian" check "$prov/$c" --against "$idx" >"$dir/$c.log" 2>&1 || true
  fi
}
export -f one
export huibian prov idx cmd timer

printf '%5s %8s %9s %14s %14s %12s %12s %9s %8s\n' J 'wall s' 'CPU s' 'peak MiB max' 'peak MiB med' 'sum of peaks' 'machine MiB' 'findings' 'disk'
for J in $jobs; do
  dir=$run/j$J
  mkdir -p "$dir/out"
  base=$(used)
  echo "$base" >"$dir/mem.peak"
  (peak=$base; while :; do m=$(used); if [ "$m" -gt "$peak" ]; then peak=$m; echo "$m" >"$dir/mem.peak"; fi
     sleep 0.5; done) &
  sampler=$!
  t0=$(date +%s.%N)
  printf '%s\n' "${counties[@]}" | xargs -P "$J" -I{} bash -c 'one "$@"' _ {} "$dir"
  t1=$(date +%s.%N)
  kill "$sampler"
  wait "$sampler" 2>/dev/null || true
  machine=$(($(cat "$dir/mem.peak") - base))
  for c in "${counties[@]}"; do
    printf '%s %s %s\n' "$(cpu "$dir/$c.time")" "$(rss "$dir/$c.time")" \
      "$(grep -c 'with other editions, the worst first' "$dir/$c.log" || true)"
  done >"$dir/per-county"
  failed=$(grep -L 'Exit status: [01]$' "$dir"/c*.time | wc -l)
  disk=$(du -sh "$dir/out" | cut -f1)
  sort -k2 -n "$dir/per-county" | awk -v J="$J" -v w="$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')" \
    -v disk="$disk" -v m="$machine" '{c += $1; r[NR] = $2; s += $2; f += $3}
    END {printf "%5s %8s %9.1f %14.1f %14.1f %12.0f %12d %9d %8s\n", J, w, c, r[NR], r[int((NR + 1) / 2)],
         s, m, f, disk}'
  [ "$failed" -eq 0 ] || echo "province.sh: $failed runs failed (exit status 2 or a signal): see $dir/*.log" >&2
  [ "$keep" = 1 ] || rm -rf "$dir/out"
done
echo "logs: $run (per county: CPU s, peak MiB, findings in j*/per-county)"
