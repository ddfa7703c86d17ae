"""TimeML TIMEX3 values: which strings are valid, and what span of time they cover.

Pure functions, no I/O, no clock. Used by the tagger (every value it produces must be
valid), by ``timeline.schema`` (an event's ``date``/``end``) and by anyone who needs to
order or compare values of different granularity.

Grammar (TimeML 1.2.1 / TIDES, ISO 8601 extended form):

    DATE      2019 | 201 / 201X (decade) | 20 / 20XX (century) | 2019-02 | 2019-02-28
              2019-W09 | 2019-W09-4 | 2019-W09-WE | 2019-Q1 | 2019-H1
              2019-SP|SU|FA|AU|WI | 2019-02-28TMO|TAF|TEV|TNI|TDT
              unknown parts as X: XXXX-02-28, XXXX-WXX-1, XXXX-XX-XX
              PRESENT_REF | PAST_REF | FUTURE_REF
    TIME      2019-02-28T14 | 2019-02-28T14:00 | 2019-02-28T14:00:05(.5)
              (an event date may add a UTC offset: +07:00 / Z; a TIMEX3 value may not)
    DURATION  P2Y | P1Y6M | P3W | PT2H30M | P1.5Y | PXM | PTXH | P2DE | P1CE | P1Q | P1WE
    SET       any DATE/TIME/DURATION pattern above (P1W, XXXX-WXX-1, TNI, XXXX-XX-XXTMO)
"""
from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta, timezone

REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")
PARTS_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")
SEASONS = ("SP", "SU", "FA", "AU", "WI")

_Y = r"(?P<year>\d{4}|X{4})"
_DATE_RE = re.compile(
    r"(?:"
    r"(?P<century>\d{2})(?:XX)?"                         # 20, 20XX: century
    r"|(?P<decade>\d{3})X?"                              # 201, 201X: decade
    r"|" + _Y + r"(?:"                                   # 2019
    r"-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"       # 2019-02, 2019-02-28
    r"|-W(?P<week>\d{2}|XX)(?:-(?P<wday>[1-7X]|WE))?"    # 2019-W09, 2019-W09-4, 2019-W09-WE
    r"|-Q(?P<quarter>[1-4X])"                            # 2019-Q1
    r"|-H(?P<half>[12X])"                                # 2019-H1
    r"|-(?P<season>SP|SU|FA|AU|WI)"                      # 2019-SU
    r")?"
    r")"
    r"(?:T(?:(?P<pod>MO|MI|AF|EV|NI|DT)"                 # T part of day
    r"|(?P<hour>\d{2}|XX)(?::(?P<minute>\d{2}|XX)(?::(?P<second>\d{2}(?:\.\d+)?))?)?))?"
)
_ZONE_RE = re.compile(r"(?P<zone>Z|[+-]\d{2}:\d{2})$")
_DURATION_RE = re.compile(
    r"P(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|DE|CE|ML|Q|H|WE|L))*"
    r"(?:T(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))+)?"
)
_TIME_ONLY_RE = re.compile(r"T(?:MO|MI|AF|EV|NI|DT|\d{2}(?::\d{2}(?::\d{2})?)?)")
_TYPES = ("DATE", "TIME", "DURATION", "SET")


def _calendar_ok(m: re.Match) -> bool:
    """The numbers in a matched DATE/TIME are a real calendar position."""
    g = m.groupdict()
    year = int(g["year"]) if g["year"] and g["year"].isdigit() else None
    if year == 0 or g["century"] == "00" or g["decade"] == "000":
        return False           # there is no year 0 (datetime starts at year 1)
    if g["month"] and g["month"].isdigit() and not 1 <= int(g["month"]) <= 12:
        return False
    if g["day"] and g["day"].isdigit():
        day = int(g["day"])
        month = int(g["month"]) if g["month"] and g["month"].isdigit() else None
        last = calendar.monthrange(year or 2000, month)[1] if month else 31
        if not 1 <= day <= last:
            return False
    if g["week"] and g["week"].isdigit():
        week = int(g["week"])
        weeks = date(year, 12, 28).isocalendar()[1] if year else 53
        if not 1 <= week <= weeks:
            return False
    if g["hour"] and g["hour"].isdigit():
        hour = int(g["hour"])
        if hour > 24:
            return False
        minute = g["minute"]
        if minute and minute.isdigit() and (int(minute) > 59 or (hour == 24 and int(minute))):
            return False
        if g["second"] and float(g["second"]) >= 61:
            return False
    return True


def _match_date(value: str) -> re.Match | None:
    m = _DATE_RE.fullmatch(value)
    return m if m and _calendar_ok(m) else None


def _is_duration(value: str) -> bool:
    return value not in ("P", "PT") and not value.endswith("T") and bool(_DURATION_RE.fullmatch(value))


