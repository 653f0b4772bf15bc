#!/usr/bin/env bash
# bench/run.sh: issue 8's benchmark — huibian against the libharu floor.
#
# usage: bench/run.sh [--profile] [--repeat R] [N ...]        (default N: 50 500 2000)
#
# For each N it generates (once, cached in bench/out/) a synthetic edition of N
# submissions with bench/gen-edition.py, then measures under /usr/bin/time -v:
#   check   huibian check EDITION              (every rule, the originality index too)
#   build   huibian build EDITION -o OUT       (compendium.pdf, and certificates.pdf
#                                               when this huibian writes them)
#   floor   huibian-floor bench-text.txt OUT   (bench/floor.c: the same text through
#                                               libharu, pre-broken, no layout)
# and, only if they are installed (this script never installs anything):
#   fop     xsltproc --xinclude DocBook XSL-NS (fo) + Apache FOP, on bench-book.xml
#   typst   typst compile bench.typ
# It prints one table: wall s, CPU s (user + system), peak RSS MiB, pages, pages/s,
# PDF MB and bytes/page; then the ratios: build/floor (time, memory, size), and
# 2000/500 (time) for every row measured at both sizes. Each measurement is the
# run with the lowest wall time out of R (--repeat, default 3; 1 for N >= 2000).
#
# --profile  also runs valgrind --tool=callgrind on `huibian build` of the
#            smallest N and prints the top 15 functions by instructions, inclusive
#            and self (the annotated output stays in bench/out/).
#
# Environment:
#   BUILD_DIR   where huibian and huibian-floor are built, Release
#               (default: <repo>/build-bench; configured and built by this script)
#   HUIBIAN     use this huibian binary instead (nothing is built for it)
#   FLOOR       use this huibian-floor binary instead
#   SEED        generator seed (default 1)
#   QUOTAS      awarded share per tier in percent (default 10,20,30: 60% of the
#               submissions are typeset; 20,30,50 typesets all, as issue 8's
#               "500 submissions, about 1,050 pages" does)
#   OUT_DIR     cache and outputs (default: bench/out; never committed: .gitignore)
#   DOCBOOK_XSL the DocBook XSL-NS FO stylesheet (default: Debian docbook-xsl-ns path)
#
# Everything it writes stays in OUT_DIR (and BUILD_DIR); the table is also saved
# as OUT_DIR/last-run.txt. See bench/README.md for what each number means.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
out=${OUT_DIR:-$here/out}
build=${BUILD_DIR:-$root/build-bench}
seed=${SEED:-1}
quotas=${QUOTAS:-10,20,30}
repeat=3
profile=0
sizes=()
while [ $# -gt 0 ]; do
  case $1 in
    --profile) profile=1 ;;
    --repeat) repeat=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) sizes+=("$1") ;;
    *) echo "run.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500 2000)
mkdir -p "$out"

have() { command -v "$1" >/dev/null 2>&1; }

# ---- the programs -----------------------------------------------------------
if [ -z "${HUIBIAN:-}" ] || [ -z "${FLOOR:-}" ]; then
  targets=()
  [ -n "${HUIBIAN:-}" ] || targets+=(huibian)
  [ -n "${FLOOR:-}" ] || targets+=(huibian-floor)
  echo "run.sh: building ${targets[*]} (Release) in $build" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" --target "${targets[@]}" >/dev/null
fi
huibian=${HUIBIAN:-$build/huibian}
floor=${FLOOR:-$build/bench/huibian-floor}
for p in "$huibian" "$floor"; do
  [ -x "$p" ] || { echo "run.sh: $p is missing or not executable" >&2; exit 2; }
done

timer=/usr/bin/time
if [ ! -x "$timer" ]; then
  echo "run.sh: /usr/bin/time is missing (Debian package 'time'): peak memory is not measured," \
       "wall and CPU time come from bash's time" >&2
  timer=
fi

docbook_fo=${DOCBOOK_XSL:-/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/fo/docbook.xsl}
run_fop=0
if have fop && have xsltproc && [ -f "$docbook_fo" ]; then run_fop=1; fi
run_typst=0
if have typst; then run_typst=1; fi

