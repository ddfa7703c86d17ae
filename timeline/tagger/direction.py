"""Direction: which way a date written without its year (or week) lies from the anchor.

"Friday", "in March", "March 31", "the fourth quarter": the rule may say ("last Friday":
past, strictly); else a word right before it ("since July": the last one; "postponed until
Tuesday", "ahead of November elections": ahead), a chronology's entry ("15 July: ..."),
the verb next to a month-day ("ended March 31"), a possessive ("Wednesday's ruling"), or
the clause's tense (tense). The answer goes to completion, which picks the year or week.
"""
from __future__ import annotations

import re

from . import resolver as _resolver
from .recognizer import Partial
from .tense import (NEUTRAL, Cues, adjacent_tense, clause_span, clause_tense, is_adverb, past_report_or_manner, past_verb_before, pluperfect, present_clause,
                    scheduled_before, word_before, word_opening, words_regex)

# Values whose year/week must be chosen by a direction (tense) when the rule gave none.
_NEEDS_DIRECTION = ("XXXX-WXX-", "XXXX-0", "XXXX-1", "XXXX-S", "XXXX-F", "XXXX-W", "XXXX-Q", "XXXX-H",
                     "XXXX-EA", "XXXX-XX-0", "XXXX-XX-1", "XXXX-XX-2", "XXXX-XX-3")
_MONTH_DAY = re.compile(r"XXXX-\d\d-\d\d")
_MONTH_ONLY = re.compile(r"XXXX-(?:0[1-9]|1[0-2])")
_NOUN_AFTER = re.compile(r"\s+[a-z]")      # "the April 20 explosion": a lower-case word after
# Dates a present "be" before them schedules ("are in November", "is on Friday").
_SCHEDULABLE = re.compile(r"XXXX-(?:WXX-\d|\d\d(?:-\d\d)?|XX-\d\d)(?:T|$)")
_PART_OF_YEAR = re.compile(r"XXXX-(?:Q[1-4]|H[12]|SP|SU|FA)")
_ENTRY_COLON = re.compile(r"[ \t]*:(?!\d)")   # "15 July: ..." opens a chronology's entry
_SINCE_CHARS = 80       # how far back "since the ...", "the expected ..." may open the phrase a date ends
_WORDS = re.compile(r"[A-Za-z']+")
# At most this many words between a past verb and the "in" of a month for the verb to be
# the month's ("changed from a fiscal year to a calendar year in December": 8)
_OBJECT_WORDS = 8
_NEXT_TOKEN = re.compile(r"\s*([^\s,.;:]*)")
# Values that name any one in a clause that says what happens as a rule: a season, the
# weekend, a month or a day of one ("a season that normally ends in February"), a part of
# the day narrated ("the morning"), "overnight", "today" (then the present at large: "Oil
# rigs today generally don't cause spills").
_GENERIC = re.compile(r"XXXX-(?:SP|SU|FA|WI|WXX-WE|\d\d(?:-\d\d)?)$|\[\^0D\]T(?:MO|AF|EV|NI)$|\[-1D\|0D\]TNI$|\[0D\]$")


