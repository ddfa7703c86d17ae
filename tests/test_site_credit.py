"""Who a story is from, on the site: the outlet (`source`), else the news agency it is
credited to (`wire`: "via Bloomberg"), both when both are known ("The Star via
Bloomberg"); the home page's Source filter lists outlets, else agencies, else (only then)
article titles. Display only: the record on disk keeps `source: null`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO
from site_check import FIXTURE, copy_project, parse_html

STAR = "thestar-trump-kim-summit-breaks-down.txt"
BT = "businesstimes-trump-kim-summit-ended-abruptly.txt"


def filter_options(site: Path) -> list[tuple[str, str]]:
    """(value, text) of the home page's Source filter, without its empty "All sources"."""
    html = (site / "index.html").read_text(encoding="utf-8")
    menu = html.split('<select id="filter-source"', 1)[1].split("</select>", 1)[0]
    out = []
    for part in menu.split("<option ")[1:]:
        value = part.split('value="', 1)[1].split('"', 1)[0]
        text = part.split(">", 1)[1].split("</option>", 1)[0]
        if value:
            out.append((value, text))
    return out


def data_sources(site: Path) -> dict[str, str]:
    return {attrs["id"][2:]: attrs["data-sources"] for tag, attrs in parse_html(site / "index.html").tags
            if tag == "li" and "event" in attrs.get("class", "").split()}


def build(run_cli, root: Path, out: Path) -> None:
    result = run_cli("build", "--root", root, "--out", out)
    assert result.returncode == 0, result.stderr


def set_front(article: Path, old: str, new: str) -> None:
    text = article.read_text(encoding="utf-8")
    assert old in text, (article, old)
    article.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_demo_star_ingested_without_its_outlet_shows_its_agency(run_cli, tmp_path, demo_articles):
    """The audit's case: ingest finds the Star's Bloomberg credit but not the outlet; the
    site says "via Bloomberg" where it said nothing, and the filter offers Bloomberg and
    The Business Times, not two headlines."""
    root = tmp_path / "proj"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", root / "content" / "site.yaml")
    for name in (STAR, BT):
        assert run_cli("ingest", "--root", root, demo_articles / name).returncode == 0
    star = next((root / "content" / "articles").glob("trump-kim-summit-breaks-down*.md"))
    front = star.read_text(encoding="utf-8")
    assert "\nsource: null\n" in front and "\nwire: Bloomberg\n" in front
    assert run_cli("extract", "--root", root, "--quiet").returncode == 0
    out = tmp_path / "site"
    build(run_cli, root, out)
    assert filter_options(out) == [("Bloomberg", "Bloomberg"),
                                   ("The Business Times", "The Business Times")]
    collapse = next((out / "events").glob("2019-02-28-trump-kim-summit-collapses*/index.html"))
    page = collapse.read_text(encoding="utf-8")
    assert "sometimes you have to walk&#39;</a>, via Bloomberg, <time" in page
    assert "North Korea sanctions</a>, The Business Times, <time" in page
    assert data_sources(out)[collapse.parent.name] == "Bloomberg|The Business Times"   # in citation order
    article = (out / "articles" / star.stem / "index.html").read_text(encoding="utf-8")
    assert "<dt>News agency</dt><dd>Bloomberg</dd>" in article and "<dt>Outlet</dt>" not in article
    assert star.read_text(encoding="utf-8") == front, "the build never writes the record"


def test_outlet_agency_and_title_in_every_place_a_source_is_named(run_cli, tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    arts = project.articles_dir
    # the fixture's kl-wire has `source: null` and `wire: "Fixture Wire"`; give the
    # hanoi report an agency too, and take the hostile article's outlet away
    set_front(arts / "hanoi-report.md", 'source: "Fixture Herald"',
              'source: "Fixture Herald"\nwire: "Agence Fixture"')
    set_front(arts / "hostile.md", 'source: "<b onmouseover=alert(2)>Evil Outlet</b>"', "source: null")
    out = tmp_path / "site"
    build(run_cli, project.root, out)
    event = (out / "events/summit-ends/index.html").read_text(encoding="utf-8")
    assert "Summit ends without a deal</a>, Fixture Herald via Agence Fixture, <time" in event
    assert "Talks collapse in Hanoi</a>, via Fixture Wire, <time" in event
    index = (out / "articles/index.html").read_text(encoding="utf-8")
    assert "</a>, Fixture Herald via Agence Fixture, <time" in index
    assert "Talks collapse in Hanoi</a>, via Fixture Wire, <time" in index
    hostile = (out / "articles/hostile/index.html").read_text(encoding="utf-8")
    assert "<dt>Outlet</dt>" not in hostile and "<dt>News agency</dt>" not in hostile
    # outlet first, else agency, else the article's title (escaped) with its id as value
    options = filter_options(out)
    assert options[:2] == [("Fixture Herald", "Fixture Herald"), ("Fixture Wire", "Fixture Wire")]
    assert options[2][0] == "hostile" and options[2][1].startswith("&lt;script&gt;")
    # the filter and search.json match events by the same keys
    assert data_sources(out)["summit-ends"] == "Fixture Herald|Fixture Wire"
    index_json = json.loads((out / "search.json").read_text(encoding="utf-8"))
    summit = next(e for e in index_json["events"] if e["id"] == "summit-ends")
    assert summit["sources"] == ["Fixture Herald", "Fixture Wire"]
    assert index_json["sources"]["Fixture Wire"] == "Fixture Wire"
    feed = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    texts = " ".join(i.get("content_text", "") for i in feed["items"])
    assert "(via Fixture Wire)" in texts


def test_two_articles_of_one_outlet_are_one_filter_option(run_cli, tmp_path):
    """An agency's own story and its copy in an unnamed outlet are one option, matching
    the events of both."""
    project = copy_project(FIXTURE, tmp_path / "p")
    set_front(project.articles_dir / "hanoi-report.md", 'source: "Fixture Herald"',
              'source: "Fixture Wire"')
    out = tmp_path / "site"
    build(run_cli, project.root, out)
    options = filter_options(out)
    assert [v for v, _ in options].count("Fixture Wire") == 1 and len(options) == 2
    sources = data_sources(out)
    assert sources["summit-ends"] == "Fixture Wire"           # cited by both: once
    assert sources["talks-resume"] == "Fixture Wire"          # kl-wire only (wire credit)


def test_a_bar_in_an_outlet_name_does_not_split_its_filter_key(run_cli, tmp_path):
    """data-sources lists an event's keys joined by "|": an outlet named "The Star | Malaysia"
    keys as "The Star / Malaysia", one option still matching its events (the review of
    062b1af)."""
    project = copy_project(FIXTURE, tmp_path / "p")
    set_front(project.articles_dir / "hanoi-report.md", 'source: "Fixture Herald"',
              'source: "The Star | Malaysia"')
    out = tmp_path / "site"
    build(run_cli, project.root, out)
    assert ("The Star / Malaysia", "The Star | Malaysia") in filter_options(out)
    assert data_sources(out)["summit-ends"].split("|")[0] == "The Star / Malaysia"
