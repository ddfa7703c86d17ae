"""`timeline extract` end to end: raw article text -> events YAML, through the real CLI.

The demo articles are the real, messy pages in ../shared/articles/hanoi-summit/, ingested
with `timeline ingest` (boilerplate and all) and then extracted. Smaller cases build
articles from real sentences of those pages.
"""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from conftest import REPO, T17, require_shared, update_golden, DEMO_ARTICLES
from timeline.model import Article
from timeline.store import article_to_text

GOLDEN = REPO / "tests" / "golden" / "events"
STAR = "trump-kim-summit-breaks-down-us-president-says-sometimes-you-have-to-walk"
BT = "trump-kim-summit-ended-abruptly-over-north-korea-sanctions"


def new_project(root: Path) -> Path:
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "events").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", root / "content" / "site.yaml")
    return root


def write_article(root: Path, article_id: str, text: str, published: str | None,
                  place: str | None = "Hanoi", source: str = "Test Wire") -> Path:
    article = Article(id=article_id, title=article_id.replace("-", " "), text=text,
                      published=datetime.fromisoformat(published) if published else None,
                      source=source, place=place,
                      timezone="Asia/Ho_Chi_Minh" if place == "Hanoi" else None)
    path = root / "content" / "articles" / f"{article_id}.md"
    path.write_text(article_to_text(article), encoding="utf-8")
    return path


