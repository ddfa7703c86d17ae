"""events.ics: the timeline as an iCalendar file (RFC 5545).

Dates become all-day events covering their whole period (a day, a week, a month,
a year). A clock time with a known UTC offset becomes a timed event in its own zone:
``DTSTART;TZID=Asia/Ho_Chi_Minh:20190228T133000`` when a cited article's zone (else
the site's ``timezone``) had that offset at that instant, with that zone's VTIMEZONE
(its real standard/daylight transitions, from the tz database, for the years used);
else a fixed-offset zone ``TZID="UTC+07:00"``; UTC itself is written with "Z". RFC 5545
has no numeric offsets in DATE-TIME values, so this is how an offset is kept.
Clock times without an offset stay floating. Lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character. DTSTAMP is the event's newest source
publication date, never the build time, so the file is deterministic.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..project import SiteConfig
from . import labels
from .exports import entry_text, entry_time
from .memo import NO_MEMO, Fragments
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


def _stamp(instant: datetime, zone: Zone | None) -> tuple[str, str]:
    """(parameters, value) for DTSTART/DTEND of an instant in its zone."""
    if zone is None:
        return "", f"{instant.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    local = instant.astimezone(ZoneInfo(zone.tzid) if zone.named else timezone(zone.offset))
    return f";TZID={zone.param}", f"{local:%Y%m%dT%H%M%S}"


def timed_zones(v: EventView, default: str | None) -> list[tuple[datetime, Zone]]:
    """(instant, zone) for the start and end clock times of an event that has them."""
    names = zone_names(v, default)
    out = []
    for w in (v.when, v.end):
        if w is not None and w.precision == labels.TIME and w.instant is not None:
            zone = zone_for(w.instant, names)
            if zone is not None:
                out.append((w.instant, zone))
    return out


def _dt_lines(v: EventView, default: str | None) -> list[str]:
    w, end = v.when, v.end or v.when
    if w.precision == labels.TIME:
        names = zone_names(v, default)
        if w.instant is not None:
            params, value = _stamp(w.instant, zone_for(w.instant, names))
            lines = [f"DTSTART{params}:{value}"]
        else:
            lines = [f"DTSTART:{w.start:%Y%m%d}T{w.minute // 60:02d}{w.minute % 60:02d}00"]
        if v.end is not None and end.precision == labels.TIME:
            if end.instant is not None and w.instant is not None:
                params, value = _stamp(end.instant, zone_for(end.instant, names))
                lines.append(f"DTEND{params}:{value}")
            elif end.instant is None and w.instant is None:
                lines.append(f"DTEND:{end.start:%Y%m%d}T{end.minute // 60:02d}{end.minute % 60:02d}00")
        return lines
    last = max(end.end, w.start)
    return [f"DTSTART;VALUE=DATE:{w.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + DAY:%Y%m%d}"]


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
    """A VTIMEZONE for every zone a timed event is written in, covering the years used."""
    used: dict[str, tuple[Zone, set[int]]] = {}
    for v in views:
        if v.when.precision == labels.TIME:
            for instant, zone in timed_zones(v, default):
                used.setdefault(zone.tzid, (zone, set()))[1].add(instant.astimezone(UTC).year)
    return [line for tzid in sorted(used) for line in vtimezone(*used[tzid])]


def vevent(v: EventView, host: str, base: BaseUrl, default_zone: str | None = None) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{v.id}@{host}",
             f"DTSTAMP:{entry_time(v).astimezone(timezone.utc):%Y%m%dT%H%M%SZ}",
             *_dt_lines(v, default_zone),
             f"SUMMARY:{escape_text(v.title)}",
             f"DESCRIPTION:{escape_text(entry_text(v))}"]
    if base.absolute:
        lines.append(f"URL:{base.full(v.rel)}")
    if v.tags:
        lines.append("CATEGORIES:" + ",".join(escape_text(t.name) for t in v.tags))
    lines.append("STATUS:TENTATIVE" if v.kind == "planned" else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return "".join(fold(x) for x in lines)


def icalendar(config: SiteConfig, base: BaseUrl, views: list[EventView],
              memo: Fragments = NO_MEMO) -> bytes:
    host = urlsplit(base.origin).netloc if base.origin else slugify(config.title)
    out = [fold(x) for x in (
        "BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//timeline//{escape_text(config.title)}//EN",
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(config.title)}",
        *vtimezones(views, config.timezone))]
    out.extend(memo.get("ics", v, lambda v: vevent(v, host, base, config.timezone)) for v in views)
    out.append(fold("END:VCALENDAR"))
    return "".join(out).encode("utf-8")