# ---- editions (cached by generator version, seed and N) ---------------------
genkey=$(cat "$here/gen-edition.py" "$here/phrases.txt" | sha256sum | cut -c1-12)
edition() { # N -> path of the edition, generated if missing
  local n=$1
  local dir="$out/ed-$n-s$seed-q${quotas//,/-}-$genkey"
  [ $run_typst = 1 ] && dir+=-typ
  if [ ! -f "$dir/bench-text.txt" ]; then
    rm -rf "$dir" "$dir.tmp"
    local extra=()
    [ $run_typst = 1 ] && extra+=(--typst)
    python3 "$here/gen-edition.py" -n "$n" --seed "$seed" --quotas "$quotas" -o "$dir.tmp" "${extra[@]}" >&2
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# ---- one measurement ----------------------------------------------------------
# measure LOG CMD...: runs CMD, stdout and stderr to LOG.out; sets M_WALL M_CPU M_RSS
measure() {
  local log=$1; shift
  if [ -n "$timer" ]; then
    if ! "$timer" -v -o "$log.time" "$@" >"$log.out" 2>&1; then
      echo "run.sh: FAILED: $* (see $log.out)" >&2; tail -5 "$log.out" >&2; return 1
    fi
    M_WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
                for (i = 1; i <= n; i++) s = s * 60 + a[i]; printf "%.3f", s}' "$log.time")
    M_CPU=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {printf "%.2f", u + s}' "$log.time")
    M_RSS=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$log.time")
  else
    local TIMEFORMAT='%R %U %S' t
    if ! t=$( { time "$@" >"$log.out" 2>&1; } 2>&1 ); then
      echo "run.sh: FAILED: $* (see $log.out)" >&2; return 1
    fi
    read -r M_WALL u s <<<"$t"
    M_CPU=$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%.2f", u + s}')
    M_RSS=n/a
  fi
}

# best LOG CMD...: the run with the lowest wall time of $reps
best() {
  local log=$1; shift
  local bw='' bc='' br='' i
  for ((i = 0; i < reps; i++)); do
    measure "$log" "$@" || return 1
    if [ -z "$bw" ] || awk -v a="$M_WALL" -v b="$bw" 'BEGIN {exit !(a < b)}'; then
      bw=$M_WALL bc=$M_CPU br=$M_RSS
    fi
  done
  M_WALL=$bw M_CPU=$bc M_RSS=$br
}

pages_of() { # PDF -> page count
  if have pdfinfo; then
    pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'
  else
    grep -a -c '/Type /Page[^s]' "$1" || true
  fi
}

declare -A WALL CPU RSS PAGES BYTES CERT
rows=()
record() { # KEY PAGES BYTES
  WALL[$1]=$M_WALL CPU[$1]=$M_CPU RSS[$1]=$M_RSS PAGES[$1]=$2 BYTES[$1]=$3
  rows+=("$1")
}

# ---- the machine ----------------------------------------------------------------
{
  echo "huibian benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "huibian: $("$huibian" --version 2>&1 | head -1) ($huibian;" \
       "tree $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(
       [ -n "$(git -C "$root" status --porcelain -- src 2>/dev/null)" ] && echo ' + uncommitted src/ changes'))"
  echo "machine: $(nproc) CPUs, $(lscpu | awk -F': *' '/^Model name/ {print $2; exit}')," \
       "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr)"
  echo "peers: fop $([ $run_fop = 1 ] && echo yes || echo 'not installed'), typst $(
       [ $run_typst = 1 ] && echo yes || echo 'not installed')"
} | tee "$out/last-run.txt"

# ---- the runs -------------------------------------------------------------------
for n in "${sizes[@]}"; do
  ed=$(edition "$n")
  reps=$repeat
  [ "$n" -ge 2000 ] && reps=1
  run=$out/run-$n
  rm -rf "$run"
  mkdir -p "$run"
  echo "run.sh: N=$n ($ed), best of $reps" >&2

  best "$run/check" "$huibian" check "$ed"
  record "$n check" - -

  best "$run/build" "$huibian" build "$ed" -o "$run/build"
  pdf=$run/build/compendium.pdf
  record "$n build" "$(pages_of "$pdf")" "$(stat -c %s "$pdf")"
  if [ -f "$run/build/certificates.pdf" ]; then
    CERT[$n]="$(pages_of "$run/build/certificates.pdf") pages, $(stat -c %s "$run/build/certificates.pdf") bytes"
  fi

  best "$run/floor" "$floor" "$ed/bench-text.txt" "$run/floor.pdf"
  record "$n floor" "$(pages_of "$run/floor.pdf")" "$(stat -c %s "$run/floor.pdf")"

  if [ $run_fop = 1 ]; then
    if best "$run/fop" sh -c 'xsltproc --xinclude --stringparam paper.type A4 \
          --stringparam body.font.family "AR PL UMing CN" --stringparam title.font.family "WenQuanYi Zen Hei" \
          --stringparam body.font.master 12 "$1" "$2/bench-book.xml" >"$3/book.fo" &&
          fop -q "$3/book.fo" "$3/fop.pdf"' sh "$docbook_fo" "$ed" "$run"; then
      record "$n fop" "$(pages_of "$run/fop.pdf")" "$(stat -c %s "$run/fop.pdf")"
    fi
  fi
  if [ $run_typst = 1 ]; then
    if best "$run/typst" typst compile "$ed/bench.typ" "$run/typst.pdf"; then
      record "$n typst" "$(pages_of "$run/typst.pdf")" "$(stat -c %s "$run/typst.pdf")"
    fi
  fi
done

