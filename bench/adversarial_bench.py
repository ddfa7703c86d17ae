"""Hostile input costs no more than news (issue 6): time of the tagger, ingest and the
record's YAML validation on ~1 MB of real news versus ~1 MB of digits and punctuation
and other regex-hostile runs, at two sizes to show time stays linear in input size.

    .venv/bin/python bench/adversarial_bench.py [--mb 1.0]

Prints seconds and the ratio to news of the same size; a ratio well above ~1-2 or a
per-MB time that grows with size means a super-linear (backtracking) path.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
DCT = datetime(2019, 2, 28, 12, 0, tzinfo=timezone(timedelta(hours=7)))


def news(size: int) -> str:
    """Real Timeline17 article text, concatenated up to ``size`` characters."""
    parts, total = [], 0
    for path in sorted(T17.glob("*/articles.jsonl")):
        for line in path.open(encoding="utf-8"):
            text = json.loads(line)["text"]
            parts.append(text)
            total += len(text) + 2
            if total >= size:
                return "\n\n".join(parts)[:size]
    raise SystemExit(f"not enough text under {T17}")


def hostile(kind: str, size: int) -> str:
    rng = random.Random(7)
    if kind == "digits+punct":
        alphabet = "0123456789" * 3 + ".,:;-/()'\"!?% +"
        return "".join(rng.choice(alphabet) for _ in range(size))
    if kind == "one long number":
        return "1" * size
    if kind == "date-like soup":
        pieces = ["2019", "-", "02", "28", "T", "14:00", "+07:00", " ", "Feb", "Thursday", ",",
                  "1:30pm", "last", "year", "(", ")", "and", "W09", "Q1", "..."]
        out, n = [], 0
        while n < size:
            p = rng.choice(pieces)
            out.append(p)
            n += len(p)
        return "".join(out)[:size]
    if kind == "no newlines, no spaces":
        return ("ab,1." * (size // 5 + 1))[:size]
    raise ValueError(kind)


KINDS = ("digits+punct", "one long number", "date-like soup", "no newlines, no spaces")


def timed(fn, text: str, repeat: int = 2) -> float:
    """Best of ``repeat`` runs (the machine is shared); a TimelineError refusal counts."""
    from timeline.errors import TimelineError
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            fn(text)
        except TimelineError:
            pass
        best = min(best, time.perf_counter() - started)
    return best


def stages():
    from timeline.ingest.build import build_article
    from timeline.ingest.readers import read_bytes
    from timeline.ingest.resources import load_resources
    from timeline.schema import load_event_file
    from timeline.tagger import tag

    res = load_resources("en")
    tmp = Path(tempfile.mkdtemp(prefix="adv-bench-"))

    def ingest(text: str):
        build_article(read_bytes(text.encode("utf-8"), "bench.txt", ".txt"), res,
                      default_zone="UTC")

    def tagger(text: str):
        tag(text, DCT, place="Hanoi")

    def record(text: str):
        path = tmp / "bench-event.yaml"
        path.write_text('id: bench-event\ndate: "2019-02-28"\ntitle: Bench\nsummary: |\n  '
                        + text.replace("\n", "\n  ") + "\n", encoding="utf-8")
        load_event_file(path)

    return {"tagger": tagger, "ingest": ingest, "record (YAML check)": record}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    big = int(args.mb * 1_000_000)
    sizes = (big // 4, big)
    fns = stages()
    for fn in fns.values():   # warm up: resources and caches load on first use
        fn(news(20_000))
    print(f"{'stage':22} {'input':24} {'size':>9} {'seconds':>8} {'x news':>7} {'s/MB':>6}")
    for name, fn in fns.items():
        for size in sizes:
            base = timed(fn, news(size))
            print(f"{name:22} {'news (Timeline17)':24} {size:>9} {base:8.2f} {1:7.2f} "
                  f"{base / size * 1e6:6.2f}")
            for kind in KINDS:
                t = timed(fn, hostile(kind, size))
                print(f"{name:22} {kind:24} {size:>9} {t:8.2f} {t / base:7.2f} "
                      f"{t / size * 1e6:6.2f}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
