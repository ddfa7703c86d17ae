"""Compiled regular expressions that can be kept in the per-user cache.

``re.compile`` parses a pattern and compiles it into a program for CPython's regex
engine (``_sre``); for the tagger's ~120 long rule patterns that is ~60 ms, paid again
by every process, because a pickled ``re.Pattern`` keeps only its source and is
compiled anew when unpickled. :func:`program` is that program as plain data (the
arguments ``re`` gives ``_sre.compile``), so the user cache (timeline.usercache) can keep
it and a later process builds the same Pattern in microseconds (:func:`pattern`).

The program format is private to the interpreter, so:

* :data:`INTERPRETER` (implementation, version, the engine's MAGIC) is part of every
  cache key that holds programs: a program is only ever read by the build that made it;
* :data:`SUPPORTED` says whether this interpreter builds programs the way ``re`` does,
  checked once at import by building a pattern both ways and comparing them
  (``re.Pattern`` equality compares the compiled code); where it does not (another
  implementation, a later CPython that changed its internals), :func:`program` gives
  None and the caller compiles the source with ``re.compile`` as before.
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
