"""`timeline ingest` end to end, as a user runs it: the two demo articles (exact front
matter, boilerplate gone, sentences verbatim), the committed demo content, an HTML page,
real Timeline17 JSON Lines, encodings, refusals, duplicates and overwrites."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from conftest import REPO, T17, require_shared

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BT = "businesstimes-trump-kim-summit-ended-abruptly.txt"
STAR = "thestar-trump-kim-summit-breaks-down.txt"
BT_SLUG = "trump-kim-summit-ended-abruptly-over-north-korea-sanctions"
STAR_SLUG = "trump-kim-summit-breaks-down-us-president-says-sometimes-you-have-to-walk"
BOILERPLATE = ("Campaign ID", "Next In World", "Telegram", "Subscribe", "Share this article",
               "Article type", "Cxense", "Stories You'll Enjoy", "Browse corporate",
               "Get the latest coverage", "JW Marriott", "– Bloomberg", "Khashoggi")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", root / "content" / "site.yaml")
    return root


def front_and_body(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.strip()


def ingest(run_cli, project: Path, *args: str, input: str | None = None):
    result = run_cli("ingest", "--root", project, *args, input=input)
    assert "Traceback" not in result.stderr
    return result


def articles(project: Path) -> list[Path]:
    return sorted((project / "content" / "articles").glob("*.md"))


# --------------------------------------------------------------------------- the demo

def test_demo_business_times_front_matter_and_body(run_cli, project, demo_articles):
    raw = (demo_articles / BT).read_text(encoding="utf-8")
    result = ingest(run_cli, project, demo_articles / BT)
    assert result.returncode == 0, result.stderr
    front, body = front_and_body(project / "content" / "articles" / f"{BT_SLUG}.md")
    assert front == {
        "title": "Trump-Kim summit ended abruptly over North Korea sanctions",
        "source": "The Business Times", "url": None,
        "published": "2019-02-28T07:44:00+08:00", "place": "Hanoi",
        "timezone": "Asia/Bangkok", "language": "en", "author": None}
    assert "outlet The Business Times (named in page boilerplate)" in result.stdout
    assert ("publication time 07:44 gave no zone: read as The Business Times's newsroom time "
            "(Asia/Singapore, UTC+08:00)") in result.stdout
    assert "not detected: url, author" in result.stdout
    for junk in BOILERPLATE + ("Published Thu",):
        assert junk not in body, junk
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("[HANOI] US President Donald Trump said his summit")
    assert paragraphs[-1] == ('There would be "nothing worse than signing a deal just to get '
                              'something", he said.')
    for paragraph in paragraphs:       # every kept paragraph is verbatim from the page
        assert paragraph in raw
    assert len(paragraphs) == 18


def test_demo_star_front_matter_with_source_option(run_cli, project, demo_articles):
    raw = (demo_articles / STAR).read_text(encoding="utf-8")
    result = ingest(run_cli, project, "--source", "The Star", demo_articles / STAR)
    assert result.returncode == 0, result.stderr
    front, body = front_and_body(project / "content" / "articles" / f"{STAR_SLUG}.md")
    assert front == {
        "title": "Trump-Kim summit breaks down, US president says 'sometimes you have to walk'",
        "source": "The Star", "url": None, "published": "2019-02-28T00:00:00+07:00",
        "place": "Hanoi", "timezone": "Asia/Bangkok", "language": "en", "author": None,
        "wire": "Bloomberg", "published_precision": "day"}
    assert "date taken from the photo caption ('Feb 28, 2019'); time of day unknown" in result.stdout
    for junk in BOILERPLATE:
        assert junk not in body, junk
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("HANOI (Bloomberg): US president Donald Trump's second summit")
    assert paragraphs[-1] == ("The summit was organised in Hanoi in haste after Trump announced "
                              "the meeting on Feb 8, and the White House sought to lower "
                              "expectations even before the president left for Vietnam.")
    for paragraph in paragraphs:
        assert paragraph in raw
    assert "Trump and Kim departed the Metropole separately before 1:30pm local time (2.30pm in " \
           "Kuala Lumpur)." in paragraphs


def test_star_without_source_says_so_and_leaves_a_todo(run_cli, project, demo_articles):
    result = ingest(run_cli, project, "--show-removed", demo_articles / STAR)
    assert result.returncode == 0
    assert "not detected: url, outlet (pass --source NAME), author" in result.stdout
    for line in ("  - tracking field: Campaign ID: 46", "  - list heading: Next In World",
                 "  - caption: Trump reacts during a news conference after his summit",
                 "  - related list: Even the Swiss are shifting to cashless payments"):
        assert line in result.stdout
    front, _ = front_and_body(articles(project)[0])
    assert front["source"] is None and front["wire"] == "Bloomberg"
    assert front["todo"] == {"source": "outlet not detected: write the name of the publication"}


def test_committed_demo_articles_are_exactly_what_the_tool_writes(run_cli, project, demo_articles):
    """content/articles is tool output (`make demo-content`), never hand-cleaned."""
    assert ingest(run_cli, project, demo_articles / BT).returncode == 0
    assert ingest(run_cli, project, "--source", "The Star", demo_articles / STAR).returncode == 0
    fresh = {p.name: p.read_text(encoding="utf-8") for p in articles(project)}
    committed = {p.name: p.read_text(encoding="utf-8")
                 for p in sorted((REPO / "content" / "articles").glob("*.md"))}
    assert fresh == committed


# --------------------------------------------------------------------------- again / overwrite

def test_same_article_twice_is_reported_not_duplicated(run_cli, project, demo_articles):
    assert ingest(run_cli, project, demo_articles / BT).returncode == 0
    again = ingest(run_cli, project, demo_articles / BT)
    assert again.returncode == 0
    assert f"unchanged content/articles/{BT_SLUG}.md" in again.stdout or "unchanged" in again.stdout
    assert len(articles(project)) == 1
    # the same text under another name, in one run: one article, one "skipped" line
    copy = project / "copy.txt"
    copy.write_bytes((demo_articles / STAR).read_bytes())
    both = ingest(run_cli, project, demo_articles / STAR, copy)
    assert both.returncode == 0
    assert f"skipped {copy}: same article as {demo_articles / STAR} in this run (same text)" \
        in both.stdout
    assert len(articles(project)) == 2


def test_hand_edited_article_is_not_overwritten_without_force(run_cli, project, demo_articles):
    assert ingest(run_cli, project, demo_articles / BT).returncode == 0
    path = articles(project)[0]
    edited = path.read_text(encoding="utf-8").replace("url: null", "url: https://example.org/bt")
    path.write_text(edited, encoding="utf-8")
    refused = ingest(run_cli, project, demo_articles / BT)
    assert refused.returncode == 1
    assert f"{demo_articles / BT}: already ingested as" in refused.stderr + refused.stdout
    assert "use --force to replace it" in refused.stderr + refused.stdout
    assert path.read_text(encoding="utf-8") == edited
    forced = ingest(run_cli, project, "--force", demo_articles / BT)
    assert forced.returncode == 0 and "updated" in forced.stdout
    assert "url: null" in path.read_text(encoding="utf-8")
    assert len(articles(project)) == 1


def test_different_articles_with_one_title_get_unique_slugs(run_cli, project, tmp_path):
    for i, text in enumerate(("The first report.", "A different report.")):
        (tmp_path / f"{i}.txt").write_text(f"Storm update\n\n{text}\n", encoding="utf-8")
    result = ingest(run_cli, project, tmp_path / "0.txt", tmp_path / "1.txt")
    assert result.returncode == 0
    assert [p.name for p in articles(project)] == ["storm-update-2.md", "storm-update.md"]


# --------------------------------------------------------------------------- other formats

def test_html_page(run_cli, project):
    result = ingest(run_cli, project, FIXTURES / "page-with-scripts.html")
    assert result.returncode == 0, result.stderr
    front, body = front_and_body(project / "content/articles/port-strike-ends-after-three-weeks.md")
    assert front == {
        "title": "Port strike ends after three weeks", "source": "Harbour Herald",
        "url": "https://harbourherald.example.com/news/port-strike-ends",
        "published": "2021-10-15T18:05:00+02:00", "place": "Rotterdam",
        "timezone": "Europe/Amsterdam", "language": "en", "author": "Maria Lopez",
        "wire": "Reuters"}
    assert "MARKER" not in body and "<" not in body and "Most Read" not in body
    assert body.count("\n\n") == 3


def test_wire_story_fixture_loses_its_page_furniture(run_cli, project):
    result = ingest(run_cli, project, "--source", "Danube Post",
                    FIXTURES / "wire-story-with-page-furniture.txt")
    assert result.returncode == 0
    front, body = front_and_body(articles(project)[0])
    assert front["published"] == "2013-06-04T16:20:00+02:00"       # Passau, summer time
    assert front["author"] == "Anna Keller and Tomas Novak" and front["wire"] == "Reuters"
    assert (front["place"], front["timezone"]) == ("Passau", "Europe/Berlin")
    assert body.startswith("PASSAU, Germany (Reuters) - Authorities closed")
    assert body.endswith("but said a full count would take weeks.")
    for junk in ("Share", "Advertisement", "Related", "Czech army", "Sign up", "©", "sandbags",
                 "By Anna"):
        assert junk not in body, junk


def test_markdown_with_and_without_front_matter(run_cli, project):
    result = ingest(run_cli, project, FIXTURES / "with-front-matter.md",
                    FIXTURES / "heading-no-front-matter.md")
    assert result.returncode == 0
    front, body = front_and_body(project / "content/articles/election-commission-confirms-result.md")
    assert front["published"] == "2020-11-07T11:30:00-05:00" and front["tags"] == ["election"]
    assert front["url"] == "https://news.example.org/2020/11/07/election-result"
    front, body = front_and_body(project / "content/articles/seoul-and-tokyo-agree-to-resume-talks.md")
    assert (front["place"], front["published"]) == ("Seoul", "2023-03-06T09:15:00+09:00")
    assert "Published" not in body and not body.startswith("#")


def test_standard_input(run_cli, project):
    text = "Bridge opens\n\n[LISBON] The new bridge opened on Sunday.\n\nPublished Sun, Jun 2, 2024 · 10:00 AM\n"
    result = ingest(run_cli, project, "-", input=text)
    assert result.returncode == 0, result.stderr
    front, _ = front_and_body(project / "content/articles/bridge-opens.md")
    assert front["published"] == "2024-06-02T10:00:00+01:00"        # Lisbon summer time
    assert "<stdin>" in result.stdout


def test_timeline17_json_lines_real_data(run_cli, project, tmp_path):
    source = require_shared(T17 / "bpoil_reuters" / "articles.jsonl")
    sample = tmp_path / "bpoil_reuters.jsonl"
    sample.write_text("".join(source.read_text(encoding="utf-8").splitlines(True)[:25]),
                      encoding="utf-8")
    result = ingest(run_cli, project, "--source", "Reuters", sample)
    assert result.returncode == 0, result.stderr
    written = articles(project)
    assert len(written) == result.stdout.count("\nwrote ") + result.stdout.startswith("wrote ")
    assert len(written) >= 20
    first = next(p for p in written if p.name.startswith("the-government-piled-pressure-on-bp"))
    front, body = front_and_body(first)
    assert front["published"] == "2010-05-24T19:32:00-04:00"        # the agency stamp, EDT
    # Galliano is not in the gazetteer; the dateline's region (Louisiana) gives the zone.
    assert (front["place"], front["timezone"]) == ("Galliano", "America/Chicago")
    assert "timezone" not in (front.get("todo") or {})
    assert body.startswith("GALLIANO, Louisiana (Reuters) - The government piled pressure on "
                           'BP Plc on Monday to clean up a "massive environmental mess" in the')
    for p in written:
        _, text = front_and_body(p)
        for token in ("-LRB-", "-RRB-", "``", "''", " ,", " .", " 's", " n't"):
            assert token not in text, (p.name, token)


def test_timeline17_stamp_with_no_place_before_the_wire_real_data(run_cli, project, tmp_path):
    """bpoil_reuters 1346 opens "Thu May 6, 2010 1:40 pm EDT (Reuters) - A 98-ton steel
    containment chamber ...": an agency stamp with no place. It stayed in the text, so
    the stamp's clock dated the lead's happening (13:40, not Thursday) and the line stood
    in for the headline (end-to-end audit, session 11)."""
    import json
    record = next(line for line in require_shared(T17 / "bpoil_reuters" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines() if json.loads(line)["id"] == "1346")
    sample = tmp_path / "stamp.jsonl"
    sample.write_text(record + "\n", encoding="utf-8")
    result = ingest(run_cli, project, sample)
    assert result.returncode == 0, result.stderr
    [written] = articles(project)
    front, body = front_and_body(written)
    assert front["published"] == "2010-05-06T13:40:00-04:00"        # the stamp, EDT
    assert front["wire"] == "Reuters"
    assert body.startswith("(Reuters) - A 98-ton steel containment chamber, or cofferdam, reached")
    assert "1:40 pm" not in front["title"] and "1:40 pm" not in body


def test_timeline17_bbc_byline_run_into_the_text_real_data(run_cli, project, tmp_path):
    """Timeline17's BBC records open with the byline run into the text: the author, the
    outlet and the reporter's place (a dateline: its zone reads the clock times) are
    taken out of the first sentence."""
    source = require_shared(T17 / "bpoil_bbc" / "articles.jsonl")
    record = next(line for line in source.read_text(encoding="utf-8").splitlines(True)
                  if '"id": "857"' in line or '"id":"857"' in line)
    sample = tmp_path / "bpoil_bbc_857.jsonl"
    sample.write_text(record, encoding="utf-8")
    result = ingest(run_cli, project, sample)
    assert result.returncode == 0, result.stderr
    (written,) = articles(project)
    front, body = front_and_body(written)
    assert (front["author"], front["source"]) == ("Finlo Rohrer", "BBC News")
    assert (front["place"], front["timezone"]) == ("Washington", "America/New_York")
    assert body.startswith("Everything so far tried has failed The experts have tried")


def test_json_lines_bad_lines_are_refused_by_line(run_cli, project):
    result = ingest(run_cli, project, FIXTURES / "records.jsonl")
    assert result.returncode == 1
    assert f"{FIXTURES / 'records.jsonl'}:3: not valid JSON" in result.stdout + result.stderr
    assert f"{FIXTURES / 'records.jsonl'}:4: record has no article text" in result.stdout + result.stderr
    assert len(articles(project)) == 2
    front, body = front_and_body(project / "content/articles/oil-spill-reaches-marshes.md")
    assert body == ('NEW ORLEANS (Reuters) - Oil from the leaking well reached the marshes of '
                    'Louisiana on Monday, officials said.\nThe company said it "can\'t say" when '
                    'the leak would be stopped.')
    assert front["published"] == "2010-05-24T00:00:00-05:00" and front["published_precision"] == "day"


# --------------------------------------------------------------------------- encodings, refusals

@pytest.mark.parametrize("name,encoding", [("utf16-bom.txt", "utf-16-le (with a byte-order mark)"),
                                           ("utf16le-no-bom.txt", "utf-16-le"),
                                           ("cp1252.txt", "cp1252")])
def test_non_utf8_input_is_decoded_and_written_as_utf8(run_cli, project, name, encoding):
    result = ingest(run_cli, project, FIXTURES / name)
    assert result.returncode == 0, result.stderr
    assert f"decoded from {encoding}; written as UTF-8" in result.stdout
    text = (project / "content/articles/rain-delays-harvest-in-the-south.md").read_bytes().decode("utf-8")
    assert "delayed the harvest by “two weeks”, the ministry’s café-side survey showed." in text
    assert 'published: "2019-09-09T10:00:00+02:00"' in text


@pytest.mark.parametrize("name,message", [
    ("binary-with-txt-suffix.txt", "binary file (contains NUL bytes), not an article"),
    ("image-named-article.html", "binary file (a PNG image), not an article"),
])
def test_binary_files_are_refused(run_cli, project, name, message):
    result = ingest(run_cli, project, FIXTURES / name)
    assert result.returncode == 1
    assert f"{FIXTURES / name}: {message}" in result.stdout + result.stderr
    assert articles(project) == []


def test_a_50_mb_file_is_refused_without_reading_it(run_cli, project, tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = ingest(run_cli, project, big)
    assert result.returncode == 1
    assert f"{big}: 50.0 MB is too large for one article (limit 10 MB)" in result.stdout + result.stderr
    assert articles(project) == []


def test_missing_and_unsupported_inputs(run_cli, project, tmp_path):
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    result = ingest(run_cli, project, tmp_path / "nope.txt", tmp_path / "scan.pdf")
    out = result.stdout + result.stderr
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.txt'}: no such file or folder" in out
    assert f"{tmp_path / 'scan.pdf'}: binary file (a PDF document)" in out


def test_every_refused_input_is_counted_in_the_summary(run_cli, project, tmp_path):
    """A missing file and a folder without articles are refused like an unreadable file:
    the summary counted only the latter ("0 refused" under "no such file or folder")."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    result = ingest(run_cli, project, "/nonexistent.txt")
    assert result.returncode == 1
    assert "/nonexistent.txt: no such file or folder" in result.stdout + result.stderr
    assert result.stdout.strip().endswith("0 written, 0 updated, 0 unchanged, 0 duplicate(s), "
                                          "1 refused"), result.stdout
    result = ingest(run_cli, project, tmp_path / "nope.txt", tmp_path / "empty",
                    tmp_path / "scan.pdf", FIXTURES / "no-date-clues.txt")
    assert result.returncode == 1
    assert f"{tmp_path / 'empty'}: folder holds no" in result.stdout + result.stderr
    assert result.stdout.strip().endswith("1 written, 0 updated, 0 unchanged, 0 duplicate(s), "
                                          "3 refused"), result.stdout
    assert len(articles(project)) == 1


