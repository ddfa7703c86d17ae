"""The home page's filter menus list only the most used tags and sources
(pages.FILTER_OPTIONS, 300); every tag and source stays reachable through the tag and
source indexes, and the home page says so when a menu is cut."""
from __future__ import annotations

from site_check import FIXTURE, build, copy_project, parse_html
from timeline.site import pages


def _options(site, select_id: str) -> list[str]:
    """The values of the options of one <select> of the home page (its empty "All" first)."""
    out, inside = [], False
    for tag, attrs in parse_html(site / "index.html").tags:
        if tag == "select":
            inside = attrs.get("id") == select_id
        elif tag == "option" and inside and attrs.get("value"):
            out.append(attrs["value"])
    return out


def _all_tags(project) -> set[str]:
    import yaml
    out = set()
    for p in project.events_dir.glob("*.yaml"):
        data = yaml.safe_load(p.read_text())
        if data.get("status") != "rejected":
            out.update(str(t) for t in data.get("tags") or [])
    return out


def test_cut_menus_link_to_the_indexes_where_every_tag_and_source_is(tmp_path, monkeypatch):
    project = copy_project(FIXTURE, tmp_path / "p")
    monkeypatch.setattr(pages, "FILTER_OPTIONS", 2)
    out = tmp_path / "site"
    build(project, out)
    tags = _options(out, "filter-tag")
    assert tags == sorted(["summit", "diplomacy"])              # the two most used
    assert len(_options(out, "filter-source")) == 2
    home = (out / "index.html").read_text()
    assert "The menus offer the 2 most used of 3 tags and the 2 most cited of 3 sources" in home
    assert '<a href="/tags/">all tags</a>' in home and '<a href="/articles/">all sources</a>' in home
    # every tag, in the menu or not, has its page, linked from the tag index
    index_links = {h for _, h in parse_html(out / "tags/index.html").links}
    assert len(_all_tags(project)) == 3
    tag_pages = [p for p in (out / "tags").glob("*/index.html")]
    assert len(tag_pages) == 3
    for p in tag_pages:
        assert f"/tags/{p.parent.name}/" in index_links
    sources = {h for _, h in parse_html(out / "articles/index.html").links}
    for article in project.articles_dir.glob("*.md"):
        assert f"/articles/{article.stem}/" in sources


def test_menus_that_fit_have_no_note(tmp_path):
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    build(project, out)
    assert len(_options(out, "filter-tag")) == 3
    assert "most used of" not in (out / "index.html").read_text()
