"""timeline.workers.WorkerPool (extract --jobs N): what a worker's failure looks like in the
process that started it, and that no worker process outlives the pool."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from timeline.workers import RemoteTraceback, WorkerPool


def children() -> set[int]:
    """This process's child processes, zombies (ended, never reaped) included (Linux)."""
    out: set[int] = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        try:
            out |= {int(pid) for pid in (task / "children").read_text().split()}
        except FileNotFoundError:    # a thread that ended since the listing (seen once)
            continue
    return out


def square(x: int) -> int:
    return x * x


def refuse_three(x: int) -> int:
    if x == 3:
        raise ValueError(f"no {x}")
    return x


def a_lock(x: int):
    return threading.Lock()       # cannot be pickled back to the parent


def fail_to_start() -> None:
    raise LookupError("no language model")


def test_results_come_in_order_and_no_worker_is_left():
    before = children()
    with WorkerPool(2) as pool:
        assert list(pool.map(square, range(20))) == [x * x for x in range(20)]
    assert children() == before


def test_a_workers_error_is_raised_here_with_where_it_came_from():
    before = children()
    with pytest.raises(ValueError, match="no 3") as caught:
        with WorkerPool(2) as pool:
            list(pool.map(refuse_three, range(6)))
    cause = caught.value.__cause__
    assert isinstance(cause, RemoteTraceback) and "refuse_three" in str(cause)
    assert children() == before


def test_a_result_that_cannot_be_pickled_is_named_not_taken_for_a_dead_worker(capfd):
    """It read 'a worker process ended unexpectedly (killed? out of memory?)', and the
    worker printed its own traceback on the way out."""
    with pytest.raises(TypeError) as caught:
        with WorkerPool(2) as pool:
            list(pool.map(a_lock, range(3)))
    assert "pickle" in str(caught.value) and "ended unexpectedly" not in str(caught.value)
    assert "Traceback" not in capfd.readouterr().err


def test_an_initializer_failure_is_raised_for_the_work():
    with pytest.raises(LookupError, match="no language model"):
        with WorkerPool(2, fail_to_start) as pool:
            list(pool.map(square, range(4)))


def test_a_killed_worker_is_reported_not_waited_for():
    import signal
    with pytest.raises(RuntimeError, match="ended unexpectedly"):
        with WorkerPool(1) as pool:
            os.kill(pool._workers[0].pid, signal.SIGKILL)
            list(pool.map(square, range(4)))


def test_ctrl_c_taken_by_another_thread_while_workers_start_leaves_no_worker():
    """extract's progress bar runs a thread (tqdm's monitor) that can take the Ctrl-C
    the main thread blocks while forking; the main thread raised it anyway, right after a
    fork, before the pool knew its worker: that worker was never killed nor reaped (or the
    interrupt was lost, raised inside the fork's own hooks). Here a real SIGINT goes to
    such a thread right after the first fork."""
    import signal
    import socket
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    tripped, wakeup = socket.socketpair()
    wakeup.setblocking(False)
    previous_fd = signal.set_wakeup_fd(wakeup.fileno())
    pending = [True]

    def press() -> None:             # in this process, just after it forked a worker
        if pending:
            pending.pop()
            signal.pthread_kill(other.ident, signal.SIGINT)
            tripped.recv(1)          # the signal has been taken (Python will act on it)

    os.register_at_fork(after_in_parent=press)
    before = children()
    try:
        with pytest.raises(KeyboardInterrupt):
            WorkerPool(2)
    finally:
        pending.clear()
        stop.set()
        signal.set_wakeup_fd(previous_fd)
        tripped.close()
        wakeup.close()
    assert children() == before


def test_without_pthread_sigmask_as_on_windows_the_pool_works(monkeypatch):
    """signal.pthread_sigmask exists only on Unix: extract --jobs 2 stopped at once with
    AttributeError (an internal error) on Windows."""
    import signal
    monkeypatch.delattr(signal, "pthread_sigmask")
    with WorkerPool(2) as pool:
        assert list(pool.map(square, range(6))) == [x * x for x in range(6)]


def test_workers_are_forked_only_on_linux_elsewhere_spawned(monkeypatch):
    """macOS has fork, but a forked child of a process that loaded the system's frameworks
    can crash there (CPython's default is spawn); the spawned workers still answer."""
    import sys

    from timeline.workers import fork_context
    assert fork_context().get_start_method() == "fork"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert fork_context().get_start_method() == "spawn"
    with WorkerPool(2) as pool:
        assert list(pool.map(square, range(6))) == [x * x for x in range(6)]
        started = {worker.pid for worker in pool._workers}
    assert not started & children()    # (spawn also starts multiprocessing's resource tracker)
