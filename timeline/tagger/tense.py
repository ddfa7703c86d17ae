"""The tense of the clause around an expression: which way "Friday" or "in March" points.

The nearest cue word in the sentence decides: future cues ("will", "'ll", "plans",
"scheduled") or past cues ("was", "said", "ago", regular "-ed" verbs). Cue words come
from the language's lexicon (lists: future_cues, strong_future_cues, past_cues,
reporting_verbs, passive_auxiliaries, pluperfect_auxiliaries, perfect_participles,
determiners, past_endings, date_prepositions, ...: see Cues.from_lists); no word of a
language is written here. Cues before the expression count a little more than cues after it, future
auxiliaries ("will") twice as much as other cues. A participle after a passive auxiliary
("will be paid") is no past cue; a future cue after a pluperfect ("had been scheduled to
expire Friday") is a past one; a cue word after a determiner ("the plan") is no verb.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_WORD_RE = re.compile(r"[A-Za-z']+")
_LAST_WORD_RE = re.compile(r"([A-Za-z']+)\s+$")
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z']+)")
_OPENER_RE = re.compile(r"([A-Za-z']+)\s*$")
_NEVER = re.compile(r"(?!)")
# A word of 4+ letters and a hyphen right before a cue word make it part of a compound
# adjective ("smaller-than-expected", "long-awaited"); "re-elected" stays a verb.
_COMPOUND_BEFORE = re.compile(r"[A-Za-z]{4}-$")


def words_regex(words) -> str:
    """An alternation of whole words, longest first ("(?!)" for none)."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) or "(?!)"


def is_plural(word: str, plural_endings: tuple, singular_endings: tuple, irregular) -> bool:
    """A plural noun by its ending (lexicon plural_endings: "soldiers"), not a singular
    one that ends the same way (singular_endings: "press", "virus", "analysis"), or one of
    the lexicon's irregular_plurals ("people", "police")."""
    return word.endswith(plural_endings) and not word.endswith(singular_endings) or word in irregular


def word_before(words) -> re.Pattern:
    """One of ``words`` (any case) and spaces ending the text searched: search it in
    text[start:position] for the word right before a position ("since July")."""
    return re.compile(rf"\b(?:{words_regex(words)})\s+$", re.I)


def word_opening(words) -> re.Pattern:
    """One of ``words`` (any case) and a space at the position matched ("at 10pm")."""
    return re.compile(rf"(?:{words_regex(words)})\s", re.I)


