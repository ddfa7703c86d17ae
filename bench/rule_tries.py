"""How many rule tries the recogniser makes on TBAQ: every `rule.compiled.match` the
recogniser calls over the 256 documents, in total and for the rules tried most. The
work the dispatch (first word, second word) saves; a count, not a timing, so the
machine's load does not move it.

    .venv/bin/python bench/rule_tries.py [--top N]     # N rules tried most (default 5)
    git worktree add /tmp/old REV --detach
    PYTHONPATH=/tmp/old .venv/bin/python bench/rule_tries.py     # another revision's

The tagger counted is the one PYTHONPATH names (printed on stderr). Each rule's compiled
pattern is wrapped by one that counts its match calls; nothing else changes.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TBAQ = REPO.parent / "shared" / "corpora" / "tbaq"
TE3 = REPO.parent / "shared" / "tools" / "te3"


class _Counting:
    """A compiled pattern whose match calls are counted under its rule's id."""

    def __init__(self, pattern, rule_id: str, counts: Counter):
        self._pattern, self._id, self._counts = pattern, rule_id, counts

    def match(self, *args):
        self._counts[self._id] += 1
        return self._pattern.match(*args)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=5, help="how many of the rules tried most")
    top = parser.parse_args().top
    if not os.environ.get("PYTHONPATH"):
        sys.path.insert(0, str(REPO))
    sys.path.insert(0, str(TE3))
    import te3io
    import timeline
    from timeline.tagger.recognizer import recognise
    from timeline.tagger.resources import cached
    print(f"tagger: {Path(timeline.__file__).parent}", file=sys.stderr)
    res = cached("en")
    counts: Counter = Counter()
    for rule in res.rules:      # compiled is a cached_property: its value lives in __dict__
        rule.__dict__["compiled"] = _Counting(rule.compiled, rule.id, counts)
    docs = 0
    for sub in ("TimeBank", "AQUAINT"):
        for doc in te3io.iter_docs(TBAQ / sub):
            recognise(doc.text, res, int(str(doc.dct)[:4]))
            docs += 1
    print(f"{docs} documents, {len(res.rules)} rules, {sum(counts.values()):,} rule tries")
    for rule_id, n in counts.most_common(top):
        print(f"  {rule_id}: {n:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
