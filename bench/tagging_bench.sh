#!/usr/bin/env bash
# What theme tagging and recommendation extraction add to indexing (issue 5: at most 15%):
# scr-index on the same generated corpus with them, without both (SCR_BENCH_NO_TAGGING=1, a
# benchmark-only switch) and without the report's themes only (SCR_BENCH_NO_TAGGING=themes:
# recommendations are still found and written), alternating, medians of RUNS runs and of the
# per-run ratios; and `--retag` of the whole index.
#
#   bash bench/tagging_bench.sh               # 300 reports, 5 runs of each
#   REPORTS=1000 RUNS=3 bash bench/tagging_bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTS=${REPORTS:-300}
RUNS=${RUNS:-5}
OUT=${OUT:-bench/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
bash scripts/install-deps.sh >/dev/null
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSCR_BUILD_TESTS=OFF >/dev/null
cmake --build build/bench -j"$(nproc)" >/dev/null
SCR_INDEX=$PWD/build/bench/indexer/scr-index
SCR_CORPUS=$PWD/build/bench/corpus/scr-corpus
corpus=$OUT/corpus-$REPORTS
if [ ! -f "$corpus/truth.jsonl" ]; then
  echo "generating $REPORTS reports into $corpus"
  "$SCR_CORPUS" --out "$corpus" --reports "$REPORTS" --seed 1 --quiet
fi
pages=$(python3 -c "import json; print(sum(json.loads(l)['pages'] for l in open('$corpus/truth.jsonl')))")
echo "corpus: $REPORTS reports, $pages pages; $RUNS runs each; machine: $(nproc) cores, $(uname -r)"
now() { date +%s.%N; }
declare -a WITH WITHOUT NOTHEMES RETAG
for run in $(seq 1 "$RUNS"); do
  for mode in without nothemes with; do
    rm -rf "$OUT/tag-index"
    t0=$(now)
    if [ "$mode" = without ]; then
      SCR_BENCH_NO_TAGGING=1 "$SCR_INDEX" --index "$OUT/tag-index" --quiet "$corpus/pdfs" || [ $? -eq 3 ]
    elif [ "$mode" = nothemes ]; then
      SCR_BENCH_NO_TAGGING=themes "$SCR_INDEX" --index "$OUT/tag-index" --quiet "$corpus/pdfs" || [ $? -eq 3 ]
    else
      "$SCR_INDEX" --index "$OUT/tag-index" --quiet "$corpus/pdfs" || [ $? -eq 3 ]
    fi
    t1=$(now)
    t=$(python3 -c "print($t1-$t0)")
    case $mode in without) WITHOUT+=("$t") ;; nothemes) NOTHEMES+=("$t") ;; *) WITH+=("$t") ;; esac
    echo "run $run $mode tagging: $t s"
  done
  t0=$(now); "$SCR_INDEX" --index "$OUT/tag-index" --retag --quiet; t1=$(now)
  RETAG+=("$(python3 -c "print($t1-$t0)")"); echo "run $run retag: ${RETAG[-1]} s"
done
python3 - "${WITH[*]}" "${WITHOUT[*]}" "${RETAG[*]}" "${NOTHEMES[*]}" <<'PY'
import statistics, sys
w, wo, rt, nt = ([float(x) for x in a.split()] for a in sys.argv[1:])
mw, mwo, mrt, mnt = statistics.median(w), statistics.median(wo), statistics.median(rt), statistics.median(nt)
runs = lambda a, b: " ".join(f"{x / y:.2f}" for x, y in zip(a, b))
print(f"| indexing with tagging / without (target <= 1.15) | {mw / mwo:.3f} (medians {mw:.2f} s / {mwo:.2f} s; per run {runs(w, wo)}, median {statistics.median([x / y for x, y in zip(w, wo)]):.3f}) |")
print(f"| with tagging / without the report's themes only (recommendations kept) | {mw / mnt:.3f} (median {mnt:.2f} s; per run {runs(w, nt)}, median {statistics.median([x / y for x, y in zip(w, nt)]):.3f}) |")
print(f"| --retag (text cache, one process) / indexing with tagging | {mrt / mw:.2f} (median {mrt:.2f} s) |")
PY
