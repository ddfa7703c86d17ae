"""How often spaCy's small model misreads the words of extract.yaml's determiner_nouns
right after a determiner (an adverb or adjective, not a noun: "The well leaked", "have a
pandemic"), on the Timeline17 sentences that hold "<determiner> <word>": the figures
behind timeline/extract/repairs.py. Sentences are cut as extract cuts them.

    .venv/bin/python bench/parse_misreads.py                     # all folders
    .venv/bin/python bench/parse_misreads.py --folders bpoil_bbc --limit 500
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from t17_diff import articles  # noqa: E402

from timeline.extract.nlp import load_analyzer  # noqa: E402
from timeline.extract.resources import load_words  # noqa: E402
from timeline.tagger import split_sentences  # noqa: E402

DETERMINERS = ("the", "a", "an", "its", "this", "that")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folders", help="comma-separated Timeline17 folders (default: all)")
    ap.add_argument("--limit", type=int, help="at most this many sentences per word")
    args = ap.parse_args()
    words = load_words("en")
    nouns = sorted(words.determiner_nouns)
    pattern = re.compile(rf"\b(?:{'|'.join(DETERMINERS)})\s+({'|'.join(nouns)})\b", re.I)
    found: dict[str, list[str]] = {w: [] for w in nouns}
    topics = args.folders.split(",") if args.folders else None
    for a in articles(topics, None):
        for start, end in split_sentences(a["text"]):
            sentence = a["text"][start:end]
            for m in pattern.finditer(sentence):
                found[m.group(1).lower()].append(sentence)
    analyzer = load_analyzer("en")
    for word in nouns:
        texts = list(dict.fromkeys(found[word]))[:args.limit]
        tags: Counter = Counter()
        for doc in analyzer.parse(texts):
            for t in doc:
                if t.lower_ == word and t.i and t.nbor(-1).lower_ in DETERMINERS:
                    tags[t.pos_] += 1
        total = sum(tags.values())
        misread = total - tags["NOUN"]
        print(f"{word}: {len(texts)} sentences, {total} after a determiner, "
              f"{misread} not a noun {dict(tags.most_common())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
