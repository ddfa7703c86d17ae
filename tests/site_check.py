"""Helpers for the site tests: build a copy of a project, crawl the built HTML, parse
iCalendar. (Not a test module; the crawler checks what a browser would follow.)"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from timeline.project import Project
from timeline.site import build_site

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site-project"


def copy_project(src: Path, dest: Path) -> Project:
    shutil.copytree(src / "content", dest / "content")
    if (src / "templates").is_dir() and src != REPO:
        shutil.copytree(src / "templates", dest / "templates")
    return Project(dest)


def build(project: Project, out: Path, base_url: str | None = None):
    return build_site(project, out=out, base_url=base_url)


@dataclass
class Page:
    path: Path
    links: list[tuple[str, str]] = field(default_factory=list)   # (tag.attr, url)
    ids: set[str] = field(default_factory=set)
    tags: list[tuple[str, dict]] = field(default_factory=list)
    script_text: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        d = {k: (v or "") for k, v in attrs}
        self.page.tags.append((tag, d))
        if "id" in d:
            self.page.ids.add(d["id"])
        for attr in ("href", "src"):
            if attr in d:
                self.page.links.append((f"{tag}.{attr}", d[attr]))
        if tag == "script":
            self._in_script = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.page.script_text.append(data)


def parse_html(path: Path) -> Page:
    page = Page(path)
    _Parser(page).feed(path.read_text(encoding="utf-8"))
    return page


def html_pages(site: Path) -> list[Page]:
    return [parse_html(p) for p in sorted(site.rglob("*.html"))]


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Every internal href/src (and #fragment) in every page that does not resolve to a
    built file (and an element with that id)."""
    pages = {p.path: p for p in html_pages(site)}
    problems = []
    for page in pages.values():
        for where, url in page.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                if parts.scheme not in ("http", "https"):
                    problems.append(f"{page.path}: {where}={url!r} (not http/https)")
                continue
            if not parts.path:                      # "#fragment" on the same page
                target = page.path
            else:
                if not parts.path.startswith(base_path):
                    problems.append(f"{page.path}: {where}={url!r} outside base {base_path}")
                    continue
                rel = unquote(parts.path[len(base_path):])
                target = site / rel
                if rel == "" or rel.endswith("/"):
                    target = target / "index.html"
                if not target.is_file():
                    problems.append(f"{page.path}: {where}={url!r} -> missing {target}")
                    continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse_html(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{page.path}: {where}={url!r} -> no #{parts.fragment}")
    return problems


def parse_ics(data: bytes) -> list[dict[str, str]]:
    """Unfold (RFC 5545 3.1) and split into VEVENT property dicts ("NAME;PARAMS" -> value)."""
    text = data.decode("utf-8")
    unfolded = text.replace("\r\n ", "").replace("\r\n\t", "")
    events, current = [], None
    for line in unfolded.split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and line:
            name, _, value = line.partition(":")
            current[name] = value
    return events
