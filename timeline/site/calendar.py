"""events.ics: the timeline as an iCalendar file (RFC 5545).

Dates become all-day events covering their day, weekend or week. A date known only to
the month, season, quarter, half, year or coarser is one all-day entry on its period's
first day, its SUMMARY led by its label ("2018: ...", "February 2019: ...") and its
DESCRIPTION saying so: spread over a whole month or year, it would sit on every day of
it in a calendar app, as if it went on all that time (X-WR-CALDESC says this once for
the whole calendar). Every event is TRANSP:TRANSPARENT: a subscribed timeline never
makes its reader busy. A clock time with a known UTC offset becomes a timed event in its own zone:
``DTSTART;TZID=Asia/Ho_Chi_Minh:20190228T133000`` when a cited article's zone (else
the site's ``timezone``) had that offset at that instant, with that zone's VTIMEZONE
(its real standard/daylight transitions, from the tz database, for the years used);
else a fixed-offset zone ``TZID="UTC+07:00"``; UTC itself is written with "Z". RFC 5545
has no numeric offsets in DATE-TIME values, so this is how an offset is kept.
Clock times without an offset stay floating. A timed event's date-only end ends at
midnight after that day in the start's zone (date_props says why). A wall time that the
zone skips (a clock change's gap: 01:30 on the morning London's clocks go from 01:00 to
02:00) is read as RFC 5545 reads it, with the offset before the gap, and written as the
wall time of that instant (02:30 BST), which exists: so no calendar app has to guess. Only the zones
some DTSTART or DTEND is written in get a VTIMEZONE. Lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character. DTSTAMP is the event's newest source
publication date, never the build time, so the file is deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Callable, NamedTuple
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..project import SiteConfig
from . import labels
from .exports import entry_text, entry_time
from .memo import Fragments
from .urls import BaseUrl, slugify
from .views import EventView

UTC = timezone.utc
DAY = timedelta(days=1)


def escape_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets (continuation lines start with a space)."""
    if line.isascii():                   # one octet a character: cut by slicing
        if len(line) <= 75:
            return line + "\r\n"
        return "\r\n ".join([line[:75]] + [line[i:i + 74] for i in range(75, len(line), 74)]) + "\r\n"
    return fold_octets(line)


def fold_octets(line: str) -> str:
    """fold() for any text: never splits a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    out, chunk, limit = [], b"", 75
    for ch in line:
        b = ch.encode("utf-8")
        if len(chunk) + len(b) > limit:
            out.append(chunk)
            chunk, limit = b"", 74          # the leading space counts
        chunk += b
    out.append(chunk)
    return "\r\n ".join(c.decode("utf-8") for c in out) + "\r\n"


@dataclass(frozen=True)
class Zone:
    """Where a clock time is written: a named IANA zone or a fixed offset ("UTC+07:00")."""
    tzid: str
    named: bool
    offset: timedelta            # the fixed zone's offset (unused for a named zone)

    @property
    def param(self) -> str:      # TZID parameter value: quoted when it has a ':'
        return f'"{self.tzid}"' if ":" in self.tzid else self.tzid


def _fixed(offset: timedelta) -> Zone:
    minutes = int(offset.total_seconds()) // 60
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    return Zone(f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}", False, offset)


def zone_names(v: EventView, default: str | None) -> list[str]:
    """Candidate IANA zones for an event's clock times: its cited articles' zones in
    order, then the site's."""
    names = [s.article.timezone for s in v.sources if s.article and s.article.timezone]
    return list(dict.fromkeys(names + ([default] if default else [])))


def zone_for(instant: datetime, names: list[str]) -> Zone | None:
    """The first named zone whose UTC offset at ``instant`` is the instant's own offset
    (and whose wall time then is not the repeated hour after a clock change: RFC 5545
    reads that as its first occurrence); else a fixed-offset zone; None for UTC ("Z")."""
    offset = instant.utcoffset()
    for name in names:
        try:
            tz = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        local = instant.astimezone(tz)
        if local.utcoffset() == offset and not local.fold:
            return Zone(name, True, offset)
    return None if not offset else _fixed(offset)


