"""A small hand-made timeline project for the browser tests: events over four years,
three sources (one credited only to its news agency), several tags, a planned event and one hostile title, so ordering across
years, every filter and escaping can be seen in a real browser. Written with the
real store functions, so it is exactly what `extract` and people write."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from timeline.model import Article, Event, Source
from timeline.store import article_to_text, atomic_write, write_event

HANOI = timezone(timedelta(hours=7))

ARTICLES = [
    Article(id="wire-report", title="Talks stall after a year of summits", source="Wire Service",
            url="https://news.example/wire-report", published=datetime(2020, 1, 10, 9, 30, tzinfo=HANOI),
            place="Hanoi", timezone="Asia/Ho_Chi_Minh",
            text="Talks began in Singapore in June 2018.\n\n"
                 "Leaders met again in Hanoi on Feb 27, 2019.\n\n"
                 "Working-level meetings resumed in October 2019."),
    Article(id="daily-paper", title="A look back at the diplomacy", source="Daily Paper",
            url="https://paper.example/look-back", published=datetime(2020, 3, 2, 8, 0, tzinfo=HANOI),
            place="Seoul", timezone="Asia/Seoul",
            text="In 2017 tensions rose sharply.\n\n"
                 "A third meeting is planned for 2020."),
    # the Wire Service's story as another paper ran it, that paper not named: the Source
    # filter's "Wire Service" holds it with the agency's own report
    Article(id="wire-copy", title="Envoys prepare the next round", source=None, wire="Wire Service",
            published=datetime(2018, 10, 1, 7, 0, tzinfo=HANOI), place="Seoul", timezone="Asia/Seoul",
            text="Envoys from both sides met in the autumn."),
]

# (id, date, title, tags, people, places, article, kind)
EVENTS = [
    ("tensions-rise", "2017", "Tensions rise", ["diplomacy"], [], [], "daily-paper", "happened"),
    ("missile-test-2017-07", "2017-07-04", "Missile test", ["military"], [], [], "daily-paper", "happened"),
    ("singapore-summit", "2018-06-12", "Singapore summit", ["summit", "diplomacy"], ["Kim Jong Un", "Donald Trump"],
     ["Singapore"], "wire-report", "happened"),
    ("envoys-meet", "2018-09", "Envoys meet", ["diplomacy"], [], [], "wire-copy", "happened"),
    ("hanoi-summit-opens", "2019-02-27", "Hanoi summit opens", ["summit"], ["Kim Jong Un", "Donald Trump"],
     ["Hanoi"], "wire-report", "happened"),
    ("hanoi-summit-ends", "2019-02-28T14:00+07:00", "Hanoi summit ends without a deal", ["summit"],
     ["Donald Trump"], ["Hanoi"], "wire-report", "happened"),
    ("dmz-meeting", "2019-06-30", "Meeting at the DMZ", ["diplomacy"], ["Moon Jae-in"], ["Panmunjom"],
     "daily-paper", "happened"),
    ("working-talks", "2019-10", "Working-level talks resume", ["diplomacy"], [], ["Stockholm"], "wire-report",
     "happened"),
    ("hostile-title", "2019-11-05", "<img src=x onerror=alert(1)> <script>alert(2)</script> odd title",
     ["security"], [], [], "daily-paper", "happened"),
    ("third-summit-planned", "2020", "Third summit planned", ["summit"], [], [], "daily-paper", "planned"),
]


# the time expression each event's quote contains (so the event page can highlight it)
EXPRESSIONS = {
    "tensions-rise": "2017", "missile-test-2017-07": "July 4, 2017", "singapore-summit": "June 12, 2018",
    "envoys-meet": "September 2018", "hanoi-summit-opens": "Feb 27, 2019",
    "hanoi-summit-ends": "2pm on Feb 28, 2019", "dmz-meeting": "June 30, 2019",
    "working-talks": "October 2019", "hostile-title": "Nov 5, 2019", "third-summit-planned": "2020",
}


def quote(event_id: str, title: str) -> str:
    return f"{title}: that is what happened, the report says, {EXPRESSIONS[event_id]}."


def write_fixture_project(root: Path) -> Path:
    atomic_write(root / "content" / "site.yaml",
                 'title: "Browser fixture timeline"\ndescription: "Test events across four years."\n'
                 'base_url: "/"\nlanguage: en\ntimezone: Asia/Ho_Chi_Minh\n')
    for article in ARTICLES:   # the article text holds every quote cited from it
        cited = [quote(e[0], e[2]) for e in EVENTS if e[6] == article.id]
        text = "\n\n".join([article.text, *cited])
        atomic_write(root / "content" / "articles" / f"{article.id}.md",
                     article_to_text(replace(article, text=text)))
    for event_id, date, title, tags, people, places, article, kind in EVENTS:
        write_event(root / "content" / "events", Event(
            id=event_id, date=date, title=title, tags=tags, people=people, places=places, kind=kind,
            sources=[Source(article=article, quote=quote(event_id, title), expression=EXPRESSIONS[event_id])],
            summary=f"About *{event_id}*.", status="reviewed"))
    return root
