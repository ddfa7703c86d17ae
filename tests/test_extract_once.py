"""A happening that befalls its subject once (a ferry sinks, a rig explodes, a singer dies:
the language's once_verbs) is one event across outlets, however differently their
sentences go on: two reports of the same subject and verb days apart are one event whose
`conflicts` keep the other date (issue 4: "When sources disagree on a date, keep both
and flag it"), and the reports of one day gather in the event founded on that happening
rather than beside whatever else the day's words matched (the session-12 end-to-end
audit: AP's "sank late Saturday" and Reuters' "sank on Sunday night" were two events with
no conflict; Timeline17's "the Deepwater Horizon rig exploded on 20 April" was spread
over six events). Of one story: the two articles name a place or person in common."""
from __future__ import annotations

from test_extract import events, extract, new_project, t17_extracted, write_article

AP = ("MAKASSAR, Indonesia (AP) - An overloaded ferry sank late Saturday off the southeastern "
      "coast of Sulawesi island, killing at least 12 people, officials said Monday.")
REUTERS = ("JAKARTA (Reuters) - The death toll from a ferry that capsized off Sulawesi rose to "
           "14 on Tuesday. The ferry sank on Sunday night about two hours after leaving "
           "Baubau port, the search and rescue agency said.")


def _write(root, articles, published: str | None = None) -> None:
    """Write (name, text, published) articles, or (name, text) ones all published then."""
    for name, text, *when in articles:
        write_article(root, name, text, when[0] if when else published, place=None)


FILLER = ("Voters in Ohio chose a new governor on Tuesday.",
          "The museum reopened its east wing on Friday after repairs.",
          "Farmers harvested a record wheat crop in June.",
          "The city council approved the budget on Monday.")


def _apart(found: dict, *quoted: str) -> None:
    """Each of ``quoted`` is in one event, each event its own, and no event holds a conflict."""
    ids = []
    for words in quoted:
        matched = _with(found, words)
        assert len(matched) == 1, (words, matched)
        ids.append(matched[0]["id"])
    assert len(set(ids)) == len(ids), ids
    assert not any(e.get("conflicts") for e in found.values())


def _with(found: dict, words: str, expression: str | None = None) -> list[dict]:
    return [e for e in found.values() if any(
        words in s["quote"] and expression in (None, s.get("expression"))
        for s in e["sources"])]


def test_two_outlets_dating_a_sinking_differently_make_one_event_with_a_conflict(tmp_path, run_cli):
    root = new_project(tmp_path)
    write_article(root, "ap-ferry", AP, "2025-03-10T12:00:00+08:00", place=None)
    write_article(root, "reuters-ferry", REUTERS, "2025-03-11T09:00:00+07:00", place=None)
    extract(run_cli, root)
    [event] = _with(events(root), "sank late Saturday", "late Saturday")
    assert {s["article"] for s in event["sources"]} == {"ap-ferry", "reuters-ferry"}
    dates = {event["date"][:10]} | {c["date"][:10] for c in event["conflicts"]}
    assert dates == {"2025-03-08", "2025-03-09"}, event


def test_an_unknown_subject_on_two_days_may_be_two(tmp_path, run_cli):
    """ "A man died" on Friday and "a man died" on Saturday, in two articles of one story
    (both name Minneapolis): nothing says it is one man."""
    root = new_project(tmp_path)
    _write(root, (("first", "A man died on Friday after the protest in Minneapolis.",
                   "2025-03-10T12:00:00+00:00"),
                  ("second", "A man died on Saturday after clashes in Minneapolis.",
                   "2025-03-10T18:00:00+00:00")))
    extract(run_cli, root)
    _apart(events(root), "on Friday", "on Saturday")


def test_the_rigs_explosion_is_one_event_across_outlets_real_data(tmp_path, run_cli):
    # Timeline17: the Guardian (628) and the BBC (2131, 1678, 1997, 989) each date the
    # explosion in a clause of its own ("Since the Deepwater Horizon rig exploded on 20
    # April, ...", "Six months ago, the Deepwater Horizon rig exploded, ..."): they were
    # two events
    root = t17_extracted(run_cli, tmp_path, {
        "bpoil_guardian": ("628",), "bpoil_bbc": ("2131", "1678", "1997", "989")})
    found = events(root)
    exploded = [e for e in found.values() if any(
        "rig that exploded on 20 April" in s["quote"] or "rig exploded on 20 April" in s["quote"]
        for s in e["sources"])]
    assert len(exploded) == 1, [(e["title"], e["date"]) for e in exploded]
    assert exploded[0]["date"] == "2010-04-20"
    assert len({s["article"] for s in exploded[0]["sources"]}) == 5, exploded[0]["sources"]


