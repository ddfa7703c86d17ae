"""Where pages live and how links to them are written.

Every internal link is root-relative and starts with the site's base path, so the
same site works at ``/`` and under a sub-path (a GitHub Pages project site at
``/repo/``), and ``404.html`` works at any depth.

``--base-url`` (or ``base_url`` in content/site.yaml) is either a path (``/repo/``)
or a full URL (``https://user.github.io/repo/``); ``url`` in content/site.yaml is the
site's public address. The first full URL among ``--base-url``, ``url`` and
``base_url`` is where feeds, the sitemap, the calendar and canonical links point (a
local preview built for ``/`` still announces the public pages). Without one, nothing
absolute can be written: the build warns, sitemap.xml is not written (the protocol
requires absolute URLs), the Atom feed carries root-relative links (RFC 4287 allows
them; readers resolve them against the feed's address), the JSON Feed leaves out its
URL fields (it has no base to resolve against), feed ids are stable ``urn:uuid:`` ids
and the calendar has no URL property.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..errors import ConfigError
from ..slugs import slugify   # re-exported: views and calendar use it from here

_SAFE_ID = re.compile(r"^[\w][\w.-]*$")
_PLAIN = re.compile(r"[A-Za-z0-9/._~#-]*\Z")


@dataclass(frozen=True)
class BaseUrl:
    """The base path (always starts and ends with "/") and, when known, the origin."""

    path: str = "/"
    origin: str | None = None      # "https://user.github.io" (no trailing slash)
    public_path: str | None = None  # the public site's path when it is not ``path``

    @property
    def absolute(self) -> bool:
        return self.origin is not None

    def link(self, rel: str) -> str:
        """Root-relative link to a site path ("events/x/" -> "/repo/events/x/")."""
        rel = rel.lstrip("/")
        if _PLAIN.match(rel):                      # the common case, without urllib's cost
            return self.path + rel
        return self.path + quote(rel, safe="/#?=&.-_~")

    def full(self, rel: str) -> str:
        """Absolute URL when an origin is known, else the root-relative link."""
        if self.origin is None:
            return self.link(rel)
        if self.public_path is None:
            return self.origin + self.link(rel)
        return self.origin + self.public_path + self.link(rel)[len(self.path):]


def site_base(cli_value: str | None, base_url: str | None, url: str | None) -> BaseUrl:
    """The links' base path (``--base-url``, else site.yaml's ``base_url``) and the public
    address: the first full URL among ``--base-url``, ``url`` and ``base_url``."""
    base = parse_base_url(cli_value if cli_value is not None else base_url)
    if base.absolute:
        return base
    for raw in (url, base_url):
        public = parse_base_url(raw) if raw else None
        if public is not None and public.absolute:
            return BaseUrl(base.path, public.origin,
                           None if public.path == base.path else public.path)
    return base


def parse_base_url(raw: str | None) -> BaseUrl:
    """"/repo", "/repo/", "https://host/repo" -> BaseUrl; anything else is a ConfigError."""
    if raw is None or str(raw).strip() == "":
        return BaseUrl()
    text = str(raw).strip()
    parts = urlsplit(text)
    if parts.scheme or parts.netloc:
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(f"base URL must be a path like /repo/ or an http(s) URL, not {text!r}")
        if parts.query or parts.fragment:
            raise ConfigError(f"base URL must not have a query or fragment: {text!r}")
        origin = f"{parts.scheme}://{parts.netloc}"
        path = parts.path
    else:
        origin, path = None, text
        if not path.startswith("/"):
            raise ConfigError(f"base path must start with '/': {text!r} (e.g. /repo/)")
    if any(c in path for c in "\"'<> \\?#") or "/../" in path + "/" or "/./" in path + "/":
        raise ConfigError(f"base path has characters that cannot appear in a link: {text!r}")
    if not path.endswith("/"):
        path += "/"
    return BaseUrl(re.sub(r"/{2,}", "/", path), origin)


def unique_slugs(names: list[str]) -> dict[str, str]:
    """name -> slug, distinct names that slug alike get -2, -3 (in sorted order)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names), key=lambda n: (slugify(n), n)):
        base = slugify(name)
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        out[name] = slug
    return out


def safe_id(value: str) -> bool:
    """An id usable as one folder name in the site (no separators, no dot-dot)."""
    return bool(_SAFE_ID.match(value)) and ".." not in value


def external_url(url: str | None) -> str | None:
    """Only http(s) URLs from articles or front matter reach a page; anything else is dropped."""
    if not url:
        return None
    text = str(url).strip()
    if any(ord(c) < 33 for c in text) or '"' in text or "<" in text or ">" in text:
        return None
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text
