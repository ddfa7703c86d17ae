"""Issue 3's own examples, on the real demo articles (../shared/articles/hanoi-summit,
published 2019-02-28, dateline Hanoi): each phrase the issue quotes must come out of
timeline.tag with exactly the value (type, mod, zone) the issue lists."""
from __future__ import annotations

from datetime import datetime

import pytest

import timeline

from conftest import DEMO_ARTICLES, require_shared

DCT, PLACE = "2019-02-28", "Hanoi"
STAR = "thestar-trump-kim-summit-breaks-down.txt"
BT = "businesstimes-trump-kim-summit-ended-abruptly.txt"

# (article, the text around the phrase, the expression's own text, value, type, mod, zone)
ISSUE_EXAMPLES = [
    (STAR, "Thursday (Feb 28)", "Thursday", "2019-02-28", "DATE", None, None),
    (STAR, "Thursday (Feb 28)", "Feb 28", "2019-02-28", "DATE", None, None),
    (STAR, "on Feb 8", "Feb 8", "2019-02-08", "DATE", None, None),
    (STAR, "Last year", "Last year", "2018", "DATE", None, None),
    (STAR, "in the morning", "the morning", "2019-02-28TMO", "TIME", None, None),
    (STAR, "before 1:30pm local time", "before 1:30pm local time", "2019-02-28T13:30", "TIME",
     "BEFORE", "+07:00"),
    (STAR, "2.30pm in Kuala Lumpur", "2.30pm", "2019-02-28T14:30", "TIME", None, "+08:00"),
    (STAR, "two hours", "two hours", "PT2H", "DURATION", None, None),
    (BT, "two hours", "two hours", "PT2H", "DURATION", None, None),
    (STAR, "for months", "months", "PXM", "DURATION", None, None),
    (STAR, "in the future", "the future", "FUTURE_REF", "DATE", None, None),
    (BT, "in the future", "the future", "FUTURE_REF", "DATE", None, None),
]


def _found(name: str):
    text = (require_shared(DEMO_ARTICLES) / name).read_text(encoding="utf-8")
    return text, timeline.tag(text, DCT, place=PLACE)


def _at(name: str, around: str, own: str):
    text, found = _found(name)
    at = text.find(around)
    assert at >= 0, f"{around!r} is no longer in {name}"
    at = text.find(own, at)
    hits = [e for e in found if e.start == at]
    assert hits, f"no expression at {own!r} in {around!r} ({name})"
    return hits[0]


@pytest.mark.parametrize("example", ISSUE_EXAMPLES, ids=[f"{e[0][:8]}:{e[1]}" for e in ISSUE_EXAMPLES])
def test_issue_example_on_the_demo_articles(example):
    name, around, own, value, type_, mod, zone = example
    e = _at(name, around, own)
    assert (e.text, e.value, e.type, e.mod, e.zone) == (own, value, type_, mod, zone)


def test_kuala_lumpur_clock_is_the_same_instant_as_hanoi_1330():
    hanoi = _at(STAR, "before 1:30pm local time", "before 1:30pm local time")
    kl = _at(STAR, "2.30pm in Kuala Lumpur", "2.30pm")
    assert datetime.fromisoformat(hanoi.value + hanoi.zone) == datetime.fromisoformat(kl.value + kl.zone)


def test_today_inside_a_quote_is_the_publication_day_or_present_ref():
    text, found = _found(STAR)
    quoted = [e for e in found if e.text.lower() == "today"]
    assert quoted, "no 'today' found in the demo article"
    for e in quoted:
        assert text.rfind('"', 0, e.start) > text.rfind("\n", 0, e.start), "not inside a quote"
        assert e.value in ("2019-02-28", "PRESENT_REF")
