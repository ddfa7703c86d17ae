"""Readers: one input (file, JSON Lines record, standard input) -> Draft(s).

A Draft is the raw article text plus whatever metadata the format itself states
(front matter, JSON fields, HTML metadata). Detection over the text happens later
(timeline.ingest.build); readers never guess.

Formats: .txt (text pasted from a web page), .md/.markdown (with or without YAML front
matter), .html/.htm (main text and metadata by trafilatura and htmldate), .jsonl/.ndjson
(one article a line: {"id", "time" or "published", "title", "url", "text"}).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..errors import InputError
from ..store import read_front_matter
from .decode import MAX_ARTICLE_BYTES, check_size, decode_bytes

TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + MARKDOWN_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

#: JSON field names accepted for each article field (the first present wins).
JSON_FIELDS = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article"),
    "published": ("published", "time", "date", "datetime", "pubdate"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "publisher"),
    "author": ("author", "byline"),
    "place": ("place", "dateline"),
    "language": ("language", "lang"),
}


@dataclass(frozen=True)
class Draft:
    origin: str                     # "path", "path:12" (JSON Lines), "<stdin>"
    fmt: str                        # txt | md | html | jsonl
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None    # as written; parsed by the builder
    place: str | None = None
    language: str | None = None
    record_id: str | None = None    # a dataset's own id (JSON Lines "id")
    extra: dict[str, Any] = field(default_factory=dict)   # other front-matter keys, kept
    notes: tuple[str, ...] = ()     # what the reader did (encoding, ...)
    title_in_text: bool = False     # True: the first line of text is the headline


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _encoding_notes(decoded) -> tuple[str, ...]:
    if decoded.encoding == "utf-8" and not decoded.bom:
        return ()
    bom = " (with a byte-order mark)" if decoded.bom else ""
    return (f"decoded from {decoded.encoding}{bom}; written as UTF-8",)


# --------------------------------------------------------------------------- text / md

def read_txt(text: str, origin: str, notes: tuple[str, ...] = ()) -> Draft:
    return Draft(origin, "txt", text, notes=notes, title_in_text=True)


_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$")


def read_markdown(text: str, origin: str, notes: tuple[str, ...] = ()) -> Draft:
    loaded, body = read_front_matter(text, origin)
    if loaded is not None and not isinstance(loaded, dict):
        raise InputError("front matter must be a mapping (title: ..., published: ...)",
                         path=origin, line=2)
    front: dict[str, Any] = loaded or {}
    title = _str(front.get("title"))
    lines = body.lstrip("\n").split("\n")
    if lines and _HEADING.match(lines[0]):
        heading = _HEADING.match(lines[0]).group(1)
        title = title or heading
        body = "\n".join(lines[1:])
    known = ("title", "url", "source", "author", "published", "place", "language")
    published = front.get("published")
    return Draft(origin, "md", body, title=title, url=_str(front.get("url")),
                 source=_str(front.get("source")), author=_str(front.get("author")),
                 published=published.isoformat() if hasattr(published, "isoformat")
                 else _str(published),
                 place=_str(front.get("place")), language=_str(front.get("language")),
                 extra={k: v for k, v in front.items() if k not in known
                        and k not in ("timezone", "todo", "wire", "published_precision")},
                 notes=notes, title_in_text=title is None)


# --------------------------------------------------------------------------- html

def read_html(html: str, origin: str, notes: tuple[str, ...] = ()) -> Draft:
    """Main text and metadata by trafilatura; the publication date by htmldate.
    Scripts, styles, navigation and comments never reach the text."""
    import htmldate
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=False, include_images=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in this HTML page (trafilatura found none); "
                         "save the article page itself, or paste its text into a .txt file",
                         path=origin)
    title = _str(doc.title)
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    if title:       # the headline, wherever the extractor put it (a live page: mid-text)
        paragraphs = [p for p in paragraphs if p != title]
    published = None
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True,
                                   outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # htmldate on malformed markup: fall back to trafilatura's date
        found = None
    if found:
        # htmldate writes midnight when the page gave only a date: keep just the date.
        published = found[:10] if found.endswith("T00:00:00") else found
    elif getattr(doc, "date", None):
        published = doc.date
    language = _str(getattr(doc, "language", None))
    if language is None:                # the page's own <html lang="fr">
        declared = _HTML_LANG.search(html[:5000])
        language = declared.group(1).lower() if declared else None
    return Draft(origin, "html", "\n\n".join(paragraphs), title=title, url=_str(doc.url),
                 source=_str(doc.sitename), author=_str(doc.author), published=published,
                 language=language, notes=notes)


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)", re.I)


# --------------------------------------------------------------------------- json lines

def draft_from_record(record: Any, origin: str) -> Draft:
    """One JSON Lines record -> Draft; InputError naming ``origin`` when it is not one."""
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object per line, not {type(record).__name__}",
                         path=origin)
    values = {}
    for name, keys in JSON_FIELDS.items():
        values[name] = next((_str(record[k]) for k in keys if record.get(k) is not None), None)
    if not values["text"]:
        raise InputError("record has no article text (a \"text\" field)", path=origin)
    return Draft(origin, "jsonl", values.pop("text"), record_id=_str(record.get("id")),
                 **values)


def parse_jsonl_line(line: bytes | str, where: str) -> Draft | InputError:
    """One JSON Lines record -> Draft, or the InputError saying why it is not one."""
    try:
        if isinstance(line, bytes):
            check_size(len(line), where)
            line = decode_bytes(line, where).text
        return draft_from_record(json.loads(line), where)
    except json.JSONDecodeError as exc:
        return InputError(f"not valid JSON: {exc.msg} (column {exc.colno})", path=where)
    except InputError as exc:
        return exc


def iter_jsonl(path: Path, origin: str) -> Iterator[Draft | InputError]:
    """Records of a JSON Lines file, streamed (the file may be large; each record may not
    exceed the article size limit). A bad line yields its InputError and reading goes on."""
    with open(path, "rb") as fh:
        number = 0
        while True:
            raw = fh.readline(MAX_ARTICLE_BYTES + 1)
            if not raw:
                return
            number += 1
            where = f"{origin}:{number}"
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                size = len(raw) + _skip_line(fh)       # never hold an oversized record
                yield InputError(f"{size / 1048576:.1f} MB is too large for one article "
                                 f"(limit {MAX_ARTICLE_BYTES // 1048576} MB)", path=where)
            elif raw.strip():
                yield parse_jsonl_line(raw, where)


def _skip_line(fh, chunk: int = 1 << 20) -> int:
    """Read past the rest of the current line; return how many bytes that was."""
    skipped = 0
    while True:
        part = fh.readline(chunk)
        skipped += len(part)
        if not part or part.endswith(b"\n"):
            return skipped


# --------------------------------------------------------------------------- dispatch

def read_file(path: Path, origin: str) -> Iterator[Draft | InputError]:
    """Every Draft in one file (many for JSON Lines); refusals as InputError values."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, origin)
        return
    try:
        size = path.stat().st_size
        check_size(size, origin)
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror}", path=origin)
        return
    except InputError as exc:
        yield exc
        return
    try:
        yield read_bytes(data, origin, suffix)
    except InputError as exc:
        yield exc


