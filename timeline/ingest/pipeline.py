"""ingest: inputs -> content/articles/<slug>.md, with a per-file report.

Inputs are expanded (folders recurse over supported files, ``-`` is standard input),
read into Drafts, built into Articles, checked against the articles already there
(same URL, same normalised text, or same title, publication date and outlet = the
same article: reported, never duplicated; a different file is never overwritten without
--force) and written atomically.
"""
from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import ConfigError, InputError, Problem, UsageError
from ..model import Article
from ..project import Project
from ..report import Report
from ..schema import ARTICLE_URL_RE, load_article_file
from ..store import article_to_text, atomic_write
from .build import Built, Overrides, build_article, slugify
from .readers import SUPPORTED_SUFFIXES, Draft, draft_from_record, read_file, read_stdin
from .resources import resources_for


def fingerprint(text: str) -> str:
    """The article text with case, spacing and punctuation ignored."""
    words = re.sub(r"[\W_]+", " ", text.casefold()).split()
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()


@dataclass
class Index:
    """Who holds which article: slug by URL, by text fingerprint, by (title, date)."""

    slugs: set[str] = field(default_factory=set)
    by_url: dict[str, str] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)
    by_title_date: dict[tuple[str, str, str], str] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)   # slug -> input of this run

    def add(self, slug: str, article: Article, origin: str | None = None) -> None:
        self.slugs.add(slug)
        if article.url:
            self.by_url[article.url.rstrip("/")] = slug
        self.by_text[fingerprint(article.text)] = slug
        if article.published:
            self.by_title_date[_title_key(article)] = slug
        if origin:
            self.origin[slug] = origin

    def match(self, article: Article) -> tuple[str, str] | None:
        """(slug, why) of the same article already known."""
        if article.url and article.url.rstrip("/") in self.by_url:
            return self.by_url[article.url.rstrip("/")], "same URL"
        fp = fingerprint(article.text)
        if fp in self.by_text:
            return self.by_text[fp], "same text"
        if article.published and _title_key(article) in self.by_title_date:
            return self.by_title_date[_title_key(article)], "same title, date and outlet"
        return None


def _title_key(article: Article) -> tuple[str, str, str]:
    """Same headline on the same day from the same outlet: the same article (one saved
    as HTML, one pasted as text). Another outlet's copy of a wire story is its own article."""
    return (" ".join(article.title.casefold().split()), article.published.date().isoformat(),
            (article.source or "").casefold())


def load_index(project: Project, report: Report) -> Index:
    index = Index()
    for path in sorted(project.articles_dir.glob("*.md")):
        index.slugs.add(path.stem)
        try:
            loaded = load_article_file(path)      # the same reader as check and extract
        except OSError as exc:
            report.add(Problem(str(path), f"not checked for duplicates: {exc}", severity="warning"))
            continue
        if loaded.article is None:
            first = next(p for p in loaded.problems if p.severity == "error")
            report.add(Problem(first.path, f"not checked for duplicates: {first.message}",
                               first.line, first.col, severity="warning"))
            continue
        index.add(path.stem, loaded.article)
    return index


def default_zone(project: Project) -> str | None:
    """content/site.yaml's timezone; None without a readable site config."""
    from ..schema import check_site_config

    config, _ = check_site_config(project)
    return config.timezone if config else None


def unique_slug(title: str, taken: set[str]) -> str:
    base = slugify(title)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


# --------------------------------------------------------------------------- inputs

def expand(paths: Iterable[str]) -> Iterator[tuple[Path | None, str] | InputError]:
    """(path or None for stdin, as shown) for every input; folders recurse over supported
    files (hidden ones skipped). A missing path or a folder without articles is an
    InputError in the stream, refused (and counted) like an unreadable file."""
    for raw in paths:
        if raw == "-":
            yield None, "<stdin>"
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and p.suffix.lower() in SUPPORTED_SUFFIXES
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not files:
                yield InputError("folder holds no .txt, .md, .html or .jsonl file", path=raw)
            for p in files:
                yield p, str(p)
        elif path.exists():
            yield path, raw
        else:
            yield InputError("no such file or folder", path=raw)


def drafts(paths: Iterable[str], stdin=None) -> Iterator[Draft | InputError]:
    for item in expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        path, shown = item
        if path is None:
            yield from read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        else:
            yield from read_file(path, shown)


# --------------------------------------------------------------------------- writing

