"""Which Timeline17 expressions a tagger change alters: tag every article with two git
revisions' taggers (the new side by default the working tree) and print each expression
that differs.

    .venv/bin/python bench/t17_diff.py HEAD
    .venv/bin/python bench/t17_diff.py C~1 --new C      # what commit C changed, reproducibly
    .venv/bin/python bench/t17_diff.py HEAD~3 --topics bpoil_bbc,MJ_bbc --limit 50

A revision is checked out with `git worktree add` into a temporary folder (removed at
the end, also on Ctrl-C or SIGTERM) and run in a subprocess with PYTHONPATH pointing
there; the working tree runs the same way from the repository (it is shared: it holds
everyone's uncommitted edits, so a commit message should cite `--new C`). Articles come
from ../shared/corpora/t17/*/articles.jsonl (publication date = "time", the anchor) and
are detokenised first (-LRB- -> "(", " 's" -> "'s"), as `timeline ingest` does before
tagging, so both taggers read the product's text. Timeline17 gives no dateline, so the
articles are tagged without a place: a change to how a dateline's zone is read shows no
difference here.

Each difference is one line: article (folder/id), old -> new (text TYPE value and mod,
quant, freq, zone when set), and the words around it; "-" stands for no expression. A
count summary ends the output, then each side's tagging CPU seconds (the fastest of
--passes N passes over all articles, resources loaded, in its own process): a tagger
change's cost in speed, measured side by side (`--passes 3` for a figure worth citing).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from revisions import REPO, checkouts

T17 = REPO.parent / "shared" / "corpora" / "t17"
FIELDS = ("start", "end", "text", "type", "value", "mod", "quant", "freq", "zone")
WORKING_TREE = "working tree"


def worker(path: str, passes: int) -> None:
    """Tag the articles in ``path`` (JSON lines: key, anchor, text) with the tagger on
    sys.path; print one JSON line [key, expressions] per article, then one with the
    timeline modules it imported from outside the working directory and the CPU seconds
    of its fastest pass over all the articles (``passes`` passes, resources loaded)."""
    from timeline.tagger import default_tagger, tag
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f]
    default_tagger()
    cpu = []
    for _ in range(passes):
        start = time.process_time()
        found = [tag(a["text"], a["anchor"]) for a in docs]
        cpu.append(time.process_time() - start)
    for a, exprs in zip(docs, found):
        print(json.dumps([a["key"], [[getattr(e, k, None) for k in FIELDS] for e in exprs]]))
    # the editable install can serve a module the revision lacks from the repository
    root = os.getcwd() + os.sep
    print(json.dumps({"foreign": sorted(m.__file__ for n, m in list(sys.modules.items())
                                        if n.split(".")[0] == "timeline" and getattr(m, "__file__", None)
                                        and not m.__file__.startswith(root)),
                      "cpu": min(cpu)}))


def articles(topics: list[str] | None, limit: int | None) -> list[dict]:
    """Timeline17's articles as `timeline ingest` reads them (detokenised), folders in
    name order, each {key: "folder/id", folder, index: its line in articles.jsonl, anchor:
    the publication date, text}; ``topics``: only those folders, ``limit``: per folder."""
    if str(REPO) not in sys.path and not os.environ.get("PYTHONPATH"):
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
                out.append({"key": f"{folder.name}/{a['id']}", "folder": folder.name, "index": n,
                            "anchor": a["time"], "text": text})
    return out


def run(root: Path, path: str, passes: int) -> tuple[dict[str, list[tuple]], float]:
    """Expressions by article key, tagged by the tagger under ``root``, and the CPU
    seconds of its fastest pass."""
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.run([sys.executable, __file__, "--worker", path, "--passes", str(passes)],
                          env=env, cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(f"the tagger under {root} failed (exit {proc.returncode})")
    *lines, last = proc.stdout.splitlines()
    info = json.loads(last)
    if info["foreign"]:
        sys.exit(f"the worker imported {info['foreign']}, not the tagger under {root}")
    return {key: [tuple(e) for e in found] for key, found in map(json.loads, lines)}, info["cpu"]


def tag_at(rev: str | None, tmp: str, data: str, passes: int) -> tuple[dict[str, list[tuple]], float]:
    """run() on a checkout of ``rev`` (a git worktree, removed after), or on the working
    tree when ``rev`` is None."""
    with checkouts({"tree": rev}, tmp) as roots:
        return run(roots["tree"], data, passes)


def show(e) -> str:
    if e is None:
        return "-"
    extra = [f"{k}={v}" for k, v in zip(FIELDS[5:], e[5:]) if v]
    return " ".join([repr(e[2]), e[3], e[4], *extra])


def pairs(old: list[tuple], new: list[tuple]):
    """(old, new) for each expression that differs; overlapping spans pair up."""
    old_set, new_set = set(old), set(new)
    gone = [e for e in old if e not in new_set]
    came = [e for e in new if e not in old_set]
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
    ap.add_argument("--new", help="git revision on the new side (default: the working tree)")
    ap.add_argument("--topics", help="comma-separated folders, e.g. bpoil_bbc,MJ_bbc")
    ap.add_argument("--limit", type=int, help="at most N articles per folder")
    ap.add_argument("--context", type=int, default=50, help="characters shown each side")
    ap.add_argument("--passes", type=int, default=1,
                    help="tag every article N times per side and report the fastest pass's CPU")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker, args.passes)
    # SIGTERM as an exception, so the finally clauses remove the worktrees
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    docs = articles(args.topics.split(",") if args.topics else None, args.limit)
    with tempfile.TemporaryDirectory(prefix="t17diff-") as tmp:
        data = str(Path(tmp, "articles.jsonl"))
        Path(data).write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        old, old_cpu = tag_at(args.rev, tmp, data, args.passes)
        new, new_cpu = tag_at(args.new, tmp, data, args.passes)
    keys = [d["key"] for d in docs]
    if list(old) != keys or list(new) != keys:
        sys.exit("a side tagged other articles than it was given")
    counts = {"changed": 0, "added": 0, "removed": 0}
    touched = 0
    for doc, o_list, n_list in zip(docs, old.values(), new.values(), strict=True):
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
          f"{sum(map(len, old.values()))}, {args.new or WORKING_TREE}: {sum(map(len, new.values()))}; "
          f"changed {counts['changed']}, added {counts['added']}, removed {counts['removed']}")
    print(f"tagging CPU s, fastest of {args.passes} pass(es), resources loaded: {args.rev} {old_cpu:.2f}, "
          f"{args.new or WORKING_TREE} {new_cpu:.2f} ({new_cpu / old_cpu:.2f}x); the 1-minute load "
          f"average now is {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
