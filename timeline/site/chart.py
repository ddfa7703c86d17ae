"""The overview chart: an SVG bar chart of events over time, made at build time.

Bars are days when the dated events fall within two months, months when they span
at most three years, years up to 150 years, decades beyond. Each bar links to that
stretch of the list. Events whose date is coarser than a bar (a year-only event in a
month chart) are not drawn in any bar; the caption says how many. Colours come from
the stylesheet (classes), so the chart follows the light/dark theme and needs no
style attribute.

The chart has no viewBox: across, positions are percentages of its width; down, CSS
pixels (a fixed height). So its text keeps the stylesheet's size on any screen (a
scaled 720-unit drawing was ~65 px tall with ~10 px text on a 360 px phone), and the
labels are chosen for two widths of the text column: those a phone has room for
(NARROW px), and more, of class "wide", that the stylesheet shows from 52rem up (WIDE).

The axis labels go first under the bars that have events (the tallest first), then
at regular steps in between, never closer than a label's width; each says which day,
month or year it is on its own ("28 Feb", not "28"; "Oct 2018", not "Oct"), and the
widest sets their spacing. Each bar with events has its
count above it where it keeps clear of the others' (the chart has no value axis). A
bar's link is a finger wide on a phone where its empty neighbours leave room.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

from markupsafe import Markup, escape

from . import labels
from .views import EventView

# The chart is as wide as the page's text column: NARROW px on a 360 px phone, WIDE px
# from 52rem up (the stylesheet shows the labels and counts of class "wide" only there).
NARROW, WIDE = 328, 800
HEIGHT, AXIS = 140, 22  # px: the bars' area (their counts above them), the axis labels below
MAX_BAR = 6.0           # percent of the width: a bar is never wider
GAP_PX = 2              # between two bars, at most
CHAR_PX, LABEL_ROOM = 8, 16   # px: an axis character at 0.8rem (DejaVu Sans: the widest
                              # usual sans), and the room between two labels
COUNT_ROOM = 20         # px above the tallest bar for its count
TARGET = 44             # px: a bar's link is widened into empty neighbours up to this on a phone


@dataclass(frozen=True)
class Chart:
    svg: Markup       # empty when there is nothing to draw
    unit: str         # "month" | "year" | "decade"
    coarse: int       # events too coarse for one bar (not drawn)


@dataclass(frozen=True)
class Bar:
    key: str          # "d2019-02-28" / "m2019-02" / "y2019" / "y2010s"
    label: str        # "February 2019"
    short: str        # axis text: "28 Feb" / "Feb 2019" / "2019"
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
                           f"{labels.MONTHS[m - 1][:3]} {y}", counts.get((y, m), 0)))
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
    """The chart as inline SVG markup (every text escaped). It has no viewBox: across it
    the positions are percentages of its width, down it CSS pixels, so its text is drawn
    at the stylesheet's size on any screen instead of shrinking with the chart."""
    if not bars:
        return Markup("")
    n = len(bars)
    peak = max(b.count for b in bars) or 1
    slot = 100 / n                                  # percent of the width
    width = min(slot - min(GAP_PX / NARROW * 100, slot * 0.2), MAX_BAR)
    counts = [b.count for b in bars]
    gap = max(label_px(b.short) for b in bars)       # the widest label sets the spacing
    wide = _every(n, WIDE, gap)
    narrow = _ticks(counts, -(-_every(n, NARROW, gap) // wide) * wide)   # a multiple: the same
    ticks = _ticks(counts, wide, narrow)                                 # rhythm on both
    counted = _counted(counts, NARROW)
    counted_wide = _counted(counts, WIDE, counted)
    room = HEIGHT - 4 - (COUNT_ROOM if counted_wide else 0)
    hits = _targets(counts)
    parts = [f'<svg class="chart" width="100%" height="{HEIGHT + AXIS}" '
             f'aria-labelledby="chart-title" focusable="false">'
             f'<title id="chart-title">{escape(title)}</title>'
             f'<rect class="base" x="0" y="{HEIGHT}" width="100%" height="1"/>']
    for i, b in enumerate(bars):
        x = i * slot
        h = 0 if b.count == 0 else max(2.0, b.count / peak * room)
        if b.count:
            name = f"{b.label}: {b.count} event{'s' if b.count != 1 else ''}"
            lo, hi = hits[i]
            hit = (f'<rect class="hit" x="{lo * slot:.2f}%" y="0" width="{(hi - lo) * slot:.2f}%" '
                   f'height="{HEIGHT}"/>')
            rect = (f'<rect class="bar" x="{x + (slot - width) / 2:.2f}%" y="{HEIGHT - h:.1f}" '
                    f'width="{width:.2f}%" height="{h:.1f}"/>')
            parts.append(f'<a href="{escape(href(b))}" aria-label="{escape(name)}">'
                         f'<title>{escape(name)}</title>{hit}{rect}</a>')
            if i in counted_wide:
                parts.append(f'<text class="{"count" if i in counted else "count wide"}" '
                             f'{_centred(x, slot, _count_px(b.count))} y="{HEIGHT - h - 5:.1f}" '
                             f'aria-hidden="true">{b.count}</text>')
        if i in ticks:
            parts.append(f'<text class="{"axis" if i in narrow else "axis wide"}" {_centred(x, slot, label_px(b.short))} '
                         f'y="{HEIGHT + AXIS - 5}" aria-hidden="true">{escape(b.short)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _count_px(count: int) -> int:
    """About how wide a count is drawn (px, with a little room either side): the same
    0.8rem text as the axis labels (CHAR_PX a character)."""
    return CHAR_PX * len(str(count)) + 4


def _counted(counts: list[int], across: int, chosen: set[int] = frozenset()) -> set[int]:
    """The bars whose count is written above them on a chart ``across`` px wide:
    ``chosen`` (a narrower chart's), then the others with events, most events first,
    each where it keeps clear of the counts already chosen."""
    slot = across / len(counts)
    picked = sorted(chosen)
    for i in sorted((i for i, c in enumerate(counts) if c), key=lambda i: (-counts[i], i)):
        if all(abs(i - j) * slot >= (_count_px(counts[i]) + _count_px(counts[j])) / 2 for j in picked):
            picked.append(i)
    return set(picked)


def label_px(text: str) -> int:
    """The room an axis label takes (px): its width at most, and the space to the next."""
    return CHAR_PX * len(text) + LABEL_ROOM


def _every(n: int, across: int, gap: int) -> int:
    """How many bars apart two axis labels ``gap`` px wide must be on a chart ``across`` px wide."""
    return max(1, -(-n * gap // across))


def _targets(counts: list[int]) -> dict[int, tuple[float, float]]:
    """Each bar with events -> the stretch of the chart (in bars, from its left) that its
    link takes: its own slot widened into its empty neighbours until it is TARGET px
    wide on a phone (a finger's width; more to one side when the other is the chart's
    edge), never beyond half way to the next bar with events."""
    busy = [i for i, c in enumerate(counts) if c]
    want = max(1.0, TARGET * len(counts) / NARROW)                  # in bars
    out = {}
    for k, i in enumerate(busy):
        left = (busy[k - 1] + 1 + i) / 2 if k else 0.0
        right = (i + 1 + busy[k + 1]) / 2 if k + 1 < len(busy) else float(len(counts))
        lo = max(left, i + 0.5 - want / 2)
        hi = min(right, lo + want)
        out[i] = (max(left, hi - want), hi)
    return out


def _centred(x: float, slot: float, px: float) -> str:
    """A label's position (percent) for a bar at ``x`` (a label ``px`` wide): centred
    on the bar, but kept inside the chart at either edge (a centred "28 Feb" under the
    last bar would be cut off)."""
    mid = x + slot / 2
    half = px / 2 / NARROW * 100
    if mid < half:
        return f'x="{max(x, 0.0):.2f}%" text-anchor="start"'
    if mid > 100 - half:
        return f'x="{min(x + slot, 100.0):.2f}%" text-anchor="end"'
    return f'x="{mid:.2f}%" text-anchor="middle"'


def _ticks(counts: list[int], every: int, chosen: set[int] = frozenset()) -> set[int]:
    """Which bars get an axis label: ``chosen`` (a sparser level's labels), then those
    with events, most events first (the same count: the earlier), then every
    ``every``-th from the first, each at least ``every`` bars from the labels already
    chosen."""
    picked: list[int] = sorted(chosen)
    busy = sorted((i for i, c in enumerate(counts) if c), key=lambda i: (-counts[i], i))
    for i in [*busy, *range(0, len(counts), every)]:
        if all(abs(i - j) >= every for j in picked):
            picked.append(i)
    return set(picked)
