"""`timeline serve`: local preview that rebuilds and reloads the open page on every edit.

    build into .timeline-cache/preview  ->  serve it on http://HOST:PORT/ (http.server)
    poll content/ and templates/   ->  rebuild on change  ->  the open page reloads

The reload needs no inline script, so the site's Content-Security-Policy
(``script-src 'self'``) holds: every HTML page *served* (never the built files)
gets ``<script src="/__reload.js?v=N" defer>``; that script polls ``/__build``
(a small JSON: build number and the last build error) and reloads the page when
the number moves past N. A failed build keeps the server and the last good site
up: the error is printed in the terminal and shown on top of the open page.

The watcher polls modification times (one directory walk; no dependency needed).
The site is always built for the server's root (base URL "/"), whatever
content/site.yaml says, so every link works in the preview. Each rebuild takes the
project lock, like `timeline build`, so it never races an `extract` run; the
preview folder lives in the git-ignored build cache, never in site/, and is kept so
the next `serve` starts with an incremental build.
"""
from __future__ import annotations

import html
import json
import os
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .errors import TimelineError
from .project import DEFAULT_TEMPLATES, Project

POLL_SECONDS = 0.25       # how often the watcher looks at the files
SETTLE_SECONDS = 0.15     # a change must hold this long before a rebuild (editors save in steps)
RELOAD_PATH = "/__reload.js"
BUILD_PATH = "/__build"

RELOAD_JS = """\
// Injected by `timeline serve` only: reloads this page after each rebuild.
(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;
  var seen = me ? new URL(me).searchParams.get("v") : null;
  var box = null;
  function show(error) {
    if (!error) { if (box) { box.remove(); box = null; } return; }
    if (!box) {
      box = document.createElement("pre");
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;" +
        "margin:0;padding:1em;background:#fff3f3;color:#8b0000;border-top:3px solid #8b0000;" +
        "font:14px/1.4 monospace;white-space:pre-wrap;z-index:2147483647";
      document.body.appendChild(box);
    }
    box.textContent = "timeline build failed (the page shows the last good build):\\n\\n" + error;
  }
  function poll() {
    fetch("/__build", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (b) {
        if (seen !== null && String(b.version) !== seen) { location.reload(); return; }
        show(b.error);
        setTimeout(poll, 400);
      })
      .catch(function () { setTimeout(poll, 1000); });   // server restarting: keep trying
  }
  poll();
})();
"""


# --------------------------------------------------------------------------- watching

def watched_dirs(project: Project) -> list[Path]:
    """content/, the project's templates/ and the default theme (for theme authors)."""
    dirs: list[Path] = []
    for folder in (project.content, project.templates_dir, DEFAULT_TEMPLATES):
        folder = folder.resolve()
        if folder not in dirs:
            dirs.append(folder)
    return dirs


def snapshot(dirs: list[Path]) -> frozenset[tuple[str, int, int]]:
    """(path, mtime_ns, size) of every file under ``dirs``; any edit changes it."""
    seen = set()
    todo = [str(d) for d in dirs]
    while todo:
        try:
            entries = os.scandir(todo.pop())
        except OSError:                 # missing folder, or removed while walking
            continue
        with entries:
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):   # no symlink loops
                        todo.append(entry.path)
                    elif entry.is_file():
                        stat = entry.stat()
                        seen.add((entry.path, stat.st_mtime_ns, stat.st_size))
                except OSError:         # an atomic-write temp file already renamed away
                    continue
    return frozenset(seen)


# --------------------------------------------------------------------------- building

@dataclass
class BuildState:
    """What the server knows about the last build (guarded by ``lock``)."""

    version: int = 0             # number of successful builds
    error: str | None = None     # message of the last build, None when it worked
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def read(self) -> tuple[int, str | None]:
        with self.lock:
            return self.version, self.error


def preview_dir(project: Project) -> Path:
    """Where the preview is built: the project's git-ignored build cache, so the next
    `serve` starts with an incremental build; never site/ (that is what gets published)."""
    from .site.load import cache_dir
    return cache_dir(project) / "preview"


def default_builder(project: Project, out: Path) -> None:
    """`timeline build` for the server's root, under the project lock like any build."""
    from .lock import exclusive_run
    from .site import build_site
    with exclusive_run(project, wait=60, command="serve (rebuild)", scratch=(out,)):
        build_site(project, out=out, base_url="/")


def rebuild(build: Callable[[], None], state: BuildState, log: Callable[..., None]) -> bool:
    """Run one build; record success (new version) or the error. Never raises.
    ``log(message, error=False)`` tells the terminal."""
    started = time.perf_counter()
    try:
        build()
    except TimelineError as exc:
        message = str(exc)
    except Exception:  # a bug in a template or the builder must not stop the preview
        message = traceback.format_exc()
    else:
        with state.lock:
            state.version += 1
            state.error = None
            version = state.version
        log(f"built #{version} in {time.perf_counter() - started:.2f}s")
        return True
    with state.lock:
        state.error = message
    log(f"build failed (still serving the last good build):\n{message}", error=True)
    return False


