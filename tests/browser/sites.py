"""Built sites for the browser tests: `timeline build` through the real CLI, served from a
thread on 127.0.0.1 under a base path, with GitHub Pages' 404 behaviour."""
from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


def build(root: Path, out: Path, base_url: str | None = None) -> Path:
    """`timeline build` through the real CLI, as a user runs it."""
    args = [sys.executable, "-m", "timeline", "build", "--root", str(root), "--out", str(out)]
    if base_url:
        args += ["--base-url", base_url]
    result = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    assert (out / "index.html").is_file()
    return out


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves ``directory`` under ``prefix``; like GitHub Pages, unknown paths get 404.html."""

    prefix = "/"

    def log_message(self, format, *args):  # noqa: A002 - quiet test output
        pass

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_base_path__")
        return super().translate_path("/" + route[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@dataclass
class Site:
    out: Path             # the built files
    url: str              # http://127.0.0.1:PORT/prefix/
    prefix: str

    def page_url(self, rel: str = "") -> str:
        return self.url + rel.lstrip("/")


def serve_dir(out: Path, prefix: str = "/"):
    handler = type("H", (_SiteHandler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(out)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    return server, Site(out, f"http://127.0.0.1:{server.server_address[1]}{prefix}", prefix)
