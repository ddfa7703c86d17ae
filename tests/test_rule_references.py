"""A rules.yaml regex naming a lexicon list ({list:NAME}, {after:NAME}, {notafter:NAME}:
the format header of rules.yaml): each form expands as documented, matches what its
words say, and a name the lexicon lacks fails at load naming the file and the rule or
macro. The shipped macros that read lists keep reading every word of them."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from timeline.errors import ConfigError
from timeline.tagger import resources, tag
from timeline.tagger.expand import Expander, list_regex

WORDS = frozenset({"the", "a", "'s", "a few", "u.s"})
RULES = Path("rules.yaml")


@pytest.mark.parametrize("form, words, expected", [
    # longest first (then alphabetical), escaped, \s+ between a form's words
    ("list", WORDS, r"(?:a\s+few|the|u\.s|'s|a)"),
    # look-behinds: one whitespace character; \b only before a letter or digit
    ("after", WORDS, r"(?:(?<=\ba\sfew\s)|(?<=\bthe\s)|(?<=\bu\.s\s)|(?<='s\s)|(?<=\ba\s))"),
    ("notafter", WORDS, r"(?<!\ba\sfew\s)(?<!\bthe\s)(?<!\bu\.s\s)(?<!'s\s)(?<!\ba\s)"),
    ("list", frozenset(), "(?!)"),           # an empty list: nothing matches
    ("after", frozenset(), "(?!)"),
    ("notafter", frozenset(), ""),           # ... and nothing is refused
])
def test_each_form_expands_as_the_header_documents(form, words, expected):
    assert list_regex(form, words) == expected


def _rule(pattern: str, lists: dict, macros: dict | None = None) -> re.Pattern:
    fields: list = []
    expander = Expander(RULES, {}, macros or {}, lists)
    return re.compile(expander.rule(0, "rule r", pattern, fields)[0])


@pytest.mark.parametrize("pattern, text, found", [
    ("{list:cues} time", "about  time", "about  time"),        # a pattern's space: \s+
    ("{list:cues} time", "just time", None),
    ("{list:cues} time", "a few  time", "a few  time"),        # a form's words: \s+
    ("{after:cues}\\d+", "x about 12", "12"),
    ("{after:cues}\\d+", "x roundabout 12", None),             # \b: a word, not its end
    ("{after:cues}\\d+", "x about  12", None),                 # one space only
    ("{after:cues}\\d+", "my house 's 12", "12"),              # no \b before "'s"
    ("{after:cues}\\d+", "it's 12", "12"),
    ("{notafter:cues}midweek", "a midweek", None),
    ("{notafter:cues}midweek", "data midweek", "midweek"),
    ("{notafter:cues}midweek", "a few midweek", None),
    ("{notafter:cues}midweek", "the u.s midweek", None),       # "." escaped ...
    ("{notafter:cues}midweek", "the uxs midweek", "midweek"),  # ... so no other character
])
def test_a_rule_s_reference_matches_what_its_words_say(pattern, text, found):
    m = _rule(pattern, {"cues": frozenset({"about", "a few", "'s", "u.s", "a"})}).search(text)
    assert (m and m.group()) == found


def test_a_macro_s_reference_is_written_out_where_the_macro_is_inlined():
    macros = {"CUE": resources.Macro("CUE", "{after:cues}", "piece")}
    rule = _rule("(?:{CUE})\\d+", {"cues": frozenset({"of"})}, macros)
    assert rule.search("one of 12").group() == "12"
    assert rule.search("12") is None and rule.search("roof 12") is None


@pytest.mark.parametrize("pattern, message", [
    ("{list:nope} x", "rules.yaml: rule r: {list:nope}: the lexicon has no list 'nope'"),
    ("{after:Cues}x", "rules.yaml: rule r: {after:Cues}: the lexicon has no list 'Cues'"),
    ("{lists:cues} x", "rules.yaml: rule r: {lists:cues} is no reference: a lexicon list is "
                       "{list:NAME}, {after:NAME} or {notafter:NAME}"),
])
def test_an_unknown_list_or_form_fails_naming_the_rule(pattern, message):
    with pytest.raises(ConfigError) as info:
        _rule(pattern, {"cues": frozenset({"of"})})
    assert str(info.value) == message


def test_an_unknown_list_in_a_macro_fails_even_where_no_rule_uses_the_macro():
    macros = {"UNUSED": resources.Macro("UNUSED", "{notafter:nope}x", "piece")}
    with pytest.raises(ConfigError) as info:
        Expander(RULES, {}, macros, {"cues": frozenset({"of"})})
    assert str(info.value) == "rules.yaml: macro UNUSED: {notafter:nope}: the lexicon has no list 'nope'"


@pytest.mark.parametrize("pattern, macros, message", [
    ("{NOPE} x", {}, "rules.yaml: rule r: unknown class or macro {NOPE}"),
    ("x", {"UNUSED": "{NOPE}"}, "rules.yaml: macro UNUSED: unknown class or macro {NOPE}"),
    ("{LOOP}", {"LOOP": "a{LOOP}"}, "rules.yaml: macro LOOP refers to itself"),
])
def test_an_unknown_class_or_macro_fails_naming_the_rule_or_macro(pattern, macros, message):
    """As a list: the error says where the name is, also in a macro no rule uses."""
    with pytest.raises(ConfigError) as info:
        _rule(pattern, {}, {n: resources.Macro(n, regex, "piece") for n, regex in macros.items()})
    assert str(info.value) == message


@pytest.mark.parametrize("pattern, macros, where", [
    ("x, (?-i:[A-Z][a-z]+)", {}, "rule r"),
    ("(?i:abc)", {}, "rule r"),
    ("x", {"PLACE": "[a-z]+(?:, (?-i:[A-Z]\\w+))?"}, "macro PLACE"),
])
def test_a_group_asking_for_case_fails_naming_the_rule_or_macro(pattern, macros, where):
    """Rules read the text lower-cased: "(?-i:[A-Z]...)" could never see a capital (a
    place's capitalised qualifier did not, 26774ea), so it is refused at load."""
    with pytest.raises(ConfigError) as info:
        _rule(pattern, {}, {n: resources.Macro(n, regex, "piece") for n, regex in macros.items()})
    assert str(info.value).startswith(f"rules.yaml: {where}: no (?i) or (?-i:...)")


def test_literals_are_lower_cased_but_escapes_keep_their_case():
    """\\S (not a space) must not become \\s (a space) when a rule's literals are lower-cased."""
    rule = _rule("GMT\\S+\\D", {})
    assert rule.search("gmtx1a").group() == "gmtx1a"
    assert rule.search("gmt 1a") is None


def _edited_copy(tmp_path: Path, old: str, new: str) -> Path:
    root = tmp_path / "res"
    shutil.copytree(resources.RESOURCE_ROOT / "en", root / "en")
    rules = root / "en" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    rules.write_text(text.replace(old, new), encoding="utf-8")
    return root


def _load_error(root: Path) -> str:
    with pytest.raises(ConfigError) as info:
        resources.load("en", root=root)
    return str(info.value)


def test_loading_the_shipped_files_with_a_misspelt_list_names_file_and_macro(tmp_path):
    root = _edited_copy(tmp_path, "{notafter:determiners}", "{notafter:determiner}")
    assert _load_error(root) == (f"{root / 'en' / 'rules.yaml'}: macro NOTDETERMINED: "
                                 "{notafter:determiner}: the lexicon has no list 'determiner'")


def test_loading_a_rule_with_a_misspelt_list_names_file_and_rule(tmp_path):
    root = _edited_copy(tmp_path, 'pattern: "{ISODATE}"', 'pattern: "{after:odds_cue}{ISODATE}"')
    shipped = yaml.safe_load((resources.RESOURCE_ROOT / "en" / "rules.yaml").read_text("utf-8"))
    rule_id = next(r["id"] for r in shipped["rules"] if r["pattern"] == "{ISODATE}")
    assert _load_error(root) == (f"{root / 'en' / 'rules.yaml'}: rule {rule_id}: "
                                 "{after:odds_cue}: the lexicon has no list 'odds_cue'")


def test_a_backdrop_that_is_no_boolean_fails_naming_file_and_rule(tmp_path):
    root = _edited_copy(tmp_path, "    backdrop: true", '    backdrop: "yes"')
    assert _load_error(root) == (f"{root / 'en' / 'rules.yaml'}: rule september_eleventh: "
                                 "backdrop must be true or false")


def test_a_backdrop_rule_s_day_is_not_the_date_narrated():
    """A rule marked backdrop is the shipped September 11 one, and a day it names is not
    what a following "the next day" counts from, as any other date's would be."""
    assert [r.id for r in resources.cached("en").rules if r.backdrop] == ["september_eleventh"]
    found = {e.text: e.value for e in tag(
        "Talks opened on June 2. Aides recalled the Sept. 11 attacks. The next day they ended.",
        "2010-06-14")}
    assert found["Sept. 11"] == "2001-09-11" and found["The next day"] == "2010-06-03"


# The shipped macros that read lexicon lists: each word of the list reaches the rule ---

def _shipped(rule_id: str) -> resources.Rule:
    return next(r for r in resources.cached("en").rules if r.id == rule_id)


def test_midweek_is_no_modifier_after_any_determiner_or_possessive_ending():
    res, rule = resources.cached("en"), _shipped("midweek").compiled
    assert rule.search("they meet midweek.")
    assert res.lists["determiners"] and res.lists["possessive_endings"]
    for word in res.lists["determiners"] | res.lists["possessive_endings"] | {"this", "that", "every"}:
        assert rule.search(f"they meet {word} midweek.") is None, word


def test_midweek_stands_alone_before_a_non_noun_follower_only():
    res, rule = resources.cached("en"), _shipped("midweek").compiled
    assert rule.search("they meet midweek flights") is None
    for word in res.lists["non_noun_followers"]:
        assert rule.search(f"they meet midweek {word} x"), word


def test_a_number_after_an_odds_cue_and_one_in_is_no_year():
    res, year = resources.cached("en"), _shipped("year").compiled
    assert year.search("they won 1 in 1500 and lost").group() == "1500"
    assert res.lists["odds_cues"]
    for word in res.lists["odds_cues"]:
        assert year.search(f"a {word} 1 in 1500 and") is None, word
