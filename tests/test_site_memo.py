"""What a build keeps for the next (timeline.site.memo): pieces made after the first
build go to a log instead of rewriting the whole pickle, a later build reads them back,
and a log cut short or written under other code only costs time."""
from __future__ import annotations

from pathlib import Path

from timeline.site.memo import Fragments


class View:
    def __init__(self, page_fp: str):
        self.page_fp = page_fp


def render(v: View) -> str:
    return f"<li>{v.page_fp}</li>"


def build(path: Path, fps: list[str], salt: str = "s1") -> tuple[list[str], Fragments]:
    memo = Fragments(path, salt)
    views = [View(fp) for fp in fps]
    pieces = [memo.get("item", v, render) for v in views]
    memo.keep("item", views)
    memo.save()
    return pieces, memo


def test_new_pieces_are_logged_then_read_back(tmp_path):
    path = tmp_path / "fragments.pickle"
    fps = [f"fp{i}" for i in range(100)]
    build(path, fps)
    size = path.stat().st_size
    _, memo = build(path, fps[:99] + ["edited"])
    assert memo.made == {"item": {"edited": "<li>edited</li>"}}
    assert path.stat().st_size == size and Path(f"{path}.log").is_file()   # appended, not rewritten
    pieces, memo = build(path, fps[:99] + ["edited"])
    assert memo.made == {} and pieces[-1] == "<li>edited</li>"


def test_a_log_cut_short_or_of_other_code_costs_only_time(tmp_path):
    path = tmp_path / "fragments.pickle"
    log = Path(f"{path}.log")
    fps = [f"fp{i}" for i in range(100)]
    build(path, fps)
    build(path, fps + ["new"])
    log.write_bytes(log.read_bytes()[:-5])           # a build killed while appending
    pieces, memo = build(path, fps + ["new"])
    assert "new" in memo.made["item"] and pieces[-1] == "<li>new</li>"
    assert not log.exists()                           # folded into the pickle
    build(path, fps + ["newer"])
    pieces, memo = build(path, fps + ["newer"], salt="s2")   # other code: nothing reused
    assert len(memo.made["item"]) == 101 and pieces == [render(View(fp)) for fp in fps + ["newer"]]


def test_the_log_is_folded_away_when_it_grows_or_events_go(tmp_path):
    path = tmp_path / "fragments.pickle"
    log = Path(f"{path}.log")
    fps = [f"fp{i}" for i in range(100)]
    build(path, fps)
    for n in range(Fragments.LOG_MIN // 100 + 1):
        build(path, [f"{fp}-{n}" for fp in fps])
    assert not log.exists()                           # past LOG_MIN pieces: one pickle again
    build(path, [f"fp{i}" for i in range(Fragments.LOG_MIN + 100)])
    build(path, ["only"])                            # far fewer events than pieces kept
    memo = Fragments(path, "s1")
    assert not log.exists() and memo.old == {"item": {"only": "<li>only</li>"}}


def test_pieces_a_worker_made_are_kept_like_the_own(tmp_path):
    path = tmp_path / "fragments.pickle"
    build(path, ["a", "b"])
    worker = Fragments(path, "s1")                    # a forked worker: same cache, own dicts
    worker.get("item", View("c"), render)
    worker.get("item", View("a"), render)
    parent = Fragments(path, "s1")
    parent.adopt(worker.new)
    assert parent.made == {"item": {"c": "<li>c</li>"}}
    parent.keep("item", [View("a"), View("b"), View("c")])
    parent.save()
    assert Fragments(path, "s1").old["item"] == {fp: f"<li>{fp}</li>" for fp in "abc"}


def test_the_caches_are_keyed_by_the_code_that_runs_not_the_files_edited_since(tmp_path):
    """A module edited on disk while a build process runs (a checkout, an editor) must not
    change the key that process writes its caches under: a later build running the
    edited code would trust pieces the old code made (seen: a labels.When pickled
    without a field the new chart.py reads)."""
    import shutil
    import subprocess
    import sys

    import timeline
    copy = tmp_path / "code"
    shutil.copytree(Path(timeline.__file__).parent, copy / "timeline",
                    ignore=shutil.ignore_patterns("__pycache__", "theme"))
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path\n"
        "import timeline.site as site, timeline.site.load as load\n"
        "assert site.__file__.startswith(sys.argv[1]), site.__file__\n"
        "before = site.code_version(), load._code_version()\n"
        "root = Path(sys.argv[1]) / 'timeline'\n"
        "for rel in ('site/labels.py', 'model.py'):\n"
        "    with open(root / rel, 'a') as fh: fh.write('# edited after the import\\n')\n"
        "print(before == (site.code_version(), load._code_version()))\n")
    done = subprocess.run([sys.executable, "-c", script, str(copy)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
