"""The ingest's resource files: every pattern's examples are tests, and a broken
resource file is refused at load with its name."""
from __future__ import annotations

from pathlib import Path

import pytest

from timeline.errors import ConfigError
from timeline.ingest import resources as R

RES = R.load_resources("en")

BOILERPLATE = [pytest.param(rule, id=f"boilerplate-{rule.name}-{i}")
               for i, rule in enumerate(RES.boilerplate)]
METADATA = [pytest.param(section, rule, id=f"{section}-{rule.name}")
            for section, rules in RES.metadata.items() for rule in rules]


@pytest.mark.parametrize("rule", BOILERPLATE)
def test_boilerplate_examples(rule):
    assert R.check_rule(rule) == []
    assert rule.examples, "every pattern carries examples"


@pytest.mark.parametrize("section,rule", METADATA)
def test_metadata_examples(section, rule):
    assert R.check_rule(rule, search=section in R.SEARCHED_SECTIONS) == []


def test_every_outlet_example_identifies_it():
    for outlet in RES.outlets:
        for line in outlet.examples:
            credited = RES.metadata["credit"][0].pattern.match(line)
            dateline = any(r.pattern.match(line + " x") for r in RES.metadata["dateline"])
            named = RES.outlet_in_line(line, kind=outlet.kind)
            assert named == outlet or dateline or (
                credited and RES.outlet_named(credited.group("credit")) == outlet), (outlet.name, line)


def test_outlet_lookup_by_name_alias_and_domain():
    assert RES.outlet_named("BT").name == "The Business Times"
    assert RES.outlet_named("the star").name == "The Star"
    assert RES.outlet_for_host("www.thestar.com.my").name == "The Star"
    assert RES.outlet_for_host("example.com") is None
    # aliases match whole words only: "BTS" is not "BT"
    assert RES.outlet_in_line("BTS fans queue for tickets") is None


def test_a_failing_example_is_refused(tmp_path):
    bad = R.Rule("share_buttons", __import__("re").compile(r"^Share$"), ("Share this article.",), ())
    assert R.check_rule(bad) == ["share_buttons: example does not match: 'Share this article.'"]


def test_a_file_without_format_header_is_refused(tmp_path):
    path = tmp_path / "boilerplate.yaml"
    path.write_text("patterns: []\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="format: timeline-ingest-boilerplate/1"):
        R._load(path, "timeline-ingest-boilerplate/1")


def test_a_bad_regex_is_refused_with_its_name(tmp_path):
    with pytest.raises(ConfigError, match="tracking: bad pattern"):
        R._rule({"kind": "tracking", "pattern": "(unclosed", "examples": ["x"]}, "kind",
                tmp_path / "boilerplate.yaml")


def test_unknown_language_is_a_config_error():
    with pytest.raises(ConfigError, match="no ingest resources for language 'xx'"):
        R.load_resources("xx")


# ---------------------------------------------------------------- a copied language folder

def _copied(tmp_path, monkeypatch, name: str, *swaps: tuple[str, str], as_language="xx") -> Path:
    """A copy of the English folder as ``as_language``, with each (old, new) swap applied
    to its file ``name`` (each ``old`` must occur exactly once); returns the file."""
    import shutil
    shutil.copytree(R.RESOURCE_DIR / "en", tmp_path / as_language)
    path = tmp_path / as_language / name
    text = path.read_text(encoding="utf-8")
    for old, new in swaps:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(R, "RESOURCE_DIR", tmp_path)
    R.load_resources.cache_clear()
    return path


@pytest.fixture
def fresh_cache():
    R.load_resources.cache_clear()
    yield
    R.load_resources.cache_clear()


def _section(text: str, key: str) -> tuple[int, int]:
    """(start, end) of the top-level YAML key ``key`` and its lines, with the comment
    lines before it."""
    start = text.index(f"\n{key}:") + 1
    end = start
    while True:
        end = text.index("\n", end) + 1
        if end >= len(text) or (text[end:end + 1] not in (" ", "\n", "-")
                                and not text.startswith("  ", end)):
            break
    return start, end


def test_clock_words_come_from_the_language_folder(tmp_path, monkeypatch, fresh_cache):
    """Whether a written publication date carries a time of day is the language's
    clock_time rule: without its "am/pm" alternative, "Feb 28, 2019, 9am" is a date only.
    (The copy stays "en" in another folder: dateparser reads the dates.)"""
    from timeline.ingest.detect import parse_when
    assert parse_when("Feb 28, 2019, 9am", RES).precision == "minute"
    _copied(tmp_path, monkeypatch, "metadata.yaml",
            ("|\\b\\d{1,2} ?[ap]\\.?m\\b'", "'"),
            (', {text: "Feb 28, 2019, 9am"}]', "]"), as_language="en")
    xx = R.load_resources("en")
    assert parse_when("Feb 28, 2019, 9am", xx).precision == "day"
    assert parse_when("Feb 28, 2019 07:44", xx).precision == "minute"


def test_function_words_come_from_the_language_folder(tmp_path, monkeypatch, fresh_cache):
    """A text reads as the language when one word in eight is one of its function words:
    a copy whose list is German's finds an English article is not in it."""
    from timeline.ingest.build import in_language
    english = ("The summit between the two leaders ended without an agreement on Thursday, "
               "and the news conference was moved up by two hours, officials said. " * 3)
    assert in_language(english, RES)
    path = _copied(tmp_path, monkeypatch, "metadata.yaml")
    text = path.read_text(encoding="utf-8")
    start, end = _section(text, "function_words")
    path.write_text(text[:start] + "function_words: [der, die, das, und, ist, nicht, ein, "
                    "eine, zu, den, von, mit, sich, des, auf, für, im, dem]\n" + text[end:],
                    encoding="utf-8")
    assert not in_language(english, R.load_resources("xx"))


@pytest.mark.parametrize("key", ["function_words", "clock_time", "update_line", "byline"])
def test_a_missing_list_is_refused_naming_file_and_list(tmp_path, monkeypatch, fresh_cache, key):
    path = _copied(tmp_path, monkeypatch, "metadata.yaml")
    text = path.read_text(encoding="utf-8")
    start, end = _section(text, key)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"metadata.yaml: {key}: missing"):
        R.load_resources("xx")
