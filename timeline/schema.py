"""Validation of the record on disk, with ``path:line:col`` for every problem.

    load_site_config(project) -> SiteConfig             (timeline.siteconfig, re-exported here)
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

import calendar
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from . import timex
from .errors import Problem
from .eventplain import _SOURCE_KEY_SET, SLUG_RE, SOURCE_KEYS, plain_event
from .model import EVENT_KINDS, EVENT_STATUSES, TIMEX_MODS, Article, Event
from .project import Project
from .siteconfig import (base_url_problem, check_site_config, load_site_config,  # noqa: F401
                         normalize_base_url)
from .store import ARTICLE_FIELD_ORDER, EVENT_FIELD_ORDER, event_from_mapping, split_front_matter
from .yamlcheck import (_T, Mapping, Parsed, Where, _at, _Fields, construct, decode, describe,
                        display_path, mapping_items, parse_yaml, too_large, unknown_key)

__all__ = ["load_site_config", "check_site_config", "load_events", "load_event_file",
           "load_event_files", "read_event_file", "event_files", "load_articles", "load_article_file",
           "load_article_files", "article_files", "file_names", "base_url_problem", "normalize_base_url",
           "display_path", "LoadedEvent", "LoadedArticle", "SLUG_RE"]

# An article's url: an http(s) address with a host (ingest leaves out anything else).
ARTICLE_URL_RE = re.compile(r"https?://[^\s/]+")


# --------------------------------------------------------------------------- events

EVENT_KEYS = EVENT_FIELD_ORDER
_EVENT_KEY_SET = frozenset(EVENT_KEYS)
_DATE_HINT = ('use a TimeML value such as "2019", "2019-02", "2019-02-28", "2019-W09", '
              '"2019-02-28TMO" or "2019-02-28T14:00+07:00"')


@dataclass
class LoadedEvent:
    """One event file after validation: the Event (None when it has errors), what is
    wrong, where each field is (for check's messages) and the raw id (for duplicates)."""

    path: Path | str
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
        why = _impossible(value)
        f.error(f.items[key][1], f"'{key}' \"{value}\" {why}" if why else
                f"'{key}' is not a valid date value: \"{value}\"; {_DATE_HINT}")
        return None
    return value


_CALENDAR_RE = re.compile(r"(\d{4})-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d))?)?")


def _impossible(value: str) -> str | None:
    """What is off in a value written the right way that names no real day or time
    ("2019-02-30", "2019-13", "2019-02-28T25:00+07:00"), or None."""
    m = _CALENDAR_RE.match(value)
    if m is None:
        return None
    year, month = int(m[1]), int(m[2])
    if not 1 <= month <= 12:
        return f"has no month {month}: months are 01 to 12"
    if m[3] is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= int(m[3]) <= days:
            return (f"is not a day of the calendar: {calendar.month_name[month]} {year} has "
                    f"{days} days")
    if m[4] is not None and (int(m[4]) > 23 or int(m[5]) > 59):
        return f"has no time {m[4]}:{m[5]}: hours are 00 to 23, minutes 00 to 59"
    return None


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
        sub = _Fields(f.path, mapping_items(item, f.path, f.off), f.off, f.source)
        src = {"article": sub.text("article", required=True, hint=" (the article's file name "
                                   "without .md)"),
               "quote": sub.text("quote"), "expression": sub.text("expression")}
        for key, (knode, _) in sub.items.items():
            if key not in _SOURCE_KEY_SET:
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


def _stem(name: str) -> str:
    """PurePath(name).stem for a plain file name, without making a Path."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def _plain_event(node: MappingNode, path: Path | str, shown: str, stem: str,
                 source: str) -> LoadedEvent | None:
    """validate_event's result for a file it finds nothing to say about, or None on any
    doubt (timeline.eventplain.plain_event)."""
    plain = plain_event(node, stem, source)
    if plain is None:
        return None
    data, where = plain
    return LoadedEvent(path, shown, event_from_mapping(data), [], where, data["id"])


def validate_event(parsed: Parsed, path: Path | str, shown: str, strict: bool = False,
                   fast: bool = True) -> LoadedEvent:
    """Check one parsed event file against the contract; build its Event if it has no errors.
    ``fast``: try _plain_event first (the same result for the files it takes)."""
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
    name = os.path.basename(path)
    stem = _stem(name)
    if fast:
        plain = _plain_event(node, path, shown, stem, parsed.text)
        if plain is not None:
            return plain
    f = _Fields(shown, mapping_items(node, shown), source=parsed.text)
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
            f.error(id_node, f"id '{event_id}' does not match the file name '{name}'; "
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
        if key not in _EVENT_KEY_SET:
            f.problems.append(unknown_key(shown, key, knode, EVENT_KEYS, strict))
    result.problems = sorted(f.problems, key=lambda p: (p.line, p.col))
    result.where = f.where
    if any(p.severity == "error" for p in f.problems):
        return result
    for key, (knode, vnode) in f.items.items():
        if key not in _EVENT_KEY_SET or (key == "conflicts" and conflicts is not None):
            try:
                data[key] = construct(parsed.loader, vnode)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
                result.problems.append(Problem(shown, f"cannot read '{key}': {exc}", *_at(vnode)))
                return result
    result.event = event_from_mapping({k: v for k, v in data.items() if v is not None})
    return result


def load_event_file(path: Path, strict: bool = False, cwd: Path | None = None) -> LoadedEvent:
    path = Path(path)
    return read_event_file(path, display_path(path, cwd), strict)


def _file_bytes(path: Path | str) -> bytes:
    """The file's bytes through the os calls: open() and its buffered reader cost
    ~8-10 us a small file against ~4 us (10k event files a cold build, measured on them)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 16):
            chunks.append(chunk)
    except OSError as exc:              # a folder named *.yaml: open() named the file
        exc.filename = str(path)
        raise
    finally:
        os.close(fd)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_event_file(path: Path | str, shown: str, strict: bool = False) -> LoadedEvent:
    """load_event_file with the path as shown in messages already known; ``path`` may be
    a str (the site build reads 10k files and makes no Path of any: LoadedEvent.path is
    then that str)."""
    text, problems = decode(_file_bytes(path), shown)
    if text is None:
        return LoadedEvent(path, shown, None, problems)
    parsed = parse_yaml(text, shown)
    if parsed.loader is None and not parsed.problems:
        parsed.problems.append(Problem(shown, "cannot parse", 1, 1))
    return validate_event(parsed, path, shown, strict)


