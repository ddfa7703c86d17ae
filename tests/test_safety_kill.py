"""Issue 6, safety: `kill -9` during extract and during build. A real process is killed at
random points (seeded, so a failure can be replayed); afterwards every file is either its
old or its new version (never half-written, never lost), and the next run completes
normally with exactly the result of an uninterrupted run, leaving no temporary files."""
from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from errcase import SHARED, make_project, run, tree_state

DEMO = SHARED / "articles" / "hanoi-summit"
H1N1 = SHARED / "corpora" / "t17" / "H1N1_bbc" / "articles.jsonl"
SEED = 20190228


def start(project: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "timeline", *args], cwd=project,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def kill_after(proc: subprocess.Popen, delay: float) -> bool:
    """SIGKILL ``proc`` ``delay`` s after it started; False when it finished first."""
    deadline = time.monotonic() + delay
    while proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.002)
    if proc.poll() is not None:
        return False
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    return True


def kill_when_written(proc: subprocess.Popen, tree: Path, count: int, since_ns: int) -> bool:
    """SIGKILL ``proc`` as soon as ``count`` files under ``tree`` were (re)written after
    ``since_ns``: a kill in the middle of writing, whatever the machine's speed."""
    while proc.poll() is None:
        written = 0
        # os.walk, not Path.rglob: the build removes stale folders while this looks, and
        # rglob raises FileNotFoundError for a folder gone between listing and entering it
        # (seen under load); os.walk skips it
        for folder, _, names in os.walk(tree):
            for name in names:
                try:
                    if os.stat(os.path.join(folder, name)).st_mtime_ns > since_ns:
                        written += 1
                except FileNotFoundError:
                    continue
        if written >= count:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    return False


def assert_old_or_new(tree: Path, old: dict[str, str], new: dict[str, str]) -> None:
    """Every file is its old or its new version; a file in both versions is never missing."""
    now = {k: v for k, v in tree_state(tree).items() if not _is_tmp(k)}
    for rel, digest in now.items():
        assert digest in (old.get(rel), new.get(rel)), f"{rel} is neither old nor new (half-written?)"
    for rel in set(old) & set(new):
        assert rel in now, f"{rel} was lost"


