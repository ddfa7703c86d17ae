"""A timeline too big for one page (1,000 events over 10 years): the home page stays small,
search reaches the events that are not on it, a search survives in the URL, and with
JavaScript off every event is still reachable through the year pages."""
from __future__ import annotations

import gzip
from urllib.parse import urljoin, urlsplit

import pytest

from .sites import build, serve_dir
from .fixture_project import ARTICLES, write_fixture_project
from timeline.model import Event, Source
from timeline.store import write_event

N = 1000
HOME_LIMIT_KB = 200


def codeword(i: int) -> str:
    """A made-up word unique to event i (letters only, so any tokenizer keeps it whole)."""
    return "zq" + "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3))


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    root = write_fixture_project(tmp_path_factory.mktemp("large") / "project")
    article = ARTICLES[0]
    quote = article.text.split("\n\n")[0]
    for i in range(N):
        year, day = 2000 + i // 100, i % 100
        date = f"{year}-{1 + day // 9:02d}-{1 + day % 28:02d}"
        write_event(root / "content" / "events", Event(
            id=f"bulk-{i:04d}", date=date, title=f"Delegates meet about {codeword(i)}",
            tags=["bulk"], sources=[Source(article=article.id, quote=quote, expression="June 2018")],
            status="reviewed"))
    out = build(root, tmp_path_factory.mktemp("large-site") / "site")
    server, site = serve_dir(out)
    yield site
    server.shutdown()
    server.server_close()


def test_home_page_stays_small(page, large_site):
    html = (large_site.out / "index.html").read_bytes()
    assert len(gzip.compress(html)) < HOME_LIMIT_KB * 1024
    page.goto(large_site.page_url(""))
    shown = page.locator("li.event").count()
    assert 0 < shown < N


def test_search_reaches_an_event_that_is_not_on_the_home_page(page, large_site):
    page.goto(large_site.page_url(""))
    page.wait_for_load_state("networkidle")
    on_home = set(page.eval_on_selector_all("li.event", "ls => ls.map(l => l.id.slice(2))"))
    missing = next(i for i in reversed(range(N)) if f"bulk-{i:04d}" not in on_home)
    page.fill("#search", codeword(missing))
    link = page.locator(f"#search-more a[href$='events/bulk-{missing:04d}/']")
    link.wait_for(timeout=10000)
    assert "1" in page.locator("#result-count").inner_text()
    link.click()
    page.wait_for_load_state("networkidle")
    assert codeword(missing) in page.locator("h1").inner_text()
    page.guard.assert_clean()


def test_a_search_in_the_url_is_applied_on_load(page, large_site):
    page.goto(large_site.page_url(f"?q={codeword(7)}"))
    page.wait_for_function("() => document.querySelector('#result-count').textContent.includes('1 event')",
                           timeout=10000)
    assert page.input_value("#search") == codeword(7)
    visible = page.eval_on_selector_all("li.event:not([hidden])", "ls => ls.map(l => l.id.slice(2))")
    assert visible == ["bulk-0007"]


def test_without_javascript_every_event_is_linked_from_some_page(new_page, large_site):
    """Crawl every page except the event pages themselves; collect the event links."""
    page = new_page(javascript=False)
    start = large_site.page_url("")
    todo, seen, events = [start], set(), set()
    while todo:
        url = todo.pop()
        path = urlsplit(url).path
        if path in seen:
            continue
        seen.add(path)
        response = page.goto(url)
        assert response.status == 200, url
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))"):
            target = urljoin(url, href).split("#")[0].split("?")[0]
            parts = urlsplit(target)
            if parts.netloc != urlsplit(start).netloc or not parts.path.endswith("/"):
                continue
            if "/events/" in parts.path:
                events.add(parts.path.rstrip("/").rsplit("/", 1)[-1])
            elif parts.path not in seen:
                todo.append(target)
    assert {f"bulk-{i:04d}" for i in range(N)} <= events
    page.guard.assert_clean()
