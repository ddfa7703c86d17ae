"""`timeline check` after a person edits what extract wrote (the real Star article of the
demo, through the CLI): a date set by hand is no "tagger upgrade would move it" matter,
since extract keeps that date whatever the tagger says; check says the date is the
editor's and the quote does not support it."""
from __future__ import annotations

import re

from errcase import cli, no_traceback, output, star_project, tree_state


def _announce_event(project):
    """The file extract wrote for "Trump announced the meeting on Feb 8"."""
    for path in sorted((project / "content" / "events").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "expression: Feb 8" in text:
            return path, text
    raise AssertionError("extract wrote no event for 'Feb 8'")


def test_a_date_set_by_hand_is_named_as_the_editors(tmp_path):
    project = star_project(tmp_path)
    proc = cli(project, "extract", "--quiet")
    assert proc.returncode == 0, output(proc)
    path, text = _announce_event(project)
    assert 'date: "2019-02-08"' in text
    path.write_text(text.replace('date: "2019-02-08"', 'date: "2019-02-09"'), encoding="utf-8")

    before = tree_state(project)
    proc = cli(project, "check")
    no_traceback(proc)
    assert tree_state(project) == before
    assert proc.returncode == 0, output(proc)
    line = next(x for x in proc.stdout.splitlines() if "'Feb 8'" in x)
    assert re.match(rf"content/events/{re.escape(path.name)}:\d+:\d+: warning: ", line), line
    assert 'resolves to "2019-02-08", not to the date set by hand, "2019-02-09"' in line
    assert "tagger upgrade" not in proc.stdout

    # extract keeps the editor's date, as the message says
    proc = cli(project, "extract", "--quiet")
    assert proc.returncode == 0, output(proc)
    assert 'date: "2019-02-09"' in path.read_text(encoding="utf-8")


def test_a_generated_date_the_tagger_now_reads_differently_is_an_upgrade_matter(tmp_path):
    """The same mismatch in an event whose date is still extract's is what a tagger upgrade
    would move: the .generated.json fingerprint says extract wrote another date."""
    project = star_project(tmp_path)
    assert cli(project, "extract", "--quiet").returncode == 0
    path, text = _announce_event(project)
    state = project / "content" / "events" / ".generated.json"
    # as if an older tagger had written 2019-02-07 (file and fingerprint agree)
    from timeline.extract.merge import fingerprint
    from timeline.schema import load_event_file
    old = load_event_file(path).event
    path.write_text(text.replace('date: "2019-02-08"', 'date: "2019-02-07"'), encoding="utf-8")
    new = load_event_file(path).event
    state.write_text(state.read_text(encoding="utf-8").replace(
        f'"date": "{fingerprint(old, "date")}"', f'"date": "{fingerprint(new, "date")}"'),
        encoding="utf-8")
    proc = cli(project, "check")
    assert 'now resolves to "2019-02-08", the event says "2019-02-07" (a tagger upgrade would ' \
           'move it)' in proc.stdout, proc.stdout
