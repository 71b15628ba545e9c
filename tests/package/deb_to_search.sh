#!/usr/bin/env bash
# From the .deb to a served search (issue 16): builds the package from the build tree, unpacks it
# into an empty root (dpkg -x; the libraries it declares come from this machine, and each must be
# installed here), and runs the installed programs against a generated corpus with no source tree
# in sight: no SCR_DATA_DIR, a config file made from the one the package ships, and a daemon
# answering a search, a reload and a stop.
#
#   deb_to_search.sh BUILD_DIR SCR_CORPUS
set -euo pipefail
build=$1 corpus_gen=$2
work=$(mktemp -d /tmp/scr-deb-test.XXXXXX)
daemon=
cleanup() {
  [ -n "$daemon" ] && kill "$daemon" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -B "$work/pkg" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls "$work"/pkg/scr-search_*.deb)
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# Depends, as dpkg-shlibdeps wrote them from the linked libraries.
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libxapian30 libpoppler-cpp0v5 libicu72 libboost-program-options libcpp-httplib; do
  grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib"
done
IFS=',' read -ra deps <<<"$depends"
for dep in "${deps[@]}"; do
  name=$(awk '{print $1}' <<<"$dep")
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || fail "declared dependency $name is not installed here"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | grep -qx /etc/scr-search/scr-search.conf || fail "the config file is not a conffile"

root=$work/root
dpkg -x "$deb" "$root"
for f in usr/bin/scr-index usr/bin/scr-query usr/bin/scr-searchd usr/share/scr-search/taxonomy.json \
         usr/share/scr-search/boards.csv usr/share/man/man1/scr-index.1.gz usr/share/man/man5/scr-taxonomy.5.gz \
         usr/lib/systemd/system/scr-searchd.service usr/lib/systemd/system/scr-index.path \
         etc/scr-search/scr-search.conf usr/share/doc/scr-search/operations.md; do
  [ -e "$root/$f" ] || fail "the package has no /$f"
done
man -l "$root/usr/share/man/man1/scr-searchd.1.gz" 2>/dev/null | grep -q -- "--config" || fail "scr-searchd(1) lacks --config"

# A corpus, and a config file made from the shipped example with this test's paths.
"$corpus_gen" --out "$work/gen" --reports 4 --seed 5 --min-pages 6 --median-pages 8 --max-pages 10 --quiet
conf=$work/scr-search.conf
sed -e "s|/var/lib/scr-search/index|$work/index|" -e "s|/srv/scr-search/reports|$work/gen/pdfs|" \
    -e "s|^port = 8080|port = 0|" -e "s|^access-log = -|access-log = $work/access.log|" \
    "$root/etc/scr-search/scr-search.conf" > "$conf"
grep -q "$work/index" "$conf" || fail "the shipped config no longer names /var/lib/scr-search/index"

# The programs run from / with a bare environment: nothing points at the source tree.
run() { (cd / && env -i PATH=/usr/bin:/bin HOME="$work" SCR_CONFIG="$conf" "$@"); }
version=$(run "$root/usr/bin/scr-index" --version)
echo "$version"
grep -qx "data files: $root/usr/share/scr-search" <<<"$version" || fail "scr-index does not use the installed data files"
grep -qx "config file: $conf (found)" <<<"$version" || fail "scr-index does not see \$SCR_CONFIG"

run "$root/usr/bin/scr-index" --quiet || fail "scr-index exit $?"
[ -d "$work/index" ] || fail "scr-index did not write the index the config names"
total=$(run "$root/usr/bin/scr-query" --json neglect | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["value"])')
echo "scr-query neglect: $total reports"
[ "$total" -ge 1 ] || fail "scr-query found nothing"

(cd / && exec env -i PATH=/usr/bin:/bin SCR_CONFIG="$conf" "$root/usr/bin/scr-searchd" > "$work/searchd.out" 2> "$work/searchd.err") &
daemon=$!
for _ in $(seq 100); do grep -q "serving" "$work/searchd.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*' "$work/searchd.out") || { cat "$work/searchd.err"; fail "scr-searchd did not start"; }
echo "scr-searchd: $url"
hits=$(curl -sf "${url}api/v1/search?q=neglect" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"]["value"])')
[ "$hits" = "$total" ] || fail "the daemon found $hits reports, scr-query $total"
curl -sf "$url" | grep -qi "<html" || fail "no web page at /"
# Reload (systemctl reload): the access log is reopened under its name after a rotation.
mv "$work/access.log" "$work/access.log.1"
kill -HUP "$daemon"
for _ in $(seq 50); do grep -q "access log reopened" "$work/searchd.err" && break; sleep 0.1; done
grep -q "access log reopened" "$work/searchd.err" || fail "SIGHUP did not reopen the access log"
curl -sf "${url}healthz" > /dev/null
[ -s "$work/access.log" ] || fail "no access log written after the reopen"
# Stop (systemctl stop): SIGTERM, exit 0.
kill -TERM "$daemon"
status=0
wait "$daemon" || status=$?
daemon=
[ "$status" -eq 0 ] || fail "scr-searchd exited $status on SIGTERM"
echo "ok: .deb -> installed programs -> index -> served search ($hits reports), reload, stop"
