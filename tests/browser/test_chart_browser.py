"""The home page's overview chart as a reader sees it in a real headless Chromium, on a
360 px phone and a 1280 px desktop: tall enough to read, its text at a readable size,
no two labels on top of each other, and bars big enough to tap (WCAG 2.5.8's 24 x 24
CSS px) without two bars' targets overlapping."""
from __future__ import annotations

import pytest

from .paths import ARTIFACTS
from .test_site_browser import open_home

MIN_TEXT_PX = 12          # rendered font size of the axis labels and counts
MIN_TARGET_PX = 24        # WCAG 2.5.8 target size (minimum)

MEASURE = """svg => {
    const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom,
                       width: r.width, height: r.height});
    const shown = el => getComputedStyle(el).display !== 'none' && getComputedStyle(el).visibility !== 'hidden';
    const texts = [...svg.querySelectorAll('text')].filter(shown).map(t => ({
        cls: t.getAttribute('class'), text: t.textContent, box: box(t.getBoundingClientRect()),
        px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a}));
    const links = [...svg.querySelectorAll('a')].map(a => ({
        label: a.getAttribute('aria-label'), box: box(a.getBoundingClientRect()),
        bar: box(a.querySelector('.bar').getBoundingClientRect())}));
    return {svg: box(svg.getBoundingClientRect()), texts, links};
}"""


def _overlap(a: dict, b: dict, gap: float = 0.0) -> bool:
    return (a["left"] < b["right"] + gap and b["left"] < a["right"] + gap
            and a["top"] < b["bottom"] and b["top"] < a["bottom"])


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("which", ["demo_site", "fixture_site"])
def test_the_overview_chart_is_readable_and_tappable(new_page, request, which, width):
    site = request.getfixturevalue(which)
    page = new_page(width=width, height=800)
    open_home(page, site)
    chart = page.eval_on_selector("svg.chart", MEASURE)
    page.locator("figure.overview").screenshot(path=str(ARTIFACTS / f"chart-{which}-{width}.png"))
    svg, texts, links = chart["svg"], chart["texts"], chart["links"]
    assert svg["height"] >= 140, f"the chart is {svg['height']:.0f}px tall at {width}px"
    assert svg["width"] <= width
    axis = [t for t in texts if t["cls"].startswith("axis")]
    counts = [t for t in texts if t["cls"].startswith("count")]
    assert axis and links
    for t in texts:
        assert t["px"] >= MIN_TEXT_PX, f"{t['text']!r} is drawn at {t['px']:.1f}px at {width}px"
        assert svg["left"] - 0.5 <= t["box"]["left"] and t["box"]["right"] <= svg["right"] + 0.5, t
    for group in (axis, counts):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                assert not _overlap(a["box"], b["box"], gap=4), (a["text"], b["text"], width)
    for n, link in enumerate(links):
        assert link["box"]["width"] >= MIN_TARGET_PX and link["box"]["height"] >= MIN_TARGET_PX, link
        assert link["box"]["left"] <= link["bar"]["left"] and link["bar"]["right"] <= link["box"]["right"]
        for other in links[n + 1:]:
            assert not _overlap(link["box"], other["box"]), (link["label"], other["label"])
    if which == "fixture_site":      # four year bars: every bar is labelled and counted, even on a phone
        assert [t["text"] for t in axis] == ["2017", "2018", "2019", "2020"]
        assert len(counts) == len(links)
