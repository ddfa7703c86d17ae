"""Resolution: partial values -> complete TimeML values, from an explicit anchor.

Partial values (made by the recogniser from the rules' templates):

* final values pass through: ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``, durations
  ``P2Y``/``PXM`` (normalised: ``P2TH`` -> ``PT2H``), SET values, full dates ``2019-02-08``;
* ``[-1Y]`` / ``[+0D]`` / ``[-3M]``: the anchor shifted by N units, at that unit's
  granularity (Y year, Q quarter, M month, W ISO week, FN fortnight, WE weekend, D day,
  DE decade, CE century, TH/TM hours/minutes); ``[^+1D]`` shifts the last date mentioned instead;
  ``[^!0D]`` ("that day") is the day mentioned last, or an unknown day (``XXXX-XX-XX``)
  when none was (never the anchor's);
  ``[~-1Y]`` a year before the quarter being discussed; ``[~0Q]`` / ``[~-4Q]`` that
  quarter / four before it (else counted from the anchor's last finished quarter);
  ``1988-Q~`` that quarter in 1988 (else 1988); a day shift from a last date that is only a
  year or month names a day of it (``[^+1D]`` after "in 1897": ``1897-XX-XX``), and a
  vague one (``[^+XD]``, "several days later") is PAST_REF when that date is past;
  N = X (vague) gives PAST_REF / FUTURE_REF; ``[-1D|0D]`` the first shift, or the second
  when the clause is in the future ("overnight": last night, or tonight in "will work
  overnight");
* ``XXXX-02-08``, ``XXXX-02``, ``XXXX-WXX-4``, ``XXXX-SU``, ``XXXX-Q3``, ``XXXX-H1``:
  the year (week) is chosen from the anchor and the direction (explicit "last"/"next",
  else the clause's tense; see completion); ``XXXX-XX-20`` the 20th of the month (the
  tagger first gives it the month narrated, if any); ``XXXX-XX-XX`` is the reference
  day; ``XX89`` a two-digit year;
* any of these may carry a time suffix: ``T14:30``, ``TMO`` (part of day);
* a day ending in ``~W`` (``XXXX-03-06~W``) is the ISO week that day falls in, ``~WE``
  that week's weekend;
* a date written with its weekday ("Thursday, 27 May"; the partial's ``weekday``) is
  moved by :func:`on_weekday` to the year next to the chosen one in which it falls on
  that weekday, if nearer the anchor.

Everything is relative to the ``Anchor`` passed in; nothing reads the clock.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .completion import add_months, complete_date, iso_week

_BRACKET_RE = re.compile(r"^\[(~?)(\^?)(!?)(=?)([+-]?)(\d+(?:\.\d+)?|X)(Y|Q|M|WE|W|D|DE|CE|TH|TM|TS|FN|H|ML)\]")
_CHOICE_RE = re.compile(r"^\[([^\]|]+)\|([^\]|]+)\]")
_DUR_RE = re.compile(r"^P(\d+(?:\.\d+)?|X)(TH|TM|TS|DE|CE|ML|WE|FN|Y|Q|M|W|D|H)$")
_REF_VALUE_RE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q(\d)|-W(\d\d))?")
_YEAR_MONTH_RE = re.compile(r"\d{4}(?:-\d\d)?")
_UNIT_YEARS = {"DE": 10, "CE": 100, "ML": 1000}


@dataclass(frozen=True)
class Anchor:
    """What relative expressions resolve against: the day, and the clock time if known."""

    day: date
    time: datetime | None = None   # aware or naive; used for hour/minute shifts only

    @staticmethod
    def parse(dct) -> "Anchor":
        if isinstance(dct, datetime):
            return Anchor(dct.date(), dct)
        if isinstance(dct, date):
            return Anchor(dct)
        if isinstance(dct, str):
            text = dct.strip()
            if re.fullmatch(r"\d{8}", text):
                text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
            try:
                parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ValueError(f"anchor date {dct!r} is not an ISO 8601 date or date-time") from None
            return Anchor(parsed.date(), parsed if "T" in text or " " in text else None)
        raise TypeError(f"anchor must be a date, datetime or ISO string, not {type(dct).__name__}")


def normalise_duration(value: str) -> str:
    """P2TH -> PT2H, P2TM -> PT2M, P2DE -> P20Y, P1.5Y -> P1Y6M; P2W, P2Q, PXDE kept."""
    m = _DUR_RE.match(value)
    if not m:
        return value
    num, unit = m.groups()
    if unit.startswith("T"):
        if "." in num and unit in ("TH", "TM"):         # 5.5 hours: PT5H30M
            whole, part = int(float(num)), round((float(num) % 1) * 60)
            small = "M" if unit == "TH" else "S"
            return f"PT{whole}{unit[1]}{part}{small}" if whole else f"PT{part}{small}"
        return f"PT{num}{unit[1]}"
    if unit == "FN":        # fortnights: weeks ("P12W" was "a fortnight" read as 1 and "2W")
        return f"P{int(float(num)) * 2}W" if num != "X" else "PXW"
    if unit in _UNIT_YEARS and num != "X":   # two decades: P20Y, as TimeBank writes it
        years = float(num) * _UNIT_YEARS[unit]
        return f"P{int(years) if years == int(years) else years}Y"
    if unit == "WE":
        return f"P{num}WE" if num in ("1", "X") else f"P{int(float(num)) * 2}D"
    if unit == "H":
        return f"PT{num}H"
    if "." in num:
        whole, frac = num.split(".")
        sub = {"Y": ("M", 12), "M": ("D", 30), "D": ("H", 24), "W": ("D", 7)}.get(unit)
        if sub:
            extra = round(float("0." + frac) * sub[1])
            joiner = "T" if sub[0] == "H" else ""
            return f"P{int(whole)}{unit}{joiner}{extra}{sub[0]}" if int(whole) else \
                f"P{joiner}{extra}{sub[0]}"
    return value



def shift(base: date, sign: str, amount: str, unit: str, base_time: datetime | None) -> str:
    """The anchor moved by ``amount`` units, written at the unit's granularity."""
    if amount == "X":
        return "PAST_REF" if sign == "-" else "FUTURE_REF" if sign == "+" else "PRESENT_REF"
    n = float(amount)
    n = -n if sign == "-" else n
    whole = int(n)
    if unit == "Y":
        return f"{base.year + whole:04d}"
    if unit == "M":
        d = add_months(base, whole)
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        q = (base.month - 1) // 3 + whole
        y, q = divmod(q, 4)
        return f"{base.year + y:04d}-Q{q + 1}"
    if unit in ("W", "FN"):
        return iso_week(base + timedelta(weeks=whole * (2 if unit == "FN" else 1)))
    if unit == "WE":     # the weekend after a weekday is that week's ("the following weekend")
        ahead = whole - 1 if whole > 0 and base.isoweekday() <= 5 else whole
        return iso_week(base + timedelta(weeks=ahead)) + "-WE"
    if unit == "D":
        return (base + timedelta(days=whole)).isoformat()
    if unit == "DE":
        return f"{base.year // 10 + whole:03d}"
    if unit == "CE":
        return f"{base.year // 100 + whole:02d}"
    if unit == "ML":
        return f"{base.year // 1000 + whole}"
    # hours / minutes: a clock time when the anchor has one, else the day ("48 hours
    # later" after a day named: two days on)
    if base_time is None:
        days = int(n / 24) if unit in ("TH", "H") else 0
        return (base + timedelta(days=days)).isoformat()
    delta = timedelta(hours=n) if unit in ("TH", "H") else timedelta(minutes=n) \
        if unit == "TM" else timedelta(seconds=n)
    moved = base_time + delta
    return moved.strftime("%Y-%m-%dT%H:%M")


