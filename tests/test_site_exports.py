"""The exports' promises, end to end through `timeline build`: events.ics keeps each
clock time in its own zone (parsed by a real iCalendar parser, the icalendar package),
and feeds and sitemaps carry absolute URLs or say why they cannot."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml

from site_check import FIXTURE, copy_project
from timeline.site import labels

EXTRA_EVENTS = {
    # Europe/London (the hostile article's zone) on the day the clocks go forward: BST
    "clocks-forward": {"date": "2019-03-31T09:00+01:00", "end": "2019-03-31T10:30+01:00",
                       "sources": [{"article": "hostile", "quote": "x", "expression": "x"}]},
    # the same zone in winter: GMT, a named zone at offset zero
    "london-winter": {"date": "2019-01-15T12:00+00:00",
                      "sources": [{"article": "hostile", "quote": "x", "expression": "x"}]},
    # an offset no cited article's zone (nor the site's) has: a fixed-offset zone
    "delhi-meeting": {"date": "2019-02-20T09:00+05:30", "sources": []},
    # UTC with no named zone behind it
    "utc-call": {"date": "2019-02-21T16:00Z", "sources": []},
    # a clock time without an offset stays floating
    "floating": {"date": "2019-02-22T08:00", "sources": []},
    # a timed start with a date-only end: until the end of that day in the start's zone,
    # here across London's clock change (the end of 31 Mar is 23:00 UTC, not 24:00)
    "london-weekend": {"date": "2019-03-30T20:00+00:00", "end": "2019-03-31",
                       "sources": [{"article": "hostile", "quote": "x", "expression": "x"}]},
    # the same with the site's zone, and an end month (until the end of its last day)
    "hanoi-month": {"date": "2019-02-27T18:00+07:00", "end": "2019-03", "sources": []},
    # a floating start: the end of the end day, floating too
    "floating-days": {"date": "2019-02-23T08:00", "end": "2019-02-24", "sources": []},
    # an offset start and an end clock time without one: that wall time in the start's zone
    "delhi-until-noon": {"date": "2019-02-20T09:00+05:30", "end": "2019-02-20T12:00", "sources": []},
    # a floating start and an end with an offset no other event uses (Nepal's +05:45):
    # the end is written floating at its wall time, and no VTIMEZONE for +05:45 is written
    "floating-to-nepal": {"date": "2019-02-25T08:00", "end": "2019-02-25T10:00+05:45", "sources": []},
    # an end wall time London skips (its clocks went from 01:00 GMT to 02:00 BST): RFC 5545
    # reads it with the offset before the gap, 01:30 GMT, which is 02:30 BST
    "london-gap-end": {"date": "2019-03-31T00:30+00:00", "end": "2019-03-31T01:30",
                       "sources": [{"article": "hostile", "quote": "x", "expression": "x"}]},
    # known only to the month (the fixture has a year, "2018", and a quarter, "2019-Q2")
    "month-only": {"date": "2019-01", "sources": []},
}


def _project(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    for eid, fields in EXTRA_EVENTS.items():
        data = {"id": eid, "title": eid.replace("-", " "), "status": "reviewed", **fields}
        (project.events_dir / f"{eid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    return project


@pytest.fixture(scope="module")
def calendar_build(tmp_path_factory):
    import subprocess
    import sys
    tmp = tmp_path_factory.mktemp("ics")
    project = _project(tmp)
    out = tmp / "site"
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--root", str(project.root),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    values = {}
    for path in project.events_dir.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        if data.get("status") != "rejected":
            values[data["id"]] = (data["date"], data.get("end"))
    return (out / "events.ics").read_bytes(), values


def _own_zones(cal) -> dict[str, object]:
    """Each VTIMEZONE of the file turned into a tzinfo from ITS OWN rules (not looked up
    by name), so the test checks the STANDARD/DAYLIGHT components we wrote."""
    return {str(tz["TZID"]): tz.to_tz(lookup_tzid=False) for tz in cal.walk("VTIMEZONE")}


def _instant(prop, zones) -> datetime:
    """The instant a DTSTART/DTEND stands for, resolved through the file's VTIMEZONEs."""
    value = prop.dt
    tzid = prop.params.get("TZID")
    if tzid:
        assert tzid in zones, f"no VTIMEZONE for {tzid}"
        return value.replace(tzinfo=zones[tzid])
    return value


