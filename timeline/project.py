"""Where a timeline project keeps things, and its site settings (content/site.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_TEMPLATES = PACKAGE_DIR / "theme"   # the installed default theme (see templates/ in the repo)


@dataclass(frozen=True)
class Project:
    """The folders of one timeline project, all derived from its root."""

    root: Path

    @classmethod
    def enclosing(cls, folder: Path) -> Project:
        """The project a command run in ``folder`` works on: ``folder`` itself when it has
        content/, else, like git, the nearest folder above with content/site.yaml (a
        journalist runs it from content/events/, where they edit), else ``folder``
        (require() then says it is no project)."""
        if not (folder / "content").is_dir():
            folder = next((above for above in folder.parents
                           if (above / "content" / "site.yaml").is_file()), folder)
        return cls(folder)

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def articles_dir(self) -> Path:
        return self.content / "articles"

    @property
    def events_dir(self) -> Path:
        return self.content / "events"

    @property
    def site_config(self) -> Path:
        return self.content / "site.yaml"

    @property
    def templates_dir(self) -> Path:
        """The project's own templates; they override the default theme file by file."""
        return self.root / "templates"

    @property
    def default_out(self) -> Path:
        return self.root / "site"

    @property
    def lock_path(self) -> Path:
        return self.root / ".timeline.lock"

    def output_problem(self, out: Path) -> str | None:
        """Why the site cannot be built into ``out`` (an absolute path), or None. The build
        writes index.html, assets/, articles/, ... there: never over the record, the
        theme or the project itself."""
        root, out = self.root.resolve(), out.resolve()
        if out == root or out in root.parents:
            return "is the project folder (or contains it): the site would be written over it"
        for inside in (self.content, self.templates_dir):
            inside = inside.resolve()
            if out == inside or inside in out.parents:
                return (f"is inside {inside.relative_to(root)}/: the site's files would mix "
                        "with the ones you edit")
        if out.exists() and not out.is_dir():
            return "is a file, not a folder"
        return None

    def require(self) -> None:
        """Refuse to work on a folder that is not a timeline project (a mistyped --root, or
        the wrong current folder), before anything is written there: no lock file, no
        content/events/, no cache."""
        if not self.root.is_dir():
            raise ConfigError("no such project folder; run `timeline init DIR` or pass "
                              "--root DIR", path=self.root)
        if not self.content.is_dir():
            raise ConfigError("not a timeline project (no content/ folder here); run "
                              "`timeline init DIR` to make one, or pass --root DIR",
                              path=self.root)


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Timeline"
    description: str = ""
    base_url: str = "/"
    url: str | None = None          # the public address (full URL) for feeds and the sitemap
    language: str = "en"
    timezone: str = "UTC"
    extra: dict = field(default_factory=dict)