def sniff_suffix(text: str) -> str:
    """The format of standard input, from its first characters."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head:
        return ".html"
    if head.startswith("{"):
        return ".jsonl"
    if head.startswith("---"):
        return ".md"
    return ".txt"


def read_bytes(data: bytes, origin: str, suffix: str | None) -> Draft:
    """One article from bytes (a file's or standard input's); JSON Lines is not one."""
    decoded = decode_bytes(data, origin)
    notes = _encoding_notes(decoded)
    text = decoded.text
    suffix = suffix or sniff_suffix(text)
    if not text.strip():
        raise InputError("empty file: no article text", path=origin)
    if suffix in HTML_SUFFIXES:
        return read_html(text, origin, notes)
    if suffix in MARKDOWN_SUFFIXES:
        return read_markdown(text, origin, notes)
    if suffix in TEXT_SUFFIXES:
        return read_txt(text, origin, notes)
    raise InputError(f"unsupported file type {suffix!r}; ingest reads "
                     + ", ".join(SUPPORTED_SUFFIXES), path=origin)


def read_stdin(stream, origin: str = "<stdin>") -> Iterator[Draft | InputError]:
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    try:
        check_size(len(data), origin)
        decoded = decode_bytes(data, origin)
    except InputError as exc:
        yield exc
        return
    if sniff_suffix(decoded.text) == ".jsonl":
        for number, line in enumerate(decoded.text.split("\n"), start=1):
            if line.strip():
                yield parse_jsonl_line(line, f"{origin}:{number}")
        return
    try:
        yield read_bytes(data, origin, None)
    except InputError as exc:
        yield exc
