"""Compiling the rules for speed: a word gate, then only the rules that can start there.

Scanning every position with one alternation of all rules costs every rule at every word.
Instead:

1. ``gate`` finds word starts where an expression can begin: a word some rule can begin
   with (computed from the parsed regexes), a digit or an apostrophe. Most words fail
   here, in C.
2. At a gate hit, only the rules that can begin with that word are tried, one compiled
   pattern per rule, in priority order; the first that matches there wins.
3. After a first word of many rules ("the"), only those of them that can go on with the
   next word (:func:`by_second_word`).

The result is the same as one leftmost-first alternation of all rules, only faster. Each
rule is compiled once (by resources, which validates it that way anyway): an alternation
per first word would compile the same rules again for every bucket they are in (~200k
characters of regex instead of ~34k), which was most of a cold process's start-up, and
matching them one by one costs no more than the alternation did (measured on TBAQ).
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as C  # noqa: N812  (the regex parser's opcodes)
from re import _parser as P     # noqa: N812

from . import regex_program
from .regex_program import _ATOMIC, REPEAT_OPS

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
    by a known word ("three years", "28 February"; also as a range: "1-4 days") -- or an
    apostrophe year ('98).
    Possessive quantifiers and the look-behind (no start inside "1,000,000" or
    "12:34:56") keep it linear on long runs of digits and punctuation."""
    number = (r"(?<!\d[,.:])(?:"
              r"\d{4}(?![\d.,:]\d)"
              r"|\d{1,2}[:.]\d\d(?![\d.:]\d)"
              r"|\d{1,2}/\d{1,2}/\d\d(?:\d\d)?(?![\d/])"
              r"|(?<!/)\d++(?:,\d{3})*+(?:\.\d++)?+(?: 1/2)?+(?=[a-z']|-[a-z]|"
              r"(?:\s?[-\u2013]\s?\d{1,3})?\s++(?:" + _alternation(follow) + r")(?![a-z]))"
              r"|'\d\d)")
    return rf"(?<![\w'])(?:(?:{_alternation(words)})(?![a-z])|{number})"


# The second word --------------------------------------------------------------------
#
# A weak first word ("the", "at", "early") begins dozens of rules, and most of them can
# go on with only a few words ("the" + a month, a unit, "end" of ...): at "the sky" none
# of them needs trying. A rule's parse is walked along its paths over a text of the form
# "<first word><spaces><second word><not a letter>" to list, for each first word, the
# second words its match can have there; wherever the walk cannot tell (a class of
# letters it would not enumerate, a match that may end within the spaces), the rule is
# kept for every second word. The walk over-approximates (look-arounds are skipped,
# "\w" may be anything), so no rule that could match is ever left out.

_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_SPACES = frozenset(c for c in map(chr, range(0x3001)) if c.isspace())
_DIGITISH = frozenset("0123456789'")     # what the recogniser reads as a number's start
_ALL = (_LETTERS, True, True, True)
_CATEGORIES = {    # what a category of re can match: letters, a space, a digit or "'", else
    C.CATEGORY_DIGIT: ((), False, True, True),
    C.CATEGORY_SPACE: ((), True, False, False),
    C.CATEGORY_WORD: (_LETTERS, False, True, True),
    C.CATEGORY_NOT_WORD: ((), True, True, True),
}
DIGIT_KEY = "#"    # the second word's key when it is a number ("the 1990s", "at 5")
KEY_LEN = 3        # else its first letters (all of a shorter word): enough to tell most
_MAX_STATES = 50000
# Only first words that begin at least this many rules get an index ("the", 82 of 175).
# The walk costs a first run (whose user cache is empty) ~0.08 ms per rule and first
# word; what it saves, ~0.4 us a try, is the frequency of the word times its rules. On
# TBAQ, "the" alone: 6 ms, tries 213k -> 137k; every first word of 2+ rules: 62 ms,
# tries 92k: tagging 19% less CPU later (Timeline17), but the first run 4% more.
_MIN_RULES = 60


class _Unknown(Exception):
    pass


@lru_cache(maxsize=None)
def _span_kinds(lo: int, hi: int) -> tuple:
    letters = frozenset(chr(c) for c in range(max(lo, 97), min(hi, 122) + 1))
    spaces = sum(lo <= ord(c) <= hi for c in _SPACES)
    digits = sum(lo <= ord(c) <= hi for c in _DIGITISH)
    return letters, spaces > 0, digits > 0, hi - lo + 1 > len(letters) + spaces + digits


