"""Corrections of the parse the stages read, made once right after parsing: the only
stage that changes the spaCy docs it is given.

The model calls some places' names people's: places_named_as_people relabels them. The
small English model reads some nouns as modifiers when a determiner comes first:
"The well leaked" gives "well" as an adverb of "leaked" (no subject), "capped the well"
an adverb too (no object), "declared a pandemic" an adjective. Titles then lose their
subject or object ("BP caps"), and mentions their thing. The words are the language's
(extract.yaml's determiner_nouns, place_heads, place_prepositions); the rules are this
module's.
"""
from __future__ import annotations

from .entities import PEOPLE
from .resources import Words

_MODIFIER = ("ADV", "ADJ")
_CLAUSE_HEAD = ("VERB", "AUX")


def nouns_read_as_modifiers(docs, words: Words) -> None:
    """Make each word of determiner_nouns that the model tags an adverb or adjective
    right after a determiner ("the", "a", "its") a noun: the subject of the verb it
    precedes, the object of the verb it follows, the object of the preposition before
    its determiner ("pressure in the well dropped"). Before another noun ("the well
    head", "pandemic flu") it modifies that noun and only its tag changes."""
    for doc in docs:
        for token in doc:
            if token.pos_ in _MODIFIER and token.lower_ in words.determiner_nouns \
                    and token.i > 0 and doc[token.i - 1].tag_ in ("DT", "PRP$") \
                    and _determined(doc[token.i - 1], token, doc):
                _make_noun(doc, token)


def _determined(det, token, doc) -> bool:
    """Whether ``det`` is ``token``'s determiner, or that of the noun phrase ``token``
    opens ("its pandemic threat level"); not in "the well-known singer" (the singer's)."""
    if det.head.i == token.i:
        return True
    return _noun_after(doc, token) is not None and det.head in token.ancestors


def _noun_after(doc, token) -> int | None:
    """The index of the noun right after ``token`` that it modifies ("its pandemic
    threat level": "threat"), if any."""
    i = token.i + 1
    if i < len(doc) and doc[i].pos_ in ("NOUN", "PROPN") and token.head.i >= i:
        return token.head.i
    return None


def _make_noun(doc, token) -> None:
    token.pos_, token.tag_ = "NOUN", "NN"
    if _noun_after(doc, token) is not None:
        token.dep_ = "compound"
        return
    before = doc[token.i - 2] if token.i >= 2 else None
    head = token.head
    if before is not None and before.pos_ == "ADP" and before.head.i != token.i:
        token.head, token.dep_ = before, "pobj"
    elif head.pos_ in _CLAUSE_HEAD and head.i != token.i:
        if token.i < head.i:
            passive = any(c.dep_ == "auxpass" for c in head.children)
            token.dep_ = "nsubjpass" if passive else "nsubj"
        else:
            token.dep_ = "attr" if head.lemma_ == "be" else "dobj"


def places_named_as_people(docs, words: Words) -> None:
    """Correct the parse where the model calls a place's name a person's, before anything
    reads the labels: a PERSON whose last word is one of the language's place_heads
    ("Thousands of fans came together in Trafalgar Square") becomes a FAC, the model's
    label for squares, streets and buildings; a one-word PERSON that the gazetteer knows
    as a town, written where a place goes (after a word of place_prepositions, an
    adjective between: "arrived in Baubau", "in nearby Kendari"; or before a place_heads
    word: "left Baubau port"), and not as an owner ("in Jackson's home"), a GPE."""
    from spacy.tokens import Span
    for doc in docs:
        ents = doc.ents
        labels = [_place_label(e, words) if e.label_ in PEOPLE else None for e in ents]
        if any(labels):
            doc.ents = [Span(doc, e.start, e.end, label=label) if label else e
                        for e, label in zip(ents, labels)]


def _place_label(ent, words: Words) -> str | None:
    """FAC or GPE for a PERSON entity that names a place (places_named_as_people)."""
    if ent[-1].lower_ in words.place_heads:
        return "FAC"
    doc = ent.doc
    if len(ent) != 1 or ent.end < len(doc) and doc[ent.end].tag_ == "POS":
        return None
    before = ent.start - 1
    if before >= 0 and doc[before].pos_ == "ADJ":
        before -= 1                                  # "in nearby Kendari"
    placed = (before >= 0 and doc[before].lower_ in words.place_prepositions) or (
        ent.end < len(doc) and doc[ent.end].lower_ in words.place_heads)
    if not placed:
        return None
    from ..places import lookup
    return "GPE" if lookup(ent.text) is not None else None
