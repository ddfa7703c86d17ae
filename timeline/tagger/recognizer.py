"""Recognition: text -> partial expressions, in one left-to-right pass.

The text is lower-cased (ASCII only, so offsets hold); the gate (see dispatch) finds the
word starts where an expression can begin, and only the rules that can begin with that
word are tried there, in priority order. Each match becomes a :class:`Partial`: its
span, type and a partly-filled value built from the rule's templates ("XXXX-02-08",
"XXXX-WXX-4", "[-1Y]", "PXM"). Nothing here looks at the anchor; the resolver completes
the values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError
from .resources import LOWER, Resources, Rule, form_key
from .tense import words_regex

_TEMPLATE_RE = re.compile(r"\{([^{}]+)\}")
_DIGITS_RE = re.compile(r"\d+")


@dataclass(frozen=True)
class Partial:
    start: int
    end: int
    rule: str
    type: str
    value: str                 # partial value (see resolver)
    mod: str | None = None
    direction: str | None = None   # "past" | "future" | "this" | None (from tense)
    quant: str | None = None
    freq: str | None = None
    zone: str | None = None    # "+07:00", "LOCAL" or a place name to look up


# --- norms: a matched piece of text -> its value -------------------------------------

def _number_words(text: str, res: Resources) -> str:
    total = 0
    for part in re.split(r"[\s-]+", form_key(text)):
        value = res.classes["NUMWORD"].get(part)
        if value is None:
            value = res.lookup(("NUMWORD",), text)
            return value if value is not None else "X"
        if value == "X":
            return "X"
        n = int(value)
        # "a hundred", "two thousand": a multiplier; "twenty-five": a sum
        total = total * n if n in (100, 1000) and total else total + n
    return str(total)


def norm_number(text: str, res: Resources) -> str:
    """"three" -> 3, "4,000" -> 4000, "twenty-five" -> 25, "2 1/2" / "two and a half" -> 2.5,
    "several" -> X."""
    key = text.replace("-", " ")
    for half, extra in res.classes.get("FRACTION", {}).items():
        if key.lower().endswith(half) and len(key) > len(half):
            whole = norm_number(key[: -len(half)].rstrip(), res)
            return whole if whole == "X" else f"{float(whole) + float(extra):g}"
    t = text.replace(",", "")
    if t[:1].isdigit():
        if "." in t:
            whole, frac = t.split(".", 1)
            return whole if set(frac) <= {"0"} else t
        return str(int(t))
    whole = res.lookup(("NUMWORD",), text)
    return whole if whole is not None else _number_words(text, res)


@lru_cache(maxsize=8)
def _clock_res(oclock: frozenset) -> tuple[re.Pattern, re.Pattern]:
    """(a clock's hour, minute and rest; a spelled hour before a word of the lexicon's
    list oclock_words: "ten o'clock")."""
    words = words_regex(oclock)
    return (re.compile(rf"(\d{{1,2}})(?:[:.](\d\d))?\s*(?:(?:{words})(?!\w))?\s*(.*)", re.S | re.I),
            re.compile(rf"([^\W\d_]+)(?=\s+(?:{words})(?!\w))", re.I))


def norm_clock(text: str, res: Resources) -> str:
    """"1:30pm" -> T13:30, "5 p.m." -> T17:00, "4 in the morning" -> T04:00, "noon" -> T12:00,
    "ten o'clock" -> T10:00, "8 this morning" -> T08:00, "10:30 tonight" -> T22:30 (a part
    of the day after the clock says am or pm; "o'clock" alone says neither)."""
    word = res.lookup(("CLOCKWORD",), text)
    if word is not None:
        return word
    clock_re, hour_word_re = _clock_res(res.lists["oclock_words"])
    spelled = hour_word_re.match(text)
    if spelled:
        text = norm_number(spelled.group(1), res) + text[spelled.end():]
    m = clock_re.match(text)
    if m is None:      # a rule's clock word the lexicon does not list: the resources disagree
        raise ConfigError(f"tagger resources '{res.language}': the clock {text!r} matched by a "
                          "rule has no hour (is its word in the lexicon list oclock_words?)")
    hour, minute, rest = int(m.group(1)), int(m.group(2) or 0), m.group(3).strip()
    half = res.lookup(("AMPM",), rest) if rest else None
    if half is None and rest:
        part = res.lookup(("PARTDAY",), rest.split()[-1])
        half = "AM" if part == "MO" or (part == "NI" and hour < 6) else "PM"
    if half == "PM" and hour < 12:
        hour += 12
    elif half == "AM" and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}"


def norm_decade(text: str, res: Resources) -> str:
    digits = _DIGITS_RE.search(text).group()
    return digits[:-1] if len(digits) >= 3 else "XX" + digits[0]


def norm_century(text: str, res: Resources) -> str:
    """"20th century" / "twentieth century" -> 19 (the years 19XX)."""
    digits = _DIGITS_RE.search(text)
    number = digits.group() if digits else res.lookup(("DAYWORD",), text[:-len(" century")])
    return f"{int(number) - 1:02d}"


def norm_offset(text: str, res: Resources) -> str:
    m = re.search(r"([+\-−])\s?(\d{1,2}):?(\d\d)?", text)
    sign = "-" if m.group(1) in "-−" else "+"
    return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def norm_spelledyear(text: str, res: Resources) -> str:
    """"nineteen ninety-six" -> 1996, "the year two thousand" -> 2000, "two thousand one"
    -> 2001: a YEARWORD gives the century, the number words after it the year in it;
    words of the lexicon's list year_fillers ("the", "year", "oh", "and") are skipped."""
    fillers = res.lists.get("year_fillers", frozenset())
    words = [w for w in form_key(text).replace("-", " ").split() if w not in fillers]
    centuries = res.classes["YEARWORD"]
    for n in (2, 1):                       # "two thousand" before "two"
        head = " ".join(words[:n])
        if head in centuries:
            rest = " ".join(words[n:])
            within = int(_number_words(rest, res)) if rest else 0
            return f"{int(centuries[head]) * 100 + within:04d}"
    return "X"


