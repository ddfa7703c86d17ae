"""Date selection on Timeline17: do the days `timeline` makes events of match the days
journalists chose for their timelines? Date-F1, the date measure of timeline
summarisation (Martschat & Markert 2018; Gholipour Ghalandari & Ifrim 2020), with two
baselines computed in the same run from the same articles.

    .venv/bin/python bench/t17_datef1.py                 # all folders of ../shared/corpora/t17
    .venv/bin/python bench/t17_datef1.py --folders MJ_bbc,haiti_bbc --jobs 1
    .venv/bin/python bench/t17_datef1.py --folders H1N1_bbc --days   # the days chosen

For each folder: `timeline init`, `timeline ingest <folder>/articles.jsonl` and `timeline
extract` as a user runs them, into a fresh project. Each gold timeline (timelines.jsonl)
then asks for as many days as it lists, inside its first-to-last-day window (the
setting of the published numbers: the length and the window are given). A method ranks
the window's days by how many articles support them and keeps the first ones (ties: the
earlier day); Date-F1 is the F1 of that set against the gold days. Methods:

  events     days of the extracted events (content/events/*.yaml, day precision),
             scored by the distinct articles among the events' sources
  mentions   days any time expression of an article resolves to (the tagger alone, no
             extraction), scored by the articles that name them: the date-frequency
             baseline of the timeline summarisation literature
  published  publication days, scored by the articles published on them

A published reference, not comparable one to one: DATEWISE, Date-F1 0.544 on all of
Timeline17 (Gholipour Ghalandari & Ifrim, ACL 2020: 9 topics, 19 timelines; here 10 of
its topic/outlet folders, one timeline each). DATEWISE is trained across topics on each
topic's pooled articles; here nothing is trained, and the folders are the ones this
project's tagger was read and tuned on (in-sample). Every article of a folder may
support a day of the window, also one published outside it; ties go to the earlier day.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
TIMELINE = REPO / ".venv" / "bin" / "timeline"
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
METHODS = ("events", "mentions", "published")


def gold_timelines(folder: Path) -> list[set[str]]:
    """Each gold timeline of the folder as its set of days."""
    with open(folder / "timelines.jsonl", encoding="utf-8") as f:
        return [{day[:10] for day, _ in json.loads(line)} for line in f if line.strip()]


def event_support(folder: Path, jobs: int, tmp: Path) -> dict[str, set[str]]:
    """Ingest and extract the folder into a fresh project: day -> the articles whose
    events are dated that day."""
    project = tmp / folder.name
    for args in (["init", str(project)], ["--root", str(project), "ingest", str(folder / "articles.jsonl")],
                 ["--root", str(project), "extract", "--jobs", str(jobs), "--quiet"]):
        run = subprocess.run([str(TIMELINE), *args], capture_output=True, text=True)
        # ingest exits 1 when it refused a record (some have no text), having taken the rest
        if run.returncode and not (args[-2] == "ingest" and "ingest:" in run.stdout):
            sys.exit(f"timeline {' '.join(args[-2:])} failed on {folder.name}:\n{run.stdout}{run.stderr}")
    support: dict[str, set[str]] = defaultdict(set)
    for path in (project / "content" / "events").glob("*.yaml"):
        event = yaml.safe_load(path.read_text(encoding="utf-8"))
        day = _DAY.match(str(event["date"]))
        if day:
            support[day.group()].update(s["article"] for s in event.get("sources") or [])
    return support


def mention_and_publication_support(folder: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(day -> articles with an expression resolved to it, day -> articles published on
    it), each article tagged against its publication day as ingest reads it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from t17_diff import articles
    from timeline import tag
    mentions: dict[str, set[str]] = defaultdict(set)
    published: dict[str, set[str]] = defaultdict(set)
    for article in articles([folder.name], None):
        published[article["anchor"]].add(article["key"])
        for e in tag(article["text"], article["anchor"]):
            day = _DAY.match(e.value or "")
            if day:
                mentions[day.group()].add(article["key"])
    return mentions, published


def chosen_days(support: dict[str, set[str]], gold: set[str]) -> list[str]:
    """The len(gold) best-supported days inside the gold window, best first (ties: the
    earlier day)."""
    first, last = min(gold), max(gold)
    ranked = sorted((day for day in support if first <= day <= last),
                    key=lambda day: (-len(support[day]), day))
    return ranked[:len(gold)]


def date_f1(support: dict[str, set[str]], gold: set[str]) -> float:
    """Date-F1 of the len(gold) best-supported days inside the gold window."""
    chosen = set(chosen_days(support, gold))
    hits = len(chosen & gold)
    if not hits:
        return 0.0
    precision, recall = hits / len(chosen), hits / len(gold)
    return 2 * precision * recall / (precision + recall)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folders", help="comma-separated Timeline17 folders (default: all)")
    ap.add_argument("--jobs", type=int, default=2, help="extract --jobs (2)")
    ap.add_argument("--days", action="store_true",
                    help="also list the days the events method chose, with their articles "
                         "and whether the journalists chose them")
    args = ap.parse_args()
    wanted = set(args.folders.split(",")) if args.folders else None
    folders = sorted(p for p in T17.iterdir() if (p / "timelines.jsonl").is_file()
                     and (wanted is None or p.name in wanted)) if T17.is_dir() else []
    if not folders:
        print(f"no Timeline17 folders under {T17}", file=sys.stderr)
        return 1
    scores: dict[str, list[float]] = {m: [] for m in METHODS}
    print(f"{'folder':22} {'days':>5} " + " ".join(f"{m:>9}" for m in METHODS))
    with tempfile.TemporaryDirectory(prefix="t17-datef1-") as tmp:
        for folder in folders:
            support = dict(zip(METHODS, (event_support(folder, args.jobs, Path(tmp)),
                                         *mention_and_publication_support(folder))))
            for gold in gold_timelines(folder):
                row = {m: date_f1(support[m], gold) for m in METHODS}
                for m in METHODS:
                    scores[m].append(row[m])
                print(f"{folder.name:22} {len(gold):5d} " + " ".join(f"{row[m]:9.3f}" for m in METHODS),
                      flush=True)
                if args.days:
                    events = support["events"]
                    for day in chosen_days(events, gold):
                        print(f"    {day} {len(events[day]):4d} articles"
                              f"{'  (gold)' if day in gold else ''}")
                    print(f"    gold days not chosen: "
                          f"{', '.join(sorted(gold - set(chosen_days(events, gold)))) or '-'}")
    n = len(scores["events"])
    print(f"{'mean of ' + str(n) + ' timelines':28} " + " ".join(f"{sum(s) / n:9.3f}" for s in scores.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
