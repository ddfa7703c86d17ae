"""events.ics: the timeline as an iCalendar file (RFC 5545).

Dates become all-day events covering their whole period (a day, a week, a month,
a year); clock times with a known UTC offset become timed events in UTC ("Z"),
clock times without one stay floating. Lines end in CRLF and are folded at 75
octets without splitting a UTF-8 character. DTSTAMP is the event's newest source
publication date, never the build time, so the file is deterministic.
"""
from __future__ import annotations

from datetime import timedelta, timezone
from urllib.parse import urlsplit

from ..project import SiteConfig
from . import labels
from .exports import entry_text, entry_time
from .memo import NO_MEMO, Fragments
from .urls import BaseUrl, slugify
from .views import EventView


def escape_text(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets (continuation lines start with a space)."""
    if len(line) <= 75 and line.isascii():
        return line + "\r\n"
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


def _dt_lines(v: EventView) -> list[str]:
    w, end = v.when, v.end or v.when
    if w.precision == labels.TIME:
        if w.instant is not None:
            lines = [f"DTSTART:{w.instant.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"]
        else:
            lines = [f"DTSTART:{w.start:%Y%m%d}T{w.minute // 60:02d}{w.minute % 60:02d}00"]
        if v.end is not None and end.precision == labels.TIME:
            if end.instant is not None and w.instant is not None:
                lines.append(f"DTEND:{end.instant.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}")
            elif end.instant is None and w.instant is None:
                lines.append(f"DTEND:{end.start:%Y%m%d}T{end.minute // 60:02d}{end.minute % 60:02d}00")
        return lines
    last = max(end.end, w.start)
    return [f"DTSTART;VALUE=DATE:{w.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{last + timedelta(days=1):%Y%m%d}"]


def vevent(v: EventView, host: str, base: BaseUrl) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{v.id}@{host}",
             f"DTSTAMP:{entry_time(v).astimezone(timezone.utc):%Y%m%dT%H%M%SZ}",
             *_dt_lines(v),
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
        "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(config.title)}")]
    out.extend(memo.get("ics", v, lambda v: vevent(v, host, base)) for v in views)
    out.append(fold("END:VCALENDAR"))
    return "".join(out).encode("utf-8")