def test_ics_parses_and_every_timed_event_is_the_same_instant(calendar_build):
    data, values = calendar_build
    cal = icalendar.Calendar.from_ical(data)
    zones = _own_zones(cal)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == set(values)
    timed = 0
    for eid, event in events.items():
        start, end = values[eid]
        when = labels.parse(start)
        if when.precision != labels.TIME:                 # dates stay all-day VALUE=DATE
            assert event["DTSTART"].params.get("VALUE") == "DATE", eid
            assert type(event["DTSTART"].dt) is date and event["DTSTART"].dt == when.start, eid
            continue
        got = _instant(event["DTSTART"], zones)
        if when.instant is None:                          # floating: no zone at all
            assert got.tzinfo is None and "TZID" not in event["DTSTART"].params, eid
            continue
        timed += 1
        assert got == when.instant and got.utcoffset() == when.instant.utcoffset(), eid
        if end and labels.parse(end).instant is not None:
            assert _instant(event["DTEND"], zones) == labels.parse(end).instant, eid
    assert timed == 10


def _end_of_day(day: date, zone: str | None) -> datetime:
    """Midnight after ``day`` in the zone (floating when None), from the tz database."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(),
                            ZoneInfo(zone) if zone else None)


def test_ics_timed_start_with_a_date_end_lasts_to_the_end_of_that_day(calendar_build):
    """A calendar user expects "18:00 on 27 Feb until 1 Mar" to start at 18:00 and to cover
    all of 1 Mar: DTEND is the midnight after the end day, in the start's zone."""
    data, _ = calendar_build
    cal = icalendar.Calendar.from_ical(data)
    zones = _own_zones(cal)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}

    def span(eid):
        e = events[eid]
        return _instant(e["DTSTART"], zones), _instant(e["DTEND"], zones)

    start, stop = span("london-weekend")
    assert events["london-weekend"]["DTEND"].params["TZID"] == "Europe/London"
    assert stop == _end_of_day(date(2019, 3, 31), "Europe/London")
    assert stop.astimezone(ZoneInfo("UTC")) == datetime(2019, 3, 31, 23, 0, tzinfo=ZoneInfo("UTC"))
    utc = ZoneInfo("UTC")                               # 20:00 GMT to midnight BST
    assert stop.astimezone(utc) - start.astimezone(utc) == timedelta(hours=27)
    start, stop = span("hanoi-month")
    assert events["hanoi-month"]["DTEND"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert stop == _end_of_day(date(2019, 3, 31), "Asia/Ho_Chi_Minh")
    start, stop = span("floating-days")
    assert (start, stop) == (datetime(2019, 2, 23, 8, 0), _end_of_day(date(2019, 2, 24), None))
    assert stop.tzinfo is None and "TZID" not in events["floating-days"]["DTEND"].params
    start, stop = span("delhi-until-noon")
    assert events["delhi-until-noon"]["DTEND"].params["TZID"] == "UTC+05:30"
    assert stop.astimezone(ZoneInfo("UTC")) - start.astimezone(ZoneInfo("UTC")) == timedelta(hours=3)
    start, stop = span("floating-to-nepal")
    assert (start, stop) == (datetime(2019, 2, 25, 8, 0), datetime(2019, 2, 25, 10, 0))


def test_ics_writes_a_vtimezone_for_each_zone_used_and_no_other(calendar_build):
    data, _ = calendar_build
    cal = icalendar.Calendar.from_ical(data)
    written = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    used = {str(e[prop].params["TZID"]) for e in cal.walk("VEVENT")
            for prop in ("DTSTART", "DTEND") if prop in e and "TZID" in e[prop].params}
    assert len(written) == len(set(written))
    assert set(written) == used
    assert "UTC+05:45" not in written


def test_ics_uses_the_articles_zone_with_its_real_rules(calendar_build):
    data, _ = calendar_build
    cal = icalendar.Calendar.from_ical(data)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert events["summit-ends"]["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert events["summit-ends"]["DTSTART"].dt.replace(tzinfo=None) == datetime(2019, 2, 28, 13, 30)
    assert events["clocks-forward"]["DTSTART"].params["TZID"] == "Europe/London"
    assert events["london-winter"]["DTSTART"].params["TZID"] == "Europe/London"
    assert events["delhi-meeting"]["DTSTART"].params["TZID"] == "UTC+05:30"
    assert b'DTSTART;TZID="UTC+05:30":20190220T090000\r\n' in data   # ':' needs quotes
    assert b"DTSTART:20190221T160000Z\r\n" in data
    london = next(tz for tz in cal.walk("VTIMEZONE") if tz["TZID"] == "Europe/London")
    rules = [(c.name, c["TZOFFSETFROM"].td, c["TZOFFSETTO"].td, c["DTSTART"].dt)
             for c in london.subcomponents]
    hour = timedelta(hours=1)
    assert ("DAYLIGHT", timedelta(0), hour, datetime(2019, 3, 31, 1, 0)) in rules
    assert ("STANDARD", hour, timedelta(0), datetime(2019, 10, 27, 2, 0)) in rules
    tz = _own_zones(cal)["Europe/London"]
    assert datetime(2019, 3, 31, 0, 30, tzinfo=tz).utcoffset() == timedelta(0)
    assert datetime(2019, 3, 31, 2, 30, tzinfo=tz).utcoffset() == hour
    assert datetime(2019, 11, 1, 12, 0, tzinfo=tz).utcoffset() == timedelta(0)
    fixed = next(tz for tz in cal.walk("VTIMEZONE") if tz["TZID"] == "UTC+05:30")
    assert [c["TZOFFSETTO"].td for c in fixed.subcomponents] == [timedelta(hours=5, minutes=30)]


# --------------------------------------------------------------------------- public address

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _set_site_key(project, key: str, value: str) -> None:
    path = project.site_config
    lines = [l for l in path.read_text().splitlines() if not l.startswith(f"{key}:")]
    path.write_text("\n".join(lines + [f'{key}: "{value}"']) + "\n")


def test_without_a_full_url_the_build_warns_and_writes_no_sitemap(tmp_path, run_cli):
    import json
    import xml.etree.ElementTree as ET
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    # a stale sitemap from an earlier build with a full URL must not survive
    first = run_cli("build", "--root", project.root, "--out", out, "--base-url", "https://h.example/r/")
    assert first.returncode == 0 and "warning" not in first.stdout and (out / "sitemap.xml").is_file()
    done = run_cli("build", "--root", project.root, "--out", out, "--base-url", "/r/")
    assert done.returncode == 0, done.stderr
    assert re.search(r"site\.yaml: warning: no public address .*sitemap\.xml is not written"
                     r".*url: \"https://OWNER\.github\.io/REPO/\".*--base-url https://", done.stdout)
    assert not (out / "sitemap.xml").exists()
    feed = json.loads((out / "feed.json").read_text())
    assert "feed_url" not in feed and "home_page_url" not in feed
    assert feed["items"] and all("url" not in i and i["id"].startswith("urn:uuid:") for i in feed["items"])
    atom = ET.parse(out / "feed.xml").getroot()
    hrefs = [l.get("href") for l in atom.iter("{http://www.w3.org/2005/Atom}link")]
    assert hrefs and all(h.startswith("/r/") for h in hrefs)      # RFC 4287 relative references
    assert b"URL:" not in (out / "events.ics").read_bytes()


def test_site_yaml_url_gives_feeds_and_sitemap_the_public_address(tmp_path, run_cli):
    import json
    import xml.etree.ElementTree as ET
    from site_check import broken_links
    project = copy_project(FIXTURE, tmp_path / "p")
    _set_site_key(project, "url", "https://news.example/tl")
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)      # a preview at "/"
    assert done.returncode == 0 and "warning" not in done.stdout, done.stdout + done.stderr
    assert broken_links(out, "/") == []                     # pages still link from "/"
    locs = [u.find(f"{SITEMAP}loc").text for u in ET.parse(out / "sitemap.xml").getroot()]
    assert "https://news.example/tl/events/summit-ends/" in locs
    assert all(loc.startswith("https://news.example/tl/") for loc in locs)
    feed = json.loads((out / "feed.json").read_text())
    assert feed["feed_url"] == "https://news.example/tl/feed.json"
    assert all(i["url"].startswith("https://news.example/tl/events/") for i in feed["items"])
    page = (out / "events/summit-ends/index.html").read_text()
    assert '<link rel="canonical" href="https://news.example/tl/events/summit-ends/">' in page
    assert "URL:https://news.example/tl/events/summit-ends/" in (out / "events.ics").read_text()
    # a full --base-url wins over url
    again = run_cli("build", "--root", project.root, "--out", out, "--base-url", "https://o.example/x/")
    assert again.returncode == 0
    assert json.loads((out / "feed.json").read_text())["feed_url"] == "https://o.example/x/feed.json"


@pytest.mark.parametrize("value, why", [("/repo/", "full public address"),
                                        ("ftp://h.example/", "http")])
def test_site_yaml_url_must_be_a_full_http_url(tmp_path, run_cli, value, why):
    project = copy_project(FIXTURE, tmp_path / "p")
    _set_site_key(project, "url", value)
    line = len(project.site_config.read_text().splitlines())
    for command in ("check", "build"):
        done = run_cli(command, "--root", project.root)
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert re.search(rf"site\.yaml:{line}:\d+: .*{why}", done.stdout + done.stderr), done.stderr


def test_the_repeated_hour_after_a_clock_change_keeps_its_instant():
    """01:30 BST and 01:30 GMT both happen on 27 Oct 2019 in London; RFC 5545 reads a
    TZID wall time there as the first, so the second is written with a fixed offset."""
    from datetime import timezone
    from timeline.site.calendar import zone_for
    first = datetime(2019, 10, 27, 1, 30, tzinfo=timezone(timedelta(hours=1)))
    second = datetime(2019, 10, 27, 1, 30, tzinfo=timezone.utc)
    assert zone_for(first, ["Europe/London"]).tzid == "Europe/London"
    assert zone_for(second, ["Europe/London"]) is None          # UTC: written with "Z"
    later = datetime(2019, 10, 27, 1, 30, tzinfo=timezone(timedelta(hours=-4)))
    assert zone_for(later, ["America/New_York"]).tzid == "America/New_York"   # no change there yet
    nov = datetime(2019, 11, 3, 1, 30, tzinfo=timezone(timedelta(hours=-5)))   # NY's repeated hour
    assert zone_for(nov, ["America/New_York"]).tzid == "UTC-05:00"


def test_ics_never_writes_a_wall_time_the_zone_skips(calendar_build):
    """Every DTSTART/DTEND wall time in a named zone exists there (a calendar app need not
    guess what a skipped 01:30 means), and the gap one stands for RFC 5545's instant."""
    data, _ = calendar_build
    cal = icalendar.Calendar.from_ical(data)
    utc = ZoneInfo("UTC")
    for event in cal.walk("VEVENT"):
        for prop in ("DTSTART", "DTEND"):
            if prop in event and str(event[prop].params.get("TZID", "")).count("/"):
                wall = event[prop].dt.replace(tzinfo=None)
                tz = ZoneInfo(str(event[prop].params["TZID"]))
                there = wall.replace(tzinfo=tz)
                assert there.astimezone(utc).astimezone(tz).replace(tzinfo=None) == wall, \
                    (str(event["UID"]), prop, wall)
    gap = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("london-gap-end@"))
    assert b"DTEND;TZID=Europe/London:20190331T023000\r\n" in data
    assert _instant(gap["DTEND"], _own_zones(cal)).astimezone(utc) == datetime(2019, 3, 31, 1, 30, tzinfo=utc)


