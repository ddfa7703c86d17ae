"""content/site.yaml: the site's settings, validated with ``path:line:col`` for every
problem (split from timeline.schema, which re-exports these names).

    check_site_config(project) -> (SiteConfig | None, problems)   for `timeline check`
    load_site_config(project)  -> SiteConfig       raises ConfigError / ValidationError
"""
from __future__ import annotations

import re
from dataclasses import fields
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from yaml.nodes import MappingNode

from .errors import ConfigError, Problem, ValidationError
from .project import Project, SiteConfig
from .yamlcheck import (_at, _Fields, construct, decode, describe, display_path, mapping_items,
                        parse_yaml, unknown_key)


def base_url_problem(value: str) -> str | None:
    """Why ``value`` is not a usable base URL ("/", "/repo/", "https://host/repo/"), or None."""
    if not value or value != value.strip() or any(c.isspace() for c in value):
        return f"base URL \"{value}\" is empty or contains spaces"
    if "?" in value or "#" in value:
        return f"base URL \"{value}\" must not contain '?' or '#'"
    if value.startswith("/"):
        return None if not value.startswith("//") else f"base URL \"{value}\" starts with '//'"
    if re.fullmatch(r"https?://[A-Za-z0-9.-]+(:\d+)?(/[^?#]*)?", value):
        return None
    return (f"base URL \"{value}\" must be a path starting with '/' (e.g. /repo/) or a full "
            "http(s) URL (e.g. https://user.github.io/repo/)")


def normalize_base_url(value: str) -> str:
    """The base URL with exactly one trailing slash (call base_url_problem first)."""
    return value.rstrip("/") + "/"


def check_site_config(project: Project, strict: bool = False) -> tuple[SiteConfig | None, list[Problem]]:
    """content/site.yaml as a SiteConfig, with every problem (unknown keys: warnings)."""
    path = project.site_config
    shown = display_path(path)
    if not path.is_file():
        return None, [Problem(shown, "site config not found; create it (title, description, "
                              "base_url, language, timezone) or run `timeline init`")]
    text, problems = decode(path.read_bytes(), shown)
    if text is None:
        return None, problems
    parsed = parse_yaml(text, shown)
    if parsed.problems:
        return None, parsed.problems
    node = parsed.node
    if node is None:
        return None, [Problem(shown, "empty file; set at least title and base_url", 1, 1)]
    if not isinstance(node, MappingNode):
        return None, [Problem(shown, f"site config must be a mapping of keys, not {describe(node)}",
                              *_at(node))]
    f = _Fields(shown, mapping_items(node, shown), source=parsed.text)
    known = tuple(x.name for x in fields(SiteConfig) if x.name != "extra")
    values: dict[str, Any] = {}
    for key in known:
        value = f.text(key)
        if value is not None:
            values[key] = value
    if "base_url" in values:
        why = base_url_problem(values["base_url"])
        if why:
            f.error(f.items["base_url"][1], why)
        else:
            values["base_url"] = normalize_base_url(values["base_url"])
    if "url" in values:
        why = base_url_problem(values["url"])
        if why is None and values["url"].startswith("/"):
            why = (f"url \"{values['url']}\" must be the site's full public address "
                   "(e.g. https://user.github.io/repo/); base_url takes a path")
        if why:
            f.error(f.items["url"][1], why.replace("base URL", "url", 1))
        else:
            values["url"] = normalize_base_url(values["url"])
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            f.error(f.items["timezone"][1], f"timezone \"{values['timezone']}\" is not an IANA "
                    f"time zone{_zone_hint(values['timezone'])}")
    if "language" in values and not _LANG_RE.fullmatch(values["language"]):
        f.problems.append(Problem(shown, f"language \"{values['language']}\" is not an HTML "
                                  "lang code; write e.g. en, en-GB or fr (pages declare it for "
                                  "screen readers and search engines)",
                                  *_at(f.items["language"][1]), severity="warning"))
    extra = {}
    for key, (knode, vnode) in f.items.items():
        if key not in known:
            f.problems.append(unknown_key(shown, key, knode, known, strict))
            try:
                extra[key] = construct(parsed.loader, vnode)
            except (ValueError, TypeError, OverflowError, yaml.YAMLError) as exc:
                f.error(vnode, f"cannot read '{key}': {exc}")
    if any(p.severity == "error" for p in f.problems):
        return None, f.problems
    return SiteConfig(**values, extra=extra), f.problems


_LANG_RE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")   # BCP 47's common shapes


def _zone_hint(name: str) -> str:
    """" (Hanoi is in Asia/Bangkok: write timezone: Asia/Bangkok)" for a place name."""
    from .places import lookup
    place = lookup(name) if "/" not in name else None
    if place is not None and place.timezone:
        return f" ({place.name} is in {place.timezone}: write timezone: {place.timezone})"
    return " (e.g. Asia/Ho_Chi_Minh, Europe/Paris, UTC)"


def load_site_config(project: Project) -> SiteConfig:
    """content/site.yaml; raises ConfigError (missing) or ValidationError (any error)."""
    config, problems = check_site_config(project)
    if config is None and not project.site_config.is_file():
        raise ConfigError(problems[0].message, path=problems[0].path)
    if config is None:
        raise ValidationError([p for p in problems if p.severity == "error"])
    return config