def norm_numdate(text: str, res: Resources) -> str:
    """"02/28/2019" -> 2019-02-28 (month first, as US news writes it, unless the first
    number cannot be a month); a two-digit year is left for the resolver (XX19)."""
    a, b, y = text.split("/")
    month, day = (int(a), int(b)) if int(a) <= 12 else (int(b), int(a))
    year = y if len(y) == 4 else "XX" + y
    return f"{year}-{month:02d}-{day:02d}"


NORM_FUNCS = {
    "day": lambda t, r: f"{int(_DIGITS_RE.search(t).group()):02d}",
    "year": lambda t, r: t,
    "year2": lambda t, r: "XX" + t[-2:],
    "number": norm_number,
    "clock": norm_clock,
    "decade": norm_decade,
    "century": norm_century,
    "lookup": None,
    "copy": lambda t, r: t,
    "place": lambda t, r: " ".join(w for w in t.split()[:3] if w[:1].isupper()) or t,
    "offset": norm_offset,
    "local": lambda t, r: "LOCAL",
    "spelledyear": norm_spelledyear,
    "hhmm": lambda t, r: f"T{t[:2]}:{t[2:]}",
    "numdate": norm_numdate,
}


def _fill(template: str | None, fields: dict, names: frozenset) -> str | None:
    """Fill a template: {A|B|lit} is the first of the fields A, B that matched, else the
    literal (an alternative that is not one of the rule's field ``names``)."""
    if not template:
        return None

    def sub(m: re.Match) -> str:
        alts = m.group(1).split("|")
        for alt in alts:
            if alt in fields:
                return fields[alt]
        last = alts[-1]
        return last if last not in names else ""

    out = _TEMPLATE_RE.sub(sub, template)
    return out or None


def _direction(value: str | None) -> str | None:
    if not value:
        return None
    if value.startswith("-"):
        return "past"
    if value.startswith("+"):
        return "future"
    if value in ("0", "this"):
        return "this"
    return value if value in ("past", "future") else None


