"""A random sample of the tagger's Timeline17 expressions, one per article, for a hand
audit: how often the value a reader would see is right, on real news, where no gold
annotation exists (Timeline17 has journalists' timelines, not TIMEX3).

    .venv/bin/python bench/t17_sample.py --seed 7 --n 150 bpoil_bbc bpoil_foxnews ...
    .venv/bin/python bench/t17_sample.py --seed 11 --n 120          # all folders

Articles are shuffled with the seed; from each, one DATE or TIME expression is drawn at
random among those whose text writes no year (a written year is rarely wrong) and whose
value is no PAST_REF/PRESENT_REF/FUTURE_REF (rarely wrong either): the sample is of the
expressions that take resolving. One tab-separated line each: folder, the article's
line number in articles.jsonl (0-based), publication date (the anchor), text, type,
value, mod, and 250 characters before and 120 after it with the expression in [[ ]].
With PYTHONPATH set, the tagger is the one it names (a checkout of another commit:
`PYTHONPATH=/tmp/at .venv/bin/python bench/t17_sample.py --seed 7`); the corpus is
always this checkout's ../shared.
Articles are detokenised as `timeline ingest` does, and tagged without a place. The
draw depends on the tagger's output, so a sample is only repeatable on the same code;
bench/README.md records each audit's commit and counts.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", help="Timeline17 folders (default: all)")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=150, help="expressions (articles) to draw")
    args = ap.parse_args()
    if not os.environ.get("PYTHONPATH"):     # else the tagger PYTHONPATH names (another
        sys.path.insert(0, str(REPO))        # commit's checkout), as bench/t17_diff.py
    import timeline
    from timeline import tag
    print(f"tagger: {Path(timeline.__file__).parent.parent}", file=sys.stderr)
    from timeline.ingest.detok import detokenise, is_tokenised

    folders = args.folders or sorted(p.name for p in T17.iterdir() if p.is_dir())
    rng = random.Random(args.seed)
    pool = []
    for folder in folders:
        with open(T17 / folder / "articles.jsonl", encoding="utf-8") as f:
            pool += [(folder, i, json.loads(line)) for i, line in enumerate(f)]
    rng.shuffle(pool)
    drawn = 0
    for folder, i, article in pool:
        text = article["text"]
        text = detokenise(text) if is_tokenised(text) else text
        found = [e for e in tag(text, article["time"]) if e.type in ("DATE", "TIME")
                 and not _YEAR.search(e.text) and not (e.value or "").endswith("_REF")]
        if not found:
            continue
        e = rng.choice(found)
        context = (text[max(0, e.start - 250):e.start] + "[[" + e.text + "]]"
                   + text[e.end:e.end + 120]).replace("\n", " ").replace("\t", " ")
        print("\t".join((folder, str(i), article["time"], e.text, e.type, e.value,
                         e.mod or "", context)))
        drawn += 1
        if drawn >= args.n:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
