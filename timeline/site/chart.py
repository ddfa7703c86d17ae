"""The overview chart: an SVG bar chart of events over time, made at build time.

Bars are days when the dated events fall within two months, months when they span
at most three years, years up to 150 years, decades beyond. Each bar links to that stretch of the list. Events whose
date is coarser than a bar (a year-only event in a month chart) are not drawn in
any bar; the caption says how many. Colours come from the stylesheet (classes),
so the chart follows the light/dark theme and needs no style attribute.

The axis labels go first under the bars that have events (the tallest first), then
at regular steps in between, never closer than a label's width; each says which day,
month or year it is on its own ("28 Feb", not "28"). When the bars are wide enough,
each one with events has its count above it: the chart has no value axis.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from markupsafe import Markup, escape

from . import labels
from .views import EventView

WIDTH, HEIGHT, AXIS = 720, 120, 18
MAX_BAR = 48
LABEL_GAP = 72          # axis labels at least this far apart (readable at 360 px)
COUNT_MIN_SLOT = 24     # bars at least this wide carry their count
COUNT_ROOM = 26         # room above the tallest bar for its count (the phone font is 22)


@dataclass(frozen=True)
class Chart:
    svg: Markup       # empty when there is nothing to draw
    unit: str         # "month" | "year" | "decade"
    coarse: int       # events too coarse for one bar (not drawn)


@dataclass(frozen=True)
class Bar:
    key: str          # "d2019-02-28" / "m2019-02" / "y2019" / "y2010s"
    label: str        # "February 2019"
    short: str        # axis text: "Feb" / "2019"
    count: int
    targets: tuple[str, ...] = ()   # anchor ids to link to, best first ("e-<id>", "m2019-02")

    @property
    def anchors(self) -> tuple[str, ...]:
        return self.targets or (self.key,)


def bins(views: list[EventView]) -> tuple[list[Bar], int]:
    """The bars (empty stretches included, so time is to scale) and the number of
    events too coarse to place in one bar."""
    dated = [v for v in views if v.when.precision >= labels.YEAR]
    if not dated:
        return [], len(views)
    first = min(v.when.start.year for v in dated)
    last = max(v.when.start.year for v in dated)
    days = _day_bins(views)
    if days is not None:
        return days
    if last - first < 3:
        fine = [v for v in dated if v.when.precision >= labels.MONTH]
        counts: dict[tuple[int, int], int] = {}
        for v in fine:
            k = (v.when.start.year, v.when.start.month)
            counts[k] = counts.get(k, 0) + 1
        if not counts:
            return [], len(views)
        (y, m), end = min(counts), max(counts)
        out = []
        while (y, m) <= end:
            out.append(Bar(f"m{y}-{m:02d}", f"{labels.MONTHS[m - 1]} {y}",
                           labels.MONTHS[m - 1][:3] if m != 1 or not out else str(y),
                           counts.get((y, m), 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out, len(views) - len(fine)
    step = 1 if last - first < 150 else 10
    counts = {}
    for v in dated:
        k = v.when.start.year // step * step
        counts[k] = counts.get(k, 0) + 1
    out = []
    for y in range(first // step * step, last + 1, step):
        key = f"y{y}" if step == 1 else f"y{y}s"
        name = str(y) if step == 1 else f"{y}s"
        out.append(Bar(key, name, name, counts.get(y, 0)))
    return out, len(views) - len(dated)


def _day_bins(views: list[EventView]) -> tuple[list[Bar], int] | None:
    """Day bars when every event dated to a month or finer falls within two months."""
    monthly = [v for v in views if v.when.precision >= labels.MONTH]
    months = {(v.when.start.year, v.when.start.month) for v in monthly}
    if not monthly or len(months) > 2 or (len(months) == 2 and _gap(*sorted(months)) > 1):
        return None
    fine = [v for v in views if v.when.precision >= labels.DAY]
    if not fine:
        return None
    by_day: dict = {}
    for v in fine:
        by_day.setdefault(v.when.start, []).append(v)
    day, end = min(by_day), max(by_day)
    out = []
    while day <= end:
        evs = by_day.get(day, [])
        short = f"{day.day} {labels.MONTHS[day.month - 1][:3]}"
        targets = ((f"e-{evs[0].id}",) if evs else ()) + (f"m{day.year}-{day.month:02d}",)
        out.append(Bar(f"d{day.isoformat()}", labels.day_label(day), short, len(evs), targets))
        day += timedelta(days=1)
    return out, len(views) - len(fine)


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return (b[0] - a[0]) * 12 + b[1] - a[1]


def svg(bars: list[Bar], href: Callable[[Bar], str], title: str) -> Markup:
    """The chart as inline SVG markup (every text escaped)."""
    if not bars:
        return Markup("")
    n = len(bars)
    peak = max(b.count for b in bars) or 1
    slot = WIDTH / n
    gap = min(2.0, slot * 0.2)
    every = max(1, -(-n * LABEL_GAP // WIDTH))     # bars between two axis labels, at least
    ticks = _ticks([b.count for b in bars], every)
    counted = slot >= COUNT_MIN_SLOT
    room = HEIGHT - 4 - (COUNT_ROOM if counted else 0)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + AXIS}" '
             f'aria-labelledby="chart-title" focusable="false">'
             f'<title id="chart-title">{escape(title)}</title>']
    for i, b in enumerate(bars):
        x = i * slot
        h = 0 if b.count == 0 else max(2.0, b.count / peak * room)
        name = f"{b.label}: {b.count} event{'s' if b.count != 1 else ''}"
        width = min(slot - gap, MAX_BAR)
        rect = (f'<rect class="bar" x="{x + (slot - width) / 2:.1f}" y="{HEIGHT - h:.1f}" '
                f'width="{width:.1f}" height="{h:.1f}"/>')
        hit = (f'<rect class="hit" x="{x:.1f}" y="0" width="{slot:.1f}" height="{HEIGHT}"/>')
        if b.count:
            parts.append(f'<a href="{escape(href(b))}" aria-label="{escape(name)}">'
                         f'<title>{escape(name)}</title>{hit}{rect}</a>')
            if counted:
                parts.append(f'<text class="count" x="{x + slot / 2:.1f}" y="{HEIGHT - h - 4:.1f}" '
                             f'text-anchor="middle" aria-hidden="true">{b.count}</text>')
        if i in ticks:
            parts.append(f'<text class="axis" {_axis_x(x, slot)} y="{HEIGHT + AXIS - 4}" '
                         f'aria-hidden="true">{escape(b.short)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _axis_x(x: float, slot: float) -> str:
    """An axis label's position: centred under its bar, but kept inside the chart at
    either edge (a centred "28 Feb" under the last bar would be cut off)."""
    mid = x + slot / 2
    if mid < LABEL_GAP / 2:
        return f'x="{max(x, 0.0):.1f}" text-anchor="start"'
    if mid > WIDTH - LABEL_GAP / 2:
        return f'x="{min(x + slot, WIDTH):.1f}" text-anchor="end"'
    return f'x="{mid:.1f}" text-anchor="middle"'


def _ticks(counts: list[int], every: int) -> set[int]:
    """Which bars get an axis label: those with events, most events first (the same
    count: the earlier), then every ``every``-th from the first, each at least ``every``
    bars from the labels already chosen."""
    chosen: list[int] = []
    busy = sorted((i for i, c in enumerate(counts) if c), key=lambda i: (-counts[i], i))
    for i in [*busy, *range(0, len(counts), every)]:
        if all(abs(i - j) >= every for j in chosen):
            chosen.append(i)
    return set(chosen)
