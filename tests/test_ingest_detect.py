"""Unit tests, one group per ingest stage: decoding, detokenising, boilerplate, title,
header lines, captions, lead/dateline, wire credit, dates and zones, slugs."""
from __future__ import annotations

import codecs
from datetime import datetime
from pathlib import Path

import pytest

from timeline.errors import InputError
from timeline.ingest import decode, detect, detok
from timeline.ingest.build import Overrides, build_article, slugify, stand_in_title
from timeline.ingest.readers import Draft, draft_from_record, read_bytes
from timeline.ingest.resources import load_resources

RES = load_resources("en")
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
HARVEST = "[MADRID] Farmers in the south said on Monday that heavy rain had delayed the harvest by “two weeks”"


# --------------------------------------------------------------------------- decoding

@pytest.mark.parametrize("name,encoding", [
    ("utf16-bom.txt", "utf-16-le"), ("utf16le-no-bom.txt", "utf-16-le"),
    ("utf8-bom.txt", "utf-8"), ("cp1252.txt", "cp1252")])
def test_decoding_non_utf8_text(name, encoding):
    got = decode.decode_bytes((FIXTURES / name).read_bytes(), name)
    assert got.encoding == encoding
    assert HARVEST in got.text and "ministry’s café-side survey" in got.text
    assert not got.text.startswith("\ufeff")


