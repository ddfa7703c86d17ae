"""The page plan: every HTML page of the site as (path, template, fingerprint,
context maker). Contexts are made only when a page has to be rendered, one at a
time, so memory stays flat however many events there are, and a page whose
fingerprint did not change is never rendered again.

Long lists are split: the home page shows at most HOME_LIMIT events (the first
events of every year, each year linking to its own pages); year, tag, person,
place and article pages show PAGE_SIZE events per page (``.../page/2/``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, NamedTuple

from . import provenance
from .urls import BaseUrl
from .views import (TERM_KINDS, TERM_SINGULAR, ArticleView, EventView, Term, article_fp,
                    term_events, year_events)
from .writer import fingerprint

HOME_LIMIT = 400
PAGE_SIZE = 500
FILTER_OPTIONS = 300     # most frequent tags / sources offered in the home page's filters
TERM_TITLES = {"tags": "Tags", "people": "People", "places": "Places"}


class Page(NamedTuple):              # a tuple: 10k are made on every build
    rel: str                         # output file, e.g. "events/x/index.html"
    template: str
    fp: str                          # fingerprint of everything the page shows
    context: Callable[[], dict]

    @property
    def url_path(self) -> str:       # "events/x/"
        return self.rel.removesuffix("index.html")


@dataclass
class Group:
    key: str
    label: str
    events: list[EventView] = field(default_factory=list)


@dataclass
class YearSection:
    key: str
    label: str
    link: str                        # the year's own page
    total: int                       # events in the whole year
    groups: list[Group] = field(default_factory=list)

    @property
    def shown(self) -> int:
        return sum(len(g.events) for g in self.groups)


def sections(events: list[EventView], base: BaseUrl, totals: dict[str, int] | None = None,
             ) -> list[YearSection]:
    """Events (already in order) grouped by year, then by month or coarser stretch."""
    out: list[YearSection] = []
    year = group = None               # the current section's and group's keys
    add = None                        # appends to the current group's events
    for v in events:                  # (~57k events in all the lists of 10k: kept lean)
        if v.year_key != year:
            year = v.year_key
            out.append(YearSection(year, year, base.link(f"years/{year}/"),
                                   (totals or {}).get(year, 0)))
            group = None
        if v.group_key != group:
            group = v.group_key
            g = Group(group, v.group_label)
            out[-1].groups.append(g)
            add = g.events.append
        add(v)
    if totals is None:
        for sec in out:
            sec.total = sec.shown
    return out


def home_events(views: list[EventView], limit: int = HOME_LIMIT,
                by_year: dict[str, list[EventView]] | None = None) -> list[EventView]:
    """All events when they fit, else the first events of every year, fairly shared."""
    if len(views) <= limit:
        return list(views)
    by_year = by_year if by_year is not None else year_events(views)
    per_year = max(1, limit // max(1, len(by_year)))
    return [v for evs in by_year.values() for v in evs[:per_year]]


def _page_rel(base_rel: str, n: int) -> str:
    return base_rel + ("" if n == 1 else f"page/{n}/") + "index.html"


def _pagination(base: BaseUrl, base_rel: str, n: int, count: int) -> dict:
    return {"number": n, "count": count,
            "prev": base.link(_page_rel(base_rel, n - 1).removesuffix("index.html")) if n > 1 else None,
            "next": base.link(_page_rel(base_rel, n + 1).removesuffix("index.html")) if n < count else None}


def list_pages(base: BaseUrl, salt: str, base_rel: str, template: str, events: list[EventView],
               extra: dict, extra_fp: object, first_fp: Callable[[], object] | None = None,
               ) -> Iterator[Page]:
    """One list split into PAGE_SIZE pages: base_rel, base_rel/page/2/, ...; ``first_fp``
    is what only the first page shows besides the list (an article's text)."""
    count = max(1, -(-len(events) // PAGE_SIZE))
    for n in range(1, count + 1):
        chunk = events[(n - 1) * PAGE_SIZE: n * PAGE_SIZE]
        rel = _page_rel(base_rel, n)
        fp = fingerprint(salt, rel, extra_fp, n, count, items_fp(chunk),
                         first_fp() if first_fp is not None and n == 1 else None)

        def make(chunk=chunk, n=n, rel=rel):
            return dict(extra, sections=sections(chunk, base), total=len(events),
                        pagination=_pagination(base, base_rel, n, count),
                        canonical=rel.removesuffix("index.html"))
        yield Page(rel, template, fp, make)


def items_fp(events: list[EventView]) -> str:
    """What a list of events shows of them: their item_fps (fixed-length hex) in order."""
    return "".join([v.item_fp for v in events])


def filter_options(views: list[EventView], articles: dict[str, ArticleView]) -> dict:
    """The most used tags and sources (outlets, else news agencies, else single articles:
    ArticleView.filter_key) for the home page's filter menus (a menu of
    thousands is unusable and would eat the home page's size budget), with how many
    there are in all: the page then links to the tag and source indexes, where every
    one has its own page listing its events, with or without JavaScript."""
    tag_counts: dict[str, int] = {}
    src_counts: dict[str, int] = {}
    for v in views:
        for t in v.tags:
            tag_counts[t.name] = tag_counts.get(t.name, 0) + 1
        for k in v.source_keys:
            src_counts[k] = src_counts.get(k, 0) + 1
    top = lambda c: sorted(sorted(c, key=lambda k: (-c[k], k))[:FILTER_OPTIONS])  # noqa: E731
    labels = {a.filter_key: a.filter_label for a in articles.values()}
    named = {a.filter_key for a in articles.values() if a.outlet or a.wire}
    # outlets and agencies by name, then the articles that name neither, by title
    sources = sorted([(k, labels.get(k, k)) for k in top(src_counts)],
                     key=lambda kl: (kl[0] not in named, kl[1].casefold(), kl[0]))
    return {"tags": top(tag_counts), "sources": sources,
            "tag_count": len(tag_counts), "source_count": len(src_counts)}


def anchor_links(home_secs: list[YearSection], years: dict[str, list[EventView]],
                 base: BaseUrl) -> dict[str, str]:
    """Section id ("y2019", "m2019-02", "c2019-Q2") -> where it is: on the home page when
    shown there, else on the year page (the right page of it) that holds it."""
    out: dict[str, str] = {}
    for key, evs in years.items():
        for n, start in enumerate(range(0, len(evs), PAGE_SIZE), 1):
            url = base.link(_page_rel(f"years/{key}/", n).removesuffix("index.html"))
            out.setdefault(f"y{key}", f"{url}#y{key}")
            for v in evs[start:start + PAGE_SIZE]:
                out.setdefault(v.group_key, f"{url}#{v.group_key}")
    for sec in home_secs:
        out[f"y{sec.key}"] = f"#y{sec.key}"
        for g in sec.groups:
            out[g.key] = f"#{g.key}"
            for v in g.events:
                out[f"e-{v.id}"] = f"#e-{v.id}"
    return out


def event_pages(views: list[EventView]) -> list[Page]:
    """Each event's own page (its page_fp holds the salt: views.event_views)."""
    return [Page(f"events/{v.id}/index.html", "event.html", v.page_fp,
                 lambda v=v: {"event": v, "canonical": v.rel}) for v in views]


def plan(views: list[EventView], terms: dict[str, dict[str, Term]],
         articles: dict[str, ArticleView], base: BaseUrl, salt: str, chart,
         timex_cache: Path | None = None) -> Iterator[Page]:
    """Every HTML page but the event pages (event_pages), home first, made as they are
    taken (a build plans them while its workers render the event pages).
    ``chart(anchor_links)`` makes the overview SVG;
    ``timex_cache`` keeps the tagger's results for the article pages across builds."""
    years = year_events(views)
    shown = home_events(views, by_year=years)
    totals = {k: len(v) for k, v in years.items()}
    options = filter_options(views, articles)
    home_secs = sections(shown, base, totals)
    svg = chart(anchor_links(home_secs, years, base))
    yield Page("index.html", "index.html",
               fingerprint(salt, items_fp(shown), totals, options, svg),
               lambda: {"sections": home_secs, "total": len(views), "shown": len(shown),
                        "chart": svg, "options": options, "canonical": ""})
    yield Page("years/index.html", "years.html", fingerprint(salt, totals),
               lambda: {"years": list(years), "counts": totals, "canonical": "years/"})
    for key, evs in years.items():
        yield from list_pages(base, salt, f"years/{key}/", "list.html", evs,
                              {"kind": "year", "heading": key, "term": None}, key)
    by_kind = term_events(views)
    for kind in TERM_KINDS:
        by_term = by_kind[kind]
        index = sorted(terms[kind].values(), key=lambda t: (t.name.casefold(), t.name))
        counts = {t.name: len(by_term.get(t.name, ())) for t in index}
        yield Page(f"{kind}/index.html", "terms.html", fingerprint(salt, kind, counts),
                   lambda kind=kind, index=index, counts=counts: {
                       "kind": kind, "heading": TERM_TITLES[kind], "terms": index,
                       "counts": counts, "canonical": f"{kind}/"})
        for t in index:
            yield from list_pages(base, salt, t.rel, "list.html", by_term.get(t.name, []),
                                  {"kind": TERM_SINGULAR[kind], "heading": t.name, "term": t},
                                  (kind, t.name))
    arts = sorted(articles.values(), key=oldest_first)
    yield Page("articles/index.html", "articles.html",
               fingerprint(salt, [(article_fp(a), len(a.events)) for a in arts]),
               lambda: {"articles": arts, "canonical": "articles/"})
    tagger = provenance.tagger_stamp() if arts else ""
    timex = provenance.TimexCache(timex_cache, tagger)
    timex.fill(arts)
    for a in arts:
        yield from list_pages(base, salt, a.rel, "article.html", a.events,
                              {"kind": "article", "heading": a.title, "article": a,
                               "provenance": lambda a=a: provenance.provenance(a, timex)},
                              article_fp(a), lambda a=a: (provenance.provenance_fp(a), tagger))
    newest = max((a for a in arts if a.published), key=lambda a: a.published, default=None)
    reviewed = sum(1 for v in views if v.status == "reviewed")
    yield Page("about/index.html", "about.html",
               fingerprint(salt, [(article_fp(a), len(a.events)) for a in arts], len(views),
                           sorted(years), reviewed),
               lambda: {"articles": arts, "total": len(views), "newest": newest, "reviewed": reviewed,
                        "years": sorted(years, key=lambda k: years[k][0].when.sort_key),
                        "canonical": "about/"})
    yield Page("404.html", "404.html", fingerprint(salt, "404"), lambda: {"canonical": None})


def oldest_first(a: ArticleView) -> tuple:
    """Sources in the order they were published: by the instant (a "+08:00" morning is the
    previous evening in London; the ISO strings would sort them by their local clocks),
    articles with no date last, ties by id."""
    return (a.published_utc is None, a.published_utc.timestamp() if a.published_utc else 0.0, a.id)
