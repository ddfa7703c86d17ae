"""Parsing the tagger's rules piece by piece (regex_program.Pieces): each lexicon class and
macro is parsed once and its items put into every rule that inlines it. The tree must be
the one re's parser makes of the whole expanded text (same program, same first words),
the shared parse must really be used for the shipped rules (it is what makes a first run
fast), and a bad pattern must be refused at load exactly as before, file and rule named."""
from __future__ import annotations

import json
import pickle
import re
import shutil
import sys
from pathlib import Path

import pytest

from timeline.errors import ConfigError
from timeline.tagger import dispatch, regex_program, resources
from timeline.tagger.regex_program import PROBE_PIECES, PROBE_RULES, pieces_of
from timeline.timeml import load_input

from conftest import T17, TBAQ, require_shared


def test_shared_parsing_is_on_with_cpython_s_re():
    """SHARED is checked on a probe when first read; off, every rule is parsed whole (slow
    first runs, silently): on CPython that means re's parser changed."""
    if sys.implementation.name == "cpython":
        assert regex_program.SUPPORTED and regex_program.SHARED


def _same_program(regex: str, tree) -> bool:
    return regex_program._build(regex, tree) == regex_program._build(regex)


@pytest.fixture
def parsed_whole(monkeypatch) -> list:
    """The regexes Pieces.parse reads whole (its fallback, regex_program.parse, still
    parses them), in order."""
    seen, parse = [], regex_program.parse

    def recorded(regex: str):
        seen.append(regex)
        return parse(regex)
    monkeypatch.setattr(regex_program, "parse", recorded)
    return seen


def test_every_shipped_rule_is_parsed_from_its_pieces_into_re_s_own_tree(parsed_whole):
    folder = resources.RESOURCE_ROOT / "en"
    lex_path, rules_path = folder / "lexicon.yaml", folder / "rules.yaml"
    lex = resources._load_yaml(lex_path, resources.LEXICON_FORMAT, "en")
    classes, _, class_regex, lists = resources._parse_lexicon(lex_path, lex)
    data = resources._load_yaml(rules_path, resources.RULES_FORMAT, "en")
    expander = resources._Expander(rules_path, class_regex,
                                   resources._parse_macros(rules_path, data, classes), lists)
    rules, _, trees = resources._parse_rules(rules_path, data, expander)
    assert len(rules) > 100
    # none fell back to reading its whole text (correct, but slower on a first run: see
    # regex_program._WHOLE_RE for what a skeleton cannot stand for)
    assert [r.id for r in rules if r.regex in parsed_whole] == []
    for rule in rules:
        assert _same_program(rule.regex, trees[rule.index]), rule.id
        assert dispatch.first_words(rule.regex, trees[rule.index]) == dispatch.first_words(rule.regex), rule.id


def _parse(texts: dict, rule: str) -> tuple:
    """The Pieces over ``texts`` that parsed ``rule`` ({X} inlines piece X), the tree and
    the whole text."""
    pieces, skeleton, whole = pieces_of(texts)
    return pieces, pieces.parse(skeleton(rule), whole(rule)), whole(rule)


@pytest.mark.parametrize("rule", PROBE_RULES)   # what SHARED is checked on
def test_a_rule_of_pieces_parses_as_its_whole_text(rule, parsed_whole):
    pieces, tree, whole = _parse(PROBE_PIECES, rule)
    assert parsed_whole == []
    assert _same_program(whole, tree)


@pytest.mark.parametrize("texts, rule", [
    ({"U": "a)|(?:b"}, "x{U}y"),           # unbalanced: valid only in place
    ({"G": "(a)b"}, "{G}{G}"),             # a group of its own: numbers differ in place
    ({"F": "a b"}, "(?x){F}c"),            # global flags: verbose reads the piece otherwise
    ({"P": "a"}, r"(?P<f>{P})(?P=f)"),     # a group reference
    ({"Q": "\ue000"}, "{Q}q"),             # a character that reads as a mark
])
def test_what_a_skeleton_cannot_stand_for_is_parsed_whole(texts, rule, parsed_whole):
    pieces, tree, whole = _parse(texts, rule)
    assert parsed_whole == [whole]
    assert _same_program(whole, tree)


