"""Titles an editor would not have to rewrite, on real Timeline17 articles through the CLI:
a name of a place is written whole ("Port-au-Prince", not "Port Prince"), a negation
once ("Tents not to work", not "Tents not not to work"), a person by the part of the
name the article uses ("Murray", also when it writes "Murray's"; "Ban" of Ban Ki-moon),
and one person takes a singular verb ("Sanders says", though tagged plural)."""
from __future__ import annotations

import pytest

from test_extract import events, t17_extracted
from test_extract_resources import WORDS, titles_with

ARTICLES = {"haiti_bbc": ("808", "74"), "MJ_bbc": ("330",)}


@pytest.fixture(scope="module")
def titles(tmp_path_factory, run_cli_module) -> dict[str, str]:
    """First quote -> title of every event of the chosen articles."""
    root = t17_extracted(run_cli_module, tmp_path_factory.mktemp("titles"), ARTICLES)
    return {e["sources"][0]["quote"]: e["title"] for e in events(root).values()}


@pytest.fixture(scope="module")
def run_cli_module():
    import subprocess
    import sys
    from conftest import REPO

    def run(*args, cwd=None):
        return subprocess.run([sys.executable, "-m", "timeline", *map(str, args)],
                              cwd=cwd or REPO, capture_output=True, text=True, timeout=300)
    return run


def title_of(titles: dict[str, str], quote_part: str) -> str:
    found = [t for q, t in titles.items() if quote_part in q]
    assert len(found) == 1, (quote_part, titles)
    return found[0]


def test_a_place_name_is_written_whole(titles):
    # BBC, Haiti: "On 16 January, the first ship finally docked at Port-au-Prince, ..."
    assert title_of(titles, "first ship finally docked") == \
        "First ship finally docks at Port-au-Prince"
    assert not any("Port Prince" in t for t in titles.values())


def test_a_negation_is_written_once(titles):
    # BBC, Haiti: "Tents will not work in May when the long rainy season begins ..."
    assert title_of(titles, "Tents will not work in May") == "Tents not to work"
    # BBC, Michael Jackson: "... the footage is not a fair representation ..."
    assert title_of(titles, "footage is not a fair representation") == \
        "Footage is not fair representation of singer's health"
    assert not any(" not not " in t or "notn't" in t for t in titles.values())


def test_a_person_goes_by_the_name_the_article_uses(titles):
    # "Conrad Murray" twice, "Murray" and "Murray's" elsewhere: the headline says Murray
    assert title_of(titles, "has pleaded not guilty to the involuntary") == \
        "Murray pleads not guilty"


def test_hyphenated_given_names_and_one_person_subjects():
    assert titles_with(WORDS, "United Nations Secretary General Ban Ki-Moon said on Thursday "
                       "that one UN staff member was rescued.") == \
        ["Ban says one UN staff member was rescued"]
    # "Sanders" alone is tagged as a plural proper noun; the article names her in full
    assert titles_with(WORDS, "White House spokeswoman Sarah Sanders told reporters on "
                       "Thursday that the talks had collapsed. Sanders also said on Friday "
                       "that Trump would return.") == \
        ["Sanders says talks had collapsed", "Sanders says Trump would return"]
    assert titles_with(WORDS, "Many waited in the streets on Thursday.") == \
        ["Many wait in streets"]


def test_hyphenated_words_keep_their_hyphen():
    # BBC, Haiti, 13 January 2010 (the lead of several reports of the quake)
    assert titles_with(WORDS, "The 7.0-magnitude quake, Haiti's worst in two centuries, struck "
                       "south of the capital, Port-au-Prince, on Tuesday.",
                       "2010-01-13T12:00:00+00:00", None) == \
        ["7.0-magnitude quake strikes south of the capital Port-au-Prince"]


def test_a_hyphenated_name_the_recogniser_missed_is_written_whole():
    # BBC, Haiti, January 2010: no entity covers "Port-au-Prince" here, and "au" is parsed
    # as a preposition: the title was "Price spends in Port Prince"
    assert titles_with(WORDS, "The BBC's Matthew Price has spent the night in the "
                       "Port-au-Prince and sent us this report - which you may find disturbing.",
                       "2010-01-13T12:00:00+00:00", None) == \
        ["Price spends in Port-au-Prince"]


def test_a_person_is_written_once_and_by_the_name_in_use():
    # Reuters, 17 July 2010: every word of "Abdel Basset al-Megrahi" was written as the name
    assert titles_with(WORDS, "U.S. Secretary of State Hillary Clinton told Britain's foreign "
                       "minister in a phone call on Friday that Britain may want to communicate "
                       "with the U.S. Congress about Libyan intelligence officer Abdel Basset "
                       "al-Megrahi release.", "2010-07-17T12:00:00+00:00", None) == \
        ["Clinton says Britain may want to communicate al-Megrahi release"]


def test_a_wire_story_two_outlets_printed_is_one_event(tmp_path, run_cli):
    """Timeline17 (bpoil_reuters, records 545 and 53): the same Reuters story twice; its
    'In an interview with the Guardian newspaper published on May 14, ...' has one content
    word in its clause, too few to compare, and made two identical events."""
    root = t17_extracted(run_cli, tmp_path, {"bpoil_reuters": ("545", "53")})
    found = [e for e in events(root).values()
             if any("interview with the Guardian newspaper" in s["quote"] for s in e["sources"])]
    assert len(found) == 1, [e["title"] for e in found]
    assert len({s["article"] for s in found[0]["sources"]}) == 2


def test_a_passive_report_is_nobodys_statement():
    """Guardian, H1N1 (May 2009): 'was said to be', 'were told to' report nobody's words;
    the headline was 'Old man says old man to be in condition' (and 'Old man' lost its
    '25-year-' until hyphenated words were shown whole)."""
    assert "25-year-old man said to be in condition" in titles_with(
        WORDS, "The 25-year-old man had arrived in the territory on Thursday afternoon after a "
        "stopover in Shanghai and was said to be in a stable condition yesterday.",
        "2009-05-04T12:00:00+01:00", None)
    assert titles_with(WORDS, "As a result of the first confirmed case, all parents and staff "
                       "were told either to attend the school over the weekend to collect "
                       "antiviral medication or to receive medical attention at home.",
                       "2009-05-04T12:00:00+01:00", None) == \
        ["Parents and staff told to attend school"]


def test_what_someone_said_keeps_its_pronoun_subject():
    # BBC, Haiti live page of 14 January 2010: 'Pedre says has seen lot of bodies'
    assert titles_with(WORDS, "Mr Pedre said on Thursday that he had seen a lot of bodies "
                       "and buildings.") == ["Pedre says he had seen lot of bodies and buildings"]
    # a pronoun and a verb are no statement of a happening
    assert titles_with(WORDS, "The Red Cross said on Thursday that it believes.") == []
