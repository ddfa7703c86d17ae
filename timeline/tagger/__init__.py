"""The temporal tagger: find TIMEX3 time expressions in text and resolve their values.

    from timeline.tagger import tag
    tag("Trump left before 1:30pm local time.", "2019-02-28T07:44+08:00", place="Hanoi")

Stages (each a module): resources (the language's word lists and rules, loaded once),
recognizer (one regex pass -> partial values; guards refuse non-times), offsets ("two
weeks from Friday": one day), direction, tense and sentences (which way "Friday" lies),
discourse (the date narrated so far), clocks (the day of a bare clock time), resolver
(partial -> complete value from the anchor; completion picks the year of a year-less
date), zones (UTC offsets).
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date as _date
from datetime import timedelta
from functools import lru_cache

from ..model import Expression
from ..timex import is_valid_value
from . import resolver as _resolver
from .direction import Directions
from .discourse import Discourse
from .offsets import Offsets, moved
from .clocks import BARE_CLOCK, DAY_PARTIAL, DAY_VALUE, HOLIDAY_PARTIAL, UNPLACED, Clocks
from .partial import WEEKDAY_PARTIAL, YEAR_VALUE, Partial
from .recognizer import MIDNIGHT, recognise
from .resources import Resources, cached
from .sentences import sentence_index, split_sentences
from .tense import Cues, clause_breaks, words_regex
from .zones import anchor_offset, paired_offset, sentence_names, zone_offset

__all__ = ["tag", "Tagger", "split_sentences", "Expression", "Partial"]

# A quoted title, all in capitals ('"This Week With David Brinkley"') is no expression.
_OPENING_QUOTE_RE = re.compile(r"(?:^|(?<=[\s(]))[\"\u201c`]$")
_TITLE_RE = re.compile(r"[A-Z][a-z]*(?: [A-Z][a-z]*)+[,.]?[\"\u201d']")
# How far after it the event that places such a stretch may name its date ("weeks before
# a drilling rig exploded April 20").
_EVENT_CHARS = 60
# A day written shortly after a bare clock time ("10:35 a.m. (0735 GMT) Friday") dates it.
_DAY_AFTER_CHARS = 30
# A month (-day) of the year narrated ("June of that year", "that February": rules.yaml)
_NARRATED_YEAR = "[^0Y]"
_NARRATED_DAY = "[^0D]"     # the day being narrated ("the 85th day of the disaster")
_YEARLESS = re.compile(r"XXXX-(?:0[1-9]|1[0-2])(?:-\d\d)?$")
_DATED = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:-\d\d)?$")
_MONTHLESS_DAY = re.compile(r"XXXX-XX-\d\d")      # "on the 20th"
_PAIR_STEP_BACK = 2     # days a pair's second weekday may lie before its first
_COMMON = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T(?:MO|AF|EV|NI|([01]\d|2[0-3]):[0-5]\d))?")


def _quoted_title(text: str, start: int) -> bool:
    """Capitalised words in quotes from ``start`` on ('"This Week With David Brinkley"')."""
    return bool(_TITLE_RE.match(text, start)
                and _OPENING_QUOTE_RE.search(text, max(0, start - 2), start))


def _fronted_year(out: list[Expression], text: str, sentence: tuple[int, int], start: int,
                  breaks: re.Pattern, opening: re.Pattern) -> str | None:
    """The year of a year-less month (-day) at ``start`` from a year that opens its
    sentence (``opening``: what may stand before it, "In", "By"), in the same clause: "In
    2008, the bank collapsed in September" is September 2008 (it was the text's year's);
    "In 2009, BP generated $27 billion, and it ended March with ..." is another clause."""
    for e in out:
        if e.start >= sentence[0] and YEAR_VALUE.fullmatch(e.value) \
                and opening.fullmatch(text, sentence[0], e.start) \
                and not breaks.search(text, e.end, start) \
                and "," not in text[e.end:start].lstrip(" ,"):
            return e.value       # (not "In 2019, revenue rose, the company said in February")
    return None


def _range_year(partials, i: int, text: str, joins: re.Pattern,
                previous: Expression | None = None) -> str | None:
    """The year of a year-less month (-day) from the other end of a range it forms with
    one that has its year: "January to April 1919", "Feb. 20 - March 2, 2010", "from
    November 1998 to March" -- or whose year was resolved already (``previous``, the
    expression before it): "from June 1 to November 30" ends after it starts."""
    month = partials[i].value[5:7]
    q = _joined_next(partials, i, text, joins)
    if q is not None and _DATED.match(q.value):
        return str(int(q.value[:4]) - (month > q.value[5:7]))
    if i:
        q = partials[i - 1]
        value = previous.value if previous is not None and previous.start == q.start \
            and _YEARLESS.match(q.value) else q.value
        if joins.fullmatch(text, q.end, partials[i].start) and _DATED.match(value):
            return str(int(value[:4]) + (month < value[5:7]))
    return None


_MONTH_DAY = re.compile(r"(?:XXXX|\d{4})-(?:0[1-9]|1[0-2])-\d\d$")


def _joined_month(partials, i: int, text: str, joins: re.Pattern) -> str | None:
    """The month (and year, if given) of the month-day a day of the month alone is joined
    to by a range word: "on the 22nd and the 23rd of April" are both April's."""
    q = _joined_next(partials, i, text, joins)
    return q.value[:7] if q is not None and _MONTH_DAY.match(q.value) else None


