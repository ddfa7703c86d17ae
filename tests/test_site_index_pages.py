"""The index pages of the default theme (Sources, Years, About, Tags/People/Places) read
well at the edges, end to end through `timeline build`."""
from __future__ import annotations

import re

from site_check import FIXTURE


def test_an_empty_timeline_says_so_instead_of_showing_empty_lists(tmp_path, run_cli):
    """A new project (no article, no event yet) builds pages that say there is nothing
    yet, with no empty <ul> for a screen reader to announce as a list of 0 items."""
    import shutil
    root = tmp_path / "empty"
    for folder in ("articles", "events"):
        (root / "content" / folder).mkdir(parents=True)
    shutil.copyfile(FIXTURE / "content" / "site.yaml", root / "content" / "site.yaml")
    out = tmp_path / "site"
    done = run_cli("build", "--root", root, "--out", out)
    assert done.returncode == 0, done.stdout + done.stderr
    pages = {rel: (out / rel / "index.html").read_text(encoding="utf-8")
             for rel in ("articles", "years", "about", "tags", "people", "places")}
    assert "There are no source articles yet." in pages["articles"]
    assert "There are no events yet." in pages["years"]
    assert "there are none yet" in pages["about"] and "<h2>Articles</h2>" not in pages["about"]
    for rel, html in pages.items():
        assert not re.search(r"<ul[^>]*>\s*</ul>", html), rel


def test_sources_are_listed_in_the_order_they_were_published(tmp_path, run_cli):
    """'Oldest first' compares instants: a paper's 07:00 in Kuala Lumpur (23:00 UTC the
    day before) came out before a 23:30 UTC wire story, though its local date string
    sorts after it; an article known only to the day sorts at its day's start."""
    import shutil
    root = tmp_path / "p"
    for folder in ("articles", "events"):
        (root / "content" / folder).mkdir(parents=True)
    shutil.copyfile(FIXTURE / "content" / "site.yaml", root / "content" / "site.yaml")
    articles = {
        "wire-late": ('"2019-02-27T23:30:00+00:00"', "London", "Europe/London", ""),
        "kl-morning": ('"2019-02-28T07:00:00+08:00"', "Kuala Lumpur", "Asia/Kuala_Lumpur", ""),
        "day-only": ('"2019-02-26T00:00:00+07:00"', "Hanoi", "Asia/Bangkok", "published_precision: day\n"),
    }
    for slug, (published, place, zone, extra) in articles.items():
        (root / "content" / "articles" / f"{slug}.md").write_text(
            f'---\ntitle: "Story {slug}"\nsource: "Outlet"\npublished: {published}\n{extra}'
            f"place: {place}\ntimezone: {zone}\nlanguage: en\n---\n\nLeaders met on Thursday.\n",
            encoding="utf-8")
    out = tmp_path / "site"
    done = run_cli("build", "--root", root, "--out", out)
    assert done.returncode == 0, done.stdout + done.stderr
    html = (out / "articles" / "index.html").read_text(encoding="utf-8")
    order = [html.index(f"Story {slug}") for slug in ("day-only", "kl-morning", "wire-late")]
    assert order == sorted(order), html
