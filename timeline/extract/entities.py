"""People, places and organisations named in a sentence (spaCy's NER), normalised.

people <- PERSON, places <- GPE/LOC/FAC (but a "place" with a digit, such as "G7", is a
grouping: a tag), tags <- ORG/EVENT. Names are cleaned
("Mr Trump" -> "Trump", "President Trump" -> "Trump", "the United States" -> "United
States", "Trump's" -> "Trump"), a lone surname is widened to the full name the same
article uses ("Trump" -> "Donald Trump"; names.full_forms), and the language's stop-entities (outlets, wire
agencies) are dropped. A place that only qualifies a person ("the US president", "US
troops") names an affiliation, not where something happened: it is no place.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .resources import Words

PEOPLE = ("PERSON",)
PLACES = ("GPE", "LOC", "FAC")
TAGS = ("ORG", "EVENT")


_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Z]\.$")     # "U.S.", "Washington D.C."


def clean_name(text: str, words: Words, person: bool = False) -> str:
    """The name as written, without article, possessive, honorific and (for a person)
    the office before it: "President Donald Trump's" -> "Donald Trump"."""
    name = " ".join(text.split())
    first = name.split(" ", 1)
    if len(first) == 2 and first[0].casefold() in words.name_articles:
        name = first[1]
    name = words.possessive.sub("", name).strip(" -–—,\"“”'‘’()")
    if name.endswith(".") and not _ABBREVIATION_END.search(name):
        name = name.rstrip(".").strip(" -–—,\"“”'‘’()")   # not "U.S." -> "U.S"
    parts = name.split()
    drop = {h.rstrip(".") for h in words.honorifics}
    if person:
        drop |= {t.rstrip(".") for t in words.name_titles}
    while parts and parts[0].casefold().rstrip(".") in drop:
        parts = parts[1:]
    return " ".join(parts)


def entity_key(name: str) -> str:
    """Spelling variants of one name share a key: "Kim Jong-un" ~ "Kim Jong Un",
    "Nicolás Maduro" ~ "Nicolas Maduro", "O’Brien" ~ "O'Brien" ~ "OBrien"."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def _usable(name: str, words: Words) -> bool:
    return (len(name) > 1 and name.casefold() not in words.stop_entities
            and any(c.isupper() for c in name) and not name.isdigit())


def lower_words(text: str, words: Words) -> frozenset[str]:
    """The words an article writes in lower case (see ``common_word``)."""
    return frozenset(words.lower_word.findall(text))


def common_word(name: str, common: frozenset[str]) -> bool:
    """A one-word "name" the article also writes in lower case is a common word that the
    model took for a name at the start of a sentence or in a headline ("Attacker",
    "Nutritionist", "Propofol", "Swine", "LOVED"); short capitals are acronyms (US, WHO)."""
    if " " in name or "-" in name or (name.isupper() and len(name) <= 4):
        return False
    return name.casefold() in common


def _kind(label: str) -> str | None:
    return ("person" if label in PEOPLE else "place" if label in PLACES
            else "tag" if label in TAGS else None)


def _name_words(name: str) -> list[str]:
    """The words of a full name that may stand for its bearer: not a city's or a
    country's name."""
    from ..places import is_country, lookup
    return [w for w in name.split() if lookup(w) is None and not is_country(w)]


def entity_kinds(docs, words: Words) -> dict[str, str]:
    """Within one article: name (entity_key) -> what the model calls it most often,
    "person", "place" or "tag" (ties: absent, each mention keeps its own label). The
    model calls "Unicef" a person in one sentence and an organisation in three: it is
    an organisation in all four. Each word of a person's full name votes "person" for
    that word written alone, unless a city or country is so called: "Pacquiao's
    daughter", which the model calls a place once beside "Manny Pacquiao" twice, is
    him; "Jordan" beside "Michael Jordan" stays a place."""
    votes: dict[str, Counter] = {}
    for doc in docs:
        for ent in doc.ents:
            kind = _kind(ent.label_)
            if kind is not None:
                name = clean_name(ent.text, words, person=kind == "person")
                votes.setdefault(entity_key(name), Counter())[kind] += 1
                if kind == "person" and " " in name:
                    for word in _name_words(name):
                        votes.setdefault(entity_key(word), Counter())["person"] += 1
    out = {}
    for key, counts in votes.items():
        (best, n), *rest = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if not rest or n > rest[0][1]:
            out[key] = best
    return out


