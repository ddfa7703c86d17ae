"""A project's own theme overrides the default one file by file (templates/README.md), so
the macros the default _macros.html once offered stay importable: a theme written against
them must keep building, with the default theme's markup."""
from __future__ import annotations

import re
from pathlib import Path

from site_check import FIXTURE, REPO, broken_links, copy_project

THEME_EVENT = """{% extends "base.html" %}
{% from "_macros.html" import term_links, event_item %}
{% block title %}{{ event.title }} · {{ site.title }}{% endblock %}
{% block main %}
<h1>{{ event.title }}</h1>
<ol class="events">
{{ event_item(event) }}
</ol>
<dl class="facets">
{{ term_links('People', event.people) }}
{{ term_links('Places', event.places) }}
{{ term_links('Tags', event.tags) }}
</dl>
{% endblock %}
"""


def _facets(html: str) -> list[str]:
    """Each <dt>…</dt><dd>…</dd> pair of the page's facets list, whitespace-normalised."""
    dl = re.search(r'<dl class="facets">(.*?)</dl>', html, re.S)
    return re.findall(r"<dt>.*?</dd>", " ".join(dl.group(1).split())) if dl else []


def test_a_theme_importing_the_old_macros_builds_with_the_default_markup(tmp_path, run_cli):
    default = copy_project(FIXTURE, tmp_path / "default")
    themed = copy_project(FIXTURE, tmp_path / "themed")
    themed.templates_dir.mkdir()
    (themed.templates_dir / "event.html").write_text(THEME_EVENT, encoding="utf-8")
    for project in (default, themed):
        done = run_cli("build", "--root", project.root, "--out", project.root / "site")
        assert done.returncode == 0, done.stdout + done.stderr
    page = "site/events/summit-ends/index.html"
    mine = _facets((themed.root / page).read_text(encoding="utf-8"))
    theirs = _facets((default.root / page).read_text(encoding="utf-8"))
    assert [f[:f.index("</dt>")] for f in mine] == ["<dt>People", "<dt>Places", "<dt>Tags"]
    assert mine == theirs                          # the same markup as the default event page
    assert '<a href="/people/' in mine[0]
    # an event with tags only: no empty People or Places heading
    only_tags = _facets((themed.root / "site/events/talks-resume/index.html").read_text())
    assert [f[:f.index("</dt>")] for f in only_tags] == ["<dt>Tags"]
    # event_item(e) from _macros.html: the same list item as the default lists show
    item = re.search(r'<li class="event[^"]*" id="e-summit-ends".*?</li>',
                     (themed.root / page).read_text(encoding="utf-8"), re.S)
    home = (default.root / "site/index.html").read_text(encoding="utf-8")
    assert item and item.group(0) in home
    assert broken_links(themed.root / "site", "/") == []


def _installed_copy(module, where: Path, file: str, old: str, new: str, skip: tuple = ()) -> dict:
    """An environment (PYTHONPATH) whose ``module`` package is a copy of the installed one
    in ``where`` with ``old`` replaced by ``new`` in its ``file``: another release of that
    library, which behaves differently. ``skip``: file patterns left out of the copy."""
    import os
    import shutil
    dest = where / Path(module.__file__).parent.name
    shutil.copytree(Path(module.__file__).parent, dest, ignore=shutil.ignore_patterns("__pycache__", *skip))
    text = (dest / file).read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    (dest / file).write_text(text.replace(old, new), encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(where), os.environ.get("PYTHONPATH", "")])}


def _upgraded_markupsafe(where: Path) -> dict:
    """MarkupSafe without its C speedups, whose escape writes an apostrophe as ``&#x27;``
    (what html.escape writes) instead of ``&#39;``, with its own dist-info version."""
    import markupsafe
    env = _installed_copy(markupsafe, where, "_native.py", '"&#39;"', '"&#x27;"', ("_speedups*",))
    info = where / "MarkupSafe-99.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: MarkupSafe\nVersion: 99.0\n")
    return env


def _upgraded_pyyaml(where: Path) -> dict:
    """PyYAML (its libyaml extension too) whose ScalarNode reads "Summit" as "SUMMIT"."""
    import yaml
    return _installed_copy(yaml, where, "nodes.py", "class ScalarNode(Node):\n",
                           "class ScalarNode(Node):\n"
                           "    def __setattr__(self, name, value):\n"
                           "        if name == 'value' and isinstance(value, str):\n"
                           "            value = value.replace('Summit', 'SUMMIT')\n"
                           "        object.__setattr__(self, name, value)\n")