@dataclass
class Ingest:
    """One ingest run's state: the project, what is on disk, the report."""

    project: Project
    force: bool = False
    over: Overrides = field(default_factory=Overrides)
    report: Report = field(default_factory=Report)
    counts: dict[str, int] = field(default_factory=lambda: {
        "written": 0, "updated": 0, "unchanged": 0, "duplicate": 0, "refused": 0})
    verbose: bool = True
    show_removed: bool = False

    def __post_init__(self):
        if not self.project.content.is_dir():
            raise ConfigError("no content/ folder here: not a timeline project; run "
                              "`timeline init DIR` or pass --root", path=self.project.root)
        resources_for(None)              # a broken resource file fails before any input is read
        self.zone = default_zone(self.project)
        self.index = load_index(self.project, self.report)

    def shown(self, path: Path) -> str:
        try:
            return str(path.relative_to(Path.cwd()))
        except ValueError:
            return str(path)

    def take(self, item: Draft | InputError) -> Article | None:
        if isinstance(item, InputError):
            self.counts["refused"] += 1
            self.report.add(Problem(item.path or "<input>", item.message, item.line, item.col))
            return None
        try:
            built = build_article(item, resources_for(item.language), default_zone=self.zone,
                                  over=self.over)
        except InputError as exc:
            return self.take(exc)
        return self.write(item, built)

    def write(self, draft: Draft, built: Built) -> Article | None:
        article = built.article
        same = self.index.match(article)
        if same and same[0] in self.index.origin:
            self.counts["duplicate"] += 1
            self._say(f"skipped {draft.origin}: same article as {self.index.origin[same[0]]} "
                      f"in this run ({same[1]})", [])
            return None
        slug = same[0] if same else unique_slug(article.title, self.index.slugs)
        article = replace(article, id=slug)
        path = self.project.articles_dir / f"{slug}.md"
        target = self.shown(path)
        text = article_to_text(article)
        if same and not self.force:
            if path.exists() and path.read_bytes() == text.encode("utf-8"):
                self.counts["unchanged"] += 1
                self._say(f"unchanged {target} <- {draft.origin} (already ingested)", [])
            else:
                self.counts["duplicate"] += 1
                self.counts["refused"] += 1
                self.report.add(Problem(draft.origin, f"already ingested as {target} "
                                        f"({same[1]}); not overwritten: use --force to replace "
                                        "it (hand edits there would be lost)"))
            self.index.origin[slug] = draft.origin
            return None
        changed = atomic_write(path, text)
        verb = "wrote" if not same else ("updated" if changed else "unchanged")
        self.counts["written" if verb == "wrote" else verb] += 1
        self.index.add(slug, article, draft.origin)
        self._say(f"{verb} {target} <- {draft.origin}", built)
        return article

    def _say(self, line: str, built: Built | list) -> None:
        if not self.verbose:
            return
        self.report.info.append(line)
        if isinstance(built, Built):
            self.report.info.extend(f"  {note}" for note in built.notes)
            if built.missing:
                self.report.info.append("  not detected: " + ", ".join(built.missing))
            if self.show_removed:
                self.report.info.extend(f"  - {r.kind.replace('_', ' ')}: {_short(r.text)}"
                                        for r in built.removed)
            if built.article.todo:
                self.report.info.append("  todo for the editor: "
                                        + ", ".join(sorted(built.article.todo)))

    def summary(self) -> str:
        c = self.counts
        parts = [f"{c['written']} written", f"{c['updated']} updated",
                 f"{c['unchanged']} unchanged", f"{c['duplicate']} duplicate(s)",
                 f"{c['refused']} refused"]
        return "ingest: " + ", ".join(parts)


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def ingest_paths(project: Project, paths: list[str], force: bool = False,
                 source: str | None = None, url: str | None = None, stdin=None,
                 show_removed: bool = False) -> Report:
    """`timeline ingest`: every input -> content/articles/<slug>.md; the Report lists one
    line per article written/skipped with what was found (and, with ``show_removed``,
    every line taken out of the text), per-file refusals as errors (exit 1), and a
    summary line."""
    check_url_option(url, paths)
    run = Ingest(project, force=force, over=Overrides(source=source, url=url),
                 show_removed=show_removed)
    for item in drafts(paths, stdin=stdin):
        run.take(item)
    run.report.summary = run.summary()
    return run.report


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) address, the one rule for --url (the CLI
    checks it while parsing) and for what `timeline check` accepts in an article; None
    when it is one."""
    if ARTICLE_URL_RE.match(url) and not any(c.isspace() for c in url):
        return None
    return f"{url!r} is not a web address (http://... or https://...)"


def check_url_option(url: str | None, paths: list[str]) -> None:
    """--url's rules, a UsageError before anything is read or written (the CLI calls it
    before taking the project's lock): a wrong address must not be dropped silently while
    the article is written without it, and it names one article."""
    if url is None:
        return
    why = url_problem(url)
    if why:
        raise UsageError(f"--url {why}; nothing was ingested")
    if len(paths) != 1 or Path(paths[0]).is_dir():
        raise UsageError("--url names one article: give exactly one input file with it")


def ingest_records(project: Project, records: Iterable[dict], force: bool = False,
                   origin: str = "<records>", verbose: bool = False) -> tuple[list[Article], Report]:
    """In-process ingest of JSON-like records (the shape of a JSON Lines file), for
    benchmarks and other tools: returns the written articles and the report."""
    run = Ingest(project, force=force, verbose=verbose)
    written = []
    for number, record in enumerate(records, start=1):
        try:
            item: Draft | InputError = draft_from_record(record, f"{origin}:{number}")
        except InputError as exc:
            item = exc
        article = run.take(item)
        if article is not None:
            written.append(article)
    run.report.summary = run.summary()
    return written, run.report


def parse_record(record: dict, origin: str = "<record>", default_zone: str | None = None
                 ) -> Article:
    """One JSON record -> Article (id = slug of its title), nothing written; InputError
    when the record is not an article."""
    draft = draft_from_record(record, origin)
    built = build_article(draft, resources_for(draft.language),
                          default_zone=default_zone)
    return replace(built.article, id=slugify(built.article.title))
