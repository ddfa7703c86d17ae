"""`timeline build` end to end on a small fixed fixture project and on the repo's demo:
pages, order, links (with and without a base path), feeds, calendar, escaping,
determinism, template overrides and errors, incremental rebuilds."""
from __future__ import annotations

import gzip
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from site_check import (FIXTURE, REPO, broken_links, build, copy_project, html_pages, parse_html,
                        parse_ics)
from timeline.errors import TemplateError, ValidationError

ATOM = "{http://www.w3.org/2005/Atom}"
FIXTURE_EVENTS = ["first-meeting-singapore", "venue-announced", "summit-week", "leaders-dinner",
                  "summit-ends", "signing-planned", "hostile-event", "talks-resume"]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fixture")
    project = copy_project(FIXTURE, root / "project")
    out = root / "site"
    build(project, out)
    return out


@pytest.fixture(scope="module")
def sub_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sub")
    project = copy_project(FIXTURE, root / "project")
    out = root / "site"
    build(project, out, base_url="https://example.github.io/sub/path/")
    return out


def home_items(site: Path) -> list[dict]:
    return [attrs for tag, attrs in parse_html(site / "index.html").tags
            if tag == "li" and "event" in attrs.get("class", "").split()]


# --------------------------------------------------------------------------- pages

def test_every_page_of_the_contract_exists(fixture_site):
    for rel in ["index.html", "about/index.html", "404.html", ".nojekyll", "feed.xml",
                "feed.json", "events.ics", "timeline.json", "search.json",
                "assets/style.css", "assets/timeline.js", "years/index.html",
                "years/2019/index.html", "tags/index.html", "tags/summit/index.html",
                "people/kim-jong-un/index.html", "places/hanoi/index.html",
                "articles/index.html", "articles/hanoi-report/index.html"]:
        assert (fixture_site / rel).is_file(), rel
    for event_id in FIXTURE_EVENTS:
        assert (fixture_site / "events" / event_id / "index.html").is_file()
    assert not (fixture_site / "events" / "rejected-event").exists()
    assert not (fixture_site / "sitemap.xml").exists()     # no full URL known: see test_site_exports


def test_home_lists_events_in_order_with_the_contract_markup(fixture_site):
    items = home_items(fixture_site)
    assert [a["id"] for a in items] == [f"e-{i}" for i in FIXTURE_EVENTS]
    summit = next(a for a in items if a["id"] == "e-summit-ends")
    assert summit["data-date"] == "2019-02-28T13:30+07:00"
    assert summit["data-sources"] == "Fixture Herald|Fixture Wire"     # outlet, else agency
    assert summit["data-people"] == "Donald Trump|Kim Jong Un"
    assert summit["data-kind"] == "happened"
    assert next(a for a in items if a["id"] == "e-signing-planned")["data-kind"] == "planned"
    page = parse_html(fixture_site / "index.html")
    ids = page.ids
    assert {"y2018", "y2019", "m2019-02", "m2019-03", "search", "search-form", "filter-tag",
            "filter-source", "filter-from", "filter-to", "result-count", "timeline"} <= ids
    attrs = dict(page.tags)
    assert attrs["form"]["role"] == "search" and "hidden" in attrs["form"]
    assert next(a for t, a in page.tags if t == "p" and a.get("id") == "result-count")[
        "aria-live"] == "polite"


def test_labels_at_real_precision_on_the_home_page(fixture_site):
    html = (fixture_site / "index.html").read_text()
    for label in ["<time datetime=\"2018\">2018</time>",
                  "<time datetime=\"2019-02-08\">Fri 8 Feb 2019</time>",
                  "about week of 25 Feb 2019", "Wed 27 Feb 2019, evening",
                  "<time datetime=\"2019-02-28T13:30+07:00\">Thu 28 Feb 2019, before 13:30 Hanoi (UTC+7)</time>",
                  "Q2 2019"]:
        assert label in html
    assert html.count("planned-badge") == 2
    assert "date disputed" in html


