"""Recognition guards: whether a rule's match is really a time expression.

A rule may name one guard (rules.yaml, key ``guard``: a name of :data:`GUARDS`); after
the rule's regex matched, :func:`guard_ok` runs that guard, which looks at the text
around the match and the lexicon's lists to refuse numbers that count things ("2000
soldiers"), rates ("$2 million a year"), names and titles ("The Sunday Times", "Theresa
May", "ABC's This Week", "the Loop Current"), discourse words ("Now, he says ...") and
references ("John 3:16"). Split from recognizer, which runs the rules; nothing here
looks at the anchor. The guards that ask about places (a city's time, a paper named by
a place) are in place_guards, the one that tells years from counts in bare_numbers. The regexes built from the lexicon's lists are compiled
once per language (:class:`GuardPatterns`, held by its Resources).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from .bare_numbers import NEXT_WORD_RE, bare_number
from .place_guards import place_paper, place_zone
from .resources import Resources, form_key
from .tense import words_regex

def _before(phrases: str) -> str:
    """A phrase of the list ``phrases`` (any case) right before a position, as a whole word."""
    return rf"(?<![A-Za-z])({{{phrases}:spaced}})\s+$"


# The guards' regexes built from the lexicon's lists: name -> (template, flags). A hole
# {list} is the list's words as an alternation (tense.words_regex), {list:spaced} the
# same with a phrase's words spaced apart ("Mail on"); other braces are the regex's own.
_PATTERNS = {
    # a possessive ending right after a word, also tokenised apart: "men's", "men 's"
    "possessive": (r"\s?(?:{possessive_endings})\b", 0),
    # the word after a paper's name, or its possessive ending: "Sunday's", "Sunday 's"
    "paper_after": (r"\s*((?:{possessive_endings})\b|[A-Za-z]+)", 0),
    # the word before a position, a possessive with its ending ("Mixte's", "Mixte’s"),
    # also tokenised apart ("Jackson 's")
    "prev_word": (r"([A-Za-z]*(?:{possessive_endings})|[A-Za-z]+)\s+$", 0),
    # a rate's "a" / "an"
    "rate_head": (r"(?:{rate_articles})\s", re.I),
    # a number, not a year, with an optional magnitude ("13m") and up to five words
    # before a rate's "a day": "60,000 barrels of crude ", "2.5 million gallons of oil ";
    # a word may close a bracket, and a bracket may stand alone, also as a tokenised
    # -RRB-: "(210,000 gallons, 795,000 litres) a day", "3 million litres -RRB- a day"
    "amount_before": (r"(?<![\w.,$'\u2019])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*(?:{amount_suffixes})?\s+"
                      r"(?:(?:[A-Za-z]+[)\]]?|-[LR]RB-|[()\[\]])\s+){0,5}$", 0),
    # the capitalised word after a month, past a link: "the March for Life", "the March on Washington"
    "name_after": (r"\s+(?:(?:{name_links:spaced})\s+)?([A-Z][A-Za-z]*)", 0),
    # a paper's name before a weekday: "The [Mail on] Sunday"
    "weekday_paper": (_before("weekday_papers"), re.I),
    # a paper named by a place before a weekday: "[Scotland on] Sunday"
    "place_paper": (_before("place_weekday_papers"), re.I),
    # what says the place's name is a paper: "editor of", "told"
    "paper_cue": (_before("paper_cues_before"), re.I),
    # a house number's street after it: "1600 Pennsylvania Avenue", "1917 Oak St.", "the
    # 1600 block" (lexicon list street_words); not before a lower-case noun other than a
    # word of street_followers: "the 2008 Wall Street crash" names the year
    "street_after": (r"\s+(?:[A-Z][A-Za-z.'-]*\s+){0,3}(?i:{street_words})\b(?!\s+(?!(?:{street_followers})\b)[a-z])", 0),
    # a second number and the word after it, past a link: "[1500] and 2000 soldiers"
    "count_range": (r"\s+(?:{number_links})\s+\d(?:[\d,]*\d)?\s+([a-z]+)\b", 0),
    # a number no year can be (three digits, thousands, decimals) and a link just before:
    # "from [297 to] 1051", "[1,200 and] 1500"
    "count_before": (r"(?<![\d,.])(?:\d{3}|\d{1,3}(?:,\d{3})+|\d+\.\d+)\s+(?:{number_links})\s+$", 0),
    # a verb that moves a thing and its object (up to three words, no preposition) right
    # before "N UNITs back": "set [the project] two years back", "pushed [the launch]";
    # not one of another sense with its particle ("set up a fund"), nor one whose
    # preposition says where ("moved to London two years back"), nor one whose object is
    # set, not moved ("set a world record two years back": unmoved_objects)
    "moved_before": (r"(?<![A-Za-z])(?:{displacement_verbs})(?!\s+(?:{verb_particles})\b)"
                     r"(?:\s+(?!(?:{date_prepositions}|{unmoved_objects})\b)[A-Za-z'\u2019-]+){0,3}\s+$",
                     re.I),
    # the capitalised words before a final "time" (zone_time_words, lower case or not:
    # "0900 Beijing time", "10 a.m. Hong Kong Time"), and the same after the second clock
    # of a range ("[0910] and 0930 Haiti time", "[9.10] and 9.30 Haiti time")
    "place_time_end": (r"(?<![A-Za-z])((?:[A-Z][A-Za-z.'-]*\s+){1,3})(?i:{zone_time_words})$", 0),
    "place_time_range": (r"\s*\S+\s*(?:\d{4}|\d\d?\.\d\d)\s+((?:[A-Z][A-Za-z.'-]*\s+){1,3})"
                         r"(?i:{zone_time_words})\b", 0),
    # the noun and a title link before "the year": "player of"
    "of_before": (r"([A-Za-z]+)\s+(?:{title_links})\s+$", re.I),
    # a word of the weather's readings ("temperatures", "the mercury", "highs")
    "temperature": (r"(?<![A-Za-z])(?:{temperature_words:spaced})(?![A-Za-z])", re.I),
    # a preposition only a time takes right before "the (early) 80s": "of", "since"
    "decade_opener": (r"(?<![A-Za-z])(?:{decade_openers:spaced})\s+the\s+(?:[A-Za-z]+[\s-]+)?$", re.I),
}
_HOLE_RE = re.compile(r"\{([a-z_]+)(:spaced)?\}")


# The regexes of _PATTERNS for one language's lexicon lists, and the plural test's endings
# as str.endswith takes them: built once (Resources.guard_patterns), a read-only tuple.
GuardPatterns = NamedTuple("GuardPatterns", [(name, re.Pattern) for name in _PATTERNS]
                           + [("plural_endings", tuple), ("singular_endings", tuple)])


def guard_patterns(lists: dict) -> GuardPatterns:
    """GuardPatterns of a language's lexicon ``lists``."""
    def fill(hole: re.Match) -> str:
        words = words_regex(lists[hole.group(1)])
        return words.replace(r"\ ", r"\s+") if hole.group(2) else words
    return GuardPatterns(**{name: re.compile(_HOLE_RE.sub(fill, template), flags)
                            for name, (template, flags) in _PATTERNS.items()},
                         plural_endings=tuple(lists["plural_endings"]),
                         singular_endings=tuple(lists["singular_endings"]))


