"""Machine-readable exports: Atom (feed.xml), JSON Feed 1.1 (feed.json), TimelineJS3
JSON (timeline.json), sitemap.xml and the static search index (search.json).

All are deterministic: no build time anywhere. A feed's ``updated`` is the newest
publication date among the articles behind its entries (an entry's own date is the
newest publication date among its sources: when the news appeared).
See ``urls`` for what links look like when only a base path (no full URL) is known.
"""
from __future__ import annotations

import heapq
import html
import json
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from typing import Callable

from markupsafe import escape

from ..errors import Problem
from ..project import SiteConfig
from . import labels
from .render import summary_text
from .memo import Fragments
from .urls import BaseUrl
from .views import ArticleView, EventView

FEED_LIMIT = 50
ATOM_NS = "http://www.w3.org/2005/Atom"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _rfc3339(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_time(v: EventView) -> datetime:
    """When an event became news: its newest source's publication, else its start date."""
    if v.updated is not None:
        return v.updated
    if v.when.instant is not None:
        return v.when.instant.astimezone(timezone.utc)
    d = v.when.start
    return datetime(max(d.year, 1970), d.month, d.day, tzinfo=timezone.utc) if d.year >= 1970 else EPOCH


def feed_events(views: list[EventView]) -> list[EventView]:
    """The newest FEED_LIMIT events by when they became news, then by date (newest first)."""
    order = heapq.nlargest(FEED_LIMIT, range(len(views)), key=lambda i: (entry_time(views[i]), i))
    return [views[i] for i in order]


def feed_updated(entries: list[EventView], articles: dict[str, ArticleView]) -> datetime:
    times = [entry_time(v) for v in entries]
    times += [a.published.astimezone(timezone.utc) for a in articles.values() if a.published]
    return max(times, default=EPOCH)


def entry_id(config: SiteConfig, base: BaseUrl, v: EventView) -> str:
    if base.absolute:
        return base.full(v.rel)
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"timeline:{config.title}:{v.id}"))


def entry_text(v: EventView) -> str:
    """Plain text for feed readers and calendars: date label, kind, summary or quotes."""
    head = v.label + (" (planned)" if v.kind == "planned" else "")
    if v.disputed:
        head += " (date disputed)"
    body = summary_text(v.summary) or "\n".join(
        f"“{s.quote}” ({s.article.credit or s.article.title})" if s.article else f"“{s.quote}”"
        for s in v.sources)
    return f"{head}. {body}".strip()


def atom(config: SiteConfig, base: BaseUrl, entries: list[EventView],
         articles: dict[str, ArticleView]) -> bytes:
    ET.register_namespace("", ATOM_NS)
    q = lambda tag: f"{{{ATOM_NS}}}{tag}"  # noqa: E731
    feed = ET.Element(q("feed"), {"xml:lang": config.language})
    ET.SubElement(feed, q("title")).text = config.title
    if config.description:
        ET.SubElement(feed, q("subtitle")).text = config.description
    ET.SubElement(feed, q("id")).text = (base.full("") if base.absolute else "urn:uuid:" + str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"timeline:{config.title}")))
    ET.SubElement(feed, q("link"), {"rel": "self", "type": "application/atom+xml",
                                    "href": base.full("feed.xml")})
    ET.SubElement(feed, q("link"), {"rel": "alternate", "type": "text/html", "href": base.full("")})
    ET.SubElement(feed, q("updated")).text = _rfc3339(feed_updated(entries, articles))
    ET.SubElement(ET.SubElement(feed, q("author")), q("name")).text = config.title
    ET.SubElement(feed, q("generator")).text = "timeline"
    for v in entries:
        e = ET.SubElement(feed, q("entry"))
        ET.SubElement(e, q("title")).text = v.title
        ET.SubElement(e, q("id")).text = entry_id(config, base, v)
        ET.SubElement(e, q("link"), {"rel": "alternate", "type": "text/html", "href": base.full(v.rel)})
        ET.SubElement(e, q("updated")).text = _rfc3339(entry_time(v))
        ET.SubElement(e, q("summary"), {"type": "text"}).text = entry_text(v)
        for t in v.tags:
            ET.SubElement(e, q("category"), {"term": t.name})
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8") + b"\n"


def json_feed(config: SiteConfig, base: BaseUrl, entries: list[EventView],
              articles: dict[str, ArticleView]) -> bytes:
    items = []
    for v in entries:
        item = {"id": entry_id(config, base, v), "url": base.full(v.rel), "title": v.title,
                "content_text": entry_text(v), "date_published": _rfc3339(entry_time(v))}
        if not base.absolute:           # JSON has no base to resolve a relative URL against
            del item["url"]
        if v.tags:
            item["tags"] = [t.name for t in v.tags]
        items.append(item)
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": config.title,
            "home_page_url": base.full(""), "feed_url": base.full("feed.json"),
            "language": config.language, "authors": [{"name": config.title}], "items": items}
    if not base.absolute:
        del feed["home_page_url"], feed["feed_url"]
    if config.description:
        feed["description"] = config.description
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _tl_date(w: labels.When) -> str:
    """TimelineJS's date object as JSON text: {"year":..} with month, day, hour and minute
    as far as the date's precision goes (ints, so written as json.dumps writes them)."""
    start = w.start
    out = f'{{"year":{start.year}'
    if w.precision >= labels.MONTH and w.precision != labels.QUARTER:
        out += f',"month":{start.month}'
    if w.precision >= labels.WEEK:
        out += f',"day":{start.day}'
    if w.precision == labels.TIME:
        hour, minute = divmod(w.minute, 60)
        out += f',"hour":{hour},"minute":{minute}'
    return out + "}"