def test_event_page_has_sources_quotes_marks_links_and_neighbours(fixture_site):
    html = (fixture_site / "events/summit-ends/index.html").read_text()
    # the marked words link to their place in the article's page (test_site_article.py)
    assert re.search(r'The summit ended <mark><a href="/articles/hanoi-report/#t-[a-z0-9-]+" [^>]*>'
                     r'before 1:30pm local time</a></mark> on Thursday', html)
    assert re.search(r'at <mark><a href="/articles/kl-wire/#t-[a-z0-9-]+" [^>]*>2.30pm in Kuala Lumpur</a>'
                     r'</mark> on Thursday', html)
    assert 'href="/articles/hanoi-report/"' in html
    assert 'href="https://example.com/news/summit-ends"' in html
    assert 'href="/people/kim-jong-un/"' in html and 'href="/tags/summit/"' in html
    assert 'rel="prev"' in html and 'href="/events/leaders-dinner/"' in html
    assert 'href="/events/signing-planned/"' in html
    assert "2019-02-28T14:30+08:00" in html          # the conflicting date is shown
    summary = (fixture_site / "events/venue-announced/index.html").read_text()
    assert "<strong>announced</strong>" in summary


def test_article_and_about_pages(fixture_site):
    art = (fixture_site / "articles/kl-wire/index.html").read_text()
    assert "Fixture Wire" in art and "<dd>Kuala Lumpur (UTC+8)</dd>" in art
    assert 'href="/events/summit-ends/"' in art and 'href="/events/talks-resume/"' in art
    about = (fixture_site / "about/index.html").read_text()
    assert "8 events" in about and "3 articles" in about
    assert "Fri 1 Mar 2019, 08:00 London (UTC)" in about     # newest article's date


def test_no_broken_internal_link(fixture_site):
    assert broken_links(fixture_site, "/") == []


def test_no_broken_link_under_a_sub_path(sub_site):
    assert broken_links(sub_site, "/sub/path/") == []
    html = (sub_site / "events/summit-ends/index.html").read_text()
    assert 'href="/sub/path/assets/style.css"' in html
    assert '<link rel="canonical" href="https://example.github.io/sub/path/events/summit-ends/">' in html
    nf = (sub_site / "404.html").read_text()     # works at any depth: absolute base-path links
    assert 'href="/sub/path/"' in nf and 'href="/sub/path/assets/style.css"' in nf


def test_feeds_are_announced_in_every_page(fixture_site):
    for page in html_pages(fixture_site):
        links = [a for t, a in page.tags if t == "link" and a.get("rel") == "alternate"]
        assert {a["type"] for a in links} == {"application/atom+xml", "application/feed+json"}, page.path


# --------------------------------------------------------------------------- exports

def test_atom_feed_parses(fixture_site, sub_site):
    feed = ET.parse(fixture_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(FIXTURE_EVENTS)
    for e in entries:
        for child in ("id", "title", "updated", "link"):
            assert e.find(f"{ATOM}{child}") is not None
    # updated is the newest source publication date, never the build time
    assert feed.find(f"{ATOM}updated").text == "2019-03-01T08:00:00Z"
    assert entries[0].find(f"{ATOM}id").text.startswith("urn:uuid:")
    absolute = ET.parse(sub_site / "feed.xml").getroot()
    link = absolute.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.startswith("https://example.github.io/sub/path/events/")


def test_json_feed_1_1_required_fields(sub_site):
    feed = json.loads((sub_site / "feed.json").read_text())
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list) and feed["items"]
    assert feed["feed_url"] == "https://example.github.io/sub/path/feed.json"
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert item.get("content_text") or item.get("content_html")
        assert item["url"].startswith("https://example.github.io/sub/path/events/")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", item["date_published"])


