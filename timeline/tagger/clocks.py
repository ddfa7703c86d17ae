"""Clock times and their days: which day a bare clock time ("He was released at 10pm")
is on when no day is written with it (the day named just before it in its clause, the
day the sentence before narrated, none at all beside a set: "every Monday at 9 p.m."),
and the half of the day a range's first clock takes ("between 9 and 11 pm"). The
tagger (timeline.tagger.Tagger) asks; the regexes come from the lexicon's lists.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from ..model import Expression
from . import resolver as _resolver
from .discourse import Discourse
from .recognizer import MIDNIGHT, Partial
from .resources import Resources
from .sentences import sentence_index
from .tense import Cues, clause_tense, word_before, word_opening, words_regex

# A clock's hour in a partial value, and a bare hour as written ("9", "2:10").
BARE_CLOCK = re.compile(r"T(\d\d):\d\d$")
# A clock before this hour after a night narrated is the small hours after it.
_SMALL_HOURS = 6
_BARE_HOUR = re.compile(r"(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?")
# The tagger's reference for a clock that dates no day (Clocks.undated).
UNPLACED = "unplaced"
# A holiday counted in its month or from Easter ("Thanksgiving Day" XXXX-11-N4-4, "Easter
# Monday" XXXX-EA+1): a clock's day only when right after it ("at 6 p.m. on Thanksgiving
# Day"; not "queued at 5 a.m. ahead of Black Friday")
_HOLIDAY = r"XXXX-\d\d-N[1-5L]-\d|XXXX-EA(?![A-Z])"
HOLIDAY_PARTIAL = re.compile(_HOLIDAY)
# A partial value that names one day: a weekday, a month-day, a holiday
DAY_PARTIAL = re.compile(rf"XXXX-WXX-\d|(?:XXXX|\d{{4}})-(?:\d\d|XX)-\d\d|{_HOLIDAY}")
DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_WORD_BEFORE = re.compile(r"([A-Za-z]+),?\s+$")
_LAST_NIGHT = re.compile(r"\blast\s+night\s*$", re.I)


class Clocks:
    """The day of a bare clock time, and what the clocks of a range take from each other."""

    def __init__(self, resources: Resources, cues: Cues, breaks: re.Pattern, range_join: re.Pattern):
        lists = resources.lists
        self.resources = resources
        self._cues, self._breaks, self._range_join = cues, breaks, range_join
        self._clock_words = frozenset(resources.classes["CLOCKWORD"])
        # what may join a clock time to the day (or clock) before it: "Saturday at 0330
        # GMT", "0330 GMT and 1830 GMT", "Monday , from 9 p.m."
        self.joiner = re.compile(
            rf"\s*,?\s*(?:(?:{words_regex(lists['date_prepositions'] | lists['range_words'])})\s+)?", re.I)
        # what may join a bare clock time to the day named right after it: nothing, or a
        # word of clock_day_links ("11:45 the next morning", "10 a.m. on Tuesday")
        self.day_gap = re.compile(rf"\s*(?:(?:{words_regex(lists['clock_day_links'])})\s+)?", re.I)
        # a day placed by an event after a clock ("at 10:40 on the day of his death")
        self._event_day = re.compile(
            rf"\s*,?\s*(?:{words_regex(lists['clock_day_links'])})\s+the\s+"
            rf"(?:{words_regex(lists['event_day_words'])})\s+(?:{words_regex(lists['event_day_links'])})\s+",
            re.I)
        # what joins a pair, not a range ("and", "or"), and what opens a range whose
        # clocks "and" joins ("between 2300 and 0200 GMT")
        self._pair_words = lists["pair_words"]
        self._range_opener = re.compile(rf"\b(?:{words_regex(lists['range_openers'])})\s*$", re.I)
        # the half of the day written after a clock, a form of the class AMPM ("11 pm",
        # "3:10 p.m.")
        self._half_after = re.compile(
            rf"(?<=[\d\s])(?:{words_regex(resources.classes['AMPM'])})\.?(?!\w)", re.I)
        # a clock placed in time by a preposition ("at 10pm", "By 2.30 pm": the word
        # before it or its span's first); a day after a determiner, a word of
        # backdrop_prepositions or a reporting verb ("said on Wednesday") is a backdrop,
        # not the day narrated (see narrated_day)
        self._clock_placed = word_opening(lists["clock_prepositions"])
        self._placed_before = word_before(lists["clock_prepositions"])
        self._backdrop = re.compile(
            rf"\b(?:(?:{words_regex(lists['determiners'] | lists['backdrop_prepositions'])})"
            rf"|(?:{words_regex(lists['reporting_verbs'])})(?:\s+(?:{words_regex(lists['date_prepositions'])}))?)"
            rf"\s+$", re.I)

    def range_end(self, first: Expression, p: Partial, value: str, text: str) -> str:
        """The value of a clock ``p`` (resolved to ``value``) that ends a range begun by the
        clock ``first``: a day later when it passes midnight ("between 2300 and 0200 GMT",
        "9.30pm-1.00am"). A range only: joined by a range word or a dash, a pair word
        ("and") only after a range opener ("between"; not "shortly after 1135 and just
        before 0900"), neither clock with a mod."""
        if first.type != "TIME" or p.mod or first.mod \
                or not self._range_join.fullmatch(text, first.end, p.start):
            return value
        if text[first.end:p.start].strip().lower() in self._pair_words \
                and not self._range_opener.search(text, max(0, first.start - 12), first.start):
            return value
        return _next_day_end(first.value, value) or value

    def small_hours(self, p: Partial, text: str) -> Partial:
        """A clock of the small hours with "last night" is on the text's day, the night's
        end: "just after midnight last night", "at 1 a.m. last night" said on the 10th are
        the 10th's (they were the 9th's, the day "last night" began)."""
        clock = BARE_CLOCK.search(p.value)
        if clock and p.value.startswith("[-1D]T") and int(clock.group(1)) < _SMALL_HOURS \
                and _LAST_NIGHT.search(text, p.start, p.end):
            return replace(p, value="[0D]" + p.value[len("[-1D]"):])
        return p

    def range_start(self, partials, i: int, text: str) -> Partial:
        """A clock that opens a range takes from the second clock what it does not say: its
        zone ("from 9:30 a.m. to 4 p.m. EST" is 9:30 EST; it was the dateline's 9:30), and,
        for a bare hour, its half of the day: pm when it is the earlier hour so ("between
        9 and 11 pm", "2:10 - 3:10 pm"; "from 11 to 2 pm" stays 11 a.m.), past midnight
        for a 12 before an am one ("from 12:30 to 3:30 am")."""
        p = partials[i]
        q = partials[i + 1] if i + 1 < len(partials) else None
        m = BARE_CLOCK.search(p.value)
        if q is None or q.type != "TIME" or m is None or not self._range_join.fullmatch(text, p.end, q.start):
            return p
        if p.zone is None and q.zone is not None:
            p = replace(p, zone=q.zone)
        if not _BARE_HOUR.fullmatch(text, p.start, p.end):
            return p
        half = self._half_after.search(text, q.start, q.end)
        theirs = BARE_CLOCK.search(q.value)
        hour = int(m.group(1))
        side = self.resources.lookup(("AMPM",), half.group()) if half and theirs else None
        if side == "AM" and hour == 12 and int(theirs.group(1)) < 12:
            hour = 0
        elif side != "PM" or not 1 <= hour < 12 or hour >= int(theirs.group(1)) - 12:
            return p
        else:
            hour += 12
        return replace(p, value=f"{p.value[:m.start(1)]}{hour:02d}{p.value[m.end(1):]}")

    def capitalised_word(self, text: str, p: Partial) -> bool:
        """'join Bob for his After Midnight acoustic session': a capitalised clock word
        ("Midnight", "Noon") after a lower-case word in the sentence is a show's or a
        film's name, not a time (a Title Case headline, 'Polls Close At Midnight', has a
        capital before it and stays a time)."""
        words = text[p.start:p.end].split()
        if not any(w[:1].isupper() and w.casefold() in self._clock_words for w in words):
            return False
        before = _WORD_BEFORE.search(text, max(0, p.start - 30), p.start)
        return bool(before and before.group(1)[0].islower())

    def day_before(self, out: list[Expression], partials, i: int, text: str, sentences,
                    sentence: int) -> bool:
        """Whether a bare clock time belongs to the day just named before it in its clause
        ("on Saturday , 29 January at 0330 GMT and 1830 GMT and on Sunday , 30 January",
        "left on Monday at 9 p.m. and returned on Tuesday"), rather than to a day after it;
        unless that day follows it closely ("from Monday at 9 p.m. to 10 a.m. on Tuesday"
        keeps "Tuesday" for its own clock, and so does a part of it: "1830 GMT Tuesday
        night")."""
        prev, p = (out[-1] if out else None), partials[i]
        if prev is None or not _resolver.parse_ref(prev.value) or len(prev.value) < 10 \
                or sentence_index(sentences, prev.start) != sentence \
                or not self.joiner.fullmatch(text, prev.end, p.start):
            return False
        q = partials[i + 1] if i + 1 < len(partials) else None
        return not (q and DAY_PARTIAL.match(q.value)
                    and self.day_gap.fullmatch(text, p.end, q.start))

    def undated(self, partials, i: int, text: str) -> bool:
        """Whether a bare clock time dates no day of the text (it stays XXXX-XX-XXT10:40,
        dating no event): one next to a set of days ("every Monday at 9 p.m.", "at 07:30
        every morning"), or on a day placed by an event, not by a date ("gave him
        propofol at 10:40 on the day of his death", "at 9pm on the night before the
        vote"; "at 12:21 on the morning of June 25" has its date)."""
        prev, q = (partials[i - 1] if i else None), (partials[i + 1] if i + 1 < len(partials) else None)
        if (prev and prev.type == "SET" and self.joiner.fullmatch(text, prev.end, partials[i].start)) \
                or (q and q.type == "SET" and self.day_gap.fullmatch(text, partials[i].end, q.start)):
            return True     # "daily at 7:30", "every Monday at 9 p.m.", "at 07:30 every morning"
        m = self._event_day.match(text, partials[i].end)
        return m is not None and not (q is not None and q.start == m.end())

    def narrated_day(self, p: Partial, text: str, sentences, sentence: int,
                      anchor: _resolver.Anchor, said: Discourse) -> str | None:
        """The past day the sentence before narrated, for a bare clock time in a past
        clause: "Police arrested him on Monday. He was released at 10pm" is Monday's 10pm,
        not the publication day's. Only the sentence right before, only a whole day
        before the anchor's, and only in the past tense ("Tickets go on sale at 10am" is
        still the anchor's day). Only a clock placed by a word of clock_prepositions ("at
        10pm", "By 2.30 pm"; not "the primetime 8pm slot", nor a live page's "1250"
        stamp), and a day the sentence narrated, not a backdrop: not after a determiner
        ("stressed at the midday briefing" after "the April 20 blast"), a word of
        backdrop_prepositions ("have fallen since 20 April, when the rig exploded. By
        2.30 pm the shares had ...") or a reporting verb ("Senators said on Wednesday BP
        should cut its dividend. The stock was up 2.6 percent by 1336 GMT": today). After
        a night narrated ("on Monday night"), a clock of the small hours is the next day's."""
        last = said.last
        if last is None or sentence - said.last_sentence != 1 or not DAY_VALUE.fullmatch(last[:10]) \
                or last[:10] >= anchor.day.isoformat() \
                or not (self._clock_placed.match(text, p.start)
                        or self._placed_before.search(text, max(0, p.start - 16), p.start)) \
                or self._backdrop.search(text, max(0, said.last_start - 16), said.last_start):
            return None
        if not self.past_clause(p, text, sentences, sentence):
            return None
        clock = BARE_CLOCK.search(p.value)
        if last[10:] == "TNI" and clock and int(clock.group(1)) < _SMALL_HOURS:
            # "arrested him on Monday night. He was released at 3am": Tuesday's small hours
            return (date.fromisoformat(last[:10]) + timedelta(days=1)).isoformat()
        return last[:10]

    def past_midnight(self, p: Partial, text: str, sentences, sentence: int) -> bool:
        """Whether a bare midnight (T24:00, the end of the day it names) is in a past
        clause (with no day narrated, the tagger then reads T00:00, the midnight that
        began the text's day: "BP captured 2,200 barrels in the 24 hours to midnight",
        "between midnight and six o'clock in the morning", "suspended pumping
        around midnight local time last night"); "says he can't go on until midnight" is
        tonight (a reporting verb tells the report's tense, not the clock's)."""
        return p.value.endswith(MIDNIGHT) \
            and self.past_clause(p, text, sentences, sentence, skip=self._cues.reporting)

    def past_clause(self, p: Partial, text: str, sentences, sentence: int,
                     skip: frozenset = frozenset()) -> bool:
        """Whether the clause of ``p`` is in the past (tense.clause_tense; ``skip``: cue
        words not to count)."""
        sent = sentences[sentence] if sentences else (0, len(text))
        return clause_tense(text, sent, p.start, p.end, self._cues, self._breaks, skip) == "past"


_DAY_CLOCK = re.compile(r"(\d{4}-\d\d-\d\d)T(\d\d:\d\d)$")


def _next_day_end(first: str, second: str) -> str | None:
    """The end of a clock range that passes midnight ("between 2300 and 0200 GMT",
    "9.30pm-1.00am on Friday"): ``second`` a day later when both name the same day and
    its clock comes before the first's; else None."""
    a, b = _DAY_CLOCK.match(first), _DAY_CLOCK.match(second)
    if a is None or b is None or a.group(1) != b.group(1) or b.group(2) >= a.group(2) \
            or a.group(2) == MIDNIGHT[1:]:
        return None     # ... not after "midnight" (24:00, the day's end): "from midnight
        #                 to noon on 27 June" starts that day
    day = date.fromisoformat(b.group(1)) + timedelta(days=1)
    return f"{day.isoformat()}T{b.group(2)}"