def person_names_in(docs, words: Words, common: frozenset[str] = frozenset(),
                    kinds: dict[str, str] | None = None) -> list[str]:
    """The people one article's parsed sentences name, cleaned, in order (with repeats);
    names.full_forms says which full name each short form stands for. ``kinds``
    (entity_kinds): a name the article mostly gives another kind is no person."""
    names: list[str] = []
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ in PEOPLE:
                name = clean_name(ent.text, words, person=True)
                if _usable(name, words) and not common_word(name, common) \
                        and (kinds or {}).get(entity_key(name), "person") == "person":
                    names.append(name)
    return names


def affiliation(ent, words: Words) -> bool:
    """A place that modifies a person or a noun for people ("the US president", "US
    president Donald Trump", "US troops"): whose side, not where."""
    root = ent.root
    if root.dep_ not in ("compound", "amod", "nmod") or root.head.i == root.i:
        return False
    head = root.head
    for _ in range(3):
        if head.ent_type_ == "PERSON" or (head.pos_ == "NOUN"
                                          and head.lower_ in words.person_nouns):
            return True
        if head.dep_ != "compound" or head.head.i == head.i:
            return False
        head = head.head
    return False


def entities_of(doc, words: Words, full: dict[str, str],
                not_places: frozenset[int] = frozenset(),
                referred: tuple[tuple[int, str], ...] = (),
                common: frozenset[str] = frozenset(),
                kinds: dict[str, str] | None = None) -> tuple[tuple[str, ...], ...]:
    """(people, places, tags) named in a parsed sentence, in order of appearance.
    ``not_places``: character offsets (in the doc) of place names that only say whose
    clock a time is read on ("2.30pm in Kuala Lumpur"): never a place of the event.
    ``referred``: (character offset, name) of people the sentence refers to without
    naming them ("the president", "he"), placed among the named in text order.
    ``common``: the article's lower-case words (no person or place is one of them).
    ``kinds`` (entity_kinds): a name is the kind the article mostly gives it."""
    found: list[tuple[int, str]] = list(referred)
    people: list[str] = []
    places: list[str] = []
    tags: list[str] = []
    for ent in doc.ents:
        label = ent.label_
        if _kind(label) is not None:
            kind = (kinds or {}).get(entity_key(clean_name(ent.text, words,
                                                           person=label in PEOPLE)))
            if kind is not None and kind != _kind(label):
                label = {"person": PEOPLE, "place": PLACES, "tag": TAGS}[kind][0]
        is_person = label in PEOPLE
        name = clean_name(ent.text, words, person=is_person)
        if not _usable(name, words):
            continue
        if is_person or (label in TAGS and name in full):
            # NER slips: "Trump" tagged as an organisation
            if not common_word(full.get(name, name), common):
                found.append((ent.start_char, full.get(name, name)))
            continue
        elif label in PLACES and not any(c.isdigit() for c in name):
            if ent.start_char in not_places or affiliation(ent, words) \
                    or common_word(name, common):
                continue
            target = places
        elif label in TAGS or label in PLACES:
            target = tags          # "G7", "G20": groupings the model calls places
        else:
            continue
        if name not in target:
            target.append(name)
    for _, name in sorted(found, key=lambda f: f[0]):
        if name not in people:
            people.append(name)
    return tuple(people), tuple(places), tuple(tags)
