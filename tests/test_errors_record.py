"""Issue 6, errors in the hand-edited record: every case through the real CLI, asserting
the exit code, the file:line:col in the message, no traceback, and nothing on disk changed."""
from __future__ import annotations

import pytest

from errcase import (cli, GOOD_EVENT, SITE_YAML, article_md, make_project, no_traceback, output, run,
                     star_project, tree_state)


def good_event(event_id: str = "summit-ends") -> str:
    return GOOD_EVENT.replace("{id}", event_id)


def check(project, *args):
    before = tree_state(project)
    proc = cli(project, "check", *args)
    assert tree_state(project) == before, "check must not change any file"
    no_traceback(proc)
    return proc


def test_clean_record_passes(tmp_path):
    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    proc = check(project)
    assert proc.returncode == 0, output(proc)
    assert "0 error(s), 0 warning(s)" in proc.stdout


def test_malformed_yaml(tmp_path):
    broken = 'id: summit-ends\ndate: "2019-02-28"\ntitle: [unclosed\nstatus: auto\n'
    project = star_project(tmp_path, {"summit-ends.yaml": broken})
    proc = check(project)
    assert proc.returncode == 1
    assert "content/events/summit-ends.yaml:4:" in proc.stdout
    assert "YAML syntax error" in proc.stdout


def test_wrong_types(tmp_path):
    text = ("id: summit-ends\ndate: 2019-02-28\ntitle: Summit ends\ntags: summit\n"
            "sources: nothing\nstatus: auto\n")
    project = star_project(tmp_path, {"summit-ends.yaml": text})
    proc = check(project)
    assert proc.returncode == 1
    out = proc.stdout
    assert 'content/events/summit-ends.yaml:2:7: \'date\' must be a quoted string: date: "2019-02-28"' in out
    assert "content/events/summit-ends.yaml:4:7: 'tags' must be a list" in out
    assert "content/events/summit-ends.yaml:5:10: 'sources' must be a list" in out


def test_unknown_key_warns_and_strict_errors(tmp_path):
    text = good_event() + "editor_note: checked with the desk\ntitel: typo\n"
    project = star_project(tmp_path, {"summit-ends.yaml": text})
    proc = check(project)
    assert proc.returncode == 0, output(proc)
    assert "content/events/summit-ends.yaml:9:1: warning: unknown key 'editor_note'" in proc.stdout
    assert "content/events/summit-ends.yaml:10:1: warning: unknown key 'titel'" in proc.stdout
    assert "did you mean 'title'?" in proc.stdout
    strict = check(project, "--strict")
    assert strict.returncode == 1
    assert "content/events/summit-ends.yaml:9:1: unknown key 'editor_note'" in strict.stdout


@pytest.mark.parametrize("value", ["Feb 28", "2019-W54", "PT2H", "2019-02-28+07:00",
                                   "XXXX-02-28"])
def test_invalid_event_date(tmp_path, value):
    text = good_event().replace('date: "2019-02-08"', f'date: "{value}"')
    project = star_project(tmp_path, {"summit-ends.yaml": text})
    proc = check(project)
    assert proc.returncode == 1
    assert f"content/events/summit-ends.yaml:2:7: 'date' is not a valid date value: \"{value}\"" \
        in proc.stdout


@pytest.mark.parametrize("value, says", [
    ("2019-02-30", "is not a day of the calendar: February 2019 has 28 days"),
    ("2019-02-29", "is not a day of the calendar: February 2019 has 28 days"),
    ("2019-04-31", "is not a day of the calendar: April 2019 has 30 days"),
    ("2019-13", "has no month 13: months are 01 to 12"),
    ("2019-02-28T25:00+07:00", "has no time 25:00: hours are 00 to 23, minutes 00 to 59"),
])
def test_a_date_that_is_not_on_the_calendar_says_why(tmp_path, value, says):
    """A typo'd day is the commonest bad date: the message says what is wrong with it."""
    text = good_event().replace('date: "2019-02-08"', f'date: "{value}"')
    project = star_project(tmp_path, {"summit-ends.yaml": text})
    proc = check(project)
    assert proc.returncode == 1
    assert f"content/events/summit-ends.yaml:2:7: 'date' \"{value}\" {says}" in proc.stdout, \
        proc.stdout