@dataclass(frozen=True)
class Cues:
    """A language's tense cue words (lower case), from its lexicon lists."""

    future: frozenset = frozenset()
    past: frozenset = frozenset()
    reporting: frozenset = frozenset()     # "said Dec. 15" dates the report
    passive: frozenset = frozenset()       # "be" in "will be paid"
    pluperfect: frozenset = frozenset()    # "had" in "had (been) scheduled"
    perfect: frozenset = frozenset()       # "been" in "had been scheduled"
    determiners: frozenset = frozenset()   # "the plan", "an expected rise": no verbs
    strong_future: frozenset = frozenset()  # "will": counts at half its distance
    adverbs: frozenset = frozenset()       # "a still unspecified date": no verb
    plan_participles: frozenset = frozenset()  # "set": a plan only before "to"/"for"
    deferrals: frozenset = frozenset()     # "extended to Nov. 16": a new date ahead
    auxiliaries: frozenset = frozenset()   # "were" in "were planning": no verb of its own
    plan_adverbs: frozenset = frozenset()  # "ahead": a cue only in "ahead of the ..."
    deferral_preps: frozenset = frozenset()    # "to", "until" after a deferral verb
    past_adverbs: frozenset = frozenset()      # "ago", "last": past cues that are no verbs
    aside_openers: frozenset = frozenset()     # "as" in "as scheduled"
    plan_dets: frozenset = frozenset()         # "the", "this", "next" in "ahead of the ..."
    past_endings: tuple = ()                   # "-ed": a regular past form
    not_past: frozenset = frozenset()          # "succeed": no past form for all its "-ed"
    adverb_endings: tuple = ()                 # "-ly": an adverb
    present_perfect: frozenset = frozenset()   # "has" in "has halted [until ...]": goes on
    future_be: frozenset = frozenset()         # "is" in "is to visit": a future
    conditional: frozenset = frozenset()       # "would": a future only seen from a past
    counterfactual: frozenset = frozenset()    # "should", "would" before "have": a past
    infinitive_next: re.Pattern = _NEVER       # " to <word>" after such a "be"
    plan_next: re.Pattern = _NEVER             # " to"/" for" after a plan participle
    link_next: re.Pattern = _NEVER             # " of <word>" after a plan adverb
    prev_words: re.Pattern = _NEVER            # "[word] verb [preposition] " before a date
    scheduled: re.Pattern = _NEVER             # "are [word] [word] [in] " before a date
    noun_before: re.Pattern = _NEVER           # "the static-kill ", "a new " before "plan": a noun
    plural_endings: tuple = ()                 # "-s": a plural subject ("the officials plan")
    singular_endings: tuple = ()               # "-ss", "-us": no plural ("the business plan")
    irregular_plurals: frozenset = frozenset()  # "police": a plural subject too
    noun_cues: frozenset = frozenset()         # "plan": a future cue that may be a noun
    adjacent_only: frozenset = frozenset()     # "ends": a cue only right before the date
    future_perfect: re.Pattern = _NEVER        # "will have [it] " before "fixed": no past
    adjacent_gap: re.Pattern = _NEVER          # " on " between such a cue and the date
    progressive_endings: tuple = ()            # "-ing" in "are meeting on Saturday"
    present_be: frozenset = frozenset()        # "is" in "Months later, BP is defending"
    participles: frozenset = frozenset()       # "gone" in "should have gone on Friday"
    infinitives: frozenset = frozenset()       # "to" in ", to be released on Tuesday ,"
    base_form: frozenset = frozenset()         # "to", "could": the verb after is no past

    @staticmethod
    def from_lists(lists: dict) -> "Cues":
        """From a lexicon's lists (resources checks at load that every one is there)."""
        names = ("future_cues", "past_cues", "reporting_verbs", "passive_auxiliaries",
                 "pluperfect_auxiliaries", "perfect_participles", "determiners",
                 "strong_future_cues", "adverbs", "plan_participles", "deferral_verbs",
                 "past_auxiliaries", "plan_adverbs", "deferral_prepositions", "past_adverbs",
                 "aside_openers")
        preps = words_regex(lists["date_prepositions"])
        return Cues(*(lists[name] for name in names),
                    plan_dets=lists["determiners"] | lists["plan_adverb_determiners"],
                    past_endings=tuple(lists["past_endings"]),
                    not_past=lists["past_ending_exceptions"],
                    adverb_endings=tuple(lists["adverb_endings"]),
                    present_perfect=lists["present_perfect_auxiliaries"],
                    future_be=lists["future_be_forms"],
                    conditional=lists["conditional_future_cues"],
                    counterfactual=lists["counterfactual_modals"],
                    infinitive_next=re.compile(rf"\s+(?:{words_regex(lists['infinitive_markers'])})\s+[A-Za-z]", re.I),
                    plan_next=re.compile(rf"\s+(?:{words_regex(lists['plan_prepositions'])})\b", re.I),
                    link_next=re.compile(rf"\s+(?:{words_regex(lists['plan_adverb_links'])})\s+([A-Za-z]+)", re.I),
                    prev_words=re.compile(rf"(?:([A-Za-z']+)[\s,]+)?([A-Za-z']+)[\s,]+(?:({preps})\s+)?$", re.I),
                    progressive_endings=tuple(lists["progressive_endings"]),
                    noun_before=re.compile(rf"(?<![A-Za-z'])(?:{words_regex(lists['determiners'])})"
                                               rf"\s+([A-Za-z]+(?:-[A-Za-z]+)*)\s+$", re.I),
                    plural_endings=tuple(lists["plural_endings"]),
                    singular_endings=tuple(lists["singular_endings"]),
                    irregular_plurals=lists["irregular_plurals"],
                    noun_cues=lists["noun_future_cues"],
                    adjacent_only=lists["adjacent_future_cues"],
                    future_perfect=re.compile(
                        rf"(?<![A-Za-z'])(?:{words_regex(lists['strong_future_cues'])})\s+"
                        rf"(?:{words_regex(lists['present_perfect_auxiliaries'])})\s+(?:[A-Za-z']+\s+){{0,2}}$", re.I),
                    adjacent_gap=re.compile(rf"[\s,]+(?:(?:{preps})\s+)?", re.I),
                    present_be=lists["present_be_forms"],
                    participles=lists["irregular_participles"],
                    infinitives=lists["infinitive_markers"],
                    base_form=lists["base_form_cues"],
                    scheduled=re.compile(rf"(?<![A-Za-z'])(?:{words_regex(lists['present_be_forms'])})\s+"
                                         rf"(?:([A-Za-z']+)\s+)??(?:([A-Za-z']+)\s+)??"
                                         rf"(?:(?:{words_regex(lists['schedule_prepositions'])})\s+)?$", re.I))

    def regular_past(self, word: str) -> bool:
        """A regular past form ("announced"): a long enough word with a past ending."""
        return len(word) > 4 and word.endswith(self.past_endings) and word not in self.not_past

    def is_past_form(self, word: str) -> bool:
        return word in self.past or self.regular_past(word)

    def plural(self, word: str) -> bool:
        """A plural noun by the lexicon's endings and irregular plurals ("officials")."""
        return is_plural(word, self.plural_endings, self.singular_endings, self.irregular_plurals)

    def cue_as_noun(self, word: str, text: str, start: int) -> bool:
        """A cue word that may be a noun (lexicon list noun_future_cues) after a
        determiner and one word that is no plural is a noun: "unveiled a new plan on
        Monday", "the static-kill plan Sunday", "a long-term start"; "the officials plan
        to meet on Friday", "the police plan to" have their verb (a plural subject), and
        "The singer will be buried on Thursday" its auxiliary (no noun)."""
        if word not in self.noun_cues:
            return False
        m = self.noun_before.search(text, max(0, start - 40), start)
        return m is not None and not self.plural(m.group(1).lower())

    def plan_word(self, word: str, text: str, end: int) -> bool:
        """A future cue here? "set" is one only when "to"/"for" follows ("set to expire",
        "set for Friday"); "the record set on Aug. 6", "set Friday as the deadline" are
        past. "ahead" only before "of" and a determiner ("ahead of the weekend", not "two
        hours ahead of schedule"). "is"/"are" only before "to" and a verb ("is to visit")."""
        if word in self.future_be:
            return self.infinitive_next.match(text, end) is not None   # "is to visit"
        if word not in self.future:
            return False
        if word in self.plan_adverbs:
            m = self.link_next.match(text, end)
            return bool(m) and m.group(1).lower() in self.plan_dets
        return word not in self.plan_participles or self.plan_next.match(text, end) is not None