def test_a_piece_with_scoped_flags_is_parsed_from_its_pieces(parsed_whole):
    """"(?-i:[A-Z][a-z]+)" scopes its flag to its own group: the piece parses as it does
    in place, so it needs no whole parse."""
    pieces, tree, whole = _parse({"F": "(?-i:[A-Z]a)b", "G": "x|(?i:y)"}, "{F}c{G}")
    assert parsed_whole == []
    assert _same_program(whole, tree)


@pytest.mark.parametrize("texts, rule", [
    ({"A": "(?:a"}, "x{A}"),
    ({"A": "a|bc"}, "(?<={A})x"),
    ({"A": "a{2,1}"}, "{A}"),
])
def test_a_bad_piece_fails_as_its_whole_text_does(texts, rule):
    whole = pieces_of(texts)[2](rule)
    with pytest.raises(re.error) as expected:
        regex_program.program(whole)
    with pytest.raises(re.error) as got:
        regex_program.program(whole, _parse(texts, rule)[1])
    assert str(got.value) == str(expected.value)


def _loaded(res: resources.Resources) -> tuple:
    """What a load gives the tagger: each rule's id, regex and compiled pattern (equal
    patterns have the same program), the gate, the rules by first word, the weak words."""
    return ([(r.id, r.regex, r.compiled) for r in res.rules], res.gate,
            {w: [r.id for r in rules] for w, rules in res.by_word.items()}, res.weak)


@pytest.mark.parametrize("switch", ["SHARED", "SUPPORTED"])
def test_the_fallbacks_load_the_same_resources(monkeypatch, switch, parsed_whole):
    """Where the probes turn SHARED (parse each rule whole) or SUPPORTED (no
    programs: compile each rule's source) off, load() must give the same rules, gate and
    dispatch, pickled (the user cache) or not. load, not cached: nothing kept per process."""
    on = resources.load("en")
    expected = _loaded(on)
    assert on.gate_program is not None and all(r.program is not None for r in on.rules)
    monkeypatch.setattr(regex_program, switch, False)
    if switch == "SHARED":             # off, it is not used
        pieces, skeleton, whole = pieces_of(PROBE_PIECES)
        pieces.parse(skeleton(PROBE_RULES[0]), whole(PROBE_RULES[0]))
        assert parsed_whole[-1:] == [whole(PROBE_RULES[0])]
    off = resources.load("en")
    if switch == "SUPPORTED":
        assert off.gate_program is None and all(r.program is None for r in off.rules)
    assert _loaded(off) == expected
    assert _loaded(pickle.loads(pickle.dumps(off))) == expected


def _copy_en(tmp_path: Path) -> Path:
    root = tmp_path / "res"
    shutil.copytree(resources.RESOURCE_ROOT / "en", root / "en")
    return root


def test_a_bad_macro_names_the_first_rule_that_uses_it_with_re_s_message(tmp_path):
    root = _copy_en(tmp_path)
    rules = root / "en" / "rules.yaml"
    good, bad = "'\\d\\d(?!\\d)", "'\\d\\d(?!\\d"
    text = rules.read_text(encoding="utf-8")
    assert text.count(f'YEAR2: {{regex: "{good.replace(chr(92), chr(92) * 2)}"') == 1
    rules.write_text(text.replace(f'YEAR2: {{regex: "{good.replace(chr(92), chr(92) * 2)}"',
                                  f'YEAR2: {{regex: "{bad.replace(chr(92), chr(92) * 2)}"'),
                     encoding="utf-8")
    first = next(r for r in resources.load("en").rules if good in r.regex)
    with pytest.raises(re.error) as expected:
        re.compile(first.regex.replace(good, bad))
    with pytest.raises(ConfigError) as info:
        resources.load("en", root=root)
    assert str(info.value) == f"{rules}: rule {first.id}: bad pattern: {expected.value}"


