"""Shared fixtures: where the repo and ../shared are, and a way to run the real CLI."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEMO_ARTICLES = SHARED / "articles" / "hanoi-summit"
TBAQ = SHARED / "corpora" / "tbaq"
T17 = SHARED / "corpora" / "t17"


def require_shared(path: Path) -> Path:
    """Real data lives in ../shared; a missing copy is a failure, not a silent skip."""
    if not path.exists():
        pytest.fail(f"test data missing: {path} (the shared/ folder must sit beside the repo)")
    return path


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def demo_articles() -> Path:
    return require_shared(DEMO_ARTICLES)


@pytest.fixture
def run_cli():
    """Run `python -m timeline ARGS...` as a user would; returns CompletedProcess (text)."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None,
            timeout: float = 300):
        full_env = dict(os.environ)
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], cwd=cwd or REPO,
                              input=input, capture_output=True, text=True, env=full_env,
                              timeout=timeout)

    return run


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """A copy of the repo's committed demo project (content/ and templates/) to change freely."""
    dest = tmp_path / "demo"
    shutil.copytree(REPO / "content", dest / "content")
    if (REPO / "templates").exists():
        shutil.copytree(REPO / "templates", dest / "templates")
    return dest


def update_golden() -> bool:
    """`make golden` sets TIMELINE_UPDATE_GOLDEN=1 to rewrite golden files instead of comparing."""
    return os.environ.get("TIMELINE_UPDATE_GOLDEN") == "1"
