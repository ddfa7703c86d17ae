"""`timeline build`: the record -> a static site (see templates/README.md for the markup
contract the browser tests and custom themes rely on).

The build reads like its table of contents:

    load config -> load articles -> load events -> order -> plan pages -> render
    -> write exports -> write assets -> prune stale files

``build_site(project, out, base_url)`` is the one entry point (the CLI and the
benchmark call it in-process). It is incremental: validated files are cached by
path+mtime+size+inode, and a page whose inputs did not change is neither rendered nor
written again.
"""
from __future__ import annotations

import gc
import time
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from itertools import chain
from typing import Callable, Iterable, Iterator

from ..errors import TemplateError, ValidationError
from ..project import Project, SiteConfig
from ..report import Report
from ..yamlcheck import display_path
from .. import places, schema
from . import calendar, chart, exports, load, pages, parallel, render, views
from .urls import BaseUrl, site_base
from .memo import Fragments, ViewCache
from .writer import SiteWriter, Staging, fingerprint

__all__ = ["build_site"]


def load_config(project: Project, base_url: str | None) -> tuple[SiteConfig, BaseUrl]:
    """content/site.yaml; ``--base-url`` wins over its base_url (see urls.site_base)."""
    config = schema.load_site_config(project)
    return config, site_base(base_url, config.base_url, config.url)


def read_record(project: Project, base: BaseUrl, salt: str, jobs: int,
                meanwhile: Callable[[], object] | None = None):
    """Articles and events (through the cache of validated files), in timeline order as
    views (their page fingerprints salted with ``salt``), and ``save()``, which writes the
    record and view caches: the build calls it once its render workers run.
    ``meanwhile()`` runs in this process while workers read event files. Only the
    views outlive this function, and up to parallel.PIECES_BACK_MAX events the record
    cache until save() (past that, it is saved and dropped here: at 100k events it
    matters for memory, and so the event views are not kept across builds: holding and
    pickling every view's Core cost ~100 MB at 100k events, a tenth of the memory target)."""
    cache = load.RecordCache(project)
    article_files, event_files = load.record_files(project)
    large = len(event_files) > parallel.PIECES_BACK_MAX
    articles = load.load_articles(project, cache, article_files, jobs)
    events, paths = load.load_events(project, cache, event_files, jobs, meanwhile)
    keep = set(article_files + event_files)
    article_map = views.article_views(articles, base)
    texts = {a.id: a.text for a in articles}
    terms = views.term_index(events, base)
    # a Core's labels also depend on the tz database (a clock time's place is the first
    # cited place whose zone had that offset then)
    kept = None if large else ViewCache(
        load.cache_dir(project) / "views",
        fingerprint(code_version(), cache.version, places.tz_version(), base, views.slug_clashes(terms)))
    try:
        view_list = order(events, article_map, base, paths, texts, terms, kept, cache.stamps, salt)
    except ValidationError:
        cache.save(keep)          # the next build re-reads only the files fixed meanwhile
        raise

    def save() -> None:
        cache.save(keep)
        if kept is not None:
            kept.save()
    if large:
        save()                    # and drop the record cache now
        return article_map, view_list, terms, lambda: None
    return article_map, view_list, terms, save


def order(events, articles, base: BaseUrl, paths: dict[str, str], texts: dict[str, str],
          terms, kept: ViewCache | None, stamps: dict[str, object], salt: str):
    """Events in timeline order with their labels, links and terms (each event's share
    from ``kept`` when its file and articles are those of an earlier build)."""
    views_, _, problems = views.event_views(events, articles, base, paths, texts, terms, kept,
                                            stamps, salt)
    if problems:
        raise ValidationError(problems)
    return views_


# Hashed when this package is imported (its modules just were): see load.hash_modules.
_CODE_VERSION = load.hash_modules(Path(__file__).parent)


def code_version() -> str:
    """This package's code (every module of timeline.site) as imported by this process."""
    return _CODE_VERSION


def site_salt(project: Project, config: SiteConfig, base: BaseUrl) -> str:
    """What every page depends on: theme files, site settings, base URL, this code and
    the libraries that render (render.library_stamp: an upgraded Jinja or MarkupSafe
    renders every page and export piece again)."""
    return fingerprint(render.theme_fingerprint(project), config, base, code_version(),
                       render.library_stamp())


def overview_chart(view_list, base: BaseUrl):
    """chart(anchor links) -> SVG whose bars link into the home list (or year pages);
    all made when called (the plan does, while the render workers run)."""
    def make(anchors: dict[str, str]) -> chart.Chart:
        bars, coarse = chart.bins(view_list)
        first = bars[0].key if bars else "y"
        unit = {"d": "day", "m": "month"}.get(first[0]) or ("decade" if first.endswith("s") else "year")

        def href(bar: chart.Bar) -> str:
            return next((anchors[a] for a in bar.anchors if a in anchors), base.link("years/"))
        return chart.Chart(chart.svg(bars, href, "Number of events over time"), unit, coarse)
    return make


