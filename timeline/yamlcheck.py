"""The YAML layer under ``timeline.schema``: bytes -> text -> a PyYAML node tree that keeps
line/column marks, and typed reading of mapping values that collects a Problem (with
``path:line:col``) for everything wrong instead of stopping at the first.

Parsing uses libyaml (CSafeLoader) when available: one pass per file, no Python-level
re-parsing, so 100k small files load in seconds.
"""
from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem

_T = "tag:yaml.org,2002:"
_STR, _NULL, _SEQ, _MAP = _T + "str", _T + "null", _T + "seq", _T + "map"

try:  # libyaml is ~10x faster on 100k event files
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Base = yaml.SafeLoader

# SafeLoader's implicit resolvers by a plain scalar's first character, wildcards appended
# (what BaseResolver.resolve looks up per scalar); SafeLoader has no path resolvers.
_WILD = tuple(_Base.yaml_implicit_resolvers.get(None, ()))
_RESOLVERS = {k: tuple(v) + _WILD for k, v in _Base.yaml_implicit_resolvers.items() if k is not None}


class _Loader(_Base):
    """SafeLoader with the tag resolution libyaml calls back for every node done in one
    short method: the same tags as BaseResolver.resolve (tests/test_yamlcheck_resolve.py),
    at about a third of the cost of composing a small event file."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in _RESOLVERS.get(value[:1], _WILD):
                    if regexp.match(value):
                        return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


assert not _Base.yaml_path_resolvers, "path resolvers would need BaseResolver.resolve"
_TAG_NAMES = {_T + "str": "text", _T + "int": "a number", _T + "float": "a number",
              _T + "bool": "true/false", _T + "null": "nothing", _T + "timestamp": "a date",
              _T + "seq": "a list", _T + "map": "a mapping", _T + "binary": "binary data"}
Where = tuple[int, int]


def display_path(path: Path, cwd: Path | None = None) -> str:
    """``path`` as a user should see it: relative to the current folder when inside it."""
    cwd = cwd or Path.cwd()
    try:
        return str(Path(path).relative_to(cwd))
    except ValueError:
        return str(path)


def _at(node: Node | None, line_offset: int = 0) -> Where:
    if node is None:
        return 1 + line_offset, 1
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


# --------------------------------------------------------------------------- parsing

@dataclass
class Parsed:
    """One YAML document: its root node (None if empty) and the loader that built it."""

    node: Node | None
    loader: Any
    problems: list[Problem]
    text: str = ""          # the source, for what the node tree drops (comments)


def decode(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a BOM is dropped), or a problem saying what the bytes are instead."""
    try:
        if b"\x00" not in data[:8192]:
            return data.decode("utf-8-sig"), []
        bad = None
    except UnicodeDecodeError as exc:
        bad = exc
    return None, [_undecodable(data, path, bad)]


def _undecodable(data: bytes, path: str, exc: UnicodeDecodeError | None) -> Problem:
    """Name the encoding (UTF-16, Windows-1252, ...) or the binary format, using ingest's
    decoder (imported only on this failure path), at the first byte that is not UTF-8."""
    from .errors import InputError
    from .ingest.decode import decode_bytes
    line = col = 1
    if exc is not None:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    try:
        encoding = decode_bytes(data, path).encoding
    except InputError as err:
        return Problem(path, f"{err.message}; files here must be UTF-8 text", 1, 1)
    return Problem(path, f"{encoding} text, not UTF-8: save it as UTF-8 (e.g. `iconv -f "
                   f"{encoding} -t UTF-8`) or ingest the original with `timeline ingest`",
                   line, col)