def events(root: Path) -> dict[str, dict]:
    folder = root / "content" / "events"
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.yaml"))}


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    folder = root / "content" / "events"
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def extract(run_cli, root: Path, *extra: str):
    result = run_cli("extract", "--root", root, "--quiet", *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def t17_extracted(run_cli, folder: Path, records: dict[str, tuple[str, ...]]) -> Path:
    """A new project in ``folder`` with the Timeline17 records {topic: ids} ingested (from
    ../shared) and extracted; its root."""
    import json
    rows = []
    for topic, ids in records.items():
        rows += [line for line in require_shared(T17 / topic / "articles.jsonl").read_text(
            encoding="utf-8").splitlines() if json.loads(line)["id"] in ids]
    assert len(rows) == sum(map(len, records.values())), "a record is missing from ../shared"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "in.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    root = new_project(folder / "p")
    done = run_cli("ingest", folder / "in.jsonl", cwd=root)
    assert done.returncode == 0, done.stdout + done.stderr
    extract(run_cli, root)
    return root


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The raw demo pages ingested and extracted once (module-wide: spaCy loads once)."""
    import subprocess
    import sys
    require_shared(DEMO_ARTICLES)
    root = new_project(tmp_path_factory.mktemp("demo"))
    for args in (["ingest", str(DEMO_ARTICLES)], ["extract", "--quiet"]):
        done = subprocess.run([sys.executable, "-m", "timeline", "--root", str(root), *args],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    return root


def by_title(found: dict[str, dict], *words: str) -> dict:
    hits = [e for e in found.values() if all(w.lower() in e["title"].lower() for w in words)]
    assert len(hits) == 1, f"expected one event titled with {words}: {[e['title'] for e in found.values()]}"
    return hits[0]


# --------------------------------------------------------------------------- the demo

def test_demo_events_golden(demo):
    """Raw demo pages -> events YAML, byte for byte (refresh: make golden)."""
    folder = demo / "content" / "events"
    produced = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}
    if update_golden():
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for name, text in produced.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.yaml"))}
    assert expected, "no golden files: run `make golden`"
    assert produced == expected


def test_demo_reads_like_a_timeline(demo):
    found = events(demo)
    end = by_title(found, "summit", "without agreement")
    assert end["date"] == "2019-02-28"
    # spelling variants ("Kim Jong-un", "Kim Jong Un") merge into the most used one
    assert end["people"][:2] == ["Donald Trump", "Kim Jong Un"]
    assert by_title(found, "announces")["date"] == "2019-02-08"
    assert by_title(found, "skips", "G7")["date"] == "2018"
    depart = by_title(found, "depart")
    assert (depart["date"], depart["mod"]) == ("2019-02-28T13:30+07:00", "BEFORE")
    for event in found.values():
        assert len(event["title"].split()) <= 12, event["title"]
        assert event["title"] not in [s["quote"] for s in event["sources"]]


def test_demo_names_each_person_once_and_only_real_places(demo):
    """Kim Jong-un (The Star) and Kim Jong Un (The Business Times) are one person under
    one name in every event; "(2.30pm in Kuala Lumpur)" is a clock, not where Trump and
    Kim left the Metropole ("local time" is Hanoi's); "the US president" is no place US;
    "he told reporters" is Trump."""
    from timeline.extract.entities import entity_key
    found = events(demo)
    people = {p for e in found.values() for p in e.get("people", [])}
    assert len({entity_key(p) for p in people}) == len(people), people
    assert {p for p in people if "Kim" in p} == {"Kim Jong Un"}
    assert by_title(found, "depart")["places"] == ["Hanoi"]
    skips = by_title(found, "skips", "G7")
    assert skips["places"] == ["Canada", "Singapore"]
    assert skips["people"] == ["Donald Trump", "Kim Jong Un"]
    assert by_title(found, "productive")["people"] == ["Donald Trump"]
    assert not any("Kuala Lumpur" in e.get("places", []) for e in found.values())


def test_shared_happenings_have_both_sources(demo):
    found = events(demo)
    for words in (("summit", "without agreement"), ("news conference",)):
        event = by_title(found, *words)
        assert {s["article"] for s in event["sources"]} == {STAR, BT}, event


def test_planned_event(demo):
    event = by_title(events(demo), "sign", "agreement")
    assert event["kind"] == "planned"
    assert event["date"] == "2019-02-28T14:00+07:00"
    assert any("had earlier planned to sign" in s["quote"] for s in event["sources"])


def test_quotes_are_verbatim_and_boilerplate_never_an_event(demo):
    articles = {p.stem: p.read_text(encoding="utf-8")
                for p in (demo / "content" / "articles").glob("*.md")}
    for event in events(demo).values():
        for source in event["sources"]:
            assert source["quote"] in articles[source["article"]]
            for junk in ("Published Thu", "Campaign ID", "Next In World", "– Reuters",
                         "Telegram", "Subscribe"):
                assert junk not in source["quote"]


def test_boilerplate_left_in_an_article_is_not_an_event(tmp_path, run_cli):
    root = new_project(tmp_path)
    write_article(root, "page", "Published Thu, Feb 28, 2019 · 07:44 AM\n\nShare this article.\n\n"
                  "Trump reacts during a news conference after his summit with Kim, at the JW "
                  "Marriott Hotel in Hanoi, Vietnam on Feb 28, 2019. – Reuters\n\n"
                  "Campaign ID: 46\n\nUser access status: 3\n",
                  "2019-02-28T07:44:00+07:00")
    extract(run_cli, root)
    assert events(root) == {}


# --------------------------------------------------------------------------- merge rules

def test_idempotent_rerun_changes_no_file(demo, run_cli):
    before = snapshot(demo)
    result = extract(run_cli, demo)
    assert snapshot(demo) == before                 # bytes and mtimes
    n = len(events(demo))
    assert f"0 new, 0 updated, {n} unchanged, 0 removed" in result.stdout


def test_rerun_keeps_each_event_of_one_sentence_in_its_own_file(tmp_path, run_cli):
    """A real Reuters sentence dated twice ("After the emergency claims filing period
    ended Tuesday, Feinberg outlined a final settlement process starting Wednesday"): two
    events from one quote. The second run matched each new event to the old file that
    sorted first by id, so the two files swapped contents on every run; unchanged
    articles must change no file. (The first such sentence, bpoil_reuters 1429's
    "Thousands signed contracts in the past week ..., Marti Powers said on Wednesday", is
    one event now: the saying of a happening dated in its own clause is none.)"""
    root = t17_extracted(run_cli, tmp_path, {"bpoil_reuters": ("1138",)})
    one_quote = [e for e in events(root).values()
                 if any("claims filing period ended" in s["quote"] for s in e["sources"])]
    assert sorted(s["expression"] for e in one_quote for s in e["sources"]) == ["Tuesday", "Wednesday"]
    before = snapshot(root)
    result = extract(run_cli, root)
    assert snapshot(root) == before, result.stdout


def test_merge_matches_events_whose_expressions_and_dates_changed():
    """Two events of one real sentence (bpoil_reuters 1429), as an earlier tagger wrote
    them (longer expressions, finer dates) and with hand-edited titles, in files whose
    ids sort the other way round from the new events' order. Ranking by equal expression
    and equal date alone fell back to id order and swapped the hand-edited titles; each
    new event must update the file of its earlier self."""
    from dataclasses import replace
    from timeline.extract.merge import fingerprints, merge
    from timeline.model import Event, Source
    quote = ("Thousands signed contracts in the past week to make themselves and their boats "
             "available, and so far 100 people have been given jobs in Louisiana alone in a "
             "program that is accelerating, BP spokesman Marti Powers said on Wednesday.")
    article = "for-thousands-of-fishermen-whose-livelihoods-are-threatened-by-an-expanding-oil"
    written = [Event("a-contracts-signed", "2010-04-28", "Thousands sign contracts",
                     [Source(article, quote, "in the past week")]),
               Event("b-powers-says", "2010-05-05T10:30-05:00", "Powers says thousands signed",
                     [Source(article, quote, "said on Wednesday")])]
    state = {e.id: fingerprints(e) for e in written}        # what extract wrote then
    old = [replace(e, title=f"{e.id} (hand-edited)") for e in written]
    new = [Event("", "2010-05-05", "BP spokesman Marti Powers says thousands signed contracts",
                 [Source(article, quote, "Wednesday")]),
           Event("", "2010-W17", "Thousands sign contracts", [Source(article, quote, "the past week")])]
    result = merge(new, old, state, set(), frozenset())
    by_id = {e.id: e for e in result.events}
    assert set(by_id) == {"a-contracts-signed", "b-powers-says"}
    for event_id, expression, date in (("a-contracts-signed", "the past week", "2010-W17"),
                                       ("b-powers-says", "Wednesday", "2010-05-05")):
        e = by_id[event_id]
        assert (e.title, [s.expression for s in e.sources], e.date) == \
            (f"{event_id} (hand-edited)", [expression], date)


def test_a_clock_s_zone_is_nobody(tmp_path, run_cli):
    """bpoil_reuters 1001: "BP shares fell 1.1 percent at 4:29 a.m. ET": spaCy names "ET"
    as a person (the end-to-end audit of session 11 found it among the people; "GMT"
    among the tags). Zone abbreviations are stop entities."""
    root = t17_extracted(run_cli, tmp_path, {"bpoil_reuters": ("1001",)})
    named = {name for e in events(root).values()
             for key in ("people", "places", "tags") for name in e.get(key) or ()}
    assert named, "no entity at all: the extract is broken"
    assert not named & {"ET", "GMT", "EDT", "EST"}, named


def test_hand_edits_survive_reextraction(demo, tmp_path, run_cli):
    root = tmp_path / "edited"
    shutil.copytree(demo, root)
    folder = root / "content" / "events"
    found = events(root)
    reviewed_id = by_title(found, "announces")["id"]
    rejected_id = by_title(found, "skips", "G7")["id"]
    edited_id = by_title(found, "depart")["id"]
    reviewed = folder / f"{reviewed_id}.yaml"
    reviewed.write_text(reviewed.read_text().replace("status: auto", "status: reviewed")
                        .replace("title: Trump announces meeting",
                                 "title: Trump announces the Hanoi summit"), encoding="utf-8")
    rejected = folder / f"{rejected_id}.yaml"
    rejected.write_text(rejected.read_text().replace("status: auto", "status: rejected"))
    edited = folder / f"{edited_id}.yaml"
    text = edited.read_text().replace("title: Trump and Kim depart Metropole separately",
                                      "title: Trump and Kim leave the Metropole")
    edited.write_text(text + "note: checked against the pool report\n", encoding="utf-8")
    before = snapshot(root)
    extract(run_cli, root)
    after = events(root)
    assert snapshot(root)[reviewed.name] == before[reviewed.name]
    assert snapshot(root)[rejected.name] == before[rejected.name]
    assert after[edited_id]["title"] == "Trump and Kim leave the Metropole"
    assert after[edited_id]["note"] == "checked against the pool report"
    assert after[edited_id]["status"] == "auto"
    assert set(after) == set(found)                # nothing duplicated, nothing resurrected
    # a second run is a no-op as well
    again = snapshot(root)
    extract(run_cli, root)
    assert snapshot(root) == again


def test_an_editors_spelling_of_a_person_is_used_everywhere(demo, tmp_path, run_cli):
    """An editor who writes "Kim Jong-un" in a reviewed event gets that spelling in every
    auto event on the next extract (not a second Kim on the site); their event is kept."""
    root = tmp_path / "spelling"
    shutil.copytree(demo, root)
    folder = root / "content" / "events"
    reviewed = by_title(events(root), "depart")
    path = folder / f"{reviewed['id']}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("status: auto", "status: reviewed")
                    .replace("- Kim Jong Un", "- Kim Jong-un"), encoding="utf-8")
    edited = path.read_bytes()
    extract(run_cli, root)
    kims = {p for e in events(root).values() for p in e.get("people", []) if "Kim" in p}
    assert kims == {"Kim Jong-un"}
    assert path.read_bytes() == edited


def test_new_article_merges_without_touching_reviewed(tmp_path, run_cli, demo):
    root = new_project(tmp_path)
    arts = demo / "content" / "articles"
    shutil.copy(arts / f"{STAR}.md", root / "content" / "articles")
    extract(run_cli, root)
    folder = root / "content" / "events"
    end = by_title(events(root), "summit", "without agreement")
    path = folder / f"{end['id']}.yaml"
    path.write_text(path.read_text().replace("status: auto", "status: reviewed"))
    reviewed_bytes = path.read_bytes()
    conference = by_title(events(root), "news conference")
    shutil.copy(arts / f"{BT}.md", root / "content" / "articles")
    result = extract(run_cli, root)
    assert path.read_bytes() == reviewed_bytes
    assert f"{end['id']}: reviewed, so not changed; new evidence not added: {BT}" in result.stdout
    merged = events(root)[conference["id"]]        # same id, now with the second source
    assert {s["article"] for s in merged["sources"]} == {STAR, BT}
    assert len([e for e in events(root).values() if "without agreement" in e["title"]]) == 1


def test_vanished_sources(tmp_path, run_cli, demo):
    root = tmp_path / "vanish"
    shutil.copytree(demo, root)
    folder = root / "content" / "events"
    found = events(root)
    edited = by_title(found, "depart")["id"]
    path = folder / f"{edited}.yaml"
    path.write_text(path.read_text() + "summary: Both motorcades left within minutes.\n")
    (root / "content" / "articles" / f"{STAR}.md").unlink()
    result = extract(run_cli, root)
    left = events(root)
    assert edited in left and "kept because it was edited by hand" in result.stdout
    star_only = [i for i, e in found.items()
                 if {s["article"] for s in e["sources"]} == {STAR} and i != edited]
    assert star_only and not any(i in left for i in star_only)


# --------------------------------------------------------------------------- other inputs

def test_conflicting_dates_are_both_kept(tmp_path, run_cli):
    root = new_project(tmp_path)
    sentence = ("Trump moved his news conference up to 2pm local time on {day}, two hours "
                "ahead of schedule, Sanders told reporters in Hanoi.")
    write_article(root, "first-report", sentence.format(day="Thursday"),
                  "2019-02-28T18:00:00+07:00")
    write_article(root, "second-report", sentence.format(day="Wednesday"),
                  "2019-03-01T09:00:00+07:00")
    extract(run_cli, root)
    found = list(events(root).values())
    assert len(found) == 1, found
    event = found[0]
    assert {s["article"] for s in event["sources"]} == {"first-report", "second-report"}
    dates = {event["date"]} | {c["date"] for c in event["conflicts"]}
    assert dates == {"2019-02-28T14:00+07:00", "2019-02-27T14:00+07:00"}


def test_different_happenings_same_day_stay_apart(demo):
    same_day = [e for e in events(demo).values() if e["date"].startswith("2019-02-28")]
    assert len(same_day) >= 4
    assert len({e["title"] for e in same_day}) == len(same_day)


def test_undated_article_is_skipped_with_a_message(tmp_path, run_cli):
    root = new_project(tmp_path)
    write_article(root, "undated", "Trump announced the meeting on Feb 8.", None)
    result = extract(run_cli, root)
    assert "content/articles/undated.md" in result.stdout
    assert "`published`" in result.stdout
    assert "1 skipped" in result.stdout
    assert events(root) == {}


def test_article_in_a_language_without_a_model_is_skipped_not_fatal(tmp_path, run_cli):
    """One French article among English ones: it is named and skipped; the English
    articles still make their events ("en-GB" is English), and the run succeeds."""
    root = new_project(tmp_path)
    write_article(root, "fr", "Le président a annoncé la réunion le 8 février.",
                  "2019-02-28T07:44:00+07:00")
    path = root / "content" / "articles" / "fr.md"
    path.write_text(path.read_text(encoding="utf-8").replace("language: en", "language: fr"),
                    encoding="utf-8")
    gb = write_article(root, "gb", "Trump announced the meeting on Feb 8.",
                       "2019-02-28T07:44:00+07:00")
    gb.write_text(gb.read_text(encoding="utf-8").replace("language: en", "language: en-GB"),
                  encoding="utf-8")
    result = extract(run_cli, root)
    assert "content/articles/fr.md" in result.stdout and "'fr'" in result.stdout
    assert "1 skipped" in result.stdout
    found = events(root)
    assert [e["date"] for e in found.values()] == ["2019-02-08"]
    assert found[next(iter(found))]["sources"][0]["article"] == "gb"


def test_day_only_publication_gives_no_made_up_clock_times(tmp_path, run_cli):
    """Published "2010-01-28" (time unknown, stored as 00:00): "3 hours ago" is that day,
    not 21:00 the day before; and `check` agrees with what extract recorded."""
    root = new_project(tmp_path)
    article = Article(id="quake", title="quake", text=(
        "Rescuers pulled a man alive from the rubble of a hotel 3 hours ago, officials said."),
        published=datetime.fromisoformat("2010-01-28T00:00:00+00:00"), source="Test Wire",
        place="London", timezone="Europe/London", published_precision="day")
    (root / "content" / "articles" / "quake.md").write_text(article_to_text(article),
                                                           encoding="utf-8")
    extract(run_cli, root)
    assert [e["date"] for e in events(root).values()] == ["2010-01-28"]
    checked = run_cli("check", "--root", root)
    assert checked.returncode == 0, checked.stdout
    assert "resolves" not in checked.stdout, checked.stdout


def test_undated_lead_is_the_news_of_the_publication_day(tmp_path, run_cli):
    """Most articles' news is in an undated lead ("has pleaded not guilty"): it is an
    event on the publication day with an empty expression; the negation survives in its
    title; a descriptive lead ("X is a sedative") is not an event; check accepts it."""
    root = new_project(tmp_path)
    write_article(root, "plea", (
        "The doctor has pleaded not guilty to a charge of involuntary manslaughter.\n"
        "A judge ordered on Tuesday that he should stand trial in March."),
        "2011-01-25T18:00:00-08:00", place="Los Angeles")
    write_article(root, "drug", "Propofol is a fast-acting hospital sedative.\n"
                  "It was approved in 1989.", "2011-09-28T09:00:00+01:00", place="London")
    extract(run_cli, root)
    found = {e["date"]: e for e in events(root).values()}
    lead = found["2011-01-25"]
    assert "pleads not guilty" in lead["title"], lead["title"]
    assert lead["sources"] == [{"article": "plea", "expression": "",
                                "quote": "The doctor has pleaded not guilty to a charge of "
                                         "involuntary manslaughter."}]
    assert "2011-09-28" not in found
    checked = run_cli("check", "--root", root)
    assert checked.returncode == 0, checked.stdout


def test_a_stretch_from_a_day_dates_the_event_and_check_agrees(tmp_path, run_cli):
    """"will vote two weeks from Friday" is an event on that Friday's day two weeks on,
    titled without the stretch (it was dated Friday, titled "... two weeks"); "late on
    Saturday" keeps its mod; `check` resolves the expressions to what extract wrote."""
    root = new_project(tmp_path)
    write_article(root, "vote", (
        "The parliament will vote on the budget two weeks from Friday, the speaker said on "
        "Thursday.\nLawmakers debated the budget late on Saturday."),
        "2019-02-28T09:00:00+07:00", place="Hanoi")
    extract(run_cli, root)
    found = {e["date"]: e for e in events(root).values()}
    vote = found["2019-03-15"]
    assert vote["title"] == "Parliament to vote on budget", vote["title"]
    assert vote["kind"] == "planned"
    assert [s["expression"] for s in vote["sources"]] == ["two weeks from Friday"]
    assert found["2019-02-23"]["mod"] == "END"
    assert "2019-03-01" not in found
    checked = run_cli("check", "--root", root)
    assert checked.returncode == 0, checked.stdout
    assert "resolves" not in checked.stdout, checked.stdout


def test_jobs_do_not_change_the_output(tmp_path, run_cli, demo):
    import json
    t17 = require_shared(REPO.parent / "shared" / "corpora" / "t17" / "bpoil_bbc" / "articles.jsonl")
    roots = []
    for jobs in ("1", "2"):
        root = new_project(tmp_path / f"jobs{jobs}")
        for p in (demo / "content" / "articles").glob("*.md"):
            shutil.copy(p, root / "content" / "articles")
        for line in t17.read_text(encoding="utf-8").splitlines()[:30]:
            row = json.loads(line)
            write_article(root, f"bpoil-{row['id']}", row["text"], row["time"] + "T12:00:00+00:00",
                          place=None)
        extract(run_cli, root, "--jobs", jobs)
        roots.append(root)
    a, b = ({k: v[0] for k, v in snapshot(r).items()} for r in roots)
    assert len(a) > 20 and a == b


def test_jobs_beyond_the_cores_are_capped_and_said(tmp_path, run_cli, demo):
    """--jobs 500 on a small machine started 500 processes, each loading its own parser
    (~400 MB): now as many as the cores timeline may use, said in one line."""
    from timeline.workers import usable_cores
    root = new_project(tmp_path / "p")
    for p in (demo / "content" / "articles").glob("*.md"):
        shutil.copy(p, root / "content" / "articles")
    proc = extract(run_cli, root, "--jobs", "500")
    assert f"--jobs 500: using {usable_cores()}, the cores" in proc.stdout
    assert len(list((root / "content" / "events").glob("*.yaml"))) > 5


def test_unreadable_article_keeps_its_events(tmp_path, run_cli, demo):
    root = tmp_path / "broken"
    shutil.copytree(demo, root)
    before = snapshot(root)
    path = root / "content" / "articles" / f"{STAR}.md"
    path.write_text(path.read_text(encoding="utf-8").replace("published:", "published: [", 1),
                    encoding="utf-8")
    result = run_cli("extract", "--root", root, "--quiet")
    assert result.returncode == 1 and f"{STAR}.md" in result.stdout + result.stderr
    star = [n for n, (data, _) in before.items()
            if n.endswith(".yaml") and STAR.encode() in data]
    after = snapshot(root)
    assert star and all(after[n] == before[n] for n in star)


def test_groupings_named_like_places_become_tags_not_places():
    # spaCy calls "G7" a place (GPE); a name with a digit is a grouping: a tag.
    from timeline.extract.entities import entities_of
    from timeline.extract.nlp import load_analyzer
    from timeline.extract.resources import load_words

    words = load_words("en")
    (doc,) = load_analyzer("en").parse(["Last year, the US president skipped meetings at the G7 "
                                        "summit in Canada."])
    people, places, tags = entities_of(doc, words, {})
    assert "Canada" in places and "G7" not in places
    assert "G7" in tags


def test_an_unreadable_article_stops_extract_before_anything_is_written(tmp_path, run_cli, demo):
    """One article saved in Windows-1252 (a single 'é' byte): extract names it
    (file:line:col) and writes nothing at all. It used to exit 1 but still rewrite other
    events, whose names were unified without the unread article ("Kim Jong-un" became
    "Kim Jong Un"). With a broken event file as well, both are reported at once."""
    root = tmp_path / "cp1252"
    shutil.copytree(demo, root)
    path = root / "content" / "articles" / f"{BT}.md"
    data = path.read_bytes()
    assert b"Trump said his" in data
    path.write_bytes(data.replace(b"Trump said his", b"Trump said caf\xe9 his", 1))
    articles_before = {p.name: p.read_bytes() for p in (root / "content" / "articles").iterdir()}
    before = snapshot(root)
    for broken_event in (False, True):
        if broken_event:
            (root / "content" / "events" / "broken.yaml").write_text(
                'id: broken\ndate: "2019-02-28"\ntitle: [unclosed\n', encoding="utf-8")
            before = snapshot(root)
        result = run_cli("extract", "--root", root, "--quiet")
        said = result.stdout + result.stderr
        assert result.returncode == 1, said
        assert "Traceback" not in said
        assert f"content/articles/{BT}.md:12:" in said and "cp1252 text, not UTF-8" in said, said
        assert ("content/events/broken.yaml:4:1:" in said) == broken_event, said
        assert f"extract: nothing written: fix the {1 + broken_event} problem(s)" in said, said
        assert snapshot(root) == before, "extract changed content/events/ despite errors"
        assert {p.name: p.read_bytes()
                for p in (root / "content" / "articles").iterdir()} == articles_before
