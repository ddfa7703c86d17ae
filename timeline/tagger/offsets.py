"""Offsets from a written day: "two weeks from Friday", "a week before Christmas", "the
day before last Tuesday" name one day, the day written moved by the stretch before it.

The recogniser finds the stretch ("two weeks": P2W) and the day ("Friday": XXXX-WXX-5)
as two partials, or only the day when "the day before" leads it; :meth:`Offsets.join`
makes them one partial with the day's value and an ``offset`` ("+2W"), which the tagger
applies once the day is resolved (:func:`moved`, which keeps the moved day on the side
of the text's day that the clause's tense says). Only when the link word (lexicon class
OFFSETLINK: from, after, before) stands alone between them, and the stretch counts
whole units of days, weeks, months or years written as a number and the unit ("eight
trading days after Oct. 12" are not calendar days; "more than a week after Easter" is
three words, a stretch and a day), no word of the lexicon list offset_blockers stands
right before it ("for two weeks after May 3" is how long, from when; "in the two weeks
after May 3" a stretch, not a day) and no word of offset_duration_verbs up to two words
before it ("waited 10 days after Monday", "took him two weeks after"). The words come
from the lexicon; nothing here reads the anchor.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from .completion import add_months
from .recognizer import Partial
from .resources import Resources
from .tense import words_regex

# A partial naming one day: a weekday, a month-day (a year written or not), a holiday
# (fixed or movable), a day counted from the anchor ("yesterday": [-1D]).
_DAY = re.compile(r"XXXX-WXX-[1-7]$|(?:XXXX|\d{4})-\d\d-(?:\d\d$|N)|(?:XXXX|\d{4})-EA(?:[+-]\d+)?$"
                  r"|\[[+-]?\d+D\]$")
# A stretch of whole units (not "PXD", "P1.5W", nor hours).
_STRETCH = re.compile(r"P(\d+)([DWMY])$")
_OFFSET = re.compile(r"([+-])(\d+)([DWMY])$")


class Offsets:
    """Joins a stretch or "the day" and the day after it (see the module's docstring)."""

    def __init__(self, res: Resources):
        links = res.classes["OFFSETLINK"]
        sides = res.classes["DAYSIDE"]
        self._signs = {**links, **{k: v[0] for k, v in sides.items()}}
        # the gap between a stretch and its day: one link word
        self._link = re.compile(rf"\s+({words_regex(links)})\s+$", re.I)
        # "the day before " right before a day (DAYSIDE: after, before); not "the second
        # day after Easter"
        self._day_side = re.compile(rf"\bthe\s+day\s+({words_regex(sides)})\s+$", re.I)
        blockers = words_regex(res.lists['offset_blockers'])
        self._blocker = re.compile(rf"\b(?:{blockers})\s+$", re.I)
        self._opener = re.compile(rf"(?:{blockers})\s", re.I)    # in the stretch's span
        self._duration_verb = re.compile(
            rf"\b(?:{words_regex(res.lists['offset_duration_verbs'])})(?:\s+[A-Za-z']+){{0,2}}\s+$", re.I)

    def join(self, partials: list[Partial], text: str) -> list[Partial]:
        """``partials`` with each stretch-and-day (or "the day before" and day) made one."""
        out: list[Partial] = []
        for p in partials:
            if p.type != "DATE" or not _DAY.match(p.value):
                out.append(p)
                continue
            prev = out[-1] if out else None
            stretch = _STRETCH.match(prev.value) if prev and prev.type == "DURATION" else None
            gap = self._link.match(text, prev.end, p.start) if stretch else None
            if gap and len(text[prev.start:prev.end].split()) == 2 \
                    and not self._blocker.search(text, max(0, prev.start - 12), prev.start) \
                    and not self._opener.match(text, prev.start) \
                    and not self._duration_verb.search(text, max(0, prev.start - 40), prev.start):
                sign = self._signs[gap.group(1).lower()]
                out[-1] = replace(p, start=prev.start, offset=f"{sign}{stretch.group(1)}{stretch.group(2)}")
                continue
            floor = prev.end if prev else 0
            side = self._day_side.search(text, max(floor, p.start - 16), p.start)
            if side:
                out.append(replace(p, start=side.start(), offset=f"{self._signs[side.group(1).lower()]}1D"))
                continue
            out.append(p)
        return out


def moved(value: str, offset: str, written: str, anchor: date, direction: str | None) -> str:
    """A resolved day value (a time of it kept) moved by ``offset`` ("+2W", "-1D"); any
    other value as it is (a day the text does not date, "XXXX-XX-XX", stays so). A day
    written without its year or week (``written``: "XXXX-WXX-1", "XXXX-06-20") that the
    move puts on the wrong side of the anchor for a past or future clause is taken a
    week or year the other way first ("Two days after Monday's raid, police arrested
    him" said on Tuesday: last week's Monday; "Two days before Friday's vote, parties
    will hold rallies" said on Thursday: next week's Friday)."""
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return value
    done = _move(day, offset)
    wrong = 1 if direction in ("past", "since") and done > anchor else \
        -1 if direction == "future" and done < anchor else 0
    if wrong and written.startswith("XXXX-"):
        cycle = "1W" if written.startswith("XXXX-WXX") else "12M"
        done = _move(_move(day, ("-" if wrong > 0 else "+") + cycle), offset)
    return done.isoformat() + value[10:]


def _move(day: date, offset: str) -> date:
    """``day`` moved by ``offset`` ("+2W", "-1D", "+6M": a month's last day kept in range)."""
    m = _OFFSET.match(offset)
    sign, n, unit = m.group(1), int(m.group(2)), m.group(3)
    n = -n if sign == "-" else n
    if unit in ("D", "W"):
        return day + timedelta(days=n * (7 if unit == "W" else 1))
    first = add_months(day, n * (12 if unit == "Y" else 1))
    last = (add_months(first, 1) - timedelta(days=1)).day
    return first.replace(day=min(day.day, last))
