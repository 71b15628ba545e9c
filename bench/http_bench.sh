#!/usr/bin/env bash
# Load on scr-searchd with wrk: mixed realistic queries (facets and snippets on) against the
# 2,000-report index, 8 and 32 connections, DURATION seconds each; latency percentiles, requests
# per second, errors, and the server's RSS before and after. The same queries through the
# library directly (query_bench) give the HTTP overhead.
#
#   bash bench/http_bench.sh [INDEX] [TRUTH.jsonl]       (defaults: bench/out/scr-index-v2, corpus-2000)
#   DURATION=20 SERVER_THREADS=8 bash bench/http_bench.sh
# cpp-httplib holds a worker thread per keep-alive connection: the server gets as many threads
# (SERVER_THREADS, default 32) as the largest number of connections, or clients queue.
set -euo pipefail
cd "$(dirname "$0")/.."
INDEX=${1:-bench/out/scr-index-v2}
TRUTH=${2:-bench/out/corpus-2000/truth.jsonl}
DURATION=${DURATION:-60}
THREADS=${THREADS:-2}
command -v wrk >/dev/null || { if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi; }
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j"$(nproc)" --target scr-searchd query_bench >/dev/null
out=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
build/release/searchd/scr-searchd --index "$INDEX" --port 0 --threads "${SERVER_THREADS:-32}" --access-log none > "$out/started" &
pid=$!
for _ in $(seq 1 50); do grep -q serving "$out/started" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' "$out/started")
# The request mix: the query bench's kinds of queries, URL-encoded, cycled by the Lua script.
python3 bench/wrk_mixed.py "$out/paths.lua"
rss() { awk '/VmRSS/ {print int($2/1024)}' /proc/$pid/status; }
curl -s "${url}api/v1/search?q=neglect" >/dev/null
wrk -t "$THREADS" -c 8 -d 5 -s "$out/paths.lua" "$url" >/dev/null   # warm-up
rss_before=$(rss)
echo "server: $url, index $INDEX, machine: $(nproc) cores; $DURATION s per run"
for c in 8 32; do
  r=$(wrk -t "$THREADS" -c "$c" -d "$DURATION" --timeout 10s -s "$out/paths.lua" "$url" | grep RESULT)
  echo "connections $c: $r"
done
rss_after=$(rss)
echo "server RSS: ${rss_before} MB before, ${rss_after} MB after ($(python3 -c "print(f'{($rss_after-$rss_before)/max(1,$rss_before)*100:+.1f}%')"))"
echo "library directly (same index, query_bench):"
build/release/bench/query_bench "$INDEX" "$TRUTH" 3 | grep -E "p50|p99"