def _not_moved(text: str, start: int, end: int, res: Resources) -> bool:
    """"N UNITs back" is spoken "ago" ("He resigned two years back", "moved to London two
    years back"), unless a verb of the lexicon's displacement_verbs and its object stand
    right before an exact count: how far a thing was moved ("set the project two years
    back", "pushed the launch three months back"; not with a particle of verb_particles:
    "They set up a fund two years back"). A vague count is always "ago" ("Prices pushed
    higher a few weeks back": NUMWORD's value X)."""
    words = text[start:end].split()
    if any(res.lookup(("NUMWORD",), " ".join(words[:n])) == "X" for n in (1, 2)):
        return True
    return res.guard_patterns.moved_before.search(text, max(0, start - 80), start) is None


def _not_rate(text: str, start: int, end: int, res: Resources) -> bool:
    """"a year" after an amount is a rate ("$2 million a year"), not a duration; a
    count after one is not ("fell 10 percent two days after the vote")."""
    pats = res.guard_patterns
    if not pats.rate_head.match(text, start):
        return True
    before = pats.prev_word.search(text, max(0, start - 30), start)
    prev = text[max(0, start - 2):start].rstrip()
    if prev[-1:].isdigit() or prev[-1:] == "%" or before is not None \
            and before.group(1).lower() in res.lists["rate_words"]:
        return False
    # "a day" with an amount a few words before ("60,000 barrels of crude a day", "13m
    # litres a day"), unless a preposition opens it ("held 3 towns for a week") or an
    # event places it ("3 killed a day after the blast")
    if before is not None and (before.group(1).lower() in res.lists["date_prepositions"]
                               or before.group(1).lower() in res.lists["month_openers"]):
        return True
    nxt = NEXT_WORD_RE.match(text, end)
    return not (pats.amount_before.search(text, max(0, start - 70), start)
                and not (nxt and nxt.group(1).lower() in res.lists["anchored_followers"]))


