"""The article page (its text with marked time expressions and the table of what each
resolved to) read on a 360 px phone and a desktop, in a real headless Chromium."""
from __future__ import annotations

import pytest

from .paths import DEMO_ROOT
from .test_site_browser import serious_violations

DEMO_ARTICLES = sorted(p.stem for p in (DEMO_ROOT / "content" / "articles").glob("*.md"))


@pytest.mark.parametrize("width", [360, 1280])
def test_the_expressions_table_is_readable_without_sideways_scrolling(new_page, demo_site, width):
    """Four columns do not fit a phone: there each row is a block (expression and type,
    then the value, then the events), so nothing hides behind a sideways scroll and no
    event title is squeezed to a word a line; on a desktop it stays a table."""
    assert DEMO_ARTICLES
    page = new_page(width=width, height=800)
    rows = 0
    for article in DEMO_ARTICLES:
        page.goto(demo_site.page_url(f"articles/{article}/"))
        page.wait_for_load_state("networkidle")
        box = page.locator(".table-scroll")
        sideways = box.evaluate("el => el.scrollWidth - el.clientWidth")
        assert sideways <= 0, f"{article}: the table scrolls sideways by {sideways}px at {width}px"
        widths = page.eval_on_selector_all(
            ".timex-table tbody tr", "rows => rows.map(r => r.lastElementChild.getBoundingClientRect().width)")
        rows += len(widths)
        main = page.locator("main").evaluate("el => el.clientWidth")
        if width < 600:             # the events' cell gets the whole width on a phone
            assert widths and min(widths) >= 0.9 * main, (article, min(widths), main)
        shown = page.locator(".timex-table thead").evaluate("el => el.getBoundingClientRect().height")
        assert (shown > 1) == (width >= 600)          # column heads hidden on a phone only
    assert rows > 0


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_phone_layout_of_the_article_pages_passes_axe(new_page, demo_site, dark):
    """Every demo article: one has marked expressions, the other the links after the
    sentences that events cite without a date."""
    page = new_page(width=360, height=800, dark=dark)
    marks = cites = 0
    for article in DEMO_ARTICLES:
        page.goto(demo_site.page_url(f"articles/{article}/"))
        page.wait_for_load_state("networkidle")
        marks += page.locator("mark.timex a").count()
        cites += page.locator("sup.cites a").count()
        assert serious_violations(page) == [], article
    assert marks > 0 and cites > 0
