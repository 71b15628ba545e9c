#!/usr/bin/env bash
# The main job on the bundled sample: installs what it needs (Debian packages), builds in Release,
# generates the sample corpus of SCR-like reports (with the bad inputs an indexer must survive),
# indexes it (with its catalogue manifest), runs a search, and says where to look.
#
#   bash scripts/demo.sh                 # as root, or as a user who can sudo
#   SCR_SAMPLE_REPORTS=200 bash scripts/demo.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
reports=${SCR_SAMPLE_REPORTS:-60}
sample=${SCR_SAMPLE_DIR:-$root/sample}

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
echo "== done =="
cat <<MSG
The sample corpus is in $sample:
  $sample/pdfs/              $(find "$sample/pdfs" -name '*.pdf' | wc -l) PDFs (the bad inputs are in pdfs/bad-inputs/)
  $sample/truth.jsonl        ground truth, one JSON line per report
  $sample/manifest.csv       the catalogue manifest of the same reports
  $sample/bad-expected.csv   each bad input and the status an indexer must give it

The index is in $index (Xapian database and text cache).

Next:
  search:               build/release/query/scr-query --index $index 'co-sleeping year:2010..2015' --facets year
  a pseudonym:          build/release/query/scr-query --index $index 'Child K'
  files not read:       build/release/indexer/scr-index --index $index --list --failed
  one report's record:  build/release/query/scr-query --index $index report ID
  look at a report:     xdg-open "$(find "$sample/pdfs" -maxdepth 1 -name '*.pdf' | head -1)"   (or pdftoppm -png)
  read its text:        pdftotext -raw "$(find "$sample/pdfs" -maxdepth 1 -name '*.pdf' | head -1)" - | less
  see its ground truth: head -1 "$sample/truth.jsonl" | python3 -m json.tool
  make a bigger corpus: build/release/corpus/scr-corpus --out /tmp/corpus --reports 2000
MSG
