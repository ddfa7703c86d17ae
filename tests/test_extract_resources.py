"""The extractor's resource files: format checked at load, and every example is a test
run through the real pipeline (tagger + spaCy + mention extraction + clustering)."""
from __future__ import annotations

from datetime import datetime

import pytest

from timeline.errors import ConfigError
from timeline.extract.assemble import cluster_to_event, slug, date_slug
from timeline.extract.cluster import cluster_mentions, compatible
from timeline.extract.mentions import DATELINE, stem
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
    _refused(tmp_path, monkeypatch, 'format: "timeline-extract/words 1"\n'
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
    assert slug("Trump–Kim summit collapses without agreement") == \
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
        assert DATELINE.match(line), line
    assert not DATELINE.match("US president Donald Trump said")
    assert stem("moved") == stem("moves") == stem("move")
    assert stem("ended") == stem("ending") == stem("ends")
