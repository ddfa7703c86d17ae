"""Worker processes that end with the process that started them.

A worker left alone after its parent was killed (``kill -9`` of ``extract --jobs N`` or of
a build) goes on with its batch, then waits forever on the dead parent's queue, or writes
pages of the killed run beside those of the next one. Call :func:`die_with_parent` first
thing in every worker (a Pool's or an executor's initializer): on Linux the kernel kills
the worker as soon as its parent dies (``PR_SET_PDEATHSIG``); elsewhere a worker can ask
:func:`orphaned` between pieces of work and stop.

Only for workers whose parent is the process that asked for them: the "fork" (or
"spawn") start method, not "forkserver", whose workers are the server's children.
:func:`fork_context` gives the start method to use.
"""
from __future__ import annotations

import os
import pickle
import sys
from contextlib import contextmanager
from typing import Iterator

_PARENT: int | None = None    # in a worker: the pid of the process that started it


def die_with_parent(parent: int) -> None:
    """Make this worker end when process ``parent`` (the one that started it) ends."""
    global _PARENT
    _PARENT = parent
    if sys.platform.startswith("linux"):
        import ctypes
        import signal
        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)   # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass                              # no prctl: orphaned() remains
    if os.getppid() != parent:                # the parent died before the call above
        os._exit(1)