def test_a_publication_date_not_on_the_calendar_says_why(tmp_path):
    project = star_project(tmp_path, published='"2019-02-30T12:00:00+08:00"')
    proc = check(project)
    assert proc.returncode == 1
    assert ("content/articles/star.md:5:12: 'published' \"2019-02-30T12:00:00+08:00\" is not a "
            "day of the calendar: February 2019 has 28 days") in proc.stdout, proc.stdout


def test_a_leap_day_is_a_date(tmp_path):
    text = good_event().replace('date: "2019-02-08"', 'date: "2020-02-29"')
    proc = check(star_project(tmp_path, {"summit-ends.yaml": text}))
    assert "2020-02-29\" is not" not in proc.stdout and "not a valid date" not in proc.stdout


def test_end_before_date(tmp_path):
    text = good_event().replace('date: "2019-02-08"\n', 'date: "2019-02-08"\nend: "2019-02-07"\n')
    project = star_project(tmp_path, {"summit-ends.yaml": text})
    proc = check(project)
    assert proc.returncode == 1
    assert "content/events/summit-ends.yaml:3:6: 'end' \"2019-02-07\" is before" in proc.stdout


def test_duplicate_ids_name_both_files(tmp_path):
    project = star_project(tmp_path, {"summit-ends.yaml": good_event(),
                                           "summit-ends-copy.yaml": good_event()})
    proc = check(project)
    assert proc.returncode == 1
    out = proc.stdout
    assert ("content/events/summit-ends-copy.yaml:1:5: duplicate id 'summit-ends': also used by "
            "content/events/summit-ends.yaml") in out
    assert ("content/events/summit-ends.yaml:1:5: duplicate id 'summit-ends': also used by "
            "content/events/summit-ends-copy.yaml") in out


def test_event_cites_missing_article(tmp_path):
    text = good_event().replace("article: star", "article: no-such-article")
    project = star_project(tmp_path, {"summit-ends.yaml": text})
    proc = check(project)
    assert proc.returncode == 1
    assert ("content/events/summit-ends.yaml:5:12: source cites article 'no-such-article', which "
            "is not in content/articles/") in proc.stdout
    assert "did you mean" not in proc.stdout


@pytest.mark.parametrize("cited, says", [("star.md", "; write the id without .md: article: star"),
                                         ("stars", "; did you mean 'star'?")])
def test_a_cited_article_with_md_or_a_typo_gets_the_right_id(tmp_path, cited, says):
    text = good_event().replace("article: star", f"article: {cited}")
    proc = check(star_project(tmp_path, {"summit-ends.yaml": text}))
    assert proc.returncode == 1
    assert (f"content/events/summit-ends.yaml:5:12: source cites article '{cited}', which is not "
            f"in content/articles/ ({cited}.md){says}") in proc.stdout, proc.stdout


@pytest.mark.parametrize("name,content", [
    ("events/summit-ends.yaml", ""),
    ("events/summit-ends.yaml", "# only a comment\n"),
    ("articles/empty.md", ""),
    ("site.yaml", "\n"),
])
def test_empty_file(tmp_path, name, content):
    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    (project / "content" / name).write_text(content, encoding="utf-8")
    proc = check(project)
    assert proc.returncode == 1
    assert f"content/{name}:1:1: empty file" in proc.stdout


@pytest.mark.parametrize("url", ["example.com/timeline", "ftp://example.com/", "/a b/",
                                 "https://", "/repo/?x=1"])
def test_site_config_bad_base_url(tmp_path, url):
    site = SITE_YAML.replace('base_url: "/"', f'base_url: "{url}"')
    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    (project / "content" / "site.yaml").write_text(site, encoding="utf-8")
    proc = check(project)
    assert proc.returncode == 1
    assert f"content/site.yaml:3:11: base URL \"{url}\"" in proc.stdout
    before = tree_state(project)
    build = cli(project, "build")
    no_traceback(build)
    assert build.returncode == 1
    assert "content/site.yaml:3:11: base URL" in build.stderr
    assert tree_state(project) == before and not (project / "site").exists()


