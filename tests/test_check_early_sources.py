"""`timeline check` warns when a happening cites an article published before the
happening can have begun (publication instant vs the event's start, zones compared as
instants; a date's day taken in its earliest reading, UTC+14, since the record does not
say where it happened): a wrong publication time or zone, or a plan reported as done.
A warning, never an error (exit 0); planned events are exempt. Through the CLI, on the
two real demo articles."""
from __future__ import annotations

from errcase import BT_RAW, STAR_RAW, cli, make_project, no_traceback, real_text, tree_state

BT_QUOTE = ("US President Donald Trump said his summit with North Korea's Kim Jong Un ended with "
            "no agreement because he was not willing to lift all the sanctions on North Korea.")
STAR_QUOTE = ("HANOI (Bloomberg): US president Donald Trump's second summit with North Korean "
              "leader Kim Jong-un collapsed Thursday (Feb 28) without an agreement, plunging future "
              "talks on North Korea's nuclear programme into question.")
WARNING = "before this happening began"


def article(body: str, published: str, *, title: str, extra: str = "") -> str:
    return (f'---\ntitle: {title}\nsource: Test Outlet\npublished: "{published}"\nplace: Hanoi\n'
            f"timezone: Asia/Ho_Chi_Minh\n{extra}---\n\n{body}\n")


def event(event_id: str, date: str, *cited: str, extra: str = "") -> str:
    quotes = {"bt": BT_QUOTE, "star": STAR_QUOTE}
    sources = "".join(f'- article: {a}\n  quote: "{quotes[a]}"\n  expression: ""\n' for a in cited)
    return (f'id: {event_id}\ndate: "{date}"\ntitle: Summit collapses\n{extra}sources:\n'
            f"{sources}status: auto\n")


def project(tmp_path, events: dict[str, str], *, bt: str = "2019-02-28T07:44:00+08:00",
            star: str = "2019-02-28T20:00:00+08:00", star_extra: str = ""):
    """The Business Times' story stamped 07:44 +08:00 (06:44 in Hanoi, before the summit
    broke up around 13:00), The Star's at 20:00 +08:00 unless told otherwise."""
    return make_project(tmp_path, events={f"{k}.yaml": v for k, v in events.items()}, articles={
        "bt.md": article(real_text(BT_RAW), bt, title="Summit ended abruptly"),
        "star.md": article(real_text(STAR_RAW), star, title="Summit breaks down", extra=star_extra)})


def check(root):
    before = tree_state(root)
    proc = cli(root, "check")
    no_traceback(proc)
    assert tree_state(root) == before, "check must not change any file"
    assert proc.returncode == 0, proc.stdout             # warnings alone exit 0
    return proc.stdout


def early(out: str) -> list[str]:
    return [line for line in out.splitlines() if WARNING in line]


def line_of(root, event_id: str, text: str) -> int:
    lines = (root / "content" / "events" / f"{event_id}.yaml").read_text().splitlines()
    return lines.index(text) + 1


def test_a_clock_time_reported_before_it_came_names_article_event_times_and_causes(tmp_path):
    root = project(tmp_path, {"collapse": event("collapse", "2019-02-28T13:00+07:00", "star", "bt")})
    out = check(root)
    found = early(out)
    assert len(found) == 1, out
    line = line_of(root, "collapse", "- article: bt")
    assert found[0].startswith(f"content/events/collapse.yaml:{line}:12: warning: source 'bt' was "
                               "published 2019-02-28T07:44:00+08:00 (06:44 UTC+07:00), before this "
                               "happening began (at 2019-02-28T13:00+07:00)"), found[0]
    assert "published time or zone is wrong" in found[0] and "set kind: planned" in found[0]
    assert "0 error(s), 1 warning(s)" in out


def test_planned_events_and_sources_published_after_are_no_finding(tmp_path):
    root = project(tmp_path, {
        "planned": event("planned", "2019-02-28T13:00+07:00", "star", "bt", extra="kind: planned\n"),
        # before 13:30 that day: it may have come before 06:44
        "before": event("before", "2019-02-28T13:30+07:00", "star", "bt", extra="mod: BEFORE\n"),
        # a day: it began at 00:00 in its earliest zone, before both
        "day": event("day", "2019-02-28", "star", "bt"),
        # Tokyo's 08:00 is 23:00 UTC, before the 07:44 +08:00 stamp (23:44 UTC): instants,
        # not wall clocks, are compared
        "tokyo": event("tokyo", "2019-02-28T08:00+09:00", "star", "bt")})
    out = check(root)
    assert early(out) == [], out
    assert "0 error(s), 0 warning(s)" in out, out


