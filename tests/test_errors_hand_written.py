"""A journalist's own event, written by hand into content/events/ without a `status` key
(the schema makes it optional, and README's event format lists it last): `extract` must
never delete it. Through the real CLI on the demo's Star article.

Extract once kept such an event ("edited by hand") but recorded it in .generated.json as
if it had written it, so the next run deleted it; and it rewrote reviewed event files
(adding `sources: []`, dropping the editor's `# comments`), though README says it never
changes one. The tests below pin both fixes."""
from __future__ import annotations

from errcase import cli, output, star_project

HAND_MADE = """\
id: kim-returns
date: "2019-03-01"
title: Kim returns to Pyongyang by train
"""


def test_extract_never_deletes_an_event_a_person_wrote(tmp_path):
    project = star_project(tmp_path, {"kim-returns.yaml": HAND_MADE})
    path = project / "content" / "events" / "kim-returns.yaml"
    for run in range(3):
        proc = cli(project, "extract", "--quiet")
        assert proc.returncode == 0, output(proc)
        assert path.exists(), f"extract run {run + 1} deleted the hand-written event: {proc.stdout}"
        assert "Kim returns to Pyongyang by train" in path.read_text(encoding="utf-8")


def _reviewed_runs(tmp_path):
    text = HAND_MADE + "status: reviewed\n"
    project = star_project(tmp_path, {"kim-returns.yaml": text})
    path = project / "content" / "events" / "kim-returns.yaml"
    for _ in range(3):
        proc = cli(project, "extract", "--quiet")
        assert proc.returncode == 0, output(proc)
        assert path.exists()
    return text, path


def test_a_hand_written_reviewed_event_survives_every_extract(tmp_path):
    """What README tells a journalist to do with an event they write: status: reviewed."""
    from timeline.schema import load_event_file
    text, path = _reviewed_runs(tmp_path)
    event = load_event_file(path).event
    assert (event.id, event.date, event.title, event.status, event.sources) == \
        ("kim-returns", "2019-03-01", "Kim returns to Pyongyang by train", "reviewed", [])


def test_extract_leaves_a_reviewed_file_byte_for_byte(tmp_path):
    text, path = _reviewed_runs(tmp_path)
    assert path.read_text(encoding="utf-8") == text


def test_extract_keeps_the_comments_in_a_reviewed_event(tmp_path):
    project = star_project(tmp_path)
    assert cli(project, "extract", "--quiet").returncode == 0
    path = sorted((project / "content" / "events").glob("*.yaml"))[0]
    text = "# Checked against the AP wire, 1 March\n" + path.read_text(encoding="utf-8").replace(
        "status: auto", "status: reviewed")
    path.write_text(text, encoding="utf-8")
    assert cli(project, "extract", "--quiet").returncode == 0
    assert path.read_text(encoding="utf-8") == text
