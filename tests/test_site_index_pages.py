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
