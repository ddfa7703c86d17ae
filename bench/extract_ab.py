"""What an extract, ingest or tagger change does to the events: ingest and extract a
fixed Timeline17 sample with two git revisions' code and print every event source whose
title or date differs (keyed by its quote and time expression, so an article renamed by a
new title does not count as a change).

    .venv/bin/python bench/extract_ab.py HEAD                   # against the working tree
    .venv/bin/python bench/extract_ab.py HEAD~3 --new HEAD --per-folder 40
    .venv/bin/python bench/extract_ab.py HEAD --folders MJ_bbc,bpoil_reuters,haiti_bbc --per-folder 0

The last line ends with each side's count of `conflicts` entries and of the events that
hold them (--per-folder 0: every record of the folders).

The sample: the first --per-folder records (40) of the eight folders H1N1_bbc,
H1N1_guardian, H1N1_reuters, MJ_bbc, bpoil_bbc, bpoil_guardian, bpoil_reuters,
haiti_bbc, ids prefixed by their folder (--folders to change). A revision runs from a
`git worktree` checkout (removed at the end) through PYTHONPATH with this checkout's
virtualenv, in a project `timeline init` makes, each process from its own checkout (the current folder would come first on
sys.path) and refusing one that imported another timeline.
"""
from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from revisions import REPO, checkouts, cli

T17 = REPO.parent / "shared" / "corpora" / "t17"
FOLDERS = ("H1N1_bbc", "H1N1_guardian", "H1N1_reuters", "MJ_bbc", "bpoil_bbc", "bpoil_guardian",
           "bpoil_reuters", "haiti_bbc")


def sample(folders, per_folder: int, path: Path) -> int:
    """Write the sample as JSON Lines; the number of records."""
    n = 0
    with open(path, "w", encoding="utf-8") as out:
        for folder in folders:
            with open(T17 / folder / "articles.jsonl", encoding="utf-8") as f:
                for line, _ in zip(f, range(per_folder) if per_folder > 0 else itertools.count()):
                    record = json.loads(line)
                    record["id"] = f"{folder}-{record['id']}"
                    out.write(json.dumps(record) + "\n")
                    n += 1
    return n


def events(root: Path, data: Path, project: Path) -> tuple[dict[tuple, tuple], int, int]:
    """Ingest and extract ``data`` into a new project with ``root``'s code: (quote,
    expression) -> (title, date) of each event source; the number of `conflicts` entries
    and of the events holding them."""
    for command in (["init", str(project)], ["--root", str(project), "ingest", str(data)],
                    ["--root", str(project), "extract", "--quiet"]):
        run = subprocess.run(cli(root, *command),
                             cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
                             capture_output=True, text=True)
        summary = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
        # ingest exits 1 when it refused a record (the sample has one with no text)
        if run.returncode and not (command[-2] == "ingest" and summary.startswith("ingest:")):
            sys.exit(f"{root}: timeline {' '.join(command[-2:])} failed:\n{run.stdout}{run.stderr}")
        if command[0] != "init":
            print(f"{root.name}: {summary}", file=sys.stderr)
    found, entries, holding = {}, 0, 0
    for path in sorted((project / "content" / "events").glob("*.yaml")):
        event = yaml.safe_load(path.read_text(encoding="utf-8"))
        for source in event["sources"]:
            found[(source["quote"], source.get("expression", ""))] = (event["title"], str(event["date"]))
        entries += len(event.get("conflicts") or ())
        holding += bool(event.get("conflicts"))
    return found, entries, holding


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="git revision on the old side")
    ap.add_argument("--new", help="git revision on the new side (default: the working tree)")
    ap.add_argument("--per-folder", type=int, default=40, help="records per folder (40; 0: all)")
    ap.add_argument("--folders", help="comma-separated Timeline17 folders (the eight above)")
    args = ap.parse_args()
    folders = args.folders.split(",") if args.folders else FOLDERS
    with tempfile.TemporaryDirectory(prefix="extract-ab-") as tmp:
        data = Path(tmp, "sample.jsonl")
        n = sample(folders, args.per_folder, data)
        with checkouts({"old": args.rev, "new": args.new}, tmp) as roots:
            sides = {side: events(root, data, Path(tmp, "project-" + side)) for side, root in roots.items()}
    (old, old_entries, old_holding), (new, new_entries, new_holding) = sides["old"], sides["new"]
    changed = [k for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    for quote, expression in changed:
        print(f"- {old.get((quote, expression))}\n+ {new.get((quote, expression))}\n"
              f"  [{expression}] {quote[:260]}\n")
    print(f"{n} records; {len(changed)} sources changed of {len(old)} ({args.rev}) and "
          f"{len(new)} ({args.new or 'working tree'}); conflicts entries {old_entries} in "
          f"{old_holding} events -> {new_entries} in {new_holding}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
