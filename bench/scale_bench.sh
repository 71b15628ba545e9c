#!/usr/bin/env bash
# Scale benchmark: a corpus of REPORTS generated PDFs (real files, not one index opened many times),
# indexed by scr-index, then the cold start, the search mix (query_bench), the year x theme trend
# table (trends_bench) and the HTTP load (http_bench.sh) on that index, one run each.
# Every figure is also printed against a reference measured in the same run (raw Xapian for
# searches, one count per cell for trends, the library for HTTP); the machine is shared and noisy.
#
#   bash bench/scale_bench.sh                  # 20,000 reports (about 40 minutes on 2 cores)
#   REPORTS=2000 bash bench/scale_bench.sh     # the 2,000-report point
#   HTTP_DURATION=0 bash bench/scale_bench.sh  # skip the HTTP load
# Output and the corpus go to OUT (default bench/out/scale-REPORTS); a corpus already there is reused
# and an index already there is rebuilt (REINDEX=0 keeps it).
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTS=${REPORTS:-20000}
OUT=${OUT:-bench/out/scale-$REPORTS}
HTTP_DURATION=${HTTP_DURATION:-30}
REINDEX=${REINDEX:-1}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

bash scripts/install-deps.sh >/dev/null
# A build of its own, so that rebuilding the working tree's binaries cannot change them mid-run.
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSCR_BUILD_TESTS=OFF >/dev/null
cmake --build build/bench -j"$(nproc)" >/dev/null
BIN=$PWD/build/bench
now() { date +%s.%N; }
since() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }
drop_caches() { sync; (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null && echo dropped || echo "not dropped (not root)"; }

echo "machine: $(nproc) cores, $(uname -r); $REPORTS reports into $OUT"
corpus=$OUT/corpus
if [ ! -f "$corpus/truth.jsonl" ]; then
  t=$(now)
  "$BIN/corpus/scr-corpus" --out "$corpus" --reports "$REPORTS" --seed 7 --quiet
  echo "generated: $(since "$t") s"
fi
pages=$(python3 -c "import json; print(sum(json.loads(l)['pages'] for l in open('$corpus/truth.jsonl')))")
echo "corpus: $(find "$corpus/pdfs" -name '*.pdf' | wc -l) files, $pages pages, $(du -sm "$corpus/pdfs" | cut -f1) MB"

index=$OUT/index
if [ "$REINDEX" = 1 ] || [ ! -d "$index/xapian" ]; then
  rm -rf "$index"
  t=$(now)
  /usr/bin/time -f "%M" -o "$OUT/index-rss" "$BIN/indexer/scr-index" --index "$index" --quiet "$corpus/pdfs" || [ $? -eq 3 ]
  secs=$(since "$t")
  echo "indexed: $secs s, $(python3 -c "print(f'{$pages / $secs:.0f}')") pages/s, peak RSS $(( $(cat "$OUT/index-rss") / 1024 )) MB"
fi
xapian_kib=$(du -sk "$index/xapian" | cut -f1)
total_kib=$(du -sk "$index" | cut -f1)
echo "index: $((total_kib / 1024)) MB, $(python3 -c "print(f'{$total_kib / $pages:.2f}')") KiB/page ($(python3 -c "print(f'{$xapian_kib / $pages:.2f}')") Xapian)"

echo "-- cold start and search mix (page cache $(drop_caches))"
"$BIN/bench/query_bench" "$index" "$corpus/truth.jsonl" 4
echo "-- year x theme trend table"
"$BIN/bench/trends_bench" "$index" 5
if [ "$HTTP_DURATION" != 0 ]; then
  echo "-- HTTP"
  DURATION=$HTTP_DURATION bash bench/http_bench.sh "$index" "$corpus/truth.jsonl"
fi
