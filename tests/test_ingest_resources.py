"""The ingest's resource files: every pattern's examples are tests, and a broken
resource file is refused at load with its name."""
from __future__ import annotations

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
    assert R.check_rule(rule, search=section in ("caption_date", "stamp")) == []


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