def worker_started(parent: int) -> None:
    """First thing in every worker: ignore Ctrl-C, which a terminal sends to the whole
    process group (the parent decides and ends its workers; a worker dying of it printed
    its KeyboardInterrupt traceback), then :func:`die_with_parent`. SIGINT is unblocked
    after it is ignored, for a parent that blocked it around the fork (WorkerPool)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):          # not on Windows
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with_parent(parent)


def orphaned() -> bool:
    """Whether this is a worker whose parent has died (where PR_SET_PDEATHSIG is missing)."""
    return _PARENT is not None and os.getppid() != _PARENT


def usable_cores() -> int:
    """The CPUs this process may run on (its affinity, e.g. a container's share), else
    the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                    # not on Linux
        return max(1, os.cpu_count() or 1)


def fork_context():
    """The multiprocessing context whose workers are children of this process: "fork" on
    Linux (workers inherit what is loaded), else "spawn": Windows has no fork, and on
    macOS a forked child of a process that loaded the system's frameworks can crash
    (CPython's own default there is "spawn" since 3.8)."""
    import multiprocessing
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


# --------------------------------------------------------------------------- a pool that stops

class WorkerPool:
    """``jobs`` worker processes for pure work, each fed one item at a time over its own
    pipe; stopped at once by Ctrl-C (or any error) in the process that started it.

        with WorkerPool(jobs, initializer, initargs) as pool:
            for result in pool.map(func, items):     # in the order of ``items``
                ...

    Why not concurrent.futures or multiprocessing.Pool: Ctrl-C reaches the whole process
    group, so their workers died of KeyboardInterrupt (printing tracebacks) while the
    parent's queue feeder thread was blocked writing tasks into a pipe nobody read any
    more; the exit handler joins that thread, so extract hung forever. Here the parent
    writes to a worker only when that worker waits for work (nothing is buffered, no
    feeder thread), workers ignore SIGINT (the parent decides), and leaving the ``with``
    block kills them (they hold nothing that needs saving) and reaps them.
    """

    def __init__(self, jobs: int, initializer=None, initargs: tuple = ()):
        self._context = fork_context()
        self._workers: list = []
        self._conns: list = []
        parent = os.getpid()
        # A Ctrl-C while the workers start is held until every started one is in
        # self._workers (close() reaps them all), then raised. Blocking SIGINT in this
        # thread is not enough for that: another thread (tqdm's monitor, under extract's
        # progress bar) takes the signal and this thread raises it anyway. The block keeps
        # it from a half-started worker: blocked from before the fork until it ignores it.
        with interrupts_held() as interrupted:
            try:
                with sigint_blocked():
                    for _ in range(jobs):
                        self._start(parent, initializer, initargs)
            except BaseException:
                self.close()
                raise
        if interrupted:
            self.close()
            raise KeyboardInterrupt

    def _start(self, parent: int, initializer, initargs: tuple) -> None:
        ours, theirs = self._context.Pipe()
        self._conns.append(ours)
        worker = self._context.Process(target=_serve, daemon=True,
                                       args=(theirs, parent, initializer, initargs))
        try:
            worker.start()
        finally:
            theirs.close()        # the worker's end: its copy is the only one left open
        self._workers.append(worker)

    def __enter__(self) -> "WorkerPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def map(self, func, items):
        """func(item) for every item, computed in the workers, yielded in order."""
        from multiprocessing.connection import wait
        items = list(items)
        done: dict[int, object] = {}
        busy: dict = {}                  # connection -> index of the item it works on
        idle = list(self._conns)
        next_item = next_out = 0
        while next_out < len(items):
            while idle and next_item < len(items):
                conn = idle.pop()
                try:
                    conn.send((func, items[next_item]))
                except OSError:          # not BrokenPipeError: that reads as `| head` closed
                    raise RuntimeError(_DIED) from None
                busy[conn] = next_item
                next_item += 1
            for conn in wait(list(busy)):
                try:
                    ok, value = conn.recv()
                except (EOFError, OSError):
                    raise RuntimeError(_DIED) from None
                if not ok:
                    error, trace = value
                    raise error from RemoteTraceback(trace)
                done[busy.pop(conn)] = value
                idle.append(conn)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1

    def close(self) -> None:
        """Kill and reap the workers (idempotent; a Ctrl-C meanwhile is raised after)."""
        with interrupts_held() as interrupted:
            for worker in self._workers:
                if worker.is_alive():
                    worker.kill()
            for worker in self._workers:
                worker.join()
            for conn in self._conns:
                conn.close()
            self._workers, self._conns = [], []
        if interrupted:
            raise KeyboardInterrupt


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread (and in processes forked meanwhile)."""
    import signal
    if not hasattr(signal, "pthread_sigmask"):     # Windows: a worker ignores it from its start
        yield
        return
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def _serve(conn, parent: int, initializer, initargs: tuple) -> None:
    """A WorkerPool worker: ignore Ctrl-C, then answer (func, item) with (True, result) or
    (False, the exception) until the pipe closes."""
    worker_started(parent)
    failed = None
    try:
        if initializer is not None:
            initializer(*initargs)
    except Exception as exc:
        failed = _portable(exc)
    while True:
        try:
            func, item = conn.recv()
        except (EOFError, OSError):
            return
        if failed is not None:
            answer = (False, failed)
        else:
            try:
                answer = (True, func(item))
            except Exception as exc:
                answer = (False, _portable(exc))
        try:
            conn.send(answer)
        except OSError:            # the parent is gone or closed the pool
            return
        except Exception as exc:   # a result that cannot be pickled (nothing was sent yet):
            conn.send((False, _portable(exc)))   # the caller's error, not a dead worker


_DIED = "a worker process ended unexpectedly (killed? out of memory?)"


class RemoteTraceback(Exception):
    """Where a worker's error was raised (the cause of the error re-raised in the parent)."""

    def __str__(self) -> str:
        return "\n" + self.args[0]


def _portable(exc: Exception) -> tuple[Exception, str]:
    """(the error, its traceback as text), the error replaced by a RuntimeError naming it
    when it cannot be pickled back to the parent."""
    import traceback
    trace = "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    return exc, trace


@contextmanager
def interrupts_held() -> Iterator[list]:
    """A block Ctrl-C does not cut short (e.g. writing a record that must be whole): the
    yielded list holds True afterwards when one came meanwhile. Only the main thread
    receives signals; elsewhere the block runs as it is."""
    import signal
    import threading
    came: list = []
    previous = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or previous is None:
        yield came
        return
    signal.signal(signal.SIGINT, lambda *_: came.append(True))
    try:
        yield came
    finally:
        signal.signal(signal.SIGINT, previous)
