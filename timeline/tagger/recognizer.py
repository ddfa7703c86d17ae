"""Recognition: text -> partial expressions, in one left-to-right pass.

The text is lower-cased (ASCII only, so offsets hold); the gate (see dispatch) finds the
word starts where an expression can begin, and only the rules that can begin with that
word are tried there, in priority order. Each match becomes a :class:`Partial`: its
span, type and a partly-filled value built from the rule's templates ("XXXX-02-08",
"XXXX-WXX-4", "[-1Y]", "PXM"), if the rule's guard (see guards) lets it through. A live
page's time stamps are found first, for the whole text (:func:`live_stamps`). Nothing
here looks at the anchor; the resolver completes the values.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from ..errors import ConfigError
from .dispatch import DIGIT_KEY, KEY_LEN
from .guards import NARROWING, guard_ok
from .partial import YEAR_VALUE, Partial
from .ranges import first_days, second_day, second_year
from .resources import LOWER, Resources, Rule, form_key
from .tense import words_regex

_TEMPLATE_RE = re.compile(r"\{([^{}]+)\}")
_DIGITS_RE = re.compile(r"\d+")


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
    for half, extra in res.classes["FRACTION"].items():
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


@lru_cache(maxsize=8)
def _spoken_re(links: frozenset) -> re.Pattern:
    """A spoken clock: its minutes, its link word, its hour and the rest."""
    return re.compile(rf"(.+?)(?:\s+minutes?)?\s+({words_regex(links)})\s+([\w-]+)(.*)", re.S | re.I)


def _spoken_clock(text: str, res: Resources) -> str | None:
    """"half past ten" -> "10:30", "a quarter to one in the morning" -> "12:45 in the
    morning", "twenty to midnight" -> "23:40" (the lexicon's CLOCKLINK and CLOCKFRACTION);
    None for any other clock."""
    m = _spoken_re(frozenset(res.classes["CLOCKLINK"])).fullmatch(text)
    if m is None:
        return None
    minutes = res.lookup(("CLOCKFRACTION",), m.group(1)) or norm_number(m.group(1), res)
    word = res.lookup(("CLOCKWORD",), m.group(3))
    hour = int(word[1:3]) % 24 if word else int(norm_number(m.group(3), res))
    if res.lookup(("CLOCKLINK",), m.group(2)) == "-":
        minutes = 60 - int(minutes)
        hour = (hour - 1) % 24 if word else (hour - 1 or 12)
    return f"{hour}:{int(minutes):02d}{m.group(4)}"


def norm_clock(text: str, res: Resources) -> str:
    """"1:30pm" -> T13:30, "5 p.m." -> T17:00, "4 in the morning" -> T04:00, "noon" -> T12:00,
    "ten o'clock" -> T10:00, "8 this morning" -> T08:00, "10:30 tonight" -> T22:30 (a part
    of the day after the clock says am or pm; "o'clock" alone says neither), "half past
    ten" -> T10:30."""
    word = res.lookup(("CLOCKWORD",), text.split(None, 1)[0])
    if word is not None:
        return word       # "noon", "midnight tonight" (the day's word is the rule's)
    text = _spoken_clock(text, res) or text
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
    """A written UTC offset as +HH:MM: "GMT+5:30" -> +05:30, "-0400" -> -04:00, ISO 8601's
    "Z" (Zulu, UTC) -> +00:00."""
    if text.strip().casefold() == "z":
        return "+00:00"
    m = re.search(r"([+\-−])\s?(\d{1,2}):?(\d\d)?", text)
    sign = "-" if m.group(1) in "-−" else "+"
    return f"{sign}{int(m.group(2)):02d}:{m.group(3) or '00'}"