@pytest.mark.parametrize("data,message", [
    (bytes(range(256)) * 8, "binary file (contains NUL bytes)"),
    (b"%PDF-1.7\n" + bytes(100), "binary file (a PDF document)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "binary file (a PNG image)"),
    (codecs.BOM_UTF8 + b"\xff\xfe broken", "not valid utf-8"),
    (bytes(range(1, 9)) * 300, "binary file (mostly control characters)"),
])
def test_binary_and_broken_input_is_refused(data, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")) as exc:
        decode.decode_bytes(data, "in.txt")
    assert exc.value.path == "in.txt"


def test_size_limit_is_checked_before_reading():
    with pytest.raises(InputError, match=r"50\.0 MB is too large for one article \(limit 10 MB\)"):
        decode.check_size(50 * 1024 * 1024, "big.txt")
    decode.check_size(decode.MAX_ARTICLE_BYTES, "ok.txt")


# --------------------------------------------------------------------------- detokenising

def test_detokenise_penn_treebank_quotes_brackets_and_clitics():
    raw = ("GALLIANO , Louisiana -LRB- Reuters -RRB- - The government piled pressure on BP "
           "to clean up a `` massive environmental mess '' , and it `` ca n't say '' when . \n"
           "Shares fell 3 % to $ 50 ; {-LCB- x -RCB-} it 's over .")
    assert detok.is_tokenised(raw)
    assert detok.detokenise(raw) == (
        'GALLIANO, Louisiana (Reuters) - The government piled pressure on BP to clean up a '
        '"massive environmental mess", and it "can\'t say" when.\n'
        "Shares fell 3% to $50; {{x}} it's over.")


def test_detokenise_joins_instrument_codes_the_dataset_split():
    # Timeline17's sentence splitter broke "(BP.L)" at its dot (bpoil_reuters, real text).
    raw = ("LONDON -LRB- Reuters -RRB- - BP -LRB- BP . \nL -RRB- Chief Executive Bob Dudley "
           "spoke , and Shell -LRB- RDSa . \nL -RRB- fell .\nNext -LRB- line -RRB- .")
    assert detok.detokenise(raw) == (
        "LONDON (Reuters) - BP (BP.L) Chief Executive Bob Dudley spoke, and Shell (RDSa.L) "
        "fell.\nNext (line).")


def test_plain_text_is_not_taken_for_tokens():
    assert not detok.is_tokenised("He said: \"It's over.\" Then he left, and so did we.")


# --------------------------------------------------------------------------- boilerplate

def test_boilerplate_lines_and_related_lists_go_but_sentences_stay():
    text = ("Share this article.\n\nThe summit ended early, officials said.\n\nCampaign ID: 46\n"
            "Next In World\n\nAfghan hospital burns after attack\nOpinion: Should you take "
            "advice from Reddit?\nStories You'll Enjoy\n\nSubscribers rose by 4 million in 2018.")
    blocks, removed = detect.strip_boilerplate(detect.split_blocks(text), RES)
    assert detect.join_blocks(blocks) == ("The summit ended early, officials said.\n\n"
                                          "Subscribers rose by 4 million in 2018.")
    assert [r.kind for r in removed] == ["share_buttons", "tracking_field", "list_heading",
                                         "related_list", "related_list", "list_heading"]


def test_a_related_list_ends_at_the_first_real_sentence():
    text = "Read more:\nStorm warning for the coast\nThe storm reached the coast on Friday."
    blocks, _ = detect.strip_boilerplate(detect.split_blocks(text), RES)
    assert blocks == [["The storm reached the coast on Friday."]]


# --------------------------------------------------------------------------- title, header

def test_title_is_a_short_first_line_that_is_not_a_sentence():
    assert detect.take_title([["Floods close port"], ["Body."]])[0] == "Floods close port"
    assert detect.take_title([["The port closed on Tuesday."], ["Body."]])[0] is None
    assert detect.take_title([["Only one paragraph"]])[0] is None


def test_publication_line_and_byline_are_taken_from_the_top():
    blocks = detect.split_blocks("By Jane Roe, Reuters\n\nPublished Thu, Feb 28, 2019 · 07:44 AM"
                                 "\n\nBy the end of the day, talks had ended.")
    found, removed, kept = detect.take_header_lines(blocks, RES)
    assert found == {"author": "Jane Roe", "author_credit": "Reuters",
                     "published": "Thu, Feb 28, 2019 · 07:44 AM"}
    assert kept == [["By the end of the day, talks had ended."]]
    assert [r.kind for r in removed] == ["byline", "published_line"]


@pytest.mark.parametrize("line,found,rest", [
    # Timeline17's BBC records (bpoil_bbc 857, 1956, 1757, 1237): the byline run into the
    # first line, its line breaks lost
    ("By Finlo Rohrer BBC News, Washington Everything so far tried has failed",
     {"author": "Finlo Rohrer", "author_credit": "BBC News", "place": "Washington"},
     "Everything so far tried has failed"),
    ("By Laura Trevelyan BBC News, New Orleans Laura Trevelyan describes the atmosphere",
     {"author": "Laura Trevelyan", "author_credit": "BBC News", "place": "New Orleans"},
     "Laura Trevelyan describes the atmosphere"),
    ("By Eddie O'Gorman BBC NI business reporter The company's products can be used",
     {"author": "Eddie O'Gorman", "author_credit": "BBC NI"}, "The company's products can be used"),
    ("By Pallab Ghosh Science correspondent, BBC News A study of the effects of the spill",
     {"author": "Pallab Ghosh", "author_credit": "BBC News"}, "A study of the effects of the spill"),
    # a place the gazetteer does not know stays in the text (bpoil_bbc 864)
    ("By Katia Moskvitch Science reporter, BBC News, Lake Baikal The subs have started",
     {"author": "Katia Moskvitch", "author_credit": "BBC News"}, "Lake Baikal The subs have started")])
def test_a_byline_run_into_the_first_line_is_taken(line, found, rest):
    blocks = detect.split_blocks(line + " .\n\nThe second paragraph.")
    got, removed, kept = detect.take_header_lines(blocks, RES)
    assert got == found
    assert kept[0] == [rest + " ."] and [r.kind for r in removed] == ["byline"]


@pytest.mark.parametrize("line", [
    "By Andrew Cohen The Atlantic Murray will be sentenced",   # no outlet the ingest knows
    "By Friday the leak had been capped", "By then, BP said it would pay"])
def test_a_first_line_opening_with_by_is_kept_unless_its_credit_is_an_outlet(line):
    found, removed, kept = detect.take_header_lines(detect.split_blocks(line), RES)
    assert (found, removed, kept) == ({}, [], [[line]])


# --------------------------------------------------------------------------- captions, lead

def test_caption_is_dropped_and_its_date_kept_as_a_clue():
    blocks = detect.split_blocks(
        "Trump reacts during a news conference at the JW Marriott Hotel in Hanoi, Vietnam on "
        "Feb 28, 2019. – Reuters\n\nHANOI (Bloomberg): The summit collapsed.\n\nIt ended.")
    dates, removed, kept = detect.take_captions(blocks, RES)
    assert dates == ["Feb 28, 2019"] and len(removed) == 1
    assert kept[0][0].startswith("HANOI (Bloomberg):")


@pytest.mark.parametrize("lead,place,wire", [
    ("HANOI (Bloomberg): US president Donald Trump's second summit", "HANOI", "Bloomberg"),
    ("[HANOI] US President Donald Trump said", "HANOI", None),
    ("WASHINGTON, Feb 28 (Reuters) - The Senate", "WASHINGTON", "Reuters"),
    ("NEW YORK (AP) — Stocks fell", "NEW YORK", "AP"),
    ("US President Donald Trump (left) said", None, None),
])
def test_dateline_place_and_wire(lead, place, wire):
    stamp, dateline, captions, blocks = detect.take_lead([[lead], ["More."]], RES)
    assert dateline.get("place") == place and dateline.get("wire") == wire
    assert blocks[0][0] == lead, "the dateline stays in the text"


def test_agency_stamp_is_cut_and_caption_before_the_lead_dropped():
    lines = [["A BP logo is seen on a petrol station in London November 2, 2010.",
              "LONDON | Thu Jan 6, 2011 12:01 pm EST LONDON (Reuters) - Shares in BP rose.",
              "Second sentence."]]
    stamp, dateline, captions, blocks = detect.take_lead(lines, RES)
    assert stamp["date"] == "Thu Jan 6, 2011 12:01 pm EST"
    assert dateline["place"] == "LONDON" and dateline["wire"] == "Reuters"
    assert captions == ["A BP logo is seen on a petrol station in London November 2, 2010."]
    assert blocks == [["LONDON (Reuters) - Shares in BP rose.", "Second sentence."]]


def test_trailing_wire_credit_comes_off_the_last_paragraph():
    wire, blocks = detect.take_trailing_credit(
        [["First."], ["before the president left for Vietnam. – Bloomberg"]], RES)
    assert wire == "Bloomberg"
    assert blocks[-1] == ["before the president left for Vietnam."]
    # an unknown name after a dash is text, not a credit
    assert detect.take_trailing_credit([["He thanked his coach - Jean Dupont"]], RES)[0] is None


def test_outlet_named_by_its_own_boilerplate():
    _, found = detect.analyse_text("Title here\n\nThe talks ended.\n\nBT is now on Telegram!", RES)
    assert found.outlet_hint == "The Business Times"


# --------------------------------------------------------------------------- dates, zones

def test_parse_when_reads_written_dates_and_never_relative_ones():
    assert detect.parse_when("Thu, Feb 28, 2019 · 07:44 AM", RES) == detect.When(
        datetime(2019, 2, 28, 7, 44), "minute")
    assert detect.parse_when("2010-02-05", RES) == detect.When(datetime(2010, 2, 5), "day")
    when = detect.parse_when("Mon May 24, 2010 7:32 pm EDT", RES)
    assert when.value.isoformat() == "2010-05-24T19:32:00-04:00"
    for relative in ("2 hours ago", "yesterday", "Feb 28", "last Thursday"):
        assert detect.parse_when(relative, RES) is None, relative


@pytest.mark.parametrize("published,place,expected", [
    ("Published Thu, Jan 10, 2019 · 07:44 AM", "NEW YORK", "2019-01-10T07:44:00-05:00"),
    ("Published Wed, Jul 10, 2019 · 07:44 AM", "NEW YORK", "2019-07-10T07:44:00-04:00"),
    ("Published Thu, Feb 28, 2019 · 07:44 AM", "HANOI", "2019-02-28T07:44:00+07:00"),
])
def test_a_time_without_zone_is_read_in_the_dateline_place_dst_correct(published, place, expected):
    text = f"Headline here\n\n{published}\n\n{place} (Reuters) - Something happened."
    built = build_article(Draft("x.txt", "txt", text, title_in_text=True), RES)
    assert built.article.published.isoformat() == expected
    assert any("gave no zone: read as" in n for n in built.notes)


def test_an_outlets_own_page_stamp_is_read_in_its_newsroom_zone_not_the_datelines():
    # The Business Times (Singapore) prints its stamp in Singapore time, whatever the dateline.
    text = ("Headline here\n\nPublished Thu, Feb 28, 2019 · 07:44 AM\n\n[HANOI] Something "
            "happened.\n\nBT is now on Telegram!")
    built = build_article(Draft("x.txt", "txt", text, title_in_text=True), RES)
    assert built.article.source == "The Business Times"
    assert built.article.published.isoformat() == "2019-02-28T07:44:00+08:00"
    assert built.article.place == "Hanoi"
    assert "read as The Business Times's newsroom time (Asia/Singapore, UTC+08:00)" in " ".join(
        built.notes)


def test_without_place_the_project_default_zone_is_used_and_flagged():
    draft = draft_from_record({"text": "Something happened.", "time": "2010-02-05"}, "r:1")
    built = build_article(draft, RES, default_zone="Europe/London")
    assert built.article.published.isoformat() == "2010-02-05T00:00:00+00:00"
    assert built.article.published_precision == "day"
    assert "published" in built.article.todo


def test_no_date_anywhere_stays_null_with_a_todo():
    built = build_article(Draft("x.txt", "txt", "Headline\n\nThe council met on Tuesday.",
                                title_in_text=True), RES, default_zone="UTC")
    assert built.article.published is None
    assert built.article.todo["published"].startswith("no publication date found")
    assert "publication date" in built.missing


def test_overrides_beat_detection():
    built = build_article(Draft("x.txt", "txt", "Headline\n\nText.", title_in_text=True), RES,
                          over=Overrides(source="The Star", url="https://example.org/a"))
    assert (built.article.source, built.article.url) == ("The Star", "https://example.org/a")
    assert "source" not in built.article.todo


# --------------------------------------------------------------------------- slugs, formats

def test_slugs_are_readable_ascii_and_bounded():
    assert slugify("Trump-Kim summit breaks down, US president says 'sometimes you have to walk'") \
        == "trump-kim-summit-breaks-down-us-president-says-sometimes-you-have-to-walk"
    assert slugify("Zürich: café owners’ protest") == "zurich-cafe-owners-protest"
    assert len(slugify("word " * 100)) <= 80
    assert slugify("!!!") == "article"


def test_stand_in_title_leaves_the_dateline_out():
    assert stand_in_title("ACAPULCO, Mexico (Reuters) - Eighteen people were killed. More.",
                          "ACAPULCO, Mexico (Reuters) - ") == "Eighteen people were killed."


def test_markdown_front_matter_is_kept_and_bad_yaml_refused():
    draft = read_bytes((FIXTURES / "with-front-matter.md").read_bytes(), "a.md", ".md")
    assert draft.title == "Election commission confirms result"
    assert draft.extra == {"tags": ["election"]}
    with pytest.raises(InputError, match="front matter is not valid YAML") as exc:
        read_bytes(b"---\ntitle: [unclosed\n---\nBody\n", "b.md", ".md")
    assert exc.value.line >= 2


def test_html_scripts_and_styles_never_reach_the_text():
    draft = read_bytes((FIXTURES / "page-with-scripts.html").read_bytes(), "p.html", ".html")
    for marker in ("SCRIPT_MARKER", "INLINE_SCRIPT_MARKER", "STYLE_MARKER", "dataLayer",
                   "font-family", "Most Read", "Subscribe"):
        assert marker not in draft.text
    assert draft.text.startswith("ROTTERDAM (Reuters) - Dock workers")
    assert draft.published == "2021-10-15T18:05:00+0200"


def test_reader_comments_after_the_end_of_the_article_go():
    text = ("The well was capped on Thursday.\nViews expressed in the comments do not represent "
            "those of Reuters.\nSo they keep it leaking, if you ask me.\nGreat article.")
    blocks, removed = detect.strip_boilerplate(detect.split_blocks(text), RES)
    assert blocks == [["The well was capped on Thursday."]]
    assert [r.kind for r in removed] == ["end_of_article", "after_end_of_article",
                                         "after_end_of_article"]


def test_language_picks_its_resource_folder_or_english():
    from timeline.ingest.resources import resources_for
    assert resources_for("en-GB") is RES and resources_for(None) is RES
    assert resources_for("xx").language == "en"      # no folder yet: English patterns


def test_library_api_for_in_process_use(tmp_path):
    """parse_record (no writes) and ingest_records (writes) on real Timeline17 records."""
    import json

    from conftest import T17, require_shared
    from timeline.ingest import ingest_records, parse_record
    from timeline.project import Project

    lines = require_shared(T17 / "bpoil_reuters" / "articles.jsonl").read_text(
        encoding="utf-8").splitlines()[:5]
    records = [json.loads(line) for line in lines]
    article = parse_record(records[0], "t17:1", default_zone="UTC")
    assert article.id == "the-government-piled-pressure-on-bp-plc-on-monday-to-clean-up-a-massive"
    assert article.published.isoformat() == "2010-05-24T19:32:00-04:00"
    assert article.wire == "Reuters" and "-LRB-" not in article.text
    (tmp_path / "content").mkdir()
    written, report = ingest_records(Project(tmp_path), records)
    assert [a.id for a in written][0] == article.id and report.exit_code == 0
    assert sorted(p.stem for p in (tmp_path / "content" / "articles").glob("*.md")) == \
        sorted(a.id for a in written)
    assert report.summary.startswith(f"ingest: {len(written)} written")


def test_a_pasted_address_line_gives_url_and_outlet():
    text = ("https://www.thestar.com.my/news/world/2019/02/28/summit\n\nSummit breaks down\n\n"
            "HANOI (Bloomberg): The summit collapsed. More at https://example.org/b, he said.")
    built = build_article(Draft("x.txt", "txt", text, title_in_text=True), RES)
    assert built.article.url == "https://www.thestar.com.my/news/world/2019/02/28/summit"
    assert (built.article.source, built.article.title) == ("The Star", "Summit breaks down")
    assert built.article.text.endswith("More at https://example.org/b, he said.")
    assert "thestar" not in built.article.text


def test_an_oversized_json_lines_record_is_refused_and_reading_goes_on(tmp_path):
    import json

    from timeline.ingest.readers import iter_jsonl
    path = tmp_path / "big.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "a", "text": "First."}) + "\n")
        fh.write(json.dumps({"title": "b", "text": "y" * (decode.MAX_ARTICLE_BYTES + 10)}) + "\n")
        fh.write(json.dumps({"title": "c", "text": "Third."}) + "\n")
    first, big, third = iter_jsonl(path, "big.jsonl")
    assert (first.title, third.title) == ("a", "c")
    assert isinstance(big, InputError) and str(big).startswith("big.jsonl:2: 10.0 MB is too large")


def test_a_relative_or_odd_url_is_left_out_not_written():
    draft = draft_from_record({"title": "T", "text": "Body.", "url": "/news/x"}, "r:1")
    built = build_article(draft, RES)
    assert built.article.url is None
    assert "url '/news/x' is not an http(s) address: left out" in built.notes
