"""UTC offsets for clock times: named zones, explicit offsets, "local time" at a place.

The offset of a place is looked up for the expression's own date and hour through
timeline.places (zoneinfo + tzdata), so it is DST-correct. A place named in the text
("0900 Beijing time", "at 8 pm in Georgia") is read as places.named_zone reads it (a
country, a region or a city big enough to name a zone, not read abroad when the
dateline's country has a place of that name, or none when that is unsure); a dateline's
place as places.zone does.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from .. import places
from ..timex import offset_delta

_OFFSET_RE = re.compile(r"^[+-]\d\d:\d\d$")
# What may stand between a clock time and the same instant written in another zone:
# "1300 local time (0500 GMT)", tokenised "1425 local time -LRB- 1925 GMT -RRB-".
_PAIR_GAP_RE = re.compile(r"\s*(?:\(|-LRB-)\s*")
# UTC offsets in use run from -12:00 to +14:00.
_MIN_OFFSET, _MAX_OFFSET = timedelta(hours=-12), timedelta(hours=14)
_DATE_TIME_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d)(?::(\d\d))?")


def wall_clock(value: str) -> datetime | None:
    """The naive local date-time of a resolved TIME value, or None."""
    m = _DATE_TIME_RE.match(value)
    if not m:
        return None
    y, mo, d, h, mi = (int(g or 0) for g in m.groups())
    try:
        return datetime(y, mo, d) + timedelta(hours=h, minutes=mi)
    except ValueError:
        return None


def zone_offset(zone: str | None, value: str, place: str | None, fallback: str | None,
                named: tuple[str, ...] = ()) -> str | None:
    """The "+07:00" offset of a clock time, or None when the value has no clock time.

    ``zone`` is what the expression said: an offset ("+08:00", from "GMT+8" or a zone
    abbreviation), "LOCAL" ("local time"), a place name ("in Kuala Lumpur") or None.
    Unqualified and "local" times are at ``place`` (the dateline), else ``fallback``
    (the anchor's own offset). A place named is read with the dateline, as
    places.named_zone reads it ("10pm in Westminster" in a London article is London's,
    not Colorado's; "at 8 pm in Paris, Texas"). A place that names no one zone ("8 pm
    in Georgia", the country or the state; "7am in Indonesia"; "8 pm in Paris, Penn")
    gives none, not the dateline's, unless the place can be one on the dateline's clock
    ("10am in Manchester" in a London article); words that are no place at all ("at
    10am in Downing Street") leave the time on the dateline's.

    "Local time" is the clock of the place the sentence is about: ``named`` holds the
    names its sentence gives (:func:`sentence_names`). When those that read as places
    keep one clock, that one ("a quake hit Haiti at 16:53 local time" in a London
    article; "the Doha talks open at 10 a.m. local time" datelined Islamabad); when
    they keep several, or none is a place, the dateline's; with no dateline, none:
    the newsroom's clock is not "local" to a story abroad.
    """
    when = wall_clock(value)
    if when is None:
        return None
    if zone and _OFFSET_RE.match(zone):
        return zone
    dateline = places.utc_offset(place, when) if place else None
    if zone == "LOCAL":
        clocks = {places.offset_in(places.named_zone(name, place), when) for name in named}
        clocks.discard(None)
        return clocks.pop() if len(clocks) == 1 else dateline
    if zone:
        tz = places.named_zone(zone, place)               # named in the text
        if tz is not None:
            return places.offset_in(tz, when)
        if places.is_country(zone):
            return None                                   # "in Indonesia": several clocks
        # "in Paris, Penn": Paris is a place, whatever the words after the comma
        somewhere = places.zone(zone.partition(",")[0])
        if somewhere is not None and places.offset_in(somewhere, when) != dateline:
            return None                                   # a place, but of another clock
    return dateline or fallback


# A name as written: capitalised words, one space apart ("Port-au-Prince", "Kuala Lumpur").
_NAME_RE = re.compile(r"(?<![\w'-])[A-Z][\w-]*(?: [A-Z][\w-]*)*")


def sentence_names(text: str, start: int, end: int, starters: frozenset[str],
                   destinations: frozenset[str]) -> tuple[str, ...]:
    """The names written in text[start:end] that may be the places it is about: runs of
    capitalised words, less an opening word of ``starters`` ("The Doha talks" -> "Doha"),
    not after a word of ``destinations`` ("left for Kuala Lumpur"); a run is read whole
    ("Tony Hayward" is no place, though Hayward is)."""
    names = []
    for m in _NAME_RE.finditer(text, start, end):
        before = text[max(start, m.start() - 12):m.start()].split()
        if before and before[-1].lower() in destinations:
            continue
        words = m.group().split(" ")
        if words[0].lower() in starters:
            words = words[1:]
        if words:
            names.append(" ".join(words))
    return tuple(names)


def anchor_offset(anchor_time: datetime | None) -> str | None:
    if anchor_time is None or anchor_time.utcoffset() is None:
        return None
    return places.format_offset(anchor_time.utcoffset())


def paired_offset(value: str, gap: str, other_value: str, other_offset: str | None,
                  other_dated: bool = False) -> tuple[str, str] | None:
    """(the offset of a clock time the text gives again right after it, in brackets, in a
    zone it names; the bracketed clock's value on its own day): "1300 local time (0500
    GMT)" is at +08:00, "1:30pm local time (2.30pm in Kuala Lumpur)" at +07:00, and "at
    2000 (0000 GMT)" on June 15 at -04:00, its 0000 GMT on June 16 (both clocks were
    resolved to the same day, so the other's day may be the next or the one before: the
    one that puts the offset within -12:00..+14:00, the same day first), unless the text
    gave it a day of its own (``other_dated``: "0200 local time (2200 GMT, Friday)").
    None when ``gap`` (the text between them) is no bracket, or the clocks are no whole
    quarter-hour apart or too far apart."""
    if other_offset is None or not _OFFSET_RE.match(other_offset) or not _PAIR_GAP_RE.fullmatch(gap):
        return None
    here, there = wall_clock(value), wall_clock(other_value)
    if here is None or there is None:
        return None
    for days in ((0,) if other_dated else (0, 1, -1)):
        moved = there + timedelta(days=days)
        delta = here - moved + offset_delta(other_offset)
        if delta % timedelta(minutes=15):
            return None
        if _MIN_OFFSET <= delta <= _MAX_OFFSET:
            return places.format_offset(delta), moved.date().isoformat() + other_value[10:]
    return None
