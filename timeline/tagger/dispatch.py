"""Compiling the rules for speed: a word gate, then only the rules that can start there.

Scanning every position with one alternation of all rules costs every rule at every word.
Instead:

1. ``gate`` finds word starts where an expression can begin: a word some rule can begin
   with (computed from the parsed regexes), a digit or an apostrophe. Most words fail
   here, in C.
2. At a gate hit, only the rules that can begin with that word are tried, one compiled
   pattern per rule, in priority order; the first that matches there wins.

The result is the same as one leftmost-first alternation of all rules, only faster. Each
rule is compiled once (by resources, which validates it that way anyway): an alternation
per first word would compile the same rules again for every bucket they are in (~200k
characters of regex instead of ~34k), which was most of a cold process's start-up, and
matching them one by one costs no more than the alternation did (measured on TBAQ).
"""
from __future__ import annotations

import re
from re import _constants as C  # noqa: N812  (the regex parser's opcodes)
from re import _parser as P     # noqa: N812

from . import regex_program
from .regex_program import REPEAT_OPS

_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)


_MAX_WORDS = 5000
_MAX_LEN = 24


class _TooMany(Exception):
    pass


def _first_words(seq: list, i: int, then, prefix: str, out: set) -> None:
    """Collect the lower-case words a match of ``seq[i:]`` followed by ``then`` can begin
    with ("" when it begins with something else than a letter, e.g. a digit). ``then``:
    what follows, (seq, i, then) or None, shared by the alternatives instead of copied
    into each (the rules' alternations of lexicon forms are long)."""
    while True:
        if i == len(seq):
            if then is None:
                out.add(prefix)
                return
            seq, i, then = then
            continue
        if len(out) > _MAX_WORDS or len(prefix) > _MAX_LEN:
            raise _TooMany
        op, av = seq[i]
        if op is C.LITERAL:
            ch = chr(av)
            if "a" <= ch <= "z":
                prefix += ch
                i += 1
                continue
            out.add(prefix)
            return
        if op in _ZERO_WIDTH:
            i += 1
            continue
        rest = (seq, i + 1, then)
        if op is C.SUBPATTERN:
            seq, i, then = av[-1].data, 0, rest
            continue
        if op is C.BRANCH:
            for alt in av[1]:
                _first_words(alt.data, 0, rest, prefix, out)
            return
        if op in REPEAT_OPS:
            lo, hi, sub = av
            if lo == 0:
                _first_words(seq, i + 1, then, prefix, out)
            if hi != 1:
                rest = ([(op, (max(lo - 1, 0), hi - 1 if hi != C.MAXREPEAT else hi, sub))], 0, rest)
            if prefix and len(prefix) >= _MAX_LEN:
                raise _TooMany
            _first_words(sub.data, 0, rest, prefix, out)
            return
        if op is C.IN:
            letters = []
            for o, a in av:
                if o is C.LITERAL and "a" <= chr(a) <= "z":
                    letters.append(chr(a))
                elif o is C.RANGE and ord("a") <= a[0] and a[1] <= ord("z"):
                    letters.extend(chr(c) for c in range(a[0], a[1] + 1))
                else:
                    out.add(prefix)       # a word ends here, or a non-letter starts
                    if o is C.NEGATE:
                        return
            for ch in letters:
                _first_words(seq, i + 1, then, prefix + ch, out)
            return
        out.add(prefix)
        return


def first_words(regex: str, parsed=None) -> set | None:
    """The words a rule's match can begin with ("" = begins with a non-letter), or None
    when there are too many to list. ``parsed``: ``P.parse(regex)`` if already made."""
    out: set = set()
    try:
        _first_words((P.parse(regex) if parsed is None else parsed).data, 0, None, "", out)
    except (_TooMany, RecursionError):
        return None
    return out


def by_first_word(rules, follow: set[str], parsed: dict | None = None) -> tuple[str, dict]:
    """(the gate's regex, first word -> the rules that can begin with it, in priority order).

    The key "" holds the rules that begin with a digit or other non-letter. Words with
    the same rules share one tuple. ``parsed``: rule index -> its parsed regex, if the
    caller parsed them already (resources does, to compile them). The caller compiles
    the gate (resources, once: into the program it caches, see regex_program)."""
    buckets: dict[str, list] = {}
    anywhere = []
    for rule in rules:
        words = first_words(rule.regex, (parsed or {}).get(rule.index))
        if words is None:
            anywhere.append(rule)
            continue
        for w in words:
            buckets.setdefault(w, []).append(rule)
    if anywhere:
        raise ValueError("rules whose first words cannot be listed: "
                         + ", ".join(r.id for r in anywhere))
    table, shared = {}, {}
    for w, members in buckets.items():
        members = tuple(sorted(set(members), key=lambda r: r.index))
        table[w] = shared.setdefault(tuple(r.index for r in members), members)
    return gate_regex({w for w in buckets if w}, follow), table


def _alternation(words) -> str:
    # A trie (regex_program.trie): at most one of these words matches at a place (each is
    # followed by "not a letter"), so the order is free, and re scans a trie ~3x faster
    # than the plain alternation (the gate reads every word of the text).
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return regex_program.trie([[re.escape(c) for c in w] for w in ordered]) or "|".join(
        re.escape(w) for w in ordered)


def gate_regex(words: set[str], follow: set[str]) -> str:
    """Word starts where an expression may begin: a first word of some rule, or a number
    that looks like part of a date or time -- a 4-digit year, a clock or decimal ("1:30",
    "2.30"), a numeric date ("02/28/2019"), a number glued to letters ("1990s", "20th", "10-year", "5pm") or followed
    by a known word ("three years", "28 February") -- or an apostrophe year ('98).
    Possessive quantifiers and the look-behind (no start inside "1,000,000" or
    "12:34:56") keep it linear on long runs of digits and punctuation."""
    number = (r"(?<!\d[,.:])(?:"
              r"\d{4}(?![\d.,:]\d)"
              r"|\d{1,2}[:.]\d\d(?![\d.:]\d)"
              r"|\d{1,2}/\d{1,2}/\d\d(?:\d\d)?(?![\d/])"
              r"|(?<!/)\d++(?:,\d{3})*+(?:\.\d++)?+(?: 1/2)?+(?=[a-z']|-[a-z]|\s++(?:" + _alternation(follow)
              + r")(?![a-z]))"
              r"|'\d\d)")
    return rf"(?<![\w'])(?:(?:{_alternation(words)})(?![a-z])|{number})"
