"""The home page's overview chart (timeline/site/chart.py), as `timeline build` writes it
for the fixture project (a day chart from 8 Feb to 1 Mar 2019, its tallest bar on 28
Feb): a reader must be able to tell which day each bar is and how many events it holds
without hovering, and no axis label may be cut off at the chart's edges."""
from __future__ import annotations

import re

import pytest

from site_check import FIXTURE, copy_project
from timeline.site.chart import WIDTH

BAR = re.compile(r'<a href="[^"]*" aria-label="(?P<day>[^":]+): (?P<n>\d+) events?"><title>[^<]*</title>'
                 r'<rect class="hit" x="(?P<x>[\d.]+)" y="0" width="(?P<w>[\d.]+)"')
TEXT = re.compile(r'<text class="(?P<cls>axis|count)" x="(?P<x>[\d.]+)" (?:y="[\d.]+" )?'
                  r'(?:text-anchor="(?P<anchor>\w+)" )?(?:y="[\d.]+" )?aria-hidden="true">(?P<text>[^<]*)</text>')


@pytest.fixture(scope="module")
def chart(tmp_path_factory):
    import subprocess
    import sys
    tmp = tmp_path_factory.mktemp("chart")
    project = copy_project(FIXTURE, tmp / "p")
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--root", str(project.root),
                           "--out", str(tmp / "site")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    svg = re.search(r'<svg class="chart".*?</svg>', (tmp / "site" / "index.html").read_text(encoding="utf-8"))
    assert svg, "the home page has its chart"
    return svg.group(0)


def _bars(svg):
    return [(m["day"], int(m["n"]), float(m["x"]), float(m["w"])) for m in BAR.finditer(svg)]


def _texts(svg, cls):
    return [(float(m["x"]), m["anchor"], m["text"]) for m in TEXT.finditer(svg) if m["cls"] == cls]


def test_the_busiest_days_are_labelled_under_their_bars(chart):
    bars = _bars(chart)
    assert [b[0] for b in bars] == ["Fri 8 Feb 2019", "Wed 27 Feb 2019", "Thu 28 Feb 2019", "Fri 1 Mar 2019"]
    axis = _texts(chart, "axis")
    labels = {text for _, _, text in axis}
    assert all(re.fullmatch(r"\d{1,2} (Jan|Feb|Mar)", t) for t in labels), labels   # each names its month
    day, n, x, w = max(bars, key=lambda b: b[1])
    assert (day, n) == ("Thu 28 Feb 2019", 2)
    assert any(x <= at <= x + w and text == "28 Feb" for at, _, text in axis), axis
    assert "8 Feb" in labels                                # the first day
    assert "27 Feb" not in labels and "1 Mar" not in labels  # too close to 28 Feb to be read


def test_each_bar_with_events_shows_its_count(chart):
    counts = _texts(chart, "count")
    bars = _bars(chart)
    assert len(counts) == len(bars)
    for (day, n, x, w), (at, _, text) in zip(bars, counts):
        assert int(text) == n and x <= at <= x + w, day


def test_no_axis_label_is_centred_where_it_would_be_cut_off(chart):
    axis = _texts(chart, "axis")
    for x, anchor, text in axis:
        assert 0 <= x <= WIDTH, text
        if anchor == "middle":
            assert 36 <= x <= WIDTH - 36, (x, text)     # half a label's width from each edge
    assert axis[0][:2] == (0.0, "start")                    # 8 Feb starts at the left edge


def test_a_label_under_the_last_bar_ends_at_the_right_edge():
    from timeline.site.chart import Bar, svg
    bars = [Bar(f"d2019-02-{d:02d}", f"{d} Feb 2019", f"{d} Feb", 5 if d == 28 else 1 - d % 2)
            for d in range(8, 29)]
    drawn = str(svg(bars, lambda b: f"#{b.key}", "Events"))
    axis = _texts(drawn, "axis")
    assert axis[-1] == (float(WIDTH), "end", "28 Feb")
    assert axis[0] == (0.0, "start", "8 Feb")
