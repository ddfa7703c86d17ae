"""A large generated timeline: the home page stays small (the first events of every
year, each year linking to its pages), long lists are paginated, every event is still
reachable by links and by the search index, and building on several cores gives the
same bytes as building on one."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from site_check import broken_links, parse_html
from timeline.project import Project
from timeline.site import build_site, pages, parallel
from timeline.site.writer import FileWriter

N_EVENTS = 1800
TAGS = ["diplomacy", "summit", "sanctions", "trade"]


def generate(root: Path, n: int = N_EVENTS) -> Project:
    """n events over 2017-2019 (every precision the site handles), 5 articles."""
    (root / "content" / "articles").mkdir(parents=True)
    events = root / "content" / "events"
    events.mkdir()
    (root / "content" / "site.yaml").write_text(
        'title: "Generated"\nbase_url: "/"\nlanguage: en\ntimezone: Asia/Ho_Chi_Minh\n')
    for a in range(5):
        (root / "content" / "articles" / f"art-{a}.md").write_text(
            f'---\ntitle: "Article {a}"\nsource: "Outlet"\nurl: "https://news.example/{a}"\n'
            f'published: "2020-01-0{a + 1}T08:00:00+07:00"\nplace: Hanoi\n'
            f'timezone: Asia/Ho_Chi_Minh\n---\n\nRound {a} of talks was held on Thursday.\n')
    shapes = ["{y}-{m:02d}-{d:02d}", "{y}-{m:02d}", "{y}-{m:02d}-{d:02d}T{h:02d}:15+07:00",
              "{y}-{m:02d}-{d:02d}TAF", "{y}-W{w:02d}", "{y}-Q{q}", "{y}"]
    for i in range(n):
        y, m, d = 2017 + i % 3, 1 + i % 12, 1 + i % 28
        date = shapes[i % len(shapes)].format(y=y, m=m, d=d, h=i % 24, w=1 + i % 52,
                                              q=1 + i % 4)
        (events / f"ev-{i:05d}.yaml").write_text(
            f'id: ev-{i:05d}\ndate: "{date}"\ntitle: Generated event number {i}\n'
            f'sources:\n- article: art-{i % 5}\n  quote: Round {i % 5} of talks was held on Thursday.\n'
            f'  expression: Thursday\ntags:\n- {TAGS[i % 4]}\npeople:\n- Person {i % 7}\n'
            f'status: auto\n')
    return Project(root)


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    root = tmp_path_factory.mktemp("large")
    project = generate(root / "p")
    old = parallel.PARALLEL_MIN_PAGES
    parallel.PARALLEL_MIN_PAGES = 100          # take the multi-process path at this size
    try:
        build_site(project, out=root / "site", jobs=2)
    finally:
        parallel.PARALLEL_MIN_PAGES = old
    return project, root / "site"


def test_home_page_stays_small_and_links_every_year(large):
    _, site = large
    home = parse_html(site / "index.html")
    items = [a for t, a in home.tags if t == "li" and "event" in a.get("class", "")]
    assert len(items) <= pages.HOME_LIMIT
    assert {"y2017", "y2018", "y2019"} <= home.ids
    more = [a["href"] for t, a in home.tags if t == "a" and a.get("href", "").startswith("/years/")]
    assert {"/years/2017/", "/years/2018/", "/years/2019/"} <= set(more)
    assert len(gzip.compress((site / "index.html").read_bytes())) < 200_000
    assert "Showing" in (site / "index.html").read_text()


def test_every_event_is_reachable_through_year_pages_and_search(large):
    _, site = large
    seen = set()
    for page in sorted((site / "years").rglob("index.html")):
        if page.parent == site / "years":
            continue
        tags = parse_html(page).tags
        seen |= {a["id"] for t, a in tags if t == "li" and "event" in a.get("class", "")}
        assert sum(1 for t, a in tags if t == "li" and "event" in a.get("class", "")) <= pages.PAGE_SIZE
    assert seen == {f"e-ev-{i:05d}" for i in range(N_EVENTS)}
    assert (site / "years/2017/page/2/index.html").is_file()     # 600 events a year: 2 pages
    index = json.loads((site / "search.json").read_text())
    assert len(index["events"]) == N_EVENTS


def test_no_broken_link_in_a_large_site(large):
    _, site = large
    assert broken_links(site) == []


def test_one_process_and_several_give_identical_bytes(large, tmp_path):
    project, site = large
    build_site(project, out=tmp_path / "single", jobs=1)
    single = {p.relative_to(tmp_path / "single"): p.read_bytes()
              for p in (tmp_path / "single").rglob("*") if p.is_file()}
    multi = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert single.keys() == multi.keys()
    assert [k for k in single if single[k] != multi[k]] == []


def _build_process(project: Project, out: Path):
    import subprocess
    import sys
    return subprocess.Popen([sys.executable, "-m", "timeline", "build", "--root", str(project.root),
                             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_when(proc, ready) -> None:
    import os
    import signal
    import time
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.01)
    assert proc.poll() is None, "the build ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def _rerun_matches_a_fresh_build(project: Project, out: Path, fresh: Path) -> None:
    import subprocess
    import sys
    rerun = subprocess.run([sys.executable, "-m", "timeline", "build", "--root", str(project.root),
                            "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert list(out.rglob(".*.tmp")) + list(project.root.rglob(".*.tmp")) == []
    assert [p.name for p in out.parent.iterdir() if ".building-" in p.name] == []
    build_site(project, out=fresh)
    tree = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert tree(out) == tree(fresh)


def _staged_pages(out: Path) -> int:
    """Event pages a cold build into ``out`` has written so far (in its staging folder)."""
    return sum(sum(1 for _ in (stage / "events").iterdir())
               for stage in out.parent.glob(f".{out.name}.building-*") if (stage / "events").is_dir())


def test_a_cold_build_killed_midway_leaves_no_site_and_the_next_build_completes(tmp_path):
    """A cold build fills a staging folder beside the output folder and renames it into
    place when done: killed midway, it leaves no half-built site; the next build removes
    the staging folder and builds the whole site."""
    project = generate(tmp_path / "p", n=600)
    out = tmp_path / "site"
    proc = _build_process(project, out)
    _kill_when(proc, lambda: _staged_pages(out) >= 50)
    assert not out.exists(), "a killed cold build published part of a site"
    assert _staged_pages(out) >= 50
    _rerun_matches_a_fresh_build(project, out, tmp_path / "fresh")


def test_a_staging_folder_left_under_this_process_s_number_is_replaced(tmp_path):
    """A killed cold build's staging folder is removed by the next build when its process
    is gone, also when the new build got the same process number (pid reuse), where the
    old folder's name is the one this build wants."""
    import os
    project = generate(tmp_path / "p", n=20)
    out = tmp_path / "site"
    for pid in (os.getpid(), 2 ** 22 + 1):            # ours; one no process has (> pid_max)
        left = tmp_path / f".site.building-{pid}" / "events" / "old"
        left.mkdir(parents=True)
        (left / "index.html").write_text("half a page")
    build_site(project, out=out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "site"]
    assert not (out / "events" / "old").exists()


