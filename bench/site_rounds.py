"""Cold 10k builds of this code, other checkouts of timeline and Hugo, in alternating
rounds: each round builds once with every one of them, in turn, and the next round in the
reverse order; the medians and minimums over the rounds are printed. On this shared
machine a single best-of-2 run (bench/site_bench.py) can fall on a slow-disk minute for
one tool and a fast one for the other: rounds taken side by side show the spread.

    .venv/bin/python bench/site_rounds.py                              # this code and Hugo
    .venv/bin/python bench/site_rounds.py --rounds 4 base=/tmp/old   # also /tmp/old's code

NAME=DIR: a checkout of other timeline code (`git worktree add /tmp/old COMMIT`). Projects,
pages and runners are bench/site_bench.py's; timeline runs from compiled bytecode, as
there (an installed copy's start-up).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_bench  # noqa: E402  (generators and runners shared with the Hugo comparison)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", nargs="*", metavar="NAME=DIR", help="other timeline checkouts")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    codes: dict[str, Path | None] = {"timeline": None}
    for arg in args.codes:
        name, _, folder = arg.partition("=")
        codes[name] = Path(folder).resolve()
    for code in codes.values():
        site_bench.compile_bytecode(code or site_bench.REPO)
    hugo = site_bench.hugo_binary()
    work = Path(tempfile.mkdtemp(prefix="site-rounds-"))
    try:
        project, pages = work / "project", work / "hugo"
        site_bench.write_timeline_project(project, args.events)
        site_bench.write_hugo_site(pages, args.events)
        runs: dict[str, list[site_bench.Run]] = {name: [] for name in [*codes, "hugo"]}
        for r in range(args.rounds):
            order = [*codes, "hugo"]
            for who in (order if r % 2 == 0 else order[::-1]):
                out = work / f"out-{who}-{r}"
                if who == "hugo":
                    runs[who].append(site_bench.hugo_build(hugo, pages, out))
                else:
                    shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
                    runs[who].append(site_bench.timeline_build(project, out, codes[who]))
            print(f"round {r + 1}: " + ", ".join(f"{k} {v[-1].seconds:.2f}s/{v[-1].cpu:.2f}s CPU"
                                                  for k, v in runs.items())
                  + f" (load {os.getloadavg()[0]:.1f})", file=sys.stderr)
        print(f"{args.events:,} events, cold builds, {args.rounds} alternating rounds:")
        print("| code | wall median s | wall min s | CPU median s |")
        print("|---|---:|---:|---:|")
        for name, done in runs.items():
            wall = [x.seconds for x in done]
            print(f"| {name} | {statistics.median(wall):.2f} | {min(wall):.2f} | "
                  f"{statistics.median(x.cpu for x in done):.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