def _is_tmp(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name.startswith(".") and name.endswith(".tmp")


def no_tmp_files(tree: Path) -> None:
    left = [p for p in tree.rglob(".*.tmp")]
    assert not left, f"temporary files left behind: {left}"


def assert_same_tree(tree: Path, expected: dict[str, str], what: str) -> None:
    now = tree_state(tree)
    differ = sorted(k for k in set(now) | set(expected) if now.get(k) != expected.get(k))
    assert not differ, f"{what}: differs from a full run in {differ}: " + "; ".join(
        f"{k}: {(tree / k).read_text(errors='replace')[:600]!r}" for k in differ if (tree / k).exists())


def restore(snapshot: Path, project: Path, names: tuple[str, ...]) -> None:
    for name in names:
        shutil.rmtree(project / name, ignore_errors=True)
        if (snapshot / name).exists():
            shutil.copytree(snapshot / name, project / name)


# --------------------------------------------------------------------------- extract

def ingested_project(tmp_path: Path, h1n1_articles: int, *more: Path) -> Path:
    """A project holding the first ``h1n1_articles`` BBC H1N1 articles (and ``more``)."""
    for path in (H1N1, *more):
        if not path.exists():
            pytest.fail(f"test data missing: {path} (the shared/ folder must sit beside the repo)")
    project = make_project(tmp_path / "p")
    sample = tmp_path / "h1n1.jsonl"
    sample.write_text("".join(H1N1.read_text(encoding="utf-8").splitlines(True)[:h1n1_articles]),
                      encoding="utf-8")
    assert run(project, "ingest", *more, sample).returncode == 0
    return project


def test_kill_during_extract(tmp_path):
    project = ingested_project(tmp_path, 3, DEMO)
    # a hand-reviewed event that extract must never touch
    reviewed = project / "content" / "events" / "talks-collapse-reviewed.yaml"
    reviewed.write_text('id: talks-collapse-reviewed\ndate: "2019-02-28"\ntitle: Talks collapse\n'
                        "status: reviewed\n", encoding="utf-8")
    snapshot = tmp_path / "before"
    shutil.copytree(project / "content", snapshot / "content")
    old = tree_state(project / "content")

    full = run(project, "extract")
    assert full.returncode == 0, full.stderr
    new = tree_state(project / "content")
    assert len(new) > len(old) + 10, "too few events written to exercise an interruption"
    rng = random.Random(SEED)
    killed, partial = 0, False
    # up to three kills while the record is being written (until one leaves a mix of old
    # and new files, the case that matters), then one at a random moment of the run
    fresh = len(set(new) - set(old))
    for phase in ("write", "write", "write", "any"):
        if phase == "write" and partial:
            continue
        restore(snapshot, project, ("content",))
        since = time.time_ns()
        proc = start(project, "extract")
        if phase == "write":
            hit = kill_when_written(proc, project / "content" / "events",
                                    rng.randint(1, max(1, fresh // 2)), since)
        else:
            hit = kill_after(proc, rng.uniform(0.5, 4))
        killed += hit
        state = tree_state(project / "content")
        written = {k for k in set(new) - set(old) if state.get(k) == new[k]}
        partial |= hit and 0 < len(written) < len(set(new) - set(old))
        assert_old_or_new(project / "content", old, new)
        json.loads((project / "content" / "events" / ".generated.json").read_text()
                   if (project / "content" / "events" / ".generated.json").exists() else "{}")
        again = run(project, "extract")
        assert again.returncode == 0, again.stderr
        assert_same_tree(project / "content", new, f"the run after a kill ({phase}) must end as a full run")
        no_tmp_files(project)
    assert killed >= 1, "the process finished before it could be killed"
    assert partial, "no kill landed while the record was being written"


# --------------------------------------------------------------------------- build

def events(n: int, version: int) -> dict[str, str]:
    """``n`` generated events (version 2 renames all, drops some, adds some)."""
    out = {}
    first = 0 if version == 1 else n // 10
    for i in range(first, n + first):
        day = date(2018, 1, 1) + timedelta(days=i % 700)
        out[f"ev-{i:05d}.yaml"] = (
            f'id: ev-{i:05d}\ndate: "{day.isoformat()}"\ntitle: Event {i}, version {version}\n'
            f"tags: [tag-{i % 13}]\npeople: [Person {i % 7}]\nstatus: reviewed\n")
    return out


def test_kill_during_build(tmp_path):
    project = make_project(tmp_path / "p", events=events(400, 1))
    assert run(project, "build").returncode == 0
    snapshot = tmp_path / "before"
    for name in ("site", ".timeline-cache"):
        if (project / name).exists():
            shutil.copytree(project / name, snapshot / name)
    old = tree_state(project / "site")
    events_dir = project / "content" / "events"
    for p in events_dir.glob("*.yaml"):
        p.unlink()
    for name, text in events(400, 2).items():
        (events_dir / name).write_text(text, encoding="utf-8")
    started = time.monotonic()
    assert run(project, "build").returncode == 0
    duration = time.monotonic() - started
    new = tree_state(project / "site")
    assert old != new
    rng = random.Random(SEED)
    changed = [k for k in set(old) | set(new) if old.get(k) != new.get(k)]
    killed, partial = 0, False
    for attempt in range(3):
        restore(snapshot, project, ("site", ".timeline-cache"))
        if attempt < 2:   # in the middle of writing pages; then at a random moment
            since = time.time_ns()
            proc = start(project, "build")
            killed += kill_when_written(proc, project / "site",
                                        rng.randint(1, len(changed) // 2), since)
        else:
            proc = start(project, "build")
            killed += kill_after(proc, rng.uniform(0.2, 0.9) * duration)
        state = tree_state(project / "site")
        partial |= (any(k in new and state.get(k) == new[k] for k in changed)
                    and any(k in old and state.get(k) == old[k] for k in changed))
        assert_old_or_new(project / "site", old, new)
        again = run(project, "build")
        assert again.returncode == 0, again.stderr
        assert_same_tree(project / "site", new, "the build after a kill must equal a full build")
        no_tmp_files(project)
    assert killed >= 2, "the build finished before it could be killed"
    assert partial, "no kill left a mix of old and new pages"


# --------------------------------------------------------------------------- extract --jobs

def live_processes(stat_field: int, value: int) -> set[int]:
    """The live processes (zombies are not alive) whose /proc/PID/stat field number
    ``stat_field`` (counted after the command: 1 parent, 2 process group) is ``value``."""
    out = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[stat_field]) == value and fields[0] != "Z":
            out.add(int(entry.name))
    return out


def children(pid: int) -> set[int]:
    return live_processes(1, pid)


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2:].split()[0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")
def test_kill_extract_jobs_leaves_no_worker(tmp_path):
    """`kill -9` of `extract --jobs 2` while its workers parse: no worker keeps running
    (left alone, one would finish its batch or wait forever on the dead parent's queue),
    and the record is its old or new version (the workers write nothing themselves)."""
    project = ingested_project(tmp_path, 48)
    old = tree_state(project / "content")
    proc = start(project, "extract", "--jobs", "2")
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while proc.poll() is None and len(workers) < 2 and time.monotonic() < deadline:
        workers |= children(proc.pid)
        time.sleep(0.01)
    assert len(workers) >= 2, "extract --jobs 2 started no worker processes to kill"
    time.sleep(1.5)           # the workers are loading the parser or parsing a batch
    assert proc.poll() is None, "extract finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 3
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    left = sorted(w for w in workers if alive(w))
    for w in left:            # do not leave them running after the test either
        os.kill(w, signal.SIGKILL)
    assert not left, f"worker processes {left} kept running after their parent was killed"
    assert_old_or_new(project / "content", old, old)
    no_tmp_files(project)


# --------------------------------------------------------------------------- Ctrl-C

def in_group(pgid: int) -> set[int]:
    return live_processes(2, pgid)


def ctrl_c(proc: subprocess.Popen, when) -> float | None:
    """Press Ctrl-C (SIGINT to the whole process group, as a terminal does) once ``when()``
    holds; the time it was pressed, or None when extract finished first."""
    while proc.poll() is None and not when():
        time.sleep(0.005)
    if proc.poll() is not None:
        return None
    os.killpg(proc.pid, signal.SIGINT)
    return time.monotonic()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")
def test_ctrl_c_during_extract_jobs_ends_it_at_once(tmp_path):
    """Ctrl-C during `extract --jobs 2` (while the workers start, load the parser, parse,
    and while the record is written) ends it within seconds: exit 130, one line saying what
    was kept, no traceback from any process, no worker left, and the record either as it
    was ("nothing written") or complete. It hung forever about 2 runs in 5 (the exit handler
    joined a queue feeder thread blocked on a pipe to dead workers), and the workers died
    printing KeyboardInterrupt tracebacks."""
    project = ingested_project(tmp_path, 24)
    events_dir = project / "content" / "events"
    old = tree_state(project / "content")

    def workers_for(seconds: float):
        started: list[float] = []

        def when() -> bool:
            if not started and len(children(proc.pid)) >= 2:
                started.append(time.monotonic())
            return bool(started) and time.monotonic() - started[0] >= seconds
        return when

    def writing() -> bool:
        return any(p.suffix == ".yaml" for p in events_dir.iterdir())

    # the moments are fractions of this machine's own time from the workers' start to
    # the end, measured on a copy (fixed seconds missed the parse on a fast machine)
    measure = tmp_path / "measure"
    shutil.copytree(project, measure)
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "extract", "--jobs", "2",
                             "--quiet"], cwd=measure, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    while proc.poll() is None and len(children(proc.pid)) < 2:
        time.sleep(0.005)
    began = time.monotonic()
    assert proc.wait() == 0
    span = time.monotonic() - began
    for moment, when in (("workers started", 0.0), ("loading", 0.15 * span),
                         ("parsing", 0.45 * span), ("writing", None)):
        proc = subprocess.Popen([sys.executable, "-m", "timeline", "extract", "--jobs", "2",
                                 "--quiet"], cwd=project, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)
        pressed = ctrl_c(proc, writing if when is None else workers_for(when))
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            pytest.fail(f"extract hung after Ctrl-C ({moment})")
        assert pressed is not None, f"extract finished before Ctrl-C ({moment})"
        took = time.monotonic() - pressed
        assert took < 5, f"extract took {took:.1f} s to stop after Ctrl-C ({moment})"
        left = in_group(proc.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, f"processes {sorted(left)} kept running after Ctrl-C ({moment})"
        assert proc.returncode == 130, (moment, proc.returncode, out, err)
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("interrupted"), err
        no_tmp_files(project)
        if moment != "writing":
            assert lines[0] == "interrupted; nothing written", (moment, err)
            assert tree_state(project / "content") == old, f"Ctrl-C ({moment}) changed files"
    # the last Ctrl-C came while the record was written: it was finished first, down to
    # .generated.json (written last), which lists exactly the event files there are (a
    # machine slow to deliver the Ctrl-C may see it land just after, as a bare "interrupted")
    state = json.loads((events_dir / ".generated.json").read_text(encoding="utf-8"))
    assert sorted(state) == sorted(p.stem for p in events_dir.glob("*.yaml")) != []
    assert lines[0] in (f"interrupted; after writing all {len(state)} event(s) "
                        "(content/events/ is complete)", "interrupted"), err


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")
def test_ctrl_c_during_a_parallel_build_prints_one_line(tmp_path):
    """Ctrl-C while a build's render workers run: the build stops with exit 130 and one
    line on stderr, no worker prints its KeyboardInterrupt traceback ("Process
    ForkPoolWorker-2:" ... before), none is left running, and the next build completes."""
    project = make_project(tmp_path / "p", events=events(3000, 1))
    proc = subprocess.Popen([sys.executable, "-m", "timeline", "build"],
                            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    pressed = ctrl_c(proc, lambda: len(children(proc.pid)) >= 1)
    try:
        out, err = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("build hung after Ctrl-C")
    assert pressed is not None, "the build finished before its workers started"
    left = in_group(proc.pid)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"processes {sorted(left)} kept running after Ctrl-C"
    assert proc.returncode == 130, (proc.returncode, out, err)
    assert "Traceback" not in err and "Process " not in err, err
    assert len(err.strip().splitlines()) == 1 and err.startswith("interrupted"), err
    no_tmp_files(project)
    again = run(project, "build")
    assert again.returncode == 0, again.stderr
