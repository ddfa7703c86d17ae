"""In-process site build timings: `timeline.site.build_site` called directly (no interpreter
start-up, no CLI), on the same generated projects as bench/site_bench.py (which compares
the CLI with Hugo). For each size: a cold build (no cache, empty output), a rebuild with
nothing changed, a rebuild after editing one event's title; wall time and CPU time (this
process plus its render workers), and the home page's gzip size.

    .venv/bin/python bench/site_inprocess.py                  # 1k and 10k events
    .venv/bin/python bench/site_inprocess.py --sizes 1000,10000,100000
    .venv/bin/python bench/site_inprocess.py --sizes 10000 --jobs 1 --rounds 3   # CPU, one core

``--jobs 1`` builds in this process alone: its user CPU seconds are the steadiest figure
on a shared machine (no second process competing for the same core, no kernel time in
the column). To compare with other code, run it with that checkout first on PYTHONPATH
(``PYTHONPATH=/tmp/old .venv/bin/python bench/site_inprocess.py ...``: the first line
says which timeline was imported) and alternate the two.
"""
from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_bench  # noqa: E402  (the generator shared with the Hugo comparison)

import timeline  # noqa: E402
from timeline.project import Project  # noqa: E402
from timeline.site import build_site  # noqa: E402


def cpu_seconds() -> tuple[float, float]:
    """(user, system) CPU seconds of this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + kids.ru_utime, own.ru_stime + kids.ru_stime


def timed(project: Project, out: Path, jobs: int | None) -> tuple[float, float, float, str]:
    """Wall, user CPU and system CPU seconds of one build, and its summary."""
    wall, (user, system) = time.perf_counter(), cpu_seconds()
    report = build_site(project, out=out, jobs=jobs)
    user2, system2 = cpu_seconds()
    return time.perf_counter() - wall, user2 - user, system2 - system, report.summary


def bench(n: int, work: Path, jobs: int | None, rounds: int) -> list[str]:
    root = work / f"project-{n}"
    site_bench.write_timeline_project(root, n)
    project = Project(root)
    rows = []
    for r in range(rounds):
        # each round cold: no cache, a fresh output folder (the old one is left: deleting
        # 10k files right before a build slows the build's own writes on this disk)
        shutil.rmtree(root / ".timeline-cache", ignore_errors=True)
        out = work / f"site-{n}-{r}"
        for label in ("cold build", "rebuild, nothing changed", "rebuild after one edit"):
            if label == "rebuild after one edit":
                site_bench.write_event_file(root / "content" / "events", n // 2, n,
                                            title=f"An edited title {r}")
            wall, user, system, summary = timed(project, out, jobs)
            written = summary.split("(")[1].split(" files written")[0]
            rows.append(f"| {n:,} | {label} | {wall:.2f} | {user + system:.2f} | {user:.2f} "
                        f"| {system:.2f} | {written} |")
            print(rows[-1], file=sys.stderr)
    home = len(gzip.compress((out / "index.html").read_bytes()))
    rows.append(f"| {n:,} | home page, gzip | {home:,} bytes | | | | |")
    return rows       # the temporary folder goes at the end, with everything in it


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--jobs", type=int, default=None,
                        help="processes per build (default: one per core); 1 = this one alone")
    parser.add_argument("--rounds", type=int, default=1, help="cold build + rebuilds, this often")
    args = parser.parse_args()
    print(f"timeline imported from {Path(timeline.__file__).parent}", file=sys.stderr)
    rows = ["| events | run | wall s | CPU s | user s | system s | files written |",
            "|---:|---|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="site-inprocess-") as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            rows += bench(n, Path(tmp), args.jobs, args.rounds)
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print("\n".join(rows))
    print(f"\npeak RSS of one process (this one or a render worker): {peak:.0f} MB")


if __name__ == "__main__":
    main()
