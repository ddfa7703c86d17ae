"""`timeline check` names what a journalist put where nothing reads it: a subfolder of
content/events/ (its events never reach the site), an event saved as .yml, a raw page
copied into content/articles/ instead of ingested. Warnings (exit 0), nothing changed."""
from __future__ import annotations

from errcase import GOOD_EVENT, cli, no_traceback, output, star_project, tree_state


def check(project):
    before = tree_state(project)
    proc = cli(project, "check")
    assert tree_state(project) == before
    no_traceback(proc)
    assert proc.returncode == 0, output(proc)
    return proc


def test_events_in_a_subfolder_are_named_as_unread(tmp_path):
    project = star_project(tmp_path)
    sub = project / "content" / "events" / "2019"
    sub.mkdir()
    (sub / "announced.yaml").write_text(GOOD_EVENT.replace("{id}", "announced"), encoding="utf-8")
    proc = check(project)
    assert ("content/events/2019: warning: ignored: subfolders are not read; move its *.yaml "
            "files up into content/events/") in proc.stdout, proc.stdout
    assert "0 event(s)" in proc.stdout


def test_a_yml_event_is_told_to_be_renamed(tmp_path):
    project = star_project(tmp_path, {"announced.yml": GOOD_EVENT.replace("{id}", "announced")})
    proc = check(project)
    assert ("content/events/announced.yml: warning: ignored: only *.yaml files are read here; "
            "rename it to announced.yaml") in proc.stdout, proc.stdout


def test_a_raw_page_in_articles_is_told_to_be_ingested(tmp_path):
    project = star_project(tmp_path)
    (project / "content" / "articles" / "saved.html").write_text("<html></html>", encoding="utf-8")
    proc = check(project)
    assert ("content/articles/saved.html: warning: ignored: only *.md files are read here; bring "
            "a raw article in with `timeline ingest content/articles/saved.html`") in proc.stdout


def test_hidden_entries_are_no_finding(tmp_path):
    """.git-style folders and editor files (.swp) are the editor's business."""
    project = star_project(tmp_path, {"announced.yaml": GOOD_EVENT.replace("{id}", "announced")})
    (project / "content" / "events" / ".drafts").mkdir()
    (project / "content" / "events" / ".announced.yaml.swp").write_bytes(b"\0swap")
    proc = check(project)
    assert "ignored" not in proc.stdout, proc.stdout
