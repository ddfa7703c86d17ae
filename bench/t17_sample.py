"""A random sample of the tagger's Timeline17 expressions, one per article, for a hand
audit: how often the value a reader would see is right, on real news, where no gold
annotation exists (Timeline17 has journalists' timelines, not TIMEX3).

    .venv/bin/python bench/t17_sample.py --seed 7 --n 150 bpoil_bbc bpoil_foxnews ...
    .venv/bin/python bench/t17_sample.py --seed 11 --n 120          # all folders

Articles (folders in name order, as bench/t17_diff.py reads them) are shuffled with the seed; from each, one DATE or TIME expression is drawn at
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
import random
import re
import sys
from pathlib import Path

_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folders", nargs="*", help="Timeline17 folders (default: all)")
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--n", type=int, default=150, help="expressions (articles) to draw")
    args = ap.parse_args()
    from t17_diff import articles         # puts this checkout on sys.path unless PYTHONPATH
    import timeline                        # names another (a commit's worktree)
    from timeline import tag
    print(f"tagger: {Path(timeline.__file__).parent.parent}", file=sys.stderr)

    pool = articles(args.folders or None, None)
    rng = random.Random(args.seed)
    rng.shuffle(pool)
    drawn = 0
    for article in pool:
        text = article["text"]
        found = [e for e in tag(text, article["anchor"]) if e.type in ("DATE", "TIME")
                 and not _YEAR.search(e.text) and not (e.value or "").endswith("_REF")]
        if not found:
            continue
        e = rng.choice(found)
        context = (text[max(0, e.start - 250):e.start] + "[[" + e.text + "]]"
                   + text[e.end:e.end + 120]).replace("\n", " ").replace("\t", " ")
        print("\t".join((article["folder"], str(article["index"]), article["anchor"],
                         e.text, e.type, e.value, e.mod or "", context)))
        drawn += 1
        if drawn >= args.n:
            break
    return 0


if __name__ == "__main__":
    sys.exit(main())