def test_timelinejs_json_format(fixture_site):
    data = json.loads((fixture_site / "timeline.json").read_text())
    assert data["title"]["text"]["headline"] == "Fixture summit timeline"
    assert len(data["events"]) == len(FIXTURE_EVENTS)
    for ev in data["events"]:
        assert isinstance(ev["start_date"]["year"], int)
        assert ev["text"]["headline"]
    by_id = {e["unique_id"]: e for e in data["events"]}
    assert by_id["summit-ends"]["start_date"] == {"year": 2019, "month": 2, "day": 28,
                                                  "hour": 13, "minute": 30}
    assert by_id["first-meeting-singapore"]["start_date"] == {"year": 2018}
    assert "<script>" not in (fixture_site / "timeline.json").read_text()


def test_sitemap_lists_every_page(fixture_site, sub_site):
    root = ET.parse(sub_site / "sitemap.xml").getroot()
    locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in root]
    assert "https://example.github.io/sub/path/events/summit-ends/" in locs
    assert all(loc.startswith("https://example.github.io/sub/path/") for loc in locs)
    assert not any("404" in loc for loc in locs)
    assert len(locs) == len(list(sub_site.rglob("*.html"))) - 1


def test_icalendar_file(fixture_site):
    data = (fixture_site / "events.ics").read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")            # CRLF only
    for line in data.split(b"\r\n"):
        assert len(line) <= 75                               # folded at 75 octets
    events = {e["UID"].split("@")[0]: e for e in parse_ics(data)}
    assert len(events) == len(FIXTURE_EVENTS)
    day = events["venue-announced"]
    assert day["DTSTART;VALUE=DATE"] == "20190208" and day["DTEND;VALUE=DATE"] == "20190209"
    # a year is one entry on its first day, not a bar over all of it (test_site_exports.py)
    assert events["first-meeting-singapore"]["DTEND;VALUE=DATE"] == "20180102"
    assert events["summit-ends"]["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20190228T133000"  # its zone
    assert events["signing-planned"]["STATUS"] == "TENTATIVE"
    for e in events.values():
        assert re.fullmatch(r"\d{8}T\d{6}Z", e["DTSTAMP"])
    # a long, non-ASCII line is folded without splitting a character
    folded = [l for l in data.split(b"\r\n") if l.startswith(b" ")]
    assert folded and all(l.decode("utf-8") for l in folded)


def test_search_index_reaches_every_event(fixture_site):
    data = json.loads((fixture_site / "search.json").read_text())
    assert [e["id"] for e in data["events"]] == FIXTURE_EVENTS
    summit = data["events"][FIXTURE_EVENTS.index("summit-ends")]
    assert summit["url"] == "/events/summit-ends/" and summit["tags"] == ["summit"]
    assert any("before 1:30pm" in q for q in summit["quotes"])


# --------------------------------------------------------------------------- security

def test_hostile_text_never_reaches_a_page_unescaped(fixture_site):
    for page in html_pages(fixture_site):
        for tag, attrs in page.tags:
            assert tag not in ("img", "iframe", "object", "embed"), (page.path, tag)
            for name, value in attrs.items():
                assert not name.startswith("on"), (page.path, tag, name)
                assert name != "style", (page.path, tag)
                if name in ("href", "src", "action"):
                    assert not value.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (page.path, value)
            if tag == "script":
                assert attrs.get("src", "").endswith("/assets/timeline.js"), page.path
        assert page.script_text == [], page.path
        text = page.path.read_text()
        assert "<script>alert" not in text and "<img src=x" not in text
        assert 'content="default-src \'self\'; script-src \'self\'' in text
    hostile = (fixture_site / "events/hostile-event/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;event&#39;)&lt;/script&gt; Hostile" in hostile
    assert "tracker.example" not in hostile        # no third-party image from a summary
    assert "example.net/x" not in hostile           # an article URL with a quote is dropped
    for rel in ("feed.json", "search.json"):
        json.loads((fixture_site / rel).read_text())   # still valid JSON
    ET.parse(fixture_site / "feed.xml")


# --------------------------------------------------------------------------- determinism, incremental

def _tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path, fixture_site):
    project = copy_project(FIXTURE, tmp_path / "p2")
    build(project, tmp_path / "again")
    assert _tree(tmp_path / "again") == _tree(fixture_site)


def test_rebuild_after_one_edit_rewrites_only_what_changed(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    build(project, out)
    untouched = out / "events/first-meeting-singapore/index.html"
    before = untouched.stat().st_mtime_ns
    path = project.events_dir / "leaders-dinner.yaml"
    path.write_text(path.read_text().replace("Leaders dine together", "Leaders dine at the Metropole"))
    report = build(project, out)
    assert "pages skipped" in report.summary and " 0 pages skipped" not in report.summary
    assert "Leaders dine at the Metropole" in (out / "events/leaders-dinner/index.html").read_text()
    # neighbours show its title, so they are re-rendered; unrelated pages are not touched
    assert "Leaders dine at the Metropole" in (out / "events/summit-ends/index.html").read_text()
    assert "Leaders dine at the Metropole" in (out / "index.html").read_text()
    assert untouched.stat().st_mtime_ns == before
    (project.events_dir / "talks-resume.yaml").unlink()
    build(project, out)
    assert not (out / "events/talks-resume").exists()
    assert broken_links(out) == []


def test_rebuilds_after_edits_equal_a_cold_build(tmp_path):
    """The caches a rebuild reuses (validated files, page fingerprints, rendered list items,
    export pieces) never leave a stale byte: after each edit the incremental output is
    the cold build's, file for file."""
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    build(project, out)
    dinner = project.events_dir / "leaders-dinner.yaml"
    edits = [
        lambda t: t.replace("Leaders dine together", "Leaders dine at the Metropole"),
        lambda t: t.replace('date: "2019-02-27TEV"', 'date: "2019-02-27"\nend: "2019-02-28"'),
        lambda t: t.replace("- summit", "- dinner"),
        lambda t: t.replace("- Kim Jong Un\n", ""),
        lambda t: t + "summary: Dinner *at* the [hotel](https://example.org/metropole)\n",
        lambda t: t.replace("Dinner *at*", "Dinner **near**"),
        None,   # the theme's list item and event page overridden by the project
    ]
    theme = REPO / "templates"
    for n, edit in enumerate(edits):
        if edit is None:
            project.templates_dir.mkdir(exist_ok=True)
            for name in ("_event_item.html", "event.html"):
                text = (theme / name).read_text()
                (project.templates_dir / name).write_text(text.replace("</a>", "</a> ", 1))
        else:
            dinner.write_text(edit(dinner.read_text()))
        build(project, out)
        cold = copy_project(project.root, tmp_path / f"cold-{n}")
        assert (cold.templates_dir.is_dir()) == (edit is None)
        build(cold, tmp_path / f"cold-site-{n}")
        assert _tree(out) == _tree(tmp_path / f"cold-site-{n}"), f"after edit {n}"



def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def _append(path: Path, data: bytes) -> None:
    with open(path, "ab") as fh:
        fh.write(data)


def test_rebuilds_after_record_and_setting_changes_equal_a_cold_build(tmp_path):
    """What the kept event views (memo.ViewCache) depend on besides the event's own file:
    the articles it cites or names in a conflict (title, place and zone in its date label,
    publication date), the base URL (--base-url and site.yaml), the slugs of its terms
    (a new name that slugs alike renames a term page), the other events (a deleted
    neighbour); and a stale or corrupt cache (kept views, a log of export pieces cut short)
    only costs time."""
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    events, articles = project.events_dir, project.articles_dir
    views_cache = project.root / ".timeline-cache" / "views"
    saved = tmp_path / "saved-views"
    steps = [
        ("conflict and source article retitled",
         lambda: _replace(articles / "kl-wire.md", "Talks collapse in Hanoi", "Talks fail in Hanoi")),
        ("cited article moved to another place and zone",
         lambda: _replace(articles / "kl-wire.md", "place: Kuala Lumpur\ntimezone: Asia/Kuala_Lumpur",
                          "place: Singapore\ntimezone: Asia/Singapore")),
        ("first cited article moved: the summit's clock time is labelled by another place",
         lambda: _replace(articles / "hanoi-report.md", "place: Hanoi\ntimezone: Asia/Ho_Chi_Minh",
                          "place: Bangkok\ntimezone: Asia/Bangkok")),
        ("a cited expression's words written earlier in its article (its anchor id -> '-2')",
         lambda: _replace(articles / "hanoi-report.md", "\nHANOI: The summit",
                          "\nAs last year, they met in Singapore.\n\nHANOI: The summit")),
        ("cited article republished (an entry's date in the feeds)",
         lambda: _replace(articles / "hanoi-report.md", "2019-02-28T19:05:00+07:00",
                          "2019-03-01T08:00:00+07:00")),
        ("--base-url", "/repo/"),
        ("site.yaml base_url and title (no --base-url)",
         lambda: (_replace(project.site_config, 'base_url: "/"', 'base_url: "/other/"'),
                  _replace(project.site_config, "Fixture summit timeline", "Renamed"))),
        ("a new place that slugs like Hanoi",
         lambda: _replace(events / "leaders-dinner.yaml", "status: reviewed",
                          "places:\n- HANOI\nstatus: reviewed")),
        ("a neighbour deleted", lambda: (events / "summit-week.yaml").unlink()),
        ("the kept views of two builds ago",
         lambda: (shutil.rmtree(views_cache), shutil.copytree(saved, views_cache),
                  _replace(events / "summit-ends.yaml", "Summit ends without agreement",
                           "Summit ends, no deal"))),
        ("a corrupt cache", lambda: (
            [f.write_bytes(b"\x80\x05garbage") for f in views_cache.iterdir()],
            _append(project.root / ".timeline-cache" / "fragments.pickle.log", b"\x80\x05\x95"),
            _replace(events / "summit-ends.yaml", "Summit ends, no deal", "Summit ends early"))),
        ("a cited article's outlet named beside its agency (its credit and filter key)",
         lambda: _replace(articles / "kl-wire.md", "source: null", 'source: "Fixture Daily"')),
    ]
    build(project, out)
    base_url = None
    for n, (name, step) in enumerate(steps):
        if n == 7:
            shutil.copytree(views_cache, saved)
        if isinstance(step, str):
            base_url = step
        else:
            base_url = None
            step()
        build(project, out, base_url=base_url)
        cold = copy_project(project.root, tmp_path / f"cold-{n}")
        build(cold, tmp_path / f"cold-site-{n}", base_url=base_url)
        assert _tree(out) == _tree(tmp_path / f"cold-site-{n}"), f"after: {name}"
    assert "places/hanoi-2/index.html" in _tree(out)


# --------------------------------------------------------------------------- templates, errors

def test_project_template_overrides_the_theme_file_by_file(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    (project.templates_dir / "assets").mkdir(parents=True)
    (project.templates_dir / "about.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Our own about page</h1>{% endblock %}\n')
    (project.templates_dir / "assets" / "style.css").write_text("body { color: black; }\n")
    build(project, tmp_path / "site")
    assert "Our own about page" in (tmp_path / "site/about/index.html").read_text()
    assert (tmp_path / "site/assets/style.css").read_text() == "body { color: black; }\n"
    assert (tmp_path / "site/assets/timeline.js").is_file()          # theme file still used
    assert "Summit ends without agreement" in (tmp_path / "site/index.html").read_text()


def test_template_error_names_template_and_line(tmp_path, run_cli):
    project = copy_project(FIXTURE, tmp_path / "p")
    project.templates_dir.mkdir()
    (project.templates_dir / "event.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n<h1>{{ event.no_such_field }}</h1>\n'
        '{% endblock %}\n')
    with pytest.raises(TemplateError) as err:
        build(project, tmp_path / "site")
    assert "event.html:3" in str(err.value) and "no_such_field" in str(err.value)
    # a cold build that fails while rendering leaves no site and no staging folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]
    (project.templates_dir / "event.html").write_text("{% block main %}\n{% if %}\n")
    result = run_cli("build", "--root", project.root)
    assert result.returncode == 1
    assert "event.html:2" in result.stderr and "Traceback" not in result.stderr


def test_bad_event_stops_the_build_with_file_and_line(tmp_path, run_cli):
    project = copy_project(FIXTURE, tmp_path / "p")
    (project.events_dir / "venue-announced.yaml").write_text(
        'id: venue-announced\ndate: "2019-02-30"\ntitle: x\n')
    with pytest.raises(ValidationError):
        build(project, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"], "no site, no staging folder"
    result = run_cli("build", "--root", project.root)
    assert result.returncode == 1
    assert re.search(r"venue-announced\.yaml:2:\d+: .*date", result.stderr)
    assert not (tmp_path / "site").exists()


def test_cli_build_with_base_path(tmp_path, run_cli):
    project = copy_project(FIXTURE, tmp_path / "p")
    result = run_cli("build", "--root", project.root, "--out", tmp_path / "out",
                     "--base-url", "/repo")
    assert result.returncode == 0, result.stderr
    assert "built" in result.stdout
    assert broken_links(tmp_path / "out", "/repo/") == []
    bad = run_cli("build", "--root", project.root, "--base-url", "javascript:alert(1)")
    assert bad.returncode == 2 and "--base-url" in bad.stderr   # a wrong command line (README)


# --------------------------------------------------------------------------- the demo

def test_demo_site_builds_with_every_event_and_no_broken_link(tmp_path):
    project = copy_project(REPO, tmp_path / "demo")
    out = tmp_path / "site"
    build(project, out, base_url="/timeline/")
    ids = []
    for p in sorted(project.events_dir.glob("*.yaml")):
        text = p.read_text()
        if "status: rejected" not in text:
            ids.append(p.stem)
    for event_id in ids:
        assert (out / "events" / event_id / "index.html").is_file()
    assert len(home_items(out)) == len(ids)
    dates = [a["data-start"] for a in home_items(out)]
    assert dates == sorted(dates)
    assert broken_links(out, "/timeline/") == []
    size = len(gzip.compress((out / "index.html").read_bytes()))
    assert size < 200_000


def test_decades_and_centuries_get_their_own_sections_and_pages(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    for event_id, date, title in [("a-decade", "201X", "Talks over the decade"),
                                  ("a-century", "19", "A century of division")]:
        (project.events_dir / f"{event_id}.yaml").write_text(
            f'id: {event_id}\ndate: "{date}"\ntitle: {title}\nsources: []\nstatus: reviewed\n')
    out = tmp_path / "site"
    build(project, out)
    ids = [a["id"] for a in home_items(out)]
    assert ids[:2] == ["e-a-century", "e-a-decade"] and ids[2] == "e-first-meeting-singapore"
    home = parse_html(out / "index.html")
    assert {"y1900-1999", "y2010s"} <= home.ids
    assert (out / "years/2010s/index.html").is_file() and (out / "years/1900-1999/index.html").is_file()
    assert "Sometime in the 2010s" in (out / "index.html").read_text()
    assert broken_links(out) == []


def test_a_build_that_stopped_midway_leaves_no_page_trusted_as_current(tmp_path):
    """A page a stopped build (killed, or failed on a later file) wrote is the page of
    that build's inputs, while the manifest of pages and their inputs was the previous
    build's: when the inputs then go back to the previous build's (an edit undone), the
    next build must not take the page for current."""
    from timeline.site import build_site
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    build_site(project, out=out)
    page = out / "events" / "leaders-dinner" / "index.html"
    event = project.events_dir / "leaders-dinner.yaml"
    before = event.read_text(encoding="utf-8")
    event.write_text(before.replace("title: ", "title: Edited, ", 1), encoding="utf-8")
    shutil.rmtree(out / "about")
    (out / "about").write_text("a file where the about/ folder goes")   # stops the build late
    with pytest.raises(OSError):
        build_site(project, out=out)
    assert "Edited, " in page.read_text(encoding="utf-8")     # written before it stopped
    (out / "about").unlink()
    event.write_text(before, encoding="utf-8")                # the edit undone
    build_site(project, out=out)
    assert "Edited, " not in page.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    build_site(project, out=fresh)
    assert page.read_bytes() == (fresh / "events" / "leaders-dinner" / "index.html").read_bytes()