def render_pages(env, events: list[pages.Page], plan: Iterator[pages.Page], writer: SiteWriter,
                 jobs: int, memo: Fragments, exports: Callable[[], Iterator[tuple[str, bytes]]],
                 sitemap: Callable[[list[str]], Iterable[tuple[str, bytes]]],
                 first: Callable[[], None]) -> list[str]:
    """Render every page whose inputs changed and write the whole-site files; returns the
    URL path of every page. The event pages (the bulk) go to every core when there are
    many; this process meanwhile runs ``first()`` (work that can wait until then), plans
    the other pages (``plan``, consumed as it goes) and renders them. ``exports()``:
    (path, bytes) pairs, written by this process while workers render (up to
    PIECES_BACK_MAX event pages; past that once they are gone, for memory); ``sitemap(page
    URLs)`` last."""
    urls = [page.url_path for page in events]
    queue = [page for page in events if not writer.is_current(page.rel, page.fp)]

    def own() -> Iterator[pages.Page]:
        for page in plan:
            urls.append(page.url_path)
            if not writer.is_current(page.rel, page.fp):
                yield page

    shipped = len(queue) <= parallel.PIECES_BACK_MAX     # workers' memo pieces come back
    done = parallel.render_many(env, queue, own(), writer.files, jobs, memo,
                                exports if shipped else None, first)
    if done is not None:
        for rel, fp, written in done:
            writer.record(rel, fp, written)
    else:
        first()
        templates: dict = {}
        for page in chain(queue, own()):
            writer.write(page.rel, parallel.render_one(env, templates, page), page.fp)
    if done is None or not shipped:
        for rel, data in exports():
            writer.write(rel, data)
    for rel, data in sitemap(urls):
        writer.write(rel, data)
    return urls


def export_files(config, base, view_list, articles, memo: Fragments,
                 ) -> Iterator[tuple[str, bytes]]:
    """The whole-site files besides the pages and the sitemap: feeds, calendar,
    TimelineJS data, search index, .nojekyll."""
    entries = exports.feed_events(view_list)
    text = exports.EntryTexts()
    yield "feed.xml", exports.atom(config, base, entries, articles)
    yield "feed.json", exports.json_feed(config, base, entries, articles)
    yield "events.ics", calendar.icalendar(config, base, view_list, memo, text)
    yield "timeline.json", exports.timelinejs(config, base, view_list, memo, text)
    yield "search.json", exports.search_index(view_list, articles, memo)
    yield ".nojekyll", b""


def sitemap_files(base: BaseUrl, page_urls: list[str]) -> Iterable[tuple[str, bytes]]:
    return exports.sitemaps(base, [u for u in page_urls if u != "404.html"]).items()


def write_assets(project: Project, writer: SiteWriter) -> None:
    for rel, path in render.asset_files(project).items():
        writer.write(rel, path.read_bytes())


def warm_theme(env) -> None:
    """Compile the theme's templates while workers read the record (~50-80 ms of a cold
    build that had the other core idle). A template error is left for compile_theme, which
    the build calls after reading: errors in the record are still reported first."""
    try:
        render.compile_theme(env)
    except TemplateError:
        pass


@contextmanager
def record_in_memory():
    """The record is hundreds of thousands of small objects that live for the whole build;
    the cyclic garbage collector would rescan them again and again (a third of the load
    time at 10k events). It is off while they are made, then they are frozen out of its
    scans until the build ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def build_site(project: Project, out: Path | None = None, base_url: str | None = None,
               jobs: int | None = None, hold: list | None = None) -> Report:
    """Build the site into ``out`` (default: the project's site/) with ``jobs`` processes
    (default: one per core). Raises ConfigError, ValidationError or TemplateError;
    returns what was done. ``hold``: a list the build's data is put in when it succeeds,
    instead of being freed as this returns (about a million objects at 10k events,
    0.05-0.15 s to free one by one), for a caller that ends its process right after
    without freeing them (the CLI)."""
    started = time.perf_counter()
    out = Path(out) if out is not None else project.default_out
    jobs = jobs or parallel.default_jobs()
    try:
        with record_in_memory():
            config, base = load_config(project, base_url)
            salt = site_salt(project, config, base)
            cache = load.cache_dir(project)
            memo = Fragments(cache / "fragments.pickle", salt)
            env = render.make_env(project, cache)
            render.install_helpers(env, config, base, memo)
            article_map, view_list, terms, save_caches = read_record(
                project, base, salt, jobs, partial(warm_theme, env))
        theme_warnings = render.compile_theme(env)
        staging = Staging.stage(out)
        writer = SiteWriter(out, cache / f"site-{fingerprint(str(out.resolve()))}.json", staging)
        try:
            plan = pages.plan(view_list, terms, article_map, base, salt,
                              overview_chart(view_list, base), cache / "timex.json")
            page_urls = render_pages(env, pages.event_pages(view_list), plan, writer, jobs, memo,
                                     partial(export_files, config, base, view_list, article_map, memo),
                                     partial(sitemap_files, base), save_caches)
            render.keep_pieces(env, memo, view_list)
            write_assets(project, writer)
            if staging is not None:
                staging.publish()
        except BaseException:
            if staging is not None:
                staging.abandon()
            raise
        writer.finish()
        memo.save()
    finally:
        gc.unfreeze()
    views.release(view_list, article_map)
    if hold is not None:
        hold.append((view_list, article_map, terms, memo, env, writer, save_caches, page_urls))
    report = Report(problems=exports.address_warning(base, display_path(project.site_config))
                    + theme_warnings)
    report.summary = (
        f"built {len(page_urls)} pages for {len(view_list)} events from {len(article_map)} articles "
        f"into {out} ({writer.written} files written, {writer.unchanged} unchanged, "
        f"{writer.skipped} pages skipped, {writer.removed} removed) "
        f"in {time.perf_counter() - started:.2f} s")
    return report