def _split_time(value: str) -> tuple[str, str]:
    """'XXXX-WXX-4T14:00' -> ('XXXX-WXX-4', 'T14:00')."""
    i = value.find("T", 1)
    return (value, "") if i < 0 else (value[:i], value[i:])


_NARRATED_DAYS_RE = re.compile(r"\[\^!?[+-]?(?:\d+|X)D\]")
_NARRATED_SHIFT_RE = re.compile(r"\[\^=?[+-](?:X|\d+(?:\.\d+)?)[A-Z0-9]+\]")


def is_narrated_shift(value: str) -> bool:
    """Whether a partial value lies some time after or before the date narrated ("[^+XD]":
    "days later", "[^+2D]": "two days later", "[^+1D]": "the next day", "[^-XM]": "months
    earlier"; not "[^0D]", "that day"): the clause's tense says which side of the anchor
    it is on when no date was narrated."""
    return _NARRATED_SHIFT_RE.match(value) is not None


def is_narrated_day(value: str) -> bool:
    """Whether a partial value counts days from the date narrated ("[^+1D]", "[^0D]")."""
    return _NARRATED_DAYS_RE.match(value) is not None


def year_or_month(value: str | None) -> bool:
    """Whether a resolved value is a bare year or month ("2007", "1998-10")."""
    return value is not None and _YEAR_MONTH_RE.fullmatch(value) is not None


