"""The built site in a real headless Chromium: rendering, search, filters, keyboard,
accessibility (axe-core), a clean console, no third-party request, JavaScript off,
a sub-path deployment, screenshots at 360 px and 1280 px (test-artifacts/)."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from .fixture_project import EVENTS
from .paths import ARTIFACTS, DEMO_ROOT

ALL_FIXTURE_IDS = [e[0] for e in EVENTS]


def demo_event_ids() -> list[str]:
    ids = []
    for path in sorted((DEMO_ROOT / "content" / "events").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("status") != "rejected":
            ids.append(data["id"])
    assert ids, "the demo has events (content/events/)"
    return ids


def listed_ids(page, visible_only: bool = True) -> list[str]:
    """ids of the home page's event items in document order (visible = not [hidden])."""
    return page.eval_on_selector_all(
        "li.event", """(items, visibleOnly) => items
            .filter(li => !visibleOnly || (!li.closest('[hidden]') && li.offsetParent !== null))
            .map(li => li.id.replace(/^e-/, ''))""", visible_only)


def wait_listed(page, expected: list[str], timeout: float = 5000) -> None:
    page.wait_for_function(
        """expected => {
            const ids = [...document.querySelectorAll('li.event')]
              .filter(li => !li.closest('[hidden]') && li.offsetParent !== null)
              .map(li => li.id.replace(/^e-/, ''));
            return JSON.stringify(ids) === JSON.stringify(expected);
        }""", arg=expected, timeout=timeout)


def open_home(page, site) -> None:
    page.goto(site.page_url(""))
    page.wait_for_load_state("networkidle")


# --------------------------------------------------------------------------- rendering

def test_demo_home_renders_every_event_in_date_order(page, demo_site):
    open_home(page, demo_site)
    config = yaml.safe_load((DEMO_ROOT / "content" / "site.yaml").read_text())
    assert config["title"] in page.title()
    ids = listed_ids(page, visible_only=False)
    assert sorted(ids) == sorted(demo_event_ids())
    dates = page.eval_on_selector_all("li.event time[datetime]", "ts => ts.map(t => t.getAttribute('datetime'))")
    assert len(dates) >= len(ids)
    firsts = page.eval_on_selector_all(
        "li.event", "items => items.map(li => li.querySelector('time[datetime]').getAttribute('datetime'))")
    days = [d[:10] for d in firsts]
    assert days == sorted(days), "home lists events in date order"
    assert page.locator("section.year").count() >= 1
    page.guard.assert_clean()


def test_fixture_home_orders_across_years_coarse_first(page, fixture_site):
    open_home(page, fixture_site)
    assert listed_ids(page, visible_only=False) == ALL_FIXTURE_IDS
    years = page.eval_on_selector_all("section.year", "s => s.map(x => x.id)")
    assert years == ["y2017", "y2018", "y2019", "y2020"]


def test_event_link_opens_its_page(page, demo_site):
    open_home(page, demo_site)
    first = listed_ids(page)[0]
    link = page.locator(f"li#e-{first} a[href*='events/{first}/']").first
    title = link.inner_text().strip()
    link.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.endswith(f"/events/{first}/")
    assert title and title in page.locator("h1").inner_text()


def test_hostile_title_is_shown_as_text_and_never_runs(page, fixture_site):
    open_home(page, fixture_site)
    item = page.locator("#e-hostile-title")
    assert "<script>alert(2)</script>" in item.inner_text()
    assert item.locator("img, script").count() == 0
    page.goto(fixture_site.page_url("events/hostile-title/"))
    page.wait_for_load_state("networkidle")
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    page.guard.assert_clean()   # no dialog opened, no request to /x


# --------------------------------------------------------------------------- search and filters

def test_search_finds_an_event(page, fixture_site):
    open_home(page, fixture_site)
    count = page.locator("#result-count")
    before = count.inner_text()
    page.fill("#search", "DMZ")
    wait_listed(page, ["dmz-meeting"])
    assert count.inner_text() != before and "1" in count.inner_text()
    page.fill("#search", "")
    wait_listed(page, ALL_FIXTURE_IDS)


def test_search_finds_a_demo_event_by_a_word_of_its_title(page, demo_site):
    open_home(page, demo_site)
    ids = listed_ids(page)
    title = page.locator(f"#e-{ids[-1]} a").first.inner_text()
    word = max(re.findall(r"[A-Za-z]{4,}", title), key=len)
    page.fill("#search", word)
    page.wait_for_function("n => [...document.querySelectorAll('li.event')].filter(li => !li.hidden"
                           " && !li.closest('[hidden]')).length < n", arg=len(ids), timeout=5000)
    shown = listed_ids(page)
    assert ids[-1] in shown and len(shown) < len(ids)


