"""Event and article views: timeline order (coarse dates before the finer dates inside
them, instants in UTC order, same-date happenings in the order the articles tell them)
and publication labels at their real precision."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from timeline.model import Article, Event, Source
from timeline.site.urls import BaseUrl
from timeline.site.views import article_views, event_views

TEXT = ("The summit collapsed on Thursday without an agreement. Later, the White House said "
        "both sides had good meetings. Trump also moved his news conference.")
ARTICLE = Article(id="a", title="A", text=TEXT,
                  published=datetime(2019, 2, 28, 19, 0, tzinfo=timezone(timedelta(hours=7))))


def ev(id_: str, date: str, quote: str) -> Event:
    return Event(id=id_, date=date, title=id_, sources=[Source("a", quote, "Thursday")])


def ordered(events: list[Event]) -> list[str]:
    articles = article_views([ARTICLE], BaseUrl())
    views, _, problems = event_views(events, articles, BaseUrl(), texts={"a": TEXT})
    assert problems == []
    return [v.id for v in views]


def test_same_date_events_follow_the_text_not_their_ids():
    events = [ev("aaa-news-conference", "2019-02-28", "Trump also moved his news conference."),
              ev("mmm-white-house", "2019-02-28", "Later, the White House said both sides had "
                 "good meetings."),
              ev("zzz-summit-collapses", "2019-02-28", "The summit collapsed on Thursday without "
                 "an agreement.")]
    assert ordered(events) == ["zzz-summit-collapses", "mmm-white-house", "aaa-news-conference"]


def test_coarse_before_fine_and_instants_in_utc_order():
    events = [ev("t1", "2019-02-28T14:00+07:00", "The summit collapsed on Thursday without an "
                 "agreement."),
              ev("t0", "2019-02-28T14:30+08:00", "Trump also moved his news conference."),
              ev("day", "2019-02-28", "Trump also moved his news conference."),
              ev("month", "2019-02", "Trump also moved his news conference."),
              ev("year", "2019", "Trump also moved his news conference.")]
    # 14:30 at +08:00 is 13:30 at +07:00: before 14:00 Hanoi time.
    assert ordered(events) == ["year", "month", "day", "t0", "t1"]


def test_a_day_precision_publication_date_shows_no_clock_time():
    # Ingest writes 00:00 local with published_precision: day when only the date is known
    # (The Star's date comes from a photo caption): the page must not invent "00:00".
    day_only = Article(id="star", title="S", text=TEXT, published_precision="day",
                       published=datetime(2019, 2, 28, tzinfo=timezone(timedelta(hours=7))),
                       place="Hanoi", timezone="Asia/Bangkok")
    timed = Article(id="bt", title="B", text=TEXT, place="Hanoi", timezone="Asia/Bangkok",
                    published=datetime(2019, 2, 28, 7, 44, tzinfo=timezone(timedelta(hours=7))))
    views = article_views([day_only, timed], BaseUrl())
    assert (views["star"].published_label, views["star"].published_iso) == (
        "Thu 28 Feb 2019", "2019-02-28")
    assert views["bt"].published_label == "Thu 28 Feb 2019, 07:44 Hanoi (UTC+7)"
    assert views["bt"].published_iso == "2019-02-28T07:44:00+07:00"


def test_timeline_order_is_date_then_text_then_input_order():
    """views._timeline_order looks for text_order only where dates tie; the result is the
    plain sort by (date, text order, input order) whatever the ties."""
    import random

    from timeline.site.views import _timeline_order, text_order
    rng = random.Random(5)
    texts = {"a": "q3 q1 q5 q0 q2 q4"}
    for _ in range(300):
        n = rng.randint(0, 30)
        keys = [(rng.randint(0, 4), rng.randint(0, 2), 0) for _ in range(n)]
        events = [Event(id=f"e{i}", date="2019", title="t",
                        sources=[Source("a", f"q{rng.randint(0, 6)}", "x")]) for i in range(n)]
        assert _timeline_order(keys, events, texts) == sorted(
            range(n), key=lambda i: (keys[i], text_order(events[i], texts), i))