def _vague_side(sign: str, refp: tuple[date, str], anchor: date) -> str | None:
    """"a few days later" / "weeks earlier" counted from the date narrated (``refp``):
    PAST_REF / FUTURE_REF say where that lies from the anchor, so a few days after a
    past date are still the past and a few days before a coming one still ahead; None
    when the date narrated is the anchor's own (or spans it)."""
    start, unit = refp
    end = date(start.year + 1, 1, 1) if unit == "Y" else add_months(start, 1) if unit == "M" \
        else add_months(start, 3) if unit == "Q" else start + timedelta(days=7 if unit == "W" else 1)
    if sign == "+" and end <= anchor:
        return "PAST_REF"
    if sign == "-" and start > anchor:
        return "FUTURE_REF"
    return None


def parse_ref(value: str | None) -> tuple[date, str] | None:
    """A resolved value as a reference point: (first day, granularity Y|Q|M|W|D); an
    ISO week ("the week of May 8", "2010-W18") is its Monday's week, not its year."""
    m = _REF_VALUE_RE.match(value or "")
    if not m:
        return None
    y, mo, d, q, w = m.groups()
    try:
        if w:
            return date.fromisocalendar(int(y), int(w), 1), "W"
        if q:
            return date(int(y), (int(q) - 1) * 3 + 1, 1), "Q"
        if d:
            return date(int(y), int(mo), int(d)), "D"
        if mo:
            return date(int(y), int(mo), 1), "M"
        return date(int(y), 1, 1), "Y"
    except ValueError:
        return None


_YEARS_BACK_RE = re.compile(r"\[-(\d+)Y\]\+")


_WEEK_VALUE_RE = re.compile(r"(\d{4})-W(\d\d)(-WE)?")
_SATURDAY = 6


def _years_back(value: str, years: int, weekday: int) -> str:
    """A resolved date value moved ``years`` back: a week is the week of its ``weekday``
    that many years back ("2010-W22" said on a Friday -> the week of Friday 2008-06-04,
    2008-W23), a weekend that of its Saturday (week numbers do not carry over: "ten
    years ago this weekend" said on 2010-01-03, 2009-W53-WE, is 1999-W52-WE, not the
    2000-W53-WE no calendar has); a 29 February with no such day that year is the month."""
    week = _WEEK_VALUE_RE.fullmatch(value)
    if week:
        day = date.fromisocalendar(int(week.group(1)), int(week.group(2)),
                                   _SATURDAY if week.group(3) else weekday)
        try:
            day = day.replace(year=day.year - years)
        except ValueError:           # 29 February
            day = day.replace(year=day.year - years, day=28)
        return iso_week(day) + (week.group(3) or "")
    if not value[:4].isdigit():
        return value
    moved = f"{int(value[:4]) - years:04d}{value[4:]}"
    if re.match(r"\d{4}-02-29", moved) and parse_ref(moved[:10]) is None:
        return moved[:7]
    return moved


def is_choice(value: str) -> bool:
    """Whether a partial value chooses its shift by the clause's tense ("[-1D|0D]TNI")."""
    return value.startswith("[") and _CHOICE_RE.match(value) is not None


def on_weekday(value: str, weekday: int, anchor: date) -> str:
    """A date whose year was chosen without its weekday, moved to the year next to it in
    which the date falls on ISO ``weekday`` ("Thursday, 27 May" said in July 2010 in a
    future clause: 2011-05-27 is a Friday, 2010-05-27 the Thursday), if that lies nearer
    the anchor; unchanged when it falls on it, or no such year does (a misprinted
    weekday: "Friday, 1 January" ahead in December stays the coming one)."""
    day = parse_ref(value[:10])
    if day is None or day[1] != "D" or day[0].isoweekday() == weekday:
        return value
    far = abs((day[0] - anchor).days)
    for year in (day[0].year - 1, day[0].year + 1):
        try:
            moved = day[0].replace(year=year)
        except ValueError:          # 29 February
            continue
        if moved.isoweekday() == weekday and abs((moved - anchor).days) < far:
            return moved.isoformat() + value[10:]
    return value


