"""A zone named in text, "0900 <Place> time" or "at 8 pm in <Place>" (:func:`named_zone`):
a confident answer or none, as a wrong zone is worse than none. From timeline.places'
gazetteer (GeoNames, its Named part and its index of every place by each name) and the
tz database. In order:

1. a country (places.country_zone): its one zone in the tz database's zone.tab ("Haiti
   time"), or for a country of several its capital's when at least 90% of its people in
   GeoNames' cities keep the capital's clock ("China time" is Beijing's, "Chile time"
   Santiago's; "United States", "Canada", "Australia", "Russia", "Brazil", "Mexico"
   time: none, a quarter or more of their people live on other clocks) -- unless a
   region below has the name and another clock ("Georgia": the country or the US
   state): none;
2. a first-level region of the US (GeoNames' state names), Canada, Australia or the
   United Kingdom (their names in timeline/data/gazetteer.yaml): the zone of at least
   90% of its people in GeoNames' cities, zones counted as one when their clocks agree
   2000-2030 ("Florida
   time" Eastern, "Arizona time" Phoenix's; "Indiana" and "Tennessee" are split:
   none), unless cities of 100,000+ of that name on other clocks hold over 10% of the
   people of both ("Ontario" is the province, not the Californian city; "Victoria" may
   be Melbourne's state or Hong Kong's or British Columbia's city: none), or the
   country's capital has the name ("Washington" is D.C., not the state);
3. a city whose own GeoNames name it is, or that name without "City" ("New York" for
   New York City), or its words before a name particle of the gazetteer's data file
   or a bracket ("Frankfurt" for Frankfurt am Main, "Stoke" for Stoke-on-Trent) unless
   other cities' names begin with those words too ("Port": Port Harcourt), of
   100,000+ people or its country's capital, holding 90% of the people of the cities
   of 100,000+ so named ("London" is England's; "Springfield", "Birmingham",
   "Victoria", "Newcastle" (New South Wales', Tyne's or KwaZulu-Natal's): none);
4. if no city of 100,000+ has that name, an ASCII alternate name of a city of
   1,000,000+ (the same 90%): "Mecca" (Makkah), "Kiev" (Kyiv), "Bombay". Never a small
   town's alternate ("Chile" is also Şile's, "Florida" Floridablanca's, "Olympic" a
   Hong Kong district's).

"<City>, <Region or country>" ("Paris, Texas", "Perth, Scotland") is that city in
that US state, Canadian, Australian or British region (rule 2's) or country: the clock
of 90% of the people of the places of that name there (any of their names, any size
the gazetteer has); if it has none, the region's or country's as read alone ("Paris,
Ontario": Ontario's). A region's abbreviation of the data file ("Paris, Tex.",
"Portland, Ore.", "London, Ont.", "Portland, ME") reads as its name, but only for a
city the gazetteer has in that region: the words may be no qualifier ("Paris, OK",
"Rome, Mass was said"): none; an unknown qualifier ("Paris, Penn."): none.

With the article's dateline (``home``), a name that is also a place of the dateline's
country (a gazetteer place by any of its names, a region, the country itself) on
another clock than the reading above is never read abroad: "10pm in Westminster" in
a London article is not Colorado's Westminster. It is read at home when the home
places of that name keep one clock and the largest of them is the largest place of
that name anywhere (the City of Westminster, 248,000 people, over Colorado's 116,000;
"Manchester" in a London article), else none ("8 pm in Toledo" in a Madrid article:
Toledo, Spain is smaller than Toledo, Ohio). One exception: a capital or a city of
1,000,000+ keeps its name against home places that are towns (under 100,000: "8 pm in
Paris" in a Washington article is France's, not Paris, Texas's; "Perth" in a London
article Western Australia's, not Scotland's).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from .places import (BIG_CITY, CITY, SHARE, Candidate, country_zone, default_gazetteer,
                     dominant_zone, iana_zone, is_iana, lookup, name_key, zone_clock,
                     zones_by_country)

# A word after a place's comma this short may abbreviate a region ("Tex.", "Calif.", "ME"):
# the place is then not read alone.
_ABBREVIATION = 5


def named_zone(name: str | None, home: str | None = None) -> ZoneInfo | None:
    """A zone named in text ("0900 Beijing time", "at 8 pm in Georgia", "in Paris,
    Texas"): an IANA zone name, else a country, region or city as the module's docstring
    orders them; None when the name is none of those or may be several on different
    clocks. ``home``: the article's dateline place or zone (as places.zone reads it), if
    any: a name that is also a place there is not read abroad (the module's docstring)."""
    if not name or not name.strip():
        return None
    if is_iana(name):
        return iana_zone(name)
    name = name.strip().rstrip(",").strip()
    city, _, where = (part.strip() for part in name.partition(","))
    if where and _may_qualify(where):
        found = _qualified_zone(city, where)
    else:   # "at 8 pm in Paris, Mr Smith said": the words after the comma are no place
        found = _home_zone(city, _named_zone(city), _home_country(home))
    return ZoneInfo(found) if found else None


def _may_qualify(where: str) -> bool:
    """Whether the words after a place's comma may say where it is: a region or country
    ("Paris, Texas"), any place of the gazetteer, or a short word that may abbreviate one
    (the data file's "Tex.", "ME", or one it does not know: "Penn."); not a person's or a
    paper's name ("Mr Smith", "Reuters"), after which the place is read alone."""
    gazetteer = default_gazetteer()
    return name_key(where) in gazetteer.named().regions or gazetteer.country_code(where) is not None \
        or bool(gazetteer.places(where)) or (" " not in where and len(where.rstrip(".")) <= _ABBREVIATION)


class Reading(NamedTuple):
    """What a name in text reads as: a zone, the country it is in, the people it holds,
    and whether it is a world city (its country's capital or of BIG_CITY)."""
    timezone: str
    country: str
    people: int
    world: bool = False


def _named_zone(name: str) -> Reading | None:
    """named_zone's rules 1-4 (the module's docstring) for a place name."""
    gazetteer = default_gazetteer()
    named, k, code = gazetteer.named(), name_key(name), gazetteer.country_code(name)
    region = named.regions.get(k)
    if code:
        # "Mexico": a country of several clocks (no national zone), not its capital city;
        # "Georgia": the country or the state
        national = country_zone(name)
        same = national is not None and (region is None or (
            region.timezone is not None and zone_clock(region.timezone) == zone_clock(national)))
        return Reading(national, code, named.people.get(code, 0)) if same else None
    cities = named.cities.get(k, ())
    top, city = (cities[0] if cities else None), dominant_zone(cities, CITY)
    if region:
        if city and top.capital and top.country == region.country:
            return _city_reading(city, top)     # "Washington": D.C., not the state
        rivals = sum(c.population for c in cities if c.population >= CITY
                     and (region.timezone is None or zone_clock(c.timezone) != zone_clock(region.timezone)))
        # "Ontario" is the province, not the Californian city; "Victoria": none
        if region.timezone and region.people >= SHARE * (region.people + rivals):
            return Reading(region.timezone, region.country, region.people)
        return None
    if not cities:
        cities = named.alternates.get(k, ())
        city = dominant_zone(cities, 0)
    return _city_reading(city, cities[0]) if city else None


def _city_reading(zone_name: str, top: Candidate) -> Reading:
    return Reading(zone_name, top.country, top.population, top.capital or top.population >= BIG_CITY)


def _qualified_zone(name: str, where: str) -> str | None:
    """"Paris, Texas": the clock of SHARE of the people of the places named ``name`` in
    the region or country ``where``; if it has none, ``where``'s own (_named_zone), but
    not for a region's abbreviation ("Paris, OK": None; the module's docstring); None
    when ``where`` is no region or country the gazetteer knows ("Paris, Penn.")."""
    gazetteer = default_gazetteer()
    named = gazetteer.named()
    short = named.abbreviations.get(where.removesuffix("."))    # "Tex." (or "Tex"), "N.Y.", "OR"
    region = named.regions.get(short or name_key(where))
    country = None if short else gazetteer.country_code(where)
    if region is None and country is None:
        return None
    there = [c for c in gazetteer.places(name) if c.country == country
             or region and (c.country, c.admin1) == (region.country, region.admin1)]
    if there:
        return dominant_zone(there, 0)
    if short:
        return None
    found = _named_zone(where)
    return found.timezone if found else None


def _home_zone(name: str, found: Reading | None, home: str | None) -> str | None:
    """The zone of ``name`` read in text in an article from the country ``home`` (ISO
    code or None), ``found`` its reading anywhere (_named_zone): the module's docstring."""
    if home is None:
        return found and found.timezone
    gazetteer = default_gazetteer()
    named, code = gazetteer.named(), gazetteer.country_code(name)
    if code == home:
        return country_zone(name)               # the dateline's own country
    region = named.regions.get(name_key(name))
    readings = [_Meaning(c.population, c.timezone, c.country, c.population < CITY)
                for c in gazetteer.places(name)]
    if region:
        readings.append(_Meaning(region.people, region.timezone, region.country))
    if code:
        readings.append(_Meaning(named.people.get(code, 0), country_zone(name), code))
    if found:
        readings.append(_Meaning(found.people, found.timezone, found.country))
    homes = [r for r in readings if r.country == home]
    if not homes or found and (found.country == home or all(
            r.timezone and zone_clock(r.timezone) == zone_clock(found.timezone) for r in homes)):
        return found and found.timezone
    if found and found.world and all(r.town for r in homes):
        return found.timezone                   # "8 pm in Paris" from Washington: not Paris, Texas
    # never the reading abroad: the home's one clock, if home holds the largest place so named
    clocks = {r.timezone and zone_clock(r.timezone) for r in homes}
    top = max(homes, key=lambda r: r.people)
    one_clock = None not in clocks and len(clocks) == 1
    return top.timezone if one_clock and top.people >= max(r.people for r in readings) else None


class _Meaning(NamedTuple):
    """A place a name may be (_home_zone): its people, its zone (None: several clocks),
    its country, and whether it is a town (a city under CITY)."""
    people: int
    timezone: str | None
    country: str
    town: bool = False

@lru_cache(maxsize=64)
def _home_country(home: str | None) -> str | None:
    """The ISO code of a dateline's country: of its zone (zone.tab) or of its place."""
    if not home or not home.strip():
        return None
    if is_iana(home):
        return next((code for code, zones in zones_by_country().items() if home in zones), None)
    place = lookup(home)
    return place.country if place else default_gazetteer().country_code(home)
