"""A per-user cache of data that every process would otherwise rebuild the same way.

Two things are slow to build and the same for every project: the tagger's validated and
parsed resources (reading, checking, analysing and compiling the rules of
``tagger/resources/<lang>``; the compiled regex programs, see tagger/regex_program.py)
and the gazetteer's name index (230k GeoNames names, in parts by first letter). They
are kept as pickles in

    $TIMELINE_CACHE_DIR, else $XDG_CACHE_HOME/timeline, else ~/.cache/timeline

named ``<name>-<key>.pickle``, where the key hashes everything the value is made from
(the source files' bytes, the code that builds it, the Python version). A changed input
is a new key, so an entry is never stale: it is used exactly when the same build would
give the same value. An entry that cannot be read or unpickled is rebuilt and replaced;
when the folder cannot be written the value is rebuilt in every process (slower, never
wrong). Entries are written atomically (old or new, never half-written); a name keeps
its few newest entries (other checkouts or versions may use them).
"""
from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")
ENV = "TIMELINE_CACHE_DIR"
KEEP = 4          # entries kept per name


def cache_dir() -> Path:
    explicit = os.environ.get(ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "timeline"


def key(*parts: bytes | str) -> str:
    """A key for a value made from ``parts`` (file contents, versions) by this Python."""
    h = hashlib.blake2b(digest_size=12)
    for part in (sys.version, str(pickle.HIGHEST_PROTOCOL)) + parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def source_bytes(*modules) -> bytes:
    """The source of the modules whose code shapes a cached value (part of its key)."""
    return b"".join(Path(m.__file__).read_bytes() for m in modules)


def remembered(name: str, key_: str, build: Callable[[], T]) -> T:
    """The value cached under ``name`` and ``key_``, else ``build()`` (then cached).
    Errors of ``build`` (e.g. a ConfigError for a bad resource file) propagate, and
    nothing is cached for them.

    The cyclic garbage collector is paused meanwhile: unpickling or building such a
    value makes ~100k objects that live on or die by reference counting, and the
    collector's passes over them were ~10 ms of the tagger's first-run load: 0.139 ->
    0.128 s CPU with an empty cache (``bench/startup_bench.py --before 782f692~1 --runs 8``, its
    first command; commit 782f692)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _remembered(name, key_, build)
    finally:
        if was_enabled:
            gc.enable()


def _remembered(name: str, key_: str, build: Callable[[], T]) -> T:
    try:
        path = cache_dir() / f"{name}-{key_}.pickle"
    except RuntimeError:   # no home directory to put it in: nothing to cache
        return build()
    try:
        return pickle.loads(path.read_bytes())
    except Exception:      # missing, unreadable or damaged (any unpickling error): rebuild
        pass
    value = build()
    store(name, key_, value)
    return value


def store(name: str, key_: str, value) -> None:
    """Cache ``value`` under ``name`` and ``key_`` (what :func:`remembered` reads); a
    folder that cannot be written is no error."""
    from .atomic import replace_bytes

    try:
        path = cache_dir() / f"{name}-{key_}.pickle"
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_bytes(str(path), data, durable=False)
        entries = sorted(path.parent.glob(f"{name}-*.pickle"),
                         key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            old.unlink()
    except (OSError, RuntimeError):
        pass               # no home, a read-only or full disk: the value was still built