def _guard_ok(guard: str | None, text: str, start: int, end: int, res: Resources) -> bool:
    """bare_number: a bare number is no year/time when a lower-case noun follows it
    ("2000 soldiers"), unless that word is one a date can be followed by ("in 2000 and"),
    nor after a word of the lexicon's number_labels ("Resolution 1973", "Room 2012").
    not_rate: "a year" after an amount is a rate ("$2 million a year"), not a duration.
    not_title: "the year/week" after "<noun> of" names no time when the noun is one of
    the lexicon's of_the_unit_heads ("player of the year", "a day of the week"), or when
    both the noun and the unit are capitalised ("Scoop of the Year", "Book Of The Week").
    not_discourse: a word of the lexicon's list discourse_openers that opens a sentence
    and is followed by a comma ("Now, he says, ...") links the sentence to what came
    before; it names no time. Nor does a capitalised "Now" inside a sentence: a name
    ("Democracy Now"; _named_deictic).
    not_name: a capitalised time word then a capitalised word of the lexicon's list
    name_heads is part of a name ("The Sunday Times", "the Winter Olympics"); a word of
    press_nouns before a capitalised word other than a day or month is a newspaper
    ("the Communist Party daily Granma"; "open daily Monday to Friday" stays a SET); a
    month of name_months is a person's or a march's name after a capitalised word that
    opens no date ("Theresa May", "Mrs. May", "the Million Man March") or, with no such
    word before it, before a capitalised word ("reporter April Ryan", "the March for
    Life"); "In April Congress passed it" stays a month; a holiday before a noun of
    holiday_things names a kind of thing ("Christmas card list", "Easter eggs"), while
    before any other noun it dates it ("the Memorial Day weekend", "Christmas shopping
    season", "the Boxing Day tsunami").
    A capitalised "Today" inside a sentence is a programme or a paper (_named_deictic),
    and so is a Title Case relative expression ("ABC's This Week"; _titled), and a
    weekday after a capitalised word of day_name_openers ("Fox News Sunday").
    not_reference: a bare "3:16" after a label or a capitalised word that opens no time
    is a reference, not a clock time ("John 3:16", "Section 3:16"; _reference_number)."""
    if guard == "not_name":
        nxt = _NEXT_WORD_RE.match(text, end)
        if _titled(text, start, end, res):
            return False     # ABC's `` This Week '', "ABC 's This Week program"
        before = _NAME_BEFORE_RE.search(text, max(0, start - 20), start)
        if before and before.group(1)[:1].isupper() and not before.group(2) \
                and before.group(1).lower() in res.lists["day_name_openers"] \
                and res.lookup(("WEEKDAY",), text[start:end]) is not None:
            return False     # "Fox News Sunday", "Bloody Sunday", "Sheffield Wednesday"
        if _named_deictic(text, start, end, nxt, res):
            return False     # "BBC Radio 4's Today programme", "USA Today", "NBC's Today show"
        if nxt and nxt.group(1).lower() in res.lists["holiday_things"] and _holiday(text, start, end, res):
            return False     # "his Christmas card list", "Easter eggs": a kind of thing
        last = text.rfind(" ", start, end) + 1 or start
        if last == start and form_key(text[start:end]) in res.lists.get("name_months", frozenset()):
            return not _month_in_name(text, start, end, res)
        if not (nxt and nxt.group(1)[0].isupper()):
            return True
        if text[last:last + 1].isupper():
            return nxt.group(1).lower() not in res.lists.get("name_heads", frozenset())
        # "the Communist Party daily Granma": a paper's name after "daily" / "weekly"
        return not (form_key(text[start:end]) in res.lists.get("press_nouns", frozenset())
                    and res.lookup(_TIME_NAMES, nxt.group(1)) is None)
    if guard == "not_reference":
        return not _reference_number(text, start, end, res)
    if guard == "not_discourse":
        if _named_deictic(text, start, end, _NEXT_WORD_RE.match(text, end), res):
            return False     # "the Hope for Haiti Now telethon", "Democracy Now reports"
        return not (text[end:end + 3].lstrip(" ").startswith(",")     # also tokenised "Now ,"
                    and form_key(text[start:end]) in res.lists.get("discourse_openers", frozenset())
                    and _SENTENCE_START_RE.search(text, max(0, start - 8), start) is not None)
    if guard == "not_title":
        m = _OF_BEFORE_RE.search(text, max(0, start - 30), start)
        if m is None:
            return True
        # "Scoop of the Year", "Book Of The Week": capitalised words on both sides of "of"
        # name an award or a programme, whatever the noun
        titled = m.group(1)[0].isupper() and text[end - 1:end].isalpha() \
            and text[text.rfind(" ", start, end) + 1:end][:1].isupper()
        return not (titled or m.group(1).lower() in res.lists.get("of_the_unit_heads", frozenset()))
    if guard == "not_rate":
        before = _PREV_WORD_RE.search(text, max(0, start - 30), start)
        prev = text[max(0, start - 2):start].rstrip()
        if prev[-1:].isdigit() or prev[-1:] == "%" or before is not None \
                and before.group(1).lower() in res.lists.get("rate_words", frozenset()):
            return False
        # "a day" with an amount a few words before ("60,000 barrels of crude a day", "13m
        # litres a day"), unless a preposition opens it ("held 3 towns for a week") or an
        # event places it ("3 killed a day after the blast")
        rate_head_re, amount_before_re = _rate_res(res.lists["rate_articles"],
                                                   res.lists["amount_suffixes"])
        if not rate_head_re.match(text, start) or before is not None and (
                before.group(1).lower() in res.lists.get("date_prepositions", ())
                or before.group(1).lower() in res.lists.get("month_openers", ())):
            return True
        nxt = _NEXT_WORD_RE.match(text, end)
        return not (amount_before_re.search(text, max(0, start - 70), start)
                    and not (nxt and nxt.group(1).lower() in res.lists.get("anchored_followers", ())))
    if guard != "bare_number" or (text[start:start + 1].isalpha()
                                  and _DIGITS_RE.search(text, start, end) is not None):
        return True      # "the year 1989 simply", "mid-1990 figures": not a bare number
    label = _LABEL_BEFORE_RE.search(text, max(0, start - 20), start)
    if label and label.group(1).lower() in res.lists.get("number_labels", frozenset()):
        return False     # "Resolution 1973", "Room 2012", "No. 2010": a label's number
    m = _NEXT_WORD_RE.match(text, end)
    if not m:
        return True
    word = m.group(1)
    followers = res.lists.get("date_followers", frozenset())
    counted = _COUNT_RANGE_RE.match(text, end)
    if counted and counted.group(1) not in followers:
        return False     # "between 1500 and 2000 soldiers": both numbers count soldiers
    if not word[0].islower() or word in followers:
        return True
    # "his 1996 campaign", "its 1989 results": a determiner before, and no plural count
    # noun after ("the 2000 soldiers")
    before = _PREV_WORD_RE.search(text, max(0, start - 30), start)
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    # a plural event after a determiner is dated ("the 1992 protests"), other plurals counted
    event = plural and word in res.lists.get("year_events", frozenset())
    if not before or plural and not event:
        return False
    prev = before.group(1).lower()
    determiners = res.lists.get("year_determiners", frozenset())
    # a possessive ("Mixte's 1989 profit") counts as the "'s" entry; the second of two
    # coordinated years is one too ("the pandemics of 1957 and 1968 killed millions")
    return prev in determiners or (prev.endswith("'s") and "'s" in determiners) \
        or (not event and prev in ("and", "or")
            and _YEAR_BEFORE_RE.search(text, max(0, start - 12), before.start()) is not None)


