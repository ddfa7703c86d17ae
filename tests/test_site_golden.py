"""Golden site: the fixture project's built site, file by file (assets excluded: they are
the theme's files copied verbatim). After an intended change run `make golden` and review
the diff of tests/golden/site/."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from site_check import FIXTURE, REPO, build, copy_project

GOLDEN = REPO / "tests" / "golden" / "site"


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith("assets/")}


def test_site_matches_golden(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    build(project, tmp_path / "site", base_url="https://example.github.io/fixture/")
    built = _files(tmp_path / "site")
    if os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1":      # `make golden`
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, data in built.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_bytes(data)
    assert GOLDEN.is_dir(), "no golden site yet: run `make golden`"
    golden = _files(GOLDEN)
    assert sorted(built) == sorted(golden), "pages added or removed; run `make golden` if intended"
    changed = [rel for rel in built if built[rel] != golden[rel]]
    assert changed == [], f"changed: {changed[:10]}; run `make golden` and review the diff"
