#!/usr/bin/env bash
# Checks that two builds of wirediff write byte-identical output: the reports and groups of a
# generated corpus (../shared/bench/make_corpus.py), and the JSON reports of the bundled example
# and the test fixtures. Used to check that a speed-up changes nothing.
# usage: bench/same_output.sh OLD_WIREDIFF NEW_WIREDIFF [STORIES]
set -uo pipefail
cd "$(dirname "$0")/.."
old=$1; new=$2; stories=${3:-1000}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if ! python3 ../shared/bench/make_corpus.py --stories "$stories" --versions 8 > "$tmp/corpus.jsonl" \
    || [ ! -s "$tmp/corpus.jsonl" ]; then
    echo "same_output.sh: could not make the corpus (is ../shared beside the checkout?)" >&2
    exit 2
fi
same=1
for side in old new; do
    bin=${!side}
    "$bin" corpus "$tmp/corpus.jsonl" --quiet --groups-out "$tmp/$side.groups.csv" > "$tmp/$side.jsonl"
    for d in examples/kerry-lavrov-geneva-2016 tests/fixtures/*/; do
        n=$(echo "$d" | tr / _)
        "$bin" compare "$d" -f json -o "$tmp/$side.$n.json" 2>/dev/null
        echo "exit $?" >> "$tmp/$side.$n.json"
    done
done
for f in "$tmp"/old.*; do
    g=$tmp/new.${f#"$tmp"/old.}
    if ! cmp -s "$f" "$g"; then
        echo "differs: ${f#"$tmp"/old.}"
        same=0
    fi
done
[ "$same" = 1 ] && echo "same output: $(ls "$tmp"/old.* | wc -l) files compared"
[ "$same" = 1 ]
