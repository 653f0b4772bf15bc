# Thin wrapper over CMake. `make demo` sets up a fresh Debian 12 machine and builds
# the sample edition; `make test` builds and runs the test suite. Both show a
# few lines per phase (scripts/setup.sh), V=1 all the output.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
V ?=
SETUP = BUILD="$(BUILD)" JOBS="$(JOBS)" CMAKE_FLAGS="$(CMAKE_FLAGS)" V="$(V)" sh scripts/setup.sh

.PHONY: all build deps test-deps demo test slow golden debug asan tsan valgrind lint fuzz fuzz-smoke deb clean

all: build

deps:
	sh scripts/install-deps.sh

test-deps:
	sh scripts/install-deps.sh --test

$(BUILD)/Makefile:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo:
	@$(SETUP) demo

test:
	@$(SETUP) test

# The long loops (label slow), e.g. hundreds of builds killed at random
# moments: `make slow SLOW_KILLS=300`. CI runs them with a small count.
SLOW_KILLS ?= 300
slow: test-deps build
	cd $(BUILD) && HUIBIAN_SLOW_KILLS=$(SLOW_KILLS) ctest --output-on-failure -L slow

# Rewrites the golden layout traces of tests/golden/ after an intended change.
golden: build
	cd $(BUILD) && HUIBIAN_REGEN=1 ctest -L golden --output-on-failure

# The suite in a Debug build (build-debug/): -O0, asserts on, and the
# structure checkers (HUI_DEBUG: hui_edition_check, hui_dpage_check).
DEBUG_BUILD ?= build-debug
debug: test-deps
	cmake -S . -B $(DEBUG_BUILD) -DCMAKE_BUILD_TYPE=Debug $(CMAKE_FLAGS)
	cmake --build $(DEBUG_BUILD) -j $(JOBS)
	cd $(DEBUG_BUILD) && ctest --output-on-failure -j $(JOBS) -LE slow

# The suite under AddressSanitizer and UBSan (build-asan/), asserts and the
# structure checkers on.
asan: test-deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS) -LE slow

# ThreadSanitizer over the end-to-end tests that build (a build checks on a
# second thread while it typesets, and hashes fonts on a third).
tsan:
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Tsan $(CMAKE_FLAGS)
	cmake --build build-tsan -j $(JOBS) --target huibian
	cd build-tsan && TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
	  ctest --output-on-failure -j $(JOBS) -R 'e2e[.](sample_edition|build_gate|typesetting|certificates)'

# The sample edition built under valgrind memcheck: no errors, no definitely
# lost bytes (reachable memory of fontconfig and ICU is not a leak).
valgrind: build
	rm -rf $(BUILD)/valgrind-out
	valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
	  ./$(BUILD)/huibian build input/2020 -o $(BUILD)/valgrind-out

# clang-tidy over src/ (with $(BUILD)/compile_commands.json) and clang-format
# over the files listed in .clang-format-files; LINT_BASE=origin/main also
# checks the format of the lines changed since then. See scripts/lint.sh.
LINT_BASE ?=
lint: test-deps build
	cmake -S . -B $(BUILD) -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >/dev/null
	LINT_BASE=$(LINT_BASE) LINT_JOBS=$(JOBS) sh scripts/lint.sh $(BUILD)

# libFuzzer targets (clang): build-fuzz/, see tests/fuzz/README.md.
# `make fuzz-smoke` runs each over its corpus for FUZZ_SECONDS, two at a time.
FUZZ_SECONDS ?= 30
FUZZ_TARGETS = fuzz_submission fuzz_campaign fuzz_para fuzz_image fuzz_subset fuzz_csv fuzz_xlsx fuzz_docx fuzz_xindex \
	fuzz_charstring
fuzz:
	CC=clang cmake -S . -B build-fuzz -DHUIBIAN_FUZZ=ON $(CMAKE_FLAGS)
	cmake --build build-fuzz -j $(JOBS)

fuzz-smoke: fuzz
	cd build-fuzz && ctest -L fuzz --output-on-failure
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_submission $(FUZZ_SECONDS) >build-fuzz/smoke-submission.log 2>&1 & a=$$!; \
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_campaign $(FUZZ_SECONDS) >build-fuzz/smoke-campaign.log 2>&1; b=$$?; \
	wait $$a; a=$$?; tail -n 3 build-fuzz/smoke-submission.log build-fuzz/smoke-campaign.log; \
	[ $$a = 0 ] && [ $$b = 0 ]
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_para $(FUZZ_SECONDS) >build-fuzz/smoke-para.log 2>&1 & a=$$!; \
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_image $(FUZZ_SECONDS) >build-fuzz/smoke-image.log 2>&1; b=$$?; \
	wait $$a; a=$$?; tail -n 3 build-fuzz/smoke-para.log build-fuzz/smoke-image.log; \
	[ $$a = 0 ] && [ $$b = 0 ]
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_subset $(FUZZ_SECONDS) >build-fuzz/smoke-subset.log 2>&1 & a=$$!; \
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_csv $(FUZZ_SECONDS) >build-fuzz/smoke-csv.log 2>&1; b=$$?; \
	wait $$a; a=$$?; tail -n 3 build-fuzz/smoke-subset.log build-fuzz/smoke-csv.log; \
	[ $$a = 0 ] && [ $$b = 0 ]
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_xlsx $(FUZZ_SECONDS) >build-fuzz/smoke-xlsx.log 2>&1 & a=$$!; \
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_docx $(FUZZ_SECONDS) >build-fuzz/smoke-docx.log 2>&1; b=$$?; \
	wait $$a; a=$$?; tail -n 3 build-fuzz/smoke-xlsx.log build-fuzz/smoke-docx.log; \
	[ $$a = 0 ] && [ $$b = 0 ]
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_xindex $(FUZZ_SECONDS) >build-fuzz/smoke-xindex.log 2>&1 & a=$$!; \
	HUIBIAN_FUZZ_NOBUILD=1 tests/fuzz/run.sh fuzz_charstring $(FUZZ_SECONDS) >build-fuzz/smoke-charstring.log 2>&1; b=$$?; \
	wait $$a; a=$$?; tail -n 3 build-fuzz/smoke-xindex.log build-fuzz/smoke-charstring.log; \
	[ $$a = 0 ] && [ $$b = 0 ]

# The Debian package: a hardened Release build in build-deb/, packaged into
# $(DEB_OUT)/huibian_VERSION_ARCH.deb and checked by lintian (no error, no
# warning). See scripts/deb/build.sh and docs/packaging.md.
DEB_OUT ?= out/deb
deb: test-deps
	JOBS=$(JOBS) sh scripts/deb/build.sh $(DEB_OUT)

clean:
	rm -rf $(BUILD) $(DEBUG_BUILD) build-asan build-tsan build-fuzz build-deb out