def norm_spelledyear(text: str, res: Resources) -> str:
    """"nineteen ninety-six" -> 1996, "the year two thousand" -> 2000, "two thousand one"
    -> 2001: a YEARWORD gives the century, the number words after it the year in it;
    words of the lexicon's list year_fillers ("the", "year", "oh", "and") are skipped."""
    fillers = res.lists["year_fillers"]
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
    number cannot be a month; "2019/02/28" year first); a two-digit year is left for the
    resolver (XX19)."""
    a, b, y = text.split("/")
    if len(a) == 4:
        a, b, y = b, y, a
    month, day = (int(a), int(b)) if int(a) <= 12 else (int(b), int(a))
    year = y if len(y) == 4 else "XX" + y
    return f"{year}-{month:02d}-{day:02d}"


def norm_place(text: str, res: Resources) -> str:
    """A place name: its first capitalised words in a row ("downtown Salt Lake City" is
    Salt Lake City, "Paris on Sunday" Paris), and, when the comma follows them, the
    capitalised words right after it: "Paris, Texas" (a qualifier, read by
    places.named_zone), but "Kabul, the Afghan capital" is Kabul and "Bangkok, where Red
    Shirts gathered" Bangkok. Rules match the text lower-cased, so the PLACE macro takes
    any words: only the text as written tells a capital."""
    name, comma, rest = text.partition(",")
    words = name.split()
    lead = next((i for i, w in enumerate(words) if w[:1].isupper()), len(words))
    run = list(itertools.takewhile(lambda w: w[:1].isupper(), words[lead:]))
    qualifier = list(itertools.takewhile(lambda w: w[:1].isupper(), rest.split()))
    found = " ".join(run)
    if found and qualifier and lead + len(run) == len(words):
        return f"{found}, {' '.join(qualifier)}"
    return found or text


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
    "place": norm_place,
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
    return value if value in ("past", "future", "generic") else None


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
    if not guard_ok(rule.guard, original, start, end, res):
        return None
    mod = _fill(rule.mod, fields, names)
    if mod == "AFTER" and value.endswith(MIDNIGHT) and not value.startswith("XXXX-XX-XX"):
        # midnight is the end of the day it names (T24:00: "expires at midnight Friday",
        # as TBAQ writes it), but after it, that day has begun: "shortly after midnight
        # on March 24" is early on the 24th (a bare "after midnight" keeps the day
        # narrated: "began late on Saturday and went on until after midnight")
        value = value[:-len(MIDNIGHT)] + "T00:00"
    return Partial(start, end, rule.id, rule.type, value, mod,
                   _direction(_fill(rule.direction, fields, names)), _fill(rule.quant, fields, names),
                   _fill(rule.freq, fields, names), _fill(rule.zone, fields, names),
                   int(weekday) if (weekday := _fill(rule.weekday, fields, names)) else None)


MIDNIGHT = "T24:00"    # the end of the day a value names ("midnight Friday")
# A live page's time stamp: four digits then a colon and a new entry ("2043 : Mr Gibbs
# says", anywhere, as BBC pages lose their line breaks), or four digits opening a line
# before a capitalised word ("\n2346 Survivor Jackson tells the BBC").
# Both begin with a literal (the colon, the line break), which re finds fast: a pattern
# opening with a look-behind or "^" is tried at every position (~25 ms per MB).
_STAMP_COLON_RE = re.compile(r":[ \t]+(?=[`'\"A-Z\u2018\u201c])")
_STAMP_BEFORE_COLON_RE = re.compile(r"(?<![\w.,:;$\u00a3\u20ac/+-])(\d{4})[ \t]?$")
_STAMP_LINE_RE = re.compile(r"\n[ \t]*(\d{4})[ \t]+(?=[`'\"A-Z\u2018\u201c])")
_STAMP_MIN = 3      # stamps that could all be years: a run of at least this many, newest first
# The first year a news chronology is taken to reach back to: a run of stamps that could
# all be years before it ("1622", "1505") is a live page's morning, not history.
_CHRONOLOGY_FROM = 1800
# Stamps in time order (oldest first) are a live page's only when the first is a morning's.
_MORNING_BEFORE = 1200


def live_stamps(text: str, latest_year: int) -> dict[int, Partial]:
    """The time stamps of a live page, by start: 24-hour times ("2043" = T20:43), not
    years. Chronologies are written the same way ("1918 : The Spanish flu pandemic",
    "\n1983 Conrad Murray graduates"), so the text's stamps are read together: all must
    be 24-hour times, and either one of them cannot be a year ("0946", "2200") or there
    are at least _STAMP_MIN of them, each no later than the one before (live pages put
    the newest first; one wrap past midnight allowed), or each no earlier than the one
    before from a morning's first (_MORNING_BEFORE). A lone "2043 : ..." stays a year.
    A newest-first chronology looks the same ("\n2011 Mubarak steps down\n2005 ..."):
    when every stamp could be a year of the past it narrates (from _CHRONOLOGY_FROM to
    ``latest_year``, the publication's), they are its years; a live page's "2049" in a
    2010 article cannot be. (So a live page whose stamps all fall between 18:00 and the
    publication's year read as a clock, 20:10 in 2010, is read as a chronology: the
    rarer of the two. Telling them apart by the spread of the stamps as clocks misread
    real chronologies: "1945 ... 1939 ... 1918 ... 1914 ... 1848 ... 1815".)"""
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
    falls = len(values) - 1 - rises
    # oldest first is a live page too when it opens in the morning ("1003 : ... 1011 :
    # ... 1626 :"): a chronology that opens before the year 1200 is rare in news
    if not (any(v < 1000 or v > 2099 for v in values) or len(values) >= _STAMP_MIN
            and (rises <= 1 or falls <= 1 and values[0] < _MORNING_BEFORE)):
        return {}
    if all(_CHRONOLOGY_FROM <= v <= latest_year for v in values):
        return {}
    return {at: Partial(at, at + 4, "live_stamp", "TIME", f"XXXX-XX-XXT{s[:2]}:{s[2:]}")
            for at, s in found}


# a day of a year not written: a month-day, a holiday's ("XXXX-12-26", "XXXX-EA-2",
# "XXXX-11-N4-4"; completion reads these with a year too)
_YEARLESS_DAY = re.compile(r"XXXX-(?:\d\d-\d\d$|\d\d-N|EA)")
_YEAR_GAP = re.compile(r",?[ \t]+")


def _with_year(day: Partial, year: Partial, text: str) -> Partial | None:
    """A day written without its year and the year written right after it ("Boxing Day,
    2004", "Christmas Day 2004") as one expression of that year; None if they are not."""
    if day.type != "DATE" or year.type != "DATE" or not YEAR_VALUE.fullmatch(year.value) \
            or not _YEARLESS_DAY.match(day.value) or day.direction is not None \
            or not _YEAR_GAP.fullmatch(text, day.end, year.start):
        return None
    return replace(day, end=year.end, value=year.value + day.value[4:])


def recognise(text: str, res: Resources, latest_year: int) -> list[Partial]:
    """All expressions in ``text``, left to right, not overlapping (leftmost, then the
    first rule in priority order that matches there; a day joined to a month-day is one
    more, see :func:`second_day` (and a range's two-digit second year, :func:`second_year`),
    and so is the day that opens a range before a
    day-first date, see :func:`first_days`; a live page's time stamps, see :func:`live_stamps`,
    which reads ``latest_year``, the publication's, to tell them from a chronology)."""
    out: list[Partial] = []
    by_word, weak, follow, by_pair = res.by_word, res.weak, res.follow, res.by_pair
    low = text.translate(LOWER)
    stamps = live_stamps(text, latest_year)
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
        pair = by_pair.get(word)
        if pair is not None or word in weak:
            nxt = _NEXT_RE.match(low, g.end())
            if nxt is not None:
                second = nxt.group(1)
                if second in _DIGITS:
                    second = DIGIT_KEY
                elif word in weak and second not in follow:
                    continue   # "the", "at", "last": only worth trying before a known word
                if pair is not None and (second == DIGIT_KEY or "a" <= second[0] <= "z"):
                    candidates = pair[0].get(second[:KEY_LEN], pair[1])   # those that can go on so
        partial = None
        for rule in candidates:          # priority order: the first that matches wins
            m = rule.compiled.match(low, at)
            if m is None:
                continue
            partial = make_partial(m, rule, res, text)
            if partial is not None or rule.guard not in NARROWING:
                break
        if partial is not None and partial.end > partial.start:
            if out and (joined := _with_year(out[-1], partial, text)) is not None:
                out[-1] = joined             # "Boxing Day, 2004": that year's
                pos = partial.end
                continue
            out.append(partial)
            pos = partial.end
            more = (second_day(partial, text, res) or second_year(partial, text)) \
                if partial.type == "DATE" else None
            if more is not None:
                out.append(more)
                pos = more.end
    return first_days(out, text, res)
