"""What the templates see: events, articles and terms (tags, people, places) turned
into read-only views with their labels, links and groupings precomputed once.

Pure functions over the model; nothing here renders or writes.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache

from ..errors import Problem
from ..model import Article, Event
from . import labels
from .urls import BaseUrl, external_url, safe_id, unique_slugs
from .writer import fingerprint

TERM_KINDS = ("tags", "people", "places")
TERM_SINGULAR = {"tags": "tag", "people": "person", "places": "place"}


@dataclass(frozen=True, slots=True)
class Term:
    kind: str          # tags | people | places
    name: str
    slug: str
    link: str          # root-relative URL of its page

    @property
    def rel(self) -> str:
        return f"{self.kind}/{self.slug}/"


@dataclass(slots=True)
class ArticleView:
    id: str
    title: str
    outlet: str | None
    url: str | None            # the original, only when http(s)
    link: str                  # its page on this site
    published: datetime | None
    published_label: str
    published_iso: str
    place: str | None
    timezone: str | None
    author: str | None
    language: str
    published_utc: datetime | None = None
    anchor: datetime | date | None = None   # what its expressions resolve against (Article.anchor)
    events: list["EventView"] = field(default_factory=list, repr=False)
    text: str = field(default="", repr=False)   # the body, for the article page (provenance)

    @property
    def rel(self) -> str:
        return f"articles/{self.id}/"


@dataclass(frozen=True, slots=True)
class SourceView:
    article_id: str
    article: ArticleView | None
    quote: str
    expression: str


@dataclass(frozen=True, slots=True)
class ConflictView:
    """Another date a source gives for the event: {date, article, expression} as extract
    writes it; keys an editor added are kept as (key, text) pairs."""
    value: str | None
    label: str | None
    html: str | None              # for <time datetime>, when the date parses
    article_id: str | None
    article: ArticleView | None = field(repr=False, compare=False)
    expression: str | None = None
    other: tuple[tuple[str, str], ...] = ()


def conflict_view(raw: dict, articles: dict[str, ArticleView], zones) -> ConflictView:
    value = str(raw["date"]) if raw.get("date") is not None else None
    shown = html = None
    if value:
        try:
            when = labels.parse(value)
            shown, html = labels.label(when, zones=zones), when.html
        except labels.DateError:
            shown = value
    aid = str(raw["article"]) if raw.get("article") is not None else None
    other = tuple((str(k), str(v)) for k, v in raw.items()
                  if k not in ("date", "article", "expression") and v is not None)
    return ConflictView(value, shown, html, aid, articles.get(aid) if aid else None,
                        str(raw["expression"]) if raw.get("expression") else None, other)


@dataclass(slots=True)
class EventView:
    id: str
    link: str
    title: str
    value: str
    mod: str | None
    when: labels.When
    end: labels.When | None
    label: str
    kind: str
    summary: str | None
    status: str
    sources: list[SourceView]
    tags: list[Term]
    people: list[Term]
    places: list[Term]
    conflicts: list[ConflictView]
    year_key: str
    group_key: str
    group_label: str
    updated: datetime | None      # newest publication date among its sources
    source_ids: list[str]         # cited article ids, each once, in order
    item_fp: str = ""             # what a list item shows; list pages hash these
    page_fp: str = ""             # everything the event's own page shows
    prev: "EventView | None" = field(default=None, repr=False)
    next: "EventView | None" = field(default=None, repr=False)

    @property
    def rel(self) -> str:
        return f"events/{self.id}/"

    @property
    def disputed(self) -> bool:
        return bool(self.conflicts)

    @property
    def datetime_attr(self) -> str:
        return self.when.html

    @property
    def start_iso(self) -> str:
        return self.when.start.isoformat()

    @property
    def end_iso(self) -> str:
        return (self.end or self.when).end.isoformat()



def article_views(articles: list[Article], base: BaseUrl) -> dict[str, ArticleView]:
    out = {}
    for a in sorted(articles, key=lambda a: a.id):
        pub = a.published
        out[a.id] = ArticleView(
            id=a.id, title=a.title, outlet=a.source, url=external_url(a.url),
            link=base.link(f"articles/{a.id}/"), published=pub,
            published_label=_published_label(pub, a.place, a.timezone, a.published_precision),
            published_iso=(pub.date().isoformat() if a.published_precision == "day"
                           else pub.isoformat()) if pub else "",
            place=a.place, timezone=a.timezone, author=a.author, language=a.language or "en",
            published_utc=pub.astimezone(timezone.utc) if pub else None, anchor=a.anchor,
            text=a.text)
    return out


def _published_label(pub: datetime | None, place: str | None, zone: str | None,
                     precision: str | None = None) -> str:
    """"Thu 28 Feb 2019, 19:05 Hanoi (UTC+7)": the place when its zone had that offset;
    just "Thu 28 Feb 2019" when only the day is known (ingest's published_precision)."""
    if pub is None:
        return "unknown date"
    if precision == "day":
        return labels.day_label(pub.date())
    off = pub.strftime("%z")
    offset = f"{off[:3]}:{off[3:]}" if off else None
    text = f"{labels.day_label(pub.date())}, {pub:%H:%M}"
    if not offset:
        return text
    where = labels.place_for_offset(offset, pub, [(place or zone, zone)]) if zone else None
    utc = labels.utc_label(offset)
    return f"{text} {where} ({utc})" if where else f"{text} {utc}"


def _group(when: labels.When) -> tuple[str, str, str]:
    """(year key, group key, group heading) for the home page's year/month sections."""
    if when.precision == labels.DECADE:            # "1990s"
        key = when.label.removeprefix("the ")
        return key, f"c{key}", f"Sometime in {when.label}"
    if when.precision == labels.CENTURY:           # "1900-1999"
        key = f"{when.start.year}-{when.end.year}"
        return key, f"c{key}", f"Sometime in {when.label}"
    year = str(when.start.year)
    if when.precision < labels.MONTH:
        return year, f"c{when.value}", f"Sometime in {when.label}"
    month = when.start.month
    return year, f"m{year}-{month:02d}", f"{labels.MONTHS[month - 1]} {year}"


def text_order(event: Event, texts: dict[str, str]) -> tuple:
    """Where the event is first told: (article id, offset of its quote in that article).
    Events with the same date keep the order in which the articles tell them."""
    for source in event.sources:
        text = texts.get(source.article)
        if text is not None and source.quote:
            pos = text.find(source.quote)
            if pos >= 0:
                return (source.article, pos)
    return ("\uffff", 0)


def event_views(events: list[Event], articles: dict[str, ArticleView], base: BaseUrl,
                paths: dict[str, str] | None = None, texts: dict[str, str] | None = None
                ) -> tuple[list[EventView], dict[str, dict[str, Term]], list[Problem]]:
    """Sorted event views (coarse before fine; same date: text order in the first article
    that tells them, see text_order; else input order), the term index and the problems
    (bad dates, unsafe ids) that stop a build."""
    problems: list[Problem] = []
    paths = paths or {}
    names = {k: {n for e in events for n in getattr(e, k)} for k in TERM_KINDS}
    terms = {k: {n: Term(k, n, s, base.link(f"{k}/{s}/")) for n, s in unique_slugs(v).items()}
             for k, v in names.items()}
    tag_terms, people_terms, place_terms = terms["tags"], terms["people"], terms["places"]
    # labels.parse once per distinct date value in this build (many events share a day);
    # When is immutable, so events of one date can share it
    parse = lru_cache(maxsize=None)(labels.parse)
    views: list[EventView] = []
    for ev in events:
        if not safe_id(ev.id):
            problems.append(Problem(paths.get(ev.id, f"event {ev.id}"), f"event id {ev.id!r} "
                                    "cannot be a page name (use letters, digits, '-', '_', '.')"))
            continue
        try:
            when = parse(ev.date)
            end = parse(ev.end) if ev.end else None
        except labels.DateError as exc:
            problems.append(Problem(paths.get(ev.id, f"event {ev.id}"), f"event {ev.id}: {exc}"))
            continue
        sources = [SourceView(s.article, articles.get(s.article), s.quote, s.expression)
                   for s in ev.sources]
        cited = [a for s in sources if (a := s.article) is not None]
        zones = [(a.place or a.timezone, a.timezone) for a in cited if a.timezone]
        year_key, group_key, group_label = _group(when)
        views.append(EventView(
            id=ev.id, link=base.link(f"events/{ev.id}/"), title=ev.title, value=ev.date,
            mod=ev.mod, when=when, end=end,
            label=labels.label(when, mod=ev.mod, end=end, zones=zones), kind=ev.kind,
            summary=ev.summary, status=ev.status, sources=sources,
            tags=[tag_terms[n] for n in dict.fromkeys(ev.tags)],
            people=[people_terms[n] for n in dict.fromkeys(ev.people)],
            places=[place_terms[n] for n in dict.fromkeys(ev.places)],
            conflicts=[conflict_view(c, articles, zones) for c in ev.conflicts if isinstance(c, dict)],
            year_key=year_key, group_key=group_key,
            group_label=group_label,
            updated=max((a.published_utc for a in cited if a.published_utc), default=None),
            source_ids=list(dict.fromkeys(s.article_id for s in sources))))
    tie = {ev.id: text_order(ev, texts or {}) for ev in events}
    views.sort(key=lambda v: (v.when.sort_key, tie[v.id]))   # stable: then input order
    for i, v in enumerate(views):
        v.prev = views[i - 1] if i else None
        v.next = views[i + 1] if i + 1 < len(views) else None
        v.item_fp = fingerprint(v.id, v.title, v.value, v.end and v.end.value, v.mod, v.label,
                                v.kind, v.disputed,
                                [t.name for t in v.tags], [t.name for t in v.people],
                                [t.name for t in v.places], v.source_ids)
    art_fps = {a.id: article_fp(a) for a in articles.values()}
    for v in views:
        v.page_fp = fingerprint(
            v.item_fp, v.summary, v.status, v.conflicts,
            [(s.article_id, s.quote, s.expression, art_fps.get(s.article_id)) for s in v.sources],
            (v.prev.id, v.prev.title, v.prev.label) if v.prev else None,
            (v.next.id, v.next.title, v.next.label) if v.next else None)
    for v in views:
        for aid in v.source_ids:
            if aid in articles:
                articles[aid].events.append(v)
    return views, terms, problems


def _article_fp(a: ArticleView | None):
    if a is None:
        return None
    return (a.id, a.title, a.outlet, a.url, a.published_iso, a.place, a.timezone, a.author)


def article_fp(a: ArticleView) -> str:
    return fingerprint(_article_fp(a))


def term_events(views: list[EventView], kind: str) -> dict[str, list[EventView]]:
    """term name -> its events in timeline order."""
    out: dict[str, list[EventView]] = {}
    for v in views:
        for t in getattr(v, kind):
            out.setdefault(t.name, []).append(v)
    return out


def year_events(views: list[EventView]) -> dict[str, list[EventView]]:
    out: dict[str, list[EventView]] = {}
    for v in views:
        out.setdefault(v.year_key, []).append(v)
    return out
