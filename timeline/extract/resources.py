"""Load and validate the extractor's word lists (resources/<language>/extract.yaml).

Knowledge about a language lives in data: reporting verbs, planned/cancelled cues,
honorifics, stop-entities, boilerplate patterns, title settings. The file has a
``format`` header; a missing list or a bad pattern fails at load with the file's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ConfigError

RESOURCE_DIR = Path(__file__).resolve().parent / "resources"
FORMAT = "timeline-extract/words 2"
REQUIRED_LISTS = ("reporting_verbs", "planned_verbs", "future_aux", "honorifics",
                  "name_titles", "person_nouns", "stop_entities", "stop_words",
                  "person_pronouns", "thing_pronouns", "group_pronouns", "first_person_pronouns",
                  "person_relatives", "abstract_endings", "relation_prepositions",
                  "possessive_pronouns", "dropped_determiners",
                  "name_articles", "be_forms", "have_forms", "plural_pronouns",
                  "kept_determiners", "kept_adverbs", "going_to", "open_question_marks",
                  "of_prepositions", "partner_prepositions", "infinitive_markers", "reported_pronouns",
                  "id_stop_words", "definite_articles",
                  "he_pronouns", "she_pronouns", "he_objects", "she_objects", "he_titles", "she_titles",
                  "claim_verbs", "claim_nouns", "past_habitual", "partitive_heads",
                  "standalone_verbs", "repetition_words", "place_heads",
                  "complement_adverbs", "once_verbs",
                  "place_prepositions", "ordinal_words", "counting_ordinals", "determiner_nouns")
REQUIRED_PATTERNS = ("boilerplate", "local_time", "clock_place_link", "clock_place_suffix")
REQUIRED_EXACT_PATTERNS = ("dateline", "word", "lower_word", "capitalised_word", "possessive",
                           "manner_adverb", "clause_break")
HEADLINE_WORDS = ("be", "is", "are", "have", "has", "not", "to", "do", "does", "say", "says", "statement")


@dataclass(frozen=True)
class Suffix:
    """A stemming rule: ``suffix`` -> ``replace`` when the word is longer than
    ``longer_than`` and does not end in ``unless``."""

    suffix: str
    replace: str
    longer_than: int
    unless: str | None = None

    def applies(self, word: str) -> bool:
        return (len(word) > self.longer_than and word.endswith(self.suffix)
                and not (self.unless and word.endswith(self.unless)))


@dataclass(frozen=True)
class Words:
    language: str
    reporting_verbs: frozenset[str]
    planned_verbs: frozenset[str]
    future_aux: frozenset[str]
    honorifics: frozenset[str]
    name_titles: frozenset[str]
    person_nouns: frozenset[str]
    stop_entities: frozenset[str]
    stop_words: frozenset[str]
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    person_relatives: frozenset[str]
    abstract_endings: frozenset[str]
    relation_prepositions: frozenset[str]
    group_pronouns: frozenset[str]
    first_person_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    dropped_determiners: frozenset[str]
    name_articles: frozenset[str]
    be_forms: frozenset[str]
    have_forms: frozenset[str]
    plural_pronouns: frozenset[str]
    kept_determiners: frozenset[str]
    kept_adverbs: frozenset[str]
    going_to: frozenset[str]
    open_question_marks: frozenset[str]
    of_prepositions: frozenset[str]
    partner_prepositions: frozenset[str]
    infinitive_markers: frozenset[str]
    reported_pronouns: frozenset[str]
    id_stop_words: frozenset[str]
    definite_articles: frozenset[str]
    he_pronouns: frozenset[str]
    she_pronouns: frozenset[str]
    he_objects: frozenset[str]
    she_objects: frozenset[str]
    he_titles: frozenset[str]
    she_titles: frozenset[str]
    claim_verbs: frozenset[str]
    claim_nouns: frozenset[str]
    past_habitual: frozenset[str]
    partitive_heads: frozenset[str]
    standalone_verbs: frozenset[str]
    repetition_words: frozenset[str]
    place_heads: frozenset[str]
    complement_adverbs: frozenset[str]
    once_verbs: frozenset[str]
    place_prepositions: frozenset[str]
    ordinal_words: frozenset[str]
    counting_ordinals: frozenset[str]
    determiner_nouns: frozenset[str]
    boilerplate: re.Pattern[str]
    local_time: re.Pattern[str]
    clock_place_link: re.Pattern[str]
    clock_place_suffix: re.Pattern[str]
    dateline: re.Pattern[str]
    word: re.Pattern[str]
    lower_word: re.Pattern[str]
    capitalised_word: re.Pattern[str]
    possessive: re.Pattern[str]
    manner_adverb: re.Pattern[str]
    clause_break: re.Pattern[str]
    headline: dict[str, str]                # HEADLINE_WORDS -> the word
    third_person: tuple[tuple[re.Pattern[str], str], ...]
    stem_strip: tuple[str, ...]
    stem_suffixes: tuple[Suffix, ...]
    stem_then: tuple[Suffix, ...]
    max_words: int
    pair_joiner: str
    examples: tuple[dict, ...]


def resource_path(language: str) -> Path:
    return RESOURCE_DIR / language / "extract.yaml"


@lru_cache(maxsize=None)
def load_words(language: str = "en") -> Words:
    """The validated word lists of ``language`` (cached: the files ship with the package)."""
    path = resource_path(language)
    if not path.is_file():
        raise ConfigError(f"no extract resources for language '{language}' "
                          f"(expected {path})")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", path=path) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"format header must be '{FORMAT}'", path=path)
    lists = data.get("lists") or {}
    for name in REQUIRED_LISTS:
        value = lists.get(name)
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise ConfigError(f"lists.{name} must be a list of words", path=path)
    patterns = {}
    for section, names, flags in (("patterns", REQUIRED_PATTERNS, re.IGNORECASE),
                                  ("exact_patterns", REQUIRED_EXACT_PATTERNS, 0)):
        for name in names:
            try:
                patterns[name] = re.compile(data[section][name], flags)
            except (KeyError, TypeError, re.error) as exc:
                raise ConfigError(f"{section}.{name} is missing or invalid: {exc}",
                                  path=path) from None
    title = data.get("title") or {}
    if not isinstance(title.get("max_words"), int) or not isinstance(title.get("pair_joiner"), str):
        raise ConfigError("title needs max_words (a number) and pair_joiner (text)", path=path)
    headline, third_person = _headline(data.get("headline"), path)
    stemming = _stemming(data.get("stemming"), path)

    def words(name: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in lists[name])

    return Words(
        language=language,
        **{name: words(name) for name in REQUIRED_LISTS},
        **patterns,
        headline=headline,
        third_person=third_person,
        stem_strip=stemming[0],
        stem_suffixes=stemming[1],
        stem_then=stemming[2],
        max_words=title["max_words"],
        pair_joiner=title["pair_joiner"],
        examples=tuple(data.get("examples") or ()),
    )


def _headline(data, path: Path) -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """The headline words (HEADLINE_WORDS) and the third-person rules, checked."""
    if not isinstance(data, dict):
        raise ConfigError("headline must be a mapping of the words headlines are written with",
                          path=path)
    words = {}
    for name in HEADLINE_WORDS:
        if not isinstance(data.get(name), str):
            raise ConfigError(f"headline.{name} must be a word", path=path)
        words[name] = data[name]
    rules = []
    for rule in data.get("third_person") or ():
        try:
            pattern, replacement = rule
            rules.append((re.compile(pattern), str(replacement)))
        except (TypeError, ValueError, re.error) as exc:
            raise ConfigError(f"headline.third_person: bad rule {rule!r}: {exc}", path=path) \
                from None
    if not rules:
        raise ConfigError("headline.third_person must list [pattern, replacement] rules",
                          path=path)
    return words, tuple(rules)


def _stemming(data, path: Path) -> tuple[tuple[str, ...], tuple[Suffix, ...], tuple[Suffix, ...]]:
    """(strip, suffixes, then) of the stemming section, checked."""
    if not isinstance(data, dict):
        raise ConfigError("stemming must be a mapping with strip, suffixes and then", path=path)
    strip = data.get("strip")
    if not isinstance(strip, list) or not all(isinstance(w, str) for w in strip):
        raise ConfigError("stemming.strip must be a list of endings", path=path)
    out = []
    for name in ("suffixes", "then"):
        rules = data.get(name)
        if not isinstance(rules, list):
            raise ConfigError(f"stemming.{name} must be a list of rules", path=path)
        try:
            out.append(tuple(Suffix(str(r["suffix"]), str(r["replace"]), int(r["longer_than"]),
                                    r.get("unless")) for r in rules))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ConfigError(f"stemming.{name}: each rule needs suffix, replace and "
                              f"longer_than ({exc})", path=path) from None
    return tuple(strip), out[0], out[1]