def _kinds(op, av) -> tuple:
    """What one character's item can match: (its letters a-z, whether a space, a digit or
    apostrophe, anything else); raises _Unknown for an item that is not one character."""
    if op is C.LITERAL:
        return _span_kinds(av, av)
    if op is C.NOT_LITERAL or op is C.ANY:
        return _ALL
    if op is not C.IN:
        raise _Unknown
    letters, space, digit, other = set(), False, False, False
    for o, a in av:
        if o is C.LITERAL:
            k = _span_kinds(a, a)
        elif o is C.RANGE:
            k = _span_kinds(*a)
        else:
            k = _CATEGORIES.get(a, _ALL) if o is C.CATEGORY else _ALL    # NEGATE: anything
        letters.update(k[0])
        space, digit, other = space or k[1], digit or k[2], other or k[3]
    return letters, space, digit, other


def _ends_word(op, av) -> bool:
    """Whether a zero-width item after letters says no letter follows (\\b, (?![\\w]))."""
    if op is C.AT:
        return av is C.AT_BOUNDARY
    if op is C.ASSERT_NOT and av[0] == 1 and len(av[1].data) == 1:
        try:
            return _kinds(*av[1].data[0])[0] >= _LETTERS
        except _Unknown:
            return False
    return False


class _Walk:
    """Walks the paths of one rule's parse, one character's item at a time (see
    :func:`second_words`); the subclasses say what a path's state is and how an item,
    a zero-width item and the end of the pattern change it."""

    def __init__(self, memo: dict, parent: "_Walk | None" = None):
        # the continuations' numbers, by id: the walks of one rule share them, and the
        # repeats they make (kept, so that no id is reused)
        self.memo = memo
        self.conts, self.reps = (parent.conts, parent.reps) if parent else ({}, {})

    def cont(self, seq, i, then):
        """What follows: seq[i:], then ``then`` (None: the end of the pattern)."""
        if i == len(seq):
            return then          # (a repeat's continuations do not pile up)
        key = (id(seq), i, then and then[3])
        return seq, i, then, self.conts.setdefault(key, len(self.conts))

    def run(self, start, state) -> None:
        stack, seen = [(*(start or (None, 0, None))[:3], state)], set()
        while stack:
            seq, i, then, state = stack.pop()
            while seq is not None and i == len(seq):
                seq, i, then = then[:3] if then else (None, 0, None)
            key = (seq is not None and id(seq), i, then and then[3], state)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > _MAX_STATES:
                raise _Unknown
            if seq is None:               # the match may end here
                self.end(state)
                continue
            op, av = seq[i]
            if op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
                if not self.zero_width(op, av, state):   # else skipped: may be anything
                    stack.append((seq, i + 1, then, state))
            elif op is C.SUBPATTERN or op is _ATOMIC:
                if op is C.SUBPATTERN and (av[1] or av[2]):
                    raise _Unknown        # flags (refused by the rules' format anyway)
                body = av[-1] if op is C.SUBPATTERN else av
                stack.append((body.data, 0, self.cont(seq, i + 1, then), state))
            elif op is C.BRANCH:
                rest = self.cont(seq, i + 1, then)
                stack.extend((alt.data, 0, rest, state) for alt in av[1])
            elif op in REPEAT_OPS:
                lo, hi, sub = av
                if lo == 0:
                    stack.append((seq, i + 1, then, state))
                rest = self.cont(seq, i + 1, then)
                if hi != 1:
                    counts = (op, max(lo - 1, 0), hi - 1 if hi != C.MAXREPEAT else hi, id(sub))
                    rep = self.reps.setdefault(counts, [(op, (counts[1], counts[2], sub))])
                    rest = self.cont(rep, 0, rest)
                stack.append((sub.data, 0, rest, state))
            else:
                kinds = self.memo.get(id(av) if op is C.IN else (op, av))
                if kinds is None:
                    kinds = self.memo[id(av) if op is C.IN else (op, av)] = _kinds(op, av)
                stack.extend((seq, i + 1, then, new) for new in self.char(kinds, state, seq, i, then))

    def end(self, state) -> None:
        raise NotImplementedError

    def zero_width(self, op, av, state) -> bool:
        return False

    def char(self, kinds, state, seq, i, then):
        raise NotImplementedError


