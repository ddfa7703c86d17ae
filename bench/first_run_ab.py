"""Whether a change made the tagger's first run slower: cold `timeline tag` processes over
all of TBAQ, each with an empty user cache (as `make bench-tagger`'s first-run row), for
two git revisions in turn, and their CPU seconds side by side.

    .venv/bin/python bench/first_run_ab.py 1c5d7f0              # against the working tree
    .venv/bin/python bench/first_run_ab.py 1c5d7f0 --new HEAD --rounds 8

`make bench-tagger` compares with HeidelTime measured in the same run, but on a shared
machine every system's CPU seconds move with the host's state from one run to the next;
alternating two revisions in the same minutes tells the code's cost from the machine's.
A revision runs from a `git worktree` checkout (removed at the end) through PYTHONPATH,
with this checkout's virtualenv; each process checks it imported that revision.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from revisions import checkouts, cli
from tagger_bench import TBAQ, TE3, strip_gold

def cold_cpu(root: Path, files: list[str], out: Path) -> float:
    """CPU seconds (user + system) of one `timeline tag` process of ``root``'s code with
    an empty user cache."""
    with tempfile.TemporaryDirectory(prefix="first-run-cache-") as empty:
        env = {**os.environ, "TIMELINE_CACHE_DIR": empty, "PYTHONPATH": str(root)}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cli(root, "tag", *files, "--out", str(out)),
                       check=True, stdout=subprocess.DEVNULL, env=env, cwd=root)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="git revision on the old side")
    ap.add_argument("--new", help="git revision on the new side (default: the working tree)")
    ap.add_argument("--rounds", type=int, default=8, help="alternations (default 8)")
    args = ap.parse_args()
    for p in (TBAQ / "TimeBank", TBAQ / "AQUAINT", TE3 / "te3io.py"):
        if not p.exists():
            sys.exit(f"missing {p} (../shared)")
    with tempfile.TemporaryDirectory(prefix="first-run-ab-") as tmp:
        files = [str(p) for p in sorted(strip_gold(Path(tmp)).iterdir())]
        with checkouts({"old": args.rev, "new": args.new}, tmp) as roots:
            cpu = {"old": [], "new": []}
            for _ in range(args.rounds):
                for side in ("old", "new"):
                    cpu[side].append(cold_cpu(roots[side], files, Path(tmp, "out-" + side)))
    names = {"old": args.rev, "new": args.new or "working tree"}
    for side in ("old", "new"):
        runs = " ".join(f"{c:.2f}" for c in cpu[side])
        print(f"{names[side]}: min {min(cpu[side]):.2f} s, median {statistics.median(cpu[side]):.2f} s ({runs})")
    print(f"new / old: min {min(cpu['new']) / min(cpu['old']):.2f}x, median "
          f"{statistics.median(cpu['new']) / statistics.median(cpu['old']):.2f}x; "
          f"1-minute load average now {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