# A decade written with two bare digits ("80s"; not "1980s", "'80s", "80's"), which news
# also writes for a temperature, and what may end the sentence it is in.
_TWO_DIGIT_DECADE_RE = re.compile(r"(?<![\d'\u2019])[1-9]0s\b")
_SENTENCE_STOP_RE = re.compile(r"[.!?](?=\s)|\n")
_TEMPERATURE_REACH = 60    # characters before "the 80s" a temperature word may stand in


def _not_temperature(text: str, start: int, end: int, res: Resources) -> bool:
    """"the 80s" written with two bare digits is a temperature, not a decade, a few words
    after a word of the lexicon's list temperature_words in its sentence ("Temperatures
    were in the 80s on Monday", "The mercury climbed into the 90s"; not "temperatures"
    anywhere in a long sentence about the 80s), unless a word of decade_openers puts it
    right before "the", as only a time is ("the highs and lows of the 80s", "temperatures
    not seen since the 70s"). "the 1980s", "the '80s" are decades."""
    digits = _TWO_DIGIT_DECADE_RE.search(text, start, end)
    if digits is None:
        return True
    pats = res.guard_patterns
    if pats.decade_opener.search(text, max(0, digits.start() - 40), digits.start()):
        return True
    low = max(0, start - _TEMPERATURE_REACH)
    stops = [m.end() for m in _SENTENCE_STOP_RE.finditer(text, low, start)]
    return pats.temperature.search(text, stops[-1] if stops else low, start) is None


def _not_title(text: str, start: int, end: int, res: Resources) -> bool:
    """"the year/week" after "<noun> of" (a word of title_links) names no time when the
    noun is one of the lexicon's of_the_unit_heads ("player of the year", "a day of the
    week"), or when both the noun and the unit are capitalised ("Scoop of the Year",
    "Book Of The Week", "ANNOUNCEMENTS OF THE WEEK")."""
    m = res.guard_patterns.of_before.search(text, max(0, start - 30), start)
    if m is None:
        return True
    # "Scoop of the Year", "Book Of The Week": capitalised words on both sides of "of"
    # name an award or a programme, whatever the noun
    titled = m.group(1)[0].isupper() and text[end - 1:end].isalpha() \
        and text[text.rfind(" ", start, end) + 1:end][:1].isupper()
    return not (titled or m.group(1).lower() in res.lists["of_the_unit_heads"])