# ---- the table --------------------------------------------------------------------
{
  echo
  printf '%6s  %-6s %8s %8s %9s %7s %9s %8s %11s\n' N what 'wall s' 'CPU s' 'peak MiB' pages 'pages/s' 'PDF MB' 'bytes/page'
  for k in "${rows[@]}"; do
    read -r n what <<<"$k"
    p=${PAGES[$k]} b=${BYTES[$k]}
    if [ "$p" = - ]; then
      pps=- mb=- bpp=-
    else
      pps=$(awk -v p="$p" -v w="${WALL[$k]}" 'BEGIN {printf "%.0f", (w > 0 ? p / w : 0)}')
      mb=$(awk -v b="$b" 'BEGIN {printf "%.2f", b / 1e6}')
      bpp=$(awk -v b="$b" -v p="$p" 'BEGIN {printf "%.0f", (p > 0 ? b / p : 0)}')
    fi
    printf '%6s  %-6s %8.3f %8.2f %9s %7s %9s %8s %11s\n' "$n" "$what" "${WALL[$k]}" "${CPU[$k]}" "${RSS[$k]}" \
      "$p" "$pps" "$mb" "$bpp"
  done
  for n in "${sizes[@]}"; do
    [ -n "${CERT[$n]:-}" ] && echo "  N=$n: build also wrote certificates.pdf (${CERT[$n]}), not in the row above"
  done
  echo
  for n in "${sizes[@]}"; do
    awk -v n="$n" -v bw="${WALL[$n build]}" -v fw="${WALL[$n floor]}" -v bc="${CPU[$n build]}" \
        -v fc="${CPU[$n floor]}" -v br="${RSS[$n build]}" -v fr="${RSS[$n floor]}" \
        -v bb="${BYTES[$n build]}" -v fb="${BYTES[$n floor]}" -v bp="${PAGES[$n build]}" -v fp="${PAGES[$n floor]}" \
        'BEGIN {printf "N=%s build/floor: wall %.2fx, CPU %.2fx, peak memory %s, bytes/page %.2fx\n", n,
                (fw > 0 ? bw / fw : 0), (fc > 0 ? bc / fc : 0),
                (br == "n/a" ? "n/a" : sprintf("%.2fx", br / fr)), (bb / bp) / (fb / fp)}'
    for peer in fop typst; do
      [ -n "${WALL[$n $peer]:-}" ] || continue
      awk -v n="$n" -v p="$peer" -v pw="${WALL[$n $peer]}" -v bw="${WALL[$n build]}" -v pr="${RSS[$n $peer]}" \
          -v br="${RSS[$n build]}" 'BEGIN {printf "N=%s %s/build: wall %.2fx, peak memory %s\n", n, p, pw / bw,
                                    (br == "n/a" ? "n/a" : sprintf("%.2fx", pr / br))}'
    done
  done
  if [ -n "${WALL[2000 build]:-}" ] && [ -n "${WALL[500 build]:-}" ]; then
    for what in check build floor fop typst; do
      [ -n "${WALL[2000 $what]:-}" ] && [ -n "${WALL[500 $what]:-}" ] || continue
      awk -v w="$what" -v a="${WALL[2000 $what]}" -v b="${WALL[500 $what]}" \
          -v c="${CPU[2000 $what]}" -v d="${CPU[500 $what]}" \
          'BEGIN {printf "2000/500 %s: wall ratio %.2f, CPU ratio %.2f (linear: 4.0)\n", w, a / b,
                  (d > 0 ? c / d : 0)}'
    done
  fi
} | tee -a "$out/last-run.txt"

# ---- the profile -------------------------------------------------------------------
if [ $profile = 1 ]; then
  if ! have valgrind || ! have callgrind_annotate; then
    echo "run.sh: --profile needs valgrind (Debian package valgrind)" >&2
    exit 2
  fi
  n=${sizes[0]}
  ed=$(edition "$n")
  cg=$out/callgrind-build-$n.out
  rm -rf "$out/profile-$n"
  echo "run.sh: callgrind on huibian build of N=$n (a minute or two)" >&2
  valgrind --tool=callgrind --callgrind-out-file="$cg" "$huibian" build "$ed" -o "$out/profile-$n" \
    >"$cg.log" 2>&1
  callgrind_annotate --inclusive=yes "$cg" >"$cg.inclusive.txt" 2>/dev/null
  callgrind_annotate "$cg" >"$cg.self.txt" 2>/dev/null
  top() { # the top 15 functions of an annotation: Ir, share, function [object]
    # (the loader, libc's start-up and "below main" wrap everything: left out)
    awk '/^-+$/ {d++; next} d >= 3 && /^ *[0-9,]+ / && !/PROGRAM TOTALS|below main|libc_start|ld-linux/ {
           print; if (++k == 15) exit}' "$1" |
      sed -E 's/^ *([0-9,]+) +\(([ 0-9.]+%)\) +/\1 \2  /; s/\?\?\?://; s#\[[^]]*/([^]/]+)\]$#[\1]#'
  }
  {
    echo
    echo "callgrind, huibian build of N=$n: $(awk '/^summary:|^totals:/ {print $2; exit}' "$cg") instructions"
    echo "top 15 inclusive (Ir, share, function):"
    top "$cg.inclusive.txt"
    echo "top 15 self:"
    top "$cg.self.txt"
  } | tee -a "$out/last-run.txt"
fi
