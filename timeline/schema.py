"""Validation of the record on disk, with ``path:line:col`` for every problem.

    load_site_config(project) -> SiteConfig             raises ValidationError/ConfigError
    load_events(project)      -> (events, problems)     content/events/*.yaml
    load_articles(project)    -> (articles, problems)   content/articles/*.md front matter

Every file is parsed once with PyYAML's C loader (when available) into a node tree,
which keeps line/column marks; fields are checked on the nodes, so the messages point
at the exact value, and every problem in every file is collected before returning.
Files with errors are left out of the returned lists (their problems say why);
warnings (unknown keys, ...) do not drop anything. Unknown event keys are kept in
``Event.extra`` (a person may add fields; extract must keep them) and reported as
warnings, or as errors with ``strict=True``.

The event contract (issue 2), as enforced here:
  id        slug [a-z0-9][a-z0-9._-]*, EQUAL TO THE FILE NAME's stem (extract writes
            content/events/<id>.yaml; a mismatch would make extract write a second file)
  date      quoted TimeML value anchored on the calendar (see timeline.timex)
  end       same format, not ending before ``date`` starts
  mod       one of model.TIMEX_MODS
  title     non-empty text;  summary: text
  kind      happened | planned;  status: auto | reviewed | rejected
  sources   list of {article, quote, expression} (article required)
  tags, people, places: lists of text;  conflicts: list of mappings
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import timex
from .errors import ConfigError, Problem, ValidationError
from .model import EVENT_KINDS, EVENT_STATUSES, TIMEX_MODS, Article, Event
from .project import Project, SiteConfig
from .store import ARTICLE_FIELD_ORDER, EVENT_FIELD_ORDER, event_from_mapping, split_front_matter

try:  # libyaml is ~10x faster on 100k event files
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Loader = yaml.SafeLoader

SLUG_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}")
_T = "tag:yaml.org,2002:"
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
        return (1 + line_offset, 1) if line_offset else (1, 1)
    return node.start_mark.line + 1 + line_offset, node.start_mark.column + 1


# --------------------------------------------------------------------------- parsing

@dataclass
class Parsed:
    """One YAML document: its root node (None if empty) and the loader that built it."""

    node: Node | None
    loader: Any
    problems: list[Problem]


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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        return Parsed(node, loader, [])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = " ".join(x for x in (exc.context, exc.problem) if x) or "invalid YAML"
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark
        if start is not None and mark is not None and start.line != mark.line:
            what += f" (it starts at line {start.line + 1 + line_offset})"
        return Parsed(None, None, [Problem(path, f"YAML syntax error: {what}", line, col)])
    except yaml.YAMLError as exc:  # ReaderError: control characters
        pos = getattr(exc, "position", 0) or 0
        line = text.count("\n", 0, pos) + 1 + line_offset
        col = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return Parsed(None, None, [Problem(path, f"not readable as YAML: {exc}".splitlines()[0],
                                           line, col)])
    finally:
        if hasattr(loader, "dispose"):
            loader.dispose()


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

    def __init__(self, path: str, mapping: Mapping, off: int = 0):
        self.path, self.items, self.off = path, mapping.items, off
        self.problems: list[Problem] = list(mapping.problems)
        self.where: dict[str, Where] = {}

    def error(self, node: Node | None, message: str) -> None:
        self.problems.append(Problem(self.path, message, *_at(node, self.off)))

    def node(self, key: str) -> Node | None:
        pair = self.items.get(key)
        if pair is None:
            return None
        self.where[key] = _at(pair[1], self.off)
        return pair[1]

    def text(self, key: str, *, required: bool = False, hint: str = "") -> str | None:
        node = self.node(key)
        if node is None or node.tag == _T + "null":
            if required:
                self.error(node if node is not None else None,
                           f"missing required key '{key}'{hint}" if node is None
                           else f"'{key}' is empty{hint}")
            return None
        if node.tag != _T + "str":
            quote = f'; put it in quotes: {key}: "{node.value}"' if isinstance(node, ScalarNode) else ""
            self.error(node, f"'{key}' must be text, not {describe(node)}{quote}")
            return None
        if required and not node.value.strip():
            self.error(node, f"'{key}' is empty{hint}")
            return None
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
        if node is None or node.tag == _T + "null":
            return None
        if not isinstance(node, SequenceNode):
            self.error(node, f"'{key}' must be a list, not {describe(node)}; e.g. {key}: [a, b]")
            return None
        out = []
        for item in node.value:
            if item.tag != _T + "str":
                self.error(item, f"each item of '{key}' must be text, not {describe(item)}")
            else:
                out.append(item.value)
        return out


# --------------------------------------------------------------------------- events

EVENT_KEYS = EVENT_FIELD_ORDER
SOURCE_KEYS = ("article", "quote", "expression")
_DATE_HINT = ('use a TimeML value such as "2019", "2019-02", "2019-02-28", "2019-W09", '
              '"2019-02-28TMO" or "2019-02-28T14:00+07:00"')


@dataclass
class LoadedEvent:
    """One event file after validation: the Event (None when it has errors), what is
    wrong, where each field is (for check's messages) and the raw id (for duplicates)."""

    path: Path
    shown: str
    event: Event | None
    problems: list[Problem]
    where: dict[str, Where] = field(default_factory=dict)
    raw_id: str | None = None


def _date(f: _Fields, key: str, required: bool) -> str | None:
    node = f.node(key)
    if node is not None and node.tag in (_T + "int", _T + "timestamp", _T + "float"):
        f.error(node, f"'{key}' must be a quoted string: {key}: \"{node.value}\" "
                f"(without quotes YAML reads it as {describe(node)}, not text)")
        return None
    value = f.text(key, required=required, hint=f"; {_DATE_HINT}")
    if value is not None and not timex.is_valid_event_date(value):
        f.error(f.items[key][1], f"'{key}' is not a valid date value: \"{value}\"; {_DATE_HINT}")
        return None
    return value


def _sources(f: _Fields, strict: bool) -> list[dict[str, str]]:
    node = f.node("sources")
    if node is None or node.tag == _T + "null":
        return []
    if not isinstance(node, SequenceNode):
        f.error(node, f"'sources' must be a list of {{article, quote, expression}}, not {describe(node)}")
        return []
    out = []
    for i, item in enumerate(node.value):
        if not isinstance(item, MappingNode):
            f.error(item, f"source {i + 1} must be a mapping with article, quote, expression")
            continue
        sub = _Fields(f.path, mapping_items(item, f.path, f.off), f.off)
        src = {"article": sub.text("article", required=True, hint=" (the article's file name "
                                   "without .md)"),
               "quote": sub.text("quote"), "expression": sub.text("expression")}
        for key, (knode, _) in sub.items.items():
            if key not in SOURCE_KEYS:
                sub.problems.append(unknown_key(f.path, key, knode, SOURCE_KEYS, strict, f.off,
                                                "source key", kept=False))
        for key, where in sub.where.items():
            f.where[f"sources[{i}].{key}"] = where
        f.where[f"sources[{i}]"] = _at(item, f.off)
        f.problems.extend(sub.problems)
        out.append({k: v for k, v in src.items() if v is not None})
    return out


def _conflicts(f: _Fields) -> list[dict[str, Any]] | None:
    node = f.node("conflicts")
    if node is None or node.tag == _T + "null":
        return None
    if not isinstance(node, SequenceNode) or not all(isinstance(n, MappingNode) for n in node.value):
        f.error(node, "'conflicts' must be a list of mappings")
        return None
    return node


def validate_event(parsed: Parsed, path: Path, shown: str, strict: bool = False) -> LoadedEvent:
    """Check one parsed event file against the contract; build its Event if it has no errors."""
    result = LoadedEvent(path, shown, None, list(parsed.problems))
    node = parsed.node
    if parsed.problems:
        return result
    if node is None:
        result.problems.append(Problem(shown, "empty file: an event needs at least id, date and "
                                       "title; fill them in or delete the file", 1, 1))
        return result
    if not isinstance(node, MappingNode):
        result.problems.append(Problem(shown, f"an event must be a mapping of keys (id, date, "
                                       f"title, ...), not {describe(node)}", *_at(node)))
        return result
    f = _Fields(shown, mapping_items(node, shown))
    stem = path.stem
    data: dict[str, Any] = {}
    id_node = f.node("id")
    if id_node is not None and isinstance(id_node, ScalarNode) and id_node.tag != _T + "str":
        result.raw_id = str(id_node.value)  # id: 2019 is a fine slug once quoted
    event_id = f.text("id", required=True, hint=f" (use the file name: id: {stem})")
    if event_id is not None:
        result.raw_id = event_id
        if not SLUG_RE.fullmatch(event_id):
            f.error(id_node, f"id '{event_id}' is not a slug (lower-case letters, digits, '-', "
                    "'_', '.')")
        elif event_id != stem:
            f.error(id_node, f"id '{event_id}' does not match the file name '{path.name}'; "
                    f"rename the file to {event_id}.yaml or set id: {stem}")
    data["id"] = event_id
    data["date"] = _date(f, "date", required=True)
    end = _date(f, "end", required=False)
    if end and data["date"]:
        b_date, b_end = timex.bounds(data["date"]), timex.bounds(end)
        if b_date and b_end and b_end[1] <= b_date[0]:
            f.error(f.items["end"][1], f"'end' \"{end}\" is before 'date' \"{data['date']}\"")
    data["end"] = end
    data["mod"] = f.choice("mod", TIMEX_MODS)
    data["title"] = f.text("title", required=True, hint="; one readable line")
    data["summary"] = f.text("summary")
    data["kind"] = f.choice("kind", EVENT_KINDS)
    data["status"] = f.choice("status", EVENT_STATUSES)
    for key in ("tags", "people", "places"):
        data[key] = f.text_list(key)
    data["sources"] = _sources(f, strict)
    conflicts = _conflicts(f)
    for key, (knode, vnode) in f.items.items():
        if key not in EVENT_KEYS:
            f.problems.append(unknown_key(shown, key, knode, EVENT_KEYS, strict))
    result.problems = sorted(f.problems, key=lambda p: (p.line, p.col))
    result.where = f.where
    if any(p.severity == "error" for p in f.problems):
        return result
    for key, (knode, vnode) in f.items.items():
        if key not in EVENT_KEYS or (key == "conflicts" and conflicts is not None):
            try:
                data[key] = construct(parsed.loader, vnode)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
                result.problems.append(Problem(shown, f"cannot read '{key}': {exc}", *_at(vnode)))
                return result
    result.event = event_from_mapping({k: v for k, v in data.items() if v is not None})
    return result


def load_event_file(path: Path, strict: bool = False, cwd: Path | None = None) -> LoadedEvent:
    path = Path(path)
    shown = display_path(path, cwd)
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return LoadedEvent(path, shown, None, problems)
    parsed = parse_yaml(text, shown)
    if parsed.loader is None and not parsed.problems:
        parsed.problems.append(Problem(shown, "cannot parse", 1, 1))
    return validate_event(parsed, path, shown, strict)


def _files(folder: Path, pattern: str) -> list[Path]:
    """Sorted matches; hidden files (editor swap files, temporary files) are skipped."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(pattern) if not p.name.startswith("."))


def _collect(loaded: list, attr: str) -> tuple[list, list[Problem]]:
    """The valid values and every problem of a list of Loaded* results."""
    values, problems = [], []
    for item in loaded:
        problems.extend(item.problems)
        value = getattr(item, attr)
        if value is not None:
            values.append(value)
    return values, problems


def event_files(project: Project) -> list[Path]:
    return _files(project.events_dir, "*.yaml")


def load_event_files(project: Project, strict: bool = False) -> list[LoadedEvent]:
    cwd = Path.cwd()
    return [load_event_file(p, strict, cwd) for p in event_files(project)]


def load_events(project: Project, strict: bool = False) -> tuple[list[Event], list[Problem]]:
    """Every valid event in content/events/, and every problem in every file."""
    return _collect(load_event_files(project, strict), "event")


# --------------------------------------------------------------------------- articles

ARTICLE_KEYS = ARTICLE_FIELD_ORDER


@dataclass
class LoadedArticle:
    path: Path
    shown: str
    article: Article | None
    problems: list[Problem]
    where: dict[str, Where] = field(default_factory=dict)
    body_line: int = 1          # the file line the body starts on


PUBLISHED_PRECISIONS = ("day",)   # "day": only the date is known (ingest writes 00:00)


def _todo(f: _Fields) -> dict[str, str]:
    """What ingest left for the editor: {field: what to do}; check shows each entry."""
    node = f.node("todo")
    if node is None or node.tag == _T + "null":
        return {}
    if not isinstance(node, MappingNode):
        f.error(node, f"'todo' must be a mapping (field: what to do), not {describe(node)}")
        return {}
    sub = mapping_items(node, f.path, f.off)
    f.problems.extend(sub.problems)
    out = {}
    for key, (knode, vnode) in sub.items.items():
        if vnode.tag != _T + "str":
            f.error(vnode, f"each 'todo' entry must be text, not {describe(vnode)}")
            continue
        out[key] = vnode.value
        f.where[f"todo.{key}"] = _at(knode, f.off)
    return out


def _published(f: _Fields) -> datetime | None:
    node = f.node("published")
    if node is None or node.tag == _T + "null" or (node.tag == _T + "str" and not node.value.strip()):
        return None
    if node.tag == _T + "timestamp" or node.tag == _T + "str":
        raw = node.value.strip()
        try:
            value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError:
            f.error(node, f"'published' is not an ISO 8601 date-time: \"{raw}\"; write e.g. "
                    "published: \"2019-02-28T07:44:00+08:00\"")
            return None
        if value.tzinfo is None:
            f.error(node, f"'published' has no UTC offset: \"{raw}\"; add the offset of the "
                    "place it was published, e.g. \"2019-02-28T07:44:00+08:00\"")
            return None
        return value
    f.error(node, f"'published' must be a quoted date-time, not {describe(node)}")
    return None


def validate_front_matter(front_text: str, path: Path, shown: str, body: str, body_line: int,
                          strict: bool = False) -> LoadedArticle:
    off = 1  # the front matter starts on the line after the opening fence
    parsed = parse_yaml(front_text, shown, line_offset=off)
    result = LoadedArticle(path, shown, None, list(parsed.problems), body_line=body_line)
    if parsed.problems:
        return result
    node = parsed.node
    if node is not None and not isinstance(node, MappingNode):
        result.problems.append(Problem(shown, "front matter must be a mapping of keys (title, "
                                       f"published, ...), not {describe(node)}", *_at(node, off)))
        return result
    f = _Fields(shown, mapping_items(node, shown, off) if node is not None else Mapping({}, []), off)
    title = f.text("title")
    published = _published(f)
    values = {k: f.text(k) for k in ("source", "url", "place", "timezone", "language", "author",
                                     "wire")}
    precision = f.choice("published_precision", PUBLISHED_PRECISIONS)
    todo = _todo(f)
    url = values["url"]
    if url and not re.match(r"https?://[^\s/]+", url):
        f.error(f.items["url"][1], f"'url' must start with http:// or https://, not \"{url}\"")
    tz = values["timezone"]
    if tz:
        try:
            ZoneInfo(tz)
        except (ZoneInfoNotFoundError, ValueError):
            f.error(f.items["timezone"][1], f"'timezone' \"{tz}\" is not an IANA time zone "
                    "(e.g. Asia/Ho_Chi_Minh)")
    for key, (knode, _) in f.items.items():
        if key not in ARTICLE_KEYS:
            f.problems.append(unknown_key(shown, key, knode, ARTICLE_KEYS, strict, off))
    result.problems = sorted(f.problems, key=lambda p: (p.line, p.col))
    result.where = f.where
    if any(p.severity == "error" for p in f.problems):
        return result
    extra = {}
    for key, (knode, vnode) in f.items.items():
        if key not in ARTICLE_KEYS:
            try:
                extra[key] = construct(parsed.loader, vnode)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
                result.problems.append(Problem(shown, f"cannot read '{key}': {exc}", *_at(vnode, off)))
                return result
    result.article = Article(
        id=path.stem, title=title or path.stem, text=body, published=published,
        source=values["source"], url=url, place=values["place"], timezone=tz,
        language=values["language"] or "en", author=values["author"], wire=values["wire"],
        published_precision=precision, todo=todo, path=str(path), extra=extra)
    return result


def load_article_file(path: Path, strict: bool = False, cwd: Path | None = None) -> LoadedArticle:
    path = Path(path)
    shown = display_path(path, cwd)
    big = too_large(path, shown)
    if big is not None:
        return LoadedArticle(path, shown, None, [big])
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return LoadedArticle(path, shown, None, problems)
    if not text.strip():
        return LoadedArticle(path, shown, None, [Problem(shown, "empty file; delete it or "
                                                         "re-ingest the article", 1, 1)])
    front, body, body_line = split_front_matter(text)
    if front is None:
        if text.startswith("---"):
            return LoadedArticle(path, shown, None, [Problem(
                shown, "front matter is not closed: add a line '---' after it", 1, 1)])
        front = ""
    return validate_front_matter(front, path, shown, body, body_line + 1, strict)


def article_files(project: Project) -> list[Path]:
    return _files(project.articles_dir, "*.md")


def load_article_files(project: Project, strict: bool = False) -> list[LoadedArticle]:
    cwd = Path.cwd()
    return [load_article_file(p, strict, cwd) for p in article_files(project)]


def load_articles(project: Project, strict: bool = False) -> tuple[list[Article], list[Problem]]:
    """Every readable article (published may be None: extract skips those), and all problems."""
    return _collect(load_article_files(project, strict), "article")


# --------------------------------------------------------------------------- site config

def base_url_problem(value: str) -> str | None:
    """Why ``value`` is not a usable base URL ("/", "/repo/", "https://host/repo/"), or None."""
    if not value or value != value.strip() or any(c.isspace() for c in value):
        return f"base URL \"{value}\" is empty or contains spaces"
    if "?" in value or "#" in value:
        return f"base URL \"{value}\" must not contain '?' or '#'"
    if value.startswith("/"):
        return None if not value.startswith("//") else f"base URL \"{value}\" starts with '//'"
    if re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[^?#]*)?", value):
        return None
    return (f"base URL \"{value}\" must be a path starting with '/' (e.g. /repo/) or a full "
            "http(s) URL (e.g. https://user.github.io/repo/)")


def normalize_base_url(value: str) -> str:
    """The base URL with exactly one trailing slash (call base_url_problem first)."""
    return value.rstrip("/") + "/"


def check_site_config(project: Project, strict: bool = False) -> tuple[SiteConfig | None, list[Problem]]:
    """content/site.yaml as a SiteConfig, with every problem (unknown keys: warnings)."""
    path = project.site_config
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, "site config not found; create it (title, description, "
                              "base_url, language, timezone) or run `timeline init`")]
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return None, problems
    parsed = parse_yaml(text, shown)
    if parsed.problems:
        return None, parsed.problems
    node = parsed.node
    if node is None:
        return None, [Problem(shown, "empty file; set at least title and base_url", 1, 1)]
    if not isinstance(node, MappingNode):
        return None, [Problem(shown, f"site config must be a mapping of keys, not {describe(node)}",
                              *_at(node))]
    f = _Fields(shown, mapping_items(node, shown))
    known = tuple(x.name for x in fields(SiteConfig) if x.name != "extra")
    values: dict[str, Any] = {}
    for key in known:
        value = f.text(key)
        if value is not None:
            values[key] = value
    if "base_url" in values:
        why = base_url_problem(values["base_url"])
        if why:
            f.error(f.items["base_url"][1], why)
        else:
            values["base_url"] = normalize_base_url(values["base_url"])
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            f.error(f.items["timezone"][1], f"timezone \"{values['timezone']}\" is not an IANA "
                    "time zone (e.g. Asia/Ho_Chi_Minh, UTC)")
    extra = {}
    for key, (knode, vnode) in f.items.items():
        if key not in known:
            f.problems.append(unknown_key(shown, key, knode, known, strict))
            try:
                extra[key] = construct(parsed.loader, vnode)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
                f.error(vnode, f"cannot read '{key}': {exc}")
    if any(p.severity == "error" for p in f.problems):
        return None, f.problems
    return SiteConfig(**values, extra=extra), f.problems


def load_site_config(project: Project) -> SiteConfig:
    """content/site.yaml; raises ConfigError (missing) or ValidationError (any error)."""
    config, problems = check_site_config(project)
    if config is None and not project.site_config.is_file():
        raise ConfigError(problems[0].message, path=problems[0].path)
    if config is None:
        raise ValidationError([p for p in problems if p.severity == "error"])
    return config