def _participle(word: str, cues: Cues) -> bool:
    """A past form or participle that a passive auxiliary before it turns into a passive
    ("be paid", "be taken")."""
    return word in cues.past or word in cues.participles or word.endswith(cues.past_endings)


def _aside(before: str, word: str, cues: Cues, before2: str = "") -> bool:
    """"retired, as scheduled, on June 30", "began as previously planned Saturday night":
    a planned-participle aside (an adverb may stand in it), no tense cue."""
    return word in cues.future and word.endswith(cues.past_endings) \
        and (before in cues.aside_openers or before2 in cues.aside_openers and is_adverb(before, cues))


def _auxiliary_of_plan(word: str, text: str, end: int, cues: Cues) -> bool:
    """"were" in "were planning to drive": the plan verb after it decides."""
    if word not in cues.auxiliaries:
        return False
    m = _NEXT_WORD_RE.match(text, end)
    return bool(m) and cues.plan_word(m.group(1).lower(), text, m.end())


def _present_perfect(before: str, before2: str, word: str, cues: Cues) -> bool:
    """"has halted", "have [already] announced": a present perfect."""
    return _participle(word, cues) and (before in cues.present_perfect
                                        or before2 in cues.present_perfect and is_adverb(before, cues))


def _modal_perfect(text: str, end: int, cues: Cues) -> bool:
    """"have" and a participle after a modal ("should have taken", "would have been"),
    not "have" as a verb ("should have enough virus by Monday")."""
    have = _NEXT_WORD_RE.match(text, end)
    if not have or have.group(1).lower() not in cues.present_perfect:
        return False
    part = _NEXT_WORD_RE.match(text, have.end())
    return bool(part) and (part.group(1).lower() in cues.perfect or _participle(part.group(1).lower(), cues))


# An infinitive passive that opens its clause: ", to be released" (two words before the
# participle, right after a comma, a bracket or the clause's start).
_CLAUSE_OPEN_BEFORE = re.compile(r"(?:^|[,;(]|-LRB-)\s*[A-Za-z]+\s+[A-Za-z]+\s+$")


