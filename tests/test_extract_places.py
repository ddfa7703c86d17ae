"""Places that are not where a happening took place: a clock's zone ("2.30pm in Kuala
Lumpur"), an affiliation ("the US president"). Sentences are real ones from ../shared
(the Hanoi pages, Timeline17); the parses are spaCy's."""
from __future__ import annotations

from datetime import datetime

import pytest

from timeline.extract.mentions import article_mentions
from timeline.extract.nlp import load_analyzer
from timeline.extract.resources import load_words
from timeline.model import Article
from timeline.tagger import split_sentences, tag

WORDS = load_words("en")


@pytest.fixture(scope="module")
def analyzer():
    return load_analyzer("en")


# --------------------------------------------------------------------------- places

def mentions(text: str, published: str, place: str | None, analyzer):
    article = Article(id="a", title="a", text=text, published=datetime.fromisoformat(published),
                      place=place)
    return article_mentions(article, tag(text, article.published, place=place), analyzer, WORDS,
                            split_sentences).dated


def test_the_city_of_a_converted_clock_is_not_where_it_happened(analyzer):
    """The Star: "before 1:30pm local time (2.30pm in Kuala Lumpur)": Kuala Lumpur only
    says whose clock; "local time" is the dateline's clock, so the place is Hanoi."""
    (m,) = mentions("Trump and Kim departed the Metropole separately before 1:30pm local time "
                    "(2.30pm in Kuala Lumpur).", "2019-02-28T00:00:00+07:00", "Hanoi", analyzer)
    assert m.places == ("Hanoi",)
    assert m.expression == "before 1:30pm local time"


def test_a_converted_clock_s_region_is_read_as_the_tagger_reads_it(analyzer):
    """"(1.30am in Ontario)": the tagger puts the clock on the province's zone (Toronto's,
    places.named_zone), not on the Californian city Ontario's that a dateline "ONTARIO"
    would mean; extract must read the same place the same way, so Ontario only says whose
    clock it is and is no place of the happening."""
    (m,) = mentions("Trump and Kim departed the Metropole separately before 1:30pm local time "
                    "(1.30am in Ontario).", "2019-02-28T00:00:00+07:00", "Hanoi", analyzer)
    assert m.places == ("Hanoi",)


def test_a_clock_named_after_a_place_is_never_a_place(analyzer):
    # Timeline17 (haiti_bbc): "10:57 UK time"
    (m,) = mentions("At 10:57 UK time on Friday the UN described it as the worst disaster it "
                    "has ever been involved in.", "2010-01-22T12:00:00+00:00", None, analyzer)
    assert "UK" not in m.places


def test_the_clock_that_dates_the_happening_keeps_its_place(analyzer):
    (m,) = mentions("The two presidents met at 3pm in Singapore on Tuesday.",
                    "2018-06-12T20:00:00+08:00", "Singapore", analyzer)
    assert m.places == ("Singapore",)


def test_a_place_qualifying_people_is_an_affiliation(analyzer):
    (m,) = mentions("Last year, the US president skipped meetings on climate change and green "
                    "energy at the G7 summit in Canada to leave early for his first summit with "
                    "Kim in Singapore.", "2019-02-28T00:00:00+07:00", "Hanoi", analyzer)
    assert m.places == ("Canada", "Singapore") and m.tags == ("G7",)
    (m,) = mentions("Thousands of US troops arrived in Haiti on Monday.",
                    "2010-01-25T12:00:00+00:00", None, analyzer)
    assert m.places == ("Haiti",)
