"""What the templates see: events, articles and terms (tags, people, places) turned
into read-only views with their labels, links and groupings precomputed once.

Pure functions over the model; nothing here renders or writes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache
from itertools import chain, compress, count, islice
from operator import attrgetter, eq
from typing import TYPE_CHECKING, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import Problem
from ..model import Article, Event
from . import labels
from .labels import When
from .urls import BaseUrl, external_url, safe_id, slugify, unique_slugs
from .writer import fingerprint

if TYPE_CHECKING:
    from .memo import ViewCache

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
    wire: str | None = None    # the news agency the story is credited to, e.g. "Bloomberg"

    @property
    def credit(self) -> str | None:
        """Who a reader is told the story is from: the outlet, with the agency it carried
        ("The Star via Bloomberg"), or only the agency ("via Bloomberg") when the outlet is
        unknown; None when neither is. Display only: the record keeps them apart."""
        if self.wire and self.wire != self.outlet:
            return f"{self.outlet} via {self.wire}" if self.outlet else f"via {self.wire}"
        return self.outlet

    @property
    def filter_key(self) -> str:
        """What the home page's Source filter groups it under: its outlet, else the agency
        (both are names a reader knows: "Reuters" holds Reuters' own stories and Reuters
        copy of unknown outlets), else the article itself (its id). A "|" in a name would
        split it in the page's data-sources list: it reads as "/"."""
        return (self.outlet or self.wire or self.id).replace("|", "/")

    @property
    def filter_label(self) -> str:
        return self.outlet or self.wire or self.title

    @property
    def rel(self) -> str:
        return f"articles/{self.id}/"

    zone_place = Article.zone_place     # the same rule on the same two fields, written once

    @property
    def zone_label(self) -> str:
        """The dateline zone's offset on the publication day, "UTC+7": what a reader
        knows, where the tz database's name can look like a mistake (northern Vietnam
        keeps Asia/Bangkok's clock, so Hanoi's zone is Asia/Bangkok)."""
        if not self.timezone or self.published is None:
            return ""
        try:
            off = self.published.astimezone(ZoneInfo(self.timezone)).strftime("%z")
        except (ZoneInfoNotFoundError, ValueError):
            return ""
        return labels.utc_label(off)      # "+0700" reads as "+07:00" there


class SourceView(NamedTuple):       # a tuple: one per source per event and build
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
    sources: tuple[SourceView, ...]
    tags: tuple[Term, ...]
    people: tuple[Term, ...]
    places: tuple[Term, ...]
    conflicts: tuple[ConflictView, ...]
    year_key: str
    group_key: str
    group_label: str
    updated: datetime | None      # newest publication date among its sources
    source_ids: tuple[str, ...]   # cited article ids, each once, in order
    source_keys: tuple[str, ...]  # their Source filter keys (ArticleView.filter_key), each once
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
            text=a.text, wire=a.wire)
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


def term_index(events: list[Event], base: BaseUrl) -> dict[str, dict[str, Term]]:
    """kind -> name -> Term for every tag, person and place the events name."""
    out = {}
    for kind in TERM_KINDS:
        names = set(chain.from_iterable(map(attrgetter(kind), events)))
        out[kind] = {n: Term(kind, n, s, base.link(f"{kind}/{s}/"))
                     for n, s in unique_slugs(names).items()}
    return out


def slug_clashes(terms: dict[str, dict[str, Term]]) -> list[tuple[str, str, str]]:
    """The terms whose slug is not their name's own (``-2`` after a clash): the only term
    links that depend on other events' names, so what a kept Core also depends on."""
    return sorted((t.kind, t.name, t.slug) for index in terms.values() for t in index.values()
                  if t.slug != slugify(t.name))


class BadEvent(Exception):
    """An event that stops the build (its message names the event)."""


# An event's Core: the part of its view that depends only on its own file, the articles
# it cites or names in a conflict (event_deps), the base URL and slug_clashes: made once,
# then kept across builds (memo.ViewCache). Plain tuples of plain values (when and end
# are labels.When's fields), in EventView's field order with the per-build parts left
# out: every build unpickles one per event, and a class pickled by reference costs a
# Python call each way.
CORE = ("link", "when", "end", "label", "year_key", "group_key", "group_label", "tags",
        "people", "places", "source_ids", "source_keys", "updated", "item_fp", "sort_key", "own_fp")


