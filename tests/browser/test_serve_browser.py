"""`timeline serve` in a real browser: the open page reloads itself after an edit, and the
reload script gets past the site's Content-Security-Policy (no console error)."""
from __future__ import annotations

from test_serve import Server, write_event


def test_open_page_reloads_after_an_edit(page, run_cli, tmp_path):
    project = tmp_path / "live"
    assert run_cli("init", project).returncode == 0
    write_event(project, "Summit ends early")
    server = Server(project)
    try:
        page.goto(server.url)   # (never "networkidle": the reload script polls)
        assert "Summit ends early" in page.content()
        page.wait_for_function("() => [...document.scripts].some(s => s.src.includes('/__reload.js'))")
        page.wait_for_timeout(500)   # the reload script has polled /__build at least once

        write_event(project, "Summit collapses without a deal")
        page.wait_for_function("() => document.body.textContent.includes('Summit collapses without a deal')",
                               timeout=20000)

        # a broken build: the open page shows the error over the last good build
        (project / "content" / "events" / "summit-ends.yaml").write_text("title: [unclosed\n")
        alert = page.locator("pre[role=alert]")
        alert.wait_for(timeout=20000)
        assert "summit-ends.yaml" in alert.inner_text()
        write_event(project, "Summit ends, talks to continue")
        page.wait_for_function("() => document.body.textContent.includes('talks to continue')", timeout=20000)
        assert page.locator("pre[role=alert]").count() == 0
        page.guard.assert_clean()
        page.goto("about:blank")   # stop polling before the server goes away
    finally:
        assert server.stop() == 0