class Directions:
    """A language's direction cues (from its lexicon's lists), read for one date at a time."""

    def __init__(self, lists: dict, cues: Cues, breaks: re.Pattern):
        self._cues, self._breaks = cues, breaks
        # a deadline ("postponed until Tuesday", "pay down debt by February") lies ahead;
        # not when it opens the sentence ("But by July, the rebels held the city")
        self._deadline = re.compile(rf"\b(?:{words_regex(lists['deadline_words'])})\s+"
                                    rf"(?:(?:{words_regex(lists['date_prepositions'])})\s+)?$", re.I)
        self._opening = re.compile(rf"\W*(?:(?:{words_regex(lists['sentence_connectives'])})\W+)?$",
                                   re.I)
        # a preposition that places an event inside a period ("in the first quarter")
        self._placing = word_before(lists["placing_prepositions"])
        # a determiner right before a date used as a noun's modifier ("the April 20 blast")
        self._attributive = word_before(lists["determiners"])
        # a date fronted in a reported clause: "said that on Saturday two teams would be
        # sent out", "told reporters that on Friday": a reporting verb, up to two words
        # (whom it was told), a complementizer, a preposition of a date)
        self._reported_front = re.compile(
            rf"\b(?:{words_regex(lists['reporting_verbs'])})(?:\s+[A-Za-z']+){{0,2}}"
            rf"\s+(?:{words_regex(lists['complementizers'])})"
            rf"\s+(?:(?:{words_regex(lists['date_prepositions'])})\s+)?$", re.I)
        # "ahead of" right before a date (lists plan_adverbs, plan_adverb_links)
        self._ahead_of = re.compile(rf"\b(?:{words_regex(lists['plan_adverbs'])})\s+"
                                    rf"(?:{words_regex(lists['plan_adverb_links'])})\s+$", re.I)
        # "since July" (the last July), "since the explosion on 20 April" (past)
        self._since_before = word_before(lists["backdrop_prepositions"])
        self._since_opening = word_opening(lists["backdrop_prepositions"])
        self._since_phrase = re.compile(
            rf"\b(?:{words_regex(lists['backdrop_prepositions'])})\s+(?:{words_regex(lists['determiners'])})"
            rf"\s[^.;:!?]*$", re.I)
        # "the expected start of the rainy season in May": ahead
        self._ahead_phrase = re.compile(
            rf"\b(?:{words_regex(lists['determiners'])})\s+(?:{words_regex(lists['ahead_adjectives'])})"
            rf"\s[^.;:!?]*$", re.I)
        # "fell in January": a past verb placing a month in the past
        self._in_month = word_before(lists["past_month_prepositions"])
        # "ordered on June 16 to appear": an infinitive after the day
        self._to_after = re.compile(rf"\s+(?:{words_regex(lists['infinitive_markers'])})\s", re.I)
        # "died on 25 June", "rose June 20": prepositions between a past verb and its day
        self._past_day_preps = lists["past_day_prepositions"]
        self._habitual = lists["habitual_cues"]
        self._modals = frozenset(lists["strong_future_cues"]) | frozenset(lists["conditional_future_cues"])
        # (a subordinator ends the clause span itself: clause_breaks)
        self._clause_words = lists["clause_words"] | lists["complementizers"]
        self._causative = lists["causative_verbs"]
        # "Wednesday's ruling", "by Tuesday's quake"
        possessives = tuple(lists["past_possessives"])
        self._possessives = possessives + tuple(" " + x for x in possessives)  # "Tuesday 's" (tokenised)
        # "Saturday's concert, which will be broadcast": the noun's relative clause says
        # the day is ahead
        self._relative_future = re.compile(
            rf" ?(?:{words_regex(possessives)})(?:\s+[\w-]+){{1,4}}\s*,?\s+"
            rf"(?:{words_regex(lists['relative_pronouns'])})\s+"
            rf"(?:{words_regex(lists['strong_future_cues'])})\b", re.I)

    def _phrase_event(self, phrase: re.Pattern, text: str, sent: tuple, start: int,
                      verb) -> bool:
        """Whether the date ends a noun phrase ``phrase`` opens in its sentence, with no
        word between that ``verb`` calls a verb of its own."""
        m = phrase.search(text, max(sent[0], start - _SINCE_CHARS), start)
        return bool(m) and not any(verb(w.lower()) for w in _WORDS.findall(text, m.end(), start))

    def _since_event(self, text: str, sent: tuple, start: int) -> bool:
        """Whether the date ends a noun phrase opened by a word of backdrop_prepositions
        and a determiner in its sentence, with no future cue between: "since the
        explosion aboard the rig on 20 April" dates an event already past, whatever the
        clause's tense ("it will mark the first time since ..."); the causal "since the
        firm plans to pay on Friday" has a verb of its own."""
        return self._phrase_event(self._since_phrase, text, sent, start,
                                  lambda w: w in self._cues.future)

    def _ahead_event(self, text: str, sent: tuple, start: int) -> bool:
        """Whether the date ends a noun phrase opened by a determiner and a word of
        ahead_adjectives, with no verb between: "tents were needed before the expected
        start of the rainy season in May" (said in January) dates an event still ahead,
        whatever the clause's tense."""
        return self._phrase_event(self._ahead_phrase, text, sent, start,
                                  lambda w: self._cues.is_past_form(w) or w in self._cues.future)

    def _habitual_clause(self, text: str, sent: tuple, p: Partial) -> bool:
        """Whether a word of habitual_cues is in the clause of ``p``, on either side of it
        with no word that opens another clause between (clause_words, complementizers:
        "and normally", "it emerged that ... routinely", "has always loved the sea and
        today"; a subordinator already ends the clause span)."""
        s, e = clause_span(text, sent, p.start, p.end, self._breaks)
        before = reversed(_WORDS.findall(text, s, p.start))    # nearest first
        return any(self._habitual_word(w) for w in (before, _WORDS.findall(text, p.end, e)))

    def _modal_future(self, text: str, sent: tuple, p: Partial) -> bool:
        """Whether the clause of ``p`` has a future auxiliary (strong_future_cues,
        conditional_future_cues: "will", "would"), not only a present of schedule."""
        s, e = clause_span(text, sent, p.start, p.end, self._breaks)
        return any(w.lower() in self._modals for w in _WORDS.findall(text, s, e))

    def _habitual_word(self, words) -> bool:
        """Whether a word of habitual_cues comes in ``words`` (in reading order away from
        the expression) before a word that opens another clause."""
        for word in words:
            if word.lower() in self._clause_words:
                return False
            if word.lower() in self._habitual:
                return True
        return False

    def _past_verb_on_day(self, text: str, p: Partial) -> bool:
        """Whether the word adjacent_tense read as a past verb stands right before the
        month-day, or before one of past_day_prepositions ("died on 25 June", "rose June
        20"), is written in lower case (not "Khaled") and is no plan participle ("set"),
        with no infinitive after the day ("ordered on June 16 to appear")."""
        m = self._cues.prev_words.search(text, max(0, p.start - 40), p.start)
        verb, prep = m.group(2), m.group(3)
        return (prep is None or prep.lower() in self._past_day_preps) and verb[0].islower() \
            and "," not in text[m.start(2):p.start] and not self._to_after.match(text, p.end) \
            and self._cues.is_past_form(verb.lower()) and verb.lower() not in self._cues.plan_participles

    def _past_verb_object(self, text: str, sent: tuple, p: Partial, prep: int) -> bool:
        """Whether the nearest verb before the preposition at ``prep`` of a month ("changed
        its name in December", "sold the unit to Ford in December") is a finite past form
        in lower case, with only its object or complement between (at most _OBJECT_WORDS
        words, no comma): no modal or "to" and a verb ("said it would sell the unit",
        "hoped to get the first doses"), no plan word ("planned", "expects", "set to"), no
        word that opens another clause ("that", "as"), no passive ("will be sold") or base
        form ("could cut"). A past form after a determiner is an adjective ("the revised
        figures"): the verb is further back; a lower-case word after a plural is the
        clause's own verb, a present one ("Three wounded soldiers fly home in August"). Not
        with a future auxiliary in the clause after
        the month before a word that opens another clause: "said the sale in December would
        help" dates a sale maybe still ahead ("changed its name in December and will list
        its shares" does not)."""
        cues = self._cues
        start, end = clause_span(text, sent, p.start, p.end, self._breaks)
        for m in _WORDS.finditer(text, p.end, end):
            if m.group().lower() in self._clause_words:
                break
            if m.group().lower() in self._modals:
                return False
        start = max(start, text.rfind(",", start, prep) + 1)
        words = list(_WORDS.finditer(text, start, prep))
        for i in range(len(words) - 1, max(-1, len(words) - 2 - _OBJECT_WORDS), -1):
            m = words[i]
            word = m.group().lower()
            before = words[i - 1].group().lower() if i else ""
            if word in cues.infinitives:
                after = _NEXT_TOKEN.match(text, m.end()).group(1)
                if not after[:1].islower() or after.lower() in cues.determiners \
                        or cues.plural(after):
                    continue       # "to Ford", "to a calendar year", "to investors", "to $5"
                return False       # "hoped to get the first doses": a plan
            if word in self._clause_words or word in cues.base_form and m.group().islower() \
                    or cues.plan_word(word, text, m.end()) and not cues.cue_as_noun(word, text, m.start()) \
                    and before not in cues.determiners:
                return False
            if not cues.is_past_form(word) or word in cues.past_adverbs or not m.group().islower():
                if m.group().islower() and i and cues.plural(before) \
                        and before not in cues.determiners:
                    return False   # "wounded soldiers fly home": the present verb is the clause's
                continue
            before2 = words[i - 2].group().lower() if i > 1 else ""
            if before in cues.determiners or before2 in cues.determiners and is_adverb(before, cues):
                continue           # "the revised figures", "a still unspecified date": adjectives
            if before in cues.passive or before in cues.base_form or i > 2 and before2 in cues.determiners \
                    and words[i - 3].group().lower() in self._causative:
                return False       # "will be sold", "could cut", "'ve got a holiday booked"
            return not (before in cues.present_perfect and before2 in cues.base_form)  # "will have sold"
        return False

    def _will_before(self, text: str, sent: tuple, p: Partial) -> bool:
        """Whether a strong future cue ("will") governs the clause before ``p``, no past
        verb coming after it ("He will visit China in December" said in February: this
        December, not the last; "will decide after it raised rates in January" stays the
        nearest; a base form after "to" or a modal is no past)."""
        start = clause_span(text, sent, p.start, p.end, self._breaks)[0]
        words = [w.lower() for w in _WORDS.findall(text, start, p.start)]
        for i in range(len(words) - 1, -1, -1):
            if words[i] in self._cues.strong_future:
                return True
            if self._cues.is_past_form(words[i]) and (i == 0 or not (
                    words[i - 1] in self._cues.base_form or words[i - 1] in self._cues.passive)):
                return False     # (not a base form, "to hit", nor a passive, "be held")
        return False

    def of(self, p: Partial, text: str, sentence: tuple | None) -> tuple[str | None, bool]:
        """(past|future|this|since|ahead|present|generic|None, strict) for the partial ``p`` in its
        ``sentence`` (start, end): from the rule ("last Friday": strict), else from the
        words around it (see the module docstring), else from the clause's tense for
        weekdays, months and seasons."""
        if p.direction is not None:
            return p.direction, p.direction != "this"
        sent = sentence or (0, len(text))
        if _GENERIC.match(p.value) and self._habitual_clause(text, sent, p) \
                and not (p.value[5:6].isdigit() and self._modal_future(text, sent, p)):
            # "flu usually peaks in the winter": any winter; "a season that normally ends in
            # February": any February, but not a date a plan moves ("figures, normally
            # reported in October, would now be released on November 2")
            return "generic", False
        if self._since_before.search(text, max(0, p.start - 12), p.start) \
                or self._since_opening.match(text, p.start):   # "since" before it or in its span
            return "since", False   # "has held no press conference since July"
        if _ENTRY_COLON.match(text, p.end):
            return None, False      # a chronology's entry ("15 July: New cap brings a halt"):
            #                         no verb around it tells its direction
        if p.value.startswith(_NEEDS_DIRECTION):
            deadline = self._deadline.search(text, max(sent[0], p.start - 12), p.start) \
                if not text.startswith(self._possessives, p.end) else None   # "by Tuesday's quake"
            if deadline and not self._opening.match(text[sent[0]:deadline.start()]) \
                    and not pluperfect(text, sent, p.start, p.end, self._cues) \
                    and not past_verb_before(text, max(sent[0], deadline.start() - 50),
                                             deadline.start(), self._cues):
                return "future", False     # "postponed until Tuesday", "repay $5 billion by February"
            if self._ahead_of.search(text, max(sent[0], p.start - 20), p.start):
                # "ahead of November elections": still to come when the clause's event
                # happened; a past clause ("used hearings to gather ammunition ahead of
                # November elections", said in June) then leaves the nearest one
                tense = clause_tense(text, sent, p.start, p.end, self._cues, self._breaks)
                return (None if tense == "past" else "future"), False
            if _SCHEDULABLE.match(p.value) and not text.startswith(self._possessives, p.end) \
                    and scheduled_before(text, p.start, self._cues):
                return "future", False     # "the elections are in November": scheduled
            if self._since_event(text, sent, p.start):
                return "past", False   # "will mark the first time since the explosion on 20 April"
            if self._ahead_event(text, sent, p.start):
                return "future", False  # "needed before the expected start of the rainy season in May"
        if _MONTH_DAY.match(p.value):
            near = adjacent_tense(text, p.start, self._cues)
            if near is not None:
                if near == "past" and self._past_verb_on_day(text, p):
                    # "He died on 25 June" said on 14 June: a past verb right before the day
                    # (or "on" it) did it already, last year's; not "set Nov. 10 as the
                    # deadline", a deadline ("closed until May 11"), a name ("talks with
                    # Khaled on June 20"), nor an order or plan ("was ordered on June 16
                    # to appear")
                    return "since", False
                return (None if near == NEUTRAL else near), False
            # no verb next to it: the clause's tense ("departing each Thursday from August
            # 6" in a future clause is ahead; "An April 20 rig explosion killed 11 workers"
            # said in November is past; "payable Dec. 15" is itself a future cue)
            tense = clause_tense(text, sent, p.start, p.end, self._cues, self._breaks)
            if tense == "future" and self._attributive.search(text, max(0, p.start - 8), p.start) \
                    and _NOUN_AFTER.match(text, p.end) \
                    and clause_tense(text, (sent[0], p.end), p.start, p.end, self._cues,
                                     self._breaks) == "future":
                # "the April 20 explosion", "a May 11 launch date": the day names an event
                # of its own, which a future verb before it does not move ahead ("faces
                # lawsuits over the April 20 explosion" said in June): the nearest such day.
                # A verb after it is the event's own ("the Christmas season starts soon")
                return None, False
            return tense, False
        if _MONTH_ONLY.fullmatch(p.value):
            if text.startswith(self._possessives, p.end):
                # "after November's pledge": an event already known: a past clause puts it
                # in the past, but a future one does not move it ahead ("can emerge from
                # April's disaster" said in September is this April): then the nearest
                tense = clause_tense(text, sent, p.start, p.end, self._cues,
                                     self._breaks, skip=self._cues.conditional)
                return (tense if tense == "past" else None), False
            prep = self._in_month.search(text, max(0, p.start - 12), p.start)
            if prep and (adjacent_tense(text, p.start, self._cues) == "past"
                         or past_report_or_manner(text, p.start, self._cues)
                         or self._past_verb_object(text, sent, p, prep.start())):
                # "Sales fell in January" said in December: the last January not after the
                # text's month (a past verb right before "in" it, or with only its object
                # between: "changed its name in December"; a past clause at large may
                # report a plan still ahead: "hoped to get the first doses in August", "said
                # it would sell the unit in December", and a past form before
                # "until"/"through" a deadline: "booked through July")
                return "since", False
            if self._in_month.search(text, max(0, p.start - 12), p.start) \
                    and self._will_before(text, sent, p):
                # "will visit China in December" said in February: the next one not before
                # the text's month (a future clause at large leaves the nearest: MONTH_SLACK)
                return "ahead", False
        if p.value.startswith("XXXX-WXX-") and text.startswith(self._possessives, p.end):
            # "Wednesday's ruling": the last Wednesday (or today), unless the clause is in
            # the future ("Saturday's concert will raise money") or looks ahead to it ("a
            # look ahead to Wednesday's tie"), or the noun's relative clause does
            # ("Saturday's concert, which will be broadcast live"); a conditional is the
            # future of a past ("said they would look for ways around Wednesday's ruling")
            future = clause_tense(text, sent, p.start, p.end, self._cues,
                                  self._breaks, skip=self._cues.conditional) == "future" \
                or self._ahead_of.search(text, max(sent[0], p.start - 20), p.start) is not None \
                or self._relative_future.match(text, p.end, sent[1]) is not None
            return ("future" if future else "past"), False
        if p.value.startswith(_NEEDS_DIRECTION) or _resolver.is_choice(p.value) \
                or _resolver.is_narrated_shift(p.value):
            # a date fronted in a reported clause takes that clause's tense, not the
            # report's ("He said that on Saturday two teams would be sent out": ahead)
            fronted = self._reported_front.search(text, max(sent[0], p.start - 50), p.start)
            tense = clause_tense(text, (p.start, sent[1]) if fronted else sent, p.start, p.end,
                                 self._cues, self._breaks)
            if tense == "future" and _PART_OF_YEAR.fullmatch(p.value) \
                    and self._placing.search(text, max(0, p.start - 12), p.start):
                return "ahead", False   # "expects to close the deal in the first quarter"
            if tense is None and _resolver.is_narrated_shift(p.value) \
                    and present_clause(text, sent, p.start, p.end, self._cues,
                                       self._breaks):
                return "present", False     # "Months later, BP is defending the decision"
            return tense, False
        return None, True