def test_a_site_folder_filled_by_another_hand_during_a_first_build_is_named_and_kept(tmp_path):
    """A first build renames its staging folder to ``out`` at the end; when something else
    made ``out`` and wrote into it meanwhile, the rename cannot replace it: the error names
    ``out`` (not the hidden staging folder), and what is there stays as it was."""
    from timeline.errors import TimelineError
    from timeline.site.writer import Staging
    out = tmp_path / "site"
    staging = Staging.stage(out)
    (staging.folder / "index.html").write_text("new")
    out.mkdir()
    (out / "mine.txt").write_text("someone else's")
    with pytest.raises(TimelineError) as err:
        staging.publish()
    assert str(err.value).startswith(f"{out}: ") and "filled by something else" in str(err.value)
    staging.abandon()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_rebuild_killed_midway_leaves_whole_files_and_the_next_build_completes(tmp_path):
    """A rebuild writes into the existing site file by file, each to a temporary name
    renamed into place: killed while it rewrites every page (the site's title changed),
    every page there is whole, old or new."""
    project = generate(tmp_path / "p", n=600)
    out = tmp_path / "site"
    build_site(project, out=out)
    config = project.root / "content" / "site.yaml"
    config.write_text(config.read_text().replace('title: "Generated"', 'title: "Renamed"'))
    event_pages = sorted((out / "events").glob("*/index.html"))
    proc = _build_process(project, out)

    def rewritten() -> int:
        return sum(1 for page in event_pages if "Renamed" in page.read_text())
    _kill_when(proc, lambda: rewritten() >= 50)
    for page in out.rglob("*.html"):          # every page there is whole (temporaries are .*.tmp)
        assert page.read_text().endswith("</html>\n"), page
    assert 50 <= rewritten() < len(event_pages)
    _rerun_matches_a_fresh_build(project, out, tmp_path / "fresh")


