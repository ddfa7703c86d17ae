"""Evidence (a quoted or undated report that corroborates an event) is a source only when
its own date fits the event's: on three real Reuters articles of the BP oil spill, the
sentence "Joe Barton, who said last week that the fund set up by BP ... amounted to a
government 'shakedown'" joined the $20 billion fund event of Wednesday 16 June through
another report's "last month" (June 2010 holds both), and was cited with its
'last week' (June 7-13) for 16 June: `timeline check` then warned, on the record extract
had just written, that a tagger upgrade would move it."""
from __future__ import annotations

from test_extract import events, t17_extracted

IDS = ("1572", "451", "790")     # the 'last month', 'on Wednesday' and 'last week' reports


def test_evidence_dated_otherwise_is_no_source_of_the_event(tmp_path, run_cli):
    root = t17_extracted(run_cli, tmp_path, {"bpoil_reuters": IDS})
    fund = [e for e in events(root).values()
            if any("agreed on Wednesday to set up a $20" in s["quote"] for s in e["sources"])]
    assert len(fund) == 1 and fund[0]["date"] == "2010-06-16", fund
    expressions = [s["expression"] for s in fund[0]["sources"]]
    assert "Wednesday" in expressions and "last week" not in expressions, fund[0]["sources"]
    proc = run_cli("check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "resolves to" not in proc.stdout, proc.stdout
