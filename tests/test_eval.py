"""`timeline eval`: our TempEval-3 TIMEX3 scores equal ../shared/tools/te3/score.py's on
real system outputs (dateparser through ../shared/tools/te3/run_dateparser.py, and our own
tagger), made here from the TBAQ documents in ../shared, and the matching rules hold on
small cases."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SHARED, TBAQ, require_shared
from timeline.evaluate import evaluate_dirs, pair_timexes, summary
from timeline.timeml_doc import Timex

METRICS = ("strict", "relaxed", "type", "value")
# TimeBank documents the real-output tests run on (a mix of broadcast and WSJ news).
SAMPLE = ["CNN19980223.1130.0960.tml", "VOA19980331.1700.1533.tml", "wsj_0263.tml",
          "wsj_0292.tml", "wsj_0348.tml", "wsj_0675.tml", "wsj_0709.tml", "wsj_0760.tml",
          "wsj_0805.tml", "wsj_0924.tml", "wsj_0928.tml", "wsj_1013.tml", "wsj_1025.tml"]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, Path]:
    """Gold, tagger input and two real systems' outputs for SAMPLE, made in this run."""
    root = tmp_path_factory.mktemp("te3")
    tools = require_shared(SHARED / "tools" / "te3")
    gold = root / "gold"
    gold.mkdir()
    for name in SAMPLE:
        shutil.copy(require_shared(TBAQ / "TimeBank" / name), gold / name)
    run = dict(capture_output=True, text=True, check=True, timeout=300)
    subprocess.run([sys.executable, str(tools / "te3io.py"), "strip", str(gold), str(root / "in")],
                   **run)
    subprocess.run([sys.executable, str(tools / "run_dateparser.py"), str(root / "in"),
                    str(root / "dateparser")], **run)
    subprocess.run([sys.executable, "-m", "timeline", "tag", *sorted(map(str, (root / "in").iterdir())),
                    "--out", str(root / "timeline")], cwd=REPO, **run)
    return {"gold": gold, "dateparser": root / "dateparser", "timeline": root / "timeline"}


def score_py(gold: Path, system: Path) -> dict:
    script = require_shared(SHARED / "tools" / "te3" / "score.py")
    out = subprocess.run([sys.executable, str(script), str(gold), str(system), "--json", "-", "--quiet"],
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)


def assert_same_scores(ours: dict, theirs: dict) -> None:
    for key in ("docs", "gold_timexes", "system_timexes"):
        assert ours[key] == theirs[key], key
    for m in METRICS:
        assert ours[m]["correct"] == theirs[m]["correct"], m
        for k in ("p", "r", "f1"):
            assert ours[m][k] == pytest.approx(theirs[m][k], abs=1e-12), (m, k)
    for w in ("missing_system_docs", "text_mismatch_docs", "spans_lost_in_alignment"):
        assert ours["warnings"][w] == theirs["warnings"][w], w


@pytest.mark.parametrize("system", ["dateparser", "timeline"])
def test_eval_cli_equals_score_py_on_real_system_output(system, outputs, run_cli):
    sys_dir, gold = outputs[system], outputs["gold"]
    assert len(list(sys_dir.glob("*.tml"))) == len(SAMPLE)
    theirs = score_py(gold, sys_dir)
    assert theirs["relaxed"]["correct"] > theirs["strict"]["correct"]      # spans differ: a real test
    assert theirs["value"]["correct"] < theirs["relaxed"]["correct"]
    res = run_cli("eval", gold, sys_dir, "--json")
    assert res.returncode == 0, res.stderr
    assert_same_scores(json.loads(res.stdout), theirs)
    table = run_cli("eval", gold, sys_dir)
    assert f"{100 * theirs['value']['f1']:.2f}" in table.stdout


def test_eval_equals_score_py_with_changed_text_missing_docs_and_subfolders(tmp_path, outputs):
    """System text edited (spans re-aligned), one document missing, outputs in a sub-folder."""
    gold = outputs["gold"]
    system = tmp_path / "system" / "part"
    system.mkdir(parents=True)
    for i, name in enumerate(SAMPLE[1:]):
        raw = (outputs["dateparser"] / name).read_text(encoding="utf-8")
        if i % 2 == 0:   # the system re-wrapped and trimmed its text
            head, _, body = raw.partition("<TEXT>")
            body = body.replace("\n", " \n", 40).replace(" the ", " ", 10).replace(" a ", "  a ", 5)
            raw = head + "<TEXT>" + body
        (system / name.replace(".tml", ".TE3input")).write_text(raw, encoding="utf-8")
    theirs = score_py(gold, tmp_path / "system")
    assert theirs["warnings"]["text_mismatch_docs"] >= 2 and theirs["warnings"]["missing_system_docs"] == 1
    ours = summary(evaluate_dirs(gold, tmp_path / "system"))
    assert_same_scores(ours, theirs)