def _passive_before(before: str, before2: str, cues: Cues) -> bool:
    """A passive auxiliary right before, or before an adverb ("are [widely] expected")."""
    return before in cues.passive or before2 in cues.passive and is_adverb(before, cues)


def is_adverb(word: str, cues: Cues) -> bool:
    """"still", "newly", "previously": an adverb between a determiner and an adjective."""
    return word in cues.adverbs or _adverb_form(word, cues)


def _adverb_form(word: str, cues: Cues) -> bool:
    """A word of an adverb's form ("sharply", "newly": adverb_endings)."""
    return len(word) > 4 and word.endswith(cues.adverb_endings)


def _ends_with_passive(text: str, end: int, cues: Cues) -> bool:
    """Whether the word before ``end`` is a passive auxiliary ("be [officially] paid")."""
    m = _LAST_WORD_RE.search(text, max(0, end - 20), end)
    return bool(m) and m.group(1).lower() in cues.passive


def clause_breaks(conjunctions, subordinators=()) -> re.Pattern:
    """Where clauses end: ; : brackets, quotes (also `` and ''), a comma before one of the language's
    clause-opening words (lexicon list clause_words: "but", "while", "which", ...), and a
    subordinating word with or without a comma (list subordinators: "when", "if")."""
    words, subs = words_regex(conjunctions), words_regex(subordinators)
    return re.compile(r"[;:()\u201c\u201d\"]|``|''|,\s+(?:" + words + r")\b|\b(?:" + subs + r")\b", re.I)


CLAUSE_CHARS = 300


def clause_span(text: str, sentence: tuple[int, int], start: int, end: int,
                breaks: re.Pattern | None) -> tuple[int, int]:
    """The part of the sentence between the clause breaks around the expression."""
    # at most CLAUSE_CHARS either side: a clause longer than that (a list, text with no
    # punctuation) would make each expression cost the whole text (quadratic)
    s, e = max(sentence[0], start - CLAUSE_CHARS), min(sentence[1], end + CLAUSE_CHARS)
    if breaks is None:
        return s, e
    left = s
    for m in breaks.finditer(text, s, start):
        left = m.end()
    m = breaks.search(text, end, e)
    return left, (m.start() if m else e)


def clause_tense(text: str, sentence: tuple[int, int], start: int, end: int, cues: Cues,
                 breaks: re.Pattern | None = None, skip: frozenset = frozenset()) -> str | None:
    """'past', 'future' or None for the expression at text[start:end] (``skip``: cue
    words not to count)."""
    s, e = clause_span(text, sentence, start, end, breaks)
    best = {True: (None, None), False: (None, None)}     # before / after: (kind, distance)
    will_before = False    # a strong future cue seen before the expression so far
    # the word that opened the clause (", as scheduled,") still qualifies the first one
    opener = _OPENER_RE.search(text, max(sentence[0], s - 12), s) if s > sentence[0] else None
    prev, prev2 = (opener.group(1).lower() if opener else ""), ""
    for m in _WORD_RE.finditer(text, s, e):
        word, before, before2 = m.group().lower(), prev, prev2
        prev, prev2 = word, before
        if start <= m.start() < end or word in skip:
            continue
        if _COMPOUND_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue           # "smaller-than-expected", "long-awaited": an adjective
        if before in cues.determiners or before2 in cues.determiners and is_adverb(before, cues) \
                or cues.cue_as_noun(word, text, m.start()):
            continue           # "the plan", "a still unspecified date", "the static-kill
            #                    plan": a noun or adjective
        if _aside(before, word, cues, before2):
            continue           # "retired, as scheduled, on June 30": an aside
        if word in cues.adjacent_only and not cues.adjacent_gap.fullmatch(text, m.end(), start):
            continue           # "ends at 3 o'clock in the afternoon on the 20th": not its date
        if word in cues.counterfactual and _modal_perfect(text, m.end(), cues):
            kind = "past"      # "should have done it on Tuesday": what did (not) happen
        elif cues.plan_word(word, text, m.end()):
            # "had been scheduled to expire Friday": a plan already past
            kind = "past" if before in cues.pluperfect \
                or (before in cues.perfect and before2 in cues.pluperfect) \
                or (m.start() >= end and cues.is_past_form(word)
                    and not _passive_before(before, before2, cues)) \
                else NEUTRAL if m.end() <= start and cues.is_past_form(word) \
                and cues.infinitive_next.match(text, m.end()) \
                and (before in cues.auxiliaries or not _passive_before(before, before2, cues)) \
                else "future"
            # "planned to visit the region in March, but had to cancel", "was scheduled
            # to report in March": a plan made in the past may lie on either side of the
            # text's day (no direction: the nearest); "is scheduled to", "plans to" ahead
            # "On Friday, the government planned to pay": the day dates the planning (but
            # "On Wednesday, a toxicologist is scheduled to testify" is still ahead)
        elif _passive_before(before, before2, cues) and _participle(word, cues):
            if not (before2 in cues.infinitives and before in cues.passive and m.end() <= start
                    and _CLAUSE_OPEN_BEFORE.search(text, max(s, m.start() - 40), m.start())):
                continue       # "will be named", "to be paid": a passive, not the past
            kind = "future"    # "The report , to be released in full on Tuesday ,": ahead
        elif _auxiliary_of_plan(word, text, m.end(), cues):
            continue           # "were planning to drive": the plan verb decides
        elif cues.is_past_form(word) or word in cues.plan_participles:
            if cues.future_perfect.search(text, max(s, m.start() - 50), m.start()):
                continue       # "will have it fixed by the weekend": a future perfect
            if before in cues.base_form:
                continue       # "expected to hit on Thursday", "could cut": a base form
            kind = "past"
        else:
            continue
        before_it = m.end() <= start
        dist = start - m.end() if before_it else m.start() - end
        if kind == "future" and word in cues.strong_future and before_it:
            dist /= 2          # "will" governs the verb; an "-ed" nearby may be an adjective
            will_before = True
        if kind == "past" and word in cues.past_adverbs and before_it and will_before:
            continue           # "will stay there for the first time since then and return
            #                    on Tuesday": an adverb's past is no verb's, "will" governs
        if best[before_it][1] is None or dist < best[before_it][1]:
            best[before_it] = (kind, dist)
    # a cue after the expression counts only when none comes before it: "will face a
    # hearing on Thursday devoted to ...", "will discuss it on Thursday, she added" are
    # ahead; "On Wednesday, BP said ..." is the past
    kind = best[True][0] or best[False][0]
    return None if kind == NEUTRAL else kind