def watch(dirs: list[Path], on_change: Callable[[], None], stop: threading.Event) -> None:
    """Call ``on_change`` after the files under ``dirs`` change and settle. Polling backs
    off on big projects so that looking for changes never takes more than ~1/5 of a core."""
    started = time.perf_counter()
    last = snapshot(dirs)
    interval = max(POLL_SECONDS, 4 * (time.perf_counter() - started))
    while not stop.wait(interval):
        started = time.perf_counter()
        now = snapshot(dirs)
        interval = max(POLL_SECONDS, 4 * (time.perf_counter() - started))
        if now == last:
            continue
        while not stop.wait(SETTLE_SECONDS):   # wait until the editor is done saving
            settled = snapshot(dirs)
            if settled == now:
                break
            now = settled
        last = now
        on_change()


# --------------------------------------------------------------------------- serving

def inject_reload(page: bytes, version: int) -> bytes:
    """The page with the reload script added at the end of its head."""
    tag = f'<script src="{RELOAD_PATH}?v={version}" defer></script>'.encode()
    lower = page.lower()
    at = lower.find(b"</head>")
    if at < 0:
        at = lower.find(b"</body>")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


def error_page(message: str, version: int) -> bytes:
    text = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>Build failed</title>"
            f"</head><body><main><h1>timeline build failed</h1><pre>{html.escape(message)}</pre>"
            f"<p>Fix the file and save: this page reloads by itself.</p></main></body></html>")
    return inject_reload(text.encode(), version)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the built site; adds the reload script to HTML; answers /__build."""

    state: BuildState   # set on the class built by make_server

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server API
        pass   # the terminal shows builds, not every request

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self) -> None:
        self.do_GET()

    def _static(self) -> None:
        (super().do_HEAD if self.command == "HEAD" else super().do_GET)()

    def do_GET(self) -> None:
        route = self.path.split("?", 1)[0].split("#", 1)[0]
        version, error = self.state.read()
        if route == BUILD_PATH:
            body = json.dumps({"version": version, "error": error}).encode()
            return self._send(200, body, "application/json")
        if route == RELOAD_PATH:
            return self._send(200, RELOAD_JS.encode(), "text/javascript; charset=utf-8")
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not route.endswith("/"):
                return self._static()            # redirect to the folder's URL with a slash
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            return self._send(200, inject_reload(path.read_bytes(), version), "text/html; charset=utf-8")
        if path.exists():
            return self._static()
        if error is not None or version == 0:
            return self._send(500 if error else 503, error_page(error or "building...", version),
                              "text/html; charset=utf-8")
        not_found = Path(self.directory) / "404.html"
        if not_found.is_file():
            return self._send(404, inject_reload(not_found.read_bytes(), version), "text/html; charset=utf-8")
        return self._send(404, error_page(f"no page at {route}", version), "text/html; charset=utf-8")


def make_server(out: Path, state: BuildState, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("Handler", (PreviewHandler,), {"state": state})
    server = ThreadingHTTPServer((host, port), partial(handler, directory=str(out)))
    server.daemon_threads = True
    return server


def _stop_on_sigterm() -> None:
    def handler(signum, frame):
        raise KeyboardInterrupt
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def serve(project: Project, port: int = 8000, host: str = "127.0.0.1",
          builder: Callable[[Project, Path], None] = default_builder, out: Path | None = None) -> None:
    """Build into ``out`` (default: preview_dir), serve it and rebuild on change until
    Ctrl+C (or SIGTERM). Blocks."""
    project.require()      # before the preview folder is made in a wrong folder
    out = preview_dir(project) if out is None else out
    out.mkdir(parents=True, exist_ok=True)
    state = BuildState()
    stop = threading.Event()

    def log(message: str, error: bool = False) -> None:
        print(message, file=sys.stderr if error else sys.stdout, flush=True)

    try:
        server = make_server(out, state, host, port)
    except OSError as exc:
        raise TimelineError(f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                            f"(try --port 0 for any free port)") from exc
    watcher = None
    try:
        _stop_on_sigterm()
        build = partial(builder, project, out)
        rebuild(build, state, log)
        bound_host, bound_port = server.server_address[:2]
        shown = f"[{bound_host}]" if ":" in str(bound_host) else bound_host
        log(f"serving http://{shown}:{bound_port}/  (watching content/ and templates/; Ctrl+C stops)")
        watcher = threading.Thread(target=watch, args=(watched_dirs(project), partial(rebuild, build, state, log),
                                                        stop), daemon=True, name="timeline-watch")
        watcher.start()
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        log("stopped")
    finally:
        stop.set()
        server.server_close()
        if watcher is not None:
            watcher.join(timeout=5)
