#!/bin/sh
# scripts/progress.sh, which `make demo` and `make test` show their phases
# with: over a made-up build, the routine lines (CMake's, make's) stay in the
# log and out of sight, a warning is shown in full with its context, and a
# failing build shows its error, the log's last lines and path, and keeps its
# exit status; over a real ctest run (a hand-written CTestTestfile.cmake), the
# passing tests are a count and a failing one shows its whole output.
# Messages are Chinese under LANG=zh_CN.UTF-8, English otherwise.
set -u
progress=$HUIBIAN_SOURCE/scripts/progress.sh
tmp=$HUIBIAN_TMP
rm -rf "$tmp"
mkdir -p "$tmp"
failed=0

fail() {
  echo "FAIL: $1"
  failed=$((failed + 1))
}

# has FILE TEXT / lacks FILE TEXT: whether the output shows TEXT.
has() {
  grep -qF -- "$2" "$1" || { fail "$1 does not show: $2"; sed 's/^/  | /' "$1"; }
}
lacks() {
  if grep -qF -- "$2" "$1"; then
    fail "$1 shows: $2"
    sed 's/^/  | /' "$1"
  fi
}

# A build the way CMake's make prints it: configure lines, directory changes,
# progress; with an argument, an error in the middle and that exit status.
cat >"$tmp/fake-build.sh" <<'EOS'
echo "-- The C compiler identification is GNU 12.2.0"
echo "-- Build files have been written to: /somewhere/build"
i=0
while [ $i -le 100 ]; do
  echo "gmake[3]: Entering directory '/somewhere/build'"
  printf '[%3d%%] Building C object src/CMakeFiles/hui_core.dir/part%d.c.o\n' $i $i
  echo "gmake[3]: Leaving directory '/somewhere/build'"
  if [ $i = 40 ]; then
    echo "/somewhere/src/layout/flow.c: In function 'hui_flow_fill':"
    echo "/somewhere/src/layout/flow.c:88:7: warning: unused variable 'lines' [-Wunused-variable]"
    echo "   88 |   int lines = 0;"
    echo "      |       ^~~~~"
  fi
  if [ $i = 60 ] && [ -n "${1:-}" ]; then
    echo "/somewhere/src/layout/page.c:12:3: error: unknown type name 'hui_sheet'" >&2
    echo "gmake[2]: *** [src/CMakeFiles/hui_core.dir/build.make:90: part60.c.o] Error 1" >&2
    exit "$1"
  fi
  i=$((i + 10))
done
echo "[100%] Linking C executable huibian"
echo "[100%] Built target huibian"
EOS

# The build that succeeds, in English.
LANG=C LC_ALL='' LC_MESSAGES='' sh "$progress" build "$tmp/ok/build.log" "[2/3] Building huibian…" \
  sh "$tmp/fake-build.sh" >"$tmp/ok.out" 2>&1
rc=$?
[ $rc = 0 ] || fail "a build that succeeds: exit status $rc"
has "$tmp/ok.out" "[2/3] Building huibian… 50%"
has "$tmp/ok.out" "[2/3] Building huibian… done"
has "$tmp/ok.out" "flow.c:88:7: warning: unused variable 'lines'"
has "$tmp/ok.out" "In function 'hui_flow_fill'"
has "$tmp/ok.out" "   88 |   int lines = 0;"
for routine in "Building C object" "Linking" "Built target" "Entering directory" \
  "Leaving directory" "-- " "%] "; do
  lacks "$tmp/ok.out" "$routine"
done
[ "$(wc -l <"$tmp/ok.out")" -le 10 ] || fail "a build that succeeds takes more than 10 lines"
has "$tmp/ok/build.log" "[ 30%] Building C object src/CMakeFiles/hui_core.dir/part30.c.o"
has "$tmp/ok/build.log" "[100%] Built target huibian"

# The build that fails, in Chinese.
LANG=zh_CN.UTF-8 LC_ALL='' LC_MESSAGES='' sh "$progress" build "$tmp/bad/build.log" \
  "[2/3] 编译 huibian…" sh "$tmp/fake-build.sh" 3 >"$tmp/bad.out" 2>&1
