"""The one-pass reading of the common valid event file: timeline.schema.validate_event
tries it first (a site build reads 10k event files, ~2-3x faster this way) and reads the
file the full way on any doubt. Apart from schema.py (the ~500-line module rule); the
event contract's slug and source keys live here because both readers use them, and
timeline.schema re-exports them.
"""
from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import timex
from .model import EVENT_KINDS, EVENT_STATUSES, TIMEX_MODS
from .yamlcheck import _STR, Where

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}")
SOURCE_KEYS = ("article", "quote", "expression")
_SOURCE_KEY_SET = frozenset(SOURCE_KEYS)

_PLAIN_TEXTS = ("id", "date", "end", "mod", "title", "summary", "kind", "status")
_PLAIN_LISTS = ("tags", "people", "places")
_PLAIN_KEYS = frozenset(_PLAIN_TEXTS + _PLAIN_LISTS + ("sources",))
_CHOICES = {"mod": frozenset(TIMEX_MODS), "kind": frozenset(EVENT_KINDS),
            "status": frozenset(EVENT_STATUSES)}


def plain_event(node: MappingNode, stem: str,
                source: str) -> tuple[dict[str, Any], dict[str, Where]] | None:
    """The fields of the Event and their ``where`` for a file that validate_event would
    find nothing to say about, in one pass, or None on any doubt: a key that is unknown,
    repeated or not plain, a value that is empty, null or not text, conflicts, a '#'
    anywhere (a comment may cut a value short), any rule broken. validate_event then
    reads the file the full way and collects every problem. The same result as the full
    way: ``where`` has the same entries in the same order (the order the full way reads
    the keys), the Event the same fields (tests/test_schema_fast.py). ``stem``: the file
    name's stem, which the id must equal; ``source``: the file's text."""
    if "#" in source:
        return None
    items: dict[str, Node] = {}
    for knode, vnode in node.value:
        key = knode.value
        if type(knode) is not ScalarNode or key in items or key not in _PLAIN_KEYS:
            return None
        items[key] = vnode
    where: dict[str, Where] = {}
    data: dict[str, Any] = {}
    for key in _PLAIN_TEXTS:
        vnode = items.get(key)
        if vnode is not None:
            if vnode.tag != _STR:
                return None
            mark = vnode.start_mark
            where[key] = (mark.line + 1, mark.column + 1)
            data[key] = vnode.value
    event_id, date, end = data.get("id"), data.get("date"), data.get("end")
    if (event_id is None or event_id != stem or not SLUG_RE.fullmatch(event_id)
            or date is None or not timex.is_valid_event_date(date)
            or not data.get("title", "").strip()):
        return None
    if end is not None:
        if not timex.is_valid_event_date(end):
            return None
        b_date, b_end = timex.bounds(date), timex.bounds(end)
        if b_date and b_end and b_end[1] <= b_date[0]:
            return None
    for key, allowed in _CHOICES.items():
        if key in data and data[key] not in allowed:
            return None
    for key in _PLAIN_LISTS:
        vnode = items.get(key)
        if vnode is not None:
            if type(vnode) is not SequenceNode or any(x.tag != _STR for x in vnode.value):
                return None
            mark = vnode.start_mark
            where[key] = (mark.line + 1, mark.column + 1)
            data[key] = [x.value for x in vnode.value]
    sources = data["sources"] = []
    vnode = items.get("sources")
    if vnode is not None:
        if type(vnode) is not SequenceNode:
            return None
        mark = vnode.start_mark
        where["sources"] = (mark.line + 1, mark.column + 1)
        for i, item in enumerate(vnode.value):
            if type(item) is not MappingNode:
                return None
            src: dict[str, Node] = {}
            for knode, snode in item.value:
                key = knode.value
                if (type(knode) is not ScalarNode or key in src or key not in _SOURCE_KEY_SET
                        or snode.tag != _STR):
                    return None
                src[key] = snode
            if "article" not in src or not src["article"].value.strip():
                return None
            kept = {}
            for key in SOURCE_KEYS:         # where the full way puts them: in this order
                snode = src.get(key)
                if snode is not None:
                    mark = snode.start_mark
                    where[f"sources[{i}].{key}"] = (mark.line + 1, mark.column + 1)
                    kept[key] = snode.value
            mark = item.start_mark
            where[f"sources[{i}]"] = (mark.line + 1, mark.column + 1)
            sources.append(kept)
    return data, where
