"""Issue 6, a user's slips on the command line: the wrong folder, a wrong --out, a port or
wait that is no number. Each is one message, exit 1 or 2, no traceback, and nothing is
written anywhere (no lock file, no content/events/, no cache, no site over the record)."""
from __future__ import annotations

import pytest

from errcase import GOOD_EVENT, cli, make_project, no_traceback, output, tree_state


@pytest.mark.parametrize("command", ["extract", "build", "serve", "ingest", "check"])
def test_a_folder_that_is_not_a_project_is_refused_and_left_empty(tmp_path, command):
    """`timeline extract` in the wrong folder used to report success and leave
    content/events/.generated.json and .timeline.lock behind; `serve` served an empty
    site while every rebuild failed."""
    args = [command, "--port", "0"] if command == "serve" else [command]
    if command == "ingest":
        args.append("-")
    proc = cli(tmp_path, *args)
    assert proc.returncode == 1, output(proc)
    assert "not a timeline project" in proc.stderr and str(tmp_path) in proc.stderr
    assert "timeline init" in proc.stderr
    no_traceback(proc)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_root_folder_is_named(tmp_path):
    proc = cli(tmp_path, "--root", "nowhere", "extract")
    assert proc.returncode == 1
    assert "no such project folder" in proc.stderr and "nowhere" in proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("out, says", [
    ("content", "inside content/"),
    ("content/events", "inside content/"),
    ("templates", "inside templates/"),
    (".", "project folder"),
    ("..", "project folder"),
    ("content/site.yaml", "inside content/"),
])
def test_build_never_writes_the_site_over_the_record(tmp_path, out, says):
    root = make_project(tmp_path / "p", events={"e1.yaml": GOOD_EVENT.replace("{id}", "e1")})
    (root / "templates").mkdir()
    (root / "templates" / "event.html").write_text("{# my theme #}\n", encoding="utf-8")
    before = tree_state(tmp_path)
    proc = cli(root, "build", "--out", out)
    assert proc.returncode == 2, output(proc)
    assert proc.stderr.startswith(f"error: --out {out}: ") and says in proc.stderr
    no_traceback(proc)
    assert tree_state(tmp_path) == before


def test_build_into_a_file_is_refused(tmp_path):
    root = make_project(tmp_path / "p")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    proc = cli(root, "build", "--out", tmp_path / "notes.txt")
    assert proc.returncode == 2 and "is a file" in proc.stderr, output(proc)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine\n"


def test_build_into_a_folder_beside_the_project_works(tmp_path):
    root = make_project(tmp_path / "p")
    proc = cli(root, "build", "--out", tmp_path / "public", "--base-url", "/repo/")
    assert proc.returncode == 0, output(proc)
    assert 'href="/repo/' in (tmp_path / "public" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("args, says", [
    (["serve", "--port", "99999"], "'99999' is not a port number"),
    (["serve", "--port", "http"], "'http' is not a port number"),
    (["extract", "--wait", "nan"], "'nan' is not a number of seconds"),
    (["build", "--wait", "-1"], "'-1' is not a number of seconds"),
])
def test_a_number_that_is_no_number_is_a_usage_error(tmp_path, args, says):
    """--port 99999 was an "internal error" (exit 70) from bind(); --wait nan waited forever."""
    root = make_project(tmp_path / "p")
    before = tree_state(root)
    proc = cli(root, *args)
    assert proc.returncode == 2, output(proc)
    assert says in proc.stderr and "internal error" not in proc.stderr
    assert tree_state(root) == before


def test_every_argument_of_every_command_says_what_it_is():
    """`timeline COMMAND --help` is where a user looks first: no bare 'dir' or '--host'."""
    import argparse

    from timeline.cli import build_parser
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    bare = [f"{name} {action.dest}" for name, sub in commands.choices.items()
            for action in sub._actions if not action.help]
    assert bare == []


def test_commands_run_from_inside_the_project_find_it(tmp_path):
    """A journalist editing content/events/ runs `timeline check` there (as git finds its
    repository): it checks the enclosing project, and build writes its site/, not one in
    content/events/."""
    root = make_project(tmp_path / "p", events={"e1.yaml": GOOD_EVENT.replace("{id}", "e1")
                                                .replace('date: "2019-02-08"', 'date: "2019-02-30"')})
    events = root / "content" / "events"
    proc = cli(events, "check")
    assert proc.returncode == 1, output(proc)
    assert proc.stdout.startswith("e1.yaml:2:7: 'date' \"2019-02-30\" is not a day"), proc.stdout
    (events / "e1.yaml").write_text(GOOD_EVENT.replace("{id}", "e1"), encoding="utf-8")
    proc = cli(events, "build")
    assert proc.returncode == 0, output(proc)
    assert (root / "site" / "index.html").is_file() and not (events / "site").exists()


def test_an_explicit_root_is_taken_as_given(tmp_path):
    root = make_project(tmp_path / "p")
    proc = cli(root / "content" / "events", "--root", ".", "extract")
    assert proc.returncode == 1 and "not a timeline project" in proc.stderr, output(proc)


def test_a_failed_write_names_the_file_not_its_temporary_twin(tmp_path):
    """Every write goes through `.<name>.<pid>-<n>.tmp` (timeline.atomic); a refused write
    named that file ("/proc/.nope.tsv.14385-0.tmp"), which the user never asked for.
    /proc refuses new files even to root, as a read-only folder refuses a user."""
    root = make_project(tmp_path / "p")
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "d.tml").write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>d</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" '
        'value="2019-02-28" temporalFunction="false" functionInDocument="CREATION_TIME">'
        '2019-02-28</TIMEX3></DCT>\n<TEXT>It ended <TIMEX3 tid="t1" type="DATE" '
        'value="2019-02-28">today</TIMEX3>.</TEXT>\n</TimeML>\n', encoding="utf-8")
    proc = cli(root, "eval", gold, gold, "--errors", "/proc/nope.tsv")
    assert proc.returncode == 1, output(proc)
    assert proc.stderr.startswith("error: /proc/nope.tsv: "), proc.stderr
    assert ".tmp" not in proc.stderr