def too_large(path: Path, shown: str) -> Problem | None:
    """An article over ingest's size limit is refused before it is read."""
    size = path.stat().st_size
    if size <= 1024 * 1024:
        return None
    from .ingest.decode import MAX_ARTICLE_BYTES
    if size <= MAX_ARTICLE_BYTES:
        return None
    return Problem(shown, f"{size / 1048576:.1f} MB is too large for one article (limit "
                   f"{MAX_ARTICLE_BYTES // 1048576} MB); split it or keep just the article", 1, 1)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> Parsed:
    """Compose ``text`` into a node tree; a syntax error becomes a Problem with its mark."""
    conflict = merge_conflict_line(text)
    if conflict:
        return Parsed(None, None, [Problem(path, "unresolved git merge conflict: keep the right "
                                           "lines and delete the <<<<<<<, ======= and >>>>>>> "
                                           "markers", conflict + line_offset, 1)])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return Parsed(node, loader, [], text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            what += f" (it starts at line {start.line + 1 + line_offset})"
        return Parsed(None, None, [Problem(path, f"YAML syntax error: {what}"
                                           f"{_hint(what, _char_at(text, mark))}", line, col)])
    except yaml.YAMLError as exc:  # ReaderError: control characters
        pos = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, pos) + 1 + line_offset
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return Parsed(None, None, [Problem(path, f"not readable as YAML: {exc}".splitlines()[0],
                                           line, col)])
    finally:
        if hasattr(loader, "dispose"):
            loader.dispose()


# What a person most often did, for PyYAML's messages that name only the parser's state.
_TAB_HINT = "YAML indents with spaces, never tabs: replace the tab"
_HINTS = (
    ("found a tab character", _TAB_HINT),
    ("mapping values are not allowed", "a value that contains ': ' must be in quotes, e.g. "
     'title: "Trump: summit ends"'),
    ("found undefined alias", "a value that starts with '*' must be in quotes"),
    ("while scanning an alias", "a value that starts with '*' must be in quotes"),
    ("cannot start any token", "a value that starts with @, ` or % must be in quotes"),
    ("quoted scalar found unexpected end of stream", "a quote is opened and never closed"),
    ("could not find expected ':'", "each line is 'key: value' or '- item' (a space after "
     "':' and '-'); a value that goes on over several lines must be indented"),
)


def merge_conflict_line(text: str) -> int:
    """The line of the first git conflict marker (``<<<<<<< HEAD``), 0 when none. Inside
    a block scalar (summary: |) the markers are valid YAML and would reach the site."""
    if "<<<<<<<" not in text:
        return 0
    for number, line in enumerate(text.split("\n"), 1):
        if line.startswith("<<<<<<< ") or line == "<<<<<<<":
            return number
    return 0


def _char_at(text: str, mark) -> str:
    """The character the parser stopped at ('' when unknown)."""
    if mark is None:
        return ""
    lines = text.split("\n", mark.line + 1)
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column:mark.column + 1]


def _hint(what: str, char: str = "") -> str:
    if char == "\t":
        return f"; {_TAB_HINT}"
    for cue, hint in _HINTS:
        if cue in what:
            return f"; {hint}"
    return ""


def construct(loader: Any, node: Node) -> Any:
    """The Python value of one node (raises ValueError for e.g. an impossible unquoted date)."""
    return loader.construct_object(node, deep=True)


@dataclass
class Mapping:
    """A YAML mapping's keys -> (key node, value node), duplicates reported."""

    items: dict[str, tuple[Node, Node]]
    problems: list[Problem]


def mapping_items(node: MappingNode, path: str, off: int = 0) -> Mapping:
    items: dict[str, tuple[Node, Node]] = {}
    problems: list[Problem] = []
    for knode, vnode in node.value:
        if not isinstance(knode, ScalarNode):
            problems.append(Problem(path, "a key must be a plain word", *_at(knode, off)))
            continue
        key = knode.value
        if key in items:
            first = items[key][0].start_mark.line + 1 + off
            problems.append(Problem(path, f"duplicate key '{key}' (first at line {first}); "
                                    "keep one", *_at(knode, off)))
            continue
        items[key] = (knode, vnode)
    return Mapping(items, problems)


def describe(node: Node) -> str:
    return _TAG_NAMES.get(node.tag, node.tag)


