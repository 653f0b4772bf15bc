#!/usr/bin/env bash
# bench/run-import.sh: issue 16's benchmark — `huibian import` of N .docx with a roster.
#
# usage: bench/run-import.sh [--repeat R] [--csv] [N ...]        (default N: 500)
#
# The target: importing 500 .docx of about 1,500 字 with a roster takes at most
# 2 s on one core, without LibreOffice.
#
# For each N it generates (once, cached in OUT_DIR) N Word documents, their
# roster and an empty edition with bench/gen-import.py, then, R times (default
# 3), copies the empty edition to a fresh folder and measures under
# /usr/bin/time -v, pinned to one core (taskset -c 0, when there is taskset):
#   import   huibian import EDITION DOCS --roster roster.xlsx   (--csv: roster.csv)
# and prints the fastest run: wall s, CPU s, peak MiB, documents/s, the
# submissions written and the photos copied. LibreOffice is kept out: a stand-in
# `soffice` first on PATH fails and leaves a mark, and the run is reported as
# invalid if huibian called it (every input is .docx; nothing needs converting).
#
# When this huibian has no `import` command yet, the script says so and exits 0
# after generating the inputs (they can be looked at by hand).
#
# Environment:
#   BUILD_DIR   where huibian is built, Release (default: <repo>/build-bench;
#               configured and built by this script)
#   HUIBIAN     use this huibian binary instead (nothing is built)
#   SEED        generator seed (default 1)
#   PHOTOS      share of the documents with an inline photo, percent (default 0)
#   OUT_DIR     cache and outputs (default: bench/out; git ignores it)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out=${OUT_DIR:-$here/out}
build=${BUILD_DIR:-$root/build-bench}
seed=${SEED:-1}
photos=${PHOTOS:-0}
repeat=3
roster=roster.xlsx
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --repeat) repeat=$2; shift ;;
    --csv) roster=roster.csv ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) sizes+=("$1") ;;
    *) echo "run-import.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(500)
mkdir -p "$out"

# ---- the inputs ---------------------------------------------------------------
stamp=$(cat "$here/gen-import.py" "$here/gen-edition.py" "$here/phrases.txt" | sha256sum | cut -c1-12)
for n in "${sizes[@]}"; do
  dir=$out/import-$n
  if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$stamp-$seed-$photos" ]; then
    rm -rf "$dir"
    python3 "$here/gen-import.py" -n "$n" -o "$dir" --seed "$seed" --photos "$photos"
    echo "$stamp-$seed-$photos" >"$dir/.stamp"
  fi
done

# ---- the program ----------------------------------------------------------------
if [ -z "${HUIBIAN:-}" ]; then
  echo "run-import.sh: building huibian (Release) in $build" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" --target huibian >/dev/null
fi
huibian=${HUIBIAN:-$build/huibian}
[ -x "$huibian" ] || { echo "run-import.sh: $huibian is missing or not executable" >&2; exit 2; }
if ! "$huibian" import --help >/dev/null 2>&1; then
  echo "run-import.sh: $huibian has no 'import' command yet; the inputs are in $out/import-N" >&2
  exit 0
fi

# a stand-in soffice: import must not need LibreOffice for .docx
fake=$out/no-soffice
mkdir -p "$fake"
printf '#!/bin/sh\ntouch "%s/called"\nexit 99\n' "$fake" >"$fake/soffice"
chmod +x "$fake/soffice"

pin=()
command -v taskset >/dev/null 2>&1 && pin=(taskset -c 0)
timer=()
[ -x /usr/bin/time ] && timer=(/usr/bin/time -v -o "$out/import.time")

printf '%6s  %-7s %8s %8s %9s %8s %6s %6s\n' N what "wall s" "CPU s" "peak MiB" "docs/s" subs photos
for n in "${sizes[@]}"; do
  dir=$out/import-$n
  best=""
  for _ in $(seq "$repeat"); do
    ed=$out/import-$n-edition
    rm -rf "$ed" "$fake/called"
    cp -r "$dir/edition" "$ed"
    t0=$(date +%s.%N)
    if [ ${#timer[@]} -gt 0 ]; then
      PATH="$fake:$PATH" "${timer[@]}" "${pin[@]}" "$huibian" import "$ed" "$dir/docs" --roster "$dir/$roster" \
        >"$out/import.log" 2>&1 || { echo "run-import.sh: import failed, see $out/import.log" >&2; exit 1; }
    else
      PATH="$fake:$PATH" "${pin[@]}" "$huibian" import "$ed" "$dir/docs" --roster "$dir/$roster" \
        >"$out/import.log" 2>&1 || { echo "run-import.sh: import failed, see $out/import.log" >&2; exit 1; }
    fi
    t1=$(date +%s.%N)
    if [ -e "$fake/called" ]; then
      echo "run-import.sh: INVALID: huibian import ran soffice on .docx input" >&2
      exit 1
    fi
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
    cpu=- peak=-
    if [ ${#timer[@]} -gt 0 ]; then
      cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.2f", u+s}' "$out/import.time")
      peak=$(awk -F': ' '/Maximum resident/ {printf "%.1f", $2/1024}' "$out/import.time")
    fi
    if [ -z "$best" ] || awk -v a="$wall" -v b="${best%% *}" 'BEGIN {exit !(a < b)}'; then
      best="$wall $cpu $peak"
    fi
  done
  read -r wall cpu peak <<<"$best"
  subs=$(find "$out/import-$n-edition/submissions" -name '*.xml' | wc -l)
  nimages=$(find "$out/import-$n-edition/images" -type f ! -name seal.png | wc -l)
  printf '%6s  %-7s %8.3f %8s %9s %8.0f %6s %6s\n' "$n" import "$wall" "$cpu" "$peak" \
    "$(awk -v n="$n" -v w="$wall" 'BEGIN {print n / w}')" "$subs" "$nimages"
done | tee "$out/last-import.txt"
echo "(target: N=500 in at most 2 s on one core; roster: $roster; photos: $photos %; ${pin[*]:-not pinned: no taskset})"
