"""The home page's overview chart (timeline/site/chart.py), as `timeline build` writes it
for the fixture project (a day chart from 8 Feb to 1 Mar 2019, its tallest bar on 28
Feb): a reader must be able to tell which day each bar is and how many events it holds
without hovering, and no axis label may be cut off at the chart's edges. Across, the
chart is in percent of its width; its text is drawn at the stylesheet's size on any
screen, so labels are spaced for a phone's column (NARROW px), and those marked "wide"
only for a desktop's (WIDE px). tests/browser/test_chart_browser.py measures it in
Chromium."""
from __future__ import annotations

import re

import pytest

from site_check import FIXTURE, copy_project
from timeline.site.chart import HEIGHT, NARROW, TARGET, WIDE, Bar, label_px, svg

BAR = re.compile(r'<a href="[^"]*" aria-label="(?P<day>[^":]+): (?P<n>\d+) events?"><title>[^<]*</title>'
                 r'<rect class="hit" x="(?P<x>[\d.]+)%" y="0" width="(?P<w>[\d.]+)%" height="(?P<h>\d+)"/>'
                 r'<rect class="bar" x="(?P<bx>[\d.]+)%" y="[\d.]+" width="(?P<bw>[\d.]+)%"')
TEXT = re.compile(r'<text class="(?P<cls>axis|count)(?P<wide> wide)?" x="(?P<x>[\d.]+)%" '
                  r'(?:text-anchor="(?P<anchor>\w+)" )?y="[\d.]+" aria-hidden="true">(?P<text>[^<]*)</text>')


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
    """(label, count, x, width) of each bar's link target, in percent of the width."""
    return [(m["day"], int(m["n"]), float(m["x"]), float(m["w"])) for m in BAR.finditer(svg)]


def _texts(svg, cls, wide=True):
    """(x in percent, anchor, text) of the axis labels or counts: all of them (a desktop
    shows them all), or with wide=False only those a phone shows."""
    return [(float(m["x"]), m["anchor"], m["text"]) for m in TEXT.finditer(svg)
            if m["cls"] == cls and (wide or not m["wide"])]


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
        assert 0 <= x <= 100, text
        half = label_px(text) / 2 / NARROW * 100           # half the label's width on a phone
        if anchor == "middle":
            assert half <= x <= 100 - half, (x, text)
    assert axis[0][:2] == (0.0, "start")                    # 8 Feb starts at the left edge


def _month_bars(counts):
    return [Bar(f"m{2017 + k // 12}-{k % 12 + 1:02d}", f"month {k}", f"M{k} 2017", c) for k, c in enumerate(counts)]


def test_a_label_under_the_last_bar_ends_at_the_right_edge():
    bars = [Bar(f"d2019-02-{d:02d}", f"{d} Feb 2019", f"{d} Feb", 5 if d == 28 else 1 - d % 2)
            for d in range(8, 29)]
    drawn = str(svg(bars, lambda b: f"#{b.key}", "Events"))
    axis = _texts(drawn, "axis")
    assert axis[-1] == (100.0, "end", "28 Feb")
    assert axis[0] == (0.0, "start", "8 Feb")


def test_the_text_is_not_scaled_with_the_chart():
    """A viewBox would shrink the text with the chart (to ~10 px on a 360 px phone, a
    chart ~65 px tall): the chart has none, a fixed height and percent positions across."""
    drawn = str(svg(_month_bars([3, 0, 1] * 12), lambda b: f"#{b.key}", "Events"))
    assert "viewBox" not in drawn and re.match(rf'<svg class="chart" width="100%" height="{HEIGHT + 22}"', drawn)
    assert HEIGHT >= 120


@pytest.mark.parametrize("months", [12, 36])
def test_a_phone_and_a_desktop_each_get_labels_they_have_room_for(months):
    """36 month bars: on a phone's NARROW px only the labels not marked wide show, and no
    two are closer than a label's room (label_px); a desktop shows more, as far apart; the
    counts keep clear of each other the same way; the busiest bar is labelled on both."""
    counts = [(k * 7) % 5 for k in range(months)]
    counts[months // 2] = 40
    drawn = str(svg(_month_bars(counts), lambda b: f"#{b.key}", "Events"))
    slot = 100 / months
    narrow = [int(float(x) // slot) for x, _, _ in _texts(drawn, "axis", wide=False)]
    wide = [int(float(x) // slot) for x, _, _ in _texts(drawn, "axis")]
    assert set(narrow) < set(wide)
    assert f"M{months // 2} 2017" in {t for _, _, t in _texts(drawn, "axis", wide=False)}
    for shown, across in ((narrow, NARROW), (wide, WIDE)):
        shown = sorted(shown)
        room = label_px("M10 2017")
        assert all((b - a) * across / months >= room - across / months for a, b in zip(shown, shown[1:]))
    for wide_too, across in ((False, NARROW), (True, WIDE)):
        xs = sorted(x * across / 100 for x, _, _ in _texts(drawn, "count", wide=wide_too))
        assert all(b - a >= 12 for a, b in zip(xs, xs[1:])), (across, xs)


def test_a_lone_bar_is_a_finger_wide_target_and_targets_never_overlap():
    """On a phone a 21-day chart's bars are ~16 px wide: a bar with events takes its
    empty neighbours' room up to TARGET px, but never beyond half way to the next bar with
    events, and its own bar stays inside its target."""
    counts = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5, 0]
    bars = [Bar(f"d2019-02-{d:02d}", f"{d} Feb 2019", f"{d} Feb", c) for d, c in zip(range(8, 29), counts)]
    drawn = str(svg(bars, lambda b: f"#{b.key}", "Events"))
    targets = [(float(m["x"]), float(m["w"]), float(m["bx"]), float(m["bw"])) for m in BAR.finditer(drawn)]
    assert len(targets) == 3
    (x0, w0, _, _), (x1, w1, _, _), (x2, w2, _, _) = targets
    assert w0 * NARROW / 100 >= TARGET - 0.5 and x0 == 0.0
    assert x0 + w0 <= x1 and x1 + w1 <= x2 + 0.01 and x2 + w2 <= 100.0
    for x, w, bx, bw in targets:
        assert x <= bx and bx + bw <= x + w + 0.01


def test_a_month_chart_over_two_years_says_the_year_in_every_label(tmp_path, run_cli):
    """Events from March 2018 to October 2019 make month bars: a label 'Oct' alone would not
    say which October, so each says 'Oct 2019'."""
    import yaml
    project = copy_project(FIXTURE, tmp_path / "p")
    for eid, date in (("early", "2018-03-10"), ("middle", "2018-11"), ("late", "2019-10-02")):
        data = {"id": eid, "date": date, "title": f"Event {eid}", "status": "reviewed"}
        (project.events_dir / f"{eid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    done = run_cli("build", "--root", project.root, "--out", tmp_path / "site")
    assert done.returncode == 0, done.stderr
    drawn = re.search(r'<svg class="chart".*?</svg>', (tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    axis = [t for _, _, t in _texts(drawn.group(0), "axis")]
    assert "Mar 2018" in axis and "Oct 2019" in axis, axis
    assert all(re.fullmatch(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) 20(18|19)", t) for t in axis), axis
