"""Per-event pieces of the whole-site exports (an iCalendar VEVENT, a search-index entry,
a TimelineJS event), kept across builds in the git-ignored cache, keyed by the event's
page fingerprint. After one edit only that event's pieces (and its neighbours') are
made again; the exports are then joined from the pieces, byte-identical to a cold build.
"""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Callable

from ..store import replace_bytes
from .views import EventView


class Fragments:
    def __init__(self, path: Path | None, salt: str):
        self.path = path
        self.salt = salt
        self.old: dict[tuple[str, str], str] = {}
        self.new: dict[tuple[str, str], str] = {}
        if path is not None:
            try:
                with open(path, "rb") as fh:
                    data = pickle.load(fh)
                if data.get("salt") == salt:
                    self.old = data["pieces"]
            except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError,
                    TypeError, ValueError):
                self.old = {}

    def get(self, kind: str, v: EventView, make: Callable[[EventView], str]) -> str:
        key = (kind, v.page_fp)
        piece = self.new.get(key)
        if piece is None:
            piece = self.old.get(key)
            if piece is None:
                piece = make(v)
            self.new[key] = piece
        return piece

    def text(self, kind: str, key: str, make: Callable[[], str]) -> str:
        """A piece keyed by text (e.g. a summary's HTML by its Markdown)."""
        full = (kind, key)
        piece = self.new.get(full)
        if piece is None:
            piece = self.old.get(full)
            if piece is None:
                piece = make()
            self.new[full] = piece
        return piece

    def keep_texts(self, kind: str, keys) -> None:
        """Carry the ``kind`` pieces of these keys over even when this build did not use them."""
        for key in keys:
            full = (kind, key)
            if full not in self.new and full in self.old:
                self.new[full] = self.old[full]

    def adopt(self, pieces: dict) -> None:
        """Pieces made by a forked worker (the same values this process would make)."""
        for key, piece in pieces.items():
            self.new.setdefault(key, piece)

    def keep(self, kind: str, views: list[EventView]) -> None:
        """Carry the ``kind`` pieces of these events over to the next build even when this
        build did not use them (list items: only the lists that changed are rendered)."""
        self.keep_texts(kind, (v.page_fp for v in views))

    def save(self) -> None:
        if self.path is None or self.new == self.old:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        replace_bytes(str(self.path), pickle.dumps({"salt": self.salt, "pieces": self.new},
                                                   protocol=pickle.HIGHEST_PROTOCOL), durable=False)


NO_MEMO = Fragments(None, "")
