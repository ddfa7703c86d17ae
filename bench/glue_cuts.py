"""What the caption cut of sentence splitting (timeline/tagger/sentences.py, _glue_cuts)
does on Timeline17: how many cuts, a seeded sample of them to judge by hand, and its
CPU cost beside the rest of splitting (same process, fastest of --passes).

    .venv/bin/python bench/glue_cuts.py                  # all folders, 40 sampled cuts
    .venv/bin/python bench/glue_cuts.py --sample 10 --seed 3 --passes 5

Articles are read as `timeline ingest` reads them (detokenised: bench/t17_diff.articles).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from t17_diff import articles  # noqa: E402

from timeline.tagger import sentences  # noqa: E402


def cpu(texts: list[str], passes: int) -> float:
    best = float("inf")
    for _ in range(passes):
        t0 = time.process_time()
        for text in texts:
            sentences.split_sentences(text)
        best = min(best, time.process_time() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=40, help="cuts shown in context (40)")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--passes", type=int, default=3, help="timed passes, fastest kept (3)")
    args = ap.parse_args()
    found = articles(None, None)
    texts = [a["text"] for a in found]
    openers = sentences._lexicon_list("en", "glued_openers")
    blockers = sentences._lexicon_list("en", "glue_blockers")
    cuts = [(a["key"], a["text"], at) for a in found
            for at in sentences._glue_cuts(a["text"], openers, blockers)]
    print(f"{len(found)} articles, {sum(map(len, texts)):,} characters: {len(cuts)} cuts")
    for key, text, at in random.Random(args.seed).sample(cuts, min(args.sample, len(cuts))):
        context = text[max(0, at - 70):at] + " || " + text[at:at + 50]
        print(f"  {key}: {' '.join(context.split())}")
    with_cuts = cpu(texts, args.passes)
    real = sentences._glue_cuts
    sentences._glue_cuts = lambda text, openers, blockers: []
    try:
        without = cpu(texts, args.passes)
    finally:
        sentences._glue_cuts = real
    print(f"split_sentences CPU s, fastest of {args.passes}: {with_cuts:.3f} with the cut, "
          f"{without:.3f} without (the cut: {with_cuts - without:+.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
