"""One-edit rebuilds at 10k events through the CLI, this code against another checkout,
interleaved (A, B, A, B, ...) so that both see the same moments of a shared machine.

    git worktree add /tmp/old <commit>
    .venv/bin/python bench/site_rebuild_ab.py /tmp/old [--events 10000] [--rounds 5]

Each side builds its own copy of the same generated project (bench/site_bench.py's
generator) into its own output, once to warm its caches; then each round edits one
event's title in both copies and runs `python -m timeline build` once per side, the old
code first on PYTHONPATH and as the working directory (so it is what `-m timeline`
imports). Reported per side: wall seconds and CPU seconds (user + system, from os.wait4)
of each build, their median and minimum, and the new/old ratio of the medians.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_bench  # noqa: E402  (the generator shared with the Hugo comparison)

REPO = Path(__file__).resolve().parent.parent


def build(code: Path, project: Path, out: Path) -> tuple[float, float]:
    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "build", "--root", str(project),
                             "--out", str(out)], cwd=code, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build with {code} failed:\n{output[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="a checkout of the code to compare with")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    sides = {"old": args.old.resolve(), "new": REPO}
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    with tempfile.TemporaryDirectory(prefix="site-rebuild-ab-") as tmp:
        for name, code in sides.items():
            project = Path(tmp) / name
            site_bench.write_timeline_project(project, args.events)
            build(code, project, Path(tmp) / f"{name}-site")          # cold, fills the caches
        for n in range(args.rounds):
            for name, code in sides.items():
                project = Path(tmp) / name
                site_bench.write_event_file(project / "content" / "events", args.events // 2,
                                            args.events, title=f"Edited title {n}")
                runs[name].append(build(code, project, Path(tmp) / f"{name}-site"))
                print(f"round {n + 1} {name}: {runs[name][-1][0]:.2f} s wall, "
                      f"{runs[name][-1][1]:.2f} s CPU", file=sys.stderr)
    print(f"| code | wall s (median, min) | CPU s (median, min) |  ({args.events:,} events, "
          f"{args.rounds} rounds, load average {os.getloadavg()[0]:.1f})")
    print("|---|---:|---:|")
    med = {}
    for name, code in sides.items():
        walls, cpus = zip(*runs[name])
        med[name] = statistics.median(walls), statistics.median(cpus)
        print(f"| {name} ({code}) | {med[name][0]:.2f}, {min(walls):.2f} | "
              f"{med[name][1]:.2f}, {min(cpus):.2f} |")
    print(f"new/old: wall {med['new'][0] / med['old'][0]:.2f}, CPU {med['new'][1] / med['old'][1]:.2f}")


if __name__ == "__main__":
    main()
