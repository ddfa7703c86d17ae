"""Issue 6, fuzzing the record's validation: whatever an editor (or a broken tool) leaves
in content/, `timeline check` reports problems with a position and never raises.

Ingest is fuzzed in test_ingest_fuzz.py and the tagger in test_tagger_properties.py; this
file covers schema (events, front matter, site.yaml), timex values and the check driver.
Hypothesis only (atheris would need a libFuzzer build and adds nothing for pure Python
code whose inputs hypothesis already generates structurally)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import timex
from timeline.check import run_check
from timeline.project import Project
from timeline.schema import load_article_file, load_event_file

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
NOW = datetime(2026, 1, 1, tzinfo=timezone.utc)

# YAML made of the pieces a hand-edited event is made of, so fuzzing reaches the checks.
PIECES = st.sampled_from([
    "id: ", "date: ", "end: ", "mod: ", "title: ", "sources:\n", "- article: ", "  quote: ",
    "  expression: ", "status: ", "kind: ", "tags: ", "conflicts:\n", "- ", '"2019-02-28"',
    "2019-02-28", '"2019-W09"', '"2019-02-28T14:00+07:00"', "BEFORE", "reviewed", "planned",
    "[a, b]", "{x: 1}", "\n", "  ", "null", "~", "'", '"', ":", "&a ", "*a", "!!binary ", "|\n",
    "<<: ", "\t", "---\n", "...\n", "#", "\ufeff", "\x85", "\u2028", "2019-02-30", "0x1F", "1e9"])
YAMLISH = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=50).map("".join)
VALUES = st.one_of(st.text(max_size=30), st.from_regex(
    r"[0-9X]{2,4}(-(W?[0-9X]{2}|Q[1-4]|H[12]|SP|SU|FA|WI)(-[0-9X]{1,2})?)?"
    r"(T([0-9]{2}(:[0-9]{2}(:[0-9]{2})?)?|MO|AF|EV|NI))?(Z|[+-][0-9]{2}:[0-9]{2})?",
    fullmatch=True))


def yaml_lines(text: str) -> int:
    """Lines as YAML counts them (NEL, LS, PS and CR break lines too)."""
    return len(re.split(r"\r\n|[\n\r\x85\u2028\u2029]", text))


def _position_ok(problems, n_lines: int) -> None:
    for p in problems:
        assert p.message
        assert 1 <= p.line <= n_lines + 2, p
        assert p.col >= 1, p


@SETTINGS
@given(YAMLISH)
def test_any_event_file_is_an_event_or_problems_with_a_position(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("ev") / "fuzz-event.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    loaded = load_event_file(path)
    if loaded.event is None:
        assert any(p.severity == "error" for p in loaded.problems)
    else:
        assert loaded.event.id == "fuzz-event"
        assert timex.is_valid_event_date(loaded.event.date)
    _position_ok(loaded.problems, yaml_lines(text))


@SETTINGS
@given(st.binary(max_size=400))
def test_any_bytes_as_event_or_article_never_raise(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("raw")
    (folder / "e.yaml").write_bytes(data)
    (folder / "a.md").write_bytes(b"---\n" + data + b"\n---\n\nText.\n")
    for loaded in (load_event_file(folder / "e.yaml"), load_article_file(folder / "a.md")):
        for p in loaded.problems:
            assert p.line >= 1 and p.col >= 1 and p.message


@SETTINGS
@given(YAMLISH)
def test_any_front_matter_is_an_article_or_problems_with_file_lines(tmp_path_factory, front):
    path = tmp_path_factory.mktemp("art") / "fuzz.md"
    text = f"---\n{front}\n---\n\nHANOI: The summit ended on Thursday.\n"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    loaded = load_article_file(path)
    if loaded.article is not None:
        assert loaded.article.published is None or loaded.article.published.tzinfo is not None
    _position_ok(loaded.problems, yaml_lines(text))


@SETTINGS
@given(VALUES, VALUES)
def test_timex_values_never_raise_and_bounds_are_ordered(value, other):
    valid = timex.is_valid_event_date(value)
    timex.is_valid_value(value)
    span = timex.bounds(value)
    assert (span is not None) == valid
    if span:
        assert span[0] < span[1]
    if valid and timex.is_valid_event_date(other):
        timex.bounds(other)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(YAMLISH, min_size=1, max_size=4), YAMLISH)
def test_check_on_a_fuzzed_project_reports_and_never_raises(tmp_path_factory, events, site):
    root = tmp_path_factory.mktemp("proj")
    (root / "content" / "events").mkdir(parents=True)
    (root / "content" / "articles").mkdir()
    (root / "content" / "site.yaml").write_text(site, encoding="utf-8", errors="surrogatepass")
    for i, text in enumerate(events):
        (root / "content" / "events" / f"e{i}.yaml").write_text(text, encoding="utf-8",
                                                                 errors="surrogatepass")
    report = run_check(Project(Path(root)), now=NOW)
    assert report.summary.startswith("checked 0 article(s)")
    for p in report.problems:
        assert p.path and p.message
