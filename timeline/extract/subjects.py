"""What a mention's title is about, for telling two reports of one happening from reports
of two (cluster.py): the person its subject names, the once-only happening it tells
("the ferry sank"), the ordinals that count its occasion, and the person an object
pronoun stands for. Pure functions of the parse and the article's referents."""
from __future__ import annotations

from .pronouns import Referents
from .resources import Words


def once_subject(verb, subject, pronoun: str | None, words: Words) -> tuple[str | None, bool]:
    """(subject, known) when the verb tells a happening its subject meets once
    (the language's once_verbs: "the ferry sank", "Jackson died"), the subject one thing
    or person named by a singular noun or a name, or a pronoun resolved to one; known:
    a name, a resolved pronoun, or a noun with a definite or possessive determiner ("the
    ferry", not "a man"). (None, False) otherwise ("60 people will die this year")."""
    if subject is None or verb.lemma_.casefold() not in words.once_verbs \
            or any(c.dep_ == "dobj" for c in verb.children):
        return None, False      # "The storm sank the tanker": the tanker's, not the storm's
    if subject.pos_ in ("NOUN", "PROPN") and subject.tag_ in ("NN", "NNP") \
            and not any(c.dep_ in ("nummod", "conj") for c in subject.children):
        known = subject.pos_ == "PROPN" or any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in words.definite_articles
            for c in subject.children)
        return subject.lower_, known
    if pronoun and subject.lower_ in words.person_pronouns:
        return pronoun.casefold(), True
    return None, False


def object_name(referents: Referents, start: int, verb, subject: str | None,
                 words: Words) -> tuple[object, str] | None:
    """(token, short name) of the verb's object "him"/"her" (he_objects, she_objects) when
    the article says who it is as it would for "he"/"she" (pronouns.py), and that is not
    the clause's own subject (``subject``: subject_person's surname): "Dr Murray found him
    in bed" after Jackson is named and given "he"; never "Jackson describes Jackson"."""
    for c in verb.children:
        if c.dep_ not in ("dobj", "dative") or c.tag_ != "PRP":
            continue
        forms = words.he_pronouns if c.lower_ in words.he_objects else \
            words.she_pronouns if c.lower_ in words.she_objects else ()
        name = next((n for f in sorted(forms) if (n := referents.name(start, f))), None)
        if name and name.split()[-1].casefold() != (subject or "").casefold():
            return c, name
    return None


def subject_person(subject, pronoun: str | None, words: Words) -> str:
    """The surname, lower case, of the person a title's subject names ("Tony Hayward",
    "Mr Hayward": "hayward"; "he" resolved to Dudley: "dudley"), or "" (no person, or
    not known)."""
    if pronoun:
        return pronoun.split()[-1].casefold()
    if subject is not None and subject.pos_ == "PROPN" and (
            subject.ent_type_ == "PERSON"
            or any(c.lower_.rstrip(".") in words.honorifics for c in subject.lefts)):
        return subject.lower_
    return ""


def ordinals_in(text: str, words: Words) -> tuple[str, ...]:
    """The words of counting_ordinals in a clause's text, lower case ("will make his second
    visit": "second")."""
    return tuple(sorted({w for m in words.word.finditer(text)
                         if (w := m.group().casefold()) in words.counting_ordinals}))