def test_ics_date_end_at_a_midnight_gap_is_the_end_of_that_day(tmp_path, run_cli):
    """Havana's clocks go from 00:00 to 01:00 on 10 Mar 2019: "from 20:00 until the end of
    9 March" ends at that instant, which has the wall time 01:00, not a midnight that
    never happened there."""
    project = copy_project(FIXTURE, tmp_path / "p")
    _set_site_key(project, "timezone", "America/Havana")
    (project.events_dir / "havana-night.yaml").write_text(yaml.safe_dump(
        {"id": "havana-night", "title": "Night", "date": "2019-03-09T20:00-05:00", "end": "2019-03-09",
         "status": "reviewed", "sources": []}, sort_keys=False))
    done = run_cli("build", "--root", project.root, "--out", tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    data = (tmp_path / "site" / "events.ics").read_bytes()
    assert b"DTEND;TZID=America/Havana:20190310T010000\r\n" in data
    cal = icalendar.Calendar.from_ical(data)
    (event,) = [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("havana-night@")]
    zones = _own_zones(cal)
    start, stop = _instant(event["DTSTART"], zones), _instant(event["DTEND"], zones)
    utc = ZoneInfo("UTC")
    assert stop.astimezone(utc) == datetime(2019, 3, 10, 5, 0, tzinfo=utc)
    assert stop.astimezone(utc) - start.astimezone(utc) == timedelta(hours=4)


def test_ics_shows_a_year_or_month_on_its_first_day_saying_so(calendar_build):
    """A date known only to its year, quarter or month is one all-day entry on the
    period's first day (not a bar over every day of it, as if it lasted all year), its
    title led by the date as the timeline writes it and its description saying why;
    days and weeks keep their span."""
    data, values = calendar_build
    cal = icalendar.Calendar.from_ical(data)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    shown = {"first-meeting-singapore": (date(2018, 1, 1), "2018", "year"),
             "talks-resume": (date(2019, 4, 1), "Q2 2019", "quarter"),
             "month-only": (date(2019, 1, 1), "January 2019", "month")}
    for eid, (day, label, unit) in shown.items():
        e = events[eid]
        assert (e["DTSTART"].dt, e["DTEND"].dt) == (day, day + timedelta(days=1)), eid
        assert str(e["SUMMARY"]).startswith(f"{label}: "), e["SUMMARY"]
        assert f"only to the {unit}: {label}" in str(e["DESCRIPTION"]), e["DESCRIPTION"]
        assert "first day" in str(e["DESCRIPTION"])
    week = events["summit-week"]                          # 2019-W09: the whole week
    assert (week["DTSTART"].dt, week["DTEND"].dt) == (date(2019, 2, 25), date(2019, 3, 4))
    assert not str(week["SUMMARY"]).startswith("week of")
    assert "first day of that period" in str(cal["X-WR-CALDESC"])
    assert {str(e["TRANSP"]) for e in events.values()} == {"TRANSPARENT"}
