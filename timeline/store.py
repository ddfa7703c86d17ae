"""Reading and writing the record on disk: articles (Markdown + YAML front matter)
and events (one YAML file each). Every write is atomic: temporary file + rename.

Validation with path:line:col messages lives in ``timeline.schema``; this module
only moves data between files and the model.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from .atomic import atomic_write, replace_bytes  # noqa: F401  (re-exported: the record's writes)
from .errors import InputError
from .model import Article, Event, Source

FRONT_MATTER_FENCE = "---"


# --------------------------------------------------------------------------- writing


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
