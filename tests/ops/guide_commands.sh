#!/usr/bin/env bash
# Every command of the maintainer's guide (docs/operations.md, "# Maintainer's guide"), run in
# order as written, with its paths moved into a scratch folder: /etc/scr-search, /srv/scr-search,
# /var/lib/scr-search, /var/backups/scr-search and /srv/uploads. Lines marked "# [systemd]" or
# "# [root]" are listed and not run (they need systemd as init, or root's package manager); each
# other line must exit 0. The search service the guide has systemd start is started here, from the
# same configuration, before the guide's commands; it must go on answering to the end (through the
# backup, the restore and the compaction).
#
#   guide_commands.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1 build=$2
work=$(mktemp -d /tmp/scr-guide-test.XXXXXX)
daemon=
cleanup() {
  if [ -n "$daemon" ]; then kill "$daemon" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

export PATH="$build/indexer:$build/query:$build/searchd:$PATH"
mkdir -p "$work/etc" "$work/var" "$work/backups" "$work/srv" "$work/uploads/new"
# Reports to upload: 6 now, 2 later ("Add reports"), 1 after the guide.
"$build/corpus/scr-corpus" --out "$work/gen" --reports 9 --seed 9 --min-pages 4 --median-pages 6 --max-pages 8 --quiet
mapfile -t pdfs < <(find "$work/gen/pdfs" -name '*.pdf' | sort)
[ "${#pdfs[@]}" -eq 9 ] || fail "expected 9 generated PDFs, got ${#pdfs[@]}"
for i in 0 1 2 3 4 5; do cp "${pdfs[$i]}" "$work/uploads/report-$i.pdf"; done
for i in 6 7; do cp "${pdfs[$i]}" "$work/uploads/new/report-$i.pdf"; done

# The shipped configuration, on a free port.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
move_paths() {
  sed -e "s|/etc/scr-search|$work/etc|g" -e "s|/srv/scr-search|$work/srv|g" -e "s|/var/lib/scr-search|$work/var|g" \
      -e "s|/var/backups/scr-search|$work/backups|g" -e "s|/srv/uploads|$work/uploads|g" -e "s|127.0.0.1:8080|127.0.0.1:$port|g"
}
move_paths < "$src/packaging/scr-search.conf" | sed -e "s|^port = 8080|port = $port|" > "$work/etc/scr-search.conf"
export SCR_CONFIG="$work/etc/scr-search.conf"

# The guide's commands, in order.
guide=$(awk '/^# Maintainer.s guide/{on=1; next} /^# Reference/{on=0} on' "$src/docs/operations.md")
[ -n "$guide" ] || fail "docs/operations.md has no \"# Maintainer's guide\" part"
mapfile -t commands < <(awk '/^```sh$/{on=1; next} /^```$/{on=0} on' <<<"$guide")
[ "${#commands[@]}" -ge 15 ] || fail "only ${#commands[@]} commands found in the guide"
ran=0 skipped=0
for line in "${commands[@]}"; do
  if [[ "$line" == *"# [systemd]"* || "$line" == *"# [root]"* ]]; then
    echo "not run here: $line"
    skipped=$((skipped + 1))
    continue
  fi
  cmd=$(move_paths <<<"$line")
  echo "+ $line"
  (cd "$work" && bash -c "$cmd") > "$work/out" 2>&1 || { cat "$work/out"; fail "exit $? from: $line"; }
  sed 's/^/    /' "$work/out" | head -5
  ran=$((ran + 1))
  # The guide starts the search service after the first index ("Start"): as systemd would.
  if [ -z "$daemon" ] && [ -d "$work/var/index/xapian" ]; then
    (cd / && exec scr-searchd > "$work/searchd.out" 2> "$work/searchd.err") &
    daemon=$!
    for _ in $(seq 100); do grep -q serving "$work/searchd.out" 2>/dev/null && break; sleep 0.1; done
    grep -q serving "$work/searchd.out" || { cat "$work/searchd.err"; fail "scr-searchd did not start"; }
  fi
done
echo "ran $ran commands of the guide, $skipped left to systemd or root"

# What the guide promised: every report searchable (the 8 uploads), the service still answering;
# and it serves the restored, compacted database, not the one moved aside: a report added now
# reaches it.
[ -n "$daemon" ] || fail "the guide never built an index"
served() { curl -sf "http://127.0.0.1:$port/api/v1/search?q=child" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["value"])'; }
total=$(served)
[ "$total" -eq 8 ] || fail "the service finds $total of the 8 uploaded reports after the guide"
cp "${pdfs[8]}" "$work/srv/reports/report-8.pdf"
scr-index --quiet
total=$(served)
[ "$total" -eq 9 ] || fail "the service finds $total reports after one more was indexed (9 expected): it did not follow the restored database"
scr-index --check > /dev/null || fail "the index is not healthy at the end of the guide"
echo "ok: the guide's commands run; the service followed the restore and the compaction (9 reports)"
