"""`timeline check`: validate every file of the record and audit events against sources.

    run_check(project, strict=False) -> Report     one ``path:line:col: message`` per problem

Stages (each a pure function over what ``timeline.schema`` loaded):

  format     site.yaml, article front matter, event files: every problem with its mark
  articles   no publication date (a warning: extract skips the article until it is filled
             in); a publication date in the future (an error: it would anchor every
             relative date wrongly). "Future" is measured against the real clock: that
             is validation of input, never resolution of a date, which stays anchored on
             the article (no now() in the pipeline).
  record     duplicate ids (every file named), a source citing a missing article,
             leftover temporary files and non-.yaml files in content/events/
  audit      per source of every event that is not ``rejected``:
               the quote must still occur in its article (whitespace-normalised): error;
               the expression, re-tagged with the current tagger in the whole article
               (same anchor: publication date and place), must still resolve to the
               event's date: a warning naming the old and new value otherwise (worded
               as the editor's date, not a tagger upgrade, when the event is reviewed or
               its date differs from what extract last wrote: extract keeps such dates);
             an event dated after its latest source was published: warning unless
             ``kind: planned``; else, a source of a happening published before the
             event can have begun (early_sources: instants compared, a date's day in its
             earliest zone): warning per source, unless ``kind: planned``; an event
             without sources: warning unless ``reviewed``.

Exit code 1 when any problem is an error (Report.exit_code); warnings alone exit 0.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from . import timex
from .errors import Problem, TimelineError
from .model import Article, Event
from .project import Project
from .report import Report
from .schema import (LoadedArticle, LoadedEvent, check_site_config, display_path,
                     load_article_files, load_event_files)

_WORD = re.compile(r"\S+")


# --------------------------------------------------------------------------- articles

def article_problems(loaded: list[LoadedArticle], now: datetime) -> list[Problem]:
    """Publication dates: missing (warning) or after ``now`` (error)."""
    out = []
    for item in loaded:
        article = item.article
        if article is None:
            continue
        line, col = item.where.get("published", (2, 1))
        if article.published is None:
            if "published" not in article.todo:  # else the todo entry below says it
                out.append(Problem(item.shown, "no publication date: extract skips this article "
                                   "until you fill in published: \"YYYY-MM-DDTHH:MM:SS+HH:MM\"",
                                   line, col, "warning"))
        elif article.published > now:
            out.append(Problem(item.shown, f"published {article.published.isoformat()} is in the "
                               "future; fix the date (every relative date in the article is "
                               "resolved against it)", line, col))
        if not article.text.strip():
            out.append(Problem(item.shown, "the article has no text", item.body_line, 1, "warning"))
        for key, what in article.todo.items():
            out.append(Problem(item.shown, f"to do ({key}): {what}; then delete this line",
                               *item.where.get(f"todo.{key}", (1, 1)), "warning"))
    return out


# --------------------------------------------------------------------------- record

def duplicate_ids(loaded: list[LoadedEvent]) -> list[Problem]:
    by_id: dict[str, list[LoadedEvent]] = defaultdict(list)
    for item in loaded:
        if item.raw_id is not None:
            by_id[item.raw_id].append(item)
    out = []
    for event_id, items in by_id.items():
        if len(items) < 2:
            continue
        for item in items:
            others = ", ".join(o.shown for o in items if o is not item)
            out.append(Problem(item.shown, f"duplicate id '{event_id}': also used by {others}; "
                               "each event needs its own id", *item.where.get("id", (1, 1))))
    return out


def stray_files(project: Project) -> list[Problem]:
    """Files in content/events/ that are not events, and temp files of an interrupted run."""
    out = []
    for folder, suffix in ((project.events_dir, ".yaml"), (project.articles_dir, ".md")):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            shown = display_path(path)
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                out.append(Problem(shown, "temporary file left by an interrupted run; the next "
                                   "extract/build removes it (or delete it)", severity="warning"))
            elif path.name.startswith("."):
                continue
            elif path.is_dir():
                out.append(Problem(shown, f"ignored: subfolders are not read; move its *{suffix} "
                                   f"files up into {display_path(folder)}/", severity="warning"))
            elif path.is_file() and path.suffix != suffix:
                out.append(Problem(shown, f"ignored: only *{suffix} files are read here"
                                   f"{_stray_hint(path, suffix)}", severity="warning"))
    return out


def _stray_hint(path: Path, suffix: str) -> str:
    if suffix == ".yaml" and path.suffix == ".yml":
        return f"; rename it to {path.stem}.yaml"
    if suffix == ".md" and path.suffix.lower() in (".txt", ".html", ".htm", ".jsonl", ".json"):
        return (f"; bring a raw article in with `timeline ingest {display_path(path)}` (it writes "
                "the .md here), then delete this file")
    return ""


# --------------------------------------------------------------------------- audit

@dataclass
class Normalized:
    """An article's text with runs of whitespace collapsed (and typographic quotes and
    dashes as typed), mapped back to offsets."""

    text: str
    starts: list[int]       # start of each word in ``text``
    origin: list[int]       # start of the same word in the original text

    @classmethod
    def of(cls, original: str) -> "Normalized":
        parts, starts, origin, pos = [], [], [], 0
        for m in _WORD.finditer(original):
            starts.append(pos)
            origin.append(m.start())
            parts.append(m.group())
            pos += len(m.group()) + 1
        return cls(" ".join(parts).translate(_TYPOGRAPHY), starts, origin)

    def to_original(self, index: int) -> int:
        i = bisect.bisect_right(self.starts, index) - 1
        return self.origin[i] + (index - self.starts[i]) if i >= 0 else 0


# Typographic quotes and dashes read as their typewriter forms, one character for one (so
# offsets hold): a quote retyped by hand ("Trump's", "Kim Jong-un") still matches "Trump’s".
_TYPOGRAPHY = str.maketrans({
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"),
})


def normalize(text: str) -> str:
    """Whitespace runs as one space, typographic quotes and dashes as typed (see above)."""
    return " ".join(text.split()).translate(_TYPOGRAPHY)


def _consistent(value: str, event: Event) -> bool:
    """The expression's value and the event's date describe overlapping-by-containment spans."""
    if value == event.date:
        return True
    got, start, stop = timex.bounds(value), timex.bounds(event.date), timex.bounds(event.end or event.date)
    if not (got and start and stop):
        return False
    lo, hi = start[0], max(start[1], stop[1])
    return (lo <= got[0] and got[1] <= hi) or (got[0] <= lo and hi <= got[1])


def _conflict_dates(event: Event, article: str) -> set[str]:
    """The dates this article gives for the event where it disagrees with the event's date
    (extract lists them under ``conflicts``, and editors may too)."""
    return {str(c.get("date")) for c in event.conflicts
            if isinstance(c, dict) and c.get("article") == article}


class Auditor:
    """Checks sources against their articles; tags each article at most once."""

    def __init__(self, articles: dict[str, Article], tag, hand_dated: frozenset[str] = frozenset()):
        self.articles = articles
        self.tag = tag
        self.hand_dated = hand_dated       # ids of events whose date a person wrote
        self._norm: dict[str, Normalized] = {}
        self._tags: dict[str, list | None] = {}
        self.problems: list[Problem] = []   # the tagger's own failures, reported once each

    def norm(self, article: Article) -> Normalized:
        if article.id not in self._norm:
            self._norm[article.id] = Normalized.of(article.text)
        return self._norm[article.id]

    def expressions(self, article: Article) -> list | None:
        """The article's expressions with the current tagger; None (and a problem) when the
        tagger fails: the rest of the check still runs and reports."""
        if article.id not in self._tags:
            try:
                self._tags[article.id] = list(self.tag(article.text, article.anchor,
                                                       place=article.zone_place))
            except TimelineError as exc:
                self._tags[article.id] = None
                problem = Problem(exc.path or display_path(Path(article.path or article.id)),
                                  f"expression audit failed: {exc.message}", exc.line, exc.col)
                if problem not in self.problems:
                    self.problems.append(problem)
        return self._tags[article.id]

    def source(self, item: LoadedEvent, i: int) -> list[Problem]:
        event, src = item.event, item.event.sources[i]
        at = item.where.get(f"sources[{i}].quote") or item.where.get(f"sources[{i}]", (1, 1))
        article = self.articles.get(src.article)
        if article is None or not src.quote.strip():
            return []
        norm, quote = self.norm(article), normalize(src.quote)
        pos = norm.text.find(quote)
        if pos < 0:
            return [Problem(item.shown, f"quote no longer occurs in article '{src.article}' "
                            f"({article.path and display_path(article.path)}); fix the quote or "
                            "the source", *at)]
        expr = normalize(src.expression)
        if not expr or article.published is None:
            return []
        at = item.where.get(f"sources[{i}].expression", at)
        expressions = self.expressions(article)
        if expressions is None:
            return []
        found = []
        while pos >= 0 and not found:   # the quote may occur more than once
            begin, end = norm.to_original(pos), norm.to_original(pos + len(quote) - 1) + 1
            found = [e for e in expressions
                     if begin <= e.start and e.end <= end and normalize(e.text) == expr]
            pos = norm.text.find(quote, pos + 1)
        if not found:
            return [Problem(item.shown, f"the current tagger no longer finds the expression "
                            f"'{src.expression}' in this quote", *at, "warning")]
        if any(_consistent(e.value_with_zone, event) for e in found):
            return []
        if any(e.value_with_zone in _conflict_dates(event, src.article) for e in found):
            return []     # a dissenting report that extract already recorded under conflicts
        new = found[0].value_with_zone
        if event.id in self.hand_dated:   # extract keeps it: no upgrade moves it, the quote may be wrong
            return [Problem(item.shown, f"expression '{src.expression}' in this quote resolves to "
                            f"\"{new}\", not to the date set by hand, \"{event.date}\"; check "
                            "that the quote supports it (extract keeps your date)", *at, "warning")]
        return [Problem(item.shown, f"expression '{src.expression}' now resolves to \"{new}\", "
                        f"the event says \"{event.date}\" (a tagger upgrade would move it)",
                        *at, "warning")]


def hand_dated(events: list[Event], generated: dict[str, dict[str, str]]) -> frozenset[str]:
    """Ids of the events whose date is a person's: reviewed ones, and auto ones whose date
    differs from what extract last wrote (content/events/.generated.json)."""
    from .extract.merge import fingerprint
    out = set()
    for event in events:
        last = generated.get(event.id, {}).get("date")
        if event.status == "reviewed" or (last is not None and fingerprint(event, "date") != last):
            out.add(event.id)
    return frozenset(out)


_NAME_LISTS = (("tags", "tag"), ("people", "person"), ("places", "place"))


def spelling_variants(loaded: list[LoadedEvent]) -> list[Problem]:
    """A tag, person or place written two ways that the site's address for it does not
    tell apart: case, spacing, punctuation, accents ("Nuclear talks", "nuclear  talks";
    "Kim Jong Un", "Kim Jong-un"). The site makes a page for each spelling (kim-jong-un/,
    kim-jong-un-2/), so the events are split between them. One warning per less used
    spelling, at its first use."""
    from .slugs import slugify      # the page address the site gives a name
    uses: dict[tuple[str, str], dict[str, list[LoadedEvent]]] = defaultdict(dict)
    for item in loaded:
        event = item.event
        if event is None or event.status == "rejected":
            continue
        for key, _ in _NAME_LISTS:
            for name in getattr(event, key) or ():
                uses[key, slugify(name)].setdefault(name, []).append(item)
    out = []
    for (key, _), spellings in uses.items():
        if len(spellings) < 2:
            continue
        what = dict(_NAME_LISTS)[key]
        ranked = sorted(spellings, key=lambda name: (-len(spellings[name]), name))
        main = ranked[0]
        for name in ranked[1:]:
            item = spellings[name][0]
            more = len(spellings[name]) - 1
            out.append(Problem(item.shown, f"{what} '{name}' is also written '{main}' "
                               f"({len(spellings[main])} event(s), e.g. {spellings[main][0].shown})"
                               f"{f'; this spelling is in {more} more event(s)' if more else ''}: "
                               f"the site makes a page for each spelling; write them the same",
                               *item.where.get(key, (1, 1)), "warning"))
    return out


def generated_state_problems(project: Project) -> list[Problem]:
    """content/events/.generated.json (extract's fingerprints, committed with the events)
    that cannot be read: typically a git merge conflict after two editors ran extract.
    extract then takes every difference for a hand edit and refreshes no auto event."""
    import json

    from .yamlcheck import merge_conflict_line
    path = project.events_dir / ".generated.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        return [Problem(display_path(path), f"cannot read extract's fingerprints: {exc}",
                        severity="warning")]
    effect = ("until it is fixed, extract takes every difference for a hand edit and refreshes "
              "no auto event")
    line = merge_conflict_line(text)
    if line:
        return [Problem(display_path(path), "unresolved git merge conflict in extract's "
                        "fingerprints (one line per event: keep the lines of both sides, "
                        f"delete the markers); {effect}", line, 1, "warning")]
    try:
        json.loads(text)
    except ValueError as exc:
        return [Problem(display_path(path), f"extract's fingerprints are not valid JSON "
                        f"({getattr(exc, 'msg', exc)}); {effect}", getattr(exc, "lineno", 0),
                        getattr(exc, "colno", 0), "warning")]
    return []


def event_problems(item: LoadedEvent, articles: dict[str, Article], known_ids: set[str],
                   auditor: Auditor) -> list[Problem]:
    event = item.event
    if event is None or event.status == "rejected":
        return []
    out = []
    if not event.sources and event.status != "reviewed":
        out.append(Problem(item.shown, "no sources: add the article, quote and expression it "
                           "comes from, or set status: reviewed if you vouch for it",
                           *item.where.get("id", (1, 1)), "warning"))
    for i, src in enumerate(event.sources):
        if src.article not in known_ids:
            out.append(Problem(item.shown, f"source cites article '{src.article}', which is not "
                               f"in content/articles/ ({src.article}.md){_closest(src.article, known_ids)}",
                               *item.where.get(f"sources[{i}].article", (1, 1))))
            continue
        out.extend(auditor.source(item, i))
    published = [latest_publication(articles[s.article]) for s in event.sources
                 if s.article in articles and articles[s.article].published is not None]
    if published and event.kind != "planned" and all(_after(event.date, p) for p in published):
        latest = max(published)
        shown = latest.date().isoformat() if latest.microsecond == 999999 else latest.isoformat()
        out.append(Problem(item.shown, f"dated \"{event.date}\", after its latest source was "
                           f"published ({shown}); if it had not happened yet, set "
                           "kind: planned", *item.where.get("date", (1, 1)), "warning"))
    elif event.kind != "planned":
        out.extend(early_sources(item, articles))
    return out


# the event lies on or before its value (or near it): it began at the latest on that day
_BEFORE_MODS = ("BEFORE", "ON_OR_BEFORE", "APPROX", "LESS_THAN", "EQUAL_OR_LESS")
_EARLIEST = timezone(timedelta(hours=14))   # the first zone a day begins in (Kiribati)


def _offset(dt: datetime) -> str:
    from .places import format_offset      # only when a warning is written: no start-up cost
    return f"UTC{format_offset(dt.utcoffset())}"


def earliest_start(value: str, mod: str | None) -> tuple[datetime, str] | None:
    """The earliest instant an event dated ``value`` can have begun in any reading, and
    how to say it; None when it has no such bound (an open "before 2019", an unknown digit).
    A zoned clock time begins at its instant; "before 13:30+07:00" or "about 13:00" at the
    start of that day in its zone; a date at the start of its day, an unzoned time at its
    clock time, in the first zone to reach it (UTC+14): the event's place is not in the
    record."""
    span = timex.bounds(value)
    if span is None:
        return None
    instant = timex.utc_instant(value)
    if instant is None:
        if mod in _BEFORE_MODS:
            return None
        start = span[0].replace(tzinfo=_EARLIEST)
        utc = start.astimezone(timezone.utc)
        return start, (f"\"{value}\" starts at the earliest on {start:%Y-%m-%d at %H:%M} "
                       f"UTC+14:00, {utc:%Y-%m-%d %H:%M} UTC")
    if mod in _BEFORE_MODS:
        start = datetime.combine(instant.date(), datetime.min.time(), instant.tzinfo)
        said = "about" if mod == "APPROX" else mod.lower().replace("_", " ")
        return start, f"{said} {value}, so on {start:%Y-%m-%d} from 00:00 {_offset(start)}"
    return instant, f"at {value}"


def early_sources(item: LoadedEvent, articles: dict[str, Article]) -> list[Problem]:
    """A happening cited from an article published before it can have begun (in every
    reading: earliest_start): most likely the publication time or zone is wrong (a page's
    stamp read in the wrong zone), or the article reports a plan as done. One warning per
    such source, on its article line."""
    event = item.event
    found = earliest_start(event.date, event.mod)
    if found is None:
        return []
    start, said = found
    out = []
    for i, src in enumerate(event.sources):
        article = articles.get(src.article)
        if article is None or article.published is None or latest_publication(article) >= start:
            continue
        pub = article.published
        if article.published_precision == "day":
            when = f"on {pub:%Y-%m-%d} ({_offset(pub)}; day only)"
        else:
            local = pub.astimezone(start.tzinfo)
            when = pub.isoformat()
            if local.utcoffset() != pub.utcoffset():
                when += f" ({local:%H:%M} {_offset(local)})"
        out.append(Problem(item.shown, f"source '{src.article}' was published {when}, before "
                           f"this happening began ({said}): a report cannot precede what it "
                           "reports; most likely its published time or zone is wrong (check the "
                           "article), or it reported a plan as done (then set kind: planned)",
                           *item.where.get(f"sources[{i}].article", (1, 1)), "warning"))
    return out


def _closest(cited: str, known_ids: set[str]) -> str:
    """"; did you mean '<id>'?" for a cited article id with '.md' or a typo in it."""
    import difflib
    stem = cited[:-3] if cited.endswith(".md") else cited
    if stem != cited and stem in known_ids:
        return f"; write the id without .md: article: {stem}"
    close = difflib.get_close_matches(stem, sorted(known_ids), n=1, cutoff=0.8)
    return f"; did you mean '{close[0]}'?" if close else ""


def latest_publication(article: Article) -> datetime:
    """The latest instant the article can have been published (its whole day when only the
    date is known: ingest writes 00:00 with published_precision: day)."""
    if article.published_precision == "day":
        return article.published + timedelta(days=1) - timedelta(microseconds=1)
    return article.published


def _after(value: str, published: datetime) -> bool:
    """The event's span starts after the publication instant (wall clock when unzoned)."""
    instant = timex.utc_instant(value)
    if instant is not None:
        return instant > published
    span = timex.bounds(value)
    return span is not None and span[0] > published.replace(tzinfo=None)


# --------------------------------------------------------------------------- driver

def run_check(project: Project, strict: bool = False, now: datetime | None = None) -> Report:
    """Validate site.yaml, articles and events; audit the events against their sources."""
    now = now or datetime.now(timezone.utc)   # only to flag future publication dates
    report = Report()
    problems: list[Problem] = []
    _, site_problems = check_site_config(project, strict)
    problems.extend(site_problems)
    loaded_articles = load_article_files(project, strict)
    loaded_events = load_event_files(project, strict)
    for item in (*loaded_articles, *loaded_events):
        problems.extend(item.problems)
    problems.extend(article_problems(loaded_articles, now))
    problems.extend(duplicate_ids(loaded_events))
    problems.extend(stray_files(project))
    articles = {a.article.id: a.article for a in loaded_articles if a.article is not None}
    known_ids = {a.path.stem for a in loaded_articles}
    from .extract.merge import load_state
    from .tagger import tag   # loads the language resources: only when checking runs
    events = [item.event for item in loaded_events if item.event is not None]
    generated = load_state(project.events_dir)
    auditor = Auditor(articles, tag, hand_dated(events, generated))
    problems.extend(generated_state_problems(project))
    problems.extend(spelling_variants(loaded_events))
    for item in loaded_events:
        problems.extend(event_problems(item, articles, known_ids, auditor))
    problems.extend(auditor.problems)
    problems.sort(key=lambda p: (p.path, p.line, p.col))
    report.problems = problems
    errors = sum(p.severity == "error" for p in problems)
    report.summary = (f"checked {len(loaded_articles)} article(s), {len(loaded_events)} event(s): "
                      f"{errors} error(s), {len(problems) - errors} warning(s)")
    return report
