"""Peak memory (and time) of one cold `timeline build` per commit, on one generated
project: how the memory figures behind a change are bisected. Each commit is checked out
into a git worktree under the work folder and run as `python -m timeline build` from
there (run from its folder, that checkout's package is the one imported), measured like
bench/site_bench.py (peak PSS of the process tree, sampled every 50 ms).

    .venv/bin/python bench/site_peak_by_commit.py --events 100000 0bda697 a61b0ff HEAD
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_bench  # noqa: E402  (the generator and the measuring shared with the Hugo comparison)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commits", nargs="+")
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="site-peak-") as tmp:
        work = Path(tmp)
        root, out = work / "project", work / "site"
        site_bench.write_timeline_project(root, args.events)
        for commit in args.commits:
            tree = work / f"tree-{commit}"
            subprocess.run(["git", "-C", str(site_bench.REPO), "worktree", "add", "--detach", "-f",
                            str(tree), commit], check=True, capture_output=True)
            try:
                shutil.rmtree(root / ".timeline-cache", ignore_errors=True)
                shutil.rmtree(out, ignore_errors=True)
                run = site_bench.measure([sys.executable, "-m", "timeline", "build", "--root", str(root),
                                          "--out", str(out)], cwd=tree)
                print(f"{commit}: {args.events:,} events, cold build {run.seconds:.2f} s, "
                      f"CPU {run.cpu:.2f} s, peak {run.peak_mb:.0f} MB", flush=True)
            finally:
                subprocess.run(["git", "-C", str(site_bench.REPO), "worktree", "remove", "--force",
                                str(tree)], capture_output=True)


if __name__ == "__main__":
    main()
