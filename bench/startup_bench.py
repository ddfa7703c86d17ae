#!/usr/bin/env python3
"""Start-up benchmark: what a cold `timeline` process costs before and after a change.

usage: python bench/startup_bench.py [--before REV] [--runs N]

Runs the same commands with the code of git revision REV (`git archive`, put first on
PYTHONPATH) and with the working tree, N times each, and prints the fastest run's CPU
seconds (user + system of the process and its children: what other jobs on a shared
machine inflate least) and wall seconds:

  - import the tagger, load its resources, tag one phrase (`python -c`)
  - `timeline tag` on one short plain-text file, and on all 256 TBAQ documents
  - the three steps of `make site` on a copy of the demo project (each revision's content/)

The working tree runs twice: with its user cache warm (a private, pre-filled
TIMELINE_CACHE_DIR: every run after the first) and empty (a fresh one per run: the first
run after installing or after the tagger's resources changed).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TBAQ = SHARED / "corpora" / "tbaq"
TE3 = SHARED / "tools" / "te3"
PY = str(REPO / ".venv" / "bin" / "python")


def children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), children_cpu()
    subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0, children_cpu() - c0


def steps(work: Path, tbaq_in: Path) -> list[tuple[str, list[str]]]:
    short = work / "short.txt"
    short.write_text("Trump left Hanoi before 1:30pm local time on Thursday, Feb 28.\n",
                     encoding="utf-8")
    files = [str(p) for p in sorted(tbaq_in.iterdir())]
    demo = work / "demo"
    return [
        ("import + load + tag one phrase", [PY, "-c", "from timeline.tagger import tag; "
                                            "tag('Feb 8', '2019-02-28')"]),
        ("`timeline tag` one short file", [PY, "-m", "timeline", "tag", str(short), "--dct",
                                           "2019-02-28", "--place", "Hanoi"]),
        ("`timeline tag` all of TBAQ (256 docs)", [PY, "-m", "timeline", "tag", *files, "--out",
                                                   str(work / "tagged")]),
        ("make site: `timeline extract --quiet`", [PY, "-m", "timeline", "extract", "--quiet",
                                                   "--root", str(demo)]),
        ("make site: `timeline check`", [PY, "-m", "timeline", "check", "--root", str(demo)]),
        ("make site: `timeline build`", [PY, "-m", "timeline", "build", "--root", str(demo)]),
    ]


def measure(label: str, env: dict, work: Path, tbaq_in: Path, runs: int, fresh_cache: bool,
            content: Path) -> dict:
    demo = work / "demo"
    shutil.rmtree(demo, ignore_errors=True)
    shutil.copytree(content, demo / "content")
    out = {}
    for name, cmd in steps(work, tbaq_in):
        best_wall, best_cpu = float("inf"), float("inf")
        for _ in range(runs):
            shutil.rmtree(work / "tagged", ignore_errors=True)
            run_env = env
            if fresh_cache:
                run_env = {**env, "TIMELINE_CACHE_DIR": tempfile.mkdtemp(dir=work, prefix="cache-")}
            wall, cpu = timed(cmd, run_env, work)
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        out[name] = (best_wall, best_cpu)
        print(f"{label:28s} {name:40s} cpu {best_cpu:.2f} s  wall {best_wall:.2f} s", flush=True)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--before", default="0aaacdb", help="git revision to compare with")
    ap.add_argument("--runs", type=int, default=5, help="runs per step (the fastest counts)")
    args = ap.parse_args(argv)
    if not (TBAQ / "TimeBank").exists():
        raise SystemExit(f"error: {TBAQ} missing (../shared must sit beside the repo)")
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        work = Path(tmp)
        tbaq_in = work / "tbaq"
        for part in ("TimeBank", "AQUAINT"):
            subprocess.run([sys.executable, str(TE3 / "te3io.py"), "strip", str(TBAQ / part),
                            str(work / part)], check=True, stdout=subprocess.DEVNULL)
            tbaq_in.mkdir(exist_ok=True)
            for p in (work / part).iterdir():
                p.rename(tbaq_in / p.name)
        old = work / "before"
        old.mkdir()
        # the code with its theme (timeline/theme links to templates/) and its own demo content
        archive = subprocess.run(["git", "archive", args.before, "timeline", "templates", "content"],
                                 cwd=REPO, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive, check=True)
        base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        warm = work / "warm-cache"
        subprocess.run([PY, "-c", "from timeline.tagger import tag; from timeline.places import "
                        "lookup; tag('Feb 8', '2019-02-28'); lookup('Hanoi')"], check=True,
                       env={**base, "TIMELINE_CACHE_DIR": str(warm)})
        rev = subprocess.run(["git", "rev-parse", "--short", args.before], cwd=REPO, check=True,
                             capture_output=True, text=True).stdout.strip()
        results = {
            f"before ({rev})": measure(f"before ({rev})", {**base, "PYTHONPATH": str(old)}, work,
                                       tbaq_in, args.runs, False, old / "content"),
            "after, user cache warm": measure("after, cache warm", {**base, "TIMELINE_CACHE_DIR":
                                                                    str(warm)}, work, tbaq_in,
                                              args.runs, False, REPO / "content"),
            "after, user cache empty": measure("after, cache empty", base, work, tbaq_in,
                                               args.runs, True, REPO / "content"),
        }
    names = list(next(iter(results.values())))
    cols = list(results)
    print("\n| step | " + " | ".join(f"{c}: CPU s (wall s)" for c in cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for n in names:
        print(f"| {n} | " + " | ".join(f"{results[c][n][1]:.2f} ({results[c][n][0]:.2f})"
                                       for c in cols) + " |")
    print(f"\nfastest of {args.runs} runs each; 1-minute load average at the end: "
          f"{os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
