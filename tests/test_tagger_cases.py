"""Table tests for the temporal tagger: every rule family and hazard (tagger_cases.yaml),
every resource file's own examples, resource validation, sentence splitting, and a TBAQ
floor on real gold data."""
from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml

import timeline
from timeline.errors import ConfigError
from timeline.tagger import Tagger, split_sentences, tag
from timeline.tagger.resources import RESOURCE_ROOT, cached, load

from conftest import TBAQ, require_shared

CASES = yaml.safe_load((Path(__file__).with_name("tagger_cases.yaml")).read_text(encoding="utf-8"))
FIELDS = ("text", "value", "type", "mod", "zone", "quant")


def _view(e) -> dict:
    return {k: getattr(e, k) for k in FIELDS}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case_table(case):
    found = [_view(e) for e in tag(case["text"], case["anchor"], place=case.get("place"))]
    expected = [{k: exp.get(k) for k in FIELDS} for exp in case["expect"]]
    assert found == expected


EXAMPLES = cached("en").examples


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.source}:{e.text[:40]}" for e in EXAMPLES])
def test_resource_examples(example):
    found = tag(example.text, example.anchor, place=example.place)
    if example.expected.get("value") is None:
        assert found == []
        return
    assert found, f"nothing found in {example.text!r}"
    # the expression of the words the example names (a range's first clock), else the last
    checked = [e for e in found if e.text == example.span] if example.span else found[-1:]
    assert checked, f"no expression {example.span!r} in {example.text!r}: {[e.text for e in found]}"
    got = {k: getattr(checked[0], k) for k in example.expected}
    assert got == example.expected


def test_resources_have_examples_and_rules():
    res = cached("en")
    assert len(res.rules) > 40 and len(res.examples) >= 10
    assert {"MONTH", "WEEKDAY", "UNIT", "ZONE", "PARTDAY", "SEASON"} <= set(res.classes)


def test_anchor_forms_agree_and_never_today():
    text = "He left yesterday."
    values = {tag(text, a)[0].value for a in ("2019-02-28", date(2019, 2, 28),
                                                datetime(2019, 2, 28, 7, 44),
                                                datetime(2019, 2, 28, 7, 44, tzinfo=timezone(timedelta(hours=8))),
                                                "2019-02-28T07:44:00+08:00")}
    assert values == {"2019-02-27"}


def test_public_api_shapes():
    out = timeline.tag("Trump and Kim met Thursday and Friday, and again on Feb. 8.", "2019-02-28")
    assert [e.start for e in out] == sorted(e.start for e in out)
    assert all(a.end <= b.start for a, b in zip(out, out[1:]))
    assert all(e.text == "Trump and Kim met Thursday and Friday, and again on Feb. 8."[e.start:e.end] for e in out)
    assert out[0].temporal_function and out[0].anchor == "2019-02-28"
    assert Tagger("en").tag("in 1998", "2000-01-01")[0].value == "1998"


@pytest.mark.parametrize("text, anchor, said, value, on", [
    ("Statements made Friday and Thursday.", "1998-02-06", "Thursday", "1998-02-05", "1998-02-06"),
    ("It began in March 2003, the month the war began.", "2010-05-30", "the month", "2003-03", "2003-03"),
    ("The rig left port in April. On the 20th it exploded.", "2010-06-14", "the 20th", "2010-04-20", "2010-04"),
])
def test_a_value_read_from_the_expression_before_is_a_temporal_function_of_it(text, anchor, said,
                                                                                   value, on):
    """A weekday of a pair, "the month" in apposition, a day of the month narrated: each
    value is that of an expression before it, read again (TimeML temporalFunction, the
    anchor that expression's value), not one the text gives whole."""
    found = next(e for e in tag(text, anchor) if e.text == said)
    assert (found.value, found.temporal_function, found.anchor) == (value, True, on)


def _copy_language(tmp_path: Path, name: str) -> Path:
    root = tmp_path / "res"
    shutil.copytree(RESOURCE_ROOT / "en", root / name)
    for f in (root / name).glob("*.yaml"):
        f.write_text(f.read_text(encoding="utf-8").replace("language: en", f"language: {name}"),
                     encoding="utf-8")
    return root