def event_core(ev: Event, articles: dict[str, ArticleView], base: BaseUrl, parse,
               art_fps: dict[str, str], clashes: str) -> tuple:
    """The Core of one event (CORE's fields); raises BadEvent for an unsafe id or a date
    the site cannot place. own_fp is everything the event's page shows but its neighbours.
    ``clashes`` (a fingerprint of slug_clashes) stands for the slugs of its terms: only a
    clash makes a slug other than its name's own."""
    if not safe_id(ev.id):
        raise BadEvent(f"event id {ev.id!r} cannot be a page name (use letters, digits, '-', "
                       "'_', '.')")
    try:
        when = parse(ev.date)
        end = parse(ev.end) if ev.end else None
    except labels.DateError as exc:
        raise BadEvent(f"event {ev.id}: {exc}") from None
    cited = [a for s in ev.sources if (a := articles.get(s.article)) is not None]
    label = labels.label(when, mod=ev.mod, end=end, zones=_zones(cited))
    conflicts = _conflicts(ev, articles, cited)
    tags, people, places = (tuple(dict.fromkeys(ev.tags)), tuple(dict.fromkeys(ev.people)),
                            tuple(dict.fromkeys(ev.places)))
    source_ids = tuple(dict.fromkeys([s.article for s in ev.sources]))
    source_keys = tuple(dict.fromkeys([articles[a].filter_key if a in articles else a
                                       for a in source_ids]))
    item_fp = fingerprint(ev.id, ev.title, ev.date, end and end.value, ev.mod, label, ev.kind,
                          bool(conflicts), tags, people, places, source_ids, source_keys, clashes)
    own_fp = fingerprint(item_fp, ev.summary, ev.status, conflicts,
                         [art_fps.get(c.article_id) for c in conflicts],
                         [(s.article, s.quote, s.expression, art_fps.get(s.article))
                          for s in ev.sources])
    times = [a.published_utc for a in cited if a.published_utc]
    return (base.link(f"events/{ev.id}/"), tuple(when), end and tuple(end), label,
            *_group(when), tags, people, places, source_ids, source_keys,
            max(times) if times else None,
            item_fp, when.sort_key, own_fp)


def event_deps(ev: Event) -> tuple[str, ...]:
    """The article ids an event's Core depends on: its sources' and its conflicts'."""
    deps = tuple(s.article for s in ev.sources)
    if ev.conflicts:
        deps += tuple(str(c.get("article")) for c in ev.conflicts if isinstance(c, dict))
    return deps


def _zones(cited: list[ArticleView]) -> list[tuple[str, str]]:
    """(place name, zone) of the cited articles: a clock time's offset is labelled with
    the first place whose zone had it."""
    return [(a.place or a.timezone, a.timezone) for a in cited if a.timezone]


def _conflicts(ev: Event, articles: dict[str, ArticleView], cited: list[ArticleView] | None = None,
               ) -> tuple[ConflictView, ...]:
    if not ev.conflicts:
        return ()
    if cited is None:
        cited = [a for s in ev.sources if (a := articles.get(s.article)) is not None]
    zones = _zones(cited)
    return tuple(conflict_view(c, articles, zones) for c in ev.conflicts if isinstance(c, dict))


