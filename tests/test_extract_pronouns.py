"""A headline "he"/"she" is given a name only when the article says who it is
(timeline.extract.pronouns): a wrong name puts words in the wrong mouth and lists the
wrong person among the event's people. Run through the real pipeline (tagger + spaCy)."""
from __future__ import annotations

from datetime import datetime

import pytest

from timeline.extract.assemble import cluster_to_event
from timeline.extract.cluster import cluster_mentions
from timeline.extract.entities import lower_words
from timeline.extract.mentions import article_mentions
from timeline.extract.nlp import load_analyzer
from timeline.extract.pronouns import Referents
from timeline.extract.resources import load_words
from timeline.model import Article
from timeline.tagger import split_sentences, tag

WORDS = load_words("en")


@pytest.fixture(scope="module")
def analyzer():
    return load_analyzer("en")


def mentions(analyzer, text: str):
    article = Article(id="a", title="a", text=text, place="London",
                      published=datetime.fromisoformat("2018-07-13T18:00:00+01:00"))
    found = article_mentions(article, tag(text, article.published, place="London"), analyzer,
                             WORDS, split_sentences)
    return found.dated


def said(analyzer, text: str):
    """The one mention dated 'Friday': (title, people)."""
    found = [m for m in mentions(analyzer, text) if m.expression == "Friday"]
    assert len(found) == 1, [m.title for m in found]
    return found[0].title, found[0].people


def test_she_after_a_man_is_not_the_man(analyzer):
    """The bug: "She" was the last person named, Trump, whatever the pronoun."""
    title, people = said(analyzer, "Angela Merkel met Donald Trump in Brussels on Thursday. "
                         "She told reporters on Friday that the talks had gone well.")
    assert "Trump" not in title and title.startswith("She "), title
    assert "Donald Trump" not in people


def test_she_is_the_woman_the_article_calls_mrs(analyzer):
    title, people = said(analyzer, "Mrs Merkel greeted Mr Trump at the door. "
                         "Angela Merkel met Donald Trump in Brussels on Thursday. "
                         "She told reporters on Friday that the talks had gone well.")
    assert title.startswith("Merkel says"), title
    assert "Angela Merkel" in people and "Donald Trump" not in people


def test_he_is_the_one_man_named(analyzer):
    title, people = said(analyzer, "Donald Trump arrived in Scotland by helicopter. "
                         "He said on Friday that the trade deal was dead.")
    assert title.startswith("Trump says"), title
    assert "Donald Trump" in people


def test_he_between_two_men_of_one_sentence_stays_he(analyzer):
    title, people = said(analyzer, "Mr Trump spoke briefly. Mr Kim smiled. "
                         "Donald Trump met Kim Jong Un in Singapore on Thursday. "
                         "He said on Friday that the talks had gone well.")
    assert title.startswith("He says"), title
    assert not {"Donald Trump", "Kim Jong Un"} & set(people)


def test_gender_comes_from_titles_and_from_pronouns_after_a_lone_name():
    text = ("Mrs May arrived. Donald Trump landed at noon. He was tired. "
            "Kim Jong Un and Moon Jae-in met. He smiled.")
    sentences = split_sentences(text)
    refs = Referents.of(text, sentences, {"May": {"Theresa May"},
                          "Trump": {"Donald Trump"}, "Kim": {"Kim Jong Un"}, "Moon": {"Moon Jae-in"}}, WORDS)
    assert refs.gender == {"May": "she", "Trump": "he"}     # "He smiled": Kim or Moon?
    end = len(text)
    assert refs.name(text.index("He smiled"), "he") is None    # two unknown men
    assert refs.name(end, "she") is None                      # Moon, then Kim: unknown
    assert refs.name(text.index("Kim Jong"), "she") == "May"  # Trump is a man
    assert refs.name(text.index("Kim Jong"), "he") == "Trump"
    assert refs.name(text.index("Kim Jong"), "they") is None


def test_a_title_outranks_a_pronoun_near_a_lone_name():
    """A quote naming a man, then "she said": the spokeswoman, not Mr Hayward."""
    text = ('Mr Hayward flew home. "Mr Hayward needs a rest," she said. Tony Hayward met '
            'Carl-Henric Svanberg. He smiled.')
    refs = Referents.of(text, split_sentences(text), {"Hayward": {"Tony Hayward"},
                                                    "Svanberg": {"Carl-Henric Svanberg"}}, WORDS)
    assert refs.gender == {"Hayward": "he"}
    assert refs.name(text.index("He smiled"), "he") is None   # Svanberg: unknown, nearer


def test_a_surname_two_people_share_stands_for_nobody():
    """Barack and Michelle Obama: "first lady Michelle Obama" says nothing of Barack, and
    the short "Obama" is given to no "she" (nor "he") as the one person named."""
    text = "First lady Michelle Obama visited Barack Obama in hospital. She was tired."
    shared = Referents.of(text, split_sentences(text),
                          {"Obama": {"Barack Obama", "Michelle Obama"}}, WORDS)
    assert shared.gender == {} and shared.name(text.index("She"), "she") is None
    one = Referents.of(text, split_sentences(text), {"Obama": {"Barack Obama"}}, WORDS)
    assert one.positions == {"Michelle Obama": (text.index("Obama"),),  # someone else
                             "Obama": (text.index("Obama", 30),)}
    assert one.gender == {} and one.name(text.index("She"), "she") is None


def test_a_word_the_article_writes_in_lower_case_makes_no_other_person():
    text = "Mr Dudley spoke. Even Dudley agrees, even now. He said so on Monday."
    refs = Referents.of(text, split_sentences(text), {"Dudley": {"Bob Dudley"}}, WORDS,
                        lower_words(text, WORDS))
    assert set(refs.positions) == {"Dudley"}
    assert refs.name(text.index("He said"), "he") == "Dudley"


def test_a_name_inside_a_time_expression_is_nobody():
    """"in May" is a month, not Theresa May: she is not the lone person before "He"."""
    text = "Theresa May resigned. The talks began in May. Donald Trump arrived. He spoke."
    people = {"May": {"Theresa May"}, "Trump": {"Donald Trump"}}
    month = text.index("May", 30)
    refs = Referents.of(text, split_sentences(text), people, WORDS, times=[(month, month + 3)])
    assert refs.positions["May"] == (text.index("May"),)
    assert refs.gender == {"Trump": "he"}
