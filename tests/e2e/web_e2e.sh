#!/usr/bin/env bash
# End-to-end test of the web page in headless Chromium: scr-searchd on a copy of the test index,
# the page's own self-test (#selftest) types a search, clicks a facet, a hit and the Trends link and
# submits the trends form, waiting for each view the hash routing draws; the DOM Chromium dumps
# must report every step PASS.
# Screenshots of the four views are kept in OUT as test artefacts.
#
#   tests/e2e/web_e2e.sh SCR_SEARCHD_BIN INDEX_DIR OUT_DIR
set -euo pipefail
searchd=$1 index=$2 out=$3
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium is not installed (scripts/install-deps.sh installs it)"
  exit 77
fi
mkdir -p "$out"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp -r "$index" "$work/index"
"$searchd" --index "$work/index" --port 0 --access-log none > "$work/started" &
pid=$!
for _ in $(seq 1 50); do grep -q "serving" "$work/started" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' "$work/started")
[ -n "$url" ] || { echo "FAIL: scr-searchd did not start"; exit 1; }
chrome() {
  # A fresh profile each time; --virtual-time-budget lets the page's fetches finish before the dump.
  timeout 90 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --user-data-dir="$work/profile-$RANDOM" --virtual-time-budget=15000 "$@" 2>>"$work/chrome.log"
}
chrome --dump-dom "${url}#selftest" > "$out/selftest-dom.html" || true
result=$(sed -n '/SELFTEST/,/END/p' "$out/selftest-dom.html")
echo "$result"
for step in search "facet click" "theme labels" "recommendation snippets" "report view" "trend chart" "chart counts"; do
  if ! grep -q "PASS $step" <<<"$result"; then
    echo "FAIL: step '$step' did not pass (see $out/selftest-dom.html, $work/chrome.log)"
    tail -5 "$work/chrome.log" || true
    exit 1
  fi
done
if grep -q "^FAIL" <<<"$result"; then echo "FAIL: a self-test step failed"; exit 1; fi
# Screenshots of each view, for people to look at (not compared).
id=$(curl -s "${url}api/v1/search?q=neglect&limit=1&snippets=false" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p' | head -1)
chrome --window-size=1200,900 --screenshot="$out/search.png" "${url}#q=neglect" >/dev/null || true
chrome --window-size=1200,900 --screenshot="$out/facet.png" "${url}#q=neglect&f=region:london" >/dev/null || true
chrome --window-size=1200,900 --screenshot="$out/report.png" "${url}#report=$id" >/dev/null || true
chrome --window-size=1200,900 --screenshot="$out/trends.png" "${url}#view=trends&columns=theme-group" >/dev/null || true
chrome --window-size=390,844 --screenshot="$out/phone-search.png" "${url}#q=neglect" >/dev/null || true
chrome --window-size=390,844 --screenshot="$out/phone-trends.png" "${url}#view=trends&columns=theme" >/dev/null || true
ls "$out"/*.png >/dev/null 2>&1 || echo "note: no screenshots were written"
echo "PASS: web page end to end (artefacts in $out)"