def is_valid_value(value: object, type: str | None = None) -> bool:
    """True when ``value`` is a valid TIMEX3 value (for ``type``, when given).

    A TIMEX3 value carries no UTC offset; use :func:`is_valid_event_date` for the
    events record, where a clock time keeps its offset.
    """
    if not isinstance(value, str) or not value:
        return False
    if type is not None and type not in _TYPES:
        return False
    if type in (None, "DATE", "TIME") and value in REFS:
        return True
    if type in (None, "DURATION", "SET") and _is_duration(value):
        return True
    if type == "DURATION":
        return False
    if type in (None, "SET", "TIME") and _TIME_ONLY_RE.fullmatch(value):
        return True
    m = _match_date(value)
    if not m:
        return False
    if type == "TIME":
        return bool(m["hour"] or m["pod"])
    return True


def is_valid_event_date(value: object) -> bool:
    """True when ``value`` can date an event in content/events/*.yaml.

    A DATE or TIME anchored on the calendar (no unknown X parts, no *_REF, no
    duration); a clock time may carry its UTC offset ("2019-02-28T14:00+07:00", "...Z").
    """
    if not isinstance(value, str) or not value or _has_unknown(value):
        return False
    zone = _ZONE_RE.search(value)
    core = value[: zone.start()] if zone else value
    m = _match_date(core)
    if not m:
        return False
    if zone and not m["hour"]:
        return False           # an offset only makes sense on a clock time
    if m["year"] == "9999" or m["decade"] == "999" or m["century"] == "99":
        return False           # its span would end after the last representable date
    if zone and zone["zone"] != "Z":
        hh, mm = int(zone["zone"][1:3]), int(zone["zone"][4:6])
        if hh > 14 or mm > 59:
            return False
    return True


def _has_unknown(value: str) -> bool:
    """An X standing for an unknown digit (decade 201X and century 20XX are fine)."""
    m = _DATE_RE.fullmatch(value.split("+")[0].rstrip("Z"))
    if m and (m["decade"] or m["century"]):
        return False
    return "X" in value


def bounds(value: str) -> tuple[datetime, datetime] | None:
    """The half-open span [start, end) an anchored event date covers, or None.

    Naive datetimes in the value's own wall-clock time (an offset, when present, is
    dropped: comparing a zoned time with a plain date is only meaningful locally).
    Coarse values cover their whole span: "2019" -> [2019-01-01, 2020-01-01).
    """
    if not is_valid_event_date(value):
        return None
    zone = _ZONE_RE.search(value)
    m = _match_date(value[: zone.start()] if zone else value)
    g = m.groupdict()
    if g["century"]:
        y = int(g["century"]) * 100
        return datetime(y, 1, 1), datetime(y + 100, 1, 1)
    if g["decade"]:
        y = int(g["decade"]) * 10
        return datetime(y, 1, 1), datetime(y + 10, 1, 1)
    y = int(g["year"])
    if g["week"]:
        start = datetime.fromisocalendar(y, int(g["week"]), 1)
        if g["wday"] == "WE":
            start, end = start + timedelta(days=5), start + timedelta(days=7)
        elif g["wday"]:
            start = start + timedelta(days=int(g["wday"]) - 1)
            end = start + timedelta(days=1)
        else:
            end = start + timedelta(days=7)
    elif g["quarter"]:
        q = int(g["quarter"])
        start, end = datetime(y, 3 * q - 2, 1), _add_months(datetime(y, 3 * q - 2, 1), 3)
    elif g["half"]:
        h = int(g["half"])
        start, end = datetime(y, 6 * h - 5, 1), _add_months(datetime(y, 6 * h - 5, 1), 6)
    elif g["season"]:
        first = {"SP": 3, "SU": 6, "FA": 9, "AU": 9, "WI": 12}[g["season"]]
        # winter straddles the new year: accept either reading (Jan-Feb or Dec-Feb)
        start = datetime(y, 1, 1) if first == 12 else datetime(y, first, 1)
        end = datetime(y + 1, 3, 1) if first == 12 else _add_months(start, 3)
    elif g["month"]:
        start = datetime(y, int(g["month"]), int(g["day"]) if g["day"] else 1)
        end = start + timedelta(days=1) if g["day"] else _add_months(start, 1)
    else:
        start, end = datetime(y, 1, 1), datetime(y + 1, 1, 1)
    if g["hour"]:
        hour = int(g["hour"])
        start = start.replace(hour=0) + timedelta(hours=hour, minutes=int(g["minute"] or 0),
                                                  seconds=float(g["second"] or 0))
        end = start + (timedelta(minutes=1) if g["minute"] else timedelta(hours=1))
    return start, end


def _add_months(d: datetime, months: int) -> datetime:
    total = d.month - 1 + months
    return d.replace(year=d.year + total // 12, month=total % 12 + 1)


def utc_instant(value: str) -> datetime | None:
    """The instant of a zoned clock time ("2019-02-28T14:00+07:00"), else None."""
    zone = _ZONE_RE.search(value)
    b = bounds(value) if zone else None
    if not b:
        return None
    z = zone["zone"]
    return b[0].replace(tzinfo=timezone.utc if z == "Z" else timezone(offset_delta(z)))


def offset_delta(offset: str) -> timedelta:
    """A UTC offset written "+08:00" / "-04:30" as a timedelta."""
    sign = -1 if offset[0] == "-" else 1
    return sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))
