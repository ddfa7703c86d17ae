"""Where a timeline project keeps things, and its site settings (content/site.yaml)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_TEMPLATES = PACKAGE_DIR / "theme"   # the installed default theme (see templates/ in the repo)


@dataclass(frozen=True)
class Project:
    """The folders of one timeline project, all derived from its root."""

    root: Path

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


@dataclass(frozen=True)
class SiteConfig:
    title: str = "Timeline"
    description: str = ""
    base_url: str = "/"
    url: str | None = None          # the public address (full URL) for feeds and the sitemap
    language: str = "en"
    timezone: str = "UTC"
    extra: dict = field(default_factory=dict)