EVENT_SUFFIX = ".yaml"     # content/events/<id>.yaml
ARTICLE_SUFFIX = ".md"     # content/articles/<id>.md


def file_names(folder: Path, suffix: str) -> list[str]:
    """The paths (as str) of the entries named *<suffix>, sorted by name; hidden files
    (editor swap files, temporary files) are skipped. Names are sorted as strings: the
    order of sorting the Paths of one folder, at a fraction of the cost (the site build
    lists every file on every build, and makes no Path of an unchanged one)."""
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it if e.name.endswith(suffix) and not e.name.startswith("."))
    except (FileNotFoundError, NotADirectoryError):
        return []
    prefix = f"{folder}{os.sep}"
    return [prefix + name for name in names]


def _files(folder: Path, suffix: str) -> list[Path]:
    return [Path(p) for p in file_names(folder, suffix)]


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
    return _files(project.events_dir, EVENT_SUFFIX)


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
            why = _impossible(raw)
            f.error(node, f"'published' \"{raw}\" {why}" if why else
                    f"'published' is not an ISO 8601 date-time: \"{raw}\"; write e.g. "
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
    f = _Fields(shown, mapping_items(node, shown, off) if node is not None else Mapping({}, []), off,
                parsed.text)
    title = f.text("title")
    published = _published(f)
    values = {k: f.text(k) for k in ("source", "url", "place", "timezone", "language", "author",
                                     "wire")}
    precision = f.choice("published_precision", PUBLISHED_PRECISIONS)
    todo = _todo(f)
    url = values["url"]
    if url and not ARTICLE_URL_RE.match(url):
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
    return _files(project.articles_dir, ARTICLE_SUFFIX)


def load_article_files(project: Project, strict: bool = False) -> list[LoadedArticle]:
    cwd = Path.cwd()
    return [load_article_file(p, strict, cwd) for p in article_files(project)]


def load_articles(project: Project, strict: bool = False) -> tuple[list[Article], list[Problem]]:
    """Every readable article (published may be None: extract skips those), and all problems."""
    return _collect(load_article_files(project, strict), "article")
