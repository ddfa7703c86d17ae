"""The guard bare_number (guards.GUARDS): whether a number a rule read as a year or a
clock time is one, or counts things ("2000 soldiers", "between 1500 and 2000 troops"),
labels them ("Resolution 1973", "number: 1449") or is part of a range of counts. Split
from guards, which holds the other guards and builds the lexicon's regexes
(res.guard_patterns) this reads."""
from __future__ import annotations

import re

from .resources import Resources
from .tense import is_plural

_DIGITS_RE = re.compile(r"\d+")
# The next word after a position (guards reads it too)
NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
# A number's label right before it ("No.", "number:")
_LABEL_BEFORE_RE = re.compile(r"([A-Za-z]+)[.:]?\s+$")


def bare_number(text: str, start: int, end: int, res: Resources) -> bool:
    """A bare number is no year/time when a lower-case noun follows it ("2000 soldiers"),
    unless that word is one a date can be followed by ("in 2000 and"), nor after a word
    of the lexicon's number_labels ("Resolution 1973", "Room 2012"), nor after a word of
    count_coordinators and before one of plural_verbs when the number before it counted
    things ("1200 people died and 1900 were hurt"; not "20 employees and 1995 was its
    best year"), nor as either number of a count's range before a plural noun ("between
    1500 and 2000 soldiers": number_links; plurals by plural_endings and
    singular_endings), nor after a count no year can be and a word of number_links
    ("cases leapt from 297 to 1051"), nor between a word of rate_articles and a word of
    the class UNIT ("a 1000 year forecast") or a stop ("more than a 1000 ."); a second
    year after one of year_coordinators stays a year ("the pandemics of 1957 and 1968
    killed millions")."""
    if text[start:start + 1].isalpha() and _DIGITS_RE.search(text, start, end) is not None:
        return True      # "the year 1989 simply", "mid-1990 figures": not a bare number
    if _YEAR_DASH_BEFORE_RE.search(text, max(0, start - 6), start):
        return True      # "the 1990-1991 recession": a range's second year, as its first
    lists, pats = res.lists, res.guard_patterns
    label = _LABEL_BEFORE_RE.search(text, max(0, start - 20), start)
    if label and label.group(1).lower() in lists["number_labels"]:
        return False     # "Resolution 1973", "Room 2012", "No. 2010", "number: 1449": a label's
    if pats.count_before.search(text, max(0, start - 20), start):
        return False     # "leapt from 297 to 1051": the other end of the range is a count
    m = NEXT_WORD_RE.match(text, end)
    before = pats.prev_word.search(text, max(0, start - 30), start)
    article = before is not None and before.group(1).lower() in lists["rate_articles"]
    if not m:
        # "worth more than a 1000 .": "a" with nothing after but a stop counts the number
        # ("a 1995-era PC", "a 1918 `` Spanish '' flu" are years)
        return not (article and _PHRASE_END_RE.match(text, end))
    word = m.group(1)
    if pats.street_after.match(text, end) and (word[0].isupper() or word.lower() == "block") \
            and not (before and before.group(1).lower() in lists["placing_prepositions"]):
        return False     # "1600 Pennsylvania Avenue", "the 1600 block"; not "In 2008 Wall Street"
    followers = lists["date_followers"]
    counted = pats.count_range.match(text, end)
    if counted and _plural(counted.group(1), res) and counted.group(1) not in followers \
            and not (counted.group(1) in lists["year_events"] and _NEWS_YEAR_RE.fullmatch(text, start, end)):
        return False     # "between 1500 and 2000 soldiers": both numbers count soldiers (not
        #                  "the 1957 and 1968 pandemics": years of events)
    if before and before.group(1).lower() in lists["count_coordinators"] \
            and word.lower() in lists["plural_verbs"]:
        count = _LAST_COUNT_RE.search(text, max(0, before.start() - 60), before.start())
        if count and count.group(1) not in followers:
            return False     # "1200 people died and 1900 were hurt": a count, as the first
    if not word[0].islower() or word in followers:
        return True
    if article and res.lookup(("UNIT",), word) is not None:
        return False     # "a 1000 year climate forecast": a count of years
    # "his 1996 campaign", "its 1989 results": a determiner before, and no plural count
    # noun after ("the 2000 soldiers")
    # ... nor a possessive ("the 1990 men's final": the year of the final)
    plural = _plural(word, res) and not pats.possessive.match(text, m.end())
    # a plural event after a determiner is dated ("the 1992 protests"), other plurals counted
    event = plural and (word in lists["year_events"] or (
        before is not None and before.group(1).lower() in lists["determiners"]
        and _NEWS_YEAR_RE.fullmatch(text, start, end) is not None))
    if plural and not event and before and before.group(1).lower() in lists["placing_prepositions"] \
            and _NEWS_YEAR_RE.fullmatch(text, start, end):
        return True      # "In 2015 prices doubled": a year of the news, not a round count
    if not before or plural and not event:
        return False
    prev = before.group(1).lower()
    adjective = _ADJECTIVE_BEFORE_RE.search(text, max(0, start - 40), start)
    if adjective and adjective.group(1).lower() in lists["determiners"] and prev.islower() \
            and prev not in lists["date_followers"] and _NEWS_YEAR_RE.fullmatch(text, start, end):
        return True      # "the deadly 1918 version", "the original 1998 virus": not a round
        #                  count ("the remaining 1500 troops")
    determiners = lists["year_determiners"]
    # a possessive ("Mixte's 1989 profit", "Mixte’s") counts as the determiners' entry
    # of a possessive ending; the second of two coordinated years is one too ("the
    # pandemics of 1957 and 1968 killed millions")
    endings = lists["possessive_endings"]
    return prev in determiners or (prev.endswith(tuple(endings)) and not determiners.isdisjoint(endings)) \
        or ((not event or _NEWS_YEAR_RE.fullmatch(text, start, end)) and prev in lists["year_coordinators"]
            and _YEAR_BEFORE_RE.search(text, max(0, start - 12), before.start()) is not None)


# A year and a dash right before a number ("1990-[1991]").
_YEAR_DASH_BEFORE_RE = re.compile(r"(?<!\d)(?:1[89]|20)\d\d[-\u2013]$")
# A year news writes, not a round count ("In 2015 prices doubled", "the climate in 2050
# does not care"; "in 2000 soldiers' homes" counts).
_NEWS_YEAR_RE = re.compile(r"(?!\d\d00)(?:19\d\d|20[0-6]\d)")
# A determiner and one lower-case word (an adjective) right before a number.
_ADJECTIVE_BEFORE_RE = re.compile(r"\b([A-Za-z]+)\s+[a-z]+(?:-[a-z]+)?\s+$")
_PHRASE_END_RE = re.compile(r"\s*(?:[.,;:!?)]|-RRB-|$)")
_YEAR_BEFORE_RE = re.compile(r"(?<![\d,.])(?:1\d|20)\d\d,?\s+$")
# The last number before a coordinator, with a lower-case word after it, in the same
# clause ("1200 people died and"): a count when that word is no date follower.
_LAST_COUNT_RE = re.compile(r"(?<![\d,.])\d[\d,]*\s+([a-z]+)[^\d.;:!?]*$")


def _plural(word: str, res: Resources) -> bool:
    """A plural noun (tense.is_plural, with the lexicon's endings and irregular_plurals)."""
    pats = res.guard_patterns
    return is_plural(word, pats.plural_endings, pats.singular_endings, res.lists["irregular_plurals"])
