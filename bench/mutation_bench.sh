#!/usr/bin/env bash
# The long form of the damaged-PDF test: many mutants of two generated reports (cut short,
# overwritten, bit-flipped, shortened, padded, structure spoiled; tests/support/pdf_mutator.h),
# indexed through the extraction workers with OCR off. Each must be recorded with a status (and a
# reason when it has no text), the intact reports indexed, the index clean, a rerun idle. Prints,
# per seed, the statuses the mutants got and how many crashed a worker.
#
#   bash bench/mutation_bench.sh [mutants per seed] [seeds]   (defaults 600 and 3; needs the test
#                                                             build: bash scripts/test.sh, or build/test)
set -euo pipefail
cd "$(dirname "$0")/.."
mutants=${1:-600}
seeds=${2:-3}
if [ ! -x build/test/tests/scr_integration_tests ]; then
  cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCR_BUILD_TESTS=ON >/dev/null
  cmake --build build/test -j"$(nproc)"
fi
ctest --test-dir build/test -R "setup: generate test corpus" >/dev/null
status=0
for seed in $(seq 1 "$seeds"); do
  start=$(date +%s)
  SCR_MUTANTS=$mutants SCR_MUTATION_SEED=$seed build/test/tests/scr_integration_tests "[mutation]" \
    | grep -E "damaged PDFs|worker crash on|test cases|All tests passed" || status=1
  echo "seed $seed: $(( $(date +%s) - start )) s"
done
exit $status