def test_article_front_matter_error_points_at_file_line(tmp_path):
    text = article_md("Body.").replace("language: en", "language: en\nplace: [Hanoi")
    project = make_project(tmp_path, articles={"bt-summit.md": text})
    proc = check(project)
    assert proc.returncode == 1
    # the front matter starts on line 2 of the file (after the opening ---)
    assert "content/articles/bt-summit.md:" in proc.stdout
    line = proc.stdout.split("content/articles/bt-summit.md:")[1].split(":")[0]
    assert int(line) >= 9, proc.stdout


def test_article_front_matter_wrong_published(tmp_path):
    text = article_md("Body.", published='"2019-02-28 07:44"')
    project = make_project(tmp_path, articles={"bt-summit.md": text})
    proc = check(project)
    assert proc.returncode == 1
    assert "content/articles/bt-summit.md:5:12: 'published' has no UTC offset" in proc.stdout


def test_every_problem_collected_in_one_run(tmp_path):
    project = star_project(tmp_path, {
        "a.yaml": 'id: a\ndate: "nope"\ntitle: A\n',
        "b.yaml": "id: b\ndate: [\n",
        "c.yaml": 'id: c\ndate: "2019"\ntitle: ""\n'})
    proc = check(project)
    assert proc.returncode == 1
    for where in ("content/events/a.yaml:2:7:", "content/events/b.yaml:3:1:",
                  "content/events/c.yaml:3:8:"):
        assert where in proc.stdout
    assert "3 error(s)" in proc.stdout


def test_usage_error_exits_2(tmp_path):
    project = make_project(tmp_path)
    proc = run(project, "check", "--no-such-option")
    assert proc.returncode == 2
    no_traceback(proc)
    assert "unrecognized arguments: --no-such-option" in proc.stderr


def test_debug_shows_traceback_only_when_asked(tmp_path):
    project = make_project(tmp_path)
    (project / "content" / "site.yaml").unlink()
    plain = run(project, "build")
    assert plain.returncode == 1
    no_traceback(plain)
    assert "content/site.yaml" in plain.stderr
    debug = run(project, "build", "--debug")
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_unexpected_exception_is_an_internal_error_not_a_traceback(tmp_path, monkeypatch):
    import timeline.check

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    monkeypatch.setattr(timeline.check, "run_check", broken)
    proc = cli(project, "check")
    assert proc.returncode == 70
    no_traceback(proc)
    assert "internal error: RuntimeError: simulated bug" in proc.stderr
    assert "--debug" in proc.stderr
    with pytest.raises(RuntimeError):
        cli(project, "check", "--debug")


def test_unwritable_output_is_one_message(tmp_path):
    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    proc = cli(project, "build", "--out", str(tmp_path / "a-file" / "site"))
    assert proc.returncode == 1
    no_traceback(proc)
    assert f"error: {tmp_path / 'a-file'}" in proc.stderr and "Not a directory" in proc.stderr


def test_a_folder_named_like_an_event_file_is_one_message(tmp_path):
    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    folder = project / "content" / "events" / "stray.yaml"
    folder.mkdir()
    for command in ("build", "check"):
        proc = cli(project, command)
        assert proc.returncode == 1
        no_traceback(proc)
        assert f"error: {folder}: Is a directory; a folder is where a file is expected" in proc.stderr


def test_files_check_ignores_are_named(tmp_path):
    project = star_project(tmp_path, {"summit-ends.yaml": good_event()})
    events = project / "content" / "events"
    (events / "typo-extension.yml").write_text(good_event("typo-extension"), encoding="utf-8")
    (events / ".summit-ends.yaml.k3j2.tmp").write_text("id: half", encoding="utf-8")
    proc = check(project)
    assert proc.returncode == 0, proc.stdout
    assert ("content/events/typo-extension.yml: warning: ignored: only *.yaml files are read "
            "here") in proc.stdout
    assert ("content/events/.summit-ends.yaml.k3j2.tmp: warning: temporary file left by an "
            "interrupted run") in proc.stdout