rc=$?
[ $rc = 3 ] || fail "a build that fails with 3: exit status $rc"
has "$tmp/bad.out" "page.c:12:3: error: unknown type name 'hui_sheet'"
has "$tmp/bad.out" "gmake[2]: *** [src/CMakeFiles/hui_core.dir/build.make:90: part60.c.o] Error 1"
has "$tmp/bad.out" "[2/3] 编译 huibian… 失败（退出状态 3）"
has "$tmp/bad.out" "记录的最后 20 行："
has "$tmp/bad.out" "[ 60%] Building C object src/CMakeFiles/hui_core.dir/part60.c.o"
has "$tmp/bad.out" "完整的记录在 $tmp/bad/build.log"
lacks "$tmp/bad.out" "完成"
lacks "$tmp/bad.out" "done"

# LC_ALL wins over LANG, as for huibian itself.
LANG=zh_CN.UTF-8 LC_ALL=C sh "$progress" build "$tmp/c/build.log" "[2/3] x" \
  sh "$tmp/fake-build.sh" 4 >"$tmp/c.out" 2>&1
has "$tmp/c.out" "[2/3] x failed (exit status 4)"

# A real ctest: eleven tests that pass, one that fails.
mkdir -p "$tmp/ctest"
{
  i=1
  while [ $i -le 12 ]; do
    if [ $i = 7 ]; then
      echo "add_test(unit.seventh sh -c \"echo 'seventh: expected 3 pages, got 4'; echo 'at tests/unit/seventh.c:21'; exit 1\")"
    else
      echo "add_test(unit.t$i sh -c \"echo test $i chatters\")"
    fi
    i=$((i + 1))
  done
} >"$tmp/ctest/CTestTestfile.cmake"
LANG=zh_CN.UTF-8 LC_ALL='' LC_MESSAGES='' sh "$progress" test "$tmp/ctest/test.log" "[3/3] 运行测试…" \
  ctest --test-dir "$tmp/ctest" --output-on-failure -j 2 >"$tmp/ctest.out" 2>&1
rc=$?
[ $rc != 0 ] || fail "a failing ctest run: exit status 0"
has "$tmp/ctest.out" "unit.seventh"
has "$tmp/ctest.out" "***Failed"
has "$tmp/ctest.out" "seventh: expected 3 pages, got 4"
has "$tmp/ctest.out" "at tests/unit/seventh.c:21"
has "$tmp/ctest.out" "[3/3] 运行测试… 6/12"
has "$tmp/ctest.out" "[3/3] 运行测试… 失败"
has "$tmp/ctest.out" "完整的记录在 $tmp/ctest/test.log"
lacks "$tmp/ctest.out" "Passed"
lacks "$tmp/ctest.out" "Start "
lacks "$tmp/ctest.out" "chatters"
has "$tmp/ctest/test.log" "unit.t12"

# The same run once the seventh passes: a count, no test named.
sed -i 's/exit 1/exit 0/' "$tmp/ctest/CTestTestfile.cmake"
LANG=en_US.UTF-8 LC_ALL='' LC_MESSAGES='' sh "$progress" test "$tmp/ctest/test.log" "[3/3] Running the tests…" \
  ctest --test-dir "$tmp/ctest" --output-on-failure -j 2 >"$tmp/ctest-ok.out" 2>&1
rc=$?
[ $rc = 0 ] || fail "a passing ctest run: exit status $rc"
has "$tmp/ctest-ok.out" "[3/3] Running the tests… all 12 tests passed"
lacks "$tmp/ctest-ok.out" "unit."
lacks "$tmp/ctest-ok.out" "Label Time Summary"
lacks "$tmp/ctest-ok.out" "Total Test time"
[ "$(wc -l <"$tmp/ctest-ok.out")" -le 5 ] || fail "a passing ctest run takes more than 5 lines"

[ $failed = 0 ] && echo "progress: all checks passed"
[ $failed = 0 ]