def resolve_value(value: str, type_: str, anchor: Anchor, ref: str | None,
                  direction: str | None, strict: bool) -> tuple[str, bool]:
    """(complete value, whether it depended on an anchor).

    ``ref`` is the last resolved date value in the text ("2019-02-08", "1989-Q3"), the
    anchor of "[^...]" shifts and of bare clock times (for "[~...]" shifts: the quarter
    being discussed, or None); ``direction`` is past/future/this, ahead (a future event
    placed in a quarter, half or season: the next one not yet over), since (right after
    "since": the last one not after the anchor), present (a present clause: "Months later,
    BP is defending it"), generic (a clause of what happens as a rule: a season or the
    weekend stays any one, "XXXX-WI", a part of the day narrated is "XXXX-XX-XXTMO") or
    None (direction.Directions.of)
    (strict: from "last"/"next", else from the tense and the same day counts).
    """
    if direction == "generic":  # "usually peaks in the winter", "often works in the morning"
        if value == "[0D]":
            return "PRESENT_REF", False         # "Oil rigs today generally don't ..."
        # the only shifts a generic clause reaches (direction._GENERIC) are a part of
        # the day narrated or tonight's: "[^0D]TMO", "[-1D|0D]TNI" -> XXXX-XX-XXTMO
        return (f"XXXX-XX-XX{value[value.index(']') + 1:]}" if value.startswith("[") else value), False
    back = _YEARS_BACK_RE.match(value)
    if back:      # "[-2Y]+[+1W]": "two years ago next week", that week two years back
        inner, _ = resolve_value(value[back.end():], type_, anchor, ref, direction, strict)
        return _years_back(inner, int(back.group(1)), anchor.day.isoweekday()), True
    choice = _CHOICE_RE.match(value)
    if choice:    # "[-1D|0D]TNI": the first shift, or the second in a future clause
        value = f"[{choice.group(2 if direction == 'future' else 1)}]{value[choice.end():]}"
    if value.endswith(("~W", "~WE")):   # "the week of March 6": the ISO week that day is
        #                                   in; "the last weekend of April": that weekend
        day, relative = resolve_value(value[:value.rindex("~")], type_, anchor, ref, direction, strict)
        found = parse_ref(day)
        if not found or found[1] != "D":
            return day, relative
        return iso_week(found[0]) + ("-WE" if value.endswith("E") else ""), relative
    if "-HL" in value or "-QL" in value:
        value = value.replace("-HL", "-H2").replace("-QL", "-Q4")
    if value.endswith("_REF"):
        return value, False
    if value.startswith("P") and type_ in ("DURATION", "SET"):
        return normalise_duration(value), False
    if type_ == "SET":
        return value, False
    refp = parse_ref(ref)
    if value.endswith("-Q~"):        # "the 1988 quarter": the quarter being discussed, in 1988
        year = value[:-3]
        return (f"{year}-{ref[5:7]}" if refp and refp[1] == "Q" else year), bool(refp)
    m = _BRACKET_RE.match(value)
    if m:
        ctx, prev, only_narrated, calendar, sign, amount, unit = m.groups()
        if calendar and direction == "future":
            prev = ""    # "the next year could bring a recession": after now, not after
            #              a year narrated
        if (ctx or prev) and unit in _UNIT_YEARS and amount != "X" and not calendar:
            # "two decades later" (after March 1989) is 2009, "a century ago" a year too
            amount, unit = f"{float(amount) * _UNIT_YEARS[unit]:g}", "Y"
        fine = {"D": 0, "W": 1, "M": 2, "Q": 3, "Y": 4}
        # a calendar decade or century is coarser than any date narrated
        usable = prev and refp and fine[refp[1]] <= (7 if calendar else fine.get(unit, 0))
        coarse = prev and not ctx and unit == "D" and not usable and year_or_month(ref)
        if prev and amount == "X":
            # "several days later" after April 8 (or "in April"), said on April 29: still
            # the past; with no date narrated, or today's, the clause's tense tells ("Hours
            # later, Obama warned the company"; a present "is": now), else the word
            side = _vague_side(sign, refp, anchor.day) if usable or coarse else None
            if side or direction in ("past", "future"):
                return side or ("PAST_REF" if direction == "past" else "FUTURE_REF"), True
            if direction == "present" and sign == "+":
                return "PRESENT_REF", True      # "Months later, BP is defending the decision"
        elif coarse and (amount != "0" or not value[m.end():]):
            # "the next day" after "in 2007" / "last October": a day of that year or month
            # the text does not name (not one counted from the anchor's day). Not
            # "[^0D]TMO": "the morning", "the night" share it and are mostly today's
            return ref + ("-XX-XX" if len(ref) == 4 else "-XX") + value[m.end():], True
        if only_narrated and unit == "D" and not usable and not coarse:
            # "that day", "that night" with no day narrated before it: a day the text
            # does not date ("any other journalist present that day"), not the text's own
            return "XXXX-XX-XX" + value[m.end():], True
        base = refp[0] if usable else anchor.day
        if prev and not usable and sign == "+" and unit == "Y" and amount != "X" and not calendar:
            # "Twenty-one years later, ..." with no date narrated before it: years after
            # an unnamed past event is the text's present, not that many years ahead (a
            # month or day of it kept: "on 5 May the following year"). A past clause does
            # not tell more: "He graduated three years later" is some time past, but
            # "Twenty-one years later, the BBC went to a fishing village" the text's year
            rest = value[m.end():]
            return shift(anchor.day, "", "0", "Y", None) + (rest if rest.startswith("-") else ""), True
        if prev and not usable and sign == "+" and amount != "X" and direction != "future" \
                and not calendar:
            # "Two days later, Mr Hayward was seen on a yacht", "Three months later, we still
            # have questions" with no date narrated before: after an unnamed event, so the
            # past in a past clause, else the text's present (at the unit's granularity);
            # only a future clause counts ahead from the anchor
            return ("PAST_REF" if direction == "past" else shift(anchor.day, "", "0", unit, None)), True
        if ctx and unit == "Q" and amount != "X":
            # "the quarter", "the latest period", "the year-ago quarter": counted from the
            # quarter being reported on, else from the last finished one (the quarter a
            # report of the anchor's date is about)
            base = refp[0] if refp and refp[1] == "Q" else add_months(anchor.day, -3)
        if ctx and m.group(7) == "Y" and refp and refp[1] == "Q" and amount != "X":
            # "a year earlier" after "the third quarter": the year-ago quarter (not "three
            # decades ago": a year, not a quarter of it)
            n = int(float(amount)) * (-4 if sign == "-" else 4)
            return shift(refp[0], "+" if n >= 0 else "-", str(abs(n)), "Q", None), True
        done = shift(base, sign, amount, unit, anchor.time if not prev else None)
        rest = value[m.end():]
        if done.endswith("_REF"):
            return done, True
        if prev and sign == "+" and direction == "past" and (later := parse_ref(done)) \
                and later[0] > anchor.day:
            # "almost a day later, he dug her out" after a morning read as the text's day:
            # a past clause never lies after the text's day; some time past, no more
            return "PAST_REF", True
        if rest.startswith("-") and re.fullmatch(r"\d{4}", done):   # [0Y]-03
            return done + rest, True
        if unit == "W" and re.fullmatch(r"-[1-7]", rest):           # "Tuesday last week"
            year, week = int(done[:4]), int(done[6:])
            return date.fromisocalendar(year, week, int(rest[1])).isoformat(), True
        return done + rest, True
    anaphoric = value.startswith("^")     # "the following Tuesday": from the last date
    part, suffix = _split_time(value[1:] if anaphoric else value)
    if not part.startswith("XX"):
        # a year written: complete already, or a holiday of it ("Easter 2009", "2009-EA")
        # that completion dates without the anchor
        return (value if anaphoric else complete_date(part, anchor.day, None, False) + suffix), False
    base = refp[0] if (part == "XXXX-XX-XX" or anaphoric) and refp and refp[1] == "D" else anchor.day
    return complete_date(part, base, direction, strict) + suffix, True
