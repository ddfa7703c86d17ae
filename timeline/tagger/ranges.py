"""Ranges: the second date of a range or pair the rules match only half of.

"April 24 and 25", "March 5-6" (:func:`second_day`), "between 23 and 28 April"
(:func:`first_days`), "the 1918-19 pandemic", "the 2019-20 season" (:func:`second_year`):
TimeML tags each end as a date of its own; the rules match the end that carries the
month or the full year, and these functions add the other, in the same month or century.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .partial import WEEKDAY_PARTIAL, YEAR_VALUE, Partial
from .resources import Resources
from .tense import words_regex

# A month-day's partial value ("XXXX-04-24", "1999-04-24"); a second day joined to it.
_MONTH_DAY_VALUE_RE = re.compile(r"((?:XXXX|XX\d\d|\d{4})-(?:0[1-9]|1[0-2]|XX))-(\d\d)")
_FOLLOW_WORD_RE = re.compile(r"\s+([a-z]+)")


@lru_cache(maxsize=8)
def _second_day_re(joiners: frozenset, suffixes: frozenset) -> re.Pattern:
    return re.compile(rf"\s*(?:-|\u2013|(?:{words_regex(joiners)})\s)\s*(?:(the)\s+)?(?<![\d.,:])(\d{{1,2}})"
                      rf"({words_regex(suffixes)})?"
                      rf"(?![\w%:,.]\w|[-\u2013/]\d)"
                      rf"(?:\s*,?\s+((?:1\d|20)\d\d)(?![\w%]|[,.:]\d))?", re.I)


def second_day(partial: Partial, text: str, res: Resources) -> Partial | None:
    """The day joined to a month-day by a range word or a dash ("April 24 and 25", "March
    5-6", "Feb. 3 to 5", "April 24 and the 25th"), or to a day of the month alone by an
    ordinal ("on the 22nd and 23rd", "the 22nd and the 23rd"): a date of its own, in the
    same month (TimeML tags each). Not a count ("May 5 and 25 others"): a lower-case word
    after it must be one a date can be followed by (the lexicon's date_followers), and the
    day must come after the first. A year after the second day is its year ("March 5-6,
    2009": the first day takes it from the range, see tagger._range_year), not a date of
    its own."""
    first = _MONTH_DAY_VALUE_RE.fullmatch(partial.value)
    if first is None:
        return None
    m = _second_day_re(res.lists["range_words"], res.lists["day_suffixes"]).match(text, partial.end)
    if m is None or not int(first.group(2)) < int(m.group(2)) <= 31:
        return None
    monthless = first.group(1).endswith("-XX")
    if (m.group(1) or monthless) and not m.group(3) or monthless and m.group(4):
        return None     # "the" or a day of the month alone: an ordinal ("the 25th"), no year
    after = _FOLLOW_WORD_RE.match(text, m.end())
    if after and after.group(1) not in res.lists["date_followers"]:
        return None
    month = first.group(1)
    if m.group(4) and month.startswith("XX"):
        month = m.group(4) + month[4:]
    return Partial(m.start(1) if m.group(1) else m.start(2), m.end(), partial.rule, partial.type,
                   f"{month}-{int(m.group(2)):02d}", direction=partial.direction)


@lru_cache(maxsize=8)
def _first_day_re(joiners: frozenset, suffixes: frozenset) -> re.Pattern:
    """A day number (group 1; with its suffix, group "day"), then a dash (group "dash")
    or a range word, ending where the date after it begins."""
    return re.compile(rf"(?<![\w.,:$\u00a3\u20ac/-])(?P<day>(\d{{1,2}})(?:{words_regex(suffixes)})?)"
                      rf"\s*(?:(?P<dash>-|\u2013)|\s(?:{words_regex(joiners)})\s)\s*$", re.I)


def first_days(partials: list[Partial], text: str, res: Resources) -> list[Partial]:
    """``partials`` with the bare day that opens a range or pair before a day-first date
    ("between 23 and 28 April", "17-23 October 2009", "on 14 and 21 May 2010") as a date
    of its own, in the same month and year (TimeML tags each; see :func:`second_day` for
    the month-first form). Only a day before the second, right before it (a range word
    or a dash between), not inside a number ("1,23-28 April"), and not a label's number
    before a dash ("Round 2 - 12 May 2010": a capitalised word or one of number_labels).
    A weekday right before that day is part of it ("Monday 20 to Friday 24 September")."""
    out: list[Partial] = []
    pattern = _first_day_re(res.lists["range_words"], res.lists["day_suffixes"])
    for p in partials:
        second = _MONTH_DAY_VALUE_RE.match(p.value) if p.type == "DATE" else None
        if second and (text[p.start:p.start + 1].isdigit() or p.weekday is not None):
            m = pattern.search(text, max(out[-1].end if out else 0, p.start - 16), p.start)
            # "Monday 20 to Friday 24 September": the weekday before the first day is its own
            weekday = m and out and WEEKDAY_PARTIAL.fullmatch(out[-1].value) \
                and not text[out[-1].end:m.start("day")].strip()
            label = m and m.group("dash") and not weekday and res.guard_patterns.prev_word.search(
                text, max(0, m.start() - 20), m.start())
            if m and not (label and (label.group(1)[0].isupper()
                                     or label.group(1).lower() in res.lists["number_labels"])) \
                    and 1 <= int(m.group(2)) < int(second.group(2)):
                day = f"{second.group(1)}-{int(m.group(2)):02d}"
                if weekday:
                    out[-1] = Partial(out[-1].start, m.end("day"), p.rule, p.type, day,
                                      direction=p.direction, weekday=int(out[-1].value[-1]))
                else:
                    out.append(Partial(m.start("day"), m.end("day"), p.rule, p.type, day,
                                       direction=p.direction))
        out.append(p)
    return out



# A year, then a dash or slash and two digits that end it ("1918-19", "2019/20"): not a
# longer number, a percentage, a decimal or a word ("the 1840/50s") after them.
_SECOND_YEAR_RE = re.compile(r"[-\u2013/](\d\d)(?![\d%\w]|[.,:]\d|\s*(?:%|per\s?cent\b))")


def second_year(partial: Partial, text: str) -> Partial | None:
    """The year that ends a range written with two digits after a full one ("the 1918-19
    pandemic", "the 2019-20 season", "from 1981-89"): a date of its own in the first's
    century, the next when "1999-00" wraps; None unless it lies after the first."""
    if partial.type != "DATE" or not YEAR_VALUE.fullmatch(partial.value) \
            or not text[partial.start:partial.end].isdigit():
        return None
    m = _SECOND_YEAR_RE.match(text, partial.end)
    if m is None:
        return None
    first, two = int(partial.value), int(m.group(1))
    if two > first % 100:
        year = first - first % 100 + two
    elif first % 100 == 99 and two == 0:
        year = first + 1
    else:
        return None
    return Partial(m.start(1), m.end(1), partial.rule, "DATE", f"{year:04d}")
