"""Compiled regular expressions that can be kept in the per-user cache.

``re.compile`` parses a pattern and compiles it into a program for CPython's regex
engine (``_sre``); for the tagger's long rule patterns that is a large part of loading
them (bench/README.md has the figures), paid again by every process, because a pickled
``re.Pattern`` keeps only its source and is compiled anew when unpickled. :func:`program`
is that program as plain data (the arguments ``re`` gives ``_sre.compile``), so the user
cache (timeline.usercache) can keep it and a later process builds the same Pattern in
microseconds (:func:`pattern`).

The parse trees and the program format are private to CPython (``re._parser``,
``re._compiler``, ``_sre``). This module and tagger.dispatch (which reads the rules' parse
trees) import ``re._parser`` and ``re._constants`` unguarded, so the tagger needs
CPython's ``re`` (3.11 or later) to import at all. Beyond that:

* :data:`INTERPRETER` (implementation, version, the engine's MAGIC) is part of every
  cache key that holds programs: a program is only ever read by the build that made it;
* :data:`SUPPORTED` says whether this interpreter builds programs the way ``re`` does,
  checked once at import by building a pattern both ways and comparing them
  (``re.Pattern`` equality compares the compiled code); where it does not (a later
  CPython that changed how it compiles), :func:`program` gives None and the caller
  compiles the source with ``re.compile`` as before;
* :class:`Pieces` (the first run's parsing, before there is a program to keep) builds
  re's parse tree of a rule from the parses of the classes and macros it inlines, each
  parsed once; :data:`SHARED` says whether it makes re's own tree here (checked on
  first use, on the probe :data:`PROBE_RULES`), else every rule is parsed whole.
"""
from __future__ import annotations

import re
import sys
from array import array
from re import _parser       # also what tagger.dispatch reads rules with

try:
    import _sre
    from re import _compiler
    INTERPRETER = f"{sys.implementation.cache_tag} {sys.version} sre {_sre.MAGIC} {_sre.CODESIZE}"
except ImportError:          # not CPython's regex engine
    _sre = _compiler = None
    INTERPRETER = f"{sys.implementation.cache_tag} {sys.version} no sre"

_CODE_TYPE = "I"             # an unsigned int of _sre.CODESIZE bytes


def trie(alternatives: list[list[str]]) -> str | None:
    """The alternation of ``alternatives`` (each a list of regex tokens, and tokens that
    differ match no common character: a character, or \\s+ between words) written as a
    trie: "(?:ma(?:rch|y)|june)", not "march|may|june". Where the alternatives that match
    at a place are tried in the same order, the first match is the same: they all begin
    one another, and the trie tries the longer first (a greedy optional ending); None
    when the order has a shorter one first (the plain alternation keeps it)."""
    root: dict = {}                   # token -> node; "" -> True where an alternative ends
    for tokens in alternatives:
        node = root
        for token in tokens:
            if "" in node:
                return None           # tried before an alternative it begins
            node = node.setdefault(token, {})
        node[""] = True

    def text(node: dict) -> str:
        alts = [token + text(child) for token, child in node.items() if token]
        if "" in node:
            return f"(?:{'|'.join(alts)})?" if alts else ""
        return alts[0] if len(alts) == 1 else f"(?:{'|'.join(alts)})"

    return text(root) if root and "" not in root else None


def parse(regex: str):
    """re's parse of ``regex`` (re.error for a bad pattern), to hand to :func:`program`
    and dispatch.first_words so that a pattern is parsed once."""
    return _parser.parse(regex, 0)