def _page_fp(salt: str, own_fp: str, prev: EventView | None, next_: EventView | None) -> str:
    """Everything an event's page shows: the site's salt, its own inputs and what it
    shows of its neighbours (their id, title and label, all in their item_fp)."""
    text = f"{salt}:{own_fp}:{prev.item_fp if prev else ''}:{next_.item_fp if next_ else ''}"
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def event_views(events: list[Event], articles: dict[str, ArticleView], base: BaseUrl,
                paths: dict[str, str] | None = None, texts: dict[str, str] | None = None,
                terms: dict[str, dict[str, Term]] | None = None,
                cache: "ViewCache | None" = None, stamps: dict[str, object] | None = None,
                salt: str = "",
                ) -> tuple[list[EventView], dict[str, dict[str, Term]], list[Problem]]:
    """Sorted event views (coarse before fine; same date: text order in the first article
    that tells them, see text_order; else input order), the term index and the problems
    (bad dates, unsafe ids) that stop a build.

    ``cache`` (memo.ViewCache, salted with the code, the record cache's version, the tz
    database, the base URL and slug_clashes(terms)) holds each event's Core from earlier builds, reused while the event's file stamp
    (``stamps``: shown path -> stamp, from load.RecordCache) is the same and no article
    it depends on changed: after one edit only that event's Core is made again.
    ``salt`` (what every page depends on: theme, settings, code) goes into each page_fp."""
    problems: list[Problem] = []
    paths = paths or {}
    stamps = stamps or {}
    terms = terms if terms is not None else term_index(events, base)
    tag_terms, people_terms, place_terms = (terms[k].__getitem__ for k in TERM_KINDS)
    art_fps = {a.id: article_fp(a) for a in articles.values()}
    clashes = fingerprint(slug_clashes(terms))
    if cache is not None:
        cache.articles(art_fps)
    # labels.parse once per distinct date value among the Cores made (many events share a day)
    parse = lru_cache(maxsize=None)(labels.parse)
    views: list[EventView] = []
    told: list[Event] = []
    keys: list[tuple] = []
    own_fps: list[str] = []
    for ev in events:
        stamp = stamps.get(paths.get(ev.id))
        core = cache.get(ev.id, stamp) if cache is not None else None
        if core is None:
            try:
                core = event_core(ev, articles, base, parse, art_fps, clashes)
            except BadEvent as exc:
                problems.append(Problem(paths.get(ev.id, f"event {ev.id}"), str(exc)))
                continue
            if cache is not None and stamp is not None:
                cache.put(ev.id, stamp, event_deps(ev), core)
        (link, when, end, label, year_key, group_key, group_label, tags, people, places,
         source_ids, source_keys, updated, item_fp, sort_key, own_fp) = core
        views.append(EventView(
            ev.id, link, ev.title, ev.date, ev.mod, When(*when), end and When(*end), label,
            ev.kind, ev.summary, ev.status,
            tuple([SourceView(s.article, articles.get(s.article), s.quote, s.expression)
                   for s in ev.sources]),
            tuple(map(tag_terms, tags)), tuple(map(people_terms, people)),
            tuple(map(place_terms, places)), _conflicts(ev, articles), year_key, group_key,
            group_label, updated, source_ids, source_keys, item_fp))
        told.append(ev)
        keys.append(sort_key)
        own_fps.append(own_fp)
    order = _timeline_order(keys, told, texts or {})
    views = [views[i] for i in order]
    last = len(views) - 1
    for n, (i, v) in enumerate(zip(order, views)):
        v.prev = views[n - 1] if n else None
        v.next = views[n + 1] if n < last else None
        v.page_fp = _page_fp(salt, own_fps[i], v.prev, v.next)
        for aid in v.source_ids:
            if aid in articles:
                articles[aid].events.append(v)
    return views, terms, problems


def _timeline_order(keys: list[tuple], events: list[Event], texts: dict[str, str]) -> list[int]:
    """Indexes in timeline order: by date (labels.When.sort_key), then, among events of
    one date, by text_order, then input order. text_order only where dates tie."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    ranked = [keys[i] for i in order]
    # positions whose next event has the same date, found without a Python-level loop
    # over all events: ties are a minority
    tied = list(compress(count(), map(eq, ranked, islice(ranked, 1, None))))
    n = 0
    while n < len(tied):
        start = stop = tied[n]
        while n < len(tied) and tied[n] == stop:      # a run of ties: start .. stop
            stop, n = stop + 1, n + 1
        order[start:stop + 1] = sorted(order[start:stop + 1],
                                       key=lambda i: (text_order(events[i], texts), i))
    return order


def _article_fp(a: ArticleView | None):
    """What the pages that show or link into an article depend on: its text too, since an
    event page's link to its expression names that expression's place among the same
    words in the text (anchors.anchor_id: 'as last year' added above it makes it -2)."""
    if a is None:
        return None
    return (a.id, a.title, a.outlet, a.wire, a.url, a.published_iso, a.published_label,
            a.published_utc, a.place, a.timezone, a.author, a.language, a.text)


def article_fp(a: ArticleView) -> str:
    return fingerprint(_article_fp(a))


def release(views: list[EventView], articles: dict[str, ArticleView]) -> None:
    """Cut the links that make the views a cycle (prev/next; an article's events and an
    event's sources), so that they are freed as soon as the build drops them instead of
    by a pass of the cyclic garbage collector over the whole heap (0.07 s at 10k events,
    at the latest when the process exits)."""
    for v in views:
        v.prev = v.next = None
    for a in articles.values():
        a.events.clear()


def term_events(views: list[EventView]) -> dict[str, dict[str, list[EventView]]]:
    """kind -> term name -> its events in timeline order."""
    tags: dict[str, list[EventView]] = {}
    people: dict[str, list[EventView]] = {}
    places: dict[str, list[EventView]] = {}
    for v in views:
        for t in v.tags:
            tags.setdefault(t.name, []).append(v)
        for t in v.people:
            people.setdefault(t.name, []).append(v)
        for t in v.places:
            places.setdefault(t.name, []).append(v)
    return {"tags": tags, "people": people, "places": places}


def year_events(views: list[EventView]) -> dict[str, list[EventView]]:
    out: dict[str, list[EventView]] = {}
    for v in views:
        out.setdefault(v.year_key, []).append(v)
    return out
