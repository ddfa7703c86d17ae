"""One reader for the project's articles: `timeline tag a.md` and ingest's duplicate check
read content/articles/*.md through schema.load_article_file, like check and extract, so a
broken front matter is reported the same way (file:line) everywhere. Every command prints
its report on stdout (errors of the run itself on stderr)."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import REPO

ARTICLE = """---
title: Summit ends
source: Example News
url: https://example.org/summit
published: "2019-02-28T07:44:00"
place: Hanoi
---

The summit ended on Thursday.
"""


def test_tag_reports_a_broken_front_matter_with_file_and_line(run_cli, tmp_path):
    art = tmp_path / "summit.md"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("tag", art, "--out", out, cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "summit.md:5:" in result.stderr and "'published' has no UTC offset" in result.stderr
    assert not out.exists()
    fixed = tmp_path / "fixed.md"
    fixed.write_text(ARTICLE.replace('07:44:00"', '07:44:00+07:00"'), encoding="utf-8")
    result = run_cli("tag", fixed, "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"value": "2019-02-28"' in result.stdout and '"text": "Thursday"' in result.stdout


def test_ingest_names_an_unreadable_article_and_reports_on_stdout(run_cli, tmp_path, demo_articles):
    root = tmp_path / "proj"
    (root / "content" / "articles").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", root / "content" / "site.yaml")
    broken = root / "content" / "articles" / "old.md"
    broken.write_text(ARTICLE, encoding="utf-8")
    first = run_cli("ingest", "--root", root, demo_articles / "thestar-trump-kim-summit-breaks-down.txt")
    assert first.returncode == 0 and first.stderr == ""
    assert "old.md:5:" in first.stdout and "not checked for duplicates: 'published' has no " \
        "UTC offset" in first.stdout
    again = run_cli("ingest", "--root", root, demo_articles / "thestar-trump-kim-summit-breaks-down.txt",
                    tmp_path / "missing.txt")
    assert again.returncode == 1 and again.stderr == ""
    assert "1 unchanged" in again.stdout and f"{tmp_path / 'missing.txt'}: no such file" in again.stdout
    assert broken.read_text(encoding="utf-8") == ARTICLE
    assert len(list((root / "content" / "articles").glob("*.md"))) == 2
