"""A cluster of mentions -> an Event; ids and order.

date: the date most articles give (ties: the first report), at the finest precision
the agreeing reports have; other dates go to `conflicts`. title: the best-scored
headline of the reports that give that date. kind: planned only when every dated report
is planned. sources: every report, and the evidence (quoted or undated reports) whose
date, if any, fits the event's. Ids
are slugs of the date and the title words, made unique in a fixed order; once written
they never change (see merge).
"""
from __future__ import annotations

import re
import unicodedata

from ..model import Event, Source
from .cluster import Cluster, canonical, compatible, mention_order, span, widen
from .mentions import Mention

MAX_ID_WORDS = 6


def _groups(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions grouped by compatible dates, in order of first report."""
    groups: list[list[Mention]] = []
    for m in sorted(mentions, key=mention_order):
        for g in groups:
            if all(compatible(m.date, x.date) for x in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _finest(group: list[Mention]) -> Mention:
    def width(m: Mention) -> float:
        s = span(m.date)
        return (s[1] - s[0]).total_seconds() if s else float("inf")
    return min(group, key=lambda m: (width(m), mention_order(m)))


def cluster_to_event(cluster: Cluster) -> Event:
    groups = _groups(cluster.mentions)
    main = max(groups, key=lambda g: (len({m.article for m in g}), -groups.index(g)))
    dated = _finest(main)
    # the best headline of the reports that give the event's date (a report whose date
    # conflicts may tell it from another side: "Gulf of Mexico is big ocean" of 4 May
    # joined the rig's explosion), and of an event founded on a once-only happening ("the
    # rig exploded") a report of that happening, not another clause that came with its
    # date ("managers missed warning signs in the hours before the 20 April explosion");
    # of equal scores the first (max keeps the first maximum)
    founder = cluster.mentions[0].once
    telling = [m for m in main if founder is not None and m.once == founder] or main
    best = max(sorted(telling, key=mention_order), key=lambda m: m.score)
    # evidence (a quoted or undated report) joined through any date of the cluster; a
    # dated one that does not fit the date chosen ("who said last week that the fund ...",
    # matched through another report's "last month") dates something else: no source here
    fits = [m for m in cluster.evidence if m.date is None or compatible(m.date, dated.date)]
    everything = sorted(cluster.mentions + fits, key=mention_order)
    seen = set()
    sources = []
    for m in everything:
        key = (m.article, m.quote)
        if key in seen:
            continue
        seen.add(key)
        sources.append(Source(m.article, m.quote, m.expression))
    conflicts = []
    for g in groups:
        if g is main:
            continue
        for m in sorted(g, key=mention_order):
            conflicts.append({"date": m.date, "article": m.article, "expression": m.expression})
    kinds = {m.kind for m in cluster.mentions}
    return Event(
        id="",
        date=dated.date,
        mod=dated.mod,
        title=best.title,
        sources=sources,
        kind="planned" if kinds == {"planned"} else "happened",
        people=widen(canonical([p for m in everything for p in m.people])),
        places=canonical([p for m in everything for p in m.places]),
        tags=canonical([t for m in everything for t in m.tags]),
        conflicts=conflicts,
    )


def slug(text: str, stop: frozenset[str]) -> str:
    """The first MAX_ID_WORDS words of ``text`` that are not ``stop`` words (the
    languages' id_stop_words), ASCII, joined by hyphens."""
    text = re.sub(r"[^\w]+", " ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", text.casefold())]
    kept = [w for w in words if w not in stop][:MAX_ID_WORDS] or words[:MAX_ID_WORDS]
    return "-".join(kept)


def date_slug(value: str) -> str:
    """"2019-02-28T14:00+07:00" -> "2019-02-28-1400"; precision kept, offset dropped."""
    core = re.split(r"[+Z]", value)[0] if "T" in value else value
    return core.replace("T", "-").replace(":", "").casefold()


def make_id(event: Event, taken: set[str], stop: frozenset[str]) -> str:
    base = f"{date_slug(event.date)}-{slug(event.title, stop)}".strip("-")
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def event_order(event: Event, first: Mention | None = None) -> tuple:
    """By date (a coarse date before the finer dates inside it), then text order."""
    s = span(event.date)
    start = s[0].isoformat() if s else event.date
    width = -(s[1] - s[0]).total_seconds() if s else 0.0
    return (start, width, mention_order(first) if first else (), event.id)
