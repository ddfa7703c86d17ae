"""TimeML date values -> what the site shows: a label at the value's real precision,
an HTML ``<time datetime>`` value, the period it covers and a sort key.

    "2018"                      -> "2018"
    "2019-02"                   -> "February 2019"
    "2019-02-28"                -> "Thu 28 Feb 2019"
    "2019-W09"                  -> "week of 25 Feb 2019"
    "2019-02-28TMO"             -> "Thu 28 Feb 2019, morning"
    "2019-02-28T14:00+07:00"    -> "Thu 28 Feb 2019, 14:00 Hanoi (UTC+7)"  (place when known)
    "2019-Q1" / "2019-SU" / "201X" -> "Q1 2019" / "summer 2019" / "the 2010s"

A value the site cannot place on the calendar (e.g. "PRESENT_REF") is a
``DateError``; the build reports it against the event's file.
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
PARTS_OF_DAY = {  # TimeML part of day -> (label, representative minute of the day)
    "MO": ("morning", 9 * 60), "MI": ("midday", 12 * 60), "AF": ("afternoon", 15 * 60),
    "EV": ("evening", 19 * 60), "NI": ("night", 22 * 60), "DT": ("daytime", 12 * 60),
}
SEASONS = {"SP": ("spring", 3), "SU": ("summer", 6), "FA": ("autumn", 9), "AU": ("autumn", 9),
           "WI": ("winter", 12)}
MOD_WORDS = {
    "BEFORE": "before", "AFTER": "after", "ON_OR_BEFORE": "on or before",
    "ON_OR_AFTER": "on or after", "APPROX": "about", "LESS_THAN": "less than",
    "MORE_THAN": "more than", "EQUAL_OR_LESS": "at most", "EQUAL_OR_MORE": "at least",
    "START": "early", "MID": "mid", "END": "late",
}

# Precision ranks: coarser values sort before the finer values inside them.
CENTURY, DECADE, YEAR, HALF, QUARTER, SEASON, MONTH, WEEK, WEEKEND, DAY, PART, TIME = range(12)

_TIME = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d)(?::(\d\d)(?::(\d\d)(?:\.\d+)?)?)?"
                   r"(Z|[+-]\d\d:?\d\d)?$")


class DateError(ValueError):
    """A value that is not a calendar date/time TimeML value."""


class When(NamedTuple):
    """A parsed TimeML value: the period [start, end] (local calendar days) it covers.
    A NamedTuple: immutable, and made (parsed, or loaded from the views cache) about once
    per event and build, 4x faster than a frozen dataclass."""

    value: str
    precision: int
    start: date
    end: date                      # last day inside the period (inclusive)
    html: str                      # valid for <time datetime="...">
    label: str                     # without mod
    minute: int = -1               # local minute of day for parts of day / times
    offset: str | None = None      # "+07:00" for clock times with a known offset
    instant: datetime | None = None  # aware datetime for clock times (None when floating)

    @property
    def sort_key(self) -> tuple:
        minute = self.minute
        if self.instant is not None and self.offset:
            minute -= _offset_minutes(self.offset)   # instants on the same day in UTC order
        return (self.start.toordinal(), self.precision, minute)


def _offset_minutes(offset: str) -> int:
    if offset == "Z":
        return 0
    sign = -1 if offset[0] == "-" else 1
    digits = offset[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4]))


def _norm_offset(raw: str | None) -> str | None:
    if raw is None:
        return None
    if raw == "Z":
        return "+00:00"
    return raw if ":" in raw else f"{raw[:3]}:{raw[3:]}"


def day_label(d: date, weekday: bool = True) -> str:
    text = f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"
    return f"{d.strftime('%a')} {text}" if weekday else text


def utc_label(offset: str) -> str:
    """"+07:00" -> "UTC+7", "+05:30" -> "UTC+5:30", "+00:00" -> "UTC"."""
    minutes = _offset_minutes(offset)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _checked_date(y: str, m: str, d: str, value: str) -> date:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        raise DateError(f"not a calendar date: {value!r}") from None


def parse(value: str) -> When:
    """Parse one TimeML DATE/TIME value; raises DateError for anything else."""
    v = str(value).strip()
    if len(v) == 10 and v[4] == "-" and v[7] == "-" and v[:4].isdigit():    # the common case
        day = _checked_date(v[:4], v[5:7], v[8:10], v)
        return When(v, DAY, day, day, v, day_label(day))
    m = _TIME.match(v)
    if m:
        y, mo, d, hh, mm, ss, off = m.groups()
        mm = mm or "00"
        day = _checked_date(y, mo, d, v)
        if hh == "24" and mm == "00":         # 24:00 is the next day's 00:00
            day, hh = day + timedelta(days=1), "00"
            y, mo, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
        if int(hh) > 23 or int(mm) > 59:
            raise DateError(f"not a clock time: {value!r}")
        offset = _norm_offset(off)
        clock = f"{hh}:{mm}"
        instant = None
        html = f"{y}-{mo}-{d}T{clock}" + (f":{ss}" if ss else "")
        if offset:
            sign = 1 if offset[0] == "+" else -1
            tz = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
            instant = datetime(day.year, day.month, day.day, int(hh), int(mm), int(ss or 0), tzinfo=tz)
            html += offset if offset != "+00:00" else "Z"
        return When(v, TIME, day, day, html, f"{day_label(day)}, {clock}", int(hh) * 60 + int(mm),
                    offset, instant)
    parts = v.split("-")
    if re.fullmatch(r"\d{4}-\d\d-\d\dT(MO|MI|AF|EV|NI|DT)", v):
        day = _checked_date(v[:4], v[5:7], v[8:10], v)
        word, minute = PARTS_OF_DAY[v[-2:]]
        return When(v, PART, day, day, day.isoformat(), f"{day_label(day)}, {word}",
                    minute)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
        day = _checked_date(*parts, v)
        return When(v, DAY, day, day, v, day_label(day))
    if re.fullmatch(r"\d{4}-W\d\d-[1-7]", v):
        try:
            day = date.fromisocalendar(int(parts[0]), int(parts[1][1:]), int(parts[2]))
        except ValueError:
            raise DateError(f"no such ISO week day: {value!r}") from None
        return When(v, DAY, day, day, day.isoformat(), day_label(day))
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", v):
        year, week = int(parts[0]), int(parts[1][1:])
        try:
            monday = date.fromisocalendar(year, week, 1)
        except ValueError:
            raise DateError(f"no such ISO week: {value!r}") from None
        if v.endswith("-WE"):
            sat = monday + timedelta(days=5)
            return When(v, WEEKEND, sat, sat + timedelta(days=1), v[:8],
                        f"weekend of {day_label(sat, weekday=False)}")
        return When(v, WEEK, monday, monday + timedelta(days=6), v,
                    f"week of {day_label(monday, weekday=False)}")
    if re.fullmatch(r"\d{4}-\d\d", v):
        year, month = int(parts[0]), int(parts[1])
        if not 1 <= month <= 12:
            raise DateError(f"not a month: {value!r}")
        return When(v, MONTH, date(year, month, 1), _month_end(year, month), v,
                    f"{MONTHS[month - 1]} {year}")
    if re.fullmatch(r"\d{4}-Q[1-4]", v):
        year, q = int(parts[0]), int(v[-1])
        first = 3 * (q - 1) + 1
        return When(v, QUARTER, date(year, first, 1), _month_end(year, first + 2), parts[0],
                    f"Q{q} {year}")
    if re.fullmatch(r"\d{4}-H[12]", v):
        year, h = int(parts[0]), int(v[-1])
        first = 1 if h == 1 else 7
        return When(v, HALF, date(year, first, 1), _month_end(year, first + 5), parts[0],
                    f"{'first' if h == 1 else 'second'} half of {year}")
    if re.fullmatch(r"\d{4}-(SP|SU|FA|AU|WI)", v):
        year = int(parts[0])
        word, first = SEASONS[parts[1]]
        start = date(year, first, 1)
        end_month = first + 2
        end = _month_end(year + (end_month > 12), (end_month - 1) % 12 + 1)
        return When(v, SEASON, start, end, parts[0], f"{word} {year}")
    if re.fullmatch(r"\d{4}", v):
        year = int(v)
        return When(v, YEAR, date(year, 1, 1), date(year, 12, 31), v, v)
    if re.fullmatch(r"\d{3}X?", v):
        first = int(v[:3]) * 10
        return When(v, DECADE, date(max(first, 1), 1, 1), date(first + 9, 12, 31), f"{max(first, 1):04d}",
                    f"the {first}s")
    if re.fullmatch(r"\d\d(XX)?", v):
        first = int(v[:2]) * 100
        return When(v, CENTURY, date(max(first, 1), 1, 1), date(first + 99, 12, 31),
                    f"{max(first, 1):04d}", f"{first}–{first + 99}")   # "the 1900s" is a decade
    pod = re.fullmatch(r"(.+)T(MO|MI|AF|EV|NI|DT)", v)
    if pod:                                   # a part of day on a coarser date: "2019-W09TNI"
        inner = parse(pod.group(1))
        return When(v, inner.precision, inner.start, inner.end, inner.html,
                    f"{inner.label}, {PARTS_OF_DAY[pod.group(2)][0]}")
    raise DateError(f"not a calendar date or time value: {value!r}")


def place_for_offset(offset: str, instant: datetime, zones: list[tuple[str, str]]) -> str | None:
    """The first (place name, IANA zone) whose UTC offset at ``instant`` equals ``offset``."""
    for name, zone_name in zones:
        try:
            tz = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        delta = instant.astimezone(tz).utcoffset()
        if delta is not None and int(delta.total_seconds() // 60) == _offset_minutes(offset):
            return name
    return None


def label(when: When, *, mod: str | None = None, end: When | None = None,
          zones: list[tuple[str, str]] = ()) -> str:
    """The full label: mod words, clock time with place or UTC offset, and a range end."""
    if end is not None and not mod:
        short = _short_range(when, end, zones)
        if short:
            return short
    text = _one(when, mod, zones)
    if end is not None:
        text = f"{text} – {_one(end, None, zones)}"
    return text


def _short_range(a: When, b: When, zones) -> str | None:
    """"27–28 Feb 2019", "27 Feb – 3 Mar 2019", "February – March 2019",
    "Thu 28 Feb 2019, 13:30–14:00 Hanoi (UTC+7)"."""
    if a.precision == b.precision == TIME and a.start == b.start and a.offset == b.offset:
        head, clock = _one(a, None, zones).split(", ", 1)
        return f"{head}, {clock[:5]}–{b.label.rsplit(', ', 1)[1]}{clock[5:]}"
    if a.precision == b.precision == DAY:
        x, y = a.start, b.start
        if (x.year, x.month) == (y.year, y.month):
            return f"{x.day}–{y.day} {MONTHS[x.month - 1][:3]} {x.year}"
        if x.year == y.year:
            return f"{x.day} {MONTHS[x.month - 1][:3]} – {day_label(y, weekday=False)}"
    if a.precision == b.precision == MONTH and a.start.year == b.start.year:
        return f"{MONTHS[a.start.month - 1]} – {b.label}"
    return None


def _one(when: When, mod: str | None, zones) -> str:
    text = when.label
    word = MOD_WORDS.get(mod or "")
    if when.precision == TIME:
        head, clock = text.rsplit(", ", 1)
        if when.offset and when.instant is not None:
            place = place_for_offset(when.offset, when.instant, list(zones))
            utc = utc_label(when.offset)
            clock += f" {place} ({utc})" if place else f" {utc}"
        return f"{head}, {word} {clock}" if word else f"{head}, {clock}"
    if not word:
        return text
    if mod in ("START", "MID", "END") and when.precision < DAY:
        bare = text[4:] if text.startswith("the ") else text
        return f"{word}-{bare}" if mod == "MID" else f"{word} {bare}"
    return f"{word} {text}"