def test_tag_filter_narrows_the_list(page, fixture_site):
    open_home(page, fixture_site)
    values = page.eval_on_selector_all("#filter-tag option", "os => os.map(o => [o.value, o.textContent])")
    summit = next(v for v, text in values if v and "summit" in (v + text).lower())
    page.select_option("#filter-tag", summit)
    wait_listed(page, [e[0] for e in EVENTS if "summit" in e[3]])


def test_source_filter_narrows_the_list(page, fixture_site):
    open_home(page, fixture_site)
    values = page.eval_on_selector_all("#filter-source option", "os => os.map(o => [o.value, o.textContent])")
    daily = next(v for v, text in values if v and ("daily" in (v + text).lower()))
    page.select_option("#filter-source", daily)
    wait_listed(page, [e[0] for e in EVENTS if e[6] == "daily-paper"])


def test_source_filter_offers_an_agency_once_for_its_own_story_and_a_copy(page, fixture_site):
    """"Wire Service" is wire-report's outlet and the only credit of wire-copy (source:
    null, wire: Wire Service): one option, listing the events of both articles."""
    open_home(page, fixture_site)
    values = page.eval_on_selector_all("#filter-source option", "os => os.map(o => [o.value, o.textContent])")
    assert values == [["", "All sources"], ["Daily Paper", "Daily Paper"], ["Wire Service", "Wire Service"]]
    page.select_option("#filter-source", "Wire Service")
    wait_listed(page, [e[0] for e in EVENTS if e[6] in ("wire-report", "wire-copy")])
    # the choice is kept in the address, by name, so a shared link filters the same way
    page.wait_for_function("() => new URLSearchParams(location.search).get('source') === 'Wire Service'")
    page.goto(fixture_site.page_url("") + "?source=Daily+Paper")
    wait_listed(page, [e[0] for e in EVENTS if e[6] == "daily-paper"])


def test_date_range_filter_narrows_the_list(page, fixture_site):
    open_home(page, fixture_site)
    page.fill("#filter-from", "2018-01-01")
    page.fill("#filter-to", "2018-12-31")
    wait_listed(page, ["singapore-summit", "envoys-meet"])


# --------------------------------------------------------------------------- keyboard

def focus_report(page) -> dict:
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el);
        return {tag: el.tagName, id: el.id, href: el.getAttribute('href'), text: el.textContent.trim(),
                outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0,
                shadow: s.boxShadow, inMain: !!el.closest('main')};
    }""")


def test_keyboard_skip_link_first_moves_focus_to_main_with_visible_focus(page, demo_site):
    open_home(page, demo_site)
    page.keyboard.press("Tab")
    skip = focus_report(page)
    assert skip["tag"] == "A" and skip["href"].startswith("#"), skip
    assert "skip" in skip["text"].lower(), skip
    assert (skip["outline"] != "none" and skip["outlineWidth"] > 0) or skip["shadow"] != "none", skip
    assert page.locator("a:focus").first.is_visible()   # a skip link shown on focus
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('main') !== null")
    page.keyboard.press("Tab")
    after = focus_report(page)
    assert after["inMain"], after
    assert (after["outline"] != "none" and after["outlineWidth"] > 0) or after["shadow"] != "none", after


# --------------------------------------------------------------------------- accessibility

def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> " + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]


def first_link(page, part: str) -> str:
    href = page.eval_on_selector_all(f"a[href*='/{part}/']", "as => as.map(a => a.href)")
    assert href, f"a link to a {part} page"
    return href[0]


def first_article(page, site) -> str:
    """The first article page listed on the site's Sources page."""
    page.goto(site.page_url("articles/"))
    href = page.eval_on_selector_all(
        "main a[href*='/articles/']", "as => as.map(a => a.href).filter(h => /\\/articles\\/[^/]+\\/$/.test(h))")
    assert href, "a link to an article page"
    return href[0]


@pytest.mark.parametrize("which", ["demo_site", "fixture_site"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_serious_violation(new_page, request, which, dark):
    site = request.getfixturevalue(which)
    page = new_page(dark=dark)
    open_home(page, site)
    problems = {"home": serious_violations(page)}
    event_url = first_link(page, "events")
    page.goto(event_url)
    page.wait_for_load_state("networkidle")
    problems["event"] = serious_violations(page)
    tag_url = first_link(page, "tags")
    page.goto(tag_url)
    page.wait_for_load_state("networkidle")
    problems["tag"] = serious_violations(page)
    page.goto(first_article(page, site))              # the article text with marked expressions
    page.wait_for_load_state("networkidle")
    assert page.locator("mark.timex").count() > 0
    problems["article"] = serious_violations(page)
    assert not any(problems.values()), problems


# --------------------------------------------------------------------------- hygiene

def site_pages(page, site, limit: int = 400) -> dict[str, str]:
    """Crawl the site by following its links (same origin, under its base path) from the
    home page; returns {path: title}. Any HTTP error or console error fails the guard."""
    start = site.page_url("")
    todo, seen = [start], {}
    while todo and len(seen) < limit:
        url = todo.pop(0)
        path = urlsplit(url).path
        if path in seen:
            continue
        response = page.goto(url)
        assert response and response.status == 200, f"{url}: {response and response.status}"
        seen[path] = page.title()
        if not (response.headers.get("content-type", "").startswith("text/html")):
            continue
        for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))"):
            target = urljoin(url, href).split("#")[0]
            parts = urlsplit(target)
            if parts.scheme in ("http", "https") and parts.netloc == urlsplit(start).netloc \
                    and parts.path.startswith(site.prefix) and parts.path.endswith("/") \
                    and parts.path not in seen:
                todo.append(target)
    return seen


