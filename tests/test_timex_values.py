"""timeline.timex: which TIMEX3 values are valid TimeML, per type (the tagger's property
tests and `timeline check` rely on it), checked on a table and on TBAQ's gold values."""
from __future__ import annotations

from collections import Counter

import pytest

from conftest import TBAQ, require_shared
from timeline.timeml_doc import parse_timeml
from timeline.timex import is_valid_event_date, is_valid_value

VALID = {
    "DATE": ["2019", "2019-02", "2019-02-28", "XXXX-02-28", "XXXX-XX-28", "2019-W09", "XXXX-WXX-4",
             "2019-W09-WE", "2019-SP", "2019-SU", "2019-FA", "2019-WI", "2019-Q1", "2019-Q4",
             "2019-H1", "2019-H2", "197", "197X", "19", "19XX", "PRESENT_REF", "PAST_REF",
             "FUTURE_REF", "2019-02-28TMO", "2019-02-28TAF", "2019-02-28TEV", "2019-02-28TNI",
             "XXXX", "2020-02-29"],
    "TIME": ["2019-02-28T14:00", "2019-02-28T14", "2019-02-28T14:00:05", "2019-02-28TMO",
             "XXXX-XX-XXT14:30", "PRESENT_REF", "2019-02-28T24:00"],
    "DURATION": ["P2Y", "P1Y6M", "P3W", "PT2H", "PT2H30M", "PT30S", "P1.5Y", "PXM", "PXY", "PTXH",
                 "P2DE", "P1CE", "P1Q", "P1WE", "P100Y"],
    "SET": ["P1W", "XXXX-WXX-1", "TNI", "XXXX-XX-XXTMO", "P1D", "XXXX-02"],
}
INVALID = {
    "DATE": ["", "2019-13", "2019-02-30", "2019-W54", "2019-Q5", "2019-H3", "2019-XY", "2019-2-8",
             "2000-W7", "19990", "P1D", "2019-02-28T14:00+07:00", "2019-02-28 ", "yesterday",
             "2019-02-28TXY", "2019-02-28T25:00"],
    "TIME": ["2019-02-28", "2019-02-28T14:60", "2019-02-28T14:00Z", "T14:00+07:00", "2019"],
    "DURATION": ["P", "PT", "P2", "2Y", "PT2D", "P2YT", "1989-Q4", "PXX", "P-1Y", "P1E"],
    "SET": ["", "EVERY", "P"],
}


@pytest.mark.parametrize("type_, value", [(t, v) for t, vs in VALID.items() for v in vs])
def test_valid_values(type_, value):
    assert is_valid_value(value, type_)


@pytest.mark.parametrize("type_, value", [(t, v) for t, vs in INVALID.items() for v in vs])
def test_invalid_values(type_, value):
    assert not is_valid_value(value, type_)


@pytest.mark.parametrize("value, ok", [
    ("2019-02-28T14:00+07:00", True), ("2019-02-28T14:00Z", True), ("2019-02-28T14:00-05:30", True),
    ("2019-02-28", True), ("2019-W09", True), ("2019-02-28TMO", True),
    ("2019-02-28+07:00", False), ("2019-02-28T14:00+25:00", False), ("XXXX-02-28", False),
    ("PRESENT_REF", False), ("P2D", False),
])
def test_event_dates_keep_a_utc_offset_on_clock_times_only(value, ok):
    assert is_valid_event_date(value) is ok


def test_tbaq_gold_values_are_valid_except_known_annotation_slips():
    """TimeBank/AQUAINT gold is TimeML: nearly every value passes; the few that do not are
    annotation slips (unpadded weeks "2000-W7", DURATION typed dates, "PXX")."""
    bad, n = Counter(), 0
    for path in sorted(require_shared(TBAQ).glob("*/*.tml")):
        for t in parse_timeml(path.read_text(encoding="utf-8"), path).timexes:
            n += 1
            if not is_valid_value(t.value, t.type):
                bad[(t.type, t.value)] += 1
    assert n == 1822
    assert sum(bad.values()) <= 30, bad.most_common(10)
    assert ("DATE", "2000-W7") in bad and ("DURATION", "1989-Q4") in bad
