"""How many of Timeline17's journalist-timeline days the tagger finds: for each topic folder,
the share of the days its gold timelines list (timelines.jsonl) that at least one time
expression in the folder's articles resolves to (a day-precision value, clock times
included). A recall check of the tagger on real news; it says nothing of which events an
extract makes of them. Each missed day is printed with the number of the folder's
articles published on it and the gold timeline's first sentence for it, to read why.

    .venv/bin/python bench/t17_days.py            # all folders of ../shared/corpora/t17
    .venv/bin/python bench/t17_days.py --quiet    # the table only

Articles are detokenised as `timeline ingest` does, and tagged without a place (Timeline17
gives no dateline), against their publication date.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def tagged_days(folder: Path) -> tuple[Counter, Counter]:
    """(days the folder's expressions resolve to, articles published per day)."""
    from t17_diff import articles
    from timeline import tag
    days, published = Counter(), Counter()
    for article in articles([folder.name], None):
        published[article["anchor"]] += 1
        for e in tag(article["text"], article["anchor"]):
            m = _DAY.match(e.value or "")
            if m:
                days[m.group()] += 1
    return days, published


def gold_days(folder: Path) -> dict[str, str]:
    """Each day of the folder's gold timelines -> its first sentence."""
    found: dict[str, str] = {}
    with open(folder / "timelines.jsonl", encoding="utf-8") as f:
        for line in f:
            for day, sentences in json.loads(line):
                found.setdefault(day[:10], sentences[0] if sentences else "")
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quiet", action="store_true", help="print the table only")
    args = ap.parse_args()
    folders = sorted(p for p in T17.iterdir() if (p / "timelines.jsonl").exists()) if T17.exists() else []
    if not folders:
        print(f"no Timeline17 folders under {T17}", file=sys.stderr)
        return 1
    rows, total, hit = [], 0, 0
    for folder in folders:
        days, published = tagged_days(folder)
        gold = gold_days(folder)
        missed = sorted(d for d in gold if d not in days)
        total, hit = total + len(gold), hit + len(gold) - len(missed)
        rows.append((folder.name, len(gold), len(gold) - len(missed)))
        if not args.quiet:
            for day in missed:
                print(f"{folder.name} {day}: missed ({published.get(day, 0)} articles published "
                      f"that day) | {gold[day][:110]}")
    print("\n| folder | timeline days | found | share |\n|---|---:|---:|---:|")
    for name, n, found in rows:
        print(f"| {name} | {n} | {found} | {found / n:.2f} |")
    print(f"| all | {total} | {hit} | {hit / total:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
