#!/usr/bin/env python3
"""Large single-story inputs for bench/run.sh, built from the bundled example story.

usage: make_large.py big-text OUT.txt [MEGABYTES]   one text of about MEGABYTES (default 20):
                                                    the example's sentences in shuffled
                                                    paragraphs, over and over
       make_large.py versions OUT_DIR [N]            N (default 50) versions of the example
                                                    story, each dropping, moving and rewording
                                                    sentences the way republishing outlets do
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(HERE, "..", "examples", "kerry-lavrov-geneva-2016", "afp.txt")
SWAPS = [("said", "claimed"), ("rebel fighters", "militants"), ("Islamic State", "Daesh"),
         ("brutal", "harsh"), ("talks", "negotiations"), ("Friday", "Friday afternoon")]


def sentences():
    text = open(EXAMPLE, encoding="utf-8").read()
    out = []
    for para in text.split("\n\n")[1:]:
        out.extend(s for s in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", para.strip()) if s)
    return out


def big_text(path, megabytes):
    rng = random.Random(7)
    sents = sentences()
    limit = int(megabytes * 1_000_000)
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        f.write("US, Russia achieve 'clarity' on path to new Syria ceasefire: Kerry\n\n")
        while size < limit:
            para = " ".join(rng.choice(sents) for _ in range(rng.randint(1, 4))) + "\n\n"
            f.write(para)
            size += len(para.encode("utf-8"))


def versions(out_dir, n):
    rng = random.Random(11)
    os.makedirs(out_dir, exist_ok=True)
    head = "US, Russia achieve 'clarity' on path to new Syria ceasefire: Kerry"
    sents = sentences()
    for v in range(n):
        body = []
        for s in sents:
            if rng.random() < 0.1:
                continue
            if rng.random() < 0.3:
                for a, b in SWAPS:
                    if a in s and rng.random() < 0.5:
                        s = s.replace(a, b, 1)
            body.append(s)
        if len(body) > 4 and rng.random() < 0.5:
            body.insert(rng.randrange(1, len(body)), body.pop(rng.randrange(1, len(body) - 1)))
        with open(os.path.join(out_dir, f"v{v:02d}.txt"), "w", encoding="utf-8") as f:
            f.write(head + "\n\n" + "\n\n".join(body) + "\n")


if __name__ == "__main__":
    what, out = sys.argv[1], sys.argv[2]
    if what == "big-text":
        big_text(out, float(sys.argv[3]) if len(sys.argv) > 3 else 20)
    elif what == "versions":
        versions(out, int(sys.argv[3]) if len(sys.argv) > 3 else 50)
    else:
        sys.exit(__doc__)
