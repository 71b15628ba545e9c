#!/usr/bin/env bash
# The main job on the bundled sample: installs what it needs (Debian packages), builds in Release,
# generates the sample corpus of SCR-like reports (with the bad inputs an indexer must survive),
# indexes it (with its catalogue manifest), starts scr-searchd on it, and says where to look.
#
#   bash scripts/demo.sh                 # as root, or as a user who can sudo
#   SCR_SAMPLE_REPORTS=200 SCR_PORT=8090 bash scripts/demo.sh
#   SCR_FOREGROUND=1 bash scripts/demo.sh   # keep scr-searchd in the foreground (Ctrl-C stops it)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
reports=${SCR_SAMPLE_REPORTS:-60}
sample=${SCR_SAMPLE_DIR:-$root/sample}
port=${SCR_PORT:-8080}

bash scripts/install-deps.sh
echo "== build (Release) =="
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSCR_BUILD_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
echo "built: build/release/corpus/scr-corpus"

echo "== sample corpus: $reports reports + bad inputs =="
rm -rf "$sample"
build/release/corpus/scr-corpus --out "$sample" --reports "$reports" --seed 1 --bad

echo "== index it =="
index=$sample/index
build/release/indexer/scr-index --index "$index" "$sample/pdfs" || [ $? -eq 3 ]   # 3: some bad inputs, as expected
build/release/indexer/scr-index --index "$index" --manifest "$sample/manifest.csv" --quiet "$sample/pdfs" || [ $? -eq 3 ]

echo
echo "== search it =="
build/release/query/scr-query --index "$index" --limit 3 --facets region '"information sharing" police'

echo
echo "== serve it =="
if [ -f "$sample.searchd.pid" ]; then kill "$(cat "$sample.searchd.pid")" 2>/dev/null || true; sleep 0.5; fi
searchd_log=$root/sample-searchd.log
start_searchd() {
  build/release/searchd/scr-searchd --index "$index" --port "$1" --access-log "$searchd_log" > "$sample.searchd.out" 2>&1 &
  echo $! > "$sample.searchd.pid"
  for _ in $(seq 1 50); do
    grep -q "serving" "$sample.searchd.out" 2>/dev/null && return 0
    kill -0 "$(cat "$sample.searchd.pid")" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
start_searchd "$port" || { echo "port $port is taken: using a free one"; start_searchd 0; }
url=$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' "$sample.searchd.out")
echo "scr-searchd is serving the sample at $url (pid $(cat "$sample.searchd.pid"), access log $searchd_log)"

echo
echo "== done =="
cat <<MSG
Open $url in a browser: search, facets, report view, trends.

Try the API:
  curl '${url}api/v1/search?q=co-sleeping&facets=year,theme&limit=3'
  curl '${url}api/v1/trends?columns=theme&per=2005-2014,2015-2024&format=csv'
  curl '${url}api/v1/recommendations?q=information+sharing&agency=police&limit=3'

Stop the server:  kill \$(cat $sample.searchd.pid)

The sample corpus is in $sample:
  $sample/pdfs/              $(find "$sample/pdfs" -name '*.pdf' | wc -l) PDFs (the bad inputs are in pdfs/bad-inputs/)
  $sample/truth.jsonl        ground truth, one JSON line per report
  $sample/manifest.csv       the catalogue manifest of the same reports
  $sample/bad-expected.csv   each bad input and the status an indexer must give it

The index is in $index (Xapian database and text cache).

From the command line:
  search:               build/release/query/scr-query --index $index 'co-sleeping year:2010..2015' --facets year
  a pseudonym:          build/release/query/scr-query --index $index 'Child K'
  trends:               build/release/query/scr-query --index $index trends --columns theme-group --per 2005-2014,2015-2024
  files not read:       build/release/indexer/scr-index --index $index --list --failed
  one report's record:  build/release/query/scr-query --index $index report ID
  make a bigger corpus: build/release/corpus/scr-corpus --out /tmp/corpus --reports 2000
MSG
if [ "${SCR_FOREGROUND:-0}" = 1 ]; then
  echo "(foreground: Ctrl-C stops scr-searchd)"
  wait "$(cat "$sample.searchd.pid")"
fi
