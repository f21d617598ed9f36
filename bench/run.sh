#!/usr/bin/env bash
# Corpus-mode benchmarks on generated corpora (see ../shared/bench/make_corpus.py):
#   1. `wirediff corpus` (its own grouping) vs the Python peer (../shared/bench/peer_difflib.py,
#      told the true grouping) on 8,000 articles: wall time and ratio, the median of ROUNDS=3
#      runs of each, taking turns;
#   2. throughput in MB/s beside `wc -w` on the same file (the floor: reading the bytes once);
#   3. peak memory (/usr/bin/time -v);
#   4. grouping pairwise precision/recall against the `story` field (bench/pairwise.py);
#   5. peak memory on 100,000 articles (skip with --quick).
# usage: bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared
tmp=${TMPDIR:-/tmp}/wirediff-bench
mkdir -p "$tmp"
quick=${1:-}

if [ ! -x /usr/bin/time ]; then
    apt-get install -y time >/dev/null
fi
cargo build --release --quiet
bin=target/release/wirediff

# Runs a command with /usr/bin/time -v; sets $secs (wall), $cpu (user + system seconds) and
# $peak_mb (max RSS).
measure() {
    /usr/bin/time -v -o "$tmp/time.txt" "$@"
    secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tmp/time.txt")
    cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$tmp/time.txt")
    peak_mb=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$tmp/time.txt")
}

echo "== corpus: 1,000 stories x 8 versions"
corpus=$tmp/corpus-8k.jsonl
python3 "$shared/bench/make_corpus.py" --stories 1000 --versions 8 > "$corpus"
mb=$(awk -v b="$(stat -c %s "$corpus")" 'BEGIN {printf "%.1f", b/1e6}')
echo "$(wc -l < "$corpus") articles, $mb MB; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# Each tool runs $ROUNDS times, the two taking turns, and the median run counts: the time of one
# run moves by several percent on a shared machine.
rounds=${ROUNDS:-3}
median() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
spread() { tr ' ' '\n' | sed '/^$/d' | sort -g | awk 'NR==1 {lo=$1} {hi=$1} END {printf "%s-%s", lo, hi}'; }
wc_runs=""; peer_runs=""; wd_runs=""; peer_cpus=""; wd_cpus=""
# `sync` before each run: the 157 MB of reports a run leaves in the page cache are otherwise
# written back to disk by the kernel during a later run.
for _ in $(seq "$rounds"); do
    sync
    measure wc -w "$corpus" > /dev/null
    wc_runs="$wc_runs $secs"; wc_cpu=$cpu
    measure python3 "$shared/bench/peer_difflib.py" "$corpus" > "$tmp/peer.jsonl"
    peer_runs="$peer_runs $secs"; peer_cpus="$peer_cpus $cpu"; peer_mb=$peak_mb
    sync
    measure "$bin" corpus "$corpus" --quiet --groups-out "$tmp/groups-8k.csv" > "$tmp/wirediff.jsonl"
    wd_runs="$wd_runs $secs"; wd_cpus="$wd_cpus $cpu"; wd_mb=$peak_mb
done
wc_secs=$(echo "$wc_runs" | median)
peer_secs=$(echo "$peer_runs" | median); peer_cpu=$(echo "$peer_cpus" | median)
wd_secs=$(echo "$wd_runs" | median); wd_cpu=$(echo "$wd_cpus" | median)
echo "median of $rounds runs each; wall seconds: peer $(echo "$peer_runs" | spread), wirediff $(echo "$wd_runs" | spread)"

rate() { awk -v m="$mb" -v s="$1" 'BEGIN {printf "%.1f", m / (s > 0 ? s : 0.001)}'; }
printf '%-34s %8s %8s %10s %10s\n' "" "seconds" "CPU s" "MB/s" "peak MB"
printf '%-34s %8.2f %8s %10s %10s\n' "wc -w (floor)" "$wc_secs" "$wc_cpu" "$(rate "$wc_secs")" "-"
printf '%-34s %8.2f %8s %10s %10s\n' "peer_difflib.py (true groups)" "$peer_secs" "$peer_cpu" "$(rate "$peer_secs")" "$peer_mb"
printf '%-34s %8.2f %8s %10s %10s\n' "wirediff corpus (own grouping)" "$wd_secs" "$wd_cpu" "$(rate "$wd_secs")" "$wd_mb"
awk -v p="$peer_secs" -v w="$wd_secs" 'BEGIN {printf "speed ratio peer / wirediff (medians): %.2fx\n", p / (w > 0 ? w : 0.001)}'
echo "reports: $(wc -l < "$tmp/wirediff.jsonl") lines, $(awk -v b="$(stat -c %s "$tmp/wirediff.jsonl")" 'BEGIN {printf "%.0f", b/1e6}') MB"

echo "== grouping vs the story field"
python3 bench/pairwise.py "$corpus" "$tmp/groups-8k.csv"

echo "== one 20 MB text against a normal version (compare, JSON out)"
python3 bench/make_large.py big-text "$tmp/big-20mb.txt" 20
measure "$bin" compare "$tmp/big-20mb.txt" examples/kerry-lavrov-geneva-2016/tasnim.txt \
    --label afp=examples/kerry-lavrov-geneva-2016/afp.txt -f json -o "$tmp/big-20mb.json"
echo "$(awk -v b="$(stat -c %s "$tmp/big-20mb.txt")" 'BEGIN {printf "%.1f", b/1e6}') MB: $secs s, peak memory $peak_mb MB (target: well under 30 s)"

echo "== 50 versions of one story (compare, JSON out)"
rm -rf "$tmp/fifty" && python3 bench/make_large.py versions "$tmp/fifty" 50
measure "$bin" compare "$tmp/fifty" -f json -o "$tmp/fifty.json"
python3 - "$tmp/fifty.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{len(r['versions'])} versions, {len(r['rows'])} rows, base {r['base']} ({r['base_reason']})")
PY
echo "50 versions: $secs s, peak memory $peak_mb MB"

if [ "$quick" = "--quick" ]; then
    exit 0
fi

echo "== corpus: 12,500 stories x 8 versions (100,000 articles)"
big=$tmp/corpus-100k.jsonl
python3 "$shared/bench/make_corpus.py" --stories 12500 --versions 8 > "$big"
big_mb=$(awk -v b="$(stat -c %s "$big")" 'BEGIN {printf "%.0f", b/1e6}')
measure "$bin" corpus "$big" --quiet --groups-out "$tmp/groups-100k.csv" > /dev/null
echo "$big_mb MB in $secs s; peak memory $peak_mb MB (target < 1024)"
python3 bench/pairwise.py "$big" "$tmp/groups-100k.csv"
