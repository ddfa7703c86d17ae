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
FORMAT = "timeline-extract/words 1"
REQUIRED_LISTS = ("reporting_verbs", "planned_verbs", "future_aux", "honorifics",
                  "name_titles", "person_nouns", "stop_entities", "stop_words",
                  "he_pronouns", "she_pronouns", "he_titles", "she_titles")
REQUIRED_PATTERNS = ("boilerplate", "local_time", "clock_place_link", "clock_place_suffix")


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
    he_pronouns: frozenset[str]
    she_pronouns: frozenset[str]
    he_titles: frozenset[str]
    she_titles: frozenset[str]
    boilerplate: re.Pattern[str]
    local_time: re.Pattern[str]
    clock_place_link: re.Pattern[str]
    clock_place_suffix: re.Pattern[str]
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
    for name in REQUIRED_PATTERNS:
        try:
            patterns[name] = re.compile(data["patterns"][name], re.IGNORECASE)
        except (KeyError, TypeError, re.error) as exc:
            raise ConfigError(f"patterns.{name} is missing or invalid: {exc}", path=path) from None
    title = data.get("title") or {}
    if not isinstance(title.get("max_words"), int) or not isinstance(title.get("pair_joiner"), str):
        raise ConfigError("title needs max_words (a number) and pair_joiner (text)", path=path)

    def words(name: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in lists[name])

    return Words(
        language=language,
        reporting_verbs=words("reporting_verbs"),
        planned_verbs=words("planned_verbs"),
        future_aux=words("future_aux"),
        honorifics=words("honorifics"),
        name_titles=words("name_titles"),
        person_nouns=words("person_nouns"),
        stop_entities=words("stop_entities"),
        stop_words=words("stop_words"),
        he_pronouns=words("he_pronouns"),
        she_pronouns=words("she_pronouns"),
        he_titles=words("he_titles"),
        she_titles=words("she_titles"),
        **patterns,
        max_words=title["max_words"],
        pair_joiner=title["pair_joiner"],
        examples=tuple(data.get("examples") or ()),
    )
