#!/usr/bin/env bash
# Opens the HTML report of the dev story in headless Chromium and checks what a reader sees:
# one row element per report row, S/A/E badges, <del>/<ins> marks, the sticky header, no
# script. Takes desktop (1280x900) and phone (390x844) screenshots.
#
# Usage: tests/browser/check.sh [OUT_DIR]   (default: target/browser)
# Installs Debian's chromium with apt-get only when /usr/bin/chromium is missing.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/target/browser}"
story="$root/examples/kerry-lavrov-geneva-2016"
mkdir -p "$out"
out="$(cd "$out" && pwd)"   # Chromium needs an absolute file:// path

if [ ! -x /usr/bin/chromium ]; then
    echo "check.sh: installing chromium" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cd "$root"
cargo build -q --bin wirediff
bin="$root/target/debug/wirediff"
"$bin" compare "$story" --base afp -f html -o "$out/report.html"
"$bin" compare "$story" --base afp -f json -o "$out/report.json"

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chrome() {
    timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$profile" --hide-scrollbars "$@" 2>/dev/null
}

chrome --dump-dom "file://$out/report.html" >"$out/dom.html"

fail=0
check() { # name expected actual
    if [ "$2" = "$3" ]; then
        echo "ok   $1 ($3)"
    else
        echo "FAIL $1: expected $2, got $3"
        fail=1
    fi
}
at_least() { # name minimum actual
    if [ "$3" -ge "$2" ]; then
        echo "ok   $1 ($3)"
    else
        echo "FAIL $1: expected at least $2, got $3"
        fail=1
    fi
}

json_rows=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$out/report.json")
json_sentences=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
# Every sentence of every shown cell gets one badge group.
print(sum(len(c["sentences"]) for row in r["rows"] for c in row["cells"] if c["status"] != "dropped"))
' "$out/report.json")
json_replaced=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(sum(1 for row in r["rows"] for c in row["cells"] for op in c["diff"] if op["op"] in ("replace", "insert")))
' "$out/report.json")

dom_rows=$( (grep -o '<tr class="row[ "]' "$out/dom.html" || true) | wc -l)
check "row elements = report rows" "$json_rows" "$dom_rows"
dom_badge_groups=$( (grep -o '<span class="badges"' "$out/dom.html" || true) | wc -l)
check "badge groups = shown sentences" "$json_sentences" "$dom_badge_groups"
at_least "badges" 1 "$( (grep -oE '<abbr class="b b-(s|a|e|none)"' "$out/dom.html" || true) | wc -l)"
in_rows() { # count of a tag inside the rows table
    python3 -c '
import sys
dom = open(sys.argv[1], encoding="utf-8").read()
start = dom.find("<table class=\"rows\"")
rows = dom[start:dom.find("</table>", start)] if start >= 0 else ""
print(rows.count(sys.argv[2]))
' "$out/dom.html" "$1"
}
json_deleted=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(sum(1 for row in r["rows"] for c in row["cells"] for op in c["diff"] if op["op"] in ("replace", "delete")))
' "$out/report.json")
# An op's words can be cut into several <ins>/<del> pieces by editorial note marks, so the
# check compares words, not element counts: the inserted (deleted) words shown in the rows,
# in order, are exactly the report's inserted (deleted) words.
marked_words() { # tag op-side ops...
    python3 - "$out/dom.html" "$out/report.json" "$@" <<'PY'
import html, json, re, sys
dom, report, tag, side, *ops = sys.argv[1:]
start = open(dom, encoding="utf-8").read()
table = start[start.find('<table class="rows"'):]
table = table[:table.find("</table>")]
shown = "".join(html.unescape(re.sub(r"<[^>]+>", "", m)) for m in re.findall(rf"<{tag}>(.*?)</{tag}>", table, re.S))
r = json.load(open(report))
want = "".join(op[side] or "" for row in r["rows"] for c in row["cells"] for op in c["diff"] if op["op"] in ops)
squash = lambda s: re.sub(r"\s+", "", s)
print("same" if squash(shown) == squash(want) else f"differ: {squash(shown)[:80]!r} vs {squash(want)[:80]!r}")
PY
}
check "inserted words in rows = replace/insert ops" same "$(marked_words ins other replace insert)"
check "deleted words in rows = replace/delete ops" same "$(marked_words del base replace delete)"
at_least "inserted word groups in rows" "$json_replaced" "$(in_rows '<ins>')"
at_least "deleted word groups in rows" "$json_deleted" "$(in_rows '<del>')"
check "legend present" 1 "$(grep -c 'class="legend"' "$out/dom.html" || true)"
check "no script element" 0 "$(grep -ci '<script' "$out/dom.html" || true)"
check "no external resource" 0 "$(grep -ciE '(src|href)="(https?:)?//' "$out/dom.html" || true)"

chrome --screenshot="$out/desktop.png" --window-size=1280,900 "file://$out/report.html"
chrome --screenshot="$out/phone.png" --window-size=390,844 "file://$out/report.html"
# A tall desktop page that reaches the aligned rows (the README's screenshot).
chrome --screenshot="$out/desktop-tall.png" --window-size=1280,1700 "file://$out/report.html"
for shot in desktop phone desktop-tall; do
    size=$(stat -c %s "$out/$shot.png" 2>/dev/null || echo 0)
    at_least "$shot screenshot bytes" 10000 "$size"
done
echo "screenshots: $out/desktop.png $out/phone.png $out/desktop-tall.png"
exit "$fail"
