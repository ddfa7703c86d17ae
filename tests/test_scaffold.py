"""`timeline init`: a new project that builds on its own, outside this repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from timeline.scaffold import FILES, workflow_text

PAGES_ACTIONS = ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact",
                 "actions/deploy-pages")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_every_file_and_names_them(run_cli, tmp_path):
    target = tmp_path / "news"
    result = run_cli("init", target)
    assert result.returncode == 0, result.stderr
    for rel in FILES:
        assert (target / rel).is_file(), rel
        if not rel.endswith(".gitkeep"):
            assert f"created {target / rel}" in result.stdout
    site = yaml.safe_load((target / "content/site.yaml").read_text())
    assert set(site) == {"title", "description", "base_url", "language", "timezone"}
    assert "#" in (target / "content/site.yaml").read_text()   # commented for the editor
    from timeline.site.load import CACHE_DIR
    ignored = (target / ".gitignore").read_text().split()
    assert {"/site/", ".*.building-*/", "/.venv/", f"/{CACHE_DIR}/"} <= set(ignored)
    assert "timeline" in (target / "requirements.txt").read_text()
    assert not (target / "templates").exists()   # the theme comes from the package


def test_init_relative_dir_is_under_root(run_cli, tmp_path):
    result = run_cli("init", "proj", "--root", tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "proj" / "content" / "site.yaml").is_file()


def test_init_refuses_to_overwrite_and_writes_nothing(run_cli, tmp_path):
    target = tmp_path / "existing"
    (target / "content").mkdir(parents=True)
    (target / "content" / "site.yaml").write_text("title: mine\n")
    (target / "notes.txt").write_text("keep me\n")
    before = snapshot(target)
    result = run_cli("init", target)
    assert result.returncode == 1
    assert "site.yaml" in result.stderr and "already exists" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(target) == before   # nothing added, nothing changed


def init_clone(run_cli, tmp_path, name: str, text: str):
    """`timeline init` into a fresh clone that holds only ``name``; that file is kept."""
    target = tmp_path / "clone"
    target.mkdir()
    (target / name).write_text(text)
    result = run_cli("init", target)
    assert result.returncode == 0, result.stderr
    assert (target / name).read_text() == text
    return target, result


def test_init_into_a_fresh_clone_keeps_its_readme(run_cli, tmp_path):
    target, result = init_clone(run_cli, tmp_path, "README.md", "# my repo\n")
    assert f"kept your {target / 'README.md'}" in result.stdout
    assert (target / "Makefile").is_file()


def test_init_into_a_clone_with_a_gitignore_keeps_it_and_says_what_to_add(run_cli, tmp_path):
    """GitHub offers a .gitignore when a repository is made: init used to refuse the whole
    project over it ("already exists"), so a journalist could not start in their own repo."""
    target, result = init_clone(run_cli, tmp_path, ".gitignore", "__pycache__/\n.venv/\n/site/\n")
    kept = next(x for x in result.stdout.splitlines() if x.startswith("kept your"))
    assert kept.startswith(f"kept your {target / '.gitignore'}; add these lines to it")
    asked = kept.split(": ", 1)[1].split()
    assert "/.timeline.lock" in asked and "/.timeline-cache/" in asked
    assert "/site/" not in asked                 # already there
    assert "/.venv/" not in asked                # '.venv/' ignores it anywhere, the top too


def test_init_asks_only_for_gitignore_lines_the_clone_does_not_cover(run_cli, tmp_path):
    """GitHub's Python template writes '.venv' and '/site' (no trailing '/'): they ignore
    what '/.venv/' and '/site/' do, so init does not ask for them again; an anchored
    '/__pycache__/' does not cover '__pycache__/' (every folder's)."""
    target, result = init_clone(run_cli, tmp_path, ".gitignore",
                                ".venv\n/site\n/__pycache__/\n*.pyc\n.DS_Store\n")
    kept = next(x for x in result.stdout.splitlines() if x.startswith("kept your"))
    assert sorted(kept.split(": ", 1)[1].split()) == \
        [".*.building-*/", "/.timeline-cache/", "/.timeline.lock", "__pycache__/"]
    assert (target / "content" / "site.yaml").is_file() and (target / "Makefile").is_file()


def test_init_refuses_a_file_as_target(run_cli, tmp_path):
    target = tmp_path / "file"
    target.write_text("x")
    result = run_cli("init", target)
    assert result.returncode == 1 and str(target) in result.stderr
    assert target.read_text() == "x"


def test_repo_workflow_is_the_one_init_writes(tmp_path, run_cli):
    repo_copy = (REPO / ".github" / "workflows" / "pages.yml").read_text()
    assert repo_copy == workflow_text(), "refresh with: cp timeline/skeleton/pages.yml .github/workflows/"
    run_cli("init", tmp_path / "p")
    assert (tmp_path / "p" / ".github/workflows/pages.yml").read_text() == repo_copy


def test_workflow_builds_with_make_site_and_deploys_with_the_pages_actions():
    flow = yaml.safe_load(workflow_text())
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"
    assert flow["concurrency"]["group"]
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    used = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    for action in PAGES_ACTIONS:
        assert action in used, action
    build = next(s for s in steps if "make site" in s.get("run", ""))
    assert "steps.pages.outputs.base_url" in build["run"]      # base path from configure-pages
    pages_step = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages"))
    assert pages_step["id"] == "pages"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    assert flow["jobs"]["deploy"]["needs"] == "build"


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_new_project_builds_with_make_site_without_templates(run_cli, tmp_path):
    """The user path: init, then `make site` (timeline already installed) with a base path;
    the default theme comes from the package since the project has no templates/."""
    target = tmp_path / "fresh"
    assert run_cli("init", target).returncode == 0
    timeline = f"{sys.executable} -m timeline"
    result = subprocess.run(["make", "site", f"TIMELINE={timeline}", "SETUP=", "BASE_URL=/sub/path/"],
                            cwd=target, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    index = (target / "site" / "index.html").read_text()
    assert "My timeline" in index
    assert "/sub/path/" in index


def test_wheel_ships_theme_and_skeleton_and_works_outside_the_repo(tmp_path):
    """Build the real wheel, then run `init` + `build` from its unpacked files alone
    (dependencies from the current environment, never the repo's editable install)."""
    wheels = tmp_path / "wheels"
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    wheel = next(wheels.glob("timeline-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    templates = sorted(p.relative_to(REPO / "templates").as_posix()
                       for p in (REPO / "templates").rglob("*") if p.is_file() and not p.name.startswith("."))
    assert templates, "templates/ holds the default theme"
    for rel in templates:
        assert f"timeline/theme/{rel}" in names, rel
    for source in set(FILES.values()) - {""}:
        assert f"timeline/skeleton/{source}" in names, source

    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(wheel).extractall(unpacked)
    site_packages = [p for p in sys.path if p.endswith("site-packages")]
    # -S: no site processing, so the editable install's path hook never loads; plain
    # sys.path entries give the dependencies only.
    boot = ("import sys; sys.path[:0] = [sys.argv.pop(1)]; sys.path += sys.argv.pop(1).split(os.pathsep);"
            "from timeline.cli import main; import timeline; "
            "assert timeline.__file__.startswith(sys.path[0]), timeline.__file__; sys.exit(main())")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def run(*args):
        return subprocess.run([sys.executable, "-S", "-c", "import os;" + boot, str(unpacked),
                               os.pathsep.join(site_packages), *map(str, args)],
                              capture_output=True, text=True, timeout=300, cwd=tmp_path, env=env)

    project = tmp_path / "outside"
    result = run("init", project)
    assert result.returncode == 0, result.stderr
    result = run("build", "--root", project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "index.html").is_file()
