"""Reading the record for a build, through a cache of validated files.

Each event and article file is validated by ``timeline.schema`` (path:line:col
problems); the result is kept in ``.timeline-cache/records/`` (git-ignored, sharded)
keyed by the file's path, mtime, size and inode, so a rebuild re-reads only the files that
changed. The cache is tied to the schema/model code that produced it: when that
code changes, everything is read again.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from pathlib import Path
from typing import Callable, NamedTuple

import yaml

from .. import schema, store
from ..errors import Problem, ValidationError
from ..model import Article, Event
from ..project import Project
from . import parallel

CACHE_DIR = ".timeline-cache"


def cache_dir(project: Project) -> Path:
    return project.root / CACHE_DIR


def hash_modules(folder: Path, extra: str = "") -> str:
    """A digest of every module of ``folder`` (name and code) and ``extra``. Callers take
    it when their modules are imported, not when a build asks: a module edited on disk
    after the import would otherwise salt the caches with code that is not the code
    running, and a later build with the edited code would trust what the old code wrote
    under its key (seen: a When pickled without a new field)."""
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(folder.glob("*.py")):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(extra.encode())
    return h.hexdigest()


# What reading a file into the record depends on: every top-level module of the package
# (schema, store and model, and what they parse with: yamlcheck, timex, ...) and the
# PyYAML release (with or without libyaml) that parses the files.
_CODE_VERSION = hash_modules(Path(schema.__file__).parent,
                             f"{yaml.__version__} {yaml.__with_libyaml__} {yaml.__file__}")


def _code_version() -> str:
    return _CODE_VERSION


class Loaded(NamedTuple):
    shown: str                   # the path as messages show it
    value: object                # Event / Article, None when the file has errors
    problems: list[Problem]      # errors only (warnings are `timeline check`'s business)


class RecordCache:
    """path -> (mtime_ns, size, inode, Loaded) for event and article files, kept in SHARDS
    pickles by a hash of the path, so that after one edit only one shard is rewritten."""

    SHARDS = 32

    def __init__(self, project: Project):
        self.dir = cache_dir(project) / "records"
        self.version = f"2 {_code_version()} {Path.cwd()}"   # messages show cwd-relative paths
        self.shards: list[dict[str, tuple[int, int, int, Loaded]]] = [{} for _ in range(self.SHARDS)]
        self.dirty: set[int] = set()
        # shown path -> (mtime_ns, size, inode) of the file as loaded: what views.event_views
        # keys its kept work on (the same trust this cache puts in a file's stat)
        self.stamps: dict[str, tuple[int, int, int]] = {}
        for n in range(self.SHARDS):
            try:
                with open(self.dir / f"{n:02d}.pickle", "rb") as fh:
                    data = pickle.load(fh)
                if isinstance(data, dict) and data.get("version") == self.version:
                    self.shards[n] = data["entries"]
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                    KeyError, TypeError, ValueError):
                continue

    def _shard(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8")) % self.SHARDS

    def load_all(self, paths: list[str], loader, attr: str, jobs: int,
                 first: Callable[[], object] | None = None) -> list[Loaded]:
        """Each file's value (Event/Article or None) and its errors: from the cache when
        the file is unchanged, else from ``loader`` (_read_event/_read_article), on
        ``jobs`` processes when many files changed. A file the cache does not know is
        stat'ed where it is read (on a cold build: on every core, not here first).
        ``first()`` runs in this process meanwhile (parallel.forked_map)."""
        out: list[Loaded | None] = [None] * len(paths)
        misses = []
        for i, key in enumerate(paths):
            hit = self.shards[self._shard(key)].get(key)
            if hit is not None:
                st = os.stat(key)
                if hit[0] == st.st_mtime_ns and hit[1] == st.st_size and hit[2] == st.st_ino:
                    out[i] = hit[3]
                    self.stamps[hit[3].shown] = hit[:3]
                    continue
            misses.append((i, key))
        cwd = os.getcwd()
        fresh = parallel.forked_map(_read_file, [(loader, attr, key, cwd) for _, key in misses],
                                    jobs, first=first)
        for (i, key), (stamp, loaded) in zip(misses, fresh):
            n = self._shard(key)
            self.shards[n][key] = (*stamp, loaded)
            self.dirty.add(n)
            out[i] = loaded
            self.stamps[loaded.shown] = stamp
        return out

    def save(self, keep: set[str]) -> None:
        """Write the shards that changed (only files that still exist are kept)."""
        for n, entries in enumerate(self.shards):
            stale = [k for k in entries if k not in keep]
            for key in stale:
                del entries[key]
            if stale:
                self.dirty.add(n)
        if not self.dirty:
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        ignore = self.dir.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        for n in sorted(self.dirty):
            data = pickle.dumps({"version": self.version, "entries": self.shards[n]},
                                protocol=pickle.HIGHEST_PROTOCOL)
            store.replace_bytes(str(self.dir / f"{n:02d}.pickle"), data, durable=False)
        self.dirty = set()


def shown_path(path: str, cwd: str) -> str:
    """schema.display_path(Path(path), Path(cwd)) for a path that schema.file_names made (a
    normalised folder, os.sep, a name): a string prefix test instead of two Paths per file
    (~25 us each, 10k files per cold build)."""
    prefix = cwd if cwd.endswith(os.sep) else cwd + os.sep
    if len(path) > len(prefix) and path.startswith(prefix):
        return path[len(prefix):]
    return schema.display_path(Path(path), Path(cwd))


def _read_event(path: str, shown: str):
    return schema.read_event_file(path, shown)


def _read_article(path: str, shown: str):
    return schema.load_article_file(Path(path), cwd=Path(os.getcwd()))


def _read_file(job: tuple) -> tuple[tuple[int, int, int], Loaded]:
    """(the file's mtime, size and inode before it was read, what it holds)."""
    reader, attr, path, cwd = job
    st = os.stat(path)       # before reading: a file changed meanwhile is read again next time
    full = reader(path, shown_path(path, cwd))
    return ((st.st_mtime_ns, st.st_size, st.st_ino),
            Loaded(full.shown, getattr(full, attr), [p for p in full.problems if p.severity == "error"]))


def load_articles(project: Project, cache: RecordCache, files: list[str], jobs: int = 1,
                  ) -> list[Article]:
    """Every article; a file with errors stops the build (ValidationError)."""
    loaded = cache.load_all(files, _read_article, "article", jobs)
    problems = [q for item in loaded for q in item.problems]
    if problems:
        raise ValidationError(problems)
    return [item.value for item in loaded if item.value is not None]


def load_events(project: Project, cache: RecordCache, files: list[str], jobs: int = 1,
                first: Callable[[], object] | None = None) -> tuple[list[Event], dict[str, str]]:
    """Every event that is not rejected, in file order, and id -> file shown in messages.
    Errors in any file, or two files with one id, stop the build (ValidationError)."""
    loaded = cache.load_all(files, _read_event, "event", jobs, first)
    problems = [q for item in loaded for q in item.problems]
    seen: dict[str, str] = {}
    events = []
    for item in loaded:
        ev = item.value
        if ev is None:
            continue
        if ev.id in seen:
            problems.append(Problem(item.shown, f"duplicate event id {ev.id!r} (also in "
                                    f"{seen[ev.id]}); give one of them another id", 1, 1))
            continue
        seen[ev.id] = item.shown
        if ev.status != "rejected":
            events.append(ev)
    if problems:
        raise ValidationError(problems)
    return events, seen


def record_files(project: Project) -> tuple[list[str], list[str]]:
    """(article files, event files) as str paths, sorted, as timeline.schema finds them."""
    return (schema.file_names(project.articles_dir, schema.ARTICLE_SUFFIX),
            schema.file_names(project.events_dir, schema.EVENT_SUFFIX))
