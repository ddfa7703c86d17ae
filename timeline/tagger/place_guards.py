"""Recognition guards that ask about places (see guards, which holds the others and
GUARDS, the names rules use): whether "<Place> time" names a zone (the gazetteer,
timeline.places: "0900 Beijing time"), and whether a weekday ends a paper named by a
place ("Scotland on Sunday"). Both read the text around the match with the regexes of
guards' GuardPatterns (their Resources' guard_patterns).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import places

if TYPE_CHECKING:
    from .resources import Resources


def place_zone(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether text[start:end] ends in "<Place> time" (or a range's second clock before
    it does) whose capitalised words name a zone ("0900 Beijing time"; places.named_zone)."""
    pats = res.guard_patterns
    m = pats.place_time_end.search(text, start, end) or pats.place_time_range.match(text, end)
    return m is not None and places.named_zone(m.group(1)) is not None


def place_paper(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether the weekday text[start:end] ends a paper named by a place (lexicon list
    place_weekday_papers: "Scotland on Sunday", "Wales on Sunday"). The same words are a
    date as often ("rallies in Scotland on Sunday"), so the paper needs a sign: the name
    in title case ("Scotland On Sunday"), a phrase of paper_cues_before right before the
    name ("editor of", "told", "the"), or, with no lower-case word before the name (the sentence's subject: not
    "police in Scotland on Sunday said"), a word of paper_cues_after after the weekday
    ("Scotland on Sunday reported", "Scotland on Sunday's poll")."""
    lists, pats = res.lists, res.guard_patterns
    if res.lookup(("WEEKDAY",), text[start:end]) is None:
        return False
    name = pats.place_paper.search(text, max(0, start - 30), start)
    if name is None or not name.group(1)[0].isupper():
        return False
    if name.group(1).istitle():
        return True      # "Scotland On Sunday": the name in title case
    if pats.paper_cue.search(text, max(0, name.start() - 30), name.start()):
        return True
    after = pats.paper_after.match(text, end)
    before = pats.prev_word.search(text, max(0, name.start() - 30), name.start())
    return bool(after and after.group(1).lower() in lists["paper_cues_after"]
                and not (before and before.group(1)[:1].islower()))
