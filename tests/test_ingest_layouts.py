"""`timeline ingest` on pages in the layouts of common outlets (texts written for these
tests, in tests/fixtures/layouts/): each stamp, dateline and byline format is read right,
or the article carries a `todo` saying what is unknown. Never silently wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_ingest_cli import articles, front_and_body, ingest, project  # noqa: F401

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.fixture
def ingested(run_cli, project):  # noqa: F811
    result = ingest(run_cli, project, LAYOUTS)
    assert result.returncode == 0, result.stdout + result.stderr
    by_origin = {}
    for path in articles(project):
        front, body = front_and_body(path)
        by_origin[path.stem] = (front, body)
    return result.stdout, by_origin


def _one(by_origin, slug_start):
    found = [v for k, v in by_origin.items() if k.startswith(slug_start)]
    assert len(found) == 1, (slug_start, sorted(by_origin))
    return found[0]


def test_outlet_layouts_metadata(ingested):
    out, by = ingested
    # "9:15 a.m. ET" in July is EDT (-04:00), not a fixed -05:00; "PORTLAND, Maine" is not
    # the gazetteer's Portland, Oregon.
    front, body = _one(by, "harbor-bridge-reopens")
    assert front["published"] == "2020-07-07T09:15:00-04:00"
    assert (front["place"], front["timezone"], front["wire"]) == (
        "Portland", "America/New_York", "Associated Press")
    assert body.startswith("PORTLAND, Maine (AP) — The harbor bridge")
    # "Updated ..." is all the page says: the article may be older, the editor is asked.
    assert "updated" in front["todo"]["published"]
    # Two stamps on one line: the first is the publication; the byline's "For Mailonline"
    # is the outlet, not the author's name.
    front, body = _one(by, "floods-sweep")
    assert front["published"] == "2019-06-12T14:05:00+01:00"
    assert (front["author"], front["source"]) == ("Tom Smith", "Daily Mail")
    assert "published" not in (front.get("todo") or {})     # "Published:" comes first
    assert "BST" not in body
    # A date alone under the headline is the publication date (day precision) and leaves
    # the text; its zone is the project's default, so the editor is asked to check it.
    front, body = _one(by, "storm-brings-flight")
    assert front["published"].startswith("2020-02-09T00:00:00")
    assert front["published_precision"] == "day"
    assert "published" in front["todo"] and "2020" not in body
    # "December 7, 2018 / 10:12 AM / Updated 2 hours ago": the first date, London time
    # from the dateline; the staff credit line is not article text.
    front, body = _one(by, "oil-prices-rise")
    assert front["published"] == "2018-12-07T10:12:00+00:00"
    assert front["place"] == "London" and "Reporting by" not in body and "ago" not in body
    # A city missing from the gazetteer takes its state's zone ("GALLIANO, La.").
    front, _ = _one(by, "school-board-votes")
    assert (front["place"], front["timezone"]) == ("Galliano", "America/Chicago")
    assert front["published"] == "2020-03-03T18:15:00-06:00"
    assert "timezone" not in front["todo"]
    # "IST" on a New Delhi page is India's +05:30, not Israel's +02:00.
    front, _ = _one(by, "monsoon-rains")
    assert front["published"] == "2020-06-25T14:30:00+05:30"


def test_awkward_pages_are_flagged_not_guessed(ingested):
    out, by = ingested
    # Only a relative "Updated 3 hours ago": no date is made up, the stamp leaves the text.
    front, body = _one(by, "mayor-announces-new-riverside-park")
    assert front["published"] is None and "published" in front["todo"]
    assert "ago" not in body
    # A paywall stub: the text stops mid-sentence and the editor is told.
    front, body = _one(by, "inside-the-boardroom")
    assert "text" in front["todo"] and body.endswith("met on Monday to")
    assert "the text stops mid-sentence" in out
    # Not English: the tagger would misread it; the article says so.
    front, _ = _one(by, "le-conseil-municipal")
    assert "language" in front["todo"]
    # Complete English articles get neither entry.
    for slug in ("harbor-bridge", "floods-sweep", "oil-prices-rise", "monsoon-rains"):
        front, _ = _one(by, slug)
        assert not {"text", "language"} & set(front.get("todo") or {}), slug


def test_dataset_dates_read_in_the_outlets_zone_and_bbc_stamps(run_cli, project, tmp_path):  # noqa: F811
    """Real Timeline17 BBC records: a "time" with no zone and no dateline is a London date
    (+01:00 in summer), not UTC with a todo; a record opening with BBC's "Page last
    updated at 15:47 GMT, ..." stamp gets that publication time and loses the stamp; blog
    comments ("At 11:35 am on 18 Jan 2010, X wrote:") are not article text."""
    from conftest import T17, require_shared
    import json

    lines = require_shared(T17 / "haiti_bbc" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()
    stamped = next(json.loads(x) for x in lines if "Page last updated at 15:47 GMT" in x)
    commented = next(json.loads(x) for x in lines if " wrote : " in x and "At 11:35 am" in x)
    summer = json.loads(require_shared(T17 / "bpoil_bbc" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()[0])
    assert summer["time"][5:7] in ("05", "06", "07", "08")
    sample = tmp_path / "bbc.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in (stamped, commented, summer)),
                      encoding="utf-8")
    result = ingest(run_cli, project, "--source", "BBC News", sample)
    assert result.returncode == 0, result.stdout + result.stderr
    found = [front_and_body(p) for p in articles(project)]
    assert len(found) == 3
    by_date = {front["published"][:10]: (front, body) for front, body in found}
    front, body = by_date[stamped["time"]]
    assert front["published"] == f"{stamped['time']}T15:47:00+00:00"
    assert "published_precision" not in front and "Page last updated" not in body
    assert "error occurred" not in body and not front["title"].startswith("Page last")
    front, body = by_date[commented["time"]]
    assert " wrote:" not in body and "At 11:35 am" not in body
    front, body = by_date[summer["time"]]
    assert front["published"] == f"{summer['time']}T00:00:00+01:00"
    assert front["published_precision"] == "day"
    for front, _ in found:
        assert "published" not in (front.get("todo") or {})


def test_reuters_stamps_give_headline_place_and_time(run_cli, project, tmp_path):  # noqa: F811
    """Real Timeline17 Reuters records: the stamp "PLACE | Wed Jun 16, 2010 4:59 pm EDT"
    also when the headline, a picture credit or a byline runs into its line, or it names
    several places ("WASHINGTON/VENICE, Louisiana"): the headline becomes the title, the
    first place the dateline place, the stamp the publication time, and none of it stays
    in the text; "(BP.\\nL)" split by the dataset is one code again."""
    from conftest import T17, require_shared
    import json

    lines = require_shared(T17 / "bpoil_reuters" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()
    pick = {
        "headline": next(x for x in lines if "BP cuts dividend and capex to pay for oil spill "
                         "LONDON |" in x),
        "places": next(x for x in lines if '"text": "WASHINGTON\\\\/VENICE , Louisiana |' in x),
        "credit": next(x for x in lines if "Navy photo\\\\/Handout By Caren Bohan" in x),
        "code": next(x for x in lines if "BP -LRB- BP . \\nL -RRB-" in x),
    }
    sample = tmp_path / "reuters.jsonl"
    sample.write_text("".join(x + "\n" for x in pick.values()), encoding="utf-8")
    result = ingest(run_cli, project, "--source", "Reuters", sample)
    assert result.returncode == 0, result.stdout + result.stderr
    found = {json.loads(x)["id"]: None for x in pick.values()}
    got = [front_and_body(p) for p in articles(project)]
    assert len(got) == len(found) == 4
    by_time = {front["published"]: (front, body) for front, body in got}
    front, body = by_time["2010-06-16T16:59:00-04:00"]
    assert front["title"] == "BP cuts dividend and capex to pay for oil spill"
    assert "title" not in (front.get("todo") or {})
    assert (front["place"], front["timezone"]) == ("London", "Europe/London")
    assert body.startswith("LONDON (Reuters) - Oil giant BP said")
    front, body = by_time["2010-05-22T19:50:00-04:00"]
    assert front["place"] == "Washington" and body.startswith("WASHINGTON/VENICE, Louisiana (")
    front, body = by_time["2010-05-14T17:45:00-04:00"]
    assert front["author"] == "Caren Bohan and Steve Gorman"
    assert "Handout" not in front["title"] and "Handout" not in body
    assert body.startswith("WASHINGTON/PORT FOURCHON, Louisiana (Reuters) - ")
    for front, body in got:
        assert "|" not in body.split("\n", 1)[0], body[:120]
        assert "(BP.\nL)" not in body
    assert any("(BP.L)" in body for _, body in got)


def test_html_pages_metadata_in_local_time(ingested):
    out, by = ingested
    # article:published_time "2020-03-03T15:42:00Z" is written in the dateline's zone
    # (the same instant; the local date is the one the text's "Monday" counts from);
    # og:site_name "AP News" is the Associated Press.
    front, body = _one(by, "senate-passes-spending-bill")
    assert front["published"] == "2020-03-03T10:42:00-05:00"
    assert front["source"] == "Associated Press" and "wire" not in front
    assert body.startswith("WASHINGTON (AP) — The Senate passed") and "var x" not in body
    # A live page: UTC metadata in the newsroom's zone (no dateline), and the headline
    # that the extractor put between two posts is not text.
    front, body = _one(by, "election-night-live")
    assert front["published"] == "2020-11-03T18:00:00-05:00"
    assert "Election night live" not in body


def test_dates_in_figures(ingested):
    out, by = ingested
    # "03/04/2020" is 3 April in Europe and March 4 in the US: read, and flagged.
    front, _ = _one(by, "council-approves-harbour-plan")
    assert front["published"].startswith("2020-03-04T10:42")
    assert "day first or month first" in front["todo"]["published"]
    # "03.04.2020" is day first wherever it is written: 3 April, nothing to check.
    front, _ = _one(by, "bridge-closed-for-repairs")
    assert front["published"] == "2020-04-03T10:42:00+02:00"
    assert "published" not in (front.get("todo") or {})


def test_guardian_credits_and_print_notes_leave_the_text(run_cli, project, tmp_path):  # noqa: F811
    """Real Timeline17 Guardian records: a picture credit run into a sentence
    ("Photograph: Gerald Herbert/AP BP said ...") loses the credit, not the sentence; the
    print note and promotions that end the page go, so the text ends with a sentence."""
    from conftest import T17, require_shared

    lines = require_shared(T17 / "bpoil_guardian" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()
    credit = next(x for x in lines if "Photograph : Gerald Herbert\\\\/AP " in x)
    note = next(x for x in lines if "A version appeared on p" in x and x != credit)
    sample = tmp_path / "guardian.jsonl"
    sample.write_text(credit + "\n" + note + "\n", encoding="utf-8")
    result = ingest(run_cli, project, "--source", "The Guardian", sample)
    assert result.returncode == 0, result.stdout + result.stderr
    got = [front_and_body(p) for p in articles(project)]
    assert len(got) == 2
    for front, body in got:
        assert "Photograph: Gerald Herbert/AP" not in body
        assert "A version appeared" not in body and "Follow the latest" not in body
    assert any("credit prefix" in line for line in result.stdout.splitlines())


def test_page_language_from_html_lang(ingested):
    # <html lang="fr">: the article is French (extract then skips it, naming it), so no
    # "does not read as en" todo is needed.
    front, _ = _one(by := ingested[1], "le-conseil-regional-vote")
    assert front["language"] == "fr"
    assert "language" not in (front.get("todo") or {})
    assert front["published"] == "2020-03-03T09:00:00+01:00"
    assert _one(by, "le-conseil-municipal-adopte")[0]["language"] == "en"   # plain text


def test_live_page_post_times_head_their_posts(ingested):
    # A post time alone on its line (or paragraph) heads the post after it, so the tagger
    # dates the post ("7:12 p.m. GMT: Police closed the bridge ...").
    _, body = _one(ingested[1], "storm-live")
    assert body.split("\n\n") == [
        "7:12 p.m. GMT: Police closed the bridge in the town centre as the water rose.",
        "6:40 p.m. GMT: Rescuers moved families from the riverside houses, the council said."]