def _joined_next(partials, i: int, text: str, joins: re.Pattern):
    """The partial right after partials[i] when only a joining word stands between them
    ("January to April 1919", "the 22nd and the 23rd of April"), else None."""
    if i + 1 < len(partials) and joins.fullmatch(text, partials[i].end, partials[i + 1].start):
        return partials[i + 1]
    return None


_ANAPHORIC_DAY = re.compile(r"\[\^[+-]\d+D\]$")
_APPOSITION = re.compile(r"\s*,\s*")
# "the year", "the month" (value [0Y], [0M]) after a year or a month named, or a month or
# day of it ("in March 2003, the year the war began"): that one
_SAME_PERIOD = {"[0Y]": 4, "[0M]": 7}


def _apposed(value: str, previous: Expression, text: str, start: int) -> str | None:
    """The value said again by an expression in apposition to the one just named: "Oct.
    12, the day before the plunge" (a day counted from the date narrated is that day,
    not one before it), "since 2005, the year of Hurricane Katrina", "in March 2003, the
    month the war began" (not the anchor's year or month)."""
    if not _APPOSITION.fullmatch(text, previous.end, start):
        return None
    if _ANAPHORIC_DAY.match(value) and DAY_VALUE.match(previous.value):
        return previous.value[:10]
    same = _SAME_PERIOD.get(value)
    of_it = _DATED.match(previous.value) or same == 4 and YEAR_VALUE.fullmatch(previous.value)
    return previous.value[:same] if same and of_it else None


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
        self._cues = Cues.from_lists(lists)
        self._abbrevs = lists["abbreviations"]
        self._openers = lists["sentence_starters"]
        self._glued = (lists["glued_openers"], lists["glue_blockers"])
        self._starters = frozenset(w.lower() for w in self._openers)
        self._destinations = frozenset(w.lower() for w in lists["destination_words"])
        self._titles = lists["titles"]
        self._breaks = clause_breaks(lists["clause_words"], lists["subordinators"])
        self._directions = Directions(lists, self._cues, self._breaks)
        self._offsets = Offsets(self.resources)
        # the ends of a range: "January to April 1919", "Feb. 20 - March 2, 2010"
        self._range_join = re.compile(rf"\s*(?:-|\u2013|\u2014|{words_regex(lists['range_words'])})\s*",
                                      re.I)
        # what joins two days as a pair, not a range ("Tuesday or Wednesday")
        self._pair_join = re.compile(rf"\s*(?:{words_regex(lists['pair_words'])})\s*", re.I)
        # what may open a sentence before its year ("In 2008, ...", "By 2010 the bank ..."):
        # what its clause narrates happened that year
        self._year_opening = re.compile(
            rf"\W*(?:(?:{words_regex(lists['year_openers'])})\s+)?$".replace(r"\ ", r"\s+"), re.I)
        self._clocks = Clocks(self.resources, self._cues, self._breaks, self._range_join)
        # rules whose day is named in passing ("since 9/11"): no date narrated after it
        self._backdrops = frozenset(r.id for r in self.resources.rules if r.backdrop)

    def tag(self, text: str, dct, place: str | None = None) -> list[Expression]:
        """Recognise, then resolve each expression in text order (see :func:`tag`)."""
        if not isinstance(text, str):
            raise TypeError("text must be a str")
        anchor = _resolver.Anchor.parse(dct)
        partials = self._offsets.join(recognise(text, self.resources, anchor.day.year), text)
        if not partials:
            return []
        sentences = split_sentences(text, self.language, self._abbrevs, self._openers, self._titles,
                                    *self._glued)
        fallback_zone = anchor_offset(anchor.time)
        out: list[Expression] = []
        said = Discourse()
        zone_said = None      # the zone the last expression named (None, "LOCAL", ...)
        for i, written in enumerate(partials):
            if _quoted_title(text, written.start) or self._clocks.capitalised_word(text, written):
                continue      # 'ABC's "This Week"', 'his After Midnight session': a title
            sentence = sentence_index(sentences, written.start)
            p, ref, dated, by_anaphor, read = self._in_context(partials, i, text, sentences,
                                                                sentence, anchor, said, out)
            if ref is UNPLACED:      # "at 10:40 on the day of his death", "daily at 7:30"
                value, relative, ref = p.value, False, None
            else:
                value, relative = self._resolve(p, text, sentences, sentence, anchor, ref)
            if p.type == "DATE" and BARE_CLOCK.search(value):
                p = replace(p, type="TIME")    # "2 hours ago" said at noon: 10:00, a TIME
            if not value.isascii() or not _valid(value, p.type):
                continue      # e.g. "Feb 31": not a calendar date, so not an expression
            told = value      # the day the text goes on from: a range's end past midnight
            #                   ("between 2300 and 0200 GMT (1900 to 2200 EST)") is on the
            #                   next day, but what follows is still told from the first's
            if p.type == "TIME" and out:
                value = self._clocks.range_end(out[-1], p, value, text)
            named = sentence_names(text, *sentences[sentence], self._starters,
                                   self._destinations) \
                if p.zone == "LOCAL" and sentences else ()
            zone = zone_offset(p.zone, value, place, fallback_zone, named) \
                if p.type == "TIME" else None
            if zone and p.zone not in (None, "LOCAL") and out and out[-1].type == "TIME" \
                    and zone_said in (None, "LOCAL"):
                # "1300 local time (0500 GMT)": the zone named in brackets gives the offset
                # (and "2000 (0000 GMT)" is 0000 GMT of the next day)
                paired = paired_offset(out[-1].value, text[out[-1].end:p.start], value, zone,
                                       other_dated=dated)
                if paired:
                    out[-1] = replace(out[-1], zone=paired[0])
                    value = paired[1]
            zone_said = p.zone
            used_ref = ref and ("^" in p.value or p.value.startswith(("[~", "XXXX-XX-XX")))
            # a value read from an expression before it depends on that one's (TimeML's
            # temporalFunction, anchored on it): "Thursday" in "Friday and Thursday"
            out.append(Expression(p.start, p.end, text[p.start:p.end], p.type, value, p.mod,
                                  zone, p.quant, p.freq, relative or read is not None,
                                  read or ((ref if used_ref else anchor.day.isoformat())
                                           if relative else None)))
            if not by_anaphor and p.rule not in self._backdrops:
                said = said.after(p, told, sentence, anchor, text)
        return out

    def _in_context(self, partials, i: int, text: str, sentences, sentence: int,
                    anchor: _resolver.Anchor, said: Discourse, out: list[Expression]):
        """What the text around partials[i] says of it: (the partial, completed where the
        expressions next to it give a part of its value; the value it resolves against
        instead of the anchor, if any; whether the text gives its day; whether that day
        was read from an anaphor ("that night"); the value of the expression it was read
        from again, if any). ``out``: the expressions resolved before it."""
        p = partials[i]
        if p.type == "TIME":     # "between 9 and 11 pm EST": the first is 21:00 EST
            p = self._clocks.small_hours(self._clocks.range_start(partials, i, text), text)
        ref = said.reference(p, sentence)
        if p.value == "[^0M]":     # "weeks before the rig exploded April 20": that month
            month = self._event_month(partials, i, text, sentences, sentence, anchor, said)
            if month is not None:
                p = replace(p, value=month)
                ref = said.reference(p, sentence)
            elif (ref is None or (said_day := _resolver.parse_ref(ref)) is not None
                  and said_day[0].strftime("%Y-%m") == anchor.day.strftime("%Y-%m")) \
                    and (unit := self.resources.lookup(("UNIT",), text[p.start:p.end])):
                # no month narrated either ("in the weeks after the storm"), or only the
                # text's own ("Last week, the commission met. Decisions in the months
                # leading up to the blow-out ..."): a stretch of that unit, not a month
                p = replace(p, type="DURATION", value=f"PX{unit}")
        by_anaphor = False    # "By 11.30 pm that night": "that night" still reads the date before
        read = None           # the value it was read from when it is the one before it again
        dated = not p.value.startswith("XXXX-XX-XX")     # the text gives its day
        if not dated:     # a bare clock time: a day named next to it, if any, is its own
            dated = self._clocks.day_before(out, partials, i, text, sentences, sentence)
            if not dated:
                day, by_anaphor = self._day_after(partials, i, text, sentences, sentence, anchor, said)
                ref, dated = day or ref, day is not None
            if not dated and self._clocks.undated(partials, i, text):
                return p, UNPLACED, False, False, None
            if not dated and ref is None:
                ref = self._clocks.narrated_day(p, text, sentences, sentence, anchor, said)
                if ref is None and self._clocks.past_midnight(p, text, sentences, sentence):
                    p = replace(p, value=p.value[:-len(MIDNIGHT)] + "T00:00")
        elif _YEARLESS.match(p.value):
            year = _range_year(partials, i, text, self._range_join, out[-1] if out else None) \
                or _fronted_year(out, text, sentences[sentence] if sentences else (0, len(text)),
                                 p.start, self._breaks, self._year_opening)
            if year is None and i + 1 < len(partials) and partials[i + 1].value.startswith(_NARRATED_YEAR) \
                    and self._range_join.fullmatch(text, p.end, partials[i + 1].start):
                year = _NARRATED_YEAR   # "on 15 October and 9 November that year": both of it
            p = replace(p, value=year + p.value[4:]) if year else p
        elif _MONTHLESS_DAY.fullmatch(p.value) and (month := _joined_month(partials, i, text,
                                                                          self._range_join)):
            p = replace(p, value=month + p.value[7:])     # "the 22nd and the 23rd of April"
        elif _MONTHLESS_DAY.fullmatch(p.value):
            # "In April the rig was at sea . On the 20th it exploded": that month's,
            # unless the clause says the other way: that day is past and the clause
            # future ("will be held on the 3rd"), or it is ahead and the clause past
            # ("Shares fell on Monday. It had warned on the 20th", said on the 14th)
            month = said.narrated_month(sentence, p.value[8:])
            if month:
                day, today = month + p.value[7:], anchor.day.isoformat()
                way = self._directions.of(p, text, sentences[sentence] if sentences else None)[0]
                if not (day < today and way == "future" or day > today and way in ("past", "since")):
                    p, read = replace(p, value=day), said.last
        elif p.value == _NARRATED_DAY and i + 1 < len(partials) \
                and self._clocks.day_gap.fullmatch(text, p.end, partials[i + 1].start) \
                and (day := self._day_after(partials, i, text, sentences, sentence, anchor, said)[0]):
            p = replace(p, value=day)     # "the disaster, in its 42nd day on Monday": that Monday
        elif WEEKDAY_PARTIAL.fullmatch(p.value) and out and out[-1].type == "SET" \
                and WEEKDAY_PARTIAL.fullmatch(out[-1].value) \
                and self._pair_join.fullmatch(text, out[-1].end, p.start):
            p = replace(p, type="SET", quant=out[-1].quant)   # "every Monday and Thursday"
        elif WEEKDAY_PARTIAL.match(p.value) and (after := self._weekday_after(partials, i, text, out)):
            # "by Sunday or Monday": the Monday after
            p, read = replace(p, value=after + p.value[10:]), out[-1].value
        elif out and (again := _apposed(p.value, out[-1], text, p.start)):
            # "on Oct. 12, the day before the plunge": the same day, said again
            p, read = replace(p, value=again), out[-1].value
        return p, ref, dated, by_anaphor, read

    def _resolve(self, p: Partial, text: str, sentences, sentence: int,
                 anchor: _resolver.Anchor, ref: str | None) -> tuple[str, bool]:
        direction, strict = self._directions.of(p, text, sentences[sentence] if sentences else None)
        value, relative = _resolver.resolve_value(p.value, p.type, anchor, ref, direction, strict)
        if p.weekday and p.value.startswith("XXXX-"):     # "Thursday, 27 May": its year
            value = _resolver.on_weekday(value, p.weekday, anchor.day)
        return (moved(value, p.offset, p.value, anchor.day, direction) if p.offset else value), relative

    def _event_month(self, partials, i: int, text: str, sentences, sentence: int,
                     anchor: _resolver.Anchor, said: Discourse) -> str | None:
        """The month of the event that places a stretch of days/weeks/months ("days after
        Jackson's death on 25 June , 2009", "in the days preceding the April 20
        explosion"): a date written right after it in its sentence, if any (a year-less
        one resolved as it will be: "the weeks leading up to the election date of 6 May").
        Not past a comma or a clause break: the date is then another clause's ("In the
        weeks before the election, polls on 1 March showed a lead")."""
        q = partials[i + 1] if i + 1 < len(partials) else None
        end = partials[i].end
        if q is None or q.start - end > _EVENT_CHARS or sentence_index(sentences, q.start) != sentence \
                or "," in text[end:q.start] or self._breaks.search(text, end, q.start):
            return None
        if _DATED.match(q.value):
            return q.value[:7]
        if _YEARLESS.match(q.value):
            value = self._resolve(q, text, sentences, sentence, anchor, said.reference(q, sentence))[0]
            return value[:7] if _DATED.match(value) else None
        return None

    def _weekday_after(self, partials, i: int, text: str, out: list[Expression]) -> str | None:
        """The day of a weekday that ends a range or pair with the weekday before it, read
        next to the day that one was read as: a range's end the first such weekday after
        it ("from Thursday through Saturday"), a pair's other day the next one too ("could
        be ready on Tuesday or Wednesday", "held on Monday and Friday") unless it lies a
        day or two before ("statements made Friday and Thursday": news lists days in their
        order but for such a step back). Not one whose rule gave its direction ("on Friday
        and next Monday": next week's)."""
        p = partials[i]
        if not i or not out or p.type != "DATE" or p.direction is not None \
                or out[-1].start != partials[i - 1].start \
                or not WEEKDAY_PARTIAL.match(partials[i - 1].value) \
                or not DAY_VALUE.match(out[-1].value):
            return None
        join = self._range_join.fullmatch(text, partials[i - 1].end, p.start)
        if not join:
            return None
        first = _date.fromisoformat(out[-1].value[:10])
        ahead = (int(p.value[9]) - first.isoweekday()) % 7 or 7
        if ahead > 7 - _PAIR_STEP_BACK and self._pair_join.fullmatch(join.group()):
            ahead -= 7
        return (first + timedelta(days=ahead)).isoformat()

    def _day_after(self, partials, i: int, text: str, sentences, sentence: int,
                   anchor: _resolver.Anchor, said: Discourse) -> tuple[str | None, bool]:
        """The day a bare clock time belongs to when that day follows it closely in the
        same sentence: "at about 10:35 a.m. (0735 GMT) Friday", "at 4 in the morning
        (4 a.m. EDT Thursday)", "By 11.30 pm that night" (that night is the one narrated),
        and whether that day was counted from the date narrated."""
        p = partials[i]
        for q in partials[i + 1:i + 3]:
            if q.start - p.end > _DAY_AFTER_CHARS or sentence_index(sentences, q.start) != sentence:
                return None, False
            # "11:45 the next morning", "6am in the morning" (not "at noon and, two days later")
            anaphoric = _resolver.is_narrated_day(q.value) \
                and bool(self._clocks.day_gap.fullmatch(text, p.end, q.start))
            if HOLIDAY_PARTIAL.match(q.value) and not self._clocks.day_gap.fullmatch(text, p.end, q.start):
                return None, False   # "at 5 a.m. ahead of Black Friday": the holiday is a goal
            if q.type in ("DATE", "TIME") and (DAY_PARTIAL.match(q.value) or anaphoric):
                ref = said.reference(q, sentence) if anaphoric else None
                value, _ = self._resolve(q, text, sentences, sentence, anchor, ref)
                return (value[:10], anaphoric) if _resolver.parse_ref(value) else (None, False)
        return None, False


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