def test_zones_are_compared_as_instants(tmp_path):
    """06:50 in Hanoi is 23:50 UTC the day before, after the BT's 07:44 +08:00 (23:44 UTC)
    although its wall clock is earlier: a finding only for the event that came later."""
    root = project(tmp_path, {"early": event("early", "2019-02-28T06:40+07:00", "star", "bt"),
                              "later": event("later", "2019-02-28T06:50+07:00", "star", "bt")})
    found = early(check(root))
    assert [f.split(":")[0] for f in found] == ["content/events/later.yaml"], found


def test_a_day_is_compared_in_its_earliest_reading(tmp_path):
    """1 March begins at 10:00 UTC on 28 February (UTC+14): a story stamped noon on the
    28th in Honolulu (22:00 UTC) may report it; the BT's 07:44 +08:00 on the 28th (23:44
    UTC on the 27th) cannot."""
    star = "2019-03-01T09:00:00+08:00"
    root = project(tmp_path / "a", {"next-day": event("next-day", "2019-03-01", "star", "bt")},
                   bt="2019-02-28T12:00:00-10:00", star=star)
    assert early(check(root)) == []
    root = project(tmp_path / "b", {"next-day": event("next-day", "2019-03-01", "star", "bt")},
                   star=star)
    found = early(check(root))
    assert len(found) == 1 and "source 'bt'" in found[0], found
    assert ("published 2019-02-28T07:44:00+08:00 (13:44 UTC+14:00), before this happening began "
            '("2019-03-01" starts at the earliest on 2019-03-01 at 00:00 UTC+14:00, 2019-02-28 10:00 '
            "UTC)") in found[0], found


def test_an_article_dated_only_by_its_day_may_be_published_late_that_day(tmp_path):
    day_only = {"star": "2019-02-28T00:00:00+07:00", "star_extra": "published_precision: day\n"}
    root = project(tmp_path / "a", {"collapse": event("collapse", "2019-02-28T13:00+07:00",
                                                      "star", "bt")},
                   bt="2019-02-28T20:00:00+08:00", **day_only)
    assert early(check(root)) == []
    root = project(tmp_path / "b", {"march": event("march", "2019-03-02", "star", "bt")},
                   bt="2019-03-02T09:00:00+08:00", **day_only)
    found = early(check(root))
    assert len(found) == 1, found
    assert found[0].startswith("content/events/march.yaml:"), found
    assert "source 'star' was published on 2019-02-28 (UTC+07:00; day only)" in found[0], found


def test_one_source_alone_before_the_event_gets_the_existing_warning_only(tmp_path):
    """Every source before it: check's "after its latest source was published" says it
    once, on the date line, rather than once more per source."""
    root = project(tmp_path, {"alone": event("alone", "2019-02-28T13:00+07:00", "bt")})
    out = check(root)
    assert early(out) == [] and "after its latest source was published" in out, out
    assert "0 error(s), 1 warning(s)" in out, out


def test_the_demo_warns_once_about_the_business_times_stamp(demo_project):
    """The audit's case: the BT's "07:44 AM" read as +08:00 (06:44 in Hanoi) is cited for
    the 14:00 news conference. `make site` still passes: check exits 0 on warnings."""
    out = check(demo_project)
    found = early(out)
    assert len(found) == 1, out
    assert found[0].startswith("content/events/2019-02-28-1400-trump-moves-news-conference-two-hours"
                               ".yaml:"), found
    assert ("source 'trump-kim-summit-ended-abruptly-over-north-korea-sanctions' was published "
            "2019-02-28T07:44:00+08:00 (06:44 UTC+07:00), before this happening began "
            "(at 2019-02-28T14:00+07:00)") in found[0]
    assert "0 error(s), 1 warning(s)" in out, out


def test_before_a_clock_time_means_that_day_in_its_zone(tmp_path):
    """"before 13:30" on 1 March began at the earliest at 00:00 that day in Hanoi: a report
    from the evening before (the BT's stamp moved a day back) is a finding."""
    root = project(tmp_path, {"depart": event("depart", "2019-03-01T13:30+07:00", "star", "bt",
                                              extra="mod: BEFORE\n")},
                   star="2019-03-01T20:00:00+08:00")
    found = early(check(root))
    assert len(found) == 1 and "source 'bt'" in found[0], found
    assert ("(06:44 UTC+07:00), before this happening began (before 2019-03-01T13:30+07:00, so on "
            "2019-03-01 from 00:00 UTC+07:00)") in found[0], found