@functools.lru_cache(maxsize=1024)
def _close_matches(key: str, known: tuple[str, ...]) -> list[str]:
    return difflib.get_close_matches(key, known, n=1)


def unknown_key(path: str, key: str, knode: Node, known: tuple[str, ...], strict: bool,
                off: int = 0, what: str = "key", kept: bool = True) -> Problem:
    close = _close_matches(key, known)
    hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(known)})"
    note = "" if strict else (", kept as is" if kept else ", NOT kept when extract rewrites "
                              "the event")
    return Problem(path, f"unknown {what} '{key}'{note}{hint}", *_at(knode, off),
                   severity="error" if strict else "warning")


class _Fields:
    """Typed reading of one mapping's values, collecting problems with their marks."""

    def __init__(self, path: str, mapping: Mapping, off: int = 0, source: str = ""):
        self.path, self.items, self.off = path, mapping.items, off
        self.problems: list[Problem] = list(mapping.problems)
        self.where: dict[str, Where] = {}
        self.source = source if "#" in source else ""   # only to find ' #' comments
        self._lines: list[str] | None = None

    def cut_by_comment(self, key: str, node: Node) -> None:
        """A warning when a plain value is followed by ' #word' on its line: YAML drops that
        as a comment, so "title: Summit ends #1 story" is the title "Summit ends". A comment
        written as one ("status: auto  # checked": two spaces, or '# ') is no finding."""
        if not self.source or node.style:      # quoted or block text keeps its '#'
            return
        if self._lines is None:
            self._lines = self.source.split("\n")
        mark = node.end_mark
        rest = self._lines[mark.line][mark.column:] if mark.line < len(self._lines) else ""
        if rest[:2] == " #" and rest[2:3] not in ("", " ", "\t"):   # "ends #1", not "ends  # note"
            comment = rest.strip()
            self.problems.append(Problem(
                self.path, f"'{key}' stops before '{comment[:30]}': YAML reads ' #' and what "
                f"follows as a comment; put the whole value in quotes to keep it, e.g. "
                f"\"{node.value} {comment[:30]}\"", *_at(node, self.off), severity="warning"))

    def error(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, message, *_at(node, self.off)))

    def node(self, key: str) -> Node | None:
        pair = self.items.get(key)
        if pair is None:
            return None
        node = pair[1]
        mark = node.start_mark
        self.where[key] = (mark.line + 1 + self.off, mark.column + 1)   # _at, inlined
        return node

    def text(self, key: str, *, required: bool = False, hint: str = "") -> str | None:
        node = self.node(key)
        if node is None or node.tag == _NULL:
            if required:
                self.error(node,
                           f"missing required key '{key}'{hint}" if node is None
                           else f"'{key}' is empty{hint}")
            return None
        if node.tag != _STR:
            quote = f'; put it in quotes: {key}: "{node.value}"' if isinstance(node, ScalarNode) else ""
            self.error(node, f"'{key}' must be text, not {describe(node)}{quote}")
            return None
        if required and not node.value.strip():
            self.error(node, f"'{key}' is empty{hint}")
            return None
        self.cut_by_comment(key, node)
        return node.value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(key)
        if value is not None and value not in allowed:
            self.error(self.items[key][1], f"'{key}' must be one of {', '.join(allowed)}, "
                       f"not '{value}'")
            return None
        return value

    def text_list(self, key: str) -> list[str] | None:
        node = self.node(key)
        if node is None or node.tag == _NULL:
            return None
        if not isinstance(node, SequenceNode):
            self.error(node, f"'{key}' must be a list, not {describe(node)}; e.g. {key}: [a, b]")
            return None
        out = []
        for item in node.value:
            if item.tag != _STR:
                quote = (f'; put it in quotes: "{item.value}"' if isinstance(item, ScalarNode)
                         and item.value else "")
                self.error(item, f"each item of '{key}' must be text, not {describe(item)}{quote}")
            else:
                self.cut_by_comment(key, item)
                out.append(item.value)
        return out
