"""Merge freshly extracted events into the editable record without losing a hand edit.

The rules (also in README "Editing events"):

* An existing event is matched to an extracted one when they share a source: the same
  article and one quote containing the other (a trimmed quote still matches).
* ``reviewed``: never changed, never duplicated. Evidence from new articles for it is
  not added (the report says so); the editor adds it by hand if wanted.
* ``rejected``: never changed and never brought back: what matches it is dropped.
* ``auto``: its id never changes. Each generated field (date, mod, end, title, kind,
  sources, people, places, tags, conflicts) is refreshed from the articles UNLESS a
  person changed it. A change is detected against ``content/events/.generated.json``,
  which keeps a fingerprint of every value extract last wrote: a field whose current
  value no longer matches its fingerprint was edited by hand and is kept as it is.
  Without a fingerprint (a file written by hand with status: auto, or the state file
  lost), a value that differs from the new extraction counts as a hand edit. ``summary``
  and every field extract does not know (``extra``) are always kept.
* An ``auto`` event whose sources are no longer found (article removed, sentence
  changed): deleted when nobody edited it, kept with a warning when someone did. One
  citing an article that could not be read this time (a front-matter error, no
  ``published``) is left as it is until the article is fixed.
* New events get an id from their date and title (unique, in date order).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Event, Source
from .assemble import make_id
from .cluster import compatible

STATE_NAME = ".generated.json"
GENERATED = ("date", "mod", "end", "title", "kind", "sources", "people", "places", "tags",
             "conflicts")


def fingerprint(event: Event, name: str) -> str:
    value = getattr(event, name)
    if name == "sources":
        value = [[s.article, s.quote, s.expression] for s in value]
    data = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(data.encode("utf-8")).hexdigest()[:12]


def fingerprints(event: Event) -> dict[str, str]:
    return {name: fingerprint(event, name) for name in GENERATED}


@dataclass
class MergeResult:
    events: list[Event] = field(default_factory=list)     # the record to write (all statuses)
    removed: list[str] = field(default_factory=list)      # auto event ids to delete
    state: dict[str, dict[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)        # info lines
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (event id, message)


def _same_source(a: Source, b: Source) -> bool:
    if a.article != b.article:
        return False
    qa, qb = " ".join(a.quote.split()), " ".join(b.quote.split())
    return bool(qa and qb) and (qa in qb or qb in qa)


def _shared(a: Event, b: Event) -> int:
    return sum(1 for s in a.sources if any(_same_source(s, t) for t in b.sources))


def _closeness(new: Event, old: Event) -> tuple:
    """How an old event sharing sentences with ``new`` ranks as its earlier self, best
    first: more sentences shared, then more of them dated by the same expression (or
    one containing the other: a tagger that now reads "half past ten on Monday" where it
    read "Monday"), then a date containing the other, then the id. "Wednesday" and "the
    past week" in one sentence are two events, each in its own file on every run."""
    same_expression = sum(1 for s in new.sources
                          if any(_same_source(s, t) and _overlap(s.expression, t.expression)
                                 for t in old.sources))
    return (-_shared(new, old), -same_expression, not compatible(new.date, old.date), old.id)


def _overlap(a: str, b: str) -> bool:
    return a == b or bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _edited(old: Event, name: str, state: dict[str, str] | None, new: Event) -> bool:
    if state and name in state:
        return fingerprint(old, name) != state[name]
    return fingerprint(old, name) != fingerprint(new, name)


def _update(old: Event, new: Event, state: dict[str, str] | None) -> tuple[Event, bool]:
    """The auto event ``old`` refreshed from ``new``, hand-edited fields kept."""
    values = {}
    edited = False
    for name in GENERATED:
        if _edited(old, name, state, new):
            values[name] = getattr(old, name)
            edited = True
        else:
            values[name] = getattr(new, name)
    return replace(old, **values), edited


