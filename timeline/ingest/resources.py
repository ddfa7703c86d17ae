"""Load and validate the ingest's resource files (resources/<language>/*.yaml).

Knowledge lives in data: boilerplate line patterns, metadata patterns (publication
lines, datelines, bylines, captions, credits) and outlet names. Each file has a
``format`` header and examples; loading compiles every pattern and runs every example,
so a broken resource file fails at once with its name, never silently.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..errors import ConfigError

RESOURCE_DIR = Path(__file__).resolve().parent / "resources"
METADATA_SECTIONS = ("url_line", "published_line", "update_line", "stamp", "dateline", "byline",
                     "byline_run_in", "credit_byline", "caption", "credit", "caption_date",
                     "post_time", "clock_time")
SEARCHED_SECTIONS = ("caption_date", "stamp", "clock_time")   # found anywhere in a line


@dataclass(frozen=True)
class Rule:
    name: str                       # kind (boilerplate) or name (metadata)
    pattern: re.Pattern[str]
    examples: tuple                 # str or dict(text=..., group=expected, ...)
    non_examples: tuple[str, ...]


@dataclass(frozen=True)
class Outlet:
    name: str
    kind: str                       # outlet | wire | photo (picture agency)
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    examples: tuple[str, ...]
    timezone: str | None = None     # home zone: where the outlet's own page stamps are written


@dataclass(frozen=True)
class Region:
    """A state or province a dateline names after its city ("PORTLAND, Maine")."""

    name: str
    aliases: tuple[str, ...]
    country: str
    zones: tuple[str, ...]          # IANA zones in it; the first is its main one


@dataclass(frozen=True)
class Resources:
    language: str
    boilerplate: tuple[Rule, ...]
    metadata: dict[str, tuple[Rule, ...]]
    outlets: tuple[Outlet, ...]
    regions: tuple[Region, ...] = ()
    zone_names: dict[str, str] = field(default_factory=dict)   # "ET" -> America/New_York
    function_words: frozenset[str] = frozenset()                # "the", "of", ...

    def region_named(self, written: str | None) -> Region | None:
        return _region_named(self.regions, written)

    def outlet_named(self, name: str) -> Outlet | None:
        key = name.strip().casefold()
        for outlet in self.outlets:
            if key == outlet.name.casefold() or key in (a.casefold() for a in outlet.aliases):
                return outlet
        return None

    def outlet_for_host(self, host: str) -> Outlet | None:
        host = host.lower().split(":")[0]
        for outlet in self.outlets:
            if any(host == d or host.endswith("." + d) for d in outlet.domains):
                return outlet
        return None

    def outlet_in_line(self, line: str, kind: str = "outlet") -> Outlet | None:
        """An outlet named (as a whole word) in a line, e.g. a subscription blurb."""
        for outlet in self.outlets:
            if outlet.kind != kind:
                continue
            for name in (outlet.name, *outlet.aliases):
                if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line):
                    return outlet
        return None


def _load(path: Path, fmt: str) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read resource file: {exc}", path=path) from None
    if not isinstance(data, dict) or data.get("format") != fmt:
        raise ConfigError(f"resource file must start with `format: {fmt}`", path=path)
    return data


def _rule(entry: dict, key: str, path: Path) -> Rule:
    if not isinstance(entry, dict) or "pattern" not in entry or key not in entry:
        raise ConfigError(f"each entry needs `{key}` and `pattern`: {entry!r}", path=path)
    try:
        pattern = re.compile(entry["pattern"])
    except re.error as exc:
        raise ConfigError(f"{entry[key]}: bad pattern: {exc}", path=path) from None
    rule = Rule(str(entry[key]), pattern, tuple(entry.get("examples") or ()),
                tuple(entry.get("non_examples") or ()))
    if not rule.examples:
        raise ConfigError(f"{rule.name}: needs at least one example", path=path)
    return rule


def check_rule(rule: Rule, search: bool = False) -> list[str]:
    """Failures of a rule's own examples (empty when they all hold)."""
    find = rule.pattern.search if search else rule.pattern.match
    failures = []
    for example in rule.examples:
        text = example["text"] if isinstance(example, dict) else example
        m = find(text)
        if not m:
            failures.append(f"{rule.name}: example does not match: {text!r}")
            continue
        if isinstance(example, dict):
            for group, want in example.items():
                if group != "text" and m.groupdict().get(group) != want:
                    failures.append(f"{rule.name}: {text!r}: group {group} is "
                                    f"{m.groupdict().get(group)!r}, expected {want!r}")
    for text in rule.non_examples:
        if find(text):
            failures.append(f"{rule.name}: non-example matches: {text!r}")
    return failures


