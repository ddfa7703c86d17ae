"""`timeline serve` end to end: a real server process on a free port, real edits, real rebuilds."""
from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from timeline.serve import inject_reload

EVENT = """\
id: summit-ends
date: "2019-02-28"
title: "{title}"
summary: "The talks ended without an agreement."
tags: [summit]
status: reviewed
"""


def write_event(project: Path, title: str) -> None:
    (project / "content" / "events" / "summit-ends.yaml").write_text(EVENT.format(title=title))


class Server:
    """`python -m timeline serve --port 0` in a subprocess; lines of output collected."""

    def __init__(self, project: Path):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "timeline", "serve", "--root", str(project), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for_url()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line)

    def _wait_for_url(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if line.startswith("serving "):
                return line.split()[1]
        raise AssertionError("server did not start:\n" + "".join(self.output))

    def get(self, path: str) -> tuple[int, str, str]:
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=10) as resp:
                return resp.status, resp.headers.get("Content-Type", ""), resp.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode()

    def build(self) -> dict:
        return json.loads(self.get("/__build")[2])

    def wait_build(self, until, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.build()
            if until(state):
                return state
            time.sleep(0.1)
        raise AssertionError(f"no such build state; last {state}\n" + "".join(self.output))

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout=15)


@pytest.fixture
def project(run_cli, tmp_path) -> Path:
    target = tmp_path / "live"
    assert run_cli("init", target).returncode == 0
    write_event(target, "Summit ends early")
    return target


def test_serve_rebuilds_on_edit_and_reports_errors_without_dying(project):
    server = Server(project)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        status, ctype, home = server.get("/")
        assert status == 200 and ctype.startswith("text/html")
        assert "Summit ends early" in home
        assert '<script src="/__reload.js?v=1" defer></script>' in home   # external: CSP-safe
        first = server.build()
        assert first == {"version": 1, "error": None}
        status, ctype, script = server.get("/__reload.js")
        assert status == 200 and "javascript" in ctype and "/__build" in script
        with urllib.request.urlopen(server.url + "events/summit-ends", timeout=10) as resp:  # no slash
            assert resp.url.endswith("/events/summit-ends/") and "Summit ends early" in resp.read().decode()
        head = urllib.request.Request(server.url + "feed.xml", method="HEAD")
        with urllib.request.urlopen(head, timeout=10) as resp:
            assert resp.status == 200 and resp.read() == b""

        # an edit to an event: rebuilt, new version, new text on the page
        write_event(project, "Summit collapses without a deal")
        server.wait_build(lambda b: b["version"] == 2 and b["error"] is None)
        home = server.get("/")[2]
        assert "Summit collapses without a deal" in home and "Summit ends early" not in home
        assert "/__reload.js?v=2" in home

        # a broken file: the error is reported (terminal and /__build), the server lives on
        # and keeps serving the last good build
        bad = project / "content" / "events" / "summit-ends.yaml"
        bad.write_text('id: summit-ends\ndate: "2019-02-28"\ntitle: [unclosed\n')
        broken = server.wait_build(lambda b: b["error"] is not None)
        assert broken["version"] == 2 and "summit-ends.yaml" in broken["error"]
        status, _, home = server.get("/")
        assert status == 200 and "Summit collapses without a deal" in home
        assert any("build failed" in line for line in server.output)

        # fixed: a new build, the error is gone
        write_event(project, "Summit ends, talks to continue")
        server.wait_build(lambda b: b["version"] == 3 and b["error"] is None)
        assert "Summit ends, talks to continue" in server.get("/")[2]
        assert server.get("/no/such/page/")[0] == 404
    finally:
        code = server.stop()
    assert code == 0, "".join(server.output)
    assert not (project / "site").exists()   # the preview never touches the real build output
    from timeline.serve import preview_dir
    from timeline.project import Project
    built = preview_dir(Project(project)) / "index.html"
    assert "Summit ends, talks to continue" in built.read_text()
    assert "__reload" not in built.read_text()   # injected when served, never in the files


def test_serve_refuses_a_port_in_use(project, run_cli):
    import socket
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--root", project, "--port", port, timeout=60)
    assert result.returncode == 1
    assert f"127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr


def test_reload_script_goes_into_the_head_only_when_served():
    page = b"<!doctype html><html><head><title>t</title></head><body>x</body></html>"
    served = inject_reload(page, 7)
    assert served.index(b'<script src="/__reload.js?v=7" defer></script>') < served.index(b"</head>")
    assert inject_reload(b"<p>fragment</p>", 1).endswith(b'<script src="/__reload.js?v=1" defer></script>')
