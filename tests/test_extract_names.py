"""People, places and tags under one name: spelling variants, offices and honorifics,
lone surnames within a story (timeline.extract.names, entities); checked on a
Timeline17 story through the CLI."""
from __future__ import annotations

from collections import Counter

from timeline.extract.entities import clean_name, entity_key
from timeline.extract.names import full_forms, person_names, unify_names
from timeline.extract.resources import load_words
from timeline.model import Event, Source

WORDS = load_words("en")


def event(people, *articles, places=(), tags=()):
    return Event(id="", date="2019-02-28", title="t", people=list(people), places=list(places),
                 tags=list(tags), sources=[Source(a, f"quote in {a}", "") for a in articles])


# --------------------------------------------------------------------------- spellings

def test_names_cleaned_of_offices_honorifics_and_possessives():
    assert clean_name("President Donald Trump's", WORDS, person=True) == "Donald Trump"
    assert clean_name("Mr Trump", WORDS, person=True) == "Trump"
    assert clean_name("Secretary of State Michael Pompeo", WORDS, person=True) == "Michael Pompeo"
    assert clean_name("Prime Minister Theresa May", WORDS, person=True) == "Theresa May"
    assert clean_name("Pope Francis", WORDS, person=True) == "Pope Francis"   # how he is known
    assert clean_name("the US", WORDS) == "US"          # offices are stripped from people only
    # Timeline17 (bpoil_reuters): "in the U.S." was the place "U.S" (33 events of 301)
    assert clean_name("the U.S.,", WORDS) == "U.S." and clean_name("Southern U.S.", WORDS) \
        == "Southern U.S."
    assert clean_name("Trump.", WORDS, person=True) == "Trump"


def test_spelling_variants_are_one_key():
    assert entity_key("Kim Jong-un") == entity_key("Kim Jong Un") == entity_key("KIM JONG UN")
    assert entity_key("Nicolás Maduro") == entity_key("Nicolas Maduro")
    assert entity_key("U.S.") == entity_key("US")
    assert entity_key("Kim Jong Un") != entity_key("Kim Yo Jong")


def test_the_spelling_the_articles_use_most_wins_ties_are_deterministic():
    names = {"Kim Jong-un", "Kim Jong Un"}
    assert set(person_names(names, Counter({"Kim Jong-un": 3, "Kim Jong Un": 1})).values()) \
        == {"Kim Jong-un"}
    tie = person_names(names, Counter({"Kim Jong-un": 1, "Kim Jong Un": 1}))
    assert set(tie.values()) == {"Kim Jong Un"}
    assert person_names(set(reversed(sorted(names))), Counter()) == tie
    # an editor's spelling (a reviewed event) wins over the articles' counts
    assert set(person_names(names, Counter({"Kim Jong Un": 9}),
                            frozenset({"Kim Jong-un"})).values()) == {"Kim Jong-un"}
    accents = person_names({"Nicolás Maduro", "Nicolas Maduro"},
                           Counter({"Nicolás Maduro": 2, "Nicolas Maduro": 1}))
    assert set(accents.values()) == {"Nicolás Maduro"}


def test_a_left_out_middle_name_is_the_same_person_unless_ambiguous():
    found = person_names({"Sarah Sanders", "Sarah Huckabee Sanders"}, Counter())
    assert found["Sarah Sanders"] == "Sarah Huckabee Sanders"
    bush = person_names({"George Bush", "George W. Bush", "George H. W. Bush"}, Counter())
    assert bush["George Bush"] == "George Bush"         # which one? the editor decides
    # a father and son: the son's middle initial is kept within the father's name
    assert bush["George W. Bush"] == "George W. Bush"
    assert person_names({"George W. Bush", "George H. W. Bush"}, Counter())["George W. Bush"] \
        == "George W. Bush"


# --------------------------------------------------------------------------- surnames

def test_a_lone_surname_is_the_one_person_of_that_name_in_its_story():
    spellings = {"star": Counter({"Donald Trump": 1}), "bt": Counter()}
    events = [event(["Donald Trump"], "star", "bt"), event(["Trump"], "bt"),
              event(["Trump"], "other")]            # "other": an article of another story
    out = unify_names(events, spellings)
    assert [e.people for e in out] == [["Donald Trump"], ["Donald Trump"], ["Trump"]]


