#!/usr/bin/env python3
"""Ingest benchmark: 1,000 real Timeline17 articles (JSON Lines) -> content/articles.

usage: python bench/ingest_bench.py [--n 1000] [--no-readme]     (make bench-ingest)

Rows, all on the same records in one run:
  floor        json.loads + write the raw text to one file each (no detection): what
               any ingest must pay at least; the ratio column is against this floor;
  parse        timeline.ingest.parse_record in-process (detection, no writing): the
               library call the extract benchmark uses;
  records      timeline.ingest.ingest_records in-process (dedupe, atomic writes);
  cli          `timeline ingest FILE.jsonl` as a cold subprocess (imports included),
               with its peak memory (ru_maxrss of the child).
The table goes into bench/README.md under "## Ingest (Timeline17)".
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
T17 = REPO.parent / "shared" / "corpora" / "t17"
SECTION = "## Ingest (Timeline17)"
COMMAND = "make bench-ingest   # = .venv/bin/python bench/ingest_bench.py"


def sample(n: int, work: Path) -> Path:
    lines: list[str] = []
    for path in sorted(T17.glob("*/articles.jsonl")):
        lines += [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    if len(lines) < n:
        sys.exit(f"only {len(lines)} records under {T17}")
    out = work / "t17-sample.jsonl"
    out.write_text("\n".join(lines[:n]) + "\n", encoding="utf-8")
    return out


def project(work: Path, name: str) -> Path:
    root = work / name
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", root / "content" / "site.yaml")
    return root


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--no-readme", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO))
    from timeline.ingest import ingest_records, parse_record
    from timeline.project import Project

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = sample(args.n, work)
        records = [json.loads(ln) for ln in data.read_text(encoding="utf-8").splitlines()]

        t = time.perf_counter()
        floor_dir = work / "floor"
        floor_dir.mkdir()
        for i, ln in enumerate(data.read_text(encoding="utf-8").splitlines()):
            (floor_dir / f"{i}.md").write_text(json.loads(ln).get("text", ""), encoding="utf-8")
        rows.append(("floor (json + plain write)", time.perf_counter() - t, None))

        parse_record(records[0])                          # resources, gazetteer loaded once
        t = time.perf_counter()
        for i, rec in enumerate(records):
            try:
                parse_record(rec, f"r:{i}")
            except Exception:                              # empty records are refused
                pass
        rows.append(("parse_record (in-process, no writes)", time.perf_counter() - t, None))

        root = project(work, "records")
        t = time.perf_counter()
        written, _ = ingest_records(Project(root), records)
        rows.append((f"ingest_records (in-process, {len(written)} written)",
                     time.perf_counter() - t, None))

        root = project(work, "cli")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "timeline", "ingest", "--root", str(root),
                        str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - t
        peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
        rows.append(("timeline ingest (CLI, cold process)", elapsed, peak))

    floor = rows[0][1]
    lines = [f"{args.n} Timeline17 records, {os.cpu_count()} CPUs (shared machine).", "",
             "| run | seconds | articles/s | x floor time | peak RSS MB |",
             "|---|---:|---:|---:|---:|"]
    for name, secs, peak in rows:
        lines.append(f"| {name} | {secs:.2f} | {args.n / secs:,.0f} | {secs / floor:.1f} | "
                     f"{f'{peak:.0f}' if peak else ''} |")
    lines += ["", "ingest_records and the CLI include duplicate checks and one atomic, fsync'd "
              "write per article (store.atomic_write); parse_record is the detection alone. "
              "Records without text are refused, same-text records reported as duplicates."]
    table = "\n".join(lines)
    print(table)
    if not args.no_readme:
        readme = REPO / "bench" / "README.md"
        text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
        block = f"{SECTION}\n\nCommand: `{COMMAND}`\n\n{table}\n"
        if SECTION in text:
            start = text.index(SECTION)
            end = text.find("\n## ", start + len(SECTION))
            text = text[:start] + block + (text[end + 1:] if end != -1 else "")
        else:
            text = text.rstrip("\n") + "\n\n" + block
        readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
