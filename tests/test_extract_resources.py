"""The extractor's resource files: format checked at load, and every example is a test
run through the real pipeline (tagger + spaCy + mention extraction + clustering)."""
from __future__ import annotations

from datetime import datetime

import pytest

from timeline.errors import ConfigError
from timeline.extract.assemble import cluster_to_event, slug, date_slug
from timeline.extract.cluster import cluster_mentions, compatible
from timeline.extract.mentions import stem
from timeline.extract.nlp import load_analyzer
from timeline.extract import resources
from timeline.extract.resources import load_words
from timeline.extract.mentions import article_mentions
from timeline.model import Article
from timeline.tagger import split_sentences, tag

WORDS = load_words("en")


@pytest.fixture(scope="module")
def analyzer():
    return load_analyzer("en")


def run(text: str, published: str, place: str | None):
    article = Article(id="example", title="example", text=text,
                      published=datetime.fromisoformat(published), place=place)
    found = article_mentions(article, tag(text, article.published, place=place), analyzer_cache(),
                             WORDS, split_sentences)
    return [cluster_to_event(c) for c in cluster_mentions([found])]


_ANALYZER = []


def analyzer_cache():
    if not _ANALYZER:
        _ANALYZER.append(load_analyzer("en"))
    return _ANALYZER[0]


@pytest.mark.parametrize("example", WORDS.examples, ids=lambda e: e["text"][:40])
def test_resource_example(example):
    events = run(example["text"], example["published"], example.get("place"))
    if "events" in example:
        assert len(events) == example["events"], [e.title for e in events]
        return
    assert len(events) == 1, [e.title for e in events]
    assert events[0].title == example["title"]
    assert events[0].kind == example["kind"]


def _refused(tmp_path, monkeypatch, text: str, message: str) -> None:
    """Loading a language "xx" whose extract.yaml is ``text`` fails with ``message``."""
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "extract.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(resources, "RESOURCE_DIR", tmp_path)
    load_words.cache_clear()
    try:
        with pytest.raises(ConfigError, match=message):
            load_words("xx")
    finally:
        load_words.cache_clear()


def test_bad_resource_file_fails_at_load_naming_it(tmp_path, monkeypatch):
    _refused(tmp_path, monkeypatch, f'format: "{resources.FORMAT}"\n'
             "lists: {reporting_verbs: [say]}\n", "extract.yaml.*planned_verbs")


def test_a_missing_clock_pattern_fails_at_load_naming_it(tmp_path, monkeypatch):
    """The words around a place that only names a clock ("in", "time", "local time") are
    the language's patterns, not the code's: a resource file without one is refused."""
    text = resources.resource_path("en").read_text(encoding="utf-8")
    assert "  clock_place_suffix: " in text
    _refused(tmp_path, monkeypatch, text.replace("  clock_place_suffix: ", "  clock_place_sufix: "),
             "extract.yaml.*patterns.clock_place_suffix")


def test_unknown_language_is_a_clear_error():
    with pytest.raises(ConfigError, match="no extract resources for language 'zz'"):
        load_words("zz")


def test_ids_and_dates():
    assert slug("Trump–Kim summit collapses without agreement", WORDS.id_stop_words) == \
        "trump-kim-summit-collapses-without-agreement"
    assert date_slug("2019-02-28T14:00+07:00") == "2019-02-28-1400"
    assert date_slug("2019-02-28TMO") == "2019-02-28-mo"
    assert compatible("2019-02-28", "2019-02-28T14:00+07:00")
    assert compatible("2019", "2019-02-08")
    assert not compatible("2019-02-27", "2019-02-28")


def test_datelines_and_stems():
    for line in ("HANOI (Bloomberg): US president", "[HANOI] US President",
                 "WASHINGTON, Feb 28 (Reuters) - The",
                 # Timeline17 (bpoil_reuters): a dateline of two cities
                 "WASHINGTON/PORT FOURCHON, Louisiana (Reuters) - U.S. President"):
        assert WORDS.dateline.match(line), line
    assert not WORDS.dateline.match("US president Donald Trump said")
    assert stem("moved", WORDS) == stem("moves", WORDS) == stem("move", WORDS)
    assert stem("ended", WORDS) == stem("ending", WORDS) == stem("ends", WORDS)


# ---------------------------------------------------------------- a copied language folder

