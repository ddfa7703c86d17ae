"""CPU of two parts of a cold site build alone, where whole builds are too noisy on a
shared machine to show a 0.1 s change: the exports (``timeline.site.export_files``:
feeds, events.ics, timeline.json, search.json; fresh memo each run) and validating the
event files (``schema.validate_event`` on files already parsed; gc off, as in a build),
on a bench/site_bench.py project. Prints the minimum and median of the runs and an md5
of the export bytes (equal for two codes = the same files).

    .venv/bin/python bench/site_parts.py                          # 10k events
    cd /tmp && PYTHONPATH=/tmp/old /work/main/.venv/bin/python /work/main/bench/site_parts.py

Run it with each code alternately (the first line says which timeline was imported).
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_bench  # noqa: E402  (the generator shared with the Hugo comparison)

import timeline  # noqa: E402
import timeline.site as site  # noqa: E402
from timeline import schema  # noqa: E402
from timeline.project import Project  # noqa: E402
from timeline.site.memo import Fragments  # noqa: E402
from timeline.yamlcheck import parse_yaml  # noqa: E402


def spread(times: list[float], scale: float) -> str:
    times = sorted(times)
    return f"min {times[0] * scale:.1f}, median {times[len(times) // 2] * scale:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--project", type=Path, default=None,
                        help="an existing bench project (default: generate one in a temporary folder)")
    args = parser.parse_args()
    print(f"timeline imported from {Path(timeline.__file__).parent}")
    with tempfile.TemporaryDirectory(prefix="site-parts-") as tmp:
        root = args.project or Path(tmp) / "project"
        if args.project is None:
            site_bench.write_timeline_project(root, args.events)
        project = Project(root)
        config, base = site.load_config(project, None)
        articles, views, _, _ = site.read_record(project, base, "bench", 1)
        gc.disable()
        runs, out = [], []
        for _ in range(args.runs):
            start = time.process_time()
            out = list(site.export_files(config, base, views, articles, Fragments(None, "")))
            runs.append(time.process_time() - start)
        digest = hashlib.md5(b"".join(data for _, data in out)).hexdigest()[:12]
        print(f"exports, {len(views)} events: {spread(runs, 1000)} ms (md5 {digest})")
        files = sorted((root / "content" / "events").glob("*.yaml"))[:3000]
        parsed = [(parse_yaml(f.read_text("utf-8"), str(f)), f) for f in files]
        runs = []
        for _ in range(args.runs):
            start = time.process_time()
            for p, f in parsed:
                schema.validate_event(p, f, str(f))
            runs.append((time.process_time() - start) / len(parsed))
        print(f"validate_event, {len(parsed)} parsed files: {spread(runs, 1e6)} us a file")


if __name__ == "__main__":
    main()
