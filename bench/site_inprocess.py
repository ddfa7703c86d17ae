"""In-process site build timings: `timeline.site.build_site` called directly (no interpreter
start-up, no CLI), on the same generated projects as bench/site_bench.py (which compares
the CLI with Hugo). For each size: a cold build (no cache, empty output), a rebuild with
nothing changed, a rebuild after editing one event's title; wall time and CPU time (this
process plus its render workers), and the home page's gzip size.

    .venv/bin/python bench/site_inprocess.py                  # 1k and 10k events
    .venv/bin/python bench/site_inprocess.py --sizes 1000,10000,100000
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

from timeline.project import Project  # noqa: E402
from timeline.site import build_site  # noqa: E402


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(project: Project, out: Path) -> tuple[float, float, str]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    report = build_site(project, out=out)
    return time.perf_counter() - wall, cpu_seconds() - cpu, report.summary


def bench(n: int, work: Path) -> list[str]:
    root, out = work / f"project-{n}", work / f"site-{n}"
    site_bench.write_timeline_project(root, n)
    project = Project(root)
    rows = []
    for label in ("cold build", "rebuild, nothing changed", "rebuild after one edit"):
        if label == "rebuild after one edit":
            site_bench.write_event_file(root / "content" / "events", n // 2, n,
                                        title="An edited title")
        wall, cpu, summary = timed(project, out)
        written = summary.split("(")[1].split(" files written")[0]
        rows.append(f"| {n:,} | {label} | {wall:.2f} | {cpu:.2f} | {written} |")
        print(rows[-1], file=sys.stderr)
    home = len(gzip.compress((out / "index.html").read_bytes()))
    rows.append(f"| {n:,} | home page, gzip | {home:,} bytes | | |")
    shutil.rmtree(root, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    rows = ["| events | run | wall s | CPU s | files written |", "|---:|---|---:|---:|---:|"]
    with tempfile.TemporaryDirectory(prefix="site-inprocess-") as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            rows += bench(n, Path(tmp))
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print("\n".join(rows))
    print(f"\npeak RSS of one process (this one or a render worker): {peak:.0f} MB")


if __name__ == "__main__":
    main()