def _not_discourse(text: str, start: int, end: int, res: Resources) -> bool:
    """A word of the lexicon's list discourse_openers that opens a sentence and is
    followed by a comma ("Now, he says, ...") or a word of discourse_followers ("Now
    let's look at ...", "Now to the United States") links the sentence to what came
    before; it names no time. Nor does a capitalised "Now" inside a sentence: a name
    ("Democracy Now"; _named_deictic)."""
    nxt = NEXT_WORD_RE.match(text, end)
    if _named_deictic(text, start, end, nxt, res):
        return False     # "the Hope for Haiti Now telethon", "Democracy Now reports"
    # "Now ," (also tokenised), or "Now let 's look", "Now to the United States"
    linking = text[end:end + 3].lstrip(" ").startswith(",") \
        or nxt is not None and nxt.group(1).lower() in res.lists["discourse_followers"]
    return not (linking and form_key(text[start:end]) in res.lists["discourse_openers"]
                and _SENTENCE_START_RE.search(text, max(0, start - 8), start) is not None)


def _not_name(text: str, start: int, end: int, res: Resources) -> bool:
    """A capitalised time word then a capitalised word of the lexicon's list name_heads
    is part of a name ("The Sunday Times", "the Winter Olympics"); a word of press_nouns
    before a capitalised word other than a day or month is a newspaper ("the Communist
    Party daily Granma"; "open daily Monday to Friday" stays a SET); a month of
    name_months is a person's or a march's name after a capitalised word that opens no
    date ("Theresa May", "Mrs. May", "the Million Man March") or, with no such word
    before it, before a capitalised word ("reporter April Ryan", "the March for Life");
    "In April Congress passed it" stays a month; a holiday before a noun of
    holiday_things names a kind of thing ("Christmas card list", "Easter eggs"), while
    before any other noun it dates it ("the Memorial Day weekend", "Christmas shopping
    season", "the Boxing Day tsunami").
    A plural weekday after a capitalised word that opens no date is a name ("Happy
    Mondays"; _named_days), and a capitalised press_nouns word inside a sentence a
    paper ("China Daily said"; "Daily, 5,000 barrels leak" opens a sentence).
    A capitalised "Today" inside a sentence is a programme or a paper (_named_deictic),
    and so is a Title Case relative expression ("ABC's This Week"; _titled), and a
    weekday after a capitalised word of day_name_openers ("Fox News Sunday"), or after a
    capitalised phrase of weekday_papers ("The Mail on Sunday"), or ending a paper named
    by a place when a sign says it is the paper ("editor of Scotland on Sunday";
    place_guards.place_paper)."""
    nxt = NEXT_WORD_RE.match(text, end)
    if _titled(text, start, end, res):
        return False     # ABC's `` This Week '', "ABC 's This Week program"
    before = _NAME_BEFORE_RE.search(text, max(0, start - 20), start)
    if before and before.group(1)[:1].isupper() and not before.group(2) \
            and before.group(1).lower() in res.lists["day_name_openers"] \
            and res.lookup(("WEEKDAY",), text[start:end]) is not None:
        return False     # "Fox News Sunday", "Bloody Sunday", "Sheffield Wednesday"
    paper = res.guard_patterns.weekday_paper.search(text, max(0, start - 30), start)
    if paper and paper.group(1)[0].isupper() and res.lookup(("WEEKDAY",), text[start:end]) is not None:
        return False     # "The Mail on Sunday", "the Independent on Sunday": papers
    if place_paper(text, start, end, res):
        return False     # "editor of Scotland on Sunday", not "in Scotland on Sunday"
    if _named_deictic(text, start, end, nxt, res):
        return False     # "BBC Radio 4's Today programme", "USA Today", "NBC's Today show"
    if _named_days(text, start, end, res):
        return False     # "Happy Mondays played in Manchester": a band
    if text[start:start + 1].isupper() and form_key(text[start:end]) in res.lists["press_nouns"] \
            and not _BEFORE_SENTENCE_RE.search(text, max(0, start - 7), start):
        return False     # "REUTERS/China Daily", "the Kenyan Business Daily": a paper
    if nxt and nxt.group(1).lower() in res.lists["holiday_things"] and _holiday(text, start, end, res):
        return False     # "his Christmas card list", "Easter eggs": a kind of thing
    last = text.rfind(" ", start, end) + 1 or start
    if last == start and form_key(text[start:end]) in res.lists["name_months"]:
        return not _month_in_name(text, start, end, res)
    if not (nxt and nxt.group(1)[0].isupper()):
        return True
    if text[last:last + 1].isupper():
        return nxt.group(1).lower() not in res.lists["name_heads"]
    # "the Communist Party daily Granma": a paper's name after "daily" / "weekly"
    return not (form_key(text[start:end]) in res.lists["press_nouns"]
                and res.lookup(_TIME_NAMES, nxt.group(1)) is None)