def scheduled_before(text: str, start: int, cues: Cues) -> bool:
    """A present "be" right before the date, or before a participle before it (an adverb
    may stand between) or a progressive: a scheduled event, still ahead ("the elections
    are in November", "the album is released in October", "we 're meeting on Saturday",
    "before the relief wells are completed in August", "the record date is Nov. 9")."""
    m = cues.scheduled.search(text, max(0, start - 40), start)
    if not m:
        return False
    first, second = (w.lower() if w else None for w in m.groups())
    if second is None:
        return True
    if first is not None and not is_adverb(first, cues):
        return False
    verb = _participle(second, cues) or len(second) > 4 and second.endswith(cues.progressive_endings)
    return verb or first is None and is_adverb(second, cues)


def present_clause(text: str, sentence: tuple[int, int], start: int, end: int, cues: Cues,
                   breaks: re.Pattern | None = None) -> bool:
    """Whether the expression's clause has a present "be" ("Months later, BP is defending
    the decision"): with no other tense cue, the text's present."""
    s, e = clause_span(text, sentence, start, end, breaks)
    return any(m.group().lower() in cues.present_be for m in _WORD_RE.finditer(text, s, e)
               if not start <= m.start() < end)


NEUTRAL = "neutral"
DEFERRAL_CHARS = 60
_CLAUSE_END_RE = re.compile(r"[.;:!?]")


def _deferral_before(text: str, end: int, cues: Cues) -> bool:
    """A deferral verb shortly before ``end`` in the same clause ("postponed Sunday's
    shows in Monterrey to July 31")."""
    start = max(0, end - DEFERRAL_CHARS)
    stop = None
    for stop in _CLAUSE_END_RE.finditer(text, start, end):
        pass
    return any(w.group().lower() in cues.deferrals
               for w in _WORD_RE.finditer(text, stop.end() if stop else start, end))


