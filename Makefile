# Thin wrapper over CMake. `make demo` sets up a fresh Debian 12 machine and builds
# the sample edition; `make test` builds and runs the test suite.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

.PHONY: all build deps demo test golden asan clean

all: build

deps:
	sh scripts/install-deps.sh

$(BUILD)/Makefile:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

demo: deps build
	rm -rf out/2020
	./$(BUILD)/huibian build input/2020 -o out/2020

test: deps build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Rewrites the golden layout traces of tests/golden/ after an intended change.
golden: build
	cd $(BUILD) && HUIBIAN_REGEN=1 ctest -L golden --output-on-failure

asan:
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Asan $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD) build-asan out