def _not_reference(text: str, start: int, end: int, res: Resources) -> bool:
    """A bare "3:16" after a label or a capitalised word that opens no time is a
    reference, not a clock time ("John 3:16", "Section 3:16"; _reference_number)."""
    return not _reference_number(text, start, end, res)


def _season_pair_guard(text: str, start: int, end: int, res: Resources) -> bool:
    """A bare season is one only as the second of a pair whose first is dated ("this
    autumn and winter", "the fall or winter"; _season_pair) and, like any season, not
    part of a name ("the Summer and Winter Olympics"; _not_name)."""
    return _season_pair(text, start, res) and _not_name(text, start, end, res)


# What may end a sentence or open a new piece of text right before a word: a full stop,
# a line break, a quote, a bracket (also tokenised: -LRB-, -RRB-), a bullet, a dash.
_BEFORE_SENTENCE_RE = re.compile(r"(?:^|[.!?:;|\n*)(\u2022]|``|[\"'\u201c\u2018]|-[LR]RB-|--|\u2014)\s*$")


def _named_deictic(text: str, start: int, end: int, nxt: re.Match | None, res: Resources) -> bool:
    """Whether a capitalised "Today" / "Tonight" / "Yesterday" / "Now" (a word of the
    classes DEICTIC and REFWORD) inside a sentence is a programme's or a paper's name
    ("told BBC Radio 4's Today programme", "an ad in USA Today", "the Hope for Haiti Now
    telethon", "Democracy Now reports", a quoted one before a word of name_heads: "on the
    NBC `` Today '' show"): in running text these words are written in lower case there. Not when a word of the lexicon's deictic_clause_openers follows ("Dear
    teacher, Today I got the letter"): the word then opens a clause, a run-on sentence;
    nor in capitals, which is emphasis ("meet BP executives TODAY") as often as a name."""
    word = text[start:end]
    if not (word[:1].isupper() and word[1:].isalpha() and word[1:].islower()) \
            or res.lookup(("DEICTIC", "REFWORD"), word) is None:
        return False
    if _BEFORE_SENTENCE_RE.search(text, max(0, start - 7), start):
        # ... but a quoted one before a name_heads word is the name: NBC's `` Today '' show
        after = _QUOTE_CLOSE_RE.match(text, end)
        return bool(after and _QUOTE_OPEN_RE.search(text, max(0, start - 4), start)
                    and after.group(1).lower() in res.lists["name_heads"])
    return not (nxt and nxt.group(1).lower() in res.lists["deictic_clause_openers"])


_QUOTE_OPEN_RE = re.compile(r"(?:``|[\"\u201c'])\s*$")
_QUOTE_CLOSE_RE = re.compile(r"\s*(?:''|[\"\u201d'])\s+([A-Za-z]+)")


_PAIR_BEFORE_RE = re.compile(r"([A-Za-z]+)\s+(?:([A-Za-z]+)[\s-]+)?([A-Za-z]+)\s+([a-z]+)\s+$")


def _season_pair(text: str, start: int, res: Resources) -> bool:
    """Whether the words before ``start`` are a season opened by a word of the class REL
    or of the lexicon's list season_pair_openers ("the"; a part of it, class POSPRE, may
    stand between) and a word of the lexicon's list year_coordinators: "this autumn and [winter]", "the early spring or [summer]"; not
    "in autumn and winter" (no season is named as a date there)."""
    m = _PAIR_BEFORE_RE.search(text, max(0, start - 40), start)
    if m is None or m.group(4) not in res.lists["year_coordinators"] \
            or res.lookup(("SEASON",), m.group(3)) is None:
        return False
    # the word before the season opens it, or the one before a part ("the early spring");
    # any other word before it is an adjective ("a cold autumn and winter")
    opener = m.group(1) if m.group(2) and res.lookup(("POSPRE",), m.group(2)) else m.group(2) or m.group(1)
    return opener.lower() in res.lists["season_pair_openers"] or res.lookup(("REL",), opener) is not None