def test_a_url_that_is_no_web_address_is_a_usage_error(run_cli, project, demo_articles):
    """`--url notaurl FILE --force` exited 0 and wrote the article without the URL (a note
    said it was left out): a wrong option value is a usage error (exit 2) naming --url,
    before anything is written."""
    for bad in ("notaurl", "www.example.com/story", "ftp://example.com/x", "https://"):
        result = ingest(run_cli, project, "--url", bad, demo_articles / BT, "--force")
        assert result.returncode == 2, (bad, result.stdout, result.stderr)
        assert "--url" in result.stderr and repr(bad) in result.stderr, result.stderr
        assert not (project / "content" / "articles").exists() or articles(project) == []
    result = ingest(run_cli, project, "--url", "https://www.businesstimes.com.sg/x",
                    demo_articles / BT)
    assert result.returncode == 0, result.stderr
    front, _ = front_and_body(project / "content" / "articles" / f"{BT_SLUG}.md")
    assert front["url"] == "https://www.businesstimes.com.sg/x"


def test_ingest_paths_itself_refuses_a_wrong_url(project, demo_articles):
    """The library's own guard (the CLI stops a wrong --url while parsing, so the test above
    never reaches it): a caller of ingest_paths gets a UsageError and nothing is written."""
    from timeline.errors import UsageError
    from timeline.ingest import ingest_paths
    from timeline.project import Project
    for bad, says in (("HTTPS://example.com/x", "is not a web address"),
                      ("https://example.com/a b", "is not a web address")):
        with pytest.raises(UsageError, match=says):
            ingest_paths(Project(project), [str(demo_articles / BT)], url=bad)
    with pytest.raises(UsageError, match="--url names one article"):
        ingest_paths(Project(project), [str(demo_articles)], url="https://example.com/x")
    assert articles(project) == []


