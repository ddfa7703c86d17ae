"""`timeline init DIR`: scaffold a new timeline project.

The files come from ``timeline/skeleton/`` (package data), so an installed
``timeline`` scaffolds the same project anywhere; the GitHub Pages workflow in
there is also this repository's own ``.github/workflows/pages.yml`` (a test keeps
the two identical). The default theme is not copied: it ships in the package
(``timeline/theme``) and a project's ``templates/`` only overrides it.

Nothing existing is ever overwritten: every target is checked before the first
write, and if a write fails part-way the files written so far are removed.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

from .errors import TimelineError
from .store import atomic_write

SKELETON = Path(__file__).resolve().parent / "skeleton"

# project path -> file in timeline/skeleton/ (package data names carry no leading dot)
FILES: dict[str, str] = {
    "content/site.yaml": "site.yaml",
    "content/articles/.gitkeep": "",
    "content/events/.gitkeep": "",
    ".gitignore": "gitignore",
    "Makefile": "Makefile",
    "README.md": "README.md",
    ".github/workflows/pages.yml": "pages.yml",
    "requirements.txt": "",
}


# files a fresh git clone often has already (GitHub offers both when a repository is
# made): kept as they are (with a note), not refused
OPTIONAL = ("README.md", ".gitignore")


def workflow_text() -> str:
    """The GitHub Pages workflow every project (this repository included) uses."""
    return (SKELETON / "pages.yml").read_text(encoding="utf-8")


def requirement_line(dist_name: str = "timeline") -> tuple[str, str | None]:
    """What `make site` should pip-install to get this very timeline, and a note when
    the answer only works on this machine (installed from a local folder)."""
    where = "a place GitHub Actions can install from, e.g. timeline @ git+https://github.com/OWNER/timeline"
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return dist_name, f"set requirements.txt to {where}"
    direct = dist.read_text("direct_url.json")
    if not direct:   # from a wheel or an index: PyPI's "timeline" is another project
        return (f"{dist_name}=={dist.version}",
                f"timeline {dist.version} is not on PyPI under that name: set requirements.txt to {where}")
    info = json.loads(direct)
    url = info.get("url", "")
    vcs = info.get("vcs_info")
    if vcs:
        return f"{dist_name} @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}", None
    if url.startswith("file:"):
        return (f"{dist_name} @ {url}",
                f"requirements.txt points at a folder on this machine: change it to {where}")
    return f"{dist_name} @ {url}", None


def _requirements(line: str, note: str | None) -> str:
    head = "# What `make site` installs, here and on GitHub Actions.\n"
    if note:
        head += "# " + note + "\n"
    return head + line + "\n"


def render_files(target: Path) -> dict[str, str]:
    """Project-relative path -> text of every file `init` writes into ``target``."""
    line, note = requirement_line()
    texts: dict[str, str] = {}
    for rel, source in FILES.items():
        texts[rel] = (SKELETON / source).read_text(encoding="utf-8") if source else ""
    texts["README.md"] = texts["README.md"].replace("{title}", target.name or "timeline")
    texts["requirements.txt"] = _requirements(line, note)
    return texts


def _missing_ignores(path: Path) -> list[str]:
    """The skeleton's .gitignore patterns that the project's own .gitignore lacks."""
    try:
        have = set(path.read_text(encoding="utf-8", errors="replace").split())
    except OSError:
        have = set()
    wanted = [line.strip() for line in (SKELETON / FILES[".gitignore"]).read_text(
        encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")]
    return [line for line in wanted if not any(_covers(mine, line) for mine in have)]


def _covers(mine: str, wanted: str) -> bool:
    """Whether .gitignore pattern ``mine`` ignores all that ``wanted`` does: the same one,
    or one without its leading '/' (anywhere, not only at the top: '.venv/' covers
    '/.venv/') or its trailing '/' (a file too: GitHub's Python template has '/site')."""
    return (mine.strip("/") == wanted.strip("/")
            and (not mine.startswith("/") or wanted.startswith("/"))
            and (not mine.endswith("/") or wanted.endswith("/")))


def init_project(target: Path) -> list[str]:
    """Write a new project into ``target`` (created if missing); return lines to print.

    Raises TimelineError naming the first file that already exists; nothing is written then.
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise TimelineError("exists and is not a folder; choose another place for the project",
                            path=target)
    texts = render_files(target)
    kept = [rel for rel in OPTIONAL if (target / rel).exists()]
    for rel in kept:
        del texts[rel]
    for rel in texts:
        if (target / rel).exists() or (target / rel).is_symlink():
            raise TimelineError("already exists; timeline init never overwrites a file "
                                "(move it away or init another folder)", path=target / rel)
    written: list[Path] = []
    try:
        for rel, text in texts.items():
            path = target / rel
            atomic_write(path, text)
            written.append(path)
    except OSError as exc:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        raise TimelineError(f"cannot write the project: {exc.strerror or exc}",
                            path=exc.filename or target) from exc

    lines = [f"created {target / rel}" for rel in texts if not rel.endswith(".gitkeep")]
    for rel in kept:
        missing = _missing_ignores(target / rel) if rel == ".gitignore" else []
        lines.append(f"kept your {target / rel}" + (
            "; add these lines to it, so that builds, caches and the lock stay out of git: "
            + " ".join(missing) if missing else ""))
    _, note = requirement_line()
    if note:
        lines.append(f"note: {note}")
    lines += [
        "",
        "next steps:",
        f"  cd {target}",
        "  timeline ingest ARTICLE...   # saved web pages, .txt or .md news articles",
        "  make site                    # events -> content/events/*.yaml, site -> site/",
        "  make serve                   # live preview while you edit the YAML",
    ]
    return lines
