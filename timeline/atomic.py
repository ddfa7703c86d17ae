"""Atomic file writes: a temporary file beside the target, renamed into place.

Kept apart from timeline.store (which re-exports both functions) so that a command that
only writes files, such as `timeline tag`, does not import PyYAML for them.
"""
from __future__ import annotations

import itertools
import os
from pathlib import Path

_TMP_COUNTER = itertools.count()


def replace_bytes(path: str, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it into place, so
    ``path`` is always the old or the new content, never half-written. The temporary
    name is ``.<name>.<pid>-<n>.tmp`` (the lock sweeps ``.*.tmp`` after a killed run);
    its mode is what open() gives a new file. ``durable`` fsyncs before the rename."""
    folder, _, name = path.rpartition(os.sep)
    tmp = f"{folder}{os.sep}.{name}.{os.getpid()}-{next(_TMP_COUNTER)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileExistsError:           # left by a killed process that had our pid
        os.unlink(tmp)
        fd = os.open(tmp, flags, 0o666)
    try:
        write_all(fd, data)
        if durable:
            os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to the open file ``fd`` (os.write may take only part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def atomic_write(path: Path, text: str | bytes, *, durable: bool = True) -> bool:
    """Write ``text`` to ``path`` atomically (see replace_bytes).

    Returns False (and touches nothing) when the file already holds exactly this
    content, so re-runs on unchanged input change no file, not even its mtime.
    ``durable=False`` skips the fsync (for rebuildable output such as site pages).
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_bytes(str(path.absolute()), data, durable=durable)
    return True
