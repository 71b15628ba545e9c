#!/usr/bin/env bash
# The long form of the crash test: SIGKILL scr-index at 20 points spread over a run of the test
# corpus; after each, Xapian's full check, no worker left, and a rerun that converges to exactly
# the uninterrupted index. Prints one line per point and "kill points clean: N of 20".
#
#   bash bench/kill_bench.sh [points]     (needs the test build: bash scripts/test.sh, or build/test)
set -euo pipefail
cd "$(dirname "$0")/.."
points=${1:-20}
if [ ! -x build/test/tests/scr_integration_tests ]; then
  cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCR_BUILD_TESTS=ON >/dev/null
  cmake --build build/test -j"$(nproc)"
fi
ctest --test-dir build/test -R "setup: generate test corpus" >/dev/null
SCR_KILL_POINTS=$points build/test/tests/scr_integration_tests "scr-index: SIGKILL at several points*" \
  | grep -E "kill point|test cases|All tests passed"
