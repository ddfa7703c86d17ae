"""Issue 6, hand-edited YAML: the slips a journalist makes in an event file, each reported
by `timeline check` as path:line:col with what to do (not only PyYAML's parser state),
and nothing on disk changed. A title cut short by a ' #' (YAML's comment) is a warning:
the file is valid YAML, but the site would show half the title."""
from __future__ import annotations

import pytest

from errcase import cli, make_project, no_traceback, output, tree_state

EVENT = """\
id: summit
date: "2019-02-28"
title: Summit ends
summary: |
  The second summit ended early.
tags:
- nuclear talks
status: reviewed
"""


def check(tmp_path, text):
    root = make_project(tmp_path / "p", events={"summit.yaml": text})
    before = tree_state(root)
    proc = cli(root, "check")
    no_traceback(proc)
    assert tree_state(root) == before
    return proc


@pytest.mark.parametrize("old, new, where, says", [
    ("tags:\n- nuclear talks\n", "tags:\n\t- nuclear talks\n", ":7:1:",
     "YAML indents with spaces, never tabs: replace the tab"),
    ("  The second", "\tThe second", ":5:1:", "YAML indents with spaces, never tabs"),
    ("title: Summit ends", "title: Trump: summit ends", ":3:13:",
     "a value that contains ': ' must be in quotes"),
    ("title: Summit ends", "title: *Breaking* summit ends", ":3:17:",
     "a value that starts with '*' must be in quotes"),
    ("title: Summit ends", "title: @potus says summit ends", ":3:8:",
     "a value that starts with @, ` or % must be in quotes"),
    ("title: Summit ends", 'title: "Summit ends', ":9:1:", "a quote is opened and never closed"),
    ("- nuclear talks", "-nuclear talks\nstatus: auto", ":8:1:",
     "each line is 'key: value' or '- item' (a space after ':' and '-')"),
])
def test_a_yaml_slip_says_what_to_do(tmp_path, old, new, where, says):
    assert old in EVENT
    proc = check(tmp_path, EVENT.replace(old, new, 1))
    assert proc.returncode == 1, output(proc)
    line = next(x for x in proc.stdout.splitlines() if "summit.yaml" in x)
    assert line.startswith(f"content/events/summit.yaml{where} YAML syntax error: "), line
    assert says in line, line


@pytest.mark.parametrize("item, kind", [("NO", "true/false"), ("yes", "true/false"),
                                        ("2019", "a number"), ("null", "nothing")])
def test_a_tag_yaml_reads_as_another_type_says_to_quote_it(tmp_path, item, kind):
    """The 'Norway problem': tags: [NO] is false in YAML 1.1."""
    proc = check(tmp_path, EVENT.replace("- nuclear talks", f"- {item}"))
    assert proc.returncode == 1
    assert (f"content/events/summit.yaml:7:3: each item of 'tags' must be text, not {kind}; "
            f'put it in quotes: "{item}"') in proc.stdout, proc.stdout


def test_a_title_cut_by_a_comment_is_a_warning(tmp_path):
    proc = check(tmp_path, EVENT.replace("title: Summit ends", "title: Summit ends #1 story"))
    assert proc.returncode == 0, output(proc)
    assert ("content/events/summit.yaml:3:8: warning: 'title' stops before '#1 story': YAML "
            "reads ' #' and what follows as a comment; put the whole value in quotes to keep it, "
            'e.g. "Summit ends #1 story"') in proc.stdout, proc.stdout


@pytest.mark.parametrize("text", [
    EVENT.replace("title: Summit ends", 'title: "Summit ends #1 story"  # my note'),
    EVENT.replace("title: Summit ends", "title: Summit ends#1"),
    EVENT.replace("The second summit", "The #2 summit"),
    "# written by hand\n" + EVENT.replace("status: reviewed", "status: reviewed  # checked"),
    EVENT.replace("status: reviewed", "status: reviewed # checked"),
])
def test_a_real_comment_or_a_hash_inside_a_value_is_no_finding(tmp_path, text):
    proc = check(tmp_path, text)
    assert proc.returncode == 0, output(proc)
    assert "0 error(s), 0 warning(s)" in proc.stdout, proc.stdout


def test_a_list_item_cut_by_a_comment_is_a_warning(tmp_path):
    proc = check(tmp_path, EVENT.replace("- nuclear talks", "- nuclear talks #2"))
    assert "content/events/summit.yaml:7:3: warning: 'tags' stops before '#2'" in proc.stdout


@pytest.mark.parametrize("text, line", [
    (EVENT.replace("title: Summit ends\n", "<<<<<<< HEAD\ntitle: Summit ends\n=======\n"
                   "title: Summit collapses\n>>>>>>> editor-b\n"), 3),
    # inside a block scalar the markers are valid YAML: they would have reached the site
    (EVENT.replace("  The second summit ended early.\n", "<<<<<<< HEAD\n  The second summit "
                   "ended early.\n=======\n  It ended early.\n>>>>>>> editor-b\n"), 5),
])
def test_a_git_merge_conflict_is_named(tmp_path, text, line):
    """Two editors changed one event; git left its markers in the file."""
    proc = check(tmp_path, text)
    assert proc.returncode == 1, output(proc)
    assert (f"content/events/summit.yaml:{line}:1: unresolved git merge conflict: keep the right "
            "lines and delete the <<<<<<<, ======= and >>>>>>> markers") in proc.stdout, proc.stdout