def test_no_date_is_left_for_the_editor_not_guessed(run_cli, project):
    result = ingest(run_cli, project, FIXTURES / "no-date-clues.txt")
    assert result.returncode == 0
    front, _ = front_and_body(articles(project)[0])
    assert front["published"] is None
    assert "published" in front["todo"] and "publication date" in result.stdout


def test_url_option_needs_exactly_one_file(run_cli, project, demo_articles):
    result = ingest(run_cli, project, "--url", "https://example.org/x", demo_articles)
    assert result.returncode == 2
    assert "--url names one article" in result.stderr


def test_a_page_of_nothing_but_boilerplate_is_refused(run_cli, project, tmp_path):
    page = tmp_path / "furniture.txt"
    page.write_text("Share this article.\n\nBT is now on Telegram!\n\nSubscribe to\n", encoding="utf-8")
    result = ingest(run_cli, project, page)
    assert result.returncode == 1
    assert f"{page}: no article text left once page boilerplate" in result.stdout + result.stderr
    assert articles(project) == []


def test_newspaper_page_outlet_named_by_its_own_blurb(run_cli, project):
    result = ingest(run_cli, project, FIXTURES / "guardian-style-page.txt")
    assert result.returncode == 0, result.stderr
    assert "outlet The Guardian (named in page boilerplate)" in result.stdout
    assert "not detected: url, dateline place, author" in result.stdout
    front, body = front_and_body(articles(project)[0])
    assert front["published"] == "2009-05-12T16:36:00+01:00"       # BST written on the page
    assert front["title"] == "Swine flu could infect a third of the world, study says"
    assert body.split("\n\n")[0] == ("Researchers say the virus will spread around the world "
                                     "within nine months")      # the standfirst, as published
    assert body.endswith("5,251 cases had been confirmed in 30 countries.")
    for junk in ("Photograph", "Share", "Last modified", "Most viewed", "police chase",
                 "Support the Guardian", "First published"):
        assert junk not in body, junk