def _tl_event(v: EventView, base: BaseUrl, text: Callable[[EventView], str] = entry_text) -> str:
    """One event of timeline.json, written as _json would write its dict (same keys, same
    order): the format is fixed, so each value is encoded alone (~2x faster)."""
    body = str(escape(text(v))) + f' <a href="{escape(base.full(v.rel))}">More</a>'
    out = (f'{{"unique_id":{_js(v.id)},"start_date":{_tl_date(v.when)},'
           f'"display_date":{_js(v.label)},'
           f'"text":{{"headline":{_js(str(escape(v.title)))},"text":{_js(body)}}}')
    if v.end is not None:
        out += f',"end_date":{_tl_date(v.end)}'
    if v.tags:
        out += f',"group":{_js(str(escape(v.tags[0].name)))}'
    return out + "}"


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# What json.dumps(..., ensure_ascii=False) writes a str as (the same C function its encoder
# uses), called directly: a whole json.dumps costs ~5 us for a one-string document.
_encode_str = json.encoder.encode_basestring


def _js(value) -> str:
    """``value`` as _json writes it inside a document: a str through the str encoder,
    anything else (None, a number, ...) through _json."""
    return _encode_str(value) if type(value) is str else _json(value)


def _js_list(values) -> str:
    return "[" + ",".join([_js(x) for x in values]) + "]"


class EntryTexts:
    """entry_text(v), made once per event and build (events.ics and timeline.json both
    print it: the summary's plain text is a few regex passes)."""

    def __init__(self) -> None:
        self.done: dict[str, str] = {}

    def __call__(self, v: EventView) -> str:
        text = self.done.get(v.id)
        if text is None:
            text = self.done[v.id] = entry_text(v)
        return text


def timelinejs(config: SiteConfig, base: BaseUrl, views: list[EventView],
               memo: Fragments, text: Callable[[EventView], str] = entry_text) -> bytes:
    """TimelineJS3's JSON: {title, events: [{start_date{year..}, text{headline,text}, ...}]}.
    TimelineJS renders headline/text as HTML, so both are escaped here."""
    title = {"text": {"headline": str(escape(config.title)), "text": str(escape(config.description))}}
    events = ",".join(memo.pieces("tl", views, lambda v: _tl_event(v, base, text)))
    return f'{{"title":{_json(title)},"events":[{events}]}}\n'.encode("utf-8")


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
SITEMAP_LIMIT = 50_000          # URLs per sitemap file (the protocol's limit)


def xml_escape(text: str) -> str:
    return html.escape(text, quote=False)      # &, <, > (xml.sax's import costs 20 ms)


def sitemaps(base: BaseUrl, pages: list[str]) -> dict[str, bytes]:
    """sitemap.xml listing every page; past 50,000 pages, sitemap.xml is an index of
    sitemap-1.xml, sitemap-2.xml, ... None without a public address: the protocol
    requires absolute URLs (see address_warning)."""
    if not base.absolute:
        return {}
    urls = sorted(pages)
    chunks = [urls[i:i + SITEMAP_LIMIT] for i in range(0, len(urls), SITEMAP_LIMIT)] or [[]]
    head = '<?xml version="1.0" encoding="utf-8"?>'
    if len(chunks) == 1:
        return {"sitemap.xml": _urlset(base, chunks[0])}
    out = {f"sitemap-{n}.xml": _urlset(base, chunk) for n, chunk in enumerate(chunks, 1)}
    index = [head, f'<sitemapindex xmlns="{SITEMAP_NS}">']
    index += [f"<sitemap><loc>{xml_escape(base.full(name))}</loc></sitemap>" for name in out]
    index.append("</sitemapindex>")
    out["sitemap.xml"] = ("\n".join(index) + "\n").encode("utf-8")
    return out


def address_warning(base: BaseUrl, site_yaml: str) -> list[Problem]:
    """The build's warning when no full URL is known (see ``urls``)."""
    if base.absolute:
        return []
    return [Problem(site_yaml, "no public address for the site, so sitemap.xml is not written "
                    "and the feeds have no absolute links: set url: \"https://OWNER.github.io/REPO/\" "
                    "here or build with --base-url https://... (the Pages workflow does)",
                    severity="warning")]


def _urlset(base: BaseUrl, urls: list[str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', f'<urlset xmlns="{SITEMAP_NS}">']
    lines += [f"<url><loc>{xml_escape(base.full(rel))}</loc></url>" for rel in urls]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _search_entry(v: EventView) -> str:
    """One event of search.json: what _json writes for {"id", "title", "date", "label",
    "url", "start", "end", "kind", "quotes", "tags", "people", "places", "sources"} in
    that order, each value encoded alone."""
    return (f'{{"id":{_js(v.id)},"title":{_js(v.title)},"date":{_js(v.value)},'
            f'"label":{_js(v.label)},"url":{_js(v.link)},"start":{_js(v.start_iso)},'
            f'"end":{_js(v.end_iso)},"kind":{_js(v.kind)},'
            f'"quotes":{_js_list([s.quote for s in v.sources])},'
            f'"tags":{_js_list([t.name for t in v.tags])},'
            f'"people":{_js_list([t.name for t in v.people])},'
            f'"places":{_js_list([t.name for t in v.places])},'
            f'"sources":{_js_list(v.source_keys)}}}')


def search_index(views: list[EventView], articles: dict[str, ArticleView],
                 memo: Fragments) -> bytes:
    """Everything search and the filters need, for every event (the home page may show
    only some of them)."""
    events = ",".join(memo.pieces("search", views, _search_entry))
    sources = _json({a.filter_key: a.filter_label for a in articles.values()})
    return f'{{"version":1,"events":[{events}],"sources":{sources}}}\n'.encode("utf-8")