def test_a_killed_build_s_render_workers_end_with_it(tmp_path):
    """kill -9 of a build must stop its forked render workers too: left running, they went
    on writing the killed build's pages into site/ (seen: 188 event pages at the kill,
    all 2500 a second later), racing the next build, which takes the project lock as soon
    as the killed process is gone."""
    import os
    import signal
    import subprocess
    import sys
    import time

    project = generate(tmp_path / "p", n=900)
    out = tmp_path / "site"
    script = ("import sys; from timeline.site import parallel; parallel.PARALLEL_MIN_PAGES = 100\n"
              "from timeline.cli import main; sys.exit(main(sys.argv[1:]))")
    proc = subprocess.Popen([sys.executable, "-c", script, "build", "--root", str(project.root),
                             "--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    def pages() -> int:
        return _staged_pages(out)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and pages() < 60:
        time.sleep(0.002)
    workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                             text=True).stdout.split()
    assert proc.poll() is None and workers, "the build ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    at_kill = pages()

    def running(pid: str) -> bool:
        try:
            return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
        except (OSError, IndexError):
            return False
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(map(running, workers)):
        time.sleep(0.01)
    assert not any(map(running, workers))
    assert pages() <= at_kill + 1, f"{pages() - at_kill} pages written after the build was killed"


def test_event_pages_are_shared_while_the_calling_process_plans_and_renders_the_rest(
        tmp_path, monkeypatch):
    """A cold build's event pages go to a queue every process takes from, while the
    calling process alone runs first() (saving the caches), plans its own pages as it
    goes (the list pages: each event's list item is then made once, not in every
    process) and renders them: the planning happens in this process, after the fork."""
    import os

    import jinja2
    env = jinja2.Environment(loader=jinja2.DictLoader({"event.html": "E{{ n }}", "list.html": "L{{ n }}"}))
    queue = [pages.Page(f"events/{i}/index.html", "event.html", f"e{i}", lambda i=i: {"n": i})
             for i in range(600)]
    planned, ran = [], []

    def own():
        for y in range(30):
            planned.append(os.getpid())
            yield pages.Page(f"years/{y}/index.html", "list.html", f"y{y}", lambda y=y: {"n": y})

    monkeypatch.setattr(parallel, "PARALLEL_MIN_PAGES", 100)
    done = parallel.render_many(env, queue, own(), FileWriter(tmp_path), 2,
                                first=lambda: ran.append(os.getpid()))
    assert done is not None, "600 event pages on 2 processes take the multi-process path"
    assert ran == [os.getpid()] and planned == [os.getpid()] * 30
    assert sorted(rel for rel, _, _ in done) == sorted([p.rel for p in queue] +
                                                       [f"years/{y}/index.html" for y in range(30)])
    assert (tmp_path / "events/7/index.html").read_text() == "E7"
    assert (tmp_path / "years/29/index.html").read_text() == "L29"
    few = parallel.render_many(env, queue[:50], own(), FileWriter(tmp_path), 2)
    assert few is None, "a few event pages stay in the calling process (the caller renders them)"


def test_forked_map_keeps_the_order_and_shares_the_items_as_a_queue():
    """Record files are read on every process from one queue, in chunks; the results come
    back in the items' order, and the calling process takes the queue's end (the chunks
    from the last twentieth on: meanwhile the worker sends its results)."""
    import os
    import time

    def work(x):
        time.sleep(0.0005)           # ~0.5 s a process: the worker is up long before the end
        return x * 2, os.getpid()

    items = list(range(2000))
    out = parallel.forked_map(work, items, 2)
    assert [v for v, _ in out] == [x * 2 for x in items]
    pids = {pid for _, pid in out}
    assert os.getpid() in pids and len(pids) == 2, "both processes took chunks"
    assert {pid for _, pid in out[-parallel.CHUNK:]} == {os.getpid()}
    assert parallel.forked_map(lambda x: x + 1, [1, 2, 3], 2) == [2, 3, 4]   # few: no fork
