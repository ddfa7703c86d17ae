"""The tense of the clause around an expression: which way "Friday" or "in March" points.

The nearest cue word in the sentence decides: future cues ("will", "'ll", "plans",
"scheduled") or past cues ("was", "said", "ago", regular "-ed" verbs). Cue words come
from the language's lexicon (lists: future_cues, past_cues). Cues before the
expression count a little more than cues after it.
"""
from __future__ import annotations

import re

_WORD_RE = re.compile(r"[A-Za-z']+")
# "be"/"being" before a participle makes a passive ("will be paid"), which tells no tense.
_PASSIVE_BE = frozenset(("be", "being"))


def clause_breaks(conjunctions) -> re.Pattern:
    """Where clauses end: ; : brackets, quotes, and a comma before one of the language's
    clause-opening words (lexicon list clause_words: "but", "while", "which", ...)."""
    words = "|".join(re.escape(w) for w in sorted(conjunctions)) or "(?!)"
    return re.compile(r"[;:()\u201c\u201d\"]|,\s+(?:" + words + r")\b", re.I)


def _clause(text: str, sentence: tuple[int, int], start: int, end: int,
            breaks: re.Pattern | None) -> tuple[int, int]:
    """The part of the sentence between the clause breaks around the expression."""
    s, e = sentence
    if breaks is None:
        return s, e
    left = s
    for m in breaks.finditer(text, s, start):
        left = m.end()
    m = breaks.search(text, end, e)
    return left, (m.start() if m else e)


def clause_tense(text: str, sentence: tuple[int, int], start: int, end: int,
                 future_cues: frozenset, past_cues: frozenset,
                 breaks: re.Pattern | None = None) -> str | None:
    """'past', 'future' or None for the expression at text[start:end]."""
    s, e = _clause(text, sentence, start, end, breaks)
    best, best_dist = None, None
    prev = ""
    for m in _WORD_RE.finditer(text, s, e):
        word, before = m.group().lower(), prev
        prev = word
        if start <= m.start() < end:
            continue
        if word in future_cues:
            kind = "future"
        elif before in _PASSIVE_BE and (word in past_cues or word.endswith("ed")):
            continue           # "will be named", "to be paid": a passive, not the past
        elif word in past_cues or (len(word) > 4 and word.endswith("ed")):
            kind = "past"
        else:
            continue
        dist = start - m.end() if m.end() <= start else (m.start() - end) * 1.5
        if best_dist is None or dist < best_dist:
            best, best_dist = kind, dist
    return best


_PREV_WORDS_RE = re.compile(r"(?:([A-Za-z']+)\s+)?([A-Za-z']+)[\s,]+(?:(on|by|until|through|since|from|to|at|in)\s+)?$")


def adjacent_tense(text: str, start: int, future_cues: frozenset, past_cues: frozenset,
                   reporting: frozenset = frozenset()) -> str | None:
    """The tense shown by the verb right before an expression ("ended March 31",
    "will meet on March 31"); None when that word is no tense cue or a reporting verb
    ("said Dec. 15" dates the report)."""
    m = _PREV_WORDS_RE.search(text, max(0, start - 40), start)
    if not m:
        return None
    word = m.group(2).lower()
    if (m.group(1) or "").lower() in _PASSIVE_BE and (word in past_cues or word.endswith("ed")):
        return None       # "will be paid Dec. 14": a passive; the clause decides
    if word in reporting:
        return None       # the date of the report, not of the event
    if word in future_cues:
        return "future"
    if word in past_cues or (len(word) > 4 and word.endswith("ed")):
        return "past"
    return None
