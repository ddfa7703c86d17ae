"""Reading and writing the record on disk: articles (Markdown + YAML front matter)
and events (one YAML file each). Every write is atomic: temporary file + rename.

Validation with path:line:col messages lives in ``timeline.schema``; this module
only moves data between files and the model.
"""
from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .model import Article, Event, Source

FRONT_MATTER_FENCE = "---"


# --------------------------------------------------------------------------- writing

def _file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


_FILE_MODE = _file_mode()   # what open() would give a new file


def atomic_write(path: Path, text: str | bytes, *, durable: bool = True) -> bool:
    """Write ``text`` to ``path`` via a temporary file in the same folder and a rename.

    Returns False (and touches nothing) when the file already holds exactly this
    content, so re-runs on unchanged input change no file, not even its mtime.
    ``durable=False`` skips the fsync (for rebuildable output such as site pages).
    """
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; keep the files people commit readable
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True


class _Dumper(yaml.SafeDumper):
    """Block style, unicode kept, long quotes folded only at spaces, no aliases."""

    def ignore_aliases(self, data: Any) -> bool:  # noqa: D401 - yaml API
        return True


def _str_representer(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str_representer)


class QuotedStr(str):
    """A string always written in double quotes (event dates: "2019", never 2019)."""


_Dumper.add_representer(
    QuotedStr, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)


# --------------------------------------------------------------------------- events

EVENT_FIELD_ORDER = ("id", "date", "mod", "end", "title", "kind", "summary", "sources",
                     "people", "places", "tags", "conflicts", "status")


def event_to_mapping(event: Event) -> dict[str, Any]:
    """The event as the ordered mapping written to YAML; empty optional fields omitted."""
    out: dict[str, Any] = {"id": event.id, "date": QuotedStr(event.date)}
    if event.mod:
        out["mod"] = event.mod
    if event.end:
        out["end"] = QuotedStr(event.end)
    out["title"] = event.title
    if event.kind != "happened":
        out["kind"] = event.kind
    if event.summary:
        out["summary"] = event.summary
    out["sources"] = [
        {"article": s.article, "quote": s.quote, "expression": s.expression} for s in event.sources
    ]
    for key in ("people", "places", "tags", "conflicts"):
        value = getattr(event, key)
        if value:
            out[key] = list(value)
    out["status"] = event.status
    for key, value in event.extra.items():
        if key not in out:
            out[key] = value
    return out


def dump_event(event: Event) -> str:
    return dump_yaml(event_to_mapping(event))


def event_from_mapping(data: dict[str, Any]) -> Event:
    """Build an Event from an already-validated mapping (see timeline.schema)."""
    known = set(EVENT_FIELD_ORDER)
    sources = [
        Source(article=str(s.get("article", "")), quote=str(s.get("quote", "")),
               expression=str(s.get("expression", "")))
        for s in (data.get("sources") or [])
    ]
    return Event(
        id=str(data["id"]),
        date=str(data["date"]),
        title=str(data.get("title", "")),
        sources=sources,
        mod=data.get("mod"),
        end=str(data["end"]) if data.get("end") is not None else None,
        summary=data.get("summary"),
        kind=data.get("kind") or "happened",
        tags=list(data.get("tags") or []),
        people=list(data.get("people") or []),
        places=list(data.get("places") or []),
        conflicts=list(data.get("conflicts") or []),
        status=data.get("status") or "auto",
        extra={k: v for k, v in data.items() if k not in known},
    )


def event_path(events_dir: Path, event_id: str) -> Path:
    return Path(events_dir) / f"{event_id}.yaml"


def write_event(events_dir: Path, event: Event) -> bool:
    return atomic_write(event_path(events_dir, event.id), dump_event(event))


# --------------------------------------------------------------------------- articles

def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``---\\nYAML\\n---\\nbody``. Returns (yaml_text or None, body, body_line_offset)."""
    if not text.startswith(FRONT_MATTER_FENCE):
        return None, text, 0
    lines = text.split("\n")
    if lines[0].strip() != FRONT_MATTER_FENCE:
        return None, text, 0
    for i in range(1, len(lines)):
        if lines[i].strip() in (FRONT_MATTER_FENCE, "..."):
            front = "\n".join(lines[1:i]) + "\n"
            body = "\n".join(lines[i + 1:])
            return front, body.lstrip("\n"), i + 1
    return None, text, 0


ARTICLE_FIELD_ORDER = ("title", "source", "url", "published", "place", "timezone", "language",
                       "author", "wire", "published_precision", "todo")
#: Written only when set (the others are always written, null when unknown).
ARTICLE_OPTIONAL_FIELDS = ("wire", "published_precision", "todo")


def article_to_text(article: Article) -> str:
    """Markdown with YAML front matter, as stored in content/articles/<id>.md."""
    front: dict[str, Any] = {}
    for key in ARTICLE_FIELD_ORDER:
        value = getattr(article, key)
        if isinstance(value, datetime):
            value = QuotedStr(value.isoformat())
        if key in ARTICLE_OPTIONAL_FIELDS and not value:
            continue
        front[key] = dict(value) if isinstance(value, dict) else value
    for key, value in article.extra.items():
        front.setdefault(key, value)
    return f"---\n{dump_yaml(front)}---\n\n{article.text.strip()}\n"


def parse_published(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def read_front_matter(text: str, path: str | None = None) -> tuple[dict[str, Any] | None, str]:
    """(front-matter value or None when there is none, body); InputError on bad YAML."""
    front_text, body, _ = split_front_matter(text)
    if front_text is None:
        return None, body
    try:
        return yaml.safe_load(front_text), body
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(f"front matter is not valid YAML: {getattr(exc, 'problem', exc)}",
                         path=path, line=(mark.line + 2) if mark else 0,
                         col=(mark.column + 1) if mark else 0) from None


def article_from_text(text: str, *, article_id: str, path: str | None = None) -> Article:
    loaded, body = read_front_matter(text, path)
    front: dict[str, Any] = loaded if isinstance(loaded, dict) else {}
    known = set(ARTICLE_FIELD_ORDER)
    return Article(
        id=article_id,
        title=str(front.get("title") or article_id),
        text=body,
        published=parse_published(front.get("published")),
        source=front.get("source"),
        url=front.get("url"),
        place=front.get("place"),
        timezone=front.get("timezone"),
        language=front.get("language") or "en",
        author=front.get("author"),
        wire=front.get("wire"),
        published_precision=front.get("published_precision"),
        todo=dict(front["todo"]) if isinstance(front.get("todo"), dict) else {},
        path=path,
        extra={k: v for k, v in front.items() if k not in known},
    )


def read_article(path: Path) -> Article:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text; re-ingest it with `timeline ingest`", path=path) from None
    return article_from_text(text, article_id=path.stem, path=str(path))


def read_articles(articles_dir: Path) -> list[Article]:
    return [read_article(p) for p in sorted(Path(articles_dir).glob("*.md"))]
