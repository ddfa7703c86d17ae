"""Reading the record for a build, through a cache of validated files.

Each event and article file is validated by ``timeline.schema`` (path:line:col
problems); the result is kept in ``.timeline-cache/records.pickle`` (git-ignored)
keyed by the file's path, mtime and size, so a rebuild re-reads only the files that
changed. The cache is tied to the schema/model code that produced it: when that
code changes, everything is read again.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import NamedTuple

from .. import model, schema, store
from ..errors import Problem, ValidationError
from ..model import Article, Event
from ..project import Project

CACHE_DIR = ".timeline-cache"


def cache_dir(project: Project) -> Path:
    return project.root / CACHE_DIR


def _code_version() -> str:
    h = hashlib.blake2b(digest_size=8)
    for mod in (schema, store, model):
        h.update(Path(mod.__file__).read_bytes())
    return h.hexdigest()


class Loaded(NamedTuple):
    shown: str                   # the path as messages show it
    value: object                # Event / Article, None when the file has errors
    problems: list[Problem]      # errors only (warnings are `timeline check`'s business)


class RecordCache:
    """path -> (mtime_ns, size, Loaded*) for event and article files."""

    def __init__(self, project: Project):
        self.path = cache_dir(project) / "records.pickle"
        self.version = f"{_code_version()} {Path.cwd()}"   # messages show cwd-relative paths
        self.entries: dict[str, tuple[int, int, object]] = {}
        self.dirty = False
        try:
            with open(self.path, "rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, dict) and data.get("version") == self.version:
                self.entries = data["entries"]
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                KeyError, TypeError, ValueError):
            self.entries = {}

    def load(self, path: Path, loader, attr: str, cwd: Path) -> Loaded:
        """The file's value (Event/Article or None) and its errors, from the cache if the
        file is unchanged, else from ``loader`` (a schema.load_*_file function)."""
        st = path.stat()
        key = str(path)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == st.st_mtime_ns and hit[1] == st.st_size:
            return hit[2]
        full = loader(path, cwd=cwd)
        loaded = Loaded(full.shown, getattr(full, attr), _errors(full.problems))
        self.entries[key] = (st.st_mtime_ns, st.st_size, loaded)
        self.dirty = True
        return loaded

    def save(self, keep: set[str]) -> None:
        """Write the cache (only files that still exist are kept)."""
        stale = set(self.entries) - keep
        for key in stale:
            del self.entries[key]
        if not (self.dirty or stale):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(prefix=".records.", dir=self.path.parent)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump({"version": self.version, "entries": self.entries}, fh,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)


def _errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def load_articles(project: Project, cache: RecordCache, files: list[Path]) -> list[Article]:
    """Every article; a file with errors stops the build (ValidationError)."""
    cwd = Path.cwd()
    loaded = [cache.load(p, schema.load_article_file, "article", cwd) for p in files]
    problems = [q for item in loaded for q in item.problems]
    if problems:
        raise ValidationError(problems)
    return [item.value for item in loaded if item.value is not None]


def load_events(project: Project, cache: RecordCache, files: list[Path],
                ) -> tuple[list[Event], dict[str, str]]:
    """Every event that is not rejected, in file order, and id -> file shown in messages.
    Errors in any file, or two files with one id, stop the build (ValidationError)."""
    cwd = Path.cwd()
    loaded = [cache.load(p, schema.load_event_file, "event", cwd) for p in files]
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


def record_files(project: Project) -> tuple[list[Path], list[Path]]:
    """(article files, event files), sorted, as timeline.schema finds them."""
    return schema.article_files(project), schema.event_files(project)
