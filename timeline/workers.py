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
import sys

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


def orphaned() -> bool:
    """Whether this is a worker whose parent has died (where PR_SET_PDEATHSIG is missing)."""
    return _PARENT is not None and os.getppid() != _PARENT


def fork_context():
    """The multiprocessing context whose workers are children of this process: "fork"
    where there is one (workers inherit what is loaded), else "spawn"."""
    import multiprocessing
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)