def _build(regex: str, parsed=None) -> tuple:
    """What ``re.compile(regex)`` passes to ``_sre.compile``, the code as a compact array
    (raises re.error for a bad pattern, as re.compile does)."""
    if parsed is None:
        parsed = _parser.parse(regex, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (regex, int(parsed.state.flags), array(_CODE_TYPE, code), parsed.state.groups - 1,
            groupindex, tuple(indexgroup))


def pattern(prog: tuple) -> re.Pattern:
    """The compiled pattern of a :func:`program`."""
    regex, flags, code, groups, groupindex, indexgroup = prog
    return _sre.compile(regex, flags, code.tolist(), groups, groupindex, indexgroup)


def _supported() -> bool:
    if _sre is None or array(_CODE_TYPE).itemsize != getattr(_sre, "CODESIZE", None):
        return False
    probe = r"(?P<a>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<b>jan(?:uary)?|feb)\b(?=\W)"
    try:
        return pattern(_build(probe)) == re.compile(probe)
    except Exception:        # internals not as expected: compile from source instead
        return False


SUPPORTED = _supported()


def program(regex: str, parsed=None) -> tuple | None:
    """``regex`` compiled into plain, picklable data (raises re.error for a bad pattern);
    None where :data:`SUPPORTED` is False (then only the source is valid). ``parsed``:
    ``re._parser.parse(regex)`` if the caller has it already (compiling reads, never
    changes it)."""
    if not SUPPORTED:
        re.compile(regex)    # still the check a caller relies on
        return None
    return _build(regex, parsed)


# Parsing regexes assembled from shared pieces ------------------------------------------
#
# The tagger's rules inline lexicon classes and macros ({ZONE}, {YEAR}, ...) dozens of
# times each: the expanded rules are long (bench/README.md has their size), and re's
# parser (pure Python) reading them all was most of a first run's loading. Pieces parses
# each piece once and builds each rule's tree from its skeleton (the rule's own text,
# every inlined piece written as a mark) with the pieces' parsed items put in place of the
# marks, redoing what re's parser does with a group's items in context (a (?:...) group's
# items join the sequence around it, and a branch's alternatives lose their common first
# items or become a character set). The tree is the one re's parser makes for the expanded
# text, so the program is the same: tests/test_regex_pieces.py compares every shipped
# rule's with re.compile's, and SHARED (checked on PROBE_RULES) falls back to
# parsing the whole text where it would not be.

from re import _constants as _C  # noqa: E402

_MARK0 = 0xE000                   # private-use code points stand for pieces in a skeleton
_MARKS_RE = re.compile("[\ue000-\uf8ff]")
# Where a skeleton's parse could differ from the whole text's, the whole text is parsed:
# global flags (verbose changes how a piece reads; a scoped "(?-i:...)" group is the
# piece's own and parses alike), group references and conditions (numbers and widths of
# groups across pieces), private-use characters (they would read as marks).
_WHOLE_RE = re.compile(r"\(\?(?:[aiLmsux-]+\)|P=|\()|\\[1-9]|[\ue000-\uf8ff]")
_PLAIN = (_C.LITERAL, _C.NOT_LITERAL, _C.IN, _C.ANY, _C.AT)   # items re compares by value
REPEAT_OPS = tuple(getattr(_C, n) for n in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                    if hasattr(_C, n))
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)


class _Unshared(Exception):
    """The skeleton cannot stand for the text: parse the whole text instead."""


class Pieces:
    """Parses regexes assembled from named pieces, each piece once.

    ``skeleton_of(name)``: the piece's regex text with the pieces it inlines written as
    :meth:`mark` (a lexicon class's alternation has none)."""

    def __init__(self, skeleton_of):
        self._skeleton_of = skeleton_of
        self._names: list[str] = []
        self._marks: dict[str, str] = {}
        self._items: dict[int, list | None] = {}    # mark -> the piece's parsed items

    def mark(self, name: str) -> str:
        """What a skeleton writes where the text has ``(?:<the piece's regex>)``."""
        mark = self._marks.get(name)
        if mark is None:
            mark = self._marks[name] = f"(?>{chr(_MARK0 + len(self._names))})"
            self._names.append(name)
        return mark

    def parse(self, skeleton: str, regex: str):
        """re's parse of ``regex`` (re.error for a bad pattern, as :func:`parse`), whose
        skeleton is ``skeleton``: from its pieces where it can be, else by :func:`parse`
        of the whole text."""
        if sys.modules[__name__].SHARED and not _WHOLE_RE.search(regex):   # see __getattr__
            try:
                return self.shared_parse(skeleton)
            except (re.error, _Unshared, RecursionError):
                pass                   # the whole text's parse says what is wrong
        return parse(regex)

    def shared_parse(self, skeleton: str):
        """The tree of ``skeleton`` with its pieces' items in place of the marks (raises
        re.error, or _Unshared where it cannot stand for the whole text)."""
        tree = _parser.parse(skeleton, 0)
        if self._splice(tree) != len(_MARKS_RE.findall(skeleton)):
            raise _Unshared
        return tree

    def _piece(self, mark: int) -> list:
        if mark not in self._items:
            self._items[mark] = None   # until parsed (and for good if it cannot be)
            skeleton = self._skeleton_of(self._names[mark - _MARK0])
            tree = _parser.parse(f"(?P<_>{skeleton})", 0)     # its items as a group's
            if len(tree.data) != 1 or tree.data[0][0] is not _C.SUBPATTERN \
                    or tree.data[0][1][:3] != (1, 0, 0) or tree.state.groups != 2:
                raise _Unshared        # not one group: unbalanced, or groups of its own
            items = tree.data[0][1][3]
            if self._splice(items) != len(_MARKS_RE.findall(skeleton)):
                raise _Unshared
            self._items[mark] = items.data
        if self._items[mark] is None:
            raise _Unshared
        return self._items[mark]

    def _mark(self, av) -> int | None:
        if len(av.data) == 1 and av.data[0][0] is _C.LITERAL \
                and 0 <= av.data[0][1] - _MARK0 < len(self._names):
            return av.data[0][1]
        return None

    def _splice(self, sub) -> int:
        """Put the pieces' items in place of the marks in ``sub`` (the skeleton's tree,
        changed in place); the number of marks replaced."""
        sub.width = None               # re's parser measured it with marks in it
        n, again = 0, False
        for op, av in sub.data:
            if op is _C.BRANCH:
                for item in av[1]:
                    n += self._splice(item)
                again = True
            elif op is _C.SUBPATTERN:
                n += self._splice(av[-1])
            elif op in REPEAT_OPS:
                n += self._splice(av[2])
            elif op is _C.ASSERT or op is _C.ASSERT_NOT:
                n += self._splice(av[1])
            elif op is _ATOMIC:
                if self._mark(av) is None:
                    n += self._splice(av)
                else:
                    again = True
            elif op is _C.GROUPREF or op is _C.GROUPREF_EXISTS:
                raise _Unshared
        if again:
            data = []
            for item in sub.data:
                mark = self._mark(item[1]) if item[0] is _ATOMIC else None
                if mark is not None:
                    data += self._piece(mark)    # as re unpacks a (?:...) group's items
                    n += 1
                elif item[0] is _C.BRANCH:
                    data += _branch(item)
                else:
                    data.append(item)
            sub.data = data
        return n