def test_the_rules_format_header_names_every_norm_and_guard():
    """The header of rules.yaml is the format's reference for whoever writes a second
    language: every norm and guard the loader accepts is described there."""
    from timeline.tagger.guards import GUARDS
    from timeline.tagger.resources import NORMS
    header = " ".join(line.lstrip("# ") for line in (RESOURCE_ROOT / "en" / "rules.yaml")
                      .read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert [n for n in NORMS if not re.search(rf"\b{n} \(", header)] == []
    assert [g for g in GUARDS if f"{g}:" not in header] == []
    assert "[-1D|0D]" in header


def test_a_new_language_is_a_new_folder(tmp_path):
    root = _copy_language(tmp_path, "xx")
    lex = root / "xx" / "lexicon.yaml"
    lex.write_text(lex.read_text(encoding="utf-8").replace("    friday: \"5\"", "    vendredi: \"5\""),
                   encoding="utf-8")
    tagger = Tagger("xx", resources=load("xx", root=root))
    assert [e.value for e in tagger.tag("Il est parti vendredi.", "2019-03-05")] == ["2019-03-01"]


def test_cue_words_come_from_the_lexicon(tmp_path):
    """The deadline words ("until Tuesday" lies ahead) are the lexicon's, not the code's."""
    root = _copy_language(tmp_path, "xx")
    lex = root / "xx" / "lexicon.yaml"
    text = lex.read_text(encoding="utf-8")
    assert "deadline_words: [until, till, by, through]" in text
    lex.write_text(text.replace("deadline_words: [until, till, by, through]", "deadline_words: [avant]"),
                   encoding="utf-8")
    tagger = Tagger("xx", resources=load("xx", root=root))
    english = Tagger("en")
    for sentence, en, xx in (("The vote was postponed until Tuesday.", "2019-03-05", "2019-02-26"),
                             ("The vote was postponed avant Tuesday.", "2019-02-26", "2019-03-05")):
        assert [e.value for e in english.tag(sentence, "2019-02-28")] == [en]
        assert [e.value for e in tagger.tag(sentence, "2019-02-28")] == [xx]


def test_guard_and_clock_words_come_from_the_lexicon(tmp_path):
    """The word after an hour that says no half of the day ("o'clock") and the links in a
    march's name ("the March for Life") are the lexicon's, not the code's: a language
    that writes others needs only its resource folder."""
    root = _copy_language(tmp_path, "xx")
    lex, rules = root / "xx" / "lexicon.yaml", root / "xx" / "rules.yaml"
    text = lex.read_text(encoding="utf-8")
    for old in ("oclock_words: [\"o'clock\"]", "name_links: [for, of,",
                "day_suffixes: [st, nd, rd, th]"):
        assert old in text
    lex.write_text(text.replace("oclock_words: [\"o'clock\"]", "oclock_words: [heures]")
                   .replace("name_links: [for, of,", "name_links: [pour, for, of,")
                   .replace("day_suffixes: [st, nd, rd, th]", "day_suffixes: [st, nd, rd, th, e]"),
                   encoding="utf-8")
    rules.write_text(rules.read_text(encoding="utf-8").replace("o'clock", "heures"), encoding="utf-8")
    tagger = Tagger("xx", resources=load("xx", root=root))
    assert [e.value for e in tagger.tag("We met at ten heures.", "2013-03-20")] == ["2013-03-20T10:00"]
    assert [e.value for e in tagger.tag("We met at 10 heures.", "2013-03-20")] == ["2013-03-20T10:00"]
    assert tagger.tag("Thousands joined the March pour Life.", "2019-01-20") == []
    assert [e.value for e in tagger.tag("Thousands joined the March for Life.", "2019-01-20")] == []
    assert [e.text for e in tagger.tag("The summit is on April 24 and 25e.", "1999-02-10")] \
        == ["April 24", "25e"]


def test_paper_names_and_clock_day_links_come_from_the_lexicon(tmp_path):
    """A paper's name before a weekday ("The Mail on Sunday") and the words that join a bare
    clock time to the day after it ("11:45 in the next morning") are the lexicon's lists
    weekday_papers and clock_day_links, whole phrases: no English word in the code."""
    root = _copy_language(tmp_path, "xx")
    lex = root / "xx" / "lexicon.yaml"
    text = lex.read_text(encoding="utf-8")
    for old in ("weekday_papers: [mail on, independent on]", 'clock_day_links: ["on", in]'):
        assert old in text
    lex.write_text(text.replace("weekday_papers: [mail on, independent on]", "weekday_papers: [mail de]")
                   .replace('clock_day_links: ["on", in]', "clock_day_links: [dans]"), encoding="utf-8")
    tagger, english = Tagger("xx", resources=load("xx", root=root)), Tagger("en")
    assert [e.text for e in english.tag("He told The Mail on Sunday.", "2011-06-10")] == []
    assert [e.text for e in tagger.tag("He told The Mail on Sunday.", "2011-06-10")] == ["Sunday"]
    assert [e.text for e in tagger.tag("He told The Mail de Sunday.", "2011-06-10")] == []

    def clock_day(t: Tagger, sentence: str) -> str:
        return next(e.value[5:10] for e in t.tag(sentence, "2019-03-10") if e.text == "11:45")
    for sentence, en, xx in (("On March 3 it ended at 11:45 in the next morning.", "03-04", "03-03"),
                             ("On March 3 it ended at 11:45 dans the next morning.", "03-03", "03-04")):
        assert (clock_day(english, sentence), clock_day(tagger, sentence)) == (en, xx)


def test_count_and_title_words_come_from_the_lexicon(tmp_path):
    """The words of the bare_number and not_title guards (a count's range "1500 and 2000
    soldiers", coordinated years "1957 and 1968", plural endings, "player of the year")
    are the lexicon's lists number_links, year_coordinators, plural_endings, title_links."""
    root = _copy_language(tmp_path, "xx")
    lex = root / "xx" / "lexicon.yaml"
    text = lex.read_text(encoding="utf-8")
    swaps = {"number_links: [and, or, to]": "number_links: [et]", "title_links: [of]": "title_links: [de]",
             "plural_endings: [s]": "plural_endings: [s, x]", "year_coordinators: [and, or]": "year_coordinators: [et]"}
    for old, new in swaps.items():
        assert old in text
        text = text.replace(old, new)
    lex.write_text(text, encoding="utf-8")
    tagger, english = Tagger("xx", resources=load("xx", root=root)), Tagger("en")

    def found(t: Tagger, sentence: str) -> list[str]:
        return [e.text for e in t.tag(sentence, "2010-01-01")]
    assert found(english, "They sent between 1500 and 2000 soldiers.") == []
    assert found(tagger, "They sent between 1500 and 2000 soldiers.") == ["1500"]
    assert found(english, "He was named Player de the Year.") == ["the Year"]
    assert found(tagger, "He was named Player de the Year.") == []
    assert found(english, "He bought the 2000 chevaux.") == ["2000"]
    assert found(tagger, "He bought the 2000 chevaux.") == []
    assert found(tagger, "the pandemics of 1957 et 1968 killed millions")[-1:] == ["1968"]


def test_a_clock_word_the_lexicon_does_not_list_is_a_config_error(tmp_path):
    """Rules that match "ten o'clock" with a lexicon whose oclock_words lacks it disagree:
    a clear error naming the list, not an AttributeError from deep in the recogniser."""
    root = _copy_language(tmp_path, "xx")
    lex = root / "xx" / "lexicon.yaml"
    lex.write_text(lex.read_text(encoding="utf-8").replace("oclock_words: [\"o'clock\"]",
                                                           "oclock_words: []"), encoding="utf-8")
    tagger = Tagger("xx", resources=load("xx", root=root))
    with pytest.raises(ConfigError, match="oclock_words"):
        tagger.tag("We met at ten o'clock.", "2013-03-20")


@pytest.mark.parametrize("name", ["range_words", "name_months", "year_events"])
def test_a_missing_lexicon_list_names_the_file_and_the_list(tmp_path, name):
    """Lists read by the tense stage and by the recogniser's guards alike: a language
    folder without one is refused at load, not silently tagged without that guard."""
    root = _copy_language(tmp_path, "en")
    lex = root / "en" / "lexicon.yaml"
    text = lex.read_text(encoding="utf-8")
    assert f"  {name}: [" in text
    lex.write_text(text.replace(f"  {name}: [", f"  {name}_x: ["), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load("en", root=root)
    assert "lexicon.yaml" in str(info.value) and f"missing {name}" in str(info.value)


def test_every_class_the_code_names_is_required():
    """A class name quoted in the tagger's code ("YEARWORD", a guard's ("REL",)) is read
    by name; a lexicon without it would load and fail later with a KeyError, or tag as if
    it were empty. Each must be in REQUIRED_CLASSES, so load refuses such a lexicon."""
    from timeline.tagger import resources as resources_module
    classes = set(cached("en").classes)
    named = set()
    for source in Path(resources_module.__file__).parent.glob("*.py"):
        named |= set(re.findall(r"[\"']([A-Z][A-Z0-9_]+)[\"']", source.read_text(encoding="utf-8")))
    assert named & classes, "no class name found in the code: the scan is broken"
    assert named & classes <= set(resources_module.REQUIRED_CLASSES)


def test_every_list_the_code_reads_is_required():
    """A lexicon list the tagger's code reads by name (lists["clock_prepositions"]) must
    be in REQUIRED_LISTS, or a language folder without it loads and fails at the first
    tag() with a KeyError instead of a ConfigError naming the lexicon."""
    from timeline.tagger import guards, tense
    from timeline.tagger import resources as resources_module
    named = set()
    for source in Path(resources_module.__file__).parent.glob("*.py"):
        code = source.read_text(encoding="utf-8")
        named |= set(re.findall(r"lists\[[\"']([a-z_]+)[\"']\]", code))
        named |= set(re.findall(r"_lexicon_list\([^,()]+,\s*[\"']([a-z_]+)[\"']\)", code))
    assert len(named) > 20, "few list names found in the code: the scan is broken"
    # ... and those read by a name the code holds elsewhere (guards' templates, tense's
    # Cues): recorded as they are read
    seen = set()

    class Reads(dict):
        def __getitem__(self, name):
            seen.add(name)
            return super().__getitem__(name)
    lists = Reads(resources_module.cached("en").lists)
    guards.guard_patterns(lists), tense.Cues.from_lists(lists)
    assert {"unmoved_objects", "future_cues"} <= seen, "the recording is broken"
    named |= seen
    assert named <= set(resources_module.REQUIRED_LISTS), named - set(resources_module.REQUIRED_LISTS)


@pytest.mark.parametrize("name", ["CLOCKWORD", "AMPM", "FRACTION", "YEARWORD", "HOLIDAY"])
def test_a_missing_lexicon_class_the_code_reads_is_refused(tmp_path, name):
    """The classes the code reads by name: a language folder without one was tagged as if
    the class were empty (no 'half past' after a clock word, no 'pm' in a range)."""
    root = _copy_language(tmp_path, "en")
    lex = root / "en" / "lexicon.yaml"
    text = lex.read_text(encoding="utf-8")
    assert f"\n  {name}:" in text
    lex.write_text(text.replace(f"\n  {name}:", f"\n  {name}X:"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load("en", root=root)
    assert "lexicon.yaml" in str(info.value) and f"missing {name}" in str(info.value)


def test_a_word_written_twice_in_a_lexicon_list_is_refused(tmp_path):
    """A word listed twice is a slip (another word was meant: month_openers had 'in'
    twice): the load names the file, the list and the word."""
    root = _copy_language(tmp_path, "en")
    lex = root / "en" / "lexicon.yaml"
    text = lex.read_text(encoding="utf-8")
    assert "deadline_words: [until, till, by, through]" in text
    lex.write_text(text.replace("deadline_words: [until, till, by, through]",
                                "deadline_words: [until, till, By, by]"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load("en", root=root)
    assert "lexicon.yaml" in str(info.value) and "list deadline_words: by written twice" in str(info.value)


def test_country_zone_is_the_one_zone_of_the_tz_database_else_the_capitals():
    """places.country_zone: a country with one zone in zone.tab names it; one with several
    names its capital's when 90% of its people in GeoNames' cities keep that clock (China,
    Chile, Spain), else none: the United States (about 43% on Eastern time), Canada,
    Australia, Russia, Brazil (about 64%), Kazakhstan (77%); a name that is no country names
    none; a zone named in text (named_zone) puts the country before a town of the same
    name, a dateline (zone) the town."""
    from timeline import places
    assert places.country_zone("Haiti") == "America/Port-au-Prince"
    assert places.country_zone("india") == "Asia/Kolkata"
    assert places.country_zone("China") == "Asia/Shanghai"
    assert places.country_zone("Chile") == "America/Santiago"
    assert places.country_zone("Spain") == "Europe/Madrid"       # not the Canaries' clock
    for name in ("United States", "Canada", "Australia", "Russia", "Brazil", "Kazakhstan",
                 "Nowhereland", "", " "):
        assert places.country_zone(name) is None, name
    assert str(places.named_zone("India")) == "Asia/Kolkata"
    assert str(places.zone("India")) != "Asia/Kolkata"       # the gazetteer's town first
    assert str(places.zone("Haiti")) == "America/Port-au-Prince"    # no such town: the country
    assert places.offset_in(places.named_zone("Haiti"), datetime(2010, 1, 20, 9, 30)) == "-05:00"
    assert places.utc_offset("Haiti", datetime(2010, 1, 20, 9, 30)) == "-05:00"


def test_named_zone_is_a_country_region_or_big_city_never_a_towns_alternate_name():
    """places.named_zone, a zone named in text: a country (its capital's zone when it has
    several and 90% of its people keep that clock), a US state or Canadian / Australian region whose people keep one clock, a
    city of 100,000+ by its own name or that without "City", a big city's alternate name;
    none when the name is a small town's, a split region's, or several places' on
    different clocks (GeoNames and the tz database, read for real)."""
    from timeline import places
    expected = {
        "Chile": "America/Santiago", "China": "Asia/Shanghai", "Russia": None, "Mexico": None,
        "Florida": "America/New_York", "Virginia": "America/New_York",
        "Colorado": "America/Denver", "Arizona": "America/Phoenix", "Texas": "America/Chicago",
        "Ontario": "America/Toronto", "Queensland": "Australia/Brisbane",
        "Washington": "America/New_York",        # D.C., the capital, not the state
        "New York": "America/New_York", "Beijing": "Asia/Shanghai", "Hong Kong": "Asia/Hong_Kong",
        "Kuala Lumpur": "Asia/Kuala_Lumpur", "Moscow": "Europe/Moscow", "Mecca": "Asia/Riyadh",
        "Kabul": "Asia/Kabul", "London": "Europe/London", "Kiev": "Europe/Kyiv",
        "Asia/Bangkok": "Asia/Bangkok", "UTC": "UTC",
        # none: a country and a US state ("Georgia"), a split state, a state and big cities
        # elsewhere ("Victoria"), towns' alternate names, cities alike in size
        "Georgia": None, "Indiana": None, "Victoria": None, "Olympic": None,
        "Springfield": None, "Nowhereland": None, "": None,
    }
    found = {name: places.named_zone(name) for name in expected}
    assert {name: z and str(z) for name, z in found.items()} == expected
    # a dateline's place is still the city of that name, any of its names
    assert str(places.zone("Ontario")) == "America/Los_Angeles"


def test_a_missing_tz_database_file_is_an_error_not_an_empty_answer():
    """places._tz_file reads the tz database zoneinfo reads; a file it lacks is a
    ConfigError naming the file, not an empty table (country_zone would name no zone)."""
    from timeline import places
    where, text = places._tz_file("zone.tab")
    assert "America/Port-au-Prince" in text and where
    with pytest.raises(ConfigError, match="no-such-file.tab"):
        places._tz_file("no-such-file.tab")


def test_pieces_are_inlined_not_captured():
    """A macro of norm piece ({COMMA}: an optional comma, tokenised or not; {LRB}: "(" or
    "-LRB-") is shared syntax: inlined in every rule that writes it, never a field."""
    res = cached("en")
    macros = yaml.safe_load((RESOURCE_ROOT / "en" / "rules.yaml").read_text(encoding="utf-8"))["macros"]
    pieces = {name for name, m in macros.items() if m["norm"] == "piece"}
    assert {"COMMA", "LRB"} <= pieces
    assert not [f for rule in res.rules for _, f, *_ in rule.fields if f.split("_")[0] in pieces]
    for text in ("Sunday, March 3, 2019", "Sunday , March 3 , 2019", "Sunday March 3 2019"):
        assert [(e.text, e.value) for e in tag(text, "2019-03-10")] == [(text, "2019-03-03")]
    for text in ("He spoke at 2000 -LRB- 0000 GMT -RRB- .", "He spoke at 2000 (0000 GMT)."):
        assert [(e.text, e.value) for e in tag(text, "2010-06-15")] == [
            ("2000", "2010-06-15T20:00"), ("0000 GMT", "2010-06-16T00:00")]


@pytest.mark.parametrize("breakage, message", [
    (lambda s: s.replace("format: \"timeline-tagger/rules 1\"", "format: other"), "format must be"),
    (lambda s: s.replace("    type: DURATION\n", "    type: LENGTH\n", 1), "type must be one of"),
    (lambda s: s.replace("value: \"{ISODATE}\"", "value: \"{ISODATE}-{MONTHS}\"", 1),
     "refers to {MONTHS}"),
    (lambda s: s.replace("rules:\n", "rules:\n  - [\n", 1), "malformed YAML"),
    (lambda s: s.replace("pattern: \"{ISODATE}\"", "pattern: \"{ISODATE}((\"", 1), "bad pattern"),
    (lambda s: s.replace("pattern: \"{ISODATE}\"", "pattern: \"{ISODATE}(?: ?,)?\"", 1),
     "a quantifier after a space"),
    (lambda s: s.replace("pattern: \"{ISODATE}\"", "pattern: \"{ISODATE}{COMMA#2}\"", 1),
     "{COMMA} is a piece"),
    (lambda s: s.replace("pattern: \"{ISODATE}\"\n    type: DATE\n    value: \"{ISODATE}\"",
                         "pattern: \"{ISODATE}{COMMA}\"\n    type: DATE\n    value: \"{ISODATE}{COMMA}\"", 1),
     "refers to {COMMA}"),
])
def test_malformed_resources_name_the_file(tmp_path, breakage, message):
    root = _copy_language(tmp_path, "en")
    rules = root / "en" / "rules.yaml"
    rules.write_text(breakage(rules.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load("en", root=root)
    assert "rules.yaml" in str(info.value) and message in str(info.value)


def test_sentences_handle_abbreviations_quotes_and_paragraphs():
    text = ('Mr. Trump met Kim in the U.S. capital on Feb. 8. "It was good," he said.\n\n'
            'Headline without a stop\n\nNext paragraph. "Quoted end." Another one!')
    spans = [text[a:b] for a, b in split_sentences(text)]
    assert spans == ["Mr. Trump met Kim in the U.S. capital on Feb. 8.",
                     '"It was good," he said.',
                     "Headline without a stop",
                     "Next paragraph.", '"Quoted end."', "Another one!"]


def test_sentences_end_after_an_abbreviation_when_a_sentence_opener_follows():
    text = ("Coda arranged a facility with NCNB Corp., of Charlotte, N.C. The Dallas concern "
            "said so. He met Mr. Smith in the U.S. Senate. Gen. He Yi came. It rose.  ``The war "
            "has begun,'' he said.")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Coda arranged a facility with NCNB Corp., of Charlotte, N.C.",
        "The Dallas concern said so.", "He met Mr. Smith in the U.S. Senate.",
        "Gen. He Yi came.", "It rose.", "``The war has begun,'' he said."]


def test_sentences_in_tokenised_text():
    """Timeline17 writes tokens apart: `` It ... , '' he said . `` We won . '' Then"""
    text = "He left the U.S. `` It is over , '' he said . `` We won . '' Then Mr. Smith came ."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "He left the U.S.", "`` It is over , '' he said .", "`` We won . ''",
        "Then Mr. Smith came ."]


def test_a_caption_run_into_the_next_sentence_is_cut_off():
    """Timeline17's BBC pages run a photo caption or heading into the lead with no full
    stop (haiti_bbc, the session-14 end-to-end audit): the lead is a sentence of its own,
    its tense and clause not the caption's. A name that opens with "The" is no sentence."""
    text = ("Mrs Brown stood in for her husband , who said Charlie was `` inspirational '' "
            "The prime minister has described a boy as inspirational . Chris Martin and "
            "Beyonce Knowles dueted It featured Jay Z rapping about the earthquake .")
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Mrs Brown stood in for her husband , who said Charlie was `` inspirational ''",
        "The prime minister has described a boy as inspirational .",
        "Chris Martin and Beyonce Knowles dueted",
        "It featured Jay Z rapping about the earthquake ."]
    # a capital after "The" already keeps a name whole; the blockers keep the rest
    for one in ("Jay Z debuted a song with U2 's Bono and The Edge on Friday.",
                "Some bodies say that He is alive.", "She was the It girl of the season.",
                "The government says The new cap should hold.",
                'He said " The deal was signed in December , " adding more .'):
        assert [one[a:b] for a, b in split_sentences(one)] == [one]
        if "The Edge" not in one and '"' not in one:     # an opening quote is no closer
            assert len(split_sentences(one, glue_blockers=frozenset())) == 2, one


def test_paired_offset_needs_a_bracket_and_a_real_offset():
    """'1300 local time (0500 GMT)': the bracketed clock in a named zone gives the first's
    offset, across midnight too (either clock may be the next day's); not across other
    words, nor when the two clocks are no whole quarter-hour apart, nor with no zone."""
    from timeline.tagger.zones import paired_offset
    day = "2010-06-15"
    assert paired_offset(f"{day}T13:00", " (", f"{day}T05:00", "+00:00") == ("+08:00", f"{day}T05:00")
    assert paired_offset(f"{day}T01:00", " -LRB- ", "2010-06-14T17:00", "+00:00") == ("+08:00", "2010-06-14T17:00")
    assert paired_offset(f"{day}T10:35", " (", f"{day}T07:35", "+00:00") == ("+03:00", f"{day}T07:35")
    # resolved to the same day, the other clock is the next day's / the day before's
    assert paired_offset(f"{day}T20:00", " (", f"{day}T00:00", "+00:00") == ("-04:00", "2010-06-16T00:00")
    assert paired_offset(f"{day}T01:00", " (", f"{day}T17:00", "+00:00") == ("+08:00", "2010-06-14T17:00")
    assert paired_offset(f"{day}T20:00", " (", f"{day}T00:00", "+00:00", other_dated=True) is None
    assert paired_offset(f"{day}T13:00", " and ", f"{day}T05:00", "+00:00") is None
    assert paired_offset(f"{day}T13:00", " (", f"{day}T05:17", "+00:00") is None
    assert paired_offset(f"{day}T13:00", " (", f"{day}T05:00", None) is None


def test_tbaq_scores_floor():
    """All 256 TBAQ documents through tag(), scored like TempEval-3 (pairs by overlap, then
    type and value): floors slightly below what the tagger reaches (bench/README.md)."""
    import sys

    from timeline.evaluate import pair_timexes

    sys.path.insert(0, str(require_shared(TBAQ).parent.parent / "tools" / "te3"))
    import te3io

    gold_n = sys_n = strict = relaxed = typed = valued = 0
    for sub in ("TimeBank", "AQUAINT"):
        for doc in te3io.iter_docs(TBAQ / sub):
            found = tag(doc.text, doc.dct)
            system = [te3io.Timex(e.start, e.end, {"type": e.type, "value": e.value}, e.text)
                      for e in found]
            pairs = pair_timexes(doc.timexes, system)
            gold_n += len(doc.timexes)
            sys_n += len(system)
            relaxed += len(pairs)
            for g, s in pairs:
                gt, st = doc.timexes[g], system[s]
                strict += (gt.start, gt.end) == (st.start, st.end)
                typed += gt.type == st.type
                valued += gt.value == st.value
    f1 = {name: 2 * n / (gold_n + sys_n) for name, n in
          (("strict", strict), ("relaxed", relaxed), ("type", typed), ("value", valued))}
    assert gold_n == 1822
    assert f1["strict"] >= 0.903 and f1["relaxed"] >= 0.952, f1
    assert f1["type"] >= 0.917 and f1["value"] >= 0.826, f1


def test_sentences_one_paragraph_per_line_and_wrapped_text():
    long_line = "HANOI (Bloomberg): Trump's second summit with Kim collapsed Thursday (Feb 28) " \
                "without an agreement, plunging future talks into question"
    pasted = f"Headline without a stop\n{long_line}\nMr. Pompeo said so."
    assert [pasted[a:b] for a, b in split_sentences(pasted)] == \
        ["Headline without a stop", long_line, "Mr. Pompeo said so."]
    wrapped = "It was signed on Feb.\n28 in Hanoi. And another\nsentence here."
    assert [wrapped[a:b] for a, b in split_sentences(wrapped)] == \
        ["It was signed on Feb.\n28 in Hanoi.", "And another\nsentence here."]


def test_every_list_the_guard_patterns_read_is_required():
    """GuardPatterns fill each {list} hole of guards._PATTERNS from the lexicon when first
    used: a hole naming a list that load does not require would load fine and fail at the
    first tag() with a KeyError instead of a ConfigError naming the lexicon."""
    from timeline.tagger import guards
    from timeline.tagger import resources as resources_module
    holes = {m.group(1) for template, _ in guards._PATTERNS.values()
             for m in guards._HOLE_RE.finditer(template)}
    assert holes, "no hole found: the scan is broken"
    assert holes <= set(resources_module.REQUIRED_LISTS), holes - set(resources_module.REQUIRED_LISTS)