def has_hand_edits(old: Event, state: dict[str, str] | None) -> bool:
    if old.extra or old.summary or state is None:
        return True
    return any(fingerprint(old, name) != state.get(name) for name in GENERATED)


def merge(extracted: list[Event], existing: list[Event], state: dict[str, dict[str, str]],
          unread: set[str], id_stop: frozenset[str]) -> MergeResult:
    """``extracted`` in record order (ids empty); ``existing``: every event file, loaded
    (extract stops before merging when one has errors), whose ids are never reused;
    ``unread``: ids of articles extract does not read this time (no date, no model for
    their language; with a broken article it writes nothing at all): events citing them are left exactly as they are; ``id_stop``: words a new
    event's id leaves out (the languages' id_stop_words)."""
    result = MergeResult()
    by_id = {e.id: e for e in existing}
    claimed: set[str] = set()
    taken = set(by_id)
    by_article: dict[str, list[Event]] = {}
    for e in existing:
        for a in sorted({s.article for s in e.sources}):
            by_article.setdefault(a, []).append(e)
    for new in extracted:
        near = {e.id: e for a in sorted({s.article for s in new.sources})
                for e in by_article.get(a, ())}
        matches = sorted((e for e in near.values() if _shared(new, e)),
                         key=lambda e: _closeness(new, e))
        held = [e for e in matches if e.status == "auto"
                and any(src.article in unread for src in e.sources)]
        if held:                # an unread article's event stays exactly as it is
            claimed.update(e.id for e in held)
            matches = [e for e in matches if e not in held]
            if not matches:
                continue
        locked = [e for e in matches if e.status in ("reviewed", "rejected")]
        if locked:
            claimed.update(e.id for e in matches)
            extra = [s for s in new.sources if not any(_same_source(s, t) for e in locked
                                                       for t in e.sources)]
            reviewed = [e for e in locked if e.status == "reviewed"]
            if reviewed and extra:
                result.notes.append(
                    f"{reviewed[0].id}: reviewed, so not changed; new evidence not added: "
                    + ", ".join(sorted({s.article for s in extra})))
            continue
        target = next((e for e in matches if e.id not in claimed), None)
        if target is None:
            event = replace(new, id=make_id(new, taken, id_stop))
            taken.add(event.id)
            result.events.append(event)
            result.state[event.id] = fingerprints(event)
            continue
        claimed.add(target.id)
        event, _ = _update(target, new, state.get(target.id))
        result.events.append(event)
        result.state[event.id] = fingerprints(new)
    written = {e.id for e in result.events}
    for old in existing:
        if old.id in written:
            continue
        if old.status != "auto" or old.id in claimed \
                or any(src.article in unread for src in old.sources):
            result.events.append(old)       # reviewed, rejected, or held by one of those
            if old.status == "auto" and old.id in state:
                result.state[old.id] = state[old.id]
            continue
        if has_hand_edits(old, state.get(old.id)):
            result.events.append(old)
            if old.id in state:         # never record one extract did not write as its own:
                result.state[old.id] = state[old.id]    # the next run would delete it
                result.warnings.append((old.id, "its sources no longer yield this event; kept "
                                        "because it was edited by hand (review it, or delete "
                                        "the file)"))
            else:
                result.warnings.append((old.id, "extract did not write this event and its "
                                        "sources do not yield it; kept as yours (add status: "
                                        "reviewed to say so)"))
        else:
            result.removed.append(old.id)
    return result


def load_state(events_dir: Path) -> dict[str, dict[str, str]]:
    path = Path(events_dir) / STATE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (ValueError, UnicodeDecodeError):
        return {}          # unreadable state: every difference counts as a hand edit (safe side)
    return {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def dump_state(state: dict[str, dict[str, str]]) -> str:
    """One line per event (small git diffs), keys sorted (byte-identical re-runs)."""
    lines = [f" {json.dumps(k, ensure_ascii=False)}: {json.dumps(state[k], sort_keys=True)}"
             for k in sorted(state)]
    return "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"
