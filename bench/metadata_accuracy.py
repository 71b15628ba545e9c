#!/usr/bin/env python3
"""Metadata accuracy of an scr index against a generated corpus's ground truth.

    build/release/indexer/scr-index --index IDX CORPUS/pdfs
    python3 bench/metadata_accuracy.py IDX CORPUS/truth.jsonl [--scr-index build/release/indexer/scr-index]

Prints, per field, the share of reports whose indexed value equals the truth, and a few misses.
"""
import argparse
import json
import subprocess


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("truth")
    ap.add_argument("--scr-index", default="build/release/indexer/scr-index")
    args = ap.parse_args()
    records = subprocess.run([args.scr_index, "--index", args.index, "--list"], capture_output=True, text=True,
                             check=True).stdout.splitlines()
    by_path = {}
    for line in records:
        rec = json.loads(line)
        for f in rec["files"]:
            by_path[f["path"]] = rec

    def value(rec, field):
        return rec["meta"].get(field, {}).get("value")

    def plain(s):
        return s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")

    fields = ["board", "region", "year", "review_type", "pseudonym", "outcome", "age_band", "sex", "title"]
    hits = {f: 0 for f in fields}
    misses = {f: [] for f in fields}
    pages = n = 0
    for line in open(args.truth):
        t = json.loads(line)
        rec = by_path.get(t["file"])
        n += 1
        if rec is None:
            for f in fields:
                misses[f].append((t["file"], "not indexed", None))
            continue
        want = {f: t[f] for f in fields}
        want["title"] = plain(t["title"])
        for f in fields:
            if value(rec, f) == want[f]:
                hits[f] += 1
            else:
                misses[f].append((t["file"], value(rec, f), want[f]))
        pages += rec["pages"] == t["pages"]
    print(f"{n} reports")
    print(f"{'pages':12} {pages / n:.4f}")
    for f in fields:
        print(f"{f:12} {hits[f] / n:.4f}  e.g. {misses[f][:2]}")


if __name__ == "__main__":
    main()
