"""`timeline check`: a tag, person or place a journalist typed two ways that differ only in
case, spacing, punctuation or accents (what the page address drops). The site gives each spelling its own page (tags/nuclear-talks/ and
tags/nuclear-talks-2/), splitting the events between them; check names the odd one out."""
from __future__ import annotations

from errcase import cli, make_project, no_traceback, output, tree_state


def event(event_id, *, tags=(), people=(), status="reviewed"):
    lines = [f"id: {event_id}", 'date: "2019-02-28"', f"title: Event {event_id}"]
    if tags:
        lines.append("tags: [" + ", ".join(f'"{t}"' for t in tags) + "]")
    if people:
        lines.append("people: [" + ", ".join(f'"{p}"' for p in people) + "]")
    lines.append(f"status: {status}")
    return "\n".join(lines) + "\n"


def check(tmp_path, events):
    root = make_project(tmp_path / "p", events={f"{k}.yaml": v for k, v in events.items()})
    before = tree_state(root)
    proc = cli(root, "check")
    no_traceback(proc)
    assert tree_state(root) == before
    assert proc.returncode == 0, output(proc)
    return proc


def test_a_tag_in_another_case_or_spacing_is_named_with_the_usual_spelling(tmp_path):
    proc = check(tmp_path, {"a": event("a", tags=["nuclear talks"]),
                            "b": event("b", tags=["nuclear talks"]),
                            "c": event("c", tags=["Nuclear talks"]),
                            "d": event("d", tags=["nuclear  talks"])})
    assert ("content/events/c.yaml:4:7: warning: tag 'Nuclear talks' is also written 'nuclear "
            "talks' (2 event(s), e.g. content/events/a.yaml): the site makes a page for each "
            "spelling; write them the same") in proc.stdout, proc.stdout
    assert "content/events/d.yaml:4:7: warning: tag 'nuclear  talks' is also written" in proc.stdout
    assert "a.yaml:4:7" not in proc.stdout and "b.yaml:4:7" not in proc.stdout


def test_a_person_written_two_ways_in_one_event(tmp_path):
    proc = check(tmp_path, {"a": event("a", people=["Kim Jong Un"]),
                            "b": event("b", people=["Kim Jong Un", "kim jong un"])})
    assert "content/events/b.yaml:4:9: warning: person 'kim jong un' is also written 'Kim Jong Un'" \
        in proc.stdout, proc.stdout


def test_spellings_the_sites_address_does_not_tell_apart(tmp_path):
    """Hyphens and accents: 'Kim Jong-un' and 'Kim Jong Un' were no finding, yet the site
    filed them as people/kim-jong-un/ and people/kim-jong-un-2/."""
    proc = check(tmp_path, {"a": event("a", people=["Kim Jong Un"], tags=["Port-au-Prince"]),
                            "b": event("b", people=["Kim Jong Un"], tags=["Port au Prince"]),
                            "c": event("c", people=["Kim Jong-un"], tags=["Port-au-Prince"])})
    assert "content/events/c.yaml:5:9: warning: person 'Kim Jong-un' is also written 'Kim Jong " \
        "Un' (2 event(s), e.g. content/events/a.yaml)" in proc.stdout, proc.stdout
    assert "content/events/b.yaml:4:7: warning: tag 'Port au Prince' is also written " \
        "'Port-au-Prince'" in proc.stdout, proc.stdout


def test_different_names_and_rejected_events_are_no_finding(tmp_path):
    proc = check(tmp_path, {"a": event("a", tags=["nuclear talks"], people=["Kim Jong Un"]),
                            "b": event("b", tags=["nuclear test"], people=["Kim Yo Jong"]),
                            "c": event("c", tags=["Nuclear talks"], status="rejected")})
    assert "is also written" not in proc.stdout, proc.stdout
