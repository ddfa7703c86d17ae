"""One writer at a time per project: an advisory lock on ``<root>/.timeline.lock``.

    with project_lock(project, wait=30, command="extract"):
        ...                         # write content/events/, site/, ...

``extract`` and ``build`` take it (the CLI wraps them); a second run waits up to
``wait`` seconds, then refuses with LockedError naming the holder's pid and command.
The lock is a POSIX record lock (``fcntl(F_SETLK)`` via ``lockf``) on an open file: the
kernel releases it when the holder exits, even on ``kill -9``, so there is never a stale
lock to delete by hand. Unlike ``flock``, it is not inherited by forked children, so the
worker processes of ``extract --jobs N`` cannot keep the project locked after their
parent was killed. (POSIX locks are per process: this module is the only code that
opens the lock file while holding it, and it keeps a single descriptor.) The file
itself stays (deleting it would race with a waiting process); it is git-ignored
(``timeline init`` writes ``.timeline.lock`` into the project's .gitignore).

Re-entrant within one process: a library function may take the lock its caller
already holds. POSIX only (fcntl); on other systems the lock refuses to run rather
than pretend to protect.

The holder writes "pid command" into the file and empties it when it finishes, so
the next holder knows when the previous run was killed (``Held.interrupted``) and
can remove the temporary files it left behind with :func:`sweep_temp_files`
(``atomic.replace_bytes``, behind every atomic write, names them ``.<name>.<pid>-<n>.tmp``); while we
hold the lock no other run can be writing them.
"""
from __future__ import annotations

import errno
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import InputError, LockedError
from .project import Project

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None

DEFAULT_WAIT = 30.0
_POLL = 0.1
_held: dict[str, int] = {}   # lock path -> depth, for re-entrancy within this process


@dataclass(frozen=True)
class Held:
    """What ``project_lock`` yields: who held the lock last, if it did not finish."""

    interrupted: str | None = None   # e.g. "pid 4242, `timeline extract`"


def _describe(info: str) -> str | None:
    parts = info.split()
    if not parts:
        return None
    command = " ".join(parts[1:])
    return f"pid {parts[0]}" + (f", `timeline {command}`" if command else "")


def _holder(path: Path) -> str:
    try:
        return _describe(path.read_text(encoding="utf-8", errors="replace")) or "another process"
    except OSError:
        return "another process"


@contextmanager
def project_lock(project: Project, *, wait: float = DEFAULT_WAIT,
                 command: str = "") -> Iterator[Held]:
    """Hold the project's lock for the body; wait up to ``wait`` seconds for it."""
    path = project.lock_path
    key = str(path.resolve())
    if _held.get(key):
        _held[key] += 1
        try:
            yield Held()
        finally:
            _held[key] -= 1
        return
    if fcntl is None:  # pragma: no cover
        raise LockedError("project locking needs a POSIX system (fcntl)", path=path)
    project.require()
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise InputError(f"cannot create the project lock file: {exc.strerror}; is the project "
                         "folder writable?", path=path) from None
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EACCES, errno.EAGAIN):
                    raise
                if time.monotonic() >= deadline:
                    raise LockedError(
                        f"another timeline run ({_holder(path)}) is working on {project.root}; "
                        f"waited {wait:g}s. Try again when it has finished "
                        "(or pass --wait SECONDS to wait longer)") from None
                time.sleep(_POLL)
        previous = os.pread(fd, 4096, 0).decode("utf-8", "replace")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
        _held[key] = 1
        try:
            yield Held(interrupted=_describe(previous))
        finally:
            del _held[key]
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def sweep_temp_files(folders: list[Path], recursive: bool = False) -> list[Path]:
    """Delete ``.*.tmp`` files an interrupted run left in ``folders`` (call under the lock)."""
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for tmp in (folder.rglob if recursive else folder.glob)(".*.tmp"):
            try:
                tmp.unlink()
                removed.append(tmp)
            except FileNotFoundError:
                pass
    return removed


@contextmanager
def exclusive_run(project: Project, *, wait: float = DEFAULT_WAIT, command: str = "",
                  scratch: tuple[Path, ...] = (), notify=None) -> Iterator[None]:
    """The project lock for one writing command, cleaning up after a killed predecessor.

    When the previous run was interrupted, its temporary files are removed from
    content/ and (recursively) from the ``scratch`` output folders (the site), and
    ``notify`` is called with one line saying so.
    """
    with project_lock(project, wait=wait, command=command) as held:
        if held.interrupted:
            removed = sweep_temp_files([project.events_dir, project.articles_dir])
            removed += sweep_temp_files(list(scratch), recursive=True)
            if notify:
                notify(f"note: the previous run ({held.interrupted}) was interrupted; "
                       f"removed {len(removed)} temporary file(s) it left behind")
        yield
