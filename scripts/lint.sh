#!/bin/sh
# `make lint`: clang-tidy over src/ and clang-format over the files that are
# formatted already. Usage: scripts/lint.sh BUILD_DIR
#
# clang-tidy: every src/**/*.c with BUILD_DIR/compile_commands.json and the
# checks of .clang-tidy (which says why each excluded check is out); any
# finding fails. LINT_JOBS files at a time (default: the number of cores).
#
# clang-format: the whole tree is not formatted (formatting it at once would
# collide with work in flight), so the check is a ratchet:
#   - every file listed in .clang-format-files must be formatted exactly
#     (clang-format --dry-run --Werror). The list holds the files that were
#     clean when it was written; add a file once you have run clang-format -i
#     on it. A listed file that no longer exists is named, not failed on.
#   - with LINT_BASE=REV (make lint LINT_BASE=origin/main), also the lines
#     changed since REV in src/, tests/ and bench/ (git clang-format --diff,
#     committed and uncommitted changes alike): run it before you push.
# Works on a fresh clone: the list is in the repository and needs no history;
# LINT_BASE needs the history that contains REV.
set -u
build=${1:-build}
cd "$(dirname "$0")/.."
status=0

for tool in clang-tidy clang-format; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "lint: $tool is missing (scripts/install-deps.sh --test installs it)" >&2
    exit 2
  fi
done
if [ ! -f "$build/compile_commands.json" ]; then
  echo "lint: $build/compile_commands.json is missing: configure $build first (make build)" >&2
  exit 2
fi

jobs=${LINT_JOBS:-$(nproc 2>/dev/null || echo 2)}
echo "lint: clang-tidy over src/ ($jobs at a time)"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# clang-tidy's "N warnings generated." counts the system headers' warnings it
# hides; only findings are printed. The build's link-time optimisation flags
# are GCC's (-ffat-lto-objects): clang is told not to mind them.
if ! find src -name '*.c' | LC_ALL=C sort |
    xargs -P "$jobs" -n 4 clang-tidy -p "$build" --quiet \
      --extra-arg=-Wno-ignored-optimization-argument >"$out" 2>&1; then
  status=1
fi
grep -Ev '^[0-9]+ (warning|error)s? (and [0-9]+ (warning|error)s? )?generated\.$' "$out"
[ $status = 0 ] || echo "lint: clang-tidy found the problems above" >&2

echo "lint: clang-format over the files of .clang-format-files"
files=
while IFS= read -r f; do
  case "$f" in '' | '#'*) continue ;; esac
  if [ -f "$f" ]; then
    files="$files $f"
  else
    echo "lint: note: $f is listed in .clang-format-files but does not exist (moved? list its new name)" >&2
  fi
done <.clang-format-files
# shellcheck disable=SC2086
if [ -n "$files" ] && ! clang-format --dry-run --Werror $files; then
  echo "lint: these files are not formatted: run clang-format -i on them" >&2
  status=1
fi

if [ -n "${LINT_BASE:-}" ]; then
  echo "lint: clang-format over the lines changed since $LINT_BASE"
  diff=$(git clang-format --diff --extensions c,h "$LINT_BASE" -- src tests bench 2>&1)
  case "$diff" in
    '' | 'no modified files to format' | 'clang-format did not modify any files') ;;
    *)
      printf '%s\n' "$diff"
      echo "lint: the lines changed since $LINT_BASE are not formatted: git clang-format $LINT_BASE" >&2
      status=1
      ;;
  esac
fi

[ $status = 0 ] && echo "lint: clean"
exit $status