_AFTER_SENTENCE_END_RE = re.compile(r"(?:^|[.!?\n])\s*$")


def _titled(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether a relative expression is written in Title Case inside a sentence ("told
    ABC's This Week program", tokenised "`` This Week ''", the band "The Fall"): a
    programme's name. Running text writes "this week". Only when it opens with a word of
    the class REL or the list determiners: "Memorial Day", "Good Friday" are dates. Not
    in a headline, a line written all in Title Case ("Oil Reaches Florida Beaches Over
    The Weekend"; _title_case_line)."""
    words = text[start:end].split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not text[start:end].isupper() \
        and (res.lookup(("REL",), words[0]) is not None or words[0].lower() in res.lists["determiners"]) \
        and _AFTER_SENTENCE_END_RE.search(text, max(0, start - 4), start) is None \
        and not _title_case_line(text, start)


# A word of four or more letters opening in lower case: what a Title Case headline has
# none of ("Tar Balls Found on Alabama Coast" lowers only short words).
_LOWER_WORD_RE = re.compile(r"(?<![A-Za-z'\u2019-])[a-z][a-z]{3}")


_HEADLINE_REACH = 200   # characters looked at each side: a headline's line, never a whole
#                         page written on one line (linear time)


def _title_case_line(text: str, at: int) -> bool:
    """Whether the line around ``at`` has no lower-case word of four or more letters: a
    headline in Title Case, where capitals name nothing."""
    first = max(text.rfind("\n", max(0, at - _HEADLINE_REACH), at) + 1, at - _HEADLINE_REACH)
    last = text.find("\n", at, at + _HEADLINE_REACH)
    return _LOWER_WORD_RE.search(text, first, at + _HEADLINE_REACH if last < 0 else last) is None



def _not_named_unit(text: str, start: int, end: int, res: Resources) -> bool:
    """A time noun capitalised after a lower-case determiner inside a sentence names a
    place or a thing, not a period: "festivals were going on in the Quarter" (New
    Orleans' French Quarter). Not in a headline in Title Case ("Profit Rose in the
    Quarter"; _title_case_line)."""
    words = text[start:end].split()
    return not (words[0].islower() and words[-1][:1].isupper() and not _title_case_line(text, start))


_WORD_ON_LINE_BEFORE_RE = re.compile(r"([A-Za-z]+) +$")


def _named_days(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether a plural weekday ("Mondays") is part of a name: right after a capitalised
    word on its line that opens no date (not a word of sentence_starters,
    date_prepositions or determiners): the band "Happy Mondays", a show "Manic Mondays".
    "On Mondays", "Most Mondays", "the Sundays", "Mondays and Thursdays" stay sets, and
    so does a headline's ("Library To Close Mondays": a Title Case line, where capitals
    name nothing; _title_case_line)."""
    if res.lookup(("WEEKDAYS",), text[start:end]) is None or _title_case_line(text, start):
        return False
    m = _WORD_ON_LINE_BEFORE_RE.search(text, max(0, start - 30), start)
    if m is None or not m.group(1)[:1].isupper():
        return False
    word, lists = m.group(1).lower(), res.lists
    return not (word in lists["sentence_starters"] or word in lists["date_prepositions"]
                or word in lists["determiners"])


def _holiday(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether text[start:end] ends with a holiday's name ("Christmas", "last Easter",
    "Christmas Day")."""
    words = text[start:end].split()
    return any(res.lookup(("HOLIDAY",), " ".join(words[-n:])) is not None
               for n in range(1, min(3, len(words)) + 1))


_BARE_CLOCK_RE = re.compile(r"\d{1,2}:\d\d")
_TIME_OPENERS = ("WEEKDAY", "WEEKDAYABBR", "MONTH", "MONTHABBR", "ZONE", "TIMEPRE", "CLOCKDAY")


def _reference_number(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether a bare "3:16" (no am/pm, zone or preposition in its span) is a reference,
    not a clock time: after a word of the lexicon's number_labels ("Section 3:16", "case
    no. 2:10") or a capitalised word that opens no time ("John 3:16", "2 Chronicles
    7:14", "Genesis 1:26 says"). A capitalised preposition ("At 12:19"), a day, a month
    or a zone ("GMT 15:33") before it leaves it a clock time."""
    if not _BARE_CLOCK_RE.fullmatch(text, start, end):
        return False
    before = _NAME_BEFORE_RE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    word = before.group(1)
    low = word.lower()
    if low in res.lists["number_labels"]:
        return True
    return word[0].isupper() and not (
        low in res.lists["date_prepositions"] or low in res.lists["month_openers"]
        or res.lookup(_TIME_OPENERS, word) is not None)


# What may come between a sentence's end (or the text's start) and its first word.
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?][\"'\u201d\u2019)]*\s|\n)\s*(?:``|[\"'\u201c\u2018(])?$")


_TIME_NAMES = ("WEEKDAY", "WEEKDAYABBR", "MONTH", "MONTHABBR", "HOLIDAY")
_NAME_BEFORE_RE = re.compile(r"([A-Za-z]+)(\.?)\s+$")   # the word before, and its full stop ("Mrs.", "No.")


def _month_in_name(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether the bare month text[start:end] is part of a name (see _not_name)."""
    lists = res.lists
    m = _NAME_BEFORE_RE.search(text, max(0, start - 30), start)
    prev = m.group(1) if m and (not m.group(2) or m.group(1).lower() in lists["titles"]) else ""
    low = prev.lower()
    after = res.guard_patterns.name_after.match(text, end)
    if low in lists["determiners"]:   # "the March on Washington", not "the May vote"
        return bool(after and after.group(0).strip() != after.group(1)
                    and res.lookup(_TIME_NAMES, after.group(1)) is None)
    if prev and (low in lists["month_openers"] or low in lists["date_prepositions"]
                 or low in lists["year_determiners"]
                 or res.lookup(("REL", "POSPRE", "EVERY"), prev) is not None):
        return False
    if prev[:1].isupper():
        return True                      # "Theresa May", "Mrs. May", "the Million Man March"
    verb = NEXT_WORD_RE.match(text, end)
    if verb and (verb.group(1) in lists["name_month_verbs"] or verb.group(1) in lists["reporting_verbs"]):
        return True                      # "May told MPs", "After the vote, May said"
    return bool(after and res.lookup(_TIME_NAMES, after.group(1)) is None
                and not after.group(1).lower() in lists["sentence_starters"])
# Each guard a rule may name (rules.yaml, whose header describes them; resources.load
# refuses any other name): (text, start, end, res) -> whether the match may stand.
GUARDS = {"bare_number": bare_number, "not_rate": _not_rate, "not_discourse": _not_discourse,
          "not_title": _not_title, "not_name": _not_name, "not_reference": _not_reference,
          "place_zone": place_zone, "season_pair": _season_pair_guard, "not_moved": _not_moved,
          "not_temperature": _not_temperature, "not_named_unit": _not_named_unit}
# Guards that only narrow their rule: when one refuses, the next rule is tried at the same
# place ("at 8 pm prime time" is no city's time, but still 8 pm; "set two years back" is
# still two years). Any other guard's
# refusal means there is no expression there ("The Sunday Times").
NARROWING = frozenset({"place_zone", "not_moved"})


def guard_ok(guard: str | None, text: str, start: int, end: int, res: Resources) -> bool:
    """Whether the match text[start:end] of a rule with ``guard`` (None: none) stands."""
    return guard is None or GUARDS[guard](text, start, end, res)
