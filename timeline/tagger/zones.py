"""UTC offsets for clock times: named zones, explicit offsets, "local time" at a place.

The offset of a place is looked up for the expression's own date and hour through
timeline.places (zoneinfo + tzdata), so it is DST-correct.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from .. import places

_OFFSET_RE = re.compile(r"^[+-]\d\d:\d\d$")
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


def zone_offset(zone: str | None, value: str, place: str | None, fallback: str | None) -> str | None:
    """The "+07:00" offset of a clock time, or None when the value has no clock time.

    ``zone`` is what the expression said: an offset ("+08:00", from "GMT+8" or a zone
    abbreviation), "LOCAL" ("local time"), a place name ("in Kuala Lumpur") or None.
    Unqualified and "local" times are at ``place`` (the dateline), else ``fallback``
    (the anchor's own offset).
    """
    when = wall_clock(value)
    if when is None:
        return None
    if zone and _OFFSET_RE.match(zone):
        return zone
    if zone and zone != "LOCAL":
        found = places.utc_offset(zone, when)
        if found:
            return found
    if place:
        found = places.utc_offset(place, when)
        if found:
            return found
    return fallback


def anchor_offset(anchor_time: datetime | None) -> str | None:
    if anchor_time is None or anchor_time.utcoffset() is None:
        return None
    return places.format_offset(anchor_time.utcoffset())
