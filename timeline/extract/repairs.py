"""Corrections of the parse the stages read, made once right after parsing.

The small English model reads some nouns as modifiers when a determiner comes first:
"The well leaked" gives "well" as an adverb of "leaked" (no subject), "capped the well"
an adverb too (no object), "declared a pandemic" an adjective. Titles then lose their
subject or object ("BP caps"), and mentions their thing. The words are the language's
(extract.yaml's determiner_nouns); the rule is this module's.
"""
from __future__ import annotations

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
