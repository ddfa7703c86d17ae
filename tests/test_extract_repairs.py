"""Parse repairs (timeline/extract/repairs.py) on spaCy's real parses of Timeline17's
sentences (bpoil, H1N1), where the small model reads a noun after a determiner as an
adverb or adjective."""
from __future__ import annotations

import pytest

from timeline.extract.nlp import load_analyzer
from timeline.extract.repairs import nouns_read_as_modifiers
from timeline.extract.resources import load_words

WORDS = load_words("en")


@pytest.fixture(scope="module")
def analyzer():
    return load_analyzer("en")


def repaired(analyzer, text: str, word: str):
    [doc] = analyzer.parse([text])
    nouns_read_as_modifiers([doc], WORDS)
    token = next(t for t in doc if t.lower_ == word)
    return token.pos_, token.dep_, token.head.text


@pytest.mark.parametrize("text, word, expected", [
    # the model's reading: "well" an adverb of "leaked", the sentence without a subject
    ("The well leaked for 87 days until it was capped on July 15.", "well",
     ("NOUN", "nsubj", "leaked")),
    ("Pressure in the well dropped rapidly in the first hour of the work.", "well",
     ("NOUN", "pobj", "in")),
    ("The cost to BP is $6m a day, including attempts to cap the well, activate the blowout "
     "preventer and drill relief wells.", "well", ("NOUN", "dobj", "cap")),
    ("If we have a pandemic, there'll be a problem with distribution.", "pandemic",
     ("NOUN", "dobj", "have")),
    # before another noun it stays that noun's modifier, now a noun itself
    ("The committee last night raised its pandemic threat level to phase four.", "pandemic",
     ("NOUN", "compound", "threat")),
])
def test_a_noun_after_its_determiner_is_a_noun(analyzer, text, word, expected):
    assert repaired(analyzer, text, word) == expected


@pytest.mark.parametrize("text, word", [
    ("The well-known singer died on Monday.", "well"),       # "the" is the singer's
    ("The talks went well on Monday.", "well"),                # no determiner before it
    ("The pandemic-hit economy shrank.", "pandemic"),
])
def test_an_adverb_or_adjective_that_is_one_stays(analyzer, text, word):
    [doc] = analyzer.parse([text])
    before = next(t for t in doc if t.lower_ == word).pos_
    assert repaired(analyzer, text, word)[0] == before != "NOUN"
