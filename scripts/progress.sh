#!/bin/sh
# Runs one phase of `make demo` or `make test` (scripts/setup.sh) and shows
# how far it is instead of its output, which goes whole to LOG:
#
#   sh scripts/progress.sh build|test LOG TITLE COMMAND [ARG...]
#
# build reads CMake's progress ("[ 45%] Building C object ..." from make,
# "[12/140] ..." from Ninja), test ctest's ("57/203 Test #12: ... Passed").
# Only the routine lines are left out: a compiler warning or error with its
# context, a CMake warning, a failed test with its output, anything
# unexpected is shown in full as it comes. The exit status is COMMAND's; when
# it fails, the log's path is shown too, for a build with the log's last lines.
# On a terminal the progress is one line that updates itself; elsewhere (CI
# logs, a pipe) it is a line at each quarter.
set -eu
# shellcheck source=scripts/say.sh
. "$(dirname "$0")/say.sh"

case $# in 0 | 1 | 2 | 3) set -- usage ;; esac
case $1 in build | test) ;; *)
  echo "usage: progress.sh build|test LOG TITLE COMMAND [ARG...]" >&2
  exit 2 ;;
esac
kind=$1 log=$2 title=$3
shift 3
mkdir -p "$(dirname "$log")"
status=$(mktemp)
trap 'rm -f "$status"' EXIT
if [ -t 1 ]; then tty=1; else tty=; fi

# progress DETAIL PERCENT: on a terminal, redraws the progress line;
# elsewhere prints it when PERCENT reaches the next quarter (not the last:
# the closing line says the phase is done).
progress() {
  if [ -n "$tty" ]; then
    if [ -z "$drawn" ] || [ "$1" != "$last" ]; then
      printf '\r%s %s\033[K' "$title" "$1"
      drawn=1 last=$1
    fi
  elif [ $(($2 / 25)) -gt "$quarter" ] && [ "$2" -lt 100 ]; then
    quarter=$(($2 / 25))
    printf '%s %s\n' "$title" "$1"
  fi
}

# show: prints the line in full, first clearing the progress line (it is
# redrawn with the next progress).
show() {
  if [ -n "$drawn" ]; then
    printf '\r\033[K'
    drawn=
  fi
  printf '%s\n' "$line"
  shown=1
}

# quiet: a routine line; a blank line after one is left out too.
quiet() {
  shown=
}

build_line() {
  case $line in
    '['*'%] '*)
      p=${line#?}
      p=${p%%'%]'*}
      p=${p##* }
      case $p in '' | *[!0-9]*) show ;; *)
        if [ "$p" -gt "$percent" ]; then percent=$p; fi
        progress "$percent%" "$percent"
        quiet ;;
      esac ;;
    '['[0-9]*/[0-9]*'] '*)
      n=${line#?}
      n=${n%%/*}
      m=${line#*/}
      m=${m%%]*}
      case $n$m in *[!0-9]*) show ;; *)
        progress "$((n * 100 / m))%" "$((n * 100 / m))"
        quiet ;;
      esac ;;
    '-- '*)
      # CMake configuring: before the first percentage, say so on a terminal
      if [ "$percent" = 0 ]; then progress "$(tr_ 配置中 configuring)" 0; fi
      quiet ;;
    *make*': Entering directory '* | *make*': Leaving directory '* | \
      'Scanning dependencies of target '* | \
      'Consolidate compiler generated dependencies of target '*)
      quiet ;;
    '') if [ -n "$shown" ]; then show; fi ;;
    *) show ;;
  esac
}

test_line() {
  t=${line#"${line%%[! ]*}"}
  if [ -n "$skip" ]; then
    if [ -z "$t" ]; then skip=; fi
    return 0
  fi
  case $t in
    [0-9]*/[0-9]*' Test '*'#'*)
      n=${t%%/*}
      m=${t#*/}
      m=${m%% *}
      case $n$m in *[!0-9]*) show ;; *)
        total=$m
        case $t in *' Passed '*) quiet ;; *) show ;; esac
        progress "$n/$m" "$((n * 100 / m))" ;;
      esac ;;
    'Start '*[0-9]': '* | 'Test project '* | 'Total Test time (real)'* | \
      '100% tests passed'* | 'Internal ctest changing into directory: '*)
      quiet ;;
    'Label Time Summary:' | 'Subproject Time Summary:') skip=1 ;;
    '') if [ -n "$shown" ]; then show; fi ;;
    *) show ;;
  esac
}

# filter: reads the command's output and, at its end, says how the phase
# ended (the status file is written before the output ends).
filter() {
  drawn='' last='' shown='' skip='' percent=0 quarter=0 total=0
  if [ -n "$tty" ]; then
    printf '%s' "$title"
    drawn=1
  else
    printf '%s\n' "$title"
  fi
  while IFS= read -r line || [ -n "$line" ]; do
    "${kind}_line"
  done
  rc=$(cat "$status")
  if [ -n "$tty" ]; then printf '\r\033[K'; fi
  if [ "${rc:-1}" != 0 ]; then
    printf '%s %s\n' "$title" "$(tr_ "失败（退出状态 ${rc:-?}）" "failed (exit status ${rc:-?})")"
  elif [ "$kind" = test ] && [ "$total" -gt 0 ]; then
    printf '%s %s\n' "$title" "$(tr_ "$total 项测试全部通过" "all $total tests passed")"
  else
    printf '%s %s\n' "$title" "$(tr_ 完成 'done')"
  fi
}

{
  rc=0
  "$@" </dev/null 2>&1 || rc=$?
  echo "$rc" >"$status"
} | tee "$log" | filter

rc=$(cat "$status")
rc=${rc:-1}
if [ "$rc" != 0 ]; then
  if [ "$kind" = build ]; then
    say "记录的最后 20 行：" "The last 20 lines of the log:"
    tail -n 20 "$log"
  fi
  say "完整的记录在 $log" "The whole log is in $log"
  exit "$rc"
fi
