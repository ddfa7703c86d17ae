"""What a build keeps for the next one in the git-ignored cache, so that after one edit
only that event's share of the work is done again, byte-identical to a cold build:

* Fragments: per-event pieces of the whole-site exports (an iCalendar VEVENT, a
  search-index entry, a TimelineJS event) and rendered list items, keyed by the event's
  page fingerprint; the exports are joined from the pieces.
* ViewCache: each event's view Core (views.event_core), keyed by its id and valid while
  its file and the articles it depends on are unchanged.

Each is kept with a salt (the code and settings it depends on): a different salt, or a
file that cannot be read, starts empty; it only ever costs time. Fragments' pieces are
pure functions of their keys, so a piece kept longer than needed is never wrong.
"""
from __future__ import annotations

import io
import pickle
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..atomic import replace_bytes

if TYPE_CHECKING:
    from .views import EventView


def _load(path: Path | None, salt: str) -> dict:
    if path is None:
        return {}
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
        if isinstance(data, dict) and data.get("salt") == salt and isinstance(data["pieces"], dict):
            return data["pieces"]
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
            KeyError, TypeError, ValueError):
        pass
    return {}


def _save(path: Path | None, salt: str, pieces: dict) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    replace_bytes(str(path), pickle.dumps({"salt": salt, "pieces": pieces},
                                          protocol=pickle.HIGHEST_PROTOCOL), durable=False)


