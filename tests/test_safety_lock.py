"""Issue 6, safety: one writer per project. A second `extract`/`build` waits for the
project lock (--wait) or refuses naming the holder; two real extract runs at once
leave exactly what one run leaves."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from errcase import SHARED, make_project, no_traceback, run, tree_state

DEMO = SHARED / "articles" / "hanoi-summit"

HOLD = """
import sys, time
from pathlib import Path
from timeline.lock import project_lock
from timeline.project import Project
with project_lock(Project(Path(sys.argv[1])), command=sys.argv[2]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[3]))
"""


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """The demo's two real articles, ingested once with the real CLI."""
    if not DEMO.exists():
        pytest.fail(f"test data missing: {DEMO} (the shared/ folder must sit beside the repo)")
    root = make_project(tmp_path_factory.mktemp("ingested") / "p")
    proc = run(root, "ingest", DEMO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


@pytest.fixture
def project(ingested, tmp_path):
    dest = tmp_path / "p"
    shutil.copytree(ingested / "content", dest / "content")
    return dest


def hold_lock(project, seconds: float, command: str = "extract") -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(project), command, str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


@pytest.mark.parametrize("command", ["extract", "build"])
def test_second_run_refuses_naming_the_holder(project, command):
    holder = hold_lock(project, 60)
    try:
        before = tree_state(project)
        proc = run(project, command, "--wait", "0.5")
        assert proc.returncode == 1
        no_traceback(proc)
        assert f"another timeline run (pid {holder.pid}, `timeline extract`)" in proc.stderr
        assert "--wait" in proc.stderr
        assert tree_state(project) == before
    finally:
        holder.kill()
        holder.wait()


def test_second_run_waits_for_the_lock_then_completes(project):
    holder = hold_lock(project, 2)
    started = time.monotonic()
    proc = run(project, "build", "--wait", "120")
    holder.wait()
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert time.monotonic() - started >= 1.5  # it did wait for the holder
    assert (project / "site" / "index.html").is_file()


def test_two_extract_runs_at_once_corrupt_nothing(project, tmp_path):
    reference = tmp_path / "reference"
    shutil.copytree(project / "content", reference / "content")
    single = run(reference, "extract")
    assert single.returncode == 0, single.stderr
    cmd = [sys.executable, "-m", "timeline", "extract", "--wait", "300"]
    procs = [subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Traceback" not in err
    assert tree_state(project / "content") == tree_state(reference / "content")
    check = run(project, "check")
    assert check.returncode == 0, check.stdout


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def test_killed_parallel_extract_leaves_no_lock_behind(project, tmp_path):
    """kill -9 of `extract --jobs 2` orphans its worker processes; they must not keep the
    project locked (the lock is not inherited across fork)."""
    h1n1 = SHARED / "corpora" / "t17" / "H1N1_bbc" / "articles.jsonl"
    if not h1n1.exists():
        pytest.fail(f"test data missing: {h1n1}")
    sample = tmp_path / "h1n1.jsonl"
    from timeline.extract.driver import BATCH   # articles per worker task
    lines = h1n1.read_text(encoding="utf-8").splitlines(True)[:2 * BATCH + 1]
    sample.write_text("".join(lines), encoding="utf-8")
    assert run(project, "ingest", sample).returncode == 0
    parent = subprocess.Popen([sys.executable, "-m", "timeline", "extract", "--jobs", "2"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while parent.poll() is None and len(workers) < 2 and time.monotonic() < deadline:
        workers = _children(parent.pid)
        time.sleep(0.05)
    try:
        assert parent.poll() is None, "extract finished before its workers were seen"
        parent.kill()
        parent.wait()
        proc = run(project, "build", "--wait", "2")
        assert proc.returncode == 0, proc.stderr
        assert "was interrupted" in proc.stderr
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