def _built_page(run_cli, root: Path, out: Path, page: str, env: dict | None = None) -> str:
    """Build the project at ``root`` into ``out`` through the CLI (with ``env``: another
    installed library) and return the text of ``page`` (a path under ``out``)."""
    done = run_cli("build", "--root", root, "--out", out, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    return (out / page).read_text(encoding="utf-8")


def test_a_yaml_library_upgrade_reads_the_record_again(tmp_path, run_cli):
    """The validated event files kept from the last build were read by the installed
    PyYAML: another release must read them again (the record cache's key names it)."""
    project = copy_project(FIXTURE, tmp_path / "p")
    page = "events/summit-ends/index.html"
    html = _built_page(run_cli, project.root, project.root / "site", page)
    assert "<h1>Summit ends without agreement</h1>" in html
    html = _built_page(run_cli, project.root, project.root / "site", page,
                       env=_upgraded_pyyaml(tmp_path / "up"))
    assert "<h1>SUMMIT ends without agreement</h1>" in html


def test_a_library_upgrade_renders_the_pages_again(tmp_path, run_cli):
    """The pages kept from the last build were rendered by the installed Jinja and
    MarkupSafe: after an upgrade that renders differently, the same content must give
    what the new libraries render, not the kept pages (the cache keys name them)."""
    project = copy_project(FIXTURE, tmp_path / "p")
    out = project.root / "site"
    page = "events/signing-planned/index.html"
    assert "&#39;" in _built_page(run_cli, project.root, out, page)
    env = _upgraded_markupsafe(tmp_path / "upgrade")
    html = _built_page(run_cli, project.root, out, page, env=env)
    fresh = tmp_path / "fresh"
    fresh_html = _built_page(run_cli, copy_project(FIXTURE, tmp_path / "q").root, fresh, page, env=env)
    assert "&#x27;" in html and "&#39;" not in html
    assert html == fresh_html
    for name in ("index.html", "events.ics", "feed.xml", "search.json"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


THEME_ONCE = {
    # the same key in two templates, and twice in one: each block keeps its own body
    "about.html": """{% extends "base.html" %}
{% block main %}{% call once('aside') %}<p class="aside">About the makers</p>{% endcall %}
{% call once('aside') %}<p class="aside">Second aside of the about page</p>{% endcall %}{% endblock %}
""",
    "404.html": """{% extends "base.html" %}
{% block main %}{% call once('aside') %}<p class="aside">Nothing here</p>{% endcall %}{% endblock %}
""",
    "years.html": """{% extends "base.html" %}
{% block main %}{% call once('aside') %}<p class="aside">All the years</p>{% endcall %}{% endblock %}
""",
}


def test_once_keeps_a_body_per_block_not_per_key(tmp_path, run_cli):
    """templates/README.md: ``once(key)`` renders its body the first time and reuses it;
    a custom theme that happens to use one key in two places must get each place's own
    body, never the body of whichever page was rendered first."""
    project = copy_project(FIXTURE, tmp_path / "p")
    project.templates_dir.mkdir()
    for name, text in THEME_ONCE.items():
        (project.templates_dir / name).write_text(text, encoding="utf-8")
    out = project.root / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stdout + done.stderr

    def asides(rel):
        return re.findall(r'<p class="aside">([^<]*)</p>', (out / rel).read_text(encoding="utf-8"))
    assert asides("about/index.html") == ["About the makers", "Second aside of the about page"]
    assert asides("404.html") == ["Nothing here"]
    assert asides("years/index.html") == ["All the years"]
    # the default theme's own once() blocks still share their body: one header per section
    headers = {rel: re.search(r"<header.*?</header>", (out / rel).read_text(encoding="utf-8"), re.S)
               .group(0) for rel in ("events/summit-ends/index.html", "events/talks-resume/index.html")}
    assert len(set(headers.values())) == 1


# --------------------------------------------------------------------------- blocks

def _themed(tmp_path, files: dict[str, str]):
    project = copy_project(FIXTURE, tmp_path / "p")
    project.templates_dir.mkdir()
    for name, text in files.items():
        (project.templates_dir / name).write_text(text, encoding="utf-8")
    return project


def test_a_block_its_parent_does_not_define_stops_the_build(tmp_path, run_cli):
    """Jinja drops a block no template up the {% extends %} chain defines: this theme's
    event.html (filling 'content'; the default base.html has 'main') built every event
    page without its event, exit 0. The build now refuses it, naming the template, the
    block's line and the blocks base.html has, before anything is written."""
    project = _themed(tmp_path, {"event.html": (
        '{% extends "base.html" %}\n{% block title %}{{ event.title }}{% endblock %}\n\n'
        '{% block content %}\n<h1>{{ event.title }}</h1>\n{% endblock %}\n')})
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 1, done.stdout + done.stderr
    err = done.stderr
    assert f"{project.templates_dir / 'event.html'}:4: {{% block content %}} is not a block of " \
           "base.html" in err, err
    assert "the blocks base.html defines: head, main, title; did you mean main?" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


def test_a_base_without_the_blocks_the_default_pages_fill_stops_the_build(tmp_path, run_cli):
    """A project's base.html that renames 'main' leaves every default page template's main
    block out: the error names the default template, the block, and the project's base."""
    project = _themed(tmp_path, {"base.html": (
        "<!doctype html>\n<title>{% block title %}{% endblock %}</title>\n"
        "<main>{% block body %}{% endblock %}</main>\n")})
    done = run_cli("build", "--root", project.root, "--out", tmp_path / "site")
    assert done.returncode == 1, done.stdout + done.stderr
    assert re.search(r"404\.html:\d+: \{% block main %\} is not a block of base\.html "
                     + re.escape(f"({project.templates_dir / 'base.html'})"), done.stderr), done.stderr
    assert "defines: body, title" in done.stderr
    assert not (tmp_path / "site").exists()


def test_blocks_the_chain_does_define_build(tmp_path, run_cli):
    """What Jinja does render still builds: a block defined two levels up (event.html over
    the project's layout.html over base.html), a new block nested inside a filled one, and
    a block in a template that extends nothing (there it is plain output)."""
    project = _themed(tmp_path, {
        "layout.html": ('{% extends "base.html" %}\n{% block main %}<div class="wide">'
                        '{% block article %}{% endblock %}</div>{% endblock %}\n'),
        "event.html": ('{% extends "layout.html" %}\n{% block title %}{{ event.title }}{% endblock %}\n'
                       '{% block article %}<h1>{{ event.title }}</h1>{% block byline %}'
                       '<p class="byline">{{ event.id }}</p>{% endblock %}{% endblock %}\n'),
        "about.html": ('<!doctype html>\n<html lang="en"><title>About</title>\n'
                       '{% block main %}<p>Made by hand.</p>{% endblock %}</html>\n'),
    })
    done = run_cli("build", "--root", project.root, "--out", project.root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (project.root / "site/events/summit-ends/index.html").read_text(encoding="utf-8")
    assert '<div class="wide"><h1>Summit ends without agreement</h1><p class="byline">summit-ends</p></div>' in page
    about = (project.root / "site/about/index.html").read_text(encoding="utf-8")
    assert "<p>Made by hand.</p>" in about


# --------------------------------------------------------------------------- names

def _event_page_with(tmp_path, old: str, new: str):
    """The default event.html as a project's own, with ``old`` replaced by ``new``."""
    text = (REPO / "templates" / "event.html").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return _themed(tmp_path, {"event.html": text.replace(old, new)})


def test_a_misspelt_name_in_a_branch_no_page_reaches_stops_the_build(tmp_path, run_cli):
    """StrictUndefined stops a build at a misspelt name only on a page that reaches it:
    this badge for a rejected event (none has a page, so no page reaches it) built with
    exit 0. The build now refuses the name whatever the data, at its line."""
    project = _event_page_with(tmp_path, "{% if e.status == 'reviewed' %}",
                               "{% if e.status == 'rejected' %}<s>{{ evnt.title }}</s>{% endif %}"
                               "{% if e.status == 'reviewed' %}")
    line = 1 + next(i for i, text in enumerate((project.templates_dir / "event.html")
                                               .read_text(encoding="utf-8").splitlines()) if "evnt" in text)
    done = run_cli("build", "--root", project.root, "--out", tmp_path / "site")
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.startswith(f"{project.templates_dir / 'event.html'}:{line}: 'evnt' is not a "
                                  "name this template is given"), done.stderr
    assert "did you mean event?" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists()


def test_names_a_theme_expects_may_be_missing_build(tmp_path, run_cli):
    """A name guarded with 'is defined' or given a default is the author's choice, and a
    partial sees the loop variable of the template that includes it."""
    project = _event_page_with(
        tmp_path, "<h1>{{ e.title }}</h1>",
        "<h1>{{ e.title }}</h1>{% if subtitle is defined %}<p>{{ subtitle }}</p>{% endif %}"
        "<p class=\"tagline\">{{ tagline|default('no tagline') }}</p>"
        "{% for person in e.people %}{% include '_person.html' %}{% endfor %}")
    (project.templates_dir / "_person.html").write_text('<span class="who">{{ person }}</span>',
                                                        encoding="utf-8")
    done = run_cli("build", "--root", project.root, "--out", project.root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (project.root / "site/events/summit-ends/index.html").read_text(encoding="utf-8")
    assert '<p class="tagline">no tagline</p><span class="who">' in page


def test_the_default_theme_as_a_projects_own_builds_the_same_site(tmp_path, run_cli):
    """Every template of the default theme, copied into a project's templates/, passes the
    block and name checks and builds byte for byte the site the default theme builds."""
    import shutil
    default = copy_project(FIXTURE, tmp_path / "default")
    own = copy_project(FIXTURE, tmp_path / "own")
    shutil.copytree(REPO / "templates", own.templates_dir)
    for project in (default, own):
        done = run_cli("build", "--root", project.root, "--out", project.root / "site")
        assert done.returncode == 0, done.stdout + done.stderr
        assert str(project.templates_dir) not in done.stdout      # no theme warning

    def files(root):
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(own.root / "site") == files(default.root / "site")


def test_the_names_the_checks_allow_are_the_names_pages_are_given(tmp_path):
    """blocks.PAGE_NAMES is the union of every page's context in a real build (and 'e',
    the list item's event): a name added to a page must be added there, else a theme
    using it would be refused. blocks.PAGE_TEMPLATES likewise: the templates pages use."""
    from timeline.site import load_config, overview_chart, pages, read_record, site_salt
    from timeline.site.blocks import PAGE_NAMES, PAGE_TEMPLATES
    project = copy_project(FIXTURE, tmp_path / "p")
    config, base = load_config(project, None)
    salt = site_salt(project, config, base)
    articles, views, terms, _ = read_record(project, base, salt, 1)
    every = list(pages.event_pages(views)) + list(pages.plan(
        views, terms, articles, base, salt, overview_chart(views, base)))
    assert {page.template for page in every} | {"_event_item.html"} == PAGE_TEMPLATES
    given = {key for page in every for key in page.context()}
    assert given | {"e"} == PAGE_NAMES


def test_a_name_a_child_template_sets_for_its_parent_builds(tmp_path, run_cli):
    """The usual way a page tells its layout which menu entry is current: the child sets a
    name at its top level and the parent prints it. The name check must see it."""
    project = _themed(tmp_path, {
        "layout.html": ('{% extends "base.html" %}\n{% block main %}<p class="section">{{ active }}'
                        '</p>{% block article %}{% endblock %}{% endblock %}\n'),
        "event.html": ('{% extends "layout.html" %}\n{% set active = "Events" %}\n'
                       '{% block title %}{{ event.title }}{% endblock %}\n'
                       '{% block article %}<h1>{{ event.title }}</h1>{% endblock %}\n'),
    })
    done = run_cli("build", "--root", project.root, "--out", project.root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (project.root / "site/events/summit-ends/index.html").read_text(encoding="utf-8")
    assert '<p class="section">Events</p><h1>Summit ends without agreement</h1>' in page


def test_a_template_no_page_uses_is_named_in_a_warning(tmp_path, run_cli):
    """templates/events.html (meant as event.html) changed nothing and said nothing; a
    partial that a used template includes, and its macros file, are not warned about."""
    project = _themed(tmp_path, {
        "events.html": '{% extends "base.html" %}\n{% block main %}<h1>{{ event.title }}</h1>'
                       '{% endblock %}\n',
        "_card.html": '{% from "_mine.html" import badge %}<p class="card">{{ badge(event) }}</p>',
        "_mine.html": '{% macro badge(x) %}<b>{{ x.title }}</b>{% endmacro %}',
        "article.html": (REPO / "templates" / "article.html").read_text(encoding="utf-8"),
    })
    event = (REPO / "templates" / "event.html").read_text(encoding="utf-8")
    (project.templates_dir / "event.html").write_text(
        event.replace("<h1>{{ e.title }}</h1>", "<h1>{{ e.title }}</h1>{% include '_card.html' %}"),
        encoding="utf-8")
    done = run_cli("build", "--root", project.root, "--out", project.root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    warned = [line for line in done.stdout.splitlines() if "no page uses this template" in line]
    assert warned == [f"{project.templates_dir / 'events.html'}: warning: no page uses this "
                      "template: the build renders 404.html, _event_item.html, about.html, "
                      "article.html, articles.html, event.html, index.html, list.html, terms.html, "
                      "years.html and what they extend, include or import, and none of them names "
                      "it; did you mean event.html?"], done.stdout
    page = (project.root / "site/events/summit-ends/index.html").read_text(encoding="utf-8")
    assert '<p class="card"><b>Summit ends without agreement</b></p>' in page


def test_escaping_turned_off_in_a_project_template_is_named_in_warnings(tmp_path, run_cli):
    """'{{ e.title|safe }}' put an article's or an editor's markup into the page as HTML
    with no word from the build; so did '{% autoescape false %}'. Both are named at their
    line; the default theme's sanitised summary filter is not."""
    project = _event_page_with(
        tmp_path, "<h1>{{ e.title }}</h1>",
        '<h1>{{ e.title|safe }}</h1>\n{% autoescape false %}<p>{{ e.label }}</p>{% endautoescape %}\n'
        '{% autoescape true %}<p>{{ e.label }}</p>{% endautoescape %}')
    lines = (project.templates_dir / "event.html").read_text(encoding="utf-8").splitlines()
    at = {key: 1 + next(i for i, text in enumerate(lines) if key in text)
          for key in ("|safe", "autoescape false")}
    done = run_cli("build", "--root", project.root, "--out", project.root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    shown = f"{project.templates_dir / 'event.html'}"
    why = ("article text and hand-written fields are untrusted (a <script> or onerror= in "
           "them would reach the page); print them escaped")
    assert [line for line in done.stdout.splitlines() if line.startswith(shown)] == [
        f"{shown}:{at['|safe']}: warning: the 'safe' filter prints its value as HTML, "
        f"unescaped: {why}",
        f"{shown}:{at['autoescape false']}: warning: 'autoescape false' prints values as HTML, "
        f"unescaped: {why}"], done.stdout


def test_markup_the_sites_security_policy_blocks_is_named_in_warnings(tmp_path, run_cli):
    """base.html's Content-Security-Policy allows scripts, styles, fonts and images from
    the site only: an inline style or script, an onclick, a web font from another site
    were ignored by the browser with nothing but a console message. The build names each,
    at its line; a script file of the site, JSON-LD data and a link to another site pass."""
    project = _event_page_with(
        tmp_path, "<h1>{{ e.title }}</h1>",
        '<h1 class="t">{{ e.title }}</h1>\n<p style="color: red">{{ e.label }}</p>\n'
        '<button onclick="share()">Share</button><script>function share() {}</script>\n'
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Inter">\n'
        '<script src="{{ href.script }}" defer></script>'
        '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
        '<a href="https://example.com/">elsewhere</a>')
    lines = (project.templates_dir / "event.html").read_text(encoding="utf-8").splitlines()
    at = {key: 1 + next(i for i, text in enumerate(lines) if key in text)
          for key in ("style=", "onclick", "fonts.googleapis")}
    done = run_cli("build", "--root", project.root, "--out", project.root / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    shown = f"{project.templates_dir / 'event.html'}"
    warned = [line.split(";")[0] for line in done.stdout.splitlines() if line.startswith(shown)]
    assert warned == [
        f"{shown}:{at['style=']}: warning: a style attribute: give the element a class and style "
        "it in a style sheet in templates/assets/",
        f"{shown}:{at['onclick']}: warning: an event handler attribute (on...=): attach the "
        "handler from a script file in templates/assets/",
        f"{shown}:{at['onclick']}: warning: an inline <script>: move it to a file in "
        "templates/assets/ and load it with <script src=\"{{ link('assets/NAME.js') }}\">",
        f"{shown}:{at['fonts.googleapis']}: warning: a script, style sheet, font or image from "
        "another site (the site makes no third-party requests): copy the file into "
        "templates/assets/"], done.stdout
