"""Discourse: what a text has said so far that later expressions resolve against.

The last date mentioned ("the next day", "two days later", a bare clock time in its
sentence) and the quarter being reported on ("a year earlier" in an earnings report).
The tagger threads one immutable Discourse through an article, replacing it after each
expression it resolves (:meth:`Discourse.after`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import resolver as _resolver
from .recognizer import Partial

# Results for more than a quarter ("for the nine months", "for the year ended Aug. 31")
_LONG_PERIOD = re.compile(r"P(\d+)M|P(1)Y")
# How many sentences back the month being narrated may have been named ("in the weeks
# before the shooting", rule units_around_event).
_NARRATED_SENTENCES = 3
# How many sentences back a year or month may have been named for "the next day", "that
# day", "three days later" to be a day of it (farther back, the anchor's day counts).
_COARSE_DAY_SENTENCES = 1
# A value that names a month of a year ("2010-04", "2010-04-20T22:00").
_MONTH_VALUE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:$|-|T)")


def _quarters_before(value: str, day) -> int:
    """How many quarters "2019-Q1" lies before the quarter of ``day``."""
    return (day.year - int(value[:4])) * 4 + (day.month - 1) // 3 + 1 - int(value[6])


@dataclass(frozen=True)
class Discourse:
    """What the text has said so far that later expressions resolve against."""

    last: str | None = None          # the last date mentioned ("the next day")
    last_sentence: int = -1          # ... and the sentence it was in
    last_start: int = -1             # ... and where it was written
    quarter: str | None = None       # the quarter being reported on ("a year earlier")

    def after(self, p: Partial, value: str, sentence: int, anchor: _resolver.Anchor,
              text: str) -> "Discourse":
        period = _LONG_PERIOD.fullmatch(value) if p.type == "DURATION" and self.quarter else None
        whole_year = period and period.group(2) and "-" not in text[p.start:p.end]
        if period and (whole_year or period.group(1) and int(period.group(1)) > 3):
            # "for the nine months ... a year earlier", "for the year ended Aug. 31 ...
            # down from C$9.7 million last year": the results compared are no longer a
            # quarter's, so "a year earlier" is the year (not "a two-year slump": P1Y only,
            # and not a compound adjective: "a one-year contract" keeps the quarter)
            return Discourse(self.last, self.last_sentence, self.last_start, None)
        if value == "PAST_REF" and _resolver.is_narrated_shift(p.value):
            # "21 years later", "the following year" some time past that the text does not
            # date: what it narrates next is counted from an unknown day, not from the
            # date named before it ("the day after the spill" then is past, no date)
            return Discourse(None, sentence, p.start, self.quarter)
        if p.type not in ("DATE", "TIME") or not value[:4].isdigit() or not _resolver.parse_ref(value):
            return self
        quarter = self.quarter
        discussed = p.value.startswith("[~") or p.value.endswith("-Q~")
        before = _quarters_before(value, anchor.day) if value[4:6] == "-Q" and not discussed else 4
        if before < 4 and (quarter is None or before >= 1 and value > quarter):
            # the first recent quarter named is the one reported on; only a later finished
            # one replaces it: "After a flat second quarter" in a third-quarter report is a
            # comparison, "the fourth quarter" an outlook, neither the new subject
            quarter = value
        return Discourse(value, sentence, p.start, quarter)

    def narrated_month(self, sentence: int, day: str) -> str | None:
        """The month ("2010-04") a day of the month written alone ("on the 20th") is of:
        the last date mentioned, if it names its month, lies at most _NARRATED_SENTENCES
        back and has that day."""
        last = self.last
        if last is None or sentence - self.last_sentence > _NARRATED_SENTENCES \
                or not _MONTH_VALUE.match(last):
            return None
        try:
            date(int(last[:4]), int(last[5:7]), int(day))
        except ValueError:
            return None
        return last[:7]

    def reference(self, p: Partial, sentence: int) -> str | None:
        """The value a partial resolves against instead of the anchor, if any."""
        if p.value.startswith("[~^"):
            # "a year earlier": a year before the quarter reported on, else before the
            # last date mentioned ("In 2010 it lost money. A year earlier, ..."), unless
            # that is itself a quarter (the year-ago one: the comparison is with now)
            if self.quarter or not self.last or self.last[4:6] == "-Q":
                return self.quarter
            return self.last
        if p.value.startswith("[~") or p.value.endswith("-Q~"):
            return self.quarter
        if p.value.startswith("XXXX-XX-XX") and sentence != self.last_sentence:
            return None      # a bare clock time takes a date only from its own sentence
        if p.value == "[^0M]" and sentence - self.last_sentence > _NARRATED_SENTENCES:
            return None      # "in the days after the death": the month being narrated, not
                             # that of a birth date paragraphs earlier (then the anchor's)
        if _resolver.is_narrated_day(p.value) and _resolver.year_or_month(self.last) \
                and sentence - self.last_sentence > _COARSE_DAY_SENTENCES:
            return None      # "the next day" long after "in 2007": a day of that year only
                             # when it was named in this sentence or the one before
        return self.last