class _Second(_Walk):
    """From the spaces after a first word: the second word. State: its letters so far
    ("": still in the spaces, one read already)."""

    def __init__(self, parent: _Walk):
        super().__init__(parent.memo, parent)
        self.exact, self.prefixes, self.digit, self.anything = set(), set(), False, False

    def end(self, x):
        if x:
            self.prefixes.add(x)          # "the may" matches in "the mayor"
        else:
            self.anything = True          # the match may end in the spaces

    def zero_width(self, op, av, x):
        if x and _ends_word(op, av):
            self.exact.add(x)
            return True
        return False

    def char(self, kinds, x, seq, i, then):
        letters, space, digit, other = kinds
        if not x:
            if space:
                yield ""
            self.digit = self.digit or digit
        elif space or digit or other:     # the second word may end here
            self.exact.add(x)
        if len(letters) > 3 and x:        # any letter (the first: a few words' worth)
            self.prefixes.add(x)
            return
        for c in letters:                 # the key is the word's first KEY_LEN letters
            if len(x) + 1 == KEY_LEN:
                self.prefixes.add(x + c)
            else:
                yield x + c

    def result(self):
        if self.anything:
            return None
        return frozenset(self.exact), frozenset(self.prefixes), self.digit


class _First(_Walk):
    """The first word (state: its letters so far, a prefix of a target), and from each
    space after a target, the second word (_Second, once for each place in the rule)."""

    def __init__(self, targets, memo):
        super().__init__(memo)
        self.targets, self.out, self.tails = targets, {}, {}
        self.prefixes = {t[:n] for t in targets for n in range(len(t) + 1)}

    def end(self, w):                     # the match may end within the text's word
        self.out.update((t, None) for t in self.targets if t.startswith(w))

    def char(self, kinds, w, seq, i, then):
        letters, space = kinds[:2]
        if space and w in self.targets and self.out.get(w, ()) is not None:
            rest = self.cont(seq, i + 1, then)        # after the space
            key = rest and rest[3]
            if key not in self.tails:
                second = _Second(self)
                second.run(rest, "")
                self.tails[key] = second.result()
            tail, found = self.tails[key], self.out.get(w)
            if tail is None or found is None:
                self.out[w] = tail
            else:
                self.out[w] = (found[0] | tail[0], found[1] | tail[1], found[2] or tail[2])
        return (w + c for c in letters if w + c in self.prefixes)


def second_words(parsed, targets: set[str], memo: dict | None = None) -> dict:
    """For each first word of ``targets`` a match of the parsed rule can begin with when
    a space and a word follow it: None (any second word), or (the second words shorter
    than KEY_LEN letters, the first KEY_LEN letters of a longer one or a prefix it begins
    with, whether a number may be second). A target absent from the result: no match
    begins with it before a space and a word or number. Raises _Unknown where the rule
    cannot be walked (then it is kept everywhere). ``memo``: what one-character items
    match, kept while the parsed rules are."""
    walk = _First(targets, {} if memo is None else memo)
    walk.run(walk.cont(parsed.data, 0, None), "")
    return walk.out


def by_second_word(by_word: dict, parsed: dict, min_rules: int = _MIN_RULES) -> dict:
    """First word -> (the key of a second word -> the rules to try there, in priority
    order; the rules for a second word of no key), for the first words of at least
    ``min_rules`` rules. The key of a second word: its first KEY_LEN letters, DIGIT_KEY
    for a number. ``parsed``: rule index -> its parsed regex. A rule the walk cannot
    read is kept for every word."""
    targets = {w for w, rules in by_word.items() if w and len(rules) >= min_rules}
    words_of: dict[int, set] = {}
    rules = {}
    for w in targets:
        for rule in by_word[w]:
            words_of.setdefault(rule.index, set()).add(w)
            rules[rule.index] = rule
    found, memo = {}, {}
    for index, words in words_of.items():
        tree = parsed.get(index)
        try:
            found[index] = second_words(tree if tree is not None else P.parse(rules[index].regex),
                                        words, memo)
        except (_Unknown, RecursionError):
            found[index] = dict.fromkeys(words)            # None: any second word
    table, shared = {}, {}

    def _shared(members: list) -> tuple:        # in priority order, one tuple for each set
        members = tuple(sorted(members, key=lambda r: r.index))
        return shared.setdefault(tuple(r.index for r in members), members)

    for w in targets:
        anywhere, letters, digit, by_key = [], [], [], {}
        for rule in by_word[w]:
            c = found[rule.index].get(w, (frozenset(), frozenset(), False))
            if c is None:
                anywhere.append(rule)
                continue
            if c[2]:
                digit.append(rule)
            if any(len(p) < KEY_LEN for p in c[1]):
                letters.append(rule)      # a word's first letter or two: any word (seldom)
            else:
                for key in c[0] | c[1]:
                    by_key.setdefault(key, []).append(rule)
        keys = {DIGIT_KEY: anywhere + digit}
        keys.update((key, anywhere + letters + members) for key, members in by_key.items())
        keys = {key: _shared(members) for key, members in keys.items()}
        other = _shared(anywhere + letters)
        table[w] = (keys, other)
    return table