def test_alike_happenings_of_other_stories_stay_apart(tmp_path, run_cli):
    """The review of 12f2b08 (bench/audits/session13/once-verbs.md): two singers who died
    a day apart in other cities, and a storm that sank two boats, were one event each
    with a made-up conflict."""
    root = new_project(tmp_path)
    _write(root, (
            ("nashville", "The singer died on Sunday in Nashville, aged 81, his family said.",
             "2025-05-05T12:00:00-05:00"),
            ("london", "The singer died on Saturday in London, aged 45, her label said.",
             "2025-05-05T12:00:00+01:00"),
            ("malta", "The storm sank the tanker on Saturday off Malta, the coastguard said.",
             "2025-05-05T12:00:00+02:00"),
            ("sicily", "The storm sank the fishing boat on Sunday near Sicily, killing two crew.",
             "2025-05-05T12:00:00+02:00")))
    extract(run_cli, root)
    found = events(root)
    for words in ("in Nashville", "in London", "the tanker", "the fishing boat"):
        matched = _with(found, words)
        assert len(matched) == 1 and len(matched[0]["sources"]) == 1, (words, matched)
    assert not any(e.get("conflicts") for e in found.values())


def test_alike_sentences_of_two_happenings_are_no_conflict(tmp_path, run_cli):
    """A report dated otherwise is the same happening dated differently only when it
    tells it with the same verb: the leak's start and its stop, in nearly the same
    words, are two events (the review's count: 156 of 190 conflict entries merged two
    happenings)."""
    root = new_project(tmp_path)
    _write(root, (("began", "The oil leak in the Gulf of Mexico began on April 20, BP engineers "
                   "said.", "2010-08-01T12:00:00-05:00"),
                  ("capped", "The oil leak in the Gulf of Mexico stopped on July 15, BP engineers "
                   "said.", "2010-08-02T12:00:00-05:00")))
    _write(root, [(f"other-{n}", text) for n, text in enumerate(
        FILLER + ("A new bridge opened to traffic on Saturday.",
                  "The orchestra played its final concert in May."))],
           "2010-08-03T12:00:00-05:00")
    extract(run_cli, root)
    _apart(events(root), "began on April 20", "stopped on July 15")


def test_another_person_or_another_ordinal_is_another_happening(tmp_path, run_cli):
    """Two reports alike in words but dated differently are one happening's conflicting
    dates only when they may tell the same deed: not when each names another person as
    its subject, nor when each counts another occasion (bpoil_bbc's conflicts: Hayward's
    and Dudley's appointments; Obama's second and fourth visits)."""
    root = new_project(tmp_path)
    _write(root, (
            ("hayward", "Mr Hayward became chief executive of the oil giant BP in 2007.",
             "2010-06-01T12:00:00+01:00"),
            ("dudley", "Mr Dudley became chief executive of the oil giant BP last month.",
             "2010-11-02T12:00:00+00:00"),
            ("second", "Mr Obama will make his second visit to the Gulf of Mexico region on "
             "Friday.", "2010-05-26T12:00:00+01:00"),
            ("fourth", "Mr Obama will make his fourth visit to the Gulf of Mexico region on "
             "Monday.", "2010-06-11T12:00:00+01:00")))
    _write(root, [(f"other-{n}", text) for n, text in enumerate(FILLER)],
           "2010-08-03T12:00:00-05:00")
    extract(run_cli, root)
    found = events(root)
    for words in ("Mr Hayward became", "Mr Dudley became", "his second visit",
                  "his fourth visit"):
        [event] = _with(found, words)
        assert len(event["sources"]) == 1 and not event.get("conflicts"), (words, event)


def test_last_and_final_count_no_other_occasion(tmp_path, run_cli):
    """'his last visit' and 'his final visit' may be one visit dated two ways: only the
    counting ordinals (extract.yaml's counting_ordinals) tell occasions apart (the review
    of 1142b02)."""
    root = new_project(tmp_path)
    _write(root, (
            ("final", "Mr Obama made his final visit to the Gulf of Mexico region on Friday.",
             "2010-09-20T12:00:00+01:00"),
            ("last", "Mr Obama made his last visit to the Gulf of Mexico region on Saturday.",
             "2010-09-20T12:00:00+01:00")))
    _write(root, [(f"other-{n}", text) for n, text in enumerate(FILLER)],
           "2010-08-03T12:00:00-05:00")
    extract(run_cli, root)
    [event] = _with(events(root), "visit to the Gulf")
    assert len(event["sources"]) == 2 and len(event["conflicts"]) == 1, event
