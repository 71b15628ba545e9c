#!/usr/bin/env python3
"""Writes the wrk Lua script of the mixed researcher queries (facets and snippets on) that
http_bench.sh and soak.sh send: cycles the paths, and prints one RESULT line with p50, p99,
requests per second, socket errors and non-2xx answers."""
import sys
import urllib.parse

QUERIES = ["neglect", '"domestic abuse"', "co-sleeping", '"information sharing"', '"disguised compliance"',
           '"voice of the child"', '"professional curiosity"', "self-harm", '"county lines"', "methadone", "MARAC",
           '"safer sleep"', "neglec*", '"information sharing" police', '"domestic abuse" region:london',
           "neglect year:2011..2014", '"co-sleeping" OR "bed sharing"', "health visitor AND midwife",
           '"child protection plan" outcome:death', "interpreter", "lockdown", "autism", "psychosis"]


def main(out_path):
    paths = ["/api/v1/search?q=%s&facets=year,region,board,review_type&limit=10&snippets_per_hit=2"
             % urllib.parse.quote(q) for q in QUERIES]
    with open(out_path, "w") as f:
        f.write("paths = {" + ",".join('"%s"' % p for p in paths) + "}\n")
        f.write("i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n")
        f.write("done = function(summary, latency, requests)\n")
        f.write("  io.write(string.format('RESULT p50=%.2f p99=%.2f rps=%.1f errors=%d non2xx=%d\\n', "
                "latency:percentile(50)/1000, latency:percentile(99)/1000, summary.requests/(summary.duration/1e6), "
                "summary.errors.connect+summary.errors.read+summary.errors.write+summary.errors.timeout, "
                "summary.errors.status))\n")
        f.write("end\n")


if __name__ == "__main__":
    main(sys.argv[1])
