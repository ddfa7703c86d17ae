"""Focused unit tests of what `timeline check` accepts: TimeML values (timeline.timex)
and the event contract as timeline.schema reads it (hand-added fields survive)."""
from __future__ import annotations

from datetime import datetime

import pytest

from timeline import timex
from timeline.schema import load_event_file


@pytest.mark.parametrize("value", [
    "2018", "2019-02", "2019-02-08", "2019-W09", "2019-W09-4", "2019-W09-WE", "2019-Q1",
    "2019-H2", "2019-SU", "2019-WI", "201X", "201", "19", "2019-02-28TMO", "2019-02-28TNI",
    "2019-02-28T14", "2019-02-28T14:00", "2019-02-28T14:00:05", "2019-02-28T14:00+07:00",
    "2019-02-28T06:30Z", "2019-02-28T24:00", "2020-02-29", "2020-W53"])
def test_valid_event_dates(value):
    assert timex.is_valid_event_date(value)
    start, end = timex.bounds(value)
    assert start < end


@pytest.mark.parametrize("value", [
    "", "2019-2-8", "2019-13", "2019-02-30", "2019-02-29", "2019-W54", "2019-W53", "2019-Q5",
    "2019-02-28T25:00", "2019-02-28T14:60", "2019-02-28+07:00", "2019-02-28T14:00+15:00",
    "XXXX-02-28", "2019-XX-28", "PRESENT_REF", "PAST_REF", "PT2H", "P1Y", "Feb 28", "0000",
    "9999", "2019-02-28T14:00+0700", " 2019"])
def test_invalid_event_dates(value):
    assert not timex.is_valid_event_date(value)
    assert timex.bounds(value) is None


@pytest.mark.parametrize("value,type_,ok", [
    ("PT2H", "DURATION", True), ("PXM", "DURATION", True), ("P1Y6M", "DURATION", True),
    ("P2DE", "DURATION", True), ("2019", "DURATION", False), ("P1W", "SET", True),
    ("XXXX-WXX-1", "SET", True), ("TNI", "SET", True), ("FUTURE_REF", "DATE", True),
    ("2019-02-28T14:00", "TIME", True), ("2019-02-28", "TIME", False),
    ("2019-02-28T14:00+07:00", None, False),   # a TIMEX3 value carries no offset
    ("XXXX-02-28", "DATE", True), ("2019", "YEAR", False)])
def test_timex3_values_by_type(value, type_, ok):
    assert timex.is_valid_value(value, type_) is ok


def test_bounds_follow_the_calendar():
    assert timex.bounds("2019-W09") == (datetime(2019, 2, 25), datetime(2019, 3, 4))
    assert timex.bounds("2019-Q4") == (datetime(2019, 10, 1), datetime(2020, 1, 1))
    assert timex.bounds("201X") == (datetime(2010, 1, 1), datetime(2020, 1, 1))
    assert timex.bounds("2019-02-28T13:30+07:00")[0] == datetime(2019, 2, 28, 13, 30)
    assert timex.utc_instant("2019-02-28T13:30+07:00") == timex.utc_instant("2019-02-28T14:30+08:00")


def test_hand_added_fields_are_kept_with_a_warning(tmp_path):
    path = tmp_path / "summit-ends.yaml"
    path.write_text('id: summit-ends\ndate: "2019-02-28"\ntitle: Summit ends\n'
                    "conflicts:\n- {date: \"2019-02-27\", article: star}\n"
                    "sources:\n- article: star\n  quote: The summit ended.\n  expression: Thursday\n"
                    "  note: checked\nstatus: reviewed\n"
                    "editor_note: confirmed with the desk\nimportance: [high, 3]\n",
                    encoding="utf-8")
    loaded = load_event_file(path)
    assert loaded.event is not None
    assert loaded.event.extra == {"editor_note": "confirmed with the desk", "importance": ["high", 3]}
    assert loaded.event.conflicts == [{"date": "2019-02-27", "article": "star"}]
    messages = [(p.line, p.severity, p.message) for p in loaded.problems]
    assert (10, "warning", "unknown source key 'note', NOT kept when extract rewrites the event; "
            "did you mean 'quote'?") in messages
    assert any(line == 12 and "unknown key 'editor_note', kept as is" in m
               for line, _, m in messages)
    assert load_event_file(path, strict=True).event is None


def test_id_must_be_the_file_name(tmp_path):
    path = tmp_path / "summit-ends.yaml"
    path.write_text('id: summit-end\ndate: "2019-02-28"\ntitle: Summit ends\n', encoding="utf-8")
    loaded = load_event_file(path)
    assert loaded.event is None and loaded.raw_id == "summit-end"
    [problem] = loaded.problems
    assert (problem.line, problem.col) == (1, 5)
    assert "rename the file to summit-end.yaml or set id: summit-ends" in problem.message
