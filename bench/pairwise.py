#!/usr/bin/env python3
"""Pairwise precision and recall of a grouping against the corpus's true `story` field.

usage: pairwise.py CORPUS.jsonl GROUPS.csv [--json]

GROUPS.csv is what `wirediff corpus --groups-out` writes (`id,group` with a header). A pair of
articles counts as predicted when both sit in one group, as true when both have one `story`.
"""
import collections, csv, json, sys


def pair_count(sizes):
    return sum(n * (n - 1) // 2 for n in sizes)


def main():
    corpus, groups = sys.argv[1], sys.argv[2]
    story = {}
    for line in open(corpus, encoding="utf-8"):
        if line.strip():
            rec = json.loads(line)
            story[str(rec["id"])] = rec["story"]
    group = {r["id"]: r["group"] for r in csv.DictReader(open(groups, encoding="utf-8"))}
    both = collections.Counter((story[i], group[i]) for i in group if i in story)
    tp = pair_count(both.values())
    predicted = pair_count(collections.Counter(group.values()).values())
    true = pair_count(collections.Counter(story.values()).values())
    p = tp / predicted if predicted else 1.0
    r = tp / true if true else 1.0
    if "--json" in sys.argv:
        print(json.dumps({"precision": p, "recall": r, "true_pairs": true, "predicted_pairs": predicted}))
    else:
        print(f"pairwise precision {p:.4f} recall {r:.4f} ({tp} of {predicted} predicted pairs, {true} true pairs)")


if __name__ == "__main__":
    main()