def test_a_variable_width_piece_in_a_look_behind_is_refused_at_load(tmp_path):
    root = _copy_en(tmp_path)
    rules = root / "en" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace('pattern: "{ISODATE}"', 'pattern: "(?<={MONTH} ){ISODATE}"', 1),
                     encoding="utf-8")
    with pytest.raises(ConfigError, match=r"rules\.yaml: rule \S+: bad pattern: look-behind "
                                          r"requires fixed-width pattern"):
        resources.load("en", root=root)


def test_a_trie_tries_the_alternatives_in_their_order():
    assert regex_program.trie([list("march"), list("may"), list("june")]) == "(?:ma(?:rch|y)|june)"
    assert regex_program.trie([list("ab"), list("a")]) == "a(?:b)?"         # longer first
    assert regex_program.trie([list("a"), list("ab")]) is None              # cannot keep it
    assert resources._class_regex({"a": 1, "ab": 1}) == "(?:a(?:b)?)(?![\\w])"


def test_each_lexicon_class_as_a_trie_matches_as_its_plain_alternation():
    """A class is matched at a place with what follows deciding among the forms that fit
    there ("a" or "a few" before " days"): the trie must give the same first match as the
    longest-first alternation it replaces, whatever follows."""
    lex = resources._load_yaml(resources.RESOURCE_ROOT / "en" / "lexicon.yaml",
                               resources.LEXICON_FORMAT, "en")
    checked = 0
    for name, table in lex["classes"].items():
        forms = sorted({str(f) for f in table}, key=lambda f: (-len(f), f))
        tokens = [resources._form_tokens(f) for f in forms]
        as_trie = regex_program.trie(tokens)
        assert as_trie is not None, name            # the shipped classes all keep their order
        plain = "|".join("".join(t) for t in tokens)
        words = sorted({w for f in forms for w in f.translate(resources.LOWER).split()})
        texts = [f"{f}{gap}{w}".translate(resources.LOWER) for f in forms
                 for gap in (" ", "  ", "") for w in words[:12] + ["x", "1"]]
        for after in ("", r"(?![\w])", r"\s+[a-z]", r"\s+1", r"[a-z]", r"(?=\S*\s*x)"):
            a, b = re.compile(f"(?:{as_trie}){after}"), re.compile(f"(?:{plain}){after}")
            for text in texts:
                m, n = a.match(text), b.match(text)
                assert (m and m.group()) == (n and n.group()), (name, after, text)
                checked += 1
    assert checked > 10000


def test_the_gate_as_a_trie_finds_what_its_plain_alternation_finds(monkeypatch):
    """The gate reads every word of a text; its word lists are written as tries (faster
    to scan). Every start and word it finds on real news must be the same."""
    res = resources.cached("en")
    words = {w for w in res.by_word if w}
    as_trie = re.compile(dispatch.gate_regex(words, res.follow))
    assert as_trie == res.gate
    monkeypatch.setattr(regex_program, "trie", lambda alternatives: None)
    plain = re.compile(dispatch.gate_regex(words, res.follow))
    assert len(plain.pattern) > len(as_trie.pattern)
    texts = [load_input(p).text for p in sorted(require_shared(TBAQ).glob("*/*.tml"))]
    for folder in sorted(require_shared(T17).iterdir())[:4]:
        with open(folder / "articles.jsonl", encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f][:200]
    found = 0
    for text in texts:
        low = text.translate(resources.LOWER)
        spans = [(m.span(), m.group()) for m in as_trie.finditer(low)]
        assert spans == [(m.span(), m.group()) for m in plain.finditer(low)]
        found += len(spans)
    assert found > 50000