# What may end a sentence or open a new piece of text right before a word: a full stop,
# a line break, a quote, a bracket (also tokenised: -LRB-, -RRB-), a bullet, a dash.
_BEFORE_SENTENCE_RE = re.compile(r"(?:^|[.!?:;|\n*)(\u2022]|``|[\"'\u201c\u2018]|-[LR]RB-|--|\u2014)\s*$")


def _named_deictic(text: str, start: int, end: int, nxt: re.Match | None, res: Resources) -> bool:
    """Whether a capitalised "Today" / "Tonight" / "Yesterday" / "Now" (a word of the
    classes DEICTIC and REFWORD) inside a sentence is a programme's or a paper's name
    ("told BBC Radio 4's Today programme", "an ad in USA Today", "the Hope for Haiti Now
    telethon", "Democracy Now reports"): in running text these words are written in
    lower case there. Not when a word of the lexicon's deictic_clause_openers follows ("Dear
    teacher, Today I got the letter"): the word then opens a clause, a run-on sentence;
    nor in capitals, which is emphasis ("meet BP executives TODAY") as often as a name."""
    word = text[start:end]
    if not (word[:1].isupper() and word[1:].isalpha() and word[1:].islower()) \
            or res.lookup(("DEICTIC", "REFWORD"), word) is None:
        return False
    if _BEFORE_SENTENCE_RE.search(text, max(0, start - 7), start):
        return False
    return not (nxt and nxt.group(1).lower() in res.lists["deictic_clause_openers"])