def _branch(item) -> list:
    """What re's parser makes of an alternation (BRANCH) once its alternatives hold their
    pieces' items: the first items they all share moved in front of it, then a character
    set if each alternative is one character or set (re/_parser.py, _parse_sub)."""
    alternatives, shared = item[1][1], []
    while True:
        first = None
        for alt in alternatives:
            if not alt:
                break
            if first is None:
                first = alt[0]
            # re compares items by value: one holding a subpattern equals no other item
            # (its pieces' items are shared here, but separate objects in re's parse)
            elif first[0] not in _PLAIN or alt[0] != first:
                break
        else:
            for alt in alternatives:
                del alt[0]
            shared.append(first)
            continue
        break
    chars = []
    for alt in alternatives:
        if len(alt) != 1:
            break
        op, av = alt[0]
        if op is _C.LITERAL:
            chars.append((op, av))
        elif op is _C.IN and av[0][0] is not _C.NEGATE:
            chars.extend(av)
        else:
            break
    else:
        return shared + [(_C.IN, list(dict.fromkeys(chars)))]
    return shared + [item]


# The probe of what the rules do with pieces: SHARED is on only where every rule here,
# all read with one Pieces as load() reads the shipped rules, compiles from its pieces
# into the program of its whole text (tests/test_regex_pieces.py checks them one by one).
# {X} inlines piece X. A and L are fixed-width and longer than the one-character mark
# that stands for them in a skeleton: re's parser measures a group as it closes it, with
# the mark in it, and the splice must have that measure redone (without, the fields'
# cases here fail); look-behinds and repeats are measured by the compiler (3.11), which
# must see the pieces' width too.
PROBE_PIECES = {"A": "ab(?:c|d)", "B": "b", "C": "[cd]", "N": r"{A}|{B}\d", "R": "(?:ab)?c",
                "E": "", "L": "ab", "S": r"(?:\s+){A}?e|{A}f|{B}", "D": "{B}|y"}
PROBE_RULES = (
    r"{A}g|{A}h",                       # shared first items of a piece leave the branch
    r"(?:{B}|{C})x",                    # single characters: a character set
    r"{B}|{C}|{A}",                     # ... unless one alternative is longer
    r"(?P<f>{A})(?P<g>{N})?\s+{N}*",    # fields, repeats
    r"{R}1|{R}2",                       # first items holding a group are never shared
    r"(?<=\s{B})(?<!{A}){A}(?={N})",    # look-arounds of fixed width
    r"{E}x|{E}y|z",                     # an empty piece
    r"^{N}$",
    r"(?P<f>{L})x",                     # a field's width, measured with the mark in it
    r"(?P<g>{A})",
    r"(?<=x{A})y",                      # a look-behind's width
    r"{A}*+",                           # repeats of a body measured with the mark in it
    r"{A}*?",                           # (possessive: 3.11, as atomic groups)
    r"(?P<f>{S})\s+(?:{A}g|{A}h)?(?:{D}|z)(?<=[a-z]{B})(?:{R}1|{R}2)",   # nested pieces
)


def pieces_of(texts: dict) -> tuple:
    """Pieces over ``texts`` ({X} inlines piece X), and of a regex written so: its
    skeleton (for that Pieces) and its whole text."""
    def skeleton(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: pieces.mark(m.group(1)), text)

    def whole(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: f"(?:{whole(texts[m.group(1)])})", text)

    pieces = Pieces(lambda name: skeleton(texts[name]))
    return pieces, skeleton, whole


def _shared_supported() -> bool:
    """Whether Pieces builds re's own tree here, compared on :data:`PROBE_RULES`."""
    if _ATOMIC is None:
        return False
    pieces, skeleton, whole = pieces_of(PROBE_PIECES)
    try:
        return all(_build(whole(rule), pieces.shared_parse(skeleton(rule))) == _build(whole(rule))
                   for rule in PROBE_RULES)
    except Exception:        # internals not as expected: parse the whole text instead
        return False


def __getattr__(name: str):
    # SHARED is checked when first read (a first run's parsing), not at import: the probe
    # costs ~2 ms, and a process that reads its rules from the user cache parses none.
    if name == "SHARED":
        global SHARED
        SHARED = SUPPORTED and _shared_supported()
        return SHARED
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