def _copied(tmp_path, monkeypatch, *swaps: tuple[str, str]):
    """The words of a copy of the English folder (as language "xx") with each (old, new)
    text swap applied to its extract.yaml; each ``old`` must occur exactly once."""
    text = resources.resource_path("en").read_text(encoding="utf-8")
    for old, new in swaps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (tmp_path / "xx").mkdir()
    (tmp_path / "xx" / "extract.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(resources, "RESOURCE_DIR", tmp_path)
    load_words.cache_clear()
    try:
        return load_words("xx")
    finally:
        load_words.cache_clear()


def titles_with(words, text: str, published: str = "2019-02-28T12:00:00+07:00",
                place: str | None = "Hanoi") -> list[str]:
    article = Article(id="example", title="example", text=text,
                      published=datetime.fromisoformat(published), place=place)
    found = article_mentions(article, tag(text, article.published, place=place),
                             analyzer_cache(), words, split_sentences)
    return [cluster_to_event(c).title for c in cluster_mentions([found])]


def test_headline_words_come_from_the_language_folder(tmp_path, monkeypatch):
    """The words a headline is written with are data: a copy of the English folder whose
    future marker is "will" and whose "says" is "states" writes its titles with them."""
    text = ("The two presidents will meet again in Singapore next week. "
            "Trump told reporters on Thursday that the talks had collapsed.")
    assert titles_with(WORDS, text) == ["Two presidents to meet in Singapore",
                                        "Trump says talks had collapsed"]
    swapped = _copied(tmp_path, monkeypatch, ("  to: to\n", "  to: will\n"),
                      ("  says: says\n", "  says: states\n"))
    assert titles_with(swapped, text) == ["Two presidents will meet in Singapore",
                                          "Trump states talks had collapsed"]


def test_pronouns_and_determiners_come_from_the_language_folder(tmp_path, monkeypatch):
    """Without "he" among the person pronouns, "He told reporters" is no longer Trump's
    (no headline is made from an unresolved pronoun); with "the" among the determiners a
    headline keeps, it stays in the title."""
    text = ("Donald Trump arrived in Hanoi on Tuesday. "
            "He told reporters on Wednesday that the summit was a success.")
    assert any(t.startswith("Trump says") for t in titles_with(WORDS, text))
    swapped = _copied(tmp_path, monkeypatch,
                      ("  person_pronouns: [he, she, him, her]", "  person_pronouns: [she, her]"),
                      ("  kept_determiners: [", "  kept_determiners: [the, "))
    titles = titles_with(swapped, text)
    assert not any(t.startswith("Trump says") for t in titles), titles
    assert titles_with(WORDS, "The summit ended abruptly on Thursday.") == ["Summit ends abruptly"]
    assert titles_with(swapped, "The summit ended abruptly on Thursday.") == \
        ["The summit ends abruptly"]


def test_dateline_and_stems_come_from_the_language_folder(tmp_path, monkeypatch):
    words = _copied(tmp_path, monkeypatch,
                    ("    - {suffix: ed, replace: \"\", longer_than: 4}\n", ""),
                    ("  dateline: '(?:", "  dateline: '(?:HANOI \\(AFP\\) -- |"))
    assert stem("ended", WORDS) == stem("ends", WORDS)
    assert stem("ended", words) != stem("ends", words)
    assert words.dateline.match("HANOI (AFP) -- The")


@pytest.mark.parametrize("missing", ["person_pronouns", "be_forms", "going_to", "reported_pronouns",
                                     "definite_articles"])
def test_a_missing_word_list_is_refused_naming_file_and_list(tmp_path, monkeypatch, missing):
    text = resources.resource_path("en").read_text(encoding="utf-8")
    start = text.index(f"\n  {missing}: ")
    end = text.index("\n  ", start + 1)
    _refused(tmp_path, monkeypatch, text[:start] + text[end:],
             f"extract.yaml.*lists.{missing}")


@pytest.mark.parametrize("section,key", [("exact_patterns", "dateline"), ("headline", "says"),
                                         ("headline", "third_person"), ("stemming", "suffixes")])
def test_a_missing_pattern_or_headline_word_is_refused_naming_it(tmp_path, monkeypatch,
                                                                 section, key):
    text = resources.resource_path("en").read_text(encoding="utf-8")
    start = text.index(f"\n{section}:")
    at = text.index(f"\n  {key}:", start)
    end = at + 1
    while True:                     # the key's lines: up to the next key or section
        end = text.index("\n", end) + 1
        if not text[end:].startswith("    "):
            break
    _refused(tmp_path, monkeypatch, text[:at + 1] + text[end:], f"extract.yaml.*{section}.{key}")


def test_id_stop_words_come_from_the_language_folder(tmp_path, monkeypatch):
    title = "Trump says summit ends without agreement"
    assert slug(title, WORDS.id_stop_words) == "trump-summit-ends-without-agreement"
    words = _copied(tmp_path, monkeypatch, ("  id_stop_words: [a, an, the,",
                                            "  id_stop_words: [without, a, an, the,"))
    assert slug(title, words.id_stop_words) == "trump-summit-ends-agreement"


def test_role_nouns_need_the_languages_definite_article(tmp_path, monkeypatch):
    """"The president" is the one president the article names only with a definite
    article of the language: a copy whose definite article is another word leaves
    "the president" as written."""
    text = ("US president Donald Trump arrived in Hanoi on Tuesday. "
            "The president left the summit early on Thursday.")
    assert titles_with(WORDS, text) == ["Trump arrives in Hanoi", "Trump leaves summit"]
    words = _copied(tmp_path, monkeypatch, ("  definite_articles: [the]", "  definite_articles: [le]"))
    assert titles_with(words, text) == ["Trump arrives in Hanoi", "President leaves summit"]
