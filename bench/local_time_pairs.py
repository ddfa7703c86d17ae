"""How well "local time" gets its UTC offset without the text's own answer: every
Timeline17 sentence that gives a clock in "local time" and the same instant in GMT in
brackets ("struck at 1653 local time (2153 GMT)") is tagged twice, as written (the
bracket gives the offset: the answer) and with the bracket taken out (the offset then
comes from the places the sentence names, timeline.tagger.zones). Timeline17 gives no
dateline, so the articles are tagged without a place, their publication day the anchor.

    .venv/bin/python bench/local_time_pairs.py

Prints each pair whose offset without the bracket is not the answer, then the counts:
right, none (no offset), other (an offset that is not the bracket's).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from timeline import tag                                  # noqa: E402
from timeline.ingest.detok import detokenise              # noqa: E402

T17 = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "t17"
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PAIR = re.compile(r"local time\s*\(([^)]*GMT[^)]*)\)")


def _local(sentence: str, anchor: str):
    return next((e for e in tag(sentence, anchor) if "local time" in e.text), None)


def main() -> int:
    seen: set[str] = set()
    counts = {"right": 0, "none": 0, "other": 0}
    for path in sorted(T17.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            anchor = record["time"][:10]
            for sentence in _SENTENCE_END.split(detokenise(record["text"])):
                pair = _PAIR.search(sentence)
                if pair is None or sentence in seen:
                    continue
                seen.add(sentence)
                answer = _local(sentence, anchor)
                if answer is None or answer.zone is None:
                    continue
                alone = _local(sentence[:pair.start()] + "local time" + sentence[pair.end():], anchor)
                got = alone.zone if alone else None
                kind = "none" if got is None else "right" if got == answer.zone else "other"
                counts[kind] += 1
                if kind != "right":
                    print(f"{kind}: {got} (bracket {answer.zone}) | {path.parent.name}/{record['id']} | {sentence[:160]}")
    print(f"{sum(counts.values())} pairs: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
