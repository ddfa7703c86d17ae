"""Browser test harness: real headless Chromium (Debian's /usr/bin/chromium) driven by
Playwright, against sites built by the real CLI and served from 127.0.0.1.

    demo_site     the repository's demo content (content/), built into a temp folder, at /
    fixture_site  a generated project (several years, tags, sources) built with
                  --base-url /sub/path/ and served under /sub/path/, as GitHub Pages does
    page          a fresh page whose console errors, page errors, CSP violations and any
                  request leaving 127.0.0.1 are recorded; `page.guard.assert_clean()`
                  (and the fixture's teardown) fail the test on any of them
    shoot(page, name)  saves a full-page screenshot to test-artifacts/<name>.png
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .fixture_project import write_fixture_project
from .paths import ARTIFACTS, CHROMIUM, DEMO_ROOT
from .sites import build, serve_dir

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1"}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --------------------------------------------------------------------------- sites

@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    out = build(DEMO_ROOT, tmp_path_factory.mktemp("demo") / "site")
    server, site = serve_dir(out)
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Path:
    return write_fixture_project(tmp_path_factory.mktemp("fixture") / "project")


@pytest.fixture(scope="session")
def fixture_site(fixture_project, tmp_path_factory):
    out = build(fixture_project, tmp_path_factory.mktemp("fixture-site") / "site", base_url="/sub/path/")
    server, site = serve_dir(out, prefix="/sub/path/")
    yield site
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------- browser

@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (make browser-deps) "
                    f"or point TIMELINE_CHROMIUM at a Chromium binary")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Guard:
    """What a page did that a clean static site never does."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)   # HTTP status >= 400
    dialogs: list[str] = field(default_factory=list)         # alert() etc.: injected script ran

    def watch(self, context, page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(
            f"{msg.text} @ {msg.location.get('url', '')}"))
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.failed_requests.append(f"{req.url}: {req.failure}"))
        page.on("response", lambda resp: resp.status >= 400 and self.bad_responses.append(
            f"{resp.status} {resp.url}"))

        def dialog(d):
            self.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()
        page.on("dialog", dialog)

        def route(r):
            url = r.request.url
            host = urlsplit(url).hostname
            if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
                r.continue_()
            else:                       # never let a test reach the network; record it
                self.outside_requests.append(url)
                r.abort()
        context.route("**/*", route)

    def problems(self) -> list[str]:
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors]
                + [f"request left 127.0.0.1: {u}" for u in self.outside_requests]
                + [f"HTTP error: {r}" for r in self.bad_responses]
                + [f"dialog opened (script injection?): {d}" for d in self.dialogs])

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


def _new_page(browser, width: int, height: int, javascript: bool = True, dark: bool = False):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  java_script_enabled=javascript, reduced_motion="reduce",
                                  color_scheme="dark" if dark else "light")
    page = context.new_page()
    page.guard = Guard()
    page.guard.watch(context, page)
    return context, page


@pytest.fixture
def page(browser):
    """A 1280x900 page with JavaScript on; the test fails if anything unclean happened."""
    context, page = _new_page(browser, 1280, 900)
    yield page
    problems = page.guard.problems()
    context.close()
    if problems:
        pytest.fail("\n".join(problems))


@pytest.fixture
def new_page(browser):
    """Factory for pages of other sizes or with JavaScript off: new_page(360, 800, javascript=False)."""
    made = []

    def make(width: int = 1280, height: int = 900, javascript: bool = True, dark: bool = False):
        context, page = _new_page(browser, width, height, javascript, dark)
        made.append((context, page))
        return page

    yield make
    problems = [p for _, page in made for p in page.guard.problems()]
    for context, _ in made:
        context.close()
    if problems:
        pytest.fail("\n".join(problems))


@pytest.fixture(scope="session")
def shoot():
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page, name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
