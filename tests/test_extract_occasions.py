"""Alike reports on different dates are two occasions of a recurring happening, not one
happening whose reports conflict on its date. Three real Reuters articles of the BP oil
spill each tell the day's boat operations in the same words ("About 250 boats deployed
protective booms and used dispersants ... on Friday", "Nearly 200 boats ... on
Saturday", "Hundreds of boats ... again on Sunday"), and two the day's share price ("BP
shares fell 1.1 percent at 4:29 a.m. ET", "fell 0.9 percent at 1430 GMT"). Extract made
one event of each with made-up `conflicts` (the end-to-end audit of session 11): each
gives a figure the other lacks, or says the happening came again."""
from __future__ import annotations

from test_extract import events, t17_extracted

BOATS = ("970", "218", "1904")      # published 7, 8 and 9 May 2010
SHARES = ("1001", "2067")           # both 10 May 2010


def _with(found: dict, words: str) -> list[dict]:
    return [e for e in found.values() if any(words in s["quote"] for s in e["sources"])]


def test_daily_operations_and_share_prices_are_events_of_their_own_days(tmp_path, run_cli):
    root = t17_extracted(run_cli, tmp_path, {"bpoil_reuters": BOATS + SHARES})
    found = events(root)
    boats = {}
    for day, words in (("2010-05-07", "About 250 boats"), ("2010-05-08", "Nearly 200 boats"),
                       ("2010-05-09", "Hundreds of boats")):
        matched = _with(found, words)
        assert len(matched) == 1, (words, matched)
        boats[day] = matched[0]
        assert matched[0]["date"] == day, matched[0]
        assert "conflicts" not in matched[0], matched[0]
    assert len({e["id"] for e in boats.values()}) == 3, boats
    shares = [_with(found, "fell 1.1 percent"), _with(found, "fell 0.9 percent")]
    assert all(len(s) == 1 for s in shares), shares
    assert shares[0][0]["id"] != shares[1][0]["id"], shares
    assert not any("conflicts" in s[0] for s in shares), shares