def test_an_ambiguous_surname_or_a_first_name_stays_as_written():
    spellings = {"a": Counter({"Donald Trump": 1, "Ivanka Trump": 1, "Joe Cornish": 1}),
                 "b": Counter()}
    events = [event(["Donald Trump", "Ivanka Trump", "Joe Cornish"], "a", "b"),
              event(["Trump", "Joe"], "b")]
    assert unify_names(events, spellings)[1].people == ["Trump", "Joe"]


def test_a_surname_two_people_of_a_story_carry_stays_as_written():
    # Timeline17 (MJ_bbc): "Murray" is mostly Conrad Murray, but a DJ Colin Murray is named
    # in the same story: a bare "Murray" is not attributed to either (no majority vote)
    spellings = {f"a{i}": Counter({"Conrad Murray": 2}) for i in range(4)}
    spellings["a4"] = Counter({"Colin Murray": 1})
    articles = sorted(spellings)
    events = [event(["Conrad Murray", "Colin Murray"], *articles), event(["Murray"], "a0")]
    assert unify_names(events, spellings)[1].people == ["Murray"]
    # nor to the person another story names: "Trump" alone in a story of its own
    events = [event(["Donald Trump"], "a", "b"), event(["Trump"], "c")]
    spellings = {"a": Counter({"Donald Trump": 2}), "b": Counter({"Donald Trump": 1}),
                 "c": Counter()}
    assert unify_names(events, spellings)[1].people == ["Trump"]


def test_within_an_article_a_word_stands_for_the_one_person_who_carries_it():
    bush = full_forms(["George W. Bush", "Laura Bush", "Bush", "Laura"])
    assert bush["Bush"] == "Bush"                       # two people: left as written
    assert bush["Laura"] == "Laura Bush" and bush["George W. Bush"] == "George W. Bush"
    kim = full_forms(["Kim Jong Un", "Kim Yo Jong", "Kim", "Yo"])
    assert kim["Kim"] == "Kim" and kim["Yo"] == "Kim Yo Jong"
    assert "Jong" not in kim                            # a word both names carry
    # one person under two spellings is still one person
    sanders = full_forms(["Sarah Sanders", "Sarah Huckabee Sanders", "Sanders"])
    assert sanders["Sanders"] == "Sarah Huckabee Sanders"
    assert full_forms(["Donald Trump", "Trump"])["Trump"] == "Donald Trump"


def test_a_surname_the_article_gives_two_people_is_nobodys(tmp_path, run_cli):
    """Timeline17 (MJ_bbc, BBC 26 July 2011): the article names Michael, Katherine and
    Randy Jackson; "the involuntary manslaughter of Jackson" lists "Jackson" as written,
    not Katherine Jackson (the alphabetically first of the longest names, before)."""
    from conftest import T17, require_shared
    from test_extract import events, extract, new_project

    lines = require_shared(T17 / "MJ_bbc" / "articles.jsonl").read_text(encoding="utf-8")
    row = next(line for line in lines.splitlines() if line.startswith('{"id": "330",'))
    root = new_project(tmp_path / "mj")
    (tmp_path / "mj330.jsonl").write_text(row + "\n", encoding="utf-8")
    ingested = run_cli("ingest", tmp_path / "mj330.jsonl", cwd=root)
    assert ingested.returncode == 0, ingested.stderr
    extract(run_cli, root)
    found = [e for e in events(root).values()
             if "manslaughter of Jackson" in e["sources"][0]["quote"]]
    assert len(found) == 1
    assert found[0]["people"] == ["Conrad Murray", "Jackson"]


def test_places_and_tags_get_one_spelling():
    events = [event([], "a", places=["WASHINGTON", "U.S."]), event([], "a", places=["Washington"]),
              event([], "a", places=["Washington", "US"], tags=["Who"]),
              event([], "a", tags=["WHO"]), event([], "a", tags=["WHO"])]
    out = unify_names(events, {"a": Counter()})
    assert {p for e in out for p in e.places} == {"Washington", "U.S."}   # 2:1; a tie
    assert {t for e in out for t in e.tags} == {"WHO"}


