"""Which Timeline17 expressions a tagger change alters: tag every article with a git
revision's tagger and with the working tree's, and print each expression that differs.

    .venv/bin/python bench/t17_diff.py HEAD
    .venv/bin/python bench/t17_diff.py HEAD~3 --topics bpoil_bbc,MJ_bbc --limit 50

The revision is checked out with `git worktree add` into a temporary folder (removed at
the end) and run in a subprocess with PYTHONPATH pointing there; the working tree runs
the same way from the repository. Articles come from ../shared/corpora/t17/*/articles.jsonl
(publication date = "time", the anchor) and are detokenised first (-LRB- -> "(", " 's"
-> "'s"), as `timeline ingest` does before tagging, so both taggers read the product's text.

Each difference is one line: article (folder/id), old -> new (text TYPE value [zone]),
and the words around it; "-" stands for no expression. A count summary ends the output.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
FIELDS = ("start", "end", "text", "type", "value", "zone")


def worker(path: str) -> None:
    """Tag the articles in ``path`` (JSON lines: key, anchor, text) with the tagger on
    sys.path; print one JSON list of expressions per article."""
    from timeline.tagger import tag
    print(json.dumps({"tagger": __import__("timeline").__file__}))
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            print(json.dumps([[getattr(e, k) for k in FIELDS] for e in tag(a["text"], a["anchor"])]))


def articles(topics: list[str] | None, limit: int | None) -> list[dict]:
    sys.path.insert(0, str(REPO))
    from timeline.ingest.detok import detokenise, is_tokenised
    out = []
    for folder in sorted(T17.iterdir()):
        if not (folder / "articles.jsonl").is_file() or topics and folder.name not in topics:
            continue
        with open(folder / "articles.jsonl", encoding="utf-8") as f:
            for n, line in enumerate(f):
                if limit is not None and n >= limit:
                    break
                a = json.loads(line)
                text = detokenise(a["text"]) if is_tokenised(a["text"]) else a["text"]
                out.append({"key": f"{folder.name}/{a['id']}", "anchor": a["time"], "text": text})
    return out


def run(root: Path, path: str) -> list[list]:
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, __file__, "--worker", path], env=env, cwd=root,
                          capture_output=True, text=True, check=True)
    lines = proc.stdout.splitlines()
    used = json.loads(lines[0])["tagger"]
    if not used.startswith(str(root)):
        sys.exit(f"the worker imported {used}, not the tagger under {root}")
    return [[tuple(e) for e in json.loads(line)] for line in lines[1:]]


def show(e) -> str:
    if e is None:
        return "-"
    return f"{e[2]!r} {e[3]} {e[4]}" + (f" {e[5]}" if e[5] else "")


def pairs(old: list[tuple], new: list[tuple]):
    """(old, new) for each expression that differs; overlapping spans pair up."""
    gone = [e for e in old if e not in set(new)]
    came = [e for e in new if e not in set(old)]
    for o in gone:
        match = next((n for n in came if n[0] < o[1] and o[0] < n[1]), None)
        if match is not None:
            came.remove(match)
        yield o, match
    for n in came:
        yield None, n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", nargs="?", default="HEAD", help="git revision to compare with (HEAD)")
    ap.add_argument("--topics", help="comma-separated folders, e.g. bpoil_bbc,MJ_bbc")
    ap.add_argument("--limit", type=int, help="at most N articles per folder")
    ap.add_argument("--context", type=int, default=50, help="characters shown each side")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker)
    docs = articles(args.topics.split(",") if args.topics else None, args.limit)
    with tempfile.TemporaryDirectory(prefix="t17diff-") as tmp:
        data = Path(tmp, "articles.jsonl")
        data.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        tree = Path(tmp, "rev")
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), args.rev],
                       cwd=REPO, check=True)
        try:
            old = run(tree, str(data))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=True)
        new = run(REPO, str(data))
    counts = {"changed": 0, "added": 0, "removed": 0}
    touched = 0
    for doc, o_list, n_list in zip(docs, old, new):
        diffs = list(pairs(o_list, n_list))
        touched += bool(diffs)
        for o, n in diffs:
            counts["changed" if o and n else "removed" if o else "added"] += 1
            e = o or n
            text = doc["text"]
            ctx = (text[max(0, e[0] - args.context):e[0]] + "[" + text[e[0]:e[1]] + "]"
                   + text[e[1]:e[1] + args.context]).replace("\n", " ")
            print(f"{doc['key']} ({doc['anchor']}): {show(o)} -> {show(n)}  | {ctx}")
    print(f"\n{len(docs)} articles, {touched} with differences; expressions {args.rev}: "
          f"{sum(map(len, old))}, working tree: {sum(map(len, new))}; "
          f"changed {counts['changed']}, added {counts['added']}, removed {counts['removed']}")


if __name__ == "__main__":
    main()
