"""`timeline check` on extract's fingerprints (content/events/.generated.json): after two
editors each ran extract and pushed, git leaves conflict markers in it; extract then reads
no fingerprint and refreshes no auto event, silently. check names the file and line."""
from __future__ import annotations

from errcase import cli, output, star_project, tree_state


def checked(tmp_path, mangle):
    project = star_project(tmp_path)
    assert cli(project, "extract", "--quiet").returncode == 0
    state = project / "content" / "events" / ".generated.json"
    state.write_text(mangle(state.read_text(encoding="utf-8")), encoding="utf-8")
    before = tree_state(project)
    proc = cli(project, "check")
    assert tree_state(project) == before
    assert proc.returncode == 0, output(proc)    # a warning: the record itself is fine
    return proc


def test_a_merge_conflict_in_the_fingerprints_is_named(tmp_path):
    def conflict(text):
        lines = text.splitlines(keepends=True)
        return "".join(lines[:2] + ["<<<<<<< HEAD\n", lines[2], "=======\n", lines[2],
                                    ">>>>>>> editor-b\n"] + lines[3:])
    proc = checked(tmp_path, conflict)
    assert ("content/events/.generated.json:3:1: warning: unresolved git merge conflict in "
            "extract's fingerprints") in proc.stdout, proc.stdout
    assert "refreshes no auto event" in proc.stdout


def test_broken_json_in_the_fingerprints_is_named(tmp_path):
    proc = checked(tmp_path, lambda text: text.replace("}\n", "}\n,,", 1))
    assert "content/events/.generated.json:" in proc.stdout
    assert "extract's fingerprints are not valid JSON" in proc.stdout, proc.stdout


def test_fingerprints_as_extract_wrote_them_are_no_finding(tmp_path):
    proc = checked(tmp_path, lambda text: text)
    assert ".generated.json" not in proc.stdout, proc.stdout