# --------------------------------------------------------------------------- real data

def test_timeline17_story_has_one_name_per_person_place_and_tag(tmp_path, run_cli):
    """60 BBC articles of Timeline17's Michael Jackson story, through the CLI: Conrad Murray
    and Michael Jackson are found, no family member is listed for a bare "Jackson", no two spellings of
    one person, place or tag, and no place taken from a clock ("UK time")."""
    import json
    from conftest import T17, require_shared
    from test_extract import events, extract, new_project, write_article

    source = require_shared(T17 / "MJ_bbc" / "articles.jsonl")
    root = new_project(tmp_path / "mj")
    for line in source.read_text(encoding="utf-8").splitlines()[:60]:
        row = json.loads(line)
        if row.get("text"):
            write_article(root, f"mj-{row['id']}", row["text"], row["time"] + "T12:00:00+00:00",
                          place=None)
    extract(run_cli, root)
    found = list(events(root).values())
    people = Counter(p for e in found for p in e.get("people") or [])
    assert people["Conrad Murray"] >= 10 and people["Michael Jackson"] >= 10
    for e in found:     # Michael's family is never listed on a bare "Jackson"
        quotes = " ".join(s["quote"] for s in e["sources"])
        for person in e.get("people") or []:
            if person.endswith(" Jackson") and person != "Michael Jackson":
                assert person.split()[0] in quotes, (person, quotes)
    for field in ("people", "places", "tags"):
        names = {n for e in found for n in e.get(field) or []}
        keys = Counter(entity_key(n) for n in names)
        assert [n for n in names if keys[entity_key(n)] > 1] == [], field


def test_a_word_the_article_writes_in_lower_case_is_no_name(tmp_path, run_cli):
    """Timeline17 (MJ_bbc): the model takes 'Propofol' for a person where an article
    capitalises it once and writes 'propofol' elsewhere; a real one-word name stays."""
    from test_extract import events, extract, new_project, write_article
    from timeline.extract.entities import common_word, lower_words

    common = lower_words("Doctors said propofol is a sedative. The WHO said us too.", WORDS)
    assert common_word("Propofol", common) and common_word("LOVED", lower_words("they loved", WORDS))
    assert not common_word("WHO", common) and not common_word("US", common)
    assert not common_word("Murray", common)
    root = new_project(tmp_path)
    write_article(root, "coroner", (
        "Michael Jackson's death was homicide, primarily caused by the powerful anesthetic "
        "Propofol, the Los Angeles coroner confirmed on Friday.\n\n"
        "The coroner found lethal levels of propofol in his blood."),
        "2009-08-29T12:00:00+00:00", place=None)
    extract(run_cli, root)
    (event,) = events(root).values()
    assert event["people"] == ["Michael Jackson"]


def test_a_name_is_the_kind_the_article_mostly_gives_it(tmp_path, run_cli):
    """Timeline17 (MJ_bbc, BBC radio listings of 23 October 2009): the model calls the
    football club Chelsea an organisation in most sentences and a person in the one that
    dates 'live commentary of Aston Villa versus Chelsea ... at 12.45': a club, so a tag,
    not one of the event's people."""
    from conftest import T17, require_shared
    from test_extract import events, extract, new_project

    lines = require_shared(T17 / "MJ_bbc" / "articles.jsonl").read_text(encoding="utf-8")
    row = next(line for line in lines.splitlines() if line.startswith('{"id": "394",'))
    root = new_project(tmp_path / "mj")
    (tmp_path / "mj394.jsonl").write_text(row + "\n", encoding="utf-8")
    assert run_cli("ingest", tmp_path / "mj394.jsonl", cwd=root).returncode == 0
    extract(run_cli, root)
    (match,) = [e for e in events(root).values()
                if "Aston Villa versus Chelsea" in e["sources"][0]["quote"]]
    assert "Chelsea" not in (match.get("people") or [])
    assert "Chelsea" in match["tags"]
