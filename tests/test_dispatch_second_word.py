"""The recogniser's second-word index (dispatch.by_second_word): at a first word such as
"the", only the rules that can go on with the next word are tried. The index may keep a
rule that cannot match; it must never drop one that can (the first rule that matches
wins, so a dropped rule changes the output), whatever the rule's second word is made of:
a lexicon class, a letter class, \\w, digits, a word the match ends within."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from timeline.tagger import dispatch, recognizer, regex_program, resources
from timeline.timeml import load_input

from conftest import T17, TBAQ, require_shared


@dataclass(frozen=True)
class _Rule:
    index: int
    id: str
    regex: str

    @property
    def compiled(self) -> re.Pattern:
        return re.compile(self.regex)


def _candidates(pair: tuple, low: str, end: int):
    """The rules the recogniser tries after a first word ending at ``end`` (its key, as
    recognise computes it), or None where it tries the whole list."""
    nxt = recognizer._NEXT_RE.match(low, end)
    if nxt is None:
        return None
    second = nxt.group(1)
    if second in recognizer._DIGITS:
        return pair[0].get(dispatch.DIGIT_KEY, pair[1])
    if not "a" <= second[0] <= "z":
        return None
    return pair[0].get(second[:dispatch.KEY_LEN], pair[1])


# Rules beginning with "the" whose second word is written every way a rule can write it.
RULES = [
    ("month", r"the\s+(?:jan(?:uary)?|may|sept?)(?![\w])"),     # a lexicon class's trie
    ("letters", r"the\s+[a-z]+\s+of"),                          # a class of letters
    ("word", r"the\s+\w+day"),                                  # \w
    ("not_digit", r"the\s+[^\W\d_]+ly"),                        # a negated class
    ("digits", r"the\s+\d+s?"),                                 # a number second
    ("apostrophe", r"the\s+'\d\d"),
    ("alone", r"the(?=\s)"),                                    # the match ends after "the"
    ("in_word", r"the\s+may"),                                  # ... within the second word
    ("in_word_short", r"the\s+ma"),
    ("lookahead", r"the\s+ma(?=yor)"),                          # a look-ahead ends no word
    ("few_letters", r"the\s+[mn]ay\b"),                         # a small class: enumerated
    ("spaces", r"the\s+(?:\s*)next(?![\w])"),
    ("dash", r"the[\s-]+year(?![\w])"),
    ("via_w", r"(?:the\s+foo|th\w+\s+bar)"),                    # "the" read by \w too
    ("optional", r"(?:the\s+)?(?:late|early)\s+\w+"),
    ("long_word", r"the\s+(?:aftermath|afternoons?)(?![\w])"),  # longer than the key
    ("any_char", r"the\s.+?\."),                                # . is anything
]
TEXTS = ["the may", "the mayor", "the man", "the sky", "the 1990s", "the '98", "the end of",
         "the thursday", "the bar", "the  next", "the year", "the jan", "the january",
         "the nay", "the sept", "the septic", "the late night", "the early bird",
         "the after", "the aftermath", "the afternoons", "the ends.", "the sky is blue.",
         "the truly", "the of", "the  \tsky", "the - year", "the foo", "the fool",
         "the 5", "the ,", "the\nnext"]


def _index(rules, min_rules=1):
    parsed = {r.index: regex_program.parse(r.regex) for r in rules}
    _, by_word = dispatch.by_first_word(rules, set(), parsed)
    return by_word, dispatch.by_second_word(by_word, parsed, min_rules)


def test_no_rule_that_matches_is_left_out_whatever_its_second_word_is_made_of():
    rules = [_Rule(i, name, regex) for i, (name, regex) in enumerate(RULES)]
    by_word, table = _index(rules)
    pair = table["the"]
    dropped = set()
    for text in TEXTS:
        for tail in ("", " and more", "s"):
            low = text + tail
            kept = _candidates(pair, low, 3)
            for rule in by_word["the"]:
                if kept is not None and rule not in kept:
                    dropped.add(rule.id)
                    assert rule.compiled.match(low) is None, (rule.id, low)
            if kept is not None:     # in priority order
                assert list(kept) == sorted(kept, key=lambda r: r.index)
    # and the index is worth having: rules that cannot go on with a word are dropped
    assert {"month", "digits", "apostrophe", "in_word", "few_letters", "spaces", "dash",
            "long_word"} <= dropped
    sky = _candidates(pair, "the sky", 3)
    assert {r.id for r in sky} == {"letters", "word", "not_digit", "alone", "any_char",
                                   "in_word_short", "lookahead"}   # "ma": shorter than a key
    assert {r.id for r in _candidates(pair, "the 1990s", 3)} == {
        "digits", "apostrophe", "word", "not_digit", "alone", "any_char"}
    # "the" read as "th" and a letter of \w: kept before "bar" only
    assert "via_w" in {r.id for r in _candidates(pair, "the bar", 3)}


def test_a_rule_the_walk_cannot_read_is_kept_for_every_word():
    rules = [_Rule(0, "backref", r"the\s+(\w)\1"), _Rule(1, "month", r"the\s+may\b")]
    by_word, table = _index(rules)
    for text in ("the sky", "the may", "the 5"):
        assert rules[0] in _candidates(table["the"], text, 3)
    assert rules[1] not in _candidates(table["the"], "the sky", 3)


def _texts() -> list[str]:
    texts = [load_input(p).text for p in sorted(require_shared(TBAQ).glob("*/*.tml"))]
    for folder in sorted(require_shared(T17).iterdir())[:3]:
        with open(folder / "articles.jsonl", encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f][:150]
    return texts


def test_every_shipped_rule_that_matches_after_a_first_word_is_in_its_index():
    """On real news, at every first word of every rule (the index of all of them, not
    only the few shipped: the strictest check of the walk), each rule of the first word's
    list that matches there is among those the index keeps for the next word."""
    res = resources.cached("en")
    parsed = {r.index: regex_program.parse(r.regex) for r in res.rules}
    table = dispatch.by_second_word(res.by_word, parsed, 1)
    assert res.by_pair and set(res.by_pair) <= set(table)
    tried = skipped = 0
    for text in _texts():
        low = text.translate(resources.LOWER)
        for g in res.gate.finditer(low):
            word = g.group()
            if word not in table or not word[0].isalpha():
                continue
            kept = _candidates(table[word], low, g.end())
            if kept is None:
                continue
            for rule in res.by_word[word]:
                if rule in kept:
                    tried += 1
                else:
                    skipped += 1
                    assert rule.compiled.match(low, g.start()) is None, (rule.id, low[g.start():g.end() + 30])
    assert skipped > 2 * tried > 0


def test_the_recogniser_finds_the_same_with_and_without_the_index():
    res = resources.cached("en")
    without = replace(res, by_pair={})
    for text in _texts()[:300]:
        assert recognizer.recognise(text, res, 2010) == recognizer.recognise(text, without, 2010)


def test_the_index_survives_the_user_cache_pickle():
    import pickle
    res = resources.cached("en")
    again = pickle.loads(pickle.dumps(res))
    assert set(again.by_pair) == set(res.by_pair) == {
        w for w, rules in res.by_word.items() if w and len(rules) >= dispatch._MIN_RULES}
    for w, (keys, other) in res.by_pair.items():
        assert [r.id for r in again.by_pair[w][1]] == [r.id for r in other]
        assert {k: [r.id for r in v] for k, v in again.by_pair[w][0].items()} == \
            {k: [r.id for r in v] for k, v in keys.items()}