_AFTER_SENTENCE_END_RE = re.compile(r"(?:^|[.!?\n])\s*$")


def _titled(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether a relative expression is written in Title Case inside a sentence ("told
    ABC's This Week program", tokenised "`` This Week ''", the band "The Fall"): a
    programme's name. Running text writes "this week". Only when it opens with a word of
    the class REL or the list determiners: "Memorial Day", "Good Friday" are dates."""
    words = text[start:end].split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words) and not text[start:end].isupper() \
        and (res.lookup(("REL",), words[0]) is not None or words[0].lower() in res.lists["determiners"]) \
        and _AFTER_SENTENCE_END_RE.search(text, max(0, start - 4), start) is None


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
    before = _LABEL_BEFORE_RE.search(text, max(0, start - 30), start)
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
_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z]+)")
_OF_BEFORE_RE = re.compile(r"([A-Za-z]+)\s+[Oo]f\s+$")
_PREV_WORD_RE = re.compile(r"([A-Za-z]*'s|[A-Za-z]+)\s+$")   # also a tokenised "Jackson 's"
_LABEL_BEFORE_RE = re.compile(r"([A-Za-z]+)\.?\s+$")


@lru_cache(maxsize=8)
def _rate_res(articles: frozenset, suffixes: frozenset) -> tuple[re.Pattern, re.Pattern]:
    """(a rate's "a"/"an": lexicon list rate_articles; a number, not a year, with an
    optional magnitude of amount_suffixes ("13m") and up to five words before a rate's
    "a day": "60,000 barrels of crude ", "2.5 million gallons of oil "; a word may close
    a bracket, and a bracket may stand alone, also as a tokenised -RRB-: "(210,000
    gallons, 795,000 litres) a day", "3 million litres -RRB- a day")."""
    word = r"(?:[A-Za-z]+[)\]]?|-[LR]RB-|[()\[\]])"
    return (re.compile(rf"(?:{words_regex(articles)})\s", re.I),
            re.compile(rf"(?<![\w.,$'\u2019])(?!(?:1[89]|20)\d\d\b)\d[\d,.]*"
                       rf"(?:{words_regex(suffixes)})?\s+(?:{word}\s+){{0,5}}$"))
_TIME_NAMES = ("WEEKDAY", "WEEKDAYABBR", "MONTH", "MONTHABBR", "HOLIDAY")
_NAME_BEFORE_RE = re.compile(r"([A-Za-z]+)(\.?)\s+$")


@lru_cache(maxsize=8)
def _name_after_re(links: frozenset) -> re.Pattern:
    """The capitalised word after a month, past a link of the lexicon's list name_links
    ("the March for Life", "the March on Washington")."""
    words = words_regex(links).replace(r"\ ", r"\s+")
    return re.compile(rf"\s+(?:(?:{words})\s+)?([A-Z][A-Za-z]*)")


def _month_in_name(text: str, start: int, end: int, res: Resources) -> bool:
    """Whether the bare month text[start:end] is part of a name (see _guard_ok, not_name)."""
    lists = res.lists
    m = _NAME_BEFORE_RE.search(text, max(0, start - 30), start)
    prev = m.group(1) if m and (not m.group(2) or m.group(1).lower() in lists.get("titles", ())) else ""
    low = prev.lower()
    after = _name_after_re(lists["name_links"]).match(text, end)
    if low in lists.get("determiners", ()):   # "the March on Washington", not "the May vote"
        return bool(after and after.group(0).strip() != after.group(1)
                    and res.lookup(_TIME_NAMES, after.group(1)) is None)
    if prev and (low in lists.get("month_openers", ()) or low in lists.get("date_prepositions", ())
                 or low in lists.get("year_determiners", ())
                 or res.lookup(("REL", "POSPRE", "EVERY"), prev) is not None):
        return False
    if prev[:1].isupper():
        return True                      # "Theresa May", "Mrs. May", "the Million Man March"
    return bool(after and res.lookup(_TIME_NAMES, after.group(1)) is None
                and not after.group(1).lower() in lists.get("sentence_starters", ()))
_YEAR_BEFORE_RE = re.compile(r"(?<![\d,.])(?:1\d|20)\d\d,?\s+$")
_COUNT_RANGE_RE = re.compile(r"\s+(?:and|or|to)\s+[\d,]+\s+([a-z]+(?<!ss|us|is)s)\b")
_NEXT_RE = re.compile(r"\s+([a-z]+|[\d'])")
_DIGITS = frozenset("0123456789'")


def make_partial(m: re.Match, rule: Rule, res: Resources, original: str) -> Partial | None:
    fields: dict[str, str] = {}
    for group, field, norm, classes in rule.fields:
        a, b = m.span(group)
        if a < 0:
            continue
        text = original[a:b]
        if norm == "lookup":
            value = res.lookup(classes, text)
            if value is None:
                return None
        else:
            value = NORM_FUNCS[norm](text, res)
        fields[field] = value
    names = rule.field_names
    value = _fill(rule.value, fields, names)
    if not value:
        return None
    start, end = m.span(rule.span_group)
    if not _guard_ok(rule.guard, original, start, end, res):
        return None
    return Partial(start, end, rule.id, rule.type, value, _fill(rule.mod, fields, names),
                   _direction(_fill(rule.direction, fields, names)), _fill(rule.quant, fields, names),
                   _fill(rule.freq, fields, names), _fill(rule.zone, fields, names))


# A month-day's partial value ("XXXX-04-24", "1999-04-24"); a second day joined to it.
_MONTH_DAY_VALUE_RE = re.compile(r"((?:XXXX|XX\d\d|\d{4})-(?:0[1-9]|1[0-2]))-(\d\d)")
_FOLLOW_WORD_RE = re.compile(r"\s+([a-z]+)")


@lru_cache(maxsize=8)
def _second_day_re(joiners: frozenset, suffixes: frozenset) -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(joiners, key=len, reverse=True))
    return re.compile(rf"\s*(?:-|\u2013|(?:{words})\s)\s*(?<![\d.,:])(\d{{1,2}})"
                      rf"(?:{words_regex(suffixes)})?"
                      rf"(?![\w%:,.]\w|[-\u2013/]\d)"
                      rf"(?:\s*,?\s+((?:1\d|20)\d\d)(?![\w%]|[,.:]\d))?", re.I)


def second_day(partial: Partial, text: str, res: Resources) -> Partial | None:
    """The day joined to a month-day by a range word or a dash ("April 24 and 25", "March
    5-6", "Feb. 3 to 5"): a date of its own, in the same month (TimeML tags each). Not a
    count ("May 5 and 25 others"): a lower-case word after it must be one a date can be
    followed by (the lexicon's date_followers), and the day must come after the first.
    A year after the second day is its year ("March 5-6, 2009": the first day takes it
    from the range, see tagger._range_year), not a date of its own."""
    first = _MONTH_DAY_VALUE_RE.fullmatch(partial.value)
    if first is None:
        return None
    m = _second_day_re(res.lists["range_words"], res.lists["day_suffixes"]).match(text, partial.end)
    if m is None or not int(first.group(2)) < int(m.group(1)) <= 31:
        return None
    after = _FOLLOW_WORD_RE.match(text, m.end())
    if after and after.group(1) not in res.lists.get("date_followers", frozenset()):
        return None
    month = first.group(1)
    if m.group(2) and month.startswith("XX"):
        month = m.group(2) + month[4:]
    return Partial(m.start(1), m.end(), partial.rule, partial.type,
                   f"{month}-{int(m.group(1)):02d}", direction=partial.direction)


# A live page's time stamp: four digits then a colon and a new entry ("2043 : Mr Gibbs
# says", anywhere, as BBC pages lose their line breaks), or four digits opening a line
# before a capitalised word ("\n2346 Survivor Jackson tells the BBC").
# Both begin with a literal (the colon, the line break), which re finds fast: a pattern
# opening with a look-behind or "^" is tried at every position (~25 ms per MB).
_STAMP_COLON_RE = re.compile(r":[ \t]+(?=[`'\"A-Z\u2018\u201c])")
_STAMP_BEFORE_COLON_RE = re.compile(r"(?<![\w.,:;$\u00a3\u20ac/+-])(\d{4})[ \t]?$")
_STAMP_LINE_RE = re.compile(r"\n[ \t]*(\d{4})[ \t]+(?=[`'\"A-Z\u2018\u201c])")
_STAMP_MIN = 3      # stamps that could all be years: a run of at least this many, newest first


def live_stamps(text: str) -> dict[int, Partial]:
    """The time stamps of a live page, by start: 24-hour times ("2043" = T20:43), not
    years. Chronologies are written the same way ("1918 : The Spanish flu pandemic",
    "\n1983 Conrad Murray graduates"), so the text's stamps are read together: all must
    be 24-hour times, and either one of them cannot be a year ("0946", "2200") or there
    are at least _STAMP_MIN of them, each no later than the one before (live pages put
    the newest first; one wrap past midnight allowed). A lone "2043 : ..." stays a year."""
    if ":" not in text and "\n" not in text:
        return {}
    stamps = {}
    for colon in _STAMP_COLON_RE.finditer(text):
        m = _STAMP_BEFORE_COLON_RE.search(text, max(0, colon.start() - 6), colon.start())
        if m:
            stamps[m.start(1)] = m.group(1)
    for m in _STAMP_LINE_RE.finditer("\n" + text):     # the text's first line too
        stamps[m.start(1) - 1] = m.group(1)
    found = sorted(stamps.items())
    if not found or any(int(s[:2]) > 23 or int(s[2:]) > 59 for _, s in found):
        return {}
    values = [int(s) for _, s in found]
    rises = sum(b > a for a, b in zip(values, values[1:]))
    if not (any(v < 1000 or v > 2099 for v in values) or len(values) >= _STAMP_MIN and rises <= 1):
        return {}
    return {at: Partial(at, at + 4, "live_stamp", "TIME", f"XXXX-XX-XXT{s[:2]}:{s[2:]}")
            for at, s in found}


def recognise(text: str, res: Resources) -> list[Partial]:
    """All expressions in ``text``, left to right, not overlapping (leftmost, then the
    first rule in priority order that matches there; a day joined to a month-day is one
    more, see :func:`second_day`; a live page's time stamps, see :func:`live_stamps`)."""
    out: list[Partial] = []
    by_word, weak, follow = res.by_word, res.weak, res.follow
    low = text.translate(LOWER)
    stamps = live_stamps(text)
    pos = 0
    for g in res.gate.finditer(low):
        at = g.start()
        if at < pos:
            continue
        if at in stamps:
            out.append(stamps[at])
            pos = at + 4
            continue
        word = g.group() if low[at].isalpha() else ""
        candidates = by_word.get(word)
        if candidates is None:
            continue
        if word in weak:       # "the", "at", "last": only worth trying before a known word
            nxt = _NEXT_RE.match(low, g.end())
            if nxt is not None and nxt.group(1) not in follow and not nxt.group(1)[0] in _DIGITS:
                continue
        for rule in candidates:          # priority order: the first that matches wins
            m = rule.compiled.match(low, at)
            if m is not None:
                break
        else:
            continue
        partial = make_partial(m, rule, res, text)
        if partial is not None and partial.end > partial.start:
            out.append(partial)
            pos = partial.end
            more = second_day(partial, text, res) if partial.type == "DATE" else None
            if more is not None:
                out.append(more)
                pos = more.end
    return out