def _tz(zone: Zone | None):
    """The tzinfo a zone's wall times are read in (UTC for None)."""
    if zone is None:
        return UTC
    return ZoneInfo(zone.tzid) if zone.named else timezone(zone.offset)


def _stamp(instant: datetime, zone: Zone | None) -> tuple[str, str]:
    """(parameters, value) for DTSTART/DTEND of an instant in its zone."""
    if zone is None:
        return "", f"{instant.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    return f";TZID={zone.param}", f"{instant.astimezone(_tz(zone)):%Y%m%dT%H%M%S}"


def _wall(w: labels.When) -> datetime:
    """A clock time's local wall time (naive), whatever its offset."""
    return datetime(w.start.year, w.start.month, w.start.day, w.minute // 60, w.minute % 60)


def _after(last: date) -> datetime:
    """The midnight that ends the day ``last`` (naive): where a date-only end stops."""
    return datetime(last.year, last.month, last.day) + DAY


def _instant_of(wall: datetime, zone: Zone | None) -> datetime:
    """The instant a wall time in the zone stands for, as RFC 5545 reads it: in a
    repeated hour the first occurrence, in a skipped one (a gap) with the offset before
    the gap (both are Python's fold=0). Kept in UTC, so that writing it in the zone
    gives the wall time it really had: 01:30 in London's spring gap is written 02:30."""
    return wall.replace(tzinfo=_tz(zone)).astimezone(UTC)


# Precisions shown as one entry on their period's first day: coarser than a week.
PRECISION_WORDS = {labels.CENTURY: "century", labels.DECADE: "decade", labels.YEAR: "year",
                   labels.HALF: "half year", labels.QUARTER: "quarter", labels.SEASON: "season",
                   labels.MONTH: "month"}


def on_first_day(v: EventView) -> bool:
    """A date known only to its month or coarser: one entry on the period's first day."""
    return v.when.precision in PRECISION_WORDS


def summary(v: EventView) -> str:
    """SUMMARY: the title, led by the date's label when the calendar cannot show it."""
    return f"{v.label}: {v.title}" if on_first_day(v) else v.title


def description(v: EventView, text: Callable[[EventView], str] = entry_text) -> str:
    text = text(v)
    if on_first_day(v):
        text += (f"\n\n(The sources date it only to the {PRECISION_WORDS[v.when.precision]}: "
                 f"{v.label}. Calendars show it on the first day, {labels.day_label(v.when.start)}.)")
    return text


CALENDAR_NOTE = ("Events dated only to a month, season, quarter or year are shown on the "
                 "first day of that period, their date first in their title.")


class DateProp(NamedTuple):
    """One DTSTART or DTEND line, with the zone it is written in (None: UTC "Z", a
    floating time or a date) and its instant, for that zone's VTIMEZONE."""
    line: str
    zone: Zone | None = None
    instant: datetime | None = None


def _zoned(name: str, instant: datetime, zone: Zone | None) -> DateProp:
    params, value = _stamp(instant, zone)
    return DateProp(f"{name}{params}:{value}", zone, instant)


def _floating(name: str, wall: datetime) -> DateProp:
    return DateProp(f"{name}:{wall:%Y%m%dT%H%M%S}")


def date_props(v: EventView, default: str | None) -> list[DateProp]:
    """DTSTART and DTEND as they are written; the VTIMEZONEs are the zones used here.

    Dates (any precision but a clock time) are all-day events over their whole day(s),
    weekend or week (to the end of their end, if any); coarser ones (on_first_day) are
    one all-day entry on the period's first day, whatever their end.
    A clock time with an offset is written in its zone (zone_for), one without floating.
    The end, when there is one:
    - a clock time with an offset: in its own zone (a floating start: its wall time);
    - a clock time without an offset: that wall time in the start's zone;
    - a date (or coarser, or a part of day): the end of its last day, midnight in the
      start's zone. "From 18:00 on 27 Feb until 1 Mar" includes all of 1 Mar; a calendar
      shows it from the start's clock time to the end of that day, where an all-day
      span would lose the start's time and a point event would lose the end.
    An end that is not after the start is not written (RFC 5545 forbids it)."""
    w, end = v.when, v.end
    if w.precision != labels.TIME:
        last = w.start if on_first_day(v) else max((end or w).end, w.start)
        return [DateProp(f"DTSTART;VALUE=DATE:{_ymd(w.start)}"),
                DateProp(f"DTEND;VALUE=DATE:{_ymd(last + DAY)}")]
    if w.instant is None:                                    # floating: so is the end
        start = _wall(w)
        props = [_floating("DTSTART", start)]
        stop = None if end is None else _wall(end) if end.precision == labels.TIME \
            else _after(max(end.end, w.start))
        if stop is not None and stop > start:
            props.append(_floating("DTEND", stop))
        return props
    names = zone_names(v, default)
    zone = zone_for(w.instant, names)
    props = [_zoned("DTSTART", w.instant, zone)]
    if end is None:
        return props
    if end.precision == labels.TIME and end.instant is not None:
        stop, stop_zone = end.instant, zone_for(end.instant, names)
    else:
        local = _wall(end) if end.precision == labels.TIME else _after(max(end.end, w.start))
        stop, stop_zone = _instant_of(local, zone), zone
    if stop > w.instant:
        props.append(_zoned("DTEND", stop, stop_zone))
    return props


def _ymd(d: date) -> str:
    """``f"{d:%Y%m%d}"`` (strftime: ~1.5 us), put together directly for a 4-digit year
    (strftime does not pad a year below 1000 here: those go through it)."""
    if d.year >= 1000:
        return f"{d.year}{d.month:02d}{d.day:02d}"
    return f"{d:%Y%m%d}"


def _utc_stamp(t: datetime) -> str:
    """``f"{t.astimezone(UTC):%Y%m%dT%H%M%SZ}"`` (DTSTAMP), without strftime."""
    t = t.astimezone(UTC)
    return f"{_ymd(t)}T{t.hour:02d}{t.minute:02d}{t.second:02d}Z"


def _utc_offset(delta: timedelta) -> str:
    """RFC 5545 UTC-OFFSET: +HHMM, or +HHMMSS for the odd historical offset."""
    seconds = int(delta.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hh, rest = divmod(seconds, 3600)
    mm, ss = divmod(rest, 60)
    return f"{sign}{hh:02d}{mm:02d}" + (f"{ss:02d}" if ss else "")


def _state(tz: ZoneInfo, t: datetime) -> tuple:
    local = t.astimezone(tz)
    return local.utcoffset(), local.dst(), local.tzname()


def _observance(onset_utc: datetime, before: tuple, after: tuple) -> list[str]:
    """One STANDARD or DAYLIGHT sub-component: from ``onset_utc`` on, ``after`` holds.
    Its DTSTART is the onset in the local time of the offset before it (RFC 5545)."""
    kind = "DAYLIGHT" if after[1] else "STANDARD"
    onset = (onset_utc + before[0]).replace(tzinfo=None)
    lines = [f"BEGIN:{kind}", f"DTSTART:{onset:%Y%m%dT%H%M%S}",
             f"TZOFFSETFROM:{_utc_offset(before[0])}", f"TZOFFSETTO:{_utc_offset(after[0])}"]
    if after[2]:
        lines.append(f"TZNAME:{escape_text(after[2])}")
    return lines + [f"END:{kind}"]


def _spans(years: set[int]) -> list[tuple[int, int]]:
    """Sorted years as runs of consecutive years: {2018, 2019, 2021} -> [(2018, 2019), (2021, 2021)]."""
    out: list[list[int]] = []
    for y in sorted(years):
        if out and y == out[-1][1] + 1:
            out[-1][1] = y
        else:
            out.append([y, y])
    return [(a, b) for a, b in out]


def observances(tz: ZoneInfo, years: set[int]) -> list[str]:
    """The zone's offset in force at the start of each run of years used, then every
    transition inside it (found day by day, then to the second), from the tz database."""
    lines: list[str] = []
    for first, last in _spans({min(max(y, 2), 9998) for y in years}):
        t = datetime(first, 1, 1, tzinfo=UTC) - 2 * DAY
        stop = datetime(last + 1, 1, 1, tzinfo=UTC) + 2 * DAY
        cur = _state(tz, t)
        lines += _observance(t, cur, cur)
        while t < stop:
            nxt = min(t + DAY, stop)
            new = _state(tz, nxt)
            if new == cur:
                t = nxt
                continue
            lo, hi = t, nxt                      # state(lo) == cur != state(hi)
            while hi - lo > timedelta(seconds=1):
                mid = lo + timedelta(seconds=int((hi - lo).total_seconds()) // 2)
                lo, hi = (mid, hi) if _state(tz, mid) == cur else (lo, mid)
            new = _state(tz, hi)
            lines += _observance(hi, cur, new)
            cur, t = new, hi
    return lines


def vtimezone(zone: Zone, years: set[int]) -> list[str]:
    if zone.named:
        body = observances(ZoneInfo(zone.tzid), years)
    else:
        state = (zone.offset, timedelta(0), zone.tzid)
        body = _observance(datetime(1970, 1, 1, tzinfo=UTC) - zone.offset, state, state)
    return ["BEGIN:VTIMEZONE", f"TZID:{zone.tzid}", *body, "END:VTIMEZONE"]


def vtimezones(views: list[EventView], default: str | None) -> list[str]:
    """A VTIMEZONE for every zone a DTSTART or DTEND is written in (and no other),
    covering the years used: taken from the same date_props the VEVENTs are written from."""
    used: dict[str, tuple[Zone, set[int]]] = {}
    for v in views:
        if v.when.precision == labels.TIME:
            for prop in date_props(v, default):
                if prop.zone is not None:
                    used.setdefault(prop.zone.tzid, (prop.zone, set()))[1].add(
                        prop.instant.astimezone(UTC).year)
    return [line for tzid in sorted(used) for line in vtimezone(*used[tzid])]


def vevent(v: EventView, host: str, base: BaseUrl, default_zone: str | None = None,
           text: Callable[[EventView], str] = entry_text) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{v.id}@{host}",
             f"DTSTAMP:{_utc_stamp(entry_time(v))}",
             *(p.line for p in date_props(v, default_zone)),
             f"SUMMARY:{escape_text(summary(v))}",
             f"DESCRIPTION:{escape_text(description(v, text))}"]
    if base.absolute:
        lines.append(f"URL:{base.full(v.rel)}")
    if v.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(t.name) for t in v.tags))
    lines.append("STATUS:TENTATIVE" if v.kind == "planned" else "STATUS:CONFIRMED")
    lines.append("TRANSP:TRANSPARENT")
    lines.append("END:VEVENT")
    return "".join([fold(x) for x in lines])


def icalendar(config: SiteConfig, base: BaseUrl, views: list[EventView],
              memo: Fragments, text: Callable[[EventView], str] = entry_text) -> bytes:
    """events.ics; ``text``: entry_text, or a caller's copy that keeps what it made
    (exports.EntryTexts: timeline.json prints the same text)."""
    host = urlsplit(base.origin).netloc if base.origin else slugify(config.title)
    out = [fold(x) for x in (
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//timeline//{escape_text(config.title)}//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(config.title)}",
        "X-WR-CALDESC:" + escape_text(" ".join(filter(None, (config.description, CALENDAR_NOTE)))),
        *vtimezones(views, config.timezone))]
    out.extend(memo.pieces("ics", views, lambda v: vevent(v, host, base, config.timezone, text)))
    out.append(fold("END:VCALENDAR"))
    return "".join(out).encode("utf-8")
