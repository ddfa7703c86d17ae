"""Ingest + extract throughput on 1,000 real Timeline17 articles, --jobs 1 and --jobs 2.

    make bench-extract      # = .venv/bin/python bench/extract_bench.py [--articles N]

Each run is a fresh project: `timeline ingest <1,000 records>.jsonl` then
`timeline extract --jobs N --quiet`, both as real CLI processes (cold start, spaCy model
load and all). Peak memory is the largest resident set of any process of the run
(ru_maxrss of the children, measured by a wrapper process per run). The floor row is
the time to read the JSON Lines and write every article as a plain file: the I/O no
pipeline can avoid. Target (issue 4): 1,000 articles in under 60 s, peak under 1 GB.
"""
from __future__ import annotations

import argparse
import glob
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
TARGET_SECONDS = 60.0
TARGET_MB = 1024.0


def sample(n: int, out: Path) -> int:
    """``n`` records taken round-robin from every topic/outlet file (sorted: reproducible)."""
    files = sorted(glob.glob(str(T17 / "*" / "articles.jsonl")))
    if not files:
        sys.exit(f"no Timeline17 data under {T17} (shared/ must sit beside the repo)")
    rows = []
    for f in files:
        for i, line in enumerate(Path(f).read_text(encoding="utf-8").splitlines()):
            rows.append((i, f, line))
    rows.sort(key=lambda r: (r[0], r[1]))
    with out.open("w", encoding="utf-8") as fh:
        for _, f, line in rows[:n]:
            record = json.loads(line)
            record["id"] = f"{Path(f).parent.name}-{record['id']}"
            fh.write(json.dumps(record) + "\n")
    return min(n, len(rows))


def one_run(root: Path, data: Path, jobs: int) -> dict:
    """Runs in a wrapper process (see main): ingest, then extract; times and peak RSS."""
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", root / "content" / "site.yaml")
    cli = [sys.executable, "-m", "timeline", "--root", str(root)]
    t0 = time.perf_counter()
    ing = subprocess.run(cli + ["ingest", str(data)], capture_output=True, text=True)
    t1 = time.perf_counter()
    ext = subprocess.run(cli + ["extract", "--jobs", str(jobs), "--quiet"], capture_output=True,
                         text=True)
    t2 = time.perf_counter()
    if ext.returncode or "written" not in ing.stdout:   # ingest exits 1 when it refuses a record
        sys.exit(f"run failed:\n{ing.stderr[-2000:]}\n{ext.stdout[-2000:]}\n{ext.stderr[-2000:]}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"ingest_s": t1 - t0, "extract_s": t2 - t1, "total_s": t2 - t0,
            "cpu_s": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "ingest": ing.stdout.strip().splitlines()[-1],  # refused records are counted there
            "extract": ext.stdout.strip().splitlines()[-1]}


def floor(data: Path, root: Path) -> float:
    t0 = time.perf_counter()
    root.mkdir(parents=True)
    for line in data.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        (root / f"{record['id']}.md").write_text(record["text"], encoding="utf-8")
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--one", nargs=3, metavar=("ROOT", "DATA", "JOBS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(Path(args.one[0]), Path(args.one[1]), int(args.one[2]))))
        return
    with tempfile.TemporaryDirectory(prefix="extract-bench-") as tmp:
        tmp = Path(tmp)
        data = tmp / "t17.jsonl"
        n = sample(args.articles, data)
        rows = [("floor (json + plain write)", {"total_s": floor(data, tmp / "floor")})]
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = subprocess.run([sys.executable, __file__, "--one", str(tmp / f"jobs{jobs}"),
                                  str(data), str(jobs)], capture_output=True, text=True)
            if out.returncode:
                sys.exit(out.stdout + out.stderr)
            rows.append((f"ingest + extract --jobs {jobs}", json.loads(out.stdout)))
    print(f"{n} Timeline17 articles ({args.articles} asked), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print("| run | ingest s | extract s | total s | articles/s | CPU s | peak RSS MB | x 60 s target |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, r in rows:
        total = r["total_s"]
        print(f"| {name} | {r.get('ingest_s', 0):.1f} | {r.get('extract_s', 0):.1f} | {total:.1f} | "
              f"{n / total:,.1f} | {r.get('cpu_s', 0):.1f} | {r.get('peak_mb', 0):.0f} | "
              f"{total / TARGET_SECONDS * 1000 / n:.2f} |")
    for name, r in rows[1:]:
        print(f"{name}: {r['ingest']} / {r['extract']}")


if __name__ == "__main__":
    main()
