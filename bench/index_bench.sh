#!/usr/bin/env bash
# Indexing benchmark: scr-index against pdftotext (2 parallel processes: the extraction work alone),
# Xapian Omega's omindex and Recoll's recollindex, on the same generated corpus, in the same run.
# Reports medians of several runs and ratios, never a lone absolute time (the machine is shared).
#
#   bash bench/index_bench.sh                 # 2,000 reports, 3 runs
#   REPORTS=200 RUNS=3 bash bench/index_bench.sh
#   RECOLL_RUNS=0 bash bench/index_bench.sh   # skip recollindex (slow)
set -euo pipefail
cd "$(dirname "$0")/.."
REPORTS=${REPORTS:-2000}
RUNS=${RUNS:-3}
RECOLL_RUNS=${RECOLL_RUNS:-1}
OUT=${OUT:-bench/out}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

if ! command -v omindex >/dev/null || ! command -v recollindex >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "installing the reference tools (xapian-omega, recollcmd, poppler-utils)"
  if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends xapian-omega recollcmd \
    poppler-utils python3 time >/dev/null
fi
bash scripts/install-deps.sh >/dev/null
# A build of its own, so that rebuilding the working tree's binaries cannot change them mid-run.
cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DSCR_BUILD_TESTS=OFF >/dev/null
cmake --build build/bench -j"$(nproc)" >/dev/null
SCR_INDEX=$PWD/build/bench/indexer/scr-index
SCR_CORPUS=$PWD/build/bench/corpus/scr-corpus

corpus=$OUT/corpus-$REPORTS
if [ ! -f "$corpus/truth.jsonl" ]; then
  echo "generating $REPORTS reports into $corpus"
  "$SCR_CORPUS" --out "$corpus" --reports "$REPORTS" --seed 1 --quiet
fi
# Ten new reports per run, each run's different (the same content again would be a move).
for run in $(seq 1 "$RUNS"); do
  [ -f "$OUT/extra-10-$run/truth.jsonl" ] || "$SCR_CORPUS" --out "$OUT/extra-10-$run" --reports 10 --seed $((424242 + run)) --quiet
done
pdfs=$corpus/pdfs
pages=$(python3 -c "import json,sys; print(sum(json.loads(l)['pages'] for l in open('$corpus/truth.jsonl')))")
files=$(find "$pdfs" -name '*.pdf' | wc -l)
echo "corpus: $files files, $pages pages; $RUNS runs; machine: $(nproc) cores, $(uname -r)"