class Fragments:
    """The pieces, as one pickle (``path``) plus a log beside it (``path`` + ".log") of
    the pieces made since it was written: a build that made a few pieces appends them to
    the log instead of writing the 10k-piece pickle again. The log is folded into the
    pickle (keeping only the pieces of this build's events) when it grows past a quarter
    of the pickle, or when the pickle holds far more pieces than the events need."""

    LOG_MIN = 2000          # pieces the log may hold however small the pickle is
    PIECES_PER_EVENT = 8    # above this many per current event, the pickle is rewritten

    def __init__(self, path: Path | None, salt: str):
        self.path = path
        self.salt = salt
        # kind -> key -> piece (a dict per kind: 50k tuple keys cost as much to unpickle
        # as the pieces)
        self.old: dict[str, dict[str, str]] = _load(path, salt)
        self.based = _count(self.old)                        # pieces in the pickle
        self.logged = self._read_log() if self.old else -1   # -1: no usable log
        self.new: dict[str, dict[str, str]] = {}
        self.made: dict[str, dict[str, str]] = {}
        self.kept: list[tuple[str, object]] = []    # (kind, keys) to carry over when folding

    def _read_log(self) -> int:
        """Add the log's pieces to ``old``; how many there were (-1: the log is unreadable,
        e.g. cut short by a killed build: then it is folded away by the next save)."""
        try:
            with open(f"{self.path}.log", "rb") as fh:
                log = io.BytesIO(fh.read())
        except FileNotFoundError:
            return 0
        except OSError:
            return -1
        count, end = 0, len(log.getbuffer())
        while log.tell() < end:
            try:
                salt, pieces = pickle.load(log)
            except (EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
                    KeyError, TypeError, ValueError):
                return -1
            if salt != self.salt or not isinstance(pieces, dict):
                return -1
            _merge(self.old, pieces)
            count += _count(pieces)
        return count

    def _take(self, kind: str, key: str, make: Callable, arg) -> str:
        new = _part(self.new, kind)
        piece = new.get(key)
        if piece is None:
            piece = self.old.get(kind, {}).get(key)
            if piece is None:
                piece = _part(self.made, kind)[key] = make(arg)
            new[key] = piece
        return piece

    def get(self, kind: str, v: EventView, make: Callable[[EventView], str]) -> str:
        return self._take(kind, v.page_fp, make, v)

    def pieces(self, kind: str, views: list[EventView], make: Callable[[EventView], str]) -> list[str]:
        """get(kind, v, make) for each of ``views`` (a whole-site export's entries), with
        the dicts looked up once."""
        new, old = _part(self.new, kind), self.old.get(kind, {})
        out = []
        for v in views:
            key = v.page_fp
            piece = new.get(key) or old.get(key)
            if piece is None:
                piece = self._take(kind, key, make, v)
            new[key] = piece
            out.append(piece)
        return out

    def text(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """A piece keyed by text (e.g. a summary's HTML by its Markdown)."""
        return self._take(kind, key, _call, make)

    def keep_texts(self, kind: str, keys) -> None:
        """Carry the ``kind`` pieces of these keys over even when this build did not use
        them. Done only when the pickle is rewritten: until then the log keeps nothing away."""
        self.kept.append((kind, keys if isinstance(keys, (list, tuple, set, frozenset)) else list(keys)))

    def _carry(self, kind: str, keys) -> None:
        new, old = _part(self.new, kind), self.old.get(kind, {})
        for key in keys:
            if key not in new and key in old:
                new[key] = old[key]

    def adopt(self, pieces: dict[str, dict[str, str]]) -> None:
        """Pieces made by a forked worker (its ``new``: the same values this process would make)."""
        for kind, part in pieces.items():
            new, old = _part(self.new, kind), self.old.get(kind, {})
            for key, piece in part.items():
                if key not in new:
                    new[key] = piece
                    if key not in old:
                        _part(self.made, kind)[key] = piece

    def keep(self, kind: str, views: list[EventView]) -> None:
        """Carry the ``kind`` pieces of these events over to the next build even when this
        build did not use them (list items: only the lists that changed are rendered)."""
        self.keep_texts(kind, [v.page_fp for v in views])

    def save(self) -> None:
        if self.path is None:
            return
        events = max((len(keys) for _, keys in self.kept), default=0)
        kept, self.kept = self.kept, []
        made = _count(self.made)
        if (self.logged < 0 or self.logged + made > max(self.LOG_MIN, self.based // 4)
                or self.based > self.PIECES_PER_EVENT * events + self.LOG_MIN):
            for kind, keys in kept:
                self._carry(kind, keys)
            _save(self.path, self.salt, self.new)
            Path(f"{self.path}.log").unlink(missing_ok=True)
        elif made:
            with open(f"{self.path}.log", "ab") as fh:
                pickle.dump((self.salt, self.made), fh, protocol=pickle.HIGHEST_PROTOCOL)


def _part(pieces: dict[str, dict[str, str]], kind: str) -> dict[str, str]:
    part = pieces.get(kind)
    if part is None:
        part = pieces[kind] = {}
    return part


def _merge(into: dict[str, dict[str, str]], pieces: dict[str, dict[str, str]]) -> None:
    for kind, part in pieces.items():
        _part(into, kind).update(part)


def _count(pieces: dict[str, dict[str, str]]) -> int:
    return sum(len(part) for part in pieces.values())


def _call(make: Callable[[], str]) -> str:
    return make()


class ViewCache:
    """Each event's view Core (views.event_core) across builds, in SHARDS pickles by a
    hash of the event id, so that after one edit only one shard is written again. An
    entry is (file stamp, the article ids it depends on, Core); it is reused while the
    event's stamp is the same and none of those articles changed since the build that
    wrote its shard (each shard keeps the article fingerprints of that build)."""

    SHARDS = 16

    def __init__(self, folder: Path | None, salt: str):
        self.folder = folder
        self.salt = salt
        self.old: list[dict[str, tuple]] = []
        self.old_articles: list[dict[str, str]] = []
        for n in range(self.SHARDS):
            data = _load(folder / f"{n:02d}.pickle" if folder else None, salt)
            cores, arts = data.get("cores"), data.get("articles")
            ok = isinstance(cores, dict) and isinstance(arts, dict)
            self.old.append(cores if ok else {})
            self.old_articles.append(arts if ok else {})
        self.new: list[dict[str, tuple]] = [{} for _ in range(self.SHARDS)]
        self.stale: list[set[str]] = [set() for _ in range(self.SHARDS)]
        self.made: set[int] = set()
        self.art_fps: dict[str, str] = {}

    def articles(self, art_fps: dict[str, str]) -> None:
        """This build's article fingerprints (before any get)."""
        self.art_fps = art_fps
        for n, old in enumerate(self.old_articles):
            if old != art_fps:
                self.stale[n] = {a for a in old.keys() | art_fps.keys()
                                 if old.get(a) != art_fps.get(a)}

    def _shard(self, key: str) -> int:
        return zlib.crc32(key.encode("utf-8")) % self.SHARDS

    def get(self, key: str, stamp: object) -> tuple | None:
        n = self._shard(key)
        hit = self.old[n].get(key)
        if hit is None or hit[0] != stamp or (self.stale[n] and not self.stale[n].isdisjoint(hit[1])):
            return None
        self.new[n][key] = hit
        return hit[2]

    def put(self, key: str, stamp: object, deps: tuple[str, ...], core: tuple) -> None:
        n = self._shard(key)
        self.new[n][key] = (stamp, deps, core)
        self.made.add(n)

    def save(self) -> None:
        """Write the shards this build changed (entries only for the events it had)."""
        for n in range(self.SHARDS):
            if self.folder and (n in self.made or len(self.new[n]) != len(self.old[n])
                                or (self.stale[n] and self.new[n])):
                _save(self.folder / f"{n:02d}.pickle", self.salt,
                      {"cores": self.new[n], "articles": self.art_fps})