@lru_cache(maxsize=8)
def load_resources(language: str = "en") -> Resources:
    """The validated resources of one language (cached: they are read-only)."""
    folder = RESOURCE_DIR / language
    if not folder.is_dir():
        raise ConfigError(f"no ingest resources for language {language!r}", path=folder)
    bp_path, md_path, out_path = (folder / n for n in ("boilerplate.yaml", "metadata.yaml",
                                                       "outlets.yaml"))
    bp = _load(bp_path, "timeline-ingest-boilerplate/1")
    boilerplate = tuple(_rule(e, "kind", bp_path) for e in bp.get("patterns") or ())
    md = _load(md_path, "timeline-ingest-metadata/1")
    for section in METADATA_SECTIONS:
        if not isinstance(md.get(section), list) or not md[section]:
            raise ConfigError(f"{section}: missing (a list of rules, each with name, pattern "
                              "and examples)", path=md_path)
    function_words = md.get("function_words")
    if not isinstance(function_words, list) or not function_words \
            or not all(isinstance(w, str) for w in function_words):
        raise ConfigError("function_words: missing (a list of the language's commonest words)",
                          path=md_path)
    metadata = {s: tuple(_rule(e, "name", md_path) for e in md[s]) for s in METADATA_SECTIONS}
    ol = _load(out_path, "timeline-ingest-outlets/1")
    outlets = tuple(
        Outlet(str(e["name"]), str(e.get("kind", "outlet")), tuple(e.get("aliases") or ()),
               tuple(e.get("domains") or ()), tuple(e.get("examples") or ()),
               e.get("timezone"))
        for e in ol.get("outlets") or ())
    regions, zone_names, failures = _places(folder / "places.yaml")
    res = Resources(language, boilerplate, metadata, outlets, regions, zone_names,
                    frozenset(w.casefold() for w in function_words))
    failures += [f for r in boilerplate for f in check_rule(r)]
    for section, rules in metadata.items():
        failures += [f for r in rules for f in check_rule(r, search=section in SEARCHED_SECTIONS)]
    for outlet in outlets:
        if outlet.kind not in ("outlet", "wire", "photo"):
            failures.append(f"{outlet.name}: kind must be outlet, wire or photo")
        if outlet.timezone and not _is_zone(outlet.timezone):
            failures.append(f"{outlet.name}: timezone {outlet.timezone!r} is not an IANA zone")
    if failures:
        raise ConfigError("resource examples fail: " + "; ".join(failures[:5]), path=folder)
    return res


def _places(path: Path) -> tuple[tuple[Region, ...], dict[str, str], list[str]]:
    """places.yaml (optional for a language): regions, zone names, example failures."""
    if not path.exists():
        return (), {}, []
    data = _load(path, "timeline-ingest-places/1")
    try:
        regions = tuple(Region(str(e["name"]), tuple(str(a) for a in e.get("aliases") or ()),
                               str(e["country"]), tuple(e["zones"]))
                        for e in data.get("regions") or ())
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"each region needs name, country and zones ({exc})",
                          path=path) from None
    names = {str(k): str(v) for k, v in (data.get("zone_names") or {}).items()}
    failures = [f"{r.name}: zone {z!r} is not an IANA zone" for r in regions for z in r.zones
                if not _is_zone(z)]
    failures += [f"zone name {k}: {v!r} is not an IANA zone" for k, v in names.items()
                 if not _is_zone(v)]
    for example in data.get("examples") or ():
        written = str(example["dateline"]).split(", ", 1)[-1]
        found = _region_named(regions, written)
        if found is None or found.name != example["region"]:
            failures.append(f"dateline {example['dateline']!r}: region is "
                            f"{found.name if found else None}, expected {example['region']!r}")
    return regions, names, failures


def _region_named(regions: tuple[Region, ...], written: str | None) -> Region | None:
    if not written:
        return None
    key = " ".join(written.split()).casefold().rstrip(".")
    for region in regions:              # "La." and Reuters' "La" alike
        if key == region.name.casefold() or key in (a.casefold().rstrip(".")
                                                    for a in region.aliases):
            return region
    return None


DEFAULT_LANGUAGE = "en"


def resources_for(language: str | None) -> Resources:
    """The resources of an article's language ("de-DE" -> de/), or English's when that
    language has no folder yet: a new language is a new folder, not new code."""
    code = (language or DEFAULT_LANGUAGE).split("-")[0].split("_")[0].lower()
    if code.isalpha() and (RESOURCE_DIR / code).is_dir():
        return load_resources(code)
    return load_resources(DEFAULT_LANGUAGE)


def _is_zone(name: str) -> bool:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
