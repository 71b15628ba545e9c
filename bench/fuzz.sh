#!/usr/bin/env bash
# Runs every libFuzzer target in fuzz/ for a while (default 600 s each, two at a time), from the
# seeds and the corpus kept in build/fuzz, and prints each one's executions, coverage and outcome.
# Exit status 1 when any target found a crash, a leak, a hang or an out-of-memory; the input that
# did it is in build/fuzz/fuzz/crash-<target>-*.
#
#   bash bench/fuzz.sh            # 10 minutes each (the issue-13 figure)
#   bash bench/fuzz.sh 30         # what CI runs (scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
cmake -S . -B build/fuzz -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCR_FUZZ=ON \
  -DSCR_BUILD_TESTS=OFF -DSCR_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build build/fuzz -j"$(nproc)" --target scr_fuzzers
status=0
ctest --test-dir build/fuzz -L fuzz -j2 --output-on-failure -V > build/fuzz/fuzz.log 2>&1 || status=1
# One line per target: name, runs, coverage, result.
grep -E "Test +#[0-9]+: fuzz:|DONE|ERROR: libFuzzer|SUMMARY" build/fuzz/fuzz.log || true
grep -E "tests passed|tests failed" build/fuzz/fuzz.log || true
exit $status