def adjacent_tense(text: str, start: int, cues: Cues) -> str | None:
    """The tense shown by the verb right before an expression ("ended March 31",
    "will meet on March 31"): 'past', 'future', NEUTRAL when that word is a cue that
    tells no tense here (a reporting verb: "said Dec. 15" dates the report; a passive, an
    aside, a noun), None when it is no cue at all."""
    m = cues.prev_words.search(text, max(0, start - 40), start)
    if not m:
        return None
    word = m.group(2).lower()
    first = (m.group(1) or "").lower()
    if (first in cues.passive or is_adverb(first, cues) and _ends_with_passive(text, m.start(1), cues)) \
            and _participle(word, cues):
        return _passive_tense(text, m.start(1), cues)   # "will be held on Nov. 5"
    if word in cues.reporting:
        return NEUTRAL    # the date of the report
    deferred = (m.group(3) or "").lower() in cues.deferral_preps \
        and (word in cues.deferrals or _deferral_before(text, m.start(2), cues))
    if cues.plan_word(word, text, m.end(2)) or deferred:
        kind = "future"   # "will meet on", "was extended to Nov. 16", "postponed the shows to July 31"
    elif cues.is_past_form(word) or word in cues.plan_participles:
        kind = "past"
    else:
        return None       # no cue ("a standstill since April 20"): the clause decides
    if first in cues.determiners or _aside(first, word, cues) \
            or cues.cue_as_noun(word, text, m.start(2)):
        return NEUTRAL    # "announced the plan Aug. 21", "the static-kill plan Sunday": a
        #                   noun; "retired, as scheduled, on June 30": an aside
    return kind


def past_report_or_manner(text: str, start: int, cues: Cues) -> bool:
    """Whether a past reporting verb ("said in December", "told reporters" is no such:
    a preposition must follow the verb) or a past verb and a manner adverb ("rose
    sharply in December") stand right before the preposition of an expression: the
    happening or the report is past, as a past verb right before it says."""
    m = cues.prev_words.search(text, max(0, start - 40), start)
    if not m or not m.group(3):
        return False
    word, first = m.group(2).lower(), (m.group(1) or "").lower()
    if word in cues.reporting:
        return cues.is_past_form(word) and first not in cues.determiners
    return _adverb_form(word, cues) and first not in cues.reporting and cues.is_past_form(first)


def _passive_tense(text: str, start: int, cues: Cues) -> str | None:
    """The tense of a passive whose auxiliary starts at ``start``: its participle tells none,
    the words before do. "will be held on Nov. 5", "dividend to be declared on 27 July":
    the future; "had to be closed on June 5", "used to be held": no cue (None: the clause
    decides, as for any other passive: "was paid Dec. 14")."""
    before = _LAST_WORD_RE.search(text, max(0, start - 20), start)
    word = before.group(1).lower() if before else ""
    if word in cues.strong_future:
        return "future"
    if word in cues.infinitives:
        prior = _LAST_WORD_RE.search(text, max(0, before.start() - 20), before.start())
        lead = prior.group(1).lower() if prior else ""
        return None if lead in cues.pluperfect or cues.is_past_form(lead) else "future"
    return None


PLUPERFECT_CHARS = 60


def pluperfect(text: str, sentence: tuple[int, int], start: int, end: int, cues: Cues) -> bool:
    """Whether a pluperfect is near the expression in its sentence ("had filed reports by
    Wednesday", "Until Thursday, they had not called him a suspect"): a deadline that
    already passed."""
    s, e = max(sentence[0], start - PLUPERFECT_CHARS), min(sentence[1], end + PLUPERFECT_CHARS)
    return any(m.group().lower() in cues.pluperfect for m in _WORD_RE.finditer(text, s, e))


def past_verb_before(text: str, start: int, end: int, cues: Cues) -> bool:
    """Whether a past verb that is no deferral stands in text[start:end], right before a
    deadline word ("it was just a flu until Friday", "did n't hear of it until Friday
    night"; not "extended its deadline until Tuesday", nor a verb of saying)."""
    prev = prev2 = ""
    past = False
    for m in _WORD_RE.finditer(text, start, end):
        word, before, before2 = m.group().lower(), prev, prev2
        prev, prev2 = word, before
        if word in cues.reporting:
            continue           # "said the flow could be contained by Monday": the
            #                    report's tense, not the deadline's
        if _present_perfect(before, before2, word, cues) \
                or before in cues.perfect and before2 in cues.present_perfect:
            continue           # "has halted drilling until Nov. 30", "has been closed
            #                    until Monday": the state goes on
        if word in cues.deferrals:
            past = False       # "was postponed until Tuesday": the new date lies ahead
            continue
        if before in cues.determiners or before in cues.passive:
            continue
        if cues.plan_word(word, text, m.end()):
            past = False       # "is due to remain closed until Thursday"
        elif cues.is_past_form(word) and word not in cues.past_adverbs:
            past = True
    return past