def test_saved_page_and_pasted_text_of_one_article_are_one_article(run_cli, project, tmp_path):
    pasted = tmp_path / "port-strike.txt"
    pasted.write_text("Port strike ends after three weeks\n\nPublished Fri, Oct 15, 2021 · 06:05 PM\n\n"
                      "ROTTERDAM (Reuters) - Dock workers in Rotterdam voted on Friday to end a "
                      "three-week strike, their union said.\n", encoding="utf-8")
    result = ingest(run_cli, project, "--source", "Harbour Herald",
                    FIXTURES / "page-with-scripts.html", pasted)
    assert result.returncode == 0, result.stderr
    assert (f"skipped {pasted}: same article as {FIXTURES / 'page-with-scripts.html'} in this run "
            "(same title, date and outlet)") in result.stdout
    assert len(articles(project)) == 1
    other = ingest(run_cli, project, "--source", "Quay Gazette", pasted)   # another outlet's copy
    assert "wrote" in other.stdout and len(articles(project)) == 2


def test_outside_a_project_nothing_is_written(run_cli, tmp_path):
    result = run_cli("ingest", "--root", tmp_path, FIXTURES / "no-date-clues.txt")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not a timeline project (no content/ folder here)" in result.stderr
    assert not (tmp_path / "content").exists()
