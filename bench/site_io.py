"""The file-system work of a cold site build, measured alone, alternately, in one run:

* writing N pages, each in a new folder of one parent (as events/<id>/index.html): a
  temporary file renamed into place (timeline.atomic.replace_bytes, what a rebuild does)
  against the file written straight to its name (what a cold build does in its staging
  folder: timeline.site.writer.FileWriter with fresh=True);
* reading N event files: open().read() against the os calls (timeline.schema's reader).

    .venv/bin/python bench/site_io.py              # 10k, 3 rounds
    .venv/bin/python bench/site_io.py --files 2000 --rounds 5

Everything happens in a temporary folder under --dir (default: the system's).
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from timeline import schema  # noqa: E402
from timeline.atomic import replace_bytes  # noqa: E402
from timeline.site.writer import FileWriter  # noqa: E402

PAGE = b"x" * 9000          # about an event page


def write_pages(root: Path, n: int, direct: bool) -> float:
    """Seconds to write n pages into n new folders under root/events."""
    (root / "events").mkdir(parents=True)
    files = FileWriter(root, fresh=True)
    started = time.perf_counter()
    for i in range(n):
        rel = f"events/event-{i:06d}/index.html"
        if direct:
            files.put(rel, PAGE)
        else:
            os.mkdir(root / "events" / f"event-{i:06d}")
            replace_bytes(f"{root}{os.sep}{rel}", PAGE, durable=False)
    return time.perf_counter() - started


def read_files(paths: list[str], os_calls: bool) -> float:
    started = time.perf_counter()
    for path in paths:
        if os_calls:
            schema._file_bytes(path)
        else:
            with open(path, "rb") as fh:
                fh.read()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="site-io-", dir=args.dir))
    try:
        events = work / "record"
        events.mkdir()
        paths = []
        for i in range(args.files):
            path = events / f"event-{i:06d}.yaml"
            path.write_text(f'id: event-{i:06d}\ndate: "2019-02-28"\ntitle: Event {i}\n' * 8)
            paths.append(str(path))
        rows = []
        for r in range(args.rounds):     # every other round the other first; nothing is
            ways = [False, True]          # deleted until the end (the disk slows meanwhile)
            took = {direct: write_pages(work / f"{direct}-{r}", args.files, direct)
                    for direct in (ways if r % 2 == 0 else ways[::-1])}
            opened = read_files(paths, os_calls=False)
            os_read = read_files(paths, os_calls=True)
            rows.append((took[False], took[True], opened, os_read))
        print(f"{args.files:,} pages / files, seconds per round, the first way first in odd "
              f"rounds (load {os.getloadavg()[0]:.1f}):")
        print("| round | temporary + rename | straight to its name | open().read() | os.open/os.read |")
        print("|---|---:|---:|---:|---:|")
        for r, row in enumerate(rows, 1):
            print(f"| {r} | " + " | ".join(f"{x:.2f}" for x in row) + " |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