def test_every_page_is_clean_and_the_csp_forbids_inline_script(page, demo_site):
    pages = site_pages(page, demo_site)
    assert len(pages) > len(demo_event_ids())
    open_home(page, demo_site)
    csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
    assert csp and re.search(r"script-src 'self'(;|$| )", csp) and "unsafe-inline" not in csp.split("script-src")[1]
    page.guard.assert_clean()


def test_no_javascript_every_event_is_still_reachable(new_page, demo_site, fixture_site):
    for site, ids in ((demo_site, demo_event_ids()), (fixture_site, ALL_FIXTURE_IDS)):
        page = new_page(javascript=False)
        pages = site_pages(page, site)
        reached = {p.rstrip("/").rsplit("/", 1)[-1] for p in pages if "/events/" in p}
        assert set(ids) <= reached, set(ids) - reached
        page.guard.assert_clean()


def test_sub_path_site_loads_every_asset_from_under_its_base(page, fixture_site):
    requested = []
    page.on("request", lambda r: requested.append(urlsplit(r.url).path))
    open_home(page, fixture_site)
    with page.expect_response(lambda r: r.url.endswith("/search.json")) as index:
        page.fill("#search", "summit")   # the first search loads the index
    assert index.value.status == 200
    assert requested and all(p.startswith("/sub/path/") for p in requested), requested
    assert page.evaluate("document.styleSheets.length") >= 1
    page.guard.assert_clean()


def test_404_page_works_at_any_depth_under_the_base(page, fixture_site):
    for missing in ("nope/", "events/no-such-event/deeper/"):
        response = page.goto(fixture_site.page_url(missing))
        assert response.status == 404
        page.wait_for_load_state("networkidle")
        home = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        assert fixture_site.page_url("") in home, home
        assert page.evaluate("document.styleSheets.length") >= 1
    # the 404 status of the missing pages themselves is the point; anything else is not
    page.guard.bad_responses = [r for r in page.guard.bad_responses if "/nope/" not in r and "/deeper/" not in r]
    page.guard.console_errors = [m for m in page.guard.console_errors
                                 if not ("404" in m and ("/nope/" in m or "/deeper/" in m))]
    page.guard.assert_clean()


# --------------------------------------------------------------------------- screenshots

@pytest.mark.parametrize("width", [360, 1280])
def test_screenshots_and_no_horizontal_scroll(new_page, demo_site, fixture_site, shoot, width):
    for dark in (False, True):
        page = new_page(width=width, height=800, dark=dark)
        scheme = "dark" if dark else "light"
        page.goto(demo_site.page_url(""))
        demo_event = urlsplit(first_link(page, "events")).path[len(demo_site.prefix):]
        demo_article = urlsplit(first_article(page, demo_site)).path[len(demo_site.prefix):]
        for name, site, rel in (("demo-home", demo_site, ""), ("demo-event", demo_site, demo_event),
                                ("demo-article", demo_site, demo_article),
                                ("fixture-home", fixture_site, ""),
                                ("fixture-event", fixture_site, "events/hanoi-summit-ends/")):
            page.goto(site.page_url(rel))
            page.wait_for_load_state("networkidle")
            path = shoot(page, f"{name}-{width}-{scheme}")
            assert path.stat().st_size > 1000
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"


def test_print_shows_the_timeline_without_navigation_or_search(page, demo_site, shoot):
    open_home(page, demo_site)
    page.emulate_media(media="print")
    assert not page.locator("nav").first.is_visible()
    assert not page.locator("#search-form").is_visible()
    ids = listed_ids(page, visible_only=False)
    assert all(page.locator(f"#e-{i}").is_visible() for i in ids)
    colors = page.evaluate("() => [getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
    assert colors[0] in ("rgb(0, 0, 0)",) and colors[1] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colors
    shoot(page, "demo-home-print")
    page.pdf(path=str(ARTIFACTS / "demo-home-print.pdf"))   # what a reader's "Save as PDF" gives
