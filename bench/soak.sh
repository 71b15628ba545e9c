#!/usr/bin/env bash
# Soak: scr-searchd under wrk (32 connections, the mixed researcher queries of wrk_mixed.py) for
# DURATION seconds while scr-index adds ADD new reports to the folder it serves, in five batches.
# Reports: wrk's errors and non-2xx answers (goal 0), p50/p99 over the whole run and over each
# minute, the daemon's RSS at start and end (goal: growth under 10%), and whether the added reports
# became visible without a restart (/readyz documents).
#
#   bash bench/soak.sh                      # 600 s, 200 reports to start, 500 added
#   DURATION=120 ADD=100 bash bench/soak.sh # a shorter run
#   ADD=0 bash bench/soak.sh                # load only: RSS growth without a growing index (a leak?)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-600}
START=${START:-200}
ADD=${ADD:-500}
CONNECTIONS=${CONNECTIONS:-32}
command -v wrk >/dev/null || { if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi; }
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j"$(nproc)" --target scr-searchd scr-index scr-corpus >/dev/null
work=bench/out/soak
rm -rf "$work" && mkdir -p "$work"
bin=build/release
# The served folder starts with START reports; ADD more wait aside (another seed, so new files).
$bin/corpus/scr-corpus --out "$work/start" --reports "$START" --seed 21 --min-pages 6 --median-pages 12 --max-pages 30 --quiet
if [ "$ADD" -gt 0 ]; then
  $bin/corpus/scr-corpus --out "$work/add" --reports "$ADD" --seed 22 --min-pages 6 --median-pages 12 --max-pages 30 --quiet
else
  mkdir -p "$work/add/pdfs"
fi
mkdir -p "$work/pdfs" && cp -r "$work/start/pdfs/." "$work/pdfs/"
$bin/indexer/scr-index --index "$work/index" --quiet "$work/pdfs"
$bin/searchd/scr-searchd --index "$work/index" --port 0 --threads "$CONNECTIONS" --access-log none > "$work/started" 2>"$work/searchd.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do grep -q serving "$work/started" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' "$work/started")
python3 bench/wrk_mixed.py "$work/paths.lua"
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status; }
# Reports served: every generated report says "review" (search totals are exact).
docs() { curl -s "${url}api/v1/search?q=review&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["value"])'; }
# Warm-up at full load, so that the start figure includes every connection thread's stack and the
# allocator's arenas: growth measured after it is what the run itself costs.
wrk -t 2 -c "$CONNECTIONS" -d 10 -s "$work/paths.lua" "$url" >/dev/null
rss_start=$(rss)
docs_start=$(docs)
echo "soak: $url, $(nproc) cores, $CONNECTIONS connections, $DURATION s; $docs_start reports served at the start"
# The load in one-minute slices (one wrk each, so that p99 can be read per minute), in the background.
(
  left=$DURATION
  while [ "$left" -gt 0 ]; do
    slice=$(( left < 60 ? left : 60 ))
    wrk -t 2 -c "$CONNECTIONS" -d "$slice" --timeout 10s -s "$work/paths.lua" "$url" | grep RESULT
    left=$(( left - slice ))
  done
) > "$work/wrk.txt" &
load=$!
# The additions: five batches of files copied in, each followed by an incremental scr-index run.
per=$(( (ADD + 4) / 5 ))   # 0 with ADD=0: the batches then only check that nothing changed
mapfile -t new_files < <(cd "$work/add/pdfs" && find . -name '*.pdf' | sort)
for b in 0 1 2 3 4; do
  for f in "${new_files[@]:$((b * per)):$per}"; do
    mkdir -p "$work/pdfs/$(dirname "$f")" && cp "$work/add/pdfs/$f" "$work/pdfs/$f"
  done
  $bin/indexer/scr-index --index "$work/index" --quiet "$work/pdfs" || echo "scr-index exit $? (batch $b)"
  echo "batch $((b + 1)) of 5 indexed: $(docs) reports served, RSS $(rss) MB"
  sleep $(( DURATION / 6 ))
done
wait $load
rss_end=$(rss)
docs_end=$(docs)
echo "per minute:"
cat "$work/wrk.txt"
python3 - "$work/wrk.txt" "$rss_start" "$rss_end" "$docs_start" "$docs_end" "$ADD" <<'PY'
import re, sys
rows = [dict(re.findall(r"(\w+)=([\d.]+)", l)) for l in open(sys.argv[1]) if l.startswith("RESULT")]
rs, re_, d0, d1, add = (int(x) for x in sys.argv[2:7])
errors = sum(int(r["errors"]) for r in rows); non2xx = sum(int(r["non2xx"]) for r in rows)
p99 = [float(r["p99"]) for r in rows]
print(f"errors {errors}, non-2xx {non2xx}; p99 per minute {min(p99):.1f}..{max(p99):.1f} ms; "
      f"mean rps {sum(float(r['rps']) for r in rows)/len(rows):.0f}")
print(f"RSS {rs} MB -> {re_} MB ({(re_-rs)/max(rs,1)*100:+.1f}%); reports served {d0} -> {d1} "
      f"(expected {d0 + add}), without a restart")
PY
