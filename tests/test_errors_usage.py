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
    """A --root that names no folder is a wrong command line (exit 2); it was exit 1."""
    proc = cli(tmp_path, "--root", "nowhere", "extract")
    assert proc.returncode == 2
    assert "--root nowhere: no such project folder" in proc.stderr
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


def _everything(root) -> tuple:
    """Every path under ``root`` (folders and the lock file too) and every file's digest."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*")), tree_state(root, skip=())


@pytest.mark.parametrize("args, says", [
    (["build", "--base-url", "repo"], "argument --base-url: base path must start with '/': 'repo'"),
    (["build", "--base-url", "javascript:alert(1)"], "argument --base-url: base URL must be a path"),
    (["build", "--base-url", "https://user.github.io/my repo/"], "argument --base-url: base path has "
     "characters"),
    (["tag", "--dct", "2019-02-30", "a.txt"], "argument --dct: document creation time "
     "'2019-02-30' is not a real date: February 2019 has 28 days"),
    (["tag", "--dct", "2019-04-31", "a.txt"], "April 2019 has 30 days"),
    (["tag", "--dct", "2019-13-01", "a.txt"], "there is no month 13"),
    (["tag", "--dct", "2019-02-28T24:30", "a.txt"], "there is no hour 24"),
    (["tag", "--dct", "2019-02-28T10:00+25:00", "a.txt"], "UTC offset +25:00 is out of range"),
    (["tag", "--dct", "28/02/2019", "a.txt"], "argument --dct: document creation time "
     "'28/02/2019' is not an ISO date"),
    (["tag", "--dct", "2019-02-28", "--out", "a.txt", "a.txt"], "--out a.txt: is a file, not a folder"),
    (["extract", "--jobs", "0"], "argument --jobs: '0' is not a number of processes"),
    (["extract", "--jobs", "two"], "argument --jobs: 'two' is not a number of processes"),
    (["ingest", "--url", "www.example.com/story", "a.txt"], "argument --url: 'www.example.com/story' "
     "is not a web address"),
    (["ingest", "--url", "https://example.com/story", "a.txt", "a.txt"], "--url names one article"),
    (["--root", "nowhere", "build"], "--root nowhere: no such project folder"),
    # an empty value: `--root "$DIR"` with DIR unset worked on the current folder's project,
    # --out "" built into site/, --host "" listened on every network interface, --source ""
    # wrote an article without its outlet, --place "" and --errors "" were ignored
    (["--root", "", "build"], "argument --root: is empty"),
    (["build", "--out", ""], "argument --out: is empty"),
    (["tag", "--dct", "2019-02-28", "--out", "", "a.txt"], "argument --out: is empty"),
    (["tag", "--dct", "2019-02-28", "--place", "", "a.txt"], "argument --place: is empty"),
    (["serve", "--host", ""], "argument --host: is empty"),
    (["ingest", "--source", " ", "a.txt"], "argument --source: is empty"),
    (["eval", "--errors", "", "a.txt", "a.txt"], "argument --errors: is empty"),
    (["init", ""], "argument dir: is empty"),
])
def test_a_bad_option_value_is_a_usage_error_before_anything_is_written(tmp_path, args, says):
    """README: exit 2 for a wrong command line. These were exit 1 (--base-url, --dct, tag's
    --out, --root) or were found after the project lock was taken (--jobs 0, --url with two
    files), or not at all: `ingest --url www.example.com/story` wrote an article that
    `timeline check` then called an error, and an empty value did what leaving the option
    out does, or worse. Each names its option and writes nothing, not even the lock file
    or the cache."""
    root = make_project(tmp_path / "p", events={"e1.yaml": GOOD_EVENT.replace("{id}", "e1")})
    (root / "a.txt").write_text("The talks ended on Thursday.\n", encoding="utf-8")
    before = _everything(tmp_path)
    proc = cli(root, *args)
    assert proc.returncode == 2, output(proc)
    assert says in proc.stderr, proc.stderr
    no_traceback(proc)
    assert _everything(tmp_path) == before


def test_a_dct_in_a_file_that_is_no_real_date_says_why(tmp_path):
    """The same check read from a TimeML file's own DCT is bad input (exit 1), named by file."""
    root = make_project(tmp_path / "p")
    (root / "d.tml").write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>d</DOCID>\n<DCT><TIMEX3 tid="t0" type="DATE" '
        'value="2019-02-29" temporalFunction="false" functionInDocument="CREATION_TIME">'
        '2019-02-29</TIMEX3></DCT>\n<TEXT>It ended today.</TEXT>\n</TimeML>\n', encoding="utf-8")
    proc = cli(root, "tag", "d.tml")
    assert proc.returncode == 1, output(proc)
    assert "d.tml" in proc.stderr and "February 2019 has 28 days" in proc.stderr
    no_traceback(proc)


def test_good_option_values_still_work(tmp_path):
    """The checks refuse only what cannot work: a leap day, an empty --base-url (what the
    Pages workflow passes for a user site: the root), a full URL."""
    root = make_project(tmp_path / "p")
    (root / "a.txt").write_text("The talks ended on Thursday.\n", encoding="utf-8")
    proc = cli(root, "tag", "--dct", "2024-02-29", "--format", "json", "a.txt")
    assert proc.returncode == 0 and '"value": "2024-02-29"' in proc.stdout, output(proc)
    for base, link in (("", 'href="/assets/'), ("https://user.github.io/repo", 'href="/repo/assets/')):
        proc = cli(root, "build", "--base-url", base)
        assert proc.returncode == 0, output(proc)
        assert link in (root / "site" / "index.html").read_text(encoding="utf-8")
