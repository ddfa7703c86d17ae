"""Helpers for the bad-input, audit and safety tests (issue 6): a small project on disk,
a fingerprint of every file in it, and the real CLI run from inside it."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
BT_RAW = SHARED / "articles" / "hanoi-summit" / "businesstimes-trump-kim-summit-ended-abruptly.txt"
STAR_RAW = SHARED / "articles" / "hanoi-summit" / "thestar-trump-kim-summit-breaks-down.txt"

SITE_YAML = """\
title: "Test timeline"
description: "Bad-input tests"
base_url: "/"
language: en
timezone: Asia/Ho_Chi_Minh
"""

# A real sentence of The Star's story and the event an editor records from it.
ANNOUNCE = ("The summit was organised in Hanoi in haste after Trump announced the meeting on "
            "Feb 8, and the White House sought to lower expectations even before the president "
            "left for Vietnam.")
GOOD_EVENT = """\
id: {id}
date: "2019-02-08"
title: Trump announces the Hanoi summit
sources:
- article: star
  quote: "{quote}"
  expression: Feb 8
status: auto
""".replace("{quote}", ANNOUNCE)


def real_text(path: Path) -> str:
    """The body of a real article from ../shared (fails clearly when shared/ is missing)."""
    if not path.exists():
        raise AssertionError(f"test data missing: {path} (the shared/ folder must sit beside the repo)")
    return path.read_text(encoding="utf-8")


def article_md(body: str, published: str | None = '"2019-02-28T07:44:00+08:00"',
               title: str = "Trump-Kim summit ended abruptly over North Korea sanctions",
               place: str = "Hanoi") -> str:
    """A stored article (front matter + body), as `timeline ingest` writes them."""
    lines = ["---", f"title: {title}", "source: The Business Times",
             "url: https://www.businesstimes.com.sg/example"]
    if published is not None:
        lines.append(f"published: {published}")
    lines += [f"place: {place}", "timezone: Asia/Ho_Chi_Minh", "language: en", "---", "", body]
    return "\n".join(lines) + "\n"


def make_project(root: Path, *, events: dict[str, str] | None = None,
                 articles: dict[str, str] | None = None, site: str = SITE_YAML) -> Path:
    (root / "content" / "events").mkdir(parents=True, exist_ok=True)
    (root / "content" / "articles").mkdir(parents=True, exist_ok=True)
    (root / "content" / "site.yaml").write_text(site, encoding="utf-8")
    for name, text in (events or {}).items():
        (root / "content" / "events" / name).write_text(text, encoding="utf-8")
    for name, text in (articles or {}).items():
        (root / "content" / "articles" / name).write_text(text, encoding="utf-8")
    return root


def star_project(root: Path, events: dict[str, str] | None = None, *, body: str | None = None,
                 published: str | None = '"2019-02-28T12:00:00+08:00"') -> Path:
    """A project holding the real Star article of the demo (body as published)."""
    body = real_text(STAR_RAW) if body is None else body
    return make_project(root, articles={"star.md": article_md(
        body, published=published, title="Trump-Kim summit breaks down")}, events=events)


def tree_state(root: Path, skip: tuple[str, ...] = (".timeline.lock",)) -> dict[str, str]:
    """sha256 of every file under ``root`` (relative path -> digest)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not rel.startswith(skip):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run(project: Path, *args: str, timeout: float = 300, input: str | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    """`python -m timeline ARGS` from inside the project, as a user runs it."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "timeline", *map(str, args)], cwd=project,
                          capture_output=True, text=True, timeout=timeout, input=input,
                          env=full_env)


def cli(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`timeline ARGS` through the CLI's main() in this process, from inside the project
    (same argv parsing, messages and exit code as the console script, without paying for
    a new interpreter and the tagger's start-up on every case)."""
    import contextlib
    import io

    from timeline.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = os.getcwd()
    os.chdir(project)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([str(a) for a in args])
    finally:
        os.chdir(previous)
    return subprocess.CompletedProcess(["timeline", *args], code, out.getvalue(), err.getvalue())


def no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr


def output(proc: subprocess.CompletedProcess) -> str:
    return proc.stdout + proc.stderr
