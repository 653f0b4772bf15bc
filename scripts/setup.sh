#!/bin/sh
# `make demo` and `make test`, a few lines per phase: which packages are
# installed, how far the build is, then what huibian wrote for the sample
# edition (demo) or how the test suite went (test). The whole output of each
# phase goes to BUILD/logs/ (install.log, build.log, test.log); warnings,
# errors and failed tests are shown in full as they come
# (scripts/progress.sh). V=1 shows all of it instead, with the compiler's
# command lines.
#
#   sh scripts/setup.sh demo|test
#   environment, from the Makefile: BUILD JOBS CMAKE_FLAGS V
set -eu
cd "$(dirname "$0")/.."
# shellcheck source=scripts/say.sh
. scripts/say.sh
BUILD=${BUILD:-build}
JOBS=${JOBS:-2}
CMAKE_FLAGS=${CMAKE_FLAGS:-}
V=${V:-}
logs=$BUILD/logs
export BUILD JOBS CMAKE_FLAGS V

# The build's own make is not a sub-make of the one that runs this script:
# no "Entering directory" lines, no jobserver of ours.
unset MAKEFLAGS MFLAGS MAKELEVEL

# compile [TARGET...]: configures BUILD (the first time, or with new
# CMAKE_FLAGS) and builds the targets given, or everything in it.
compile() {
  if [ ! -f "$BUILD/CMakeCache.txt" ] || [ -n "$CMAKE_FLAGS" ]; then
    # shellcheck disable=SC2086
    cmake -S . -B "$BUILD" $CMAKE_FLAGS
  fi
  targets=
  if [ $# -gt 0 ]; then targets="--target $*"; fi
  if [ "$V" = 1 ]; then
    # shellcheck disable=SC2086
    cmake --build "$BUILD" -j "$JOBS" --verbose $targets
  else
    # shellcheck disable=SC2086
    cmake --build "$BUILD" -j "$JOBS" $targets
  fi
}

# phase KIND TITLE LOG COMMAND...: one phase shown as progress, or with V=1
# as it comes.
phase() {
  kind=$1 title=$2 log=$3
  shift 3
  if [ "$V" = 1 ]; then
    printf '%s\n' "$title"
    "$@"
  else
    sh scripts/progress.sh "$kind" "$log" "$title" "$@"
  fi
}

case ${1:-} in
  demo)
    say "[1/3] 检查并安装所需的软件包…" "[1/3] Checking for the packages huibian needs…"
    HUIBIAN_INSTALL_LOG=$logs/install.log sh scripts/install-deps.sh
    # Only what the demo runs: the program and its message catalogs (the
    # tests' programs are for `make test`).
    phase build "$(tr_ "[2/3] 编译 huibian…" "[2/3] Building huibian…")" "$logs/build.log" \
      sh scripts/setup.sh compile huibian huibian-catalogs
    say "[3/3] 编排样例 input/2020 → out/2020" "[3/3] Typesetting the sample edition input/2020 → out/2020"
    rm -rf out/2020
    # huibian says itself what it wrote (files, pages) or what is wrong.
    "./$BUILD/huibian" build input/2020 -o out/2020
    ;;
  test)
    say "[1/3] 检查并安装所需的软件包（包括测试工具）…" \
      "[1/3] Checking for the packages huibian and its tests need…"
    HUIBIAN_INSTALL_LOG=$logs/install.log sh scripts/install-deps.sh --test
    phase build "$(tr_ "[2/3] 编译 huibian 和测试程序…" "[2/3] Building huibian and the tests…")" \
      "$logs/build.log" sh scripts/setup.sh compile
    # The tests set their own locale (tests/CMakeLists.txt); this is for
    # ctest's own lines, which progress.sh reads.
    phase test "$(tr_ "[3/3] 运行测试…" "[3/3] Running the tests…")" "$logs/test.log" \
      env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C.UTF-8 \
      ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" -LE slow
    ;;
  compile)
    shift
    compile "$@"
    ;;
  *)
    echo "usage: setup.sh demo|test" >&2
    exit 2
    ;;
esac
