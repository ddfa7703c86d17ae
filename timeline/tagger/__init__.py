"""The temporal tagger: find TIMEX3 time expressions in text and resolve their values.

    from timeline.tagger import tag
    tag("Trump left before 1:30pm local time.", "2019-02-28T07:44+08:00", place="Hanoi")

Stages (each a module): resources (the language's word lists and rules, loaded once),
recognizer (one regex pass -> partial values), tense and sentences (direction of
"Friday"), resolver (partial -> complete value from the anchor), zones (UTC offsets).
"""
from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache

from ..model import Expression
from ..timex import is_valid_value
from . import resolver as _resolver
from .recognizer import Partial, recognise
from .resources import Resources, cached
from .sentences import sentence_index, split_sentences
from .tense import adjacent_tense, clause_tense
from .zones import anchor_offset, zone_offset

__all__ = ["tag", "Tagger", "split_sentences", "Expression"]

# Values whose year/week must be chosen by a direction (tense) when the rule gave none.
_NEEDS_DIRECTION = ("XXXX-WXX-", "XXXX-0", "XXXX-1", "XXXX-S", "XXXX-F", "XXXX-W")


_MONTH_DAY = re.compile(r"XXXX-\d\d-\d\d")
_COMMON = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T(?:MO|AF|EV|NI|([01]\d|2[0-3]):[0-5]\d))?")


def _quarters_before(value: str, day) -> int:
    """How many quarters "2019-Q1" lies before the quarter of ``day``."""
    return (day.year - int(value[:4])) * 4 + (day.month - 1) // 3 + 1 - int(value[6])


def _valid(value: str, type_: str) -> bool:
    """A valid TimeML value? The common calendar forms are checked here cheaply,
    anything else by timeline.timex."""
    m = _COMMON.fullmatch(value) if type_ in ("DATE", "TIME") else None
    if m is None:
        return is_valid_value(value, type_)
    _, month, day, _ = m.groups()
    if month and not "01" <= month <= "12":
        return False
    if day:
        try:
            _date.fromisoformat(value[:10])
        except ValueError:
            return False
    return True


class Tagger:
    """Tags text in one language; the resources are loaded once and never change."""

    def __init__(self, language: str = "en", resources: Resources | None = None):
        self.language = language
        self.resources = resources or cached(language)
        lists = self.resources.lists
        self._future = lists.get("future_cues", frozenset())
        self._past = lists.get("past_cues", frozenset())
        self._abbrevs = lists.get("abbreviations", frozenset())

    def tag(self, text: str, dct, place: str | None = None) -> list[Expression]:
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        anchor = _resolver.Anchor.parse(dct)
        partials = recognise(text, self.resources)
        if not partials:
            return []
        fallback_zone = anchor_offset(anchor.time)
        sentences: list | None = None
        out: list[Expression] = []
        ref = None              # the last date mentioned, for "the next day"
        ref_sentence = -1
        quarter = None          # the quarter being discussed, for "a year earlier"
        for p in partials:
            direction, strict = p.direction, True
            if direction is None and _MONTH_DAY.match(p.value):
                direction, strict = adjacent_tense(text, p.start, self._future, self._past), False
            elif direction is None and p.value.startswith(_NEEDS_DIRECTION):
                if sentences is None:
                    sentences = split_sentences(text, self.language, self._abbrevs)
                sent = sentences[sentence_index(sentences, p.start)] if sentences else (0, len(text))
                direction, strict = clause_tense(text, sent, p.start, p.end, self._future,
                                                 self._past), False
            elif direction == "this":
                strict = False
            use_ref = quarter if p.value.startswith("[~") else ref
            if p.value.startswith("XXXX-XX-XX"):   # a bare clock time: same sentence's day
                if sentences is None:
                    sentences = split_sentences(text, self.language, self._abbrevs)
                if sentence_index(sentences, p.start) != ref_sentence:
                    use_ref = None
            value, relative = _resolver.resolve_value(p.value, p.type, anchor, use_ref,
                                                      direction, strict)
            if not _valid(value, p.type):
                continue      # e.g. "Feb 31": not a calendar date, so not an expression
            zone = zone_offset(p.zone, value, place, fallback_zone) if p.type == "TIME" else None
            based_on = use_ref if use_ref and ("^" in p.value or p.value.startswith(("[~", "XXXX-XX-XX"))) \
                else anchor.day.isoformat()
            out.append(Expression(p.start, p.end, text[p.start:p.end], p.type, value, p.mod,
                                  zone, p.quant, p.freq, relative, based_on if relative else None))
            if p.type in ("DATE", "TIME") and value[:4].isdigit() and _resolver.parse_ref(value):
                ref = value
                if value[4:6] == "-Q" and not p.value.startswith("[~") \
                        and _quarters_before(value, anchor.day) < 4:
                    quarter = value     # a recent quarter: the one being reported on
                if sentences is None:
                    sentences = split_sentences(text, self.language, self._abbrevs)
                ref_sentence = sentence_index(sentences, p.start)
        return out


@lru_cache(maxsize=8)
def default_tagger(language: str = "en") -> Tagger:
    return Tagger(language)


def tag(text: str, dct, place: str | None = None, language: str = "en") -> list[Expression]:
    """Time expressions of ``text`` resolved against ``dct`` (the anchor; never today).

    ``dct``: a date, a datetime (aware or naive) or an ISO 8601 string. ``place``: the
    dateline place or an IANA zone, for "local time". Returns Expressions sorted by
    start, not overlapping.
    """
    return default_tagger(language).tag(text, dct, place)


__all__ += ["Partial"]