def test_eval_of_gold_against_itself_is_perfect(run_cli):
    gold = require_shared(TBAQ / "TimeBank")
    res = run_cli("eval", gold, gold, "--json")
    s = json.loads(res.stdout)
    assert s["gold_timexes"] == s["system_timexes"] > 1000
    assert all(s[m]["f1"] == 1.0 for m in METRICS)


def t(start: int, end: int, value: str = "2019", type_: str = "DATE") -> Timex:
    return Timex(start, end, {"type": type_, "value": value})


def test_matching_prefers_exact_spans_then_largest_overlap():
    gold = [t(0, 10), t(12, 20)]
    system = [t(0, 5), t(0, 10), t(11, 14), t(13, 20)]
    assert pair_timexes(gold, system) == [(0, 1), (1, 3)]


def test_matching_is_one_to_one():
    assert pair_timexes([t(0, 20)], [t(0, 5), t(6, 20)]) == [(0, 1)]
    assert pair_timexes([t(0, 5), t(6, 20)], [t(0, 20)]) == [(1, 0)]


def test_type_and_value_count_only_on_relaxed_matches(tmp_path):
    gold_xml = ('<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument='
                '"CREATION_TIME">x</TIMEX3></DCT><TEXT>on <TIMEX3 tid="t1" type="DATE" value="1998-01-09">'
                'Friday morning</TIMEX3>, for <TIMEX3 tid="t2" type="DURATION" value="P2Y">two years</TIMEX3>'
                '</TEXT></TimeML>')
    sys_xml = ('<TimeML><TEXT>on <TIMEX3 tid="t1" type="DATE" value="1998-01-09">Friday</TIMEX3> morning, '
               'for two <TIMEX3 tid="t2" type="DATE" value="P2Y">years</TIMEX3></TEXT></TimeML>')
    (tmp_path / "g").mkdir()
    (tmp_path / "s").mkdir()
    (tmp_path / "g" / "d.tml").write_text(gold_xml)
    (tmp_path / "s" / "d.tml").write_text(sys_xml)
    s = summary(evaluate_dirs(tmp_path / "g", tmp_path / "s"))
    assert (s["strict"]["correct"], s["relaxed"]["correct"], s["type"]["correct"],
            s["value"]["correct"]) == (0, 2, 1, 2)
    assert s["type"]["f1"] == 0.5 and s["value"]["f1"] == 1.0
    assert_same_scores(s, score_py(tmp_path / "g", tmp_path / "s"))


def test_eval_errors_name_the_path(tmp_path, run_cli):
    res = run_cli("eval", tmp_path / "nope", tmp_path)
    assert res.returncode == 1 and "nope" in res.stderr and "Traceback" not in res.stderr
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "d.tml").write_text("<TimeML>no text element</TimeML>")
    res = run_cli("eval", tmp_path / "g", tmp_path / "g")
    assert res.returncode == 1 and "d.tml" in res.stderr and "TEXT" in res.stderr


def test_eval_of_single_files_and_errors_table(tmp_path, run_cli, outputs):
    gold = outputs["gold"] / "wsj_0709.tml"
    system = outputs["dateparser"] / "wsj_0709.tml"
    errors = tmp_path / "errors.tsv"
    res = run_cli("eval", gold, system, "--json", "--errors", errors)
    assert res.returncode == 0, res.stderr
    s = json.loads(res.stdout)
    in_text = system.read_text(encoding="utf-8").split("<TEXT>", 1)[1]
    assert s["docs"] == 1 and s["gold_timexes"] == 7
    assert s["system_timexes"] == in_text.count("<TIMEX3 ") > 0
    rows = [line.split("\t") for line in errors.read_text(encoding="utf-8").splitlines()[1:]]
    kinds = [r[1] for r in rows]
    # every gold timex is either perfect or a row; every system timex likewise
    assert kinds.count("missed") == s["gold_timexes"] - s["relaxed"]["correct"]
    assert kinds.count("spurious") == s["system_timexes"] - s["relaxed"]["correct"]
    assert sum("value" in k for k in kinds) == s["relaxed"]["correct"] - s["value"]["correct"]
    assert sum("span" in k for k in kinds) == s["relaxed"]["correct"] - s["strict"]["correct"]
    assert all(r[0] == "wsj_0709.tml" for r in rows)