now() { date +%s.%N; }
median() { python3 -c "import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }
# Drop the page cache where allowed so every tool starts cold alike; otherwise all start warm alike.
settle() { sync; (echo 3 > /proc/sys/vm/drop_caches) 2>/dev/null || cat $(find "$pdfs" -name '*.pdf') >/dev/null; }

declare -a T_PDFTOTEXT T_SCR T_OMINDEX T_RECOLL T_RERUN T_INC_SCR T_INC_OM
log() { echo "$*" | tee -a "$OUT/raw-timings.txt"; }
: > "$OUT/raw-timings.txt"
scr_rss=0; om_rss=0
for run in $(seq 1 "$RUNS"); do
  echo "-- run $run"
  if [ "${INCREMENTAL_ONLY:-0}" = 1 ] && [ -d "$OUT/scr-index" ] && [ -d "$OUT/omindex-db" ]; then
    # Reuse the full indexes of an earlier run; bring both up to date with the folder first.
    "$SCR_INDEX" --index "$OUT/scr-index" --quiet "$pdfs" || [ $? -eq 3 ]
    omindex --db "$OUT/omindex-db" --url / "$pdfs" >/dev/null 2>&1
  else
  settle
  t0=$(now); find "$pdfs" -name '*.pdf' -print0 | xargs -0 -P2 -n 25 sh -c 'for f; do pdftotext -q "$f" /dev/null; done' _ || true; t1=$(now)
  T_PDFTOTEXT+=("$(python3 -c "print($t1-$t0)")"); log "run $run pdftotext ${T_PDFTOTEXT[-1]}"

  settle
  rm -rf "$OUT/scr-index"
  # Exit status 3 (some files unreadable) is not a failure of the benchmark.
  t0=$(now); "$SCR_INDEX" --index "$OUT/scr-index" --json "$pdfs" > "$OUT/scr-run.json" || [ $? -eq 3 ]; t1=$(now)
  T_SCR+=("$(python3 -c "print($t1-$t0)")"); log "run $run scr-index ${T_SCR[-1]}"
  rss=$(python3 -c "import json; d=json.load(open('$OUT/scr-run.json')); print(max(d['peak_rss_mb'].values()))")
  [ "$rss" -gt "$scr_rss" ] && scr_rss=$rss

  settle
  rm -rf "$OUT/omindex-db"
  t0=$(now); /usr/bin/time -f "%M" -o "$OUT/om-rss" omindex --db "$OUT/omindex-db" --url / "$pdfs" >/dev/null 2>&1; t1=$(now)
  T_OMINDEX+=("$(python3 -c "print($t1-$t0)")"); log "run $run omindex ${T_OMINDEX[-1]}"
  rss=$(( $(cat "$OUT/om-rss") / 1024 )); [ "$rss" -gt "$om_rss" ] && om_rss=$rss
  fi

  # A rerun with nothing changed.
  t0=$(now); "$SCR_INDEX" --index "$OUT/scr-index" --quiet "$pdfs" || [ $? -eq 3 ]; t1=$(now)
  T_RERUN+=("$(python3 -c "print($t1-$t0)")"); log "run $run rerun ${T_RERUN[-1]}"

  # 10 touched + 10 new files, for both indexers.
  mapfile -t first10 < <(find "$pdfs" -maxdepth 1 -name '*.pdf' | sort)
  touch "${first10[@]:0:10}"
  extra=$OUT/extra-10-$run
  mkdir -p "$pdfs/new-$run"; cp "$extra"/pdfs/*.pdf "$pdfs/new-$run/" 2>/dev/null || true
  find "$extra/pdfs" -mindepth 2 -name '*.pdf' -exec cp {} "$pdfs/new-$run/" \;
  t0=$(now); "$SCR_INDEX" --index "$OUT/scr-index" --quiet "$pdfs" || [ $? -eq 3 ]; t1=$(now)
  T_INC_SCR+=("$(python3 -c "print($t1-$t0)")"); log "run $run incremental-scr ${T_INC_SCR[-1]}"
  t0=$(now); omindex --db "$OUT/omindex-db" --url / "$pdfs" >/dev/null 2>&1; t1=$(now)
  T_INC_OM+=("$(python3 -c "print($t1-$t0)")"); log "run $run incremental-omindex ${T_INC_OM[-1]}"
  rm -rf "$pdfs/new-$run"
done

for run in $(seq 1 "$RECOLL_RUNS"); do
  conf=$OUT/recoll-conf
  rm -rf "$conf"; mkdir -p "$conf"
  printf 'topdirs = %s\nindexedmimetypes = application/pdf\nloglevel = 1\n' "$pdfs" > "$conf/recoll.conf"
  settle
  t0=$(now); recollindex -c "$conf" -z >/dev/null 2>&1 || true; t1=$(now)
  T_RECOLL+=("$(python3 -c "print($t1-$t0)")"); log "recollindex ${T_RECOLL[-1]}"
done

if [ "${INCREMENTAL_ONLY:-0}" = 1 ]; then
  m_inc_scr=$(median "${T_INC_SCR[@]}"); m_inc_om=$(median "${T_INC_OM[@]}"); m_rerun=$(median "${T_RERUN[@]}")
  python3 -c "print(f'| rerun, nothing changed (target <= 0.5 s) | {float($m_rerun):.3f} s |'); print(f'| 10 touched + 10 new: scr-index / omindex (target <= 0.5) | {float($m_inc_scr)/float($m_inc_om):.2f} ({float($m_inc_scr):.2f} s vs {float($m_inc_om):.2f} s) |')"
  exit 0
fi
m_pdf=$(median "${T_PDFTOTEXT[@]}"); m_scr=$(median "${T_SCR[@]}"); m_om=$(median "${T_OMINDEX[@]}")
m_rerun=$(median "${T_RERUN[@]}"); m_inc_scr=$(median "${T_INC_SCR[@]}"); m_inc_om=$(median "${T_INC_OM[@]}")
scr_size=$(du -sb "$OUT/scr-index/xapian" | cut -f1); om_size=$(du -sb "$OUT/omindex-db" | cut -f1)
cache_size=$(du -sb "$OUT/scr-index/text-cache" | cut -f1)
python3 - "$pages" "$m_pdf" "$m_scr" "$m_om" "$m_rerun" "$m_inc_scr" "$m_inc_om" "$scr_rss" "$om_rss" \
  "$scr_size" "$om_size" "$cache_size" "${T_RECOLL[*]:-}" "${T_PDFTOTEXT[*]}" "${T_SCR[*]}" "${T_OMINDEX[*]}" <<'PY'
import sys, statistics
(pages, pdf, scr, om, rerun, inc_scr, inc_om, scr_rss, om_rss, scr_size, om_size, cache_size, recoll,
 all_pdf, all_scr, all_om) = sys.argv[1:]
pages = int(pages); pdf, scr, om = float(pdf), float(scr), float(om)
print()
print("| measure | value |")
print("|---|---|")
print(f"| pdftotext x2, pages/s (reference) | {pages/pdf:.0f} |")
print(f"| scr-index, pages/s | {pages/scr:.0f} |")
print(f"| scr-index / pdftotext x2 (target >= 0.6) | {pdf/scr:.2f} |")
print(f"| omindex, pages/s | {pages/om:.0f} |")
print(f"| scr-index speed / omindex (target >= 2) | {om/scr:.2f} |")
if recoll.strip():
    r = statistics.median(float(x) for x in recoll.split())
    print(f"| recollindex, pages/s | {pages/r:.0f} |")
    print(f"| scr-index speed / recollindex (target > 1) | {r/scr:.2f} |")
print(f"| rerun, nothing changed (target <= 0.5 s) | {float(rerun):.3f} s |")
print(f"| 10 touched + 10 new: scr-index / omindex (target <= 0.5) | {float(inc_scr)/float(inc_om):.2f} ({float(inc_scr):.2f} s vs {float(inc_om):.2f} s) |")
print(f"| peak RSS, scr-index (max of writer and a worker) (target <= 500 MB) | {scr_rss} MB |")
print(f"| peak RSS, omindex | {om_rss} MB |")
print(f"| index size per page: scr-index (Xapian, positions + spelling) | {int(scr_size)/pages/1024:.1f} KiB |")
print(f"| index size per page: scr-index text cache (zstd) | {int(cache_size)/pages/1024:.1f} KiB |")
print(f"| index size per page: omindex | {int(om_size)/pages/1024:.1f} KiB |")
print()
print("raw seconds: pdftotext", all_pdf, "| scr-index", all_scr, "| omindex", all_om, "| recollindex", recoll or "-")
PY
