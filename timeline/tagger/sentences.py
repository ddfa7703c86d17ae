"""Sentence splitting for news text: character spans, one regex pass.

A sentence ends at . ! ? (with any closing quotes or brackets after it) followed by
space and something that can start a sentence, unless the word before the full stop
is a known abbreviation ("Mr.", "U.S.", "Feb.") or an initial ("J.") -- unless the next
word is one that opens sentences ("... of Charlotte, N.C. The Dallas concern"). A blank line
(paragraph break) always ends a sentence. A single line break does too in text that
writes one paragraph per line (no blank lines, and lines longer than hard-wrapped
text has); elsewhere it is a wrapped line inside a paragraph. Abbreviations come from
the language's lexicon (lists: abbreviations, sentence_starters, titles). A caption or
heading that page text runs into the next sentence without a full stop is cut off
before the glued sentence's opening word (lists: glued_openers, glue_blockers).
"""
from __future__ import annotations

import functools
import re

_END_RE = re.compile(
    r"""(?P<punct>[.!?]+)(?P<close>(?: '')?["'\u201d\u2019)\]]*)(?P<space>[ \t]*\n[ \t]*\n\s*|\s+)(?=(?:`` ?|["'\u201c\u2018(\[])?[A-Z0-9])"""
    r"""|(?P<para>[ \t]*\n[ \t]*\n\s*)""")
_LINE_END_RE = re.compile(
    r"""(?P<punct>[.!?]+)(?P<close>(?: '')?["'\u201d\u2019)\]]*)(?P<space>[ \t]*\n\s*|[ \t]+)(?=(?:`` ?|["'\u201c\u2018(\[])?[A-Z0-9])"""
    r"""|(?P<para>[ \t]*\n\s*)""")
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_WORD_AFTER_RE = re.compile(r"(?:`` ?|[\"'\u201c\u2018(\[])?([A-Za-z]+)")
_WRAP_WIDTH = 120     # lines longer than this are paragraphs, not hard-wrapped text


def _one_paragraph_per_line(text: str) -> bool:
    body = text.strip()
    return "\n" in body and not re.search(r"\n[ \t]*\n", body) \
        and max(len(line) for line in body.split("\n")) > _WRAP_WIDTH


def _lexicon_list(language: str, name: str) -> frozenset:
    from .resources import cached

    return cached(language).lists[name]


def split_sentences(text: str, language: str = "en", abbreviations: frozenset | None = None,
                    starters: frozenset | None = None,
                    titles: frozenset | None = None, glued_openers: frozenset | None = None,
                    glue_blockers: frozenset | None = None) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``, whitespace trimmed.

    ``abbreviations``, ``starters`` (words that open a sentence even after an
    abbreviation: "N.C. The"), ``titles`` (abbreviations a name always follows:
    "Gen. He Yi"), ``glued_openers`` and ``glue_blockers`` (a caption run into the next
    sentence: _glue_cuts) default to the packaged lexicon's lists for ``language``."""
    abbrevs = _lexicon_list(language, "abbreviations") if abbreviations is None else abbreviations
    openers = _lexicon_list(language, "sentence_starters") if starters is None else starters
    titles = _lexicon_list(language, "titles") if titles is None else titles
    spans: list[tuple[int, int]] = []
    start = 0
    per_line = _one_paragraph_per_line(text)
    ends = _LINE_END_RE if per_line else _END_RE
    for m in ends.finditer(text):
        if m.group("para") is None:
            space = m.group("space")
            new_paragraph = "\n" in space if per_line else space.count("\n") > 1
            if m.group("punct") == "." and not m.group("close") and not new_paragraph:
                before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
                word = before.group(1).lower() if before else ""
                if (word.rstrip(".") in abbrevs or (len(word) == 1 and word.isalpha())
                        or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word)) \
                        and (word.rstrip(".") in titles
                             or not _opens_sentence(text, m.end(), openers)):
                    continue
            cut = m.end("close")
        else:
            cut = m.start()
        _add(text, start, cut, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    glued = _lexicon_list(language, "glued_openers") if glued_openers is None else glued_openers
    blockers = _lexicon_list(language, "glue_blockers") if glue_blockers is None else glue_blockers
    return _unglued(text, spans, _glue_cuts(text, glued, blockers))


# A word that opens a sentence, capitalised, right after a lower-case word or a closing
# quote with no full stop between, and a lower-case word after it: a caption, heading or
# fact box the page text ran into the next sentence ("... who said Charlie was ``
# inspirational '' The prime minister has described ...", "Chris Martin and Beyonce
# Knowles dueted It featured Jay Z rapping ..."). The openers are searched for first
# (rare), the word before each is read then. A straight quote closes only right after a
# word ('He said " The deal ...' opens one).
_BEFORE_GLUE_RE = re.compile(r"(?:(?<![A-Za-z'’-])[a-z][a-z'’-]*|''|(?<=\S)[\"\u201d])[ \t]+$")


@functools.lru_cache(maxsize=8)
def _glue_re(openers: frozenset) -> re.Pattern:
    # each word first (the scan then skips to capitals), its own look-behind after it
    words = "|".join(rf"{w}(?<=[a-z'’\"\u201d][ \t]{w})" for w in sorted(
        (re.escape(w.capitalize()) for w in openers), key=len, reverse=True))
    return re.compile(rf"(?:{words})(?=[ \t]+[a-z])")


def _glue_cuts(text: str, openers: frozenset, blockers: frozenset) -> list[int]:
    """Where a glued opener starts: a word of ``openers`` after a word that is not one of
    ``blockers`` ("and The Edge", "told The Guardian" are names)."""
    cuts = []
    for m in _glue_re(openers).finditer(text):
        at = m.start()
        before = _BEFORE_GLUE_RE.search(text, max(0, at - 40), at)
        if before and before.group().split()[0].lower() not in blockers:
            cuts.append(at)
    return cuts


def _unglued(text: str, spans: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """``spans`` cut at each of ``cuts`` (ascending offsets) inside them."""
    if not cuts:
        return spans
    out: list[tuple[int, int]] = []
    k = 0
    for start, end in spans:
        inside = []
        while k < len(cuts) and cuts[k] < end:
            if cuts[k] > start:
                inside.append(cuts[k])
            k += 1
        for a, b in zip([start] + inside, inside + [end]):
            _add(text, a, b, out)
    return out


def _opens_sentence(text: str, at: int, starters: frozenset) -> bool:
    """Whether the word at ``at`` is capitalised and one that opens sentences ("The")."""
    m = _WORD_AFTER_RE.match(text, at)
    return bool(m and len(m.group(1)) > 1 and m.group(1)[0].isupper()
                and m.group(1).lower() in starters)


def _add(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def sentence_index(spans: list[tuple[int, int]], offset: int) -> int:
    """Index of the sentence containing ``offset`` (or the one before it)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo
